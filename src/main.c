/* main.c - the quizdeck command line: check and list packs, or start the game.
 *
 *   quizdeck [--packs DIR]... [--data DIR]        start the game
 *   quizdeck --check PATH...                      validate packs, no window
 *   quizdeck --list [--packs DIR]... [PATH...]    what loads, per pack
 *   quizdeck --report FOLDER [--csv F] [--html F] a class session's report
 *   quizdeck --session FOLDER [--data DIR]        start the game into a session
 *   quizdeck --deliver [--data DIR]               deliver waiting result files
 *   quizdeck --help | --version
 *
 * Exit status of --check: 0 every pack valid, 1 any error, 2 usage error
 * (unknown option, no such path). Diagnostics go to standard output as
 * FILE:LINE:COLUMN: error|warning: MESSAGE, the checker's main output; usage
 * errors go to standard error. Everything printed that came from a pack, a
 * file name or an argument goes through text_escape_controls() (strutil.h):
 * a newline or an escape sequence in a pack shows as `\n` or `\x1b`, so
 * every line printed is one this program wrote.
 *
 * The shipped packs are found next to an installed binary
 * (BINDIR/../share/quizdeck/questions), else in the source tree this binary
 * was built from, unless QUIZDECK_QUESTIONS_DIR names a folder.
 *
 * --list reads packs through the pack cache (pack_cache.h), as the game
 * does, so it lists what the game would load and warms the cache for it;
 * with QUIZDECK_CACHE_DEBUG set it says on standard error how the cache
 * served each file. --check never uses the cache: it reports what each file
 * says, read now.
 */
#include <SDL.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "class_cmd.h"
#include "cli_args.h"
#include "fsutil.h"
#include "import_cmd.h"
#include "i18n.h"

#include "pack_cache.h"
#include "pack_set.h"
#include "strutil.h"
#include "ui.h"

#ifndef QUIZDECK_VERSION
#define QUIZDECK_VERSION "0.0.0"
#endif

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, MAX_PATHS = 256 };

static void print_usage(FILE *out)
{
    /* TRANSLATORS: keep the option names, FILE:LINE:COLUMN: error: and the
     * exit numbers as they are; line the columns up again if you can. */
    fputs(_("Usage:\n"
            "  quizdeck [--packs DIR]... [--data DIR]   start the game\n"
            "  quizdeck --check PATH...                 check pack files or folders,\n"
            "                                           and session folders\n"
            "  quizdeck --list [--packs DIR]... [PATH...]  list packs: id, title,\n"
            "                                           questions per type, topics\n"
            "  quizdeck --report FOLDER [--csv FILE] [--html FILE]\n"
            "                                           a class session's results\n"
            "  quizdeck --session FOLDER [--packs DIR]... [--data DIR]\n"
            "                                           play a class session\n"
            "  quizdeck --deliver [--data DIR]          deliver the session results\n"
            "                                           waiting on this computer\n"
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
            "Packs are YAML files; see questions/README.md for the format.\n"),
          out);
    /* TRANSLATORS: the heading of --help's lines on --import, --export,
     * --try and --new-pack. */
    fprintf(out, "\n%s\n%s", _("Authoring:"), import_cmd_usage());
}

/* True when something has that name, a broken link included (the pack set
 * then says what is wrong with it). */
static bool path_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* `text` escaped for a terminal (TEXT_ESCAPE_C): in `small` when it fits,
 * else in a malloc'd copy the caller frees with escaped_free(). */
static char *escaped(const char *text, char small[static 512])
{
    size_t n = text_escape_controls(small, 512, text, TEXT_ESCAPE_C);
    char *big = n < 512 ? NULL : malloc(n + 1);
    if (!big)
        return small; /* cut, when there is no memory for all of it */
    text_escape_controls(big, n + 1, text, TEXT_ESCAPE_C);
    return big;
}

static void escaped_free(char *text, const char *small)
{
    if (text != small)
        free(text);
}

/* Prints `text` escaped for a terminal, between `before` and `after` (our
 * own words, printed as they are). */
