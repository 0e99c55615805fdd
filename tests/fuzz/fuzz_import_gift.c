/* fuzz_import_gift.c - libFuzzer target for the GIFT importer.
 *
 * Any bytes go in as a source file; the importer must report problems as
 * values and never crash, leak or hang, and whatever it imports must pass
 * the pack checker (import_finish guarantees it: a failure here is a bug).
 * Built with -DQUIZDECK_FUZZ=ON; tests/fuzz/run-fuzz.sh runs it in CI.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "import.h"
#include "pack_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, const char *name, ImportFormat format)
{
    ImportPack *p = import_pack_new();
    if (!p)
        return;
    ImportOptions options = {0};
    import_buffer(p, name, (const char *)data, size, format, &options);
    ImportResult r;
    if (p->question_count && import_finish(p, "fuzz", "Fuzz", &r)) {
        DiagList d = {0};
        Pack *pack = pack_load_buffer("fuzz.yaml", r.yaml, r.yaml_len, &d);
        if (!pack)
            abort(); /* an import that fails the checker */
        pack_free(pack);
        diag_clear(&d);
        import_result_free(&r);
    }
    import_pack_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(data, size, "fuzz.gift", IMPORT_GIFT);
    return 0;
}
