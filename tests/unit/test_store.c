/* test_store.c - the SQLite store (src/core/store/store.h): what a player would
 * lose or see wrong if it broke. Each test works in its own temporary folder
 * (TestStore, tests/support).
 *
 * Covers: creating the file and schema, profiles and their isolation,
 * settings, rounds and answers, transactions that join several writes, the
 * progress screen's numbers on a hand-made history, flashcards and review
 * logs, study statistics, a damaged file moved aside, an unusable folder,
 * two handles on one file and a busy database. The kill-mid-write case
 * lives in test_store_crash.c.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store.h"
#include "test_support.h"

/* 2026-01-01 00:00:00 UTC */
#define T0      ((int64_t)1767225600000)
#define MIN_MS  TEST_MIN_MS
#define HOUR_MS TEST_HOUR_MS
#define DAY_MS  TEST_DAY_MS

/* ---- fixtures ----------------------------------------------------------- */

/* The shared store fixture (tests/support): a temporary folder and a
 * store open in it; the store tests add their own profiles. */
typedef TestStore Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !test_store_open(f, T0, NULL)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int setup_dir_only(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !test_store_dir(f)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
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

static int64_t add_profile(Store *s, const char *name)
{
    int64_t id = 0;
    OK(store_profile_add(s, name, T0, &id, E));
    assert_true(id > 0);
    return id;
}

static int64_t begin_round(Store *s, int64_t profile, const char *const *packs, size_t n,
                           int64_t at)
{
    StoreRoundStart start = {
        .profile_id = profile,
        .started_at = at,
        .seed = 0xfedcba9876543210ull,
        .mode = "practice",
        .settings = "{\"count\":10}",
        .pack_ids = packs,
        .pack_count = n,
        .question_count = 10,
    };
    int64_t id = 0;
    OK(store_round_begin(s, &start, &id, E));
    return id;
}

static StoreAnswer answer(int64_t round, const char *pack, const char *question, const char *topic,
                          bool correct, int64_t at)
{
    StoreAnswer a;
    memset(&a, 0, sizeof a);
    a.round_id = round;
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

static void record(Store *s, StoreAnswer a)
{
    OK(store_answer_record(s, &a, NULL, E));
}

static StoreCard card(int64_t profile, const char *pack, const char *question, int deletion)
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
    c.due = T0 + 3 * DAY_MS;
    c.last_review = T0;
    c.step = 0;
    c.reps = 4;
    c.lapses = 1;
    c.scheduled_days = 3;
    c.first_seen = T0 - DAY_MS;
    return c;
}

static StoreReview review_of(const StoreCard *c, int64_t at, int rating, StoreCardState before)
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

/* One integer from the raw database, bypassing the store. */
static int64_t raw_int(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* One text value from the raw database (static buffer). */
static const char *raw_text(const char *db_path, const char *sql)
{
    static char buf[256];
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return buf;
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Moved-aside databases in dir (their -wal/-shm not counted). */
static size_t count_corrupt_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".corrupt-") && !strstr(e->d_name, "-wal") &&
            !strstr(e->d_name, "-shm"))
            n++;
    closedir(d);
    return n;
}

/* ---- open and schema ---------------------------------------------------- */

static void test_open_creates_schema(void **state)
{
    Fixture *f = *state;
    assert_true(file_exists(f->db));
    assert_string_equal(store_path(f->store), f->db);
    assert_int_equal(raw_int(f->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                    " AND name IN ('profiles', 'settings', 'rounds', 'answers',"
                                    " 'cards', 'reviews')"),
                     6);
    OK(store_check_integrity(f->store, E));

    /* Reopening (with a trailing slash, as SDL_GetPrefPath gives) finds the
     * same data and does not migrate again. */
    add_profile(f->store, "Maha");
    store_close(f->store);
    char with_slash[80];
    snprintf(with_slash, sizeof with_slash, "%s/", f->dir);
    StoreError err;
    assert_int_equal(store_open(&f->store, with_slash, &err), STORE_OK);
    assert_false(err.recovered);
    StoreProfileList list = {0};
    OK(store_profile_list(f->store, &list, E));
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0].name, "Maha");
    store_profile_list_free(&list);
    assert_string_equal(raw_text(f->db, "PRAGMA journal_mode"), "wal");
}

static void test_newer_schema_left_untouched(void **state)
{
    Fixture *f = *state;
    store_close(f->store);
    f->store = NULL;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    StoreError err;
    assert_int_equal(store_open_at(&f->store, f->dir, T0, &err), STORE_TOO_NEW);
    assert_null(f->store);
    assert_non_null(strstr(err.message, "newer"));
    assert_int_equal(count_corrupt_files(f->dir), 0);
    assert_int_equal(raw_int(f->db, "PRAGMA user_version"), 99);
}

/* ---- profiles ----------------------------------------------------------- */

static void test_profiles(void **state)
{
    Fixture *f = *state;
    int64_t a = add_profile(f->store, "  Ana  ");
    int64_t b = add_profile(f->store, "مها"); /* Arabic */
    int64_t c = add_profile(f->store, "Zoë 日本");

    StoreError err;
    assert_int_equal(store_profile_add(f->store, "Ana", T0, NULL, &err), STORE_EXISTS);
    assert_non_null(strstr(err.message, "Ana"));
    static const char *const bad[] = {"", "   ", "bad\xff", "tab\there", "\xed\xa0\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(store_profile_add(f->store, bad[i], T0, NULL, &err), STORE_INVALID);
    char longname[STORE_NAME_MAX + 2];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(store_profile_add(f->store, longname, T0, NULL, &err), STORE_INVALID);

    OK(store_profile_rename(f->store, c, "Zoë", E));
    assert_int_equal(store_profile_rename(f->store, c, "مها", &err), STORE_EXISTS);
    assert_int_equal(store_profile_rename(f->store, 9999, "Nobody", &err), STORE_NOT_FOUND);

    /* Most recently used first; sort order wins over that. */
    OK(store_profile_touch(f->store, b, T0 + 5000, E));
    OK(store_profile_touch(f->store, a, T0 + 9000, E));
    StoreProfileList list = {0};
    OK(store_profile_list(f->store, &list, E));
    assert_int_equal(list.count, 3);
    assert_string_equal(list.items[0].name, "Ana");
    assert_string_equal(list.items[1].name, "مها");
    assert_string_equal(list.items[2].name, "Zoë");
    assert_int_equal(list.items[0].last_used_at, T0 + 9000);
    assert_int_equal(list.items[2].created_at, T0);
    store_profile_list_free(&list);

    OK(store_profile_set_order(f->store, c, -1, E));
    OK(store_profile_delete(f->store, a, E));
    assert_int_equal(store_profile_delete(f->store, a, &err), STORE_NOT_FOUND);
    OK(store_profile_list(f->store, &list, E));
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].name, "Zoë");
    assert_string_equal(list.items[1].name, "مها");
    store_profile_list_free(&list);
}

