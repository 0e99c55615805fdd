/* test_import.c - the importers as a teacher meets them: each source format
 * becomes the pack it should (tests/data/import/valid/X and its expected
 * pack X.yaml), every broken file reports the LINE:COL: MESSAGE lines an
 * author of that format can act on (X.expect, like the broken-pack
 * corpus), every imported pack passes the real checker, and ids stay the
 * same when a bank is imported again.
 *
 * Read src/core/import/import.h first. A file whose name starts with
 * "quizlet-" is read with --from quizlet; the others are detected.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "import.h"
#include "pack_load.h"
#include "test_support.h"

#define IMPORT_DATA QUIZDECK_TEST_DATA "/import"

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n > m && strcmp(name + n - m, suffix) == 0;
}

/* Imports one file as the command line does (id: slug of its name). */
static ImportPack *import_one(const char *path, ImportResult *result, bool *finished)
{
    ImportPack *p = import_pack_new();
    assert_non_null(p);
    const char *base = strrchr(path, '/') + 1;
    ImportFormat format = strncmp(base, "quizlet-", 8) == 0 ? IMPORT_QUIZLET : IMPORT_AUTO;
    import_file(p, path, format, NULL);
    char stem[256];
    snprintf(stem, sizeof stem, "%s", base);
    *strrchr(stem, '.') = '\0';
    char id[PACK_MAX_ID + 1];
    import_slug(stem, id, sizeof id, PACK_MAX_ID);
    *finished = p->question_count > 0 && import_finish(p, id, stem, result);
    return p;
}

/* The pack must pass the checker with nothing but "no explain" warnings. */
static void assert_passes_checker(const ImportResult *r)
{
    DiagList d = {0};
    Pack *pack = pack_load_buffer("imported.yaml", r->yaml, r->yaml_len, &d);
    if (!pack)
        test_print_diags("  ", &d);
    assert_non_null(pack);
    assert_int_equal(d.error_count, 0);
    assert_int_equal(pack->question_count, r->imported);
    pack_free(pack);
    diag_clear(&d);
}

static void test_valid_corpus(void **state)
{
    (void)state;
    const char *dir_path = IMPORT_DATA "/valid";
    DIR *dir = opendir(dir_path);
    assert_non_null(dir);
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || has_suffix(e->d_name, ".yaml"))
            continue;
        char path[1024], expected_path[1100];
        snprintf(path, sizeof path, "%s/%s", dir_path, e->d_name);
        snprintf(expected_path, sizeof expected_path, "%s.yaml", path);
        ImportResult r;
        bool finished;
        ImportPack *p = import_one(path, &r, &finished);
        if (!finished || p->diags.error_count) {
            print_message("%s:\n", path);
            test_print_diags("  ", &p->diags);
        }
        assert_true(finished);
        assert_int_equal(p->diags.error_count, 0);
        assert_passes_checker(&r);
        char *expected = test_read_file(expected_path, NULL);
        if (!expected)
            print_message("missing %s; the import gave:\n%s\n", expected_path, r.yaml);
        assert_non_null(expected);
        if (strcmp(expected, r.yaml) != 0)
            print_message("%s differs from its import:\n%s\n", expected_path, r.yaml);
        assert_string_equal(expected, r.yaml);
        free(expected);
        import_result_free(&r);
        import_pack_free(p);
        files++;
    }
    closedir(dir);
    assert_true(files >= 8); /* one file per format and template */
}

/* Every "LINE:COL: error|warning: MESSAGE" of X.expect is reported for X,
 * and X reports no other error. */
static void check_broken(const char *path)
{
    char expect_path[1100];
    snprintf(expect_path, sizeof expect_path, "%s.expect", path);
    char *expect = test_read_file(expect_path, NULL);
    if (!expect)
        print_message("missing %s\n", expect_path);
    assert_non_null(expect);
    ImportResult r = {0};
    bool finished;
    ImportPack *p = import_one(path, &r, &finished);
    size_t expected_errors = 0;
    bool all_found = true;
    for (char *line = expect; *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (*line) {
            expected_errors += strstr(line, ": error: ") != NULL;
            bool found = false;
            char got[1400];
            for (size_t i = 0; i < p->diags.count && !found; i++) {
                diag_format(&p->diags.items[i], got, sizeof got);
                const char *after_file = got + strlen(p->diags.items[i].file) + 1;
                found = strcmp(after_file, line) == 0;
            }
            if (!found) {
                print_message("%s: expected \"%s\"\n", path, line);
                all_found = false;
            }
        }
        if (!end)
            break;
        line = end + 1;
    }
    if (!all_found || p->diags.error_count != expected_errors)
        test_print_diags("  ", &p->diags);
    assert_true(expected_errors > 0);
    assert_true(all_found);
    assert_int_equal(p->diags.error_count, expected_errors);
    if (finished) /* what could be imported still passes the checker */
        assert_passes_checker(&r);
    import_result_free(&r);
    import_pack_free(p);
    free(expect);
}

