/* import_internal.h - what the importers share: the source being read, its
 * positions, messages, and building questions into the ImportPack.
 *
 * An importer gets an ImportSource: the file's bytes already made UTF-8
 * (a BOM dropped, Windows-1252 converted with a warning), with stray
 * control characters turned into spaces and a table of line starts, so that
 * any byte offset gives a LINE:COLUMN for messages. Line ends may be \n,
 * \r\n or a lone \r (old Mac files); all three end a line everywhere.
 *
 * Text helpers (import_text.c) clean what a source calls text: HTML reduced
 * to plain text, entities decoded, white space tidied. Moodle's question
 * model (import_moodle.c) is shared by the GIFT and Moodle XML readers, so a
 * question means the same whichever way Moodle wrote it.
 *
 * Ownership: every string an importer keeps is copied into pack->arena
 * through these helpers; the source's buffer is freed after the import.
 */
#ifndef QUIZDECK_IMPORT_INTERNAL_H
#define QUIZDECK_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "import.h"

/* The longest text an importer keeps of one field, before the checker's own
 * 4,096-byte limit judges it: a hostile field cannot grow the work. */
enum {
    IMPORT_MAX_FIELD = 64 * 1024,
    IMPORT_MAX_LIST = 64, /* answers, options or pairs read per question */
};

typedef struct ImportSource {
    ImportPack *pack;
    const char *name; /* for messages */
    const char *data; /* UTF-8, NUL-terminated (the NUL is not in size) */
    size_t size;
    size_t *line_starts; /* offset of each line's first byte */
    size_t line_count;
    const ImportOptions *options;
    size_t errors; /* errors this source reported */
} ImportSource;

/* ---- positions and messages (import_source.c) ---------------------------- */

/* LINE:COLUMN (1-based; the column counts characters) of a byte offset. */
void import_position(const ImportSource *src, size_t offset, int *line, int *column);

