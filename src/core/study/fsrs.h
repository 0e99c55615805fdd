/* fsrs.h - the FSRS-6 spaced-repetition scheduler (pure, SDL-free).
 *
 * Reproduces ts-fsrs 5.4.2 ("FSRS-6.0", fuzz off) row for row: read
 * ../shared/fsrs/README.md for the model and tests/data/fsrs-vectors.tsv for
 * the reference rows, then fsrs_review() below. Everything here is a pure
 * function of its arguments: the time comes in as unix milliseconds, the day
 * boundary as an FsrsDayRule, so the same history always gives the same
 * schedule (design rule 1). Nothing allocates; all results go into
 * caller-owned structs.
 *
 * Days: FSRS counts elapsed days as the difference of calendar dates, not of
 * 24-hour periods. Which calendar is the caller's choice: the reference
 * vectors use UTC days starting at midnight (fsrs_day_rule_utc()); the game
 * uses the learner's local date with the day starting at 04:00, so a review
 * at 03:59 belongs to the day before.
 */
#ifndef QUIZDECK_FSRS_H
#define QUIZDECK_FSRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "day.h"

enum {
    FSRS_PARAM_COUNT = 21, /* w0..w20 of FSRS-6 */
    FSRS_MAX_STEPS = 8,    /* learning or relearning steps at most */
    FSRS_MS_PER_MINUTE = 60000,
    FSRS_MS_PER_DAY = 86400000,
};

typedef enum FsrsState {
    FSRS_STATE_NEW = 0,
    FSRS_STATE_LEARNING = 1,
    FSRS_STATE_REVIEW = 2,
    FSRS_STATE_RELEARNING = 3,
} FsrsState;

typedef enum FsrsRating {
    FSRS_RATING_AGAIN = 1,
    FSRS_RATING_HARD = 2,
    FSRS_RATING_GOOD = 3,
    FSRS_RATING_EASY = 4,
} FsrsRating;

/* ---- days ---------------------------------------------------------------- */

/* Which calendar day an instant belongs to is util/day.h's DayRule (the
 * one day arithmetic of the core, shared with the study screens and the
 * store); these are its names in FSRS terms. A zeroed rule is UTC days
 * starting at midnight (what the reference vectors use); offset_fn gives
 * the local offset east of UTC, in minutes, at each instant (e.g. +180
 * for Kuwait), so the front end can follow daylight saving time without
 * the core reading the system clock or time zone. */
typedef DayOffsetFn FsrsUtcOffsetFn;
typedef DayRule FsrsDayRule;

/* UTC days starting at midnight. */
FsrsDayRule fsrs_day_rule_utc(void);

/* A fixed offset with a day start, e.g. fsrs_day_rule_fixed(180, 240) for
 * Kuwait with the day starting at 04:00. */
FsrsDayRule fsrs_day_rule_fixed(int utc_offset_minutes, int day_start_minutes);

/* The day unix_ms falls on, counted from 1970-01-01 (day 0 under the UTC
 * rule); earlier instants give negative numbers. rule may be NULL (UTC).
 * The same as day_of(). */
int64_t fsrs_day_number(int64_t unix_ms, const FsrsDayRule *rule);

/* The first millisecond of day `day` under `rule` (the inverse of
 * fsrs_day_number: fsrs_day_number(result) == day and
 * fsrs_day_number(result - 1) < day). rule may be NULL (UTC). The same as
 * day_start_ms(), which says what it assumes of an offset_fn. */
int64_t fsrs_day_start_ms(int64_t day, const FsrsDayRule *rule);

/* ---- parameters ---------------------------------------------------------- */

typedef struct FsrsParams {
    double w[FSRS_PARAM_COUNT];
    double desired_retention;           /* 0.70..0.97; 0.9 by default */
    int maximum_interval;               /* days, >= 1; 36500 by default */
    int learning_steps[FSRS_MAX_STEPS]; /* minutes; default 1, 10 */
    int learning_step_count;
    int relearning_steps[FSRS_MAX_STEPS]; /* minutes; default 10 */
    int relearning_step_count;
} FsrsParams;

/* The defaults named in ../shared/fsrs/README.md. Returned by value. */
FsrsParams fsrs_params_default(void);

