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
    sh->cache->work += len;
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

/* The advance of one character in the face that draws it: an estimate
 * of its share of a line, for cutting a word longer than the line. */
static int char_advance(Shaper *sh, uint32_t c)
{
    Script sc = face_for(sh, is_neutral(c) ? sh->lang_script : script_of(c), c);
    TTF_Font *font = script_font(sh, sc);
    int advance = 0;
    if (!font || c > 0xFFFF ||
        TTF_GlyphMetrics(font, (Uint16)c, NULL, NULL, NULL, NULL, &advance) != 0)
        return sh->px / 2;
    return advance;
}

/* Longest prefix of s[start..end) that fits `wrap` (at least one char):
 * summed advances find the cut, one measure of the line checks it, and
 * characters go back one at a time while it is still too wide (kerning
 * and shaping make the sum a little off, rarely by a whole character). */
static size_t fit_chars(Shaper *sh, const char *s, size_t start, size_t end, bool rtl, int wrap,
                        int *width)
{
    size_t i = start;
    int x = char_advance(sh, utf8_next(s, end, &i));
    size_t good = i; /* one character always */
    while (i < end) {
        size_t next = i;
        uint32_t c = utf8_next(s, end, &next);
        sh->cache->work += next - i;
        x += char_advance(sh, c);
        if (x > wrap)
            break;
        good = i = next;
    }
    *width = line_width(sh, s + start, good - start, rtl);
    while (*width > wrap) {
        size_t back = good;
        do
            back--;
        while (back > start && ((unsigned char)s[back] & 0xC0) == 0x80);
        if (back <= start)
            break;
        good = back;
        *width = line_width(sh, s + start, good - start, rtl);
    }
    return good;
}

/* The end of the token at q: the spaces there, then one word. */
static size_t token_end(const char *s, size_t q, size_t pe)
{
    while (q < pe && s[q] == ' ')
        q++;
    while (q < pe && s[q] != ' ')
        q++;
    return q;
}

/* The end of the line of paragraph s[ls..pe) that starts at ls, and its
 * width. Each word is measured on its own and the widths summed, so a
 * line costs its own length, never the rest of the paragraph; one measure
 * of the whole line then checks the sum (a word too many is taken back). */
static size_t fit_line(Shaper *sh, const char *s, size_t ls, size_t pe, bool rtl, int wrap,
                       int *width)
{
    if (wrap <= 0) {
        *width = line_width(sh, s + ls, pe - ls, rtl);
        return pe;
    }
    size_t best = ls, q = ls;
    int x = 0;
    while (q < pe) {
        size_t we = token_end(s, q, pe);
        int tw = line_width(sh, s + q, we - q, rtl);
        if (best > ls && x + tw > wrap)
            break;
        if (best == ls && tw > wrap)
            break; /* the first word alone is too long */
        x += tw;
        best = q = we;
    }
    if (best == ls)
        return fit_chars(sh, s, ls, pe, rtl, wrap, width);
    *width = line_width(sh, s + ls, best - ls, rtl);
    while (*width > wrap) {
        /* Take the last word back: to the end of the word before it. */
        size_t b = best;
        while (b > ls && s[b - 1] != ' ')
            b--;
        while (b > ls && s[b - 1] == ' ')
            b--;
        if (b <= ls)
            return fit_chars(sh, s, ls, pe, rtl, wrap, width);
        best = b;
        *width = line_width(sh, s + ls, best - ls, rtl);
    }
    return best;
}

/* Breaks the text into lines, at most max; sets *more when text was left
 * over. Returns the count. */
