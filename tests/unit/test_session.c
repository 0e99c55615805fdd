/* test_session.c - the session loader against the broken-session corpus, the
 * shipped example session, and what a session makes of a student's round.
 *
 * The corpus (tests/data/session/broken/ for single files, .../folders/ for
 * rules about the files beside session.yaml) is one case per rule of
 * ../shared/class-format.md. Each session.yaml starts with lines
 *   # expect: [FILE:]LINE:COLUMN: MESSAGE           an error
 *   # expect-warning: [FILE:]LINE:COLUMN: MESSAGE   a warning
 * (FILE relative to the session folder, session.yaml when left out). The
 * loader and the pack checks together must report exactly those, because
 * that is what a teacher reads to fix the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "class_hash.h"
#include "class_time.h"
#include "pack_set.h"
#include "session.h"
#include "test_support.h"

#define SESSION_DATA QUIZDECK_TEST_DATA "/session"
#define EXAMPLE      QUIZDECK_SOURCE_QUESTIONS "/../examples/class-session"

static const char *const shipped[] = {QUIZDECK_SOURCE_QUESTIONS};

/* Every message a session and its packs produce, in one list. */
static void check_all(const char *path, DiagList *all)
{
    Session *s = session_load(path, all);
    if (!s)
        return;
    SessionPacks packs;
    session_resolve_packs(s, shipped, 1, &packs, all);
    for (size_t i = 0; i < packs.local.report_count; i++)
        diag_append(all, &packs.local.reports[i].diags);
    session_packs_free(&packs);
    session_free(s);
}

/* Checks one case: `session` is the session.yaml (or a file) whose
 * expectations the loader and the pack checks must meet, `load` what to
 * give session_load (the file or its folder). */
static void check_case(const char *session, const char *load)
{
    DiagList d = {0};
    check_all(load, &d);
    assert_true(test_diags_as_expected(session, &d, true));
    diag_clear(&d);
}

static bool check_broken_file(const char *path, const char *name, void *ctx)
{
    (void)ctx;
    if (!pack_set_is_pack_name(name))
        return false;
    check_case(path, path);
    return true;
}

static void test_broken_sessions(void **state)
{
    (void)state;
    size_t files = test_each_entry(SESSION_DATA "/broken", check_broken_file, NULL);
    assert_true(files >= 50); /* one file per rule of the contract */
}

static bool check_broken_folder(const char *path, const char *name, void *ctx)
{
    (void)name;
    (void)ctx;
    char file[4200];
    snprintf(file, sizeof file, "%s/session.yaml", path);
    check_case(file, path);
    return true;
}

static void test_broken_session_folders(void **state)
{
    (void)state;
    size_t folders = test_each_entry(SESSION_DATA "/folders", check_broken_folder, NULL);
    assert_true(folders >= 6);
}

/* ------------------------------------------------------- the example */

static Session *load_example(SessionPacks *packs)
{
    DiagList d = {0};
    Session *s = session_load(EXAMPLE, &d);
    if (!s || !session_resolve_packs(s, shipped, 1, packs, &d) || d.count)
        test_print_diags("  got: ", &d);
    assert_non_null(s);
    assert_int_equal(d.count, 0);
    diag_clear(&d);
    return s;
}

static void test_example_session_is_valid_and_complete(void **state)
{
    (void)state;
    SessionPacks packs;
    Session *s = load_example(&packs);
    assert_string_equal(s->id, "gcc-quiz-10b");
    assert_int_equal(s->pack_count, 2);
    assert_int_equal(packs.pack_count, 2);
    assert_string_equal(packs.packs[0].pack->id, "kuwait-gcc");
    assert_int_equal(strlen(packs.packs[0].sha256), 64);
    assert_int_equal(s->question_count, 12);
    assert_int_equal(s->order, SESSION_ORDER_SHUFFLED);
    assert_true(s->time_from_pack);
    assert_int_equal(s->total_time, 600);
    assert_int_equal(s->scoring, SESSION_SCORING_ACCURACY);
    assert_int_equal(s->feedback, SESSION_FEEDBACK_END);
    assert_false(s->seed_given);
    assert_true(s->seed == class_fnv1a64("gcc-quiz-10b")); /* the documented default */
    /* students.txt is there, so the roster is used, Arabic names and all */
    assert_true(s->roster);
    assert_int_equal(s->student_count, 10);
    assert_string_equal(session_find_student(s, "S06")->name, "سارة الحربي");
    assert_true(session_time_factor(s, "Fahad Al-Shammari", "S07") == 1.5);
    assert_true(session_time_factor(s, "Fatima Al-Mutairi", "S08") == 2.0);
    assert_true(session_time_factor(s, "Omar Haddad", "S09") == 1.0);
    assert_int_equal(session_total_time_ms(s, 1.5), 900000);
    session_packs_free(&packs);
    session_free(s);
}

