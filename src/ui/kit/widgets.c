/* widgets.c - the drawing of every widget (see widgets.h): rounded shapes
 * as spans of rectangles, since SDL2 has none, then buttons, tiles, rows,
 * headers and footers. Focus and scrolling are in widgets_nav.c. */
#include "widgets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "renderer.h"

/* ---- shapes ------------------------------------------------------------ */

/* Rounded rectangles are drawn as horizontal spans (SDL_RenderFillRects),
 * not as triangles through SDL_RenderGeometry: the software renderer fills
 * triangles pixel by pixel with blending, which made a 1920x1080 question
 * screen take ~14 ms; spans are memset-like fills and keep a full redraw
 * near 2 ms (tests/bench/bench_ui.c). Rows with the same span are merged,
 * so a tile is its corner rows plus one tall rectangle. Opaque spans are
 * written with plain stores (renderer_fill_rects, renderer.h). */

/* How far row `row` of a rounded rectangle `h` rows tall, with corner
 * radius `r`, is inset from each side (0 outside the corners). */
static int corner_inset(int h, int r, int row)
{
    int d = row < r ? r - row : (row >= h - r ? row - (h - r) + 1 : 0);
    if (d <= 0)
        return 0;
    float cy = (float)d - 0.5f; /* from the corner's centre to the row's middle */
    float half = sqrtf((float)(r * r) - cy * cy);
    return r - (int)lroundf(half);
}

typedef struct SpanBatch {
    SDL_Renderer *renderer;
    SDL_Rect rects[128];
    int count;
} SpanBatch;

static void spans_flush(SpanBatch *b)
{
    if (b->count > 0)
        renderer_fill_rects(b->renderer, b->rects, b->count);
    b->count = 0;
}

/* Adds the span [x0, x1) on row y, growing the previous rectangle when it
 * is the same span on the row above. */
static void spans_add(SpanBatch *b, int x0, int x1, int y)
{
    if (x1 <= x0)
        return;
    for (int i = b->count - 1; i >= 0 && i >= b->count - 2; i--) {
        SDL_Rect *last = &b->rects[i];
        if (last->x == x0 && last->w == x1 - x0 && last->y + last->h == y) {
            last->h++;
            return;
        }
    }
    if (b->count == (int)(sizeof b->rects / sizeof b->rects[0]))
        spans_flush(b);
    b->rects[b->count++] = (SDL_Rect){x0, y, x1 - x0, 1};
}

static int clamp_radius(SDL_Rect rect, int radius)
{
    int half = (rect.w < rect.h ? rect.w : rect.h) / 2;
    return radius < 0 ? 0 : radius > half ? half : radius;
}

/* Opaque colours are drawn without blending (faster, same pixels); the
 * renderer's blend mode is put back afterwards. */
