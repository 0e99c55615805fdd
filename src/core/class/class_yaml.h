/* class_yaml.h - what the session reader and the result reader share:
 * bounded files, a libyaml event cursor with positions, and checked values.
 * Private to src/core/class/ (everybody else includes session.h, result.h).
 *
 * Session files and result files are small (1 MiB, 32 MiB at most) and come
 * from other people (design rule 9), so each is read whole into memory by
 * cy_read_file (regular files only, never a FIFO or a device, never through
 * a link when asked), its UTF-8 is checked with the line and column of a
 * bad byte, and then libyaml's parser is pulled one event at a time over
 * the buffer. The cursor refuses anchors, aliases, unknown tags and deep
 * nesting as it meets them; values are read with their position and
 * resolved as YAML 1.2's core schema says, and every problem becomes a Diag
 * at FILE:LINE:COLUMN.
 *
 * The pack loader (src/core/pack/pack_input.c, pack_check.c) has the same
 * pieces, private to it; this is the small part the class files need,
 * written once here for both of them.
 *
 * Names: cy_ (class YAML). Read session_load.c for a user of every piece.
 */
#ifndef QUIZDECK_CLASS_YAML_H
#define QUIZDECK_CLASS_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "arena.h"
#include "diag.h"

enum {
    CY_MAX_DEPTH = 12,    /* both formats need 4 */
    CY_MAX_STRING = 4096, /* = PACK_MAX_STRING: one text value */
    CY_MAX_KEY = 64,      /* longer keys are unknown keys anyway */
    CY_EXCERPT = 80,      /* how much of a user's text a message quotes */
};

typedef struct CyMark {
    int line, col; /* 1-based */
} CyMark;

typedef enum CyNode { CY_NONE, CY_SCALAR, CY_SEQUENCE, CY_MAPPING } CyNode;

typedef enum CyScalar { CY_NULL, CY_BOOL, CY_INT, CY_FLOAT, CY_STRING } CyScalar;

/* One value as it was read. text is an arena copy for scalars, "" else. */
typedef struct CyValue {
    bool present;
    bool bad; /* already reported; later checks stay silent */
    CyMark key, at;
    CyNode node;
    CyScalar kind;
    const char *text;
    size_t len;
} CyValue;

typedef struct CyReader {
    const char *name; /* file name in messages (borrowed) */
    DiagList *diags;
    size_t errors_before;
    Arena *arena; /* where values are copied (borrowed) */
    yaml_parser_t parser;
    yaml_event_t ev; /* the next unconsumed event */
    bool have_ev;
    bool ready; /* the parser was initialised */
    bool stop;  /* a syntax error: no more events */
    int depth;
} CyReader;

/* ---- files ---------------------------------------------------------------- */

typedef enum CyFileStatus {
    CY_FILE_OK,
    CY_FILE_MISSING,     /* no such file */
    CY_FILE_NOT_REGULAR, /* a folder, FIFO, device, or a link when refused */
    CY_FILE_TOO_BIG,
    CY_FILE_UNREADABLE, /* open or read failed: errno says why */
    CY_FILE_NO_MEMORY,
} CyFileStatus;

/* Reads a whole regular file of at most `limit` bytes into a malloc'd
 * buffer (NUL-terminated; *size excludes the NUL) that the caller frees.
 * Never blocks on a FIFO. With no_follow, a symbolic link is refused. */
CyFileStatus cy_read_file(const char *path, size_t limit, bool no_follow, char **data,
                          size_t *size);

/* "is a folder, not a file", ...: the reason for a status, for messages. */
const char *cy_file_problem(CyFileStatus status);

typedef enum CyPlace { CY_INSIDE, CY_OUTSIDE, CY_NOWHERE } CyPlace;

/* Whether `path`, with every link followed, is inside `folder` (also
 * followed): what keeps a session's files from leading out of it.
 * CY_NOWHERE when either does not exist. */
CyPlace cy_place(const char *folder, const char *path);

/* folder + "/" + name in a malloc'd string the caller frees; NULL when out
 * of memory. A folder of "" or "." gives name alone. */
char *cy_join(const char *folder, const char *name);

/* ---- messages ------------------------------------------------------------- */

