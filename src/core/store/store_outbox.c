/* store_outbox.c - class attempts and the result files waiting to be
 * delivered (store.h, "class result files waiting to be delivered").
 *
 * Two tables of schema 3 (store_schema.c): class_attempts binds a round to
 * the session attempt it plays, so a killed game can resume it or deliver
 * it as stopped; outbox keeps a result file's bytes until they are in the
 * session's results/new/. What to do with them is src/core/class/
 * class_play.c's business; this file only keeps the rows.
 * Read store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    OUTBOX_MAX_BYTES = 32 * 1024 * 1024, /* = RESULT_MAX_FILE_BYTES of result.h */
    FOLDER_MAX = 4096,
    NAME_MAX_BYTES = 255,
};

#define ATTEMPT_COLS                                                                               \
    "round_id, folder, session_id, session_sha256, student, roster_id, host, time_factor, "        \
    "started_at, utc_offset, nonce, ended_at, ifnull(status, ''), result_name, question_count, "   \
    "answered, right_count, score, points"

static const char SQL_ATTEMPT_ADD[] =
    "INSERT INTO class_attempts(round_id, folder, session_id, session_sha256, student,"
    " roster_id, host, time_factor, started_at, utc_offset, nonce)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_ATTEMPT_END[] =
    "UPDATE class_attempts SET ended_at = ?2, status = ?3, result_name = ?4,"
    " question_count = ?5, answered = ?6, right_count = ?7, score = ?8, points = ?9"
    " WHERE round_id = ?1 AND ended_at IS NULL";
static const char SQL_ATTEMPT_GET[] =
    "SELECT " ATTEMPT_COLS " FROM class_attempts WHERE round_id = ?1";
static const char SQL_ATTEMPTS_OPEN[] =
    "SELECT " ATTEMPT_COLS " FROM class_attempts WHERE ended_at IS NULL"
    " AND (?1 IS NULL OR session_id = ?1) ORDER BY started_at, round_id";
static const char SQL_ATTEMPTS_OF[] =
    "SELECT " ATTEMPT_COLS " FROM class_attempts WHERE session_id = ?1"
    " AND (CASE WHEN ?3 <> '' THEN roster_id = ?3 ELSE roster_id = '' AND student = ?2 END)"
    " ORDER BY started_at, round_id";
static const char SQL_ROUND_FACTOR[] = "SELECT time_factor FROM class_attempts WHERE round_id = ?1";

static const char SQL_OUTBOX_ADD[] =
    "INSERT INTO outbox(folder, name, data, created_at, round_id, session_id, student)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_OUTBOX_LIST[] =
    "SELECT id, folder, name, data, created_at, ifnull(round_id, 0), session_id, student,"
    " tries, ifnull(last_try_at, 0), last_error FROM outbox ORDER BY created_at, id";
static const char SQL_OUTBOX_COUNT[] = "SELECT COUNT(*) FROM outbox";
static const char SQL_OUTBOX_REMOVE[] = "DELETE FROM outbox WHERE id = ?1";
static const char SQL_OUTBOX_FAILED[] =
    "UPDATE outbox SET tries = tries + 1, last_try_at = ?2, last_error = ?3 WHERE id = ?1";

static const char *const STATUS_WORDS[] = {"finished", "time-up", "stopped"};

/* ---- class attempts --------------------------------------------------------- */

static bool text_ok(const char *s, size_t lo, size_t hi)
{
    size_t n = s ? strlen(s) : 0;
    return n >= lo && n <= hi;
}

