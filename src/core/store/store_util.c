/* store_util.c - the small helpers every store file uses: errors as values,
 * id checks, column reads and binds (declared in store_internal.h; read
 * that first).
 */
#include "error_value.h"
#include "i18n.h"
#include "store_internal.h"
#include "strutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors --------------------------------------------------------------- */

StoreStatus store_fail(StoreError *err, StoreStatus status, int code, const char *fmt, ...)
{
    ERROR_VALUE_SET(err, status, fmt);
    if (err)
        err->sqlite_code = code;
    return status;
}

StoreStatus store_ok(StoreError *err)
{
    if (err) {
        err->status = STORE_OK;
        err->sqlite_code = 0;
        err->message[0] = '\0';
    }
    return STORE_OK;
}

StoreStatus store_status_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return STORE_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return STORE_BUSY;
    case SQLITE_FULL:
        return STORE_FULL;
    case SQLITE_NOMEM:
        return STORE_NO_MEMORY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return STORE_CORRUPT;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return STORE_CANNOT_OPEN;
    case SQLITE_CONSTRAINT:
        return rc == SQLITE_CONSTRAINT_FOREIGNKEY ? STORE_NOT_FOUND : STORE_INVALID;
    default:
        return STORE_IO;
    }
}

StoreStatus store_db_fail(const Store *store, StoreError *err, int rc, const char *what)
{
    StoreStatus status = store_status_of(rc);
    /* `what` is a phrase marked N_() where it is written ("save the
     * answer"); the player reads it in the interface language. */
    const char *doing = _(what);
    switch (status) {
    case STORE_BUSY:
        return store_fail(err, status, rc,
                          _("Could not %s: another quizdeck window kept the save file busy "
                            "for more than %d ms. Close the other window and try again."),
                          doing, store ? store->busy_ms : STORE_DEFAULT_BUSY_MS);
    case STORE_FULL:
        return store_fail(err, status, rc, _("Could not %s: the disk is full."), doing);
    case STORE_NOT_FOUND:
        return store_fail(err, status, rc, _("Could not %s: the profile or round does not exist."),
                          doing);
    default:
        return store_fail(err, status, rc, _("Could not %s: %s (SQLite error %d)."), doing,
                          store && store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc), rc);
    }
}

StoreStatus store_need(const Store *store, StoreError *err)
{
    return store && store->db ? STORE_OK : store_fail(err, STORE_INVALID, 0, "No store.");
}

StoreStatus store_need_out(const void *out, StoreError *err)
{
    return out ? STORE_OK : store_fail(err, STORE_INVALID, 0, "No list to fill.");
}

StoreStatus store_need_list(const Store *store, void *out, size_t size, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = store_need_out(out, err);
    if (s == STORE_OK)
        memset(out, 0, size);
    return s;
}

const char *store_status_name(StoreStatus status)
{
    switch (status) {
    case STORE_OK:
        return "ok";
    case STORE_NOT_FOUND:
        return "not found";
    case STORE_EXISTS:
        return "exists";
    case STORE_INVALID:
        return "invalid";
    case STORE_BUSY:
        return "busy";
    case STORE_CANNOT_OPEN:
        return "cannot open";
    case STORE_CORRUPT:
        return "corrupt";
    case STORE_TOO_NEW:
        return "too new";
    case STORE_FULL:
        return "disk full";
    case STORE_NO_MEMORY:
        return "out of memory";
    case STORE_IO:
        return "i/o error";
    }
    return "unknown";
}

/* ---- ids and columns ------------------------------------------------------ */

StoreStatus store_check_id(StoreError *err, const char *id, const char *what)
{
    if (id && id[0] && strlen(id) < STORE_ID_SIZE)
        return STORE_OK;
    return store_fail(err, STORE_INVALID, 0, "The %s id is missing or longer than %d characters.",
                      what, STORE_ID_SIZE - 1);
}

void store_copy_id(char dst[STORE_ID_SIZE], const unsigned char *src)
{
    size_t n = 0;
    if (src) {
        while (n < STORE_ID_SIZE - 1 && src[n]) {
            dst[n] = (char)src[n];
            n++;
        }
    }
    dst[n] = '\0';
}

char *store_dup_column(sqlite3_stmt *st, int col)
{
    const unsigned char *text = sqlite3_column_text(st, col);
    return dup_string(text ? (const char *)text : "");
}

