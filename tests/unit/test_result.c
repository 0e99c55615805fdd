/* test_result.c - result files: written from a played attempt, read back
 * field for field, never overwritten, never half there, and safe to read
 * when somebody tampered with them.
 *
 * The attempts are played for real through the example session
 * (tests/support/class_fixture.h). The 30-process test is the classroom at
 * the end of a lesson: thirty computers finishing into one shared results
 * folder at the same moment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "class_fixture.h"
#include "result.h"
#include "session.h"
#include "test_support.h"

#define EXAMPLE QUIZDECK_SOURCE_QUESTIONS "/../examples/class-session"

static const char *const shipped[] = {QUIZDECK_SOURCE_QUESTIONS};

typedef struct Fixture {
    Session *session;
    SessionPacks packs;
    char dir[64];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    DiagList d = {0};
    f->session = session_load(EXAMPLE, &d);
    if (!f->session || !session_resolve_packs(f->session, shipped, 1, &f->packs, &d))
        return -1;
    diag_clear(&d);
    snprintf(f->dir, sizeof f->dir, "/tmp/quizdeck-result-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    test_remove_tree(f->dir);
    session_packs_free(&f->packs);
    session_free(f->session);
    free(f);
    return 0;
}

static char *path_in(const Fixture *f, const char *rel)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", f->dir, rel);
    return buf;
}

/* ------------------------------------------------------------ round trip */

static void test_round_trip_keeps_every_field(void **state)
{
    Fixture *f = *state;
    FixtureStudent who = {"سارة الحربي", "S06", "lab-pc-07", 1772342100, 60, 15, 0};
    ClassAttempt a;
    assert_true(fixture_play(f->session, &f->packs, &who, &a));
    assert_int_equal(a.answer_count, 12);
    ResultWritten w;
    assert_int_equal(result_write(f->dir, &a, 0xabcdef12u, &w), RESULT_OK);
    assert_false(w.already_there);
    assert_string_equal(
        w.name, "gcc-quiz-10b--سارة_الحربي--lab_pc_07--20260301T081500+0300--abcdef12.yaml");
    assert_int_equal(test_count_files(path_in(f, "results/new")), 1);
    assert_int_equal(test_count_files(path_in(f, "results/tmp")), 0);

    ClassAttempt b;
    DiagList d = {0};
    bool ok = result_read_file(w.path, &b, &d);
    if (!ok) {
        char line[1400];
        for (size_t i = 0; i < d.count; i++) {
            diag_format(&d.items[i], line, sizeof line);
            print_message("%s\n", line);
        }
    }
    assert_true(ok);
    assert_int_equal(d.count, 0);
    assert_string_equal(b.session_id, "gcc-quiz-10b");
    assert_string_equal(b.session_sha256, f->session->sha256);
    assert_int_equal(b.pack_count, 2);
    assert_string_equal(b.packs[1].id, "kuwait-alliances");
    assert_string_equal(b.packs[1].sha256, f->packs.packs[1].sha256);
    assert_string_equal(b.student, "سارة الحربي");
    assert_string_equal(b.roster_id, "S06");
    assert_string_equal(b.host, "lab-pc-07");
    assert_string_equal(b.version, "0.1.0");
    assert_true(b.started.unix_seconds == a.started.unix_seconds);
    assert_int_equal(b.started.offset_minutes, 180);
    assert_true(b.finished.unix_seconds == a.finished.unix_seconds);
    assert_int_equal(b.status, ATTEMPT_FINISHED);
    assert_int_equal(b.answer_count, a.answer_count);
    for (size_t i = 0; i < a.answer_count; i++) {
        const AttemptAnswer *x = &a.answers[i], *y = &b.answers[i];
        assert_string_equal(x->pack_id, y->pack_id);
        assert_string_equal(x->question_id, y->question_id);
        assert_int_equal(x->display_count, y->display_count);
        assert_memory_equal(x->display, y->display, x->display_count * sizeof x->display[0]);
        assert_int_equal(x->answer.int_count, y->answer.int_count);
        for (size_t k = 0; k < x->answer.int_count; k++)
            assert_true(x->answer.ints[k] == y->answer.ints[k]);
        assert_int_equal(x->answer.text_count, y->answer.text_count);
        for (size_t k = 0; k < x->answer.text_count; k++)
            assert_string_equal(x->answer.texts[k], y->answer.texts[k]);
        assert_string_equal(x->given, y->given);
        assert_int_equal(x->right, y->right);
        assert_true(x->score - y->score < 0.0001 && y->score - x->score < 0.0001);
        assert_true(x->points == y->points);
        assert_true(x->ms == y->ms);
        assert_true(x->limit_ms == y->limit_ms);
        assert_int_equal(x->timed_out, y->timed_out);
    }
    assert_int_equal(b.totals.questions, 12);
    assert_int_equal(b.totals.right, a.totals.right);
    assert_int_equal(b.totals.answered, a.totals.answered);
    assert_int_equal(b.totals.timed_out, a.totals.timed_out);
    assert_true(b.totals.score - a.totals.score < 0.0001 &&
                a.totals.score - b.totals.score < 0.0001);
    assert_true(b.totals.answered + b.totals.timed_out == 12);
    class_attempt_free(&a);
    class_attempt_free(&b);
    diag_clear(&d);
}

