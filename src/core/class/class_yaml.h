/* class_yaml.h - what the session reader and the result reader share beyond
 * the core's YAML cursor (yaml_cursor.h, which the pack loader uses too):
 * bounded files, where a path leads, and the cursor opened with the class
 * files' limits and words. Private to src/core/class/ (everybody else
 * includes session.h, result.h).
 *
 * Session files and result files are small (1 MiB, 32 MiB at most) and come
 * from other people (design rule 9), so each is read whole into memory by
 * cy_read_file (regular files only, never a FIFO or a device, never through
 * a link when asked), then cy_open() starts yaml_cursor.h's cursor over the
 * buffer: its UTF-8 is checked with the line and column of a bad byte as it
 * is parsed, anchors, aliases, unknown tags and deep nesting are refused,
 * and every problem becomes a Diag at FILE:LINE:COLUMN.
 *
 * Names: cy_ (class YAML). Read session_load.c for a user of every piece.
 */
#ifndef QUIZDECK_CLASS_YAML_H
#define QUIZDECK_CLASS_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "yaml_cursor.h"

/* ---- files ---------------------------------------------------------------- */

typedef enum CyFileStatus {
    CY_FILE_OK,
    CY_FILE_MISSING,     /* no such file */
    CY_FILE_NOT_REGULAR, /* a folder, FIFO, device, or a link when refused */
    CY_FILE_TOO_BIG,
    CY_FILE_UNREADABLE, /* open or read failed: errno says why */
    CY_FILE_NO_MEMORY,
} CyFileStatus;

/* Reads a whole regular file of at most `limit` bytes into a malloc'd
 * buffer (NUL-terminated; *size excludes the NUL) that the caller frees.
 * Never blocks on a FIFO. With no_follow, a symbolic link is refused. */
CyFileStatus cy_read_file(const char *path, size_t limit, bool no_follow, char **data,
                          size_t *size);

/* "is a folder, not a file", ...: the reason for a status, for messages. */
const char *cy_file_problem(CyFileStatus status);

typedef enum CyPlace { CY_INSIDE, CY_OUTSIDE, CY_NOWHERE } CyPlace;

/* Whether `path`, with every link followed, is inside `folder` (also
 * followed): what keeps a session's files from leading out of it.
 * CY_NOWHERE when either does not exist. */
CyPlace cy_place(const char *folder, const char *path);

/* folder + "/" + name in a malloc'd string the caller frees; NULL when out
 * of memory. A folder of "" or "." gives name alone. */
char *cy_join(const char *folder, const char *name);

/* ---- the cursor ----------------------------------------------------------- */

/* Starts the cursor over data[0..size) (which must outlive it) with the
 * class files' limits: values are copied to `arena`. False when it cannot
 * start (reported). Call yc_close() in any case. */
bool cy_open(YcCursor *r, const char *name, const char *data, size_t size, Arena *arena,
             DiagList *diags);

/* True when s[0..n) is UTF-8 (yc_utf8_check): for a name a student types. */
bool cy_utf8_ok(const char *s, size_t n);

#endif
