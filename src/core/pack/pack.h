/* pack.h - the in-memory model of a question pack (format v1).
 *
 * A Pack is what the loader (pack_load.c) builds from one YAML file after it
 * has checked every rule of ../shared/pack-format.md. The model is read-only
 * for everybody else: the round engine, the scheduler and the UI only read it.
 *
 * Ownership: a Pack owns one Arena; every string and array reachable from it
 * lives in that arena and dies with pack_free(). Strings are never NULL:
 * an absent optional text is "" (so callers test s[0], not s != NULL).
 * Arrays come with a count; an empty one (count 0) may be NULL, so callers
 * test the count, never the pointer.
 * All strings are valid UTF-8, NUL-terminated, at most PACK_MAX_STRING bytes.
 *
 * Read pack_load.h next for how packs are made, pack_set.h for folders.
 */
#ifndef QUIZDECK_PACK_H
#define QUIZDECK_PACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Limits of the format page; untrusted input is bounded (design rule 8). */
enum {
    PACK_FORMAT_VERSION = 1,
    PACK_MAX_FILE_BYTES = 64 * 1024 * 1024,
    PACK_MAX_STRING = 4096,
    PACK_MAX_QUESTIONS = 100000,
    PACK_MAX_ID = 64,
    PACK_MIN_OPTIONS = 2, /* choices, items, pairs */
    PACK_MAX_OPTIONS = 8,
    PACK_DEFAULT_TIME_LIMIT = 20,
    PACK_MAX_TIME_LIMIT = 3600,
    PACK_DEFAULT_POINTS = 1000,
    PACK_MAX_POINTS = 100000,
    PACK_DEFAULT_DIFFICULTY = 2,
};

typedef enum QuestionType {
    QUESTION_CHOICE,
    QUESTION_MULTI,
    QUESTION_TRUEFALSE,
    QUESTION_TYPED,
    QUESTION_ORDER,
    QUESTION_MATCH,
    QUESTION_CLOZE,
    QUESTION_FLASHCARD,
    QUESTION_TYPE_COUNT
} QuestionType;

typedef struct PackTopic {
    const char *id;
    const char *title;
} PackTopic;

typedef struct PackSection {
    const char *id;
    const char *title;
} PackSection;

typedef struct MatchPair {
    const char *left;
    const char *right;
} MatchPair;

/* One {{answer|hint}} span of a cloze text, with the other spellings the
 * author accepts for it (the cloze's `accept: {N: [...]}`, N = 1 for the
 * first gap). */
typedef struct ClozeGap {
    const char *answer;
    const char *hint;    /* "" when the author gave none */
    const char **accept; /* accept_count strings; NULL when the count is 0 */
    size_t accept_count;
} ClozeGap;

typedef struct Question {
    const char *id;
    QuestionType type;
    const char *prompt;  /* "" for cloze/flashcard without one */
    const char *topic;   /* topic id or "" */
    const char *explain; /* "" when absent (the checker warns) */
    const char *source;  /* section id or "" */
    int difficulty;      /* 1..3 */
    int time_limit;      /* seconds, 0 = untimed; defaults already applied */
    int points;          /* defaults already applied */
    int line;            /* 1-based line of the question in its file */
    const char **tags;
    size_t tag_count;

    /* choice, multi: the options as written. choice: answer_index is the
     * right one. multi: bit i of answer_mask set when choices[i] is right. */
    const char **choices;
    size_t choice_count;
    size_t answer_index;
    uint32_t answer_mask;
    bool shuffle; /* choice/multi: false when the author wrote shuffle: false */

    bool truth; /* truefalse */

    /* typed: the answer and other accepted spellings (a cloze keeps its
     * accepted spellings per gap, in gaps[i].accept). */
    const char *answer;
    const char **accept;
    size_t accept_count;

    /* order: items in the correct order. */
    const char **items;
    size_t item_count;

    /* match: pairs in the order written. */
    MatchPair *pairs;
    size_t pair_count;

    /* cloze: the raw text, and the text cut at its gaps:
     * cloze_parts[0] gap[0] cloze_parts[1] gap[1] ... cloze_parts[gap_count]. */
    const char *text;
    ClozeGap *gaps;
    size_t gap_count;
    const char **cloze_parts; /* gap_count + 1 entries, may be "" */

    /* flashcard */
    const char *front;
    const char *back;
} Question;

typedef struct Pack {
    Arena arena;
    const char *path; /* the file it was loaded from */
    const char *id;
    int id_line, id_column; /* where `id:`'s value is, for messages */
    const char *title;
    const char *description; /* "" when absent */
    const char *language;    /* BCP 47, "en" by default */
    const char *author;      /* "" when absent */
    const char *source_title;
    PackSection *sections;
    size_t section_count;
    PackTopic *topics;
    size_t topic_count;
    int default_time_limit;
    int default_points;
    Question *questions;
    size_t question_count;
} Pack;

/* The format's spelling of a type ("choice", ...); "?" when out of range. */
const char *question_type_name(QuestionType type);

/* Parses a type name; returns false when it is not one of the eight. */
bool question_type_parse(const char *name, QuestionType *out);

/* Looks up a topic or section title by id; returns "" when absent. */
const char *pack_topic_title(const Pack *pack, const char *topic_id);
const char *pack_section_title(const Pack *pack, const char *section_id);

/* Finds a question by id; NULL when absent. Linear: for UI and tests. */
const Question *pack_find_question(const Pack *pack, const char *question_id);

/* True when the pack's language is written right to left (ar, he, fa, ur). */
bool pack_is_rtl(const Pack *pack);

/* Frees the pack and everything it owns. NULL is accepted. */
void pack_free(Pack *pack);

#endif
