/* text_layout.c - from a string to a surface, for the text cache
 * (text_private.h).
 *
 * The path of a string to the screen: split into paragraphs at '\n'; find
 * the paragraph's direction (FriBidi, or the language when it has no strong
 * character); break it into lines at spaces so each fits the wrap width;
 * cut each line into runs of one bidi level and one face (Arabic letters use
 * the Arabic face, everything else the interface face); put the runs in
 * visual order (rule L2); render each run with HarfBuzz told its direction
 * and script; blit the runs and lines into one surface. text.c uploads it
 * as a texture and keeps it. Bidi marks and isolates take part in the
 * ordering and are never drawn; with a line limit the last line kept ends
 * with an ellipsis.
 */
#include "text_private.h"

#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- UTF-8 and scripts ---------------------------------------------- */

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

/* Bidi marks and isolates (LRM, RLM, ALM, the embeddings and the isolates
 * U+2066..2069) order the text around them and are never drawn: a face
 * would show them as boxes. Strings that put a name or a title inside a
 * sentence wrap it in FSI ... PDI so its direction cannot reorder the
 * words around it ("Learning as <name> · 4 packs loaded"). */
static bool is_bidi_control(uint32_t c)
{
    return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
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

/* ---- runs and lines --------------------------------------------------- */

static TTF_Font *run_font(Shaper *sh, const Run *run)
{
    Script s = run->script != SCRIPT_COMMON ? run->script : SCRIPT_COMMON;
    TTF_Font *font = text_get_font(sh->cache, text_face_index(sh->cache, s, sh->bold), sh->px);
    if (!font)
        return NULL;
    static const char *const script_names[SCRIPT_COUNT] = {"Latn", "Arab", "Hebr", "Zyyy"};
    TTF_SetFontScriptName(font, script_names[s]);
    TTF_SetFontDirection(font, (run->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    return font;
}

static TTF_Font *script_font(Shaper *sh, Script script)
{
    return text_get_font(sh->cache, text_face_index(sh->cache, script, sh->bold), sh->px);
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
        if (runs[r].control) {
            if (on < max_runs && on < MAX_RUNS)
                out[on++] = runs[r];
            continue;
        }
        size_t j = runs[r].start;
        while (j < runs[r].end) {
            size_t start = j;
            uint32_t c = utf8_next(s, runs[r].end, &j);
            Script sc = face_for(sh, runs[r].script, c);
            Run *last = on > 0 ? &out[on - 1] : NULL;
            if (last && !last->control && last->level == runs[r].level && last->script == sc &&
                last->end == start)
                last->end = j;
            else if (on < max_runs && on < MAX_RUNS)
                out[on++] = (Run){start, j, runs[r].level, sc, false};
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
        if (is_bidi_control(chars[k])) {
            /* A run of its own, so it is never handed to a face. */
            if (count < max_runs)
                runs[count++] = (Run){offsets[k], offsets[k + 1], level, SCRIPT_COMMON, true};
            else if (last)
                last->end = offsets[k + 1];
            has_letter = false;
            continue;
        }
        if (last && !last->control && last->level == level &&
            (neutral || !has_letter || last->script == sc)) {
            last->end = offsets[k + 1];
            if (!neutral && !has_letter) {
                last->script = sc;
                has_letter = true;
            }
        } else if (count < max_runs) {
            runs[count++] = (Run){offsets[k], offsets[k + 1], level, sc, false};
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
        if (runs[r].control)
            continue;
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

bool text_paragraph_rtl(const char *s, size_t len, const char *lang)
{
    FriBidiChar chars[256];
    FriBidiCharType types[256];
    size_t n = 0, i = 0;
    while (i < len && n < SDL_arraysize(chars))
        chars[n++] = utf8_next(s, len, &i);
    fribidi_get_bidi_types(chars, (FriBidiStrIndex)n, types);
    FriBidiParType dir = fribidi_get_par_direction(types, (FriBidiStrIndex)n);
    /* The interface's own strings (no language given) in a right-to-left
     * interface read right to left once they hold a right-to-left letter,
     * even when a key name comes first ("Enter  ..." in Arabic). */
    if ((lang == NULL || lang[0] == '\0') && i18n_is_rtl())
        for (size_t k = 0; k < n; k++)
            if (types[k] == FRIBIDI_TYPE_RTL || types[k] == FRIBIDI_TYPE_AL)
                return true;
    if (dir == FRIBIDI_PAR_RTL)
        return true;
    if (dir == FRIBIDI_PAR_LTR)
        return false;
    return lang_is_rtl(lang);
}

/* A paragraph's direction as this cache lays it out: in a mirrored
 * (right-to-left) interface, text of a right-to-left language reads right
 * to left whatever it starts with ("A: <Arabic answer>", "B: 1961"), and
 * an interface string (no language) with any right-to-left letter does
 * too, so "Esc  <Arabic word>" keeps the key at the start; everything else
 * as text_paragraph_rtl. */
static bool layout_paragraph_rtl(const Shaper *sh, const char *s, size_t len, const char *lang)
{
    if (sh->cache->mirror && lang != NULL && lang_is_rtl(lang))
        return true;
    if (sh->cache->mirror && lang == NULL && len > 0) {
        FriBidiChar chars[256] = {0};

        FriBidiCharType types[256];
        size_t n = 0, i = 0;
        while (i < len && n < SDL_arraysize(chars))
            chars[n++] = utf8_next(s, len, &i);
        fribidi_get_bidi_types(chars, (FriBidiStrIndex)n, types);
        for (size_t k = 0; k < n; k++)
            if (FRIBIDI_IS_LETTER(types[k]) && FRIBIDI_IS_RTL(types[k]))
                return true;
    }
    return text_paragraph_rtl(s, len, lang);
}

size_t text_layout_visual_runs(Shaper *sh, const char *text, size_t *starts, size_t max)
{
    size_t len = strcspn(text, "\n");
    bool rtl = layout_paragraph_rtl(sh, text, len, NULL);
    Run *runs = sh->cache->scratch.runs;
    size_t count = make_runs(sh, text, len, rtl, runs, MAX_RUNS);
    size_t n = 0;
    for (size_t r = 0; r < count && n < max; r++)
        if (!runs[r].control)
            starts[n++] = runs[r].start;
    return n;
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
        bool rtl = layout_paragraph_rtl(sh, s + p, pe - p, lang);

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

/* Puts a rendered piece (one colour, coverage in alpha) into out at x, y,
 * keeping the larger coverage of each pixel: a piece's transparent margin
 * must not wipe what is already there, such as the dots under the line
 * above, which a plain copy did where two lines' boxes overlap. */
static void merge_piece(SDL_Surface *piece, SDL_Surface *out, int x, int y)
{
    SDL_Surface *src = piece->format->format == SDL_PIXELFORMAT_ARGB8888
                           ? piece
                           : SDL_ConvertSurfaceFormat(piece, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!src)
        return;
    SDL_LockSurface(src);
    SDL_LockSurface(out);
    for (int row = 0; row < src->h; row++) {
        int oy = y + row;
        if (oy < 0 || oy >= out->h)
            continue;
        const Uint32 *sp = (const Uint32 *)((const Uint8 *)src->pixels + row * src->pitch);
        Uint32 *op = (Uint32 *)((Uint8 *)out->pixels + oy * out->pitch);
        for (int col = 0; col < src->w; col++) {
            int ox = x + col;
            if (ox < 0 || ox >= out->w)
                continue;
            if ((sp[col] >> 24) > (op[ox] >> 24))
                op[ox] = sp[col];
        }
    }
    SDL_UnlockSurface(out);
    SDL_UnlockSurface(src);
    if (src != piece)
        SDL_FreeSurface(src);
}

/* The last line kept when text is left out: its own text with "…" after
 * it, cut a character at a time until it fits `wrap` (a malloc'd string the
 * caller frees; NULL when out of memory). */
static char *cut_line(Shaper *sh, const char *s, const LineSpan *ln, int wrap, int *width)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t len = ln->end - ln->start;
    char *buf = malloc(len + sizeof ellipsis);
    if (buf == NULL)
        return NULL;
    memcpy(buf, s + ln->start, len);
    for (;;) {
        while (len > 0 && buf[len - 1] == ' ')
            len--;
        memcpy(buf + len, ellipsis, sizeof ellipsis);
        *width = line_width(sh, buf, len + sizeof ellipsis - 1, ln->rtl);
        if (wrap <= 0 || *width <= wrap || len == 0)
            return buf;
        do /* one whole character back */
            len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
    }
}

/* Renders the text into a new ARGB surface the caller frees. */
SDL_Surface *text_render_surface(Shaper *sh, const char *text, const char *lang, SDL_Color color,
                                 int wrap, TextAlign align, int max_lines)
{
    TextScratch *scratch = &sh->cache->scratch;
    LineSpan *lines = scratch->lines;
    size_t count = break_lines(sh, text, lang, wrap, lines, MAX_LINES);
    char *cut = NULL; /* the last line's text when the rest is left out */
    if (max_lines > 0 && count > (size_t)max_lines) {
        count = (size_t)max_lines;
        LineSpan *last = &lines[count - 1];
        cut = cut_line(sh, text, last, wrap, &last->width);
        if (cut != NULL) {
            last->end = last->start + strlen(cut); /* its span now indexes `cut` */
        }
    }
    TTF_Font *base =
        text_get_font(sh->cache, text_face_index(sh->cache, sh->lang_script, sh->bold), sh->px);
    TTF_Font *ui =
        text_get_font(sh->cache, text_face_index(sh->cache, SCRIPT_COMMON, sh->bold), sh->px);
    if (!base || !ui || count == 0) {
        free(cut);
        return NULL;
    }
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
    if (!out) {
        free(cut);
        return NULL;
    }
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
        const char *src = cut != NULL && i == count - 1 ? cut : text + ln->start;
        size_t nr = make_runs(sh, src, ln->end - ln->start, ln->rtl, runs, MAX_RUNS);
        for (size_t r = 0; r < nr; r++) {
            size_t n = runs[r].end - runs[r].start;
            if (runs[r].control)
                continue;
            TTF_Font *font = run_font(sh, &runs[r]);
            if (!font || n == 0 || n >= sizeof scratch->piece)
                continue;
            memcpy(buf, src + runs[r].start, n);
            buf[n] = '\0';
            SDL_Surface *piece = TTF_RenderUTF8_Blended(font, buf, color);
            if (!piece)
                continue;
            /* Different faces have different ascents: share one baseline. */
            int dy = TTF_FontAscent(ui) - TTF_FontAscent(font);
            if (TTF_FontAscent(base) > TTF_FontAscent(ui))
                dy = TTF_FontAscent(base) - TTF_FontAscent(font);
            merge_piece(piece, out, x, y + dy);
            x += piece->w;
            SDL_FreeSurface(piece);
        }
    }
    free(cut);
    return out;
}
