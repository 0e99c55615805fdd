/* test_ui_student.c - a timed class round tried as a student would: the
 * stray keys, empty answers, the quit dialog and the short way back to a
 * question that must not break a round.
 *
 * Every test drives the real loop with real SDL events
 * (tests/support/ui_driver.h) over the deterministic pack in
 * tests/data/play/ (one question of each type, choices unshuffled), and
 * checks what a student would notice: the scene on screen, what it says,
 * and the answers the store holds. Rounds are built from an explicit
 * question list in a fixed order, so each test knows what is asked when.
 *
 * Read test_ui_play.c first (the play screens' keys); this file holds the
 * failures a classroom meets first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "audio.h"
#include "learn.h"
#include "play.h"
#include "round.h"
#include "store.h"
#include "ui_driver.h"
#include "widgets.h"

#define PACK_ID "play-every-type"

static const char *const play_packs[] = {QUIZDECK_TEST_DATA "/play"};
/* Two good packs (one with topics) and a broken one. */
static const char *const ui_packs[] = {QUIZDECK_TEST_DATA "/ui/good", QUIZDECK_TEST_DATA "/ui/bad"};

/* ---- set-up ------------------------------------------------------------ */

static App *open_play(UiDriver *d, int w, int h)
{
    App *app = ui_open(d, play_packs, 1, w, h);
    assert_non_null(app);
    assert_non_null(app->store);
    return app;
}

/* Starts an untimed (or fixed-time) round of the named questions, in order. */
static void start_round(UiDriver *d, const char *const *ids, size_t n, RoundTimeMode mode,
                        int seconds)
{
    RoundQuestionRef refs[16];
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++)
        refs[i] = (RoundQuestionRef){PACK_ID, ids[i]};
    RoundSettings rs = {0};
    rs.only = refs;
    rs.only_count = n;
    rs.keep_only_order = true;
    rs.time_mode = mode;
    rs.fixed_seconds = seconds;
    rs.seed = 7;
    assert_true(app_start_round(d->app, &rs, QUIZ_MODE_PRACTICE, true));
    ui_pump(d);
    assert_int_equal(app_scene(d->app), SCENE_QUESTION);
}

/* The question being asked, by id ("" when none). */
static const char *asked(App *app)
{
    const RoundQuestion *rq = round_current(&app->quiz.round);
    return rq != NULL ? rq->question->id : "";
}

/* How many answers the store holds for the round. */
static size_t stored_answers(const UiDriver *d, int64_t round_id)
{
    Store *store = NULL;
    StoreError err = {0};
    assert_int_equal(store_open(&store, d->dir, &err), STORE_OK);
    StoreAnswerList answers = {0};
    assert_int_equal(store_round_answers(store, round_id, &answers, &err), STORE_OK);
    size_t n = answers.count;
    store_answer_list_free(&answers);
    store_close(store);
    return n;
}

/* ---- a round is never lost to a stray key ------------------------------ */

/* Enter pressed twice on "Next question" goes on to the next question and
 * no further: the second press does not answer a question not yet seen. */
