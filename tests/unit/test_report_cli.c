/* test_report_cli.c - the class side of the command line as a teacher uses
 * it: `quizdeck --check` on session folders and files, and `quizdeck
 * --report` with its CSV and HTML files. Runs the real binary
 * (QUIZDECK_EXE) with its output captured, like test_cli.c. */
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

#include "cli_run.h"
#include "test_support.h"

#define DATA    QUIZDECK_TEST_DATA
#define EXAMPLE QUIZDECK_SOURCE_QUESTIONS "/../examples/class-session"
#define GOLDEN  DATA "/class/gcc-10b"
/* where the import cases write their pack (removed after them) */
#define IMPORTED "/tmp/quizdeck-report-cli-import.yaml"

/* What goes before the binary in every run: a data folder of the tests'. */
#define PREFIX "QUIZDECK_DATA_DIR=/tmp/quizdeck-cli-data"

/* Runs quizdeck with `env` (VAR=value ...) before it, and args. */
static void run_in(CliRun *r, const char *env, const char *args)
{
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s " PREFIX, env);
    assert_true(cli_run(r, prefix, args));
}

static void run(CliRun *r, const char *args)
{
    run_in(r, "", args);
}

static void test_check_and_report_exit_codes_and_messages(void **state)
{
    (void)state;
    static const CliCase cases[] = {
        {"--check " EXAMPLE, 0,
         "session 'gcc-quiz-10b' plays 12 questions per student from kuwait-gcc (installed), "
         "kuwait-alliances (installed)"},
        {"--check " EXAMPLE "/session.yaml", 0, "1 file checked: 1 valid (12 questions)"},
        {"--check " GOLDEN, 0, "2 files checked: 2 valid"},
        {"--check " DATA "/session/broken/pack-not-found.yaml", 1,
         "pack-not-found.yaml:6:9: error: pack 'kuwait-gc' was not found, neither in the "
         "session's packs/ folder nor among the installed packs (did you mean 'kuwait-gcc'?)"},
        {"--check " DATA "/session/folders/roster-duplicate-id", 1,
         "roster-duplicate-id/students.txt:2:1: error: ID 'S01' is given twice"},
        {"--check " DATA "/session/folders/broken-pack-in-packs", 1,
         "2 files checked: 0 valid (0 questions), 2 with errors; 2 errors"},
        /* a session and a pack in one call, each checked as what it is */
        {"--check " EXAMPLE " " DATA "/valid/example.yaml", 0, "2 files checked: 2 valid"},
        {"--report " GOLDEN, 0,
         "Students   5 counted (1 flagged, 1 duplicate counted once, 1 further attempt)"},
        {"--report " GOLDEN "/results", 0, "GCC quiz, class 10B (class-golden)"},
        {"--report " GOLDEN, 0, "flagged: its totals (7 right"},
        {"--report " EXAMPLE, 0, "no result to count yet"},
        {"--report /nonexistent", 2, "--report /nonexistent: no such folder"},
        {"--report", 2, "--report needs a folder"},
        {"--report " GOLDEN " --pdf x", 2, "--pdf: not an option of --report"},
        {"--report " GOLDEN " --csv " GOLDEN "/results/new/out.csv", 2,
         "the report is not written into the results folder"},
        {"--report " DATA "/session", 1, "no report for"},
        {"--help", 0, "quizdeck --report FOLDER [--csv FILE] [--html FILE]"},
    };
    assert_int_equal(cli_run_cases(PREFIX, cases, sizeof cases / sizeof cases[0]), 0);
}

static void test_report_writes_csv_and_html_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/quizdeck-report-out-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char args[1024];
    snprintf(args, sizeof args, "--report " GOLDEN " --csv %s/class.csv --html %s/class.html", dir,
             dir);
    CliRun r;
    run(&r, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "CSV: "));
    assert_non_null(strstr(r.out, "HTML: "));
    char path[256];
    snprintf(path, sizeof path, "%s/class.csv", dir);
    char *csv = test_read_file(path, NULL),
         *golden = test_read_file(DATA "/class/gcc-10b.csv", NULL);
    assert_non_null(csv);
    assert_string_equal(csv, golden);
    snprintf(path, sizeof path, "%s/class.html", dir);
    char *html = test_read_file(path, NULL);
    assert_non_null(html);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_non_null(strstr(html, "</html>"));
    /* no temporary file is left beside them */
    snprintf(args, sizeof args, "ls -A %s | wc -l > %s.count", dir, dir);
    assert_int_equal(system(args), 0);
    snprintf(path, sizeof path, "%s.count", dir);
    char *count = test_read_file(path, NULL);
    assert_int_equal(atoi(count), 2);
    unlink(path);
    free(count);
    free(csv);
    free(golden);
    free(html);
    test_remove_tree(dir);
}

