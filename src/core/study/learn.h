/* learn.h - flashcard study per learner: the glue between packs, the FSRS
 * scheduler and the store (SDL-free).
 *
 * Read fsrs.h and study.h first (the pure scheduler and queue), then
 * store.h's "flashcards" section. This module decides what a card is
 * (learn_card_count, learn_card_texts), builds a profile's deck from the
 * loaded packs and its saved cards (LearnDeck), records reviews from the
 * study screen and from quiz answers (one store transaction per card),
 * replays a card's review log from scratch, keeps the study settings of a
 * profile, and gathers the figures of the study statistics screen.
 *
 * Card identity is pack id + question id + deletion: every question is one
 * card (deletion 0), except cloze questions, which give one card per gap
 * (deletions 1..gap_count). Editing a pack keeps history as long as ids stay.
 *
 * Errors are StoreStatus values with a StoreError message, as in store.h;
 * nothing here prints. Time always comes in as unix milliseconds.
 */
#ifndef QUIZDECK_LEARN_H
#define QUIZDECK_LEARN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsrs.h"
#include "pack.h"
#include "store.h"
#include "study.h"

enum {
    LEARN_HEAT_DAYS = 112,     /* 16 weeks of the calendar heatmap */
    LEARN_RETENTION_DAYS = 30, /* window of "true retention" */
    LEARN_RECENT_ANSWERS = 20, /* quiz accuracy: the newest answers per topic */
};

/* ---- cards ----------------------------------------------------------- */

/* How many cards a question gives: gap_count for cloze, 1 otherwise. */
size_t learn_card_count(const Question *question);

/* The deletion number of the question's k-th card (0-based k):
 * k + 1 for cloze, 0 otherwise. */
int learn_card_deletion(const Question *question, size_t k);

/* What a card shows. front and back are heap strings owned by the struct
 * (free with learn_card_text_free); explain points into the pack (may be
 * ""); lang is the pack's language, for the text renderer. */
typedef struct LearnCardText {
    char *front;
    char *back;
    const char *explain;
    const char *lang;
} LearnCardText;

/* Fills *out for the card (question, deletion) of pack:
 *   front: the prompt; cloze: the text with gap `deletion` shown as "[...]"
 *          (or "[hint]") and the other gaps filled in, after the prompt if any;
 *          flashcard: its front.
 *   back:  choice: the right choice; multi: every right choice, one a line;
 *          truefalse: "True" / "False"; typed: the answer; order: the items
 *          in order, numbered; match: "left → right" lines; cloze: the whole
 *          sentence; flashcard: its back.
 * Returns false (and *out zeroed) when memory runs out or the deletion does
 * not exist. The caller frees with learn_card_text_free(). */
bool learn_card_texts(const Pack *pack, const Question *question, int deletion, LearnCardText *out);
void learn_card_text_free(LearnCardText *text);

/* StoreCard <-> FsrsCard (the key and first_seen are not part of FsrsCard). */
FsrsCard learn_card_from_store(const StoreCard *card);
void learn_card_to_store(const FsrsCard *card, StoreCard *out);

/* ---- settings (per profile) ------------------------------------------ */

/* Setting keys in the store, per profile. */
#define LEARN_KEY_RETENTION   "study.retention_pct"  /* 70..97 */
#define LEARN_KEY_NEW_PER_DAY "study.new_per_day"    /* 0..9999 */
#define LEARN_KEY_DAY_START   "study.day_start_hour" /* 0..23 */
#define LEARN_KEY_TWO_BUTTON  "study.two_button"     /* 0 / 1 */

typedef struct LearnSettings {
    int retention_pct;  /* desired retention in percent, 70..97; 90 */
    int new_per_day;    /* new cards a day, 0..9999; 20 */
    int day_start_hour; /* local hour the study day starts, 0..23; 4 */
    bool two_button;    /* Forgot / Knew instead of four ratings */
} LearnSettings;

/* 90 %, 20 a day, 04:00, four buttons. */
LearnSettings learn_settings_default(void);

/* Reads the profile's settings; unset or out-of-range values fall back to
 * the defaults (so a hand-edited database cannot break the scheduler). */
LearnSettings learn_settings_load(Store *store, int64_t profile_id);

/* Writes all four values (each clamped to its range) in the store. */
StoreStatus learn_settings_save(Store *store, int64_t profile_id, const LearnSettings *settings,
                                StoreError *err);

/* FSRS-6 defaults with the setting's desired retention. */
FsrsParams learn_params(const LearnSettings *settings);

/* The day rule: the setting's day start and either a fixed offset
 * (offset_fn NULL) or offset_fn, e.g. learn_local_utc_offset. */
