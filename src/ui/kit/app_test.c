/* app_test.c - the App's seam for tests and tools: drawing a frame without
 * presenting it and reading it back, the widgets drawn in it, a resize
 * and a fixed clock (see app.h, "for tests"). Key, text and mouse events
 * are pushed by the tests' own driver (tests/support/ui_driver.h).
 */
#include "app.h"

#include <string.h>

#include "app_private.h"

/* The whole window in pixels (the theme's height leaves a notice out). */
static void output_size(const App *app, int *w, int *h)
{
    *w = app->theme.out_w;
    *h = app->theme.out_h + app->notice_strip;
}

bool app_read_pixel(App *app, int x, int y, SDL_Color *out)
{
    int w, h;
    output_size(app, &w, &h);
    if (x < 0 || y < 0 || x >= w || y >= h)
        return false;
    app_draw_frame(app);
    Uint32 px = 0;
    SDL_Rect r = {x, y, 1, 1};
    if (SDL_RenderReadPixels(app->renderer, &r, SDL_PIXELFORMAT_ARGB8888, &px, 4) != 0)
        return false;
    out->a = (Uint8)(px >> 24);
    out->r = (Uint8)(px >> 16);
    out->g = (Uint8)(px >> 8);
    out->b = (Uint8)px;
    return true;
}

bool app_save_frame(App *app, const char *bmp_path)
{
    app_draw_frame(app);
    int w, h;
    output_size(app, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s == NULL)
        return false;
    bool ok = SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
                                   s->pitch) == 0 &&
              SDL_SaveBMP(s, bmp_path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

size_t app_widget_count(const App *app)
{
    return app->widget_count;
}

const AppWidget *app_widget(const App *app, size_t index)
{
    return index < app->widget_count ? &app->widgets[index] : NULL;
}

/* Bytes of a bidi mark or isolate at s (LRM, RLM, ALM, U+202A..202E,
 * U+2066..2069), else 0: invisible, so a label is compared without them. */
static size_t bidi_mark(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xD8 && u[1] == 0x9C)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 &&
        (u[2] == 0x8E || u[2] == 0x8F || (u[2] >= 0xAA && u[2] <= 0xAE)))
        return 3;
    if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9)
        return 3;
    return 0;
}

void app_visible_text(const char *text, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; text[i] != '\0' && o + 1 < size;) {
        size_t m = bidi_mark(text + i);
        if (m > 0) {
            i += m;
            continue;
        }
        out[o++] = text[i++];
    }
    if (size > 0)
        out[o] = '\0';
}

const AppWidget *app_find_widget(const App *app, const char *label)
{
    for (size_t i = 0; i < app->widget_count; i++) {
        char seen[sizeof app->widgets[i].label];
        app_visible_text(app->widgets[i].label, seen, sizeof seen);
        if (strcmp(seen, label) == 0)
            return &app->widgets[i];
    }
    return NULL;
}

void app_test_resize(App *app, int w, int h)
{
    SDL_SetWindowSize(app->window, w, h);
    /* The dummy driver may not send an event; the size is read anyway. */
    app_resized(app);
}

void app_test_set_clock(App *app, uint64_t ms)
{
    app->test_clock = ms;
}

uint64_t app_test_clock(const App *app)
{
    return app_clock_ms(app);
}
