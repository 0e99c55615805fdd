/* text_field.c - editing and drawing the text of a field (see
 * text_field.h). Offsets are bytes on character boundaries; a word ends at
 * a space. */
#include "text_field.h"

#include <string.h>

/* ---- characters and words ------------------------------------------------ */

static bool is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static size_t prev_char(const TextField *f, size_t at)
{
    if (at == 0)
        return 0;
    at--;
    while (at > 0 && is_cont((unsigned char)f->text[at]))
        at--;
    return at;
}

static size_t next_char(const TextField *f, size_t at)
{
    if (at >= f->len)
        return f->len;
    at++;
    while (at < f->len && is_cont((unsigned char)f->text[at]))
        at++;
    return at;
}

/* The start of the word before `at` (spaces before it skipped). */
static size_t prev_word(const TextField *f, size_t at)
{
    while (at > 0 && f->text[at - 1] == ' ')
        at--;
    while (at > 0 && f->text[at - 1] != ' ')
        at = prev_char(f, at);
    return at;
}

/* The end of the word after `at` (spaces before it skipped). */
static size_t next_word(const TextField *f, size_t at)
{
    while (at < f->len && f->text[at] == ' ')
        at++;
    while (at < f->len && f->text[at] != ' ')
        at = next_char(f, at);
    return at;
}

static size_t sel_lo(const TextField *f)
{
    return f->cursor < f->anchor ? f->cursor : f->anchor;
}

static size_t sel_hi(const TextField *f)
{
    return f->cursor > f->anchor ? f->cursor : f->anchor;
}

/* Removes [lo, hi) and puts the cursor there. */
static void remove_range(TextField *f, size_t lo, size_t hi)
{
    if (hi > f->len)
        hi = f->len;
    if (lo >= hi) {
        f->cursor = f->anchor = lo < f->len ? lo : f->len;
        return;
    }
    memmove(f->text + lo, f->text + hi, f->len - hi + 1);
    f->len -= hi - lo;
    f->cursor = f->anchor = lo;
}

static bool remove_selection(TextField *f)
{
    if (!text_field_has_selection(f))
        return false;
    remove_range(f, sel_lo(f), sel_hi(f));
    return true;
}

/* ---- editing --------------------------------------------------------------- */

void text_field_clear(TextField *field)
{
    field->text[0] = '\0';
    field->len = field->cursor = field->anchor = 0;
}

void text_field_set(TextField *field, const char *utf8)
{
    text_field_clear(field);
    text_field_append(field, utf8 != NULL ? utf8 : "");
}

bool text_field_has_selection(const TextField *field)
{
    return field->cursor != field->anchor;
}

bool text_field_append(TextField *field, const char *utf8)
{
    bool changed = remove_selection(field);
    const unsigned char *s = (const unsigned char *)utf8;
    while (*s != '\0') {
        size_t n = 1;
        if (*s >= 0xF0)
            n = 4;
        else if (*s >= 0xE0)
            n = 3;
        else if (*s >= 0xC0)
            n = 2;
        size_t avail = 0;
        while (avail < n && s[avail] != '\0')
            avail++;
        if (avail < n)
            break; /* a cut-off sequence at the end: drop it */
        const char *put = (const char *)s;
        size_t put_n = n;
        if (n == 1 && (*s == '\n' || *s == '\r' || *s == '\t')) {
            /* One space for a run of breaks, never two in a row. */
            bool space_before = field->cursor > 0 && field->text[field->cursor - 1] == ' ';
            put = " ";
            put_n = space_before || field->cursor == 0 ? 0 : 1;
        } else if (n == 1 && *s < 0x20) {
            put_n = 0;
        }
        if (field->len + put_n >= TEXT_FIELD_MAX)
            break;
        if (put_n > 0) {
            char *at = field->text + field->cursor;
            memmove(at + put_n, at, field->len - field->cursor + 1);
            memcpy(at, put, put_n);
            field->len += put_n;
            field->cursor += put_n;
            field->anchor = field->cursor;
            changed = true;
        }
        s += n;
    }
    field->text[field->len] = '\0';
    return changed;
}

