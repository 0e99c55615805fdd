/* test_quiz.c - the play engine (src/core/play/quiz.h) against a real store,
 * without SDL: what a learner's round leaves in the database.
 *
 *   - each answer leaves its answer row, its flashcard reviews and, for the
 *     last one, the finished round, all at once;
 *   - a stored round judged again from its structured answers gives the same
 *     results as when it was played;
 *   - one answer is one transaction: when the review write fails, no answer
 *     row is left either, the answer is kept and written once the store
 *     works again;
 *   - an unsaved round (no store) still plays; a round left mid-way is on
 *     record as abandoned; "retry the ones I missed" asks exactly those.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pack_load.h"
#include "quiz.h"
#include "test_support.h"

enum { NOW = 1764547200 }; /* 2025-12-01 00:00 UTC, in seconds */
#define NOW_MS ((int64_t)NOW * 1000)

typedef struct Fixture {
    TestStore db; /* temp folder, open store, one profile */
    Pack *pack;
    Quiz quiz;
} Fixture;

static int utc(int64_t ms, void *user)
{
    (void)ms;
    (void)user;
    return 0;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (f == NULL || !test_store_open(&f->db, NOW_MS, "Lina"))
        return -1;
    DiagList diags = {0};
    f->pack = pack_load_file(QUIZDECK_TEST_DATA "/valid/all-types.yaml", &diags);
    diag_clear(&diags);
    if (f->pack == NULL)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    quiz_free(&f->quiz);
    pack_free(f->pack);
    test_store_close(&f->db);
    free(f);
    return 0;
}

static QuizStatus start(Fixture *f, Store *store, uint64_t seed)
{
    QuizSetup setup = {0};
    setup.profile_id = f->db.profile;
    setup.packs = &f->pack;
    setup.pack_count = 1;
    setup.round.seed = seed;
    setup.round.time_mode = ROUND_TIME_OFF;
    setup.mode = QUIZ_MODE_PRACTICE;
    setup.utc_offset = utc;
    QuizError err = {0};
    QuizStatus st = quiz_start(&f->quiz, store, &setup, NOW_MS, &err);
    if (st != QUIZ_OK)
        print_message("quiz_start: %s\n", err.message);
    return st;
}

/* The right answer to rq, as a screen would give it (display positions). */
static void right_answer(const RoundQuestion *rq, GivenAnswer *g)
{
    const Question *q = rq->question;
    QuestionShown shown = round_shown(rq);
    static const char *gaps[QTYPE_MAX_GAPS];
    qtype_given_init(g);
    switch (q->type) {
    case QUESTION_CHOICE:
        g->choice = qtype_position_of(&shown, q->answer_index);
        break;
    case QUESTION_MULTI:
        for (size_t i = 0; i < q->choice_count; i++)
            if (q->answer_mask & (1u << i))
                g->picked |= 1u << qtype_position_of(&shown, i);
        break;
    case QUESTION_TRUEFALSE:
        g->truth = q->truth;
        break;
    case QUESTION_TYPED:
        g->text = q->answer;
        break;
    case QUESTION_ORDER:
        for (size_t p = 0; p < q->item_count; p++)
            g->arrangement[p] = qtype_position_of(&shown, p);
        break;
    case QUESTION_MATCH:
        for (size_t l = 0; l < q->pair_count; l++)
            g->match[l] = qtype_position_of(&shown, l);
        break;
    case QUESTION_CLOZE:
        for (size_t k = 0; k < q->gap_count; k++)
            gaps[k] = q->gaps[k].answer;
        g->gaps = gaps;
        g->gap_count = q->gap_count;
        break;
    case QUESTION_FLASHCARD:
        g->knew = true;
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }
}

static size_t stored_answers(Fixture *f)
{
    StoreAnswerList list = {0};
    assert_int_equal(store_round_answers(f->db.store, f->quiz.round_id, &list, NULL), STORE_OK);
    size_t n = list.count;
    store_answer_list_free(&list);
    return n;
}

