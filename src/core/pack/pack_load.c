/* pack_load.c - reads one pack file and checks every rule of the format page.
 *
 * How it works: libyaml's parser is pulled one event at a time (never a
 * document tree, so memory stays close to what the Pack keeps). A recursive
 * descent over the fixed schema reads the top-level mapping, then each
 * question into a scratch RawQuestion holding every key with its position;
 * when the question's mapping ends it is checked as a whole, because keys
 * come in any order (`type` may follow `answer`). Checks that need the whole
 * file (topics, sections and defaults may come after the questions) run at
 * the end. Every problem is appended to the caller's DiagList with the line
 * and column of the offending key or value; nothing stops at the first error
 * except YAML syntax errors, after which libyaml cannot go on.
 *
 * Input is read through a handler that validates UTF-8 as it streams (so an
 * invalid byte is reported at its own line and column) and enforces the
 * 64 MiB limit. Anchors, aliases, unknown tags and nesting deeper than the
 * schema could need are refused as they are met.
 *
 * Read in this order: Loader and events, scalars, the key tables, the
 * question checks (check_question), the top level (parse_pack), then the
 * public entry points at the bottom.
 */
#include "pack_load.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "id_index.h"

/* ---------------------------------------------------------------- limits */

enum {
    MAX_DEPTH = 16,     /* the schema needs 5; deeper is hostile or a mistake */
    MAX_LIST_KEPT = 64, /* list entries kept per key (choices, tags, ...) */
    MAX_TAGS = 32,
    MAX_ACCEPT = 32,
    MAX_TOPICS = 10000,
    MAX_SECTIONS = 10000,
    MAX_CLOZE_GAPS = 32,
};

typedef struct Mark {
    int line, col; /* 1-based */
} Mark;

/* --------------------------------------------------------------- scalars */

typedef enum ScalarKind {
    SCALAR_NULL,
    SCALAR_BOOL,
    SCALAR_INT,
    SCALAR_FLOAT,
    SCALAR_STRING,
} ScalarKind;

/* One value as it was read: a scalar, or the fact that it was something else. */
typedef enum NodeKind { NODE_NONE, NODE_SCALAR, NODE_SEQUENCE, NODE_MAPPING } NodeKind;

typedef struct RawScalar {
    bool present;
    bool bad; /* already reported; further checks skip it */
    Mark key; /* where the key was written */
    Mark at;  /* where the value starts */
    NodeKind node;
    ScalarKind kind;
    const char *text; /* arena copy, NUL-terminated (only for NODE_SCALAR) */
    size_t len;
} RawScalar;

typedef struct RawList {
    bool present;
    bool bad;
    Mark key, at;
    size_t count; /* entries seen */
    size_t kept;  /* entries stored (<= MAX_LIST_KEPT) */
    const char *items[MAX_LIST_KEPT];
    Mark marks[MAX_LIST_KEPT];
} RawList;

typedef struct RawPairs {
    bool present;
    bool bad;
    Mark key, at;
    size_t count;
    size_t kept;
    MatchPair items[MAX_LIST_KEPT];
    Mark left_marks[MAX_LIST_KEPT];
    Mark right_marks[MAX_LIST_KEPT];
} RawPairs;

/* ------------------------------------------------------------ key tables */

typedef enum QuestionKey {
    QK_ID,
    QK_TYPE,
    QK_PROMPT,
    QK_TOPIC,
    QK_EXPLAIN,
    QK_SOURCE,
    QK_DIFFICULTY,
    QK_TIME_LIMIT,
    QK_POINTS,
    QK_TAGS,
    QK_CHOICES,
    QK_ANSWER,
    QK_ANSWERS,
    QK_SHUFFLE,
    QK_ACCEPT,
    QK_ITEMS,
    QK_PAIRS,
    QK_TEXT,
    QK_FRONT,
    QK_BACK,
    QK_COUNT
} QuestionKey;

static const char *const question_keys[QK_COUNT] = {
    "id",         "type",   "prompt", "topic",   "explain", "source",  "difficulty",
    "time_limit", "points", "tags",   "choices", "answer",  "answers", "shuffle",
    "accept",     "items",  "pairs",  "text",    "front",   "back",
};

#define QBIT(k) (1u << (k))
static const unsigned common_keys = QBIT(QK_ID) | QBIT(QK_TYPE) | QBIT(QK_PROMPT) | QBIT(QK_TOPIC) |
                                    QBIT(QK_EXPLAIN) | QBIT(QK_SOURCE) | QBIT(QK_DIFFICULTY) |
                                    QBIT(QK_TIME_LIMIT) | QBIT(QK_POINTS) | QBIT(QK_TAGS);

/* The keys each type takes beyond the common ones. */
static const unsigned type_keys[QUESTION_TYPE_COUNT] = {
    [QUESTION_CHOICE] = QBIT(QK_CHOICES) | QBIT(QK_ANSWER) | QBIT(QK_SHUFFLE),
    [QUESTION_MULTI] = QBIT(QK_CHOICES) | QBIT(QK_ANSWERS) | QBIT(QK_SHUFFLE),
    [QUESTION_TRUEFALSE] = QBIT(QK_ANSWER),
    [QUESTION_TYPED] = QBIT(QK_ANSWER) | QBIT(QK_ACCEPT),
    [QUESTION_ORDER] = QBIT(QK_ITEMS),
    [QUESTION_MATCH] = QBIT(QK_PAIRS),
    [QUESTION_CLOZE] = QBIT(QK_TEXT) | QBIT(QK_ACCEPT),
    [QUESTION_FLASHCARD] = QBIT(QK_FRONT) | QBIT(QK_BACK),
};

typedef enum TopKey {
    TK_FORMAT,
    TK_ID,
    TK_TITLE,
    TK_DESCRIPTION,
    TK_LANGUAGE,
    TK_AUTHOR,
    TK_SOURCE,
    TK_TOPICS,
    TK_DEFAULTS,
    TK_QUESTIONS,
    TK_COUNT
} TopKey;

static const char *const top_keys[TK_COUNT] = {
    "format", "id",     "title",  "description", "language",
    "author", "source", "topics", "defaults",    "questions",
};

static const char *const source_keys[] = {"title", "sections"};
static const char *const topic_keys[] = {"id", "title"};
static const char *const defaults_keys[] = {"time_limit", "points"};

/* ------------------------------------------------------ the loader state */

/* One `N: [...]` entry of a cloze's accept mapping. */
typedef struct RawGapAccept {
    RawScalar gap;      /* the gap number as written */
    bool ok;            /* the list was read and checked: items hold it */
    const char **items; /* arena copy; NULL when count is 0 */
    size_t count;
} RawGapAccept;

/* `accept`: a list on a typed question, a mapping from gap number to list on
 * a cloze. The type may be written after it, so either shape is read and
 * judged once the type is known. */
typedef struct RawAccept {
    bool present;
    bool bad; /* an alias or cut short by a syntax error: already reported */
    Mark key, at;
    NodeKind node;      /* what was written */
    bool empty;         /* `accept:` with nothing after it */
    size_t gap_entries; /* NODE_MAPPING: entries seen */
    size_t gaps_kept;   /* entries kept (<= MAX_CLOZE_GAPS) */
    RawList list;       /* NODE_SEQUENCE */
    RawGapAccept gaps[MAX_CLOZE_GAPS];
    RawList scratch; /* one gap's list while it is read */
} RawAccept;

typedef struct RawQuestion {
    Mark at;       /* the question's mapping */
    unsigned seen; /* QBIT per key */
    Mark key_marks[QK_COUNT];
    RawScalar id, type, prompt, topic, explain, source, difficulty, time_limit, points, answer,
        shuffle, text, front, back;
    RawList tags, choices, answers, items;
    RawAccept accept;
    RawPairs pairs;
} RawQuestion;

/* What the end-of-file checks need of each question. */
typedef struct QuestionFixups {
    Mark topic, source;
    bool has_time_limit, has_points;
} QuestionFixups;

typedef struct Input {
    FILE *file; /* or a memory buffer: */
    const unsigned char *data;
    size_t size, offset;
    size_t total; /* bytes handed to libyaml so far */
    /* UTF-8 validation across reads */
    unsigned pending; /* continuation bytes still expected */
    unsigned codepoint;
    unsigned seq_len;
    int line, col; /* position of the next byte (1-based) */
    Mark bad_at;
    unsigned char bad_byte;
    bool bad_utf8, too_big, read_failed;
} Input;

typedef struct Loader {
    const char *name;
    DiagList *diags;
    size_t first_diag; /* index of this file's first record */
    size_t errors_before;
    yaml_parser_t parser;
    yaml_event_t ev; /* the next unconsumed event */
    bool have_ev;
    bool stop; /* a syntax or input error: no more events */
    int depth;
    Input input;
    Arena arena;
    Pack *pack;
    RawQuestion raw;     /* scratch for the question being read */
    Question *questions; /* growing array, adopted by the arena at the end */
    QuestionFixups *fixups;
    size_t question_count, question_cap;
    IdIndex question_ids;
    bool too_many_questions;
} Loader;

