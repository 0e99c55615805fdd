/* text.c - fonts by language, line breaking, bidi runs and the texture
 * cache (see text.h for the contract).
 *
 * The path of a string to the screen: split into paragraphs at '\n'; find
 * the paragraph's direction (FriBidi, or the language when it has no strong
 * character); break it into lines at spaces so each fits the wrap width;
 * cut each line into runs of one bidi level and one face (Arabic letters use
 * the Arabic face, everything else the interface face); put the runs in
 * visual order (rule L2); render each run with HarfBuzz told its direction
 * and script; blit the runs and lines into one surface; upload it as a
 * texture and keep it in the cache.
 *
 * Nothing here is static but constant tables: the fonts, the textures and
 * the working memory of a layout (TextScratch) belong to the TextCache, so
 * each cache is independent of any other.
 */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <fribidi.h>

enum {
    MAX_FACES = 16,
    MAX_FONTS = 40,    /* open TTF_Fonts (face x pixel size) */
    MAX_ENTRIES = 600, /* cached textures */
    MAX_CACHE_BYTES = 128 * 1024 * 1024,
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
    SDL_Texture *texture;
    int w, h;
    uint64_t used;
} Entry;

typedef struct Run {
    size_t start, end; /* bytes in the line */
    int level;         /* bidi embedding level: odd = right to left */
    Script script;
} Run;

typedef struct LineSpan {
    size_t start, end; /* bytes of the whole text, trailing spaces cut */
    bool rtl;          /* its paragraph's direction */
    int width;
} LineSpan;

enum { MAX_RUNS = 256, MAX_LINES = 512 };

/* Working memory for laying out one string, kept with its cache so that
 * nothing is static: two caches never share it. Who uses which part, never
 * two at once: make_runs the bidi arrays, split_missing `split`;
 * line_width and render_surface's drawing loop `runs` and `piece` (the
 * loop runs only after break_lines, and with it every line_width, is done);
 * render_surface `lines`. */
typedef struct TextScratch {
    FriBidiChar chars[MAX_LINE_CHARS];
    size_t offsets[MAX_LINE_CHARS + 1];
    FriBidiCharType types[MAX_LINE_CHARS];
    FriBidiBracketType brackets[MAX_LINE_CHARS];
    FriBidiLevel levels[MAX_LINE_CHARS];
    Run split[MAX_RUNS];
    Run runs[MAX_RUNS];
    char piece[MAX_LINE_CHARS * 4 + 1]; /* one run, NUL-terminated for SDL_ttf */
    LineSpan lines[MAX_LINES];
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
};

static const float style_units[TEXT_STYLE_COUNT] = {
    [TEXT_BODY] = 19,    [TEXT_SMALL] = 15, [TEXT_LABEL] = 19,
    [TEXT_HEADING] = 28, [TEXT_TITLE] = 60, [TEXT_DISPLAY] = 44,
};
static const bool style_bold[TEXT_STYLE_COUNT] = {
    [TEXT_LABEL] = true,
    [TEXT_HEADING] = true,
    [TEXT_TITLE] = true,
    [TEXT_DISPLAY] = true,
};

