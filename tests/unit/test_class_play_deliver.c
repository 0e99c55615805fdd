/* test_class_play_deliver.c - nothing a student answered is lost
 * (src/core/class/class_play.h, parts 3 and 4), with real stores:
 *
 *   - the results folder is missing or read-only at the end: the attempt
 *     waits in the computer's database, the student is told where, and it
 *     is delivered later (at the next answer, or class_deliver) whole;
 *   - a delivery cut off after the file arrived does not deliver it twice;
 *     when the database cannot keep it either, the attempt waits in memory
 *     until "Try again";
 *   - a game killed mid-attempt (a child process that plays half of it and
 *     is killed) is taken up on the next start with the same questions and
 *     its answers kept, or delivered as stopped;
 *   - the lesson of the "Done means": three students on three
 *     computers, one with extra time, one killed mid-way and restarted;
 *     the teacher's report counts three students with the right scores.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "report.h"
#include "test_class_play.h"

typedef PlayFixture Fixture;

static void start(Fixture *f, const char *id, int64_t now)
{
    assert_int_equal(play_fixture_start(f, NULL, id, now), CLASS_OK);
}

static int64_t waiting(const Computer *pc)
{
    int64_t n = -1;
    assert_int_equal(store_outbox_count(pc->store, &n, NULL), STORE_OK);
    return n;
}

typedef struct ResultOf {
    const char *student;
    ClassAttempt *out;
    bool found;
} ResultOf;

static bool read_if_theirs(const char *path, const char *name, void *ctx)
{
    (void)name;
    ResultOf *want = ctx;
    ClassAttempt a;
    DiagList diags = {0};
    assert_true(result_read_file(path, &a, &diags));
    diag_clear(&diags);
    if (strcmp(a.student, want->student) == 0) {
        assert_false(want->found);
        want->found = true;
        *want->out = a;
    } else {
        class_attempt_free(&a);
    }
    return true;
}

/* The one result file of `student` in results/new, read back. */
static void read_result_of(Fixture *f, const char *student, ClassAttempt *out)
{
    ResultOf want = {student, out, false};
    assert_true(test_each_entry(f->results_new, read_if_theirs, &want) > 0);
    assert_true(want.found);
}

/* Plays every question of the attempt: right when i % 3 != 2. */
static void play_to_the_end(Fixture *f, int64_t *now)
{
    size_t n = f->play.quiz.round.question_count;
    for (size_t i = f->play.quiz.round.current; i < n; i++)
        answer_one(&f->play, i % 3 != 2, 4000, now);
    assert_true(class_play_is_over(&f->play));
}

/* ---- the results folder cannot be written ------------------------------------ */

static void test_missing_results_folder_waits_and_is_delivered_later(void **state)
{
    Fixture *f = *state;
    start(f, "S01", T0_MS);
    int64_t now = T0_MS;
    for (int i = 0; i < 11; i++)
        answer_one(&f->play, i % 3 != 2, 4000, &now);
    /* The share goes away before the last answer. */
    char away[256];
    snprintf(away, sizeof away, "%s.away", f->room.session);
    assert_int_equal(rename(f->room.session, away), 0);
    answer_one(&f->play, true, 4000, &now);
    const ClassDelivery *d = class_play_delivery(&f->play);
    assert_true(d->ended);
    assert_false(d->written);
    assert_true(d->kept);
    assert_string_equal(d->path, store_path(f->pc.store));
    /* The student is told plainly where the answers are. */
    assert_non_null(strstr(d->message, "saved on this computer"));
    assert_non_null(strstr(d->message, store_path(f->pc.store)));
    assert_non_null(strstr(d->message, "/results/new/"));
    assert_int_equal(waiting(&f->pc), 1);
    ClassStudent who;
    assert_int_equal(class_student_check(&f->cs, f->pc.store, NULL, "S01", &who, NULL), CLASS_OK);
    assert_int_equal(who.attempts_used, 1);
    assert_int_equal(who.unfinished_round_id, 0);

    /* While the folder is away, a delivery says so and keeps it. */
    ClassDeliverReport rep;
    assert_int_equal(class_deliver(f->pc.store, NULL, now, &rep, NULL), CLASS_NOT_DELIVERED);
    assert_int_equal(rep.waiting, 1);
    assert_int_equal(rep.delivered, 0);
    assert_int_equal(rep.items[0].tries, 2);
    assert_true(rep.items[0].message[0] != '\0');
    assert_string_equal(rep.database, store_path(f->pc.store));
    class_deliver_report_free(&rep);
    assert_int_equal(waiting(&f->pc), 1);

    /* The share is back: the next student's first answer delivers it. */
    assert_int_equal(rename(away, f->room.session), 0);
    class_play_free(&f->play);
    start(f, "S02", now + 60000);
    assert_true(f->play.others_waiting);
    now += 60000;
    answer_one(&f->play, true, 3000, &now);
    assert_false(f->play.others_waiting);
    assert_int_equal(waiting(&f->pc), 0);
    assert_int_equal(test_count_files(f->results_new), 1);
    ClassAttempt a;
    read_result_of(f, "Ahmad Al-Sabah", &a);
    assert_int_equal(a.status, ATTEMPT_FINISHED);
    assert_int_equal(a.answer_count, 12);
    assert_int_equal(a.totals.right, 9);
    class_attempt_free(&a);
}

