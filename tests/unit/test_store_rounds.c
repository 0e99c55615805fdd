/* test_store_rounds.c - rounds and answers in the store (store.h, "rounds
 * and answers"): what the results, progress and history screens and a
 * replayed round would get wrong if it broke. Covers a round and its
 * answers round trip, the typed setup and "only" list kept for replay,
 * structured given answers, transactions joining several writes, the
 * progress numbers on a hand-made history, the most-missed list, the
 * score history and best scores. Read test_store.c first.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_store_helpers.h"

/* ---- rounds and answers ------------------------------------------------- */

static void test_round_and_answers_round_trip(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"gcc", "oil-history"};
    int64_t r = begin_round(f->store, p, packs, 2, T0);

    StoreAnswer a1 = answer(r, "gcc", "gcc-founding", "gcc", true, T0 + 5000);
    a1.given = "1981 — الرياض";
    a1.fraction_right = 1.0;
    a1.points = 850;
    StoreAnswer a2 = answer(r, "oil-history", "first-well", "", false, T0 + 9000);
    a2.timed_out = true;
    a2.given = "";
    StoreAnswer a3 = answer(r, "gcc", "gcc-size", "gcc", false, T0 + 12000);
    a3.fraction_right = 0.5;
    a3.points = 300;
    int64_t id1 = 0;
    OK(store_answer_record(f->store, &a1, &id1, E));
    assert_true(id1 > 0);
    record(f->store, a2);
    record(f->store, a3);

    StoreError err;
    StoreAnswer orphan = answer(9999, "gcc", "x", "", true, T0);
    assert_int_equal(store_answer_record(f->store, &orphan, NULL, &err), STORE_NOT_FOUND);

    /* In progress: shown with its running totals. */
    StoreRoundList rounds = {0};
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 1);
    assert_int_equal(rounds.items[0].id, r);
    assert_false(rounds.items[0].finished);
    assert_int_equal(rounds.items[0].answered_count, 3);
    assert_int_equal(rounds.items[0].correct_count, 1);
    assert_int_equal(rounds.items[0].points, 1150);
    store_round_list_free(&rounds);

    OK(store_round_finish(f->store, r, T0 + 60000, 1, E));
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 0);
    store_round_list_free(&rounds);

    OK(store_round_get(f->store, r, &rounds, E));
    StoreRound *got = &rounds.items[0];
    assert_true(got->finished);
    assert_int_equal(got->finished_at, T0 + 60000);
    assert_int_equal(got->started_at, T0);
    assert_true(got->seed == 0xfedcba9876543210ull);
    assert_int_equal(got->mode, STORE_MODE_PRACTICE);
    assert_int_equal(got->requested_count, 10);
    assert_int_equal(got->time_rule, STORE_TIME_OFF);
    assert_int_equal(got->fixed_seconds, 0);
    assert_int_equal(got->scoring, STORE_SCORING_SPEED);
    assert_true(got->streak_bonus);
    assert_string_equal(got->topic, "");
    assert_string_equal(got->packs, "gcc,oil-history");
    assert_int_equal(got->pack_count, 2);
    assert_int_equal(got->question_count, 10);
    /* The final totals are those of the stored answers (850 + 0 + 300). */
    assert_int_equal(got->correct_count, 1);
    assert_int_equal(got->points, 1150);
    assert_int_equal(got->best_streak, 1);
    assert_false(got->abandoned);
    store_round_list_free(&rounds);
    assert_int_equal(store_round_get(f->store, 4242, &rounds, &err), STORE_NOT_FOUND);

    StoreAnswerList answers = {0};
    OK(store_round_answers(f->store, r, &answers, E));
    assert_int_equal(answers.count, 3);
    assert_int_equal(answers.items[0].id, id1);
    assert_int_equal(answers.items[0].profile_id, p);
    assert_string_equal(answers.items[0].given, "1981 — الرياض");
    assert_string_equal(answers.items[0].topic_id, "gcc");
    assert_int_equal(answers.items[0].points, 850);
    assert_true(answers.items[0].correct);
    assert_string_equal(answers.items[1].question_id, "first-well");
    assert_true(answers.items[1].timed_out);
    assert_false(answers.items[1].correct);
    assert_true(answers.items[2].fraction_right == 0.5);
    assert_int_equal(answers.items[2].ms_taken, 1500);
    assert_int_equal(answers.items[2].answered_at, T0 + 12000);
    store_answer_list_free(&answers);

    /* A round killed mid-way is offered as unfinished until abandoned. */
    int64_t r2 = begin_round(f->store, p, packs, 1, T0 + HOUR_MS);
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 1);
    assert_int_equal(rounds.items[0].id, r2);
    store_round_list_free(&rounds);
    OK(store_round_abandon(f->store, r2, E));
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 0);
    store_round_list_free(&rounds);
    OK(store_round_get(f->store, r2, &rounds, E));
    assert_true(rounds.items[0].abandoned);
    assert_false(rounds.items[0].finished);
    store_round_list_free(&rounds);

    StoreRoundStart bad = {.profile_id = p, .pack_ids = packs, .pack_count = 0};
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    const char *long_pack[] = {
        "a-pack-id-that-is-far-too-long-for-the-format-which-allows-64-chars"};
    bad.pack_ids = long_pack;
    bad.pack_count = 1;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad.pack_ids = packs;
    bad.profile_id = 777;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_NOT_FOUND);
}