/* Known places of fonts when fontconfig finds nothing usable. */
static const char *const fallback_paths[SCRIPT_COUNT][2][4] = {
    [SCRIPT_COMMON] =
        {
            {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
             "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
             "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"},
            {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
             "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
             "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
             "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"},
        },
    [SCRIPT_ARABIC] =
        {
            {"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
             "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", NULL, NULL},
            {"/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
             "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf", NULL, NULL},
        },
    [SCRIPT_HEBREW] =
        {
            {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", NULL, NULL, NULL},
            {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf", NULL, NULL, NULL},
        },
    [SCRIPT_SYMBOL] =
        {
            {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
             "/usr/share/fonts/TTF/DejaVuSans.ttf", NULL, NULL},
            {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
             "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf", NULL, NULL},
        },
};

/* ---- UTF-8 ----------------------------------------------------------- */

/* Decodes one character at s[*i] (advancing *i); bad bytes are U+FFFD. */
static uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    uint32_t c = p[0];
    size_t n = 1;
    if (c >= 0xF0 && c <= 0xF4 && left >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
        (p[3] & 0xC0) == 0x80) {
        c = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        n = 4;
    } else if (c >= 0xE0 && c <= 0xEF && left >= 3 && (p[1] & 0xC0) == 0x80 &&
               (p[2] & 0xC0) == 0x80) {
        c = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        n = 3;
    } else if (c >= 0xC2 && c <= 0xDF && left >= 2 && (p[1] & 0xC0) == 0x80) {
        c = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
        n = 2;
    } else if (c >= 0x80) {
        c = 0xFFFD;
    }
    *i += n;
    return c;
}

static Script script_of(uint32_t c)
{
    if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
        (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return SCRIPT_ARABIC;
    if (c >= 0x0590 && c <= 0x05FF)
        return SCRIPT_HEBREW;
    return SCRIPT_COMMON;
}

/* Letters decide a run's face; spaces, digits and punctuation follow the
 * run they are in, so an Arabic phrase keeps its spaces. */
static bool is_neutral(uint32_t c)
{
    return c < 0x80 ? !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
                    : (c >= 0x2000 && c <= 0x206F) || c == 0xA0 || c == 0x060C || c == 0x061B ||
                          c == 0x061F || c == 0x066B || c == 0x066C;
}

static bool lang_is_rtl(const char *lang)
{
    if (!lang || !lang[0])
        return false;
    static const char *const rtl[] = {"ar", "he", "iw", "fa", "ur", "yi", "ps", "ckb", "dv"};
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < SDL_arraysize(rtl); i++)
        if (strlen(rtl[i]) == n && strncasecmp(lang, rtl[i], n) == 0)
            return true;
    return false;
}

static Script lang_script(const char *lang)
{
    if (!lang || !lang[0])
        return SCRIPT_COMMON;
    size_t n = strcspn(lang, "-_");
    if ((n == 2 && (strncasecmp(lang, "ar", 2) == 0 || strncasecmp(lang, "fa", 2) == 0 ||
                    strncasecmp(lang, "ur", 2) == 0 || strncasecmp(lang, "ps", 2) == 0)))
        return SCRIPT_ARABIC;
    if (n == 2 && (strncasecmp(lang, "he", 2) == 0 || strncasecmp(lang, "iw", 2) == 0 ||
                   strncasecmp(lang, "yi", 2) == 0))
        return SCRIPT_HEBREW;
    return SCRIPT_COMMON;
}

/* ---- fonts ------------------------------------------------------------ */

static bool file_opens_as_font(const char *path, long index)
{
    TTF_Font *f = TTF_OpenFontIndex(path, 12, index);
    if (!f)
        return false;
    TTF_CloseFont(f);
    return true;
}

/* Asks fontconfig for `family` (NULL = any sans) covering `lang`. The match
 * must claim the language, else it is no answer. */
static bool fc_find(const char *family, const char *lang, bool bold, Face *out)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return false;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)(family ? family : "sans-serif"));
    if (lang)
        FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern *match = FcFontMatch(NULL, pat, &result);
    FcPatternDestroy(pat);
    if (!match)
        return false;
    bool ok = false;
    FcChar8 *file = NULL;
    FcChar8 *got_family = NULL;
    int index = 0, weight = FC_WEIGHT_REGULAR;
    FcLangSet *langs = NULL;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        FcPatternGetInteger(match, FC_INDEX, 0, &index);
        FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
        ok = true;
        if (family && strcmp(family, "sans-serif") != 0 &&
            (FcPatternGetString(match, FC_FAMILY, 0, &got_family) != FcResultMatch ||
             strcasecmp((const char *)got_family, family) != 0))
            ok = false;
        if (ok && lang && FcPatternGetLangSet(match, FC_LANG, 0, &langs) == FcResultMatch &&
            FcLangSetHasLang(langs, (const FcChar8 *)lang) == FcLangDifferentLang)
            ok = false;
        if (ok) {
            snprintf(out->path, sizeof out->path, "%s", (const char *)file);
            out->index = index;
            out->fake_bold = bold && weight < FC_WEIGHT_DEMIBOLD;
            ok = file_opens_as_font(out->path, out->index);
        }
    }
    FcPatternDestroy(match);
    return ok;
}