static void test_profile_isolation(void **state)
{
    Fixture *f = *state;
    int64_t a = add_profile(f->store, "A");
    int64_t b = add_profile(f->store, "B");
    const char *packs[] = {"gcc"};

    OK(store_setting_set_int(f->store, a, "volume", 3, E));
    OK(store_setting_set_int(f->store, b, "volume", 9, E));
    int64_t ra = begin_round(f->store, a, packs, 1, T0);
    int64_t rb = begin_round(f->store, b, packs, 1, T0);
    record(f->store, answer(ra, "gcc", "q1", "", true, T0 + 1));
    record(f->store, answer(rb, "gcc", "q1", "", false, T0 + 2));
    record(f->store, answer(rb, "gcc", "q2", "", false, T0 + 3));
    StoreCard ca = card(a, "gcc", "q1", 0), cb = card(b, "gcc", "q1", 0);
    cb.stability = 99.0;
    StoreReview rva = review_of(&ca, T0 + 10, 3, STORE_CARD_REVIEW);
    StoreReview rvb = review_of(&cb, T0 + 11, 1, STORE_CARD_REVIEW);
    OK(store_review_record(f->store, &ca, &rva, NULL, E));
    OK(store_review_record(f->store, &cb, &rvb, NULL, E));

    assert_int_equal(store_setting_int_or(f->store, a, "volume", -1), 3);
    assert_int_equal(store_setting_int_or(f->store, b, "volume", -1), 9);

    StoreProgressList prog = {0};
    OK(store_progress_by_pack(f->store, a, 20, &prog, E));
    assert_int_equal(prog.count, 1);
    assert_int_equal(prog.items[0].answers_total, 1);
    assert_int_equal(prog.items[0].recent_correct, 1);
    store_progress_list_free(&prog);

    StoreMissedList missed = {0};
    OK(store_most_missed(f->store, a, 5, &missed, E));
    assert_int_equal(missed.count, 0); /* B's misses are B's */
    store_missed_list_free(&missed);

    StoreCardList cards = {0};
    OK(store_cards_load(f->store, a, &cards, E));
    assert_int_equal(cards.count, 1);
    assert_int_equal(cards.items[0].profile_id, a);
    assert_true(cards.items[0].stability == 3.25);
    store_card_list_free(&cards);

    int64_t passed = 0, total = 0;
    OK(store_retention(f->store, a, T0 + DAY_MS, 30, &passed, &total, E));
    assert_int_equal(total, 1);
    assert_int_equal(passed, 1);

    /* Deleting B takes all of B's data and nothing of A's. */
    OK(store_profile_delete(f->store, b, E));
    static const char *const tables[] = {"settings", "rounds", "answers", "cards", "reviews"};
    for (size_t i = 0; i < 5; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE profile_id = %lld", tables[i],
                 (long long)b);
        assert_int_equal(raw_int(f->db, sql), 0);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE profile_id = %lld", tables[i],
                 (long long)a);
        assert_int_equal(raw_int(f->db, sql), 1);
    }
    OK(store_check_integrity(f->store, E));
}

/* ---- settings ----------------------------------------------------------- */

static void test_settings_round_trip(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    char buf[64];
    StoreError err;

    assert_int_equal(store_setting_get_text(f->store, STORE_GLOBAL, "lang", buf, sizeof buf, &err),
                     STORE_NOT_FOUND);
    assert_int_equal(store_setting_int_or(f->store, p, "timer", 20), 20);

    OK(store_setting_set_text(f->store, STORE_GLOBAL, "lang", "ar", E));
    OK(store_setting_set_text(f->store, STORE_GLOBAL, "lang", "en", E)); /* overwrite */
    OK(store_setting_set_text(f->store, p, "lang", "عربي", E));
    OK(store_setting_set_int(f->store, p, "timer", -45, E));
    OK(store_setting_set_int(f->store, STORE_GLOBAL, "big", INT64_MAX, E));

    OK(store_setting_get_text(f->store, STORE_GLOBAL, "lang", buf, sizeof buf, E));
    assert_string_equal(buf, "en");
    OK(store_setting_get_text(f->store, p, "lang", buf, sizeof buf, E));
    assert_string_equal(buf, "عربي");
    int64_t v = 0;
    OK(store_setting_get_int(f->store, p, "timer", &v, E));
    assert_int_equal(v, -45);
    OK(store_setting_get_int(f->store, STORE_GLOBAL, "big", &v, E));
    assert_true(v == INT64_MAX);
    assert_int_equal(store_setting_get_int(f->store, p, "lang", &v, &err), STORE_INVALID);
    assert_int_equal(store_setting_int_or(f->store, p, "lang", 7), 7);
    char tiny[3];
    assert_int_equal(store_setting_get_text(f->store, p, "lang", tiny, sizeof tiny, &err),
                     STORE_INVALID);
    /* One row per (profile, key), also for the global NULL profile. */
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM settings WHERE key = 'lang'"), 2);

    OK(store_setting_delete(f->store, p, "lang", E));
    assert_int_equal(store_setting_get_text(f->store, p, "lang", buf, sizeof buf, &err),
                     STORE_NOT_FOUND);
    OK(store_setting_get_text(f->store, STORE_GLOBAL, "lang", buf, sizeof buf, E));
    assert_string_equal(buf, "en");
    assert_int_equal(store_setting_set_int(f->store, 12345, "x", 1, &err), STORE_NOT_FOUND);
}

