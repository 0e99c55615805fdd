/* store.c - the SQLite store behind store.h (design rule 7).
 *
 * Read in this order: the schema and its migrations (SCHEMA_V1, MIGRATIONS),
 * opening and recovering a damaged file (store_open_at), the statement cache
 * (STMT_SQL), then one section per table in the order of store.h.
 *
 * Every write is one transaction per logical event (BEGIN IMMEDIATE, so a
 * second instance waits in the busy handler instead of failing half-way).
 * Rows that must survive a kill are committed before the call returns; with
 * WAL + synchronous=NORMAL a commit survives the process being killed (only
 * a power cut can lose the last commits, never corrupt the file).
 */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define DAY_MS  ((int64_t)86400000)
#define DB_NAME "quizdeck.db"

/* ---- schema ------------------------------------------------------------- */

/* Version 1. Profiles own everything else through ON DELETE CASCADE, so
 * deleting a profile is one statement. Pack, question and topic ids are the
 * pack format's stable ids (history is keyed by them). Times are unix ms. */
static const char SCHEMA_V1[] =
    "CREATE TABLE profiles("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " created_at INTEGER NOT NULL,"
    " last_used_at INTEGER NOT NULL DEFAULT 0,"
    " sort_order INTEGER NOT NULL DEFAULT 0);"
    /* profile_id NULL = a global setting. A plain UNIQUE(profile_id, key)
     * would let NULLs repeat, hence the expression index. */
    "CREATE TABLE settings("
    " profile_id INTEGER REFERENCES profiles(id) ON DELETE CASCADE,"
    " key TEXT NOT NULL,"
    " value TEXT NOT NULL);"
    "CREATE UNIQUE INDEX settings_key ON settings(ifnull(profile_id, 0), key);"
    "CREATE INDEX settings_profile ON settings(profile_id);"
    /* packs: the pack ids joined with ','; pack_count = 1 marks the
     * single-pack rounds that count for a pack's best score. correct_count
     * and points run while the round is played and are final once
     * finished_at is set. */
    "CREATE TABLE rounds("
    " id INTEGER PRIMARY KEY,"
    " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
    " started_at INTEGER NOT NULL,"
    " finished_at INTEGER,"
    " seed INTEGER NOT NULL,"
    " mode TEXT NOT NULL DEFAULT '',"
    " settings TEXT NOT NULL DEFAULT '',"
    " packs TEXT NOT NULL,"
    " pack_count INTEGER NOT NULL,"
    " question_count INTEGER NOT NULL,"
    " correct_count INTEGER NOT NULL DEFAULT 0,"
    " points INTEGER NOT NULL DEFAULT 0,"
    " best_streak INTEGER NOT NULL DEFAULT 0,"
    " abandoned INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX rounds_profile ON rounds(profile_id, finished_at);"
    "CREATE TABLE answers("
    " id INTEGER PRIMARY KEY,"
    " round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
    " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
    " pack_id TEXT NOT NULL,"
    " question_id TEXT NOT NULL,"
    " topic_id TEXT NOT NULL DEFAULT '',"
    " given TEXT NOT NULL DEFAULT '',"
    " fraction_right REAL NOT NULL,"
    " correct INTEGER NOT NULL,"
    " points INTEGER NOT NULL,"
    " ms_taken INTEGER NOT NULL,"
    " answered_at INTEGER NOT NULL,"
    " timed_out INTEGER NOT NULL);"
    "CREATE INDEX answers_round ON answers(round_id);"
    "CREATE INDEX answers_question ON answers(profile_id, pack_id, question_id);"
    "CREATE INDEX answers_topic ON answers(profile_id, pack_id, topic_id, answered_at);"
    /* deletion tells apart the cards of one question (a cloze gap). */
    "CREATE TABLE cards("
    " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
    " pack_id TEXT NOT NULL,"
    " question_id TEXT NOT NULL,"
    " deletion INTEGER NOT NULL DEFAULT 0,"
    " state INTEGER NOT NULL,"
    " stability REAL NOT NULL,"
    " difficulty REAL NOT NULL,"
    " due INTEGER NOT NULL,"
    " last_review INTEGER NOT NULL,"
    " step INTEGER NOT NULL,"
    " reps INTEGER NOT NULL,"
    " lapses INTEGER NOT NULL,"
    " scheduled_days INTEGER NOT NULL,"
    " first_seen INTEGER NOT NULL,"
    " PRIMARY KEY(profile_id, pack_id, question_id, deletion)) WITHOUT ROWID;"
    "CREATE TABLE reviews("
    " id INTEGER PRIMARY KEY,"
    " profile_id INTEGER NOT NULL,"
    " pack_id TEXT NOT NULL,"
    " question_id TEXT NOT NULL,"
    " deletion INTEGER NOT NULL,"
    " reviewed_at INTEGER NOT NULL,"
    " rating INTEGER NOT NULL,"
    " state_before INTEGER NOT NULL,"
    " state_after INTEGER NOT NULL,"
    " elapsed_days INTEGER NOT NULL,"
    " scheduled_days INTEGER NOT NULL,"
    " stability REAL NOT NULL,"
    " difficulty REAL NOT NULL,"
    " ms_taken INTEGER NOT NULL,"
    " source TEXT NOT NULL CHECK(source IN ('study', 'quiz')),"
    " FOREIGN KEY(profile_id, pack_id, question_id, deletion)"
    "  REFERENCES cards(profile_id, pack_id, question_id, deletion) ON DELETE CASCADE);"
    "CREATE INDEX reviews_card ON reviews(profile_id, pack_id, question_id, deletion, reviewed_at);"
    /* Covers the heatmap and retention queries (time, state, rating), so
     * a year of reviews is counted from the index alone. */
    "CREATE INDEX reviews_time ON reviews(profile_id, reviewed_at, state_before, rating);";

/* MIGRATIONS[v] takes a database from user_version v to v + 1. To add
 * version 2: append its SQL here and raise STORE_SCHEMA_VERSION. */