bool text_field_backspace(TextField *field)
{
    if (remove_selection(field))
        return true;
    if (field->cursor == 0)
        return false;
    remove_range(field, prev_char(field, field->cursor), field->cursor);
    return true;
}

/* Moves the cursor to `to`, selecting from where it was when `extend`. */
static void move(TextField *f, size_t to, bool extend)
{
    f->cursor = to;
    if (!extend)
        f->anchor = to;
}

static void copy_selection(const TextField *f)
{
    if (!text_field_has_selection(f))
        return;
    char buf[TEXT_FIELD_MAX];
    size_t lo = sel_lo(f), hi = sel_hi(f);
    memcpy(buf, f->text + lo, hi - lo);
    buf[hi - lo] = '\0';
    SDL_SetClipboardText(buf);
}

static bool key_event(TextField *f, const SDL_KeyboardEvent *key, bool rtl)
{
    SDL_Keycode k = key->keysym.sym;
    Uint16 mod = key->keysym.mod;
    bool ctrl = (mod & (KMOD_CTRL | KMOD_GUI)) != 0;
    bool shift = (mod & KMOD_SHIFT) != 0;
    SDL_Scancode sc = key->keysym.scancode;
    switch (k) {
    case SDLK_BACKSPACE:
        if (ctrl && !text_field_has_selection(f)) {
            remove_range(f, prev_word(f, f->cursor), f->cursor);
            return true;
        }
        text_field_backspace(f);
        return true;
    case SDLK_DELETE:
        if (remove_selection(f))
            return true;
        remove_range(f, f->cursor, ctrl ? next_word(f, f->cursor) : next_char(f, f->cursor));
        return true;
    case SDLK_LEFT:
    case SDLK_RIGHT: {
        /* Towards the start of the text, or its end, as on screen. */
        bool back = (k == SDLK_LEFT) != rtl;
        if (!shift && text_field_has_selection(f)) {
            move(f, back ? sel_lo(f) : sel_hi(f), false);
            return true;
        }
        size_t to = back ? (ctrl ? prev_word(f, f->cursor) : prev_char(f, f->cursor))
                         : (ctrl ? next_word(f, f->cursor) : next_char(f, f->cursor));
        move(f, to, shift);
        return true;
    }
    case SDLK_HOME:
        move(f, 0, shift);
        return true;
    case SDLK_END:
        move(f, f->len, shift);
        return true;
    default:
        break;
    }
    /* Ctrl shortcuts by the key's place, so they work in any layout. */
    if (ctrl && sc == SDL_SCANCODE_A) {
        f->anchor = 0;
        f->cursor = f->len;
        return true;
    }
    if (ctrl && (sc == SDL_SCANCODE_C || sc == SDL_SCANCODE_X)) {
        copy_selection(f);
        if (sc == SDL_SCANCODE_X)
            remove_selection(f);
        return true;
    }
    if (ctrl && sc == SDL_SCANCODE_V) {
        if (SDL_HasClipboardText()) {
            char *clip = SDL_GetClipboardText();
            if (clip != NULL) {
                text_field_append(f, clip);
                SDL_free(clip);
            }
        }
        return true;
    }
    return false;
}

bool text_field_event(TextField *field, const UiEvent *event, bool rtl)
{
    const SDL_Event *e = event->sdl;
    if (e->type == SDL_TEXTINPUT)
        return text_field_append(field, e->text.text);
    if (e->type == SDL_KEYDOWN)
        return key_event(field, &e->key, rtl);
    return false;
}

/* ---- drawing --------------------------------------------------------------- */

/* The width of s[0..n) as drawn with spec. */
static int prefix_width(TextCache *text, const TextSpec *spec, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    char buf[TEXT_FIELD_MAX + 256];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return text_measure(text, spec, buf).x;
}

/* A rectangle as the window shows it, back in the (unflipped) frame. */
static SDL_Rect back_to_frame(const Theme *theme, bool mirror, SDL_Rect r)
{
    if (mirror)
        r.x = theme->out_w - r.x - r.w;
    return r;
}

