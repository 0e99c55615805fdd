/* scene_question.c - one question of the round on screen.
 *
 * Top to bottom: "Question 3 of 10" with a progress bar, the score and the
 * streak; a draining time bar when the question is timed; the prompt
 * (wrapped, shrunk to fit when long); the answer area of the question's type
 * (a PlayInput, which goes through its type's PlayKind); a hint line. This
 * file never looks at the question type: the prompt's layout, the hint and
 * the area all come from the PlayKind. When the player commits an answer or
 * the time runs out, play_submit() judges and stores it and the feedback
 * scene replaces this one. Esc asks before abandoning the round.
 *
 * Time: the loop's clock (app->now_ms, the test clock in tests) is handed
 * to the core as the milliseconds taken. While a timer is visible the scene
 * asks for frames so the bar drains smoothly; otherwise the loop idles.
 *
 * Read play.h first; the per-type areas are in play_choice.c and friends
 * (the table is in play_input.c).
 */
#include <stdio.h>
#include <string.h>

#include "class_play.h"
#include "format.h"
#include "i18n.h"
#include "play.h"

typedef struct QuestionState {
    PlayInput input;
    uint64_t shown_ms;  /* loop clock when this question appeared */
    bool clock_started; /* shown_ms is set (by the first update after enter) */
    /* The clock stops while the "Quit this round?" question is up (or any
     * the App asks): paused_at is when it stopped, and shown_ms moves on by
     * the pause when it goes on, so the time bar and the time taken leave
     * the pause out. */
    bool paused;
    uint64_t paused_at;
    int ticked; /* the last of the final seconds a tick was played for */
    /* Layout in pixels, recomputed from the theme before every event and draw. */
    SDL_Rect col, prompt, area;
    int top_y, progress_y, total_y, timer_y, footer_y; /* total_y: 0 without a total time */
} QuestionState;

/* ---- layout ------------------------------------------------------------ */

/* A class attempt's whole time: its span, or 0 when it has no total limit. */
static int64_t total_span_ms(const App *app)
{
    const ClassPlay *p = app->class_play;
    return p && p->deadline_ms > p->started_ms ? p->deadline_ms - p->started_ms : 0;
}

static void layout(App *app, QuestionState *st)
{
    const Theme *th = &app->theme;
    st->col = theme_column(th, 920, 20);
    SDL_Rect c = st->col;
    /* Rows follow the text sizes, so a 200 % font scale pushes them down
     * instead of drawing over them. */
    TextSpec ls = {.style = TEXT_LABEL};
    TextSpec ss = {.style = TEXT_SMALL};
    st->top_y = c.y;
    st->progress_y = c.y + text_line_height(app->text, &ls) + theme_px(th, 4);
    int timer_h = text_line_height(app->text, &ss);
    if (timer_h < theme_px(th, 10))
        timer_h = theme_px(th, 10);
    /* A class attempt's total time has a row of its own above the
     * question's clock, drawn the same way. */
    st->total_y = total_span_ms(app) ? st->progress_y + theme_px(th, 16) : 0;
    st->timer_y =
        st->total_y ? st->total_y + timer_h + theme_px(th, 6) : st->progress_y + theme_px(th, 16);
    int prompt_top = st->timer_y + timer_h + theme_px(th, 10);
    st->footer_y = play_footer_top(app, play_input_hint(&st->input)) + theme_px(th, 6);
    int h_total = st->footer_y - prompt_top;
    /* The prompt gets about a quarter of the height, the answers the rest. */
    int ph = h_total * 26 / 100;
    if (ph < theme_px(th, 70))
        ph = theme_px(th, 70);
    switch (play_input_prompt_layout(&st->input)) {
    case PLAY_PROMPT_GROWS: {
        /* A long prompt may take up to 45 % before it has to shrink. */
        TextSpec ps = {.style = TEXT_HEADING, .wrap = c.w, .lang = st->input.lang};
        int natural = text_measure(app->text, &ps, play_input_prompt(&st->input)).y;
        int cap = h_total * 45 / 100;
        int room = h_total - theme_px(th, THEME_GAP) - play_input_min_height(app, &st->input);
        if (cap > room)
            cap = room; /* the answers keep the room they need to be read */
        if (natural > ph && cap > ph)
            ph = natural < cap ? natural : cap;
        break;
    }
    case PLAY_PROMPT_CARD:
        ph = h_total * 30 / 100;
        break;
    case PLAY_PROMPT_LINE:
        ph = theme_px(th, 54);
        break;
    }
    st->prompt = (SDL_Rect){c.x, prompt_top, c.w, ph};
    int ay = prompt_top + ph + theme_px(th, THEME_GAP);
    st->area = (SDL_Rect){c.x, ay, c.w, st->footer_y - theme_px(th, 10) - ay};
    play_input_layout(app, &st->input, st->area);
}