static const char *const MIGRATIONS[] = {
    SCHEMA_V1,
};
_Static_assert(sizeof MIGRATIONS / sizeof MIGRATIONS[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* ---- statement cache ---------------------------------------------------- */

typedef enum StmtId {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_PROFILE_ADD,
    ST_PROFILE_RENAME,
    ST_PROFILE_DELETE,
    ST_PROFILE_TOUCH,
    ST_PROFILE_ORDER,
    ST_PROFILE_LIST,
    ST_SETTING_DELETE,
    ST_SETTING_INSERT,
    ST_SETTING_GET,
    ST_ROUND_BEGIN,
    ST_ROUND_FINISH,
    ST_ROUND_ABANDON,
    ST_ROUND_GET,
    ST_ROUNDS_UNFINISHED,
    ST_ROUND_HISTORY,
    ST_PACK_BEST,
    ST_PACK_BESTS,
    ST_ANSWER_INSERT,
    ST_ROUND_ADD_TOTALS,
    ST_ROUND_ANSWERS,
    ST_PROGRESS_PACK,
    ST_PROGRESS_TOPIC,
    ST_MOST_MISSED,
    ST_CARD_UPSERT,
    ST_CARD_GET,
    ST_CARDS_LOAD,
    ST_CARDS_COUNT,
    ST_REVIEW_INSERT,
    ST_CARD_REVIEWS,
    ST_STUDY_DAYS,
    ST_RETENTION,
    ST_COUNT
} StmtId;

#define ROUND_COLS                                                                                 \
    "id, profile_id, started_at, finished_at, abandoned, seed, mode, settings, "                   \
    "packs, pack_count, question_count, "                                                          \
    "(SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id), "                              \
    "correct_count, points, best_streak"

#define ANSWER_COLS                                                                                \
    "id, round_id, profile_id, pack_id, question_id, topic_id, given, "                            \
    "fraction_right, correct, points, ms_taken, answered_at, timed_out"

#define CARD_COLS                                                                                  \
    "profile_id, pack_id, question_id, deletion, state, stability, difficulty, "                   \
    "due, last_review, step, reps, lapses, scheduled_days, first_seen"

#define REVIEW_COLS                                                                                \
    "id, profile_id, pack_id, question_id, deletion, reviewed_at, rating, "                        \
    "state_before, state_after, elapsed_days, scheduled_days, stability, "                         \
    "difficulty, ms_taken, source"

/* Per-group progress: the newest `recent` answers of each group (?2) count
 * for accuracy; rn numbers a group's answers newest first. */
#define PROGRESS_SELECT                                                                            \
    "SELECT pack_id, topic_id, COUNT(DISTINCT question_id), COUNT(*),"                             \
    " SUM(rn <= ?2), SUM(CASE WHEN rn <= ?2 THEN correct ELSE 0 END),"                             \
    " MAX(answered_at) FROM r "

static const char *const STMT_SQL[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_PROFILE_ADD] = "INSERT INTO profiles(name, created_at, last_used_at) VALUES(?1, ?2, 0)",
    [ST_PROFILE_RENAME] = "UPDATE profiles SET name = ?2 WHERE id = ?1",
    [ST_PROFILE_DELETE] = "DELETE FROM profiles WHERE id = ?1",
    [ST_PROFILE_TOUCH] = "UPDATE profiles SET last_used_at = ?2 WHERE id = ?1",
    [ST_PROFILE_ORDER] = "UPDATE profiles SET sort_order = ?2 WHERE id = ?1",
    [ST_PROFILE_LIST] = "SELECT id, name, created_at, last_used_at, sort_order FROM profiles"
                        " ORDER BY sort_order, last_used_at DESC, id",
    [ST_SETTING_DELETE] = "DELETE FROM settings WHERE profile_id IS ?1 AND key = ?2",
    [ST_SETTING_INSERT] = "INSERT INTO settings(profile_id, key, value) VALUES(?1, ?2, ?3)",
    [ST_SETTING_GET] = "SELECT value FROM settings WHERE profile_id IS ?1 AND key = ?2",
    [ST_ROUND_BEGIN] = "INSERT INTO rounds(profile_id, started_at, seed, mode, settings, packs,"
                       " pack_count, question_count) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_ROUND_FINISH] = "UPDATE rounds SET finished_at = ?2, correct_count = ?3, points = ?4,"
                        " best_streak = ?5, abandoned = 0 WHERE id = ?1",
    [ST_ROUND_ABANDON] = "UPDATE rounds SET abandoned = 1 WHERE id = ?1 AND finished_at IS NULL",
    [ST_ROUND_GET] = "SELECT " ROUND_COLS " FROM rounds WHERE id = ?1",
    [ST_ROUNDS_UNFINISHED] = "SELECT " ROUND_COLS " FROM rounds WHERE profile_id = ?1"
                             " AND finished_at IS NULL AND abandoned = 0"
                             " ORDER BY started_at DESC, id DESC",
    [ST_ROUND_HISTORY] = "SELECT * FROM (SELECT " ROUND_COLS " FROM rounds"
                         " WHERE profile_id = ?1 AND finished_at IS NOT NULL"
                         " ORDER BY finished_at DESC, id DESC LIMIT ?2)"
                         " ORDER BY finished_at, id",
    [ST_PACK_BEST] = "SELECT " ROUND_COLS " FROM rounds WHERE profile_id = ?1"
                     " AND finished_at IS NOT NULL AND pack_count = 1 AND packs = ?2"
                     " ORDER BY points DESC, correct_count DESC, finished_at, id LIMIT 1",
    /* The profile comes from the round, so an answer cannot land on the
     * wrong profile. */
    [ST_PACK_BESTS] = "SELECT " ROUND_COLS " FROM (SELECT *, ROW_NUMBER() OVER ("
                      "PARTITION BY packs ORDER BY points DESC, correct_count DESC,"
                      " finished_at, id) AS rn FROM rounds WHERE profile_id = ?1"
                      " AND finished_at IS NOT NULL AND pack_count = 1) AS rounds"
                      " WHERE rn = 1 ORDER BY packs",
    [ST_ANSWER_INSERT] = "INSERT INTO answers(round_id, profile_id, pack_id, question_id,"
                         " topic_id, given, fraction_right, correct, points, ms_taken,"
                         " answered_at, timed_out)"
                         " SELECT id, profile_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
                         " FROM rounds WHERE id = ?1",
    [ST_ROUND_ADD_TOTALS] = "UPDATE rounds SET correct_count = correct_count + ?2,"
                            " points = points + ?3 WHERE id = ?1",
    [ST_ROUND_ANSWERS] = "SELECT " ANSWER_COLS " FROM answers WHERE round_id = ?1"
                         " ORDER BY answered_at, id",
    [ST_PROGRESS_PACK] =
        "WITH r AS (SELECT pack_id, '' AS topic_id, question_id, correct,"
        " answered_at, ROW_NUMBER() OVER (PARTITION BY pack_id"
        " ORDER BY answered_at DESC, id DESC) AS rn"
        " FROM answers WHERE profile_id = ?1) " PROGRESS_SELECT "GROUP BY pack_id ORDER BY pack_id",
    [ST_PROGRESS_TOPIC] = "WITH r AS (SELECT pack_id, topic_id, question_id, correct,"
                          " answered_at, ROW_NUMBER() OVER (PARTITION BY pack_id, topic_id"
                          " ORDER BY answered_at DESC, id DESC) AS rn"
                          " FROM answers WHERE profile_id = ?1 AND topic_id <> ''"
                          " AND (?3 IS NULL OR pack_id = ?3)) " PROGRESS_SELECT
                          "GROUP BY pack_id, topic_id ORDER BY pack_id, topic_id",
    [ST_MOST_MISSED] = "SELECT pack_id, question_id, SUM(correct = 0) AS misses,"
                       " MAX(answered_at) AS last FROM answers WHERE profile_id = ?1"
                       " GROUP BY pack_id, question_id HAVING misses > 0"
                       " ORDER BY misses DESC, last DESC, pack_id, question_id LIMIT ?2",
    /* An upsert, never INSERT OR REPLACE: REPLACE deletes the row first and
     * the cascade would take the card's review log with it. */
    [ST_CARD_UPSERT] = "INSERT INTO cards(" CARD_COLS ")"
                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                       " ON CONFLICT(profile_id, pack_id, question_id, deletion) DO UPDATE SET"
                       " state = excluded.state, stability = excluded.stability,"
                       " difficulty = excluded.difficulty, due = excluded.due,"
                       " last_review = excluded.last_review, step = excluded.step,"
                       " reps = excluded.reps, lapses = excluded.lapses,"
                       " scheduled_days = excluded.scheduled_days,"
                       " first_seen = CASE WHEN cards.first_seen > 0 THEN cards.first_seen"
                       " ELSE excluded.first_seen END",
    [ST_CARD_GET] = "SELECT " CARD_COLS " FROM cards WHERE profile_id = ?1 AND pack_id = ?2"
                    " AND question_id = ?3 AND deletion = ?4",
    [ST_CARDS_LOAD] = "SELECT " CARD_COLS " FROM cards WHERE profile_id = ?1"
                      " ORDER BY pack_id, question_id, deletion",
    [ST_CARDS_COUNT] = "SELECT COUNT(*) FROM cards WHERE profile_id = ?1",
    [ST_REVIEW_INSERT] = "INSERT INTO reviews(profile_id, pack_id, question_id, deletion,"
                         " reviewed_at, rating, state_before, state_after, elapsed_days,"
                         " scheduled_days, stability, difficulty, ms_taken, source)"
                         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    [ST_CARD_REVIEWS] = "SELECT " REVIEW_COLS " FROM reviews WHERE profile_id = ?1"
                        " AND pack_id = ?2 AND question_id = ?3 AND deletion = ?4"
                        " ORDER BY reviewed_at, id",
    [ST_STUDY_DAYS] = "SELECT (reviewed_at - ?2) / 86400000 AS d, COUNT(*) FROM reviews"
                      " WHERE profile_id = ?1 AND reviewed_at >= ?2 AND reviewed_at < ?3"
                      " GROUP BY d",
    [ST_RETENTION] = "SELECT COUNT(*), ifnull(SUM(rating >= 2), 0) FROM reviews"
                     " WHERE profile_id = ?1 AND state_before = 2"
                     " AND reviewed_at > ?2 AND reviewed_at <= ?3",
};

struct Store {
    sqlite3 *db;
    int busy_ms;
    char path[STORE_PATH_SIZE];
    sqlite3_stmt *stmts[ST_COUNT];
};

/* ---- errors ------------------------------------------------------------- */

static StoreStatus fail(StoreError *err, StoreStatus status, int code, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static StoreStatus fail(StoreError *err, StoreStatus status, int code, const char *format, ...)
{
    if (err) {
        err->status = status;
        err->sqlite_code = code;
        va_list ap;
        va_start(ap, format);
        vsnprintf(err->message, sizeof err->message, format, ap);
        va_end(ap);
    }
    return status;
}

static StoreStatus ok(StoreError *err)
{
    if (err) {
        err->status = STORE_OK;
        err->sqlite_code = 0;
        err->message[0] = '\0';
    }
    return STORE_OK;
}

static StoreStatus status_of(int rc)
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

/* Turns a failed SQLite call into a status and a message saying what was
 * being done (`what`, e.g. "save the answer"). */
static StoreStatus db_fail(const Store *store, StoreError *err, int rc, const char *what)
{
    StoreStatus status = status_of(rc);
    switch (status) {
    case STORE_BUSY:
        return fail(err, status, rc,
                    "Could not %s: another quizdeck window kept the save file busy "
                    "for more than %d ms. Close the other window and try again.",
                    what, store ? store->busy_ms : STORE_DEFAULT_BUSY_MS);
    case STORE_FULL:
        return fail(err, status, rc, "Could not %s: the disk is full.", what);
    case STORE_NOT_FOUND:
        return fail(err, status, rc, "Could not %s: the profile or round does not exist.", what);
    default:
        return fail(err, status, rc, "Could not %s: %s (SQLite error %d).", what,
                    store && store->db ? sqlite3_errmsg(store->db) : sqlite3_errstr(rc), rc);
    }
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

/* ---- small helpers ------------------------------------------------------ */

static bool id_ok(const char *id)
{
    return id && id[0] && strlen(id) < STORE_ID_SIZE;
}

static StoreStatus check_id(StoreError *err, const char *id, const char *what)
{
    if (id_ok(id))
        return STORE_OK;
    return fail(err, STORE_INVALID, 0, "The %s id is missing or longer than %d characters.", what,
                STORE_ID_SIZE - 1);
}

static void copy_id(char dst[STORE_ID_SIZE], const unsigned char *src)
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

static char *dup_column(sqlite3_stmt *st, int col)
{
    const unsigned char *text = sqlite3_column_text(st, col);
    const char *s = text ? (const char *)text : "";
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

static int col_int(sqlite3_stmt *st, int col)
{
    sqlite3_int64 v = sqlite3_column_int64(st, col);
    if (v > 2147483647)
        return 2147483647;
    if (v < -2147483647 - 1)
        return -2147483647 - 1;
    return (int)v;
}

/* Valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF) and
 * no control characters below U+0020. */
static bool utf8_name_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += len;
    }
    return true;
}

/* Trims ASCII spaces into buf and checks the rules of a profile name. */
static StoreStatus clean_name(const char *name, char buf[STORE_NAME_MAX + 1], StoreError *err)
{
    if (!name)
        return fail(err, STORE_INVALID, 0, "The profile name is missing.");
    const char *start = name;
    while (*start == ' ')
        start++;
    size_t n = strlen(start);
    while (n > 0 && start[n - 1] == ' ')
        n--;
    if (n == 0)
        return fail(err, STORE_INVALID, 0, "The profile name is empty.");
    if (n > STORE_NAME_MAX)
        return fail(err, STORE_INVALID, 0, "The profile name is longer than %d bytes.",
                    STORE_NAME_MAX);
    if (!utf8_name_ok((const unsigned char *)start, n))
        return fail(err, STORE_INVALID, 0,
                    "The profile name is not valid UTF-8 or contains control characters.");
    memcpy(buf, start, n);
    buf[n] = '\0';
    return STORE_OK;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Fetches a cached statement, preparing it on first use; reset and unbound. */
static StoreStatus stmt(Store *store, StmtId id, sqlite3_stmt **out, StoreError *err)
{
    if (!store->stmts[id]) {
        int rc = sqlite3_prepare_v3(store->db, STMT_SQL[id], -1, SQLITE_PREPARE_PERSISTENT,
                                    &store->stmts[id], NULL);
        if (rc != SQLITE_OK) {
            store->stmts[id] = NULL;
            *out = NULL;
            return db_fail(store, err, rc, "prepare a query");
        }
    }
    sqlite3_reset(store->stmts[id]);
    sqlite3_clear_bindings(store->stmts[id]);
    *out = store->stmts[id];
    return STORE_OK;
}

/* Runs a statement that returns no rows; resets it afterwards. */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static void bind_profile_or_null(sqlite3_stmt *st, int index, int64_t profile_id)
{
    if (profile_id == STORE_GLOBAL)
        sqlite3_bind_null(st, index);
    else
        sqlite3_bind_int64(st, index, profile_id);
}

static void bind_str(sqlite3_stmt *st, int index, const char *s)
{
    sqlite3_bind_text(st, index, s ? s : "", -1, SQLITE_STATIC);
}

static StoreStatus tx_begin(Store *store, StoreError *err, const char *what)
{
    sqlite3_stmt *st;
    StoreStatus s = stmt(store, ST_BEGIN, &st, err);
    if (s != STORE_OK)
        return s;
    int rc = step_done(st);
    return rc == SQLITE_OK ? STORE_OK : db_fail(store, err, rc, what);
}

static void tx_rollback(Store *store)
{
    sqlite3_stmt *st;
    if (!sqlite3_get_autocommit(store->db) && stmt(store, ST_ROLLBACK, &st, NULL) == STORE_OK)
        step_done(st);
}

static StoreStatus tx_commit(Store *store, StoreError *err, const char *what)
{
    sqlite3_stmt *st;
    StoreStatus s = stmt(store, ST_COMMIT, &st, err);
    if (s != STORE_OK) {
        tx_rollback(store);
        return s;
    }
    int rc = step_done(st);
    if (rc != SQLITE_OK) {
        s = db_fail(store, err, rc, what);
        tx_rollback(store);
        return s;
    }
    return STORE_OK;
}

/* Grows a list's item array; false when out of memory. */
static bool grow(void **items, size_t *capacity, size_t count, size_t item_size)
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

static int migrate(sqlite3 *db, int64_t *found_version)
{
    int64_t version = 0;
    int rc = exec_int(db, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK)
        return rc;
    *found_version = version;
    while (version < STORE_SCHEMA_VERSION) {
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return rc;
        /* Another instance may have migrated while we waited for the lock. */
        rc = exec_int(db, "PRAGMA user_version", &version);
        if (rc == SQLITE_OK && version < STORE_SCHEMA_VERSION && version >= 0) {
            rc = sqlite3_exec(db, MIGRATIONS[version], NULL, NULL, NULL);
            if (rc == SQLITE_OK) {
                char sql[64];
                snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)version + 1);
                rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
            }
        }
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
        rc = exec_int(db, "PRAGMA user_version", &version);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
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
        fail(err, status_of(rc), rc, "Could not open the save file %s: %s.", store->path,
             db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
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

    const char *step = "set up";
    rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        step = "check";
        bool good = false;
        char msg[256] = "";
        rc = run_check(db, "PRAGMA quick_check(1)", &good, msg, sizeof msg);
        if (rc == SQLITE_OK && !good) {
            fail(err, STORE_CORRUPT, SQLITE_CORRUPT, "The save file %s is damaged: %s.",
                 store->path, msg);
            return OPEN_BROKEN;
        }
    }
    int64_t version = 0;
    if (rc == SQLITE_OK) {
        step = "update";
        rc = migrate(db, &version);
    }
    if (rc == SQLITE_OK && version > STORE_SCHEMA_VERSION) {
        fail(err, STORE_TOO_NEW, 0,
             "The save file %s was written by a newer quizdeck (schema %lld, this one "
             "knows %d). It was left untouched; update quizdeck to use it.",
             store->path, (long long)version, STORE_SCHEMA_VERSION);
        return OPEN_FAILED;
    }
    if (rc == SQLITE_OK)
        return OPEN_OK;

    StoreStatus status = status_of(rc);
    if (status == STORE_CORRUPT) {
        fail(err, STORE_CORRUPT, rc, "The save file %s is not a readable database: %s.",
             store->path, sqlite3_errmsg(db));
        return OPEN_BROKEN;
    }
    if (status == STORE_BUSY) {
        fail(err, STORE_BUSY, rc,
             "Another quizdeck window is using the save file %s and kept it busy. "
             "Close the other window and try again, or play without saving.",
             store->path);
    } else {
        fail(err, status, rc, "Could not %s the save file %s: %s.", step, store->path,
             sqlite3_errmsg(db));
    }
    return OPEN_FAILED;
}

static void close_db(Store *store)
{
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(store->stmts[i]);
        store->stmts[i] = NULL;
    }
    sqlite3_close(store->db);
    store->db = NULL;
}

/* Renames path (and its -wal/-shm) to path.corrupt-YYYYMMDD-HHMMSS[-N];
 * the chosen name goes into moved_to. */
static bool move_aside(const char *path, int64_t now_ms, char *moved_to, size_t size)
{
    time_t secs = (time_t)floor_div(now_ms, 1000);
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

StoreStatus store_open_at(Store **out, const char *dir, int64_t now_ms, StoreError *caller_err)
{
    /* The status of a failed attempt travels in the error record, so keep
     * one even when the caller passes none. */
    StoreError local;
    StoreError *err = caller_err ? caller_err : &local;
    memset(err, 0, sizeof *err);
    if (!out)
        return fail(err, STORE_INVALID, 0, "No place to put the store handle.");
    *out = NULL;
    if (!dir || !dir[0])
        return fail(err, STORE_INVALID, 0, "No folder given for the save file.");

    struct stat sb;
    if (stat(dir, &sb) != 0)
        return fail(err, STORE_CANNOT_OPEN, 0, "Cannot use the folder %s for saving: %s.", dir,
                    strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return fail(err, STORE_CANNOT_OPEN, 0, "Cannot save in %s: it is not a folder.", dir);
    if (access(dir, W_OK | X_OK) != 0)
        return fail(err, STORE_CANNOT_OPEN, 0, "Cannot save in the folder %s: %s.", dir,
                    strerror(errno));

    Store *store = calloc(1, sizeof *store);
    if (!store)
        return fail(err, STORE_NO_MEMORY, 0, "Out of memory opening the save file.");
    store->busy_ms = STORE_DEFAULT_BUSY_MS;
    size_t dlen = strlen(dir);
    bool slash = dir[dlen - 1] == '/';
    int len = snprintf(store->path, sizeof store->path, "%s%s" DB_NAME, dir, slash ? "" : "/");
    /* Room for ".corrupt-YYYYMMDD-HHMMSS-NN-wal" when moving aside. */
    if (len < 0 || (size_t)len + 40 >= sizeof store->path) {
        free(store);
        return fail(err, STORE_CANNOT_OPEN, 0, "The folder path %s is too long.", dir);
    }

    OpenResult r = try_open(store, err);
    char moved[STORE_PATH_SIZE] = "";
    if (r == OPEN_BROKEN) {
        /* Rename while the broken connection is still open: closing it may
         * delete DB-wal by name, and that file can hold the last commits. */
        bool moved_ok = move_aside(store->path, now_ms, moved, sizeof moved);
        int saved_errno = errno;
        close_db(store);
        if (!moved_ok) {
            fail(err, STORE_CORRUPT, SQLITE_CORRUPT,
                 "The save file %s is damaged and could not be moved aside (%s).", store->path,
                 strerror(saved_errno));
            free(store);
            return STORE_CORRUPT;
        }
        r = try_open(store, err);
        if (r == OPEN_BROKEN) {
            fail(err, STORE_CORRUPT, SQLITE_CORRUPT,
                 "A fresh save file could not be started at %s.", store->path);
            r = OPEN_FAILED;
        }
        if (r == OPEN_OK) {
            fail(err, STORE_OK, 0,
                 "Your saved progress could not be read, so quizdeck started a fresh save. "
                 "The old file was kept as %s.",
                 moved);
            if (err) {
                err->recovered = true;
                memcpy(err->moved_to, moved, sizeof err->moved_to);
            }
        }
    }
    if (r != OPEN_OK) {
        StoreStatus status = err->status;
        if (status == STORE_OK)
            status = STORE_IO;
        close_db(store);
        free(store);
        return status;
    }
    if (!err->recovered)
        ok(err);
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
    close_db(store);
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
        return fail(err, STORE_INVALID, 0, "No store.");
    bool good = false;
    char msg[256] = "";
    int rc = run_check(store->db, "PRAGMA integrity_check(1)", &good, msg, sizeof msg);
    if (rc != SQLITE_OK)
        return db_fail(store, err, rc, "check the save file");
    if (!good)
        return fail(err, STORE_CORRUPT, SQLITE_CORRUPT, "The save file is damaged: %s", msg);
    return ok(err);
}

/* ---- profiles ----------------------------------------------------------- */

static StoreStatus need_store(const Store *store, StoreError *err)
{
    return store && store->db ? STORE_OK : fail(err, STORE_INVALID, 0, "No store.");
}

/* For UPDATE/DELETE by id: no row changed means no such id. */
static StoreStatus by_id(Store *store, StmtId id, int64_t key, bool has_text, const char *text,
                         bool has_int, int64_t value, const char *what, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = stmt(store, id, &st, err);
    if (s != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, key);
    if (has_text)
        bind_str(st, 2, text);
    if (has_int)
        sqlite3_bind_int64(st, 2, value);
    int rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(store, err, rc, what);
    if (sqlite3_changes(store->db) == 0)
        return fail(err, STORE_NOT_FOUND, 0, "Could not %s: no such record (id %lld).", what,
                    (long long)key);
    return ok(err);
}

StoreStatus store_profile_add(Store *store, const char *name, int64_t now_ms, int64_t *id_out,
                              StoreError *err)
{
    StoreStatus s = need_store(store, err);
    char clean[STORE_NAME_MAX + 1];
    if (s == STORE_OK)
        s = clean_name(name, clean, err);
    if (s != STORE_OK)
        return s;
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_PROFILE_ADD, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_text(st, 1, clean, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_ms);
    int rc = step_done(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return fail(err, STORE_EXISTS, rc, "There is already a profile called \"%s\".", clean);
    if (rc != SQLITE_OK)
        return db_fail(store, err, rc, "add the profile");
    if (id_out)
        *id_out = sqlite3_last_insert_rowid(store->db);
    return ok(err);
}

StoreStatus store_profile_rename(Store *store, int64_t profile_id, const char *name,
                                 StoreError *err)
{
    StoreStatus s = need_store(store, err);
    char clean[STORE_NAME_MAX + 1];
    if (s == STORE_OK)
        s = clean_name(name, clean, err);
    if (s != STORE_OK)
        return s;
    s = by_id(store, ST_PROFILE_RENAME, profile_id, true, clean, false, 0, "rename the profile",
              err);
    if (s == STORE_INVALID && err && err->sqlite_code == SQLITE_CONSTRAINT_UNIQUE)
        return fail(err, STORE_EXISTS, SQLITE_CONSTRAINT_UNIQUE,
                    "There is already a profile called \"%s\".", clean);
    return s;
}

StoreStatus store_profile_delete(Store *store, int64_t profile_id, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    /* One statement, so the cascade over every table is one transaction. */
    return by_id(store, ST_PROFILE_DELETE, profile_id, false, NULL, false, 0, "delete the profile",
                 err);
}

StoreStatus store_profile_touch(Store *store, int64_t profile_id, int64_t now_ms, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    return by_id(store, ST_PROFILE_TOUCH, profile_id, false, NULL, true, now_ms,
                 "update the profile", err);
}

StoreStatus store_profile_set_order(Store *store, int64_t profile_id, int sort_order,
                                    StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    return by_id(store, ST_PROFILE_ORDER, profile_id, false, NULL, true, sort_order,
                 "reorder the profiles", err);
}

void store_profile_list_free(StoreProfileList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free((char *)list->items[i].name);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

StoreStatus store_profile_list(Store *store, StoreProfileList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_PROFILE_LIST, &st, err)) != STORE_OK)
        return s;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreProfile *p = &out->items[out->count];
        p->name = dup_column(st, 1);
        if (!p->name) {
            rc = SQLITE_NOMEM;
            break;
        }
        out->count++;
        p->id = sqlite3_column_int64(st, 0);
        p->created_at = sqlite3_column_int64(st, 2);
        p->last_used_at = sqlite3_column_int64(st, 3);
        p->sort_order = col_int(st, 4);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_profile_list_free(out);
        return db_fail(store, err, rc, "list the profiles");
    }
    return ok(err);
}

/* ---- settings ----------------------------------------------------------- */

static StoreStatus check_key(StoreError *err, const char *key)
{
    if (key && key[0] && strlen(key) <= STORE_KEY_MAX)
        return STORE_OK;
    return fail(err, STORE_INVALID, 0, "The setting key is missing or longer than %d bytes.",
                STORE_KEY_MAX);
}

StoreStatus store_setting_set_text(Store *store, int64_t profile_id, const char *key,
                                   const char *value, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK)
        s = check_key(err, key);
    if (s != STORE_OK)
        return s;
    if (!value || strlen(value) > STORE_TEXT_MAX)
        return fail(err, STORE_INVALID, 0, "The value of setting %s is missing or too long.", key);
    if ((s = tx_begin(store, err, "save the setting")) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    int rc = SQLITE_OK;
    if ((s = stmt(store, ST_SETTING_DELETE, &st, err)) == STORE_OK) {
        bind_profile_or_null(st, 1, profile_id);
        bind_str(st, 2, key);
        rc = step_done(st);
    }
    if (s == STORE_OK && rc == SQLITE_OK &&
        (s = stmt(store, ST_SETTING_INSERT, &st, err)) == STORE_OK) {
        bind_profile_or_null(st, 1, profile_id);
        bind_str(st, 2, key);
        bind_str(st, 3, value);
        rc = step_done(st);
    }
    if (s == STORE_OK && rc != SQLITE_OK)
        s = db_fail(store, err, rc, "save the setting");
    if (s != STORE_OK) {
        tx_rollback(store);
        return s;
    }
    if ((s = tx_commit(store, err, "save the setting")) != STORE_OK)
        return s;
    return ok(err);
}

StoreStatus store_setting_set_int(Store *store, int64_t profile_id, const char *key, int64_t value,
                                  StoreError *err)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)value);
    return store_setting_set_text(store, profile_id, key, text, err);
}

