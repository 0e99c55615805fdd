/* qtype_typed.c - a typed answer, judged by answer_match.c against the
 * answer and the author's other accepted spellings. Stored as one text. */
#include "i18n.h"
#include "qtype.h"

#include <string.h>

#include "answer_match.h"

static ScoreFraction typed_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    if (gaps_right != NULL)
        *gaps_right = 0;
    return (ScoreFraction){answer_matches_any(a->text, q->answer, q->accept, q->accept_count), 1};
}

static void typed_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    (void)s;
    strbuf_add(out, a->text != NULL && a->text[0] != '\0' ? a->text : _("(no answer)"));
}

static void typed_describe_key(const QuestionShown *s, StrBuf *out)
{
    strbuf_add(out, s->question->answer);
}

static void typed_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->prompt);
    strbuf_add(back, q->answer);
}

static void typed_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    (void)q;
    memset(out, 0, sizeof *out);
    out->texts[0] = a->text != NULL ? a->text : "";
    out->text_count = 1;
}

static bool typed_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    (void)q;
    if (r->text_count != 1 || r->int_count != 0)
        return false;
    qtype_answer_blank(out);
    out->text = r->texts[0];
    return true;
}

static bool typed_well_formed(const Question *q)
{
    return q->prompt[0] != '\0' && q->answer[0] != '\0';
}

const QuestionKind qtype_typed = {
    .type = QUESTION_TYPED,
    .name = "typed",
    .shuffle = QTYPE_SHUFFLE_NONE,
    .entry_count = qtype_no_entries,
    .entry_text = qtype_no_entry_text,
    .from_display = qtype_from_display_plain,
    .judge = typed_judge,
    .out_of = qtype_out_of_one,
    .describe_answer = typed_describe_answer,
    .describe_key = typed_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = qtype_one_card,
    .card_texts = typed_card_texts,
    .encode = typed_encode,
    .decode = typed_decode,
    .well_formed = typed_well_formed,
};
