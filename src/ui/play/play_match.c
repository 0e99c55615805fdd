/* play_match.c - pairing two columns (see play.h).
 *
 * Lefts stand in the author's order, rights in the round's shuffled order.
 * Pick a left then a right (or a right then a left), by keys or clicks, or
 * drag from one to the other. A pair is drawn as a line between the two and
 * the same colour, shape and number on both ends, so colour is never the
 * only cue. Picking a made pair again re-pairs it. Submit commits.
 */
#include "play.h"

#include <stdio.h>

static size_t pair_count(const PlayInput *in)
{
    return in->rq->display_count;
}

void play_match_layout(App *app, PlayInput *in)
{
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    size_t n = pair_count(in);
    int gap = theme_px(th, 10);
    int bh = theme_px(th, THEME_BUTTON_H);
    int avail = a.h - bh - theme_px(th, THEME_GAP);
    int row_h = n > 0 ? (avail - (int)(n - 1) * gap) / (int)n : 0;
    if (row_h > theme_px(th, 58))
        row_h = theme_px(th, 58);
    int mid = theme_px(th, 90);
    int col_w = (a.w - mid) / 2;
    nav_begin(&in->nav);
    for (size_t i = 0; i < n; i++) {
        int y = a.y + (int)i * (row_h + gap);
        /* Right to left, the first column stands on the right. */
        in->left[i] = (SDL_Rect){in->rtl ? a.x + a.w - col_w : a.x, y, col_w, row_h};
        nav_add(&in->nav, in->left[i], true);
    }
    for (size_t i = 0; i < n; i++) {
        int y = a.y + (int)i * (row_h + gap);
        in->right[i] = (SDL_Rect){in->rtl ? a.x : a.x + a.w - col_w, y, col_w, row_h};
        nav_add(&in->nav, in->right[i], true);
    }
    in->tile_count = n;
    int sw = theme_px(th, 220);
    in->submit = (SDL_Rect){a.x + a.w - sw, a.y + (int)n * (row_h + gap) + theme_px(th, 4), sw, bh};
    nav_add(&in->nav, in->submit, true);
    nav_end(&in->nav);
}

static int left_of_right(const PlayInput *in, size_t r)
{
    for (size_t l = 0; l < in->tile_count; l++)
        if (in->given.match[l] == r)
            return (int)l;
    return -1;
}

static void pair(PlayInput *in, size_t l, size_t r)
{
    if (in->given.match[l] == r) { /* the same pair again: undo it */
        in->given.match[l] = ROUND_NO_PICK;
        return;
    }
    int other = left_of_right(in, r);
    if (other >= 0)
        in->given.match[other] = ROUND_NO_PICK;
    in->given.match[l] = r;
}

static int first_unpaired_left(const PlayInput *in)
{
    for (size_t l = 0; l < in->tile_count; l++)
        if (in->given.match[l] == ROUND_NO_PICK)
            return (int)l;
    return -1;
}

/* Activates nav widget i (a left, a right, or Submit). */
static void activate(PlayInput *in, int i)
{
    int n = (int)in->tile_count;
    if (i == 2 * n) {
        in->ready = true;
        return;
    }
    if (i < n) {
        if (in->pick_right >= 0) {
            pair(in, (size_t)i, (size_t)in->pick_right);
            in->pick_right = -1;
            int next = first_unpaired_left(in);
            nav_set_focus(&in->nav, next >= 0 ? next : 2 * n);
        } else {
            in->pick_left = in->pick_left == i ? -1 : i;
            if (in->pick_left >= 0) {
                /* Go across: to this left's partner, or the first free right. */
                int target = -1;
                if (in->given.match[i] != ROUND_NO_PICK)
                    target = (int)in->given.match[i];
                for (int r = 0; target < 0 && r < n; r++)
                    if (left_of_right(in, (size_t)r) < 0)
                        target = r;
                nav_set_focus(&in->nav, n + (target >= 0 ? target : 0));
            }
        }
    } else {
        int r = i - n;
        if (in->pick_left >= 0) {
            pair(in, (size_t)in->pick_left, (size_t)r);
            in->pick_left = -1;
            int next = first_unpaired_left(in);
            nav_set_focus(&in->nav, next >= 0 ? next : 2 * n);
        } else {
            in->pick_right = in->pick_right == r ? -1 : r;
            if (in->pick_right >= 0) {
                int l = left_of_right(in, (size_t)r);
                int next = first_unpaired_left(in);
                nav_set_focus(&in->nav, l >= 0 ? l : (next >= 0 ? next : 0));
            }
        }
    }
}

static int item_at(const PlayInput *in, int x, int y)
{
    int n = (int)in->tile_count;
    for (int i = 0; i < n; i++) {
        if (play_hit(in->left[i], x, y))
            return i;
        if (play_hit(in->right[i], x, y))
            return n + i;
    }
    return -1;
}

bool play_match_event(App *app, PlayInput *in, const UiEvent *event)
{
    (void)app;
    int n = (int)in->tile_count;
    if (event->pointer == POINTER_DOWN) {
        int i = item_at(in, event->x, event->y);
        if (i >= 0) {
            in->match_drag = i;
            in->pointer_x = event->x;
            in->pointer_y = event->y;
            nav_set_focus(&in->nav, i);
            in->nav.keyboard = false;
            return true;
        }
    } else if (event->pointer == POINTER_MOVE && in->match_drag >= 0) {
        in->pointer_x = event->x;
        in->pointer_y = event->y;
        return true;
    } else if (event->pointer == POINTER_UP && in->match_drag >= 0) {
        int from = in->match_drag;
        int to = item_at(in, event->x, event->y);
        in->match_drag = -1;
        if (to == from) {
            activate(in, from);
        } else if (to >= 0 && (from < n) != (to < n)) {
            int l = from < n ? from : to, r = (from < n ? to : from) - n;
            in->pick_left = in->pick_right = -1;
            if (in->given.match[l] != (size_t)r)
                pair(in, (size_t)l, (size_t)r);
            int next = first_unpaired_left(in);
            nav_set_focus(&in->nav, next >= 0 ? next : 2 * n);
        }
        return true;
    }
    if (event->action == ACTION_BACK && (in->pick_left >= 0 || in->pick_right >= 0)) {
        in->pick_left = in->pick_right = -1; /* Esc drops a half-made pair first */
        return true;
    }
    bool changed = false;
    int hit = nav_event(&in->nav, event, &changed);
    if (hit >= 0) {
        activate(in, hit);
        return true;
    }
    return changed;
}

