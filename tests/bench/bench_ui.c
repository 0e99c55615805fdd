/* bench_ui.c - how fast the game's front end starts, redraws and idles
 * (issue 3's Performance figures; design rule 10: printed, never asserted).
 *
 * Three measurements, each over the real App (app.h) and its one loop:
 *   start   process start to the first frame presented, with the shipped
 *           packs and a fresh data folder (target <= 150 ms). Each run forks
 *           and execs this program again (a cold process: dynamic linking,
 *           SDL, fonts, packs, a new SQLite file), which does what main.c's
 *           ui_run does - app_create, then one loop iteration, which draws
 *           and presents the first frame - and reports CLOCK_MONOTONIC back.
 *           A second series relaunches on the data folder left by the first.
 *   redraw  full redraws of the question screen at 1920x1080 (target <= 4 ms
 *           median with SDL_RENDER_DRIVER=software): one question of each
 *           type from the shipped packs, untimed. "first" is the first frame
 *           of the question (its strings not yet cached), "cold" a redraw
 *           after emptying the text cache, "warm" a redraw of an unchanged
 *           screen (app_redraw + one loop iteration: draw and present), and
 *           "draw" the same without presenting (drawn and flushed by reading
 *           one pixel back).
 *   idle    CPU time while the game sits on an untimed question for 10 s
 *           (target < 1% of one core): the real loop (app_run, blocked in
 *           SDL_WaitEventTimeout) until a helper thread posts SDL_QUIT;
 *           getrusage of the whole process over the wall time.
 *
 * Usage: bench_ui [--runs N] [--frames N] [--idle-seconds S] [--only WHAT]
 *                 [--packs DIR] [--redraw-size WxH] [--shots DIR]
 *   WHAT is start, redraw or idle (default all). --packs: the shipped packs
 *   (default QUIZDECK_SOURCE_QUESTIONS). --redraw-size: the window of the
 *   redraw figures (default 1920x1080; 3840x2160 for a 4K screen).
 *   --shots: save each type's question screen there as TYPE-WxH.bmp after
 *   its redraws, to check that a change to drawing keeps every pixel.
 * The video and render drivers come from the environment (SDL_VIDEODRIVER,
 * SDL_RENDER_DRIVER, QUIZDECK_RENDERER; unset, the game's own choice of
 * renderer.h); run-ui-bench.sh runs it under Xvfb and with the dummy
 * driver. The real binary's launch to a settled first screen is
 * bench_launch's. Use a Release build. Read app.h (the test seam) first.
 *
 * Building: this program needs the front end, quizdeck_ui, besides
 * quizdeck_core. Until tests/bench/CMakeLists.txt links it
 * (target_link_libraries(bench_ui PRIVATE quizdeck_ui)), app.h is not on
 * the include path and the file builds as a stub that says so, so the
 * default build never breaks.
 */
#if defined(__has_include)
#if __has_include("app.h")
#define BENCH_UI_HAVE_APP 1
#endif
#endif

#ifndef BENCH_UI_HAVE_APP
#include <stdio.h>

int main(void)
{
    fputs("bench_ui: built without the front end; link it with quizdeck_ui "
          "(tests/bench/CMakeLists.txt) to measure\n",
          stderr);
    return 1;
}
#else
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include "app.h"
#include "pack_set.h"
#include "round.h"
#include "text.h"
#include "test_support.h"

enum {
    BENCH_DEFAULT_RUNS = 15,
    BENCH_DEFAULT_FRAMES = 200,
    BENCH_DEFAULT_IDLE_S = 10,
    BENCH_MAX_RUNS = 1000,
    BENCH_MAX_FRAMES = 100000,
    BENCH_REDRAW_W = 1920,
    BENCH_REDRAW_H = 1080,
    BENCH_REDRAW_MAX = 8192,
};

static const double BENCH_TARGET_START_MS = 150.0;
static const double BENCH_TARGET_REDRAW_MS = 4.0;
static const double BENCH_TARGET_IDLE_PCT = 1.0;