/* A round set up for replaying: typed settings, packs in order, the
 * "only" list; and the checks on what a round may be started with. */
static void test_round_spec_replays_setup(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"kuwait-gcc", "alpha", "kuwait-diplomacy"};
    StoreQuestionRef only[3];
    memset(only, 0, sizeof only);
    static const char *const refs[3][2] = {
        {"alpha", "q3"}, {"kuwait-gcc", "gcc-founding"}, {"alpha", "q1"}};
    for (size_t i = 0; i < 3; i++) {
        snprintf(only[i].pack_id, sizeof only[i].pack_id, "%s", refs[i][0]);
        snprintf(only[i].question_id, sizeof only[i].question_id, "%s", refs[i][1]);
    }
    StoreRoundStart start = {
        .profile_id = p,
        .started_at = T0,
        .seed = 77,
        .mode = STORE_MODE_RETRY,
        .requested_count = 0,
        .question_count = 3,
        .time_rule = STORE_TIME_FIXED,
        .fixed_seconds = 30,
        .scoring = STORE_SCORING_ACCURACY,
        .streak_bonus = false,
        .topic = "membership",
        .pack_ids = packs,
        .pack_count = 3,
        .only = only,
        .only_count = 3,
        .keep_only_order = true,
    };
    int64_t r = 0;
    OK(store_round_begin(f->store, &start, &r, E));

    StoreRoundSpec spec;
    OK(store_round_spec(f->store, r, &spec, E));
    assert_int_equal(spec.round.id, r);
    assert_int_equal(spec.round.mode, STORE_MODE_RETRY);
    assert_int_equal(spec.round.time_rule, STORE_TIME_FIXED);
    assert_int_equal(spec.round.fixed_seconds, 30);
    assert_int_equal(spec.round.scoring, STORE_SCORING_ACCURACY);
    assert_false(spec.round.streak_bonus);
    assert_string_equal(spec.round.topic, "membership");
    assert_string_equal(spec.round.packs, "kuwait-gcc,alpha,kuwait-diplomacy");
    assert_true(spec.round.seed == 77);
    assert_int_equal(spec.pack_count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(spec.pack_ids[i], packs[i]);
    assert_int_equal(spec.only_count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(spec.only[i].pack_id, refs[i][0]);
        assert_string_equal(spec.only[i].question_id, refs[i][1]);
    }
    assert_true(spec.keep_only_order);
    store_round_spec_free(&spec);
    assert_null(spec.pack_ids);

    /* A round without an "only" list has none. */
    int64_t plain = begin_round(f->store, p, packs, 1, T0 + 1);
    OK(store_round_spec(f->store, plain, &spec, E));
    assert_int_equal(spec.only_count, 0);
    assert_null(spec.only);
    assert_int_equal(spec.pack_count, 1);
    assert_false(spec.keep_only_order);
    store_round_spec_free(&spec);
    StoreError err;
    assert_int_equal(store_round_spec(f->store, 4242, &spec, &err), STORE_NOT_FOUND);
    assert_null(spec.pack_ids);

    assert_string_equal(store_mode_name(STORE_MODE_MISSED), "missed");
    assert_string_equal(store_mode_name(STORE_MODE_CLASS), "class");
    assert_string_equal(store_time_rule_name(STORE_TIME_PACK), "pack");
    assert_string_equal(store_scoring_name(STORE_SCORING_ACCURACY), "accuracy");
    assert_string_equal(store_mode_name((StoreRoundMode)42), "unknown");

    /* What a round may not be started with; nothing is written then. */
    int64_t rounds_before = raw_int(f->db, "SELECT count(*) FROM rounds");
    StoreRoundStart bad = start;
    bad.fixed_seconds = 0; /* fixed rule without its seconds */
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.fixed_seconds = 3601;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.time_rule = STORE_TIME_PACK; /* seconds without the fixed rule */
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.mode = (StoreRoundMode)9;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.scoring = (StoreScoring)-1;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.requested_count = -1;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.topic = "a-topic-id-that-is-far-too-long-for-the-format-which-allows-64-chars";
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    bad.only = NULL;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad = start;
    StoreQuestionRef long_ref[1];
    memset(long_ref, 'x', sizeof long_ref); /* no NUL in either id */
    bad.only = long_ref;
    bad.only_count = 1;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM rounds"), rounds_before);
}

