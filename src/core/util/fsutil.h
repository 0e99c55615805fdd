/* fsutil.h - file system questions every layer shares (core, UI, command
 * line), answered one way everywhere.
 */
#ifndef QUIZDECK_FSUTIL_H
#define QUIZDECK_FSUTIL_H

#include <stdbool.h>

/* True when `path` names a folder, following symbolic links (so a link to a
 * folder counts). False when it does not exist or cannot be examined. */
bool is_dir(const char *path);

#endif
