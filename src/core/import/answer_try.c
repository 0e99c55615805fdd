/* answer_try.c - one answer written as text, judged as the game judges it
 * (answer_try.h): parsed into an Answer in the author's indices, judged by
 * the question kind's own judge, described with the kind's own words.
 *
 * How the text is read is --try's own syntax (" | " between parts,
 * "left = right", letters for choices), so it lives here in one row per
 * type (try_rows, indexed by QuestionType): the row reads the text into an
 * Answer and may add what a verdict alone does not say (which spelling a
 * typed answer or a gap matched).
 *
 * Read answer_try.h first; qtype.h for Answer and QuestionShown.
 */
#include <stdio.h>
#include <string.h>

#include "answer_match.h"
#include "answer_try.h"
#include "import_internal.h"
#include "qtype.h"

enum { TRY_MAX_PARTS = 64 };

typedef struct TryParts {
    char text[TRY_MAX_PARTS][512];
    size_t count;
    bool more;
} TryParts;

static void split_parts(const char *answer, TryParts *parts)
{
    ImportSpan spans[TRY_MAX_PARTS];
    parts->count = import_split_bar(answer, spans, TRY_MAX_PARTS, &parts->more);
    for (size_t i = 0; i < parts->count; i++) {
        size_t n =
            spans[i].len < sizeof parts->text[i] - 1 ? spans[i].len : sizeof parts->text[i] - 1;
        memcpy(parts->text[i], spans[i].text, n);
        parts->text[i][n] = '\0';
    }
}

/* Index of the entry named by `want`: its text (exactly, else ignoring
 * case), or its letter in the author's order when `letters`. */
static size_t entry_named(const char *want, const char *const *entries, size_t count, bool letters)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i], want) == 0)
            return i;
    for (size_t i = 0; i < count; i++)
        if (import_ieq(entries[i], want))
            return i;
    if (letters && strlen(want) == 1) {
        char up = (char)(want[0] & ~0x20);
        if (up >= 'A' && (size_t)(up - 'A') < count)
            return (size_t)(up - 'A');
    }
    return QTYPE_NONE;
}

static void list_entries(StrBuf *out, const char *const *entries, size_t count, bool letters)
{
    for (size_t i = 0; i < count; i++) {
        if (letters)
            strbuf_addf(out, "%s%s: %s", i ? ", " : "", qtype_letter(i), entries[i]);
        else
            strbuf_addf(out, "%s'%s'", i ? ", " : "", entries[i]);
    }
}

/* What a typed answer or a gap met: the spelling it matched, or the
 * nearest one and how far it was. */
static void spelling_detail(StrBuf *out, const char *given, const char *answer,
                            const char *const *accept, size_t accept_count)
{
    int which = answer_match_which(given, answer, accept, accept_count);
    if (which == 0) {
        strbuf_addf(out, "matched the answer '%s'", answer);
        return;
    }
    if (which > 0) {
        strbuf_addf(out, "matched the accepted spelling '%s'", accept[which - 1]);
        return;
    }
    const char *nearest = answer;
    size_t best = answer_distance(given, answer);
    for (size_t i = 0; i < accept_count; i++) {
        size_t d = answer_distance(given, accept[i]);
        if (d < best) {
            best = d;
            nearest = accept[i];
        }
    }
    size_t allowed = answer_allowed_edits(nearest);
    strbuf_addf(out, "nearest spelling '%s' is %zu %s away; it allows %zu", nearest, best,
                best == 1 ? "edit" : "edits", allowed);
    if (best <= allowed)
        strbuf_add(out, ", but digits must match exactly");
    else if (allowed == 0)
        strbuf_add(out, " (answers under 8 characters must be exact)");
    else
        strbuf_add(out, " (one per 8 characters)");
}

/* What a row reads into besides the Answer: the parts of the text, and
 * the gap texts an Answer of a cloze borrows. */
typedef struct TryScratch {
    TryParts parts;
    const char *gaps[QTYPE_MAX_GAPS];
} TryScratch;

/* "'x' is not one of the choices (A: ..., B: ...)" and what follows. */
static void not_one_of(StrBuf *why, const char *want, const char *what, const char *const *entries,
                       size_t count, bool letters, const char *tail)
{
    strbuf_addf(why, "'%s' is not one of the %s (", want, what);
    list_entries(why, entries, count, letters);
    strbuf_addf(why, ")%s", tail);
}

/* ---- one row per type: reading the text, and the detail after the verdict */

static bool try_choice(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why)
{
    (void)t;
    a->choice = entry_named(given, q->choices, q->choice_count, true);
    if (a->choice == QTYPE_NONE)
        not_one_of(why, given, "choices", q->choices, q->choice_count, true, "");
    return a->choice != QTYPE_NONE;
}