/* The colour badge of pair `l` (shape and number) at the edge of a tile. */
static void draw_badge(App *app, SDL_Rect tile, size_t l, bool at_right, bool empty)
{
    const Theme *th = &app->theme;
    int d = tile.h - theme_px(th, 20);
    if (d > theme_px(th, 34))
        d = theme_px(th, 34);
    int pad = theme_px(th, 12);
    SDL_Rect b = {at_right ? tile.x + tile.w - pad - d : tile.x + pad, tile.y + (tile.h - d) / 2, d,
                  d};
    if (empty) {
        ui_stroke_round(app->renderer, b, d / 2, theme_px(th, 2), theme_color(COLOR_BORDER));
        return;
    }
    ui_fill_round(app->renderer, b, theme_px(th, 7), play_option_color(l));
    SDL_Rect s = {b.x + d / 5, b.y + d / 5, d * 3 / 5, d * 3 / 5};
    play_draw_shape(app->renderer, l, s, theme_color(COLOR_BG));
}

static void draw_item(App *app, PlayInput *in, SDL_Rect r, int nav_index, const char *text,
                      int pair_l, bool picked, bool at_right)
{
    const Theme *th = &app->theme;
    bool focused = in->nav.focus == nav_index;
    SDL_Color bg = theme_color(focused ? COLOR_SURFACE_HI : COLOR_SURFACE);
    if (pair_l >= 0)
        bg = theme_mix(bg, play_option_color((size_t)pair_l), 0.16f);
    ui_fill_round(app->renderer, r, theme_px(th, 10), bg);
    if (picked)
        ui_stroke_round(app->renderer, r, theme_px(th, 10), theme_px(th, 3),
                        theme_color(COLOR_ACCENT));
    else if (pair_l >= 0)
        ui_stroke_round(app->renderer, r, theme_px(th, 10), theme_px(th, 2),
                        play_option_color((size_t)pair_l));
    draw_badge(app, r, pair_l >= 0 ? (size_t)pair_l : 0, at_right, pair_l < 0);
    int pad = theme_px(th, 12);
    int d = theme_px(th, 34);
    SDL_Rect box = {r.x + pad, r.y + 2, r.w - 3 * pad - d, r.h - 4};
    if (!at_right)
        box.x = r.x + pad + d + pad;
    TextSpec ts = {.style = TEXT_BODY, .lang = in->lang};
    text_draw_fit(app->text, &ts, box, text);
    if (focused)
        widget_focus_ring(app, r);
    app_record_widget(app, r, text,
                      (focused ? WIDGET_FOCUSED : 0u) | (picked ? WIDGET_SELECTED : 0u));
}

void play_match_draw(App *app, PlayInput *in)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    int n = (int)in->tile_count;
    float lw = (float)theme_px(th, 4);
    /* Lines first so the tiles sit on top of their ends. */
    for (int l = 0; l < n; l++) {
        size_t r = in->given.match[l];
        if (r == ROUND_NO_PICK || r >= (size_t)n)
            continue;
        SDL_Rect a = in->left[l], b = in->right[r];
        float ax = in->rtl ? (float)a.x : (float)(a.x + a.w);
        float bx = in->rtl ? (float)(b.x + b.w) : (float)b.x;
        play_draw_line(ren, ax, (float)a.y + (float)a.h / 2.0f, bx, (float)b.y + (float)b.h / 2.0f,
                       lw, play_option_color((size_t)l));
    }
    if (in->match_drag >= 0) {
        SDL_Rect a = in->match_drag < n ? in->left[in->match_drag] : in->right[in->match_drag - n];
        bool inner_right = (in->match_drag < n) != in->rtl;
        float x0 = inner_right ? (float)(a.x + a.w) : (float)a.x;
        play_draw_line(ren, x0, (float)a.y + (float)a.h / 2.0f, (float)in->pointer_x,
                       (float)in->pointer_y, lw, theme_color(COLOR_ACCENT));
    }
    for (int l = 0; l < n; l++) {
        int paired = in->given.match[l] != ROUND_NO_PICK ? l : -1;
        draw_item(app, in, in->left[l], l, in->q->pairs[l].left, paired, in->pick_left == l,
                  in->rtl);
    }
    for (int r = 0; r < n; r++) {
        draw_item(app, in, in->right[r], n + r, round_display_text(in->rq, (size_t)r),
                  left_of_right(in, (size_t)r), in->pick_right == r, !in->rtl);
    }
    int done = 0;
    for (int l = 0; l < n; l++)
        done += in->given.match[l] != ROUND_NO_PICK;
    char note[64];
    snprintf(note, sizeof note, "%d of %d paired", done, n);
    TextSpec hs = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    int lh = text_line_height(app->text, &hs);
    text_draw(app->text, &hs, in->area.x, in->submit.y + (in->submit.h - lh) / 2, note);
    widget_button(app, in->submit, "Submit", WIDGET_PRIMARY | nav_flag(&in->nav, 2 * n));
}