static StoreStatus check_attempt(const StoreClassAttempt *a, StoreError *err)
{
    if (!a)
        return store_fail(err, STORE_INVALID, 0, "No class attempt to save.");
    if (!text_ok(a->folder, 1, FOLDER_MAX) || !text_ok(a->session_id, 1, STORE_ID_SIZE - 1) ||
        !text_ok(a->session_sha256, 64, 64) || !text_ok(a->student, 1, STORE_TEXT_MAX) ||
        !text_ok(a->roster_id, 0, STORE_TEXT_MAX) || !text_ok(a->host, 0, STORE_TEXT_MAX))
        return store_fail(err, STORE_INVALID, 0,
                          "The class attempt's folder, session, checksum, student or host is "
                          "missing or too long.");
    if (!isfinite(a->time_factor) || a->time_factor < 1.0 || a->time_factor > 10.0)
        return store_fail(err, STORE_INVALID, 0, "The time factor %g is not 1 to 10.",
                          a->time_factor);
    if (a->utc_offset < -1080 || a->utc_offset > 1080)
        return store_fail(err, STORE_INVALID, 0, "The UTC offset %d is out of range.",
                          a->utc_offset);
    return STORE_OK;
}

StoreStatus store_class_attempt_add(Store *store, const StoreClassAttempt *a, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = check_attempt(a, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_ATTEMPT_ADD, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, a->round_id);
    store_bind_text(st, 2, a->folder);
    store_bind_text(st, 3, a->session_id);
    store_bind_text(st, 4, a->session_sha256);
    store_bind_text(st, 5, a->student);
    store_bind_text(st, 6, a->roster_id);
    store_bind_text(st, 7, a->host);
    store_bind_double(st, 8, a->time_factor);
    store_bind_int(st, 9, a->started_at);
    store_bind_int(st, 10, a->utc_offset);
    store_bind_int(st, 11, (int64_t)a->nonce);
    s = store_run(store, st, N_("save the class attempt"), err);
    if (s != STORE_OK && store->last_rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return store_fail(err, STORE_EXISTS, store->last_rc,
                          "Round %lld has a class attempt already.", (long long)a->round_id);
    return s;
}

StoreStatus store_class_attempt_end(Store *store, const StoreClassAttempt *e, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    bool known = false;
    for (size_t i = 0; e && e->status && i < sizeof STATUS_WORDS / sizeof STATUS_WORDS[0]; i++)
        known = known || strcmp(e->status, STATUS_WORDS[i]) == 0;
    if (!known || !text_ok(e->result_name, 0, NAME_MAX_BYTES))
        return store_fail(err, STORE_INVALID, 0,
                          "A class attempt ends as finished, time-up or stopped, with a file "
                          "name of at most %d bytes.",
                          NAME_MAX_BYTES);
    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_ATTEMPT_END, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, e->round_id);
    store_bind_int(st, 2, e->ended_at);
    store_bind_text(st, 3, e->status);
    store_bind_text(st, 4, e->result_name);
    store_bind_int(st, 5, e->question_count < 0 ? 0 : e->question_count);
    store_bind_int(st, 6, e->answered < 0 ? 0 : e->answered);
    store_bind_int(st, 7, e->right < 0 ? 0 : e->right);
    store_bind_double(st, 8, e->score);
    store_bind_int(st, 9, e->points);
    s = store_run_changed(store, st, e->round_id, N_("save the end of the class attempt"), err);
    if (s == STORE_NOT_FOUND)
        return store_fail(err, STORE_NOT_FOUND, 0,
                          "Round %lld has no class attempt that is still being played.",
                          (long long)e->round_id);
    return s;
}

void store_class_attempt_list_free(StoreClassAttemptList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        StoreClassAttempt *a = &list->items[i];
        const char *owned[] = {a->folder,    a->session_id, a->session_sha256, a->student,
                               a->roster_id, a->host,       a->status,         a->result_name};
        for (size_t k = 0; k < sizeof owned / sizeof owned[0]; k++)
            free((char *)owned[k]);
    }
    store_list_clear((void **)&list->items, &list->count);
}

