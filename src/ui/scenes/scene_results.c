/* scene_results.c - the round's results.
 *
 * Correct answers and points are shown apart (a teacher needs both), with
 * the accuracy, the time taken and the best streak; below, a scrollable
 * review of every question with the player's answer and the right one.
 * "Retry the ones I missed" (only when something was missed) starts a
 * round of just those (RoundSettings' explicit list); "Play again" one
 * with the same packs and settings (a round from setup or the title);
 * "Done" (or Esc) goes back to the title. Figures take the colour of what
 * they say: no right answers is never green. The store already has the
 * finished round (play_submit finished it).
 *
 * Read play.h and scene_feedback.c first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "class_play.h"
#include "format.h"
#include "i18n.h"
#include "play.h"

#define RESULTS_HINT                                                                               \
    _("Up/Down  scroll the review    R  retry missed    Enter  choose    Esc  done")
#define RESULTS_HINT_CLEAN _("Up/Down  scroll the review    Enter  choose    Esc  done")

/* The buttons, in nav order; those that do not apply are left out. */
typedef enum ResultsButton { BUTTON_RETRY, BUTTON_AGAIN, BUTTON_DONE, BUTTON_COUNT } ResultsButton;

typedef struct ResultsState {
    Nav nav;
    int nav_button[BUTTON_COUNT]; /* nav index of each button; -1 when not shown */
    SDL_Rect button[BUTTON_COUNT];
    Scroll scroll;
    SDL_Rect col, stats, list;
    int row_h;
    size_t missed;
    bool again; /* "Play again": a round from the setup screen or the title */
} ResultsState;

static size_t count_missed(const Round *round)
{
    size_t n = 0;
    for (size_t i = 0; i < round->question_count; i++)
        if (round->questions[i].answered && !round->questions[i].result.correct)
            n++;
    return n;
}

static const char *hint(const ResultsState *st)
{
    return st->missed > 0 ? RESULTS_HINT : RESULTS_HINT_CLEAN;
}

static void layout(App *app, ResultsState *st)
{
    const Theme *th = &app->theme;
    const Round *round = &play_quiz(app)->round;
    bool klass = play_is_class(app); /* a session fixes the questions: no retry, no again */
    st->missed = klass ? 0 : count_missed(round);
    st->again =
        !klass &&
        (play_quiz(app)->mode == QUIZ_MODE_PRACTICE || play_quiz(app)->mode == QUIZ_MODE_TIMED) &&
        app_selection_questions(app, NULL) > 0;
    st->col = theme_column(th, 920, 20);
    SDL_Rect c = st->col;
    TextSpec hs = {.style = TEXT_HEADING};
    TextSpec ls = {.style = TEXT_LABEL};
    TextSpec vs = {.style = TEXT_DISPLAY};
    TextSpec ss = {.style = TEXT_SMALL};
    int head_h = text_line_height(app->text, &hs) + theme_px(th, 6);
    int stat_h =
        text_line_height(app->text, &vs) + 2 * text_line_height(app->text, &ss) + theme_px(th, 16);
    if (stat_h < theme_px(th, 96))
        stat_h = theme_px(th, 96);
    st->stats = (SDL_Rect){c.x, c.y + head_h, c.w, stat_h};
    int bh = widget_button_height(app);
    int footer = play_footer_top(app, hint(st)) + theme_px(th, 6);
    int by = footer - theme_px(th, 8) - bh;
    /* Right to left along the bottom: Done, Play again, Retry. */
    int gap = theme_px(th, THEME_GAP);
    int widths[BUTTON_COUNT] = {theme_px(th, 300), theme_px(th, 200), theme_px(th, 160)};
    bool shown[BUTTON_COUNT] = {st->missed > 0, st->again, true};
    int total = 0;
    for (int b = 0; b < BUTTON_COUNT; b++)
        total += shown[b] ? widths[b] + gap : 0;
    if (total - gap > c.w) { /* a narrow window: share the width */
        int n = shown[0] + shown[1] + shown[2];
        for (int b = 0; b < BUTTON_COUNT; b++)
            widths[b] = (c.w - (n - 1) * gap) / n;
    }
    int x = c.x + c.w;
    for (int b = BUTTON_COUNT - 1; b >= 0; b--) {
        if (!shown[b])
            continue;
        x -= widths[b];
        st->button[b] = (SDL_Rect){x, by, widths[b], bh};
        x -= gap;
    }
    int ly = st->stats.y + st->stats.h + text_line_height(app->text, &ls) + theme_px(th, 12);
    st->list = (SDL_Rect){c.x, ly, c.w, by - gap - ly};
    if (klass) /* room for where the result file went, above the buttons */
        st->list.h -= 2 * text_line_height(app->text, &ss) + gap;
    /* Rows fit one line of the question and one of the answers at the
     * text size: every row the same, nothing shrunk. */
    TextSpec bs = {.style = TEXT_BODY};
    st->row_h =
        text_line_height(app->text, &bs) + text_line_height(app->text, &ss) + theme_px(th, 22);
    if (st->row_h < theme_px(th, 64))
        st->row_h = theme_px(th, 64);
    scroll_set(&st->scroll, (int)round->question_count * st->row_h, st->list.h);
    nav_begin(&st->nav);
    for (int b = 0; b < BUTTON_COUNT; b++)
        st->nav_button[b] = shown[b] ? nav_add(&st->nav, st->button[b], true) : -1;
    nav_end(&st->nav);
}

