/* store.h - quizdeck's persistent store: profiles, settings, rounds, answers,
 * flashcards and review logs in one SQLite file (design rule 8).
 *
 * The database is `quizdeck.db` in the folder the caller passes (the UI
 * passes SDL_GetPrefPath's folder; the core never includes SDL). It runs in
 * WAL mode with synchronous=NORMAL, foreign keys on and a busy timeout, so
 * two game instances on one profile wait for each other instead of
 * corrupting anything. Every write is committed when it is made (one
 * transaction per logical event: an answer, a review, a finished round), so
 * killing the game loses at most the question on screen. A caller that
 * needs several writes to stand or fall together (the play engine: an
 * answer, its flashcard reviews and the round's end) wraps them in
 * store_transaction_begin() ... _commit() or _rollback().
 *
 * A database SQLite reports as damaged (fails PRAGMA quick_check, or a read
 * says SQLITE_CORRUPT while opening) is repaired if at all possible: its
 * indexes are rebuilt, and if that is not enough every row that can still
 * be read is copied into a fresh file that takes its place. Only when
 * nothing can be read does the game start fresh. Either way a damaged file
 * is kept as quizdeck.db.corrupt-YYYYMMDD-HHMMSS (with its -wal and -shm),
 * and store_open() says what it did in the StoreError (recovered,
 * recovery, kept, moved_to, message) so the UI can tell the player.
 *
 * Conventions for every call:
 *   - The result is a StoreStatus; `err` (may be NULL) gets the status and a
 *     message a person can read. Nothing prints, nothing exits.
 *   - Time is always passed in by the caller: int64 unix milliseconds.
 *   - Ids of packs, questions and topics are bounded by the pack format
 *     ([a-z0-9][a-z0-9-]*, at most 64 chars); here they are copied into fixed
 *     arrays of STORE_ID_SIZE bytes. A longer id is STORE_INVALID.
 *   - Results that are lists come as a StoreXxxList the caller owns and frees
 *     with the matching store_xxx_list_free(); every string inside points
 *     into memory owned by the list. A zeroed list is empty and freeable.
 *   - A Store handle is for one thread at a time.
 *
 * Next to the database the store keeps quizdeck.db-live, an empty file it
 * only locks (store_live.c): which unfinished rounds live windows are
 * playing, so that only rounds really interrupted are reported as such.
 *
 * Read store_schema.c first (the tables and their migrations), then
 * store_db.c; store_internal.h says how the store_*.c files divide the work.
 */
#ifndef QUIZDECK_STORE_H
#define QUIZDECK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "day.h"

enum {
    STORE_SCHEMA_VERSION = 3, /* PRAGMA user_version this code writes */
    STORE_ID_SIZE = 65,       /* 64 chars + NUL (pack-format id limit) */
    STORE_MESSAGE_SIZE = 512,
    STORE_PATH_SIZE = 1024,
    STORE_NAME_MAX = 100,         /* profile name, bytes of UTF-8 */
    STORE_KEY_MAX = 128,          /* setting key, bytes */
    STORE_TEXT_MAX = 64 * 1024,   /* setting value, given answer, summaries */
    STORE_DEFAULT_BUSY_MS = 3000, /* how long a write waits for another instance */
    STORE_GIVEN_MAX_INTS = 32,    /* structured given answer: integers per answer */
    STORE_GIVEN_MAX_TEXTS = 32,   /* ... and texts per answer */
    STORE_ROUND_MAX_PACKS = 10000,
    STORE_ROUND_MAX_QUESTIONS = 100000, /* entries of a round's "only" list */
};

/* The id of "no profile": settings stored under it are global. */
#define STORE_GLOBAL ((int64_t)0)

typedef enum StoreStatus {
    STORE_OK = 0,
    STORE_NOT_FOUND,   /* no such profile/round/setting/card */
    STORE_EXISTS,      /* a profile with that name exists already */
    STORE_INVALID,     /* a bad argument: empty name, id too long, bad UTF-8, NULL */
    STORE_BUSY,        /* another instance held the database past the busy timeout */
    STORE_CANNOT_OPEN, /* the folder is missing or not writable: run without saving */
    STORE_CORRUPT,     /* damaged and could not be moved aside / started fresh */
    STORE_TOO_NEW,     /* written by a newer quizdeck (user_version higher): untouched */
    STORE_FULL,        /* the disk is full */
    STORE_NO_MEMORY,
    STORE_IO, /* any other SQLite or file error; see the message */
} StoreStatus;

