/* test_ui_student.c - the rest of a student's first minutes: the short
 * way back to a question (Continue, remembered packs, study packs), text
 * that stays readable and in order in two directions, fields that edit as
 * people expect, a window that keeps its room, and sound.
 *
 * Every test drives the real loop with real SDL events
 * (tests/support/ui_driver.h) over the packs in tests/data/play/ and
 * tests/data/ui/, and checks what a student would see or hear: widgets,
 * pixels, the text sizes drawn, the cues played, and the store.
 *
 * Read test_ui_round_safety.c first: it has the round itself.
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

/* Two good packs (one with topics) and a broken one. */
static const char *const ui_packs[] = {QUIZDECK_TEST_DATA "/ui/good", QUIZDECK_TEST_DATA "/ui/bad"};

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

/* Study can be limited to chosen packs (remembered per learner), and the
 * study screen, its statistics and the title count today's cards alike. */
static void test_study_packs_are_chosen_and_the_counts_agree(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    ui_study(d, 20);
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
    app = ui_open_play(d, 1280, 720);
    ui_go(d, SCENE_STUDY_STATS, NULL);
    assert_true(ui_shows(d, "Today: 1 learning \xC2\xB7 0 review \xC2\xB7 1 new"));
    assert_non_null(ui_widget(d, "Due today"));
    ui_key(d, SDLK_ESCAPE);
    ui_go(d, SCENE_STUDY, NULL);
    assert_true(ui_shows(d, "1 learning \xC2\xB7 0 review \xC2\xB7 1 new"));
}

/* Eight long choices under a long prompt: every tile's text is drawn at
 * one size, never below the readable floor, at 800x600 and 1280x720 and
 * with the largest text size. */
static void test_long_choice_keeps_a_readable_size(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 800, 600);
    static const struct {
        int w, h, font;
    } sizes[] = {{800, 600, 100}, {1280, 720, 100}, {800, 600, 200}};
    for (size_t k = 0; k < SDL_arraysize(sizes); k++) {
        app->settings.font_scale = sizes[k].font;
        app_apply_settings(app, false);
        ui_resize(d, sizes[k].w, sizes[k].h);
        ui_play_round(d, UI_IDS("q-eight-long"));
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

/* At the largest text size the controls grow with their labels: a button
 * is as tall as its label needs, and its label is drawn at full size. */
static void test_controls_grow_with_the_text(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 800, 600);
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
    app_home(app);
    ui_pump(d);
    ui_play_round(d, UI_IDS("q-multi"));
    ui_shot(d, "big-text-multi");
    const AppWidget *submit = ui_widget(d, "Submit");
    assert_true(submit->rect.h >= line);
    assert_int_equal(submit->text_px, full_px);
    ui_assert_fits(d, "multi at 200 %", WIDGET_DANGER, true);
}

/* An Arabic learner name keeps the title line in order: "Learning as
 * سارة أحمد · 2 packs loaded · 11 questions", left to right as written. */
static void test_arabic_name_keeps_the_title_line_in_order(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
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

/* A typed answer edits as people expect: Ctrl+A, the arrows, End and
 * Home, Shift to select, Delete, Ctrl+Backspace. Each step would leave a
 * wrong answer if it did not work. */
static void test_text_field_edits_as_people_expect(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-typed"));
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
    UiStoredAnswer a = ui_first_answer(d, round_id);
    assert_string_equal(a.given, "Rome");
    assert_true(a.correct);
}

/* A notice never covers a button: the screen makes room for it. */
static void test_notice_never_covers_a_button(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 800, 600);
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
    ui_play_round(d, UI_IDS("q-multi"));
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

/* A window manager that ignores the minimum size hint shrinks the window
 * to 200x150: the game puts it back to 640x480 rather than lay out a
 * question in a stamp. */
static void test_window_keeps_a_sensible_minimum_size(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
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
    App *app = ui_open_play(d, 1280, 720);
    assert_null(app->audio);
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);

    ui_go(d, SCENE_SETTINGS, NULL);
    ui_click(d, "Sound"); /* Off -> 25 % */
    assert_int_equal(app->settings.volume, 25);
    assert_non_null(app->audio);
    assert_int_equal(audio_played(app->audio, AUDIO_RIGHT), 1); /* a sample */
    ui_key(d, SDLK_ESCAPE);

    app = ui_open_play(d, 1280, 720); /* the next launch keeps it */
    assert_int_equal(app->settings.volume, 25);
    assert_non_null(app->audio);
    app_test_set_clock(app, 300000);
    ui_pump(d);
    ui_start_round(d, UI_PLAY_PACK_ID, UI_IDS("q-choice"), ROUND_TIME_FIXED, 10);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_ticked_packs_are_remembered_and_continue_is_one_key),
        UI_TEST(test_study_packs_are_chosen_and_the_counts_agree),
        UI_TEST(test_long_choice_keeps_a_readable_size),
        UI_TEST(test_controls_grow_with_the_text),
        UI_TEST(test_arabic_name_keeps_the_title_line_in_order),
        UI_TEST(test_text_field_edits_as_people_expect),
        UI_TEST(test_notice_never_covers_a_button),
        UI_TEST(test_window_keeps_a_sensible_minimum_size),
        cmocka_unit_test(test_sound_cues_are_synthesised),
        UI_TEST(test_sound_is_off_by_default_and_plays_a_round),
    };
    return ui_run_tests(tests);
}
