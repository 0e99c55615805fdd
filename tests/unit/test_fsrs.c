/* test_fsrs.c - the FSRS-6 scheduler against the reference and the rules a
 * learner sees (src/core/study/fsrs.h).
 *
 * Run without arguments it replays tests/data/fsrs-vectors.tsv (rows from
 * ts-fsrs 5.4.2; format in ../shared/fsrs/README.md); given file names it
 * replays those instead, so other vector sets can be checked the same way:
 *   test_fsrs more-vectors.tsv
 * Each mismatching row is printed with its file line and row number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs.h"
#include "test_support.h"

#ifndef QUIZDECK_TEST_DATA
#error "QUIZDECK_TEST_DATA must name the tests/data folder"
#endif

static const char *const *vector_files;
static int vector_file_count;

enum { MIN = FSRS_MS_PER_MINUTE, DAY = FSRS_MS_PER_DAY };

/* ---- helpers ---------------------------------------------------------------- */

/* "2025-01-01T09:22:00.000Z" -> unix ms. */
static bool parse_utc(const char *text, int64_t *out)
{
    int y, mo, d, h, mi, s, ms;
    char z;
    if (sscanf(text, "%d-%d-%dT%d:%d:%d.%3d%c", &y, &mo, &d, &h, &mi, &s, &ms, &z) != 8 || z != 'Z')
        return false;
    *out = ((test_days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * (int64_t)MIN +
           (int64_t)s * 1000 + ms;
    return true;
}

static bool close_rel(double got, double want)
{
    return fabs(got - want) <= 1e-4 * fmax(fabs(want), 1e-9);
}

/* Field by field: structs have padding that memcmp would compare. */
static bool cards_equal(const FsrsCard *a, const FsrsCard *b)
{
    return a->state == b->state && a->stability == b->stability && a->difficulty == b->difficulty &&
           a->due_ms == b->due_ms && a->last_review_ms == b->last_review_ms && a->step == b->step &&
           a->reps == b->reps && a->lapses == b->lapses && a->scheduled_days == b->scheduled_days;
}

static FsrsCard review_ok(const FsrsParams *p, FsrsCard card, FsrsRating rating, int64_t now,
                          const FsrsDayRule *rule, FsrsReviewLog *log)
{
    FsrsCard after;
    assert_int_equal(fsrs_review(p, &card, rating, now, rule, &after, log), FSRS_OK);
    return after;
}

/* ---- vector replay ------------------------------------------------------------ */

/* Replays one vector file; prints each mismatching row and returns how many
 * rows mismatched (a file that cannot be read or parsed counts as 1). */
static int replay_file(const char *path, int *rows_out)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open\n", path);
        return 1;
    }
    FsrsParams params = fsrs_params_default();
    FsrsDayRule rule = fsrs_day_rule_utc();
    FsrsCard card = fsrs_card_new(0);
    char line[512];
    int line_no = 0, rows = 0, bad = 0, seq = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        line_no++;
        if (line[0] == '#' || line[0] == '\n' || strncmp(line, "seq", 3) == 0)
            continue;
        int row_seq, rating, state, days;
        double stability, difficulty;
        char review_text[40], due_text[40];
        int64_t review_ms, due_ms;
        if (sscanf(line, "%d\t%39s\t%d\t%d\t%lf\t%lf\t%d\t%39s", &row_seq, review_text, &rating,
                   &state, &stability, &difficulty, &days, due_text) != 8 ||
            !parse_utc(review_text, &review_ms) || !parse_utc(due_text, &due_ms)) {
            fprintf(stderr, "%s:%d: cannot parse the row\n", path, line_no);
            bad++;
            continue;
        }
        rows++;
        if (row_seq != seq) {
            seq = row_seq;
            card = fsrs_card_new(review_ms); /* created at its first review */
        }
        FsrsCard after;
        FsrsStatus st =
            fsrs_review(&params, &card, (FsrsRating)rating, review_ms, &rule, &after, NULL);
        if (st != FSRS_OK) {
            fprintf(stderr, "%s:%d: row %d (seq %d): fsrs_review failed (%d)\n", path, line_no,
                    rows, seq, (int)st);
            bad++;
            continue;
        }
        bool same = (int)after.state == state && close_rel(after.stability, stability) &&
                    close_rel(after.difficulty, difficulty) && after.scheduled_days == days &&
                    after.due_ms == due_ms;
        if (!same) {
            fprintf(stderr,
                    "%s:%d: row %d (seq %d, rating %d): want state %d S %.8f D %.8f "
                    "days %d due %lld; got state %d S %.8f D %.8f days %d due %lld\n",
                    path, line_no, rows, seq, rating, state, stability, difficulty, days,
                    (long long)due_ms, (int)after.state, after.stability, after.difficulty,
                    after.scheduled_days, (long long)after.due_ms);
            bad++;
        }
        if (!same) {
            /* Go on from the reference's state so that one wrong row is
             * reported once rather than for the rest of its sequence. */
            after.state = (FsrsState)state;
            after.stability = stability;
            after.difficulty = difficulty;
            after.scheduled_days = days;
            after.due_ms = due_ms;
        }
        card = after; /* follow our own schedule, as the game would */
    }
    fclose(f);
    *rows_out = rows;
    return bad;
}

