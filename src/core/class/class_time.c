/* class_time.c - ISO 8601 moments with an offset (class_time.h).
 *
 * Calendar arithmetic is the proleptic Gregorian calendar counted in days
 * from 1970-01-01 with eras of 400 years (146,097 days), so no table and no
 * libc time zone is involved: the same text gives the same moment on every
 * machine.
 */
#include "class_time.h"

#include <stdio.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                  /* 0..399 */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0..146096 */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* n decimal digits at *p into *out; advances *p. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

bool class_time_parse(const char *text, ClassTime *out)
{
    const char *p = text;
    int y, mo, d, h, mi, s = 0;
    if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
        !digits(&p, 2, &d))
        return false;
    if (*p != 'T' && *p != 't' && *p != ' ')
        return false;
    p++;
    if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
        return false;
    if (*p == ':') {
        p++;
        if (!digits(&p, 2, &s))
            return false;
        if (*p == '.' || *p == ',') {
            p++;
            if (*p < '0' || *p > '9')
                return false;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    int offset;
    if (*p == 'Z' || *p == 'z') {
        offset = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om = 0;
        p++;
        if (!digits(&p, 2, &oh))
            return false;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &om))
                return false;
        } else if (*p >= '0' && *p <= '9') {
            if (!digits(&p, 2, &om))
                return false;
        }
        if (oh > 18 || om > 59 || oh * 60 + om > 18 * 60)
            return false;
        offset = sign * (oh * 60 + om);
    } else {
        return false; /* no offset: the moment would depend on the computer */
    }
    if (*p != '\0')
        return false;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
        s > 60)
        return false;
    if (s == 60)
        s = 59; /* a leap second: the same moment for our purposes */
    int64_t local = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    out->unix_seconds = local - (int64_t)offset * 60;
    out->offset_minutes = offset;
    return true;
}

/* The local calendar fields of t. */
static void local_fields(ClassTime t, int64_t *y, int *mo, int *d, int *h, int *mi, int *s)
{
    int64_t local = t.unix_seconds + (int64_t)t.offset_minutes * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t rest = local - days * 86400;
    civil_from_days(days, y, mo, d);
    *h = (int)(rest / 3600);
    *mi = (int)(rest % 3600 / 60);
    *s = (int)(rest % 60);
}

void class_time_format(ClassTime t, char buf[CLASS_TIME_TEXT])
{
    int64_t y;
    int mo, d, h, mi, s;
    local_fields(t, &y, &mo, &d, &h, &mi, &s);
    int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
    char text[96]; /* room for any year, so the compiler sees no cut */
    snprintf(text, sizeof text, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", (long long)y, mo, d,
             h, mi, s, t.offset_minutes < 0 ? '-' : '+', off / 60 % 100, off % 60);
    snprintf(buf, CLASS_TIME_TEXT, "%.31s", text);
}

void class_time_compact(ClassTime t, char buf[CLASS_TIME_COMPACT])
{
    int64_t y;
    int mo, d, h, mi, s;
    local_fields(t, &y, &mo, &d, &h, &mi, &s);
    int off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
    char text[96];
    snprintf(text, sizeof text, "%04lld%02d%02dT%02d%02d%02d%c%02d%02d", (long long)y, mo, d, h, mi,
             s, t.offset_minutes < 0 ? '-' : '+', off / 60 % 100, off % 60);
    snprintf(buf, CLASS_TIME_COMPACT, "%.23s", text);
}
