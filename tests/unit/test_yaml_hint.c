/* test_yaml_hint.c - the plain-language hints of YAML syntax errors
 * (yaml_hint.h), on their own.
 *
 * The broken corpus (tests/data/broken/yaml-*.yaml, tab-*.yaml) holds one
 * file per hint, read by the loader as an author's file is; here the
 * hints get what libyaml reported for those mistakes, with every kind of
 * line end and the file fed in pieces of every size (a CR LF or a
 * U+2028 cut between two reads), and the cases where no hint is right.
 * What an author would notice: a hint pointing at the wrong line or
 * column, quoting text that is not there, or a hint where libyaml's own
 * words were the truth.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "strutil.h"
#include "yaml_hint.h"

/* The message for `error` over `text`, fed `piece` bytes at a time (0:
 * all at once), with where it points. */
static void hint_for(const YamlSyntaxError *error, const char *text, size_t len, size_t piece,
                     char *message, size_t size, int *line, int *column)
{
    YamlLines lines;
    yaml_lines_init(&lines, error);
    for (size_t at = 0; at < len;) {
        size_t n = piece && len - at > piece ? piece : len - at;
        if (!yaml_lines_feed(&lines, text + at, n))
            break;
        at += n;
    }
    yaml_lines_feed(&lines, NULL, 0);
    yaml_hint_message(error, &lines, message, size, line, column);
    yaml_lines_free(&lines);
}

typedef struct HintCase {
    const char *body; /* after the four header lines; %s is a line end */
    YamlSyntaxError error;
    int line, column; /* where the message points */
    const char *message;
} HintCase;

/* What libyaml reports for each mistake (its marks as the loader passes
 * them, 1-based), and what the author is told. */
