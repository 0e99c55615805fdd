/* id_index.h - a string set for checking that ids are unique.
 *
 * The loader meets up to 100,000 question ids per pack; checking each
 * against all before it would be quadratic. This is an open-addressing hash
 * set of borrowed strings, each with a small value (the line it was first
 * seen on, for "first used on line N" messages).
 *
 * The ids come from other people's packs (design rule 9), so the hash is
 * keyed: each index draws its own key when it first allocates, from a
 * secret the process takes from getrandom(2) once. Ids crafted to collide
 * under one key (or under a plain, unkeyed hash) spread under another, and
 * a pack cannot make every insertion probe every slot. What an index
 * answers never depends on the key; only where the keys sit in `slots`
 * does, which no caller reads.
 */
#ifndef QUIZDECK_ID_INDEX_H
#define QUIZDECK_ID_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct IdIndexSlot {
    const char *key; /* borrowed: must outlive the index; NULL = empty */
    uint32_t value;
    uint32_t hash;
} IdIndexSlot;

typedef struct IdIndex {
    IdIndexSlot *slots; /* owned */
    size_t capacity;    /* a power of two, or 0 */
    size_t count;
    uint64_t key[2]; /* the hash's key, drawn with the first table */
    /* Slots looked at by insertions and rehashes since the index was
     * empty: about 1.5 per key with a hash that spreads, n * n / 2 under a
     * flood. Kept for the tests that show which (test_id_index.c). */
    uint64_t probes;
} IdIndex;

typedef enum IdIndexResult { ID_INDEX_ADDED, ID_INDEX_DUPLICATE, ID_INDEX_NO_MEMORY } IdIndexResult;

/* A zeroed IdIndex is empty. Adds `key` (borrowed) with `value`. When the key
 * is already there, returns ID_INDEX_DUPLICATE and sets *first_value to the
 * value it was first added with. */
IdIndexResult id_index_insert(IdIndex *index, const char *key, uint32_t value,
                              uint32_t *first_value);

bool id_index_contains(const IdIndex *index, const char *key);

/* Makes room for `count` keys in all, so that adding them rehashes nothing
 * (for a caller that knows how many will come). False when out of memory;
 * the index is unchanged then. */
bool id_index_reserve(IdIndex *index, size_t count);

/* Frees the table (not the keys); the index is empty afterwards. */
void id_index_free(IdIndex *index);

#endif
