/* renderer.c - the renderer choice (see renderer.h for the words and the
 * order in which they are read) and the benchmarks' settled and ready markers.
 *
 * Why the software renderer by default on X11. quizdeck is a 2D UI that
 * redraws only when something changes (design rule 5): a key, a click, a
 * second of a countdown; 60 frames a second only while a timed question's
 * bar drains. SDL2's own default, SDL_CreateRenderer(w, -1, 0), takes its
 * first accelerated driver, OpenGL, and on Linux that means Mesa. Debian
 * 12's Mesa 22.3 is one 25.8 MB driver file for every GPU (iris, radeonsi,
 * nouveau, llvmpipe... are hard links to it) linked to the 117 MB
 * libLLVM-15, so it is loaded and relocated whether or not the machine has
 * a GPU (a GPU spares llvmpipe's drawing on the CPU, not the loading). On the
 * project's machine (no GPU, Xvfb; tests/bench/run-ui-bench.sh), with the
 * shipped packs, the OpenGL renderer takes the game to 109 MiB peak RSS and
 * 81 ms of CPU before the first screen settles, the software renderer to
 * 20 MiB and 26 ms (an SDL + SDL_ttf program that shows one string: 15 MiB,
 * 18 ms). The software renderer draws a full 1920x1080 question screen in
 * 1.0 ms of CPU (1.6-1.9 ms wall with the present through X shared memory,
 * with the opaque fills below; app.c turns SDL's "framebuffer acceleration"
 * off on X11 so that presenting does not go through an OpenGL texture
 * either), a 3840x2160 one in 3.9 ms (6.5-7 ms).
 * A GPU would save those milliseconds on the frames that are drawn: a few
 * a second while someone uses the game, about 9% of a core (CPU time,
 * 1080p) while a timed bar drains; it can never win back the start-up and
 * the memory. So "auto" is the software renderer wherever SDL has a plain
 * window framebuffer: x11 (XWayland too), dummy and offscreen. Where it has
 * not (wayland, kmsdrm), SDL's software renderer would itself upload every
 * frame through a GL texture, and on windows and cocoa the native
 * renderers (Direct3D, Metal) start without Mesa: there "auto" is SDL's own
 * accelerated choice. Whoever wants the GPU on X11 sets
 * QUIZDECK_RENDERER=accelerated (or opengl); the README's Performance
 * section has the table.
 *
 * Read renderer.h first.
 */
#include "renderer.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* The render drivers SDL2 can be built with (SDL_render.c's list), so a
 * word can be checked without asking SDL. */
static const char *const sdl_driver_names[] = {
    "software", "opengl", "opengles2", "opengles", "direct3d", "direct3d11", "direct3d12", "metal",
};

/* Video drivers whose windows SDL2 can draw into without a GPU API. */
static const char *const framebuffer_video_drivers[] = {"x11", "dummy", "offscreen"};

static const char RENDERER_ACCELERATED[] = "accelerated";

static bool present(const char *s)
{
    return s != NULL && s[0] != '\0';
}

static bool in_list(const char *word, const char *const *list, size_t count, const char **found)
{
    for (size_t i = 0; i < count; i++) {
        if (SDL_strcasecmp(word, list[i]) == 0) {
            if (found)
                *found = list[i];
            return true;
        }
    }
    return false;
}

/* A word of renderer.h's list as a plan's driver (a static string); NULL
 * when it is not one. */
static const char *word_driver(const char *word, const char *video_driver)
{
    const char *name = NULL;
    if (SDL_strcasecmp(word, "auto") == 0)
        return video_driver != NULL && in_list(video_driver, framebuffer_video_drivers,
                                               SDL_arraysize(framebuffer_video_drivers), NULL)
                   ? "software"
                   : RENDERER_ACCELERATED;
    if (SDL_strcasecmp(word, RENDERER_ACCELERATED) == 0)
        return RENDERER_ACCELERATED;
    if (in_list(word, sdl_driver_names, SDL_arraysize(sdl_driver_names), &name))
        return name;
    return NULL;
}

