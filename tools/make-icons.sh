#!/usr/bin/env bash
# Renders the application icon's PNG sizes from its SVG sources into
# assets/icons/NxN/, where CMakeLists.txt installs them from. The PNGs are
# committed so that building quizdeck does not need an SVG renderer: run
# this after changing either SVG, look at the results, and commit them.
#
#   assets/icons/APP_ID.svg     the icon; every size from 32 px up
#   assets/icons/APP_ID-16.svg  the same picture drawn on whole pixels for 16
#
# Usage: tools/make-icons.sh
# Needs: rsvg-convert (apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
app_id=invalid.quizdeck.Quizdeck # the application id: see README, Installing
command -v rsvg-convert >/dev/null \
  || { echo "make-icons: needs rsvg-convert (apt-get install librsvg2-bin)" >&2; exit 1; }
for size in 16 32 48 64 128 256; do
  source=assets/icons/$app_id.svg
  [ "$size" -eq 16 ] && source=assets/icons/$app_id-16.svg
  mkdir -p "assets/icons/${size}x${size}"
  out=assets/icons/${size}x${size}/$app_id.png
  rsvg-convert --width "$size" --height "$size" "$source" --output "$out"
  echo "$out (from $source)"
done
