/* bench_launch.c - how long real programs take from launch to a settled
 * first screen, and how much memory they hold then (design rule 10:
 * printed, never judged).
 *
 * Each case is a program with its arguments and environment: the floor
 * (bench_floor), the game in the user's default environment, the game with
 * a renderer forced, with more packs, ... One run launches every case once,
 * in turn (so drift on a shared machine hits all cases alike), after one
 * unmeasured warm-up launch of each (page cache; a first launch of the game
 * also creates its database, so measured launches see the title screen).
 * For every launch:
 *   settled  fork to the line the program writes on QUIZDECK_BENCH_SETTLED_FD
 *            when its first frame is presented and its loop first blocks
 *            waiting for events (renderer_bench_idle in renderer.h); the
 *            time is the program's own CLOCK_MONOTONIC stamp in that line
 *   cpu      the program's CPU time (all threads) at that moment, read
 *            from outside with clock_getcpuclockid
 *   peak RSS VmHWM of /proc/PID/status at that moment (not ru_maxrss,
 *            which a child inherits from its parent across exec)
 *   mesa     whether a Mesa/OpenGL library (libLLVM, *_dri.so, libgallium,
 *            libGLX_mesa, libEGL_mesa) is mapped, from /proc/PID/maps
 * then it is sent SIGTERM (SDL turns that into SDL_QUIT) and reaped. The
 * table gives medians over the runs and, for each figure, the ratio to the
 * first case (the reference: the floor).
 *
 * Usage: bench_launch [--runs N] [--timeout SECONDS] CASE...
 *   CASE: --case LABEL [NAME=VALUE | -u NAME]... -- PROGRAM [ARG...]
 *   NAME=VALUE sets and -u NAME unsets a variable for that case only.
 *   A program's stdout and stderr go to /dev/null, except that a failed
 *   launch shows the last lines of its stderr.
 * run-ui-bench.sh builds the cases; read it first. Linux only (/proc).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_support.h"

enum {
    LAUNCH_MAX_CASES = 32,
    LAUNCH_MAX_RUNS = 101,
    LAUNCH_MAX_ENV = 16,
    LAUNCH_DEFAULT_RUNS = 11,
    LAUNCH_DEFAULT_TIMEOUT_S = 20,
    LAUNCH_QUIT_WAIT_MS = 5000,
};

typedef struct LaunchRun {
    bool ok;
    double settled_ms, cpu_ms, hwm_mib;
} LaunchRun;

typedef struct LaunchCase {
    const char *label;
    const char *set[LAUNCH_MAX_ENV]; /* "NAME=VALUE" */
    int set_count;
    const char *unset[LAUNCH_MAX_ENV];
    int unset_count;
    char **argv; /* NULL-terminated, into main's argv */
    char renderer[32];
    bool mesa;
    LaunchRun runs[LAUNCH_MAX_RUNS]; /* by round */
    int ok, failed;
} LaunchCase;

/* ---- one launch --------------------------------------------------------- */

static int64_t launch_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A "Name:   123 kB" line of /proc/PID/status, in KiB; -1 when absent. */
static long launch_status_kib(pid_t pid, const char *name)
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
    return kib;
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