static void print_text(FILE *out, const char *before, const char *text, const char *after)
{
    char small[512];
    char *e = escaped(text, small);
    fprintf(out, "%s%s%s", before, e, after);
    escaped_free(e, small);
}

/* Prints `text` escaped for a terminal into `format` (our own words, a
 * translated message with one %s). */
static void print_escaped(FILE *out, const char *format, const char *text)
{
    char small[512];
    char *e = escaped(text, small);
    fprintf(out, format, e);
    escaped_free(e, small);
}

/* BINDIR/../RELATIVE for the binary that runs, into buf; NULL when the
 * binary's folder cannot be told or the path does not fit. */
static const char *beside_binary(char *buf, size_t size, const char *relative)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    int written = snprintf(buf, size, "%s/../%s", exe, relative);
    return written > 0 && (size_t)written < size ? buf : NULL;
}

/* The folder of shipped packs: see the header comment for the order. */
static const char *shipped_questions_dir(char *buf, size_t size)
{
    const char *env = getenv("QUIZDECK_QUESTIONS_DIR");
    if (env && *env)
        return env;
    const char *installed = beside_binary(buf, size, QUIZDECK_INSTALL_QUESTIONS);
    return installed && is_dir(installed) ? installed : QUIZDECK_SOURCE_QUESTIONS;
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
    const char *installed = beside_binary(buf, size, QUIZDECK_INSTALL_LOCALE_DIR);
    char probe[PATH_MAX + 64];
    int probed =
        installed ? snprintf(probe, sizeof probe, "%s/ar/LC_MESSAGES/%s.mo", installed, I18N_DOMAIN)
                  : -1;
    if (probed > 0 && (size_t)probed < sizeof probe && path_exists(probe))
        return installed;
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

static int run_check(const char *const *paths, size_t count)
{
    PackSet set = {0};
    bool usage_error = false;
    /* Sessions find their packs among the shipped ones and the other paths. */
    char shipped[PATH_MAX];
    const char *look_in[MAX_PATHS + 1] = {shipped_questions_dir(shipped, sizeof shipped)};
    size_t look_count = 1;
    ClassCheckTally sessions = {0};
    for (size_t i = 0; i < count; i++)
        if (path_exists(paths[i]) && !class_cmd_is_session(paths[i]))
            look_in[look_count++] = paths[i];
    for (size_t i = 0; i < count; i++) {
        if (!path_exists(paths[i])) {
            print_escaped(stderr, _("quizdeck: %s: no such file or folder\n"), paths[i]);
            usage_error = true;
            continue;
        }
        if (class_cmd_is_session(paths[i])) {
            class_cmd_check(paths[i], look_in, look_count, &sessions);
            continue;
        }
        pack_set_add_path(&set, paths[i]);
    }
    size_t questions = 0;
    for (size_t i = 0; i < set.pack_count; i++)
        questions += set.packs[i]->question_count;
    size_t warnings = 0;
    for (size_t i = 0; i < set.report_count; i++) {
        cli_print_diags(stdout, &set.reports[i].diags, NULL);
        warnings += set.reports[i].diags.warning_count;
    }
    size_t errors = pack_set_error_count(&set) + sessions.errors;
    size_t files = set.pack_count + set.failure_count + sessions.files;
    size_t valid = set.pack_count + sessions.valid, failed = set.failure_count + sessions.invalid;
    questions += sessions.questions;
    warnings += sessions.warnings;
    /* The summary in the user's language; the diagnostics above keep the
     * FILE:LINE:COLUMN: error: shape that editors parse (pack_check.c). */
    char checked[80], with_questions[80], with_errors[80], with_warnings[80];
    snprintf(checked, sizeof checked,
             i18n_plural("%zu file checked", "%zu files checked", (int64_t)files), files);
    snprintf(with_questions, sizeof with_questions,
             i18n_plural("%zu question", "%zu questions", (int64_t)questions), questions);
    snprintf(with_errors, sizeof with_errors,
             i18n_plural("%zu error", "%zu errors", (int64_t)errors), errors);
    snprintf(with_warnings, sizeof with_warnings,
             i18n_plural("%zu warning", "%zu warnings", (int64_t)warnings), warnings);
    /* TRANSLATORS: 12 files checked: 11 valid (340 questions), 1 with
     * errors; 3 errors, 0 warnings */
    printf(_("%s: %zu valid (%s), %zu with errors; %s, %s\n"), checked, valid, with_questions,
           failed, with_errors, with_warnings);
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
    print_text(stdout, "", p->id, "\t");
    print_text(stdout, "", p->title, "\t");
    /* TRANSLATORS: --list's third column. English says "questions" for
     * every count, as scripts reading the column expect; give your
     * language its plural forms. */
    printf(i18n_plural("%zu questions", "%zu questions", (int64_t)p->question_count),
           p->question_count);
    /* TRANSLATORS: --list, before each question type (the pack format's
     * keyword: choice, multi, ...) and its count. */
    printf("\n  %s", _("types:"));
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++)
        if (per_type[t])
            printf(" %s %zu", question_type_name((QuestionType)t), per_type[t]);
    /* TRANSLATORS: --list, before each topic's id and (title). */
    printf("\n  %s", _("topics:"));
    if (!p->topic_count)
        printf(" %s", _("(none)"));
    for (size_t i = 0; i < p->topic_count; i++) {
        print_text(stdout, i ? C_("list separator", ", ") : " ", p->topics[i].id, " (");
        print_text(stdout, "", p->topics[i].title, ")");
    }
    /* TRANSLATORS: --list, before the pack's file name. */
    printf("\n  %s", _("file:"));
    print_text(stdout, " ", p->path, "\n");
}

