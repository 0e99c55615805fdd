/* scene_results.c - the round's results.
 *
 * Correct answers and points are shown apart (a teacher needs both), with
 * the accuracy, the time taken and the best streak; below, a scrollable
 * review of every question with the player's answer and the right one.
 * "Retry the ones I missed" starts a round of just those (RoundSettings'
 * explicit list); "Done" (or Esc) goes back to the setup screen. The store
 * already has the finished round (play_submit finished it).
 *
 * Read play.h and scene_feedback.c first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "play.h"

#define RESULTS_HINT                                                                               \
    _("Up/Down  scroll the review    R  retry missed    Enter  choose    Esc  done")

typedef struct ResultsState {
    Nav nav; /* 0 = retry, 1 = done */
    Scroll scroll;
    SDL_Rect col, stats, list, retry, done;
    int row_h;
    size_t missed;
} ResultsState;

static size_t count_missed(const Round *round)
{
    size_t n = 0;
    for (size_t i = 0; i < round->question_count; i++)
        if (round->questions[i].answered && !round->questions[i].result.correct)
            n++;
    return n;
}

static void layout(App *app, ResultsState *st)
{
    const Theme *th = &app->theme;
    const Round *round = &app->quiz.round;
    st->col = theme_column(th, 920, 20);
    SDL_Rect c = st->col;
    TextSpec hs = {.style = TEXT_HEADING};
    TextSpec ls = {.style = TEXT_LABEL};
    int head_h = text_line_height(app->text, &hs) + theme_px(th, 6);
    st->stats = (SDL_Rect){c.x, c.y + head_h, c.w, theme_px(th, 96)};
    int bh = theme_px(th, THEME_BUTTON_H);
    int footer = play_footer_top(app, RESULTS_HINT) + theme_px(th, 6);
    int by = footer - theme_px(th, 8) - bh;
    int rw = theme_px(th, 330), dw = theme_px(th, 180);
    st->done = (SDL_Rect){c.x + c.w - dw, by, dw, bh};
    st->retry = (SDL_Rect){st->done.x - theme_px(th, THEME_GAP) - rw, by, rw, bh};
    int ly = st->stats.y + st->stats.h + text_line_height(app->text, &ls) + theme_px(th, 12);
    st->list = (SDL_Rect){c.x, ly, c.w, by - theme_px(th, THEME_GAP) - ly};
    st->row_h = theme_px(th, 70);
    scroll_set(&st->scroll, (int)round->question_count * st->row_h, st->list.h);
    st->missed = count_missed(round);
    nav_begin(&st->nav);
    nav_add(&st->nav, st->retry, st->missed > 0);
    nav_add(&st->nav, st->done, true);
    nav_end(&st->nav);
}

static void results_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    (void)from;
    ResultsState *st = state;
    if (!app->quiz.active) {
        app_home(app);
        return;
    }
    st->scroll.offset = 0;
    layout(app, st);
    nav_set_focus(&st->nav, st->missed > 0 ? 0 : 1);
    app_guard_input(app, APP_INPUT_GUARD_MS); /* a key meant for feedback starts nothing */
    SDL_StopTextInput();
    app_redraw(app);
}

static void retry_missed(App *app)
{
    /* Back to setup first, then the new round is pushed over it, so the
     * stack stays title > packs > setup > question. */
    app_back(app);
    play_retry_missed(app);
}

static void done(App *app)
{
    app_end_round(app);
    app_back(app);
}

