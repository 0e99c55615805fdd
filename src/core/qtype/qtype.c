/* qtype.c - the table of question kinds (qtype.h) and what they share.
 *
 * Each kind's functions live in its own file (qtype_choice.c, ...); this
 * file holds the table indexed by QuestionType, the "unknown" kind for a
 * value out of range, and the small helpers several kinds use.
 */
#include "qtype.h"

#include <string.h>

/* ---- the unknown kind: safe answers for a type out of range -------------- */

static ScoreFraction unknown_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    (void)q;
    (void)a;
    if (gaps_right != NULL)
        *gaps_right = 0;
    return (ScoreFraction){0, 1};
}

static void unknown_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    (void)s;
    (void)a;
    (void)out;
}

static void unknown_describe_key(const QuestionShown *s, StrBuf *out)
{
    (void)s;
    (void)out;
}

static size_t unknown_card_count(const Question *q)
{
    (void)q;
    return 0;
}

static void unknown_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    (void)back;
    strbuf_add(front, q->prompt);
}

static void unknown_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    (void)q;
    (void)a;
    memset(out, 0, sizeof *out);
}

static bool unknown_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    (void)q;
    (void)r;
    (void)out;
    return false;
}

static bool unknown_well_formed(const Question *q)
{
    (void)q;
    return false;
}

static const QuestionKind qtype_unknown = {
    .type = QUESTION_TYPE_COUNT,
    .name = "?",
    .shuffle = QTYPE_SHUFFLE_NONE,
    .entry_count = qtype_no_entries,
    .entry_text = qtype_no_entry_text,
    .from_display = qtype_from_display_plain,
    .judge = unknown_judge,
    .out_of = qtype_out_of_one,
    .describe_answer = unknown_describe_answer,
    .describe_key = unknown_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = unknown_card_count,
    .card_texts = unknown_card_texts,
    .encode = unknown_encode,
    .decode = unknown_decode,
    .well_formed = unknown_well_formed,
};

/* ---- the table ----------------------------------------------------------- */

static const QuestionKind *const kinds[QUESTION_TYPE_COUNT] = {
    [QUESTION_CHOICE] = &qtype_choice,       [QUESTION_MULTI] = &qtype_multi,
    [QUESTION_TRUEFALSE] = &qtype_truefalse, [QUESTION_TYPED] = &qtype_typed,
    [QUESTION_ORDER] = &qtype_order,         [QUESTION_MATCH] = &qtype_match,
    [QUESTION_CLOZE] = &qtype_cloze,         [QUESTION_FLASHCARD] = &qtype_flashcard,
};

const QuestionKind *question_kind(QuestionType type)
{
    return (unsigned)type < QUESTION_TYPE_COUNT ? kinds[type] : &qtype_unknown;
}

/* ---- answers, texts and cards for every kind ----------------------------- */

void qtype_given_init(GivenAnswer *given)
{
    memset(given, 0, sizeof *given);
    given->choice = QTYPE_NONE;
    for (size_t i = 0; i < PACK_MAX_OPTIONS; i++) {
        given->arrangement[i] = i;
        given->match[i] = QTYPE_NONE;
    }
}

size_t qtype_stand_for(const Question *q, char *buf, size_t size)
{
    StrBuf b = {0};
    question_kind(q->type)->stand_for(q, &b);
    if (b.len == 0 && !b.failed)
        strbuf_add(&b, q->id);
    size_t n = strbuf_copy_out(&b, buf, size);
    strbuf_free(&b);
    return n;
}

size_t qtype_card_count(const Question *q)
{
    return question_kind(q->type)->card_count(q);
}

int qtype_card_deletion(const Question *q, size_t k)
{
    /* Only a cloze has more than one card; its gaps count from 1. */
    return q->type == QUESTION_CLOZE ? (int)k + 1 : 0;
}

bool qtype_deletion_valid(const Question *q, int deletion)
{
    size_t n = qtype_card_count(q);
    for (size_t k = 0; k < n; k++)
        if (qtype_card_deletion(q, k) == deletion)
            return true;
    return false;
}

/* ---- helpers for the qtype_*.c files ------------------------------------- */