static void results_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    ResultsState *st = state;
    if (!play_quiz(app)->active) {
        app_home(app);
        return;
    }
    st->scroll.offset = 0;
    layout(app, st);
    nav_set_focus(&st->nav, st->nav_button[st->missed > 0 ? BUTTON_RETRY : BUTTON_DONE]);
    app_guard_input(app, APP_INPUT_GUARD_MS); /* a key meant for feedback starts nothing */
    if (from == SCENE_FEEDBACK)
        app_play_sound(app, AUDIO_ROUND_END);
    app->played = true; /* the title offers "Play again" */
    SDL_StopTextInput();
    app_redraw(app);
}

static void retry_missed(App *app)
{
    /* The results leave first, then the new round is pushed where they
     * were, so the stack stays as it was when the round began. */
    app_back(app);
    play_retry_missed(app);
}

static void play_again(App *app)
{
    app_back(app);
    app_start_selected_round(app);
}

static void done(App *app)
{
    if (play_is_class(app)) { /* back to the session, which frees the attempt */
        app_back(app);
        return;
    }
    app_end_round(app);
    app_home(app); /* the round is over: back to the title */
}

static void press(App *app, ResultsButton b)
{
    switch (b) {
    case BUTTON_RETRY:
        retry_missed(app);
        break;
    case BUTTON_AGAIN:
        play_again(app);
        break;
    case BUTTON_DONE:
    case BUTTON_COUNT:
        done(app);
        break;
    }
}

static bool results_event(App *app, void *state, const UiEvent *event)
{
    ResultsState *st = state;
    if (!play_quiz(app)->active)
        return false;
    layout(app, st);
    const SDL_Event *e = event->sdl;
    if (event->action == ACTION_BACK) {
        done(app);
        return true;
    }
    if (event->wheel != 0)
        return scroll_wheel(&st->scroll, event->wheel, st->row_h);
    if (event->action == ACTION_UP || event->action == ACTION_DOWN) {
        return scroll_wheel(&st->scroll, event->action == ACTION_UP ? 1 : -1, st->row_h);
    }
    if (e->type == SDL_KEYDOWN &&
        (e->key.keysym.sym == SDLK_PAGEUP || e->key.keysym.sym == SDLK_PAGEDOWN)) {
        int pages = st->list.h / st->row_h > 1 ? st->list.h / st->row_h - 1 : 1;
        return scroll_wheel(&st->scroll, e->key.keysym.sym == SDLK_PAGEUP ? pages : -pages,
                            st->row_h);
    }
    if (input_key_is(e, SDL_SCANCODE_R) && st->missed > 0) {
        retry_missed(app);
        return true;
    }
    bool changed = false;
    int hit = nav_event(&st->nav, event, &changed);
    for (int b = 0; hit >= 0 && b < BUTTON_COUNT; b++) {
        if (st->nav_button[b] == hit) {
            press(app, (ResultsButton)b);
            return true;
        }
    }
    return changed;
}

static void draw_stat(App *app, SDL_Rect r, const char *value, const char *label, SDL_Color color)
{
    const Theme *th = &app->theme;
    widget_panel(app, r);
    TextSpec vs = {.style = TEXT_DISPLAY, .color = color};
    SDL_Rect vbox = {r.x + theme_px(th, 8), r.y + theme_px(th, 8), r.w - theme_px(th, 16),
                     r.h * 58 / 100};
    vs.align = TEXT_ALIGN_CENTER;
    vs.wrap = vbox.w;
    text_draw_fit(app->text, &vs, vbox, value);
    TextSpec ls = {.style = TEXT_SMALL,
                   .color = theme_color(COLOR_TEXT_DIM),
                   .align = TEXT_ALIGN_CENTER,
                   .wrap = r.w - theme_px(th, 8)};
    SDL_Rect lbox = {r.x + theme_px(th, 4), r.y + r.h * 64 / 100, r.w - theme_px(th, 8),
                     r.h * 30 / 100};
    text_draw_fit(app->text, &ls, lbox, label);
    char rec[96];
    snprintf(rec, sizeof rec, "%s: %s", label, value);
    app_record_widget(app, r, rec, 0);
}

