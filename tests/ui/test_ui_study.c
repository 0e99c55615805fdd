/* test_ui_study.c - headless tests of the learner scenes: a flashcard
 * session studied by keyboard through the real loop, the two-button
 * setting, first launch with an Arabic name, switching / adding / deleting
 * learners, and the study statistics page with its settings.
 *
 * Each test drives the real loop with real SDL events (the UI driver,
 * tests/support/ui_driver.h), then checks what a learner would notice: the
 * store (reviews with the right ratings, profiles, settings), the widgets
 * drawn, and pixels read back.
 *
 * Set QUIZDECK_PLAY_SHOTS (or STUDY_SHOTS) to a folder to also save each
 * checked screen as a BMP.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "study_ui.h"
#include "ui_driver.h"
#include "widgets.h"

#define CARDS_PACK QUIZDECK_TEST_DATA "/study/cards.yaml"

static const char *const cards_pack[] = {CARDS_PACK};

/* The game on the test's fresh folder with the flashcards pack. */
static App *open_cards(UiDriver *d, int w, int h)
{
    App *app = ui_start(d, cards_pack, 1, w, h);
    assert_non_null(app->store);
    return app;
}

/* A pixel just inside a widget's left edge, halfway down: its fill. */
static SDL_Color widget_fill(UiDriver *d, const char *label)
{
    const AppWidget *w = ui_widget(d, label);
    return ui_pixel(d, w->rect.x + theme_px(&d->app->theme, 8), w->rect.y + w->rect.h / 2);
}

/* Colours the same to the eye (anti-aliasing and blending aside). */
static bool close_to(SDL_Color a, SDL_Color b)
{
    return ui_near(a, b, 12);
}

/* The ratings stored for one card, oldest first, into out (returns count). */
static size_t ratings_of(App *app, const char *qid, int *out, size_t cap)
{
    StoreReviewList log = {0};
    assert_int_equal(
        store_card_reviews(app->store, app->profile_id, "study-cards", qid, 0, &log, NULL),
        STORE_OK);
    size_t n = log.count < cap ? log.count : cap;
    for (size_t i = 0; i < n; i++) {
        out[i] = log.items[i].rating;
        assert_int_equal(log.items[i].source, STORE_SOURCE_STUDY);
    }
    size_t count = log.count;
    store_review_list_free(&log);
    return count;
}

static void set_study(App *app, int new_per_day, bool two_button)
{
    LearnSettings s = learn_settings_default();
    s.new_per_day = new_per_day;
    s.two_button = two_button;
    assert_int_equal(learn_settings_save(app->store, app->profile_id, &s, NULL), STORE_OK);
}

/* ---- tests -------------------------------------------------------------------- */

/* Three new cards by keyboard: flip with Space, rate with 3 / 1 / 4; only
 * learning cards remain, so the wait shows; "Study it now" brings the one
 * answered Again back early; then the session ends with its summary. */