static bool find_face(Script script, bool bold, Face *out)
{
    memset(out, 0, sizeof *out);
    out->script = script;
    out->bold = bold;
    static const char *const family_of[SCRIPT_COUNT] = {[SCRIPT_COMMON] = "sans-serif",
                                                        [SCRIPT_ARABIC] = "Noto Sans Arabic",
                                                        [SCRIPT_HEBREW] = "Noto Sans Hebrew",
                                                        [SCRIPT_SYMBOL] = "DejaVu Sans"};
    static const char *const lang_of[SCRIPT_COUNT] = {[SCRIPT_COMMON] = "en",
                                                      [SCRIPT_ARABIC] = "ar",
                                                      [SCRIPT_HEBREW] = "he",
                                                      [SCRIPT_SYMBOL] = NULL};
    if (fc_find(family_of[script], lang_of[script], bold, out))
        return true;
    if (script != SCRIPT_COMMON && lang_of[script] && fc_find(NULL, lang_of[script], bold, out))
        return true;
    if (script == SCRIPT_COMMON && fc_find("DejaVu Sans", NULL, bold, out))
        return true;
    for (size_t i = 0; i < 4; i++) {
        const char *path = fallback_paths[script][bold][i];
        if (path && file_opens_as_font(path, 0)) {
            snprintf(out->path, sizeof out->path, "%s", path);
            out->index = 0;
            return true;
        }
    }
    if (bold && find_face(script, false, out)) {
        out->bold = true;
        out->fake_bold = true;
        return true;
    }
    return false;
}

/* The face index for a script and weight; the interface face when the
 * script has none (its glyphs may then be missing, but nothing breaks). */
static int face_index(TextCache *cache, Script script, bool bold)
{
    int *slot = &cache->face_of[script][bold];
    if (*slot >= 0)
        return *slot;
    if (script != SCRIPT_COMMON || bold) {
        Face face;
        if (cache->face_count < MAX_FACES && find_face(script, bold, &face)) {
            cache->faces[cache->face_count] = face;
            *slot = cache->face_count++;
            return *slot;
        }
        if (script == SCRIPT_ARABIC || script == SCRIPT_HEBREW)
            fprintf(stderr,
                    "quizdeck: no font for %s text found (install "
                    "fonts-noto-core); using the interface font\n",
                    script == SCRIPT_ARABIC ? "Arabic" : "Hebrew");
        *slot = face_index(cache, SCRIPT_COMMON, bold && script != SCRIPT_COMMON);
        if (bold && script == SCRIPT_COMMON)
            *slot = 0;
        return *slot;
    }
    return 0; /* face 0 is always the regular interface face */
}

static TTF_Font *get_font(TextCache *cache, int face, int px)
{
    FontSlot *oldest = &cache->fonts[0];
    for (size_t i = 0; i < MAX_FONTS; i++) {
        FontSlot *slot = &cache->fonts[i];
        if (slot->font && slot->face == face && slot->px == px) {
            slot->used = ++cache->tick;
            return slot->font;
        }
        if (!slot->font || (oldest->font && slot->used < oldest->used))
            oldest = slot;
    }
    const Face *f = &cache->faces[face];
    TTF_Font *font = TTF_OpenFontIndex(f->path, px, f->index);
    if (!font)
        return NULL;
    if (f->fake_bold)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    if (oldest->font) {
        /* Textures made with it stay valid: they are pixels already. */
        TTF_CloseFont(oldest->font);
    }
    oldest->font = font;
    oldest->face = face;
    oldest->px = px;
    oldest->used = ++cache->tick;
    return font;
}

/* ---- runs and lines --------------------------------------------------- */

typedef struct Shaper {
    TextCache *cache;
    int px;
    bool bold;
    Script lang_script;
} Shaper;

