/* play_typed.c - typed answers and cloze gaps: the typed and cloze kinds
 * (see play.h), which share this file; a typed answer is one field, a
 * cloze one field per gap.
 *
 * Real text input: SDL_TEXTINPUT appends (any script; the text cache shapes
 * Arabic), SDL_TEXTEDITING shows the IME's composition underlined until it
 * is committed, Backspace removes one whole UTF-8 character, Ctrl+V pastes
 * the clipboard. Enter submits a typed answer; in a cloze it moves to the
 * next gap (Tab / Shift+Tab go either way, the numbered chips jump) and
 * submits from the last. Judging is the core's (answer_match via
 * round_answer); nothing here compares strings.
 */
#include "i18n.h"
#include "play.h"

#include <stdio.h>
#include <string.h>

#include "format.h"

typedef struct Typing {
    bool cloze;
    TextField field[PLAY_MAX_GAPS]; /* field_count (>= 1) used */
    size_t field_count;
    size_t gap;            /* the field being typed */
    char composition[128]; /* IME text not yet committed */
    const char *gap_texts[PLAY_MAX_GAPS];
    SDL_Rect sentence; /* cloze: the sentence with its gaps */
    SDL_Rect gap_rect[PLAY_MAX_GAPS];
    SDL_Rect submit;
} Typing;

static void typed_init(PlayInput *in)
{
    ((Typing *)in->state)->field_count = 1;
}

static void cloze_init(PlayInput *in)
{
    Typing *t = in->state;
    size_t n = in->q->gap_count;
    t->cloze = true;
    t->field_count = n == 0 ? 1 : n > PLAY_MAX_GAPS ? PLAY_MAX_GAPS : n;
}

static const char *typed_hint(const PlayInput *in)
{
    (void)in;
    return _("Type the answer    Enter  submit    Ctrl+D  I don't know    Esc  quit round");
}

static const char *cloze_hint(const PlayInput *in)
{
    (void)in;
    return _("Type each gap    Enter / Tab  next gap    Shift+Tab  back    Ctrl+D  I don't know    "
             "Esc  quit round");
}

/* The field's height: a heading line of the player's text size. */
static int field_height(App *app)
{
    TextSpec ts = {.style = TEXT_HEADING};
    int need = text_line_height(app->text, &ts) + theme_px(&app->theme, 14);
    int base = theme_px(&app->theme, 60);
    return need > base ? need : base;
}

static const char *cloze_prompt(const Question *q)
{
    return q->prompt[0] != '\0' ? q->prompt : _("Fill in the gaps.");
}

static int typed_min_height(App *app, const PlayInput *in)
{
    (void)in;
    return field_height(app) + play_submit_height(app) + theme_px(&app->theme, THEME_GAP);
}

static void typing_layout(App *app, PlayInput *in)
{
    Typing *t = in->state;
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    int gap = theme_px(th, THEME_GAP);
    int fh = field_height(app);
    int bh = play_submit_height(app);
    int w = a.w < theme_px(th, 680) ? a.w : theme_px(th, 680);
    int x = a.x + (a.w - w) / 2;
    int y = a.y;
    nav_begin(&in->nav);
    if (t->cloze) {
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
        t->sentence = (SDL_Rect){a.x, y, a.w, ph};
        y += ph + gap;
        int cw = theme_px(th, 44);
        size_t n = t->field_count;
        for (size_t i = 0; i < n; i++) {
            t->gap_rect[i] = (SDL_Rect){x + (int)i * (cw + theme_px(th, 8)), y, cw, chips_h};
            nav_add(&in->nav, t->gap_rect[i], true);
        }
        y += chips_h + gap + label_h;
    }
    in->text_rect = (SDL_Rect){x, y, w, fh};
    t->submit = play_layout_submit(app, in, (SDL_Rect){x, y + fh + gap, w, 0}, true);
    nav_end(&in->nav);
    /* The focus stays on Submit unless a chip was clicked; the field always
     * takes the typing. */
}

static bool all_gaps_filled(const PlayInput *in)
{
    const Typing *t = in->state;
    for (size_t i = 0; i < t->field_count; i++)
        if (t->field[i].len == 0)
            return false;
    return true;
}

static bool any_gap_filled(const PlayInput *in)
{
    const Typing *t = in->state;
    for (size_t i = 0; i < t->field_count; i++)
        if (t->field[i].len > 0)
            return true;
    return false;
}

/* Submits what was typed; with nothing typed at all it says so instead (a
 * stray Enter never gives an empty answer: "I don't know" does that). */