/* ---- rounds and answers ------------------------------------------------- */

static void test_round_and_answers_round_trip(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"gcc", "oil-history"};
    int64_t r = begin_round(f->store, p, packs, 2, T0);

    StoreAnswer a1 = answer(r, "gcc", "gcc-founding", "gcc", true, T0 + 5000);
    a1.given = "1981 — الرياض";
    a1.fraction_right = 1.0;
    a1.points = 850;
    StoreAnswer a2 = answer(r, "oil-history", "first-well", "", false, T0 + 9000);
    a2.timed_out = true;
    a2.given = "";
    StoreAnswer a3 = answer(r, "gcc", "gcc-size", "gcc", false, T0 + 12000);
    a3.fraction_right = 0.5;
    a3.points = 300;
    int64_t id1 = 0;
    OK(store_answer_record(f->store, &a1, &id1, E));
    assert_true(id1 > 0);
    record(f->store, a2);
    record(f->store, a3);

    StoreError err;
    StoreAnswer orphan = answer(9999, "gcc", "x", "", true, T0);
    assert_int_equal(store_answer_record(f->store, &orphan, NULL, &err), STORE_NOT_FOUND);

    /* In progress: shown with its running totals. */
    StoreRoundList rounds = {0};
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 1);
    assert_int_equal(rounds.items[0].id, r);
    assert_false(rounds.items[0].finished);
    assert_int_equal(rounds.items[0].answered_count, 3);
    assert_int_equal(rounds.items[0].correct_count, 1);
    assert_int_equal(rounds.items[0].points, 1150);
    store_round_list_free(&rounds);

    OK(store_round_finish(f->store, r, T0 + 60000, 1, 1200, 1, E));
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 0);
    store_round_list_free(&rounds);

    OK(store_round_get(f->store, r, &rounds, E));
    StoreRound *got = &rounds.items[0];
    assert_true(got->finished);
    assert_int_equal(got->finished_at, T0 + 60000);
    assert_int_equal(got->started_at, T0);
    assert_true(got->seed == 0xfedcba9876543210ull);
    assert_string_equal(got->mode, "practice");
    assert_string_equal(got->settings, "{\"count\":10}");
    assert_string_equal(got->packs, "gcc,oil-history");
    assert_int_equal(got->pack_count, 2);
    assert_int_equal(got->question_count, 10);
    assert_int_equal(got->points, 1200);
    assert_int_equal(got->best_streak, 1);
    assert_false(got->abandoned);
    store_round_list_free(&rounds);
    assert_int_equal(store_round_get(f->store, 4242, &rounds, &err), STORE_NOT_FOUND);

    StoreAnswerList answers = {0};
    OK(store_round_answers(f->store, r, &answers, E));
    assert_int_equal(answers.count, 3);
    assert_int_equal(answers.items[0].id, id1);
    assert_int_equal(answers.items[0].profile_id, p);
    assert_string_equal(answers.items[0].given, "1981 — الرياض");
    assert_string_equal(answers.items[0].topic_id, "gcc");
    assert_int_equal(answers.items[0].points, 850);
    assert_true(answers.items[0].correct);
    assert_string_equal(answers.items[1].question_id, "first-well");
    assert_true(answers.items[1].timed_out);
    assert_false(answers.items[1].correct);
    assert_true(answers.items[2].fraction_right == 0.5);
    assert_int_equal(answers.items[2].ms_taken, 1500);
    assert_int_equal(answers.items[2].answered_at, T0 + 12000);
    store_answer_list_free(&answers);

    /* A round killed mid-way is offered as unfinished until abandoned. */
    int64_t r2 = begin_round(f->store, p, packs, 1, T0 + HOUR_MS);
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 1);
    assert_int_equal(rounds.items[0].id, r2);
    store_round_list_free(&rounds);
    OK(store_round_abandon(f->store, r2, E));
    OK(store_rounds_unfinished(f->store, p, &rounds, E));
    assert_int_equal(rounds.count, 0);
    store_round_list_free(&rounds);
    OK(store_round_get(f->store, r2, &rounds, E));
    assert_true(rounds.items[0].abandoned);
    assert_false(rounds.items[0].finished);
    store_round_list_free(&rounds);

    StoreRoundStart bad = {.profile_id = p, .pack_ids = packs, .pack_count = 0};
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    const char *long_pack[] = {
        "a-pack-id-that-is-far-too-long-for-the-format-which-allows-64-chars"};
    bad.pack_ids = long_pack;
    bad.pack_count = 1;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_INVALID);
    bad.pack_ids = packs;
    bad.profile_id = 777;
    assert_int_equal(store_round_begin(f->store, &bad, NULL, &err), STORE_NOT_FOUND);
}

/* ---- transactions ------------------------------------------------------- */

static const char FAIL_REVIEWS[] = "CREATE TEMP TRIGGER fail_reviews BEFORE INSERT ON reviews"
                                   " BEGIN SELECT RAISE(ABORT, 'injected'); END";

/* The play engine's case: an answer and its flashcard review in one
 * transaction, the review write fails for real, the caller rolls back and
 * nothing of the answer remains; the store goes on working. */