/* results/new cannot be written: read-only for a student's account, or
 * (for root, whom permissions do not stop) a file in the way. */
static void block_results(Fixture *f, bool block)
{
    char results[256];
    snprintf(results, sizeof results, "%s/results", f->room.session);
    mkdir(results, 0777);
    if (geteuid() != 0) {
        mkdir(f->results_new, 0777);
        assert_int_equal(chmod(f->results_new, block ? 0555 : 0777), 0);
    } else if (block) {
        test_remove_tree(f->results_new);
        write_text(f->results_new, "not a folder");
    } else {
        assert_int_equal(unlink(f->results_new), 0);
    }
}

static void test_read_only_results_folder_then_delivered_whole(void **state)
{
    Fixture *f = *state;
    block_results(f, true);
    int64_t now = T0_MS;
    const char *ids[] = {"S03", "S04"};
    for (int k = 0; k < 2; k++) {
        class_play_free(&f->play);
        start(f, ids[k], now);
        play_to_the_end(f, &now);
        assert_true(class_play_delivery(&f->play)->kept);
        now += 60000;
    }
    assert_int_equal(waiting(&f->pc), 2);
    block_results(f, false);
    ClassDeliverReport rep;
    assert_int_equal(class_deliver(f->pc.store, NULL, now, &rep, NULL), CLASS_OK);
    assert_int_equal(rep.delivered, 2);
    assert_int_equal(rep.waiting, 0);
    /* Oldest first. */
    assert_non_null(strstr(rep.items[0].name, "Yousef"));
    assert_non_null(strstr(rep.items[1].name, "Mariam"));
    assert_non_null(strstr(rep.items[1].path, "/results/new/"));
    class_deliver_report_free(&rep);
    assert_int_equal(waiting(&f->pc), 0);
    assert_int_equal(test_count_files(f->results_new), 2);
    ClassAttempt a;
    read_result_of(f, "Mariam Al-Enezi", &a);
    assert_int_equal(a.answer_count, 12);
    class_attempt_free(&a);
    /* Nothing more to do. */
    assert_int_equal(class_deliver(f->pc.store, NULL, now, NULL, NULL), CLASS_OK);
    assert_int_equal(test_count_files(f->results_new), 2);
}

static void test_a_delivery_cut_off_after_the_file_arrived_is_not_doubled(void **state)
{
    Fixture *f = *state;
    block_results(f, true);
    start(f, "S06", T0_MS);
    int64_t now = T0_MS;
    play_to_the_end(f, &now);
    block_results(f, false);
    /* The file reaches results/new, and the game dies before forgetting
     * its row. */
    StoreOutboxList list = {0};
    assert_int_equal(store_outbox_list(f->pc.store, &list, NULL), STORE_OK);
    assert_int_equal(list.count, 1);
    ResultWritten w;
    assert_int_equal(result_publish(f->cs.folder, list.items[0].name, list.items[0].data,
                                    list.items[0].size, &w),
                     RESULT_OK);
    store_outbox_list_free(&list);
    assert_int_equal(class_deliver(f->pc.store, NULL, now, NULL, NULL), CLASS_OK);
    assert_int_equal(waiting(&f->pc), 0);
    assert_int_equal(test_count_files(f->results_new), 1);
}

