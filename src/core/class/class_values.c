/* class_values.c - checked values and keys of the session and result
 * readers (class_yaml.h): text, whole numbers, numbers, booleans, ids,
 * words from a list, and the messages for unknown and repeated keys.
 *
 * Each check reports what is wrong at the value's position, marks it bad so
 * that later checks stay silent, and returns false. Read class_yaml.h first.
 */
#include "class_yaml.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- values */

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

bool cy_text(CyReader *r, CyValue *v, const char *what, bool required)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != CY_SCALAR) {
        cy_error(r, v->at, "'%s' must be text, not %s", what, cy_node_name(v->node));
        v->bad = true;
        return false;
    }
    if (v->kind == CY_NULL && !required) {
        v->text = "";
        return true;
    }
    if (v->kind == CY_BOOL) {
        cy_error(r, v->at,
                 "'%s' must be text, not the boolean %s (put it in quotes if you mean the word)",
                 what, v->text);
        v->bad = true;
        return false;
    }
    if (required && (v->kind == CY_NULL || is_blank(v->text))) {
        cy_error(r, v->at, "'%s' is empty", what);
        v->bad = true;
        return false;
    }
    return true;
}

static bool parse_ll(const char *text, long long *out)
{
    errno = 0;
    char *end;
    *out = strtoll(text, &end, 10);
    return errno != ERANGE && end != text && *end == '\0';
}

bool cy_int(CyReader *r, CyValue *v, const char *what, long long lo, long long hi, long long *out)
{
    if (!v->present || v->bad)
        return false;
    long long x;
    if (v->node != CY_SCALAR || v->kind != CY_INT) {
        if (v->node == CY_SCALAR)
            cy_error(r, v->at, "'%s' must be a whole number from %lld to %lld, not '%s'%s", what,
                     lo, hi, v->text,
                     v->kind == CY_STRING && cy_resolve_plain(v->text, v->len) == CY_INT
                         ? " (remove the quotes)"
                         : "");
        else
            cy_error(r, v->at, "'%s' must be a whole number from %lld to %lld, not %s", what, lo,
                     hi, cy_node_name(v->node));
        v->bad = true;
        return false;
    }
    if (!parse_ll(v->text, &x) || x < lo || x > hi) {
        cy_error(r, v->at, "'%s' is %s; it must be from %lld to %lld", what, v->text, lo, hi);
        v->bad = true;
        return false;
    }
    *out = x;
    return true;
}

bool cy_number(CyReader *r, CyValue *v, const char *what, double lo, double hi, double *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != CY_SCALAR || (v->kind != CY_INT && v->kind != CY_FLOAT)) {
        cy_error(r, v->at, "'%s' must be a number from %g to %g, not %s%s%s", what, lo, hi,
                 v->node == CY_SCALAR ? "'" : "",
                 v->node == CY_SCALAR ? v->text : cy_node_name(v->node),
                 v->node == CY_SCALAR ? "'" : "");
        v->bad = true;
        return false;
    }
    char *end;
    errno = 0;
    double x = strtod(v->text, &end);
    if (errno == ERANGE || *end != '\0' || !(x >= lo && x <= hi)) {
        cy_error(r, v->at, "'%s' is %s; it must be from %g to %g", what, v->text, lo, hi);
        v->bad = true;
        return false;
    }
    *out = x;
    return true;
}

bool cy_bool(CyReader *r, CyValue *v, const char *what, bool *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != CY_SCALAR || v->kind != CY_BOOL) {
        cy_error(r, v->at, "'%s' must be true or false (unquoted), not %s%s%s", what,
                 v->node == CY_SCALAR ? "'" : "",
                 v->node == CY_SCALAR ? v->text : cy_node_name(v->node),
                 v->node == CY_SCALAR ? "'" : "");
        v->bad = true;
        return false;
    }
    *out = v->text[0] == 't' || v->text[0] == 'T';
    return true;
}

bool cy_is_id(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    size_t n = 1;
    for (const char *p = s + 1; *p; p++, n++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return n <= 64;
}

bool cy_id(CyReader *r, CyValue *v, const char *what)
{
    if (!cy_text(r, v, what, true))
        return false;
    char buf[CY_EXCERPT];
    if (strlen(v->text) > 64) {
        cy_error(r, v->at, "%s is %zu characters long; the limit is 64", what, strlen(v->text));
        v->bad = true;
        return false;
    }
    if (!cy_is_id(v->text)) {
        cy_error(r, v->at,
                 "%s '%s' may use only lowercase letters a-z, digits and '-', "
                 "and must start with a letter or digit",
                 what, cy_excerpt(v->text, buf));
        v->bad = true;
        return false;
    }
    return true;
}

/* "a, b or c" into buf. */
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

bool cy_word(CyReader *r, CyValue *v, const char *what, const char *const *names, size_t count,
             int *out)
{
    if (!v->present || v->bad)
        return false;
    char list[300], buf[CY_EXCERPT];
    if (v->node == CY_SCALAR && v->kind == CY_STRING) {
        int k = cy_key_index(v->text, names, count);
        if (k >= 0) {
            *out = k;
            return true;
        }
        const char *hint = cy_closest(v->text, names, count);
        if (hint)
            cy_error(r, v->at, "'%s' is '%s'; it must be %s (did you mean '%s'?)", what,
                     cy_excerpt(v->text, buf), word_list(names, count, list, sizeof list), hint);
        else
            cy_error(r, v->at, "'%s' is '%s'; it must be %s", what, cy_excerpt(v->text, buf),
                     word_list(names, count, list, sizeof list));
    } else {
        cy_error(r, v->at, "'%s' must be %s, not %s%s%s", what,
                 word_list(names, count, list, sizeof list), v->node == CY_SCALAR ? "'" : "",
                 v->node == CY_SCALAR ? cy_excerpt(v->text, buf) : cy_node_name(v->node),
                 v->node == CY_SCALAR ? "'" : "");
    }
    v->bad = true;
    return false;
}

int cy_key_index(const char *key, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(key, names[i]) == 0)
            return (int)i;
    return -1;
}

void cy_unknown_key(CyReader *r, CyMark at, const char *key, const char *where,
                    const char *const *names, size_t count)
{
    char buf[CY_EXCERPT];
    const char *hint = cy_closest(key, names, count);
    if (hint) {
        cy_error(r, at, "unknown key '%s' in %s (did you mean '%s'?)", cy_excerpt(key, buf), where,
                 hint);
        return;
    }
    char list[500] = "";
    size_t used = 0;
    for (size_t i = 0; i < count && used < sizeof list - 40; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    cy_error(r, at, "unknown key '%s' in %s; expected one of: %s", cy_excerpt(key, buf), where,
             list);
}

void cy_duplicate_key(CyReader *r, CyMark at, const char *key, CyMark first)
{
    cy_error(r, at, "duplicate key '%s' (first given on line %d)", key, first.line);
}

void cy_sort_diags(DiagList *diags, size_t first)
{
    if (diags->count < first + 2)
        return;
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