static void draw_row(App *app, const RoundQuestion *rq, size_t index, SDL_Rect r)
{
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    const RoundResult *res = &rq->result;
    SDL_Color bg = theme_color(index % 2 ? COLOR_BG : COLOR_SURFACE);
    ui_fill_round(ren, r, theme_px(th, 8), bg);
    int pad = theme_px(th, 12);
    int d = theme_px(th, 28);
    play_draw_verdict(ren, (SDL_Rect){r.x + pad, r.y + (r.h - d) / 2, d, d}, play_verdict(res));

    /* One size for every row: a long question or answer is cut with an
     * ellipsis, never drawn smaller than its neighbours. */
    const Question *q = rq->question;
    char prompt[600];
    qtype_stand_for(q, prompt, sizeof prompt);
    char line[PACK_MAX_STRING + 16];
    snprintf(line, sizeof line, "%s. %s", ui_format_int((int64_t)index + 1).text, prompt);
    int tx = r.x + pad + d + pad;
    int pts_w = theme_px(th, 90);
    int tw = r.x + r.w - pad - pts_w - tx;
    TextSpec ts = {
        .style = TEXT_BODY, .lang = rq->pack->language, .no_shrink = true, .max_lines = 1};
    TextSpec ds = {.style = TEXT_SMALL,
                   .color = theme_color(COLOR_TEXT_DIM),
                   .lang = rq->pack->language,
                   .no_shrink = true,
                   .max_lines = 1};
    int th1 = text_line_height(app->text, &ts), th2 = text_line_height(app->text, &ds);
    int ty = r.y + (r.h - th1 - th2) / 2;
    text_draw_fit(app->text, &ts, (SDL_Rect){tx, ty, tw, th1}, line);
    char detail[2 * PACK_MAX_STRING];
    const char *given = rq->answered ? res->given_text : _("(not asked)");
    if (res->correct || !rq->answered || res->correct_text == NULL) /* a stopped attempt */
        snprintf(detail, sizeof detail, _("You: %s"), given);
    else
        snprintf(detail, sizeof detail, _("You: %s    Right: %s"), given, res->correct_text);
    text_draw_fit(app->text, &ds, (SDL_Rect){tx, ty + th1, tw, th2}, detail);
    UiInt pts = ui_format_int((int64_t)res->points + res->streak_bonus);
    TextSpec ps = {.style = TEXT_LABEL, .align = TEXT_ALIGN_RIGHT};
    int lh = text_line_height(app->text, &ps);
    text_draw(app->text, &ps, r.x + r.w - pad, r.y + (r.h - lh) / 2, pts.text);
    app_record_widget(app, r, line, res->correct ? WIDGET_SELECTED : 0u);
}

/* Where a class attempt's result file went, in the student's words (the
 * core's message: results/new, or kept on this computer and where). */
static void draw_delivery(App *app, const ResultsState *st, const ClassPlay *cp)
{
    const ClassDelivery *d = class_play_delivery(cp);
    if (!d->ended)
        return;
    const Theme *th = &app->theme;
    TextSpec ms = {.style = TEXT_SMALL,
                   .wrap = st->list.w,
                   .max_lines = 2,
                   .color = theme_color(d->written ? COLOR_GOOD : COLOR_WARN)};
    SDL_Rect box = {st->list.x, st->list.y + st->list.h + theme_px(th, 4), st->list.w,
                    2 * text_line_height(app->text, &ms)};
    text_draw_fit(app->text, &ms, box, i18n_message(d->message));
    app_record_widget(app, box, "delivery", 0);
}

