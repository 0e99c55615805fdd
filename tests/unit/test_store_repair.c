/* test_store_repair.c - a damaged save file is repaired, not thrown away
 * (store.h "open / close", store_repair.c): a damaged index costs nothing,
 * a damaged table page costs only the rows on it, and the learner is never
 * asked for their name again while their profile can be read or rebuilt.
 *
 * Each test builds a save file through the store, closes it (so it is one
 * file), damages pages of it the way a bad disk sector would, and opens it
 * again. Pages are found the way SQLite lays them out: a b-tree's root page
 * is in sqlite_master, and an interior page's cells start with the number
 * of a child page. The case where nothing can be read at all (every page
 * but the first overwritten) is test_corrupt_database_moved_aside in
 * test_store.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "test_store_helpers.h"

enum {
    ANSWERS = 600, /* Maha's finished round: many pages of answers */
    OPEN_ANSWERS = 20,
    CARDS = 300, /* Maha's flashcards, two reviews each */
};

/* ---- a save file worth repairing ------------------------------------------ */

typedef struct Built {
    int64_t maha, omar;
    int64_t done_round, open_round;
} Built;

static Built build(Fixture *f)
{
    Built b;
    b.maha = add_profile(f->store, "Maha");
    b.omar = add_profile(f->store, "Omar");
    OK(store_setting_set_int(f->store, b.maha, "font.size", 3, E));
    OK(store_setting_set_text(f->store, STORE_GLOBAL, "language", "ar", E));
    const char *packs[] = {"gcc", "kuwait"};
    b.done_round = begin_round(f->store, b.maha, packs, 2, T0);
    b.open_round = begin_round(f->store, b.omar, packs, 1, T0 + 5);
    next_position = 0;
    for (int i = 0; i < ANSWERS; i++) {
        char q[32];
        snprintf(q, sizeof q, "question-%04d", i);
        StoreAnswer a = answer(b.done_round, "gcc", q, "topic-a", i % 3 != 0, T0 + 1000 + i);
        a.has_given = true;
        a.given_ints[0] = i % 4;
        a.given_ints[1] = i;
        a.given_int_count = 2;
        record(f->store, a);
    }
    OK(store_round_finish(f->store, b.done_round, T0 + 900000, 7, E));
    next_position = 0;
    for (int i = 0; i < OPEN_ANSWERS; i++)
        record(f->store, answer(b.open_round, "kuwait", "q-open", "", true, T0 + 2000 + i));
    for (int i = 0; i < CARDS; i++) {
        char q[32];
        snprintf(q, sizeof q, "question-%04d", i);
        /* A card as its review log describes it (what a rebuilt one is). */
        StoreCard c = card(b.maha, "gcc", q, 0);
        c.stability = 1.5 + i;
        c.scheduled_days = 1 + i % 9;
        c.reps = 2;
        c.lapses = 0;
        c.first_seen = T0 + i;
        c.last_review = T0 + TEST_DAY_MS + i;
        c.due = c.last_review + c.scheduled_days * TEST_DAY_MS;
        StoreReview first = review_of(&c, T0 + i, STORE_RATING_GOOD, STORE_CARD_NEW);
        StoreReview second = review_of(&c, c.last_review, STORE_RATING_GOOD, STORE_CARD_REVIEW);
        OK(store_review_record(f->store, &c, &first, NULL, E));
        OK(store_review_record(f->store, &c, &second, NULL, E));
    }
    StoreCard oc = card(b.omar, "kuwait", "q-open", 0);
    StoreReview orv = review_of(&oc, T0 + 3000, STORE_RATING_AGAIN, STORE_CARD_REVIEW);
    OK(store_review_record(f->store, &oc, &orv, NULL, E));
    store_close(f->store);
    f->store = NULL;
    return b;
}

