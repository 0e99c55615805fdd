#!/bin/sh
# run-fuzz.sh - run one of the libFuzzer targets for a bounded time (CI).
#
# Usage: tests/fuzz/run-fuzz.sh SECONDS BUILD_DIR [TARGET]
#   TARGET is fuzz_pack_load (the loader, the default), fuzz_pack_cache
#   (the pack cache's image reader, and each load the same through an
#   image), fuzz_pack_set (the folder reader: entries, links, FIFOs made
#   from the input), fuzz_diag_format (the escaping of what reaches a
#   terminal or the screen) or fuzz_result_read (the class result reader);
#   FUZZ_TARGET may name it instead.
#   Configures BUILD_DIR as a fuzz build when it is not one yet (clang,
#   -DQUIZDECK_FUZZ=ON -DQUIZDECK_SANITIZE=ON), builds TARGET, seeds a
#   temporary corpus from tests/data/**/*.yaml, questions/*.yaml and
#   tests/fuzz/corpus/, and fuzzes for SECONDS seconds. Exits non-zero when the
#   fuzzer finds a crash, leak, hang or broken invariant; the input that did it
#   is saved in $FUZZ_ARTIFACTS (default BUILD_DIR/fuzz-artifacts/).
#   Extra libFuzzer flags can be given in $FUZZ_FLAGS (e.g. -jobs=2); set
#   FUZZ_CORPUS to a folder to keep the grown corpus between runs.
#   After the loader (the default target only), the pack cache's target and
#   the four text importers' targets run for SECONDS each.
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 SECONDS BUILD_DIR [fuzz_pack_load|fuzz_pack_cache|fuzz_pack_set|fuzz_diag_format|fuzz_result_read]" >&2
    exit 2
fi
seconds=$1
build=$2
target=${3:-${FUZZ_TARGET:-fuzz_pack_load}}
case $target in
    fuzz_pack_load|fuzz_pack_cache|fuzz_pack_set|fuzz_diag_format|fuzz_result_read) ;;
    *) echo "$0: unknown target '$target'" >&2; exit 2 ;;
esac
case $seconds in
    ''|*[!0-9]*) echo "$0: SECONDS must be a whole number" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)

if ! grep -q '^QUIZDECK_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    CC=${CC:-clang} cmake -S "$source_dir" -B "$build" \
        -DQUIZDECK_FUZZ=ON -DQUIZDECK_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target "$target" -j2
fuzzer="$build/tests/fuzz/$target"

# The corpus grows while fuzzing; set FUZZ_CORPUS to keep it between runs.
if [ -n "${FUZZ_CORPUS:-}" ]; then
    corpus=$FUZZ_CORPUS
    mkdir -p "$corpus"
    temp_corpus=
else
    corpus=$(mktemp -d "${TMPDIR:-/tmp}/quizdeck-fuzz-corpus.XXXXXX")
    temp_corpus=$corpus
fi
list=$(mktemp "${TMPDIR:-/tmp}/quizdeck-fuzz-seeds.XXXXXX")
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
    rm -f "$list"
    if [ -n "$temp_corpus" ]; then rm -rf "$temp_corpus"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Seeds: every pack the project has, good and broken. Copies are numbered,
# since tests/data may hold one name in two folders.
find "$source_dir/tests/data" "$source_dir/questions" "$here/corpus" \
    -type f \( -name '*.yaml' -o -name '*.yml' \) 2>/dev/null | sort >"$list" || true
n=0
while IFS= read -r seed; do
    n=$((n + 1))
    cp "$seed" "$corpus/seed-$n.yaml"
done <"$list"
echo "run-fuzz: $n seed files, $seconds s"

artifacts=${FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$artifacts"

# ASan/UBSan must stop on the first error so that it counts as a crash.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS

status=0
# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$here/yaml.dict" -artifact_prefix="$artifacts/" \
    ${FUZZ_FLAGS:-} "$corpus" || status=$?

if [ "$status" -ne 0 ]; then
    echo "run-fuzz: the fuzzer failed (exit $status); reproducer in $artifacts/" >&2
    echo "run-fuzz: replay with: $fuzzer $artifacts/<crash-file>" >&2
fi

# The pack cache's image, from the same seeds (their loads, written as
# images and damaged), for the same bounded time; only in the default run.
if [ "$target" = fuzz_pack_load ] && [ "$status" -eq 0 ]; then
    cmake --build "$build" --target fuzz_pack_cache -j2
    echo "run-fuzz: fuzz_pack_cache, $seconds s"
    # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
    "$build/tests/fuzz/fuzz_pack_cache" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -dict="$here/yaml.dict" \
        -artifact_prefix="$artifacts/cache-" ${FUZZ_FLAGS:-} "$corpus" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "run-fuzz: fuzz_pack_cache failed (exit $status); reproducer in $artifacts/" >&2
    fi
fi

# The text importers, each for the same bounded time, seeded from their
# corpus (tests/data/import, valid and broken, by extension); only in the
# default run (FUZZ_TARGET names one other target alone).
importers="gift csv aiken cards"
[ "$target" = fuzz_pack_load ] || importers=
for target in $importers; do
    [ "$status" -eq 0 ] || break
    cmake --build "$build" --target "fuzz_import_$target" -j2
    import_corpus=$(mktemp -d "${TMPDIR:-/tmp}/quizdeck-fuzz-$target.XXXXXX")
    case $target in
        gift) pattern='*.gift' ;;
        csv) pattern='*.csv' ;;
        aiken) pattern='*.aiken' ;;
        cards) pattern='*.txt' ;;
    esac
    find "$source_dir/tests/data/import" -type f -name "$pattern" \
        -exec cp {} "$import_corpus/" \; 2>/dev/null || true
    echo "run-fuzz: fuzz_import_$target, $seconds s"
    # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
    "$build/tests/fuzz/fuzz_import_$target" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/import-$target-" ${FUZZ_FLAGS:-} "$import_corpus" || status=$?
    rm -rf "$import_corpus"
    if [ "$status" -ne 0 ]; then
        echo "run-fuzz: fuzz_import_$target failed (exit $status); reproducer in $artifacts/" >&2
    fi
done
exit "$status"
