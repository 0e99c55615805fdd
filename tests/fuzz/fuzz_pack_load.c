/* fuzz_pack_load.c - libFuzzer target for the pack loader.
 *
 * Feeds arbitrary bytes to pack_load_buffer() and checks what must hold for
 * any input, so that the fuzzer finds wrong answers as well as crashes
 * (ASan), undefined behaviour (UBSan), leaks (LSan) and hangs (-timeout):
 *   - NULL comes with at least one error; a Pack comes with none;
 *   - "did you mean" work stays within its bounds (PackLoadStats);
 *   - the records and the Pack keep every promise of pack_invariants.h.
 * Build and run: tests/fuzz/run-fuzz.sh. Read pack.h and pack_load.h first.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pack.h"
#include "pack_invariants.h"
#include "pack_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char FUZZ_NAME[] = "fuzz.yaml";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList diags = {0};
    PackLoadStats stats;
    Pack *pack = pack_load_buffer_stats(FUZZ_NAME, (const char *)data, size, &diags, &stats);
    fuzz_diags(&diags, FUZZ_NAME);
    fuzz_check(stats.suggestions <= DIAG_MAX_ITEMS, "a suggestion for a dropped message", NULL);
    fuzz_check(stats.suggestion_cells <= PACK_SUGGESTION_BUDGET + 64 * 41 * 41,
               "suggestions over their budget", NULL);
    if (pack) {
        fuzz_check(diags.error_count == 0, "a pack was returned with errors", NULL);
        fuzz_pack(pack, FUZZ_NAME);
    } else {
        fuzz_check(diags.error_count >= 1, "NULL was returned without an error", NULL);
    }
    pack_free(pack);
    diag_clear(&diags);
    return 0;
}