static void test_study_session_by_keyboard(void **state)
{
    UiDriver *d = *state;
    App *app = open_cards(d, 1280, 720);
    set_study(app, 3, false);
    ui_go(d, SCENE_STUDY, NULL);

    assert_non_null(ui_find(d, "Show answer"));
    assert_null(ui_find(d, "Good"));
    ui_shot(d, "study-front");
    ui_key(d, SDLK_SPACE); /* flip */
    assert_null(ui_find(d, "Show answer"));
    assert_non_null(ui_find(d, "Again"));
    assert_non_null(ui_find(d, "Hard"));
    assert_non_null(ui_find(d, "Easy"));
    /* Good is the primary (accent) button and has the focus; Again is plain. */
    assert_true(close_to(widget_fill(d, "Good"), theme_color(COLOR_ACCENT)));
    assert_false(close_to(widget_fill(d, "Again"), theme_color(COLOR_ACCENT)));
    const AppWidget *good = ui_find(d, "Good");
    assert_true(good->flags & WIDGET_FOCUSED);
    ui_shot(d, "study-back");
    ui_key(d, SDLK_3); /* q-choice: Good */

    ui_key(d, SDLK_RETURN); /* flip q-multi with Enter */
    assert_non_null(ui_find(d, "Again"));
    ui_key(d, SDLK_1); /* Again */

    /* A click on the card flips too. */
    ui_click_at(d, app->theme.out_w / 2, app->theme.out_h / 2);
    assert_non_null(ui_find(d, "Easy"));
    ui_key(d, SDLK_4); /* q-tf: Easy */

    /* Daily limit of 3 reached; two learning cards wait (1m and 10m). */
    assert_non_null(ui_find(d, "Study it now"));
    assert_non_null(ui_find(d, "Finish"));
    ui_shot(d, "study-wait");
    ui_key(d, SDLK_RETURN); /* Study it now: the card due first, q-multi */
    assert_non_null(ui_find(d, "Show answer"));
    ui_key(d, SDLK_SPACE);
    ui_key(d, SDLK_3);
    assert_non_null(ui_find(d, "Finish"));
    ui_key(d, SDLK_RIGHT);
    ui_key(d, SDLK_RETURN); /* Finish */
    assert_non_null(ui_find(d, "Done"));
    ui_shot(d, "study-done");
    /* The summary sits on a surface panel in the middle of the window. */
    SDL_Color c =
        ui_pixel(d, app->theme.out_w / 2 - theme_px(&app->theme, 300), app->theme.out_h / 2);
    assert_true(close_to(c, theme_color(COLOR_SURFACE)));

    /* The store has every review, with the ratings given. */
    int r[8];
    assert_int_equal(ratings_of(app, "q-choice", r, 8), 1);
    assert_int_equal(r[0], FSRS_RATING_GOOD);
    assert_int_equal(ratings_of(app, "q-multi", r, 8), 2);
    assert_int_equal(r[0], FSRS_RATING_AGAIN);
    assert_int_equal(r[1], FSRS_RATING_GOOD);
    assert_int_equal(ratings_of(app, "q-tf", r, 8), 1);
    assert_int_equal(r[0], FSRS_RATING_EASY);
    assert_int_equal(ratings_of(app, "q-typed", r, 8), 0);

    /* Esc leaves; coming back the same day shows nothing new to study. */
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    ui_go(d, SCENE_STUDY, NULL);
    assert_non_null(ui_find(d, "Study it now")); /* q-choice still learning */
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

/* The two-button setting: Forgot / Knew, keys 1 and 2, stored as Again and
 * Good; the same screen at 800x600. */
static void test_two_button_mode(void **state)
{
    UiDriver *d = *state;
    App *app = open_cards(d, 800, 600);
    set_study(app, 20, true);
    ui_go(d, SCENE_STUDY, NULL);
    ui_key(d, SDLK_SPACE);
    assert_non_null(ui_find(d, "Forgot"));
    assert_non_null(ui_find(d, "Knew"));
    assert_null(ui_find(d, "Hard"));
    ui_shot(d, "study-two-button");
    ui_key(d, SDLK_2); /* Knew */
    ui_key(d, SDLK_SPACE);
    ui_key(d, SDLK_3); /* not a button in this mode: ignored */
    assert_non_null(ui_find(d, "Forgot"));
    ui_key(d, SDLK_1); /* Forgot */
    int r[4];
    assert_int_equal(ratings_of(app, "q-choice", r, 4), 1);
    assert_int_equal(r[0], FSRS_RATING_GOOD);
    assert_int_equal(ratings_of(app, "q-multi", r, 4), 1);
    assert_int_equal(r[0], FSRS_RATING_AGAIN);
}

static int64_t profile_named(App *app, const char *name, size_t *count)
{
    StoreProfileList list = {0};
    assert_int_equal(store_profile_list(app->store, &list, NULL), STORE_OK);
    int64_t id = 0;
    for (size_t i = 0; i < list.count; i++)
        if (strcmp(list.items[i].name, name) == 0)
            id = list.items[i].id;
    if (count)
        *count = list.count;
    store_profile_list_free(&list);
    return id;
}

/* First launch asks for a name (Arabic here); then a second learner is
 * added, has their own reviews, and is deleted after a confirmation. */
static void test_profiles_first_launch_and_manage(void **state)
{
    UiDriver *d = *state;
    App *app = open_cards(d, 1280, 720);
    int64_t first = app->profile_id;
    ui_go(d, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_FIRST_LAUNCH});
    assert_non_null(ui_find(d, "Save"));
    assert_null(ui_find(d, "Cancel"));
    assert_null(ui_find(d, "Back")); /* no Back pill either */
    ui_key(d, SDLK_ESCAPE);          /* cannot leave without a name */
    assert_int_equal(app_scene(app), SCENE_PROFILES);
    ui_key(d, SDLK_RETURN); /* an empty name is refused */
    assert_int_equal(app_scene(app), SCENE_PROFILES);
    ui_type(d, "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9"); /* سارة */
    ui_shot(d, "profiles-first-launch");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    size_t count = 0;
    int64_t sara = profile_named(app, "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9", &count);
    assert_int_equal(sara, first); /* the automatic first profile, renamed */
    assert_int_equal(count, 1);
    assert_int_equal(app->profile_id, sara);

    /* Sara studies one card. */
    ui_go(d, SCENE_STUDY, NULL);
    ui_key(d, SDLK_SPACE);
    ui_key(d, SDLK_3);
    ui_key(d, SDLK_ESCAPE);

    /* Add Omar: he becomes the learner at the keyboard, with no reviews. */
    ui_go(d, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_MANAGE});
    ui_click(d, "Add learner");
    ui_type(d, "Omar");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    int64_t omar = profile_named(app, "Omar", &count);
    assert_true(omar != 0);
    assert_int_equal(count, 2);
    assert_int_equal(app->profile_id, omar);
    int r[2];
    assert_int_equal(ratings_of(app, "q-choice", r, 2), 0);
    app->profile_id = sara;
    assert_int_equal(ratings_of(app, "q-choice", r, 2), 1);
    app->profile_id = omar;

    /* A name in use is refused with a message. */
    ui_go(d, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_MANAGE});
    ui_shot(d, "profiles-list");
    ui_click(d, "Add learner");
    ui_type(d, "Omar");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_PROFILES);
    assert_int_equal(profile_named(app, "Omar", &count), omar);
    assert_int_equal(count, 2);
    ui_key(d, SDLK_ESCAPE); /* cancel: back to the list */
    assert_non_null(ui_find(d, "Delete Omar"));

    /* Delete asks first; Keep is the default, Delete removes him. */
    ui_click(d, "Delete Omar");
    assert_non_null(ui_find(d, "Keep"));
    const AppWidget *keep = ui_find(d, "Keep");
    assert_true(keep->flags & WIDGET_FOCUSED);
    ui_shot(d, "profiles-confirm");
    ui_key(d, SDLK_ESCAPE); /* keep */
    assert_int_equal(profile_named(app, "Omar", &count), omar);
    ui_click(d, "Delete Omar");
    ui_click(d, "Delete");
    assert_int_equal(profile_named(app, "Omar", &count), 0);
    assert_int_equal(count, 1);
    assert_int_equal(app->profile_id, sara); /* the remaining learner plays */

    /* Switching by keyboard: Enter on a row picks that learner. */
    ui_key(d, SDLK_UP);
    ui_key(d, SDLK_UP);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_int_equal(app->profile_id, sara);
}

