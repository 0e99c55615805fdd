/* app_notice.c - the notice banner at the bottom of the window: one line
 * of news or trouble for a few seconds (see app_notice in app.h). The
 * loop hides it when its time is up and after the next key or click once
 * it has been up long enough to read.
 *
 * A notice never covers a button: while it is up, the scenes are laid out
 * in a window shorter by its strip (app->theme.out_h and view_h leave it
 * out), and it is drawn in that strip at the bottom.
 */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>

#include "app_private.h"
#include "widgets.h"

enum { NOTICE_MS = 6000, NOTICE_ERROR_MS = 10000, NOTICE_MIN_MS = 1500 };

void app_notice(App *app, ThemeColor color, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(app->notice, sizeof app->notice, format, ap);
    va_end(ap);
    app->notice_color = color;
    app->now_ms = app_clock_ms(app);
    app->notice_since = app->now_ms;
    app->notice_until = app->now_ms + (color == COLOR_BAD ? NOTICE_ERROR_MS : NOTICE_MS);
    app->dirty = true;
    app_resized(app); /* the scenes make room for it */
}

/* The notice's box, for a window laid out at full height (pixels). */
static SDL_Rect notice_box(App *app, int full_h)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 720, 0);
    int pad = theme_px(t, THEME_PAD);
    TextSpec spec = {.style = TEXT_BODY, .wrap = col.w - 3 * pad, .max_lines = 3};
    SDL_Point sz = text_measure(app->text, &spec, app->notice);
    int h = sz.y + 2 * theme_px(t, 12);
    return (SDL_Rect){col.x, full_h - h - theme_px(t, 10), col.w, h};
}

void app_notice_layout(App *app)
{
    app->notice_strip = 0;
    if (!app->notice[0] || app_clock_ms(app) >= app->notice_until || app->text == NULL)
        return;
    Theme *t = &app->theme;
    SDL_Rect box = notice_box(app, t->out_h);
    int strip = t->out_h - box.y + theme_px(t, 6);
    if (strip > t->out_h / 3)
        strip = t->out_h / 3; /* a long notice never takes the screen */
    app->notice_strip = strip;
    t->out_h -= strip;
    t->view_h = (float)t->out_h / (t->scale > 0.0f ? t->scale : 1.0f);
}

void app_draw_notice(App *app)
{
    if (!app->notice[0] || app->now_ms >= app->notice_until)
        return;
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    TextSpec spec = {
        .style = TEXT_BODY, .wrap = theme_column(t, 720, 0).w - 3 * pad, .max_lines = 3};
    SDL_Rect box = notice_box(app, t->out_h + app->notice_strip);
    ui_fill_round(app->renderer, box, theme_px(t, THEME_RADIUS),
                  theme_mix(theme_color(COLOR_SURFACE_HI), theme_color(app->notice_color), 0.12f));
    SDL_Rect bar = {box.x, box.y, theme_px(t, 6), box.h};
    ui_fill_round(app->renderer, bar, bar.w / 2, theme_color(app->notice_color));
    text_draw(app->text, &spec, box.x + 2 * pad, box.y + theme_px(t, 12), app->notice);
    app_record_widget(app, box, app->notice, 0);
}

void app_notice_input(App *app, const SDL_Event *e)
{
    /* Once it has been up long enough to read, the player's next key or
     * click puts it away, and the screen has its full height again. */
    if ((e->type == SDL_KEYDOWN || e->type == SDL_MOUSEBUTTONDOWN ||
         e->type == SDL_CONTROLLERBUTTONDOWN) &&
        app->notice[0] && app_clock_ms(app) >= app->notice_since + NOTICE_MIN_MS)
        app->notice_until = app_clock_ms(app);
}
