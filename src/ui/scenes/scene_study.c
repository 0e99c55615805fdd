/* scene_study.c - a flashcard session for the current learner.
 *
 * Order (study.h): learning cards due now, then reviews due today, then new
 * cards up to the daily limit, over every loaded pack. A card shows its
 * front; Space, Enter or a click flips it; the back shows the answer and the
 * explanation, and four ratings (keys 1-4), each with the interval it would
 * give, or Forgot / Knew in the two-button setting. Each review is written
 * to the store at once (learn_record_study_review), so Esc leaves at any
 * time without losing anything. Cards answered Again come back in the same
 * session; when only such cards remain the scene shows the wait and offers
 * to study them now. The end shows cards studied, the share not forgotten
 * and when the next cards fall due.
 *
 * Read learn.h for the deck, study_ui.h for the shared helpers.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "study_ui.h"
#include "widgets.h"

typedef enum StudyPhase {
    PHASE_FRONT, /* the question side */
    PHASE_BACK,  /* the answer side and the rating buttons */
    PHASE_WAIT,  /* only learning cards left, not due yet */
    PHASE_DONE,  /* the session is over: the summary */
    PHASE_EMPTY, /* nothing was due when the scene opened */
} StudyPhase;

enum { BUTTONS_MAX = 4 };

typedef struct StudyState {
    LearnDeck deck;
    LearnSettings settings;
    FsrsDayRule rule;
    FsrsParams params;
    char name[STORE_NAME_MAX + 1];

    StudyPhase phase;
    size_t current;     /* deck index of the card shown */
    LearnCardText text; /* its texts (owned) */
    uint64_t shown_at;  /* app->now_ms when the front appeared */
    char intervals[BUTTONS_MAX][16];
    StudyQueueInfo info; /* from the last pick */
    StudyUiToday today;  /* what is left today, for the header (study_ui_today) */
    int64_t wait_until;  /* unix ms the first learning card is due (PHASE_WAIT) */

    size_t studied;   /* reviews this session */
    size_t forgotten; /* of them, rated Again */

    Nav nav;
    SDL_Rect card; /* the card panel, pixels */
    int buttons_top;
} StudyState;

/* ---- the queue ------------------------------------------------------------- */

static void show_card(App *app, StudyState *s, size_t index)
{
    learn_card_text_free(&s->text);
    s->current = index;
    const LearnKey *k = &s->deck.keys[index];
    if (!learn_card_texts(k->pack, k->question, k->deletion, &s->text)) {
        app_notice(app, COLOR_BAD, _("Out of memory: this card cannot be shown."));
        s->phase = PHASE_DONE;
        return;
    }
    s->phase = PHASE_FRONT;
    s->shown_at = app->now_ms;
    s->nav.focus = 0;
    app_guard_input(app, APP_INPUT_GUARD_MS); /* a double press never flips it unseen */
}

/* Picks what comes next at the wall clock. */
static void pick_next(App *app, StudyState *s)
{
    int64_t now = app_unix_ms();
    size_t index;
    s->today = study_ui_today(&s->deck, &s->settings, now, &s->rule);
    if (learn_deck_next(&s->deck, &s->settings, now, &s->rule, &index, &s->info)) {
        show_card(app, s, index);
        return;
    }
    learn_card_text_free(&s->text);
    if (s->info.wait_ms > 0) {
        s->phase = PHASE_WAIT;
        s->wait_until = now + s->info.wait_ms;
        s->nav.focus = 0;
        return;
    }
    s->phase = s->studied > 0 ? PHASE_DONE : PHASE_EMPTY;
    s->nav.focus = 1; /* Done */
}

static void flip(App *app, StudyState *s)
{
    app_guard_input(app, APP_INPUT_GUARD_MS); /* nor rates it before the back is seen */
    FsrsCard after[4];
    int64_t now = app_unix_ms();
    memset(s->intervals, 0, sizeof s->intervals);
    if (fsrs_preview(&s->params, &s->deck.cards[s->current], now, &s->rule, after, NULL) ==
        FSRS_OK) {
        for (int r = 0; r < 4; r++) {
            fsrs_format_interval(after[r].due_ms - now, s->intervals[r], sizeof s->intervals[r]);
            ui_localize_digits(s->intervals[r], sizeof s->intervals[r]);
        }
    }
    s->phase = PHASE_BACK;
    /* Good is where the hand rests: the second of two buttons, the third of four. */
    s->nav.focus = s->settings.two_button ? 1 : 2;
}

