/* scoring.c - the points rules of scoring.h, in exact integer arithmetic.
 *
 * Scores are stored and compared between students of one class, so they
 * must not depend on the machine's floating point: the speed factor and the
 * fraction are kept as integer ratios and rounded once at the end.
 */
#include "scoring.h"

bool scoring_is_correct(ScoreFraction fraction)
{
    return fraction.out_of > 0 && fraction.right == fraction.out_of;
}

double scoring_fraction_value(ScoreFraction fraction)
{
    if (fraction.out_of <= 0 || fraction.right <= 0) {
        return 0.0;
    }
    return (double)fraction.right / (double)fraction.out_of;
}

int scoring_points(int points, ScoreFraction fraction, int64_t elapsed_ms, int64_t limit_ms)
{
    if (points <= 0 || fraction.out_of <= 0 || fraction.right <= 0) {
        return 0;
    }
    int64_t right = fraction.right > fraction.out_of ? fraction.out_of : fraction.right;
    /* points * (1 - t / (2T)) * right / out_of
     *   = points * (2T - t) * right / (2T * out_of). */
    int64_t num = (int64_t)points * right;
    int64_t den = fraction.out_of;
    if (limit_ms > 0 && elapsed_ms >= SCORING_FULL_POINTS_MS) {
        int64_t t = elapsed_ms > limit_ms ? limit_ms : elapsed_ms;
        num *= 2 * limit_ms - t;
        den *= 2 * limit_ms;
    }
    /* Round half away from zero (num, den > 0): floor((2num + den) / 2den).
     * Bounds: points <= 100000, right <= 8, 2T <= 7.2e6 ms: 2num < 1.2e13. */
    return (int)((2 * num + den) / (2 * den));
}

int scoring_streak_bonus(int streak)
{
    if (streak <= 1) {
        return 0;
    }
    if (streak - 1 >= SCORING_STREAK_CAP / SCORING_STREAK_STEP) {
        return SCORING_STREAK_CAP;
    }
    return SCORING_STREAK_STEP * (streak - 1);
}

static int scoring_popcount(uint32_t x)
{
    int n = 0;
    while (x != 0) {
        x &= x - 1;
        n++;
    }
    return n;
}

ScoreFraction scoring_multi(uint32_t picked, uint32_t answer)
{
    int right = scoring_popcount(picked & answer);
    int wrong = scoring_popcount(picked & ~answer);
    ScoreFraction f = {right > wrong ? right - wrong : 0, scoring_popcount(answer)};
    return f;
}

ScoreFraction scoring_order(const size_t *placed, size_t count)
{
    ScoreFraction f = {0, (int)count};
    for (size_t p = 0; p < count; p++) {
        if (placed[p] == p) {
            f.right++;
        }
    }
    return f;
}

ScoreFraction scoring_match(const size_t *paired, size_t count)
{
    /* A pair is right when left l got right-hand entry l; since each left
     * is counted once, pairing two lefts with one right cannot score twice. */
    return scoring_order(paired, count);
}

ScoreFraction scoring_cloze(const bool *gap_right, size_t count)
{
    ScoreFraction f = {0, (int)count};
    for (size_t i = 0; i < count; i++) {
        if (gap_right[i]) {
            f.right++;
        }
    }
    return f;
}
