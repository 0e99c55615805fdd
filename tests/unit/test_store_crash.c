/* test_store_crash.c - killing the game mid-round loses nothing that was
 * acknowledged (design rule 7: each answer is committed when given).
 *
 * A child process opens the store, begins a round and records answers in a
 * loop, telling the parent through a pipe after each commit how many
 * answers are committed. The parent SIGKILLs it after N acknowledgements,
 * then opens the database itself: PRAGMA integrity_check must say "ok" and
 * every acknowledged answer must be there, in order. Read test_store.c first.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "test_support.h"

#define T0                ((int64_t)1767225600000)
#define CHILD_MAX_ANSWERS 1000000

static void question_id(char *buf, size_t size, uint32_t i)
{
    snprintf(buf, size, "q%06u", (unsigned)i);
}

/* The child: play until killed. Exit codes tell the parent what failed. */
static void child_play(const char *dir, int ack_fd)
{
    Store *store = NULL;
    StoreError err;
    if (store_open(&store, dir, &err) != STORE_OK)
        _exit(10);
    int64_t profile = 0;
    if (store_profile_add(store, "Player", T0, &profile, &err) != STORE_OK)
        _exit(11);
    const char *packs[] = {"gcc"};
    StoreRoundStart start = {.profile_id = profile,
                             .started_at = T0,
                             .seed = 42,
                             .mode = STORE_MODE_TIMED,
                             .time_rule = STORE_TIME_PACK,
                             .pack_ids = packs,
                             .pack_count = 1,
                             .question_count = 20};
    int64_t round = 0;
    if (store_round_begin(store, &start, &round, &err) != STORE_OK)
        _exit(12);
    for (uint32_t i = 1; i <= CHILD_MAX_ANSWERS; i++) {
        StoreAnswer a;
        memset(&a, 0, sizeof a);
        a.round_id = round;
        a.position = (int)i - 1;
        snprintf(a.pack_id, sizeof a.pack_id, "gcc");
        question_id(a.question_id, sizeof a.question_id, i);
        a.given = "an answer long enough to span a few bytes of the page";
        a.fraction_right = 1.0;
        a.correct = (i % 3) != 0;
        a.points = 100;
        a.ms_taken = 900;
        a.answered_at = T0 + i;
        if (store_answer_record(store, &a, NULL, &err) != STORE_OK)
            _exit(13);
        /* Acknowledge only after the commit returned. */
        if (write(ack_fd, &i, sizeof i) != (ssize_t)sizeof i)
            _exit(14);
    }
    _exit(0);
}

static void run_kill_case(uint32_t kill_after)
{
    char dir[TEST_DIR_SIZE];
    assert_true(test_make_dir(dir));
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_play(dir, fds[1]);
    }
    close(fds[1]);

    uint32_t acked = 0;
    while (acked < kill_after) {
        uint32_t n = 0;
        ssize_t got = read(fds[0], &n, sizeof n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got != (ssize_t)sizeof n)
            break; /* the child died: checked below */
        acked = n;
    }
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(fds[0]);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
        fail_msg("the child stopped by itself (exit %d) after %u answers",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1, (unsigned)acked);
    assert_int_equal(acked, kill_after);

    Store *store = NULL;
    StoreError err;
    if (store_open(&store, dir, &err) != STORE_OK)
        fail_msg("reopen: %s", err.message);
    assert_false(err.recovered); /* nothing was damaged */
    if (store_check_integrity(store, &err) != STORE_OK)
        fail_msg("integrity: %s", err.message);

    StoreProfileList profiles = {0};
    assert_int_equal(store_profile_list(store, &profiles, &err), STORE_OK);
    assert_int_equal(profiles.count, 1);
    StoreRoundList rounds = {0};
    assert_int_equal(store_rounds_unfinished(store, profiles.items[0].id, &rounds, &err), STORE_OK);
    assert_int_equal(rounds.count, 1); /* the killed round shows as in progress */
    StoreAnswerList answers = {0};
    assert_int_equal(store_round_answers(store, rounds.items[0].id, &answers, &err), STORE_OK);
    /* Every acknowledged answer is there. The child ran on while the
     * parent read, so later answers may be there too, but whole and in
     * order: no gap, no half-written row. */
    assert_true(answers.count >= acked);
    for (uint32_t i = 0; i < (uint32_t)answers.count; i++) {
        char want[32];
        question_id(want, sizeof want, i + 1);
        assert_string_equal(answers.items[i].question_id, want);
        assert_int_equal(answers.items[i].answered_at, T0 + i + 1);
    }
    /* The running totals were committed with each answer. */
    int correct = 0;
    for (size_t i = 0; i < answers.count; i++)
        correct += answers.items[i].correct;
    assert_int_equal(rounds.items[0].correct_count, correct);
    assert_int_equal(rounds.items[0].answered_count, (int)answers.count);

    store_answer_list_free(&answers);
    store_round_list_free(&rounds);
    store_profile_list_free(&profiles);
    store_close(store);
    test_remove_tree(dir);
}

static void test_kill_mid_round_keeps_acknowledged_answers(void **state)
{
    (void)state;
    static const uint32_t kill_after[] = {1, 37, 250, 1200};
    for (size_t i = 0; i < sizeof kill_after / sizeof kill_after[0]; i++)
        run_kill_case(kill_after[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_mid_round_keeps_acknowledged_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