/* The whole save file's content, table by table. */
static const char *const TABLES[] = {
    "SELECT * FROM profiles ORDER BY id",
    "SELECT * FROM settings ORDER BY ifnull(profile_id, 0), key",
    "SELECT * FROM rounds ORDER BY id",
    "SELECT * FROM round_packs ORDER BY round_id, position",
    "SELECT * FROM answers ORDER BY id",
    "SELECT * FROM answer_values ORDER BY answer_id, slot",
    "SELECT * FROM cards ORDER BY profile_id, pack_id, question_id, deletion",
    "SELECT * FROM reviews ORDER BY id",
};
enum { TABLE_COUNT = sizeof TABLES / sizeof TABLES[0], TABLE_CARDS = 6 };

static void dump_all(const char *db_path, char *out[TABLE_COUNT])
{
    for (size_t i = 0; i < TABLE_COUNT; i++)
        out[i] = raw_dump(db_path, TABLES[i]);
}

/* ---- damaging pages -------------------------------------------------------- */

static size_t page_size(const char *db_path)
{
    FILE *fp = fopen(db_path, "rb");
    assert_non_null(fp);
    unsigned char h[18];
    assert_int_equal(fread(h, 1, sizeof h, fp), sizeof h);
    fclose(fp);
    size_t n = ((size_t)h[16] << 8) | h[17];
    return n == 1 ? 65536 : n;
}

static void read_page(const char *db_path, int64_t page, unsigned char *buf, size_t size)
{
    FILE *fp = fopen(db_path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, (long)((page - 1) * (int64_t)size), SEEK_SET), 0);
    assert_int_equal(fread(buf, 1, size, fp), size);
    fclose(fp);
}

static void write_page(const char *db_path, int64_t page, const unsigned char *buf, size_t size)
{
    FILE *fp = fopen(db_path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, (long)((page - 1) * (int64_t)size), SEEK_SET), 0);
    assert_int_equal(fwrite(buf, 1, size, fp), size);
    assert_int_equal(fclose(fp), 0);
}

/* Overwrites the page with bytes that are no b-tree page at all. */
static void garble_page(const char *db_path, int64_t page)
{
    size_t size = page_size(db_path);
    unsigned char *buf = malloc(size);
    assert_non_null(buf);
    for (size_t i = 0; i < size; i++)
        buf[i] = (unsigned char)(0x5a ^ (i * 31));
    write_page(db_path, page, buf, size);
    free(buf);
}

static int64_t root_page(const char *db_path, const char *name)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT rootpage FROM sqlite_master WHERE name = '%s'", name);
    return raw_int(db_path, sql);
}

/* The child page in the middle of an interior b-tree page (a table's or an
 * index's): one of the table's leaves for the trees built here. */
static int64_t middle_child(const char *db_path, int64_t page)
{
    size_t size = page_size(db_path);
    unsigned char *buf = malloc(size);
    assert_non_null(buf);
    read_page(db_path, page, buf, size);
    assert_true(buf[0] == 0x05 || buf[0] == 0x02); /* interior table / index page */
    size_t cells = ((size_t)buf[3] << 8) | buf[4];
    assert_true(cells >= 2);
    size_t at = 12 + 2 * (cells / 2);
    size_t cell = ((size_t)buf[at] << 8) | buf[at + 1];
    int64_t child = ((int64_t)buf[cell] << 24) | ((int64_t)buf[cell + 1] << 16) |
                    ((int64_t)buf[cell + 2] << 8) | buf[cell + 3];
    free(buf);
    return child;
}

/* Opens the damaged file as the game does and expects a repair. */
static StoreError reopen(Fixture *f)
{
    StoreError err;
    const int64_t when = T0 + TEST_DAY_MS; /* names the moved file ...-20260102-000000 */
    if (store_open_at(&f->store, f->dir, when, &err) != STORE_OK)
        fail_msg("open of the damaged file: %s", err.message);
    assert_true(err.recovered);
    assert_int_equal(err.status, STORE_OK);
    OK(store_check_integrity(f->store, E));
    return err;
}

