/* qtype_truefalse.c - a statement to judge true or false.
 * Stored as one number: 1 for "true", 0 for "false". */
#include "i18n.h"
#include "qtype.h"

static ScoreFraction truefalse_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    if (gaps_right != NULL)
        *gaps_right = 0;
    return (ScoreFraction){a->truth == q->truth, 1};
}

static void truefalse_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    (void)s;
    strbuf_add(out, a->truth ? _("True") : _("False"));
}

static void truefalse_describe_key(const QuestionShown *s, StrBuf *out)
{
    strbuf_add(out, s->question->truth ? _("True") : _("False"));
}

static void truefalse_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->prompt);
    strbuf_add(back, q->truth ? _("True") : _("False"));
}

static void truefalse_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    (void)q;
    qtype_encode_bool(a->truth, out);
}

static bool truefalse_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    (void)q;
    qtype_answer_blank(out);
    return qtype_decode_bool(r, &out->truth);
}

static bool truefalse_well_formed(const Question *q)
{
    return q->prompt[0] != '\0';
}

const QuestionKind qtype_truefalse = {
    .type = QUESTION_TRUEFALSE,
    .name = "truefalse",
    .shuffle = QTYPE_SHUFFLE_NONE,
    .entry_count = qtype_no_entries,
    .entry_text = qtype_no_entry_text,
    .from_display = qtype_from_display_plain,
    .judge = truefalse_judge,
    .out_of = qtype_out_of_one,
    .describe_answer = truefalse_describe_answer,
    .describe_key = truefalse_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = qtype_one_card,
    .card_texts = truefalse_card_texts,
    .encode = truefalse_encode,
    .decode = truefalse_decode,
    .well_formed = truefalse_well_formed,
};
