/* test_diag.c - what reaches a terminal or the screen from a message: the
 * escaping of control characters (strutil.h), the cutting of long messages
 * and long paths (diag.h), and which records a full list keeps.
 *
 * Pack text and file names come from other people: a newline or an escape
 * sequence in them must never print a line quizdeck did not write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "strutil.h"

/* True when `s` is strict UTF-8 with no control character (C0, DEL, C1):
 * what every formatted line must be. */
static bool printable_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p, n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xC2) || c > 0xF4)
            return false;
        uint32_t cp = n == 1 ? c : c & (0xFFu >> (n + 1));
        for (unsigned i = 1; i < n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if (cp >= 0x80 && cp <= 0x9F)
            return false;
        p += n;
    }
    return true;
}

typedef struct EscapeCase {
    const char *in, *terminal, *screen;
} EscapeCase;

static void test_control_characters_are_escaped(void **state)
{
    (void)state;
    static const EscapeCase cases[] = {
        {"plain text", "plain text", "plain text"},
        {"a\nb", "a\\nb",
         "a\xE2\x90\x8A"
         "b"},                                                  /* LF: symbol for line feed */
        {"\x1b[31mred", "\\x1b[31mred", "\xE2\x90\x9B[31mred"}, /* ESC */
        {"tab\there\r", "tab\\there\\r", "tab\xE2\x90\x89here\xE2\x90\x8D"},
        {"del\x7f", "del\\x7f", "del\xE2\x90\xA1"},
        {"nel\xC2\x85", "nel\\u0085", "nel\xEF\xBF\xBD"},     /* a C1 control */
        {"ls\xE2\x80\xA8", "ls\\u2028", "ls\xE2\x90\xA4"},    /* line separator */
        {"rlo\xE2\x80\xAE", "rlo\\u202e", "rlo\xE2\x80\xAE"}, /* bidi: kept on screen */
        {"bad\xFF\xC3", "bad\\xff\\xc3", "bad\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xD8\xA7\xD9\x84 back\\slash", "\xD8\xA7\xD9\x84 back\\slash",
         "\xD8\xA7\xD9\x84 back\\slash"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        size_t n = text_escape_controls(out, sizeof out, cases[i].in, TEXT_ESCAPE_C);
        assert_string_equal(out, cases[i].terminal);
        assert_int_equal(n, strlen(cases[i].terminal));
        assert_true(printable_utf8(out));
        n = text_escape_controls(out, sizeof out, cases[i].in, TEXT_ESCAPE_VISIBLE);
        assert_string_equal(out, cases[i].screen);
        assert_int_equal(n, strlen(cases[i].screen));
        assert_true(printable_utf8(out));
    }
}

/* A short buffer gets whole characters and whole escapes, and the return
 * value tells the size the whole needs. */
static void test_escaping_never_cuts_a_character_or_an_escape(void **state)
{
    (void)state;
    char out[6];
    assert_int_equal(text_escape_controls(out, sizeof out,
                                          "abc\x1b"
                                          "d",
                                          TEXT_ESCAPE_C),
                     8);
    assert_string_equal(out, "abc"); /* "\x1b" does not fit after it */
    assert_int_equal(text_escape_controls(out, sizeof out, "ab\xD8\xA7\xD8\xA8", TEXT_ESCAPE_C), 6);
    assert_string_equal(out, "ab\xD8\xA7"); /* not half of the second letter */
    assert_int_equal(text_escape_controls(NULL, 0, "\n\n", TEXT_ESCAPE_VISIBLE), 6);
    /* The end of a name: what a shortened path keeps. */
    assert_int_equal(text_escape_tail(out, sizeof out, "folder/\x1b.yaml", TEXT_ESCAPE_C), 5);
    assert_string_equal(out, ".yaml");
    assert_int_equal(text_escape_tail(out, sizeof out, "xy\xD8\xA7z\n", TEXT_ESCAPE_C), 5);
    assert_string_equal(out, "\xD8\xA7z\\n");
}

/* A forged line in a quoted value or a file name stays on its own line. */
static void test_a_record_formats_as_one_line(void **state)
{
    (void)state;
    Diag d = {
        .severity = DIAG_ERROR,
        .file = "packs/new\nline\x1b[2J.yaml",
        .line = 5,
        .column = 19,
        .message = "unknown question type 'chioce\n/etc/x.yaml:1:1: error: FORGED LINE'",
    };
    char line[512];
    int n = diag_format(&d, line, sizeof line);
    assert_string_equal(line, "packs/new\\nline\\x1b[2J.yaml:5:19: error: unknown question type "
                              "'chioce\\n/etc/x.yaml:1:1: error: FORGED LINE'");
    assert_int_equal(n, (int)strlen(line));
    assert_int_equal(diag_format(&d, NULL, 0), n);
    diag_format_as(&d, line, sizeof line, TEXT_ESCAPE_VISIBLE);
    assert_null(strchr(line, '\n'));
    assert_true(printable_utf8(line));
    assert_non_null(strstr(line, "new\xE2\x90\x8Aline\xE2\x90\x9B[2J.yaml:5:19: error:"));
}

/* However long the path, the message is printed whole: the path gives way,
 * keeping the file's name. */
static void test_a_long_path_never_hides_the_message(void **state)
{
    (void)state;
    char path[1400] = "";
    while (strlen(path) + 20 < 1343)
        strcat(path, "/a-folder-\xD8\xA8\xD8\xA8");
    strcat(path, "/the-pack.yaml");
    Diag d = {DIAG_ERROR, path, 3, 5, "answer 'Jupitor' is not one of the choices"};
    char line[1024];
    int n = diag_format(&d, line, sizeof line);
    assert_true((size_t)n > sizeof line);
    assert_true(strlen(line) < sizeof line);
    assert_true(printable_utf8(line));
    assert_memory_equal(line, "...", 3);
    assert_non_null(
        strstr(line, "/the-pack.yaml:3:5: error: answer 'Jupitor' is not one of the choices"));
    /* Even a buffer too small for the message cuts on a character. */
    Diag arabic = {DIAG_WARNING, "p.yaml", 1, 1, "\xD8\xA7\xD8\xA7\xD8\xA7\xD8\xA7\xD8\xA7"};
    char tiny[32];
    diag_format(&arabic, tiny, sizeof tiny);
    assert_true(printable_utf8(tiny));
    assert_true(strlen(tiny) < sizeof tiny);
}

/* A message longer than DIAG_MAX_MESSAGE is cut between characters. */
static void test_a_long_message_is_cut_on_a_character(void **state)
{
    (void)state;
    size_t letters = DIAG_MAX_MESSAGE; /* two bytes each: twice the limit */
    char *text = malloc(letters * 2 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < letters; i++)
        memcpy(text + 2 * i, "\xD8\xA8", 2);
    text[letters * 2] = '\0';
    for (size_t skew = 0; skew < 2; skew++) {
        DiagList list = {0};
        diag_add(&list, DIAG_ERROR, "p.yaml", 1, 1, "%.*s%s", (int)skew, "x", text);
        assert_int_equal(list.count, 1);
        const char *m = list.items[0].message;
        assert_true(strlen(m) <= DIAG_MAX_MESSAGE);
        assert_true(printable_utf8(m));
        assert_string_equal(m + strlen(m) - 3, "...");
        diag_clear(&list);
    }
    free(text);
}

/* Past DIAG_MAX_ITEMS warnings are dropped first: a pack with 1,000
 * questions lacking `explain` still shows the error that stops it. */
static void test_a_full_list_keeps_errors_over_warnings(void **state)
{
    (void)state;
    DiagList list = {0};
    for (int i = 0; i < DIAG_MAX_ITEMS + 5; i++)
        diag_add(&list, DIAG_WARNING, "p.yaml", i + 1, 1, "no explain");
    assert_int_equal(list.count, DIAG_MAX_ITEMS);
    assert_true(list.truncated);
    assert_false(diag_would_keep(&list, DIAG_WARNING));
    assert_true(diag_would_keep(&list, DIAG_ERROR));
    diag_add(&list, DIAG_ERROR, "p.yaml", 2000, 3, "YAML syntax: the real problem");
    assert_int_equal(list.count, DIAG_MAX_ITEMS);
    assert_int_equal(list.error_count, 1);
    assert_int_equal(list.warning_count, DIAG_MAX_ITEMS + 5);
    bool found = false;
    for (size_t i = 0; i < list.count; i++)
        found |= list.items[i].severity == DIAG_ERROR &&
                 strcmp(list.items[i].message, "YAML syntax: the real problem") == 0;
    assert_true(found);
    /* Once only errors are kept, further ones are counted, not stored. */
    for (int i = 0; i < DIAG_MAX_ITEMS; i++)
        diag_add(&list, DIAG_ERROR, "p.yaml", 1, 1, "error %d", i);
    assert_false(diag_would_keep(&list, DIAG_ERROR));
    assert_int_equal(list.count, DIAG_MAX_ITEMS);
    assert_int_equal(list.error_count, DIAG_MAX_ITEMS + 1);
    assert_int_equal(list.warnings_kept, 0);
    diag_clear(&list);
}

typedef struct BlankCase {
    const char *text;
    bool blank;
    uint32_t first;
} BlankCase;

static void test_text_that_shows_nothing_is_blank(void **state)
{
    (void)state;
    static const BlankCase cases[] = {
        {"", true, 0},
        {"  \t\n", true, 0},
        {"\xC2\xA0", true, 0xA0},                   /* no-break space */
        {" \xE2\x80\x8B ", true, 0x200B},           /* zero width space */
        {"\xE3\x80\x80\xE3\x80\x80", true, 0x3000}, /* ideographic space */
        {"\xEF\xBB\xBF\xE2\x81\xA0", true, 0xFEFF}, /* BOM, word joiner */
        {"\xE3\x85\xA4", true, 0x3164},             /* Hangul filler */
        {"\x1b", true, 0x1B},
        {"\xE2\x80\x8B"
         "a",
         false, 0},
        {"\xD8\xA7", false, 0},
        {"-", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t first = 99;
        if (text_is_blank(cases[i].text, &first) != cases[i].blank)
            fail_msg("case %zu", i);
        assert_int_equal(first, cases[i].first);
    }
    assert_int_equal(text_char_boundary("a\xD8\xA7", 2), 1);
    assert_int_equal(text_char_boundary("a\xD8\xA7", 3), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_control_characters_are_escaped),
        cmocka_unit_test(test_escaping_never_cuts_a_character_or_an_escape),
        cmocka_unit_test(test_a_record_formats_as_one_line),
        cmocka_unit_test(test_a_long_path_never_hides_the_message),
        cmocka_unit_test(test_a_long_message_is_cut_on_a_character),
        cmocka_unit_test(test_a_full_list_keeps_errors_over_warnings),
        cmocka_unit_test(test_text_that_shows_nothing_is_blank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
