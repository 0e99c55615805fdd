/* test_export.c - an export imports back to the same questions: for CSV
 * every type, for GIFT every type GIFT has (choice, multi, truefalse,
 * typed, match, a one-gap cloze); what GIFT cannot hold is left out and
 * named. Compares the re-imported pack with the original field by field,
 * as a teacher would see it in the game.
 *
 * Read src/core/import/export.h first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export.h"
#include "import.h"
#include "pack_load.h"

/* Every type, with accepted spellings, topics, tags, time limits and
 * points, and text that needs GIFT's escapes and CSV's quotes. */
static const char source_pack[] =
    "format: 1\n"
    "id: round-trip\n"
    "title: Round trip\n"
    "topics:\n"
    "  - {id: gulf, title: \"The Gulf\"}\n"
    "  - {id: maths, title: \"Maths\"}\n"
    "questions:\n"
    "  - id: q-choice\n"
    "    type: choice\n"
    "    topic: gulf\n"
    "    prompt: \"Which council, founded in 1981, includes Kuwait?\"\n"
    "    choices: [\"Gulf Cooperation Council\", \"Arab Maghreb Union\", \"ASEAN\"]\n"
    "    answer: \"Gulf Cooperation Council\"\n"
    "    explain: \"Six states: \\\"the GCC\\\".\"\n"
    "    tags: [gcc, founding]\n"
    "  - id: q-multi\n"
    "    type: multi\n"
    "    topic: maths\n"
    "    prompt: \"Which are primes? {pick} = #all ~that apply\"\n"
    "    choices: [\"2\", \"3\", \"4\", \"9\"]\n"
    "    answers: [\"2\", \"3\"]\n"
    "    explain: \"2 and 3.\"\n"
    "    time_limit: 45\n"
    "  - id: q-truefalse\n"
    "    type: truefalse\n"
    "    prompt: \"Kuwait is an island.\"\n"
    "    answer: false\n"
    "    explain: \"It is on the coast.\"\n"
    "    points: 2000\n"
    "  - id: q-typed\n"
    "    type: typed\n"
    "    prompt: \"How many states make up the GCC?\"\n"
    "    answer: \"six\"\n"
    "    accept: [\"6\", \"six states\"]\n"
    "    explain: \"Bahrain, Kuwait, Oman, Qatar, Saudi Arabia, the UAE.\"\n"
    "  - id: q-match\n"
    "    type: match\n"
    "    prompt: \"Match capital: country\"\n"
    "    pairs:\n"
    "      - \"Kuwait City\": \"Kuwait\"\n"
    "      - \"Doha\": \"Qatar\"\n"
    "    explain: \"Capitals.\"\n"
    "  - id: q-cloze\n"
    "    type: cloze\n"
    "    text: \"The GCC was founded in {{1981}} in Abu Dhabi.\"\n"
    "    accept: {1: [\"nineteen eighty-one\"]}\n"
    "    explain: \"25 May 1981.\"\n"
    "  - id: q-order\n"
    "    type: order\n"
    "    prompt: \"Oldest first\"\n"
    "    items: [\"Arab League\", \"GCC\"]\n"
    "    explain: \"1945, then 1981.\"\n"
    "  - id: q-cloze-two\n"
    "    type: cloze\n"
    "    text: \"A {{joint}} force, Peninsula {{Shield}}.\"\n"
    "    explain: \"Formed in 1984.\"\n"
    "  - id: q-card\n"
    "    type: flashcard\n"
    "    front: \"GCC, in full\"\n"
    "    back: \"Gulf Cooperation Council,\\nfounded 1981\"\n"
    "    explain: \"The six Gulf monarchies.\"\n";

static Pack *load(const char *name, const char *yaml, size_t len)
{
    DiagList d = {0};
    Pack *p = pack_load_buffer(name, yaml, len, &d);
    if (!p) {
        char line[1400];
        for (size_t i = 0; i < d.count; i++) {
            diag_format(&d.items[i], line, sizeof line);
            print_message("%s\n", line);
        }
    }
    diag_clear(&d);
    assert_non_null(p);
    return p;
}

/* Exports `original`, imports the export, and loads the result. */
static Pack *round_trip(const Pack *original, ExportFormat format, const char *file_name,
                        size_t *noted)
{
    StrBuf out = {0};
    DiagList notes = {0};
    export_pack(original, format, &out, &notes);
    assert_false(out.failed);
    *noted = notes.count;
    diag_clear(&notes);
    ImportPack *ip = import_pack_new();
    assert_true(import_buffer(ip, file_name, out.data, out.len, IMPORT_AUTO, NULL));
    ImportResult r;
    bool ok = import_finish(ip, original->id, original->title, &r);
    if (!ok || ip->diags.error_count) {
        print_message("export:\n%s\n", strbuf_text(&out));
        char line[1400];
        for (size_t i = 0; i < ip->diags.count; i++) {
            diag_format(&ip->diags.items[i], line, sizeof line);
            print_message("%s\n", line);
        }
    }
    assert_true(ok);
    assert_int_equal(ip->diags.error_count, 0);
    Pack *back = load("back.yaml", r.yaml, r.yaml_len);
    import_result_free(&r);
    import_pack_free(ip);
    strbuf_free(&out);
    return back;
}

