/* answer_fold.h - a typed answer as the matcher reads it: a stream of
 * code points, folded, with Arabic articles, extra white space and a
 * leading "the" gone (the rules of answer_match.h, steps 1 to 4). Shared
 * by answer_fold.c, which makes the stream, and answer_match.c, which
 * compares two of them; everybody else calls answer_match.h.
 */
#ifndef QUIZDECK_ANSWER_FOLD_H
#define QUIZDECK_ANSWER_FOLD_H

#include <stdbool.h>
#include <stdint.h>

enum {
    ANSWER_STREAM_END = -1, /* what answer_stream_next gives at the end */
    ANSWER_FOLD_MAX = 2,    /* one code point folds to at most two */
};

/* Plain data, so a copy is a saved position (used to look ahead). */
typedef struct AnswerStream {
    const unsigned char *p;
    const unsigned char *end;
    uint32_t fold[ANSWER_FOLD_MAX];
    int fold_count;
    int fold_next;
    bool word_start; /* the next folded code point begins a word */
    int32_t prefix;  /* a conjunction owed before an article was dropped */
    bool emitted;    /* something other than space has come out */
    bool space;      /* a space is owed before the next character */
    int32_t held;    /* a character held back while its space goes out */
} AnswerStream;

/* Opens a stream over at most ANSWER_MAX_BYTES of `text` (NULL reads as
 * ""), past a leading "the " when something follows it. The stream
 * borrows the text. */
void answer_stream_open(AnswerStream *s, const char *text);

/* The next code point, or ANSWER_STREAM_END. */
int32_t answer_stream_next(AnswerStream *s);

#endif
