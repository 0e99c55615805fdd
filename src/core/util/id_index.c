/* id_index.c - open-addressing string set (id_index.h). */
#include "id_index.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: short ids, no adversary worth a keyed hash at these sizes. */
static uint32_t hash_string(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static IdIndexSlot *find_slot(IdIndexSlot *slots, size_t capacity, const char *key, uint32_t hash)
{
    size_t mask = capacity - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        IdIndexSlot *s = &slots[i];
        if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0))
            return s;
    }
}

/* Rehashes into `cap` slots (a power of two, more than there are keys). */
static bool grow_to(IdIndex *index, size_t cap)
{
    IdIndexSlot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < index->capacity; i++) {
        const IdIndexSlot *old = &index->slots[i];
        if (old->key)
            *find_slot(slots, cap, old->key, old->hash) = *old;
    }
    free(index->slots);
    index->slots = slots;
    index->capacity = cap;
    return true;
}

static bool grow(IdIndex *index)
{
    return grow_to(index, index->capacity ? index->capacity * 2 : 64);
}

bool id_index_reserve(IdIndex *index, size_t count)
{
    size_t cap = index->capacity ? index->capacity : 64;
    while (count * 2 > cap) {
        if (cap > SIZE_MAX / 4)
            return false;
        cap *= 2;
    }
    return cap == index->capacity || grow_to(index, cap);
}

IdIndexResult id_index_insert(IdIndex *index, const char *key, uint32_t value,
                              uint32_t *first_value)
{
    /* Keep the load factor under 1/2 so probes stay short. */
    if ((index->count + 1) * 2 > index->capacity && !grow(index))
        return ID_INDEX_NO_MEMORY;
    uint32_t hash = hash_string(key);
    IdIndexSlot *s = find_slot(index->slots, index->capacity, key, hash);
    if (s->key) {
        if (first_value)
            *first_value = s->value;
        return ID_INDEX_DUPLICATE;
    }
    *s = (IdIndexSlot){key, value, hash};
    index->count++;
    return ID_INDEX_ADDED;
}

bool id_index_contains(const IdIndex *index, const char *key)
{
    if (!index->capacity)
        return false;
    return find_slot(index->slots, index->capacity, key, hash_string(key))->key != NULL;
}

void id_index_free(IdIndex *index)
{
    free(index->slots);
    *index = (IdIndex){0};
}
