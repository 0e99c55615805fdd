/* answer_match.c - judging typed answers (answer_match.h): two normalised
 * streams (answer_fold.h) compared, first for equality ignoring spaces,
 * then by an edit distance that tolerates one edit per
 * ANSWER_CHARS_PER_EDIT characters and none touching a digit. Only the
 * distance keeps the expected answer and three rows, in one bounded block.
 *
 * Read answer_match.h first: the rules are stated there.
 */
#include "answer_match.h"

#include <stdint.h>
#include <stdlib.h>

#include "answer_fold.h"

static size_t am_length(const char *text)
{
    AnswerStream s;
    answer_stream_open(&s, text);
    size_t n = 0;
    while (answer_stream_next(&s) != ANSWER_STREAM_END) {
        n++;
    }
    return n;
}

size_t answer_allowed_edits(const char *expected)
{
    return am_length(expected) / ANSWER_CHARS_PER_EDIT;
}

/* Equal once spaces are ignored ("ice cream" = "icecream"); this also
 * covers plain equality. */
static bool am_equal_ignoring_spaces(const char *a, const char *b)
{
    AnswerStream sa, sb;
    answer_stream_open(&sa, a);
    answer_stream_open(&sb, b);
    for (;;) {
        int32_t ca, cb;
        do {
            ca = answer_stream_next(&sa);
        } while (ca == ' ');
        do {
            cb = answer_stream_next(&sb);
        } while (cb == ' ');
        if (ca != cb) {
            return false;
        }
        if (ca == ANSWER_STREAM_END) {
            return true;
        }
    }
}

static bool am_is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

/* Optimal string alignment distance between the given stream (rows) and the
 * expected code points (columns), where any edit touching a digit costs
 * "too much". Returns true when it is at most `allowed`. Rows are computed
 * one at a time and the work stops as soon as a whole row exceeds the
 * budget, since later rows can only grow. */
static bool am_within(const char *given, const uint32_t *exp, size_t m, size_t allowed, int *rows,
                      bool digits_exact)
{
    const int too_much = (int)allowed + 1;
    /* an edit touching a digit costs too much, unless only measuring */
    const int digit_cost = digits_exact ? too_much : 1;
    int *prev2 = rows;
    int *prev = rows + (m + 1);
    int *cur = rows + 2 * (m + 1);
    prev[0] = 0;
    for (size_t j = 1; j <= m; j++) {
        int add = am_is_digit((int32_t)exp[j - 1]) ? digit_cost : 1;
        int v = prev[j - 1] + add;
        prev[j] = v > too_much ? too_much : v;
    }
    AnswerStream s;
    answer_stream_open(&s, given);
    int32_t last = ANSWER_STREAM_END;
    size_t i = 0;
    for (int32_t c = answer_stream_next(&s); c != ANSWER_STREAM_END;
         last = c, c = answer_stream_next(&s)) {
        i++;
        bool c_digit = am_is_digit(c);
        int row_min = too_much;
        int v0 = prev[0] + (c_digit ? digit_cost : 1);
        cur[0] = v0 > too_much ? too_much : v0;
        row_min = cur[0];
        for (size_t j = 1; j <= m; j++) {
            int32_t e = (int32_t)exp[j - 1];
            bool e_digit = am_is_digit(e);
            int best;
            if (c == e) {
                best = prev[j - 1];
            } else {
                best = prev[j - 1] + ((c_digit || e_digit) ? digit_cost : 1);
            }
            int del = prev[j] + (c_digit ? digit_cost : 1);
            if (del < best) {
                best = del;
            }
            int ins = cur[j - 1] + (e_digit ? digit_cost : 1);
            if (ins < best) {
                best = ins;
            }
            if (i > 1 && j > 1 && c != e && c == (int32_t)exp[j - 2] && last == e) {
                int swap = prev2[j - 2] + ((c_digit || e_digit) ? digit_cost : 1);
                if (swap < best) {
                    best = swap;
                }
            }
            cur[j] = best > too_much ? too_much : best;
            if (cur[j] < row_min) {
                row_min = cur[j];
            }
        }
        if (row_min > (int)allowed) {
            return false;
        }
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] <= (int)allowed;
}

/* One block for a distance: the expected code points, then three rows of
 * the table. m (the expected length) is at most 2 * ANSWER_MAX_BYTES, so
 * the block is bounded (~130 KiB). Free exp. */
typedef struct DistanceBlock {
    uint32_t *exp;
    int *rows;
} DistanceBlock;

static bool am_block_open(DistanceBlock *b, const char *expected, size_t m)
{
    size_t bytes = m * sizeof(uint32_t) + 3 * (m + 1) * sizeof(int);
    b->exp = malloc(bytes);
    if (b->exp == NULL) {
        return false;
    }
    b->rows = (int *)(void *)(b->exp + m);
    AnswerStream s;
    answer_stream_open(&s, expected);
    for (size_t j = 0; j < m; j++) {
        b->exp[j] = (uint32_t)answer_stream_next(&s);
    }
    return true;
}

bool answer_matches(const char *given, const char *expected)
{
    if (am_equal_ignoring_spaces(given, expected)) {
        return true;
    }
    size_t m = am_length(expected);
    size_t allowed = m / ANSWER_CHARS_PER_EDIT;
    if (allowed == 0) {
        return false;
    }
    size_t n = am_length(given);
    if (n + allowed < m || m + allowed < n) {
        return false; /* the lengths alone need more edits */
    }
    DistanceBlock b;
    if (!am_block_open(&b, expected, m)) {
        return false;
    }
    bool ok = am_within(given, b.exp, m, allowed, b.rows, true);
    free(b.exp);
    return ok;
}

bool answer_matches_any(const char *given, const char *answer, const char *const *accept,
                        size_t accept_count)
{
    return answer_match_which(given, answer, accept, accept_count) >= 0;
}

int answer_match_which(const char *given, const char *answer, const char *const *accept,
                       size_t accept_count)
{
    if (answer_matches(given, answer)) {
        return 0;
    }
    for (size_t i = 0; i < accept_count && accept != NULL; i++) {
        if (answer_matches(given, accept[i])) {
            return (int)i + 1;
        }
    }
    return -1;
}

size_t answer_distance(const char *given, const char *expected)
{
    if (am_equal_ignoring_spaces(given, expected)) {
        return 0;
    }
    size_t m = am_length(expected);
    size_t n = am_length(given);
    size_t longest = m > n ? m : n;
    size_t cap = longest < ANSWER_DISTANCE_MAX ? longest : ANSWER_DISTANCE_MAX;
    DistanceBlock b;
    if (!am_block_open(&b, expected, m)) {
        return longest;
    }
    /* The smallest budget that is enough; each try stops early, and the
     * distance never exceeds the longer length. */
    size_t d = 1;
    while (d < cap && !am_within(given, b.exp, m, d, b.rows, false)) {
        d++;
    }
    size_t distance = d < cap || am_within(given, b.exp, m, cap, b.rows, false) ? d : longest;
    free(b.exp);
    return distance;
}
