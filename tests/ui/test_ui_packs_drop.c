/* test_ui_packs_drop.c - headless tests of a file dropped on the window and
 * of what the Packs and Choose-packs screens show of broken files.
 *
 * Each test drives the real loop through the UI driver
 * (tests/support/ui_driver.h, read it first) on a fresh data folder, drops
 * files as SDL_DROPFILE events and checks what the player sees (the
 * notice, the rows) and what lands in the packs folder.
 */
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
#include "pack_set.h"
#include "ui_driver.h"
#include "widgets.h"

#define UI_DATA QUIZDECK_TEST_DATA "/ui"

static const char *const ui_packs[] = {UI_DATA "/good", UI_DATA "/bad"};

static const char pack_text[] = "format: 1\n"
                                "id: %s\n"
                                "title: \"Dropped %s\"\n"
                                "questions:\n"
                                "  - id: q1\n"
                                "    type: truefalse\n"
                                "    prompt: \"Dropped packs load again.\"\n"
                                "    answer: true\n";

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static void write_pack(const char *path, const char *id)
{
    char text[600];
    snprintf(text, sizeof text, pack_text, id, id);
    write_text(path, text);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A valid pack named x.txt, or with no extension at all, is copied under a
 * name the packs folder loads, and is there at the next launch. */
static void test_drop_txt_and_no_extension_load_again(void **state)
{
    UiDriver *d = *state;
    ui_start(d, ui_packs, 2, 1280, 720);
    char src[200], copy[200];
    snprintf(src, sizeof src, "%s/x.txt", d->dir);
    write_pack(src, "drop-txt");
    ui_drop(d, src);
    assert_non_null(pack_set_find(&d->app->packs, "drop-txt"));
    assert_true(ui_shows(d, "drop-txt.yaml"));
    snprintf(src, sizeof src, "%s/plain", d->dir);
    write_pack(src, "drop-plain");
    ui_drop(d, src);
    assert_non_null(pack_set_find(&d->app->packs, "drop-plain"));
    snprintf(copy, sizeof copy, "%s/drop-txt.yaml", d->packs);
    assert_true(exists(copy));
    snprintf(copy, sizeof copy, "%s/drop-plain.yaml", d->packs);
    assert_true(exists(copy));

    App *app = ui_start(d, NULL, 0, 1280, 720);
    assert_non_null(pack_set_find(&app->packs, "drop-txt"));
    assert_non_null(pack_set_find(&app->packs, "drop-plain"));
}

/* The k-th file (from 1) holding a name a dropped clash.yaml would get:
 * clash.yaml, clash-2.yaml, ...; and the id of the other pack in it. */
static void clash_file(const UiDriver *d, int k, char *path, size_t size, char *id, size_t id_size)
{
    if (k == 1)
        snprintf(path, size, "%s/clash.yaml", d->packs);
    else
        snprintf(path, size, "%s/clash-%d.yaml", d->packs, k);
    snprintf(id, id_size, "other-%d", k);
}

/* A hundred files already hold the names a dropped pack would get (other
 * packs, of other ids): the copy takes the next free one and every one of
 * them is left as it was. */
static void test_drop_with_100_clashing_names_overwrites_nothing(void **state)
{
    UiDriver *d = *state;
    assert_int_equal(mkdir(d->packs, 0755), 0);
    char path[200], text[600], id[40];
    for (int k = 1; k <= 100; k++) {
        clash_file(d, k, path, sizeof path, id, sizeof id);
        write_pack(path, id);
    }
    App *app = ui_start(d, NULL, 0, 1280, 720);
    assert_int_equal(app->packs.pack_count, 100);
    char src[200];
    snprintf(src, sizeof src, "%s/clash.yaml", d->dir);
    write_pack(src, "clash");
    ui_drop(d, src);
    assert_non_null(pack_set_find(&app->packs, "clash"));
    assert_true(ui_shows(d, "clash-101.yaml"));
    for (int k = 1; k <= 100; k++) {
        clash_file(d, k, path, sizeof path, id, sizeof id);
        snprintf(text, sizeof text, pack_text, id, id);
        char got[600] = "";
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        size_t n = fread(got, 1, sizeof got - 1, fp);
        fclose(fp);
        got[n] = '\0';
        assert_string_equal(got, text);
    }
}

/* A FIFO named like a pack is refused at once: the game goes on. */
static void test_drop_fifo_does_not_hang(void **state)
{
    UiDriver *d = *state;
    ui_start(d, ui_packs, 2, 1280, 720);
    char fifo[200];
    snprintf(fifo, sizeof fifo, "%s/pipe.yaml", d->dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    alarm(20); /* a hang kills the test rather than the suite's time */
    ui_drop(d, fifo);
    alarm(0);
    assert_true(ui_shows(d, "pipe.yaml was not added"));
    assert_true(ui_shows(d, "FIFO"));
    ui_key(d, SDLK_DOWN);
    assert_int_equal(app_scene(d->app), SCENE_TITLE);
}

/* A control character in a file name is drawn as a visible symbol, in the
 * notice and on the Packs screen's row for the broken file. */
static void test_control_character_is_shown_visibly(void **state)
{
    UiDriver *d = *state;
    char folder[200], bad[240];
    snprintf(folder, sizeof folder, "%s/shelf", d->dir);
    assert_int_equal(mkdir(folder, 0755), 0);
    snprintf(bad, sizeof bad, "%s/bad\x1bname.yaml", folder);
    write_text(bad, "format: 1\nid: [\n");
    const char *paths[] = {folder};
    ui_start(d, paths, 1, 1280, 720);
    ui_drop(d, bad);
    assert_true(ui_shows(d, "bad\xE2\x90\x9Bname.yaml was not added"));
    assert_false(ui_shows(d, "bad\x1bname"));
    ui_key(d, SDLK_ESCAPE); /* the notice goes */
    ui_click(d, "Packs");
    assert_int_equal(app_scene(d->app), SCENE_PACKS);
    assert_true(ui_shows(d, "bad\xE2\x90\x9Bname.yaml"));
    assert_false(ui_shows(d, "bad\x1bname"));
}

/* Broken packs are rows on Packs, not on the student's Choose screen,
 * which has one line saying some could not be loaded. */
static void test_broken_packs_absent_from_choose(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, ui_packs, 2, 1280, 720);
    assert_int_equal(app->packs.failure_count, 1);
    ui_go(d, SCENE_PACKS, &(SceneArg){.packs = PACKS_BROWSE});
    assert_true(ui_shows(d, "not loaded"));
    ui_go(d, SCENE_PACKS, &(SceneArg){.packs = PACKS_CHOOSE});
    assert_false(ui_shows(d, "not loaded"));
    assert_true(ui_shows(d, "could not be loaded"));
}

/* Dropped again with the same id, a pack replaces the file in the packs
 * folder once the player says so: the old file goes to removed/, the new
 * questions are there, and what the learner ticked (by id) stays ticked. */
static void test_drop_same_id_asks_and_replaces(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, NULL, 0, 1280, 720);
    char src[200], removed[240];
    snprintf(src, sizeof src, "%s/same.yaml", d->dir);
    write_pack(src, "same");
    ui_drop(d, src);
    assert_non_null(pack_set_find(&app->packs, "same"));
    app->selection.pack[0] = true;
    app_selection_save(app, APP_SELECTION_PLAY);

    char text[900];
    snprintf(text, sizeof text, pack_text, "same", "same");
    strcat(text, "  - id: q2\n    type: truefalse\n    prompt: \"A second one.\"\n"
                 "    answer: false\n");
    write_text(src, text);
    ui_drop(d, src);
    assert_true(app_asking(app));
    assert_int_equal(pack_set_find(&app->packs, "same")->question_count, 1);
    ui_click(d, "Replace");
    ui_wait_packs(d); /* the set is loaded again in the background */
    assert_false(app_asking(app));
    const Pack *now = pack_set_find(&app->packs, "same");
    assert_non_null(now);
    assert_int_equal(now->question_count, 2);
    assert_int_equal(app->packs.pack_count, 1);
    assert_true(app->selection.pack[0]);
    snprintf(removed, sizeof removed, "%s/removed/same.yaml", d->packs);
    assert_true(exists(removed));

    /* So is the next launch: one pack, two questions, still ticked. */
    app = ui_start(d, NULL, 0, 1280, 720);
    assert_int_equal(pack_set_find(&app->packs, "same")->question_count, 2);
    assert_true(app->selection.pack[0]);
}