static void test_transaction_rolls_back_together(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, p, packs, 1, T0);
    OK(store_debug_exec(f->store, FAIL_REVIEWS, E));

    StoreAnswer a = answer(r, "gcc", "q1", "", true, T0 + 1);
    StoreCard c = card(p, "gcc", "q1", 0);
    StoreReview rv = review_of(&c, T0 + 2, STORE_RATING_GOOD, STORE_CARD_REVIEW);
    StoreError err;
    OK(store_transaction_begin(f->store, E));
    OK(store_answer_record(f->store, &a, NULL, E));
    assert_int_not_equal(store_review_record(f->store, &c, &rv, NULL, &err), STORE_OK);
    assert_non_null(strstr(err.message, "injected"));
    OK(store_transaction_rollback(f->store, E));

    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answers"), 0);
    StoreAnswerList answers = {0};
    OK(store_round_answers(f->store, r, &answers, E));
    assert_int_equal(answers.count, 0);
    store_answer_list_free(&answers);
    StoreRoundList rounds = {0};
    OK(store_round_get(f->store, r, &rounds, E));
    assert_int_equal(rounds.items[0].points, 0); /* the running total too */
    store_round_list_free(&rounds);
    StoreCard got;
    assert_int_equal(store_card_get(f->store, p, "gcc", "q1", 0, &got, &err), STORE_NOT_FOUND);

    /* A failed write inside an open transaction undoes only itself: the
     * caller may still keep the rest. */
    OK(store_transaction_begin(f->store, E));
    OK(store_answer_record(f->store, &a, NULL, E));
    assert_int_not_equal(store_review_record(f->store, &c, &rv, NULL, &err), STORE_OK);
    OK(store_transaction_commit(f->store, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM answers"), 1);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM cards"), 0);

    OK(store_debug_exec(f->store, "DROP TRIGGER fail_reviews", E));
    OK(store_review_record(f->store, &c, &rv, NULL, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM reviews"), 1);
}

static void test_transaction_nesting(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    StoreError err;
    assert_int_equal(store_transaction_commit(f->store, &err), STORE_INVALID);
    assert_int_equal(store_transaction_rollback(f->store, &err), STORE_INVALID);

    /* Inner levels are savepoints: one rolled back, one kept. */
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "a", 1, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "b", 2, E));
    OK(store_transaction_rollback(f->store, E));
    OK(store_setting_set_int(f->store, p, "c", 3, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "d", 4, E));
    OK(store_transaction_commit(f->store, E));
    /* Nothing is on disk before the outermost commit. */
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM settings"), 0);
    OK(store_transaction_commit(f->store, E));
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM settings"), 3);
    assert_int_equal(store_setting_int_or(f->store, p, "b", -1), -1);
    assert_int_equal(store_setting_int_or(f->store, p, "d", -1), 4);

    /* Rolling back the outer level takes the committed inner one with it. */
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "e", 5, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "f", 6, E));
    OK(store_transaction_commit(f->store, E));
    OK(store_transaction_rollback(f->store, E));
    assert_int_equal(store_setting_int_or(f->store, p, "e", -1), -1);
    assert_int_equal(store_setting_int_or(f->store, p, "f", -1), -1);
    assert_int_equal(store_transaction_commit(f->store, &err), STORE_INVALID);

    /* The outermost begin takes the write lock: another instance waits,
     * then is told the file is busy, until the commit. */
    Store *other = NULL;
    assert_int_equal(store_open(&other, f->dir, &err), STORE_OK);
    store_set_busy_timeout(other, 50);
    OK(store_transaction_begin(f->store, E));
    assert_int_equal(store_setting_set_int(other, p, "g", 7, &err), STORE_BUSY);
    assert_int_equal(store_transaction_begin(other, &err), STORE_BUSY);
    assert_int_equal(store_transaction_commit(other, &err), STORE_INVALID); /* none opened */
    OK(store_transaction_commit(f->store, E));
    OK(store_setting_set_int(other, p, "g", 7, E));
    store_close(other);

    /* Closing with a transaction open rolls it back. */
    OK(store_transaction_begin(f->store, E));
    OK(store_transaction_begin(f->store, E));
    OK(store_setting_set_int(f->store, p, "h", 8, E));
    store_close(f->store);
    assert_int_equal(store_open_at(&f->store, f->dir, T0, &err), STORE_OK);
    assert_int_equal(store_setting_int_or(f->store, p, "h", -1), -1);
    assert_int_equal(store_setting_int_or(f->store, p, "g", -1), 7);
    OK(store_check_integrity(f->store, E));
}

/* ---- progress ----------------------------------------------------------- */

typedef struct HistoryRow {
    const char *pack, *question, *topic;
    bool correct;
} HistoryRow;

/* Oldest first; answer i is given at T0 + i minutes. */
static const HistoryRow HISTORY[] = {
    {"alpha", "q1", "t1", true},  {"alpha", "q1", "t1", false}, {"alpha", "q2", "t1", true},
    {"alpha", "q3", "t2", false}, {"alpha", "q3", "t2", false}, {"beta", "b1", "", true},
    {"beta", "b2", "", false},
};

typedef struct ProgressCase {
    const char *pack, *topic;
    int64_t seen, total;
    int recent_count, recent_correct;
    int64_t last_minute;
} ProgressCase;

static int64_t load_history(Store *s)
{
    int64_t p = add_profile(s, "P");
    const char *packs[] = {"alpha", "beta"};
    int64_t r = begin_round(s, p, packs, 2, T0);
    for (size_t i = 0; i < sizeof HISTORY / sizeof HISTORY[0]; i++)
        record(s, answer(r, HISTORY[i].pack, HISTORY[i].question, HISTORY[i].topic,
                         HISTORY[i].correct, T0 + (int64_t)i * MIN_MS));
    return p;
}

static void check_progress(const StoreProgressList *got, const ProgressCase *want, size_t n)
{
    assert_int_equal(got->count, n);
    for (size_t i = 0; i < n; i++) {
        const StoreProgress *g = &got->items[i];
        assert_string_equal(g->pack_id, want[i].pack);
        assert_string_equal(g->topic_id, want[i].topic);
        assert_int_equal(g->questions_seen, want[i].seen);
        assert_int_equal(g->answers_total, want[i].total);
        assert_int_equal(g->recent_count, want[i].recent_count);
        assert_int_equal(g->recent_correct, want[i].recent_correct);
        double acc = (double)want[i].recent_correct / (double)want[i].recent_count;
        assert_true(g->recent_accuracy > acc - 1e-9 && g->recent_accuracy < acc + 1e-9);
        assert_int_equal(g->last_answered_at, T0 + want[i].last_minute * MIN_MS);
    }
}

