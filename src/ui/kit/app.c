/* app.c - the App and the one event loop (see app.h; design rule 5).
 *
 * Order of the file: the scene table, the loop (handle an event, update,
 * draw), scene switching and the other requests from scenes, creation and
 * destruction, ui_run() for main.c, and the rounds. The rest of the App
 * is beside it: app_settings.c, app_store.c, app_packs.c (selection and
 * dropped packs), app_notice.c, app_test.c; app_private.h is what they
 * share.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL_ttf.h>

#include "app_private.h"
#include "audio.h"
#include "i18n.h"
#include "pack_load.h"
#include "renderer.h"
#include "study_ui.h"
#include "ui.h"

/* The scene table: one entry per SceneId (scenes.h). */
static const Scene *const scene_table[SCENE_COUNT] = {
    [SCENE_TITLE] = &scene_title,
    [SCENE_PACKS] = &scene_packs,
    [SCENE_SETUP] = &scene_setup,
    [SCENE_SETTINGS] = &scene_settings,
    [SCENE_PROGRESS] = &scene_progress,
    [SCENE_QUESTION] = &scene_question,
    [SCENE_FEEDBACK] = &scene_feedback,
    [SCENE_RESULTS] = &scene_results,
    [SCENE_PROFILES] = &scene_profiles,
    [SCENE_STUDY] = &scene_study,
    [SCENE_STUDY_STATS] = &scene_study_stats,
    [SCENE_SESSION] = &scene_session,
    [SCENE_CLASS_RESULTS] = &scene_class_results,
};

enum { OP_NONE, OP_GO, OP_BACK, OP_REPLACE, OP_HOME };
enum { FRAME_MS = 16, LOADING_REDRAW_MS = 100 };

/* ---- the loop ---------------------------------------------------------- */

uint64_t app_clock_ms(const App *app)
{
    return app->test_clock ? app->test_clock : (uint64_t)SDL_GetTicks64();
}

static const Scene *current(const App *app)
{
    return app->scenes[app->stack[app->depth - 1]];
}

static void *current_state(const App *app)
{
    return app->scene_state[app->stack[app->depth - 1]];
}

static void apply_switch(App *app)
{
    /* enter() may request again: a bounded number of rounds. */
    for (int guard = 0; guard < 8 && app->pending_count > 0; guard++) {
        int count = app->pending_count;
        int ops[4];
        SceneId ids[4];
        SceneArg args[4];
        memcpy(ops, app->pending_op, sizeof ops);
        memcpy(ids, app->pending_id, sizeof ids);
        memcpy(args, app->pending_arg, sizeof args);
        app->pending_count = 0;
        for (int k = 0; k < count; k++) {
            int op = ops[k];
            SceneId id = ids[k];
            SceneId from = app->stack[app->depth - 1];
            if (op == OP_BACK && app->depth <= 1)
                continue;
            if (op == OP_GO && app->depth >= (int)SDL_arraysize(app->stack))
                op = OP_REPLACE;
            if (current(app)->leave)
                current(app)->leave(app, current_state(app));
            switch (op) {
            case OP_GO:
                app->stack[app->depth++] = id;
                break;
            case OP_BACK:
                app->depth--;
                break;
            case OP_REPLACE:
                app->stack[app->depth - 1] = id;
                break;
            case OP_HOME:
                app->depth = 1;
                app->stack[0] = SCENE_TITLE;
                break;
            default:
                break;
            }
            app->repeat_blocked = true; /* a held key stays on the screen it was pressed on */
            if (current(app)->enter)
                current(app)->enter(app, current_state(app), from, &args[k]);
            app->dirty = true;
        }
    }
}

void app_resized(App *app)
{
    app->theme.out_w = app->theme.out_h = 0; /* measured afresh, strip and all */
    theme_update(&app->theme, app->renderer);
    app_notice_layout(app);
    input_set_pixel_ratio(&app->input, app->window, app->renderer);
    app->dirty = true;
}

