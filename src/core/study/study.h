/* study.h - what to study next: the queue, the forecast, quiz ratings.
 *
 * Pure functions over an array of FsrsCard (read fsrs.h first). The caller
 * keeps its own parallel array (question ids, pack order) and gets indices
 * back, so nothing here knows about packs or the store. Days follow the
 * caller's FsrsDayRule: a review card is "due today" when its due time falls
 * on today's day under that rule, so at 04:00-day-start a card due at 02:00
 * tomorrow (local) is due today. Learning and relearning cards are due by the
 * minute, since their steps are minutes long.
 *
 * In a session: call study_next() (or rebuild the queue) after each answer;
 * a card answered Again comes back once its step has passed. When nothing is
 * due but learning cards wait, StudyQueueInfo.wait_ms says how long.
 */
#ifndef QUIZDECK_STUDY_H
#define QUIZDECK_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsrs.h"

enum {
    STUDY_DEFAULT_NEW_PER_DAY = 20,
    STUDY_FORECAST_DAYS = 30,
};

typedef enum StudyStatus {
    STUDY_OK = 0,
    STUDY_NO_MEMORY, /* scratch space for sorting could not be allocated */
    STUDY_BAD_ARGS,  /* NULL array with a nonzero count, NULL info */
} StudyStatus;

typedef struct StudyOptions {
    int new_per_day;    /* new cards a day; <= 0 shows none. Default 20 */
    int new_done_today; /* new cards already introduced today (from the store) */
    /* Cards left out for now, one flag per card (NULL: none): the other gaps
     * of a cloze whose gap was just studied, which would give each other's
     * answers away. Borrowed; left-out cards are not counted either. */
    const unsigned char *skip;
} StudyOptions;

/* new_per_day 20, none introduced yet. */
StudyOptions study_options_default(void);

/* What study_build_queue() found. Counts are of the whole deck, whether or
 * not the order buffer had room. */
typedef struct StudyQueueInfo {
    size_t count;                 /* indices written to order */
    size_t learning_due;          /* learning + relearning cards due now */
    size_t review_due;            /* review cards due today (overdue included) */
    size_t new_queued;            /* new cards let in by today's limit */
    size_t new_available;         /* new cards in the deck, before the limit */
    size_t learning_waiting;      /* learning + relearning cards not due yet */
    int64_t next_learning_due_ms; /* earliest due of those; 0 if none */
    /* When nothing is due now (learning_due + review_due + new_queued == 0)
     * but learning cards wait: ms until the first of them, for "come back in
     * 4 minutes" or an offer to study early. Otherwise 0. */
    int64_t wait_ms;
    /* Learning + relearning cards due before today ends (the due ones
     * included): what is left of the day's steps, for "N due today". */
    size_t learning_today;
} StudyQueueInfo;

/* Orders what to study at now_ms: learning and relearning cards due now (by
 * due time), then review cards due today (by due time), then new cards in
 * the order of `cards` up to max(0, new_per_day - new_done_today). Equal due
 * times keep array order. Writes up to order_cap indices into `order`
 * (caller-owned; order_cap >= count always suffices) and fills *info.
 * rule NULL means UTC days; opts NULL the defaults. Allocates scratch space
 * and frees it before returning. 100,000 cards take a few milliseconds
 * (tests/bench/bench_study.c). */
StudyStatus study_build_queue(const FsrsCard *cards, size_t count, int64_t now_ms,
                              const FsrsDayRule *rule, const StudyOptions *opts, size_t *order,
                              size_t order_cap, StudyQueueInfo *info);

/* The counts of study_build_queue() alone (info->count 0), in one pass
 * without allocating. new_outside is a number of new cards the caller keeps
 * outside `cards` (after them in queue order, none skipped): they join
 * new_available before the daily limit, so a caller that holds only its
 * seen cards gets the counts of the whole deck (learn_deck_today). The
 * queue and study_next count through this same pass, with none outside. */
void study_count(const FsrsCard *cards, size_t count, size_t new_outside, int64_t now_ms,
                 const FsrsDayRule *rule, const StudyOptions *opts, StudyQueueInfo *info);

/* The first entry study_build_queue() would give, found in one pass without
 * allocating: cheap enough to call after every answer. Returns false when
 * nothing is due (then *info, if not NULL, says whether and how long
 * learning cards wait); *index is set only when true. info may be NULL. */
bool study_next(const FsrsCard *cards, size_t count, int64_t now_ms, const FsrsDayRule *rule,
                const StudyOptions *opts, size_t *index, StudyQueueInfo *info);

/* Cards that will be due on each of the next STUDY_FORECAST_DAYS days. */
typedef struct StudyForecast {
    size_t per_day[STUDY_FORECAST_DAYS]; /* [0] today, overdue included */
    size_t due_today;                    /* per_day[0] */
    size_t due_tomorrow;                 /* per_day[1] */
    size_t later;                        /* due after the forecast window */
    size_t new_cards;                    /* never studied; not counted in per_day */
} StudyForecast;

/* Counts every studied card (learning, review, relearning) on the day its
 * due time falls under `rule` (NULL: UTC), relative to now_ms's day. */
void study_forecast(const FsrsCard *cards, size_t count, int64_t now_ms, const FsrsDayRule *rule,
                    StudyForecast *out);

/* Rating for a quiz answer, so quiz play feeds the same schedule:
 *   Again  fraction_right < 0.5 (mostly wrong), or timed out, or NaN;
 *   Hard   partly right (0.5 <= fraction < 1), or fully right but slow;
 *   Good   fully right and not slow.
 * Slow means more than half the time limit when timed (time_limit_ms > 0),
 * or more than STUDY_SLOW_UNTIMED_MS when untimed. Easy never comes from a
 * quiz: it is the learner's own claim, made on a flashcard. */
enum { STUDY_SLOW_UNTIMED_MS = 20000 };
FsrsRating study_rating_from_quiz(double fraction_right, bool timed_out, int ms_taken,
                                  int time_limit_ms);

#endif