/* A teacher whose desktop is in Arabic reads the report in Arabic: the
 * summary, the reasons a file is left out and the HTML page's direction;
 * the CSV keeps its English column names for the tools that read it, and
 * a diagnostic keeps its FILE:LINE:COLUMN: error: words. */
static void test_report_follows_the_language(void **state)
{
    (void)state;
    static const CliCase cases[] = {
        {"--report " GOLDEN, 0,
         "الطلاب     5 محتسبون (1 ملف لم يجتز التحقق، 1 نسخة مكررة احتُسبت مرة واحدة، 1 "
         "محاولة إضافية)"},
        {"--report " GOLDEN, 0, "النتيجة    المتوسط 53% (3.7 صحيحة من 7)، الوسيط 43% (3.0 من 7)"},
        {"--report " GOLDEN, 0, "أصعب الأسئلة"},
        {"--report " GOLDEN, 0, "لم يجتز التحقق: مجاميعه (الصحيحة 7"},
        {"--report " EXAMPLE, 0, "لا توجد نتيجة لاحتسابها بعد"},
        {"--check " DATA "/session/broken/pack-not-found.yaml", 1,
         "pack-not-found.yaml:6:9: error: "},
        {"--check " EXAMPLE, 0,
         "الحصة 'gcc-quiz-10b' تطرح 12 سؤالًا على كل طالب من kuwait-gcc (مثبّتة)، "
         "kuwait-alliances (مثبّتة)"},
        {"--report " GOLDEN " --pdf x", 2, "quizdeck: --pdf: ليس من خيارات --report"},
        {"--report /nonexistent", 2, "--report /nonexistent: لا يوجد مجلد بهذا الاسم"},
        /* the authoring commands too; the importers' diagnostics stay English */
        {"--import /nonexistent.gift", 2, "quizdeck: /nonexistent.gift: لا يوجد ملف بهذا الاسم"},
        {"--import " DATA "/import/valid/moodle-export.gift -o " IMPORTED, 0,
         "استُوردت 7 أسئلة (2 choice، 1 multi"},
        {"--import " DATA "/import/valid/moodle-export.gift -o " IMPORTED, 0,
         "moodle-export.gift:48:1: warning: GIFT: "},
    };
    assert_int_equal(cli_run_cases("LANGUAGE=ar " PREFIX, cases, sizeof cases / sizeof cases[0]),
                     0);
    unlink(IMPORTED);

    char dir[] = "/tmp/quizdeck-report-ar-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char args[1024];
    snprintf(args, sizeof args, "--report " GOLDEN " --csv %s/class.csv --html %s/class.html", dir,
             dir);
    CliRun r;
    run_in(&r, "LANGUAGE=ar", args);
    assert_int_equal(r.status, 0);
    char path[256];
    snprintf(path, sizeof path, "%s/class.csv", dir);
    char *csv = test_read_file(path, NULL),
         *golden = test_read_file(DATA "/class/gcc-10b.csv", NULL);
    assert_non_null(csv);
    assert_non_null(golden);
    size_t header = strcspn(golden, "\n") + 1;
    assert_true(strncmp(csv, golden, header) == 0);
    snprintf(path, sizeof path, "%s/class.html", dir);
    char *html = test_read_file(path, NULL);
    assert_non_null(html);
    assert_non_null(strstr(html, "<html lang=\"ar\" dir=\"rtl\">"));
    assert_non_null(strstr(html, "<h2>توزيع النتائج</h2>"));
    assert_non_null(strstr(html, "<th>الطالب</th>"));
    free(csv);
    free(golden);
    free(html);
    test_remove_tree(dir);

    /* and in English the page says so */
    snprintf(args, sizeof args, "--report " GOLDEN " --html %s.html", dir);
    run(&r, args);
    assert_int_equal(r.status, 0);
    snprintf(path, sizeof path, "%s.html", dir);
    html = test_read_file(path, NULL);
    assert_non_null(html);
    assert_non_null(strstr(html, "<html lang=\"en\" dir=\"ltr\">"));
    assert_non_null(strstr(html, "<h2>Score distribution</h2>"));
    free(html);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_and_report_exit_codes_and_messages),
        cmocka_unit_test(test_report_writes_csv_and_html_files),
        cmocka_unit_test(test_report_follows_the_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
