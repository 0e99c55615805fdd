/* test_store.c - the SQLite store (src/core/store/store.h): what a player would
 * lose or see wrong if it broke. Each test works in its own temporary folder
 * (TestStore, tests/support); test_store_helpers.h has what the store tests
 * share.
 *
 * Covers: creating the file and schema, profiles and their isolation,
 * settings, a damaged file moved aside, an unusable folder, two handles on
 * one file and a busy database. Rounds, answers and transactions are in
 * test_store_rounds.c, cards and study figures in test_store_cards.c, class
 * attempts and result files waiting in test_store_outbox.c, the migration
 * from schema 1 in test_store_migrate.c and the kill-mid-write case in
 * test_store_crash.c.
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

#include "test_store_helpers.h"

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
                                    " 'cards', 'reviews', 'round_packs', 'round_questions',"
                                    " 'answer_values')"),
                     9);
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
        assert_int_equal(err.recovery, STORE_RECOVERY_FRESH); /* nothing could be read */
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
        cmocka_unit_test_setup_teardown(test_corrupt_database_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unusable_folder, setup_dir_only, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_folder, setup_dir_only, teardown),
        cmocka_unit_test_setup_teardown(test_two_handles_alternate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy_gives_status_not_damage, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
