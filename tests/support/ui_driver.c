/* ui_driver.c - drives the real game for the headless UI tests (see
 * ui_driver.h). Events are built the way SDL delivers them from a real
 * device, with the window's id and, for the mouse, window points (the
 * renderer pixels a test gives, divided by the HiDPI ratio).
 */
#include "ui_driver.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "learn.h"
#include "test_support.h"
#include "widgets.h"

/* ---- the fixture --------------------------------------------------------- */

bool ui_fixture_open(UiDriver *d)
{
    memset(d, 0, sizeof *d);
    snprintf(d->dir, sizeof d->dir, "/tmp/quizdeck-ui-XXXXXX");
    if (mkdtemp(d->dir) == NULL) {
        d->dir[0] = '\0';
        return false;
    }
    snprintf(d->packs, sizeof d->packs, "%s/packs", d->dir);
    /* The pack cache inside the test's folder, never the user's. */
    char cache[UI_PATH_MAX + 8];
    snprintf(cache, sizeof cache, "%s/cache", d->dir);
    setenv("QUIZDECK_CACHE_DIR", cache, 1);
    return true;
}

void ui_fixture_close(UiDriver *d)
{
    ui_close(d);
    if (d->dir[0] != '\0')
        test_remove_tree(d->dir);
    d->dir[0] = '\0';
}

void ui_write_big_pack(const char *path, const char *id, const char *title, int questions)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "format: 1\nid: %s\ntitle: \"%s\"\nquestions:\n", id, title);
    for (int i = 0; i < questions; i++)
        fprintf(f,
                "  - id: q%d\n    type: choice\n    prompt: \"Question number %d, which one?\"\n"
                "    choices: [\"first %d\", \"second %d\", \"third %d\"]\n"
                "    answer: \"second %d\"\n",
                i, i, i, i, i, i);
    assert_int_equal(fclose(f), 0);
}

int ui_setup(void **state)
{
    UiDriver *d = calloc(1, sizeof *d);
    if (d == NULL)
        return -1;
    if (!ui_fixture_open(d)) {
        free(d);
        return -1;
    }
    *state = d;
    return 0;
}

int ui_teardown(void **state)
{
    UiDriver *d = *state;
    ui_fixture_close(d);
    free(d);
    return 0;
}

void ui_headless(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
}

int ui_run_group(const char *name, const struct CMUnitTest *tests, size_t count)
{
    ui_headless();
    int failed = _cmocka_run_group_tests(name, tests, count, NULL, NULL);
    SDL_Quit();
    return failed;
}

/* ---- the App ------------------------------------------------------------- */

App *ui_launch(UiDriver *d, const char *const *pack_paths, size_t count, int w, int h)
{
    ui_close(d);
    AppConfig config = {.pack_paths = pack_paths,
                        .pack_path_count = count,
                        .data_dir = d->dir,
                        .width = w,
                        .height = h,
                        .hidden = true};
    d->app = app_create(&config);
    if (d->app != NULL) {
        /* From here the game's clock is the test's (UI_PACE_MS). */
        app_test_set_clock(d->app, app_test_clock(d->app) + 1);
        app_pump(d->app, 1); /* the first frame */
    }
    return d->app;
}

App *ui_open(UiDriver *d, const char *const *pack_paths, size_t count, int w, int h)
{
    if (ui_launch(d, pack_paths, count, w, h) != NULL) {
        ui_pump(d);
        ui_wait_packs(d);
    }
    return d->app;
}

void ui_wait_packs(UiDriver *d)
{
    /* Real time, not the test's clock: the worker thread reads files. A
     * minute is far more than any test pack needs; the test fails after. */
    for (int i = 0; i < 60000 && (app_packs_loading(d->app) || app_packs_reloading(d->app)); i++) {
        SDL_Delay(1);
        ui_pump(d);
    }
    if (app_packs_loading(d->app) || app_packs_reloading(d->app))
        fail_msg("the packs did not finish loading");
}

App *ui_start(UiDriver *d, const char *const *pack_paths, size_t count, int w, int h)
{
    if (ui_open(d, pack_paths, count, w, h) == NULL)
        fail_msg("the game did not start (data folder %s)", d->dir);
    return d->app;
}

App *ui_open_play(UiDriver *d, int w, int h)
{
    static const char *const play[] = {UI_PLAY_PACK_DIR};
    App *app = ui_start(d, play, 1, w, h);
    if (app->store == NULL)
        fail_msg("the game started without its store (data folder %s)", d->dir);
    return app;
}