/* What store_open() did with a save file SQLite reported as damaged. */
typedef enum StoreRecovery {
    STORE_RECOVERY_NONE = 0,
    /* Only an index was damaged: rebuilt in place (REINDEX); nothing lost,
     * nothing moved. */
    STORE_RECOVERY_REINDEXED,
    /* Every row that could be read was copied into a fresh file, which took
     * the old one's place; the old one was moved to moved_to. `kept` says
     * what is in the fresh file and whether that is everything. */
    STORE_RECOVERY_SALVAGED,
    /* Nothing could be read: the file was moved to moved_to and a fresh,
     * empty one started (the game asks for the learner's name again). */
    STORE_RECOVERY_FRESH,
} StoreRecovery;

/* The rows a salvaged save file holds (STORE_RECOVERY_SALVAGED). */
typedef struct StoreKept {
    int64_t profiles, settings, rounds, answers, cards, reviews;
    bool everything; /* no row was lost: every read worked */
} StoreKept;

/* What went wrong, for a person. Fill-in only: the store never keeps it. */
typedef struct StoreError {
    StoreStatus status;
    int sqlite_code;                  /* extended SQLite result code, 0 if none */
    char message[STORE_MESSAGE_SIZE]; /* "" when status is STORE_OK and nothing to say */
    /* Set only by store_open(): the file was damaged and was repaired or
     * replaced (`recovery` says which). status is STORE_OK then and
     * message says what happened, in words the UI can show the player.
     * moved_to is where the damaged file went ("" when nothing moved). */
    bool recovered;
    StoreRecovery recovery;
    StoreKept kept;
    char moved_to[STORE_PATH_SIZE];
} StoreError;

typedef struct Store Store; /* opaque: one SQLite connection + cached statements */

/* Card states and review ratings share FSRS's numbering (../shared/fsrs/). */
typedef enum StoreCardState {
    STORE_CARD_NEW = 0,
    STORE_CARD_LEARNING = 1,
    STORE_CARD_REVIEW = 2,
    STORE_CARD_RELEARNING = 3,
} StoreCardState;

enum {
    STORE_RATING_AGAIN = 1,
    STORE_RATING_HARD = 2,
    STORE_RATING_GOOD = 3,
    STORE_RATING_EASY = 4
};

typedef enum StoreReviewSource { STORE_SOURCE_STUDY = 0, STORE_SOURCE_QUIZ = 1 } StoreReviewSource;

/* ---- open / close ------------------------------------------------------ */

/* Opens (creating if needed) DIR/quizdeck.db and migrates it to
 * STORE_SCHEMA_VERSION. dir may end in a separator or not.
 * On STORE_OK *out is a handle the caller owns (store_close()); check
 * err->recovered to tell the user the old file was moved aside.
 * On any other status *out is NULL: STORE_CANNOT_OPEN for a missing or
 * unwritable folder (play without saving), STORE_BUSY when another instance
 * keeps the database locked, STORE_TOO_NEW for a file from a newer version,
 * STORE_FULL (or STORE_IO) when a damaged file could not be repaired for
 * lack of room: then nothing was changed or moved. */
StoreStatus store_open(Store **out, const char *dir, StoreError *err);

/* store_open() with the time (unix ms) that names a moved-aside file, for
 * callers and tests that pass time in; store_open() reads the clock for
 * that name only. */
StoreStatus store_open_at(Store **out, const char *dir, int64_t now_ms, StoreError *err);

/* Closes the handle and frees it; NULL is fine. Every write was committed
 * already, except in a transaction still open (store_transaction_begin):
 * that is rolled back. */
void store_close(Store *store);

/* The full path of the database file; owned by the store. */
const char *store_path(const Store *store);

/* How long a write waits for another instance before STORE_BUSY
 * (default STORE_DEFAULT_BUSY_MS). */
void store_set_busy_timeout(Store *store, int ms);

/* Runs PRAGMA integrity_check; STORE_OK when it answers "ok", STORE_CORRUPT
 * with the first complaint in the message otherwise. */