/* A pack that failed to load, fixed and dropped again, takes the broken
 * file's place (asked first) and is no longer listed as broken. */
static void test_fixed_pack_replaces_its_broken_file(void **state)
{
    UiDriver *d = *state;
    assert_int_equal(mkdir(d->packs, 0755), 0);
    char broken[200], src[200], removed[240];
    snprintf(broken, sizeof broken, "%s/fixme.yaml", d->packs);
    write_text(broken, "format: 1\nid: fixme\ntitle: [\n");
    App *app = ui_start(d, NULL, 0, 1280, 720);
    assert_int_equal(app->packs.failure_count, 1);
    snprintf(src, sizeof src, "%s/fixme.yaml", d->dir);
    write_pack(src, "fixme");
    ui_drop(d, src);
    assert_true(app_asking(app));
    ui_click(d, "Replace");
    ui_wait_packs(d); /* the set is loaded again in the background */
    assert_non_null(pack_set_find(&app->packs, "fixme"));
    assert_int_equal(app->packs.failure_count, 0);
    snprintf(removed, sizeof removed, "%s/removed/fixme.yaml", d->packs);
    assert_true(exists(removed));
}

/* Delete on a pack of the packs folder, confirmed, moves its file into
 * removed/ (never deletes it) and the pack is gone from the list. */