static void error_at(Loader *L, Mark m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void error_at(Loader *L, Mark m, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(L->diags, DIAG_ERROR, L->name, m.line, m.col, "%s", msg);
}

static void warning_at(Loader *L, Mark m, const char *message)
{
    diag_add(L->diags, DIAG_WARNING, L->name, m.line, m.col, "%s", message);
}

static bool has_errors(const Loader *L)
{
    return L->diags->error_count > L->errors_before;
}

static Mark mark_of(yaml_mark_t m)
{
    Mark r = {
        .line = m.line >= (size_t)INT_MAX ? INT_MAX : (int)m.line + 1,
        .col = m.column >= (size_t)INT_MAX ? INT_MAX : (int)m.column + 1,
    };
    return r;
}

/* Shortens a user's text for quoting it back in a message. */
static const char *excerpt(const char *text, char *buf, size_t size)
{
    size_t n = strlen(text);
    if (n < size) {
        memcpy(buf, text, n + 1);
        return buf;
    }
    size_t cut = size - 4; /* room for "..." and NUL */
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--; /* never split a UTF-8 sequence */
    memcpy(buf, text, cut);
    memcpy(buf + cut, "...", 4);
    return buf;
}

/* ------------------------------------------------------------ input side */

/* Validates UTF-8 as bytes stream past, tracking line and column so an
 * invalid byte can be reported where an editor shows it. Returns how many
 * bytes of `p` come before the first invalid character (n when all are
 * valid), so that everything before a bad byte is still parsed and its
 * problems reported. */
static size_t input_scan(Input *in, const unsigned char *p, size_t n)
{
    /* The state lives in locals while scanning: stores through `in` would
     * be reloaded after every byte (p is unsigned char, which may alias
     * *in), and that chain was a quarter of the whole load time. */
    int line = in->line, col = in->col;
    unsigned pending = in->pending, codepoint = in->codepoint, seq_len = in->seq_len;
    Mark bad_at = in->bad_at;
    unsigned char bad_byte = in->bad_byte;
    size_t char_start = 0, valid = n;
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    for (size_t i = 0; i < n; i++) {
        /* Eight ASCII bytes without a newline at a time: only the column
         * moves. (x - ones) & ~x & high is non-zero when a byte of x is 0. */
        while (!pending && i + 8 <= n) {
            uint64_t w, nl;
            memcpy(&w, p + i, sizeof w);
            nl = w ^ (ones * '\n');
            if ((w & high) || ((nl - ones) & ~nl & high))
                break;
            col += 8;
            i += 8;
        }
        if (i == n)
            break;
        unsigned char c = p[i];
        if (pending) {
            if ((c & 0xC0) != 0x80)
                goto bad;
            codepoint = (codepoint << 6) | (c & 0x3Fu);
            if (--pending == 0) {
                bool overlong = (seq_len == 2 && codepoint < 0x80) ||
                                (seq_len == 3 && codepoint < 0x800) ||
                                (seq_len == 4 && codepoint < 0x10000);
                if (overlong || codepoint > 0x10FFFF ||
                    (codepoint >= 0xD800 && codepoint <= 0xDFFF))
                    goto bad;
            }
            continue;
        }
        if (c < 0x80) { /* ASCII: the common case, nothing to remember */
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            continue;
        }
        /* The start of a multi-byte character: where a bad one is reported. */
        char_start = i;
        bad_at = (Mark){line, col};
        bad_byte = c;
        col++;
        if (c >= 0xC2 && c <= 0xDF) {
            pending = 1;
            codepoint = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            pending = 2;
            codepoint = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            pending = 3;
            codepoint = c & 0x07u;
        } else {
            goto bad;
        }
        seq_len = pending + 1;
    }
    goto done;
bad:
    in->bad_utf8 = true;
    /* char_start is 0 too when the bad character began in an earlier read:
     * its first bytes are with libyaml, which will ask again and fail. */
    valid = char_start;
done:
    in->line = line;
    in->col = col;
    in->pending = pending;
    in->codepoint = codepoint;
    in->seq_len = seq_len;
    in->bad_at = bad_at;
    in->bad_byte = bad_byte;
    return valid;
}

static int input_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    Input *in = data;
    size_t n;
    *size_read = 0;
    if (in->bad_utf8 || in->too_big || in->read_failed)
        return 0;
    if (in->file) {
        n = fread(buffer, 1, size, in->file);
        if (n == 0 && ferror(in->file)) {
            in->read_failed = true;
            return 0;
        }
    } else {
        n = in->size - in->offset;
        if (n > size)
            n = size;
        memcpy(buffer, in->data + in->offset, n);
        in->offset += n;
    }
    in->total += n;
    if (in->total > PACK_MAX_FILE_BYTES) {
        in->too_big = true;
        return 0;
    }
    size_t valid = input_scan(in, buffer, n);
    if (in->bad_utf8) {
        /* Hand over what precedes the bad character; the next read fails. */
        *size_read = valid;
        return valid > 0;
    }
    if (n == 0 && in->pending) { /* the file ends inside a character */
        in->bad_utf8 = true;
        return 0;
    }
    *size_read = n;
    return 1;
}

/* ---------------------------------------------------------------- events */

/* Reports why libyaml stopped, in the format's words, and stops the loader. */
static void report_parser_error(Loader *L)
{
    const Input *in = &L->input;
    L->stop = true;
    if (in->bad_utf8) {
        error_at(L, in->bad_at, "invalid UTF-8 (byte 0x%02X): packs must be saved as UTF-8",
                 in->bad_byte);
        return;
    }
    if (in->too_big) {
        error_at(L, (Mark){1, 1}, "file is larger than 64 MiB, the limit for a pack");
        return;
    }
    if (in->read_failed) {
        error_at(L, (Mark){1, 1}, "cannot read the file: %s", strerror(errno));
        return;
    }
    const yaml_parser_t *p = &L->parser;
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        error_at(L, (Mark){1, 1}, "out of memory while reading the file");
        return;
    case YAML_READER_ERROR:
        error_at(L, (Mark){1, 1}, "cannot read the text: %s (at byte %zu)",
                 p->problem ? p->problem : "unknown problem", p->problem_offset);
        return;
    default: {
        Mark m = mark_of(p->problem_mark);
        if (p->context)
            error_at(L, m, "YAML syntax: %s (%s that starts on line %d)",
                     p->problem ? p->problem : "unknown problem", p->context,
                     mark_of(p->context_mark).line);
        else
            error_at(L, m, "YAML syntax: %s", p->problem ? p->problem : "unknown problem");
        return;
    }
    }
}

static bool is_standard_tag(const char *tag)
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

