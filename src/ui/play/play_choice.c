/* play_choice.c - tiles to pick from: choice, multi, truefalse, and the
 * two self-rating buttons of a flashcard (see play.h).
 *
 * Every tile shows a letter, a shape and a colour (colour is never the only
 * cue). Keys 1-8 or A-H pick directly, the arrows move the focus, Enter or a
 * click chooses. A choice or truefalse tile answers at once; multi tiles
 * toggle and an explicit Submit commits them.
 */
#include "play.h"

#include <stdio.h>

static size_t tile_total(const PlayInput *in)
{
    switch (in->q->type) {
    case QUESTION_CHOICE:
    case QUESTION_MULTI:
        return in->rq->display_count;
    case QUESTION_TRUEFALSE:
        return 2;
    case QUESTION_FLASHCARD:
        return in->revealed ? 2 : 0;
    default:
        return 0;
    }
}

static const char *tile_text(const PlayInput *in, size_t i)
{
    switch (in->q->type) {
    case QUESTION_TRUEFALSE:
        return i == 0 ? "True" : "False";
    case QUESTION_FLASHCARD:
        return i == 0 ? "I knew it" : "I didn't";
    default:
        return round_display_text(in->rq, i);
    }
}

void play_choice_layout(App *app, PlayInput *in)
{
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    int gap = theme_px(th, THEME_GAP);
    size_t n = tile_total(in);
    in->tile_count = n;
    nav_begin(&in->nav);

    if (in->q->type == QUESTION_FLASHCARD) {
        int bh = theme_px(th, THEME_BUTTON_H + 8);
        int bw = (a.w - gap) / 2;
        in->field_rect = (SDL_Rect){a.x, a.y, a.w, a.h - bh - gap};
        if (!in->revealed) {
            int w = theme_px(th, 260);
            in->submit = (SDL_Rect){a.x + (a.w - w) / 2, a.y + a.h - bh, w, bh};
            nav_add(&in->nav, in->submit, true);
        } else {
            for (size_t i = 0; i < 2; i++) {
                in->tile[i] = (SDL_Rect){a.x + (int)i * (bw + gap), a.y + a.h - bh, bw, bh};
                nav_add(&in->nav, in->tile[i], true);
            }
        }
        nav_end(&in->nav);
        return;
    }

    bool multi = in->q->type == QUESTION_MULTI;
    int submit_h = multi ? theme_px(th, THEME_BUTTON_H) + gap : 0;
    int cols = 2;
    int rows = (int)((n + 1) / 2);
    int avail = a.h - submit_h;
    int tile_h = rows > 0 ? (avail - (rows - 1) * gap) / rows : 0;
    int max_h = theme_px(th, in->q->type == QUESTION_TRUEFALSE ? 130 : 96);
    if (tile_h > max_h)
        tile_h = max_h;
    int tile_w = (a.w - (cols - 1) * gap) / cols;
    for (size_t i = 0; i < n; i++) {
        int c = (int)(i % 2), r = (int)(i / 2);
        if (in->rtl)
            c = 1 - c; /* A stands top right when reading right to left */
        in->tile[i] =
            (SDL_Rect){a.x + c * (tile_w + gap), a.y + r * (tile_h + gap), tile_w, tile_h};
        nav_add(&in->nav, in->tile[i], true);
    }
    if (multi) {
        int w = theme_px(th, 220);
        int y = a.y + rows * (tile_h + gap);
        in->submit = (SDL_Rect){a.x + a.w - w, y, w, theme_px(th, THEME_BUTTON_H)};
        nav_add(&in->nav, in->submit, true);
    }
    nav_end(&in->nav);
}

/* A tile picked by index (key, Enter or click). */
static void choose(PlayInput *in, size_t i)
{
    switch (in->q->type) {
    case QUESTION_CHOICE:
        in->given.choice = i;
        in->ready = true;
        break;
    case QUESTION_MULTI:
        if (i == in->tile_count) {
            in->ready = true;
        } else {
            in->given.picked ^= 1u << i;
        }
        break;
    case QUESTION_TRUEFALSE:
        in->given.truth = i == 0;
        in->ready = true;
        break;
    case QUESTION_FLASHCARD:
        if (!in->revealed) {
            in->revealed = true;
            in->nav.focus = 0;
        } else {
            in->given.knew = i == 0;
            in->ready = true;
        }
        break;
    default:
        break;
    }
}

/* Keys that pick a tile directly: 1-8, A-H (T/F for truefalse, Y/N for a
 * revealed flashcard). Returns the tile, or -1. */
