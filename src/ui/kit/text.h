/* text.h - drawing text: fonts by language, shaping, and a texture cache.
 *
 * Text is cached (design rule 6): one TTF_Font per face and pixel size, and
 * every string is kept keyed by (font, text, colour, wrap width, alignment)
 * in a bounded least-recently-used cache, so drawing the same label every
 * frame costs one SDL_RenderCopy. Measuring lays a string out and never
 * rasterises it; a texture (as wide as the text's ink, not the wrap width)
 * is made only when the string is drawn inside the visible rows, and the
 * textures together stay under a few tens of MB, the least recently used
 * dropped first. Layout is linear in the text; what cannot be shown (past
 * max_lines, or more than a texture holds) is cut with an ellipsis.
 *
 * Fonts come from fontconfig by language (DejaVu Sans for the interface,
 * Noto Sans Arabic etc. for right-to-left packs), with a list of known paths
 * as the fallback; a missing font is reported on stderr, never a crash.
 * Right-to-left runs are shaped by SDL_ttf's HarfBuzz (direction and script
 * set per run), and mixed-direction lines are put in visual order with GNU
 * FriBidi. Lines are broken here (at spaces, or inside a word too long for
 * the line), so measuring and drawing agree.
 *
 * Sizes: a TextStyle is a size in logical units times the theme scale times
 * the player's font scale. Describe a string with a TextSpec; a zeroed spec
 * is body text, theme text colour, one line, aligned by its direction.
 */
#ifndef QUIZDECK_TEXT_H
#define QUIZDECK_TEXT_H

#include <stdbool.h>

#include <SDL.h>

#include "theme.h"

typedef enum TextStyle {
    TEXT_BODY = 0, /* running text, answers: 19 units */
    TEXT_SMALL,    /* hints, details: 15 */
    TEXT_LABEL,    /* button labels: 19, bold */
    TEXT_HEADING,  /* scene headings: 28, bold */
    TEXT_TITLE,    /* the game's name: 60, bold */
    TEXT_DISPLAY,  /* big numbers (scores): 44, bold */
    TEXT_STYLE_COUNT
} TextStyle;

typedef enum TextAlign {
    TEXT_ALIGN_AUTO = 0, /* left for left-to-right text, right for RTL */
    TEXT_ALIGN_LEFT,
    TEXT_ALIGN_CENTER,
    TEXT_ALIGN_RIGHT,
} TextAlign;

typedef struct TextSpec {
    TextStyle style;
    SDL_Color color;        /* all zero = theme text colour */
    int wrap;               /* wrap width in pixels; 0 = one line, never wrapped */
    TextAlign align;        /* within the wrap width (or around x when wrap is 0) */
    const char *lang;       /* BCP 47 of the text (a pack's language); NULL = "en" */
    float shrink;           /* extra size factor (0 = 1), used by text_draw_fit */
    bool ignore_font_scale; /* true: size not multiplied by the font scale */
    bool no_shrink;         /* text_draw_fit: never smaller, only cut with "…" */
    int max_lines;          /* > 0: at most this many lines, the last cut with "…" */
} TextSpec;

/* The least size text_draw_fit shrinks text to, in logical units at 100 %
 * text size (times the player's text size): about 14 pt, still easy to
 * read. Below that it cuts the text with an ellipsis instead. */
enum { TEXT_READABLE_UNITS = 14 };

typedef struct TextCache TextCache;

/* Finds the fonts and makes an empty cache for `renderer`, reading sizes
 * from `theme` (both must outlive the cache). Returns NULL with a message in
 * err when no usable font exists at all; the caller owns the result. */
TextCache *text_create(SDL_Renderer *renderer, const Theme *theme, char *err, size_t err_size);

/* Frees every texture and font. NULL is fine. */
void text_destroy(TextCache *cache);

/* Drops every cached texture (after a renderer reset, or a font scale change). */
void text_clear(TextCache *cache);

