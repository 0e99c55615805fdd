/* test_learn.c - flashcard study per learner (src/core/study/learn.h): card texts,
 * decks from packs + store, quiz and study reviews, replay from the review
 * log, day boundaries, the daily new-card limit, profile isolation, a
 * simulated week of two students on the Kuwait packs, and two store handles
 * on one profile.
 *
 * Times are fixed: the learners live in Kuwait (UTC+03:00) with the study
 * day starting at 04:00, and the clock is moved by the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learn.h"
#include "pack_load.h"
#include "pack_set.h"
#include "rng.h"
#include "test_support.h"

enum { KUWAIT = 180, DAY_START = 240 };

static const int64_t HOUR = 3600000;
static const int64_t MINUTE = 60000;
/* 2026-03-09 00:00 UTC = 03:00 local in Kuwait. */
static const int64_t MAR9_UTC = 1773014400000;

/* Local Kuwait time on March `day` 2026 at hh:mm, as unix ms. */
static int64_t kuwait(int day, int hh, int mm)
{
    return MAR9_UTC + (int64_t)(day - 9) * FSRS_MS_PER_DAY + (int64_t)(hh - 3) * HOUR +
           (int64_t)mm * MINUTE;
}

/* ---- fixtures ---------------------------------------------------------------- */

typedef struct Fixture {
    TestStore ts; /* the shared store fixture; its profile is Alice */
    Store *store; /* ts.store */
    int64_t alice, bob;
    FsrsDayRule rule;
    FsrsParams params;
    LearnSettings settings;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_true(test_store_open(&f->ts, MAR9_UTC, "Alice"));
    f->store = f->ts.store;
    f->alice = f->ts.profile;
    StoreError err;
    /* Arabic names are profiles like any other. */
    assert_int_equal(
        store_profile_add(f->store, "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9", MAR9_UTC, &f->bob, &err),
        STORE_OK);
    f->settings = learn_settings_default();
    f->rule = learn_day_rule(&f->settings, KUWAIT, NULL, NULL);
    f->params = learn_params(&f->settings);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    test_store_close(&f->ts);
    free(f);
    return 0;
}

static Pack *load_cards_pack(void)
{
    DiagList diags = {0};
    Pack *p = pack_load_file(QUIZDECK_TEST_DATA "/study/cards.yaml", &diags);
    diag_clear(&diags);
    assert_non_null(p);
    return p;
}

static void load_kuwait(PackSet *set)
{
    memset(set, 0, sizeof *set);
    assert_int_equal(pack_set_add_path(set, QUIZDECK_SOURCE_QUESTIONS), PACK_SET_OK);
    assert_true(set->pack_count >= 4);
}

/* ---- card texts -------------------------------------------------------------- */

typedef struct TextCase {
    const char *question_id;
    int deletion;
    const char *front;
    const char *back;
} TextCase;

static void test_card_texts(void **state)
{
    (void)state;
    Pack *p = load_cards_pack();
    static const TextCase cases[] = {
        {"q-choice", 0, "Capital of Kuwait?", "Kuwait City"},
        {"q-multi", 0, "Which are GCC members?", "Kuwait\nOman"},
        {"q-tf", 0, "The GCC has six members.", "True"},
        {"q-typed", 0, "How many GCC members?", "six"},
        {"q-order", 0, "Put in order.", "1. first\n2. second\n3. third"},
        {"q-match", 0, "Pair them.",
         "Coordinate \xE2\x86\x92 Policies\nShare \xE2\x86\x92 Intelligence"},
        {"q-cloze", 1, "Kuwait joined the [...] in 1981.", "Kuwait joined the GCC in 1981."},
        {"q-cloze", 2, "Kuwait joined the GCC in [year].", "Kuwait joined the GCC in 1981."},
        {"q-card", 0, "Front side", "Back side"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Question *q = pack_find_question(p, cases[i].question_id);
        assert_non_null(q);
        LearnCardText t;
        assert_true(learn_card_texts(p, q, cases[i].deletion, &t));
        assert_string_equal(t.front, cases[i].front);
        assert_string_equal(t.back, cases[i].back);
        assert_string_equal(t.explain, q->explain);
        assert_string_equal(t.lang, "en");
        learn_card_text_free(&t);
    }
    /* A deletion that does not exist is no card. */
    LearnCardText t;
    assert_false(learn_card_texts(p, pack_find_question(p, "q-cloze"), 3, &t));
    assert_false(learn_card_texts(p, pack_find_question(p, "q-typed"), 1, &t));
    pack_free(p);
}

/* Every cloze gap is its own card; other questions one card each, in pack
 * order. */
static void test_cloze_deletions_are_cards(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    LearnDeck deck;
    StoreError err;
    assert_int_equal(
        learn_deck_build(&deck, f->store, f->alice, &p, 1, kuwait(9, 12, 0), &f->rule, &err),
        STORE_OK);
    assert_int_equal(deck.count, 9); /* 8 questions, the cloze has 2 gaps */
    assert_string_equal(deck.keys[6].question->id, "q-cloze");
    assert_int_equal(deck.keys[6].deletion, 1);
    assert_int_equal(deck.keys[7].deletion, 2);
    assert_int_equal(deck.keys[8].deletion, 0);

    /* A quiz answer with gap 1 right and gap 2 wrong: two cards, two ratings. */
    const Question *cloze = pack_find_question(p, "q-cloze");
    bool gaps[2] = {true, false};
    assert_int_equal(learn_record_quiz_cloze(f->store, f->alice, p->id, cloze, gaps, 2, false, 5000,
                                             0, kuwait(9, 12, 0), &f->rule, &f->params, &err),
                     STORE_OK);
    StoreReviewList log = {0};
    assert_int_equal(store_card_reviews(f->store, f->alice, p->id, "q-cloze", 1, &log, &err),
                     STORE_OK);
    assert_int_equal(log.count, 1);
    assert_int_equal(log.items[0].rating, FSRS_RATING_GOOD);
    assert_int_equal(log.items[0].source, STORE_SOURCE_QUIZ);
    store_review_list_free(&log);
    assert_int_equal(store_card_reviews(f->store, f->alice, p->id, "q-cloze", 2, &log, &err),
                     STORE_OK);
    assert_int_equal(log.count, 1);
    assert_int_equal(log.items[0].rating, FSRS_RATING_AGAIN);
    store_review_list_free(&log);
    /* The whole-question variant rates every gap alike. */
    assert_int_equal(learn_record_quiz_answer(f->store, f->alice, p->id, cloze, 1.0, false, 3000, 0,
                                              kuwait(9, 13, 0), &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    for (int d = 1; d <= 2; d++) {
        assert_int_equal(store_card_reviews(f->store, f->alice, p->id, "q-cloze", d, &log, &err),
                         STORE_OK);
        assert_int_equal(log.count, 2);
        assert_int_equal(log.items[1].rating, FSRS_RATING_GOOD);
        store_review_list_free(&log);
    }
    /* Mismatched gap counts are refused, not half-recorded. */
    assert_int_equal(learn_record_quiz_cloze(f->store, f->alice, p->id, cloze, gaps, 1, false, 5000,
                                             0, kuwait(9, 12, 0), &f->rule, &f->params, &err),
                     STORE_INVALID);
    learn_deck_free(&deck);
    pack_free(p);
}

/* Studying one gap of a cloze leaves its other gaps for tomorrow: shown
 * next, each would repeat the answer just seen. */
static void test_cloze_siblings_wait_until_tomorrow(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    LearnDeck deck;
    StoreError err;
    int64_t now = kuwait(9, 12, 0);
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    assert_int_equal(deck.keys[6].deletion, 1); /* the cloze's two gaps: 6 and 7 */
    assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, 6, FSRS_RATING_EASY, 2000,
                                               now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    /* Study everything else the queue offers today: gap 2 never comes. */
    size_t idx, studied = 0;
    while (learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL)) {
        assert_int_not_equal(idx, 7);
        assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, FSRS_RATING_EASY,
                                                   2000, now, &f->rule, &f->params, NULL, &err),
                         STORE_OK);
        studied++;
    }
    assert_int_equal(studied, 7); /* the eight other cards but gap 2 */
    assert_int_equal(deck.cards[7].state, FSRS_STATE_NEW);
    learn_deck_free(&deck);

    /* Back later the same day: still left out. */
    now = kuwait(9, 23, 0);
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    assert_false(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL));
    learn_deck_free(&deck);

    /* The next day (after 04:00) it is offered. */
    now = kuwait(10, 5, 0);
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    assert_true(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL));
    assert_int_equal(idx, 7);
    learn_deck_free(&deck);
    pack_free(p);
}

