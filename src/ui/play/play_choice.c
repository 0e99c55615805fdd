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
    .hint = N_("1-8 or A-H  tick    Enter  tick / Submit    Ctrl+D  I don't know    Esc  quit "
               "round"),
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
    float shrink;    /* one text size for every tile (text_fit_shrink) */
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

/* The least height of a tile: one line of its text at size `shrink` (0:
 * the readable floor), and never less than is easy to hit. */
static int tile_min_height(App *app, float shrink)
{
    TextSpec body = {.style = TEXT_BODY};
    body.shrink = shrink > 0.0f ? shrink : text_shrink_floor(&body);
    int h = text_line_height(app->text, &body) + theme_px(&app->theme, 12);
    return h > theme_px(&app->theme, 44) ? h : theme_px(&app->theme, 44);
}

static int tiles_min_height(App *app, const PlayInput *in)
{
    const Theme *th = &app->theme;
    const Tiles *t = in->state;
    if (t->variant->truth)
        return theme_px(th, 60);
    int rows = ((int)in->rq->display_count + 1) / 2;
    return rows * tile_min_height(app, 0.0f) + (rows - 1) * theme_px(th, THEME_GAP) +
           (t->variant->multi ? play_submit_height(app) + theme_px(th, THEME_GAP) : 0);
}

/* The geometry of a tile's inside, shared by layout and drawing: the
 * badge at the leading edge, the letter beside it, the text in the rest
 * (the tick box at the far end of a multi tile). */
typedef struct TileParts {
    SDL_Rect badge;
    int letter_x, letter_w;
    SDL_Rect text;
} TileParts;

/* A multi tile's tick box: it grows with the player's text size. */
static int tick_px(App *app)
{
    float scale = app->theme.font_scale > 1.0f ? app->theme.font_scale : 1.0f;
    return theme_px(&app->theme, 26.0f * scale);
}

static TileParts tile_parts(App *app, const PlayInput *in, const Tiles *t, SDL_Rect r)
{
    const Theme *th = &app->theme;
    TileParts p;
    int pad = theme_px(th, 12);
    int badge = r.h - 2 * pad;
    int max_badge = theme_px(th, 56);
    if (badge > max_badge)
        badge = max_badge;
    p.badge = (SDL_Rect){in->rtl ? r.x + r.w - pad - badge : r.x + pad, r.y + (r.h - badge) / 2,
                         badge, badge};
    TextSpec ls = {.style = TEXT_LABEL};
    p.letter_w = text_measure(app->text, &ls, "W").x + theme_px(th, 8);
    p.letter_x = in->rtl ? p.badge.x - pad - p.letter_w : p.badge.x + badge + pad;
    int far_pad = t->variant->multi ? tick_px(app) + theme_px(th, 22) : pad;
    if (in->rtl) {
        int left = r.x + far_pad;
        p.text = (SDL_Rect){left, r.y + pad / 2, p.letter_x - theme_px(th, 6) - left, r.h - pad};
    } else {
        int tx = p.letter_x + p.letter_w;
        p.text = (SDL_Rect){tx, r.y + pad / 2, r.x + r.w - far_pad - tx, r.h - pad};
    }
    return p;
}

/* The height a tile of width w needs for its text at size `shrink`. */
static int tile_need(App *app, const PlayInput *in, const Tiles *t, size_t i, int w, float shrink)
{
    const Theme *th = &app->theme;
    TileParts p = tile_parts(app, in, t, (SDL_Rect){0, 0, w, theme_px(th, 96)});
    TextSpec ts = {.style = TEXT_BODY, .lang = in->lang, .shrink = shrink, .wrap = p.text.w};
    return text_measure(app->text, &ts, tile_text(in, t, i)).y + theme_px(th, 12);
}

/* ---- layout and events ----------------------------------------------------- */

