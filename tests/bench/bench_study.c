/* bench_study.c - how long the study queue and forecast take on a big deck.
 *
 * Builds 100,000 cards deterministically by simulating a year of reviews
 * with the real scheduler (src/core/study/fsrs.h), then times study_build_queue(),
 * study_next() and study_forecast() (src/core/study/study.h) and prints the median
 * of several runs. Figures are printed, never asserted (design rule 10).
 *   bench_study [cards] [runs]
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsrs.h"
#include "rng.h"
#include "study.h"
#include "test_support.h"

enum { MIN = FSRS_MS_PER_MINUTE, DAY = FSRS_MS_PER_DAY };

static Rng rng; /* seeded in main, so every run builds the same deck */

static int64_t rng_below(int64_t n)
{
    return (int64_t)rng_range(&rng, (uint32_t)n);
}

static double now_seconds(void)
{
    return test_clock_ms(CLOCK_MONOTONIC) / 1e3;
}

/* A learner's answer: mostly Good, some Again, a few Hard and Easy. */
static FsrsRating pick_rating(void)
{
    int64_t r = rng_below(100);
    return r < 12   ? FSRS_RATING_AGAIN
           : r < 22 ? FSRS_RATING_HARD
           : r < 92 ? FSRS_RATING_GOOD
                    : FSRS_RATING_EASY;
}

/* One card's year: introduced on a random day, then reviewed near each due
 * time (a little late, sometimes days late) until `end`. Returns reviews. */
static long simulate_card(FsrsCard *card, int64_t start, int64_t end, const FsrsDayRule *rule)
{
    if (rng_below(10) == 0) { /* one card in ten never studied */
        *card = fsrs_card_new(start);
        return 0;
    }
    int64_t t = start + rng_below(365) * DAY + rng_below(DAY);
    *card = fsrs_card_new(t);
    long reviews = 0;
    while (t <= end) {
        FsrsCard after;
        if (fsrs_review(NULL, card, pick_rating(), t, rule, &after, NULL) != FSRS_OK)
            break;
        *card = after;
        reviews++;
        if (card->state == FSRS_STATE_REVIEW)
            t = card->due_ms + (rng_below(4) == 0 ? rng_below(5 * DAY) : rng_below(8 * 3600000));
        else
            t = card->due_ms + rng_below(3 * MIN);
    }
    return reviews;
}

static int offset_plus_180(int64_t unix_ms, void *user)
{
    (void)unix_ms;
    (void)user;
    return 180;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
    int runs = argc > 2 ? atoi(argv[2]) : 21;
    if (n == 0 || runs < 1 || runs > 1000) {
        fprintf(stderr, "usage: bench_study [cards >= 1] [runs 1..1000]\n");
        return 2;
    }
    rng_seed(&rng, 20250101);
    const FsrsDayRule kuwait = fsrs_day_rule_fixed(180, 240);
    /* 2025-03-01 00:00 UTC to a year later, 15:00 local. */
    const int64_t start = 1740787200000;
    const int64_t end = start + 365 * (int64_t)DAY + 12 * 3600000;

    FsrsCard *cards = malloc(n * sizeof *cards);
    size_t *order = malloc(n * sizeof *order);
    double *times = malloc((size_t)runs * sizeof *times);
    if (cards == NULL || order == NULL || times == NULL) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }

    double t0 = now_seconds();
    long reviews = 0;
    for (size_t i = 0; i < n; i++)
        reviews += simulate_card(&cards[i], start, end, &kuwait);
    double gen_s = now_seconds() - t0;
    printf("deck: %zu cards, %ld reviews simulated over a year (%.2f s, %.2f us/review)\n", n,
           reviews, gen_s, reviews ? gen_s * 1e6 / (double)reviews : 0.0);

    StudyQueueInfo info;
    StudyOptions opts = study_options_default();
    for (int r = 0; r < runs; r++) {
        double a = now_seconds();
        if (study_build_queue(cards, n, end, &kuwait, &opts, order, n, &info) != STUDY_OK) {
            fprintf(stderr, "study_build_queue failed\n");
            return 1;
        }
        times[r] = (now_seconds() - a) * 1e3;
    }
    printf("queue: %zu to study (%zu learning, %zu reviews, %zu new; %zu learning waiting)\n",
           info.count, info.learning_due, info.review_due, info.new_queued, info.learning_waiting);
    printf("study_build_queue  median %.3f ms over %d runs\n", test_median(times, (size_t)runs),
           runs);

    /* The learner comes back after a break: half, then nearly all, overdue. */
    static const int away_days[] = {60, 365};
    for (size_t k = 0; k < sizeof away_days / sizeof away_days[0]; k++) {
        const int64_t away = end + away_days[k] * (int64_t)DAY;
        for (int r = 0; r < runs; r++) {
            double a = now_seconds();
            if (study_build_queue(cards, n, away, &kuwait, &opts, order, n, &info) != STUDY_OK) {
                fprintf(stderr, "study_build_queue failed\n");
                return 1;
            }
            times[r] = (now_seconds() - a) * 1e3;
        }
        printf("queue after %d days away: %zu to study (%zu reviews)\n", away_days[k], info.count,
               info.review_due);
        printf("study_build_queue (%d days away) median %.3f ms over %d runs\n", away_days[k],
               test_median(times, (size_t)runs), runs);
    }

    size_t next = 0;
    for (int r = 0; r < runs; r++) {
        double a = now_seconds();
        (void)study_next(cards, n, end, &kuwait, &opts, &next, NULL);
        times[r] = (now_seconds() - a) * 1e3;
    }
    printf("study_next         median %.3f ms over %d runs\n", test_median(times, (size_t)runs),
           runs);

    StudyForecast fc;
    for (int r = 0; r < runs; r++) {
        double a = now_seconds();
        study_forecast(cards, n, end, &kuwait, &fc);
        times[r] = (now_seconds() - a) * 1e3;
    }
    printf("forecast: today %zu, tomorrow %zu, day 29 %zu, later %zu, new %zu\n", fc.due_today,
           fc.due_tomorrow, fc.per_day[STUDY_FORECAST_DAYS - 1], fc.later, fc.new_cards);
    printf("study_forecast     median %.3f ms over %d runs\n", test_median(times, (size_t)runs),
           runs);

    /* The same with the offset from a callback, as the game's DST-aware
     * rule would give it: boundaries are computed once per call. */
    FsrsDayRule cb = {.day_start_minutes = 240, .offset_fn = offset_plus_180};
    for (int r = 0; r < runs; r++) {
        double a = now_seconds();
        study_forecast(cards, n, end, &cb, &fc);
        times[r] = (now_seconds() - a) * 1e3;
    }
    printf("study_forecast (offset callback) median %.3f ms over %d runs\n",
           test_median(times, (size_t)runs), runs);

    FsrsCard outs[4];
    const size_t previews = n < 100000 ? n : 100000;
    for (int r = 0; r < runs; r++) {
        double a = now_seconds();
        for (size_t i = 0; i < previews; i++)
            (void)fsrs_preview(NULL, &cards[i], end, &kuwait, outs, NULL);
        times[r] = (now_seconds() - a) * 1e6 / (double)previews;
    }
    printf("fsrs_preview       median %.3f us per card over %d runs\n",
           test_median(times, (size_t)runs), runs);

    free(times);
    free(order);
    free(cards);
    return 0;
}