static int direct_key(const PlayInput *in, const SDL_Event *e)
{
    if (e->type != SDL_KEYDOWN || (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)))
        return -1;
    SDL_Keycode k = e->key.keysym.sym;
    int n = (int)in->tile_count;
    int i = -1;
    if (in->q->type == QUESTION_TRUEFALSE) {
        if (k == SDLK_t)
            return 0;
        if (k == SDLK_f)
            return 1;
    }
    if (in->q->type == QUESTION_FLASHCARD) {
        if (!in->revealed)
            return -1;
        if (k == SDLK_y || k == SDLK_k)
            return 0;
        if (k == SDLK_n || k == SDLK_d)
            return 1;
    }
    if (k >= SDLK_1 && k <= SDLK_8)
        i = (int)(k - SDLK_1);
    else if (k >= SDLK_KP_1 && k <= SDLK_KP_8)
        i = (int)(k - SDLK_KP_1);
    else if (k >= SDLK_a && k <= SDLK_h && in->q->type != QUESTION_FLASHCARD)
        i = (int)(k - SDLK_a);
    return i >= 0 && i < n ? i : -1;
}

bool play_choice_event(App *app, PlayInput *in, const UiEvent *event)
{
    (void)app;
    int direct = direct_key(in, event->sdl);
    if (direct >= 0) {
        nav_set_focus(&in->nav, direct);
        choose(in, (size_t)direct);
        return true;
    }
    bool changed = false;
    int hit = nav_event(&in->nav, event, &changed);
    if (hit >= 0) {
        choose(in, (size_t)hit);
        return true;
    }
    return changed || event->action == ACTION_ACCEPT;
}

static void draw_option_tile(App *app, const PlayInput *in, size_t i)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect r = in->tile[i];
    bool focused = in->nav.focus == (int)i;
    bool picked = in->q->type == QUESTION_MULTI && (in->given.picked >> i) & 1u;
    int radius = theme_px(th, THEME_RADIUS);
    bool tf = in->q->type == QUESTION_TRUEFALSE;
    /* True / false carry a check mark or a cross (and T / F), in green and
     * red; other options a shape and a letter. */
    SDL_Color col = tf ? play_option_color(i == 0 ? 3 : 0) : play_option_color(i);
    SDL_Color bg = theme_color(focused ? COLOR_SURFACE_HI : COLOR_SURFACE);
    if (picked)
        bg = theme_mix(bg, col, 0.22f);
    ui_fill_round(ren, r, radius, bg);
    /* The colour strip and badge at the leading edge. */
    int pad = theme_px(th, 12);
    int badge = r.h - 2 * pad;
    int max_badge = theme_px(th, 56);
    if (badge > max_badge)
        badge = max_badge;
    SDL_Rect b = {in->rtl ? r.x + r.w - pad - badge : r.x + pad, r.y + (r.h - badge) / 2, badge,
                  badge};
    ui_fill_round(ren, b, theme_px(th, 8), col);
    SDL_Rect shape = {b.x + badge / 4, b.y + badge / 4, badge / 2, badge / 2};
    if (tf && i == 0)
        play_draw_check(ren,
                        (SDL_Rect){b.x + badge / 6, b.y + badge / 6, badge * 2 / 3, badge * 2 / 3},
                        theme_color(COLOR_BG));
    else if (tf)
        play_draw_cross(ren,
                        (SDL_Rect){b.x + badge / 6, b.y + badge / 6, badge * 2 / 3, badge * 2 / 3},
                        theme_color(COLOR_BG));
    else
        play_draw_shape(ren, i, shape, theme_color(COLOR_BG));

    char letter[2] = {tf ? (i == 0 ? 'T' : 'F') : (char)('A' + (int)i), '\0'};
    TextSpec ls = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    int lw = text_measure(app->text, &ls, "W").x + theme_px(th, 8);
    int lx = in->rtl ? b.x - pad - lw : b.x + badge + pad;
    int lh = text_line_height(app->text, &ls);
    text_draw(app->text, &ls, lx, r.y + (r.h - lh) / 2, letter);

    /* The text takes the rest; the tick box sits at the far end. */
    int far_pad = in->q->type == QUESTION_MULTI ? theme_px(th, 48) : pad;
    SDL_Rect box;
    if (in->rtl) {
        int left = r.x + far_pad;
        box = (SDL_Rect){left, r.y + pad / 2, lx - theme_px(th, 6) - left, r.h - pad};
    } else {
        int tx = lx + lw;
        box = (SDL_Rect){tx, r.y + pad / 2, r.x + r.w - far_pad - tx, r.h - pad};
    }
    TextSpec ts = {.style = TEXT_BODY, .lang = in->lang};
    text_draw_fit(app->text, &ts, box, tile_text(in, i));

    if (in->q->type == QUESTION_MULTI) {
        int cb = theme_px(th, 26);
        SDL_Rect c = {in->rtl ? r.x + pad : r.x + r.w - pad - cb, r.y + (r.h - cb) / 2, cb, cb};
        if (picked) {
            ui_fill_round(ren, c, theme_px(th, 6), theme_color(COLOR_ACCENT));
            play_draw_check(ren, c, theme_color(COLOR_ON_ACCENT));
        } else {
            ui_stroke_round(ren, c, theme_px(th, 6), theme_px(th, 2), theme_color(COLOR_TEXT_DIM));
        }
        ui_stroke_round(ren, r, radius, theme_px(th, picked ? 3 : 1),
                        picked ? col : theme_color(COLOR_BORDER));
    }
    if (focused)
        widget_focus_ring(app, r);
    unsigned flags = (focused ? WIDGET_FOCUSED : 0u) | (picked ? WIDGET_SELECTED : 0u);
    app_record_widget(app, r, tile_text(in, i), flags);
}