/* The statistics page after a session: figures, chart and heatmap drawn;
 * a setting changed with the arrow keys is saved for this learner. */
static void test_stats_and_settings(void **state)
{
    UiDriver *d = *state;
    App *app = open_cards(d, 1280, 720);
    set_study(app, 4, false);
    ui_go(d, SCENE_STUDY, NULL);
    for (int i = 0; i < 4; i++) {
        ui_key(d, SDLK_SPACE);
        ui_key(d, i == 1 ? SDLK_1 : SDLK_4);
    }
    ui_key(d, SDLK_ESCAPE);

    ui_go(d, SCENE_STUDY_STATS, NULL);
    ui_shot(d, "stats-top");
    assert_non_null(ui_find(d, "Due today"));
    assert_non_null(ui_find(d, "Forecast"));
    /* Scroll the page down to the heatmap with the wheel. */
    ui_wheel(d, -4);
    ui_shot(d, "stats-heatmap");
    const AppWidget *heat = ui_find(d, "Heatmap");
    assert_non_null(heat);
    /* Today's cell (last column) is coloured: one of its 7 cells is not the
     * empty-cell colour and not the panel. */
    int pitch = theme_px(&app->theme, 14) + theme_px(&app->theme, 3);
    int x = heat->rect.x + 15 * pitch + pitch / 3;
    SDL_Color empty = theme_mix(theme_color(COLOR_SURFACE), theme_color(COLOR_BORDER), 0.7f);
    bool lit = false;
    for (int row = 0; row < 7; row++) {
        SDL_Color c = ui_pixel(d, x, heat->rect.y + row * pitch + pitch / 3);
        if (!close_to(c, empty) && !close_to(c, theme_color(COLOR_SURFACE)))
            lit = true;
    }
    assert_true(lit);

    /* The keys scroll down to the settings and then walk them: the last
     * Down presses end on "Rating buttons"; Enter flips it. */
    for (int i = 0; i < 14; i++)
        ui_key(d, SDLK_DOWN);
    assert_true(ui_find(d, "Rating buttons")->flags & WIDGET_FOCUSED);
    ui_key(d, SDLK_RETURN);
    assert_true(learn_settings_load(app->store, app->profile_id).two_button);
    ui_key(d, SDLK_UP);
    ui_key(d, SDLK_UP); /* New cards a day: 4 -> 0 */
    ui_key(d, SDLK_LEFT);
    assert_int_equal(learn_settings_load(app->store, app->profile_id).new_per_day, 0);
    ui_key(d, SDLK_UP); /* Desired retention: 90 -> 92, saved for this learner */
    ui_key(d, SDLK_RIGHT);
    ui_key(d, SDLK_RIGHT);
    assert_int_equal(learn_settings_load(app->store, app->profile_id).retention_pct, 92);
    ui_shot(d, "stats-settings");
    ui_resize(d, 800, 600);
    ui_shot(d, "stats-small");
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_study_session_by_keyboard),
        UI_TEST(test_two_button_mode),
        UI_TEST(test_profiles_first_launch_and_manage),
        UI_TEST(test_stats_and_settings),
    };
    return ui_run_tests(tests);
}
