/* ui_driver.h - drives the real game for the headless UI tests.
 *
 * A UiDriver is one test's fixture and hands: a fresh data folder (so the
 * store starts empty), the App opened on it through app_create, and the
 * player's inputs pushed as real SDL events (keys, typed text, the IME,
 * mouse, wheel, gamepad) through the one loop, which runs a few iterations
 * after each (app_pump). Widgets are found by the label they recorded in
 * the last frame (app_find_widget), and pixels are read back from the
 * renderer, so a test checks what a player would see.
 *
 * Two kinds of calls. Most only do what they say and report what they
 * found (NULL, false). Those marked "fails the test" call cmocka's
 * fail_msg with a message instead of returning nothing: use them only
 * inside a running cmocka test, never in a forked child (test_ui_crash.c
 * plays with the others).
 *
 *     static void test_x(void **state)
 *     {
 *         UiDriver *d = *state;   // ui_setup made it
 *         assert_non_null(ui_open(d, packs, 1, 1280, 720));
 *         ui_click(d, "Play a round");
 *         ui_key(d, SDLK_RETURN);
 *         assert_int_equal(app_scene(d->app), SCENE_PACKS);
 *     }
 *
 *     int main(void)
 *     {
 *         const struct CMUnitTest tests[] = {UI_TEST(test_x)};
 *         return ui_run_tests(tests);
 *     }
 *
 * The play tests share one pack (UI_PLAY_PACK_ID) and its steps: open it
 * (ui_open_play), start a round of named questions (ui_play_round), answer
 * right or wrong (ui_answer, ui_next, ui_answer_all), read back what the
 * store kept (ui_read_round).
 *
 * Read app.h ("for tests") first: the driver is built on that seam.
 */
#ifndef QUIZDECK_UI_DRIVER_H
#define QUIZDECK_UI_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "app.h"
#include "round.h"
#include "store.h"
#include "store_query.h"

enum {
    UI_PUMP = 4, /* loop iterations after each input: events, update, draw */
    UI_PATH_MAX = 64,
    /* The game runs on the test's clock (app_test_set_clock), which only
     * moves when the test says so: each input moves it on by UI_PACE_MS
     * first, a brisk player's pace and longer than the guard a new screen
     * puts on input (APP_INPUT_GUARD_MS). Tests of timing set the clock
     * themselves or set hold_clock. */
    UI_PACE_MS = 400,
};

typedef struct UiDriver {
    App *app;                    /* the game under test; NULL when closed */
    char dir[UI_PATH_MAX];       /* the test's data folder: the store lives here */
    char packs[UI_PATH_MAX + 8]; /* dir/packs: the player's own packs folder */
    bool hold_clock;             /* true: inputs do not move the clock */
} UiDriver;

/* ---- the fixture --------------------------------------------------------- */

/* Makes a fresh, empty data folder under /tmp for d (zeroing it first).
 * False when no folder could be made. */
bool ui_fixture_open(UiDriver *d);

/* Closes the App if it is open and removes the data folder and all in it. */
void ui_fixture_close(UiDriver *d);

/* Writes a valid pack of `questions` choice questions at path (the test
 * fails when it cannot): large enough, in the tens of thousands, that
 * parsing it takes longer than the loop needs to handle a few events. */
void ui_write_big_pack(const char *path, const char *id, const char *title, int questions);

/* cmocka setup and teardown: a UiDriver with a fresh folder in *state, and
 * everything closed and removed after the test, even when it failed. */
int ui_setup(void **state);
int ui_teardown(void **state);

struct CMUnitTest; /* cmocka.h, included before this header */

/* A UI test in a cmocka table: the function run on a fresh fixture. */
#define UI_TEST(test) cmocka_unit_test_setup_teardown(test, ui_setup, ui_teardown)

/* A UI test program's main: runs the table of tests headless (SDL's dummy
 * video and audio drivers and the software renderer, unless the
 * environment names others) and shuts SDL down after. Returns the number
 * of tests that failed, for main to return. */
#define ui_run_tests(tests) ui_run_group(#tests, tests, sizeof(tests) / sizeof((tests)[0]))
int ui_run_group(const char *name, const struct CMUnitTest *tests, size_t count);

/* Sets the headless drivers above, unless the environment names others:
 * for a program that runs the App outside ui_run_tests (a forked child). */
void ui_headless(void);

/* ---- the App ------------------------------------------------------------- */

/* Opens the game on the fixture's folder as a player would start it: the
 * packs at pack_paths (then the player's packs folder), a hidden window of
 * w x h pixels (0 = 1280 x 720), then a few loop iterations. Returns
 * d->app, or NULL when the App could not start. */