static void test_remove_moves_the_file_aside(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, NULL, 0, 1280, 720);
    char src[200], copy[240], removed[240];
    snprintf(src, sizeof src, "%s/gone.yaml", d->dir);
    write_pack(src, "gone");
    ui_drop(d, src);
    assert_non_null(pack_set_find(&app->packs, "gone"));
    ui_go(d, SCENE_PACKS, &(SceneArg){.packs = PACKS_BROWSE});
    assert_true(ui_shows(d, d->packs)); /* where the folder is */
    ui_key(d, SDLK_DELETE);
    assert_true(app_asking(app));
    ui_click(d, "Remove");
    ui_wait_packs(d);
    assert_null(pack_set_find(&app->packs, "gone"));
    snprintf(copy, sizeof copy, "%s/gone.yaml", d->packs);
    snprintf(removed, sizeof removed, "%s/removed/gone.yaml", d->packs);
    assert_false(exists(copy));
    assert_true(exists(removed));
}

/* Three hundred packs, more than the 256 widgets a Nav holds: the keys
 * reach every one of them on the Choose screen. */
static void test_300_packs_all_reachable(void **state)
{
    UiDriver *d = *state;
    char folder[200], path[260], id[40];
    snprintf(folder, sizeof folder, "%s/many", d->dir);
    assert_int_equal(mkdir(folder, 0755), 0);
    for (int k = 0; k < 300; k++) {
        snprintf(id, sizeof id, "many-%03d", k);
        snprintf(path, sizeof path, "%s/%s.yaml", folder, id);
        write_pack(path, id);
    }
    const char *paths[] = {folder};
    App *app = ui_start(d, paths, 1, 1280, 720);
    assert_int_equal(app->packs.pack_count, 300);
    ui_go(d, SCENE_PACKS, &(SceneArg){.packs = PACKS_CHOOSE});
    for (int k = 0; k < 299; k++)
        ui_key(d, SDLK_DOWN);
    ui_refresh(d);
    const AppWidget *last = ui_find(d, "Dropped many-299");
    assert_non_null(last);
    assert_true(last->flags & WIDGET_FOCUSED);
    ui_key(d, SDLK_SPACE);
    assert_true(app->selection.pack[299]);
    /* And back up to the first. */
    for (int k = 0; k < 299; k++)
        ui_key(d, SDLK_UP);
    ui_refresh(d);
    const AppWidget *first = ui_find(d, "Dropped many-000");
    assert_non_null(first);
    assert_true(first->flags & WIDGET_FOCUSED);
}

/* A question bank in another format (GIFT here) is imported, the same way
 * as `quizdeck --import`, and added under a loadable name. */
static void test_drop_gift_is_imported(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, NULL, 0, 1280, 720);
    char src[200], copy[240];
    snprintf(src, sizeof src, "%s/capitals.gift", d->dir);
    write_text(src, "::Q1:: Paris is the capital of France. {T}\n\n"
                    "::Q2:: What is the capital of Italy? {=Rome ~Milan ~Turin}\n");
    ui_drop(d, src);
    const Pack *p = pack_set_find(&app->packs, "capitals");
    assert_non_null(p);
    assert_int_equal(p->question_count, 2);
    assert_true(ui_shows(d, "capitals.yaml"));
    snprintf(copy, sizeof copy, "%s/capitals.yaml", d->packs);
    assert_true(exists(copy));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_drop_txt_and_no_extension_load_again),
        UI_TEST(test_drop_with_100_clashing_names_overwrites_nothing),
        UI_TEST(test_drop_fifo_does_not_hang),
        UI_TEST(test_control_character_is_shown_visibly),
        UI_TEST(test_broken_packs_absent_from_choose),
        UI_TEST(test_drop_same_id_asks_and_replaces),
        UI_TEST(test_fixed_pack_replaces_its_broken_file),
        UI_TEST(test_remove_moves_the_file_aside),
        UI_TEST(test_300_packs_all_reachable),
        UI_TEST(test_drop_gift_is_imported),
    };
    return ui_run_tests(tests);
}