void ui_close(UiDriver *d)
{
    app_destroy(d->app);
    d->app = NULL;
}

void ui_pump(UiDriver *d)
{
    app_pump(d->app, UI_PUMP);
}

void ui_refresh(UiDriver *d)
{
    SDL_Color ignored;
    app_read_pixel(d->app, 0, 0, &ignored); /* draws the frame first */
}

/* ---- input --------------------------------------------------------------- */

static Uint32 window_id(const UiDriver *d)
{
    return SDL_GetWindowID(d->app->window);
}

void ui_wait(UiDriver *d, uint64_t ms)
{
    app_test_set_clock(d->app, app_test_clock(d->app) + ms);
    ui_pump(d);
}

/* A player's pace between inputs (see UI_PACE_MS). */
static void pace(UiDriver *d)
{
    if (!d->hold_clock)
        app_test_set_clock(d->app, app_test_clock(d->app) + UI_PACE_MS);
}

/* A new input at the player's pace: an event of `type` to fill in. */
static SDL_Event new_input(UiDriver *d, Uint32 type)
{
    pace(d);
    SDL_Event e = {0};
    e.type = type;
    return e;
}

static void push(UiDriver *d, SDL_Event *e)
{
    SDL_PushEvent(e);
    ui_pump(d);
}

static SDL_Event key_event(const UiDriver *d, Uint32 type, SDL_Keycode key, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = type;
    e.key.windowID = window_id(d);
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = mod;
    return e;
}

void ui_key_mod(UiDriver *d, SDL_Keycode key, Uint16 mod)
{
    pace(d);
    SDL_Event e = key_event(d, SDL_KEYDOWN, key, mod);
    SDL_PushEvent(&e);
    e = key_event(d, SDL_KEYUP, key, mod);
    push(d, &e);
}

void ui_key_burst(UiDriver *d, SDL_Keycode key, int count)
{
    pace(d);
    for (int i = 0; i < count; i++) {
        SDL_Event e = key_event(d, SDL_KEYDOWN, key, 0);
        SDL_PushEvent(&e);
        e = key_event(d, SDL_KEYUP, key, 0);
        SDL_PushEvent(&e);
    }
    ui_pump(d);
}

void ui_key_event(UiDriver *d, Uint32 type, SDL_Keycode key, bool repeat)
{
    SDL_Event e = key_event(d, type, key, 0);
    e.key.repeat = repeat ? 1 : 0;
    push(d, &e);
}

void ui_key(UiDriver *d, SDL_Keycode key)
{
    ui_key_mod(d, key, 0);
}

void ui_type(UiDriver *d, const char *utf8)
{
    SDL_Event e = new_input(d, SDL_TEXTINPUT);
    e.text.windowID = window_id(d);
    snprintf(e.text.text, sizeof e.text.text, "%s", utf8);
    push(d, &e);
}

void ui_compose(UiDriver *d, const char *utf8)
{
    SDL_Event e = new_input(d, SDL_TEXTEDITING);
    e.edit.windowID = window_id(d);
    snprintf(e.edit.text, sizeof e.edit.text, "%s", utf8);
    e.edit.start = (Sint32)strlen(e.edit.text);
    push(d, &e);
}

void ui_pad(UiDriver *d, Uint8 button)
{
    SDL_Event e = new_input(d, SDL_CONTROLLERBUTTONDOWN);
    e.cbutton.button = button;
    e.cbutton.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_CONTROLLERBUTTONUP;
    e.cbutton.state = SDL_RELEASED;
    push(d, &e);
}

void ui_wheel(UiDriver *d, int notches)
{
    SDL_Event e = new_input(d, SDL_MOUSEWHEEL);
    e.wheel.windowID = window_id(d);
    e.wheel.y = notches;
    push(d, &e);
}

void ui_mouse(UiDriver *d, Uint32 type, Uint8 button, int x, int y)
{
    const Input *in = &d->app->input;
    int wx = (int)((float)x / (in->pixel_x > 0.0f ? in->pixel_x : 1.0f));
    int wy = (int)((float)y / (in->pixel_y > 0.0f ? in->pixel_y : 1.0f));
    if (type == SDL_MOUSEBUTTONDOWN)
        pace(d); /* a press is a new input; the motion and release go with it */
    SDL_Event e = {0};
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.windowID = window_id(d);
        e.motion.x = wx;
        e.motion.y = wy;
        e.motion.state = button != 0 ? (Uint32)SDL_BUTTON(button) : 0u;
    } else {
        e.button.windowID = window_id(d);
        e.button.button = button;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = wx;
        e.button.y = wy;
    }
    push(d, &e);
}