FsrsDayRule learn_day_rule(const LearnSettings *settings, int fixed_offset_minutes,
                           FsrsUtcOffsetFn offset_fn, void *offset_user);

/* An FsrsUtcOffsetFn for the machine's time zone (localtime_r): the local
 * offset east of UTC at unix_ms, following daylight saving time. `user` is
 * unused. For the game only; tests pass fixed rules. */
int learn_local_utc_offset(int64_t unix_ms, void *user);

/* ---- deck ------------------------------------------------------------- */

/* One card of a deck, parallel to LearnDeck.cards. Pointers are borrowed
 * from the packs given to learn_deck_build. */
typedef struct LearnKey {
    const Pack *pack;
    const Question *question;
    int deletion;
    bool stored;        /* the store has this card (it has been seen) */
    int64_t first_seen; /* ms; 0 when not stored */
} LearnKey;

typedef struct LearnDeck {
    FsrsCard *cards; /* owned; count entries, for study.h */
    LearnKey *keys;  /* owned; parallel to cards */
    size_t count;
    /* Cards of the profile (any pack, loaded or not) introduced today by
     * the study screen: what counts against the daily new-card limit. A
     * card a quiz round asked first is not counted (a round never uses up
     * the day's new cards). */
    int new_done_today;
    size_t orphans; /* stored cards whose question is no longer loaded */
    /* Per card: left out until tomorrow because another gap of the same
     * cloze was studied today (it would give this one's answer away).
     * Owned; passed to study.h as StudyOptions.skip. */
    unsigned char *buried;
    /* New cards of the packs left out of cards/keys, already less the
     * buried ones: 0 for learn_deck_build, the packs' unseen cards for
     * learn_deck_build_seen. Counted by learn_deck_today only. */
    size_t unseen_new;
} LearnDeck;

/* Builds the deck of every card of `packs` (in pack order, then question
 * order, then deletion) for the profile: stored state for cards it has
 * seen, new cards (due at now_ms) for the rest. `rule` decides "today" for
 * new_done_today. The caller owns *deck (zeroed or freed before) and frees
 * it with learn_deck_free(). A NULL store gives an all-new deck. */
StoreStatus learn_deck_build(LearnDeck *deck, Store *store, int64_t profile_id, Pack *const *packs,
                             size_t pack_count, int64_t now_ms, const FsrsDayRule *rule,
                             StoreError *err);
void learn_deck_free(LearnDeck *deck);

/* The same deck holding only the cards the store has (same order, same
 * buried flags, new_done_today and orphans), with the packs' other cards
 * counted in unseen_new instead of built: for a count of what is due
 * (learn_deck_today) when nothing will be studied, e.g. the title screen,
 * at a few bytes a stored card rather than a card for every question. The
 * queue functions (learn_deck_next) do not see the unseen cards: study
 * from a learn_deck_build deck. */
StoreStatus learn_deck_build_seen(LearnDeck *deck, Store *store, int64_t profile_id,
                                  Pack *const *packs, size_t pack_count, int64_t now_ms,
                                  const FsrsDayRule *rule, StoreError *err);

/* The deck's study options: the setting's daily limit and the cards already
 * introduced today. */
StudyOptions learn_deck_options(const LearnDeck *deck, const LearnSettings *settings);

/* What to study next at now_ms (study_next over the deck): true and *index
 * when something is due; false with *info saying whether learning cards wait
 * (info may be NULL). */
bool learn_deck_next(const LearnDeck *deck, const LearnSettings *settings, int64_t now_ms,
                     const FsrsDayRule *rule, size_t *index, StudyQueueInfo *info);

/* What is left to study today, the one count of the study screen's
 * header, its statistics and the title: (re)learning cards due before
 * today ends (now or later today), reviews due today (overdue included),
 * and the new cards today's limit lets in (unseen_new included). */
typedef struct LearnToday {
    size_t learning, review, fresh;
} LearnToday;

LearnToday learn_deck_today(const LearnDeck *deck, const LearnSettings *settings, int64_t now_ms,
                            const FsrsDayRule *rule);

/* For "study it now": the learning/relearning card due soonest, whether or
 * not it is due yet. False when there is none. */
bool learn_deck_next_early(const LearnDeck *deck, size_t *index);

/* Finds the deck index of a card key; false when it is not in the deck. */
bool learn_deck_find(const LearnDeck *deck, const char *pack_id, const char *question_id,
                     int deletion, size_t *index);

/* ---- reviews ---------------------------------------------------------- */

