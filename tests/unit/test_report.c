/* test_report.c - the class report: a golden CSV and summary for a fixed
 * set of result files, tampered files flagged and not counted, the same
 * attempt delivered twice counted once, a student's best attempt counted,
 * an edited pack recomputed, and the same output on every run.
 *
 * The golden set is tests/data/class/gcc-10b/ (a session with its own pack,
 * a roster, and results/new/ written by the result writer from played
 * attempts) with gcc-10b.csv and gcc-10b.txt beside it. To make them again
 * after a deliberate change (the pack, the writer, the report's columns):
 *   QUIZDECK_UPDATE_GOLDEN=1 build/tests/test_report
 * then read the diff before committing it.
 */
#include <dirent.h>
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

#include "class_fixture.h"
#include "report.h"
#include "result.h"
#include "session.h"
#include "test_support.h"

#define GOLDEN QUIZDECK_TEST_DATA "/class/gcc-10b"

/* ---------------------------------------------------------------- helpers */

/* What a function wrote into the tmpfile f, from its start. */
static char *read_back(FILE *f)
{
    char *s = test_read_stream(f, NULL);
    assert_non_null(s);
    return s;
}

/* Builds the report of `folder`, with its CSV and summary as strings. */
static void build(const char *folder, Report *rep, char **csv, char **text)
{
    FILE *c = tmpfile();
    assert_non_null(c);
    DiagList d = {0};
    ReportStatus st = report_build(rep, folder, NULL, 0, c, &d);
    if (st != REPORT_OK)
        test_print_diags("", &d);
    assert_int_equal(st, REPORT_OK);
    diag_clear(&d);
    *csv = read_back(c);
    fclose(c);
    if (text) {
        FILE *t = tmpfile();
        report_write_text(rep, t);
        *text = read_back(t);
        fclose(t);
    }
}

static const ReportFile *file_of(const Report *rep, const char *student, ReportFileState state)
{
    for (size_t i = 0; i < rep->file_count; i++)
        if (strcmp(rep->files[i].student, student) == 0 && rep->files[i].state == state)
            return &rep->files[i];
    return NULL;
}

/* A scratch session folder: the golden session.yaml, roster and pack. */
typedef struct Scratch {
    char dir[64];
    Session *session;
    SessionPacks packs;
} Scratch;

static void scratch_make(Scratch *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/quizdeck-report-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
    char a[256], b[256];
    snprintf(b, sizeof b, "%s/packs", s->dir);
    assert_int_equal(mkdir(b, 0777), 0);
    static const char *const files[] = {"session.yaml", "students.txt", "packs/class-pack.yaml"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(a, sizeof a, "%s/%s", GOLDEN, files[i]);
        snprintf(b, sizeof b, "%s/%s", s->dir, files[i]);
        assert_true(test_copy_file(a, b));
    }
    DiagList d = {0};
    s->session = session_load(s->dir, &d);
    assert_non_null(s->session);
    assert_true(session_resolve_packs(s->session, NULL, 0, &s->packs, &d));
    diag_clear(&d);
}

static void scratch_free(Scratch *s)
{
    session_packs_free(&s->packs);
    session_free(s->session);
    test_remove_tree(s->dir);
}

static void play_and_write(const Session *session, const SessionPacks *packs, const char *folder,
                           const FixtureStudent *who, uint64_t nonce, ClassAttempt *keep)
{
    ClassAttempt a;
    assert_true(fixture_play(session, packs, who, &a));
    ResultWritten w;
    assert_int_equal(result_write(folder, &a, nonce, &w), RESULT_OK);
    if (keep)
        *keep = a;
    else
        class_attempt_free(&a);
}

/* ----------------------------------------------------------- the golden */