StoreStatus store_setting_get_text(Store *store, int64_t profile_id, const char *key, char *buf,
                                   size_t size, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK)
        s = check_key(err, key);
    if (s != STORE_OK)
        return s;
    if (!buf || size == 0)
        return fail(err, STORE_INVALID, 0, "No buffer for the setting.");
    buf[0] = '\0';
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_SETTING_GET, &st, err)) != STORE_OK)
        return s;
    bind_profile_or_null(st, 1, profile_id);
    bind_str(st, 2, key);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        if (n >= size) {
            sqlite3_reset(st);
            return fail(err, STORE_INVALID, 0, "The value of setting %s is too long (%zu bytes).",
                        key, n);
        }
        if (t)
            memcpy(buf, t, n);
        buf[n] = '\0';
        sqlite3_reset(st);
        return ok(err);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return fail(err, STORE_NOT_FOUND, 0, "Setting %s is not set.", key);
    return db_fail(store, err, rc, "read a setting");
}

StoreStatus store_setting_get_int(Store *store, int64_t profile_id, const char *key, int64_t *value,
                                  StoreError *err)
{
    char text[64];
    StoreStatus s = store_setting_get_text(store, profile_id, key, text, sizeof text, err);
    if (s == STORE_INVALID && err && err->sqlite_code == 0 && text[0] == '\0' && key)
        return fail(err, STORE_INVALID, 0, "Setting %s is not an integer.", key);
    if (s != STORE_OK)
        return s;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0')
        return fail(err, STORE_INVALID, 0, "Setting %s is not an integer: \"%s\".", key, text);
    if (value)
        *value = (int64_t)v;
    return ok(err);
}

