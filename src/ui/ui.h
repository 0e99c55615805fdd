/* ui.h - the one seam between the command line (src/main.c) and the game.
 *
 * main.c parses options and finds the pack folders; ui_run() opens the window
 * and runs the single event loop (design rule 5) until the player quits.
 */
#ifndef QUIZDECK_UI_H
#define QUIZDECK_UI_H

#include <stddef.h>

typedef struct UiLaunch {
    const char *const *pack_paths; /* folders or files: shipped first, then --packs */
    size_t pack_path_count;
    const char *data_dir; /* where the database lives; NULL = SDL_GetPrefPath */
    int width, height;    /* initial window size in logical units; 0 = default */
    const char *session;  /* --session: open this class session first; NULL = the menu */
} UiLaunch;

/* Runs the game; returns the process exit status (0 on a normal quit). */
int ui_run(const UiLaunch *launch);

#endif
