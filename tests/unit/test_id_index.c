/* test_id_index.c - the id set every loader checks ids with
 * (src/core/util/id_index.h).
 *
 * A pack is someone else's file: its author may choose question ids that
 * all fall into one slot of an unkeyed hash (here FNV-1a, which the index
 * used before it was keyed), so that loading it takes n * n / 2 probes and
 * a teacher's computer hangs on a 50,000-question pack. The index counts
 * the slots it looks at; these tests assert that count, never a time
 * (design rule 11).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id_index.h"

enum {
    FLOOD_IDS = 50000,
    FLOOD_BITS = 17, /* 50,000 ids at a load under 1/2 fill 2^17 slots */
    FLOOD_ID_SIZE = 24,
};

#define FNV_PRIME  16777619u
#define FLOOD_MASK ((1u << FLOOD_BITS) - 1u)

static uint32_t fnv1a_step(uint32_t h, unsigned char c)
{
    return (h ^ c) * FNV_PRIME;
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = fnv1a_step(h, (unsigned char)*s);
    return h;
}

/* Writes FLOOD_IDS distinct ids whose FNV-1a hashes share their low
 * FLOOD_BITS bits, so each lands in the same slot of any table up to 2^17
 * slots. Each id is "flood-N-" and three bytes: the low bits of a product
 * depend only on the low bits of its factors, so the last byte can steer
 * bits 0-7 of the result and the two before it are searched until bits
 * 8-16 come out right. Returns the ids, FLOOD_ID_SIZE bytes apart. */
static char *flood_ids(void)
{
    /* The inverse of the prime modulo 2^32, by Newton's iteration. */
    uint32_t inverse = FNV_PRIME;
    for (int i = 0; i < 5; i++)
        inverse *= 2u - FNV_PRIME * inverse;
    const uint32_t target = 0x1234u & FLOOD_MASK;
    const uint32_t before_last = (target * inverse) & FLOOD_MASK;
    char *ids = calloc(FLOOD_IDS, FLOOD_ID_SIZE);
    assert_non_null(ids);
    for (int n = 0; n < FLOOD_IDS; n++) {
        char *id = ids + (size_t)n * FLOOD_ID_SIZE;
        int len = snprintf(id, FLOOD_ID_SIZE, "flood-%d-", n);
        uint32_t h0 = fnv1a(id);
        bool found = false;
        for (unsigned b1 = '!'; b1 <= '~' && !found; b1++)
            for (unsigned b2 = '!'; b2 <= '~' && !found; b2++) {
                uint32_t h2 = fnv1a_step(fnv1a_step(h0, (unsigned char)b1), (unsigned char)b2);
                unsigned b3 = (h2 ^ before_last) & 0xffu;
                if ((h2 & FLOOD_MASK & ~0xffu) != (before_last & ~0xffu) || b3 == 0)
                    continue;
                id[len] = (char)b1;
                id[len + 1] = (char)b2;
                id[len + 2] = (char)b3;
                found = true;
            }
        assert_true(found);
    }
    return ids;
}

static void test_ids_crafted_to_collide_still_spread(void **state)
{
    (void)state;
    char *ids = flood_ids();
    /* The ids do collide under the unkeyed hash: the test tests something. */
    for (int n = 0; n < FLOOD_IDS; n++)
        assert_int_equal(fnv1a(ids + (size_t)n * FLOOD_ID_SIZE) & FLOOD_MASK, 0x1234u);

    IdIndex index = {0};
    for (int n = 0; n < FLOOD_IDS; n++)
        assert_int_equal(
            id_index_insert(&index, ids + (size_t)n * FLOOD_ID_SIZE, (uint32_t)n, NULL),
            ID_INDEX_ADDED);
    assert_int_equal(index.count, FLOOD_IDS);
    /* Some 1.5 probes a key, and as many again for the rehashes on the
     * way up; a flood would be 1.25 billion. */
    assert_true(index.probes < 8u * FLOOD_IDS);

    /* And the set still answers right: every id is there once. */
    uint32_t first = 0;
    assert_int_equal(id_index_insert(&index, ids + 777 * FLOOD_ID_SIZE, 1, &first),
                     ID_INDEX_DUPLICATE);
    assert_int_equal(first, 777);
    for (int n = 0; n < FLOOD_IDS; n += 97)
        assert_true(id_index_contains(&index, ids + (size_t)n * FLOOD_ID_SIZE));
    assert_false(id_index_contains(&index, "flood-not-there"));
    id_index_free(&index);
    assert_int_equal(index.count, 0);
    assert_false(id_index_contains(&index, ids));
    free(ids);
}

/* The slot a key sits in. */
static size_t slot_of(const IdIndex *index, const char *key)
{
    for (size_t i = 0; i < index->capacity; i++)
        if (index->slots[i].key && strcmp(index->slots[i].key, key) == 0)
            return i;
    fail_msg("%s is not in the index", key);
    return 0;
}

static void test_each_index_has_its_own_key(void **state)
{
    (void)state;
    /* Ids that collide in one index (found by watching it) must not
     * collide in the next: two indexes with the same ids lay them out
     * differently. */
    enum { IDS = 200 };
    char ids[IDS][16];
    IdIndex a = {0}, b = {0};
    for (int n = 0; n < IDS; n++) {
        snprintf(ids[n], sizeof ids[n], "q-%03d", n);
        assert_int_equal(id_index_insert(&a, ids[n], (uint32_t)n, NULL), ID_INDEX_ADDED);
        assert_int_equal(id_index_insert(&b, ids[n], (uint32_t)n, NULL), ID_INDEX_ADDED);
    }
    assert_int_equal(a.capacity, b.capacity);
    int moved = 0;
    for (int n = 0; n < IDS; n++)
        moved += slot_of(&a, ids[n]) != slot_of(&b, ids[n]);
    assert_true(moved > IDS / 2);
    id_index_free(&a);
    id_index_free(&b);
}

static void test_reserve_then_fill_without_rehash(void **state)
{
    (void)state;
    enum { IDS = 1000 };
    char ids[IDS][16];
    IdIndex index = {0};
    assert_true(id_index_reserve(&index, IDS));
    size_t capacity = index.capacity;
    IdIndexSlot *table = index.slots;
    for (int n = 0; n < IDS; n++) {
        snprintf(ids[n], sizeof ids[n], "card-%d", n);
        assert_int_equal(id_index_insert(&index, ids[n], (uint32_t)n, NULL), ID_INDEX_ADDED);
    }
    assert_int_equal(index.capacity, capacity);
    assert_ptr_equal(index.slots, table);
    uint32_t first = 0;
    assert_int_equal(id_index_insert(&index, "card-0", 5, &first), ID_INDEX_DUPLICATE);
    assert_int_equal(first, 0);
    id_index_free(&index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_crafted_to_collide_still_spread),
        cmocka_unit_test(test_each_index_has_its_own_key),
        cmocka_unit_test(test_reserve_then_fill_without_rehash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
