/* day.c - local day numbers (see day.h first). */
#include "day.h"

#include <stdbool.h>
#include <stddef.h>

int64_t day_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t day_number(int64_t unix_ms, int utc_offset_min, int day_start_min)
{
    int64_t shift = ((int64_t)utc_offset_min - (int64_t)day_start_min) * DAY_MS_PER_MINUTE;
    return day_floor_div(unix_ms + shift, DAY_MS_PER_DAY);
}

int day_rule_offset(const DayRule *rule, int64_t unix_ms)
{
    if (rule == NULL)
        return 0;
    if (rule->offset_fn != NULL)
        return rule->offset_fn(unix_ms, rule->offset_user);
    return rule->utc_offset_minutes;
}

int64_t day_of(int64_t unix_ms, const DayRule *rule)
{
    if (rule == NULL)
        return day_number(unix_ms, 0, 0);
    return day_number(unix_ms, day_rule_offset(rule, unix_ms), rule->day_start_minutes);
}

/* Where day `day` starts if the offset were `offset` all day long. */
static int64_t start_with_offset(int64_t day, int offset, int day_start)
{
    return day * DAY_MS_PER_DAY - ((int64_t)offset - (int64_t)day_start) * DAY_MS_PER_MINUTE;
}

static bool is_start(int64_t t, int64_t day, const DayRule *rule)
{
    return day_of(t, rule) >= day && day_of(t - 1, rule) < day;
}

int64_t day_start_ms(int64_t day, const DayRule *rule)
{
    if (rule == NULL)
        return day * DAY_MS_PER_DAY;
    if (rule->offset_fn == NULL)
        return start_with_offset(day, rule->utc_offset_minutes, rule->day_start_minutes);
    /* Most days the offset in force at the start is the one of the hours
     * around it: guess with the offset near the start, then with the
     * offset at the guess. If that is not it (the clocks change right at
     * the day start), search: offsets lie within a day of UTC and the start
     * within a day of local midnight, so the boundary is within this
     * window. */
    int start = rule->day_start_minutes;
    int64_t guess = start_with_offset(day, day_rule_offset(rule, day * DAY_MS_PER_DAY), start);
    guess = start_with_offset(day, day_rule_offset(rule, guess), start);
    if (is_start(guess, day, rule))
        return guess;
    int64_t lo = (day - 2) * DAY_MS_PER_DAY;
    int64_t hi = (day + 3) * DAY_MS_PER_DAY;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (day_of(mid, rule) >= day)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

int64_t day_from_civil(int64_t year, int month, int mday)
{
    /* The usual era arithmetic: 400-year eras of 146,097 days, each year
     * counted from March so that the leap day comes last. */
    int64_t y = year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
