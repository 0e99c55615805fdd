/* test_scoring.c - the points rules (src/core/play/scoring.h), as tables.
 *
 * A player sees these numbers after every answer, and a class compares
 * them, so each row pins one rule: the speed bonus at t = 0.3 s, T/2 and T,
 * untimed questions, partial credit, rounding, and the streak cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scoring.h"

typedef struct PointsRow {
    int points;
    int right, out_of;
    int64_t elapsed_ms, limit_ms;
    int expected;
    const char *why;
} PointsRow;

static const PointsRow points_rows[] = {
    {1000, 1, 1, 300, 20000, 1000, "under 0.5 s: full points"},
    {1000, 1, 1, 499, 20000, 1000, "just under 0.5 s"},
    {1000, 1, 1, 500, 20000, 988, "0.5 s: 1000 * (1 - 0.0125) = 987.5 up"},
    {1000, 1, 1, 10000, 20000, 750, "t = T/2: three quarters"},
    {1000, 1, 1, 20000, 20000, 500, "t = T: half"},
    {1000, 1, 1, 25000, 20000, 500, "past T counts as T"},
    {1000, 1, 1, 15000, 0, 1000, "untimed: full points"},
    {1000, 1, 1, -5, 20000, 1000, "negative time counts as 0"},
    {1000, 1, 2, 300, 20000, 500, "half right, fast"},
    {1000, 2, 3, 10000, 20000, 500, "two thirds at T/2"},
    {1000, 1, 3, 0, 0, 333, "a third, untimed: 333.3 down"},
    {1000, 2, 3, 0, 0, 667, "two thirds, untimed: 666.7 up"},
    {1000, 3, 4, 20000, 20000, 375, "three quarters at T"},
    {1000, 0, 4, 300, 20000, 0, "nothing right"},
    {1, 1, 1, 20000, 20000, 1, "0.5 rounds up"},
    {100000, 1, 1, 3599999, 3600000, 50000, "largest limit and points"},
    {500, 1, 1, 5000, 10000, 375, "other points and limit"},
};

static void test_points_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof points_rows / sizeof points_rows[0]; i++) {
        const PointsRow *r = &points_rows[i];
        ScoreFraction f = {r->right, r->out_of};
        int got = scoring_points(r->points, f, r->elapsed_ms, r->limit_ms);
        if (got != r->expected) {
            print_error("row %zu (%s): got %d, expected %d\n", i, r->why, got, r->expected);
        }
        assert_int_equal(got, r->expected);
    }
}

static void test_streak_bonus(void **state)
{
    (void)state;
    const int bonus[] = {0, 0, 100, 200, 300, 400, 500, 500, 500};
    for (int streak = 0; streak < 9; streak++) {
        assert_int_equal(scoring_streak_bonus(streak), bonus[streak]);
    }
    assert_int_equal(scoring_streak_bonus(1000), 500);
}

typedef struct MultiRow {
    uint32_t picked, answer;
    int right, out_of;
} MultiRow;

static void test_multi_fraction(void **state)
{
    (void)state;
    const MultiRow rows[] = {
        {0x6, 0x6, 2, 2}, /* both right ones */
        {0x2, 0x6, 1, 2}, /* one of two */
        {0x7, 0x6, 1, 2}, /* both right, one wrong: (2 - 1) / 2 */
        {0x9, 0x6, 0, 2}, /* only wrong ones: floored at 0 */
        {0x0, 0x6, 0, 2}, /* nothing picked */
        {0xF, 0x6, 0, 2}, /* everything picked: 2 - 2 */
        {0xF, 0x7, 2, 3}, /* three right, one wrong */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ScoreFraction f = scoring_multi(rows[i].picked, rows[i].answer);
        assert_int_equal(f.right, rows[i].right);
        assert_int_equal(f.out_of, rows[i].out_of);
    }
    assert_true(scoring_is_correct(scoring_multi(0x6, 0x6)));
    assert_false(scoring_is_correct(scoring_multi(0x7, 0x6)));
}

static void test_order_match_cloze_fractions(void **state)
{
    (void)state;
    const size_t solved[4] = {0, 1, 2, 3};
    const size_t swapped[4] = {1, 0, 2, 3};
    const size_t rotated[4] = {3, 0, 1, 2};
    const size_t unpaired[4] = {0, (size_t)-1, 2, 9};
    const size_t doubled[3] = {0, 0, 0};
    ScoreFraction f = scoring_order(solved, 4);
    assert_int_equal(f.right, 4);
    assert_int_equal(f.out_of, 4);
    assert_true(scoring_is_correct(f));
    f = scoring_order(swapped, 4);
    assert_int_equal(f.right, 2);
    f = scoring_order(rotated, 4);
    assert_int_equal(f.right, 0);
    f = scoring_match(unpaired, 4);
    assert_int_equal(f.right, 2);
    assert_int_equal(f.out_of, 4);
    f = scoring_match(doubled, 3); /* one right entry for every left */
    assert_int_equal(f.right, 1);

    const bool gaps[3] = {true, false, true};
    f = scoring_cloze(gaps, 3);
    assert_int_equal(f.right, 2);
    assert_int_equal(f.out_of, 3);
    assert_true(scoring_fraction_value(f) > 0.66 && scoring_fraction_value(f) < 0.67);
    assert_true(scoring_fraction_value((ScoreFraction){0, 0}) == 0.0);
    assert_false(scoring_is_correct((ScoreFraction){0, 0}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_table),
        cmocka_unit_test(test_streak_bonus),
        cmocka_unit_test(test_multi_fraction),
        cmocka_unit_test(test_order_match_cloze_fractions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
