/* test_class_play.c - a class session played on a student's computer
 * through src/core/class/class_play.h, with a real store and no SDL:
 *
 *   - the intro says what the session fixes (questions, time rules with the
 *     student's extra time, open or not); the roster filters as one types;
 *   - an attempt is a play-engine round (QUIZ_MODE_CLASS): every answer is
 *     in the store and is a flashcard review, and the result file written
 *     at the end holds every answer as judged;
 *   - extra time multiplies every limit and the total time; fixed order is
 *     the same on every computer, shuffled differs per student;
 *   - feedback modes, the total time running out, a student who stops,
 *     the opening window and the attempts a student has.
 *
 * Delivery, kills and the three-computer lesson are test_class_play_deliver.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_class_play.h"

typedef PlayFixture Fixture;

/* A session of the test's own, opened in f instead of the example. */
static void use_session(Fixture *f, const char *yaml, bool roster)
{
    play_fixture_close(f);
    play_fixture_open(f, yaml, roster);
}

static ClassStatus start(Fixture *f, const char *name, const char *id, int64_t now)
{
    return play_fixture_start(f, name, id, now);
}

/* Opens a session of the test's own, its session.yaml written from the
 * printf-style format, without a roster, and starts Omar's attempt. */
static void start_omar_in(Fixture *f, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void start_omar_in(Fixture *f, const char *format, ...)
{
    char yaml[512];
    va_list ap;
    va_start(ap, format);
    vsnprintf(yaml, sizeof yaml, format, ap);
    va_end(ap);
    use_session(f, yaml, false);
    assert_int_equal(start(f, "Omar", NULL, T0_MS), CLASS_OK);
}

/* ---- opening ------------------------------------------------------------------ */

static void test_intro_says_what_the_session_fixes(void **state)
{
    Fixture *f = *state;
    ClassIntro in;
    class_intro(&f->cs, 1.0, T0_MS, &in);
    assert_string_equal(in.id, "gcc-quiz-10b");
    assert_string_equal(in.title, "Kuwait and the GCC: class 10B quiz");
    assert_int_equal(in.question_count, 12);
    assert_true(in.time_from_pack);
    assert_int_equal(in.limit_min_ms, 20000);
    assert_true(in.limit_max_ms >= 20000 && in.limit_max_ms <= 45000);
    assert_int_equal(in.total_ms, 600000);
    assert_int_equal(in.window, CLASS_WINDOW_OPEN);
    assert_int_equal(in.feedback, SESSION_FEEDBACK_END);
    assert_int_equal(in.order, SESSION_ORDER_SHUFFLED);
    assert_int_equal(in.attempts, 1);
    assert_true(in.roster);
    assert_int_equal(in.students, 10);
    /* With extra time every figure grows by the factor. */
    ClassIntro more;
    class_intro(&f->cs, 1.5, T0_MS, &more);
    assert_int_equal(more.limit_min_ms, 30000);
    assert_int_equal(more.limit_max_ms, in.limit_max_ms * 3 / 2);
    assert_int_equal(more.total_ms, 900000);
    assert_true(strstr(f->cs.folder, f->room.session) != NULL || f->cs.folder[0] == '/');
}

static void test_a_broken_session_says_why(void **state)
{
    Fixture *f = *state;
    class_session_close(&f->cs);
    char path[256];
    snprintf(path, sizeof path, "%s/session.yaml", f->room.session);
    write_text(path, "format: 1\nkind: session\nid: x\ntitle: X\npacks: [no-such-pack]\n");
    ClassError err = {0};
    assert_int_equal(class_session_open(&f->cs, f->room.session, SHIPPED, 1, &err), CLASS_BROKEN);
    assert_false(f->cs.ready);
    assert_true(f->cs.diags.error_count > 0);
    char line[1400];
    diag_format(&f->cs.diags.items[0], line, sizeof line);
    assert_non_null(strstr(line, "no-such-pack"));
    /* Nothing can be started from it. */
    assert_int_equal(start(f, "Ahmad Al-Sabah", "S01", T0_MS), CLASS_BROKEN);
}

static void test_roster_filters_as_one_types(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *typed;
        size_t count;
        const char *first; /* name of the first match */
    } cases[] = {
        {"", 10, "Ahmad Al-Sabah"},
        {"fat", 1, "Fatima Al-Mutairi"},
        {"FA", 2, "Fahad Al-Shammari"},
        {"al sabah", 1, "Ahmad Al-Sabah"},
        {"al", 7, "Ahmad Al-Sabah"},
        {"s07", 1, "Fahad Al-Shammari"},
        {"S0", 9, "Ahmad Al-Sabah"},
        {"ساره", 1, "سارة الحربي"}, /* taa marbuta typed as haa */
        {"zzz", 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t idx[16];
        size_t n = class_roster_filter(&f->cs, cases[i].typed, idx, 16);
        if (n != cases[i].count)
            print_message("'%s' -> %zu\n", cases[i].typed, n);
        assert_int_equal(n, cases[i].count);
        if (n)
            assert_string_equal(f->cs.session->students[idx[0]].name, cases[i].first);
    }
}

static void test_student_check_resolves_the_roster_and_extra_time(void **state)
{
    Fixture *f = *state;
    ClassStudent who;
    ClassError err = {0};
    assert_int_equal(class_student_check(&f->cs, f->pc.store, NULL, "S07", &who, &err), CLASS_OK);
    assert_string_equal(who.name, "Fahad Al-Shammari");
    assert_string_equal(who.roster_id, "S07");
    assert_true(who.time_factor == 1.5);
    assert_int_equal(who.attempts_left, 1);
    assert_false(who.has_last);
    assert_int_equal(
        class_student_check(&f->cs, f->pc.store, "Fatima Al-Mutairi", NULL, &who, &err), CLASS_OK);
    assert_string_equal(who.roster_id, "S08");
    assert_true(who.time_factor == 2.0);
    /* A name that is not on the list is refused, with a reason. */
    assert_int_equal(class_student_check(&f->cs, f->pc.store, "Someone Else", NULL, &who, &err),
                     CLASS_BAD_STUDENT);
    assert_non_null(strstr(err.message, "not on this session's class list"));
    assert_int_equal(start(f, "Someone Else", NULL, T0_MS), CLASS_BAD_STUDENT);
}

static void test_typed_names_without_a_roster(void **state)
{
    Fixture *f = *state;
    use_session(f,
                "format: 1\nkind: session\nid: typed\ntitle: Typed names\n"
                "packs: [kuwait-gcc]\nquestions: 3\norder: fixed\n",
                false);
    static const struct {
        const char *typed;
        ClassStatus want;
        const char *kept;
    } cases[] = {
        {"  Noura Al-Rashid ", CLASS_OK, "Noura Al-Rashid"},
        {"نورة", CLASS_OK, "نورة"},
        {"", CLASS_BAD_STUDENT, ""},
        {"   ", CLASS_BAD_STUDENT, ""},
        {"--", CLASS_BAD_STUDENT, ""},
        {"bad\tname", CLASS_BAD_STUDENT, ""},
        {"\xff\xfe", CLASS_BAD_STUDENT, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ClassStudent who;
        ClassError err = {0};
        assert_int_equal(
            class_student_check(&f->cs, f->pc.store, cases[i].typed, "ignored", &who, &err),
            cases[i].want);
        assert_string_equal(who.name, cases[i].kept);
        assert_string_equal(who.roster_id, "");
        if (cases[i].want != CLASS_OK)
            assert_true(err.message[0] != '\0');
    }
}

/* ---- playing ------------------------------------------------------------------ */

static size_t reviews_of(const Computer *pc, const RoundQuestion *rq)
{
    size_t total = 0;
    for (size_t k = 0; k < qtype_card_count(rq->question); k++) {
        StoreReviewList list = {0};
        store_card_reviews(pc->store, pc->profile, rq->pack->id, rq->question->id,
                           qtype_card_deletion(rq->question, k), &list, NULL);
        total += list.count;
        store_review_list_free(&list);
    }
    return total;
}

static void test_an_attempt_is_a_class_round_and_a_result_file(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, NULL, "S01", T0_MS), CLASS_OK);
    assert_true(f->play.bound);
    assert_int_equal(f->play.quiz.mode, QUIZ_MODE_CLASS);
    assert_int_equal(f->play.quiz.round.question_count, 12);
    assert_int_equal(class_play_after_answer(&f->play), CLASS_AFTER_NEXT);
    int64_t now = T0_MS;
    for (size_t i = 0; i < 12; i++) {
        assert_false(class_play_is_over(&f->play));
        bool right = i % 3 != 2;
        answer_one(&f->play, right, 4000, &now);
        /* In the store at once, and a flashcard review on this computer. */
        const RoundQuestion *rq = round_question(&f->play.quiz.round, i);
        assert_true(reviews_of(&f->pc, rq) > 0);
        assert_int_equal(f->play.attempt.answer_count, i + 1);
        assert_int_equal(class_play_time_left_ms(&f->play, now), 600000 - (int64_t)(i + 1) * 4000);
    }
    assert_true(class_play_is_over(&f->play));
    assert_null(class_play_current(&f->play));
    const ClassDelivery *d = class_play_delivery(&f->play);
    assert_true(d->ended);
    assert_true(d->written);
    assert_false(d->kept);
    assert_non_null(strstr(d->path, "/results/new/gcc-quiz-10b--Ahmad_Al_Sabah--lab_pc--"));

    /* The file says what was played. */
    ClassAttempt back;
    DiagList diags = {0};
    assert_true(result_read_file(d->path, &back, &diags));
    assert_int_equal(back.status, ATTEMPT_FINISHED);
    assert_string_equal(back.roster_id, "S01");
    assert_int_equal(back.answer_count, 12);
    assert_int_equal(back.totals.right, 8);
    assert_true(back.totals.score == 8.0);
    assert_int_equal(back.finished.unix_seconds - back.started.unix_seconds, 48);
    assert_int_equal(back.started.offset_minutes, KUWAIT);
    for (size_t i = 0; i < 12; i++) {
        const RoundQuestion *rq = round_question(&f->play.quiz.round, i);
        assert_string_equal(back.answers[i].question_id, rq->question->id);
        assert_int_equal(back.answers[i].limit_ms, rq->time_limit_ms);
        assert_memory_equal(back.answers[i].display, rq->display, sizeof rq->display);
    }
    class_attempt_free(&back);
    diag_clear(&diags);

    /* The store has a finished class round, and the attempt as ended. */
    StoreRoundList rounds = {0};
    assert_int_equal(store_round_get(f->pc.store, f->play.quiz.round_id, &rounds, NULL), STORE_OK);
    assert_int_equal(rounds.items[0].mode, STORE_MODE_CLASS);
    assert_true(rounds.items[0].finished);
    store_round_list_free(&rounds);
    int64_t waiting = -1;
    assert_int_equal(store_outbox_count(f->pc.store, &waiting, NULL), STORE_OK);
    assert_int_equal(waiting, 0);

    /* attempts: 1, so a further start shows the earlier result instead. */
    ClassStudent who;
    assert_int_equal(class_student_check(&f->cs, f->pc.store, NULL, "S01", &who, NULL), CLASS_OK);
    assert_int_equal(who.attempts_used, 1);
    assert_int_equal(who.attempts_left, 0);
    assert_true(who.has_last);
    assert_int_equal(who.last.status, ATTEMPT_FINISHED);
    assert_int_equal(who.last.right, 8);
    assert_int_equal(who.last.questions, 12);
    assert_string_equal(who.last.name, d->name);
    class_play_free(&f->play);
    assert_int_equal(start(f, NULL, "S01", T0_MS + 60000), CLASS_NO_ATTEMPTS);
    /* Another student on the same computer still may. */
    assert_int_equal(start(f, NULL, "S02", T0_MS + 60000), CLASS_OK);
}

