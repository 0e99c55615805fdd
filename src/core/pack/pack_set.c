/* pack_set.c - loading every pack of the shipped and user folders (pack_set.h).
 *
 * A folder is listed once, its pack names sorted, and each entry opened
 * relative to the folder's descriptor with fs_open_in_folder(), which
 * refuses without blocking what is not a regular file inside the folder;
 * the refusal becomes the entry's one error (pl_report_refusal). What opens
 * is read from that very descriptor, so nothing can be swapped in between.
 * Every step costs the same however many packs the set holds: the files
 * already read and the pack ids are kept in hash tables.
 */
#include "pack_set.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "pack_load.h"
#include "pack_load_internal.h"
#include "strutil.h"

/* Case-insensitive: packs saved on other systems arrive as PACK.YAML. */
bool pack_set_is_pack_name(const char *file_name)
{
    size_t n = strlen(file_name);
    return (n > 5 && strcasecmp(file_name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcasecmp(file_name + n - 4, ".yml") == 0);
}

/* Grows `*items` (of `*capacity` elements of `size` bytes) so that one more
 * fits; false when out of memory. Doubling keeps adding linear overall. */
static bool reserve_one(void **items, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return true;
    size_t cap = *capacity ? *capacity * 2 : 16;
    void *grown = realloc(*items, cap * size);
    if (!grown)
        return false;
    *items = grown;
    *capacity = cap;
    return true;
}

static void add_report(PackSet *set, const char *path, const DiagList *diags, bool loaded,
                       bool not_read)
{
    if (!reserve_one((void **)&set->reports, set->report_count, &set->report_capacity,
                     sizeof *set->reports))
        return;
    PackReport *report = &set->reports[set->report_count];
    *report = (PackReport){.path = dup_string(path), .loaded = loaded, .not_read = not_read};
    if (!report->path)
        return;
    diag_append(&report->diags, diags);
    set->report_count++;
}

/* Keeps `diags` (emptied) as the failure of `path`. */
static void add_failure(PackSet *set, const char *path, DiagList *diags, bool not_read)
{
    add_report(set, path, diags, false, not_read);
    char *copy = dup_string(path);
    if (!copy || !reserve_one((void **)&set->failures, set->failure_count, &set->failure_capacity,
                              sizeof *set->failures)) {
        free(copy);
        diag_clear(diags);
        return;
    }
    set->failures[set->failure_count++] =
        (PackFailure){.path = copy, .diags = *diags, .not_read = not_read};
    *diags = (DiagList){0};
}

Pack *pack_set_find(const PackSet *set, const char *pack_id)
{
    if (!id_index_contains(&set->pack_ids, pack_id))
        return NULL; /* the common answer, in constant time */
    for (size_t i = 0; i < set->pack_count; i++)
        if (strcmp(set->packs[i]->id, pack_id) == 0)
            return set->packs[i];
    return NULL;
}

/* ------------------------------------------------------ files read once */

/* One file already read, by identity: a path can be spelt many ways. */
struct PackSetSeen {
    unsigned long long device, inode;
    bool used;
};

static size_t seen_slot(const PackSet *set, unsigned long long device, unsigned long long inode)
{
    uint64_t h = (device * 0x9E3779B97F4A7C15u) ^ (inode * 0xC2B2AE3D27D4EB4Fu);
    h ^= h >> 29;
    size_t mask = set->seen_capacity - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct PackSetSeen *s = &set->seen[i];
        if (!s->used || (s->device == device && s->inode == inode))
            return i;
    }
}

/* Records the file; false when it was already read. */
static bool first_visit(PackSet *set, const FsFile *file)
{
    if ((set->seen_count + 1) * 2 > set->seen_capacity) {
        size_t cap = set->seen_capacity ? set->seen_capacity * 2 : 64;
        struct PackSetSeen *old = set->seen;
        size_t old_cap = set->seen_capacity;
        struct PackSetSeen *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return true; /* cannot tell: read it again */
        set->seen = slots;
        set->seen_capacity = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].used)
                set->seen[seen_slot(set, old[i].device, old[i].inode)] = old[i];
        free(old);
    }
    struct PackSetSeen *s = &set->seen[seen_slot(set, file->device, file->inode)];
    if (s->used)
        return false;
    *s = (struct PackSetSeen){file->device, file->inode, true};
    set->seen_count++;
    return true;
}

/* --------------------------------------------------------------- files */