/* Loads the next event into L->ev, refusing what packs may not use. */
static void advance(Loader *L)
{
    if (L->have_ev) {
        yaml_event_delete(&L->ev);
        L->have_ev = false;
    }
    if (L->stop) {
        memset(&L->ev, 0, sizeof L->ev);
        return;
    }
    if (!yaml_parser_parse(&L->parser, &L->ev)) {
        memset(&L->ev, 0, sizeof L->ev);
        report_parser_error(L);
        return;
    }
    L->have_ev = true;
    yaml_event_t *e = &L->ev;
    Mark at = mark_of(e->start_mark);
    const yaml_char_t *anchor = NULL, *tag = NULL;
    switch (e->type) {
    case YAML_ALIAS_EVENT:
        error_at(L, at, "aliases (*%s) are not supported: write the value out in full",
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
        error_at(L, at, "anchors (&%s) are not supported: write each value out in full",
                 (const char *)anchor);
    if (tag && !is_standard_tag((const char *)tag))
        error_at(L, at, "YAML tag '%s' is not supported", (const char *)tag);
    if (e->type == YAML_SEQUENCE_START_EVENT || e->type == YAML_MAPPING_START_EVENT) {
        if (++L->depth > MAX_DEPTH) {
            error_at(L, at, "values are nested more than %d levels deep; a pack needs far fewer",
                     MAX_DEPTH);
            L->stop = true;
            yaml_event_delete(&L->ev);
            L->have_ev = false;
            memset(&L->ev, 0, sizeof L->ev);
        }
    } else if (e->type == YAML_SEQUENCE_END_EVENT || e->type == YAML_MAPPING_END_EVENT) {
        L->depth--;
    }
}

static yaml_event_type_t peek(const Loader *L)
{
    return L->stop ? YAML_NO_EVENT : L->ev.type;
}

static Mark here(const Loader *L)
{
    return mark_of(L->ev.start_mark);
}

/* Consumes the node that starts at the current event, whatever it is. */
static void skip_node(Loader *L)
{
    int level = 0;
    do {
        yaml_event_type_t t = peek(L);
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
            level++;
        else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
            level--;
        else if (t == YAML_NO_EVENT)
            return;
        advance(L);
    } while (level > 0);
}

static NodeKind node_kind(const Loader *L)
{
    switch (peek(L)) {
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
        return NODE_SCALAR;
    case YAML_SEQUENCE_START_EVENT:
        return NODE_SEQUENCE;
    case YAML_MAPPING_START_EVENT:
        return NODE_MAPPING;
    default:
        return NODE_NONE;
    }
}

static const char *node_name(NodeKind k)
{
    switch (k) {
    case NODE_SEQUENCE:
        return "a list";
    case NODE_MAPPING:
        return "a mapping";
    default:
        return "a single value";
    }
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static ScalarKind resolve_plain(const char *s, size_t n)
{
    /* Most values are words: only these first characters can start a null,
     * a boolean or a number. */
    if (n > 0 && !strchr("~nNtTfF+-.0123456789", s[0]))
        return SCALAR_STRING;
    if (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
        strcmp(s, "NULL") == 0)
        return SCALAR_NULL;
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
        strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
        return SCALAR_BOOL;
    size_t i = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o') && n > 2) {
        bool hex = s[1] == 'x';
        for (i = 2; i < n; i++)
            if (!(hex ? isxdigit((unsigned char)s[i]) : (s[i] >= '0' && s[i] <= '7')))
                break;
        if (i == n)
            return SCALAR_INT;
    }
    i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    size_t digits = 0;
    while (i < n && isdigit((unsigned char)s[i]))
        i++, digits++;
    if (i == n && digits > 0)
        return SCALAR_INT;
    /* float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? or .inf/.nan */
    const char *rest = s + ((s[0] == '+' || s[0] == '-') ? 1 : 0);
    if (strcmp(rest, ".inf") == 0 || strcmp(rest, ".Inf") == 0 || strcmp(rest, ".INF") == 0 ||
        strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0)
        return SCALAR_FLOAT;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return SCALAR_STRING;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, exp++;
        if (exp == 0)
            return SCALAR_STRING;
    }
    return i == n ? SCALAR_FLOAT : SCALAR_STRING;
}

static ScalarKind scalar_kind(const yaml_event_t *e, const char *text, size_t len)
{
    const char *tag = (const char *)e->data.scalar.tag;
    if (tag) {
        if (strcmp(tag, "tag:yaml.org,2002:int") == 0)
            return SCALAR_INT;
        if (strcmp(tag, "tag:yaml.org,2002:bool") == 0)
            return SCALAR_BOOL;
        if (strcmp(tag, "tag:yaml.org,2002:null") == 0)
            return SCALAR_NULL;
        if (strcmp(tag, "tag:yaml.org,2002:float") == 0)
            return SCALAR_FLOAT;
        return SCALAR_STRING;
    }
    if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return SCALAR_STRING;
    return resolve_plain(text, len);
}

/* Reads the value at the current event into `out`. Scalars are copied into
 * the arena; anything else is noted (and skipped) so the checks can say what
 * was found. Over-long text is reported here, once. */
static void read_value(Loader *L, Mark key, RawScalar *out)
{
    *out = (RawScalar){.present = true, .key = key, .at = here(L), .node = node_kind(L)};
    if (peek(L) == YAML_ALIAS_EVENT) { /* already reported */
        out->bad = true;
        out->text = "";
        advance(L);
        return;
    }
    if (out->node != NODE_SCALAR) {
        skip_node(L);
        out->bad = L->stop; /* cut short by a syntax error: that is the message */
        return;
    }
    const char *s = (const char *)L->ev.data.scalar.value;
    size_t n = L->ev.data.scalar.length;
    out->kind = scalar_kind(&L->ev, s, n);
    if (n > PACK_MAX_STRING) {
        error_at(L, out->at, "text is %zu bytes long; the limit is %d bytes", n, PACK_MAX_STRING);
        out->bad = true;
        out->text = "";
    } else if (memchr(s, '\0', n)) {
        error_at(L, out->at, "text contains a NUL character");
        out->bad = true;
        out->text = "";
    } else {
        out->text = arena_strndup(&L->arena, s, n);
        out->len = n;
        if (!out->text) {
            error_at(L, out->at, "out of memory");
            out->bad = true;
            out->text = "";
        }
    }
    advance(L);
    /* A value right before a syntax error is whatever libyaml made of the
     * broken text: the syntax error is the message, not the value's type. */
    if (L->stop)
        out->bad = true;
}

/* --------------------------------------------------------- value checks */

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* A text value: a scalar that is not null or a boolean (a plain number is
 * taken as written, so `answer: 1991` works). Reports and returns false
 * otherwise. `required_text` also refuses empty or blank text. */
static bool check_text(Loader *L, RawScalar *v, const char *what, bool required_text)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != NODE_SCALAR) {
        error_at(L, v->at, "'%s' must be text, not %s", what, node_name(v->node));
        v->bad = true;
        return false;
    }
    if (v->kind == SCALAR_NULL) {
        if (required_text) {
            error_at(L, v->at, "'%s' is empty", what);
            v->bad = true;
            return false;
        }
        v->text = "";
        return true;
    }
    if (v->kind == SCALAR_BOOL) {
        error_at(L, v->at,
                 "'%s' must be text, not the boolean %s (put it in quotes if you mean the word)",
                 what, v->text);
        v->bad = true;
        return false;
    }
    if (required_text && is_blank(v->text)) {
        error_at(L, v->at, "'%s' is empty", what);
        v->bad = true;
        return false;
    }
    return true;
}

/* The value of a scalar that resolve_plain() called an integer: decimal
 * (leading zeros are still decimal in YAML 1.2), 0x hex or 0o octal.
 * False when it does not fit in a long long. */
static bool parse_int(const char *text, long long *out)
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
    return errno != ERANGE && *end == '\0';
}

/* True when check_text(v, ..., true) would accept v without a word: a
 * scalar with non-blank text that is not null or a boolean. */
static bool is_plain_text(const RawScalar *v)
{
    return v->present && !v->bad && v->node == NODE_SCALAR && v->kind != SCALAR_NULL &&
           v->kind != SCALAR_BOOL && !is_blank(v->text);
}

/* An integer in [lo, hi]. */
static bool check_int(Loader *L, RawScalar *v, const char *what, long lo, long hi, int *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != NODE_SCALAR || v->kind != SCALAR_INT) {
        if (v->node == NODE_SCALAR)
            error_at(L, v->at, "'%s' must be a whole number from %ld to %ld, not '%s'%s", what, lo,
                     hi, v->text,
                     v->kind == SCALAR_STRING && resolve_plain(v->text, v->len) == SCALAR_INT
                         ? " (remove the quotes)"
                         : "");
        else
            error_at(L, v->at, "'%s' must be a whole number from %ld to %ld, not %s", what, lo, hi,
                     node_name(v->node));
        v->bad = true;
        return false;
    }
    long long x;
    if (!parse_int(v->text, &x) || x < lo || x > hi) {
        error_at(L, v->at, "'%s' is %s; it must be from %ld to %ld", what, v->text, lo, hi);
        v->bad = true;
        return false;
    }
    *out = (int)x;
    return true;
}

static bool check_bool(Loader *L, RawScalar *v, const char *what, bool *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != NODE_SCALAR || v->kind != SCALAR_BOOL) {
        error_at(L, v->at, "'%s' must be true or false (unquoted), not %s%s%s", what,
                 v->node == NODE_SCALAR ? "'" : "",
                 v->node == NODE_SCALAR ? v->text : node_name(v->node),
                 v->node == NODE_SCALAR ? "'" : "");
        v->bad = true;
        return false;
    }
    *out = v->text[0] == 't' || v->text[0] == 'T';
    return true;
}

static bool is_valid_id(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

/* Characters, not bytes: topic and section ids may be any text. The
 * input is valid UTF-8, so counting the bytes that start a character is
 * enough. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Every kind of id (pack, question, topic, section) and every reference to
 * one is at most PACK_MAX_ID characters: ids are keys of the learner's
 * history and are shown in lists, so they stay short. */
static bool check_id_length(Loader *L, RawScalar *v, const char *what)
{
    size_t n = utf8_length(v->text);
    if (n <= PACK_MAX_ID)
        return true;
    error_at(L, v->at, "%s is %zu characters long; the limit is %d", what, n, PACK_MAX_ID);
    v->bad = true;
    return false;
}

/* A pack or question id: [a-z0-9][a-z0-9-]*, at most PACK_MAX_ID long. */
static bool check_id(Loader *L, RawScalar *v, const char *what)
{
    if (!check_text(L, v, what, true))
        return false;
    char buf[80];
    if (!is_valid_id(v->text)) {
        error_at(L, v->at,
                 "%s '%s' may use only lowercase letters a-z, digits and '-', "
                 "and must start with a letter or digit",
                 what, excerpt(v->text, buf, sizeof buf));
        v->bad = true;
        return false;
    }
    return check_id_length(L, v, what);
}

/* BCP 47, in the shape that matters here: a 2-3 (or 4-8) letter language
 * subtag and optional subtags of 1-8 letters or digits. */
static bool is_language_tag(const char *s)
{
    size_t n = 0;
    while (isalpha((unsigned char)s[n]))
        n++;
    if (n < 2 || n > 8)
        return false;
    s += n;
    while (*s == '-') {
        s++;
        n = 0;
        while (isalnum((unsigned char)s[n]))
            n++;
        if (n < 1 || n > 8)
            return false;
        s += n;
    }
    return *s == '\0';
}

/* ----------------------------------------------------------- lists */

/* True when the current event is a plain scalar with nothing in it: a key
 * written with no value (`choices:`). */
static bool is_empty_plain(const Loader *L)
{
    return peek(L) == YAML_SCALAR_EVENT && L->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           L->ev.data.scalar.length == 0;
}

/* What is said when a list was expected and `kind` was written instead. */
static void not_a_list(Loader *L, Mark at, const char *what, NodeKind kind, bool empty)
{
    if (empty)
        error_at(L, at, "'%s' is empty; it must be a list", what);
    else
        error_at(L, at, "'%s' must be a list (lines starting with '- ', or [a, b]), not %s", what,
                 node_name(kind));
}

/* Reads a list of text values. Entries past MAX_LIST_KEPT are counted but
 * not stored; the callers' limits are all below it. */
static void read_text_list(Loader *L, Mark key, const char *what, RawList *out)
{
    memset(out, 0, offsetof(RawList, items));
    out->present = true;
    out->key = key;
    out->at = here(L);
    if (node_kind(L) != NODE_SEQUENCE) {
        not_a_list(L, out->at, what, node_kind(L), is_empty_plain(L));
        out->bad = true;
        skip_node(L);
        return;
    }
    advance(L);
    while (peek(L) != YAML_SEQUENCE_END_EVENT && peek(L) != YAML_NO_EVENT) {
        RawScalar v;
        read_value(L, key, &v);
        out->count++;
        if (!is_plain_text(&v)) { /* the label is only needed for a message */
            char label[96];
            snprintf(label, sizeof label, "%s entry %zu", what, out->count);
            check_text(L, &v, label, true);
            out->bad = true;
            continue;
        }
        if (out->kept < MAX_LIST_KEPT) {
            out->items[out->kept] = v.text;
            out->marks[out->kept] = v.at;
            out->kept++;
        }
    }
    advance(L);
}

/* Reports the second of any two equal entries. */
static bool check_distinct(Loader *L, const RawList *list, const char *what)
{
    bool ok = true;
    char buf[80];
    for (size_t i = 1; i < list->kept; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(list->items[i], list->items[j]) == 0) {
                error_at(L, list->marks[i], "duplicate %s '%s' (already entry %zu)", what,
                         excerpt(list->items[i], buf, sizeof buf), j + 1);
                ok = false;
                break;
            }
    return ok;
}

static bool check_count(Loader *L, const RawList *list, const char *what, size_t lo, size_t hi)
{
    if (list->count < lo || list->count > hi) {
        error_at(L, list->at, "'%s' has %zu %s; it must have %zu to %zu", what, list->count,
                 list->count == 1 ? "entry" : "entries", lo, hi);
        return false;
    }
    return true;
}

static const char **list_copy(Loader *L, const RawList *list)
{
    const char **a = arena_alloc_array(&L->arena, list->kept ? list->kept : 1, sizeof *a);
    if (a)
        memcpy(a, list->items, list->kept * sizeof *a);
    return a;
}

/* match pairs: a list of single-entry mappings `- left: right`. */
static void read_pairs(Loader *L, Mark key, RawPairs *out)
{
    memset(out, 0, offsetof(RawPairs, items));
    out->present = true;
    out->key = key;
    out->at = here(L);
    if (node_kind(L) != NODE_SEQUENCE) {
        error_at(L, out->at, "'pairs' must be a list of '- left: right' entries, not %s",
                 node_name(node_kind(L)));
        out->bad = true;
        skip_node(L);
        return;
    }
    advance(L);
    while (peek(L) != YAML_SEQUENCE_END_EVENT && peek(L) != YAML_NO_EVENT) {
        Mark at = here(L);
        size_t index = ++out->count;
        if (node_kind(L) != NODE_MAPPING) {
            error_at(L, at, "pair %zu must be one 'left: right' entry, not %s", index,
                     node_name(node_kind(L)));
            out->bad = true;
            skip_node(L);
            continue;
        }
        advance(L);
        size_t entries = 0;
        RawScalar left = {0}, right = {0};
        while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
            entries++;
            RawScalar k, v;
            read_value(L, here(L), &k);
            read_value(L, k.at, &v);
            if (entries == 1) {
                left = k;
                right = v;
            }
        }
        advance(L);
        if (entries != 1) {
            error_at(L, at, "pair %zu must be exactly one 'left: right' entry; it has %zu", index,
                     entries);
            out->bad = true;
            continue;
        }
        if (!is_plain_text(&left) || !is_plain_text(&right)) {
            char label[40];
            snprintf(label, sizeof label, "pair %zu left side", index);
            check_text(L, &left, label, true);
            snprintf(label, sizeof label, "pair %zu right side", index);
            check_text(L, &right, label, true);
            out->bad = true;
            continue;
        }
        if (out->kept < MAX_LIST_KEPT) {
            out->items[out->kept] = (MatchPair){left.text, right.text};
            out->left_marks[out->kept] = left.at;
            out->right_marks[out->kept] = right.at;
            out->kept++;
        }
    }
    advance(L);
}