static TTF_Font *run_font(Shaper *sh, const Run *run)
{
    Script s = run->script != SCRIPT_COMMON ? run->script : SCRIPT_COMMON;
    TTF_Font *font = get_font(sh->cache, face_index(sh->cache, s, sh->bold), sh->px);
    if (!font)
        return NULL;
    static const char *const script_names[SCRIPT_COUNT] = {"Latn", "Arab", "Hebr", "Zyyy"};
    TTF_SetFontScriptName(font, script_names[s]);
    TTF_SetFontDirection(font, (run->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    return font;
}

static TTF_Font *script_font(Shaper *sh, Script script)
{
    return get_font(sh->cache, face_index(sh->cache, script, sh->bold), sh->px);
}

/* The script whose face draws c: the run's own if its face has the glyph,
 * else the interface face, else DejaVu Sans (arrows, signs), else the
 * run's own (a missing-glyph box, but nothing breaks). */
static Script face_for(Shaper *sh, Script script, uint32_t c)
{
    TTF_Font *f = script_font(sh, script);
    if (!f || c < 0x20 || TTF_GlyphIsProvided32(f, c))
        return script;
    if (script != SCRIPT_COMMON && (f = script_font(sh, SCRIPT_COMMON)) &&
        TTF_GlyphIsProvided32(f, c))
        return SCRIPT_COMMON;
    if (script != SCRIPT_SYMBOL && (f = script_font(sh, SCRIPT_SYMBOL)) &&
        TTF_GlyphIsProvided32(f, c))
        return SCRIPT_SYMBOL;
    return script;
}

/* Splits runs where their face lacks a glyph (an Arabic font without
 * parentheses, a Latin one without arrows), keeping levels. In place. */
static size_t split_missing(Shaper *sh, const char *s, Run *runs, size_t count, size_t max_runs)
{
    Run *out = sh->cache->scratch.split;
    size_t on = 0;
    for (size_t r = 0; r < count; r++) {
        size_t j = runs[r].start;
        while (j < runs[r].end) {
            size_t start = j;
            uint32_t c = utf8_next(s, runs[r].end, &j);
            Script sc = face_for(sh, runs[r].script, c);
            Run *last = on > 0 ? &out[on - 1] : NULL;
            if (last && last->level == runs[r].level && last->script == sc && last->end == start)
                last->end = j;
            else if (on < max_runs && on < MAX_RUNS)
                out[on++] = (Run){start, j, runs[r].level, sc};
            else if (last)
                last->end = j;
        }
    }
    memcpy(runs, out, on * sizeof *runs);
    return on;
}

/* Cuts s[0..len) into runs of one level and one face, in visual order.
 * base_rtl: the paragraph's direction. Returns the number of runs. */
static size_t make_runs(Shaper *sh, const char *s, size_t len, bool base_rtl, Run *runs,
                        size_t max_runs)
{
    TextScratch *scratch = &sh->cache->scratch;
    FriBidiChar *chars = scratch->chars;
    size_t *offsets = scratch->offsets;
    FriBidiCharType *types = scratch->types;
    FriBidiBracketType *brackets = scratch->brackets;
    FriBidiLevel *levels = scratch->levels;
    size_t n = 0, i = 0;
    while (i < len && n < MAX_LINE_CHARS) {
        offsets[n] = i;
        chars[n++] = utf8_next(s, len, &i);
    }
    offsets[n] = i;
    if (n == 0)
        return 0;
    FriBidiStrIndex fn = (FriBidiStrIndex)n;
    fribidi_get_bidi_types(chars, fn, types);
    fribidi_get_bracket_types(chars, fn, types, brackets);
    FriBidiParType dir = base_rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, fn, &dir, levels))
        for (size_t k = 0; k < n; k++)
            levels[k] = base_rtl ? 1 : 0;

    size_t count = 0;
    bool has_letter = false; /* the last run has a letter (its script is known) */
    for (size_t k = 0; k < n; k++) {
        bool neutral = is_neutral(chars[k]);
        Script sc = neutral ? SCRIPT_COMMON : script_of(chars[k]);
        int level = levels[k];
        Run *last = count > 0 ? &runs[count - 1] : NULL;
        if (last && last->level == level && (neutral || !has_letter || last->script == sc)) {
            last->end = offsets[k + 1];
            if (!neutral && !has_letter) {
                last->script = sc;
                has_letter = true;
            }
        } else if (count < max_runs) {
            runs[count++] = (Run){offsets[k], offsets[k + 1], level, sc};
            has_letter = !neutral;
        } else {
            last->end = offsets[k + 1];
        }
    }
    count = split_missing(sh, s, runs, count, max_runs);
    /* Rule L2: from the highest level down to the lowest odd one, reverse
     * every sequence of runs at that level or higher. */
    int max_level = 0, min_odd = 127;
    for (size_t r = 0; r < count; r++) {
        if (runs[r].level > max_level)
            max_level = runs[r].level;
        if ((runs[r].level & 1) && runs[r].level < min_odd)
            min_odd = runs[r].level;
    }
    for (int lev = max_level; lev >= min_odd && lev > 0; lev--) {
        size_t r = 0;
        while (r < count) {
            if (runs[r].level < lev) {
                r++;
                continue;
            }
            size_t e = r;
            while (e < count && runs[e].level >= lev)
                e++;
            for (size_t a = r, b = e - 1; a < b; a++, b--) {
                Run t = runs[a];
                runs[a] = runs[b];
                runs[b] = t;
            }
            r = e;
        }
    }
    return count;
}

