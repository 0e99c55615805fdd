/* test_store_migrate.c - a save file from schema 1 opens in schema 2 with
 * nothing lost, and files this code does not know are left alone.
 *
 * tests/data/store/v1.db was written by the schema-1 store
 * (tests/data/store/README.md says how and what it holds). A copy is
 * migrated by store_open; every row of every table is compared with what
 * the v1 file held, the settings text must now be typed columns and the
 * pack list rows, and the figures the screens show (history, best scores,
 * progress, most missed, study days, retention) must be the ones the v1
 * store gave on that file, which make_v1.c printed. Read test_store.c
 * first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_store_helpers.h"

#define V1_DB QUIZDECK_TEST_DATA "/store/v1.db"
/* 2026-03-01 00:00 UTC, the fixture's day 0. */
#define V1_T0 ((int64_t)1772323200000)
/* When make_v1.c took the figures: 2026-03-10 12:00 UTC, in Kuwait
 * (UTC+3) with the study day starting at 04:00. */
#define NOW (V1_T0 + 9 * TEST_DAY_MS + 12 * TEST_HOUR_MS)

enum { LINA = 1, MAHA = 2 };

/* ---- raw reads, bypassing the store --------------------------------------- */

static void raw_exec(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
}

/* The whole file, for byte comparisons. */
static char *slurp(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long n = ftell(fp);
    assert_true(n > 0);
    rewind(fp);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *size = (size_t)n;
    return buf;
}

/* The same rows in both files: what schema 1 had, column for column. */
typedef struct Kept {
    const char *what;
    const char *sql;
} Kept;

static const Kept KEPT[] = {
    {"profiles", "SELECT * FROM profiles ORDER BY id"},
    {"settings", "SELECT profile_id, key, value FROM settings ORDER BY profile_id, key"},
    {"rounds", "SELECT id, profile_id, started_at, finished_at, abandoned, seed, question_count,"
               " pack_count, correct_count, points, best_streak FROM rounds ORDER BY id"},
    {"answers", "SELECT id, round_id, profile_id, pack_id, question_id, topic_id, given,"
                " fraction_right, correct, points, ms_taken, answered_at, timed_out"
                " FROM answers ORDER BY id"},
    {"cards", "SELECT * FROM cards ORDER BY profile_id, pack_id, question_id, deletion"},
    {"reviews", "SELECT * FROM reviews ORDER BY id"},
};
enum { KEPT_COUNT = sizeof KEPT / sizeof KEPT[0] };

