/* renderer.h - which SDL renderer the game draws with, chosen once at start,
 * and the start-up benchmarks' "settled" and "ready" markers.
 *
 * The choice, first match wins:
 *   1. QUIZDECK_RENDERER in the environment (one of the words below);
 *   2. SDL_RENDER_DRIVER (environment or SDL hint) when set: SDL reads it
 *      itself, so it is left to SDL and never overridden;
 *   3. the player's setting, a word below (none yet: the settings screen
 *      will pass it; the environment outranks it so that a setting that
 *      does not work on a machine can be undone for one launch);
 *   4. "auto".
 * The words (any case):
 *   auto         the default: "software" where SDL draws into a plain
 *                window framebuffer (video drivers x11, dummy, offscreen),
 *                "accelerated" everywhere else (wayland, kmsdrm, windows,
 *                cocoa, ...: there SDL2 has no plain framebuffer, or a
 *                cheap native GPU path)
 *   software     SDL's software renderer
 *   accelerated  SDL's first hardware-accelerated renderer in its own
 *                order (opengl first on Linux): what the game used before
 *   opengl, opengles2, opengles, direct3d, direct3d11, direct3d12, metal
 *                that SDL render driver, where this SDL has it
 * A renderer that cannot be created falls back to software, then to
 * whatever SDL can make, with a line on stderr. renderer.c's header has
 * the reasoning and the figures behind the default.
 *
 * Read app.c's app_create() for where this is called; tests/bench for the
 * figures.
 */
#ifndef QUIZDECK_RENDERER_H
#define QUIZDECK_RENDERER_H

#include <stdbool.h>

#include <SDL.h>

/* Where a plan came from (the numbered list above). */
typedef enum RendererSource {
    RENDERER_FROM_ENV,      /* QUIZDECK_RENDERER */
    RENDERER_FROM_SDL_HINT, /* SDL_RENDER_DRIVER, left to SDL */
    RENDERER_FROM_SETTING,  /* the player's setting */
    RENDERER_FROM_DEFAULT,  /* "auto" for this video driver */
} RendererSource;

/* What renderer_create() will ask SDL for. */
typedef struct RendererPlan {
    /* An SDL render driver name ("software", "opengl", ...), "accelerated"
     * for SDL's first accelerated one, or NULL: SDL's own choice, which
     * honours SDL_RENDER_DRIVER. A static string. */
    const char *driver;
    RendererSource source;
    /* QUIZDECK_RENDERER or the setting held a word that is not in the
     * list: it was skipped (renderer_create says so on stderr). */
    bool unknown_word;
} RendererPlan;

/* The decision alone, from its inputs, each NULL or "" when absent:
 * QUIZDECK_RENDERER's value, SDL_RENDER_DRIVER's value, the setting, and
 * SDL's current video driver ("x11", "wayland", ...). Pure: no SDL call. */
RendererPlan renderer_plan(const char *env_word, const char *sdl_render_driver, const char *setting,
                           const char *video_driver);

/* Creates the window's renderer by the plan for this environment and
 * `setting` (a word, or NULL for none), with the falls-back above. Present
 * behaviour is SDL's default for that renderer (no vsync flag is asked;
 * SDL_RENDER_VSYNC still applies). Returns NULL only when SDL can make no
 * renderer at all (SDL_GetError says why); the caller owns the renderer
 * and frees it with SDL_DestroyRenderer. */
SDL_Renderer *renderer_create(SDL_Window *window, const char *setting);

/* Creates the renderer SDL calls `name` ("software", "opengl", ..., any
 * case) for the window, ignoring SDL_RENDER_DRIVER; NULL when this SDL has
 * no such driver or it fails. Owned by the caller. */
SDL_Renderer *renderer_create_driver(SDL_Window *window, const char *name);

/* Opaque fills. SDL 2.26's software renderer fills rectangles with
 * non-temporal stores (SDL_FillRect's SSE path), which bypass the cache:
 * a 1920x1080 clear takes ~1 ms where plain stores take ~0.4 ms, and the
 * text blended over it and the present read the frame back from memory.
 * These two write the pixels with plain stores when the software renderer
 * draws into its window's framebuffer (32 bits a pixel, no render target,
 * no scale), after flushing what SDL has queued so the order of drawing
 * holds; otherwise they are SDL's own calls. The pixels are the same
 * either way (renderer.c).
 *
 * renderer_clear: the whole target in `color` (the clip rectangle and the
 * viewport ignored, like SDL_RenderClear); it also becomes the draw colour.
 * renderer_fill_rects: like SDL_RenderFillRects with the renderer's draw
 * colour and blend mode (plain stores only when the blend mode is none);
 * rects in render coordinates, clipped by the clip rectangle and the
 * viewport; empty rects fill nothing. Returns 0, or SDL's error. */
int renderer_clear(SDL_Renderer *renderer, SDL_Color color);
int renderer_fill_rects(SDL_Renderer *renderer, const SDL_Rect *rects, int count);

/* A right-to-left frame is drawn left to right and flipped at the end
 * (app.c). Where the software renderer draws into its window framebuffer
 * (as above) the flip is done there, in place: renderer_can_flip_window
 * says whether it can be (ask before drawing the frame, with no render
 * target set), renderer_flip_window flips the whole framebuffer left to
 * right after flushing SDL's queue (false, nothing done, when it cannot).
 * Elsewhere the frame goes through a render target and SDL_RenderCopyEx,
 * which SDL's software renderer does through temporary surfaces and
 * generic blits: ~30 ms for a 1920x1080 frame against ~1 ms. */
bool renderer_can_flip_window(SDL_Renderer *renderer);
bool renderer_flip_window(SDL_Renderer *renderer);

/* Flips a 32-bit surface left to right in place (other depths are left
 * alone); for the window above and for text made for a mirrored frame. */
void renderer_flip_surface(SDL_Surface *s);

/* For the start-up benchmarks (tests/bench/run-ui-bench.sh): the loop calls
 * this each time it is about to block waiting for an event, not for an
 * animation frame, with `ready` true once everything the first screen
 * offers is loaded (the game: every pack; a program with nothing to load:
 * always). Only when QUIZDECK_BENCH_SETTLED_FD names a file descriptor,
 * and only at a moment when no event is pending, it writes there:
 *   settled MONOTONIC_NS RENDERER_NAME
 * the first time (the first frame has been presented and the loop is
 * idle: the screen answers keys), then
 *   ready MONOTONIC_NS RENDERER_NAME
 * the first time it is idle with `ready` (both lines from one call when
 * the packs were ready at once), with CLOCK_MONOTONIC in nanoseconds.
 * Otherwise it does nothing. */
void renderer_bench_idle(SDL_Renderer *renderer, bool ready);

#endif
