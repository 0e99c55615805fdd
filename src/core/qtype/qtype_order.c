/* qtype_order.c - items to put in the author's order. Score: the fraction
 * of items in the right place (scoring_order). Stored as the author's item
 * index at each place. */
#include "i18n.h"
#include "qtype.h"

static size_t order_entry_count(const Question *q)
{
    return q->item_count < PACK_MAX_OPTIONS ? q->item_count : PACK_MAX_OPTIONS;
}

static const char *order_entry_text(const Question *q, size_t i)
{
    return i < q->item_count ? q->items[i] : "";
}

static void order_from_display(const QuestionShown *s, const GivenAnswer *g, Answer *out)
{
    qtype_from_display_plain(s, g, out);
    qtype_map_positions(s, g->arrangement, out->order);
}

static ScoreFraction order_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    if (gaps_right != NULL)
        *gaps_right = 0;
    return scoring_order(a->order, order_entry_count(q));
}

static int order_out_of(const Question *q)
{
    size_t n = order_entry_count(q);
    return n > 0 ? (int)n : 1;
}

static void order_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    ScoreFraction f = order_judge(s->question, a, NULL);
    strbuf_addf(out, _("%d/%d in place"), f.right, f.out_of);
}

static void order_list(const Question *q, const char *separator, bool numbered, StrBuf *out)
{
    for (size_t i = 0; i < order_entry_count(q); i++) {
        strbuf_add(out, i > 0 ? separator : "");
        if (numbered)
            strbuf_addf(out, "%zu. ", i + 1);
        strbuf_add(out, q->items[i]);
    }
}

static void order_describe_key(const QuestionShown *s, StrBuf *out)
{
    order_list(s->question, " \xE2\x86\x92 ", false, out);
}

static void order_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->prompt);
    order_list(q, "\n", true, back);
}

static void order_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    qtype_encode_indices(a->order, order_entry_count(q), out);
}

static bool order_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    qtype_answer_blank(out);
    return qtype_decode_indices(r, order_entry_count(q), false, out->order);
}

static bool order_well_formed(const Question *q)
{
    return q->prompt[0] != '\0' && qtype_entry_count_ok(q->item_count) &&
           qtype_all_distinct(q->items, q->item_count);
}

const QuestionKind qtype_order = {
    .type = QUESTION_ORDER,
    .name = "order",
    .shuffle = QTYPE_SHUFFLE_UNSOLVED,
    .entry_count = order_entry_count,
    .entry_text = order_entry_text,
    .from_display = order_from_display,
    .judge = order_judge,
    .out_of = order_out_of,
    .describe_answer = order_describe_answer,
    .describe_key = order_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = qtype_one_card,
    .card_texts = order_card_texts,
    .encode = order_encode,
    .decode = order_decode,
    .well_formed = order_well_formed,
};
