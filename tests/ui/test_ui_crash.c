/* test_ui_crash.c - killing the game mid-round loses at most the question on
 * screen, and the next launch finds the round still in progress (design
 * rule 8: data is never lost).
 *
 * A forked child runs the real App headless (dummy video, software
 * renderer) on a fresh data folder with the two small test packs, starts an
 * untimed round and answers questions with real SDL key, text and mouse
 * events pumped through the real loop. After each answer is acknowledged -
 * the feedback screen is up, which the play scenes only show after the
 * store commit - it tells the parent through a pipe which question it
 * answered. The parent SIGKILLs it mid-round, then opens the database
 * itself: PRAGMA integrity_check says "ok", every acknowledged answer is in
 * the round's answers in order, and the round is neither finished nor
 * abandoned. Last, a new App on the same folder (the next launch) starts
 * without trouble and the store still lists the round as unfinished.
 *
 * Three kills: one while the child idles in the real loop on the next
 * question (so exactly the acknowledged answers are stored), one while it
 * answers as fast as it can (the answer being given at the kill may or may
 * not be stored; nothing acknowledged may be missing), and one on the last
 * question after answering every other one, which also shows that the child
 * can answer each of the eight question types.
 *
 * Read tests/support/ui_driver.h (how the child plays) and store.h first;
 * test_ui_play.c shows the play scenes' keys. The child only ever leaves
 * with _exit (fork + ASan).
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "round.h"
#include "store.h"
#include "test_support.h"
#include "ui_driver.h"
#include "widgets.h"

/* What the child tells the parent. One write of this size is atomic on a
 * pipe (far below PIPE_BUF), so the parent never sees half a message. */
typedef enum CrashMsgKind {
    CRASH_MSG_STARTED = 1, /* the round is on screen; round_id is valid */
    CRASH_MSG_ANSWERED,    /* one answer acknowledged (feedback on screen) */
    CRASH_MSG_IDLE,        /* on the next question, blocked in the real loop */
} CrashMsgKind;

typedef struct CrashMsg {
    int32_t kind;
    int32_t count; /* answers acknowledged so far */
    int64_t round_id;
    int64_t profile_id;
    int32_t question_count; /* questions in the round */
    char pack_id[STORE_ID_SIZE];
    char question_id[STORE_ID_SIZE];
} CrashMsg;

/* How the child plays. */
typedef enum CrashMode {
    CRASH_IDLE_AFTER, /* answer `answers`, go on to the next question, idle */
    CRASH_FLAT_OUT,   /* answer everything but the last question, then idle */
} CrashMode;

/* Child exit codes: which step failed, for the parent's message. */
enum {
    CHILD_NO_APP = 20,
    CHILD_NO_STORE,
    CHILD_NO_ROUND,
    CHILD_NOT_ON_QUESTION,
    CHILD_NOT_ACKNOWLEDGED,
    CHILD_NO_NEXT_QUESTION,
    CHILD_PIPE,
    CHILD_LOOP_ENDED,
};

enum { MAX_ACKS = 64, WIDTH = 1024, HEIGHT = 700 };

static const char *const pack_paths[] = {
    QUIZDECK_TEST_DATA "/valid/all-types.yaml",
    QUIZDECK_TEST_DATA "/play/every-type.yaml",
};

/* ---- the child --------------------------------------------------------- */

static void child_send(int fd, const CrashMsg *msg)
{
    ssize_t n;
    do {
        n = write(fd, msg, sizeof *msg);
    } while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof *msg)
        _exit(CHILD_PIPE);
}

/* Only the driver's calls that never fail the test are used here: the
 * child is not inside a cmocka test it could return to. */
static void child_click(UiDriver *d, const char *label)
{
    const AppWidget *w = ui_find(d, label);
    if (w == NULL)
        return; /* the caller sees that nothing was answered */
    SDL_Point p = ui_centre(w);
    ui_click_at(d, p.x, p.y);
}

/* Gives some answer to the question on screen the way a player would:
 * keys for tiles, typed text and Enter, clicks on Submit. Returns when the
 * feedback screen is up, or after a bounded number of steps. */