static void draw_flashcard(App *app, PlayInput *in)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect p = in->field_rect;
    ui_fill_round(ren, p, theme_px(th, THEME_RADIUS), theme_color(COLOR_SURFACE));
    int pad = theme_px(th, THEME_PAD);
    SDL_Rect box = {p.x + pad, p.y + pad, p.w - 2 * pad, p.h - 2 * pad};
    if (!in->revealed) {
        TextSpec ts = {.style = TEXT_BODY,
                       .color = theme_color(COLOR_TEXT_DIM),
                       .align = TEXT_ALIGN_CENTER,
                       .wrap = box.w};
        text_draw_fit(app->text, &ts, box, "Think of the answer, then show it.");
        widget_button(app, in->submit, "Show the answer", WIDGET_PRIMARY | nav_flag(&in->nav, 0));
        return;
    }
    ui_stroke_round(ren, p, theme_px(th, THEME_RADIUS), theme_px(th, 2), theme_color(COLOR_ACCENT));
    TextSpec ts = {
        .style = TEXT_HEADING, .align = TEXT_ALIGN_CENTER, .wrap = box.w, .lang = in->lang};
    text_draw_fit(app->text, &ts, box, in->q->back);
    for (size_t i = 0; i < 2; i++) {
        SDL_Rect r = in->tile[i];
        bool focused = in->nav.focus == (int)i;
        SDL_Color tint = theme_color(i == 0 ? COLOR_GOOD : COLOR_BAD);
        ui_fill_round(
            ren, r, theme_px(th, THEME_RADIUS),
            theme_mix(theme_color(focused ? COLOR_SURFACE_HI : COLOR_SURFACE), tint, 0.18f));
        int ic = r.h - theme_px(th, 20);
        TextSpec ls = {.style = TEXT_LABEL};
        SDL_Point sz = text_measure(app->text, &ls, tile_text(in, i));
        int total = ic + theme_px(th, 10) + sz.x;
        int x0 = r.x + (r.w - total) / 2;
        SDL_Rect icon = {x0, r.y + (r.h - ic) / 2, ic, ic};
        if (i == 0)
            play_draw_check(ren, icon, tint);
        else
            play_draw_cross(ren, icon, tint);
        text_draw(app->text, &ls, x0 + ic + theme_px(th, 10), r.y + (r.h - sz.y) / 2,
                  tile_text(in, i));
        if (focused)
            widget_focus_ring(app, r);
        app_record_widget(app, r, tile_text(in, i), focused ? WIDGET_FOCUSED : 0u);
    }
}

void play_choice_draw(App *app, PlayInput *in)
{
    if (in->q->type == QUESTION_FLASHCARD) {
        draw_flashcard(app, in);
        return;
    }
    for (size_t i = 0; i < in->tile_count; i++)
        draw_option_tile(app, in, i);
    if (in->q->type == QUESTION_MULTI) {
        int picks = 0;
        for (size_t i = 0; i < in->tile_count; i++)
            picks += (int)((in->given.picked >> i) & 1u);
        char note[64];
        snprintf(note, sizeof note, "%d ticked", picks);
        TextSpec ts = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
        int lh = text_line_height(app->text, &ts);
        text_draw(app->text, &ts, in->area.x, in->submit.y + (in->submit.h - lh) / 2, note);
        widget_button(app, in->submit, "Submit",
                      WIDGET_PRIMARY | nav_flag(&in->nav, (int)in->tile_count));
    }
}
