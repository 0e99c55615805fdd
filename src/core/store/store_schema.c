/* store_schema.c - the tables of the save file and how each schema version
 * becomes the next (store.h; read this first of the store_*.c files).
 *
 * PRAGMA user_version is the schema version. A fresh file is created as
 * version 1 and migrated like any old one, so the migrations are the one
 * way to the current schema and run on every new save file. Each step is
 * one transaction: a file is at one version or the next, never between.
 * A version this code does not know (negative, or newer than
 * STORE_SCHEMA_VERSION) is refused before anything is written.
 */
#include "store_internal.h"

#include <stdio.h>

/* ---- version 1 ------------------------------------------------------------ */

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

/* ---- version 2: structured rounds and answers ---------------------------- */

/* Rounds get typed, checked columns for their settings instead of a JSON
 * text, their packs and "only" question list as child rows, and answers
 * their position in the round and the given answer as ordered values, so a
 * round can be re-judged and replayed from the database. Profiles,
 * settings, cards and reviews stay as they are.
 *
 * Tables are rebuilt the way SQLite's ALTER TABLE documentation says
 * (create the new one, copy, drop the old, rename), with foreign keys off
 * so that dropping the old tables cascades nowhere; store_schema_migrate
 * sees to that. Every row is kept, with its id.
 *
 * The v1 settings text was {"count":N,"time":T,"fixed":F,"scoring":S,
 * "streak":B} with time 0/1/2 = off/pack/fixed and scoring 0/1 =
 * speed/accuracy. A value that is missing or unusable (not JSON, wrong
 * type, out of range, a fixed time without its seconds) takes the default:
 * requested_count 0 (all), the time rule from the mode ("timed": each
 * question's own limit, else off), speed scoring and the streak bonus on,
 * as the round setup offers them. A mode that is not one of the five words
 * becomes "timed" or "practice" by the time rule. Answers are numbered in
 * the order the v1 list gave them (answered_at, then id) and keep their
 * display text, with no structured values (has_given 0). */
static const char V2_TABLES[] =
    "CREATE TABLE rounds_v2("
    " id INTEGER PRIMARY KEY,"
    " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
    " started_at INTEGER NOT NULL,"
    " finished_at INTEGER,"
    " abandoned INTEGER NOT NULL DEFAULT 0 CHECK(abandoned IN (0, 1)),"
    " seed INTEGER NOT NULL,"
    " mode TEXT NOT NULL CHECK(mode IN ('practice', 'timed', 'retry', 'missed', 'class')),"
    " requested_count INTEGER NOT NULL CHECK(requested_count >= 0),"
    " question_count INTEGER NOT NULL CHECK(question_count >= 0),"
    " time_rule TEXT NOT NULL CHECK(time_rule IN ('off', 'pack', 'fixed')),"
    " fixed_seconds INTEGER NOT NULL CHECK(CASE time_rule WHEN 'fixed'"
    "  THEN fixed_seconds BETWEEN 1 AND 3600 ELSE fixed_seconds = 0 END),"
    " scoring TEXT NOT NULL CHECK(scoring IN ('speed', 'accuracy')),"
    " streak_bonus INTEGER NOT NULL CHECK(streak_bonus IN (0, 1)),"
    " topic TEXT NOT NULL DEFAULT '' CHECK(length(topic) <= 64),"
    " keep_only_order INTEGER NOT NULL DEFAULT 0 CHECK(keep_only_order IN (0, 1)),"
    /* pack_count = 1 marks the single-pack rounds that count for a pack's
     * best score; that pack is round_packs position 0. correct_count and
     * points run while the round is played; store_round_finish recomputes
     * them from the answers. */
    " pack_count INTEGER NOT NULL CHECK(pack_count >= 0),"
    " correct_count INTEGER NOT NULL DEFAULT 0,"
    " points INTEGER NOT NULL DEFAULT 0,"
    " best_streak INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE round_packs("
    " round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL CHECK(position >= 0),"
    " pack_id TEXT NOT NULL CHECK(length(pack_id) BETWEEN 1 AND 64),"
    " PRIMARY KEY(round_id, position)) WITHOUT ROWID;"
    "CREATE TABLE round_questions("
    " round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL CHECK(position >= 0),"
    " pack_id TEXT NOT NULL CHECK(length(pack_id) BETWEEN 1 AND 64),"
    " question_id TEXT NOT NULL CHECK(length(question_id) BETWEEN 1 AND 64),"
    " PRIMARY KEY(round_id, position)) WITHOUT ROWID;"
    "CREATE TABLE answers_v2("
    " id INTEGER PRIMARY KEY,"
    " round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
    " profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL CHECK(position >= 0),"
    " pack_id TEXT NOT NULL,"
    " question_id TEXT NOT NULL,"
    " topic_id TEXT NOT NULL DEFAULT '',"
    " given TEXT NOT NULL DEFAULT '',"
    " has_given INTEGER NOT NULL DEFAULT 0 CHECK(has_given IN (0, 1)),"
    " fraction_right REAL NOT NULL,"
    " correct INTEGER NOT NULL,"
    " points INTEGER NOT NULL,"
    " ms_taken INTEGER NOT NULL,"
    " answered_at INTEGER NOT NULL,"
    " timed_out INTEGER NOT NULL,"
    " UNIQUE(round_id, position));"
    /* One row per given int or text, in slot order: the ints first, then
     * the texts; exactly one of the two values is set. */
    "CREATE TABLE answer_values("
    " answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,"
    " slot INTEGER NOT NULL CHECK(slot BETWEEN 0 AND 63),"
    " int_value INTEGER CHECK(int_value IS NULL OR typeof(int_value) = 'integer'),"
    " text_value TEXT CHECK(text_value IS NULL OR typeof(text_value) = 'text'),"
    " CHECK((int_value IS NULL) <> (text_value IS NULL)),"
    " PRIMARY KEY(answer_id, slot)) WITHOUT ROWID;";

