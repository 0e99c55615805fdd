/* fuzz_diag_format.c - libFuzzer target for what reaches a terminal or the
 * screen: text_escape_controls(), text_escape_tail() and diag_format_as()
 * over arbitrary bytes (any file name, any message, any buffer size).
 *
 * For any input, in both styles:
 *   - the output is valid UTF-8 with no control character (C0, DEL, C1)
 *     and, for the terminal, no bidirectional control: one line, no escape
 *     sequence;
 *   - the returned length is the whole result's, and a shorter buffer gets
 *     a prefix of it (escape) or a suffix of it (tail), never more than fits;
 *   - a formatted record that fits is exactly file, position, severity and
 *     message; one that does not still ends with its message when the
 *     message fits.
 * Input: a byte for the buffer size, then the file name up to the first
 * NUL, then the message. Build and run: tests/fuzz/run-fuzz.sh SECONDS BUILD
 * fuzz_diag_format. Read strutil.h and diag.h first.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_diag_format: invariant broken: %s\n", what);
        abort();
    }
}

/* Valid UTF-8 without C0, DEL or C1 controls; with `no_bidi`, without the
 * bidirectional controls either. */
static void fuzz_printable(const char *text, bool no_bidi)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        unsigned c = *s;
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        fuzz_check(c >= 0x20 && c != 0x7F, "a C0 control or DEL");
        fuzz_check(c < 0x80 || (c >= 0xC2 && c <= 0xF4), "not a UTF-8 lead byte");
        uint32_t cp = n == 1 ? c : c & (0x7Fu >> n);
        for (size_t i = 1; i < n; i++) {
            fuzz_check((s[i] & 0xC0) == 0x80, "a missing continuation byte");
            cp = (cp << 6) | (s[i] & 0x3Fu);
        }
        fuzz_check(!(cp >= 0x80 && cp <= 0x9F), "a C1 control");
        fuzz_check(cp != 0x2028 && cp != 0x2029, "a line or paragraph separator");
        fuzz_check(!no_bidi || !((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                                 cp == 0x200E || cp == 0x200F || cp == 0x061C),
                   "a bidirectional control on the terminal");
        s += n;
    }
}

static void fuzz_escape(const char *text, size_t small, TextEscapeStyle style)
{
    size_t full = text_escape_controls(NULL, 0, text, style);
    char *whole = malloc(full + 1);
    fuzz_check(whole != NULL, "out of memory");
    fuzz_check(text_escape_controls(whole, full + 1, text, style) == full, "length changes");
    fuzz_check(strlen(whole) == full, "the length returned is not the length written");
    fuzz_printable(whole, style == TEXT_ESCAPE_C);

    char *part = malloc(small + 1);
    fuzz_check(part != NULL, "out of memory");
    fuzz_check(text_escape_controls(part, small + 1, text, style) == full,
               "length depends on size");
    fuzz_check(strncmp(part, whole, strlen(part)) == 0, "a cut escape is not a prefix");
    fuzz_check(strlen(part) <= small, "escape wrote past its buffer");
    fuzz_printable(part, style == TEXT_ESCAPE_C);
    size_t tail = text_escape_tail(part, small + 1, text, style);
    fuzz_check(tail == strlen(part) && tail <= small, "tail length");
    fuzz_check(tail <= full && strcmp(whole + full - tail, part) == 0, "a tail is not a suffix");
    fuzz_printable(part, style == TEXT_ESCAPE_C);
    free(part);
    free(whole);
}

static void fuzz_format(const Diag *d, size_t small, TextEscapeStyle style)
{
    char line[256];
    size_t full = (size_t)diag_format_as(d, NULL, 0, style);
    size_t size = small + 1 < sizeof line ? small + 1 : sizeof line;
    diag_format_as(d, line, size, style);
    fuzz_check(strlen(line) < size, "diag_format wrote past its buffer");
    fuzz_printable(line, style == TEXT_ESCAPE_C);
    size_t message = text_escape_controls(NULL, 0, d->message, style);
    if (full < size) {
        fuzz_check(strlen(line) == full, "a line that fits is not whole");
    } else if (message + 30 < size) {
        char *m = malloc(message + 1);
        fuzz_check(m != NULL, "out of memory");
        text_escape_controls(m, message + 1, d->message, style);
        fuzz_check(strlen(line) >= message && strcmp(line + strlen(line) - message, m) == 0,
                   "a long file name hid the message");
        free(m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t small = data[0];
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0'; /* the file name ends at the first NUL */
    size_t file_len = strlen(text);
    const char *message = file_len + 1 < size - 1 ? text + file_len + 1 : "";
    for (int style = TEXT_ESCAPE_C; style <= TEXT_ESCAPE_VISIBLE; style++) {
        fuzz_escape(text, small, (TextEscapeStyle)style);
        fuzz_escape(message, small, (TextEscapeStyle)style);
        Diag d = {DIAG_ERROR, text, (int)small + 1, 1, (char *)message};
        fuzz_format(&d, small, (TextEscapeStyle)style);
    }
    /* The record path: what diag_add keeps is cut on a character. */
    DiagList list = {0};
    diag_add(&list, DIAG_WARNING, text, 1, 1, "%s", message);
    fuzz_check(list.count == 1 && strlen(list.items[0].message) <= DIAG_MAX_MESSAGE,
               "a kept message over DIAG_MAX_MESSAGE");
    diag_clear(&list);
    free(text);
    return 0;
}