RendererPlan renderer_plan(const char *env_word, const char *sdl_render_driver, const char *setting,
                           const char *video_driver)
{
    RendererPlan plan = {0};
    if (present(env_word)) {
        plan.driver = word_driver(env_word, video_driver);
        if (plan.driver) {
            plan.source = RENDERER_FROM_ENV;
            return plan;
        }
        plan.unknown_word = true;
    }
    if (present(sdl_render_driver)) {
        plan.driver = NULL;
        plan.source = RENDERER_FROM_SDL_HINT;
        return plan;
    }
    if (present(setting)) {
        plan.driver = word_driver(setting, video_driver);
        if (plan.driver) {
            plan.source = RENDERER_FROM_SETTING;
            return plan;
        }
        plan.unknown_word = true;
    }
    plan.driver = word_driver("auto", video_driver);
    plan.source = RENDERER_FROM_DEFAULT;
    return plan;
}

SDL_Renderer *renderer_create_driver(SDL_Window *window, const char *name)
{
    int count = SDL_GetNumRenderDrivers();
    for (int i = 0; i < count; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && info.name != NULL &&
            SDL_strcasecmp(info.name, name) == 0)
            return SDL_CreateRenderer(window, i, 0);
    }
    SDL_SetError("this SDL has no \"%s\" renderer", name);
    return NULL;
}

/* SDL's first accelerated driver, in SDL's order, without the
 * SDL_RENDER_DRIVER hint (QUIZDECK_RENDERER outranks it). */
static SDL_Renderer *create_accelerated(SDL_Window *window)
{
    int count = SDL_GetNumRenderDrivers();
    for (int i = 0; i < count; i++) {
        SDL_RendererInfo info;
        if (SDL_GetRenderDriverInfo(i, &info) != 0 || !(info.flags & SDL_RENDERER_ACCELERATED))
            continue;
        SDL_Renderer *renderer = SDL_CreateRenderer(window, i, 0);
        if (renderer)
            return renderer;
    }
    SDL_SetError("no accelerated renderer could be created");
    return NULL;
}

/* The front end may say what it skipped (errors are values in the core;
 * this is the UI, which reports on stderr like app_create does). */
static void unknown_word(const char *where, const char *word)
{
    fprintf(stderr,
            "quizdeck: %s: unknown renderer \"%s\" (use auto, software, accelerated, opengl, "
            "opengles2, ...); ignored\n",
            where, word);
}

SDL_Renderer *renderer_create(SDL_Window *window, const char *setting)
{
    const char *env_word = SDL_getenv("QUIZDECK_RENDERER");
    RendererPlan plan = renderer_plan(env_word, SDL_GetHint(SDL_HINT_RENDER_DRIVER), setting,
                                      SDL_GetCurrentVideoDriver());
    if (present(env_word) && word_driver(env_word, NULL) == NULL)
        unknown_word("QUIZDECK_RENDERER", env_word);
    if (plan.source == RENDERER_FROM_DEFAULT && present(setting) &&
        word_driver(setting, NULL) == NULL)
        unknown_word("the renderer setting", setting);

    SDL_Renderer *renderer = NULL;
    /* SDL turns batching off for a renderer picked by name (an app that
     * picks one may mix in its own OpenGL calls); the game never does, so
     * it keeps the batching SDL's own choice would have had. */
    if (plan.driver != NULL)
        SDL_SetHintWithPriority(SDL_HINT_RENDER_BATCHING, "1", SDL_HINT_DEFAULT);
    if (plan.driver == NULL)
        renderer = SDL_CreateRenderer(window, -1, 0);
    else if (plan.driver == RENDERER_ACCELERATED)
        renderer = create_accelerated(window);
    else
        renderer = renderer_create_driver(window, plan.driver);
    if (renderer != NULL || plan.driver == NULL)
        return renderer;

    fprintf(stderr, "quizdeck: the %s renderer failed (%s); trying the software renderer\n",
            plan.driver, SDL_GetError());
    renderer = renderer_create_driver(window, "software");
    if (renderer == NULL)
        renderer = SDL_CreateRenderer(window, -1, 0);
    return renderer;
}

