/* answer_try.h - how the game would judge an answer written as one line of
 * text: what `quizdeck --try PACK QUESTION "ANSWER"` prints.
 *
 * The answer, per type (the guide, "Trying an answer", says the same):
 *   choice     the choice's text, or its letter in the author's order (A = first)
 *   multi      the picked choices (texts or letters) separated by " | "
 *   truefalse  true or false (also t/f, yes/no)
 *   typed      what the player would type
 *   order      every item, in the order given, separated by " | "
 *   match      "left = right" pairs separated by " | " (lefts not given: unpaired)
 *   cloze      one answer per gap, in order, separated by " | "
 *   flashcard  "knew" or "didn't know" (also yes/no)
 * The answer is judged by the question type's own judge (qtype.h), the
 * same code a round uses; for typed answers and cloze gaps the report says
 * which accepted spelling matched, or how far the nearest one was.
 *
 * Read qtype.h and answer_match.h first.
 */
#ifndef QUIZDECK_ANSWER_TRY_H
#define QUIZDECK_ANSWER_TRY_H

#include "pack.h"
#include "strbuf.h"

typedef enum TryVerdict {
    TRY_RIGHT,
    TRY_PARTLY, /* some credit, not all */
    TRY_WRONG,
    TRY_UNREADABLE, /* the answer does not fit the question: the report says why */
} TryVerdict;

/* Judges `answer` for q and appends a report of a few lines to `out`:
 * the verdict ("right", "partly right: 2/3", "wrong"), and the detail. */
TryVerdict answer_try(const Question *q, const char *answer, StrBuf *out);

#endif
