/* test_ui_round_safety.c - a timed class round tried as a student would:
 * the stray keys, empty answers, the quit dialog and the closed window
 * that must never cost a round, and feedback and results that say what
 * happened.
 *
 * Every test drives the real loop with real SDL events
 * (tests/support/ui_driver.h) over the deterministic pack in
 * tests/data/play/ (one question of each type, choices unshuffled), and
 * checks what a student would notice: the scene on screen, what it says,
 * and the answers the store holds. Rounds are built from an explicit
 * question list in a fixed order, so each test knows what is asked when.
 *
 * Read test_ui_play.c first (the play screens' keys); test_ui_student.c
 * has the way to the first question, text, language and sound.
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
#include "play.h"
#include "round.h"
#include "store.h"
#include "ui_driver.h"
#include "widgets.h"

/* A cloze half right: the first gap right, the second wrong. */
static void answer_cloze_half_right(UiDriver *d)
{
    ui_type(d, "Spain");
    ui_key(d, SDLK_RETURN);
    ui_type(d, "Lisbon");
    ui_key(d, SDLK_RETURN);
}
/* Enter pressed twice on "Next question" goes on to the next question and
 * no further: the second press does not answer a question not yet seen. */
static void test_double_enter_does_not_answer_the_next_question(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-truefalse", "q-choice", "q-multi"));
    ui_answer(d, true);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    ui_key_burst(d, SDLK_RETURN, 2);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_string_equal(ui_asked(d), "q-choice");
    assert_int_equal(ui_stored_answers(d, round_id), 1);

    /* Once it has been on screen a moment, Enter picks as usual. */
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_int_equal(ui_stored_answers(d, round_id), 2);
}

/* A key held down on the feedback screen repeats into nothing: the next
 * question waits for a fresh press. */
static void test_held_key_does_not_repeat_into_the_next_screen(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-truefalse", "q-choice"));
    ui_answer(d, true);
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
    assert_string_equal(ui_asked(d), "q-choice");
    assert_int_equal(ui_stored_answers(d, round_id), 1);
}

/* In study too, a double press flips a card without rating it unseen, and
 * a held key rates one card, not a run of them. */