/* ---- opaque fills (renderer.h) ----------------------------------------- */

/* The window framebuffer an opaque fill may write to directly, or NULL:
 * only SDL's software renderer drawing on its window draws into
 * SDL_GetWindowSurface (SW_CreateRenderer; after a resize SDL makes a new
 * one and the renderer takes it too), and only without a scale or a
 * logical size are render coordinates pixels. *viewport gets the viewport
 * in pixels. */
static SDL_Surface *direct_surface(SDL_Renderer *renderer, SDL_Rect *viewport)
{
    SDL_RendererInfo info;
    if (renderer == NULL || SDL_GetRenderTarget(renderer) != NULL ||
        SDL_GetRendererInfo(renderer, &info) != 0 || info.name == NULL ||
        SDL_strcmp(info.name, "software") != 0)
        return NULL;
    float sx = 0.0f, sy = 0.0f;
    int lw = 0, lh = 0, ow = 0, oh = 0;
    SDL_RenderGetScale(renderer, &sx, &sy);
    SDL_RenderGetLogicalSize(renderer, &lw, &lh);
    if (sx != 1.0f || sy != 1.0f || lw != 0 || lh != 0)
        return NULL;
    SDL_Window *window = SDL_RenderGetWindow(renderer);
    SDL_Surface *s = window ? SDL_GetWindowSurface(window) : NULL;
    if (s == NULL || s->pixels == NULL || SDL_MUSTLOCK(s) || s->format->BytesPerPixel != 4 ||
        SDL_GetRendererOutputSize(renderer, &ow, &oh) != 0 || ow != s->w || oh != s->h)
        return NULL;
    SDL_RenderGetViewport(renderer, viewport);
    return s;
}

/* Plain stores, one row after another (the compiler makes them wide). */
static void fill_pixels(SDL_Surface *s, SDL_Rect r, Uint32 pixel)
{
    Uint8 *row = (Uint8 *)s->pixels + (size_t)r.y * (size_t)s->pitch + (size_t)r.x * 4u;
    for (int y = 0; y < r.h; y++, row += s->pitch) {
        Uint32 *p = (Uint32 *)(void *)row;
        for (int x = 0; x < r.w; x++)
            p[x] = pixel;
    }
}

int renderer_clear(SDL_Renderer *renderer, SDL_Color color)
{
    if (SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a) != 0)
        return -1;
    SDL_Rect viewport;
    SDL_Surface *s = direct_surface(renderer, &viewport);
    if (s == NULL || SDL_RenderFlush(renderer) != 0)
        return SDL_RenderClear(renderer);
    fill_pixels(s, (SDL_Rect){0, 0, s->w, s->h},
                SDL_MapRGBA(s->format, color.r, color.g, color.b, color.a));
    return 0;
}

