/* app.h - the App: window, renderer, packs, store, settings, and the one
 * event loop that drives the scene table (design rule 5).
 *
 * There is exactly one loop (app_run / app_pump). It waits in
 * SDL_WaitEventTimeout while nothing moves, maps each event to a UiEvent
 * (input.h) and hands it to the current scene, calls the scene's update
 * with the time, and redraws only when something changed: an event, a
 * scene calling app_redraw(), an animation asking for frames with
 * app_animate(), or a timer it set with app_wake_at(). Scenes never loop,
 * sleep or present.
 *
 * Scene switches are requested (app_go / app_back / app_replace / app_home)
 * and happen after the current handler returns: leave() of the old scene,
 * then enter() of the new one. Esc / B / right click that a scene does not
 * handle goes back one step.
 *
 * Tests drive the same loop: app_create() with a data folder, pack paths
 * and a window size, SDL_PushEvent, app_pump() to run iterations without
 * blocking, app_read_pixel() to look at the frame, and app_find_widget()
 * for where a labelled widget was drawn (tests/support/ui_driver.h wraps
 * all of it for the UI tests).
 *
 * Read scenes.h for the scene ids, widgets.h for drawing, then a scene
 * (scene_title.c is the shortest).
 */
#ifndef QUIZDECK_APP_H
#define QUIZDECK_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "audio.h"
#include "input.h"
#include "pack_set.h"
#include "quiz.h"
#include "scenes.h"
#include "store.h"
#include "text.h"
#include "theme.h"

typedef struct App App;
typedef struct AppDialog AppDialog;

/* One scene's table entry. Every function may be NULL. `state` is the
 * scene's own block of state_size bytes, allocated zeroed by the App when
 * the App is created and kept until it is destroyed (so it survives leave
 * and enter; reset what must be fresh in enter). */
struct Scene {
    const char *name; /* for logs and tests: "title" */
    size_t state_size;
    /* The scene becomes current; `from` is the scene before it, `arg` what
     * the switch gave it (scenes.h; never NULL, zeroed when nothing). */
    void (*enter)(App *app, void *state, SceneId from, const SceneArg *arg);
    /* The scene stops being current (free per-visit resources here). */
    void (*leave)(App *app, void *state);
    /* One input event. Return true when handled; an unhandled ACTION_BACK
     * goes back one step. Any event causes a redraw. */
    bool (*event)(App *app, void *state, const UiEvent *event);
    /* Once per loop iteration with the clock (ms, SDL_GetTicks64 or the
     * test clock); advance timers here, call app_redraw/app_animate. */
    void (*update)(App *app, void *state, uint64_t now_ms);
    /* Draws the whole scene (the App cleared the frame to COLOR_BG and
     * draws the notice banner on top afterwards). */
    void (*draw)(App *app, void *state);
};

/* What the round setup screen offers; remembered in the store. */
typedef enum SetupTime {
    SETUP_TIME_OFF = 0,  /* untimed */
    SETUP_TIME_PACK = 1, /* each question's own time_limit */
    /* otherwise: the number of seconds (10, 20, 30, 60) */
} SetupTime;

typedef enum SetupScoring {
    SETUP_SCORING_SPEED = 0, /* points with a speed bonus */
    SETUP_SCORING_ACCURACY,  /* right answers only */
} SetupScoring;

/* The player's settings. Persisted in the store (global settings, keys
 * "ui.*") by app_save_settings(). */
typedef struct UiSettings {
    int font_scale; /* percent, 75..200 */
    bool reduced_motion;
    bool fullscreen;
    int question_count; /* 5, 10, 20, or 0 = all */
    int time_limit;     /* SetupTime or seconds */
    int scoring;        /* SetupScoring */
    bool streak_bonus;
    int language;       /* UiLanguage: the interface language */
    bool arabic_digits; /* numbers in Arabic-Indic digits (format.h) */
    int volume;         /* sound, percent 0..100; 0 (the default) = off, no audio device */
} UiSettings;

/* The interface language setting ("ui.language"). A learner who never
 * chose one follows the desktop (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), so
 * the first launch on an Arabic desktop is in Arabic from the name prompt
 * on. */
typedef enum UiLanguage {
    UI_LANGUAGE_DESKTOP = 0,
    UI_LANGUAGE_ENGLISH,
    UI_LANGUAGE_ARABIC,
    UI_LANGUAGE_COUNT
} UiLanguage;

/* The language code i18n_set_language() takes for a setting ("en", "ar";
 * NULL for the desktop's). */