void ui_click_at(UiDriver *d, int x, int y)
{
    ui_mouse(d, SDL_MOUSEMOTION, 0, x, y);
    ui_mouse(d, SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, x, y);
    ui_mouse(d, SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, x, y);
}

void ui_drag(UiDriver *d, SDL_Point from, SDL_Point to)
{
    ui_mouse(d, SDL_MOUSEMOTION, 0, from.x, from.y);
    ui_mouse(d, SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, from.x, from.y);
    ui_mouse(d, SDL_MOUSEMOTION, SDL_BUTTON_LEFT, (from.x + to.x) / 2, (from.y + to.y) / 2);
    ui_mouse(d, SDL_MOUSEMOTION, SDL_BUTTON_LEFT, to.x, to.y);
    ui_mouse(d, SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, to.x, to.y);
}

void ui_drop(UiDriver *d, const char *path)
{
    SDL_Event e = new_input(d, SDL_DROPFILE);
    e.drop.windowID = window_id(d);
    e.drop.file = SDL_strdup(path); /* the loop frees it, as SDL's own */
    push(d, &e);
}

void ui_close_window(UiDriver *d)
{
    SDL_Event e = new_input(d, SDL_QUIT);
    push(d, &e);
}

void ui_resize(UiDriver *d, int w, int h)
{
    app_test_resize(d->app, w, h);
    ui_pump(d);
}

/* ---- widgets ------------------------------------------------------------- */

const AppWidget *ui_find(UiDriver *d, const char *label)
{
    ui_refresh(d);
    return app_find_widget(d->app, label);
}

/* Labels are compared as they are seen: bidi marks and isolates, which
 * order text but show nothing, are left out. */
const AppWidget *ui_find_prefix(UiDriver *d, const char *prefix)
{
    ui_refresh(d);
    size_t n = strlen(prefix);
    for (size_t i = 0; i < app_widget_count(d->app); i++) {
        char seen[sizeof app_widget(d->app, i)->label];
        app_visible_text(app_widget(d->app, i)->label, seen, sizeof seen);
        if (strncmp(seen, prefix, n) == 0)
            return app_widget(d->app, i);
    }
    return NULL;
}

bool ui_shows(UiDriver *d, const char *text)
{
    ui_refresh(d);
    for (size_t i = 0; i < app_widget_count(d->app); i++) {
        char seen[sizeof app_widget(d->app, i)->label];
        app_visible_text(app_widget(d->app, i)->label, seen, sizeof seen);
        if (strstr(seen, text) != NULL)
            return true;
    }
    return false;
}

const AppWidget *ui_widget(UiDriver *d, const char *label)
{
    const AppWidget *w = ui_find(d, label);
    if (w == NULL)
        fail_msg("no widget \"%s\" on screen (scene %s)", label,
                 d->app->scenes[app_scene(d->app)]->name);
    return w;
}

SDL_Point ui_centre(const AppWidget *w)
{
    return (SDL_Point){w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2};
}

void ui_click(UiDriver *d, const char *label)
{
    SDL_Point p = ui_centre(ui_widget(d, label));
    ui_click_at(d, p.x, p.y);
}

static void key_until_focused(UiDriver *d, const char *label, SDL_Keycode key, int presses)
{
    for (int i = 0; i < presses; i++) {
        const AppWidget *w = ui_find(d, label);
        if (w != NULL && (w->flags & WIDGET_FOCUSED))
            return;
        ui_key(d, key);
    }
    fail_msg("%s never reached \"%s\"", SDL_GetKeyName(key), label);
}

void ui_key_to(UiDriver *d, const char *label, SDL_Keycode key)
{
    key_until_focused(d, label, key, 60); /* a long list of rows */
}

void ui_tab_to(UiDriver *d, const char *label)
{
    key_until_focused(d, label, SDLK_TAB, 30);
}

void ui_go(UiDriver *d, SceneId id, const SceneArg *arg)
{
    app_go_with(d->app, id, arg);
    ui_pump(d);
    if (app_scene(d->app) != id)
        fail_msg("asked for scene %s, on %s", d->app->scenes[id]->name,
                 d->app->scenes[app_scene(d->app)]->name);
}

