/* fuzz_pack_cache.c - libFuzzer target for the pack cache's image.
 *
 * Two things must hold for any input:
 *   - as an image (an input that starts with the image's magic, its
 *     checksum sealed so that the reader's own checks are what is tried):
 *     the reader never crashes, and whatever it accepts keeps every promise
 *     of pack_invariants.h, the same as a Pack the loader returns; one it
 *     refuses appends no record;
 *   - as YAML: the load written as an image and read back is the same load
 *     (tests/fuzz/pack_compare.h), Pack and records; and that image, with
 *     a few bytes changed where the input says and sealed again, is
 *     refused or read into a Pack that keeps the promises.
 * So the seeds run-fuzz.sh gives every target (the YAML files of the tree)
 * reach the reader too, through their images. A broken promise prints what
 * broke and aborts. Build and run: tests/fuzz/run-fuzz.sh fuzz_pack_cache.
 * Read pack_cache.h first.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hash64.h"
#include "pack.h"
#include "pack_cache.h"
#include "pack_compare.h"
#include "pack_invariants.h"
#include "pack_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char FUZZ_NAME[] = "fuzz.yaml";
static const char MAGIC[8] = {'Q', 'Z', 'D', 'P', 'A', 'C', 'K', '\n'};

/* Reads `image` (changed in place: sealed) and checks what came out. */
static void fuzz_read_image(unsigned char *image, size_t size)
{
    pack_cache_seal(image, size);
    DiagList diags = {0};
    PackCacheMiss why;
    Pack *pack = pack_cache_decode(image, size, NULL, FUZZ_NAME, &diags, &why);
    if (why != PACK_CACHE_MISS_NONE) {
        fuzz_check(pack == NULL, "a refused image gave a pack", NULL);
        fuzz_check(diags.count == 0 && diags.error_count == 0, "a refused image gave records",
                   NULL);
    } else {
        fuzz_diags(&diags, FUZZ_NAME);
        if (pack) {
            fuzz_check(diags.error_count == 0, "an image gave a pack with errors", NULL);
            fuzz_pack(pack, FUZZ_NAME);
        } else {
            fuzz_check(diags.error_count >= 1, "an image gave no pack and no error", NULL);
        }
    }
    pack_free(pack);
    diag_clear(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= sizeof MAGIC && memcmp(data, MAGIC, sizeof MAGIC) == 0) {
        unsigned char *copy = malloc(size);
        if (copy) {
            memcpy(copy, data, size);
            fuzz_read_image(copy, size);
            free(copy);
        }
        return 0;
    }
    DiagList diags = {0};
    Pack *pack = pack_load_buffer(FUZZ_NAME, (const char *)data, size, &diags);
    PackCacheKey key = {.path = "/fuzz/fuzz.yaml", .size = size};
    void *image = NULL;
    size_t image_size = 0;
    if (pack_cache_encode(pack, &diags, &key, &image, &image_size)) {
        DiagList again = {0};
        PackCacheMiss why;
        Pack *read = pack_cache_decode(image, image_size, &key, FUZZ_NAME, &again, &why);
        PackDiff d = {{0}};
        fuzz_check(why == PACK_CACHE_MISS_NONE, "the image of a load was refused", NULL);
        fuzz_check(pack_same(&d, pack, read), "the image gave another pack", d.where);
        fuzz_check(pack_same_diags(&d, &diags, &again), "the image gave other records", d.where);
        pack_free(read);
        diag_clear(&again);
        /* A few bytes changed, where and to what the input says. */
        unsigned char *bad = malloc(image_size);
        for (uint64_t i = 0; bad && i < 4 && i < size; i++) {
            memcpy(bad, image, image_size);
            uint64_t h = hash64(data, size, i);
            bad[h % image_size] = data[(h >> 32) % size];
            bad[(h >> 16) % image_size] ^= (unsigned char)(h >> 8);
            fuzz_read_image(bad, image_size);
        }
        free(bad);
        free(image);
    }
    pack_free(pack);
    diag_clear(&diags);
    return 0;
}
