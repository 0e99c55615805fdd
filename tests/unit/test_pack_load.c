/* test_pack_load.c - the pack loader against good packs, the broken-pack
 * corpus and the limits of the format page.
 *
 * The corpus (tests/data/broken/) is one file per rule. Each file starts
 * with `# expect: LINE:COLUMN: MESSAGE` lines: the loader must report
 * exactly those errors (no fewer, no more), at those positions, with those
 * messages, because that is what an author reads to fix the file
 * (test_diags_as_expected in tests/support/test_support.h reads those
 * lines; warnings are not this corpus's business).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pack_load.h"
#include "pack_set.h"
#include "strutil.h"
#include "test_support.h"

static Pack *load_text(const char *text, DiagList *diags)
{
    return pack_load_buffer("test.yaml", text, strlen(text), diags);
}

/* True when `diags` holds an error at line:col whose message is `message`. */
static bool has_error(const DiagList *diags, int line, int col, const char *message)
{
    return test_has_diag(diags, DIAG_ERROR, NULL, line, col, message);
}

static bool has_error_containing(const DiagList *diags, const char *fragment)
{
    for (size_t i = 0; i < diags->count; i++)
        if (diags->items[i].severity == DIAG_ERROR && strstr(diags->items[i].message, fragment))
            return true;
    return false;
}

/* ------------------------------------------------------------ corpus */

static bool check_corpus_file(const char *path, const char *name, void *ctx)
{
    (void)ctx;
    if (!pack_set_is_pack_name(name))
        return false;
    DiagList diags = {0};
    Pack *pack = pack_load_file(path, &diags);
    if (pack)
        print_message("%s loaded but should not\n", path);
    assert_null(pack);
    assert_true(test_diags_as_expected(path, &diags, false));
    diag_clear(&diags);
    return true;
}

static void test_broken_corpus(void **state)
{
    (void)state;
    size_t files = test_each_entry(QUIZDECK_TEST_DATA "/broken", check_corpus_file, NULL);
    assert_true(files >= 50); /* one file per rule of the format page */
}

/* ------------------------------------------------------------ good packs */

static void test_every_type_builds_the_model(void **state)
{
    (void)state;
    DiagList diags = {0};
    Pack *p = pack_load_file(QUIZDECK_TEST_DATA "/valid/all-types.yaml", &diags);
    if (!p)
        test_print_diags("  got: ", &diags);
    assert_non_null(p);
    assert_int_equal(diags.error_count, 0);
    assert_int_equal(diags.warning_count, 0);
    assert_string_equal(p->id, "all-types");
    assert_string_equal(p->title, "Every question type");
    assert_string_equal(p->language, "en");
    assert_string_equal(p->source_title, "A test document");
    assert_int_equal(p->section_count, 2);
    assert_string_equal(pack_section_title(p, "two"), "Section two");
    assert_int_equal(p->topic_count, 2);
    assert_string_equal(pack_topic_title(p, "t2"), "Topic two");
    assert_int_equal(p->question_count, 8);

    const Question *q = pack_find_question(p, "q-choice");
    assert_int_equal(q->type, QUESTION_CHOICE);
    assert_int_equal(q->choice_count, 3);
    assert_int_equal(q->answer_index, 0);
    assert_true(q->shuffle);
    assert_int_equal(q->difficulty, 1);
    assert_int_equal(q->time_limit, 30); /* from defaults */
    assert_int_equal(q->points, 500);
    assert_int_equal(q->tag_count, 2);
    assert_string_equal(q->tags[1], "founding");
    assert_string_equal(q->source, "one");
    assert_int_equal(q->line, 20);

    q = pack_find_question(p, "q-multi");
    assert_int_equal(q->answer_mask, 0x3u); /* US and UK, given out of order */
    assert_false(q->shuffle);
    assert_int_equal(q->time_limit, 0); /* explicit 0 = untimed, not the default */

    q = pack_find_question(p, "q-truefalse");
    assert_true(q->truth);
    assert_int_equal(q->points, 2000);
    assert_int_equal(q->difficulty, 2);

    q = pack_find_question(p, "q-typed");
    assert_string_equal(q->answer, "1991"); /* a plain number is its text */
    assert_int_equal(q->accept_count, 1);

    q = pack_find_question(p, "q-order");
    assert_int_equal(q->item_count, 4);
    assert_string_equal(q->items[3], "Diplomacy");

    q = pack_find_question(p, "q-match");
    assert_int_equal(q->pair_count, 2);
    assert_string_equal(q->pairs[1].left, "Yemen");
    assert_string_equal(q->pairs[1].right, "peace talks");

    q = pack_find_question(p, "q-cloze");
    assert_string_equal(q->prompt, "");
    assert_int_equal(q->gap_count, 2);
    assert_string_equal(q->gaps[0].answer, "six");
    assert_string_equal(q->gaps[0].hint, "a number");
    assert_string_equal(q->gaps[1].hint, "");
    assert_string_equal(q->cloze_parts[0], "The GCC has ");
    assert_string_equal(q->cloze_parts[1], " members and Kuwait is a ");
    assert_string_equal(q->cloze_parts[2], " one.");

    q = pack_find_question(p, "q-flashcard");
    assert_string_equal(q->front, "GCC");
    assert_string_equal(q->back, "Gulf Cooperation Council");
    pack_free(p);
    diag_clear(&diags);
}

