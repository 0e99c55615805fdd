/* app.c - the App and the one event loop (see app.h; design rule 5).
 *
 * Order of the file: the scene table, settings, packs and the store, the
 * loop (handle an event, update, draw), scene switching, the notice banner,
 * drag and drop of packs, creation and destruction, the test helpers, and
 * ui_run() for main.c.
 */
#include "app.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL_ttf.h>

#include "format.h"
#include "pack_load.h"
#include "study_ui.h"
#include "ui.h"
#include "widgets.h"

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
};

enum { OP_NONE, OP_GO, OP_BACK, OP_REPLACE, OP_HOME };
enum { FRAME_MS = 16, NOTICE_MS = 6000, NOTICE_ERROR_MS = 10000, NOTICE_MIN_MS = 1500 };

/* ---- settings ---------------------------------------------------------- */

static const UiSettings default_settings = {
    .font_scale = 100,
    .question_count = 10,
    .time_limit = SETUP_TIME_PACK,
    .scoring = SETUP_SCORING_SPEED,
    .streak_bonus = true,
};

static int clamp_int(int64_t v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : (int)v;
}

/* Settings belong to the current learner, like their rounds and reviews
 * (a class computer is shared); a new learner starts from the defaults. */
static void load_settings(App *app)
{
    UiSettings s = default_settings;
    if (app->store) {
        Store *st = app->store;
        s.font_scale =
            clamp_int(store_setting_int_or(st, app->profile_id, "ui.font_scale", s.font_scale),
                      THEME_FONT_SCALE_MIN, THEME_FONT_SCALE_MAX);
        s.reduced_motion = store_setting_int_or(st, app->profile_id, "ui.reduced_motion", 0) != 0;
        s.fullscreen = store_setting_int_or(st, app->profile_id, "ui.fullscreen", 0) != 0;
        s.question_count = clamp_int(
            store_setting_int_or(st, app->profile_id, "setup.question_count", s.question_count), 0,
            1000);
        s.time_limit = clamp_int(
            store_setting_int_or(st, app->profile_id, "setup.time_limit", s.time_limit), 0, 3600);
        s.scoring =
            clamp_int(store_setting_int_or(st, app->profile_id, "setup.scoring", s.scoring), 0, 1);
        s.streak_bonus = store_setting_int_or(st, app->profile_id, "setup.streak_bonus", 1) != 0;
    }
    app->settings = s;
}

static void save_settings(App *app)
{
    if (!app->store)
        return;
    const UiSettings *s = &app->settings;
    const struct {
        const char *key;
        int64_t value;
    } rows[] = {
        {"ui.font_scale", s->font_scale},        {"ui.reduced_motion", s->reduced_motion},
        {"ui.fullscreen", s->fullscreen},        {"setup.question_count", s->question_count},
        {"setup.time_limit", s->time_limit},     {"setup.scoring", s->scoring},
        {"setup.streak_bonus", s->streak_bonus},
    };
    for (size_t i = 0; i < SDL_arraysize(rows); i++) {
        StoreError err = {0};
        if (store_setting_set_int(app->store, app->profile_id, rows[i].key, rows[i].value, &err) !=
            STORE_OK) {
            app_notice(app, COLOR_WARN, "Settings not saved: %s", err.message);
            return;
        }
    }
}

void app_set_profile(App *app, int64_t profile_id)
{
    app->profile_id = profile_id;
    if (app->store != NULL && profile_id != 0)
        store_profile_touch(app->store, profile_id, app_unix_ms(), NULL);
    load_settings(app);
    app_apply_settings(app, false);
}

void app_apply_settings(App *app, bool save)
{
    float before = app->theme.font_scale;
    theme_set_font_scale(&app->theme, app->settings.font_scale);
    app->theme.reduced_motion = app->settings.reduced_motion;
    if (before != app->theme.font_scale)
        text_clear(app->text); /* every cached string has a new size */
    Uint32 want = app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
    Uint32 have = SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (want != have)
        SDL_SetWindowFullscreen(app->window, want);
    if (save)
        save_settings(app);
    app->dirty = true;
}

/* ---- packs and store --------------------------------------------------- */

/* Grows the selection to the pack set (new packs unticked). */
static void selection_sync(App *app)
{
    Selection *sel = &app->selection;
    size_t n = app->packs.pack_count;
    if (n <= sel->count)
        return;
    bool *pack = realloc(sel->pack, n * sizeof *pack);
    if (!pack)
        return;
    sel->pack = pack;
    bool **topic = realloc(sel->topic, n * sizeof *topic);
    if (!topic)
        return;
    sel->topic = topic;
    for (size_t i = sel->count; i < n; i++) {
        size_t tc = app->packs.packs[i]->topic_count;
        sel->pack[i] = false;
        sel->topic[i] = calloc(tc ? tc : 1, sizeof **sel->topic);
    }
    sel->count = n;
}

