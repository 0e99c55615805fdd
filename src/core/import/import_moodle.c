/* import_moodle.c - Moodle's question kinds as quizdeck questions, shared by
 * the GIFT and Moodle XML readers (import_internal.h, "Moodle's question
 * model"), so a question means the same whichever way Moodle wrote it.
 *
 * The rules, as the authoring guide states them:
 *  - multiple choice, one answer: a choice; its 100% answer is the answer.
 *    Partial credit on other answers cannot be kept (a warning).
 *  - multiple choice, several answers: a multi; every answer with a
 *    positive weight is right.
 *  - true/false; short answer: typed, every 100% answer accepted (partial
 *    ones are not: a warning); matching: pairs, a right side without a left
 *    (a distractor) dropped with a warning.
 *  - missing word (an answer block inside the text): a cloze whose gap is
 *    the right answer (a multiple choice shows its options as the hint);
 *    several right answers or true/false keep their kind with "_____".
 *  - explain: the general feedback, then the feedback of the right answers,
 *    then each wrong answer's feedback after its text.
 */
#include <stdio.h>
#include <string.h>

#include "import_internal.h"

static const double FULL_MARKS = 99.99;

static void report_error(ImportSource *src, const MoodleQuestion *m, const char *message,
                         const char *detail)
{
    if (m->line)
        import_error_at(src, m->line, m->column, "%s: %s%s", m->format, message, detail);
    else
        import_error(src, m->offset, "%s: %s%s", m->format, message, detail);
}

static void report_warning_answer(ImportSource *src, const MoodleQuestion *m, const MoodleAnswer *a,
                                  const char *format, const char *text, double fraction)
{
    char message[600];
    snprintf(message, sizeof message, format, text, fraction);
    if (a->line) {
        diag_add(&src->pack->diags, DIAG_WARNING, src->name, a->line, a->column, "%s: %s",
                 m->format, message);
    } else {
        import_warning(src, a->offset, "%s: %s", m->format, message);
    }
}

static ImportQuestion *add_for(ImportSource *src, const MoodleQuestion *m, QuestionType type)
{
    ImportQuestion *q =
        m->line ? import_add_at(src, type, m->line, m->column) : import_add(src, type, m->offset);
    if (!q)
        return NULL;
    q->id_seed = m->title;
    q->topic = m->topic ? m->topic : "";
    q->no_shuffle = m->no_shuffle;
    q->tags = m->tags;
    return q;
}

/* The explain text; see the header. */
static const char *compose_explain(ImportSource *src, const MoodleQuestion *m, double right_from,
                                   bool with_wrong)
{
    StrBuf b = {0};
    if (m->general_feedback && m->general_feedback[0])
        strbuf_add(&b, m->general_feedback);
    for (size_t i = 0; i < m->answer_count; i++) {
        const MoodleAnswer *a = &m->answers[i];
        if (!a->feedback[0] || a->fraction < right_from)
            continue;
        if (b.len)
            strbuf_add(&b, "\n");
        strbuf_add(&b, a->feedback);
    }
    for (size_t i = 0; with_wrong && i < m->answer_count; i++) {
        const MoodleAnswer *a = &m->answers[i];
        if (!a->feedback[0] || a->fraction >= right_from)
            continue;
        if (b.len)
            strbuf_add(&b, "\n");
        strbuf_addf(&b, "%s: %s", a->text, a->feedback);
    }
    const char *kept = import_copy(src, strbuf_text(&b), b.len);
    strbuf_free(&b);
    return kept;
}

/* "before _____ after" for a missing word that stays a choice. */
static const char *with_blank(ImportSource *src, const MoodleQuestion *m)
{
    if (!m->before)
        return m->text;
    StrBuf b = {0};
    strbuf_add(&b, m->before);
    if (m->before[0])
        strbuf_add(&b, " ");
    strbuf_add(&b, "_____");
    if (m->after[0] && !strchr(".,;:!?)", m->after[0]))
        strbuf_add(&b, " ");
    strbuf_add(&b, m->after);
    const char *kept = import_copy(src, strbuf_text(&b), b.len);
    strbuf_free(&b);
    return kept;
}

static bool cloze_safe(const char *text)
{
    return !strstr(text, "{{") && !strstr(text, "}}");
}

/* A missing word with one right answer as a cloze: before {{answer|hint}}
 * after, the other right spellings accepted for the gap. */
