/* class_yaml.c - bounded files, the event cursor and checked values that the
 * session and result readers share (class_yaml.h).
 *
 * Checked values (text, numbers, ids, words, keys) are in class_values.c.
 * Read class_yaml.h first.
 */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "class_yaml.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- files */

CyFileStatus cy_read_file(const char *path, size_t limit, bool no_follow, char **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
     * below once fstat says what it is. */
    int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (no_follow ? O_NOFOLLOW : 0);
    int fd = open(path, flags);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return CY_FILE_MISSING;
        if (errno == ELOOP)
            return CY_FILE_NOT_REGULAR;
        return CY_FILE_UNREADABLE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return CY_FILE_UNREADABLE;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return CY_FILE_NOT_REGULAR;
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > limit) {
        close(fd);
        return CY_FILE_TOO_BIG;
    }
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return CY_FILE_NO_MEMORY;
    }
    size_t n = 0;
    for (;;) {
        if (n == cap - 1) {
            /* The file grew while it was read: allow up to the limit. */
            if (cap - 1 >= limit) {
                char probe;
                ssize_t more = read(fd, &probe, 1);
                if (more > 0) {
                    free(buf);
                    close(fd);
                    return CY_FILE_TOO_BIG;
                }
                break;
            }
            size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *grown = realloc(buf, ncap);
            if (!grown) {
                free(buf);
                close(fd);
                return CY_FILE_NO_MEMORY;
            }
            buf = grown;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            return CY_FILE_UNREADABLE;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    *data = buf;
    *size = n;
    return CY_FILE_OK;
}

const char *cy_file_problem(CyFileStatus status)
{
    switch (status) {
    case CY_FILE_OK:
        return "ok";
    case CY_FILE_MISSING:
        return "no such file";
    case CY_FILE_NOT_REGULAR:
        return "not a regular file (a folder, a link, a FIFO or a device), so it is not read";
    case CY_FILE_TOO_BIG:
        return "the file is larger than the limit";
    case CY_FILE_UNREADABLE:
        return "the file cannot be read";
    case CY_FILE_NO_MEMORY:
        return "out of memory";
    }
    return "unknown problem";
}

CyPlace cy_place(const char *folder, const char *path)
{
    char *f = realpath(folder, NULL);
    char *p = f ? realpath(path, NULL) : NULL;
    CyPlace place = CY_NOWHERE;
    if (f && p) {
        size_t n = strlen(f);
        bool root = n == 1 && f[0] == '/';
        place =
            strncmp(f, p, n) == 0 && (root || p[n] == '/' || p[n] == '\0') ? CY_INSIDE : CY_OUTSIDE;
    }
    free(f);
    free(p);
    return place;
}

char *cy_join(const char *folder, const char *name)
{
    if (!folder || !folder[0] || strcmp(folder, ".") == 0) {
        char *copy = malloc(strlen(name) + 1);
        if (copy)
            strcpy(copy, name);
        return copy;
    }
    size_t a = strlen(folder), b = strlen(name);
    bool slash = folder[a - 1] == '/';
    char *s = malloc(a + b + 2);
    if (s)
        snprintf(s, a + b + 2, "%s%s%s", folder, slash ? "" : "/", name);
    return s;
}

/* ------------------------------------------------------------- messages */

static void vadd(CyReader *r, DiagSeverity sev, CyMark at, const char *fmt, va_list ap)
{
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add(r->diags, sev, r->name, at.line, at.col, "%s", msg);
}

void cy_error(CyReader *r, CyMark at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(r, DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

void cy_warning(CyReader *r, CyMark at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(r, DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

const char *cy_excerpt(const char *text, char buf[CY_EXCERPT])
{
    size_t n = strlen(text);
    if (n < CY_EXCERPT) {
        memcpy(buf, text, n + 1);
        return buf;
    }
    size_t cut = CY_EXCERPT - 4; /* room for "..." and the NUL */
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--; /* never split a UTF-8 sequence */
    memcpy(buf, text, cut);
    memcpy(buf + cut, "...", 4);
    return buf;
}

bool cy_has_errors(const CyReader *r)
{
    return r->diags->error_count > r->errors_before;
}

/* Optimal string alignment distance ignoring ASCII case; bounded (keys and
 * ids are short). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t d[65][65];
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

const char *cy_closest(const char *word, const char *const *names, size_t count)
{
    const char *best = NULL;
    size_t best_d = 99, len = strlen(word);
    size_t limit = len / 3 < 1 ? 1 : len / 3;
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < count; i++) {
        size_t d = edit_distance(word, names[i]);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best_d <= limit && best_d < len ? best : NULL;
}

/* --------------------------------------------------------------- cursor */

static CyMark mark_of(yaml_mark_t m)
{
    CyMark r = {
        .line = m.line >= (size_t)INT_MAX ? INT_MAX : (int)m.line + 1,
        .col = m.column >= (size_t)INT_MAX ? INT_MAX : (int)m.column + 1,
    };
    return r;
}

/* The first invalid UTF-8 sequence: false with its position and byte. */
static bool utf8_valid(const unsigned char *p, size_t n, CyMark *at, unsigned char *byte)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07u;
        }
        bool ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                ok = false;
            else
                cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if (ok && ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
                   (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = false;
        if (!ok) {
            *at = (CyMark){line, col};
            *byte = c;
            return false;
        }
        i += len;
        col++;
    }
    return true;
}

bool cy_utf8_ok(const char *s, size_t n)
{
    CyMark at;
    unsigned char byte;
    return utf8_valid((const unsigned char *)s, n, &at, &byte);
}

bool cy_open(CyReader *r, const char *name, const char *data, size_t size, Arena *arena,
             DiagList *diags)
{
    *r = (CyReader){.name = name, .diags = diags, .arena = arena};
    r->errors_before = diags->error_count;
    CyMark bad;
    unsigned char byte;
    if (!utf8_valid((const unsigned char *)data, size, &bad, &byte)) {
        cy_error(r, bad, "invalid UTF-8 (byte 0x%02X): the file must be saved as UTF-8", byte);
        r->stop = true;
        return false;
    }
    if (!yaml_parser_initialize(&r->parser)) {
        cy_error(r, (CyMark){1, 1}, "out of memory");
        r->stop = true;
        return false;
    }
    r->ready = true;
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)data, size);
    return true;
}

void cy_close(CyReader *r)
{
    if (r->have_ev)
        yaml_event_delete(&r->ev);
    r->have_ev = false;
    if (r->ready)
        yaml_parser_delete(&r->parser);
    r->ready = false;
}

static void report_parser_error(CyReader *r)
{
    const yaml_parser_t *p = &r->parser;
    r->stop = true;
    if (p->error == YAML_MEMORY_ERROR) {
        cy_error(r, (CyMark){1, 1}, "out of memory while reading the file");
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        cy_error(r, (CyMark){1, 1}, "cannot read the text: %s (at byte %zu)",
                 p->problem ? p->problem : "unknown problem", p->problem_offset);
        return;
    }
    CyMark m = mark_of(p->problem_mark);
    if (p->context)
        cy_error(r, m, "YAML syntax: %s (%s that starts on line %d)",
                 p->problem ? p->problem : "unknown problem", p->context,
                 mark_of(p->context_mark).line);
    else
        cy_error(r, m, "YAML syntax: %s", p->problem ? p->problem : "unknown problem");
}

static bool standard_tag(const char *tag)
{
    static const char *const ok[] = {
        "!",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:seq",
        "tag:yaml.org,2002:map",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcmp(tag, ok[i]) == 0)
            return true;
    return false;
}

void cy_advance(CyReader *r)
{
    if (r->have_ev) {
        yaml_event_delete(&r->ev);
        r->have_ev = false;
    }
    memset(&r->ev, 0, sizeof r->ev);
    if (r->stop)
        return;
    if (!yaml_parser_parse(&r->parser, &r->ev)) {
        memset(&r->ev, 0, sizeof r->ev);
        report_parser_error(r);
        return;
    }
    r->have_ev = true;
    yaml_event_t *e = &r->ev;
    CyMark at = mark_of(e->start_mark);
    const yaml_char_t *anchor = NULL, *tag = NULL;
    switch (e->type) {
    case YAML_ALIAS_EVENT:
        cy_error(r, at, "aliases (*%s) are not supported: write the value out in full",
                 (const char *)e->data.alias.anchor);
        break;
    case YAML_SCALAR_EVENT:
        anchor = e->data.scalar.anchor;
        tag = e->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = e->data.sequence_start.anchor;
        tag = e->data.sequence_start.tag;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = e->data.mapping_start.anchor;
        tag = e->data.mapping_start.tag;
        break;
    default:
        break;
    }
    if (anchor)
        cy_error(r, at, "anchors (&%s) are not supported: write each value out in full",
                 (const char *)anchor);
    if (tag && !standard_tag((const char *)tag))
        cy_error(r, at, "YAML tag '%s' is not supported", (const char *)tag);
    if (e->type == YAML_SEQUENCE_START_EVENT || e->type == YAML_MAPPING_START_EVENT) {
        if (++r->depth > CY_MAX_DEPTH) {
            cy_error(r, at, "values are nested more than %d levels deep", CY_MAX_DEPTH);
            r->stop = true;
            yaml_event_delete(&r->ev);
            r->have_ev = false;
            memset(&r->ev, 0, sizeof r->ev);
        }
    } else if (e->type == YAML_SEQUENCE_END_EVENT || e->type == YAML_MAPPING_END_EVENT) {
        r->depth--;
    }
}

yaml_event_type_t cy_peek(const CyReader *r)
{
    return r->stop ? YAML_NO_EVENT : r->ev.type;
}

CyMark cy_here(const CyReader *r)
{
    return mark_of(r->ev.start_mark);
}

CyNode cy_node(const CyReader *r)
{
    switch (cy_peek(r)) {
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
        return CY_SCALAR;
    case YAML_SEQUENCE_START_EVENT:
        return CY_SEQUENCE;
    case YAML_MAPPING_START_EVENT:
        return CY_MAPPING;
    default:
        return CY_NONE;
    }
}

const char *cy_node_name(CyNode node)
{
    switch (node) {
    case CY_SEQUENCE:
        return "a list";
    case CY_MAPPING:
        return "a mapping";
    default:
        return "a single value";
    }
}

void cy_skip(CyReader *r)
{
    int level = 0;
    do {
        yaml_event_type_t t = cy_peek(r);
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
            level++;
        else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
            level--;
        else if (t == YAML_NO_EVENT)
            return;
        cy_advance(r);
    } while (level > 0);
}

bool cy_start_document(CyReader *r, const char *what, const char *keys_hint)
{
    if (r->stop)
        return false;
    cy_advance(r); /* STREAM_START */
    cy_advance(r);
    if (cy_peek(r) == YAML_STREAM_END_EVENT) {
        cy_error(r, (CyMark){1, 1}, "the file is empty: %s needs %s", what, keys_hint);
        return false;
    }
    if (cy_peek(r) != YAML_DOCUMENT_START_EVENT)
        return false; /* a syntax error, already reported */
    cy_advance(r);
    if (cy_node(r) == CY_MAPPING)
        return true;
    if (!r->stop) {
        cy_error(r, cy_here(r), "%s must be a mapping of keys (%s), not %s", what, keys_hint,
                 cy_node_name(cy_node(r)));
        cy_skip(r);
    }
    return false;
}

void cy_end_document(CyReader *r, const char *what)
{
    if (cy_peek(r) == YAML_DOCUMENT_END_EVENT)
        cy_advance(r);
    if (cy_peek(r) == YAML_DOCUMENT_START_EVENT)
        cy_error(r, cy_here(r),
                 "a second YAML document ('---') starts here; %s file holds exactly one", what);
}

bool cy_enter(CyReader *r, CyNode want, const char *what, const char *shape)
{
    CyNode got = cy_node(r);
    if (got == want) {
        cy_advance(r);
        return true;
    }
    CyMark at = cy_here(r);
    bool empty = got == CY_SCALAR && r->ev.type == YAML_SCALAR_EVENT &&
                 r->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                 r->ev.data.scalar.length == 0;
    bool alias = cy_peek(r) == YAML_ALIAS_EVENT;
    cy_skip(r);
    if (r->stop || alias)
        return false; /* the syntax error or the alias is the message */
    if (empty)
        cy_error(r, at, "'%s' is empty; it must be %s", what, shape);
    else
        cy_error(r, at, "'%s' must be %s, not %s", what, shape, cy_node_name(got));
    return false;
}

bool cy_more(CyReader *r)
{
    yaml_event_type_t t = cy_peek(r);
    if (t == YAML_NO_EVENT)
        return false;
    if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
        cy_advance(r);
        return false;
    }
    return true;
}

bool cy_next_key(CyReader *r, char key[CY_MAX_KEY], CyMark *at)
{
    while (cy_more(r)) {
        *at = cy_here(r);
        if (cy_peek(r) != YAML_SCALAR_EVENT) {
            if (cy_peek(r) != YAML_ALIAS_EVENT)
                cy_error(r, *at, "a key must be a single word, not %s", cy_node_name(cy_node(r)));
            cy_skip(r);
            cy_skip(r);
            continue;
        }
        const char *s = (const char *)r->ev.data.scalar.value;
        size_t n = r->ev.data.scalar.length;
        if (n >= CY_MAX_KEY)
            n = CY_MAX_KEY - 1;
        memcpy(key, s, n);
        key[n] = '\0';
        if (memchr(s, '\0', n))
            key[0] = '\0';
        cy_advance(r);
        return true;
    }
    return false;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
CyScalar cy_resolve_plain(const char *s, size_t n)
{
    if (n > 0 && !strchr("~nNtTfF+-.0123456789", s[0]))
        return CY_STRING;
    if (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
        strcmp(s, "NULL") == 0)
        return CY_NULL;
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
        strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
        return CY_BOOL;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0, digits = 0;
    while (i < n && isdigit((unsigned char)s[i]))
        i++, digits++;
    if (i == n && digits > 0)
        return CY_INT;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return CY_STRING;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, exp++;
        if (exp == 0)
            return CY_STRING;
    }
    return i == n ? CY_FLOAT : CY_STRING;
}

static CyScalar scalar_kind(const yaml_event_t *e, const char *text, size_t len)
{
    const char *tag = (const char *)e->data.scalar.tag;
    if (tag) {
        if (strcmp(tag, "tag:yaml.org,2002:int") == 0)
            return CY_INT;
        if (strcmp(tag, "tag:yaml.org,2002:bool") == 0)
            return CY_BOOL;
        if (strcmp(tag, "tag:yaml.org,2002:null") == 0)
            return CY_NULL;
        if (strcmp(tag, "tag:yaml.org,2002:float") == 0)
            return CY_FLOAT;
        return CY_STRING;
    }
    if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return CY_STRING;
    return cy_resolve_plain(text, len);
}

void cy_read(CyReader *r, CyMark key, CyValue *out)
{
    *out = (CyValue){.present = true, .key = key, .at = cy_here(r), .node = cy_node(r), .text = ""};
    if (cy_peek(r) == YAML_ALIAS_EVENT) { /* already reported */
        out->bad = true;
        cy_advance(r);
        return;
    }
    if (out->node != CY_SCALAR) {
        cy_skip(r);
        out->bad = r->stop;
        return;
    }
    const char *s = (const char *)r->ev.data.scalar.value;
    size_t n = r->ev.data.scalar.length;
    out->kind = scalar_kind(&r->ev, s, n);
    if (n > CY_MAX_STRING) {
        cy_error(r, out->at, "text is %zu bytes long; the limit is %d bytes", n, CY_MAX_STRING);
        out->bad = true;
    } else if (memchr(s, '\0', n)) {
        cy_error(r, out->at, "text contains a NUL character");
        out->bad = true;
    } else {
        char *copy = arena_strndup(r->arena, s, n);
        if (!copy) {
            cy_error(r, out->at, "out of memory");
            out->bad = true;
        } else {
            out->text = copy;
            out->len = n;
        }
    }
    cy_advance(r);
    if (r->stop)
        out->bad = true; /* a value right before a syntax error: that error says it */
}