SDL_Rect text_field_draw(SDL_Renderer *renderer, TextCache *text, const Theme *theme,
                         const TextField *field, SDL_Rect box, const TextSpec *spec,
                         const char *composition, bool focused)
{
    TextSpec ts = *spec;
    ts.wrap = 0;
    ts.align = TEXT_ALIGN_LEFT;
    /* What is shown: the text with the composition at the cursor. */
    const char *comp = composition != NULL ? composition : "";
    size_t clen = strlen(comp);
    char shown[TEXT_FIELD_MAX + 256];
    size_t at = field->cursor <= field->len ? field->cursor : field->len;
    if (clen > sizeof shown - field->len - 1)
        clen = sizeof shown - field->len - 1;
    memcpy(shown, field->text, at);
    memcpy(shown + at, comp, clen);
    memcpy(shown + at + clen, field->text + at, field->len - at + 1);

    /* In a right-to-left interface the frame is flipped after drawing
     * (app.c) while text keeps reading right: lay the field out as the
     * window shows it, in `box` mirrored, and mirror each piece back. An
     * empty field waits at the interface's start side. */
    bool mirror = theme->rtl;
    bool rtl = shown[0] ? text_is_rtl(shown, ts.lang) : mirror;

    SDL_Rect frame_box = box;
    if (mirror)
        box.x = theme->out_w - box.x - box.w;
    int lh = text_line_height(text, &ts);
    int y = box.y + (box.h - lh) / 2;
    int total = text_measure(text, &ts, shown).x;
    int caret_w = prefix_width(text, &ts, shown, at + clen);
    /* Scrolled so the caret stays in view (no state: the caret decides). */
    int scroll = 0;
    if (total > box.w && caret_w > box.w - 4)
        scroll = caret_w - (box.w - 4);
    /* Left to right the text starts at the left; right to left at the
     * right, where its first character is. */
    int x0 = rtl ? box.x + box.w - total + scroll : box.x - scroll;
    if (!rtl && total <= box.w)
        x0 = box.x;
    if (rtl && total <= box.w)
        x0 = box.x + box.w - total;
    /* A logical offset's place on screen: from the start side. */
    int start_x = rtl ? x0 + total : x0;
    int dir = rtl ? -1 : 1;

    SDL_Rect old_clip;
    SDL_bool had_clip = SDL_RenderIsClipEnabled(renderer);
    SDL_RenderGetClipRect(renderer, &old_clip);
    SDL_RenderSetClipRect(renderer, &frame_box);
    if (text_field_has_selection(field)) {
        size_t lo = sel_lo(field), hi = sel_hi(field);
        size_t slo = lo <= at ? lo : lo + clen, shi = hi <= at ? hi : hi + clen;
        int a = start_x + dir * prefix_width(text, &ts, shown, slo);
        int b = start_x + dir * prefix_width(text, &ts, shown, shi);
        SDL_Rect sel =
            back_to_frame(theme, mirror, (SDL_Rect){a < b ? a : b, y, a < b ? b - a : a - b, lh});
        SDL_Color c = theme_color(COLOR_ACCENT);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 90);
        SDL_RenderFillRect(renderer, &sel);
    }
    text_draw(text, &ts, back_to_frame(theme, mirror, (SDL_Rect){x0, y, total, lh}).x, y, shown);
    if (clen > 0) {
        int a = start_x + dir * prefix_width(text, &ts, shown, at);
        int b = start_x + dir * caret_w;
        SDL_Rect ul = back_to_frame(theme, mirror,
                                    (SDL_Rect){a < b ? a : b, y + lh - theme_px(theme, 4),
                                               a < b ? b - a : a - b, theme_px(theme, 2)});
        SDL_Color c = theme_color(COLOR_ACCENT);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 255);
        SDL_RenderFillRect(renderer, &ul);
    }
    SDL_Rect caret = back_to_frame(
        theme, mirror,
        (SDL_Rect){start_x + dir * caret_w + (rtl ? -theme_px(theme, 2) : 0),
                   y + theme_px(theme, 3), theme_px(theme, 2), lh - theme_px(theme, 6)});
    if (focused) {
        SDL_Color c = theme_color(COLOR_FOCUS);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 255);
        SDL_RenderFillRect(renderer, &caret);
    }
    if (had_clip)
        SDL_RenderSetClipRect(renderer, &old_clip);
    else
        SDL_RenderSetClipRect(renderer, NULL);
    return caret;
}
