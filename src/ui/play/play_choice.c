/* play_choice.c - tiles to pick from: the choice, multi and truefalse
 * kinds (see play.h). The three share this file's layout, keys and tile
 * drawing; each kind's init picks its Tiles variant, which holds every
 * difference between them.
 *
 * Every tile shows a letter, a shape and a colour (colour is never the only
 * cue). Keys 1-8 or A-H pick directly, the arrows move the focus, Enter or a
 * click chooses. A choice or truefalse tile answers at once; multi tiles
 * toggle and an explicit Submit commits them.
 */
#include "i18n.h"
#include "play.h"

#include <stdio.h>

#include "format.h"

/* What tells the three kinds apart. */
typedef struct TilesVariant {
    bool multi;     /* tiles toggle; a Submit button commits */
    bool truth;     /* two tiles, True and False, with a check mark and a cross */
    int max_tile_h; /* units */
    const char *hint;
} TilesVariant;

static const TilesVariant choice_variant = {
    .max_tile_h = 96,
    .hint = N_("1-8 or A-H  pick    Arrows  move    Enter  choose    Esc  quit round"),
};
static const TilesVariant multi_variant = {
    .multi = true,
    .max_tile_h = 96,
    .hint = N_("1-8 or A-H  tick    Enter  tick / Submit    Esc  quit round"),
};
static const TilesVariant truth_variant = {
    .truth = true,
    .max_tile_h = 130,
    .hint = N_("T or 1  true    F or 2  false    Enter  choose    Esc  quit round"),
};

typedef struct Tiles {
    const TilesVariant *variant;
    SDL_Rect tile[PLAY_MAX_ITEMS];
    size_t count;
    SDL_Rect submit; /* multi */
} Tiles;

static size_t tile_total(const PlayInput *in, const Tiles *t)
{
    return t->variant->truth ? 2 : in->rq->display_count;
}

static const char *tile_text(const PlayInput *in, const Tiles *t, size_t i)
{
    if (t->variant->truth)
        return i == 0 ? _("True") : _("False");
    return round_display_text(in->rq, i);
}

/* ---- the three kinds' own parts ------------------------------------------ */

static void choice_init(PlayInput *in)
{
    ((Tiles *)in->state)->variant = &choice_variant;
}

static void multi_init(PlayInput *in)
{
    ((Tiles *)in->state)->variant = &multi_variant;
}

static void truth_init(PlayInput *in)
{
    ((Tiles *)in->state)->variant = &truth_variant;
}

static const char *tiles_hint(const PlayInput *in)
{
    return _(((const Tiles *)in->state)->variant->hint);
}

static int tiles_min_height(App *app, const PlayInput *in)
{
    const Theme *th = &app->theme;
    const Tiles *t = in->state;
    if (t->variant->truth)
        return theme_px(th, 60);
    int rows = ((int)in->rq->display_count + 1) / 2;
    return rows * theme_px(th, 50) + (rows - 1) * theme_px(th, THEME_GAP) +
           (t->variant->multi ? theme_px(th, THEME_BUTTON_H + THEME_GAP) : 0);
}

/* ---- layout and events ----------------------------------------------------- */

static void tiles_layout(App *app, PlayInput *in)
{
    Tiles *t = in->state;
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    int gap = theme_px(th, THEME_GAP);
    size_t n = tile_total(in, t);
    t->count = n;
    nav_begin(&in->nav);
    bool multi = t->variant->multi;
    int submit_h = multi ? theme_px(th, THEME_BUTTON_H) + gap : 0;
    int cols = 2;
    int rows = (int)((n + 1) / 2);
    int avail = a.h - submit_h;
    int tile_h = rows > 0 ? (avail - (rows - 1) * gap) / rows : 0;
    int max_h = theme_px(th, (float)t->variant->max_tile_h);
    if (tile_h > max_h)
        tile_h = max_h;
    int tile_w = (a.w - (cols - 1) * gap) / cols;
    for (size_t i = 0; i < n; i++) {
        int c = (int)(i % 2), r = (int)(i / 2);
        if (in->rtl)
            c = 1 - c; /* A stands top right when reading right to left */
        t->tile[i] = (SDL_Rect){a.x + c * (tile_w + gap), a.y + r * (tile_h + gap), tile_w, tile_h};
        nav_add(&in->nav, t->tile[i], true);
    }
    if (multi) {
        int w = theme_px(th, 220);
        int y = a.y + rows * (tile_h + gap);
        t->submit = (SDL_Rect){a.x + a.w - w, y, w, theme_px(th, THEME_BUTTON_H)};
        nav_add(&in->nav, t->submit, true);
    }
    nav_end(&in->nav);
}

/* A tile picked by index (key, Enter or click); for multi, index count is
 * Submit. */
static void choose(PlayInput *in, Tiles *t, size_t i)
{
    if (t->variant->multi) {
        if (i == t->count)
            in->ready = true;
        else
            in->given.picked ^= 1u << i;
        return;
    }
    if (t->variant->truth)
        in->given.truth = i == 0;
    else
        in->given.choice = i;
    in->ready = true;
}

/* Keys that pick a tile directly: 1-8, A-H, and T / F for truefalse.
 * Returns the tile, or -1. */