/* The given answer kept structured, in the round's order of questions. */
static void test_structured_answers(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, p, packs, 1, T0);

    /* Recorded out of order: listed by position. */
    StoreAnswer cloze = answer(r, "gcc", "platform-cloze", "", false, T0 + 3000);
    cloze.position = 2;
    const char *gaps[] = {"الرياض", "", NULL};
    cloze.has_given = true;
    cloze.given_texts = gaps;
    cloze.given_text_count = 3;
    StoreAnswer order = answer(r, "gcc", "sections-order", "", true, T0 + 1000);
    order.position = 0;
    order.has_given = true;
    static const int64_t arrangement[] = {3, 0, 2, 1, -1, INT64_MAX};
    memcpy(order.given_ints, arrangement, sizeof arrangement);
    order.given_int_count = 6;
    StoreAnswer timeout = answer(r, "gcc", "gcc-size", "", false, T0 + 2000);
    timeout.position = 1;
    timeout.timed_out = true;
    StoreAnswer mixed = answer(r, "gcc", "typed", "", true, T0 + 4000);
    mixed.position = 3;
    mixed.has_given = true;
    mixed.given_ints[0] = 7;
    mixed.given_int_count = 1;
    const char *typed[] = {"six"};
    mixed.given_texts = typed;
    mixed.given_text_count = 1;
    record(f->store, cloze);
    record(f->store, order);
    record(f->store, timeout);
    record(f->store, mixed);

    StoreAnswerList got = {0};
    OK(store_round_answers(f->store, r, &got, E));
    assert_int_equal(got.count, 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(got.items[i].position, (int)i);
    const StoreAnswer *a = &got.items[0];
    assert_string_equal(a->question_id, "sections-order");
    assert_true(a->has_given);
    assert_int_equal(a->given_int_count, 6);
    assert_memory_equal(a->given_ints, arrangement, sizeof arrangement);
    assert_int_equal(a->given_text_count, 0);
    a = &got.items[1];
    assert_false(a->has_given);
    assert_true(a->timed_out);
    assert_int_equal(a->given_int_count + a->given_text_count, 0);
    a = &got.items[2];
    assert_int_equal(a->given_int_count, 0);
    assert_int_equal(a->given_text_count, 3);
    assert_string_equal(a->given_texts[0], "الرياض");
    assert_string_equal(a->given_texts[1], "");
    assert_string_equal(a->given_texts[2], ""); /* NULL is kept as "" */
    a = &got.items[3];
    assert_int_equal(a->given_int_count, 1);
    assert_int_equal(a->given_ints[0], 7);
    assert_int_equal(a->given_text_count, 1);
    assert_string_equal(a->given_texts[0], "six");
    store_answer_list_free(&got);

    /* Refused, and nothing of them written. */
    StoreError err;
    StoreAnswer again = answer(r, "gcc", "other", "", true, T0 + 5000);
    again.position = 2; /* answered already */
    assert_int_equal(store_answer_record(f->store, &again, NULL, &err), STORE_INVALID);
    assert_non_null(strstr(err.message, "position 2"));
    StoreAnswer bad = answer(r, "gcc", "bad", "", true, T0 + 6000);
    bad.given_int_count = 1; /* values without has_given */
    assert_int_equal(store_answer_record(f->store, &bad, NULL, &err), STORE_INVALID);
    bad.has_given = true;
    bad.given_int_count = STORE_GIVEN_MAX_INTS + 1;
    assert_int_equal(store_answer_record(f->store, &bad, NULL, &err), STORE_INVALID);
    bad.given_int_count = 0;
    bad.given_text_count = STORE_GIVEN_MAX_TEXTS + 1;
    const char *many[STORE_GIVEN_MAX_TEXTS + 1] = {0};
    bad.given_texts = many;
    assert_int_equal(store_answer_record(f->store, &bad, NULL, &err), STORE_INVALID);
    char *huge = malloc(STORE_TEXT_MAX + 2);
    assert_non_null(huge);
    memset(huge, 'a', STORE_TEXT_MAX + 1);
    huge[STORE_TEXT_MAX + 1] = '\0';
    const char *one_huge[] = {huge};
    bad.given_texts = one_huge;
    bad.given_text_count = 1;
    assert_int_equal(store_answer_record(f->store, &bad, NULL, &err), STORE_INVALID);
    free(huge);
    bad.given_texts = NULL; /* a count without the texts */
    assert_int_equal(store_answer_record(f->store, &bad, NULL, &err), STORE_INVALID);
    bad.given_text_count = 0;
    bad.position = -1;
    assert_int_equal(store_answer_record(f->store, &bad, NULL, &err), STORE_INVALID);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answers"), 4);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answer_values"), 6 + 3 + 2);

    /* The values go with their answer when the profile goes. */
    OK(store_profile_delete(f->store, p, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answer_values"), 0);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM round_packs"), 0);
}

