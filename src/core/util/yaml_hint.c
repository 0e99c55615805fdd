/* yaml_hint.c - what libyaml's syntax errors usually mean (yaml_hint.h).
 *
 * Two halves: collecting the few lines a hint looks at while the file's
 * bytes stream past (yaml_lines_*), and reading those lines the way an
 * author wrote them: indentation, the first `key:` of a line, quotes and
 * brackets and whether they close. Each hint is a small function that
 * either recognises its mistake and fills a Hint, or says no; they are
 * tried in a fixed order, most certain first. yaml_plain_message() is the
 * message without a hint, for formats that pin libyaml's words.
 */
#include "yaml_hint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strutil.h"

/* ----------------------------------------------------- collecting lines */

static void start_line(YamlLines *l)
{
    l->raw = 0;
    l->prev[0] = l->prev[1] = 0;
    l->wanted = (l->line >= l->from && l->line <= l->to) || l->line == l->extra;
    if (!l->wanted)
        return;
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 16;
        YamlLine *grown = realloc(l->lines, cap * sizeof *grown);
        if (!grown) {
            l->wanted = false;
            return;
        }
        l->lines = grown;
        l->capacity = cap;
    }
    l->lines[l->count++] = (YamlLine){.offset = l->storage_len, .number = l->line};
}

static void append(YamlLines *l, unsigned char c)
{
    l->raw++;
    if (!l->wanted || l->raw > YAML_LINE_KEPT)
        return;
    if (l->storage_len == l->storage_capacity) {
        size_t cap = l->storage_capacity ? l->storage_capacity * 2 : 1024;
        char *grown = realloc(l->storage, cap);
        if (!grown) {
            l->raw--; /* the line is cut here */
            return;
        }
        l->storage = grown;
        l->storage_capacity = cap;
    }
    l->storage[l->storage_len++] = (char)c;
    l->lines[l->count - 1].len++;
}

/* Takes back the first bytes of a multi-byte line break. */
static void take_back(YamlLines *l, size_t n)
{
    size_t kept_before = l->raw < YAML_LINE_KEPT ? l->raw : YAML_LINE_KEPT;
    l->raw -= n < l->raw ? n : l->raw;
    size_t kept = l->raw < YAML_LINE_KEPT ? l->raw : YAML_LINE_KEPT;
    if (l->wanted && l->count && kept < kept_before) {
        l->storage_len -= kept_before - kept;
        l->lines[l->count - 1].len = kept;
    }
}

static void end_line(YamlLines *l)
{
    if (l->wanted && l->line == 1 && l->count) {
        /* libyaml drops a byte order mark: it takes no column. */
        YamlLine *first = &l->lines[l->count - 1];
        if (first->len >= 3 && memcmp(l->storage + first->offset, "\xEF\xBB\xBF", 3) == 0) {
            first->offset += 3;
            first->len -= 3;
        }
    }
    int last = l->to > l->extra ? l->to : l->extra;
    if (l->line >= last) {
        l->done = true;
        return;
    }
    l->line++;
    start_line(l);
}

void yaml_lines_init(YamlLines *lines, const YamlSyntaxError *error)
{
    *lines = (YamlLines){0};
    lines->to = error->line;
    lines->from = error->line - YAML_LINES_BEFORE > 1 ? error->line - YAML_LINES_BEFORE : 1;
    lines->extra = error->context ? error->context_line : 0;
    lines->line = 1;
    start_line(lines);
}