static void test_double_enter_does_not_answer_the_next_question(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-truefalse", "q-choice", "q-multi"};
    start_round(d, ids, 3, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;
    ui_key(d, SDLK_t);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    ui_key_burst(d, SDLK_RETURN, 2);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_string_equal(asked(app), "q-choice");
    assert_int_equal(stored_answers(d, round_id), 1);

    /* Once it has been on screen a moment, Enter picks as usual. */
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_int_equal(stored_answers(d, round_id), 2);
}

/* A key held down on the feedback screen repeats into nothing: the next
 * question waits for a fresh press. */
static void test_held_key_does_not_repeat_into_the_next_screen(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-truefalse", "q-choice"};
    start_round(d, ids, 2, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;
    ui_key(d, SDLK_t);
    ui_wait(d, UI_PACE_MS);
    ui_key_event(d, SDL_KEYDOWN, SDLK_RETURN, false);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    /* The keyboard's auto-repeat, well after the question appeared. */
    ui_wait(d, 600);
    for (int i = 0; i < 5; i++) {
        ui_key_event(d, SDL_KEYDOWN, SDLK_RETURN, true);
        ui_wait(d, 40);
    }
    ui_key_event(d, SDL_KEYUP, SDLK_RETURN, false);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_string_equal(asked(app), "q-choice");
    assert_int_equal(stored_answers(d, round_id), 1);
}

/* The first answer the store holds for the round (its texts copied). */
typedef struct FirstAnswer {
    bool timed_out, correct;
    int64_t ms_taken;
    char given[256];
} FirstAnswer;

static FirstAnswer first_answer(const UiDriver *d, int64_t round_id)
{
    Store *store = NULL;
    StoreError err = {0};
    assert_int_equal(store_open(&store, d->dir, &err), STORE_OK);
    StoreAnswerList answers = {0};
    assert_int_equal(store_round_answers(store, round_id, &answers, &err), STORE_OK);
    assert_true(answers.count >= 1);
    const StoreAnswer *s = &answers.items[0];
    FirstAnswer a = {s->timed_out, s->correct, s->ms_taken, ""};
    snprintf(a.given, sizeof a.given, "%s", s->given ? s->given : "");
    store_answer_list_free(&answers);
    store_close(store);
    return a;
}

/* The round as the store has it. */
static StoreRound stored_round(const UiDriver *d, int64_t round_id)
{
    Store *store = NULL;
    StoreError err = {0};
    assert_int_equal(store_open(&store, d->dir, &err), STORE_OK);
    StoreRoundList list = {0};
    assert_int_equal(store_round_get(store, round_id, &list, &err), STORE_OK);
    assert_int_equal(list.count, 1);
    StoreRound r = list.items[0];
    store_round_list_free(&list);
    store_close(store);
    return r;
}

/* ---- the quit dialog --------------------------------------------------- */

/* While "Quit this round?" is up the question's clock stands still, its
 * default answer keeps the round, and the time taken leaves it out. */
static void test_timer_stops_while_quit_is_asked(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    app_test_set_clock(app, 200000);
    ui_pump(d);
    const char *const ids[] = {"q-choice", "q-truefalse"};
    start_round(d, ids, 2, ROUND_TIME_FIXED, 10);
    int64_t round_id = app->quiz.round_id;

    ui_wait(d, 2000);
    ui_key(d, SDLK_ESCAPE);
    assert_non_null(ui_widget(d, "Quit this round?"));
    const AppWidget *keep = ui_widget(d, "No, keep playing");
    assert_true(keep->flags & WIDGET_FOCUSED); /* the default */
    ui_wait(d, 20000);                         /* twice the time limit */
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_non_null(ui_find(d, "Quit this round?"));
    ui_shot(d, "quit-dialog");

    ui_key(d, SDLK_RETURN); /* the default: keep playing */
    assert_null(ui_find(d, "Quit this round?"));
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    /* The bar shows the 2.8 s that ran before and after the question, not
     * the 20 s it waited: three quarters of it are still full. */
    const AppWidget *bar = ui_widget(d, "time-bar");
    SDL_Color c = ui_pixel(d, bar->rect.x + bar->rect.w * 7 / 10, bar->rect.y + bar->rect.h / 2);
    assert_true(ui_near(c, theme_color(COLOR_ACCENT), 8));

    ui_key(d, SDLK_b); /* Paris */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    FirstAnswer a = first_answer(d, round_id);
    assert_false(a.timed_out);
    assert_true(a.correct);
    assert_int_equal(a.ms_taken, 2000 + 2 * UI_PACE_MS);
}

/* Esc on the feedback screen asks to quit, as everywhere in a round. */
static void test_escape_on_feedback_asks_to_quit(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-truefalse", "q-choice"};
    start_round(d, ids, 2, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;
    ui_key(d, SDLK_t);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(ui_widget(d, "Quit this round?"));
    ui_key(d, SDLK_RETURN); /* keep playing */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_null(ui_find(d, "Quit this round?"));

    ui_key(d, SDLK_ESCAPE);
    ui_click(d, "Yes, quit");
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_false(app->quiz.active);
    StoreRound r = stored_round(d, round_id);
    assert_true(r.abandoned);
    assert_int_equal(r.answered_count, 1);
}

/* Closing the window mid-round asks first; the default keeps playing, and
 * closing leaves the round unfinished (not abandoned) for the next launch. */
static void test_closing_the_window_mid_round_asks_first(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-truefalse", "q-choice", "q-typed"};
    start_round(d, ids, 3, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;
    ui_key(d, SDLK_t);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);

    ui_close_window(d);
    assert_true(app->running);
    assert_non_null(ui_widget(d, "Close quizdeck?"));
    ui_key(d, SDLK_ESCAPE); /* keep playing */
    assert_true(app->running);
    assert_int_equal(app_scene(app), SCENE_QUESTION);

    ui_close_window(d);
    ui_click(d, "Close");
    assert_false(app->running);
    StoreRound r = stored_round(d, round_id);
    assert_false(r.abandoned);
    assert_false(r.finished);
    assert_int_equal(r.answered_count, 1);

    /* Away from a round, closing does not ask. */
    App *again = open_play(d, 1280, 720);
    ui_close_window(d);
    assert_false(again->running);
}

/* ---- the way to the first question ------------------------------------ */

/* The ticked packs and topics are remembered per learner; the next launch
 * offers "Continue" with them, focused: one key to the first question. The
 * Choose screen lists no broken files (one line says so), Tab reaches
 * Continue in two presses, and "Select all" / "Clear" tick and untick. */
static void test_ticked_packs_are_remembered_and_continue_is_one_key(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_null(ui_find(d, "Continue")); /* nothing played yet */
    assert_true(ui_widget(d, "Play a round")->flags & WIDGET_FOCUSED);

    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_PACKS);
    assert_null(ui_find_prefix(d, "ui-broken.yaml"));
    assert_true(ui_shows(d, "1 pack file could not be loaded"));
    ui_click(d, "UI test: capitals");
    ui_click(d, "Europe");
    /* The keyboard's way out of the list: Tab, Tab. */
    ui_key(d, SDLK_TAB);
    assert_true(ui_widget(d, "Clear")->flags & WIDGET_FOCUSED);
    ui_key(d, SDLK_TAB);
    assert_true(ui_widget(d, "Continue")->flags & WIDGET_FOCUSED);
    assert_true(ui_shows(d, "Tab  Select all, Continue"));
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);

    /* Another learner has ticks of their own. */
    int64_t first = app->profile_id, second = 0;
    assert_int_equal(store_profile_add(app->store, "Second", app_unix_ms(), &second, NULL),
                     STORE_OK);
    app_set_profile(app, second);
    assert_int_equal(app_selection_questions(app, NULL), 0);
    app_set_profile(app, first);
    assert_int_equal(app_selection_questions(app, NULL), 2);

    /* The next launch: Continue, focused, says what it plays. */
    app = ui_start(d, ui_packs, 2, 1280, 720);
    const AppWidget *cont = ui_widget(d, "Continue");
    assert_true(cont->flags & WIDGET_FOCUSED);
    assert_true(ui_shows(d, "UI test: capitals"));
    assert_true(ui_shows(d, "2 questions"));
    ui_shot(d, "title-continue");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_int_equal(app->quiz.round.question_count, 2);
    for (size_t i = 0; i < app->quiz.round.question_count; i++)
        assert_string_equal(app->quiz.round.questions[i].question->topic, "europe");

    /* Select all / Clear. */
    ui_key(d, SDLK_ESCAPE);
    ui_key(d, SDLK_y);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_non_null(ui_find(d, "Continue")); /* quit, not finished: no "Play again" */
    ui_click(d, "Play a round");
    ui_click(d, "Clear");
    assert_int_equal(app_selection_questions(app, NULL), 0);
    ui_click(d, "Select all");
    size_t packs = 0;
    assert_true(app_selection_questions(app, &packs) > 2);
    assert_int_equal(packs, app->packs.pack_count);
    ui_shot(d, "packs-choose");
}

/* ---- results ------------------------------------------------------------ */

/* A round with nothing right: its figures are not green, "Retry the ones I
 * missed" is offered, and "Play again" plays the same packs anew. A round
 * with nothing missed offers no retry, and Done goes to the title. */
static void test_results_offer_what_applies_and_done_goes_home(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    for (size_t i = 0; i < app->packs.pack_count; i++)
        app->selection.pack[i] = strcmp(app->packs.packs[i]->id, PACK_ID) == 0;
    const char *const ids[] = {"q-choice", "q-truefalse"};
    start_round(d, ids, 2, ROUND_TIME_OFF, 0);
    int64_t first = app->quiz.round_id;
    ui_key(d, SDLK_a); /* Berlin: wrong */
    ui_key(d, SDLK_RETURN);
    ui_key(d, SDLK_f); /* false: wrong */
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_RESULTS);
    ui_shot(d, "results-nothing-right");
    const AppWidget *correct = ui_widget(d, "Correct answers: 0 / 2");
    assert_int_equal(ui_count_color(d, correct->rect, theme_color(COLOR_GOOD), 24), 0);
    assert_true(ui_count_color(d, correct->rect, theme_color(COLOR_BAD), 24) > 20);
    assert_non_null(ui_widget(d, "Retry the 2 I missed"));
    ui_click(d, "Play again");
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app->quiz.round_id != first);

    /* Everything right: no retry; Done goes to the title. */
    ui_key(d, SDLK_ESCAPE);
    ui_key(d, SDLK_y);
    start_round(d, ids, 2, ROUND_TIME_OFF, 0);
    ui_key(d, SDLK_b);
    ui_key(d, SDLK_RETURN);
    ui_key(d, SDLK_t);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_RESULTS);
    assert_null(ui_find_prefix(d, "Retry"));
    assert_false(ui_shows(d, "R  retry missed"));
    assert_true(ui_widget(d, "Done")->flags & WIDGET_FOCUSED);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_false(app->quiz.active);
    /* After a finished round the title's first entry plays again, focused. */
    assert_true(ui_widget(d, "Play again")->flags & WIDGET_FOCUSED);
}

