/* test_ui_format.c - how the game writes numbers on screen: every count and
 * score in groups of three digits with a comma ("12,345"), the same on
 * every screen (kit/format.h). Table-driven, no window needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "format.h"

static void test_numbers_are_grouped_by_thousands(void **state)
{
    (void)state;
    static const struct {
        int64_t value;
        const char *shown;
    } cases[] = {
        {0, "0"},
        {7, "7"},
        {999, "999"},
        {1000, "1,000"},
        {12345, "12,345"},
        {100000, "100,000"},
        {1234567, "1,234,567"},
        {-5, "-5"},
        {-1000, "-1,000"},
        {-123456, "-123,456"},
        {INT64_MAX, "9,223,372,036,854,775,807"},
        {INT64_MIN, "-9,223,372,036,854,775,808"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(ui_format_int(cases[i].value).text, cases[i].shown);
}

/* The text is usable as a printf argument where it is made. */
static void test_text_serves_a_printf_call(void **state)
{
    (void)state;
    char line[2 * sizeof(UiInt) + 32];
    snprintf(line, sizeof line, "%s points, streak %s", ui_format_int(25300).text,
             ui_format_int(12).text);
    assert_string_equal(line, "25,300 points, streak 12");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_are_grouped_by_thousands),
        cmocka_unit_test(test_text_serves_a_printf_call),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
