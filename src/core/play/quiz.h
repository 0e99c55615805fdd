/* quiz.h - the play engine: one round played by one learner, start to end.
 *
 * A Quiz owns the round (round.h), its id in the store, the learner and
 * their study settings (read once, at the start). The screens only show
 * what it says and pass in what the player did, with the time: the core
 * never reads a clock, so every call takes now_ms (unix milliseconds) and
 * the milliseconds the player took.
 *
 * The rule (design rule 4, README "Decisions"): one answer is one store
 * transaction. quiz_answer() judges the answer, then writes the answer row
 * (with the answer structured, in the author's indices, so the round can be
 * judged again from the database), every flashcard review it causes (a
 * quiz answer is also a review: learn.h), and the round's end when it was
 * the last, together: all of it is saved or none of it is. No UI file opens
 * a store transaction for play.
 *
 * When a write fails (disk full, database busy) the answer is still judged
 * and shown, the error says so, and the Quiz keeps the answer in memory and
 * writes it, in order, before the next one or at quiz_flush(). The stored
 * round is finished only once every answer is in the store, and its totals
 * are computed by the store from the stored rows (store_round_finish);
 * quiz_unsaved_count() says how many answers the screen's totals have that
 * the store does not have yet.
 *
 * Ownership: a Quiz borrows the Store and the Packs (they must outlive it
 * and not change while it lives); it owns everything else and frees it in
 * quiz_free(). A zeroed Quiz is "no round" and may be freed.
 *
 * Read round.h for selection and judging, learn.h for the reviews.
 */
#ifndef QUIZDECK_QUIZ_H
#define QUIZDECK_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "learn.h"
#include "round.h"
#include "store.h"

typedef enum QuizMode {
    QUIZ_MODE_PRACTICE, /* the setup screen, untimed */
    QUIZ_MODE_TIMED,    /* the setup screen, timed */
    QUIZ_MODE_RETRY,    /* the ones I missed, from Results */
    QUIZ_MODE_MISSED,   /* the most missed, from Progress */
    QUIZ_MODE_CLASS,    /* a class session */
} QuizMode;

typedef enum QuizStatus {
    QUIZ_OK = 0,
    QUIZ_NO_QUESTIONS, /* nothing qualifies (packs, topic, nothing missed) */
    QUIZ_BAD_SETTINGS,
    QUIZ_NO_MEMORY,
    QUIZ_OVER,      /* no question is being asked */
    QUIZ_NOT_SAVED, /* played, but the store refused a write: see message */
} QuizStatus;

/* What went wrong, for a person. */
typedef struct QuizError {
    QuizStatus status;
    char message[STORE_MESSAGE_SIZE];
} QuizError;

/* Zero-initialise and fill in. */
typedef struct QuizSetup {
    int64_t profile_id;
    Pack *const *packs; /* borrowed for the Quiz's life; NULL entries skipped */
    size_t pack_count;
    RoundSettings round; /* count, time, scoring, streak, seed, topic, only */
    QuizMode mode;
    /* The player's extra time: every question's time limit is multiplied
     * by it (rounded to the millisecond), as a class session's
     * accommodations ask. 0 means 1.0; otherwise 1.0..10.0. A class round
     * keeps it in the store with its class attempt (store.h,
     * store_class_attempt_add, written by src/core/class in the
     * transaction that starts the round), and quiz_resume and quiz_rejudge
     * read it back from there; other rounds are resumed at 1.0. */
    double time_factor;
    /* The learner's UTC offset at an instant, for the flashcards' days;
     * NULL = the machine's time zone (learn_local_utc_offset). */
    int (*utc_offset)(int64_t unix_ms, void *user);
    void *utc_offset_user;
} QuizSetup;

/* An answer given but not yet in the store, with owned copies of its
 * texts. */
typedef struct QuizUnsaved QuizUnsaved;

typedef struct Quiz {
    Store *store; /* borrowed; NULL = the round is played unsaved */
    int64_t profile_id;
    int64_t round_id; /* 0 when the store has no row for it */
    QuizMode mode;
    bool active;  /* a round exists (over or not) */
    Round round;  /* read it; change it only through quiz_* */
    Pack **packs; /* owned array of borrowed packs, for retry */
    size_t pack_count;
    double time_factor;  /* 1.0 unless QuizSetup or the stored round said more */
    LearnSettings study; /* read once at the start */
    FsrsDayRule day_rule;
    FsrsParams params;
    bool finished_in_store;
    QuizUnsaved *unsaved; /* answers waiting for the store, oldest first */
    size_t unsaved_count;
    QuizUnsaved *last; /* the last answer judged (quiz_last_record); NULL = none */
} Quiz;

