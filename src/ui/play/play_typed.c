/* play_typed.c - typed answers and cloze gaps (see play.h).
 *
 * Real text input: SDL_TEXTINPUT appends (any script; the text cache shapes
 * Arabic), SDL_TEXTEDITING shows the IME's composition underlined until it
 * is committed, Backspace removes one whole UTF-8 character, Ctrl+V pastes
 * the clipboard. Enter submits a typed answer; in a cloze it moves to the
 * next gap (Tab / Shift+Tab go either way, the numbered chips jump) and
 * submits from the last. Judging is the core's (answer_match via
 * round_answer); nothing here compares strings.
 */
#include "play.h"

#include <stdio.h>
#include <string.h>

static bool is_cloze(const PlayInput *in)
{
    return in->q->type == QUESTION_CLOZE;
}

void play_typed_layout(App *app, PlayInput *in)
{
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    int gap = theme_px(th, THEME_GAP);
    int fh = theme_px(th, 60);
    int bh = theme_px(th, THEME_BUTTON_H);
    int w = a.w < theme_px(th, 680) ? a.w : theme_px(th, 680);
    int x = a.x + (a.w - w) / 2;
    int y = a.y;
    nav_begin(&in->nav);
    if (is_cloze(in)) {
        /* The sentence panel takes what the field and buttons leave. */
        TextSpec small = {.style = TEXT_SMALL};
        int label_h = text_line_height(app->text, &small) + theme_px(th, 6);
        int chips_h = theme_px(th, 40);
        int rest = label_h + fh + gap + bh + gap + chips_h + gap;
        int ph = a.h - rest;
        if (ph > theme_px(th, 170))
            ph = theme_px(th, 170);
        if (ph < theme_px(th, 60))
            ph = theme_px(th, 60);
        in->tile[0] = (SDL_Rect){a.x, y, a.w, ph}; /* the sentence */
        y += ph + gap;
        int cw = theme_px(th, 44);
        size_t n = in->field_count;
        for (size_t i = 0; i < n; i++) {
            in->gap_rect[i] = (SDL_Rect){x + (int)i * (cw + theme_px(th, 8)), y, cw, chips_h};
            nav_add(&in->nav, in->gap_rect[i], true);
        }
        y += chips_h + gap + label_h;
    }
    in->field_rect = (SDL_Rect){x, y, w, fh};
    int sw = theme_px(th, 220);
    in->submit = (SDL_Rect){x + w - sw, y + fh + gap, sw, bh};
    nav_add(&in->nav, in->submit, true);
    nav_end(&in->nav);
    /* The focus stays on Submit unless a chip was clicked; the field always
     * takes the typing. */
}

static bool all_gaps_filled(const PlayInput *in)
{
    for (size_t i = 0; i < in->field_count; i++)
        if (in->field[i].len == 0)
            return false;
    return true;
}

static void commit(PlayInput *in)
{
    if (is_cloze(in)) {
        for (size_t i = 0; i < in->field_count; i++)
            in->gap_texts[i] = in->field[i].text;
        in->given.gaps = in->gap_texts;
        in->given.gap_count = in->field_count;
    } else {
        in->given.text = in->field_count > 0 ? in->field[0].text : "";
    }
    in->ready = true;
}

static void backspace(TextField *f)
{
    if (f->len == 0)
        return;
    size_t i = f->len - 1;
    while (i > 0 && ((unsigned char)f->text[i] & 0xC0) == 0x80)
        i--;
    f->len = i;
    f->text[i] = '\0';
}

static void move_gap(PlayInput *in, int delta)
{
    int g = (int)in->gap + delta;
    if (g < 0)
        g = 0;
    if (g >= (int)in->field_count)
        g = (int)in->field_count - 1;
    in->gap = (size_t)g;
    in->composition[0] = '\0';
}