static void rate(App *app, StudyState *s, FsrsRating rating)
{
    StoreError err;
    int64_t ms = (int64_t)(app->now_ms - s->shown_at);
    if (learn_record_study_review(app->store, app->profile_id, &s->deck, s->current, rating, ms,
                                  app_unix_ms(), &s->rule, &s->params, NULL, &err) != STORE_OK) {
        /* Nothing moved: the card stays, the player can try again. */
        app_notice(app, COLOR_BAD, "%s", i18n_message(err.message));
        return;
    }
    s->studied++;
    if (rating == FSRS_RATING_AGAIN)
        s->forgotten++;
    pick_next(app, s);
}

/* ---- buttons --------------------------------------------------------------- */

static int button_count(const StudyState *s)
{
    switch (s->phase) {
    case PHASE_FRONT:
        return 1;
    case PHASE_BACK:
        return s->settings.two_button ? 2 : 4;
    case PHASE_WAIT:
        return 2;
    case PHASE_DONE:
    case PHASE_EMPTY:
        return 2; /* the packs to study, Done */
    }
    return 0;
}

static const char *button_label(const StudyState *s, int i)
{
    static const char *const four[4] = {N_("Again"), N_("Hard"), N_("Good"), N_("Easy")};
    static const char *const two[2] = {N_("Forgot"), N_("Knew")};
    switch (s->phase) {
    case PHASE_FRONT:
        return _("Show answer");
    case PHASE_BACK:
        return _(s->settings.two_button ? two[i] : four[i]);
    case PHASE_WAIT:
        return i == 0 ? _("Study it now") : _("Finish");
    case PHASE_DONE:
    case PHASE_EMPTY:
        return i == 0 ? _("Packs to study") : _("Done");
    }
    return "";
}

/* The rating button i gives (four- or two-button). */
static FsrsRating button_rating(const StudyState *s, int i)
{
    if (s->settings.two_button)
        return i == 0 ? FSRS_RATING_AGAIN : FSRS_RATING_GOOD;
    return (FsrsRating)(i + 1);
}

static const char *footer_hint(const StudyState *s)
{
    switch (s->phase) {
    case PHASE_FRONT:
        return _("Space / Enter / click  flip    P  packs    Esc  stop (progress is kept)");
    case PHASE_BACK:
        return s->settings.two_button ? _("1  Forgot    2  Knew    Esc  stop (progress is kept)")
                                      : _("1  Again    2  Hard    3  Good    4  Easy    Esc  stop");
    case PHASE_WAIT:
        return _("Enter  study it now    Esc  stop");
    case PHASE_DONE:
    case PHASE_EMPTY:
        return _("Enter / Esc  back    P  packs to study");
    }
    return "";
}

static int small_h(App *app)
{
    TextSpec spec = {.style = TEXT_SMALL};
    return text_line_height(app->text, &spec);
}

static void layout(App *app, StudyState *s)
{
    const Theme *t = &app->theme;
    int top = widget_header_bottom(app, _("Study"), "x");
    int bottom = widget_footer_top(app, footer_hint(s));
    SDL_Rect col = theme_column(t, 760, 0);
    int bh = widget_button_height(app);
    int gap = theme_px(t, THEME_GAP);
    int n = button_count(s);
    /* Interval labels sit above the rating buttons. */
    int label_h = s->phase == PHASE_BACK ? small_h(app) + theme_px(t, 6) : 0;
    s->buttons_top = bottom - bh;
    s->card = (SDL_Rect){col.x, top, col.w, s->buttons_top - label_h - gap - top};
    int bw = n >= 3 ? (col.w - (n - 1) * gap) / n : theme_px(t, 240);
    if (n < 3 && n * bw + (n - 1) * gap > col.w)
        bw = (col.w - (n - 1) * gap) / n;
    int total = n * bw + (n - 1) * gap;
    int x = col.x + (col.w - total) / 2;
    nav_begin(&s->nav);
    for (int i = 0; i < n; i++)
        nav_add(&s->nav, (SDL_Rect){x + i * (bw + gap), s->buttons_top, bw, bh}, true);
    nav_end(&s->nav);
}

/* ---- scene ------------------------------------------------------------------ */