StoreStatus store_check_integrity(Store *store, StoreError *err);

/* ---- transactions ------------------------------------------------------ */

/* Opens a transaction that the following store calls join, so several
 * writes (an answer, its flashcard reviews, the round's end) commit or
 * roll back together. Nests: an inner begin/commit pair is a SAVEPOINT.
 * Every write function of the store already runs in its own transaction;
 * inside an open one it becomes a savepoint of it, so a failed write
 * leaves the outer transaction as it was before the call, still open: the
 * caller decides to roll it all back (nothing of it remains) or go on.
 * The outermost begin is BEGIN IMMEDIATE: it takes the write lock at once,
 * and a second instance waits in the busy handler (STORE_BUSY after the
 * busy timeout, nothing opened). Each begin needs one commit or rollback;
 * store_close() rolls back whatever is still open. */
StoreStatus store_transaction_begin(Store *store, StoreError *err);

/* Keeps what was written since the matching begin: the outermost commit
 * writes it to disk. If that fails the level is rolled back (nothing of it
 * is saved) and the status says why. STORE_INVALID when none is open. */
StoreStatus store_transaction_commit(Store *store, StoreError *err);

/* Rolls back everything since the matching begin; never fails silently:
 * returns the status, and the store stays usable. STORE_INVALID when no
 * transaction is open. */
StoreStatus store_transaction_rollback(Store *store, StoreError *err);

/* ---- profiles ---------------------------------------------------------- */

typedef struct StoreProfile {
    int64_t id;
    const char *name;     /* UTF-8, any script; owned by the list */
    int64_t created_at;   /* ms */
    int64_t last_used_at; /* ms, 0 = never */
    int sort_order;       /* lower first; 0 by default */
} StoreProfile;

typedef struct StoreProfileList {
    StoreProfile *items;
    size_t count;
} StoreProfileList;

/* Adds a profile. name: 1..STORE_NAME_MAX bytes of valid UTF-8, not all
 * spaces (leading/trailing ASCII spaces are trimmed); a name in use is
 * STORE_EXISTS. *id_out (may be NULL) gets the new id. */
StoreStatus store_profile_add(Store *store, const char *name, int64_t now_ms, int64_t *id_out,
                              StoreError *err);

/* Renames; same rules as add. STORE_NOT_FOUND for an unknown id. */
StoreStatus store_profile_rename(Store *store, int64_t profile_id, const char *name,
                                 StoreError *err);

/* Deletes the profile and all its data (settings, rounds, answers, cards,
 * reviews) in one transaction. */
StoreStatus store_profile_delete(Store *store, int64_t profile_id, StoreError *err);

/* Marks the profile used now (the list puts recently used first among equal
 * sort orders). */
StoreStatus store_profile_touch(Store *store, int64_t profile_id, int64_t now_ms, StoreError *err);

StoreStatus store_profile_set_order(Store *store, int64_t profile_id, int sort_order,
                                    StoreError *err);

/* All profiles by sort_order, then most recently used, then id. The caller
 * owns *out (zeroed or freed before) and frees it with
 * store_profile_list_free(). */
StoreStatus store_profile_list(Store *store, StoreProfileList *out, StoreError *err);
void store_profile_list_free(StoreProfileList *list);

/* ---- settings ---------------------------------------------------------- */
/* profile_id STORE_GLOBAL for settings of the whole game. Keys: 1..STORE_KEY_MAX
 * bytes. Values are text; the int helpers store decimal text. */

StoreStatus store_setting_set_text(Store *store, int64_t profile_id, const char *key,
                                   const char *value, StoreError *err);
StoreStatus store_setting_set_int(Store *store, int64_t profile_id, const char *key, int64_t value,
                                  StoreError *err);

/* Copies the value into buf (always NUL-terminated; STORE_INVALID if it does
 * not fit). STORE_NOT_FOUND when the key is not set. */
StoreStatus store_setting_get_text(Store *store, int64_t profile_id, const char *key, char *buf,
                                   size_t size, StoreError *err);
/* STORE_NOT_FOUND when not set, STORE_INVALID when the text is not an integer. */
StoreStatus store_setting_get_int(Store *store, int64_t profile_id, const char *key, int64_t *value,
                                  StoreError *err);

