/* rng.c - xoshiro256** seeded by splitmix64 (see rng.h for why).
 *
 * Both algorithms are public-domain designs by Blackman and Vigna; this is
 * a fresh implementation from their published descriptions. Only unsigned
 * 64-bit arithmetic is used, whose wrap-around C defines, so the stream is
 * the same everywhere.
 */
#include "rng.h"

static uint64_t rng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* splitmix64 spreads one 64-bit seed over the four words of state, so that
 * nearby seeds (0, 1, 2, ...) give unrelated streams and the state is never
 * all zero (which would make xoshiro output zeros forever). */
static uint64_t rng_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void rng_seed(Rng *rng, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++) {
        rng->s[i] = rng_splitmix64(&x);
    }
    if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0) {
        rng->s[0] = 1; /* cannot happen with splitmix64, but stay safe */
    }
}

uint64_t rng_next_u64(Rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rng_rotl(s[1] * 5u, 7) * 9u;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng_rotl(s[3], 45);
    return result;
}

uint32_t rng_next_u32(Rng *rng)
{
    /* The high bits of xoshiro256** are its best ones. */
    return (uint32_t)(rng_next_u64(rng) >> 32);
}

uint32_t rng_range(Rng *rng, uint32_t n)
{
    if (n <= 1) {
        return 0;
    }
    /* Lemire's multiply-and-reject: the high half of x*n is uniform in
     * [0, n) once the few low values that would bias it are rejected. */
    uint64_t m = (uint64_t)rng_next_u32(rng) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (uint64_t)rng_next_u32(rng) * n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

void rng_shuffle_indices(Rng *rng, size_t *indices, size_t count)
{
    if (count < 2 || count > UINT32_MAX) {
        return;
    }
    /* Fisher-Yates from the top: each position takes a uniformly chosen
     * element of the not-yet-placed prefix. */
    for (size_t i = count - 1; i > 0; i--) {
        size_t j = rng_range(rng, (uint32_t)(i + 1));
        size_t tmp = indices[i];
        indices[i] = indices[j];
        indices[j] = tmp;
    }
}

void rng_permutation(Rng *rng, size_t *out, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        out[i] = i;
    }
    rng_shuffle_indices(rng, out, count);
}
