/* class_cmd.c - `--check` for sessions and `--report` (class_cmd.h).
 *
 * The report's CSV and HTML are written as files meant for people are
 * (design rule 8): into a temporary file beside the target, renamed over
 * it once complete, so a teacher never opens half a report. Neither may be
 * written into the session's results/ folder, which belongs to the game.
 *
 * Read class_cmd.h first, then src/core/class/report.h.
 */
/* realpath() and mkstemp() are X/Open, beyond the POSIX level the build
 * asks for. */
#define _XOPEN_SOURCE 700

#include "class_cmd.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "report.h"
#include "session.h"
#include "strutil.h"

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, MAX_DIRS = 64 };

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

bool class_cmd_is_session(const char *path)
{
    return session_is_session_path(path);
}

/* Where a resolved pack came from, for the line a valid session gets. */
static const char *origin(const SessionPacks *packs, const Pack *p)
{
    for (size_t i = 0; i < packs->local.pack_count; i++)
        if (packs->local.packs[i] == p)
            return "packs/";
    return "installed";
}

void class_cmd_check(const char *path, const char *const *installed, size_t installed_count,
                     ClassCheckTally *tally)
{
    DiagList diags = {0};
    Session *s = session_load(path, &diags);
    SessionPacks packs = {0};
    bool ok = s != NULL;
    if (s)
        ok = session_resolve_packs(s, installed, installed_count, &packs, &diags);
    print_diags(&diags);
    tally->files++;
    tally->errors += diags.error_count;
    tally->warnings += diags.warning_count;
    if (diags.error_count)
        tally->invalid++;
    else
        tally->valid++;
    for (size_t i = 0; i < packs.local.report_count; i++) {
        const PackReport *r = &packs.local.reports[i];
        print_diags(&r->diags);
        tally->files++;
        tally->errors += r->diags.error_count;
        tally->warnings += r->diags.warning_count;
        if (r->loaded)
            tally->valid++;
        else
            tally->invalid++;
    }
    for (size_t i = 0; i < packs.local.pack_count; i++)
        tally->questions += packs.local.packs[i]->question_count;
    if (ok && s) {
        RoundQuestionRef *drawn = NULL;
        size_t n = 0;
        if (session_draw(s, &packs, &drawn, &n)) {
            tally->questions += n; /* a session's own questions: the ones it plays */
            printf("%s: session '%s' plays %zu %s per student from", s->path, s->id, n,
                   n == 1 ? "question" : "questions");
            for (size_t i = 0; i < packs.pack_count; i++)
                printf("%s %s (%s)", i ? "," : "", packs.packs[i].pack->id,
                       origin(&packs, packs.packs[i].pack));
            printf("\n");
        }
        free(drawn);
    }
    session_packs_free(&packs);
    session_free(s);
    diag_clear(&diags);
}

bool class_cmd_wanted(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--report") == 0)
            return true;
    }
    return false;
}

/* An output file being written: the temporary file and the target. */
typedef struct Output {
    const char *target;
    char *tmp;
    FILE *file;
} Output;

/* True when `path` would land in the session's results/ folder. */
static bool inside_results(const char *session_folder, const char *path)
{
    char *results = NULL;
    size_t n = strlen(session_folder);
    results = malloc(n + 10);
    if (!results)
        return false;
    snprintf(results, n + 10, "%s/results", session_folder);
    char *real_results = realpath(results, NULL);
    free(results);
    if (!real_results)
        return false;
    /* The target may not exist yet: judge by its folder. */
    char *copy = dup_string(path);
    char *slash = copy ? strrchr(copy, '/') : NULL;
    const char *dir = slash ? (slash == copy ? "/" : copy) : ".";
    if (slash && slash != copy)
        *slash = '\0';
    char *real_dir = realpath(dir, NULL);
    bool inside = real_dir && strncmp(real_dir, real_results, strlen(real_results)) == 0 &&
                  (real_dir[strlen(real_results)] == '\0' || real_dir[strlen(real_results)] == '/');
    free(real_dir);
    free(copy);
    free(real_results);
    return inside;
}

static bool output_open(Output *o, const char *target)
{
    o->target = target;
    size_t n = strlen(target) + 16;
    o->tmp = malloc(n);
    if (!o->tmp)
        return false;
    snprintf(o->tmp, n, "%s.tmp-XXXXXX", target);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, "quizdeck: cannot write %s: %s\n", target, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask); /* as a file made by fopen would be */
    o->file = fdopen(fd, "wb");
    if (!o->file) {
        close(fd);
        unlink(o->tmp);
        return false;
    }
    return true;
}

