#!/usr/bin/env bash
# Packs a release build for CI runners that have no Swift toolchain: the Swift runtime is linked in
# statically (--static-swift-stdlib), so the runner only needs Debian's cmark-gfm and Graphviz
# libraries, which install-runtime.sh installs. Writes dist/dossier-VERSION-linux-ARCH.tar.gz.
set -euo pipefail
swift build -c release --static-swift-stdlib
binary=.build/release/dossier
version="$("$binary" --version)"
arch="$(uname -m)"
name="dossier-$version-linux-$arch"
if ldd "$binary" | grep -q "libswift\|libFoundation"; then
  echo "dist: the binary still links the Swift runtime dynamically:" >&2
  ldd "$binary" | grep "libswift\|libFoundation" >&2
  exit 1
fi
# The Debian packages that provide every shared library the binary needs outside libc.
packages=""
for library in $(ldd "$binary" | awk '/=> \// {print $3}'); do
  owner="$(dpkg -S "$(readlink -f "$library")" 2>/dev/null | cut -d: -f1 || true)"
  case "$owner" in ""|libc6|libgcc-s1|libstdc++6) ;; *) packages="$packages $owner" ;; esac
done
packages="$(echo "$packages" | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/^ *//')"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/bin"
install -m 0755 "$binary" "$stage/$name/bin/dossier"
cat > "$stage/$name/install-runtime.sh" <<SCRIPT
#!/bin/sh
# Installs the shared libraries dossier needs on a Debian or Ubuntu runner.
set -e
SUDO=""; [ "\$(id -u)" -eq 0 ] || SUDO="sudo"
\$SUDO apt-get update -qq
\$SUDO apt-get install -y -qq $packages
SCRIPT
chmod 0755 "$stage/$name/install-runtime.sh"
cp README.md "$stage/$name/README.md"
mkdir -p dist
# Sorted entries, fixed owner and the build date as every file's time: the tarball is reproducible.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" -C "$stage" -czf "dist/$name.tar.gz" "$name"
echo "dist/$name.tar.gz (runtime packages: $packages)"
