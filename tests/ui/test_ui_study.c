/* test_ui_study.c - headless tests of the learner scenes: a flashcard
 * session studied by keyboard through the real loop, the two-button
 * setting, first launch with an Arabic name, switching / adding / deleting
 * learners, and the study statistics page with its settings.
 *
 * Each test drives app_pump with real SDL events (app_test_*), then checks
 * what a learner would notice: the store (reviews with the right ratings,
 * profiles, settings), the widgets drawn, and pixels read back.
 *
 * Set STUDY_SHOTS=/some/dir to also save each checked screen as a BMP.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "study_ui.h"
#include "widgets.h"
#include "test_support.h"

#define CARDS_PACK QUIZDECK_TEST_DATA "/study/cards.yaml"

typedef struct Fixture {
    App *app;
    char dir[64];
} Fixture;

/* ---- helpers ----------------------------------------------------------------- */

static App *open_app(Fixture *f, const char *pack, int w, int h)
{
    const char *paths[] = {pack};
    AppConfig cfg = {.pack_paths = paths,
                     .pack_path_count = 1,
                     .data_dir = f->dir,
                     .width = w,
                     .height = h,
                     .hidden = true};
    f->app = app_create(&cfg);
    assert_non_null(f->app);
    app_pump(f->app, 2);
    assert_non_null(f->app->store);
    return f->app;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/qd-ui-study-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    app_destroy(f->app);
    test_remove_tree(f->dir);
    free(f);
    return 0;
}

/* Draws a frame (app_read_pixel does) so the widget list is current. */
static void refresh(App *app)
{
    SDL_Color c;
    app_read_pixel(app, 0, 0, &c);
}

static void key(App *app, SDL_Keycode k)
{
    app_test_key(app, k, 0);
    app_pump(app, 3);
    refresh(app);
}

static void click_widget(App *app, const char *label)
{
    refresh(app);
    const AppWidget *w = app_find_widget(app, label);
    if (w == NULL)
        fail_msg("no widget \"%s\" on screen", label);
    app_test_click(app, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2);
    app_pump(app, 3);
    refresh(app);
}

static void go(App *app, SceneId id, const SceneArg *arg)
{
    app_go_with(app, id, arg);
    app_pump(app, 3);
    assert_int_equal(app_scene(app), id);
    refresh(app);
}

static bool close_to(SDL_Color a, SDL_Color b)
{
    return abs(a.r - b.r) <= 12 && abs(a.g - b.g) <= 12 && abs(a.b - b.b) <= 12;
}

/* A pixel just inside a widget's left edge, halfway down: its fill. */
static SDL_Color widget_fill(App *app, const char *label)
{
    refresh(app);
    const AppWidget *w = app_find_widget(app, label);
    if (w == NULL)
        fail_msg("no widget \"%s\" on screen", label);
    SDL_Color c;
    assert_true(
        app_read_pixel(app, w->rect.x + theme_px(&app->theme, 8), w->rect.y + w->rect.h / 2, &c));
    return c;
}