/* Is this event the player's input that app_guard_input or a held key's
 * repeat keeps away from the scene? Esc and the gamepad's B stay: leaving
 * is never a wrong answer. */
static bool held_back(App *app, const SDL_Event *e)
{
    bool guarded = app_clock_ms(app) < app->guard_until;
    if (e->type == SDL_KEYDOWN) {
        SDL_Keycode k = e->key.keysym.sym;
        if (guarded && k != SDLK_ESCAPE && k != SDLK_AC_BACK) {
            app->repeat_blocked = true; /* nor may its repeats get through later */
            return true;
        }
        if (e->key.repeat && app->repeat_blocked)
            return true;
        if (!e->key.repeat)
            app->repeat_blocked = false;
        return false;
    }
    if (!guarded)
        return false;
    switch (e->type) {
    case SDL_CONTROLLERBUTTONDOWN:
        return e->cbutton.button != SDL_CONTROLLER_BUTTON_B &&
               e->cbutton.button != SDL_CONTROLLER_BUTTON_BACK;
    case SDL_TEXTINPUT:
    case SDL_TEXTEDITING:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
        return true;
    default:
        return false;
    }
}

/* The window never gets smaller than APP_MIN_W x APP_MIN_H points: SDL
 * asks the window manager, but not every one obeys (none does under a
 * bare X server), and a 200x150 window has no room for a question. */
static void keep_minimum_size(App *app)
{
    int w = 0, h = 0;
    SDL_GetWindowSize(app->window, &w, &h);
    if ((w >= APP_MIN_W && h >= APP_MIN_H) ||
        (SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN))
        return;
    SDL_SetWindowMinimumSize(app->window, APP_MIN_W, APP_MIN_H);
    SDL_SetWindowSize(app->window, w > APP_MIN_W ? w : APP_MIN_W, h > APP_MIN_H ? h : APP_MIN_H);
}

static void close_now(App *app, void *user)
{
    (void)user;
    app->running = false;
}

/* The window's close button, or the desktop's "close": mid-round, ask
 * first (the round stays unfinished in the store and the next launch
 * offers to take it up). Asked again while the question is up, it closes. */
static void ask_before_closing(App *app)
{
    if (app_asking(app) || !app->quiz.active || quiz_is_over(&app->quiz)) {
        app->running = false;
        return;
    }
    app_ask(app, &(AppAsk){
                     .title = _("Close quizdeck?"),
                     .body = _("Your round is kept: the next time you start, you can take it up "
                               "where you left it."),
                     .yes = _("Close"),
                     .no = _("Keep playing"),
                     .on_yes = close_now,
                 });
}

static void say_files_changed(App *app)
{
    app_notice(app, COLOR_ACCENT, "%s", _("Pack files changed: packs reloaded."));
}

