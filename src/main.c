/* main.c - the quizdeck command line: check and list packs, or start the game.
 *
 *   quizdeck [--packs DIR]... [--data DIR]        start the game
 *   quizdeck --check PATH...                      validate packs, no window
 *   quizdeck --list [--packs DIR]... [PATH...]    what loads, per pack
 *   quizdeck --help | --version
 *
 * Exit status of --check: 0 every pack valid, 1 any error, 2 usage error
 * (unknown option, no such path). Diagnostics go to standard output as
 * FILE:LINE:COLUMN: error|warning: MESSAGE, the checker's main output; usage
 * errors go to standard error.
 *
 * The shipped packs are found next to an installed binary
 * (BINDIR/../share/quizdeck/questions), else in the source tree this binary
 * was built from, unless QUIZDECK_QUESTIONS_DIR names a folder.
 */
#include <SDL.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"

#include "pack_set.h"
#include "strutil.h"
#include "ui.h"

#ifndef QUIZDECK_VERSION
#define QUIZDECK_VERSION "0.0.0"
#endif

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, MAX_PATHS = 256 };

static void print_usage(FILE *out)
{
    fputs("Usage:\n"
          "  quizdeck [--packs DIR]... [--data DIR]   start the game\n"
          "  quizdeck --check PATH...                 check pack files or folders\n"
          "  quizdeck --list [--packs DIR]... [PATH...]  list packs: id, title,\n"
          "                                           questions per type, topics\n"
          "  quizdeck --help | --version\n"
          "\n"
          "Options:\n"
          "  --check     validate packs without opening a window; prints\n"
          "              FILE:LINE:COLUMN: error: MESSAGE for every problem.\n"
          "              Exit status 0 when all are valid, 1 on any error,\n"
          "              2 for a usage error (unknown option, no such path).\n"
          "  --list      show what loads; without PATHs, the shipped packs,\n"
          "              your packs folder and every --packs folder\n"
          "  --packs DIR also load the packs in DIR (repeatable)\n"
          "  --data DIR  keep progress and your packs folder in DIR\n"
          "              (default: the system's per-user data folder)\n"
          "\n"
          "Packs are YAML files; see questions/README.md for the format.\n",
          out);
}

static bool path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The folder of shipped packs: see the header comment for the order. */
static const char *shipped_questions_dir(char *buf, size_t size)
{
    const char *env = getenv("QUIZDECK_QUESTIONS_DIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int written = snprintf(buf, size, "%s/../%s", exe, QUIZDECK_INSTALL_QUESTIONS);
            if (written > 0 && (size_t)written < size && is_dir(buf))
                return buf;
        }
    }
    return QUIZDECK_SOURCE_QUESTIONS;
}

/* The folder of translations (LOCALEDIR/ar/LC_MESSAGES/quizdeck.mo): next
 * to an installed binary (BINDIR/../share/locale) when it holds this
 * program's catalogue, else the build tree's, unless QUIZDECK_LOCALE_DIR
 * names a folder; the same order as the shipped packs. */
static const char *locale_dir(char *buf, size_t size)
{
    const char *env = getenv("QUIZDECK_LOCALE_DIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char probe[PATH_MAX + 64];
            int written = snprintf(buf, size, "%s/../%s", exe, QUIZDECK_INSTALL_LOCALE_DIR);
            int probed = snprintf(probe, sizeof probe, "%s/ar/LC_MESSAGES/%s.mo", buf, I18N_DOMAIN);
            if (written > 0 && (size_t)written < size && probed > 0 &&
                (size_t)probed < sizeof probe && path_exists(probe))
                return buf;
        }
    }
    return QUIZDECK_BUILD_LOCALE_DIR;
}

