/* bench_floor.c - the floor for the game's start-up: the least an SDL2 +
 * SDL_ttf program can do to show text. It opens a 1280x720 window with the
 * game's window flags, makes SDL's software renderer, draws one string with
 * one TTF font, presents, and waits in SDL_WaitEventTimeout, redrawing when
 * the window asks, until it is closed (SDL_QUIT, SIGTERM).
 *
 * It reports "settled" and "ready" exactly as the game does, through the
 * same function (renderer_bench_idle in src/ui/kit/renderer.c, compiled
 * in): with QUIZDECK_BENCH_SETTLED_FD set, both lines when it first goes
 * idle (it has nothing to load). So run-ui-bench.sh can time both the same
 * way in the same run and quote the game's start-up as a ratio to this
 * floor.
 *
 * What it leaves out, on purpose, is what the game adds: fontconfig (the
 * font is a path here), the game controller subsystem, SQLite, the packs,
 * the text cache and the scenes.
 *
 * Usage: bench_floor FONT.ttf [POINT_SIZE]   (default 24)
 * Linked with SDL2 and SDL2_ttf only (tests/bench/CMakeLists.txt).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "renderer.h"

enum { FLOOR_W = 1280, FLOOR_H = 720, FLOOR_POINT_SIZE = 24 };

static void floor_draw(SDL_Renderer *renderer, SDL_Texture *text, int w, int h)
{
    SDL_SetRenderDrawColor(renderer, 24, 26, 33, 255);
    SDL_RenderClear(renderer);
    SDL_Rect dst = {(FLOOR_W - w) / 2, (FLOOR_H - h) / 2, w, h};
    SDL_RenderCopy(renderer, text, NULL, &dst);
    SDL_RenderPresent(renderer);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench_floor FONT.ttf [POINT_SIZE]\n");
        return 2;
    }
    int size = argc > 2 ? atoi(argv[2]) : FLOOR_POINT_SIZE;
    if (size <= 0)
        size = FLOOR_POINT_SIZE;
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "bench_floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *window = SDL_CreateWindow(
        "quizdeck floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, FLOOR_W, FLOOR_H,
        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_SHOWN);
    /* As the game does on X11: present through shared memory, not through
     * an OpenGL texture (which would load Mesa; see renderer.c). */
    const char *video = SDL_GetCurrentVideoDriver();
    if (video && strcmp(video, "x11") == 0)
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    SDL_Renderer *renderer = window ? renderer_create_driver(window, "software") : NULL;
    TTF_Font *font = renderer ? TTF_OpenFont(argv[1], size) : NULL;
    SDL_Surface *surface = font ? TTF_RenderUTF8_Blended(font, "Kuwait and the Gulf: a quiz",
                                                         (SDL_Color){236, 239, 244, 255})
                                : NULL;
    SDL_Texture *text = surface ? SDL_CreateTextureFromSurface(renderer, surface) : NULL;
    if (!text) {
        fprintf(stderr, "bench_floor: %s\n", SDL_GetError());
        return 1;
    }
    int w = surface->w, h = surface->h;
    SDL_FreeSurface(surface);

    bool dirty = true, running = true;
    while (running) {
        if (dirty) {
            floor_draw(renderer, text, w, h);
            dirty = false;
        }
        renderer_bench_idle(renderer, true); /* nothing to load */
        SDL_Event e;
        if (!SDL_WaitEventTimeout(&e, -1))
            continue;
        do {
            if (e.type == SDL_QUIT)
                running = false;
            else if (e.type == SDL_WINDOWEVENT)
                dirty = true;
        } while (SDL_PollEvent(&e));
    }
    SDL_DestroyTexture(text);
    TTF_CloseFont(font);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
