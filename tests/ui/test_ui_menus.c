/* test_ui_menus.c - headless tests of the menu screens: title, packs,
 * round setup, settings, progress; and of the framework under them (the
 * loop, focus ring, resizing, drag and drop, persistence).
 *
 * Every test drives the real loop (app_pump) with real SDL events pushed
 * by the app_test_* helpers, then checks what a player would see: the
 * scene on screen, the widgets drawn in the last frame (by label), and
 * pixels read back from the renderer. Packs come from tests/data/ui/ and,
 * for the shipped-pack test, from the questions/ folder. Each test gets a
 * fresh data folder, so the store starts empty.
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
#include "widgets.h"
#include "test_support.h"

#define UI_DATA QUIZDECK_TEST_DATA "/ui"

typedef struct Fixture {
    App *app;
    char dir[64];
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

static App *open_app(const char *dir, const char *const *paths, size_t n, int w, int h)
{
    AppConfig cfg = {.pack_paths = paths,
                     .pack_path_count = n,
                     .data_dir = dir,
                     .width = w,
                     .height = h,
                     .hidden = true};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_pump(app, 2);
    return app;
}

static const char *const ui_packs[] = {UI_DATA "/good", UI_DATA "/bad"};

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/qd-ui-menus-XXXXXX");
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

static void key(App *app, SDL_Keycode k)
{
    app_test_key(app, k, 0);
    app_pump(app, 2);
}

static void click_widget(App *app, const char *label)
{
    const AppWidget *w = app_find_widget(app, label);
    assert_non_null(w);
    app_test_click(app, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2);
    app_pump(app, 2);
}

/* Draws a frame (app_read_pixel does) so the widget list is current. */
static void refresh(App *app)
{
    SDL_Color c;
    app_read_pixel(app, 0, 0, &c);
}

/* Presses Tab until the widget labelled `label` has the focus. */
static void tab_to(App *app, const char *label)
{
    for (int i = 0; i < 30; i++) {
        refresh(app);
        const AppWidget *w = app_find_widget(app, label);
        if (w && (w->flags & WIDGET_FOCUSED))
            return;
        key(app, SDLK_TAB);
    }
    fail_msg("Tab never reached \"%s\"", label);
}

/* Presses an arrow key until the widget labelled `label` has the focus
 * (a list scrolls its focused row into view). */
static void arrow_to(App *app, const char *label, SDL_Keycode arrow)
{
    for (int i = 0; i < 60; i++) {
        refresh(app);
        const AppWidget *w = app_find_widget(app, label);
        if (w && (w->flags & WIDGET_FOCUSED))
            return;
        key(app, arrow);
    }
    fail_msg("the arrow keys never reached \"%s\"", label);
}

static const AppWidget *widget_starting(App *app, const char *prefix)
{
    for (size_t i = 0; i < app_widget_count(app); i++)
        if (strncmp(app_widget(app, i)->label, prefix, strlen(prefix)) == 0)
            return app_widget(app, i);
    return NULL;
}

static bool same_colour(SDL_Color a, SDL_Color b)
{
    return abs(a.r - b.r) <= 2 && abs(a.g - b.g) <= 2 && abs(a.b - b.b) <= 2;
}

static bool inside(SDL_Rect r, int w, int h)
{
    return r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h && r.w > 0 && r.h > 0;
}

/* ---- navigation ---------------------------------------------------------- */

