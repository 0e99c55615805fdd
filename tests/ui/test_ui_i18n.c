/* test_ui_i18n.c - the interface in Arabic, as a student would meet it:
 * switched in Settings, the layout mirrors (the back pill and the title
 * menu's side-by-side buttons change sides, clicks land on what the window
 * shows), the words are Arabic, the choice is kept for that learner and
 * another learner keeps English; and English is exactly as it was.
 *
 * Driven through the real loop by the UI driver (tests/support/ui_driver.h)
 * with the build tree's catalogue (ctest sets QUIZDECK_LOCALE_DIR and
 * LANGUAGE=en, so the desktop is English).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "ui_driver.h"
#include "widgets.h"

#define UI_DATA QUIZDECK_TEST_DATA "/ui"

static const char *const ui_packs[] = {UI_DATA "/good"};

/* The Settings row names itself in both languages. */
#define LANGUAGE_ROW_EN "Language \xC2\xB7 \xD8\xA7\xD9\x84\xD9\x84\xD8\xBA\xD8\xA9"
#define LANGUAGE_ROW_AR "\xD8\xA7\xD9\x84\xD9\x84\xD8\xBA\xD8\xA9 \xC2\xB7 Language"
#define AR_BACK         "\xD8\xB1\xD8\xAC\xD9\x88\xD8\xB9" /* رجوع */
#define AR_SETTINGS                                                                                \
    "\xD8\xA7\xD9\x84\xD8\xA5\xD8\xB9\xD8\xAF\xD8\xA7\xD8\xAF\xD8\xA7\xD8\xAA" /* الإعدادات */
#define AR_LEARNERS                                                                                \
    "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD8\xB9\xD9\x84\xD9\x85\xD9\x88\xD9\x86" /* المتعلمون */
#define AR_QUIT "\xD8\xAE\xD8\xB1\xD9\x88\xD8\xAC"                             /* خروج */
#define AR_PLAY "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA8 \xD8\xAC\xD9\x88\xD9\x84\xD8\xA9" /* العب جولة */

static SDL_Rect rect_of(UiDriver *d, const char *label)
{
    const AppWidget *w = ui_find(d, label);
    assert_non_null(w);
    return w->rect;
}

/* Settings > Language, from the title, by mouse. */
static void switch_language(UiDriver *d, const char *settings, const char *row, const char *back)
{
    ui_click(d, settings);
    assert_int_equal(app_scene(d->app), SCENE_SETTINGS);
    ui_click(d, row);
    ui_refresh(d);
    ui_click(d, back);
    assert_int_equal(app_scene(d->app), SCENE_TITLE);
    ui_refresh(d);
}

static void test_arabic_mirrors_the_layout(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 1, 1280, 720);
    int w = app->theme.out_w;
    assert_false(app->theme.rtl);
    /* English: the back pill at the top right, Learners left of Quit. */
    SDL_Rect learners_en = rect_of(d, "Learners"), quit_en = rect_of(d, "Quit");
    assert_true(learners_en.x < quit_en.x);
    ui_click(d, "Settings");
    SDL_Rect back_en = rect_of(d, "Back");
    assert_true(back_en.x > w / 2);
    ui_click(d, "Back");

    switch_language(d, "Settings", LANGUAGE_ROW_EN, AR_BACK);
    assert_true(app->theme.rtl);
    assert_string_equal(i18n_language(), "ar");
    /* The words are Arabic, the focus is where it was, and the menu's row
     * of three reads right to left: Learners at the right, Quit at the left. */
    assert_non_null(ui_find(d, AR_PLAY));
    assert_null(ui_find(d, "Play a round"));
    SDL_Rect learners = rect_of(d, AR_LEARNERS), quit = rect_of(d, AR_QUIT);
    assert_true(learners.x > quit.x);
    assert_int_equal(learners.x, w - learners_en.x - learners_en.w);
    assert_int_equal(quit.x, w - quit_en.x - quit_en.w);

    /* The back pill moved to the top left, exactly mirrored, and its words
     * are drawn there. */
    ui_click(d, AR_SETTINGS);
    SDL_Rect back = rect_of(d, AR_BACK);
    assert_true(back.x < w / 2);
    assert_int_equal(back.x, w - back_en.x - back_en.w);
    assert_int_equal(back.y, back_en.y);
    ui_refresh(d);
    SDL_Color bg = ui_pixel(d, 1, 1);
    assert_true(ui_ink(d, back, bg, 60) > 0);
    /* A real click on what the window shows goes back. */
    ui_click_at(d, back.x + back.w / 2, back.y + back.h / 2);
    assert_int_equal(app_scene(app), SCENE_TITLE);

    /* The arrow keys follow the screen: Left from Learners (now at the
     * right) moves to a button on its left. */
    ui_tab_to(d, AR_LEARNERS);
    assert_true(ui_find(d, AR_LEARNERS)->flags & WIDGET_FOCUSED);
    ui_key(d, SDLK_LEFT);
    const AppWidget *focused = NULL;
    for (size_t i = 0; i < app_widget_count(app); i++)
        if (app_widget(app, i)->flags & WIDGET_FOCUSED)
            focused = app_widget(app, i);
    assert_non_null(focused);
    assert_true(focused->rect.x < learners.x); /* left on the screen */

    /* Back to English: everything where it was. */
    switch_language(d, AR_SETTINGS, LANGUAGE_ROW_AR, "Back");
    assert_false(app->theme.rtl);
    SDL_Rect again = rect_of(d, "Learners");
    assert_int_equal(again.x, learners_en.x);
    assert_int_equal(again.w, learners_en.w);
}