/* The settings, read from the v1 JSON where it is usable. */
static const char V2_COPY_ROUNDS[] =
    "WITH js AS (SELECT r.*, CASE WHEN json_valid(r.settings)"
    "  AND json_type(r.settings) = 'object' THEN r.settings END AS j FROM rounds r),"
    " v AS (SELECT js.*,"
    "  CASE WHEN json_type(j, '$.count') = 'integer' AND json_extract(j, '$.count') >= 0"
    "   THEN json_extract(j, '$.count') ELSE 0 END AS requested,"
    "  CASE WHEN json_type(j, '$.fixed') = 'integer'"
    "   AND json_extract(j, '$.fixed') BETWEEN 1 AND 3600"
    "   THEN json_extract(j, '$.fixed') END AS fixed,"
    "  CASE WHEN json_type(j, '$.time') = 'integer' THEN json_extract(j, '$.time') END AS time,"
    "  CASE WHEN json_type(j, '$.scoring') = 'integer' AND json_extract(j, '$.scoring') = 1"
    "   THEN 'accuracy' ELSE 'speed' END AS scoring_word,"
    "  CASE WHEN json_type(j, '$.streak') IN ('integer', 'true', 'false')"
    "   THEN json_extract(j, '$.streak') <> 0 ELSE 1 END AS streak FROM js),"
    " t AS (SELECT v.*, CASE WHEN time = 0 THEN 'off' WHEN time = 1 THEN 'pack'"
    "  WHEN time = 2 AND fixed IS NOT NULL THEN 'fixed'"
    "  WHEN mode = 'timed' THEN 'pack' ELSE 'off' END AS rule FROM v)"
    " INSERT INTO rounds_v2(id, profile_id, started_at, finished_at, abandoned, seed, mode,"
    "  requested_count, question_count, time_rule, fixed_seconds, scoring, streak_bonus,"
    "  pack_count, correct_count, points, best_streak)"
    " SELECT id, profile_id, started_at, finished_at, abandoned <> 0, seed,"
    "  CASE WHEN mode IN ('practice', 'timed', 'retry', 'missed', 'class') THEN mode"
    "   WHEN rule <> 'off' THEN 'timed' ELSE 'practice' END,"
    "  requested, max(question_count, 0), rule, CASE WHEN rule = 'fixed' THEN fixed ELSE 0 END,"
    "  scoring_word, streak, pack_count, correct_count, points, best_streak FROM t;";

