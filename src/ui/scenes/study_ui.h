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
 *   study_ui_today: what is left to study today, one count for all screens.
 *   study_ui_packs_text: "All packs" or "2 of 5 packs".
 *   study_ui_profile_name: the current learner's name, for the title screen.
 */
#ifndef QUIZDECK_STUDY_UI_H
#define QUIZDECK_STUDY_UI_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "format.h"
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

/* What is left to study today, counted one way for the study screen's
 * header, its statistics and the title, so they agree: cards in
 * (re)learning due today (now or later today), reviews due today (overdue
 * included), and the new cards today's limit lets in. */
typedef struct StudyUiToday {
    size_t learning, review, fresh;
} StudyUiToday;

static inline StudyUiToday study_ui_today(const LearnDeck *deck, const LearnSettings *settings,
                                          int64_t now_ms, const FsrsDayRule *rule)
{
    StudyUiToday t = {0, 0, 0};
    StudyQueueInfo info;
    memset(&info, 0, sizeof info);
    size_t index;
    learn_deck_next(deck, settings, now_ms, rule, &index, &info);
    t.review = info.review_due;
    t.fresh = info.new_queued;
    int64_t today = fsrs_day_number(now_ms, rule);
    for (size_t i = 0; i < deck->count; i++) {
        FsrsState st = deck->cards[i].state;
        if ((st == FSRS_STATE_LEARNING || st == FSRS_STATE_RELEARNING) &&
            !(deck->buried != NULL && deck->buried[i]) &&
            fsrs_day_number(deck->cards[i].due_ms, rule) <= today)
            t.learning++;
    }
    return t;
}

/* "All packs" or "2 of 5 packs": what the learner studies. */
static inline void study_ui_packs_text(const App *app, char *buf, size_t size)
{
    size_t ticked = 0;
    for (size_t i = 0; i < app->study_selection.count && i < app->packs.pack_count; i++)
        ticked += app->study_selection.pack[i];
    if (ticked == 0 || ticked == app->packs.pack_count)
        snprintf(buf, size, "%s", _("All packs"));
    else
        snprintf(buf, size,
                 i18n_plural("%s of %s pack", "%s of %s packs", (int64_t)app->packs.pack_count),
                 ui_format_int((int64_t)ticked).text,
                 ui_format_int((int64_t)app->packs.pack_count).text);
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