static void test_vectors_replay(void **state)
{
    (void)state;
    static const char *const default_files[] = {QUIZDECK_TEST_DATA "/fsrs-vectors.tsv"};
    const char *const *files = vector_file_count > 0 ? vector_files : default_files;
    int count = vector_file_count > 0 ? vector_file_count : 1;
    int total_bad = 0;
    for (int i = 0; i < count; i++) {
        int rows = 0;
        int bad = replay_file(files[i], &rows);
        printf("%s: %d rows, %d mismatches\n", files[i], rows, bad);
        total_bad += bad;
        assert_true(rows > 0);
        if (vector_file_count == 0)
            assert_int_equal(rows, 1389); /* the whole shipped set was read */
    }
    assert_int_equal(total_bad, 0);
}

/* ---- first reviews and steps ---------------------------------------------------- */

static void test_first_review_per_rating(void **state)
{
    (void)state;
    static const struct {
        FsrsRating rating;
        FsrsState state;
        double stability, difficulty;
        int64_t due_after_ms;
        int scheduled_days;
    } cases[] = {
        {FSRS_RATING_AGAIN, FSRS_STATE_LEARNING, 0.212, 6.4133, 1 * (int64_t)MIN, 0},
        {FSRS_RATING_HARD, FSRS_STATE_LEARNING, 1.2931, 5.11217071, 6 * (int64_t)MIN, 0},
        {FSRS_RATING_GOOD, FSRS_STATE_LEARNING, 2.3065, 2.11810397, 10 * (int64_t)MIN, 0},
        {FSRS_RATING_EASY, FSRS_STATE_REVIEW, 8.2956, 1.0, 8 * (int64_t)DAY, 8},
    };
    const int64_t now = test_utc_ms(2025, 1, 1, 9, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FsrsReviewLog log;
        FsrsCard c = review_ok(NULL, fsrs_card_new(now), cases[i].rating, now, NULL, &log);
        assert_int_equal(c.state, cases[i].state);
        assert_true(close_rel(c.stability, cases[i].stability));
        assert_true(close_rel(c.difficulty, cases[i].difficulty));
        assert_int_equal(c.due_ms, now + cases[i].due_after_ms);
        assert_int_equal(c.scheduled_days, cases[i].scheduled_days);
        assert_int_equal(c.reps, 1);
        assert_int_equal(c.last_review_ms, now);
        assert_int_equal(log.rating, cases[i].rating);
        assert_int_equal(log.state_before, FSRS_STATE_NEW);
        assert_int_equal(log.state_after, cases[i].state);
        assert_int_equal(log.elapsed_days, 0);
        assert_true(log.stability == c.stability && log.difficulty == c.difficulty);
    }
}