/* The value, or fallback when unset, unreadable or not an integer. */
int64_t store_setting_int_or(Store *store, int64_t profile_id, const char *key, int64_t fallback);

/* Removes the key; STORE_OK also when it was not set. */
StoreStatus store_setting_delete(Store *store, int64_t profile_id, const char *key,
                                 StoreError *err);

/* ---- rounds and answers ------------------------------------------------ */

/* How a round was set up. The words are what the database stores and
 * what messages show (store_mode_name() and friends). */
typedef enum StoreRoundMode {
    STORE_MODE_PRACTICE, /* "practice" */
    STORE_MODE_TIMED,    /* "timed" */
    STORE_MODE_RETRY,    /* "retry": retry the ones I missed */
    STORE_MODE_MISSED,   /* "missed": practise the most missed */
    STORE_MODE_CLASS,    /* "class": a class session */
} StoreRoundMode;

typedef enum StoreTimeRule {
    STORE_TIME_OFF,   /* "off": untimed */
    STORE_TIME_PACK,  /* "pack": each question's own limit */
    STORE_TIME_FIXED, /* "fixed": fixed_seconds for every question */
} StoreTimeRule;

typedef enum StoreScoring {
    STORE_SCORING_SPEED,    /* "speed" */
    STORE_SCORING_ACCURACY, /* "accuracy" */
} StoreScoring;

/* The words stored in the database and shown in messages:
 * "practice", "timed", "retry", "missed", "class"; "off", "pack", "fixed";
 * "speed", "accuracy". Static storage; "unknown" for a value out of range. */
const char *store_mode_name(StoreRoundMode mode);
const char *store_time_rule_name(StoreTimeRule rule);
const char *store_scoring_name(StoreScoring scoring);

/* One question of a pack, by the pack format's stable ids. */
typedef struct StoreQuestionRef {
    char pack_id[STORE_ID_SIZE];
    char question_id[STORE_ID_SIZE];
} StoreQuestionRef;

/* What store_round_begin() needs: everything to replay the round from the
 * database. Zero-initialise and fill in; the store copies what it keeps. */
typedef struct StoreRoundStart {
    int64_t profile_id;
    int64_t started_at; /* ms */
    uint64_t seed;      /* the round's RNG seed */
    StoreRoundMode mode;
    int requested_count; /* what the setup asked for, 0 = all */
    int question_count;  /* questions in the round */
    StoreTimeRule time_rule;
    int fixed_seconds; /* STORE_TIME_FIXED: 1..3600, else 0 */
    StoreScoring scoring;
    bool streak_bonus;
    const char *topic;           /* topic id or NULL/"" = any */
    const char *const *pack_ids; /* the packs the round draws from, in the order given */
    size_t pack_count;           /* 1..STORE_ROUND_MAX_PACKS */
    /* A round made of these questions (retry, missed); may be NULL. */
    const StoreQuestionRef *only;
    size_t only_count; /* 0..STORE_ROUND_MAX_QUESTIONS */
    bool keep_only_order;
} StoreRoundStart;

typedef struct StoreRound {
    int64_t id;
    int64_t profile_id;
    int64_t started_at;
    bool finished; /* finished_at is valid */
    int64_t finished_at;
    bool abandoned;
    uint64_t seed;
    StoreRoundMode mode;
    int requested_count; /* 0 = all */
    StoreTimeRule time_rule;
    int fixed_seconds; /* 0 unless STORE_TIME_FIXED */
    StoreScoring scoring;
    bool streak_bonus;
    const char *topic; /* "" = any; owned by the list */
    const char *packs; /* pack ids in order joined with ','; owned by the list */
    int pack_count;
    int question_count;
    int answered_count; /* answers recorded for this round */
    int correct_count;  /* running total while in progress, final when finished */
    int64_t points;
    int best_streak;
    double accuracy; /* correct_count / question_count (answered_count when
                        question_count is 0); 0 when there are none */
} StoreRound;

typedef struct StoreRoundList {
    StoreRound *items;
    size_t count;
} StoreRoundList;

/* Starts a round: its settings, its packs in order and its "only" list,
 * in one transaction; *round_id (may be NULL) gets its id. STORE_INVALID
 * for a value out of range (an enum, a count, fixed_seconds that does not
 * fit the time rule, an id too long), STORE_NOT_FOUND for an unknown
 * profile. */
