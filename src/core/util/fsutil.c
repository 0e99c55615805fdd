/* fsutil.c - shared file system helpers (fsutil.h).
 *
 * How a folder entry is opened without leaving the folder: the entry is
 * examined without following it (fstatat, AT_SYMLINK_NOFOLLOW) so that a
 * FIFO or a device is refused without being opened; a regular file is
 * opened with O_NOFOLLOW | O_NONBLOCK relative to the folder's descriptor
 * and examined again through the descriptor (fstat), which is what counts.
 * A symbolic link is resolved (realpath) only to learn where it leads; when
 * that is inside the folder, the resolved path is opened one component at a
 * time from the folder's descriptor, each with O_NOFOLLOW, so a link
 * swapped in meanwhile cannot lead the open anywhere else.
 */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strutil.h"

bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *fs_refusal_noun(FsRefusal refusal)
{
    switch (refusal) {
    case FS_FOLDER:
        return "a folder";
    case FS_FIFO:
        return "a named pipe (FIFO)";
    case FS_DEVICE:
        return "a device";
    case FS_SOCKET:
        return "a socket";
    default:
        return "";
    }
}

/* What an entry of this mode is, as far as reading it goes. */
static FsRefusal refusal_of_mode(mode_t mode)
{
    if (S_ISREG(mode))
        return FS_OPENED;
    if (S_ISDIR(mode))
        return FS_FOLDER;
    if (S_ISFIFO(mode))
        return FS_FIFO;
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return FS_DEVICE;
    if (S_ISSOCK(mode))
        return FS_SOCKET;
    return FS_LINK_BROKEN; /* a link where none can be: it was swapped */
}

static FsRefusal failed(FsFile *out, int error)
{
    out->error = error;
    return error == ENOENT ? FS_MISSING : FS_OPEN_FAILED;
}

/* Opens the last component `name` of a walk in folder `at`: refuses what is
 * not a regular file before opening it, then judges the open descriptor. */
static FsRefusal open_last(int at, const char *name, long long max_bytes, FsFile *out)
{
    struct stat st;
    if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return failed(out, errno);
    if (S_ISLNK(st.st_mode))
        return FS_LINK_OUTSIDE; /* appeared after realpath looked: trust nothing */
    FsRefusal kind = refusal_of_mode(st.st_mode);
    if (kind != FS_OPENED)
        return kind;
    int fd = openat(at, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno == ELOOP ? FS_LINK_OUTSIDE : failed(out, errno);
    if (fstat(fd, &st) != 0) {
        int error = errno;
        close(fd);
        return failed(out, error);
    }
    kind = refusal_of_mode(st.st_mode);
    if (kind == FS_OPENED && (long long)st.st_size > max_bytes)
        kind = FS_TOO_BIG;
    out->size = (long long)st.st_size;
    if (kind != FS_OPENED) {
        close(fd);
        return kind;
    }
    out->fd = fd;
    out->device = (unsigned long long)st.st_dev;
    out->inode = (unsigned long long)st.st_ino;
    return FS_OPENED;
}

/* Opens `rest` (a path relative to folder `dir_fd` with no link, no "." and
 * no ".." in it, as realpath gives) one component at a time. */
static FsRefusal open_walk(int dir_fd, char *rest, long long max_bytes, FsFile *out)
{
    int at = dir_fd;
    FsRefusal result;
    for (;;) {
        char *slash = strchr(rest, '/');
        if (!slash) {
            result = open_last(at, rest, max_bytes, out);
            break;
        }
        *slash = '\0';
        int next = openat(at, rest, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int error = errno;
        if (at != dir_fd)
            close(at);
        if (next < 0) {
            result = error == ELOOP || error == ENOTDIR ? FS_LINK_OUTSIDE : failed(out, error);
            return result;
        }
        at = next;
        rest = slash + 1;
    }
    if (at != dir_fd)
        close(at);
    return result;
}

/* A symbolic link `name` in the folder: followed only when it stays inside. */
static FsRefusal open_link(int dir_fd, const char *dir_path, const char *name, long long max_bytes,
                           FsFile *out)
{
    out->via_link = true;
    size_t n = strlen(dir_path) + 1 + strlen(name) + 1;
    char *joined = malloc(n);
    if (!joined)
        return failed(out, ENOMEM);
    snprintf(joined, n, "%s/%s", dir_path, name);
    char *target = realpath(joined, NULL);
    int error = errno;
    free(joined);
    if (!target) {
        if (error == ENOENT || error == ELOOP || error == ENOTDIR)
            return FS_LINK_BROKEN;
        return failed(out, error);
    }
    char *folder = realpath(dir_path, NULL);
    if (!folder) {
        error = errno;
        free(target);
        return failed(out, error);
    }
    size_t len = strlen(folder);
    if (len == 1) /* the root folder: "/" + rest */
        len = 0;
    FsRefusal result;
    if (strcmp(target, folder) == 0)
        result = FS_FOLDER; /* a link to the folder itself */
    else if (strncmp(target, folder, len) != 0 || target[len] != '/' || target[len + 1] == '\0')
        result = FS_LINK_OUTSIDE;
    else
        result = open_walk(dir_fd, target + len + 1, max_bytes, out);
    free(folder);
    free(target);
    return result;
}

FsRefusal fs_open_in_folder(int dir_fd, const char *dir_path, const char *name, long long max_bytes,
                            FsFile *out)
{
    *out = (FsFile){.fd = -1};
    struct stat st;
    if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return failed(out, errno);
    if (S_ISLNK(st.st_mode))
        return open_link(dir_fd, dir_path, name, max_bytes, out);
    FsRefusal result = open_last(dir_fd, name, max_bytes, out);
    if (result == FS_LINK_OUTSIDE) /* became a link meanwhile: judge it as one */
        return open_link(dir_fd, dir_path, name, max_bytes, out);
    return result;
}

FsRefusal fs_open_file(const char *path, long long max_bytes, FsFile *out)
{
    *out = (FsFile){.fd = -1};
    /* Split into folder and name; "pack.yaml/" names the folder pack.yaml. */
    char *copy = dup_string(path);
    if (!copy)
        return failed(out, ENOMEM);
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    bool trailing_slash = n < strlen(path);
    char *slash = strrchr(copy, '/');
    const char *dir = ".", *name = copy;
    if (slash == copy) {
        dir = "/";
        name = copy + 1;
    } else if (slash) {
        *slash = '\0';
        dir = copy;
        name = slash + 1;
    }
    FsRefusal result;
    if (name[0] == '\0') {
        result = FS_FOLDER; /* "/" */
    } else {
        int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd < 0) {
            result = failed(out, errno == ENOTDIR ? ENOENT : errno);
        } else {
            result = fs_open_in_folder(dir_fd, dir, name, max_bytes, out);
            close(dir_fd);
        }
    }
    if (result == FS_OPENED && trailing_slash) { /* "file.yaml/" names no file */
        close(out->fd);
        out->fd = -1;
        result = failed(out, ENOTDIR);
    }
    free(copy);
    return result;
}
