/* yaml_values.c - the checks of values read through the cursor
 * (yaml_cursor.h): text, whole numbers, numbers, booleans, ids, words from
 * a list; the messages for unknown and repeated keys with their bounded
 * "did you mean"; excerpts of user text; the sort of a file's messages.
 *
 * Each check reports what is wrong at the value's position, marks it bad so
 * that later checks stay silent, and returns false. Read yaml_cursor.h
 * first.
 */
#include "yaml_cursor.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strutil.h"

/* -------------------------------------------------------------- messages */

const char *yc_excerpt(const char *text, char *buf, size_t size)
{
    size_t n = strlen(text);
    if (n < size) {
        memcpy(buf, text, n + 1);
        return buf;
    }
    size_t cut = text_char_boundary(text, size - 4); /* room for "..." and NUL */
    memcpy(buf, text, cut);
    memcpy(buf + cut, "...", 4);
    return buf;
}

/* Stable insertion sort: bounded by DIAG_MAX_ITEMS. */
void yc_sort_diags(DiagList *diags, size_t first)
{
    if (diags->count < first + 2)
        return; /* also: items may still be NULL, and NULL + 0 is undefined */
    Diag *d = diags->items + first;
    size_t n = diags->count - first;
    for (size_t i = 1; i < n; i++) {
        Diag x = d[i];
        size_t j = i;
        while (j > 0 && (d[j - 1].line > x.line ||
                         (d[j - 1].line == x.line && d[j - 1].column > x.column))) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = x;
    }
}

/* ---------------------------------------------------------------- values */

bool yc_text(YcCursor *c, YcValue *v, const char *what, bool required)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != YC_NODE_SCALAR) {
        /* Text with ": " in it, unquoted, is read as a mapping. */
        bool hint = v->node == YC_NODE_MAPPING && c->format->quote_hint;
        yc_error(c, v->at, "'%s' must be text, not %s%s", what, yc_node_name(v->node),
                 hint ? " (put text with ': ' in it in quotes)" : "");
        v->bad = true;
        return false;
    }
    if (v->kind == YC_NULL) {
        if (required) {
            yc_error(c, v->at, "'%s' is empty", what);
            v->bad = true;
            return false;
        }
        v->text = "";
        return true;
    }
    if (v->kind == YC_BOOL) {
        yc_error(c, v->at,
                 "'%s' must be text, not the boolean %s (put it in quotes if you mean the word)",
                 what, v->text);
        v->bad = true;
        return false;
    }
    /* Text that shows nothing would look blank in the game. */
    uint32_t invisible;
    if (required && text_is_blank(v->text, &invisible)) {
        if (invisible)
            yc_error(c, v->at,
                     "'%s' shows nothing: it has only spaces and invisible characters "
                     "(the first is U+%04X)",
                     what, (unsigned)invisible);
        else
            yc_error(c, v->at, "'%s' is empty", what);
        v->bad = true;
        return false;
    }
    return true;
}

bool yc_is_plain_text(const YcValue *v)
{
    return v->present && !v->bad && v->node == YC_NODE_SCALAR && v->kind != YC_NULL &&
           v->kind != YC_BOOL && !text_is_blank(v->text, NULL);
}

/* Decimal (leading zeros are still decimal in YAML 1.2), 0x hex or 0o
 * octal. */
bool yc_parse_int(const char *text, long long *out)
{
    const char *digits = text;
    int base = 10;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'o')) {
        base = text[1] == 'x' ? 16 : 8;
        digits = text + 2;
    }
    errno = 0;
    char *end;
    *out = strtoll(digits, &end, base);
    return errno != ERANGE && end != digits && *end == '\0';
}

bool yc_int(YcCursor *c, YcValue *v, const char *what, long long lo, long long hi, long long *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != YC_NODE_SCALAR || v->kind != YC_INT) {
        if (v->node == YC_NODE_SCALAR)
            yc_error(c, v->at, "'%s' must be a whole number from %lld to %lld, not '%s'%s", what,
                     lo, hi, v->text,
                     v->kind == YC_STRING && yc_resolve_plain(v->text, v->len) == YC_INT
                         ? " (remove the quotes)"
                         : "");
        else
            yc_error(c, v->at, "'%s' must be a whole number from %lld to %lld, not %s", what, lo,
                     hi, yc_node_name(v->node));
        v->bad = true;
        return false;
    }
    long long x;
    if (!yc_parse_int(v->text, &x) || x < lo || x > hi) {
        yc_error(c, v->at, "'%s' is %s; it must be from %lld to %lld", what, v->text, lo, hi);
        v->bad = true;
        return false;
    }
    *out = x;
    return true;
}

