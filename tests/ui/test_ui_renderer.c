/* test_ui_renderer.c - which renderer the game draws with (renderer.h):
 * the default for each kind of display, the overrides and their order,
 * that a renderer the machine cannot make never stops the game from
 * starting, and the settled line the README's start-up figures are read
 * from; and that the opaque fills written straight into the window
 * (renderer_clear, renderer_fill_rects) leave the pixels SDL's own calls
 * would, clip rectangle and viewport included, and that text in a frame
 * mirrored for a right-to-left interface reads the right way round.
 *
 * The decision is a pure function and is tested as a table; the rest opens
 * the real App on SDL's dummy video driver (which has no OpenGL).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "renderer.h"
#include "text.h"
#include "test_support.h"

/* ---- the decision --------------------------------------------------------- */

typedef struct PlanCase {
    const char *env, *sdl, *setting, *video;
    const char *driver; /* NULL: left to SDL */
    RendererSource source;
    bool unknown;
} PlanCase;

static const PlanCase plan_cases[] = {
    /* The default follows the display: software where SDL has a plain
     * window framebuffer, SDL's accelerated choice elsewhere. */
    {NULL, NULL, NULL, "x11", "software", RENDERER_FROM_DEFAULT, false},
    {NULL, NULL, NULL, "dummy", "software", RENDERER_FROM_DEFAULT, false},
    {NULL, NULL, NULL, "offscreen", "software", RENDERER_FROM_DEFAULT, false},
    {NULL, NULL, NULL, "wayland", "accelerated", RENDERER_FROM_DEFAULT, false},
    {NULL, NULL, NULL, "kmsdrm", "accelerated", RENDERER_FROM_DEFAULT, false},
    {NULL, NULL, NULL, "windows", "accelerated", RENDERER_FROM_DEFAULT, false},
    {NULL, NULL, NULL, "cocoa", "accelerated", RENDERER_FROM_DEFAULT, false},
    {"", "", "", "x11", "software", RENDERER_FROM_DEFAULT, false}, /* empty = unset */
    /* QUIZDECK_RENDERER, in any case, outranks everything. */
    {"opengl", NULL, NULL, "x11", "opengl", RENDERER_FROM_ENV, false},
    {"OpenGL", NULL, NULL, "x11", "opengl", RENDERER_FROM_ENV, false},
    {"opengles2", NULL, NULL, "x11", "opengles2", RENDERER_FROM_ENV, false},
    {"software", NULL, NULL, "wayland", "software", RENDERER_FROM_ENV, false},
    {"accelerated", NULL, NULL, "x11", "accelerated", RENDERER_FROM_ENV, false},
    {"auto", NULL, NULL, "wayland", "accelerated", RENDERER_FROM_ENV, false},
    {"opengl", "software", "software", "x11", "opengl", RENDERER_FROM_ENV, false},
    /* SDL_RENDER_DRIVER is SDL's to read: left to SDL, over the setting. */
    {NULL, "opengl", NULL, "x11", NULL, RENDERER_FROM_SDL_HINT, false},
    {NULL, "software", "accelerated", "wayland", NULL, RENDERER_FROM_SDL_HINT, false},
    /* The setting, when the environment says nothing. */
    {NULL, NULL, "accelerated", "x11", "accelerated", RENDERER_FROM_SETTING, false},
    {NULL, NULL, "software", "wayland", "software", RENDERER_FROM_SETTING, false},
    /* A word that is not in the list is skipped, never fatal. */
    {"fast", NULL, NULL, "x11", "software", RENDERER_FROM_DEFAULT, true},
    {"fast", "opengl", NULL, "x11", NULL, RENDERER_FROM_SDL_HINT, true},
    {NULL, NULL, "fast", "wayland", "accelerated", RENDERER_FROM_DEFAULT, true},
};

