/* store_repair.c - what the store tries with a save file SQLite calls
 * damaged, before it gives up on it. store_open_at (store_db.c) calls these
 * two steps, the gentler first, and moves the file aside only when neither
 * keeps anything. Read store_db.c ("recovering a damaged file") first, and
 * store_schema.c for the tables.
 *
 *  1. REINDEX (store_repair_reindex). An index holds nothing of its own, so
 *     rebuilding every index from its table loses nothing. It works while
 *     SQLite can still walk the damaged index's pages to free them; an
 *     index page that is pure garbage makes REINDEX fail too, and step 2
 *     takes over (which loses nothing either when only an index was hit).
 *
 *  2. Salvage (store_repair_salvage). Every row SQLite can still read is
 *     copied, table by table, into a fresh file made with the damaged one's
 *     schema version, which is then migrated to the current version and
 *     tidied: rows whose parent row was on a lost page get a parent back
 *     where the rest of the file says what it was (fix_orphans). The caller
 *     moves the damaged file aside and puts the fresh one in its place.
 *
 * Reading past a damaged page: a table is read in key order, its rowid or,
 * for a WITHOUT ROWID table, the first column of its primary key (an
 * integer in every table of ours), with "key >= ?" so that a read can
 * start anywhere. When a read fails, the next key that can be read is
 * searched for: in doubling steps past the failure, then by halving back.
 * A damaged page so costs the rows on it and about 2 x 64 seeks, not the
 * rest of the table. (Rows of a WITHOUT ROWID table that share the failing
 * key with rows on the damaged page are lost with them: for flashcards,
 * which share the learner's id, fix_orphans rebuilds each lost card from
 * its review log.)
 *
 * Nothing here prints or keeps state; the results are return codes and a
 * StoreKept the caller turns into the message for the player.
 */
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

/* ---- step 1: indexes ------------------------------------------------------ */

/* In one transaction, so a REINDEX that does not make the file pass the
 * check leaves it as it was for step 2 and for the copy moved aside. */
bool store_repair_reindex(sqlite3 *db)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return false;
    bool good = false;
    if (sqlite3_exec(db, "REINDEX", NULL, NULL, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *text = sqlite3_column_text(st, 0);
            good = text && strcmp((const char *)text, "ok") == 0;
        }
        sqlite3_finalize(st);
    }
    if (good && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

/* ---- step 2: copying what can be read ------------------------------------- */

/* Two connections, so that a read of the damaged file that fails (which
 * can leave its connection's transaction unusable) never touches the
 * transaction that writes the fresh one. */
typedef struct Salvage {
    sqlite3 *db;  /* the fresh file */
    sqlite3 *old; /* the damaged file, read-only */
    int64_t rows; /* rows copied */
    bool lost;    /* a read failed or a row was refused or dropped */
    int write_rc; /* the fresh file could not be written (full disk...) */
} Salvage;

/* Appends "name" quoted as an SQL identifier. */
static void add_name(StrBuf *b, const char *name)
{
    strbuf_add(b, "\"");
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            strbuf_add(b, "\"");
        strbuf_add_n(b, p, 1);
    }
    strbuf_add(b, "\"");
}

/* Whether reading `sel` from key k on works: its first step gives a row or
 * the end of the table. */
