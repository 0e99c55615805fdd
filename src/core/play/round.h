/* round.h - the round engine: pick questions, shuffle them, judge answers.
 *
 * A Round is one quiz round over one or more loaded packs. round_start()
 * picks and orders the questions and every display shuffle from the seed in
 * the settings, so the same seed and the same packs give the same round on
 * every machine (a teacher's session depends on it). The UI then shows
 * round_current(), collects a GivenAnswer, and calls round_answer() (or
 * round_timeout() when the clock runs out); each call judges and scores the
 * current question and moves on to the next. The core never reads a clock:
 * the caller passes the milliseconds the player took.
 *
 * Ownership: a Round owns its question array and every text it makes (the
 * RoundResult strings); round_free() releases them. It borrows the Packs:
 * they must outlive the Round and not change while it lives. Pointers in
 * RoundSettings (topic, only) are read only during round_start().
 *
 * Display permutations: for choice, multi, order and match questions,
 * RoundQuestion.display[k] is the index in the author's list (choices, items,
 * or pairs for the right-hand column) of the entry shown at position k.
 * Every index in a GivenAnswer is a display position; the engine maps back.
 *
 * Per-type behaviour (shuffles, judging, the texts) comes from each
 * question's kind (qtype.h); GivenAnswer is defined there.
 *
 * Read qtype.h for the kinds, scoring.h for the points rules.
 */
#ifndef QUIZDECK_ROUND_H
#define QUIZDECK_ROUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pack.h"
#include "qtype.h"
#include "rng.h"
#include "scoring.h"

enum {
    ROUND_MAX_FIXED_SECONDS = PACK_MAX_TIME_LIMIT,
};

/* "No pick" in GivenAnswer.choice and GivenAnswer.match[]. */
#define ROUND_NO_PICK QTYPE_NONE

typedef enum RoundTimeMode {
    ROUND_TIME_OFF,   /* untimed practice: every question untimed */
    ROUND_TIME_PACK,  /* each question's own time_limit (0 = untimed) */
    ROUND_TIME_FIXED, /* every question gets fixed_seconds */
} RoundTimeMode;

/* Names one question, for rounds built from a list (retry the ones I
 * missed, most missed). Both strings are borrowed during round_start(). */
typedef struct RoundQuestionRef {
    const char *pack_id;
    const char *question_id;
} RoundQuestionRef;

/* A zeroed RoundSettings is a valid default: every question, untimed,
 * speed scoring, no streak bonus, seed 0. */
typedef struct RoundSettings {
    size_t question_count; /* 5, 10, 20, ...; 0 = all that qualify */
    RoundTimeMode time_mode;
    int fixed_seconds; /* ROUND_TIME_FIXED: 10, 20, 30, 60 (1..3600) */
    ScoringMode scoring;
    bool streak_bonus;
    uint64_t seed;
    const char *topic; /* NULL or "" = any topic; else a topic id */
    /* When only_count > 0, the round is made of these questions (those that
     * exist in the packs and pass the topic filter; unknown ones are
     * skipped, duplicates kept once), shuffled by the seed unless
     * keep_only_order, then cut to question_count. */
    const RoundQuestionRef *only;
    size_t only_count;
    bool keep_only_order;
} RoundSettings;

/* The outcome of one question. Strings are owned by the Round. */
typedef struct RoundResult {
    ScoreFraction fraction; /* exact fraction right */
    double fraction_right;  /* the same as a double, 0..1 */
    bool correct;           /* fraction == 1 */
    bool timed_out;         /* the time ran out: unanswered, fraction 0 */
    int points;             /* question points after speed and fraction */
    int streak_bonus;       /* extra points from the streak */
    int streak;             /* streak after this answer (0 unless correct) */
    int64_t elapsed_ms;     /* as given (the limit for a time-out) */
    uint32_t gaps_right;    /* cloze: bit k set when gap k (of the first 32)
                               was right, so each deletion's card is graded
                               on its own */
    /* What the player answered, short, for the review list and the store:
     * "B: Gulf Cooperation Council", "1991", "3/4 in place", "(time out)". */
    const char *given_text;
    /* The right answer for feedback: "A: Gulf Cooperation Council",
     * "six", "Kuwait → Qatar → Oman", "True". */
    const char *correct_text;
} RoundResult;

typedef struct RoundQuestion {
    const Pack *pack;                 /* borrowed */
    const Question *question;         /* borrowed, inside pack */
    size_t display[PACK_MAX_OPTIONS]; /* see "Display permutations" above */
    size_t display_count;             /* choices, items or pairs; 0 for other types */
    int64_t time_limit_ms;            /* 0 = untimed */
    bool answered;                    /* answered or timed out; result is valid */
    RoundResult result;
} RoundQuestion;

