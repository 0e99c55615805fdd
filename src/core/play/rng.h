/* rng.h - the seeded pseudo-random generator every shuffle in the game uses.
 *
 * Rounds must be reproducible: a teacher's session fixes a seed, and every
 * student with the same packs gets the same questions in the same order with
 * the same choice shuffles (design rule 1). So the core never calls rand():
 * it draws from an Rng that the caller seeds. The generator is xoshiro256**
 * seeded through splitmix64; it uses only 64-bit integer arithmetic, so the
 * stream is identical on every platform and compiler.
 *
 * Read round.h next for how a round uses it.
 */
#ifndef QUIZDECK_RNG_H
#define QUIZDECK_RNG_H

#include <stddef.h>
#include <stdint.h>

/* The state is plain data: copy it to fork a stream, store it to resume. */
typedef struct Rng {
    uint64_t s[4];
} Rng;

/* Seeds the generator; any seed (0 included) gives a usable stream. */
void rng_seed(Rng *rng, uint64_t seed);

/* The next 64 (32) random bits. */
uint64_t rng_next_u64(Rng *rng);
uint32_t rng_next_u32(Rng *rng);

/* A uniformly distributed integer in [0, n), without modulo bias
 * (rejection sampling). Returns 0 when n is 0 or 1 (and then draws nothing,
 * so a one-element shuffle does not move the stream). */
uint32_t rng_range(Rng *rng, uint32_t n);

/* Shuffles indices[0..count) in place (Fisher-Yates, uniform). The contents
 * may be anything; call rng_permutation() for a fresh 0..count-1 shuffle.
 * count must be at most UINT32_MAX. Draws exactly count-1 numbers. */
void rng_shuffle_indices(Rng *rng, size_t *indices, size_t count);

/* Fills out[0..count) with a uniformly random permutation of 0..count-1. */
void rng_permutation(Rng *rng, size_t *out, size_t count);

#endif