/* One row of ATTEMPT_COLS into item (a StoreClassAttempt, zeroed). */
static bool read_attempt(sqlite3_stmt *st, void *item)
{
    StoreClassAttempt *a = item;
    a->round_id = sqlite3_column_int64(st, 0);
    a->folder = store_dup_column(st, 1);
    a->session_id = store_dup_column(st, 2);
    a->session_sha256 = store_dup_column(st, 3);
    a->student = store_dup_column(st, 4);
    a->roster_id = store_dup_column(st, 5);
    a->host = store_dup_column(st, 6);
    a->time_factor = sqlite3_column_double(st, 7);
    a->started_at = sqlite3_column_int64(st, 8);
    a->utc_offset = store_col_int(st, 9);
    a->nonce = (uint64_t)sqlite3_column_int64(st, 10);
    a->ended = sqlite3_column_type(st, 11) != SQLITE_NULL;
    a->ended_at = a->ended ? sqlite3_column_int64(st, 11) : 0;
    a->status = store_dup_column(st, 12);
    a->result_name = store_dup_column(st, 13);
    a->question_count = store_col_int(st, 14);
    a->answered = store_col_int(st, 15);
    a->right = store_col_int(st, 16);
    a->score = sqlite3_column_double(st, 17);
    a->points = sqlite3_column_int64(st, 18);
    return a->folder && a->session_id && a->session_sha256 && a->student && a->roster_id &&
           a->host && a->status && a->result_name;
}

static StoreStatus read_attempts(Store *store, sqlite3_stmt *st, StoreClassAttemptList *out,
                                 const char *what, StoreError *err)
{
    StoreStatus s = store_read_rows(store, st, (void **)&out->items, &out->count, 0,
                                    sizeof *out->items, read_attempt, what, err);
    if (s != STORE_OK)
        store_class_attempt_list_free(out);
    return s;
}

/* A class attempt query: st gets the statement, out is zeroed. */
static StoreStatus attempt_query(Store *store, const char *sql, StoreClassAttemptList *out,
                                 sqlite3_stmt **st, StoreError *err)
{
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    return s == STORE_OK ? store_stmt(store, sql, st, err) : s;
}

StoreStatus store_class_attempt_get(Store *store, int64_t round_id, StoreClassAttemptList *out,
                                    StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = attempt_query(store, SQL_ATTEMPT_GET, out, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    s = read_attempts(store, st, out, N_("read the class attempt"), err);
    if (s == STORE_OK && out->count == 0)
        return store_fail(err, STORE_NOT_FOUND, 0, "Round %lld has no class attempt.",
                          (long long)round_id);
    return s;
}

StoreStatus store_class_attempts_open(Store *store, const char *session_id,
                                      StoreClassAttemptList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = attempt_query(store, SQL_ATTEMPTS_OPEN, out, &st, err);
    if (s != STORE_OK)
        return s;
    if (session_id)
        store_bind_text(st, 1, session_id);
    else
        sqlite3_bind_null(st, 1);
    return read_attempts(store, st, out, N_("list unfinished class attempts"), err);
}

StoreStatus store_class_attempts_of(Store *store, const char *session_id, const char *student,
                                    const char *roster_id, StoreClassAttemptList *out,
                                    StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = attempt_query(store, SQL_ATTEMPTS_OF, out, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, student);
    store_bind_text(st, 3, roster_id);
    return read_attempts(store, st, out, "list the student's class attempts", err);
}

static bool read_double(sqlite3_stmt *st, void *item)
{
    *(double *)item = sqlite3_column_double(st, 0);
    return true;
}

StoreStatus store_round_time_factor(Store *store, int64_t round_id, double *factor, StoreError *err)
{
    *factor = 1.0;
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_ROUND_FACTOR, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    return store_read_row(store, st, read_double, factor, NULL, "read the round's time factor",
                          err);
}

/* ---- the outbox ------------------------------------------------------------- */

StoreStatus store_outbox_add(Store *store, const StoreOutboxItem *item, int64_t *id,
                             StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!item || !text_ok(item->folder, 1, FOLDER_MAX) || !text_ok(item->name, 1, NAME_MAX_BYTES) ||
        !item->data || item->size == 0 || item->size > OUTBOX_MAX_BYTES ||
        !text_ok(item->session_id, 0, STORE_TEXT_MAX) || !text_ok(item->student, 0, STORE_TEXT_MAX))
        return store_fail(err, STORE_INVALID, 0,
                          "A result file to keep needs a folder, a name and 1 byte to 32 MiB.");
    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_OUTBOX_ADD, &st, err)) != STORE_OK)
        return s;
    store_bind_text(st, 1, item->folder);
    store_bind_text(st, 2, item->name);
    sqlite3_bind_blob(st, 3, item->data, (int)item->size, SQLITE_STATIC);
    store_bind_int(st, 4, item->created_at);
    if (item->round_id > 0)
        store_bind_int(st, 5, item->round_id);
    else
        sqlite3_bind_null(st, 5);
    store_bind_text(st, 6, item->session_id);
    store_bind_text(st, 7, item->student);
    s = store_insert(store, st, id, N_("keep the result file on this computer"), err);
    if (s != STORE_OK && store->last_rc == SQLITE_CONSTRAINT_UNIQUE)
        return store_fail(err, STORE_EXISTS, store->last_rc,
                          "The result file %s is waiting to be delivered already.", item->name);
    return s;
}