static void test_plan_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof plan_cases / sizeof plan_cases[0]; i++) {
        const PlanCase *c = &plan_cases[i];
        RendererPlan plan = renderer_plan(c->env, c->sdl, c->setting, c->video);
        if (c->driver == NULL) {
            if (plan.driver != NULL)
                fail_msg("case %zu: expected SDL's own choice, got %s", i, plan.driver);
        } else if (plan.driver == NULL || strcmp(plan.driver, c->driver) != 0) {
            fail_msg("case %zu: expected %s, got %s", i, c->driver,
                     plan.driver ? plan.driver : "SDL's own choice");
        }
        if (plan.source != c->source)
            fail_msg("case %zu: expected source %d, got %d", i, (int)c->source, (int)plan.source);
        if (plan.unknown_word != c->unknown)
            fail_msg("case %zu: unknown_word %d", i, (int)plan.unknown_word);
    }
}

/* ---- the real App ------------------------------------------------------- */

typedef struct Fixture {
    char dir[64];
    App *app;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/qd-ui-renderer-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    app_destroy(f->app);
    test_remove_tree(f->dir);
    free(f);
    /* Back to what tests/CMakeLists.txt gives every UI test. */
    unsetenv("QUIZDECK_RENDERER");
    setenv("SDL_RENDER_DRIVER", "software", 1);
    return 0;
}

static App *open_app(Fixture *f)
{
    const char *paths[] = {QUIZDECK_TEST_DATA "/valid"};
    AppConfig cfg = {.pack_paths = paths,
                     .pack_path_count = 1,
                     .data_dir = f->dir,
                     .width = 800,
                     .height = 600,
                     .hidden = true};
    f->app = app_create(&cfg);
    return f->app;
}

static const char *renderer_name(App *app)
{
    SDL_RendererInfo info = {0};
    assert_int_equal(SDL_GetRendererInfo(app->renderer, &info), 0);
    return info.name;
}

/* The game opens and shows its title with the renderer these variables
 * lead to (NULL = unset). */
static void assert_title_with(Fixture *f, const char *quizdeck_renderer, const char *sdl_driver,
                              const char *expected)
{
    if (quizdeck_renderer)
        setenv("QUIZDECK_RENDERER", quizdeck_renderer, 1);
    else
        unsetenv("QUIZDECK_RENDERER");
    if (sdl_driver)
        setenv("SDL_RENDER_DRIVER", sdl_driver, 1);
    else
        unsetenv("SDL_RENDER_DRIVER");
    App *app = open_app(f);
    assert_non_null(app);
    assert_string_equal(renderer_name(app), expected);
    app_pump(app, 2);
    assert_non_null(app_find_widget(app, "Play a round"));
    /* HiDPI and layout read the renderer's pixel size: it must be the
     * window's. */
    int w = 0, h = 0;
    assert_int_equal(SDL_GetRendererOutputSize(app->renderer, &w, &h), 0);
    assert_int_equal(w, app->theme.out_w);
    assert_int_equal(h, app->theme.out_h);
    assert_true(w > 0 && h > 0);
}

static void test_default_is_software_here(void **state)
{
    assert_title_with(*state, NULL, NULL, "software");
}

static void test_renderer_this_machine_lacks_falls_back(void **state)
{
    /* The dummy driver has no OpenGL: the game still starts. */
    assert_title_with(*state, "opengl", NULL, "software");
}

static void test_unknown_word_is_ignored(void **state)
{
    assert_title_with(*state, "fastest", NULL, "software");
}

/* ---- opaque fills --------------------------------------------------------- */

enum { FILL_W = 64, FILL_H = 48 };

typedef struct FillCase {
    const char *what;
    SDL_Rect viewport; /* w == 0: the whole window */
    SDL_Rect clip;     /* w == 0: no clip rectangle */
    SDL_BlendMode mode;
    SDL_Color color;
} FillCase;

static const FillCase fill_cases[] = {
    {"plain", {0}, {0}, SDL_BLENDMODE_NONE, {200, 40, 90, 255}},
    /* A scrolled list: rows out of its clip rectangle never paint over the
     * header above it or the footer below. */
    {"clipped", {0}, {5, 9, 40, 20}, SDL_BLENDMODE_NONE, {30, 220, 60, 255}},
    {"viewport", {7, 3, 40, 30}, {0}, SDL_BLENDMODE_NONE, {30, 60, 220, 255}},
    {"viewport and clip", {7, 3, 40, 30}, {-4, 2, 30, 60}, SDL_BLENDMODE_NONE, {9, 9, 9, 255}},
    {"clip outside", {0}, {100, 100, 5, 5}, SDL_BLENDMODE_NONE, {255, 255, 0, 255}},
    /* Blended: left to SDL, the same pixels. */
    {"blended", {0}, {5, 9, 40, 20}, SDL_BLENDMODE_BLEND, {200, 100, 0, 120}},
};