static void test_broken_corpus(void **state)
{
    (void)state;
    const char *dir_path = IMPORT_DATA "/broken";
    DIR *dir = opendir(dir_path);
    assert_non_null(dir);
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || has_suffix(e->d_name, ".expect") ||
            has_suffix(e->d_name, ".yaml"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir_path, e->d_name);
        check_broken(path);
        files++;
    }
    closedir(dir);
    assert_true(files >= 15);
}

/* ---- from memory ---------------------------------------------------------- */

typedef struct Imported {
    ImportPack *pack;
    ImportResult result;
    bool ok;
} Imported;

static Imported import_text(const char *name, const char *text, ImportFormat format)
{
    Imported im = {.pack = import_pack_new()};
    assert_non_null(im.pack);
    import_buffer(im.pack, name, text, strlen(text), format, NULL);
    im.ok = im.pack->question_count > 0 && import_finish(im.pack, "test", "Test", &im.result);
    return im;
}

static void imported_free(Imported *im)
{
    import_result_free(&im->result);
    import_pack_free(im->pack);
}

static void test_same_file_gives_same_ids(void **state)
{
    (void)state;
    static const char gift[] = "::Capital::Capital of France?{=Paris ~Lyon}\n\n"
                               "What is 2+2?{=4}\n\n"
                               "What is 2+2?{=four}\n\n"
                               "::Capital::Capital of Italy?{=Rome ~Milan}\n\n"
                               "::Ça va ?::Réponds.{=oui}\n\n"
                               "::مرحبا::ما هذا؟{=كتاب}\n";
    Imported a = import_text("bank.gift", gift, IMPORT_AUTO);
    Imported b = import_text("bank.gift", gift, IMPORT_AUTO);
    assert_true(a.ok && b.ok);
    assert_string_equal(a.result.yaml, b.result.yaml);
    static const char *const ids[] = {"capital",   "what-is-2-2", "what-is-2-2-2",
                                      "capital-2", "ca-va",       NULL};
    for (size_t i = 0; ids[i]; i++)
        assert_string_equal(a.pack->questions[i].id, ids[i]);
    /* no Latin letter to slug: a hash of the title, still a valid id */
    assert_true(import_id_valid(a.pack->questions[5].id));
    assert_int_equal(strncmp(a.pack->questions[5].id, "q-", 2), 0);
    imported_free(&a);
    imported_free(&b);
}

static void test_line_endings_and_bom_do_not_matter(void **state)
{
    (void)state;
    static const char *const variants[] = {
        "// comment\n::A::One?{=yes ~no}\n\n::B::Two?{T}\n",
        "// comment\r\n::A::One?{=yes ~no}\r\n\r\n::B::Two?{T}\r\n",
        "// comment\r::A::One?{=yes ~no}\r\r::B::Two?{T}\r",
        "\xEF\xBB\xBF// comment\n::A::One?{=yes ~no}\n\n::B::Two?{T}\n",
    };
    Imported first = import_text("x.gift", variants[0], IMPORT_AUTO);
    assert_true(first.ok);
    assert_int_equal(first.result.imported, 2);
    for (size_t i = 1; i < sizeof variants / sizeof variants[0]; i++) {
        Imported other = import_text("x.gift", variants[i], IMPORT_AUTO);
        assert_true(other.ok);
        assert_string_equal(first.result.yaml, other.result.yaml);
        /* positions still count lines right: B is on line 4 */
        assert_int_equal(other.pack->questions[1].line, 4);
        imported_free(&other);
    }
    imported_free(&first);
}

static void test_windows_1252_is_converted(void **state)
{
    (void)state;
    /* Excel's plain "CSV" on Windows: é is 0xE9, the apostrophe 0x92 */
    Imported im = import_text(
        "sheet.csv", "type,prompt,answer\ntyped,Caf\xE9 is French for\x92?,coffee\n", IMPORT_AUTO);
    assert_true(im.ok);
    assert_string_equal(im.pack->questions[0].prompt, "Café is French for’?");
    assert_int_equal(im.pack->diags.warning_count, 1);
    assert_non_null(strstr(im.pack->diags.items[0].message, "Windows-1252"));
    imported_free(&im);
}

static void test_html_is_reduced_to_text(void **state)
{
    (void)state;
    Imported im = import_text(
        "x.gift",
        "[html]<p>Line <b>one</b></p><p>Line&nbsp;two &amp; more</p><script>x()</script>"
        "<img src=\"a.png\">{=<i>yes</i> ~no}\n",
        IMPORT_AUTO);
    assert_true(im.ok);
    /* paragraphs stay apart by an empty line */
    assert_string_equal(im.pack->questions[0].prompt, "Line one\n\nLine two & more");
    assert_string_equal(im.pack->questions[0].choices.items[0], "yes");
    /* the image is gone, and the teacher is told */
    assert_int_equal(im.pack->diags.warning_count, 1);
    assert_non_null(strstr(im.pack->diags.items[0].message, "image"));
    imported_free(&im);
}