static void test_progress_numbers(void **state)
{
    Fixture *f = *state;
    int64_t p = load_history(f->store);
    StoreProgressList got = {0};

    /* Recent window 3: alpha's last three answers are q2 right, q3 wrong twice. */
    static const ProgressCase by_pack3[] = {
        {"alpha", "", 3, 5, 3, 1, 4},
        {"beta", "", 2, 2, 2, 1, 6},
    };
    OK(store_progress_by_pack(f->store, p, 3, &got, E));
    check_progress(&got, by_pack3, 2);
    store_progress_list_free(&got);

    static const ProgressCase by_pack20[] = {
        {"alpha", "", 3, 5, 5, 2, 4},
        {"beta", "", 2, 2, 2, 1, 6},
    };
    OK(store_progress_by_pack(f->store, p, 20, &got, E));
    check_progress(&got, by_pack20, 2);
    store_progress_list_free(&got);

    /* Topics: beta's answers have none and are left out. */
    static const ProgressCase by_topic2[] = {
        {"alpha", "t1", 2, 3, 2, 1, 2},
        {"alpha", "t2", 1, 2, 2, 0, 4},
    };
    OK(store_progress_by_topic(f->store, p, NULL, 2, &got, E));
    check_progress(&got, by_topic2, 2);
    store_progress_list_free(&got);
    OK(store_progress_by_topic(f->store, p, "alpha", 2, &got, E));
    check_progress(&got, by_topic2, 2);
    store_progress_list_free(&got);
    OK(store_progress_by_topic(f->store, p, "beta", 2, &got, E));
    assert_int_equal(got.count, 0);
    store_progress_list_free(&got);
}

static void test_most_missed_order(void **state)
{
    Fixture *f = *state;
    int64_t p = load_history(f->store);
    static const struct {
        const char *pack, *question;
        int64_t misses, last_minute;
    } want[] = {
        {"alpha", "q3", 2, 4}, /* most misses */
        {"beta", "b2", 1, 6},  /* one miss, more recent */
        {"alpha", "q1", 1, 1}, /* one miss, older (its right answer came first) */
    };
    StoreMissedList got = {0};
    OK(store_most_missed(f->store, p, 5, &got, E));
    assert_int_equal(got.count, 3); /* q2 and b1 never missed */
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(got.items[i].pack_id, want[i].pack);
        assert_string_equal(got.items[i].question_id, want[i].question);
        assert_int_equal(got.items[i].misses, want[i].misses);
        assert_int_equal(got.items[i].last_answered_at, T0 + want[i].last_minute * MIN_MS);
    }
    store_missed_list_free(&got);
    OK(store_most_missed(f->store, p, 2, &got, E));
    assert_int_equal(got.count, 2);
    assert_string_equal(got.items[1].question_id, "b2");
    store_missed_list_free(&got);
}

static void test_history_and_best(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *alpha[] = {"alpha"}, *beta[] = {"beta"}, *both[] = {"alpha", "beta"};

    /* 35 finished single-pack rounds with points 10*i. */
    for (int i = 1; i <= 35; i++) {
        int64_t r = begin_round(f->store, p, i % 2 ? alpha : beta, 1, T0 + i * HOUR_MS);
        OK(store_round_finish(f->store, r, T0 + i * HOUR_MS + MIN_MS, i % 10, 10 * i, 2, E));
    }
    int64_t big = begin_round(f->store, p, both, 2, T0 + 40 * HOUR_MS);
    OK(store_round_finish(f->store, big, T0 + 40 * HOUR_MS + MIN_MS, 10, 100000, 10, E));
    begin_round(f->store, p, alpha, 1, T0 + 50 * HOUR_MS); /* unfinished */

    StoreRoundList hist = {0};
    OK(store_round_history(f->store, p, 30, &hist, E));
    assert_int_equal(hist.count, 30);
    /* Oldest first: rounds 7..35 then the two-pack round. */
    assert_int_equal(hist.items[0].points, 70);
    assert_int_equal(hist.items[28].points, 350);
    assert_int_equal(hist.items[29].points, 100000);
    for (size_t i = 1; i < hist.count; i++)
        assert_true(hist.items[i - 1].finished_at < hist.items[i].finished_at);
    assert_int_equal(hist.items[0].correct_count, 7);
    assert_int_equal(hist.items[0].question_count, 10);
    assert_true(hist.items[0].accuracy > 0.7 - 1e-9 && hist.items[0].accuracy < 0.7 + 1e-9);
    store_round_list_free(&hist);

    /* Best per pack counts single-pack rounds only. */
    StoreRoundList best = {0};
    OK(store_pack_best(f->store, p, "alpha", &best, E));
    assert_int_equal(best.items[0].points, 350);
    store_round_list_free(&best);
    OK(store_pack_best(f->store, p, "beta", &best, E));
    assert_int_equal(best.items[0].points, 340);
    store_round_list_free(&best);
    StoreError err;
    assert_int_equal(store_pack_best(f->store, p, "gamma", &best, &err), STORE_NOT_FOUND);

    OK(store_pack_bests(f->store, p, &best, E));
    assert_int_equal(best.count, 2);
    assert_string_equal(best.items[0].packs, "alpha");
    assert_int_equal(best.items[0].points, 350);
    assert_string_equal(best.items[1].packs, "beta");
    assert_int_equal(best.items[1].points, 340);
    store_round_list_free(&best);
}

/* ---- cards and reviews -------------------------------------------------- */

