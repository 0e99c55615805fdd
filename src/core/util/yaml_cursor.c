/* yaml_cursor.c - the input and the event cursor of yaml_cursor.h: bytes
 * checked as they stream, libyaml's events pulled one at a time with their
 * positions, libyaml's stops said in the format's words, and scalars read
 * and resolved as YAML 1.2's core schema says.
 *
 * The checks of the values read here are in yaml_values.c. Read
 * yaml_cursor.h first.
 */
#include "yaml_cursor.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "strutil.h"
#include "yaml_hint.h"

/* -------------------------------------------------------------- messages */

void yc_error(YcCursor *c, YcMark at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(c->diags, DIAG_ERROR, c->name, at.line, at.col, fmt, ap);
    va_end(ap);
}

void yc_warning(YcCursor *c, YcMark at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(c->diags, DIAG_WARNING, c->name, at.line, at.col, fmt, ap);
    va_end(ap);
}

void yc_out_of_memory(YcCursor *c, YcMark at)
{
    c->transient = true;
    yc_error(c, at, "out of memory");
}

bool yc_error_kept(const YcCursor *c)
{
    return diag_would_keep(c->diags, DIAG_ERROR);
}

bool yc_has_errors(const YcCursor *c)
{
    return c->diags->error_count > c->errors_before;
}

