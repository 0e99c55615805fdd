/* test_content_ar.c - the Arabic translations of the Kuwait packs against
 * their English originals, their evidence tables and the Arabic matcher.
 *
 * Each English pack kuwait-X has a translation kuwait-X-ar in questions/,
 * and each translation an evidence table of its own
 * (questions/evidence/kuwait-X-ar.tsv) in the English table's shape. This
 * test loads the folder with the real loader and checks what a teacher
 * relies on when setting the two versions side by side: the translation
 * loads cleanly, asks the same questions under the same ids with the same
 * keys, is written in Arabic, and its typed answers and cloze gaps accept
 * the spellings an Arabic-speaking student types (with or without the
 * article, bare hamza seats, haa for taa marbuta, yaa for alef maqsura,
 * Arabic-Indic digits) and turn down the near-misses its table lists, as
 * the game's own matcher (answer_matches_any) judges them.
 *
 * test_content.c holds every pack, these included, to the checks shared by
 * all (support quoted from the document, statements asked, kinds, ...); the
 * checks here are those particular to a translation. Each test lists every
 * problem it finds before failing. Read questions/evidence/README.md and
 * the "Arabic answers" part of questions/README.md first.
 *
 * The file runs past the house's ~800 lines on purpose: its helpers for
 * Arabic text and the spellings it generates serve only these checks, and
 * the checks share one fixture. Helpers come first, then one test per
 * promise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "answer_match.h"
#include "evidence.h"
#include "pack_set.h"

#define EVIDENCE_DIR QUIZDECK_SOURCE_QUESTIONS "/evidence"
#define COUNT_OF(a)  (sizeof(a) / sizeof((a)[0]))

/* The English packs that have an Arabic translation, whose id is theirs
 * followed by "-ar". */
static const char *const english_ids[] = {"kuwait-gcc", "kuwait-deployments", "kuwait-diplomacy",
                                          "kuwait-alliances"};
enum {
    PACKS = COUNT_OF(english_ids),
    TEXT_MAX = 8192,
};

/* ------------------------------------------------------------ fixture */

typedef struct Fixture {
    bool loaded;
    PackSet packs;
    const Pack *en[PACKS];
    const Pack *ar[PACKS];
    EvidenceTable en_table[PACKS];
    EvidenceTable ar_table[PACKS];
} Fixture;

static Fixture fx;

static void load_table(EvidenceTable *t, const char *pack_id)
{
    char path[1024], message[EVIDENCE_MESSAGE];
    snprintf(path, sizeof path, "%s/%s.tsv", EVIDENCE_DIR, pack_id);
    if (!evidence_table_load(t, path, evidence_pack_columns, EVIDENCE_PACK_COLUMNS, message))
        fail_msg("%s", message);
}

/* Loaded once, by the first test that asks; freed by the group teardown. */
static Fixture *fixture(void)
{
    if (fx.loaded)
        return &fx;
    assert_int_equal(pack_set_add_path(&fx.packs, QUIZDECK_SOURCE_QUESTIONS), PACK_SET_OK);
    for (size_t i = 0; i < PACKS; i++) {
        char ar_id[128];
        snprintf(ar_id, sizeof ar_id, "%s-ar", english_ids[i]);
        fx.en[i] = pack_set_find(&fx.packs, english_ids[i]);
        fx.ar[i] = pack_set_find(&fx.packs, ar_id);
        load_table(&fx.en_table[i], english_ids[i]);
        load_table(&fx.ar_table[i], ar_id);
    }
    fx.loaded = true;
    return &fx;
}

/* The fixture, for the tests that need every pack loaded (the first test
 * says why one did not). */
static Fixture *loaded_fixture(void)
{
    Fixture *f = fixture();
    for (size_t i = 0; i < PACKS; i++)
        if (!f->en[i] || !f->ar[i])
            fail_msg("the packs '%s' and '%s-ar' must both load", english_ids[i], english_ids[i]);
    return f;
}