/* Closes and renames into place; false (and nothing left) on failure. */
static bool output_commit(Output *o, bool keep)
{
    if (!o->file)
        return false;
    bool ok = !ferror(o->file);
    ok = fflush(o->file) == 0 && ok;
    ok = fsync(fileno(o->file)) == 0 && ok;
    ok = fclose(o->file) == 0 && ok;
    o->file = NULL;
    if (ok && keep && rename(o->tmp, o->target) == 0) {
        free(o->tmp);
        o->tmp = NULL;
        return true;
    }
    if (keep)
        fprintf(stderr, "quizdeck: cannot write %s: %s\n", o->target, strerror(errno));
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return false;
}

static void usage(void)
{
    fputs("usage: quizdeck --report FOLDER [--csv FILE] [--html FILE] [--packs DIR]...\n"
          "  FOLDER is a session folder (or its results/ folder)\n",
          stderr);
}

int class_cmd_main(int argc, char **argv, const char *shipped)
{
    const char *folder = NULL, *csv_path = NULL, *html_path = NULL;
    const char *installed[MAX_DIRS + 1];
    size_t installed_count = 0;
    installed[installed_count++] = shipped;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool takes = strcmp(a, "--report") == 0 || strcmp(a, "--csv") == 0 ||
                     strcmp(a, "--html") == 0 || strcmp(a, "--packs") == 0;
        if (!takes) {
            fprintf(stderr, "quizdeck: %s: not an option of --report\n", a);
            usage();
            return EXIT_USAGE;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "quizdeck: %s needs %s\n", a,
                    strcmp(a, "--report") == 0 || strcmp(a, "--packs") == 0 ? "a folder"
                                                                            : "a file name");
            return EXIT_USAGE;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--report") == 0)
            folder = v;
        else if (strcmp(a, "--csv") == 0)
            csv_path = v;
        else if (strcmp(a, "--html") == 0)
            html_path = v;
        else if (!is_dir(v)) {
            fprintf(stderr, "quizdeck: --packs %s: no such folder\n", v);
            return EXIT_USAGE;
        } else if (installed_count <= MAX_DIRS) {
            installed[installed_count++] = v;
        }
    }
    if (!folder || !is_dir(folder)) {
        fprintf(stderr, "quizdeck: --report %s: no such folder\n", folder ? folder : "");
        return EXIT_USAGE;
    }
    const char *targets[2] = {csv_path, html_path};
    for (int k = 0; k < 2; k++)
        if (targets[k] && inside_results(folder, targets[k])) {
            fprintf(stderr, "quizdeck: %s: the report is not written into the results folder\n",
                    targets[k]);
            return EXIT_USAGE;
        }

    Output csv = {0}, html = {0};
    if (csv_path && !output_open(&csv, csv_path))
        return EXIT_USAGE;
    DiagList diags = {0};
    Report rep;
    ReportStatus st = report_build(&rep, folder, installed, installed_count, csv.file, &diags);
    print_diags(&diags);
    diag_clear(&diags);
    int status = EXIT_VALID;
    if (st != REPORT_OK) {
        const char *why = st == REPORT_NO_SESSION   ? "the session has errors"
                          : st == REPORT_NO_PACKS   ? "a pack of the session is missing or broken"
                          : st == REPORT_NO_RESULTS ? "results/new cannot be read"
                                                    : "out of memory";
        fprintf(stderr, "quizdeck: no report for %s: %s\n", folder, why);
        output_commit(&csv, false);
        report_free(&rep);
        return EXIT_INVALID;
    }
    report_write_text(&rep, stdout);
    if (csv_path) {
        if (output_commit(&csv, true))
            printf("\nCSV: %s\n", csv_path);
        else
            status = EXIT_INVALID;
    }
    if (html_path) {
        if (output_open(&html, html_path)) {
            report_write_html(&rep, html.file);
            if (output_commit(&html, true))
                printf("%sHTML: %s\n", csv_path ? "" : "\n", html_path);
            else
                status = EXIT_INVALID;
        } else {
            status = EXIT_INVALID;
        }
    }
    report_free(&rep);
    return status;
}
