/* test_store_cards.c - flashcards and study figures in the store (store.h,
 * "flashcards" and "study statistics"): cards and their review logs,
 * loading 100,000 cards, reviews per day for the heatmap (also across a
 * daylight-saving change) and true retention. Read test_store.c first.
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

/* ---- cards and reviews -------------------------------------------------- */

static void test_cards_and_reviews(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    StoreCard c = card(p, "gcc", "cloze-1", 2);
    OK(store_card_upsert(f->store, &c, E));

    StoreCard got;
    OK(store_card_get(f->store, p, "gcc", "cloze-1", 2, &got, E));
    assert_memory_equal(&got, &c, sizeof c);
    StoreError err;
    assert_int_equal(store_card_get(f->store, p, "gcc", "cloze-1", 0, &got, &err), STORE_NOT_FOUND);

    /* Two reviews; the card follows, the log keeps both. */
    StoreCard after = c;
    after.state = STORE_CARD_RELEARNING;
    after.lapses = 2;
    after.stability = 0.8;
    after.due = T0 + 2 * DAY_MS + 10 * MIN_MS;
    after.first_seen = T0 + 99; /* a later first_seen does not replace the first */
    StoreReview r1 = review_of(&after, T0 + 2 * DAY_MS, STORE_RATING_AGAIN, STORE_CARD_REVIEW);
    int64_t rid = 0;
    OK(store_review_record(f->store, &after, &r1, &rid, E));
    assert_true(rid > 0);
    StoreCard after2 = after;
    after2.state = STORE_CARD_REVIEW;
    StoreReview r2 =
        review_of(&after2, T0 + 2 * DAY_MS + 10 * MIN_MS, STORE_RATING_GOOD, STORE_CARD_RELEARNING);
    r2.source = STORE_SOURCE_QUIZ;
    OK(store_review_record(f->store, &after2, &r2, NULL, E));

    OK(store_card_get(f->store, p, "gcc", "cloze-1", 2, &got, E));
    assert_int_equal(got.state, STORE_CARD_REVIEW);
    assert_int_equal(got.lapses, 2);
    assert_true(got.stability == 0.8);
    assert_int_equal(got.first_seen, c.first_seen);

    StoreReviewList log = {0};
    OK(store_card_reviews(f->store, p, "gcc", "cloze-1", 2, &log, E));
    assert_int_equal(log.count, 2);
    assert_int_equal(log.items[0].id, rid);
    assert_int_equal(log.items[0].rating, STORE_RATING_AGAIN);
    assert_int_equal(log.items[0].state_before, STORE_CARD_REVIEW);
    assert_int_equal(log.items[0].state_after, STORE_CARD_RELEARNING);
    assert_int_equal(log.items[0].source, STORE_SOURCE_STUDY);
    assert_int_equal(log.items[1].source, STORE_SOURCE_QUIZ);
    assert_int_equal(log.items[1].reviewed_at, T0 + 2 * DAY_MS + 10 * MIN_MS);
    assert_int_equal(log.items[1].ms_taken, 4000);
    store_review_list_free(&log);

    /* Saving the card again (a plain upsert) keeps its review log. */
    OK(store_card_upsert(f->store, &after2, E));
    OK(store_card_reviews(f->store, p, "gcc", "cloze-1", 2, &log, E));
    assert_int_equal(log.count, 2);
    store_review_list_free(&log);

    StoreReview wrong = r2;
    wrong.deletion = 5;
    assert_int_equal(store_review_record(f->store, &after2, &wrong, NULL, &err), STORE_INVALID);
    wrong = r2;
    wrong.rating = 0;
    assert_int_equal(store_review_record(f->store, &after2, &wrong, NULL, &err), STORE_INVALID);
}

static void test_load_many_cards(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    int64_t other = add_profile(f->store, "Other");
    enum { N = 100000 };
    StoreCard *cards = calloc(N, sizeof *cards);
    assert_non_null(cards);
    for (int i = 0; i < N; i++) {
        char q[32];
        snprintf(q, sizeof q, "q%06d", i / 2);
        char pack[16];
        snprintf(pack, sizeof pack, "pack-%d", i % 7);
        cards[i] = card(p, pack, q, i % 2);
        cards[i].reps = i;
    }
    OK(store_cards_upsert(f->store, cards, N, E));
    StoreCard o = card(other, "pack-0", "q000000", 0);
    OK(store_card_upsert(f->store, &o, E));

    StoreCardList got = {0};
    OK(store_cards_load(f->store, p, &got, E));
    assert_int_equal(got.count, N);
    int64_t reps_sum = 0;
    for (size_t i = 0; i < got.count; i++) {
        assert_int_equal(got.items[i].profile_id, p);
        reps_sum += got.items[i].reps;
        if (i) {
            int c = strcmp(got.items[i - 1].pack_id, got.items[i].pack_id);
            assert_true(c <= 0);
        }
    }
    assert_int_equal(reps_sum, (int64_t)N * (N - 1) / 2);
    store_card_list_free(&got);
    free(cards);
}

/* ---- study statistics --------------------------------------------------- */

