/* play_match.c - pairing two columns: the match kind (see play.h).
 *
 * Lefts stand in the author's order, rights in the round's shuffled order.
 * Pick a left then a right (or a right then a left), by keys or clicks, or
 * drag from one to the other. A pair is drawn as a line between the two and
 * the same colour, shape and number on both ends, so colour is never the
 * only cue. Picking a made pair again re-pairs it. Submit commits, once
 * something is paired ("I don't know" otherwise); right to left, the first
 * column stands on the right and the hint says so.
 */
#include "i18n.h"
#include "play.h"

#include <stdio.h>

#include "format.h"

/* The pairs themselves live in in->given.match. */
typedef struct Match {
    SDL_Rect left[PLAY_MAX_ITEMS], right[PLAY_MAX_ITEMS];
    size_t count;
    SDL_Rect submit;
    int pick_left, pick_right; /* a half-made pair, -1 none */
    int drag;                  /* nav index where a drag began, -1 none */
    int pointer_x, pointer_y;
} Match;

static void match_init(PlayInput *in)
{
    Match *m = in->state;
    m->pick_left = m->pick_right = m->drag = -1;
}

/* The first column stands on the pack's reading side on the screen: the
 * hint names it. (in->rtl is relative to the frame, which a right-to-left
 * interface flips; the pack's own direction is what the window shows.) */
static const char *match_hint(const PlayInput *in)
{
    return pack_is_rtl(in->rq->pack)
               ? _("Pick an entry on the right, then its partner on the left (or drag)    "
                   "Ctrl+D  I don't know    Esc  quit round")
               : _("Pick an entry on the left, then its partner on the right (or drag)    "
                   "Ctrl+D  I don't know    Esc  quit round");
}

static int match_min_height(App *app, const PlayInput *in)
{
    return play_rows_min_height(app, in->rq->display_count);
}

static void match_layout(App *app, PlayInput *in)
{
    Match *m = in->state;
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    size_t n = in->rq->display_count;
    int gap = theme_px(th, 10);
    int bh = play_submit_height(app);
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
        m->left[i] = (SDL_Rect){in->rtl ? a.x + a.w - col_w : a.x, y, col_w, row_h};
        nav_add(&in->nav, m->left[i], true);
    }
    for (size_t i = 0; i < n; i++) {
        int y = a.y + (int)i * (row_h + gap);
        m->right[i] = (SDL_Rect){in->rtl ? a.x : a.x + a.w - col_w, y, col_w, row_h};
        nav_add(&in->nav, m->right[i], true);
    }
    m->count = n;
    m->submit = play_layout_submit(
        app, in, (SDL_Rect){a.x, a.y + (int)n * (row_h + gap) + theme_px(th, 4), a.w, 0}, true);
    nav_end(&in->nav);
}

static int left_of_right(const PlayInput *in, size_t r)
{
    const Match *m = in->state;
    for (size_t l = 0; l < m->count; l++)
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
    const Match *m = in->state;
    for (size_t l = 0; l < m->count; l++)
        if (in->given.match[l] == ROUND_NO_PICK)
            return (int)l;
    return -1;
}

static bool any_paired(const PlayInput *in)
{
    const Match *m = in->state;
    for (size_t l = 0; l < m->count; l++)
        if (in->given.match[l] != ROUND_NO_PICK)
            return true;
    return false;
}