/* ---- empty answers --------------------------------------------------------- */

/* Enter in an empty typed field, and Submit with nothing ticked, paired or
 * filled in, does not submit: it says what is missing. "I don't know"
 * (Ctrl+D, or its button) gives up on purpose. */
static void test_empty_answers_say_what_is_missing(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-typed", "q-multi", "q-match", "q-cloze"};
    start_round(d, ids, 4, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;

    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(ui_shows(d, "Type an answer first"));
    ui_shot(d, "typed-empty-enter");
    assert_int_equal(stored_answers(d, round_id), 0);
    ui_key_mod(d, SDLK_d, KMOD_LCTRL); /* I don't know */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_int_equal(stored_answers(d, round_id), 1);
    ui_key(d, SDLK_RETURN);

    ui_click(d, "Submit");
    assert_string_equal(asked(app), "q-multi");
    assert_true(ui_shows(d, "Tick at least one answer first"));
    ui_key(d, SDLK_1); /* something else: the note goes */
    assert_false(ui_shows(d, "Tick at least one answer first"));
    ui_key(d, SDLK_1);
    ui_click(d, "I don't know");
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    ui_key(d, SDLK_RETURN);

    ui_click(d, "Submit");
    assert_string_equal(asked(app), "q-match");
    assert_true(ui_shows(d, "Pair at least one entry first"));
    ui_key_mod(d, SDLK_d, KMOD_LCTRL);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    ui_key(d, SDLK_RETURN);

    assert_string_equal(asked(app), "q-cloze");
    ui_key(d, SDLK_RETURN); /* to the second gap */
    ui_key(d, SDLK_RETURN); /* the last gap, every gap empty */
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(ui_shows(d, "Fill in a gap first"));
    ui_click(d, "I don't know");
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    Store *store = NULL;
    StoreError err = {0};
    assert_int_equal(store_open(&store, d->dir, &err), STORE_OK);
    StoreAnswerList answers = {0};
    assert_int_equal(store_round_answers(store, round_id, &answers, &err), STORE_OK);
    assert_int_equal(answers.count, 4);
    for (size_t i = 0; i < answers.count; i++)
        assert_false(answers.items[i].correct);
    store_answer_list_free(&answers);
    store_close(store);
}

/* ---- text that stays readable ---------------------------------------------- */

/* Eight long choices under a long prompt: every tile's text is drawn at
 * one size, never below the readable floor, at 800x600 and 1280x720 and
 * with the largest text size. */
static void test_long_choice_keeps_a_readable_size(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 800, 600);
    static const struct {
        int w, h, font;
    } sizes[] = {{800, 600, 100}, {1280, 720, 100}, {800, 600, 200}};
    for (size_t k = 0; k < SDL_arraysize(sizes); k++) {
        app->settings.font_scale = sizes[k].font;
        app_apply_settings(app, false);
        ui_resize(d, sizes[k].w, sizes[k].h);
        const char *const ids[] = {"q-eight-long"};
        start_round(d, ids, 1, ROUND_TIME_OFF, 0);
        TextSpec body = {.style = TEXT_BODY};
        body.shrink = text_shrink_floor(&body);
        int floor_px = text_font_px(app->text, &body);
        const RoundQuestion *rq = round_current(&app->quiz.round);
        int px = -1;
        for (size_t i = 0; i < rq->display_count; i++) {
            const AppWidget *tile = ui_widget(d, round_display_text(rq, i));
            if (tile->text_px < floor_px)
                fail_msg("%dx%d at %d %%: \"%s\" drawn at %d px, below %d", sizes[k].w, sizes[k].h,
                         sizes[k].font, tile->label, tile->text_px, floor_px);
            if (px >= 0 && tile->text_px != px)
                fail_msg("%dx%d at %d %%: \"%s\" at %d px, the others at %d", sizes[k].w,
                         sizes[k].h, sizes[k].font, tile->label, tile->text_px, px);
            px = tile->text_px;
        }
        ui_shot(d, sizes[k].font == 200 ? "long-choice-200" : "long-choice");
        ui_key(d, SDLK_ESCAPE);
        ui_key(d, SDLK_y);
    }
}

