/* test_cli.c - the quizdeck command line as a teacher uses it: exit codes
 * and what --check, --list, --help and --version print, also for hostile
 * input (a FIFO, links out of the folder, text that tries to print lines of
 * its own, a very long path). Runs the real binary (QUIZDECK_EXE) with its
 * output captured to a temporary file. */
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

/* The pack cache of every run: a folder of this test's own, so that no run
 * reads or fills the user's cache (--list reads through it). */
static char cli_cache[TEST_DIR_SIZE];

enum { PREFIX_SIZE = 512 };

/* What goes before the binary: its own data and cache folders, then `env`
 * (VAR=value ..., "" for none). */
static const char *prefix_with(char prefix[PREFIX_SIZE], const char *env)
{
    snprintf(prefix, PREFIX_SIZE,
             "QUIZDECK_DATA_DIR=/tmp/quizdeck-cli-data QUIZDECK_CACHE_DIR='%s' %s", cli_cache, env);
    return prefix;
}

static void run_with(CliRun *r, const char *env, const char *args)
{
    char prefix[PREFIX_SIZE];
    assert_true(cli_run(r, prefix_with(prefix, env), args));
}

static void run(CliRun *r, const char *args)
{
    run_with(r, "", args);
}

#define DATA QUIZDECK_TEST_DATA

static void test_exit_codes_and_messages(void **state)
{
    (void)state;
    static const CliCase cases[] = {
        {"--check " DATA "/valid/all-types.yaml", 0, "1 valid (8 questions)"},
        {"--check " DATA "/valid/all-types.yaml " DATA "/valid/example.yaml", 0,
         "example.yaml:21:5: warning: question 'gcc-size' has no 'explain'"},
        {"--check " DATA "/broken/answer-not-a-choice.yaml", 1,
         "answer-not-a-choice.yaml:10:13: error: answer 'Paris' is not one of the choices"},
        {"--check " DATA "/folder-mixed", 1,
         "d-same-id.yaml:2:5: error: pack id "
         "'kuwait-regional-security' is already used by " DATA "/folder-mixed/a-good.yaml"},
        {"--check " DATA "/broken", 1, "0 valid"},
        {"--check /nonexistent/pack.yaml", 2, "no such file or folder"},
        {"--check " DATA "/valid/all-types.yaml /nonexistent", 2, "no such file or folder"},
        {"--check", 2, "--check needs at least one file or folder"},
        {"--bogus", 2, "unknown option '--bogus'"},
        {"--packs", 2, "--packs needs a folder"},
        {"--help", 0, "quizdeck --check PATH..."},
        {"--version", 0, "quizdeck 0."},
        {"--list " DATA "/valid/all-types.yaml", 0,
         "all-types\tEvery question type\t8 questions\n"
         "  types: choice 1 multi 1 truefalse 1 typed 1 order 1 match 1 cloze 1 flashcard 1\n"
         "  topics: t1 (Topic one), t2 (Topic two)"},
        {"--list " DATA "/folder-mixed", 1, "not loaded: " DATA "/folder-mixed/b-broken.yaml"},
        {"--check " QUIZDECK_SOURCE_QUESTIONS, 0, "0 errors, 0 warnings"},
        /* a folder (three packs) and one of its files: each pack is read once */
        {"--check " DATA "/valid " DATA "/valid/example.yaml", 0, "3 files checked: 3 valid"},
        {"--list", 0, "kuwait-gcc"}, /* the shipped packs, found by the binary itself */
    };
    char prefix[PREFIX_SIZE];
    assert_int_equal(cli_run_cases(prefix_with(prefix, ""), cases, sizeof cases / sizeof cases[0]),
                     0);
}

/* The authoring guide shows a broken pack and what --check prints for it;
 * a teacher compares the two, so they must stay true. */