static size_t stored_reviews(Fixture *f, const RoundQuestion *rq)
{
    size_t total = 0;
    for (size_t k = 0; k < qtype_card_count(rq->question); k++) {
        StoreReviewList list = {0};
        StoreStatus st =
            store_card_reviews(f->db.store, f->db.profile, rq->pack->id, rq->question->id,
                               qtype_card_deletion(rq->question, k), &list, NULL);
        assert_true(st == STORE_OK || st == STORE_NOT_FOUND);
        total += list.count;
        store_review_list_free(&list);
    }
    return total;
}

static StoreRound stored_round(Fixture *f, StoreRoundList *keep)
{
    assert_int_equal(store_round_get(f->db.store, f->quiz.round_id, keep, NULL), STORE_OK);
    return keep->items[0];
}

/* Every answer is in the store the moment quiz_answer returns, with its
 * reviews; the last one finishes the round with totals from the store. */
static void test_each_answer_saved_with_its_reviews(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, f->db.store, 7), QUIZ_OK);
    assert_true(f->quiz.round_id > 0);
    size_t n = f->quiz.round.question_count;
    assert_int_equal(n, 8);
    for (size_t i = 0; i < n; i++) {
        const RoundQuestion *rq = quiz_current(&f->quiz);
        assert_non_null(rq);
        GivenAnswer g;
        /* Every other question wrong: a wrong typed text, a blank pick. */
        if (i % 2 == 0)
            right_answer(rq, &g);
        else
            qtype_given_init(&g);
        QuizError err = {0};
        const RoundResult *r = quiz_answer(&f->quiz, &g, 1500, NOW_MS + (int64_t)i * 2000, &err);
        assert_non_null(r);
        assert_int_equal(err.status, QUIZ_OK);
        assert_int_equal(stored_answers(f), i + 1);
        assert_true(stored_reviews(f, rq) >= 1);
        StoreRoundList rounds = {0};
        StoreRound sr = stored_round(f, &rounds);
        assert_int_equal(sr.finished, i + 1 == n);
        store_round_list_free(&rounds);
    }
    assert_true(quiz_is_over(&f->quiz));
    RoundTotals t = round_totals(&f->quiz.round);
    StoreRoundList rounds = {0};
    StoreRound sr = stored_round(f, &rounds);
    assert_int_equal(sr.correct_count, (int)t.correct);
    assert_int_equal(sr.points, t.points);
    assert_int_equal(sr.mode, STORE_MODE_PRACTICE);
    assert_int_equal(sr.time_rule, STORE_TIME_OFF);
    assert_int_equal(sr.seed, 7);
    assert_string_equal(sr.packs, "all-types");
    store_round_list_free(&rounds);
    assert_int_equal(quiz_unsaved_count(&f->quiz), 0);
}

/* A stored round judged again from its structured answers gives what the
 * player was shown. */