/* ---- mixed directions ------------------------------------------------------ */

/* The visual run (left to right) that holds byte `at` of text. */
static int run_at(const size_t *starts, size_t n, size_t at)
{
    int found = -1;
    size_t best = 0;
    for (size_t i = 0; i < n; i++)
        if (starts[i] <= at && (found < 0 || starts[i] >= best)) {
            best = starts[i];
            found = (int)i;
        }
    return found;
}

/* An Arabic learner name keeps the title line in order: "Learning as
 * سارة أحمد · 2 packs loaded · 11 questions", left to right as written. */
static void test_arabic_name_keeps_the_title_line_in_order(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *name = "\xD8\xB3\xD8\xA7\xD8\xB1\xD8\xA9 "
                       "\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF"; /* سارة أحمد */
    assert_int_equal(store_profile_rename(app->store, app->profile_id, name, NULL), STORE_OK);
    app_home(app);
    ui_pump(d);
    const AppWidget *line = ui_find_prefix(d, "Learning as");
    assert_non_null(line);
    assert_non_null(strstr(line->label, name));
    TextSpec spec = {.style = TEXT_BODY};
    size_t starts[64];
    size_t n = text_test_visual_runs(app->text, &spec, line->label, starts, 64);
    const char *packs = strstr(line->label, "2 packs loaded");
    const char *questions = strstr(line->label, "questions");
    assert_non_null(packs);
    assert_non_null(questions);
    int r_learning = run_at(starts, n, 0);
    int r_name = run_at(starts, n, (size_t)(strstr(line->label, name) - line->label));
    int r_packs = run_at(starts, n, (size_t)(packs - line->label));
    int r_questions = run_at(starts, n, (size_t)(questions - line->label));
    if (!(r_learning < r_name && r_name < r_packs && r_packs <= r_questions))
        fail_msg("drawn out of order: runs %d, %d, %d, %d", r_learning, r_name, r_packs,
                 r_questions);
    ui_shot(d, "title-arabic-name");
}

