/* text_private.h - the insides of the text module, shared by its files
 * and used by nobody else (the rest of the game reads text.h):
 *
 *   text.c         the texture cache and the public calls
 *   text_fonts.c   faces by script through fontconfig, open fonts by size
 *   text_layout.c  UTF-8, bidi runs, line breaking, rendering a surface
 *
 * Nothing is static but constant tables: the fonts, the textures and the
 * working memory of a layout (TextScratch) belong to the TextCache, so
 * each cache is independent of any other.
 */
#ifndef QUIZDECK_TEXT_PRIVATE_H
#define QUIZDECK_TEXT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>
#include <fribidi.h>

#include "text.h"

enum {
    MAX_FACES = 16,
    MAX_FONTS = 40,    /* open TTF_Fonts (face x pixel size) */
    MAX_ENTRIES = 600, /* cached textures */
    /* Texture bytes kept: CACHE_SCREENS times the window's own pixels
     * (a screen of text can never need more than the screen), and at least
     * MIN_CACHE_BYTES; least recently used go first. At 1280x720 that is
     * 3.5 MiB, at 1920x1080 8 MiB: what lets the game stay within its
     * memory targets with hundreds of packs scrolled through. */
    CACHE_SCREENS = 1,
    MIN_CACHE_BYTES = 4 * 1024 * 1024,
    MAX_LINE_CHARS = 8192, /* longer lines are cut (pack strings are <= 4096 bytes) */
    MAX_TEXTURE_SIDE = 16384,
    MIN_FONT_PX = 6,
};

/* SCRIPT_SYMBOL: characters the interface font lacks (arrows, signs),
 * drawn with DejaVu Sans, which has most of them. */
typedef enum Script {
    SCRIPT_COMMON,
    SCRIPT_ARABIC,
    SCRIPT_HEBREW,
    SCRIPT_SYMBOL,
    SCRIPT_COUNT
} Script;

typedef struct Face {
    Script script;
    bool bold;
    bool fake_bold; /* no bold file: SDL_ttf emboldens */
    char path[1024];
    long index;
} Face;

typedef struct FontSlot {
    int face;
    int px;
    TTF_Font *font;
    uint64_t used;
} FontSlot;

typedef struct Entry {
    uint64_t hash;
    char *text; /* owned */
    int px;
    bool bold;
    Script lang_script;
    SDL_Color color;
    int wrap;
    TextAlign align;
    int max_lines;        /* 0 = all */
    SDL_Texture *texture; /* NULL until the string is first drawn (measured only) */
    int w, h;             /* the texture's size: as wide as the text, not the wrap */
    int dx;               /* the texture's left edge inside the wrap box */
    int text_w;           /* the widest line */
    uint64_t used;
} Entry;

typedef struct Run {
    size_t start, end; /* bytes in the line */
    int level;         /* bidi embedding level: odd = right to left */
    Script script;
    bool control; /* a bidi mark or isolate: it orders, it is never drawn */
} Run;

typedef struct LineSpan {
    size_t start, end; /* bytes of the whole text, trailing spaces cut */
    bool rtl;          /* its paragraph's direction */
    int width;
} LineSpan;

enum { MAX_RUNS = 256, MAX_LINES = 512 };

/* One string laid out: its lines (in the cache's scratch), where they
 * start in the wrap box, and the last line's text when the rest was left
 * out. Valid until the next layout with the same cache. */
typedef struct TextLayout {
    size_t count;
    int skip;       /* line height */
    int box_w;      /* the wrap width, or the widest line with no wrap */
    int minx, maxx; /* the ink's horizontal extent inside the box */
    int widest;     /* the widest line */
    char *cut;      /* malloc'd: the last line with "…", or NULL */
    TextAlign align;
} TextLayout;

/* Working memory for laying out one string, kept with its cache so that
 * nothing is static: two caches never share it. Who uses which part, never
 * two at once: make_runs the bidi arrays, split_missing `split`;
 * line_width and text_render_layout's drawing loop `runs` and `piece` (the
 * loop runs only after break_lines, and with it every line_width, is done);
 * text_layout `lines`, read by text_render_layout and the test hooks. */
