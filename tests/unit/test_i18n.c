/* test_i18n.c - the interface language (src/core/util/i18n.h) over the
 * build tree's catalogue: an Arabic desktop gets Arabic from the first
 * string, a learner's choice switches at run time, counts take Arabic's six
 * plural forms, contexts and core messages are translated, and English is
 * the source strings unchanged.
 *
 * ctest runs it with QUIZDECK_LOCALE_DIR=build/locale and LANGUAGE=en; the
 * first test sets the desktop it needs before i18n_init reads it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli_run.h"
#include "i18n.h"

/* An Arabic desktop whose locale is not installed (a fresh Debian has only
 * C.UTF-8): the game still starts in Arabic. Runs first, before anything
 * has read the environment. */
static void test_an_arabic_desktop_starts_in_arabic(void **state)
{
    (void)state;
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "ar_KW.UTF-8", 1);
    i18n_init(NULL);
    assert_string_equal(i18n_desktop_language(), "ar");
    assert_string_equal(i18n_language(), "ar");
    assert_true(i18n_is_rtl());
    assert_string_equal(_("What is your name?"), "ما اسمك؟");
    assert_string_equal(_("Play a round"), "العب جولة");
}

static void test_a_learner_switches_language_at_run_time(void **state)
{
    (void)state;
    assert_true(i18n_set_language("en"));
    assert_string_equal(i18n_language(), "en");
    assert_false(i18n_is_rtl());
    assert_string_equal(_("Play a round"), "Play a round");
    assert_true(i18n_set_language("ar"));
    assert_string_equal(_("Play a round"), "العب جولة");
    /* No translation, no change. */
    assert_false(i18n_set_language("fr"));
    assert_string_equal(i18n_language(), "ar");
    /* NULL and "" follow the desktop (Arabic here). */
    assert_true(i18n_set_language("en"));
    assert_true(i18n_set_language(NULL));
    assert_string_equal(i18n_language(), "ar");
    assert_true(i18n_is_supported("en") && i18n_is_supported("ar"));
    assert_false(i18n_is_supported("de"));
}

/* Arabic counts: zero, one, two, a few (3-10), many (11-99), and the rest
 * (100, 101, 102, ...), by n % 100. */
static void test_counts_take_the_six_arabic_forms(void **state)
{
    (void)state;
    assert_true(i18n_set_language("ar"));
    static const struct {
        int64_t n;
        const char *shown;
    } cases[] = {
        {0, "%s سؤال"},
        {1, "%s سؤال"},
        {2, "%s سؤالان"},
        {3, "%s أسئلة"},
        {10, "%s أسئلة"},
        {11, "%s سؤالًا"},
        {99, "%s سؤالًا"},
        {100, "%s سؤال"},
        {102, "%s سؤال"},
        {103, "%s أسئلة"},
        {111, "%s سؤالًا"},
        {-3, "%s أسئلة"},
        {1000000000103, "%s أسئلة"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(i18n_plural("%s question", "%s questions", cases[i].n), cases[i].shown);
    assert_true(i18n_set_language("en"));
    assert_string_equal(i18n_plural("%s question", "%s questions", 1), "%s question");
    assert_string_equal(i18n_plural("%s question", "%s questions", 0), "%s questions");
    assert_string_equal(i18n_plural("%s question", "%s questions", 2), "%s questions");
}

static void test_contexts_and_core_messages(void **state)
{
    (void)state;
    assert_true(i18n_set_language("ar"));
    /* The same English word, two meanings. */
    assert_string_equal(C_("results heading", "Review"), "المراجعة");
    assert_string_equal(C_("card state", "Review"), "مراجعة");
    /* A constant the core returns, translated where it is shown. */
    assert_string_equal(i18n_message(N_("the round is over")), "انتهت الجولة");
    assert_string_equal(i18n_message(""), "");
    assert_string_equal(i18n_message(NULL), "");
    assert_string_equal(i18n_message("already formatted: 3 answers"),
                        "already formatted: 3 answers");
    assert_true(i18n_set_language("en"));
    assert_string_equal(C_("card state", "Review"), "Review");
    assert_string_equal(i18n_message(N_("the round is over")), "the round is over");
}

/* Runs the real binary with the environment prefix env, finding the
 * translations where the test does; what it printed into r. */
static void run_quizdeck(const char *env, const char *args, CliRun *r)
{
    char prefix[1024];
    snprintf(prefix, sizeof prefix, "%s QUIZDECK_LOCALE_DIR='%s'", env,
             getenv("QUIZDECK_LOCALE_DIR"));
    assert_true(cli_run(r, prefix, args));
}

/* --help and the --check summary follow the language; the diagnostics
 * keep FILE:LINE:COLUMN: error: in English words, as editors parse them. */
static void test_the_command_line_speaks_the_language(void **state)
{
    (void)state;
    static CliRun r;
    const char *out = r.out;
    run_quizdeck("LANGUAGE=ar", "--help", &r);
    assert_non_null(strstr(out, "الاستخدام:"));
    assert_non_null(strstr(out, "FILE:LINE:COLUMN: error: MESSAGE"));
    run_quizdeck("LANGUAGE=ar", "--check '" QUIZDECK_TEST_DATA "/ui/bad'", &r);
    assert_non_null(strstr(out, ":13:13: error: "));
    assert_non_null(strstr(out, "فيها أخطاء"));
    run_quizdeck("LANGUAGE=en", "--check '" QUIZDECK_TEST_DATA "/ui/bad'", &r);
    assert_non_null(strstr(out, ":13:13: error: "));
    assert_non_null(strstr(out, "1 file checked: 0 valid (0 questions), 1 with errors; 1 error, "
                                "0 warnings"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_an_arabic_desktop_starts_in_arabic),
        cmocka_unit_test(test_a_learner_switches_language_at_run_time),
        cmocka_unit_test(test_counts_take_the_six_arabic_forms),
        cmocka_unit_test(test_contexts_and_core_messages),
        cmocka_unit_test(test_the_command_line_speaks_the_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