static void commit(PlayInput *in)
{
    Typing *t = in->state;
    if (!any_gap_filled(in)) {
        play_say_missing(in, t->cloze ? _("Fill in a gap first, or choose I don't know.")
                                      : _("Type an answer first, or choose I don't know."));
        return;
    }
    if (t->cloze) {
        for (size_t i = 0; i < t->field_count; i++)
            t->gap_texts[i] = t->field[i].text;
        in->given.gaps = t->gap_texts;
        in->given.gap_count = t->field_count;
    } else {
        in->given.text = t->field[0].text;
    }
    in->ready = true;
}

static void move_gap(PlayInput *in, int delta)
{
    Typing *t = in->state;
    int g = (int)t->gap + delta;
    if (g < 0)
        g = 0;
    if (g >= (int)t->field_count)
        g = (int)t->field_count - 1;
    t->gap = (size_t)g;
    t->composition[0] = '\0';
}

static bool typing_event(App *app, PlayInput *in, const UiEvent *event)
{
    Typing *t = in->state;
    (void)app;
    const SDL_Event *e = event->sdl;
    TextField *f = &t->field[t->gap];
    if (e->type == SDL_TEXTINPUT) {
        t->composition[0] = '\0';
        text_field_append(f, e->text.text);
        return true;
    }
    if (e->type == SDL_TEXTEDITING) {
        snprintf(t->composition, sizeof t->composition, "%s", e->edit.text);
        return true;
    }
    if (e->type == SDL_KEYDOWN) {
        SDL_Keycode k = e->key.keysym.sym;
        Uint16 mod = e->key.keysym.mod;
        if (k == SDLK_BACKSPACE) {
            if (t->composition[0] == '\0')
                text_field_backspace(f);
            return true;
        }
        if (k == SDLK_v && (mod & (KMOD_CTRL | KMOD_GUI))) {
            if (SDL_HasClipboardText()) {
                char *clip = SDL_GetClipboardText();
                if (clip != NULL) {
                    text_field_append(f, clip);
                    SDL_free(clip);
                }
            }
            return true;
        }
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
            if (t->composition[0] != '\0')
                return true; /* the IME is still composing: Enter is its */
            if (t->cloze && (t->gap + 1 < t->field_count || !all_gaps_filled(in))) {
                if (t->gap + 1 < t->field_count) {
                    move_gap(in, 1);
                } else {
                    /* Last gap but some are empty: submit what there is (an
                     * empty gap is simply wrong), as the player asked; with
                     * every gap empty, commit says what is missing. */
                    commit(in);
                }
                return true;
            }
            commit(in);
            return true;
        }
        if (t->cloze && k == SDLK_TAB) {
            move_gap(in, (mod & KMOD_SHIFT) ? -1 : 1);
            return true;
        }
        if (t->cloze && (k == SDLK_UP || k == SDLK_DOWN)) {
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
    int chips = t->cloze ? (int)t->field_count : 0;
    if (hit >= 0 && hit < chips) {
        t->gap = (size_t)hit;
        t->composition[0] = '\0';
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
    const Typing *t = in->state;
    size_t len = 0;
    out[0] = '\0';
    const Question *q = in->q;
    for (size_t i = 0; i <= q->gap_count && len + 1 < size; i++) {
        int w = snprintf(out + len, size - len, "%s", q->cloze_parts[i]);
        if (w > 0)
            len += (size_t)w;
        if (i == q->gap_count || len + 1 >= size)
            break;
        const char *typed = i < t->field_count ? t->field[i].text : "";
        const char *shown = typed[0] != '\0'             ? typed
                            : q->gaps[i].hint[0] != '\0' ? q->gaps[i].hint
                                                         : "_____";
        const char *asking = typed[0] == '\0' && q->gaps[i].hint[0] != '\0' ? "?" : "";
        w = snprintf(out + len, size - len, "%s[%s: %s%s]", i == t->gap ? "\xC2\xBB" : "",
                     ui_format_int((int64_t)i + 1).text, shown, asking);
        if (w > 0)
            len += (size_t)w;
        if (len >= size)
            len = size - 1;
    }
}

static void draw_field(App *app, PlayInput *in)
{
    Typing *t = in->state;
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect r = in->text_rect;
    int radius = theme_px(th, 10);
    ui_fill_round(ren, r, radius, theme_color(COLOR_SURFACE));
    ui_stroke_round(ren, r, radius, theme_px(th, 2), theme_color(COLOR_ACCENT));
    const TextField *f = &t->field[t->gap];
    int pad = theme_px(th, 16);
    SDL_Rect box = {r.x + pad, r.y + 2, r.w - 2 * pad, r.h - 4};
    char shown[TEXT_FIELD_MAX + sizeof t->composition];
    snprintf(shown, sizeof shown, "%s%s", f->text, t->composition);
    bool rtl = text_is_rtl(shown[0] ? shown : in->q->answer, in->lang);
    TextSpec ts = {.style = TEXT_HEADING, .lang = in->lang};
    if (shown[0] == '\0') {
        TextSpec ps = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM), .lang = in->lang};
        int lh = text_line_height(app->text, &ps);
        text_draw(app->text, &ps, box.x + theme_px(th, 8), box.y + (box.h - lh) / 2,
                  t->cloze ? _("Type this gap") : _("Type your answer"));
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
            if (t->composition[0] != '\0' && !rtl) {
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

static void typing_draw(App *app, PlayInput *in)
{
    Typing *t = in->state;
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    if (t->cloze) {
        SDL_Rect p = t->sentence;
        ui_fill_round(ren, p, theme_px(th, THEME_RADIUS), theme_color(COLOR_SURFACE));
        char sentence[PACK_MAX_STRING + PLAY_MAX_GAPS * 64];
        cloze_sentence(in, sentence, sizeof sentence);
        int pad = theme_px(th, THEME_PAD);
        SDL_Rect box = {p.x + pad, p.y + pad / 2, p.w - 2 * pad, p.h - pad};
        TextSpec ts = {
            .style = TEXT_HEADING, .wrap = box.w, .lang = in->lang, .align = TEXT_ALIGN_CENTER};
        text_draw_fit(app->text, &ts, box, sentence);
        for (size_t i = 0; i < t->field_count; i++) {
            SDL_Rect c = t->gap_rect[i];
            bool cur = i == t->gap;
            bool filled = t->field[i].len > 0;
            ui_fill_round(ren, c, theme_px(th, 8),
                          theme_color(cur      ? COLOR_ACCENT
                                      : filled ? COLOR_SURFACE_HI
                                               : COLOR_SURFACE));
            TextSpec ns = {.style = TEXT_LABEL,
                           .align = TEXT_ALIGN_CENTER,
                           .color = theme_color(cur ? COLOR_ON_ACCENT : COLOR_TEXT)};
            int lh = text_line_height(app->text, &ns);
            text_draw(app->text, &ns, c.x + c.w / 2, c.y + (c.h - lh) / 2,
                      ui_format_int((int64_t)i + 1).text);
            if (in->nav.focus == (int)i && in->nav.keyboard)
                widget_focus_ring(app, c);
            char label[32];
            snprintf(label, sizeof label, "gap %zu", i + 1);
            app_record_widget(app, c, label, cur ? WIDGET_SELECTED : 0u);
        }
        char label[200];
        const char *hint = in->q->gaps[t->gap].hint;
        UiInt at = ui_format_int((int64_t)t->gap + 1), of = ui_format_int((int64_t)t->field_count);
        if (hint[0] != '\0')
            snprintf(label, sizeof label, _("Gap %s of %s  \xC2\xB7  hint: %.100s"), at.text,
                     of.text, hint);
        else
            snprintf(label, sizeof label, _("Gap %s of %s"), at.text, of.text);
        TextSpec ls = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
        text_draw(app->text, &ls, in->text_rect.x,
                  in->text_rect.y - text_line_height(app->text, &ls) - theme_px(th, 4), label);
    }
    draw_field(app, in);
    const char *label = t->cloze && t->gap + 1 < t->field_count ? _("Submit all") : NULL;

    int chips = t->cloze ? (int)t->field_count : 0;
    play_draw_submit(app, in, t->submit, label, chips, NULL);
}

const PlayKind play_kind_typed = {
    .name = "typed",
    .state_size = sizeof(Typing),
    .init = typed_init,
    .layout = typing_layout,
    .event = typing_event,
    .draw = typing_draw,
    .hint = typed_hint,
    .min_height = typed_min_height,
    .wants_text = true,
};

const PlayKind play_kind_cloze = {
    .name = "cloze",
    .state_size = sizeof(Typing),
    .init = cloze_init,
    .layout = typing_layout,
    .event = typing_event,
    .draw = typing_draw,
    .hint = cloze_hint,
    .prompt = cloze_prompt,
    .prompt_layout = PLAY_PROMPT_LINE,
    .wants_text = true,
};
