/* test_ui_reload.c - reloading the packs never stops the game: Reload on
 * the Packs screen loads the set again in the worker thread while the loop
 * goes on handling keys, the packs in use stay there meanwhile, the
 * progress shows in the notice strip, and the new pack appears once the
 * load is done; a reload in the middle of a round leaves the round as it
 * was. Read app_packs.c (loading, reloading) and ui_driver.h first.
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
#include "ui_driver.h"
#include "widgets.h"

/* Long enough to parse (it is new: no cache entry) that a few keys are
 * handled well before it is in. */
enum { BIG_QUESTIONS = 30000 };

/* The player's folder with one small pack in it, and the game on it. */
static App *start_with_small_pack(UiDriver *d, int questions)
{
    assert_int_equal(mkdir(d->packs, 0755), 0);
    char path[UI_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/small.yaml", d->packs);
    ui_write_big_pack(path, "small", "A small pack", questions);
    App *app = ui_start(d, NULL, 0, 1280, 720);
    assert_int_equal(app->packs.pack_count, 1);
    assert_non_null(pack_set_find(&app->packs, "small"));
    return app;
}

/* A big pack the next reload will find in the player's folder. */
static void add_big_pack(UiDriver *d)
{
    char path[UI_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/big.yaml", d->packs);
    ui_write_big_pack(path, "big", "The big pack", BIG_QUESTIONS);
}

/* The label of the widget that has the focus ("" when none). */
static void focused(UiDriver *d, char *out, size_t size)
{
    ui_refresh(d);
    out[0] = '\0';
    for (size_t i = 0; i < app_widget_count(d->app); i++)
        if (app_widget(d->app, i)->flags & WIDGET_FOCUSED)
            snprintf(out, size, "%s", app_widget(d->app, i)->label);
}

/* Reload on the Packs screen: the loop answers keys while the big pack is
 * read, with the old set still listed and the progress in view; then the
 * big pack is listed too, and the notice says so. */
static void test_reload_keeps_the_loop_going(void **state)
{
    UiDriver *d = *state;
    App *app = start_with_small_pack(d, 1);
    ui_go(d, SCENE_PACKS, &(SceneArg){.packs = PACKS_BROWSE});
    assert_true(ui_shows(d, "A small pack"));
    add_big_pack(d);

    ui_click(d, "Reload");
    assert_true(app_packs_reloading(app));
    assert_false(app_packs_loading(app)); /* the set in use stays usable */
    assert_non_null(pack_set_find(&app->packs, "small"));
    assert_null(pack_set_find(&app->packs, "big"));

    /* A key moves the focus, and the reload is still running: the event
     * was handled while it read, not after. */
    char before[sizeof app->widgets[0].label], after[sizeof app->widgets[0].label];
    focused(d, before, sizeof before);
    ui_key(d, SDLK_TAB);
    focused(d, after, sizeof after);
    assert_string_not_equal(before, after);
    assert_true(app_packs_reloading(app));
    assert_int_equal(app_scene(app), SCENE_PACKS);
    /* The key moved the clock past the quiet time: the progress shows. */
    assert_non_null(ui_find_prefix(d, "Loading packs\xE2\x80\xA6"));
    assert_true(ui_shows(d, "A small pack"));

    ui_wait_packs(d);
    assert_false(app_packs_reloading(app));
    const Pack *big = pack_set_find(&app->packs, "big");
    assert_non_null(big);
    assert_int_equal(big->question_count, BIG_QUESTIONS);
    assert_non_null(pack_set_find(&app->packs, "small"));
    assert_int_equal(app->packs.pack_count, 2);
    assert_true(ui_shows(d, "The big pack"));
    assert_true(ui_shows(d, "Packs reloaded: 2 packs."));
    assert_null(ui_find_prefix(d, "Loading packs\xE2\x80\xA6"));
}

/* A reload during a round (a replaced or removed pack reloads from any
 * screen) neither moves nor changes the round: the same question is up,
 * and answering it goes on as before. */
static void test_reload_leaves_a_round_alone(void **state)
{
    UiDriver *d = *state;
    App *app = start_with_small_pack(d, 3);
    const char *const ids[] = {"q1", "q2"};
    ui_start_round(d, "small", ids, 2, ROUND_TIME_OFF, 0);
    int64_t round_id = app->quiz.round_id;
    add_big_pack(d);

    app_packs_reload(app, NULL);
    assert_true(app_packs_reloading(app));
    ui_pump(d);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    ui_wait_packs(d);
    assert_non_null(pack_set_find(&app->packs, "big"));
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_string_equal(ui_asked(d), "q1");

    ui_click(d, "second 1"); /* the right one, wherever the shuffle put it */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_int_equal(ui_stored_answers(d, round_id), 1);
    assert_true(ui_first_answer(d, round_id).correct);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reload_keeps_the_loop_going, ui_setup, ui_teardown),
        cmocka_unit_test_setup_teardown(test_reload_leaves_a_round_alone, ui_setup, ui_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