/* ---- the window --------------------------------------------------------- */

/* A window manager that ignores the minimum size hint shrinks the window
 * to 200x150: the game puts it back to 640x480 rather than lay out a
 * question in a stamp. */
static void test_window_keeps_a_sensible_minimum_size(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    SDL_SetWindowMinimumSize(app->window, 1, 1); /* as if the hint were ignored */
    SDL_SetWindowSize(app->window, 200, 150);
    SDL_Event e = {0};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    e.window.windowID = SDL_GetWindowID(app->window);
    e.window.data1 = 200;
    e.window.data2 = 150;
    SDL_PushEvent(&e);
    ui_pump(d);
    int w = 0, h = 0;
    SDL_GetWindowSize(app->window, &w, &h);
    assert_true(w >= APP_MIN_W && h >= APP_MIN_H);
    ui_refresh(d);
    assert_true(app->theme.out_w >= APP_MIN_W && app->theme.out_h >= APP_MIN_H);
}

/* A notice never covers a button: the screen makes room for it. */
static void test_notice_never_covers_a_button(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 800, 600);
    app->selection.pack[0] = true;
    static const char *const notice =
        "A notice that goes on long enough to take two lines of the screen, at the "
        "bottom where the buttons are: it must not hide one of them.";
    static const struct {
        SceneId scene;
        const char *buttons[3];
    } screens[] = {
        {SCENE_PACKS, {"Continue", "Clear", "Back"}},
        {SCENE_SETUP, {"Start", "Back", NULL}},
        {SCENE_SETTINGS, {"Text size", "Back", NULL}},
    };
    for (size_t k = 0; k < SDL_arraysize(screens); k++) {
        app_home(app);
        ui_go(d, screens[k].scene, &(SceneArg){.packs = PACKS_CHOOSE});
        app_notice(app, COLOR_WARN, "%s", notice);
        ui_pump(d);
        const AppWidget *n = ui_find_prefix(d, "A notice that goes on");
        assert_non_null(n);
        SDL_Rect box = n->rect;
        for (size_t b = 0; b < 3 && screens[k].buttons[b] != NULL; b++) {
            const AppWidget *w = ui_widget(d, screens[k].buttons[b]);
            if (SDL_HasIntersection(&box, &w->rect))
                fail_msg("the notice covers \"%s\"", w->label);
        }
        ui_assert_fits(d, "with a notice", WIDGET_DANGER, true);
    }
    /* A multiple-answer question's Submit, too. */
    app_home(app);
    ui_pump(d);
    const char *const ids[] = {"q-multi"};
    start_round(d, ids, 1, ROUND_TIME_OFF, 0);
    app_notice(app, COLOR_BAD, "%s", notice);
    ui_pump(d);
    ui_shot(d, "notice-over-question");
    const AppWidget *n = ui_find_prefix(d, "A notice that goes on");
    assert_non_null(n);
    SDL_Rect box = n->rect;
    SDL_Rect submit = ui_widget(d, "Submit")->rect;
    assert_false(SDL_HasIntersection(&box, &submit));
    SDL_Rect skip = ui_widget(d, "I don't know")->rect;
    assert_false(SDL_HasIntersection(&box, &skip));
}

/* ---- text fields ----------------------------------------------------------- */

/* A typed answer edits as people expect: Ctrl+A, the arrows, End and
 * Home, Shift to select, Delete, Ctrl+Backspace. Each step would leave a
 * wrong answer if it did not work. */