static void test_neither_folder_nor_database_then_try_again(void **state)
{
    Fixture *f = *state;
    start(f, "S09", T0_MS);
    int64_t now = T0_MS;
    for (int i = 0; i < 11; i++)
        answer_one(&f->play, true, 3000, &now);
    block_results(f, true);
    assert_true(test_store_fail_inserts(f->pc.store, "outbox"));
    answer_one(&f->play, true, 3000, &now);
    const ClassDelivery *d = class_play_delivery(&f->play);
    assert_true(d->held);
    assert_false(d->kept);
    assert_non_null(strstr(d->message, "Do not close quizdeck"));
    assert_int_equal(waiting(&f->pc), 0);
    /* Still unfinished in the store: a kill now would leave it to resume. */
    StoreClassAttemptList open = {0};
    assert_int_equal(class_pending(f->pc.store, &f->cs, &open, NULL), CLASS_OK);
    assert_int_equal(open.count, 1);
    store_class_attempt_list_free(&open);

    assert_true(test_store_allow_inserts(f->pc.store, "outbox"));
    assert_int_equal(class_play_deliver_again(&f->play, now + 5000, NULL), CLASS_NOT_DELIVERED);
    assert_true(d->kept);
    block_results(f, false);
    assert_int_equal(class_play_deliver_again(&f->play, now + 9000, NULL), CLASS_OK);
    assert_true(d->written);
    assert_non_null(strstr(d->message, "/results/new/"));
    assert_int_equal(waiting(&f->pc), 0);
    ClassAttempt a;
    read_result_of(f, "Omar Haddad", &a);
    assert_int_equal(a.answer_count, 12);
    assert_int_equal(a.totals.right, 12);
    class_attempt_free(&a);
}

static void test_a_waiting_file_outlives_its_profile(void **state)
{
    Fixture *f = *state;
    block_results(f, true);
    start(f, "S08", T0_MS);
    int64_t now = T0_MS;
    play_to_the_end(f, &now);
    assert_true(class_play_delivery(&f->play)->kept);
    int64_t round_id = f->play.quiz.round_id;
    class_play_free(&f->play);
    /* Deleting the profile takes its rounds and their attempts, never a
     * result file that waits. */
    assert_int_equal(store_profile_delete(f->pc.store, f->pc.profile, NULL), STORE_OK);
    StoreClassAttemptList gone = {0};
    assert_int_equal(store_class_attempt_get(f->pc.store, round_id, &gone, NULL), STORE_NOT_FOUND);
    assert_int_equal(waiting(&f->pc), 1);
    /* The same file twice is refused; the one kept is delivered. */
    StoreOutboxList list = {0};
    assert_int_equal(store_outbox_list(f->pc.store, &list, NULL), STORE_OK);
    assert_int_equal(store_outbox_add(f->pc.store, &list.items[0], NULL, NULL), STORE_EXISTS);
    store_outbox_list_free(&list);
    block_results(f, false);
    assert_int_equal(class_deliver(f->pc.store, NULL, now, NULL, NULL), CLASS_OK);
    ClassAttempt a;
    read_result_of(f, "Fatima Al-Mutairi", &a);
    assert_int_equal(a.answer_count, 12);
    class_attempt_free(&a);
}

/* ---- a game killed mid-attempt --------------------------------------------------- */

/* In a child process, as a student's game: opens the computer's store and
 * the session, plays `count` answers of the roster student `id` (right
 * when i % 2 == 0, each taking `ms`), and is killed. No cmocka here: the
 * exit status says what went wrong. */