static void test_extra_time_multiplies_every_limit(void **state)
{
    Fixture *f = *state;
    const Session *s = f->cs.session;
    static const struct {
        const char *id;
        double factor;
    } cases[] = {{"S01", 1.0}, {"S07", 1.5}, {"S08", 2.0}};
    for (size_t c = 0; c < 3; c++) {
        assert_int_equal(start(f, NULL, cases[c].id, T0_MS), CLASS_OK);
        assert_true(f->play.time_factor == cases[c].factor);
        assert_true(f->play.quiz.time_factor == cases[c].factor);
        assert_int_equal(f->play.deadline_ms, T0_MS + (int64_t)(600000 * cases[c].factor));
        for (size_t i = 0; i < f->play.quiz.round.question_count; i++) {
            const RoundQuestion *rq = round_question(&f->play.quiz.round, i);
            int64_t base = session_time_limit_ms(s, rq->question, 1.0);
            assert_int_equal(rq->time_limit_ms, (int64_t)((double)base * cases[c].factor));
        }
        class_play_free(&f->play);
    }
    /* An answer after the plain limit but inside the student's is an
     * answer, not a time-out (on another computer: the first S07 attempt
     * above was left unfinished here, as if the game had been killed). */
    computer_close(&f->pc);
    computer_open(&f->pc, &f->room, 2);
    assert_int_equal(start(f, NULL, "S07", T0_MS), CLASS_OK);
    int64_t now = T0_MS;
    const RoundQuestion *rq = class_play_current(&f->play);
    int64_t plain = session_time_limit_ms(s, rq->question, 1.0);
    const RoundResult *r = answer_one(&f->play, true, plain + 5000, &now);
    assert_false(r->timed_out);
    /* The engine refuses a factor outside 1..10. */
    Quiz q = {0};
    QuizSetup qs = {.packs = NULL, .time_factor = 0.5, .mode = QUIZ_MODE_CLASS};
    assert_int_equal(quiz_start(&q, NULL, &qs, T0_MS, NULL), QUIZ_BAD_SETTINGS);
    quiz_free(&q);
}