static bool try_multi(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why)
{
    split_parts(given, &t->parts);
    for (size_t i = 0; i < t->parts.count; i++) {
        const char *part = t->parts.text[i];
        if (!part[0])
            continue;
        size_t k = entry_named(part, q->choices, q->choice_count, true);
        if (k == QTYPE_NONE) {
            not_one_of(why, part, "choices", q->choices, q->choice_count, true,
                       "; separate several with ' | '");
            return false;
        }
        a->picked |= 1u << k;
    }
    return true;
}

/* One of the words for yes and for no; false for neither. */
static bool yes_or_no(const char *given, const char *const *yes, const char *const *no, size_t n,
                      bool *out)
{
    for (size_t i = 0; i < n; i++) {
        if (import_ieq(given, yes[i]))
            return *out = true, true;
    }
    for (size_t i = 0; i < n; i++) {
        if (import_ieq(given, no[i]))
            return *out = false, true;
    }
    return false;
}

static bool try_truefalse(const Question *q, const char *given, TryScratch *t, Answer *a,
                          StrBuf *why)
{
    (void)q;
    (void)t;
    static const char *const yes[] = {"true", "t", "yes"}, *const no[] = {"false", "f", "no"};
    if (yes_or_no(given, yes, no, 3, &a->truth))
        return true;
    strbuf_add(why, "a true/false answer is true or false");
    return false;
}

static bool try_typed(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why)
{
    (void)q;
    (void)t;
    (void)why;
    a->text = given;
    return true;
}

static void typed_detail(const Question *q, const char *given, const TryScratch *t,
                         uint32_t gaps_right, StrBuf *out)
{
    (void)t;
    (void)gaps_right;
    strbuf_add(out, ": ");
    spelling_detail(out, given, q->answer, q->accept, q->accept_count);
}

static bool try_order(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why)
{
    split_parts(given, &t->parts);
    if (t->parts.count != q->item_count || t->parts.more) {
        strbuf_addf(why, "give all %zu items in your order, separated by ' | ' (", q->item_count);
        list_entries(why, q->items, q->item_count, false);
        strbuf_add(why, ")");
        return false;
    }
    uint32_t seen = 0;
    for (size_t p = 0; p < t->parts.count; p++) {
        size_t k = entry_named(t->parts.text[p], q->items, q->item_count, false);
        if (k == QTYPE_NONE || (seen & (1u << k))) {
            strbuf_addf(why, "'%s' is %s", t->parts.text[p],
                        k == QTYPE_NONE ? "not one of the items" : "given twice");
            return false;
        }
        seen |= 1u << k;
        a->order[p] = k;
    }
    return true;
}

static bool try_match(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why)
{
    split_parts(given, &t->parts);
    const char *lefts[PACK_MAX_OPTIONS], *rights[PACK_MAX_OPTIONS];
    for (size_t i = 0; i < q->pair_count && i < PACK_MAX_OPTIONS; i++) {
        lefts[i] = q->pairs[i].left;
        rights[i] = q->pairs[i].right;
    }
    for (size_t p = 0; p < t->parts.count; p++) {
        if (!t->parts.text[p][0])
            continue;
        char *eq = strchr(t->parts.text[p], '=');
        if (!eq) {
            strbuf_add(why, "write each pair as 'left = right', separated by ' | '");
            return false;
        }
        *eq = '\0';
        const char *l = t->parts.text[p], *r = eq + 1;
        size_t ln = strlen(l), rn = strlen(r);
        import_trim(&l, &ln);
        import_trim(&r, &rn);
        char lb[512], rb[512];
        snprintf(lb, sizeof lb, "%.*s", (int)ln, l);
        snprintf(rb, sizeof rb, "%.*s", (int)rn, r);
        size_t li = entry_named(lb, lefts, q->pair_count, false);
        size_t ri = entry_named(rb, rights, q->pair_count, false);
        if (li == QTYPE_NONE) {
            not_one_of(why, lb, "left sides", lefts, q->pair_count, false, "");
            return false;
        }
        if (ri == QTYPE_NONE) {
            not_one_of(why, rb, "right sides", rights, q->pair_count, false, "");
            return false;
        }
        a->match[li] = ri;
    }
    return true;
}

static bool try_cloze(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why)
{
    split_parts(given, &t->parts);
    if (t->parts.count != q->gap_count || t->parts.more) {
        strbuf_addf(why,
                    "the cloze has %zu %s; give one answer per gap, in order, separated by ' | '",
                    q->gap_count, q->gap_count == 1 ? "gap" : "gaps");
        return false;
    }
    for (size_t g = 0; g < t->parts.count && g < QTYPE_MAX_GAPS; g++)
        t->gaps[g] = t->parts.text[g];
    a->gaps = t->gaps;
    a->gap_count = t->parts.count;
    return true;
}