/* Learning steps 1m, 10m: where each rating sends a card in learning. */
static void test_learning_steps(void **state)
{
    (void)state;
    static const struct {
        int step;
        FsrsRating rating;
        FsrsState want_state;
        int want_step;
        int64_t want_minutes; /* -1: graduated, due in whole days */
    } cases[] = {
        {0, FSRS_RATING_AGAIN, FSRS_STATE_LEARNING, 0, 1},
        {0, FSRS_RATING_HARD, FSRS_STATE_LEARNING, 0, 6}, /* mean of 1m and 10m, rounded */
        {0, FSRS_RATING_GOOD, FSRS_STATE_LEARNING, 1, 10},
        {0, FSRS_RATING_EASY, FSRS_STATE_REVIEW, 0, -1},
        {1, FSRS_RATING_AGAIN, FSRS_STATE_LEARNING, 0, 1},
        {1, FSRS_RATING_HARD, FSRS_STATE_LEARNING, 1, 6},
        {1, FSRS_RATING_GOOD, FSRS_STATE_REVIEW, 0, -1},
        {1, FSRS_RATING_EASY, FSRS_STATE_REVIEW, 0, -1},
    };
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FsrsCard c = review_ok(NULL, fsrs_card_new(t0), FSRS_RATING_AGAIN, t0, NULL, NULL);
        if (cases[i].step == 1)
            c = review_ok(NULL, c, FSRS_RATING_GOOD, t0 + MIN, NULL, NULL);
        assert_int_equal(c.step, cases[i].step);
        const int64_t now = t0 + 15 * (int64_t)MIN;
        FsrsCard after = review_ok(NULL, c, cases[i].rating, now, NULL, NULL);
        assert_int_equal(after.state, cases[i].want_state);
        assert_int_equal(after.step, cases[i].want_step);
        if (cases[i].want_minutes > 0) {
            assert_int_equal(after.due_ms, now + cases[i].want_minutes * MIN);
            assert_int_equal(after.scheduled_days, 0);
        } else {
            assert_true(after.scheduled_days >= 1);
            assert_int_equal(after.due_ms, now + (int64_t)after.scheduled_days * DAY);
        }
    }
}

static void test_relearning(void **state)
{
    (void)state;
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    FsrsCard c = review_ok(NULL, fsrs_card_new(t0), FSRS_RATING_EASY, t0, NULL, NULL);
    assert_int_equal(c.state, FSRS_STATE_REVIEW);
    const int64_t due = c.due_ms;

    /* Forgotten when due: back to relearning for 10 minutes, one lapse. */
    FsrsCard lapsed = review_ok(NULL, c, FSRS_RATING_AGAIN, due, NULL, NULL);
    assert_int_equal(lapsed.state, FSRS_STATE_RELEARNING);
    assert_int_equal(lapsed.lapses, 1);
    assert_int_equal(lapsed.step, 0);
    assert_int_equal(lapsed.due_ms, due + 10 * (int64_t)MIN);
    assert_true(lapsed.stability < c.stability);
    assert_true(lapsed.difficulty > c.difficulty);

    static const struct {
        FsrsRating rating;
        FsrsState want_state;
        int64_t want_minutes; /* -1: back in Review */
    } cases[] = {
        {FSRS_RATING_AGAIN, FSRS_STATE_RELEARNING, 10},
        {FSRS_RATING_HARD, FSRS_STATE_RELEARNING, 15}, /* 1.5 x the single step */
        {FSRS_RATING_GOOD, FSRS_STATE_REVIEW, -1},
        {FSRS_RATING_EASY, FSRS_STATE_REVIEW, -1},
    };
    const int64_t now = due + 12 * (int64_t)MIN;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FsrsCard after = review_ok(NULL, lapsed, cases[i].rating, now, NULL, NULL);
        assert_int_equal(after.state, cases[i].want_state);
        assert_int_equal(after.lapses, 1); /* only a Review lapse counts */
        if (cases[i].want_minutes > 0)
            assert_int_equal(after.due_ms, now + cases[i].want_minutes * MIN);
        else
            assert_int_equal(after.due_ms, now + (int64_t)after.scheduled_days * DAY);
    }
}

/* ---- days ------------------------------------------------------------------------ */

/* Kuwait (+03:00), the day starting at 04:00 local: 03:59 belongs to the day
 * before, 04:01 to the new one. */