/* A cloze's `accept: {GAP: [...]}` gives each gap its own other answers;
 * the player's answer for gap N is judged against exactly that list. */
static void test_cloze_accept_lands_on_its_gap(void **state)
{
    (void)state;
    DiagList diags = {0};
    Pack *p = pack_load_file(QUIZDECK_TEST_DATA "/valid/cloze-accept.yaml", &diags);
    if (!p)
        test_print_diags("  got: ", &diags);
    assert_non_null(p);
    assert_int_equal(diags.error_count, 0);

    const Question *q = pack_find_question(p, "permissions");
    assert_non_null(q);
    assert_int_equal(q->gap_count, 3);
    assert_string_equal(q->gaps[0].answer, "app");
    assert_int_equal(q->gaps[0].accept_count, 1);
    assert_string_equal(q->gaps[0].accept[0], "application");
    assert_string_equal(q->gaps[1].answer, "capability");
    assert_string_equal(q->gaps[1].hint, "a word");
    assert_int_equal(q->gaps[1].accept_count, 0); /* no entry for gap 2 */
    assert_int_equal(q->gaps[2].accept_count, 2); /* written first, lands third */
    assert_string_equal(q->gaps[2].accept[0], "dialog");
    assert_string_equal(q->gaps[2].accept[1], "pop-up");
    assert_int_equal(q->accept_count, 0); /* the typed list stays empty */

    q = pack_find_question(p, "founding"); /* accept written before type */
    assert_non_null(q);
    assert_int_equal(q->type, QUESTION_CLOZE);
    assert_int_equal(q->gaps[0].accept_count, 1);
    assert_string_equal(q->gaps[0].accept[0], "6"); /* quoted: text, not a number */

    q = pack_find_question(p, "no-accept");
    assert_non_null(q);
    assert_int_equal(q->gaps[0].accept_count, 0);
    pack_free(p);
    diag_clear(&diags);
}

static void test_format_page_example_loads_with_one_warning(void **state)
{
    (void)state;
    DiagList diags = {0};
    Pack *p = pack_load_file(QUIZDECK_TEST_DATA "/valid/example.yaml", &diags);
    assert_non_null(p);
    assert_int_equal(p->question_count, 2);
    /* gcc-size has no explain: a warning, not an error */
    assert_int_equal(diags.error_count, 0);
    assert_int_equal(diags.warning_count, 1);
    assert_int_equal(diags.items[0].line, 21);
    assert_non_null(strstr(diags.items[0].message, "no 'explain'"));
    pack_free(p);
    diag_clear(&diags);
}

/* Several errors in one file are all listed, in file order. */
static void test_all_errors_listed_in_order(void **state)
{
    (void)state;
    const char *text = "format: 1\n"
                       "id: Bad Id\n"
                       "title: T\n"
                       "questions:\n"
                       "  - id: a\n"
                       "    type: choice\n"
                       "    prompt: P\n"
                       "    choices: [x, y]\n"
                       "    answer: z\n"
                       "    explain: E\n"
                       "  - id: b\n"
                       "    type: truefalse\n"
                       "    prompt: P\n"
                       "    answer: maybe\n"
                       "    explain: E\n";
    DiagList diags = {0};
    assert_null(load_text(text, &diags));
    assert_int_equal(diags.error_count, 3);
    assert_int_equal(diags.items[0].line, 2);
    assert_int_equal(diags.items[1].line, 9);
    assert_int_equal(diags.items[2].line, 14);
    diag_clear(&diags);
}