typedef struct BenchOptions {
    int runs;
    int frames;
    int idle_s;
    const char *only;       /* NULL = all */
    const char *packs;      /* the shipped packs folder */
    const char *shots;      /* NULL, or where redraw saves each type's frame */
    int redraw_w, redraw_h; /* the window of the redraw figures */
} BenchOptions;

/* ---- clock and statistics ---------------------------------------------- */

static int64_t bench_clock_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t bench_now_ns(void)
{
    return bench_clock_ns(CLOCK_MONOTONIC);
}

/* CPU time of the calling thread: what a frame costs the game itself,
 * whatever else the machine is doing (wall time is what the player sees). */
static int64_t bench_thread_cpu_ns(void)
{
    return bench_clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static int64_t bench_process_cpu_ns(void)
{
    return bench_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

static double bench_ms(int64_t ns)
{
    return (double)ns / 1e6;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct BenchStats {
    int n;
    double min, median, p95, max;
} BenchStats;

/* Sorts v in place. p95 is the nearest-rank percentile. */
static BenchStats bench_stats(double *v, int n)
{
    BenchStats s = {0};
    if (n <= 0)
        return s;
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    s.n = n;
    s.min = v[0];
    s.max = v[n - 1];
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    int rank = (95 * n + 99) / 100; /* ceil(0.95 n) */
    s.p95 = v[rank > 0 ? rank - 1 : 0];
    return s;
}

/* One line: wall-clock figures, then (when cpu is given) the CPU time the
 * measured code itself used, which stays honest on a busy machine. */
static void bench_print_stats(const char *what, const BenchStats *s, const BenchStats *cpu,
                              const char *target)
{
    printf("  %-40s median %7.2f ms  p95 %7.2f  min %7.2f  max %7.2f", what, s->median, s->p95,
           s->min, s->max);
    if (cpu)
        printf("  | cpu median %7.2f p95 %7.2f", cpu->median, cpu->p95);
    printf("  (n=%d)%s%s\n", s->n, target ? "  " : "", target ? target : "");
}

/* ---- the machine --------------------------------------------------------- */

static void bench_print_machine(int argc, char **argv)
{
    char model[256] = "unknown";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "model name", 10) == 0) {
                const char *colon = strchr(line, ':');
                if (colon) {
                    snprintf(model, sizeof model, "%s", colon + 2);
                    model[strcspn(model, "\n")] = '\0';
                }
                break;
            }
        }
        fclose(f);
    }
    struct utsname u;
    if (uname(&u) != 0)
        memset(&u, 0, sizeof u);
    SDL_version linked;
    SDL_GetVersion(&linked);
    printf("bench_ui: machine: %ld cores (nproc), CPU \"%s\", %s %s %s\n",
           sysconf(_SC_NPROCESSORS_ONLN), model, u.sysname, u.release, u.machine);
    printf("bench_ui: SDL %d.%d.%d; SDL_VIDEODRIVER=%s SDL_RENDER_DRIVER=%s DISPLAY=%s\n",
           linked.major, linked.minor, linked.patch,
           getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "(unset)",
           getenv("SDL_RENDER_DRIVER") ? getenv("SDL_RENDER_DRIVER") : "(unset)",
           getenv("DISPLAY") ? getenv("DISPLAY") : "(unset)");
#ifdef NDEBUG
    const char *build = "optimised (NDEBUG)";
#else
    const char *build = "not NDEBUG: use a Release build for figures";
#endif
    printf("bench_ui: build: %s; command:", build);
    for (int i = 0; i < argc; i++)
        printf(" %s", argv[i]);
    printf("\n");
}

/* ---- temporary data folders ------------------------------------------- */

static bool bench_temp_dir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/quizdeck-bench-ui-XXXXXX");
    return mkdtemp(buf) != NULL;
}

/* ---- start to first frame ---------------------------------------------- */

/* What a child reports: when main was entered, when app_create returned,
 * when the first frame was presented (CLOCK_MONOTONIC ns). */