static const FixtureStudent golden_class[] = {
    {"Ahmad Al-Sabah", "S01", "lab-01", 1772342100, 90, 0, 0},
    {"Ahmad Al-Sabah", "S01", "lab-01", 1772345700, 40, 0, 0}, /* a second, worse attempt */
    {"Noura Al-Rashid", "S02", "lab-02", 1772342110, 60, 20, 0},
    {"سارة الحربي", "S03", "lab-03", 1772342120, 75, 0, 0},
    {"Yousef, \"Joe\" Al-Kandari", "S04", "lab-04", 1772342130, 30, 0, 0},
    {"Mariam Al-Enezi", "S05", "lab-05", 1772342140, 50, 0, 4}, /* the game was closed */
};

/* Writes the golden results/new and the expected outputs afresh. */
static void regenerate_golden(void)
{
    char results[512];
    snprintf(results, sizeof results, "%s/results", GOLDEN);
    test_remove_tree(results);
    DiagList d = {0};
    Session *s = session_load(GOLDEN, &d);
    assert_non_null(s);
    SessionPacks packs;
    assert_true(session_resolve_packs(s, NULL, 0, &packs, &d));
    for (size_t i = 0; i < sizeof golden_class / sizeof golden_class[0]; i++)
        play_and_write(s, &packs, GOLDEN, &golden_class[i], 0x10 + i, NULL);
    /* Noura's file delivered twice (a retry after a network fault). */
    ClassAttempt a;
    assert_true(fixture_play(s, &packs, &golden_class[2], &a));
    ResultWritten w;
    assert_int_equal(result_write(GOLDEN, &a, 0x99, &w), RESULT_OK);
    class_attempt_free(&a);
    /* Yousef's file with its score raised by hand. */
    assert_true(fixture_play(s, &packs, &golden_class[4], &a));
    a.totals.right = a.totals.questions;
    a.totals.score = (double)a.totals.questions;
    assert_int_equal(result_write(GOLDEN, &a, 0x77, &w), RESULT_OK);
    class_attempt_free(&a);
    session_packs_free(&packs);
    session_free(s);
    diag_clear(&d);

    Report rep;
    char *csv, *text;
    build(GOLDEN, &rep, &csv, &text);
    assert_true(test_write_text(GOLDEN "/../gcc-10b.csv", csv));
    assert_true(test_write_text(GOLDEN "/../gcc-10b.txt", text));
    free(csv);
    free(text);
    report_free(&rep);
}

static void test_golden_csv_and_summary(void **state)
{
    (void)state;
    if (getenv("QUIZDECK_UPDATE_GOLDEN"))
        regenerate_golden();
    Report rep;
    char *csv, *text;
    build(GOLDEN, &rep, &csv, &text);
    char *want_csv = test_read_file(GOLDEN "/../gcc-10b.csv", NULL);
    char *want_text = test_read_file(GOLDEN "/../gcc-10b.txt", NULL);
    assert_non_null(want_csv);
    assert_non_null(want_text);
    if (strcmp(csv, want_csv) != 0)
        print_message("CSV differs; got:\n%s\n", csv);
    assert_string_equal(csv, want_csv);
    if (strcmp(text, want_text) != 0)
        print_message("summary differs; got:\n%s\n", text);
    assert_string_equal(text, want_text);

    /* What the golden set is there to show. */
    assert_int_equal(rep.file_count, 8);
    assert_int_equal(rep.student_count, 5);
    assert_int_equal(rep.flagged, 1);
    assert_int_equal(rep.duplicates, 1);
    assert_int_equal(rep.other_attempts, 1);
    const ReportFile *tampered = file_of(&rep, "Yousef, \"Joe\" Al-Kandari", REPORT_FILE_FLAGGED);
    assert_non_null(tampered);
    assert_non_null(strstr(tampered->reason, "totals"));
    const ReportFile *yousef = file_of(&rep, "Yousef, \"Joe\" Al-Kandari", REPORT_FILE_COUNTED);
    assert_non_null(yousef);
    assert_true(yousef->score < 7.0); /* the genuine file counts, with its own score */
    /* the best of Ahmad's two attempts counts */
    const ReportFile *ahmad = file_of(&rep, "Ahmad Al-Sabah", REPORT_FILE_COUNTED);
    const ReportFile *again = file_of(&rep, "Ahmad Al-Sabah", REPORT_FILE_OTHER_ATTEMPT);
    assert_non_null(ahmad);
    assert_non_null(again);
    assert_true(ahmad->score >= again->score);
    assert_int_equal(ahmad->attempts, 2);
    /* 5 counted students x 7 questions, less the 3 Mariam never reached */
    size_t rows = 0;
    for (const char *p = csv; (p = strstr(p, "\r\n")) != NULL; p += 2)
        rows++;
    assert_int_equal(rows, 1 + 5 * 7 - 3);
    free(csv);
    free(text);
    free(want_csv);
    free(want_text);
    report_free(&rep);
}