/* ---- transactions ------------------------------------------------------- */

static const char FAIL_REVIEWS[] = "CREATE TEMP TRIGGER fail_reviews BEFORE INSERT ON reviews"
                                   " BEGIN SELECT RAISE(ABORT, 'injected'); END";

/* The play engine's case: an answer and its flashcard review in one
 * transaction, the review write fails for real, the caller rolls back and
 * nothing of the answer remains; the store goes on working. */
static void test_transaction_rolls_back_together(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, p, packs, 1, T0);
    OK(store_debug_exec(f->store, FAIL_REVIEWS, E));

    StoreAnswer a = answer(r, "gcc", "q1", "", true, T0 + 1);
    StoreCard c = card(p, "gcc", "q1", 0);
    StoreReview rv = review_of(&c, T0 + 2, STORE_RATING_GOOD, STORE_CARD_REVIEW);
    StoreError err;
    OK(store_transaction_begin(f->store, E));
    OK(store_answer_record(f->store, &a, NULL, E));
    assert_int_not_equal(store_review_record(f->store, &c, &rv, NULL, &err), STORE_OK);
    assert_non_null(strstr(err.message, "injected"));
    OK(store_transaction_rollback(f->store, E));

    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answers"), 0);
    StoreAnswerList answers = {0};
    OK(store_round_answers(f->store, r, &answers, E));
    assert_int_equal(answers.count, 0);
    store_answer_list_free(&answers);
    StoreRoundList rounds = {0};
    OK(store_round_get(f->store, r, &rounds, E));
    assert_int_equal(rounds.items[0].points, 0); /* the running total too */
    store_round_list_free(&rounds);
    StoreCard got;
    assert_int_equal(store_card_get(f->store, p, "gcc", "q1", 0, &got, &err), STORE_NOT_FOUND);

    /* A failed write inside an open transaction undoes only itself: the
     * caller may still keep the rest. */
    OK(store_transaction_begin(f->store, E));
    OK(store_answer_record(f->store, &a, NULL, E));
    assert_int_not_equal(store_review_record(f->store, &c, &rv, NULL, &err), STORE_OK);
    OK(store_transaction_commit(f->store, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answers"), 1);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM cards"), 0);

    OK(store_debug_exec(f->store, "DROP TRIGGER fail_reviews", E));
    OK(store_review_record(f->store, &c, &rv, NULL, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM reviews"), 1);
}

static void test_transaction_nesting(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    StoreError err;
    assert_int_equal(store_transaction_commit(f->store, &err), STORE_INVALID);
    assert_int_equal(store_transaction_rollback(f->store, &err), STORE_INVALID);

    /* Inner levels are savepoints: one rolled back, one kept. */
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "a", 1, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "b", 2, E));
    OK(store_transaction_rollback(f->store, E));
    OK(store_setting_set_int(f->store, p, "c", 3, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "d", 4, E));
    OK(store_transaction_commit(f->store, E));
    /* Nothing is on disk before the outermost commit. */
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM settings"), 0);
    OK(store_transaction_commit(f->store, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM settings"), 3);
    assert_int_equal(store_setting_int_or(f->store, p, "b", -1), -1);
    assert_int_equal(store_setting_int_or(f->store, p, "d", -1), 4);

    /* Rolling back the outer level takes the committed inner one with it. */
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "e", 5, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "f", 6, E));
    OK(store_transaction_commit(f->store, E));
    OK(store_transaction_rollback(f->store, E));
    assert_int_equal(store_setting_int_or(f->store, p, "e", -1), -1);
    assert_int_equal(store_setting_int_or(f->store, p, "f", -1), -1);
    assert_int_equal(store_transaction_commit(f->store, &err), STORE_INVALID);

    /* The outermost begin takes the write lock: another instance waits,
     * then is told the file is busy, until the commit. */
    Store *other = NULL;
    assert_int_equal(store_open(&other, f->dir, &err), STORE_OK);
    store_set_busy_timeout(other, 50);
    OK(store_transaction_begin(f->store, E));
    assert_int_equal(store_setting_set_int(other, p, "g", 7, &err), STORE_BUSY);
    assert_int_equal(store_transaction_begin(other, &err), STORE_BUSY);
    assert_int_equal(store_transaction_commit(other, &err), STORE_INVALID); /* none opened */
    OK(store_transaction_commit(f->store, E));
    OK(store_setting_set_int(other, p, "g", 7, E));
    store_close(other);

    /* Closing with a transaction open rolls it back. */
    OK(store_transaction_begin(f->store, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "h", 8, E));
    store_close(f->store);
    assert_int_equal(store_open_at(&f->store, f->dir, T0, &err), STORE_OK);
    assert_int_equal(store_setting_int_or(f->store, p, "h", -1), -1);
    assert_int_equal(store_setting_int_or(f->store, p, "g", -1), 7);
    OK(store_check_integrity(f->store, E));
}