/* The round a student gets on one computer: pack/question and display of
 * every question. */
static void round_of(Fixture *f, const char *id, char out[][160], size_t *n)
{
    Computer pc;
    static int k = 10;
    computer_open(&pc, &f->room, k++);
    ClassPlay p = {0};
    ClassPlaySetup s = setup_for(&pc, NULL, id, T0_MS);
    assert_int_equal(class_play_start(&p, &f->cs, pc.store, &s, NULL), CLASS_OK);
    *n = p.quiz.round.question_count;
    for (size_t i = 0; i < *n; i++) {
        const RoundQuestion *rq = round_question(&p.quiz.round, i);
        int len = snprintf(out[i], 160, "%s/%s:", rq->pack->id, rq->question->id);
        for (size_t d = 0; d < rq->display_count; d++)
            len += snprintf(out[i] + len, (size_t)(160 - len), "%zu,", rq->display[d]);
    }
    class_play_free(&p);
    computer_close(&pc);
}

static int compare_text(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_fixed_is_the_same_everywhere_shuffled_is_not(void **state)
{
    Fixture *f = *state;
    char a[16][160], b[16][160];
    size_t na, nb;
    /* The example is shuffled: the same questions, another order. */
    round_of(f, "S01", a, &na);
    round_of(f, "S02", b, &nb);
    assert_int_equal(na, 12);
    assert_int_equal(nb, 12);
    bool differs = false;
    for (size_t i = 0; i < na; i++)
        differs = differs || strcmp(a[i], b[i]) != 0;
    assert_true(differs);
    char qa[16][160], qb[16][160];
    for (size_t i = 0; i < na; i++) {
        snprintf(qa[i], 160, "%.*s", (int)(strchr(a[i], ':') - a[i]), a[i]);
        snprintf(qb[i], 160, "%.*s", (int)(strchr(b[i], ':') - b[i]), b[i]);
    }
    qsort(qa, na, sizeof qa[0], compare_text);
    qsort(qb, nb, sizeof qb[0], compare_text);
    for (size_t i = 0; i < na; i++)
        assert_string_equal(qa[i], qb[i]);
    /* The same student on another computer gets the very same round. */
    round_of(f, "S01", b, &nb);
    for (size_t i = 0; i < na; i++)
        assert_string_equal(a[i], b[i]);

    use_session(f,
                "format: 1\nkind: session\nid: fixed\ntitle: Fixed\n"
                "packs: [kuwait-gcc, kuwait-alliances]\nquestions: 8\norder: fixed\n",
                true);
    round_of(f, "S01", a, &na);
    round_of(f, "S09", b, &nb);
    assert_int_equal(na, 8);
    for (size_t i = 0; i < na; i++)
        assert_string_equal(a[i], b[i]);
}

static void test_feedback_modes(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *word;
        ClassAfter after;
        bool review;
    } cases[] = {
        {"each", CLASS_AFTER_FEEDBACK, true},
        {"end", CLASS_AFTER_NEXT, true},
        {"none", CLASS_AFTER_SUBMITTED, false},
    };
    for (size_t i = 0; i < 3; i++) {
        start_omar_in(f,
                      "format: 1\nkind: session\nid: fb\ntitle: Feedback\npacks: [kuwait-gcc]\n"
                      "questions: 2\nfeedback: %s\n",
                      cases[i].word);
        assert_int_equal(class_play_after_answer(&f->play), cases[i].after);
        assert_int_equal(class_play_shows_review(&f->play), cases[i].review);
    }
}

