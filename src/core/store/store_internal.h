/* store_internal.h - what the store's files share, and nothing outside them
 * includes (store.h is the one public header).
 *
 * The store is split by domain: store_schema.c has the tables and their
 * migrations, store_db.c the connection (opening, pragmas, recovery of a
 * damaged file, the statement cache, transactions), store_repair.c what
 * a damaged file is repaired with and store_live.c which rounds a live
 * handle is playing; store_profiles.c, store_settings.c, store_rounds.c
 * (rounds), store_answers.c (their answers), store_cards.c (cards and
 * reviews), store_stats.c (progress, most missed, study days, retention)
 * and store_outbox.c (class attempts, result files waiting) each keep
 * their SQL next to the code that runs it; store_util.c has the error,
 * column and row-reading helpers below. Read store_schema.c, then
 * store_db.c.
 *
 * A query function reads like this:
 *     sqlite3_stmt *st;
 *     if ((s = store_stmt(store, SQL_X, &st, err)) != STORE_OK)
 *         return s;
 *     store_bind_int(st, 1, id);
 *     return store_run(store, st, "do the thing", err);
 * store_stmt() finds the cached statement for that SQL (preparing it on
 * first use) and hands it back reset, with no bindings. A query that
 * returns rows ends in store_read_rows() (a list) or store_read_row() (one
 * row) with the domain file's reader of its row type:
 *     return store_read_rows(store, st, (void **)&out->items, &out->count, 0,
 *                            sizeof *out->items, read_thing, "list things", err);
 */
#ifndef QUIZDECK_STORE_INTERNAL_H
#define QUIZDECK_STORE_INTERNAL_H

#include "store.h"

#include <sqlite3.h>

/* Enough slots for every statement of every domain file; store_stmt()
 * fails loudly (STORE_IO, "statement cache full") rather than growing. */
enum { STORE_STMT_CACHE_SIZE = 64 };

typedef struct StoreLive StoreLive; /* a round this handle plays (store_live.c) */

typedef struct StoreCachedStmt {
    const char *sql; /* the domain file's static SQL text: the cache key */
    sqlite3_stmt *stmt;
} StoreCachedStmt;

struct Store {
    sqlite3 *db;
    int busy_ms;
    char path[STORE_PATH_SIZE];
    StoreCachedStmt cache[STORE_STMT_CACHE_SIZE];
    size_t cache_count;
    int last_rc;  /* extended SQLite code of the last store_run/store_done */
    int tx_depth; /* open transaction levels (store_db.c, "transactions") */
    /* A write failed with SQLITE_FULL since the outermost level began: once
     * it ends, the WAL is checkpointed so the retry can reuse its room
     * (store_db.c, "transactions"). */
    bool saw_full;
    /* The rounds this handle plays, each locked in the -live file
     * (store_live.c); live_fd -1 when that file could not be opened. */
    int live_fd;
    StoreLive *live;
    size_t live_count, live_cap;
};

/* ---- errors (store_util.c) ------------------------------------------------ */

