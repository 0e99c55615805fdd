/* play_typed.c - typed answers and cloze gaps: the typed and cloze kinds
 * (see play.h), which share this file; a typed answer is one field, a
 * cloze one field per gap.
 *
 * Real text input: SDL_TEXTINPUT inserts at the cursor (any script; the
 * text cache shapes Arabic), SDL_TEXTEDITING shows the IME's composition
 * underlined at the cursor until it is committed, and the field edits as
 * every field does (text_field.h: arrows, Home/End, Delete, Ctrl+A,
 * Shift to select, Ctrl+Backspace, the clipboard). Enter submits a typed answer; in a cloze it moves to the
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
        /* While the IME composes, the editing keys are its own. */
        if (t->composition[0] != '\0' && k != SDLK_RETURN && k != SDLK_KP_ENTER && k != SDLK_ESCAPE)
            return true;
        bool rtl = text_is_rtl(f->text[0] ? f->text : in->q->answer, in->lang);
        if (k != SDLK_RETURN && k != SDLK_KP_ENTER && k != SDLK_TAB && k != SDLK_UP &&
            k != SDLK_DOWN && text_field_event(f, event, rtl))
            return true; /* cursor keys, Home/End, Delete, Ctrl+A/C/X/V, ... */
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
    if (f->len == 0 && t->composition[0] == '\0') {
        TextSpec ps = {.style = TEXT_BODY,
                       .color = theme_color(COLOR_TEXT_DIM),
                       .lang = in->lang,
                       .max_lines = 1,
                       .no_shrink = true};
        text_draw_fit(app->text, &ps,
                      (SDL_Rect){box.x + theme_px(th, 8), box.y, box.w - theme_px(th, 8), box.h},
                      t->cloze ? _("Type this gap") : _("Type your answer"));
    }
    /* One line, scrolled to the caret: a long answer keeps its size. */
    TextSpec ts = {.style = TEXT_HEADING, .lang = in->lang};
    text_field_draw(ren, app->text, th, f, box, &ts, t->composition, true);
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