static void test_study_days_and_retention(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    /* The player is at UTC+3 and their day starts at 04:00 local (01:00 UTC). */
    const int offset = 180, day_start = 240;
    const int64_t now = T0 + 68 * DAY_MS + 12 * HOUR_MS; /* 2026-03-10 12:00 UTC */
    static const struct {
        int64_t at_from_now;
        int rating;
        StoreCardState before;
        int want_day; /* index from the end: 0 today, -1 not in the heatmap */
    } reviews[] = {
        {0, 3, STORE_CARD_REVIEW, 0},
        {-(10 * HOUR_MS + 30 * MIN_MS), 1, STORE_CARD_REVIEW, 0}, /* 01:30 UTC: today */
        {-(11 * HOUR_MS + 30 * MIN_MS), 4, STORE_CARD_REVIEW, 1}, /* 00:30 UTC: yesterday */
        {-DAY_MS, 2, STORE_CARD_REVIEW, 1},
        {-DAY_MS - HOUR_MS, 1, STORE_CARD_LEARNING, 1}, /* not a Review card */
        {-31 * DAY_MS, 1, STORE_CARD_REVIEW, 31},       /* outside 30 days */
        {-111 * DAY_MS, 3, STORE_CARD_NEW, 111},        /* first heatmap day */
        {-112 * DAY_MS, 3, STORE_CARD_NEW, -1},         /* before the heatmap */
    };
    const size_t n = sizeof reviews / sizeof reviews[0];
    for (size_t i = 0; i < n; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%zu", i);
        StoreCard c = card(p, "gcc", q, 0);
        StoreReview r =
            review_of(&c, now + reviews[i].at_from_now, reviews[i].rating, reviews[i].before);
        OK(store_review_record(f->store, &c, &r, NULL, E));
    }

    enum { DAYS = 112 };
    int64_t counts[DAYS];
    const DayRule rule = {.utc_offset_minutes = offset, .day_start_minutes = day_start};
    OK(store_study_days(f->store, p, now, &rule, DAYS, counts, E));
    int64_t want[DAYS] = {0};
    for (size_t i = 0; i < n; i++)
        if (reviews[i].want_day >= 0)
            want[DAYS - 1 - reviews[i].want_day]++;
    for (int d = 0; d < DAYS; d++)
        assert_int_equal(counts[d], want[d]);
    assert_int_equal(counts[DAYS - 1], 2);
    assert_int_equal(counts[DAYS - 2], 3);

    assert_int_equal(day_number(now, offset, day_start) -
                         day_number(now - (11 * HOUR_MS + 30 * MIN_MS), offset, day_start),
                     1);
    assert_int_equal(day_number(-1, 0, 0), -1);

    int64_t passed = 0, total = 0;
    OK(store_retention(f->store, p, now, 30, &passed, &total, E));
    assert_int_equal(total, 4);  /* the four Review-state reviews of the last 30 days */
    assert_int_equal(passed, 3); /* all but the Again */
}

/* The heatmap asks the offset at each day, so the days before a change of
 * daylight saving time keep their own boundaries. The clocks go from +1 to
 * +2 on 2025-03-30 at 01:00 UTC; the study day starts at 04:00 local. */
static void test_study_days_follow_daylight_saving(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    int64_t switch_ms = test_utc_ms(2025, 3, 30, 1, 0);
    const DayRule rule = {
        .day_start_minutes = 240, .offset_fn = test_offset_switch, .offset_user = &switch_ms};
    const int64_t now = test_utc_ms(2025, 4, 2, 12, 0);
    static const struct {
        int mday, hour, minute; /* UTC */
        int want_day;           /* index from the end: 0 today */
    } reviews[] = {
        {29, 2, 30, 5}, /* 03:30 local (+1): still the 28th */
        {29, 3, 30, 4}, /* 04:30 local: the 29th */
        {31, 1, 30, 3}, /* 03:30 local (+2): still the 30th */
        {31, 2, 30, 2}, /* 04:30 local: the 31st */
        {2, 10, 0, 0},  /* April 2nd, today */
    };
    enum { DAYS = 10 };
    int64_t want[DAYS] = {0};
    for (size_t i = 0; i < sizeof reviews / sizeof reviews[0]; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%zu", i);
        StoreCard c = card(p, "gcc", q, 0);
        int month = reviews[i].mday == 2 ? 4 : 3;
        StoreReview r = review_of(
            &c, test_utc_ms(2025, month, reviews[i].mday, reviews[i].hour, reviews[i].minute),
            STORE_RATING_GOOD, STORE_CARD_REVIEW);
        OK(store_review_record(f->store, &c, &r, NULL, E));
        want[DAYS - 1 - reviews[i].want_day]++;
    }
    int64_t counts[DAYS];
    OK(store_study_days(f->store, p, now, &rule, DAYS, counts, E));
    for (int d = 0; d < DAYS; d++)
        assert_int_equal(counts[d], want[d]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cards_and_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_many_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_study_days_and_retention, setup, teardown),
        cmocka_unit_test_setup_teardown(test_study_days_follow_daylight_saving, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