const char *app_language_code(int language);

/* What the player picked on the packs screen. Indices follow
 * app->packs.packs; a pack with no topic ticked means all its topics. */
typedef struct Selection {
    bool *pack;   /* [packs.pack_count] */
    bool **topic; /* [packs.pack_count][pack->topic_count] */
    size_t count; /* how many entries pack/topic have */
} Selection;

/* Which selection: the packs and topics a round is played from (the
 * Choose packs screen), or the packs studied as flashcards (none ticked
 * means every pack, like Anki with every deck). */
typedef enum AppSelectionKind {
    APP_SELECTION_PLAY = 0,
    APP_SELECTION_STUDY = 1,
} AppSelectionKind;

/* A round the game was closed or killed in, which the title screen offers
 * to take up (app_resume_round); round_id 0 when there is none. */
typedef struct AppResume {
    int64_t round_id;
    int answered;
    int question_count;
} AppResume;

/* A labelled widget as drawn in the last frame (for tests and tools). */
typedef struct AppWidget {
    SDL_Rect rect; /* renderer pixels */
    char label[96];
    unsigned flags; /* WIDGET_* of widgets.h */
    int text_px;    /* the pixel size of its text when told (app_record_text_px), else 0 */
} AppWidget;

enum {
    APP_MAX_WIDGETS = 256,
    APP_NOTICE_MAX = 512,
    APP_PATH_MAX = 1024,
    APP_MIN_W = 640, /* the window's least size, in points: kept even when */
    APP_MIN_H = 480, /* a window manager ignores the hint */
};

struct App {
    SDL_Window *window;
    SDL_Renderer *renderer;
    Theme theme;     /* sizes; updated on every resize */
    TextCache *text; /* draw text with text_draw(app->text, ...) */
    Input input;

    /* Packs: shipped folders first, then --packs, then data_dir/packs. */
    PackSet packs;
    Selection selection;               /* APP_SELECTION_PLAY */
    Selection study_selection;         /* APP_SELECTION_STUDY: packs only, topics unused */
    char user_packs_dir[APP_PATH_MAX]; /* where dropped packs are copied */
    /* The pack paths it was started with (AppConfig; borrowed, they must
     * outlive the App): a class session looks for its packs there too. */
    const char *const *launch_paths;
    size_t launch_path_count;

    /* The store; NULL when it could not be opened (play without saving;
     * store_message says why, for the screen). */
    Store *store;
    int64_t profile_id; /* the current profile (the first one, made at start) */
    bool first_launch;  /* the store had no profile: this launch made "Player" */
    char store_message[STORE_MESSAGE_SIZE + 64];
    char data_dir[APP_PATH_MAX];

    UiSettings settings;
    uint64_t now_ms;  /* the clock of this loop iteration */
    AppResume resume; /* the unfinished round on offer (app_store.c) */
    bool played;      /* a round was finished since launch: "Play again" */

    /* The round being played, by the core's play engine (quiz.h): made by
     * app_start_round(); the play scenes read quiz.round and pass every
     * answer to it through play.h; quiz.active is false when there is
     * none. The scenes never write the store for play themselves. */
    Quiz quiz;
    /* A class attempt being played instead (scene_session.c owns it and
     * sets this while it runs); NULL otherwise. The play scenes reach the
     * round through play_quiz() (play.h), which picks the one running. */
    struct ClassPlay *class_play;

    /* --- private to the App's own files (app_private.h) below this line --- */
    const Scene *scenes[SCENE_COUNT];
    void *scene_state[SCENE_COUNT];
    SceneId stack[16];
    int depth;         /* stack[depth - 1] is current */
    int pending_op[4]; /* requested switches, applied in order after the handler */
    SceneId pending_id[4];
    SceneArg pending_arg[4];
    int pending_count;
    bool running, dirty, animating;
    bool pads_started;    /* the game-controller subsystem, started after the first frame */
    uint64_t wake_at;     /* 0 = none */
    uint64_t guard_until; /* input before this (loop clock) is dropped: app_guard_input */
    bool repeat_blocked;  /* key repeats are dropped until the next fresh key press */
    uint64_t test_clock;  /* 0 = the real clock */
    char notice[APP_NOTICE_MAX];
    ThemeColor notice_color;
    uint64_t notice_until;
    uint64_t notice_since; /* when it appeared: it may be dismissed after a while */
    int notice_strip;      /* pixels at the bottom kept for it; theme.out_h leaves them out */
    AppDialog *dialog;     /* the question app_ask put (app_dialog.c); NULL until one */
    struct AppPackPaths *pack_paths; /* what app_packs_load loaded, to load again (app_packs.c) */
    struct AppDrop *drop;            /* a dropped pack waiting for "Replace?" (app_drop.c) */
    Audio *audio;                    /* the sound device (audio.h); NULL while the volume is 0 */
    SDL_Rect back_button;            /* as laid out (left to right; see app.c, mirroring) */
    SDL_Texture *mirror_frame;       /* right to left: the frame before its flip */
    bool mirrored;                   /* the last frame was drawn mirrored (app.c) */
    int mirror_w, mirror_h;
    AppWidget widgets[APP_MAX_WIDGETS];

