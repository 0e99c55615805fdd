/* pack_cache.c - the pack cache's entries and the loads through it
 * (pack_cache.h).
 *
 * One entry per pack file, named after a hash of the file's canonical path
 * (the path itself is inside, and checked). A load first looks at the
 * entry's header (pread: a few hundred bytes) for the file's size, time,
 * inode and device; only when they match is the file hashed, and only when
 * the hash matches too is the entry mapped and read (pack_cache_read.c).
 * Otherwise the YAML is parsed, its bytes hashed as libyaml reads them, and
 * the entry written: to a temporary file of its own in the same folder,
 * synced, then renamed over the entry. The Pack returned after a write is
 * read back from the entry just written, so that a large pack costs, from
 * its first launch on, what a cached one costs.
 *
 * Nothing here reports to the user: a cache that cannot be used or written
 * changes only PackCacheInfo. Read pack_cache.h first.
 */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "pack_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "hash64.h"
#include "pack_cache_internal.h"
#include "pack_load.h"
#include "pack_load_internal.h"
#include "strutil.h"

/* An image larger than this is not one quizdeck wrote (a 64 MiB pack makes
 * well under half of it). */
static const long long ENTRY_MAX_BYTES = 512LL * 1024 * 1024;

enum { HASH_CHUNK = 256 * 1024 };

const char *pack_cache_outcome_name(PackCacheOutcome outcome)
{
    switch (outcome) {
    case PACK_CACHE_UNUSED:
        return "unused";
    case PACK_CACHE_HIT:
        return "hit";
    case PACK_CACHE_WRITTEN:
        return "written";
    case PACK_CACHE_NOT_WRITTEN:
        return "not written";
    }
    return "?";
}

const char *pack_cache_miss_name(PackCacheMiss miss)
{
    switch (miss) {
    case PACK_CACHE_MISS_NONE:
        return "none";
    case PACK_CACHE_MISS_ABSENT:
        return "absent";
    case PACK_CACHE_MISS_STALE:
        return "stale";
    case PACK_CACHE_MISS_FOREIGN:
        return "foreign";
    case PACK_CACHE_MISS_CORRUPT:
        return "corrupt";
    }
    return "?";
}

/* "$base/rest" in new memory, or NULL. */
static char *join(const char *base, const char *rest)
{
    size_t n = strlen(base) + strlen(rest) + 2;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s%s%s", base, base[0] && base[strlen(base) - 1] == '/' ? "" : "/",
                 rest);
    return path;
}

char *pack_cache_dir_from_env(void)
{
    const char *own = getenv("QUIZDECK_CACHE_DIR");
    if (own && own[0])
        return dup_string(own);
    /* The XDG base directory rules: a relative XDG_CACHE_HOME is ignored. */
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && xdg[0] == '/')
        return join(xdg, "quizdeck/packs");
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return join(home, ".cache/quizdeck/packs");
    return NULL;
}

/* ------------------------------------------------------------- the key */

/* The canonical path of the file open as `fd`: what the descriptor itself
 * names (Linux's /proc/self/fd, one call, and the file actually opened),
 * else realpath(name). False when neither tells. */
static bool canonical_path(int fd, const char *name, char out[PATH_MAX])
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, PATH_MAX - 1);
    if (n > 0 && out[0] == '/') {
        out[n] = '\0';
        static const char deleted[] = " (deleted)";
        size_t d = sizeof deleted - 1;
        if (!((size_t)n > d && strcmp(out + n - d, deleted) == 0))
            return true;
    }
    return realpath(name, out) != NULL;
}

static PackCacheKey key_of(const struct stat *st, const char *path)
{
    return (PackCacheKey){
        .path = path,
        .size = (uint64_t)st->st_size,
        .mtime_sec = (uint64_t)st->st_mtim.tv_sec,
        .mtime_nsec = (uint64_t)st->st_mtim.tv_nsec,
        .inode = (uint64_t)st->st_ino,
        .device = (uint64_t)st->st_dev,
    };
}

static bool same_state(const struct stat *a, const struct stat *b)
{
    return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ino == b->st_ino &&
           a->st_dev == b->st_dev;
}

/* The entry's file name in `dir`, in new memory. */
static char *entry_path(const char *dir, const char *canonical)
{
    char name[40];
    snprintf(name, sizeof name, "%016llx.qdpack",
             (unsigned long long)hash64(canonical, strlen(canonical), 0));
    return join(dir, name);
}

/* Hashes the file from its first byte with pread (its offset stays where
 * it is); false when reading fails, is cancelled, or does not give exactly
 * `size` bytes. */