static void test_the_choice_belongs_to_the_learner(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 1, 1280, 720);
    switch_language(d, "Settings", LANGUAGE_ROW_EN, AR_BACK);
    assert_int_equal(app->settings.language, UI_LANGUAGE_ARABIC);
    ui_close(d);

    /* The next launch opens in Arabic for this learner. */
    app = ui_start(d, ui_packs, 1, 1280, 720);
    assert_true(app->theme.rtl);
    assert_non_null(ui_find(d, AR_PLAY));

    /* A new learner who never chose follows the desktop: English. */
    int64_t other = 0;
    assert_int_equal(store_profile_add(app->store, "Omar", 1, &other, NULL), STORE_OK);
    app_set_profile(app, other);
    ui_refresh(d);
    assert_false(app->theme.rtl);
    assert_non_null(ui_find(d, "Play a round"));
}

static void test_arabic_indic_digits_are_a_setting(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 1, 1280, 720);
    assert_string_equal(ui_format_int(1234).text, "1,234");
    app->settings.arabic_digits = true;
    app_apply_settings(app, true);
    assert_string_equal(ui_format_int(1234).text, "\xD9\xA1\xD9\xAC\xD9\xA2\xD9\xA3\xD9\xA4");
    char pct[32] = "92 %";
    ui_localize_digits(pct, sizeof pct);
    assert_string_equal(pct, "\xD9\xA9\xD9\xA2 %");
    /* A text cut where it no longer fits never ends in half a digit. */
    char small[4] = "12";
    ui_localize_digits(small, sizeof small);
    assert_string_equal(small, "\xD9\xA1");
    app->settings.arabic_digits = false;
    app_apply_settings(app, true);
    assert_string_equal(ui_format_int(1234).text, "1,234");
}

/* The menus fit their window in Arabic too, at both sizes. */
static void test_arabic_screens_fit(void **state)
{
    UiDriver *d = *state;
    static const struct {
        int w, h;
    } sizes[] = {{1280, 720}, {800, 600}};
    static const SceneId scenes[] = {SCENE_TITLE, SCENE_SETTINGS};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        App *app = ui_start(d, ui_packs, 1, sizes[s].w, sizes[s].h);
        app->settings.language = UI_LANGUAGE_ARABIC;
        app_apply_settings(app, false);
        for (size_t i = 0; i < sizeof scenes / sizeof scenes[0]; i++) {
            ui_go(d, scenes[i], NULL);
            ui_assert_fits(d, "arabic", 0, true);
        }
        ui_close(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_arabic_mirrors_the_layout),
        UI_TEST(test_the_choice_belongs_to_the_learner),
        UI_TEST(test_arabic_indic_digits_are_a_setting),
        UI_TEST(test_arabic_screens_fit),
    };
    return ui_run_tests(tests);
}