static void test_stored_round_judged_again(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, f->db.store, 99), QUIZ_OK);
    size_t i = 0;
    while (quiz_current(&f->quiz) != NULL) {
        GivenAnswer g;
        const RoundQuestion *rq = quiz_current(&f->quiz);
        if (i == 3) {
            quiz_timeout(&f->quiz, NOW_MS + 1000, NULL);
        } else {
            right_answer(rq, &g);
            if (i % 3 == 1 && rq->question->type == QUESTION_TYPED)
                g.text = "nineteen ninety one"; /* an accepted spelling, near enough */
            if (i % 3 == 2 && rq->question->type == QUESTION_ORDER) {
                size_t t = g.arrangement[0]; /* two items swapped: half right */
                g.arrangement[0] = g.arrangement[1];
                g.arrangement[1] = t;
            }
            assert_non_null(quiz_answer(&f->quiz, &g, 900 + (int64_t)i * 100, NOW_MS, NULL));
        }
        i++;
    }
    Round again;
    QuizError err = {0};
    assert_int_equal(quiz_rejudge(f->db.store, f->quiz.round_id, &f->pack, 1, &again, &err),
                     QUIZ_OK);
    assert_int_equal(again.question_count, f->quiz.round.question_count);
    for (size_t k = 0; k < again.question_count; k++) {
        const RoundResult *a = &f->quiz.round.questions[k].result;
        const RoundResult *b = &again.questions[k].result;
        assert_string_equal(again.questions[k].question->id,
                            f->quiz.round.questions[k].question->id);
        assert_int_equal(a->fraction.right, b->fraction.right);
        assert_int_equal(a->fraction.out_of, b->fraction.out_of);
        assert_int_equal(a->points, b->points);
        assert_int_equal(a->timed_out, b->timed_out);
        assert_string_equal(a->given_text, b->given_text);
    }
    RoundTotals t1 = round_totals(&f->quiz.round), t2 = round_totals(&again);
    assert_int_equal(t1.points, t2.points);
    assert_int_equal(t1.correct, t2.correct);
    round_free(&again);
}

/* One answer is one transaction: a failing review write leaves no answer
 * row; the answer is kept and written, in order, once writes work. */
static void test_failed_review_leaves_no_answer(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, f->db.store, 5), QUIZ_OK);
    assert_true(test_store_fail_inserts(f->db.store, "reviews"));
    GivenAnswer g;
    right_answer(quiz_current(&f->quiz), &g);
    QuizError err = {0};
    assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS, &err));
    assert_int_equal(err.status, QUIZ_NOT_SAVED);
    assert_non_null(strstr(err.message, "Could not save the answer"));
    assert_int_equal(stored_answers(f), 0);
    assert_int_equal(quiz_unsaved_count(&f->quiz), 1);

    assert_true(test_store_allow_inserts(f->db.store, "reviews"));
    right_answer(quiz_current(&f->quiz), &g);
    assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS + 5000, &err));
    assert_int_equal(err.status, QUIZ_OK);
    assert_int_equal(quiz_unsaved_count(&f->quiz), 0);
    StoreAnswerList list = {0};
    assert_int_equal(store_round_answers(f->db.store, f->quiz.round_id, &list, NULL), STORE_OK);
    assert_int_equal(list.count, 2);
    assert_int_equal(list.items[0].position, 0);
    assert_int_equal(list.items[1].position, 1);
    assert_string_equal(list.items[0].question_id, f->quiz.round.questions[0].question->id);
    store_answer_list_free(&list);
}

/* Without a store the round plays the same, and says nothing is waiting. */
static void test_unsaved_round_plays(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, NULL, 3), QUIZ_OK);
    assert_int_equal(f->quiz.round_id, 0);
    while (quiz_current(&f->quiz) != NULL) {
        GivenAnswer g;
        right_answer(quiz_current(&f->quiz), &g);
        QuizError err = {0};
        assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS, &err));
        assert_int_equal(err.status, QUIZ_OK);
    }
    assert_int_equal(round_totals(&f->quiz.round).correct, 8);
    assert_int_equal(quiz_unsaved_count(&f->quiz), 0);
}

/* Leaving mid-way: abandoned on record, the answers kept. */
static void test_abandon_keeps_answers(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, f->db.store, 11), QUIZ_OK);
    int64_t id = f->quiz.round_id;
    GivenAnswer g;
    right_answer(quiz_current(&f->quiz), &g);
    assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS, NULL));
    assert_int_equal(quiz_abandon(&f->quiz, NULL), QUIZ_OK);
    assert_false(f->quiz.active);
    StoreRoundList rounds = {0};
    assert_int_equal(store_round_get(f->db.store, id, &rounds, NULL), STORE_OK);
    assert_true(rounds.items[0].abandoned);
    assert_false(rounds.items[0].finished);
    assert_int_equal(rounds.items[0].answered_count, 1);
    store_round_list_free(&rounds);
}