static void session_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    StudyState *s = state;
    (void)from;
    learn_deck_free(&s->deck);
    learn_card_text_free(&s->text);
    memset(s, 0, sizeof *s);
    s->nav.pressed = -1;
    SDL_StopTextInput(); /* Space flips the card */
    s->settings = study_ui_settings(app);
    s->rule = study_ui_rule(&s->settings);
    s->params = study_ui_params(&s->settings);
    study_ui_profile_name(app, s->name, sizeof s->name);
    StoreError err;
    if (study_ui_deck(app, &s->deck, app_unix_ms(), &s->rule, &err) != STORE_OK) {
        app_notice(app, COLOR_BAD, _("Your cards could not be loaded: %s"),
                   i18n_message(err.message));
        s->phase = PHASE_EMPTY;
        return;
    }
    if (app->store == NULL)
        app_notice(app, COLOR_WARN, "%s",
                   app->store_message[0] ? app->store_message : _("Progress will not be saved."));
    pick_next(app, s);
}

static void session_leave(App *app, void *state)
{
    StudyState *s = state;
    (void)app;
    learn_card_text_free(&s->text);
    learn_deck_free(&s->deck);
}

static void activate(App *app, StudyState *s, int i)
{
    switch (s->phase) {
    case PHASE_FRONT:
        flip(app, s);
        break;
    case PHASE_BACK:
        rate(app, s, button_rating(s, i));
        break;
    case PHASE_WAIT:
        if (i == 0) {
            size_t index;
            if (learn_deck_next_early(&s->deck, &index))
                show_card(app, s, index);
        } else {
            s->phase = PHASE_DONE;
            s->nav.focus = 1;
        }
        break;
    case PHASE_DONE:
    case PHASE_EMPTY:
        if (i == 0)
            app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_STUDY});
        else
            app_back(app);
        break;
    }
}

/* Digits 1-4 (top row or keypad) as 0-based button indices, else -1. */
static int digit_key(const SDL_Event *e)
{
    if (e->type != SDL_KEYDOWN || e->key.repeat)
        return -1;
    switch (e->key.keysym.sym) {
    case SDLK_1:
    case SDLK_KP_1:
        return 0;
    case SDLK_2:
    case SDLK_KP_2:
        return 1;
    case SDLK_3:
    case SDLK_KP_3:
        return 2;
    case SDLK_4:
    case SDLK_KP_4:
        return 3;
    default:
        return -1;
    }
}

static bool session_event(App *app, void *state, const UiEvent *event)
{
    StudyState *s = state;
    layout(app, s);
    if (event->action == ACTION_BACK)
        return false; /* back one step; every review is saved already */
    /* P: the packs to study (not while rating, where keys are ratings). */
    if (s->phase != PHASE_BACK && input_key_is(event->sdl, SDL_SCANCODE_P)) {
        app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_STUDY});
        return true;
    }
    int digit = digit_key(event->sdl);
    if (digit >= 0) {
        if (s->phase == PHASE_BACK && digit < button_count(s))
            rate(app, s, button_rating(s, digit));
        return true;
    }
    if (s->phase == PHASE_FRONT && event->pointer == POINTER_UP) {
        SDL_Point p = {event->x, event->y};
        if (SDL_PointInRect(&p, &s->card)) {
            flip(app, s);
            return true;
        }
    }
    int hit = nav_event(&s->nav, event, NULL);
    if (hit >= 0) {
        activate(app, s, hit);
        return true;
    }
    return event->action != ACTION_NONE;
}

static void session_update(App *app, void *state, uint64_t now_ms)
{
    StudyState *s = state;
    if (s->phase != PHASE_WAIT)
        return;
    int64_t left = s->wait_until - app_unix_ms();
    if (left <= 0) {
        pick_next(app, s);
        app_redraw(app);
        return;
    }
    /* The countdown shows minutes; a wake each second keeps it honest. */
    app_wake_at(app, now_ms + (uint64_t)(left < 1000 ? left : 1000));
}

/* ---- drawing ---------------------------------------------------------------- */

static const char *state_word(FsrsState st)
{
    switch (st) {
    case FSRS_STATE_NEW:
        return C_("card state", "New");
    case FSRS_STATE_LEARNING:
        return C_("card state", "Learning");
    case FSRS_STATE_REVIEW:
        return C_("card state", "Review");
    case FSRS_STATE_RELEARNING:
        return C_("card state", "Relearning");
    }
    return "";
}

