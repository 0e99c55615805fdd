/* test_store_full.c - a full disk never makes the game claim a save that did
 * not happen (store.h, quiz.h): the store says STORE_FULL in plain words, a
 * write refused inside a transaction leaves the connection ready for the
 * retry, and the play engine's queue writes every refused answer once there
 * is room again, with the round's totals taken from what is stored.
 *
 * A full disk is made two ways. Everywhere: `PRAGMA max_page_count` on the
 * store's own connection caps the file at the pages it has, so a write that
 * needs one more page fails with SQLITE_FULL exactly as on a full disk.
 * When running as root (CI): also a real 200 KB tmpfs, filled with a file.
 *
 * Read test_store_helpers.h (the store fixture) and quiz.h first.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cmocka.h>

#include "pack_load.h"
#include "quiz.h"
#include "test_store_helpers.h"

/* Caps the file at the pages it has now (SQLite raises a smaller cap to
 * the current size), or lifts the cap again. */
static void disk_full(Store *s, bool full)
{
    OK(store_debug_exec(s, full ? "PRAGMA max_page_count = 1" : "PRAGMA max_page_count = 1000000",
                        E));
}

/* ---- the store alone ------------------------------------------------------ */

/* An answer whose given text needs pages of its own: with the file capped,
 * it cannot fit, whatever room the existing pages have. */
static StoreAnswer big_answer(int64_t round, int position, char *text, size_t size)
{
    memset(text, 'x', size - 1);
    text[size - 1] = '\0';
    StoreAnswer a = answer(round, "gcc", "q-big", "", true, T0 + position);
    a.position = position;
    a.given = text;
    return a;
}

static void test_full_is_said_plainly_and_retry_works(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "Noor");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, p, packs, 1, T0);
    static char text[20000];

    /* Outside any transaction. */
    disk_full(f->store, true);
    StoreError err;
    StoreAnswer a = big_answer(r, 0, text, sizeof text);
    assert_int_equal(store_answer_record(f->store, &a, NULL, &err), STORE_FULL);
    assert_int_equal(err.status, STORE_FULL);
    assert_int_equal(err.sqlite_code & 0xff, SQLITE_FULL);
    assert_non_null(strstr(err.message, "the disk is full"));

    /* Inside the play engine's kind of transaction: the refused write
     * leaves the level as it was, the caller rolls it back, and the same
     * writes go through once there is room. */
    OK(store_transaction_begin(f->store, E));
    StoreAnswer small = answer(r, "gcc", "q-small", "", false, T0 + 1);
    small.position = 1;
    StoreStatus first = store_answer_record(f->store, &small, NULL, &err);
    assert_true(first == STORE_OK || first == STORE_FULL);
    assert_int_equal(store_answer_record(f->store, &a, NULL, &err), STORE_FULL);
    assert_non_null(strstr(err.message, "the disk is full"));
    OK(store_transaction_rollback(f->store, E));
    StoreAnswerList list = {0};
    OK(store_round_answers(f->store, r, &list, E));
    assert_int_equal(list.count, 0); /* nothing half kept */
    store_answer_list_free(&list);

    disk_full(f->store, false);
    OK(store_transaction_begin(f->store, E));
    OK(store_answer_record(f->store, &small, NULL, E));
    OK(store_answer_record(f->store, &a, NULL, E));
    OK(store_round_finish(f->store, r, T0 + 10, 1, E));
    OK(store_transaction_commit(f->store, E));

    StoreRoundList rounds = {0};
    OK(store_round_get(f->store, r, &rounds, E));
    assert_true(rounds.items[0].finished);
    assert_int_equal(rounds.items[0].answered_count, 2);
    assert_int_equal(rounds.items[0].correct_count, 1);
    assert_int_equal(rounds.items[0].points, 100);
    store_round_list_free(&rounds);
    OK(store_check_integrity(f->store, E));
}

/* ---- the play engine's queue ---------------------------------------------- */

enum { QUESTIONS = 150 };

/* A pack of QUESTIONS choice questions with long prompts and ids, so each
 * answer and its flashcard take real room in the file. */
static Pack *make_pack(void)
{
    size_t cap = (size_t)QUESTIONS * 400 + 512, n = 0;
    char *yaml = malloc(cap);
    assert_non_null(yaml);
    n += (size_t)snprintf(yaml + n, cap - n,
                          "format: 1\nid: full-disk-pack\ntitle: \"Full disk\"\nlanguage: en\n"
                          "topics:\n  - {id: only-topic, title: \"Only\"}\nquestions:\n");
    for (int i = 0; i < QUESTIONS; i++)
        n += (size_t)snprintf(yaml + n, cap - n,
                              "  - id: question-number-%03d-with-a-long-id\n"
                              "    type: choice\n    topic: only-topic\n"
                              "    prompt: \"Which is the answer to question %d?\"\n"
                              "    choices: [\"Right %d\", \"Wrong %d\", \"Also wrong %d\"]\n"
                              "    answer: \"Right %d\"\n",
                              i, i, i, i, i, i);
    DiagList diags = {0};
    Pack *pack = pack_load_buffer("full.yaml", yaml, n, &diags);
    if (pack == NULL)
        fail_msg("the generated pack did not load (%zu problems)", diags.count);
    diag_clear(&diags);
    free(yaml);
    return pack;
}

