/* class_cmd.c - `--check` for sessions, `--report`, what `--session` does
 * before the game opens, and `--deliver` (class_cmd.h).
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

#include <time.h>

#include "class_play.h"
#include "cli_args.h"
#include "fsutil.h"
#include "i18n.h"
#include "report.h"
#include "session.h"
#include "strutil.h"

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, MAX_DIRS = 64 };

static void print_diags(const DiagList *list)
{
    cli_print_diags(stdout, list, NULL);
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
    /* TRANSLATORS: where a session's pack was found: among the installed
     * packs (the other place is the session's own packs/ folder). */
    return C_("pack origin", "installed");
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
            /* TRANSLATORS: followed by the session's packs, each with
             * where it was found, joined by the list separator. */
            printf(i18n_plural("%s: session '%s' plays %zu question per student from",
                               "%s: session '%s' plays %zu questions per student from", (int64_t)n),
                   s->path, s->id, n);
            for (size_t i = 0; i < packs.pack_count; i++)
                printf("%s%s (%s)", i ? C_("list separator", ", ") : " ", packs.packs[i].pack->id,
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
    return cli_args_has(argc, argv, (const char *const[]){"--report", NULL});
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
        fprintf(stderr, _("quizdeck: cannot write %s: %s\n"), target, strerror(errno));
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
        fprintf(stderr, _("quizdeck: cannot write %s: %s\n"), o->target, strerror(errno));
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return false;
}

static void usage(void)
{
    fputs(_("usage: quizdeck --report FOLDER [--csv FILE] [--html FILE] [--packs DIR]...\n"
            "  FOLDER is a session folder (or its results/ folder)\n"),
          stderr);
}