/* ------------------------------------------------------ never overwrite */

static void test_a_name_is_never_reused(void **state)
{
    Fixture *f = *state;
    FixtureStudent who = {"Ahmad Al-Sabah", "S01", "pc1", 1772342100, 80, 0, 0};
    ClassAttempt a;
    assert_true(fixture_play(f->session, &f->packs, &who, &a));
    ResultWritten w1, w2, w3;
    /* A delivery retried: the same bytes under the same name are left alone. */
    assert_int_equal(result_write(f->dir, &a, 7, &w1), RESULT_OK);
    assert_int_equal(result_write(f->dir, &a, 7, &w2), RESULT_OK);
    assert_true(w2.already_there);
    assert_string_equal(w1.path, w2.path);
    assert_int_equal(test_count_files(path_in(f, "results/new")), 1);
    /* Other bytes under a taken name get a name of their own. */
    ClassTime later = {a.finished.unix_seconds + 60, 180};
    class_attempt_end(&a, ATTEMPT_FINISHED, later);
    assert_int_equal(result_write(f->dir, &a, 7, &w3), RESULT_OK);
    assert_false(w3.already_there);
    assert_string_not_equal(w3.name, w1.name);
    assert_non_null(strstr(w3.name, "-2.yaml"));
    assert_int_equal(test_count_files(path_in(f, "results/new")), 2);
    assert_int_equal(test_count_files(path_in(f, "results/tmp")), 0);
    /* The first file is untouched. */
    ClassAttempt back;
    DiagList d = {0};
    assert_true(result_read_file(w1.path, &back, &d));
    assert_true(back.finished.unix_seconds != later.unix_seconds);
    class_attempt_free(&back);
    class_attempt_free(&a);
    diag_clear(&d);
}

static void test_unwritable_folder_is_an_error_value(void **state)
{
    Fixture *f = *state;
    FixtureStudent who = {"Omar", "", "pc2", 1772342100, 50, 0, 0};
    ClassAttempt a;
    assert_true(fixture_play(f->session, &f->packs, &who, &a));
    /* A "folder" below a plain file: a share that is not there. */
    FILE *plain = fopen(path_in(f, "plain"), "w");
    assert_non_null(plain);
    fclose(plain);
    ResultWritten w;
    assert_int_equal(result_write(path_in(f, "plain/session"), &a, 1, &w), RESULT_UNWRITABLE);
    assert_int_not_equal(w.error, 0);
    assert_non_null(strstr(w.message, "cannot make the results folder"));
    /* A read-only file system (even for root). */
    assert_int_equal(result_write("/proc/self", &a, 1, &w), RESULT_UNWRITABLE);
    assert_int_not_equal(w.message[0], '\0');
    /* An attempt with no session is refused before anything is written. */
    ClassAttempt empty = {0};
    assert_int_equal(result_write(f->dir, &empty, 1, &w), RESULT_INVALID);
    assert_int_equal(test_count_files(path_in(f, "results/new")), 0);
    class_attempt_free(&a);
}