static SDL_BlendMode begin_shape(SDL_Renderer *renderer, SDL_Color color)
{
    SDL_BlendMode old = SDL_BLENDMODE_BLEND;
    SDL_GetRenderDrawBlendMode(renderer, &old);
    SDL_SetRenderDrawBlendMode(renderer, color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
    return old;
}

void ui_fill_round(SDL_Renderer *renderer, SDL_Rect rect, int radius, SDL_Color color)
{
    if (rect.w <= 0 || rect.h <= 0)
        return;
    SDL_BlendMode old = begin_shape(renderer, color);
    int r = clamp_radius(rect, radius);
    SpanBatch b = {.renderer = renderer};
    for (int row = 0; row < rect.h; row++) {
        int inset = corner_inset(rect.h, r, row);
        spans_add(&b, rect.x + inset, rect.x + rect.w - inset, rect.y + row);
    }
    spans_flush(&b);
    SDL_SetRenderDrawBlendMode(renderer, old);
}

void ui_stroke_round(SDL_Renderer *renderer, SDL_Rect rect, int radius, int width, SDL_Color color)
{
    if (rect.w <= 0 || rect.h <= 0 || width <= 0)
        return;
    SDL_BlendMode old = begin_shape(renderer, color);
    int r = clamp_radius(rect, radius);
    /* The hole: the rectangle shrunk by the stroke width, its radius too. */
    SDL_Rect hole = {rect.x + width, rect.y + width, rect.w - 2 * width, rect.h - 2 * width};
    int hole_r = hole.w > 0 && hole.h > 0 ? clamp_radius(hole, r - width) : 0;
    SpanBatch b = {.renderer = renderer};
    for (int row = 0; row < rect.h; row++) {
        int y = rect.y + row;
        int left = rect.x + corner_inset(rect.h, r, row);
        int right = rect.x + rect.w - corner_inset(rect.h, r, row);
        int hole_row = y - hole.y;
        if (hole.w <= 0 || hole.h <= 0 || hole_row < 0 || hole_row >= hole.h) {
            spans_add(&b, left, right, y);
            continue;
        }
        int hole_inset = corner_inset(hole.h, hole_r, hole_row);
        spans_add(&b, left, hole.x + hole_inset, y);
        spans_add(&b, hole.x + hole.w - hole_inset, right, y);
    }
    spans_flush(&b);
    SDL_SetRenderDrawBlendMode(renderer, old);
}

static int radius_px(const App *app)
{
    return theme_px(&app->theme, THEME_RADIUS);
}

SDL_Rect widget_focus_ring_rect(const App *app, SDL_Rect rect)
{
    int out = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W);
    SDL_Rect r = {rect.x - out, rect.y - out, rect.w + 2 * out, rect.h + 2 * out};
    return r;
}

void widget_focus_ring(App *app, SDL_Rect rect)
{
    SDL_Rect r = widget_focus_ring_rect(app, rect);
    int out = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W);
    ui_stroke_round(app->renderer, r, radius_px(app) + out, theme_px(&app->theme, THEME_FOCUS_W),
                    theme_color(COLOR_FOCUS));
}

/* ---- widgets ----------------------------------------------------------- */

/* Controls drawn beside text (tick boxes, switches) grow with the
 * player's text size, never shrink below their 100 % size. */
static int control_px(const App *app, float units)
{
    float scale = app->theme.font_scale > 1.0f ? app->theme.font_scale : 1.0f;
    return theme_px(&app->theme, units * scale);
}

static SDL_Color dim_if(SDL_Color c, unsigned flags)
{
    return (flags & WIDGET_DISABLED) ? theme_mix(c, theme_color(COLOR_BG), 0.55f) : c;
}