/* reopen(), expecting the rows that could be read copied into a fresh
 * file and some rows lost. */
static StoreError reopen_salvaged(Fixture *f)
{
    StoreError err = reopen(f);
    assert_int_equal(err.recovery, STORE_RECOVERY_SALVAGED);
    assert_false(err.kept.everything);
    return err;
}

static void assert_moved_aside(const Fixture *f, const StoreError *err)
{
    char want[160];
    snprintf(want, sizeof want, "%s.corrupt-20260102-000000", f->db);
    assert_string_equal(err->moved_to, want);
    struct stat sb;
    assert_int_equal(stat(want, &sb), 0);
    assert_non_null(strstr(err->message, want));
}

/* The same profiles, by name: the game does not ask for a name. */
static void assert_learners(Store *s)
{
    StoreProfileList list = {0};
    OK(store_profile_list(s, &list, E));
    assert_int_equal(list.count, 2);
    assert_true(
        (strcmp(list.items[0].name, "Maha") == 0 && strcmp(list.items[1].name, "Omar") == 0) ||
        (strcmp(list.items[0].name, "Omar") == 0 && strcmp(list.items[1].name, "Maha") == 0));
    store_profile_list_free(&list);
}

/* Closes the store and asserts that `count` tables from TABLES[first] on
 * read as they did in before[] (their raw_dump()s, freed here): no row lost
 * or changed. */
static void assert_tables_kept(Fixture *f, size_t first, size_t count, char **before)
{
    store_close(f->store);
    f->store = NULL;
    for (size_t i = 0; i < count; i++) {
        char *after = raw_dump(f->db, TABLES[first + i]);
        assert_string_equal(after, before[i]);
        free(after);
        free(before[i]);
    }
}

/* The same for the flashcards table alone. */
static void assert_cards_kept(Fixture *f, char *before)
{
    assert_tables_kept(f, TABLE_CARDS, 1, &before);
}

/* Garbles a leaf page in the middle of `table` and reopens the file,
 * salvaged; *cards_before is the flashcards table as it was before (a
 * raw_dump(), for assert_cards_kept()). */
static StoreError salvage_leaf(Fixture *f, const char *table, char **cards_before)
{
    *cards_before = raw_dump(f->db, TABLES[TABLE_CARDS]);
    garble_page(f->db, middle_child(f->db, root_page(f->db, table)));
    return reopen_salvaged(f);
}

/* ---- an index ------------------------------------------------------------- */

/* The damage REINDEX mends: an index page whose header lies about its
 * free space. Rebuilt in place: nothing lost, nothing moved. */
static void test_index_header_rebuilt_in_place(void **state)
{
    Fixture *f = *state;
    build(f);
    char *before[TABLE_COUNT];
    dump_all(f->db, before);
    int64_t leaf = middle_child(f->db, root_page(f->db, "answers_question"));
    size_t size = page_size(f->db);
    unsigned char *buf = malloc(size);
    assert_non_null(buf);
    read_page(f->db, leaf, buf, size);
    buf[7] = (unsigned char)(buf[7] + 37); /* fragmented bytes */
    write_page(f->db, leaf, buf, size);
    free(buf);

    StoreError err = reopen(f);
    assert_int_equal(err.recovery, STORE_RECOVERY_REINDEXED);
    assert_non_null(strstr(err.message, "repaired"));
    assert_non_null(strstr(err.message, "nothing was lost"));
    assert_string_equal(err.moved_to, "");
    assert_tables_kept(f, 0, TABLE_COUNT, before);
}

/* The case: an index's root page is garbage. REINDEX cannot free
 * its pages, so the rows are copied, all of them. */