typedef struct BenchStart {
    int64_t main_ns, created_ns, frame_ns;
    int64_t cpu_ns; /* CPU the child used from fork to its first frame */
} BenchStart;

/* The child side: what ui_run does up to its first frame. */
static int bench_first_frame_child(const char *packs, const char *dir, int fd, int64_t main_ns)
{
    BenchStart r = {.main_ns = main_ns};
    const char *paths[] = {packs};
    AppConfig cfg = {.pack_paths = paths, .pack_path_count = 1, .data_dir = dir};
    App *app = app_create(&cfg);
    if (!app)
        return 3;
    r.created_ns = bench_now_ns();
    app_pump(app, 1); /* the loop's first iteration draws and presents */
    r.frame_ns = bench_now_ns();
    r.cpu_ns = bench_process_cpu_ns();
    if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
        return 4;
    /* The figure is taken; tearing down is not part of it. */
    app_destroy(app);
    SDL_Quit();
    return 0;
}

/* Forks and execs args (the environment as it is now), setting *t0 just
 * before the fork; the child writes its report to fds[1], which the parent
 * closes here. */
static bool bench_spawn(char *const *args, int fds[2], int64_t *t0, pid_t *pid)
{
    fflush(NULL);
    *t0 = bench_now_ns();
    *pid = fork();
    if (*pid < 0)
        return false;
    if (*pid == 0) {
        close(fds[0]);
        execv(args[0], args);
        _exit(127);
    }
    close(fds[1]);
    return true;
}

/* One in-process run: exec ourselves in child mode. Returns false on failure. */
static bool bench_start_once(const BenchOptions *o, const char *self, const char *dir,
                             int64_t *total, int64_t *to_main, int64_t *create, int64_t *frame,
                             int64_t *cpu)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    char fdbuf[16];
    snprintf(fdbuf, sizeof fdbuf, "%d", fds[1]);
    char *args[] = {
        (char *)self, (char *)"--first-frame-child", (char *)o->packs, (char *)dir, fdbuf, NULL};
    int64_t t0 = 0;
    pid_t pid = 0;
    if (!bench_spawn(args, fds, &t0, &pid)) {
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    BenchStart r;
    bool ok = test_read_exactly(fds[0], &r, sizeof r);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return false;
    *total = r.frame_ns - t0;
    *to_main = r.main_ns - t0;
    *create = r.created_ns - r.main_ns;
    *frame = r.frame_ns - r.created_ns;
    *cpu = r.cpu_ns;
    return true;
}

