/* test_store_outbox.c - class attempts and the result files waiting to be
 * delivered, in the store (store.h, "class result files waiting to be
 * delivered"): what a killed class round could not resume, or a result
 * file that would be lost or sent twice, if it broke. The class play
 * engine's own tests (test_class_play*.c) drive these rows through whole
 * sessions; here each call is checked on its own. Read test_store.c first.
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

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static StoreClassAttempt attempt_of(int64_t round, const char *student, const char *roster)
{
    return (StoreClassAttempt){
        .round_id = round,
        .folder = "/srv/class/week-3",
        .session_id = "week-3",
        .session_sha256 = SHA,
        .student = student,
        .roster_id = roster,
        .host = "lab-pc-7",
        .time_factor = 1.5,
        .started_at = T0 + 1000,
        .utc_offset = 180,
        .nonce = 0xfedcba9876543210ull,
    };
}

static void test_class_attempt_kept_until_it_ends(void **state)
{
    Fixture *f = *state;
    int64_t p = add_profile(f->store, "Noura");
    const char *packs[] = {"gcc"};
    int64_t r = begin_round(f->store, p, packs, 1, T0);
    int64_t plain = begin_round(f->store, p, packs, 1, T0 + 10);
    StoreClassAttempt a = attempt_of(r, "نورة", NULL);
    OK(store_class_attempt_add(f->store, &a, E));
    StoreError err;
    assert_int_equal(store_class_attempt_add(f->store, &a, &err), STORE_EXISTS);

    /* Resuming after a kill finds it with everything it was started with. */
    StoreClassAttemptList list = {0};
    OK(store_class_attempts_open(f->store, NULL, &list, E));
    assert_int_equal(list.count, 1);
    const StoreClassAttempt *got = &list.items[0];
    assert_int_equal(got->round_id, r);
    assert_string_equal(got->folder, a.folder);
    assert_string_equal(got->session_id, "week-3");
    assert_string_equal(got->session_sha256, SHA);
    assert_string_equal(got->student, "نورة");
    assert_string_equal(got->roster_id, "");
    assert_string_equal(got->host, "lab-pc-7");
    assert_true(got->time_factor == 1.5);
    assert_int_equal(got->started_at, T0 + 1000);
    assert_int_equal(got->utc_offset, 180);
    assert_true(got->nonce == 0xfedcba9876543210ull);
    assert_false(got->ended);
    assert_string_equal(got->status, "");
    store_class_attempt_list_free(&list);
    assert_null(list.items);
    OK(store_class_attempts_open(f->store, "week-4", &list, E));
    assert_int_equal(list.count, 0);
    OK(store_class_attempts_of(f->store, "week-3", "نورة", "", &list, E));
    assert_int_equal(list.count, 1);
    store_class_attempt_list_free(&list);

    /* The extra time comes back with the round; a round of no class has none. */
    double factor = 0;
    OK(store_round_time_factor(f->store, r, &factor, E));
    assert_true(factor == 1.5);
    OK(store_round_time_factor(f->store, plain, &factor, E));
    assert_true(factor == 1.0);
    assert_int_equal(store_class_attempt_get(f->store, plain, &list, &err), STORE_NOT_FOUND);

    StoreClassAttempt e = {.round_id = r,
                           .ended_at = T0 + 60000,
                           .status = "time-up",
                           .result_name = "week-3-noura.result",
                           .question_count = 10,
                           .answered = 7,
                           .right = 5,
                           .score = 0.5,
                           .points = 4200};
    OK(store_class_attempt_end(f->store, &e, E));
    assert_int_equal(store_class_attempt_end(f->store, &e, &err), STORE_NOT_FOUND);
    OK(store_class_attempt_get(f->store, r, &list, E));
    assert_int_equal(list.count, 1);
    got = &list.items[0];
    assert_true(got->ended);
    assert_int_equal(got->ended_at, T0 + 60000);
    assert_string_equal(got->status, "time-up");
    assert_string_equal(got->result_name, "week-3-noura.result");
    assert_int_equal(got->answered, 7);
    assert_int_equal(got->right, 5);
    assert_int_equal(got->points, 4200);
    store_class_attempt_list_free(&list);
    OK(store_class_attempts_open(f->store, NULL, &list, E));
    assert_int_equal(list.count, 0);
}

static void test_outbox_keeps_the_bytes_until_delivered(void **state)
{
    Fixture *f = *state;
    static const char bytes[] = {'r', 'e', 's', '\0', 'u', 'l', 't', '\xff'};
    StoreOutboxItem first = {.folder = "/srv/class/week-3",
                             .name = "a.result",
                             .data = bytes,
                             .size = sizeof bytes,
                             .created_at = T0,
                             .session_id = "week-3",
                             .student = "Noura"};
    StoreOutboxItem second = first;
    second.name = "b.result";
    second.created_at = T0 + 5;
    int64_t id1 = 0, id2 = 0;
    OK(store_outbox_add(f->store, &first, &id1, E));
    OK(store_outbox_add(f->store, &second, &id2, E));
    assert_true(id1 > 0 && id2 > id1);
    StoreError err;
    assert_int_equal(store_outbox_add(f->store, &first, NULL, &err), STORE_EXISTS);
    int64_t waiting = 0;
    OK(store_outbox_count(f->store, &waiting, E));
    assert_int_equal(waiting, 2);

    OK(store_outbox_failed(f->store, id1, T0 + 100, "results/new/ is read-only", E));
    StoreOutboxList list = {0};
    OK(store_outbox_list(f->store, &list, E));
    assert_int_equal(list.count, 2);
    const StoreOutboxItem *x = &list.items[0];
    assert_int_equal(x->id, id1);
    assert_int_equal(x->size, sizeof bytes);
    assert_memory_equal(x->data, bytes, sizeof bytes);
    assert_string_equal(x->name, "a.result");
    assert_int_equal(x->round_id, 0);
    assert_int_equal(x->tries, 1);
    assert_int_equal(x->last_try_at, T0 + 100);
    assert_string_equal(x->last_error, "results/new/ is read-only");
    assert_string_equal(list.items[1].name, "b.result");
    assert_int_equal(list.items[1].tries, 0);
    store_outbox_list_free(&list);

    OK(store_outbox_remove(f->store, id1, E));
    assert_int_equal(store_outbox_remove(f->store, id1, &err), STORE_NOT_FOUND);
    OK(store_outbox_count(f->store, &waiting, E));
    assert_int_equal(waiting, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_class_attempt_kept_until_it_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_keeps_the_bytes_until_delivered, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