/* A cloze's `accept: {N: [...], ...}`. Each list is read and checked here,
 * whatever the type turns out to be (as read_text_list does for any list);
 * the gap numbers need the text's gap count, so check_gap_accepts() judges
 * them once the question is complete. */
static void read_gap_accepts(Loader *L, RawAccept *out)
{
    advance(L); /* MAPPING_START */
    while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
        RawScalar gap;
        read_value(L, here(L), &gap);
        size_t index = ++out->gap_entries;
        char label[48], number[16];
        if (gap.node == NODE_SCALAR && !gap.bad)
            snprintf(label, sizeof label, "accept gap %s",
                     excerpt(gap.text, number, sizeof number));
        else
            snprintf(label, sizeof label, "accept entry %zu", index);
        RawList *list = &out->scratch;
        read_text_list(L, gap.at, label, list);
        if (index > MAX_CLOZE_GAPS)
            continue; /* reported as a whole by check_gap_accepts */
        RawGapAccept *g = &out->gaps[out->gaps_kept++];
        *g = (RawGapAccept){.gap = gap};
        if (list->bad)
            continue;
        bool ok = true;
        if (list->count > MAX_ACCEPT) {
            error_at(L, list->at, "'%s' has %zu entries; the limit is %d", label, list->count,
                     MAX_ACCEPT);
            ok = false;
        }
        ok = check_distinct(L, list, "accepted answer") && ok;
        if (!ok)
            continue;
        g->count = list->kept;
        g->items = g->count ? list_copy(L, list) : NULL;
        g->ok = !g->count || g->items;
    }
    advance(L); /* MAPPING_END */
}

/* `accept` in either shape (see RawAccept). */
static void read_accept(Loader *L, Mark key, RawAccept *out)
{
    memset(out, 0, offsetof(RawAccept, list));
    memset(&out->list, 0, offsetof(RawList, items));
    out->present = true;
    out->key = key;
    out->at = here(L);
    out->node = node_kind(L);
    if (out->node == NODE_SEQUENCE) {
        read_text_list(L, key, "accept", &out->list);
    } else if (out->node == NODE_MAPPING) {
        read_gap_accepts(L, out);
    } else {
        out->empty = is_empty_plain(L);
        out->bad = peek(L) == YAML_ALIAS_EVENT;
        skip_node(L);
    }
    if (L->stop)
        out->bad = true; /* see read_value: the syntax error is the message */
}

/* --------------------------------------------------------------- keys */

/* Reads a mapping key at the current event. Returns false (after reporting
 * and skipping key and value) when the key is not plain text. */
static bool read_key(Loader *L, char *buf, size_t size, Mark *at)
{
    *at = here(L);
    if (peek(L) != YAML_SCALAR_EVENT) {
        if (peek(L) != YAML_ALIAS_EVENT)
            error_at(L, *at, "a key must be a single word, not %s", node_name(node_kind(L)));
        skip_node(L);
        skip_node(L);
        return false;
    }
    const char *s = (const char *)L->ev.data.scalar.value;
    size_t n = L->ev.data.scalar.length;
    if (n >= size)
        n = size - 1; /* long keys are unknown keys anyway */
    memcpy(buf, s, n);
    buf[n] = '\0';
    advance(L);
    return true;
}

/* Edit distance with adjacent swaps (optimal string alignment), ignoring
 * case: "titel" is one edit from "title". Bounded: keys are short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t d[41][41];
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

/* The closest of `names` to `word`, or NULL when none is close enough to be
 * a likely slip: at most a third of the word's length in edits (at least
 * one, at most three, and never the whole word), or one of the two being
 * the start of the other ("multiple" for "multi"). */
static const char *closest(const char *word, const char *const *names, size_t count)
{
    const char *best = NULL;
    size_t best_d = 99, len = strlen(word);
    size_t limit = len / 3 < 1 ? 1 : len / 3;
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < count; i++) {
        size_t d = edit_distance(word, names[i]);
        size_t n = strlen(names[i]);
        size_t shorter = n < len ? n : len;
        if (d > limit && shorter >= 4 && strncmp(word, names[i], shorter) == 0)
            d = limit; /* a prefix: likely the same word, written longer */
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best_d <= limit && best_d < len ? best : NULL;
}