const char *qtype_letter(size_t position)
{
    static const char *const letters[PACK_MAX_OPTIONS] = {"A", "B", "C", "D", "E", "F", "G", "H"};
    return position < PACK_MAX_OPTIONS ? letters[position] : "?";
}

size_t qtype_position_of(const QuestionShown *shown, size_t i)
{
    for (size_t k = 0; k < shown->display_count; k++)
        if (shown->display[k] == i)
            return k;
    return QTYPE_NONE;
}

size_t qtype_no_entries(const Question *q)
{
    (void)q;
    return 0;
}

const char *qtype_no_entry_text(const Question *q, size_t i)
{
    (void)q;
    (void)i;
    return "";
}

void qtype_answer_blank(Answer *out)
{
    memset(out, 0, sizeof *out);
    out->choice = QTYPE_NONE;
    for (size_t i = 0; i < PACK_MAX_OPTIONS; i++) {
        out->order[i] = i;
        out->match[i] = QTYPE_NONE;
    }
}

size_t qtype_one_card(const Question *q)
{
    (void)q;
    return 1;
}

int qtype_out_of_one(const Question *q)
{
    (void)q;
    return 1;
}

void qtype_from_display_plain(const QuestionShown *shown, const GivenAnswer *g, Answer *out)
{
    (void)shown;
    qtype_answer_blank(out);
    out->truth = g->truth;
    out->knew = g->knew;
    out->text = g->text;
    out->gaps = g->gaps;
    out->gap_count = g->gap_count;
}

bool qtype_entry_count_ok(size_t count)
{
    return count >= PACK_MIN_OPTIONS && count <= PACK_MAX_OPTIONS;
}

bool qtype_all_distinct(const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++)
            if (strcmp(list[i], list[j]) == 0)
                return false;
    return true;
}

void qtype_stand_for_prompt(const Question *q, StrBuf *out)
{
    strbuf_add(out, q->prompt);
}

void qtype_list_options(const QuestionShown *shown, uint32_t author_mask, StrBuf *out)
{
    const Question *q = shown->question;
    bool any = false;
    for (size_t k = 0; k < shown->display_count; k++) {
        size_t i = shown->display[k];
        if (i >= q->choice_count || i >= 32 || !(author_mask & (1u << i)))
            continue;
        strbuf_add(out, any ? "; " : "");
        strbuf_add(out, qtype_letter(k));
        strbuf_add(out, ": ");
        strbuf_add(out, q->choices[i]);
        any = true;
    }
}

bool qtype_decode_bool(const AnswerRecord *r, bool *out)
{
    if (r->int_count != 1 || (r->ints[0] != 0 && r->ints[0] != 1))
        return false;
    *out = r->ints[0] == 1;
    return true;
}

void qtype_encode_bool(bool value, AnswerRecord *out)
{
    memset(out, 0, sizeof *out);
    out->ints[0] = value ? 1 : 0;
    out->int_count = 1;
}

void qtype_encode_indices(const size_t *indices, size_t n, AnswerRecord *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n && i < ANSWER_RECORD_MAX_INTS; i++)
        out->ints[i] = indices[i] == QTYPE_NONE ? -1 : (int64_t)indices[i];
    out->int_count = n < ANSWER_RECORD_MAX_INTS ? n : ANSWER_RECORD_MAX_INTS;
}

bool qtype_decode_indices(const AnswerRecord *r, size_t n, bool allow_none, size_t *out)
{
    if (r->int_count != n || r->text_count != 0 || n > PACK_MAX_OPTIONS)
        return false;
    for (size_t i = 0; i < n; i++) {
        int64_t v = r->ints[i];
        if (v == -1 && allow_none)
            out[i] = QTYPE_NONE;
        else if (v >= 0 && v < (int64_t)n)
            out[i] = (size_t)v;
        else
            return false;
    }
    return true;
}

void qtype_map_positions(const QuestionShown *shown, const size_t *positions, size_t *out)
{
    for (size_t p = 0; p < shown->display_count; p++)
        out[p] = positions[p] < shown->display_count ? shown->display[positions[p]] : QTYPE_NONE;
}