static ThemeColor state_color(FsrsState st)
{
    switch (st) {
    case FSRS_STATE_NEW:
        return COLOR_ACCENT;
    case FSRS_STATE_LEARNING:
    case FSRS_STATE_RELEARNING:
        return COLOR_WARN;
    case FSRS_STATE_REVIEW:
        return COLOR_GOOD;
    }
    return COLOR_TEXT_DIM;
}

/* The card: a top line (pack, topic, state), the front, and on the back a
 * rule, the answer in the accent colour and the explanation. */
static void draw_card(App *app, StudyState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect r = s->card;
    int pad = theme_px(t, 28);
    widget_panel(app, r);
    const LearnKey *k = &s->deck.keys[s->current];
    FsrsState st = s->deck.cards[s->current].state;

    /* Top line. */
    char where[2 * sizeof(UiIsolated) + 8];
    const char *topic = k->question->topic[0] ? pack_topic_title(k->pack, k->question->topic) : "";
    snprintf(where, sizeof where, "%s%s%s", ui_isolate(k->pack->title).text,
             topic[0] ? " \xC2\xB7 " : "", topic[0] ? ui_isolate(topic).text : "");
    TextSpec ws = {
        .style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM), .lang = k->pack->language};
    const char *word = state_word(st);
    TextSpec cs = {.style = TEXT_SMALL, .color = theme_color(state_color(st))};
    SDL_Point cw = text_measure(app->text, &cs, word);
    int line = small_h(app);
    int y = r.y + theme_px(t, 16);
    SDL_Rect chip = {r.x + r.w - pad - cw.x - theme_px(t, 16), y - theme_px(t, 3),
                     cw.x + theme_px(t, 16), line + theme_px(t, 6)};
    ui_fill_round(app->renderer, chip, chip.h / 2,
                  theme_mix(theme_color(COLOR_SURFACE), theme_color(state_color(st)), 0.18f));
    text_draw(app->text, &cs, chip.x + theme_px(t, 8), y, word);
    text_draw_fit(app->text, &ws, (SDL_Rect){r.x + pad, y, chip.x - r.x - 2 * pad, line}, where);
    y += line + theme_px(t, 12);

    int inner_w = r.w - 2 * pad;
    int bottom = r.y + r.h - theme_px(t, 20);
    TextSpec fs = {
        .style = TEXT_HEADING, .wrap = inner_w, .align = TEXT_ALIGN_CENTER, .lang = s->text.lang};
    if (s->phase == PHASE_FRONT) {
        text_draw_fit(app->text, &fs, (SDL_Rect){r.x + pad, y, inner_w, bottom - y}, s->text.front);
        return;
    }
    /* Back: the front shrinks into the top third. */
    int avail = bottom - y;
    fs.style = TEXT_BODY;
    fs.color = theme_color(COLOR_TEXT_DIM);
    int front_h = avail * 30 / 100;
    text_draw_fit(app->text, &fs, (SDL_Rect){r.x + pad, y, inner_w, front_h}, s->text.front);
    y += front_h + theme_px(t, 8);
    SDL_Rect hr = {r.x + pad, y, inner_w, theme_px(t, 1)};
    SDL_Color bc = theme_color(COLOR_BORDER);
    SDL_SetRenderDrawColor(app->renderer, bc.r, bc.g, bc.b, 255);
    SDL_RenderFillRect(app->renderer, &hr);
    y += theme_px(t, 12);
    bool has_explain = s->text.explain && s->text.explain[0];
    TextSpec bs = {.style = TEXT_HEADING,
                   .wrap = inner_w,
                   .align = TEXT_ALIGN_CENTER,
                   .color = theme_color(COLOR_ACCENT),
                   .lang = s->text.lang};
    TextSpec es = {.style = TEXT_BODY,
                   .wrap = inner_w,
                   .align = TEXT_ALIGN_CENTER,
                   .color = theme_color(COLOR_TEXT),
                   .lang = s->text.lang};
    /* The answer first: it takes what it needs (up to two thirds), the
     * explanation the rest, so the answer is never the smaller text. */
    int room = bottom - y;
    int back_h = room;
    if (has_explain) {
        int back_need = text_measure(app->text, &bs, s->text.back).y;
        int explain_need = text_measure(app->text, &es, s->text.explain).y + theme_px(t, 8);
        back_h = back_need + explain_need <= room ? back_need
                 : room - explain_need > room * 2 / 3
                     ? room - explain_need
                     : (back_need < room * 2 / 3 ? back_need : room * 2 / 3);
    }
    text_draw_fit(app->text, &bs, (SDL_Rect){r.x + pad, y, inner_w, back_h}, s->text.back);
    y += back_h + theme_px(t, 8);
    if (has_explain) {
        text_draw_fit(app->text, &es, (SDL_Rect){r.x + pad, y, inner_w, bottom - y},
                      s->text.explain);
    }
}