App *ui_open(UiDriver *d, const char *const *pack_paths, size_t count, int w, int h);

/* As ui_open, without waiting for the packs: the first frame (one loop
 * iteration) is drawn and the packs may still be loading behind it. The
 * pack_paths must stay valid while the App lives. */
App *ui_launch(UiDriver *d, const char *const *pack_paths, size_t count, int w, int h);

/* Pumps until the App's pack load is done, the first (ui_open calls it, so
 * every test starts with its packs loaded) or a reload (Reload, Replace,
 * Remove load the set again in the background); fails the test after a
 * minute. */
void ui_wait_packs(UiDriver *d);

/* As ui_open; fails the test when the App does not start. */
App *ui_start(UiDriver *d, const char *const *pack_paths, size_t count, int w, int h);

/* The play tests' pack: tests/data/play/, one question of each type with
 * its choices unshuffled (so a test knows which tile holds which answer),
 * and the Arabic pack beside it. */
#define UI_PLAY_PACK_DIR QUIZDECK_TEST_DATA "/play"
#define UI_PLAY_PACK_ID  "play-every-type"

/* As ui_start on the play packs at w x h; fails the test unless the store
 * opened too (the play tests read back what it keeps). */
App *ui_open_play(UiDriver *d, int w, int h);

/* Closes the game (app_destroy); the folder stays for the next launch. */
void ui_close(UiDriver *d);

/* Runs UI_PUMP loop iterations without waiting. */
void ui_pump(UiDriver *d);

/* Draws the frame (without presenting) so that the widget list and the
 * pixels are those of the current state. */
void ui_refresh(UiDriver *d);

/* Moves the game's clock on by ms, then runs UI_PUMP iterations. */
void ui_wait(UiDriver *d, uint64_t ms);

/* ---- input: each pushes real SDL events, then ui_pump ------------------- */

/* A key pressed and released, with modifiers (KMOD_LCTRL ...) or none. */
void ui_key(UiDriver *d, SDL_Keycode key);
void ui_key_mod(UiDriver *d, SDL_Keycode key, Uint16 mod);

/* `count` presses of a key in one go, faster than any screen can change
 * between them (a double press), then UI_PUMP iterations. */
void ui_key_burst(UiDriver *d, SDL_Keycode key, int count);

/* One key event as it comes from a held key: SDL_KEYDOWN (repeat false
 * for the first, true for the auto-repeats) or SDL_KEYUP; no pacing. */
void ui_key_event(UiDriver *d, Uint32 type, SDL_Keycode key, bool repeat);

/* Text typed (SDL_TEXTINPUT), and an IME composition not yet committed
 * (SDL_TEXTEDITING). */
void ui_type(UiDriver *d, const char *utf8);
void ui_compose(UiDriver *d, const char *utf8);

/* A gamepad button pressed and released. */
void ui_pad(UiDriver *d, Uint8 button);

/* Mouse wheel notches: > 0 up, < 0 down. */
void ui_wheel(UiDriver *d, int notches);

/* One mouse event at renderer pixel (x, y): SDL_MOUSEMOTION (with the left
 * button held), SDL_MOUSEBUTTONDOWN or SDL_MOUSEBUTTONUP of `button`. */
void ui_mouse(UiDriver *d, Uint32 type, Uint8 button, int x, int y);

/* A left click at renderer pixel (x, y): the pointer moves there, presses
 * and releases. */
void ui_click_at(UiDriver *d, int x, int y);

/* A left-button drag: press at from, move halfway, move to `to`, release. */
void ui_drag(UiDriver *d, SDL_Point from, SDL_Point to);

/* A file dropped on the window (SDL_DROPFILE). */
void ui_drop(UiDriver *d, const char *path);

/* A resize of the window to w x h pixels. */
void ui_resize(UiDriver *d, int w, int h);

/* The window's close button (SDL_QUIT, as the window manager sends it). */
void ui_close_window(UiDriver *d);

/* ---- widgets drawn in the current frame ---------------------------------- */

/* The widget labelled exactly `label` (after ui_refresh); NULL when none. */
const AppWidget *ui_find(UiDriver *d, const char *label);

/* The first widget whose label starts with `prefix`; NULL when none. */
const AppWidget *ui_find_prefix(UiDriver *d, const char *prefix);

/* Does some widget's label contain `text`? (notices, details, rows) */
bool ui_shows(UiDriver *d, const char *text);

/* As ui_find; fails the test when there is no such widget. */
const AppWidget *ui_widget(UiDriver *d, const char *label);

/* The centre of a widget's rectangle, in renderer pixels. */
SDL_Point ui_centre(const AppWidget *w);

