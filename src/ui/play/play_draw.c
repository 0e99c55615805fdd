/* play_draw.c - shapes, icons and small helpers of the play screens.
 *
 * Options carry a colour, a shape and a letter so that colour is never the
 * only cue; right and wrong carry a drawn check mark or cross for the same
 * reason. Everything is SDL_RenderGeometry triangles so it scales to any
 * window without bitmaps.
 */
#include "i18n.h"
#include "play.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Eight hues that stay apart for the common colour-vision deficiencies
 * when paired with shapes: red, blue, amber, green, violet, orange, cyan,
 * pink. */
static const SDL_Color option_colors[8] = {
    {226, 92, 92, 255},   {76, 142, 232, 255}, {222, 176, 52, 255}, {84, 178, 100, 255},
    {156, 110, 220, 255}, {232, 132, 64, 255}, {64, 190, 200, 255}, {218, 104, 170, 255},
};

SDL_Color play_option_color(size_t index)
{
    return option_colors[index % 8];
}

static SDL_Vertex vertex(float x, float y, SDL_Color c)
{
    SDL_Vertex v = {{x, y}, c, {0.0f, 0.0f}};
    return v;
}

/* A fan from the centre over `n` rim points: every shape here is
 * star-shaped around its centre, so a fan fills it exactly. */
static void fill_fan(SDL_Renderer *renderer, float cx, float cy, const float *px, const float *py,
                     int n, SDL_Color color)
{
    SDL_Vertex v[3 * 48];
    int k = 0;
    for (int i = 0; i < n && k + 3 <= 3 * 48; i++) {
        int j = (i + 1) % n;
        v[k++] = vertex(cx, cy, color);
        v[k++] = vertex(px[i], py[i], color);
        v[k++] = vertex(px[j], py[j], color);
    }
    SDL_RenderGeometry(renderer, NULL, v, k, NULL, 0);
}

static void fill_polygon(SDL_Renderer *renderer, float cx, float cy, float r, int sides,
                         float start_deg, float inner, SDL_Color color)
{
    float px[48], py[48];
    int n = inner > 0.0f ? 2 * sides : sides;
    if (n > 48)
        n = 48;
    const float pi = 3.14159265f;
    for (int i = 0; i < n; i++) {
        float a = (start_deg * pi / 180.0f) + 2.0f * pi * (float)i / (float)n;
        float rr = (inner > 0.0f && (i % 2) == 1) ? r * inner : r;
        px[i] = cx + rr * cosf(a);
        py[i] = cy + rr * sinf(a);
    }
    if (n <= 4) {
        /* Split each edge at its middle: SDL's software renderer draws a
         * fan of four triangles of a diamond wrongly (it takes two of them
         * for an axis-aligned rectangle); eight never look like one. */
        float qx[8], qy[8];
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            qx[2 * i] = px[i];
            qy[2 * i] = py[i];
            qx[2 * i + 1] = (px[i] + px[j]) / 2.0f;
            qy[2 * i + 1] = (py[i] + py[j]) / 2.0f;
        }
        fill_fan(renderer, cx, cy, qx, qy, 2 * n, color);
        return;
    }
    fill_fan(renderer, cx, cy, px, py, n, color);
}

void play_fill_circle(SDL_Renderer *renderer, float cx, float cy, float r, SDL_Color color)
{
    fill_polygon(renderer, cx, cy, r, 40, 0.0f, 0.0f, color);
}