static void test_day_boundary_kuwait(void **state)
{
    (void)state;
    const FsrsDayRule kw = fsrs_day_rule_fixed(180, 240);
    /* 2025-03-10 local 03:59 = 00:59 UTC; 04:01 local = 01:01 UTC. */
    const int64_t before_start = test_utc_ms(2025, 3, 10, 0, 59);
    const int64_t after_start = test_utc_ms(2025, 3, 10, 1, 1);
    const int64_t mar9 = test_days_from_civil(2025, 3, 9);
    assert_int_equal(fsrs_day_number(before_start, &kw), mar9);
    assert_int_equal(fsrs_day_number(after_start, &kw), mar9 + 1);
    assert_int_equal(fsrs_day_start_ms(mar9 + 1, &kw), test_utc_ms(2025, 3, 10, 1, 0));
    /* Under UTC midnight days both are on 2025-03-10. */
    assert_int_equal(fsrs_day_number(before_start, NULL), mar9 + 1);

    static const struct {
        int64_t last, now;
        int want_elapsed;
    } cases[] = {
        /* 03:59 then 04:01 the same morning: a new day has begun. */
        {0, 2 * (int64_t)MIN, 1},
        /* 04:01 then 03:59 the next morning, almost 24h later: same day. */
        {2 * (int64_t)MIN, (int64_t)DAY, 0},
        /* 04:01 then 04:01 the next morning. */
        {2 * (int64_t)MIN, (int64_t)DAY + 2 * (int64_t)MIN, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t last = before_start + cases[i].last;
        int64_t now = before_start + cases[i].now;
        FsrsCard c = review_ok(NULL, fsrs_card_new(last), FSRS_RATING_EASY, last, &kw, NULL);
        FsrsReviewLog log;
        FsrsCard after = review_ok(NULL, c, FSRS_RATING_GOOD, now, &kw, &log);
        assert_int_equal(log.elapsed_days, cases[i].want_elapsed);
        if (cases[i].want_elapsed == 0)
            assert_true(after.stability == c.stability); /* same-day Good: no growth */
        else
            assert_true(after.stability > c.stability);
    }
}

/* A rule whose offset changes: +60 before a switch instant, +120 after
 * (a daylight saving time jump in spring). */
static void test_day_start_inverse(void **state)
{
    (void)state;
    int64_t switch_ms = test_utc_ms(2025, 3, 30, 1, 0);
    FsrsDayRule rules[4] = {
        fsrs_day_rule_utc(),
        fsrs_day_rule_fixed(180, 240),
        fsrs_day_rule_fixed(-600, 1439),
        {.day_start_minutes = 240, .offset_fn = test_offset_switch, .offset_user = &switch_ms},
    };
    for (size_t r = 0; r < 4; r++) {
        for (int64_t day = test_days_from_civil(2025, 3, 25);
             day < test_days_from_civil(2025, 4, 3); day++) {
            int64_t start = fsrs_day_start_ms(day, &rules[r]);
            assert_int_equal(fsrs_day_number(start, &rules[r]), day);
            assert_int_equal(fsrs_day_number(start - 1, &rules[r]), day - 1);
        }
    }
    /* Day start 04:00 local: UTC+1 before the jump, UTC+2 after it. */
    assert_int_equal(fsrs_day_start_ms(test_days_from_civil(2025, 3, 29), &rules[3]),
                     test_utc_ms(2025, 3, 29, 3, 0));
    assert_int_equal(fsrs_day_start_ms(test_days_from_civil(2025, 3, 31), &rules[3]),
                     test_utc_ms(2025, 3, 31, 2, 0));
    /* Negative times (before 1970) still count whole days downwards. */
    assert_int_equal(fsrs_day_number(-1, NULL), -1);
}

/* ---- parameters --------------------------------------------------------------------- */

static void test_retention_changes_intervals(void **state)
{
    (void)state;
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    int prev_days = INT32_MAX;
    static const double retentions[] = {0.70, 0.80, 0.90, 0.95, 0.97};
    for (size_t i = 0; i < sizeof retentions / sizeof retentions[0]; i++) {
        FsrsParams p = fsrs_params_default();
        p.desired_retention = retentions[i];
        assert_true(fsrs_params_check(&p, NULL, 0));
        FsrsCard c = review_ok(&p, fsrs_card_new(t0), FSRS_RATING_EASY, t0, NULL, NULL);
        c = review_ok(&p, c, FSRS_RATING_GOOD, c.due_ms, NULL, NULL);
        /* Asking to remember more means seeing the card sooner. */
        assert_true(c.scheduled_days < prev_days);
        prev_days = c.scheduled_days;
    }
}

static void test_params_rejected(void **state)
{
    (void)state;
    static const struct {
        double retention;
        int max_interval;
        int first_step;
        bool ok;
    } cases[] = {
        {0.90, 36500, 1, true},  {0.70, 36500, 1, true},  {0.97, 36500, 1, true},
        {0.69, 36500, 1, false}, {0.98, 36500, 1, false}, {NAN, 36500, 1, false},
        {0.90, 0, 1, false},     {0.90, 36500, 0, false},
    };
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FsrsParams p = fsrs_params_default();
        p.desired_retention = cases[i].retention;
        p.maximum_interval = cases[i].max_interval;
        p.learning_steps[0] = cases[i].first_step;
        char msg[128];
        assert_int_equal(fsrs_params_check(&p, msg, sizeof msg), cases[i].ok);
        assert_int_equal(msg[0] == '\0', cases[i].ok); /* a reason when refused */
        FsrsCard c = fsrs_card_new(t0), after = c;
        after.reps = 77;
        FsrsStatus st = fsrs_review(&p, &c, FSRS_RATING_GOOD, t0, NULL, &after, NULL);
        assert_int_equal(st, cases[i].ok ? FSRS_OK : FSRS_BAD_PARAMS);
        if (!cases[i].ok)
            assert_int_equal(after.reps, 77); /* untouched on error */
    }
}