static void test_scoring_modes_reach_the_file(void **state)
{
    Fixture *f = *state;
    static const struct {
        const char *word;
        bool points;
    } cases[] = {{"accuracy", false}, {"points", true}, {"points-streak", true}};
    int64_t plain_points = 0;
    for (size_t i = 0; i < 3; i++) {
        start_omar_in(f,
                      "format: 1\nkind: session\nid: sc\ntitle: Scoring\npacks: [kuwait-gcc]\n"
                      "questions: 4\norder: fixed\nscoring: %s\n",
                      cases[i].word);
        int64_t now = T0_MS;
        for (int k = 0; k < 4; k++)
            answer_one(&f->play, true, 3000, &now);
        const AttemptTotals *t = &f->play.attempt.totals;
        assert_int_equal(t->right, 4);
        assert_int_equal(t->points > 0, cases[i].points);
        if (i == 1)
            plain_points = t->points;
        if (i == 2) /* four right in a row earn a streak bonus */
            assert_true(t->points > plain_points);
    }
}

static void test_total_time_runs_out(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, NULL, "S03", T0_MS), CLASS_OK);
    int64_t now = T0_MS;
    for (int i = 0; i < 3; i++)
        answer_one(&f->play, true, 10000, &now);
    /* An answer given after the ten minutes does not count. */
    const RoundQuestion *rq = class_play_current(&f->play);
    GivenAnswer g;
    given_for(rq, true, &g);
    ClassError err = {0};
    assert_null(class_play_answer(&f->play, &g, 1000, T0_MS + 600000, &err));
    assert_int_equal(err.status, CLASS_TIME_UP);
    assert_true(class_play_is_over(&f->play));
    assert_int_equal(class_play_time_left_ms(&f->play, T0_MS + 600000), 0);
    const ClassDelivery *d = class_play_delivery(&f->play);
    assert_true(d->written);
    ClassAttempt back;
    DiagList diags = {0};
    assert_true(result_read_file(d->path, &back, &diags));
    assert_int_equal(back.status, ATTEMPT_TIME_UP);
    assert_int_equal(back.answer_count, 3);
    assert_int_equal(back.totals.questions, 12);
    assert_int_equal(back.finished.unix_seconds, T0_MS / 1000 + 600);
    class_attempt_free(&back);
    diag_clear(&diags);
    /* The round is left in the store, not waiting to be resumed. */
    StoreRoundList open = {0};
    assert_int_equal(store_rounds_unfinished(f->pc.store, f->pc.profile, &open, NULL), STORE_OK);
    assert_int_equal(open.count, 0);
    store_round_list_free(&open);

    /* The screen's own clock may end it too: at the deadline, not later. */
    class_play_free(&f->play);
    assert_int_equal(start(f, NULL, "S04", T0_MS), CLASS_OK);
    now = T0_MS;
    answer_one(&f->play, false, 2000, &now);
    assert_int_equal(class_play_end(&f->play, ATTEMPT_TIME_UP, T0_MS + 600900, NULL), CLASS_OK);
    assert_int_equal(f->play.attempt.finished.unix_seconds, T0_MS / 1000 + 600);
    assert_int_equal(class_play_end(&f->play, ATTEMPT_STOPPED, T0_MS + 700000, NULL), CLASS_OVER);
}

