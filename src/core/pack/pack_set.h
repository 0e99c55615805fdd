/* pack_set.h - every pack the game knows: shipped ones plus the user's.
 *
 * Folders are read non-recursively; only *.yaml and *.yml files are packs,
 * taken in byte order of their names so results never depend on the file
 * system. A pack whose id is already taken is an error naming both files.
 * Failed files are kept (with their messages) so the UI can list them.
 */
#ifndef QUIZDECK_PACK_SET_H
#define QUIZDECK_PACK_SET_H

#include <stdbool.h>

#include "diag.h"
#include "pack.h"

typedef struct PackFailure {
    char *path;     /* owned */
    DiagList diags; /* every message of that file; at least one error */
} PackFailure;

/* Every file read, in load order, with all its messages: what --check
 * prints, so each file's errors and warnings stay together. */
typedef struct PackReport {
    char *path;     /* owned */
    DiagList diags; /* errors and warnings of that file */
    bool loaded;
} PackReport;

typedef struct PackSet {
    Pack **packs; /* owned; in load order */
    size_t pack_count;
    PackFailure *failures; /* owned */
    size_t failure_count;
    DiagList warnings;   /* warnings of packs that did load */
    PackReport *reports; /* owned; one per file read, in order */
    size_t report_count;
    char **seen_paths; /* owned; real paths already read, so a file named
                            twice (a folder and its file) is read once */
    size_t seen_count;
} PackSet;

typedef enum PackSetStatus {
    PACK_SET_OK,      /* the path was read (some packs may have failed) */
    PACK_SET_NO_PATH, /* no such file or folder, or unreadable folder */
} PackSetStatus;

/* A zeroed PackSet is empty: `PackSet set = {0};`. */

/* Adds a pack file, or every pack file of a folder. A file given by name is
 * read whatever its extension. Returns PACK_SET_NO_PATH (and adds a failure
 * record) when `path` does not exist. */
PackSetStatus pack_set_add_path(PackSet *set, const char *path);

/* True when a file name ends in .yaml or .yml, in any case (how folders
 * pick their packs). */
bool pack_set_is_pack_name(const char *file_name);

/* Total number of errors over every failure. */
size_t pack_set_error_count(const PackSet *set);

/* Finds a loaded pack by id; NULL when absent. */
Pack *pack_set_find(const PackSet *set, const char *pack_id);

/* Frees every pack and record; the set is empty afterwards. */
void pack_set_free(PackSet *set);

#endif