static void test_cards_and_reviews(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    StoreCard c = card(p, "gcc", "cloze-1", 2);
    OK(store_card_upsert(f->store, &c, E));

    StoreCard got;
    OK(store_card_get(f->store, p, "gcc", "cloze-1", 2, &got, E));
    assert_memory_equal(&got, &c, sizeof c);
    StoreError err;
    assert_int_equal(store_card_get(f->store, p, "gcc", "cloze-1", 0, &got, &err), STORE_NOT_FOUND);

    /* Two reviews; the card follows, the log keeps both. */
    StoreCard after = c;
    after.state = STORE_CARD_RELEARNING;
    after.lapses = 2;
    after.stability = 0.8;
    after.due = T0 + 2 * DAY_MS + 10 * MIN_MS;
    after.first_seen = T0 + 99; /* a later first_seen does not replace the first */
    StoreReview r1 = review_of(&after, T0 + 2 * DAY_MS, STORE_RATING_AGAIN, STORE_CARD_REVIEW);
    int64_t rid = 0;
    OK(store_review_record(f->store, &after, &r1, &rid, E));
    assert_true(rid > 0);
    StoreCard after2 = after;
    after2.state = STORE_CARD_REVIEW;
    StoreReview r2 =
        review_of(&after2, T0 + 2 * DAY_MS + 10 * MIN_MS, STORE_RATING_GOOD, STORE_CARD_RELEARNING);
    r2.source = STORE_SOURCE_QUIZ;
    OK(store_review_record(f->store, &after2, &r2, NULL, E));

    OK(store_card_get(f->store, p, "gcc", "cloze-1", 2, &got, E));
    assert_int_equal(got.state, STORE_CARD_REVIEW);
    assert_int_equal(got.lapses, 2);
    assert_true(got.stability == 0.8);
    assert_int_equal(got.first_seen, c.first_seen);

    StoreReviewList log = {0};
    OK(store_card_reviews(f->store, p, "gcc", "cloze-1", 2, &log, E));
    assert_int_equal(log.count, 2);
    assert_int_equal(log.items[0].id, rid);
    assert_int_equal(log.items[0].rating, STORE_RATING_AGAIN);
    assert_int_equal(log.items[0].state_before, STORE_CARD_REVIEW);
    assert_int_equal(log.items[0].state_after, STORE_CARD_RELEARNING);
    assert_int_equal(log.items[0].source, STORE_SOURCE_STUDY);
    assert_int_equal(log.items[1].source, STORE_SOURCE_QUIZ);
    assert_int_equal(log.items[1].reviewed_at, T0 + 2 * DAY_MS + 10 * MIN_MS);
    assert_int_equal(log.items[1].ms_taken, 4000);
    store_review_list_free(&log);

    /* Saving the card again (a plain upsert) keeps its review log. */
    OK(store_card_upsert(f->store, &after2, E));
    OK(store_card_reviews(f->store, p, "gcc", "cloze-1", 2, &log, E));
    assert_int_equal(log.count, 2);
    store_review_list_free(&log);

    StoreReview wrong = r2;
    wrong.deletion = 5;
    assert_int_equal(store_review_record(f->store, &after2, &wrong, NULL, &err), STORE_INVALID);
    wrong = r2;
    wrong.rating = 0;
    assert_int_equal(store_review_record(f->store, &after2, &wrong, NULL, &err), STORE_INVALID);
}

static void test_load_many_cards(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    int64_t other = add_profile(f->store, "Other");
    enum { N = 100000 };
    StoreCard *cards = calloc(N, sizeof *cards);
    assert_non_null(cards);
    for (int i = 0; i < N; i++) {
        char q[32];
        snprintf(q, sizeof q, "q%06d", i / 2);
        char pack[16];
        snprintf(pack, sizeof pack, "pack-%d", i % 7);
        cards[i] = card(p, pack, q, i % 2);
        cards[i].reps = i;
    }
    OK(store_cards_upsert(f->store, cards, N, E));
    StoreCard o = card(other, "pack-0", "q000000", 0);
    OK(store_card_upsert(f->store, &o, E));

    StoreCardList got = {0};
    OK(store_cards_load(f->store, p, &got, E));
    assert_int_equal(got.count, N);
    int64_t reps_sum = 0;
    for (size_t i = 0; i < got.count; i++) {
        assert_int_equal(got.items[i].profile_id, p);
        reps_sum += got.items[i].reps;
        if (i) {
            int c = strcmp(got.items[i - 1].pack_id, got.items[i].pack_id);
            assert_true(c <= 0);
        }
    }
    assert_int_equal(reps_sum, (int64_t)N * (N - 1) / 2);
    store_card_list_free(&got);
    free(cards);
}

/* ---- study statistics --------------------------------------------------- */

static void test_study_days_and_retention(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    /* The player is at UTC+3 and their day starts at 04:00 local (01:00 UTC). */
    const int offset = 180, day_start = 240;
    const int64_t now = T0 + 68 * DAY_MS + 12 * HOUR_MS; /* 2026-03-10 12:00 UTC */
    static const struct {
        int64_t at_from_now;
        int rating;
        StoreCardState before;
        int want_day; /* index from the end: 0 today, -1 not in the heatmap */
    } reviews[] = {
        {0, 3, STORE_CARD_REVIEW, 0},
        {-(10 * HOUR_MS + 30 * MIN_MS), 1, STORE_CARD_REVIEW, 0}, /* 01:30 UTC: today */
        {-(11 * HOUR_MS + 30 * MIN_MS), 4, STORE_CARD_REVIEW, 1}, /* 00:30 UTC: yesterday */
        {-DAY_MS, 2, STORE_CARD_REVIEW, 1},
        {-DAY_MS - HOUR_MS, 1, STORE_CARD_LEARNING, 1}, /* not a Review card */
        {-31 * DAY_MS, 1, STORE_CARD_REVIEW, 31},       /* outside 30 days */
        {-111 * DAY_MS, 3, STORE_CARD_NEW, 111},        /* first heatmap day */
        {-112 * DAY_MS, 3, STORE_CARD_NEW, -1},         /* before the heatmap */
    };
    const size_t n = sizeof reviews / sizeof reviews[0];
    for (size_t i = 0; i < n; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%zu", i);
        StoreCard c = card(p, "gcc", q, 0);
        StoreReview r =
            review_of(&c, now + reviews[i].at_from_now, reviews[i].rating, reviews[i].before);
        OK(store_review_record(f->store, &c, &r, NULL, E));
    }

    enum { DAYS = 112 };
    int64_t counts[DAYS];
    const DayRule rule = {.utc_offset_minutes = offset, .day_start_minutes = day_start};
    OK(store_study_days(f->store, p, now, &rule, DAYS, counts, E));
    int64_t want[DAYS] = {0};
    for (size_t i = 0; i < n; i++)
        if (reviews[i].want_day >= 0)
            want[DAYS - 1 - reviews[i].want_day]++;
    for (int d = 0; d < DAYS; d++)
        assert_int_equal(counts[d], want[d]);
    assert_int_equal(counts[DAYS - 1], 2);
    assert_int_equal(counts[DAYS - 2], 3);

    assert_int_equal(day_number(now, offset, day_start) -
                         day_number(now - (11 * HOUR_MS + 30 * MIN_MS), offset, day_start),
                     1);
    assert_int_equal(day_number(-1, 0, 0), -1);

    int64_t passed = 0, total = 0;
    OK(store_retention(f->store, p, now, 30, &passed, &total, E));
    assert_int_equal(total, 4);  /* the four Review-state reviews of the last 30 days */
    assert_int_equal(passed, 3); /* all but the Again */
}

