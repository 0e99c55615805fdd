/* diag.h - error and warning records: how the core reports problems.
 *
 * Errors are values (design rule 2): a core call returns a status and appends
 * what went wrong to a caller's DiagList, one Diag per problem, each with its
 * file, 1-based line and column and a message. The core never prints; the
 * command line prints with diag_format(), the UI draws diag_format_as()'s
 * TEXT_ESCAPE_VISIBLE form of the same text.
 *
 * Records hold text as it came (a file name or a quoted value may contain a
 * newline or an escape sequence); only the formatting escapes it, so every
 * formatted record is exactly one line that quizdeck wrote. Read strutil.h
 * for the escaping.
 */
#ifndef QUIZDECK_DIAG_H
#define QUIZDECK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "strutil.h"

typedef enum DiagSeverity { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct Diag {
    DiagSeverity severity;
    char *file;    /* owned by the list */
    int line;      /* 1-based */
    int column;    /* 1-based */
    char *message; /* owned by the list; at most DIAG_MAX_MESSAGE bytes */
} Diag;

typedef struct DiagList {
    Diag *items;
    size_t count;
    size_t capacity;
    size_t error_count;   /* every error reported, kept or not */
    size_t warning_count; /* every warning reported, kept or not */
    size_t warnings_kept; /* how many of items are warnings */
    bool truncated;       /* some records were dropped (see diag_add) */
    bool out_of_memory;   /* some of them for lack of memory, not for the limit */
} DiagList;

enum {
    DIAG_MAX_ITEMS = 1000,
    /* A longer message is cut, on a character boundary, ending in "...".
     * Long enough for two quoted excerpts and a full path. */
    DIAG_MAX_MESSAGE = 8192,
};

/* A zeroed DiagList is empty and ready: `DiagList d = {0};`. */

/* Appends a printf-formatted record. The list keeps at most DIAG_MAX_ITEMS:
 * past that a warning is counted and dropped, and an error takes the place
 * of the latest warning kept (an error matters more), or is counted and
 * dropped when only errors are kept; `truncated` is set either way. Out of
 * memory the record is counted and dropped. Never fails otherwise. Past the
 * limit nothing is formatted, so reporting stays cheap. */
void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
              const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* diag_add with a va_list, for functions that take a format of their own. */
void diag_vadd(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
               const char *format, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

/* True when a record of `severity` added now would be kept rather than only
 * counted: lets a caller skip work (a "did you mean" search) whose only use
 * is a message nobody will see. */
bool diag_would_keep(const DiagList *list, DiagSeverity severity);

/* Appends copies of every record of `from`. */
void diag_append(DiagList *to, const DiagList *from);

/* Writes "FILE:LINE:COLUMN: error: MESSAGE" into buf, escaped for a
 * terminal (TEXT_ESCAPE_C: a newline in a file name or a message shows as
 * `\n`, ESC as `\x1b`), always NUL-terminated when size > 0. When the line
 * does not fit, the file name is shortened first, keeping its end
 * (".../packs/my-pack.yaml:3:5: error: ..."), so the message survives any
 * path; only when the message alone is too long is it cut, on a character
 * boundary. Returns the length of the whole line, like snprintf: call with
 * (NULL, 0) to measure it.
 *   char line[1024]; diag_format(&list.items[i], line, sizeof line); puts(line); */
int diag_format(const Diag *diag, char *buf, size_t size);

/* The same in a chosen style: TEXT_ESCAPE_VISIBLE for text drawn on screen
 * (a newline shows as a visible symbol, never as a line break). */
int diag_format_as(const Diag *diag, char *buf, size_t size, TextEscapeStyle style);

/* Frees the records; the list is empty (and reusable) afterwards. */
void diag_clear(DiagList *list);

#endif
