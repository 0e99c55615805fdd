/* learn.c - flashcard study per learner (see learn.h): card texts, decks
 * built from packs + the store, reviews from study and quiz, replay, study
 * settings and statistics. Pure glue: the scheduling itself is fsrs.c and
 * study.c, the saving store.c. Read learn.h first.
 */
#include "learn.h"

#include "i18n.h"
#include "qtype.h"
#include "strutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- cards ------------------------------------------------------------- */

size_t learn_card_count(const Question *question)
{
    return qtype_card_count(question);
}

int learn_card_deletion(const Question *question, size_t k)
{
    return qtype_card_deletion(question, k);
}

bool learn_card_texts(const Pack *pack, const Question *q, int deletion, LearnCardText *out)
{
    memset(out, 0, sizeof *out);
    if (pack == NULL || q == NULL || !qtype_deletion_valid(q, deletion))
        return false;
    StrBuf front = {0}, back = {0};
    question_kind(q->type)->card_texts(q, deletion, &front, &back);
    out->front = strbuf_take(&front);
    out->back = strbuf_take(&back);
    if (out->front == NULL || out->back == NULL) {
        learn_card_text_free(out);
        return false;
    }
    out->explain = q->explain;
    out->lang = pack->language;
    return true;
}

void learn_card_text_free(LearnCardText *text)
{
    if (text == NULL)
        return;
    free(text->front);
    free(text->back);
    memset(text, 0, sizeof *text);
}

FsrsCard learn_card_from_store(const StoreCard *c)
{
    FsrsCard f;
    memset(&f, 0, sizeof f);
    f.state = (FsrsState)c->state;
    f.stability = c->stability;
    f.difficulty = c->difficulty;
    f.due_ms = c->due;
    f.last_review_ms = c->last_review;
    f.step = c->step;
    f.reps = c->reps;
    f.lapses = c->lapses;
    f.scheduled_days = c->scheduled_days;
    return f;
}

void learn_card_to_store(const FsrsCard *f, StoreCard *c)
{
    c->state = (StoreCardState)f->state;
    c->stability = f->stability;
    c->difficulty = f->difficulty;
    c->due = f->due_ms;
    c->last_review = f->last_review_ms;
    c->step = f->step;
    c->reps = f->reps;
    c->lapses = f->lapses;
    c->scheduled_days = f->scheduled_days;
}

/* ---- errors -------------------------------------------------------------- */

static StoreStatus fail(StoreError *err, StoreStatus status, const char *message)
{
    if (err != NULL) {
        memset(err, 0, sizeof *err);
        err->status = status;
        snprintf(err->message, sizeof err->message, "%s", message);
    }
    return status;
}

static StoreStatus ok(StoreError *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
    return STORE_OK;
}

/* An id for a store field: present and not longer than the field. */
static bool copy_id(char dst[STORE_ID_SIZE], const char *src)
{
    return src != NULL && src[0] != '\0' && copy_whole(dst, STORE_ID_SIZE, src);
}

/* ---- settings ------------------------------------------------------------ */

LearnSettings learn_settings_default(void)
{
    LearnSettings s = {90, STUDY_DEFAULT_NEW_PER_DAY, 4, false};
    return s;
}

static int in_range_or(int64_t v, int lo, int hi, int fallback)
{
    return v >= lo && v <= hi ? (int)v : fallback;
}

