/* pack_cache.h - packs without waiting for YAML: a binary cache of loads.
 *
 * libyaml alone needs some 300 ms for a pack of 50,000 questions, every
 * launch. The cache keeps what one load of a pack file gave (the Pack, or
 * the errors that stopped it, and its warnings either way) as one image per
 * file in a cache folder; the next load that finds the file unchanged reads
 * the image instead of the YAML, and gives the identical Pack and the same
 * messages (tests/unit/test_pack_cache.c compares them for every pack of
 * the tree).
 *
 * An entry is used only when all of its key matches: the file's canonical
 * path, size, modification time (to the nanosecond), inode and device, a
 * hash of its bytes (an edit that keeps the size and the second is still
 * seen: the bytes are read and hashed, which costs far less than parsing
 * them), PACK_LOADER_VERSION and PACK_CACHE_FORMAT_VERSION. It is never
 * trusted: the image's checksum, every size and count, every string (UTF-8,
 * terminated, within its limit) and the promises of pack.h are checked
 * before a Pack is built. Anything wrong and the file is read as YAML and
 * its entry written again; the caller only learns it from PackCacheInfo.
 *
 * Entries are written to a temporary file in the cache folder, synced and
 * renamed over the old one, so a reader sees a whole image or none, and two
 * games writing one entry at once both succeed (the last rename wins). A
 * folder that cannot be written costs nothing but the write: the pack is
 * still loaded, and PackCacheInfo says why it was not kept.
 *
 * A Pack read from the cache points into its image, mapped read-only and
 * private and owned by the Pack (arena_adopt_mapping): its strings are read
 * from the file only when touched, so a 50,000-question pack costs the
 * memory of its Question records, not of its text. The mapping stays valid
 * when the entry is replaced or removed (rename and unlink leave the
 * mapped file alone); a program that rewrote the entry in place would
 * change it under the game, as it would a shared library.
 *
 * The core reads no environment: the folder is a parameter of every call.
 * pack_cache_dir_from_env() is the one helper that reads it, for the UI and
 * the command line. --check never uses the cache: it reports what the
 * file says, read now.
 *
 * Read pack_load.h first; pack_set.h loads whole folders through this.
 */
#ifndef QUIZDECK_PACK_CACHE_H
#define QUIZDECK_PACK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "pack.h"

/* The layout of an image (pack_cache_internal.h). Bump it when the layout
 * changes; PACK_LOADER_VERSION (pack_load.h) when what the loader gives
 * for some file changes. */
enum { PACK_CACHE_FORMAT_VERSION = 1 };

/* The seed of the content hash (hash64.h) the key holds. */
#define PACK_CACHE_SEED ((uint64_t)0x71756978646B6331u)

/* What a load through the cache did. */
typedef enum PackCacheOutcome {
    PACK_CACHE_UNUSED,      /* no cache folder, or the file's path unknown: YAML only */
    PACK_CACHE_HIT,         /* read from the cache */
    PACK_CACHE_WRITTEN,     /* read from the YAML, and its entry written */
    PACK_CACHE_NOT_WRITTEN, /* read from the YAML; the entry could not be written */
} PackCacheOutcome;

/* Why an entry was not used. */
typedef enum PackCacheMiss {
    PACK_CACHE_MISS_NONE,    /* it was used, or there was no cache to look in */
    PACK_CACHE_MISS_ABSENT,  /* there is no entry for the file */
    PACK_CACHE_MISS_STALE,   /* the entry is of another state of the file */
    PACK_CACHE_MISS_FOREIGN, /* of another cache format, loader, byte order or file */
    PACK_CACHE_MISS_CORRUPT, /* damaged: checksum, sizes, strings, or a broken promise */
} PackCacheMiss;

typedef struct PackCacheInfo {
    PackCacheOutcome outcome;
    PackCacheMiss miss;
    /* PACK_CACHE_NOT_WRITTEN: the errno of the step that failed (creating
     * the folder, writing, renaming), or 0 when the load was not one to
     * keep: the file changed while it was read, or a read error or lack of
     * memory made its result say nothing about the file. */
    int error;
} PackCacheInfo;

/* "unused", "hit", "written", "not written"; "none", "absent", "stale",
 * "foreign", "corrupt": for debug lines. Static text. */
const char *pack_cache_outcome_name(PackCacheOutcome outcome);
const char *pack_cache_miss_name(PackCacheMiss miss);

/* The cache folder of this user: $QUIZDECK_CACHE_DIR when set (tests),
 * else $XDG_CACHE_HOME/quizdeck/packs, else ~/.cache/quizdeck/packs
 * ($HOME). NULL when none can be named (or out of memory); the caller
 * frees the string. The folder is created when the first entry is written.
 *   char *dir = pack_cache_dir_from_env(); pack_set_use_cache(&set, dir); free(dir); */
char *pack_cache_dir_from_env(void);

/* pack_load_fd() (pack_load.h) through the cache in `cache_dir` (NULL: no
 * cache, exactly pack_load_fd). `name` is the file's path, used in
 * messages and to find its entry; `fd` is open on it, at its start, and
 * stays the caller's. Returns what pack_load_fd would: a Pack the caller
 * owns (pack_free) or NULL, with the same errors and warnings appended to
 * `diags`. Fills *info (when not NULL). Never fails because of the cache. */
Pack *pack_cache_load_fd(const char *cache_dir, const char *name, int fd, DiagList *diags,
                         PackCacheInfo *info);

/* The same for a path, opened as pack_load_file() opens it. */
Pack *pack_cache_load_file(const char *cache_dir, const char *path, DiagList *diags,
                           PackCacheInfo *info);

/* ---- the image, for tests, benchmarks and the fuzz target ---------------- */

/* Which state of which file an image is for. */
typedef struct PackCacheKey {
    const char *path; /* canonical (realpath) */
    uint64_t size, mtime_sec, mtime_nsec, inode, device;
    uint64_t content_hash; /* hash64(bytes, PACK_CACHE_SEED) */
} PackCacheKey;

/* The image of one load: `pack` (NULL when the file had errors) and the
 * records of `diags` (every record is of this file), for `key`. On success
 * *image is a malloc'd block of *size bytes the caller frees. False when out
 * of memory, or when the load is not one an image can hold exactly (a NULL
 * string, a list longer than the format allows): then it is not cached. */
bool pack_cache_encode(const Pack *pack, const DiagList *diags, const PackCacheKey *key,
                       void **image, size_t *size);

/* Reads an image (`size` bytes, not kept: the Pack gets its own copy) as
 * the load of the file `name`. With `key`, an image of another key is
 * refused (*why = STALE or FOREIGN); NULL skips that check. A valid image
 * gives its Pack (or NULL for a file that had errors) and appends its
 * records to `diags`, *why = NONE. An invalid one appends nothing, returns
 * NULL and says why. */
Pack *pack_cache_decode(const void *image, size_t size, const PackCacheKey *key, const char *name,
                        DiagList *diags, PackCacheMiss *why);

/* Recomputes the checksum of an image in place, so that a test or the
 * fuzz target can hand the reader damage a checksum would have hidden. */
void pack_cache_seal(void *image, size_t size);

#endif
