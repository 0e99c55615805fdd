/* class_time.h - moments as sessions and result files write them: ISO 8601
 * date-times with an offset from UTC ("2026-03-01T08:15:00+03:00").
 *
 * The core never reads a clock (design rule 1): the play side passes the
 * moment (seconds since 1970 UTC and the local offset) and this formats it;
 * session opens/closes and result started/finished are parsed back here.
 * An offset is required, so that every computer in the room agrees on the
 * moment whatever its own time zone.
 */
#ifndef QUIZDECK_CLASS_TIME_H
#define QUIZDECK_CLASS_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    CLASS_TIME_TEXT = 32,    /* buffer for "2026-03-01T08:15:00+03:00" */
    CLASS_TIME_COMPACT = 24, /* buffer for "20260301T081500+0300" */
};

typedef struct ClassTime {
    int64_t unix_seconds; /* the moment: seconds since 1970-01-01T00:00:00Z */
    int offset_minutes;   /* the writer's local offset, -1080..1080 */
} ClassTime;

/* Parses YYYY-MM-DDTHH:MM[:SS[.fraction]] followed by Z or +HH:MM, -HH:MM,
 * +HHMM, +HH ('T' may also be 't' or one space; the fraction is dropped).
 * Years 1970..9999. False when the text is not such a moment, or names a
 * day or time that does not exist (2026-02-30, 24:00). */
bool class_time_parse(const char *text, ClassTime *out);

/* "2026-03-01T08:15:00+03:00" ("Z" for offset 0 is not used: +00:00 is
 * written, one spelling for every file). buf has CLASS_TIME_TEXT bytes. */
void class_time_format(ClassTime t, char buf[CLASS_TIME_TEXT]);

/* The same moment for a file name, without ':' (which Windows shares and
 * FAT sticks refuse): "20260301T081500+0300". */
void class_time_compact(ClassTime t, char buf[CLASS_TIME_COMPACT]);

#endif
