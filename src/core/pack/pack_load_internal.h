/* pack_load_internal.h - what the loader's files share. Private to
 * src/core/pack/pack_*.c: everybody else includes pack_load.h.
 *
 * The loader is four files, one per stage of reading a pack:
 *   pack_load.c   the entry points, the top level, the questions list and
 *                 the checks that need the whole file (start here)
 *   pack_input.c  the bytes (UTF-8 validated as they stream, 64 MiB limit),
 *                 the libyaml event cursor (advance, peek, skip, marks,
 *                 parser errors), scalars as read, and where messages go
 *   pack_check.c  value checks (text, numbers, booleans, ids, languages,
 *                 lists, keys and their did-you-mean) and the checks every
 *                 question gets, whatever its type
 *   pack_types.c  what each question type takes and how it is checked
 * This header holds the state they share: the Loader, and the Raw* records
 * a value is read into (with its position) before it is checked.
 *
 * pack_set.c includes it too, for pl_report_refusal().
 *
 * Names: functions shared between these files start with pl_ (pack
 * loader); everything else is static to its file.
 */
#ifndef QUIZDECK_PACK_LOAD_INTERNAL_H
#define QUIZDECK_PACK_LOAD_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "fsutil.h"
#include "hash64.h"
#include "id_index.h"
#include "pack.h"
#include "pack_load.h"

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

#define QBIT(k) (1u << (k))

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

/* Why the input stopped before its end (then libyaml is told the read
 * failed, and the loader reports this instead of libyaml's words). */
typedef enum InputStop {
    INPUT_OK,
    INPUT_BAD_UTF8,    /* bad_byte at bad_at is not UTF-8 */
    INPUT_BAD_CONTROL, /* bad_char at bad_at is a control character YAML refuses */
    INPUT_BAD_NONCHAR, /* bad_char at bad_at is U+FFFE or U+FFFF */
    INPUT_TOO_BIG,
    INPUT_READ_FAILED, /* read_error says why */
    INPUT_CANCELLED,   /* PlProgress.cancel was set */
} InputStop;

/* Progress of one file's load, shared with another thread (pack_set.h's
 * PackSetLoader): bytes of the file read so far (hashed or parsed), and a
 * request to stop, which ends the load with an error. */
typedef struct PlProgress {
    atomic_ullong bytes;
    atomic_bool cancel;
} PlProgress;

/* Says `bytes` of the file are read (progress never goes back, when a file
 * is read twice: hashed, then parsed); true when the load is to stop.
 * `progress` may be NULL. In pack_input.c. */
bool pl_progress_at(PlProgress *progress, uint64_t bytes);

typedef struct Input {
    int fd; /* or, when -1, a memory buffer: */
    const unsigned char *data;
    size_t size, offset;
    size_t total; /* bytes handed to libyaml so far */
    /* UTF-8 validation across reads */
    unsigned pending; /* continuation bytes still expected */
    unsigned codepoint;
    unsigned seq_len;
    bool at_start; /* the pending character is the stream's first (a BOM?) */
    bool after_cr; /* the last byte was a CR: a LF now ends the same line */
    int line, col; /* position of the next character (1-based), as libyaml counts */
    Mark bad_at;
    unsigned char bad_byte;
    unsigned bad_char;
    InputStop stop;
    int read_error;
    /* Observers of a descriptor's bytes (NULL when none): the pack cache
     * hashes exactly the bytes that were parsed, and a loader thread
     * reports how far it is. */
    Hash64 *hash;
    PlProgress *progress;
    uint64_t fd_bytes; /* bytes read from fd */
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
    char scratch[2][PACK_MAX_STRING + 1]; /* values read but not kept */
    size_t suggestion_cells;              /* edit-distance work spent on "did you mean" */
    size_t suggestions;                   /* "did you mean" searches run */
    /* The result says something about the machine, not the file: a read
     * error, lack of memory, a cancelled load. The cache keeps no such
     * result. */
    bool transient;
} Loader;

/* ------------------------------------------------- pack_input.c: messages */

/* Appends an error or a warning at `m` to this file's records. Past
 * DIAG_MAX_ITEMS they are only counted: nothing is formatted. */