    size_t widget_count;
    int exit_status;
};

typedef struct AppConfig {
    const char *const *pack_paths; /* folders or files, in order */
    size_t pack_path_count;
    const char *data_dir; /* NULL = SDL_GetPrefPath("quizdeck", "quizdeck") */
    int width, height;    /* window size in points; 0 = 1280 x 720 */
    bool hidden;          /* tests: do not show the window */
} AppConfig;

/* Starts SDL (video, game controller), TTF, opens the window, finds fonts,
 * loads the packs and opens the store. Returns NULL only when there is no
 * window or no font at all (message on stderr); the caller owns the App and
 * frees it with app_destroy(). SDL_Quit is left to the caller. */
App *app_create(const AppConfig *config);

/* Closes everything app_create opened (the current scene gets leave()). */
void app_destroy(App *app);

/* Runs the loop until the player quits; returns the exit status. */
int app_run(App *app);

/* Tests: runs up to max_iterations loop iterations without blocking (each
 * one: all queued events, update, draw if needed) and returns how many
 * events were handled. Stops early when the app quits. */
int app_pump(App *app, int max_iterations);

/* ---- for scenes -------------------------------------------------------- */

/* The current scene's id. */
SceneId app_scene(const App *app);

/* Switches: push a scene (back returns here), pop one, replace the current
 * one (question -> feedback), or go back to the title with an empty stack.
 * Applied after the current event/update returns, in the order requested
 * (so app_home then app_go works). app_go_with hands the new scene's
 * enter() a copy of `arg` (NULL: a zeroed one, as app_go does). */
void app_go(App *app, SceneId id);
void app_go_with(App *app, SceneId id, const SceneArg *arg);
void app_back(App *app);
void app_replace(App *app, SceneId id);
void app_home(App *app);

/* Ends the loop (Quit on the title screen, window closed). */
void app_quit(App *app);

/* Asks for a redraw at the end of this iteration. */
void app_redraw(App *app);

/* Asks for another frame soon (~60 per second): call from update/draw for
 * as long as something moves. Ignored frames cost nothing when idle. */
void app_animate(App *app);

/* Wakes the loop at now_ms (e.g. the next second of a visible countdown). */
void app_wake_at(App *app, uint64_t at_ms);

/* Drops the player's input for `ms` from now: key presses (but Esc), typed
 * text, clicks and gamepad buttons (but B). A scene that answers on one
 * key (a new question, a feedback or results screen) calls it in enter(),
 * so that a second press meant for the screen before (Enter, Enter) is not
 * taken as an answer to one not yet seen. Key repeats are dropped anyway
 * after every scene switch until a key is pressed afresh: a held key never
 * runs on into the next screen. */
void app_guard_input(App *app, uint32_t ms);

enum { APP_INPUT_GUARD_MS = 300 }; /* the guard of a new question or result */

/* Shows a banner at the bottom for a few seconds (COLOR_BAD for errors,
 * COLOR_WARN, COLOR_GOOD, COLOR_ACCENT for information). */