static void child_answer(UiDriver *d)
{
    App *app = d->app;
    for (int step = 0; step < 12 && app_scene(app) == SCENE_QUESTION; step++) {
        const RoundQuestion *rq = round_current(&app->quiz.round);
        if (rq == NULL)
            return;
        switch (rq->question->type) {
        case QUESTION_CHOICE:
        case QUESTION_TRUEFALSE:
            ui_key(d, SDLK_1);
            break;
        case QUESTION_MULTI:
            ui_key(d, SDLK_1);
            child_click(d, "Submit");
            break;
        case QUESTION_TYPED:
        case QUESTION_CLOZE:
            ui_type(d, "x");
            ui_key(d, SDLK_RETURN);
            break;
        case QUESTION_FLASHCARD:
            if (ui_find(d, "Show the answer") != NULL)
                child_click(d, "Show the answer");
            else
                ui_key(d, SDLK_1);
            break;
        case QUESTION_MATCH:
            /* A pair first (an empty Submit is refused): pick the focused
             * left entry, then the right one the focus moves to. */
            ui_key(d, SDLK_RETURN);
            ui_key(d, SDLK_RETURN);
            child_click(d, "Submit");
            break;
        case QUESTION_ORDER:
        default:
            child_click(d, "Submit");
            break;
        }
    }
}

/* Sits in the real loop (blocked in SDL_WaitEventTimeout) until killed. */
static _Noreturn void child_idle(App *app, int fd, const CrashMsg *base, int count)
{
    CrashMsg msg = *base;
    msg.kind = CRASH_MSG_IDLE;
    msg.count = count;
    child_send(fd, &msg);
    app_run(app);
    _exit(CHILD_LOOP_ENDED);
}

static _Noreturn void child_play(UiDriver *d, int fd, CrashMode mode, int answers)
{
    ui_headless();
    App *app = ui_open(d, pack_paths, SDL_arraysize(pack_paths), WIDTH, HEIGHT);
    if (app == NULL)
        _exit(CHILD_NO_APP);
    if (app->store == NULL)
        _exit(CHILD_NO_STORE);

    RoundSettings rs = {0};
    rs.time_mode = ROUND_TIME_OFF; /* nothing moves while the child idles */
    rs.question_count = 0;         /* every question of both packs */
    rs.seed = 20261127;
    if (!app_start_round(app, &rs, QUIZ_MODE_PRACTICE, true) || app->quiz.round_id == 0)
        _exit(CHILD_NO_ROUND);
    ui_pump(d);
    if (app_scene(app) != SCENE_QUESTION)
        _exit(CHILD_NOT_ON_QUESTION);

    CrashMsg base = {0};
    base.round_id = app->quiz.round_id;
    base.profile_id = app->profile_id;
    base.question_count = (int32_t)app->quiz.round.question_count;
    CrashMsg msg = base;
    msg.kind = CRASH_MSG_STARTED;
    child_send(fd, &msg);

    int last = (int)app->quiz.round.question_count - 1; /* never finish the round */
    int target = mode == CRASH_IDLE_AFTER ? answers : last;
    if (target > last)
        target = last;
    for (int i = 0; i < target; i++) {
        const RoundQuestion *rq = round_current(&app->quiz.round);
        if (rq == NULL)
            _exit(CHILD_NOT_ON_QUESTION);
        msg = base;
        msg.kind = CRASH_MSG_ANSWERED;
        msg.count = i + 1;
        snprintf(msg.pack_id, sizeof msg.pack_id, "%s", rq->pack->id);
        snprintf(msg.question_id, sizeof msg.question_id, "%s", rq->question->id);
        child_answer(d);
        if (app_scene(app) != SCENE_FEEDBACK || app->quiz.round.current != (size_t)i + 1)
            _exit(CHILD_NOT_ACKNOWLEDGED);
        child_send(fd, &msg);
        ui_key(d, SDLK_RETURN); /* Next question */
        if (app_scene(app) != SCENE_QUESTION)
            _exit(CHILD_NO_NEXT_QUESTION);
    }
    child_idle(app, fd, &base, target);
}

/* ---- the parent -------------------------------------------------------- */

typedef struct Acks {
    CrashMsg started;
    CrashMsg answer[MAX_ACKS];
    int count;
    bool idle;
} Acks;