static void child_plays_and_is_killed(const Classroom *room, int pc, const char *id, size_t count,
                                      int64_t ms)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char data[TEST_DIR_SIZE + 16];
        snprintf(data, sizeof data, "%s/pc%d", room->dir, pc);
        mkdir(data, 0777);
        Store *store = NULL;
        int64_t profile = 0;
        ClassSession cs;
        StoreProfileList profiles = {0};
        if (store_open_at(&store, data, T0_MS, NULL) != STORE_OK ||
            store_profile_list(store, &profiles, NULL) != STORE_OK)
            _exit(2);
        if (profiles.count)
            profile = profiles.items[0].id;
        else if (store_profile_add(store, "Student", T0_MS, &profile, NULL) != STORE_OK)
            _exit(2);
        store_profile_list_free(&profiles);
        if (class_session_open(&cs, room->session, SHIPPED, 1, NULL) != CLASS_OK)
            _exit(3);
        Computer me = {.store = store, .profile = profile};
        ClassPlaySetup s = setup_for(&me, NULL, id, T0_MS);
        ClassPlay p = {0};
        if (class_play_start(&p, &cs, store, &s, NULL) != CLASS_OK)
            _exit(4);
        int64_t now = T0_MS;
        for (size_t i = 0; i < count; i++) {
            GivenAnswer g;
            given_for(class_play_current(&p), i % 2 == 0, &g);
            now += ms;
            const RoundResult *r = class_play_answer(&p, &g, ms, now, NULL);
            if (!r || r->correct != (i % 2 == 0))
                _exit(5);
        }
        raise(SIGKILL);
        _exit(6);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFSIGNALED(status))
        print_message("the child exited with %d\n", WEXITSTATUS(status));
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
}

static void test_killed_mid_attempt_is_resumed(void **state)
{
    Fixture *f = *state;
    computer_close(&f->pc);
    child_plays_and_is_killed(&f->room, 1, "S07", 5, 2000);
    computer_open(&f->pc, &f->room, 1);

    /* The next start finds it, and will not start another over it. */
    StoreClassAttemptList open = {0};
    assert_int_equal(class_pending(f->pc.store, &f->cs, &open, NULL), CLASS_OK);
    assert_int_equal(open.count, 1);
    const StoreClassAttempt *b = &open.items[0];
    assert_string_equal(b->student, "Fahad Al-Shammari");
    assert_string_equal(b->roster_id, "S07");
    assert_true(b->time_factor == 1.5);
    assert_int_equal(b->started_at, T0_MS);
    int64_t round_id = b->round_id;
    ClassStudent who;
    assert_int_equal(class_student_check(&f->cs, f->pc.store, NULL, "S07", &who, NULL), CLASS_OK);
    assert_int_equal(who.unfinished_round_id, round_id);
    ClassPlaySetup s = setup_for(&f->pc, NULL, "S07", T0_MS + 120000);
    ClassError err = {0};
    assert_int_equal(class_play_start(&f->play, &f->cs, f->pc.store, &s, &err), CLASS_UNFINISHED);
    store_class_attempt_list_free(&open);

    assert_int_equal(class_play_resume(&f->play, &f->cs, f->pc.store, round_id, &s, &err),
                     CLASS_OK);
    /* The same questions, shuffles and extra time as that student's round. */
    Round expect;
    assert_int_equal(
        session_start_round(f->cs.session, &f->cs.packs, "Fahad Al-Shammari", "S07", &expect),
        ROUND_OK);
    const Round *got = &f->play.quiz.round;
    assert_int_equal(got->question_count, expect.question_count);
    for (size_t i = 0; i < got->question_count; i++) {
        assert_ptr_equal(got->questions[i].question, expect.questions[i].question);
        assert_memory_equal(got->questions[i].display, expect.questions[i].display,
                            sizeof expect.questions[i].display);
        assert_int_equal(got->questions[i].time_limit_ms, expect.questions[i].time_limit_ms);
    }
    round_free(&expect);
    /* The five answers are kept, in the round and in the file to be. */
    assert_int_equal(got->current, 5);
    assert_int_equal(f->play.attempt.answer_count, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(got->questions[i].result.correct, i % 2 == 0);
        assert_int_equal(f->play.attempt.answers[i].right, i % 2 == 0);
        assert_int_equal(f->play.attempt.answers[i].ms, 2000);
    }
    /* The deadline is the one it started with. */
    assert_int_equal(f->play.deadline_ms, T0_MS + 900000);
    int64_t now = T0_MS + 120000;
    play_to_the_end(f, &now);
    const ClassDelivery *d = class_play_delivery(&f->play);
    assert_true(d->written);
    ClassAttempt a;
    read_result_of(f, "Fahad Al-Shammari", &a);
    assert_int_equal(a.status, ATTEMPT_FINISHED);
    assert_int_equal(a.answer_count, 12);
    assert_int_equal(a.started.unix_seconds, T0_MS / 1000);
    assert_int_equal(a.answers[4].right, true);
    assert_int_equal(a.answers[3].right, false);
    class_attempt_free(&a);
    assert_int_equal(class_pending(f->pc.store, &f->cs, &open, NULL), CLASS_OK);
    assert_int_equal(open.count, 0);
    store_class_attempt_list_free(&open);
}

