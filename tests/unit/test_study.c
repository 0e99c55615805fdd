/* test_study.c - the study queue, next-due wait, forecast and quiz ratings
 * (src/core/study/study.h): what a learner sees when opening Study.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "fsrs.h"
#include "rng.h"
#include "study.h"
#include "test_support.h"

enum { MIN = FSRS_MS_PER_MINUTE, HOUR = 60 * FSRS_MS_PER_MINUTE, DAY = FSRS_MS_PER_DAY };

static FsrsCard card_at(FsrsState state, int64_t due_ms)
{
    FsrsCard c = fsrs_card_new(due_ms);
    if (state != FSRS_STATE_NEW) {
        c.state = state;
        c.stability = 3.0;
        c.difficulty = 5.0;
        c.last_review_ms = due_ms - DAY;
        c.reps = 1;
    }
    return c;
}

/* ---- queue order --------------------------------------------------------------- */

static void test_queue_order(void **state)
{
    (void)state;
    const int64_t now = test_utc_ms(2025, 3, 10, 12, 0);
    const FsrsCard cards[] = {
        card_at(FSRS_STATE_NEW, now),                            /* 0 */
        card_at(FSRS_STATE_REVIEW, now - 27 * (int64_t)HOUR),    /* 1 overdue since yesterday */
        card_at(FSRS_STATE_LEARNING, now - 5 * (int64_t)MIN),    /* 2 */
        card_at(FSRS_STATE_REVIEW, now + 6 * (int64_t)HOUR),     /* 3 later today: due */
        card_at(FSRS_STATE_RELEARNING, now - 10 * (int64_t)MIN), /* 4 */
        card_at(FSRS_STATE_LEARNING, now + 5 * (int64_t)MIN),    /* 5 not yet */
        card_at(FSRS_STATE_REVIEW, now + 20 * (int64_t)HOUR),    /* 6 tomorrow */
        card_at(FSRS_STATE_NEW, now),                            /* 7 */
        card_at(FSRS_STATE_REVIEW, now - 2 * (int64_t)DAY),      /* 8 */
        card_at(FSRS_STATE_LEARNING, now - 5 * (int64_t)MIN),    /* 9 ties with 2 */
    };
    const size_t want[] = {4, 2, 9, 8, 1, 3, 0, 7};
    const size_t n = sizeof cards / sizeof cards[0];
    size_t order[sizeof cards / sizeof cards[0]];
    StudyQueueInfo info;
    assert_int_equal(study_build_queue(cards, n, now, NULL, NULL, order, n, &info), STUDY_OK);
    assert_int_equal(info.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < info.count; i++)
        assert_int_equal(order[i], want[i]);
    assert_int_equal(info.learning_due, 3);
    assert_int_equal(info.review_due, 3);
    assert_int_equal(info.new_queued, 2);
    assert_int_equal(info.new_available, 2);
    assert_int_equal(info.learning_waiting, 1);
    assert_int_equal(info.next_learning_due_ms, now + 5 * (int64_t)MIN);
    assert_int_equal(info.wait_ms, 0); /* there is something to do now */

    size_t next = SIZE_MAX;
    assert_true(study_next(cards, n, now, NULL, NULL, &next, NULL));
    assert_int_equal(next, want[0]);

    /* A short buffer gets the head of the same order. */
    size_t head[3];
    assert_int_equal(study_build_queue(cards, n, now, NULL, NULL, head, 3, &info), STUDY_OK);
    assert_int_equal(info.count, 3);
    assert_memory_equal(head, want, sizeof head);

    /* Empty deck and bad arguments. */
    assert_int_equal(study_build_queue(NULL, 0, now, NULL, NULL, NULL, 0, &info), STUDY_OK);
    assert_int_equal(info.count, 0);
    assert_int_equal(study_build_queue(NULL, 3, now, NULL, NULL, order, n, &info), STUDY_BAD_ARGS);
    assert_false(study_next(NULL, 0, now, NULL, NULL, &next, NULL));
}

