/* store_query.h - one round as the store holds it, read back by a test.
 *
 * Tests that play a round (through the quiz engine in tests/unit, through
 * the real loop in tests/ui) then check what was kept: the round's row and
 * its answers in the order given. TestRound is both, read in one call, on
 * a store the test has open or on a data folder (its own connection, as
 * the next launch would see it). Errors are values, as in the store: the
 * cmocka side (ui_read_round in ui_driver.h) turns them into failures.
 *
 * Read store.h (store_round_get, store_round_answers) first.
 */
#ifndef QUIZDECK_STORE_QUERY_H
#define QUIZDECK_STORE_QUERY_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

typedef struct TestRound {
    Store *store;            /* the connection read with; owned after test_round_open */
    StoreAnswerList answers; /* the round's answers, in `position` order */
    StoreRoundList round;    /* round.items[0]: the round's row */
    bool own_store;          /* test_round_free closes store */
} TestRound;

/* Reads round_id's row and answers from an open store into out (zeroed
 * first). STORE_OK, or the store's status (STORE_NOT_FOUND: no such
 * round) with out holding nothing to free. */
StoreStatus test_round_read(Store *store, int64_t round_id, TestRound *out, StoreError *err);

/* The same on the store in data folder dir, opened for this read and
 * closed by test_round_free. */
StoreStatus test_round_open(const char *dir, int64_t round_id, TestRound *out, StoreError *err);

/* Frees the lists (and closes the store test_round_open opened). */
void test_round_free(TestRound *r);

#endif