StoreStatus store_round_begin(Store *store, const StoreRoundStart *start, int64_t *round_id,
                              StoreError *err);

/* Finishes a round: correct_count and points are computed from the
 * answers stored for it (never from the caller's memory); best_streak is
 * the engine's. STORE_NOT_FOUND if there is no such round. */
StoreStatus store_round_finish(Store *store, int64_t round_id, int64_t finished_at, int best_streak,
                               StoreError *err);

/* Marks a round abandoned (quit mid-round, or found unfinished at launch).
 * finished_at stays unset; its answers stay (they count for progress). */
StoreStatus store_round_abandon(Store *store, int64_t round_id, StoreError *err);

/* One round by id (out->items[0]); STORE_NOT_FOUND if none. */
StoreStatus store_round_get(Store *store, int64_t round_id, StoreRoundList *out, StoreError *err);

/* Rounds of the profile with no finished_at that are not marked abandoned,
 * newest first, leaving out those another live store handle (another
 * window) is playing right now (see store_round_claim): what is left was
 * interrupted (the game was killed mid-round), or is this handle's own. */
StoreStatus store_rounds_unfinished(Store *store, int64_t profile_id, StoreRoundList *out,
                                    StoreError *err);

/* This handle plays round_id from now on, so other windows do not report
 * it as interrupted while this one lives. store_round_begin claims its new
 * round, store_answer_record the round it writes to; store_round_finish
 * and _abandon give the claim up, store_close gives up all, and a killed
 * process's claims go with it. Take up an unfinished round (resume) with
 * this first: STORE_BUSY when another live window plays it (then leave it
 * alone). In an open transaction the claim holds once it commits. */
StoreStatus store_round_claim(Store *store, int64_t round_id, StoreError *err);

/* The last `limit` finished rounds of the profile, oldest first (chart order),
 * e.g. limit 30 for the score history (time, points, correct, total,
 * accuracy are fields of StoreRound). */
StoreStatus store_round_history(Store *store, int64_t profile_id, int limit, StoreRoundList *out,
                                StoreError *err);
void store_round_list_free(StoreRoundList *list);

/* The round's packs in order, and its question list (retry/missed rounds),
 * for replaying it. The caller owns *out and frees it with
 * store_round_spec_free (which also frees round.topic and round.packs).
 * STORE_NOT_FOUND if there is no such round; *out is zeroed on any error. */
typedef struct StoreRoundSpec {
    StoreRound round;
    char (*pack_ids)[STORE_ID_SIZE];
    size_t pack_count;
    StoreQuestionRef *only;
    size_t only_count;
    bool keep_only_order;
} StoreRoundSpec;

StoreStatus store_round_spec(Store *store, int64_t round_id, StoreRoundSpec *out, StoreError *err);
void store_round_spec_free(StoreRoundSpec *spec);

/* The best finished single-pack round of the profile on that pack (most
 * points, then most correct, then earliest). STORE_NOT_FOUND if none.
 * Result in out->items[0]. */
StoreStatus store_pack_best(Store *store, int64_t profile_id, const char *pack_id,
                            StoreRoundList *out, StoreError *err);

/* The best finished single-pack round of each pack the profile has played
 * alone (same order of merit as store_pack_best), ordered by pack id; the
 * pack id is items[i].packs. */
StoreStatus store_pack_bests(Store *store, int64_t profile_id, StoreRoundList *out,
                             StoreError *err);

/* ---- answers ----------------------------------------------------------- */

typedef struct StoreAnswer {
    int64_t id; /* filled by the store */
    int64_t round_id;
    int64_t profile_id; /* on record: ignored, taken from the round */
    int position;       /* the question's index in the round, 0-based; one answer each */
    char pack_id[STORE_ID_SIZE];
    char question_id[STORE_ID_SIZE];
    char topic_id[STORE_ID_SIZE]; /* "" when the question has no topic */
    /* The answer as given, short display text for lists (and all that rows
     * from schema 1 have); on record NULL = ""; in lists owned by the list. */
    const char *given;
    double fraction_right; /* 0..1, partial credit */
    bool correct;
    int64_t points;
    int64_t ms_taken;
    int64_t answered_at; /* ms */
    bool timed_out;
    /* The answer as given, structured, in the author's indices (what the
     * play engine re-judges). has_given false: a time-out, or a row
     * migrated from schema 1 that only has the display text; the counts
     * are 0 then. The store keeps the ints and the texts in order; what
     * they mean per question type is the play engine's business. */
    bool has_given;
    int64_t given_ints[STORE_GIVEN_MAX_INTS];
    size_t given_int_count; /* 0..STORE_GIVEN_MAX_INTS */
    /* On record borrowed (a NULL entry is kept as ""); in lists owned by
     * the list. Each at most STORE_TEXT_MAX bytes. */
    const char *const *given_texts;
    size_t given_text_count; /* 0..STORE_GIVEN_MAX_TEXTS */
} StoreAnswer;