/* The heatmap asks the offset at each day, so the days before a change of
 * daylight saving time keep their own boundaries. The clocks go from +1 to
 * +2 on 2025-03-30 at 01:00 UTC; the study day starts at 04:00 local. */
static void test_study_days_follow_daylight_saving(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    int64_t switch_ms = test_utc_ms(2025, 3, 30, 1, 0);
    const DayRule rule = {
        .day_start_minutes = 240, .offset_fn = test_offset_switch, .offset_user = &switch_ms};
    const int64_t now = test_utc_ms(2025, 4, 2, 12, 0);
    static const struct {
        int mday, hour, minute; /* UTC */
        int want_day;           /* index from the end: 0 today */
    } reviews[] = {
        {29, 2, 30, 5}, /* 03:30 local (+1): still the 28th */
        {29, 3, 30, 4}, /* 04:30 local: the 29th */
        {31, 1, 30, 3}, /* 03:30 local (+2): still the 30th */
        {31, 2, 30, 2}, /* 04:30 local: the 31st */
        {2, 10, 0, 0},  /* April 2nd, today */
    };
    enum { DAYS = 10 };
    int64_t want[DAYS] = {0};
    for (size_t i = 0; i < sizeof reviews / sizeof reviews[0]; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%zu", i);
        StoreCard c = card(p, "gcc", q, 0);
        int month = reviews[i].mday == 2 ? 4 : 3;
        StoreReview r = review_of(
            &c, test_utc_ms(2025, month, reviews[i].mday, reviews[i].hour, reviews[i].minute),
            STORE_RATING_GOOD, STORE_CARD_REVIEW);
        OK(store_review_record(f->store, &c, &r, NULL, E));
        want[DAYS - 1 - reviews[i].want_day]++;
    }
    int64_t counts[DAYS];
    OK(store_study_days(f->store, p, now, &rule, DAYS, counts, E));
    for (int d = 0; d < DAYS; d++)
        assert_int_equal(counts[d], want[d]);
}

/* ---- damaged files and unusable folders --------------------------------- */

static void write_file(const char *path, const char *text, size_t repeat)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    for (size_t i = 0; i < repeat; i++)
        fputs(text, fp);
    fclose(fp);
}

typedef enum Damage { DAMAGE_GARBAGE, DAMAGE_PAGES } Damage;

