/* bench_import.c - how long importing a large bank takes, next to loading
 * the pack it becomes.
 *
 * Generates a 50,000-question GIFT file (choice, weighted multi, true/false,
 * short answer, matching and missing word, with categories, titles and
 * feedback) and a 50,000-row CSV in quizdeck's columns (all eight types),
 * from a fixed pattern so every run reads the same bytes. For each it
 * prints the median wall time of the whole import (reading, converting,
 * writing the YAML and checking it with pack_load_buffer) and of
 * pack_load_buffer alone on the resulting YAML, and their ratio. The target
 * is an import within 2x of loading the pack; figures never make it fail
 * (design rule 10). It fails only if an import does not give every question.
 *
 * Usage: bench_import [--questions N] [--runs N]
 * Read src/core/import/import.h first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import.h"
#include "pack_load.h"
#include "strbuf.h"
#include "test_support.h"

enum { BENCH_DEFAULT_QUESTIONS = 50000, BENCH_DEFAULT_RUNS = 5, BENCH_MAX_RUNS = 51 };

static const double BENCH_TARGET_RATIO = 2.0;

static const char *const words[] = {"alliance", "council", "treaty",  "summit", "coast",
                                    "defence",  "harbour", "capital", "desert", "frontier",
                                    "embassy",  "charter", "region",  "pact",   "ministry"};
#define WORD(i) words[(i) % (sizeof words / sizeof words[0])]

static void make_gift(size_t n, StrBuf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i % 500 == 0)
            strbuf_addf(out, "$CATEGORY: $course$/top/Unit %zu\n\n", i / 500 + 1);
        strbuf_addf(out, "// question: %zu\n::Q%zu %s::", i, i, WORD(i));
        switch (i % 6) {
        case 0:
            strbuf_addf(out,
                        "Which %s is linked to the %s of question %zu?{\n\t=%s %zu#Right.\n"
                        "\t~%s\n\t~%s\n\t~%s\n####The %s is the one.\n}\n\n",
                        WORD(i), WORD(i + 1), i, WORD(i + 2), i, WORD(i + 3), WORD(i + 4),
                        WORD(i + 5), WORD(i + 2));
            break;
        case 1:
            strbuf_addf(out, "Pick every %s of set %zu.{~%%50%%%s ~%%50%%%s ~%%-100%%%s}\n\n",
                        WORD(i), i, WORD(i + 1), WORD(i + 2), WORD(i + 3));
            break;
        case 2:
            strbuf_addf(out, "The %s of item %zu came before the %s.{%s#No.#Yes.}\n\n", WORD(i), i,
                        WORD(i + 1), i % 4 ? "T" : "FALSE");
            break;
        case 3:
            strbuf_addf(out, "Name the %s of question %zu.{=%s =the %s ####Feedback %zu.}\n\n",
                        WORD(i), i, WORD(i + 1), WORD(i + 1), i);
            break;
        case 4:
            strbuf_addf(out, "Match each %s.{=%s %zu -> %s =%s %zu -> %s =%s %zu -> %s}\n\n",
                        WORD(i), WORD(i), i, WORD(i + 5), WORD(i + 1), i, WORD(i + 6), WORD(i + 2),
                        i, WORD(i + 7));
            break;
        default:
            strbuf_addf(out, "The %s of %zu is {=%s ~%s} by the %s.\n\n", WORD(i), i, WORD(i + 1),
                        WORD(i + 2), WORD(i + 3));
            break;
        }
    }
}

static void make_csv(size_t n, StrBuf *out)
{
    strbuf_add(out,
               "id,type,topic,prompt,answer,option 1,option 2,option 3,option 4,text,explain\n");
    static const char *const types[] = {"choice", "multi", "truefalse", "typed",
                                        "order",  "match", "cloze",     "flashcard"};
    for (size_t i = 0; i < n; i++) {
        const char *t = types[i % 8];
        strbuf_addf(out, "q%zu,%s,Unit %zu,", i, t, i / 500 + 1);
        switch (i % 8) {
        case 0:
            strbuf_addf(out, "Which %s %zu?,%s,%s,%s,%s,%s,,Because.\n", WORD(i), i, WORD(i + 1),
                        WORD(i + 1), WORD(i + 2), WORD(i + 3), WORD(i + 4));
            break;
        case 1:
            strbuf_addf(out, "\"Pick %s, %zu\",A | C,%s,%s,%s,,,\n", WORD(i), i, WORD(i + 1),
                        WORD(i + 2), WORD(i + 3));
            break;
        case 2:
            strbuf_addf(out, "The %s %zu is old.,TRUE,,,,,,Yes.\n", WORD(i), i);
            break;
        case 3:
            strbuf_addf(out, "Name the %s %zu.,%s,the %s,,,,,\n", WORD(i), i, WORD(i + 1),
                        WORD(i + 1));
            break;
        case 4:
            strbuf_addf(out, "Order %zu,,%s,%s,%s,,,\n", i, WORD(i), WORD(i + 1), WORD(i + 2));
            break;
        case 5:
            strbuf_addf(out, "Match %zu,,%s = %s,%s = %s,,,,\n", i, WORD(i), WORD(i + 4),
                        WORD(i + 1), WORD(i + 5));
            break;
        case 6:
            strbuf_addf(out, ",,2 = %s,,,,The %s of {{%s}} is {{%s}} %zu.,\n", WORD(i + 3), WORD(i),
                        WORD(i + 1), WORD(i + 2), i);
            break;
        default:
            strbuf_addf(out, ",%s %zu,,,,,%s %zu,\n", WORD(i + 1), i, WORD(i), i);
            break;
        }
    }
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int bench(const char *label, const char *name, const StrBuf *source, size_t questions,
                 int runs)
{
    double import_ms[BENCH_MAX_RUNS], load_ms[BENCH_MAX_RUNS];
    size_t yaml_bytes = 0;
    for (int run = 0; run < runs; run++) {
        double t0 = test_clock_ms(CLOCK_MONOTONIC);
        ImportPack *p = import_pack_new();
        import_buffer(p, name, source->data, source->len, IMPORT_AUTO, NULL);
        ImportResult r;
        bool ok = p->question_count && import_finish(p, "bench", "Bench", &r);
        double t1 = test_clock_ms(CLOCK_MONOTONIC);
        if (!ok || r.imported != questions) {
            fprintf(stderr, "%s: imported %zu of %zu questions\n", label, ok ? r.imported : 0,
                    questions);
            return 1;
        }
        DiagList d = {0};
        double t2 = test_clock_ms(CLOCK_MONOTONIC);
        Pack *pack = pack_load_buffer("bench.yaml", r.yaml, r.yaml_len, &d);
        double t3 = test_clock_ms(CLOCK_MONOTONIC);
        if (!pack)
            return 1;
        yaml_bytes = r.yaml_len;
        pack_free(pack);
        diag_clear(&d);
        import_result_free(&r);
        import_pack_free(p);
        import_ms[run] = t1 - t0;
        load_ms[run] = t3 - t2;
    }
    qsort(import_ms, (size_t)runs, sizeof import_ms[0], compare);
    qsort(load_ms, (size_t)runs, sizeof load_ms[0], compare);
    double imp = import_ms[runs / 2], load = load_ms[runs / 2];
    printf("%-5s %zu questions, %.1f MiB source -> %.1f MiB pack: import %.0f ms, loading the "
           "pack %.0f ms, ratio %.2fx (target <= %.1fx)\n",
           label, questions, (double)source->len / (1 << 20), (double)yaml_bytes / (1 << 20), imp,
           load, imp / load, BENCH_TARGET_RATIO);
    return 0;
}

int main(int argc, char **argv)
{
    size_t questions = BENCH_DEFAULT_QUESTIONS;
    int runs = BENCH_DEFAULT_RUNS;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--questions") == 0)
            questions = (size_t)strtoul(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(argv[i + 1]);
    }
    if (runs < 1 || runs > BENCH_MAX_RUNS || questions == 0 || questions > PACK_MAX_QUESTIONS) {
        fprintf(stderr, "usage: bench_import [--questions 1..100000] [--runs 1..51]\n");
        return 2;
    }
    StrBuf gift = {0}, csv = {0};
    make_gift(questions, &gift);
    make_csv(questions, &csv);
    int status = bench("GIFT", "bench.gift", &gift, questions, runs) ||
                 bench("CSV", "bench.csv", &csv, questions, runs);
    strbuf_free(&gift);
    strbuf_free(&csv);
    return status;
}
