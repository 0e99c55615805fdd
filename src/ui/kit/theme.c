/* theme.c - the colour palette and the unit-to-pixel scale (see theme.h). */
#include "theme.h"

#include <math.h>

/* A calm dark palette: blue-grey surfaces, one teal accent, and a focus
 * ring bright enough to find at a glance on every surface. */
static const SDL_Color palette[COLOR_COUNT] = {
    [COLOR_BG] = {17, 21, 29, 255},         [COLOR_SURFACE] = {29, 35, 48, 255},
    [COLOR_SURFACE_HI] = {40, 49, 67, 255}, [COLOR_BORDER] = {52, 62, 82, 255},
    [COLOR_TEXT] = {232, 236, 243, 255},    [COLOR_TEXT_DIM] = {150, 160, 180, 255},
    [COLOR_ACCENT] = {64, 196, 170, 255},   [COLOR_ON_ACCENT] = {12, 30, 28, 255},
    [COLOR_FOCUS] = {250, 204, 92, 255},    [COLOR_GOOD] = {96, 204, 120, 255},
    [COLOR_BAD] = {238, 104, 104, 255},     [COLOR_WARN] = {240, 176, 80, 255},
};

bool theme_update(Theme *theme, SDL_Renderer *renderer)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0)
        return false;
    if (w == theme->out_w && h == theme->out_h && theme->scale > 0.0f)
        return false;
    theme->out_w = w;
    theme->out_h = h;
    /* The smaller ratio wins so the 800x600 unit view always fits. */
    float sx = (float)w / (float)THEME_MIN_W;
    float sy = (float)h / (float)THEME_MIN_H;
    theme->scale = sx < sy ? sx : sy;
    theme->view_w = (float)w / theme->scale;
    theme->view_h = (float)h / theme->scale;
    if (theme->font_scale <= 0.0f)
        theme->font_scale = 1.0f;
    return true;
}

void theme_set_font_scale(Theme *theme, int percent)
{
    if (percent < THEME_FONT_SCALE_MIN)
        percent = THEME_FONT_SCALE_MIN;
    if (percent > THEME_FONT_SCALE_MAX)
        percent = THEME_FONT_SCALE_MAX;
    theme->font_scale = (float)percent / 100.0f;
}

int theme_px(const Theme *theme, float units)
{
    float scale = theme->scale > 0.0f ? theme->scale : 1.0f;
    int px = (int)lroundf(units * scale);
    if (px == 0 && units > 0.0f)
        px = 1;
    return px;
}

SDL_Rect theme_rect(const Theme *theme, float x, float y, float w, float h)
{
    SDL_Rect r = {theme_px(theme, x), theme_px(theme, y), theme_px(theme, w), theme_px(theme, h)};
    return r;
}

SDL_Rect theme_column(const Theme *theme, float max_w, float top)
{
    if (max_w <= 0.0f)
        max_w = THEME_MAX_CONTENT_W;
    float avail = theme->view_w - 2.0f * THEME_MARGIN;
    float w = avail < max_w ? avail : max_w;
    float x = (theme->view_w - w) / 2.0f;
    float h = theme->view_h - top - THEME_MARGIN;
    return theme_rect(theme, x, top, w, h > 0.0f ? h : 0.0f);
}

SDL_Color theme_color(ThemeColor color)
{
    if ((int)color < 0 || color >= COLOR_COUNT)
        return palette[COLOR_TEXT];
    return palette[color];
}

static Uint8 mix8(Uint8 a, Uint8 b, float t)
{
    float v = (float)a + ((float)b - (float)a) * t;
    if (v < 0.0f)
        v = 0.0f;
    if (v > 255.0f)
        v = 255.0f;
    return (Uint8)lroundf(v);
}

SDL_Color theme_mix(SDL_Color a, SDL_Color b, float t)
{
    SDL_Color c = {mix8(a.r, b.r, t), mix8(a.g, b.g, t), mix8(a.b, b.b, t), mix8(a.a, b.a, t)};
    return c;
}