typedef struct TextScratch {
    FriBidiChar chars[MAX_LINE_CHARS];
    size_t offsets[MAX_LINE_CHARS + 1];
    FriBidiCharType types[MAX_LINE_CHARS];
    FriBidiBracketType brackets[MAX_LINE_CHARS];
    FriBidiLevel levels[MAX_LINE_CHARS];
    Run split[MAX_RUNS];
    Run runs[MAX_RUNS];
    char piece[MAX_LINE_CHARS * 4 + 1]; /* one run, NUL-terminated for SDL_ttf */
    LineSpan lines[MAX_LINES + 1];      /* one more, to know that text was left out */
} TextScratch;

struct TextCache {
    SDL_Renderer *renderer;
    const Theme *theme;
    Face faces[MAX_FACES];
    int face_count;
    int face_of[SCRIPT_COUNT][2]; /* [script][bold] -> face index, -1 unknown */
    FontSlot fonts[MAX_FONTS];
    Entry entries[MAX_ENTRIES];
    size_t bytes;
    uint64_t tick;
    TextScratch scratch;
    /* The layout of the last string laid out (its lines in scratch.lines):
     * the entry it was made for and the language it was made with, so
     * that rasterising a string just measured does not lay it out again
     * (text.c). Dropped before any other layout. */
    Entry *held_entry;
    TextLayout held;
    char held_lang[16];
    bool mirror;  /* text_set_mirror: the frame is flipped after drawing */
    int fc_state; /* fontconfig: 0 not started, 1 running, -1 failed */
    size_t work;  /* bytes measured by the layout so far (text_test_layout_work) */
};

/* What the layout functions work with: one string's font size, weight
 * and the script of its language. */
typedef struct Shaper {
    TextCache *cache;
    int px;
    bool bold;
    Script lang_script;
} Shaper;

/* ---- text_fonts.c ------------------------------------------------------ */

/* The script a language is written in (its face for text with no letters). */
Script text_lang_script(const char *lang);

/* Finds a face for script (bold or not): the known DejaVu Sans paths first
 * for the interface and symbols, fontconfig (started on first use) for the
 * rest, then known paths; false when there is none. */
bool text_find_face(TextCache *cache, Script script, bool bold, Face *out);

/* The cache's face index for script and weight, found on first use
 * (falling back to the interface face, with a note on stderr). */
int text_face_index(TextCache *cache, Script script, bool bold);

/* The open font of a face at px pixels (least recently used one closed
 * when all slots are taken); NULL when it cannot be opened. */
TTF_Font *text_get_font(TextCache *cache, int face, int px);

/* ---- text_layout.c ----------------------------------------------------- */

/* The direction of a paragraph: its first strong character's, or the
 * language's when it has none. */
bool text_paragraph_rtl(const char *s, size_t len, const char *lang);

/* The first line of text (an interface string) cut into runs in visual
 * order, left to right: the byte offset each starts at, into starts (at
 * most max). Returns how many (bidi marks and isolates are left out). */
size_t text_layout_visual_runs(Shaper *sh, const char *text, size_t *starts, size_t max);

/* Lays the text out (wrapped to wrap pixels, 0 = never) without drawing
 * it: linear in the length of the text. With max_lines > 0 at most that
 * many lines, and never more than a texture can hold; the last line kept
 * ends with an ellipsis when text was left out. False when nothing can be
 * shown; on true the caller calls text_layout_free. */
bool text_layout(Shaper *sh, const char *text, const char *lang, int wrap, TextAlign align,
                 int max_lines, TextLayout *out);
void text_layout_free(TextLayout *layout);

/* Renders a layout of text into a new ARGB surface maxx - minx wide that
 * the caller frees; NULL when it cannot. */
SDL_Surface *text_render_layout(Shaper *sh, const char *text, const TextLayout *layout,
                                SDL_Color color);

#endif