/* A question of each type with none of its own keys: the author is told
 * every key that type needs and what goes there, and nothing else. */
typedef struct MissingCase {
    const char *type;
    const char *messages[3]; /* NULL ends */
} MissingCase;

static void test_each_type_names_what_it_is_missing(void **state)
{
    (void)state;
    static const MissingCase cases[] = {
        {"choice",
         {"choice question 'q' is missing 'choices' (a list of 2 to 8 choices)",
          "choice question 'q' is missing 'answer' (the right choice)"}},
        {"multi",
         {"multi question 'q' is missing 'choices' (a list of 2 to 8 choices)",
          "multi question 'q' is missing 'answers' (a list of the right choices)"}},
        {"truefalse", {"truefalse question 'q' is missing 'answer' (true or false)"}},
        {"typed", {"typed question 'q' is missing 'answer' (the expected answer)"}},
        {"order", {"order question 'q' is missing 'items' (the items in the right order)"}},
        {"match", {"match question 'q' is missing 'pairs' (a list of '- left: right' pairs)"}},
        {"cloze", {"cloze question 'q' is missing 'text' (the text with {{gaps}})"}},
        {"flashcard",
         {"flashcard question 'q' is missing 'front' (the card's front)",
          "flashcard question 'q' is missing 'back' (the card's back)"}},
    };
    assert_int_equal(sizeof cases / sizeof cases[0], QUESTION_TYPE_COUNT);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "format: 1\nid: p\ntitle: T\nquestions:\n"
                 "  - {id: q, type: %s, explain: E}\n",
                 cases[i].type);
        DiagList diags = {0};
        assert_null(load_text(text, &diags));
        size_t expected = 0;
        bool all_found = true;
        for (; expected < 3 && cases[i].messages[expected]; expected++)
            all_found = has_error(&diags, 5, 5, cases[i].messages[expected]) && all_found;
        /* cloze and flashcard show their text or front: no prompt needed */
        bool prompt_optional =
            strcmp(cases[i].type, "cloze") == 0 || strcmp(cases[i].type, "flashcard") == 0;
        if (!prompt_optional) {
            all_found =
                has_error(&diags, 5, 5, "question 'q' is missing 'prompt' (the question text)") &&
                all_found;
            expected++;
        }
        if (!all_found || diags.error_count != expected) {
            print_message("type %s\n", cases[i].type);
            test_print_diags("  got: ", &diags);
        }
        assert_true(all_found);
        assert_int_equal(diags.error_count, expected);
        diag_clear(&diags);
    }
}

/* ------------------------------------------------------------ limits */

static void test_file_over_64_mib_is_refused_without_reading(void **state)
{
    (void)state;
    char path[] = "/tmp/quizdeck-big-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)PACK_MAX_FILE_BYTES + 1), 0); /* sparse */
    close(fd);
    DiagList diags = {0};
    assert_null(pack_load_file(path, &diags));
    assert_true(has_error_containing(&diags, "larger than 64 MiB"));
    unlink(path);
    diag_clear(&diags);
}

static void test_more_than_100000_questions_is_refused(void **state)
{
    (void)state;
    const char *head = "format: 1\nid: many\ntitle: Many\nquestions:\n";
    size_t n = PACK_MAX_QUESTIONS + 1;
    size_t cap = strlen(head) + n * 80;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t used = (size_t)snprintf(text, cap, "%s", head);
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(
            text + used, cap - used,
            "- {id: q%zu, type: truefalse, prompt: P, answer: true, explain: E}\n", i);
    DiagList diags = {0};
    assert_null(pack_load_buffer("many.yaml", text, used, &diags));
    assert_true(has_error_containing(&diags, "more than 100000 questions"));
    assert_int_equal(diags.items[0].line, (int)n + 4); /* at the first one too many */
    free(text);
    diag_clear(&diags);
}