/* ---- enter ------------------------------------------------------------- */

static void question_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    (void)from;
    QuestionState *st = state;
    play_input_free(&st->input);
    st->paused = false;
    st->ticked = 0;
    const RoundQuestion *rq =
        play_quiz(app)->active && !play_is_over(app) ? round_current(&play_quiz(app)->round) : NULL;
    if (rq == NULL) {
        if (play_quiz(app)->active)
            app_replace(app, SCENE_RESULTS);
        else
            app_home(app);
        return;
    }
    if (!play_input_init(&st->input, rq)) {
        app_notice(app, COLOR_BAD, _("Out of memory: this question cannot be shown."));
        play_abandon(app);
        app_back(app);
        return;
    }
    /* app->now_ms may be as old as the idle wait before this event: the
     * question's clock starts at the next update, which has a fresh one. */
    st->clock_started = false;
    st->shown_ms = app->now_ms;
    app_guard_input(app, APP_INPUT_GUARD_MS); /* not answered by the key that brought it */
    if (play_input_wants_text(&st->input))
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
    app_redraw(app);
}

/* The round can go while this screen is up (app_end_round from a notice,
 * a test or a new round started elsewhere): st->input then borrows freed
 * questions. Event, update and draw ask this first and touch nothing of
 * the round when it says no. */
static bool question_round_shown(App *app, const QuestionState *st)
{
    const Quiz *quiz = play_quiz(app);
    return st->input.rq != NULL && quiz->active && round_current(&quiz->round) == st->input.rq;
}

/* When the round this screen shows has gone, drops the input and leaves:
 * to the current question of a round started since, to the results of a
 * round that is over, or home. True when it left. */
static bool round_gone(App *app, QuestionState *st)
{
    if (st->input.rq == NULL)
        return true;
    if (question_round_shown(app, st))
        return false;
    if (app->pending_count > 0)
        return true; /* a switch is already on its way (the next question) */
    play_input_free(&st->input);
    SDL_StopTextInput();
    const Quiz *quiz = play_quiz(app);
    if (quiz->active && round_current(&quiz->round) != NULL)
        app_replace(app, SCENE_QUESTION); /* another round: show its question */
    else if (quiz->active)
        app_replace(app, SCENE_RESULTS);
    else
        app_home(app);
    return true;
}

/* ---- event ------------------------------------------------------------- */

static void finish_question(App *app, QuestionState *st, bool timed_out)
{
    if (!play_quiz(app)->active)
        return;
    uint64_t now = app->now_ms;
    int64_t elapsed = st->clock_started && now >= st->shown_ms ? (int64_t)(now - st->shown_ms) : 0;
    play_submit(app, timed_out ? NULL : &st->input.given, elapsed);
    st->input.ready = false;
    app_replace(app, play_next_scene(app));
}

static bool question_event(App *app, void *state, const UiEvent *event)
{
    QuestionState *st = state;
    if (st->input.q == NULL || round_gone(app, st))
        return false;
    layout(app, st);
    bool handled = play_input_event(app, &st->input, event);
    if (st->input.ready) {
        finish_question(app, st, false);
        return true;
    }
    if (!handled && event->action == ACTION_BACK) {
        play_ask_quit(app);
        return true;
    }
    return handled;
}

/* ---- update ------------------------------------------------------------ */

