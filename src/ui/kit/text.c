/* text.c - the texture cache and the public calls of text.h (read it for
 * the contract). A string is looked up by (size, weight, language script,
 * colour, wrap width, alignment, text); a miss is laid out by text_layout.c
 * with fonts from text_fonts.c (text_private.h) and kept measured; its
 * texture is rendered and uploaded only when it is drawn in sight. The
 * least recently used entry makes room, and the least recently used
 * textures go while the textures pass the budget (text_cache_budget: a
 * multiple of the window's pixels).
 */
#include "text_private.h"

#include "renderer.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the cache --------------------------------------------------------- */

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static size_t entry_bytes(const Entry *e)
{
    return e->texture ? (size_t)e->w * (size_t)e->h * 4u : 0;
}

/* Drops an entry's texture and keeps its measurement. */
static void entry_drop_texture(TextCache *cache, Entry *e)
{
    if (!e->texture)
        return;
    cache->bytes -= entry_bytes(e);
    SDL_DestroyTexture(e->texture);
    e->texture = NULL;
}

/* Forgets the held layout (text_private.h). */
static void drop_held(TextCache *cache)
{
    if (cache->held_entry)
        text_layout_free(&cache->held);
    cache->held_entry = NULL;
}

/* text_layout, with the held layout dropped first: the new one takes
 * over the scratch lines it points into. */
static bool layout_string(TextCache *cache, Shaper *sh, const char *text, const char *lang,
                          int wrap, TextAlign align, int max_lines, TextLayout *out)
{
    drop_held(cache);
    return text_layout(sh, text, lang, wrap, align, max_lines, out);
}

/* Keeps a layout just made for entry e (its owner now the cache), when
 * its language can be matched later; else frees it. */
static void hold(TextCache *cache, Entry *e, const char *lang, TextLayout *layout)
{
    size_t n = lang ? strlen(lang) : 0;
    if (n >= sizeof cache->held_lang) {
        text_layout_free(layout);
        return;
    }
    memcpy(cache->held_lang, lang ? lang : "", n + 1);
    cache->held = *layout;
    cache->held_entry = e;
}

/* Is the held layout the one entry e would get with this language? */
static bool held_for(const TextCache *cache, const Entry *e, const char *lang)
{
    return cache->held_entry == e && strcmp(cache->held_lang, lang ? lang : "") == 0;
}

static void entry_free(TextCache *cache, Entry *e)
{
    if (cache->held_entry == e)
        drop_held(cache);
    entry_drop_texture(cache, e);
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

/* The alignment inside the texture (see text_set_mirror): in a mirrored
 * frame the sides swap, and an interface string (no language) starts at
 * the interface's start, the right, whatever its own direction. */
static TextAlign inner_align(const TextCache *cache, const TextSpec *spec)
{
    TextAlign align = spec->align;
    if (!cache->mirror)
        return align;
    if (align == TEXT_ALIGN_AUTO && spec->lang == NULL)
        return TEXT_ALIGN_RIGHT;
    return align == TEXT_ALIGN_LEFT    ? TEXT_ALIGN_RIGHT
           : align == TEXT_ALIGN_RIGHT ? TEXT_ALIGN_LEFT
                                       : align;
}

/* Every text texture reaches the frame here. In a mirrored frame the
 * texture was flipped when it was made (rasterise): SDL_RenderCopyEx's
 * flip costs the software renderer temporary surfaces and generic blits
 * on every copy. Callers' src rectangles span the texture's whole width,
 * so flipping first and copying src is the flipped copy of src. */
static void copy_texture(TextCache *cache, SDL_Texture *texture, const SDL_Rect *src,
                         const SDL_Rect *dst)
{
    SDL_RenderCopy(cache->renderer, texture, src, dst);
}

static Shaper spec_shaper(TextCache *cache, const TextSpec *spec)
{
    return (Shaper){cache, text_font_px(cache, spec),
                    style_bold[spec->style < TEXT_STYLE_COUNT ? spec->style : 0],
                    text_lang_script(spec->lang)};
}

size_t text_cache_budget(TextCache *cache)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(cache->renderer, &w, &h) != 0 || w <= 0 || h <= 0)
        return MIN_CACHE_BYTES;
    size_t screens = (size_t)w * (size_t)h * 4u * CACHE_SCREENS;
    return screens > MIN_CACHE_BYTES ? screens : MIN_CACHE_BYTES;
}

size_t text_cache_bytes(const TextCache *cache)
{
    return cache->bytes;
}

/* Makes the texture of a measured entry, first dropping the least recently
 * used textures while the cache is over its budget (their measurements
 * stay). False when it cannot be drawn. */