/* The comma-joined pack list, one row per pack in its order; the answers
 * numbered by their order in the round. */
static const char V2_COPY_CHILDREN[] =
    "WITH RECURSIVE split(round_id, rest, pack, n) AS ("
    " SELECT id, packs || ',', NULL, -1 FROM rounds"
    " UNION ALL SELECT round_id, substr(rest, instr(rest, ',') + 1),"
    "  substr(rest, 1, instr(rest, ',') - 1), n + 1 FROM split WHERE rest <> '')"
    " INSERT INTO round_packs(round_id, position, pack_id)"
    " SELECT round_id, ROW_NUMBER() OVER (PARTITION BY round_id ORDER BY n) - 1, pack"
    " FROM split WHERE n >= 0 AND pack <> '';"

    "INSERT INTO answers_v2(id, round_id, profile_id, position, pack_id, question_id,"
    " topic_id, given, has_given, fraction_right, correct, points, ms_taken, answered_at,"
    " timed_out)"
    " SELECT id, round_id, profile_id,"
    "  ROW_NUMBER() OVER (PARTITION BY round_id ORDER BY answered_at, id) - 1,"
    "  pack_id, question_id, topic_id, given, 0, fraction_right, correct, points, ms_taken,"
    "  answered_at, timed_out FROM answers;";

static const char V2_SWAP[] =
    "DROP TABLE answers;"
    "DROP TABLE rounds;"
    "ALTER TABLE rounds_v2 RENAME TO rounds;"
    "ALTER TABLE answers_v2 RENAME TO answers;"
    "CREATE INDEX rounds_profile ON rounds(profile_id, finished_at);"
    "CREATE INDEX answers_question ON answers(profile_id, pack_id, question_id);"
    "CREATE INDEX answers_topic ON answers(profile_id, pack_id, topic_id, answered_at);";

/* ---- version 3: class attempts and their result files --------------------- */

/* A class attempt (src/core/class/class_play.h) is a round played for a
 * session; class_attempts binds the round to what its result file needs
 * and the game cannot get back from the round alone: the session folder
 * and checksum it was started from, the student, the computer, the
 * student's time factor, the moment and the nonce that name the file, and,
 * once it ended, how it ended. The row is written in the transaction that
 * starts the round, so after a kill the next start can resume the attempt
 * or deliver it as stopped. Deleting the round (its profile) deletes it.
 *
 * outbox holds the bytes of result files that are not yet in their
 * session's results/new/: written in the transaction that ends the
 * attempt, removed only once the file is there. It has no foreign key, so
 * no deletion anywhere can lose a student's result. */
static const char V3_TABLES[] =
    "CREATE TABLE class_attempts("
    " round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,"
    " folder TEXT NOT NULL CHECK(length(folder) BETWEEN 1 AND 4096),"
    " session_id TEXT NOT NULL CHECK(length(session_id) BETWEEN 1 AND 64),"
    " session_sha256 TEXT NOT NULL CHECK(length(session_sha256) = 64),"
    " student TEXT NOT NULL CHECK(length(student) >= 1),"
    " roster_id TEXT NOT NULL DEFAULT '',"
    " host TEXT NOT NULL DEFAULT '',"
    " time_factor REAL NOT NULL CHECK(time_factor BETWEEN 1 AND 10),"
    " started_at INTEGER NOT NULL,"
    " utc_offset INTEGER NOT NULL CHECK(utc_offset BETWEEN -1080 AND 1080),"
    " nonce INTEGER NOT NULL,"
    " ended_at INTEGER,"
    " status TEXT CHECK(status IN ('finished', 'time-up', 'stopped')),"
    " result_name TEXT NOT NULL DEFAULT '',"
    " question_count INTEGER NOT NULL DEFAULT 0 CHECK(question_count >= 0),"
    " answered INTEGER NOT NULL DEFAULT 0 CHECK(answered >= 0),"
    " right_count INTEGER NOT NULL DEFAULT 0 CHECK(right_count >= 0),"
    " score REAL NOT NULL DEFAULT 0,"
    " points INTEGER NOT NULL DEFAULT 0,"
    " CHECK((ended_at IS NULL) = (status IS NULL)));"
    "CREATE INDEX class_attempts_student ON class_attempts(session_id, roster_id, student);"
    "CREATE TABLE outbox("
    " id INTEGER PRIMARY KEY,"
    " folder TEXT NOT NULL CHECK(length(folder) BETWEEN 1 AND 4096),"
    " name TEXT NOT NULL CHECK(length(name) BETWEEN 1 AND 255),"
    " data BLOB NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " round_id INTEGER,"
    " session_id TEXT NOT NULL DEFAULT '',"
    " student TEXT NOT NULL DEFAULT '',"
    " tries INTEGER NOT NULL DEFAULT 0,"
    " last_try_at INTEGER,"
    " last_error TEXT NOT NULL DEFAULT '',"
    " UNIQUE(folder, name));";

