/* test_store_live.c - only a round that really was interrupted is reported
 * as interrupted (store.h, store_rounds_unfinished and store_round_claim;
 * store_live.c). A second game window must not tell the player "Your last
 * round stopped after 2 of 10" about the round the first window is playing;
 * once that game is killed, or its window closes mid-round, it must.
 *
 * The other window is a child process with its own Store, playing a round
 * and then waiting; the parent looks at the same save file meanwhile. Two
 * handles in one process are covered too (Linux's open-file-description
 * locks). Read test_store_helpers.h first.
 */
#define _GNU_SOURCE /* F_OFD_GETLK: whether this system has per-handle locks */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_store_helpers.h"

/* How the other window's round ends while the parent watches. */
typedef enum Ending {
    ENDING_KILLED, /* the game is killed: SIGKILL */
    ENDING_CLOSED, /* the window closes its store mid-round */
} Ending;

/* The other window: a round of 10 with 2 answers, then it tells the parent
 * the round's id and waits on `wait_fd` until killed. Exit codes say what
 * failed. */
static void child_window(const char *dir, int64_t profile, Ending ending, int tell_fd, int wait_fd)
{
    Store *s = NULL;
    StoreError err;
    if (store_open(&s, dir, &err) != STORE_OK)
        _exit(10);
    const char *packs[] = {"gcc"};
    StoreRoundStart start = {.profile_id = profile,
                             .started_at = T0,
                             .seed = 9,
                             .mode = STORE_MODE_PRACTICE,
                             .question_count = 10,
                             .time_rule = STORE_TIME_OFF,
                             .pack_ids = packs,
                             .pack_count = 1};
    int64_t round = 0;
    if (store_round_begin(s, &start, &round, &err) != STORE_OK)
        _exit(11);
    for (int i = 0; i < 2; i++) {
        StoreAnswer a;
        memset(&a, 0, sizeof a);
        a.round_id = round;
        a.position = i;
        snprintf(a.pack_id, sizeof a.pack_id, "gcc");
        snprintf(a.question_id, sizeof a.question_id, "q%d", i);
        a.correct = true;
        a.fraction_right = 1.0;
        a.answered_at = T0 + 1000 * (i + 1);
        if (store_answer_record(s, &a, NULL, &err) != STORE_OK)
            _exit(12);
    }
    if (ending == ENDING_CLOSED)
        store_close(s);
    if (write(tell_fd, &round, sizeof round) != (ssize_t)sizeof round)
        _exit(13);
    char byte;
    while (read(wait_fd, &byte, 1) < 0 && errno == EINTR)
        ;
    _exit(0);
}

static size_t unfinished(Store *s, int64_t profile, int64_t *first_id, int *answered)
{
    StoreRoundList list = {0};
    OK(store_rounds_unfinished(s, profile, &list, E));
    size_t n = list.count;
    if (n > 0) {
        *first_id = list.items[0].id;
        *answered = list.items[0].answered_count;
    }
    store_round_list_free(&list);
    return n;
}

