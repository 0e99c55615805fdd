/* day.h - which local day an instant falls on: the one place the core
 * computes it. FSRS counts elapsed days with it (fsrs.h), the study
 * screens use it for "today" and the heatmap (learn.h), and the store
 * counts reviews per day with it (store_study_days).
 *
 * A day is the learner's local calendar day starting day_start minutes
 * after local midnight (e.g. 240 = 04:00, so a review at 03:59 belongs to
 * the day before). Days are numbered from 1970-01-01 (day 0 under UTC);
 * earlier instants give negative numbers. The core never reads the clock
 * or the time zone: the offset east of UTC comes in as a number or, to
 * follow daylight saving time, through a callback asked at each instant.
 */
#ifndef QUIZDECK_DAY_H
#define QUIZDECK_DAY_H

#include <stdint.h>

#define DAY_MS_PER_MINUTE ((int64_t)60000)
#define DAY_MS_PER_DAY    ((int64_t)86400000)

/* The local offset east of UTC, in minutes, in force at instant unix_ms
 * (e.g. +180 for Kuwait). */
typedef int (*DayOffsetFn)(int64_t unix_ms, void *user);

/* How instants map to days. A zeroed rule is UTC days starting at
 * midnight. */
typedef struct DayRule {
    int utc_offset_minutes; /* east of UTC; used when offset_fn is NULL */
    int day_start_minutes;  /* 0..1439 after local midnight; 240 = 04:00 */
    DayOffsetFn offset_fn;  /* optional; overrides utc_offset_minutes */
    void *offset_user;      /* passed to offset_fn */
} DayRule;

/* The day unix_ms falls on with a fixed offset and day start. */
int64_t day_number(int64_t unix_ms, int utc_offset_min, int day_start_min);

/* The offset the rule gives at instant unix_ms (0 for a NULL rule). */
int day_rule_offset(const DayRule *rule, int64_t unix_ms);

/* The day unix_ms falls on under rule, its offset asked at that very
 * instant. rule may be NULL (UTC). */
int64_t day_of(int64_t unix_ms, const DayRule *rule);

/* The first millisecond of day `day` under rule: day_of(result) == day and
 * day_of(result - 1) < day. rule may be NULL (UTC). With an offset_fn the
 * offset of the day's own start is tried first and, when the offset
 * changes there (daylight saving time), the boundary is found by
 * bisection, which assumes offsets within +-24 h and a day start within
 * 0..1439, as real zones have. */
int64_t day_start_ms(int64_t day, const DayRule *rule);

/* Days from 1970-01-01 to the proleptic Gregorian date year-month-mday
 * (month 1..12), for turning a broken-down local time into an offset. */
int64_t day_from_civil(int64_t year, int month, int mday);

/* a / b rounded towards minus infinity (b > 0), e.g. ms to whole seconds
 * or days before 1970. */
int64_t day_floor_div(int64_t a, int64_t b);

#endif