bool play_typed_event(App *app, PlayInput *in, const UiEvent *event)
{
    (void)app;
    if (in->field_count == 0)
        return false;
    const SDL_Event *e = event->sdl;
    TextField *f = &in->field[in->gap];
    if (e->type == SDL_TEXTINPUT) {
        in->composition[0] = '\0';
        play_field_append(f, e->text.text);
        return true;
    }
    if (e->type == SDL_TEXTEDITING) {
        snprintf(in->composition, sizeof in->composition, "%s", e->edit.text);
        return true;
    }
    if (e->type == SDL_KEYDOWN) {
        SDL_Keycode k = e->key.keysym.sym;
        Uint16 mod = e->key.keysym.mod;
        if (k == SDLK_BACKSPACE) {
            if (in->composition[0] == '\0')
                backspace(f);
            return true;
        }
        if (k == SDLK_v && (mod & (KMOD_CTRL | KMOD_GUI))) {
            if (SDL_HasClipboardText()) {
                char *clip = SDL_GetClipboardText();
                if (clip != NULL) {
                    play_field_append(f, clip);
                    SDL_free(clip);
                }
            }
            return true;
        }
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            if (in->composition[0] != '\0')
                return true; /* the IME is still composing: Enter is its */
            if (is_cloze(in) && (in->gap + 1 < in->field_count || !all_gaps_filled(in))) {
                if (in->gap + 1 < in->field_count) {
                    move_gap(in, 1);
                } else {
                    /* Last gap but some are empty: submit anyway (an empty
                     * gap is simply wrong), as the player asked. */
                    commit(in);
                }
                return true;
            }
            commit(in);
            return true;
        }
        if (is_cloze(in) && k == SDLK_TAB) {
            move_gap(in, (mod & KMOD_SHIFT) ? -1 : 1);
            return true;
        }
        if (is_cloze(in) && (k == SDLK_UP || k == SDLK_DOWN)) {
            move_gap(in, k == SDLK_UP ? -1 : 1);
            return true;
        }
    }
    if (event->action == ACTION_BACK)
        return false; /* the scene asks whether to quit the round */
    if (event->action == ACTION_ACCEPT && e->type != SDL_KEYDOWN) {
        commit(in); /* a gamepad's A: the keyboard's Enter is handled above */
        return true;
    }
    if (event->pointer == POINTER_NONE)
        return e->type == SDL_KEYDOWN; /* keys belong to the field */
    bool changed = false;
    int hit = nav_event(&in->nav, event, &changed);
    int chips = is_cloze(in) ? (int)in->field_count : 0;
    if (hit >= 0 && hit < chips) {
        in->gap = (size_t)hit;
        in->composition[0] = '\0';
        return true;
    }
    if (hit == chips) {
        commit(in);
        return true;
    }
    return changed;
}

/* The cloze sentence with its gaps written in: "[1: Spain]", "[2: ____]",
 * the current one marked. */
static void cloze_sentence(const PlayInput *in, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    const Question *q = in->q;
    for (size_t i = 0; i <= q->gap_count && len + 1 < size; i++) {
        int w = snprintf(out + len, size - len, "%s", q->cloze_parts[i]);
        if (w > 0)
            len += (size_t)w;
        if (i == q->gap_count || len + 1 >= size)
            break;
        const char *typed = i < in->field_count ? in->field[i].text : "";
        const char *shown = typed[0] != '\0'             ? typed
                            : q->gaps[i].hint[0] != '\0' ? q->gaps[i].hint
                                                         : "_____";
        if (typed[0] == '\0' && q->gaps[i].hint[0] != '\0') {
            w = snprintf(out + len, size - len, "%s[%zu: %s?]", i == in->gap ? "\xC2\xBB" : "",
                         i + 1, shown);
        } else {
            w = snprintf(out + len, size - len, "%s[%zu: %s]", i == in->gap ? "\xC2\xBB" : "",
                         i + 1, shown);
        }
        if (w > 0)
            len += (size_t)w;
        if (len >= size)
            len = size - 1;
    }
}

