/* test_round.c - the round engine (src/core/play/round.h) on hand-made packs.
 *
 * Packs are built in memory (no loader needed): a Pack struct whose
 * questions point at static strings. What is checked is what a player or
 * a teacher would notice: the same seed gives the same round, the question
 * count and topic filter hold, shuffled choices are still judged right,
 * order and match puzzles never start solved, partial answers give partial
 * points, time-outs score nothing and break the streak.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pack_load.h"
#include "round.h"

/* ---- fixture: hand-built packs ------------------------------------------ */

enum { TP_MAX = 40 };

typedef struct TestPack {
    Pack pack;
    Question q[TP_MAX];
    char ids[TP_MAX][16];
} TestPack;

static const char *choices4[] = {"Gulf Cooperation Council", "Arab Maghreb Union", "ASEAN",
                                 "African Union"};
static const char *items4[] = {"first", "second", "third", "fourth"};
static const char *items2[] = {"before", "after"};
static MatchPair pairs3[] = {{"Kuwait", "Kuwait City"}, {"Qatar", "Doha"}, {"Oman", "Muscat"}};
static ClozeGap gaps2[] = {{.answer = "Kuwait", .hint = ""}, {.answer = "1961", .hint = ""}};
static const char *parts3[] = {"", " became independent in ", "."};
static const char *accept6[] = {"6"};

/* Fills question q of type `type` with the fixture's content. */
static void tp_question(Question *q, const char *id, QuestionType type, const char *topic)
{
    memset(q, 0, sizeof *q);
    q->id = id;
    q->type = type;
    q->prompt = "prompt";
    q->topic = topic;
    q->explain = "";
    q->source = "";
    q->difficulty = 2;
    q->time_limit = 20;
    q->points = 1000;
    q->answer = "";
    q->text = "";
    q->front = "";
    q->back = "";
    q->shuffle = true;
    switch (type) {
    case QUESTION_CHOICE:
        q->choices = choices4;
        q->choice_count = 4;
        q->answer_index = 0;
        break;
    case QUESTION_MULTI:
        q->choices = choices4;
        q->choice_count = 4;
        q->answer_mask = 0x5; /* choices 0 and 2 */
        break;
    case QUESTION_TRUEFALSE:
        q->truth = true;
        break;
    case QUESTION_TYPED:
        q->answer = "six";
        q->accept = accept6;
        q->accept_count = 1;
        break;
    case QUESTION_ORDER:
        q->items = items4;
        q->item_count = 4;
        break;
    case QUESTION_MATCH:
        q->pairs = pairs3;
        q->pair_count = 3;
        break;
    case QUESTION_CLOZE:
        q->prompt = "";
        q->text = "{{Kuwait}} became independent in {{1961}}.";
        q->gaps = gaps2;
        q->gap_count = 2;
        q->cloze_parts = parts3;
        break;
    case QUESTION_FLASHCARD:
        q->prompt = "";
        q->front = "GCC";
        q->back = "Gulf Cooperation Council";
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }
}

/* A pack of `count` questions cycling through the eight types, topics
 * alternating "t1", "t2" (so odd-numbered ids are t2). */
static Pack *tp_make(TestPack *tp, const char *id, size_t count)
{
    memset(tp, 0, sizeof *tp);
    for (size_t i = 0; i < count && i < TP_MAX; i++) {
        snprintf(tp->ids[i], sizeof tp->ids[i], "%s-q%02zu", id, i);
        tp_question(&tp->q[i], tp->ids[i], (QuestionType)(i % QUESTION_TYPE_COUNT),
                    i % 2 ? "t2" : "t1");
    }
    Pack *p = &tp->pack;
    p->path = "";
    p->id = id;
    p->title = id;
    p->description = "";
    p->language = "en";
    p->author = "";
    p->source_title = "";
    p->default_time_limit = 20;
    p->default_points = 1000;
    p->questions = tp->q;
    p->question_count = count;
    return p;
}