static void results_draw(App *app, void *state)
{
    ResultsState *st = state;
    const Round *round = &play_quiz(app)->round;
    if (!play_quiz(app)->active)
        return;
    layout(app, st);
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    RoundTotals t = round_totals(round);
    SDL_Rect c = st->col;

    TextSpec hs = {.style = TEXT_HEADING};
    const ClassPlay *cp = app->class_play;
    text_draw(app->text, &hs, c.x, c.y, cp ? _("Handed in") : _("Round complete"));
    if (cp) {
        app_record_widget(app, (SDL_Rect){c.x, c.y, c.w / 2, text_line_height(app->text, &hs)},
                          _("Handed in"), 0);
        draw_delivery(app, st, cp);
        if (!class_play_shows_review(cp)) { /* feedback none: only "submitted" */
            TextSpec ms = {.style = TEXT_BODY, .wrap = c.w};
            text_draw(app->text, &ms, c.x, st->stats.y, _("Your answers were submitted."));
            app_record_widget(app, st->stats, "submitted", 0);
            widget_button(app, st->button[BUTTON_DONE], _("Done"),
                          WIDGET_PRIMARY | nav_flag(&st->nav, st->nav_button[BUTTON_DONE]));
            widget_footer(app, hint(st));
            return;
        }
    }

    /* Five figures: correct and points stay apart. */
    char correct[160], acc[32], time[96];
    snprintf(correct, sizeof correct, "%s / %s", ui_format_int((int64_t)t.correct).text,
             ui_format_int((int64_t)t.question_count).text);
    UiInt points = ui_format_int(t.points), streak = ui_format_int(t.best_streak);
    snprintf(acc, sizeof acc, "%d %%", (int)(t.accuracy * 100.0 + 0.5)); /* "92 %" everywhere */
    ui_localize_digits(acc, sizeof acc);
    int64_t secs = (t.total_ms + 500) / 1000;
    snprintf(time, sizeof time, "%s:%02lld", ui_format_int(secs / 60).text, (long long)(secs % 60));
    ui_localize_digits(time, sizeof time);
    const char *values[5] = {correct, points.text, acc, time, streak.text};
    const char *labels[5] = {_("Correct answers"), _("Points"), _("Accuracy"), _("Time taken"),
                             _("Best streak")};
    /* Colour follows the figure: nothing right is not drawn in green. */
    ThemeColor tones[5] = {t.correct == 0                 ? COLOR_BAD
                           : t.correct < t.question_count ? COLOR_WARN
                                                          : COLOR_GOOD,
                           t.points > 0 ? COLOR_ACCENT : COLOR_TEXT_DIM, COLOR_TEXT, COLOR_TEXT,
                           t.best_streak > 0 ? COLOR_WARN : COLOR_TEXT_DIM};
    int gap = theme_px(th, 10);
    int w = (st->stats.w - 4 * gap) / 5;
    for (int i = 0; i < 5; i++) {
        SDL_Rect r = {st->stats.x + i * (w + gap), st->stats.y, w, st->stats.h};
        draw_stat(app, r, values[i], labels[i], theme_color(tones[i]));
    }

    TextSpec ls = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    text_draw(app->text, &ls, c.x, st->list.y - text_line_height(app->text, &ls) - theme_px(th, 4),
              C_("results heading", "Review"));

    SDL_Rect clip = st->list;
    SDL_RenderSetClipRect(ren, &clip);
    for (size_t i = 0; i < round->question_count; i++) {
        int y = st->list.y + (int)i * st->row_h - st->scroll.offset;
        if (y + st->row_h < st->list.y || y > st->list.y + st->list.h)
            continue;
        SDL_Rect r = {st->list.x, y, st->list.w - theme_px(th, 14), st->row_h - theme_px(th, 4)};
        draw_row(app, &round->questions[i], i, r);
    }
    SDL_RenderSetClipRect(ren, NULL);
    widget_scrollbar(app, st->list, &st->scroll);

    if (st->nav_button[BUTTON_RETRY] >= 0) {
        char retry[64];
        snprintf(retry, sizeof retry,
                 i18n_plural("Retry the %s I missed", "Retry the %s I missed", (int64_t)st->missed),
                 ui_format_int((int64_t)st->missed).text);
        widget_button(app, st->button[BUTTON_RETRY], retry,
                      nav_flag(&st->nav, st->nav_button[BUTTON_RETRY]));
    }
    if (st->nav_button[BUTTON_AGAIN] >= 0)
        widget_button(app, st->button[BUTTON_AGAIN], _("Play again"),
                      nav_flag(&st->nav, st->nav_button[BUTTON_AGAIN]));
    widget_button(app, st->button[BUTTON_DONE], _("Done"),
                  WIDGET_PRIMARY | nav_flag(&st->nav, st->nav_button[BUTTON_DONE]));
    widget_footer(app, hint(st));
}

const Scene scene_results = {
    .name = "results",
    .state_size = sizeof(ResultsState),
    .enter = results_enter,
    .leave = NULL,
    .event = results_event,
    .update = NULL,
    .draw = results_draw,
};
