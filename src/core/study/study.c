/* study.c - the study queue and forecast over an array of cards (see
 * study.h). Everything is a linear pass plus a radix sort of the due cards;
 * day boundaries are computed once per call, never per card, so a
 * caller-supplied offset function is called a few dozen times at most.
 */
#include "study.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

StudyOptions study_options_default(void)
{
    StudyOptions o = {STUDY_DEFAULT_NEW_PER_DAY, 0, NULL};
    return o;
}

static size_t new_limit(const StudyOptions *opts)
{
    StudyOptions d = study_options_default();
    if (opts == NULL)
        opts = &d;
    if (opts->new_per_day <= 0 || opts->new_done_today >= opts->new_per_day)
        return 0;
    if (opts->new_done_today <= 0)
        return (size_t)opts->new_per_day;
    return (size_t)(opts->new_per_day - opts->new_done_today);
}

static bool is_learning(FsrsState s)
{
    return s == FSRS_STATE_LEARNING || s == FSRS_STATE_RELEARNING;
}

/* When study ends for the day: reviews due before this are due today. */
static int64_t tomorrow_start(int64_t now_ms, const FsrsDayRule *rule)
{
    return fsrs_day_start_ms(fsrs_day_number(now_ms, rule) + 1, rule);
}

typedef struct DueRef {
    int64_t due_ms;
    size_t index;
} DueRef;

/* Due time as an unsigned key that orders like the signed time. */
static uint64_t due_key(const DueRef *r)
{
    return (uint64_t)r->due_ms ^ ((uint64_t)1 << 63);
}

/* Sorts by due time, stably: refs are filled in array order, so equal due
 * times keep it. A byte-wise radix sort rather than qsort because after a
 * long break nearly every card is due, and this stays a few ms for 100,000
 * of them. tmp has room for n entries. */
static void sort_by_due(DueRef *refs, DueRef *tmp, size_t n)
{
    if (n < 2)
        return;
    DueRef *src = refs, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t hist[256] = {0};
        for (size_t i = 0; i < n; i++)
            hist[(due_key(&src[i]) >> shift) & 0xffu]++;
        if (hist[(due_key(&src[0]) >> shift) & 0xffu] == n)
            continue; /* every key has this byte: nothing to reorder */
        size_t pos = 0;
        for (size_t b = 0; b < 256; b++) {
            size_t c = hist[b];
            hist[b] = pos;
            pos += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[hist[(due_key(&src[i]) >> shift) & 0xffu]++] = src[i];
        DueRef *swap = src;
        src = dst;
        dst = swap;
    }
    if (src != refs)
        memcpy(refs, src, n * sizeof *refs);
}

/* The counting pass shared by the queue, study_next and study_count. */
static void count_cards(const FsrsCard *cards, size_t count, int64_t now_ms, int64_t day_end,
                        const unsigned char *skip, StudyQueueInfo *info)
{
    memset(info, 0, sizeof *info);
    for (size_t i = 0; i < count; i++) {
        if (skip != NULL && skip[i])
            continue;
        const FsrsCard *c = &cards[i];
        if (is_learning(c->state)) {
            if (c->due_ms < day_end)
                info->learning_today++;
            if (c->due_ms <= now_ms) {
                info->learning_due++;
            } else {
                if (info->learning_waiting == 0 || c->due_ms < info->next_learning_due_ms)
                    info->next_learning_due_ms = c->due_ms;
                info->learning_waiting++;
            }
        } else if (c->state == FSRS_STATE_REVIEW) {
            if (c->due_ms < day_end)
                info->review_due++;
        } else if (c->state == FSRS_STATE_NEW) {
            info->new_available++;
        }
    }
}

/* Counts the cards (and new_outside more new ones) and applies the daily
 * limit; returns the end of today for the caller's own pass. */
static int64_t count_queue(const FsrsCard *cards, size_t count, size_t new_outside, int64_t now_ms,
                           const FsrsDayRule *rule, const StudyOptions *opts, StudyQueueInfo *info)
{
    const int64_t day_end = tomorrow_start(now_ms, rule);
    count_cards(cards, count, now_ms, day_end, opts != NULL ? opts->skip : NULL, info);
    info->new_available += new_outside;
    size_t limit = new_limit(opts);
    info->new_queued = info->new_available < limit ? info->new_available : limit;
    bool nothing_due = info->learning_due + info->review_due + info->new_queued == 0;
    info->wait_ms =
        nothing_due && info->learning_waiting > 0 ? info->next_learning_due_ms - now_ms : 0;
    return day_end;
}

void study_count(const FsrsCard *cards, size_t count, size_t new_outside, int64_t now_ms,
                 const FsrsDayRule *rule, const StudyOptions *opts, StudyQueueInfo *info)
{
    if (info == NULL)
        return;
    if (cards == NULL)
        count = 0;
    count_queue(cards, count, new_outside, now_ms, rule, opts, info);
}