static void selection_free(Selection *sel)
{
    for (size_t i = 0; i < sel->count; i++)
        free(sel->topic[i]);
    free(sel->topic);
    free(sel->pack);
    memset(sel, 0, sizeof *sel);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p for one or two levels; true when the folder exists after. */
static bool make_dir(const char *path)
{
    if (is_dir(path))
        return true;
    char buf[APP_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (!is_dir(buf))
                mkdir(buf, 0755);
            *p = '/';
        }
    }
    return mkdir(buf, 0755) == 0 || is_dir(buf);
}

/* A round the game was killed in the middle of stays unfinished in the
 * store; every answer given before the kill is kept and counts in
 * Progress. Say so once, at the next launch, so nobody thinks it was lost. */
static void tell_interrupted_round(App *app)
{
    StoreRoundList rounds = {0};
    if (store_rounds_unfinished(app->store, app->profile_id, &rounds, NULL) != STORE_OK ||
        rounds.count == 0) {
        store_round_list_free(&rounds);
        return;
    }
    const StoreRound *last = &rounds.items[0]; /* newest first */
    int64_t told = store_setting_int_or(app->store, app->profile_id, "round.interrupted_told", 0);
    if (last->id > told) {
        if (last->answered_count > 0)
            app_notice(app, COLOR_WARN,
                       "Your last round stopped after %s of %s questions. Those answers are "
                       "saved and count in Progress.",
                       ui_format_int(last->answered_count).text,
                       ui_format_int(last->question_count).text);
        else
            app_notice(app, COLOR_WARN, "Your last round stopped before any answer was given.");
        app->notice_until += 6000;
        store_setting_set_int(app->store, app->profile_id, "round.interrupted_told", last->id,
                              NULL);
    }
    store_round_list_free(&rounds);
}

static void open_store(App *app)
{
    StoreError err = {0};
    if (!make_dir(app->data_dir) || store_open(&app->store, app->data_dir, &err) != STORE_OK) {
        app->store = NULL;
        snprintf(app->store_message, sizeof app->store_message, "Progress will not be saved: %s",
                 err.message[0] ? err.message : "the data folder cannot be created");
        fprintf(stderr, "quizdeck: %s (%s)\n", app->store_message, app->data_dir);
        return;
    }
    if (err.recovered) {
        app_notice(
            app, COLOR_WARN, "%s",
            err.message[0]
                ? err.message
                : "The progress database was damaged; it was moved aside and a new one started.");
        app->notice_until += 9000; /* said once: give it time to be read */
    }
    StoreProfileList list = {0};
    if (store_profile_list(app->store, &list, NULL) == STORE_OK && list.count > 0) {
        app->profile_id = list.items[0].id;
    } else {
        int64_t id = 0;
        if (store_profile_add(app->store, "Player", app_unix_ms(), &id, NULL) == STORE_OK)
            app->profile_id = id;
        app->first_launch = true;
    }
    store_profile_list_free(&list);
    tell_interrupted_round(app);
}

/* ---- the loop ---------------------------------------------------------- */

static uint64_t clock_ms(const App *app)
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
            if (current(app)->enter)
                current(app)->enter(app, current_state(app), from, &args[k]);
            app->dirty = true;
        }
    }
}

static void resized(App *app)
{
    theme_update(&app->theme, app->renderer);
    input_set_pixel_ratio(&app->input, app->window, app->renderer);
    app->dirty = true;
}

