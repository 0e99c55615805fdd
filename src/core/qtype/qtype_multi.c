/* qtype_multi.c - a multi question: every right option among 2..8.
 * Score (right picks - wrong picks) / right answers, floored at 0
 * (scoring_multi). Stored as one number: the author-index bit mask. */
#include "i18n.h"
#include "qtype.h"

#include <string.h>

static size_t multi_entry_count(const Question *q)
{
    return q->choice_count < PACK_MAX_OPTIONS ? q->choice_count : PACK_MAX_OPTIONS;
}

static const char *multi_entry_text(const Question *q, size_t i)
{
    return i < q->choice_count ? q->choices[i] : "";
}

static void multi_from_display(const QuestionShown *s, const GivenAnswer *g, Answer *out)
{
    qtype_from_display_plain(s, g, out);
    for (size_t k = 0; k < s->display_count && k < 32; k++)
        if (g->picked & (1u << k))
            out->picked |= 1u << s->display[k];
}

static ScoreFraction multi_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    if (gaps_right != NULL)
        *gaps_right = 0;
    uint32_t valid = q->choice_count >= 32 ? UINT32_MAX : (1u << q->choice_count) - 1u;
    return scoring_multi(a->picked & valid, q->answer_mask);
}

static int multi_out_of(const Question *q)
{
    ScoreFraction f = scoring_multi(0, q->answer_mask);
    return f.out_of > 0 ? f.out_of : 1;
}

static void multi_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    size_t before = out->len;
    qtype_list_options(s, a->picked, out);
    if (out->len == before)
        strbuf_add(out, _("(no answer)"));
}

static void multi_describe_key(const QuestionShown *s, StrBuf *out)
{
    qtype_list_options(s, s->question->answer_mask, out);
}

static void multi_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->prompt);
    bool any = false;
    for (size_t i = 0; i < q->choice_count && i < 32; i++) {
        if (!(q->answer_mask & (1u << i)))
            continue;
        strbuf_add(back, any ? "\n" : "");
        strbuf_add(back, q->choices[i]);
        any = true;
    }
}

static void multi_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    (void)q;
    memset(out, 0, sizeof *out);
    out->ints[0] = (int64_t)a->picked;
    out->int_count = 1;
}

static bool multi_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    int64_t valid =
        q->choice_count >= 32 ? (int64_t)UINT32_MAX : ((int64_t)1 << q->choice_count) - 1;
    if (r->int_count != 1 || r->ints[0] < 0 || (r->ints[0] & ~valid) != 0)
        return false;
    qtype_answer_blank(out);
    out->picked = (uint32_t)r->ints[0];
    return true;
}

static bool multi_well_formed(const Question *q)
{
    return q->prompt[0] != '\0' && qtype_entry_count_ok(q->choice_count) &&
           qtype_all_distinct(q->choices, q->choice_count) && q->answer_mask != 0 &&
           (q->answer_mask >> q->choice_count) == 0;
}

const QuestionKind qtype_multi = {
    .type = QUESTION_MULTI,
    .name = "multi",
    .shuffle = QTYPE_SHUFFLE_UNLESS_OFF,
    .entry_count = multi_entry_count,
    .entry_text = multi_entry_text,
    .from_display = multi_from_display,
    .judge = multi_judge,
    .out_of = multi_out_of,
    .describe_answer = multi_describe_answer,
    .describe_key = multi_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = qtype_one_card,
    .card_texts = multi_card_texts,
    .encode = multi_encode,
    .decode = multi_decode,
    .well_formed = multi_well_formed,
};