static YcMark mark_of(yaml_mark_t m)
{
    YcMark r = {
        .line = m.line >= (size_t)INT_MAX ? INT_MAX : (int)m.line + 1,
        .col = m.column >= (size_t)INT_MAX ? INT_MAX : (int)m.column + 1,
    };
    return r;
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
static size_t input_scan(YcInput *in, const unsigned char *p, size_t n)
{
    /* The state lives in locals while scanning: stores through `in` would
     * be reloaded after every byte (p is unsigned char, which may alias
     * *in), and that chain was a quarter of the whole load time. */
    int line = in->line, col = in->col;
    unsigned pending = in->pending, codepoint = in->codepoint, seq_len = in->seq_len;
    bool at_start = in->at_start, after_cr = in->after_cr;
    YcMark bad_at = in->bad_at;
    unsigned char bad_byte = in->bad_byte;
    YcInputStop stop = YC_INPUT_OK;
    bool controls_ok = in->controls_ok;
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
                if (codepoint <= 0x9F && codepoint != 0x85 && !controls_ok) {
                    stop = YC_INPUT_BAD_CONTROL; /* C1 */
                    goto bad;
                }
                if ((codepoint == 0xFFFE || codepoint == 0xFFFF) && !controls_ok) {
                    stop = YC_INPUT_BAD_NONCHAR;
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
            } else if (((c < 0x20 && c != '\t') || c == 0x7F) && !controls_ok) {
                char_start = i;
                bad_at = (YcMark){line, col};
                codepoint = c;
                stop = YC_INPUT_BAD_CONTROL;
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
        bad_at = (YcMark){line, col};
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
    stop = YC_INPUT_BAD_UTF8;
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

bool yc_utf8_check(const char *s, size_t n, YcMark *at, unsigned char *byte)
{
    YcInput in = {.line = 1, .col = 1, .total = n, .controls_ok = true};
    input_scan(&in, (const unsigned char *)s, n);
    bool ok = in.stop == YC_INPUT_OK && in.pending == 0; /* not cut inside a character */
    if (!ok && at)
        *at = in.bad_at;
    if (!ok && byte)
        *byte = in.bad_byte;
    return ok;
}

/* libyaml's read handler over a descriptor or a memory buffer. */
static int input_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    YcCursor *c = data;
    YcInput *in = &c->input;
    size_t n;
    *size_read = 0;
    if (in->stop != YC_INPUT_OK)
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
            in->stop = YC_INPUT_READ_FAILED;
            return 0;
        }
        n = (size_t)got;
        in->fd_bytes += n;
        if (in->observer && in->observer(in->observer_context, buffer, n, in->fd_bytes)) {
            in->stop = YC_INPUT_CANCELLED;
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
    if (in->total > c->format->max_bytes) { /* also a file that grows as it is read */
        in->stop = YC_INPUT_TOO_BIG;
        return 0;
    }
    size_t valid = input_scan(in, buffer, n);
    if (in->stop != YC_INPUT_OK) {
        /* Hand over what precedes the bad character; the next read fails. */
        *size_read = valid;
        return valid > 0;
    }
    if (n == 0 && in->pending) { /* the file ends inside a character */
        in->stop = YC_INPUT_BAD_UTF8;
        return 0;
    }
    *size_read = n;
    return 1;
}

static bool open_input(YcCursor *c, const YcFormat *format, const char *name, Arena *arena,
                       DiagList *diags, YcInput input)
{
    *c = (YcCursor){.format = format, .name = name, .diags = diags, .arena = arena};
    c->first_diag = diags->count;
    c->errors_before = diags->error_count;
    c->input = input;
    c->input.line = 1;
    c->input.col = 1;
    if (!yaml_parser_initialize(&c->parser)) {
        c->stop = true;
        yc_out_of_memory(c, (YcMark){1, 1});
        return false;
    }
    c->ready = true;
    yaml_parser_set_input(&c->parser, input_read, c);
    return true;
}

bool yc_open_buffer(YcCursor *c, const YcFormat *format, const char *name, const void *data,
                    size_t size, Arena *arena, DiagList *diags)
{
    return open_input(c, format, name, arena, diags,
                      (YcInput){.fd = -1, .data = data, .size = size});
}

bool yc_open_fd(YcCursor *c, const YcFormat *format, const char *name, int fd, Arena *arena,
                DiagList *diags)
{
    return open_input(c, format, name, arena, diags, (YcInput){.fd = fd});
}

void yc_close(YcCursor *c)
{
    if (c->have_ev)
        yaml_event_delete(&c->ev);
    c->have_ev = false;
    if (c->ready)
        yaml_parser_delete(&c->parser);
    c->ready = false;
}

/* The name of a control character, for its message ("" when it has none
 * worth saying). */
static const char *control_name(unsigned ch)
{
    switch (ch) {
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
static void collect_lines(const YcInput *in, YamlLines *lines)
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

/* libyaml's syntax error, with a plain-language hint when the format wants
 * one and the lines around it show a known mistake (yaml_hint.h), pointing
 * where the hint says. */
static void report_syntax_error(YcCursor *c)
{
    const yaml_parser_t *p = &c->parser;
    YcMark m = mark_of(p->problem_mark), ctx = mark_of(p->context_mark);
    YamlSyntaxError error = {
        .problem = p->problem,
        .context = p->context,
        .line = m.line,
        .column = m.col,
        .context_line = ctx.line,
        .context_column = ctx.col,
    };
    char message[1024];
    YcMark at;
    if (c->format->syntax_hints) {
        YamlLines lines;
        yaml_lines_init(&lines, &error);
        collect_lines(&c->input, &lines);
        yaml_hint_message(&error, &lines, message, sizeof message, &at.line, &at.col);
        yaml_lines_free(&lines);
    } else {
        yaml_plain_message(&error, message, sizeof message);
        at = m;
    }
    yc_error(c, at, "%s", message);
}

/* Reports why libyaml stopped, in the format's words, and stops the cursor. */
static void report_parser_error(YcCursor *c)
{
    const YcInput *in = &c->input;
    const YcFormat *f = c->format;
    c->stop = true;
    switch (in->stop) {
    case YC_INPUT_BAD_UTF8:
        yc_error(c, in->bad_at, "invalid UTF-8 (byte 0x%02X): %s", in->bad_byte, f->utf8_advice);
        return;
    case YC_INPUT_BAD_CONTROL:
        yc_error(c, in->bad_at, "control character U+%04X%s is not allowed in %s; delete it%s%s%s",
                 in->bad_char, control_name(in->bad_char), f->noun,
                 in->bad_char == 0 ? " (a file full of them may be saved as UTF-16: " : "",
                 in->bad_char == 0 ? f->utf8_advice : "", in->bad_char == 0 ? ")" : "");
        return;
    case YC_INPUT_BAD_NONCHAR:
        yc_error(c, in->bad_at, "U+%04X is not a character and is not allowed in %s; delete it",
                 in->bad_char, f->noun);
        return;
    case YC_INPUT_TOO_BIG:
        yc_error(c, (YcMark){1, 1}, "%s", f->too_big);
        return;
    case YC_INPUT_READ_FAILED:
        c->transient = true;
        yc_error(c, (YcMark){1, 1}, "cannot read the file: %s", strerror(in->read_error));
        return;
    case YC_INPUT_CANCELLED:
        c->transient = true;
        yc_error(c, (YcMark){1, 1}, "loading was stopped before the end of the file");
        return;
    case YC_INPUT_OK:
        break;
    }
    const yaml_parser_t *p = &c->parser;
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        c->transient = true;
        yc_error(c, (YcMark){1, 1}, "out of memory while reading the file");
        return;
    case YAML_READER_ERROR:
        yc_error(c, (YcMark){1, 1}, "cannot read the text: %s (at byte %zu)",
                 p->problem ? p->problem : "unknown problem", p->problem_offset);
        return;
    default:
        report_syntax_error(c);
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

/* Loads the next event into c->ev, refusing what the formats may not use. */
void yc_advance(YcCursor *c)
{
    if (c->have_ev) {
        yaml_event_delete(&c->ev);
        c->have_ev = false;
    }
    if (c->stop) {
        memset(&c->ev, 0, sizeof c->ev);
        return;
    }
    if (!yaml_parser_parse(&c->parser, &c->ev)) {
        memset(&c->ev, 0, sizeof c->ev);
        report_parser_error(c);
        return;
    }
    c->have_ev = true;
    yaml_event_t *e = &c->ev;
    YcMark at = mark_of(e->start_mark);
    const yaml_char_t *anchor = NULL, *tag = NULL;
    switch (e->type) {
    case YAML_ALIAS_EVENT:
        yc_error(c, at, "aliases (*%s) are not supported: write the value out in full",
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
        yc_error(c, at, "anchors (&%s) are not supported: write each value out in full",
                 (const char *)anchor);
    if (tag && !is_standard_tag((const char *)tag))
        yc_error(c, at, "YAML tag '%s' is not supported", (const char *)tag);
    if (e->type == YAML_SEQUENCE_START_EVENT || e->type == YAML_MAPPING_START_EVENT) {
        if (++c->depth > c->format->max_depth) {
            yc_error(c, at, "values are nested more than %d levels deep%s", c->format->max_depth,
                     c->format->depth_note);
            c->stop = true;
            yaml_event_delete(&c->ev);
            c->have_ev = false;
            memset(&c->ev, 0, sizeof c->ev);
        }
    } else if (e->type == YAML_SEQUENCE_END_EVENT || e->type == YAML_MAPPING_END_EVENT) {
        c->depth--;
    }
}

yaml_event_type_t yc_peek(const YcCursor *c)
{
    return c->stop ? YAML_NO_EVENT : c->ev.type;
}

YcMark yc_here(const YcCursor *c)
{
    return mark_of(c->ev.start_mark);
}

/* Consumes the node that starts at the current event, whatever it is. */
void yc_skip(YcCursor *c)
{
    int level = 0;
    do {
        yaml_event_type_t t = yc_peek(c);
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
            level++;
        else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT)
            level--;
        else if (t == YAML_NO_EVENT)
            return;
        yc_advance(c);
    } while (level > 0);
}

YcNode yc_node(const YcCursor *c)
{
    switch (yc_peek(c)) {
    case YAML_SCALAR_EVENT:
    case YAML_ALIAS_EVENT:
        return YC_NODE_SCALAR;
    case YAML_SEQUENCE_START_EVENT:
        return YC_NODE_SEQUENCE;
    case YAML_MAPPING_START_EVENT:
        return YC_NODE_MAPPING;
    default:
        return YC_NODE_NONE;
    }
}

const char *yc_node_name(YcNode node)
{
    switch (node) {
    case YC_NODE_SEQUENCE:
        return "a list";
    case YC_NODE_MAPPING:
        return "a mapping";
    default:
        return "a single value";
    }
}

bool yc_is_empty_plain(const YcCursor *c)
{
    return yc_peek(c) == YAML_SCALAR_EVENT && c->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           c->ev.data.scalar.length == 0;
}

/* -------------------------------------------------------- the document */

bool yc_start_document(YcCursor *c, const char *what, const char *empty_hint, const char *keys_hint)
{
    if (c->stop)
        return false;
    yc_advance(c); /* STREAM_START */
    yc_advance(c);
    if (yc_peek(c) == YAML_STREAM_END_EVENT) {
        yc_error(c, (YcMark){1, 1}, "the file is empty: %s needs %s", what, empty_hint);
        return false;
    }
    if (yc_peek(c) != YAML_DOCUMENT_START_EVENT)
        return false; /* a syntax error, already reported */
    yc_advance(c);
    if (yc_node(c) == YC_NODE_MAPPING)
        return true;
    if (!c->stop) {
        yc_error(c, yc_here(c), "%s must be a mapping of keys (%s), not %s", what, keys_hint,
                 yc_node_name(yc_node(c)));
        yc_skip(c);
    }
    return false;
}

void yc_end_document(YcCursor *c, const char *what)
{
    if (yc_peek(c) == YAML_DOCUMENT_END_EVENT)
        yc_advance(c);
    if (yc_peek(c) == YAML_DOCUMENT_START_EVENT)
        yc_error(c, yc_here(c),
                 "a second YAML document ('---') starts here; %s file holds exactly one", what);
}

/* ------------------------------------------------------ mappings, lists */

bool yc_enter(YcCursor *c, YcNode want, const char *what, const char *shape)
{
    YcNode got = yc_node(c);
    if (got == want) {
        yc_advance(c);
        return true;
    }
    YcMark at = yc_here(c);
    bool empty = yc_is_empty_plain(c);
    bool alias = yc_peek(c) == YAML_ALIAS_EVENT;
    yc_skip(c);
    if (c->stop || alias)
        return false; /* the syntax error or the alias is the message */
    if (empty)
        yc_error(c, at, "'%s' is empty; it must be %s", what, shape);
    else
        yc_error(c, at, "'%s' must be %s, not %s", what, shape, yc_node_name(got));
    return false;
}

bool yc_more(YcCursor *c)
{
    yaml_event_type_t t = yc_peek(c);
    if (t == YAML_NO_EVENT)
        return false;
    if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
        yc_advance(c);
        return false;
    }
    return true;
}

bool yc_read_key(YcCursor *c, char *buf, size_t size, YcMark *at)
{
    *at = yc_here(c);
    if (yc_peek(c) != YAML_SCALAR_EVENT) {
        if (yc_peek(c) != YAML_ALIAS_EVENT)
            yc_error(c, *at, "a key must be a single word, not %s", yc_node_name(yc_node(c)));
        yc_skip(c);
        yc_skip(c);
        return false;
    }
    const char *s = (const char *)c->ev.data.scalar.value;
    size_t n = c->ev.data.scalar.length;
    if (memchr(s, '\0', n)) {
        /* "author\0junk" would compare as "author" */
        yc_error(c, *at, "a key cannot contain a NUL character");
        yc_advance(c);
        yc_skip(c);
        return false;
    }
    if (n >= size) /* long keys are unknown keys anyway; cut between characters */
        n = text_char_boundary(s, size - 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
    yc_advance(c);
    return true;
}

bool yc_next_key(YcCursor *c, char key[YC_MAX_KEY], YcMark *at)
{
    while (yc_more(c))
        if (yc_read_key(c, key, YC_MAX_KEY, at))
            return true;
    return false;
}

/* --------------------------------------------------------------- scalars */

/* YAML 1.2 core schema resolution of a plain scalar. */
YcScalar yc_resolve_plain(const char *s, size_t n)
{
    /* Most values are words: only these first characters can start a null,
     * a boolean or a number. */
    if (n > 0 && !strchr("~nNtTfF+-.0123456789", s[0]))
        return YC_STRING;
    if (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
        strcmp(s, "NULL") == 0)
        return YC_NULL;
    if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
        strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
        return YC_BOOL;
    size_t i = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o') && n > 2) {
        bool hex = s[1] == 'x';
        for (i = 2; i < n; i++)
            if (!(hex ? isxdigit((unsigned char)s[i]) : (s[i] >= '0' && s[i] <= '7')))
                break;
        if (i == n)
            return YC_INT;
    }
    i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    size_t digits = 0;
    while (i < n && isdigit((unsigned char)s[i]))
        i++, digits++;
    if (i == n && digits > 0)
        return YC_INT;
    /* float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? or .inf/.nan */
    const char *rest = s + ((s[0] == '+' || s[0] == '-') ? 1 : 0);
    if (strcmp(rest, ".inf") == 0 || strcmp(rest, ".Inf") == 0 || strcmp(rest, ".INF") == 0 ||
        strcmp(s, ".nan") == 0 || strcmp(s, ".NaN") == 0 || strcmp(s, ".NAN") == 0)
        return YC_FLOAT;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return YC_STRING;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < n && isdigit((unsigned char)s[i]))
            i++, exp++;
        if (exp == 0)
            return YC_STRING;
    }
    return i == n ? YC_FLOAT : YC_STRING;
}

static YcScalar scalar_kind(const yaml_event_t *e, const char *text, size_t len)
{
    const char *tag = (const char *)e->data.scalar.tag;
    if (tag) {
        if (strcmp(tag, "tag:yaml.org,2002:int") == 0)
            return YC_INT;
        if (strcmp(tag, "tag:yaml.org,2002:bool") == 0)
            return YC_BOOL;
        if (strcmp(tag, "tag:yaml.org,2002:null") == 0)
            return YC_NULL;
        if (strcmp(tag, "tag:yaml.org,2002:float") == 0)
            return YC_FLOAT;
        return YC_STRING;
    }
    if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return YC_STRING;
    return yc_resolve_plain(text, len);
}

void yc_read_value(YcCursor *c, YcMark key, YcValue *out)
{
    yc_read_value_into(c, key, out, NULL);
}

/* Anything but a scalar is noted (and skipped) so the checks can say what
 * was found. Over-long text is reported here, once. */
void yc_read_value_into(YcCursor *c, YcMark key, YcValue *out, char *scratch)
{
    *out = (YcValue){.present = true, .key = key, .at = yc_here(c), .node = yc_node(c), .text = ""};
    if (yc_peek(c) == YAML_ALIAS_EVENT) { /* already reported */
        out->bad = true;
        yc_advance(c);
        return;
    }
    if (out->node != YC_NODE_SCALAR) {
        yc_skip(c);
        out->bad = c->stop; /* cut short by a syntax error: that is the message */
        return;
    }
    const char *s = (const char *)c->ev.data.scalar.value;
    size_t n = c->ev.data.scalar.length;
    out->kind = scalar_kind(&c->ev, s, n);
    if (n > YC_MAX_STRING) {
        yc_error(c, out->at, "text is %zu bytes long; the limit is %d bytes", n, YC_MAX_STRING);
        out->bad = true;
    } else if (memchr(s, '\0', n)) {
        yc_error(c, out->at, "text contains a NUL character");
        out->bad = true;
    } else if (scratch) {
        memcpy(scratch, s, n);
        scratch[n] = '\0';
        out->text = scratch;
        out->len = n;
    } else {
        char *copy = arena_strndup(c->arena, s, n);
        if (copy) {
            out->text = copy;
            out->len = n;
        } else {
            yc_out_of_memory(c, out->at);
            out->bad = true;
        }
    }
    yc_advance(c);
    /* A value right before a syntax error is whatever libyaml made of the
     * broken text: the syntax error is the message, not the value's type. */
    if (c->stop)
        out->bad = true;
}