static void unknown_key(Loader *L, Mark at, const char *key, const char *where,
                        const char *const *names, size_t count)
{
    char buf[80];
    const char *hint = closest(key, names, count);
    if (hint) {
        error_at(L, at, "unknown key '%s' in %s (did you mean '%s'?)",
                 excerpt(key, buf, sizeof buf), where, hint);
        return;
    }
    char list[400] = "";
    size_t used = 0;
    for (size_t i = 0; i < count && used < sizeof list - 40; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    error_at(L, at, "unknown key '%s' in %s; expected one of: %s", excerpt(key, buf, sizeof buf),
             where, list);
}

static int key_index(const char *key, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (key[0] == names[i][0] && strcmp(key, names[i]) == 0)
            return (int)i;
    return -1;
}

static void duplicate_key(Loader *L, Mark at, const char *key, Mark first)
{
    error_at(L, at, "duplicate key '%s' (first given on line %d)", key, first.line);
}

/* ------------------------------------------------------------- cloze */

/* Cuts a cloze text at its {{answer|hint}} gaps into the question. Reports
 * (at the text's position) an unclosed or empty gap, or no gap at all. */
static bool parse_cloze(Loader *L, const RawScalar *v, Question *q)
{
    ClozeGap gaps[MAX_CLOZE_GAPS];
    const char *parts[MAX_CLOZE_GAPS + 1];
    size_t n = 0;
    const char *s = v->text, *start = s;
    while ((s = strstr(s, "{{")) != NULL) {
        const char *close = strstr(s + 2, "}}");
        if (!close) {
            error_at(L, v->at, "cloze text has '{{' without a closing '}}'");
            return false;
        }
        const char *inner = s + 2;
        const char *open_again = strstr(inner, "{{");
        if (open_again && open_again < close) {
            error_at(L, v->at, "cloze gaps cannot be nested: '{{' inside another gap");
            return false;
        }
        if (n == MAX_CLOZE_GAPS) {
            error_at(L, v->at, "cloze text has more than %d gaps", MAX_CLOZE_GAPS);
            return false;
        }
        const char *bar = memchr(inner, '|', (size_t)(close - inner));
        const char *answer_end = bar ? bar : close;
        const char *a = inner, *ae = answer_end;
        while (a < ae && isspace((unsigned char)*a))
            a++;
        while (ae > a && isspace((unsigned char)ae[-1]))
            ae--;
        if (a == ae) {
            error_at(L, v->at, "cloze gap %zu has no answer: write {{answer}} or {{answer|hint}}",
                     n + 1);
            return false;
        }
        const char *h = bar ? bar + 1 : close, *he = close;
        while (h < he && isspace((unsigned char)*h))
            h++;
        while (he > h && isspace((unsigned char)he[-1]))
            he--;
        parts[n] = arena_strndup(&L->arena, start, (size_t)(s - start));
        gaps[n] = (ClozeGap){.answer = arena_strndup(&L->arena, a, (size_t)(ae - a)),
                             .hint = arena_strndup(&L->arena, h, (size_t)(he - h))};
        if (!parts[n] || !gaps[n].answer || !gaps[n].hint)
            return false;
        n++;
        s = start = close + 2;
    }
    if (n == 0) {
        error_at(L, v->at, "cloze text has no gap: mark each answer as {{answer}}");
        return false;
    }
    parts[n] = arena_strdup(&L->arena, start);
    q->gaps = arena_alloc_array(&L->arena, n, sizeof *q->gaps);
    q->cloze_parts = arena_alloc_array(&L->arena, n + 1, sizeof *q->cloze_parts);
    if (!parts[n] || !q->gaps || !q->cloze_parts)
        return false;
    memcpy(q->gaps, gaps, n * sizeof *gaps);
    memcpy(q->cloze_parts, parts, (n + 1) * sizeof *parts);
    q->gap_count = n;
    return true;
}

/* --------------------------------------------------------- questions */

static RawScalar *question_scalar(RawQuestion *r, QuestionKey k)
{
    switch (k) {
    case QK_ID:
        return &r->id;
    case QK_TYPE:
        return &r->type;
    case QK_PROMPT:
        return &r->prompt;
    case QK_TOPIC:
        return &r->topic;
    case QK_EXPLAIN:
        return &r->explain;
    case QK_SOURCE:
        return &r->source;
    case QK_DIFFICULTY:
        return &r->difficulty;
    case QK_TIME_LIMIT:
        return &r->time_limit;
    case QK_POINTS:
        return &r->points;
    case QK_ANSWER:
        return &r->answer;
    case QK_SHUFFLE:
        return &r->shuffle;
    case QK_TEXT:
        return &r->text;
    case QK_FRONT:
        return &r->front;
    case QK_BACK:
        return &r->back;
    default:
        return NULL;
    }
}

static RawList *question_list(RawQuestion *r, QuestionKey k)
{
    switch (k) {
    case QK_TAGS:
        return &r->tags;
    case QK_CHOICES:
        return &r->choices;
    case QK_ANSWERS:
        return &r->answers;
    case QK_ITEMS:
        return &r->items;
    default:
        return NULL;
    }
}

/* Reads one question's mapping into L->raw, key by key. Returns false when
 * a syntax error cut the mapping short. */
static bool read_question(Loader *L)
{
    RawQuestion *r = &L->raw;
    r->seen = 0;
    r->at = here(L);
    /* Reset only the headers: the entry arrays are large and refilled. */
    for (int k = 0; k < QK_COUNT; k++) {
        RawScalar *s = question_scalar(r, (QuestionKey)k);
        if (s)
            *s = (RawScalar){0};
        RawList *l = question_list(r, (QuestionKey)k);
        if (l)
            memset(l, 0, offsetof(RawList, items));
    }
    memset(&r->pairs, 0, offsetof(RawPairs, items));
    memset(&r->accept, 0, offsetof(RawAccept, list));
    advance(L); /* MAPPING_START */
    while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!read_key(L, key, sizeof key, &at))
            continue;
        int k = key_index(key, question_keys, QK_COUNT);
        if (k < 0) {
            unknown_key(L, at, key, "a question", question_keys, QK_COUNT);
            skip_node(L);
            continue;
        }
        if (r->seen & QBIT(k)) {
            duplicate_key(L, at, key, r->key_marks[k]);
            skip_node(L);
            continue;
        }
        r->seen |= QBIT(k);
        r->key_marks[k] = at;
        RawScalar *s = question_scalar(r, (QuestionKey)k);
        RawList *l = question_list(r, (QuestionKey)k);
        if (s)
            read_value(L, at, s);
        else if (l)
            read_text_list(L, at, key, l);
        else if (k == QK_ACCEPT)
            read_accept(L, at, &r->accept);
        else
            read_pairs(L, at, &r->pairs);
    }
    bool complete = peek(L) == YAML_MAPPING_END_EVENT;
    advance(L); /* MAPPING_END */
    return complete;
}

static Question *push_question(Loader *L)
{
    if (L->question_count == L->question_cap) {
        size_t cap = L->question_cap ? L->question_cap + L->question_cap / 2 : 64;
        Question *q = realloc(L->questions, cap * sizeof *q);
        QuestionFixups *f = realloc(L->fixups, cap * sizeof *f);
        if (q)
            L->questions = q;
        if (f)
            L->fixups = f;
        if (!q || !f)
            return NULL;
        L->question_cap = cap;
    }
    QuestionFixups *f = &L->fixups[L->question_count];
    *f = (QuestionFixups){0};
    Question *q = &L->questions[L->question_count++];
    *q = (Question){.prompt = "",
                    .topic = "",
                    .explain = "",
                    .source = "",
                    .answer = "",
                    .text = "",
                    .front = "",
                    .back = "",
                    .difficulty = PACK_DEFAULT_DIFFICULTY,
                    .shuffle = true};
    return q;
}

/* Index of `text` in the kept entries of `list`, or -1. */
static int find_entry(const RawList *list, const char *text)
{
    for (size_t i = 0; i < list->kept; i++)
        if (strcmp(list->items[i], text) == 0)
            return (int)i;
    return -1;
}

static void answer_not_a_choice(Loader *L, Mark at, const char *what, const char *text,
                                const RawList *choices)
{
    char buf[80];
    const char *hint = closest(text, choices->items, choices->kept);
    if (hint)
        error_at(L, at, "%s '%s' is not one of the choices (did you mean '%s'?)", what,
                 excerpt(text, buf, sizeof buf), hint);
    else
        error_at(L, at, "%s '%s' is not one of the choices", what, excerpt(text, buf, sizeof buf));
}

static void check_choices(Loader *L, RawQuestion *r, Question *q)
{
    RawList *c = &r->choices;
    if (!c->present || c->bad)
        return;
    bool ok = check_count(L, c, "choices", PACK_MIN_OPTIONS, PACK_MAX_OPTIONS);
    ok = check_distinct(L, c, "choice") && ok;
    if (!ok) {
        c->bad = true;
        return;
    }
    q->choices = list_copy(L, c);
    q->choice_count = c->kept;
}

/* The gap numbers of a cloze's `accept` (its lists were checked as they were
 * read), then each list joins its gap. `q->gap_count` is 0 when the text
 * was in error: then only what does not need the count is checked. */
static void check_gap_accepts(Loader *L, const RawAccept *a, Question *q)
{
    if (!a->present || a->bad)
        return;
    if (a->node != NODE_MAPPING) {
        error_at(L, a->at,
                 "for a cloze, 'accept' maps a gap number to a list, e.g. accept: {1: [...]}");
        return;
    }
    if (a->gap_entries > MAX_CLOZE_GAPS)
        error_at(L, a->at, "'accept' has %zu entries; a cloze has at most %d gaps", a->gap_entries,
                 MAX_CLOZE_GAPS);
    Mark first[MAX_CLOZE_GAPS];
    bool seen[MAX_CLOZE_GAPS] = {false};
    char buf[80];
    for (size_t i = 0; i < a->gaps_kept; i++) {
        const RawGapAccept *g = &a->gaps[i];
        const RawScalar *v = &g->gap;
        if (v->bad)
            continue;
        if (v->node != NODE_SCALAR || v->kind != SCALAR_INT) {
            bool quoted = v->node == NODE_SCALAR && v->kind == SCALAR_STRING &&
                          resolve_plain(v->text, v->len) == SCALAR_INT;
            if (v->node == NODE_SCALAR)
                error_at(L, v->at,
                         "cloze 'accept' keys are gap numbers (1 = the first gap), not '%s'%s",
                         excerpt(v->text, buf, sizeof buf), quoted ? " (remove the quotes)" : "");
            else
                error_at(L, v->at,
                         "cloze 'accept' keys are gap numbers (1 = the first gap), not %s",
                         node_name(v->node));
            continue;
        }
        long long n;
        if (!parse_int(v->text, &n))
            n = LLONG_MAX; /* too big for any text */
        if (n < 1) {
            error_at(L, v->at, "cloze 'accept' names gap %s; gaps are numbered from 1",
                     excerpt(v->text, buf, sizeof buf));
            continue;
        }
        if (q->gap_count && (unsigned long long)n > q->gap_count) {
            error_at(L, v->at, "cloze 'accept' names gap %s, but the text has %zu %s",
                     excerpt(v->text, buf, sizeof buf), q->gap_count,
                     q->gap_count == 1 ? "gap" : "gaps");
            continue;
        }
        if (n > MAX_CLOZE_GAPS)
            continue; /* the text is in error: its gap count is unknown */
        size_t gap = (size_t)n - 1;
        if (seen[gap]) {
            error_at(L, v->at, "duplicate gap %lld in 'accept' (first given on line %d)", n,
                     first[gap].line);
            continue;
        }
        seen[gap] = true;
        first[gap] = v->at;
        if (g->ok && q->gap_count) {
            q->gaps[gap].accept = g->items;
            q->gaps[gap].accept_count = g->count;
        }
    }
}