void play_draw_shape(SDL_Renderer *renderer, size_t index, SDL_Rect rect, SDL_Color color)
{
    float cx = (float)rect.x + (float)rect.w / 2.0f;
    float cy = (float)rect.y + (float)rect.h / 2.0f;
    float r = (float)(rect.w < rect.h ? rect.w : rect.h) / 2.0f;
    switch (index % 8) {
    case 0:
        fill_polygon(renderer, cx, cy + r * 0.12f, r, 3, -90.0f, 0.0f, color);
        break;
    case 1:
        fill_polygon(renderer, cx, cy, r, 4, -90.0f, 0.0f, color);
        break;
    case 2:
        play_fill_circle(renderer, cx, cy, r * 0.9f, color);
        break;
    case 3: {
        /* An axis-aligned square is a rectangle: no triangles to go wrong. */
        float h = r * 0.78f;
        SDL_FRect sq = {cx - h, cy - h, 2.0f * h, 2.0f * h};
        SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
        SDL_RenderFillRectF(renderer, &sq);
        break;
    }
    case 4:
        fill_polygon(renderer, cx, cy, r, 5, -90.0f, 0.0f, color);
        break;
    case 5:
        fill_polygon(renderer, cx, cy, r, 6, 0.0f, 0.0f, color);
        break;
    case 6:
        fill_polygon(renderer, cx, cy, r * 1.05f, 5, -90.0f, 0.45f, color);
        break;
    default:
        fill_polygon(renderer, cx, cy, r, 8, 22.5f, 0.0f, color);
        break;
    }
}

void play_draw_line(SDL_Renderer *renderer, float x0, float y0, float x1, float y1, float width,
                    SDL_Color color)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 0.001f)
        return;
    float nx = -dy / len * width / 2.0f, ny = dx / len * width / 2.0f;
    SDL_Vertex v[6] = {
        vertex(x0 + nx, y0 + ny, color), vertex(x1 + nx, y1 + ny, color),
        vertex(x1 - nx, y1 - ny, color), vertex(x0 + nx, y0 + ny, color),
        vertex(x1 - nx, y1 - ny, color), vertex(x0 - nx, y0 - ny, color),
    };
    SDL_RenderGeometry(renderer, NULL, v, 6, NULL, 0);
    /* Round caps so joined strokes (the check mark) look like one line. */
    play_fill_circle(renderer, x0, y0, width / 2.0f, color);
    play_fill_circle(renderer, x1, y1, width / 2.0f, color);
}

void play_draw_check(SDL_Renderer *renderer, SDL_Rect r, SDL_Color color)
{
    float x = (float)r.x, y = (float)r.y, w = (float)r.w, h = (float)r.h;
    float t = w * 0.13f;
    play_draw_line(renderer, x + w * 0.18f, y + h * 0.52f, x + w * 0.42f, y + h * 0.76f, t, color);
    play_draw_line(renderer, x + w * 0.42f, y + h * 0.76f, x + w * 0.84f, y + h * 0.26f, t, color);
}

void play_draw_cross(SDL_Renderer *renderer, SDL_Rect r, SDL_Color color)
{
    float x = (float)r.x, y = (float)r.y, w = (float)r.w, h = (float)r.h;
    float t = w * 0.13f;
    play_draw_line(renderer, x + w * 0.25f, y + h * 0.25f, x + w * 0.75f, y + h * 0.75f, t, color);
    play_draw_line(renderer, x + w * 0.75f, y + h * 0.25f, x + w * 0.25f, y + h * 0.75f, t, color);
}

PlayVerdict play_verdict(const RoundResult *result)
{
    if (result->correct)
        return PLAY_VERDICT_RIGHT;
    if (result->timed_out)
        return PLAY_VERDICT_TIMED_OUT;
    return result->fraction.right > 0 ? PLAY_VERDICT_PARTLY : PLAY_VERDICT_WRONG;
}

ThemeColor play_verdict_color(PlayVerdict verdict)
{
    switch (verdict) {
    case PLAY_VERDICT_RIGHT:
        return COLOR_GOOD;
    case PLAY_VERDICT_WRONG:
        return COLOR_BAD;
    case PLAY_VERDICT_PARTLY:
    case PLAY_VERDICT_TIMED_OUT:
        break;
    }
    return COLOR_WARN;
}

