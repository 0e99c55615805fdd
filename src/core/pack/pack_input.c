/* pack_input.c - the loader's input: bytes, libyaml events, scalars.
 *
 * Bytes reach libyaml through a read handler that validates UTF-8 as it
 * streams (so an invalid byte is reported at its own line and column) and
 * enforces the 64 MiB limit. The parser is pulled one event at a time
 * (never a document tree); pl_advance() refuses anchors, aliases, unknown tags
 * and nesting deeper than the schema could need as they are met, and when
 * libyaml stops, the reason is reported in the format's words. Scalars are
 * read with their position and resolved as YAML 1.2's core schema says.
 *
 * Read pack_load_internal.h first for the Loader and the Raw* records.
 */
#include "pack_load_internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "yaml_hint.h"

/* -------------------------------------------------------------- messages */

void pl_error_at(Loader *L, Mark m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(L->diags, DIAG_ERROR, L->name, m.line, m.col, fmt, ap);
    va_end(ap);
}

void pl_warning_at(Loader *L, Mark m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(L->diags, DIAG_WARNING, L->name, m.line, m.col, fmt, ap);
    va_end(ap);
}

bool pl_progress_at(PlProgress *progress, uint64_t bytes)
{
    if (!progress)
        return false;
    /* One thread writes: a plain load and store keep it from going back. */
    if (atomic_load_explicit(&progress->bytes, memory_order_relaxed) < bytes)
        atomic_store_explicit(&progress->bytes, bytes, memory_order_relaxed);
    return atomic_load_explicit(&progress->cancel, memory_order_relaxed);
}

void pl_out_of_memory(Loader *L, Mark m)
{
    L->transient = true;
    pl_error_at(L, m, "out of memory");
}

bool pl_error_kept(const Loader *L)
{
    return diag_would_keep(L->diags, DIAG_ERROR);
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
const char *pl_excerpt(const char *text, char *buf, size_t size)
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

/* ------------------------------------------------------------ input side */

/* Validates UTF-8 as bytes stream past, tracking line and column as
 * libyaml counts them (a CR, a LF, a CR LF, U+0085, U+2028 and U+2029 each
 * end a line; a column is a character), so a bad character is reported where
 * an editor shows it. Bad is also what YAML refuses even as valid UTF-8: a
 * control character other than tab and line breaks (NUL, ESC, DEL, C1) and
 * the noncharacters U+FFFE and U+FFFF, which libyaml would only report by
 * byte offset. Returns how many bytes of `p` come before the first bad
 * character (n when all are good), so that everything before it is still
 * parsed and its problems reported. */
static size_t input_scan(Input *in, const unsigned char *p, size_t n)
{
    /* The state lives in locals while scanning: stores through `in` would
     * be reloaded after every byte (p is unsigned char, which may alias
     * *in), and that chain was a quarter of the whole load time. */
    int line = in->line, col = in->col;
    unsigned pending = in->pending, codepoint = in->codepoint, seq_len = in->seq_len;
    bool at_start = in->at_start, after_cr = in->after_cr;
    Mark bad_at = in->bad_at;
    unsigned char bad_byte = in->bad_byte;
    InputStop stop = INPUT_OK;
    size_t char_start = 0, valid = n;
    bool stream_start = in->total == n; /* p[0] is the stream's first byte */
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    for (size_t i = 0; i < n; i++) {
        /* Eight printable ASCII bytes at a time: only the column moves.
         * (x - ones * k) & ~x & high is non-zero when a byte of x (all
         * below 0x80) is below k: here below 0x20 (a line break, a tab, a
         * control) or, after x ^ 0x7F..., equal to DEL. */
        while (!pending && i + 8 <= n) {
            uint64_t w, del;
            memcpy(&w, p + i, sizeof w);
            del = w ^ (ones * 0x7F);
            if ((w & high) || ((w - ones * 0x20) & ~w & high) || ((del - ones) & ~del & high))
                break;
            col += 8;
            i += 8;
            after_cr = false;
        }
        if (i == n)
            break;
        unsigned char c = p[i];
        if (pending) {
            if ((c & 0xC0) != 0x80)
                goto bad_utf8;
            codepoint = (codepoint << 6) | (c & 0x3Fu);
            if (--pending == 0) {
                bool overlong = (seq_len == 2 && codepoint < 0x80) ||
                                (seq_len == 3 && codepoint < 0x800) ||
                                (seq_len == 4 && codepoint < 0x10000);
                if (overlong || codepoint > 0x10FFFF ||
                    (codepoint >= 0xD800 && codepoint <= 0xDFFF))
                    goto bad_utf8;
                if (codepoint <= 0x9F && codepoint != 0x85) {
                    stop = INPUT_BAD_CONTROL; /* C1 */
                    goto bad;
                }
                if (codepoint == 0xFFFE || codepoint == 0xFFFF) {
                    stop = INPUT_BAD_NONCHAR;
                    goto bad;
                }
                if (codepoint == 0x85 || codepoint == 0x2028 || codepoint == 0x2029) {
                    line++;
                    col = 1;
                } else if (at_start && codepoint == 0xFEFF) {
                    col--; /* libyaml drops the BOM: it takes no column */
                }
                at_start = false;
            }
            continue;
        }
        if (c < 0x80) {
            if (c == '\n') {
                line += !after_cr; /* CR LF ends one line, not two */
                col = 1;
            } else if (c == '\r') {
                line++;
                col = 1;
            } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
                char_start = i;
                bad_at = (Mark){line, col};
                codepoint = c;
                stop = INPUT_BAD_CONTROL;
                goto bad;
            } else {
                col++;
            }
            after_cr = c == '\r';
            continue;
        }
        /* The start of a multi-byte character: where a bad one is reported. */
        after_cr = false;
        char_start = i;
        bad_at = (Mark){line, col};
        bad_byte = c;
        at_start = stream_start && i == 0;
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
            goto bad_utf8;
        }
        seq_len = pending + 1;
    }
    goto done;
