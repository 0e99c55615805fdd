/* test_try.c - `quizdeck --try` says what the game would say about an
 * answer (right, partly right, wrong; which spelling matched or how far it
 * was), and the authoring commands behave as the guide promises: --new-pack
 * writes a pack that passes --check, --import puts a pack in the packs
 * folder under a free name and never overwrites one, --export writes GIFT
 * or CSV. The command-line cases run the real binary (QUIZDECK_EXE).
 *
 * Read src/core/import/answer_try.h first.
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

#include "answer_try.h"
#include "cli_run.h"
#include "pack_load.h"
#include "test_support.h"

#define ALL_TYPES QUIZDECK_TEST_DATA "/valid/all-types.yaml"

typedef struct TryCase {
    const char *question;
    const char *answer;
    TryVerdict verdict;
    const char *says; /* must appear in the report */
} TryCase;

static void test_answers_are_judged_as_in_the_game(void **state)
{
    (void)state;
    static const TryCase cases[] = {
        {"q-choice", "Gulf Cooperation Council", TRY_RIGHT, "right"},
        {"q-choice", "a", TRY_RIGHT, "your answer: A: Gulf Cooperation Council"},
        {"q-choice", "B", TRY_WRONG, "right answer: A: Gulf Cooperation Council"},
        {"q-choice", "NATO", TRY_UNREADABLE, "'NATO' is not one of the choices (A: Gulf"},
        {"q-multi", "United States | United Kingdom", TRY_RIGHT, "right"},
        {"q-multi", "United States", TRY_PARTLY, "partly right: 1/2 (50% of the points)"},
        {"q-multi", "A | B | C", TRY_PARTLY, "partly right: 1/2"},
        {"q-multi", "C", TRY_WRONG, "wrong"},
        {"q-multi", "Brazil | Chile", TRY_UNREADABLE,
         "'Chile' is not one of the choices (A: United States, B: United Kingdom, C: Brazil); "
         "separate several with ' | '"},
        {"q-truefalse", "true", TRY_RIGHT, "right"},
        {"q-truefalse", "F", TRY_WRONG, "wrong"},
        {"q-truefalse", "maybe", TRY_UNREADABLE, "true or false"},
        {"q-typed", "1991", TRY_RIGHT, "matched the answer '1991'"},
        {"q-typed", "Nineteen Ninety One", TRY_RIGHT,
         "matched the accepted spelling 'nineteen ninety-one'"},
        {"q-typed", "1992", TRY_WRONG, "'1991' is 1 edit away; it allows 0"},
        {"q-typed", "nineteen ninety two", TRY_WRONG,
         "'nineteen ninety-one' is 4 edits away; it allows 2 (one per 8 characters)"},
        {"q-order", "GCC | Military | Alliances | Diplomacy", TRY_RIGHT, "right"},
        {"q-order", "Military | GCC | Alliances | Diplomacy", TRY_PARTLY, "partly right: 2/4"},
        {"q-order", "GCC | Military", TRY_UNREADABLE,
         "give all 4 items in your order, separated by ' | ' ('GCC', 'Military', 'Alliances', "
         "'Diplomacy')"},
        {"q-order", "GCC | GCC | Alliances | Diplomacy", TRY_UNREADABLE, "'GCC' is given twice"},
        {"q-match", "Iraq = reconstruction conference | Yemen = peace talks", TRY_RIGHT, "right"},
        {"q-match", "Iraq = peace talks", TRY_WRONG, "wrong"},
        {"q-match", "Iran = peace talks", TRY_UNREADABLE, "not one of the left sides"},
        {"q-match", "Iraq = war", TRY_UNREADABLE,
         "'war' is not one of the right sides ('reconstruction conference', 'peace talks')"},
        {"q-match", "Iraq", TRY_UNREADABLE, "write each pair as 'left = right'"},
        {"q-cloze", "six | founding", TRY_RIGHT, "gap 2: right: matched the answer 'founding'"},
        {"q-cloze", "seven | founding", TRY_PARTLY, "gap 1: wrong: nearest spelling 'six'"},
        {"q-cloze", "six", TRY_UNREADABLE, "the cloze has 2 gaps"},
        {"q-flashcard", "knew", TRY_RIGHT, "right"},
        {"q-flashcard", "didn't know", TRY_WRONG, "wrong"},
        {"q-flashcard", "maybe", TRY_UNREADABLE,
         "cannot judge that answer: a flashcard's answer is knew or didn't know\n"},
    };
    DiagList d = {0};
    Pack *p = pack_load_file(ALL_TYPES, &d);
    diag_clear(&d);
    assert_non_null(p);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Question *q = pack_find_question(p, cases[i].question);
        assert_non_null(q);
        StrBuf out = {0};
        TryVerdict v = answer_try(q, cases[i].answer, &out);
        if (v != cases[i].verdict || !strstr(strbuf_text(&out), cases[i].says))
            print_message("case %zu (%s \"%s\"): verdict %d, report:\n%s", i, cases[i].question,
                          cases[i].answer, v, strbuf_text(&out));
        assert_int_equal(v, cases[i].verdict);
        assert_non_null(strstr(strbuf_text(&out), cases[i].says));
        strbuf_free(&out);
    }
    pack_free(p);
}

