/* hash64.c - the streamed 64-bit hash of hash64.h.
 *
 * Bytes are taken 32 at a time (a stripe), 8 per lane; each lane mixes its
 * word with a multiply, a rotation and another multiply, so the four lanes
 * run in parallel on a superscalar CPU (some 4-8 bytes per cycle). At the
 * end the lanes, the leftover bytes and the length are folded together and
 * the result goes through a final avalanche, so that every input bit moves
 * about half of the output bits. Words are read little-endian whatever the
 * machine, so a value is the same everywhere.
 */
#include "hash64.h"

#include <string.h>

/* Odd 64-bit constants with well-spread bits: the golden ratio's
 * fraction, and the multipliers of the avalanche below. */
static const uint64_t K1 = 0x9E3779B97F4A7C15u;
static const uint64_t K2 = 0xD6E8FEB86659FD93u;
static const uint64_t K3 = 0xBF58476D1CE4E5B9u;
static const uint64_t K4 = 0x94D049BB133111EBu;

static uint64_t rotl(uint64_t x, unsigned r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t load64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

/* One lane takes one word. */
static uint64_t lane_mix(uint64_t lane, uint64_t word)
{
    lane += word * K2;
    lane = rotl(lane, 31);
    return lane * K1;
}

/* Every bit of x reaches every bit of the result. */
static uint64_t avalanche(uint64_t x)
{
    x ^= x >> 30;
    x *= K3;
    x ^= x >> 27;
    x *= K4;
    return x ^ (x >> 31);
}

static void mix_stripes(uint64_t lane[4], const unsigned char *p, size_t stripes)
{
    uint64_t a = lane[0], b = lane[1], c = lane[2], d = lane[3];
    for (size_t i = 0; i < stripes; i++, p += 32) {
        a = lane_mix(a, load64(p));
        b = lane_mix(b, load64(p + 8));
        c = lane_mix(c, load64(p + 16));
        d = lane_mix(d, load64(p + 24));
    }
    lane[0] = a, lane[1] = b, lane[2] = c, lane[3] = d;
}

void hash64_init(Hash64 *hash, uint64_t seed)
{
    *hash = (Hash64){.seed = seed};
    hash->lane[0] = seed + K1 + K2;
    hash->lane[1] = seed + K2;
    hash->lane[2] = seed;
    hash->lane[3] = seed - K1;
}

void hash64_update(Hash64 *hash, const void *data, size_t len)
{
    const unsigned char *p = data;
    hash->total += len;
    if (hash->pending_len) {
        size_t take = 32 - hash->pending_len;
        if (take > len)
            take = len;
        memcpy(hash->pending + hash->pending_len, p, take);
        hash->pending_len += take;
        p += take;
        len -= take;
        if (hash->pending_len < 32)
            return;
        mix_stripes(hash->lane, hash->pending, 1);
        hash->pending_len = 0;
    }
    size_t stripes = len / 32;
    if (stripes) {
        mix_stripes(hash->lane, p, stripes);
        p += stripes * 32;
        len -= stripes * 32;
    }
    if (len) {
        memcpy(hash->pending, p, len);
        hash->pending_len = len;
    }
}

uint64_t hash64_final(const Hash64 *hash)
{
    uint64_t h = hash->total * K1 + hash->seed;
    for (int i = 0; i < 4; i++) {
        h ^= avalanche(hash->lane[i] + (uint64_t)i);
        h = rotl(h, 27) * K1 + K4;
    }
    /* The bytes of the last, partial stripe: whole words, then the rest. */
    const unsigned char *p = hash->pending;
    size_t n = hash->pending_len;
    for (; n >= 8; p += 8, n -= 8)
        h = rotl(h ^ lane_mix(0, load64(p)), 27) * K1 + K4;
    if (n) {
        unsigned char last[8] = {0};
        memcpy(last, p, n);
        h = rotl(h ^ lane_mix(0, load64(last) ^ (uint64_t)n << 56), 27) * K1 + K4;
    }
    return avalanche(h);
}

uint64_t hash64(const void *data, size_t len, uint64_t seed)
{
    Hash64 hash;
    hash64_init(&hash, seed);
    hash64_update(&hash, data, len);
    return hash64_final(&hash);
}
