/* text_fonts.c - fonts by language for the text cache (text_private.h):
 * a face per script and weight, the interface's DejaVu Sans from its known
 * path and the others through fontconfig (started only then; the match
 * must claim the language), with the Debian font packages' paths as the
 * fallback, and the open TTF_Fonts by face and pixel size.
 */
#include "text_private.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>

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

Script text_lang_script(const char *lang)
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

/* True when path is a readable font file (TrueType, OpenType or a
 * collection), from its first four bytes: cheaper than opening it with
 * FreeType at some size only to close it again. */
static bool file_is_font(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char tag[4] = {0};
    size_t n = fread(tag, 1, sizeof tag, f);
    fclose(f);
    return n == 4 && (memcmp(tag, "\x00\x01\x00\x00", 4) == 0 || memcmp(tag, "OTTO", 4) == 0 ||
                      memcmp(tag, "true", 4) == 0 || memcmp(tag, "ttcf", 4) == 0);
}

/* Starts fontconfig the first time a face is asked of it, once per cache;
 * false when it cannot start (the known paths still work). */
static bool fc_ready(TextCache *cache)
{
    if (cache->fc_state == 0) {
        cache->fc_state = FcInit() ? 1 : -1;
        if (cache->fc_state < 0)
            fprintf(stderr, "quizdeck: fontconfig did not start; trying known font paths\n");
    }
    return cache->fc_state > 0;
}

/* Asks fontconfig for `family` (NULL = any sans) covering `lang`. The match
 * must claim the language, else it is no answer. */
static bool fc_find(TextCache *cache, const char *family, const char *lang, bool bold, Face *out)
{
    if (!fc_ready(cache))
        return false;
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
            ok = file_is_font(out->path);
        }
    }
    FcPatternDestroy(match);
    return ok;
}

/* The first known path of a script's face that is a font file. */
static bool known_face(Script script, bool bold, Face *out)
{
    for (size_t i = 0; i < 4; i++) {
        const char *path = fallback_paths[script][bold][i];
        if (path && file_is_font(path)) {
            snprintf(out->path, sizeof out->path, "%s", path);
            out->index = 0;
            return true;
        }
    }
    return false;
}

bool text_find_face(TextCache *cache, Script script, bool bold, Face *out)
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
    /* The interface's known default, DejaVu Sans, needs no fontconfig:
     * most launches never start it. */
    bool known_default = script == SCRIPT_COMMON || script == SCRIPT_SYMBOL;
    if (known_default && known_face(script, bold, out))
        return true;
    if (fc_find(cache, family_of[script], lang_of[script], bold, out))
        return true;
    if (script != SCRIPT_COMMON && lang_of[script] &&
        fc_find(cache, NULL, lang_of[script], bold, out))
        return true;
    if (script == SCRIPT_COMMON && fc_find(cache, "DejaVu Sans", NULL, bold, out))
        return true;
    if (!known_default && known_face(script, bold, out))
        return true;
    if (bold && text_find_face(cache, script, false, out)) {
        out->bold = true;
        out->fake_bold = true;
        return true;
    }
    return false;
}

/* The face index for a script and weight; the interface face when the
 * script has none (its glyphs may then be missing, but nothing breaks). */
int text_face_index(TextCache *cache, Script script, bool bold)
{
    int *slot = &cache->face_of[script][bold];
    if (*slot >= 0)
        return *slot;
    if (script != SCRIPT_COMMON || bold) {
        Face face;
        if (cache->face_count < MAX_FACES && text_find_face(cache, script, bold, &face)) {
            cache->faces[cache->face_count] = face;
            *slot = cache->face_count++;
            return *slot;
        }
        if (script == SCRIPT_ARABIC || script == SCRIPT_HEBREW)
            fprintf(stderr,
                    "quizdeck: no font for %s text found (install "
                    "fonts-noto-core); using the interface font\n",
                    script == SCRIPT_ARABIC ? "Arabic" : "Hebrew");
        *slot = text_face_index(cache, SCRIPT_COMMON, bold && script != SCRIPT_COMMON);
        if (bold && script == SCRIPT_COMMON)
            *slot = 0;
        return *slot;
    }
    return 0; /* face 0 is always the regular interface face */
}

TTF_Font *text_get_font(TextCache *cache, int face, int px)
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