static int direct_key(const Tiles *t, const SDL_Event *e)
{
    int i = play_digit_key(e);
    if (i < 0)
        i = play_letter_key(e);
    if (t->variant->truth && play_plain_key(e) == SDLK_t)
        i = 0;
    else if (t->variant->truth && play_plain_key(e) == SDLK_f)
        i = 1;
    return i >= 0 && i < (int)t->count ? i : -1;
}

static bool tiles_event(App *app, PlayInput *in, const UiEvent *event)
{
    (void)app;
    Tiles *t = in->state;
    bool used = false;
    int pick = play_pick(in, event, direct_key(t, event->sdl), &used);
    if (pick >= 0)
        choose(in, t, (size_t)pick);
    return used;
}

/* ---- drawing --------------------------------------------------------------- */

static void draw_tile(App *app, const PlayInput *in, const Tiles *t, size_t i)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect r = t->tile[i];
    bool multi = t->variant->multi, tf = t->variant->truth;
    bool focused = in->nav.focus == (int)i;
    bool picked = multi && (in->given.picked >> i) & 1u;
    int radius = theme_px(th, THEME_RADIUS);
    /* True / false carry a check mark or a cross (and T / F), in green and
     * red; other options a shape and a letter. */
    SDL_Color col = tf ? play_option_color(i == 0 ? 3 : 0) : play_option_color(i);
    SDL_Color bg = theme_color(focused ? COLOR_SURFACE_HI : COLOR_SURFACE);
    if (picked)
        bg = theme_mix(bg, col, 0.22f);
    ui_fill_round(ren, r, radius, bg);
    /* The colour badge at the leading edge. */
    int pad = theme_px(th, 12);
    int badge = r.h - 2 * pad;
    int max_badge = theme_px(th, 56);
    if (badge > max_badge)
        badge = max_badge;
    SDL_Rect b = {in->rtl ? r.x + r.w - pad - badge : r.x + pad, r.y + (r.h - badge) / 2, badge,
                  badge};
    ui_fill_round(ren, b, theme_px(th, 8), col);
    SDL_Rect mark = {b.x + badge / 6, b.y + badge / 6, badge * 2 / 3, badge * 2 / 3};
    if (tf && i == 0)
        play_draw_check(ren, mark, theme_color(COLOR_BG));
    else if (tf)
        play_draw_cross(ren, mark, theme_color(COLOR_BG));
    else
        play_draw_shape(ren, i, (SDL_Rect){b.x + badge / 4, b.y + badge / 4, badge / 2, badge / 2},
                        theme_color(COLOR_BG));

    char letter[2] = {tf ? (i == 0 ? 'T' : 'F') : (char)('A' + (int)i), '\0'};
    TextSpec ls = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    int lw = text_measure(app->text, &ls, "W").x + theme_px(th, 8);
    int lx = in->rtl ? b.x - pad - lw : b.x + badge + pad;
    int lh = text_line_height(app->text, &ls);
    text_draw(app->text, &ls, lx, r.y + (r.h - lh) / 2, letter);

    /* The text takes the rest; the tick box sits at the far end. */
    int far_pad = multi ? theme_px(th, 48) : pad;
    SDL_Rect box;
    if (in->rtl) {
        int left = r.x + far_pad;
        box = (SDL_Rect){left, r.y + pad / 2, lx - theme_px(th, 6) - left, r.h - pad};
    } else {
        int tx = lx + lw;
        box = (SDL_Rect){tx, r.y + pad / 2, r.x + r.w - far_pad - tx, r.h - pad};
    }
    TextSpec ts = {.style = TEXT_BODY, .lang = in->lang};
    text_draw_fit(app->text, &ts, box, tile_text(in, t, i));

    if (multi) {
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
    app_record_widget(app, r, tile_text(in, t, i), flags);
}

static void tiles_draw(App *app, PlayInput *in)
{
    const Tiles *t = in->state;
    for (size_t i = 0; i < t->count; i++)
        draw_tile(app, in, t, i);
    if (!t->variant->multi)
        return;
    int picks = 0;
    for (size_t i = 0; i < t->count; i++)
        picks += (int)((in->given.picked >> i) & 1u);
    char note[64];
    snprintf(note, sizeof note, _("%s ticked"), ui_format_int(picks).text);

    play_draw_submit(app, in, t->submit, NULL, (int)t->count, in->area.x, note);
}

/* ---- the rows -------------------------------------------------------------- */

const PlayKind play_kind_choice = {
    .name = "choice",
    .state_size = sizeof(Tiles),
    .init = choice_init,
    .layout = tiles_layout,
    .event = tiles_event,
    .draw = tiles_draw,
    .hint = tiles_hint,
    .min_height = tiles_min_height,
};

const PlayKind play_kind_multi = {
    .name = "multi",
    .state_size = sizeof(Tiles),
    .init = multi_init,
    .layout = tiles_layout,
    .event = tiles_event,
    .draw = tiles_draw,
    .hint = tiles_hint,
    .min_height = tiles_min_height,
};

const PlayKind play_kind_truefalse = {
    .name = "truefalse",
    .state_size = sizeof(Tiles),
    .init = truth_init,
    .layout = tiles_layout,
    .event = tiles_event,
    .draw = tiles_draw,
    .hint = tiles_hint,
    .min_height = tiles_min_height,
};