/* Fills err (may be NULL) with status, SQLite code and message; returns status. */
StoreStatus store_fail(StoreError *err, StoreStatus status, int code, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Clears err to STORE_OK; returns STORE_OK. */
StoreStatus store_ok(StoreError *err);
/* The status a SQLite result code means. */
StoreStatus store_status_of(int rc);
/* A failed SQLite call as a status and a message saying what was being
 * done (`what`, e.g. "save the answer"). */
StoreStatus store_db_fail(const Store *store, StoreError *err, int rc, const char *what);
/* STORE_INVALID unless store is open. */
StoreStatus store_need(const Store *store, StoreError *err);
/* STORE_INVALID unless out is non-NULL ("No list to fill."). */
StoreStatus store_need_out(const void *out, StoreError *err);
/* store_need(), then store_need_out(); once both pass, the size bytes of
 * *out (a list to fill) are zeroed. */
StoreStatus store_need_list(const Store *store, void *out, size_t size, StoreError *err);

/* ---- ids and columns (store_util.c) --------------------------------------- */

/* STORE_INVALID unless id is 1..STORE_ID_SIZE-1 bytes; what names it. */
StoreStatus store_check_id(StoreError *err, const char *id, const char *what);
/* Copies at most STORE_ID_SIZE-1 bytes of src (NULL = "") into dst. */
void store_copy_id(char dst[STORE_ID_SIZE], const unsigned char *src);
/* A malloc'd copy of a text column ("" for NULL); NULL when out of memory. */
char *store_dup_column(sqlite3_stmt *st, int col);
/* An integer column clamped to int. */
int store_col_int(sqlite3_stmt *st, int col);
/* Grows a list's item array to hold one more; false when out of memory. */
bool store_grow(void **items, size_t *capacity, size_t count, size_t item_size);
/* Frees a list's item array and empties the list (what the items own is
 * the caller's to free first). */
void store_list_clear(void **items, size_t *count);

/* ---- statements (store_db.c, binds in store_util.c) ----------------------- */

/* The cached statement for sql (a static string of the caller's file),
 * prepared on first use, reset and unbound, in *out. */
StoreStatus store_stmt(Store *store, const char *sql, sqlite3_stmt **out, StoreError *err);
/* Steps a statement that returns no rows, resets it and turns a failure
 * into a status (see store_db_fail). */
StoreStatus store_run(Store *store, sqlite3_stmt *st, const char *what, StoreError *err);
/* store_run for an INSERT; when it succeeded, *id (may be NULL) is the new
 * row's id. */
StoreStatus store_insert(Store *store, sqlite3_stmt *st, int64_t *id, const char *what,
                         StoreError *err);
/* Like store_run for UPDATE/DELETE by id: no row changed is STORE_NOT_FOUND. */
StoreStatus store_run_changed(Store *store, sqlite3_stmt *st, int64_t id, const char *what,
                              StoreError *err);
/* Ends reading rows: resets st and turns rc (the last sqlite3_step result,
 * SQLITE_DONE when all went well) into a status. */
StoreStatus store_done(Store *store, sqlite3_stmt *st, int rc, const char *what, StoreError *err);

/* ---- reading rows (store_util.c) ------------------------------------------- */

/* Fills item from the row st stands on; false when out of memory (what it
 * did fill stays in item, for the list's free). One per row type, in the
 * domain file that owns the type. */
typedef bool (*StoreReadRow)(sqlite3_stmt *st, void *item);

/* Steps st (prepared and bound) to its end, appending one item of
 * item_size bytes per row to the array *items of *count items, which has
 * room for `capacity` already (0 when *items is NULL) and grows as needed;
 * each new item is zeroed, then filled by read_row. st is reset and the
 * result is store_done()'s for `what`; on a failure the items read so far
 * stay in the list, for the caller's list free. */
StoreStatus store_read_rows(Store *store, sqlite3_stmt *st, void **items, size_t *count,
                            size_t capacity, size_t item_size, StoreReadRow read_row,
                            const char *what, StoreError *err);
/* Steps st once: a row there is read into item by read_row, which is
 * left alone when there is none; *found (may be NULL) says which. st is
 * reset; the result is store_done()'s for `what`. */
StoreStatus store_read_row(Store *store, sqlite3_stmt *st, StoreReadRow read_row, void *item,
                           bool *found, const char *what, StoreError *err);
/* Column 0 of st's one row (a COUNT(*)...) in *value; 0 when no row. */
StoreStatus store_query_int(Store *store, sqlite3_stmt *st, int64_t *value, const char *what,
                            StoreError *err);

/* The bound text must live until the statement is next reset. NULL = "". */
void store_bind_text(sqlite3_stmt *st, int index, const char *text);
void store_bind_int(sqlite3_stmt *st, int index, int64_t value);
void store_bind_double(sqlite3_stmt *st, int index, double value);
/* A profile id, or NULL for STORE_GLOBAL (settings of the whole game). */
void store_bind_profile(sqlite3_stmt *st, int index, int64_t profile_id);

/* ---- schema (store_schema.c) ---------------------------------------------- */

/* STORE_OK for a user_version this code can open (0..STORE_SCHEMA_VERSION);
 * else STORE_TOO_NEW or STORE_CORRUPT with a message naming path. */
StoreStatus store_schema_refuse(const char *path, int64_t version, StoreError *err);
/* Migrates db from *version to STORE_SCHEMA_VERSION, one transaction per
 * step; *version is where the file ended up (another instance may have
 * moved it on; a version to refuse is left alone). Returns the SQLite code
 * of a failure, SQLITE_OK otherwise. */
int store_schema_migrate(sqlite3 *db, int64_t *version);
/* The same, stopping at schema `target` (the repair builds an empty file
 * of the damaged one's version with it). foreign_keys is ON afterwards. */
int store_schema_migrate_to(sqlite3 *db, int64_t *version, int64_t target);

/* ---- repairing a damaged file (store_repair.c) ---------------------------- */

/* REINDEX, then quick_check: true when the file passes it now. */
bool store_repair_reindex(sqlite3 *db);
/* Copies every row that can be read from the database file `damaged`
 * into a new file `fresh` (replaced if it exists), migrated to the current
 * schema, with lost parents given back where the file says what they were.
 * SQLITE_OK with *kept filled when at least one row was kept; otherwise
 * SQLITE_NOTADB or SQLITE_CORRUPT when nothing could be read, another code
 * when the fresh file could not be written (SQLITE_FULL...), with *kept
 * zeroed and `fresh` removed. The damaged file is only read. */
int store_repair_salvage(const char *damaged, const char *fresh, int64_t now_ms, StoreKept *kept);

/* ---- rounds being played (store_live.c) ------------------------------------ */

/* Opens the handle's lock file (after the database opened), and closes it
 * with every claim. */
void store_live_open(Store *store);
void store_live_close(Store *store);
/* This handle plays round_id from now on (in an open transaction: once it
 * commits). False when another handle plays it already. */
bool store_live_claim(Store *store, int64_t round_id);
/* The round ended (finished or abandoned): its claim goes now, or when the
 * open transaction commits. */
void store_live_release(Store *store, int64_t round_id);
/* Whether another live handle (not this one) plays round_id. */
bool store_live_elsewhere(Store *store, int64_t round_id);
/* store_tx_end() for a write that plays round_id (starting it, answering
 * in it): once the write is kept, this handle plays the round. */
StoreStatus store_live_tx_end(Store *store, StoreStatus status, int64_t round_id, const char *what,
                              StoreError *err);
/* The outermost transaction ended: claims and releases made in it take
 * effect (committed) or are undone. */
void store_live_tx_ended(Store *store, bool committed);

/* ---- transactions (store_db.c) -------------------------------------------- */

/* A write transaction around one logical event (BEGIN IMMEDIATE, so a
 * second instance waits in the busy handler instead of failing half-way);
 * inside a caller's store_transaction_begin() it is a savepoint of it. */
StoreStatus store_tx_begin(Store *store, const char *what, StoreError *err);
/* The same for reads that must see one state of the file (BEGIN). */
StoreStatus store_tx_begin_read(Store *store, const char *what, StoreError *err);
/* Ends the level store_tx_begin*() opened: keeps it when status is
 * STORE_OK, else undoes it and leaves err as the failure set it; returns
 * the final status. */
StoreStatus store_tx_end(Store *store, StoreStatus status, const char *what, StoreError *err);

#endif