/* Reads one message; false at end of file (the child is gone). */
static bool read_msg(int fd, CrashMsg *msg)
{
    return test_read_exactly(fd, msg, sizeof *msg);
}

/* Forks the child, reads its messages until `until_answers` answers are
 * acknowledged (or it says it idles, when wait_idle), then SIGKILLs it. */
static void play_and_kill(UiDriver *d, CrashMode mode, int answers, int kill_after, bool wait_idle,
                          Acks *acks)
{
    memset(acks, 0, sizeof *acks);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL); /* nothing buffered twice */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_play(d, fds[1], mode, answers);
    }
    close(fds[1]);

    bool started = false, alive = true;
    while (alive) {
        CrashMsg msg;
        if (!read_msg(fds[0], &msg)) {
            alive = false;
            break;
        }
        if (msg.kind == CRASH_MSG_STARTED) {
            acks->started = msg;
            started = true;
        } else if (msg.kind == CRASH_MSG_ANSWERED && acks->count < MAX_ACKS) {
            acks->answer[acks->count++] = msg;
            if (!wait_idle && acks->count >= kill_after)
                break;
        } else if (msg.kind == CRASH_MSG_IDLE) {
            acks->idle = true;
            if (wait_idle)
                break;
        }
    }
    kill(pid, SIGKILL);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    /* What the child sent before it died counts too: in the flat-out case
     * it may have acknowledged more answers than we had read. */
    CrashMsg late;
    while (alive && read_msg(fds[0], &late)) {
        if (late.kind == CRASH_MSG_ANSWERED && acks->count < MAX_ACKS)
            acks->answer[acks->count++] = late;
        else if (late.kind == CRASH_MSG_IDLE)
            acks->idle = true;
    }
    close(fds[0]);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
        fail_msg("the child ended by itself (exit %d, signal %d) after %d answers",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, acks->count);
    assert_true(alive);
    assert_true(started);
    assert_true(acks->started.round_id > 0);
}

/* The database after the kill: whole, every acknowledged answer there in
 * order, the round still in progress. Returns how many answers it holds. */
static size_t check_store(const char *dir, const Acks *acks)
{
    Store *store = NULL;
    StoreError err = {0};
    assert_int_equal(store_open(&store, dir, &err), STORE_OK);
    assert_false(err.recovered); /* not moved aside as damaged */
    err = (StoreError){0};
    if (store_check_integrity(store, &err) != STORE_OK)
        fail_msg("integrity_check: %s", err.message);

    int64_t round_id = acks->started.round_id;
    TestRound r;
    assert_int_equal(test_round_read(store, round_id, &r, &err), STORE_OK);
    const StoreAnswerList *answers = &r.answers;
    assert_true(answers->count >= (size_t)acks->count);
    for (int i = 0; i < acks->count; i++) {
        assert_string_equal(answers->items[i].pack_id, acks->answer[i].pack_id);
        assert_string_equal(answers->items[i].question_id, acks->answer[i].question_id);
        assert_int_equal(answers->items[i].round_id, round_id);
    }
    /* Never more than the acknowledged ones plus the one being given. */
    assert_true(answers->count <= (size_t)acks->count + 1);
    size_t stored = answers->count;
    assert_int_equal(r.round.count, 1);
    assert_false(r.round.items[0].finished);
    assert_false(r.round.items[0].abandoned);
    assert_int_equal(r.round.items[0].answered_count, (int)stored);
    assert_int_equal(r.round.items[0].question_count, acks->started.question_count);
    test_round_free(&r);

    StoreRoundList open = {0};
    assert_int_equal(store_rounds_unfinished(store, acks->started.profile_id, &open, &err),
                     STORE_OK);
    assert_int_equal(open.count, 1);
    assert_int_equal(open.items[0].id, round_id);
    store_round_list_free(&open);
    store_close(store);
    return stored;
}

/* The next launch: a new App on the same folder starts, draws, and the
 * round is still there in progress with its answers. */