/* Retry asks exactly the questions that were missed, and says so on record. */
static void test_retry_asks_the_missed(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, f->db.store, 21), QUIZ_OK);
    const char *missed[8];
    size_t missed_count = 0, i = 0;
    while (quiz_current(&f->quiz) != NULL) {
        const RoundQuestion *rq = quiz_current(&f->quiz);
        GivenAnswer g;
        right_answer(rq, &g);
        if (i == 1 || i == 4) {
            qtype_given_init(&g); /* nothing given: wrong */
            missed[missed_count++] = rq->question->id;
        }
        assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS, NULL));
        i++;
    }
    int64_t first = f->quiz.round_id;
    assert_int_equal(quiz_retry_missed(&f->quiz, NOW_MS + 60000, NULL), QUIZ_OK);
    assert_true(f->quiz.round_id != first);
    assert_int_equal(f->quiz.round.question_count, missed_count);
    for (size_t k = 0; k < f->quiz.round.question_count; k++) {
        const char *id = f->quiz.round.questions[k].question->id;
        assert_true(strcmp(id, missed[0]) == 0 || strcmp(id, missed[1]) == 0);
    }
    StoreRoundSpec spec = {0};
    assert_int_equal(store_round_spec(f->db.store, f->quiz.round_id, &spec, NULL), STORE_OK);
    assert_int_equal(spec.round.mode, STORE_MODE_RETRY);
    assert_int_equal(spec.only_count, 2);
    store_round_spec_free(&spec);
}

/* A round left mid-way (the game killed) is taken up where it stopped: the
 * same questions, the answers kept, the rest saved under the same id. */
static void test_resume_where_it_stopped(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, f->db.store, 31), QUIZ_OK);
    int64_t id = f->quiz.round_id;
    const char *order[8];
    for (size_t i = 0; i < f->quiz.round.question_count; i++)
        order[i] = f->quiz.round.questions[i].question->id;
    for (int i = 0; i < 3; i++) {
        GivenAnswer g;
        right_answer(quiz_current(&f->quiz), &g);
        assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS, NULL));
    }
    int64_t points = round_totals(&f->quiz.round).points;
    quiz_free(&f->quiz); /* as if killed: nothing more is written */

    QuizError err = {0};
    assert_int_equal(quiz_resume(&f->quiz, f->db.store, id, &f->pack, 1, &err), QUIZ_OK);
    assert_int_equal(f->quiz.round_id, id);
    assert_int_equal(f->quiz.round.current, 3);
    assert_int_equal(round_totals(&f->quiz.round).points, points);
    for (size_t i = 0; i < f->quiz.round.question_count; i++)
        assert_string_equal(f->quiz.round.questions[i].question->id, order[i]);
    while (quiz_current(&f->quiz) != NULL) {
        GivenAnswer g;
        right_answer(quiz_current(&f->quiz), &g);
        assert_non_null(quiz_answer(&f->quiz, &g, 1000, NOW_MS + 9000, &err));
        assert_int_equal(err.status, QUIZ_OK);
    }
    StoreRoundList rounds = {0};
    StoreRound sr = stored_round(f, &rounds);
    assert_true(sr.finished);
    assert_int_equal(sr.answered_count, 8);
    assert_int_equal(sr.correct_count, 8);
    store_round_list_free(&rounds);
    /* A finished round cannot be taken up again. */
    quiz_free(&f->quiz);
    assert_int_equal(quiz_resume(&f->quiz, f->db.store, id, &f->pack, 1, &err), QUIZ_OVER);
    assert_false(f->quiz.active);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_each_answer_saved_with_its_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stored_round_judged_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_review_leaves_no_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsaved_round_plays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abandon_keeps_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_asks_the_missed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume_where_it_stopped, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
