/* strutil.c - shared C string helpers (strutil.h).
 *
 * UTF-8 here is strict (no overlong forms, no surrogates, nothing past
 * U+10FFFF), the same rules the pack loader checks its input with, so a
 * byte the loader would refuse is escaped here as a byte, never shown as
 * part of a character.
 */
#include "strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool copy_whole(char *dst, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (n >= size)
        return false;
    memcpy(dst, text, n + 1);
    return true;
}

char *dup_string(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, text, n);
    return copy;
}

/* Bytes of the valid UTF-8 character at `s` (1 to 4), its code point in
 * *cp; 0 when `s` does not start one. `s` is NUL-terminated, and NUL is never
 * a continuation byte, so this never reads past the terminator. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* The characters that reorder the text around them on a terminal. */
static bool is_bidi_control(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static bool must_escape(uint32_t cp, TextEscapeStyle style)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (style == TEXT_ESCAPE_C && is_bidi_control(cp));
}

size_t text_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* How the character (or the lone byte) at `s` is shown: its form goes into
 * `out` (at most 8 bytes), its length into *out_len. Returns how many bytes
 * of `s` it stands for. */
static size_t escape_unit(const unsigned char *s, TextEscapeStyle style, char out[8],
                          size_t *out_len)
{
    uint32_t cp;
    size_t n = utf8_decode(s, &cp);
    if (n == 0) { /* a byte that is not UTF-8 */
        if (style == TEXT_ESCAPE_C)
            *out_len = (size_t)snprintf(out, 8, "\\x%02x", s[0]);
        else
            *out_len = text_utf8_encode(0xFFFD, out);
        return 1;
    }
    if (!must_escape(cp, style)) {
        memcpy(out, s, n);
        *out_len = n;
        return n;
    }
    if (style == TEXT_ESCAPE_C) {
        const char *named = cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : cp == '\r' ? "\\r" : NULL;
        if (named)
            *out_len = (size_t)snprintf(out, 8, "%s", named);
        else if (cp < 0x80)
            *out_len = (size_t)snprintf(out, 8, "\\x%02x", (unsigned)cp);
        else
            *out_len = (size_t)snprintf(out, 8, "\\u%04x", (unsigned)cp);
        return n;
    }
    uint32_t shown = cp < 0x20 ? 0x2400 + cp : cp == 0x7F ? 0x2421 : cp >= 0x2028 ? 0x2424 : 0xFFFD;
    *out_len = text_utf8_encode(shown, out);
    return n;
}

size_t text_escape_controls(char *dst, size_t size, const char *src, TextEscapeStyle style)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t total = 0, written = 0;
    bool full = size == 0;
    while (*s) {
        char unit[8];
        size_t len, used;
        if (*s >= 0x20 && *s < 0x7F) { /* printable ASCII: the common case */
            unit[0] = (char)*s;
            len = used = 1;
        } else {
            used = escape_unit(s, style, unit, &len);
        }
        /* Whole units only, and none after the first that did not fit, so
         * the result is always a prefix of the whole. */
        if (!full && written + len < size) {
            memcpy(dst + written, unit, len);
            written += len;
        } else {
            full = true;
        }
        total += len;
        s += used;
    }
    if (size > 0)
        dst[written] = '\0';
    return total;
}

/* Bytes of the last unit (a character, or a byte that is not UTF-8) of the
 * first n bytes of s: the unit text_escape_controls would end with. */
static size_t last_unit_length(const unsigned char *s, size_t n)
{
    size_t k = 1;
    while (k < 4 && k < n && (s[n - k] & 0xC0) == 0x80)
        k++;
    uint32_t cp;
    return utf8_decode(s + n - k, &cp) == k ? k : 1;
}

size_t text_escape_tail(char *dst, size_t size, const char *src, TextEscapeStyle style)
{
    if (size == 0)
        return 0;
    const unsigned char *s = (const unsigned char *)src;
    size_t start = strlen(src), width = 0;
    while (start > 0) {
        size_t k = last_unit_length(s, start), len;
        char unit[8];
        escape_unit(s + start - k, style, unit, &len);
        if (width + len > size - 1)
            break;
        width += len;
        start -= k;
    }
    text_escape_controls(dst, size, src + start, style);
    return strlen(dst);
}

/* Characters that show nothing by themselves (beyond ASCII white space). */
static bool is_invisible(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x0000, 0x001F},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x034F, 0x034F},
        {0x061C, 0x061C},   {0x115F, 0x1160},   {0x1680, 0x1680},   {0x17B4, 0x17B5},
        {0x180B, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x206F},
        {0x2800, 0x2800},   {0x3000, 0x3000},   {0x3164, 0x3164},   {0xFE00, 0xFE0F},
        {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF9, 0xFFFB},   {0x1BCA0, 0x1BCA3},
        {0x1D173, 0x1D17A}, {0xE0000, 0xE007F}, {0xE0100, 0xE01EF},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

bool text_is_blank(const char *text, uint32_t *first_invisible)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t first = 0;
    bool blank = true;
    while (*s && blank) {
        uint32_t cp;
        size_t n = utf8_decode(s, &cp);
        if (n == 0) {
            blank = false; /* not UTF-8: something shows (a replacement mark) */
        } else if (cp == ' ' || (cp >= '\t' && cp <= '\r')) {
            /* ASCII white space: what the plain "is empty" message covers */
        } else if (is_invisible(cp)) {
            if (!first)
                first = cp;
        } else {
            blank = false;
        }
        s += n ? n : 1;
    }
    if (first_invisible)
        *first_invisible = blank ? first : 0;
    return blank;
}

size_t text_utf8_string(const char *text, size_t room)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + room;
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    while (s < end) {
        /* Eight ASCII bytes at a time, none of them NUL (w - 0x01.. borrows
         * from a zero byte), which is most text. */
        while (end - s >= 8) {
            uint64_t w;
            memcpy(&w, s, sizeof w);
            if ((w & high) || ((w - ones) & ~w & high))
                break;
            s += 8;
        }
        if (s == end)
            break;
        if (*s == '\0')
            return (size_t)((const char *)s - text);
        if (*s < 0x80) {
            s++;
            continue;
        }
        /* utf8_decode reads up to four bytes: only where they are all there. */
        unsigned char c[4] = {0};
        size_t have = (size_t)(end - s) < 4 ? (size_t)(end - s) : 4;
        memcpy(c, s, have);
        uint32_t cp;
        size_t n = utf8_decode(c, &cp);
        if (n == 0 || n > have)
            return SIZE_MAX;
        s += n;
    }
    return SIZE_MAX; /* no NUL within room */
}

size_t text_char_boundary(const char *text, size_t cut)
{
    /* At most three steps back: a longer run of continuation bytes is not
     * UTF-8, and each of those bytes stands on its own. */
    for (int i = 0; i < 3 && cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80; i++)
        cut--;
    return cut;
}