/* When the next studied card falls due after now, as "in 3d"; "" if none. */
static void next_due_text(const StudyState *s, char *buf, size_t size)
{
    int64_t now = app_unix_ms();
    int64_t best = 0;
    bool any = false;
    for (size_t i = 0; i < s->deck.count; i++) {
        const FsrsCard *c = &s->deck.cards[i];
        if (c->state == FSRS_STATE_NEW)
            continue;
        if (!any || c->due_ms < best) {
            best = c->due_ms;
            any = true;
        }
    }
    buf[0] = '\0';
    if (!any)
        return;
    StudyForecast fc;
    study_forecast(s->deck.cards, s->deck.count, now, &s->rule, &fc);
    char in[16];
    fsrs_format_interval(best - now, in, sizeof in);
    ui_localize_digits(in, sizeof in);
    UiInt tomorrow = ui_format_int((int64_t)fc.due_tomorrow);
    if (best <= now)
        snprintf(buf, size, _("Cards are due now. Tomorrow: %s."), tomorrow.text);
    else
        snprintf(buf, size, _("Next card due in %s \xC2\xB7 %s due tomorrow."), in, tomorrow.text);
}

/* A centred message block in the card area: a big line and detail lines. */
static void draw_message(App *app, StudyState *s, const char *big, const char *detail,
                         ThemeColor big_color)
{
    const Theme *t = &app->theme;
    SDL_Rect r = s->card;
    widget_panel(app, r);
    int pad = theme_px(t, 28);
    TextSpec bs = {.style = TEXT_DISPLAY,
                   .align = TEXT_ALIGN_CENTER,
                   .wrap = r.w - 2 * pad,
                   .color = theme_color(big_color)};
    SDL_Point bsz = text_measure(app->text, &bs, big);
    TextSpec ds = {.style = TEXT_BODY,
                   .align = TEXT_ALIGN_CENTER,
                   .wrap = r.w - 2 * pad,
                   .color = theme_color(COLOR_TEXT_DIM)};
    SDL_Point dsz = text_measure(app->text, &ds, detail);
    int gap = theme_px(t, 16);
    int total = bsz.y + gap + dsz.y;
    int y = r.y + (r.h - total) / 2;
    if (y < r.y + pad)
        y = r.y + pad;
    SDL_Rect drawn =
        text_draw_fit(app->text, &bs, (SDL_Rect){r.x + pad, y, r.w - 2 * pad, bsz.y}, big);
    y = drawn.y + drawn.h + gap;
    text_draw_fit(app->text, &ds, (SDL_Rect){r.x + pad, y, r.w - 2 * pad, r.y + r.h - pad - y},
                  detail);
}

static void draw_summary(App *app, StudyState *s)
{
    char next[160], big[64], detail[512];
    next_due_text(s, next, sizeof next);
    if (s->phase == PHASE_EMPTY) {
        snprintf(big, sizeof big, "%s", _("All caught up"));
        if (s->deck.count == 0)
            snprintf(detail, sizeof detail, "%s",
                     _("No packs are loaded, so there are no cards yet."));
        else if (s->info.new_available > 0 && s->info.new_queued == 0)
            snprintf(detail, sizeof detail,
                     i18n_plural("Today's %s new card is done. %s",
                                 "Today's %s new cards are done. %s", s->settings.new_per_day),
                     ui_format_int(s->settings.new_per_day).text, next);
        else
            snprintf(detail, sizeof detail, _("Nothing is due right now. %s"), next);
        draw_message(app, s, big, detail, COLOR_GOOD);
        return;
    }
    size_t kept = s->studied - s->forgotten;
    UiInt studied = ui_format_int((int64_t)s->studied);
    snprintf(big, sizeof big,
             i18n_plural("%s card studied", "%s cards studied", (int64_t)s->studied), studied.text);
    char remembered[160];
    snprintf(
        remembered, sizeof remembered, _("Remembered %s of %s (%s %%)."),
        ui_format_int((int64_t)kept).text, studied.text,
        ui_format_int(s->studied ? (int64_t)(100.0 * (double)kept / (double)s->studied + 0.5) : 0)
            .text);
    snprintf(detail, sizeof detail, "%s\n%s%s%s", remembered, next,
             s->info.learning_waiting ? "\n" : "",
             s->info.learning_waiting ? _("Cards still in learning come back in your next "
                                          "session.")
                                      : "");
    draw_message(app, s, big, detail, COLOR_TEXT);
}

