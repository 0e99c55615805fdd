/* qtype_flashcard.c - a card with a front and a back; in a round the player
 * reveals the back and says whether they knew it. Stored as one number: 1
 * for "knew it". Self-graded, so it scores no points (scoring.h). */
#include "i18n.h"
#include "qtype.h"

static ScoreFraction flashcard_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    (void)q;
    if (gaps_right != NULL)
        *gaps_right = 0;
    return (ScoreFraction){a->knew ? 1 : 0, 1};
}

static void flashcard_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    (void)s;
    strbuf_add(out, a->knew ? _("Knew it") : _("Didn't know it"));
}

static void flashcard_describe_key(const QuestionShown *s, StrBuf *out)
{
    strbuf_add(out, s->question->back);
}

static void flashcard_stand_for(const Question *q, StrBuf *out)
{
    strbuf_add(out, q->front[0] != '\0' ? q->front : q->prompt);
}

static void flashcard_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->front);
    strbuf_add(back, q->back);
}

static void flashcard_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    (void)q;
    qtype_encode_bool(a->knew, out);
}

static bool flashcard_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    (void)q;
    qtype_answer_blank(out);
    return qtype_decode_bool(r, &out->knew);
}

/* The prompt is optional: the front is what is shown. */
static bool flashcard_well_formed(const Question *q)
{
    return q->front[0] != '\0' && q->back[0] != '\0';
}

const QuestionKind qtype_flashcard = {
    .type = QUESTION_FLASHCARD,
    .name = "flashcard",
    .shuffle = QTYPE_SHUFFLE_NONE,
    .self_graded = true,
    .entry_count = qtype_no_entries,
    .entry_text = qtype_no_entry_text,
    .from_display = qtype_from_display_plain,
    .judge = flashcard_judge,
    .out_of = qtype_out_of_one,
    .describe_answer = flashcard_describe_answer,
    .describe_key = flashcard_describe_key,
    .stand_for = flashcard_stand_for,
    .card_count = qtype_one_card,
    .card_texts = flashcard_card_texts,
    .encode = flashcard_encode,
    .decode = flashcard_decode,
    .well_formed = flashcard_well_formed,
};
