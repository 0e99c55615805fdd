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
 */
#ifndef QUIZDECK_PACK_SET_H
#define QUIZDECK_PACK_SET_H

#include <stdbool.h>

#include "diag.h"
#include "id_index.h"
#include "pack.h"

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
    bool not_read; /* as in PackFailure */
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

/* A zeroed PackSet is empty: `PackSet set = {0};`. */

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

/* Frees every pack and record; the set is empty afterwards. */
void pack_set_free(PackSet *set);

#endif