static void test_deep_nesting_is_refused(void **state)
{
    (void)state;
    size_t depth = 100000;
    char *text = malloc(depth * 2 + 64);
    assert_non_null(text);
    size_t used = (size_t)sprintf(text, "format: 1\nid: deep\ntitle: x\nquestions: ");
    memset(text + used, '[', depth);
    used += depth;
    memset(text + used, ']', depth);
    used += depth;
    DiagList diags = {0};
    assert_null(pack_load_buffer("deep.yaml", text, used, &diags));
    assert_true(has_error_containing(&diags, "nested more than"));
    free(text);
    diag_clear(&diags);
}

/* A pack made of errors that each ask for a "did you mean" (undeclared
 * topics, answers that are not choices, misspelt keys): searches run only
 * for messages that are kept, within PACK_SUGGESTION_BUDGET per file, yet
 * the first messages still get their suggestion. Work is counted, not
 * timed (tests never fail on a timing). */
typedef struct SuggestCase {
    const char *head;     /* the pack before its questions */
    const char *question; /* printf format, %zu: the question's number */
    size_t questions;
    const char *first; /* the first message, with its suggestion */
} SuggestCase;

static void test_did_you_mean_work_is_bounded(void **state)
{
    (void)state;
    static const SuggestCase cases[] = {
        {"format: 1\nid: t\ntitle: T\ntopics:\n"
         "  - {id: abcdefghijklmnopqrstuvwxyzabcdefghijklmn, title: T}\n"
         "  - {id: nmlkjihgfedcbazyxwvutsrqponmlkjihgfedcba, title: T}\nquestions:\n",
         "  - {id: q%zu, type: truefalse, prompt: P, answer: true, explain: E,"
         " topic: abcdefghijklmnopqrstuvwxyzabcdefghijklmx}\n",
         20000,
         "topic 'abcdefghijklmnopqrstuvwxyzabcdefghijklmx' is not declared in 'topics' "
         "(did you mean 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn'?)"},
        {"format: 1\nid: t\ntitle: T\nquestions:\n",
         "  - {id: q%zu, type: multi, prompt: P, explain: E,"
         " choices: [abcdefghijklmnopqrst, bcdefghijklmnopqrstu, cdefghijklmnopqrstuv],"
         " answers: [abcdefghijklmnopqrsx, bcdefghijklmnopqrsx, cdefghijklmnopqrsx]}\n",
         5000,
         "answer 'abcdefghijklmnopqrsx' is not one of the choices "
         "(did you mean 'abcdefghijklmnopqrst'?)"},
        {"format: 1\nid: t\ntitle: T\nquestions:\n",
         "  - {id: q%zu, type: truefalse, prompt: P, answer: true, explian: E}\n", 20000,
         "unknown key 'explian' in a question (did you mean 'explain'?)"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t cap = strlen(cases[c].head) + cases[c].questions * 256;
        char *text = malloc(cap);
        assert_non_null(text);
        size_t used = (size_t)snprintf(text, cap, "%s", cases[c].head);
        for (size_t i = 0; i < cases[c].questions; i++)
            used += (size_t)snprintf(text + used, cap - used, cases[c].question, i);
        DiagList diags = {0};
        PackLoadStats stats;
        assert_null(pack_load_buffer_stats("s.yaml", text, used, &diags, &stats));
        assert_true(diags.error_count >= cases[c].questions);
        assert_int_equal(diags.count, DIAG_MAX_ITEMS);
        /* Without the bound: one search per error, tens of thousands. */
        if (stats.suggestions > DIAG_MAX_ITEMS ||
            stats.suggestion_cells > PACK_SUGGESTION_BUDGET + 64 * 40 * 40)
            print_message("case %zu: %zu searches, %zu cells\n", c, stats.suggestions,
                          stats.suggestion_cells);
        assert_true(stats.suggestions <= DIAG_MAX_ITEMS);
        assert_true(stats.suggestion_cells <= PACK_SUGGESTION_BUDGET + 64 * 40 * 40);
        assert_true(has_error_containing(&diags, cases[c].first));
        free(text);
        diag_clear(&diags);
    }
}

/* Past DIAG_MAX_ITEMS warnings give way to errors: a pack of many
 * questions without `explain` still shows the error that stops it. */
static void test_errors_are_kept_over_warnings(void **state)
{
    (void)state;
    size_t n = DIAG_MAX_ITEMS + 500, cap = n * 80 + 256;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t used = (size_t)snprintf(text, cap, "format: 1\nid: w\ntitle: W\nquestions:\n");
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "  - {id: q%zu, type: truefalse, prompt: P, answer: true}\n", i);
    used += (size_t)snprintf(text + used, cap - used, "  - {id: last, type: choise}\n");
    DiagList diags = {0};
    assert_null(pack_load_buffer("w.yaml", text, used, &diags));
    assert_int_equal(diags.count, DIAG_MAX_ITEMS);
    assert_int_equal(diags.warning_count, n + 1);
    assert_true(has_error(&diags, (int)n + 5, 22,
                          "unknown question type 'choise' (did you mean 'choice'?)"));
    free(text);
    diag_clear(&diags);
}

