/* scoring.h - points for one answer: speed bonus, partial credit, streaks.
 *
 * The rules (pack-format.md "Per type" for the fractions, the round rules for
 * the rest), all in integer arithmetic so every machine gives the same score:
 *  - a fully right answer earns round(points * (1 - (t / T) / 2)), t the time
 *    taken and T the time limit: full points when t < 0.5 s or the question
 *    is untimed, half points at t = T (t is clamped to T);
 *  - a partly right answer (multi, order, match, cloze) earns that times the
 *    fraction right, rounded once (half away from zero) at the end;
 *  - fractions: multi = (right picks - wrong picks) / len(answers), floored at
 *    0; order = items in the right place / items; match = pairs right /
 *    pairs; cloze = gaps right / gaps; every other type 0/1 or 1/1;
 *  - "correct" means the fraction is exactly 1. The streak is the number of
 *    consecutive correct answers; a wrong, partial, or timed-out answer
 *    breaks it. With the streak bonus on, each correct answer after the first
 *    of a streak earns +100 per answer of the streak before it, at most +500:
 *    +0, +100, +200, +300, +400, +500, +500, ...;
 *  - a self-graded answer (a flashcard: the player says whether they knew
 *    it) earns no points and no streak bonus, and leaves the streak as it
 *    was: nobody can score by clicking "I knew it";
 *  - accuracy mode: no points at all (0, and no streak bonus); results show
 *    the number of correct answers, the accuracy and the best streak.
 *
 * Read round.h next: the round engine is the only caller in the game.
 */
#ifndef QUIZDECK_SCORING_H
#define QUIZDECK_SCORING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ScoringMode {
    SCORING_SPEED,    /* points with a speed bonus (the default) */
    SCORING_ACCURACY, /* only correct answers are counted; points stay 0 */
} ScoringMode;

enum {
    SCORING_FULL_POINTS_MS = 500, /* answers faster than this get full points */
    SCORING_STREAK_STEP = 100,
    SCORING_STREAK_CAP = 500,
};

/* How much of an answer was right, as exact integers: right / out_of.
 * out_of is at least 1 for a judged answer. */
typedef struct ScoreFraction {
    int right;
    int out_of;
} ScoreFraction;

/* True when the fraction is 1 (right == out_of, out_of > 0). */
bool scoring_is_correct(ScoreFraction fraction);

/* right / out_of as a double for display; 0 when out_of is 0. */
double scoring_fraction_value(ScoreFraction fraction);

/* Points for an answer in speed mode: `points` the question's points,
 * `elapsed_ms` the time taken, `limit_ms` the limit (0 = untimed). Negative
 * elapsed counts as 0; elapsed past the limit counts as the limit (the round
 * engine treats that as a time-out before it gets here). */
int scoring_points(int points, ScoreFraction fraction, int64_t elapsed_ms, int64_t limit_ms);

/* The streak bonus earned by a correct answer that makes a streak of
 * `streak` consecutive correct answers (1 for the first): 0 for streak <= 1,
 * then 100 * (streak - 1), capped at 500. */
int scoring_streak_bonus(int streak);

/* multi: picked and answer are bit masks over the same choice indices
 * (bit i = choice i). (right picks - wrong picks) / popcount(answer),
 * floored at 0. */
ScoreFraction scoring_multi(uint32_t picked, uint32_t answer);

/* order: placed[p] is the correct index (position in the author's list) of
 * the item the player put at position p; count items. Entries out of range
 * count as wrong. */
ScoreFraction scoring_order(const size_t *placed, size_t count);

/* match: paired[l] is the index (in the author's list) of the right-hand
 * entry the player paired with left entry l; pair l is right when
 * paired[l] == l. Entries out of range (e.g. unpaired) count as wrong. */
ScoreFraction scoring_match(const size_t *paired, size_t count);

/* cloze: gap_right[i] true when gap i was answered right. */
ScoreFraction scoring_cloze(const bool *gap_right, size_t count);

#endif
