#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks that the installed
# binary finds the installed packs (not the source tree's): what a user who
# ran `cmake --install` gets.
set -euo pipefail
build_dir=$1
prefix=$(mktemp -d /tmp/quizdeck-install-XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
out=$(QUIZDECK_DATA_DIR="$prefix/data" "$prefix/bin/quizdeck" --list)
echo "$out"
echo "$out" | grep -q "file: $prefix/bin/../share/quizdeck/questions/kuwait-gcc.yaml" \
  || { echo "FAIL: installed quizdeck did not load its installed packs"; exit 1; }
"$prefix/bin/quizdeck" --check "$prefix/share/quizdeck/questions" | tail -1
test -f "$prefix/share/quizdeck/questions/README.md" \
  || { echo "FAIL: the authoring guide was not installed"; exit 1; }
echo "installed packs found"