static void handle(App *app, SDL_Event *e)
{
    if (app_packs_event(app, e))
        return;
    switch (e->type) {
    case SDL_QUIT:
        ask_before_closing(app);
        return;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_RESIZED ||
            e->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
            keep_minimum_size(app);
            app_resized(app);
        }
        /* Back from the file manager or an editor: the Packs screen shows
         * the files as they are now. */
        if (e->window.event == SDL_WINDOWEVENT_FOCUS_GAINED && app_scene(app) == SCENE_PACKS &&
            !app_packs_loading(app) && !app_packs_reloading(app) && app_packs_changed(app))
            app_packs_reload(app, say_files_changed);
        app->dirty = true;
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        text_clear(app->text);
        if (app->mirror_frame)
            SDL_DestroyTexture(app->mirror_frame);
        app->mirror_frame = NULL;
        app->dirty = true;
        return;
    case SDL_DROPFILE:
        if (e->drop.file) {
            app_packs_wait(app);                        /* a dropped pack joins the loaded set */
            if (!scene_session_drop(app, e->drop.file)) /* a session folder, or a pack */
                app_add_pack_file(app, e->drop.file);
            SDL_free(e->drop.file);
            e->drop.file = NULL;
        }
        app->dirty = true;
        return;
    case SDL_KEYDOWN:
        /* F11 / Alt+Enter: fullscreen from anywhere. */
        if (e->key.keysym.sym == SDLK_F11 ||
            (e->key.keysym.sym == SDLK_RETURN && (e->key.keysym.mod & KMOD_ALT))) {
            app->settings.fullscreen = !app->settings.fullscreen;
            app_apply_settings(app, true);
            return;
        }
        break;
    default:
        break;
    }
    if (held_back(app, e))
        return;
    app_notice_input(app, e);
    UiEvent ui = input_map(&app->input, e);
    if (app->theme.rtl && app->mirrored) {
        /* The pointer over the unmirrored layout; the arrow keys move to
         * what is left or right on the screen, and a value grows to the
         * left, as right-to-left sliders do. */
        ui.x = app->theme.out_w - 1 - ui.x;
        if (ui.action == ACTION_LEFT || ui.action == ACTION_RIGHT)
            ui.action = ui.action == ACTION_LEFT ? ACTION_RIGHT : ACTION_LEFT;
    }

    if (e->type >= SDL_KEYDOWN && e->type < SDL_USEREVENT)
        app->dirty = true;
    if (app_dialog_event(app, &ui))
        return;
    const Scene *scene = current(app);
    bool used = scene->event ? scene->event(app, current_state(app), &ui) : false;
    if (used)
        return;
    if (ui.action == ACTION_BACK) {
        app_back(app);
    } else if (ui.pointer == POINTER_UP) {
        SDL_Point p = {ui.x, ui.y};
        if (SDL_PointInRect(&p, &app->back_button))
            app_back(app);
    }
}

/* A right-to-left interface is drawn as the left-to-right layout into a
 * texture that is then copied to the window flipped (or, with the software
 * renderer on a window, into the window, flipped there: renderer.h), so every scene, list,
 * bar, chart and footer mirrors without knowing it; text is drawn flipped
 * (text_set_mirror) and so reads right; pointer input is flipped back in
 * handle(), and the widget records (app_widget_*) are flipped to what the
 * window shows. False, and no mirroring, when render targets fail. */
static bool mirror_begin(App *app)
{
    if (renderer_can_flip_window(app->renderer)) { /* flipped in place instead (renderer.h) */
        if (app->mirror_frame)
            SDL_DestroyTexture(app->mirror_frame);
        app->mirror_frame = NULL;
        return true;
    }
    int w = app->theme.out_w, h = app->theme.out_h;
    if (app->mirror_frame && (app->mirror_w != w || app->mirror_h != h)) {
        SDL_DestroyTexture(app->mirror_frame);
        app->mirror_frame = NULL;
    }
    if (!app->mirror_frame && SDL_RenderTargetSupported(app->renderer) && w > 0 && h > 0) {
        app->mirror_frame = SDL_CreateTexture(app->renderer, SDL_PIXELFORMAT_ARGB8888,
                                              SDL_TEXTUREACCESS_TARGET, w, h);
        app->mirror_w = w;
        app->mirror_h = h;
    }
    if (app->mirror_frame && SDL_SetRenderTarget(app->renderer, app->mirror_frame) != 0) {
        SDL_DestroyTexture(app->mirror_frame);
        app->mirror_frame = NULL;
    }
    return app->mirror_frame != NULL;
}

static void mirror_end(App *app)
{
    if (app->mirror_frame) {
        SDL_SetRenderTarget(app->renderer, NULL);
        SDL_RenderSetClipRect(app->renderer, NULL);
        SDL_SetTextureBlendMode(app->mirror_frame, SDL_BLENDMODE_NONE);
        SDL_RenderCopyEx(app->renderer, app->mirror_frame, NULL, NULL, 0.0, NULL,
                         SDL_FLIP_HORIZONTAL);
    } else {
        renderer_flip_window(app->renderer);
    }
    for (size_t i = 0; i < app->widget_count; i++) {
        SDL_Rect *r = &app->widgets[i].rect;
        r->x = app->theme.out_w - r->x - r->w;
    }
}