/* Every kind of id is at most PACK_MAX_ID characters: 64 loads, 65 is an
 * error naming the kind. Topic and section ids may be any text, so their
 * limit counts characters, not bytes. A template takes the id, then the
 * shared questions list (skipped with %.0s where it has its own). */
typedef struct IdLimitCase {
    const char *what; /* the message's name for it */
    const char *unit; /* one character of the id: ASCII or Arabic */
    const char *template;
} IdLimitCase;

static void test_ids_are_limited_to_64_characters(void **state)
{
    (void)state;
    static const char tail[] =
        "questions:\n"
        "  - {id: q, type: truefalse, prompt: P, answer: true, explain: E}\n";
    static const IdLimitCase cases[] = {
        {"pack id", "p", "format: 1\nid: %s\ntitle: T\n%s"},
        {"question id", "q",
         "format: 1\nid: p\ntitle: T\nquestions:\n"
         "  - {id: %s, type: truefalse, prompt: P, answer: true, explain: E}\n%.0s"},
        {"topic id", "\xD8\xA8", "format: 1\nid: p\ntitle: T\ntopics: [{id: %s, title: T}]\n%s"},
        {"section id", "\xD8\xA8",
         "format: 1\nid: p\ntitle: T\nsource: {title: D, sections: {%s: S}}\n%s"},
        {"topic", "t",
         "format: 1\nid: p\ntitle: T\nquestions:\n"
         "  - {id: q, topic: %s, type: truefalse, prompt: P, answer: true, explain: E}\n%.0s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t len = PACK_MAX_ID; len <= PACK_MAX_ID + 1; len++) {
            char id[PACK_MAX_ID * 4 + 8] = "";
            for (size_t c = 0; c < len; c++)
                strcat(id, cases[i].unit);
            char text[1024], expected[96];
            snprintf(text, sizeof text, cases[i].template, id, tail);
            snprintf(expected, sizeof expected, "%s is %zu characters long; the limit is %d",
                     cases[i].what, len, PACK_MAX_ID);
            DiagList diags = {0};
            Pack *p = load_text(text, &diags);
            bool ok = len <= PACK_MAX_ID
                          ? p != NULL && diags.error_count == 0
                          : !p && diags.error_count == 1 && has_error_containing(&diags, expected);
            if (!ok) {
                print_message("%s of %zu characters:\n%s\n", cases[i].what, len, text);
                test_print_diags("  got: ", &diags);
            }
            assert_true(ok);
            pack_free(p);
            diag_clear(&diags);
        }
    }
}

typedef struct Utf8Case {
    const char *name;
    const char *bytes; /* placed inside a quoted prompt */
    int column;        /* where the bad character starts */
} Utf8Case;

