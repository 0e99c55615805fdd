/* store_db.c - the connection behind store.h (design rule 8): opening
 * (pragmas, then the schema check and migrations of store_schema.c),
 * recovering a damaged file (repairing it with store_repair.c, moving it
 * aside), the statement cache and transactions. The
 * domain files (store_profiles.c, store_settings.c, store_rounds.c,
 * store_answers.c, store_cards.c, store_stats.c, store_outbox.c) hold the
 * queries; store_internal.h says what they share.
 *
 * Read store_schema.c first (the tables), then here: the statement cache,
 * transactions, and opening and recovering a damaged file (store_open_at,
 * recover; then store_repair.c).
 *
 * Every write is one transaction per logical event (BEGIN IMMEDIATE, so a
 * second instance waits in the busy handler instead of failing half-way).
 * Rows that must survive a kill are committed before the call returns; with
 * WAL + synchronous=NORMAL a commit survives the process being killed (only
 * a power cut can lose the last commits, never corrupt the file).
 */
#include "i18n.h"
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#define DB_NAME "quizdeck.db"

/* Below this much free room the store checkpoints after every transaction
 * (see "transactions"): twice what SQLite lets the -wal grow to before its
 * own checkpoint, so above it the -wal can never take the last room. */
#define STORE_TIGHT_DISK_BYTES ((uint64_t)8 * 1024 * 1024)

/* ---- statement cache ---------------------------------------------------- */

StoreStatus store_stmt(Store *store, const char *sql, sqlite3_stmt **out, StoreError *err)
{
    *out = NULL;
    StoreCachedStmt *slot = NULL;
    for (size_t i = 0; i < store->cache_count && !slot; i++)
        if (store->cache[i].sql == sql)
            slot = &store->cache[i];
    if (!slot) {
        if (store->cache_count == STORE_STMT_CACHE_SIZE)
            return store_fail(err, STORE_IO, 0, "Could not prepare a query: statement cache full.");
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(st);
            return store_db_fail(store, err, rc, N_("prepare a query"));
        }
        slot = &store->cache[store->cache_count++];
        slot->sql = sql;
        slot->stmt = st;
    }
    sqlite3_reset(slot->stmt);
    sqlite3_clear_bindings(slot->stmt);
    store->last_rc = SQLITE_OK;
    *out = slot->stmt;
    return STORE_OK;
}

/* ---- transactions -------------------------------------------------------- */

/* The outermost level is a real transaction; every level inside it is a
 * savepoint. They can all share one name: RELEASE and ROLLBACK TO act on
 * the most recent savepoint of that name, which is the innermost level.
 * tx_depth counts the levels the callers opened. SQLite itself may roll
 * the whole transaction back after some errors (disk full, I/O); then
 * tx_depth > 0 with the connection in autocommit mode: the levels are
 * closed one by one as their callers end them, and nothing new may start
 * inside until they are.
 *
 * A full disk: in WAL mode every commit appends its pages to the -wal file,
 * which grows until a checkpoint copies them into the database; SQLite
 * checkpoints on its own only every 1000 pages (4 MB). On a disk with
 * 150 KB free the -wal takes the last free bytes after three answers, and
 * from then on every write fails, also once a little room is back, as
 * long as the -wal must grow. So the store checkpoints itself when the
 * outermost level ends and either a write failed with SQLITE_FULL or the
 * disk has less than STORE_TIGHT_DISK_BYTES free: the pages move into the
 * database file, and the next transaction writes the -wal again from its
 * start, in room the file already has. The checkpoint is PASSIVE (it never
 * waits for another instance); one that fails (the database cannot grow
 * either) changes nothing, and the next write says "full" again. On a disk
 * with room nothing changes: one statvfs() per transaction. */
static const char SQL_BEGIN_WRITE[] = "BEGIN IMMEDIATE";
static const char SQL_BEGIN_READ[] = "BEGIN";
static const char SQL_SAVEPOINT[] = "SAVEPOINT store";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_RELEASE[] = "RELEASE store";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO store";