bad_utf8:
    stop = INPUT_BAD_UTF8;
bad:
    in->stop = stop;
    in->bad_char = codepoint;
    /* char_start is 0 too when the bad character began in an earlier read:
     * its first bytes are with libyaml, which will ask again and fail. */
    valid = char_start;
done:
    in->line = line;
    in->col = col;
    in->pending = pending;
    in->codepoint = codepoint;
    in->seq_len = seq_len;
    in->at_start = at_start;
    in->after_cr = after_cr;
    in->bad_at = bad_at;
    in->bad_byte = bad_byte;
    return valid;
}

int pl_input_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    Input *in = data;
    size_t n;
    *size_read = 0;
    if (in->stop != INPUT_OK)
        return 0;
    if (in->fd >= 0) {
        /* The descriptor is a regular file (fs_open_*): a read never waits,
         * and O_NONBLOCK makes anything else fail rather than block. */
        ssize_t got;
        do
            got = read(in->fd, buffer, size);
        while (got < 0 && errno == EINTR);
        if (got < 0) {
            in->read_error = errno;
            in->stop = INPUT_READ_FAILED;
            return 0;
        }
        n = (size_t)got;
        in->fd_bytes += n;
        if (in->hash)
            hash64_update(in->hash, buffer, n);
        if (pl_progress_at(in->progress, in->fd_bytes)) {
            in->stop = INPUT_CANCELLED;
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
    if (in->total > PACK_MAX_FILE_BYTES) { /* also a file that grows as it is read */
        in->stop = INPUT_TOO_BIG;
        return 0;
    }
    size_t valid = input_scan(in, buffer, n);
    if (in->stop != INPUT_OK) {
        /* Hand over what precedes the bad character; the next read fails. */
        *size_read = valid;
        return valid > 0;
    }
    if (n == 0 && in->pending) { /* the file ends inside a character */
        in->stop = INPUT_BAD_UTF8;
        return 0;
    }
    *size_read = n;
    return 1;
}

/* The name of a control character, for its message ("" when it has none
 * worth saying). */
static const char *control_name(unsigned c)
{
    switch (c) {
    case 0x00:
        return " (NUL)";
    case 0x1B:
        return " (ESC)";
    case 0x7F:
        return " (DEL)";
    case 0x0C:
        return " (form feed)";
    case 0x0B:
        return " (vertical tab)";
    case 0x08:
        return " (backspace)";
    default:
        return "";
    }
}

/* ---------------------------------------------------------------- events */

/* Feeds the file from its first byte to `lines` until it has what it
 * wants: the descriptor is read with pread (its offset is left alone), a
 * memory buffer directly. Only after a syntax error, so the cost (at most
 * one more read of the file) is paid by broken files alone. */
static void collect_lines(const Input *in, YamlLines *lines)
{
    if (in->fd < 0) {
        yaml_lines_feed(lines, in->data, in->size);
        yaml_lines_feed(lines, NULL, 0);
        return;
    }
    char buf[16384];
    off_t offset = 0;
    for (;;) {
        ssize_t got = pread(in->fd, buf, sizeof buf, offset);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            yaml_lines_feed(lines, NULL, 0);
            return;
        }
        if (!yaml_lines_feed(lines, buf, (size_t)got))
            return;
        offset += got;
    }
}