static void test_authoring_guide_example_output_is_real(void **state)
{
    (void)state;
    FILE *f = fopen(QUIZDECK_SOURCE_QUESTIONS "/README.md", "rb");
    assert_non_null(f);
    static char guide[200000];
    size_t n = fread(guide, 1, sizeof guide - 1, f);
    guide[n] = '\0';
    fclose(f);
    char *section = strstr(guide, "## 9. Checking a pack");
    assert_non_null(section);
    char *yaml = strstr(section, "```yaml\n");
    assert_non_null(yaml);
    yaml += 8;
    char *yaml_end = strstr(yaml, "```");
    assert_non_null(yaml_end);
    char *shown = strstr(yaml_end + 3, "```\n");
    assert_non_null(shown);
    shown += 4;
    char *shown_end = strstr(shown, "```");
    assert_non_null(shown_end);
    *shown_end = '\0';

    char dir[] = "/tmp/quizdeck-guide-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/my-pack.yaml", dir);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fwrite(yaml, 1, (size_t)(yaml_end - yaml), out);
    fclose(out);
    char args[256];
    snprintf(args, sizeof args, "--check my-pack.yaml");
    char cwd[1024];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    CliRun r;
    run(&r, args);
    assert_int_equal(chdir(cwd), 0);
    unlink(path);
    rmdir(dir);
    if (strcmp(r.out, shown) != 0)
        print_message("guide shows:\n%s\nquizdeck prints:\n%s\n", shown, r.out);
    assert_string_equal(r.out, shown);
    assert_int_equal(r.status, 1);
}

/* ------------------------------------------------------- hostile input */

static void write_text(const char *path, const char *text)
{
    assert_true(test_write_text(path, text));
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* A FIFO or a link out of the folder is listed as an error and counted;
 * --check never waits on the FIFO and never shows the link's target. */
static void test_check_lists_what_it_does_not_read(void **state)
{
    (void)state;
    char dir[] = "/tmp/quizdeck-cli-hostile-XXXXXX", path[256], args[512];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/fifo.yaml", dir);
    assert_int_equal(mkfifo(path, 0644), 0);
    snprintf(path, sizeof path, "%s/passwd.yaml", dir);
    assert_int_equal(symlink("/etc/passwd", path), 0);
    alarm(60); /* a blocked --check ends the test, which fails it */
    CliRun r;
    snprintf(args, sizeof args, "--check '%s'", dir);
    run(&r, args);
    char expect[512];
    snprintf(expect, sizeof expect,
             "%s/fifo.yaml:1:1: error: not read: it is a named pipe (FIFO), not a file\n"
             "%s/passwd.yaml:1:1: error: not read: it is a symbolic link that leads out of its "
             "folder; only files inside the folder are read\n"
             "2 files checked: 0 valid (0 questions), 2 with errors; 2 errors, 0 warnings\n",
             dir, dir);
    assert_string_equal(r.out, expect);
    assert_int_equal(r.status, 1);
    /* Named directly, the same; and --list says it was not loaded. */
    snprintf(args, sizeof args, "--check '%s/fifo.yaml'", dir);
    run(&r, args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "fifo.yaml:1:1: error: not read: it is a named pipe (FIFO)"));
    snprintf(args, sizeof args, "--list '%s'", dir);
    run(&r, args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "not loaded: "));
    assert_non_null(strstr(r.out, "0 packs loaded, 2 failed"));
    alarm(0);
    test_remove_tree(dir);
}

/* A pack cannot print a line of its own: a newline or ESC in its text or
 * in its file name shows as \n or \x1b, in --check and in --list. */
