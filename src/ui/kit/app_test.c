/* app_test.c - the App's seam for tests and tools: drawing a frame without
 * presenting it and reading it back, the widgets drawn in it, a resize
 * and a fixed clock (see app.h, "for tests"). Key, text and mouse events
 * are pushed by the tests' own driver (tests/support/ui_driver.h).
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include "app_private.h"

bool app_read_pixel(App *app, int x, int y, SDL_Color *out)
{
    if (x < 0 || y < 0 || x >= app->theme.out_w || y >= app->theme.out_h)
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
    int w = app->theme.out_w, h = app->theme.out_h;
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

const AppWidget *app_find_widget(const App *app, const char *label)
{
    for (size_t i = 0; i < app->widget_count; i++)
        if (strcmp(app->widgets[i].label, label) == 0)
            return &app->widgets[i];
    return NULL;
}

void app_test_key(App *app, SDL_Keycode key, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(app->window);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void app_test_click(App *app, int x, int y)
{
    int wx = (int)((float)x / (app->input.pixel_x > 0 ? app->input.pixel_x : 1.0f));
    int wy = (int)((float)y / (app->input.pixel_y > 0 ? app->input.pixel_y : 1.0f));
    Uint32 id = SDL_GetWindowID(app->window);
    SDL_Event e = {0};
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = id;
    e.motion.x = wx;
    e.motion.y = wy;
    SDL_PushEvent(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.windowID = id;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = wx;
    e.button.y = wy;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void app_test_text(App *app, const char *utf8)
{
    SDL_Event e = {0};
    e.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(app->window);
    snprintf(e.text.text, sizeof e.text.text, "%s", utf8);
    SDL_PushEvent(&e);
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