static size_t break_lines(Shaper *sh, const char *s, const char *lang, int wrap, LineSpan *lines,
                          size_t max, bool *more)
{
    size_t count = 0, len = strlen(s), p = 0;
    *more = false;
    while (p <= len) {
        if (count >= max) {
            *more = true;
            break;
        }
        size_t pe = p;
        while (pe < len && s[pe] != '\n')
            pe++;
        bool rtl = layout_paragraph_rtl(sh, s + p, pe - p, lang);

        size_t ls = p;
        if (ls == pe) /* empty paragraph: an empty line */
            lines[count++] = (LineSpan){ls, ls, rtl, 0};
        while (ls < pe) {
            if (count >= max) {
                *more = true;
                return count;
            }
            int width = 0;
            size_t le = fit_line(sh, s, ls, pe, rtl, wrap, &width);
            size_t trim = le;
            while (trim > ls && s[trim - 1] == ' ')
                trim--;
            if (trim != le)
                width = line_width(sh, s + ls, trim - ls, rtl);
            lines[count++] = (LineSpan){ls, trim, rtl, width};
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
 * it, cut until it fits `wrap` (a malloc'd string the caller frees; NULL
 * when out of memory). Far too wide, it is first cut in proportion, so a
 * long line costs a few measures, not one per character. */
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
        size_t to = len - 1;
        if (*width > wrap + wrap / 8)
            to = (size_t)((double)len * (double)wrap / (double)*width);
        len = to < len ? to : len - 1;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
            len--; /* a whole character */
    }
}

/* Where a line starts in the layout's box. */
static int line_x(const TextLayout *layout, const LineSpan *ln)
{
    TextAlign a = layout->align;
    if (a == TEXT_ALIGN_AUTO)
        a = ln->rtl ? TEXT_ALIGN_RIGHT : TEXT_ALIGN_LEFT;
    if (a == TEXT_ALIGN_CENTER)
        return (layout->box_w - ln->width) / 2;
    if (a == TEXT_ALIGN_RIGHT)
        return layout->box_w - ln->width;
    return 0;
}

bool text_layout(Shaper *sh, const char *text, const char *lang, int wrap, TextAlign align,
                 int max_lines, TextLayout *out)
{
    memset(out, 0, sizeof *out);
    out->align = align;
    TTF_Font *base =
        text_get_font(sh->cache, text_face_index(sh->cache, sh->lang_script, sh->bold), sh->px);
    TTF_Font *ui =
        text_get_font(sh->cache, text_face_index(sh->cache, SCRIPT_COMMON, sh->bold), sh->px);
    if (!base || !ui)
        return false;
    int skip = TTF_FontLineSkip(ui);
    if (TTF_FontLineSkip(base) > skip)
        skip = TTF_FontLineSkip(base);
    if (skip <= 0)
        skip = 1;
    out->skip = skip;
    /* What a texture can hold, and what the caller allows. */
    size_t cap = (size_t)(MAX_TEXTURE_SIDE / skip);
    if (cap > MAX_LINES)
        cap = MAX_LINES;
    if (max_lines > 0 && (size_t)max_lines < cap)
        cap = (size_t)max_lines;
    if (cap == 0)
        cap = 1;
    int limit = wrap > 0 && wrap < MAX_TEXTURE_SIDE ? wrap : MAX_TEXTURE_SIDE;
    LineSpan *lines = sh->cache->scratch.lines;
    bool more = false;
    size_t count = break_lines(sh, text, lang, wrap > 0 ? limit : 0, lines, cap, &more);
    if (count == 0)
        return false;
    if (wrap <= 0)
        for (size_t i = 0; i < count; i++)
            if (lines[i].width > limit) {
                /* Wider than a texture: cut this line, and leave out the rest. */
                count = i + 1;
                more = true;
                break;
            }
    if (more) {
        LineSpan *last = &lines[count - 1];
        out->cut = cut_line(sh, text, last, limit, &last->width);
        if (out->cut != NULL)
            last->end = last->start + strlen(out->cut); /* its span now indexes `cut` */
    }
    out->count = count;
    int width = wrap > 0 ? wrap : 0;
    for (size_t i = 0; i < count; i++)
        if (lines[i].width > out->widest)
            out->widest = lines[i].width;
    if (width <= 0)
        width = out->widest;
    if (width <= 0)
        width = 1;
    if (width > MAX_TEXTURE_SIDE)
        width = MAX_TEXTURE_SIDE;
    out->box_w = width;
    out->minx = width;
    out->maxx = 0;
    for (size_t i = 0; i < count; i++) {
        int x = line_x(out, &lines[i]);
        if (x < out->minx)
            out->minx = x;
        if (x + lines[i].width > out->maxx)
            out->maxx = x + lines[i].width;
    }
    if (out->minx < 0)
        out->minx = 0;
    if (out->maxx > width)
        out->maxx = width;
    if (out->maxx <= out->minx) { /* only empty lines */
        out->minx = 0;
        out->maxx = 1;
    }
    return true;
}

void text_layout_free(TextLayout *layout)
{
    free(layout->cut);
    layout->cut = NULL;
}

SDL_Surface *text_render_layout(Shaper *sh, const char *text, const TextLayout *layout,
                                SDL_Color color)
{
    TextScratch *scratch = &sh->cache->scratch;
    const LineSpan *lines = scratch->lines;
    TTF_Font *base =
        text_get_font(sh->cache, text_face_index(sh->cache, sh->lang_script, sh->bold), sh->px);
    TTF_Font *ui =
        text_get_font(sh->cache, text_face_index(sh->cache, SCRIPT_COMMON, sh->bold), sh->px);
    if (!base || !ui || layout->count == 0)
        return NULL;
    int width = layout->maxx - layout->minx;
    int height = layout->skip * (int)layout->count;
    SDL_Surface *out =
        SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    SDL_FillRect(out, NULL, 0);
    Run *runs = scratch->runs;
    char *buf = scratch->piece;
    for (size_t i = 0; i < layout->count; i++) {
        const LineSpan *ln = &lines[i];
        int x = line_x(layout, ln) - layout->minx;
        int y = (int)i * layout->skip;
        const char *src =
            layout->cut != NULL && i == layout->count - 1 ? layout->cut : text + ln->start;
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
    return out;
}