static SDL_Rect inset(SDL_Rect r, int dx, int dy)
{
    SDL_Rect o = {r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
    if (o.w < 0)
        o.w = 0;
    if (o.h < 0)
        o.h = 0;
    return o;
}

static void surface(App *app, SDL_Rect rect, unsigned flags)
{
    SDL_Color bg = theme_color((flags & (WIDGET_SELECTED | WIDGET_FOCUSED)) ? COLOR_SURFACE_HI
                                                                            : COLOR_SURFACE);
    if (flags & WIDGET_PRIMARY)
        bg = theme_color(COLOR_ACCENT);
    ui_fill_round(app->renderer, rect, radius_px(app), dim_if(bg, flags));
    if (flags & WIDGET_DANGER)
        ui_stroke_round(app->renderer, rect, radius_px(app), theme_px(&app->theme, 2),
                        theme_color(COLOR_BAD));
}

int widget_button_height(App *app)
{
    TextSpec spec = {.style = TEXT_LABEL};
    int need = text_line_height(app->text, &spec) + theme_px(&app->theme, 22);
    int base = theme_px(&app->theme, THEME_BUTTON_H);
    return need > base ? need : base;
}

void widget_button(App *app, SDL_Rect rect, const char *label, unsigned flags)
{
    surface(app, rect, flags);
    SDL_Color fg = theme_color((flags & WIDGET_PRIMARY) ? COLOR_ON_ACCENT : COLOR_TEXT);
    TextSpec spec = {.style = TEXT_LABEL, .color = dim_if(fg, flags), .align = TEXT_ALIGN_CENTER};
    /* A label uses the whole button before it shrinks. */
    int pad = theme_px(&app->theme, 10);
    SDL_Rect box = inset(rect, pad, theme_px(&app->theme, 4));
    spec.shrink = text_fit_shrink(app->text, &spec, box.w, box.h, label);
    text_draw_fit(app->text, &spec, box, label);
    if (flags & WIDGET_FOCUSED)
        widget_focus_ring(app, rect);
    app_record_widget(app, rect, label, flags);
    app_record_text_px(app, text_font_px(app->text, &spec));
}

int widget_button_detail_height(App *app)
{
    TextSpec ls = {.style = TEXT_LABEL};
    TextSpec ds = {.style = TEXT_SMALL};
    int need = text_line_height(app->text, &ls) + text_line_height(app->text, &ds) +
               theme_px(&app->theme, 16);
    int base = widget_button_height(app);
    return need > base ? need : base;
}

void widget_button_detail(App *app, SDL_Rect rect, const char *label, const char *detail,
                          unsigned flags)
{
    if (detail == NULL || detail[0] == '\0') {
        widget_button(app, rect, label, flags);
        return;
    }
    surface(app, rect, flags);
    const Theme *t = &app->theme;
    bool primary = (flags & WIDGET_PRIMARY) != 0;
    SDL_Color fg = theme_color(primary ? COLOR_ON_ACCENT : COLOR_TEXT);
    SDL_Color dim =
        primary ? theme_mix(fg, theme_color(COLOR_ACCENT), 0.25f) : theme_color(COLOR_TEXT_DIM);
    TextSpec ls = {.style = TEXT_LABEL, .color = dim_if(fg, flags), .align = TEXT_ALIGN_CENTER};
    TextSpec ds = {.style = TEXT_SMALL, .color = dim_if(dim, flags), .align = TEXT_ALIGN_CENTER};
    int lh = text_line_height(app->text, &ls), dh = text_line_height(app->text, &ds);
    int pad = theme_px(t, 10);
    int y = rect.y + (rect.h - lh - dh) / 2;
    SDL_Rect lbox = {rect.x + pad, y, rect.w - 2 * pad, lh};
    SDL_Rect dbox = {rect.x + pad, y + lh, rect.w - 2 * pad, dh};
    ls.max_lines = ds.max_lines = 1;
    text_draw_fit(app->text, &ls, lbox, label);
    SDL_Rect drawn = text_draw_fit(app->text, &ds, dbox, detail);
    if (flags & WIDGET_FOCUSED)
        widget_focus_ring(app, rect);
    app_record_widget(app, rect, label, flags);
    app_record_widget(app, drawn, detail, WIDGET_TEXT);
}

static void check_box(App *app, SDL_Rect box, bool on, unsigned flags)
{
    int r = box.w / 4;
    if (on) {
        ui_fill_round(app->renderer, box, r, dim_if(theme_color(COLOR_ACCENT), flags));
        /* The tick: two thick strokes as quads. */
        float x = (float)box.x, y = (float)box.y, s = (float)box.w;
        SDL_Color c = theme_color(COLOR_ON_ACCENT);
        const float p[][2] = {{0.22f, 0.52f}, {0.42f, 0.72f}, {0.78f, 0.30f}};
        float t = s * 0.07f;
        for (int i = 0; i < 2; i++) {
            float ax = x + p[i][0] * s, ay = y + p[i][1] * s;
            float bx = x + p[i + 1][0] * s, by = y + p[i + 1][1] * s;
            float dx = bx - ax, dy = by - ay, len = sqrtf(dx * dx + dy * dy);
            float nx = -dy / len * t, ny = dx / len * t;
            SDL_Vertex v[4] = {{{ax + nx, ay + ny}, c, {0, 0}},
                               {{ax - nx, ay - ny}, c, {0, 0}},
                               {{bx + nx, by + ny}, c, {0, 0}},
                               {{bx - nx, by - ny}, c, {0, 0}}};
            int idx[6] = {0, 1, 2, 2, 1, 3};
            SDL_RenderGeometry(app->renderer, NULL, v, 4, idx, 6);
        }
    } else {
        ui_stroke_round(app->renderer, box, r, theme_px(&app->theme, 2),
                        dim_if(theme_color(COLOR_TEXT_DIM), flags));
    }
}

int widget_tile_height(App *app, int width, const char *title, const char *detail, bool show_check)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    int cw = width - 2 * pad - (show_check ? control_px(app, 24) + pad : 0);
    if (cw < 1)
        cw = 1;
    TextSpec ts = {.style = TEXT_LABEL, .wrap = cw};
    int h = text_measure(app->text, &ts, title).y;
    if (h <= 0)
        h = text_line_height(app->text, &ts);
    if (detail && detail[0]) {
        TextSpec ds = {.style = TEXT_SMALL, .wrap = cw};
        h += theme_px(t, 2) + text_measure(app->text, &ds, detail).y;
    }
    h += 2 * theme_px(t, 10);
    int min = theme_px(t, (detail && detail[0]) ? THEME_ROW_H : THEME_BUTTON_H);
    return h < min ? min : h;
}