static void test_title_packs_setup_and_back(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    refresh(app);
    const AppWidget *play = app_find_widget(app, "Play a round");
    assert_non_null(play);
    assert_true(play->flags & WIDGET_FOCUSED); /* the first thing a player can do */

    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_PACKS);
    refresh(app);
    assert_non_null(app_find_widget(app, "UI test: capitals"));
    const AppWidget *cont = app_find_widget(app, "Continue");
    assert_non_null(cont);
    assert_true(cont->flags & WIDGET_DISABLED); /* nothing ticked yet */

    key(app, SDLK_DOWN);  /* packs come in file-name order: ui-arabic, ui-capitals */
    key(app, SDLK_SPACE); /* tick the focused pack */
    refresh(app);
    assert_non_null(app_find_widget(app, "Europe")); /* its topics appear */
    cont = app_find_widget(app, "Continue");
    assert_false(cont->flags & WIDGET_DISABLED);
    tab_to(app, "Continue");
    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_SETUP);
    refresh(app);
    assert_non_null(app_find_widget(app, "Start"));
    assert_non_null(app_find_widget(app, "Questions"));

    key(app, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_PACKS);
    key(app, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_TITLE);
    key(app, SDLK_ESCAPE); /* Esc on the title never quits: it focuses Quit */
    assert_int_equal(app_scene(app), SCENE_TITLE);
    refresh(app);
    assert_true(app_find_widget(app, "Quit")->flags & WIDGET_FOCUSED);
}

static void test_mouse_opens_settings_and_back_pill(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    refresh(app);
    click_widget(app, "Settings");
    assert_int_equal(app_scene(app), SCENE_SETTINGS);
    refresh(app);
    click_widget(app, "Back");
    assert_int_equal(app_scene(app), SCENE_TITLE);
    click_widget(app, "Progress");
    assert_int_equal(app_scene(app), SCENE_PROGRESS);
    app_test_click(app, 2, 2); /* right click goes back too */
    SDL_Event e = {0};
    e.type = SDL_MOUSEBUTTONUP;
    e.button.button = SDL_BUTTON_RIGHT;
    SDL_PushEvent(&e);
    app_pump(app, 2);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

static void pad_button(App *app, Uint8 button)
{
    SDL_Event e = {0};
    e.type = SDL_CONTROLLERBUTTONDOWN;
    e.cbutton.button = button;
    e.cbutton.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_CONTROLLERBUTTONUP;
    e.cbutton.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    app_pump(app, 2);
}

static void test_gamepad_navigates(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    pad_button(app, SDL_CONTROLLER_BUTTON_DPAD_DOWN); /* Study flashcards */
    pad_button(app, SDL_CONTROLLER_BUTTON_DPAD_DOWN); /* Progress */
    pad_button(app, SDL_CONTROLLER_BUTTON_A);
    assert_int_equal(app_scene(app), SCENE_PROGRESS);
    pad_button(app, SDL_CONTROLLER_BUTTON_B);
    assert_int_equal(app_scene(app), SCENE_TITLE);
}

/* ---- the focus ring -------------------------------------------------------- */

static void test_focus_ring_follows_the_keys(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    refresh(app);
    int ring_w = theme_px(&app->theme, THEME_FOCUS_W);
    SDL_Rect play = app_find_widget(app, "Play a round")->rect;
    SDL_Rect progress = app_find_widget(app, "Study flashcards")->rect; /* the one below */
    SDL_Rect r1 = widget_focus_ring_rect(app, play);
    SDL_Rect r2 = widget_focus_ring_rect(app, progress);
    /* The middle of the ring's left edge, beside each button. */
    SDL_Color c;
    assert_true(app_read_pixel(app, r1.x + ring_w / 2, play.y + play.h / 2, &c));
    assert_true(same_colour(c, theme_color(COLOR_FOCUS)));
    assert_true(app_read_pixel(app, r2.x + ring_w / 2, progress.y + progress.h / 2, &c));
    assert_true(same_colour(c, theme_color(COLOR_BG)));

    key(app, SDLK_DOWN);
    assert_true(app_read_pixel(app, r1.x + ring_w / 2, play.y + play.h / 2, &c));
    assert_true(same_colour(c, theme_color(COLOR_BG)));
    assert_true(app_read_pixel(app, r2.x + ring_w / 2, progress.y + progress.h / 2, &c));
    assert_true(same_colour(c, theme_color(COLOR_FOCUS)));
}

/* ---- the packs screen ------------------------------------------------------ */

static void test_shipped_packs_are_listed(void **state)
{
    Fixture *f = *state;
    const char *const paths[] = {QUIZDECK_SOURCE_QUESTIONS};
    App *app = f->app = open_app(f->dir, paths, 1, 1280, 720);
    assert_true(app->packs.pack_count >= 4);
    refresh(app);
    click_widget(app, "Packs");
    assert_int_equal(app_scene(app), SCENE_PACKS);
    /* Walk down the list: every pack's title is drawn on the way. */
    for (size_t i = 0; i < app->packs.pack_count; i++) {
        const char *title = app->packs.packs[i]->title;
        bool seen = false;
        for (int step = 0; step < 40 && !seen; step++) {
            refresh(app);
            seen = app_find_widget(app, title) != NULL;
            if (!seen)
                key(app, SDLK_DOWN);
        }
        assert_true(seen);
        char count[32];
        snprintf(count, sizeof count, "%zu questions", app->packs.packs[i]->question_count);
        bool shows_count = false;
        for (size_t k = 0; k < app_widget_count(app); k++)
            shows_count |= strstr(app_widget(app, k)->label, count) != NULL;
        assert_true(shows_count);
    }
}

/* With every pack ticked the list (packs and their topics) runs on below
 * the Continue button; a click on the button must reach the button, not a
 * row scrolled out of view beneath it. */
static void test_continue_is_clickable_over_a_long_list(void **state)
{
    Fixture *f = *state;
    const char *const paths[] = {QUIZDECK_SOURCE_QUESTIONS};
    App *app = f->app = open_app(f->dir, paths, 1, 1280, 720);
    refresh(app);
    click_widget(app, "Play a round");
    assert_int_equal(app_scene(app), SCENE_PACKS);
    /* Bottom pack first: a ticked pack's topics open below it, so the
     * packs above stay where they were drawn. There are more shipped packs
     * than fit on the screen, so the arrow keys bring each one into view
     * (down to the last, then up) before it is clicked. */
    for (size_t i = app->packs.pack_count; i-- > 0;) {
        arrow_to(app, app->packs.packs[i]->title,
                 i + 1 == app->packs.pack_count ? SDLK_DOWN : SDLK_UP);
        click_widget(app, app->packs.packs[i]->title);
    }
    refresh(app);
    click_widget(app, "Continue");
    assert_int_equal(app_scene(app), SCENE_SETUP);
}

/* A notice covers the bottom of the screen: it stays while it is being
 * read, then the next key puts it away. */
static void test_notice_is_put_away_by_the_next_key(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 1, 1280, 720);
    app_test_set_clock(app, 100000);
    app_notice(app, COLOR_ACCENT, "Now learning: Layla");
    key(app, SDLK_DOWN); /* too soon: it stays */
    refresh(app);
    assert_non_null(app_find_widget(app, "Now learning: Layla"));
    app_test_set_clock(app, 102000);
    key(app, SDLK_DOWN);
    refresh(app);
    assert_null(app_find_widget(app, "Now learning: Layla"));
}