static void test_a_student_who_stops(void **state)
{
    Fixture *f = *state;
    assert_int_equal(start(f, NULL, "S05", T0_MS), CLASS_OK);
    int64_t now = T0_MS;
    for (int i = 0; i < 4; i++)
        answer_one(&f->play, i % 2 == 0, 5000, &now);
    /* Asking for "finished" with questions left is a stop. */
    assert_int_equal(class_play_end(&f->play, ATTEMPT_FINISHED, now + 1000, NULL), CLASS_OK);
    ClassAttempt back;
    DiagList diags = {0};
    assert_true(result_read_file(class_play_delivery(&f->play)->path, &back, &diags));
    assert_int_equal(back.status, ATTEMPT_STOPPED);
    assert_int_equal(back.answer_count, 4);
    assert_int_equal(back.totals.right, 2);
    class_attempt_free(&back);
    diag_clear(&diags);
    StoreRoundList rounds = {0};
    assert_int_equal(store_round_get(f->pc.store, f->play.quiz.round_id, &rounds, NULL), STORE_OK);
    assert_true(rounds.items[0].abandoned);
    assert_int_equal(rounds.items[0].answered_count, 4);
    store_round_list_free(&rounds);
    StoreClassAttemptList pending = {0};
    assert_int_equal(class_pending(f->pc.store, &f->cs, &pending, NULL), CLASS_OK);
    assert_int_equal(pending.count, 0);
    store_class_attempt_list_free(&pending);
    /* The review is still there to show. */
    assert_true(round_question(&f->play.quiz.round, 3)->answered);
}