/* ---- quiz grading ---------------------------------------------------------------- */

typedef struct GradeCase {
    const char *name;
    double fraction;
    bool timed_out;
    int ms_taken;
    int limit_ms;
    FsrsRating want;
} GradeCase;

static void test_quiz_grading_stores_rating(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    static const GradeCase cases[] = {
        {"wrong", 0.0, false, 4000, 20000, FSRS_RATING_AGAIN},
        {"timed out", 0.0, true, 20000, 20000, FSRS_RATING_AGAIN},
        {"right", 1.0, false, 4000, 20000, FSRS_RATING_GOOD},
        {"right untimed", 1.0, false, 9000, 0, FSRS_RATING_GOOD},
        {"partial", 0.5, false, 4000, 20000, FSRS_RATING_HARD},
        {"slow", 1.0, false, 15000, 20000, FSRS_RATING_HARD},
        {"slow untimed", 1.0, false, 25000, 0, FSRS_RATING_HARD},
        {"mostly wrong", 0.25, false, 4000, 20000, FSRS_RATING_AGAIN},
    };
    const char *ids[] = {"q-choice", "q-multi", "q-tf",   "q-typed",
                         "q-order",  "q-match", "q-card", "q-choice"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const GradeCase *c = &cases[i];
        const Question *q = pack_find_question(p, ids[i]);
        int64_t profile = i == 7 ? f->bob : f->alice; /* q-choice twice: another learner */
        FsrsRating got = 0;
        StoreError err;
        assert_int_equal(learn_record_quiz_answer(
                             f->store, profile, p->id, q, c->fraction, c->timed_out, c->ms_taken,
                             c->limit_ms, kuwait(9, 10, (int)i), &f->rule, &f->params, &got, &err),
                         STORE_OK);
        if (got != c->want)
            fail_msg("case %s: rating %d, want %d", c->name, (int)got, (int)c->want);
        StoreReviewList log = {0};
        assert_int_equal(store_card_reviews(f->store, profile, p->id, q->id, 0, &log, &err),
                         STORE_OK);
        assert_int_equal(log.count, 1);
        assert_int_equal(log.items[0].rating, (int)c->want);
        assert_int_equal(log.items[0].ms_taken, c->ms_taken);
        assert_int_equal(log.items[0].state_before, STORE_CARD_NEW);
        store_review_list_free(&log);
        /* The card is saved and first seen now. */
        StoreCard card;
        assert_int_equal(store_card_get(f->store, profile, p->id, q->id, 0, &card, &err), STORE_OK);
        assert_int_equal(card.first_seen, kuwait(9, 10, (int)i));
        assert_int_equal(card.reps, 1);
    }
    pack_free(p);
}

/* ---- replay ------------------------------------------------------------------------ */

static void assert_cards_equal(const FsrsCard *a, const FsrsCard *b)
{
    assert_int_equal(a->state, b->state);
    assert_true(fabs(a->stability - b->stability) < 1e-9);
    assert_true(fabs(a->difficulty - b->difficulty) < 1e-9);
    assert_int_equal(a->due_ms, b->due_ms);
    assert_int_equal(a->last_review_ms, b->last_review_ms);
    assert_int_equal(a->step, b->step);
    assert_int_equal(a->reps, b->reps);
    assert_int_equal(a->lapses, b->lapses);
    assert_int_equal(a->scheduled_days, b->scheduled_days);
}

/* A card studied and quizzed over two months, with lapses: replaying its
 * stored ratings from scratch gives exactly the stored card. */
static void test_replay_equals_stored(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    LearnDeck deck;
    StoreError err;
    int64_t now = kuwait(9, 8, 0);
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    size_t idx;
    assert_true(learn_deck_find(&deck, p->id, "q-typed", 0, &idx));
    static const FsrsRating ratings[] = {
        FSRS_RATING_AGAIN, FSRS_RATING_GOOD,  FSRS_RATING_GOOD, FSRS_RATING_GOOD,
        FSRS_RATING_HARD,  FSRS_RATING_AGAIN, FSRS_RATING_GOOD, FSRS_RATING_EASY,
        FSRS_RATING_GOOD,  FSRS_RATING_HARD,  FSRS_RATING_GOOD, FSRS_RATING_GOOD,
    };
    const Question *q = pack_find_question(p, "q-typed");
    for (size_t i = 0; i < sizeof ratings / sizeof ratings[0]; i++) {
        /* Review when due (plus a few minutes), every third one from a quiz. */
        int64_t due = deck.cards[idx].due_ms;
        now = (due > now ? due : now) + (int64_t)(i + 1) * 7 * MINUTE;
        if (i % 3 == 2) {
            double fraction = ratings[i] == FSRS_RATING_AGAIN  ? 0.0
                              : ratings[i] == FSRS_RATING_HARD ? 0.5
                                                               : 1.0;
            FsrsRating got;
            assert_int_equal(learn_record_quiz_answer(f->store, f->alice, p->id, q, fraction, false,
                                                      3000, 20000, now, &f->rule, &f->params, &got,
                                                      &err),
                             STORE_OK);
            learn_deck_free(&deck);
            assert_int_equal(
                learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                STORE_OK); /* the deck follows the store */
        } else {
            assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, ratings[i],
                                                       4000, now, &f->rule, &f->params, NULL, &err),
                             STORE_OK);
        }
    }
    StoreCard stored;
    assert_int_equal(store_card_get(f->store, f->alice, p->id, "q-typed", 0, &stored, &err),
                     STORE_OK);
    FsrsCard want = learn_card_from_store(&stored);
    assert_cards_equal(&deck.cards[idx], &want);
    assert_true(want.lapses >= 1);
    assert_true(want.last_review_ms > kuwait(9, 8, 0) + 20LL * FSRS_MS_PER_DAY);

    FsrsCard replayed;
    assert_int_equal(learn_replay_stored(f->store, f->alice, p->id, "q-typed", 0, &f->params,
                                         &f->rule, &replayed, &err),
                     STORE_OK);
    assert_cards_equal(&replayed, &want);
    /* A card never reviewed has nothing to replay. */
    assert_int_equal(learn_replay_stored(f->store, f->alice, p->id, "q-order", 0, &f->params,
                                         &f->rule, &replayed, &err),
                     STORE_NOT_FOUND);
    learn_deck_free(&deck);
    pack_free(p);
}