int64_t store_setting_int_or(Store *store, int64_t profile_id, const char *key, int64_t fallback)
{
    int64_t v = 0;
    return store_setting_get_int(store, profile_id, key, &v, NULL) == STORE_OK ? v : fallback;
}

StoreStatus store_setting_delete(Store *store, int64_t profile_id, const char *key, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK)
        s = check_key(err, key);
    if (s != STORE_OK)
        return s;
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_SETTING_DELETE, &st, err)) != STORE_OK)
        return s;
    bind_profile_or_null(st, 1, profile_id);
    bind_str(st, 2, key);
    int rc = step_done(st);
    return rc == SQLITE_OK ? ok(err) : db_fail(store, err, rc, "remove the setting");
}

/* ---- rounds ------------------------------------------------------------- */

void store_round_list_free(StoreRoundList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free((char *)list->items[i].mode);
        free((char *)list->items[i].settings);
        free((char *)list->items[i].packs);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

/* Steps st (bound, ROUND_COLS) to the end into out. */
static StoreStatus read_rounds(Store *store, sqlite3_stmt *st, StoreRoundList *out,
                               const char *what, StoreError *err)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreRound *r = &out->items[out->count];
        memset(r, 0, sizeof *r);
        out->count++;
        r->mode = dup_column(st, 6);
        r->settings = dup_column(st, 7);
        r->packs = dup_column(st, 8);
        if (!r->mode || !r->settings || !r->packs) {
            rc = SQLITE_NOMEM;
            break;
        }
        r->id = sqlite3_column_int64(st, 0);
        r->profile_id = sqlite3_column_int64(st, 1);
        r->started_at = sqlite3_column_int64(st, 2);
        r->finished = sqlite3_column_type(st, 3) != SQLITE_NULL;
        r->finished_at = r->finished ? sqlite3_column_int64(st, 3) : 0;
        r->abandoned = sqlite3_column_int(st, 4) != 0;
        r->seed = (uint64_t)sqlite3_column_int64(st, 5);
        r->pack_count = col_int(st, 9);
        r->question_count = col_int(st, 10);
        r->answered_count = col_int(st, 11);
        r->correct_count = col_int(st, 12);
        r->points = sqlite3_column_int64(st, 13);
        r->best_streak = col_int(st, 14);
        int total = r->question_count > 0 ? r->question_count : r->answered_count;
        r->accuracy = total > 0 ? (double)r->correct_count / (double)total : 0.0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_round_list_free(out);
        return db_fail(store, err, rc, what);
    }
    return ok(err);
}