void app_draw_frame(App *app)
{
    app->widget_count = 0;
    app->back_button = (SDL_Rect){0, 0, 0, 0};
    bool mirror = app->theme.rtl && mirror_begin(app);
    app->mirrored = mirror;
    if (!mirror && app->mirror_frame) {
        SDL_DestroyTexture(app->mirror_frame); /* back to left to right */
        app->mirror_frame = NULL;
    }
    text_set_mirror(app->text, mirror);
    SDL_Color bg = theme_color(COLOR_BG);
    SDL_RenderSetClipRect(app->renderer, NULL);
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
    renderer_clear(app->renderer, (SDL_Color){bg.r, bg.g, bg.b, 255}); /* renderer.h */
    const Scene *scene = current(app);
    if (scene->draw)
        scene->draw(app, current_state(app));
    SDL_RenderSetClipRect(app->renderer, NULL);
    app_draw_dialog(app);
    app_draw_notice(app);
    if (mirror)
        mirror_end(app);
}

/* One iteration: events (waiting up to timeout ms for the first; 0 = do
 * not wait, -1 = wait for ever), update, draw if needed. */
static int iterate(App *app, int timeout)
{
    int count = 0;
    SDL_Event e;
    if (timeout != 0 && !app->animating)
        renderer_bench_idle(app->renderer, !app_packs_loading(app)); /* benchmarks: renderer.h */
    app->animating = false;
    /* Each event is handled with the clock of its own moment, not of the
     * iteration before the wait (an untimed question would otherwise take
     * every answer as given in 0 ms). */
    if (timeout != 0 && SDL_WaitEventTimeout(&e, timeout)) {
        app->now_ms = app_clock_ms(app);
        handle(app, &e);
        apply_switch(app);
        count++;
    }
    while (app->running && SDL_PollEvent(&e)) {
        app->now_ms = app_clock_ms(app);
        handle(app, &e);
        apply_switch(app);
        count++;
    }
    app->now_ms = app_clock_ms(app);
    /* While the packs load, their progress line moves: a redraw every
     * LOADING_REDRAW_MS, and none once the set is ready. */
    uint64_t redraw_at = app->now_ms + LOADING_REDRAW_MS;
    if ((app_packs_loading(app) || app_packs_reloading(app)) &&
        (!app->wake_at || app->wake_at > redraw_at))
        app->wake_at = redraw_at;
    app_packs_tick(app);
    if (app->wake_at && app->now_ms >= app->wake_at) {
        app->wake_at = 0;
        app->dirty = true;
    }
    if (app->notice[0] && app->now_ms >= app->notice_until) {
        app->notice[0] = '\0';
        app->dirty = true;
        app_resized(app); /* the screen has its full height again */
    }
    const Scene *scene = current(app);
    if (scene->update)
        scene->update(app, current_state(app), app->now_ms);
    apply_switch(app);
    if (app->dirty || app->animating) {
        app->dirty = false;
        app_draw_frame(app);
        SDL_RenderPresent(app->renderer);
        if (!app->pads_started) {
            /* Game controllers once the first screen is up: starting them
             * (and the joystick subsystem under them) costs start-up time
             * that no frame needs. Pads plugged in already are announced
             * as added, as any pad plugged in later is. */
            app->pads_started = true;
            if (SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) != 0)
                app->pads_started = false;
        }
    }
    return count;
}

static int next_timeout(const App *app)
{
    if (app->dirty || app->pending_count > 0)
        return 0;
    if (app->animating)
        return FRAME_MS;
    uint64_t now = app_clock_ms(app);
    uint64_t at = app->wake_at;
    if (app->notice[0] && (!at || app->notice_until < at))
        at = app->notice_until;
    if (!at)
        return -1;
    if (at <= now)
        return 0;
    uint64_t d = at - now;
    return d > 60000 ? 60000 : (int)d;
}

int app_run(App *app)
{
    while (app->running)
        iterate(app, next_timeout(app));
    return app->exit_status;
}

