/* pack_gen.c - writes valid question packs for the benchmarks: every
 * question type, mixed, with text lengths an author would write, from a
 * fixed seed (the same seed and spec give the same bytes on every machine).
 * The format it follows is ../shared/pack-format.md; read pack_gen.h first.
 */
#include "pack_gen.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pack.h"

enum {
    BENCH_TOPICS = 24,
    BENCH_SECTIONS = 16,
    BENCH_TEXT_MAX = 512,
};

/* ------------------------------------------------------------------ RNG */

uint64_t pack_gen_rng_next(PackGenRng *rng)
{
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A number in [lo, hi]; the slight modulo bias does not matter here. */
static size_t bench_rng_range(PackGenRng *rng, size_t lo, size_t hi)
{
    return lo + (size_t)(pack_gen_rng_next(rng) % (uint64_t)(hi - lo + 1));
}

/* ------------------------------------------------------------ generator */

static const char *const bench_words[] = {
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "which",
    "for",
    "that",
    "alliance",
    "council",
    "treaty",
    "security",
    "region",
    "state",
    "gulf",
    "coast",
    "border",
    "navy",
    "army",
    "force",
    "mission",
    "exercise",
    "cooperation",
    "defence",
    "member",
    "founding",
    "agreement",
    "partner",
    "military",
    "maritime",
    "peace",
    "conflict",
    "strategy",
    "policy",
    "government",
    "minister",
    "summit",
    "charter",
    "protocol",
    "joint",
    "command",
    "training",
    "support",
    "regional",
    "international",
    "united",
    "nations",
    "coalition",
    "liberation",
    "invasion",
    "reconstruction",
    "economy",
    "oil",
    "trade",
    "port",
    "island",
    "desert",
    "capital",
    "city",
    "history",
    "century",
    "decade",
    "year",
    "month",
    "first",
    "second",
    "third",
    "largest",
    "smallest",
    "oldest",
    "newest",
    "main",
    "key",
    "role",
    "part",
    "share",
    "budget",
    "spending",
    "equipment",
    "aircraft",
    "ship",
    "vessel",
    "patrol",
    "base",
    "station",
    "airport",
    "harbour",
    "contribution",
    "commitment",
    "dialogue",
    "diplomacy",
    "mediation",
    "neighbour",
    "ally",
    "friend",
    "rival",
    "threat",
    "risk",
    "crisis",
    "response",
    "relief",
    "aid",
    "humanitarian",
    "fund",
    "development",
    "investment",
    "stability",
    "sovereignty",
    "independence",
    "constitution",
    "parliament",
    "assembly",
    "election",
    "emir",
    "crown",
    "prince",
    "royal",
    "decree",
    "law",
    "court",
    "justice",
    "rights",
    "citizen",
    "population",
    "language",
    "culture",
    "heritage",
    "museum",
    "school",
    "university",
    "science",
    "research",
    "energy",
    "water",
    "climate",
    "weather",
    "season",
    "summer",
    "winter",
    "north",
    "south",
    "east",
    "west",
    "central",
    "new",
    "old",
    "great",
    "small",
    "major",
    "minor",
    "early",
    "late",
    "modern",
    "ancient",
    "naval",
    "aerial",
    "ground",
    "special",
    "rapid",
    "shield",
    "storm",
    "sword",
    "guard",
    "watch",
    "signal",
    "report",
    "study",
    "survey",
};
enum { BENCH_WORD_COUNT = sizeof bench_words / sizeof bench_words[0] };

/* Writes words into buf until its length lies in [min_len, max_len]; the
 * first letter is capitalised when `sentence`, and `end` (if not 0) closes it.
 * Only letters, spaces and . ? , appear, so the text is safe in "...". */
static size_t bench_text(PackGenRng *rng, char *buf, size_t min_len, size_t max_len, bool sentence,
                         char end)
{
    size_t target = bench_rng_range(rng, min_len, max_len);
    size_t reserve = end ? 1 : 0;
    size_t len = 0;
    while (len + reserve < target) {
        const char *word = bench_words[pack_gen_rng_next(rng) % BENCH_WORD_COUNT];
        const char *sep = len == 0 ? "" : sentence && pack_gen_rng_next(rng) % 11 == 0 ? ", " : " ";
        if (len + strlen(sep) + strlen(word) + reserve > max_len) {
            if (len + reserve >= min_len) {
                break;
            }
            /* Too long a word near the end: pad with a short one instead. */
            word = "a";
            sep = len == 0 ? "" : " ";
        }
        size_t sep_len = strlen(sep);
        size_t word_len = strlen(word);
        memcpy(buf + len, sep, sep_len);
        memcpy(buf + len + sep_len, word, word_len);
        len += sep_len + word_len;
    }
    if (sentence && len > 0 && buf[0] >= 'a' && buf[0] <= 'z') {
        buf[0] = (char)(buf[0] - 'a' + 'A');
    }
    if (end) {
        buf[len++] = end;
    }
    buf[len] = '\0';
    return len;
}

/* Short distinct texts (choices, items, pair sides): regenerate on a clash.
 * `texts` holds `count` rows of BENCH_TEXT_MAX bytes. */
static void bench_distinct(PackGenRng *rng, char (*texts)[BENCH_TEXT_MAX], size_t count,
                           size_t min_len, size_t max_len)
{
    for (size_t i = 0; i < count; i++) {
        bool clash;
        do {
            bench_text(rng, texts[i], min_len, max_len, true, 0);
            clash = false;
            for (size_t j = 0; j < i && !clash; j++) {
                clash = strcmp(texts[i], texts[j]) == 0;
            }
        } while (clash);
    }
}

/* A list of short texts, in flow style `["a", "b"]` or block style. */
static void bench_write_list(FILE *out, const char *key, char (*texts)[BENCH_TEXT_MAX],
                             size_t count, bool flow)
{
    if (flow) {
        fprintf(out, "    %s: [", key);
        for (size_t i = 0; i < count; i++) {
            fprintf(out, "%s\"%s\"", i > 0 ? ", " : "", texts[i]);
        }
        fputs("]\n", out);
    } else {
        fprintf(out, "    %s:\n", key);
        for (size_t i = 0; i < count; i++) {
            fprintf(out, "      - \"%s\"\n", texts[i]);
        }
    }
}

/* One question of the given type, with the keys every question may carry. */
static void bench_write_question(FILE *out, PackGenRng *rng, size_t index, QuestionType type)
{
    static char texts[2 * PACK_MAX_OPTIONS][BENCH_TEXT_MAX]; /* 8 KiB: off the stack */
    char text[BENCH_TEXT_MAX];
    bool flow = pack_gen_rng_next(rng) % 2 == 0;

    fprintf(out, "  - id: q-%06zu\n    type: %s\n", index, question_type_name(type));
    fprintf(out, "    topic: t%zu\n", bench_rng_range(rng, 0, BENCH_TOPICS - 1));
    if (pack_gen_rng_next(rng) % 4 != 0) {
        fprintf(out, "    source: s%zu\n", bench_rng_range(rng, 0, BENCH_SECTIONS - 1));
    }
    if (pack_gen_rng_next(rng) % 3 == 0) {
        fprintf(out, "    difficulty: %zu\n", bench_rng_range(rng, 1, 3));
    }
    if (pack_gen_rng_next(rng) % 8 == 0) {
        fprintf(out, "    time_limit: %zu\n", bench_rng_range(rng, 0, 120));
    }
    if (pack_gen_rng_next(rng) % 8 == 0) {
        fprintf(out, "    points: %zu\n", 100 * bench_rng_range(rng, 1, 50));
    }
    if (type != QUESTION_CLOZE && type != QUESTION_FLASHCARD) {
        bench_text(rng, text, 40, 160, true, '?');
        fprintf(out, "    prompt: \"%s\"\n", text);
    }

    switch (type) {
    case QUESTION_CHOICE: {
        size_t count = bench_rng_range(rng, 2, 6);
        bench_distinct(rng, texts, count, 4, 48);
        bench_write_list(out, "choices", texts, count, flow);
        fprintf(out, "    answer: \"%s\"\n", texts[bench_rng_range(rng, 0, count - 1)]);
        if (pack_gen_rng_next(rng) % 10 == 0) {
            fputs("    shuffle: false\n", out);
        }
        break;
    }
    case QUESTION_MULTI: {
        size_t count = bench_rng_range(rng, 3, 8);
        char picked[PACK_MAX_OPTIONS][BENCH_TEXT_MAX];
        size_t picked_count = 0;
        bench_distinct(rng, texts, count, 4, 48);
        bench_write_list(out, "choices", texts, count, flow);
        for (size_t i = 0; i < count; i++) {
            if (pack_gen_rng_next(rng) % 2 == 0 || (i == count - 1 && picked_count == 0)) {
                memcpy(picked[picked_count++], texts[i], BENCH_TEXT_MAX);
            }
        }
        bench_write_list(out, "answers", picked, picked_count, !flow);
        break;
    }
    case QUESTION_TRUEFALSE:
        fprintf(out, "    answer: %s\n", pack_gen_rng_next(rng) % 2 ? "true" : "false");
        break;
    case QUESTION_TYPED: {
        /* Row 0 is the answer, the rest other accepted spellings. */
        size_t accept = bench_rng_range(rng, 0, 3);
        bench_distinct(rng, texts, accept + 1, 3, 24);
        fprintf(out, "    answer: \"%s\"\n", texts[0]);
        if (accept > 0) {
            bench_write_list(out, "accept", texts + 1, accept, flow);
        }
        break;
    }
    case QUESTION_ORDER: {
        size_t count = bench_rng_range(rng, 3, 8);
        bench_distinct(rng, texts, count, 4, 40);
        bench_write_list(out, "items", texts, count, flow);
        break;
    }
    case QUESTION_MATCH: {
        size_t count = bench_rng_range(rng, 2, 6);
        /* Lefts in rows 0..count-1, rights in rows count..2*count-1: all
         * distinct, which is stricter than the format needs. */
        bench_distinct(rng, texts, 2 * count, 3, 32);
        fputs("    pairs:\n", out);
        for (size_t i = 0; i < count; i++) {
            fprintf(out, "      - \"%s\": \"%s\"\n", texts[i], texts[count + i]);
        }
        break;
    }
    case QUESTION_CLOZE: {
        size_t gaps = bench_rng_range(rng, 1, 3);
        fputs("    text: \"", out);
        for (size_t g = 0; g < gaps; g++) {
            bench_text(rng, text, 20, 60, g == 0, 0);
            fprintf(out, "%s%s {{", g > 0 ? " " : "", text);
            bench_text(rng, text, 3, 20, false, 0);
            fputs(text, out);
            if (pack_gen_rng_next(rng) % 3 == 0) {
                bench_text(rng, text, 3, 16, false, 0);
                fprintf(out, "|%s", text);
            }
            fputs("}}", out);
        }
        bench_text(rng, text, 5, 40, false, '.');
        fprintf(out, " %s\"\n", text);
        break;
    }
    case QUESTION_FLASHCARD:
        bench_text(rng, text, 20, 100, true, '?');
        fprintf(out, "    front: \"%s\"\n", text);
        bench_text(rng, text, 10, 160, true, '.');
        fprintf(out, "    back: \"%s\"\n", text);
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }

    if (pack_gen_rng_next(rng) % 4 == 0) {
        size_t first = bench_rng_range(rng, 10, BENCH_WORD_COUNT - 1);
        size_t second = bench_rng_range(rng, 10, BENCH_WORD_COUNT - 2);
        second += second >= first; /* two different tags */
        fprintf(out, "    tags: [%s, %s]\n", bench_words[first], bench_words[second]);
    }
    bench_text(rng, text, 40, 240, true, '.');
    fprintf(out, "    explain: \"%s\"\n", text);
}

bool pack_gen_write(FILE *out, const PackGenSpec *spec)
{
    PackGenRng rng = {spec->seed};
    char text[BENCH_TEXT_MAX];
    size_t questions = spec->questions;

    fputs("# Generated by tests/bench/pack_gen.c; do not edit.\n", out);
    fprintf(out, "format: 1\nid: %s\ntitle: \"%s\"\n", spec->id ? spec->id : PACK_GEN_ID,
            spec->title ? spec->title : "Generated benchmark pack");
    bench_text(&rng, text, 60, 200, true, '.');
    fprintf(out, "description: \"%s\"\nlanguage: en\nauthor: \"bench_load\"\n", text);
    fputs("source:\n  title: \"A generated document\"\n  sections:\n", out);
    for (size_t s = 0; s < BENCH_SECTIONS; s++) {
        bench_text(&rng, text, 10, 60, true, 0);
        fprintf(out, "    s%zu: \"%s\"\n", s, text);
    }
    fputs("topics:\n", out);
    for (size_t t = 0; t < BENCH_TOPICS; t++) {
        bench_text(&rng, text, 8, 40, true, 0);
        fprintf(out, "  - {id: t%zu, title: \"%s\"}\n", t, text);
    }
    fputs("defaults: {time_limit: 30, points: 1000}\nquestions:\n", out);
    /* Types cycle through a shuffled order per block of eight, so every type
     * has the same share yet neighbours differ. */
    QuestionType order[QUESTION_TYPE_COUNT];
    for (size_t i = 0; i < questions; i++) {
        if (i % QUESTION_TYPE_COUNT == 0) {
            for (size_t k = 0; k < QUESTION_TYPE_COUNT; k++) {
                order[k] = (QuestionType)k;
            }
            for (size_t k = QUESTION_TYPE_COUNT - 1; k > 0; k--) {
                size_t j = bench_rng_range(&rng, 0, k);
                QuestionType swap = order[k];
                order[k] = order[j];
                order[j] = swap;
            }
        }
        bench_write_question(out, &rng, i, order[i % QUESTION_TYPE_COUNT]);
    }
    return fflush(out) == 0 && !ferror(out);
}