static bool overlap_checked(const AppWidget *w, unsigned may_overlap, bool labelled_only)
{
    /* A text recorded inside its widget (WIDGET_TEXT) lies on it by design. */
    return !(w->flags & (may_overlap | WIDGET_TEXT)) && !(labelled_only && w->label[0] == '\0');
}

void ui_assert_fits(UiDriver *d, const char *what, unsigned may_overlap, bool labelled_only)
{
    ui_refresh(d);
    /* The whole window: a notice lies in the strip below the scenes' part. */
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(d->app->renderer, &w, &h);
    size_t n = app_widget_count(d->app);
    for (size_t i = 0; i < n; i++) {
        const AppWidget *a = app_widget(d->app, i);
        SDL_Rect r = a->rect;
        if (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h || r.w <= 0 || r.h <= 0)
            fail_msg("%s %dx%d: \"%s\" at %d,%d %dx%d is outside the window", what, w, h, a->label,
                     r.x, r.y, r.w, r.h);
        if (!overlap_checked(a, may_overlap, labelled_only))
            continue;
        for (size_t k = i + 1; k < n; k++) {
            const AppWidget *b = app_widget(d->app, k);
            if (overlap_checked(b, may_overlap, labelled_only) && SDL_HasIntersection(&r, &b->rect))
                fail_msg("%s %dx%d: \"%s\" overlaps \"%s\"", what, w, h, a->label, b->label);
        }
    }
}

void ui_study(UiDriver *d, int new_per_day)
{
    App *app = d->app;
    LearnSettings ls = learn_settings_load(app->store, app->profile_id);
    ls.new_per_day = new_per_day;
    if (learn_settings_save(app->store, app->profile_id, &ls, NULL) != STORE_OK)
        fail_msg("the study settings were not saved");
    ui_go(d, SCENE_STUDY, NULL);
}

/* ---- rounds --------------------------------------------------------------- */

int64_t ui_start_round(UiDriver *d, const char *pack_id, const char *const *ids, size_t n,
                       RoundTimeMode mode, int seconds)
{
    RoundQuestionRef refs[32];
    if (n > SDL_arraysize(refs))
        fail_msg("a test round of %zu questions: at most %zu", n, SDL_arraysize(refs));
    for (size_t i = 0; i < n; i++)
        refs[i] = (RoundQuestionRef){pack_id, ids[i]};
    RoundSettings rs = {0};
    rs.only = refs;
    rs.only_count = n;
    rs.keep_only_order = true;
    rs.time_mode = mode;
    rs.fixed_seconds = seconds;
    rs.seed = 7;
    if (!app_start_round(d->app, &rs, QUIZ_MODE_PRACTICE, true))
        fail_msg("the round of %s did not start", pack_id);
    ui_pump(d);
    if (app_scene(d->app) != SCENE_QUESTION)
        fail_msg("no question on screen after the round started");
    return d->app->quiz.round_id;
}

int64_t ui_play_round(UiDriver *d, const char *const *ids, size_t n)
{
    return ui_start_round(d, UI_PLAY_PACK_ID, ids, n, ROUND_TIME_OFF, 0);
}

const char *ui_asked(UiDriver *d)
{
    const RoundQuestion *rq = round_current(&d->app->quiz.round);
    return rq != NULL ? rq->question->id : "";
}

/* Types text and presses Enter, as into a typed answer or a cloze gap. */
static void type_enter(UiDriver *d, const char *text)
{
    ui_type(d, text);
    ui_key(d, SDLK_RETURN);
}

void ui_answer(UiDriver *d, bool right)
{
    const char *id = ui_asked(d);
    if (strcmp(id, "q-choice") == 0) {
        ui_key(d, right ? SDLK_b : SDLK_a); /* Paris, Berlin */
    } else if (strcmp(id, "q-truefalse") == 0) {
        ui_key(d, right ? SDLK_t : SDLK_f);
    } else if (strcmp(id, "q-typed") == 0) {
        type_enter(d, right ? "Rome" : "Paris");
    } else if (strcmp(id, "q-cloze") == 0) {
        type_enter(d, "Spain");
        type_enter(d, right ? "Madrid" : "Lisbon");
    } else {
        fail_msg("no keys to answer \"%s\"", id);
    }
}

void ui_next(UiDriver *d)
{
    if (app_scene(d->app) != SCENE_FEEDBACK)
        fail_msg("no feedback to go on from (scene %s)", d->app->scenes[app_scene(d->app)]->name);
    ui_key(d, SDLK_RETURN);
}