int app_pump(App *app, int max_iterations)
{
    int handled = 0;
    for (int i = 0; i < max_iterations && app->running; i++)
        handled += iterate(app, 0);
    return handled;
}

/* ---- requests from scenes ---------------------------------------------- */

SceneId app_scene(const App *app)
{
    return app->stack[app->depth - 1];
}

static void request(App *app, int op, SceneId id, const SceneArg *arg)
{
    if ((int)id < 0 || id >= SCENE_COUNT)
        return;
    if (app->pending_count >= (int)SDL_arraysize(app->pending_op))
        return;
    app->pending_op[app->pending_count] = op;
    app->pending_arg[app->pending_count] = arg ? *arg : (SceneArg){0};
    app->pending_id[app->pending_count++] = id;
}

void app_go(App *app, SceneId id)
{
    request(app, OP_GO, id, NULL);
}
void app_go_with(App *app, SceneId id, const SceneArg *arg)
{
    request(app, OP_GO, id, arg);
}
void app_back(App *app)
{
    request(app, OP_BACK, SCENE_TITLE, NULL);
}
void app_replace(App *app, SceneId id)
{
    request(app, OP_REPLACE, id, NULL);
}
void app_home(App *app)
{
    request(app, OP_HOME, SCENE_TITLE, NULL);
}
void app_quit(App *app)
{
    app->running = false;
}
void app_redraw(App *app)
{
    app->dirty = true;
}
void app_animate(App *app)
{
    app->animating = true;
}

void app_wake_at(App *app, uint64_t at_ms)
{
    if (!app->wake_at || at_ms < app->wake_at)
        app->wake_at = at_ms;
}

void app_guard_input(App *app, uint32_t ms)
{
    app->guard_until = app_clock_ms(app) + ms;
}

void app_set_back_button(App *app, SDL_Rect rect)
{
    app->back_button = rect;
}

void app_record_widget(App *app, SDL_Rect rect, const char *label, unsigned flags)
{
    if (app->widget_count >= APP_MAX_WIDGETS)
        return;
    AppWidget *w = &app->widgets[app->widget_count++];
    w->rect = rect;
    SDL_strlcpy(w->label, label ? label : "", sizeof w->label);
    w->flags = flags;
    w->text_px = 0;
}

void app_record_text_px(App *app, int px)
{
    if (app->widget_count > 0)
        app->widgets[app->widget_count - 1].text_px = px;
}