static void test_names_are_safe_on_every_share(void **state)
{
    (void)state;
    static const struct {
        const char *student, *host, *expect;
    } cases[] = {
        {"Ali / Hassan: 10B", "LAB-PC-07", "s--Ali_Hassan_10B--LAB_PC_07--"},
        {"../../etc/passwd", "h", "s--etc_passwd--h--"},
        {"  ", "", "s--x--x--"},
        {"Nasser--Al--Kandari", "pc", "s--Nasser_Al_Kandari--pc--"},
        {"نورة الرشيد", "pc", "s--نورة_الرشيد--pc--"},
        /* cut at 40 bytes, never inside a character */
        {"ابتسام عبدالرحمن المطيري الكندري", "pc", "s--ابتسام_عبدالرحمن_المط--pc--"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ClassAttempt a = {.session_id = "s", .student = cases[i].student, .host = cases[i].host};
        a.started = (ClassTime){1772342100, 180};
        char name[RESULT_NAME_MAX];
        result_file_name(&a, 0x1234, name);
        if (strncmp(name, cases[i].expect, strlen(cases[i].expect)) != 0)
            print_message("%s -> %s\n", cases[i].student, name);
        assert_int_equal(strncmp(name, cases[i].expect, strlen(cases[i].expect)), 0);
        assert_null(strchr(name, '/'));
        assert_null(strchr(name, ':'));
        assert_non_null(strstr(name, "--20260301T081500+0300--00001234.yaml"));
    }
}

/* --------------------------------------------------- thirty at once */

enum { CLASS_SIZE = 30 };

/* A result file of the thirty-computer test: whole, and the student's own
 * (seen[k] set for Student k, once). */
static bool check_students_own(const char *path, const char *name, void *ctx)
{
    bool *seen = ctx;
    ClassAttempt a;
    DiagList dl = {0};
    assert_true(result_read_file(path, &a, &dl));
    int k = -1;
    assert_int_equal(sscanf(a.student, "Student %d", &k), 1);
    assert_true(k >= 0 && k < CLASS_SIZE);
    assert_false(seen[k]);
    seen[k] = true;
    char host[32];
    snprintf(host, sizeof host, "pc-%02d", k);
    assert_string_equal(a.host, host);
    char mine[64];
    snprintf(mine, sizeof mine, "--Student_%02d--pc_%02d--", k, k);
    assert_non_null(strstr(name, mine)); /* the name and the content agree */
    assert_int_equal(a.answer_count, 12);
    class_attempt_free(&a);
    diag_clear(&dl);
    return true;
}

static void test_thirty_computers_finish_at_once(void **state)
{
    Fixture *f = *state;
    int gate[2];
    assert_int_equal(pipe(gate), 0);
    pid_t kids[CLASS_SIZE];
    for (int k = 0; k < CLASS_SIZE; k++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(gate[1]);
            char name[32], host[32];
            snprintf(name, sizeof name, "Student %02d", k);
            snprintf(host, sizeof host, "pc-%02d", k);
            FixtureStudent who = {name, "", host, 1772342100, (unsigned)(k * 3), 10, 0};
            ClassAttempt a;
            bool played = fixture_play(f->session, &f->packs, &who, &a);
            char go;
            /* Everyone waits at the gate; closing it lets all go at once. */
            ssize_t got = read(gate[0], &go, 1);
            ResultWritten w;
            int status =
                played && got == 0 && result_write(f->dir, &a, (uint64_t)k, &w) == RESULT_OK ? 0
                                                                                             : 1;
            _exit(status);
        }
        kids[k] = pid;
    }
    close(gate[0]);
    close(gate[1]); /* the barrier opens */
    for (int k = 0; k < CLASS_SIZE; k++) {
        int st = 0;
        assert_int_equal(waitpid(kids[k], &st, 0), kids[k]);
        assert_true(WIFEXITED(st));
        assert_int_equal(WEXITSTATUS(st), 0);
    }
    assert_int_equal(test_count_files(path_in(f, "results/tmp")), 0);
    assert_int_equal(test_count_files(path_in(f, "results/new")), CLASS_SIZE);
    /* Every file is complete and is one student's own. */
    bool seen[CLASS_SIZE] = {false};
    assert_int_equal(test_each_entry(path_in(f, "results/new"), check_students_own, seen),
                     CLASS_SIZE);
    for (int k = 0; k < CLASS_SIZE; k++)
        assert_true(seen[k]);
}