static int utc(int64_t ms, void *user)
{
    (void)ms;
    (void)user;
    return 0;
}

static void start_quiz(Quiz *quiz, Store *store, int64_t profile, Pack **pack)
{
    QuizSetup setup = {0};
    setup.profile_id = profile;
    setup.packs = pack;
    setup.pack_count = 1;
    setup.round.seed = 77;
    setup.round.time_mode = ROUND_TIME_OFF;
    setup.mode = QUIZ_MODE_PRACTICE;
    setup.utc_offset = utc;
    QuizError err = {0};
    if (quiz_start(quiz, store, &setup, T0, &err) != QUIZ_OK)
        fail_msg("quiz_start: %s", err.message);
    assert_int_equal(quiz->round.question_count, QUESTIONS);
}

/* Answers the current question, right on even positions, wrong on odd. */
static QuizStatus answer_next(Quiz *quiz, int64_t at, QuizError *err)
{
    const RoundQuestion *rq = quiz_current(quiz);
    assert_non_null(rq);
    size_t index = quiz->round.current;
    QuestionShown shown = round_shown(rq);
    GivenAnswer g;
    qtype_given_init(&g);
    size_t right = qtype_position_of(&shown, rq->question->answer_index);
    g.choice = index % 2 == 0 ? right : (right + 1) % rq->question->choice_count;
    assert_non_null(quiz_answer(quiz, &g, 2000, at, err));
    return err->status;
}

static int64_t stored_count(Store *s, int64_t round)
{
    StoreRoundList rounds = {0};
    OK(store_round_get(s, round, &rounds, E));
    int64_t n = rounds.items[0].answered_count;
    store_round_list_free(&rounds);
    return n;
}

/* The scenario of the reliability issue, on a store whose disk fills and
 * empties through the two callbacks: answers go in until the disk is full,
 * then 10 more are refused (QUIZ_NOT_SAVED, said plainly, kept); once
 * there is room, the next answer writes all of them, and the finished
 * round's totals are those of the stored answers. */
typedef void (*FillFn)(void *ctx, bool full);

static void play_through_full_disk(Store *store, int64_t profile, FillFn fill, void *ctx)
{
    Pack *pack = make_pack();
    Quiz quiz = {0};
    start_quiz(&quiz, store, profile, &pack);
    int64_t round = quiz.round_id;
    assert_true(round > 0);
    fill(ctx, true);

    /* The existing pages take a few answers; then the disk refuses. */
    QuizError err = {0};
    int64_t at = T0 + 1000;
    size_t saved = 0;
    while (answer_next(&quiz, at += 3000, &err) == QUIZ_OK) {
        saved++;
        if (quiz.round.current >= QUESTIONS - 12)
            fail_msg("%zu answers went into a full disk", saved);
    }
    assert_int_equal(stored_count(store, round), (int64_t)saved);
    for (int i = 0; i < 10; i++) {
        if (i > 0)
            assert_int_equal(answer_next(&quiz, at += 3000, &err), QUIZ_NOT_SAVED);
        assert_non_null(strstr(err.message, "Could not save"));
        assert_non_null(strstr(err.message, "the disk is full"));
        assert_non_null(strstr(err.message, "kept"));
    }
    assert_int_equal(quiz_unsaved_count(&quiz), 10);
    assert_int_equal(stored_count(store, round), (int64_t)saved);

    /* Room again: the next answer writes the 10 waiting ones and itself. */
    fill(ctx, false);
    if (answer_next(&quiz, at += 3000, &err) != QUIZ_OK)
        fail_msg("with room again: %s", err.message);
    assert_int_equal(quiz_unsaved_count(&quiz), 0);
    assert_int_equal(stored_count(store, round), (int64_t)saved + 11);

    /* The rest of the round, then the totals from the store. */
    while (quiz_current(&quiz) != NULL)
        assert_int_equal(answer_next(&quiz, at += 3000, &err), QUIZ_OK);
    StoreAnswerList answers = {0};
    OK(store_round_answers(store, round, &answers, E));
    assert_int_equal(answers.count, QUESTIONS);
    int64_t points = 0;
    int correct = 0;
    for (size_t i = 0; i < answers.count; i++) {
        assert_int_equal(answers.items[i].position, (int)i); /* in order, none twice */
        assert_int_equal(answers.items[i].correct, i % 2 == 0);
        points += answers.items[i].points;
        correct += answers.items[i].correct;
    }
    store_answer_list_free(&answers);
    StoreRoundList rounds = {0};
    OK(store_round_get(store, round, &rounds, E));
    assert_true(rounds.items[0].finished);
    assert_int_equal(rounds.items[0].correct_count, correct);
    assert_int_equal(rounds.items[0].points, points);
    assert_int_equal(correct, QUESTIONS / 2);
    RoundTotals t = round_totals(&quiz.round);
    assert_int_equal(rounds.items[0].points, t.points);
    store_round_list_free(&rounds);
    /* Every answer was also a flashcard review. */
    StoreCardList cards = {0};
    OK(store_cards_load(store, profile, &cards, E));
    assert_int_equal(cards.count, QUESTIONS);
    store_card_list_free(&cards);
    OK(store_check_integrity(store, E));
    quiz_free(&quiz);
    pack_free(pack);
}