uint64_t app_new_seed(void)
{
    /* splitmix64 finaliser over the clock and the performance counter. */
    static uint64_t counter;
    uint64_t z = (uint64_t)app_unix_ms() ^ (SDL_GetPerformanceCounter() << 17) ^
                 (++counter * 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int64_t app_unix_ms(void)
{
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- create / destroy -------------------------------------------------- */

App *app_create(const AppConfig *config)
{
    i18n_init(NULL); /* main.c has bound the catalogue folder; tests may not */

    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "quizdeck: cannot start SDL: %s\n", SDL_GetError());
        return NULL;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "quizdeck: cannot start SDL_ttf: %s\n", TTF_GetError());
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return NULL;
    }
    App *app = calloc(1, sizeof *app);
    if (!app) {
        TTF_Quit();
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return NULL;
    }
    int w = config->width > 0 ? config->width : 1280;
    int h = config->height > 0 ? config->height : 720;
    /* The default size must fit a small screen (a class laptop at 1024x600,
     * a projector at 800x600): never open larger than the usable display. */
    SDL_Rect usable;
    if (config->width <= 0 && SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 &&
        usable.h > 0) {
        if (w > usable.w)
            w = usable.w;
        if (h > usable.h)
            h = usable.h;
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
                   (config->hidden ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN);
    app->window =
        SDL_CreateWindow("quizdeck", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    /* On X11 the software renderer would present through an OpenGL texture,
     * which on machines without a GPU means starting Mesa's llvmpipe (~100
     * ms before the first frame). A plain window framebuffer is as fast
     * there. Default priority: the user's environment still wins. Not on
     * Wayland, where SDL2 has no plain framebuffer to fall back to. */
    const char *video = SDL_GetCurrentVideoDriver();
    if (video && strcmp(video, "x11") == 0)
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    if (app->window)
        app->renderer = renderer_create(app->window, NULL);
    if (!app->renderer) {
        fprintf(stderr, "quizdeck: cannot open a window: %s\n", SDL_GetError());
        app_destroy(app);
        return NULL;
    }
    SDL_SetWindowMinimumSize(app->window, APP_MIN_W, APP_MIN_H);
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
    SDL_StopTextInput(); /* only text fields turn it on */
    app->theme.font_scale = 1.0f;
    theme_update(&app->theme, app->renderer);
    input_init(&app->input);
    input_set_pixel_ratio(&app->input, app->window, app->renderer);
    char err[256] = "";
    app->text = text_create(app->renderer, &app->theme, err, sizeof err);
    if (!app->text) {
        fprintf(stderr, "quizdeck: %s\n", err);
        app_destroy(app);
        return NULL;
    }

    /* The data folder, the store and the settings. */
    if (config->data_dir && config->data_dir[0]) {
        snprintf(app->data_dir, sizeof app->data_dir, "%s", config->data_dir);
    } else {
        char *pref = SDL_GetPrefPath("quizdeck", "quizdeck");
        snprintf(app->data_dir, sizeof app->data_dir, "%s", pref ? pref : ".");
        SDL_free(pref);
    }
    size_t dl = strlen(app->data_dir);
    while (dl > 1 && app->data_dir[dl - 1] == '/')
        app->data_dir[--dl] = '\0';
    snprintf(app->user_packs_dir, sizeof app->user_packs_dir, "%.1000s/packs", app->data_dir);
    app->running = true;
    app_open_store(app);
    app_load_settings(app);
    app_apply_settings(app, false);

    /* Packs: the given paths, then the player's own folder. */
    app->launch_paths = config->pack_paths;
    app->launch_path_count = config->pack_path_count;
    /* Loaded in a worker thread; the ticks are applied once it is done
     * (app_packs.c). */
    app_packs_load(app, config->pack_paths, config->pack_path_count);

    /* Scenes: state blocks, then the title. */
    for (int i = 0; i < SCENE_COUNT; i++) {
        app->scenes[i] = scene_table[i];
        size_t size = scene_table[i]->state_size;
        app->scene_state[i] = calloc(1, size ? size : 1);
        if (!app->scene_state[i]) {
            app_destroy(app);
            return NULL;
        }
    }
    app->depth = 1;
    app->stack[0] = SCENE_TITLE;
    app->now_ms = app_clock_ms(app);
    if (app->scenes[SCENE_TITLE]->enter)
        app->scenes[SCENE_TITLE]->enter(app, app->scene_state[SCENE_TITLE], SCENE_TITLE,
                                        &(SceneArg){0});
    app->dirty = true;
    return app;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    bool pads_started = app->pads_started;
    if (app->depth > 0 && current(app)->leave)
        current(app)->leave(app, current_state(app));
    scene_session_close(app);
    for (int i = 0; i < SCENE_COUNT; i++)
        free(app->scene_state[i]);
    app_selection_free(&app->selection);
    app_selection_free(&app->study_selection);
    app_dialog_free(app);
    audio_free(app->audio);
    app->audio = NULL;
    app_end_round(app);
    app_drop_free(app);
    app_packs_free(app);
    store_close(app->store);
    text_destroy(app->text);
    if (app->mirror_frame)
        SDL_DestroyTexture(app->mirror_frame);
    input_shutdown(&app->input);

    if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->window)
        SDL_DestroyWindow(app->window);
    free(app);
    SDL_StopTextInput();
    TTF_Quit();
    SDL_QuitSubSystem(pads_started ? SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER : SDL_INIT_VIDEO);
}

/* ---- main.c's entry ---------------------------------------------------- */

int ui_run(const UiLaunch *launch)
{
    AppConfig config = {
        .pack_paths = launch->pack_paths,
        .pack_path_count = launch->pack_path_count,
        .data_dir = launch->data_dir,
        .width = launch->width,
        .height = launch->height,
    };
    App *app = app_create(&config);
    if (!app) {
        SDL_Quit();
        return 1;
    }
    /* A new database: ask who is learning before anything else. (Only
     * here, not in app_create, so tests start on the title.) */
    if (launch->session) /* a class computer: the session, not the learners */
        app_go_with(app, SCENE_SESSION,
                    &(SceneArg){.session = launch->session, .session_locked = true});
    else if (app->first_launch && app->store)
        app_go_with(app, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_FIRST_LAUNCH});
    int status = app_run(app);
    app_destroy(app);
    SDL_Quit();
    return status;
}

