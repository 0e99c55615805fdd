/* diag.h - error and warning records: how the core reports problems.
 *
 * Errors are values (design rule 2): a core call returns a status and appends
 * what went wrong to a caller's DiagList, one Diag per problem, each with its
 * file, 1-based line and column and a message. The core never prints; the
 * command line prints with diag_format(), the UI draws the same text.
 */
#ifndef QUIZDECK_DIAG_H
#define QUIZDECK_DIAG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum DiagSeverity { DIAG_ERROR, DIAG_WARNING } DiagSeverity;

typedef struct Diag {
    DiagSeverity severity;
    char *file;    /* owned by the list */
    int line;      /* 1-based */
    int column;    /* 1-based */
    char *message; /* owned by the list */
} Diag;

typedef struct DiagList {
    Diag *items;
    size_t count;
    size_t capacity;
    size_t error_count;
    size_t warning_count;
    bool truncated; /* more than DIAG_MAX_ITEMS were reported; the rest dropped */
} DiagList;

enum { DIAG_MAX_ITEMS = 1000 };

/* A zeroed DiagList is empty and ready: `DiagList d = {0};`. */

/* Appends a printf-formatted record. Out of memory or past DIAG_MAX_ITEMS the
 * record is counted but dropped (truncated is set); never fails otherwise. */
void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
              const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Appends copies of every record of `from`. */
void diag_append(DiagList *to, const DiagList *from);

/* Writes "FILE:LINE:COLUMN: error: MESSAGE" into buf (always NUL-terminated);
 * returns what snprintf returns. */
int diag_format(const Diag *diag, char *buf, size_t size);

/* Frees the records; the list is empty (and reusable) afterwards. */
void diag_clear(DiagList *list);

#endif
