/* app_store.c - opening the progress database for the App: a data folder
 * that cannot be used means playing without saving (said on the title
 * screen), a damaged database was moved aside by the store (said once),
 * and a round the game was killed in is reported at the next launch.
 */
#include "app.h"
#include "i18n.h"

#include <stdio.h>

#include "app_private.h"
#include "format.h"

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
                       i18n_plural("Your last round stopped after %s of %s question. Those "
                                   "answers are saved and count in Progress.",
                                   "Your last round stopped after %s of %s questions. Those "
                                   "answers are saved and count in Progress.",
                                   last->question_count),
                       ui_format_int(last->answered_count).text,
                       ui_format_int(last->question_count).text);
        else
            app_notice(app, COLOR_WARN, _("Your last round stopped before any answer was given."));
        app->notice_until += 6000;
        store_setting_set_int(app->store, app->profile_id, "round.interrupted_told", last->id,
                              NULL);
    }
    store_round_list_free(&rounds);
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
    tell_interrupted_round(app);
}