typedef struct StoreAnswerList {
    StoreAnswer *items;
    size_t count;
} StoreAnswerList;

/* Records one answer of an open round in its own transaction (with its
 * structured given answer), and adds its points/correctness to the round's
 * running totals. *answer_id may be NULL. STORE_NOT_FOUND if the round
 * does not exist; STORE_INVALID for a position already answered, values
 * without has_given, or counts or texts over the limits. */
StoreStatus store_answer_record(Store *store, const StoreAnswer *answer, int64_t *answer_id,
                                StoreError *err);

/* The answers of a round in `position` order, structured given answers
 * filled in (for the review list and for replaying the round). */
StoreStatus store_round_answers(Store *store, int64_t round_id, StoreAnswerList *out,
                                StoreError *err);
void store_answer_list_free(StoreAnswerList *list);

/* ---- progress ---------------------------------------------------------- */

typedef struct StoreProgress {
    char pack_id[STORE_ID_SIZE];
    char topic_id[STORE_ID_SIZE]; /* "" in the per-pack list */
    int64_t questions_seen;       /* distinct question ids answered */
    int64_t answers_total;
    int recent_count; /* answers among the last `recent` ones */
    int recent_correct;
    double recent_accuracy; /* recent_correct / recent_count, 0 when none */
    int64_t last_answered_at;
} StoreProgress;

typedef struct StoreProgressList {
    StoreProgress *items;
    size_t count;
} StoreProgressList;

/* Per pack the profile has answered, ordered by pack id. recent: how many of
 * the newest answers count for accuracy (e.g. 20). */
StoreStatus store_progress_by_pack(Store *store, int64_t profile_id, int recent,
                                   StoreProgressList *out, StoreError *err);

/* Per (pack, topic) the profile has answered, answers without a topic left
 * out; ordered by pack id then topic id. pack_id NULL = all packs. */
StoreStatus store_progress_by_topic(Store *store, int64_t profile_id, const char *pack_id,
                                    int recent, StoreProgressList *out, StoreError *err);
void store_progress_list_free(StoreProgressList *list);

typedef struct StoreMissed {
    char pack_id[STORE_ID_SIZE];
    char question_id[STORE_ID_SIZE];
    int64_t misses;           /* answers not correct (timeouts included) */
    int64_t last_answered_at; /* ms */
} StoreMissed;

typedef struct StoreMissedList {
    StoreMissed *items;
    size_t count;
} StoreMissedList;

/* The `limit` most-missed questions (e.g. 5): most misses first, then most
 * recently answered, then pack id, question id. Questions never missed are
 * left out. */
StoreStatus store_most_missed(Store *store, int64_t profile_id, int limit, StoreMissedList *out,
                              StoreError *err);
void store_missed_list_free(StoreMissedList *list);

/* ---- flashcards (FSRS) ------------------------------------------------- */

/* One card's scheduling state. The FSRS module has its own FsrsCard; the
 * lead's glue maps between them. */
typedef struct StoreCard {
    int64_t profile_id;
    char pack_id[STORE_ID_SIZE];
    char question_id[STORE_ID_SIZE];
    int deletion; /* cloze gap index etc.; 0 for one-card questions */
    StoreCardState state;
    double stability;
    double difficulty;
    int64_t due;         /* ms */
    int64_t last_review; /* ms, 0 = never */
    int step;            /* learning/relearning step index */
    int reps;
    int lapses;
    int scheduled_days;
    int64_t first_seen; /* ms */
} StoreCard;

typedef struct StoreCardList {
    StoreCard *items;
    size_t count;
} StoreCardList;