/* Tiles share the area's height. A tile whose text needs more grows into
 * what the others leave; when even then it does not fit, every tile's text
 * is made smaller together (so a long answer never stands out by being
 * tiny), never below the readable size, and what still does not fit ends
 * with an ellipsis. */
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
    int submit_h = multi ? play_submit_height(app) + gap : 0;
    int cols = 2;
    int rows = (int)((n + 1) / 2);
    int avail = a.h - submit_h - (rows > 0 ? (rows - 1) * gap : 0);
    int tile_w = (a.w - (cols - 1) * gap) / cols;
    int max_h = theme_px(th, (float)t->variant->max_tile_h);
    int row_h[PLAY_MAX_ITEMS];
    /* The size: the largest at which every row's text fits (down to the
     * readable floor), each row as tall as its longest text needs. */
    TextSpec body = {.style = TEXT_BODY};
    float floor = text_shrink_floor(&body);
    int total = 0;
    for (float f = 1.0f;; f -= 0.05f) {
        if (f < floor)
            f = floor;
        int min_h = tile_min_height(app, f);
        total = 0;
        for (int r = 0; r < rows; r++) {
            int need = min_h;
            for (size_t i = (size_t)r * 2; i < n && i < (size_t)r * 2 + 2; i++) {
                int h = tile_need(app, in, t, i, tile_w, f);
                need = h > need ? h : need;
            }
            row_h[r] = need;
            total += need;
        }
        t->shrink = f;
        if (total <= avail || f <= floor)
            break;
    }
    if (total <= avail) {
        /* Room to spare: rows grow evenly, up to the tile's usual height
         * (a row that needs more already has it). */
        int spare = avail - total;
        for (int pass = 0; pass < 2 && spare > 0; pass++) {
            int growing = 0;
            for (int r = 0; r < rows; r++)
                growing += row_h[r] < max_h;
            if (growing == 0)
                break;
            int each = spare / growing;
            for (int r = 0; r < rows && each > 0; r++) {
                if (row_h[r] >= max_h)
                    continue;
                int add = row_h[r] + each > max_h ? max_h - row_h[r] : each;
                row_h[r] += add;
                spare -= add;
            }
        }
    } else if (total > 0) {
        /* Even at the floor it does not fit: every row keeps one line, the
         * rest is shared in proportion to what each needs beyond it, and
         * what does not fit ends with "…". */
        int min_h = tile_min_height(app, t->shrink);
        int over = 0;
        for (int r = 0; r < rows; r++)
            over += row_h[r] - min_h;
        int left = avail - rows * min_h;
        for (int r = 0; r < rows; r++) {
            int extra = row_h[r] - min_h;
            row_h[r] = min_h + (left > 0 && over > 0 ? (int)((long)extra * left / over) : 0);
        }
    }
    int y = a.y;
    for (int r = 0; r < rows; r++) {
        for (int c0 = 0; c0 < 2; c0++) {
            size_t i = (size_t)r * 2 + (size_t)c0;
            if (i >= n)
                break;
            int c = in->rtl ? 1 - c0 : c0; /* A stands top right when reading right to left */
            t->tile[i] = (SDL_Rect){a.x + c * (tile_w + gap), y, tile_w, row_h[r]};
            nav_add(&in->nav, t->tile[i], true);
        }
        y += row_h[r] + gap;
    }
    if (multi)
        t->submit = play_layout_submit(app, in, (SDL_Rect){a.x, y, a.w, 0}, true);
    nav_end(&in->nav);
}

/* A tile picked by index (key, Enter or click); for multi, index count is
 * Submit. */
static void choose(PlayInput *in, Tiles *t, size_t i)
{
    if (t->variant->multi) {
        if (i != t->count)
            in->given.picked ^= 1u << i;
        else if (in->given.picked == 0)
            play_say_missing(in, _("Tick at least one answer first, or choose I don't know."));
        else
            in->ready = true;
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
    TileParts parts = tile_parts(app, in, t, r);
    int pad = theme_px(th, 12);
    SDL_Rect b = parts.badge;
    int badge = b.w;
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
    int lh = text_line_height(app->text, &ls);
    text_draw(app->text, &ls, parts.letter_x, r.y + (r.h - lh) / 2, letter);

    /* The text takes the rest, at the size every tile shares (no tile
     * shrinks on its own); the tick box sits at the far end. */
    TextSpec ts = {.style = TEXT_BODY, .lang = in->lang, .shrink = t->shrink, .no_shrink = true};
    text_draw_fit(app->text, &ts, parts.text, tile_text(in, t, i));

    if (multi) {
        int cb = tick_px(app);
        if (cb > r.h - theme_px(th, 12))
            cb = r.h - theme_px(th, 12); /* inside a low tile */
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
    app_record_text_px(app, text_font_px(app->text, &ts));
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

    play_draw_submit(app, in, t->submit, NULL, (int)t->count, note);
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