/* Checks the keys of one type; `q` receives the type's fields. */
static void check_type_fields(Loader *L, RawQuestion *r, Question *q)
{
    switch (q->type) {
    case QUESTION_CHOICE:
        check_choices(L, r, q);
        if (check_text(L, &r->answer, "answer", true) && r->choices.present && !r->choices.bad) {
            int i = find_entry(&r->choices, r->answer.text);
            if (i < 0)
                answer_not_a_choice(L, r->answer.at, "answer", r->answer.text, &r->choices);
            else
                q->answer_index = (size_t)i;
        }
        break;
    case QUESTION_MULTI:
        check_choices(L, r, q);
        if (r->answers.present && !r->answers.bad) {
            RawList *a = &r->answers;
            if (a->count == 0)
                error_at(L, a->at, "'answers' is empty; list at least one right choice");
            check_distinct(L, a, "answer");
            if (r->choices.present && !r->choices.bad) {
                for (size_t i = 0; i < a->kept; i++) {
                    int c = find_entry(&r->choices, a->items[i]);
                    if (c < 0)
                        answer_not_a_choice(L, a->marks[i], "answer", a->items[i], &r->choices);
                    else
                        q->answer_mask |= 1u << c;
                }
            }
        }
        break;
    case QUESTION_TRUEFALSE:
        check_bool(L, &r->answer, "answer", &q->truth);
        break;
    case QUESTION_TYPED:
        if (check_text(L, &r->answer, "answer", true))
            q->answer = r->answer.text;
        if (r->accept.present && !r->accept.bad) {
            const RawAccept *a = &r->accept;
            if (a->node != NODE_SEQUENCE) {
                not_a_list(L, a->at, "accept", a->node, a->empty);
            } else if (!a->list.bad) {
                if (a->list.count > MAX_ACCEPT)
                    error_at(L, a->list.at, "'accept' has %zu entries; the limit is %d",
                             a->list.count, MAX_ACCEPT);
                q->accept = list_copy(L, &a->list);
                q->accept_count = a->list.kept;
            }
        }
        break;
    case QUESTION_ORDER:
        if (r->items.present && !r->items.bad) {
            bool ok = check_count(L, &r->items, "items", PACK_MIN_OPTIONS, PACK_MAX_OPTIONS);
            ok = check_distinct(L, &r->items, "item") && ok;
            if (ok) {
                q->items = list_copy(L, &r->items);
                q->item_count = r->items.kept;
            }
        }
        break;
    case QUESTION_MATCH: {
        RawPairs *p = &r->pairs;
        if (!p->present || p->bad)
            break;
        if (p->count < PACK_MIN_OPTIONS || p->count > PACK_MAX_OPTIONS) {
            error_at(L, p->at, "'pairs' has %zu %s; it must have %d to %d", p->count,
                     p->count == 1 ? "entry" : "entries", PACK_MIN_OPTIONS, PACK_MAX_OPTIONS);
            break;
        }
        char buf[80];
        bool ok = true;
        for (size_t i = 1; i < p->kept; i++)
            for (size_t j = 0; j < i; j++) {
                if (strcmp(p->items[i].left, p->items[j].left) == 0) {
                    error_at(L, p->left_marks[i], "duplicate left side '%s' (already pair %zu)",
                             excerpt(p->items[i].left, buf, sizeof buf), j + 1);
                    ok = false;
                }
                if (strcmp(p->items[i].right, p->items[j].right) == 0) {
                    error_at(L, p->right_marks[i], "duplicate right side '%s' (already pair %zu)",
                             excerpt(p->items[i].right, buf, sizeof buf), j + 1);
                    ok = false;
                }
            }
        if (ok) {
            q->pairs = arena_alloc_array(&L->arena, p->kept, sizeof *q->pairs);
            if (q->pairs)
                memcpy(q->pairs, p->items, p->kept * sizeof *q->pairs);
            q->pair_count = p->kept;
        }
        break;
    }
    case QUESTION_CLOZE:
        if (check_text(L, &r->text, "text", true) && parse_cloze(L, &r->text, q))
            q->text = r->text.text;
        check_gap_accepts(L, &r->accept, q);
        break;
    case QUESTION_FLASHCARD:
        if (check_text(L, &r->front, "front", true))
            q->front = r->front.text;
        if (check_text(L, &r->back, "back", true))
            q->back = r->back.text;
        break;
    default:
        break;
    }
}

/* What a type needs that was not given: messages name the key to add. */
static void check_required(Loader *L, const RawQuestion *r, QuestionType type, const char *qid)
{
    static const struct {
        QuestionType type;
        QuestionKey key;
        const char *hint;
    } needs[] = {
        {QUESTION_CHOICE, QK_CHOICES, "a list of 2 to 8 choices"},
        {QUESTION_CHOICE, QK_ANSWER, "the right choice"},
        {QUESTION_MULTI, QK_CHOICES, "a list of 2 to 8 choices"},
        {QUESTION_MULTI, QK_ANSWERS, "a list of the right choices"},
        {QUESTION_TRUEFALSE, QK_ANSWER, "true or false"},
        {QUESTION_TYPED, QK_ANSWER, "the expected answer"},
        {QUESTION_ORDER, QK_ITEMS, "the items in the right order"},
        {QUESTION_MATCH, QK_PAIRS, "a list of '- left: right' pairs"},
        {QUESTION_CLOZE, QK_TEXT, "the text with {{gaps}}"},
        {QUESTION_FLASHCARD, QK_FRONT, "the card's front"},
        {QUESTION_FLASHCARD, QK_BACK, "the card's back"},
    };
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
        if (needs[i].type == type && !(r->seen & QBIT(needs[i].key)))
            error_at(L, r->at, "%s question '%s' is missing '%s' (%s)", question_type_name(type),
                     qid, question_keys[needs[i].key], needs[i].hint);
    if (type != QUESTION_CLOZE && type != QUESTION_FLASHCARD && !(r->seen & QBIT(QK_PROMPT)))
        error_at(L, r->at, "question '%s' is missing 'prompt' (the question text)", qid);
}

/* Checks the question just read into L->raw and appends it to the pack. */
static void check_question(Loader *L)
{
    RawQuestion *r = &L->raw;
    Question *q = push_question(L);
    if (!q) {
        error_at(L, r->at, "out of memory");
        L->stop = true;
        return;
    }
    QuestionFixups *fix = &L->fixups[L->question_count - 1];
    q->line = r->at.line;

    char qid[80] = "?";
    if (!r->id.present)
        error_at(L, r->at, "question %zu is missing 'id'", L->question_count);
    else if (check_id(L, &r->id, "question id")) {
        q->id = r->id.text;
        excerpt(q->id, qid, sizeof qid);
        uint32_t first_line;
        switch (id_index_insert(&L->question_ids, q->id, (uint32_t)q->line, &first_line)) {
        case ID_INDEX_DUPLICATE:
            error_at(L, r->id.at, "duplicate question id '%s' (first used on line %u)", qid,
                     (unsigned)first_line);
            break;
        case ID_INDEX_NO_MEMORY:
            error_at(L, r->id.at, "out of memory");
            break;
        default:
            break;
        }
    }
    if (!q->id)
        q->id = "";

    bool type_known = false;
    if (!r->type.present)
        error_at(L, r->at,
                 "question '%s' is missing 'type' (one of choice, multi, truefalse, "
                 "typed, order, match, cloze, flashcard)",
                 qid);
    else if (check_text(L, &r->type, "type", true)) {
        type_known = question_type_parse(r->type.text, &q->type);
        if (!type_known) {
            static const char *const names[QUESTION_TYPE_COUNT] = {
                "choice", "multi", "truefalse", "typed", "order", "match", "cloze", "flashcard"};
            const char *hint = closest(r->type.text, names, QUESTION_TYPE_COUNT);
            char buf[80];
            if (hint)
                error_at(L, r->type.at, "unknown question type '%s' (did you mean '%s'?)",
                         excerpt(r->type.text, buf, sizeof buf), hint);
            else
                error_at(L, r->type.at,
                         "unknown question type '%s'; use one of choice, multi, "
                         "truefalse, typed, order, match, cloze, flashcard",
                         excerpt(r->type.text, buf, sizeof buf));
        }
    }

    if (type_known) {
        unsigned allowed = common_keys | type_keys[q->type];
        for (int k = 0; k < QK_COUNT; k++) {
            if (!(r->seen & QBIT(k)) || (allowed & QBIT(k)))
                continue;
            if (k == QK_ANSWER && q->type == QUESTION_MULTI)
                error_at(L, r->key_marks[k],
                         "multi questions take 'answers' (a list of the "
                         "right choices), not 'answer'");
            else if (k == QK_ANSWERS && q->type != QUESTION_MULTI && (allowed & QBIT(QK_ANSWER)))
                error_at(L, r->key_marks[k], "%s questions take one 'answer', not 'answers'",
                         question_type_name(q->type));
            else
                error_at(L, r->key_marks[k], "'%s' does not belong in a %s question",
                         question_keys[k], question_type_name(q->type));
        }
        check_required(L, r, q->type, qid);
        check_type_fields(L, r, q);
        if ((q->type == QUESTION_CHOICE || q->type == QUESTION_MULTI) && r->shuffle.present)
            check_bool(L, &r->shuffle, "shuffle", &q->shuffle);
    }

    bool prompt_required =
        !type_known || (q->type != QUESTION_CLOZE && q->type != QUESTION_FLASHCARD);
    if (r->prompt.present && check_text(L, &r->prompt, "prompt", prompt_required))
        q->prompt = r->prompt.text;
    if (r->explain.present && check_text(L, &r->explain, "explain", false))
        q->explain = r->explain.text;
    if (r->topic.present && check_text(L, &r->topic, "topic", true) &&
        check_id_length(L, &r->topic, "topic")) {
        q->topic = r->topic.text;
        fix->topic = r->topic.at;
    }
    if (r->source.present && check_text(L, &r->source, "source", true) &&
        check_id_length(L, &r->source, "source")) {
        q->source = r->source.text;
        fix->source = r->source.at;
    }
    if (r->difficulty.present)
        check_int(L, &r->difficulty, "difficulty", 1, 3, &q->difficulty);
    if (r->time_limit.present)
        fix->has_time_limit =
            check_int(L, &r->time_limit, "time_limit", 0, PACK_MAX_TIME_LIMIT, &q->time_limit);
    if (r->points.present)
        fix->has_points = check_int(L, &r->points, "points", 1, PACK_MAX_POINTS, &q->points);
    if (r->tags.present && !r->tags.bad) {
        if (r->tags.count > MAX_TAGS)
            error_at(L, r->tags.at, "'tags' has %zu entries; the limit is %d", r->tags.count,
                     MAX_TAGS);
        q->tags = list_copy(L, &r->tags);
        q->tag_count = r->tags.kept;
    }
    if (!r->explain.present || !q->explain[0]) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "question '%s' has no 'explain': students will see only "
                 "the answer",
                 qid);
        warning_at(L, r->at, msg);
    }
}