void pl_error_at(Loader *L, Mark m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void pl_warning_at(Loader *L, Mark m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Reports "out of memory" at `m`, and that the result is transient. */
void pl_out_of_memory(Loader *L, Mark m);

/* True when an error reported now would be kept: work that only serves
 * its message (a "did you mean" search, a list of names) can be skipped
 * when it would not. */
bool pl_error_kept(const Loader *L);

/* Shortens a user's text into `buf` for quoting it back; returns buf. */
const char *pl_excerpt(const char *text, char *buf, size_t size);

/* Appends the one error that says why `path` was not read: `refusal` and
 * `file` as fs_open_file() or fs_open_in_folder() returned them (nothing
 * for FS_OPENED). The messages are what --check prints, e.g.
 * "not read: it is a named pipe (FIFO), not a file". In pack_load.c. */
void pl_report_refusal(DiagList *diags, const char *path, FsRefusal refusal, const FsFile *file);

/* pack_load_fd() with observers (Input): `hash` (may be NULL) gets every
 * byte read from `fd`, `progress` (may be NULL) follows and may cancel;
 * *transient tells whether the result depends on more than the bytes
 * (Loader.transient, or records lost for lack of memory). In pack_load.c. */
Pack *pl_load_fd_observed(const char *name, int fd, DiagList *diags, Hash64 *hash,
                          PlProgress *progress, bool *transient);

/* ---------------------------------------------------- pack_input.c: events */

/* libyaml's read handler over L->input (a descriptor or a memory buffer). */
int pl_input_read(void *data, unsigned char *buffer, size_t size, size_t *size_read);

/* The cursor: L->ev is the next unconsumed event. pl_advance() loads the
 * next one (refusing aliases, anchors, unknown tags, deep nesting);
 * pl_peek() is YAML_NO_EVENT once a syntax error stopped the loader. */
void pl_advance(Loader *L);
yaml_event_type_t pl_peek(const Loader *L);
Mark pl_here(const Loader *L);
void pl_skip_node(Loader *L);
NodeKind pl_node_kind(const Loader *L);
const char *pl_node_name(NodeKind k);
bool pl_is_empty_plain(const Loader *L);

/* Scalars: what a plain scalar is under the YAML 1.2 core schema; the value
 * at the cursor read into `out` (copied into the arena); a mapping key. */
ScalarKind pl_resolve_plain(const char *s, size_t n);
void pl_read_value(Loader *L, Mark key, RawScalar *out);
/* The same into `scratch` (PACK_MAX_STRING + 1 bytes) instead of the arena,
 * for a value that is checked but not kept: entries of a list past the
 * MAX_LIST_KEPT it stores, so a list of millions costs no memory. */
void pl_read_value_into(Loader *L, Mark key, RawScalar *out, char *scratch);
bool pl_read_key(Loader *L, char *buf, size_t size, Mark *at);

/* ------------------------------------------------- pack_check.c: values */

/* Each reports what is wrong at the value, marks it bad and returns false;
 * an absent or already bad value returns false without a word. */
bool pl_check_text(Loader *L, RawScalar *v, const char *what, bool required_text);
bool pl_check_int(Loader *L, RawScalar *v, const char *what, long lo, long hi, int *out);
bool pl_check_bool(Loader *L, RawScalar *v, const char *what, bool *out);
bool pl_check_id(Loader *L, RawScalar *v, const char *what);
bool pl_check_id_length(Loader *L, RawScalar *v, const char *what);
bool pl_parse_int(const char *text, long long *out);
bool pl_is_plain_text(const RawScalar *v);
bool pl_is_language_tag(const char *s);

/* -------------------------------------------------- pack_check.c: lists */

void pl_read_text_list(Loader *L, Mark key, const char *what, RawList *out);
void pl_not_a_list(Loader *L, Mark at, const char *what, NodeKind kind, bool empty);
bool pl_check_distinct(Loader *L, const RawList *list, const char *what);
bool pl_check_count(Loader *L, const RawList *list, const char *what, size_t lo, size_t hi);
/* An arena copy of the kept entries (never NULL unless out of memory). */
const char **pl_list_copy(Loader *L, const RawList *list);

/* --------------------------------------------------- pack_check.c: keys */

int pl_key_index(const char *key, const char *const *names, size_t count);
/* The likely slip among `names` for `word`, or NULL. NULL also when the
 * error it is for would not be kept, and once this file has spent
 * PACK_SUGGESTION_BUDGET (pack_load.h) on suggestions. */
const char *pl_closest(Loader *L, const char *word, const char *const *names, size_t count);
void pl_unknown_key(Loader *L, Mark at, const char *key, const char *where,
                    const char *const *names, size_t count);
void pl_duplicate_key(Loader *L, Mark at, const char *key, Mark first);

/* ---------------------------------------------- pack_check.c: questions */

/* Reads one question's mapping into L->raw; false when a syntax error cut
 * it short. Then pl_check_question() checks it and appends it. */
bool pl_read_question(Loader *L);
void pl_check_question(Loader *L);

/* ------------------------------------------------------------ pack_types.c */

void pl_read_pairs(Loader *L, Mark key, RawPairs *out);
void pl_read_accept(Loader *L, Mark key, RawAccept *out);

/* What the loader knows of one question type: its row of pl_question_types,
 * indexed by QuestionType. */
enum { TYPE_MAX_REQUIRED = 2 };

typedef struct TypeRequirement {
    QuestionKey key;  /* a key the type cannot do without */
    const char *hint; /* what to write there, for the message; NULL ends */
} TypeRequirement;

typedef struct QuestionTypeRules {
    unsigned keys; /* QBIT of each key it takes beyond the common ones */
    TypeRequirement required[TYPE_MAX_REQUIRED];
    bool prompt_optional; /* shows its text or front instead of a prompt */
    /* Checks the type's keys in `r` (missing ones are already reported) and
     * fills the type's fields of `q`. Every row has one. */
    void (*check)(Loader *L, RawQuestion *r, Question *q);
} QuestionTypeRules;

extern const QuestionTypeRules pl_question_types[QUESTION_TYPE_COUNT];

#endif
