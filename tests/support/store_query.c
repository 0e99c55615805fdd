/* store_query.c - one round read back from the store for a test (see
 * store_query.h).
 */
#include "store_query.h"

#include <string.h>

StoreStatus test_round_read(Store *store, int64_t round_id, TestRound *out, StoreError *err)
{
    memset(out, 0, sizeof *out);
    out->store = store;
    StoreStatus st = store_round_get(store, round_id, &out->round, err);
    if (st == STORE_OK)
        st = store_round_answers(store, round_id, &out->answers, err);
    if (st != STORE_OK) {
        store_round_list_free(&out->round);
        store_answer_list_free(&out->answers);
        out->store = NULL;
    }
    return st;
}

StoreStatus test_round_open(const char *dir, int64_t round_id, TestRound *out, StoreError *err)
{
    Store *store = NULL;
    StoreStatus st = store_open(&store, dir, err);
    if (st == STORE_OK)
        st = test_round_read(store, round_id, out, err);
    if (st != STORE_OK) {
        store_close(store);
        memset(out, 0, sizeof *out);
        return st;
    }
    out->own_store = true;
    return STORE_OK;
}

void test_round_free(TestRound *r)
{
    store_answer_list_free(&r->answers);
    store_round_list_free(&r->round);
    if (r->own_store)
        store_close(r->store);
    memset(r, 0, sizeof *r);
}