/* ------------------------------------------------------------ tampering */

typedef enum Tamper {
    TAMPER_TOTAL_SCORE,
    TAMPER_ANSWER_SCORE,
    TAMPER_SESSION_ID,
    TAMPER_SESSION_SUM,
    TAMPER_MORE_TIME,
    TAMPER_FOREIGN_QUESTION,
    TAMPER_FEWER_QUESTIONS,
    TAMPER_ANSWER_DOES_NOT_FIT,
} Tamper;

static void tamper(ClassAttempt *a, Tamper how)
{
    AttemptAnswer *first = &a->answers[0];
    switch (how) {
    case TAMPER_TOTAL_SCORE:
        a->totals.score += 1;
        break;
    case TAMPER_ANSWER_SCORE:
        for (size_t i = 0; i < a->answer_count; i++)
            if (!a->answers[i].right) {
                a->answers[i].right = true;
                a->answers[i].score = 1;
                break;
            }
        break;
    case TAMPER_SESSION_ID:
        a->session_id = "another-session";
        break;
    case TAMPER_SESSION_SUM:
        a->session_sha256[0] = a->session_sha256[0] == 'a' ? 'b' : 'a';
        break;
    case TAMPER_MORE_TIME:
        first->limit_ms *= 3;
        break;
    case TAMPER_FOREIGN_QUESTION:
        first->question_id = "card";
        break;
    case TAMPER_FEWER_QUESTIONS:
        a->totals.questions = a->answer_count - 1;
        a->answer_count--;
        break;
    case TAMPER_ANSWER_DOES_NOT_FIT:
        for (size_t i = 0; i < a->answer_count; i++)
            if (a->answers[i].answer.int_count == 1) {
                a->answers[i].answer.ints[0] = 7; /* no such choice */
                break;
            }
        break;
    }
}

