/* pack_load_internal.h - what the loader's files share. Private to
 * src/core/pack/pack_*.c: everybody else includes pack_load.h.
 *
 * The loader is three files over the core's YAML cursor (yaml_cursor.h:
 * the bytes, UTF-8 checked as they stream, the libyaml event cursor, values
 * with their marks and their checks, keys and their did-you-mean, shared
 * with the class files):
 *   pack_load.c   the entry points, the top level, the questions list and
 *                 the checks that need the whole file (start here)
 *   pack_check.c  lists, language tags, and the checks every question
 *                 gets, whatever its type
 *   pack_types.c  what each question type takes and how it is checked
 * This header holds the state they share: the Loader, and the Raw* records
 * a value is read into (with its position) before it is checked.
 *
 * pack_set.c includes it too, for pl_report_refusal(); pack_cache.c for
 * pl_load_fd_observed().
 *
 * Names: functions shared between these files start with pl_ (pack
 * loader); everything else is static to its file.
 */
#ifndef QUIZDECK_PACK_LOAD_INTERNAL_H
#define QUIZDECK_PACK_LOAD_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "fsutil.h"
#include "hash64.h"
#include "id_index.h"
#include "pack.h"
#include "pack_load.h"
#include "yaml_cursor.h"

/* ---------------------------------------------------------------- limits */

enum {
    MAX_LIST_KEPT = 64, /* list entries kept per key (choices, tags, ...) */
    MAX_TAGS = 32,
    MAX_ACCEPT = 32,
    MAX_TOPICS = 10000,
    MAX_SECTIONS = 10000,
    MAX_CLOZE_GAPS = 32,
};

typedef struct RawList {
    bool present;
    bool bad;
    YcMark key, at;
    size_t count; /* entries seen */
    size_t kept;  /* entries stored (<= MAX_LIST_KEPT) */
    const char *items[MAX_LIST_KEPT];
    YcMark marks[MAX_LIST_KEPT];
} RawList;

typedef struct RawPairs {
    bool present;
    bool bad;
    YcMark key, at;
    size_t count;
    size_t kept;
    MatchPair items[MAX_LIST_KEPT];
    YcMark left_marks[MAX_LIST_KEPT];
    YcMark right_marks[MAX_LIST_KEPT];
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
    YcValue gap;        /* the gap number as written */
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
    YcMark key, at;
    YcNode node;        /* what was written */
    bool empty;         /* `accept:` with nothing after it */
    size_t gap_entries; /* NODE_MAPPING: entries seen */
    size_t gaps_kept;   /* entries kept (<= MAX_CLOZE_GAPS) */
    RawList list;       /* NODE_SEQUENCE */
    RawGapAccept gaps[MAX_CLOZE_GAPS];
    RawList scratch; /* one gap's list while it is read */
} RawAccept;

typedef struct RawQuestion {
    YcMark at;     /* the question's mapping */
    unsigned seen; /* QBIT per key */
    YcMark key_marks[QK_COUNT];
    YcValue id, type, prompt, topic, explain, source, difficulty, time_limit, points, answer,
        shuffle, text, front, back;
    RawList tags, choices, answers, items;
    RawAccept accept;
    RawPairs pairs;
} RawQuestion;

/* What the end-of-file checks need of each question. */
typedef struct QuestionFixups {
    YcMark topic, source;
    bool has_time_limit, has_points;
} QuestionFixups;

/* Progress of one file's load, shared with another thread (pack_set.h's
 * PackSetLoader): bytes of the file read so far (hashed or parsed), and a
 * request to stop, which ends the load with an error. */
typedef struct PlProgress {
    atomic_ullong bytes;
    atomic_bool cancel;
} PlProgress;

/* Says `bytes` of the file are read (progress never goes back, when a file
 * is read twice: hashed, then parsed); true when the load is to stop.
 * `progress` may be NULL. In pack_load.c. */
bool pl_progress_at(PlProgress *progress, uint64_t bytes);

typedef struct Loader {
    YcCursor yc; /* the file's events, messages and "did you mean" budget */
    Arena arena;
    Pack *pack;
    RawQuestion raw;     /* scratch for the question being read */
    Question *questions; /* growing array, adopted by the arena at the end */
    QuestionFixups *fixups;
    size_t question_count, question_cap;
    IdIndex question_ids;
    bool too_many_questions;
    char scratch[2][PACK_MAX_STRING + 1]; /* values read but not kept */
} Loader;

/* --------------------------------------------------- pack_load.c: files */

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

/* ------------------------------------------------- pack_check.c: values */

/* yc_int() into an int field. */
bool pl_check_int(Loader *L, YcValue *v, const char *what, long lo, long hi, int *out);
bool pl_is_language_tag(const char *s);

/* -------------------------------------------------- pack_check.c: lists */

void pl_read_text_list(Loader *L, YcMark key, const char *what, RawList *out);
void pl_not_a_list(Loader *L, YcMark at, const char *what, YcNode kind, bool empty);
bool pl_check_distinct(Loader *L, const RawList *list, const char *what);
bool pl_check_count(Loader *L, const RawList *list, const char *what, size_t lo, size_t hi);
/* An arena copy of the kept entries (never NULL unless out of memory). */
const char **pl_list_copy(Loader *L, const RawList *list);

/* ---------------------------------------------- pack_check.c: questions */

/* Reads one question's mapping into L->raw; false when a syntax error cut
 * it short. Then pl_check_question() checks it and appends it. */
bool pl_read_question(Loader *L);
void pl_check_question(Loader *L);

/* ------------------------------------------------------------ pack_types.c */

void pl_read_pairs(Loader *L, YcMark key, RawPairs *out);
void pl_read_accept(Loader *L, YcMark key, RawAccept *out);

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
