/* qtype_cloze.c - a text with {{gaps}}: each gap is typed and judged like a
 * typed answer against its answer and the author's `accept` spellings for
 * that gap. Score: the fraction of gaps right; each gap is also a flashcard
 * of its own (deletion k + 1). Stored as one text per gap. */
#include "qtype.h"

#include "answer_match.h"

static const char *gap_text(const Answer *a, size_t i)
{
    const char *text = a->gaps != NULL && i < a->gap_count ? a->gaps[i] : NULL;
    return text != NULL ? text : "";
}

static ScoreFraction cloze_judge(const Question *q, const Answer *a, uint32_t *gaps_right)
{
    uint32_t bits = 0;
    ScoreFraction f = {0, (int)q->gap_count};
    for (size_t i = 0; i < q->gap_count; i++) {
        const ClozeGap *gap = &q->gaps[i];
        if (answer_matches_any(gap_text(a, i), gap->answer, gap->accept, gap->accept_count)) {
            f.right++;
            if (i < QTYPE_MAX_GAPS)
                bits |= 1u << i;
        }
    }
    if (gaps_right != NULL)
        *gaps_right = bits;
    return f.out_of > 0 ? f : (ScoreFraction){0, 1};
}

static int cloze_out_of(const Question *q)
{
    return q->gap_count > 0 ? (int)q->gap_count : 1;
}

static void cloze_describe_answer(const QuestionShown *s, const Answer *a, StrBuf *out)
{
    for (size_t i = 0; i < s->question->gap_count; i++) {
        const char *text = gap_text(a, i);
        strbuf_add(out, i > 0 ? "; " : "");
        strbuf_add(out, text[0] != '\0' ? text : "\xE2\x80\xA6"); /* … */
    }
}

static void cloze_describe_key(const QuestionShown *s, StrBuf *out)
{
    const Question *q = s->question;
    for (size_t i = 0; i < q->gap_count; i++) {
        strbuf_add(out, i > 0 ? "; " : "");
        strbuf_add(out, q->gaps[i].answer);
    }
}

/* The text with every gap as a blank: "The GCC was founded in ___." */
static void cloze_blanked(const Question *q, StrBuf *out)
{
    for (size_t i = 0; i <= q->gap_count; i++) {
        strbuf_add(out, q->cloze_parts[i]);
        if (i < q->gap_count)
            strbuf_add(out, "___");
    }
}

static void cloze_stand_for(const Question *q, StrBuf *out)
{
    if (q->prompt[0] != '\0')
        strbuf_add(out, q->prompt);
    else
        cloze_blanked(q, out);
}

static size_t cloze_card_count(const Question *q)
{
    return q->gap_count > 0 ? q->gap_count : 1;
}

/* The text with gap `blank` (0-based; SIZE_MAX for none) asked as
 * "[hint]" and the others filled in. */
static void cloze_card_text(const Question *q, size_t blank, StrBuf *out)
{
    for (size_t i = 0; i < q->gap_count; i++) {
        strbuf_add(out, q->cloze_parts[i]);
        if (i == blank) {
            strbuf_add(out, "[");
            strbuf_add(out, q->gaps[i].hint[0] ? q->gaps[i].hint : "...");
            strbuf_add(out, "]");
        } else {
            strbuf_add(out, q->gaps[i].answer);
        }
    }
    strbuf_add(out, q->cloze_parts[q->gap_count]);
}

static void cloze_card_texts(const Question *q, int deletion, StrBuf *front, StrBuf *back)
{
    if (q->prompt[0]) {
        strbuf_add(front, q->prompt);
        strbuf_add(front, "\n\n");
    }
    cloze_card_text(q, (size_t)deletion - 1, front);
    cloze_card_text(q, SIZE_MAX, back);
}

static void cloze_encode(const Question *q, const Answer *a, AnswerRecord *out)
{
    *out = (AnswerRecord){0};
    for (size_t i = 0; i < q->gap_count && i < ANSWER_RECORD_MAX_TEXTS; i++)
        out->texts[i] = gap_text(a, i);
    out->text_count =
        q->gap_count < ANSWER_RECORD_MAX_TEXTS ? q->gap_count : ANSWER_RECORD_MAX_TEXTS;
}

static bool cloze_decode(const Question *q, const AnswerRecord *r, Answer *out)
{
    if (r->int_count != 0 || r->text_count != q->gap_count)
        return false;
    qtype_answer_blank(out);
    out->gaps = r->texts;
    out->gap_count = r->text_count;
    return true;
}

/* The prompt is optional: the text is what is shown. */
static bool cloze_well_formed(const Question *q)
{
    if (!q->text[0] || q->gap_count < 1 || !q->gaps || !q->cloze_parts)
        return false;
    for (size_t i = 0; i < q->gap_count; i++) {
        const ClozeGap *g = &q->gaps[i];
        if (!g->answer[0] || !qtype_all_distinct(g->accept, g->accept_count))
            return false;
        for (size_t k = 0; k < g->accept_count; k++)
            if (!g->accept[k][0])
                return false;
    }
    return true;
}

const QuestionKind qtype_cloze = {
    .type = QUESTION_CLOZE,
    .name = "cloze",
    .shuffle = QTYPE_SHUFFLE_NONE,
    .entry_count = qtype_no_entries,
    .entry_text = qtype_no_entry_text,
    .from_display = qtype_from_display_plain,
    .judge = cloze_judge,
    .out_of = cloze_out_of,
    .describe_answer = cloze_describe_answer,
    .describe_key = cloze_describe_key,
    .stand_for = cloze_stand_for,
    .card_count = cloze_card_count,
    .card_texts = cloze_card_texts,
    .encode = cloze_encode,
    .decode = cloze_decode,
    .well_formed = cloze_well_formed,
};