/* 'questions': a non-empty list of question mappings. */
static void parse_questions(Loader *L, Mark key)
{
    Mark at = here(L);
    if (node_kind(L) != NODE_SEQUENCE) {
        NodeKind kind = node_kind(L);
        skip_node(L);
        if (!L->stop) /* see read_value: a syntax error says it better */
            error_at(L, at, "'questions' must be a list of questions, not %s", node_name(kind));
        return;
    }
    (void)key;
    advance(L);
    size_t seen = 0;
    while (peek(L) != YAML_SEQUENCE_END_EVENT && peek(L) != YAML_NO_EVENT) {
        if (seen == PACK_MAX_QUESTIONS) {
            error_at(L, here(L), "more than %d questions; split the pack into several files",
                     PACK_MAX_QUESTIONS);
            L->too_many_questions = true;
            L->stop = true; /* no point reading (and holding) the rest */
            return;
        }
        seen++;
        if (node_kind(L) != NODE_MAPPING) {
            error_at(L, here(L),
                     "question %zu must be a mapping of keys (id, type, prompt, ...), "
                     "not %s",
                     seen, node_name(node_kind(L)));
            skip_node(L);
            continue;
        }
        if (!read_question(L))
            return; /* a syntax error cut the question short: no guessing */
        check_question(L);
    }
    advance(L);
    if (seen == 0)
        error_at(L, at, "'questions' is empty; a pack needs at least one question");
}

/* ----------------------------------------------------------- top level */

typedef struct TopLevel {
    Mark at;
    unsigned seen;
    Mark key_marks[TK_COUNT];
    RawScalar format, id, title, description, language, author;
    bool has_questions, has_topics, has_sections;
    IdIndex topic_ids, section_ids;
} TopLevel;

static void parse_source(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (node_kind(L) != NODE_MAPPING) {
        error_at(L, here(L), "'source' must be a mapping with 'title' and 'sections', not %s",
                 node_name(node_kind(L)));
        skip_node(L);
        return;
    }
    advance(L);
    unsigned seen = 0;
    Mark marks[2] = {{0, 0}, {0, 0}};
    while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!read_key(L, key, sizeof key, &at))
            continue;
        int k = key_index(key, source_keys, 2);
        if (k < 0) {
            unknown_key(L, at, key, "'source'", source_keys, 2);
            skip_node(L);
            continue;
        }
        if (seen & (1u << k)) {
            duplicate_key(L, at, key, marks[k]);
            skip_node(L);
            continue;
        }
        seen |= 1u << k;
        marks[k] = at;
        if (k == 0) {
            RawScalar v;
            read_value(L, at, &v);
            if (check_text(L, &v, "source title", false))
                p->source_title = v.text;
            continue;
        }
        /* sections: a mapping of section id to title */
        if (node_kind(L) != NODE_MAPPING) {
            error_at(L, here(L), "'sections' must be a mapping of section id to title, not %s",
                     node_name(node_kind(L)));
            skip_node(L);
            continue;
        }
        t->has_sections = true;
        advance(L);
        size_t cap = 0;
        while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
            RawScalar id, title;
            read_value(L, here(L), &id);
            read_value(L, id.at, &title);
            if (!check_text(L, &id, "section id", true) || !check_id_length(L, &id, "section id"))
                continue;
            if (!check_text(L, &title, "section title", true))
                continue;
            if (p->section_count == MAX_SECTIONS) {
                error_at(L, id.at, "more than %d sections", MAX_SECTIONS);
                continue;
            }
            uint32_t first;
            if (id_index_insert(&t->section_ids, id.text, (uint32_t)id.at.line, &first) ==
                ID_INDEX_DUPLICATE) {
                duplicate_key(L, id.at, id.text, (Mark){(int)first, 1});
                continue;
            }
            if (p->section_count == cap) {
                size_t ncap = cap ? cap * 2 : 8;
                PackSection *ns = arena_alloc_array(&L->arena, ncap, sizeof *ns);
                if (!ns)
                    continue;
                if (cap)
                    memcpy(ns, p->sections, cap * sizeof *ns);
                p->sections = ns;
                cap = ncap;
            }
            p->sections[p->section_count++] = (PackSection){id.text, title.text};
        }
        advance(L);
    }
    advance(L);
}

static void parse_topics(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (node_kind(L) != NODE_SEQUENCE) {
        error_at(L, here(L), "'topics' must be a list of {id, title} entries, not %s",
                 node_name(node_kind(L)));
        skip_node(L);
        return;
    }
    t->has_topics = true;
    advance(L);
    size_t cap = 0, index = 0;
    while (peek(L) != YAML_SEQUENCE_END_EVENT && peek(L) != YAML_NO_EVENT) {
        Mark at = here(L);
        index++;
        if (node_kind(L) != NODE_MAPPING) {
            error_at(L, at, "topic %zu must be a mapping with 'id' and 'title', not %s", index,
                     node_name(node_kind(L)));
            skip_node(L);
            continue;
        }
        advance(L);
        RawScalar fields[2] = {{0}, {0}};
        while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
            char key[64];
            Mark kat;
            if (!read_key(L, key, sizeof key, &kat))
                continue;
            int k = key_index(key, topic_keys, 2);
            if (k < 0) {
                unknown_key(L, kat, key, "a topic", topic_keys, 2);
                skip_node(L);
            } else if (fields[k].present) {
                duplicate_key(L, kat, key, fields[k].key);
                skip_node(L);
            } else {
                read_value(L, kat, &fields[k]);
            }
        }
        advance(L);
        bool ok = true;
        for (int k = 0; k < 2; k++) {
            if (!fields[k].present) {
                error_at(L, at, "topic %zu is missing '%s'", index, topic_keys[k]);
                ok = false;
            } else if (!check_text(L, &fields[k], k == 0 ? "topic id" : "topic title", true)) {
                ok = false;
            } else if (k == 0 && !check_id_length(L, &fields[k], "topic id")) {
                ok = false;
            }
        }
        if (!ok)
            continue;
        if (p->topic_count == MAX_TOPICS) {
            error_at(L, at, "more than %d topics", MAX_TOPICS);
            continue;
        }
        uint32_t first;
        if (id_index_insert(&t->topic_ids, fields[0].text, (uint32_t)fields[0].at.line, &first) ==
            ID_INDEX_DUPLICATE) {
            error_at(L, fields[0].at, "duplicate topic id '%s' (first used on line %u)",
                     fields[0].text, (unsigned)first);
            continue;
        }
        if (p->topic_count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            PackTopic *nt = arena_alloc_array(&L->arena, ncap, sizeof *nt);
            if (!nt)
                continue;
            if (cap)
                memcpy(nt, p->topics, cap * sizeof *nt);
            p->topics = nt;
            cap = ncap;
        }
        p->topics[p->topic_count++] = (PackTopic){fields[0].text, fields[1].text};
    }
    advance(L);
}

static void parse_defaults(Loader *L)
{
    Pack *p = L->pack;
    if (node_kind(L) != NODE_MAPPING) {
        error_at(L, here(L), "'defaults' must be a mapping (time_limit, points), not %s",
                 node_name(node_kind(L)));
        skip_node(L);
        return;
    }
    advance(L);
    RawScalar fields[2] = {{0}, {0}};
    while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!read_key(L, key, sizeof key, &at))
            continue;
        int k = key_index(key, defaults_keys, 2);
        if (k < 0) {
            unknown_key(L, at, key, "'defaults'", defaults_keys, 2);
            skip_node(L);
        } else if (fields[k].present) {
            duplicate_key(L, at, key, fields[k].key);
            skip_node(L);
        } else {
            read_value(L, at, &fields[k]);
        }
    }
    advance(L);
    if (fields[0].present)
        check_int(L, &fields[0], "time_limit", 0, PACK_MAX_TIME_LIMIT, &p->default_time_limit);
    if (fields[1].present)
        check_int(L, &fields[1], "points", 1, PACK_MAX_POINTS, &p->default_points);
}

/* The checks that need the whole file: required top-level keys, declared
 * topics and sections, and the defaults applied to every question. */
