/* bench_launch.c - how long real programs take from launch to a settled
 * first screen and to a usable one, and how much memory they hold then
 * (design rule 10: printed, never judged).
 *
 * Each case is a program with its arguments and environment: the floor
 * (bench_floor), the game in the user's default environment, the game with
 * a renderer forced, with more packs, a cold or a warm pack cache, ... One
 * run launches every case once, in turn (so drift on a shared machine hits
 * all cases alike), after one unmeasured warm-up launch of each (page
 * cache; a first launch of the game also creates its database, so measured
 * launches see the title screen; a warm cache case is filled by it).
 *
 * Two rules say when a launch has settled.
 *
 * The markers (the default): the program writes lines on the descriptor
 * QUIZDECK_BENCH_SETTLED_FD names (renderer_bench_idle in renderer.h):
 *   settled  its first frame is presented and its loop first blocks
 *            waiting for events: the title is drawn and keys work
 *   ready    the same, once everything is loaded (the game: every pack;
 *            the floor: at once): the title is usable with its packs
 * each time stamped by the program's own CLOCK_MONOTONIC and timed from
 * the fork. At each marker it reads the program's CPU time (all threads,
 * clock_getcpuclockid) and its peak RSS (VmHWM of /proc/PID/status; not
 * ru_maxrss, which a child inherits from its parent across exec); after
 * "ready" it stops the program and takes the peak over its whole life
 * ("exit": ru_maxrss from wait4, which is the program's own peak since
 * this benchmark is far smaller than any program it runs).
 *
 * --external (a rule any program can be held to, for programs that write
 * no marker, such as KWordQuiz): settled is the last moment the program's
 * CPU time advanced before it stayed still for --quiet-ms (200), counted
 * from when its first window was mapped on the X display (a MapNotify of
 * a child of the root window: the display is the benchmark's own, with no
 * window manager). The CPU time is sampled every millisecond; CPU and
 * peak RSS are read when the quiet time is over. Every case of such a run
 * is held to this rule, the floor and the game too, so their ratios are
 * fair. Needs Xlib (QUIZDECK_BENCH_X11, tests/bench/CMakeLists.txt).
 *
 * Either way the program is then sent SIGTERM (SDL turns that into
 * SDL_QUIT) and reaped, and whether a Mesa/OpenGL library (libLLVM,
 * *_dri.so, libgallium, libGLX_mesa, libEGL_mesa) was mapped is noted from
 * /proc/PID/maps. The tables give medians over the runs and, for each
 * figure, the median ratio to the first case (the reference: the floor)
 * in the same round; --versus LABEL adds each case's ratio to that case.
 *
 * Usage: bench_launch [--runs N] [--timeout SECONDS] [--external]
 *                     [--quiet-ms N] [--versus LABEL] CASE...
 *   CASE: --case LABEL [NAME=VALUE | -u NAME | --empty DIR]... -- PROGRAM [ARG...]
 *   NAME=VALUE sets and -u NAME unsets a variable for that case only;
 *   --empty DIR empties the folder DIR before every launch of the case (a
 *   cold pack cache). A program's stdout and stderr go to /dev/null,
 *   except that a failed launch shows the last lines of its stderr.
 * run-ui-bench.sh builds the cases; read it first. Linux only (/proc).
 */
/* wait4() (the exit peak RSS) is BSD's, beyond the POSIX level the build
 * asks for. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef QUIZDECK_BENCH_X11
#include <X11/Xlib.h>
#endif

#include "test_support.h"

/* Limits of one run (cases, rounds, variables a case sets) and its
 * defaults. */
enum { LAUNCH_MAX_CASES = 32, LAUNCH_MAX_RUNS = 101, LAUNCH_MAX_ENV = 16 };
static const int launch_default_runs = 11, launch_default_timeout_s = 20;
static const int launch_default_quiet_ms = 200, launch_quit_wait_ms = 5000;