/* A pack of one question of one type. */
static Pack *tp_single(TestPack *tp, QuestionType type)
{
    Pack *p = tp_make(tp, "single", 1);
    tp_question(&tp->q[0], tp->ids[0], type, "");
    return p;
}

static RoundSettings settings_seed(uint64_t seed, size_t count)
{
    RoundSettings s = {0};
    s.seed = seed;
    s.question_count = count;
    s.time_mode = ROUND_TIME_PACK;
    return s;
}

/* Answers the current question correctly, whatever its type. */
static GivenAnswer right_answer(const RoundQuestion *q)
{
    GivenAnswer g;
    round_given_init(&g, q);
    const Question *qq = q->question;
    static const char *const cloze_right[2] = {"Kuwait", "1961"};
    for (size_t k = 0; k < q->display_count; k++) {
        size_t i = q->display[k];
        if (qq->type == QUESTION_CHOICE && i == qq->answer_index) {
            g.choice = k;
        }
        if (qq->type == QUESTION_MULTI && (qq->answer_mask & (1u << i))) {
            g.picked |= 1u << k;
        }
        if (qq->type == QUESTION_ORDER) {
            g.arrangement[i] = k; /* item i belongs in place i */
        }
        if (qq->type == QUESTION_MATCH) {
            g.match[i] = k; /* left i pairs with right i */
        }
    }
    g.truth = qq->truth;
    g.text = qq->answer;
    g.gaps = cloze_right;
    g.gap_count = 2;
    g.knew = true;
    return g;
}

/* ---- selection and determinism ------------------------------------------ */

static void assert_same_round(const Round *a, const Round *b)
{
    assert_int_equal(a->question_count, b->question_count);
    for (size_t i = 0; i < a->question_count; i++) {
        const RoundQuestion *qa = round_question(a, i);
        const RoundQuestion *qb = round_question(b, i);
        assert_string_equal(qa->pack->id, qb->pack->id);
        assert_string_equal(qa->question->id, qb->question->id);
        assert_int_equal(qa->display_count, qb->display_count);
        assert_memory_equal(qa->display, qb->display, sizeof(size_t) * qa->display_count);
    }
}

static bool same_order(const Round *a, const Round *b)
{
    if (a->question_count != b->question_count) {
        return false;
    }
    for (size_t i = 0; i < a->question_count; i++) {
        if (a->questions[i].question != b->questions[i].question) {
            return false;
        }
    }
    return true;
}

static void test_same_seed_same_round(void **state)
{
    (void)state;
    static TestPack ta, tb;
    Pack *packs[2] = {tp_make(&ta, "alpha", 24), tp_make(&tb, "beta", 16)};
    Pack *reversed[2] = {packs[1], packs[0]};
    RoundSettings s = settings_seed(20261127, 10);
    Round a, b, c;
    assert_int_equal(round_start(&a, packs, 2, &s), ROUND_OK);
    assert_int_equal(round_start(&b, packs, 2, &s), ROUND_OK);
    /* The order of the pack array does not matter (packs sort by id). */
    assert_int_equal(round_start(&c, reversed, 2, &s), ROUND_OK);
    assert_int_equal(a.question_count, 10);
    assert_same_round(&a, &b);
    assert_same_round(&a, &c);
    round_free(&a);
    round_free(&b);
    round_free(&c);
}

static void test_different_seed_different_round(void **state)
{
    (void)state;
    static TestPack ta;
    Pack *packs[1] = {tp_make(&ta, "alpha", 24)};
    RoundSettings s1 = settings_seed(1, 0);
    RoundSettings s2 = settings_seed(2, 0);
    Round a, b;
    assert_int_equal(round_start(&a, packs, 1, &s1), ROUND_OK);
    assert_int_equal(round_start(&b, packs, 1, &s2), ROUND_OK);
    assert_int_equal(a.question_count, 24);
    assert_false(same_order(&a, &b));
    round_free(&a);
    round_free(&b);
}

