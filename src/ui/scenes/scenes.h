/* scenes.h - every scene of the game, by id, and its table entry.
 *
 * A scene is one screen: a table of {enter, leave, event, update, draw}
 * (struct Scene in app.h; design rule 5). Each scene_*.c file defines one
 * `const Scene scene_xxx` and nothing else public; app.c puts them in the
 * scene table by id. To add a scene: add its id here, its extern below, one
 * line in app.c's table, and the file.
 *
 * The play scenes (question, feedback, results) and the learner scenes
 * (profiles, study, study statistics; see study_ui.h) live in their own
 * files like the menus.
 */
#ifndef QUIZDECK_SCENES_H
#define QUIZDECK_SCENES_H

#include <stdbool.h>

typedef struct Scene Scene;
typedef struct App App;

typedef enum SceneId {
    SCENE_TITLE = 0, /* the main menu; the bottom of the back stack */
    SCENE_PACKS,     /* choose packs and topics */
    SCENE_SETUP,     /* round setup: count, time, scoring; Start */
    SCENE_SETTINGS,
    SCENE_PROGRESS,
    SCENE_QUESTION,      /* one question of the round (play.h) */
    SCENE_FEEDBACK,      /* right/wrong + explanation, after each answer */
    SCENE_RESULTS,       /* the round's results */
    SCENE_PROFILES,      /* learners: switch, add, rename, delete (study_ui.h) */
    SCENE_STUDY,         /* a flashcard session */
    SCENE_STUDY_STATS,   /* flashcard statistics and study settings */
    SCENE_SESSION,       /* a class session: intro, the student's name, Start */
    SCENE_CLASS_RESULTS, /* a session folder's report, refreshed as results arrive */
    SCENE_COUNT
} SceneId;

/* How the packs screen opens. */
typedef enum PacksOpen {
    PACKS_CHOOSE = 0, /* "Play a round": tick packs and topics, then Continue */
    PACKS_BROWSE,     /* "Packs": every pack with its details, nothing to tick */
    PACKS_STUDY,      /* the packs to study as flashcards; Done goes back */
} PacksOpen;

/* How the learners screen opens. */
typedef enum ProfilesOpen {
    PROFILES_MANAGE = 0,   /* list, switch, add, rename, delete */
    PROFILES_FIRST_LAUNCH, /* ask for the first learner's name; no way out without one */
} ProfilesOpen;

/* What a scene's enter() is told beyond the scene the player came from:
 * one member per scene that takes something, read only by that scene.
 * Zeroed, every member is its first value; enter() always gets one (a
 * zeroed one after app_go, app_back, app_replace and app_home), never
 * NULL. Give it with app_go_with (app.h):
 *
 *     app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_BROWSE});
 */
typedef struct SceneArg {
    PacksOpen packs;       /* SCENE_PACKS */
    ProfilesOpen profiles; /* SCENE_PROFILES */
    const char *session;   /* SCENE_SESSION, SCENE_CLASS_RESULTS: its folder (read at enter) */
    bool session_locked;   /* SCENE_SESSION: a class computer (--session): Esc stays */
} SceneArg;

extern const Scene scene_title;         /* scene_title.c */
extern const Scene scene_packs;         /* scene_packs.c */
extern const Scene scene_setup;         /* scene_setup.c */
extern const Scene scene_settings;      /* scene_settings.c */
extern const Scene scene_progress;      /* scene_progress.c */
extern const Scene scene_question;      /* scene_question.c */
extern const Scene scene_feedback;      /* scene_feedback.c */
extern const Scene scene_results;       /* scene_results.c */
extern const Scene scene_profiles;      /* scene_profiles.c */
extern const Scene scene_study;         /* scene_study.c */
extern const Scene scene_study_stats;   /* scene_study_stats.c */
extern const Scene scene_session;       /* scene_session.c */
extern const Scene scene_class_results; /* scene_class_results.c */

/* The one exception to "nothing else public": the session scene owns a
 * ClassSession and ClassPlay beyond its visits; app_destroy() calls this
 * to free them (an attempt not ended stays unfinished, as after a kill). */
void scene_session_close(App *app);

/* A file or folder dropped on the window: when it is a session folder or
 * a session.yaml, opens it on the session screen and returns true; else
 * false (then it may be a pack). */
bool scene_session_drop(App *app, const char *path);

#endif