static void test_failed_pack_is_listed_with_its_error(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    assert_int_equal(app->packs.failure_count, 1);
    refresh(app);
    click_widget(app, "Packs");
    const AppWidget *row = NULL;
    for (int step = 0; step < 20 && !row; step++) {
        refresh(app);
        row = widget_starting(app, "ui-broken.yaml \xE2\x80\x94 not loaded");
        if (!row)
            key(app, SDLK_DOWN);
    }
    assert_non_null(row);
    assert_true(row->flags & WIDGET_DANGER);
    /* Its first error, with file, line and column. */
    assert_non_null(widget_starting(app, "ui-broken.yaml:13:13: error:"));
}

static void test_start_builds_a_round_from_the_ticked_topic(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    refresh(app);
    key(app, SDLK_RETURN); /* Play a round */
    refresh(app);
    const AppWidget *pack = app_find_widget(app, "UI test: capitals");
    assert_non_null(pack);
    click_widget(app, "UI test: capitals");
    refresh(app);
    click_widget(app, "Europe");
    refresh(app);
    click_widget(app, "Continue");
    assert_int_equal(app_scene(app), SCENE_SETUP);
    refresh(app);
    click_widget(app, "Start");
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app->round_active);
    assert_int_equal(app->round.question_count, 2); /* France and Spain only */
    for (size_t i = 0; i < app->round.question_count; i++)
        assert_string_equal(app->round.questions[i].question->topic, "europe");
    assert_true(app->round_id > 0); /* recorded in the store */
}