static void question_update(App *app, void *state, uint64_t now_ms)
{
    QuestionState *st = state;
    if (round_gone(app, st))
        return;
    if (play_tick(app)) { /* a class attempt's total time ran out */
        app_replace(app, SCENE_RESULTS);
        return;
    }
    if (!st->clock_started) {
        st->shown_ms = now_ms;
        st->clock_started = true;
    }
    if (app_asking(app)) {
        if (!st->paused) {
            st->paused = true;
            st->paused_at = now_ms;
        }
        return; /* the clock waits for the answer to the question asked */
    }
    if (st->paused) {
        st->paused = false;
        st->shown_ms += now_ms > st->paused_at ? now_ms - st->paused_at : 0;
    }
    int64_t total_left = app->class_play && !st->paused
                             ? class_play_time_left_ms(app->class_play, app_unix_ms())
                             : -1;
    if (total_left > 0) /* the total-time bar moves each second; the end is checked then */
        app_wake_at(app, now_ms + (uint64_t)(total_left % 1000 ? total_left % 1000 : 1000));
    int64_t limit = st->input.rq->time_limit_ms;
    if (limit <= 0)
        return; /* untimed: nothing moves, the loop idles */
    uint64_t elapsed = now_ms >= st->shown_ms ? now_ms - st->shown_ms : 0;
    if (elapsed >= (uint64_t)limit) {
        finish_question(app, st, true);
        return;
    }
    /* The last three seconds tick (when the sound is on). */
    int left = (int)(((uint64_t)limit - elapsed + 999) / 1000);
    if (left <= 3 && left != st->ticked) {
        st->ticked = left;
        app_play_sound(app, AUDIO_TICK);
    }
    if (app->theme.reduced_motion)
        app_wake_at(app, now_ms + 1000 - (elapsed % 1000)); /* whole seconds */
    else
        app_animate(app); /* the bar drains smoothly */
}

/* ---- draw -------------------------------------------------------------- */

/* One clock's row: a bar draining from full, and its time left as text
 * at its end. Both clocks' bars end where the wider of their labels
 * begins, so they line up. */
static void draw_clock(App *app, const QuestionState *st, int y, float left_frac, SDL_Color fill,
                       const char *text, const char *widget)
{
    const Theme *th = &app->theme;
    SDL_Rect c = st->col;
    TextSpec ss = {.style = TEXT_SMALL, .align = TEXT_ALIGN_RIGHT};
    char widest[sizeof(UiInt) + 8];
    snprintf(widest, sizeof widest, _("%s s"), "000");
    int tw = text_measure(app->text, &ss, widest).x;
    int total_w = text_measure(app->text, &ss, "00:00").x;
    int text_w = text_measure(app->text, &ss, text).x; /* over 99 minutes */
    if (total_w > tw)
        tw = total_w;
    if (text_w > tw)
        tw = text_w;
    SDL_Rect bar = {c.x, y, c.w - tw - theme_px(th, 10), theme_px(th, 10)};
    widget_progress(app, bar, left_frac, fill);
    int lh = text_line_height(app->text, &ss);
    text_draw(app->text, &ss, c.x + c.w, y + bar.h / 2 - lh / 2, text);
    app_record_widget(app, bar, widget, 0);
}

/* A class session's total time: a bar draining to the deadline, with the
 * minutes and seconds left (class_play.h). */
static void draw_total_time(App *app, const QuestionState *st)
{
    int64_t span = total_span_ms(app);
    int64_t left = span ? class_play_time_left_ms(app->class_play, app_unix_ms()) : -1;
    if (left < 0 || !st->total_y)
        return;
    float frac = (float)left / (float)span;
    int64_t secs = (left + 999) / 1000;
    char text[sizeof(UiInt) + 8], label[96];
    snprintf(text, sizeof text, "%s:%02lld", ui_format_int(secs / 60).text, (long long)(secs % 60));
    ui_localize_digits(text, sizeof text);
    snprintf(label, sizeof label, _("Total time left %s:%02lld"), ui_format_int(secs / 60).text,
             (long long)(secs % 60));
    ui_localize_digits(label, sizeof label);
    draw_clock(app, st, st->total_y, frac, theme_color(frac < 0.1f ? COLOR_BAD : COLOR_TEXT_DIM),
               text, label);
}