StudyStatus study_build_queue(const FsrsCard *cards, size_t count, int64_t now_ms,
                              const FsrsDayRule *rule, const StudyOptions *opts, size_t *order,
                              size_t order_cap, StudyQueueInfo *info)
{
    if (info == NULL || (cards == NULL && count > 0) || (order == NULL && order_cap > 0))
        return STUDY_BAD_ARGS;
    const int64_t day_end = count_queue(cards, count, 0, now_ms, rule, opts, info);
    const unsigned char *skip = opts != NULL ? opts->skip : NULL;

    size_t due = info->learning_due + info->review_due;
    DueRef *refs = NULL;
    if (due > 0) {
        refs = malloc(2 * due * sizeof *refs); /* the second half is sort space */
        if (refs == NULL) {
            info->count = 0;
            return STUDY_NO_MEMORY;
        }
    }
    /* Learning cards first, reviews after, each part sorted by due time. */
    size_t n_learn = 0, n_review = 0;
    for (size_t i = 0; i < count; i++) {
        if (skip != NULL && skip[i])
            continue;
        const FsrsCard *c = &cards[i];
        if (is_learning(c->state) && c->due_ms <= now_ms)
            refs[n_learn++] = (DueRef){c->due_ms, i};
        else if (c->state == FSRS_STATE_REVIEW && c->due_ms < day_end)
            refs[info->learning_due + n_review++] = (DueRef){c->due_ms, i};
    }
    if (due > 0) {
        sort_by_due(refs, refs + due, n_learn);
        sort_by_due(refs + n_learn, refs + due, n_review);
    }

    size_t out = 0;
    for (size_t k = 0; k < due && out < order_cap; k++)
        order[out++] = refs[k].index;
    free(refs);
    size_t new_left = info->new_queued;
    for (size_t i = 0; i < count && new_left > 0 && out < order_cap; i++) {
        if (cards[i].state == FSRS_STATE_NEW && (skip == NULL || !skip[i])) {
            order[out++] = i;
            new_left--;
        }
    }
    info->count = out;
    return STUDY_OK;
}

bool study_next(const FsrsCard *cards, size_t count, int64_t now_ms, const FsrsDayRule *rule,
                const StudyOptions *opts, size_t *index, StudyQueueInfo *info)
{
    if (cards == NULL && count > 0)
        return false;
    StudyQueueInfo local;
    if (info == NULL)
        info = &local;
    const int64_t day_end = count_queue(cards, count, 0, now_ms, rule, opts, info);
    const unsigned char *skip = opts != NULL ? opts->skip : NULL;

    /* Best of each kind in one pass; earlier index wins ties, as in the queue. */
    size_t best_learn = SIZE_MAX, best_review = SIZE_MAX, first_new = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        if (skip != NULL && skip[i])
            continue;
        const FsrsCard *c = &cards[i];
        if (is_learning(c->state)) {
            if (c->due_ms <= now_ms &&
                (best_learn == SIZE_MAX || c->due_ms < cards[best_learn].due_ms))
                best_learn = i;
        } else if (c->state == FSRS_STATE_REVIEW) {
            if (c->due_ms < day_end &&
                (best_review == SIZE_MAX || c->due_ms < cards[best_review].due_ms))
                best_review = i;
        } else if (c->state == FSRS_STATE_NEW && first_new == SIZE_MAX) {
            first_new = i;
        }
    }
    size_t pick = best_learn != SIZE_MAX    ? best_learn
                  : best_review != SIZE_MAX ? best_review
                  : info->new_queued > 0    ? first_new
                                            : SIZE_MAX;
    if (pick == SIZE_MAX)
        return false;
    info->count = 1;
    if (index != NULL)
        *index = pick;
    return true;
}

void study_forecast(const FsrsCard *cards, size_t count, int64_t now_ms, const FsrsDayRule *rule,
                    StudyForecast *out)
{
    if (out == NULL)
        return;
    memset(out, 0, sizeof *out);
    if (cards == NULL)
        return;
    /* bounds[k] is the first ms of day today+k. */
    int64_t bounds[STUDY_FORECAST_DAYS + 1];
    int64_t today = fsrs_day_number(now_ms, rule);
    for (int k = 0; k <= STUDY_FORECAST_DAYS; k++)
        bounds[k] = fsrs_day_start_ms(today + k, rule);

    for (size_t i = 0; i < count; i++) {
        const FsrsCard *c = &cards[i];
        if (c->state == FSRS_STATE_NEW) {
            out->new_cards++;
            continue;
        }
        int64_t due = c->due_ms;
        if (due < bounds[1]) {
            out->per_day[0]++;
            continue;
        }
        if (due >= bounds[STUDY_FORECAST_DAYS]) {
            out->later++;
            continue;
        }
        /* Guess by 24-hour days, then step over any shorter or longer day
         * (daylight saving time) to the exact one. */
        int64_t guess = 1 + (due - bounds[1]) / FSRS_MS_PER_DAY;
        int k = guess > STUDY_FORECAST_DAYS - 1 ? STUDY_FORECAST_DAYS - 1 : (int)guess;
        while (k < STUDY_FORECAST_DAYS - 1 && due >= bounds[k + 1])
            k++;
        while (due < bounds[k])
            k--;
        out->per_day[k]++;
    }
    out->due_today = out->per_day[0];
    out->due_tomorrow = out->per_day[1];
}

FsrsRating study_rating_from_quiz(double fraction_right, bool timed_out, int ms_taken,
                                  int time_limit_ms)
{
    if (timed_out || isnan(fraction_right) || fraction_right < 0.5)
        return FSRS_RATING_AGAIN;
    if (fraction_right < 1.0)
        return FSRS_RATING_HARD;
    bool slow = time_limit_ms > 0 ? ms_taken > time_limit_ms / 2 : ms_taken > STUDY_SLOW_UNTIMED_MS;
    return slow ? FSRS_RATING_HARD : FSRS_RATING_GOOD;
}