static void test_dropped_pack_is_added_and_kept(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    size_t before = app->packs.pack_count;
    SDL_Event e = {0};
    e.type = SDL_DROPFILE;
    e.drop.file = SDL_strdup(UI_DATA "/drop/ui-dropped.yaml");
    SDL_PushEvent(&e);
    app_pump(app, 2);
    assert_int_equal(app->packs.pack_count, before + 1);
    assert_non_null(pack_set_find(&app->packs, "ui-dropped"));
    char copy[200];
    snprintf(copy, sizeof copy, "%s/packs/ui-dropped.yaml", f->dir);
    struct stat st;
    assert_int_equal(stat(copy, &st), 0);

    /* A broken file is not copied; its error is shown. */
    e.drop.file = SDL_strdup(UI_DATA "/bad/ui-broken.yaml");
    SDL_PushEvent(&e);
    app_pump(app, 2);
    refresh(app);
    bool shown = false;
    for (size_t i = 0; i < app_widget_count(app); i++)
        shown |= strstr(app_widget(app, i)->label, "ui-broken.yaml:13:13") != NULL;
    assert_true(shown);
    snprintf(copy, sizeof copy, "%s/packs/ui-broken.yaml", f->dir);
    assert_int_not_equal(stat(copy, &st), 0);

    /* The next launch finds the dropped pack in the player's folder. */
    app_destroy(app);
    app = f->app = open_app(f->dir, NULL, 0, 1280, 720);
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
static void check_inside(App *app, const char *scene, const SizeCase *c)
{
    refresh(app);
    int w = app->theme.out_w, h = app->theme.out_h;
    assert_int_equal(w, c->w);
    assert_int_equal(h, c->h);
    assert_true(app_widget_count(app) > 0);
    for (size_t i = 0; i < app_widget_count(app); i++) {
        const AppWidget *wd = app_widget(app, i);
        if (!inside(wd->rect, w, h))
            fail_msg("%s at %dx%d (font %d%%): \"%s\" at %d,%d %dx%d is outside", scene, w, h,
                     c->font_scale, wd->label, wd->rect.x, wd->rect.y, wd->rect.w, wd->rect.h);
        for (size_t k = i + 1; k < app_widget_count(app); k++) {
            const AppWidget *other = app_widget(app, k);
            bool both_buttons = !(wd->flags & WIDGET_DANGER) && !(other->flags & WIDGET_DANGER);
            if (both_buttons && wd->label[0] && other->label[0] &&
                SDL_HasIntersection(&wd->rect, &other->rect) && strcmp(scene, "packs") != 0 &&
                strcmp(scene, "progress") != 0)
                fail_msg("%s at %dx%d: \"%s\" overlaps \"%s\"", scene, w, h, wd->label,
                         other->label);
        }
    }
}

static void test_layout_fits_from_640x480_to_4k(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    for (size_t i = 0; i < SDL_arraysize(size_cases); i++) {
        const SizeCase *c = &size_cases[i];
        app->settings.font_scale = c->font_scale;
        app_apply_settings(app, false);
        app_test_resize(app, c->w, c->h);
        app_pump(app, 2);
        app_home(app);
        app_pump(app, 2);
        check_inside(app, "title", c);
        app->selection.pack[0] = true;
        app->scene_arg = PACKS_CHOOSE;
        app_go(app, SCENE_PACKS);
        app_pump(app, 2);
        /* The list rows are clipped to their view; its buttons must fit. */
        refresh(app);
        const AppWidget *cont = app_find_widget(app, "Continue");
        assert_non_null(cont);
        assert_true(inside(cont->rect, c->w, c->h));
        assert_true(inside(app_find_widget(app, "Back")->rect, c->w, c->h));
        app_go(app, SCENE_SETUP);
        app_pump(app, 2);
        check_inside(app, "setup", c);
        app_home(app);
        app_go(app, SCENE_SETTINGS);
        app_pump(app, 2);
        check_inside(app, "settings", c);
        app_home(app);
        app_go(app, SCENE_PROGRESS);
        app_pump(app, 2);
        refresh(app);
        assert_true(inside(app_find_widget(app, "Back")->rect, c->w, c->h));
    }
}

/* ---- persistence --------------------------------------------------------- */

static void test_settings_persist_across_launches(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    assert_int_equal(app->settings.font_scale, 100);
    refresh(app);
    click_widget(app, "Settings");
    key(app, SDLK_RIGHT); /* text size 100 -> 125 */
    key(app, SDLK_DOWN);
    key(app, SDLK_RETURN); /* reduced motion on */
    assert_int_equal(app->settings.font_scale, 125);
    assert_true(app->settings.reduced_motion);
    key(app, SDLK_ESCAPE);

    /* Round setup: questions 10 -> 20, scoring -> accuracy. */
    app->selection.pack[0] = true;
    app_go(app, SCENE_SETUP);
    app_pump(app, 2);
    refresh(app);
    click_widget(app, "Questions");
    assert_int_equal(app->settings.question_count, 20);
    click_widget(app, "Scoring");
    assert_int_equal(app->settings.scoring, SETUP_SCORING_ACCURACY);
    app_destroy(app);

    app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
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
    Fixture *f = *state;
    char blocked[128];
    snprintf(blocked, sizeof blocked, "%s/file", f->dir);
    FILE *fp = fopen(blocked, "w");
    assert_non_null(fp);
    fclose(fp);
    char data[160];
    snprintf(data, sizeof data, "%s/inside", blocked); /* a folder inside a file: impossible */
    App *app = f->app = open_app(data, ui_packs, 2, 800, 600);
    assert_null(app->store);
    assert_true(strstr(app->store_message, "not be saved") != NULL);
    refresh(app);
    click_widget(app, "Settings");
    key(app, SDLK_RIGHT); /* works, just not saved */
    assert_int_equal(app->settings.font_scale, 125);
    key(app, SDLK_ESCAPE);
    click_widget(app, "Progress");
    assert_int_equal(app_scene(app), SCENE_PROGRESS);
}

static void test_corrupt_database_is_reported_once(void **state)
{
    Fixture *f = *state;
    char db[128];
    snprintf(db, sizeof db, "%s/quizdeck.db", f->dir);
    FILE *fp = fopen(db, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 400; i++)
        fputs("this is not a database ", fp);
    fclose(fp);
    App *app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    assert_non_null(app->store); /* started fresh */
    refresh(app);
    bool told = false;
    for (size_t i = 0; i < app_widget_count(app); i++)
        told |= strstr(app_widget(app, i)->label, "could not be read") != NULL;
    assert_true(told);

    /* The next launch has nothing to say. */
    app_destroy(app);
    app = f->app = open_app(f->dir, ui_packs, 2, 1280, 720);
    refresh(app);
    for (size_t i = 0; i < app_widget_count(app); i++)
        assert_null(strstr(app_widget(app, i)->label, "could not be read"));
}

/* ---- text ------------------------------------------------------------- */

static void test_arabic_pack_is_right_to_left(void **state)
{
    Fixture *f = *state;
    App *app = f->app = open_app(f->dir, ui_packs, 1, 1280, 720);
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
    app_pump(app, 1);
    click_widget(app, "Packs");
    refresh(app);
    assert_non_null(app_find_widget(app, p->title));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_title_packs_setup_and_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mouse_opens_settings_and_back_pill, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gamepad_navigates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_ring_follows_the_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shipped_packs_are_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_continue_is_clickable_over_a_long_list, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_notice_is_put_away_by_the_next_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_pack_is_listed_with_its_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_builds_a_round_from_the_ticked_topic, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dropped_pack_is_added_and_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_layout_fits_from_640x480_to_4k, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_persist_across_launches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_store_still_plays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_database_is_reported_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arabic_pack_is_right_to_left, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