/* study_next() always names the queue's head, on random decks. */
static void test_next_is_queue_head(void **state)
{
    (void)state;
    enum { N = 200 };
    static FsrsCard cards[N];
    static size_t order[N];
    Rng rng;
    rng_seed(&rng, 42);
    const FsrsDayRule rule = fsrs_day_rule_fixed(180, 240);
    for (int round = 0; round < 50; round++) {
        /* Half the rounds around 1970, so due times straddle zero. */
        const int64_t now = round % 2 ? test_utc_ms(2025, 6, 1, 15, 0) : 0;
        for (size_t i = 0; i < N; i++) {
            FsrsState st = (FsrsState)rng_range(&rng, 4);
            /* few distinct times, so ties happen */
            int64_t due = now + ((int64_t)rng_range(&rng, 9) - 4) * 6 * (int64_t)HOUR;
            cards[i] = card_at(st, due);
        }
        StudyOptions opts = {(int)rng_range(&rng, 4), 0, NULL};
        StudyQueueInfo info, next_info;
        assert_int_equal(study_build_queue(cards, N, now, &rule, &opts, order, N, &info), STUDY_OK);
        size_t next = SIZE_MAX;
        bool has = study_next(cards, N, now, &rule, &opts, &next, &next_info);
        assert_int_equal(has, info.count > 0);
        if (has)
            assert_int_equal(next, order[0]);
        assert_int_equal(next_info.wait_ms, info.wait_ms);
        assert_int_equal(info.count, info.learning_due + info.review_due + info.new_queued);
        /* Each section is in due order, equal times in array order. */
        for (size_t i = 1; i < info.learning_due + info.review_due; i++) {
            if (i == info.learning_due)
                continue;
            int64_t a = cards[order[i - 1]].due_ms, b = cards[order[i]].due_ms;
            assert_true(a < b || (a == b && order[i - 1] < order[i]));
        }
    }
}

/* ---- new-card limit ---------------------------------------------------------------- */

/* Cards the caller leaves out (a cloze's other gaps) are neither queued,
 * picked next, nor counted. */
static void test_skipped_cards_are_left_out(void **state)
{
    (void)state;
    int64_t now = test_utc_ms(2025, 3, 10, 12, 0);
    FsrsCard cards[4];
    for (size_t i = 0; i < 4; i++)
        cards[i] = fsrs_card_new(now);
    cards[2].state = FSRS_STATE_REVIEW; /* a review due now */
    cards[2].due_ms = now;
    const unsigned char skip[4] = {1, 0, 1, 0};
    StudyOptions opts = {20, 0, skip};
    size_t order[4];
    StudyQueueInfo info;
    assert_int_equal(study_build_queue(cards, 4, now, NULL, &opts, order, 4, &info), STUDY_OK);
    assert_int_equal(info.count, 2);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 3);
    assert_int_equal(info.review_due, 0);
    assert_int_equal(info.new_available, 2);
    size_t idx;
    assert_true(study_next(cards, 4, now, NULL, &opts, &idx, &info));
    assert_int_equal(idx, 1);
}

static void test_new_card_limit(void **state)
{
    (void)state;
    enum { N = 30 };
    const int64_t now = test_utc_ms(2025, 3, 10, 12, 0);
    FsrsCard cards[N + 1];
    for (size_t i = 0; i < N; i++)
        cards[i] = card_at(FSRS_STATE_NEW, now);
    cards[N] = card_at(FSRS_STATE_REVIEW, now - DAY); /* one review, always shown */
    static const struct {
        int per_day, done_today;
        size_t want_new;
    } cases[] = {
        {20, 0, 20}, {20, 18, 2}, {20, 20, 0}, {20, 25, 0},
        {0, 0, 0},   {-5, 0, 0},  {50, 0, 30}, {50, 45, 5},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        StudyOptions opts = {cases[c].per_day, cases[c].done_today, NULL};
        size_t order[N + 1];
        StudyQueueInfo info;
        assert_int_equal(study_build_queue(cards, N + 1, now, NULL, &opts, order, N + 1, &info),
                         STUDY_OK);
        assert_int_equal(info.new_queued, cases[c].want_new);
        assert_int_equal(info.new_available, N);
        assert_int_equal(info.count, 1 + cases[c].want_new);
        assert_int_equal(order[0], N);
        for (size_t i = 0; i < cases[c].want_new; i++)
            assert_int_equal(order[1 + i], i); /* new cards in the caller's order */
    }
    /* The default is 20 a day. */
    size_t order[N + 1];
    StudyQueueInfo info;
    assert_int_equal(study_build_queue(cards, N + 1, now, NULL, NULL, order, N + 1, &info),
                     STUDY_OK);
    assert_int_equal(info.new_queued, STUDY_DEFAULT_NEW_PER_DAY);
}

