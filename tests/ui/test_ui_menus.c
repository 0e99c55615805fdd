/* test_ui_menus.c - headless tests of the menu screens: title, packs,
 * round setup, settings, progress; and of the framework under them (the
 * loop, focus ring, resizing, drag and drop, persistence).
 *
 * Every test drives the real loop with real SDL events pushed by the UI
 * driver (tests/support/ui_driver.h), then checks what a player would see: the
 * scene on screen, the widgets drawn in the last frame (by label), and
 * pixels read back from the renderer. Packs come from tests/data/ui/ and,
 * for the shipped-pack test, from the questions/ folder. Each test gets a
 * fresh data folder, so the store starts empty.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "app.h"
#include "format.h"
#include "ui_driver.h"
#include "widgets.h"

#define UI_DATA QUIZDECK_TEST_DATA "/ui"

static const char *const ui_packs[] = {UI_DATA "/good", UI_DATA "/bad"};

/* Writes `text` `times` times into a new file at path. */
static void write_file(const char *path, const char *text, int times)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    for (int i = 0; i < times; i++)
        fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static bool inside(SDL_Rect r, int w, int h)
{
    return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h && r.w > 0 && r.h > 0;
}

/* ---- navigation ---------------------------------------------------------- */

static void test_title_packs_setup_and_back(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    const AppWidget *play = ui_find(d, "Play a round");
    assert_non_null(play);
    assert_true(play->flags & WIDGET_FOCUSED); /* the first thing a player can do */

    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_PACKS);
    assert_non_null(ui_find(d, "UI test: capitals"));
    const AppWidget *cont = ui_find(d, "Continue");
    assert_non_null(cont);
    assert_true(cont->flags & WIDGET_DISABLED); /* nothing ticked yet */

    ui_key(d, SDLK_DOWN);  /* packs come in file-name order: ui-arabic, ui-capitals */
    ui_key(d, SDLK_SPACE); /* tick the focused pack */
    assert_non_null(ui_find(d, "Europe")); /* its topics appear */
    cont = ui_find(d, "Continue");
    assert_false(cont->flags & WIDGET_DISABLED);
    ui_tab_to(d, "Continue");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_SETUP);
    assert_non_null(ui_find(d, "Start"));
    assert_non_null(ui_find(d, "Questions"));

    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_PACKS);
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    ui_key(d, SDLK_ESCAPE); /* Esc on the title never quits: it focuses Quit */
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_true(ui_find(d, "Quit")->flags & WIDGET_FOCUSED);
}