static void test_study_is_not_rated_by_a_stray_key(void **state)
{
    UiDriver *d = *state;
    ui_open_play(d, 1280, 720);
    ui_study(d, 20);
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

/* While "Quit this round?" is up the question's clock stands still, its
 * default answer keeps the round, and the time taken leaves it out. */
static void test_timer_stops_while_quit_is_asked(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    app_test_set_clock(app, 200000);
    ui_pump(d);
    int64_t round_id =
        ui_start_round(d, UI_PLAY_PACK_ID, UI_IDS("q-choice", "q-truefalse"), ROUND_TIME_FIXED, 10);

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
    UiStoredAnswer a = ui_first_answer(d, round_id);
    assert_false(a.timed_out);
    assert_true(a.correct);
    assert_int_equal(a.ms_taken, 2000 + 2 * UI_PACE_MS);
}

/* Esc on the feedback screen asks to quit, as everywhere in a round. */
static void test_escape_on_feedback_asks_to_quit(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-truefalse", "q-choice"));
    ui_answer(d, true);
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
    StoreRound r = ui_stored_round(d, round_id);
    assert_true(r.abandoned);
    assert_int_equal(r.answered_count, 1);
}

/* Closing the window mid-round asks first; the default keeps playing, and
 * closing leaves the round unfinished (not abandoned) for the next launch. */
static void test_closing_the_window_mid_round_asks_first(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-truefalse", "q-choice", "q-typed"));
    ui_answer(d, true);
    ui_next(d);
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
    StoreRound r = ui_stored_round(d, round_id);
    assert_false(r.abandoned);
    assert_false(r.finished);
    assert_int_equal(r.answered_count, 1);

    /* Away from a round, closing does not ask. */
    App *again = ui_open_play(d, 1280, 720);
    ui_close_window(d);
    assert_false(again->running);
}

/* Enter in an empty typed field, and Submit with nothing ticked, paired or
 * filled in, does not submit: it says what is missing. "I don't know"
 * (Ctrl+D, or its button) gives up on purpose. */
static void test_empty_answers_say_what_is_missing(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-typed", "q-multi", "q-match", "q-cloze"));

    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(ui_shows(d, "Type an answer first"));
    ui_shot(d, "typed-empty-enter");
    assert_int_equal(ui_stored_answers(d, round_id), 0);
    ui_key_mod(d, SDLK_d, KMOD_LCTRL); /* I don't know */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_int_equal(ui_stored_answers(d, round_id), 1);
    ui_key(d, SDLK_RETURN);

    ui_click(d, "Submit");
    assert_string_equal(ui_asked(d), "q-multi");
    assert_true(ui_shows(d, "Tick at least one answer first"));
    ui_key(d, SDLK_1); /* something else: the note goes */
    assert_false(ui_shows(d, "Tick at least one answer first"));
    ui_key(d, SDLK_1);
    ui_click(d, "I don't know");
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    ui_key(d, SDLK_RETURN);

    ui_click(d, "Submit");
    assert_string_equal(ui_asked(d), "q-match");
    assert_true(ui_shows(d, "Pair at least one entry first"));
    ui_key_mod(d, SDLK_d, KMOD_LCTRL);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    ui_key(d, SDLK_RETURN);

    assert_string_equal(ui_asked(d), "q-cloze");
    ui_key(d, SDLK_RETURN); /* to the second gap */
    ui_key(d, SDLK_RETURN); /* the last gap, every gap empty */
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(ui_shows(d, "Fill in a gap first"));
    ui_click(d, "I don't know");
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    TestRound stored;
    ui_read_round(d, round_id, &stored);
    assert_int_equal(stored.answers.count, 4);
    for (size_t i = 0; i < stored.answers.count; i++)
        assert_false(stored.answers.items[i].correct);
    test_round_free(&stored);
}

/* A cloze half right: the feedback shows the whole sentence, marks each
 * gap right or wrong with the answer beside the wrong one, and its icon is
 * the "partly" mark, not the cross of a wrong answer. */
static void test_cloze_feedback_marks_each_gap(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    ui_play_round(d, UI_IDS("q-cloze"));
    answer_cloze_half_right(d);
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

/* A round with nothing right: its figures are not green, "Retry the ones I
 * missed" is offered, and "Play again" plays the same packs anew. A round
 * with nothing missed offers no retry, and Done goes to the title. */
static void test_results_offer_what_applies_and_done_goes_home(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    for (size_t i = 0; i < app->packs.pack_count; i++)
        app->selection.pack[i] = strcmp(app->packs.packs[i]->id, UI_PLAY_PACK_ID) == 0;
    const char *const ids[] = {"q-choice", "q-truefalse"};
    int64_t first = ui_play_round(d, ids, 2);
    ui_answer_all(d, false); /* Berlin, false */
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
    ui_play_round(d, ids, 2);
    ui_answer_all(d, true);
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

/* Feedback (a cloze half right, a flashcard) and results fit a small
 * window: nothing outside it, no two labelled widgets on each other. */
static void test_feedback_and_results_fit_800x600(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 800, 600);
    ui_play_round(d, UI_IDS("q-cloze", "q-flashcard", "q-choice"));
    answer_cloze_half_right(d);
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

/* The round freed while its question is still on screen (app_end_round
 * from elsewhere) sends the player home instead of drawing or timing a
 * question that is gone; a key pressed then answers nothing. Under ASan
 * this is the use-after-free check of the question screen. */
static void test_round_ended_under_the_question_goes_home(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    const char *const ids[] = {"q-truefalse", "q-choice"};
    int64_t round_id = ui_start_round(d, UI_PLAY_PACK_ID, ids, 2, ROUND_TIME_FIXED, 10);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    ui_wait(d, UI_PACE_MS);

    app_end_round(app);
    assert_false(app->quiz.active);
    ui_key(d, SDLK_t); /* reaches the question screen before anything else runs */
    ui_wait(d, 1000);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_int_equal(ui_stored_answers(d, round_id), 0);

    /* A new round started under the screen (no scene switch) is the one
     * shown after the next frame, not the freed one. */
    ui_start_round(d, UI_PLAY_PACK_ID, ids, 2, ROUND_TIME_FIXED, 10);
    const char *const other[] = {"q-choice"};
    RoundQuestionRef refs[] = {{UI_PLAY_PACK_ID, other[0]}};
    RoundSettings rs = {.only = refs, .only_count = 1, .keep_only_order = true, .seed = 7};
    rs.time_mode = ROUND_TIME_FIXED;
    rs.fixed_seconds = 10;
    QuizSetup setup = {.profile_id = app->profile_id,
                       .packs = app->packs.packs,
                       .pack_count = app->packs.pack_count,
                       .round = rs,
                       .mode = QUIZ_MODE_PRACTICE};
    QuizError err = {0};
    assert_int_equal(quiz_start(&app->quiz, app->store, &setup, app_unix_ms(), &err), QUIZ_OK);
    ui_wait(d, 1000);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_string_equal(ui_asked(d), "q-choice");
    assert_non_null(ui_find(d, "prompt"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_double_enter_does_not_answer_the_next_question),
        UI_TEST(test_held_key_does_not_repeat_into_the_next_screen),
        UI_TEST(test_study_is_not_rated_by_a_stray_key),
        UI_TEST(test_timer_stops_while_quit_is_asked),
        UI_TEST(test_escape_on_feedback_asks_to_quit),
        UI_TEST(test_closing_the_window_mid_round_asks_first),
        UI_TEST(test_empty_answers_say_what_is_missing),
        UI_TEST(test_cloze_feedback_marks_each_gap),
        UI_TEST(test_results_offer_what_applies_and_done_goes_home),
        UI_TEST(test_feedback_and_results_fit_800x600),
        UI_TEST(test_round_ended_under_the_question_goes_home),
    };
    return ui_run_tests(tests);
}