static void test_bad_rating_and_card(void **state)
{
    (void)state;
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    FsrsCard c = fsrs_card_new(t0), after = c;
    assert_int_equal(fsrs_review(NULL, &c, (FsrsRating)0, t0, NULL, &after, NULL), FSRS_BAD_RATING);
    assert_int_equal(fsrs_review(NULL, &c, (FsrsRating)5, t0, NULL, &after, NULL), FSRS_BAD_RATING);
    FsrsCard broken = c;
    broken.state = FSRS_STATE_REVIEW; /* review state with zero stability */
    assert_int_equal(fsrs_review(NULL, &broken, FSRS_RATING_GOOD, t0, NULL, &after, NULL),
                     FSRS_BAD_CARD);
    broken.state = (FsrsState)9;
    assert_int_equal(fsrs_review(NULL, &broken, FSRS_RATING_GOOD, t0, NULL, &after, NULL),
                     FSRS_BAD_CARD);
}

/* ---- preview and retrievability ------------------------------------------------------ */

static void test_preview_matches_review_and_is_ordered(void **state)
{
    (void)state;
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    FsrsCard c = review_ok(NULL, fsrs_card_new(t0), FSRS_RATING_GOOD, t0, NULL, NULL);
    c = review_ok(NULL, c, FSRS_RATING_GOOD, t0 + 10 * (int64_t)MIN, NULL, NULL);
    assert_int_equal(c.state, FSRS_STATE_REVIEW);
    /* Reviewed late, early and on time: buttons never go backwards. */
    const int64_t times[] = {c.due_ms, c.due_ms - DAY, c.due_ms + 20 * (int64_t)DAY,
                             t0 + 11 * (int64_t)MIN};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        FsrsCard outs[4];
        FsrsReviewLog logs[4];
        assert_int_equal(fsrs_preview(NULL, &c, times[i], NULL, outs, logs), FSRS_OK);
        for (int g = 1; g <= 4; g++) {
            FsrsCard one;
            FsrsReviewLog log;
            assert_int_equal(fsrs_review(NULL, &c, (FsrsRating)g, times[i], NULL, &one, &log),
                             FSRS_OK);
            assert_true(cards_equal(&one, &outs[g - 1]));
            assert_int_equal(log.rating, g);
            assert_int_equal(logs[g - 1].after.due_ms, one.due_ms);
            assert_int_equal(log.before.due_ms, c.due_ms);
        }
        assert_true(outs[0].due_ms < outs[1].due_ms);
        assert_true(outs[1].scheduled_days < outs[2].scheduled_days);
        assert_true(outs[2].scheduled_days < outs[3].scheduled_days);
    }
}