static void test_garbage_index_page_loses_nothing(void **state)
{
    Fixture *f = *state;
    build(f);
    char *before[TABLE_COUNT];
    dump_all(f->db, before);
    garble_page(f->db, raw_int(f->db, "SELECT rootpage FROM sqlite_master WHERE type = 'index'"
                                      " AND name = 'answers_question'"));

    StoreError err = reopen(f);
    assert_true(err.recovery == STORE_RECOVERY_SALVAGED);
    assert_true(err.kept.everything);
    assert_non_null(strstr(err.message, "repaired"));
    assert_non_null(strstr(err.message, "nothing was lost"));
    assert_moved_aside(f, &err);
    assert_int_equal(err.kept.profiles, 2);
    assert_int_equal(err.kept.answers, ANSWERS + OPEN_ANSWERS);
    assert_int_equal(err.kept.cards, CARDS + 1);
    assert_int_equal(err.kept.reviews, 2 * CARDS + 1);
    assert_learners(f->store);
    assert_tables_kept(f, 0, TABLE_COUNT, before);
    /* Opening again is quiet. */
    assert_int_equal(store_open_at(&f->store, f->dir, T0, &err), STORE_OK);
    assert_false(err.recovered);
    assert_int_equal(err.recovery, STORE_RECOVERY_NONE);
}

/* ---- a table -------------------------------------------------------------- */

/* A leaf page of answers is garbage: the answers on it are gone, those
 * before and after it are kept, everything else is whole, and the message
 * says what was kept. */
static void test_damaged_table_page_keeps_the_rest(void **state)
{
    Fixture *f = *state;
    Built b = build(f);
    char *cards_before;
    StoreError err = salvage_leaf(f, "answers", &cards_before);
    assert_moved_aside(f, &err);
    int64_t kept = err.kept.answers;
    assert_true(kept < ANSWERS + OPEN_ANSWERS);
    assert_true(kept > ANSWERS / 2);
    char words[64];
    snprintf(words, sizeof words, "%lld answers", (long long)kept);
    assert_non_null(strstr(err.message, words));
    assert_non_null(strstr(err.message, "2 learners"));
    assert_non_null(strstr(err.message, "kept"));
    assert_learners(f->store);

    /* The first and the last answers of the round, and the other round's. */
    StoreAnswerList list = {0};
    OK(store_round_answers(f->store, b.done_round, &list, E));
    assert_int_equal((int64_t)list.count + OPEN_ANSWERS, kept);
    assert_int_equal(list.items[0].position, 0);
    assert_int_equal(list.items[list.count - 1].position, ANSWERS - 1);
    assert_int_equal(list.items[list.count - 1].given_int_count, 2);
    assert_int_equal(list.items[list.count - 1].given_ints[1], ANSWERS - 1);
    store_answer_list_free(&list);
    OK(store_round_answers(f->store, b.open_round, &list, E));
    assert_int_equal(list.count, OPEN_ANSWERS);
    store_answer_list_free(&list);
    StoreRoundList rounds = {0};
    OK(store_rounds_unfinished(f->store, b.omar, &rounds, E));
    assert_int_equal(rounds.count, 1);
    assert_int_equal(rounds.items[0].answered_count, OPEN_ANSWERS);
    store_round_list_free(&rounds);

    /* The file works: a new round, a new answer. */
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, b.maha, packs, 1, T0 + 999999);
    next_position = 0;
    record(f->store, answer(r, "gcc", "after-repair", "", true, T0 + 1000000));
    assert_int_equal(store_setting_int_or(f->store, b.maha, "font.size", 0), 3);
    assert_cards_kept(f, cards_before);
}

/* A leaf page of flashcards is garbage: each lost card is rebuilt from its
 * last review, so every card is still scheduled. */