typedef struct StoreReview {
    int64_t id; /* filled by the store */
    int64_t profile_id;
    char pack_id[STORE_ID_SIZE];
    char question_id[STORE_ID_SIZE];
    int deletion;
    int64_t reviewed_at; /* ms */
    int rating;          /* STORE_RATING_AGAIN..EASY */
    StoreCardState state_before;
    StoreCardState state_after;
    int elapsed_days;
    int scheduled_days;
    double stability;  /* after the review */
    double difficulty; /* after the review */
    int64_t ms_taken;
    StoreReviewSource source;
} StoreReview;

typedef struct StoreReviewList {
    StoreReview *items;
    size_t count;
} StoreReviewList;

/* Inserts or replaces the card (key: profile, pack, question, deletion).
 * first_seen keeps its first non-zero value; the review log is kept. */
StoreStatus store_card_upsert(Store *store, const StoreCard *card, StoreError *err);

/* Inserts or replaces many cards in one transaction (all or none), e.g.
 * when a pack's cards are first introduced. */
StoreStatus store_cards_upsert(Store *store, const StoreCard *cards, size_t count, StoreError *err);

/* Loads one card into *out; STORE_NOT_FOUND if it has none yet. */
StoreStatus store_card_get(Store *store, int64_t profile_id, const char *pack_id,
                           const char *question_id, int deletion, StoreCard *out, StoreError *err);

/* All cards of the profile, ordered by (pack, question, deletion). */
StoreStatus store_cards_load(Store *store, int64_t profile_id, StoreCardList *out, StoreError *err);
void store_card_list_free(StoreCardList *list);

/* One review as one transaction: the card's new state (card_after, which
 * must have the review's key) is upserted and the review log appended.
 * *review_id may be NULL. */
StoreStatus store_review_record(Store *store, const StoreCard *card_after,
                                const StoreReview *review, int64_t *review_id, StoreError *err);

/* The review log of one card, oldest first. */
StoreStatus store_card_reviews(Store *store, int64_t profile_id, const char *pack_id,
                               const char *question_id, int deletion, StoreReviewList *out,
                               StoreError *err);
void store_review_list_free(StoreReviewList *list);

/* ---- study statistics -------------------------------------------------- */

/* Reviews per day for the heatmap: counts[i] for i in 0..days-1 is the
 * number of reviews on day (today - (days-1) + i), so counts[days-1] is today
 * (e.g. days = 112 for 16 weeks). Days follow rule (util/day.h; NULL = UTC
 * days), its offset asked at each day's start, so a day before a change of
 * daylight saving time keeps its own length. The caller owns counts. */
StoreStatus store_study_days(Store *store, int64_t profile_id, int64_t now_ms, const DayRule *rule,
                             int days, int64_t *counts, StoreError *err);

/* True retention: of the reviews of cards that were in Review state before
 * the review, within the last window_days (e.g. 30) up to now_ms, how many
 * (*passed) were rated Hard or better (rating >= 2) out of *total.
 * Retention = passed / total when total > 0. */
StoreStatus store_retention(Store *store, int64_t profile_id, int64_t now_ms, int window_days,
                            int64_t *passed, int64_t *total, StoreError *err);

/* A short English word for a status, e.g. "busy"; static storage. */
const char *store_status_name(StoreStatus status);

/* ---- for tests --------------------------------------------------------- */

/* Runs sql (any statements, e.g. a TEMP trigger that makes a write fail)
 * on the store's connection. Tests only: the game never calls it. */
StoreStatus store_debug_exec(Store *store, const char *sql, StoreError *err);

/* ---- class result files waiting to be delivered ---------------------------- */
/* What keeps a class attempt safe on this computer (src/core/class/
 * class_play.h owns the logic; these are its rows). class_attempts binds a
 * round (by its id) to the session attempt it plays, from the moment it
 * starts; the outbox keeps a finished result file's bytes until they are
 * in the session's results/new/. Strings passed in are copied; strings in
 * lists are owned by the list. */

