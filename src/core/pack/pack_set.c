/* pack_set.c - loading every pack of the shipped and user folders (pack_set.h).
 *
 * A folder is listed once, its pack names sorted, and each entry opened
 * relative to the folder's descriptor with fs_open_in_folder(), which
 * refuses without blocking what is not a regular file inside the folder;
 * the refusal becomes the entry's one error (pl_report_refusal). What opens
 * is read from that very descriptor, so nothing can be swapped in between.
 * Every step costs the same however many packs the set holds: the files
 * already read and the pack ids are kept in hash tables.
 *
 * Adding a path is planned first (plan_path: the folder listed, one job
 * per file, nothing read), then each job is run in order (run_job). Done
 * at once, that is pack_set_add_path(); a job per call, it is the
 * PackSetLoader at the bottom, which a worker thread can run while the UI
 * reads its progress from the atomics it keeps.
 */
#include "pack_set.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "pack_cache_internal.h"
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
                       bool not_read, PackCacheOutcome cache)
{
    if (!reserve_one((void **)&set->reports, set->report_count, &set->report_capacity,
                     sizeof *set->reports))
        return;
    PackReport *report = &set->reports[set->report_count];
    *report = (PackReport){
        .path = dup_string(path), .loaded = loaded, .not_read = not_read, .cache = cache};
    if (!report->path)
        return;
    diag_append(&report->diags, diags);
    set->report_count++;
}

/* Keeps `diags` (emptied) as the failure of `path`. */
static void add_failure(PackSet *set, const char *path, DiagList *diags, bool not_read,
                        PackCacheOutcome cache)
{
    add_report(set, path, diags, false, not_read, cache);
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

bool pack_set_use_cache(PackSet *set, const char *cache_dir)
{
    free(set->cache_dir);
    set->cache_dir = cache_dir ? dup_string(cache_dir) : NULL;
    return set->cache_dir || !cache_dir;
}

/* Reads the opened file (and closes it) into the set. */
static void add_opened(PackSet *set, const char *path, FsFile *file, PlProgress *progress)
{
    if (!first_visit(set, file)) {
        close(file->fd);
        return;
    }
    DiagList diags = {0};
    PackCacheInfo cache;
    Pack *pack = pc_load_fd(set->cache_dir, path, file->fd, &diags, progress, &cache);
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
        add_failure(set, path, &diags, false, cache.outcome);
        return;
    }
    set->packs[set->pack_count++] = pack;
    add_report(set, path, &diags, true, false, cache.outcome);
    diag_append(&set->warnings, &diags);
    diag_clear(&diags);
}

/* What fs_open_* said: the file is read, or listed with why it was not. */
static void add_entry(PackSet *set, const char *path, FsRefusal refusal, FsFile *file,
                      PlProgress *progress)
{
    if (refusal == FS_OPENED) {
        add_opened(set, path, file, progress);
        return;
    }
    DiagList diags = {0};
    pl_report_refusal(&diags, path, refusal, file);
    add_failure(set, path, &diags, true, PACK_CACHE_UNUSED);
}

/* ------------------------------------------------------------- the plan */

/* What adding a path comes to, before anything is read: one job per file
 * (or per failure to say), in the order they are read. Folders are listed
 * while planning and stay open until their last entry is read, which is
 * opened relative to the folder's descriptor. */
typedef enum JobKind {
    JOB_FILE,      /* a file named by the user */
    JOB_ENTRY,     /* an entry of a folder */
    JOB_MISSING,   /* nothing has that name */
    JOB_NO_FOLDER, /* a folder that cannot be read (error) */
} JobKind;

typedef struct Job {
    JobKind kind;
    char *path;       /* owned: the file as messages name it */
    const char *name; /* JOB_ENTRY: the entry's name (the end of path) */
    size_t folder;    /* JOB_ENTRY: its folder */
    int error;        /* JOB_NO_FOLDER */
    unsigned long long size;
} Job;

typedef struct PlanFolder {
    DIR *dir;
    char *path;
    size_t left; /* entries not read yet */
} PlanFolder;

typedef struct Plan {
    Job *jobs;
    size_t count, capacity, next;
    PlanFolder *folders;
    size_t folder_count, folder_capacity;
    unsigned long long bytes;
} Plan;

