/* bench_ui_keys.c - what one key press costs on the Choose packs screen
 * (design rule 10: printed, never judged; target 3 ms).
 *
 * It drives the real App (app.h) and its one loop, as the UI tests do, in
 * the environment it is given (run-ui-bench.sh runs it under Xvfb with the
 * default renderer choice): loads the packs, ticks one (by default the
 * largest, e.g. the generated 50,000-question pack), opens Choose packs, and
 * presses Down and Up in turn, so that the focus walks down the pack rows
 * and the ticked pack's topic rows and back. Each press is what X delivers
 * for a keystroke: a key-down event, handled and drawn and presented by one
 * loop iteration, then a key-up event, the same. Per press it prints the
 * wall time and this thread's CPU time (steady on a busy machine), and the
 * same for the key-down half alone; and the first frame of the screen.
 *
 * Usage: bench_ui_keys [--keys N] [--tick PACK_ID] [--walk] [--packs DIR]...
 *   --walk then walks every row of Choose packs and of Packs and prints
 *   the peak RSS after each (the 200-pack memory target).
 *   The shipped packs are loaded, then each --packs folder (or file), as
 *   the game does; --tick names the pack to tick (default the one with most
 *   questions); --keys the presses to time (default 200).
 * Use a Release build. Read app.h (the test seam) and scene_packs.c first.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "test_support.h"

enum { KEYS_DEFAULT = 200, KEYS_MAX = 100000, KEYS_MAX_PATHS = 16, KEYS_WALK = 12 };

static const double KEYS_TARGET_MS = 3.0;

typedef struct KeysCost {
    double wall, cpu;
} KeysCost;

static KeysCost keys_now(void)
{
    return (KeysCost){test_clock_ms(CLOCK_MONOTONIC), test_clock_ms(CLOCK_THREAD_CPUTIME_ID)};
}

static KeysCost keys_since(KeysCost start)
{
    KeysCost now = keys_now();
    return (KeysCost){now.wall - start.wall, now.cpu - start.cpu};
}

/* One key event through the loop: pushed, then one iteration (handle, draw,
 * present). */
static void keys_send(App *app, SDL_Keycode key, bool down)
{
    SDL_Event e = {0};
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.windowID = SDL_GetWindowID(app->window);
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&e);
    app_pump(app, 1);
}

/* VmHWM of this process, in MiB (0 when /proc cannot tell). */
static double keys_peak_mib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kib = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %lf kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib / 1024.0;
}

/* --walk: Down through every row of Choose packs, then of Packs (browse),
 * so that every row's text is laid out and drawn once: the peak memory a
 * player reaches by scrolling through all their packs. */
static void keys_walk(App *app)
{
    size_t rows = 0;
    for (size_t i = 0; i < app->packs.pack_count; i++)
        rows += 1 + app->packs.packs[i]->topic_count; /* a ticked pack lists its topics */
    rows += app->packs.failure_count + 4;
    printf("walking every row (%zu packs): peak RSS %.1f MiB before\n", app->packs.pack_count,
           keys_peak_mib());
    const int modes[] = {PACKS_CHOOSE, PACKS_BROWSE};
    const char *names[] = {"Choose packs", "Packs (browse)"};
    for (size_t m = 0; m < 2; m++) {
        app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = modes[m]});
        app_pump(app, 1);
        for (size_t k = 0; k < rows; k++) {
            keys_send(app, SDLK_DOWN, true);
            keys_send(app, SDLK_DOWN, false);
        }
        printf("  after walking %-20s peak RSS %.1f MiB (target after both: 35 MB)\n", names[m],
               keys_peak_mib());
    }
}

static void keys_print(const char *what, double *wall, double *cpu, size_t n)
{
    double w = test_median(wall, n), c = test_median(cpu, n); /* both sorted now */
    size_t p95 = (95 * n + 99) / 100;
    printf("  %-34s wall median %6.2f ms p95 %6.2f | cpu median %6.2f ms p95 %6.2f  (n=%zu)\n",
           what, w, wall[p95 - 1], c, cpu[p95 - 1], n);
}

