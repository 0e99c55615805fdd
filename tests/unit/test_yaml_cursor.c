/* test_yaml_cursor.c - the core's YAML cursor (yaml_cursor.h) on its own:
 * what neither reader's corpus pins because each reader uses one setting.
 *
 * The pack loader (test_pack_load) and the session and result readers
 * (test_session, test_result) read their files through this cursor, each
 * with its own YcFormat. Here: that a format's limits and words are what a
 * user is told (nesting, control characters, the size limit), that the
 * UTF-8 check of text that is not YAML (students.txt, a typed name) points
 * where an editor shows the bad byte whatever the line ends, and that
 * "did you mean" stays within a file's budget.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "yaml_cursor.h"

static const YcFormat test_format = {
    .max_bytes = 64,
    .too_big = "file is larger than 64 bytes, the limit for a test",
    .max_depth = 2,
    .depth_note = "; a test needs one",
    .noun = "a test file",
    .utf8_advice = "tests must be saved as UTF-8",
    .suggestion_budget = 100,
};

/* Reads `text` to its end with test_format; returns the first message
 * ("" when none) and its mark. */
static const char *read_all(const char *text, DiagList *d, YcMark *at)
{
    YcCursor c;
    Arena arena = {0};
    static char message[256];
    message[0] = '\0';
    if (yc_open_buffer(&c, &test_format, "t.yaml", text, strlen(text), &arena, d)) {
        do
            yc_advance(&c);
        while (yc_peek(&c) != YAML_NO_EVENT && yc_peek(&c) != YAML_STREAM_END_EVENT);
    }
    yc_close(&c);
    arena_free(&arena);
    if (d->count > 0) {
        snprintf(message, sizeof message, "%s", d->items[0].message);
        *at = (YcMark){d->items[0].line, d->items[0].column};
    }
    return message;
}

static void test_a_format_sets_the_limits_and_the_words(void **state)
{
    (void)state;
    DiagList d = {0};
    YcMark at = {0, 0};
    assert_string_equal(read_all("a:\n  b:\n    c: 1\n", &d, &at),
                        "values are nested more than 2 levels deep; a test needs one");
    assert_int_equal(at.line, 3);
    assert_int_equal(at.col, 5);
    diag_clear(&d);

    /* The bad character's own line and column, after CR LF line ends. */
    assert_string_equal(read_all("a: 1\r\nb: 2\r\nc: x\x07y\r\n", &d, &at),
                        "control character U+0007 is not allowed in a test file; delete it");
    assert_int_equal(at.line, 3);
    assert_int_equal(at.col, 5);
    diag_clear(&d);

    assert_string_equal(read_all("a: \xC3\x28\n", &d, &at),
                        "invalid UTF-8 (byte 0xC3): tests must be saved as UTF-8");
    diag_clear(&d);

    char big[100];
    memset(big, 'x', sizeof big - 1);
    big[0] = '#';
    big[sizeof big - 1] = '\0';
    assert_string_equal(read_all(big, &d, &at), test_format.too_big);
    diag_clear(&d);
}

static void test_utf8_check_points_where_an_editor_does(void **state)
{
    (void)state;
    YcMark at = {0, 0};
    unsigned char byte = 0;
    /* A CR alone ends a line too (old Mac files); tabs and controls are
     * not this check's business. */
    const char *text = "Ali\rNoura\tS02\r\nHa\xE2\x82";
    assert_false(yc_utf8_check(text, strlen(text), &at, &byte));
    assert_int_equal(at.line, 3);
    assert_int_equal(at.col, 3);
    assert_int_equal(byte, 0xE2);
    assert_true(yc_utf8_check("Ali\x01\tNoura \xE2\x82\xAC", 14, NULL, NULL));
    assert_false(yc_utf8_check("\xED\xA0\x80", 3, NULL, NULL)); /* a surrogate */
    assert_false(yc_utf8_check("\xC0\xAF", 2, NULL, NULL));     /* overlong */
}

static void test_did_you_mean_is_bounded(void **state)
{
    (void)state;
    static const char *const names[] = {"title", "multiple", "time_limit"};
    size_t cells = 0;
    assert_string_equal(yc_closest_name("titel", names, 3, &cells), "title");
    assert_true(cells > 0);
    assert_string_equal(yc_closest_name("multi", names, 3, NULL), "multiple");
    assert_null(yc_closest_name("x", names, 3, NULL)); /* never the whole word */

    /* Once the file has spent its budget, no more searches. */
    DiagList d = {0};
    Arena arena = {0};
    YcCursor c;
    assert_true(yc_open_buffer(&c, &test_format, "t.yaml", "", 0, &arena, &d));
    assert_string_equal(yc_closest(&c, "titel", names, 3), "title");
    c.suggestion_cells = test_format.suggestion_budget;
    assert_null(yc_closest(&c, "titel", names, 3));
    assert_int_equal(c.suggestions, 1);
    yc_close(&c);
    arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_format_sets_the_limits_and_the_words),
        cmocka_unit_test(test_utf8_check_points_where_an_editor_does),
        cmocka_unit_test(test_did_you_mean_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
