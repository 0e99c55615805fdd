/* test_answer_match.c - typed-answer judging as pack-format.md promises it.
 *
 * One table of given/expected/accept -> verdict rows, one row per rule the
 * format page names (case, spaces, punctuation, "the", diacritics, one edit
 * per 8 characters, digits exact), plus Greek, Cyrillic and Arabic text and
 * hostile input. The Arabic rules (hamza forms, taa marbuta, alef maqsura,
 * digits, the article "ال") each have a pair that must match and a near
 * pair that must not, written in Arabic script so a teacher can read them.
 * Read src/core/qtype/answer_match.h for the rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_match.h"

typedef struct MatchRow {
    const char *given;
    const char *expected;
    const char *accept[3]; /* NULL-terminated */
    bool verdict;
    const char *why;
} MatchRow;

static const MatchRow match_rows[] = {
    /* exact, case */
    {"Paris", "Paris", {NULL}, true, "identical"},
    {"paris", "Paris", {NULL}, true, "case ignored"},
    {"PARIS", "paris", {NULL}, true, "upper case ignored"},
    {"London", "Paris", {NULL}, false, "different answer"},
    /* spaces */
    {"  Paris  ", "Paris", {NULL}, true, "surrounding spaces"},
    {"New   York", "New York", {NULL}, true, "repeated spaces"},
    {"New\tYork\n", "New York", {NULL}, true, "tab and newline"},
    {"New\xc2\xa0York", "New York", {NULL}, true, "no-break space"},
    {"newyork", "New York", {NULL}, true, "missing space"},
    {"Ku\xe2\x80\x8bwait", "Kuwait", {NULL}, true, "zero-width space"},
    /* punctuation, ASCII and Unicode */
    {"Paris!", "Paris", {NULL}, true, "trailing !"},
    {"St. Louis", "St Louis", {NULL}, true, "full stop"},
    {"O'Brien", "OBrien", {NULL}, true, "apostrophe"},
    {"O\xe2\x80\x99"
     "Brien",
     "O'Brien",
     {NULL},
     true,
     "curly apostrophe"},
    {"\xe2\x80\x9cHamlet\xe2\x80\x9d", "Hamlet", {NULL}, true, "curly quotes"},
    {"\xc2\xab"
     "Hamlet\xc2\xbb",
     "Hamlet",
     {NULL},
     true,
     "guillemets"},
    {"rock\xe2\x80\x93"
     "and\xe2\x80\x94roll",
     "rock and roll",
     {NULL},
     true,
     "en and em dash"},
    {"Saint-Tropez", "Saint Tropez", {NULL}, true, "hyphen vs space"},
    {"x-ray", "X ray", {NULL}, true, "hyphen in a short answer"},
    {"\xc2\xbfQu\xc3\xa9?", "que", {NULL}, true, "inverted question mark"},
    {"C++", "C", {NULL}, false, "symbols are not punctuation"},
    {"c++", "C++", {NULL}, true, "symbols kept and compared"},
    {"Paris, France", "Paris", {NULL}, false, "extra words are wrong"},
    /* leading "the" */
    {"The Beatles", "Beatles", {NULL}, true, "given has the"},
    {"Beatles", "The Beatles", {NULL}, true, "expected has the"},
    {"the beatles", "THE BEATLES", {NULL}, true, "both have the"},
    {"atre", "Theatre", {NULL}, false, "the only as a whole word"},
    {"The", "The", {NULL}, true, "a lone the stays"},
    {"Beatles the", "Beatles", {NULL}, false, "only a leading the"},
    /* Latin diacritics */
    {"cafe", "Caf\xc3\xa9", {NULL}, true, "e acute"},
    {"CAF\xc3\x89", "cafe", {NULL}, true, "capital E acute"},
    {"senor", "Se\xc3\xb1or", {NULL}, true, "n tilde"},
    {"Munchen", "M\xc3\xbcnchen", {NULL}, true, "u umlaut"},
    {"strasse",
     "Stra\xc3\x9f"
     "e",
     {NULL},
     true,
     "sharp s is ss"},
    {"aero", "\xc3\x86r\xc3\xb8", {NULL}, true, "ae ligature and o slash"},
    {"lodz",
     "\xc5\x81\xc3\xb3"
     "d\xc5\xba",
     {NULL},
     true,
     "Latin Extended-A"},
    {"Dvorak", "Dvo\xc5\x99\xc3\xa1k", {NULL}, true, "r caron"},
    {"cafe\xcc\x81", "caf\xc3\xa9", {NULL}, true, "combining acute accent"},
    {"Bucuresti", "Bucure\xc8\x99ti", {NULL}, true, "s comma below"},
    /* Greek and Cyrillic */
    {"\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1",
     "\xce\xb5\xce\xbb\xce\xbb\xce\xb1\xce\xb4\xce\xb1",
     {NULL},
     true,
     "Greek capital and tonos"},
    {"\xce\x9f\xce\x94\xce\xa5\xce\xa3\xce\xa3\xce\x95\xce\xa5\xce\xa3",
     "\xce\x9f\xce\xb4\xcf\x85\xcf\x83\xcf\x83\xce\xb5\xcf\x85\xcf\x82",
     {NULL},
     true,
     "Greek final sigma"},
    {"\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90",
     "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
     {NULL},
     true,
     "Cyrillic upper case"},
    {"\xd1\x91\xd0\xbb\xd0\xba\xd0\xb0",
     "\xd0\x95\xd0\xbb\xd0\xba\xd0\xb0",
     {NULL},
     true,
     "Cyrillic yo is ye"},
    /* Arabic */
    {"\xd9\x85\xd8\xac\xd9\x84\xd8\xb3 \xd8\xa7\xd9\x84\xd8\xaa\xd8\xb9\xd8\xa7"
     "\xd9\x88\xd9\x86",
     "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3 \xd8\xa7\xd9\x84\xd8\xaa\xd8\xb9\xd8\xa7"
     "\xd9\x88\xd9\x86",
     {NULL},
     true,
     "Arabic identical"},
    {"\xd9\x85\xd9\x8e\xd8\xac\xd9\x92\xd9\x84\xd9\x90\xd8\xb3",
     "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3",
     {NULL},
     true,
     "Arabic harakat"},
    {"\xd9\x85\xd8\xac\xd9\x80\xd9\x80\xd9\x84\xd8\xb3",
     "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3",
     {NULL},
     true,
     "Arabic tatweel"},
    {"\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf",
     "\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf",
     {NULL},
     true,
     "alef with hamza"},
    {"\xd8\xa7\xd9\x84\xd9\x83\xd9\x88\xd9\x8a\xd8\xaa\xd8\x9f",
     "\xd8\xa7\xd9\x84\xd9\x83\xd9\x88\xd9\x8a\xd8\xaa",
     {NULL},
     true,
     "Arabic question mark"},
    {"\xd9\xa1\xd9\xa9\xd9\xa9\xd9\xa1", "1991", {NULL}, true, "Arabic-Indic digits"},
    {"\xd9\x82\xd8\xb7\xd8\xb1",
     "\xd8\xa7\xd9\x84\xd9\x83\xd9\x88\xd9\x8a\xd8\xaa",
     {NULL},
     false,
     "different Arabic word"},
    /* Arabic spelling variants, one rule at a time (written in Arabic
     * script so a reader can check them): a pair that must match, then a
     * near pair, a different word, that must not. */
    {"مَجْلِسُ التَّعاوُنِ", "مجلس التعاون", {NULL}, true, "tashkeel on a phrase"},
    {"جداً", "جدا", {NULL}, true, "tanween"},
    {"هٰذا", "هذا", {NULL}, true, "superscript alef"},
    {"مجلس الأمن", "مجلس التعاون", {NULL}, false, "tashkeel: a different council"},
    {"الكويـــت", "الكويت", {NULL}, true, "tatweel"},
    {"الكوت", "الكويت", {NULL}, false, "tatweel: Kut is not Kuwait"},
    {"امن", "أمن", {NULL}, true, "hamza above alef"},
    {"اعادة الاعمار", "إعادة الإعمار", {NULL}, true, "hamza below alef"},
    {"اسيا", "آسيا", {NULL}, true, "madda"},
    {"ٱلكويت", "الكويت", {NULL}, true, "alef wasla"},
    {"أمر", "أمن", {NULL}, false, "alef: a different word"},
    {"موتمر", "مؤتمر", {NULL}, true, "waw with hamza"},
    {"مؤثر", "مؤتمر", {NULL}, false, "waw with hamza: a different word"},
    {"رييس", "رئيس", {NULL}, true, "yaa with hamza"},
    {"هيئه", "هيئة", {NULL}, true, "yaa with hamza and taa marbuta"},
    {"رئيسة", "رئيس", {NULL}, false, "yaa with hamza: a different word"},
    {"الوساطه", "الوساطة", {NULL}, true, "taa marbuta as haa"},
    {"الوسائط", "الوساطة", {NULL}, false, "taa marbuta: a different word"},
    {"مستشفي", "مستشفى", {NULL}, true, "alef maqsura as yaa"},
    {"الي", "إلى", {NULL}, true, "alef maqsura and hamza"},
    {"مستشفيات", "مستشفى", {NULL}, false, "alef maqsura: a different word"},
    {"کویت", "الكويت", {NULL}, true, "Persian keheh and yeh"},
    {"۱۹۹۱", "1991", {NULL}, true, "Eastern Arabic-Indic digits"},
    {"عام ١٩٩١", "عام 1991", {NULL}, true, "Arabic-Indic digits in a phrase"},
    {"١٩٩٠", "1991", {NULL}, false, "Arabic-Indic: a different year"},
    {"مؤتمر الكويت عام ١٩٩٢", "مؤتمر الكويت عام 1991", {NULL}, false, "digits exact when long"},
    {"الحوار، والتفاوض", "الحوار والتفاوض", {NULL}, true, "Arabic comma"},
    {"السلام؛", "السلام", {NULL}, true, "Arabic semicolon"},
    {"الحوار، والتفاوض", "الحوار", {NULL}, false, "punctuation: an extra word"},
    {"عراق", "العراق", {NULL}, true, "article: given without"},
    {"الأمن الجماعي", "أمن جماعي", {NULL}, true, "article: on every word"},
    {"الالتزام", "التزام", {NULL}, true, "article on a word that begins with ال"},
    {"إلغاء", "الإلغاء", {NULL}, true, "article on a word with hamza"},
    {"حوار وتفاوض", "الحوار والتفاوض", {NULL}, true, "article after waw"},
    {"عراقي", "العراق", {NULL}, false, "article: Iraqi is not Iraq"},
    {"بالتعاون", "التعاون", {NULL}, false, "article: a preposition stays"},
    {"مك", "مالك", {NULL}, false, "article: only at a word start"},
    {"لم", "ألم", {NULL}, false, "article: two letters must follow"},
    {"ود", "والد", {NULL}, false, "article after waw: two letters must follow"},
    {"استخبرات", "الاستخبارات", {NULL}, true, "edits: 9 letters, one slip"},
    {"استخبار", "الاستخبارات", {NULL}, false, "edits count letters, not bytes"},
    {"المخابرات", "الاستخبارات", {NULL}, false, "edits: a different word"},
    {"كوت", "الكويت", {NULL}, false, "edits: 4 letters, none"},
    /* edits: floor(len / 8) */
    {"Kuwiat", "Kuwait", {NULL}, false, "6 chars: no edit allowed"},
    {"Bagdhad", "Baghdad", {NULL}, false, "7 chars: no edit allowed"},
    {"Damascsu", "Damascus", {NULL}, true, "8 chars: one swap"},
    {"Mesopotamai", "Mesopotamia", {NULL}, true, "adjacent swap"},
    {"Mesopatamia", "Mesopotamia", {NULL}, true, "substitution"},
    {"Mesopotami", "Mesopotamia", {NULL}, true, "deletion"},
    {"Messopotamia", "Mesopotamia", {NULL}, true, "insertion"},
    {"Mespotamai", "Mesopotamia", {NULL}, false, "two edits on 11 chars"},
    {"Mediteranean See", "Mediterranean Sea", {NULL}, true, "17 chars: two edits"},
    {"Meditaranaen See", "Mediterranean Sea", {NULL}, false, "17 chars: not three edits"},
    /* digits must match exactly */
    {"1991", "1991", {NULL}, true, "same year"},
    {"1992", "1991", {NULL}, false, "one digit off"},
    {"In 1992 the war ended",
     "In 1991 the war ended",
     {NULL},
     false,
     "digit edit in a long answer"},
    {"In 1991 the war endd", "In 1991 the war ended", {NULL}, true, "letter edit in a long answer"},
    {"Treaty of 1916 signed",
     "Treaty of 1961 signed",
     {NULL},
     false,
     "digit swap in a long answer"},
    {"Route 6 to Chicago", "Route 66 to Chicago", {NULL}, false, "digit deleted in a long answer"},
    {"sx", "six", {NULL}, false, "short word: no edit"},
    {"6", "six", {NULL}, false, "digit is not the word"},
    {"6", "six", {"6", NULL}, true, "accepted spelling"},
    {"USA", "United States", {"USA", "US", NULL}, true, "first accept"},
    {"us", "United States", {"USA", "US", NULL}, true, "second accept"},
    {"America", "United States", {"USA", "US", NULL}, false, "not accepted"},
    /* empty and hostile input */
    {"", "Paris", {NULL}, false, "empty answer"},
    {"   ", "Paris", {NULL}, false, "only spaces"},
    {"?!", "Paris", {NULL}, false, "only punctuation"},
    {"\xff\xfe", "Paris", {NULL}, false, "invalid UTF-8"},
    {"Par\xc3", "Paris", {NULL}, false, "truncated UTF-8"},
};