static void test_mouse_opens_settings_and_back_pill(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    ui_click(d, "Settings");
    assert_int_equal(app_scene(app), SCENE_SETTINGS);
    ui_click(d, "Back");
    assert_int_equal(app_scene(app), SCENE_TITLE);
    ui_click(d, "Progress");
    assert_int_equal(app_scene(app), SCENE_PROGRESS);
    ui_click_at(d, 2, 2); /* right click goes back too */
    ui_mouse(d, SDL_MOUSEBUTTONUP, SDL_BUTTON_RIGHT, 2, 2);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

static void test_gamepad_navigates(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    ui_pad(d, SDL_CONTROLLER_BUTTON_DPAD_DOWN); /* Study flashcards */
    ui_pad(d, SDL_CONTROLLER_BUTTON_DPAD_DOWN); /* Progress */
    ui_pad(d, SDL_CONTROLLER_BUTTON_A);
    assert_int_equal(app_scene(app), SCENE_PROGRESS);
    ui_pad(d, SDL_CONTROLLER_BUTTON_B);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

/* ---- the focus ring -------------------------------------------------------- */

static void test_focus_ring_follows_the_keys(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    int ring_w = theme_px(&app->theme, THEME_FOCUS_W);
    SDL_Rect play = ui_find(d, "Play a round")->rect;
    SDL_Rect progress = ui_find(d, "Study flashcards")->rect; /* the one below */
    SDL_Rect r1 = widget_focus_ring_rect(app, play);
    SDL_Rect r2 = widget_focus_ring_rect(app, progress);
    /* The middle of the ring's left edge, beside each button. */
    SDL_Color c;
    c = ui_pixel(d, r1.x + ring_w / 2, play.y + play.h / 2);
    assert_true(ui_near(c, theme_color(COLOR_FOCUS), 2));
    c = ui_pixel(d, r2.x + ring_w / 2, progress.y + progress.h / 2);
    assert_true(ui_near(c, theme_color(COLOR_BG), 2));

    ui_key(d, SDLK_DOWN);
    c = ui_pixel(d, r1.x + ring_w / 2, play.y + play.h / 2);
    assert_true(ui_near(c, theme_color(COLOR_BG), 2));
    c = ui_pixel(d, r2.x + ring_w / 2, progress.y + progress.h / 2);
    assert_true(ui_near(c, theme_color(COLOR_FOCUS), 2));
}

/* ---- the packs screen ------------------------------------------------------ */

static void test_shipped_packs_are_listed(void **state)
{
    UiDriver *d = *state;
    const char *const paths[] = {QUIZDECK_SOURCE_QUESTIONS};
    App *app = ui_start(d, paths, 1, 1280, 720);
    assert_true(app->packs.pack_count >= 4);
    ui_click(d, "Packs");
    assert_int_equal(app_scene(app), SCENE_PACKS);
    /* Opened to browse: nothing to tick, so no Continue. */
    assert_non_null(ui_find(d, "Back"));
    assert_null(ui_find(d, "Continue"));
    /* Walk down the list: every pack's title is drawn on the way. */
    for (size_t i = 0; i < app->packs.pack_count; i++) {
        const char *title = app->packs.packs[i]->title;
        bool seen = false;
        for (int step = 0; step < 40 && !seen; step++) {
            seen = ui_find(d, title) != NULL;
            if (!seen)
                ui_key(d, SDLK_DOWN);
        }
        assert_true(seen);
        char count[sizeof(UiInt) + 16];
        snprintf(count, sizeof count, "%s questions",
                 ui_format_int((int64_t)app->packs.packs[i]->question_count).text);
        assert_true(ui_shows(d, count));
    }
}

/* With every pack ticked the list (packs and their topics) runs on below
 * the Continue button; a click on the button must reach the button, not a
 * row scrolled out of view beneath it. */
static void test_continue_is_clickable_over_a_long_list(void **state)
{
    UiDriver *d = *state;
    const char *const paths[] = {QUIZDECK_SOURCE_QUESTIONS};
    App *app = ui_start(d, paths, 1, 1280, 720);
    ui_click(d, "Play a round");
    assert_int_equal(app_scene(app), SCENE_PACKS);
    /* Bottom pack first: a ticked pack's topics open below it, so the
     * packs above stay where they were drawn. There are more shipped packs
     * than fit on the screen, so the arrow keys bring each one into view
     * (down to the last, then up) before it is clicked. */
    for (size_t i = app->packs.pack_count; i-- > 0;) {
        ui_key_to(d, app->packs.packs[i]->title,
                  i + 1 == app->packs.pack_count ? SDLK_DOWN : SDLK_UP);
        ui_click(d, app->packs.packs[i]->title);
    }
    ui_click(d, "Continue");
    assert_int_equal(app_scene(app), SCENE_SETUP);
}

/* A notice covers the bottom of the screen: it stays while it is being
 * read, then the next key puts it away. */
static void test_notice_is_put_away_by_the_next_key(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 1, 1280, 720);
    app_test_set_clock(app, 100000);
    app_notice(app, COLOR_ACCENT, "Now learning: Layla");
    ui_key(d, SDLK_DOWN); /* too soon: it stays */
    assert_non_null(ui_find(d, "Now learning: Layla"));
    app_test_set_clock(app, 102000);
    ui_key(d, SDLK_DOWN);
    assert_null(ui_find(d, "Now learning: Layla"));
}

static void test_failed_pack_is_listed_with_its_error(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_int_equal(app->packs.failure_count, 1);
    ui_click(d, "Packs");
    const AppWidget *row = NULL;
    for (int step = 0; step < 20 && !row; step++) {
        row = ui_find_prefix(d, "ui-broken.yaml \xE2\x80\x94 not loaded");
        if (!row)
            ui_key(d, SDLK_DOWN);
    }
    assert_non_null(row);
    assert_true(row->flags & WIDGET_DANGER);
    /* Its first error, with file, line and column. */
    assert_non_null(ui_find_prefix(d, "ui-broken.yaml:13:13: error:"));
}

static void test_start_builds_a_round_from_the_ticked_topic(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    ui_key(d, SDLK_RETURN); /* Play a round */
    const AppWidget *pack = ui_find(d, "UI test: capitals");
    assert_non_null(pack);
    ui_click(d, "UI test: capitals");
    ui_click(d, "Europe");
    ui_click(d, "Continue");
    assert_int_equal(app_scene(app), SCENE_SETUP);
    ui_click(d, "Start");
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app->quiz.active);
    assert_int_equal(app->quiz.round.question_count, 2); /* France and Spain only */
    for (size_t i = 0; i < app->quiz.round.question_count; i++)
        assert_string_equal(app->quiz.round.questions[i].question->topic, "europe");
    assert_true(app->quiz.round_id > 0); /* recorded in the store */
}