StoreStatus store_round_begin(Store *store, const StoreRoundStart *start, int64_t *round_id,
                              StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!start || !start->pack_ids || start->pack_count == 0)
        return fail(err, STORE_INVALID, 0, "A round needs at least one pack.");
    if (start->pack_count > 10000 || start->question_count < 0)
        return fail(err, STORE_INVALID, 0, "The round's pack list or question count is invalid.");
    const char *texts[2] = {start->mode, start->settings};
    for (int i = 0; i < 2; i++)
        if (texts[i] && strlen(texts[i]) > STORE_TEXT_MAX)
            return fail(err, STORE_INVALID, 0, "The round's mode or settings text is too long.");
    size_t total = 1;
    for (size_t i = 0; i < start->pack_count; i++) {
        if ((s = check_id(err, start->pack_ids[i], "pack")) != STORE_OK)
            return s;
        total += strlen(start->pack_ids[i]) + 1;
    }
    char *packs = malloc(total);
    if (!packs)
        return fail(err, STORE_NO_MEMORY, 0, "Out of memory starting a round.");
    size_t at = 0;
    for (size_t i = 0; i < start->pack_count; i++) {
        size_t n = strlen(start->pack_ids[i]);
        if (i)
            packs[at++] = ',';
        memcpy(packs + at, start->pack_ids[i], n);
        at += n;
    }
    packs[at] = '\0';

    sqlite3_stmt *st;
    if ((s = stmt(store, ST_ROUND_BEGIN, &st, err)) != STORE_OK) {
        free(packs);
        return s;
    }
    sqlite3_bind_int64(st, 1, start->profile_id);
    sqlite3_bind_int64(st, 2, start->started_at);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)start->seed);
    bind_str(st, 4, start->mode);
    bind_str(st, 5, start->settings);
    sqlite3_bind_text(st, 6, packs, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)start->pack_count);
    sqlite3_bind_int(st, 8, start->question_count);
    int rc = step_done(st);
    sqlite3_clear_bindings(st);
    free(packs);
    if (rc != SQLITE_OK)
        return db_fail(store, err, rc, "start the round");
    if (round_id)
        *round_id = sqlite3_last_insert_rowid(store->db);
    return ok(err);
}