static void handle(App *app, SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        app->running = false;
        return;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_RESIZED ||
            e->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED)
            resized(app);
        app->dirty = true;
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        text_clear(app->text);
        app->dirty = true;
        return;
    case SDL_DROPFILE:
        if (e->drop.file) {
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
    /* The notice sits over the bottom of the screen, where the buttons
     * are: once it has been up long enough to read, the player's next key
     * or click puts it away. */
    if ((e->type == SDL_KEYDOWN || e->type == SDL_MOUSEBUTTONDOWN ||
         e->type == SDL_CONTROLLERBUTTONDOWN) &&
        app->notice[0] && clock_ms(app) >= app->notice_since + NOTICE_MIN_MS)
        app->notice_until = clock_ms(app);
    UiEvent ui = input_map(&app->input, e);
    if (e->type >= SDL_KEYDOWN && e->type < SDL_USEREVENT)
        app->dirty = true;
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

static void draw_notice(App *app)
{
    if (!app->notice[0] || app->now_ms >= app->notice_until)
        return;
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 720, 0);
    int pad = theme_px(t, THEME_PAD);
    TextSpec spec = {.style = TEXT_BODY, .wrap = col.w - 3 * pad};
    SDL_Point sz = text_measure(app->text, &spec, app->notice);
    int h = sz.y + 2 * theme_px(t, 12);
    SDL_Rect box = {col.x, t->out_h - h - theme_px(t, 44), col.w, h};
    ui_fill_round(app->renderer, box, theme_px(t, THEME_RADIUS),
                  theme_mix(theme_color(COLOR_SURFACE_HI), theme_color(app->notice_color), 0.12f));
    SDL_Rect bar = {box.x, box.y, theme_px(t, 6), box.h};
    ui_fill_round(app->renderer, bar, bar.w / 2, theme_color(app->notice_color));
    text_draw(app->text, &spec, box.x + 2 * pad, box.y + theme_px(t, 12), app->notice);
    app_record_widget(app, box, app->notice, 0);
}

