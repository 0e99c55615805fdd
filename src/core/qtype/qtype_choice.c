/* qtype_choice.c - a choice question: one right option among 2..8.
 * Stored as one number: the author's index of the pick, -1 for none. */
#include "i18n.h"
#include "qtype.h"

#include <string.h>

static size_t choice_entry_count(const Question *q)
{
    return q->choice_count < PACK_MAX_OPTIONS ? q->choice_count : PACK_MAX_OPTIONS;
}

static const char *choice_entry_text(const Question *q, size_t i)
{
    return i < q->choice_count ? q->choices[i] : "";
}

static void choice_from_display(const QuestionShown *s, const GivenAnswer *g, Answer *out)
{
    qtype_from_display_plain(s, g, out);
    out->choice = g->choice < s->display_count ? s->display[g->choice] : QTYPE_NONE;
}

static ScoreFraction choice_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    if (gaps_right != NULL)
        *gaps_right = 0;
    return (ScoreFraction){a->choice < q->choice_count && a->choice == q->answer_index, 1};
}

static void choice_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    if (a->choice < s->question->choice_count && a->choice < 32)
        qtype_list_options(s, 1u << a->choice, out);
    else
        strbuf_add(out, _("(no answer)"));
}

static void choice_describe_key(const QuestionShown *s, StrBuf *out)
{
    if (s->question->answer_index < 32)
        qtype_list_options(s, 1u << s->question->answer_index, out);
}

static void choice_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->prompt);
    if (q->answer_index < q->choice_count)
        strbuf_add(back, q->choices[q->answer_index]);
}

static void choice_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    memset(out, 0, sizeof *out);
    out->ints[0] = a->choice < q->choice_count ? (int64_t)a->choice : -1;
    out->int_count = 1;
}

static bool choice_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    if (r->int_count != 1 || r->ints[0] < -1 || r->ints[0] >= (int64_t)q->choice_count)
        return false;
    qtype_answer_blank(out);
    out->choice = r->ints[0] < 0 ? QTYPE_NONE : (size_t)r->ints[0];
    return true;
}

static bool choice_well_formed(const Question *q)
{
    return q->prompt[0] != '\0' && qtype_entry_count_ok(q->choice_count) &&
           qtype_all_distinct(q->choices, q->choice_count) && q->answer_index < q->choice_count;
}

const QuestionKind qtype_choice = {
    .type = QUESTION_CHOICE,
    .name = "choice",
    .shuffle = QTYPE_SHUFFLE_UNLESS_OFF,
    .entry_count = choice_entry_count,
    .entry_text = choice_entry_text,
    .from_display = choice_from_display,
    .judge = choice_judge,
    .out_of = qtype_out_of_one,
    .describe_answer = choice_describe_answer,
    .describe_key = choice_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = qtype_one_card,
    .card_texts = choice_card_texts,
    .encode = choice_encode,
    .decode = choice_decode,
    .well_formed = choice_well_formed,
};