static void bench_start(const BenchOptions *o)
{
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        printf("start: cannot find /proc/self/exe\n");
        return;
    }
    self[n] = '\0';

    /* How long loading the shipped packs alone takes (part of app_create). */
    double load[BENCH_MAX_RUNS];
    size_t pack_count = 0, question_count = 0;
    for (int i = 0; i < o->runs; i++) {
        PackSet set = {0};
        int64_t t = bench_now_ns();
        pack_set_add_path(&set, o->packs);
        load[i] = bench_ms(bench_now_ns() - t);
        pack_count = set.pack_count;
        question_count = 0;
        for (size_t k = 0; k < set.pack_count; k++)
            question_count += set.packs[k]->question_count;
        pack_set_free(&set);
    }

    printf("\nstart to first frame (window 1280x720 as the game opens it; packs %s: "
           "%zu packs, %zu questions)\n",
           o->packs, pack_count, question_count);
    double total[BENCH_MAX_RUNS], to_main[BENCH_MAX_RUNS], create[BENCH_MAX_RUNS],
        frame[BENCH_MAX_RUNS], again[BENCH_MAX_RUNS], cpu[BENCH_MAX_RUNS],
        cpu_again[BENCH_MAX_RUNS];
    int ok = 0, ok_again = 0;
    for (int i = 0; i < o->runs; i++) {
        char dir[64];
        if (!bench_temp_dir(dir, sizeof dir))
            break;
        int64_t t = 0, m = 0, c = 0, f = 0, u = 0;
        if (bench_start_once(o, self, dir, &t, &m, &c, &f, &u)) {
            total[ok] = bench_ms(t);
            to_main[ok] = bench_ms(m);
            create[ok] = bench_ms(c);
            frame[ok] = bench_ms(f);
            cpu[ok] = bench_ms(u);
            ok++;
            /* The next launch on the same folder (database exists). */
            if (bench_start_once(o, self, dir, &t, &m, &c, &f, &u)) {
                again[ok_again] = bench_ms(t);
                cpu_again[ok_again++] = bench_ms(u);
            }
        }
        test_remove_tree(dir);
    }
    if (ok == 0) {
        printf("  every run failed (no display? set SDL_VIDEODRIVER=dummy)\n");
        return;
    }
    char target[64];
    snprintf(target, sizeof target, "target <= %.0f ms", BENCH_TARGET_START_MS);
    BenchStats s = bench_stats(total, ok), c = bench_stats(cpu, ok);
    bench_print_stats("fresh data folder: fork to 1st frame", &s, &c, target);
    s = bench_stats(again, ok_again);
    c = bench_stats(cpu_again, ok_again);
    bench_print_stats("existing data folder", &s, &c, target);
    s = bench_stats(to_main, ok);
    bench_print_stats("  of which fork+exec to main()", &s, NULL, NULL);
    s = bench_stats(create, ok);
    bench_print_stats("  app_create (SDL, window, fonts, db...)", &s, NULL, NULL);
    s = bench_stats(load, o->runs);
    bench_print_stats("    loading the packs alone", &s, NULL, NULL);
    s = bench_stats(frame, ok);
    bench_print_stats("  first loop iteration (draw+present)", &s, NULL, NULL);
}

/* ---- redraw of the question screen ------------------------------------- */

/* Starts an untimed round of one question and runs the loop until its
 * first frame is on screen; returns how long that iteration took. */
static bool bench_show_question(App *app, const Pack *pack, const Question *q, double *first_ms)
{
    RoundQuestionRef ref = {pack->id, q->id};
    RoundSettings rs = {0};
    rs.time_mode = ROUND_TIME_OFF;
    rs.only = &ref;
    rs.only_count = 1;
    rs.seed = 1;
    app_home(app);
    if (!app_start_round(app, &rs, QUIZ_MODE_PRACTICE, true))
        return false;
    int64_t t = bench_now_ns();
    app_pump(app, 1); /* home, then the question: enter, draw, present */
    *first_ms = bench_ms(bench_now_ns() - t);
    return app_scene(app) == SCENE_QUESTION;
}

/* Wall and CPU milliseconds of one frame. */
typedef struct BenchFrame {
    double wall, cpu;
} BenchFrame;

static BenchFrame bench_redraw_present(App *app)
{
    app_redraw(app);
    int64_t t = bench_now_ns(), c = bench_thread_cpu_ns();
    app_pump(app, 1);
    return (BenchFrame){bench_ms(bench_now_ns() - t), bench_ms(bench_thread_cpu_ns() - c)};
}

static BenchFrame bench_redraw_flush(App *app)
{
    SDL_Color px;
    int64_t t = bench_now_ns(), c = bench_thread_cpu_ns();
    app_read_pixel(app, 0, 0, &px); /* draws the frame, flushes, reads one pixel */
    return (BenchFrame){bench_ms(bench_now_ns() - t), bench_ms(bench_thread_cpu_ns() - c)};
}

/* A series of frames: wall and CPU times, the latter kept apart so each
 * can be sorted for its own median. */
typedef struct BenchSeries {
    double *wall, *cpu;
    int n, cap;
} BenchSeries;

static bool bench_series_init(BenchSeries *s, int cap)
{
    s->wall = malloc(sizeof *s->wall * (size_t)cap);
    s->cpu = malloc(sizeof *s->cpu * (size_t)cap);
    s->n = 0;
    s->cap = cap;
    return s->wall && s->cpu;
}

