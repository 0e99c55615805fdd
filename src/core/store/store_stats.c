/* store_stats.c - the figures of the progress and study statistics screens
 * (store.h, "progress" and "study statistics"): progress per pack and
 * topic, the most-missed questions, reviews per day and true retention.
 * Read store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Per-group progress: the newest `recent` answers of each group (?2) count
 * for accuracy; rn numbers a group's answers newest first. */
#define PROGRESS_SELECT                                                                            \
    "SELECT pack_id, topic_id, COUNT(DISTINCT question_id), COUNT(*),"                             \
    " SUM(rn <= ?2), SUM(CASE WHEN rn <= ?2 THEN correct ELSE 0 END),"                             \
    " MAX(answered_at) FROM r "

static const char SQL_PROGRESS_PACK[] =
    "WITH r AS (SELECT pack_id, '' AS topic_id, question_id, correct,"
    " answered_at, ROW_NUMBER() OVER (PARTITION BY pack_id"
    " ORDER BY answered_at DESC, id DESC) AS rn"
    " FROM answers WHERE profile_id = ?1) " PROGRESS_SELECT "GROUP BY pack_id ORDER BY pack_id";
static const char SQL_PROGRESS_TOPIC[] =
    "WITH r AS (SELECT pack_id, topic_id, question_id, correct,"
    " answered_at, ROW_NUMBER() OVER (PARTITION BY pack_id, topic_id"
    " ORDER BY answered_at DESC, id DESC) AS rn"
    " FROM answers WHERE profile_id = ?1 AND topic_id <> ''"
    " AND (?3 IS NULL OR pack_id = ?3)) " PROGRESS_SELECT
    "GROUP BY pack_id, topic_id ORDER BY pack_id, topic_id";
static const char SQL_MOST_MISSED[] =
    "SELECT pack_id, question_id, SUM(correct = 0) AS misses,"
    " MAX(answered_at) AS last FROM answers WHERE profile_id = ?1"
    " GROUP BY pack_id, question_id HAVING misses > 0"
    " ORDER BY misses DESC, last DESC, pack_id, question_id LIMIT ?2";
/* Counted from the reviews_time index alone. */
static const char SQL_STUDY_DAY[] =
    "SELECT COUNT(*) FROM reviews"
    " WHERE profile_id = ?1 AND reviewed_at >= ?2 AND reviewed_at < ?3";
static const char SQL_RETENTION[] = "SELECT COUNT(*), ifnull(SUM(rating >= 2), 0) FROM reviews"
                                    " WHERE profile_id = ?1 AND state_before = 2"
                                    " AND reviewed_at > ?2 AND reviewed_at <= ?3";

/* The statement sql for a profile's figures, with the profile in ?1 and a
 * count (recent answers, a limit) in ?2, after checking store and out (a
 * list of out_size bytes, emptied). */
static StoreStatus profile_query(Store *store, const char *sql, int64_t profile_id, int count,
                                 void *out, size_t out_size, sqlite3_stmt **st, StoreError *err)
{
    StoreStatus s = store_need_list(store, out, out_size, err);
    if (s == STORE_OK)
        s = store_stmt(store, sql, st, err);
    if (s == STORE_OK) {
        store_bind_int(*st, 1, profile_id);
        store_bind_int(*st, 2, count < 0 ? 0 : count);
    }
    return s;
}

/* ---- progress ------------------------------------------------------------- */

void store_progress_list_free(StoreProgressList *list)
{
    if (list)
        store_list_clear((void **)&list->items, &list->count);
}

/* A row of PROGRESS_SELECT into item (a StoreProgress, zeroed). */
static bool read_progress_row(sqlite3_stmt *st, void *item)
{
    StoreProgress *p = item;
    store_copy_id(p->pack_id, sqlite3_column_text(st, 0));
    store_copy_id(p->topic_id, sqlite3_column_text(st, 1));
    p->questions_seen = sqlite3_column_int64(st, 2);
    p->answers_total = sqlite3_column_int64(st, 3);
    p->recent_count = store_col_int(st, 4);
    p->recent_correct = store_col_int(st, 5);
    p->recent_accuracy =
        p->recent_count > 0 ? (double)p->recent_correct / (double)p->recent_count : 0.0;
    p->last_answered_at = sqlite3_column_int64(st, 6);
    return true;
}

