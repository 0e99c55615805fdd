/* yaml_cursor.h - the one libyaml event cursor of the core, and the checked
 * values read through it: what the pack loader (src/core/pack/pack_load.c)
 * and the class readers (session files, result files, src/core/class/) share.
 *
 * Files that come from other people (design rule 9) are read the same way
 * whatever they hold: bytes reach libyaml through a read handler that checks
 * UTF-8 as they stream (a bad byte, a control character or a noncharacter is
 * reported at its own line and column) and bounds the size; the parser is
 * pulled one event at a time (never a document tree); the cursor refuses
 * anchors, aliases, unknown tags and deep nesting as it meets them; values
 * are read with their position and resolved as YAML 1.2's core schema says;
 * every problem becomes a Diag at FILE:LINE:COLUMN. When libyaml stops, the
 * reason is said in the format's words, with yaml_hint.h's hint.
 *
 * What differs between the formats (how deep they may nest, how big they
 * may be, the words of a few messages) is a YcFormat each reader owns.
 *
 * yaml_cursor.c holds the input and the cursor; yaml_values.c the checks of
 * values (text, numbers, booleans, ids, words), the key messages with their
 * bounded "did you mean", excerpts of user text and the sort of messages.
 * Read pack_load.c or session_load.c for a user of every piece.
 *
 * Names: yc_ (YAML cursor).
 */
#ifndef QUIZDECK_YAML_CURSOR_H
#define QUIZDECK_YAML_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "arena.h"
#include "diag.h"

enum {
    YC_MAX_STRING = 4096, /* one text value (= PACK_MAX_STRING) */
    YC_MAX_ID = 64,       /* characters of an id (= PACK_MAX_ID) */
    YC_MAX_KEY = 64,      /* longer keys are unknown keys anyway */
    YC_EXCERPT = 80,      /* how much of a user's text a message quotes */
};

typedef struct YcMark {
    int line, col; /* 1-based */
} YcMark;

typedef enum YcNode { YC_NODE_NONE, YC_NODE_SCALAR, YC_NODE_SEQUENCE, YC_NODE_MAPPING } YcNode;

typedef enum YcScalar { YC_NULL, YC_BOOL, YC_INT, YC_FLOAT, YC_STRING } YcScalar;

/* One value as it was read: a scalar, or the fact that it was something
 * else. text is a NUL-terminated copy for scalars, "" otherwise. */
typedef struct YcValue {
    bool present;
    bool bad;   /* already reported; later checks stay silent */
    YcMark key; /* where the key was written */
    YcMark at;  /* where the value starts */
    YcNode node;
    YcScalar kind;
    const char *text;
    size_t len;
} YcValue;

/* What one file format asks of the cursor. The words are pinned by the
 * formats' tests, so each reader keeps its own. */
typedef struct YcFormat {
    uint64_t max_bytes;       /* the input stops past this many bytes */
    const char *too_big;      /* the message then */
    int max_depth;            /* nesting beyond this is refused */
    const char *depth_note;   /* after "values are nested more than N levels deep" */
    const char *noun;         /* "a pack": "control character ... is not allowed in a pack" */
    const char *utf8_advice;  /* "packs must be saved as UTF-8" */
    bool quote_hint;          /* "must be text, not a mapping" says to quote text with ": " */
    bool syntax_hints;        /* syntax errors get yaml_hint.h's hint (else libyaml's words) */
    size_t suggestion_budget; /* edit-distance cells "did you mean" may spend per file */
} YcFormat;

/* Why the input stopped before its end (then libyaml is told the read
 * failed, and the cursor reports this instead of libyaml's words). */
typedef enum YcInputStop {
    YC_INPUT_OK,
    YC_INPUT_BAD_UTF8,    /* bad_byte at bad_at is not UTF-8 */
    YC_INPUT_BAD_CONTROL, /* bad_char at bad_at is a control character YAML refuses */
    YC_INPUT_BAD_NONCHAR, /* bad_char at bad_at is U+FFFE or U+FFFF */
    YC_INPUT_TOO_BIG,
    YC_INPUT_READ_FAILED, /* read_error says why */
    YC_INPUT_CANCELLED,   /* the observer asked to stop */
} YcInputStop;

/* Sees every byte read from a descriptor (total: bytes read so far);
 * returns true when the reading is to stop. */
typedef bool (*YcObserver)(void *context, const unsigned char *bytes, size_t n, uint64_t total);