static bool plan_job(Plan *plan, Job job)
{
    if (!job.path ||
        !reserve_one((void **)&plan->jobs, plan->count, &plan->capacity, sizeof *plan->jobs)) {
        free(job.path);
        return false;
    }
    plan->jobs[plan->count++] = job;
    plan->bytes += job.size;
    return true;
}

static void close_folder(PlanFolder *folder)
{
    if (folder->dir)
        closedir(folder->dir);
    folder->dir = NULL;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static PackSetStatus plan_folder(Plan *plan, const char *dir_path)
{
    DIR *dir = opendir(dir_path);
    if (!dir) {
        plan_job(plan, (Job){.kind = JOB_NO_FOLDER, .path = dup_string(dir_path), .error = errno});
        return PACK_SET_NO_PATH;
    }
    if (!reserve_one((void **)&plan->folders, plan->folder_count, &plan->folder_capacity,
                     sizeof *plan->folders)) {
        closedir(dir);
        return PACK_SET_OK;
    }
    char *names_of = dup_string(dir_path);
    if (!names_of) {
        closedir(dir);
        return PACK_SET_OK;
    }
    size_t folder = plan->folder_count++;
    plan->folders[folder] = (PlanFolder){.dir = dir, .path = names_of};
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
    for (size_t i = 0; i < count; i++) {
        size_t n = dir_len + 1 + strlen(names[i]) + 1;
        char *path = malloc(n);
        if (path) {
            snprintf(path, n, "%s%s%s", dir_path, slash ? "" : "/", names[i]);
            /* The size only measures progress: nothing is opened here. */
            struct stat st;
            unsigned long long size = 0;
            if (fstatat(dirfd(dir), names[i], &st, 0) == 0 && S_ISREG(st.st_mode))
                size = (unsigned long long)st.st_size;
            Job job = {.kind = JOB_ENTRY,
                       .path = path,
                       .name = path + strlen(path) - strlen(names[i]),
                       .folder = folder,
                       .size = size};
            if (plan_job(plan, job))
                plan->folders[folder].left++;
        }
        free(names[i]);
    }
    free(names);
    if (plan->folders[folder].left == 0)
        close_folder(&plan->folders[folder]);
    return PACK_SET_OK;
}

static PackSetStatus plan_path(Plan *plan, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        plan_job(plan, (Job){.kind = JOB_MISSING, .path = dup_string(path)});
        return PACK_SET_NO_PATH;
    }
    /* A folder named by the user is read even through a link: they chose it. */
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return plan_folder(plan, path);
    unsigned long long size = S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
    plan_job(plan, (Job){.kind = JOB_FILE, .path = dup_string(path), .size = size});
    return PACK_SET_OK;
}

/* Reads the plan's next file into the set. */
static void run_job(PackSet *set, Plan *plan, PlProgress *progress)
{
    Job *job = &plan->jobs[plan->next++];
    DiagList diags = {0};
    FsFile file;
    switch (job->kind) {
    case JOB_MISSING:
        diag_add(&diags, DIAG_ERROR, job->path, 1, 1, "no such file or folder");
        add_failure(set, job->path, &diags, true, PACK_CACHE_UNUSED);
        break;
    case JOB_NO_FOLDER:
        diag_add(&diags, DIAG_ERROR, job->path, 1, 1, "cannot read the folder: %s",
                 strerror(job->error));
        add_failure(set, job->path, &diags, true, PACK_CACHE_UNUSED);
        break;
    case JOB_FILE: {
        FsRefusal refusal = fs_open_file(job->path, PACK_MAX_FILE_BYTES, &file);
        add_entry(set, job->path, refusal, &file, progress);
        break;
    }
    case JOB_ENTRY: {
        PlanFolder *folder = &plan->folders[job->folder];
        FsRefusal refusal = fs_open_in_folder(dirfd(folder->dir), folder->path, job->name,
                                              PACK_MAX_FILE_BYTES, &file);
        add_entry(set, job->path, refusal, &file, progress);
        if (--folder->left == 0)
            close_folder(folder);
        break;
    }
    }
}

static void plan_free(Plan *plan)
{
    for (size_t i = 0; i < plan->count; i++)
        free(plan->jobs[i].path);
    free(plan->jobs);
    for (size_t i = 0; i < plan->folder_count; i++) {
        close_folder(&plan->folders[i]);
        free(plan->folders[i].path);
    }
    free(plan->folders);
    *plan = (Plan){0};
}

