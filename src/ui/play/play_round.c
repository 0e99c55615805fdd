/* play_round.c - keeping the store in step with the round (see play.h).
 *
 * The store hears of everything the moment it happens (design rule 7): the
 * round row when it starts (app_start_round), each answer as it is judged
 * (here), the totals when the last one is in, and "abandoned" when the
 * player leaves. Killing the game therefore loses at most the question on
 * screen. Without a store (app->store NULL) the round is played unsaved.
 */
#include "play.h"
#include "study_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool saving(const App *app)
{
    return app->store != NULL && app->round_id != 0;
}

static void store_answer(App *app, size_t index, const RoundQuestion *rq)
{
    if (!saving(app))
        return;
    StoreAnswer a = {0};
    a.round_id = app->round_id;
    a.position = (int)index;
    a.profile_id = app->profile_id;
    snprintf(a.pack_id, sizeof a.pack_id, "%s", rq->pack->id);
    snprintf(a.question_id, sizeof a.question_id, "%s", rq->question->id);
    snprintf(a.topic_id, sizeof a.topic_id, "%s", rq->question->topic);
    a.given = rq->result.given_text;
    a.fraction_right = rq->result.fraction_right;
    a.correct = rq->result.correct;
    a.points = (int64_t)rq->result.points + rq->result.streak_bonus;
    a.ms_taken = rq->result.elapsed_ms;
    a.answered_at = app_unix_ms();
    a.timed_out = rq->result.timed_out;
    StoreError err = {0};
    if (store_answer_record(app->store, &a, NULL, &err) != STORE_OK)
        app_notice(app, COLOR_WARN, "Could not save the answer: %s", err.message);
}

static void store_finish(App *app)
{
    if (!saving(app))
        return;
    RoundTotals t = round_totals(&app->round);
    StoreError err = {0};
    if (store_round_finish(app->store, app->round_id, app_unix_ms(), t.best_streak, &err) !=
        STORE_OK)
        app_notice(app, COLOR_WARN, "Could not save the round: %s", err.message);
}

const RoundResult *play_submit(App *app, const GivenAnswer *given, int64_t elapsed_ms)
{
    if (!app->round_active || round_is_over(&app->round))
        return NULL;
    size_t index = app->round.current;
    const RoundResult *r =
        given != NULL ? round_answer(&app->round, given, elapsed_ms) : round_timeout(&app->round);
    if (r == NULL)
        return NULL;
    store_answer(app, index, round_question(&app->round, index));
    /* A quiz answer is also a review of its flashcard(s), graded by the game. */
    study_ui_record_quiz(app, round_question(&app->round, index));
    if (round_is_over(&app->round))
        store_finish(app);
    return r;
}

const RoundQuestion *play_last_answered(const App *app)
{
    if (!app->round_active || app->round.current == 0)
        return NULL;
    const RoundQuestion *rq = round_question(&app->round, app->round.current - 1);
    return rq != NULL && rq->answered ? rq : NULL;
}

void play_abandon(App *app)
{
    if (app->round_active && !round_is_over(&app->round) && saving(app)) {
        StoreError err = {0};
        if (store_round_abandon(app->store, app->round_id, &err) != STORE_OK)
            app_notice(app, COLOR_WARN, "Could not save: %s", err.message);
    }
    app_end_round(app);
}

bool play_retry_missed(App *app)
{
    if (!app->round_active)
        return false;
    const Round *round = &app->round;
    size_t n = round->question_count;
    RoundQuestionRef *refs = calloc(n ? n : 1, sizeof *refs);
    if (refs == NULL) {
        app_notice(app, COLOR_BAD, "Out of memory.");
        return false;
    }
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const RoundQuestion *rq = &round->questions[i];
        if (rq->answered && !rq->result.correct)
            refs[count++] = (RoundQuestionRef){rq->pack->id, rq->question->id};
    }
    /* The ids point into the packs, which outlive the round, so they stay
     * valid while app_start_round frees the old round and reads them. */
    RoundSettings rs = round->settings;
    rs.only = refs;
    rs.only_count = count;
    rs.question_count = 0;
    rs.topic = NULL;
    rs.keep_only_order = false;
    rs.seed = round->settings.seed * 6364136223846793005ull + 1442695040888963407ull;
    bool ok = count > 0 && app_start_round(app, &rs, true);
    free(refs);
    return ok;
}
