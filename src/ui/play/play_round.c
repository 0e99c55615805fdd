/* play_round.c - the play scenes' side of the play engine (see play.h).
 *
 * The engine (app->quiz, quiz.h) judges every answer and saves it, with its
 * flashcard reviews and the round's end, in one store transaction. Here the
 * scenes' calls get the wall clock and the engine's errors become notices;
 * nothing here touches the store.
 *
 * A class attempt (app->class_play, started by scene_session.c) is the
 * same round inside a ClassPlay: its answers go to class_play_answer, which
 * also adds them to the attempt's result file, and its end delivers that
 * file (class_play.h). This file is the one place that tells them apart.
 */
#include "class_play.h"
#include "i18n.h"
#include "play.h"

Quiz *play_quiz(App *app)
{
    return app->class_play ? &app->class_play->quiz : &app->quiz;
}

bool play_is_class(const App *app)
{
    return app->class_play != NULL;
}

bool play_is_over(App *app)
{
    if (app->class_play)
        return class_play_is_over(app->class_play);
    return !app->quiz.active || round_is_over(&app->quiz.round);
}

SceneId play_next_scene(App *app)
{
    if (app->class_play && class_play_after_answer(app->class_play) != CLASS_AFTER_FEEDBACK)
        return play_is_over(app) ? SCENE_RESULTS : SCENE_QUESTION;
    return SCENE_FEEDBACK;
}

static void show_class_error(App *app, const ClassError *err)
{
    if (err->status != CLASS_OK && err->message[0] != '\0')
        app_notice(app, err->status == CLASS_TIME_UP ? COLOR_WARN : COLOR_BAD, "%s",
                   i18n_message(err->message));
}

bool play_tick(App *app)
{
    ClassPlay *p = app->class_play;
    if (p == NULL || class_play_is_over(p))
        return p != NULL;
    int64_t now = app_unix_ms();
    if (class_play_time_left_ms(p, now) != 0)
        return false;
    ClassError err = {0};
    class_play_end(p, ATTEMPT_TIME_UP, now, &err);
    show_class_error(app, &err);
    return true;
}

static void show_error(App *app, const QuizError *err)
{
    if (err->status != QUIZ_OK && err->message[0] != '\0')
        app_notice(app, err->status == QUIZ_NOT_SAVED ? COLOR_BAD : COLOR_WARN, "%s",
                   i18n_message(err->message));
}

const RoundResult *play_submit(App *app, const GivenAnswer *given, int64_t elapsed_ms)
{
    if (app->class_play) {
        ClassError cerr = {0};
        const RoundResult *r =
            given != NULL
                ? class_play_answer(app->class_play, given, elapsed_ms, app_unix_ms(), &cerr)
                : class_play_timeout(app->class_play, app_unix_ms(), &cerr);
        show_class_error(app, &cerr);
        return r;
    }
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
    return quiz_last_answered(app->class_play ? &app->class_play->quiz : &app->quiz);
}

void play_abandon(App *app)
{
    if (app->class_play) { /* the student leaves: the attempt is handed in as stopped */
        ClassError cerr = {0};
        class_play_end(app->class_play, ATTEMPT_STOPPED, app_unix_ms(), &cerr);
        if (cerr.status != CLASS_OVER)
            show_class_error(app, &cerr);
        return;
    }
    QuizError err = {0};
    quiz_abandon(&app->quiz, &err);
    show_error(app, &err);
}

bool play_retry_missed(App *app)
{
    if (app->class_play) /* a session fixes its questions: no retry */
        return false;
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
    bool klass = play_is_class(app);
    play_abandon(app);
    if (klass)
        app_replace(app, SCENE_RESULTS); /* where the handed-in file went */
    else
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