StoreStatus store_round_finish(Store *store, int64_t round_id, int64_t finished_at,
                               int correct_count, int64_t points, int best_streak, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_ROUND_FINISH, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, round_id);
    sqlite3_bind_int64(st, 2, finished_at);
    sqlite3_bind_int(st, 3, correct_count);
    sqlite3_bind_int64(st, 4, points);
    sqlite3_bind_int(st, 5, best_streak);
    int rc = step_done(st);
    if (rc != SQLITE_OK)
        return db_fail(store, err, rc, "save the finished round");
    if (sqlite3_changes(store->db) == 0)
        return fail(err, STORE_NOT_FOUND, 0, "There is no round %lld to finish.",
                    (long long)round_id);
    return ok(err);
}

StoreStatus store_round_abandon(Store *store, int64_t round_id, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    return by_id(store, ST_ROUND_ABANDON, round_id, false, NULL, false, 0,
                 "mark the round abandoned", err);
}

StoreStatus store_round_get(Store *store, int64_t round_id, StoreRoundList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_ROUND_GET, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, round_id);
    if ((s = read_rounds(store, st, out, "read the round", err)) != STORE_OK)
        return s;
    if (out->count == 0)
        return fail(err, STORE_NOT_FOUND, 0, "There is no round %lld.", (long long)round_id);
    return STORE_OK;
}

StoreStatus store_rounds_unfinished(Store *store, int64_t profile_id, StoreRoundList *out,
                                    StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_ROUNDS_UNFINISHED, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    return read_rounds(store, st, out, "list unfinished rounds", err);
}

StoreStatus store_round_history(Store *store, int64_t profile_id, int limit, StoreRoundList *out,
                                StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_ROUND_HISTORY, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int(st, 2, limit < 0 ? 0 : limit);
    return read_rounds(store, st, out, "read the score history", err);
}

StoreStatus store_pack_best(Store *store, int64_t profile_id, const char *pack_id,
                            StoreRoundList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK)
        s = check_id(err, pack_id, "pack");
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_PACK_BEST, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    bind_str(st, 2, pack_id);
    if ((s = read_rounds(store, st, out, "read the best score", err)) != STORE_OK)
        return s;
    if (out->count == 0)
        return fail(err, STORE_NOT_FOUND, 0, "No finished round of pack %s yet.", pack_id);
    return STORE_OK;
}

StoreStatus store_pack_bests(Store *store, int64_t profile_id, StoreRoundList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_PACK_BESTS, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    return read_rounds(store, st, out, "read the best scores", err);
}

/* ---- answers ------------------------------------------------------------ */

StoreStatus store_answer_record(Store *store, const StoreAnswer *a, int64_t *answer_id,
                                StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!a)
        return fail(err, STORE_INVALID, 0, "No answer to record.");
    if ((s = check_id(err, a->pack_id, "pack")) != STORE_OK)
        return s;
    if ((s = check_id(err, a->question_id, "question")) != STORE_OK)
        return s;
    if (strnlen(a->topic_id, STORE_ID_SIZE) >= STORE_ID_SIZE)
        return fail(err, STORE_INVALID, 0, "The topic id is too long.");
    if (a->given && strlen(a->given) > STORE_TEXT_MAX)
        return fail(err, STORE_INVALID, 0, "The given answer is too long to save.");

    const char *what = "save the answer";
    if ((s = tx_begin(store, err, what)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    int rc = SQLITE_OK;
    if ((s = stmt(store, ST_ANSWER_INSERT, &st, err)) == STORE_OK) {
        sqlite3_bind_int64(st, 1, a->round_id);
        bind_str(st, 2, a->pack_id);
        bind_str(st, 3, a->question_id);
        bind_str(st, 4, a->topic_id);
        bind_str(st, 5, a->given);
        sqlite3_bind_double(st, 6, a->fraction_right);
        sqlite3_bind_int(st, 7, a->correct ? 1 : 0);
        sqlite3_bind_int64(st, 8, a->points);
        sqlite3_bind_int64(st, 9, a->ms_taken);
        sqlite3_bind_int64(st, 10, a->answered_at);
        sqlite3_bind_int(st, 11, a->timed_out ? 1 : 0);
        rc = step_done(st);
        sqlite3_clear_bindings(st);
        if (rc != SQLITE_OK) {
            s = db_fail(store, err, rc, what);
        } else if (sqlite3_changes(store->db) == 0) {
            s = fail(err, STORE_NOT_FOUND, 0, "Could not %s: there is no round %lld.", what,
                     (long long)a->round_id);
        }
    }
    int64_t id = sqlite3_last_insert_rowid(store->db);
    if (s == STORE_OK && (s = stmt(store, ST_ROUND_ADD_TOTALS, &st, err)) == STORE_OK) {
        sqlite3_bind_int64(st, 1, a->round_id);
        sqlite3_bind_int(st, 2, a->correct ? 1 : 0);
        sqlite3_bind_int64(st, 3, a->points);
        rc = step_done(st);
        if (rc != SQLITE_OK)
            s = db_fail(store, err, rc, what);
    }
    if (s != STORE_OK) {
        tx_rollback(store);
        return s;
    }
    if ((s = tx_commit(store, err, what)) != STORE_OK)
        return s;
    if (answer_id)
        *answer_id = id;
    return ok(err);
}

void store_answer_list_free(StoreAnswerList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free((char *)list->items[i].given);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

StoreStatus store_round_answers(Store *store, int64_t round_id, StoreAnswerList *out,
                                StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_ROUND_ANSWERS, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, round_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreAnswer *a = &out->items[out->count];
        memset(a, 0, sizeof *a);
        a->given = dup_column(st, 6);
        if (!a->given) {
            rc = SQLITE_NOMEM;
            break;
        }
        out->count++;
        a->id = sqlite3_column_int64(st, 0);
        a->round_id = sqlite3_column_int64(st, 1);
        a->profile_id = sqlite3_column_int64(st, 2);
        copy_id(a->pack_id, sqlite3_column_text(st, 3));
        copy_id(a->question_id, sqlite3_column_text(st, 4));
        copy_id(a->topic_id, sqlite3_column_text(st, 5));
        a->fraction_right = sqlite3_column_double(st, 7);
        a->correct = sqlite3_column_int(st, 8) != 0;
        a->points = sqlite3_column_int64(st, 9);
        a->ms_taken = sqlite3_column_int64(st, 10);
        a->answered_at = sqlite3_column_int64(st, 11);
        a->timed_out = sqlite3_column_int(st, 12) != 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_answer_list_free(out);
        return db_fail(store, err, rc, "read the round's answers");
    }
    return ok(err);
}

/* ---- progress ----------------------------------------------------------- */

void store_progress_list_free(StoreProgressList *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

static StoreStatus read_progress(Store *store, sqlite3_stmt *st, StoreProgressList *out,
                                 StoreError *err)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreProgress *p = &out->items[out->count++];
        memset(p, 0, sizeof *p);
        copy_id(p->pack_id, sqlite3_column_text(st, 0));
        copy_id(p->topic_id, sqlite3_column_text(st, 1));
        p->questions_seen = sqlite3_column_int64(st, 2);
        p->answers_total = sqlite3_column_int64(st, 3);
        p->recent_count = col_int(st, 4);
        p->recent_correct = col_int(st, 5);
        p->recent_accuracy =
            p->recent_count > 0 ? (double)p->recent_correct / (double)p->recent_count : 0.0;
        p->last_answered_at = sqlite3_column_int64(st, 6);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_progress_list_free(out);
        return db_fail(store, err, rc, "read the progress");
    }
    return ok(err);
}