static void test_invalid_utf8_is_reported_where_it_is(void **state)
{
    (void)state;
    static const Utf8Case cases[] = {
        {"lone continuation", "ab\x80", 17},      {"overlong slash", "a\xC0\xAF", 16},
        {"surrogate", "\xED\xA0\x80", 15},        {"beyond U+10FFFF", "\xF4\x90\x80\x80", 15},
        {"truncated sequence", "\xE2\x82 x", 15}, {"after Arabic", "\xD8\xA7\xFF", 16},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        int n = snprintf(text, sizeof text,
                         "format: 1\nid: u\ntitle: U\nquestions:\n"
                         "  - {id: a, type: truefalse, answer: true, explain: E, prompt: \"%s\"}\n"
                         "  - {id: b, type: truefalse, answer: true, explain: E,\n"
                         "     prompt: \"%s\"}\n",
                         "ok", cases[i].bytes);
        DiagList diags = {0};
        assert_null(pack_load_buffer("utf8.yaml", text, (size_t)n, &diags));
        if (!has_error_containing(&diags, "invalid UTF-8") || diags.items[0].line != 7 ||
            diags.items[0].column != cases[i].column) {
            print_message("case %s\n", cases[i].name);
            test_print_diags("  got: ", &diags);
            fail();
        }
        diag_clear(&diags);
    }
    /* Problems before the bad byte are still reported. */
    {
        const char *text =
            "format: 1\nid: u\ntitle: U\nquestions:\n"
            "  - {id: a, type: truefalse, answer: true, explain: E}\n"
            "  - {id: b, type: truefalse, answer: true, explain: E, prompt: \"\xFF\"}\n";
        DiagList diags = {0};
        assert_null(pack_load_buffer("utf8.yaml", text, strlen(text), &diags));
        assert_int_equal(diags.error_count, 2);
        assert_true(
            has_error(&diags, 5, 5, "question 'a' is missing 'prompt' (the question text)"));
        assert_true(has_error_containing(&diags, "invalid UTF-8"));
        diag_clear(&diags);
    }
    /* A file that ends inside a character. */
    const char *cut = "format: 1\nid: u\ntitle: \"\xE2\x82";
    DiagList diags = {0};
    assert_null(pack_load_buffer("cut.yaml", cut, strlen(cut), &diags));
    assert_true(has_error_containing(&diags, "invalid UTF-8"));
    diag_clear(&diags);
}

/* A raw control character or noncharacter, which YAML refuses, is reported
 * at its own line and column (not at "1:1 ... at byte N"), and what comes
 * before it is still checked. */
typedef struct ControlCase {
    const char *bytes; /* placed inside the second question's quoted prompt */
    int column;
    const char *message;
} ControlCase;

