/* test_class_play.h - what the class-play tests share (test_class_play*.c):
 * a session folder of their own in a temporary folder (the example
 * session, or a session.yaml of the test's), a store per computer, and the
 * answers a student gives on screen (display positions), right or wrong.
 *
 * Include after <cmocka.h>; everything is static, so each test program
 * pays only for what it uses.
 */
#ifndef QUIZDECK_TEST_CLASS_PLAY_H
#define QUIZDECK_TEST_CLASS_PLAY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "class_fixture.h"
#include "class_play.h"
#include "test_support.h"

#define EXAMPLE_DIR QUIZDECK_SOURCE_QUESTIONS "/../examples/class-session"

/* 2026-03-01 08:15:00 +03:00, inside any window the tests open. */
#define T0_MS  ((int64_t)1772342100 * 1000)
#define KUWAIT 180 /* minutes east of UTC */

static const char *const SHIPPED[] = {QUIZDECK_SOURCE_QUESTIONS};

/* A temporary folder holding session/ (a copy of the example session, or
 * `yaml` as its session.yaml with the example's students.txt when
 * `roster`) and one data folder per computer under it. */
typedef struct Classroom {
    char dir[TEST_DIR_SIZE];
    char session[TEST_DIR_SIZE + 16]; /* dir/session */
} Classroom;

static inline void write_text(const char *path, const char *text)
{
    assert_true(test_write_text(path, text));
}