/* The figures of one launch. */
typedef enum LaunchFigure {
    FIG_SETTLED_MS,
    FIG_SETTLED_CPU,
    FIG_SETTLED_HWM,
    FIG_READY_MS,
    FIG_READY_CPU,
    FIG_READY_HWM,
    FIG_EXIT_HWM,
    FIG_COUNT
} LaunchFigure;

typedef struct LaunchRun {
    bool ok;
    double fig[FIG_COUNT]; /* ms, ms, MiB */
} LaunchRun;

typedef struct LaunchCase {
    const char *label;
    const char *set[LAUNCH_MAX_ENV]; /* "NAME=VALUE" */
    int set_count;
    const char *unset[LAUNCH_MAX_ENV];
    int unset_count;
    const char *empty[LAUNCH_MAX_ENV]; /* folders emptied before each launch */
    int empty_count;
    char **argv; /* NULL-terminated, into main's argv */
    char renderer[32];
    bool mesa;
    LaunchRun runs[LAUNCH_MAX_RUNS]; /* by round */
    int ok, failed;
} LaunchCase;

typedef struct LaunchOptions {
    int runs, timeout_ms, quiet_ms;
    bool external;
    const char *versus; /* a case label, or NULL */
} LaunchOptions;

/* ---- what a running program shows from outside -------------------------- */