static void check_next_launch(UiDriver *d, const Acks *acks, size_t stored)
{
    App *app = ui_start(d, pack_paths, SDL_arraysize(pack_paths), WIDTH, HEIGHT);
    assert_non_null(app->store);
    assert_int_equal(app->profile_id, acks->started.profile_id);
    ui_pump(d);
    (void)ui_pixel(d, 2, 2); /* it draws */
    /* The title offers to take the round up where it stopped, saying how
     * far it got, and has the focus: one key resumes it. */
    char told[96];
    snprintf(told, sizeof told, "%zu of %d questions answered", stored,
             (int)acks->started.question_count);
    if (!ui_shows(d, told))
        fail_msg("no offer \"%s\"", told);
    const AppWidget *resume = ui_widget(d, "Resume your round");
    assert_true(resume->flags & WIDGET_FOCUSED);
    /* ... and they count in Progress. */
    StoreProgressList progress = {0};
    assert_int_equal(store_progress_by_pack(app->store, app->profile_id, 20, &progress, NULL),
                     STORE_OK);
    int64_t answers = 0;
    for (size_t i = 0; i < progress.count; i++)
        answers += progress.items[i].answers_total;
    assert_int_equal(answers, (int64_t)stored);
    store_progress_list_free(&progress);

    StoreRoundList open = {0};
    StoreError err = {0};
    assert_int_equal(store_rounds_unfinished(app->store, app->profile_id, &open, &err), STORE_OK);
    assert_int_equal(open.count, 1);
    assert_int_equal(open.items[0].id, acks->started.round_id);
    assert_int_equal(open.items[0].answered_count, (int)stored);
    assert_int_equal(open.items[0].question_count, acks->started.question_count);
    store_round_list_free(&open);

    /* Resumed: the same round, the answers kept, the next question asked. */
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app->quiz.active);
    assert_int_equal(app->quiz.round_id, acks->started.round_id);
    assert_int_equal(app->quiz.round.question_count, (size_t)acks->started.question_count);
    assert_int_equal(app->quiz.round.current, stored);
    for (size_t i = 0; i < stored && i < (size_t)acks->count; i++) {
        const RoundQuestion *rq = round_question(&app->quiz.round, i);
        assert_true(rq->answered);
        assert_string_equal(rq->question->id, acks->answer[i].question_id);
    }
    ui_close(d);
    SDL_Quit();
}

/* ---- tests ------------------------------------------------------------- */

/* Killed while idle on question 4 after three answers: exactly those three
 * are stored, and the question on screen is the only thing lost. */
static void test_kill_while_idle_on_a_question(void **state)
{
    UiDriver *d = *state;
    Acks acks;
    play_and_kill(d, CRASH_IDLE_AFTER, 3, 0, true, &acks);
    assert_true(acks.idle);
    assert_int_equal(acks.count, 3);
    assert_true(acks.started.question_count > 4);
    size_t stored = check_store(d->dir, &acks);
    assert_int_equal(stored, 3);
    check_next_launch(d, &acks, stored);
}

/* Killed while answering as fast as events go through the loop: every
 * acknowledged answer is stored, the database is whole. */
static void test_kill_while_answering(void **state)
{
    UiDriver *d = *state;
    Acks acks;
    play_and_kill(d, CRASH_FLAT_OUT, 0, 5, false, &acks);
    assert_true(acks.count >= 5);
    size_t stored = check_store(d->dir, &acks);
    print_message("killed after %d acknowledged answers of %d (%s); %zu stored\n", acks.count,
                  (int)acks.started.question_count, acks.idle ? "idle" : "answering", stored);
    assert_true(stored < (size_t)acks.started.question_count);
    check_next_launch(d, &acks, stored);
}

/* Every question type of the test packs can be answered by the child (so
 * the kills above happen mid-round, not on an unanswerable question): the
 * child goes through all but the last question and idles there. */
static void test_every_type_answered_before_the_kill(void **state)
{
    UiDriver *d = *state;
    Acks acks;
    play_and_kill(d, CRASH_FLAT_OUT, 0, 0, true, &acks);
    assert_true(acks.idle);
    assert_int_equal(acks.count, acks.started.question_count - 1);
    size_t stored = check_store(d->dir, &acks);
    assert_int_equal(stored, (size_t)acks.count);
    check_next_launch(d, &acks, stored);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_kill_while_idle_on_a_question),
        UI_TEST(test_kill_while_answering),
        UI_TEST(test_every_type_answered_before_the_kill),
    };
    return ui_run_tests(tests);
}
