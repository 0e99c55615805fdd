/* strbuf.c - the growable string of strbuf.h. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool strbuf_reserve(StrBuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void strbuf_add_n(StrBuf *b, const char *s, size_t n)
{
    if (!strbuf_reserve(b, n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_add(StrBuf *b, const char *s)
{
    if (s != NULL)
        strbuf_add_n(b, s, strlen(s));
}

void strbuf_addf(StrBuf *b, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        strbuf_add_n(b, small, (size_t)n);
        return;
    }
    if (!strbuf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *strbuf_text(const StrBuf *b)
{
    return b->data != NULL ? b->data : "";
}

char *strbuf_take(StrBuf *b)
{
    if (!b->failed && b->data == NULL)
        strbuf_add_n(b, "", 0);
    char *s = b->failed ? NULL : b->data;
    if (b->failed)
        free(b->data);
    memset(b, 0, sizeof *b);
    return s;
}

size_t strbuf_copy_out(const StrBuf *b, char *buf, size_t size)
{
    const char *s = strbuf_text(b);
    size_t len = b->data != NULL ? b->len : 0;
    if (size == 0)
        return len;
    size_t n = len < size ? len : size - 1;
    if (n < len) {
        /* Cut before a character whose bytes would not all fit. */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return len;
}

void strbuf_free(StrBuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