/* ---- progress ----------------------------------------------------------- */

typedef struct HistoryRow {
    const char *pack, *question, *topic;
    bool correct;
} HistoryRow;

/* Oldest first; answer i is given at T0 + i minutes. */
static const HistoryRow HISTORY[] = {
    {"alpha", "q1", "t1", true},  {"alpha", "q1", "t1", false}, {"alpha", "q2", "t1", true},
    {"alpha", "q3", "t2", false}, {"alpha", "q3", "t2", false}, {"beta", "b1", "", true},
    {"beta", "b2", "", false},
};

typedef struct ProgressCase {
    const char *pack, *topic;
    int64_t seen, total;
    int recent_count, recent_correct;
    int64_t last_minute;
} ProgressCase;

static int64_t load_history(Store *s)
{
    int64_t p = add_profile(s, "P");
    const char *packs[] = {"alpha", "beta"};
    int64_t r = begin_round(s, p, packs, 2, T0);
    for (size_t i = 0; i < sizeof HISTORY / sizeof HISTORY[0]; i++)
        record(s, answer(r, HISTORY[i].pack, HISTORY[i].question, HISTORY[i].topic,
                         HISTORY[i].correct, T0 + (int64_t)i * MIN_MS));
    return p;
}

static void check_progress(const StoreProgressList *got, const ProgressCase *want, size_t n)
{
    assert_int_equal(got->count, n);
    for (size_t i = 0; i < n; i++) {
        const StoreProgress *g = &got->items[i];
        assert_string_equal(g->pack_id, want[i].pack);
        assert_string_equal(g->topic_id, want[i].topic);
        assert_int_equal(g->questions_seen, want[i].seen);
        assert_int_equal(g->answers_total, want[i].total);
        assert_int_equal(g->recent_count, want[i].recent_count);
        assert_int_equal(g->recent_correct, want[i].recent_correct);
        double acc = (double)want[i].recent_correct / (double)want[i].recent_count;
        assert_true(g->recent_accuracy > acc - 1e-9 && g->recent_accuracy < acc + 1e-9);
        assert_int_equal(g->last_answered_at, T0 + want[i].last_minute * MIN_MS);
    }
}