/* The first error of a file's records: why it did not load (its warnings,
 * which may come first in the file, are not the reason). */
static const Diag *first_error(const DiagList *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].severity == DIAG_ERROR)
            return &list->items[i];
    return NULL;
}

static int run_list(const char *const *paths, size_t count)
{
    PackSet set = {0};
    char *cache_dir = pack_cache_dir_from_env();
    pack_set_use_cache(&set, cache_dir);
    free(cache_dir);
    bool usage_error = false;
    for (size_t i = 0; i < count; i++) {
        if (!path_exists(paths[i])) {
            print_escaped(stderr, _("quizdeck: %s: no such file or folder\n"), paths[i]);
            usage_error = true;
            continue;
        }
        pack_set_add_path(&set, paths[i]);
    }
    for (size_t i = 0; i < set.pack_count; i++)
        print_pack(set.packs[i]);
    for (size_t i = 0; i < set.failure_count; i++) {
        const PackFailure *f = &set.failures[i];
        /* TRANSLATORS: --list, before the file name of a pack that did not
         * load; the reason follows on the next line. */
        print_escaped(stderr, _("not loaded: %s\n"), f->path);
        const Diag *reason = first_error(&f->diags);
        if (reason)
            cli_print_diag(stderr, "  ", reason);
        size_t more = f->diags.error_count - 1;
        if (f->diags.error_count > 1)
            fprintf(stderr,
                    i18n_plural("  (and %zu more error: quizdeck --check lists them all)\n",
                                "  (and %zu more errors: quizdeck --check lists them all)\n",
                                (int64_t)more),
                    more);
    }
    /* QUIZDECK_CACHE_DEBUG is for developers: its lines stay English. */
    const char *debug = getenv("QUIZDECK_CACHE_DEBUG");
    for (size_t i = 0; debug && debug[0] && i < set.report_count; i++) {
        char outcome[64];
        snprintf(outcome, sizeof outcome, ": %s\n", pack_cache_outcome_name(set.reports[i].cache));
        print_text(stderr, "cache: ", set.reports[i].path, outcome);
    }
    char loaded[80];
    snprintf(loaded, sizeof loaded,
             i18n_plural("%zu pack loaded", "%zu packs loaded", (int64_t)set.pack_count),
             set.pack_count);
    /* TRANSLATORS: --list's last line: "3 packs loaded, 1 failed". */
    printf(_("%s, %zu failed\n"), loaded, set.failure_count);
    int status = usage_error ? EXIT_USAGE : set.failure_count ? EXIT_INVALID : EXIT_VALID;
    pack_set_free(&set);
    return status;
}