static void test_text_field_edits_as_people_expect(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-typed"};
    start_round(d, ids, 1, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;
    ui_type(d, "Paris");
    ui_key_mod(d, SDLK_a, KMOD_LCTRL);
    ui_type(d, "Rme"); /* replaces the selection */
    ui_key(d, SDLK_LEFT);
    ui_key(d, SDLK_LEFT);
    ui_type(d, "o"); /* "Rome" */
    ui_key(d, SDLK_END);
    ui_type(d, "xx");
    ui_key_mod(d, SDLK_LEFT, KMOD_LSHIFT);
    ui_key_mod(d, SDLK_LEFT, KMOD_LSHIFT);
    ui_shot(d, "typed-selection");
    ui_key(d, SDLK_DELETE); /* the selection: "Rome" */
    ui_type(d, " Italy");
    ui_key_mod(d, SDLK_BACKSPACE, KMOD_LCTRL); /* "Rome " */
    ui_key(d, SDLK_BACKSPACE);                 /* "Rome" */
    ui_key(d, SDLK_HOME);
    ui_key(d, SDLK_DELETE);
    ui_type(d, "R");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    FirstAnswer a = first_answer(d, round_id);
    assert_string_equal(a.given, "Rome");
    assert_true(a.correct);
}

/* ---- 200 % text ----------------------------------------------------------- */

/* At the largest text size the controls grow with their labels: a button
 * is as tall as its label needs, and its label is drawn at full size. */
static void test_controls_grow_with_the_text(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 800, 600);
    app->settings.font_scale = 200;
    app_apply_settings(app, false);
    app->selection.pack[0] = true;
    TextSpec label = {.style = TEXT_LABEL};
    int full_px = text_font_px(app->text, &label);
    int line = text_line_height(app->text, &label);
    static const struct {
        SceneId scene;
        const char *buttons[3];
    } screens[] = {
        {SCENE_TITLE, {"Play a round", "Progress", "Quit"}},
        {SCENE_SETUP, {"Start", NULL, NULL}},
        {SCENE_PACKS, {"Continue", "Clear", NULL}},
    };
    for (size_t k = 0; k < SDL_arraysize(screens); k++) {
        app_home(app);
        ui_pump(d);
        if (screens[k].scene != SCENE_TITLE)
            ui_go(d, screens[k].scene, &(SceneArg){.packs = PACKS_CHOOSE});
        char name[32];
        snprintf(name, sizeof name, "big-text-%d", (int)k);
        ui_shot(d, name);
        for (size_t b = 0; b < 3 && screens[k].buttons[b] != NULL; b++) {
            const AppWidget *w = ui_widget(d, screens[k].buttons[b]);
            if (w->rect.h < line)
                fail_msg("\"%s\" is %d px tall for a %d px line", w->label, w->rect.h, line);
            if (w->text_px != full_px)
                fail_msg("\"%s\" drawn at %d px, not %d", w->label, w->text_px, full_px);
        }
    }
    const char *const ids[] = {"q-multi"};
    app_home(app);
    ui_pump(d);
    start_round(d, ids, 1, ROUND_TIME_OFF, 0);
    ui_shot(d, "big-text-multi");
    const AppWidget *submit = ui_widget(d, "Submit");
    assert_true(submit->rect.h >= line);
    assert_int_equal(submit->text_px, full_px);
    ui_assert_fits(d, "multi at 200 %", WIDGET_DANGER, true);
}

/* ---- sound ---------------------------------------------------------------- */

/* The cues are made in code: each sounds, stays within range, and ends. */
static void test_sound_cues_are_synthesised(void **state)
{
    (void)state;
    Audio *a = audio_create(100);
    assert_non_null(a);
    static float buf[AUDIO_RATE];
    for (int cue = 0; cue < AUDIO_CUE_COUNT; cue++) {
        audio_play(a, (AudioCue)cue);
        audio_render(a, buf, AUDIO_RATE / 2);
        float peak = 0.0f;
        for (size_t i = 0; i < AUDIO_RATE / 2; i++) {
            float v = buf[i] < 0 ? -buf[i] : buf[i];
            assert_true(v <= 1.0f);
            peak = v > peak ? v : peak;
        }
        if (peak < 0.05f)
            fail_msg("cue %d is silent (peak %.3f)", cue, (double)peak);
        audio_render(a, buf, AUDIO_RATE); /* a second later: over */
        audio_render(a, buf, AUDIO_RATE / 10);
        for (size_t i = 0; i < AUDIO_RATE / 10; i++)
            assert_true(buf[i] == 0.0f);
        assert_int_equal(audio_played(a, (AudioCue)cue), 1);
    }
    audio_free(a);
}

/* Sound is off by default: no audio device at all. Turned on in Settings
 * (remembered), a round plays its cues: the last seconds tick, a right
 * answer, the end of the round. */