static void test_progress_numbers(void **state)
{
    Fixture *f = *state;
    int64_t p = load_history(f->store);
    StoreProgressList got = {0};

    /* Recent window 3: alpha's last three answers are q2 right, q3 wrong twice. */
    static const ProgressCase by_pack3[] = {
        {"alpha", "", 3, 5, 3, 1, 4},
        {"beta", "", 2, 2, 2, 1, 6},
    };
    OK(store_progress_by_pack(f->store, p, 3, &got, E));
    check_progress(&got, by_pack3, 2);
    store_progress_list_free(&got);

    static const ProgressCase by_pack20[] = {
        {"alpha", "", 3, 5, 5, 2, 4},
        {"beta", "", 2, 2, 2, 1, 6},
    };
    OK(store_progress_by_pack(f->store, p, 20, &got, E));
    check_progress(&got, by_pack20, 2);
    store_progress_list_free(&got);

    /* Topics: beta's answers have none and are left out. */
    static const ProgressCase by_topic2[] = {
        {"alpha", "t1", 2, 3, 2, 1, 2},
        {"alpha", "t2", 1, 2, 2, 0, 4},
    };
    OK(store_progress_by_topic(f->store, p, NULL, 2, &got, E));
    check_progress(&got, by_topic2, 2);
    store_progress_list_free(&got);
    OK(store_progress_by_topic(f->store, p, "alpha", 2, &got, E));
    check_progress(&got, by_topic2, 2);
    store_progress_list_free(&got);
    OK(store_progress_by_topic(f->store, p, "beta", 2, &got, E));
    assert_int_equal(got.count, 0);
    store_progress_list_free(&got);
}