static void test_lost_flashcards_rebuilt_from_reviews(void **state)
{
    Fixture *f = *state;
    Built b = build(f);
    char *cards_before;
    StoreError err = salvage_leaf(f, "cards", &cards_before);
    assert_int_equal(err.kept.cards, CARDS + 1);
    assert_int_equal(err.kept.reviews, 2 * CARDS + 1);
    StoreCardList cards = {0};
    OK(store_cards_load(f->store, b.maha, &cards, E));
    assert_int_equal(cards.count, CARDS);
    for (size_t i = 0; i < cards.count; i++) {
        const StoreCard *c = &cards.items[i];
        int n = atoi(c->question_id + strlen("question-"));
        assert_int_equal(c->state, STORE_CARD_REVIEW);
        assert_true(c->stability == 1.5 + n);
        assert_int_equal(c->scheduled_days, 1 + n % 9);
        assert_int_equal(c->last_review, T0 + TEST_DAY_MS + n);
        assert_int_equal(c->due, c->last_review + c->scheduled_days * TEST_DAY_MS);
        assert_int_equal(c->reps, 2);
    }
    store_card_list_free(&cards);
    assert_cards_kept(f, cards_before);
}

/* The learners' and the rounds' pages are garbage: the learners come back
 * under placeholder names with all their progress, the rounds as abandoned
 * ones whose answers still count, and no round is reported interrupted. */
static void test_lost_parents_come_back(void **state)
{
    Fixture *f = *state;
    Built b = build(f);
    garble_page(f->db, root_page(f->db, "profiles"));
    garble_page(f->db, root_page(f->db, "rounds"));

    StoreError err = reopen_salvaged(f);
    assert_int_equal(err.kept.profiles, 2);
    assert_int_equal(err.kept.answers, ANSWERS + OPEN_ANSWERS);
    assert_int_equal(err.kept.cards, CARDS + 1);
    StoreProfileList list = {0};
    OK(store_profile_list(f->store, &list, E));
    assert_int_equal(list.count, 2);
    char want[64];
    snprintf(want, sizeof want, "Recovered learner %lld", (long long)b.maha);
    assert_true(strcmp(list.items[0].name, want) == 0 || strcmp(list.items[1].name, want) == 0);
    store_profile_list_free(&list);

    StoreProgressList progress = {0};
    OK(store_progress_by_pack(f->store, b.maha, 20, &progress, E));
    assert_int_equal(progress.count, 1);
    assert_int_equal(progress.items[0].answers_total, ANSWERS);
    store_progress_list_free(&progress);
    StoreRoundList rounds = {0};
    OK(store_round_get(f->store, b.done_round, &rounds, E));
    assert_true(rounds.items[0].abandoned);
    assert_int_equal(rounds.items[0].answered_count, ANSWERS);
    assert_int_equal(rounds.items[0].correct_count, ANSWERS * 2 / 3);
    store_round_list_free(&rounds);
    OK(store_rounds_unfinished(f->store, b.omar, &rounds, E));
    assert_int_equal(rounds.count, 0);
    store_round_list_free(&rounds);
    assert_int_equal(store_setting_int_or(f->store, b.maha, "font.size", 0), 3);
}

/* A damaged file of schema 1 is salvaged at its own version, then
 * migrated: its answers page was lost, the rest is there, in schema 2. */
static void test_old_schema_salvaged_then_migrated(void **state)
{
    Fixture *f = *state;
    store_close(f->store);
    f->store = NULL;
    assert_true(test_copy_file(QUIZDECK_TEST_DATA "/store/v1.db", f->db));
    assert_int_equal(raw_int(f->db, "PRAGMA user_version"), 1);
    garble_page(f->db, root_page(f->db, "answers"));

    StoreError err = reopen_salvaged(f);
    assert_int_equal(err.kept.profiles, 2);
    assert_int_equal(err.kept.settings, 7);
    assert_int_equal(err.kept.rounds, 5);
    assert_int_equal(err.kept.answers, 0);
    assert_int_equal(err.kept.cards, 6);
    assert_int_equal(err.kept.reviews, 10);
    assert_non_null(strstr(err.message, "0 answers"));
    assert_int_equal(raw_int(f->db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(f->db, "SELECT count(*) FROM round_packs"), 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_index_header_rebuilt_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_index_page_loses_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_table_page_keeps_the_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_flashcards_rebuilt_from_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_parents_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_schema_salvaged_then_migrated, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