static void test_sound_is_off_by_default_and_plays_a_round(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    assert_null(app->audio);
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);

    ui_go(d, SCENE_SETTINGS, NULL);
    ui_click(d, "Sound"); /* Off -> 25 % */
    assert_int_equal(app->settings.volume, 25);
    assert_non_null(app->audio);
    assert_int_equal(audio_played(app->audio, AUDIO_RIGHT), 1); /* a sample */
    ui_key(d, SDLK_ESCAPE);

    app = open_play(d, 1280, 720); /* the next launch keeps it */
    assert_int_equal(app->settings.volume, 25);
    assert_non_null(app->audio);
    app_test_set_clock(app, 300000);
    ui_pump(d);
    const char *const ids[] = {"q-choice"};
    start_round(d, ids, 1, ROUND_TIME_FIXED, 10);
    ui_wait(d, 7500); /* 2.5 s left */
    assert_int_equal(audio_played(app->audio, AUDIO_TICK), 1);
    ui_wait(d, 1000); /* 1.5 s left */
    assert_int_equal(audio_played(app->audio, AUDIO_TICK), 2);
    ui_key(d, SDLK_b); /* Paris */
    assert_int_equal(audio_played(app->audio, AUDIO_RIGHT), 1);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_RESULTS);
    assert_int_equal(audio_played(app->audio, AUDIO_ROUND_END), 1);

    /* Off again: the device is closed. */
    ui_key(d, SDLK_RETURN);
    ui_go(d, SCENE_SETTINGS, NULL);
    for (int i = 0; i < 4; i++)
        ui_click(d, "Sound"); /* 50, 75, 100, Off */
    assert_int_equal(app->settings.volume, 0);
    assert_null(app->audio);
}

/* ---- cloze feedback -------------------------------------------------------- */

/* A cloze half right: the feedback shows the whole sentence, marks each
 * gap right or wrong with the answer beside the wrong one, and its icon is
 * the "partly" mark, not the cross of a wrong answer. */
static void test_cloze_feedback_marks_each_gap(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    const char *const ids[] = {"q-cloze"};
    start_round(d, ids, 1, ROUND_TIME_OFF, 0);
    ui_type(d, "Spain");
    ui_key(d, SDLK_RETURN);
    ui_type(d, "Lisbon");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    ui_shot(d, "feedback-cloze-partly");
    assert_non_null(ui_widget(d, "Partly right"));
    assert_non_null(ui_widget(d, "icon-partly"));
    assert_null(ui_find(d, "icon-wrong"));
    assert_true(ui_shows(d, "The capital of Spain is Madrid."));
    assert_non_null(ui_widget(d, "gap 1 right"));
    assert_non_null(ui_widget(d, "gap 2 wrong"));
    assert_true(ui_shows(d, "2. Lisbon  \xE2\x86\x92  Madrid"));
    /* The gap marks differ in colour: right in green, wrong in red. */
    const AppWidget *g1 = ui_widget(d, "gap 1 right");
    const AppWidget *g2 = ui_widget(d, "gap 2 wrong");
    assert_true(ui_count_color(d, g1->rect, theme_color(COLOR_GOOD), 16) > 10);
    assert_true(ui_count_color(d, g2->rect, theme_color(COLOR_BAD), 16) > 10);
}

/* In study too, a double press flips a card without rating it unseen, and
 * a held key rates one card, not a run of them. */
static void test_study_is_not_rated_by_a_stray_key(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    LearnSettings ls = learn_settings_load(app->store, app->profile_id);
    ls.new_per_day = 20;
    assert_int_equal(learn_settings_save(app->store, app->profile_id, &ls, NULL), STORE_OK);
    ui_go(d, SCENE_STUDY, NULL);
    ui_key_burst(d, SDLK_SPACE, 3);
    assert_non_null(ui_find(d, "Good")); /* flipped, not rated */
    assert_true(ui_shows(d, "0 learning \xC2\xB7 0 review \xC2\xB7 12 new"));

    ui_wait(d, UI_PACE_MS);
    ui_key_event(d, SDL_KEYDOWN, SDLK_RETURN, false); /* Good, on purpose */
    assert_true(ui_shows(d, "1 learning \xC2\xB7 0 review \xC2\xB7 11 new"));
    ui_wait(d, 600);
    for (int i = 0; i < 6; i++) {
        ui_key_event(d, SDL_KEYDOWN, SDLK_RETURN, true); /* the key still held */
        ui_wait(d, 40);
    }
    ui_key_event(d, SDL_KEYUP, SDLK_RETURN, false);
    assert_non_null(ui_find(d, "Show answer"));
    assert_true(ui_shows(d, "1 learning \xC2\xB7 0 review \xC2\xB7 11 new"));
}