static inline void classroom_make(Classroom *c, const char *yaml, bool roster)
{
    assert_true(test_make_dir(c->dir));
    snprintf(c->session, sizeof c->session, "%s/session", c->dir);
    assert_int_equal(mkdir(c->session, 0777), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/session.yaml", c->session);
    if (yaml)
        write_text(path, yaml);
    else
        assert_true(test_copy_file(EXAMPLE_DIR "/session.yaml", path));
    snprintf(path, sizeof path, "%s/students.txt", c->session);
    if (!yaml || roster)
        assert_true(test_copy_file(EXAMPLE_DIR "/students.txt", path));
}

static inline void classroom_free(Classroom *c)
{
    test_remove_tree(c->dir);
}

/* A computer: its own data folder (dir/pcN) with a store and a profile. */
typedef struct Computer {
    char data[TEST_DIR_SIZE + 16];
    Store *store;
    int64_t profile;
} Computer;

static inline void computer_open(Computer *pc, const Classroom *c, int n)
{
    snprintf(pc->data, sizeof pc->data, "%s/pc%d", c->dir, n);
    mkdir(pc->data, 0777);
    StoreError err = {0};
    assert_int_equal(store_open_at(&pc->store, pc->data, T0_MS, &err), STORE_OK);
    StoreProfileList list = {0};
    assert_int_equal(store_profile_list(pc->store, &list, NULL), STORE_OK);
    if (list.count)
        pc->profile = list.items[0].id;
    else
        assert_int_equal(store_profile_add(pc->store, "Student", T0_MS, &pc->profile, NULL),
                         STORE_OK);
    store_profile_list_free(&list);
}

static inline void computer_close(Computer *pc)
{
    store_close(pc->store);
    pc->store = NULL;
}

static inline void session_open_ok(ClassSession *cs, const char *path)
{
    ClassError err = {0};
    ClassStatus st = class_session_open(cs, path, SHIPPED, 1, &err);
    if (st != CLASS_OK)
        print_message("class_session_open: %s\n", err.message);
    assert_int_equal(st, CLASS_OK);
    assert_true(cs->ready);
}

static inline ClassPlaySetup setup_for(const Computer *pc, const char *name, const char *roster_id,
                                       int64_t now_ms)
{
    ClassPlaySetup s = {
        .profile_id = pc ? pc->profile : 0,
        .name = name,
        .roster_id = roster_id,
        .host = "lab-pc",
        .version = "0.1.0",
        .nonce = 0x5eed0000u + (uint64_t)(now_ms / 1000 % 65536),
        .now_ms = now_ms,
        .utc_offset_minutes = KUWAIT,
    };
    return s;
}

/* The answer a student gives on screen for rq: right, or plainly wrong
 * (fixture_answer's answers, put into display positions). Texts are
 * static. */
static inline void given_for(const RoundQuestion *rq, bool right, GivenAnswer *g)
{
    const Question *q = rq->question;
    QuestionShown shown = round_shown(rq);
    Answer a;
    fixture_answer(q, right, &a);
    qtype_given_init(g);
    switch (q->type) {
    case QUESTION_CHOICE:
        g->choice = qtype_position_of(&shown, a.choice);
        break;
    case QUESTION_MULTI:
        for (size_t i = 0; i < q->choice_count; i++)
            if (a.picked & (1u << i))
                g->picked |= 1u << qtype_position_of(&shown, i);
        break;
    case QUESTION_TRUEFALSE:
        g->truth = a.truth;
        break;
    case QUESTION_TYPED:
        g->text = a.text;
        break;
    case QUESTION_ORDER:
        for (size_t p = 0; p < q->item_count; p++)
            g->arrangement[p] = qtype_position_of(&shown, a.order[p]);
        break;
    case QUESTION_MATCH:
        for (size_t l = 0; l < q->pair_count; l++)
            g->match[l] = qtype_position_of(&shown, a.match[l]);
        break;
    case QUESTION_CLOZE:
        g->gaps = a.gaps;
        g->gap_count = a.gap_count;
        break;
    case QUESTION_FLASHCARD:
    case QUESTION_TYPE_COUNT:
        g->knew = a.knew;
        break;
    }
}

/* Answers the current question, right or not, taking `ms`, at *now (moved
 * on by ms); asserts it was judged as asked. */
static inline const RoundResult *answer_one(ClassPlay *p, bool right, int64_t ms, int64_t *now)
{
    const RoundQuestion *rq = class_play_current(p);
    assert_non_null(rq);
    GivenAnswer g;
    given_for(rq, right, &g);
    *now += ms;
    ClassError err = {0};
    const RoundResult *r = class_play_answer(p, &g, ms, *now, &err);
    if (!r)
        print_message("class_play_answer: %s\n", err.message);
    assert_non_null(r);
    assert_true(err.status == CLASS_OK || err.status == CLASS_NOT_SAVED);
    assert_int_equal(r->correct, right);
    return r;
}

/* One computer with one session open on it, and its attempt: what most
 * class-play tests start from (the example session unless a test opens
 * one of its own). results_new is the session's results/new folder. */
typedef struct PlayFixture {
    Classroom room;
    ClassSession cs;
    Computer pc;
    ClassPlay play;
    char results_new[TEST_DIR_SIZE + 64];
} PlayFixture;

/* `yaml` and `roster` as classroom_make. */
static inline void play_fixture_open(PlayFixture *f, const char *yaml, bool roster)
{
    classroom_make(&f->room, yaml, roster);
    session_open_ok(&f->cs, f->room.session);
    computer_open(&f->pc, &f->room, 1);
    snprintf(f->results_new, sizeof f->results_new, "%s/results/new", f->room.session);
}

/* Undoes play_fixture_open and any attempt, leaving f zeroed-safe to open
 * again; a results folder a test made read-only is made writable first,
 * so that it can be removed. */
static inline void play_fixture_close(PlayFixture *f)
{
    class_play_free(&f->play);
    class_session_close(&f->cs);
    computer_close(&f->pc);
    chmod(f->results_new, 0777);
    classroom_free(&f->room);
}

/* cmocka setup and teardown: a PlayFixture on the example session. */
static inline int play_fixture_setup(void **state)
{
    PlayFixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    play_fixture_open(f, NULL, true);
    *state = f;
    return 0;
}

static inline int play_fixture_teardown(void **state)
{
    PlayFixture *f = *state;
    play_fixture_close(f);
    free(f);
    return 0;
}

/* Starts the attempt of `name` (typed) or `roster_id` at now_ms, saying
 * why on a failure. */
static inline ClassStatus play_fixture_start(PlayFixture *f, const char *name,
                                             const char *roster_id, int64_t now_ms)
{
    ClassPlaySetup s = setup_for(&f->pc, name, roster_id, now_ms);
    ClassError err = {0};
    ClassStatus st = class_play_start(&f->play, &f->cs, f->pc.store, &s, &err);
    if (st != CLASS_OK)
        print_message("class_play_start: %s\n", err.message);
    return st;
}

#endif