static const HintCase cases[] = {
    {"  - id: a%s    prompt: Is this: a test?%s",
     {"mapping values are not allowed in this context", NULL, 6, 20, 0, 0},
     6,
     20,
     "YAML syntax: put the text in quotes, since YAML reads ': ' in it as a key: prompt: \"Is "
     "this: a test?\" (libyaml: mapping values are not allowed in this context)"},
    {"  - id: a%s    prompt: Why? \"quoted\": no%s",
     {"mapping values are not allowed in this context", NULL, 6, 26, 0, 0},
     6,
     26,
     "YAML syntax: put the text in quotes, since YAML reads ': ' in it as a key: prompt: \"Why? "
     "\\\"quoted\\\": no\" (libyaml: mapping values are not allowed in this context)"},
    {"  - id: a%s    prompt: \"Why%s    answer: true%s",
     {"found unexpected end of stream", "while scanning a quoted scalar", 8, 1, 6, 13},
     6,
     13,
     "YAML syntax: this quote is never closed: add the closing \" where the text ends (libyaml: "
     "found unexpected end of stream at line 8, column 1, while scanning a quoted scalar that "
     "starts on line 6)"},
    {"  - id: a%s    prompt: 'Why%s",
     {"found unexpected end of stream", "while scanning a quoted scalar", 7, 1, 6, 13},
     6,
     13,
     "YAML syntax: this quote is never closed: add the closing ' where the text ends (libyaml: "
     "found unexpected end of stream at line 7, column 1, while scanning a quoted scalar that "
     "starts on line 6)"},
    {"  - id: a%s    prompt: \"Why%s    answer: true%s    explain: \"Because\"%s",
     {"did not find expected key", "while parsing a block mapping", 8, 15, 5, 5},
     6,
     13,
     "YAML syntax: this quote is not closed on its line, so YAML reads on to the next \", on "
     "line 8: add the closing \" where the text ends (libyaml: did not find expected key at "
     "line 8, column 15, while parsing a block mapping that starts on line 5)"},
    {"  - id: a%s\t  type: truefalse%s",
     {"found character that cannot start any token", "while scanning for the next token", 6, 1, 6,
      1},
     6,
     1,
     "YAML syntax: tabs cannot indent YAML; use spaces (libyaml: found character that cannot "
     "start any token, while scanning for the next token that starts on line 6)"},
    {"  - id: a%s  \ttype: truefalse%s",
     {"found a tab character that violates indentation", "while scanning a plain scalar", 6, 3, 5,
      9},
     6,
     3,
     "YAML syntax: tabs cannot indent YAML; use spaces (libyaml: found a tab character that "
     "violates indentation, while scanning a plain scalar that starts on line 5)"},
    {"  - id: a%s choices: [a, b]%s",
     {"did not find expected key", "while parsing a block mapping", 6, 2, 1, 1},
     6,
     2,
     "YAML syntax: this line is indented differently from the ones above it: it starts in "
     "column 2, line 5 in column 5 (libyaml: did not find expected key, while parsing a block "
     "mapping that starts on line 1)"},
    {"  - id: a%s%s    # a comment%s      type: truefalse%s",
     {"mapping values are not allowed in this context", NULL, 8, 11, 0, 0},
     8,
     7,
     "YAML syntax: this line is indented differently from the ones above it: it starts in "
     "column 7, line 5 in column 5 (libyaml: mapping values are not allowed in this context at "
     "line 8, column 11)"},
    {"  - id: a%s    choices:%s      - a%s     - b%s",
     {"did not find expected key", "while parsing a block mapping", 8, 6, 5, 5},
     8,
     6,
     "YAML syntax: this line is indented differently from the ones above it: it starts in "
     "column 6, line 7 in column 7 (libyaml: did not find expected key, while parsing a block "
     "mapping that starts on line 5)"},
    {"  - id: a%s    choices: [a, b%s    answer: a%s",
     {"did not find expected ',' or ']'", "while parsing a flow sequence", 7, 11, 6, 14},
     6,
     14,
     "YAML syntax: this '[' is never closed: add ']' after the last entry (libyaml: did not "
     "find expected ',' or ']' at line 7, column 11, while parsing a flow sequence that starts "
     "on line 6)"},
    {"  - {id: a, type: truefalse%s  - id: b%s",
     {"did not find expected ',' or '}'", "while parsing a flow mapping", 6, 7, 5, 5},
     5,
     5,
     "YAML syntax: this '{' is never closed: add '}' after the last entry (libyaml: did not "
     "find expected ',' or '}' at line 6, column 7, while parsing a flow mapping that starts "
     "on line 5)"},
    /* No hint: libyaml's words, as they always were. A closed bracket
     * with something wrong inside it; a plain value after a quoted one;
     * a line indented like the one above. */
    {"  - id: a%s    choices: [a, \"b\" c]%s",
     {"did not find expected ',' or ']'", "while parsing a flow sequence", 6, 22, 6, 14},
     6,
     22,
     "YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence that starts "
     "on line 6)"},
    {"  - id: a%s    prompt: \"P\" is%s",
     {"did not find expected key", "while parsing a block mapping", 6, 17, 5, 5},
     6,
     17,
     "YAML syntax: did not find expected key (while parsing a block mapping that starts on "
     "line 5)"},
    {"  - id: a%s    explain: x%s",
     {"found unknown escape character", "while parsing a quoted scalar", 6, 14, 6, 14},
     6,
     14,
     "YAML syntax: found unknown escape character (while parsing a quoted scalar that starts "
     "on line 6)"},
};