/* ---- rounds ------------------------------------------------------------ */

void app_end_round(App *app)
{
    if (app->quiz.active) {
        QuizError err = {0};
        if (quiz_flush(&app->quiz, &err) != QUIZ_OK)
            app_notice(app, COLOR_BAD, "%s", i18n_message(err.message));
    }
    quiz_free(&app->quiz);
}

bool app_start_round(App *app, const RoundSettings *settings, QuizMode mode, bool all_packs)
{
    size_t n = 0;
    Pack **packs = calloc(app->packs.pack_count ? app->packs.pack_count : 1, sizeof *packs);
    if (!packs) {
        app_notice(app, COLOR_BAD, _("Cannot start the round: out of memory."));
        return false;
    }
    for (size_t i = 0; i < app->packs.pack_count; i++)
        if (all_packs || (i < app->selection.count && app->selection.pack[i]))
            packs[n++] = app->packs.packs[i];
    QuizSetup setup = {
        .profile_id = app->profile_id,
        .packs = packs,
        .pack_count = n,
        .round = *settings,
        .mode = mode,
    };
    QuizError err = {0};
    QuizStatus status = quiz_start(&app->quiz, app->store, &setup, app_unix_ms(), &err);
    free(packs); /* the Quiz keeps its own copy of the array */
    if (status != QUIZ_OK && status != QUIZ_NOT_SAVED) {
        app_notice(app, COLOR_WARN, "%s", i18n_message(err.message));
        return false;
    }
    if (status == QUIZ_NOT_SAVED)
        app_notice(app, COLOR_WARN, "%s", i18n_message(err.message));
    app_decline_resume(app); /* another round was chosen over it */
    app_go(app, SCENE_QUESTION);
    return true;
}

bool app_start_selected_round(App *app)
{
    RoundSettings rs = app_round_settings(app);
    bool narrowed = false;
    for (size_t i = 0; i < app->selection.count && i < app->packs.pack_count; i++)
        for (size_t t = 0; app->selection.pack[i] && t < app->packs.packs[i]->topic_count; t++)
            narrowed |= app->selection.topic[i][t];
    /* With a topic ticked, the round is the exact questions offered. */
    RoundQuestionRef *only = NULL;
    if (narrowed) {
        size_t n = app_selection_questions(app, NULL), k = 0;
        only = calloc(n ? n : 1, sizeof *only);
        if (!only) {
            app_notice(app, COLOR_BAD, _("Out of memory."));
            return false;
        }
        for (size_t i = 0; i < app->packs.pack_count; i++) {
            const Pack *p = app->packs.packs[i];
            for (size_t q = 0; q < p->question_count && k < n; q++)
                if (app_selection_offers(app, i, &p->questions[q]))
                    only[k++] = (RoundQuestionRef){p->id, p->questions[q].id};
        }
        rs.only = only;
        rs.only_count = k;
    }
    QuizMode mode = rs.time_mode == ROUND_TIME_OFF ? QUIZ_MODE_PRACTICE : QUIZ_MODE_TIMED;
    bool ok = app_start_round(app, &rs, mode, false);
    free(only);
    return ok;
}