int class_cmd_main(int argc, char **argv, const char *shipped)
{
    const char *folder = NULL, *csv_path = NULL, *html_path = NULL, *pack_dir = NULL;
    const char *installed[MAX_DIRS + 1];
    size_t installed_count = 0;
    installed[installed_count++] = shipped;
    enum { OPT_REPORT, OPT_PACKS };
    const CliOption options[] = {[OPT_REPORT] = {"--report", &folder},
                                 [OPT_PACKS] = {"--packs", &pack_dir},
                                 {"--csv", &csv_path},
                                 {"--html", &html_path}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int option = cli_option_value(options, CLI_COUNT(options), argc, argv, &i);
        if (option == CLI_NOT_OPTION) {
            fprintf(stderr, _("quizdeck: %s: not an option of --report\n"), a);
            usage();
            return EXIT_USAGE;
        }
        if (option == CLI_NO_VALUE) {
            bool names_folder = strcmp(a, "--report") == 0 || strcmp(a, "--packs") == 0;
            fprintf(stderr,
                    names_folder ? _("quizdeck: %s needs a folder\n")
                                 : _("quizdeck: %s needs a file name\n"),
                    a);
            return EXIT_USAGE;
        }
        if (option != OPT_PACKS)
            continue;
        if (!is_dir(pack_dir)) {
            fprintf(stderr, _("quizdeck: --packs %s: no such folder\n"), pack_dir);
            return EXIT_USAGE;
        }
        if (installed_count <= MAX_DIRS)
            installed[installed_count++] = pack_dir;
    }
    if (!folder || !is_dir(folder)) {
        fprintf(stderr, _("quizdeck: --report %s: no such folder\n"), folder ? folder : "");
        return EXIT_USAGE;
    }
    const char *targets[2] = {csv_path, html_path};
    for (int k = 0; k < 2; k++)
        if (targets[k] && inside_results(folder, targets[k])) {
            fprintf(stderr, _("quizdeck: %s: the report is not written into the results folder\n"),
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
        const char *why = st == REPORT_NO_SESSION ? _("the session has errors")
                          : st == REPORT_NO_PACKS ? _("a pack of the session is missing or broken")
                          : st == REPORT_NO_RESULTS ? _("results/new cannot be read")
                                                    : _("out of memory");
        fprintf(stderr, _("quizdeck: no report for %s: %s\n"), folder, why);
        output_commit(&csv, false);
        report_free(&rep);
        return EXIT_INVALID;
    }
    report_write_text(&rep, stdout);
    if (csv_path) {
        if (output_commit(&csv, true))
            printf(_("\nCSV: %s\n"), csv_path);
        else
            status = EXIT_INVALID;
    }
    if (html_path) {
        if (output_open(&html, html_path)) {
            report_write_html(&rep, html.file);
            if (output_commit(&html, true))
                printf(csv_path ? _("HTML: %s\n") : _("\nHTML: %s\n"), html_path);
            else
                status = EXIT_INVALID;
        } else {
            status = EXIT_INVALID;
        }
    }
    report_free(&rep);
    return status;
}

/* ---- --session and --deliver ------------------------------------------------ */

/* The command line may read the clock; the core takes it from here. */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "20 s", "1.5 s", "10 min". */
static const char *duration(int64_t ms, char buf[32])
{
    if (ms >= 60000 && ms % 60000 == 0)
        snprintf(buf, 32, _("%lld min"), (long long)(ms / 60000));
    else if (ms % 1000 == 0)
        snprintf(buf, 32, _("%lld s"), (long long)(ms / 1000));
    else
        snprintf(buf, 32, _("%.1f s"), (double)ms / 1000.0);
    return buf;
}

static const char *const FEEDBACK_WORDS[] = {
    [SESSION_FEEDBACK_EACH] = N_("right or wrong after each question"),
    [SESSION_FEEDBACK_END] = N_("the review at the end"),
    [SESSION_FEEDBACK_NONE] = N_("only \"submitted\""),
};

/* What the intro screen shows, for a terminal. False when it is not open. */
static bool print_intro(const ClassSession *cs, int64_t now)
{
    ClassIntro in;
    class_intro(cs, 1.0, now, &in);
    char a[32], b[32], when[CLASS_TIME_TEXT];
    printf("%s (%s)\n", in.title, in.id);
    /* TRANSLATORS: order and scoring are the session file's words (fixed,
     * shuffled; all-or-nothing, partial); feedback is a phrase. */
    printf(i18n_plural("  %zu question, order %s, scoring %s, feedback: %s\n",
                       "  %zu questions, order %s, scoring %s, feedback: %s\n",
                       (int64_t)in.question_count),
           in.question_count, session_order_name(in.order), session_scoring_name(in.scoring),
           _(FEEDBACK_WORDS[in.feedback]));
    if (!in.limit_max_ms)
        printf("%s", _("  time: untimed questions"));
    else if (in.limit_min_ms == in.limit_max_ms)
        printf(_("  time: %s a question"), duration(in.limit_max_ms, a));
    else
        printf(_("  time: %s to %s a question"), duration(in.limit_min_ms, a),
               duration(in.limit_max_ms, b));
    if (in.total_ms)
        printf(_(", %s for the whole attempt"), duration(in.total_ms, a));
    printf("%s\n",
           cs->session->accommodation_count ? _(" (more for students with extra time)") : "");
    if (in.roster)
        printf(i18n_plural("  students pick their name from the class list (%zu name)",
                           "  students pick their name from the class list (%zu names)",
                           (int64_t)in.students),
               in.students);
    else
        printf("%s", _("  students type their name"));
    printf(i18n_plural("; %d attempt each on one computer\n",
                       "; %d attempts each on one computer\n", in.attempts),
           in.attempts);
    switch (in.window) {
    case CLASS_WINDOW_OPEN:
        if (in.has_closes) {
            class_time_format(in.closes, when);
            printf(_("  open now, until %s\n"), when);
        } else {
            printf("%s", _("  open now\n"));
        }
        return true;
    case CLASS_WINDOW_NOT_YET:
        class_time_format(in.opens, when);
        printf(_("  not open yet: it opens at %s\n"), when);
        return false;
    case CLASS_WINDOW_CLOSED:
        class_time_format(in.closes, when);
        printf(_("  closed: it closed at %s\n"), when);
        return false;
    }
    return false;
}

/* Every delivered and waiting file of a delivery, and the summary line. */
static void print_delivery(const ClassDeliverReport *rep)
{
    for (size_t i = 0; i < rep->count; i++) {
        const ClassDelivered *d = &rep->items[i];
        if (d->delivered)
            printf(_("delivered: %s\n  -> %s\n"), d->name, d->path);
        else
            printf(i18n_plural("waiting:   %s (%s)\n  for %s/results/new/: %s (tried %d time)\n",
                               "waiting:   %s (%s)\n  for %s/results/new/: %s (tried %d times)\n",
                               d->tries),
                   d->name, d->student, d->folder, i18n_message(d->message), d->tries);
    }
    if (rep->waiting)
        /* TRANSLATORS: the count that chooses the form is the second one,
         * the files still waiting. */
        printf(i18n_plural("%zu delivered, %zu still waiting in %s; quizdeck delivers it by itself "
                           "once the results folder can be written (at the next answer or the "
                           "next start), or run quizdeck --deliver again\n",
                           "%zu delivered, %zu still waiting in %s; quizdeck delivers them by "
                           "itself once the results folder can be written (at the next answer or "
                           "the next start), or run quizdeck --deliver again\n",
                           (int64_t)rep->waiting),
               rep->delivered, rep->waiting, rep->database);
    else if (rep->delivered)
        printf(_("%zu delivered, nothing left waiting\n"), rep->delivered);
}

/* Attempts a kill left unfinished (of one session, or all). */
static void print_unfinished(Store *store, const ClassSession *cs)
{
    StoreClassAttemptList open = {0};
    if (class_pending(store, cs, &open, NULL) != CLASS_OK)
        return;
    for (size_t i = 0; i < open.count; i++) {
        const StoreClassAttempt *a = &open.items[i];
        StoreRoundList r = {0};
        int answered = 0, total = 0;
        if (store_round_get(store, a->round_id, &r, NULL) == STORE_OK) {
            answered = r.items[0].answered_count;
            total = r.items[0].question_count;
        }
        store_round_list_free(&r);
        if (a->roster_id[0])
            printf(_("unfinished: %s (%s) in %s, %d of %d answered: start quizdeck --session %s "
                     "to take it up or end it\n"),
                   a->student, a->roster_id, a->session_id, answered, total, a->folder);
        else
            printf(_("unfinished: %s in %s, %d of %d answered: start quizdeck --session %s to "
                     "take it up or end it\n"),
                   a->student, a->session_id, answered, total, a->folder);
    }
    store_class_attempt_list_free(&open);
}

int class_cmd_session(const char *path, const char *const *packs, size_t pack_count,
                      const char *data_dir)
{
    ClassSession cs;
    ClassError err = {0};
    ClassStatus st = class_session_open(&cs, path, packs, pack_count, &err);
    print_diags(&cs.diags);
    for (size_t i = 0; i < cs.packs.local.report_count; i++)
        print_diags(&cs.packs.local.reports[i].diags);
    if (st != CLASS_OK) {
        fprintf(stderr, "quizdeck: %s\n", i18n_message(err.message));
        class_session_close(&cs);
        return EXIT_INVALID;
    }
    int64_t now = now_ms();
    Store *store = NULL;
    StoreError serr = {0};
    if (data_dir)
        mkdir(data_dir, 0777); /* as the game makes it; store_open says if it cannot */
    if (data_dir && store_open(&store, data_dir, &serr) == STORE_OK) {
        ClassDeliverReport rep;
        class_deliver(store, NULL, now, &rep, NULL);
        print_delivery(&rep);
        class_deliver_report_free(&rep);
        print_unfinished(store, &cs);
        store_close(store);
    } else {
        fprintf(stderr, _("quizdeck: progress will not be saved on this computer: %s\n"),
                serr.message[0] ? i18n_message(serr.message) : _("no data folder"));
    }
    bool open = print_intro(&cs, now);
    class_session_close(&cs);
    return open ? EXIT_VALID : EXIT_INVALID;
}

bool class_cmd_deliver_wanted(int argc, char **argv)
{
    return cli_args_has(argc, argv, (const char *const[]){"--deliver", NULL});
}

int class_cmd_deliver(int argc, char **argv, ClassCmdDataDir data_dir)
{
    const char *option = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--deliver") == 0)
            continue;
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            option = argv[++i];
            continue;
        }
        fprintf(stderr,
                _("quizdeck: %s: not an option of --deliver\n"
                  "usage: quizdeck --deliver [--data DIR]\n"),
                argv[i]);
        return EXIT_USAGE;
    }
    char *dir = data_dir(option);
    if (!dir) {
        fprintf(stderr, "%s", _("quizdeck: no data folder to deliver from\n"));
        return EXIT_USAGE;
    }
    size_t n = strlen(dir);
    char *db = malloc(n + 16);
    if (db)
        snprintf(db, n + 16, "%s%squizdeck.db", dir, n && dir[n - 1] == '/' ? "" : "/");
    struct stat st;
    if (!db || stat(db, &st) != 0) {
        printf(_("Nothing is waiting: there is no quizdeck database in %s\n"), dir);
        free(db);
        free(dir);
        return EXIT_VALID;
    }
    free(db);
    Store *store = NULL;
    StoreError serr = {0};
    if (store_open(&store, dir, &serr) != STORE_OK) {
        fprintf(stderr, "quizdeck: %s\n", i18n_message(serr.message));
        free(dir);
        return EXIT_INVALID;
    }
    free(dir);
    ClassDeliverReport rep;
    ClassError err = {0};
    ClassStatus cst = class_deliver(store, NULL, now_ms(), &rep, &err);
    if (cst == CLASS_NOT_SAVED || cst == CLASS_NO_MEMORY)
        fprintf(stderr, "quizdeck: %s\n", i18n_message(err.message));
    print_delivery(&rep);
    if (rep.count == 0 && cst == CLASS_OK)
        printf(_("Nothing is waiting to be delivered from %s\n"), rep.database);
    print_unfinished(store, NULL);
    class_deliver_report_free(&rep);
    store_close(store);
    return cst == CLASS_OK ? EXIT_VALID : EXIT_INVALID;
}