static void test_dropped_pack_is_added_and_kept(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    size_t before = app->packs.pack_count;
    ui_drop(d, UI_DATA "/drop/ui-dropped.yaml");
    assert_int_equal(app->packs.pack_count, before + 1);
    assert_non_null(pack_set_find(&app->packs, "ui-dropped"));
    char copy[200];
    snprintf(copy, sizeof copy, "%s/ui-dropped.yaml", d->packs);
    struct stat st;
    assert_int_equal(stat(copy, &st), 0);

    /* A broken file is not copied; its error is shown. */
    ui_drop(d, UI_DATA "/bad/ui-broken.yaml");
    assert_true(ui_shows(d, "ui-broken.yaml:13:13"));
    snprintf(copy, sizeof copy, "%s/ui-broken.yaml", d->packs);
    assert_int_not_equal(stat(copy, &st), 0);

    /* The next launch finds the dropped pack in the player's folder. */
    app = ui_start(d, NULL, 0, 1280, 720);
    assert_non_null(pack_set_find(&app->packs, "ui-dropped"));
}

/* ---- layout at every size ---------------------------------------------------- */

typedef struct SizeCase {
    int w, h;
    int font_scale;
} SizeCase;

static const SizeCase size_cases[] = {
    {640, 480, 100}, {640, 480, 200}, {800, 600, 100}, {1280, 720, 150}, {3840, 2160, 100},
};

/* Every widget of the scene inside the window; buttons never overlap. */
static void check_inside(UiDriver *d, const char *scene, const SizeCase *c)
{
    ui_refresh(d);
    assert_int_equal(d->app->theme.out_w, c->w);
    assert_int_equal(d->app->theme.out_h, c->h);
    assert_true(app_widget_count(d->app) > 0);
    char what[64];
    snprintf(what, sizeof what, "%s (font %d%%)", scene, c->font_scale);
    ui_assert_fits(d, what, WIDGET_DANGER, true);
}

static void test_layout_fits_from_640x480_to_4k(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    for (size_t i = 0; i < SDL_arraysize(size_cases); i++) {
        const SizeCase *c = &size_cases[i];
        app->settings.font_scale = c->font_scale;
        app_apply_settings(app, false);
        ui_resize(d, c->w, c->h);
        app_home(app);
        ui_pump(d);
        check_inside(d, "title", c);
        app->selection.pack[0] = true;
        app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_CHOOSE});
        ui_pump(d);
        /* The list rows are clipped to their view; its buttons must fit. */
        const AppWidget *cont = ui_find(d, "Continue");
        assert_non_null(cont);
        assert_true(inside(cont->rect, c->w, c->h));
        assert_true(inside(ui_find(d, "Back")->rect, c->w, c->h));
        app_go(app, SCENE_SETUP);
        ui_pump(d);
        check_inside(d, "setup", c);
        app_home(app);
        app_go(app, SCENE_SETTINGS);
        ui_pump(d);
        check_inside(d, "settings", c);
        app_home(app);
        app_go(app, SCENE_PROGRESS);
        ui_pump(d);
        assert_true(inside(ui_find(d, "Back")->rect, c->w, c->h));
    }
}

/* ---- persistence --------------------------------------------------------- */