typedef struct YcInput {
    int fd; /* or, when -1, a memory buffer: */
    const unsigned char *data;
    size_t size, offset;
    uint64_t total;    /* bytes handed to libyaml so far */
    uint64_t fd_bytes; /* bytes read from fd */
    /* UTF-8 validation across reads */
    unsigned pending; /* continuation bytes still expected */
    unsigned codepoint;
    unsigned seq_len;
    bool at_start;    /* the pending character is the stream's first (a BOM?) */
    bool after_cr;    /* the last byte was a CR: a LF now ends the same line */
    bool controls_ok; /* only UTF-8 is checked (yc_utf8_check) */
    int line, col;    /* position of the next character (1-based), as libyaml counts */
    YcMark bad_at;
    unsigned char bad_byte;
    unsigned bad_char;
    YcInputStop stop;
    int read_error;
    YcObserver observer; /* may be NULL */
    void *observer_context;
} YcInput;

typedef struct YcCursor {
    const YcFormat *format;
    const char *name; /* file name in messages (borrowed) */
    DiagList *diags;
    size_t first_diag; /* index of this file's first record */
    size_t errors_before;
    Arena *arena; /* where values are copied (borrowed) */
    yaml_parser_t parser;
    yaml_event_t ev; /* the next unconsumed event */
    bool have_ev;
    bool ready; /* the parser was initialised */
    bool stop;  /* a syntax or input error: no more events */
    int depth;
    YcInput input;
    size_t suggestion_cells; /* edit-distance work spent on "did you mean" */
    size_t suggestions;      /* "did you mean" searches run */
    /* The result says something about the machine, not the file: a read
     * error, lack of memory, a cancelled read. */
    bool transient;
} YcCursor;

/* ---- opening -------------------------------------------------------------- */

/* Starts the cursor over data[0..size) (which must outlive it) or over a
 * descriptor (a regular file: reads never wait). Set input.observer before
 * the first yc_advance(). Returns false, reported, when the parser cannot
 * start (out of memory). Call yc_close() in any case. */
bool yc_open_buffer(YcCursor *c, const YcFormat *format, const char *name, const void *data,
                    size_t size, Arena *arena, DiagList *diags);
bool yc_open_fd(YcCursor *c, const YcFormat *format, const char *name, int fd, Arena *arena,
                DiagList *diags);
void yc_close(YcCursor *c);

/* True when s[0..n) is UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF); else false with the line and column of the first bad
 * character and its first byte. For text that is not YAML (students.txt, a
 * name a student types). at and byte may be NULL. */
bool yc_utf8_check(const char *s, size_t n, YcMark *at, unsigned char *byte);

/* ---- messages ------------------------------------------------------------- */

/* Appends an error or a warning at `at` to this file's records. Past
 * DIAG_MAX_ITEMS they are only counted: nothing is formatted. */