static void test_hints_whatever_the_line_ends_and_reads(void **state)
{
    (void)state;
    static const char *const ends[] = {"\n", "\r\n", "\r", "\xE2\x80\xA8", "\xC2\x85"};
    static const size_t pieces[] = {0, 1, 2, 3, 7};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
            const char *end = ends[e];
            char body[512], text[1024];
            snprintf(body, sizeof body, cases[c].body, end, end, end, end);
            /* A byte order mark takes no column (libyaml drops it). */
            int n = snprintf(text, sizeof text,
                             "\xEF\xBB\xBF"
                             "format: 1%sid: h%stitle: H%squestions:%s%s",
                             end, end, end, end, body);
            for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
                char message[1024];
                int line, column;
                hint_for(&cases[c].error, text, (size_t)n, pieces[p], message, sizeof message,
                         &line, &column);
                bool ok = line == cases[c].line && column == cases[c].column &&
                          strcmp(message, cases[c].message) == 0;
                if (!ok)
                    print_message("case %zu, end %zu, pieces of %zu: %d:%d: %s\n", c, e, pieces[p],
                                  line, column, message);
                assert_true(ok);
            }
        }
    }
}

/* The Arabic of a line is quoted whole; a line that ends in half a
 * character (libyaml stopped before the loader would have said so) is not
 * quoted at all; a very long line is cut in what is kept, never overrun. */
static void test_quoted_lines_are_text(void **state)
{
    (void)state;
    const YamlSyntaxError colon = {
        "mapping values are not allowed in this context", NULL, 1, 18, 0, 0};
    char message[1024];
    int line, column;
    const char *arabic = "    prompt: \xD9\x85\xD8\xA7 \xD8\xB0\xD8\xA7: \xD8\x9F\n";
    hint_for(&colon, arabic, strlen(arabic), 1, message, sizeof message, &line, &column);
    assert_string_equal(message, "YAML syntax: put the text in quotes, since YAML reads ': ' in "
                                 "it as a key: prompt: \"\xD9\x85\xD8\xA7 \xD8\xB0\xD8\xA7: "
                                 "\xD8\x9F\" (libyaml: mapping values are not allowed in this "
                                 "context)");

    const YamlSyntaxError half = {
        "mapping values are not allowed in this context", NULL, 1, 9, 0, 0};
    const char *cut = "ect: 2:1: a(pack must\xDB";
    hint_for(&half, cut, strlen(cut), 0, message, sizeof message, &line, &column);
    assert_string_equal(message, "YAML syntax: put the text in quotes, since YAML reads ': ' in "
                                 "it as a key (libyaml: mapping values are not allowed in this "
                                 "context)");

    char long_line[3 * YAML_LINE_KEPT];
    memset(long_line, 'x', sizeof long_line);
    memcpy(long_line, "a: b: ", 6);
    const YamlSyntaxError far = {
        "mapping values are not allowed in this context", NULL, 1, 5, 0, 0};
    hint_for(&far, long_line, sizeof long_line, 100, message, sizeof message, &line, &column);
    assert_true(strstr(message, "a: \"b: xxx") != NULL);
    assert_true(strstr(message, "...\"") != NULL); /* the quote is cut, the message whole */
    assert_int_equal(text_utf8_string(message, strlen(message) + 1), strlen(message));
}

/* With no lines to look at (the file could not be read again), only what
 * libyaml's own marks tell: where an unclosed quote opened. */
static void test_without_the_lines(void **state)
{
    (void)state;
    char message[512];
    int line, column;
    const YamlSyntaxError quote = {
        "found unexpected end of stream", "while scanning a quoted scalar", 40, 1, 12, 9};
    assert_true(yaml_hint_message(&quote, NULL, message, sizeof message, &line, &column));
    assert_int_equal(line, 12);
    assert_int_equal(column, 9);
    assert_true(strncmp(message, "YAML syntax: this quote is never closed", 39) == 0);
    const YamlSyntaxError key = {
        "did not find expected key", "while parsing a block mapping", 9, 2, 3, 1};
    assert_false(yaml_hint_message(&key, NULL, message, sizeof message, &line, &column));
    assert_int_equal(line, 9);
    assert_int_equal(column, 2);
    assert_string_equal(message, "YAML syntax: did not find expected key (while parsing a block "
                                 "mapping that starts on line 3)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hints_whatever_the_line_ends_and_reads),
        cmocka_unit_test(test_quoted_lines_are_text),
        cmocka_unit_test(test_without_the_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