void app_notice(App *app, ThemeColor color, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A question put to the player over the current scene, modal: a title, a
 * line or two, and two answers. The focus starts on `no`, the harmless
 * answer, which Enter, Esc and N also give; `yes` (or Y) calls on_yes. The
 * texts are copied. While it is up the scene gets no input but still its
 * update() (a timed question pauses: see app_asking). */
typedef struct AppAsk {
    const char *title; /* "Quit this round?" */
    const char *body;  /* what it means; may be NULL */
    const char *yes;   /* "Yes, quit" */
    const char *no;    /* "No, keep playing" */
    bool yes_is_danger;
    void (*on_yes)(App *app, void *user);
    void *user;
} AppAsk;

void app_ask(App *app, const AppAsk *ask);

/* Is a question of app_ask up? */
bool app_asking(const App *app);

/* Starts a round in the play engine: over the packs ticked on the packs
 * screen (all loaded packs when all_packs), with `settings` (its
 * topic/only pointers are read now) and the mode the caller knows it is
 * (practice or timed from the setup screen, missed from Progress). A round
 * still being played is left as abandoned first. Goes to SCENE_QUESTION.
 * On failure (no question qualifies) it shows a notice and returns false,
 * staying where it is; a round that plays but cannot be saved says so. */
bool app_start_round(App *app, const RoundSettings *settings, QuizMode mode, bool all_packs);

/* Starts a round with the player's setup choices (app_round_settings)
 * over the ticked packs and topics of app->selection: what Start on the
 * setup screen and Continue on the title do. Practice when untimed, timed
 * otherwise. False (with a notice) when nothing qualifies. */
bool app_start_selected_round(App *app);

/* Frees the round (quiz.active becomes false) after writing any answers
 * still waiting for the store. A round not finished stays unfinished in
 * the store (the next launch reports it): abandon it first to leave it on
 * record as abandoned. */
void app_end_round(App *app);

/* Saves app->settings to the store and applies them (font scale, reduced
 * motion, fullscreen, sound: the audio device is opened when the volume
 * goes above 0 and closed at 0). Safe without a store (then nothing is
 * saved). */
void app_apply_settings(App *app, bool save);

/* Plays a sound cue (audio.h) when the sound is on; nothing otherwise. */
void app_play_sound(App *app, AudioCue cue);

/* The round the player's setup choices ask for (app->settings): question
 * count, time, scoring, streak bonus, and a fresh seed; no topic or
 * question list. */
RoundSettings app_round_settings(const App *app);

/* Does the player's selection offer question q of pack `pack` (an index
 * into app->packs.packs)? It does when the pack is ticked and either none
 * of its topics is, or q's topic is. */
bool app_selection_offers(const App *app, size_t pack, const Question *q);

/* How many questions the selection offers; *packs (may be NULL) gets how
 * many packs are ticked. */
size_t app_selection_questions(const App *app, size_t *packs);

/* How many questions of `pack` are in topic `topic_id`. */
size_t app_topic_size(const Pack *pack, const char *topic_id);

/* The ticks of a selection are remembered per learner, like the round
 * settings (store settings "play.packs", "study.packs", by pack and topic
 * id). app_selection_save writes the current ticks; app_selection_load
 * reads them back (packs no longer loaded are skipped), as app_create and
 * app_set_profile do. */
void app_selection_save(App *app, AppSelectionKind kind);
void app_selection_load(App *app, AppSelectionKind kind);

/* Ticks every loaded pack (with all its topics) or none. Not saved. */
void app_selection_all(App *app, AppSelectionKind kind, bool on);

/* The packs to study, in pack-set order, into out (room for
 * app->packs.pack_count): the ticked ones, or all when none is ticked.
 * Returns how many. */
size_t app_study_packs(const App *app, Pack **out);

/* Takes up app->resume.round_id where it stopped (quiz_resume over the
 * loaded packs) and goes to its next question. When it cannot be (its
 * packs are gone or changed, it was complete) it says why in a notice,
 * stops offering it, and returns false. */
bool app_resume_round(App *app);

/* Stops offering app->resume (the player chose another round); the round
 * stays unfinished in the store and its answers count in Progress. */
void app_decline_resume(App *app);

/* Makes `profile_id` the current learner: marks it last used and loads its
 * settings (font scale, setup choices, ticked packs, ...), which belong to
 * each learner, and finds a round of theirs to resume. */
void app_set_profile(App *app, int64_t profile_id);

/* A click on this rectangle that the scene does not handle goes back one
 * step (widget_header() sets it each frame for its "Back" button). */
void app_set_back_button(App *app, SDL_Rect rect);

/* Records a widget drawn this frame (widgets.h does this for you). */
void app_record_widget(App *app, SDL_Rect rect, const char *label, unsigned flags);

/* Tells the size (pixels) its text was drawn at, for the widget recorded
 * last: tests check that no text is drawn too small to read. */
void app_record_text_px(App *app, int px);

/* A fresh seed for a new round (clock and counter mixed). */
uint64_t app_new_seed(void);

/* Wall-clock unix milliseconds, for the store (not for timers). */
int64_t app_unix_ms(void);

/* A file dropped on the window (the loop calls it on SDL_DROPFILE). It is
 * opened once (a FIFO or a device is refused at once) and read from that
 * descriptor; a pack, or a question bank the importer reads, is copied into
 * the player's packs folder as "<id>.yaml" ("<id>-N.yaml" when that name is
 * taken; no file is ever replaced) and loaded, and a notice says what
 * happened. A pack whose id is already loaded from the packs folder, or
 * whose earlier broken file is there, replaces that file once the player
 * says yes (the old one is moved into removed/). Returns true when a pack
 * was added now. A folder is a class session's: see the comment there. */
bool app_add_pack_file(App *app, const char *path);

/* Starts loading the packs at `paths` (folders or files, in order), then
 * the player's packs folder, through the pack cache, in a worker thread,
 * and keeps the paths for app_packs_reload. Called once, by app_create:
 * the first frame never waits for it. Until the set is ready app->packs is
 * empty and app_packs_loading() is true; then the remembered ticks are
 * applied (app_selection_load) and the screen redrawn. */
void app_packs_load(App *app, const char *const *paths, size_t count);

/* The loader's "done" event: joins the worker and makes its set the App's.
 * True when `e` was that event (the App's handle() calls it first). */
bool app_packs_event(App *app, const SDL_Event *e);

/* Blocks until the load running (the first or a reload) is done and its
 * set is the App's (nothing when none runs). For what must change the set
 * at once: a pack dropped on the window. */
void app_packs_wait(App *app);

/* Is the first load still running? Screens that need packs wait for it. */
bool app_packs_loading(const App *app);

/* Is a reload running? The set in use stays usable meanwhile. */
bool app_packs_reloading(const App *app);

/* "Loading packs… N% (file.yaml)" into out while the first load runs;
 * false (out untouched) when the set is ready. Main thread. */
bool app_packs_loading_line(const App *app, char *out, size_t size);

/* Called on the main thread once a reload's set is the App's. */
typedef void (*AppPacksReady)(App *app);

/* Loads the same paths again in the worker thread, as the first load: the
 * loop goes on meanwhile, the set in use stays the App's (and usable)
 * until the new one is ready, and a reload that takes a while shows its
 * progress in the notice strip. Then the new set replaces it, keeping the
 * ticks by pack id, and `ready` (may be NULL) is called. The set it
 * replaces stays alive until app_packs_free (a round may point into it).
 * Asked while a load runs, it starts when that one is in. */
void app_packs_reload(App *app, AppPacksReady ready);

/* Has a file of the set, or a folder it came from, changed since it was
 * loaded? (For the window regaining focus.) */
bool app_packs_changed(const App *app);

/* Frees the set and everything app_packs_load kept (app_destroy). */
void app_packs_free(App *app);

/* Is `path` a file directly in the player's packs folder (one the game may
 * move aside or replace)? */
bool app_pack_in_user_folder(const App *app, const char *path);

/* Removes a pack file of the player's packs folder by moving it into its
 * removed/ folder (never deleting it), then reloads. False (with a notice)
 * when it could not be moved. */
bool app_remove_pack_file(App *app, const char *path);

/* Makes the player's packs folder if need be and opens it in the file
 * manager (SDL_OpenURL); a notice gives its path when that fails. */
void app_open_packs_folder(App *app);

/* ---- for tests --------------------------------------------------------- */

/* Draws the current frame into the renderer without presenting, then
 * reads one pixel (renderer pixels). False outside the window. */
bool app_read_pixel(App *app, int x, int y, SDL_Color *out);

/* Draws the current frame (without presenting) and saves it as a BMP file
 * at bmp_path: the UI tests' screenshots. False when it could not. */
bool app_save_frame(App *app, const char *bmp_path);

/* Widgets drawn in the last frame; app_find_widget finds the first whose
 * label, as it is seen (bidi marks and isolates left out), equals `label`
 * (NULL when none). */
size_t app_widget_count(const App *app);
const AppWidget *app_widget(const App *app, size_t index);
const AppWidget *app_find_widget(const App *app, const char *label);

/* A label as it is seen: text without its bidi marks and isolates, into
 * out (size bytes, always terminated). */
void app_visible_text(const char *text, char *out, size_t size);

/* Sets the window to w x h and takes the new size at once (the dummy
 * video driver may send no event). Key, text and mouse events are the
 * tests' own (tests/support/ui_driver.h pushes them). */
void app_test_resize(App *app, int w, int h);

/* Fixes the clock at ms (tests of timers); 0 goes back to the real clock. */
void app_test_set_clock(App *app, uint64_t ms);

/* The loop's clock now: the fixed one when set, else SDL's (ms). */
uint64_t app_test_clock(const App *app);

#endif