static void test_killed_attempt_delivered_as_stopped(void **state)
{
    Fixture *f = *state;
    computer_close(&f->pc);
    child_plays_and_is_killed(&f->room, 1, "S02", 4, 3000);
    computer_open(&f->pc, &f->room, 1);
    StoreClassAttemptList open = {0};
    assert_int_equal(class_pending(f->pc.store, NULL, &open, NULL), CLASS_OK);
    assert_int_equal(open.count, 1);
    int64_t round_id = open.items[0].round_id;
    store_class_attempt_list_free(&open);

    ClassPlaySetup s = setup_for(&f->pc, NULL, "S02", T0_MS + 300000);
    ClassDelivery d;
    assert_int_equal(class_pending_end(&f->cs, f->pc.store, round_id, &s, &d, NULL), CLASS_OK);
    assert_true(d.written);
    ClassAttempt a;
    read_result_of(f, "Noura Al-Rashid", &a);
    assert_int_equal(a.status, ATTEMPT_STOPPED);
    assert_int_equal(a.answer_count, 4);
    assert_int_equal(a.totals.right, 2);
    assert_int_equal(a.totals.questions, 12);
    /* It ended at its last answer, not when it was found. */
    assert_int_equal(a.finished.unix_seconds, T0_MS / 1000 + 12);
    class_attempt_free(&a);
    /* Ended for good: not pending, one attempt used, the round left. */
    assert_int_equal(class_pending(f->pc.store, NULL, &open, NULL), CLASS_OK);
    assert_int_equal(open.count, 0);
    store_class_attempt_list_free(&open);
    ClassStudent who;
    assert_int_equal(class_student_check(&f->cs, f->pc.store, NULL, "S02", &who, NULL), CLASS_OK);
    assert_int_equal(who.attempts_used, 1);
    assert_int_equal(who.last.status, ATTEMPT_STOPPED);
    assert_int_equal(class_pending_end(&f->cs, f->pc.store, round_id, &s, &d, NULL),
                     CLASS_NOT_FOUND);
    StoreRoundList r = {0};
    assert_int_equal(store_rounds_unfinished(f->pc.store, f->pc.profile, &r, NULL), STORE_OK);
    assert_int_equal(r.count, 0);
    store_round_list_free(&r);
}

static void test_a_resume_after_the_deadline_is_time_up(void **state)
{
    Fixture *f = *state;
    computer_close(&f->pc);
    child_plays_and_is_killed(&f->room, 1, "S10", 3, 5000);
    computer_open(&f->pc, &f->room, 1);
    StoreClassAttemptList open = {0};
    assert_int_equal(class_pending(f->pc.store, &f->cs, &open, NULL), CLASS_OK);
    int64_t round_id = open.items[0].round_id;
    store_class_attempt_list_free(&open);
    ClassPlaySetup s = setup_for(&f->pc, NULL, "S10", T0_MS + 3600000);
    assert_int_equal(class_play_resume(&f->play, &f->cs, f->pc.store, round_id, &s, NULL),
                     CLASS_TIME_UP);
    ClassDelivery d;
    assert_int_equal(class_pending_end(&f->cs, f->pc.store, round_id, &s, &d, NULL), CLASS_OK);
    ClassAttempt a;
    read_result_of(f, "Layla Bukhamseen", &a);
    assert_int_equal(a.status, ATTEMPT_TIME_UP);
    assert_int_equal(a.answer_count, 3);
    assert_int_equal(a.finished.unix_seconds, T0_MS / 1000 + 600);
    class_attempt_free(&a);
}

/* ---- the lesson --------------------------------------------------------------------- */

static const ReportFile *report_file_of(const Report *rep, const char *student)
{
    for (size_t i = 0; i < rep->student_count; i++) {
        const ReportFile *rf = &rep->files[rep->students[i]];
        if (strcmp(rf->student, student) == 0)
            return rf;
    }
    fail_msg("no counted file for %s", student);
    return NULL;
}