/* A left click on the middle of the widget labelled `label`; fails the
 * test when there is none. */
void ui_click(UiDriver *d, const char *label);

/* Presses Tab until the widget labelled `label` has the focus; fails the
 * test when it never does. */
void ui_tab_to(UiDriver *d, const char *label);

/* The same with another key (an arrow: a list scrolls its focused row into
 * view). */
void ui_key_to(UiDriver *d, const char *label, SDL_Keycode key);

/* Switches to scene id with arg (NULL: none), as a scene would, and
 * fails the test unless it is then on screen. */
void ui_go(UiDriver *d, SceneId id, const SceneArg *arg);

/* Fails the test unless every widget of the frame has a size and lies
 * inside the window, and no two of them overlap. Widgets with a flag in
 * `may_overlap` (such as WIDGET_DANGER rows) or WIDGET_TEXT (a text inside
 * its widget), and with labelled_only the widgets without a label, are not
 * checked for overlap. `what` names the
 * screen in the message. */
void ui_assert_fits(UiDriver *d, const char *what, unsigned may_overlap, bool labelled_only);

/* Sets the learner's new cards a day (the other study settings kept) and
 * opens the Study screen; fails the test when the setting is not saved. */
void ui_study(UiDriver *d, int new_per_day);

/* ---- rounds --------------------------------------------------------------- */

/* Starts a round of the named questions of pack pack_id, in this order
 * (the fixed seed 7), with the time rule given, and fails the test unless
 * the question screen is then up. Returns the round's id in the store. */
int64_t ui_start_round(UiDriver *d, const char *pack_id, const char *const *ids, size_t n,
                       RoundTimeMode mode, int seconds);

/* As ui_start_round for an untimed round of the play pack; returns the
 * round's id in the store. */
int64_t ui_play_round(UiDriver *d, const char *const *ids, size_t n);

/* A list of question ids and its length, as the two arguments ids, n of
 * the calls above: ui_play_round(d, UI_IDS("q-choice", "q-typed")). */
#define UI_IDS(...)                                                                                \
    (const char *const[]){__VA_ARGS__},                                                            \
        sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)

/* The id of the question being asked ("" when none). */
const char *ui_asked(UiDriver *d);

/* Answers the play pack's question on screen by keyboard, right or wrong:
 * a tile's letter (Paris or Berlin; true or false), a typed answer (Rome
 * or Paris) and Enter, both cloze gaps (Spain, then Madrid or Lisbon).
 * Fails the test for a question it has no keys for. */
void ui_answer(UiDriver *d, bool right);

/* Enter on the feedback screen, to the next question or the results;
 * fails the test when the feedback is not up. */
void ui_next(UiDriver *d);

/* Answers every question left in the round (ui_answer, ui_next) and fails
 * the test unless the results are then on screen. */
void ui_answer_all(UiDriver *d, bool right);

/* What the store in the fixture's folder holds for a round, read with a
 * connection of the test's own (store_query.h): the round's row and
 * answers into out, for test_round_free; how many answers; the first
 * answer (its texts copied); the round's row. Each fails the test on a
 * store error. */
void ui_read_round(const UiDriver *d, int64_t round_id, TestRound *out);
size_t ui_stored_answers(const UiDriver *d, int64_t round_id);

typedef struct UiStoredAnswer {
    bool timed_out, correct;
    int64_t ms_taken;
    char given[256];
} UiStoredAnswer;

UiStoredAnswer ui_first_answer(const UiDriver *d, int64_t round_id);
StoreRound ui_stored_round(const UiDriver *d, int64_t round_id);

/* ---- pixels -------------------------------------------------------------- */

/* The colour at renderer pixel (x, y) of the current frame; fails the test
 * outside the window. */
SDL_Color ui_pixel(UiDriver *d, int x, int y);

/* How many pixels of r differ from `from` by more than `threshold` (sum
 * of the three channel differences): text or shapes drawn there. */
int ui_ink(UiDriver *d, SDL_Rect r, SDL_Color from, int threshold);

/* How many pixels of r are `color` within `tolerance` on each channel. */
int ui_count_color(UiDriver *d, SDL_Rect r, SDL_Color color, int tolerance);

/* Are a and b the same colour within `tolerance` on each channel? */
bool ui_near(SDL_Color a, SDL_Color b, int tolerance);

/* Saves the current frame as DIR/name-WxH.bmp when QUIZDECK_PLAY_SHOTS
 * (or STUDY_SHOTS, its older name for the learner screens) names a folder:
 * the README's screenshots. Otherwise does nothing. */
void ui_shot(UiDriver *d, const char *name);

#endif