static int teardown_fixture(void **state)
{
    (void)state;
    pack_set_free(&fx.packs);
    for (size_t i = 0; i < PACKS; i++) {
        evidence_table_free(&fx.en_table[i]);
        evidence_table_free(&fx.ar_table[i]);
    }
    memset(&fx, 0, sizeof fx);
    return 0;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* ------------------------------------------------------------ Arabic text */

/* Code points of the UTF-8 text s[0..len) (the loader has checked that it
 * is valid). */
static size_t code_points_n(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static size_t code_points(const char *s)
{
    return code_points_n(s, strlen(s));
}

/* An Arabic letter, U+0621..U+064A, starts at p: D8 A1..BF or D9 80..8A. */
static bool arabic_letter_at(const char *p)
{
    unsigned char a = (unsigned char)p[0], b = (unsigned char)(a ? p[1] : 0);
    return (a == 0xD8 && b >= 0xA1 && b <= 0xBF) || (a == 0xD9 && b >= 0x80 && b <= 0x8A);
}

static bool has_arabic_letter(const char *s)
{
    for (; *s; s++)
        if (arabic_letter_at(s))
            return true;
    return false;
}

static bool has_latin_letter(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
            return true;
    return false;
}

/* Arabic-Indic (U+0660..0669: D9 A0..A9) or Eastern Arabic-Indic
 * (U+06F0..06F9: DB B0..B9) digits. */
static bool has_indic_digit(const char *s)
{
    for (; *s; s++) {
        unsigned char a = (unsigned char)s[0], b = (unsigned char)(a ? s[1] : 0);
        if ((a == 0xD9 && b >= 0xA0 && b <= 0xA9) || (a == 0xDB && b >= 0xB0 && b <= 0xB9))
            return true;
    }
    return false;
}

static bool has_ascii_digit(const char *s)
{
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            return true;
    return false;
}

static size_t count_of(const char *s, const char *sub)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, sub)) != NULL; p += strlen(sub))
        n++;
    return n;
}

static const char *const hamza_letters[] = {"أ", "إ", "آ", "ٱ", "ؤ", "ئ"};

static size_t hamza_count(const char *s)
{
    size_t n = 0;
    for (size_t i = 0; i < COUNT_OF(hamza_letters); i++)
        n += count_of(s, hamza_letters[i]);
    return n;
}

/* Words of `s` that carry the article: "ال", or "وال", at the word's
 * start with two or more code points after it (the matcher's rule). */
static size_t article_count(const char *s)
{
    size_t n = 0;
    for (const char *w = s; *w;) {
        const char *end = strchr(w, ' ');
        size_t len = end ? (size_t)(end - w) : strlen(w);
        size_t at = len >= 2 && strncmp(w, "و", 2) == 0 ? 2 : 0;
        if (at + 4 <= len && strncmp(w + at, "ال", 4) == 0)
            n += code_points_n(w + at + 4, len - at - 4) >= 2;
        w += len;
        while (*w == ' ')
            w++;
    }
    return n;
}

/* ------------------------------------------------------------ spellings */

/* Writes `s` with every `from` replaced by `to` into out[0..size). */
static void replace_all(const char *s, const char *from, const char *to, char *out, size_t size)
{
    out[0] = '\0';
    size_t n = strlen(from);
    for (const char *p = s; *p;) {
        if (strncmp(p, from, n) == 0) {
            evidence_append(out, size, "%s", to);
            p += n;
        } else {
            evidence_append(out, size, "%c", *p);
            p++;
        }
    }
}

/* A spelling a student may type for `key`, made from it by one habit. */
typedef void (*Spelling)(const char *key, char *out, size_t size);

/* Without the article on each word that has one ("وال" keeps its "و"). */
static void spell_without_article(const char *key, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *w = key; *w;) {
        const char *end = strchr(w, ' ');
        size_t len = end ? (size_t)(end - w) : strlen(w);
        char word[TEXT_MAX];
        snprintf(word, sizeof word, "%.*s", (int)len, w);
        bool waw = strncmp(word, "وال", 6) == 0;
        const char *rest = word + (waw ? 6 : 4);
        bool drop = (waw || strncmp(word, "ال", 4) == 0) && code_points(rest) >= 2;
        evidence_append(out, size, "%s%s%s", out[0] ? " " : "", drop && waw ? "و" : "",
                        drop ? rest : word);
        w += len;
        while (*w == ' ')
            w++;
    }
}

/* A key with no article anywhere (مناورات, ست) with one on each of its
 * Arabic words; a phrase that has one already is left as it is. */
static void spell_with_article(const char *key, char *out, size_t size)
{
    out[0] = '\0';
    if (article_count(key) > 0) {
        snprintf(out, size, "%s", key);
        return;
    }
    for (const char *w = key; *w;) {
        const char *end = strchr(w, ' ');
        size_t len = end ? (size_t)(end - w) : strlen(w);
        char word[TEXT_MAX];
        snprintf(word, sizeof word, "%.*s", (int)len, w);
        bool add = arabic_letter_at(word) && strncmp(word, "ال", 4) != 0 && code_points(word) >= 2;
        evidence_append(out, size, "%s%s%s", out[0] ? " " : "", add ? "ال" : "", word);
        w += len;
        while (*w == ' ')
            w++;
    }
}