/* Rects inside, across the edges of and outside the window. */
static const SDL_Rect fill_rects[] = {
    {2, 2, 10, 6}, {50, 40, 30, 30}, {-5, 20, 12, 3}, {20, -4, 4, 9}, {70, 5, 3, 3}, {0, 30, 64, 1},
};

/* Draws a case's frame with SDL's calls (direct false) or renderer.h's,
 * and reads it back. */
static void draw_fills(SDL_Renderer *r, const FillCase *c, bool direct, Uint32 *out)
{
    SDL_RenderSetViewport(r, NULL);
    SDL_RenderSetClipRect(r, NULL);
    SDL_Color bg = {17, 20, 28, 255};
    if (direct) {
        assert_int_equal(renderer_clear(r, bg), 0);
    } else {
        SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, bg.a);
        SDL_RenderClear(r);
    }
    SDL_RenderSetViewport(r, c->viewport.w > 0 ? &c->viewport : NULL);
    SDL_RenderSetClipRect(r, c->clip.w > 0 ? &c->clip : NULL);
    SDL_SetRenderDrawBlendMode(r, c->mode);
    SDL_SetRenderDrawColor(r, c->color.r, c->color.g, c->color.b, c->color.a);
    int n = (int)(sizeof fill_rects / sizeof fill_rects[0]);
    if (direct)
        assert_int_equal(renderer_fill_rects(r, fill_rects, n), 0);
    else
        SDL_RenderFillRects(r, fill_rects, n);
    SDL_RenderSetViewport(r, NULL);
    SDL_RenderSetClipRect(r, NULL);
    assert_int_equal(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, out, FILL_W * 4), 0);
}

static void test_fills_match_sdl(void **state)
{
    (void)state;
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
    SDL_Window *w = SDL_CreateWindow("fills", 0, 0, FILL_W, FILL_H, SDL_WINDOW_HIDDEN);
    assert_non_null(w);
    SDL_Renderer *r = renderer_create_driver(w, "software");
    assert_non_null(r);
    static Uint32 sdl[FILL_W * FILL_H], ours[FILL_W * FILL_H];
    for (size_t i = 0; i < sizeof fill_cases / sizeof fill_cases[0]; i++) {
        const FillCase *c = &fill_cases[i];
        draw_fills(r, c, false, sdl);
        draw_fills(r, c, true, ours);
        for (int p = 0; p < FILL_W * FILL_H; p++)
            if (sdl[p] != ours[p])
                fail_msg("%s: pixel (%d, %d) is %08x, SDL draws %08x", c->what, p % FILL_W,
                         p / FILL_W, (unsigned)ours[p], (unsigned)sdl[p]);
    }
    /* Something was drawn at all: the first rect in the plain case. */
    draw_fills(r, &fill_cases[0], true, ours);
    assert_int_equal(ours[3 * FILL_W + 3] & 0xffffff, 0xc8285a);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(w);
}

/* A right-to-left frame is drawn left to right and flipped in the window
 * (renderer_flip_window); its text was flipped when rasterised, so on
 * screen it reads exactly as in a left-to-right frame, at the mirrored
 * place, not as in a mirror. */