/* ---- day boundary -------------------------------------------------------------------- */

static void put_review_card(Fixture *f, const char *pack_id, const char *qid, int64_t due)
{
    StoreCard c;
    memset(&c, 0, sizeof c);
    c.profile_id = f->alice;
    snprintf(c.pack_id, sizeof c.pack_id, "%s", pack_id);
    snprintf(c.question_id, sizeof c.question_id, "%s", qid);
    c.state = STORE_CARD_REVIEW;
    c.stability = 5.0;
    c.difficulty = 5.0;
    c.due = due;
    c.last_review = due - 5LL * FSRS_MS_PER_DAY;
    c.reps = 3;
    c.scheduled_days = 5;
    c.first_seen = due - 20LL * FSRS_MS_PER_DAY;
    StoreError err;
    assert_int_equal(store_card_upsert(f->store, &c, &err), STORE_OK);
}

/* Kuwait, day starting at 04:00: a review due at 03:59 on the 10th belongs to
 * the 9th (due today at noon on the 9th), one due at 04:01 to the 10th. And
 * at 03:59 on the 10th it is still the 9th: a card due at noon on the 10th
 * is not due yet; at 04:01 it is. */
static void test_day_boundary(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    put_review_card(f, p->id, "q-choice", kuwait(10, 3, 59));
    put_review_card(f, p->id, "q-multi", kuwait(10, 4, 1));
    put_review_card(f, p->id, "q-tf", kuwait(10, 12, 0));
    f->settings.new_per_day = 0; /* only reviews */

    typedef struct {
        int64_t now;
        size_t due_today, due_tomorrow;
    } Case;
    const Case cases[] = {
        {kuwait(9, 12, 0), 1, 2},  /* the 03:59 card today; 04:01 and noon tomorrow */
        {kuwait(10, 3, 59), 1, 2}, /* still the 9th */
        {kuwait(10, 4, 1), 3, 0},  /* the 10th: all three (one overdue) */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LearnDeck deck;
        StoreError err;
        assert_int_equal(
            learn_deck_build(&deck, f->store, f->alice, &p, 1, cases[i].now, &f->rule, &err),
            STORE_OK);
        LearnStats stats;
        assert_int_equal(learn_stats_build(&stats, f->store, f->alice, &deck, cases[i].now,
                                           &f->rule, &f->params, &err),
                         STORE_OK);
        if (stats.forecast.due_today != cases[i].due_today ||
            stats.forecast.due_tomorrow != cases[i].due_tomorrow)
            fail_msg("case %zu: today %zu tomorrow %zu", i, stats.forecast.due_today,
                     stats.forecast.due_tomorrow);
        StudyQueueInfo info;
        size_t idx;
        bool any = learn_deck_next(&deck, &f->settings, cases[i].now, &f->rule, &idx, &info);
        assert_true(any);
        assert_int_equal(info.review_due, cases[i].due_today);
        learn_stats_free(&stats);
        learn_deck_free(&deck);
    }
    pack_free(p);
}

/* The queue: learning cards due now first, then reviews due today (oldest
 * due first), then new cards in pack order up to the day's limit. */
static void test_queue_order(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    int64_t now = kuwait(9, 18, 0);
    put_review_card(f, p->id, "q-order", kuwait(9, 23, 0)); /* due later today */
    put_review_card(f, p->id, "q-match", kuwait(8, 9, 0));  /* overdue */
    StoreCard learning;
    StoreError err;
    assert_int_equal(store_card_get(f->store, f->alice, p->id, "q-order", 0, &learning, &err),
                     STORE_OK);
    snprintf(learning.question_id, sizeof learning.question_id, "q-card");
    learning.state = STORE_CARD_LEARNING;
    learning.due = now - MINUTE;
    learning.step = 1;
    learning.scheduled_days = 0;
    assert_int_equal(store_card_upsert(f->store, &learning, &err), STORE_OK);
    LearnDeck deck;
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    f->settings.new_per_day = 2;
    StudyOptions opts = learn_deck_options(&deck, &f->settings);
    size_t order[16];
    StudyQueueInfo info;
    assert_int_equal(
        study_build_queue(deck.cards, deck.count, now, &f->rule, &opts, order, 16, &info),
        STUDY_OK);
    const char *want[] = {"q-card", "q-match", "q-order", "q-choice", "q-multi"};
    assert_int_equal(info.count, 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(deck.keys[order[i]].question->id, want[i]);
    /* learn_deck_next agrees with the head of the queue. */
    size_t idx;
    assert_true(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL));
    assert_int_equal(idx, order[0]);
    learn_deck_free(&deck);
    pack_free(p);
}

/* A learning card comes back within the session after its step (1m, 10m). */
static void test_learning_steps(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    LearnDeck deck;
    StoreError err;
    f->settings.new_per_day = 1;
    int64_t now = kuwait(9, 20, 0);
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    size_t idx;
    assert_true(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL));
    assert_int_equal(idx, 0); /* new cards in pack order */
    assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, FSRS_RATING_AGAIN,
                                               2000, now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    /* Nothing due now; the learning card waits one minute. */
    StudyQueueInfo info;
    assert_false(learn_deck_next(&deck, &f->settings, now + 1000, &f->rule, &idx, &info));
    assert_int_equal(info.learning_waiting, 1);
    assert_int_equal(info.wait_ms, MINUTE - 1000);
    size_t early;
    assert_true(learn_deck_next_early(&deck, &early));
    assert_int_equal(early, 0);
    /* Good after a minute: the next step, 10 minutes. */
    now += MINUTE;
    assert_true(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL));
    assert_int_equal(idx, 0);
    assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, FSRS_RATING_GOOD,
                                               2000, now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    assert_int_equal(deck.cards[0].state, FSRS_STATE_LEARNING);
    assert_int_equal(deck.cards[0].due_ms, now + 10 * MINUTE);
    now += 10 * MINUTE;
    assert_true(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, NULL));
    assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, FSRS_RATING_GOOD,
                                               2000, now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    assert_int_equal(deck.cards[0].state, FSRS_STATE_REVIEW);
    assert_false(learn_deck_next(&deck, &f->settings, now, &f->rule, &idx, &info));
    assert_int_equal(info.learning_waiting, 0);
    assert_int_equal(info.wait_ms, 0);
    assert_false(learn_deck_next_early(&deck, &early));
    learn_deck_free(&deck);
    pack_free(p);
}

