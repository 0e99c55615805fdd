/* qtype.h - what each question type knows, in one descriptor per type.
 *
 * Every behaviour that differs by question type lives in a QuestionKind:
 * how its entries are shuffled for display, how an answer is judged, how an
 * answer and the right answer are described in words, the text that stands
 * for the question in lists, its flashcards and their texts, and how an
 * answer is kept in the store. The round engine (round.c), the play engine
 * (quiz.c) and flashcard study (learn.c) ask question_kind(type) instead of
 * switching over the type, so a ninth type is one new qtype_*.c file here,
 * one row in qtype.c's table, and one file in src/ui/play/.
 *
 * Where per-type code lives: nowhere outside this folder switches over
 * QuestionType.
 *   - What is the type's own and free of any file format is a member of
 *     QuestionKind, in the type's qtype_*.c file: judging, texts, cards,
 *     stored answers, and well_formed (what the pack cache checks of a
 *     question it reads back; it stores every Question field alike).
 *   - What belongs to a format stays in that format's layer as one table,
 *     a row per type, indexed by QuestionType with designated
 *     initialisers and a _Static_assert that it has QUESTION_TYPE_COUNT
 *     rows: pack_types.c (the YAML keys and checks), pack_emit.c's
 *     emit_rows (the YAML an import writes), export.c's gift_rows and
 *     csv_writers, import_csv.c's csv_readers, answer_try.c's try_rows
 *     (--try's text), and play_input.c in the UI.
 * A new type goes last, before QUESTION_TYPE_COUNT (the store and the
 * cache keep types as numbers), so every table without its row fails to
 * build.
 *
 * Two forms of an answer:
 *   - GivenAnswer is what a screen collects: every index is a display
 *     position (the round shuffles choices, items and the match column).
 *   - Answer is the same answer in the author's terms: every index is an
 *     index into the question's own lists. It is what is judged, stored
 *     (as an AnswerRecord) and re-judged from the store, so a stored round
 *     can be judged again without its shuffles.
 * QuestionShown joins a question to the display order it was shown in;
 * describe functions use it for the option letters the player saw.
 *
 * Ownership: descriptors are static; every text comes out through a StrBuf
 * the caller owns (strbuf.h). Questions are borrowed from their Pack.
 *
 * Read round.h next for how a round uses this, learn.h for flashcards.
 */
#ifndef QUIZDECK_QTYPE_H
#define QUIZDECK_QTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pack.h"
#include "scoring.h"
#include "strbuf.h"

/* "No pick": an unanswered choice, an unpaired match entry. */
#define QTYPE_NONE ((size_t)-1)

enum {
    QTYPE_MAX_GAPS = 32,          /* cloze gaps judged one by one (gaps_right bits) */
    ANSWER_RECORD_MAX_INTS = 32,  /* = STORE_GIVEN_MAX_INTS */
    ANSWER_RECORD_MAX_TEXTS = 32, /* = STORE_GIVEN_MAX_TEXTS */
};

/* What a screen gave. Zero it (or use qtype_given_init) and fill the fields
 * of the question's type; every index is a display position. Strings are
 * borrowed for the duration of the call they are passed to. */
typedef struct GivenAnswer {
    size_t choice;    /* choice: position picked, QTYPE_NONE for none */
    uint32_t picked;  /* multi: bit k set when position k is picked */
    bool truth;       /* truefalse: the player's true/false */
    const char *text; /* typed: what was typed (NULL = "") */
    /* order: arrangement[p] = display position of the item the player put
     * in place p, for p < the number of items. */
    size_t arrangement[PACK_MAX_OPTIONS];
    /* match: match[l] = display position (right column) paired with left
     * entry l (lefts are shown in the author's order), or QTYPE_NONE. */
    size_t match[PACK_MAX_OPTIONS];
    /* cloze: one text per gap, gap_count entries (NULL entries = "");
     * gaps may be NULL when nothing was typed. */
    const char *const *gaps;
    size_t gap_count;
    bool knew; /* flashcard: "I knew it" */
} GivenAnswer;