typedef struct DetectCase {
    const char *name;
    const char *text;
    ImportFormat format;
} DetectCase;

static void test_format_is_detected(void **state)
{
    (void)state;
    static const DetectCase cases[] = {
        {"a.gift", "anything", IMPORT_GIFT},
        {"a.xml", "anything", IMPORT_MOODLE_XML},
        {"a.csv", "anything", IMPORT_CSV},
        {"a.tsv", "anything", IMPORT_CSV},
        {"a.txt", "Q?{=a ~b}\n", IMPORT_GIFT},
        {"a.txt", "$CATEGORY: x\n\nQ?{T}\n", IMPORT_GIFT},
        {"a.txt", "<?xml version=\"1.0\"?><quiz></quiz>", IMPORT_MOODLE_XML},
        {"a.txt", "Q?\nA. x\nB. y\nANSWER: A\n", IMPORT_AIKEN},
        {"a.txt", "#separator:tab\nf\tb\n", IMPORT_ANKI},
        {"a.txt", "term\tdefinition\nterm 2\tdefinition 2\n", IMPORT_QUIZLET},
        {"a.txt", "just some words\n", IMPORT_AUTO},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ImportFormat f = import_detect(cases[i].name, cases[i].text, strlen(cases[i].text));
        if (f != cases[i].format)
            print_message("case %zu (%s): got %s\n", i, cases[i].name, import_format_name(f));
        assert_int_equal(f, cases[i].format);
    }
}

static void test_quizlet_with_chosen_separators(void **state)
{
    (void)state;
    ImportPack *p = import_pack_new();
    ImportOptions o = {.term_separator = " - ", .card_separator = ";"};
    static const char text[] = "perro - dog;gato - cat;casa - house\nwith a line";
    import_buffer(p, "set.txt", text, strlen(text), IMPORT_QUIZLET, &o);
    assert_int_equal(p->question_count, 3);
    assert_string_equal(p->questions[1].front, "gato");
    assert_string_equal(p->questions[2].back, "house\nwith a line");
    assert_int_equal(p->diags.error_count, 0);
    import_pack_free(p);
}

static void test_checker_rejection_points_at_the_source(void **state)
{
    (void)state;
    /* a 5,000-byte answer passes the importer and fails the checker */
    char *gift = malloc(6000);
    assert_non_null(gift);
    strcpy(gift, "::ok::Fine?{=yes ~no}\n\n::long::Too long?{=");
    size_t n = strlen(gift);
    memset(gift + n, 'x', 5000);
    strcpy(gift + n + 5000, " ~no}\n");
    Imported im = import_text("long.gift", gift, IMPORT_AUTO);
    assert_true(im.ok);
    assert_int_equal(im.result.imported, 1);
    assert_int_equal(im.pack->skipped, 1);
    if (im.pack->diags.error_count != 1)
        test_print_diags("  ", &im.pack->diags);
    assert_int_equal(im.pack->diags.error_count, 1);
    const Diag *d = &im.pack->diags.items[0];
    assert_string_equal(d->file, "long.gift");
    assert_int_equal(d->line, 3);
    assert_non_null(strstr(d->message, "question skipped"));
    assert_passes_checker(&im.result);
    imported_free(&im);
    free(gift);
}

static void test_slugs(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Zürich's Café", "zurichs-cafe"},        {"gcc-founding", "gcc-founding"},
        {"Unit 1/Week 2", "unit-1-week-2"},       {"  --  ", ""},
        {"The Gulf War (1991)", "gulf-war-1991"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[PACK_MAX_ID + 1];
        import_slug(cases[i][0], buf, sizeof buf, PACK_MAX_ID);
        assert_string_equal(buf, cases[i][1]);
    }
    char buf[PACK_MAX_ID + 1];
    size_t n = import_slug("a very long title that goes on and on and on beyond sixty-four "
                           "characters for sure",
                           buf, sizeof buf, PACK_MAX_ID);
    assert_true(n <= PACK_MAX_ID);
    assert_true(import_id_valid(buf));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_corpus),
        cmocka_unit_test(test_broken_corpus),
        cmocka_unit_test(test_same_file_gives_same_ids),
        cmocka_unit_test(test_line_endings_and_bom_do_not_matter),
        cmocka_unit_test(test_windows_1252_is_converted),
        cmocka_unit_test(test_html_is_reduced_to_text),
        cmocka_unit_test(test_format_is_detected),
        cmocka_unit_test(test_quizlet_with_chosen_separators),
        cmocka_unit_test(test_checker_rejection_points_at_the_source),
        cmocka_unit_test(test_slugs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