/* True when the parameters can be used. Otherwise false, and a sentence
 * saying what is wrong goes into msg (always NUL-terminated; msg may be NULL
 * when size is 0). Retention must lie in 0.70..0.97 (beyond that FSRS's
 * intervals stop being useful: hours at the top, months of forgetting at the
 * bottom), steps in 1..(1440*365) minutes. */
bool fsrs_params_check(const FsrsParams *params, char *msg, size_t size);

/* ---- cards and reviews --------------------------------------------------- */

/* One card's scheduling state; a zeroed card is a new card due at time 0. */
typedef struct FsrsCard {
    FsrsState state;
    double stability;       /* days until recall probability falls to 90% */
    double difficulty;      /* 1..10 */
    int64_t due_ms;         /* unix ms when it should be shown next */
    int64_t last_review_ms; /* unix ms; 0 = never reviewed */
    int step;               /* index into (re)learning steps */
    int reps;               /* reviews so far */
    int lapses;             /* times forgotten (Again) while in Review */
    int scheduled_days;     /* interval given at the last review; 0 in steps */
} FsrsCard;

/* A new card, due at once. */
FsrsCard fsrs_card_new(int64_t now_ms);

/* Everything needed to replay (or audit) one review from scratch: the card
 * before and after, the rating, the time and the day arithmetic. The store
 * keeps these; replaying the ratings in order at their review_ms with the
 * same parameters and day rule rebuilds every `after`. */
typedef struct FsrsReviewLog {
    FsrsRating rating;
    int64_t review_ms;
    int elapsed_days;      /* calendar days since the previous review */
    int scheduled_days;    /* after.scheduled_days */
    double retrievability; /* predicted recall at review time; 0 if new */
    double stability;      /* after.stability */
    double difficulty;     /* after.difficulty */
    FsrsState state_before;
    FsrsState state_after;
    FsrsCard before;
    FsrsCard after;
} FsrsReviewLog;

typedef enum FsrsStatus {
    FSRS_OK = 0,
    FSRS_BAD_RATING, /* rating outside 1..4 */
    FSRS_BAD_PARAMS, /* fsrs_params_check() fails */
    FSRS_BAD_CARD,   /* state unknown, or stability/difficulty out of range */
} FsrsStatus;

/* Applies `rating` given at now_ms to `before` and writes the new state to
 * *after and (when log is not NULL) the record to *log. before and after may
 * be the same object. params NULL means the defaults; rule NULL means UTC.
 * A clock that went backwards (now before the last review) counts as a
 * same-day review rather than an error. On error *after and *log are left
 * unchanged. */
FsrsStatus fsrs_review(const FsrsParams *params, const FsrsCard *before, FsrsRating rating,
                       int64_t now_ms, const FsrsDayRule *rule, FsrsCard *after,
                       FsrsReviewLog *log);

/* The four possible outcomes of reviewing `card` at now_ms, for buttons that
 * show "1m / 6m / 10m / 8d": after[r - 1] is the card after rating r (array
 * of 4, caller-owned); logs may be NULL or an array of 4. Same rules and
 * errors as fsrs_review(), which returns after[rating - 1] of this. */
FsrsStatus fsrs_preview(const FsrsParams *params, const FsrsCard *card, int64_t now_ms,
                        const FsrsDayRule *rule, FsrsCard after[4], FsrsReviewLog logs[4]);

/* Probability (0..1) that the card is recalled at now_ms, by the FSRS
 * forgetting curve over calendar days since the last review; 0 for a new
 * card. params NULL means the defaults, rule NULL UTC. */
double fsrs_retrievability(const FsrsParams *params, const FsrsCard *card, int64_t now_ms,
                           const FsrsDayRule *rule);

/* Short text for a duration: "<1m", "6m", "10m", "1h", "1.5h", "3d", "2.1mo"
 * (months of 30 days), "1.3y" (years of 365 days); one decimal, dropped
 * when it is .0. Negative durations count as 0. Writes into buf (always
 * NUL-terminated when size > 0); returns the length of the full text. */
size_t fsrs_format_interval(int64_t duration_ms, char *buf, size_t size);

/* The same for a whole number of days ("3d", "2.1mo"). */
size_t fsrs_format_days(int days, char *buf, size_t size);

#endif