void widget_tile(App *app, SDL_Rect rect, const char *title, const char *detail, bool show_check,
                 unsigned flags)
{
    surface(app, rect, flags);
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect content = inset(rect, pad, theme_px(t, 10));
    if (show_check) {
        int box = control_px(app, 24);
        SDL_Rect b = {rect.x + rect.w - pad - box, rect.y + (rect.h - box) / 2, box, box};
        check_box(app, b, (flags & WIDGET_SELECTED) != 0, flags);
        content.w -= box + pad;
    }
    SDL_Rect old_clip;
    SDL_bool had_clip = SDL_RenderIsClipEnabled(app->renderer);
    SDL_RenderGetClipRect(app->renderer, &old_clip);
    SDL_Rect clip = content;
    if (had_clip && !SDL_IntersectRect(&old_clip, &content, &clip))
        clip = (SDL_Rect){0, 0, 0, 0};
    SDL_RenderSetClipRect(app->renderer, &clip);
    /* Title and detail line up on the interface's side, whatever the
     * direction of the text in them (an Arabic pack in an English list).
     * LEFT is that side in a right-to-left interface too: its frame is
     * flipped, and text_set_mirror swaps the alignment with it. */
    TextAlign side = TEXT_ALIGN_LEFT;

    TextSpec ts = {.style = TEXT_LABEL,
                   .color = dim_if(theme_color(COLOR_TEXT), flags),
                   .wrap = content.w,
                   .align = side};
    bool has_detail = detail && detail[0];
    SDL_Color dc = theme_color((flags & WIDGET_DANGER) ? COLOR_BAD : COLOR_TEXT_DIM);
    TextSpec ds = {
        .style = TEXT_SMALL, .color = dim_if(dc, flags), .wrap = content.w, .align = side};
    int title_h = text_measure(app->text, &ts, title).y;
    int block = title_h;
    if (has_detail)
        block += theme_px(t, 2) + text_measure(app->text, &ds, detail).y;
    int y = content.y + (block < content.h ? (content.h - block) / 2 : 0);
    text_draw(app->text, &ts, content.x, y, title);
    if (has_detail) {
        SDL_Rect dr = text_draw(app->text, &ds, content.x, y + title_h + theme_px(t, 2), detail);
        app_record_widget(app, dr, detail, WIDGET_TEXT); /* so tests can read what it says */
    }
    if (had_clip)
        SDL_RenderSetClipRect(app->renderer, &old_clip);
    else
        SDL_RenderSetClipRect(app->renderer, NULL);
    if (flags & WIDGET_FOCUSED)
        widget_focus_ring(app, rect);
    app_record_widget(app, rect, title, flags);
}

/* Draws the label at the left of a row, fitted into what the right part
 * leaves, and returns the rectangle left for the right part. */
static void row_label(App *app, SDL_Rect rect, int right_w, const char *label, unsigned flags)
{
    int pad = theme_px(&app->theme, THEME_PAD);
    SDL_Rect box = {rect.x + pad, rect.y + theme_px(&app->theme, 4), rect.w - 3 * pad - right_w,
                    rect.h - theme_px(&app->theme, 8)};
    TextSpec spec = {.style = TEXT_BODY,
                     .color = dim_if(theme_color(COLOR_TEXT), flags),
                     .align = TEXT_ALIGN_LEFT};
    text_draw_fit(app->text, &spec, box, label);
}