/* Reads the opened file (and closes it) into the set. */
static void add_opened(PackSet *set, const char *path, FsFile *file)
{
    if (!first_visit(set, file)) {
        close(file->fd);
        return;
    }
    DiagList diags = {0};
    Pack *pack = pack_load_fd(path, file->fd, &diags);
    close(file->fd);
    if (pack) {
        /* The index maps each id to its pack's place: the one lookup both
         * finds a pack with this id and, when there is none, claims it. */
        uint32_t first = 0;
        IdIndexResult r = ID_INDEX_NO_MEMORY;
        if (reserve_one((void **)&set->packs, set->pack_count, &set->pack_capacity,
                        sizeof *set->packs))
            r = id_index_insert(&set->pack_ids, pack->id, (uint32_t)set->pack_count, &first);
        if (r == ID_INDEX_DUPLICATE)
            diag_add(&diags, DIAG_ERROR, path, pack->id_line, pack->id_column,
                     "pack id '%s' is already used by %s; each pack needs its own id", pack->id,
                     set->packs[first]->path);
        else if (r == ID_INDEX_NO_MEMORY)
            diag_add(&diags, DIAG_ERROR, path, 1, 1, "out of memory");
        if (r != ID_INDEX_ADDED) {
            pack_free(pack);
            pack = NULL;
        }
    }
    if (!pack) {
        add_failure(set, path, &diags, false);
        return;
    }
    set->packs[set->pack_count++] = pack;
    add_report(set, path, &diags, true, false);
    diag_append(&set->warnings, &diags);
    diag_clear(&diags);
}

/* What fs_open_* said: the file is read, or listed with why it was not. */
static void add_entry(PackSet *set, const char *path, FsRefusal refusal, FsFile *file)
{
    if (refusal == FS_OPENED) {
        add_opened(set, path, file);
        return;
    }
    DiagList diags = {0};
    pl_report_refusal(&diags, path, refusal, file);
    add_failure(set, path, &diags, true);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static PackSetStatus add_folder(PackSet *set, const char *dir_path)
{
    DIR *dir = opendir(dir_path);
    if (!dir) {
        DiagList diags = {0};
        diag_add(&diags, DIAG_ERROR, dir_path, 1, 1, "cannot read the folder: %s", strerror(errno));
        add_failure(set, dir_path, &diags, true);
        return PACK_SET_NO_PATH;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        /* Dot-files are hidden on purpose (editors' backups, system files);
         * the authoring guide says they are ignored. */
        if (entry->d_name[0] == '.' || !pack_set_is_pack_name(entry->d_name))
            continue;
        char *name = dup_string(entry->d_name);
        if (!name || !reserve_one((void **)&names, count, &cap, sizeof *names)) {
            free(name);
            break;
        }
        names[count++] = name;
    }
    /* Name order, so which of two same-id packs wins never depends on the
     * file system. */
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    size_t dir_len = strlen(dir_path);
    bool slash = dir_len > 0 && dir_path[dir_len - 1] == '/';
    int dir_fd = dirfd(dir);
    for (size_t i = 0; i < count; i++) {
        size_t n = dir_len + 1 + strlen(names[i]) + 1;
        char *path = malloc(n);
        if (path) {
            snprintf(path, n, "%s%s%s", dir_path, slash ? "" : "/", names[i]);
            FsFile file;
            FsRefusal refusal =
                fs_open_in_folder(dir_fd, dir_path, names[i], PACK_MAX_FILE_BYTES, &file);
            add_entry(set, path, refusal, &file);
            free(path);
        }
        free(names[i]);
    }
    free(names);
    closedir(dir);
    return PACK_SET_OK;
}

PackSetStatus pack_set_add_path(PackSet *set, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        DiagList diags = {0};
        diag_add(&diags, DIAG_ERROR, path, 1, 1, "no such file or folder");
        add_failure(set, path, &diags, true);
        return PACK_SET_NO_PATH;
    }
    /* A folder named by the user is read even through a link: they chose it. */
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return add_folder(set, path);
    FsFile file;
    FsRefusal refusal = fs_open_file(path, PACK_MAX_FILE_BYTES, &file);
    add_entry(set, path, refusal, &file);
    return PACK_SET_OK;
}

size_t pack_set_error_count(const PackSet *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->failure_count; i++)
        n += set->failures[i].diags.error_count;
    return n;
}

void pack_set_free(PackSet *set)
{
    for (size_t i = 0; i < set->pack_count; i++)
        pack_free(set->packs[i]);
    free(set->packs);
    for (size_t i = 0; i < set->failure_count; i++) {
        free(set->failures[i].path);
        diag_clear(&set->failures[i].diags);
    }
    free(set->failures);
    for (size_t i = 0; i < set->report_count; i++) {
        free(set->reports[i].path);
        diag_clear(&set->reports[i].diags);
    }
    free(set->reports);
    free(set->seen);
    id_index_free(&set->pack_ids);
    diag_clear(&set->warnings);
    *set = (PackSet){0};
}