/* ------------------------------------------------------ tampered files */

/* A valid file to edit: the header and one question. */
static const char good_file[] =
    "format: 1\nkind: result\nsession: gcc-quiz-10b\n"
    "session_sha256: 0000000000000000000000000000000000000000000000000000000000000000\n"
    "packs:\n- {id: kuwait-gcc, sha256: "
    "1111111111111111111111111111111111111111111111111111111111111111}\n"
    "student: \"Ali\"\nroster_id: \"\"\nhost: \"pc\"\nquizdeck: \"0.1.0\"\n"
    "started: 2026-03-01T08:15:00+03:00\nfinished: 2026-03-01T08:20:00+03:00\n"
    "status: finished\nquestions:\n"
    "- pack: kuwait-gcc\n  question: gcc-founding\n  display: [2, 0, 1, 3]\n"
    "  answer: {ints: [0], texts: []}\n  given: \"B: Gulf Cooperation Council\"\n"
    "  right: true\n  score: 1\n  points: 0\n  ms: 5230\n  limit_ms: 20000\n"
    "  timed_out: false\n"
    "totals:\n  questions: 12\n  answered: 1\n  timed_out: 0\n  right: 1\n  score: 1\n"
    "  points: 0\n";

/* good_file with `from` replaced by `to`. */
static char *edited(const char *from, const char *to)
{
    const char *at = strstr(good_file, from);
    assert_non_null(at);
    size_t n = strlen(good_file) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%.*s%s%s", (int)(at - good_file), good_file, to, at + strlen(from));
    return s;
}

static bool has_message(const DiagList *d, const char *fragment)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].message, fragment))
            return true;
    return false;
}

