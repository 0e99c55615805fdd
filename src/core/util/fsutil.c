/* fsutil.c - shared file system helpers (fsutil.h). */
#include "fsutil.h"

#include <sys/stat.h>

bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