void yc_error(YcCursor *c, YcMark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void yc_warning(YcCursor *c, YcMark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* "out of memory" at `at`; the result is transient. */
void yc_out_of_memory(YcCursor *c, YcMark at);
/* True when an error reported now would be kept: work that only serves its
 * message may be skipped when it would not. */
bool yc_error_kept(const YcCursor *c);
/* True when errors were added since the cursor was opened. */
bool yc_has_errors(const YcCursor *c);

/* Shortens a user's text into buf (size bytes, YC_EXCERPT for messages)
 * for quoting it back, never splitting a character; returns buf. */
const char *yc_excerpt(const char *text, char *buf, size_t size);

/* Sorts the records added since `first` by position (stable), so a reader
 * meets them in file order. */
void yc_sort_diags(DiagList *diags, size_t first);

/* ---- the cursor ----------------------------------------------------------- */

/* c->ev is the next unconsumed event. yc_advance() loads the next one
 * (refusing aliases, anchors, unknown tags, deep nesting); yc_peek() is
 * YAML_NO_EVENT once a syntax or input error stopped the cursor. */
void yc_advance(YcCursor *c);
yaml_event_type_t yc_peek(const YcCursor *c);
YcMark yc_here(const YcCursor *c);
YcNode yc_node(const YcCursor *c);
const char *yc_node_name(YcNode node); /* "a list", "a mapping", "a single value" */
void yc_skip(YcCursor *c);             /* the whole node at the cursor */
/* The event is a plain scalar with nothing in it: a key with no value. */
bool yc_is_empty_plain(const YcCursor *c);

/* Reads the stream's one document up to its root node: true when the root
 * is a mapping (the cursor is on it). Reports an empty file ("the file is
 * empty: WHAT needs EMPTY_HINT") and a root that is not a mapping ("WHAT
 * must be a mapping of keys (KEYS_HINT), not ..."). */
bool yc_start_document(YcCursor *c, const char *what, const char *empty_hint,
                       const char *keys_hint);
/* After the root: reports a second document ("...; WHAT file holds exactly
 * one"). */
void yc_end_document(YcCursor *c, const char *what);

/* Mapping and sequence walks. yc_enter() consumes the start event of the
 * node at the cursor when it has that shape (else reports "'what' must be
 * SHAPE, not ...", skips it and returns false). yc_more() is true while
 * entries remain (consuming the end event when not); yc_next_key() reads
 * the next key (false at the end). */
bool yc_enter(YcCursor *c, YcNode want, const char *what, const char *shape);
bool yc_more(YcCursor *c);
bool yc_next_key(YcCursor *c, char key[YC_MAX_KEY], YcMark *at);

/* Reads a mapping key at the cursor into buf (cut between characters to
 * size - 1 bytes). False, after reporting and skipping key and value, when
 * the key is not a single text value or holds a NUL. */
bool yc_read_key(YcCursor *c, char *buf, size_t size, YcMark *at);

/* Reads the value at the cursor (any node) into out. Scalars are copied to
 * the arena, or into `scratch` (YC_MAX_STRING + 1 bytes) when it is not
 * NULL, for a value checked but not kept; over-long text is reported. */
void yc_read_value(YcCursor *c, YcMark key, YcValue *out);
void yc_read_value_into(YcCursor *c, YcMark key, YcValue *out, char *scratch);

/* What a plain scalar is under YAML 1.2's core schema. */
YcScalar yc_resolve_plain(const char *s, size_t n);

/* ---- checked values (yaml_values.c) --------------------------------------- */

/* Each reports what is wrong at the value, marks it bad and returns false;
 * an absent or already bad value returns false without a word. */

/* A scalar that is not null or a boolean (a plain number is taken as
 * written). `required` also refuses text that shows nothing (empty, spaces,
 * only invisible characters). */
bool yc_text(YcCursor *c, YcValue *v, const char *what, bool required);
/* What yc_text(c, v, what, true) accepts without a word. */
bool yc_is_plain_text(const YcValue *v);
bool yc_int(YcCursor *c, YcValue *v, const char *what, long long lo, long long hi, long long *out);
bool yc_number(YcCursor *c, YcValue *v, const char *what, double lo, double hi, double *out);
bool yc_bool(YcCursor *c, YcValue *v, const char *what, bool *out);
/* An id: [a-z0-9][a-z0-9-]*, at most YC_MAX_ID characters. */
bool yc_id(YcCursor *c, YcValue *v, const char *what);
bool yc_is_id(const char *s);
/* Text of at most YC_MAX_ID characters (a topic, a section). */
bool yc_id_length(YcCursor *c, YcValue *v, const char *what);
/* One of names[0..count): *out is its index; else "'what' must be ..." with
 * a did-you-mean. */
bool yc_word(YcCursor *c, YcValue *v, const char *what, const char *const *names, size_t count,
             int *out);
/* The value of a scalar yc_resolve_plain() called an integer: decimal, 0x
 * hex or 0o octal. False when it does not fit in a long long. */
bool yc_parse_int(const char *text, long long *out);

/* ---- keys and "did you mean" ---------------------------------------------- */

/* The closest of names to word when it is a likely slip (a third of its
 * length in edits, at most 3, ignoring case; or one the start of the
 * other), else NULL. *cells (may be NULL) is charged with the work. */
const char *yc_closest_name(const char *word, const char *const *names, size_t count,
                            size_t *cells);
/* The same for a message at the cursor: NULL when that message would not be
 * kept, and once the file spent its format's suggestion_budget. */
const char *yc_closest(YcCursor *c, const char *word, const char *const *names, size_t count);

/* The index of key in names, or -1. */
int yc_key_index(const char *key, const char *const *names, size_t count);
void yc_unknown_key(YcCursor *c, YcMark at, const char *key, const char *where,
                    const char *const *names, size_t count);
void yc_duplicate_key(YcCursor *c, YcMark at, const char *key, YcMark first);
/* After a key of a mapping whose keys are names[0..count) (at most 32):
 * its index, first seen now (marked in *seen, its mark in marks[]); or -1
 * after reporting an unknown key or a key given twice and skipping its
 * value. `where` names the mapping ("the pack"). */
int yc_known_key(YcCursor *c, const char *key, YcMark at, const char *where,
                 const char *const *names, size_t count, unsigned *seen, YcMark *marks);

#endif
