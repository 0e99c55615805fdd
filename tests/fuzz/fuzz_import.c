/* fuzz_import.c - the libFuzzer targets of the text importers, one program
 * per format from this one source: fuzz_import_gift (Moodle GIFT),
 * fuzz_import_csv (quizdeck, Kahoot and Blooket sheets), fuzz_import_aiken,
 * fuzz_import_cards (Quizlet and Anki text). CMake builds each with
 * FUZZ_IMPORT_<FORMAT> defined.
 *
 * Any bytes go in as a source file; the importer must report problems as
 * values and never crash, leak or hang, and whatever it imports must pass
 * the pack checker (import_finish guarantees it: a failure here is a bug).
 * Built with -DQUIZDECK_FUZZ=ON; tests/fuzz/run-fuzz.sh runs them in CI.
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
#if defined(FUZZ_IMPORT_GIFT)
    run(data, size, "fuzz.gift", IMPORT_GIFT);
#elif defined(FUZZ_IMPORT_CSV)
    run(data, size, "fuzz.csv", IMPORT_CSV);
#elif defined(FUZZ_IMPORT_AIKEN)
    run(data, size, "fuzz.aiken", IMPORT_AIKEN);
#elif defined(FUZZ_IMPORT_CARDS)
    run(data, size, "fuzz.txt", IMPORT_QUIZLET);
    run(data, size, "fuzz.txt", IMPORT_ANKI);
#else
#error "define one FUZZ_IMPORT_<FORMAT> (tests/fuzz/CMakeLists.txt)"
#endif
    return 0;
}