/* Feedback (a cloze half right, a flashcard) and results fit a small
 * window: nothing outside it, no two labelled widgets on each other. */
static void test_feedback_and_results_fit_800x600(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 800, 600);
    const char *const ids[] = {"q-cloze", "q-flashcard", "q-choice"};
    start_round(d, ids, 3, ROUND_TIME_OFF, 0);
    ui_type(d, "Spain");
    ui_key(d, SDLK_RETURN);
    ui_type(d, "Lisbon");
    ui_key(d, SDLK_RETURN);
    ui_shot(d, "feedback-cloze-partly");
    ui_assert_fits(d, "cloze feedback", WIDGET_DANGER, true);
    ui_key(d, SDLK_RETURN);
    ui_shot(d, "flashcard-front");
    ui_key(d, SDLK_RETURN); /* show the answer */
    ui_key(d, SDLK_1);      /* I knew it */
    assert_true(ui_shows(d, "Self-graded, so no points"));
    ui_shot(d, "feedback-flashcard");
    ui_assert_fits(d, "flashcard feedback", WIDGET_DANGER, true);
    ui_key(d, SDLK_RETURN);
    ui_key(d, SDLK_a); /* wrong */
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_RESULTS);
    ui_shot(d, "results");
    ui_assert_fits(d, "results", WIDGET_DANGER, true);
}

/* ---- study ------------------------------------------------------------- */

/* Study can be limited to chosen packs (remembered per learner), and the
 * study screen, its statistics and the title count today's cards alike. */
static void test_study_packs_are_chosen_and_the_counts_agree(void **state)
{
    UiDriver *d = *state;
    App *app = open_play(d, 1280, 720);
    LearnSettings ls = learn_settings_load(app->store, app->profile_id);
    ls.new_per_day = 20;
    assert_int_equal(learn_settings_save(app->store, app->profile_id, &ls, NULL), STORE_OK);
    ui_go(d, SCENE_STUDY, NULL);
    assert_true(ui_shows(d, "0 learning \xC2\xB7 0 review \xC2\xB7 12 new"));

    /* P: the packs to study; the Arabic pack (the first row) alone. */
    ui_key(d, SDLK_p);
    assert_int_equal(app_scene(app), SCENE_PACKS);
    assert_non_null(ui_find(d, "Packs to study"));
    ui_key(d, SDLK_SPACE);
    ui_click(d, "Done");
    assert_int_equal(app_scene(app), SCENE_STUDY);
    assert_true(ui_shows(d, "0 learning \xC2\xB7 0 review \xC2\xB7 2 new"));
    ui_key(d, SDLK_SPACE);
    ui_key(d, SDLK_1); /* Again: one card in learning */
    assert_true(ui_shows(d, "1 learning \xC2\xB7 0 review \xC2\xB7 1 new"));
    ui_key(d, SDLK_ESCAPE);
    assert_true(ui_shows(d, "1 card due today \xC2\xB7 1 new"));

    /* The next launch studies the same pack, and the statistics agree. */
    app = open_play(d, 1280, 720);
    ui_go(d, SCENE_STUDY_STATS, NULL);
    assert_true(ui_shows(d, "Today: 1 learning \xC2\xB7 0 review \xC2\xB7 1 new"));
    assert_non_null(ui_widget(d, "Due today"));
    ui_key(d, SDLK_ESCAPE);
    ui_go(d, SCENE_STUDY, NULL);
    assert_true(ui_shows(d, "1 learning \xC2\xB7 0 review \xC2\xB7 1 new"));
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_double_enter_does_not_answer_the_next_question,
                                        ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_held_key_does_not_repeat_into_the_next_screen,
                                        ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_timer_stops_while_quit_is_asked, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_escape_on_feedback_asks_to_quit, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_closing_the_window_mid_round_asks_first, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_ticked_packs_are_remembered_and_continue_is_one_key,
                                        ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_results_offer_what_applies_and_done_goes_home,
                                        ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_empty_answers_say_what_is_missing, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_long_choice_keeps_a_readable_size, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_arabic_name_keeps_the_title_line_in_order, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_window_keeps_a_sensible_minimum_size, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_notice_never_covers_a_button, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_text_field_edits_as_people_expect, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_controls_grow_with_the_text, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_cloze_feedback_marks_each_gap, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_feedback_and_results_fit_800x600, ui_setup,
                                        ui_teardown),
        cmocka_unit_test(test_sound_cues_are_synthesised),
        cmocka_unit_test_setup_teardown(test_sound_is_off_by_default_and_plays_a_round, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_study_packs_are_chosen_and_the_counts_agree, ui_setup,
                                        ui_teardown),
        cmocka_unit_test_setup_teardown(test_study_is_not_rated_by_a_stray_key, ui_setup,
                                        ui_teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
