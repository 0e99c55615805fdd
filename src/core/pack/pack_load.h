/* pack_load.h - reading and checking one pack file (format v1).
 *
 * The loader streams libyaml events (never a document tree, so memory stays
 * near the size of the data kept) and checks every rule of the format page
 * while it builds the Pack. All problems of a file are reported, not just the
 * first; a file with any error yields no Pack.
 */
#ifndef QUIZDECK_PACK_LOAD_H
#define QUIZDECK_PACK_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "pack.h"

/* What this loader gives for a file: its Pack and its messages. Bump it
 * whenever they change for some input (a check, a message, a field), so
 * that caches (pack_cache.h) made by an older loader are not used.
 * tests/unit/test_pack_cache.c notices when the loader's output over the
 * test corpus changed without a bump. */
enum { PACK_LOADER_VERSION = 1 };

/* Loads and checks the pack at `path`. Errors and warnings are appended to
 * `diags` with `path` as their file name. Returns a Pack the caller owns
 * (free with pack_free) when the file has no errors, NULL otherwise.
 * Only a regular file is read, opened with fs_open_file() (fsutil.h): a
 * FIFO, a device, a folder or a symbolic link out of the file's folder is
 * refused, without waiting, as one error "not read: it is ...". */
Pack *pack_load_file(const char *path, DiagList *diags);

/* The same from a descriptor the caller opened (with fs_open_file or
 * fs_open_in_folder) and still owns: read to its end, never closed here.
 * `name` is the file name used in messages. */
Pack *pack_load_fd(const char *name, int fd, DiagList *diags);

/* Same, from memory: `name` is the file name used in messages. `data` need
 * not be NUL-terminated and is not kept. */
Pack *pack_load_buffer(const char *name, const char *data, size_t size, DiagList *diags);

/* Edit-distance cells (one comparison of two characters each) that one
 * file may spend on "did you mean" suggestions: some 10 ms, enough for
 * thousands of short slips; later errors come without a suggestion, so a
 * pack made of errors cannot make the loader slow. */
enum { PACK_SUGGESTION_BUDGET = 4000000 };

/* What one load spent on "did you mean" suggestions: with it, tests and
 * benchmarks show the work is bounded (at most PACK_SUGGESTION_BUDGET cells
 * per file, and no search for a message past DIAG_MAX_ITEMS), without
 * timing anything. */
typedef struct PackLoadStats {
    size_t suggestions;      /* searches run, one per message that could have one */
    size_t suggestion_cells; /* edit-distance cells they computed */
} PackLoadStats;

/* pack_load_buffer, also filling *stats (when not NULL). */
Pack *pack_load_buffer_stats(const char *name, const char *data, size_t size, DiagList *diags,
                             PackLoadStats *stats);

#endif