static StoreStatus read_progress(Store *store, sqlite3_stmt *st, StoreProgressList *out,
                                 StoreError *err)
{
    StoreStatus s =
        store_read_rows(store, st, (void **)&out->items, &out->count, 0, sizeof *out->items,
                        read_progress_row, N_("read the progress"), err);
    sqlite3_clear_bindings(st);
    if (s != STORE_OK)
        store_progress_list_free(out);
    return s;
}

StoreStatus store_progress_by_pack(Store *store, int64_t profile_id, int recent,
                                   StoreProgressList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s =
        profile_query(store, SQL_PROGRESS_PACK, profile_id, recent, out, sizeof *out, &st, err);
    return s == STORE_OK ? read_progress(store, st, out, err) : s;
}

StoreStatus store_progress_by_topic(Store *store, int64_t profile_id, const char *pack_id,
                                    int recent, StoreProgressList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = pack_id ? store_check_id(err, pack_id, "pack") : STORE_OK;
    if (s == STORE_OK)
        s = profile_query(store, SQL_PROGRESS_TOPIC, profile_id, recent, out, sizeof *out, &st,
                          err);
    if (s != STORE_OK)
        return s;
    if (pack_id)
        store_bind_text(st, 3, pack_id);
    return read_progress(store, st, out, err);
}

void store_missed_list_free(StoreMissedList *list)
{
    if (list)
        store_list_clear((void **)&list->items, &list->count);
}

/* A row of SQL_MOST_MISSED into item (a StoreMissed, zeroed). */
static bool read_missed(sqlite3_stmt *st, void *item)
{
    StoreMissed *m = item;
    store_copy_id(m->pack_id, sqlite3_column_text(st, 0));
    store_copy_id(m->question_id, sqlite3_column_text(st, 1));
    m->misses = sqlite3_column_int64(st, 2);
    m->last_answered_at = sqlite3_column_int64(st, 3);
    return true;
}

StoreStatus store_most_missed(Store *store, int64_t profile_id, int limit, StoreMissedList *out,
                              StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s =
        profile_query(store, SQL_MOST_MISSED, profile_id, limit, out, sizeof *out, &st, err);
    if (s != STORE_OK)
        return s;
    if ((s = store_read_rows(store, st, (void **)&out->items, &out->count, 0, sizeof *out->items,
                             read_missed, "read the most-missed questions", err)) != STORE_OK)
        store_missed_list_free(out);
    return s;
}

/* ---- study statistics ----------------------------------------------------- */

StoreStatus store_study_days(Store *store, int64_t profile_id, int64_t now_ms, const DayRule *rule,
                             int days, int64_t *counts, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!counts || days <= 0 || days > 100000)
        return store_fail(err, STORE_INVALID, 0, "No room for the day counts.");
    memset(counts, 0, (size_t)days * sizeof *counts);
    /* One count per day between that day's start and the next one's: with
     * daylight saving time days are not all 24 hours long. */
    int64_t day = day_of(now_ms, rule) - (days - 1);
    int64_t from = day_start_ms(day, rule);
    sqlite3_stmt *st;
    for (int i = 0; i < days && s == STORE_OK; i++) {
        int64_t to = day_start_ms(day + i + 1, rule);
        if ((s = store_stmt(store, SQL_STUDY_DAY, &st, err)) != STORE_OK)
            break;
        store_bind_int(st, 1, profile_id);
        store_bind_int(st, 2, from);
        store_bind_int(st, 3, to);
        s = store_query_int(store, st, &counts[i], N_("count the study days"), err);
        from = to;
    }
    return s;
}

/* SQL_RETENTION's row into item (int64_t[2]: reviews, passed). */
static bool read_retention(sqlite3_stmt *st, void *item)
{
    int64_t *figures = item;
    figures[0] = sqlite3_column_int64(st, 0);
    figures[1] = sqlite3_column_int64(st, 1);
    return true;
}

StoreStatus store_retention(Store *store, int64_t profile_id, int64_t now_ms, int window_days,
                            int64_t *passed, int64_t *total, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (passed)
        *passed = 0;
    if (total)
        *total = 0;
    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_RETENTION, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, profile_id);
    store_bind_int(st, 2, now_ms - (int64_t)(window_days < 0 ? 0 : window_days) * DAY_MS_PER_DAY);
    store_bind_int(st, 3, now_ms);
    int64_t figures[2] = {0, 0};
    if ((s = store_read_row(store, st, read_retention, figures, NULL, "compute the retention",
                            err)) != STORE_OK)
        return s;
    if (total)
        *total = figures[0];
    if (passed)
        *passed = figures[1];
    return s;
}