StoreStatus store_progress_by_pack(Store *store, int64_t profile_id, int recent,
                                   StoreProgressList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_PROGRESS_PACK, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int(st, 2, recent < 0 ? 0 : recent);
    return read_progress(store, st, out, err);
}

StoreStatus store_progress_by_topic(Store *store, int64_t profile_id, const char *pack_id,
                                    int recent, StoreProgressList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK && pack_id)
        s = check_id(err, pack_id, "pack");
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_PROGRESS_TOPIC, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int(st, 2, recent < 0 ? 0 : recent);
    if (pack_id)
        bind_str(st, 3, pack_id);
    return read_progress(store, st, out, err);
}

void store_missed_list_free(StoreMissedList *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

StoreStatus store_most_missed(Store *store, int64_t profile_id, int limit, StoreMissedList *out,
                              StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_MOST_MISSED, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int(st, 2, limit < 0 ? 0 : limit);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreMissed *m = &out->items[out->count++];
        copy_id(m->pack_id, sqlite3_column_text(st, 0));
        copy_id(m->question_id, sqlite3_column_text(st, 1));
        m->misses = sqlite3_column_int64(st, 2);
        m->last_answered_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_missed_list_free(out);
        return db_fail(store, err, rc, "read the most-missed questions");
    }
    return ok(err);
}

/* ---- cards and reviews -------------------------------------------------- */

static StoreStatus check_card_key(StoreError *err, const char *pack_id, const char *question_id)
{
    StoreStatus s = check_id(err, pack_id, "pack");
    return s == STORE_OK ? check_id(err, question_id, "question") : s;
}

static void read_card(sqlite3_stmt *st, StoreCard *c)
{
    c->profile_id = sqlite3_column_int64(st, 0);
    copy_id(c->pack_id, sqlite3_column_text(st, 1));
    copy_id(c->question_id, sqlite3_column_text(st, 2));
    c->deletion = col_int(st, 3);
    c->state = (StoreCardState)col_int(st, 4);
    c->stability = sqlite3_column_double(st, 5);
    c->difficulty = sqlite3_column_double(st, 6);
    c->due = sqlite3_column_int64(st, 7);
    c->last_review = sqlite3_column_int64(st, 8);
    c->step = col_int(st, 9);
    c->reps = col_int(st, 10);
    c->lapses = col_int(st, 11);
    c->scheduled_days = col_int(st, 12);
    c->first_seen = sqlite3_column_int64(st, 13);
}

/* The upsert alone, inside or outside a transaction. */
static StoreStatus card_write(Store *store, const StoreCard *c, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = stmt(store, ST_CARD_UPSERT, &st, err);
    if (s != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, c->profile_id);
    bind_str(st, 2, c->pack_id);
    bind_str(st, 3, c->question_id);
    sqlite3_bind_int(st, 4, c->deletion);
    sqlite3_bind_int(st, 5, (int)c->state);
    sqlite3_bind_double(st, 6, c->stability);
    sqlite3_bind_double(st, 7, c->difficulty);
    sqlite3_bind_int64(st, 8, c->due);
    sqlite3_bind_int64(st, 9, c->last_review);
    sqlite3_bind_int(st, 10, c->step);
    sqlite3_bind_int(st, 11, c->reps);
    sqlite3_bind_int(st, 12, c->lapses);
    sqlite3_bind_int(st, 13, c->scheduled_days);
    sqlite3_bind_int64(st, 14, c->first_seen);
    int rc = step_done(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_OK ? STORE_OK : db_fail(store, err, rc, "save the card");
}

StoreStatus store_card_upsert(Store *store, const StoreCard *card, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!card)
        return fail(err, STORE_INVALID, 0, "No card to save.");
    if ((s = check_card_key(err, card->pack_id, card->question_id)) != STORE_OK)
        return s;
    if ((s = card_write(store, card, err)) != STORE_OK)
        return s;
    return ok(err);
}

StoreStatus store_cards_upsert(Store *store, const StoreCard *cards, size_t count, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!cards && count > 0)
        return fail(err, STORE_INVALID, 0, "No cards to save.");
    for (size_t i = 0; i < count; i++)
        if ((s = check_card_key(err, cards[i].pack_id, cards[i].question_id)) != STORE_OK)
            return s;
    if ((s = tx_begin(store, err, "save the cards")) != STORE_OK)
        return s;
    for (size_t i = 0; i < count && s == STORE_OK; i++)
        s = card_write(store, &cards[i], err);
    if (s != STORE_OK) {
        tx_rollback(store);
        return s;
    }
    if ((s = tx_commit(store, err, "save the cards")) != STORE_OK)
        return s;
    return ok(err);
}

StoreStatus store_card_get(Store *store, int64_t profile_id, const char *pack_id,
                           const char *question_id, int deletion, StoreCard *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK)
        s = check_card_key(err, pack_id, question_id);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No card to fill.");
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_CARD_GET, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    bind_str(st, 2, pack_id);
    bind_str(st, 3, question_id);
    sqlite3_bind_int(st, 4, deletion);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        read_card(st, out);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW)
        return ok(err);
    if (rc == SQLITE_DONE)
        return fail(err, STORE_NOT_FOUND, 0, "No card for %s/%s yet.", pack_id, question_id);
    return db_fail(store, err, rc, "read the card");
}