/* ---- the command line --------------------------------------------------------- */

static char work_dir[] = "/tmp/quizdeck-try-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(work_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(work_dir);
    return 0;
}

#define GIFT QUIZDECK_TEST_DATA "/import/valid/moodle-export.gift"

static void test_commands(void **state)
{
    (void)state;
    static const CliCase cases[] = {
        /* --try: 0 right, 1 wrong or partly right, 2 usage */
        {"--try " ALL_TYPES " q-typed 1991", 0, "right: matched the answer '1991'"},
        {"--try " ALL_TYPES " q-multi 'United States'", 1, "partly right: 1/2"},
        {"--try " ALL_TYPES " q-choice B", 1, "wrong"},
        {"--try " ALL_TYPES " q-nope x", 2, "has no question 'q-nope'"},
        {"--try " ALL_TYPES " q-cloze six", 2, "the cloze has 2 gaps"},
        {"--try " ALL_TYPES, 2, "--try takes PACK QUESTION_ID \"ANSWER\""},
        /* --new-pack: a template that passes the checker, never over a file */
        {"--new-pack new.yaml", 0, "wrote new.yaml"},
        {"--check new.yaml", 0, "1 valid (8 questions), 0 with errors; 0 errors, 0 warnings"},
        {"--new-pack new.yaml", 2, "new.yaml already exists"},
        /* --import into the packs folder: free names, never overwritten */
        {"--import " GIFT, 0, "/data/packs/moodle-export.yaml"},
        {"--import " GIFT, 0, "/data/packs/moodle-export-2.yaml"},
        {"--check data/packs", 0, "2 files checked: 2 valid (14 questions)"},
        {"--import " GIFT " -o mine.yaml --id my-bank --title 'My bank'", 0, "wrote mine.yaml"},
        {"--list mine.yaml", 0, "my-bank\tMy bank\t7 questions"},
        {"--import " GIFT, 0, "skipped 3 (numerical: 1, essay: 1, description: 1)"},
        {"--import /nonexistent.gift", 2, "no such file"},
        {"--import " GIFT " --from pdf", 2, "--from: unknown format pdf"},
        {"--import " GIFT " --id 'Bad Id'", 2, "--id must be"},
        {"--import " QUIZDECK_TEST_DATA "/import/broken/gift-stray-brace.gift -o s.yaml", 1,
         "gift-stray-brace.gift:1:9: error: GIFT: '}' closes no '{'"},
        /* --export */
        {"--export " ALL_TYPES " --to gift", 0, "::q-choice::[plain]Which alliance"},
        {"--export " ALL_TYPES " --to gift", 0, "'q-order' not exported: GIFT has no ordering"},
        {"--export " ALL_TYPES " --to csv -o all.csv", 0, "exported 8 of 8 questions to all.csv"},
        {"--import all.csv -o all.yaml", 0, "imported 8 questions"},
        {"--export " ALL_TYPES " --to pdf", 2, "unknown format"},
        {"--help", 0, "quizdeck --import FILE..."},
    };
    /* In the work folder, with a data folder of its own. */
    char prefix[256];
    snprintf(prefix, sizeof prefix, "cd '%s' && QUIZDECK_DATA_DIR='%s/data'", work_dir, work_dir);
    assert_int_equal(cli_run_cases(prefix, cases, sizeof cases / sizeof cases[0]), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers_are_judged_as_in_the_game),
        cmocka_unit_test(test_commands),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