/* A half disc: the left half of a circle (a fan over its rim). */
static void fill_half_circle(SDL_Renderer *renderer, float cx, float cy, float r, SDL_Color color)
{
    float px[21], py[21];
    const float pi = 3.14159265f;
    for (int i = 0; i <= 20; i++) {
        float a = pi / 2.0f + pi * (float)i / 20.0f; /* from the bottom round the left */
        px[i] = cx + r * cosf(a);
        py[i] = cy + r * sinf(a);
    }
    SDL_Vertex v[3 * 20];
    for (int i = 0; i < 20; i++) {
        v[3 * i] = vertex(cx, cy, color);
        v[3 * i + 1] = vertex(px[i], py[i], color);
        v[3 * i + 2] = vertex(px[i + 1], py[i + 1], color);
    }
    SDL_RenderGeometry(renderer, NULL, v, 3 * 20, NULL, 0);
}

void play_draw_verdict(SDL_Renderer *renderer, SDL_Rect box, PlayVerdict verdict)
{
    float d = (float)(box.w < box.h ? box.w : box.h);
    float cx = (float)box.x + d / 2.0f, cy = (float)box.y + d / 2.0f;
    play_fill_circle(renderer, cx, cy, d / 2.0f, theme_color(play_verdict_color(verdict)));
    SDL_Rect mark = {box.x + (int)(d / 6.0f), box.y + (int)(d / 6.0f), (int)(d * 2.0f / 3.0f),
                     (int)(d * 2.0f / 3.0f)};
    SDL_Color ink = theme_color(COLOR_BG);
    switch (verdict) {
    case PLAY_VERDICT_RIGHT:
        play_draw_check(renderer, mark, ink);
        break;
    case PLAY_VERDICT_PARTLY: {
        /* A ring half filled: some of it right. */
        SDL_Color tone = theme_color(play_verdict_color(verdict));
        play_fill_circle(renderer, cx, cy, d * 0.30f, ink);
        play_fill_circle(renderer, cx, cy, d * 0.30f - d * 0.08f, tone);
        fill_half_circle(renderer, cx, cy, d * 0.30f - d * 0.08f, ink);
        break;
    }
    case PLAY_VERDICT_WRONG:
    case PLAY_VERDICT_TIMED_OUT:
        play_draw_cross(renderer, mark, ink);
        break;
    }
}

bool play_hit(SDL_Rect rect, int x, int y)
{
    return x >= rect.x && y >= rect.y && x < rect.x + rect.w && y < rect.y + rect.h;
}

void play_ellipsize(char *dst, size_t size, const char *text, size_t max_bytes)
{
    if (size == 0)
        return;
    size_t len = strlen(text);
    if (len <= max_bytes && len < size) {
        memcpy(dst, text, len + 1);
        return;
    }
    size_t cut = max_bytes < size - 4 ? max_bytes : size - 4;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(dst, text, cut);
    memcpy(dst + cut, "\xE2\x80\xA6", 4); /* … */
}

int play_footer_top(App *app, const char *hint)
{
    /* widget_footer's own measure, a little closer to the hint. */
    return widget_footer_top(app, hint) + theme_px(&app->theme, 2);
}

int play_rows_min_height(App *app, size_t rows)
{
    const Theme *th = &app->theme;
    int n = (int)rows;
    return n * theme_px(th, 44) + (n - 1) * theme_px(th, 10) + play_submit_height(app) +
           theme_px(th, THEME_GAP);
}

SDL_Keycode play_plain_key(const SDL_Event *e)
{
    if (e->type != SDL_KEYDOWN || (e->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)))
        return SDLK_UNKNOWN;
    return e->key.keysym.sym;
}

int play_digit_key(const SDL_Event *e)
{
    SDL_Keycode k = play_plain_key(e);
    if (k >= SDLK_1 && k <= SDLK_8)
        return (int)(k - SDLK_1);
    if (k >= SDLK_KP_1 && k <= SDLK_KP_8)
        return (int)(k - SDLK_KP_1);
    return -1;
}