static StoreStatus exec_cached(Store *store, const char *sql, const char *what, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_stmt(store, sql, &st, err);
    return s == STORE_OK ? store_run(store, st, what, err) : s;
}

static bool tx_lost(const Store *store)
{
    return store->tx_depth > 0 && sqlite3_get_autocommit(store->db);
}

static StoreStatus tx_open(Store *store, bool write, const char *what, StoreError *err)
{
    if (tx_lost(store))
        return store_fail(err, STORE_IO, 0,
                          _("Could not %s: the transaction it belongs to was already rolled back "
                            "after an error. Roll it back and start again."),
                          _(what));
    const char *sql = store->tx_depth > 0 ? SQL_SAVEPOINT
                      : write             ? SQL_BEGIN_WRITE
                                          : SQL_BEGIN_READ;
    StoreStatus s = exec_cached(store, sql, what, err);
    if (s == STORE_OK)
        store->tx_depth++;
    return s;
}

/* True when the disk holding the database has little room left (unknown
 * counts as room: the checkpoint after a failed write still runs). */
static bool disk_tight(const Store *store)
{
    struct statvfs fs;
    if (statvfs(store->path, &fs) != 0)
        return false;
    return (uint64_t)fs.f_bavail * fs.f_frsize < STORE_TIGHT_DISK_BYTES;
}

/* Called when a level has ended: after the outermost one, the rounds
 * claimed or ended in it take effect or are undone (store_live.c), and a
 * full or nearly full disk gets room for the next write (see above). */
static void tx_ended(Store *store, bool committed)
{
    if (store->tx_depth > 0)
        return;
    store_live_tx_ended(store, committed);
    bool full = store->saw_full;
    store->saw_full = false;
    if (full || disk_tight(store))
        sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* Undoes the innermost level; err gets a failure only (NULL keeps the
 * caller's message). */
static StoreStatus tx_undo(Store *store, StoreError *err)
{
    const char *what = N_("roll back the changes");
    StoreStatus s = STORE_OK;
    if (!tx_lost(store)) {
        if (store->tx_depth == 1) {
            s = exec_cached(store, SQL_ROLLBACK, what, err);
        } else {
            s = exec_cached(store, SQL_ROLLBACK_TO, what, err);
            StoreStatus r = exec_cached(store, SQL_RELEASE, what, s == STORE_OK ? err : NULL);
            if (s == STORE_OK)
                s = r;
        }
    }
    store->tx_depth--;
    tx_ended(store, false);
    /* A failed ROLLBACK leaves nothing to retry from here: SQLite rolls a
     * transaction back when its connection closes. */
    return s;
}

/* Keeps the innermost level's changes (in the outer level, or on disk for
 * the outermost); undoes them if that fails. */
static StoreStatus tx_keep(Store *store, const char *what, StoreError *err)
{
    if (tx_lost(store)) {
        store->tx_depth--;
        tx_ended(store, false);
        return store_fail(err, STORE_IO, 0,
                          _("Could not %s: the save file rolled the transaction back after an "
                            "earlier error, so nothing of it was saved."),
                          _(what));
    }
    StoreStatus s = exec_cached(store, store->tx_depth == 1 ? SQL_COMMIT : SQL_RELEASE, what, err);
    if (s != STORE_OK) {
        tx_undo(store, NULL);
        return s;
    }
    store->tx_depth--;
    tx_ended(store, true);
    return s;
}

StoreStatus store_tx_begin(Store *store, const char *what, StoreError *err)
{
    return tx_open(store, true, what, err);
}

StoreStatus store_tx_begin_read(Store *store, const char *what, StoreError *err)
{
    return tx_open(store, false, what, err);
}

StoreStatus store_tx_end(Store *store, StoreStatus status, const char *what, StoreError *err)
{
    if (status == STORE_OK)
        return tx_keep(store, what, err);
    tx_undo(store, NULL);
    return status;
}

StoreStatus store_transaction_begin(Store *store, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    return s == STORE_OK ? tx_open(store, true, N_("start a transaction"), err) : s;
}

static StoreStatus need_open_tx(const Store *store, const char *what, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK && store->tx_depth == 0)
        return store_fail(err, STORE_INVALID, 0, "Could not %s: no transaction is open.", what);
    return s;
}

StoreStatus store_transaction_commit(Store *store, StoreError *err)
{
    const char *what = N_("commit the transaction");
    StoreStatus s = need_open_tx(store, what, err);
    return s == STORE_OK ? tx_keep(store, what, err) : s;
}

StoreStatus store_transaction_rollback(Store *store, StoreError *err)
{
    StoreStatus s = need_open_tx(store, N_("roll back the transaction"), err);
    if (s == STORE_OK && (s = tx_undo(store, err)) == STORE_OK)
        return store_ok(err);
    return s;
}

StoreStatus store_debug_exec(Store *store, const char *sql, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!sql)
        return store_fail(err, STORE_INVALID, 0, "No SQL to run.");
    int rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? store_ok(err) : store_db_fail(store, err, rc, N_("run the SQL"));
}