static void bench_series_add(BenchSeries *s, BenchFrame f)
{
    if (s->n < s->cap) {
        s->wall[s->n] = f.wall;
        s->cpu[s->n++] = f.cpu;
    }
}

static void bench_series_print(const char *what, BenchSeries *s, const char *target)
{
    BenchStats w = bench_stats(s->wall, s->n), c = bench_stats(s->cpu, s->n);
    bench_print_stats(what, &w, &c, target);
}

static void bench_series_free(BenchSeries *s)
{
    free(s->wall);
    free(s->cpu);
}

static void bench_redraw(const BenchOptions *o)
{
    char dir[64];
    if (!bench_temp_dir(dir, sizeof dir))
        return;
    const char *paths[] = {o->packs};
    AppConfig cfg = {.pack_paths = paths,
                     .pack_path_count = 1,
                     .data_dir = dir,
                     .width = o->redraw_w,
                     .height = o->redraw_h};
    App *app = app_create(&cfg);
    if (!app) {
        printf("\nredraw: no App (no display?)\n");
        test_remove_tree(dir);
        return;
    }
    app_packs_wait(app); /* the launch loads its packs in a worker thread */
    app_pump(app, 3);
    SDL_RendererInfo info = {0};
    SDL_GetRendererInfo(app->renderer, &info);
    printf("\nredraw of the question screen, untimed (renderer \"%s\", video \"%s\", "
           "%dx%d pixels)\n",
           info.name ? info.name : "?", SDL_GetCurrentVideoDriver(), app->theme.out_w,
           app->theme.out_h);

    int frames = o->frames;
    int cold_frames = frames / 4 > 0 ? frames / 4 : 1;
    int all = frames * QUESTION_TYPE_COUNT;
    BenchSeries firsts = {0}, cold = {0}, warm = {0}, flush = {0};
    BenchSeries one_cold = {0}, one_warm = {0}, one_flush = {0};
    if (!bench_series_init(&firsts, QUESTION_TYPE_COUNT) || !bench_series_init(&cold, all) ||
        !bench_series_init(&warm, all) || !bench_series_init(&flush, all) ||
        !bench_series_init(&one_cold, frames) || !bench_series_init(&one_warm, frames) ||
        !bench_series_init(&one_flush, frames)) {
        printf("  out of memory\n");
        goto done;
    }
    char target[64];
    snprintf(target, sizeof target, "target <= %.0f ms median", BENCH_TARGET_REDRAW_MS);
    for (int type = 0; type < QUESTION_TYPE_COUNT; type++) {
        const Pack *pack = NULL;
        const Question *q = NULL;
        for (size_t p = 0; p < app->packs.pack_count && !q; p++)
            for (size_t k = 0; k < app->packs.packs[p]->question_count && !q; k++)
                if ((int)app->packs.packs[p]->questions[k].type == type) {
                    pack = app->packs.packs[p];
                    q = &pack->questions[k];
                }
        if (!q)
            continue;
        double first = 0;
        int64_t c0 = bench_thread_cpu_ns();
        if (!bench_show_question(app, pack, q, &first)) {
            printf("  %s: could not show %s/%s\n", question_type_name((QuestionType)type), pack->id,
                   q->id);
            continue;
        }
        double first_cpu = bench_ms(bench_thread_cpu_ns() - c0);
        bench_series_add(&firsts, (BenchFrame){first, first_cpu});
        printf("  %s (%s/%s): first frame %.2f ms (cpu %.2f ms)\n",
               question_type_name((QuestionType)type), pack->id, q->id, first, first_cpu);
        one_cold.n = one_warm.n = one_flush.n = 0;
        for (int i = 0; i < cold_frames; i++) {
            text_clear(app->text);
            BenchFrame f = bench_redraw_present(app);
            bench_series_add(&one_cold, f);
            bench_series_add(&cold, f);
        }
        bench_series_print("    cold: text cache emptied", &one_cold, NULL);
        for (int i = 0; i < frames; i++) {
            BenchFrame f = bench_redraw_present(app);
            bench_series_add(&one_warm, f);
            bench_series_add(&warm, f);
        }
        bench_series_print("    warm: draw + present", &one_warm, target);
        for (int i = 0; i < frames; i++) {
            BenchFrame f = bench_redraw_flush(app);
            bench_series_add(&one_flush, f);
            bench_series_add(&flush, f);
        }
        bench_series_print("    warm: draw + flush, no present", &one_flush, NULL);
        if (o->shots) {
            /* The frame as drawn, to compare two builds pixel for pixel. */
            char bmp[1200];
            snprintf(bmp, sizeof bmp, "%s/%s-%dx%d.bmp", o->shots,
                     question_type_name((QuestionType)type), app->theme.out_w, app->theme.out_h);
            if (!app_save_frame(app, bmp))
                printf("    could not save %s\n", bmp);
        }
    }
    printf("  all types together:\n");
    bench_series_print("    first frame of a question", &firsts, NULL);
    bench_series_print("    cold: text cache emptied", &cold, NULL);
    bench_series_print("    warm: draw + present", &warm, target);
    bench_series_print("    warm: draw + flush, no present", &flush, NULL);
done:
    bench_series_free(&firsts);
    bench_series_free(&cold);
    bench_series_free(&warm);
    bench_series_free(&flush);
    bench_series_free(&one_cold);
    bench_series_free(&one_warm);
    bench_series_free(&one_flush);
    app_destroy(app);
    test_remove_tree(dir);
}