void store_outbox_list_free(StoreOutboxList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        StoreOutboxItem *x = &list->items[i];
        const char *owned[] = {x->folder,     x->name,    x->data,
                               x->session_id, x->student, x->last_error};
        for (size_t k = 0; k < sizeof owned / sizeof owned[0]; k++)
            free((char *)owned[k]);
    }
    store_list_clear((void **)&list->items, &list->count);
}

/* The blob column as malloc'd bytes (one NUL after them, never counted). */
static char *dup_blob(sqlite3_stmt *st, int col, size_t *size)
{
    const void *bytes = sqlite3_column_blob(st, col);
    int n = sqlite3_column_bytes(st, col);
    *size = n > 0 ? (size_t)n : 0;
    char *copy = malloc(*size + 1);
    if (copy) {
        if (*size)
            memcpy(copy, bytes, *size);
        copy[*size] = '\0';
    }
    return copy;
}

/* One row of SQL_OUTBOX_LIST into item (a StoreOutboxItem, zeroed). */
static bool read_outbox_item(sqlite3_stmt *st, void *item)
{
    StoreOutboxItem *x = item;
    x->id = sqlite3_column_int64(st, 0);
    x->folder = store_dup_column(st, 1);
    x->name = store_dup_column(st, 2);
    x->data = dup_blob(st, 3, &x->size);
    x->created_at = sqlite3_column_int64(st, 4);
    x->round_id = sqlite3_column_int64(st, 5);
    x->session_id = store_dup_column(st, 6);
    x->student = store_dup_column(st, 7);
    x->tries = store_col_int(st, 8);
    x->last_try_at = sqlite3_column_int64(st, 9);
    x->last_error = store_dup_column(st, 10);
    return x->folder && x->name && x->data && x->session_id && x->student && x->last_error;
}

StoreStatus store_outbox_list(Store *store, StoreOutboxList *out, StoreError *err)
{
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_OUTBOX_LIST, &st, err)) != STORE_OK)
        return s;
    if ((s = store_read_rows(store, st, (void **)&out->items, &out->count, 0, sizeof *out->items,
                             read_outbox_item, N_("list the result files waiting"), err)) !=
        STORE_OK)
        store_outbox_list_free(out);
    return s;
}

StoreStatus store_outbox_count(Store *store, int64_t *count, StoreError *err)
{
    *count = 0;
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_OUTBOX_COUNT, &st, err)) != STORE_OK)
        return s;
    return store_query_int(store, st, count, N_("count the result files waiting"), err);
}

StoreStatus store_outbox_remove(Store *store, int64_t id, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_OUTBOX_REMOVE, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, id);
    return store_run_changed(store, st, id, N_("remove the delivered result file"), err);
}

StoreStatus store_outbox_failed(Store *store, int64_t id, int64_t at, const char *message,
                                StoreError *err)
{
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_OUTBOX_FAILED, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, at);
    store_bind_text(st, 3, message && strlen(message) <= STORE_TEXT_MAX ? message : "");
    return store_run_changed(store, st, id, "note the failed delivery", err);
}
