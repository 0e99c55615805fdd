/* qtype_match.c - pairs to match: lefts in the author's order, the rights
 * shuffled. Score: the fraction paired right (scoring_match). Stored as the
 * author's pair index paired with each left, -1 for unpaired. */
#include "i18n.h"
#include "qtype.h"

#include <string.h>

static size_t match_entry_count(const Question *q)
{
    return q->pair_count < PACK_MAX_OPTIONS ? q->pair_count : PACK_MAX_OPTIONS;
}

static const char *match_entry_text(const Question *q, size_t i)
{
    return i < q->pair_count ? q->pairs[i].right : "";
}

static void match_from_display(const QuestionShown *s, const GivenAnswer *g, Answer *out)
{
    qtype_from_display_plain(s, g, out);
    qtype_map_positions(s, g->match, out->match);
}

static ScoreFraction match_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    if (gaps_right != NULL)
        *gaps_right = 0;
    return scoring_match(a->match, match_entry_count(q));
}

static int match_out_of(const Question *q)
{
    size_t n = match_entry_count(q);
    return n > 0 ? (int)n : 1;
}

static void match_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    ScoreFraction f = match_judge(s->question, a, NULL);
    strbuf_addf(out, _("%d/%d paired right"), f.right, f.out_of);
}

static void match_list(const Question *q, const char *separator, StrBuf *out)
{
    for (size_t i = 0; i < match_entry_count(q); i++) {
        strbuf_add(out, i > 0 ? separator : "");
        strbuf_add(out, q->pairs[i].left);
        strbuf_add(out, " \xE2\x86\x92 ");
        strbuf_add(out, q->pairs[i].right);
    }
}

static void match_describe_key(const QuestionShown *s, StrBuf *out)
{
    match_list(s->question, "; ", out);
}

static void match_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    (void)deletion;
    strbuf_add(front, q->prompt);
    match_list(q, "\n", back);
}

static void match_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    qtype_encode_indices(a->match, match_entry_count(q), out);
}

static bool match_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    qtype_answer_blank(out);
    return qtype_decode_indices(r, match_entry_count(q), true, out->match);
}

/* Neither side repeats: a left paired twice, or two lefts sharing a
 * right, could not be told apart on screen. */
static bool match_well_formed(const Question *q)
{
    if (!q->prompt[0] || !qtype_entry_count_ok(q->pair_count) || !q->pairs)
        return false;
    for (size_t i = 0; i < q->pair_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(q->pairs[i].left, q->pairs[j].left) == 0 ||
                strcmp(q->pairs[i].right, q->pairs[j].right) == 0)
                return false;
    return true;
}

const QuestionKind qtype_match = {
    .type = QUESTION_MATCH,
    .name = "match",
    .shuffle = QTYPE_SHUFFLE_UNSOLVED,
    .entry_count = match_entry_count,
    .entry_text = match_entry_text,
    .from_display = match_from_display,
    .judge = match_judge,
    .out_of = match_out_of,
    .describe_answer = match_describe_answer,
    .describe_key = match_describe_key,
    .stand_for = qtype_stand_for_prompt,
    .card_count = qtype_one_card,
    .card_texts = match_card_texts,
    .encode = match_encode,
    .decode = match_decode,
    .well_formed = match_well_formed,
};
