/* import.h - turning other people's question banks into format-1 packs.
 *
 * One intermediate, the ImportPack: a list of ImportQuestion with the pack
 * format's fields and the source position of each question. Every importer
 * (GIFT, Moodle XML, Aiken, CSV layouts, Quizlet and Anki text) only fills
 * it; one writer (pack_emit.h) turns it into YAML; and import_finish() loads
 * that YAML with the real checker (pack_load_buffer), so an imported pack is
 * held to exactly the rules of a hand-written one. A checker error is mapped
 * back to the source question it came from, that question is skipped with
 * the reason, and the rest is written again: no output ever fails --check.
 *
 * Usage:
 *   ImportPack *p = import_pack_new();
 *   import_file(p, "bank.gift", IMPORT_AUTO, &options);   (once per file)
 *   ImportResult r; import_finish(p, "pack-id", "Title", &r);
 *   ... r.yaml is the pack text, p->diags every problem ...
 *   import_result_free(&r); import_pack_free(p);
 *
 * Ownership: the ImportPack owns one Arena holding every string and array of
 * its questions, and its DiagList; import_pack_free() releases all of it.
 * Strings are never NULL ("" when absent), as in a Pack.
 *
 * Errors are values: problems in a source file go to pack->diags as
 * SOURCE:LINE:COLUMN: error|warning: MESSAGE, in the words of that format
 * ("GIFT: '}' closes no '{'"); the core prints nothing.
 *
 * Read import_internal.h next (what the importers share), then
 * import_gift.c as the model importer.
 */
#ifndef QUIZDECK_IMPORT_H
#define QUIZDECK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "pack.h"
#include "strbuf.h"

typedef enum ImportFormat {
    IMPORT_AUTO, /* from the extension, then the content */
    IMPORT_GIFT,
    IMPORT_MOODLE_XML,
    IMPORT_AIKEN,
    IMPORT_CSV, /* quizdeck's columns, Kahoot's or Blooket's template */
    IMPORT_QUIZLET,
    IMPORT_ANKI,
    IMPORT_FORMAT_COUNT
} ImportFormat;

/* The name used by --from and in messages ("gift", "moodle-xml", ...). */
const char *import_format_name(ImportFormat format);

/* Parses a --from name (also "xml", "moodle", "txt"-less spellings); false
 * when it names no format. */
bool import_format_parse(const char *name, ImportFormat *out);

/* Options a teacher can give on the command line. Zeroed = defaults. */
typedef struct ImportOptions {
    /* Quizlet: what separates a term from its definition, and one card from
     * the next. NULL = a tab, and a line break. */
    const char *term_separator;
    const char *card_separator;
} ImportOptions;

typedef struct ImportList {
    const char **items; /* count strings in the pack's arena */
    size_t count;
} ImportList;

/* One question in the pack format's terms (pack-format.md, "Per type").
 * The fields of other types stay empty. */
typedef struct ImportQuestion {
    const char *id;      /* "" until import_finish derives it */
    const char *id_seed; /* what the id is derived from: a title, a term */
    QuestionType type;
    const char *prompt;
    const char *topic; /* a topic id of the pack, or "" */
    const char *explain;
    ImportList tags;
    int time_limit; /* -1 = the pack's default */
    int points;     /* -1 = the pack's default */

    ImportList choices;   /* choice, multi */
    size_t answer_index;  /* choice */
    uint32_t answer_mask; /* multi: bit i = choices[i] is right */
    bool no_shuffle;      /* choice, multi: the author fixed the order */
    bool truth;           /* truefalse */
    const char *answer;   /* typed */
    ImportList accept;    /* typed */
    ImportList items;     /* order, in the right order */
    ImportList lefts;     /* match: lefts[i] pairs with rights[i] */
    ImportList rights;
    const char *text;       /* cloze, with {{gaps}} */
    ImportList *gap_accept; /* cloze: gap_count lists (may be empty) */
    size_t gap_count;
    const char *front, *back; /* flashcard */

    /* Where it came from, for messages. */
    const char *file;
    int line, column;
    bool skipped; /* left out (by its reader or the checker); the reason is in the diags */
} ImportQuestion;

typedef struct ImportTopic {
    const char *id;
    const char *title;
} ImportTopic;

enum {
    IMPORT_MAX_SKIP_REASONS = 24,
    IMPORT_MAX_TOPICS = 10000, /* the loader's limit */
};

/* How many questions were skipped for one reason ("numerical", ...). */
typedef struct ImportSkipCount {
    const char *reason; /* static text */
    size_t count;
} ImportSkipCount;

typedef struct ImportPack {
    Arena arena;
    ImportQuestion *questions;
    size_t question_count, question_capacity;
    ImportTopic *topics;
    size_t topic_count, topic_capacity;
    const char *first_title; /* a title found in a source (Moodle XML), or "" */
    ImportSkipCount skips[IMPORT_MAX_SKIP_REASONS];
    size_t skip_reason_count;
    size_t skipped;         /* questions of the sources not imported */
    size_t files, failed;   /* files read, files that could not be read */
    size_t without_explain; /* imported questions that have no explain */
    DiagList diags;         /* every problem, in source terms */
    StrBuf origin;          /* "bank.gift (GIFT), more.xml (Moodle XML)" */
} ImportPack;

/* A new, empty ImportPack (NULL when out of memory). Caller frees. */
ImportPack *import_pack_new(void);
void import_pack_free(ImportPack *pack);

/* Reads one source file and adds its questions. `format` IMPORT_AUTO
 * detects it (import_detect). Returns false when the file could not be read
 * or parsed at all (the reason is in pack->diags); questions that fail one
 * by one are skipped and counted, and the call still succeeds. */
bool import_file(ImportPack *pack, const char *path, ImportFormat format,
                 const ImportOptions *options);

/* Same, from memory: `name` is the file name used in messages (and, with
 * IMPORT_AUTO, for its extension). `data` need not be NUL-terminated. */
bool import_buffer(ImportPack *pack, const char *name, const char *data, size_t size,
                   ImportFormat format, const ImportOptions *options);

/* The format of a file, from its name's extension and, where that is not
 * enough (.txt, .csv), its content. IMPORT_AUTO when it cannot tell. */
ImportFormat import_detect(const char *name, const char *data, size_t size);

typedef struct ImportResult {
    char *yaml;      /* the pack, format 1 (malloc'd; NULL when none) */
    size_t yaml_len; /* bytes of yaml */
    size_t imported; /* questions in it */
    size_t per_type[QUESTION_TYPE_COUNT];
} ImportResult;

/* Derives the ids, writes the pack and checks it with pack_load_buffer;
 * questions the checker rejects are skipped (reported at their source
 * position) until the pack passes. `id` and `title` are the pack's (id must
 * follow the format's id rule; see import_slug). Returns true with out->yaml
 * set when a pack with at least one question passes the checker; false
 * otherwise (nothing to import, or out of memory), with the reason in
 * pack->diags. Free out with import_result_free. */
bool import_finish(ImportPack *pack, const char *id, const char *title, ImportResult *out);
void import_result_free(ImportResult *result);

/* Writes a slug of `text` into buf: lower-case a-z, 0-9 and single '-'
 * (Latin letters lose their accents and case through answer_normalize),
 * at most `max` bytes (<= size - 1), no '-' at either end. Returns its
 * length; 0 when text has no letter or digit a slug can keep. */
size_t import_slug(const char *text, char *buf, size_t size, size_t max);

/* True when `id` follows the format's id rule: [a-z0-9][a-z0-9-]*, at most
 * PACK_MAX_ID characters. */
bool import_id_valid(const char *id);

#endif