static void test_raw_control_characters_are_reported_where_they_are(void **state)
{
    (void)state;
    static const ControlCase cases[] = {
        {"a\x1b[2J", 16, "control character U+001B (ESC) is not allowed in a pack; delete it"},
        {"\x07", 15, "control character U+0007 is not allowed in a pack; delete it"},
        {"ab\x7f", 17, "control character U+007F (DEL) is not allowed in a pack; delete it"},
        {"\xD8\xA7\xC2\x80", 16, "control character U+0080 is not allowed in a pack; delete it"},
        {"x\xC2\x9F", 16, "control character U+009F is not allowed in a pack; delete it"},
        {"\xEF\xBF\xBE", 15, "U+FFFE is not a character and is not allowed in a pack; delete it"},
        {"ok \xEF\xBF\xBF", 18,
         "U+FFFF is not a character and is not allowed in a pack; delete it"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        int n = snprintf(text, sizeof text,
                         "format: 1\nid: c\ntitle: C\nquestions:\n"
                         "  - {id: a, type: truefalse, answer: true, explain: E}\n"
                         "  - {id: b, type: truefalse, answer: true, explain: E,\n"
                         "     prompt: \"%s\"}\n",
                         cases[i].bytes);
        DiagList diags = {0};
        assert_null(pack_load_buffer("c.yaml", text, (size_t)n, &diags));
        bool ok = diags.error_count == 2 &&
                  has_error(&diags, 5, 5, "question 'a' is missing 'prompt' (the question text)") &&
                  has_error(&diags, 7, cases[i].column, cases[i].message);
        if (!ok) {
            print_message("case %zu\n", i);
            test_print_diags("  got: ", &diags);
        }
        assert_true(ok);
        diag_clear(&diags);
    }
    /* Outside a value too, and a NUL (of a file saved as UTF-16, say). */
    const char nul[] = "format: 1\n# a comment \x01\n";
    DiagList diags = {0};
    assert_null(pack_load_buffer("c.yaml", nul, sizeof nul - 1, &diags));
    assert_true(has_error(&diags, 2, 13,
                          "control character U+0001 is not allowed in a pack; "
                          "delete it"));
    diag_clear(&diags);
    /* NEL (U+0085) is a line break in YAML, not an error. */
    const char *nel = "format: 1\nid: n\ntitle: \"a\xC2\x85"
                      "b\"\nquestions:\n"
                      "  - {id: a, type: truefalse, prompt: P, answer: true, explain: E}\n";
    Pack *p = load_text(nel, &diags);
    assert_non_null(p);
    pack_free(p);
    diag_clear(&diags);
}

/* The loader's own positions (a bad character) and libyaml's (everything
 * else) agree whatever the line ends: LF, CR LF, CR alone, U+2028, and
 * with a byte order mark, which takes no column. */
static void test_positions_agree_with_any_line_ends(void **state)
{
    (void)state;
    static const char *const ends[] = {"\n", "\r\n", "\r", "\xE2\x80\xA8"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        const char *e = ends[i];
        char text[512];
        int n =
            snprintf(text, sizeof text,
                     "\xEF\xBB\xBF"
                     "bogus: 1%sformat: 1%sid: l%stitle: L%squestions:%s"
                     "  - {id: a, type: truefalse, answer: true, explain: E, promtp: x}%s"
                     "  - {id: b, type: truefalse, answer: true, explain: E, prompt: \"\x1b\"}%s",
                     e, e, e, e, e, e, e);
        DiagList diags = {0};
        assert_null(pack_load_buffer("l.yaml", text, (size_t)n, &diags));
        bool ok = diags.error_count == 4 &&
                  has_error_containing(&diags, "unknown key 'bogus' in the pack") &&
                  diags.items[0].line == 1 && diags.items[0].column == 1 &&
                  has_error(&diags, 6, 56,
                            "unknown key 'promtp' in a question (did you mean 'prompt'?)") &&
                  has_error(&diags, 6, 5, "question 'a' is missing 'prompt' (the question text)") &&
                  has_error(&diags, 7, 65,
                            "control character U+001B (ESC) is not allowed in a pack; delete it");
        if (!ok) {
            print_message("line end %zu\n", i);
            test_print_diags("  got: ", &diags);
        }
        assert_true(ok);
        diag_clear(&diags);
    }
}

/* Messages quote the file back in whole characters: a long unknown key is
 * cut between them, not in half an Arabic letter, so every message is text
 * (and a cache of it valid). */
static void test_long_unknown_key_is_cut_between_characters(void **state)
{
    (void)state;
    char text[1024] = "format: 1\nid: k\ntitle: K\nquestions:\n  - {id: a, type: truefalse, "
                      "prompt: P, answer: true, explain: E, xy";
    for (int i = 0; i < 40; i++)
        strcat(text, "\xD8\xA7"); /* alef, two bytes: the 64-byte cut falls inside one */
    strcat(text, ": 1}\n");
    DiagList diags = {0};
    assert_null(pack_load_buffer("k.yaml", text, strlen(text), &diags));
    assert_int_equal(diags.error_count, 1);
    const char *m = diags.items[0].message;
    assert_true(strncmp(m, "unknown key 'xy", 15) == 0);
    const char *quote = strchr(m + 13, '\'');
    assert_non_null(quote);
    assert_int_equal((quote - (m + 13)) % 2, 0); /* "xy" and whole two-byte letters */
    assert_int_equal(text_utf8_string(m, strlen(m) + 1), strlen(m));
    diag_clear(&diags);

    /* A line quoted back in a YAML hint, whose last byte is half a
     * character (libyaml stopped before the loader would have said so):
     * the hint leaves the line out rather than quote the half. */
    static const char half[] = "ect: 2:1: a(pack must btrue'e a m'pping o listpa---c\xDB";
    assert_null(pack_load_buffer("h.yaml", half, sizeof half - 1, &diags));
    for (size_t i = 0; i < diags.count; i++) {
        m = diags.items[i].message;
        assert_int_equal(text_utf8_string(m, strlen(m) + 1), strlen(m));
    }
    assert_true(has_error(&diags, 1, 9,
                          "YAML syntax: put the text in quotes, since YAML reads ': ' in it as a "
                          "key (libyaml: mapping values are not allowed in this context)"));
    diag_clear(&diags);
}

static void test_unicode_text_loads(void **state)
{
    (void)state;
    const char *text =
        "format: 1\nid: ar\ntitle: \"\xD8\xA7\xD9\x84\xD9\x83\xD9\x88\xD9\x8A\xD8\xAA\"\n"
        "language: ar\n"
        "questions:\n"
        "  - {id: a, type: typed, prompt: \"\xD9\x85\xD8\xA7\xD8\xB0\xD8\xA7\xD8\x9F\", "
        "answer: \"\xD8\xB3\xD8\xAA\xD8\xA9\", explain: E}\n";
    DiagList diags = {0};
    Pack *p = load_text(text, &diags);
    assert_non_null(p);
    assert_true(pack_is_rtl(p));
    assert_string_equal(p->questions[0].answer, "\xD8\xB3\xD8\xAA\xD8\xA9");
    pack_free(p);
    diag_clear(&diags);
}

/* Text values that authors write unquoted: numbers are text, YAML 1.1
 * booleans like yes/no are plain words in YAML 1.2. */
static void test_plain_scalars_are_text(void **state)
{
    (void)state;
    const char *text = "format: 1\nid: plain\ntitle: 2024\n"
                       "questions:\n"
                       "  - id: a\n    type: choice\n    prompt: Pick\n"
                       "    choices: [1990, 1991, yes, no]\n    answer: 1991\n    explain: E\n";
    DiagList diags = {0};
    Pack *p = load_text(text, &diags);
    assert_non_null(p);
    assert_string_equal(p->title, "2024");
    assert_int_equal(p->questions[0].answer_index, 1);
    assert_string_equal(p->questions[0].choices[2], "yes");
    pack_free(p);
    diag_clear(&diags);
}

/* ------------------------------------------------------------ shipped */

static void test_shipped_packs_meet_the_brief(void **state)
{
    (void)state;
    PackSet set = {0};
    assert_int_equal(pack_set_add_path(&set, QUIZDECK_SOURCE_QUESTIONS), PACK_SET_OK);
    for (size_t i = 0; i < set.failure_count; i++)
        test_print_diags("  got: ", &set.failures[i].diags);
    test_print_diags("  got: ", &set.warnings);
    assert_int_equal(set.failure_count, 0);
    assert_int_equal(set.warnings.warning_count, 0);
    assert_true(set.pack_count >= 4);
    size_t per_type[QUESTION_TYPE_COUNT] = {0}, total = 0;
    for (size_t i = 0; i < set.pack_count; i++) {
        const Pack *p = set.packs[i];
        assert_true(p->question_count >= 12);
        total += p->question_count;
        for (size_t j = 0; j < p->question_count; j++) {
            const Question *q = &p->questions[j];
            per_type[q->type]++;
            assert_true(q->explain[0] != '\0');
            assert_true(q->source[0] != '\0');
            assert_true(pack_section_title(p, q->source)[0] != '\0');
        }
    }
    assert_true(total >= 60);
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++) {
        if (per_type[t] < 2)
            print_message("type %s used %zu times\n", question_type_name((QuestionType)t),
                          per_type[t]);
        assert_true(per_type[t] >= 2);
    }
    pack_set_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_corpus),
        cmocka_unit_test(test_every_type_builds_the_model),
        cmocka_unit_test(test_cloze_accept_lands_on_its_gap),
        cmocka_unit_test(test_format_page_example_loads_with_one_warning),
        cmocka_unit_test(test_all_errors_listed_in_order),
        cmocka_unit_test(test_each_type_names_what_it_is_missing),
        cmocka_unit_test(test_file_over_64_mib_is_refused_without_reading),
        cmocka_unit_test(test_more_than_100000_questions_is_refused),
        cmocka_unit_test(test_deep_nesting_is_refused),
        cmocka_unit_test(test_did_you_mean_work_is_bounded),
        cmocka_unit_test(test_errors_are_kept_over_warnings),
        cmocka_unit_test(test_ids_are_limited_to_64_characters),
        cmocka_unit_test(test_invalid_utf8_is_reported_where_it_is),
        cmocka_unit_test(test_raw_control_characters_are_reported_where_they_are),
        cmocka_unit_test(test_positions_agree_with_any_line_ends),
        cmocka_unit_test(test_long_unknown_key_is_cut_between_characters),
        cmocka_unit_test(test_unicode_text_loads),
        cmocka_unit_test(test_plain_scalars_are_text),
        cmocka_unit_test(test_shipped_packs_meet_the_brief),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