static void test_mirrored_text_reads_right(void **state)
{
    App *app = open_app(*state);
    assert_non_null(app);
    SDL_Renderer *r = app->renderer;
    int w = app->theme.out_w, h = app->theme.out_h, x = 40, y = 30;
    assert_true(renderer_can_flip_window(r));
    Uint32 *plain = calloc((size_t)w * (size_t)h, 4), *flipped = calloc((size_t)w * (size_t)h, 4);
    assert_non_null(plain);
    assert_non_null(flipped);
    TextSpec spec = {.style = TEXT_TITLE, .align = TEXT_ALIGN_LEFT};
    SDL_Color bg = {17, 20, 28, 255};
    SDL_Rect box = {0};
    for (int mirrored = 0; mirrored < 2; mirrored++) {
        text_set_mirror(app->text, mirrored != 0);
        assert_int_equal(renderer_clear(r, bg), 0);
        box = text_draw(app->text, &spec, x, y, "Rb7");
        if (mirrored)
            assert_true(renderer_flip_window(r));
        assert_int_equal(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888,
                                              mirrored ? flipped : plain, w * 4),
                         0);
    }
    text_set_mirror(app->text, false);
    assert_true(box.w > 10 && box.h > 10 && x + box.w < w && y + box.h < h);
    int mirror_x = w - x - box.w;
    size_t same = 0, as_in_a_mirror = 0, ink = 0;
    for (int row = y; row < y + box.h; row++)
        for (int col = 0; col < box.w; col++) {
            Uint32 want = plain[row * w + x + col];
            ink += (want & 0xffffff) != 0x11141c;
            same += flipped[row * w + mirror_x + col] == want;
            as_in_a_mirror += flipped[row * w + mirror_x + box.w - 1 - col] == want;
        }
    assert_true(ink > 50);
    assert_int_equal(same, (size_t)box.w * (size_t)box.h);
    assert_true(as_in_a_mirror < same); /* "Rb7" is no palindrome in ink */
    free(plain);
    free(flipped);
}

/* ---- the settled line ----------------------------------------------------- */

static void *quit_soon(void *arg)
{
    (void)arg;
    struct timespec ts = {0, 300 * 1000000};
    nanosleep(&ts, NULL);
    SDL_Event e = {0};
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
    return NULL;
}

static void test_settled_line_once_when_idle(void **state)
{
    Fixture *f = *state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    char fd_text[16];
    snprintf(fd_text, sizeof fd_text, "%d", fds[1]);
    setenv("QUIZDECK_BENCH_SETTLED_FD", fd_text, 1);
    App *app = open_app(f);
    assert_non_null(app);
    struct timespec before;
    clock_gettime(CLOCK_MONOTONIC, &before);
    pthread_t thread;
    assert_int_equal(pthread_create(&thread, NULL, quit_soon, NULL), 0);
    app_run(app); /* the real loop: first frame, idle, then the quit */
    pthread_join(thread, NULL);
    unsetenv("QUIZDECK_BENCH_SETTLED_FD");
    close(fds[1]);
    char text[256] = "";
    size_t got = 0;
    ssize_t n;
    while (got < sizeof text - 1 && (n = read(fds[0], text + got, sizeof text - 1 - got)) > 0)
        got += (size_t)n;
    close(fds[0]);
    text[got] = '\0';
    /* Two lines: the time it settled (after the App was made) and the
     * renderer, then the time its packs were ready (not before it
     * settled), nothing more however long the loop then idled. */
    long long ns = 0, ready_ns = 0;
    char name[32] = "", ready_name[32] = "";
    assert_int_equal(sscanf(text, "settled %lld %31s", &ns, name), 2);
    assert_string_equal(name, "software");
    assert_true(ns >= (long long)before.tv_sec * 1000000000LL + before.tv_nsec);
    const char *second = strchr(text, '\n');
    assert_non_null(second);
    second++;
    assert_int_equal(sscanf(second, "ready %lld %31s", &ready_ns, ready_name), 2);
    assert_string_equal(ready_name, "software");
    assert_true(ready_ns >= ns);
    assert_non_null(strchr(second, '\n'));
    assert_null(strchr(strchr(second, '\n') + 1, '\n'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_table),
        cmocka_unit_test(test_fills_match_sdl),
        cmocka_unit_test_setup_teardown(test_mirrored_text_reads_right, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_is_software_here, setup, teardown),
        cmocka_unit_test_setup_teardown(test_renderer_this_machine_lacks_falls_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unknown_word_is_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settled_line_once_when_idle, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
