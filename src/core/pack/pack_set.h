/* pack_set.h - every pack the game knows: shipped ones plus the user's.
 *
 * Folders are read non-recursively; only *.yaml and *.yml files are packs,
 * taken in byte order of their names so results never depend on the file
 * system. Names starting with a dot are ignored (editors' and systems'
 * hidden files). A pack whose id is already taken is an error naming both
 * files. Failed files are kept (with their messages) so the UI can list
 * them.
 *
 * Only regular files inside the folder are read (fsutil.h): a pack-named
 * entry that is a symbolic link leading out of the folder, a FIFO, a device,
 * a socket or a folder is not read, and is kept as a failure with
 * `not_read` set and one error saying why ("not read: it is a named pipe
 * (FIFO), not a file"), never skipped silently. A link that stays inside
 * the folder is read like the file it leads to. A file reached twice (a
 * folder and one of its files, a link and its target) is read once.
 *
 * With a cache folder (pack_set_use_cache), every file is read through the
 * pack cache (pack_cache.h): the same packs and messages, without parsing
 * the files that did not change. Without one (--check), every file is
 * parsed.
 *
 * Loading many packs, or a large one, takes time the first frame must not
 * wait for: a PackSetLoader (at the bottom) does the same work one file per
 * step, on any one thread, while another thread reads its progress.
 */
#ifndef QUIZDECK_PACK_SET_H
#define QUIZDECK_PACK_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "id_index.h"
#include "pack.h"
#include "pack_cache.h"

typedef struct PackFailure {
    char *path;     /* owned */
    DiagList diags; /* every message of that file; at least one error */
    bool not_read;  /* refused before reading (a link out of the folder, a
                       FIFO, a device, a folder, too big, cannot be opened):
                       diags holds the one error that says why */
} PackFailure;

/* Every file read, in load order, with all its messages: what --check
 * prints, so each file's errors and warnings stay together. */
typedef struct PackReport {
    char *path;     /* owned */
    DiagList diags; /* errors and warnings of that file */
    bool loaded;
    bool not_read;          /* as in PackFailure */
    PackCacheOutcome cache; /* how the cache served it (UNUSED without one) */
} PackReport;

struct PackSetSeen; /* private to pack_set.c */

typedef struct PackSet {
    Pack **packs; /* owned; in load order */
    size_t pack_count;
    PackFailure *failures; /* owned */
    size_t failure_count;
    DiagList warnings;   /* warnings of packs that did load */
    PackReport *reports; /* owned; one per file read or refused, in order */
    size_t report_count;
    char *cache_dir; /* owned; NULL: every file is parsed (pack_set_use_cache) */
    /* Private: capacities, the files already read (so each is read once)
     * and an index of pack ids (so adding a pack costs the same however
     * many there are). */
    size_t pack_capacity, failure_capacity, report_capacity;
    struct PackSetSeen *seen;
    size_t seen_count, seen_capacity;
    IdIndex pack_ids;
} PackSet;

typedef enum PackSetStatus {
    PACK_SET_OK,      /* the path was read (some packs may have failed) */
    PACK_SET_NO_PATH, /* no such file or folder, or unreadable folder */
} PackSetStatus;

/* A zeroed PackSet is empty, without a cache: `PackSet set = {0};`. */

/* Reads the files added from now on through the pack cache in `cache_dir`
 * (copied; NULL: no cache). False when out of memory (then no cache). */
bool pack_set_use_cache(PackSet *set, const char *cache_dir);

/* Adds a pack file, or every pack file of a folder. A file given by name is
 * read whatever its extension (and whatever its first character), under the
 * same rules as a folder's entries, its folder being the one it is in.
 * Returns PACK_SET_NO_PATH (and adds a failure record) when `path` does not
 * exist. Never blocks on a FIFO or a device. */
PackSetStatus pack_set_add_path(PackSet *set, const char *path);

/* True when a file name ends in .yaml or .yml, in any case (how folders
 * pick their packs). */
bool pack_set_is_pack_name(const char *file_name);

/* Total number of errors over every failure (a file not read counts one). */
size_t pack_set_error_count(const PackSet *set);

/* Finds a loaded pack by id; NULL when absent. Constant time. */
Pack *pack_set_find(const PackSet *set, const char *pack_id);

/* Frees every pack and record; the set is empty afterwards (and without a
 * cache). */
void pack_set_free(PackSet *set);

/* ---- loading off the main thread ------------------------------------------
 *
 * A PackSetLoader reads a list of paths into a PackSet exactly as
 * pack_set_add_path() would, path after path, but one file per step, so
 * that the UI can run it in a worker thread (or a step at a time between
 * frames) and draw its progress meanwhile:
 *
 *   PackSetLoader *loader = pack_set_loader_new(paths, count, cache_dir);
 *   worker thread:  pack_set_loader_run(loader);  then wakes the UI
 *   UI thread:      PackSetProgress p = pack_set_loader_progress(loader);
 *   UI thread, once the worker has returned (joined):
 *                   pack_set_loader_finish(loader, &app->packs);
 *
 * Only one thread steps a loader at a time; pack_set_loader_progress() and
 * pack_set_loader_cancel() may be called from any thread meanwhile. */

typedef struct PackSetLoader PackSetLoader;

typedef struct PackSetProgress {
    size_t files_done;
    size_t files_total;             /* 0 until the folders are listed */
    unsigned long long bytes_done;  /* of pack files read (hashed or parsed) */
    unsigned long long bytes_total; /* of every file to read, once listed */
    /* The file being read, or NULL: owned by the loader, valid until
     * pack_set_loader_finish() (copy it to keep it). */
    const char *current;
    bool listed; /* the folders are listed: the totals are known */
    bool done;   /* every file is read, or the load was cancelled */
} PackSetProgress;

/* A loader of `paths` (copied), through the cache in `cache_dir` (copied;
 * NULL: no cache). Reads nothing yet: the first step lists the folders.
 * NULL when out of memory. */
PackSetLoader *pack_set_loader_new(const char *const *paths, size_t count, const char *cache_dir);

/* Reads the next file (the first call lists every folder first). Returns
 * true while files remain, false when all are read or it was cancelled. */
bool pack_set_loader_step(PackSetLoader *loader);

/* Steps until done: the body of a worker thread. */
void pack_set_loader_run(PackSetLoader *loader);

/* How far it is; any thread, any time before pack_set_loader_finish(). */
PackSetProgress pack_set_loader_progress(const PackSetLoader *loader);

/* Asks the loader to stop: the file being read stops soon (its load ends
 * with an error and is not cached) and no further file is read. Any
 * thread. The set then holds what was read before. */
void pack_set_loader_cancel(PackSetLoader *loader);

/* Hands the set over and frees the loader. Call it once no thread steps
 * the loader any more (the worker has returned). *set must be empty; it
 * receives the packs, failures, reports and warnings, in path order, and
 * keeps the cache folder for files added later (a pack dropped on the
 * window). Files not read yet (after a cancel) are not in it. */
void pack_set_loader_finish(PackSetLoader *loader, PackSet *set);

#endif