/* A line per gap: right or wrong, and the spelling it met. */
static void cloze_detail(const Question *q, const char *given, const TryScratch *t,
                         uint32_t gaps_right, StrBuf *out)
{
    (void)given;
    for (size_t g = 0; g < q->gap_count && g < QTYPE_MAX_GAPS; g++) {
        const ClozeGap *gap = &q->gaps[g];
        bool ok = (gaps_right >> g) & 1u;
        strbuf_addf(out, "\n  gap %zu: %s: ", g + 1, ok ? "right" : "wrong");
        spelling_detail(out, t->gaps[g], gap->answer, gap->accept, gap->accept_count);
    }
}

static bool try_flashcard(const Question *q, const char *given, TryScratch *t, Answer *a,
                          StrBuf *why)
{
    (void)q;
    (void)t;
    static const char *const yes[] = {"knew", "yes", "y"}, *const no[] = {"didn't know", "no", "n"};
    if (yes_or_no(given, yes, no, 3, &a->knew))
        return true;
    strbuf_add(why, "a flashcard's answer is knew or didn't know");
    return false;
}

typedef struct TryRow {
    /* Reads `given` into *a (blank on entry); false after saying in `why`
     * what the text should be. */
    bool (*read)(const Question *q, const char *given, TryScratch *t, Answer *a, StrBuf *why);
    /* What the verdict line adds, or NULL: ends without a line break. */
    void (*detail)(const Question *q, const char *given, const TryScratch *t, uint32_t gaps_right,
                   StrBuf *out);
} TryRow;

static const TryRow try_rows[] = {
    [QUESTION_CHOICE] = {try_choice, NULL},       [QUESTION_MULTI] = {try_multi, NULL},
    [QUESTION_TRUEFALSE] = {try_truefalse, NULL}, [QUESTION_TYPED] = {try_typed, typed_detail},
    [QUESTION_ORDER] = {try_order, NULL},         [QUESTION_MATCH] = {try_match, NULL},
    [QUESTION_CLOZE] = {try_cloze, cloze_detail}, [QUESTION_FLASHCARD] = {try_flashcard, NULL},
};
_Static_assert(sizeof try_rows / sizeof try_rows[0] == QUESTION_TYPE_COUNT,
               "every question type has its row in try_rows");

/* ---- the verdict ------------------------------------------------------------ */

TryVerdict answer_try(const Question *q, const char *given, StrBuf *out)
{
    if ((unsigned)q->type >= QUESTION_TYPE_COUNT) {
        strbuf_add(out, "cannot judge that answer: unknown question type\n");
        return TRY_UNREADABLE;
    }
    const TryRow *row = &try_rows[q->type];
    const QuestionKind *kind = question_kind(q->type);
    Answer a;
    qtype_answer_blank(&a);
    TryScratch t;
    StrBuf why = {0};
    if (!row->read(q, given, &t, &a, &why)) {
        strbuf_addf(out, "cannot judge that answer: %s\n", strbuf_text(&why));
        strbuf_free(&why);
        return TRY_UNREADABLE;
    }
    strbuf_free(&why);

    uint32_t gaps_right = 0;
    ScoreFraction f = kind->judge(q, &a, &gaps_right);
    TryVerdict verdict = scoring_is_correct(f) ? TRY_RIGHT : f.right > 0 ? TRY_PARTLY : TRY_WRONG;
    if (verdict == TRY_RIGHT)
        strbuf_add(out, "right");
    else if (verdict == TRY_PARTLY)
        strbuf_addf(out, "partly right: %d/%d (%.0f%% of the points)", f.right, f.out_of,
                    100.0 * scoring_fraction_value(f));
    else
        strbuf_add(out, "wrong");
    if (row->detail)
        row->detail(q, given, &t, gaps_right, out);
    strbuf_add(out, "\n");
    /* the author's order, as shown with shuffling off */
    size_t display[PACK_MAX_OPTIONS];
    size_t entries = kind->entry_count(q);
    for (size_t i = 0; i < entries && i < PACK_MAX_OPTIONS; i++)
        display[i] = i;
    QuestionShown shown = {q, display, entries < PACK_MAX_OPTIONS ? entries : PACK_MAX_OPTIONS};
    StrBuf given_words = {0}, key_words = {0};
    kind->describe_answer(&shown, &a, &given_words);
    kind->describe_key(&shown, &key_words);
    strbuf_addf(out, "  your answer: %s\n", strbuf_text(&given_words));
    strbuf_addf(out, "  right answer: %s\n", strbuf_text(&key_words));
    strbuf_free(&given_words);
    strbuf_free(&key_words);
    return verdict;
}
