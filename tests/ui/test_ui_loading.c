/* test_ui_loading.c - the packs load behind the first frame: a big pack
 * never keeps the title from showing, its progress is drawn meanwhile, the
 * pack is there once the load is done, and closing the game mid-load does
 * not hang. Read app_packs.c (loading) and ui_driver.h first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "ui_driver.h"
#include "widgets.h"

#define UI_DATA QUIZDECK_TEST_DATA "/ui"

enum { BIG_QUESTIONS = 40000 };

/* The big pack written into the test's folder, and the game opened on it
 * without waiting for its packs (ui_launch). The path is the App's to read
 * as long as it runs. */
static App *launch_on_a_big_pack(UiDriver *d)
{
    static char path[UI_PATH_MAX + 16];
    static const char *const paths[] = {path};
    snprintf(path, sizeof path, "%s/big.yaml", d->dir);
    /* Long enough to parse that the first frame comes well before it is
     * read. */
    ui_write_big_pack(path, "big-pack", "A big pack", BIG_QUESTIONS);
    App *app = ui_launch(d, paths, 1, 1280, 720);
    assert_non_null(app);
    return app;
}

static void test_first_frame_does_not_wait_for_a_big_pack(void **state)
{
    UiDriver *d = *state;
    App *app = launch_on_a_big_pack(d);
    /* The title is up before the pack is read, with the progress line. */
    assert_true(app_packs_loading(app));
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_non_null(ui_find(d, "Progress"));
    const AppWidget *line = ui_find_prefix(d, "Loading packs");
    assert_non_null(line);
    assert_null(pack_set_find(&app->packs, "big-pack"));
    /* Play a round waits politely: it stays on the title. */
    ui_click(d, "Play a round");
    assert_int_equal(app_scene(app), SCENE_TITLE);

    ui_wait_packs(d);
    assert_false(app_packs_loading(app));
    const Pack *big = pack_set_find(&app->packs, "big-pack");
    assert_non_null(big);
    assert_int_equal(big->question_count, BIG_QUESTIONS);
    assert_null(ui_find_prefix(d, "Loading packs"));
    assert_true(ui_shows(d, "1 pack loaded"));
}

static void test_a_pack_dropped_during_the_load_joins_the_set(void **state)
{
    UiDriver *d = *state;
    App *app = launch_on_a_big_pack(d);
    assert_true(app_packs_loading(app));
    ui_drop(d, UI_DATA "/drop/ui-dropped.yaml");
    ui_wait_packs(d);
    assert_non_null(pack_set_find(&app->packs, "big-pack"));
    assert_non_null(pack_set_find(&app->packs, "ui-dropped"));
    assert_int_equal(app->packs.pack_count, 2);
}

static void test_closing_during_the_load_does_not_hang(void **state)
{
    UiDriver *d = *state;
    alarm(30); /* a hang fails the test instead of stalling the suite */
    launch_on_a_big_pack(d);
    assert_true(app_packs_loading(d->app));
    ui_close(d);
    alarm(0);
    assert_null(d->app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_first_frame_does_not_wait_for_a_big_pack),
        UI_TEST(test_a_pack_dropped_during_the_load_joins_the_set),
        UI_TEST(test_closing_during_the_load_does_not_hang),
    };
    return ui_run_tests(tests);
}