/* Activates nav widget i (a left, a right, or Submit). */
static void activate(PlayInput *in, int i)
{
    Match *m = in->state;
    int n = (int)m->count;
    if (i == 2 * n) {
        if (first_unpaired_left(in) == 0 && !any_paired(in))
            play_say_missing(in, _("Pair at least one entry first, or choose I don't know."));
        else
            in->ready = true;
        return;
    }
    if (i > 2 * n)
        return; /* the skip, handled before the kind sees it */
    if (i < n) {
        if (m->pick_right >= 0) {
            pair(in, (size_t)i, (size_t)m->pick_right);
            m->pick_right = -1;
            int next = first_unpaired_left(in);
            nav_set_focus(&in->nav, next >= 0 ? next : 2 * n);
        } else {
            m->pick_left = m->pick_left == i ? -1 : i;
            if (m->pick_left >= 0) {
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
        if (m->pick_left >= 0) {
            pair(in, (size_t)m->pick_left, (size_t)r);
            m->pick_left = -1;
            int next = first_unpaired_left(in);
            nav_set_focus(&in->nav, next >= 0 ? next : 2 * n);
        } else {
            m->pick_right = m->pick_right == r ? -1 : r;
            if (m->pick_right >= 0) {
                int l = left_of_right(in, (size_t)r);
                int next = first_unpaired_left(in);
                nav_set_focus(&in->nav, l >= 0 ? l : (next >= 0 ? next : 0));
            }
        }
    }
}

static int item_at(const PlayInput *in, int x, int y)
{
    const Match *m = in->state;
    int n = (int)m->count;
    for (int i = 0; i < n; i++) {
        if (play_hit(m->left[i], x, y))
            return i;
        if (play_hit(m->right[i], x, y))
            return n + i;
    }
    return -1;
}

static bool match_event(App *app, PlayInput *in, const UiEvent *event)
{
    Match *m = in->state;
    (void)app;
    int n = (int)m->count;
    if (event->pointer == POINTER_DOWN) {
        int i = item_at(in, event->x, event->y);
        if (i >= 0) {
            m->drag = i;
            m->pointer_x = event->x;
            m->pointer_y = event->y;
            nav_set_focus(&in->nav, i);
            in->nav.keyboard = false;
            return true;
        }
    } else if (event->pointer == POINTER_MOVE && m->drag >= 0) {
        m->pointer_x = event->x;
        m->pointer_y = event->y;
        return true;
    } else if (event->pointer == POINTER_UP && m->drag >= 0) {
        int from = m->drag;
        int to = item_at(in, event->x, event->y);
        m->drag = -1;
        if (to == from) {
            activate(in, from);
        } else if (to >= 0 && (from < n) != (to < n)) {
            int l = from < n ? from : to, r = (from < n ? to : from) - n;
            m->pick_left = m->pick_right = -1;
            if (in->given.match[l] != (size_t)r)
                pair(in, (size_t)l, (size_t)r);
            int next = first_unpaired_left(in);
            nav_set_focus(&in->nav, next >= 0 ? next : 2 * n);
        }
        return true;
    }
    if (event->action == ACTION_BACK && (m->pick_left >= 0 || m->pick_right >= 0)) {
        m->pick_left = m->pick_right = -1; /* Esc drops a half-made pair first */
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

static void match_draw(App *app, PlayInput *in)
{
    Match *m = in->state;
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    int n = (int)m->count;
    float lw = (float)theme_px(th, 4);
    /* Lines first so the tiles sit on top of their ends. */
    for (int l = 0; l < n; l++) {
        size_t r = in->given.match[l];
        if (r == ROUND_NO_PICK || r >= (size_t)n)
            continue;
        SDL_Rect a = m->left[l], b = m->right[r];
        float ax = in->rtl ? (float)a.x : (float)(a.x + a.w);
        float bx = in->rtl ? (float)(b.x + b.w) : (float)b.x;
        play_draw_line(ren, ax, (float)a.y + (float)a.h / 2.0f, bx, (float)b.y + (float)b.h / 2.0f,
                       lw, play_option_color((size_t)l));
    }
    if (m->drag >= 0) {
        SDL_Rect a = m->drag < n ? m->left[m->drag] : m->right[m->drag - n];
        bool inner_right = (m->drag < n) != in->rtl;
        float x0 = inner_right ? (float)(a.x + a.w) : (float)a.x;
        play_draw_line(ren, x0, (float)a.y + (float)a.h / 2.0f, (float)m->pointer_x,
                       (float)m->pointer_y, lw, theme_color(COLOR_ACCENT));
    }
    for (int l = 0; l < n; l++) {
        int paired = in->given.match[l] != ROUND_NO_PICK ? l : -1;
        draw_item(app, in, m->left[l], l, in->q->pairs[l].left, paired, m->pick_left == l, in->rtl);
    }
    for (int r = 0; r < n; r++) {
        draw_item(app, in, m->right[r], n + r, round_display_text(in->rq, (size_t)r),
                  left_of_right(in, (size_t)r), m->pick_right == r, !in->rtl);
    }
    int done = 0;
    for (int l = 0; l < n; l++)
        done += in->given.match[l] != ROUND_NO_PICK;
    char note[96];
    snprintf(note, sizeof note, _("%s of %s paired"), ui_format_int(done).text,
             ui_format_int(n).text);

    play_draw_submit(app, in, m->submit, NULL, 2 * n, note);
}

const PlayKind play_kind_match = {
    .name = "match",
    .state_size = sizeof(Match),
    .init = match_init,
    .layout = match_layout,
    .event = match_event,
    .draw = match_draw,
    .hint = match_hint,
    .min_height = match_min_height,
};
