/* bench_packs.c - writes a folder of generated packs for the start-up
 * benchmarks (run-ui-bench.sh: 200 and 300 small packs, one 50,000-question
 * pack), so that nothing generated is ever committed. Each pack is
 * FOLDER/PREFIX-NNN.yaml with id PREFIX-NNN and its own seed; the packs are
 * valid (pack_gen.h), so the game loads every one.
 *
 * Usage: bench_packs FOLDER COUNT QUESTIONS [PREFIX]
 *   e.g. bench_packs /tmp/packs-200 200 16       (200 packs of 16 questions,
 *        the size of a shipped pack)
 *        bench_packs /tmp/big 1 50000 big
 * Prints what it wrote; exits 1 when a file cannot be written, 2 on usage.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "pack.h"
#include "pack_gen.h"

enum { BENCH_PACKS_MAX = 10000, BENCH_PACKS_SEED = 20261127 };

static bool bench_parse_count(const char *text, unsigned long lo, unsigned long hi, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-' || v < lo || v > hi)
        return false;
    *out = (size_t)v;
    return true;
}

int main(int argc, char **argv)
{
    size_t count = 0, questions = 0;
    const char *prefix = argc > 4 ? argv[4] : "bench";
    if (argc < 4 || argc > 5 || !bench_parse_count(argv[2], 1, BENCH_PACKS_MAX, &count) ||
        !bench_parse_count(argv[3], 1, PACK_MAX_QUESTIONS, &questions) || strlen(prefix) > 40) {
        fprintf(stderr, "usage: bench_packs FOLDER COUNT QUESTIONS [PREFIX]\n");
        return 2;
    }
    const char *dir = argv[1];
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "bench_packs: cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < count; i++) {
        char id[64], title[80], path[4200];
        snprintf(id, sizeof id, "%s-%03zu", prefix, i + 1);
        snprintf(title, sizeof title, "Benchmark pack %zu", i + 1);
        snprintf(path, sizeof path, "%s/%s.yaml", dir, id);
        FILE *out = fopen(path, "wb");
        PackGenSpec spec = {
            .id = id, .title = title, .questions = questions, .seed = BENCH_PACKS_SEED + i};
        bool ok = out != NULL && pack_gen_write(out, &spec);
        if (out != NULL && fclose(out) != 0)
            ok = false;
        if (!ok) {
            fprintf(stderr, "bench_packs: cannot write %s\n", path);
            return 1;
        }
    }
    printf("bench_packs: %zu pack%s of %zu questions in %s\n", count, count == 1 ? "" : "s",
           questions, dir);
    return 0;
}
