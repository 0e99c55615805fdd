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
 *   study_ui_today: what is left to study today, one count for all screens;
 *     study_ui_today_count: the same without a deck of unseen cards.
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

/* A learn_deck_build or learn_deck_build_seen. */
typedef StoreStatus (*StudyUiDeckBuild)(LearnDeck *deck, Store *store, int64_t profile_id,
                                        Pack *const *packs, size_t pack_count, int64_t now_ms,
                                        const FsrsDayRule *rule, StoreError *err);

/* `build` over the packs the current learner studies (app_study_packs: the
 * ticked ones, or all) at now_ms. */
static inline StoreStatus study_ui_deck_with(App *app, StudyUiDeckBuild build, LearnDeck *deck,
                                             int64_t now_ms, const FsrsDayRule *rule,
                                             StoreError *err)
{
    Pack **packs = calloc(app->packs.pack_count ? app->packs.pack_count : 1, sizeof *packs);
    if (packs == NULL) {
        memset(deck, 0, sizeof *deck);
        if (err != NULL)
            snprintf(err->message, sizeof err->message, "%s", _("Out of memory."));
        return STORE_NO_MEMORY;
    }
    size_t n = app_study_packs(app, packs);
    StoreStatus st = build(deck, app->store, app->profile_id, packs, n, now_ms, rule, err);
    free(packs);
    return st;
}

/* Builds the current learner's deck over the packs they study at now_ms,
 * as the study screen and its statistics do, so they agree with the
 * title's count (study_ui_today_count). The caller frees *deck with
 * learn_deck_free. */
static inline StoreStatus study_ui_deck(App *app, LearnDeck *deck, int64_t now_ms,
                                        const FsrsDayRule *rule, StoreError *err)
{
    return study_ui_deck_with(app, learn_deck_build, deck, now_ms, rule, err);
}

/* What is left to study today, counted one way (learn_deck_today) for the
 * study screen's header, its statistics and the title, so they agree:
 * cards in (re)learning due today (now or later today), reviews due today
 * (overdue included), and the new cards today's limit lets in. */
typedef LearnToday StudyUiToday;

static inline StudyUiToday study_ui_today(const LearnDeck *deck, const LearnSettings *settings,
                                          int64_t now_ms, const FsrsDayRule *rule)
{
    return learn_deck_today(deck, settings, now_ms, rule);
}

/* study_ui_today over the packs the learner studies, for a screen that
 * only shows the count (the title): built from the stored cards alone
 * (learn_deck_build_seen), so a large pack of unseen questions costs no
 * deck. False (and *out zeroed) when the store cannot be read. */
static inline bool study_ui_today_count(App *app, const LearnSettings *settings, int64_t now_ms,
                                        const FsrsDayRule *rule, StudyUiToday *out)
{
    memset(out, 0, sizeof *out);
    LearnDeck deck;
    if (study_ui_deck_with(app, learn_deck_build_seen, &deck, now_ms, rule, NULL) != STORE_OK)
        return false;
    *out = study_ui_today(&deck, settings, now_ms, rule);
    learn_deck_free(&deck);
    return true;
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