int store_col_int(sqlite3_stmt *st, int col)
{
    sqlite3_int64 v = sqlite3_column_int64(st, col);
    if (v > 2147483647)
        return 2147483647;
    if (v < -2147483647 - 1)
        return -2147483647 - 1;
    return (int)v;
}

bool store_grow(void **items, size_t *capacity, size_t count, size_t item_size)
{
    if (count < *capacity)
        return true;
    size_t cap = *capacity ? *capacity * 2 : 16;
    void *p = realloc(*items, cap * item_size);
    if (!p)
        return false;
    *items = p;
    *capacity = cap;
    return true;
}

void store_list_clear(void **items, size_t *count)
{
    free(*items);
    *items = NULL;
    *count = 0;
}

/* ---- running statements --------------------------------------------------- */

/* Remembers the code of the last statement, and a full disk for the end of
 * the transaction (store_db.c). */
static void note_rc(Store *store, int rc)
{
    store->last_rc = rc;
    if ((rc & 0xff) == SQLITE_FULL)
        store->saw_full = true;
}

StoreStatus store_run(Store *store, sqlite3_stmt *st, const char *what, StoreError *err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    note_rc(store, rc);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return store_ok(err);
    return store_db_fail(store, err, rc, what);
}

StoreStatus store_insert(Store *store, sqlite3_stmt *st, int64_t *id, const char *what,
                         StoreError *err)
{
    StoreStatus s = store_run(store, st, what, err);
    if (s == STORE_OK && id)
        *id = sqlite3_last_insert_rowid(store->db);
    return s;
}

StoreStatus store_run_changed(Store *store, sqlite3_stmt *st, int64_t id, const char *what,
                              StoreError *err)
{
    StoreStatus s = store_run(store, st, what, err);
    if (s == STORE_OK && sqlite3_changes(store->db) == 0)
        return store_fail(err, STORE_NOT_FOUND, 0, _("Could not %s: no such record (id %lld)."),
                          _(what), (long long)id);
    return s;
}

StoreStatus store_done(Store *store, sqlite3_stmt *st, int rc, const char *what, StoreError *err)
{
    sqlite3_reset(st);
    note_rc(store, rc);
    if (rc == SQLITE_DONE)
        return store_ok(err);
    return store_db_fail(store, err, rc, what);
}

/* ---- reading rows ------------------------------------------------------------ */

StoreStatus store_read_rows(Store *store, sqlite3_stmt *st, void **items, size_t *count,
                            size_t capacity, size_t item_size, StoreReadRow read_row,
                            const char *what, StoreError *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!store_grow(items, &capacity, *count, item_size)) {
            rc = SQLITE_NOMEM;
            break;
        }
        /* Counted before it is read: what a failed read did fill is freed
         * with the list. */
        void *item = (char *)*items + *count * item_size;
        memset(item, 0, item_size);
        (*count)++;
        if (!read_row(st, item)) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    return store_done(store, st, rc, what, err);
}

StoreStatus store_read_row(Store *store, sqlite3_stmt *st, StoreReadRow read_row, void *item,
                           bool *found, const char *what, StoreError *err)
{
    int rc = sqlite3_step(st);
    if (found)
        *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW)
        rc = read_row(st, item) ? SQLITE_DONE : SQLITE_NOMEM;
    return store_done(store, st, rc, what, err);
}

static bool read_int(sqlite3_stmt *st, void *item)
{
    *(int64_t *)item = sqlite3_column_int64(st, 0);
    return true;
}

StoreStatus store_query_int(Store *store, sqlite3_stmt *st, int64_t *value, const char *what,
                            StoreError *err)
{
    *value = 0;
    return store_read_row(store, st, read_int, value, NULL, what, err);
}

void store_bind_text(sqlite3_stmt *st, int index, const char *text)
{
    sqlite3_bind_text(st, index, text ? text : "", -1, SQLITE_STATIC);
}

void store_bind_int(sqlite3_stmt *st, int index, int64_t value)
{
    sqlite3_bind_int64(st, index, value);
}

void store_bind_double(sqlite3_stmt *st, int index, double value)
{
    sqlite3_bind_double(st, index, value);
}

void store_bind_profile(sqlite3_stmt *st, int index, int64_t profile_id)
{
    if (profile_id == STORE_GLOBAL)
        sqlite3_bind_null(st, index);
    else
        sqlite3_bind_int64(st, index, profile_id);
}
