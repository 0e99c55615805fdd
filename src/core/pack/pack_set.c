/* pack_set.c - loading every pack of the shipped and user folders (pack_set.h). */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "pack_set.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "pack_load.h"
#include "strutil.h"

/* Case-insensitive: packs saved on other systems arrive as PACK.YAML. */
bool pack_set_is_pack_name(const char *file_name)
{
    size_t n = strlen(file_name);
    return (n > 5 && strcasecmp(file_name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcasecmp(file_name + n - 4, ".yml") == 0);
}

static void add_report(PackSet *set, const char *path, const DiagList *diags, bool loaded)
{
    PackReport *r = realloc(set->reports, (set->report_count + 1) * sizeof *r);
    if (!r)
        return;
    set->reports = r;
    PackReport *report = &set->reports[set->report_count];
    *report = (PackReport){.path = dup_string(path), .loaded = loaded};
    if (!report->path)
        return;
    diag_append(&report->diags, diags);
    set->report_count++;
}

static void add_failure(PackSet *set, const char *path, DiagList *diags)
{
    add_report(set, path, diags, false);
    PackFailure *f = realloc(set->failures, (set->failure_count + 1) * sizeof *f);
    if (!f) {
        diag_clear(diags);
        return;
    }
    set->failures = f;
    char *copy = dup_string(path);
    set->failures[set->failure_count++] = (PackFailure){.path = copy, .diags = *diags};
    *diags = (DiagList){0};
}

Pack *pack_set_find(const PackSet *set, const char *pack_id)
{
    for (size_t i = 0; i < set->pack_count; i++)
        if (strcmp(set->packs[i]->id, pack_id) == 0)
            return set->packs[i];
    return NULL;
}

/* Records the file's real path; false when it was already read. */
static bool first_visit(PackSet *set, const char *path)
{
    char *real = realpath(path, NULL);
    if (!real)
        return true; /* cannot tell: read it, the loader reports why it fails */
    for (size_t i = 0; i < set->seen_count; i++) {
        if (strcmp(set->seen_paths[i], real) == 0) {
            free(real);
            return false;
        }
    }
    char **grown = realloc(set->seen_paths, (set->seen_count + 1) * sizeof *grown);
    if (!grown) {
        free(real);
        return true;
    }
    set->seen_paths = grown;
    set->seen_paths[set->seen_count++] = real;
    return true;
}

static void add_file(PackSet *set, const char *path)
{
    if (!first_visit(set, path))
        return;
    DiagList diags = {0};
    Pack *pack = pack_load_file(path, &diags);
    if (pack) {
        const Pack *other = pack_set_find(set, pack->id);
        if (other) {
            diag_add(&diags, DIAG_ERROR, path, pack->id_line, pack->id_column,
                     "pack id '%s' is already used by %s; each pack needs its own id", pack->id,
                     other->path);
            pack_free(pack);
            pack = NULL;
        }
    }
    if (!pack) {
        add_failure(set, path, &diags);
        return;
    }
    Pack **packs = realloc(set->packs, (set->pack_count + 1) * sizeof *packs);
    if (!packs) {
        diag_add(&diags, DIAG_ERROR, path, 1, 1, "out of memory");
        pack_free(pack);
        add_failure(set, path, &diags);
        return;
    }
    set->packs = packs;
    set->packs[set->pack_count++] = pack;
    add_report(set, path, &diags, true);
    diag_append(&set->warnings, &diags);
    diag_clear(&diags);
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
        add_failure(set, dir_path, &diags);
        return PACK_SET_NO_PATH;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || !pack_set_is_pack_name(entry->d_name))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *grown);
            if (!grown)
                break;
            names = grown;
        }
        names[count] = dup_string(entry->d_name);
        if (names[count])
            count++;
    }
    closedir(dir);
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
            struct stat st;
            if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
                add_file(set, path);
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return PACK_SET_OK;
}

PackSetStatus pack_set_add_path(PackSet *set, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        DiagList diags = {0};
        diag_add(&diags, DIAG_ERROR, path, 1, 1, "no such file or folder");
        add_failure(set, path, &diags);
        return PACK_SET_NO_PATH;
    }
    if (S_ISDIR(st.st_mode))
        return add_folder(set, path);
    add_file(set, path);
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
    for (size_t i = 0; i < set->seen_count; i++)
        free(set->seen_paths[i]);
    free(set->seen_paths);
    diag_clear(&set->warnings);
    *set = (PackSet){0};
}