/* ---- idle CPU ----------------------------------------------------------- */

typedef struct BenchQuitter {
    int seconds;
} BenchQuitter;

/* Sleeps, then asks the loop to end the way closing the window would:
 * twice, a tenth of a second apart, since closing mid-round first asks
 * whether to leave it and a second close confirms (one alone left the
 * loop waiting for ever). */
static void *bench_quit_later(void *arg)
{
    const BenchQuitter *q = arg;
    struct timespec ts = {.tv_sec = q->seconds, .tv_nsec = 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    for (int i = 0; i < 2; i++) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_QUIT;
        SDL_PushEvent(&e);
        struct timespec gap = {.tv_sec = 0, .tv_nsec = 100000000};
        while (i == 0 && nanosleep(&gap, &gap) != 0 && errno == EINTR) {
        }
    }
    return NULL;
}

static int64_t bench_cpu_ns(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
           ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

static long bench_context_switches(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_nvcsw + ru.ru_nivcsw;
}

static void bench_idle(const BenchOptions *o)
{
    char dir[64];
    if (!bench_temp_dir(dir, sizeof dir))
        return;
    const char *paths[] = {o->packs};
    AppConfig cfg = {.pack_paths = paths, .pack_path_count = 1, .data_dir = dir};
    App *app = app_create(&cfg);
    if (!app) {
        printf("\nidle: no App (no display?)\n");
        test_remove_tree(dir);
        return;
    }
    app_packs_wait(app);
    app_pump(app, 3);
    RoundSettings rs = {0};
    rs.time_mode = ROUND_TIME_OFF;
    rs.question_count = 10;
    rs.seed = 42;
    if (!app_start_round(app, &rs, QUIZ_MODE_PRACTICE, true)) {
        printf("\nidle: cannot start a round\n");
        app_destroy(app);
        test_remove_tree(dir);
        return;
    }
    app_pump(app, 3);
    const RoundQuestion *rq = round_current(&app->quiz.round);
    printf("\nidle on an untimed question for %d s (video \"%s\"; question %s/%s, %s)\n", o->idle_s,
           SDL_GetCurrentVideoDriver(), rq ? rq->pack->id : "?", rq ? rq->question->id : "?",
           rq ? question_type_name(rq->question->type) : "?");

    BenchQuitter quitter = {.seconds = o->idle_s};
    pthread_t thread;
    int64_t cpu0 = bench_cpu_ns(), wall0 = bench_now_ns();
    long cs0 = bench_context_switches();
    if (pthread_create(&thread, NULL, bench_quit_later, &quitter) != 0) {
        printf("  cannot start the timer thread\n");
    } else {
        app_run(app); /* the real loop until SDL_QUIT */
        int64_t cpu = bench_cpu_ns() - cpu0, wall = bench_now_ns() - wall0;
        long cs = bench_context_switches() - cs0;
        pthread_join(thread, NULL);
        double pct = wall > 0 ? 100.0 * (double)cpu / (double)wall : 0.0;
        printf("  CPU %.1f ms over %.2f s wall = %.3f%% of one core  (target < %.0f%%); "
               "%.0f context switches/s; still on the question: %s\n",
               bench_ms(cpu), (double)wall / 1e9, pct, BENCH_TARGET_IDLE_PCT,
               wall > 0 ? (double)cs * 1e9 / (double)wall : 0.0,
               app_scene(app) == SCENE_QUESTION ? "yes" : "no");
    }
    app_destroy(app);
    test_remove_tree(dir);
}

/* ---- main --------------------------------------------------------------- */

static int bench_int_arg(const char *s, int lo, int hi, int fallback)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (!end || *end || v < lo || v > hi) {
        fprintf(stderr, "bench_ui: %s: expected %d..%d\n", s, lo, hi);
        return fallback;
    }
    return (int)v;
}