static void damage_db(const Fixture *f, Damage how)
{
    if (how == DAMAGE_GARBAGE) {
        write_file(f->db, "this is not a database, just a player's bad luck\n", 200);
        char wal[160];
        snprintf(wal, sizeof wal, "%s-wal", f->db);
        write_file(wal, "stale wal\n", 10);
        return;
    }
    /* A real database whose pages past the first are overwritten. */
    FILE *fp = fopen(f->db, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    assert_true(size > 8192);
    assert_int_equal(fseek(fp, 4096, SEEK_SET), 0);
    for (long i = 4096; i < size; i++)
        fputc(0x5a, fp);
    fclose(fp);
}

static void test_corrupt_database_moved_aside(void **state)
{
    static const Damage cases[] = {DAMAGE_GARBAGE, DAMAGE_PAGES};
    for (size_t k = 0; k < 2; k++) {
        Fixture *f = *state;
        store_close(f->store);
        f->store = NULL;
        test_remove_tree(f->dir);
        assert_true(test_store_dir(f));
        if (cases[k] == DAMAGE_PAGES) {
            StoreError e0;
            assert_int_equal(store_open_at(&f->store, f->dir, T0, &e0), STORE_OK);
            int64_t p = add_profile(f->store, "Before");
            const char *packs[] = {"gcc"};
            int64_t r = begin_round(f->store, p, packs, 1, T0);
            for (int i = 0; i < 200; i++) {
                char q[16];
                snprintf(q, sizeof q, "q%d", i);
                record(f->store, answer(r, "gcc", q, "", i % 2, T0 + i));
            }
            store_close(f->store);
            f->store = NULL;
        }
        damage_db(f, cases[k]);

        StoreError err;
        const int64_t when =
            T0 + DAY_MS + 3 * HOUR_MS + 4 * MIN_MS + 5000; /* 2026-01-02 03:04:05 */
        assert_int_equal(store_open_at(&f->store, f->dir, when, &err), STORE_OK);
        assert_non_null(f->store);
        assert_true(err.recovered);
        char want[160];
        snprintf(want, sizeof want, "%s.corrupt-20260102-030405", f->db);
        assert_string_equal(err.moved_to, want);
        assert_true(file_exists(want));
        assert_non_null(strstr(err.message, want)); /* the UI can show where it went */
        if (cases[k] == DAMAGE_GARBAGE) {
            char wal[200];
            snprintf(wal, sizeof wal, "%s-wal", want);
            assert_true(file_exists(wal));
        }

        /* The fresh file works and is empty. */
        StoreProfileList list = {0};
        OK(store_profile_list(f->store, &list, E));
        assert_int_equal(list.count, 0);
        store_profile_list_free(&list);
        add_profile(f->store, "After");
        OK(store_check_integrity(f->store, E));

        /* Opening again is quiet: nothing more is moved. */
        store_close(f->store);
        assert_int_equal(store_open_at(&f->store, f->dir, when, &err), STORE_OK);
        assert_false(err.recovered);
        assert_int_equal(count_corrupt_files(f->dir), 1);
    }
}

static void test_unusable_folder(void **state)
{
    Fixture *f = *state;
    char file[128], under_file[160], missing[160];
    snprintf(file, sizeof file, "%s/file.txt", f->dir);
    write_file(file, "x", 1);
    snprintf(under_file, sizeof under_file, "%s/sub", file); /* fails even for root */
    snprintf(missing, sizeof missing, "%s/missing", f->dir);
    const char *dirs[] = {under_file, missing, file};
    for (size_t i = 0; i < 3; i++) {
        Store *s = (Store *)0x1;
        StoreError err;
        assert_int_equal(store_open(&s, dirs[i], &err), STORE_CANNOT_OPEN);
        assert_null(s);
        assert_int_equal(err.status, STORE_CANNOT_OPEN);
        assert_non_null(strstr(err.message, dirs[i]));
    }
    StoreError err;
    assert_int_equal(store_open(NULL, f->dir, &err), STORE_INVALID);
}

static void test_read_only_folder(void **state)
{
    Fixture *f = *state;
    StoreError err;
    char ro[128];
    snprintf(ro, sizeof ro, "%s/readonly", f->dir);
    assert_int_equal(mkdir(ro, 0500), 0);
    if (geteuid() == 0) {
        skip(); /* root writes anywhere; test_unusable_folder covers root */
    }
    Store *s = NULL;
    assert_int_equal(store_open(&s, ro, &err), STORE_CANNOT_OPEN);
    assert_null(s);
    assert_non_null(strstr(err.message, ro));
}

/* ---- two instances ------------------------------------------------------ */

static void test_two_handles_alternate(void **state)
{
    Fixture *f = *state;
    Store *other = NULL;
    StoreError err;
    assert_int_equal(store_open(&other, f->dir, &err), STORE_OK);
    int64_t p = add_profile(f->store, "Shared");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(other, p, packs, 1, T0);
    for (int i = 0; i < 100; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%d", i);
        record(i % 2 ? other : f->store, answer(r, "gcc", q, "", true, T0 + i));
        OK(store_setting_set_int(i % 2 ? f->store : other, p, "count", i, E));
    }
    StoreAnswerList a = {0};
    OK(store_round_answers(f->store, r, &a, E));
    assert_int_equal(a.count, 100);
    store_answer_list_free(&a);
    assert_int_equal(store_setting_int_or(other, p, "count", -1), 99);
    OK(store_check_integrity(f->store, E));
    OK(store_check_integrity(other, E));
    store_close(other);
}

static void test_busy_gives_status_not_damage(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "P");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, p, packs, 1, T0);
    store_set_busy_timeout(f->store, 50);

    /* Another instance holds the write lock. */
    sqlite3 *holder = NULL;
    assert_int_equal(sqlite3_open(f->db, &holder), SQLITE_OK);
    assert_int_equal(sqlite3_exec(holder,
                                  "BEGIN IMMEDIATE;"
                                  "UPDATE profiles SET sort_order = 5;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);

    StoreError err;
    StoreAnswer a = answer(r, "gcc", "q1", "", true, T0 + 1);
    assert_int_equal(store_answer_record(f->store, &a, NULL, &err), STORE_BUSY);
    assert_int_equal(err.status, STORE_BUSY);
    assert_non_null(strstr(err.message, "busy"));
    assert_int_equal(store_setting_set_int(f->store, p, "k", 1, &err), STORE_BUSY);
    /* Reading still works while another instance writes (WAL). */
    StoreProfileList list = {0};
    OK(store_profile_list(f->store, &list, E));
    assert_int_equal(list.count, 1);
    store_profile_list_free(&list);

    assert_int_equal(sqlite3_exec(holder, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    OK(store_answer_record(f->store, &a, NULL, E));
    OK(store_setting_set_int(f->store, p, "k", 1, E));

    /* An instance holding the file exclusively (possible only while no
     * other connection is open): a second open says busy and moves nothing
     * aside. */
    store_close(f->store);
    f->store = NULL;
    assert_int_equal(sqlite3_exec(holder,
                                  "PRAGMA locking_mode = EXCLUSIVE;"
                                  "BEGIN EXCLUSIVE;"
                                  "UPDATE profiles SET sort_order = 6;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    Store *second = NULL;
    assert_int_equal(store_open(&second, f->dir, &err), STORE_BUSY);
    assert_null(second);
    assert_non_null(strstr(err.message, "Another quizdeck"));
    assert_false(err.recovered);
    assert_int_equal(count_corrupt_files(f->dir), 0);
    assert_int_equal(sqlite3_exec(holder, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(holder);

    assert_int_equal(store_open(&second, f->dir, &err), STORE_OK);
    StoreAnswerList answers = {0};
    OK(store_round_answers(second, r, &answers, E));
    assert_int_equal(answers.count, 1);
    store_answer_list_free(&answers);
    OK(store_check_integrity(second, E));
    store_close(second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_creates_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_left_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_profiles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_profile_isolation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_and_answers_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_rolls_back_together, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_most_missed_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history_and_best, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cards_and_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_many_cards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_study_days_and_retention, setup, teardown),
        cmocka_unit_test_setup_teardown(test_study_days_follow_daylight_saving, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_database_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unusable_folder, setup_dir_only, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_folder, setup_dir_only, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles_alternate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_gives_status_not_damage, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