/* Width in pixels of s[0..len) as one line. */
static int line_width(Shaper *sh, const char *s, size_t len, bool base_rtl)
{
    Run *runs = sh->cache->scratch.runs;
    char *buf = sh->cache->scratch.piece;
    size_t count = make_runs(sh, s, len, base_rtl, runs, MAX_RUNS);
    int total = 0;
    for (size_t r = 0; r < count; r++) {
        TTF_Font *font = run_font(sh, &runs[r]);
        size_t n = runs[r].end - runs[r].start;
        if (!font || n >= sizeof sh->cache->scratch.piece)
            continue;
        memcpy(buf, s + runs[r].start, n);
        buf[n] = '\0';
        int w = 0, h = 0;
        if (TTF_SizeUTF8(font, buf, &w, &h) == 0)
            total += w;
    }
    return total;
}

static bool paragraph_rtl(const char *s, size_t len, const char *lang)
{
    FriBidiChar chars[256];
    FriBidiCharType types[256];
    size_t n = 0, i = 0;
    while (i < len && n < SDL_arraysize(chars))
        chars[n++] = utf8_next(s, len, &i);
    fribidi_get_bidi_types(chars, (FriBidiStrIndex)n, types);
    FriBidiParType dir = fribidi_get_par_direction(types, (FriBidiStrIndex)n);
    if (dir == FRIBIDI_PAR_RTL)
        return true;
    if (dir == FRIBIDI_PAR_LTR)
        return false;
    return lang_is_rtl(lang);
}

/* Longest prefix of s[start..end) that fits `wrap` (at least one char). */
static size_t fit_chars(Shaper *sh, const char *s, size_t start, size_t end, bool rtl, int wrap)
{
    size_t good = start;
    size_t i = start;
    utf8_next(s, end, &i);
    good = i; /* one character always */
    while (i < end) {
        size_t next = i;
        utf8_next(s, end, &next);
        if (line_width(sh, s + start, next - start, rtl) > wrap)
            break;
        good = i = next;
    }
    return good;
}

/* Breaks the text into lines. Returns the count (at most max). */
static size_t break_lines(Shaper *sh, const char *s, const char *lang, int wrap, LineSpan *lines,
                          size_t max)
{
    size_t count = 0, len = strlen(s), p = 0;
    while (p <= len && count < max) {
        size_t pe = p;
        while (pe < len && s[pe] != '\n')
            pe++;
        bool rtl = paragraph_rtl(s + p, pe - p, lang);
        size_t ls = p;
        if (ls == pe) { /* empty paragraph: an empty line */
            lines[count++] = (LineSpan){ls, ls, rtl, 0};
        }
        while (ls < pe && count < max) {
            size_t le = pe;
            if (wrap > 0 && line_width(sh, s + ls, pe - ls, rtl) > wrap) {
                /* Greedy: add words while they fit. */
                size_t best = ls, q = ls;
                while (q < pe) {
                    size_t we = q;
                    while (we < pe && s[we] == ' ')
                        we++;
                    while (we < pe && s[we] != ' ')
                        we++;
                    if (line_width(sh, s + ls, we - ls, rtl) > wrap)
                        break;
                    best = q = we;
                }
                if (best == ls) /* one word longer than the line */
                    best = fit_chars(sh, s, ls, pe, rtl, wrap);
                le = best;
            }
            size_t trim = le;
            while (trim > ls && s[trim - 1] == ' ')
                trim--;
            lines[count++] = (LineSpan){ls, trim, rtl, line_width(sh, s + ls, trim - ls, rtl)};
            ls = le;
            while (ls < pe && s[ls] == ' ')
                ls++;
        }
        p = pe + 1;
    }
    return count;
}