/* ---- a session ------------------------------------------------------------------------ */

/* Three new cards; the first is answered Again and must come back after its
 * one-minute step, before the others' ten-minute steps; waits are reported
 * exactly and followed. */
static void test_learning_cards_return_in_session(void **state)
{
    (void)state;
    enum { N = 3 };
    int64_t now = test_utc_ms(2025, 3, 10, 12, 0);
    FsrsCard cards[N];
    for (size_t i = 0; i < N; i++)
        cards[i] = fsrs_card_new(now);
    StudyOptions opts = {N, 0, NULL};
    size_t shown[32];
    size_t n_shown = 0;
    int waits = 0;
    int64_t first_wait = 0;
    while (n_shown < 12) {
        size_t idx;
        StudyQueueInfo info;
        if (!study_next(cards, N, now, NULL, &opts, &idx, &info)) {
            if (info.learning_waiting == 0)
                break; /* all graduated: the session is over */
            assert_true(info.wait_ms > 0);
            assert_int_equal(info.next_learning_due_ms, now + info.wait_ms);
            if (waits++ == 0)
                first_wait = info.wait_ms;
            now += info.wait_ms; /* the learner waits */
            continue;
        }
        /* Card 0 is answered Again the first time only; everything else Good. */
        bool again = idx == 0 && cards[0].state == FSRS_STATE_NEW;
        if (cards[idx].state == FSRS_STATE_NEW)
            opts.new_done_today++;
        FsrsCard after;
        assert_int_equal(fsrs_review(NULL, &cards[idx],
                                     again ? FSRS_RATING_AGAIN : FSRS_RATING_GOOD, now, NULL,
                                     &after, NULL),
                         FSRS_OK);
        cards[idx] = after;
        shown[n_shown++] = idx;
        now += 10 * 1000; /* ten seconds an answer */
    }
    /* 0 (Again, 1m), 1 (Good, 10m), 2 (Good, 10m), wait 40 s, 0 (Good, 10m),
     * wait, 1 and 2 graduate, wait, 0 graduates. */
    const size_t want[] = {0, 1, 2, 0, 1, 2, 0};
    assert_int_equal(n_shown, sizeof want / sizeof want[0]);
    assert_memory_equal(shown, want, sizeof want);
    assert_int_equal(first_wait, 60 * 1000 - 30 * 1000);
    assert_int_equal(opts.new_done_today, 3);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(cards[i].state, FSRS_STATE_REVIEW);
}

/* When only learning cards wait: how long until the first, and nothing else. */
static void test_next_due_wait(void **state)
{
    (void)state;
    const int64_t now = test_utc_ms(2025, 3, 10, 12, 0);
    static const struct {
        int64_t review_due; /* offset from now; a review card */
        int new_per_day;    /* one new card in the deck */
        int64_t want_wait;
    } cases[] = {
        {30 * (int64_t)HOUR, 0, 4 * (int64_t)MIN}, /* only learning waits */
        {-1 * (int64_t)HOUR, 0, 0},                /* a review is due: no wait */
        {30 * (int64_t)HOUR, 20, 0},               /* a new card may be started */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const FsrsCard cards[] = {
            card_at(FSRS_STATE_LEARNING, now + 9 * (int64_t)MIN),
            card_at(FSRS_STATE_RELEARNING, now + 4 * (int64_t)MIN),
            card_at(FSRS_STATE_REVIEW, now + cases[c].review_due),
            card_at(FSRS_STATE_NEW, now),
        };
        StudyOptions opts = {cases[c].new_per_day, 0, NULL};
        size_t order[4];
        StudyQueueInfo info;
        assert_int_equal(study_build_queue(cards, 4, now, NULL, &opts, order, 4, &info), STUDY_OK);
        assert_int_equal(info.wait_ms, cases[c].want_wait);
        assert_int_equal(info.learning_waiting, 2);
        assert_int_equal(info.next_learning_due_ms, now + 4 * (int64_t)MIN);
        assert_int_equal(info.count == 0, cases[c].want_wait > 0);
    }
}

/* ---- days ------------------------------------------------------------------------------ */

/* Kuwait (+03:00), day starting 04:00 local. At 03:59 local it is still
 * yesterday; at 04:01 the new day's reviews are due, including those due in
 * the small hours of the next calendar date. */