static bool rasterise(TextCache *cache, Entry *e, const TextSpec *spec, const char *text)
{
    if (e->texture)
        return true;
    size_t need = (size_t)e->w * (size_t)e->h * 4u;
    size_t budget = text_cache_budget(cache);
    while (cache->bytes + need > budget) {
        Entry *old = NULL;
        for (size_t i = 0; i < MAX_ENTRIES; i++) {
            Entry *c = &cache->entries[i];
            if (c->texture && c != e && (!old || c->used < old->used))
                old = c;
        }
        if (!old)
            break;
        entry_drop_texture(cache, old);
    }
    Shaper sh = spec_shaper(cache, spec);
    TextLayout layout;
    if (held_for(cache, e, spec->lang)) {
        layout = cache->held; /* measured just now: the same layout */
        cache->held_entry = NULL;
    } else if (!layout_string(cache, &sh, text, spec->lang, e->wrap, e->align, e->max_lines,
                              &layout)) {
        return false;
    }
    SDL_Surface *surface = text_render_layout(&sh, text, &layout, spec_color(spec));
    text_layout_free(&layout);
    if (!surface)
        return false;
    if (cache->mirror)
        renderer_flip_surface(surface); /* renderer.h */
    e->texture = SDL_CreateTextureFromSurface(cache->renderer, surface);
    SDL_FreeSurface(surface);
    if (!e->texture)
        return false;
    SDL_SetTextureBlendMode(e->texture, SDL_BLENDMODE_BLEND);
    cache->bytes += entry_bytes(e);
    return true;
}

/* The cache entry of a string: measured (laid out, never drawn) on a miss,
 * and with its texture made when `draw` is set. NULL for an empty string
 * or when it cannot be laid out (or drawn). */
static Entry *lookup(TextCache *cache, const TextSpec *spec, const char *text, bool draw)
{
    if (!text || !text[0])
        return NULL;
    TextAlign align = inner_align(cache, spec);

    int px = text_font_px(cache, spec);
    bool bold = style_bold[spec->style < TEXT_STYLE_COUNT ? spec->style : 0];
    Script ls = text_lang_script(spec->lang);
    SDL_Color color = spec_color(spec);
    int wrap = spec->wrap > 0 ? spec->wrap : 0;
    int max_lines = spec->max_lines > 0 ? spec->max_lines : 0;
    uint64_t h = hash_text(text);
    Entry *victim = &cache->entries[0];
    for (size_t i = 0; i < MAX_ENTRIES; i++) {
        Entry *e = &cache->entries[i];
        if (e->text && e->hash == h && e->px == px && e->bold == bold && e->lang_script == ls &&
            e->wrap == wrap && e->align == align && e->max_lines == max_lines &&
            e->color.r == color.r && e->color.g == color.g && e->color.b == color.b &&
            e->color.a == color.a && strcmp(e->text, text) == 0) {
            e->used = ++cache->tick;
            return !draw || rasterise(cache, e, spec, text) ? e : NULL;
        }
        if (!e->text || (victim->text && e->used < victim->used))
            victim = e;
    }
    /* Make room: the least recently used entry. */
    if (victim->text)
        entry_free(cache, victim);
    Shaper sh = spec_shaper(cache, spec);
    TextLayout layout;
    if (!layout_string(cache, &sh, text, spec->lang, wrap, align, max_lines, &layout))
        return NULL;
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    if (!copy) {
        text_layout_free(&layout);
        return NULL;
    }
    memcpy(copy, text, n);
    *victim = (Entry){.hash = h,
                      .text = copy,
                      .px = px,
                      .bold = bold,
                      .lang_script = ls,
                      .color = color,
                      .wrap = wrap,
                      .align = align,
                      .max_lines = max_lines,
                      .w = layout.maxx - layout.minx,
                      .h = layout.skip * (int)layout.count,
                      .dx = layout.minx,
                      .text_w = layout.widest,
                      .used = ++cache->tick};
    hold(cache, victim, spec->lang, &layout);
    return !draw || rasterise(cache, victim, spec, text) ? victim : NULL;
}

/* Where an entry's texture goes for a text box starting at box_x (wrapped
 * text): its offset inside the box, mirrored with the texture in a flipped
 * frame (the box's right part then holds what was its left). */
static int entry_x(const TextCache *cache, const Entry *e, int box_x)
{
    if (e->wrap <= 0)
        return box_x;
    return cache->mirror ? box_x + e->wrap - (e->dx + e->w) : box_x + e->dx;
}

/* False when rows top..top+h lie wholly above or below what the renderer
 * can show (the clip rectangle, else the viewport): a list's rows scrolled
 * out of sight are measured, never rasterised. Only rows: a mirrored frame
 * is flipped sideways after drawing. */
