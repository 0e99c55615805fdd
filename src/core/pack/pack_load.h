/* pack_load.h - reading and checking one pack file (format v1).
 *
 * The loader streams libyaml events (never a document tree, so memory stays
 * near the size of the data kept) and checks every rule of the format page
 * while it builds the Pack. All problems of a file are reported, not just the
 * first; a file with any error yields no Pack.
 */
#ifndef QUIZDECK_PACK_LOAD_H
#define QUIZDECK_PACK_LOAD_H

#include "diag.h"
#include "pack.h"

/* Loads and checks the pack at `path`. Errors and warnings are appended to
 * `diags` with `path` as their file name. Returns a Pack the caller owns
 * (free with pack_free) when the file has no errors, NULL otherwise. */
Pack *pack_load_file(const char *path, DiagList *diags);

/* Same, from memory: `name` is the file name used in messages. `data` need
 * not be NUL-terminated and is not kept. */
Pack *pack_load_buffer(const char *name, const char *data, size_t size, DiagList *diags);

#endif