void store_card_list_free(StoreCardList *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

StoreStatus store_cards_load(Store *store, int64_t profile_id, StoreCardList *out, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    const char *what = "load the flashcards";
    /* Count first inside one read transaction, so the array is allocated
     * once (100,000 cards) and the count cannot change under us. */
    int rc = sqlite3_exec(store->db, "BEGIN", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return db_fail(store, err, rc, what);
    sqlite3_stmt *st;
    size_t cap = 0;
    if ((s = stmt(store, ST_CARDS_COUNT, &st, err)) == STORE_OK) {
        sqlite3_bind_int64(st, 1, profile_id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            sqlite3_int64 n = sqlite3_column_int64(st, 0);
            cap = n > 0 ? (size_t)n : 0;
            rc = SQLITE_OK;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_OK)
            s = db_fail(store, err, rc, what);
    }
    if (s == STORE_OK && cap > 0) {
        out->items = malloc(cap * sizeof *out->items);
        if (!out->items)
            s = fail(err, STORE_NO_MEMORY, 0, "Out of memory loading flashcards.");
    }
    if (s == STORE_OK && (s = stmt(store, ST_CARDS_LOAD, &st, err)) == STORE_OK) {
        sqlite3_bind_int64(st, 1, profile_id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
                rc = SQLITE_NOMEM;
                break;
            }
            StoreCard *c = &out->items[out->count++];
            memset(c, 0, sizeof *c);
            read_card(st, c);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            s = db_fail(store, err, rc, what);
    }
    sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
    if (s != STORE_OK) {
        store_card_list_free(out);
        return s;
    }
    return ok(err);
}

StoreStatus store_review_record(Store *store, const StoreCard *card, const StoreReview *r,
                                int64_t *review_id, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!card || !r)
        return fail(err, STORE_INVALID, 0, "No card or review to save.");
    if ((s = check_card_key(err, card->pack_id, card->question_id)) != STORE_OK)
        return s;
    if (card->profile_id != r->profile_id || card->deletion != r->deletion ||
        strcmp(card->pack_id, r->pack_id) != 0 || strcmp(card->question_id, r->question_id) != 0)
        return fail(err, STORE_INVALID, 0, "The review is not of the card given with it.");
    if (r->rating < STORE_RATING_AGAIN || r->rating > STORE_RATING_EASY)
        return fail(err, STORE_INVALID, 0, "Review rating %d is not 1..4.", r->rating);

    const char *what = "save the review";
    if ((s = tx_begin(store, err, what)) != STORE_OK)
        return s;
    s = card_write(store, card, err);
    sqlite3_stmt *st;
    if (s == STORE_OK && (s = stmt(store, ST_REVIEW_INSERT, &st, err)) == STORE_OK) {
        sqlite3_bind_int64(st, 1, r->profile_id);
        bind_str(st, 2, r->pack_id);
        bind_str(st, 3, r->question_id);
        sqlite3_bind_int(st, 4, r->deletion);
        sqlite3_bind_int64(st, 5, r->reviewed_at);
        sqlite3_bind_int(st, 6, r->rating);
        sqlite3_bind_int(st, 7, (int)r->state_before);
        sqlite3_bind_int(st, 8, (int)r->state_after);
        sqlite3_bind_int(st, 9, r->elapsed_days);
        sqlite3_bind_int(st, 10, r->scheduled_days);
        sqlite3_bind_double(st, 11, r->stability);
        sqlite3_bind_double(st, 12, r->difficulty);
        sqlite3_bind_int64(st, 13, r->ms_taken);
        sqlite3_bind_text(st, 14, r->source == STORE_SOURCE_QUIZ ? "quiz" : "study", -1,
                          SQLITE_STATIC);
        int rc = step_done(st);
        sqlite3_clear_bindings(st);
        if (rc != SQLITE_OK)
            s = db_fail(store, err, rc, what);
    }
    int64_t id = sqlite3_last_insert_rowid(store->db);
    if (s != STORE_OK) {
        tx_rollback(store);
        return s;
    }
    if ((s = tx_commit(store, err, what)) != STORE_OK)
        return s;
    if (review_id)
        *review_id = id;
    return ok(err);
}

void store_review_list_free(StoreReviewList *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

StoreStatus store_card_reviews(Store *store, int64_t profile_id, const char *pack_id,
                               const char *question_id, int deletion, StoreReviewList *out,
                               StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s == STORE_OK)
        s = check_card_key(err, pack_id, question_id);
    if (s != STORE_OK)
        return s;
    if (!out)
        return fail(err, STORE_INVALID, 0, "No list to fill.");
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_CARD_REVIEWS, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    bind_str(st, 2, pack_id);
    bind_str(st, 3, question_id);
    sqlite3_bind_int(st, 4, deletion);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreReview *r = &out->items[out->count++];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(st, 0);
        r->profile_id = sqlite3_column_int64(st, 1);
        copy_id(r->pack_id, sqlite3_column_text(st, 2));
        copy_id(r->question_id, sqlite3_column_text(st, 3));
        r->deletion = col_int(st, 4);
        r->reviewed_at = sqlite3_column_int64(st, 5);
        r->rating = col_int(st, 6);
        r->state_before = (StoreCardState)col_int(st, 7);
        r->state_after = (StoreCardState)col_int(st, 8);
        r->elapsed_days = col_int(st, 9);
        r->scheduled_days = col_int(st, 10);
        r->stability = sqlite3_column_double(st, 11);
        r->difficulty = sqlite3_column_double(st, 12);
        r->ms_taken = sqlite3_column_int64(st, 13);
        const unsigned char *src = sqlite3_column_text(st, 14);
        r->source =
            src && strcmp((const char *)src, "quiz") == 0 ? STORE_SOURCE_QUIZ : STORE_SOURCE_STUDY;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        store_review_list_free(out);
        return db_fail(store, err, rc, "read the card's reviews");
    }
    return ok(err);
}

/* ---- study statistics --------------------------------------------------- */

static int64_t day_shift_ms(int utc_offset_min, int day_start_min)
{
    return ((int64_t)utc_offset_min - (int64_t)day_start_min) * 60000;
}

int64_t store_day_number(int64_t ms, int utc_offset_min, int day_start_min)
{
    return floor_div(ms + day_shift_ms(utc_offset_min, day_start_min), DAY_MS);
}

StoreStatus store_study_days(Store *store, int64_t profile_id, int64_t now_ms, int utc_offset_min,
                             int day_start_min, int days, int64_t *counts, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (!counts || days <= 0 || days > 100000)
        return fail(err, STORE_INVALID, 0, "No room for the day counts.");
    memset(counts, 0, (size_t)days * sizeof *counts);
    int64_t shift = day_shift_ms(utc_offset_min, day_start_min);
    int64_t today = store_day_number(now_ms, utc_offset_min, day_start_min);
    int64_t lo = (today - (days - 1)) * DAY_MS - shift; /* first day's start, UTC ms */
    int64_t hi = (today + 1) * DAY_MS - shift;
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_STUDY_DAYS, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int64(st, 2, lo);
    sqlite3_bind_int64(st, 3, hi);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 d = sqlite3_column_int64(st, 0);
        if (d >= 0 && d < days)
            counts[d] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(store, err, rc, "count the study days");
    return ok(err);
}

StoreStatus store_retention(Store *store, int64_t profile_id, int64_t now_ms, int window_days,
                            int64_t *passed, int64_t *total, StoreError *err)
{
    StoreStatus s = need_store(store, err);
    if (s != STORE_OK)
        return s;
    if (passed)
        *passed = 0;
    if (total)
        *total = 0;
    sqlite3_stmt *st;
    if ((s = stmt(store, ST_RETENTION, &st, err)) != STORE_OK)
        return s;
    sqlite3_bind_int64(st, 1, profile_id);
    sqlite3_bind_int64(st, 2, now_ms - (int64_t)(window_days < 0 ? 0 : window_days) * DAY_MS);
    sqlite3_bind_int64(st, 3, now_ms);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (total)
            *total = sqlite3_column_int64(st, 0);
        if (passed)
            *passed = sqlite3_column_int64(st, 1);
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_fail(store, err, rc, "compute the retention");
    return ok(err);
}