static void test_output_lines_are_all_quizdeck_wrote(void **state)
{
    (void)state;
    char dir[] = "/tmp/quizdeck-cli-forge-XXXXXX", path[256], args[512], expect[1024];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/new\nline\x1b[2J.yaml", dir);
    write_text(path, "format: 1\nid: forge\ntitle: \"Red\\e[31m\\nforge.yaml:1:1: error: X\"\n"
                     "questions:\n"
                     "  - {id: a, type: \"chioce\\n/etc/x.yaml:1:1: error: FORGED LINE\","
                     " prompt: P, explain: E}\n");
    snprintf(args, sizeof args, "--check '%s'", dir);
    CliRun r;
    run(&r, args);
    snprintf(expect, sizeof expect,
             "%s/new\\nline\\x1b[2J.yaml:5:19: error: unknown question type 'chioce\\n/etc/"
             "x.yaml:1:1: error: FORGED LINE'; use one of choice, multi, truefalse, typed, "
             "order, match, cloze, flashcard\n"
             "1 file checked: 0 valid (0 questions), 1 with errors; 1 error, 0 warnings\n",
             dir);
    assert_string_equal(r.out, expect);
    assert_int_equal(r.status, 1);

    write_text(path, "format: 1\nid: forge\ntitle: \"Red\\e[31m\\nforge.yaml:1:1: error: X\"\n"
                     "questions:\n"
                     "  - {id: a, type: truefalse, prompt: P, answer: true, explain: E}\n");
    snprintf(args, sizeof args, "--list '%s'", dir);
    run(&r, args);
    assert_int_equal(r.status, 0);
    assert_null(strchr(r.out, '\x1b'));
    assert_int_equal(count_lines(r.out), 5);
    assert_non_null(strstr(r.out, "forge\tRed\\x1b[31m\\nforge.yaml:1:1: error: X\t1 questions"));
    assert_non_null(strstr(r.out, "/new\\nline\\x1b[2J.yaml\n"));
    test_remove_tree(dir);
}

/* A path of 1,343 characters: the whole line is printed, message and all. */
static void test_a_long_path_keeps_its_message(void **state)
{
    (void)state;
    char dir[] = "/tmp/quizdeck-cli-long-XXXXXX", path[1400], args[1500];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s", dir);
    while (strlen(path) + 40 < 1343) {
        strcat(path, "/a-folder-with-a-long-name");
        assert_int_equal(mkdir(path, 0755), 0);
    }
    while (strlen(path) < 1343 - 5)
        strcat(path, "x");
    strcat(path, ".yaml");
    assert_int_equal(strlen(path), 1343);
    write_text(path, "format: 1\nid: long\ntitle: Long\nquestions:\n"
                     "  - {id: a, type: truefalse, prompt: P, answer: maybe, explain: E}\n");
    snprintf(args, sizeof args, "--check '%s'", path);
    CliRun r;
    run(&r, args);
    char expect[1500];
    snprintf(expect, sizeof expect,
             "%s:5:49: error: 'answer' must be true or false (unquoted), not 'maybe'\n", path);
    assert_non_null(strstr(r.out, expect));
    assert_int_equal(r.status, 1);
    test_remove_tree(dir);
}

/* --list says why a pack did not load with its first error, even when a
 * warning comes before it in the file; it reads through the cache (the
 * second time, a hit, with the same output), while --check never does. */
static void test_list_gives_the_error_and_uses_the_cache(void **state)
{
    (void)state;
    char dir[TEST_DIR_SIZE], path[TEST_DIR_SIZE + 32], args[512];
    assert_true(test_make_dir(dir));
    snprintf(path, sizeof path, "%s/warned.yaml", dir);
    write_text(path, "format: 1\nid: warned\ntitle: W\nquestions:\n"
                     "  - {id: a, type: truefalse, prompt: P, answer: true}\n"
                     "  - {id: b, type: truefalse, prompt: P, answer: maybe, explain: E}\n"
                     "  - {id: c, type: truefalse, prompt: P, answer: perhaps, explain: E}\n");
    test_remove_tree(cli_cache);
    assert_int_equal(mkdir(cli_cache, 0700), 0);
    snprintf(args, sizeof args, "--check '%s'", dir);
    CliRun r;
    run(&r, args);
    assert_int_equal(r.status, 1);
    assert_int_equal(test_count_files(cli_cache), 0);

    snprintf(args, sizeof args, "--list '%s'", dir);
    char expect[512];
    snprintf(expect, sizeof expect,
             "not loaded: %s\n"
             "  %s:6:49: error: 'answer' must be true or false (unquoted), not 'maybe'\n"
             "  (and 1 more error: quizdeck --check lists them all)\n"
             "cache: %s: written\n"
             "0 packs loaded, 1 failed\n",
             path, path, path);
    run_with(&r, "QUIZDECK_CACHE_DEBUG=1", args);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, expect);
    assert_int_equal(test_count_files(cli_cache), 1);
    snprintf(expect, sizeof expect,
             "not loaded: %s\n"
             "  %s:6:49: error: 'answer' must be true or false (unquoted), not 'maybe'\n"
             "  (and 1 more error: quizdeck --check lists them all)\n"
             "cache: %s: hit\n"
             "0 packs loaded, 1 failed\n",
             path, path, path);
    run_with(&r, "QUIZDECK_CACHE_DEBUG=1", args);
    assert_string_equal(r.out, expect);
    test_remove_tree(dir);
}