static void test_settings_persist_across_launches(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_int_equal(app->settings.font_scale, 100);
    ui_click(d, "Settings");
    ui_key(d, SDLK_RIGHT); /* text size 100 -> 125 */
    ui_key(d, SDLK_DOWN);
    ui_key(d, SDLK_RETURN); /* reduced motion on */
    assert_int_equal(app->settings.font_scale, 125);
    assert_true(app->settings.reduced_motion);
    ui_key(d, SDLK_ESCAPE);

    /* Round setup: questions 10 -> 20, scoring -> accuracy. */
    app->selection.pack[0] = true;
    app_go(app, SCENE_SETUP);
    ui_pump(d);
    ui_click(d, "Questions");
    assert_int_equal(app->settings.question_count, 20);
    ui_click(d, "Scoring");
    assert_int_equal(app->settings.scoring, SETUP_SCORING_ACCURACY);

    app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_int_equal(app->settings.font_scale, 125);
    assert_true(app->settings.reduced_motion);
    assert_true(app->theme.reduced_motion);
    assert_int_equal(app->settings.question_count, 20);
    assert_int_equal(app->settings.scoring, SETUP_SCORING_ACCURACY);
    /* Text is drawn bigger: the title's buttons grew with the text size. */
    assert_int_equal(app->theme.font_scale * 100.0f, 125.0f);

    /* Settings belong to the learner: a second one starts from the
     * defaults, and switching back brings the first one's back. */
    int64_t first = app->profile_id, second = 0;
    assert_int_equal(store_profile_add(app->store, "Omar", 1, &second, NULL), STORE_OK);
    app_set_profile(app, second);
    assert_int_equal(app->settings.font_scale, 100);
    assert_false(app->theme.reduced_motion);
    assert_int_equal(app->settings.question_count, 10);
    app_set_profile(app, first);
    assert_int_equal(app->settings.font_scale, 125);
    assert_int_equal(app->settings.question_count, 20);
}

static void test_no_store_still_plays(void **state)
{
    UiDriver *d = *state;
    char blocked[128];
    snprintf(blocked, sizeof blocked, "%s/file", d->dir);
    write_file(blocked, "", 1);
    char data[160];
    snprintf(data, sizeof data, "%s/inside", blocked); /* a folder inside a file: impossible */
    AppConfig cfg = {.pack_paths = ui_packs,
                     .pack_path_count = 2,
                     .data_dir = data,
                     .width = 800,
                     .height = 600,
                     .hidden = true};
    App *app = d->app = app_create(&cfg); /* the driver closes it */
    assert_non_null(app);
    ui_pump(d);
    assert_null(app->store);
    assert_true(strstr(app->store_message, "not be saved") != NULL);
    ui_click(d, "Settings");
    ui_key(d, SDLK_RIGHT); /* works, just not saved */
    assert_int_equal(app->settings.font_scale, 125);
    ui_key(d, SDLK_ESCAPE);
    ui_click(d, "Progress");
    assert_int_equal(app_scene(app), SCENE_PROGRESS);
}

static void test_corrupt_database_is_reported_once(void **state)
{
    UiDriver *d = *state;
    char db[128];
    snprintf(db, sizeof db, "%s/quizdeck.db", d->dir);
    write_file(db, "this is not a database ", 400);
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_non_null(app->store); /* started fresh */
    assert_true(ui_shows(d, "could not be read"));

    /* The next launch has nothing to say. */
    app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_false(ui_shows(d, "could not be read"));
}

/* ---- text ------------------------------------------------------------- */

static void test_arabic_pack_is_right_to_left(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 1, 1280, 720);
    const Pack *p = pack_set_find(&app->packs, "ui-arabic");
    assert_non_null(p);
    assert_true(text_is_rtl(p->title, p->language));
    assert_false(text_is_rtl("Kuwait 1991", "en"));
    assert_true(text_is_rtl("1991", "ar")); /* no strong letter: the language decides */
    assert_true(strstr(text_font_path(app->text, "ar", false), "Arabic") != NULL);
    /* Aligned by its direction: an Arabic line ends at the right edge. */
    TextSpec spec = {.style = TEXT_BODY, .wrap = 600, .lang = p->language};
    SDL_Point sz = text_measure(app->text, &spec, p->title);
    assert_true(sz.x > 0 && sz.x < 600);
    app_home(app);
    ui_pump(d);
    ui_click(d, "Packs");
    assert_non_null(ui_find(d, p->title));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_title_packs_setup_and_back),
        UI_TEST(test_mouse_opens_settings_and_back_pill),
        UI_TEST(test_gamepad_navigates),
        UI_TEST(test_focus_ring_follows_the_keys),
        UI_TEST(test_shipped_packs_are_listed),
        UI_TEST(test_continue_is_clickable_over_a_long_list),
        UI_TEST(test_notice_is_put_away_by_the_next_key),
        UI_TEST(test_failed_pack_is_listed_with_its_error),
        UI_TEST(test_start_builds_a_round_from_the_ticked_topic),
        UI_TEST(test_dropped_pack_is_added_and_kept),
        UI_TEST(test_layout_fits_from_640x480_to_4k),
        UI_TEST(test_settings_persist_across_launches),
        UI_TEST(test_no_store_still_plays),
        UI_TEST(test_corrupt_database_is_reported_once),
        UI_TEST(test_arabic_pack_is_right_to_left),
    };
    return ui_run_tests(tests);
}