bool yaml_lines_feed(YamlLines *l, const void *data, size_t len)
{
    if (l->done)
        return false;
    if (!data) { /* the end of the file ends its last line */
        end_line(l);
        l->done = true;
        return false;
    }
    const unsigned char *p = data;
    for (size_t i = 0; i < len && !l->done; i++) {
        unsigned char c = p[i];
        if (c == '\n' && l->after_cr) { /* CR LF is one break */
            l->after_cr = false;
            continue;
        }
        l->after_cr = c == '\r';
        if (c == '\n' || c == '\r') {
            end_line(l);
        } else if (c == 0x85 && l->prev[1] == 0xC2) { /* U+0085 */
            take_back(l, 1);
            end_line(l);
        } else if ((c == 0xA8 || c == 0xA9) && l->prev[1] == 0x80 && l->prev[0] == 0xE2) {
            take_back(l, 2); /* U+2028, U+2029 */
            end_line(l);
        } else {
            append(l, c);
            l->prev[0] = l->prev[1];
            l->prev[1] = c;
        }
    }
    return !l->done;
}

void yaml_lines_free(YamlLines *lines)
{
    free(lines->lines);
    free(lines->storage);
    *lines = (YamlLines){0};
}

/* ------------------------------------------------------ reading a line */

/* A line as the hints read it. */
typedef struct Text {
    const char *s;
    size_t len;
    int number;
} Text;

static bool find_line(const YamlLines *l, int number, Text *out)
{
    if (!l)
        return false;
    for (size_t i = 0; i < l->count; i++) {
        if (l->lines[i].number == number) {
            *out = (Text){l->storage + l->lines[i].offset, l->lines[i].len, number};
            return true;
        }
    }
    return false;
}