/* ---- open / close ------------------------------------------------------- */

/* Runs a PRAGMA or other statement that yields at most one integer. */
static int exec_int(sqlite3 *db, const char *sql, int64_t *value)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (value)
            *value = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* "ok", or the first complaint into msg. Returns the SQLite code; *good says
 * whether the check passed. */
static int run_check(sqlite3 *db, const char *pragma, bool *good, char *msg, size_t size)
{
    sqlite3_stmt *st = NULL;
    *good = false;
    int rc = sqlite3_prepare_v2(db, pragma, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        const char *text = t ? (const char *)t : "";
        *good = strcmp(text, "ok") == 0;
        snprintf(msg, size, "%s", text);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

typedef enum OpenResult { OPEN_OK, OPEN_BROKEN, OPEN_FAILED } OpenResult;

/* One attempt at opening path. OPEN_BROKEN means the file is unreadable as a
 * database and may be moved aside; OPEN_FAILED is an error to report as is
 * (busy, too new, disk full...), never a reason to move the file. */
static OpenResult try_open(Store *store, StoreError *err)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(
        store->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        store_fail(err, store_status_of(rc), rc, _("Could not open the save file %s: %s."),
                   store->path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        struct stat sb;
        /* An existing file SQLite cannot open at all is treated as damaged. */
        return (rc & 0xff) == SQLITE_CANTOPEN && stat(store->path, &sb) == 0 && S_ISREG(sb.st_mode)
                   ? OPEN_BROKEN
                   : OPEN_FAILED;
    }
    store->db = db;
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, store->busy_ms);

    /* The version comes first, before any pragma writes to the file: a
     * version this code does not know is refused with the file untouched. */
    /* TRANSLATORS: the steps of opening the save file, in "Could not %s
     * %s: %s." (the second %s is the file's path) */
    const char *step = N_("read the save file");
    int64_t version = 0;
    rc = exec_int(db, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK && store_schema_refuse(store->path, version, err) != STORE_OK)
        return OPEN_FAILED;
    if (rc == SQLITE_OK) {
        step = N_("set up the save file");
        rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        step = N_("check the save file");
        bool good = false;
        char msg[256] = "";
        rc = run_check(db, "PRAGMA quick_check(1)", &good, msg, sizeof msg);
        if (rc == SQLITE_OK && !good) {
            store_fail(err, STORE_CORRUPT, SQLITE_CORRUPT, _("The save file %s is damaged: %s."),
                       store->path, msg);
            return OPEN_BROKEN;
        }
    }
    if (rc == SQLITE_OK) {
        step = N_("update the save file");
        rc = store_schema_migrate(db, &version);
    }
    /* Another instance may have moved the file on while we waited. */
    if (rc == SQLITE_OK && store_schema_refuse(store->path, version, err) != STORE_OK)
        return OPEN_FAILED;
    if (rc == SQLITE_OK)
        return OPEN_OK;

    StoreStatus status = store_status_of(rc);
    if (status == STORE_CORRUPT) {
        store_fail(err, STORE_CORRUPT, rc, _("The save file %s is not a readable database: %s."),
                   store->path, sqlite3_errmsg(db));
        return OPEN_BROKEN;
    }
    if (status == STORE_BUSY) {
        store_fail(err, STORE_BUSY, rc,
                   _("Another quizdeck window is using the save file %s and kept it busy. "
                     "Close the other window and try again, or play without saving."),
                   store->path);
    } else {
        store_fail(err, status, rc, _("Could not %s %s: %s."), _(step), store->path,
                   sqlite3_errmsg(db));
    }
    return OPEN_FAILED;
}

static void close_db(Store *store)
{
    for (size_t i = 0; i < store->cache_count; i++)
        sqlite3_finalize(store->cache[i].stmt);
    store->cache_count = 0;
    sqlite3_close(store->db);
    store->db = NULL;
}

/* Renames path (and its -wal/-shm) to path.corrupt-YYYYMMDD-HHMMSS[-N];
 * the chosen name goes into moved_to. */
static bool move_aside(const char *path, int64_t now_ms, char *moved_to, size_t size)
{
    time_t secs = (time_t)day_floor_div(now_ms, 1000);
    struct tm tm;
    char stamp[32] = "unknown";
    if (gmtime_r(&secs, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    struct stat sb;
    for (int n = 1; n < 100; n++) {
        int len = n == 1 ? snprintf(moved_to, size, "%s.corrupt-%s", path, stamp)
                         : snprintf(moved_to, size, "%s.corrupt-%s-%d", path, stamp, n);
        if (len < 0 || (size_t)len + 5 > size)
            return false;
        if (stat(moved_to, &sb) == 0)
            continue;
        if (rename(path, moved_to) != 0 && errno != ENOENT)
            return false;
        static const char *const sidecars[] = {"-wal", "-shm"};
        for (size_t k = 0; k < 2; k++) {
            char from[STORE_PATH_SIZE + 8], to[STORE_PATH_SIZE + 8];
            snprintf(from, sizeof from, "%s%s", path, sidecars[k]);
            snprintf(to, sizeof to, "%s%s", moved_to, sidecars[k]);
            /* A stale sidecar would be applied to the fresh file: if it
             * cannot be moved, it must at least go. */
            if (rename(from, to) != 0 && errno != ENOENT)
                unlink(from);
        }
        return true;
    }
    return false;
}

/* ---- recovering a damaged file --------------------------------------------- */

/* Where a repaired copy is built before it takes the damaged file's place. */
static void repair_path(const char *path, char *out, size_t size)
{
    snprintf(out, size, "%s.repair", path);
}

/* A failure to write the repaired copy (not: nothing could be read). */
static bool disk_trouble(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
        return true;
    default:
        return false;
    }
}

/* A repair killed after the damaged file was moved aside and before its
 * repaired copy took its place: the copy is complete (it was closed before
 * anything was moved), so it takes its place now. */
static void finish_interrupted_repair(const char *path)
{
    char fresh[STORE_PATH_SIZE + 16];
    repair_path(path, fresh, sizeof fresh);
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == ENOENT && stat(fresh, &sb) == 0)
        rename(fresh, path);
}

/* "2 learners, 5 rounds, ..." for the player. */
static void kept_words(char *buf, size_t size, const StoreKept *k)
{
    char learners[64], rounds[64], answers[64], cards[64], reviews[64], with[2][160];
    snprintf(learners, sizeof learners, i18n_plural("%lld learner", "%lld learners", k->profiles),
             (long long)k->profiles);
    snprintf(rounds, sizeof rounds, i18n_plural("%lld round", "%lld rounds", k->rounds),
             (long long)k->rounds);
    snprintf(answers, sizeof answers, i18n_plural("%lld answer", "%lld answers", k->answers),
             (long long)k->answers);
    snprintf(cards, sizeof cards, i18n_plural("%lld flashcard", "%lld flashcards", k->cards),
             (long long)k->cards);
    snprintf(reviews, sizeof reviews, i18n_plural("%lld review", "%lld reviews", k->reviews),
             (long long)k->reviews);
    /* TRANSLATORS: "12 rounds with 96 answers", "30 flashcards with 55
     * reviews". */
    snprintf(with[0], sizeof with[0], _("%s with %s"), rounds, answers);
    snprintf(with[1], sizeof with[1], _("%s with %s"), cards, reviews);
    const char *sep = C_("list separator", ", ");
    if (snprintf(buf, size, "%s%s%s%s%s", learners, sep, with[0], sep, with[1]) >= (int)size)
        return; /* cut short; the counts that fit still read right */
}

/* The file try_open() found damaged (store->db may still be open on it):
 * first its indexes are rebuilt in place; if that does not pass the check,
 * every row that can be read goes into a fresh file (store_repair.c) that
 * takes the damaged one's place; only when nothing can be read does a
 * fresh, empty file start. The damaged file is moved aside in both of the
 * latter cases, never deleted. err says what was done, for the player. */
static OpenResult recover(Store *store, int64_t now_ms, StoreError *err)
{
    if (store->db && store_repair_reindex(store->db)) {
        close_db(store);
        OpenResult r = try_open(store, err);
        if (r == OPEN_OK) {
            store_fail(err, STORE_OK, 0, "%s",
                       _("Part of your saved progress (an index of the save file) was damaged. "
                         "quizdeck repaired it, and nothing was lost."));
            err->recovered = true;
            err->recovery = STORE_RECOVERY_REINDEXED;
        }
        if (r != OPEN_BROKEN)
            return r;
    }

    char fresh[STORE_PATH_SIZE + 16];
    repair_path(store->path, fresh, sizeof fresh);
    StoreKept kept;
    int rc = store_repair_salvage(store->path, fresh, now_ms, &kept);
    bool salvaged = rc == SQLITE_OK;
    if (disk_trouble(rc)) {
        /* The rows may all be readable: never trade them for an empty file
         * because the copy could not be written. */
        close_db(store);
        store_fail(err, store_status_of(rc), rc,
                   _("The save file %s is damaged, and it could not be repaired now: %s. "
                     "Nothing was changed; free some room on the disk and start quizdeck "
                     "again."),
                   store->path, sqlite3_errstr(rc));
        return OPEN_FAILED;
    }

    /* Rename while the broken connection is still open: closing it may
     * delete DB-wal by name, and that file can hold the last commits. */
    char moved[STORE_PATH_SIZE] = "";
    bool moved_ok = move_aside(store->path, now_ms, moved, sizeof moved);
    int saved_errno = errno;
    close_db(store);
    if (!moved_ok) {
        if (salvaged)
            unlink(fresh); /* the damaged file is still in place: next time again */
        store_fail(err, STORE_CORRUPT, SQLITE_CORRUPT,
                   _("The save file %s is damaged and could not be moved aside (%s)."), store->path,
                   strerror(saved_errno));
        return OPEN_FAILED;
    }
    if (salvaged && rename(fresh, store->path) != 0) {
        salvaged = false; /* everything is still in the moved file */
        unlink(fresh);
    }
    OpenResult r = try_open(store, err);
    if (r == OPEN_BROKEN) {
        store_fail(err, STORE_CORRUPT, SQLITE_CORRUPT,
                   salvaged ? _("The repaired save file %s could not be opened.")
                            : _("A fresh save file could not be started at %s."),
                   store->path);
        return OPEN_FAILED;
    }
    if (r != OPEN_OK)
        return r;
    if (!salvaged) {
        store_fail(err, STORE_OK, 0,
                   _("Your saved progress could not be read, so quizdeck started a fresh "
                     "save. The old file was kept as %s."),
                   moved);
    } else {
        char words[512];
        kept_words(words, sizeof words, &kept);
        if (kept.everything)
            store_fail(err, STORE_OK, 0,
                       _("Your save file was damaged, but all of it could still be read: "
                         "quizdeck repaired it and nothing was lost (%s). The damaged file was "
                         "kept as %s."),
                       words, moved);
        else
            store_fail(err, STORE_OK, 0,
                       _("Your save file was damaged. quizdeck repaired it and kept everything "
                         "that could still be read: %s; the rest was lost. The damaged file was "
                         "kept as %s."),
                       words, moved);
        err->kept = kept;
    }
    err->recovered = true;
    err->recovery = salvaged ? STORE_RECOVERY_SALVAGED : STORE_RECOVERY_FRESH;
    memcpy(err->moved_to, moved, sizeof err->moved_to);
    return OPEN_OK;
}

StoreStatus store_open_at(Store **out, const char *dir, int64_t now_ms, StoreError *caller_err)
{
    /* The status of a failed attempt travels in the error record, so keep
     * one even when the caller passes none. */
    StoreError local;
    StoreError *err = caller_err ? caller_err : &local;
    memset(err, 0, sizeof *err);
    if (!out)
        return store_fail(err, STORE_INVALID, 0, "No place to put the store handle.");
    *out = NULL;
    if (!dir || !dir[0])
        return store_fail(err, STORE_INVALID, 0, "No folder given for the save file.");

    struct stat sb;
    if (stat(dir, &sb) != 0)
        return store_fail(err, STORE_CANNOT_OPEN, 0, _("Cannot use the folder %s for saving: %s."),
                          dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return store_fail(err, STORE_CANNOT_OPEN, 0, _("Cannot save in %s: it is not a folder."),
                          dir);
    if (access(dir, W_OK | X_OK) != 0)
        return store_fail(err, STORE_CANNOT_OPEN, 0, _("Cannot save in the folder %s: %s."), dir,
                          strerror(errno));

    Store *store = calloc(1, sizeof *store);
    if (!store)
        return store_fail(err, STORE_NO_MEMORY, 0, "%s", _("Out of memory opening the save file."));
    store->busy_ms = STORE_DEFAULT_BUSY_MS;
    store->live_fd = -1;
    size_t dlen = strlen(dir);
    bool slash = dir[dlen - 1] == '/';
    int len = snprintf(store->path, sizeof store->path, "%s%s" DB_NAME, dir, slash ? "" : "/");
    /* Room for ".corrupt-YYYYMMDD-HHMMSS-NN-wal" when moving aside. */
    if (len < 0 || (size_t)len + 40 >= sizeof store->path) {
        free(store);
        return store_fail(err, STORE_CANNOT_OPEN, 0, _("The folder path %s is too long."), dir);
    }

    finish_interrupted_repair(store->path);
    OpenResult r = try_open(store, err);
    if (r == OPEN_BROKEN)
        r = recover(store, now_ms, err);
    if (r != OPEN_OK) {
        StoreStatus status = err->status;
        if (status == STORE_OK)
            status = STORE_IO;
        close_db(store);
        free(store);
        return status;
    }
    if (!err->recovered)
        store_ok(err);
    store_live_open(store);
    *out = store;
    return STORE_OK;
}

StoreStatus store_open(Store **out, const char *dir, StoreError *err)
{
    /* The only clock read in the store: it names a moved-aside file. */
    return store_open_at(out, dir, (int64_t)time(NULL) * 1000, err);
}

void store_close(Store *store)
{
    if (!store)
        return;
    /* An open transaction is undone, never half kept. */
    while (store->db && store->tx_depth > 0)
        tx_undo(store, NULL);
    close_db(store);
    store_live_close(store);
    free(store);
}

const char *store_path(const Store *store)
{
    return store ? store->path : "";
}

void store_set_busy_timeout(Store *store, int ms)
{
    if (!store)
        return;
    store->busy_ms = ms < 0 ? 0 : ms;
    sqlite3_busy_timeout(store->db, store->busy_ms);
}

StoreStatus store_check_integrity(Store *store, StoreError *err)
{
    if (!store)
        return store_fail(err, STORE_INVALID, 0, "No store.");
    bool good = false;
    char msg[256] = "";
    int rc = run_check(store->db, "PRAGMA integrity_check(1)", &good, msg, sizeof msg);
    if (rc != SQLITE_OK)
        return store_db_fail(store, err, rc, N_("check the save file"));
    if (!good)
        return store_fail(err, STORE_CORRUPT, SQLITE_CORRUPT, _("The save file is damaged: %s"),
                          msg);
    return store_ok(err);
}