static void add_missing_word(ImportSource *src, const MoodleQuestion *m, const char *answer,
                             const char *const *accept, size_t accept_count, const char *hint)
{
    if (!cloze_safe(m->before) || !cloze_safe(m->after) || strchr(answer, '|') ||
        !cloze_safe(answer) || strchr(hint, '}') || strchr(hint, '|')) {
        report_error(src, m,
                     "this missing-word question holds '{{', '}}' or '|', which a "
                     "quizdeck cloze uses for its gaps; skipped",
                     "");
        import_count_skip(src, "cannot be a cloze");
        return;
    }
    ImportQuestion *q = add_for(src, m, QUESTION_CLOZE);
    if (!q)
        return;
    if (!q->id_seed[0])
        q->id_seed = with_blank(src, m); /* the sentence, not its answer */
    StrBuf b = {0};
    strbuf_add(&b, m->before);
    if (m->before[0])
        strbuf_add(&b, " ");
    strbuf_addf(&b, "{{%s%s%s}}", answer, hint[0] ? "|" : "", hint);
    if (m->after[0] && !strchr(".,;:!?)", m->after[0]))
        strbuf_add(&b, " ");
    strbuf_add(&b, m->after);
    q->text = import_copy(src, strbuf_text(&b), b.len);
    strbuf_free(&b);
    if (accept_count) {
        ImportList *gaps = arena_alloc(&src->pack->arena, sizeof *gaps);
        if (gaps) {
            *gaps = import_list(src, accept, accept_count);
            q->gap_accept = gaps;
            q->gap_count = 1;
        }
    }
    q->explain = compose_explain(src, m, FULL_MARKS, true);
}

static void add_multichoice(ImportSource *src, const MoodleQuestion *m)
{
    const char *texts[IMPORT_MAX_LIST];
    size_t n = m->answer_count < IMPORT_MAX_LIST ? m->answer_count : IMPORT_MAX_LIST;
    size_t full = 0, positive = 0, first_full = 0;
    uint32_t mask = 0;
    for (size_t i = 0; i < n; i++) {
        texts[i] = m->answers[i].text;
        if (m->answers[i].fraction >= FULL_MARKS && full++ == 0)
            first_full = i;
        if (m->answers[i].fraction > 0) {
            positive++;
            if (i < 32)
                mask |= 1u << i;
        }
    }
    if (m->single) {
        if (full == 0) {
            report_error(src, m,
                         positive ? "no answer is worth 100%; a quizdeck choice needs one right "
                                    "answer; skipped"
                                  : "no answer is marked right ('='); skipped",
                         "");
            import_count_skip(src, "no right answer");
            return;
        }
        if (full > 1) {
            report_error(src, m,
                         "more than one answer is worth 100% with one to pick; a quizdeck choice "
                         "has one right answer (for \"pick all that apply\" give each right "
                         "answer a share, e.g. ~%50%); skipped",
                         "");
            import_count_skip(src, "several right answers to pick one of");
            return;
        }
        for (size_t i = 0; i < n; i++) {
            const MoodleAnswer *a = &m->answers[i];
            if (a->fraction > 0 && a->fraction < FULL_MARKS)
                report_warning_answer(src, m, a,
                                      "'%s' earns %g%% in Moodle; a quizdeck choice is right or "
                                      "wrong, so it counts as wrong",
                                      a->text, a->fraction);
        }
        if (m->before) {
            StrBuf hint = {0};
            for (size_t i = 0; i < n; i++) {
                if (i)
                    strbuf_add(&hint, " / ");
                strbuf_add(&hint, texts[i]);
            }
            add_missing_word(src, m, texts[first_full], NULL, 0, strbuf_text(&hint));
            strbuf_free(&hint);
            return;
        }
        ImportQuestion *q = add_for(src, m, QUESTION_CHOICE);
        if (!q)
            return;
        q->prompt = m->text;
        q->choices = import_list(src, texts, n);
        q->answer_index = first_full;
        q->explain = compose_explain(src, m, FULL_MARKS, true);
        return;
    }
    if (positive == 0) {
        report_error(src, m, "no answer has a positive weight, so none is right; skipped", "");
        import_count_skip(src, "no right answer");
        return;
    }
    ImportQuestion *q = add_for(src, m, QUESTION_MULTI);
    if (!q)
        return;
    q->prompt = with_blank(src, m);
    q->choices = import_list(src, texts, n);
    q->answer_mask = mask;
    q->explain = compose_explain(src, m, 1e-9, true);
}