/* The byte offset of 1-based character column `column` (len when past the end). */
static size_t column_offset(const Text *t, int column)
{
    size_t i = 0;
    for (int c = 1; c < column && i < t->len; c++) {
        i++;
        while (i < t->len && ((unsigned char)t->s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* The 1-based character column of byte offset `offset`. */
static int offset_column(const Text *t, size_t offset)
{
    int column = 1;
    for (size_t i = 0; i < offset && i < t->len; i++)
        column += ((unsigned char)t->s[i] & 0xC0) != 0x80;
    return column;
}

/* Bytes of white space (spaces and tabs) the line starts with. */
static size_t indent_of(const Text *t)
{
    size_t i = 0;
    while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
        i++;
    return i;
}

static bool is_content(const Text *t)
{
    size_t i = indent_of(t);
    return i < t->len && t->s[i] != '#';
}

/* Where the line's first key (or value) starts: past the indentation and
 * every "- " that opens a list entry. */
static size_t key_offset(const Text *t)
{
    size_t i = indent_of(t);
    while (i + 1 < t->len && t->s[i] == '-' && (t->s[i + 1] == ' ' || t->s[i + 1] == '\t')) {
        i += 2;
        while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t'))
            i++;
    }
    return i;
}

/* Past the quoted scalar that starts at s[i] (a quote): the byte after its
 * closing quote, or t->len when it does not close on this line. */
static size_t skip_quoted(const Text *t, size_t i, bool *closed)
{
    char q = t->s[i++];
    while (i < t->len) {
        if (q == '"' && t->s[i] == '\\') {
            i += 2;
        } else if (t->s[i] == q) {
            if (q == '\'' && i + 1 < t->len && t->s[i + 1] == '\'') {
                i += 2; /* '' is a quote inside single quotes */
            } else {
                *closed = true;
                return i + 1;
            }
        } else {
            i++;
        }
    }
    *closed = false;
    return t->len;
}

/* True when a scalar may start at s[i]: a quote there opens a quoted
 * scalar (elsewhere, as in `it's`, it is just a character). */
static bool scalar_may_start(const Text *t, size_t i)
{
    size_t j = i;
    while (j > 0 && (t->s[j - 1] == ' ' || t->s[j - 1] == '\t'))
        j--;
    if (j == 0)
        return true;
    char before = t->s[j - 1];
    return (j < i && (before == ':' || before == '-')) || before == '[' || before == '{' ||
           before == ',';
}

/* The offset of the line's first `:` that ends a key (followed by a space,
 * a tab or the end of the line), outside quotes; t->len when none. */
static size_t first_key_colon(const Text *t)
{
    for (size_t i = key_offset(t); i < t->len;) {
        char c = t->s[i];
        if ((c == '"' || c == '\'') && scalar_may_start(t, i)) {
            bool closed;
            i = skip_quoted(t, i, &closed);
        } else if (c == ':' && (i + 1 == t->len || t->s[i + 1] == ' ' || t->s[i + 1] == '\t')) {
            return i;
        } else if (c == '#' && i > 0 && (t->s[i - 1] == ' ' || t->s[i - 1] == '\t')) {
            return t->len; /* a comment */
        } else {
            i++;
        }
    }
    return t->len;
}

/* ---------------------------------------------------------------- hints */

typedef struct Hint {
    char text[512];
    int line, column; /* where the message points */
} Hint;

static bool starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A tab where indentation is read: in the line's leading white space, or
 * right where libyaml stopped. */
static bool hint_tab(const YamlSyntaxError *e, const Text *t, Hint *h)
{
    size_t at = column_offset(t, e->column), indent = indent_of(t);
    const char *tab = memchr(t->s, '\t', indent);
    if (!tab && at < t->len && t->s[at] == '\t')
        tab = t->s + at;
    if (!tab && !strstr(e->problem, "tab character"))
        return false;
    snprintf(h->text, sizeof h->text, "tabs cannot indent YAML; use spaces");
    h->line = t->number;
    h->column = tab ? offset_column(t, (size_t)(tab - t->s)) : e->column;
    return true;
}

/* Copies s[0..n) into out as text inside double quotes would be written,
 * cut on a character boundary to fit; returns false when it had to cut. */
static bool quote_into(char *out, size_t size, const char *s, size_t n)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        bool escape = s[i] == '"' || s[i] == '\\';
        if (used + (escape ? 2 : 1) + 4 > size) { /* room for "...\0" */
            /* Not in the middle of a character: its bytes are never escaped. */
            for (size_t j = i; j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80; j--)
                used--;
            memcpy(out + used, "...", 4);
            return false;
        }
        if (escape)
            out[used++] = '\\';
        out[used++] = s[i];
    }
    out[used] = '\0';
    return true;
}

/* `key: text: more`: the value holds ": ", which YAML reads as a second
 * key. The hint rewrites the line with the text in quotes. */
static bool hint_colon_in_text(const YamlSyntaxError *e, const Text *t, Hint *h)
{
    if (!starts_with(e->problem, "mapping values are not allowed"))
        return false;
    size_t at = column_offset(t, e->column), colon = first_key_colon(t);
    if (colon >= at)
        return false; /* the line's first key: an indentation mistake, if any */
    size_t start = indent_of(t), value = colon + 1;
    while (value < t->len && (t->s[value] == ' ' || t->s[value] == '\t'))
        value++;
    size_t end = t->len;
    for (size_t i = value; i + 1 < end; i++)
        if ((t->s[i] == ' ' || t->s[i] == '\t') && t->s[i + 1] == '#')
            end = i; /* a comment is not part of the text */
    while (end > value && (t->s[end - 1] == ' ' || t->s[end - 1] == '\t'))
        end--;
    h->line = e->line;
    h->column = e->column;
    static const char plain[] = "put the text in quotes, since YAML reads ': ' in it as a key";
    if (end == value || t->s[value] == '"' || t->s[value] == '\'' || colon - start > 80) {
        snprintf(h->text, sizeof h->text, "%s", plain);
        return true;
    }
    char quoted[64];
    quote_into(quoted, sizeof quoted, t->s + value, end - value);
    snprintf(h->text, sizeof h->text, "%s: %.*s: \"%s\"", plain, (int)(colon - start), t->s + start,
             quoted);
    /* The line is quoted back only when it is text: libyaml may stop
     * before a byte that is not UTF-8 would have been reported. */
    if (text_utf8_string(h->text, strlen(h->text) + 1) == SIZE_MAX)
        snprintf(h->text, sizeof h->text, "%s", plain);
    return true;
}

/* The first line above `number` with something on it (not blank, not only
 * a comment), among the lines collected. */
static bool line_above(const YamlLines *l, int number, Text *out)
{
    for (int n = number - 1; n >= 1 && n >= number - YAML_LINES_BEFORE; n--)
        if (find_line(l, n, out) && is_content(out))
            return true;
    return false;
}

/* A line whose key starts in another column than the keys above it. */
static bool hint_indentation(const YamlSyntaxError *e, const YamlLines *l, const Text *t, Hint *h)
{
    static const char *const problems[] = {
        "did not find expected key",
        "did not find expected '-' indicator",
        "mapping values are not allowed",
        "block sequence entries are not allowed",
    };
    bool known = false;
    for (size_t i = 0; i < sizeof problems / sizeof problems[0]; i++)
        known |= starts_with(e->problem, problems[i]);
    Text above;
    if (!known || !is_content(t) || !line_above(l, t->number, &above))
        return false;
    size_t indent = indent_of(t);
    /* libyaml stopped at the line's start, or at its first key's colon:
     * the line as a whole is out of place, not something inside it. */
    size_t at = column_offset(t, e->column);
    if (at != indent && !(at < t->len && t->s[at] == ':' && at == first_key_colon(t)))
        return false;
    bool entry = t->s[indent] == '-';
    size_t above_indent = indent_of(&above);
    /* A list entry lines up with the entries above it; a key with the
     * keys above it, which follow a "- " when the line above opens an
     * entry. */
    size_t expected = entry && above.s[above_indent] == '-' ? above_indent : key_offset(&above);
    int here = offset_column(t, indent), there = offset_column(&above, expected);
    if (here == there)
        return false;
    snprintf(h->text, sizeof h->text,
             "this line is indented differently from the ones above it: it starts in column %d, "
             "line %d in column %d",
             here, above.number, there);
    h->line = t->number;
    h->column = here;
    return true;
}

/* The quote libyaml was still reading when the file ended. */
static bool hint_unclosed_quote(const YamlSyntaxError *e, const YamlLines *l, Hint *h)
{
    if (!starts_with(e->context, "while scanning a quoted scalar") ||
        !(starts_with(e->problem, "found unexpected end of stream") ||
          starts_with(e->problem, "found unexpected document indicator")))
        return false;
    Text open;
    char q = '"';
    if (find_line(l, e->context_line, &open)) {
        size_t at = column_offset(&open, e->context_column);
        if (at < open.len && open.s[at] == '\'')
            q = '\'';
    }
    snprintf(h->text, sizeof h->text,
             "this quote is never closed: add the closing %c where the "
             "text ends",
             q);
    h->line = e->context_line;
    h->column = e->context_column;
    return true;
}

/* A quote left open on its line and closed by the next quote of the file,
 * lines below, where libyaml then stumbles: `prompt: "Why` ... `explain:
 * "Because"`. Points at the quote that was meant to close on its line. */
static bool hint_quote_runs_on(const YamlSyntaxError *e, const YamlLines *l, const Text *t, Hint *h)
{
    size_t at = column_offset(t, e->column);
    for (int n = t->number - 1; n >= 1 && n >= t->number - YAML_LINES_BEFORE; n--) {
        Text above;
        if (!find_line(l, n, &above))
            return false;
        /* The quote that opens on `above` and is not closed there. */
        char q = 0;
        size_t open = 0;
        for (size_t i = key_offset(&above); i < above.len;) {
            char c = above.s[i];
            if ((c == '"' || c == '\'') && scalar_may_start(&above, i)) {
                bool closed;
                size_t next = skip_quoted(&above, i, &closed);
                if (!closed) {
                    q = c;
                    open = i;
                }
                i = next;
            } else if (c == '#' && i > 0 && above.s[i - 1] == ' ') {
                break;
            } else {
                i++;
            }
        }
        if (q) {
            /* Its closing quote is on the problem line, before the problem. */
            const char *close = memchr(t->s, q, at);
            if (!close)
                return false;
            snprintf(h->text, sizeof h->text,
                     "this quote is not closed on its line, so YAML reads on to the next %c, on "
                     "line %d: add the closing %c where the text ends",
                     q, t->number, q);
            h->line = n;
            h->column = offset_column(&above, open);
            return true;
        }
        if (memchr(above.s, '"', above.len) || memchr(above.s, '\'', above.len))
            return false; /* a quote in between: not this mistake */
    }
    return false;
}

/* A '[' or '{' that no ']' or '}' closes before the line libyaml stopped
 * on ends. Lines missing from the collection count as not closing it. */
static bool hint_unclosed_bracket(const YamlSyntaxError *e, const YamlLines *l, Hint *h)
{
    bool sequence = starts_with(e->context, "while parsing a flow sequence");
    bool mapping = starts_with(e->context, "while parsing a flow mapping");
    if ((!sequence && !mapping) || !starts_with(e->problem, "did not find expected ','") ||
        e->line <= e->context_line)
        return false;
    int depth = 0;
    for (int n = e->context_line; n <= e->line; n++) {
        Text t;
        if (!find_line(l, n, &t))
            continue;
        size_t i = n == e->context_line ? column_offset(&t, e->context_column) : 0;
        while (i < t.len) {
            char c = t.s[i];
            if ((c == '"' || c == '\'') && scalar_may_start(&t, i)) {
                bool closed;
                i = skip_quoted(&t, i, &closed);
                continue;
            }
            if (c == '[' || c == '{')
                depth++;
            else if ((c == ']' || c == '}') && --depth == 0)
                return false; /* closed after all: some other mistake */
            i++;
        }
    }
    char open = sequence ? '[' : '{', close = sequence ? ']' : '}';
    snprintf(h->text, sizeof h->text, "this '%c' is never closed: add '%c' after the last entry",
             open, close);
    h->line = e->context_line;
    h->column = e->context_column;
    return true;
}

static bool find_hint(const YamlSyntaxError *e, const YamlLines *l, Hint *h)
{
    Text t;
    bool have_line = find_line(l, e->line, &t);
    if (have_line && hint_tab(e, &t, h))
        return true;
    if (hint_unclosed_quote(e, l, h) || hint_unclosed_bracket(e, l, h))
        return true;
    if (!have_line)
        return false;
    return hint_colon_in_text(e, &t, h) || hint_quote_runs_on(e, l, &t, h) ||
           hint_indentation(e, l, &t, h);
}

void yaml_plain_message(const YamlSyntaxError *error, char *buf, size_t size)
{
    const char *problem = error->problem ? error->problem : "unknown problem";
    char context[300] = "";
    if (error->context)
        snprintf(context, sizeof context, " (%s that starts on line %d)", error->context,
                 error->context_line);
    snprintf(buf, size, "YAML syntax: %s%s", problem, context);
}

bool yaml_hint_message(const YamlSyntaxError *error, const YamlLines *lines, char *buf, size_t size,
                       int *line, int *column)
{
    const char *problem = error->problem ? error->problem : "unknown problem";
    YamlSyntaxError e = *error;
    e.problem = problem;
    Hint h = {.line = error->line, .column = error->column};
    bool hinted = find_hint(&e, lines, &h);
    *line = h.line;
    *column = h.column;
    if (!hinted) {
        yaml_plain_message(error, buf, size);
        return false;
    }
    char context[300] = "";
    char mark[80] = "";
    if (h.line != error->line || h.column != error->column)
        snprintf(mark, sizeof mark, " at line %d, column %d", error->line, error->column);
    if (error->context)
        snprintf(context, sizeof context, ", %s that starts on line %d", error->context,
                 error->context_line);
    snprintf(buf, size, "YAML syntax: %s (libyaml: %s%s%s)", h.text, problem, mark, context);
    return true;
}