/* The shared fixture's folder with a copy of the v1 file in it. */
static int setup_v1_copy(void **state)
{
    TestStore *t = calloc(1, sizeof *t);
    if (!t || !test_store_dir(t) || !test_copy_file(V1_DB, t->db)) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

/* ---- the migration --------------------------------------------------------- */

static void test_every_row_kept(void **state)
{
    TestStore *t = *state;
    assert_int_equal(raw_int(t->db, "PRAGMA user_version"), 1);
    char *before[KEPT_COUNT];
    for (size_t i = 0; i < KEPT_COUNT; i++)
        before[i] = raw_dump(t->db, KEPT[i].sql);
    /* The fixture holds what its README says. */
    static const struct {
        const char *table;
        int64_t rows;
    } counts[] = {{"profiles", 2}, {"settings", 7}, {"rounds", 5},
                  {"answers", 12}, {"cards", 6},    {"reviews", 10}};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", counts[i].table);
        assert_int_equal(raw_int(t->db, sql), counts[i].rows);
    }

    StoreError err;
    assert_int_equal(store_open_at(&t->store, t->dir, NOW, &err), STORE_OK);
    assert_false(err.recovered);
    assert_int_equal(raw_int(t->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    OK(store_check_integrity(t->store, E));
    assert_int_equal(raw_int(t->db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    for (size_t i = 0; i < KEPT_COUNT; i++) {
        char *after = raw_dump(t->db, KEPT[i].sql);
        if (strcmp(before[i], after) != 0)
            fail_msg("%s changed:\n%s---\n%s", KEPT[i].what, before[i], after);
        free(after);
        free(before[i]);
    }
    /* The v1 text columns are gone. */
    assert_int_equal(raw_int(t->db, "SELECT count(*) FROM pragma_table_info('rounds')"
                                    " WHERE name IN ('settings', 'packs')"),
                     0);

    /* Through the store: the profiles and settings as the game reads them. */
    StoreProfileList profiles = {0};
    OK(store_profile_list(t->store, &profiles, E));
    assert_int_equal(profiles.count, 2);
    assert_string_equal(profiles.items[0].name, "Lina");
    assert_string_equal(profiles.items[1].name, "مها");
    store_profile_list_free(&profiles);
    char buf[128];
    OK(store_setting_get_text(t->store, STORE_GLOBAL, "ui.language", buf, sizeof buf, E));
    assert_string_equal(buf, "ar");
    OK(store_setting_get_text(t->store, MAHA, "profile.note", buf, sizeof buf, E));
    assert_string_equal(buf, "طالبة في الصف العاشر");
    assert_int_equal(store_setting_int_or(t->store, LINA, "ui.font_scale", 0), 125);

    /* Opening again migrates nothing more. */
    store_close(t->store);
    assert_int_equal(store_open_at(&t->store, t->dir, NOW, &err), STORE_OK);
    assert_int_equal(raw_int(t->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(t->db, "SELECT count(*) FROM round_packs"), 6);
}

typedef struct RoundWant {
    int64_t id;
    StoreRoundMode mode;
    int requested;
    StoreTimeRule time_rule;
    int fixed_seconds;
    StoreScoring scoring;
    bool streak;
    const char *packs;
    int questions, answered, correct;
    int64_t points;
    bool finished, abandoned;
} RoundWant;

/* The v1 settings text, now columns: round 4 had none and round 5 a text
 * that is not JSON, so theirs are the defaults with the time from the
 * mode. */
static const RoundWant ROUNDS[] = {
    {1, STORE_MODE_PRACTICE, 3, STORE_TIME_OFF, 0, STORE_SCORING_SPEED, true, "kuwait-gcc", 3, 3, 2,
     2600, true, false},
    {2, STORE_MODE_TIMED, 4, STORE_TIME_PACK, 0, STORE_SCORING_SPEED, true,
     "kuwait-gcc,kuwait-diplomacy", 4, 4, 3, 3150, true, false},
    {3, STORE_MODE_TIMED, 0, STORE_TIME_FIXED, 30, STORE_SCORING_ACCURACY, false,
     "kuwait-alliances", 12, 2, 1, 1, false, true},
    {4, STORE_MODE_PRACTICE, 0, STORE_TIME_OFF, 0, STORE_SCORING_SPEED, true, "kuwait-deployments",
     5, 1, 1, 1000, false, false},
    {5, STORE_MODE_PRACTICE, 0, STORE_TIME_OFF, 0, STORE_SCORING_SPEED, true, "kuwait-gcc", 2, 2, 1,
     800, true, false},
};

static void test_settings_become_columns(void **state)
{
    TestStore *t = *state;
    StoreError err;
    assert_int_equal(store_open_at(&t->store, t->dir, NOW, &err), STORE_OK);
    for (size_t i = 0; i < sizeof ROUNDS / sizeof ROUNDS[0]; i++) {
        const RoundWant *w = &ROUNDS[i];
        StoreRoundSpec spec;
        OK(store_round_spec(t->store, w->id, &spec, E));
        const StoreRound *r = &spec.round;
        assert_int_equal(r->mode, w->mode);
        assert_int_equal(r->requested_count, w->requested);
        assert_int_equal(r->time_rule, w->time_rule);
        assert_int_equal(r->fixed_seconds, w->fixed_seconds);
        assert_int_equal(r->scoring, w->scoring);
        assert_int_equal(r->streak_bonus, w->streak);
        assert_string_equal(r->topic, "");
        assert_string_equal(r->packs, w->packs);
        assert_int_equal(r->question_count, w->questions);
        assert_int_equal(r->answered_count, w->answered);
        assert_int_equal(r->correct_count, w->correct);
        assert_int_equal(r->points, w->points);
        assert_int_equal(r->finished, w->finished);
        assert_int_equal(r->abandoned, w->abandoned);
        assert_int_equal(spec.only_count, 0);
        /* The packs as rows, in their order. */
        char joined[256] = "";
        for (size_t k = 0; k < spec.pack_count; k++)
            snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", k ? "," : "",
                     spec.pack_ids[k]);
        assert_string_equal(joined, w->packs);
        store_round_spec_free(&spec);
    }
}

typedef struct AnswerWant {
    const char *question_id, *given;
    bool correct, timed_out;
    int64_t points, ms_taken;
    double fraction;
} AnswerWant;

static void test_answers_keep_their_text(void **state)
{
    TestStore *t = *state;
    StoreError err;
    assert_int_equal(store_open_at(&t->store, t->dir, NOW, &err), STORE_OK);
    /* Round 2 (a time-out, a cloze) and round 3 (typed Arabic), as given. */
    static const AnswerWant round2[] = {
        {"gcc-founding", "B: 1981", true, false, 900, 6000, 1.0},
        {"dip-summit-host", "(time out)", false, true, 0, 20000, 0.0},
        {"gcc-platform-cloze", "Riyadh / Peninsula Shield", true, false, 1050, 8000, 1.0},
        {"dip-mediation", "A: Qatar", true, false, 1200, 3000, 1.0},
    };
    static const AnswerWant round3[] = {
        {"ally-1991", "الولايات المتحدة", true, false, 1, 7000, 1.0},
        {"ally-nato", "False", false, false, 0, 4000, 0.0},
    };
    static const struct {
        int64_t round, started;
        const AnswerWant *want;
        size_t count;
    } cases[] = {
        {2, V1_T0 + 4 * TEST_DAY_MS, round2, 4},
        {3, V1_T0 + 6 * TEST_DAY_MS, round3, 2},
    };
    for (size_t c = 0; c < 2; c++) {
        StoreAnswerList got = {0};
        OK(store_round_answers(t->store, cases[c].round, &got, E));
        assert_int_equal(got.count, cases[c].count);
        for (size_t i = 0; i < got.count; i++) {
            const StoreAnswer *a = &got.items[i];
            const AnswerWant *w = &cases[c].want[i];
            assert_int_equal(a->position, (int)i);
            assert_string_equal(a->question_id, w->question_id);
            assert_string_equal(a->given, w->given);
            assert_false(a->has_given);
            assert_int_equal(a->given_int_count + a->given_text_count, 0);
            assert_int_equal(a->correct, w->correct);
            assert_int_equal(a->timed_out, w->timed_out);
            assert_int_equal(a->points, w->points);
            assert_int_equal(a->ms_taken, w->ms_taken);
            assert_true(a->fraction_right == w->fraction);
            assert_int_equal(a->answered_at, cases[c].started + (int64_t)(i + 1) * 20000);
        }
        store_answer_list_free(&got);
    }
    /* The cloze question has its two gap cards, with their logs. */
    StoreReviewList log = {0};
    OK(store_card_reviews(t->store, LINA, "kuwait-gcc", "gcc-platform-cloze", 2, &log, E));
    assert_int_equal(log.count, 2);
    assert_int_equal(log.items[1].state_after, STORE_CARD_RELEARNING);
    store_review_list_free(&log);
    StoreCard card;
    OK(store_card_get(t->store, LINA, "kuwait-gcc", "gcc-platform-cloze", 1, &card, E));
    assert_int_equal(card.state, STORE_CARD_LEARNING);

    /* A migrated round goes on: the unfinished one takes its next answer. */
    StoreAnswer next;
    memset(&next, 0, sizeof next);
    next.round_id = 4;
    next.position = 1;
    snprintf(next.pack_id, sizeof next.pack_id, "kuwait-deployments");
    snprintf(next.question_id, sizeof next.question_id, "dep-2003");
    next.correct = true;
    next.points = 500;
    OK(store_answer_record(t->store, &next, NULL, E));
    OK(store_round_finish(t->store, 4, NOW, 2, E));
    StoreRoundList r = {0};
    OK(store_round_get(t->store, 4, &r, E));
    assert_int_equal(r.items[0].correct_count, 2);
    assert_int_equal(r.items[0].points, 1500);
    store_round_list_free(&r);
}

/* ---- the figures the screens show ------------------------------------------ */

typedef struct ProgressWant {
    const char *pack, *topic;
    int64_t seen, total;
    int recent_correct, recent_count;
    int64_t last;
} ProgressWant;

static void check_progress(const StoreProgressList *got, const ProgressWant *want, size_t n)
{
    assert_int_equal(got->count, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(got->items[i].pack_id, want[i].pack);
        assert_string_equal(got->items[i].topic_id, want[i].topic);
        assert_int_equal(got->items[i].questions_seen, want[i].seen);
        assert_int_equal(got->items[i].answers_total, want[i].total);
        assert_int_equal(got->items[i].recent_correct, want[i].recent_correct);
        assert_int_equal(got->items[i].recent_count, want[i].recent_count);
        assert_int_equal(got->items[i].last_answered_at, want[i].last);
    }
}

static void check_rounds(const StoreRoundList *got, const int64_t *ids, size_t n)
{
    assert_int_equal(got->count, n);
    for (size_t i = 0; i < n; i++) {
        const RoundWant *w = &ROUNDS[ids[i] - 1];
        assert_int_equal(got->items[i].id, ids[i]);
        assert_string_equal(got->items[i].packs, w->packs);
        assert_int_equal(got->items[i].correct_count, w->correct);
        assert_int_equal(got->items[i].points, w->points);
        assert_int_equal(got->items[i].answered_count, w->answered);
        double acc = (double)w->correct / (double)w->questions;
        assert_true(got->items[i].accuracy > acc - 1e-9 && got->items[i].accuracy < acc + 1e-9);
    }
}

static void test_figures_as_before(void **state)
{
    TestStore *t = *state;
    StoreError err;
    assert_int_equal(store_open_at(&t->store, t->dir, NOW, &err), STORE_OK);
    Store *s = t->store;

    StoreRoundList rounds = {0};
    OK(store_round_history(s, LINA, 30, &rounds, E));
    check_rounds(&rounds, (const int64_t[]){1, 2}, 2);
    assert_int_equal(rounds.items[0].best_streak, 1);
    assert_int_equal(rounds.items[1].best_streak, 2);
    store_round_list_free(&rounds);
    OK(store_rounds_unfinished(s, LINA, &rounds, E));
    check_rounds(&rounds, (const int64_t[]){4}, 1);
    store_round_list_free(&rounds);
    OK(store_pack_bests(s, LINA, &rounds, E));
    check_rounds(&rounds, (const int64_t[]){1}, 1);
    store_round_list_free(&rounds);
    OK(store_pack_best(s, LINA, "kuwait-gcc", &rounds, E));
    check_rounds(&rounds, (const int64_t[]){1}, 1);
    store_round_list_free(&rounds);
    assert_int_equal(store_pack_best(s, LINA, "kuwait-diplomacy", &rounds, &err), STORE_NOT_FOUND);
    OK(store_round_history(s, MAHA, 30, &rounds, E));
    check_rounds(&rounds, (const int64_t[]){5}, 1);
    store_round_list_free(&rounds);
    OK(store_pack_bests(s, MAHA, &rounds, E));
    check_rounds(&rounds, (const int64_t[]){5}, 1);
    store_round_list_free(&rounds);

    static const ProgressWant lina20[] = {
        {"kuwait-alliances", "", 2, 2, 1, 2, 1772841640000},
        {"kuwait-deployments", "", 1, 1, 1, 1, 1773014420000},
        {"kuwait-diplomacy", "", 2, 2, 1, 2, 1772668880000},
        {"kuwait-gcc", "", 3, 5, 4, 5, 1772668860000},
    };
    static const ProgressWant lina2[] = {
        {"kuwait-alliances", "", 2, 2, 1, 2, 1772841640000},
        {"kuwait-deployments", "", 1, 1, 1, 1, 1773014420000},
        {"kuwait-diplomacy", "", 2, 2, 1, 2, 1772668880000},
        {"kuwait-gcc", "", 3, 5, 2, 2, 1772668860000},
    };
    static const ProgressWant lina_topics[] = {
        {"kuwait-gcc", "cooperation", 1, 2, 1, 2, 1772668860000},
        {"kuwait-gcc", "membership", 2, 3, 3, 3, 1772668820000},
    };
    static const ProgressWant maha20[] = {{"kuwait-gcc", "", 2, 2, 1, 2, 1772586040000}};
    static const ProgressWant maha_topics[] = {
        {"kuwait-gcc", "membership", 2, 2, 1, 2, 1772586040000}};
    StoreProgressList prog = {0};
    OK(store_progress_by_pack(s, LINA, 20, &prog, E));
    check_progress(&prog, lina20, 4);
    store_progress_list_free(&prog);
    OK(store_progress_by_pack(s, LINA, 2, &prog, E));
    check_progress(&prog, lina2, 4);
    store_progress_list_free(&prog);
    OK(store_progress_by_topic(s, LINA, NULL, 20, &prog, E));
    check_progress(&prog, lina_topics, 2);
    store_progress_list_free(&prog);
    OK(store_progress_by_pack(s, MAHA, 2, &prog, E));
    check_progress(&prog, maha20, 1);
    store_progress_list_free(&prog);
    OK(store_progress_by_topic(s, MAHA, NULL, 20, &prog, E));
    check_progress(&prog, maha_topics, 1);
    store_progress_list_free(&prog);

    static const struct {
        int64_t profile;
        const char *pack, *question;
        int64_t last;
    } missed[] = {
        {LINA, "kuwait-alliances", "ally-nato", 1772841640000},
        {LINA, "kuwait-gcc", "gcc-platform-cloze", 1772668860000},
        {LINA, "kuwait-diplomacy", "dip-summit-host", 1772668840000},
        {MAHA, "kuwait-gcc", "gcc-size", 1772586020000},
    };
    StoreMissedList m = {0};
    OK(store_most_missed(s, LINA, 5, &m, E));
    assert_int_equal(m.count, 3);
    StoreMissedList m2 = {0};
    OK(store_most_missed(s, MAHA, 5, &m2, E));
    assert_int_equal(m2.count, 1);
    for (size_t i = 0; i < 4; i++) {
        const StoreMissed *got = i < 3 ? &m.items[i] : &m2.items[0];
        assert_string_equal(got->pack_id, missed[i].pack);
        assert_string_equal(got->question_id, missed[i].question);
        assert_int_equal(got->misses, 1);
        assert_int_equal(got->last_answered_at, missed[i].last);
    }
    store_missed_list_free(&m);
    store_missed_list_free(&m2);

    /* Study days (Kuwait, 04:00) and retention, as the v1 store counted. */
    const DayRule kuwait = {.utc_offset_minutes = 180, .day_start_minutes = 240};
    static const struct {
        int64_t profile;
        int64_t days[4][2]; /* (index, reviews), the rest 0 */
        int64_t passed, total;
        size_t cards;
    } study[] = {
        {LINA, {{103, 3}, {105, 2}, {108, 1}, {111, 1}}, 1, 2, 4},
        {MAHA, {{105, 2}, {109, 1}, {-1, 0}, {-1, 0}}, 1, 1, 2},
    };
    for (size_t k = 0; k < 2; k++) {
        int64_t counts[112], want[112] = {0};
        OK(store_study_days(s, study[k].profile, NOW, &kuwait, 112, counts, E));
        for (size_t d = 0; d < 4; d++)
            if (study[k].days[d][0] >= 0)
                want[study[k].days[d][0]] = study[k].days[d][1];
        for (int d = 0; d < 112; d++)
            assert_int_equal(counts[d], want[d]);
        int64_t passed = 0, total = 0;
        OK(store_retention(s, study[k].profile, NOW, 30, &passed, &total, E));
        assert_int_equal(passed, study[k].passed);
        assert_int_equal(total, study[k].total);
        StoreCardList cards = {0};
        OK(store_cards_load(s, study[k].profile, &cards, E));
        assert_int_equal(cards.count, study[k].cards);
        store_card_list_free(&cards);
    }
}

/* ---- files this code must not touch ---------------------------------------- */

static void test_unknown_versions_left_untouched(void **state)
{
    TestStore *t = *state;
    static const struct {
        int version;
        StoreStatus want;
        const char *says;
    } cases[] = {
        {-1, STORE_CORRUPT, "-1"},
        {99, STORE_TOO_NEW, "newer"},
    };
    for (size_t i = 0; i < 2; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", cases[i].version);
        raw_exec(t->db, sql);
        size_t size0, size1;
        char *bytes0 = slurp(t->db, &size0);
        StoreError err;
        Store *s = NULL;
        assert_int_equal(store_open_at(&s, t->dir, NOW, &err), cases[i].want);
        assert_null(s);
        assert_false(err.recovered);
        assert_non_null(strstr(err.message, cases[i].says));
        assert_non_null(strstr(err.message, "untouched"));
        char *bytes1 = slurp(t->db, &size1);
        assert_int_equal(size1, size0);
        assert_memory_equal(bytes1, bytes0, size0);
        free(bytes0);
        free(bytes1);
        assert_int_equal(raw_int(t->db, "PRAGMA user_version"), cases[i].version);
        assert_int_equal(raw_int(t->db, "SELECT count(*) FROM answers"), 12);
    }
}

/* A migration that fails half-way leaves the file as it was: version 1,
 * every row, nothing of version 2. */
static void test_failed_migration_changes_nothing(void **state)
{
    TestStore *t = *state;
    /* A pack id no schema-1 store would write breaks a schema-2 CHECK. */
    raw_exec(t->db, "UPDATE rounds SET packs = 'kuwait-gcc,"
                    "a-pack-id-that-is-far-too-long-for-the-format-which-allows-64-chars'"
                    " WHERE id = 2");
    char *before = raw_dump(t->db, "SELECT * FROM rounds ORDER BY id");
    StoreError err;
    Store *s = NULL;
    assert_int_not_equal(store_open_at(&s, t->dir, NOW, &err), STORE_OK);
    assert_null(s);
    assert_non_null(strstr(err.message, "update"));
    assert_int_equal(raw_int(t->db, "PRAGMA user_version"), 1);
    char *after = raw_dump(t->db, "SELECT * FROM rounds ORDER BY id");
    assert_string_equal(after, before);
    free(before);
    free(after);
    assert_int_equal(raw_int(t->db, "SELECT count(*) FROM answers"), 12);
    assert_int_equal(raw_int(t->db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                    " ('round_packs', 'rounds_v2', 'answer_values')"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_row_kept, setup_v1_copy, teardown),
        cmocka_unit_test_setup_teardown(test_settings_become_columns, setup_v1_copy, teardown),
        cmocka_unit_test_setup_teardown(test_answers_keep_their_text, setup_v1_copy, teardown),
        cmocka_unit_test_setup_teardown(test_figures_as_before, setup_v1_copy, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_versions_left_untouched, setup_v1_copy,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_failed_migration_changes_nothing, setup_v1_copy,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