void import_error(ImportSource *src, size_t offset, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void import_warning(ImportSource *src, size_t offset, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The same at a line and column already known (libxml2 gives those). */
void import_error_at(ImportSource *src, int line, int column, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Counts one question of the source as not imported, under `reason` (a
 * static word or two, "numerical", "essay", "error"), for the summary. The
 * importer reports the why itself, as an error or warning at its position. */
void import_count_skip(ImportSource *src, const char *reason);
void import_pack_count_skip(ImportPack *pack, const char *reason);

/* Prepares a source from raw bytes: copies them, drops a UTF-8 BOM, converts
 * Windows-1252 when the bytes are not UTF-8 (with a warning), turns control
 * characters other than tab and line ends into spaces, and builds the line
 * table. False when out of memory (reported). Free with import_source_free. */
bool import_source_open(ImportSource *src, ImportPack *pack, const char *name, const char *data,
                        size_t size, const ImportOptions *options);
void import_source_free(ImportSource *src);

/* ---- building questions (import_build.c) ---------------------------------- */

/* Appends a question of `type` at source offset `offset` with nothing filled
 * in (every text ""); NULL when out of memory or past the format's limit of
 * questions (reported). The pointer is valid until the next add. */
ImportQuestion *import_add(ImportSource *src, QuestionType type, size_t offset);
/* Same with a line and column already known. */
ImportQuestion *import_add_at(ImportSource *src, QuestionType type, int line, int column);

/* Copies n bytes into the pack's arena ("" on failure: reported once). */
const char *import_copy(ImportSource *src, const char *text, size_t n);
/* A list of n copied strings (already in the arena or not). */
ImportList import_list(ImportSource *src, const char *const *items, size_t n);

/* The id of the topic titled `title` (made on first use); "" for an empty
 * title. Topic ids are slugs of the title, unique in the pack. */
const char *import_topic(ImportSource *src, const char *title);

/* ---- text (import_text.c) ------------------------------------------------- */

typedef enum ImportTextFlags {
    IMPORT_TEXT_PLAIN = 0,
    IMPORT_TEXT_HTML = 1,       /* tags removed, <br>/<p> as line breaks, entities */
    IMPORT_TEXT_KEEP_LINES = 2, /* source line breaks stay (else they are spaces) */
} ImportTextFlags;

/* A hard line break inside text before cleaning: GIFT's \n, HTML's <br>.
 * import_source_open has turned any such byte of the input into a space. */
#define IMPORT_HARD_BREAK '\x1e'

/* Cleans n bytes of source text into the arena: HTML reduced (with
 * IMPORT_TEXT_HTML), spaces and tabs collapsed, each line trimmed, at most
 * one empty line in a row, trimmed at both ends. Sets *had_image (when not
 * NULL) when the HTML showed an image, which a pack cannot. */
const char *import_clean(ImportSource *src, const char *text, size_t n, unsigned flags,
                         bool *had_image);

/* True when text looks like HTML: a tag such as <p>, <br/> or </b>, or an
 * entity such as &amp;. Plain "3 < 5" is not. */
bool import_looks_html(const char *text, size_t n);

/* Case-insensitive ASCII comparisons. */
bool import_ieq(const char *a, const char *b);
bool import_iprefix(const char *text, const char *prefix);

/* Trims ASCII white space from both ends of [*s, *s + *n). */
void import_trim(const char **s, size_t *n);

/* A piece of a borrowed string. */
typedef struct ImportSpan {
    const char *text;
    size_t len;
} ImportSpan;

/* Splits text at every '|' into trimmed pieces ("a | b" -> "a", "b"),
 * keeping empty ones; returns how many (at most max; *more set when text
 * had more). One spelling for every "several values in one field" the
 * importers and --try read. */
size_t import_split_bar(const char *text, ImportSpan *out, size_t max, bool *more);

/* ---- Moodle's question model (import_moodle.c) ---------------------------- */

typedef enum MoodleKind {
    MOODLE_MULTICHOICE,
    MOODLE_TRUEFALSE,
    MOODLE_SHORTANSWER,
    MOODLE_MATCHING,
} MoodleKind;

typedef struct MoodleAnswer {
    const char *text;     /* cleaned; for matching, the left side */
    const char *right;    /* matching: the right side */
    const char *feedback; /* "" when none */
    double fraction;      /* percent: 100 = right, 0 = wrong, may be negative */
    size_t offset;        /* where it is, for messages (GIFT) */
    int line, column;     /* or where it is (XML); line 0 = use offset */
} MoodleAnswer;

typedef struct MoodleQuestion {
    MoodleKind kind;
    const char *format; /* "GIFT" or "Moodle XML", for messages */
    const char *title;  /* the question's name, "" when none */
    const char *text;   /* the question text, cleaned */
    /* Missing word (GIFT's answer block inside the text): the text before
     * and after it; NULL when the block ends the question. */
    const char *before, *after;
    const char *general_feedback;
    const char *topic; /* a topic id or "" */
    int single;        /* multichoice: 1 one answer, 0 several */
    bool no_shuffle;
    bool truth;                                 /* truefalse */
    const char *true_feedback, *false_feedback; /* truefalse */
    MoodleAnswer *answers;
    size_t answer_count;
    ImportList tags;
    size_t offset;    /* the question's position */
    int line, column; /* or its line and column (line 0 = use offset) */
} MoodleQuestion;

/* Turns one Moodle question into a quizdeck question: multiple choice with
 * one answer to choice, with several to multi; short answer to typed (its
 * 100% answers accepted); true/false; matching; missing word to cloze.
 * What quizdeck cannot keep (partial credit, distractors without a left
 * side) is a warning; a question it cannot play is skipped with an error. */
void moodle_add(ImportSource *src, const MoodleQuestion *m);

/* "$course$/top/Unit 1/Week 2" -> "Unit 1 / Week 2": a Moodle category path
 * without its context prefixes, for a topic title. Into the arena. */
const char *moodle_category_title(ImportSource *src, const char *path);

/* ---- rows of delimited text (import_csv.c), through libcsv ----------------- */

enum { IMPORT_MAX_COLUMNS = 64 }; /* cells kept per row; more are dropped */

typedef struct ImportCell {
    const char *text; /* NUL-terminated, quotes removed; valid during the call */
    size_t len;
    size_t offset; /* where the cell starts in the source */
} ImportCell;

typedef struct ImportRow {
    const ImportCell *cells;
    size_t count;
    size_t offset; /* where the row starts */
} ImportRow;

/* Called once per row; return false to stop reading. */
typedef bool (*ImportRowFn)(void *ctx, const ImportRow *row);

/* Reads src->data[from..] as rows of cells separated by `delimiter`, with
 * double-quoted cells (which may hold delimiters, "" and line breaks), the
 * way spreadsheets and Anki write them. Rows with no text at all are not
 * passed on. False (reported) when a quoted cell is never closed or memory
 * runs out. */
bool import_read_rows(ImportSource *src, size_t from, char delimiter, ImportRowFn fn, void *ctx);

/* ---- the readers, one per format ------------------------------------------ */

bool import_gift(ImportSource *src);
bool import_moodle_xml(ImportSource *src);
bool import_aiken(ImportSource *src);
bool import_csv(ImportSource *src);
bool import_quizlet(ImportSource *src);
bool import_anki(ImportSource *src);

#endif