static int64_t launch_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A "Name:   123 kB" line of /proc/PID/status, in MiB; -1 when absent. */
static double launch_status_mib(pid_t pid, const char *name)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long kib = -1;
    size_t n = strlen(name);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, n) == 0 && line[n] == ':') {
            kib = strtol(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return kib > 0 ? (double)kib / 1024.0 : -1;
}

static bool launch_maps_mesa(pid_t pid)
{
    static const char *const libs[] = {"libLLVM",     "_dri.so",     "libgallium",
                                       "libGLX_mesa", "libEGL_mesa", "swrast"};
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool found = false;
    while (!found && fgets(line, sizeof line, f))
        for (size_t i = 0; i < sizeof libs / sizeof libs[0] && !found; i++)
            found = strstr(line, libs[i]) != NULL;
    fclose(f);
    return found;
}

static double launch_cpu_ms(pid_t pid)
{
    clockid_t clock;
    struct timespec ts;
    if (clock_getcpuclockid(pid, &clock) != 0 || clock_gettime(clock, &ts) != 0)
        return -1;
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The figures of a moment at_ns: its time from t0, the CPU time (read now
 * unless cpu_ms is given) and the peak RSS, into fig[0], fig[1], fig[2]. */
static void launch_sample(pid_t pid, int64_t t0, int64_t at_ns, double cpu_ms, double *fig)
{
    fig[0] = (double)(at_ns - t0) / 1e6;
    fig[1] = cpu_ms >= 0 ? cpu_ms : launch_cpu_ms(pid);
    fig[2] = launch_status_mib(pid, "VmHWM");
}

/* Reads one line from fd until deadline_ns. */
static bool launch_read_line(int fd, char *buf, size_t size, int64_t deadline_ns)
{
    size_t got = 0;
    while (got + 1 < size) {
        int left = (int)((deadline_ns - launch_now_ns()) / 1000000);
        if (left <= 0)
            return false;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        ssize_t n = read(fd, buf + got, 1);
        if (n <= 0)
            return false;
        if (buf[got] == '\n') {
            buf[got] = '\0';
            return true;
        }
        got++;
    }
    return false;
}

/* Asks the program to quit as closing its window would, then makes sure;
 * its peak RSS over its whole life in MiB (-1 when unknown). */
static double launch_stop(pid_t pid)
{
    kill(pid, SIGTERM);
    struct rusage usage;
    for (int waited = 0; waited < launch_quit_wait_ms; waited += 5) {
        int status;
        pid_t r = wait4(pid, &status, WNOHANG, &usage);
        if (r == pid)
            return (double)usage.ru_maxrss / 1024.0;
        if (r < 0 && errno != EINTR)
            return -1;
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    return wait4(pid, NULL, 0, &usage) == pid ? (double)usage.ru_maxrss / 1024.0 : -1;
}

static void launch_show_log(const char *log)
{
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    char lines[8][512];
    int n = 0;
    while (fgets(lines[n % 8], sizeof lines[0], f))
        n++;
    fclose(f);
    for (int i = n > 8 ? n - 8 : 0; i < n; i++)
        fprintf(stderr, "    | %s", lines[i % 8]);
}

/* ---- one launch --------------------------------------------------------- */

/* Starts case c with stdin and stdout on /dev/null, stderr into log, and
 * QUIZDECK_BENCH_SETTLED_FD=marker_fd unless it is -1; *t0 is the moment
 * of the fork. */
static pid_t launch_start(const LaunchCase *c, int marker_fd, const char *log, int64_t *t0)
{
    for (int i = 0; i < c->empty_count; i++) {
        test_remove_tree(c->empty[i]);
        mkdir(c->empty[i], 0700);
    }
    fflush(NULL);
    *t0 = launch_now_ns();
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    int devnull = open("/dev/null", O_RDWR);
    int err = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
    }
    if (err >= 0)
        dup2(err, STDERR_FILENO);
    for (int i = 0; i < c->unset_count; i++)
        unsetenv(c->unset[i]);
    for (int i = 0; i < c->set_count; i++) {
        char name[128];
        const char *eq = strchr(c->set[i], '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - c->set[i]), c->set[i]);
        setenv(name, eq + 1, 1);
    }
    unsetenv("QUIZDECK_BENCH_SETTLED_FD");
    if (marker_fd >= 0) {
        char fd_text[16];
        snprintf(fd_text, sizeof fd_text, "%d", marker_fd);
        setenv("QUIZDECK_BENCH_SETTLED_FD", fd_text, 1);
    }
    execvp(c->argv[0], c->argv);
    _exit(127);
}

/* Waits for the marker line `what` ("settled", "ready") on fd and samples
 * the program at it into fig. */
static bool launch_marker(int fd, const char *what, pid_t pid, int64_t t0, int64_t deadline_ns,
                          LaunchCase *c, double *fig)
{
    char line[256], word[16] = "", name[32] = "";
    long long ns = 0;
    if (!launch_read_line(fd, line, sizeof line, deadline_ns) ||
        sscanf(line, "%15s %lld %31s", word, &ns, name) != 3 || strcmp(word, what) != 0)
        return false;
    launch_sample(pid, t0, (int64_t)ns, -1, fig);
    snprintf(c->renderer, sizeof c->renderer, "%s", name);
    return true;
}

/* One launch of c timed by its markers; fills *run. */
static bool launch_by_markers(LaunchCase *c, const LaunchOptions *o, const char *log,
                              LaunchRun *run)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    int64_t t0;
    pid_t pid = launch_start(c, fds[1], log, &t0);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return false;
    }
    int64_t deadline = t0 + (int64_t)o->timeout_ms * 1000000;
    const char *missing = "settled";
    bool ok = launch_marker(fds[0], "settled", pid, t0, deadline, c, &run->fig[FIG_SETTLED_MS]);
    if (ok) {
        missing = "ready";
        ok = launch_marker(fds[0], "ready", pid, t0, deadline, c, &run->fig[FIG_READY_MS]);
    }
    close(fds[0]);
    if (ok)
        c->mesa = launch_maps_mesa(pid);
    run->fig[FIG_EXIT_HWM] = launch_stop(pid);
    if (!ok) {
        fprintf(stderr, "bench_launch: %s: no %s line within %d ms; its stderr:\n", c->label,
                missing, o->timeout_ms);
        launch_show_log(log);
    }
    return ok;
}

#ifdef QUIZDECK_BENCH_X11
static Display *launch_display;

/* One launch of c timed by the external rule; fills *run (the "ready"
 * figures are the settled ones: the rule cannot tell them apart). */
static bool launch_by_rule(LaunchCase *c, const LaunchOptions *o, const char *log, LaunchRun *run)
{
    Display *d = launch_display;
    XSync(d, True); /* forget the windows of the launches before */
    int64_t t0;
    pid_t pid = launch_start(c, -1, log, &t0);
    if (pid < 0)
        return false;
    int64_t deadline = t0 + (int64_t)o->timeout_ms * 1000000,
            quiet = (int64_t)o->quiet_ms * 1000000;
    int64_t mapped = 0, moved = 0;
    double cpu = -1;
    bool ok = false;
    const char *why = "its window was never mapped";
    for (;;) {
        struct pollfd p = {.fd = ConnectionNumber(d), .events = POLLIN};
        poll(&p, 1, 1);
        while (XPending(d) > 0) {
            XEvent e;
            XNextEvent(d, &e);
            if (e.type == MapNotify && mapped == 0)
                mapped = launch_now_ns();
        }
        int64_t now = launch_now_ns();
        double at = launch_cpu_ms(pid);
        if (at < 0 || waitpid(pid, NULL, WNOHANG) == pid) {
            why = "it ended";
            break;
        }
        if (at > cpu) {
            cpu = at;
            moved = now;
        }
        if (mapped) {
            int64_t since = moved > mapped ? moved : mapped;
            if (now - since >= quiet) {
                launch_sample(pid, t0, since, cpu, &run->fig[FIG_SETTLED_MS]);
                ok = true;
                break;
            }
            why = "its CPU time never stayed still";
        }
        if (now > deadline)
            break;
    }
    if (ok) {
        for (int k = 0; k < 3; k++)
            run->fig[FIG_READY_MS + k] = run->fig[FIG_SETTLED_MS + k];
        c->mesa = launch_maps_mesa(pid);
        snprintf(c->renderer, sizeof c->renderer, "-");
    }
    run->fig[FIG_EXIT_HWM] = launch_stop(pid);
    if (!ok) {
        fprintf(stderr, "bench_launch: %s: not settled within %d ms (%s); its stderr:\n", c->label,
                o->timeout_ms, why);
        launch_show_log(log);
    }
    return ok;
}

static bool launch_rule_open(void)
{
    launch_display = XOpenDisplay(NULL);
    if (!launch_display)
        return false;
    XSelectInput(launch_display, DefaultRootWindow(launch_display), SubstructureNotifyMask);
    return true;
}
#else
static bool launch_by_rule(LaunchCase *c, const LaunchOptions *o, const char *log, LaunchRun *run)
{
    (void)c, (void)o, (void)log, (void)run;
    return false;
}

static bool launch_rule_open(void)
{
    return false; /* built without Xlib */
}
#endif

/* ---- the tables --------------------------------------------------------- */

/* The median of figure f over the case's good rounds, or of its ratio to
 * ref's in the same round when ref is given (which cancels most of the
 * drift of a shared machine); 0 when there is none. */
static double launch_median(const LaunchCase *c, const LaunchCase *ref, int runs, LaunchFigure f,
                            double *min, double *max)
{
    double v[LAUNCH_MAX_RUNS];
    size_t n = 0;
    for (int i = 0; i < runs; i++) {
        const LaunchRun *r = &c->runs[i];
        if (!r->ok || r->fig[f] < 0 || (ref && (!ref->runs[i].ok || ref->runs[i].fig[f] <= 0)))
            continue;
        v[n++] = ref ? r->fig[f] / ref->runs[i].fig[f] : r->fig[f];
    }
    if (n == 0)
        return 0;
    double m = test_median(v, n); /* sorts v */
    if (min)
        *min = v[0];
    if (max)
        *max = v[n - 1];
    return m;
}

/* One table: a time (with its range), then the other figures, each with
 * its ratio to ref. */
static void launch_table(const LaunchCase *cases, int count, const LaunchCase *ref, int runs,
                         const char *title, const LaunchFigure *figs, int fig_count,
                         const char *const *heads)
{
    printf("\n%s: medians of %d runs (min-max); x = median ratio to \"%s\" in the same round\n",
           title, runs, ref->label);
    printf("%-66s %-9s %-4s %18s %5s", "case", "renderer", "mesa", heads[0], "x");
    for (int k = 1; k < fig_count; k++)
        printf(" %9s %5s", heads[k], "x");
    printf("\n");
    for (int i = 0; i < count; i++) {
        const LaunchCase *c = &cases[i];
        if (c->ok == 0) {
            printf("%-66s every launch failed (%d)\n", c->label, c->failed);
            continue;
        }
        double lo = 0, hi = 0;
        double m = launch_median(c, NULL, runs, figs[0], &lo, &hi);
        char range[48];
        snprintf(range, sizeof range, "%.1f (%.0f-%.0f)", m, lo, hi);
        printf("%-66s %-9s %-4s %18s %5.2f", c->label, c->renderer, c->mesa ? "yes" : "no", range,
               launch_median(c, ref, runs, figs[0], NULL, NULL));
        for (int k = 1; k < fig_count; k++)
            printf(" %9.1f %5.2f", launch_median(c, NULL, runs, figs[k], NULL, NULL),
                   launch_median(c, ref, runs, figs[k], NULL, NULL));
        if (c->failed)
            printf("  (%d failed)", c->failed);
        printf("\n");
    }
}

static void launch_print(const LaunchCase *cases, int count, const LaunchOptions *o)
{
    static const LaunchFigure settled[] = {FIG_SETTLED_MS, FIG_SETTLED_CPU, FIG_SETTLED_HWM,
                                           FIG_EXIT_HWM};
    static const char *const settled_heads[] = {"settled ms", "cpu ms", "peak MiB", "exit MiB"};
    static const LaunchFigure ready[] = {FIG_READY_MS, FIG_READY_CPU, FIG_READY_HWM, FIG_EXIT_HWM};
    static const char *const ready_heads[] = {"ready ms", "cpu ms", "peak MiB", "exit MiB"};
    const LaunchCase *versus = NULL;
    for (int i = 0; o->versus && i < count; i++)
        if (strcmp(cases[i].label, o->versus) == 0)
            versus = &cases[i];
    for (int pass = 0; pass < (versus ? 2 : 1); pass++) {
        const LaunchCase *ref = pass ? versus : &cases[0];
        if (o->external) {
            launch_table(cases, count, ref, o->runs,
                         "launch to settled by the external rule (window mapped, then CPU still)",
                         settled, 4, settled_heads);
            continue;
        }
        launch_table(cases, count, ref, o->runs,
                     "launch to settled first screen (\"settled\": drawn, keys work)", settled, 3,
                     settled_heads);
        launch_table(cases, count, ref, o->runs,
                     "launch to usable first screen (\"ready\": every pack loaded; exit: peak "
                     "over the whole launch)",
                     ready, 4, ready_heads);
    }
    if (o->versus && !versus)
        fprintf(stderr, "bench_launch: --versus %s: no such case\n", o->versus);
}

/* ---- main --------------------------------------------------------------- */

static void launch_usage(void)
{
    fprintf(stderr,
            "usage: bench_launch [--runs N] [--timeout SECONDS] [--external] [--quiet-ms N]\n"
            "                    [--versus LABEL] CASE...\n"
            "  CASE: --case LABEL [NAME=VALUE | -u NAME | --empty DIR]... -- PROGRAM [ARG...]\n");
}

static bool launch_is_assignment(const char *s)
{
    const char *eq = strchr(s, '=');
    if (!eq || eq == s)
        return false;
    for (const char *p = s; p < eq; p++)
        if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

/* One case's settings, from argv[*i] (after its label) to its "--". */
static bool launch_parse_settings(int argc, char **argv, int *i, LaunchCase *c)
{
    for (; *i < argc && strcmp(argv[*i], "--") != 0; (*i)++) {
        const char *a = argv[*i];
        bool more = *i + 1 < argc;
        if (strcmp(a, "-u") == 0 && more && c->unset_count < LAUNCH_MAX_ENV)
            c->unset[c->unset_count++] = argv[++*i];
        else if (strcmp(a, "--empty") == 0 && more && c->empty_count < LAUNCH_MAX_ENV)
            c->empty[c->empty_count++] = argv[++*i];
        else if (launch_is_assignment(a) && c->set_count < LAUNCH_MAX_ENV)
            c->set[c->set_count++] = a;
        else
            return false;
    }
    return true;
}

/* Parses the options and cases. Each case's argv is a new NULL-terminated
 * array of main's strings (freed at exit). Returns the number of cases, or
 * -1 on a usage error. */
static int launch_parse(int argc, char **argv, LaunchOptions *o, LaunchCase *cases)
{
    int count = 0;
    int i = 1;
    while (i < argc) {
        const char *a = argv[i];
        bool value = i + 1 < argc;
        if (strcmp(a, "--external") == 0) {
            o->external = true;
            i++;
            continue;
        }
        if (value && (strcmp(a, "--runs") == 0 || strcmp(a, "--timeout") == 0 ||
                      strcmp(a, "--quiet-ms") == 0 || strcmp(a, "--versus") == 0)) {
            int n = atoi(argv[i + 1]);
            if (strcmp(a, "--runs") == 0)
                o->runs = n;
            else if (strcmp(a, "--timeout") == 0)
                o->timeout_ms = n * 1000;
            else if (strcmp(a, "--quiet-ms") == 0)
                o->quiet_ms = n;
            else
                o->versus = argv[i + 1];
            i += 2;
            continue;
        }
        if (strcmp(a, "--case") != 0 || !value || count >= LAUNCH_MAX_CASES)
            return -1;
        LaunchCase *c = &cases[count++];
        c->label = argv[i + 1];
        i += 2;
        if (!launch_parse_settings(argc, argv, &i, c))
            return -1;
        int first = i + 1, end = first;
        while (end < argc && strcmp(argv[end], "--case") != 0)
            end++;
        if (end == first)
            return -1; /* no PROGRAM after -- */
        c->argv = calloc((size_t)(end - first) + 1, sizeof *c->argv);
        if (!c->argv)
            return -1;
        for (int k = first; k < end; k++)
            c->argv[k - first] = argv[k];
        i = end;
    }
    if (o->runs < 1 || o->runs > LAUNCH_MAX_RUNS - 1 || o->timeout_ms < 1000 || o->quiet_ms < 1 ||
        count == 0)
        return -1;
    return count;
}

int main(int argc, char **argv)
{
    static LaunchCase cases[LAUNCH_MAX_CASES];
    LaunchOptions o = {.runs = launch_default_runs,
                       .timeout_ms = launch_default_timeout_s * 1000,
                       .quiet_ms = launch_default_quiet_ms};
    int count = launch_parse(argc, argv, &o, cases);
    if (count < 0) {
        launch_usage();
        return 2;
    }
    if (o.external && !launch_rule_open()) {
        fprintf(stderr, "bench_launch: --external needs an X display (DISPLAY) and a build "
                        "with Xlib\n");
        return 2;
    }
    char log[64];
    snprintf(log, sizeof log, "/tmp/quizdeck-bench-launch-%d.log", (int)getpid());
    /* Round 0 is the warm-up; rounds 1..runs are measured, case by case in
     * turn. */
    for (int round = 0; round <= o.runs; round++) {
        for (int k = 0; k < count; k++) {
            LaunchCase *c = &cases[k];
            LaunchRun run = {0};
            run.ok =
                o.external ? launch_by_rule(c, &o, log, &run) : launch_by_markers(c, &o, log, &run);
            if (round == 0)
                continue;
            c->runs[round - 1] = run;
            if (run.ok)
                c->ok++;
            else
                c->failed++;
        }
    }
    remove(log);
    launch_print(cases, count, &o);
    for (int k = 0; k < count; k++)
        free(cases[k].argv);
    return 0;
}