/* ---- migrating ------------------------------------------------------------ */

/* MIGRATIONS[v] takes a database from user_version v to v + 1: its SQL
 * texts in order (several, as C limits the length of one string), ended
 * by NULL. To add a version: append its list here and raise
 * STORE_SCHEMA_VERSION. */
static const char *const CREATE_V1[] = {SCHEMA_V1, NULL};
static const char *const V1_TO_V2[] = {V2_TABLES, V2_COPY_ROUNDS, V2_COPY_CHILDREN, V2_SWAP, NULL};
static const char *const V2_TO_V3[] = {V3_TABLES, NULL};
static const char *const *const MIGRATIONS[] = {
    CREATE_V1,
    V1_TO_V2,
    V2_TO_V3,
};
_Static_assert(sizeof MIGRATIONS / sizeof MIGRATIONS[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

StoreStatus store_schema_refuse(const char *path, int64_t version, StoreError *err)
{
    if (version > STORE_SCHEMA_VERSION)
        return store_fail(err, STORE_TOO_NEW, 0,
                          "The save file %s was written by a newer quizdeck (schema %lld, this "
                          "one knows %d). It was left untouched; update quizdeck to use it.",
                          path, (long long)version, STORE_SCHEMA_VERSION);
    if (version < 0)
        return store_fail(err, STORE_CORRUPT, 0,
                          "The save file %s says it has schema version %lld, which no quizdeck "
                          "writes. It was left untouched; it may belong to another program.",
                          path, (long long)version);
    return STORE_OK;
}

/* The user_version, or the SQLite code of a failure. */
static int read_version(sqlite3 *db, int64_t *version)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *version = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* One step from *version to *version + 1 in one transaction, unless
 * another instance got there while we waited for the lock (then *version
 * is what it left, which may be one to refuse). */
static int migrate_step(sqlite3 *db, int64_t *version)
{
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    int64_t now = *version;
    rc = read_version(db, &now);
    bool mine = rc == SQLITE_OK && now == *version;
    for (const char *const *sql = MIGRATIONS[now]; mine && rc == SQLITE_OK && *sql; sql++)
        rc = sqlite3_exec(db, *sql, NULL, NULL, NULL);
    if (mine && rc == SQLITE_OK) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", (int)now + 1);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    *version = mine ? now + 1 : now;
    return SQLITE_OK;
}

int store_schema_migrate_to(sqlite3 *db, int64_t *version, int64_t target)
{
    if (target > STORE_SCHEMA_VERSION)
        target = STORE_SCHEMA_VERSION;
    if (*version < 0 || *version >= target)
        return SQLITE_OK;
    /* A rebuilt table must not cascade into the others when the old one
     * is dropped. The pragma is a no-op inside a transaction, so it is set
     * around the steps. */
    int rc = sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    /* Each step moves the version on or finds it moved, so this ends after
     * at most STORE_SCHEMA_VERSION steps whatever the file says. */
    for (int steps = 0;
         rc == SQLITE_OK && steps < STORE_SCHEMA_VERSION && *version >= 0 && *version < target;
         steps++)
        rc = migrate_step(db, version);
    int on = sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc != SQLITE_OK ? rc : on;
}

int store_schema_migrate(sqlite3 *db, int64_t *version)
{
    return store_schema_migrate_to(db, version, STORE_SCHEMA_VERSION);
}