void widget_option(App *app, SDL_Rect rect, const char *label, const char *value, unsigned flags)
{
    surface(app, rect, flags);
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    TextSpec vs = {.style = TEXT_LABEL, .color = dim_if(theme_color(COLOR_ACCENT), flags)};
    int vw = text_measure(app->text, &vs, value).x;
    int max_vw = rect.w * 45 / 100;
    if (vw > max_vw)
        vw = max_vw;
    TextSpec as = {.style = TEXT_LABEL, .color = dim_if(theme_color(COLOR_TEXT_DIM), flags)};
    int aw = text_measure(app->text, &as, "\xE2\x80\xB9").x; /* ‹ */
    int gap = theme_px(t, 10);
    int right_w = vw + 2 * (aw + gap);
    row_label(app, rect, right_w, label, flags);
    int x_end = rect.x + rect.w - pad;
    int lh = text_line_height(app->text, &vs);
    int y = rect.y + (rect.h - lh) / 2;
    /* The chevrons point outward on the screen: in a mirrored frame the
     * outer one is drawn where "‹" would be on the left (app.c). */
    const char *outer = app->theme.rtl ? "\xE2\x80\xB9" : "\xE2\x80\xBA"; /* ‹ or › */
    const char *inner = app->theme.rtl ? "\xE2\x80\xBA" : "\xE2\x80\xB9";
    text_draw(app->text, &as, x_end - aw, y, outer);
    SDL_Rect vbox = {x_end - aw - gap - vw, rect.y, vw, rect.h};
    vs.align = TEXT_ALIGN_CENTER;
    text_draw_fit(app->text, &vs, vbox, value);
    text_draw(app->text, &as, vbox.x - gap - aw, y, inner);

    if (flags & WIDGET_FOCUSED)
        widget_focus_ring(app, rect);
    app_record_widget(app, rect, label, flags);
}

void widget_toggle(App *app, SDL_Rect rect, const char *label, bool on, unsigned flags)
{
    surface(app, rect, flags);
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    int tw = control_px(app, 46), th = control_px(app, 26);
    row_label(app, rect, tw, label, flags);
    SDL_Rect track = {rect.x + rect.w - pad - tw, rect.y + (rect.h - th) / 2, tw, th};
    ui_fill_round(app->renderer, track, th / 2,
                  dim_if(theme_color(on ? COLOR_ACCENT : COLOR_BORDER), flags));
    int k = th - theme_px(t, 6);
    SDL_Rect knob = {on ? track.x + tw - k - theme_px(t, 3) : track.x + theme_px(t, 3),
                     track.y + (th - k) / 2, k, k};
    ui_fill_round(app->renderer, knob, k / 2,
                  dim_if(theme_color(on ? COLOR_ON_ACCENT : COLOR_TEXT), flags));
    if (flags & WIDGET_FOCUSED)
        widget_focus_ring(app, rect);
    app_record_widget(app, rect, label, flags | (on ? WIDGET_SELECTED : 0u));
}

void widget_panel(App *app, SDL_Rect rect)
{
    ui_fill_round(app->renderer, rect, radius_px(app), theme_color(COLOR_SURFACE));
}

int widget_section_gap(App *app)
{
    TextSpec spec = {.style = TEXT_LABEL};
    return text_line_height(app->text, &spec) + theme_px(&app->theme, 8);
}

void widget_section_title(App *app, int x, int y, const char *title)
{
    TextSpec spec = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    text_draw(app->text, &spec, x, y - widget_section_gap(app), title);
}

SDL_Rect widget_section(App *app, SDL_Rect panel, const char *title)
{
    widget_section_title(app, panel.x, panel.y, title);
    widget_panel(app, panel);
    return panel;
}

void widget_progress(App *app, SDL_Rect rect, float fraction, SDL_Color fill)
{
    if (fraction < 0.0f || fraction != fraction)
        fraction = 0.0f;
    if (fraction > 1.0f)
        fraction = 1.0f;
    int r = rect.h / 2;
    ui_fill_round(app->renderer, rect, r, theme_color(COLOR_BORDER));
    SDL_Rect f = rect;
    f.w = (int)lroundf((float)rect.w * fraction);
    if (f.w > 0) {
        if (f.w < rect.h)
            f.w = rect.h < rect.w ? rect.h : rect.w; /* a visible dot, never a sliver */
        ui_fill_round(app->renderer, f, r, fill);
    }
}