static void finish_pack(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (!(t->seen & (1u << TK_FORMAT)))
        error_at(L, t->at, "missing 'format' (write 'format: 1' at the top)");
    if (!(t->seen & (1u << TK_ID)))
        error_at(L, t->at, "missing 'id' (the pack's id, e.g. 'id: my-pack')");
    if (!(t->seen & (1u << TK_TITLE)))
        error_at(L, t->at, "missing 'title' (the name shown in the pack list)");
    if (!(t->seen & (1u << TK_QUESTIONS)))
        error_at(L, t->at, "missing 'questions' (the list of questions)");

    char buf[80];
    for (size_t i = 0; i < L->question_count; i++) {
        Question *q = &L->questions[i];
        const QuestionFixups *f = &L->fixups[i];
        if (q->topic[0] && t->has_topics && !id_index_contains(&t->topic_ids, q->topic)) {
            const char *ids[64];
            size_t n = p->topic_count < 64 ? p->topic_count : 64;
            for (size_t j = 0; j < n; j++)
                ids[j] = p->topics[j].id;
            const char *hint = closest(q->topic, ids, n);
            error_at(L, f->topic, "topic '%s' is not declared in 'topics'%s%s%s",
                     excerpt(q->topic, buf, sizeof buf), hint ? " (did you mean '" : "",
                     hint ? hint : "", hint ? "'?)" : "");
        }
        if (q->source[0] && !id_index_contains(&t->section_ids, q->source)) {
            if (!t->has_sections) {
                error_at(L, f->source,
                         "source '%s' is not declared: add it under "
                         "'source: sections:' at the top of the pack",
                         excerpt(q->source, buf, sizeof buf));
            } else {
                const char *ids[64];
                size_t n = p->section_count < 64 ? p->section_count : 64;
                for (size_t j = 0; j < n; j++)
                    ids[j] = p->sections[j].id;
                const char *hint = closest(q->source, ids, n);
                error_at(L, f->source, "source '%s' is not declared in 'source.sections'%s%s%s",
                         excerpt(q->source, buf, sizeof buf), hint ? " (did you mean '" : "",
                         hint ? hint : "", hint ? "'?)" : "");
            }
        }
        if (!f->has_time_limit)
            q->time_limit = p->default_time_limit;
        if (!f->has_points)
            q->points = p->default_points;
    }
}

static void parse_top_level(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    t->at = here(L);
    advance(L); /* MAPPING_START */
    while (peek(L) != YAML_MAPPING_END_EVENT && peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!read_key(L, key, sizeof key, &at))
            continue;
        int k = key_index(key, top_keys, TK_COUNT);
        if (k < 0) {
            unknown_key(L, at, key, "the pack", top_keys, TK_COUNT);
            skip_node(L);
            continue;
        }
        if (t->seen & (1u << k)) {
            duplicate_key(L, at, key, t->key_marks[k]);
            skip_node(L);
            continue;
        }
        t->seen |= 1u << k;
        t->key_marks[k] = at;
        switch ((TopKey)k) {
        case TK_FORMAT: {
            read_value(L, at, &t->format);
            RawScalar *v = &t->format;
            if (v->bad)
                break;
            if (v->node == NODE_SCALAR && v->kind == SCALAR_INT) {
                long long version;
                if (!parse_int(v->text, &version) || version != PACK_FORMAT_VERSION)
                    error_at(L, v->at,
                             "unsupported format %s: this version of quizdeck reads "
                             "format %d",
                             v->text, PACK_FORMAT_VERSION);
            } else {
                error_at(L, v->at, "'format' must be the number %d (unquoted), not %s%s%s",
                         PACK_FORMAT_VERSION, v->node == NODE_SCALAR ? "'" : "",
                         v->node == NODE_SCALAR ? v->text : node_name(v->node),
                         v->node == NODE_SCALAR ? "'" : "");
            }
            break;
        }
        case TK_ID:
            read_value(L, at, &t->id);
            if (check_id(L, &t->id, "pack id")) {
                p->id = t->id.text;
                p->id_line = t->id.at.line;
                p->id_column = t->id.at.col;
            }
            break;
        case TK_TITLE:
            read_value(L, at, &t->title);
            if (check_text(L, &t->title, "title", true))
                p->title = t->title.text;
            break;
        case TK_DESCRIPTION:
            read_value(L, at, &t->description);
            if (check_text(L, &t->description, "description", false))
                p->description = t->description.text;
            break;
        case TK_AUTHOR:
            read_value(L, at, &t->author);
            if (check_text(L, &t->author, "author", false))
                p->author = t->author.text;
            break;
        case TK_LANGUAGE:
            read_value(L, at, &t->language);
            if (check_text(L, &t->language, "language", true)) {
                if (!is_language_tag(t->language.text))
                    error_at(L, t->language.at,
                             "language '%s' is not a language tag like "
                             "'en', 'ar' or 'pt-BR'",
                             excerpt(t->language.text, (char[80]){0}, 80));
                else
                    p->language = t->language.text;
            }
            break;
        case TK_SOURCE:
            parse_source(L, t);
            break;
        case TK_TOPICS:
            parse_topics(L, t);
            break;
        case TK_DEFAULTS:
            parse_defaults(L);
            break;
        case TK_QUESTIONS:
            parse_questions(L, at);
            break;
        default:
            skip_node(L);
            break;
        }
    }
    advance(L); /* MAPPING_END */
    if (!L->stop)
        finish_pack(L, t);
}

/* The stream: exactly one document whose root is a mapping. */
static void parse_stream(Loader *L)
{
    advance(L); /* STREAM_START */
    advance(L);
    if (peek(L) == YAML_STREAM_END_EVENT) {
        error_at(L, (Mark){1, 1},
                 "the file is empty: a pack needs format, id, title and "
                 "questions");
        return;
    }
    if (peek(L) != YAML_DOCUMENT_START_EVENT)
        return; /* a syntax error, already reported */
    advance(L);
    TopLevel t = {0};
    if (node_kind(L) == NODE_MAPPING) {
        parse_top_level(L, &t);
    } else if (!L->stop) {
        error_at(L, here(L),
                 "a pack must be a mapping of keys (format, id, title, questions, "
                 "...), not %s",
                 node_name(node_kind(L)));
        skip_node(L);
    }
    id_index_free(&t.topic_ids);
    id_index_free(&t.section_ids);
    if (peek(L) == YAML_DOCUMENT_END_EVENT)
        advance(L);
    if (peek(L) == YAML_DOCUMENT_START_EVENT)
        error_at(L, here(L),
                 "a second YAML document ('---') starts here; a pack file holds "
                 "exactly one");
}

/* Stable insertion sort of this file's records by position, so a reader
 * meets them in file order. Bounded by DIAG_MAX_ITEMS. */
static void sort_diags(Loader *L)
{
    size_t n = L->diags->count - L->first_diag;
    if (n < 2)
        return; /* also: items may still be NULL, and NULL + 0 is undefined */
    Diag *d = L->diags->items + L->first_diag;
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

/* Runs the loader over its input; returns the Pack or NULL. */
static Pack *load(Loader *L)
{
    L->first_diag = L->diags->count;
    L->errors_before = L->diags->error_count;
    L->input.line = 1;
    L->input.col = 1;
    L->pack = arena_alloc(&L->arena, sizeof *L->pack);
    if (!L->pack || !yaml_parser_initialize(&L->parser)) {
        diag_add(L->diags, DIAG_ERROR, L->name, 1, 1, "out of memory");
        arena_free(&L->arena);
        return NULL;
    }
    Pack *p = L->pack;
    *p = (Pack){.id = "",
                .title = "",
                .description = "",
                .language = "en",
                .author = "",
                .source_title = "",
                .default_time_limit = PACK_DEFAULT_TIME_LIMIT,
                .default_points = PACK_DEFAULT_POINTS};
    p->path = arena_strdup(&L->arena, L->name);
    yaml_parser_set_input(&L->parser, input_read, &L->input);

    parse_stream(L);

    if (L->have_ev)
        yaml_event_delete(&L->ev);
    yaml_parser_delete(&L->parser);
    id_index_free(&L->question_ids);
    free(L->fixups);
    sort_diags(L);

    if (has_errors(L) || !p->path) {
        free(L->questions);
        arena_free(&L->arena);
        return NULL;
    }
    /* The question array was grown with realloc; hand it to the arena so the
     * Pack still owns exactly one arena. */
    p->question_count = L->question_count;
    p->questions = arena_adopt(&L->arena, L->questions, L->question_count * sizeof *L->questions);
    if (!p->questions) {
        diag_add(L->diags, DIAG_ERROR, L->name, 1, 1, "out of memory");
        arena_free(&L->arena);
        return NULL;
    }
    p->arena = L->arena;
    return p;
}

Pack *pack_load_buffer(const char *name, const char *data, size_t size, DiagList *diags)
{
    Loader L = {.name = name, .diags = diags};
    if (size > PACK_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, name, 1, 1, "file is larger than 64 MiB, the limit for a pack");
        return NULL;
    }
    L.input.data = (const unsigned char *)data;
    L.input.size = size;
    return load(&L);
}

Pack *pack_load_file(const char *path, DiagList *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "cannot open the file: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            diag_add(diags, DIAG_ERROR, path, 1, 1, "is a folder, not a pack file");
            fclose(f);
            return NULL;
        }
        if (st.st_size > PACK_MAX_FILE_BYTES) {
            diag_add(diags, DIAG_ERROR, path, 1, 1,
                     "file is %lld bytes, larger than 64 MiB, the limit for a pack",
                     (long long)st.st_size);
            fclose(f);
            return NULL;
        }
    }
    Loader L = {.name = path, .diags = diags};
    L.input.file = f;
    Pack *p = load(&L);
    fclose(f);
    return p;
}
