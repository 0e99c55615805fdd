/* play_flashcard.c - a flashcard in a quiz round: the flashcard kind (see
 * play.h).
 *
 * The front is the prompt above; the area is the card's back, hidden
 * until Enter, Space or a click on "Show the answer". Then the player
 * rates themselves with two buttons, "I knew it" (1, Y or K) and "I
 * didn't" (2, N or D). The core judges and reviews the rating like an
 * answer but gives it no points (it is self-graded), which the card says.
 */
#include "i18n.h"
#include "play.h"

typedef struct Card {
    bool revealed;
    SDL_Rect panel;   /* the card's back */
    SDL_Rect reveal;  /* "Show the answer", before it is revealed */
    SDL_Rect rate[2]; /* "I knew it", "I didn't", after */
} Card;

static const char *const rate_label[2] = {N_("I knew it"), N_("I didn't")};

static const char *card_prompt(const Question *q)
{
    return q->front[0] != '\0' ? q->front : q->prompt;
}

static const char *card_hint(const PlayInput *in)
{
    const Card *c = in->state;
    return c->revealed ? _("1 or Y  I knew it    2 or N  I didn't    Esc  quit round")
                       : _("Enter  show the answer    Esc  quit round");
}

static void card_layout(App *app, PlayInput *in)
{
    Card *c = in->state;
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    int gap = theme_px(th, THEME_GAP);
    int bh = widget_button_height(app) + theme_px(th, 8);
    int bw = (a.w - gap) / 2;
    c->panel = (SDL_Rect){a.x, a.y, a.w, a.h - bh - gap};
    nav_begin(&in->nav);
    if (!c->revealed) {
        int w = theme_px(th, 260);
        c->reveal = (SDL_Rect){a.x + (a.w - w) / 2, a.y + a.h - bh, w, bh};
        nav_add(&in->nav, c->reveal, true);
    } else {
        for (size_t i = 0; i < 2; i++) {
            c->rate[i] = (SDL_Rect){a.x + (int)i * (bw + gap), a.y + a.h - bh, bw, bh};
            nav_add(&in->nav, c->rate[i], true);
        }
    }
    nav_end(&in->nav);
}

/* The rating a plain key gives once the back shows: 0 knew, 1 did not. */
static int rating_key(const Card *c, const SDL_Event *e)
{
    if (!c->revealed)
        return -1;
    SDL_Keycode k = play_plain_key(e);
    if (k == SDLK_y || k == SDLK_k)
        return 0;
    if (k == SDLK_n || k == SDLK_d)
        return 1;
    int i = play_digit_key(e);
    return i < 2 ? i : -1;
}

static bool card_event(App *app, PlayInput *in, const UiEvent *event)
{
    (void)app;
    Card *c = in->state;
    bool used = false;
    int pick = play_pick(in, event, rating_key(c, event->sdl), &used);
    if (pick < 0)
        return used;
    if (!c->revealed) {
        c->revealed = true;
        in->nav.focus = 0;
    } else {
        in->given.knew = pick == 0;
        in->ready = true;
    }
    return true;
}

static void draw_rate_button(App *app, const PlayInput *in, const Card *c, size_t i)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect r = c->rate[i];
    bool focused = in->nav.focus == (int)i;
    SDL_Color tint = theme_color(i == 0 ? COLOR_GOOD : COLOR_BAD);
    ui_fill_round(ren, r, theme_px(th, THEME_RADIUS),
                  theme_mix(theme_color(focused ? COLOR_SURFACE_HI : COLOR_SURFACE), tint, 0.18f));
    int ic = r.h - theme_px(th, 20);
    TextSpec ls = {.style = TEXT_LABEL};
    const char *label = _(rate_label[i]);
    SDL_Point sz = text_measure(app->text, &ls, label);
    int total = ic + theme_px(th, 10) + sz.x;
    int x0 = r.x + (r.w - total) / 2;
    SDL_Rect icon = {x0, r.y + (r.h - ic) / 2, ic, ic};
    if (i == 0)
        play_draw_check(ren, icon, tint);
    else
        play_draw_cross(ren, icon, tint);
    text_draw(app->text, &ls, x0 + ic + theme_px(th, 10), r.y + (r.h - sz.y) / 2, label);
    if (focused)
        widget_focus_ring(app, r);
    app_record_widget(app, r, label, focused ? WIDGET_FOCUSED : 0u);
}

static void card_draw(App *app, PlayInput *in)
{
    const Card *c = in->state;
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    SDL_Rect p = c->panel;
    ui_fill_round(ren, p, theme_px(th, THEME_RADIUS), theme_color(COLOR_SURFACE));
    int pad = theme_px(th, THEME_PAD);
    SDL_Rect box = {p.x + pad, p.y + pad, p.w - 2 * pad, p.h - 2 * pad};
    /* The card is graded by the player: said on it, so nobody expects
     * points for "I knew it" (scoring.h). */
    TextSpec ns = {.style = TEXT_SMALL,
                   .color = theme_color(COLOR_TEXT_DIM),
                   .align = TEXT_ALIGN_CENTER,
                   .max_lines = 1};
    int nh = text_line_height(app->text, &ns);
    if (box.h > 3 * nh) {
        SDL_Rect note = {box.x, box.y + box.h - nh, box.w, nh};
        const char *say = _("You grade this card yourself, so it earns no points.");
        SDL_Rect drawn = text_draw_fit(app->text, &ns, note, say);
        app_record_widget(app, drawn, say, WIDGET_TEXT);
        box.h -= nh + theme_px(th, 6);
    }
    if (!c->revealed) {
        TextSpec ts = {.style = TEXT_BODY,
                       .color = theme_color(COLOR_TEXT_DIM),
                       .align = TEXT_ALIGN_CENTER,
                       .wrap = box.w};
        text_draw_fit(app->text, &ts, box, _("Think of the answer, then show it."));
        widget_button(app, c->reveal, _("Show the answer"), WIDGET_PRIMARY | nav_flag(&in->nav, 0));

        return;
    }
    ui_stroke_round(ren, p, theme_px(th, THEME_RADIUS), theme_px(th, 2), theme_color(COLOR_ACCENT));
    TextSpec ts = {
        .style = TEXT_HEADING, .align = TEXT_ALIGN_CENTER, .wrap = box.w, .lang = in->lang};
    text_draw_fit(app->text, &ts, box, in->q->back);
    for (size_t i = 0; i < 2; i++)
        draw_rate_button(app, in, c, i);
}

const PlayKind play_kind_flashcard = {
    .name = "flashcard",
    .state_size = sizeof(Card),
    .layout = card_layout,
    .event = card_event,
    .draw = card_draw,
    .hint = card_hint,
    .prompt = card_prompt,
    .prompt_layout = PLAY_PROMPT_CARD,
};