/* Reads one line from fd within timeout_ms. */
static bool launch_read_line(int fd, char *buf, size_t size, int timeout_ms)
{
    size_t got = 0;
    int64_t deadline = launch_now_ns() + (int64_t)timeout_ms * 1000000;
    while (got + 1 < size) {
        int left = (int)((deadline - launch_now_ns()) / 1000000);
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

/* Asks the program to quit as closing its window would, then makes sure. */
static void launch_stop(pid_t pid)
{
    kill(pid, SIGTERM);
    for (int waited = 0; waited < LAUNCH_QUIT_WAIT_MS; waited += 5) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return;
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
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

/* One launch of case c; fills *run and the case's renderer and mesa. */
static bool launch_once(LaunchCase *c, int timeout_ms, const char *log, LaunchRun *run)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    char fd_text[16];
    snprintf(fd_text, sizeof fd_text, "%d", fds[1]);
    fflush(NULL);
    int64_t t0 = launch_now_ns();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
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
        setenv("QUIZDECK_BENCH_SETTLED_FD", fd_text, 1);
        execvp(c->argv[0], c->argv);
        _exit(127);
    }
    close(fds[1]);
    char line[256];
    bool ok = launch_read_line(fds[0], line, sizeof line, timeout_ms);
    close(fds[0]);
    long long settled_ns = 0;
    char name[32] = "";
    if (ok)
        ok = sscanf(line, "settled %lld %31s", &settled_ns, name) == 2;
    if (ok) {
        run->settled_ms = (double)(settled_ns - t0) / 1e6;
        run->cpu_ms = launch_cpu_ms(pid);
        long hwm = launch_status_kib(pid, "VmHWM");
        run->hwm_mib = hwm > 0 ? (double)hwm / 1024.0 : -1;
        snprintf(c->renderer, sizeof c->renderer, "%s", name);
        c->mesa = launch_maps_mesa(pid);
    }
    launch_stop(pid);
    if (!ok) {
        fprintf(stderr, "bench_launch: %s: no settled line within %d ms; its stderr:\n", c->label,
                timeout_ms);
        launch_show_log(log);
    }
    return ok;
}

/* ---- the table ---------------------------------------------------------- */

/* Medians over the rounds; the ratios are medians of the ratio within each
 * round (a case and the reference launched a second or two apart), which
 * cancels most of the drift of a shared machine. */
typedef struct LaunchMedians {
    double settled, settled_min, settled_max, cpu, hwm;
    double settled_x, cpu_x, hwm_x;
} LaunchMedians;

typedef enum LaunchFigure { FIGURE_SETTLED, FIGURE_CPU, FIGURE_HWM } LaunchFigure;

static double launch_figure(const LaunchRun *r, LaunchFigure f)
{
    return f == FIGURE_SETTLED ? r->settled_ms : f == FIGURE_CPU ? r->cpu_ms : r->hwm_mib;
}

/* The median of figure f over the case's good rounds, or of its ratio to
 * ref's in the same round when ref is given; 0 when there is none. */
static double launch_median(const LaunchCase *c, const LaunchCase *ref, int runs, LaunchFigure f,
                            double *min, double *max)
{
    double v[LAUNCH_MAX_RUNS];
    size_t n = 0;
    for (int i = 0; i < runs; i++) {
        if (!c->runs[i].ok || (ref && (!ref->runs[i].ok || launch_figure(&ref->runs[i], f) <= 0)))
            continue;
        double x = launch_figure(&c->runs[i], f);
        v[n++] = ref ? x / launch_figure(&ref->runs[i], f) : x;
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

static LaunchMedians launch_medians(const LaunchCase *c, const LaunchCase *ref, int runs)
{
    LaunchMedians m = {0};
    m.settled = launch_median(c, NULL, runs, FIGURE_SETTLED, &m.settled_min, &m.settled_max);
    m.cpu = launch_median(c, NULL, runs, FIGURE_CPU, NULL, NULL);
    m.hwm = launch_median(c, NULL, runs, FIGURE_HWM, NULL, NULL);
    m.settled_x = launch_median(c, ref, runs, FIGURE_SETTLED, NULL, NULL);
    m.cpu_x = launch_median(c, ref, runs, FIGURE_CPU, NULL, NULL);
    m.hwm_x = launch_median(c, ref, runs, FIGURE_HWM, NULL, NULL);
    return m;
}

static void launch_print(LaunchCase *cases, int count, int runs)
{
    printf("\nlaunch to settled first screen: medians of %d runs (min-max); x = median ratio "
           "to \"%s\" in the same run\n",
           runs, cases[0].label);
    printf("%-58s %-9s %-4s %18s %5s %7s %5s %8s %5s\n", "case", "renderer", "mesa", "settled ms",
           "x", "cpu ms", "x", "peak MiB", "x");
    for (int i = 0; i < count; i++) {
        LaunchCase *c = &cases[i];
        if (c->ok == 0) {
            printf("%-58s every launch failed (%d)\n", c->label, c->failed);
            continue;
        }
        LaunchMedians m = launch_medians(c, &cases[0], runs);
        char range[48];
        snprintf(range, sizeof range, "%.1f (%.0f-%.0f)", m.settled, m.settled_min, m.settled_max);
        printf("%-58s %-9s %-4s %18s %5.2f %7.1f %5.2f %8.1f %5.2f", c->label, c->renderer,
               c->mesa ? "yes" : "no", range, m.settled_x, m.cpu, m.cpu_x, m.hwm, m.hwm_x);
        if (c->failed)
            printf("  (%d failed)", c->failed);
        printf("\n");
    }
}

/* ---- main --------------------------------------------------------------- */

static void launch_usage(void)
{
    fprintf(stderr, "usage: bench_launch [--runs N] [--timeout SECONDS] CASE...\n"
                    "  CASE: --case LABEL [NAME=VALUE | -u NAME]... -- PROGRAM [ARG...]\n");
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

/* Parses the options and cases. Each case's argv is a new NULL-terminated
 * array of main's strings (freed at exit). Returns the number of cases, or
 * -1 on a usage error. */
static int launch_parse(int argc, char **argv, int *runs, int *timeout_s, LaunchCase *cases)
{
    int count = 0;
    int i = 1;
    while (i < argc) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            *runs = atoi(argv[i + 1]);
            i += 2;
            continue;
        }
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
            *timeout_s = atoi(argv[i + 1]);
            i += 2;
            continue;
        }
        if (strcmp(argv[i], "--case") != 0 || i + 1 >= argc || count >= LAUNCH_MAX_CASES)
            return -1;
        LaunchCase *c = &cases[count++];
        c->label = argv[i + 1];
        for (i += 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
            if (strcmp(argv[i], "-u") == 0 && i + 1 < argc && c->unset_count < LAUNCH_MAX_ENV)
                c->unset[c->unset_count++] = argv[++i];
            else if (launch_is_assignment(argv[i]) && c->set_count < LAUNCH_MAX_ENV)
                c->set[c->set_count++] = argv[i];
            else
                return -1;
        }
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
    if (*runs < 1 || *runs > LAUNCH_MAX_RUNS - 1 || *timeout_s < 1 || count == 0)
        return -1;
    return count;
}

int main(int argc, char **argv)
{
    static LaunchCase cases[LAUNCH_MAX_CASES];
    int runs = LAUNCH_DEFAULT_RUNS, timeout_s = LAUNCH_DEFAULT_TIMEOUT_S;
    int count = launch_parse(argc, argv, &runs, &timeout_s, cases);
    if (count < 0) {
        launch_usage();
        return 2;
    }
    char log[64];
    snprintf(log, sizeof log, "/tmp/quizdeck-bench-launch-%d.log", (int)getpid());
    /* Round 0 is the warm-up; rounds 1..runs are measured, case by case in
     * turn. */
    for (int round = 0; round <= runs; round++) {
        for (int k = 0; k < count; k++) {
            LaunchCase *c = &cases[k];
            LaunchRun run = {0};
            run.ok = launch_once(c, timeout_s * 1000, log, &run);
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
    launch_print(cases, count, runs);
    for (int k = 0; k < count; k++)
        free(cases[k].argv);
    return 0;
}