static void shot(App *app, const char *name)
{
    const char *dir = getenv("STUDY_SHOTS");
    if (dir == NULL)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s-%dx%d.bmp", dir, name, app->theme.out_w, app->theme.out_h);
    app_save_frame(app, path);
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
    Fixture *f = *state;
    App *app = open_app(f, CARDS_PACK, 1280, 720);
    set_study(app, 3, false);
    go(app, SCENE_STUDY, NULL);

    assert_non_null(app_find_widget(app, "Show answer"));
    assert_null(app_find_widget(app, "Good"));
    shot(app, "study-front");
    key(app, SDLK_SPACE); /* flip */
    assert_null(app_find_widget(app, "Show answer"));
    assert_non_null(app_find_widget(app, "Again"));
    assert_non_null(app_find_widget(app, "Hard"));
    assert_non_null(app_find_widget(app, "Easy"));
    /* Good is the primary (accent) button and has the focus; Again is plain. */
    assert_true(close_to(widget_fill(app, "Good"), theme_color(COLOR_ACCENT)));
    assert_false(close_to(widget_fill(app, "Again"), theme_color(COLOR_ACCENT)));
    const AppWidget *good = app_find_widget(app, "Good");
    assert_true(good->flags & WIDGET_FOCUSED);
    shot(app, "study-back");
    key(app, SDLK_3); /* q-choice: Good */

    key(app, SDLK_RETURN); /* flip q-multi with Enter */
    assert_non_null(app_find_widget(app, "Again"));
    key(app, SDLK_1); /* Again */

    /* A click on the card flips too. */
    refresh(app);
    app_test_click(app, app->theme.out_w / 2, app->theme.out_h / 2);
    app_pump(app, 3);
    refresh(app);
    assert_non_null(app_find_widget(app, "Easy"));
    key(app, SDLK_4); /* q-tf: Easy */

    /* Daily limit of 3 reached; two learning cards wait (1m and 10m). */
    assert_non_null(app_find_widget(app, "Study it now"));
    assert_non_null(app_find_widget(app, "Finish"));
    shot(app, "study-wait");
    key(app, SDLK_RETURN); /* Study it now: the card due first, q-multi */
    assert_non_null(app_find_widget(app, "Show answer"));
    key(app, SDLK_SPACE);
    key(app, SDLK_3);
    assert_non_null(app_find_widget(app, "Finish"));
    key(app, SDLK_RIGHT);
    key(app, SDLK_RETURN); /* Finish */
    assert_non_null(app_find_widget(app, "Done"));
    shot(app, "study-done");
    /* The summary sits on a surface panel in the middle of the window. */
    SDL_Color c;
    assert_true(app_read_pixel(app, app->theme.out_w / 2 - theme_px(&app->theme, 300),
                               app->theme.out_h / 2, &c));
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
    key(app, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    go(app, SCENE_STUDY, NULL);
    assert_non_null(app_find_widget(app, "Study it now")); /* q-choice still learning */
    key(app, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

/* The two-button setting: Forgot / Knew, keys 1 and 2, stored as Again and
 * Good; the same screen at 800x600. */
static void test_two_button_mode(void **state)
{
    Fixture *f = *state;
    App *app = open_app(f, CARDS_PACK, 800, 600);
    set_study(app, 20, true);
    go(app, SCENE_STUDY, NULL);
    key(app, SDLK_SPACE);
    assert_non_null(app_find_widget(app, "Forgot"));
    assert_non_null(app_find_widget(app, "Knew"));
    assert_null(app_find_widget(app, "Hard"));
    shot(app, "study-two-button");
    key(app, SDLK_2); /* Knew */
    key(app, SDLK_SPACE);
    key(app, SDLK_3); /* not a button in this mode: ignored */
    assert_non_null(app_find_widget(app, "Forgot"));
    key(app, SDLK_1); /* Forgot */
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
    Fixture *f = *state;
    App *app = open_app(f, CARDS_PACK, 1280, 720);
    int64_t first = app->profile_id;
    go(app, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_FIRST_LAUNCH});
    assert_non_null(app_find_widget(app, "Save"));
    assert_null(app_find_widget(app, "Cancel"));
    assert_null(app_find_widget(app, "Back")); /* no Back pill either */
    key(app, SDLK_ESCAPE);                     /* cannot leave without a name */
    assert_int_equal(app_scene(app), SCENE_PROFILES);
    key(app, SDLK_RETURN); /* an empty name is refused */
    assert_int_equal(app_scene(app), SCENE_PROFILES);
    app_test_text(app, "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9"); /* سارة */
    app_pump(app, 2);
    shot(app, "profiles-first-launch");
    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    size_t count = 0;
    int64_t sara = profile_named(app, "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9", &count);
    assert_int_equal(sara, first); /* the automatic first profile, renamed */
    assert_int_equal(count, 1);
    assert_int_equal(app->profile_id, sara);

    /* Sara studies one card. */
    go(app, SCENE_STUDY, NULL);
    key(app, SDLK_SPACE);
    key(app, SDLK_3);
    key(app, SDLK_ESCAPE);

    /* Add Omar: he becomes the learner at the keyboard, with no reviews. */
    go(app, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_MANAGE});
    click_widget(app, "Add learner");
    app_test_text(app, "Omar");
    app_pump(app, 2);
    key(app, SDLK_RETURN);
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
    go(app, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_MANAGE});
    shot(app, "profiles-list");
    click_widget(app, "Add learner");
    app_test_text(app, "Omar");
    app_pump(app, 2);
    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_PROFILES);
    assert_int_equal(profile_named(app, "Omar", &count), omar);
    assert_int_equal(count, 2);
    key(app, SDLK_ESCAPE); /* cancel: back to the list */
    assert_non_null(app_find_widget(app, "Delete Omar"));

    /* Delete asks first; Keep is the default, Delete removes him. */
    click_widget(app, "Delete Omar");
    assert_non_null(app_find_widget(app, "Keep"));
    const AppWidget *keep = app_find_widget(app, "Keep");
    assert_true(keep->flags & WIDGET_FOCUSED);
    shot(app, "profiles-confirm");
    key(app, SDLK_ESCAPE); /* keep */
    assert_int_equal(profile_named(app, "Omar", &count), omar);
    click_widget(app, "Delete Omar");
    click_widget(app, "Delete");
    assert_int_equal(profile_named(app, "Omar", &count), 0);
    assert_int_equal(count, 1);
    assert_int_equal(app->profile_id, sara); /* the remaining learner plays */

    /* Switching by keyboard: Enter on a row picks that learner. */
    key(app, SDLK_UP);
    key(app, SDLK_UP);
    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_int_equal(app->profile_id, sara);
}

