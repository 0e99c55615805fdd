/* hash64.h - a fast 64-bit hash of bytes, streamed or in one call.
 *
 * What the pack cache (pack_cache.h) keys its entries with: the content of
 * a pack file (so a file edited without changing its size or its time is
 * still noticed) and the checksum of a cache image (so a damaged one is
 * refused). It is not cryptographic: it finds accidents, not forgeries;
 * whoever can write the user's cache folder can write the cache itself.
 * Measured against Nettle's SHA-256 in tests/bench/bench_cache.c.
 *
 * The value depends only on the bytes and the seed, never on how they were
 * cut into hash64_update() calls, nor on the machine's byte order.
 */
#ifndef QUIZDECK_HASH64_H
#define QUIZDECK_HASH64_H

#include <stddef.h>
#include <stdint.h>

/* The running state of one hash. Plain data: copy it, keep it anywhere. */
typedef struct Hash64 {
    uint64_t lane[4];          /* four independent lanes, 8 bytes each per stripe */
    unsigned char pending[32]; /* bytes of a stripe not yet mixed */
    size_t pending_len;
    uint64_t total; /* bytes seen */
    uint64_t seed;
} Hash64;

/* Starts a hash. Different seeds give unrelated values for the same bytes. */
void hash64_init(Hash64 *hash, uint64_t seed);

/* Adds `len` bytes (`data` may be NULL when len is 0). */
void hash64_update(Hash64 *hash, const void *data, size_t len);

/* The hash of every byte added so far; the state is left as it was, so
 * more bytes may follow. */
uint64_t hash64_final(const Hash64 *hash);

/* The same in one call:
 *   uint64_t h = hash64(buf, len, 0); */
uint64_t hash64(const void *data, size_t len, uint64_t seed);

#endif
