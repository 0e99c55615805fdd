/* import_text.c - source text made into pack text: HTML reduced to plain
 * text (Moodle writes question text as HTML), entities decoded, and white
 * space tidied so that a prompt reads the same on screen as in the source.
 *
 * Read import_internal.h first. Both passes are linear and never make the
 * text longer, so one buffer of the input's size is all they need.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "strutil.h"

static bool is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

bool import_ieq(const char *a, const char *b)
{
    while (*a && *b && ascii_lower(*a) == ascii_lower(*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

bool import_iprefix(const char *text, const char *prefix)
{
    while (*prefix && ascii_lower(*text) == ascii_lower(*prefix))
        text++, prefix++;
    return *prefix == '\0';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void import_trim(const char **s, size_t *n)
{
    while (*n && is_space(**s))
        (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

size_t import_split_bar(const char *text, ImportSpan *out, size_t max, bool *more)
{
    size_t n = 0;
    *more = false;
    const char *p = text;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        const char *t = p;
        import_trim(&t, &len);
        if (n == max) {
            *more = true;
            return n;
        }
        out[n++] = (ImportSpan){t, len};
        if (!bar)
            return n;
        p = bar + 1;
    }
}

/* ---- HTML ------------------------------------------------------------------ */

typedef struct NamedEntity {
    const char *name;
    uint32_t cp;
} NamedEntity;

/* The entities Moodle's editor and word processors actually write. */
static const NamedEntity named_entities[] = {
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},     {"nbsp", ' '},      {"ndash", 0x2013},  {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"laquo", 0x00AB},  {"raquo", 0x00BB},  {"copy", 0x00A9},
    {"reg", 0x00AE},    {"deg", 0x00B0},    {"times", 0x00D7},  {"divide", 0x00F7},
    {"plusmn", 0x00B1}, {"middot", 0x00B7}, {"eacute", 0x00E9}, {"egrave", 0x00E8},
    {"aacute", 0x00E1}, {"agrave", 0x00E0}, {"ccedil", 0x00E7}, {"ouml", 0x00F6},
    {"uuml", 0x00FC},   {"auml", 0x00E4},   {"szlig", 0x00DF},  {"ntilde", 0x00F1},
    {"euro", 0x20AC},   {"pound", 0x00A3},  {"frac12", 0x00BD}, {"sup2", 0x00B2},
};

/* Decodes the entity at s[0] == '&' (at most n bytes): writes its UTF-8 to
 * out and returns the bytes consumed, 0 when it is not one we know. */
static size_t decode_entity(const char *s, size_t n, char *out, size_t *written)
{
    size_t end = 1;
    while (end < n && end < 12 && s[end] != ';' && !is_space(s[end]) && s[end] != '&')
        end++;
    if (end >= n || s[end] != ';' || end < 2)
        return 0;
    uint32_t cp = 0;
    if (s[1] == '#') {
        bool hex = end > 2 && (s[2] == 'x' || s[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i >= end)
            return 0;
        for (; i < end; i++) {
            char c = s[i];
            uint32_t d;
            if (c >= '0' && c <= '9')
                d = (uint32_t)(c - '0');
            else if (hex && c >= 'a' && c <= 'f')
                d = (uint32_t)(c - 'a' + 10);
            else if (hex && c >= 'A' && c <= 'F')
                d = (uint32_t)(c - 'A' + 10);
            else
                return 0;
            cp = cp * (hex ? 16u : 10u) + d;
            if (cp > 0x10FFFF)
                return 0;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        if (cp < 0x20 || cp == 0x7F)
            cp = ' ';
    } else {
        size_t len = end - 1;
        bool found = false;
        for (size_t k = 0; k < sizeof named_entities / sizeof named_entities[0]; k++) {
            const char *name = named_entities[k].name;
            if (strlen(name) == len && memcmp(name, s + 1, len) == 0) {
                cp = named_entities[k].cp;
                found = true;
                break;
            }
        }
        if (!found)
            return 0;
    }
    *written = text_utf8_encode(cp, out);
    return end + 1;
}

/* Tags after which the text goes on on a new line. */
static bool is_block_tag(const char *name, size_t len)
{
    static const char *const blocks[] = {"br",         "p",  "div", "li", "ul", "ol", "tr",
                                         "table",      "h1", "h2",  "h3", "h4", "h5", "h6",
                                         "blockquote", "hr", "pre", "dd", "dt"};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strlen(blocks[i]) == len && strncmp(blocks[i], name, len) == 0)
            return true;
    return false;
}

/* Finds `needle` (ASCII, lower case) case-insensitively in s[from..n). */
static size_t find_ci(const char *s, size_t n, size_t from, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = from; i + m <= n; i++) {
        size_t k = 0;
        while (k < m && ascii_lower(s[i + k]) == needle[k])
            k++;
        if (k == m)
            return i;
    }
    return n;
}

