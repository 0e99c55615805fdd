/* app_store.c - opening the progress database for the App: a data folder
 * that cannot be used means playing without saving (said on the title
 * screen), a damaged database was moved aside by the store (said once),
 * and a round the game was killed or closed in is offered to be taken up
 * at the next launch.
 */
#include "app.h"
#include "i18n.h"

#include <stdio.h>

#include "app_private.h"
#include "format.h"

/* A round the game was killed or closed in stays unfinished in the store;
 * every answer given before is kept and counts in Progress. The next
 * launch offers to take it up (the title screen's first entry) until the
 * player does, or starts another round: the newest such round whose id is
 * above "round.resume_declined". */
static const char *const declined_key = "round.resume_declined";

void app_find_resume(App *app)
{
    app->resume = (AppResume){0};
    if (app->store == NULL)
        return;
    StoreRoundList rounds = {0};
    if (store_rounds_unfinished(app->store, app->profile_id, &rounds, NULL) == STORE_OK &&
        rounds.count > 0) {
        const StoreRound *last = &rounds.items[0]; /* newest first */
        int64_t declined = store_setting_int_or(app->store, app->profile_id, declined_key, 0);
        if (last->id > declined && last->answered_count < last->question_count)
            app->resume = (AppResume){last->id, last->answered_count, last->question_count};
    }
    store_round_list_free(&rounds);
}

void app_decline_resume(App *app)
{
    if (app->resume.round_id == 0)
        return;
    if (app->store != NULL)
        store_setting_set_int(app->store, app->profile_id, declined_key, app->resume.round_id,
                              NULL);
    app->resume = (AppResume){0};
    app->dirty = true;
}

bool app_resume_round(App *app)
{
    if (app->resume.round_id == 0 || app->store == NULL)
        return false;
    QuizError err = {0};
    QuizStatus st = quiz_resume(&app->quiz, app->store, app->resume.round_id, app->packs.packs,
                                app->packs.pack_count, &err);
    if (st != QUIZ_OK && st != QUIZ_NOT_SAVED) {
        const char *why = st == QUIZ_NO_QUESTIONS   ? _("its packs are not loaded.")
                          : st == QUIZ_OVER         ? _("it was already complete.")
                          : st == QUIZ_BAD_SETTINGS ? _("its packs have changed since.")
                                                    : i18n_message(err.message);
        app_notice(app, COLOR_WARN, _("That round cannot be taken up: %s Its answers are kept."),
                   why);
        app_decline_resume(app);
        return false;
    }
    if (st == QUIZ_NOT_SAVED)
        app_notice(app, COLOR_WARN, "%s", i18n_message(err.message));
    app->resume = (AppResume){0};
    app_go(app, SCENE_QUESTION);
    return true;
}

void app_open_store(App *app)
{
    StoreError err = {0};
    if (!app_make_dir(app->data_dir) || store_open(&app->store, app->data_dir, &err) != STORE_OK) {
        app->store = NULL;
        snprintf(app->store_message, sizeof app->store_message, _("Progress will not be saved: %s"),
                 err.message[0] ? i18n_message(err.message)
                                : _("the data folder cannot be created"));
        fprintf(stderr, "quizdeck: %s (%s)\n", app->store_message, app->data_dir);
        return;
    }
    if (err.recovered) {
        app_notice(app, COLOR_WARN, "%s",
                   err.message[0] ? i18n_message(err.message)
                                  : _("The progress database was damaged; it was moved aside and a "
                                      "new one started."));
        app->notice_until += 9000; /* said once: give it time to be read */
    }
    StoreProfileList list = {0};
    if (store_profile_list(app->store, &list, NULL) == STORE_OK && list.count > 0) {
        app->profile_id = list.items[0].id;
    } else {
        int64_t id = 0;
        if (store_profile_add(app->store, _("Player"), app_unix_ms(), &id, NULL) == STORE_OK)

            app->profile_id = id;
        app->first_launch = true;
    }
    store_profile_list_free(&list);
    app_find_resume(app);
}
