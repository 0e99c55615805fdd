/* class_yaml.c - bounded files, where paths lead, and the YAML cursor with
 * the class files' limits and words: what the session and result readers
 * share beyond yaml_cursor.h (class_yaml.h).
 *
 * Read class_yaml.h first.
 */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "class_yaml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- files */

CyFileStatus cy_read_file(const char *path, size_t limit, bool no_follow, char **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
     * below once fstat says what it is. */
    int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (no_follow ? O_NOFOLLOW : 0);
    int fd = open(path, flags);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return CY_FILE_MISSING;
        if (errno == ELOOP)
            return CY_FILE_NOT_REGULAR;
        return CY_FILE_UNREADABLE;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return CY_FILE_UNREADABLE;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return CY_FILE_NOT_REGULAR;
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > limit) {
        close(fd);
        return CY_FILE_TOO_BIG;
    }
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return CY_FILE_NO_MEMORY;
    }
    size_t n = 0;
    for (;;) {
        if (n == cap - 1) {
            /* The file grew while it was read: allow up to the limit. */
            if (cap - 1 >= limit) {
                char probe;
                ssize_t more = read(fd, &probe, 1);
                if (more > 0) {
                    free(buf);
                    close(fd);
                    return CY_FILE_TOO_BIG;
                }
                break;
            }
            size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *grown = realloc(buf, ncap);
            if (!grown) {
                free(buf);
                close(fd);
                return CY_FILE_NO_MEMORY;
            }
            buf = grown;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            errno = e;
            return CY_FILE_UNREADABLE;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    *data = buf;
    *size = n;
    return CY_FILE_OK;
}

const char *cy_file_problem(CyFileStatus status)
{
    switch (status) {
    case CY_FILE_OK:
        return "ok";
    case CY_FILE_MISSING:
        return "no such file";
    case CY_FILE_NOT_REGULAR:
        return "not a regular file (a folder, a link, a FIFO or a device), so it is not read";
    case CY_FILE_TOO_BIG:
        return "the file is larger than the limit";
    case CY_FILE_UNREADABLE:
        return "the file cannot be read";
    case CY_FILE_NO_MEMORY:
        return "out of memory";
    }
    return "unknown problem";
}

CyPlace cy_place(const char *folder, const char *path)
{
    char *f = realpath(folder, NULL);
    char *p = f ? realpath(path, NULL) : NULL;
    CyPlace place = CY_NOWHERE;
    if (f && p) {
        size_t n = strlen(f);
        bool root = n == 1 && f[0] == '/';
        place =
            strncmp(f, p, n) == 0 && (root || p[n] == '/' || p[n] == '\0') ? CY_INSIDE : CY_OUTSIDE;
    }
    free(f);
    free(p);
    return place;
}

char *cy_join(const char *folder, const char *name)
{
    if (!folder || !folder[0] || strcmp(folder, ".") == 0) {
        char *copy = malloc(strlen(name) + 1);
        if (copy)
            strcpy(copy, name);
        return copy;
    }
    size_t a = strlen(folder), b = strlen(name);
    bool slash = folder[a - 1] == '/';
    char *s = malloc(a + b + 2);
    if (s)
        snprintf(s, a + b + 2, "%s%s%s", folder, slash ? "" : "/", name);
    return s;
}

/* --------------------------------------------------------------- cursor */

/* What session and result files ask of the YAML cursor. The files are
 * bounded when they are read (cy_read_file), so the cursor need not be. */
static const YcFormat class_format = {
    .max_bytes = UINT64_MAX,
    .too_big = "the file is larger than the limit",
    .max_depth = 12, /* both formats need 4 */
    .depth_note = "",
    .noun = "this file",
    .utf8_advice = "the file must be saved as UTF-8",
    .quote_hint = false,
    .syntax_hints = false, /* the session format page pins libyaml's words */
    .suggestion_budget = SIZE_MAX,
};

bool cy_open(YcCursor *r, const char *name, const char *data, size_t size, Arena *arena,
             DiagList *diags)
{
    return yc_open_buffer(r, &class_format, name, data, size, arena, diags);
}

bool cy_utf8_ok(const char *s, size_t n)
{
    return yc_utf8_check(s, n, NULL, NULL);
}