/* "'x'" for a scalar, "a list" for anything else: what a message says was
 * found. Three arguments for "%s%s%s". */
#define FOUND(v)                                                                                   \
    (v)->node == YC_NODE_SCALAR ? "'" : "",                                                        \
        (v)->node == YC_NODE_SCALAR ? (v)->text : yc_node_name((v)->node),                         \
        (v)->node == YC_NODE_SCALAR ? "'" : ""

bool yc_number(YcCursor *c, YcValue *v, const char *what, double lo, double hi, double *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != YC_NODE_SCALAR || (v->kind != YC_INT && v->kind != YC_FLOAT)) {
        yc_error(c, v->at, "'%s' must be a number from %g to %g, not %s%s%s", what, lo, hi,
                 FOUND(v));
        v->bad = true;
        return false;
    }
    char *end;
    errno = 0;
    double x = strtod(v->text, &end);
    if (errno == ERANGE || *end != '\0' || !(x >= lo && x <= hi)) {
        yc_error(c, v->at, "'%s' is %s; it must be from %g to %g", what, v->text, lo, hi);
        v->bad = true;
        return false;
    }
    *out = x;
    return true;
}

bool yc_bool(YcCursor *c, YcValue *v, const char *what, bool *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != YC_NODE_SCALAR || v->kind != YC_BOOL) {
        yc_error(c, v->at, "'%s' must be true or false (unquoted), not %s%s%s", what, FOUND(v));
        v->bad = true;
        return false;
    }
    *out = v->text[0] == 't' || v->text[0] == 'T';
    return true;
}