/* Hamza seats bare: أ إ آ ٱ as ا, ؤ as و, ئ as ي. */
static void spell_bare_hamza(const char *key, char *out, size_t size)
{
    static const char *const to[] = {"ا", "ا", "ا", "ا", "و", "ي"};
    char a[TEXT_MAX], b[TEXT_MAX];
    snprintf(a, sizeof a, "%s", key);
    for (size_t i = 0; i < COUNT_OF(hamza_letters); i++) {
        replace_all(a, hamza_letters[i], to[i], b, sizeof b);
        snprintf(a, sizeof a, "%s", b);
    }
    snprintf(out, size, "%s", a);
}

static void spell_haa(const char *key, char *out, size_t size)
{
    replace_all(key, "ة", "ه", out, size);
}

static void spell_yaa(const char *key, char *out, size_t size)
{
    replace_all(key, "ى", "ي", out, size);
}

static void spell_digits(const char *key, char *out, size_t size, const char *const digits[10])
{
    out[0] = '\0';
    for (const char *p = key; *p; p++)
        if (*p >= '0' && *p <= '9')
            evidence_append(out, size, "%s", digits[*p - '0']);
        else
            evidence_append(out, size, "%c", *p);
}

static void spell_indic(const char *key, char *out, size_t size)
{
    static const char *const d[10] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
    spell_digits(key, out, size, d);
}

static void spell_eastern(const char *key, char *out, size_t size)
{
    static const char *const d[10] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
    spell_digits(key, out, size, d);
}

/* Fully vowelled: a fatha after every letter. */
static void spell_tashkeel(const char *key, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = key; *p;) {
        if (arabic_letter_at(p)) {
            evidence_append(out, size, "%.2s\xd9\x8e", p);
            p += 2;
        } else {
            evidence_append(out, size, "%c", *p);
            p++;
        }
    }
}

/* Every habit at once, as a hurried student types. */
static void spell_all_at_once(const char *key, char *out, size_t size)
{
    char a[TEXT_MAX], b[TEXT_MAX];
    spell_without_article(key, a, sizeof a);
    spell_bare_hamza(a, b, sizeof b);
    spell_haa(b, a, sizeof a);
    spell_yaa(a, b, sizeof b);
    spell_indic(b, out, size);
}

static const struct {
    const char *name;
    Spelling spell;
    bool key_only; /* not applied to the author's other spellings */
} spellings[] = {
    {"without the article", spell_without_article, false},
    /* Only a key: "the" in front of a name or a preposition (الأمريكا,
     * العبر) is not a spelling anyone types. */
    {"with the article", spell_with_article, true},
    {"bare hamza seats", spell_bare_hamza, false},
    {"haa for taa marbuta", spell_haa, false},
    {"yaa for alef maqsura", spell_yaa, false},
    {"Arabic-Indic digits", spell_indic, false},
    {"Eastern Arabic-Indic digits", spell_eastern, false},
    {"with tashkeel", spell_tashkeel, false},
    {"all of these at once", spell_all_at_once, false},
};

/* ------------------------------------------------------------ tests */

/* The translations load with no error and no warning: `quizdeck --check`
 * says nothing about them. */
static void test_translations_load_without_errors_or_warnings(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    size_t seen = 0;
    for (size_t i = 0; i < f->packs.report_count; i++) {
        const PackReport *r = &f->packs.reports[i];
        if (!ends_with(r->path, "-ar.yaml"))
            continue;
        seen++;
        if (!r->loaded)
            evidence_problem("%s did not load", r->path);
        for (size_t d = 0; d < r->diags.count; d++)
            evidence_problem("%s:%d:%d: %s", r->diags.items[d].file, r->diags.items[d].line,
                             r->diags.items[d].column, r->diags.items[d].message);
    }
    assert_int_equal(seen, PACKS);
    for (size_t p = 0; p < PACKS; p++) {
        const Pack *ar = f->ar[p];
        if (!ar) {
            evidence_problem("no pack '%s-ar' loaded", english_ids[p]);
            continue;
        }
        if (strcmp(ar->language, "ar") != 0 || !pack_is_rtl(ar))
            evidence_problem("%s: language is '%s', not ar", ar->id, ar->language);
    }
    assert_int_equal(evidence_problem_count(), 0);
}

/* Compares one field of a question in the two packs. */
#define SAME(what, en_value, ar_value)                                                             \
    do {                                                                                           \
        if ((en_value) != (ar_value))                                                              \
            evidence_problem("%s: '%s' has another %s than in %s", ar->id, q->id, what, en->id);   \
    } while (0)