static void add_shortanswer(ImportSource *src, const MoodleQuestion *m)
{
    const char *right[IMPORT_MAX_LIST];
    size_t n = 0;
    for (size_t i = 0; i < m->answer_count; i++) {
        const MoodleAnswer *a = &m->answers[i];
        if (strcmp(a->text, "*") == 0)
            continue; /* Moodle's "any other answer": feedback only */
        if (a->fraction >= FULL_MARKS) {
            if (n < IMPORT_MAX_LIST)
                right[n++] = a->text;
        } else if (a->fraction > 0) {
            report_warning_answer(src, m, a,
                                  "'%s' earns %g%% in Moodle; quizdeck has no part marks for a "
                                  "typed answer, so it is not accepted",
                                  a->text, a->fraction);
        }
    }
    if (n == 0) {
        report_error(src, m, "no answer is worth 100%, so none can be accepted; skipped", "");
        import_count_skip(src, "no right answer");
        return;
    }
    if (m->before) {
        add_missing_word(src, m, right[0], right + 1, n - 1, "");
        return;
    }
    ImportQuestion *q = add_for(src, m, QUESTION_TYPED);
    if (!q)
        return;
    q->prompt = m->text;
    q->answer = right[0];
    q->accept = import_list(src, right + 1, n - 1);
    q->explain = compose_explain(src, m, FULL_MARKS, true);
}

static void add_truefalse(ImportSource *src, const MoodleQuestion *m)
{
    ImportQuestion *q = add_for(src, m, QUESTION_TRUEFALSE);
    if (!q)
        return;
    q->prompt = with_blank(src, m);
    q->truth = m->truth;
    const char *right_fb = m->truth ? m->true_feedback : m->false_feedback;
    const char *wrong_fb = m->truth ? m->false_feedback : m->true_feedback;
    StrBuf b = {0};
    if (m->general_feedback && m->general_feedback[0])
        strbuf_add(&b, m->general_feedback);
    const char *fb = right_fb && right_fb[0] ? right_fb : wrong_fb;
    if (fb && fb[0]) {
        if (b.len)
            strbuf_add(&b, "\n");
        strbuf_add(&b, fb);
    }
    q->explain = import_copy(src, strbuf_text(&b), b.len);
    strbuf_free(&b);
}

static void add_matching(ImportSource *src, const MoodleQuestion *m)
{
    const char *lefts[IMPORT_MAX_LIST], *rights[IMPORT_MAX_LIST];
    size_t n = 0;
    for (size_t i = 0; i < m->answer_count && n < IMPORT_MAX_LIST; i++) {
        const MoodleAnswer *a = &m->answers[i];
        if (!a->text[0]) {
            report_warning_answer(src, m, a,
                                  "'%s' has no left side (an extra wrong answer); a quizdeck "
                                  "match has none, so it is left out",
                                  a->right, 0);
            continue;
        }
        lefts[n] = a->text;
        rights[n] = a->right;
        n++;
    }
    ImportQuestion *q = add_for(src, m, QUESTION_MATCH);
    if (!q)
        return;
    q->prompt = with_blank(src, m);
    q->lefts = import_list(src, lefts, n);
    q->rights = import_list(src, rights, n);
    q->explain = compose_explain(src, m, FULL_MARKS, false);
}

void moodle_add(ImportSource *src, const MoodleQuestion *m)
{
    switch (m->kind) {
    case MOODLE_MULTICHOICE:
        add_multichoice(src, m);
        break;
    case MOODLE_SHORTANSWER:
        add_shortanswer(src, m);
        break;
    case MOODLE_TRUEFALSE:
        add_truefalse(src, m);
        break;
    case MOODLE_MATCHING:
        add_matching(src, m);
        break;
    }
}

const char *moodle_category_title(ImportSource *src, const char *path)
{
    static const char *const prefixes[] = {"$course$/", "$system$/",         "$module$/",
                                           "$cat1$/",   "$coursecategory$/", "top/"};
    const char *p = path;
    while (*p == ' ' || *p == '/')
        p++;
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
            size_t n = strlen(prefixes[i]);
            if (strncmp(p, prefixes[i], n) == 0) {
                p += n;
                again = true;
            }
        }
    }
    if (strcmp(p, "top") == 0 || strcmp(p, "$course$") == 0 || strcmp(p, "$system$") == 0)
        p = "";
    /* "A/B" -> "A / B"; "//" is Moodle's escaped slash inside a name */
    StrBuf b = {0};
    for (; *p; p++) {
        if (p[0] == '/' && p[1] == '/') {
            strbuf_add(&b, "/");
            p++;
        } else if (*p == '/') {
            strbuf_add(&b, " / ");
        } else {
            strbuf_add_n(&b, p, 1);
        }
    }
    const char *title = import_clean(src, strbuf_text(&b), b.len, IMPORT_TEXT_PLAIN, NULL);
    strbuf_free(&b);
    return title;
}