static void draw_top(App *app, QuestionState *st)
{
    const Theme *th = &app->theme;
    const Round *round = &play_quiz(app)->round;
    SDL_Rect c = st->col;
    char left[96], right[128];
    snprintf(left, sizeof left, _("Question %s of %s"),
             ui_format_int((int64_t)round->current + 1).text,
             ui_format_int((int64_t)round->question_count).text);
    TextSpec ls = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    text_draw(app->text, &ls, c.x, st->top_y, left);
    RoundTotals t = round_totals(round);
    UiInt streak = ui_format_int(round->streak);
    if (round->settings.scoring == SCORING_ACCURACY)
        snprintf(right, sizeof right, _("%s right   Streak %s"),
                 ui_format_int((int64_t)t.correct).text, streak.text);
    else
        snprintf(right, sizeof right,
                 i18n_plural("%s point   Streak %s", "%s points   Streak %s", t.points),
                 ui_format_int(t.points).text, streak.text);
    TextSpec rs = {.style = TEXT_LABEL, .align = TEXT_ALIGN_RIGHT};
    text_draw(app->text, &rs, c.x + c.w, st->top_y, right);
    app_record_widget(app, (SDL_Rect){c.x, st->top_y, c.w / 2, st->progress_y - st->top_y}, left,
                      0);

    SDL_Rect bar = {c.x, st->progress_y, c.w, theme_px(th, 6)};
    float done =
        round->question_count > 0 ? (float)round->current / (float)round->question_count : 0.0f;
    widget_progress(app, bar, done, theme_color(COLOR_ACCENT));
    draw_total_time(app, st);

    int64_t limit = st->input.rq->time_limit_ms;
    if (limit > 0) {
        uint64_t now = st->paused ? st->paused_at : app->now_ms;
        int64_t elapsed = now >= st->shown_ms ? (int64_t)(now - st->shown_ms) : 0;
        if (elapsed > limit)
            elapsed = limit;
        float left_frac = 1.0f - (float)elapsed / (float)limit;
        SDL_Color fill = theme_color(COLOR_ACCENT);
        if (left_frac < 0.25f)
            fill = theme_color(COLOR_BAD);
        else if (left_frac < 0.5f)
            fill = theme_color(COLOR_WARN);
        char secs[sizeof(UiInt) + 4];
        /* TRANSLATORS: seconds left on the question's clock. */
        snprintf(secs, sizeof secs, _("%s s"), ui_format_int((limit - elapsed + 999) / 1000).text);
        draw_clock(app, st, st->timer_y, left_frac, fill, secs, "time-bar");
    }
}

static void question_draw(App *app, void *state)
{
    QuestionState *st = state;
    if (st->input.q == NULL || !question_round_shown(app, st))
        return; /* the next update leaves */
    layout(app, st);
    draw_top(app, st);
    TextSpec ps = {.style = TEXT_HEADING, .wrap = st->prompt.w, .lang = st->input.lang};
    if (play_input_prompt_layout(&st->input) != PLAY_PROMPT_GROWS)
        ps.align = TEXT_ALIGN_CENTER;
    text_draw_fit(app->text, &ps, st->prompt, play_input_prompt(&st->input));
    app_record_widget(app, st->prompt, "prompt", 0);
    play_input_draw(app, &st->input);
    if (play_input_wants_text(&st->input)) {
        /* Tell the IME where the text goes (window points, not pixels) so
         * its candidate list opens next to the field. */
        float sx = app->input.pixel_x > 0.0f ? app->input.pixel_x : 1.0f;
        float sy = app->input.pixel_y > 0.0f ? app->input.pixel_y : 1.0f;
        SDL_Rect f = st->input.text_rect;
        SDL_Rect ime = {(int)((float)f.x / sx), (int)((float)f.y / sy), (int)((float)f.w / sx),
                        (int)((float)f.h / sy)};
        SDL_SetTextInputRect(&ime);
    }
    widget_footer(app, play_input_hint(&st->input));
}

/* ---- leave ------------------------------------------------------------- */

static void question_leave(App *app, void *state)
{
    (void)app;
    QuestionState *st = state;
    play_input_free(&st->input);
    st->paused = false;
    SDL_StopTextInput();
}

const Scene scene_question = {
    .name = "question",
    .state_size = sizeof(QuestionState),
    .enter = question_enter,
    .leave = question_leave,
    .event = question_event,
    .update = question_update,
    .draw = question_draw,
};