/* ---- new-card limit ------------------------------------------------------------------- */

static void test_daily_new_limit(void **state)
{
    Fixture *f = *state;
    PackSet set;
    load_kuwait(&set);
    f->settings.new_per_day = 5;
    StoreError err;
    assert_int_equal(learn_settings_save(f->store, f->alice, &f->settings, &err), STORE_OK);
    LearnSettings s = learn_settings_load(f->store, f->alice);
    assert_int_equal(s.new_per_day, 5);

    int64_t now = kuwait(9, 19, 0);
    LearnDeck deck;
    assert_int_equal(
        learn_deck_build(&deck, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    StudyQueueInfo info;
    size_t idx;
    assert_true(learn_deck_next(&deck, &s, now, &f->rule, &idx, &info));
    assert_int_equal(info.new_queued, 5);
    assert_int_equal(idx, 0); /* first card of the first pack */
    for (int i = 0; i < 5; i++) {
        assert_true(learn_deck_next(&deck, &s, now, &f->rule, &idx, NULL));
        assert_int_equal(deck.cards[idx].state, FSRS_STATE_NEW);
        assert_int_equal(idx, (size_t)i); /* pack order, question order */
        assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, FSRS_RATING_EASY,
                                                   1500, now, &f->rule, &f->params, NULL, &err),
                         STORE_OK);
        now += 10000;
    }
    assert_false(learn_deck_next(&deck, &s, now, &f->rule, &idx, &info));
    assert_int_equal(info.new_queued, 0);
    learn_deck_free(&deck);

    /* The limit holds across a restart the same study day (03:30 next
     * morning is still today) ... */
    now = kuwait(10, 3, 30);
    assert_int_equal(
        learn_deck_build(&deck, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(deck.new_done_today, 5);
    assert_false(learn_deck_next(&deck, &s, now, &f->rule, &idx, &info));
    learn_deck_free(&deck);
    /* ... a new card met in a quiz does not use it up (playing a round
     * must not take the day's new cards away from study) ... */
    assert_int_equal(learn_record_quiz_answer(f->store, f->alice, set.packs[1]->id,
                                              &set.packs[1]->questions[0], 1.0, false, 3000, 20000,
                                              now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    assert_int_equal(
        learn_deck_build(&deck, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(deck.new_done_today, 5);
    learn_deck_free(&deck);
    /* ... and lifts after 04:00. */
    now = kuwait(10, 4, 30);
    assert_int_equal(
        learn_deck_build(&deck, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(deck.new_done_today, 0);
    assert_true(learn_deck_next(&deck, &s, now, &f->rule, &idx, &info));
    assert_int_equal(info.new_queued, 5);
    /* The quizzed card is in learning and comes first; then new card 6. */
    assert_int_equal(info.learning_due, 1);
    assert_string_equal(deck.keys[idx].question->id, set.packs[1]->questions[0].id);
    assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, FSRS_RATING_EASY,
                                               1500, now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    assert_true(learn_deck_next(&deck, &s, now, &f->rule, &idx, &info));
    assert_int_equal(idx, 5);
    learn_deck_free(&deck);
    pack_set_free(&set);
}

/* ---- settings ---------------------------------------------------------------------------- */

static void test_settings(void **state)
{
    Fixture *f = *state;
    StoreError err;
    LearnSettings s = learn_settings_load(f->store, f->alice);
    assert_int_equal(s.retention_pct, 90);
    assert_int_equal(s.new_per_day, 20);
    assert_int_equal(s.day_start_hour, 4);
    assert_false(s.two_button);
    s.retention_pct = 99; /* clamped to 97 */
    s.two_button = true;
    s.day_start_hour = 6;
    assert_int_equal(learn_settings_save(f->store, f->alice, &s, &err), STORE_OK);
    s = learn_settings_load(f->store, f->alice);
    assert_int_equal(s.retention_pct, 97);
    assert_true(s.two_button);
    FsrsParams prm = learn_params(&s);
    assert_true(fabs(prm.desired_retention - 0.97) < 1e-12);
    assert_true(fsrs_params_check(&prm, NULL, 0));
    FsrsDayRule r = learn_day_rule(&s, KUWAIT, NULL, NULL);
    assert_int_equal(r.day_start_minutes, 360);
    /* The other learner keeps the defaults; garbage falls back to them. */
    assert_int_equal(learn_settings_load(f->store, f->bob).retention_pct, 90);
    assert_int_equal(store_setting_set_text(f->store, f->bob, LEARN_KEY_RETENTION, "abc", &err),
                     STORE_OK);
    assert_int_equal(store_setting_set_int(f->store, f->bob, LEARN_KEY_NEW_PER_DAY, -3, &err),
                     STORE_OK);
    s = learn_settings_load(f->store, f->bob);
    assert_int_equal(s.retention_pct, 90);
    assert_int_equal(s.new_per_day, 20);
}

/* The machine's zone, through localtime_r: a POSIX TZ string needs no
 * zone files. */
static void test_local_offset(void **state)
{
    (void)state;
    char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", "KWT-3", 1);
    tzset();
    assert_int_equal(learn_local_utc_offset(MAR9_UTC, NULL), 180);
    FsrsDayRule r = learn_day_rule(NULL, 0, learn_local_utc_offset, NULL);
    assert_int_equal(fsrs_day_number(kuwait(10, 3, 59), &r), fsrs_day_number(kuwait(9, 12, 0), &r));
    assert_int_equal(fsrs_day_number(kuwait(10, 4, 1), &r),
                     fsrs_day_number(kuwait(9, 12, 0), &r) + 1);
    setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1); /* US Eastern, DST from 8 March 2026 */
    tzset();
    assert_int_equal(learn_local_utc_offset(MAR9_UTC, NULL), -240);
    assert_int_equal(learn_local_utc_offset(MAR9_UTC - 3LL * FSRS_MS_PER_DAY, NULL), -300);
    if (old) {
        setenv("TZ", old, 1);
        free(old);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

/* ---- profile isolation ---------------------------------------------------------------- */

static void test_profile_isolation(void **state)
{
    Fixture *f = *state;
    PackSet set;
    load_kuwait(&set);
    StoreError err;
    int64_t now = kuwait(9, 17, 0);
    /* Alice studies 10 new cards, all Good-then-Good (graduating); Bob only
     * fails three in a quiz. */
    LearnDeck a;
    assert_int_equal(
        learn_deck_build(&a, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    for (size_t i = 0; i < 10; i++) {
        assert_int_equal(learn_record_study_review(f->store, f->alice, &a, i, FSRS_RATING_EASY,
                                                   1000, now, &f->rule, &f->params, NULL, &err),
                         STORE_OK);
    }
    learn_deck_free(&a);
    const Pack *first = set.packs[0];
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(learn_record_quiz_answer(f->store, f->bob, first->id, &first->questions[i],
                                                  0.0, false, 3000, 20000, now, &f->rule,
                                                  &f->params, NULL, &err),
                         STORE_OK);

    LearnDeck b;
    now += HOUR;
    assert_int_equal(
        learn_deck_build(&a, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(
        learn_deck_build(&b, f->store, f->bob, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(a.new_done_today, 10);
    /* Bob's cards came from a quiz: they do not use up his new cards. */
    assert_int_equal(b.new_done_today, 0);
    StudyQueueInfo ia, ib;
    size_t idx;
    LearnSettings s = learn_settings_default();
    assert_true(learn_deck_next(&a, &s, now, &f->rule, &idx, &ia));
    assert_true(learn_deck_next(&b, &s, now, &f->rule, &idx, &ib));
    assert_int_equal(ia.learning_due, 0); /* Easy: straight to review, days away */
    assert_int_equal(ib.learning_due, 3); /* Again: back after 1 minute */
    assert_int_equal(ia.new_queued, 10);
    assert_int_equal(ib.new_queued, 20);
    assert_int_equal(ib.review_due, 0);
    LearnStats sa, sb;
    assert_int_equal(
        learn_stats_build(&sa, f->store, f->alice, &a, now, &f->rule, &f->params, &err), STORE_OK);
    assert_int_equal(learn_stats_build(&sb, f->store, f->bob, &b, now, &f->rule, &f->params, &err),
                     STORE_OK);
    assert_int_equal(sa.cards_seen, 10);
    assert_int_equal(sb.cards_seen, 3);
    assert_int_equal(sa.heat[LEARN_HEAT_DAYS - 1], 10);
    assert_int_equal(sb.heat[LEARN_HEAT_DAYS - 1], 3);
    assert_int_equal(sa.forecast.due_today, 0);
    assert_int_equal(sb.forecast.due_today, 3);
    learn_stats_free(&sa);
    learn_stats_free(&sb);
    learn_deck_free(&a);
    learn_deck_free(&b);

    /* Deleting Bob leaves Alice's cards alone. */
    assert_int_equal(store_profile_delete(f->store, f->bob, &err), STORE_OK);
    assert_int_equal(
        learn_deck_build(&a, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(a.new_done_today, 10);
    learn_deck_free(&a);
    pack_set_free(&set);
}

/* ---- a simulated week of two students ---------------------------------------------------- */

typedef struct Student {
    int64_t profile;
    LearnSettings settings;
    int again_pct, hard_pct, easy_pct; /* the rest is Good */
    Rng rng;
    size_t reviews;
    size_t due_today[7], due_tomorrow[7];
    size_t new_per_day[7];
} Student;

static FsrsRating student_rating(Student *st)
{
    int roll = (int)rng_range(&st->rng, 100);
    if (roll < st->again_pct)
        return FSRS_RATING_AGAIN;
    if (roll < st->again_pct + st->hard_pct)
        return FSRS_RATING_HARD;
    if (roll < st->again_pct + st->hard_pct + st->easy_pct)
        return FSRS_RATING_EASY;
    return FSRS_RATING_GOOD;
}

/* Checks the deck's forecast independently: every stored card replayed from
 * its own review log, then counted by the day its due time falls on. */
static void check_forecast_by_replay(Fixture *f, Student *st, const LearnDeck *deck,
                                     const LearnStats *stats, int64_t now)
{
    FsrsParams prm = learn_params(&st->settings);
    int64_t today = fsrs_day_number(now, &f->rule);
    size_t today_count = 0, tomorrow_count = 0, seen = 0;
    for (size_t i = 0; i < deck->count; i++) {
        const LearnKey *k = &deck->keys[i];
        if (!k->stored)
            continue;
        seen++;
        FsrsCard replayed;
        StoreError err;
        assert_int_equal(learn_replay_stored(f->store, st->profile, k->pack->id, k->question->id,
                                             k->deletion, &prm, &f->rule, &replayed, &err),
                         STORE_OK);
        assert_cards_equal(&replayed, &deck->cards[i]);
        int64_t day = fsrs_day_number(replayed.due_ms, &f->rule);
        if (day <= today)
            today_count++;
        else if (day == today + 1)
            tomorrow_count++;
    }
    assert_int_equal(stats->cards_seen, seen);
    assert_int_equal(stats->forecast.due_today, today_count);
    assert_int_equal(stats->forecast.due_tomorrow, tomorrow_count);
    size_t sum = stats->forecast.later;
    for (int d = 0; d < STUDY_FORECAST_DAYS; d++)
        sum += stats->forecast.per_day[d];
    assert_int_equal(sum, seen);
}

/* One study session at `now`: everything due, learning cards waited for
 * within the session. Returns the clock at the end. */
static int64_t study_session(Fixture *f, Student *st, PackSet *set, int64_t now, int day)
{
    LearnDeck deck;
    StoreError err;
    assert_int_equal(learn_deck_build(&deck, f->store, st->profile, set->packs, set->pack_count,
                                      now, &f->rule, &err),
                     STORE_OK);
    FsrsParams prm = learn_params(&st->settings);
    int start_new = deck.new_done_today;
    for (int guard = 0; guard < 5000; guard++) {
        size_t idx;
        StudyQueueInfo info;
        if (!learn_deck_next(&deck, &st->settings, now, &f->rule, &idx, &info)) {
            if (info.wait_ms <= 0)
                break;
            now += info.wait_ms; /* waits for the learning card, as a player would */
            continue;
        }
        assert_int_equal(learn_record_study_review(f->store, st->profile, &deck, idx,
                                                   student_rating(st), 6000, now, &f->rule, &prm,
                                                   NULL, &err),
                         STORE_OK);
        st->reviews++;
        now += 6000;
    }
    st->new_per_day[day] = (size_t)(deck.new_done_today - start_new);
    assert_true(deck.new_done_today <= st->settings.new_per_day);
    /* Nothing left for today but cards due later. */
    size_t idx;
    StudyQueueInfo info;
    assert_false(learn_deck_next(&deck, &st->settings, now, &f->rule, &idx, &info));
    assert_int_equal(info.learning_waiting, 0);
    learn_deck_free(&deck);
    return now;
}

static void test_two_students_week(void **state)
{
    Fixture *f = *state;
    PackSet set;
    load_kuwait(&set);
    StoreError err;
    Student students[2];
    memset(students, 0, sizeof students);
    students[0].profile = f->alice;
    students[0].settings = learn_settings_default();
    students[0].again_pct = 10;
    students[0].hard_pct = 10;
    students[0].easy_pct = 15;
    rng_seed(&students[0].rng, 11);
    students[1].profile = f->bob;
    students[1].settings = learn_settings_default();
    students[1].settings.new_per_day = 12;
    students[1].settings.retention_pct = 85;
    students[1].again_pct = 30;
    students[1].hard_pct = 20;
    students[1].easy_pct = 0;
    rng_seed(&students[1].rng, 22);
    for (int s = 0; s < 2; s++)
        assert_int_equal(
            learn_settings_save(f->store, students[s].profile, &students[s].settings, &err),
            STORE_OK);

    size_t total_cards = 0;
    for (int day = 0; day < 7; day++) {
        for (int s = 0; s < 2; s++) {
            Student *st = &students[s];
            st->settings = learn_settings_load(f->store, st->profile);
            /* Alice studies in the evening, Bob early in the morning (before
             * 04:00 on some days: that still counts for the day before). */
            int64_t start = s == 0 ? kuwait(9 + day, 19, 30) : kuwait(9 + day, day % 2 ? 3 : 7, 0);
            int64_t end = study_session(f, st, &set, start, day);

            /* Next morning at 08:00 local: what is due, checked by replay. */
            int64_t morning = kuwait(10 + day, 8, 0);
            LearnDeck deck;
            assert_int_equal(learn_deck_build(&deck, f->store, st->profile, set.packs,
                                              set.pack_count, morning, &f->rule, &err),
                             STORE_OK);
            total_cards = deck.count;
            FsrsParams prm = learn_params(&st->settings);
            LearnStats stats;
            assert_int_equal(learn_stats_build(&stats, f->store, st->profile, &deck, morning,
                                               &f->rule, &prm, &err),
                             STORE_OK);
            check_forecast_by_replay(f, st, &deck, &stats, morning);
            st->due_today[day] = stats.forecast.due_today;
            st->due_tomorrow[day] = stats.forecast.due_tomorrow;
            assert_true(stats.retention_total >= 0);
            assert_true(end >= start);
            learn_stats_free(&stats);
            learn_deck_free(&deck);
        }
    }
    /* The heatmap: Alice studied every evening; Bob's 03:00 sessions fell on
     * the study day before (04:00 start), so he has every other day. */
    for (int s = 0; s < 2; s++) {
        Student *st = &students[s];
        LearnDeck deck;
        int64_t now = kuwait(15, 20, 0);
        assert_int_equal(learn_deck_build(&deck, f->store, st->profile, set.packs, set.pack_count,
                                          now, &f->rule, &err),
                         STORE_OK);
        LearnStats stats;
        FsrsParams prm = learn_params(&st->settings);
        assert_int_equal(
            learn_stats_build(&stats, f->store, st->profile, &deck, now, &f->rule, &prm, &err),
            STORE_OK);
        int64_t sum = 0;
        for (int d = LEARN_HEAT_DAYS - 7; d < LEARN_HEAT_DAYS; d++) {
            bool studied = s == 0 || (LEARN_HEAT_DAYS - 1 - d) % 2 == 0;
            if (studied != (stats.heat[d] > 0))
                fail_msg("student %d, heat day %d: %lld reviews", s, d, (long long)stats.heat[d]);
            sum += stats.heat[d];
        }
        assert_int_equal(sum, (int64_t)st->reviews);
        assert_int_equal(stats.heat[LEARN_HEAT_DAYS - 8], 0);
        /* Topic mastery is a probability, and only over seen cards. */
        assert_true(stats.topic_count > 0);
        for (size_t t = 0; t < stats.topic_count; t++) {
            assert_true(stats.topics[t].mastery >= 0.0 && stats.topics[t].mastery <= 1.0);
            assert_true(stats.topics[t].seen <= stats.topics[t].cards);
        }
        learn_stats_free(&stats);
        learn_deck_free(&deck);
    }
    /* Alice took 20 new a day until the packs ran out; Bob 12 on each of his
     * four study days. */
    size_t a_new = 0, b_new = 0;
    for (int d = 0; d < 7; d++) {
        assert_true(students[0].new_per_day[d] <= 20);
        assert_true(students[1].new_per_day[d] <= 12);
        if (d % 2 == 1)
            assert_int_equal(students[1].new_per_day[d], 0);
        a_new += students[0].new_per_day[d];
        b_new += students[1].new_per_day[d];
    }
    assert_int_equal(a_new, total_cards < 140 ? total_cards : 140);
    assert_int_equal(b_new, total_cards < 48 ? total_cards : 48);
    assert_int_equal(students[0].new_per_day[0], 20);
    assert_int_equal(students[1].new_per_day[0], 12);
    /* Different histories, different schedules. */
    bool differ = false;
    for (int d = 0; d < 7; d++)
        if (students[0].due_today[d] != students[1].due_today[d] ||
            students[0].due_tomorrow[d] != students[1].due_tomorrow[d])
            differ = true;
    assert_true(differ);
    assert_true(students[0].reviews != students[1].reviews);
    pack_set_free(&set);
}

/* ---- two game instances on one profile ------------------------------------------------- */

static void test_two_instances(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    StoreError err;
    Store *second = NULL;
    assert_int_equal(store_open_at(&second, f->ts.dir, MAR9_UTC, &err), STORE_OK);
    int64_t now = kuwait(9, 15, 0);
    LearnDeck d1, d2;
    assert_int_equal(learn_deck_build(&d1, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    assert_int_equal(learn_deck_build(&d2, second, f->alice, &p, 1, now, &f->rule, &err), STORE_OK);
    /* Both windows study, interleaved, the same cards. */
    for (int i = 0; i < 40; i++) {
        size_t idx = (size_t)(i % 9);
        LearnDeck *d = i % 2 ? &d2 : &d1;
        Store *s = i % 2 ? second : f->store;
        assert_int_equal(learn_record_study_review(s, f->alice, d, idx, FSRS_RATING_GOOD, 1000,
                                                   now + i * 1000, &f->rule, &f->params, NULL,
                                                   &err),
                         STORE_OK);
    }
    assert_int_equal(store_check_integrity(f->store, &err), STORE_OK);
    assert_int_equal(store_check_integrity(second, &err), STORE_OK);
    size_t total = 0;
    for (size_t i = 0; i < d1.count; i++) {
        StoreReviewList log = {0};
        assert_int_equal(store_card_reviews(second, f->alice, p->id, d1.keys[i].question->id,
                                            d1.keys[i].deletion, &log, &err),
                         STORE_OK);
        total += log.count;
        store_review_list_free(&log);
    }
    assert_int_equal(total, 40); /* every review kept */

    /* A third party holding the write lock: the second window waits its
     * busy timeout, then says so clearly and leaves its deck as it was. */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(store_path(f->store), &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    store_set_busy_timeout(second, 50);
    FsrsCard before = d2.cards[0];
    StoreStatus st = learn_record_study_review(second, f->alice, &d2, 0, FSRS_RATING_AGAIN, 1000,
                                               now + HOUR, &f->rule, &f->params, NULL, &err);
    assert_int_equal(st, STORE_BUSY);
    assert_true(strlen(err.message) > 10);
    assert_cards_equal(&d2.cards[0], &before);
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(learn_record_study_review(second, f->alice, &d2, 0, FSRS_RATING_AGAIN, 1000,
                                               now + HOUR, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    assert_int_equal(store_check_integrity(second, &err), STORE_OK);
    learn_deck_free(&d1);
    learn_deck_free(&d2);
    store_close(second);
    pack_free(p);
}

/* A quiz round over new cards leaves the day's new-card limit whole, and
 * the topic's memory follows how the answers went: a topic answered three
 * right and two wrong is not remembered "100 %". */
static void test_quiz_keeps_new_limit_and_memory_follows_answers(void **state)
{
    Fixture *f = *state;
    PackSet set;
    load_kuwait(&set);
    StoreError err;
    int64_t now = kuwait(12, 10, 0);
    /* Five one-card questions of one topic of the first pack. */
    const Pack *pack = set.packs[0];
    const char *topic = NULL;
    const Question *asked[5];
    size_t n = 0;
    for (size_t t = 0; t < pack->topic_count && n < 5; t++) {
        n = 0;
        topic = pack->topics[t].id;
        for (size_t q = 0; q < pack->question_count && n < 5; q++)
            if (strcmp(pack->questions[q].topic, topic) == 0 &&
                learn_card_count(&pack->questions[q]) == 1)
                asked[n++] = &pack->questions[q];
    }
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(learn_record_quiz_answer(f->store, f->alice, pack->id, asked[i],
                                                  i < 3 ? 1.0 : 0.0, false, 3000, 20000, now,
                                                  &f->rule, &f->params, NULL, &err),
                         STORE_OK);
    LearnDeck deck;
    assert_int_equal(
        learn_deck_build(&deck, f->store, f->alice, set.packs, set.pack_count, now, &f->rule, &err),
        STORE_OK);
    assert_int_equal(deck.new_done_today, 0);
    LearnSettings s = learn_settings_load(f->store, f->alice);
    StudyQueueInfo info;
    size_t idx;
    assert_true(learn_deck_next(&deck, &s, now, &f->rule, &idx, &info));
    assert_int_equal(info.new_queued, (size_t)s.new_per_day);

    LearnStats stats;
    assert_int_equal(
        learn_stats_build(&stats, f->store, f->alice, &deck, now, &f->rule, &f->params, &err),
        STORE_OK);
    const LearnTopicStat *ts = NULL;
    for (size_t t = 0; t < stats.topic_count; t++)
        if (stats.topics[t].pack == pack && strcmp(stats.topics[t].topic_id, topic) == 0)
            ts = &stats.topics[t];
    assert_non_null(ts);
    assert_int_equal(ts->seen, 5);
    if (ts->mastery < 0.5 || ts->mastery > 0.7)
        fail_msg("memory %.2f after 3 of 5 right", ts->mastery);
    learn_stats_free(&stats);
    learn_deck_free(&deck);
    pack_set_free(&set);
}

/* Without a store (it could not be opened) study still works for the
 * session, and a card that is no longer in any pack is counted apart. */
static void test_no_store_and_orphans(void **state)
{
    Fixture *f = *state;
    Pack *p = load_cards_pack();
    LearnDeck deck;
    StoreError err;
    int64_t now = kuwait(9, 9, 0);
    assert_int_equal(learn_deck_build(&deck, NULL, 0, &p, 1, now, &f->rule, &err), STORE_OK);
    assert_int_equal(deck.count, 9);
    assert_int_equal(learn_record_study_review(NULL, 0, &deck, 2, FSRS_RATING_GOOD, 1000, now,
                                               &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    assert_int_equal(deck.cards[2].state, FSRS_STATE_LEARNING);
    assert_int_equal(deck.new_done_today, 1);
    learn_deck_free(&deck);

    put_review_card(f, p->id, "gone-question", now);
    put_review_card(f, "gone-pack", "q-choice", now);
    put_review_card(f, p->id, "q-choice", now);
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, &p, 1, now, &f->rule, &err),
                     STORE_OK);
    assert_int_equal(deck.orphans, 2);
    assert_true(deck.keys[0].stored);
    assert_int_equal(deck.cards[0].state, FSRS_STATE_REVIEW);
    learn_deck_free(&deck);
    pack_free(p);
}

/* ---- the title's count ---------------------------------------------------------------- */

/* What the title shows comes from a deck of the stored cards alone
 * (learn_deck_build_seen); it must say exactly what the study screen says
 * over the full deck, under any daily limit. The (re)learning count is
 * also checked by hand: cards whose due falls on today's study day. */
static LearnToday assert_title_counts_as_study(Fixture *f, Pack *const *packs, size_t n,
                                               int64_t now, int limit)
{
    LearnSettings s = f->settings;
    s.new_per_day = limit;
    LearnDeck full, seen;
    StoreError err;
    assert_int_equal(learn_deck_build(&full, f->store, f->alice, packs, n, now, &f->rule, &err),
                     STORE_OK);
    assert_int_equal(
        learn_deck_build_seen(&seen, f->store, f->alice, packs, n, now, &f->rule, &err), STORE_OK);
    LearnToday want = learn_deck_today(&full, &s, now, &f->rule);
    LearnToday got = learn_deck_today(&seen, &s, now, &f->rule);
    assert_int_equal(got.learning, want.learning);
    assert_int_equal(got.review, want.review);
    assert_int_equal(got.fresh, want.fresh);

    /* The full deck's count is the queue's. */
    StudyQueueInfo info;
    size_t idx;
    learn_deck_next(&full, &s, now, &f->rule, &idx, &info);
    assert_int_equal(want.review, info.review_due);
    assert_int_equal(want.fresh, info.new_queued);
    size_t learning = 0, stored = 0;
    int64_t today = fsrs_day_number(now, &f->rule);
    for (size_t i = 0; i < full.count; i++) {
        FsrsState st = full.cards[i].state;
        if ((st == FSRS_STATE_LEARNING || st == FSRS_STATE_RELEARNING) &&
            fsrs_day_number(full.cards[i].due_ms, &f->rule) <= today)
            learning++;
        stored += full.keys[i].stored;
    }
    assert_int_equal(want.learning, learning);
    /* The small deck holds just the stored cards, and the same day's facts. */
    assert_int_equal(seen.count, stored);
    assert_int_equal(seen.new_done_today, full.new_done_today);
    assert_int_equal(seen.orphans, full.orphans);
    assert_int_equal(full.unseen_new, 0);
    learn_deck_free(&seen);
    learn_deck_free(&full);
    return want;
}

/* The same at every daily limit; returns the counts at a limit of 7. */
static LearnToday assert_title_counts_at_limits(Fixture *f, Pack *const *packs, size_t n,
                                                int64_t now)
{
    static const int limits[] = {0, 1, 7, 20, 9999};
    LearnToday at7 = {0, 0, 0};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        LearnToday t = assert_title_counts_as_study(f, packs, n, now, limits[i]);
        if (limits[i] == 7)
            at7 = t;
    }
    return at7;
}

/* Studies the full deck's card (question_id, deletion) of `pack` at now. */
static void study_card(Fixture *f, Pack *const *packs, size_t n, const char *pack_id,
                       const char *question_id, int deletion, FsrsRating rating, int64_t now)
{
    LearnDeck deck;
    StoreError err;
    size_t idx;
    assert_int_equal(learn_deck_build(&deck, f->store, f->alice, packs, n, now, &f->rule, &err),
                     STORE_OK);
    assert_true(learn_deck_find(&deck, pack_id, question_id, deletion, &idx));
    assert_int_equal(learn_record_study_review(f->store, f->alice, &deck, idx, rating, 2000, now,
                                               &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    learn_deck_free(&deck);
}

/* A week of a learner with new, learning, review and relearning cards, a
 * daily limit partly used, cloze gaps studied today (their unseen siblings
 * left out), a quiz's new card (not counted against the limit) and stored
 * cards of packs no longer loaded: the title and the study screen agree at
 * every step. */
static void test_title_count_without_unseen_cards(void **state)
{
    Fixture *f = *state;
    Pack *cards = load_cards_pack();
    PackSet set;
    load_kuwait(&set);
    size_t n = set.pack_count + 1;
    Pack **packs = calloc(n, sizeof *packs);
    assert_non_null(packs);
    packs[0] = cards;
    memcpy(packs + 1, set.packs, set.pack_count * sizeof *packs);
    /* A cloze of the Kuwait packs, by its gap count. */
    const Pack *kpack = NULL;
    const Question *kcloze = NULL;
    for (size_t p = 0; p < set.pack_count && kcloze == NULL; p++)
        for (size_t q = 0; q < set.packs[p]->question_count && kcloze == NULL; q++)
            if (set.packs[p]->questions[q].type == QUESTION_CLOZE &&
                set.packs[p]->questions[q].gap_count >= 2) {
                kpack = set.packs[p];
                kcloze = &set.packs[p]->questions[q];
            }
    assert_non_null(kcloze);

    /* A fresh learner: all new, the limit decides. */
    int64_t now = kuwait(9, 12, 0);
    LearnToday t = assert_title_counts_at_limits(f, packs, n, now);
    assert_int_equal(t.fresh, 7);
    assert_int_equal(t.learning + t.review, 0);

    /* Reviews stored before, one overdue, one due tomorrow; and cards of a
     * pack and a question that are not loaded. */
    put_review_card(f, cards->id, "q-choice", kuwait(8, 9, 0));
    put_review_card(f, cards->id, "q-multi", kuwait(10, 12, 0));
    put_review_card(f, "gone-pack", "q-choice", kuwait(9, 6, 0));
    put_review_card(f, cards->id, "gone-question", kuwait(9, 6, 0));
    /* Study today: one gap of each cloze, and three more new cards. */
    study_card(f, packs, n, cards->id, "q-cloze", 1, FSRS_RATING_GOOD, now);
    study_card(f, packs, n, kpack->id, kcloze->id, 1, FSRS_RATING_EASY, now);
    study_card(f, packs, n, cards->id, "q-tf", 0, FSRS_RATING_AGAIN, now);
    study_card(f, packs, n, cards->id, "q-typed", 0, FSRS_RATING_GOOD, now);
    study_card(f, packs, n, cards->id, "q-order", 0, FSRS_RATING_EASY, now);
    /* A quiz meets a new card: no use of the day's limit. */
    StoreError err;
    assert_int_equal(learn_record_quiz_answer(f->store, f->alice, set.packs[0]->id,
                                              &set.packs[0]->questions[0], 1.0, false, 3000, 20000,
                                              now, &f->rule, &f->params, NULL, &err),
                     STORE_OK);
    t = assert_title_counts_at_limits(f, packs, n, now);
    assert_int_equal(t.fresh, 2);    /* 7 less the 5 studied */
    assert_int_equal(t.review, 1);   /* the overdue one */
    assert_int_equal(t.learning, 4); /* Again, two Goods, the quiz's card */
    /* With no limit every unseen card is offered but the clozes' other
     * gaps: the small deck counts them without building them. */
    LearnDeck full, seen;
    assert_int_equal(learn_deck_build(&full, f->store, f->alice, packs, n, now, &f->rule, &err),
                     STORE_OK);
    assert_int_equal(
        learn_deck_build_seen(&seen, f->store, f->alice, packs, n, now, &f->rule, &err), STORE_OK);
    size_t unseen = 0;
    for (size_t i = 0; i < full.count; i++)
        unseen += !full.keys[i].stored;
    assert_int_equal(seen.unseen_new, unseen - (1 + (kcloze->gap_count - 1)));
    learn_deck_free(&seen);
    learn_deck_free(&full);

    /* Later the same study day, and at 03:55 (still today) a card whose
     * 10-minute step ends tomorrow. */
    assert_title_counts_at_limits(f, packs, n, kuwait(9, 12, 30));
    assert_title_counts_at_limits(f, packs, n, kuwait(9, 23, 0));
    now = kuwait(10, 3, 55);
    study_card(f, packs, n, cards->id, "q-match", 0, FSRS_RATING_GOOD, now);
    t = assert_title_counts_at_limits(f, packs, n, now);
    assert_int_equal(t.fresh, 1);

    /* The next day: the review due today lapses into relearning, the
     * clozes' other gaps are offered again. */
    now = kuwait(10, 5, 0);
    assert_title_counts_at_limits(f, packs, n, now);
    study_card(f, packs, n, cards->id, "q-choice", 0, FSRS_RATING_AGAIN, now);
    t = assert_title_counts_at_limits(f, packs, n, now);
    assert_int_equal(t.review, 1); /* q-multi, due at noon */
    assert_int_equal(t.fresh, 7);
    assert_title_counts_at_limits(f, packs, n, kuwait(10, 5, 30));
    assert_title_counts_at_limits(f, packs, n, kuwait(13, 9, 0));
    assert_title_counts_at_limits(f, packs, n, kuwait(30, 9, 0));

    free(packs);
    pack_set_free(&set);
    pack_free(cards);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_card_texts),
        cmocka_unit_test_setup_teardown(test_cloze_deletions_are_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cloze_siblings_wait_until_tomorrow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_grading_stores_rating, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replay_equals_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_day_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_learning_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_daily_new_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
        cmocka_unit_test(test_local_offset),
        cmocka_unit_test_setup_teardown(test_profile_isolation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_students_week, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_instances, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_store_and_orphans, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_keeps_new_limit_and_memory_follows_answers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_title_count_without_unseen_cards, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