static bool rows_visible(TextCache *cache, int top, int h)
{
    SDL_Rect area;
    if (SDL_RenderIsClipEnabled(cache->renderer)) {
        SDL_RenderGetClipRect(cache->renderer, &area); /* relative to the viewport */
    } else {
        SDL_RenderGetViewport(cache->renderer, &area);
        area.y = 0; /* drawing is relative to the viewport's origin */
    }
    if (area.h <= 0)
        return true; /* unknown: draw */
    return top < area.y + area.h && top + h > area.y;
}

/* glibc serves blocks of 128 KiB and more with mappings of their own, given
 * back to the system when freed, but after the first such free it raises
 * that threshold to the freed size (up to 32 MiB). The cache's textures are
 * such blocks, made and evicted over and over while a long list scrolls:
 * from the heap they fragment it, and it never shrinks (5 MiB more peak
 * memory after walking 200 packs on Choose packs and Packs: bench_ui_keys
 * --walk). A fixed threshold keeps them returnable. Process-wide: the text
 * cache is the allocator's largest user. */
static void keep_large_blocks_returnable(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024); /* the same for every cache: idempotent */
#endif
}

TextCache *text_create(SDL_Renderer *renderer, const Theme *theme, char *err, size_t err_size)
{
    keep_large_blocks_returnable();
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
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
    /* The face is opened at the size the first frame draws body text in:
     * that is the check that it is usable, not a probe at another size. */
    bool found = text_find_face(cache, SCRIPT_COMMON, false, &cache->faces[0]);
    cache->face_count = 1;
    if (!found || !text_get_font(cache, 0, text_font_px(cache, &(TextSpec){0}))) {
        snprintf(err, err_size,
                 "no usable font found: fontconfig has no sans-serif font and "
                 "DejaVu Sans is not installed (install fonts-dejavu-core)");
        text_destroy(cache);
        return NULL;
    }
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

void text_set_mirror(TextCache *cache, bool mirror)
{
    if (!cache || cache->mirror == mirror)
        return;
    text_clear(cache); /* paragraph directions and alignments change */
    cache->mirror = mirror;
}

void text_destroy(TextCache *cache)
{
    if (!cache)
        return;
    text_clear(cache);
    drop_held(cache);
    for (size_t i = 0; i < MAX_FONTS; i++)
        if (cache->fonts[i].font)
            TTF_CloseFont(cache->fonts[i].font);
    free(cache);
}

int text_line_height(TextCache *cache, const TextSpec *spec)
{
    bool bold = style_bold[spec->style < TEXT_STYLE_COUNT ? spec->style : 0];
    TTF_Font *font =
        text_get_font(cache, text_face_index(cache, text_lang_script(spec->lang), bold),
                      text_font_px(cache, spec));
    TTF_Font *ui = text_get_font(cache, text_face_index(cache, SCRIPT_COMMON, bold),
                                 text_font_px(cache, spec));
    int h = ui ? TTF_FontLineSkip(ui) : text_font_px(cache, spec);
    if (font && TTF_FontLineSkip(font) > h)
        h = TTF_FontLineSkip(font);
    return h;
}

SDL_Point text_measure(TextCache *cache, const TextSpec *spec, const char *text)
{
    SDL_Point p = {0, 0};
    Entry *e = lookup(cache, spec, text, false);
    if (e) {
        p.x = e->text_w;
        p.y = e->h;
    }
    return p;
}

SDL_Rect text_draw(TextCache *cache, const TextSpec *spec, int x, int y, const char *text)
{
    SDL_Rect dst = {x, y, 0, 0};
    Entry *e = lookup(cache, spec, text, false);
    if (!e)
        return dst;
    dst.w = e->wrap > 0 ? e->wrap : e->w; /* the text box */
    dst.h = e->h;
    if (spec->wrap <= 0) {
        if (spec->align == TEXT_ALIGN_CENTER)
            dst.x = x - e->w / 2;
        else if (spec->align == TEXT_ALIGN_RIGHT)
            dst.x = x - e->w;
    }
    if (!rows_visible(cache, y, e->h) || !rasterise(cache, e, spec, text))
        return dst;
    SDL_Rect ink = {entry_x(cache, e, dst.x), y, e->w, e->h};
    copy_texture(cache, e->texture, NULL, &ink);
    return dst;
}

/* The least size factor text_draw_fit may use for a spec: the readable
 * size over the style's own (the player's text size scales both), never
 * below half, and never below what the caller already asked for. */
static float shrink_floor(const TextSpec *spec, float base)
{
    if (spec->no_shrink)
        return base;
    int style = (int)spec->style;
    if (style < 0 || style >= TEXT_STYLE_COUNT)
        style = TEXT_BODY;
    float floor = (float)TEXT_READABLE_UNITS / style_units[style];
    if (floor < 0.5f)
        floor = 0.5f;
    if (floor > 1.0f)
        floor = 1.0f;
    return floor < base ? floor : base;
}

float text_shrink_floor(const TextSpec *spec)
{
    return shrink_floor(spec, 1.0f);
}

/* Steps of 10 % from base down to the floor, the floor itself last: the
 * size factor of step k, or 0 past the last step. */
static float fit_step(float base, float floor, int k)
{
    float f = base * (1.0f - 0.1f * (float)k);
    if (f > floor + 0.001f)
        return f;
    float prev = base * (1.0f - 0.1f * (float)(k - 1));
    return k == 0 || prev > floor + 0.001f ? floor : 0.0f;
}

float text_fit_shrink(TextCache *cache, const TextSpec *spec, int w, int h, const char *text)
{
    TextSpec s = *spec;
    s.wrap = w > 0 ? w : 1;
    float base = spec->shrink > 0.0f ? spec->shrink : 1.0f;
    float floor = shrink_floor(spec, base);
    float f = base;
    for (int k = 0; (f = fit_step(base, floor, k)) > 0.0f; k++) {
        s.shrink = f;
        Entry *e = lookup(cache, &s, text, false);
        if (!e || e->h <= h)
            return f;
    }
    return floor;
}

int text_fit_height(TextCache *cache, const TextSpec *spec, int w, int max_h, const char *text)
{
    TextSpec s = *spec;
    s.wrap = w > 0 ? w : 1;
    int h = text_measure(cache, &s, text).y;
    return h < max_h ? h : max_h;
}

SDL_Rect text_draw_fit(TextCache *cache, const TextSpec *spec, SDL_Rect box, const char *text)
{
    TextSpec s = *spec;
    s.wrap = box.w > 0 ? box.w : 1;
    s.shrink = text_fit_shrink(cache, spec, box.w, box.h, text);
    Entry *e = lookup(cache, &s, text, false);
    if (e && e->h > box.h) {
        /* Still too tall at the readable floor: as many lines as fit, the
         * last ending with an ellipsis. */
        int lh = text_line_height(cache, &s);
        int lines = lh > 0 ? box.h / lh : 1;
        s.max_lines = lines > 0 ? lines : 1;
        if (spec->max_lines > 0 && spec->max_lines < s.max_lines)
            s.max_lines = spec->max_lines;
        e = lookup(cache, &s, text, false);
    }
    SDL_Rect dst = {box.x, box.y, 0, 0};
    if (!e)
        return dst;
    dst.w = e->wrap;
    dst.h = e->h < box.h ? e->h : box.h;
    if (e->h <= box.h)
        dst.y = box.y + (box.h - e->h) / 2;
    if (!rows_visible(cache, dst.y, dst.h) || !rasterise(cache, e, &s, text))
        return dst;
    /* One line taller than the box: show the top part that fits. */
    SDL_Rect src = {0, 0, e->w, dst.h};
    SDL_Rect ink = {entry_x(cache, e, box.x), dst.y, e->w, dst.h};
    copy_texture(cache, e->texture, &src, &ink);
    return dst;
}

size_t text_test_visual_runs(TextCache *cache, const TextSpec *spec, const char *text,
                             size_t *starts, size_t max)
{
    Shaper sh = spec_shaper(cache, spec);
    return text_layout_visual_runs(&sh, text, starts, max);
}

size_t text_test_line(TextCache *cache, const TextSpec *spec, const char *text, size_t line,
                      char *out, size_t out_size)
{
    if (out_size > 0)
        out[0] = '\0';
    Shaper sh = spec_shaper(cache, spec);
    TextLayout layout;
    if (!text || !text[0] ||
        !layout_string(cache, &sh, text, spec->lang, spec->wrap > 0 ? spec->wrap : 0,
                       inner_align(cache, spec), spec->max_lines, &layout))
        return 0;
    if (line < layout.count && out_size > 0) {
        const LineSpan *ln = &cache->scratch.lines[line];
        const char *src = layout.cut && line == layout.count - 1 ? layout.cut : text + ln->start;
        size_t n = ln->end - ln->start;
        if (n >= out_size)
            n = out_size - 1;
        memcpy(out, src, n);
        out[n] = '\0';
    }
    size_t count = layout.count;
    text_layout_free(&layout);
    return count;
}

size_t text_test_layout_work(const TextCache *cache)
{
    return cache ? cache->work : 0;
}

bool text_is_rtl(const char *text, const char *lang)
{
    return text_paragraph_rtl(text ? text : "", text ? strlen(text) : 0, lang);
}

const char *text_font_path(TextCache *cache, const char *lang, bool bold)
{
    int f = text_face_index(cache, text_lang_script(lang), bold);
    return f >= 0 && f < cache->face_count ? cache->faces[f].path : "";
}
