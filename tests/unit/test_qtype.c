/* test_qtype.c - the per-type table (src/core/qtype/qtype.h) on a real pack
 * of every type: the text that stands for each question in lists, the
 * right answer in words, judging in the author's terms, and stored answers
 * that come back from the store exactly and are refused when malformed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pack_load.h"
#include "qtype.h"

static Pack *pack;

static int setup(void **state)
{
    (void)state;
    DiagList diags = {0};
    pack = pack_load_file(QUIZDECK_TEST_DATA "/valid/all-types.yaml", &diags);
    diag_clear(&diags);
    return pack != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pack_free(pack);
    return 0;
}

static const Question *question(const char *id)
{
    const Question *q = pack_find_question(pack, id);
    assert_non_null(q);
    return q;
}

/* Every type has a descriptor whose name is the format's spelling, and a
 * value out of range gets a safe kind instead of NULL. */
static void test_every_type_has_its_kind(void **state)
{
    (void)state;
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++) {
        const QuestionKind *kind = question_kind((QuestionType)t);
        assert_int_equal(kind->type, t);
        assert_string_equal(kind->name, question_type_name((QuestionType)t));
    }
    const QuestionKind *unknown = question_kind(QUESTION_TYPE_COUNT);
    assert_non_null(unknown);
    Answer a;
    qtype_answer_blank(&a);
    assert_int_equal(unknown->judge(question("q-choice"), &a, NULL).right, 0);
}

/* Every question the loader gives keeps its type's promises; one that
 * breaks them (an answer past the choices, a pair's left given twice, a
 * flashcard without a back) does not, so the pack cache refuses an image
 * that holds it instead of showing a question no one can answer. */
static void test_well_formed(void **state)
{
    (void)state;
    for (size_t i = 0; i < pack->question_count; i++) {
        const Question *q = &pack->questions[i];
        assert_true(question_kind(q->type)->well_formed(q));
    }
    Question choice = *question("q-choice");
    choice.answer_index = choice.choice_count;
    assert_false(question_kind(choice.type)->well_formed(&choice));
    Question match = *question("q-match");
    MatchPair pairs[PACK_MAX_OPTIONS];
    memcpy(pairs, match.pairs, match.pair_count * sizeof *pairs);
    pairs[1].left = pairs[0].left;
    match.pairs = pairs;
    assert_false(question_kind(match.type)->well_formed(&match));
    Question card = *question("q-flashcard");
    card.back = "";
    assert_false(question_kind(card.type)->well_formed(&card));
    assert_false(question_kind(QUESTION_TYPE_COUNT)->well_formed(question("q-choice")));
}

/* What Results, Progress and Feedback list for each question: never the
 * author's {{...}} markup (Progress used to show it). */
static void test_stand_for_text(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        const char *text;
    } rows[] = {
        {"q-choice", "Which alliance did Kuwait help found?"},
        {"q-typed", "In which year were the ceasefire talks?"},
        {"q-cloze", "The GCC has ___ members and Kuwait is a ___ one."},
        {"q-flashcard", "GCC"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char buf[256];
        qtype_stand_for(question(rows[i].id), buf, sizeof buf);
        assert_string_equal(buf, rows[i].text);
    }
    /* Cut at a character boundary, never in the middle of one. */
    char tiny[6];
    size_t need = qtype_stand_for(question("q-cloze"), tiny, sizeof tiny);
    assert_int_equal(need, strlen("The GCC has ___ members and Kuwait is a ___ one."));
    assert_string_equal(tiny, "The G");
}

/* Judging reads the author's indices, so it needs no shuffle. */
static void test_judging_in_author_terms(void **state)
{
    (void)state;
    Answer a;
    qtype_answer_blank(&a);
    const Question *choice = question("q-choice");
    a.choice = 0;
    assert_int_equal(question_kind(choice->type)->judge(choice, &a, NULL).right, 1);
    a.choice = 2;
    assert_int_equal(question_kind(choice->type)->judge(choice, &a, NULL).right, 0);

    const Question *multi = question("q-multi"); /* right: 0 and 1 of 3 */
    qtype_answer_blank(&a);
    a.picked = 1u << 0;
    ScoreFraction f = question_kind(multi->type)->judge(multi, &a, NULL);
    assert_int_equal(f.right, 1);
    assert_int_equal(f.out_of, 2);

    const Question *cloze = question("q-cloze");
    const char *gaps[] = {"6", "founding"}; /* "6" is not "six": digits must match */
    qtype_answer_blank(&a);
    a.gaps = gaps;
    a.gap_count = 2;
    uint32_t bits = 0;
    f = question_kind(cloze->type)->judge(cloze, &a, &bits);
    assert_int_equal(f.right, 1);
    assert_int_equal(f.out_of, 2);
    assert_int_equal(bits, 2u); /* gap 2 right, gap 1 wrong: graded apart */
}