static void test_question_count(void **state)
{
    (void)state;
    static TestPack ta, tb;
    Pack *packs[2] = {tp_make(&ta, "alpha", 12), tp_make(&tb, "beta", 8)};
    const size_t asked[] = {5, 10, 20, 0, 50};
    const size_t got[] = {5, 10, 20, 20, 20};
    for (size_t r = 0; r < 5; r++) {
        RoundSettings s = settings_seed(r, asked[r]);
        Round round;
        assert_int_equal(round_start(&round, packs, 2, &s), ROUND_OK);
        assert_int_equal(round.question_count, got[r]);
        assert_int_equal(round_totals(&round).question_count, got[r]);
        /* No question twice. */
        for (size_t i = 0; i < round.question_count; i++) {
            for (size_t j = i + 1; j < round.question_count; j++) {
                assert_ptr_not_equal(round.questions[i].question, round.questions[j].question);
            }
        }
        round_free(&round);
    }
}

static void test_topic_filter(void **state)
{
    (void)state;
    static TestPack ta, tb;
    Pack *packs[2] = {tp_make(&ta, "alpha", 12), tp_make(&tb, "beta", 9)};
    RoundSettings s = settings_seed(3, 0);
    s.topic = "t2";
    Round round;
    assert_int_equal(round_start(&round, packs, 2, &s), ROUND_OK);
    assert_int_equal(round.question_count, 6 + 4); /* odd indices */
    for (size_t i = 0; i < round.question_count; i++) {
        assert_string_equal(round.questions[i].question->topic, "t2");
    }
    assert_null(round.settings.topic); /* not kept: it was borrowed */
    round_free(&round);

    s.topic = "no-such-topic";
    assert_int_equal(round_start(&round, packs, 2, &s), ROUND_NO_QUESTIONS);
    assert_null(round.questions);
    round_free(&round); /* harmless on a failed start */
    assert_int_equal(round_start(&round, NULL, 0, NULL), ROUND_NO_QUESTIONS);
    assert_non_null(round_status_message(ROUND_NO_QUESTIONS));
}

static void test_bad_settings(void **state)
{
    (void)state;
    static TestPack ta;
    Pack *packs[1] = {tp_make(&ta, "alpha", 4)};
    RoundSettings s = settings_seed(1, 0);
    s.time_mode = ROUND_TIME_FIXED;
    s.fixed_seconds = 0;
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_BAD_SETTINGS);
    s.fixed_seconds = 3601;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_BAD_SETTINGS);
    s.fixed_seconds = 30;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    round_free(&round);
}

static void test_only_list(void **state)
{
    (void)state;
    static TestPack ta, tb;
    Pack *packs[2] = {tp_make(&ta, "alpha", 12), tp_make(&tb, "beta", 8)};
    const RoundQuestionRef refs[] = {
        {"beta", "beta-q03"},   {"alpha", "alpha-q07"}, {"alpha", "nope"},
        {"gamma", "alpha-q01"}, {"beta", "beta-q03"},   {"alpha", "alpha-q00"},
    };
    RoundSettings s = settings_seed(5, 0);
    s.only = refs;
    s.only_count = 6;
    s.keep_only_order = true;
    Round round;
    assert_int_equal(round_start(&round, packs, 2, &s), ROUND_OK);
    /* Unknown ones skipped, the duplicate kept once, the list order kept. */
    assert_int_equal(round.question_count, 3);
    assert_string_equal(round.questions[0].question->id, "beta-q03");
    assert_string_equal(round.questions[1].question->id, "alpha-q07");
    assert_string_equal(round.questions[2].question->id, "alpha-q00");
    round_free(&round);

    /* With the topic filter and a count, shuffled by the seed. */
    s.keep_only_order = false;
    s.topic = "t2";
    assert_int_equal(round_start(&round, packs, 2, &s), ROUND_OK);
    assert_int_equal(round.question_count, 2); /* q03 and q07 are t2 */
    round_free(&round);
}

/* ---- display shuffles ---------------------------------------------------- */

static bool is_identity(const RoundQuestion *q)
{
    for (size_t k = 0; k < q->display_count; k++) {
        if (q->display[k] != k) {
            return false;
        }
    }
    return true;
}