/* For a right-to-left interface the App draws each frame left to right and
 * flips it as a whole (app.c). With mirror on, text is drawn flipped so that
 * it reads right after that flip; inside a wrapped box TEXT_ALIGN_LEFT and
 * TEXT_ALIGN_RIGHT swap, so that "left" stays the start of the line, and
 * TEXT_ALIGN_AUTO starts an interface string (lang NULL) at the right; an

 * interface string (lang NULL) holding any right-to-left letter is laid out
 * right to left even when it starts with a Latin word ("Esc  ..."). Changing
 * it drops the cache. */
void text_set_mirror(TextCache *cache, bool mirror);

/* The pixel size of the font for a spec (the "em" size). */
int text_font_px(const TextCache *cache, const TextSpec *spec);

/* Height in pixels of one line of text in that spec. */
int text_line_height(TextCache *cache, const TextSpec *spec);

/* Width and height in pixels the string takes when drawn with `spec`. */
SDL_Point text_measure(TextCache *cache, const TextSpec *spec, const char *text);

/* The height text_draw_fit would give the string in a box w pixels wide
 * and at most max_h tall: its own height when it fits at full size, else
 * at most max_h. For layouts that grow a box to its text. */
int text_fit_height(TextCache *cache, const TextSpec *spec, int w, int max_h, const char *text);

/* The smallest size factor text_draw_fit uses for the spec's style: the
 * readable size over the style's own, never below half (1 with no_shrink). */
float text_shrink_floor(const TextSpec *spec);

/* The size factor (1, 0.9, ... down to the readable floor) at which the
 * string fits in w x h; the floor's when it never does. Lets several
 * strings that belong together be drawn at one size (set it as shrink). */
float text_fit_shrink(TextCache *cache, const TextSpec *spec, int w, int h, const char *text);

/* Draws the string with its top edge at y. With spec->wrap > 0 the text
 * box is [x, x + wrap) and the lines are aligned inside it; with wrap 0, x is
 * the left edge (LEFT/AUTO), the centre (CENTER) or the right edge (RIGHT).
 * Returns the rectangle drawn (w = h = 0 for an empty string). */
SDL_Rect text_draw(TextCache *cache, const TextSpec *spec, int x, int y, const char *text);

/* Draws the string wrapped to box.w and vertically centred in box; when it
 * does not fit it is drawn smaller, never below TEXT_READABLE_UNITS (nor
 * below half size; not at all with no_shrink), and what still does not fit
 * is left out, the last line ending with "…". Never overflows the box. */
SDL_Rect text_draw_fit(TextCache *cache, const TextSpec *spec, SDL_Rect box, const char *text);

/* True when the text's first strong character is right-to-left (or lang
 * is a right-to-left language and the text has no strong character). */
bool text_is_rtl(const char *text, const char *lang);

/* Tests: the runs of one line of an interface string in the order they
 * are drawn, left to right, as the byte offsets they start at (starts has
 * room for max). Returns how many. Lets a test see that "Learning as
 * <Arabic name> · 4 packs" keeps its order. */
size_t text_test_visual_runs(TextCache *cache, const TextSpec *spec, const char *text,
                             size_t *starts, size_t max);

/* Tests: the text of line `line` (from 0) as the string is laid out with
 * spec, into out (cut to out_size), the last line shown ending with "…"
 * when text was left out. Returns how many lines are shown. */
size_t text_test_line(TextCache *cache, const TextSpec *spec, const char *text, size_t line,
                      char *out, size_t out_size);

/* Tests: how many bytes of text the layout has measured since the cache
 * was made, a count of its work that a test can hold against the length
 * of the text (layout is linear in it) without timing anything. */
size_t text_test_layout_work(const TextCache *cache);

/* The bytes of texture the cache may keep (a multiple of the window's
 * pixels, text_private.h), and what it keeps now: for tests and the
 * benchmarks. */
size_t text_cache_budget(TextCache *cache);
size_t text_cache_bytes(const TextCache *cache);

/* The path of the font face used for a language ("" if none); for tests
 * and the log. Owned by the cache. */
const char *text_font_path(TextCache *cache, const char *lang, bool bold);

#endif
