/* answer_try.c - one answer written as text, judged as the game judges it
 * (answer_try.h): parsed into an Answer in the author's indices, judged by
 * the question kind's own judge, described with the kind's own words.
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

static TryVerdict unreadable(StrBuf *out, const char *what)
{
    strbuf_addf(out, "cannot judge that answer: %s\n", what);
    return TRY_UNREADABLE;
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

TryVerdict answer_try(const Question *q, const char *given, StrBuf *out)
{
    const QuestionKind *kind = question_kind(q->type);
    Answer a;
    qtype_answer_blank(&a);
    TryParts parts;
    const char *gaps[QTYPE_MAX_GAPS];
    switch (q->type) {
    case QUESTION_CHOICE:
        a.choice = entry_named(given, q->choices, q->choice_count, true);
        if (a.choice == QTYPE_NONE) {
            StrBuf b = {0};
            strbuf_addf(&b, "'%s' is not one of the choices (", given);
            list_entries(&b, q->choices, q->choice_count, true);
            strbuf_add(&b, ")");
            TryVerdict v = unreadable(out, strbuf_text(&b));
            strbuf_free(&b);
            return v;
        }
        break;
    case QUESTION_MULTI:
        split_parts(given, &parts);
        for (size_t i = 0; i < parts.count; i++) {
            if (!parts.text[i][0])
                continue;
            size_t k = entry_named(parts.text[i], q->choices, q->choice_count, true);
            if (k == QTYPE_NONE) {
                StrBuf b = {0};
                strbuf_addf(&b, "'%s' is not one of the choices (", parts.text[i]);
                list_entries(&b, q->choices, q->choice_count, true);
                strbuf_add(&b, "); separate several with ' | '");
                TryVerdict v = unreadable(out, strbuf_text(&b));
                strbuf_free(&b);
                return v;
            }
            a.picked |= 1u << k;
        }
        break;
    case QUESTION_TRUEFALSE:
        if (import_ieq(given, "true") || import_ieq(given, "t") || import_ieq(given, "yes"))
            a.truth = true;
        else if (import_ieq(given, "false") || import_ieq(given, "f") || import_ieq(given, "no"))
            a.truth = false;
        else
            return unreadable(out, "a true/false answer is true or false");
        break;
    case QUESTION_TYPED:
        a.text = given;
        break;
    case QUESTION_ORDER: {
        split_parts(given, &parts);
        if (parts.count != q->item_count || parts.more) {
            StrBuf b = {0};
            strbuf_addf(&b, "give all %zu items in your order, separated by ' | ' (",
                        q->item_count);
            list_entries(&b, q->items, q->item_count, false);
            strbuf_add(&b, ")");
            TryVerdict v = unreadable(out, strbuf_text(&b));
            strbuf_free(&b);
            return v;
        }
        uint32_t seen = 0;
        for (size_t p = 0; p < parts.count; p++) {
            size_t k = entry_named(parts.text[p], q->items, q->item_count, false);
            if (k == QTYPE_NONE || (seen & (1u << k))) {
                StrBuf b = {0};
                strbuf_addf(&b, "'%s' is %s", parts.text[p],
                            k == QTYPE_NONE ? "not one of the items" : "given twice");
                TryVerdict v = unreadable(out, strbuf_text(&b));
                strbuf_free(&b);
                return v;
            }
            seen |= 1u << k;
            a.order[p] = k;
        }
        break;
    }
    case QUESTION_MATCH: {
        split_parts(given, &parts);
        const char *lefts[PACK_MAX_OPTIONS], *rights[PACK_MAX_OPTIONS];
        for (size_t i = 0; i < q->pair_count && i < PACK_MAX_OPTIONS; i++) {
            lefts[i] = q->pairs[i].left;
            rights[i] = q->pairs[i].right;
        }
        for (size_t p = 0; p < parts.count; p++) {
            if (!parts.text[p][0])
                continue;
            char *eq = strchr(parts.text[p], '=');
            if (!eq)
                return unreadable(out, "write each pair as 'left = right', separated by ' | '");
            *eq = '\0';
            const char *l = parts.text[p], *r = eq + 1;
            size_t ln = strlen(l), rn = strlen(r);
            import_trim(&l, &ln);
            import_trim(&r, &rn);
            char lb[512], rb[512];
            snprintf(lb, sizeof lb, "%.*s", (int)ln, l);
            snprintf(rb, sizeof rb, "%.*s", (int)rn, r);
            size_t li = entry_named(lb, lefts, q->pair_count, false);
            size_t ri = entry_named(rb, rights, q->pair_count, false);
            if (li == QTYPE_NONE || ri == QTYPE_NONE) {
                StrBuf b = {0};
                strbuf_addf(&b, "'%s' is not one of the %s sides (", li == QTYPE_NONE ? lb : rb,
                            li == QTYPE_NONE ? "left" : "right");
                list_entries(&b, li == QTYPE_NONE ? lefts : rights, q->pair_count, false);
                strbuf_add(&b, ")");
                TryVerdict v = unreadable(out, strbuf_text(&b));
                strbuf_free(&b);
                return v;
            }
            a.match[li] = ri;
        }
        break;
    }
    case QUESTION_CLOZE:
        split_parts(given, &parts);
        if (parts.count != q->gap_count || parts.more) {
            StrBuf b = {0};
            strbuf_addf(&b,
                        "the cloze has %zu %s; give one answer per gap, in order, separated "
                        "by ' | '",
                        q->gap_count, q->gap_count == 1 ? "gap" : "gaps");
            TryVerdict v = unreadable(out, strbuf_text(&b));
            strbuf_free(&b);
            return v;
        }
        for (size_t g = 0; g < parts.count && g < QTYPE_MAX_GAPS; g++)
            gaps[g] = parts.text[g];
        a.gaps = gaps;
        a.gap_count = parts.count;
        break;
    case QUESTION_FLASHCARD:
        if (import_ieq(given, "knew") || import_ieq(given, "yes") || import_ieq(given, "y"))
            a.knew = true;
        else if (import_ieq(given, "didn't know") || import_ieq(given, "no") ||
                 import_ieq(given, "n"))
            a.knew = false;
        else
            return unreadable(out, "a flashcard's answer is knew or didn't know");
        break;
    default:
        return unreadable(out, "unknown question type");
    }

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
    /* the author's order, as shown with shuffling off */
    size_t display[PACK_MAX_OPTIONS];
    size_t entries = kind->entry_count(q);
    for (size_t i = 0; i < entries && i < PACK_MAX_OPTIONS; i++)
        display[i] = i;
    QuestionShown shown = {q, display, entries < PACK_MAX_OPTIONS ? entries : PACK_MAX_OPTIONS};
    if (q->type == QUESTION_TYPED) {
        strbuf_add(out, ": ");
        spelling_detail(out, given, q->answer, q->accept, q->accept_count);
    }
    strbuf_add(out, "\n");
    if (q->type == QUESTION_CLOZE) {
        for (size_t g = 0; g < q->gap_count && g < QTYPE_MAX_GAPS; g++) {
            const ClozeGap *gap = &q->gaps[g];
            bool ok = (gaps_right >> g) & 1u;
            strbuf_addf(out, "  gap %zu: %s: ", g + 1, ok ? "right" : "wrong");
            spelling_detail(out, gaps[g], gap->answer, gap->accept, gap->accept_count);
            strbuf_add(out, "\n");
        }
    }
    StrBuf given_words = {0}, key_words = {0};
    kind->describe_answer(&shown, &a, &given_words);
    kind->describe_key(&shown, &key_words);
    strbuf_addf(out, "  your answer: %s\n", strbuf_text(&given_words));
    strbuf_addf(out, "  right answer: %s\n", strbuf_text(&key_words));
    strbuf_free(&given_words);
    strbuf_free(&key_words);
    return verdict;
}