static void test_the_window_and_the_attempts(void **state)
{
    Fixture *f = *state;
    use_session(f,
                "format: 1\nkind: session\nid: win\ntitle: Window\npacks: [kuwait-gcc]\n"
                "questions: 1\nattempts: 2\n"
                "opens: 2026-03-01T08:00:00+03:00\ncloses: 2026-03-01T09:00:00+03:00\n",
                true);
    ClassIntro in;
    class_intro(&f->cs, 1.0, T0_MS - 3600 * 1000, &in);
    assert_int_equal(in.window, CLASS_WINDOW_NOT_YET);
    class_intro(&f->cs, 1.0, T0_MS + 3600 * 1000, &in);
    assert_int_equal(in.window, CLASS_WINDOW_CLOSED);
    ClassError err = {0};
    ClassPlaySetup s = setup_for(&f->pc, NULL, "S01", T0_MS - 3600 * 1000);
    assert_int_equal(class_play_start(&f->play, &f->cs, f->pc.store, &s, &err), CLASS_NOT_OPEN);
    assert_non_null(strstr(err.message, "opens at 2026-03-01T08:00:00+03:00"));
    s.now_ms = T0_MS + 3600 * 1000;
    assert_int_equal(class_play_start(&f->play, &f->cs, f->pc.store, &s, &err), CLASS_NOT_OPEN);
    assert_non_null(strstr(err.message, "closed"));
    /* Two attempts, then the earlier results. */
    for (int k = 0; k < 2; k++) {
        int64_t now = T0_MS + k * 60000;
        assert_int_equal(start(f, NULL, "S01", now), CLASS_OK);
        answer_one(&f->play, k == 1, 3000, &now);
        assert_true(class_play_delivery(&f->play)->written);
    }
    assert_int_equal(start(f, NULL, "S01", T0_MS + 180000), CLASS_NO_ATTEMPTS);
    ClassStudent who;
    assert_int_equal(class_student_check(&f->cs, f->pc.store, NULL, "S01", &who, NULL), CLASS_OK);
    assert_int_equal(who.attempts_used, 2);
    assert_int_equal(who.last.right, 1);
    assert_int_equal(test_count_files(f->cs.folder), 3); /* session.yaml, students.txt, results */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_intro_says_what_the_session_fixes, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_broken_session_says_why, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_roster_filters_as_one_types, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_student_check_resolves_the_roster_and_extra_time,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_typed_names_without_a_roster, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_an_attempt_is_a_class_round_and_a_result_file,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_extra_time_multiplies_every_limit, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_fixed_is_the_same_everywhere_shuffled_is_not,
                                        play_fixture_setup, play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_feedback_modes, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_scoring_modes_reach_the_file, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_total_time_runs_out, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_student_who_stops, play_fixture_setup,
                                        play_fixture_teardown),
        cmocka_unit_test_setup_teardown(test_the_window_and_the_attempts, play_fixture_setup,
                                        play_fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