/* The statistics page after a session: figures, chart and heatmap drawn;
 * a setting changed with the arrow keys is saved for this learner. */
static void test_stats_and_settings(void **state)
{
    Fixture *f = *state;
    App *app = open_app(f, CARDS_PACK, 1280, 720);
    set_study(app, 4, false);
    go(app, SCENE_STUDY, NULL);
    for (int i = 0; i < 4; i++) {
        key(app, SDLK_SPACE);
        key(app, i == 1 ? SDLK_1 : SDLK_4);
    }
    key(app, SDLK_ESCAPE);

    go(app, SCENE_STUDY_STATS, NULL);
    shot(app, "stats-top");
    assert_non_null(app_find_widget(app, "Due today"));
    assert_non_null(app_find_widget(app, "Forecast"));
    /* Scroll the page down to the heatmap with the wheel. */
    SDL_Event wheel = {0};
    wheel.type = SDL_MOUSEWHEEL;
    wheel.wheel.windowID = SDL_GetWindowID(app->window);
    wheel.wheel.y = -4;
    SDL_PushEvent(&wheel);
    app_pump(app, 3);
    refresh(app);
    shot(app, "stats-heatmap");
    const AppWidget *heat = app_find_widget(app, "Heatmap");
    assert_non_null(heat);
    /* Today's cell (last column) is coloured: one of its 7 cells is not the
     * empty-cell colour and not the panel. */
    int pitch = theme_px(&app->theme, 14) + theme_px(&app->theme, 3);
    int x = heat->rect.x + 15 * pitch + pitch / 3;
    SDL_Color empty = theme_mix(theme_color(COLOR_SURFACE), theme_color(COLOR_BORDER), 0.7f);
    bool lit = false;
    for (int row = 0; row < 7; row++) {
        SDL_Color c;
        assert_true(app_read_pixel(app, x, heat->rect.y + row * pitch + pitch / 3, &c));
        if (!close_to(c, empty) && !close_to(c, theme_color(COLOR_SURFACE)))
            lit = true;
    }
    assert_true(lit);

    /* The keys scroll down to the settings and then walk them: the last
     * Down presses end on "Rating buttons"; Enter flips it. */
    for (int i = 0; i < 14; i++)
        key(app, SDLK_DOWN);
    assert_true(app_find_widget(app, "Rating buttons")->flags & WIDGET_FOCUSED);
    key(app, SDLK_RETURN);
    assert_true(learn_settings_load(app->store, app->profile_id).two_button);
    key(app, SDLK_UP);
    key(app, SDLK_UP); /* New cards a day: 4 -> 0 */
    key(app, SDLK_LEFT);
    assert_int_equal(learn_settings_load(app->store, app->profile_id).new_per_day, 0);
    key(app, SDLK_UP); /* Desired retention: 90 -> 92, saved for this learner */
    key(app, SDLK_RIGHT);
    key(app, SDLK_RIGHT);
    assert_int_equal(learn_settings_load(app->store, app->profile_id).retention_pct, 92);
    shot(app, "stats-settings");
    app_test_resize(app, 800, 600);
    app_pump(app, 3);
    shot(app, "stats-small");
    key(app, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_study_session_by_keyboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_button_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_profiles_first_launch_and_manage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_and_settings, setup, teardown),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