static void test_review_in_place(void **state)
{
    (void)state;
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    FsrsCard c = fsrs_card_new(t0);
    FsrsReviewLog log;
    assert_int_equal(fsrs_review(NULL, &c, FSRS_RATING_GOOD, t0, NULL, &c, &log), FSRS_OK);
    assert_int_equal(c.state, FSRS_STATE_LEARNING);
    assert_int_equal(log.before.state, FSRS_STATE_NEW);
}

static void test_retrievability(void **state)
{
    (void)state;
    const int64_t t0 = test_utc_ms(2025, 1, 1, 9, 0);
    FsrsCard fresh = fsrs_card_new(t0);
    assert_true(fsrs_retrievability(NULL, &fresh, t0, NULL) == 0.0);
    FsrsCard c = review_ok(NULL, fresh, FSRS_RATING_EASY, t0, NULL, NULL);
    /* Same day: certain; at the interval (= stability, rounded): about 90%. */
    assert_true(fsrs_retrievability(NULL, &c, t0 + MIN, NULL) == 1.0);
    double at_due = fsrs_retrievability(NULL, &c, c.due_ms, NULL);
    assert_true(at_due > 0.89 && at_due < 0.91);
    double later = fsrs_retrievability(NULL, &c, c.due_ms + 30 * (int64_t)DAY, NULL);
    assert_true(later < at_due && later > 0.0);
}

/* ---- formatting ------------------------------------------------------------------------ */

static void test_format_interval(void **state)
{
    (void)state;
    static const struct {
        int64_t ms;
        const char *want;
    } cases[] = {
        {0, "<1m"},
        {-5000, "<1m"},
        {29 * 1000, "<1m"},
        {1 * (int64_t)MIN, "1m"},
        {6 * (int64_t)MIN, "6m"},
        {10 * (int64_t)MIN, "10m"},
        {59 * (int64_t)MIN, "59m"},
        {60 * (int64_t)MIN, "1h"},
        {90 * (int64_t)MIN, "1.5h"},
        {(int64_t)DAY - 1, "1d"},
        {(int64_t)DAY, "1d"},
        {3 * (int64_t)DAY, "3d"},
        {29 * (int64_t)DAY, "29d"},
        {30 * (int64_t)DAY, "1mo"},
        {64 * (int64_t)DAY, "2.1mo"},
        {364 * (int64_t)DAY, "12.1mo"},
        {365 * (int64_t)DAY, "1y"},
        {475 * (int64_t)DAY, "1.3y"},
        {36500 * (int64_t)DAY, "100y"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[16];
        size_t n = fsrs_format_interval(cases[i].ms, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
        assert_int_equal(n, strlen(cases[i].want));
    }
    char small[3];
    assert_int_equal(fsrs_format_interval(64 * (int64_t)DAY, small, sizeof small), 5);
    assert_string_equal(small, "2."); /* truncated, still terminated */
    char buf[16];
    fsrs_format_days(8, buf, sizeof buf);
    assert_string_equal(buf, "8d");
    fsrs_format_days(475, buf, sizeof buf);
    assert_string_equal(buf, "1.3y");
}

int main(int argc, char **argv)
{
    vector_files = (const char *const *)(argv + 1);
    vector_file_count = argc > 1 ? argc - 1 : 0;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_replay),
        cmocka_unit_test(test_first_review_per_rating),
        cmocka_unit_test(test_learning_steps),
        cmocka_unit_test(test_relearning),
        cmocka_unit_test(test_day_boundary_kuwait),
        cmocka_unit_test(test_day_start_inverse),
        cmocka_unit_test(test_retention_changes_intervals),
        cmocka_unit_test(test_params_rejected),
        cmocka_unit_test(test_bad_rating_and_card),
        cmocka_unit_test(test_preview_matches_review_and_is_ordered),
        cmocka_unit_test(test_review_in_place),
        cmocka_unit_test(test_retrievability),
        cmocka_unit_test(test_format_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
