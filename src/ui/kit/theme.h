/* theme.h - colours and sizes of the front end, in logical units.
 *
 * Layout scales (design rule 7): every size in the UI is written in logical
 * units and turned into pixels with theme_px(). One unit is one pixel of an
 * 800x600 window; the scale is recomputed from SDL_GetRendererOutputSize()
 * whenever the window changes, so a 4K or HiDPI window draws the same layout
 * with sharper pixels, and a 640x480 one shrinks it a little. The logical
 * view is never smaller than 800x600 units in both directions (view_w and
 * view_h say how large it is); lay out with them, not with fixed numbers.
 *
 * Text sizes also take the player's font scale (75..200 %), see text.h.
 * Colours: one calm dark theme with a single accent colour.
 */
#ifndef QUIZDECK_THEME_H
#define QUIZDECK_THEME_H

#include <stdbool.h>

#include <SDL.h>

/* Spacing and sizes, in logical units. */
enum {
    THEME_MIN_W = 800,         /* the logical view is at least this wide ... */
    THEME_MIN_H = 600,         /* ... and this tall */
    THEME_MARGIN = 32,         /* window edge to content */
    THEME_GAP = 14,            /* between widgets */
    THEME_PAD = 18,            /* inside a widget, edge to text */
    THEME_RADIUS = 12,         /* corner radius of tiles and buttons */
    THEME_BUTTON_H = 52,       /* a button or option row */
    THEME_ROW_H = 64,          /* a list row with two lines */
    THEME_FOCUS_GAP = 3,       /* between a widget and its focus ring */
    THEME_FOCUS_W = 3,         /* thickness of the focus ring */
    THEME_WHEEL_STEP = 60,     /* how far one notch of the mouse wheel scrolls a list */
    THEME_MAX_CONTENT_W = 880, /* content columns never get wider */
    THEME_FONT_SCALE_MIN = 75, /* percent */
    THEME_FONT_SCALE_MAX = 200,
};

typedef enum ThemeColor {
    COLOR_BG,         /* window background */
    COLOR_SURFACE,    /* tiles, buttons, panels */
    COLOR_SURFACE_HI, /* hovered / selected surface */
    COLOR_BORDER,     /* hairlines, empty bar tracks */
    COLOR_TEXT,
    COLOR_TEXT_DIM,  /* secondary text, hints */
    COLOR_ACCENT,    /* the one accent: primary buttons, bars, selection */
    COLOR_ON_ACCENT, /* text drawn on the accent colour */
    COLOR_FOCUS,     /* the keyboard focus ring */
    COLOR_GOOD,      /* right answers */
    COLOR_BAD,       /* wrong answers, errors */
    COLOR_WARN,      /* warnings, notices */
    COLOR_COUNT
} ThemeColor;

typedef struct Theme {
    int out_w, out_h;     /* renderer output in pixels */
    float scale;          /* pixels per logical unit */
    float view_w, view_h; /* the window in logical units (>= 800 x 600) */
    float font_scale;     /* the player's text size, 0.75 .. 2.0 */
    bool reduced_motion;  /* the player asked for no animation */
    /* The interface reads right to left (i18n_is_rtl, set by
     * app_apply_settings). Scenes lay out left to right as always and the
     * App mirrors the whole frame (app.c, app_draw_frame); a scene looks at
     * this only for words that name a side or point ("latest on the left",
     * the chevrons of an option row). */
    bool rtl;
} Theme;

/* Recomputes the scale from the renderer's output size. Returns true when
 * anything changed (then layouts and cached text must be redone). */
bool theme_update(Theme *theme, SDL_Renderer *renderer);

/* Sets the font scale from a percentage, clamped to 75..200. */
void theme_set_font_scale(Theme *theme, int percent);

/* Logical units to pixels (rounded; never 0 for a positive size). */
int theme_px(const Theme *theme, float units);

/* A rectangle in logical units to pixels. */
SDL_Rect theme_rect(const Theme *theme, float x, float y, float w, float h);

/* The content column: centred, at most max_w units wide (0 =
 * THEME_MAX_CONTENT_W), inside the margins, from `top` units down to the
 * bottom margin. In pixels. */
SDL_Rect theme_column(const Theme *theme, float max_w, float top);

/* A theme colour (opaque unless noted). */
SDL_Color theme_color(ThemeColor color);

/* Mixes two colours: t = 0 gives a, 1 gives b. */
SDL_Color theme_mix(SDL_Color a, SDL_Color b, float t);

#endif