static int clamp_int(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

LearnSettings learn_settings_load(Store *store, int64_t profile_id)
{
    LearnSettings s = learn_settings_default();
    if (store == NULL)
        return s;
    s.retention_pct = in_range_or(store_setting_int_or(store, profile_id, LEARN_KEY_RETENTION, -1),
                                  70, 97, s.retention_pct);
    s.new_per_day = in_range_or(store_setting_int_or(store, profile_id, LEARN_KEY_NEW_PER_DAY, -1),
                                0, 9999, s.new_per_day);
    s.day_start_hour = in_range_or(store_setting_int_or(store, profile_id, LEARN_KEY_DAY_START, -1),
                                   0, 23, s.day_start_hour);
    s.two_button = store_setting_int_or(store, profile_id, LEARN_KEY_TWO_BUTTON, 0) == 1;
    return s;
}

StoreStatus learn_settings_save(Store *store, int64_t profile_id, const LearnSettings *s,
                                StoreError *err)
{
    if (store == NULL || s == NULL)
        return fail(err, STORE_INVALID, _("No save file to keep the study settings in."));
    StoreStatus st = store_setting_set_int(store, profile_id, LEARN_KEY_RETENTION,
                                           clamp_int(s->retention_pct, 70, 97), err);
    if (st == STORE_OK)
        st = store_setting_set_int(store, profile_id, LEARN_KEY_NEW_PER_DAY,
                                   clamp_int(s->new_per_day, 0, 9999), err);
    if (st == STORE_OK)
        st = store_setting_set_int(store, profile_id, LEARN_KEY_DAY_START,
                                   clamp_int(s->day_start_hour, 0, 23), err);
    if (st == STORE_OK)
        st = store_setting_set_int(store, profile_id, LEARN_KEY_TWO_BUTTON, s->two_button ? 1 : 0,
                                   err);
    return st;
}

FsrsParams learn_params(const LearnSettings *s)
{
    FsrsParams p = fsrs_params_default();
    if (s != NULL)
        p.desired_retention = clamp_int(s->retention_pct, 70, 97) / 100.0;
    return p;
}

FsrsDayRule learn_day_rule(const LearnSettings *s, int fixed_offset_minutes,
                           FsrsUtcOffsetFn offset_fn, void *offset_user)
{
    int hour = s != NULL ? clamp_int(s->day_start_hour, 0, 23) : 4;
    FsrsDayRule r = fsrs_day_rule_fixed(fixed_offset_minutes, hour * 60);
    r.offset_fn = offset_fn;
    r.offset_user = offset_user;
    return r;
}

int learn_local_utc_offset(int64_t unix_ms, void *user)
{
    (void)user;
    /* day_from_civil turns the local date back into a count, so the offset
     * needs only POSIX localtime_r and no tm_gmtoff. */
    int64_t secs = day_floor_div(unix_ms, 1000);
    time_t t = (time_t)secs;
    struct tm lt;
    if (localtime_r(&t, &lt) == NULL)
        return 0;
    int64_t local = day_from_civil((int64_t)lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday) * 86400 +
                    (int64_t)lt.tm_hour * 3600 + (int64_t)lt.tm_min * 60 + lt.tm_sec;
    int64_t minutes = (local - secs) / 60;
    return (int)(minutes < -1440 ? -1440 : minutes > 1440 ? 1440 : minutes);
}

/* ---- deck ---------------------------------------------------------------- */

static int stored_cmp(const void *a, const void *b)
{
    const StoreCard *x = *(const StoreCard *const *)a, *y = *(const StoreCard *const *)b;
    int c = strcmp(x->pack_id, y->pack_id);
    if (c == 0)
        c = strcmp(x->question_id, y->question_id);
    if (c == 0)
        c = (x->deletion > y->deletion) - (x->deletion < y->deletion);
    return c;
}

typedef struct KeyProbe {
    const char *pack_id, *question_id;
    int deletion;
} KeyProbe;

static int probe_cmp(const void *key, const void *elem)
{
    const KeyProbe *k = key;
    const StoreCard *y = *(const StoreCard *const *)elem;
    int c = strcmp(k->pack_id, y->pack_id);
    if (c == 0)
        c = strcmp(k->question_id, y->question_id);
    if (c == 0)
        c = (k->deletion > y->deletion) - (k->deletion < y->deletion);
    return c;
}

void learn_deck_free(LearnDeck *deck)
{
    if (deck == NULL)
        return;
    free(deck->cards);
    free(deck->keys);
    free(deck->buried);
    memset(deck, 0, sizeof *deck);
}

/* A question whose cards give each other's answers away: a cloze of two
 * or more gaps. */
static bool has_siblings(const Question *q)
{
    return q->type == QUESTION_CLOZE && q->gap_count >= 2;
}

/* Reviewed (by study or quiz) on day `today`: its siblings wait. */
static bool reviewed_on(const FsrsCard *card, int64_t today, const FsrsDayRule *rule)
{
    return card->last_review_ms != 0 && fsrs_day_number(card->last_review_ms, rule) == today;
}

/* Leaves out, until the deck is built again tomorrow, the other gaps of the
 * cloze that card `index` belongs to, when they are new or in review: shown
 * next, each would repeat the answer just seen. Cards in (re)learning steps
 * still come back when due. Siblings are adjacent: the deck is in pack,
 * question, deletion order. */
static void bury_siblings(LearnDeck *deck, size_t index)
{
    const Question *q = deck->keys[index].question;
    if (!has_siblings(q))
        return;
    size_t first = index, last = index;
    while (first > 0 && deck->keys[first - 1].question == q)
        first--;
    while (last + 1 < deck->count && deck->keys[last + 1].question == q)
        last++;
    for (size_t i = first; i <= last; i++) {
        FsrsState st = deck->cards[i].state;
        if (i != index && (st == FSRS_STATE_NEW || st == FSRS_STATE_REVIEW))
            deck->buried[i] = 1;
    }
}

/* Was this card introduced by the study screen (its first review a study
 * review)? Only those count against the daily new-card limit: a quiz round
 * also reviews the cards it asks, but playing one must not use up the
 * day's new cards. Asked only for cards first seen today, so the number of
 * look-ups is bounded by one day's activity. A log that cannot be read
 * counts the card, as before. */
static bool introduced_by_study(Store *store, const StoreCard *card)
{
    StoreReviewList log = {0};
    if (store_card_reviews(store, card->profile_id, card->pack_id, card->question_id,
                           card->deletion, &log, NULL) != STORE_OK)
        return true;
    bool study = log.count == 0 || log.items[0].source == STORE_SOURCE_STUDY;
    store_review_list_free(&log);
    return study;
}

/* Adds the cards of one question to the deck from n on; returns the new n.
 * Unseen cards are built new (due at now_ms), or with seen_only only
 * counted in unseen_new, less those a sibling reviewed today buries (all
 * unseen cards are new, so bury_siblings would leave each out). */
static size_t add_question(LearnDeck *deck, size_t n, const Pack *pack, const Question *question,
                           const StoreCard *const *sorted, size_t stored_count, bool seen_only,
                           int64_t now_ms, int64_t today, const FsrsDayRule *rule, size_t *matched)
{
    size_t k_count = learn_card_count(question), unseen = 0;
    bool sibling_today = false;
    for (size_t k = 0; k < k_count; k++) {
        int deletion = learn_card_deletion(question, k);
        KeyProbe probe = {pack->id, question->id, deletion};
        const StoreCard *const *hit =
            sorted ? bsearch(&probe, sorted, stored_count, sizeof *sorted, probe_cmp) : NULL;
        if (hit == NULL && seen_only) {
            unseen++;
            continue;
        }
        LearnKey *key = &deck->keys[n];
        key->pack = pack;
        key->question = question;
        key->deletion = deletion;
        if (hit != NULL) {
            deck->cards[n] = learn_card_from_store(*hit);
            key->stored = true;
            key->first_seen = (*hit)->first_seen;
            sibling_today = sibling_today || reviewed_on(&deck->cards[n], today, rule);
            (*matched)++;
        } else {
            deck->cards[n] = fsrs_card_new(now_ms);
        }
        n++;
    }
    if (!(sibling_today && has_siblings(question)))
        deck->unseen_new += unseen;
    return n;
}

/* learn_deck_build and learn_deck_build_seen: one build, with or without
 * the unseen cards materialised. */
static StoreStatus deck_build(LearnDeck *deck, Store *store, int64_t profile_id, Pack *const *packs,
                              size_t pack_count, int64_t now_ms, const FsrsDayRule *rule,
                              bool seen_only, StoreError *err)
{
    memset(deck, 0, sizeof *deck);
    StoreCardList stored = {0};
    if (store != NULL) {
        StoreStatus st = store_cards_load(store, profile_id, &stored, err);
        if (st != STORE_OK)
            return st;
    }
    size_t total = 0;
    if (seen_only) {
        total = stored.count; /* at most every stored card is in a loaded pack */
    } else {
        for (size_t p = 0; p < pack_count; p++)
            for (size_t q = 0; q < packs[p]->question_count; q++)
                total += learn_card_count(&packs[p]->questions[q]);
    }
    const StoreCard **sorted = NULL;
    if (stored.count > 0) {
        sorted = malloc(stored.count * sizeof *sorted);
        if (sorted == NULL) {
            store_card_list_free(&stored);
            return fail(err, STORE_NO_MEMORY, _("Out of memory while loading the cards."));
        }
        for (size_t i = 0; i < stored.count; i++)
            sorted[i] = &stored.items[i];
        /* The store returns key order, which is strcmp order under SQLite's
         * BINARY collation; sort only if that ever changes, so the binary
         * search below is right either way. */
        bool in_order = true;
        for (size_t i = 1; i < stored.count && in_order; i++)
            in_order = stored_cmp(&sorted[i - 1], &sorted[i]) < 0;
        if (!in_order)
            qsort(sorted, stored.count, sizeof *sorted, stored_cmp);
    }
    deck->cards = calloc(total ? total : 1, sizeof *deck->cards);
    deck->keys = calloc(total ? total : 1, sizeof *deck->keys);
    deck->buried = calloc(total ? total : 1, sizeof *deck->buried);
    if (deck->cards == NULL || deck->keys == NULL || deck->buried == NULL) {
        free(sorted);
        store_card_list_free(&stored);
        learn_deck_free(deck);
        return fail(err, STORE_NO_MEMORY, _("Out of memory while building the deck."));
    }

    int64_t today = fsrs_day_number(now_ms, rule);
    for (size_t i = 0; i < stored.count; i++)
        if (stored.items[i].first_seen != 0 &&
            fsrs_day_number(stored.items[i].first_seen, rule) == today &&
            introduced_by_study(store, &stored.items[i]))
            deck->new_done_today++;

    size_t n = 0, matched = 0;
    for (size_t p = 0; p < pack_count; p++)
        for (size_t q = 0; q < packs[p]->question_count; q++)
            n = add_question(deck, n, packs[p], &packs[p]->questions[q], sorted, stored.count,
                             seen_only, now_ms, today, rule, &matched);
    deck->count = n;
    deck->orphans = stored.count - matched;
    for (size_t i = 0; i < n; i++)
        if (reviewed_on(&deck->cards[i], today, rule))
            bury_siblings(deck, i);
    free(sorted);
    store_card_list_free(&stored);
    return ok(err);
}

StoreStatus learn_deck_build(LearnDeck *deck, Store *store, int64_t profile_id, Pack *const *packs,
                             size_t pack_count, int64_t now_ms, const FsrsDayRule *rule,
                             StoreError *err)
{
    return deck_build(deck, store, profile_id, packs, pack_count, now_ms, rule, false, err);
}

StoreStatus learn_deck_build_seen(LearnDeck *deck, Store *store, int64_t profile_id,
                                  Pack *const *packs, size_t pack_count, int64_t now_ms,
                                  const FsrsDayRule *rule, StoreError *err)
{
    return deck_build(deck, store, profile_id, packs, pack_count, now_ms, rule, true, err);
}

StudyOptions learn_deck_options(const LearnDeck *deck, const LearnSettings *settings)
{
    StudyOptions o = study_options_default();
    if (settings != NULL)
        o.new_per_day = settings->new_per_day;
    o.new_done_today = deck != NULL ? deck->new_done_today : 0;
    o.skip = deck != NULL ? deck->buried : NULL;
    return o;
}

bool learn_deck_next(const LearnDeck *deck, const LearnSettings *settings, int64_t now_ms,
                     const FsrsDayRule *rule, size_t *index, StudyQueueInfo *info)
{
    StudyOptions o = learn_deck_options(deck, settings);
    return study_next(deck->cards, deck->count, now_ms, rule, &o, index, info);
}

LearnToday learn_deck_today(const LearnDeck *deck, const LearnSettings *settings, int64_t now_ms,
                            const FsrsDayRule *rule)
{
    StudyOptions o = learn_deck_options(deck, settings);
    StudyQueueInfo info;
    study_count(deck->cards, deck->count, deck->unseen_new, now_ms, rule, &o, &info);
    LearnToday t = {info.learning_today, info.review_due, info.new_queued};
    return t;
}

bool learn_deck_next_early(const LearnDeck *deck, size_t *index)
{
    bool found = false;
    int64_t best = 0;
    for (size_t i = 0; i < deck->count; i++) {
        FsrsState s = deck->cards[i].state;
        if (s != FSRS_STATE_LEARNING && s != FSRS_STATE_RELEARNING)
            continue;
        if (!found || deck->cards[i].due_ms < best) {
            best = deck->cards[i].due_ms;
            *index = i;
            found = true;
        }
    }
    return found;
}

bool learn_deck_find(const LearnDeck *deck, const char *pack_id, const char *question_id,
                     int deletion, size_t *index)
{
    for (size_t i = 0; i < deck->count; i++) {
        const LearnKey *k = &deck->keys[i];
        if (k->deletion == deletion && strcmp(k->question->id, question_id) == 0 &&
            strcmp(k->pack->id, pack_id) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

/* ---- reviews --------------------------------------------------------------- */

/* Reviews one card and stores card + log in one transaction. *after and
 * *log get the result (also when store is NULL). */
static StoreStatus review_card(Store *store, int64_t profile_id, const char *pack_id,
                               const char *question_id, int deletion, const FsrsCard *before,
                               int64_t first_seen, FsrsRating rating, int64_t ms_taken,
                               int64_t now_ms, const FsrsDayRule *rule, const FsrsParams *params,
                               StoreReviewSource source, FsrsCard *after, FsrsReviewLog *log,
                               StoreError *err)
{
    FsrsStatus fs = fsrs_review(params, before, rating, now_ms, rule, after, log);
    if (fs == FSRS_BAD_RATING)
        return fail(err, STORE_INVALID, _("The rating must be Again, Hard, Good or Easy."));
    if (fs != FSRS_OK)
        return fail(err, STORE_INVALID, _("The scheduler refused this card or its settings."));
    if (store == NULL)
        return ok(err);
    StoreCard card;
    memset(&card, 0, sizeof card);
    StoreReview review;
    memset(&review, 0, sizeof review);
    if (!copy_id(card.pack_id, pack_id) || !copy_id(card.question_id, question_id))
        return fail(err, STORE_INVALID, _("A pack or question id is empty or too long."));
    card.profile_id = profile_id;
    card.deletion = deletion;
    learn_card_to_store(after, &card);
    card.first_seen = first_seen != 0 ? first_seen : now_ms;
    review.profile_id = profile_id;
    memcpy(review.pack_id, card.pack_id, sizeof review.pack_id);
    memcpy(review.question_id, card.question_id, sizeof review.question_id);
    review.deletion = deletion;
    review.reviewed_at = now_ms;
    review.rating = (int)rating;
    review.state_before = (StoreCardState)log->state_before;
    review.state_after = (StoreCardState)log->state_after;
    review.elapsed_days = log->elapsed_days;
    review.scheduled_days = log->scheduled_days;
    review.stability = log->stability;
    review.difficulty = log->difficulty;
    review.ms_taken = ms_taken < 0 ? 0 : ms_taken;
    review.source = source;
    return store_review_record(store, &card, &review, NULL, err);
}

StoreStatus learn_record_study_review(Store *store, int64_t profile_id, LearnDeck *deck,
                                      size_t index, FsrsRating rating, int64_t ms_taken,
                                      int64_t now_ms, const FsrsDayRule *rule,
                                      const FsrsParams *params, FsrsReviewLog *log_out,
                                      StoreError *err)
{
    if (deck == NULL || index >= deck->count)
        return fail(err, STORE_INVALID, _("No such card in the deck."));
    LearnKey *key = &deck->keys[index];
    FsrsCard after;
    FsrsReviewLog log;
    StoreStatus st = review_card(store, profile_id, key->pack->id, key->question->id, key->deletion,
                                 &deck->cards[index], key->first_seen, rating, ms_taken, now_ms,
                                 rule, params, STORE_SOURCE_STUDY, &after, &log, err);
    if (st != STORE_OK)
        return st;
    bool was_new = deck->cards[index].state == FSRS_STATE_NEW;
    deck->cards[index] = after;
    bury_siblings(deck, index);
    if (!key->stored) {
        key->stored = true;
        key->first_seen = now_ms;
        if (was_new)
            deck->new_done_today++;
    }
    if (log_out != NULL)
        *log_out = log;
    return STORE_OK;
}

/* Reviews one (pack, question, deletion) from a quiz: loads the card or
 * starts a new one. */
static StoreStatus quiz_review(Store *store, int64_t profile_id, const char *pack_id,
                               const Question *q, int deletion, FsrsRating rating, int ms_taken,
                               int64_t now_ms, const FsrsDayRule *rule, const FsrsParams *params,
                               StoreError *err)
{
    StoreCard stored;
    FsrsCard before = fsrs_card_new(now_ms);
    int64_t first_seen = 0;
    if (store != NULL) {
        StoreStatus st = store_card_get(store, profile_id, pack_id, q->id, deletion, &stored, err);
        if (st == STORE_OK) {
            before = learn_card_from_store(&stored);
            first_seen = stored.first_seen;
        } else if (st != STORE_NOT_FOUND) {
            return st;
        }
    }
    FsrsCard after;
    FsrsReviewLog log;
    return review_card(store, profile_id, pack_id, q->id, deletion, &before, first_seen, rating,
                       ms_taken, now_ms, rule, params, STORE_SOURCE_QUIZ, &after, &log, err);
}

StoreStatus learn_record_quiz_answer(Store *store, int64_t profile_id, const char *pack_id,
                                     const Question *question, double fraction_right,
                                     bool timed_out, int ms_taken, int time_limit_ms,
                                     int64_t now_ms, const FsrsDayRule *rule,
                                     const FsrsParams *params, FsrsRating *rating_out,
                                     StoreError *err)
{
    if (question == NULL || pack_id == NULL)
        return fail(err, STORE_INVALID, _("No question to record."));
    FsrsRating rating = study_rating_from_quiz(fraction_right, timed_out, ms_taken, time_limit_ms);
    if (rating_out != NULL)
        *rating_out = rating;
    size_t n = learn_card_count(question);
    for (size_t k = 0; k < n; k++) {
        StoreStatus st =
            quiz_review(store, profile_id, pack_id, question, learn_card_deletion(question, k),
                        rating, ms_taken, now_ms, rule, params, err);
        if (st != STORE_OK)
            return st;
    }
    return ok(err);
}

StoreStatus learn_record_quiz_cloze(Store *store, int64_t profile_id, const char *pack_id,
                                    const Question *question, const bool *gap_right,
                                    size_t gap_count, bool timed_out, int ms_taken,
                                    int time_limit_ms, int64_t now_ms, const FsrsDayRule *rule,
                                    const FsrsParams *params, StoreError *err)
{
    if (question == NULL || pack_id == NULL || question->type != QUESTION_CLOZE ||
        gap_right == NULL || gap_count != question->gap_count)
        return fail(err, STORE_INVALID,
                    _("Per-gap results need a cloze question and one per gap."));
    for (size_t k = 0; k < gap_count; k++) {
        FsrsRating rating =
            study_rating_from_quiz(gap_right[k] ? 1.0 : 0.0, timed_out, ms_taken, time_limit_ms);
        StoreStatus st = quiz_review(store, profile_id, pack_id, question, (int)k + 1, rating,
                                     ms_taken, now_ms, rule, params, err);
        if (st != STORE_OK)
            return st;
    }
    return ok(err);
}

/* ---- replay ------------------------------------------------------------------ */

FsrsStatus learn_replay(const StoreReview *reviews, size_t count, const FsrsParams *params,
                        const FsrsDayRule *rule, FsrsCard *out)
{
    FsrsCard card = fsrs_card_new(count > 0 ? reviews[0].reviewed_at : 0);
    for (size_t i = 0; i < count; i++) {
        FsrsStatus st = fsrs_review(params, &card, (FsrsRating)reviews[i].rating,
                                    reviews[i].reviewed_at, rule, &card, NULL);
        if (st != FSRS_OK)
            return st;
    }
    *out = card;
    return FSRS_OK;
}

StoreStatus learn_replay_stored(Store *store, int64_t profile_id, const char *pack_id,
                                const char *question_id, int deletion, const FsrsParams *params,
                                const FsrsDayRule *rule, FsrsCard *out, StoreError *err)
{
    StoreReviewList log = {0};
    StoreStatus st =
        store_card_reviews(store, profile_id, pack_id, question_id, deletion, &log, err);
    if (st != STORE_OK)
        return st;
    if (log.count == 0) {
        store_review_list_free(&log);
        return fail(err, STORE_NOT_FOUND, _("This card has no reviews to replay."));
    }
    FsrsStatus fs = learn_replay(log.items, log.count, params, rule, out);
    store_review_list_free(&log);
    if (fs != FSRS_OK)
        return fail(err, STORE_INVALID, _("The review log holds a rating the scheduler refuses."));
    return ok(err);
}

/* ---- statistics ----------------------------------------------------------------- */

void learn_stats_free(LearnStats *stats)
{
    if (stats == NULL)
        return;
    free(stats->topics);
    memset(stats, 0, sizeof *stats);
}

/* What one seen card adds to its topic's memory. Its retrievability now,
 * except for a card still on the first (re)learning step: its last answer
 * was Again (or Hard at that step), so it is not remembered yet, although
 * a card reviewed a moment ago has a retrievability near 1 whatever the
 * answer was. Without this a topic just answered 60 % right showed a
 * memory of 100 %. */
static double card_memory(const FsrsParams *params, const FsrsCard *card, int64_t now_ms,
                          const FsrsDayRule *rule)
{
    bool in_steps = card->state == FSRS_STATE_LEARNING || card->state == FSRS_STATE_RELEARNING;
    if (in_steps && card->step == 0)
        return 0.0;
    return fsrs_retrievability(params, card, now_ms, rule);
}

/* Adds a slot per topic of each pack in the deck, in deck order. */
static StoreStatus stats_topics(LearnStats *out, const LearnDeck *deck, int64_t now_ms,
                                const FsrsDayRule *rule, const FsrsParams *params, StoreError *err)
{
    size_t slots = 0;
    const Pack *last = NULL;
    for (size_t i = 0; i < deck->count; i++)
        if (deck->keys[i].pack != last) {
            last = deck->keys[i].pack;
            slots += last->topic_count;
        }
    if (slots == 0)
        return STORE_OK;
    LearnTopicStat *t = calloc(slots, sizeof *t);
    if (t == NULL)
        return fail(err, STORE_NO_MEMORY, _("Out of memory while counting topics."));
    size_t used = 0, base = 0;
    last = NULL;
    for (size_t i = 0; i < deck->count; i++) {
        const LearnKey *key = &deck->keys[i];
        if (key->pack != last) {
            last = key->pack;
            base = used;
            for (size_t k = 0; k < last->topic_count; k++, used++) {
                t[used].pack = last;
                t[used].topic_id = last->topics[k].id;
                t[used].title = last->topics[k].title;
            }
        }
        if (!key->question->topic[0])
            continue;
        for (size_t k = base; k < used; k++) {
            if (strcmp(t[k].topic_id, key->question->topic) != 0)
                continue;
            t[k].cards++;
            if (deck->cards[i].state != FSRS_STATE_NEW) {
                t[k].seen++;
                t[k].mastery += card_memory(params, &deck->cards[i], now_ms, rule);
            }
            break;
        }
    }
    /* Keep topics that have cards; turn sums into means. */
    size_t kept = 0;
    for (size_t k = 0; k < used; k++) {
        if (t[k].cards == 0)
            continue;
        if (t[k].seen > 0)
            t[k].mastery /= (double)t[k].seen;
        t[kept++] = t[k];
    }
    out->topics = t;
    out->topic_count = kept;
    return STORE_OK;
}

StoreStatus learn_stats_build(LearnStats *out, Store *store, int64_t profile_id,
                              const LearnDeck *deck, int64_t now_ms, const FsrsDayRule *rule,
                              const FsrsParams *params, StoreError *err)
{
    memset(out, 0, sizeof *out);
    if (deck == NULL)
        return fail(err, STORE_INVALID, _("No deck to count."));
    study_forecast(deck->cards, deck->count, now_ms, rule, &out->forecast);
    out->cards_total = deck->count;
    for (size_t i = 0; i < deck->count; i++)
        if (deck->cards[i].state != FSRS_STATE_NEW)
            out->cards_seen++;
    int64_t today = fsrs_day_number(now_ms, rule);
    /* Day 0 (1970-01-01) was a Thursday: 3 with Monday = 0. */
    out->heat_weekday_today = (int)(((today + 3) % 7 + 7) % 7);

    StoreStatus st = stats_topics(out, deck, now_ms, rule, params, err);
    if (st != STORE_OK || store == NULL)
        return st == STORE_OK ? ok(err) : st;

    st = store_study_days(store, profile_id, now_ms, rule, LEARN_HEAT_DAYS, out->heat, err);
    if (st == STORE_OK)
        st = store_retention(store, profile_id, now_ms, LEARN_RETENTION_DAYS,
                             &out->retention_passed, &out->retention_total, err);
    StoreProgressList progress = {0};
    if (st == STORE_OK)
        st = store_progress_by_topic(store, profile_id, NULL, LEARN_RECENT_ANSWERS, &progress, err);
    if (st != STORE_OK) {
        learn_stats_free(out);
        return st;
    }
    for (size_t k = 0; k < out->topic_count; k++) {
        LearnTopicStat *t = &out->topics[k];
        for (size_t p = 0; p < progress.count; p++) {
            const StoreProgress *pr = &progress.items[p];
            if (strcmp(pr->pack_id, t->pack->id) == 0 && strcmp(pr->topic_id, t->topic_id) == 0) {
                t->quiz_count = pr->recent_count;
                t->quiz_accuracy = pr->recent_accuracy;
                break;
            }
        }
    }
    store_progress_list_free(&progress);
    return ok(err);
}
