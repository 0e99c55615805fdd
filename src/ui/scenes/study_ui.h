/* study_ui.h - the learner scenes (profiles, study, study statistics) and the
 * few helpers they and the play scenes share.
 *
 * The scenes are ordinary table entries (read app.h and scenes.h first);
 * they are defined in scene_profiles.c, scene_study.c and
 * scene_study_stats.c. The helpers are static inline so that each scene
 * file keeps one public symbol: its Scene.
 *
 *   study_ui_settings / study_ui_rule / study_ui_params: the current
 *     profile's study settings, day rule (the machine's time zone through
 *     learn_local_utc_offset) and FSRS parameters.
 *   study_ui_deck: the learner's deck over the packs they study.
 *   study_ui_profile_name: the current learner's name, for the title screen.
 */
#ifndef QUIZDECK_STUDY_UI_H
#define QUIZDECK_STUDY_UI_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "learn.h"

extern const Scene scene_profiles;    /* scene_profiles.c */
extern const Scene scene_study;       /* scene_study.c */
extern const Scene scene_study_stats; /* scene_study_stats.c */

static inline LearnSettings study_ui_settings(App *app)
{
    return learn_settings_load(app->store, app->profile_id);
}

static inline FsrsDayRule study_ui_rule(const LearnSettings *settings)
{
    return learn_day_rule(settings, 0, learn_local_utc_offset, NULL);
}

static inline FsrsParams study_ui_params(const LearnSettings *settings)
{
    return learn_params(settings);
}

/* Builds the current learner's deck over the packs they study
 * (app_study_packs: the ticked ones, or all) at now_ms, as the study
 * screen, its statistics and the title's count all do, so they agree.
 * The caller frees *deck with learn_deck_free. */
static inline StoreStatus study_ui_deck(App *app, LearnDeck *deck, int64_t now_ms,
                                        const FsrsDayRule *rule, StoreError *err)
{
    Pack **packs = calloc(app->packs.pack_count ? app->packs.pack_count : 1, sizeof *packs);
    if (packs == NULL) {
        memset(deck, 0, sizeof *deck);
        if (err != NULL)
            snprintf(err->message, sizeof err->message, "%s", _("Out of memory."));
        return STORE_NO_MEMORY;
    }
    size_t n = app_study_packs(app, packs);
    StoreStatus st =
        learn_deck_build(deck, app->store, app->profile_id, packs, n, now_ms, rule, err);
    free(packs);
    return st;
}

/* The current learner's name into buf ("" when there is no store or no
 * profile). True when there is one. */
static inline bool study_ui_profile_name(App *app, char *buf, size_t size)
{
    if (size > 0)
        buf[0] = '\0';
    if (app->store == NULL || size == 0)
        return false;
    StoreProfileList list = {0};
    bool found = false;
    if (store_profile_list(app->store, &list, NULL) == STORE_OK) {
        for (size_t i = 0; i < list.count; i++) {
            if (list.items[i].id == app->profile_id) {
                snprintf(buf, size, "%s", list.items[i].name);
                found = true;
                break;
            }
        }
    }
    store_profile_list_free(&list);
    return found;
}

#endif
