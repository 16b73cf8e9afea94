#!/usr/bin/env bash
# Renders the sample pack and saves PNG screenshots of representative pages into docs/screenshots/,
# with headless Chromium at a laptop-sized window. The README shows the overview.
set -euo pipefail
binary="${1:-.build/debug/dossier}"
chromium="$(command -v chromium || command -v chromium-browser)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
SOURCE_DATE_EPOCH=1795392000 "$binary" build evidence --output "$work/pack" --quiet 2>/dev/null || [ $? -eq 1 ]
mkdir -p docs/screenshots
for spec in "overview:index.html" "control:controls/soc2/CC6.1.html" "evidence:evidence/checklists/pre-launch.html" \
            "diagram:evidence/data-flows/ticket-summariser.yml.html" "activity:activities/ticket-summariser.html"; do
  name="${spec%%:*}"
  page="${spec#*:}"
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1000 \
    --screenshot="$PWD/docs/screenshots/$name.png" "file://$work/pack/$page" >/dev/null 2>&1
  echo "docs/screenshots/$name.png ← $page"
done