static void run_other_window(Fixture *f, Ending ending)
{
    int64_t profile = add_profile(f->store, ending == ENDING_KILLED ? "Killed" : "Closed");
    /* No connection crosses the fork: the parent reopens afterwards. */
    store_close(f->store);
    f->store = NULL;
    int tell[2], hold[2];
    assert_int_equal(pipe(tell), 0);
    assert_int_equal(pipe(hold), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(tell[0]);
        close(hold[1]);
        child_window(f->dir, profile, ending, tell[1], hold[0]);
    }
    close(tell[1]);
    close(hold[0]);
    int64_t round = 0;
    ssize_t got;
    while ((got = read(tell[0], &round, sizeof round)) < 0 && errno == EINTR)
        ;
    if (got != (ssize_t)sizeof round) {
        int status = 0;
        waitpid(pid, &status, 0);
        fail_msg("the other window failed (exit %d)", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    StoreError err;
    assert_int_equal(store_open_at(&f->store, f->dir, T0, &err), STORE_OK);

    int64_t id = 0;
    int answered = 0;
    if (ending == ENDING_KILLED) {
        /* The other window is playing it: not interrupted, and not ours to
         * take up. */
        assert_int_equal(unfinished(f->store, profile, &id, &answered), 0);
        assert_int_equal(store_round_claim(f->store, round, &err), STORE_BUSY);
        assert_non_null(strstr(err.message, "another quizdeck window"));
        assert_int_equal(kill(pid, SIGKILL), 0);
    }
    close(hold[1]); /* a closed window's process ends by itself */
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    close(tell[0]);

    /* Killed or closed: now it was interrupted, and can be taken up. */
    assert_int_equal(unfinished(f->store, profile, &id, &answered), 1);
    assert_int_equal(id, round);
    assert_int_equal(answered, 2);
    OK(store_round_claim(f->store, round, E));
}

static void test_other_windows_round_is_not_interrupted_until_killed(void **state)
{
    run_other_window(*state, ENDING_KILLED);
}

static void test_round_of_a_window_closed_midway_is_interrupted(void **state)
{
    run_other_window(*state, ENDING_CLOSED);
}

/* ---- two handles in one process ----------------------------------------- */

static Store *second_handle(const Fixture *f)
{
#ifndef F_OFD_GETLK
    print_message("skipped: no open-file-description locks here; windows are processes\n");
    skip();
#endif
    Store *s = NULL;
    StoreError err;
    assert_int_equal(store_open(&s, f->dir, &err), STORE_OK);
    return s;
}

static void test_two_handles_see_each_others_rounds(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "Maha");
    const char *packs[] = {"gcc"};
    Store *other = second_handle(f);
    int64_t r = begin_round(f->store, p, packs, 1, T0);
    int64_t id = 0;
    int answered = 0;
    assert_int_equal(unfinished(other, p, &id, &answered), 0);
    /* A handle's own round in progress stays listed, with its totals. */
    assert_int_equal(unfinished(f->store, p, &id, &answered), 1);
    assert_int_equal(id, r);
    /* Closing the window's store without ending the round interrupts it. */
    store_close(f->store);
    f->store = NULL;
    assert_int_equal(unfinished(other, p, &id, &answered), 1);
    assert_int_equal(id, r);
    store_close(other);
}

/* A claim follows its transaction: a round begun in a transaction that is
 * rolled back was never played (its id is used again, by a round that
 * must be reported when it is interrupted); a round finished in one that
 * is rolled back is still being played. */
static void test_claims_follow_their_transaction(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "Omar");
    const char *packs[] = {"gcc"};
    Store *b = second_handle(f);
    Store *c = NULL;
    StoreError err;
    assert_int_equal(store_open(&c, f->dir, &err), STORE_OK);

    OK(store_transaction_begin(f->store, E));
    int64_t never = begin_round(f->store, p, packs, 1, T0);
    OK(store_transaction_rollback(f->store, E));
    int64_t reused = begin_round(b, p, packs, 1, T0 + 1);
    assert_int_equal(reused, never);
    store_close(b); /* b's window closes mid-round */
    int64_t id = 0;
    int answered = 0;
    assert_int_equal(unfinished(c, p, &id, &answered), 1);
    assert_int_equal(id, reused);
    OK(store_round_abandon(c, reused, E));

    int64_t playing = begin_round(f->store, p, packs, 1, T0 + 2);
    OK(store_transaction_begin(f->store, E));
    OK(store_round_finish(f->store, playing, T0 + 3, 0, E));
    OK(store_transaction_rollback(f->store, E));
    assert_int_equal(unfinished(c, p, &id, &answered), 0);
    OK(store_transaction_begin(f->store, E));
    OK(store_round_abandon(f->store, playing, E));
    OK(store_transaction_commit(f->store, E));
    /* Abandoned: listed nowhere, and free for any handle to claim. */
    assert_int_equal(unfinished(c, p, &id, &answered), 0);
    OK(store_round_claim(c, playing, E));
    store_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_other_windows_round_is_not_interrupted_until_killed,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_of_a_window_closed_midway_is_interrupted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_two_handles_see_each_others_rounds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_claims_follow_their_transaction, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