/* The same answer in the author's indices. Strings are borrowed from the
 * GivenAnswer or AnswerRecord it was made from. */
typedef struct Answer {
    size_t choice;                  /* choice: index into choices, QTYPE_NONE */
    uint32_t picked;                /* multi: bit i set when choices[i] picked */
    bool truth;                     /* truefalse */
    bool knew;                      /* flashcard */
    const char *text;               /* typed (NULL = "") */
    size_t order[PACK_MAX_OPTIONS]; /* order: items index put in place p */
    size_t match[PACK_MAX_OPTIONS]; /* match: pairs index paired with left l, or QTYPE_NONE */
    const char *const *gaps;        /* cloze: gap_count texts (NULL entries = "") */
    size_t gap_count;
} Answer;

/* An Answer flattened for the store: numbers and texts in order. What they
 * mean is the kind's business (encode/decode); the store only keeps them.
 * Texts are borrowed. */
typedef struct AnswerRecord {
    int64_t ints[ANSWER_RECORD_MAX_INTS];
    size_t int_count;
    const char *texts[ANSWER_RECORD_MAX_TEXTS];
    size_t text_count;
} AnswerRecord;

/* A question as a round shows it: display[k] is the author's index of the
 * entry at position k (choices, items, or the match column's rights). */
typedef struct QuestionShown {
    const Question *question;
    const size_t *display;
    size_t display_count;
} QuestionShown;

/* How a kind's entries are put in display order. */
typedef enum QtypeShuffle {
    QTYPE_SHUFFLE_NONE,       /* nothing to shuffle */
    QTYPE_SHUFFLE_UNLESS_OFF, /* shuffled unless the author wrote shuffle: false */
    QTYPE_SHUFFLE_UNSOLVED,   /* always shuffled, never shown already solved */
} QtypeShuffle;

typedef struct QuestionKind {
    QuestionType type;
    const char *name; /* the format's spelling, "choice" */
    QtypeShuffle shuffle;
    /* The player grades the answer themselves (a flashcard's "I knew it"):
     * it is judged and reviewed like any answer but earns no points and
     * neither extends nor breaks a streak (scoring.h). */
    bool self_graded;

    /* Entries shown in a shuffled order (choices, items, pairs); 0 when the
     * type shows none. At most PACK_MAX_OPTIONS. */
    size_t (*entry_count)(const Question *q);
    /* The text shown for the author's entry i ("" out of range). */
    const char *(*entry_text)(const Question *q, size_t i);

    /* Maps display positions to the author's indices. */
    void (*from_display)(const QuestionShown *shown, const GivenAnswer *given, Answer *out);
    /* Judges an answer; out-of-range indices count as wrong. Cloze sets
     * bit k of *gaps_right when gap k was right (others leave it 0). */
    ScoreFraction (*judge)(const Question *q, const Answer *answer, uint32_t *gaps_right);
    /* The denominator of a time-out's fraction. */
    int (*out_of)(const Question *q);

    /* The answer in words, short: "B: Gulf Cooperation Council", "1991",
     * "3/4 in place". */
    void (*describe_answer)(const QuestionShown *shown, const Answer *answer, StrBuf *out);
    /* The right answer in words: "A: Gulf Cooperation Council", "True". */
    void (*describe_key)(const QuestionShown *shown, StrBuf *out);
    /* The text that stands for the question in lists (Results, Progress,
     * Feedback): the prompt, a cloze with blanks, a flashcard's front. */
    void (*stand_for)(const Question *q, StrBuf *out);

    /* Flashcards: how many (a cloze has one per gap), and deletion k's
     * number as stored (0 for one-card types, k + 1 for cloze gaps). */
    size_t (*card_count)(const Question *q);
    /* Front and back of card `deletion` (already validated). */
    void (*card_texts)(const Question *q, int deletion, StrBuf *front, StrBuf *back);

    /* Flattens an answer for the store, and back. decode returns false for
     * a record that does not fit the question (then *out is unusable). */
    void (*encode)(const Question *q, const Answer *answer, AnswerRecord *out);
    bool (*decode)(const Question *q, const AnswerRecord *record, Answer *out);

    /* True when q keeps what pack.h promises of its type: a prompt where
     * the type shows one, 2..8 distinct entries, a right answer among
     * them, and so on: the loader's checks of the type (pack_types.c)
     * restated over the model. The pack cache asks it of every question it
     * reads back, so an image cannot give a question the loader could not
     * have made. */
    bool (*well_formed)(const Question *q);
} QuestionKind;