static void draw_frame(App *app)
{
    app->widget_count = 0;
    app->back_button = (SDL_Rect){0, 0, 0, 0};
    SDL_Color bg = theme_color(COLOR_BG);
    SDL_RenderSetClipRect(app->renderer, NULL);
    SDL_SetRenderDrawBlendMode(app->renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(app->renderer, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(app->renderer);
    const Scene *scene = current(app);
    if (scene->draw)
        scene->draw(app, current_state(app));
    SDL_RenderSetClipRect(app->renderer, NULL);
    draw_notice(app);
}

/* One iteration: events (waiting up to timeout ms for the first; 0 = do
 * not wait, -1 = wait for ever), update, draw if needed. */
static int iterate(App *app, int timeout)
{
    int count = 0;
    SDL_Event e;
    app->animating = false;
    if (timeout != 0 && SDL_WaitEventTimeout(&e, timeout)) {
        handle(app, &e);
        apply_switch(app);
        count++;
    }
    while (app->running && SDL_PollEvent(&e)) {
        handle(app, &e);
        apply_switch(app);
        count++;
    }
    app->now_ms = clock_ms(app);
    if (app->wake_at && app->now_ms >= app->wake_at) {
        app->wake_at = 0;
        app->dirty = true;
    }
    if (app->notice[0] && app->now_ms >= app->notice_until) {
        app->notice[0] = '\0';
        app->dirty = true;
    }
    const Scene *scene = current(app);
    if (scene->update)
        scene->update(app, current_state(app), app->now_ms);
    apply_switch(app);
    if (app->dirty || app->animating) {
        app->dirty = false;
        draw_frame(app);
        SDL_RenderPresent(app->renderer);
    }
    return count;
}

static int next_timeout(const App *app)
{
    if (app->dirty || app->pending_count > 0)
        return 0;
    if (app->animating)
        return FRAME_MS;
    uint64_t now = clock_ms(app);
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

void app_notice(App *app, ThemeColor color, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vsnprintf(app->notice, sizeof app->notice, format, ap);
    va_end(ap);
    app->notice_color = color;
    app->now_ms = clock_ms(app);
    app->notice_since = app->now_ms;
    app->notice_until = app->now_ms + (color == COLOR_BAD ? NOTICE_ERROR_MS : NOTICE_MS);
    app->dirty = true;
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

/* ---- drag and drop ----------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Copies src to dst through a temporary file and a rename (design rule 8). */
static bool copy_file(const char *src, const char *dst)
{
    char tmp[APP_PATH_MAX + 320];
    snprintf(tmp, sizeof tmp, "%s.tmp", dst);
    FILE *in = fopen(src, "rb");
    if (!in)
        return false;
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        fclose(in);
        return false;
    }
    char buf[16384];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            ok = false;
    if (ferror(in))
        ok = false;
    fclose(in);
    if (fclose(out) != 0)
        ok = false;
    if (ok && rename(tmp, dst) != 0)
        ok = false;
    if (!ok)
        remove(tmp);
    return ok;
}

bool app_add_pack_file(App *app, const char *path)
{
    DiagList diags = {0};
    Pack *pack = pack_load_file(path, &diags);
    if (!pack) {
        char first[600] = "";
        for (size_t i = 0; i < diags.count; i++) {
            if (diags.items[i].severity == DIAG_ERROR) {
                Diag d = diags.items[i];
                d.file = (char *)base_name(d.file);
                diag_format(&d, first, sizeof first);
                break;
            }
        }
        if (diags.error_count > 1)
            app_notice(app, COLOR_BAD, "%s was not added: %s (and %s more errors)", base_name(path),
                       first, ui_format_int((int64_t)diags.error_count - 1).text);
        else
            app_notice(app, COLOR_BAD, "%s was not added: %s", base_name(path), first);
        diag_clear(&diags);
        /* List it with its errors on the packs screen too. */
        pack_set_add_path(&app->packs, path);
        return false;
    }
    diag_clear(&diags);
    bool added = false;
    Pack *twin = pack_set_find(&app->packs, pack->id);
    if (twin) {
        app_notice(app, COLOR_WARN, "A pack with id \"%s\" is already loaded (%s).", pack->id,
                   base_name(twin->path));
    } else if (!make_dir(app->user_packs_dir)) {
        app_notice(app, COLOR_BAD, "Cannot create the packs folder %s", app->user_packs_dir);
    } else {
        char dst[APP_PATH_MAX + 300];
        const char *name = base_name(path);
        snprintf(dst, sizeof dst, "%s/%s", app->user_packs_dir, name);
        /* Never overwrite a different pack of the same file name. */
        for (int k = 2; k < 100; k++) {
            struct stat st;
            if (stat(dst, &st) != 0)
                break;
            size_t stem = strcspn(name, ".");
            snprintf(dst, sizeof dst, "%s/%.*s-%d.yaml", app->user_packs_dir, (int)stem, name, k);
        }
        if (!copy_file(path, dst)) {
            app_notice(app, COLOR_BAD, "Could not copy %s into %s", name, app->user_packs_dir);
        } else {
            size_t before = app->packs.pack_count;
            pack_set_add_path(&app->packs, dst);
            selection_sync(app);
            added = app->packs.pack_count > before;
            if (added)
                app_notice(app, COLOR_GOOD, "Added \"%s\" (%s questions) to your packs.",
                           pack->title, ui_format_int((int64_t)pack->question_count).text);
        }
    }
    pack_free(pack);
    app->dirty = true;
    return added;
}

/* ---- create / destroy -------------------------------------------------- */

App *app_create(const AppConfig *config)
{
    if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER) != 0) {
        fprintf(stderr, "quizdeck: cannot start SDL: %s\n", SDL_GetError());
        return NULL;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "quizdeck: cannot start SDL_ttf: %s\n", TTF_GetError());
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER);
        return NULL;
    }
    App *app = calloc(1, sizeof *app);
    if (!app) {
        TTF_Quit();
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER);
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
        app->renderer = SDL_CreateRenderer(app->window, -1, 0);
    if (!app->renderer) {
        fprintf(stderr, "quizdeck: cannot open a window: %s\n", SDL_GetError());
        app_destroy(app);
        return NULL;
    }
    SDL_SetWindowMinimumSize(app->window, 640, 480);
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
    open_store(app);
    load_settings(app);
    app_apply_settings(app, false);

    /* Packs: the given paths, then the player's own folder. */
    for (size_t i = 0; i < config->pack_path_count; i++)
        if (config->pack_paths[i])
            pack_set_add_path(&app->packs, config->pack_paths[i]);
    if (is_dir(app->user_packs_dir))
        pack_set_add_path(&app->packs, app->user_packs_dir);
    selection_sync(app);

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
    app->now_ms = clock_ms(app);
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
    if (app->depth > 0 && current(app)->leave)
        current(app)->leave(app, current_state(app));
    for (int i = 0; i < SCENE_COUNT; i++)
        free(app->scene_state[i]);
    selection_free(&app->selection);
    app_end_round(app);
    pack_set_free(&app->packs);
    store_close(app->store);
    text_destroy(app->text);
    input_shutdown(&app->input);
    if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->window)
        SDL_DestroyWindow(app->window);
    free(app);
    SDL_StopTextInput();
    TTF_Quit();
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_GAMECONTROLLER);
}

/* ---- test helpers ------------------------------------------------------ */

bool app_read_pixel(App *app, int x, int y, SDL_Color *out)
{
    if (x < 0 || y < 0 || x >= app->theme.out_w || y >= app->theme.out_h)
        return false;
    draw_frame(app);
    Uint32 px = 0;
    SDL_Rect r = {x, y, 1, 1};
    if (SDL_RenderReadPixels(app->renderer, &r, SDL_PIXELFORMAT_ARGB8888, &px, 4) != 0)
        return false;
    out->a = (Uint8)(px >> 24);
    out->r = (Uint8)(px >> 16);
    out->g = (Uint8)(px >> 8);
    out->b = (Uint8)px;
    return true;
}