static void test_tampered_files_are_flagged_not_counted(void **state)
{
    (void)state;
    static const struct {
        Tamper how;
        const char *reason;
    } cases[] = {
        {TAMPER_TOTAL_SCORE, "totals"},
        {TAMPER_ANSWER_SCORE, "is recorded with score 1"},
        {TAMPER_SESSION_ID, "from another session ('another-session'"},
        {TAMPER_SESSION_SUM, "another version of session.yaml"},
        {TAMPER_MORE_TIME, "the session gives 20000 ms"},
        {TAMPER_FOREIGN_QUESTION, "is not one of the session's questions"},
        {TAMPER_FEWER_QUESTIONS, "says the attempt had 6 questions; the session asks 7"},
        {TAMPER_ANSWER_DOES_NOT_FIT, "does not fit the question"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Scratch s;
        scratch_make(&s);
        FixtureStudent honest = {"Noura Al-Rashid", "S02", "pc", 1772342100, 50, 0, 0};
        FixtureStudent cheat = {"Omar Haddad", "", "pc2", 1772342100, 40, 0, 0};
        play_and_write(s.session, &s.packs, s.dir, &honest, 1, NULL);
        ClassAttempt a;
        assert_true(fixture_play(s.session, &s.packs, &cheat, &a));
        tamper(&a, cases[i].how);
        ResultWritten w;
        assert_int_equal(result_write(s.dir, &a, 2, &w), RESULT_OK);
        class_attempt_free(&a);
        Report rep;
        char *csv;
        build(s.dir, &rep, &csv, NULL);
        const ReportFile *f = file_of(&rep, "Omar Haddad", REPORT_FILE_FLAGGED);
        if (!f || !strstr(f->reason, cases[i].reason))
            print_message("case %zu: want '%s', got %s\n", i, cases[i].reason,
                          f ? f->reason : "(not flagged)");
        assert_non_null(f);
        assert_non_null(strstr(f->reason, cases[i].reason));
        assert_int_equal(rep.student_count, 1); /* only the honest file counts */
        assert_null(strstr(csv, "Omar"));
        free(csv);
        report_free(&rep);
        scratch_free(&s);
    }
}

/* A scratch session with one honest attempt in results/new. */
static void scratch_with_one_attempt(Scratch *s)
{
    scratch_make(s);
    FixtureStudent who = {"Noura Al-Rashid", "S02", "pc", 1772342100, 50, 0, 0};
    play_and_write(s->session, &s->packs, s->dir, &who, 1, NULL);
}

static void test_unreadable_files_are_listed(void **state)
{
    (void)state;
    Scratch s;
    scratch_with_one_attempt(&s);
    char path[256];
    snprintf(path, sizeof path, "%s/results/new/garbage.yaml", s.dir);
    assert_true(test_write_text(path, "not: [a result"));
    snprintf(path, sizeof path, "%s/results/new/notes.txt", s.dir);
    assert_true(test_write_text(path, "ignored"));
    Report rep;
    char *csv;
    build(s.dir, &rep, &csv, NULL);
    assert_int_equal(rep.file_count, 2); /* .txt is not a result file */
    assert_int_equal(rep.unreadable, 1);
    assert_int_equal(rep.student_count, 1);
    const ReportFile *garbage = &rep.files[1]; /* files are in name order */
    assert_string_equal(garbage->name, "garbage.yaml");
    assert_int_equal(garbage->state, REPORT_FILE_UNREADABLE);
    assert_non_null(strstr(garbage->reason, "line 1, column 1: unknown key 'not'"));
    free(csv);
    report_free(&rep);
    scratch_free(&s);
}

/* The teacher fixed a typo in the pack after the lesson: that is not
 * cheating. The files count, with scores recomputed against the pack as it
 * is now, and the report says so. */
static void test_edited_pack_is_recomputed_not_flagged(void **state)
{
    (void)state;
    Scratch s;
    scratch_with_one_attempt(&s);
    char pack[256];
    snprintf(pack, sizeof pack, "%s/packs/class-pack.yaml", s.dir);
    FILE *f = fopen(pack, "a");
    assert_non_null(f);
    fputs("# a comment added after the lesson\n", f);
    fclose(f);
    Report rep;
    char *csv, *text;
    build(s.dir, &rep, &csv, &text);
    assert_int_equal(rep.student_count, 1);
    assert_int_equal(rep.flagged, 0);
    assert_int_equal(rep.pack_changed, 1);
    assert_non_null(strstr(text, "edited since"));
    free(csv);
    free(text);
    report_free(&rep);
    scratch_free(&s);
}

static size_t list_names(const char *dir, char names[][RESULT_NAME_MAX], size_t max)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max)
        if (e->d_name[0] != '.')
            snprintf(names[n++], RESULT_NAME_MAX, "%s", e->d_name);
    closedir(d);
    return n;
}

