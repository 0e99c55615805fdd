/* app_dialog.c - the one question the App can put to the player over any
 * scene ("Quit this round?", "Close quizdeck?"): a modal panel with a
 * title, a line or two and two buttons (see app_ask in app.h).
 *
 * While it is up every input goes to it and nothing else; the scene still
 * gets update() and draws underneath (a timed question pauses its own
 * clock: app_asking). The default, where the focus starts and what Enter
 * and Esc do, is always the harmless answer ("Keep playing"). Y and N
 * answer too: text input is off while the panel is up, so a letter never
 * reaches a text field behind it. Owned by the App; app_private.h has the
 * loop's hooks.
 */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "app_private.h"
#include "i18n.h"
#include "widgets.h"

struct AppDialog {
    bool open;
    char title[160];
    char body[480];
    char yes[80];
    char no[80];
    bool danger;
    void (*on_yes)(App *app, void *user);
    void *user;
    bool text_was_on; /* SDL text input to turn back on when it closes */
    Nav nav;          /* 0 = yes, 1 = no */
    SDL_Rect panel;
    int body_y;
};

enum { ASK_YES = 0, ASK_NO = 1 };

void app_ask(App *app, const AppAsk *ask)
{
    if (app->dialog == NULL) {
        app->dialog = calloc(1, sizeof *app->dialog);
        if (app->dialog == NULL)
            return; /* out of memory: the question is not asked, nothing happens */
    }
    AppDialog *d = app->dialog;
    if (!d->open)
        d->text_was_on = SDL_IsTextInputActive();
    SDL_StopTextInput();
    SDL_strlcpy(d->title, ask->title ? ask->title : "", sizeof d->title);
    SDL_strlcpy(d->body, ask->body ? ask->body : "", sizeof d->body);
    SDL_strlcpy(d->yes, ask->yes ? ask->yes : _("Yes"), sizeof d->yes);
    SDL_strlcpy(d->no, ask->no ? ask->no : _("No"), sizeof d->no);
    d->danger = ask->yes_is_danger;
    d->on_yes = ask->on_yes;
    d->user = ask->user;
    d->open = true;
    d->nav.pressed = -1;
    d->nav.focus = ASK_NO;
    d->nav.keyboard = true;
    app->dirty = true;
}

bool app_asking(const App *app)
{
    return app->dialog != NULL && app->dialog->open;
}

static void close_dialog(App *app, bool yes)
{
    AppDialog *d = app->dialog;
    d->open = false;
    if (d->text_was_on)
        SDL_StartTextInput();
    app->dirty = true;
    if (yes && d->on_yes != NULL)
        d->on_yes(app, d->user);
}

void app_dialog_free(App *app)
{
    free(app->dialog);
    app->dialog = NULL;
}

static void layout(App *app, AppDialog *d)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    int w = theme_px(t, 520);
    if (w > t->out_w - 2 * theme_px(t, 20))
        w = t->out_w - 2 * theme_px(t, 20);
    TextSpec hs = {.style = TEXT_HEADING, .wrap = w - 2 * pad};
    TextSpec bs = {.style = TEXT_BODY, .wrap = w - 2 * pad};
    int title_h = text_measure(app->text, &hs, d->title).y;
    int body_h = d->body[0] ? text_measure(app->text, &bs, d->body).y : 0;
    int bh = widget_button_height(app);
    int h = pad + title_h + theme_px(t, 10) + body_h + theme_px(t, 18) + bh + pad;
    if (h > t->out_h - 2 * theme_px(t, 10))
        h = t->out_h - 2 * theme_px(t, 10);
    d->panel = (SDL_Rect){(t->out_w - w) / 2, (t->out_h - h) / 2, w, h};
    d->body_y = d->panel.y + pad + title_h + theme_px(t, 10);
    int bw = (w - 3 * pad) / 2;
    int by = d->panel.y + h - pad - bh;
    /* Reading order: the harmless answer stands where the eye ends. A
     * right-to-left interface flips the whole frame (app.c), so the same
     * layout puts it at the left there. */
    SDL_Rect first = {d->panel.x + pad, by, bw, bh};
    SDL_Rect second = {first.x + bw + pad, by, bw, bh};
    nav_begin(&d->nav);
    nav_add(&d->nav, first, true);  /* ASK_YES */
    nav_add(&d->nav, second, true); /* ASK_NO */

    nav_end(&d->nav);
}

bool app_dialog_event(App *app, const UiEvent *event)
{
    AppDialog *d = app->dialog;
    if (d == NULL || !d->open)
        return false;
    layout(app, d);
    const SDL_Event *e = event->sdl;
    if (e->type == SDL_KEYDOWN && !e->key.repeat && e->key.keysym.scancode == SDL_SCANCODE_Y) {
        close_dialog(app, true);
        return true;
    }
    if (event->action == ACTION_BACK ||
        (e->type == SDL_KEYDOWN && e->key.keysym.scancode == SDL_SCANCODE_N)) {
        close_dialog(app, false);
        return true;
    }
    int hit = nav_event(&d->nav, event, NULL);
    if (hit == ASK_YES)
        close_dialog(app, true);
    else if (hit == ASK_NO)
        close_dialog(app, false);
    return true; /* modal: nothing behind it gets the event */
}

void app_draw_dialog(App *app)
{
    AppDialog *d = app->dialog;
    if (d == NULL || !d->open)
        return;
    layout(app, d);
    const Theme *t = &app->theme;
    SDL_Renderer *ren = app->renderer;
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ren, 0, 0, 0, 170);
    SDL_RenderFillRect(ren, NULL);
    int radius = theme_px(t, THEME_RADIUS);
    ui_fill_round(ren, d->panel, radius, theme_color(COLOR_SURFACE));
    ui_stroke_round(ren, d->panel, radius, theme_px(t, 1), theme_color(COLOR_BORDER));
    int pad = theme_px(t, THEME_PAD);
    TextSpec hs = {.style = TEXT_HEADING, .wrap = d->panel.w - 2 * pad};
    text_draw(app->text, &hs, d->panel.x + pad, d->panel.y + pad, d->title);
    app_record_widget(app, d->panel, d->title, 0);
    if (d->body[0]) {
        TextSpec bs = {
            .style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM), .wrap = d->panel.w - 2 * pad};
        int bottom = d->nav.rect[ASK_YES].y - theme_px(t, 8);
        text_draw_fit(
            app->text, &bs,
            (SDL_Rect){d->panel.x + pad, d->body_y, d->panel.w - 2 * pad, bottom - d->body_y},
            d->body);
    }
    widget_button(app, d->nav.rect[ASK_YES], d->yes,
                  (d->danger ? WIDGET_DANGER : 0u) | nav_flag(&d->nav, ASK_YES));
    widget_button(app, d->nav.rect[ASK_NO], d->no, WIDGET_PRIMARY | nav_flag(&d->nav, ASK_NO));
}