int play_letter_key(const SDL_Event *e)
{
    SDL_Keycode k = play_plain_key(e);
    return k >= SDLK_a && k <= SDLK_h ? (int)(k - SDLK_a) : -1;
}

int play_pick(PlayInput *in, const UiEvent *event, int direct, bool *used)
{
    if (direct >= 0) {
        nav_set_focus(&in->nav, direct);
        *used = true;
        return direct;
    }
    bool changed = false;
    int hit = nav_event(&in->nav, event, &changed);
    *used = hit >= 0 || changed || event->action == ACTION_ACCEPT;
    return hit;
}

int play_submit_height(App *app)
{
    return widget_button_height(app);
}

SDL_Rect play_layout_submit(App *app, PlayInput *in, SDL_Rect row, bool skip)
{
    const Theme *th = &app->theme;
    int bh = play_submit_height(app);
    int gap = theme_px(th, THEME_GAP);
    int sw = theme_px(th, 200), kw = skip ? theme_px(th, 170) : 0;
    TextSpec ls = {.style = TEXT_LABEL};
    /* Labels grow with the text size; the buttons grow with them. */
    int need = text_measure(app->text, &ls, _("I don't know")).x + theme_px(th, 28);
    if (skip && kw < need)
        kw = need;
    if (sw + (skip ? kw + gap : 0) > row.w) {
        sw = skip ? (row.w - gap) / 2 : row.w;
        kw = skip ? row.w - gap - sw : 0;
    }
    SDL_Rect submit, skip_rect = {0, 0, 0, 0};
    if (in->rtl) {
        submit = (SDL_Rect){row.x, row.y, sw, bh};
        if (skip)
            skip_rect = (SDL_Rect){submit.x + sw + gap, row.y, kw, bh};
        int from = skip ? skip_rect.x + kw + gap : submit.x + sw + gap;
        in->note_rect = (SDL_Rect){from, row.y, row.x + row.w - from, bh};
    } else {
        submit = (SDL_Rect){row.x + row.w - sw, row.y, sw, bh};
        if (skip)
            skip_rect = (SDL_Rect){submit.x - gap - kw, row.y, kw, bh};
        int to = skip ? skip_rect.x - gap : submit.x - gap;
        in->note_rect = (SDL_Rect){row.x, row.y, to - row.x, bh};
    }
    in->skip_rect = skip_rect;
    nav_add(&in->nav, submit, true);
    in->skip_nav = skip ? nav_add(&in->nav, skip_rect, true) : -1;
    return submit;
}

void play_say_missing(PlayInput *in, const char *what)
{
    snprintf(in->missing, sizeof in->missing, "%s", what);
}

const char *play_skip_hint(void)
{
    return _("Ctrl+D  I don't know");
}

void play_draw_submit(App *app, const PlayInput *in, SDL_Rect rect, const char *label,
                      int nav_index, const char *note)
{
    const char *say = in->missing[0] ? in->missing : note;
    if (say != NULL && say[0] != '\0' && in->note_rect.w > 0) {
        TextSpec ns = {.style = TEXT_SMALL,
                       .color = theme_color(in->missing[0] ? COLOR_WARN : COLOR_TEXT_DIM),
                       .align = in->rtl ? TEXT_ALIGN_RIGHT : TEXT_ALIGN_LEFT};
        SDL_Rect drawn = text_draw_fit(app->text, &ns, in->note_rect, say);
        app_record_widget(app, drawn, say, WIDGET_TEXT);
    }
    if (in->skip_nav >= 0)
        widget_button(app, in->skip_rect, _("I don't know"), nav_flag(&in->nav, in->skip_nav));
    widget_button(app, rect, label != NULL ? label : _("Submit"),
                  WIDGET_PRIMARY | nav_flag(&in->nav, nav_index));
}