static void test_due_today_day_boundary(void **state)
{
    (void)state;
    const FsrsDayRule kw = fsrs_day_rule_fixed(180, 240);
    /* Local times on 2025-03-10 and 11, as UTC (local - 3h). */
    const int64_t at_0359 = test_utc_ms(2025, 3, 10, 0, 59);
    const int64_t at_0401 = test_utc_ms(2025, 3, 10, 1, 1);
    const FsrsCard cards[] = {
        card_at(FSRS_STATE_REVIEW, test_utc_ms(2025, 3, 10, 0, 58)), /* 0: 03:58 Mar 10 */
        card_at(FSRS_STATE_REVIEW, test_utc_ms(2025, 3, 10, 1, 1)),  /* 1: 04:01 Mar 10 */
        card_at(FSRS_STATE_REVIEW, test_utc_ms(2025, 3, 10, 20, 0)), /* 2: 23:00 Mar 10 */
        card_at(FSRS_STATE_REVIEW, test_utc_ms(2025, 3, 11, 0, 59)), /* 3: 03:59 Mar 11 */
        card_at(FSRS_STATE_REVIEW, test_utc_ms(2025, 3, 11, 1, 1)),  /* 4: 04:01 Mar 11 */
    };
    static const struct {
        bool later; /* at 04:01 rather than 03:59 */
        size_t want[5];
        size_t want_count;
        size_t want_tomorrow;
    } cases[] = {
        {false, {0}, 1, 3},         /* before the day starts: only the card due already */
        {true, {0, 1, 2, 3}, 4, 1}, /* the new day: through 03:59 on the 11th */
    };
    for (size_t c = 0; c < 2; c++) {
        int64_t now = cases[c].later ? at_0401 : at_0359;
        size_t order[5];
        StudyQueueInfo info;
        assert_int_equal(study_build_queue(cards, 5, now, &kw, NULL, order, 5, &info), STUDY_OK);
        assert_int_equal(info.count, cases[c].want_count);
        for (size_t i = 0; i < info.count; i++)
            assert_int_equal(order[i], cases[c].want[i]);
        StudyForecast fc;
        study_forecast(cards, 5, now, &kw, &fc);
        assert_int_equal(fc.due_today, cases[c].want_count);
        assert_int_equal(fc.due_tomorrow, cases[c].want_tomorrow);
    }
    /* Under plain UTC days the same instants fall differently: at 00:59 UTC
     * on the 10th every card due on the 10th (UTC) is due. */
    size_t order[5];
    StudyQueueInfo info;
    assert_int_equal(study_build_queue(cards, 5, at_0359, NULL, NULL, order, 5, &info), STUDY_OK);
    assert_int_equal(info.count, 3);
}

/* ---- forecast ------------------------------------------------------------------------------ */

static void test_forecast_counts(void **state)
{
    (void)state;
    const int64_t now = test_utc_ms(2025, 3, 10, 12, 0);
    const FsrsCard cards[] = {
        card_at(FSRS_STATE_REVIEW, now - 3 * (int64_t)DAY),     /* overdue: today */
        card_at(FSRS_STATE_REVIEW, now + 11 * (int64_t)HOUR),   /* today 23:00 */
        card_at(FSRS_STATE_LEARNING, now + 10 * (int64_t)MIN),  /* today */
        card_at(FSRS_STATE_REVIEW, now + 12 * (int64_t)HOUR),   /* tomorrow 00:00 */
        card_at(FSRS_STATE_RELEARNING, now + 1 * (int64_t)DAY), /* tomorrow */
        card_at(FSRS_STATE_REVIEW, now + 7 * (int64_t)DAY),     /* day 7 */
        card_at(FSRS_STATE_REVIEW, now + 29 * (int64_t)DAY),    /* day 29, last in window */
        card_at(FSRS_STATE_REVIEW, now + 30 * (int64_t)DAY),    /* beyond */
        card_at(FSRS_STATE_NEW, now),                           /* never studied */
    };
    StudyForecast fc;
    study_forecast(cards, sizeof cards / sizeof cards[0], now, NULL, &fc);
    size_t want[STUDY_FORECAST_DAYS] = {0};
    want[0] = 3;
    want[1] = 2;
    want[7] = 1;
    want[29] = 1;
    for (int d = 0; d < STUDY_FORECAST_DAYS; d++)
        assert_int_equal(fc.per_day[d], want[d]);
    assert_int_equal(fc.due_today, 3);
    assert_int_equal(fc.due_tomorrow, 2);
    assert_int_equal(fc.later, 1);
    assert_int_equal(fc.new_cards, 1);

    /* The queue agrees with the forecast on what is due today (the learning
     * card not yet due aside). */
    size_t order[9];
    StudyQueueInfo info;
    StudyOptions none = {0, 0, NULL};
    assert_int_equal(study_build_queue(cards, 9, now, NULL, &none, order, 9, &info), STUDY_OK);
    assert_int_equal(info.review_due + info.learning_due + info.learning_waiting, 3 + 1);
}