static bool results_event(App *app, void *state, const UiEvent *event)
{
    ResultsState *st = state;
    if (!app->quiz.active)
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
    if (e->type == SDL_KEYDOWN && e->key.keysym.sym == SDLK_r && st->missed > 0) {
        retry_missed(app);
        return true;
    }
    bool changed = false;
    int hit = nav_event(&st->nav, event, &changed);
    if (hit == 0 && st->missed > 0) {
        retry_missed(app);
        return true;
    }
    if (hit == 1) {
        done(app);
        return true;
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
    SDL_Color tone = theme_color(res->correct              ? COLOR_GOOD
                                 : res->fraction.right > 0 ? COLOR_WARN
                                                           : COLOR_BAD);
    float cx = (float)(r.x + pad) + (float)d / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    play_fill_circle(ren, cx, cy, (float)d / 2.0f, tone);
    SDL_Rect icon = {r.x + pad + d / 6, (int)cy - d / 3, d * 2 / 3, d * 2 / 3};
    if (res->correct)
        play_draw_check(ren, icon, theme_color(COLOR_BG));
    else
        play_draw_cross(ren, icon, theme_color(COLOR_BG));

    const Question *q = rq->question;
    char prompt[600];
    qtype_stand_for(q, prompt, sizeof prompt);
    char line[PACK_MAX_STRING + 16], shortp[200];
    play_ellipsize(shortp, sizeof shortp, prompt, 150);
    snprintf(line, sizeof line, "%zu. %s", index + 1, shortp);
    int tx = r.x + pad + d + pad;
    int pts_w = theme_px(th, 90);
    int tw = r.x + r.w - pad - pts_w - tx;
    TextSpec ts = {.style = TEXT_BODY, .lang = rq->pack->language};
    SDL_Rect tbox = {tx, r.y + theme_px(th, 6), tw, r.h / 2 - theme_px(th, 6)};
    text_draw_fit(app->text, &ts, tbox, line);
    char detail[2 * 300];
    char given[260], right[260];
    play_ellipsize(given, sizeof given, rq->answered ? res->given_text : _("(not asked)"), 120);
    play_ellipsize(right, sizeof right, res->correct_text, 120);
    if (res->correct)
        snprintf(detail, sizeof detail, _("You: %s"), given);
    else
        snprintf(detail, sizeof detail, _("You: %s    Right: %s"), given, right);
    TextSpec ds = {
        .style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM), .lang = rq->pack->language};
    SDL_Rect dbox = {tx, r.y + r.h / 2, tw, r.h / 2 - theme_px(th, 6)};
    text_draw_fit(app->text, &ds, dbox, detail);
    UiInt pts = ui_format_int((int64_t)res->points + res->streak_bonus);
    TextSpec ps = {.style = TEXT_LABEL, .align = TEXT_ALIGN_RIGHT};
    int lh = text_line_height(app->text, &ps);
    text_draw(app->text, &ps, r.x + r.w - pad, r.y + (r.h - lh) / 2, pts.text);
    app_record_widget(app, r, line, res->correct ? WIDGET_SELECTED : 0u);
}

static void results_draw(App *app, void *state)
{
    ResultsState *st = state;
    const Round *round = &app->quiz.round;
    if (!app->quiz.active)
        return;
    layout(app, st);
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    RoundTotals t = round_totals(round);
    SDL_Rect c = st->col;

    TextSpec hs = {.style = TEXT_HEADING};
    text_draw(app->text, &hs, c.x, c.y, _("Round complete"));

    /* Five figures: correct and points stay apart. */
    char correct[72], acc[16], time[48];
    snprintf(correct, sizeof correct, "%s / %s", ui_format_int((int64_t)t.correct).text,
             ui_format_int((int64_t)t.question_count).text);
    UiInt points = ui_format_int(t.points), streak = ui_format_int(t.best_streak);
    snprintf(acc, sizeof acc, "%d%%", (int)(t.accuracy * 100.0 + 0.5));
    int64_t secs = (t.total_ms + 500) / 1000;
    snprintf(time, sizeof time, "%s:%02lld", ui_format_int(secs / 60).text, (long long)(secs % 60));
    const char *values[5] = {correct, points.text, acc, time, streak.text};
    const char *labels[5] = {_("Correct answers"), _("Points"), _("Accuracy"), _("Time taken"),
                             _("Best streak")};
    ThemeColor tones[5] = {COLOR_GOOD, COLOR_ACCENT, COLOR_TEXT, COLOR_TEXT, COLOR_WARN};
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

    char retry[64];
    if (st->missed > 0)
        snprintf(retry, sizeof retry,
                 i18n_plural("Retry the %s I missed", "Retry the %s I missed", (int64_t)st->missed),
                 ui_format_int((int64_t)st->missed).text);
    else
        snprintf(retry, sizeof retry, "%s", _("Nothing missed"));
    widget_button(app, st->retry, retry,
                  (st->missed > 0 ? 0u : WIDGET_DISABLED) | nav_flag(&st->nav, 0));
    widget_button(app, st->done, _("Done"), WIDGET_PRIMARY | nav_flag(&st->nav, 1));

    widget_footer(app, RESULTS_HINT);
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