/* --help's Authoring heading and what --list says follow the language,
 * while ids, titles, type keywords, paths and FILE:LINE:COLUMN: error:
 * stay as they are. */
static void test_list_and_help_speak_arabic(void **state)
{
    (void)state;
    static CliRun r;
    run_with(&r, "LANGUAGE=ar", "--help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out,
                           "\n\xD8\xA5\xD8\xB9\xD8\xAF\xD8\xA7\xD8\xAF "
                           "\xD8\xA7\xD9\x84\xD8\xAD\xD8\xB2\xD9\x85:\n")); /* إعداد الحزم: */
    assert_null(strstr(r.out, "Authoring:"));
    run_with(&r, "LANGUAGE=ar", "--list " DATA "/folder-mixed");
    assert_int_equal(r.status, 1);
    /* لم تُحمَّل: PATH, then its first error in English words */
    assert_non_null(strstr(r.out, "\xD9\x84\xD9\x85 \xD8\xAA\xD9\x8F\xD8\xAD\xD9\x85\xD9"
                                  "\x8E\xD9\x91\xD9\x84: " DATA "/folder-mixed/b-broken.yaml\n  "));
    assert_non_null(strstr(r.out, "b-broken.yaml:2:5: error: "));
    assert_non_null(
        strstr(r.out, "kuwait-regional-security\tKuwait's Role in Regional Security\t2 "));
    assert_non_null(strstr(r.out, "  \xD8\xA7\xD9\x84\xD8\xA3\xD9\x86\xD9\x88\xD8\xA7\xD8"
                                  "\xB9: choice 1 typed 1\n")); /* الأنواع: */
    assert_null(strstr(r.out, "not loaded"));
    assert_null(strstr(r.out, "packs loaded"));
    assert_null(strstr(r.out, "types:"));
}

/* An option given without its value is a usage error that names it, in
 * every command; after "--" an option's name is a file like any other. */
static void test_options_without_their_value(void **state)
{
    (void)state;
    static const CliCase cases[] = {
        {"--report", 2, "quizdeck: --report needs a folder"},
        {"--report " DATA " --csv", 2, "quizdeck: --csv needs a file name"},
        {"--report " DATA " --packs", 2, "quizdeck: --packs needs a folder"},
        {"--report " DATA " --bogus x", 2, "quizdeck: --bogus: not an option of --report"},
        {"--session", 2, "quizdeck: --session needs a session folder"},
        {"--list --packs", 2, "quizdeck: --packs needs a folder"},
        {"--list --data", 2, "quizdeck: --data needs a folder"},
        {"--session /nonexistent", 2, "quizdeck: /nonexistent: no such file or folder"},
        {"--list --session " DATA, 2, "cannot be combined with --check or --list"},
        {"--import /nonexistent.gift --from", 2, "quizdeck: --from needs a value"},
        {"--import /nonexistent.gift --term-sep", 2, "quizdeck: --term-sep needs a value"},
        {"--import /nonexistent.gift --from nope", 2, "quizdeck: --from: unknown format nope"},
        {"--import -- -o", 2, "quizdeck: -o: no such file"},
        {"--export", 2, "quizdeck: --export needs a pack file"},
        {"--export " DATA "/valid/all-types.yaml --to", 2, "quizdeck: --to needs a value"},
        {"--export " DATA "/valid/all-types.yaml --to gift extra", 2,
         "quizdeck: --export: unexpected argument extra"},
    };
    static CliRun r;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(&r, cases[i].args);
        if (r.status != cases[i].status || !strstr(r.out, cases[i].expect))
            fail_msg("quizdeck %s: exit %d, printed:\n%s", cases[i].args, r.status, r.out);
    }
}

int main(void)
{
    if (!test_make_dir(cli_cache))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exit_codes_and_messages),
        cmocka_unit_test(test_authoring_guide_example_output_is_real),
        cmocka_unit_test(test_check_lists_what_it_does_not_read),
        cmocka_unit_test(test_output_lines_are_all_quizdeck_wrote),
        cmocka_unit_test(test_a_long_path_keeps_its_message),
        cmocka_unit_test(test_list_gives_the_error_and_uses_the_cache),
        cmocka_unit_test(test_list_and_help_speak_arabic),
        cmocka_unit_test(test_options_without_their_value),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    test_remove_tree(cli_cache);
    return failed;
}