static void page_cap(void *ctx, bool full)
{
    disk_full(ctx, full);
}

static void test_quiz_keeps_refused_answers_until_there_is_room(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "Layla");
    play_through_full_disk(f->store, p, page_cap, f->store);
}

/* ---- a real full filesystem (root only) ----------------------------------- */

/* A 512 KB tmpfs mounted on a fresh folder, with the store open in it; the
 * teardown unmounts it whatever the test did. */
typedef struct Tmpfs {
    char dir[TEST_DIR_SIZE];
    char filler[TEST_DIR_SIZE + 16];
    bool mounted;
    int mount_errno;
    Store *store;
    int64_t profile;
} Tmpfs;

static int tmpfs_teardown(void **state)
{
    Tmpfs *t = *state;
    if (t == NULL)
        return 0;
    store_close(t->store);
    if (t->mounted)
        umount2(t->dir, MNT_DETACH);
    test_remove_tree(t->dir);
    free(t);
    return 0;
}

static int tmpfs_setup(void **state)
{
    Tmpfs *t = calloc(1, sizeof *t);
    *state = t;
    if (t == NULL || !test_make_dir(t->dir))
        return -1;
    snprintf(t->filler, sizeof t->filler, "%s/filler", t->dir);
    /* Not root, or no right to mount (a container): the test says so and
     * is skipped. */
    t->mounted = geteuid() == 0 && mount("tmpfs", t->dir, "tmpfs", 0, "size=512k,mode=0700") == 0;
    t->mount_errno = errno;
    return 0;
}

static void tmpfs_open(Tmpfs *t)
{
    if (!t->mounted) {
        print_message("skipped: a real full disk needs a tmpfs mounted as root (CI runs as "
                      "root): %s\n",
                      geteuid() == 0 ? strerror(t->mount_errno) : "not root");
        skip();
    }
    StoreError err;
    if (store_open_at(&t->store, t->dir, T0, &err) != STORE_OK)
        fail_msg("store_open_at on the tmpfs: %s", err.message);
    t->profile = add_profile(t->store, "Layla");
}

/* Fills the filesystem with one file up to `leave` bytes free (0: all of
 * it), or removes the file. */
static void tmpfs_leave(Tmpfs *t, size_t leave)
{
    struct statvfs fs;
    assert_int_equal(statvfs(t->dir, &fs), 0);
    size_t avail = (size_t)fs.f_bavail * fs.f_frsize;
    int fd = open(t->filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    static char block[4096];
    size_t want = avail > leave ? avail - leave : 0, wrote = 0;
    while (wrote + sizeof block <= want && write(fd, block, sizeof block) > 0)
        wrote += sizeof block;
    if (leave == 0) {
        while (write(fd, block, 1) > 0)
            ;
        assert_int_equal(errno, ENOSPC);
    }
    close(fd);
}

static void tmpfs_fill(void *ctx, bool full)
{
    Tmpfs *t = ctx;
    if (full)
        tmpfs_leave(t, 0);
    else
        assert_int_equal(unlink(t->filler), 0);
}

/* The disk fills completely; once there is room, everything is written. */
static void test_real_full_disk_then_room(void **state)
{
    Tmpfs *t = *state;
    tmpfs_open(t);
    play_through_full_disk(t->store, t->profile, tmpfs_fill, t);
}

/* The case: 150 KB free when the round starts. The -wal must not
 * eat that room: every answer of a long round is saved as it is given. */
static void test_real_disk_with_150k_free_saves_every_answer(void **state)
{
    Tmpfs *t = *state;
    tmpfs_open(t);
    Pack *pack = make_pack();
    Quiz quiz = {0};
    start_quiz(&quiz, t->store, t->profile, &pack);
    tmpfs_leave(t, 150 * 1024);
    QuizError err = {0};
    int64_t at = T0;
    for (int i = 0; i < 60; i++) {
        if (answer_next(&quiz, at += 3000, &err) != QUIZ_OK)
            fail_msg("answer %d with 150 KB free: %s", i + 1, err.message);
        assert_int_equal(stored_count(t->store, quiz.round_id), i + 1);
    }
    OK(store_check_integrity(t->store, E));
    quiz_free(&quiz);
    pack_free(pack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_is_said_plainly_and_retry_works, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_keeps_refused_answers_until_there_is_room, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_real_full_disk_then_room, tmpfs_setup, tmpfs_teardown),
        cmocka_unit_test_setup_teardown(test_real_disk_with_150k_free_saves_every_answer,
                                        tmpfs_setup, tmpfs_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
