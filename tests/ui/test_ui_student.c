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
#include "play.h"
#include "round.h"
#include "store.h"
#include "ui_driver.h"
#include "widgets.h"

#define PACK_ID "play-every-type"

static const char *const play_packs[] = {QUIZDECK_TEST_DATA "/play"};

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
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