/* The folder for progress and the user's own packs. Caller frees. */
static char *data_dir(const char *option)
{
    const char *env = getenv("QUIZDECK_DATA_DIR");
    const char *chosen = option ? option : (env && *env ? env : NULL);
    if (chosen)
        return dup_string(chosen);
    char *pref = SDL_GetPrefPath("quizdeck", "quizdeck");
    if (!pref)
        return NULL;
    char *copy = dup_string(pref);
    SDL_free(pref);
    return copy;
}

static void print_diags(const DiagList *list)
{
    char line[1400];
    for (size_t i = 0; i < list->count; i++) {
        diag_format(&list->items[i], line, sizeof line);
        puts(line);
    }
    if (list->truncated)
        printf("(%zu more problems not shown)\n",
               list->error_count + list->warning_count - list->count);
}

static int run_check(const char *const *paths, size_t count)
{
    PackSet set = {0};
    bool usage_error = false;
    for (size_t i = 0; i < count; i++) {
        if (!path_exists(paths[i])) {
            fprintf(stderr, "quizdeck: %s: no such file or folder\n", paths[i]);
            usage_error = true;
            continue;
        }
        pack_set_add_path(&set, paths[i]);
    }
    size_t questions = 0;
    for (size_t i = 0; i < set.pack_count; i++)
        questions += set.packs[i]->question_count;
    size_t warnings = 0;
    for (size_t i = 0; i < set.report_count; i++) {
        print_diags(&set.reports[i].diags);
        warnings += set.reports[i].diags.warning_count;
    }
    size_t errors = pack_set_error_count(&set);
    size_t files = set.pack_count + set.failure_count;
    printf("%zu %s checked: %zu valid (%zu %s), %zu with errors; "
           "%zu %s, %zu %s\n",
           files, files == 1 ? "file" : "files", set.pack_count, questions,
           questions == 1 ? "question" : "questions", set.failure_count, errors,
           errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings");
    pack_set_free(&set);
    if (usage_error)
        return EXIT_USAGE;
    return errors ? EXIT_INVALID : EXIT_VALID;
}

static void print_pack(const Pack *p)
{
    size_t per_type[QUESTION_TYPE_COUNT] = {0};
    for (size_t i = 0; i < p->question_count; i++)
        per_type[p->questions[i].type]++;
    printf("%s\t%s\t%zu questions\n", p->id, p->title, p->question_count);
    printf("  types:");
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++)
        if (per_type[t])
            printf(" %s %zu", question_type_name((QuestionType)t), per_type[t]);
    printf("\n  topics:");
    if (!p->topic_count)
        printf(" (none)");
    for (size_t i = 0; i < p->topic_count; i++)
        printf("%s %s (%s)", i ? "," : "", p->topics[i].id, p->topics[i].title);
    printf("\n  file: %s\n", p->path);
}

static int run_list(const char *const *paths, size_t count)
{
    PackSet set = {0};
    bool usage_error = false;
    for (size_t i = 0; i < count; i++) {
        if (!path_exists(paths[i])) {
            fprintf(stderr, "quizdeck: %s: no such file or folder\n", paths[i]);
            usage_error = true;
            continue;
        }
        pack_set_add_path(&set, paths[i]);
    }
    for (size_t i = 0; i < set.pack_count; i++)
        print_pack(set.packs[i]);
    for (size_t i = 0; i < set.failure_count; i++) {
        const PackFailure *f = &set.failures[i];
        fprintf(stderr, "not loaded: %s\n", f->path);
        char line[1400];
        if (f->diags.count) {
            diag_format(&f->diags.items[0], line, sizeof line);
            fprintf(stderr, "  %s\n", line);
        }
    }
    printf("%zu %s loaded, %zu failed\n", set.pack_count, set.pack_count == 1 ? "pack" : "packs",
           set.failure_count);
    int status = usage_error ? EXIT_USAGE : set.failure_count ? EXIT_INVALID : EXIT_VALID;
    pack_set_free(&set);
    return status;
}

typedef enum Mode { MODE_PLAY, MODE_CHECK, MODE_LIST } Mode;