/* HTML to text with hard breaks; returns the length written to out (out has
 * room for n bytes: nothing here grows the text). */
static size_t html_reduce(const char *s, size_t n, char *out, bool *had_image)
{
    size_t o = 0;
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '<' && i + 1 < n &&
            (is_ascii_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
                size_t end = find_ci(s, n, i + 4, "-->");
                i = end < n ? end + 3 : n;
                continue;
            }
            size_t close = i + 1;
            while (close < n && s[close] != '>')
                close++;
            if (close >= n) { /* a lone '<' is text */
                out[o++] = c;
                i++;
                continue;
            }
            size_t p = i + 1;
            if (s[p] == '/')
                p++;
            size_t name_start = p;
            char name[12];
            size_t len = 0;
            while (p < close && (is_ascii_alpha(s[p]) || (s[p] >= '0' && s[p] <= '9'))) {
                if (len < sizeof name - 1)
                    name[len++] = ascii_lower(s[p]);
                p++;
            }
            name[len] = '\0';
            (void)name_start;
            i = close + 1;
            if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
                if (s[name_start - 1] != '/') {
                    size_t end =
                        find_ci(s, n, i, strcmp(name, "script") == 0 ? "</script" : "</style");
                    size_t gt = end;
                    while (gt < n && s[gt] != '>')
                        gt++;
                    i = gt < n ? gt + 1 : n;
                }
            } else if (strcmp(name, "img") == 0) {
                if (had_image)
                    *had_image = true;
            } else if (is_block_tag(name, len)) {
                out[o++] = IMPORT_HARD_BREAK;
            }
            continue;
        }
        if (c == '&') {
            char buf[4];
            size_t w = 0;
            size_t used = decode_entity(s + i, n - i, buf, &w);
            if (used) {
                memcpy(out + o, buf, w);
                o += w;
                i += used;
                continue;
            }
        }
        out[o++] = c;
        i++;
    }
    return o;
}

bool import_looks_html(const char *text, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++) {
        if (text[i] == '<') {
            size_t p = i + 1;
            if (text[p] == '/')
                p++;
            size_t start = p;
            while (p < n && is_ascii_alpha(text[p]))
                p++;
            if (p > start && p < n && (text[p] == '>' || text[p] == ' ' || text[p] == '/'))
                return true;
        } else if (text[i] == '&') {
            char buf[4];
            size_t w;
            if (decode_entity(text + i, n - i, buf, &w))
                return true;
        }
    }
    return false;
}

/* White space tidied: see import_clean. Returns the length written. */
static size_t tidy_space(const char *s, size_t n, bool keep_lines, char *out)
{
    size_t o = 0;
    bool space = false;
    int breaks = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (c == '\n' || c == '\r' || c == IMPORT_HARD_BREAK) {
            if (c == IMPORT_HARD_BREAK || keep_lines) {
                if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                    continue; /* one break for \r\n */
                breaks++;
            } else {
                space = true;
            }
            continue;
        }
        if (o > 0) {
            if (breaks) {
                int k = breaks > 2 ? 2 : breaks;
                for (int j = 0; j < k; j++)
                    out[o++] = '\n';
            } else if (space) {
                out[o++] = ' ';
            }
        }
        breaks = 0;
        space = false;
        out[o++] = c;
    }
    return o;
}

const char *import_clean(ImportSource *src, const char *text, size_t n, unsigned flags,
                         bool *had_image)
{
    if (n > IMPORT_MAX_FIELD) {
        n = IMPORT_MAX_FIELD; /* the checker reports anything this long anyway */
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--; /* never cut inside a character */
    }
    if (n == 0)
        return "";
    char *work = malloc(2 * n);
    if (!work)
        return import_copy(src, "", 0);
    const char *in = text;
    size_t len = n;
    if (flags & IMPORT_TEXT_HTML) {
        len = html_reduce(text, n, work, had_image);
        in = work;
    }
    char *tidy = work + n;
    size_t m = tidy_space(in, len, (flags & IMPORT_TEXT_KEEP_LINES) != 0, tidy);
    const char *kept = import_copy(src, tidy, m);
    free(work);
    return kept;
}