static void test_same_output_every_run_and_results_untouched(void **state)
{
    (void)state;
    static char before[16][RESULT_NAME_MAX], after[16][RESULT_NAME_MAX];
    size_t nb = list_names(GOLDEN "/results/new", before, 16);
    Report r1, r2;
    char *csv1, *csv2, *text1, *text2;
    build(GOLDEN, &r1, &csv1, &text1);
    build(GOLDEN "/results", &r2, &csv2, &text2); /* its results/ folder works too */
    assert_string_equal(csv1, csv2);
    assert_string_equal(text1, text2);
    FILE *h1 = tmpfile(), *h2 = tmpfile();
    report_write_html(&r1, h1);
    report_write_html(&r2, h2);
    char *html1 = read_back(h1), *html2 = read_back(h2);
    assert_string_equal(html1, html2);
    /* self-contained: no script, nothing fetched; charts inline; RTL safe */
    assert_null(strstr(html1, "<script"));
    assert_null(strstr(html1, "http://"));
    assert_null(strstr(html1, "https://"));
    assert_null(strstr(html1, "<link"));
    assert_non_null(strstr(html1, "<svg"));
    assert_non_null(strstr(html1, "@page{size:A4"));
    assert_non_null(strstr(html1, "<td dir=\"auto\">سارة الحربي</td>"));
    assert_non_null(strstr(html1, "Yousef, &quot;Joe&quot; Al-Kandari"));
    assert_non_null(strstr(html1, "Gulf Cooperation Council (GCC): Promoting Collective Security"));
    size_t na = list_names(GOLDEN "/results/new", after, 16);
    assert_int_equal(na, nb);
    fclose(h1);
    fclose(h2);
    free(html1);
    free(html2);
    free(csv1);
    free(csv2);
    free(text1);
    free(text2);
    report_free(&r1);
    report_free(&r2);
}

static void test_hardest_questions_come_first(void **state)
{
    (void)state;
    Report rep;
    char *csv;
    build(GOLDEN, &rep, &csv, NULL);
    assert_int_equal(rep.question_count, 7); /* the flashcard is left out */
    for (size_t i = 1; i < rep.question_count; i++) {
        const ReportQuestion *a = &rep.questions[i - 1], *b = &rep.questions[i];
        double pa = a->asked ? a->credit / (double)a->asked : 2,
               pb = b->asked ? b->credit / (double)b->asked : 2;
        assert_true(pa <= pb + 1e-9);
    }
    size_t asked = 0;
    for (size_t i = 0; i < rep.question_count; i++) {
        asked += rep.questions[i].asked;
        assert_true(rep.questions[i].right <= rep.questions[i].asked);
        /* every wrong answer of a question is counted, the common ones kept */
        size_t wrong = 0;
        for (size_t k = 0; k < rep.questions[i].wrong_count; k++)
            wrong += rep.questions[i].wrong[k].count;
        assert_int_equal(wrong, rep.questions[i].wrong_total);
        assert_int_equal(rep.questions[i].wrong_total,
                         rep.questions[i].asked - rep.questions[i].right);
    }
    assert_int_equal(asked, 5 * 7 - 3);
    free(csv);
    report_free(&rep);
}

static void test_csv_fields_are_quoted_as_rfc4180_says(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"", ""},
        {"سارة", "سارة"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = tmpfile();
        report_csv_field(f, cases[i].in);
        char *s = read_back(f);
        assert_string_equal(s, cases[i].out);
        free(s);
        fclose(f);
    }
}

static void test_no_results_yet(void **state)
{
    (void)state;
    Scratch s;
    scratch_make(&s);
    Report rep;
    char *csv, *text;
    build(s.dir, &rep, &csv, &text);
    assert_int_equal(rep.file_count, 0);
    assert_non_null(strstr(text, "no result to count yet"));
    free(csv);
    free(text);
    report_free(&rep);
    scratch_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_csv_and_summary),
        cmocka_unit_test(test_tampered_files_are_flagged_not_counted),
        cmocka_unit_test(test_unreadable_files_are_listed),
        cmocka_unit_test(test_edited_pack_is_recomputed_not_flagged),
        cmocka_unit_test(test_same_output_every_run_and_results_untouched),
        cmocka_unit_test(test_hardest_questions_come_first),
        cmocka_unit_test(test_csv_fields_are_quoted_as_rfc4180_says),
        cmocka_unit_test(test_no_results_yet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