/* libyaml's syntax error, with a plain-language hint when the lines around
 * it show a known mistake (yaml_hint.h), pointing where the hint says. */
static void report_syntax_error(Loader *L)
{
    const yaml_parser_t *p = &L->parser;
    Mark m = mark_of(p->problem_mark), c = mark_of(p->context_mark);
    YamlSyntaxError error = {
        .problem = p->problem,
        .context = p->context,
        .line = m.line,
        .column = m.col,
        .context_line = c.line,
        .context_column = c.col,
    };
    YamlLines lines;
    yaml_lines_init(&lines, &error);
    collect_lines(&L->input, &lines);
    char message[1024];
    Mark at;
    yaml_hint_message(&error, &lines, message, sizeof message, &at.line, &at.col);
    yaml_lines_free(&lines);
    pl_error_at(L, at, "%s", message);
}

/* Reports why libyaml stopped, in the format's words, and stops the loader. */
static void report_parser_error(Loader *L)
{
    const Input *in = &L->input;
    L->stop = true;
    switch (in->stop) {
    case INPUT_BAD_UTF8:
        pl_error_at(L, in->bad_at, "invalid UTF-8 (byte 0x%02X): packs must be saved as UTF-8",
                    in->bad_byte);
        return;
    case INPUT_BAD_CONTROL:
        pl_error_at(L, in->bad_at,
                    "control character U+%04X%s is not allowed in a pack; delete it%s",
                    in->bad_char, control_name(in->bad_char),
                    in->bad_char == 0 ? " (a file full of them may be saved as UTF-16: "
                                        "packs must be saved as UTF-8)"
                                      : "");
        return;
    case INPUT_BAD_NONCHAR:
        pl_error_at(L, in->bad_at,
                    "U+%04X is not a character and is not allowed in a pack; "
                    "delete it",
                    in->bad_char);
        return;
    case INPUT_TOO_BIG:
        pl_error_at(L, (Mark){1, 1}, "file is larger than 64 MiB, the limit for a pack");
        return;
    case INPUT_READ_FAILED:
        L->transient = true;
        pl_error_at(L, (Mark){1, 1}, "cannot read the file: %s", strerror(in->read_error));
        return;
    case INPUT_CANCELLED:
        L->transient = true;
        pl_error_at(L, (Mark){1, 1}, "loading was stopped before the end of the file");
        return;
    case INPUT_OK:
        break;
    }
    const yaml_parser_t *p = &L->parser;
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        L->transient = true;
        pl_error_at(L, (Mark){1, 1}, "out of memory while reading the file");
        return;
    case YAML_READER_ERROR:
        pl_error_at(L, (Mark){1, 1}, "cannot read the text: %s (at byte %zu)",
                    p->problem ? p->problem : "unknown problem", p->problem_offset);
        return;
    default:
        report_syntax_error(L);
        return;
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
void pl_advance(Loader *L)
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
        pl_error_at(L, at, "aliases (*%s) are not supported: write the value out in full",
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
        pl_error_at(L, at, "anchors (&%s) are not supported: write each value out in full",
                    (const char *)anchor);
    if (tag && !is_standard_tag((const char *)tag))
        pl_error_at(L, at, "YAML tag '%s' is not supported", (const char *)tag);
    if (e->type == YAML_SEQUENCE_START_EVENT || e->type == YAML_MAPPING_START_EVENT) {
        if (++L->depth > MAX_DEPTH) {
            pl_error_at(L, at, "values are nested more than %d levels deep; a pack needs far fewer",
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

yaml_event_type_t pl_peek(const Loader *L)
{
    return L->stop ? YAML_NO_EVENT : L->ev.type;
}

Mark pl_here(const Loader *L)
{
    return mark_of(L->ev.start_mark);
}

/* Consumes the node that starts at the current event, whatever it is. */
void pl_skip_node(Loader *L)
{
    int level = 0;
    do {
        yaml_event_type_t t = pl_peek(L);
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
            level++;
        else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
            level--;
        else if (t == YAML_NO_EVENT)
            return;
        pl_advance(L);
    } while (level > 0);
}

NodeKind pl_node_kind(const Loader *L)
{
    switch (pl_peek(L)) {
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

const char *pl_node_name(NodeKind k)
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
ScalarKind pl_resolve_plain(const char *s, size_t n)
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
    return pl_resolve_plain(text, len);
}

void pl_read_value(Loader *L, Mark key, RawScalar *out)
{
    pl_read_value_into(L, key, out, NULL);
}

/* Reads the value at the current event into `out`. Scalars are copied into
 * the arena, or into `scratch` when it is not NULL; anything else is noted
 * (and skipped) so the checks can say what was found. Over-long text is
 * reported here, once. */
void pl_read_value_into(Loader *L, Mark key, RawScalar *out, char *scratch)
{
    *out = (RawScalar){.present = true, .key = key, .at = pl_here(L), .node = pl_node_kind(L)};
    if (pl_peek(L) == YAML_ALIAS_EVENT) { /* already reported */
        out->bad = true;
        out->text = "";
        pl_advance(L);
        return;
    }
    if (out->node != NODE_SCALAR) {
        pl_skip_node(L);
        out->bad = L->stop; /* cut short by a syntax error: that is the message */
        return;
    }
    const char *s = (const char *)L->ev.data.scalar.value;
    size_t n = L->ev.data.scalar.length;
    out->kind = scalar_kind(&L->ev, s, n);
    if (n > PACK_MAX_STRING) {
        pl_error_at(L, out->at, "text is %zu bytes long; the limit is %d bytes", n,
                    PACK_MAX_STRING);
        out->bad = true;
        out->text = "";
    } else if (memchr(s, '\0', n)) {
        pl_error_at(L, out->at, "text contains a NUL character");
        out->bad = true;
        out->text = "";
    } else if (scratch) {
        memcpy(scratch, s, n);
        scratch[n] = '\0';
        out->text = scratch;
        out->len = n;
    } else {
        out->text = arena_strndup(&L->arena, s, n);
        out->len = n;
        if (!out->text) {
            pl_out_of_memory(L, out->at);
            out->bad = true;
            out->text = "";
        }
    }
    pl_advance(L);
    /* A value right before a syntax error is whatever libyaml made of the
     * broken text: the syntax error is the message, not the value's type. */
    if (L->stop)
        out->bad = true;
}

/* True when the current event is a plain scalar with nothing in it: a key
 * written with no value (`choices:`). */
bool pl_is_empty_plain(const Loader *L)
{
    return pl_peek(L) == YAML_SCALAR_EVENT && L->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           L->ev.data.scalar.length == 0;
}

/* --------------------------------------------------------------- keys */

/* Reads a mapping key at the current event. Returns false (after reporting
 * and skipping key and value) when the key is not a single text value, or
 * holds a NUL (written "\0" in double quotes). */
bool pl_read_key(Loader *L, char *buf, size_t size, Mark *at)
{
    *at = pl_here(L);
    if (pl_peek(L) != YAML_SCALAR_EVENT) {
        if (pl_peek(L) != YAML_ALIAS_EVENT)
            pl_error_at(L, *at, "a key must be a single word, not %s",
                        pl_node_name(pl_node_kind(L)));
        pl_skip_node(L);
        pl_skip_node(L);
        return false;
    }
    const char *s = (const char *)L->ev.data.scalar.value;
    size_t n = L->ev.data.scalar.length;
    if (memchr(s, '\0', n)) {
        /* "author\0junk" would compare as "author" */
        pl_error_at(L, *at, "a key cannot contain a NUL character");
        pl_advance(L);
        pl_skip_node(L);
        return false;
    }
    if (n >= size) /* long keys are unknown keys anyway; cut between characters */
        n = text_char_boundary(s, size - 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
    pl_advance(L);
    return true;
}