/* Every card lands on the day fsrs_day_number() gives it, across a change
 * of offset (daylight saving time) and with a 04:00 day start. */
static void test_forecast_matches_day_numbers(void **state)
{
    (void)state;
    enum { N = 3000 };
    static FsrsCard cards[N];
    int64_t switch_ms = test_utc_ms(2025, 3, 30, 1, 0);
    const FsrsDayRule rules[] = {
        {.day_start_minutes = 240, .offset_fn = test_offset_switch, .offset_user = &switch_ms},
        fsrs_day_rule_fixed(180, 240),
        fsrs_day_rule_fixed(-300, 0),
    };
    const int64_t now = test_utc_ms(2025, 3, 20, 2, 30);
    Rng rng;
    rng_seed(&rng, 7);
    for (size_t i = 0; i < N; i++) {
        int64_t offset = (int64_t)rng_range(&rng, 40u * (uint32_t)DAY) - 5 * (int64_t)DAY;
        cards[i] = card_at(FSRS_STATE_REVIEW, now + offset);
    }
    for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
        size_t want[STUDY_FORECAST_DAYS] = {0};
        size_t want_later = 0;
        int64_t today = fsrs_day_number(now, &rules[r]);
        for (size_t i = 0; i < N; i++) {
            int64_t d = fsrs_day_number(cards[i].due_ms, &rules[r]) - today;
            if (d < 0)
                d = 0;
            if (d >= STUDY_FORECAST_DAYS)
                want_later++;
            else
                want[d]++;
        }
        StudyForecast fc;
        study_forecast(cards, N, now, &rules[r], &fc);
        assert_memory_equal(fc.per_day, want, sizeof want);
        assert_int_equal(fc.later, want_later);
    }
}

/* ---- quiz ratings ------------------------------------------------------------------------ */

static void test_rating_from_quiz(void **state)
{
    (void)state;
    static const struct {
        double fraction;
        bool timed_out;
        int ms_taken, limit_ms;
        FsrsRating want;
    } cases[] = {
        {1.0, false, 3000, 0, FSRS_RATING_GOOD},      /* right, quick, untimed */
        {1.0, false, 20000, 0, FSRS_RATING_GOOD},     /* exactly 20 s is not slow */
        {1.0, false, 20001, 0, FSRS_RATING_HARD},     /* untimed but slow */
        {1.0, false, 7000, 15000, FSRS_RATING_GOOD},  /* under half the limit */
        {1.0, false, 7501, 15000, FSRS_RATING_HARD},  /* over half the limit */
        {1.0, true, 15000, 15000, FSRS_RATING_AGAIN}, /* timed out */
        {0.0, false, 2000, 0, FSRS_RATING_AGAIN},     /* wrong */
        {0.49, false, 2000, 0, FSRS_RATING_AGAIN},    /* mostly wrong */
        {0.5, false, 2000, 0, FSRS_RATING_HARD},      /* half right */
        {0.75, false, 2000, 15000, FSRS_RATING_HARD}, /* partly right */
        {NAN, false, 2000, 0, FSRS_RATING_AGAIN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(study_rating_from_quiz(cases[i].fraction, cases[i].timed_out,
                                                cases[i].ms_taken, cases[i].limit_ms),
                         cases[i].want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queue_order),
        cmocka_unit_test(test_next_is_queue_head),
        cmocka_unit_test(test_skipped_cards_are_left_out),
        cmocka_unit_test(test_new_card_limit),
        cmocka_unit_test(test_learning_cards_return_in_session),
        cmocka_unit_test(test_next_due_wait),
        cmocka_unit_test(test_due_today_day_boundary),
        cmocka_unit_test(test_forecast_counts),
        cmocka_unit_test(test_forecast_matches_day_numbers),
        cmocka_unit_test(test_rating_from_quiz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