static void test_order_and_match_never_start_solved(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_single(&tp, QUESTION_ORDER)};
    tp.q[0].items = items2; /* two items: the one other order is a swap */
    tp.q[0].item_count = 2;
    for (uint64_t seed = 0; seed < 200; seed++) {
        RoundSettings s = settings_seed(seed, 0);
        Round round;
        assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
        assert_false(is_identity(round_current(&round)));
        round_free(&round);
    }
    tp_question(&tp.q[0], tp.ids[0], QUESTION_MATCH, "");
    for (uint64_t seed = 0; seed < 200; seed++) {
        RoundSettings s = settings_seed(seed, 0);
        Round round;
        assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
        const RoundQuestion *q = round_current(&round);
        assert_int_equal(q->display_count, 3);
        assert_false(is_identity(q));
        round_free(&round);
    }
}

static void test_choice_shuffle_and_shuffle_false(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_single(&tp, QUESTION_CHOICE)};
    bool moved = false;
    for (uint64_t seed = 0; seed < 20; seed++) {
        RoundSettings s = settings_seed(seed, 0);
        Round round;
        assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
        const RoundQuestion *q = round_current(&round);
        moved = moved || !is_identity(q);
        /* Whatever the shuffle, picking where the right choice is shown
         * is right, and its letter is the one the feedback names. */
        GivenAnswer g = right_answer(q);
        char expect[64];
        snprintf(expect, sizeof expect, "%c: Gulf Cooperation Council", (char)('A' + g.choice));
        const RoundResult *r = round_answer(&round, &g, 300);
        assert_true(r->correct);
        assert_string_equal(r->given_text, expect);
        assert_string_equal(r->correct_text, expect);
        round_free(&round);
    }
    assert_true(moved);

    tp.q[0].shuffle = false;
    RoundSettings s = settings_seed(9, 0);
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    assert_true(is_identity(round_current(&round)));
    assert_string_equal(round_display_text(round_current(&round), 1), "Arab Maghreb Union");
    GivenAnswer g;
    round_given_init(&g, round_current(&round));
    g.choice = 1;
    const RoundResult *r = round_answer(&round, &g, 300);
    assert_false(r->correct);
    assert_string_equal(r->given_text, "B: Arab Maghreb Union");
    assert_string_equal(r->correct_text, "A: Gulf Cooperation Council");
    round_free(&round);
}

/* ---- judging every type --------------------------------------------------- */

typedef struct TypeRow {
    QuestionType type;
    int right, out_of; /* expected fraction of the partial answer */
    int points;        /* at 300 ms: round(1000 * right / out_of) */
    const char *given_text;
} TypeRow;

/* Gives a partly right (or wrong) answer for each type. */
static GivenAnswer partial_answer(const RoundQuestion *q)
{
    GivenAnswer g = right_answer(q);
    const Question *qq = q->question;
    static const char *const cloze_half[2] = {"kuwait", "1962"};
    switch (qq->type) {
    case QUESTION_CHOICE:
        g.choice = g.choice == 0 ? 1 : 0;
        break;
    case QUESTION_MULTI:
        /* Both right ones and one wrong one: (2 - 1) / 2. */
        for (size_t k = 0; k < q->display_count; k++) {
            if (q->display[k] == 1) {
                g.picked |= 1u << k;
            }
        }
        break;
    case QUESTION_TRUEFALSE:
        g.truth = !qq->truth;
        break;
    case QUESTION_TYPED:
        g.text = "sx";
        break;
    case QUESTION_ORDER: {
        /* Swap the first two places: 2 of 4 in place. */
        size_t t = g.arrangement[0];
        g.arrangement[0] = g.arrangement[1];
        g.arrangement[1] = t;
        break;
    }
    case QUESTION_MATCH:
        g.match[2] = ROUND_NO_PICK; /* two of three paired right */
        break;
    case QUESTION_CLOZE:
        g.gaps = cloze_half;
        break;
    case QUESTION_FLASHCARD:
        g.knew = false;
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }
    return g;
}

