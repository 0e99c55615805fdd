#!/bin/sh
# The po_complete test: makes the template anew from the sources and fails
# when any of its strings is missing from po/LANG.po, untranslated or fuzzy
# (msgcmp counts those as missing), naming each one.
#   sh po/check-po.sh WORKDIR LANG...
# Run from the top of the tree (ctest does).
set -eu
work=$1
shift
mkdir -p "$work"
sh po/make-pot.sh "$work/quizdeck.pot"
status=0
for lang in "$@"; do
  if msgcmp "po/$lang.po" "$work/quizdeck.pot"; then
    echo "po/$lang.po: every string of the sources is translated"
  else
    echo "po/$lang.po: strings above are missing, untranslated or fuzzy;" \
         "run 'cmake --build build --target po-update' and translate them" >&2
    status=1
  fi
done
exit $status