/* The right answer as Feedback shows it, with the letters on screen. */
static void test_key_uses_the_letters_shown(void **state)
{
    (void)state;
    const Question *q = question("q-choice");
    size_t display[] = {2, 0, 1}; /* the right choice (0) is shown second */
    QuestionShown shown = {q, display, 3};
    StrBuf b = {0};
    question_kind(q->type)->describe_key(&shown, &b);
    assert_string_equal(strbuf_text(&b), "B: Gulf Cooperation Council");
    strbuf_free(&b);
}

/* Every type's stored answer comes back as it was given, and judges the
 * same; a record that does not fit the question is refused. */
static void test_store_records_round_trip(void **state)
{
    (void)state;
    const char *gaps[] = {"six", "fonding"};
    struct {
        const char *id;
        Answer answer;
    } rows[8];
    for (size_t i = 0; i < 8; i++)
        qtype_answer_blank(&rows[i].answer);
    rows[0].id = "q-choice";
    rows[0].answer.choice = 1;
    rows[1].id = "q-multi";
    rows[1].answer.picked = 5;
    rows[2].id = "q-truefalse";
    rows[2].answer.truth = true;
    rows[3].id = "q-typed";
    rows[3].answer.text = "1991";
    rows[4].id = "q-order";
    rows[4].answer.order[0] = 3;
    rows[4].answer.order[3] = 0;
    rows[5].id = "q-match";
    rows[5].answer.match[0] = 1;
    rows[5].answer.match[1] = QTYPE_NONE;
    rows[6].id = "q-cloze";
    rows[6].answer.gaps = gaps;
    rows[6].answer.gap_count = 2;
    rows[7].id = "q-flashcard";
    rows[7].answer.knew = true;
    for (size_t i = 0; i < 8; i++) {
        const Question *q = question(rows[i].id);
        const QuestionKind *kind = question_kind(q->type);
        AnswerRecord rec;
        kind->encode(q, &rows[i].answer, &rec);
        Answer back;
        assert_true(kind->decode(q, &rec, &back));
        ScoreFraction f1 = kind->judge(q, &rows[i].answer, NULL);
        ScoreFraction f2 = kind->judge(q, &back, NULL);
        assert_int_equal(f1.right, f2.right);
        assert_int_equal(f1.out_of, f2.out_of);
        AnswerRecord again;
        kind->encode(q, &back, &again);
        assert_int_equal(again.int_count, rec.int_count);
        assert_memory_equal(again.ints, rec.ints, rec.int_count * sizeof rec.ints[0]);
        assert_int_equal(again.text_count, rec.text_count);
        for (size_t k = 0; k < rec.text_count; k++)
            assert_string_equal(again.texts[k], rec.texts[k]);
    }
    /* Malformed records: a choice past the list, a match index out of
     * range, a cloze with the wrong number of gaps. */
    AnswerRecord bad = {.ints = {7}, .int_count = 1};
    Answer out;
    assert_false(question_kind(QUESTION_CHOICE)->decode(question("q-choice"), &bad, &out));
    AnswerRecord bad_match = {.ints = {0, 5}, .int_count = 2};
    assert_false(question_kind(QUESTION_MATCH)->decode(question("q-match"), &bad_match, &out));
    AnswerRecord bad_cloze = {.texts = {"six"}, .text_count = 1};
    assert_false(question_kind(QUESTION_CLOZE)->decode(question("q-cloze"), &bad_cloze, &out));
}

/* A cloze is one flashcard per gap, each asking its own gap. */
static void test_cloze_cards(void **state)
{
    (void)state;
    const Question *q = question("q-cloze");
    assert_int_equal(qtype_card_count(q), 2);
    assert_int_equal(qtype_card_deletion(q, 1), 2);
    assert_false(qtype_deletion_valid(q, 0));
    assert_true(qtype_deletion_valid(q, 2));
    StrBuf front = {0}, back = {0};
    question_kind(q->type)->card_texts(q, 1, &front, &back);
    assert_string_equal(strbuf_text(&front),
                        "The GCC has [a number] members and Kuwait is a founding one.");
    assert_string_equal(strbuf_text(&back),
                        "The GCC has six members and Kuwait is a founding one.");
    strbuf_free(&front);
    strbuf_free(&back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_has_its_kind),
        cmocka_unit_test(test_well_formed),
        cmocka_unit_test(test_stand_for_text),
        cmocka_unit_test(test_judging_in_author_terms),
        cmocka_unit_test(test_key_uses_the_letters_shown),
        cmocka_unit_test(test_store_records_round_trip),
        cmocka_unit_test(test_cloze_cards),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