static void test_every_type_right_and_partial(void **state)
{
    (void)state;
    const TypeRow rows[] = {
        {QUESTION_CHOICE, 0, 1, 0, NULL},
        {QUESTION_MULTI, 1, 2, 500, NULL},
        {QUESTION_TRUEFALSE, 0, 1, 0, "False"},
        {QUESTION_TYPED, 0, 1, 0, "sx"},
        {QUESTION_ORDER, 2, 4, 500, "2/4 in place"},
        {QUESTION_MATCH, 2, 3, 667, "2/3 paired right"},
        {QUESTION_CLOZE, 1, 2, 500, "kuwait; 1962"},
        {QUESTION_FLASHCARD, 0, 1, 0, "Didn't know it"},
    };
    static TestPack tp;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        Pack *packs[1] = {tp_single(&tp, rows[i].type)};
        RoundSettings s = settings_seed(i, 0);
        Round round;
        assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);

        /* Right answer: full points, fraction 1. */
        GivenAnswer g = right_answer(round_current(&round));
        const RoundResult *r = round_answer(&round, &g, 300);
        assert_true(r->correct);
        assert_int_equal(r->fraction.right, r->fraction.out_of);
        /* A flashcard is self-graded: right, but worth no points. */
        assert_int_equal(r->points, rows[i].type == QUESTION_FLASHCARD ? 0 : 1000);
        assert_true(round_is_over(&round));
        assert_null(round_current(&round));
        assert_null(round_answer(&round, &g, 300)); /* nothing left */
        round_free(&round);

        /* Partial or wrong answer. */
        assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
        g = partial_answer(round_current(&round));
        r = round_answer(&round, &g, 300);
        assert_false(r->correct);
        assert_int_equal(r->fraction.right, rows[i].right);
        assert_int_equal(r->fraction.out_of, rows[i].out_of);
        assert_int_equal(r->points, rows[i].points);
        assert_int_equal(r->streak, 0);
        if (rows[i].given_text != NULL) {
            assert_string_equal(r->given_text, rows[i].given_text);
        }
        assert_true(r->correct_text[0] != '\0');
        round_free(&round);
    }
}

static void test_typed_and_cloze_use_matching(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_single(&tp, QUESTION_TYPED)};
    const char *texts[] = {"Six", " SIX! ", "6", "seven", "", NULL};
    const bool right[] = {true, true, true, false, false, false};
    for (size_t i = 0; i < 6; i++) {
        RoundSettings s = settings_seed(1, 0);
        Round round;
        assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
        GivenAnswer g;
        round_given_init(&g, round_current(&round));
        g.text = texts[i];
        const RoundResult *r = round_answer(&round, &g, 1000);
        assert_int_equal(r->correct, right[i]);
        assert_string_equal(r->correct_text, "six");
        round_free(&round);
    }
    /* A cloze with no gaps given scores 0 of 2. */
    tp_question(&tp.q[0], tp.ids[0], QUESTION_CLOZE, "");
    RoundSettings s = settings_seed(1, 0);
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    GivenAnswer g;
    round_given_init(&g, round_current(&round));
    const RoundResult *r = round_answer(&round, &g, 1000);
    assert_int_equal(r->fraction.right, 0);
    assert_int_equal(r->fraction.out_of, 2);
    assert_string_equal(r->correct_text, "Kuwait; 1961");
    round_free(&round);
}

/* ---- time, streaks, totals ------------------------------------------------ */

static void test_time_modes(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_make(&tp, "alpha", 3)};
    tp.q[1].time_limit = 0; /* untimed in the pack */
    RoundSettings s = settings_seed(1, 0);
    s.time_mode = ROUND_TIME_OFF;
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(round.questions[i].time_limit_ms, 0);
    }
    round_free(&round);

    s.time_mode = ROUND_TIME_PACK;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    for (size_t i = 0; i < 3; i++) {
        const RoundQuestion *q = &round.questions[i];
        assert_int_equal(q->time_limit_ms, q->question->time_limit * 1000);
    }
    round_free(&round);

    s.time_mode = ROUND_TIME_FIXED;
    s.fixed_seconds = 30;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(round.questions[i].time_limit_ms, 30000);
    }
    /* Speed bonus against the fixed limit: 15 s of 30 s = 750. */
    GivenAnswer g = right_answer(round_current(&round));
    const RoundResult *r = round_answer(&round, &g, 15000);
    assert_int_equal(r->points, 750);
    round_free(&round);
}

