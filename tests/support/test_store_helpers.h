/* test_store_helpers.h - what the store's cmocka tests share: the fixture
 * (setup/teardown around a TestStore, see test_support.h), OK() for store
 * calls, builders for rounds, answers, cards and reviews, and raw reads of
 * the database that bypass the store (one value, or a whole table as text).
 *
 * Include after <cmocka.h>; everything here is static inline, so a test
 * file pays only for what it uses. Times are around STORE_TEST_T0.
 */
#ifndef QUIZDECK_TEST_STORE_HELPERS_H
#define QUIZDECK_TEST_STORE_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "test_support.h"

/* 2026-01-01 00:00:00 UTC */
#define STORE_TEST_T0 ((int64_t)1767225600000)
/* The short names the store tests write their times with. */
#define T0      STORE_TEST_T0
#define MIN_MS  TEST_MIN_MS
#define HOUR_MS TEST_HOUR_MS
#define DAY_MS  TEST_DAY_MS

/* ---- the fixture ------------------------------------------------------- */

/* The shared store fixture (tests/support): a temporary folder and a
 * store open in it; the store tests add their own profiles. */
typedef TestStore Fixture;

static inline int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !test_store_open(f, STORE_TEST_T0, NULL)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int setup_dir_only(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !test_store_dir(f)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int teardown(void **state)
{
    Fixture *f = *state;
    test_store_close(f);
    free(f);
    return 0;
}

/* Asserts a call succeeded, showing the store's message if not. */
#define OK(call)                                                                                   \
    do {                                                                                           \
        StoreError e_;                                                                             \
        memset(&e_, 0, sizeof e_);                                                                 \
        StoreStatus s_ = (call);                                                                   \
        if (s_ != STORE_OK)                                                                        \
            fail_msg("%s -> %s: %s", #call, store_status_name(s_), e_.message);                    \
    } while (0)
/* The calls inside OK() pass &e_. */
#define E (&e_)

static inline int64_t add_profile(Store *s, const char *name)
{
    int64_t id = 0;
    OK(store_profile_add(s, name, STORE_TEST_T0, &id, E));
    assert_true(id > 0);
    return id;
}

static inline int64_t begin_round(Store *s, int64_t profile, const char *const *packs, size_t n,
                                  int64_t at)
{
    StoreRoundStart start = {
        .profile_id = profile,
        .started_at = at,
        .seed = 0xfedcba9876543210ull,
        .mode = STORE_MODE_PRACTICE,
        .requested_count = 10,
        .question_count = 10,
        .time_rule = STORE_TIME_OFF,
        .scoring = STORE_SCORING_SPEED,
        .streak_bonus = true,
        .pack_ids = packs,
        .pack_count = n,
    };
    int64_t id = 0;
    OK(store_round_begin(s, &start, &id, E));
    return id;
}

/* Each answer() takes the next position, so the answers of a round are
 * numbered in the order the test makes them. */
static int next_position;

static inline StoreAnswer answer(int64_t round, const char *pack, const char *question,
                                 const char *topic, bool correct, int64_t at)
{
    StoreAnswer a;
    memset(&a, 0, sizeof a);
    a.round_id = round;
    a.position = next_position++;
    snprintf(a.pack_id, sizeof a.pack_id, "%s", pack);
    snprintf(a.question_id, sizeof a.question_id, "%s", question);
    snprintf(a.topic_id, sizeof a.topic_id, "%s", topic);
    a.given = correct ? "right" : "wrong";
    a.fraction_right = correct ? 1.0 : 0.0;
    a.correct = correct;
    a.points = correct ? 100 : 0;
    a.ms_taken = 1500;
    a.answered_at = at;
    return a;
}

static inline void record(Store *s, StoreAnswer a)
{
    OK(store_answer_record(s, &a, NULL, E));
}

/* Answers that add up to `correct` right and `points` points (the first
 * carries them all), then finishes the round: the store computes the
 * totals from them. */
static inline void finish_round(Store *s, int64_t round, int correct, int64_t points, int streak,
                                int64_t at)
{
    for (int i = 0; i < (correct > 0 ? correct : 1); i++) {
        StoreAnswer a = answer(round, "alpha", "q", "", correct > 0, at - 1000 + i);
        a.points = i == 0 ? points : 0;
        record(s, a);
    }
    OK(store_round_finish(s, round, at, streak, E));
}

static inline StoreCard card(int64_t profile, const char *pack, const char *question, int deletion)
{
    StoreCard c;
    memset(&c, 0, sizeof c);
    c.profile_id = profile;
    snprintf(c.pack_id, sizeof c.pack_id, "%s", pack);
    snprintf(c.question_id, sizeof c.question_id, "%s", question);
    c.deletion = deletion;
    c.state = STORE_CARD_REVIEW;
    c.stability = 3.25;
    c.difficulty = 5.5;
    c.due = STORE_TEST_T0 + 3 * TEST_DAY_MS;
    c.last_review = STORE_TEST_T0;
    c.step = 0;
    c.reps = 4;
    c.lapses = 1;
    c.scheduled_days = 3;
    c.first_seen = STORE_TEST_T0 - TEST_DAY_MS;
    return c;
}

static inline StoreReview review_of(const StoreCard *c, int64_t at, int rating,
                                    StoreCardState before)
{
    StoreReview r;
    memset(&r, 0, sizeof r);
    r.profile_id = c->profile_id;
    snprintf(r.pack_id, sizeof r.pack_id, "%s", c->pack_id);
    snprintf(r.question_id, sizeof r.question_id, "%s", c->question_id);
    r.deletion = c->deletion;
    r.reviewed_at = at;
    r.rating = rating;
    r.state_before = before;
    r.state_after = c->state;
    r.elapsed_days = 2;
    r.scheduled_days = c->scheduled_days;
    r.stability = c->stability;
    r.difficulty = c->difficulty;
    r.ms_taken = 4000;
    r.source = STORE_SOURCE_STUDY;
    return r;
}

/* ---- raw reads, bypassing the store ------------------------------------- */

/* sql prepared on the database file at db_path, opened with `flags`
 * (SQLITE_OPEN_READONLY...); raw_done() ends it. */
static inline sqlite3_stmt *raw_prepare(const char *db_path, int flags, const char *sql,
                                        sqlite3 **db)
{
    *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, db, flags, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(*db));
    return st;
}

static inline void raw_done(sqlite3 *db, sqlite3_stmt *st)
{
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* One integer from the raw database. */
static inline int64_t raw_int(const char *db_path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st = raw_prepare(db_path, SQLITE_OPEN_READWRITE, sql, &db);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    raw_done(db, st);
    return v;
}

/* One text value from the raw database (static buffer). */
static inline const char *raw_text(const char *db_path, const char *sql)
{
    static char buf[256];
    sqlite3 *db;
    sqlite3_stmt *st = raw_prepare(db_path, SQLITE_OPEN_READWRITE, sql, &db);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    raw_done(db, st);
    return buf;
}

/* Every row of sql from the raw database (opened read-only), a line each
 * with its columns as text between '|' (NULL as "NULL"): one malloc'd
 * string to compare a table before and after. */
static inline char *raw_dump(const char *db_path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st = raw_prepare(db_path, SQLITE_OPEN_READONLY, sql, &db);
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int columns = sqlite3_column_count(st);
        for (int c = 0; c < columns; c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            const char *text = t ? (const char *)t : "NULL";
            size_t need = len + strlen(text) + 2;
            if (need > cap) {
                cap = need * 2;
                out = realloc(out, cap);
                assert_non_null(out);
            }
            len +=
                (size_t)snprintf(out + len, cap - len, "%s%c", text, c + 1 < columns ? '|' : '\n');
        }
    }
    assert_int_equal(rc, SQLITE_DONE);
    raw_done(db, st);
    return out;
}

#endif