/* A study-screen review of deck card `index` rated `rating` at now_ms:
 * fsrs_review, then the card and its review log in one store transaction
 * (store_review_record), then the deck entry is updated (and
 * new_done_today counted when the card was new). On any error the deck is
 * unchanged. store may be NULL (nothing saved; the deck still moves on).
 * *log_out (may be NULL) gets the FSRS log. */
StoreStatus learn_record_study_review(Store *store, int64_t profile_id, LearnDeck *deck,
                                      size_t index, FsrsRating rating, int64_t ms_taken,
                                      int64_t now_ms, const FsrsDayRule *rule,
                                      const FsrsParams *params, FsrsReviewLog *log_out,
                                      StoreError *err);

/* A quiz answer counts as a review of the question's card(s), graded by
 * study_rating_from_quiz (wrong or timed out: Again; right: Good; partial
 * or slow: Hard). Loads the stored card (or starts a new one), reviews it and
 * stores card + log in one transaction per card. A cloze question reviews
 * every deletion with the same rating (use the _cloze variant when per-gap
 * results are known). *rating_out (may be NULL) gets the rating given. */
StoreStatus learn_record_quiz_answer(Store *store, int64_t profile_id, const char *pack_id,
                                     const Question *question, double fraction_right,
                                     bool timed_out, int ms_taken, int time_limit_ms,
                                     int64_t now_ms, const FsrsDayRule *rule,
                                     const FsrsParams *params, FsrsRating *rating_out,
                                     StoreError *err);

/* The same for a cloze answered gap by gap: deletion k + 1 is rated from
 * gap_right[k] alone (right: Good, or Hard when slow; wrong or timed out:
 * Again). gap_count must equal the question's gap count. */
StoreStatus learn_record_quiz_cloze(Store *store, int64_t profile_id, const char *pack_id,
                                    const Question *question, const bool *gap_right,
                                    size_t gap_count, bool timed_out, int ms_taken,
                                    int time_limit_ms, int64_t now_ms, const FsrsDayRule *rule,
                                    const FsrsParams *params, StoreError *err);

/* ---- replay ----------------------------------------------------------- */

/* Rebuilds a card from its review log alone: a new card, then fsrs_review
 * with each rating at its reviewed_at, in order. Equals the stored card when
 * the same parameters and day rule were in force throughout (a change of
 * desired retention or day start changes later intervals). count 0 gives a
 * new card due at 0. Returns the first FSRS error, if any. */
FsrsStatus learn_replay(const StoreReview *reviews, size_t count, const FsrsParams *params,
                        const FsrsDayRule *rule, FsrsCard *out);

/* learn_replay over the stored log of one card. STORE_NOT_FOUND when the
 * card has no reviews; STORE_INVALID when the log does not replay. */
StoreStatus learn_replay_stored(Store *store, int64_t profile_id, const char *pack_id,
                                const char *question_id, int deletion, const FsrsParams *params,
                                const FsrsDayRule *rule, FsrsCard *out, StoreError *err);

/* ---- statistics -------------------------------------------------------- */

/* One topic of one pack: study mastery next to quiz accuracy. */
typedef struct LearnTopicStat {
    const Pack *pack;     /* borrowed */
    const char *topic_id; /* borrowed from the pack */
    const char *title;    /* topic title; borrowed */
    size_t cards;         /* cards of the topic in the deck */
    size_t seen;          /* of those, studied or quizzed at least once */
    double mastery;       /* mean retrievability of the seen cards, 0..1; a card
                             on its first (re)learning step (just answered
                             Again) counts 0 */
    int quiz_count;       /* recent quiz answers counted (0 = none) */
    double quiz_accuracy; /* their accuracy, 0..1 */
} LearnTopicStat;

typedef struct LearnStats {
    StudyForecast forecast;        /* today, tomorrow, 30 days */
    int64_t heat[LEARN_HEAT_DAYS]; /* reviews per day, [LEARN_HEAT_DAYS-1] = today */
    int heat_weekday_today;        /* 0 = Monday .. 6 = Sunday, of today */
    int64_t retention_passed;      /* reviews of Review cards rated >= Hard */
    int64_t retention_total;       /* in the last LEARN_RETENTION_DAYS */
    size_t cards_total, cards_seen;
    LearnTopicStat *topics; /* owned; topics with cards, pack order */
    size_t topic_count;
} LearnStats;

/* Gathers everything the study statistics screen shows for the deck's
 * profile at now_ms. The caller owns *out and frees it with
 * learn_stats_free(). store may be NULL (then only deck figures). */
StoreStatus learn_stats_build(LearnStats *out, Store *store, int64_t profile_id,
                              const LearnDeck *deck, int64_t now_ms, const FsrsDayRule *rule,
                              const FsrsParams *params, StoreError *err);
void learn_stats_free(LearnStats *stats);

#endif
