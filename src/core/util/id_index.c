/* id_index.c - open-addressing string set (id_index.h).
 *
 * Linear probing at a load under 1/2, keyed by SipHash-1-3 (Aumasson and
 * Bernstein's keyed hash for hash tables, with one compression and three
 * finalisation rounds, as several language runtimes use for their tables):
 * fast on short ids, and without a key nobody can choose ids that share a
 * slot. Hash values live only in memory, so words are read in the
 * machine's own byte order.
 */
#include "id_index.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

static uint64_t rotl(uint64_t x, unsigned r)
{
    return (x << r) | (x >> (64 - r));
}

typedef struct SipState {
    uint64_t v0, v1, v2, v3;
} SipState;

static void sip_round(SipState *s)
{
    s->v0 += s->v1;
    s->v1 = rotl(s->v1, 13) ^ s->v0;
    s->v0 = rotl(s->v0, 32);
    s->v2 += s->v3;
    s->v3 = rotl(s->v3, 16) ^ s->v2;
    s->v0 += s->v3;
    s->v3 = rotl(s->v3, 21) ^ s->v0;
    s->v2 += s->v1;
    s->v1 = rotl(s->v1, 17) ^ s->v2;
    s->v2 = rotl(s->v2, 32);
}

static void sip_word(SipState *s, uint64_t m)
{
    s->v3 ^= m;
    sip_round(s);
    s->v0 ^= m;
}

static uint32_t hash_string(const uint64_t key[2], const char *str)
{
    SipState s = {key[0] ^ 0x736f6d6570736575u, key[1] ^ 0x646f72616e646f6du,
                  key[0] ^ 0x6c7967656e657261u, key[1] ^ 0x7465646279746573u};
    size_t len = strlen(str);
    const char *p = str;
    for (size_t words = len / 8; words; words--, p += 8) {
        uint64_t m;
        memcpy(&m, p, 8);
        sip_word(&s, m);
    }
    /* The last 0 to 7 bytes, with the length in the top byte. */
    uint64_t last = (uint64_t)len << 56;
    for (size_t i = 0; i < len % 8; i++)
        last |= (uint64_t)(unsigned char)p[i] << (8 * i);
    sip_word(&s, last);
    s.v2 ^= 0xff;
    sip_round(&s);
    sip_round(&s);
    sip_round(&s);
    uint64_t h = s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
    return (uint32_t)(h ^ (h >> 32));
}

/* splitmix64's finaliser: spreads a counter or an address over 64 bits. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    return x ^ (x >> 31);
}

/* The process's secret, drawn once (loader threads may race to draw it:
 * the first to store it wins, and every index uses that one). Where
 * getrandom(2) has nothing to give, the addresses the system placed this
 * program and its stack at stand in. */
static uint64_t process_secret(void)
{
    static _Atomic uint64_t secret;
    uint64_t s = atomic_load_explicit(&secret, memory_order_acquire);
    if (s)
        return s;
    uint64_t fresh = 0;
    if (getrandom(&fresh, sizeof fresh, GRND_NONBLOCK) != (ssize_t)sizeof fresh) {
        int here = 0;
        fresh = mix64((uint64_t)(uintptr_t)&secret ^ rotl((uint64_t)(uintptr_t)&here, 32));
    }
    fresh |= 1; /* 0 means "not drawn yet" */
    uint64_t expected = 0;
    if (!atomic_compare_exchange_strong(&secret, &expected, fresh))
        return expected;
    return fresh;
}

/* Each index its own key: indexes built from one pack's ids do not share
 * a layout either. */
static void draw_key(IdIndex *index)
{
    static _Atomic uint64_t drawn;
    uint64_t secret = process_secret();
    uint64_t n = atomic_fetch_add_explicit(&drawn, 1, memory_order_relaxed);
    index->key[0] = secret;
    index->key[1] = mix64(secret ^ mix64(n));
}

static IdIndexSlot *find_slot(IdIndexSlot *slots, size_t capacity, const char *key, uint32_t hash,
                              uint64_t *probes)
{
    size_t mask = capacity - 1;
    uint64_t n = 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask, n++) {
        IdIndexSlot *s = &slots[i];
        if (!s->key || (s->hash == hash && strcmp(s->key, key) == 0)) {
            *probes += n;
            return s;
        }
    }
}

/* Rehashes into `cap` slots (a power of two, more than there are keys). */
static bool grow_to(IdIndex *index, size_t cap)
{
    IdIndexSlot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    if (!index->capacity)
        draw_key(index);
    for (size_t i = 0; i < index->capacity; i++) {
        const IdIndexSlot *old = &index->slots[i];
        if (old->key)
            *find_slot(slots, cap, old->key, old->hash, &index->probes) = *old;
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
    uint32_t hash = hash_string(index->key, key);
    IdIndexSlot *s = find_slot(index->slots, index->capacity, key, hash, &index->probes);
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
    uint64_t probes = 0; /* a lookup leaves the index as it was */
    return find_slot(index->slots, index->capacity, key, hash_string(index->key, key), &probes)
               ->key != NULL;
}

void id_index_free(IdIndex *index)
{
    free(index->slots);
    *index = (IdIndex){0};
}