int renderer_fill_rects(SDL_Renderer *renderer, const SDL_Rect *rects, int count)
{
    SDL_BlendMode mode = SDL_BLENDMODE_BLEND;
    SDL_Color c = {0, 0, 0, 0};
    SDL_Rect viewport;
    SDL_Surface *s = NULL;
    if (count > 0 && SDL_GetRenderDrawBlendMode(renderer, &mode) == 0 &&
        mode == SDL_BLENDMODE_NONE && SDL_GetRenderDrawColor(renderer, &c.r, &c.g, &c.b, &c.a) == 0)
        s = direct_surface(renderer, &viewport);
    if (s == NULL || SDL_RenderFlush(renderer) != 0)
        return SDL_RenderFillRects(renderer, rects, count);
    /* What SDL's software renderer would touch: the viewport, narrowed to
     * the clip rectangle (relative to the viewport), within the surface. */
    SDL_Rect area = viewport, surface = {0, 0, s->w, s->h};
    if (SDL_RenderIsClipEnabled(renderer)) {
        SDL_Rect clip;
        SDL_RenderGetClipRect(renderer, &clip);
        clip.x += viewport.x;
        clip.y += viewport.y;
        if (!SDL_IntersectRect(&area, &clip, &area))
            return 0;
    }
    if (!SDL_IntersectRect(&area, &surface, &area))
        return 0;
    Uint32 pixel = SDL_MapRGBA(s->format, c.r, c.g, c.b, c.a);
    for (int i = 0; i < count; i++) {
        SDL_Rect r = {rects[i].x + viewport.x, rects[i].y + viewport.y, rects[i].w, rects[i].h};
        if (r.w > 0 && r.h > 0 && SDL_IntersectRect(&r, &area, &r))
            fill_pixels(s, r, pixel);
    }
    return 0;
}

bool renderer_can_flip_window(SDL_Renderer *renderer)
{
    SDL_Rect viewport;
    return direct_surface(renderer, &viewport) != NULL;
}

bool renderer_flip_window(SDL_Renderer *renderer)
{
    SDL_Rect viewport;
    SDL_Surface *s = direct_surface(renderer, &viewport);
    if (s == NULL || SDL_RenderFlush(renderer) != 0)
        return false;
    renderer_flip_surface(s);
    return true;
}

void renderer_flip_surface(SDL_Surface *s)
{
    if (s == NULL || s->pixels == NULL || s->format->BytesPerPixel != 4)
        return;
    Uint8 *row = s->pixels;
    for (int y = 0; y < s->h; y++, row += s->pitch) {
        Uint32 *p = (Uint32 *)(void *)row;
        for (int l = 0, r = s->w - 1; l < r; l++, r--) {
            Uint32 t = p[l];
            p[l] = p[r];
            p[r] = t;
        }
    }
}

/* ---- the settled and ready markers ------------------------------------- */

static void bench_mark(int fd, const char *what, const char *renderer_name)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    char line[128];
    int len = snprintf(line, sizeof line, "%s %lld %s\n", what,
                       (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec, renderer_name);
    if (len > 0 && write(fd, line, (size_t)len) < 0)
        fprintf(stderr, "quizdeck: QUIZDECK_BENCH_SETTLED_FD=%d: cannot write\n", fd);
}

void renderer_bench_idle(SDL_Renderer *renderer, bool ready)
{
    static enum { MARK_UNREAD, MARK_SETTLED, MARK_READY, MARK_DONE } state = MARK_UNREAD;
    static int fd = -1;
    if (state == MARK_DONE || (state == MARK_READY && !ready))
        return;
    if (state == MARK_UNREAD) {
        const char *value = SDL_getenv("QUIZDECK_BENCH_SETTLED_FD");
        char *end = NULL;
        long n = present(value) ? strtol(value, &end, 10) : -1;
        if (n < 0 || n > 1 << 20 || end == NULL || *end != '\0') {
            state = MARK_DONE;
            return;
        }
        fd = (int)n;
        state = MARK_SETTLED;
    }
    /* Not idle while events wait: the loop handles and draws them first. */
    SDL_PumpEvents();
    if (SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
        return;
    SDL_RendererInfo info = {0};
    if (renderer == NULL || SDL_GetRendererInfo(renderer, &info) != 0 || info.name == NULL)
        info.name = "unknown";
    if (state == MARK_SETTLED) {
        bench_mark(fd, "settled", info.name);
        state = MARK_READY;
    }
    if (ready) {
        bench_mark(fd, "ready", info.name);
        state = MARK_DONE;
    }
}
