/* fsutil.h - file system questions every layer shares (core, UI, command
 * line), answered one way everywhere.
 *
 * Packs come from folders other people can write to (a shared class
 * computer, a USB stick). fs_open_in_folder() and fs_open_file() are the
 * only way quizdeck opens such a file for reading, and they read nothing
 * but regular files inside the folder: a symbolic link is followed only
 * when it stays inside the folder, and a FIFO, a device, a socket or a
 * folder is refused without being read (a FIFO would block the reader for
 * ever). The checks are made on the open descriptor (fstat), not on the
 * name, so nothing can be swapped between a check and the read.
 */
#ifndef QUIZDECK_FSUTIL_H
#define QUIZDECK_FSUTIL_H

#include <stdbool.h>

/* True when `path` names a folder, following symbolic links (so a link to a
 * folder counts). False when it does not exist or cannot be examined. */
bool is_dir(const char *path);

/* Why fs_open_in_folder() or fs_open_file() did not open a file. */
typedef enum FsRefusal {
    FS_OPENED,       /* not refused: FsFile.fd is open for reading */
    FS_MISSING,      /* nothing has that name */
    FS_LINK_OUTSIDE, /* a symbolic link that leads out of the folder */
    FS_LINK_BROKEN,  /* a symbolic link to nothing, or links that loop */
    FS_FOLDER,       /* a folder (or a link to one) */
    FS_FIFO,         /* a named pipe: reading one could wait for ever */
    FS_DEVICE,       /* a character or block device */
    FS_SOCKET,
    FS_TOO_BIG,     /* a regular file over the size limit asked for */
    FS_OPEN_FAILED, /* the system refused (FsFile.error says why) */
} FsRefusal;

typedef struct FsFile {
    int fd;         /* FS_OPENED: open for reading, the caller close()s it; else -1 */
    long long size; /* FS_OPENED, FS_TOO_BIG: its size in bytes */
    bool via_link;  /* reached through a symbolic link inside the folder */
    int error;      /* FS_OPEN_FAILED: the errno value */
    unsigned long long device, inode; /* FS_OPENED: which file it is; a file
                                         reached by two names has one pair */
} FsFile;

/* Opens the entry `name` of the folder open as `dir_fd` (from open() or
 * dirfd(); `dir_path` is that folder's path, used to resolve links) for
 * reading: a regular file of at most `max_bytes`, or a symbolic link whose
 * target, resolved, is such a file inside that folder (in it or below it).
 * Never blocks, whatever the entry is. Returns FS_OPENED and fills `out`
 * (out->fd is the caller's to close), or why not (out->fd is -1). */
FsRefusal fs_open_in_folder(int dir_fd, const char *dir_path, const char *name, long long max_bytes,
                            FsFile *out);

/* The same for a path: `path` is read as an entry of the folder it names
 * (a link in that folder must stay in it). */
FsRefusal fs_open_file(const char *path, long long max_bytes, FsFile *out);

/* What a refused entry is, as a noun for a sentence ("a named pipe
 * (FIFO)", "a device", "a folder", ...); "" for the refusals that are not
 * about the kind of entry (FS_OPENED, FS_MISSING, FS_TOO_BIG,
 * FS_OPEN_FAILED, the two link refusals). Static text. */
const char *fs_refusal_noun(FsRefusal refusal);

#endif