/* Renders the text into a new ARGB surface the caller frees. */
static SDL_Surface *render_surface(Shaper *sh, const char *text, const char *lang, SDL_Color color,
                                   int wrap, TextAlign align)
{
    TextScratch *scratch = &sh->cache->scratch;
    LineSpan *lines = scratch->lines;
    size_t count = break_lines(sh, text, lang, wrap, lines, MAX_LINES);
    TTF_Font *base = get_font(sh->cache, face_index(sh->cache, sh->lang_script, sh->bold), sh->px);
    TTF_Font *ui = get_font(sh->cache, face_index(sh->cache, SCRIPT_COMMON, sh->bold), sh->px);
    if (!base || !ui || count == 0)
        return NULL;
    int skip = TTF_FontLineSkip(ui);
    if (TTF_FontLineSkip(base) > skip)
        skip = TTF_FontLineSkip(base);
    int width = wrap;
    if (width <= 0)
        for (size_t i = 0; i < count; i++)
            if (lines[i].width > width)
                width = lines[i].width;
    if (width <= 0)
        width = 1;
    if (width > MAX_TEXTURE_SIDE)
        width = MAX_TEXTURE_SIDE;
    int height = skip * (int)count;
    if (height > MAX_TEXTURE_SIDE)
        height = MAX_TEXTURE_SIDE;
    SDL_Surface *out =
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    SDL_FillRect(out, NULL, 0);
    Run *runs = scratch->runs;
    char *buf = scratch->piece;
    for (size_t i = 0; i < count; i++) {
        const LineSpan *ln = &lines[i];
        int x = 0;
        TextAlign a = align;
        if (a == TEXT_ALIGN_AUTO)
            a = ln->rtl ? TEXT_ALIGN_RIGHT : TEXT_ALIGN_LEFT;
        if (a == TEXT_ALIGN_CENTER)
            x = (width - ln->width) / 2;
        else if (a == TEXT_ALIGN_RIGHT)
            x = width - ln->width;
        int y = (int)i * skip;
        size_t nr = make_runs(sh, text + ln->start, ln->end - ln->start, ln->rtl, runs, MAX_RUNS);
        for (size_t r = 0; r < nr; r++) {
            size_t n = runs[r].end - runs[r].start;
            TTF_Font *font = run_font(sh, &runs[r]);
            if (!font || n == 0 || n >= sizeof scratch->piece)
                continue;
            memcpy(buf, text + ln->start + runs[r].start, n);
            buf[n] = '\0';
            SDL_Surface *piece = TTF_RenderUTF8_Blended(font, buf, color);
            if (!piece)
                continue;
            /* Different faces have different ascents: share one baseline. */
            int dy = TTF_FontAscent(ui) - TTF_FontAscent(font);
            if (TTF_FontAscent(base) > TTF_FontAscent(ui))
                dy = TTF_FontAscent(base) - TTF_FontAscent(font);
            SDL_SetSurfaceBlendMode(piece, SDL_BLENDMODE_NONE);
            SDL_Rect dst = {x, y + dy, piece->w, piece->h};
            SDL_BlitSurface(piece, NULL, out, &dst);
            x += piece->w;
            SDL_FreeSurface(piece);
        }
    }
    return out;
}

/* ---- the cache --------------------------------------------------------- */

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void entry_free(TextCache *cache, Entry *e)
{
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    cache->bytes -= (size_t)e->w * (size_t)e->h * 4u;
    free(e->text);
    memset(e, 0, sizeof *e);
}