bool app_save_frame(App *app, const char *bmp_path)
{
    draw_frame(app);
    int w = app->theme.out_w, h = app->theme.out_h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s == NULL)
        return false;
    bool ok = SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
                                   s->pitch) == 0 &&
              SDL_SaveBMP(s, bmp_path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

size_t app_widget_count(const App *app)
{
    return app->widget_count;
}

const AppWidget *app_widget(const App *app, size_t index)
{
    return index < app->widget_count ? &app->widgets[index] : NULL;
}

const AppWidget *app_find_widget(const App *app, const char *label)
{
    for (size_t i = 0; i < app->widget_count; i++)
        if (strcmp(app->widgets[i].label, label) == 0)
            return &app->widgets[i];
    return NULL;
}

void app_test_key(App *app, SDL_Keycode key, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(app->window);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void app_test_click(App *app, int x, int y)
{
    int wx = (int)((float)x / (app->input.pixel_x > 0 ? app->input.pixel_x : 1.0f));
    int wy = (int)((float)y / (app->input.pixel_y > 0 ? app->input.pixel_y : 1.0f));
    Uint32 id = SDL_GetWindowID(app->window);
    SDL_Event e = {0};
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = id;
    e.motion.x = wx;
    e.motion.y = wy;
    SDL_PushEvent(&e);
    memset(&e, 0, sizeof e);
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.windowID = id;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = wx;
    e.button.y = wy;
    SDL_PushEvent(&e);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

void app_test_text(App *app, const char *utf8)
{
    SDL_Event e = {0};
    e.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(app->window);
    snprintf(e.text.text, sizeof e.text.text, "%s", utf8);
    SDL_PushEvent(&e);
}

void app_test_resize(App *app, int w, int h)
{
    SDL_SetWindowSize(app->window, w, h);
    /* The dummy driver may not send an event; the size is read anyway. */
    resized(app);
}

void app_test_set_clock(App *app, uint64_t ms)
{
    app->test_clock = ms;
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
    if (app->first_launch && app->store)
        app_go_with(app, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_FIRST_LAUNCH});
    int status = app_run(app);
    app_destroy(app);
    SDL_Quit();
    return status;
}

/* ---- rounds ------------------------------------------------------------ */

void app_end_round(App *app)
{
    if (app->round_active)
        round_free(&app->round);
    app->round_active = false;
    app->round_id = 0;
}

bool app_start_round(App *app, const RoundSettings *settings, bool all_packs)
{
    app_end_round(app);
    size_t n = 0;
    Pack **packs = calloc(app->packs.pack_count ? app->packs.pack_count : 1, sizeof *packs);
    if (!packs)
        return false;
    for (size_t i = 0; i < app->packs.pack_count; i++)
        if (all_packs || (i < app->selection.count && app->selection.pack[i]))
            packs[n++] = app->packs.packs[i];
    RoundStatus status = n ? round_start(&app->round, packs, n, settings) : ROUND_NO_QUESTIONS;
    if (status != ROUND_OK) {
        free(packs);
        app_notice(app, COLOR_WARN, "Cannot start the round: %s", round_status_message(status));
        return false;
    }
    app->round_active = true;
    if (app->store) {
        const char **ids = calloc(n, sizeof *ids);
        if (ids) {
            for (size_t i = 0; i < n; i++)
                ids[i] = packs[i]->id;
            char summary[160];
            snprintf(summary, sizeof summary,
                     "{\"count\":%zu,\"time\":%d,\"fixed\":%d,\"scoring\":%d,\"streak\":%d}",
                     settings->question_count, (int)settings->time_mode, settings->fixed_seconds,
                     (int)settings->scoring, settings->streak_bonus ? 1 : 0);
            StoreRoundStart start = {
                .profile_id = app->profile_id,
                .started_at = app_unix_ms(),
                .seed = settings->seed,
                .mode = settings->time_mode == ROUND_TIME_OFF ? "practice" : "timed",
                .settings = summary,
                .pack_ids = ids,
                .pack_count = n,
                .question_count = (int)app->round.question_count,
            };
            StoreError err = {0};
            if (store_round_begin(app->store, &start, &app->round_id, &err) != STORE_OK) {
                app->round_id = 0;
                app_notice(app, COLOR_WARN, "This round will not be saved: %s", err.message);
            }
            free(ids);
        }
    }
    free(packs);
    app_go(app, SCENE_QUESTION);
    return true;
}