static bool hash_file(int fd, uint64_t size, uint64_t *out, PlProgress *progress)
{
    unsigned char *buf = malloc(HASH_CHUNK);
    if (!buf)
        return false;
    Hash64 hash;
    hash64_init(&hash, PACK_CACHE_SEED);
    uint64_t done = 0;
    bool ok = true;
    for (;;) {
        ssize_t got = pread(fd, buf, HASH_CHUNK, (off_t)done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            ok = got == 0;
            break;
        }
        hash64_update(&hash, buf, (size_t)got);
        done += (uint64_t)got;
        if (pl_progress_at(progress, done)) {
            ok = false; /* cancelled */
            break;
        }
    }
    free(buf);
    *out = hash64_final(&hash);
    return ok && done == size;
}

/* ----------------------------------------------------------- reading */

/* Reads the entry at `entry` as the load of `name` for `key`, whose
 * content hash is filled in here (hashing the file open as `pack_fd`)
 * unless `hashed`. A valid entry's records are appended to `diags`. */
static Pack *read_entry(const char *entry, PackCacheKey *key, bool hashed, int pack_fd,
                        const char *name, DiagList *diags, PackCacheMiss *why, PlProgress *progress)
{
    int fd = open(entry, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        *why = PACK_CACHE_MISS_ABSENT;
        return NULL;
    }
    struct stat st;
    unsigned char header[PC_HEADER_FIXED + PC_PATH_MAX];
    ssize_t got = -1;
    *why = PACK_CACHE_MISS_CORRUPT;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= PC_HEADER_FIXED &&
        st.st_size <= ENTRY_MAX_BYTES) {
        do
            got = pread(fd, header, sizeof header, 0);
        while (got < 0 && errno == EINTR);
    }
    if (got >= PC_HEADER_FIXED)
        *why = pc_check_header(header, (size_t)got, (uint64_t)st.st_size, key, false);
    if (*why == PACK_CACHE_MISS_NONE && !hashed &&
        !hash_file(pack_fd, key->size, &key->content_hash, progress))
        *why = PACK_CACHE_MISS_STALE; /* the file is not what fstat said a moment ago */
    if (*why == PACK_CACHE_MISS_NONE)
        *why = pc_check_header(header, (size_t)got, (uint64_t)st.st_size, key, true);
    void *map = MAP_FAILED;
    if (*why == PACK_CACHE_MISS_NONE) {
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map == MAP_FAILED)
            *why = PACK_CACHE_MISS_ABSENT;
    }
    close(fd); /* a mapping outlives its descriptor */
    if (map == MAP_FAILED)
        return NULL;
    size_t size = (size_t)st.st_size;
    Pack *p = pc_read_image(map, size, key, name, diags, why, true);
    if (!p) {
        munmap(map, size);
        return NULL;
    }
    Arena arena = p->arena;
    if (!arena_adopt_mapping(&arena, map, size)) {
        /* Out of memory for one small node: the mapping is gone already. */
        arena_free(&arena);
        *why = PACK_CACHE_MISS_ABSENT;
        return NULL;
    }
    p->arena = arena;
    return p;
}

/* ----------------------------------------------------------- writing */

/* mkdir -p, the folders it makes private to the user (a cache is). */
static bool make_dirs(const char *dir)
{
    if (is_dir(dir))
        return true;
    char *path = dup_string(dir);
    if (!path)
        return false;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            free(path);
            return false;
        }
        *p = '/';
    }
    bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
    free(path);
    return ok && is_dir(dir);
}

/* Writes the entry atomically; false with *error = errno of what failed. */
static bool write_entry(const char *dir, const char *entry, const Pack *pack, const DiagList *diags,
                        const PackCacheKey *key, int *error)
{
    static atomic_uint counter;
    if (!make_dirs(dir)) {
        *error = errno ? errno : ENOTDIR;
        return false;
    }
    size_t n = strlen(entry) + 64;
    char *tmp = malloc(n);
    if (!tmp) {
        *error = ENOMEM;
        return false;
    }
    int fd = -1;
    /* A name no other writer uses: this process, this call, this instant. */
    for (int attempt = 0; attempt < 8 && fd < 0; attempt++) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        snprintf(tmp, n, "%s.%ld-%u-%ld.tmp", entry, (long)getpid(), atomic_fetch_add(&counter, 1u),
                 (long)now.tv_nsec);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        *error = errno;
        free(tmp);
        return false;
    }
    bool ok = pc_write_image(fd, pack, diags, key);
    *error = errno;
    if (ok && fsync(fd) != 0) {
        ok = false;
        *error = errno;
    }
    if (close(fd) != 0 && ok) {
        ok = false;
        *error = errno;
    }
    if (ok && rename(tmp, entry) != 0) {
        ok = false;
        *error = errno;
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}

/* Reads `fd` from where the parse stopped to its end into `hash`, so the
 * hash is of every byte of the file as this one pass read it. Returns
 * the bytes read, or -1. */