void ui_answer_all(UiDriver *d, bool right)
{
    while (app_scene(d->app) == SCENE_QUESTION) {
        ui_answer(d, right);
        ui_next(d);
    }
    if (app_scene(d->app) != SCENE_RESULTS)
        fail_msg("no results after the last answer (scene %s)",
                 d->app->scenes[app_scene(d->app)]->name);
}

void ui_read_round(const UiDriver *d, int64_t round_id, TestRound *out)
{
    StoreError err = {0};
    if (test_round_open(d->dir, round_id, out, &err) != STORE_OK)
        fail_msg("round %lld in %s: %s", (long long)round_id, d->dir, err.message);
}

size_t ui_stored_answers(const UiDriver *d, int64_t round_id)
{
    TestRound r;
    ui_read_round(d, round_id, &r);
    size_t n = r.answers.count;
    test_round_free(&r);
    return n;
}

UiStoredAnswer ui_first_answer(const UiDriver *d, int64_t round_id)
{
    TestRound r;
    ui_read_round(d, round_id, &r);
    if (r.answers.count == 0)
        fail_msg("round %lld has no answer", (long long)round_id);
    const StoreAnswer *s = &r.answers.items[0];
    UiStoredAnswer a = {s->timed_out, s->correct, s->ms_taken, ""};
    snprintf(a.given, sizeof a.given, "%s", s->given ? s->given : "");
    test_round_free(&r);
    return a;
}

StoreRound ui_stored_round(const UiDriver *d, int64_t round_id)
{
    TestRound r;
    ui_read_round(d, round_id, &r);
    StoreRound row = r.round.items[0];
    row.topic = row.packs = NULL; /* owned by the list, freed below */
    test_round_free(&r);
    return row;
}

/* ---- pixels -------------------------------------------------------------- */

SDL_Color ui_pixel(UiDriver *d, int x, int y)
{
    SDL_Color c = {0, 0, 0, 0};
    if (!app_read_pixel(d->app, x, y, &c))
        fail_msg("pixel %d,%d is outside the %dx%d window", x, y, d->app->theme.out_w,
                 d->app->theme.out_h);
    return c;
}

/* How many pixels of r (in the current frame) `test` says yes to. */
static int count_pixels(UiDriver *d, SDL_Rect r, bool (*test)(SDL_Color c, SDL_Color ref, int n),
                        SDL_Color ref, int n)
{
    ui_refresh(d);
    Uint32 *px = calloc((size_t)r.w * (size_t)r.h, sizeof *px);
    if (px == NULL)
        fail_msg("out of memory reading %dx%d pixels", r.w, r.h);
    if (SDL_RenderReadPixels(d->app->renderer, &r, SDL_PIXELFORMAT_ARGB8888, px, r.w * 4) != 0) {
        free(px);
        fail_msg("cannot read pixels: %s", SDL_GetError());
    }
    int yes = 0;
    for (int i = 0; i < r.w * r.h; i++) {
        SDL_Color c = {(Uint8)((px[i] >> 16) & 0xFF), (Uint8)((px[i] >> 8) & 0xFF),
                       (Uint8)(px[i] & 0xFF), 255};
        yes += test(c, ref, n);
    }
    free(px);
    return yes;
}

static bool differs(SDL_Color c, SDL_Color from, int threshold)
{
    return abs(c.r - from.r) + abs(c.g - from.g) + abs(c.b - from.b) > threshold;
}

int ui_count_color(UiDriver *d, SDL_Rect r, SDL_Color color, int tolerance)
{
    return count_pixels(d, r, ui_near, color, tolerance);
}

int ui_ink(UiDriver *d, SDL_Rect r, SDL_Color from, int threshold)
{
    return count_pixels(d, r, differs, from, threshold);
}

bool ui_near(SDL_Color a, SDL_Color b, int tolerance)
{
    return abs(a.r - b.r) <= tolerance && abs(a.g - b.g) <= tolerance &&
           abs(a.b - b.b) <= tolerance;
}

void ui_shot(UiDriver *d, const char *name)
{
    const char *dir = getenv("QUIZDECK_PLAY_SHOTS");
    if (dir == NULL || dir[0] == '\0')
        dir = getenv("STUDY_SHOTS");
    if (dir == NULL || dir[0] == '\0')
        return;
    char path[512];
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(d->app->renderer, &w, &h);
    snprintf(path, sizeof path, "%s/%s-%dx%d.bmp", dir, name, w, h);
    app_save_frame(d->app, path);
}