static void draw_field(App *app, PlayInput *in)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect r = in->field_rect;
    int radius = theme_px(th, 10);
    ui_fill_round(ren, r, radius, theme_color(COLOR_SURFACE));
    ui_stroke_round(ren, r, radius, theme_px(th, 2), theme_color(COLOR_ACCENT));
    const TextField *f = &in->field[in->gap];
    int pad = theme_px(th, 16);
    SDL_Rect box = {r.x + pad, r.y + 2, r.w - 2 * pad, r.h - 4};
    char shown[TEXT_FIELD_MAX + sizeof in->composition];
    snprintf(shown, sizeof shown, "%s%s", f->text, in->composition);
    bool rtl = text_is_rtl(shown[0] ? shown : in->q->answer, in->lang);
    TextSpec ts = {.style = TEXT_HEADING, .lang = in->lang};
    if (shown[0] == '\0') {
        TextSpec ps = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM), .lang = in->lang};
        int lh = text_line_height(app->text, &ps);
        text_draw(app->text, &ps, box.x + theme_px(th, 8), box.y + (box.h - lh) / 2,
                  is_cloze(in) ? "Type this gap" : "Type your answer");
        SDL_Rect caret = {box.x + 1, box.y + box.h / 4, theme_px(th, 2), box.h / 2};
        SDL_SetRenderDrawColor(ren, 250, 204, 92, 255);
        SDL_RenderFillRect(ren, &caret);
    } else {
        SDL_Point sz = text_measure(app->text, &ts, shown);
        if (sz.x <= box.w) {
            int lh = text_line_height(app->text, &ts);
            int y = box.y + (box.h - lh) / 2;
            int x = rtl ? box.x + box.w - sz.x : box.x;
            text_draw(app->text, &ts, x, y, shown);
            if (in->composition[0] != '\0' && !rtl) {
                SDL_Point pre = text_measure(app->text, &ts, f->text);
                SDL_Rect ul = {x + pre.x, y + lh - theme_px(th, 4), sz.x - pre.x, theme_px(th, 2)};
                SDL_Color c = theme_color(COLOR_ACCENT);
                SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, 255);
                SDL_RenderFillRect(ren, &ul);
            }
            SDL_Rect caret = {rtl ? x - theme_px(th, 3) : x + sz.x + theme_px(th, 2),
                              box.y + box.h / 5, theme_px(th, 2), box.h * 3 / 5};
            SDL_Color c = theme_color(COLOR_FOCUS);
            SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, 255);
            SDL_RenderFillRect(ren, &caret);
        } else {
            ts.wrap = box.w;
            text_draw_fit(app->text, &ts, box, shown); /* long answers shrink */
        }
    }
    app_record_widget(app, r, "answer-field", WIDGET_FOCUSED);
}

void play_typed_draw(App *app, PlayInput *in)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    if (in->field_count == 0)
        return;
    if (is_cloze(in)) {
        SDL_Rect p = in->tile[0];
        ui_fill_round(ren, p, theme_px(th, THEME_RADIUS), theme_color(COLOR_SURFACE));
        char sentence[PACK_MAX_STRING + PLAY_MAX_GAPS * 64];
        cloze_sentence(in, sentence, sizeof sentence);
        int pad = theme_px(th, THEME_PAD);
        SDL_Rect box = {p.x + pad, p.y + pad / 2, p.w - 2 * pad, p.h - pad};
        TextSpec ts = {
            .style = TEXT_HEADING, .wrap = box.w, .lang = in->lang, .align = TEXT_ALIGN_CENTER};
        text_draw_fit(app->text, &ts, box, sentence);
        for (size_t i = 0; i < in->field_count; i++) {
            SDL_Rect c = in->gap_rect[i];
            bool cur = i == in->gap;
            bool filled = in->field[i].len > 0;
            ui_fill_round(ren, c, theme_px(th, 8),
                          theme_color(cur      ? COLOR_ACCENT
                                      : filled ? COLOR_SURFACE_HI
                                               : COLOR_SURFACE));
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            TextSpec ns = {.style = TEXT_LABEL,
                           .align = TEXT_ALIGN_CENTER,
                           .color = theme_color(cur ? COLOR_ON_ACCENT : COLOR_TEXT)};
            int lh = text_line_height(app->text, &ns);
            text_draw(app->text, &ns, c.x + c.w / 2, c.y + (c.h - lh) / 2, num);
            if (in->nav.focus == (int)i && in->nav.keyboard)
                widget_focus_ring(app, c);
            char label[32];
            snprintf(label, sizeof label, "gap %zu", i + 1);
            app_record_widget(app, c, label, cur ? WIDGET_SELECTED : 0u);
        }
        char label[160];
        const char *hint = in->q->gaps[in->gap].hint;
        if (hint[0] != '\0')
            snprintf(label, sizeof label, "Gap %zu of %zu  \xC2\xB7  hint: %.100s", in->gap + 1,
                     in->field_count, hint);
        else
            snprintf(label, sizeof label, "Gap %zu of %zu", in->gap + 1, in->field_count);
        TextSpec ls = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
        text_draw(app->text, &ls, in->field_rect.x,
                  in->field_rect.y - text_line_height(app->text, &ls) - theme_px(th, 4), label);
    }
    draw_field(app, in);
    const char *label = "Submit";
    if (is_cloze(in) && in->gap + 1 < in->field_count)
        label = "Submit all";
    int chips = is_cloze(in) ? (int)in->field_count : 0;
    widget_button(app, in->submit, label, WIDGET_PRIMARY | nav_flag(&in->nav, chips));
}