static void bench_usage(void)
{
    fprintf(stderr, "Usage: bench_ui [--runs N] [--frames N] [--idle-seconds S] "
                    "[--only start|redraw|idle] [--packs DIR] [--redraw-size WxH] [--shots DIR]\n");
}

int main(int argc, char **argv)
{
    int64_t main_ns = bench_now_ns();
    if (argc == 5 && strcmp(argv[1], "--first-frame-child") == 0)
        return bench_first_frame_child(argv[2], argv[3], atoi(argv[4]), main_ns);

    BenchOptions o = {.runs = BENCH_DEFAULT_RUNS,
                      .frames = BENCH_DEFAULT_FRAMES,
                      .idle_s = BENCH_DEFAULT_IDLE_S,
                      .packs = QUIZDECK_SOURCE_QUESTIONS,
                      .redraw_w = BENCH_REDRAW_W,
                      .redraw_h = BENCH_REDRAW_H};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has = i + 1 < argc;
        if (strcmp(a, "--runs") == 0 && has)
            o.runs = bench_int_arg(argv[++i], 1, BENCH_MAX_RUNS, o.runs);
        else if (strcmp(a, "--frames") == 0 && has)
            o.frames = bench_int_arg(argv[++i], 1, BENCH_MAX_FRAMES, o.frames);
        else if (strcmp(a, "--idle-seconds") == 0 && has)
            o.idle_s = bench_int_arg(argv[++i], 1, 3600, o.idle_s);
        else if (strcmp(a, "--only") == 0 && has)
            o.only = argv[++i];
        else if (strcmp(a, "--packs") == 0 && has)
            o.packs = argv[++i];
        else if (strcmp(a, "--shots") == 0 && has)
            o.shots = argv[++i];
        else if (strcmp(a, "--redraw-size") == 0 && has &&
                 sscanf(argv[++i], "%dx%d", &o.redraw_w, &o.redraw_h) == 2 && o.redraw_w > 0 &&
                 o.redraw_h > 0 && o.redraw_w <= BENCH_REDRAW_MAX && o.redraw_h <= BENCH_REDRAW_MAX)
            continue;
        else {
            bench_usage();
            return 2;
        }
    }
    if (o.only && strcmp(o.only, "start") != 0 && strcmp(o.only, "redraw") != 0 &&
        strcmp(o.only, "idle") != 0) {
        bench_usage();
        return 2;
    }
    bench_print_machine(argc, argv);
    if (!o.only || strcmp(o.only, "start") == 0)
        bench_start(&o);
    if (!o.only || strcmp(o.only, "redraw") == 0)
        bench_redraw(&o);
    if (!o.only || strcmp(o.only, "idle") == 0)
        bench_idle(&o);
    SDL_Quit();
    return 0;
}

#endif /* BENCH_UI_HAVE_APP */