/* Every student of a session answers the same questions: the draw depends
 * on the session alone, never on the student or on when it is made. */
static void test_draw_is_the_same_for_everyone_and_skips_flashcards(void **state)
{
    (void)state;
    SessionPacks packs;
    Session *s = load_example(&packs);
    RoundQuestionRef *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    assert_true(session_draw(s, &packs, &a, &na));
    assert_true(session_draw(s, &packs, &b, &nb));
    assert_int_equal(na, 12);
    assert_int_equal(nb, 12);
    for (size_t i = 0; i < na; i++) {
        assert_string_equal(a[i].pack_id, b[i].pack_id);
        assert_string_equal(a[i].question_id, b[i].question_id);
        const SessionPack *sp = session_packs_find(&packs, a[i].pack_id);
        assert_non_null(sp);
        const Question *q = pack_find_question(sp->pack, a[i].question_id);
        assert_non_null(q);
        assert_int_not_equal(q->type, QUESTION_FLASHCARD);
    }
    free(a);
    free(b);
    session_packs_free(&packs);
    session_free(s);
}

static bool same_round(const Round *x, const Round *y)
{
    if (x->question_count != y->question_count)
        return false;
    for (size_t i = 0; i < x->question_count; i++) {
        if (x->questions[i].question != y->questions[i].question)
            return false;
        if (memcmp(x->questions[i].display, y->questions[i].display,
                   sizeof x->questions[i].display) != 0)
            return false;
    }
    return true;
}

static bool same_question_set(const Round *x, const Round *y)
{
    if (x->question_count != y->question_count)
        return false;
    for (size_t i = 0; i < x->question_count; i++) {
        bool found = false;
        for (size_t k = 0; k < y->question_count && !found; k++)
            found = x->questions[i].question == y->questions[k].question;
        if (!found)
            return false;
    }
    return true;
}

static const char fixed_session[] = "format: 1\nkind: session\nid: fixed-one\ntitle: T\n"
                                    "packs: [kuwait-gcc, kuwait-alliances]\nquestions: 8\n";

static void test_fixed_order_gives_every_student_the_same_screens(void **state)
{
    (void)state;
    DiagList d = {0};
    Session *s = session_load_buffer("fixed.yaml", NULL, fixed_session, strlen(fixed_session), &d);
    assert_non_null(s);
    SessionPacks packs;
    assert_true(session_resolve_packs(s, shipped, 1, &packs, &d));
    Round r1, r2;
    assert_int_equal(session_start_round(s, &packs, "Ahmad", "S01", &r1), ROUND_OK);
    assert_int_equal(session_start_round(s, &packs, "Noura", "S02", &r2), ROUND_OK);
    assert_int_equal(r1.question_count, 8);
    assert_true(same_round(&r1, &r2));
    assert_int_equal(r1.settings.scoring, SCORING_ACCURACY); /* the session default */
    round_free(&r1);
    round_free(&r2);
    session_packs_free(&packs);
    session_free(s);
    diag_clear(&d);
}

static void test_shuffled_order_differs_per_student_but_not_the_questions(void **state)
{
    (void)state;
    SessionPacks packs;
    Session *s = load_example(&packs);
    Round r1, r2, r1again;
    assert_int_equal(session_start_round(s, &packs, "Ahmad Al-Sabah", "S01", &r1), ROUND_OK);
    assert_int_equal(session_start_round(s, &packs, "Noura Al-Rashid", "S02", &r2), ROUND_OK);
    assert_int_equal(session_start_round(s, &packs, "Ahmad Al-Sabah", "S01", &r1again), ROUND_OK);
    assert_true(same_question_set(&r1, &r2));
    assert_false(same_round(&r1, &r2));     /* neighbours' screens differ */
    assert_true(same_round(&r1, &r1again)); /* and a restart shows the same again */
    /* seed + FNV-1a of the roster ID, as the guide says */
    RoundSettings st;
    RoundQuestionRef *only = NULL;
    assert_true(session_round_settings(s, &packs, "S01", &st, &only));
    assert_true(st.seed == s->seed + class_fnv1a64("S01"));
    assert_false(st.keep_only_order);
    free(only);
    /* accommodations: S07 has 1.5 times each question's 20 seconds */
    Round r7;
    assert_int_equal(session_start_round(s, &packs, "Fahad Al-Shammari", "S07", &r7), ROUND_OK);
    for (size_t i = 0; i < r7.question_count; i++)
        assert_int_equal(r7.questions[i].time_limit_ms,
                         (int64_t)r7.questions[i].question->time_limit * 1500);
    round_free(&r1);
    round_free(&r2);
    round_free(&r1again);
    round_free(&r7);
    session_packs_free(&packs);
    session_free(s);
}