static bool readable_from(sqlite3_stmt *sel, int64_t k)
{
    sqlite3_reset(sel);
    sqlite3_bind_int64(sel, 1, k);
    int rc = sqlite3_step(sel);
    sqlite3_reset(sel);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The smallest key above `bad` (from which reading fails) from which
 * reading works, into *out; false when there is none. */
static bool next_readable(sqlite3_stmt *sel, int64_t bad, int64_t *out)
{
    /* The distances are unsigned: from INT64_MIN to INT64_MAX is 2^64 - 1. */
    uint64_t step = 1;
    int64_t good;
    for (;;) {
        uint64_t room = (uint64_t)INT64_MAX - (uint64_t)bad;
        if (room == 0)
            return false;
        good = step >= room ? INT64_MAX : (int64_t)((uint64_t)bad + step);
        if (readable_from(sel, good))
            break;
        if (good == INT64_MAX)
            return false;
        bad = good;
        step = step > UINT64_MAX / 2 ? UINT64_MAX : step * 2;
    }
    while ((uint64_t)good - (uint64_t)bad > 1) {
        int64_t mid = (int64_t)((uint64_t)bad + ((uint64_t)good - (uint64_t)bad) / 2);
        if (readable_from(sel, mid))
            good = mid;
        else
            bad = mid;
    }
    *out = good;
    return true;
}

/* The statements that read `table` from the damaged file and write it into
 * the fresh one. *seekable false: the table has no integer key to start a
 * read at, so a damaged page ends its copy. */
static bool prepare_copy(Salvage *sv, const char *table, sqlite3_stmt **sel, sqlite3_stmt **ins,
                         int *columns, bool *seekable)
{
    *sel = *ins = NULL;
    *columns = 0;
    *seekable = true;
    sqlite3_stmt *info = NULL;
    bool without_rowid = false;
    if (sqlite3_prepare_v2(sv->db,
                           "SELECT sql LIKE '%WITHOUT ROWID%' FROM main.sqlite_master"
                           " WHERE type = 'table' AND name = ?1",
                           -1, &info, NULL) == SQLITE_OK) {
        sqlite3_bind_text(info, 1, table, -1, SQLITE_STATIC);
        without_rowid = sqlite3_step(info) == SQLITE_ROW && sqlite3_column_int(info, 0) != 0;
    }
    sqlite3_finalize(info);
    StrBuf cols = {0}, key = {0};
    if (sqlite3_prepare_v2(sv->db,
                           "SELECT name, type, pk FROM pragma_table_info(?1, 'main') ORDER BY cid",
                           -1, &info, NULL) != SQLITE_OK) {
        sqlite3_finalize(info);
        return false;
    }
    sqlite3_bind_text(info, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(info) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(info, 0);
        const char *type = (const char *)sqlite3_column_text(info, 1);
        if (!name)
            continue;
        if (*columns > 0)
            strbuf_add(&cols, ", ");
        add_name(&cols, name);
        (*columns)++;
        if (without_rowid && sqlite3_column_int(info, 2) == 1 && type &&
            sqlite3_stricmp(type, "INTEGER") == 0)
            add_name(&key, name);
    }
    sqlite3_finalize(info);
    if (!without_rowid)
        strbuf_add(&key, "_rowid_");
    *seekable = key.len > 0;

    StrBuf sql = {0};
    strbuf_add(&sql, "SELECT ");
    strbuf_add(&sql, *seekable ? strbuf_text(&key) : "0");
    strbuf_addf(&sql, ", %s FROM main.", strbuf_text(&cols));
    add_name(&sql, table);
    strbuf_add(&sql, " NOT INDEXED");
    if (*seekable)
        strbuf_addf(&sql, " WHERE %s >= ?1 ORDER BY %s", strbuf_text(&key), strbuf_text(&key));
    bool ok = !sql.failed && *columns > 0 &&
              sqlite3_prepare_v2(sv->old, strbuf_text(&sql), -1, sel, NULL) == SQLITE_OK;
    strbuf_free(&sql);
    strbuf_add(&sql, "INSERT INTO main.");
    add_name(&sql, table);
    strbuf_addf(&sql, "(%s) VALUES(", strbuf_text(&cols));
    for (int i = 0; i < *columns; i++)
        strbuf_add(&sql, i ? ", ?" : "?");
    strbuf_add(&sql, ")");
    ok = ok && !sql.failed && !cols.failed && !key.failed &&
         sqlite3_prepare_v2(sv->db, strbuf_text(&sql), -1, ins, NULL) == SQLITE_OK;
    strbuf_free(&sql);
    strbuf_free(&cols);
    strbuf_free(&key);
    if (!ok) {
        sqlite3_finalize(*sel);
        sqlite3_finalize(*ins);
        *sel = *ins = NULL;
    }
    return ok;
}

/* Copies every row of `table` that can be read, skipping damaged pages. */
static void copy_table(Salvage *sv, const char *table)
{
    sqlite3_stmt *sel, *ins;
    int columns;
    bool seekable;
    if (!prepare_copy(sv, table, &sel, &ins, &columns, &seekable)) {
        sv->lost = true; /* not even its schema can be read */
        return;
    }
    int64_t from = INT64_MIN;
    for (;;) {
        sqlite3_reset(sel);
        sqlite3_bind_int64(sel, 1, from);
        bool any = false;
        int64_t last = 0;
        int rc;
        while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
            any = true;
            last = sqlite3_column_int64(sel, 0);
            for (int i = 0; i < columns; i++)
                sqlite3_bind_value(ins, i + 1, sqlite3_column_value(sel, i + 1));
            int wrc = sqlite3_step(ins);
            if (wrc == SQLITE_DONE)
                sv->rows++;
            else if ((wrc & 0xff) == SQLITE_CONSTRAINT || (wrc & 0xff) == SQLITE_MISMATCH)
                sv->lost = true; /* garbage a CHECK or UNIQUE refuses */
            else
                sv->write_rc = wrc;
            sqlite3_reset(ins);
            sqlite3_clear_bindings(ins);
            if (sv->write_rc != SQLITE_OK)
                break;
        }
        if (sv->write_rc != SQLITE_OK)
            break;
        sqlite3_reset(sel);
        if (rc == SQLITE_DONE)
            break;
        sv->lost = true;
        /* Reading failed past `last` (or right at `from`): go on from the
         * next key that reads. */
        int64_t bad = any ? last : from;
        if (!seekable || !next_readable(sel, bad, &from))
            break;
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
}

/* ---- tidying up after a loss ---------------------------------------------- */

/* Rows whose parent was lost, in the current schema (version 3). Each
 * statement runs on its own; one that changes a row means something was
 * lost. Parents are given back where the file still says what they were:
 * a learner (named "Recovered learner N", so the game does not ask for a
 * name and their progress stays theirs), a round as an abandoned one (its
 * answers still count in Progress; it is not offered as interrupted), a
 * flashcard from its last review (the log keeps the state after each
 * review; the learning step starts again). What has no parent after that
 * goes. */
_Static_assert(STORE_SCHEMA_VERSION == 3,
               "fix_orphans knows the tables of schema 3: update it with the schema");
static const char *const ORPHAN_FIXES[] = {
    "INSERT OR IGNORE INTO profiles(id, name, created_at)"
    " SELECT pid, 'Recovered learner ' || pid, ?1 FROM ("
    "  SELECT profile_id AS pid FROM settings UNION SELECT profile_id FROM rounds"
    "  UNION SELECT profile_id FROM answers UNION SELECT profile_id FROM cards"
    "  UNION SELECT profile_id FROM reviews)"
    " WHERE typeof(pid) = 'integer' AND pid NOT IN (SELECT id FROM profiles)",

    "INSERT OR IGNORE INTO rounds(id, profile_id, started_at, abandoned, seed, mode,"
    " requested_count, question_count, time_rule, fixed_seconds, scoring, streak_bonus,"
    " pack_count, correct_count, points)"
    " SELECT round_id, min(profile_id), min(answered_at), 1, 0, 'practice', 0,"
    "  max(max(position) + 1, 0), 'off', 0, 'speed', 1,"
    "  (SELECT count(*) FROM round_packs p WHERE p.round_id = a.round_id),"
    "  sum(correct <> 0), ifnull(sum(points), 0)"
    " FROM answers a WHERE typeof(round_id) = 'integer'"
    "  AND round_id NOT IN (SELECT id FROM rounds) GROUP BY round_id",

    "WITH log AS (SELECT *,"
    "  ROW_NUMBER() OVER (w ORDER BY reviewed_at DESC, id DESC) AS newest,"
    "  count(*) OVER w AS reps, sum(rating = 1 AND state_before = 2) OVER w AS lapses,"
    "  min(reviewed_at) OVER w AS first_seen"
    "  FROM reviews WINDOW w AS (PARTITION BY profile_id, pack_id, question_id, deletion))"
    " INSERT OR IGNORE INTO cards(profile_id, pack_id, question_id, deletion, state,"
    "  stability, difficulty, due, last_review, step, reps, lapses, scheduled_days, first_seen)"
    " SELECT profile_id, pack_id, question_id, deletion, state_after, stability, difficulty,"
    "  reviewed_at + scheduled_days * 86400000, reviewed_at, 0, reps, lapses, scheduled_days,"
    "  first_seen FROM log WHERE newest = 1",

    "DELETE FROM settings WHERE profile_id IS NOT NULL"
    " AND profile_id NOT IN (SELECT id FROM profiles)",
    "DELETE FROM rounds WHERE profile_id NOT IN (SELECT id FROM profiles)",
    "DELETE FROM round_packs WHERE round_id NOT IN (SELECT id FROM rounds)",
    "DELETE FROM round_questions WHERE round_id NOT IN (SELECT id FROM rounds)",
    "DELETE FROM answers WHERE round_id NOT IN (SELECT id FROM rounds)"
    " OR profile_id NOT IN (SELECT id FROM profiles)",
    "DELETE FROM answer_values WHERE answer_id NOT IN (SELECT id FROM answers)",
    /* A class attempt goes with its round; a result file waiting in the
     * outbox stays whatever was lost: it is a student's work, and it needs
     * no parent to be delivered. */
    "DELETE FROM class_attempts WHERE round_id NOT IN (SELECT id FROM rounds)",
    "DELETE FROM cards WHERE profile_id NOT IN (SELECT id FROM profiles)",
    "DELETE FROM reviews WHERE NOT EXISTS (SELECT 1 FROM cards c"
    " WHERE c.profile_id = reviews.profile_id AND c.pack_id = reviews.pack_id"
    " AND c.question_id = reviews.question_id AND c.deletion = reviews.deletion)",
};

static int fix_orphans(Salvage *sv, int64_t now_ms)
{
    int rc = sqlite3_exec(sv->db, "BEGIN", NULL, NULL, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < sizeof ORPHAN_FIXES / sizeof ORPHAN_FIXES[0]; i++) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(sv->db, ORPHAN_FIXES[i], -1, &st, NULL);
        if (rc == SQLITE_OK) {
            if (sqlite3_bind_parameter_count(st) > 0)
                sqlite3_bind_int64(st, 1, now_ms);
            rc = sqlite3_step(st);
            rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
            if (rc == SQLITE_OK && sqlite3_changes(sv->db) > 0)
                sv->lost = true;
        }
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sv->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        sqlite3_exec(sv->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* ---- the whole salvage ---------------------------------------------------- */

static int64_t count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The damaged file's schema version; -1 when even that cannot be read. */
static int64_t damaged_version(sqlite3 *old)
{
    sqlite3_stmt *st = NULL;
    int64_t version = -1;
    if (sqlite3_prepare_v2(old, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return version;
}

static void remove_file(const char *path)
{
    char journal[STORE_PATH_SIZE + 16];
    unlink(path);
    snprintf(journal, sizeof journal, "%s-journal", path);
    unlink(journal);
}

/* Copies every table of the fresh file's schema from the damaged one, in
 * one transaction. */
static int copy_tables(Salvage *sv)
{
    sqlite3_stmt *tables = NULL;
    int rc = sqlite3_exec(sv->db, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(sv->db,
                                "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                -1, &tables, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(tables)) == SQLITE_ROW) {
        char name[STORE_ID_SIZE];
        snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(tables, 0));
        copy_table(sv, name);
        rc = sv->write_rc;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(tables);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sv->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        sqlite3_exec(sv->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int store_repair_salvage(const char *damaged, const char *fresh, int64_t now_ms, StoreKept *kept)
{
    memset(kept, 0, sizeof *kept);
    remove_file(fresh); /* left by a salvage that was killed */
    Salvage sv = {0};
    /* Any failure to read the damaged file says "nothing readable"; the
     * other codes are about writing the fresh one. */
    int rc = sqlite3_open_v2(damaged, &sv.old, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    int64_t version = rc == SQLITE_OK ? damaged_version(sv.old) : -1;
    if (version < 1 || version > STORE_SCHEMA_VERSION)
        rc = SQLITE_NOTADB; /* nothing of ours can be read */
    if (rc == SQLITE_OK)
        rc = sqlite3_open_v2(
            fresh, &sv.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        sqlite3_extended_result_codes(sv.db, 1);
    /* An empty file of the damaged one's version takes the rows as they are. */
    int64_t made = 0;
    if (rc == SQLITE_OK && (rc = store_schema_migrate_to(sv.db, &made, version)) == SQLITE_OK &&
        made != version)
        rc = SQLITE_ERROR;
    /* Rows may arrive before their parents, or never have them. */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(sv.db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = copy_tables(&sv);
    if (rc == SQLITE_OK && sv.rows == 0)
        rc = SQLITE_CORRUPT; /* nothing could be read */
    if (rc == SQLITE_OK) {
        /* A file that cannot be moved on is kept at its own version: the
         * open that follows says why, as it would have for the original. */
        int64_t now = version;
        if (store_schema_migrate(sv.db, &now) == SQLITE_OK && now == STORE_SCHEMA_VERSION)
            rc = fix_orphans(&sv, now_ms);
    }
    if (rc == SQLITE_OK) {
        kept->profiles = count_rows(sv.db, "SELECT count(*) FROM profiles");
        kept->settings = count_rows(sv.db, "SELECT count(*) FROM settings");
        kept->rounds = count_rows(sv.db, "SELECT count(*) FROM rounds");
        kept->answers = count_rows(sv.db, "SELECT count(*) FROM answers");
        kept->cards = count_rows(sv.db, "SELECT count(*) FROM cards");
        kept->reviews = count_rows(sv.db, "SELECT count(*) FROM reviews");
        kept->everything = !sv.lost;
    }
    sqlite3_close(sv.old);
    int closed = sqlite3_close(sv.db);
    if (rc == SQLITE_OK)
        rc = closed;
    if (rc != SQLITE_OK) {
        memset(kept, 0, sizeof *kept);
        remove_file(fresh);
    }
    return rc;
}
