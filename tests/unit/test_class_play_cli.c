/* test_class_play_cli.c - the command line of a class session on a
 * student's computer, as a teacher uses it: `quizdeck --deliver` says what
 * it delivered and what still waits, and where; `quizdeck --session`
 * checks the session, delivers what waited and shows the intro. Runs the
 * real binary (QUIZDECK_EXE), like test_report_cli.c; the attempts are
 * played through the API first (test_class_play.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli_run.h"
#include "test_class_play.h"

/* Runs quizdeck with args; `prefix` goes before it (an environment, a
 * timeout), "" for none. */
static void run_with(CliRun *r, const char *prefix, const char *args)
{
    assert_true(cli_run(r, prefix, args));
}

static void run(CliRun *r, const char *args)
{
    run_with(r, "", args);
}

/* A --session that opens: the game then starts on the session screen and
 * runs until the student quits, so it runs headless and is stopped after
 * a while; what it printed before the window opened is what counts. */
static void run_game(CliRun *r, const char *args)
{
    run_with(r, "SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy timeout 3",
             args);
}

static void expect(const CliRun *r, const char *text)
{
    if (!strstr(r->out, text))
        print_message("expected \"%s\" in:\n%s\n", text, r->out);
    assert_non_null(strstr(r->out, text));
}

/* A classroom on the example session with a finished attempt of S01 on
 * computer 1 whose file could not be written: the session folder was away
 * at the end. */
static void attempt_waiting(Classroom *room, Computer *pc)
{
    classroom_make(room, NULL, true);
    ClassSession cs;
    session_open_ok(&cs, room->session);
    computer_open(pc, room, 1);
    ClassPlay p = {0};
    ClassPlaySetup s = setup_for(pc, NULL, "S01", T0_MS);
    assert_int_equal(class_play_start(&p, &cs, pc->store, &s, NULL), CLASS_OK);
    char away[256];
    snprintf(away, sizeof away, "%s.away", room->session);
    assert_int_equal(rename(room->session, away), 0);
    int64_t now = T0_MS;
    while (class_play_current(&p))
        answer_one(&p, true, 3000, &now);
    assert_true(class_play_delivery(&p)->kept);
    class_play_free(&p);
    class_session_close(&cs);
    computer_close(pc);
    assert_int_equal(rename(away, room->session), 0);
}

static void test_deliver_says_what_waits_and_where(void **state)
{
    (void)state;
    Classroom room;
    Computer pc;
    attempt_waiting(&room, &pc);
    char args[512];
    CliRun r;

    /* While the folder is away again, --deliver keeps it and says so. */
    char away[256];
    snprintf(away, sizeof away, "%s.away", room.session);
    assert_int_equal(rename(room.session, away), 0);
    snprintf(args, sizeof args, "--deliver --data '%s'", pc.data);
    run(&r, args);
    assert_int_equal(r.status, 1);
    expect(&r, "waiting:   gcc-quiz-10b--Ahmad_Al_Sabah--lab_pc--20260301T081500+0300--");
    expect(&r, "(Ahmad Al-Sabah)");
    expect(&r, "/session/results/new/: ");
    expect(&r, "0 delivered, 1 still waiting in ");
    expect(&r, "/pc1/quizdeck.db");

    /* Back: delivered, and nothing left. */
    assert_int_equal(rename(away, room.session), 0);
    run(&r, args);
    assert_int_equal(r.status, 0);
    expect(&r, "delivered: gcc-quiz-10b--Ahmad_Al_Sabah--lab_pc--");
    expect(&r, "/session/results/new/gcc-quiz-10b--Ahmad_Al_Sabah--");
    expect(&r, "1 delivered, nothing left waiting");
    char results[256];
    snprintf(results, sizeof results, "%s/results/new", room.session);
    assert_int_equal(test_count_files(results), 1);
    run(&r, args);
    assert_int_equal(r.status, 0);
    expect(&r, "Nothing is waiting to be delivered from ");

    /* Usage. */
    run(&r, "--deliver --bogus");
    assert_int_equal(r.status, 2);
    expect(&r, "--bogus: not an option of --deliver");
    classroom_free(&room);
}

static void test_session_delivers_what_waited_and_shows_the_intro(void **state)
{
    (void)state;
    Classroom room;
    Computer pc;
    attempt_waiting(&room, &pc);
    char args[512];
    CliRun r;
    snprintf(args, sizeof args, "--session '%s' --data '%s'", room.session, pc.data);
    run_game(&r, args);
    expect(&r, "delivered: gcc-quiz-10b--Ahmad_Al_Sabah--lab_pc--");
    expect(&r, "Kuwait and the GCC: class 10B quiz (gcc-quiz-10b)");
    expect(&r, "12 questions, order shuffled, scoring accuracy, feedback: the review at the end");
    expect(&r, "time: 20 s to 45 s a question, 10 min for the whole attempt");
    expect(&r, "students pick their name from the class list (10 names); 1 attempt each");
    expect(&r, "open now");

    /* A session that has closed, and one with errors. */
    char path[256];
    snprintf(path, sizeof path, "%s/session.yaml", room.session);
    write_text(path, "format: 1\nkind: session\nid: closed\ntitle: Closed\npacks: [kuwait-gcc]\n"
                     "closes: 2020-01-01T09:00:00+03:00\n");
    run(&r, args);
    assert_int_equal(r.status, 1);
    expect(&r, "closed: it closed at 2020-01-01T09:00:00+03:00");
    write_text(path, "format: 1\nkind: session\nid: broken\ntitle: Broken\npacks: [kuwait-gc]\n");
    run(&r, args);
    assert_int_equal(r.status, 1);
    expect(&r, "session.yaml:5:9: error: pack 'kuwait-gc' was not found");
    snprintf(args, sizeof args, "--session '%s/nothing-here'", room.dir);
    run(&r, args);
    assert_int_equal(r.status, 2);
    expect(&r, "no such file or folder");
    run(&r, "--session");
    assert_int_equal(r.status, 2);
    classroom_free(&room);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deliver_says_what_waits_and_where),
        cmocka_unit_test(test_session_delivers_what_waited_and_shows_the_intro),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
