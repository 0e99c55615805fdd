/* app_private.h - what the App's own files share and nobody else uses:
 * app.c (the loop, scene switching, creation), app_settings.c,
 * app_store.c, app_packs.c, app_notice.c and app_test.c. Scenes and tests
 * include app.h only.
 */
#ifndef QUIZDECK_APP_PRIVATE_H
#define QUIZDECK_APP_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"

/* ---- app.c ------------------------------------------------------------- */

/* The loop's clock: the test clock when one is set, else SDL's. */
uint64_t app_clock_ms(const App *app);

/* Draws the whole frame (scene, then notice) without presenting it. */
void app_draw_frame(App *app);

/* Takes a new window size: the theme's scale and the pointer ratio. */
void app_resized(App *app);

/* ---- app_settings.c ---------------------------------------------------- */

/* app->settings from the store for the current learner (defaults without
 * a store or for a new learner). Does not apply them. */
void app_load_settings(App *app);

/* ---- app_store.c ------------------------------------------------------- */

/* Opens the store in app->data_dir and picks the learner; without one,
 * app->store is NULL and app->store_message says why. */
void app_open_store(App *app);

/* app->resume: the current learner's newest unfinished round, unless they
 * already chose not to take it up. */
void app_find_resume(App *app);

/* ---- app_packs.c ------------------------------------------------------- */

/* Grows app->selection to the pack set (new packs unticked). */
void app_selection_sync(App *app);

/* Frees the selection; it is zeroed. */
void app_selection_free(Selection *selection);

/* Is there a folder at path? */
bool app_is_dir(const char *path);

/* mkdir -p; true when the folder exists afterwards. */
bool app_make_dir(const char *path);

/* Moves a file of the player's packs folder into its removed/ folder under
 * a name no file there has; the new path goes to moved. (app_packs.c) */
bool app_move_aside(const App *app, const char *path, char *moved, size_t moved_size);

/* While a reload runs, its progress line in the notice strip; the loop
 * calls it every iteration. */
void app_packs_tick(App *app);

/* Frees a drop waiting for its answer (app_drop.c). */
void app_drop_free(App *app);

/* ---- app_dialog.c ------------------------------------------------------ */

/* Gives the event to the question app_ask put, when one is up: true then
 * (it is modal), false when none is. */
bool app_dialog_event(App *app, const UiEvent *event);

/* Draws it over the scene, when one is up. */
void app_draw_dialog(App *app);

/* Frees it (app_destroy). */
void app_dialog_free(App *app);

/* ---- app_notice.c ------------------------------------------------------ */

/* Draws the notice banner, when one is up. */
void app_draw_notice(App *app);

/* Takes the notice's strip off the bottom of the theme's window (after
 * theme_update), when one is up: app_resized calls it. */
void app_notice_layout(App *app);

/* Every event before the scene sees it: a key or click puts away a
 * notice that has been up long enough to read. */
void app_notice_input(App *app, const SDL_Event *e);

#endif