typedef enum Mode { MODE_PLAY, MODE_CHECK, MODE_LIST } Mode;

/* The game started into a class session (`--session`), after
 * class_cmd_session() checked it, delivered what waited and printed its
 * intro: the game opens on the session's screen (scene_session.c), where
 * the student gives their name and plays; there is no way into free play
 * from there. */
static int launch_session(const char *session_path, const UiLaunch *launch)
{
    UiLaunch session = *launch;
    session.session = session_path;
    return ui_run(&session);
}

int main(int argc, char **argv)
{
    char locale_buf[PATH_MAX];
    i18n_init(locale_dir(locale_buf, sizeof locale_buf));
    if (class_cmd_wanted(argc, argv)) {
        char shipped[PATH_MAX];
        return class_cmd_main(argc, argv, shipped_questions_dir(shipped, sizeof shipped));
    }
    Mode mode = MODE_PLAY;
    const char *paths[MAX_PATHS];
    size_t path_count = 0;
    const char *pack_dirs[MAX_PATHS];
    size_t pack_dir_count = 0;
    const char *data_option = NULL;
    bool options_done = false;

    if (import_cmd_wanted(argc, argv))
        return import_cmd_run(argc, argv, data_dir);
    if (class_cmd_deliver_wanted(argc, argv))
        return class_cmd_deliver(argc, argv, data_dir);
    const char *session_path = NULL, *pack_dir = NULL;
    const CliOption options[] = {
        {"--session", &session_path}, {"--packs", &pack_dir}, {"--data", &data_option}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int option = options_done ? CLI_NOT_OPTION
                                  : cli_option_value(options, CLI_COUNT(options), argc, argv, &i);
        if (option == CLI_NO_VALUE) {
            if (strcmp(a, "--session") == 0)
                fprintf(stderr, "%s", _("quizdeck: --session needs a session folder\n"));
            else
                print_escaped(stderr, _("quizdeck: %s needs a folder\n"), a);
            return EXIT_USAGE;
        }
        if (option >= 0) {
            if (options[option].value != &pack_dir)
                continue;
            if (!is_dir(pack_dir)) {
                print_escaped(stderr, _("quizdeck: --packs %s: no such folder\n"), pack_dir);
                return EXIT_USAGE;
            }
            if (pack_dir_count < MAX_PATHS)
                pack_dirs[pack_dir_count++] = pack_dir;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
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
            } else {
                print_escaped(stderr, _("quizdeck: unknown option '%s'\n"), a);
                print_usage(stderr);
                return EXIT_USAGE;
            }
        } else if (path_count < MAX_PATHS) {
            paths[path_count++] = a;
        } else {
            fprintf(stderr, _("quizdeck: too many paths (at most %d)\n"), MAX_PATHS);
            return EXIT_USAGE;
        }
    }

    if (mode == MODE_CHECK) {
        for (size_t i = 0; i < pack_dir_count && path_count < MAX_PATHS; i++)
            paths[path_count++] = pack_dirs[i];
        if (path_count == 0) {
            fprintf(stderr, _("quizdeck: --check needs at least one file or folder\n"));
            return EXIT_USAGE;
        }
        return run_check(paths, path_count);
    }
    if (session_path && mode != MODE_PLAY) {
        print_escaped(stderr,
                      _("quizdeck: --session %s: cannot be combined with --check or --list\n"),
                      session_path);
        return EXIT_USAGE;
    }
    if (session_path && !path_exists(session_path)) {
        print_escaped(stderr, _("quizdeck: %s: no such file or folder\n"), session_path);
        return EXIT_USAGE;
    }
    if (path_count && mode == MODE_PLAY) {
        print_escaped(stderr,
                      _("quizdeck: unexpected argument '%s' (use --packs DIR to add packs)\n"),
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
        if (session_path) {
            status = class_cmd_session(session_path, game_paths, game_count, data);
            if (status == EXIT_VALID)
                status = launch_session(session_path, &launch);
        } else {
            status = ui_run(&launch);
        }
    }
    free(data);
    return status;
}