typedef struct StoreClassAttempt {
    int64_t round_id;           /* the round it plays (rounds.id) */
    const char *folder;         /* the session folder, as the game opened it */
    const char *session_id;     /* 1..64 bytes */
    const char *session_sha256; /* 64 hex digits: session.yaml as played */
    const char *student;        /* the name as picked or typed */
    const char *roster_id;      /* "" (or NULL on add) when none */
    const char *host;
    double time_factor; /* the student's extra time, 1.0..10.0 */
    int64_t started_at; /* ms */
    int utc_offset;     /* minutes east of UTC at the start, -1080..1080 */
    uint64_t nonce;     /* random bits of the result file's name */
    bool ended;         /* the rest is set once it ended */
    int64_t ended_at;   /* ms */
    const char *status; /* "finished", "time-up", "stopped"; "" while playing */
    const char *result_name;
    int question_count, answered, right;
    double score;
    int64_t points;
} StoreClassAttempt;

typedef struct StoreClassAttemptList {
    StoreClassAttempt *items;
    size_t count;
} StoreClassAttemptList;

/* Binds a round to its class attempt (round_id ... nonce are read; the
 * round must exist). STORE_EXISTS when the round has one already. */
StoreStatus store_class_attempt_add(Store *store, const StoreClassAttempt *attempt,
                                    StoreError *err);

/* Records how the attempt ended: ended_at, status, result_name and the
 * totals (question_count .. points) of `ended` for round ended->round_id.
 * STORE_NOT_FOUND when there is no such attempt, STORE_INVALID when it has
 * ended already or the status is not one of the three words. */
StoreStatus store_class_attempt_end(Store *store, const StoreClassAttempt *ended, StoreError *err);

/* The attempt of a round (out->items[0]); STORE_NOT_FOUND if none. */
StoreStatus store_class_attempt_get(Store *store, int64_t round_id, StoreClassAttemptList *out,
                                    StoreError *err);

/* Attempts that started and never ended (the game was killed), on every
 * profile, oldest first; session_id NULL = of every session. */
StoreStatus store_class_attempts_open(Store *store, const char *session_id,
                                      StoreClassAttemptList *out, StoreError *err);

/* One student's attempts at a session on this computer, oldest first: the
 * same roster ID when roster_id is not empty, else the same name with no
 * roster ID. */
StoreStatus store_class_attempts_of(Store *store, const char *session_id, const char *student,
                                    const char *roster_id, StoreClassAttemptList *out,
                                    StoreError *err);
void store_class_attempt_list_free(StoreClassAttemptList *list);

/* The time factor a round was started with: its class attempt's, 1.0 when
 * it has none (the play engine's quiz_resume and quiz_rejudge read it). */
StoreStatus store_round_time_factor(Store *store, int64_t round_id, double *factor,
                                    StoreError *err);

typedef struct StoreOutboxItem {
    int64_t id;         /* filled by the store */
    const char *folder; /* the session folder to deliver into */
    const char *name;   /* the file name in results/new/ */
    const char *data;   /* the file's bytes (not NUL-terminated) */
    size_t size;
    int64_t created_at;               /* ms */
    int64_t round_id;                 /* the round it came from, 0 = none (kept for messages) */
    const char *session_id, *student; /* for messages; may be NULL on add */
    int tries;                        /* deliveries tried and failed */
    int64_t last_try_at;              /* ms, 0 = never tried */
    const char *last_error;           /* why the last try failed, "" */
} StoreOutboxItem;

typedef struct StoreOutboxList {
    StoreOutboxItem *items;
    size_t count;
} StoreOutboxList;

/* Keeps a result file to deliver; *id (may be NULL) gets its row. The same
 * folder and name twice is STORE_EXISTS. Files are at most 32 MiB. */
StoreStatus store_outbox_add(Store *store, const StoreOutboxItem *item, int64_t *id,
                             StoreError *err);

/* Every waiting file, oldest first, with its bytes. */
StoreStatus store_outbox_list(Store *store, StoreOutboxList *out, StoreError *err);
void store_outbox_list_free(StoreOutboxList *list);

/* How many files wait (all folders). */
StoreStatus store_outbox_count(Store *store, int64_t *count, StoreError *err);

/* Removes a delivered file's row; STORE_NOT_FOUND when it is not there. */
StoreStatus store_outbox_remove(Store *store, int64_t id, StoreError *err);

/* Notes a failed delivery: one more try, when, and why. */
StoreStatus store_outbox_failed(Store *store, int64_t id, int64_t at, const char *message,
                                StoreError *err);

#endif