/* The descriptor of a type; a valid "unknown" kind (judges everything wrong,
 * describes nothing) for a value out of range, never NULL. */
const QuestionKind *question_kind(QuestionType type);

/* Sets a GivenAnswer to "nothing given yet": no choice, no picks, the
 * order as displayed, every match unpaired. */
void qtype_given_init(GivenAnswer *given);

/* The text that stands for q, into buf (always NUL-terminated when size >
 * 0, cut at a character boundary); the question id when the type's text is
 * empty. Returns the full length like snprintf. */
size_t qtype_stand_for(const Question *q, char *buf, size_t size);

/* Number of flashcards of q, and the stored deletion number of card k. */
size_t qtype_card_count(const Question *q);
int qtype_card_deletion(const Question *q, size_t k);
/* True when `deletion` names one of q's cards. */
bool qtype_deletion_valid(const Question *q, int deletion);

/* ---- shared by the qtype_*.c files ---------------------------------------- */

/* The letter of display position k ("A".."H", "?" past them). */
const char *qtype_letter(size_t position);

/* The display position showing author index i; QTYPE_NONE when not shown. */
size_t qtype_position_of(const QuestionShown *shown, size_t i);

/* For kinds that show no shuffled entries. */
size_t qtype_no_entries(const Question *q);
const char *qtype_no_entry_text(const Question *q, size_t i);

/* An Answer with nothing in it: no choice, no picks, order as authored,
 * nothing paired, no text. */
void qtype_answer_blank(Answer *out);

/* card_count and out_of of the kinds with one card and one point. */
size_t qtype_one_card(const Question *q);
int qtype_out_of_one(const Question *q);

/* from_display for kinds without display positions: copies the fields. */
void qtype_from_display_plain(const QuestionShown *shown, const GivenAnswer *given, Answer *out);

/* stand_for of kinds whose prompt says it all. */
void qtype_stand_for_prompt(const Question *q, StrBuf *out);

/* "A: text; C: text": the choices whose author index is in author_mask,
 * in display order with the letters the player saw. */
void qtype_list_options(const QuestionShown *shown, uint32_t author_mask, StrBuf *out);

/* A record of one 0/1 number (truefalse, flashcard). */
void qtype_encode_bool(bool value, AnswerRecord *out);
bool qtype_decode_bool(const AnswerRecord *record, bool *out);

/* A record of n author indices (order, match), -1 for QTYPE_NONE; decode
 * checks each is below n (or -1 when allow_none). */
void qtype_encode_indices(const size_t *indices, size_t n, AnswerRecord *out);
bool qtype_decode_indices(const AnswerRecord *record, size_t n, bool allow_none, size_t *out);

/* For well_formed: PACK_MIN_OPTIONS..PACK_MAX_OPTIONS entries; no two of
 * a list the same. */
bool qtype_entry_count_ok(size_t count);
bool qtype_all_distinct(const char *const *list, size_t count);

/* Maps display positions through shown->display (QTYPE_NONE stays). */
void qtype_map_positions(const QuestionShown *shown, const size_t *positions, size_t *out);

/* The descriptors, one per file (qtype_choice.c, ...). */
extern const QuestionKind qtype_choice, qtype_multi, qtype_truefalse, qtype_typed, qtype_order,
    qtype_match, qtype_cloze, qtype_flashcard;

#endif
