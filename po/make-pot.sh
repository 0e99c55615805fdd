#!/bin/sh
# Writes the translation template (default po/quizdeck.pot) from the sources
# with xgettext. Run from the top of the tree; `cmake --build build --target
# pot` runs it. The keywords are the ones src/core/util/i18n.h defines (see
# po/README.md). Every source is scanned but the pack loader's: its messages
# are diagnostics for pack authors and tools and stay English.
set -eu
out=${1:-po/quizdeck.pot}
version=$(sed -n 's/^project(quizdeck VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
find src -name '*.[ch]' ! -path 'src/core/pack/*' | LC_ALL=C sort > "$out.files"
xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=i18n_plural:1,2 \
  --keyword=ngettext:1,2 --add-location=file --sort-by-file \
  --package-name=quizdeck --package-version="$version" \
  --msgid-bugs-address="quizdeck maintainers" \
  --files-from="$out.files" -o "$out"
rm -f "$out.files"