void widget_bar_chart(App *app, SDL_Rect rect, const float *values, size_t count, float max_value,
                      int highlight)
{
    const Theme *t = &app->theme;
    SDL_Rect base = {rect.x, rect.y + rect.h - theme_px(t, 1), rect.w, theme_px(t, 1)};
    SDL_Color bc = theme_color(COLOR_BORDER);
    SDL_SetRenderDrawColor(app->renderer, bc.r, bc.g, bc.b, 255);
    SDL_RenderFillRect(app->renderer, &base);
    if (count == 0)
        return;
    if (max_value <= 0.0f)
        for (size_t i = 0; i < count; i++)
            if (values[i] > max_value)
                max_value = values[i];
    if (max_value <= 0.0f)
        max_value = 1.0f;
    float slot = (float)rect.w / (float)count;
    float bw = slot * 0.7f;
    float max_bw = (float)theme_px(t, 36);
    if (bw > max_bw)
        bw = max_bw;
    for (size_t i = 0; i < count; i++) {
        float v = values[i] < 0.0f ? 0.0f : values[i];
        int h = (int)lroundf((float)(rect.h - base.h) * (v / max_value));
        if (v > 0.0f && h < theme_px(t, 3))
            h = theme_px(t, 3);
        SDL_Rect bar = {rect.x + (int)lroundf(slot * (float)i + (slot - bw) / 2.0f),
                        rect.y + rect.h - base.h - h, (int)lroundf(bw), h};
        SDL_Color c = theme_color((int)i == highlight ? COLOR_FOCUS : COLOR_ACCENT);
        int r = bar.w / 4 < h / 2 ? bar.w / 4 : h / 2;
        ui_fill_round(app->renderer, bar, r, c);
    }
}

void widget_scrollbar(App *app, SDL_Rect view, const Scroll *scroll)
{
    if (scroll->content <= scroll->view || scroll->content <= 0)
        return;
    int w = theme_px(&app->theme, 5);
    SDL_Rect track = {view.x + view.w - w, view.y, w, view.h};
    ui_fill_round(app->renderer, track, w / 2, theme_color(COLOR_SURFACE));
    int th = (int)((long)view.h * scroll->view / scroll->content);
    if (th < w * 4)
        th = w * 4;
    int max = scroll->content - scroll->view;
    int ty = view.y + (int)((long)(view.h - th) * scroll->offset / (max > 0 ? max : 1));
    SDL_Rect thumb = {track.x, ty, w, th};
    ui_fill_round(app->renderer, thumb, w / 2, theme_color(COLOR_TEXT_DIM));
}

void widget_text_field(App *app, SDL_Rect rect, const TextField *field, const char *composition,
                       const char *placeholder, unsigned flags)
{
    const Theme *t = &app->theme;
    ui_fill_round(app->renderer, rect, radius_px(app), theme_color(COLOR_BG));
    ui_stroke_round(app->renderer, rect, radius_px(app), theme_px(t, 2),
                    theme_color((flags & WIDGET_FOCUSED) ? COLOR_ACCENT : COLOR_BORDER));
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect box = inset(rect, pad, theme_px(t, 2));
    bool focused = (flags & WIDGET_FOCUSED) != 0;
    bool empty = field->len == 0 && (composition == NULL || composition[0] == '\0');
    if (empty && placeholder != NULL) {
        TextSpec ps = {.style = TEXT_BODY,
                       .color = theme_color(COLOR_TEXT_DIM),
                       .max_lines = 1,
                       .no_shrink = true};
        text_draw_fit(app->text, &ps, (SDL_Rect){box.x + theme_px(t, 6), box.y, box.w, box.h},
                      placeholder);
    }
    TextSpec spec = {.style = TEXT_BODY};
    text_field_draw(app->renderer, app->text, t, field, box, &spec, composition, focused);
    app_record_widget(app, rect, placeholder ? placeholder : "", flags);
}