int text_font_px(const TextCache *cache, const TextSpec *spec)
{
    const Theme *t = cache->theme;
    int style = (int)spec->style;
    if (style < 0 || style >= TEXT_STYLE_COUNT)
        style = TEXT_BODY;
    float units = style_units[style];
    if (!spec->ignore_font_scale)
        units *= t->font_scale > 0.0f ? t->font_scale : 1.0f;
    if (spec->shrink > 0.0f)
        units *= spec->shrink;
    int px = theme_px(t, units);
    return px < MIN_FONT_PX ? MIN_FONT_PX : px;
}

static SDL_Color spec_color(const TextSpec *spec)
{
    SDL_Color c = spec->color;
    if (c.r == 0 && c.g == 0 && c.b == 0 && c.a == 0)
        c = theme_color(COLOR_TEXT);
    return c;
}

static Entry *lookup(TextCache *cache, const TextSpec *spec, const char *text)
{
    if (!text || !text[0])
        return NULL;
    int px = text_font_px(cache, spec);
    bool bold = style_bold[spec->style < TEXT_STYLE_COUNT ? spec->style : 0];
    Script ls = lang_script(spec->lang);
    SDL_Color color = spec_color(spec);
    int wrap = spec->wrap > 0 ? spec->wrap : 0;
    uint64_t h = hash_text(text);
    Entry *victim = &cache->entries[0];
    for (size_t i = 0; i < MAX_ENTRIES; i++) {
        Entry *e = &cache->entries[i];
        if (e->text && e->hash == h && e->px == px && e->bold == bold && e->lang_script == ls &&
            e->wrap == wrap && e->align == spec->align && e->color.r == color.r &&
            e->color.g == color.g && e->color.b == color.b && e->color.a == color.a &&
            strcmp(e->text, text) == 0) {
            e->used = ++cache->tick;
            return e;
        }
        if (!e->text || (victim->text && e->used < victim->used))
            victim = e;
    }
    /* Make room: the least recently used entry, and more while over budget. */
    if (victim->text)
        entry_free(cache, victim);
    while (cache->bytes > MAX_CACHE_BYTES) {
        Entry *old = NULL;
        for (size_t i = 0; i < MAX_ENTRIES; i++)
            if (cache->entries[i].text && (!old || cache->entries[i].used < old->used))
                old = &cache->entries[i];
        if (!old)
            break;
        entry_free(cache, old);
    }
    Shaper sh = {cache, px, bold, ls};
    SDL_Surface *surface = render_surface(&sh, text, spec->lang, color, wrap, spec->align);
    if (!surface)
        return NULL;
    SDL_Texture *texture = SDL_CreateTextureFromSurface(cache->renderer, surface);
    int w = surface->w, hh = surface->h;
    SDL_FreeSurface(surface);
    size_t n = strlen(text) + 1;
    char *copy = texture ? malloc(n) : NULL;
    if (!copy) {
        if (texture)
            SDL_DestroyTexture(texture);
        return NULL;
    }
    memcpy(copy, text, n);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    *victim =
        (Entry){h, copy, px, bold, ls, color, wrap, spec->align, texture, w, hh, ++cache->tick};
    cache->bytes += (size_t)w * (size_t)hh * 4u;
    return victim;
}

TextCache *text_create(SDL_Renderer *renderer, const Theme *theme, char *err, size_t err_size)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    if (!FcInit()) {
        /* Not fatal: the known paths still work. */
        fprintf(stderr, "quizdeck: fontconfig did not start; trying known font paths\n");
    }
    TextCache *cache = calloc(1, sizeof *cache);
    if (!cache) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    cache->renderer = renderer;
    cache->theme = theme;
    for (int s = 0; s < SCRIPT_COUNT; s++)
        cache->face_of[s][0] = cache->face_of[s][1] = -1;
    if (!find_face(SCRIPT_COMMON, false, &cache->faces[0])) {
        snprintf(err, err_size,
                 "no usable font found: fontconfig has no sans-serif font and "
                 "DejaVu Sans is not installed (install fonts-dejavu-core)");
        free(cache);
        return NULL;
    }
    cache->face_count = 1;
    cache->face_of[SCRIPT_COMMON][0] = 0;
    return cache;
}

