/* play_round.c - the play scenes' side of the play engine (see play.h).
 *
 * The engine (app->quiz, quiz.h) judges every answer and saves it, with its
 * flashcard reviews and the round's end, in one store transaction. Here the
 * scenes' calls get the wall clock and the engine's errors become notices;
 * nothing here touches the store.
 */
#include "i18n.h"
#include "play.h"

static void show_error(App *app, const QuizError *err)
{
    if (err->status != QUIZ_OK && err->message[0] != '\0')
        app_notice(app, err->status == QUIZ_NOT_SAVED ? COLOR_BAD : COLOR_WARN, "%s",
                   i18n_message(err->message));
}

const RoundResult *play_submit(App *app, const GivenAnswer *given, int64_t elapsed_ms)
{
    if (quiz_current(&app->quiz) == NULL)
        return NULL;
    QuizError err = {0};
    const RoundResult *r = given != NULL
                               ? quiz_answer(&app->quiz, given, elapsed_ms, app_unix_ms(), &err)
                               : quiz_timeout(&app->quiz, app_unix_ms(), &err);
    show_error(app, &err);
    return r;
}

const RoundQuestion *play_last_answered(const App *app)
{
    return quiz_last_answered(&app->quiz);
}

void play_abandon(App *app)
{
    QuizError err = {0};
    quiz_abandon(&app->quiz, &err);
    show_error(app, &err);
}

bool play_retry_missed(App *app)
{
    QuizError err = {0};
    QuizStatus status = quiz_retry_missed(&app->quiz, app_unix_ms(), &err);
    if (status != QUIZ_OK && status != QUIZ_NOT_SAVED) {
        show_error(app, &err);
        return false;
    }
    show_error(app, &err);
    app_go(app, SCENE_QUESTION);
    return true;
}

static void quit_round(App *app, void *user)
{
    (void)user;
    play_abandon(app);
    app_back(app);
}

void play_ask_quit(App *app)
{
    app_ask(app, &(AppAsk){
                     .title = _("Quit this round?"),
                     .body = _("The answers so far are kept. The clock is stopped while you "
                               "decide."),
                     .yes = _("Yes, quit"),
                     .no = _("No, keep playing"),
                     .yes_is_danger = true,
                     .on_yes = quit_round,
                 });
}