int main(int argc, char **argv)
{
    char locale_buf[PATH_MAX];
    i18n_init(locale_dir(locale_buf, sizeof locale_buf));
    Mode mode = MODE_PLAY;
    const char *paths[MAX_PATHS];
    size_t path_count = 0;
    const char *pack_dirs[MAX_PATHS];
    size_t pack_dir_count = 0;
    const char *data_option = NULL;
    bool options_done = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && a[0] == '-' && a[1] != '\0') {
            if (strcmp(a, "--") == 0) {
                options_done = true;
            } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                print_usage(stdout);
                return EXIT_VALID;
            } else if (strcmp(a, "--version") == 0) {
                printf("quizdeck %s (pack format %d)\n", QUIZDECK_VERSION, PACK_FORMAT_VERSION);
                return EXIT_VALID;
            } else if (strcmp(a, "--check") == 0) {
                mode = MODE_CHECK;
            } else if (strcmp(a, "--list") == 0) {
                mode = MODE_LIST;
            } else if (strcmp(a, "--packs") == 0 || strcmp(a, "--data") == 0) {
                if (i + 1 >= argc) {
                    fprintf(stderr, "quizdeck: %s needs a folder\n", a);
                    return EXIT_USAGE;
                }
                const char *dir = argv[++i];
                if (strcmp(a, "--data") == 0) {
                    data_option = dir;
                } else if (!is_dir(dir)) {
                    fprintf(stderr, "quizdeck: --packs %s: no such folder\n", dir);
                    return EXIT_USAGE;
                } else if (pack_dir_count < MAX_PATHS) {
                    pack_dirs[pack_dir_count++] = dir;
                }
            } else {
                fprintf(stderr, "quizdeck: unknown option '%s'\n", a);
                print_usage(stderr);
                return EXIT_USAGE;
            }
        } else if (path_count < MAX_PATHS) {
            paths[path_count++] = a;
        } else {
            fprintf(stderr, "quizdeck: too many paths (at most %d)\n", MAX_PATHS);
            return EXIT_USAGE;
        }
    }

    if (mode == MODE_CHECK) {
        for (size_t i = 0; i < pack_dir_count && path_count < MAX_PATHS; i++)
            paths[path_count++] = pack_dirs[i];
        if (path_count == 0) {
            fprintf(stderr, "quizdeck: --check needs at least one file or folder\n");
            return EXIT_USAGE;
        }
        return run_check(paths, path_count);
    }
    if (path_count && mode == MODE_PLAY) {
        fprintf(stderr, "quizdeck: unexpected argument '%s' (use --packs DIR to add packs)\n",
                paths[0]);
        return EXIT_USAGE;
    }

    /* What the game loads: shipped packs, the user's packs folder, --packs. */
    char shipped_buf[PATH_MAX];
    const char *game_paths[MAX_PATHS + 2];
    size_t game_count = 0;
    game_paths[game_count++] = shipped_questions_dir(shipped_buf, sizeof shipped_buf);
    char *data = data_dir(data_option);
    char user_packs[PATH_MAX];
    if (data) {
        size_t n = strlen(data);
        int written = snprintf(user_packs, sizeof user_packs, "%s%spacks", data,
                               n && data[n - 1] == '/' ? "" : "/");
        if (written > 0 && (size_t)written < sizeof user_packs && is_dir(user_packs))
            game_paths[game_count++] = user_packs;
    }
    for (size_t i = 0; i < pack_dir_count; i++)
        game_paths[game_count++] = pack_dirs[i];

    int status;
    if (mode == MODE_LIST) {
        if (path_count)
            status = run_list(paths, path_count);
        else
            status = run_list(game_paths, game_count);
    } else {
        UiLaunch launch = {
            .pack_paths = game_paths,
            .pack_path_count = game_count,
            .data_dir = data,
        };
        status = ui_run(&launch);
    }
    free(data);
    return status;
}