static void test_timeouts(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_make(&tp, "alpha", 4)};
    RoundSettings s = settings_seed(8, 0);
    s.streak_bonus = true;
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);

    GivenAnswer g = right_answer(round_current(&round));
    const RoundResult *r = round_answer(&round, &g, 300);
    assert_true(r->correct);
    assert_int_equal(round.streak, 1);

    /* The clock ran out: unanswered, nothing scored, streak broken. */
    r = round_timeout(&round);
    assert_true(r->timed_out);
    assert_false(r->correct);
    assert_int_equal(r->fraction.right, 0);
    assert_int_equal(r->points + r->streak_bonus, 0);
    assert_int_equal(r->elapsed_ms, 20000);
    assert_string_equal(r->given_text, "(time out)");
    assert_int_equal(round.streak, 0);

    /* A right answer given after the limit is a time-out too. */
    g = right_answer(round_current(&round));
    r = round_answer(&round, &g, 20001);
    assert_true(r->timed_out);
    assert_int_equal(r->points, 0);
    /* Exactly at the limit still counts: half points. */
    g = right_answer(round_current(&round));
    r = round_answer(&round, &g, 20000);
    assert_false(r->timed_out);
    assert_int_equal(r->points, 500);

    RoundTotals t = round_totals(&round);
    assert_int_equal(t.asked, 4);
    assert_int_equal(t.correct, 2);
    assert_int_equal(t.timed_out, 2);
    assert_int_equal(t.points, 1500);
    assert_int_equal(t.total_ms, 300 + 20000 + 20000 + 20000);
    assert_true(t.accuracy > 0.49 && t.accuracy < 0.51);
    assert_null(round_timeout(&round));
    round_free(&round);
}

static void test_streak_bonus_and_cap(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_make(&tp, "alpha", 10)};
    RoundSettings s = settings_seed(4, 0);
    s.streak_bonus = true;
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    /* Eight right answers, then a partial one would break the streak; the
     * round has 10 questions of 8 types, so answer 8 right first. A
     * self-graded flashcard among them earns nothing and leaves the streak
     * where it was. */
    const int bonus[8] = {0, 100, 200, 300, 400, 500, 500, 500};
    int streak = 0, self_graded = 0;
    for (int i = 0; i < 8; i++) {
        const RoundQuestion *rq = round_current(&round);
        bool card = rq->question->type == QUESTION_FLASHCARD;
        GivenAnswer g = right_answer(rq);
        const RoundResult *r = round_answer(&round, &g, 300);
        assert_true(r->correct);
        if (card) {
            self_graded++;
            assert_int_equal(r->streak, streak);
            assert_int_equal(r->points, 0);
            assert_int_equal(r->streak_bonus, 0);
            continue;
        }
        streak++;
        assert_int_equal(r->streak, streak);
        assert_int_equal(r->streak_bonus, bonus[streak - 1]);
    }
    /* A wrong answer breaks the streak and earns no bonus. */
    const RoundQuestion *q = round_current(&round);
    GivenAnswer g = partial_answer(q);
    const RoundResult *r = round_answer(&round, &g, 300);
    assert_false(r->correct);
    assert_int_equal(r->streak_bonus, 0);
    assert_int_equal(round.streak, 0);
    /* The next right answer starts a new streak at +0. */
    g = right_answer(round_current(&round));
    r = round_answer(&round, &g, 300);
    assert_int_equal(r->streak, 1);
    assert_int_equal(r->streak_bonus, 0);

    RoundTotals t = round_totals(&round);
    assert_true(round_is_over(&round));
    assert_int_equal(t.best_streak, streak);
    assert_int_equal(t.correct, 9);
    int expected_bonus = 0;
    for (int i = 0; i < streak; i++)
        expected_bonus += bonus[i];
    assert_int_equal(t.streak_points, expected_bonus);
    /* The last right answer was not a flashcard here (the seed decides). */
    assert_int_equal(round.questions[9].question->type == QUESTION_FLASHCARD, 0);
    assert_int_equal(t.points, (9 - self_graded) * 1000 + expected_bonus + q->result.points);
    round_free(&round);

    /* Streak bonus off: none, but the best streak is still counted. */
    s.streak_bonus = false;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    for (int i = 0; i < 3; i++) {
        g = right_answer(round_current(&round));
        r = round_answer(&round, &g, 300);
        assert_int_equal(r->streak_bonus, 0);
    }
    assert_int_equal(round_totals(&round).best_streak, 3);
    round_free(&round);
}