static bool id_pattern(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

bool yc_is_id(const char *s)
{
    return id_pattern(s) && strlen(s) <= YC_MAX_ID;
}

/* Characters, not bytes: topic and section ids may be any text. The input
 * is valid UTF-8, so counting the bytes that start a character is enough. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Ids are keys of a learner's history and are shown in lists, so every
 * kind stays short. */
bool yc_id_length(YcCursor *c, YcValue *v, const char *what)
{
    size_t n = utf8_length(v->text);
    if (n <= YC_MAX_ID)
        return true;
    yc_error(c, v->at, "%s is %zu characters long; the limit is %d", what, n, YC_MAX_ID);
    v->bad = true;
    return false;
}

bool yc_id(YcCursor *c, YcValue *v, const char *what)
{
    if (!yc_text(c, v, what, true))
        return false;
    char buf[YC_EXCERPT];
    if (!id_pattern(v->text)) {
        yc_error(c, v->at,
                 "%s '%s' may use only lowercase letters a-z, digits and '-', "
                 "and must start with a letter or digit",
                 what, yc_excerpt(v->text, buf, sizeof buf));
        v->bad = true;
        return false;
    }
    return yc_id_length(c, v, what);
}

/* "'a', 'b' or 'c'" into buf. */
static const char *word_list(const char *const *names, size_t count, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == count ? " or " : ", ";
        int n = snprintf(buf + used, size - used, "%s'%s'", sep, names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return buf;
}

bool yc_word(YcCursor *c, YcValue *v, const char *what, const char *const *names, size_t count,
             int *out)
{
    if (!v->present || v->bad)
        return false;
    char list[300], buf[YC_EXCERPT];
    if (v->node == YC_NODE_SCALAR && v->kind == YC_STRING) {
        int k = yc_key_index(v->text, names, count);
        if (k >= 0) {
            *out = k;
            return true;
        }
        const char *hint = yc_closest(c, v->text, names, count);
        yc_error(c, v->at, "'%s' is '%s'; it must be %s%s%s%s", what,
                 yc_excerpt(v->text, buf, sizeof buf), word_list(names, count, list, sizeof list),
                 hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    } else {
        yc_error(c, v->at, "'%s' must be %s, not %s%s%s", what,
                 word_list(names, count, list, sizeof list), v->node == YC_NODE_SCALAR ? "'" : "",
                 v->node == YC_NODE_SCALAR ? yc_excerpt(v->text, buf, sizeof buf)
                                           : yc_node_name(v->node),
                 v->node == YC_NODE_SCALAR ? "'" : "");
    }
    v->bad = true;
    return false;
}

/* ------------------------------------------------------ "did you mean" */

/* Edit distance with adjacent swaps (optimal string alignment), ignoring
 * case: "titel" is one edit from "title". Both words are at most
 * EDIT_MAX_LENGTH bytes (the caller checks): it fills a table of
 * strlen(a) * strlen(b) cells, which the caller charges. */
enum { EDIT_MAX_LENGTH = 40 };

static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[EDIT_MAX_LENGTH + 1][EDIT_MAX_LENGTH + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* A likely slip: at most a third of the word's length in edits (at least
 * one, at most three, and never the whole word), or one of the two being
 * the start of the other ("multiple" for "multi"). Words whose lengths
 * differ by more than the limit are never compared (their distance is at
 * least that difference), nor words over EDIT_MAX_LENGTH. */
const char *yc_closest_name(const char *word, const char *const *names, size_t count, size_t *cells)
{
    const char *best = NULL;
    size_t best_d = 99, len = strlen(word);
    size_t limit = len / 3 < 1 ? 1 : len / 3;
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(names[i]);
        size_t shorter = n < len ? n : len, gap = n < len ? len - n : n - len, d = 99;
        if (gap <= limit && len <= EDIT_MAX_LENGTH && n <= EDIT_MAX_LENGTH) {
            if (cells)
                *cells += len * n;
            d = edit_distance(word, len, names[i], n);
        }
        if (d > limit && shorter >= 4 && strncmp(word, names[i], shorter) == 0)
            d = limit; /* a prefix: likely the same word, written longer */
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best_d <= limit && best_d < len ? best : NULL;
}

/* The work is bounded: none when the message would not be kept, and a
 * search starts only while the file is within its budget. */
const char *yc_closest(YcCursor *c, const char *word, const char *const *names, size_t count)
{
    if (!yc_error_kept(c) || c->suggestion_cells >= c->format->suggestion_budget)
        return NULL;
    c->suggestions++;
    return yc_closest_name(word, names, count, &c->suggestion_cells);
}

/* ------------------------------------------------------------------ keys */

int yc_key_index(const char *key, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (key[0] == names[i][0] && strcmp(key, names[i]) == 0)
            return (int)i;
    return -1;
}

void yc_unknown_key(YcCursor *c, YcMark at, const char *key, const char *where,
                    const char *const *names, size_t count)
{
    char buf[YC_EXCERPT];
    if (!yc_error_kept(c)) { /* counted only: spare the search and the list */
        yc_error(c, at, "unknown key");
        return;
    }
    const char *hint = yc_closest(c, key, names, count);
    if (hint) {
        yc_error(c, at, "unknown key '%s' in %s (did you mean '%s'?)",
                 yc_excerpt(key, buf, sizeof buf), where, hint);
        return;
    }
    char list[500] = "";
    size_t used = 0;
    for (size_t i = 0; i < count && used < sizeof list - 40; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    yc_error(c, at, "unknown key '%s' in %s; expected one of: %s", yc_excerpt(key, buf, sizeof buf),
             where, list);
}

void yc_duplicate_key(YcCursor *c, YcMark at, const char *key, YcMark first)
{
    yc_error(c, at, "duplicate key '%s' (first given on line %d)", key, first.line);
}

int yc_known_key(YcCursor *c, const char *key, YcMark at, const char *where,
                 const char *const *names, size_t count, unsigned *seen, YcMark *marks)
{
    int k = yc_key_index(key, names, count);
    if (k < 0)
        yc_unknown_key(c, at, key, where, names, count);
    else if (*seen & (1u << k))
        yc_duplicate_key(c, at, key, marks[k]);
    if (k < 0 || (*seen & (1u << k))) {
        yc_skip(c);
        return -1;
    }
    *seen |= 1u << k;
    marks[k] = at;
    return k;
}