static void test_most_missed_order(void **state)
{
    Fixture *f = *state;
    int64_t p = load_history(f->store);
    static const struct {
        const char *pack, *question;
        int64_t misses, last_minute;
    } want[] = {
        {"alpha", "q3", 2, 4}, /* most misses */
        {"beta", "b2", 1, 6},  /* one miss, more recent */
        {"alpha", "q1", 1, 1}, /* one miss, older (its right answer came first) */
    };
    StoreMissedList got = {0};
    OK(store_most_missed(f->store, p, 5, &got, E));
    assert_int_equal(got.count, 3); /* q2 and b1 never missed */
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(got.items[i].pack_id, want[i].pack);
        assert_string_equal(got.items[i].question_id, want[i].question);
        assert_int_equal(got.items[i].misses, want[i].misses);
        assert_int_equal(got.items[i].last_answered_at, T0 + want[i].last_minute * MIN_MS);
    }
    store_missed_list_free(&got);
    OK(store_most_missed(f->store, p, 2, &got, E));
    assert_int_equal(got.count, 2);
    assert_string_equal(got.items[1].question_id, "b2");
    store_missed_list_free(&got);
}

static void test_history_and_best(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *alpha[] = {"alpha"}, *beta[] = {"beta"}, *both[] = {"alpha", "beta"};

    /* 35 finished single-pack rounds with points 10*i. */
    for (int i = 1; i <= 35; i++) {
        int64_t r = begin_round(f->store, p, i % 2 ? alpha : beta, 1, T0 + i * HOUR_MS);
        finish_round(f->store, r, i % 10, 10 * i, 2, T0 + i * HOUR_MS + MIN_MS);
    }
    int64_t big = begin_round(f->store, p, both, 2, T0 + 40 * HOUR_MS);
    finish_round(f->store, big, 10, 100000, 10, T0 + 40 * HOUR_MS + MIN_MS);
    begin_round(f->store, p, alpha, 1, T0 + 50 * HOUR_MS); /* unfinished */

    StoreRoundList hist = {0};
    OK(store_round_history(f->store, p, 30, &hist, E));
    assert_int_equal(hist.count, 30);
    /* Oldest first: rounds 7..35 then the two-pack round. */
    assert_int_equal(hist.items[0].points, 70);
    assert_int_equal(hist.items[28].points, 350);
    assert_int_equal(hist.items[29].points, 100000);
    for (size_t i = 1; i < hist.count; i++)
        assert_true(hist.items[i - 1].finished_at < hist.items[i].finished_at);
    assert_int_equal(hist.items[0].correct_count, 7);
    assert_int_equal(hist.items[0].question_count, 10);
    assert_true(hist.items[0].accuracy > 0.7 - 1e-9 && hist.items[0].accuracy < 0.7 + 1e-9);
    store_round_list_free(&hist);

    /* Best per pack counts single-pack rounds only. */
    StoreRoundList best = {0};
    OK(store_pack_best(f->store, p, "alpha", &best, E));
    assert_int_equal(best.items[0].points, 350);
    store_round_list_free(&best);
    OK(store_pack_best(f->store, p, "beta", &best, E));
    assert_int_equal(best.items[0].points, 340);
    store_round_list_free(&best);
    StoreError err;
    assert_int_equal(store_pack_best(f->store, p, "gamma", &best, &err), STORE_NOT_FOUND);

    OK(store_pack_bests(f->store, p, &best, E));
    assert_int_equal(best.count, 2);
    assert_string_equal(best.items[0].packs, "alpha");
    assert_int_equal(best.items[0].points, 350);
    assert_string_equal(best.items[1].packs, "beta");
    assert_int_equal(best.items[1].points, 340);
    store_round_list_free(&best);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_and_answers_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_spec_replays_setup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structured_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_rolls_back_together, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_most_missed_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_and_best, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