void cy_error(CyReader *r, CyMark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void cy_warning(CyReader *r, CyMark at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Shortens a user's text into buf (CY_EXCERPT bytes) for quoting it. */
const char *cy_excerpt(const char *text, char buf[CY_EXCERPT]);

/* True when errors were added since cy_open. */
bool cy_has_errors(const CyReader *r);

/* The closest of names to word when it is a likely slip (a third of its
 * length in edits, at most 3, ignoring case), else NULL: for "did you
 * mean". */
const char *cy_closest(const char *word, const char *const *names, size_t count);

/* True when s[0..n) is UTF-8 (no overlong forms, surrogates or code points
 * past U+10FFFF): what cy_open checks, for text that is not in a file (a
 * name a student types). */
bool cy_utf8_ok(const char *s, size_t n);

/* ---- the cursor ----------------------------------------------------------- */

/* Checks that data[0..size) is UTF-8 (reporting the first bad byte at its
 * line and column) and starts the parser over it; data must outlive the
 * reader. Returns false when the text cannot be parsed at all (reported). */
bool cy_open(CyReader *r, const char *name, const char *data, size_t size, Arena *arena,
             DiagList *diags);
void cy_close(CyReader *r);

void cy_advance(CyReader *r);
yaml_event_type_t cy_peek(const CyReader *r); /* YAML_NO_EVENT once stopped */
CyMark cy_here(const CyReader *r);
CyNode cy_node(const CyReader *r);
const char *cy_node_name(CyNode node); /* "a list", "a mapping", "a single value" */
void cy_skip(CyReader *r);             /* the whole node at the cursor */

/* Reads the stream's one document up to its root node: true when the root
 * is a mapping (the cursor is on it). Reports an empty file, a root that is
 * not a mapping (`what` names the file kind, "a session"). */
bool cy_start_document(CyReader *r, const char *what, const char *keys_hint);
/* After the root: reports a second document. */
void cy_end_document(CyReader *r, const char *what);

/* Mapping and sequence walks. cy_enter() consumes the start event of the
 * node at the cursor when it has that shape (else reports "'what' must be
 * ..., not ..." with `shape` saying what it must be, skips it, and returns
 * false). cy_next_key() reads the next key (false at the end, consuming
 * the end event); cy_more() is true while entries remain (consuming the end
 * event when not). */
bool cy_enter(CyReader *r, CyNode want, const char *what, const char *shape);
bool cy_next_key(CyReader *r, char key[CY_MAX_KEY], CyMark *at);
bool cy_more(CyReader *r);

/* Reads the value at the cursor (any node; scalars copied to the arena). */
void cy_read(CyReader *r, CyMark key, CyValue *out);

/* What a plain scalar is under YAML 1.2's core schema. */
CyScalar cy_resolve_plain(const char *s, size_t n);

/* ---- checked values (class_values.c) -------------------------------------- */

/* Each reports what is wrong at the value, marks it bad and returns false;
 * an absent or already bad value returns false without a word. */
bool cy_text(CyReader *r, CyValue *v, const char *what, bool required);
bool cy_int(CyReader *r, CyValue *v, const char *what, long long lo, long long hi, long long *out);
bool cy_number(CyReader *r, CyValue *v, const char *what, double lo, double hi, double *out);
bool cy_bool(CyReader *r, CyValue *v, const char *what, bool *out);
/* An id: [a-z0-9][a-z0-9-]*, at most 64 characters. */
bool cy_id(CyReader *r, CyValue *v, const char *what);
bool cy_is_id(const char *s);
/* One of names[0..count): *out is its index; else "'what' must be one of
 * ..." with a did-you-mean. */
bool cy_word(CyReader *r, CyValue *v, const char *what, const char *const *names, size_t count,
             int *out);

/* Keys: the index of key in names, or -1; the messages for an unknown key
 * (with did-you-mean) and a key given twice. */
int cy_key_index(const char *key, const char *const *names, size_t count);
void cy_unknown_key(CyReader *r, CyMark at, const char *key, const char *where,
                    const char *const *names, size_t count);
void cy_duplicate_key(CyReader *r, CyMark at, const char *key, CyMark first);

/* Sorts the records added since `first` by position (stable), so a reader
 * meets them in file order. */
void cy_sort_diags(DiagList *diags, size_t first);

#endif
