/* evidence.h - reading the evidence tables of the shipped packs.
 *
 * questions/evidence/ holds one tab-separated table per pack (its README
 * explains the columns): every question, its key, the document's words
 * behind it, and what a student may or may not type. The content tests of
 * the English packs (test_content.c) and of their Arabic translations
 * (test_content_ar.c) read those tables with these helpers and hold them
 * against the packs as the real loader reads them.
 *
 * Errors are values: a table that cannot be read, or has a row of the wrong
 * shape, gives false and a message with the file and line; the tests turn
 * that into a failure. What the packs get wrong is a problem: printed and
 * counted (evidence_problem), so that a test lists every problem it finds
 * before it fails and one run shows an author all there is to fix. The
 * checks both content tests make of typed answers are here too, so the
 * English and the Arabic packs are judged by one piece of code. Read
 * questions/evidence/README.md first.
 */
#ifndef QUIZDECK_TEST_EVIDENCE_H
#define QUIZDECK_TEST_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "pack.h"
#include "pack_set.h"

enum {
    EVIDENCE_MAX_ROWS = 400,
    EVIDENCE_MAX_COLUMNS = 8,
    EVIDENCE_MAX_LIST = 48,
    EVIDENCE_MESSAGE = 512,  /* room for an error message */
    EVIDENCE_MIN_ACCEPT = 2, /* variants each typed answer or gap must list ... */
    EVIDENCE_MIN_REJECT = 2, /* ... and near-misses */
};

/* The columns of a pack's table, as its header line spells them. */
enum { EV_QUESTION, EV_GAP, EV_KIND, EV_STATEMENTS, EV_ANSWER, EV_SUPPORT, EV_ACCEPT, EV_REJECT };
enum { EVIDENCE_PACK_COLUMNS = EV_REJECT + 1 };
extern const char *const evidence_pack_columns[EVIDENCE_PACK_COLUMNS];

/* One row: its cells point into the table's text. */
typedef struct EvidenceRow {
    char *cells[EVIDENCE_MAX_COLUMNS];
    int line; /* 1-based line in the file */
} EvidenceRow;

/* One table: '#' lines and blank lines are comments, the first other line
 * is the header, and each row has exactly the header's cells. The table
 * owns its text and rows; a zeroed table is empty. */
typedef struct EvidenceTable {
    char name[256]; /* file name, for messages */
    char *text;
    EvidenceRow *rows;
    size_t count;
} EvidenceTable;

/* A cell holding a list: items separated by a separator; "-" is the empty
 * list. The list owns a copy of the cell. */
typedef struct EvidenceList {
    char *items[EVIDENCE_MAX_LIST];
    size_t count;
    char *buf;
} EvidenceList;

/* Reads the table at `path`, whose header must be columns[0..ncolumns).
 * Returns false (the table then empty) with a message in
 * message[0..EVIDENCE_MESSAGE) when the file is unreadable, a row has the
 * wrong number of cells, the header differs, or there are more than
 * EVIDENCE_MAX_ROWS rows. Free with evidence_table_free either way. */
bool evidence_table_load(EvidenceTable *t, const char *path, const char *const *columns,
                         size_t ncolumns, char message[EVIDENCE_MESSAGE]);
void evidence_table_free(EvidenceTable *t);

/* Splits `cell` at `sep`. Returns false when it holds more than
 * EVIDENCE_MAX_LIST items or memory runs out (the list then empty). */
bool evidence_list_split(EvidenceList *l, const char *cell, const char *sep);
bool evidence_list_has(const EvidenceList *l, const char *item);
void evidence_list_free(EvidenceList *l);

/* The gap a row is about: 1-based for a cloze, 0 (written "-") for the
 * other types. */
size_t evidence_row_gap(const EvidenceRow *row);

/* Appends printf-style text to the NUL-terminated out[0..size), cutting it
 * at the end of the buffer. */
void evidence_append(char *out, size_t size, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Writes a question's key as the `answer` column writes it (the choice or
 * typed answer; multi answers joined by " | "; true or false; order items
 * joined by " > "; match pairs as "left = right" joined by " | "; a cloze
 * gap's answer; a card's back) into out[0..size). */
void evidence_render_key(const Question *q, size_t gap, char *out, size_t size);

/* The expected answer and accept list a typed question, or gap `gap` of a
 * cloze (1-based, in range), is judged against. Pointers into the pack. */
typedef struct EvidenceKey {
    const char *answer;
    const char *const *accept;
    size_t accept_count;
} EvidenceKey;
EvidenceKey evidence_typed_key(const Question *q, size_t gap);

/* Whether the game's matcher (answer_matches_any) takes `given` for `key`. */
bool evidence_key_takes(const EvidenceKey *key, const char *given);

/* ---- problems ------------------------------------------------------------ */

/* Prints one problem on stderr and counts it. */
void evidence_problem(const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Starts counting again; a test calls it first and, at its end, asserts
 * that evidence_problem_count() is 0. */
void evidence_problems_reset(void);
size_t evidence_problem_count(void);

/* ---- typed answers ------------------------------------------------------- */

/* True for the types a student types an answer to: typed and cloze. */
bool evidence_is_typed(const Question *q);

/* The question `id` of the English packs of `set` (each translation,
 * kuwait-*-ar, reuses its English pack's ids, so an id names the English
 * question); NULL when none asks it. */
const Question *evidence_find_english(const PackSet *set, const char *id);

/* Calls visit(t, row, q, gap, ctx) for every row of `t` whose question
 * `pack` has, is typed and, for a cloze, has the row's gap (the tests of
 * the tables' shape report the other rows). */
typedef void (*EvidenceVisit)(const EvidenceTable *t, const EvidenceRow *row, const Question *q,
                              size_t gap, void *ctx);
void evidence_each_typed_row(const EvidenceTable *t, const Pack *pack, EvidenceVisit visit,
                             void *ctx);

/* What evidence_judge_listed counted. */
typedef struct EvidenceTally {
    size_t rows, accepted, rejected;
} EvidenceTally;

/* An EvidenceVisit (ctx an EvidenceTally): the row lists at least
 * EVIDENCE_MIN_ACCEPT variants and EVIDENCE_MIN_REJECT near-misses, and
 * the game's matcher (answer_matches_any) accepts each variant and turns
 * down each near-miss against the key and accept list the loader read.
 * Each failure is a problem. */
void evidence_judge_listed(const EvidenceTable *t, const EvidenceRow *row, const Question *q,
                           size_t gap, void *ctx);

/* An answer whose judgement is fixed whatever the tables say: in pack
 * `pack` (NULL: the English pack that asks the question), question
 * `question`, gap `gap` (1-based for a cloze, 0 otherwise), `given` must be
 * judged `right`. */
typedef struct EvidenceJudgeCase {
    const char *pack;
    const char *question;
    size_t gap;
    const char *given;
    bool right;
} EvidenceJudgeCase;

/* Holds every case against the packs of `set`; a case that names no typed
 * answer, or is judged otherwise, is a problem. */
void evidence_judge_cases(const PackSet *set, const EvidenceJudgeCase *cases, size_t count);

#endif