static void draw_wait(App *app, StudyState *s)
{
    char in[16], big[64], detail[256];
    fsrs_format_interval(s->wait_until - app_unix_ms(), in, sizeof in);
    ui_localize_digits(in, sizeof in);
    snprintf(big, sizeof big, _("Next card in %s"), in);
    snprintf(detail, sizeof detail,
             i18n_plural("%s card is still in learning. It comes back when the step is over, or "
                         "study now.",
                         "%s cards are still in learning. They come back when the step is over, "
                         "or study now.",
                         (int64_t)s->info.learning_waiting),
             ui_format_int((int64_t)s->info.learning_waiting).text);
    draw_message(app, s, big, detail, COLOR_TEXT);
}

static void session_draw(App *app, void *state)
{
    StudyState *s = state;
    const Theme *t = &app->theme;
    layout(app, s);
    char sub[sizeof(UiIsolated) + 256];
    if (s->phase == PHASE_FRONT || s->phase == PHASE_BACK) {
        char counts[160];
        snprintf(counts, sizeof counts, _("%s learning \xC2\xB7 %s review \xC2\xB7 %s new"),
                 ui_format_int((int64_t)s->today.learning).text,
                 ui_format_int((int64_t)s->today.review).text,
                 ui_format_int((int64_t)s->today.fresh).text);
        snprintf(sub, sizeof sub, "%s%s%s", s->name[0] ? ui_isolate(s->name).text : "",
                 s->name[0] ? "  \xC2\xB7  " : "", counts);
    } else {
        char packs[80];
        study_ui_packs_text(app, packs, sizeof packs);
        snprintf(sub, sizeof sub, "%s%s%s", s->name[0] ? ui_isolate(s->name).text : "",
                 s->name[0] ? "  \xC2\xB7  " : "", packs);
    }
    widget_header(app, _("Study"), sub);

    widget_footer(app, footer_hint(s));

    switch (s->phase) {
    case PHASE_FRONT:
    case PHASE_BACK:
        draw_card(app, s);
        break;
    case PHASE_WAIT:
        draw_wait(app, s);
        break;
    case PHASE_DONE:
    case PHASE_EMPTY:
        draw_summary(app, s);
        break;
    }

    int n = button_count(s);
    for (int i = 0; i < n; i++) {
        unsigned flags = nav_flag(&s->nav, i);
        bool primary = s->phase == PHASE_BACK ? button_rating(s, i) == FSRS_RATING_GOOD
                       : s->phase == PHASE_DONE || s->phase == PHASE_EMPTY ? i == 1
                                                                           : i == 0;
        if (primary)
            flags |= WIDGET_PRIMARY;
        SDL_Rect r = s->nav.rect[i];
        widget_button(app, r, button_label(s, i), flags);
        if (s->phase == PHASE_BACK) {
            FsrsRating rt = button_rating(s, i);
            TextSpec is = {.style = TEXT_SMALL,
                           .align = TEXT_ALIGN_CENTER,
                           .color =
                               theme_color(rt == FSRS_RATING_AGAIN ? COLOR_BAD : COLOR_TEXT_DIM)};
            text_draw(app->text, &is, r.x + r.w / 2, r.y - small_h(app) - theme_px(t, 6),
                      s->intervals[rt - 1]);
        }
    }
}

const Scene scene_study = {
    .name = "study",
    .state_size = sizeof(StudyState),
    .enter = session_enter,
    .leave = session_leave,
    .event = session_event,
    .update = session_update,
    .draw = session_draw,
};