int main(int argc, char **argv)
{
    const char *paths[KEYS_MAX_PATHS] = {QUIZDECK_SOURCE_QUESTIONS};
    size_t path_count = 1;
    const char *tick = NULL;
    int keys = KEYS_DEFAULT;
    bool walk = false;
    for (int i = 1; i < argc; i++) {
        bool has = i + 1 < argc;
        if (strcmp(argv[i], "--packs") == 0 && has && path_count < KEYS_MAX_PATHS)
            paths[path_count++] = argv[++i];
        else if (strcmp(argv[i], "--tick") == 0 && has)
            tick = argv[++i];
        else if (strcmp(argv[i], "--walk") == 0)
            walk = true;
        else if (strcmp(argv[i], "--keys") == 0 && has)
            keys = atoi(argv[++i]);
        else
            keys = -1;
        if (keys < 1 || keys > KEYS_MAX) {
            fprintf(stderr,
                    "usage: bench_ui_keys [--keys N] [--tick PACK_ID] [--walk] [--packs DIR]...\n");
            return 2;
        }
    }

    char dir[] = "/tmp/quizdeck-bench-keys-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    AppConfig cfg = {.pack_paths = paths, .pack_path_count = path_count, .data_dir = dir};
    App *app = app_create(&cfg);
    if (!app) {
        test_remove_tree(dir);
        return 1;
    }
    app_pump(app, 3);
    app_packs_wait(app); /* the launch loads its packs in a worker thread */

    size_t ticked = 0, questions = 0;
    for (size_t i = 0; i < app->packs.pack_count; i++) {
        const Pack *p = app->packs.packs[i];
        questions += p->question_count;
        if (tick ? strcmp(p->id, tick) == 0
                 : p->question_count > app->packs.packs[ticked]->question_count)
            ticked = i;
    }
    if (app->packs.pack_count == 0 || (tick && strcmp(app->packs.packs[ticked]->id, tick) != 0)) {
        fprintf(stderr, "bench_ui_keys: no pack %s\n", tick ? tick : "at all");
        app_destroy(app);
        test_remove_tree(dir);
        return 1;
    }
    app->selection.pack[ticked] = true;
    SDL_RendererInfo info = {0};
    SDL_GetRendererInfo(app->renderer, &info);
    printf("Choose packs, one key press (down + up, each handled, drawn and presented): "
           "%zu packs, %zu questions, \"%s\" ticked (%zu questions, %zu topics); renderer "
           "\"%s\", video \"%s\", %dx%d pixels\n",
           app->packs.pack_count, questions, app->packs.packs[ticked]->id,
           app->packs.packs[ticked]->question_count, app->packs.packs[ticked]->topic_count,
           info.name ? info.name : "?", SDL_GetCurrentVideoDriver(), app->theme.out_w,
           app->theme.out_h);

    app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_CHOOSE});
    KeysCost start = keys_now();
    app_pump(app, 1);
    KeysCost first = keys_since(start);
    printf("  %-34s wall %6.2f ms | cpu %6.2f ms\n", "opening the screen (first frame)", first.wall,
           first.cpu);

    double *v = calloc((size_t)keys * 4, sizeof *v);
    if (!v) {
        app_destroy(app);
        test_remove_tree(dir);
        return 1;
    }
    double *wall = v, *cpu = v + keys, *down_wall = v + 2 * keys, *down_cpu = v + 3 * keys;
    for (int k = 0; k < keys; k++) {
        SDL_Keycode key = (k / KEYS_WALK) % 2 == 0 ? SDLK_DOWN : SDLK_UP;
        start = keys_now();
        keys_send(app, key, true);
        KeysCost down = keys_since(start);
        keys_send(app, key, false);
        KeysCost press = keys_since(start);
        wall[k] = press.wall;
        cpu[k] = press.cpu;
        down_wall[k] = down.wall;
        down_cpu[k] = down.cpu;
    }
    char target[64];
    snprintf(target, sizeof target, "a key press (target %.0f ms)", KEYS_TARGET_MS);
    keys_print(target, wall, cpu, (size_t)keys);
    keys_print("  of which the key-down half", down_wall, down_cpu, (size_t)keys);
    printf("  still on the packs screen: %s\n", app_scene(app) == SCENE_PACKS ? "yes" : "no");
    free(v);
    if (walk)
        keys_walk(app);
    app_destroy(app);
    SDL_Quit();
    test_remove_tree(dir);
    return 0;
}