static long long hash_rest(int fd, Hash64 *hash)
{
    unsigned char *buf = malloc(HASH_CHUNK);
    if (!buf)
        return -1;
    long long total = 0;
    for (;;) {
        ssize_t got = read(fd, buf, HASH_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got < 0)
                total = -1;
            break;
        }
        hash64_update(hash, buf, (size_t)got);
        total += got;
    }
    free(buf);
    return total;
}

/* ------------------------------------------------------------- loads */

/* The YAML load, keeping its entry up to date. */
static Pack *load_and_keep(const char *cache_dir, const char *entry, PackCacheKey *key,
                           const struct stat *before, const char *name, int fd, DiagList *diags,
                           PlProgress *progress, PackCacheInfo *info)
{
    Hash64 hash;
    hash64_init(&hash, PACK_CACHE_SEED);
    bool transient = false;
    Pack *p = pl_load_fd_observed(name, fd, diags, &hash, progress, &transient);
    info->outcome = PACK_CACHE_NOT_WRITTEN;
    info->error = 0;
    if (transient)
        return p;
    /* libyaml may stop before the end (a syntax error): the rest is hashed
     * too, and the file must not have changed while it was read. */
    long long rest = hash_rest(fd, &hash);
    struct stat after;
    if (rest < 0 || fstat(fd, &after) != 0 || !same_state(before, &after) ||
        hash.total != key->size)
        return p;
    key->content_hash = hash64_final(&hash);
    if (!write_entry(cache_dir, entry, p, diags, key, &info->error))
        return p;
    info->outcome = PACK_CACHE_WRITTEN;
    info->error = 0;
    if (!p)
        return NULL;
    /* The Pack of the entry just written costs what a cached one costs
     * (its text stays in the file until shown), from the first launch on.
     * The parsed one goes first, so the two are never in memory together.
     * Same Pack, same records: the second copy of the records is dropped. */
    pack_free(p);
    DiagList again = {0};
    PackCacheMiss why;
    Pack *mapped = read_entry(entry, key, true, fd, name, &again, &why, NULL);
    diag_clear(&again);
    if (mapped)
        return mapped;
    /* Gone already (another game replaced it with a newer state of the
     * file, or memory ran out): parse again, records and all. */
    diag_clear(diags);
    bool again_transient;
    if (lseek(fd, 0, SEEK_SET) != 0) {
        diag_add(diags, DIAG_ERROR, name, 1, 1, "cannot read the file: %s", strerror(errno));
        return NULL;
    }
    return pl_load_fd_observed(name, fd, diags, NULL, progress, &again_transient);
}

Pack *pc_load_fd(const char *cache_dir, const char *name, int fd, DiagList *diags,
                 PlProgress *progress, PackCacheInfo *info)
{
    PackCacheInfo scratch;
    if (!info)
        info = &scratch;
    *info = (PackCacheInfo){PACK_CACHE_UNUSED, PACK_CACHE_MISS_NONE, 0};
    /* Into a list of its own, appended at the end: the records are the
     * same whichever way the pack was read, and whatever `diags` held. */
    DiagList local = {0};
    struct stat st;
    char canonical[PATH_MAX];
    char *entry = NULL;
    if (cache_dir && cache_dir[0] && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        canonical_path(fd, name, canonical))
        entry = entry_path(cache_dir, canonical);
    if (!entry) { /* no cache: exactly pack_load_fd */
        bool transient;
        return pl_load_fd_observed(name, fd, diags, NULL, progress, &transient);
    }
    Pack *p;
    {
        PackCacheKey key = key_of(&st, canonical);
        p = read_entry(entry, &key, false, fd, name, &local, &info->miss, progress);
        if (info->miss == PACK_CACHE_MISS_NONE)
            info->outcome = PACK_CACHE_HIT;
        else
            p = load_and_keep(cache_dir, entry, &key, &st, name, fd, &local, progress, info);
        free(entry);
    }
    diag_append(diags, &local);
    diag_clear(&local);
    return p;
}

Pack *pack_cache_load_fd(const char *cache_dir, const char *name, int fd, DiagList *diags,
                         PackCacheInfo *info)
{
    return pc_load_fd(cache_dir, name, fd, diags, NULL, info);
}

Pack *pack_cache_load_file(const char *cache_dir, const char *path, DiagList *diags,
                           PackCacheInfo *info)
{
    if (info)
        *info = (PackCacheInfo){PACK_CACHE_UNUSED, PACK_CACHE_MISS_NONE, 0};
    FsFile file;
    FsRefusal refusal = fs_open_file(path, PACK_MAX_FILE_BYTES, &file);
    if (refusal != FS_OPENED) {
        pl_report_refusal(diags, path, refusal, &file);
        return NULL;
    }
    Pack *p = pc_load_fd(cache_dir, path, file.fd, diags, NULL, info);
    close(file.fd);
    return p;
}