static void test_accuracy_mode(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_make(&tp, "alpha", 4)};
    RoundSettings s = settings_seed(6, 0);
    s.scoring = SCORING_ACCURACY;
    s.streak_bonus = true;
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    for (int i = 0; i < 3; i++) {
        GivenAnswer g = right_answer(round_current(&round));
        const RoundResult *r = round_answer(&round, &g, 300);
        assert_true(r->correct);
        assert_int_equal(r->points, 0);
        assert_int_equal(r->streak_bonus, 0);
    }
    round_timeout(&round);
    RoundTotals t = round_totals(&round);
    assert_int_equal(t.points, 0);
    assert_int_equal(t.correct, 3);
    assert_int_equal(t.best_streak, 3);
    assert_true(t.accuracy > 0.74 && t.accuracy < 0.76);
    round_free(&round);
}

static void test_describe_given_is_bounded(void **state)
{
    (void)state;
    static TestPack tp;
    Pack *packs[1] = {tp_single(&tp, QUESTION_TYPED)};
    RoundSettings s = settings_seed(1, 0);
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    GivenAnswer g;
    round_given_init(&g, round_current(&round));
    g.text = "\xd8\xb3\xd8\xaa\xd8\xa9"; /* three 2-byte letters */
    char buf[6];
    size_t need = round_describe_given(round_current(&round), &g, buf, sizeof buf);
    assert_int_equal(need, 6);
    assert_string_equal(buf, "\xd8\xb3\xd8\xaa"); /* no half letter */
    round_free(&round);
}

/* ---- with the real loader -------------------------------------------------- */

/* One question of each type, as an author writes them; the round must read
 * the loader's model the way the loader means it (answer_mask bits, the
 * shuffle default, cloze gaps). */
static const char loaded_yaml[] = "format: 1\n"
                                  "id: kuwait-regional-security\n"
                                  "title: \"Kuwait's Role in Regional Security\"\n"
                                  "defaults: {time_limit: 20}\n"
                                  "questions:\n"
                                  "  - id: gcc-founding\n"
                                  "    type: choice\n"
                                  "    prompt: \"Kuwait is a founding member of which alliance?\"\n"
                                  "    choices: [\"Gulf Cooperation Council\", \"Arab Maghreb "
                                  "Union\", \"ASEAN\", \"African Union\"]\n"
                                  "    answer: \"Gulf Cooperation Council\"\n"
                                  "  - id: fixed-order\n"
                                  "    type: choice\n"
                                  "    shuffle: false\n"
                                  "    prompt: \"Pick the last\"\n"
                                  "    choices: [\"one\", \"two\", \"three\"]\n"
                                  "    answer: \"three\"\n"
                                  "  - id: members\n"
                                  "    type: multi\n"
                                  "    prompt: \"Which are GCC members?\"\n"
                                  "    choices: [\"Kuwait\", \"Iraq\", \"Oman\", \"Iran\"]\n"
                                  "    answers: [\"Kuwait\", \"Oman\"]\n"
                                  "  - id: tf\n"
                                  "    type: truefalse\n"
                                  "    prompt: \"The GCC was founded in 1981.\"\n"
                                  "    answer: true\n"
                                  "  - id: gcc-size\n"
                                  "    type: typed\n"
                                  "    prompt: \"How many Arab Gulf states make up the GCC?\"\n"
                                  "    answer: \"six\"\n"
                                  "    accept: [\"6\"]\n"
                                  "  - id: sequence\n"
                                  "    type: order\n"
                                  "    prompt: \"Earliest first\"\n"
                                  "    items: [\"1961\", \"1981\", \"1990\", \"1991\"]\n"
                                  "  - id: capitals\n"
                                  "    type: match\n"
                                  "    prompt: \"Match the capitals\"\n"
                                  "    pairs:\n"
                                  "      - Kuwait: Kuwait City\n"
                                  "      - Qatar: Doha\n"
                                  "      - Oman: Muscat\n"
                                  "  - id: independence\n"
                                  "    type: cloze\n"
                                  "    text: \"{{Kuwait}} became independent in {{1961|year}}.\"\n"
                                  "  - id: card\n"
                                  "    type: flashcard\n"
                                  "    front: \"GCC\"\n"
                                  "    back: \"Gulf Cooperation Council\"\n";