static void test_opening_window(void **state)
{
    (void)state;
    static const char text[] = "format: 1\nkind: session\nid: w\ntitle: T\npacks: [kuwait-gcc]\n"
                               "opens: 2026-03-01T08:00:00+03:00\n"
                               "closes: 2026-03-01T09:00:00+03:00\n";
    DiagList d = {0};
    Session *s = session_load_buffer("w.yaml", NULL, text, strlen(text), &d);
    assert_non_null(s);
    ClassTime t;
    assert_true(class_time_parse("2026-03-01T05:00:00Z", &t)); /* 08:00 in Kuwait */
    assert_true(session_is_open(s, t.unix_seconds));
    assert_false(session_is_open(s, t.unix_seconds - 1));
    assert_true(session_is_open(s, t.unix_seconds + 3599));
    assert_false(session_is_open(s, t.unix_seconds + 3600));
    session_free(s);
    diag_clear(&d);
}

static void test_telling_a_session_from_a_pack(void **state)
{
    (void)state;
    assert_true(session_is_session_path(EXAMPLE));
    assert_true(session_is_session_path(EXAMPLE "/session.yaml"));
    assert_true(session_is_session_path(SESSION_DATA "/broken/order-unknown.yaml"));
    assert_false(session_is_session_path(SESSION_DATA "/broken/missing-kind.yaml"));
    assert_false(session_is_session_path(QUIZDECK_TEST_DATA "/valid/example.yaml"));
    assert_false(session_is_session_path(QUIZDECK_TEST_DATA "/valid"));
    assert_false(session_is_session_path("/nonexistent/session"));
}

/* ------------------------------------------------------ times, hashes */

static void test_times_with_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool ok;
        int64_t unix_seconds;
        const char *formatted;
    } cases[] = {
        {"2026-03-01T08:15:00+03:00", true, 1772342100, "2026-03-01T08:15:00+03:00"},
        {"2026-03-01T05:15:00Z", true, 1772342100, "2026-03-01T05:15:00+00:00"},
        {"2026-03-01 08:15+0300", true, 1772342100, "2026-03-01T08:15:00+03:00"},
        {"2024-02-29T23:59:59.5-05:30", true, 1709270999, "2024-02-29T23:59:59-05:30"},
        {"1970-01-01T00:00:00Z", true, 0, "1970-01-01T00:00:00+00:00"},
        {"2026-03-01T08:15:00", false, 0, NULL},  /* no offset */
        {"2026-02-29T08:15:00Z", false, 0, NULL}, /* not a leap year */
        {"2026-03-01T24:00:00Z", false, 0, NULL},
        {"2026-03-01T08:15:00+19:00", false, 0, NULL},
        {"2026-3-1T08:15:00Z", false, 0, NULL},
        {"2026-03-01T08:15:00Zjunk", false, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ClassTime t;
        bool ok = class_time_parse(cases[i].text, &t);
        if (ok != cases[i].ok)
            print_message("%s: parse %d\n", cases[i].text, ok);
        assert_int_equal(ok, cases[i].ok);
        if (!ok)
            continue;
        assert_int_equal(t.unix_seconds, cases[i].unix_seconds);
        char buf[CLASS_TIME_TEXT];
        class_time_format(t, buf);
        assert_string_equal(buf, cases[i].formatted);
    }
    ClassTime t = {1772342100, 180};
    char compact[CLASS_TIME_COMPACT];
    class_time_compact(t, compact);
    assert_string_equal(compact, "20260301T081500+0300");
}

static void test_hashes_match_their_standards(void **state)
{
    (void)state;
    char hex[CLASS_SHA256_HEX];
    class_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    class_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_true(class_fnv1a64("") == 0xcbf29ce484222325u);
    assert_true(class_fnv1a64("a") == 0xaf63dc4c8601ec8cu);
    assert_true(class_fnv1a64("foobar") == 0x85944171f73967e8u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_sessions),
        cmocka_unit_test(test_broken_session_folders),
        cmocka_unit_test(test_example_session_is_valid_and_complete),
        cmocka_unit_test(test_draw_is_the_same_for_everyone_and_skips_flashcards),
        cmocka_unit_test(test_fixed_order_gives_every_student_the_same_screens),
        cmocka_unit_test(test_shuffled_order_differs_per_student_but_not_the_questions),
        cmocka_unit_test(test_opening_window),
        cmocka_unit_test(test_telling_a_session_from_a_pack),
        cmocka_unit_test(test_times_with_offsets),
        cmocka_unit_test(test_hashes_match_their_standards),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