static void assert_lists_equal(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++)
        assert_string_equal(a[i], b[i]);
}

/* The same question as a player meets it. */
static void assert_same_question(const Pack *pa, const Question *a, const Pack *pb,
                                 const Question *b)
{
    assert_string_equal(a->id, b->id);
    assert_int_equal(a->type, b->type);
    assert_string_equal(a->prompt, b->prompt);
    assert_string_equal(a->explain, b->explain);
    assert_string_equal(pack_topic_title(pa, a->topic), pack_topic_title(pb, b->topic));
    assert_int_equal(a->time_limit, b->time_limit);
    assert_int_equal(a->points, b->points);
    switch (a->type) {
    case QUESTION_CHOICE:
    case QUESTION_MULTI:
        assert_lists_equal(a->choices, a->choice_count, b->choices, b->choice_count);
        assert_int_equal(a->answer_index, b->answer_index);
        assert_int_equal(a->answer_mask, b->answer_mask);
        break;
    case QUESTION_TRUEFALSE:
        assert_int_equal(a->truth, b->truth);
        break;
    case QUESTION_TYPED:
        assert_string_equal(a->answer, b->answer);
        assert_lists_equal(a->accept, a->accept_count, b->accept, b->accept_count);
        break;
    case QUESTION_ORDER:
        assert_lists_equal(a->items, a->item_count, b->items, b->item_count);
        break;
    case QUESTION_MATCH:
        assert_int_equal(a->pair_count, b->pair_count);
        for (size_t i = 0; i < a->pair_count; i++) {
            assert_string_equal(a->pairs[i].left, b->pairs[i].left);
            assert_string_equal(a->pairs[i].right, b->pairs[i].right);
        }
        break;
    case QUESTION_CLOZE:
        assert_string_equal(a->text, b->text);
        assert_int_equal(a->gap_count, b->gap_count);
        for (size_t g = 0; g < a->gap_count; g++)
            assert_lists_equal(a->gaps[g].accept, a->gaps[g].accept_count, b->gaps[g].accept,
                               b->gaps[g].accept_count);
        break;
    case QUESTION_FLASHCARD:
        assert_string_equal(a->front, b->front);
        assert_string_equal(a->back, b->back);
        break;
    default:
        break;
    }
}

static void test_csv_round_trip_keeps_every_type(void **state)
{
    (void)state;
    Pack *original = load("round-trip.yaml", source_pack, sizeof source_pack - 1);
    size_t noted;
    Pack *back = round_trip(original, EXPORT_CSV, "round-trip.csv", &noted);
    assert_int_equal(noted, 0);
    assert_int_equal(back->question_count, original->question_count);
    for (size_t i = 0; i < original->question_count; i++)
        assert_same_question(original, &original->questions[i], back, &back->questions[i]);
    assert_string_equal(back->questions[0].tags[1], "founding");
    pack_free(back);
    pack_free(original);
}

static void test_gift_round_trip_keeps_what_gift_has(void **state)
{
    (void)state;
    Pack *original = load("round-trip.yaml", source_pack, sizeof source_pack - 1);
    size_t noted;
    Pack *back = round_trip(original, EXPORT_GIFT, "round-trip.gift", &noted);
    /* order, the two-gap cloze and the flashcard have no GIFT form */
    assert_int_equal(noted, 3);
    assert_int_equal(back->question_count, 6);
    for (size_t i = 0; i < back->question_count; i++) {
        const Question *a = pack_find_question(original, back->questions[i].id);
        assert_non_null(a);
        /* GIFT has no time limit or points */
        Question copy = *a;
        copy.time_limit = back->questions[i].time_limit;
        copy.points = back->questions[i].points;
        assert_same_question(original, &copy, back, &back->questions[i]);
    }
    pack_free(back);
    pack_free(original);
}

static void test_the_shipped_packs_survive_csv(void **state)
{
    (void)state;
    static const char *const packs[] = {"kuwait-gcc.yaml", "kuwait-diplomacy.yaml",
                                        "kuwait-deployments.yaml", "kuwait-alliances.yaml"};
    for (size_t k = 0; k < sizeof packs / sizeof packs[0]; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", QUIZDECK_SOURCE_QUESTIONS, packs[k]);
        DiagList d = {0};
        Pack *original = pack_load_file(path, &d);
        diag_clear(&d);
        assert_non_null(original);
        size_t noted;
        Pack *back = round_trip(original, EXPORT_CSV, "shipped.csv", &noted);
        assert_int_equal(back->question_count, original->question_count);
        for (size_t i = 0; i < original->question_count; i++) {
            const Question *a = &original->questions[i];
            const Question *b = &back->questions[i];
            assert_string_equal(a->id, b->id);
            assert_int_equal(a->type, b->type);
            assert_string_equal(a->prompt, b->prompt);
        }
        pack_free(back);
        pack_free(original);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_round_trip_keeps_every_type),
        cmocka_unit_test(test_gift_round_trip_keeps_what_gift_has),
        cmocka_unit_test(test_the_shipped_packs_survive_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