static void test_round_over_a_loaded_pack(void **state)
{
    (void)state;
    DiagList diags = {0};
    Pack *pack = pack_load_buffer("loaded.yaml", loaded_yaml, sizeof loaded_yaml - 1, &diags);
    if (pack == NULL) {
        for (size_t i = 0; i < diags.count; i++) {
            char line[512];
            diag_format(&diags.items[i], line, sizeof line);
            print_error("%s\n", line);
        }
    }
    assert_non_null(pack);
    Pack *packs[1] = {pack};
    RoundSettings s = settings_seed(1981, 0);
    s.streak_bonus = true;
    Round round;
    assert_int_equal(round_start(&round, packs, 1, &s), ROUND_OK);
    assert_int_equal(round.question_count, 9);
    while (!round_is_over(&round)) {
        const RoundQuestion *q = round_current(&round);
        if (strcmp(q->question->id, "fixed-order") == 0) {
            assert_true(is_identity(q));
        }
        GivenAnswer g = right_answer(q);
        if (q->question->type == QUESTION_CLOZE) {
            static const char *const gaps[2] = {"kuwait", "1961"};
            g.gaps = gaps;
        }
        const RoundResult *r = round_answer(&round, &g, 300);
        if (!r->correct) {
            print_error("%s: given %s, right %s\n", q->question->id, r->given_text,
                        r->correct_text);
        }
        assert_true(r->correct);
    }
    RoundTotals t = round_totals(&round);
    assert_int_equal(t.correct, 9);
    /* The flashcard is self-graded: right, but no points, and the streak
     * runs through it without counting it. */
    assert_int_equal(t.best_streak, 8);
    /* 8 x 1000 plus streak bonuses 0+100+200+300+400+500+500+500. */
    assert_int_equal(t.points, 8000 + 2500);
    round_free(&round);
    pack_free(pack);
    diag_clear(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_round),
        cmocka_unit_test(test_different_seed_different_round),
        cmocka_unit_test(test_question_count),
        cmocka_unit_test(test_topic_filter),
        cmocka_unit_test(test_bad_settings),
        cmocka_unit_test(test_only_list),
        cmocka_unit_test(test_order_and_match_never_start_solved),
        cmocka_unit_test(test_choice_shuffle_and_shuffle_false),
        cmocka_unit_test(test_every_type_right_and_partial),
        cmocka_unit_test(test_typed_and_cloze_use_matching),
        cmocka_unit_test(test_time_modes),
        cmocka_unit_test(test_timeouts),
        cmocka_unit_test(test_streak_bonus_and_cap),
        cmocka_unit_test(test_accuracy_mode),
        cmocka_unit_test(test_describe_given_is_bounded),
        cmocka_unit_test(test_round_over_a_loaded_pack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