static bool same_text(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static void compare_question(const Pack *en, const Pack *ar, const Question *e, const Question *q)
{
    SAME("type", e->type, q->type);
    if (e->type != q->type)
        return;
    if (!same_text(e->topic, q->topic) || !same_text(e->source, q->source))
        evidence_problem("%s: '%s' has another topic or section than in %s", ar->id, q->id, en->id);
    SAME("difficulty", e->difficulty, q->difficulty);
    SAME("time limit", e->time_limit, q->time_limit);
    SAME("points", e->points, q->points);
    SAME("prompt (one has none)", e->prompt[0] != '\0', q->prompt[0] != '\0');
    SAME("explanation (one has none)", e->explain[0] != '\0', q->explain[0] != '\0');
    switch (e->type) {
    case QUESTION_CHOICE:
        SAME("number of choices", e->choice_count, q->choice_count);
        SAME("key", e->answer_index, q->answer_index);
        SAME("shuffle", e->shuffle, q->shuffle);
        break;
    case QUESTION_MULTI:
        SAME("number of choices", e->choice_count, q->choice_count);
        SAME("set of keys", e->answer_mask, q->answer_mask);
        SAME("shuffle", e->shuffle, q->shuffle);
        break;
    case QUESTION_TRUEFALSE:
        SAME("truth", e->truth, q->truth);
        break;
    case QUESTION_ORDER:
        SAME("number of items", e->item_count, q->item_count);
        break;
    case QUESTION_MATCH:
        SAME("number of pairs", e->pair_count, q->pair_count);
        break;
    case QUESTION_CLOZE:
        SAME("number of gaps", e->gap_count, q->gap_count);
        for (size_t g = 0; g < e->gap_count && g < q->gap_count; g++)
            if ((e->gaps[g].hint[0] != '\0') != (q->gaps[g].hint[0] != '\0'))
                evidence_problem("%s: '%s' gap %zu has a hint in one pack only", ar->id, q->id,
                                 g + 1);
        break;
    case QUESTION_TYPED:
    case QUESTION_FLASHCARD:
    case QUESTION_TYPE_COUNT:
        break;
    }
}

/* Each translation asks its English pack's questions: the same ids in the
 * same order (so a teacher can tell them apart in reports), the same types,
 * topics, sections and settings, and the same keys (the same choice, the
 * same set, the same truth, as many items, pairs and gaps). */
static void test_translations_keep_the_english_questions(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    evidence_problems_reset();
    for (size_t p = 0; p < PACKS; p++) {
        const Pack *en = f->en[p], *ar = f->ar[p];
        if (en->question_count != ar->question_count)
            evidence_problem("%s has %zu questions, %s has %zu", ar->id, ar->question_count, en->id,
                             en->question_count);
        if (en->topic_count != ar->topic_count || en->section_count != ar->section_count)
            evidence_problem("%s has other topics or sections than %s", ar->id, en->id);
        for (size_t i = 0; i < en->topic_count && i < ar->topic_count; i++)
            if (!same_text(en->topics[i].id, ar->topics[i].id))
                evidence_problem("%s: topic %zu is '%s', in %s '%s'", ar->id, i + 1,
                                 ar->topics[i].id, en->id, en->topics[i].id);
        for (size_t i = 0; i < en->section_count && i < ar->section_count; i++)
            if (!same_text(en->sections[i].id, ar->sections[i].id))
                evidence_problem("%s: section %zu is '%s', in %s '%s'", ar->id, i + 1,
                                 ar->sections[i].id, en->id, en->sections[i].id);
        if (en->default_time_limit != ar->default_time_limit ||
            en->default_points != ar->default_points)
            evidence_problem("%s has other defaults than %s", ar->id, en->id);
        for (size_t i = 0; i < en->question_count && i < ar->question_count; i++) {
            const Question *e = &en->questions[i], *q = &ar->questions[i];
            if (!same_text(e->id, q->id)) {
                evidence_problem("%s: question %zu is '%s', in %s '%s'", ar->id, i + 1, q->id,
                                 en->id, e->id);
                continue;
            }
            compare_question(en, ar, e, q);
        }
    }
    assert_int_equal(evidence_problem_count(), 0);
}

/* A text of a translation is Arabic: it has Arabic letters (unless it is a
 * number, written in digits as the English packs write it) and no Latin
 * ones left over from the English. */
static void check_arabic(const Pack *ar, const char *where, const char *text)
{
    if (text[0] == '\0')
        return;
    bool number = has_ascii_digit(text) && !has_arabic_letter(text);
    if (has_latin_letter(text) || (!number && !has_arabic_letter(text)))
        evidence_problem("%s: %s is not in Arabic: \"%s\"", ar->id, where, text);
}

static void check_question_arabic(const Pack *ar, const Question *q)
{
    char where[256];
    snprintf(where, sizeof where, "the prompt of '%s'", q->id);
    check_arabic(ar, where, q->prompt);
    snprintf(where, sizeof where, "the explanation of '%s'", q->id);
    check_arabic(ar, where, q->explain);
    snprintf(where, sizeof where, "a text of '%s'", q->id);
    for (size_t i = 0; i < q->choice_count; i++)
        check_arabic(ar, where, q->choices[i]);
    for (size_t i = 0; i < q->item_count; i++)
        check_arabic(ar, where, q->items[i]);
    for (size_t i = 0; i < q->pair_count; i++) {
        check_arabic(ar, where, q->pairs[i].left);
        check_arabic(ar, where, q->pairs[i].right);
    }
    if (q->type == QUESTION_TYPED) {
        check_arabic(ar, where, q->answer);
        for (size_t i = 0; i < q->accept_count; i++)
            check_arabic(ar, where, q->accept[i]);
    }
    if (q->type == QUESTION_CLOZE) {
        check_arabic(ar, where, q->text);
        for (size_t g = 0; g < q->gap_count; g++) {
            check_arabic(ar, where, q->gaps[g].hint);
            for (size_t i = 0; i < q->gaps[g].accept_count; i++)
                check_arabic(ar, where, q->gaps[g].accept[i]);
        }
    }
    if (q->type == QUESTION_FLASHCARD) {
        check_arabic(ar, where, q->front);
        check_arabic(ar, where, q->back);
    }
}

/* Every text a student or teacher reads in a translation is in Arabic:
 * title, description, source and section titles, topic titles, and each
 * question's prompt, choices, items, pairs, cloze text, hints, cards,
 * answers and explanation (the author's name is a name). */
static void test_translations_are_written_in_arabic(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    evidence_problems_reset();
    for (size_t p = 0; p < PACKS; p++) {
        const Pack *ar = f->ar[p];
        check_arabic(ar, "the title", ar->title);
        check_arabic(ar, "the description", ar->description);
        check_arabic(ar, "the source title", ar->source_title);
        for (size_t i = 0; i < ar->section_count; i++)
            check_arabic(ar, "a section title", ar->sections[i].title);
        for (size_t i = 0; i < ar->topic_count; i++)
            check_arabic(ar, "a topic title", ar->topics[i].title);
        for (size_t i = 0; i < ar->question_count; i++)
            check_question_arabic(ar, &ar->questions[i]);
    }
    assert_int_equal(evidence_problem_count(), 0);
}

/* Each Arabic table follows its English table row for row: the same
 * question and gap, kind, statements and supporting quotes (one document
 * behind both), the Arabic key in `answer`, and accept and reject cells
 * exactly where the English table has them. */
static void test_evidence_follows_the_english_table(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    evidence_problems_reset();
    static const int same_columns[] = {EV_QUESTION, EV_GAP, EV_KIND, EV_STATEMENTS, EV_SUPPORT};
    char key[TEXT_MAX];
    for (size_t p = 0; p < PACKS; p++) {
        const EvidenceTable *et = &f->en_table[p], *at = &f->ar_table[p];
        if (et->count != at->count)
            evidence_problem("%s has %zu rows, %s %zu", at->name, at->count, et->name, et->count);
        for (size_t r = 0; r < et->count && r < at->count; r++) {
            const EvidenceRow *er = &et->rows[r], *row = &at->rows[r];
            for (size_t c = 0; c < COUNT_OF(same_columns); c++) {
                int col = same_columns[c];
                if (!same_text(er->cells[col], row->cells[col]))
                    evidence_problem("%s:%d: %s is \"%s\", in %s:%d \"%s\"", at->name, row->line,
                                     evidence_pack_columns[col], row->cells[col], et->name,
                                     er->line, er->cells[col]);
            }
            for (int col = EV_ACCEPT; col <= EV_REJECT; col++)
                if (same_text(er->cells[col], "-") != same_text(row->cells[col], "-"))
                    evidence_problem("%s:%d: the %s cell must be '-' exactly when %s's is",
                                     at->name, row->line, evidence_pack_columns[col], et->name);
            const Question *q = pack_find_question(f->ar[p], row->cells[EV_QUESTION]);
            size_t gap = evidence_row_gap(row);
            if (!q || (q->type == QUESTION_CLOZE ? gap < 1 || gap > q->gap_count : gap != 0)) {
                evidence_problem("%s:%d: no question '%s' gap %s in %s", at->name, row->line,
                                 row->cells[EV_QUESTION], row->cells[EV_GAP], f->ar[p]->id);
                continue;
            }
            evidence_render_key(q, gap, key, sizeof key);
            if (!same_text(key, row->cells[EV_ANSWER]))
                evidence_problem(
                    "%s:%d: '%s': the pack's answer is\n    %s\n  the table says\n    %s", at->name,
                    row->line, q->id, key, row->cells[EV_ANSWER]);
        }
    }
    assert_int_equal(evidence_problem_count(), 0);
}

/* Calls `visit` for every typed row of every Arabic table whose question
 * and gap the pack has (test_evidence_follows_the_english_table reports
 * the others). */
static void each_typed_row(const Fixture *f, EvidenceVisit visit, void *ctx)
{
    for (size_t p = 0; p < PACKS; p++)
        evidence_each_typed_row(&f->ar_table[p], f->ar[p], visit, ctx);
}

static void split_or_fail(EvidenceList *l, const char *cell)
{
    if (!evidence_list_split(l, cell, " | "))
        fail_msg("a list of more than %d items: %s", EVIDENCE_MAX_LIST, cell);
}

typedef struct Tally {
    size_t rows, generated;
} Tally;

/* The variants a row lists show each spelling habit that applies to its
 * key: some variant drops an article the key has, bares a hamza seat, writes
 * haa for taa marbuta or yaa for alef maqsura, or uses Arabic-Indic digits. */
static void check_habits_listed(const EvidenceTable *t, const EvidenceRow *row, const char *key,
                                const EvidenceList *good)
{
    bool article = false, hamza = false, haa = false, yaa = false, digits = false;
    for (size_t i = 0; i < good->count; i++) {
        const char *v = good->items[i];
        article |= article_count(v) < article_count(key);
        hamza |= hamza_count(v) < hamza_count(key);
        haa |= count_of(v, "ة") < count_of(key, "ة");
        yaa |= count_of(v, "ى") < count_of(key, "ى");
        digits |= has_indic_digit(v);
    }
    const char *q = row->cells[EV_QUESTION];
    if (article_count(key) > 0 && !article)
        evidence_problem("%s:%d: '%s' lists no variant without the article", t->name, row->line, q);
    if (hamza_count(key) > 0 && !hamza)
        evidence_problem("%s:%d: '%s' lists no variant with a bare hamza seat", t->name, row->line,
                         q);
    if (count_of(key, "ة") > 0 && !haa)
        evidence_problem("%s:%d: '%s' lists no variant with haa for taa marbuta", t->name,
                         row->line, q);
    if (count_of(key, "ى") > 0 && !yaa)
        evidence_problem("%s:%d: '%s' lists no variant with yaa for alef maqsura", t->name,
                         row->line, q);
    if (has_ascii_digit(key) && !digits)
        evidence_problem("%s:%d: '%s' lists no variant in Arabic-Indic digits", t->name, row->line,
                         q);
}

/* The listed variants judged as every pack's are (evidence.h), and the
 * Arabic spelling habits they must show. */
static void judge_listed(const EvidenceTable *t, const EvidenceRow *row, const Question *q,
                         size_t gap, void *ctx)
{
    evidence_judge_listed(t, row, q, gap, ctx);
    EvidenceKey key = evidence_typed_key(q, gap);
    EvidenceList good;
    split_or_fail(&good, row->cells[EV_ACCEPT]);
    check_habits_listed(t, row, key.answer, &good);
    evidence_list_free(&good);
}

/* Table-driven over the Arabic evidence: for every typed question and
 * every cloze gap, each variant the table lists is judged right and each
 * near-miss wrong by the real matcher, against the key and accept list as
 * the real loader read them; and the variants cover every spelling habit
 * that applies to the key. */
static void test_typed_answers_accept_listed_arabic_variants(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    evidence_problems_reset();
    EvidenceTally tally = {0};
    each_typed_row(f, judge_listed, &tally);
    print_message("%zu typed answers and gaps: %zu listed variants accepted, %zu near-misses "
                  "rejected\n",
                  tally.rows, tally.accepted, tally.rejected);
    assert_true(tally.rows > 0);
    assert_int_equal(evidence_problem_count(), 0);
}

static void judge_generated(const EvidenceTable *t, const EvidenceRow *row, const Question *q,
                            size_t gap, void *ctx)
{
    Tally *tally = ctx;
    EvidenceKey key = evidence_typed_key(q, gap);
    tally->rows++;
    /* The key and every accepted spelling the author wrote. */
    for (size_t k = 0; k <= key.accept_count; k++) {
        const char *base = k == 0 ? key.answer : key.accept[k - 1];
        for (size_t s = 0; s < COUNT_OF(spellings); s++) {
            if (k > 0 && spellings[s].key_only)
                continue;
            char variant[TEXT_MAX];
            spellings[s].spell(base, variant, sizeof variant);
            if (same_text(variant, base))
                continue; /* the habit does not apply */
            tally->generated++;
            if (!evidence_key_takes(&key, variant))
                evidence_problem("%s:%d: '%s' rejects \"%s\" (\"%s\" %s)", t->name, row->line,
                                 q->id, variant, base, spellings[s].name);
        }
    }
}

/* The same habits applied by rule, not by hand: every key and accepted
 * spelling of a translation, written without or with the article, with
 * bare hamza seats, haa, yaa, either kind of Arabic digits, full tashkeel,
 * or all of these at once, is judged right. */
static void test_typed_answers_accept_every_spelling_habit(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    evidence_problems_reset();
    Tally tally = {0};
    each_typed_row(f, judge_generated, &tally);
    print_message("%zu typed answers and gaps: %zu generated spellings accepted\n", tally.rows,
                  tally.generated);
    assert_true(tally.generated > 0);
    assert_int_equal(evidence_problem_count(), 0);
}

/* The cases the brief names, against the packs directly, so they stay
 * fixed whatever the tables say. */
static void test_the_named_arabic_cases(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    static const EvidenceJudgeCase cases[] = {
        /* digits, Western and Arabic-Indic alike, and exact */
        {"kuwait-diplomacy-ar", "dip-ceasefire-year", 0, "1991", true},
        {"kuwait-diplomacy-ar", "dip-ceasefire-year", 0, "١٩٩١", true},
        {"kuwait-diplomacy-ar", "dip-ceasefire-year", 0, "عام ١٩٩١م", true},
        {"kuwait-diplomacy-ar", "dip-ceasefire-year", 0, "١٩٩٠", false},
        {"kuwait-gcc-ar", "gcc-size", 0, "٦", true},
        {"kuwait-gcc-ar", "gcc-size", 0, "ستة", true},
        {"kuwait-gcc-ar", "gcc-size", 0, "سبع", false},
        /* with and without the article */
        {"kuwait-diplomacy-ar", "dip-iraq-reconstruction", 0, "عراق", true},
        {"kuwait-diplomacy-ar", "dip-iraq-reconstruction", 0, "إيران", false},
        {"kuwait-diplomacy-ar", "dip-dialogue-negotiation", 0, "حوار وتفاوض", true},
        {"kuwait-diplomacy-ar", "dip-dialogue-negotiation", 0, "الحوار", false},
        {"kuwait-gcc-ar", "gcc-platform-cloze", 2, "المناورات", true},
        /* hamza forms */
        {"kuwait-gcc-ar", "gcc-commitment-cloze", 1, "امن جماعي", true},
        {"kuwait-gcc-ar", "gcc-commitment-cloze", 1, "الأمن الوطني", false},
        {"kuwait-deployments-ar", "dep-reconstruction", 0, "اعادة الاعمار", true},
        {"kuwait-deployments-ar", "dep-reconstruction", 0, "إعادة الانتشار", false},
        {"kuwait-alliances-ar", "all-us", 0, "امريكا", true},
        {"kuwait-alliances-ar", "all-us", 0, "الأمم المتحدة", false},
        /* taa marbuta and haa, alef maqsura and yaa */
        {"kuwait-diplomacy-ar", "dip-mediation-typed", 0, "الوساطه", true},
        {"kuwait-diplomacy-ar", "dip-mediation-typed", 0, "الوسطية", false},
        {"kuwait-gcc-ar", "gcc-western-ally", 0, "القوي الغربيه", true},
        {"kuwait-gcc-ar", "gcc-western-ally", 0, "الدول العربية", false},
        {"kuwait-alliances-ar", "all-cooperation-cloze", 3, "مكافحه الارهاب", true},
        /* second answers the document itself supports */
        {"kuwait-alliances-ar", "all-goals-cloze", 1, "البنية التحتية", true},
        {"kuwait-diplomacy-ar", "dip-tensions-cloze", 2, "الثقة المتبادلة", true},
        {"kuwait-deployments-ar", "dep-community-cloze", 1, "التحالف", true},
        {"kuwait-gcc-ar", "gcc-commitment-cloze", 1, "الأمن التعاوني", true},
    };
    evidence_problems_reset();
    evidence_judge_cases(&f->packs, cases, COUNT_OF(cases));
    assert_int_equal(evidence_problem_count(), 0);
}

/* The words of `text` as the matcher sees them (article dropped, letters
 * folded), split at spaces into words[0..count). */
typedef struct ArWords {
    char buf[TEXT_MAX];
    char *words[256];
    size_t count;
} ArWords;

static void ar_words(ArWords *w, const char *text)
{
    answer_normalize(text, w->buf, sizeof w->buf);
    w->count = 0;
    for (char *s = strtok(w->buf, " "); s && w->count < COUNT_OF(w->words); s = strtok(NULL, " "))
        w->words[w->count++] = s;
}

/* Two sides of a pair share a word when, once normalised, two of their
 * words of three or more letters are equal or begin with the same four
 * letters (البحري and بحرية do). */
static bool share_an_arabic_word(const char *a, const char *b)
{
    static ArWords wa, wb;
    ar_words(&wa, a);
    ar_words(&wb, b);
    for (size_t i = 0; i < wa.count; i++)
        for (size_t j = 0; j < wb.count; j++) {
            const char *x = wa.words[i], *y = wb.words[j];
            if (code_points(x) < 3 || code_points(y) < 3)
                continue;
            if (same_text(x, y))
                return true;
            /* Four Arabic letters are eight bytes. */
            if (code_points(x) >= 4 && code_points(y) >= 4 && strncmp(x, y, 8) == 0)
                return true;
        }
    return false;
}

/* True when `text` has `word` as a whole word once normalised. */
static bool has_arabic_word(const char *text, const char *word)
{
    static ArWords w;
    char want[64];
    answer_normalize(word, want, sizeof want);
    ar_words(&w, text);
    for (size_t i = 0; i < w.count; i++)
        if (same_text(w.words[i], want))
            return true;
    return false;
}

/* The translation keeps the English packs' fairness: a choice's key is
 * never its longest option (in letters), no match pair is joined by a word
 * both sides share, and no true/false statement hinges on "only", "never"
 * and the like. */
static void test_keys_cannot_be_guessed_from_their_shape_in_arabic(void **state)
{
    (void)state;
    Fixture *f = loaded_fixture();
    static const char *const absolutes[] = {"فقط",   "أبدا", "قط",     "وحده",  "وحدها",
                                            "دائما", "حصرا", "إطلاقا", "مطلقا", "سوى"};
    evidence_problems_reset();
    for (size_t p = 0; p < PACKS; p++) {
        const Pack *pack = f->ar[p];
        for (size_t i = 0; i < pack->question_count; i++) {
            const Question *q = &pack->questions[i];
            if (q->type == QUESTION_CHOICE) {
                size_t key = code_points(q->choices[q->answer_index]), longest_other = 0;
                for (size_t c = 0; c < q->choice_count; c++)
                    if (c != q->answer_index && code_points(q->choices[c]) > longest_other)
                        longest_other = code_points(q->choices[c]);
                if (key > longest_other)
                    evidence_problem("%s: the key of '%s' is its longest choice", pack->id, q->id);
            } else if (q->type == QUESTION_MATCH) {
                for (size_t k = 0; k < q->pair_count; k++)
                    if (share_an_arabic_word(q->pairs[k].left, q->pairs[k].right))
                        evidence_problem("%s: '%s' pairs \"%s\" with \"%s\" by a shared word",
                                         pack->id, q->id, q->pairs[k].left, q->pairs[k].right);
            } else if (q->type == QUESTION_TRUEFALSE) {
                for (size_t a = 0; a < COUNT_OF(absolutes); a++)
                    if (has_arabic_word(q->prompt, absolutes[a]))
                        evidence_problem("%s: '%s' hinges on \"%s\"", pack->id, q->id,
                                         absolutes[a]);
            }
        }
    }
    assert_int_equal(evidence_problem_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_translations_load_without_errors_or_warnings),
        cmocka_unit_test(test_translations_keep_the_english_questions),
        cmocka_unit_test(test_translations_are_written_in_arabic),
        cmocka_unit_test(test_evidence_follows_the_english_table),
        cmocka_unit_test(test_typed_answers_accept_listed_arabic_variants),
        cmocka_unit_test(test_typed_answers_accept_every_spelling_habit),
        cmocka_unit_test(test_the_named_arabic_cases),
        cmocka_unit_test(test_keys_cannot_be_guessed_from_their_shape_in_arabic),
    };
    return cmocka_run_group_tests(tests, NULL, teardown_fixture);
}