PackSetStatus pack_set_add_path(PackSet *set, const char *path)
{
    Plan plan = {0};
    PackSetStatus status = plan_path(&plan, path);
    while (plan.next < plan.count)
        run_job(set, &plan, NULL);
    plan_free(&plan);
    return status;
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
    free(set->cache_dir);
    *set = (PackSet){0};
}

/* ----------------------------------------------------------- the loader */

struct PackSetLoader {
    PackSet set;
    Plan plan;
    char **paths; /* until listed */
    size_t path_count;
    PlProgress progress;      /* the file being read */
    atomic_ullong bytes_done; /* of the files read before it */
    atomic_size_t files_done;
    atomic_size_t files_total;
    atomic_ullong bytes_total;
    _Atomic(const char *) current;
    atomic_bool listed, done;
};

PackSetLoader *pack_set_loader_new(const char *const *paths, size_t count, const char *cache_dir)
{
    PackSetLoader *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->paths = calloc(count ? count : 1, sizeof *l->paths);
    bool ok = l->paths && pack_set_use_cache(&l->set, cache_dir);
    for (size_t i = 0; ok && i < count; i++) {
        l->paths[i] = dup_string(paths[i]);
        ok = l->paths[i] != NULL;
        l->path_count = i + 1;
    }
    atomic_init(&l->progress.bytes, 0);
    atomic_init(&l->progress.cancel, false);
    atomic_init(&l->bytes_done, 0);
    atomic_init(&l->files_done, 0);
    atomic_init(&l->files_total, 0);
    atomic_init(&l->bytes_total, 0);
    atomic_init(&l->current, NULL);
    atomic_init(&l->listed, false);
    atomic_init(&l->done, false);
    if (!ok) {
        PackSet discard = {0};
        pack_set_loader_finish(l, &discard);
        pack_set_free(&discard);
        return NULL;
    }
    return l;
}

static void free_paths(PackSetLoader *l)
{
    for (size_t i = 0; i < l->path_count; i++)
        free(l->paths[i]);
    free(l->paths);
    l->paths = NULL;
    l->path_count = 0;
}

bool pack_set_loader_step(PackSetLoader *l)
{
    if (atomic_load(&l->done))
        return false;
    if (!atomic_load(&l->listed)) {
        for (size_t i = 0; i < l->path_count; i++)
            plan_path(&l->plan, l->paths[i]);
        free_paths(l);
        atomic_store(&l->bytes_total, l->plan.bytes);
        atomic_store(&l->files_total, l->plan.count);
        atomic_store(&l->listed, true);
    }
    if (l->plan.next == l->plan.count || atomic_load(&l->progress.cancel)) {
        atomic_store(&l->current, NULL);
        atomic_store(&l->done, true);
        return false;
    }
    const Job *job = &l->plan.jobs[l->plan.next];
    atomic_store(&l->current, job->path);
    atomic_store(&l->progress.bytes, 0);
    unsigned long long size = job->size;
    run_job(&l->set, &l->plan, &l->progress);
    /* Whatever was read of it, the file is done: it counts its size. */
    atomic_store(&l->bytes_done, atomic_load(&l->bytes_done) + size);
    atomic_store(&l->progress.bytes, 0);
    atomic_store(&l->files_done, l->plan.next);
    return true;
}

void pack_set_loader_run(PackSetLoader *l)
{
    while (pack_set_loader_step(l))
        ;
}

PackSetProgress pack_set_loader_progress(const PackSetLoader *l)
{
    PackSetLoader *m = (PackSetLoader *)l; /* atomics are read, never changed */
    PackSetProgress p = {
        .files_done = atomic_load(&m->files_done),
        .files_total = atomic_load(&m->files_total),
        .bytes_done = atomic_load(&m->bytes_done) + atomic_load(&m->progress.bytes),
        .bytes_total = atomic_load(&m->bytes_total),
        .current = atomic_load(&m->current),
        .listed = atomic_load(&m->listed),
        .done = atomic_load(&m->done),
    };
    /* A file that grew since it was listed does not take the bar past its end. */
    if (p.bytes_done > p.bytes_total)
        p.bytes_done = p.bytes_total;
    return p;
}

void pack_set_loader_cancel(PackSetLoader *l)
{
    atomic_store(&l->progress.cancel, true);
}

void pack_set_loader_finish(PackSetLoader *l, PackSet *set)
{
    free_paths(l);
    plan_free(&l->plan);
    *set = l->set;
    free(l);
}
