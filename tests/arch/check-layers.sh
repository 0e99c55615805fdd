#!/usr/bin/env bash
# The layering rules of the README's design notes, checked on the source:
#   - the core never includes SDL (design rule 1);
#   - the UI plays rounds only through the play engine (quiz.h) and studies
#     only through learn.h: no UI file calls the store's write functions for
#     play or study, nor opens a store transaction.
# Prints each breach as FILE:LINE: what, exits 1 when there is any.
set -u
src="$(cd "$(dirname "$0")/../.." && pwd)/src"
status=0
while IFS= read -r hit; do
  echo "$hit: the core must not include SDL"; status=1
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]SDL' "$src/core")
forbidden='store_(transaction_(begin|commit|rollback)|answer_record|review_record|round_(begin|finish|abandon)|cards?_upsert)[[:space:]]*\('
while IFS= read -r hit; do
  echo "$hit: play and study write the store through quiz.h and learn.h only"; status=1
done < <(grep -rnE "$forbidden" "$src/ui")
if [ "$status" -eq 0 ]; then echo "layers: the core has no SDL; the UI writes no play or study rows itself"; fi
exit "$status"
