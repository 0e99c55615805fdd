/* pack_gen.h - generated question packs for the benchmarks (bench_load's
 * 100,000-question pack, bench_packs' folders of many packs). Valid by
 * construction: a generated pack loads with no error and no warning.
 */
#ifndef QUIZDECK_PACK_GEN_H
#define QUIZDECK_PACK_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* SplitMix64: tiny, seeded, identical on every platform, so a generated
 * file is byte-for-byte the same for a given seed (pack_gen_write, and
 * bench_load's hostile packs). A zero state is a fine seed. */
typedef struct PackGenRng {
    uint64_t state;
} PackGenRng;

uint64_t pack_gen_rng_next(PackGenRng *rng);

/* The id a pack gets when its spec names none. */
#define PACK_GEN_ID "bench-generated"

typedef struct PackGenSpec {
    const char *id;    /* NULL = PACK_GEN_ID; must be a valid pack id */
    const char *title; /* NULL = "Generated benchmark pack"; no '"' or '\' */
    size_t questions;  /* 1..PACK_MAX_QUESTIONS */
    uint64_t seed;     /* same spec, same bytes */
} PackGenSpec;

/* Writes the whole pack to `out` (the caller opens and closes it): 24
 * topics, 16 source sections, the eight question types in turn. Returns
 * false when writing failed. */
bool pack_gen_write(FILE *out, const PackGenSpec *spec);

#endif
