#!/usr/bin/env bash
# `make install` into a temporary prefix, then a build of the sample from another folder: the
# installed binary carries its theme and catalogs (embedInCode resources), nothing beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PREFIX=$(mktemp -d)
ELSEWHERE=$(mktemp -d)
trap 'rm -rf "$PREFIX" "$ELSEWHERE"' EXIT
make --no-print-directory install PREFIX="$PREFIX" >/dev/null
cd "$ELSEWHERE"
status=0
SOURCE_DATE_EPOCH=1795392000 "$PREFIX/bin/dossier" build "$ROOT/evidence" --output pack --progress none >build.log 2>&1 || status=$?
# 1 is findings (the sample has some on purpose); anything else is a failure to build.
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then cat build.log >&2; echo "check-install: the installed dossier exited $status" >&2; exit 1; fi
for file in pack/index.html pack/assets/dossier.css pack/assets/dossier.js pack/frameworks/iso27001-2022.html; do
  [ -s "$file" ] || { echo "check-install: $file is missing from the pack" >&2; exit 1; }
done
# The stylesheet is the built-in one, byte for byte, and the ISO catalog gave all 93 controls.
cmp -s pack/assets/dossier.css "$ROOT/templates/assets/dossier.css" || { echo "check-install: the pack's stylesheet is not the built-in theme's" >&2; exit 1; }
controls=$(ls pack/controls/iso27001-2022 | wc -l)
[ "$controls" -eq 93 ] || { echo "check-install: $controls ISO/IEC 27001 control pages, expected 93" >&2; exit 1; }
echo "check-install: installed into a temporary prefix; a build from another folder rendered the sample with the built-in theme ($controls ISO controls)"
