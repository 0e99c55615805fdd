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
 *   study_ui_record_quiz: call once per answered question in a quiz round
 *     so the answer counts as a review of its card (see learn.h).
 *   study_ui_profile_name: the current learner's name, for the title screen.
 */
#ifndef QUIZDECK_STUDY_UI_H
#define QUIZDECK_STUDY_UI_H

#include <stdio.h>
#include <string.h>

#include "app.h"
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

/* Counts an answered quiz question as a review of its card(s) for the
 * current profile, at the wall clock. Quietly does nothing without a store;
 * a failure shows a notice (the quiz goes on). Call after round_answer() or
 * round_timeout() with the RoundQuestion just answered. */
static inline void study_ui_record_quiz(App *app, const RoundQuestion *rq)
{
    if (app->store == NULL || rq == NULL || !rq->answered)
        return;
    LearnSettings s = study_ui_settings(app);
    FsrsDayRule rule = study_ui_rule(&s);
    FsrsParams params = study_ui_params(&s);
    StoreError err;
    int ms = rq->result.elapsed_ms > 0x7fffffff ? 0x7fffffff : (int)rq->result.elapsed_ms;
    int limit = rq->time_limit_ms > 0x7fffffff ? 0x7fffffff : (int)rq->time_limit_ms;
    StoreStatus status;
    const Question *q = rq->question;
    if (q->type == QUESTION_CLOZE && q->gap_count > 0 && q->gap_count <= 32) {
        bool gap_right[32];
        for (size_t k = 0; k < q->gap_count; k++)
            gap_right[k] = (rq->result.gaps_right >> k) & 1u;
        status = learn_record_quiz_cloze(app->store, app->profile_id, rq->pack->id, q, gap_right,
                                         q->gap_count, rq->result.timed_out, ms, limit,
                                         app_unix_ms(), &rule, &params, &err);
    } else {
        status = learn_record_quiz_answer(app->store, app->profile_id, rq->pack->id, q,
                                          rq->result.fraction_right, rq->result.timed_out, ms,
                                          limit, app_unix_ms(), &rule, &params, NULL, &err);
    }
    if (status != STORE_OK)
        app_notice(app, COLOR_WARN, "This answer was not added to your flashcards: %s",
                   err.message);
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