static void test_three_students_three_computers_then_the_report(void **state)
{
    Fixture *f = *state;
    const Session *s = f->cs.session;
    computer_close(&f->pc);

    /* Computer 1: Ahmad, every answer right. */
    Computer pc1;
    computer_open(&pc1, &f->room, 1);
    ClassPlay p = {0};
    ClassPlaySetup st = setup_for(&pc1, NULL, "S01", T0_MS);
    assert_int_equal(class_play_start(&p, &f->cs, pc1.store, &st, NULL), CLASS_OK);
    int64_t now = T0_MS;
    while (class_play_current(&p))
        answer_one(&p, true, 6000, &now);
    assert_true(class_play_delivery(&p)->written);
    class_play_free(&p);
    computer_close(&pc1);

    /* Computer 2: Fahad with time_factor 1.5 takes longer than the plain
     * limit on every question, and inside his own. */
    Computer pc2;
    computer_open(&pc2, &f->room, 2);
    st = setup_for(&pc2, NULL, "S07", T0_MS + 1000);
    assert_int_equal(class_play_start(&p, &f->cs, pc2.store, &st, NULL), CLASS_OK);
    now = T0_MS + 1000;
    while (class_play_current(&p)) {
        const RoundQuestion *rq = class_play_current(&p);
        int64_t plain = session_time_limit_ms(s, rq->question, 1.0);
        assert_int_equal(rq->time_limit_ms, plain * 3 / 2);
        const RoundResult *r = answer_one(&p, true, plain + 5000, &now);
        assert_false(r->timed_out);
    }
    assert_true(class_play_delivery(&p)->written);
    class_play_free(&p);
    computer_close(&pc2);

    /* Computer 3: Khalid's game is killed after six answers; he starts
     * again and answers the other six wrong. */
    child_plays_and_is_killed(&f->room, 3, "S05", 6, 4000);
    Computer pc3;
    computer_open(&pc3, &f->room, 3);
    StoreClassAttemptList open = {0};
    assert_int_equal(class_pending(pc3.store, &f->cs, &open, NULL), CLASS_OK);
    assert_int_equal(open.count, 1);
    st = setup_for(&pc3, NULL, "S05", T0_MS + 200000);
    assert_int_equal(class_play_resume(&p, &f->cs, pc3.store, open.items[0].round_id, &st, NULL),
                     CLASS_OK);
    store_class_attempt_list_free(&open);
    now = T0_MS + 200000;
    while (class_play_current(&p))
        answer_one(&p, false, 4000, &now);
    assert_true(class_play_delivery(&p)->written);
    class_play_free(&p);
    computer_close(&pc3);

    /* The teacher runs --report. */
    Report rep;
    DiagList diags = {0};
    assert_int_equal(report_build(&rep, f->room.session, SHIPPED, 1, NULL, &diags), REPORT_OK);
    assert_int_equal(rep.file_count, 3);
    assert_int_equal(rep.student_count, 3);
    assert_int_equal(rep.flagged, 0);
    assert_int_equal(rep.unreadable, 0);
    const ReportFile *ahmad = report_file_of(&rep, "Ahmad Al-Sabah");
    const ReportFile *fahad = report_file_of(&rep, "Fahad Al-Shammari");
    const ReportFile *khalid = report_file_of(&rep, "Khalid Al-Ajmi");
    assert_true(ahmad->score == 12.0);
    assert_true(fahad->score == 12.0);
    assert_int_equal(fahad->right, 12);
    /* Three of Khalid's first six were right (i % 2 == 0), none after. */
    assert_true(khalid->score == 3.0);
    assert_int_equal(khalid->reached, 12);
    assert_int_equal(khalid->status, ATTEMPT_FINISHED);
    report_free(&rep);
    diag_clear(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_results_folder_waits_and_is_delivered_later,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_read_only_results_folder_then_delivered_whole,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_delivery_cut_off_after_the_file_arrived_is_not_doubled, play_fixture_setup,
            play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_neither_folder_nor_database_then_try_again,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_waiting_file_outlives_its_profile,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_killed_mid_attempt_is_resumed, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_killed_attempt_delivered_as_stopped,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_resume_after_the_deadline_is_time_up,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_three_students_three_computers_then_the_report,
                                        play_fixture_setup, play_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