void text_clear(TextCache *cache)
{
    if (!cache)
        return;
    for (size_t i = 0; i < MAX_ENTRIES; i++)
        if (cache->entries[i].text)
            entry_free(cache, &cache->entries[i]);
    cache->bytes = 0;
}

void text_destroy(TextCache *cache)
{
    if (!cache)
        return;
    text_clear(cache);
    for (size_t i = 0; i < MAX_FONTS; i++)
        if (cache->fonts[i].font)
            TTF_CloseFont(cache->fonts[i].font);
    free(cache);
}

int text_line_height(TextCache *cache, const TextSpec *spec)
{
    bool bold = style_bold[spec->style < TEXT_STYLE_COUNT ? spec->style : 0];
    TTF_Font *font = get_font(cache, face_index(cache, lang_script(spec->lang), bold),
                              text_font_px(cache, spec));
    TTF_Font *ui =
        get_font(cache, face_index(cache, SCRIPT_COMMON, bold), text_font_px(cache, spec));
    int h = ui ? TTF_FontLineSkip(ui) : text_font_px(cache, spec);
    if (font && TTF_FontLineSkip(font) > h)
        h = TTF_FontLineSkip(font);
    return h;
}

SDL_Point text_measure(TextCache *cache, const TextSpec *spec, const char *text)
{
    SDL_Point p = {0, 0};
    Entry *e = lookup(cache, spec, text);
    if (e) {
        p.x = e->w;
        p.y = e->h;
        if (spec->wrap > 0) {
            /* The texture is wrap wide; report the widest line instead. */
            TextSpec one = *spec;
            one.wrap = 0;
            Entry *flat = strchr(text, '\n') ? NULL : lookup(cache, &one, text);
            if (flat && flat->w < p.x)
                p.x = flat->w;
        }
    }
    return p;
}

SDL_Rect text_draw(TextCache *cache, const TextSpec *spec, int x, int y, const char *text)
{
    SDL_Rect dst = {x, y, 0, 0};
    Entry *e = lookup(cache, spec, text);
    if (!e)
        return dst;
    dst.w = e->w;
    dst.h = e->h;
    if (spec->wrap <= 0) {
        if (spec->align == TEXT_ALIGN_CENTER)
            dst.x = x - e->w / 2;
        else if (spec->align == TEXT_ALIGN_RIGHT)
            dst.x = x - e->w;
    }
    SDL_RenderCopy(cache->renderer, e->texture, NULL, &dst);
    return dst;
}

SDL_Rect text_draw_fit(TextCache *cache, const TextSpec *spec, SDL_Rect box, const char *text)
{
    TextSpec s = *spec;
    s.wrap = box.w > 0 ? box.w : 1;
    float base = spec->shrink > 0.0f ? spec->shrink : 1.0f;
    Entry *e = NULL;
    for (int step = 0; step <= 5; step++) {
        s.shrink = base * (1.0f - 0.1f * (float)step);
        e = lookup(cache, &s, text);
        if (!e || e->h <= box.h)
            break;
    }
    SDL_Rect dst = {box.x, box.y, 0, 0};
    if (!e)
        return dst;
    dst.w = e->w;
    dst.h = e->h;
    if (e->h <= box.h) {
        dst.y = box.y + (box.h - e->h) / 2;
        SDL_RenderCopy(cache->renderer, e->texture, NULL, &dst);
        return dst;
    }
    /* Still too tall at half size: show the top part that fits. */
    SDL_Rect src = {0, 0, e->w, box.h};
    dst.h = box.h;
    SDL_RenderCopy(cache->renderer, e->texture, &src, &dst);
    return dst;
}

bool text_is_rtl(const char *text, const char *lang)
{
    return paragraph_rtl(text ? text : "", text ? strlen(text) : 0, lang);
}

const char *text_font_path(TextCache *cache, const char *lang, bool bold)
{
    int f = face_index(cache, lang_script(lang), bold);
    return f >= 0 && f < cache->face_count ? cache->faces[f].path : "";
}