static int header(App *app, const char *title, const char *subtitle, bool draw)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 0, THEME_MARGIN);
    TextSpec bs = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    const char *back = _("Esc  Back");
    SDL_Point bsz = text_measure(app->text, &bs, back);
    int pad = theme_px(t, 12);
    SDL_Rect br = {col.x + col.w - bsz.x - 2 * pad, col.y, bsz.x + 2 * pad,
                   bsz.y + theme_px(t, 12)};
    TextSpec hs = {.style = TEXT_HEADING, .wrap = br.x - col.x - theme_px(t, 16)};
    if (hs.wrap < col.w / 2)
        hs.wrap = col.w / 2;
    int y;
    if (draw) {
        SDL_Rect r = text_draw(app->text, &hs, col.x, col.y, title);
        if (r.w > 0)
            app_record_widget(app, r, title, WIDGET_TEXT);
        y = r.y + (r.h > 0 ? r.h : text_line_height(app->text, &hs));
        /* A small "Back" pill at the right, for mouse users. */
        ui_fill_round(app->renderer, br, br.h / 2, theme_color(COLOR_SURFACE));
        text_draw(app->text, &bs, br.x + pad, br.y + (br.h - bsz.y) / 2, back);
        app_record_widget(app, br, C_("button", "Back"), 0);

        app_set_back_button(app, br);
    } else {
        SDL_Point sz = text_measure(app->text, &hs, title);
        y = col.y + (sz.y > 0 ? sz.y : text_line_height(app->text, &hs));
    }
    if (subtitle && subtitle[0]) {
        TextSpec ss = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM), .wrap = col.w};
        if (draw) {
            SDL_Rect r = text_draw(app->text, &ss, col.x, y + theme_px(t, 4), subtitle);
            app_record_widget(app, r, subtitle, WIDGET_TEXT);
            y = r.y + r.h;
        } else {
            y += theme_px(t, 4) + text_measure(app->text, &ss, subtitle).y;
        }
    }
    return y + theme_px(t, 18);
}

int widget_header(App *app, const char *title, const char *subtitle)
{
    return header(app, title, subtitle, true);
}

int widget_header_bottom(App *app, const char *title, const char *subtitle)
{
    return header(app, title, subtitle, false);
}

/* A hint line as it is wrapped: "Enter  submit    Esc  quit round" is
 * items four spaces apart, each a key and what it does; a line may break
 * only between items, so the one or two spaces inside an item become
 * no-break spaces. */
static void hint_items(const char *hint, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; hint[i] != '\0' && o + 3 < size;) {
        if (hint[i] != ' ') {
            out[o++] = hint[i++];
            continue;
        }
        size_t run = 0;
        while (hint[i + run] == ' ')
            run++;
        for (size_t k = 0; k < run && o + 3 < size; k++) {
            if (run >= 3) {
                out[o++] = ' ';
            } else {
                out[o++] = '\xC2'; /* U+00A0 */
                out[o++] = '\xA0';
            }
        }
        i += run;
    }
    out[o] = '\0';
}

static int footer(App *app, const char *hint, bool draw)
{
    const Theme *t = &app->theme;
    TextSpec fs = {.style = TEXT_SMALL,
                   .color = theme_color(COLOR_TEXT_DIM),
                   .align = TEXT_ALIGN_CENTER,
                   .wrap = t->out_w - 2 * theme_px(t, THEME_MARGIN)};
    char items[1024];
    hint_items(hint, items, sizeof items);
    SDL_Point sz = text_measure(app->text, &fs, items);
    int y = t->out_h - theme_px(t, 14) - sz.y;
    if (draw) {
        SDL_Rect r = text_draw(app->text, &fs, theme_px(t, THEME_MARGIN), y, items);
        if (r.w > 0)
            app_record_widget(app, r, hint, WIDGET_TEXT); /* what the keys do, for tests */
    }
    return y - theme_px(t, 12);
}

int widget_footer(App *app, const char *hint)
{
    return footer(app, hint, true);
}

int widget_footer_top(App *app, const char *hint)
{
    return footer(app, hint, false);
}