static void test_reader_refuses_what_the_writer_never_writes(void **state)
{
    (void)state;
    ClassAttempt a;
    DiagList d = {0};
    assert_true(result_read_buffer("good.yaml", good_file, strlen(good_file), &a, &d));
    assert_int_equal(d.count, 0);
    class_attempt_free(&a);

    static const struct {
        const char *from, *to, *expect;
    } cases[] = {
        {"kind: result", "kind: session", "'kind' must be 'result'"},
        {"format: 1", "format: 2", "'format' is 2"},
        {"status: finished", "status: done", "'status' is 'done'"},
        {"display: [2, 0, 1, 3]", "display: [2, 0, 2, 3]", "'display' must be an order"},
        {"display: [2, 0, 1, 3]", "display: [0, 1, 2, 3, 4, 5, 6, 7, 0]", "more than 8 entries"},
        {"display: [2, 0, 1, 3]", "display: [9]", "'display entry' is 9"},
        {"ints: [0]",
         "ints: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
         "0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
         "'ints' has more than 32 entries"},
        {"ints: [0]", "ints: [99999999999]", "'ints entry' is 99999999999"},
        {"score: 1\n  points", "score: 1.5\n  points", "'score' is 1.5"},
        {"ms: 5230", "ms: -5", "'ms' is -5"},
        {"right: true", "right: \"yes\"", "'right' must be true or false"},
        {"session: gcc-quiz-10b", "session: ../../etc", "session '../../etc' may use only"},
        {"session_sha256: 0000", "session_sha256: zz00", "64 lowercase hexadecimal digits"},
        {"started: 2026-03-01T08:15:00+03:00", "started: yesterday", "not a date and time"},
        {"finished: 2026-03-01T08:20:00+03:00", "finished: 2026-03-01T08:00:00+03:00",
         "'finished' is before 'started'"},
        {"student: \"Ali\"\n", "", "missing 'student'"},
        {"  timed_out: false\n", "", "a question is missing 'timed_out'"},
        {"host: \"pc\"", "host: \"pc\"\nhost2: x", "unknown key 'host2' in a result file"},
        {"host: \"pc\"", "host: \"pc\"\nhost: \"pc\"", "duplicate key 'host'"},
        {"student: \"Ali\"", "student: &a \"Ali\"", "anchors (&a) are not supported"},
        {"given: \"B: Gulf Cooperation Council\"", "given: \"\xC3\x28\"", "invalid UTF-8"},
        {"packs:\n- {id: kuwait-gcc, sha256: "
         "1111111111111111111111111111111111111111111111111111111111111111}\n",
         "packs: kuwait-gcc\n", "'packs' must be a list"},
        {"format: 1", "format: [1", "YAML syntax"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = edited(cases[i].from, cases[i].to);
        DiagList dl = {0};
        bool ok = result_read_buffer("edited.yaml", text, strlen(text), &a, &dl);
        if (ok || !has_message(&dl, cases[i].expect)) {
            print_message("case %zu: want '%s'\n", i, cases[i].expect);
            char line[1400];
            for (size_t k = 0; k < dl.count; k++) {
                diag_format(&dl.items[k], line, sizeof line);
                print_message("  got: %s\n", line);
            }
        }
        assert_false(ok);
        assert_true(has_message(&dl, cases[i].expect));
        class_attempt_free(&a);
        diag_clear(&dl);
        free(text);
    }
}

static void test_reader_refuses_links_and_huge_files(void **state)
{
    Fixture *f = *state;
    char target[512], link_path[512];
    snprintf(target, sizeof target, "%s/real.yaml", f->dir);
    snprintf(link_path, sizeof link_path, "%s/link.yaml", f->dir);
    FILE *out = fopen(target, "w");
    assert_non_null(out);
    fputs(good_file, out);
    fclose(out);
    assert_int_equal(symlink(target, link_path), 0);
    ClassAttempt a;
    DiagList d = {0};
    assert_true(result_read_file(target, &a, &d));
    class_attempt_free(&a);
    assert_false(result_read_file(link_path, &a, &d));
    assert_true(has_message(&d, "not a regular file"));
    class_attempt_free(&a);
    diag_clear(&d);
    /* past 32 MiB: refused before it is read */
    char big[512];
    snprintf(big, sizeof big, "%s/big.yaml", f->dir);
    out = fopen(big, "w");
    assert_non_null(out);
    assert_int_equal(fseek(out, RESULT_MAX_FILE_BYTES + 1L, SEEK_SET), 0);
    fputc('\n', out);
    fclose(out);
    assert_false(result_read_file(big, &a, &d));
    assert_true(has_message(&d, "larger than the limit"));
    class_attempt_free(&a);
    diag_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip_keeps_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_name_is_never_reused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_folder_is_an_error_value, setup, teardown),
        cmocka_unit_test(test_names_are_safe_on_every_share),
        cmocka_unit_test_setup_teardown(test_thirty_computers_finish_at_once, setup, teardown),
        cmocka_unit_test(test_reader_refuses_what_the_writer_never_writes),
        cmocka_unit_test_setup_teardown(test_reader_refuses_links_and_huge_files, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
