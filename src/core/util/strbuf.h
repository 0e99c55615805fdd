/* strbuf.h - a growable UTF-8 string for building texts a piece at a time.
 *
 * The core builds many short texts (an answer as the player gave it, the
 * right answer, a flashcard's back); each is a StrBuf filled with
 * strbuf_add*() and then handed over with strbuf_take() or copied into a
 * caller's fixed buffer with strbuf_copy_out(). Running out of memory is
 * sticky: the buffer remembers it, later adds do nothing, strbuf_take()
 * returns NULL, so callers check once at the end.
 *
 * Ownership: the StrBuf owns its data until strbuf_take() hands it over
 * (then the caller frees it) or strbuf_free() releases it. A zeroed StrBuf
 * is empty and valid.
 */
#ifndef QUIZDECK_STRBUF_H
#define QUIZDECK_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data; /* NUL-terminated once anything was added; NULL while empty */
    size_t len;
    size_t cap;
    bool failed; /* memory ran out at some point */
} StrBuf;

/* Appends n bytes of s (s need not be NUL-terminated). */
void strbuf_add_n(StrBuf *b, const char *s, size_t n);

/* Appends a NUL-terminated string; NULL appends nothing. */
void strbuf_add(StrBuf *b, const char *s);

/* Appends printf-style text. */
void strbuf_addf(StrBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The text so far ("" when empty; never NULL). Borrowed until the next add. */
const char *strbuf_text(const StrBuf *b);

/* Hands the text over: a malloc'd NUL-terminated string the caller frees
 * ("" for an empty buffer), or NULL when memory ran out. The buffer is left
 * empty. */
char *strbuf_take(StrBuf *b);

/* Copies the text into buf[0..size), always NUL-terminated when size > 0,
 * cut at a UTF-8 character boundary when it does not fit; returns the full
 * length like snprintf. */
size_t strbuf_copy_out(const StrBuf *b, char *buf, size_t size);

/* Releases the text; the buffer is empty again. */
void strbuf_free(StrBuf *b);

#endif