typedef struct RoundTotals {
    size_t question_count; /* questions in the round */
    size_t asked;          /* answered or timed out so far */
    size_t correct;        /* answers with fraction 1 */
    size_t timed_out;
    int64_t points;        /* question points plus streak bonuses */
    int64_t streak_points; /* the streak bonuses alone */
    double credit;         /* sum of fractions (partial credit) */
    double accuracy;       /* correct / asked, 0..1; 0 when nothing asked */
    int best_streak;
    int64_t total_ms; /* sum of elapsed_ms */
} RoundTotals;

typedef struct Round {
    RoundSettings settings;   /* copy; topic/only are not kept (NULLed) */
    RoundQuestion *questions; /* owned, question_count entries */
    size_t question_count;
    size_t current; /* index of the question being asked */
    int streak;     /* current streak of correct answers */
    RoundTotals totals;
    Rng rng; /* state after round_start's draws */
} Round;

typedef enum RoundStatus {
    ROUND_OK,
    ROUND_NO_QUESTIONS, /* no question qualifies (empty packs, filter) */
    ROUND_BAD_SETTINGS, /* e.g. fixed time out of 1..3600 */
    ROUND_NO_MEMORY,
} RoundStatus;

/* A short English message for a status ("no question matches ..."). */
const char *round_status_message(RoundStatus status);

/* Starts a round over packs[0..pack_count) (NULL entries are skipped).
 * Candidates are taken pack by pack in order of pack id (so the order of
 * the array does not matter), questions in file order, filtered by topic
 * (or taken from settings->only); then a seeded shuffle picks and orders
 * question_count of them, and the display shuffles are drawn question by
 * question in round order. Choices of choice/multi are shuffled unless the
 * author wrote shuffle: false; order items and the match right column are
 * shuffled and never shown already in the right order.
 * On success the Round owns its arrays (free with round_free); on failure
 * the Round is left zeroed and nothing needs freeing. */
RoundStatus round_start(Round *round, Pack *const *packs, size_t pack_count,
                        const RoundSettings *settings);

/* The question being asked; NULL when the round is over. Owned by the Round. */
const RoundQuestion *round_current(const Round *round);

/* Question i (0-based, answered or not) for review lists; NULL out of range. */
const RoundQuestion *round_question(const Round *round, size_t index);

/* True when every question has been answered or timed out. */
bool round_is_over(const Round *round);

/* Sets a GivenAnswer to "nothing given yet" for question q: no choice,
 * no picks, the order arrangement as displayed, every match unpaired. */
void round_given_init(GivenAnswer *given, const RoundQuestion *q);

/* Judges `given` for the current question, taken in elapsed_ms, scores it
 * and moves to the next question. An answer after the question's time limit
 * counts as a time-out. Returns the result, owned by the Round and valid
 * until round_free (it is also round_question(round, i)->result); NULL when
 * the round is already over or given is NULL. Never fails otherwise: if
 * memory for the texts runs out they are "". */
const RoundResult *round_answer(Round *round, const GivenAnswer *given, int64_t elapsed_ms);

/* round_answer for an answer already in the author's indices (a stored
 * answer being replayed, or one the play engine mapped itself). Strings are
 * borrowed for the call. */
const RoundResult *round_answer_given(Round *round, const Answer *answer, int64_t elapsed_ms);

/* Records that the time ran out on the current question: unanswered,
 * fraction 0, no points, streak broken; elapsed is the time limit. Moves on.
 * Returns the result like round_answer; NULL when the round is over. */
const RoundResult *round_timeout(Round *round);

/* The totals so far (final once round_is_over). */
RoundTotals round_totals(const Round *round);

/* Question q with the display order the round drew for it. */
QuestionShown round_shown(const RoundQuestion *q);

/* Text shown at display position k of q: a choice (choice/multi), an item
 * (order), a right-hand entry (match); "" when out of range. Borrowed from
 * the pack. */
const char *round_display_text(const RoundQuestion *q, size_t position);

/* Writes the short text of a given answer (as in RoundResult.given_text)
 * into buf, always NUL-terminated when size > 0; returns the length the full
 * text needs, like snprintf. For UIs that show an answer before judging. */
size_t round_describe_given(const RoundQuestion *q, const GivenAnswer *given, char *buf,
                            size_t size);

/* Frees everything the Round owns and zeroes it. NULL and a zeroed Round are
 * accepted. The Packs are not touched. */
void round_free(Round *round);

#endif