static void test_match_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof match_rows / sizeof match_rows[0]; i++) {
        const MatchRow *r = &match_rows[i];
        size_t n = 0;
        while (n < 3 && r->accept[n] != NULL) {
            n++;
        }
        bool got = n > 0 ? answer_matches_any(r->given, r->expected, r->accept, n)
                         : answer_matches(r->given, r->expected);
        if (got != r->verdict) {
            print_error("row %zu (%s): \"%s\" vs \"%s\": got %s\n", i, r->why, r->given,
                        r->expected, got ? "right" : "wrong");
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

typedef struct NormRow {
    const char *text;
    const char *normal;
} NormRow;

static const NormRow norm_rows[] = {
    {"  The  Caf\xc3\xa9, au LAIT! ", "cafe au lait"},
    {"The", "the"},
    {"\xe2\x80\x9cStra\xc3\x9f"
     "e\xe2\x80\x9d",
     "strasse"},
    {"\xd9\x85\xd9\x8e\xd8\xac\xd9\x92\xd9\x84\xd9\x90\xd8\xb3 \xd9\xa1\xd9\xa9",
     "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3 19"},
    {"الأَمْنُ الجماعيّ، والتضامنُ؟ ١٩٩١", "امن جماعي وتضامن 1991"},
    {"مؤسسة رئيسية على", "موسسه رييسيه علي"},
    {"a - b", "a b"},
    {"", ""},
};

static void test_normalize_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof norm_rows / sizeof norm_rows[0]; i++) {
        char buf[128];
        size_t need = answer_normalize(norm_rows[i].text, buf, sizeof buf);
        assert_string_equal(buf, norm_rows[i].normal);
        assert_int_equal(need, strlen(norm_rows[i].normal));
    }
    char buf[8];
    assert_int_equal(answer_normalize(NULL, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

static void test_normalize_cuts_whole_characters(void **state)
{
    (void)state;
    /* "Москва" is 12 bytes; a 4-byte buffer holds one 2-byte letter and the
     * NUL, never half a letter. */
    char buf[4];
    size_t need =
        answer_normalize("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", buf, sizeof buf);
    assert_int_equal(need, 12);
    assert_string_equal(buf, "\xd0\xbc");
    assert_int_equal(answer_normalize("Paris", NULL, 0), 5);
}

static void test_allowed_edits(void **state)
{
    (void)state;
    assert_int_equal(answer_allowed_edits("Kuwait"), 0);
    assert_int_equal(answer_allowed_edits("Damascus"), 1);
    assert_int_equal(answer_allowed_edits("The Beatles"), 0); /* "beatles" */
    assert_int_equal(answer_allowed_edits("Mediterranean Sea"), 2);
    assert_int_equal(answer_allowed_edits("Gulf Cooperation Council"), 3);
    /* Arabic counts letters after normalising, never bytes. */
    assert_int_equal(answer_allowed_edits("الكويت"), 0);      /* كويت */
    assert_int_equal(answer_allowed_edits("الاستخبارات"), 1); /* استخبارات */
    assert_int_equal(answer_allowed_edits("مجلس التعاون لدول الخليج العربية"), 3);
}

static void test_long_input_is_bounded(void **state)
{
    (void)state;
    /* Past ANSWER_MAX_BYTES the rest of a string is ignored, and a long
     * near-miss is judged without trouble. */
    size_t big = 6000;
    char *given = malloc(big + 1);
    char *expected = malloc(ANSWER_MAX_BYTES + 1);
    assert_non_null(given);
    assert_non_null(expected);
    memset(given, 'a', big);
    given[big] = '\0';
    memset(expected, 'a', ANSWER_MAX_BYTES);
    expected[ANSWER_MAX_BYTES] = '\0';
    assert_true(answer_matches(given, expected));
    given[100] = 'b';
    given[2000] = 'c';
    assert_true(answer_matches(given, expected)); /* 2 edits of 512 allowed */
    given[3000] = '7';
    assert_false(answer_matches(given, expected)); /* a digit never */
    free(given);
    free(expected);
}

static void test_repeated_articles_are_bounded(void **state)
{
    (void)state;
    /* A word made of a thousand articles: each is dropped in turn, in one
     * pass, and what is left is the stem. */
    static const char article[] = "ال";
    static const char stem[] = "كويت";
    size_t n = 1000 * (sizeof article - 1) + sizeof stem;
    char *given = malloc(n);
    assert_non_null(given);
    char *at = given;
    for (int i = 0; i < 1000; i++) {
        memcpy(at, article, sizeof article - 1);
        at += sizeof article - 1;
    }
    memcpy(at, stem, sizeof stem);
    assert_true(strlen(given) < ANSWER_MAX_BYTES);
    assert_true(answer_matches(given, "الكويت"));
    char buf[16];
    assert_int_equal(answer_normalize(given, buf, sizeof buf), strlen(stem));
    assert_string_equal(buf, stem);
    free(given);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_table),
        cmocka_unit_test(test_normalize_table),
        cmocka_unit_test(test_normalize_cuts_whole_characters),
        cmocka_unit_test(test_allowed_edits),
        cmocka_unit_test(test_long_input_is_bounded),
        cmocka_unit_test(test_repeated_articles_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