/* A short English message for a status. */
const char *quiz_status_message(QuizStatus status);

/* Starts a round: picks the questions (round_start), reads the learner's
 * study settings, and records the round in the store (its settings in
 * columns, its packs as rows). Any round the Quiz held is freed first (a
 * round still being played is marked abandoned). On QUIZ_OK the round is
 * playing; QUIZ_NOT_SAVED means it is playing unsaved (err says why); any
 * other status leaves no round. store may be NULL. */
QuizStatus quiz_start(Quiz *quiz, Store *store, const QuizSetup *setup, int64_t now_ms,
                      QuizError *err);

/* Judges `given` for the current question (display positions, qtype.h),
 * taken in elapsed_ms, answered at now_ms, and saves it as described
 * above. Returns the result (owned by the round) or NULL when the round is
 * over; err gets QUIZ_NOT_SAVED when the store refused the write (the
 * answer is kept and written later). */
const RoundResult *quiz_answer(Quiz *quiz, const GivenAnswer *given, int64_t elapsed_ms,
                               int64_t now_ms, QuizError *err);

/* The time ran out on the current question; saved like an answer. */
const RoundResult *quiz_timeout(Quiz *quiz, int64_t now_ms, QuizError *err);

/* Writes answers the store refused earlier. QUIZ_OK when nothing waits. */
QuizStatus quiz_flush(Quiz *quiz, QuizError *err);

/* Answers given but not in the store (0 when all are saved). */
size_t quiz_unsaved_count(const Quiz *quiz);

/* Leaves the round: a round still being played is marked abandoned in the
 * store (its answers stay and count for progress); then it is freed. */
QuizStatus quiz_abandon(Quiz *quiz, QuizError *err);

/* Starts a round of the questions of this round that were not answered
 * right, with the same packs and settings, a new seed and mode RETRY.
 * QUIZ_NO_QUESTIONS when nothing was missed (the old round stays). */
QuizStatus quiz_retry_missed(Quiz *quiz, int64_t now_ms, QuizError *err);

/* The question being asked, NULL when over; the one answered last (what
 * feedback shows), NULL before the first answer. Owned by the Quiz. */
const RoundQuestion *quiz_current(const Quiz *quiz);
const RoundQuestion *quiz_last_answered(const Quiz *quiz);
bool quiz_is_over(const Quiz *quiz);

/* The answer the last quiz_answer judged, as the store keeps it (the
 * author's indices, qtype.h's AnswerRecord), for callers that record it
 * elsewhere too (a class attempt's result file). Its texts are owned by
 * the Quiz and valid until its next quiz_* call. False before the first
 * answer, after a time-out, and for answers replayed by quiz_resume (read
 * those from the store: store_round_answers). */
bool quiz_last_record(const Quiz *quiz, AnswerRecord *out);

/* Frees the round and everything the Quiz owns (writing nothing: call
 * quiz_abandon to leave a round on record) and zeroes it. */
void quiz_free(Quiz *quiz);

/* ---- judging a stored round again ----------------------------------------- */

/* Rebuilds round `round_id` from the store (its packs, settings, seed and
 * question list) and replays its stored answers, in order, through the
 * judge: structured answers are judged again, time-outs stay time-outs,
 * each question's limit times the round's stored time factor.
 * *out is a Round the caller frees with round_free (questions the round
 * did not reach stay unanswered). QUIZ_NO_QUESTIONS when its packs are not
 * among `packs`; QUIZ_BAD_SETTINGS when a stored answer does not fit its
 * question (a changed pack) or a row has only display text (schema 1). */
QuizStatus quiz_rejudge(Store *store, int64_t round_id, Pack *const *packs, size_t pack_count,
                        Round *out, QuizError *err);

/* Takes up round `round_id`, left unfinished (the game was killed or the
 * window closed mid-round), where it stopped: the same questions in the
 * same order and shuffles, the stored answers judged again and kept, the
 * next question asked next, answers saved under the same round id. Any
 * round the Quiz held is left first. The time factor it was started with
 * is read back from the store (QuizSetup.time_factor). QUIZ_OVER when the
 * round is finished, abandoned or fully answered, or another window is playing it right now
 * (store_round_claim); QUIZ_NO_QUESTIONS when
 * its packs are not loaded; QUIZ_BAD_SETTINGS when a stored answer no
 * longer fits (a changed pack, or a round saved before schema 2). */
QuizStatus quiz_resume(Quiz *quiz, Store *store, int64_t round_id, Pack *const *packs,
                       size_t pack_count, QuizError *err);

#endif
