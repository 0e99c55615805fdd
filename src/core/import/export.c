/* export.c - a pack written as GIFT or as CSV in quizdeck's columns
 * (export.h). Each writer is the mirror of its reader (import_gift.c,
 * import_csv.c), so an export imports back to the same questions; the
 * round-trip tests (tests/unit/test_export.c) hold them to it. What each
 * type writes is its row of gift_rows and csv_writers, indexed by
 * QuestionType.
 *
 * Read export.h first.
 */
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "import_internal.h"

bool export_format_parse(const char *name, ExportFormat *out)
{
    if (import_ieq(name, "gift")) {
        *out = EXPORT_GIFT;
        return true;
    }
    if (import_ieq(name, "csv")) {
        *out = EXPORT_CSV;
        return true;
    }
    return false;
}

static void note(DiagList *notes, const Pack *pack, const Question *q, const char *why)
{
    diag_add(notes, DIAG_WARNING, pack->path, q->line, 1, "question '%s' not exported: %s", q->id,
             why);
}

/* ---- GIFT ------------------------------------------------------------------------ */

/* GIFT's escapes for its special characters; a line break is \n. */
static void gift_escaped(StrBuf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '~':
        case '=':
        case '#':
        case '{':
        case '}':
        case ':':
        case '\\':
            strbuf_addf(out, "\\%c", *p);
            break;
        case '\n':
            strbuf_add(out, "\\n");
            break;
        case '\r':
            break;
        default:
            strbuf_add_n(out, p, 1);
        }
    }
}

/* 33.33333 for 100/3: the weights Moodle offers are written to 5 places. */
static void gift_weight(StrBuf *out, double percent)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.5f", percent);
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n && buf[n - 1] == '.')
        buf[--n] = '\0';
    strbuf_addf(out, "%%%s%%", buf);
}

static void gift_feedback(StrBuf *out, const Question *q)
{
    if (q->explain[0]) {
        strbuf_add(out, " ####");
        gift_escaped(out, q->explain);
    }
}

/* "[plain]" and the prompt: where every question but a cloze starts. */
static void gift_prompt(StrBuf *b, const Question *q)
{
    strbuf_add(b, "[plain]");
    gift_escaped(b, q->prompt);
}

/* choice: "=" marks the right one. multi: every option weighted, the
 * right ones sharing 100%, the wrong ones taking as much away. */
static void gift_options(StrBuf *b, const Question *q, bool weighted)
{
    gift_prompt(b, q);
    strbuf_add(b, " {");
    int right = 0;
    for (size_t i = 0; i < q->choice_count; i++)
        right += (int)((q->answer_mask >> i) & 1u);
    for (size_t i = 0; i < q->choice_count; i++) {
        strbuf_add(b, "\n\t");
        if (!weighted) {
            strbuf_add(b, i == q->answer_index ? "=" : "~");
        } else {
            /* quizdeck takes 1/k per wrong pick as it gives 1/k per right one */
            double share = 100.0 / (right ? right : 1);
            strbuf_add(b, "~");
            gift_weight(b, (q->answer_mask >> i) & 1u ? share : -share);
        }
        gift_escaped(b, q->choices[i]);
    }
    gift_feedback(b, q);
    strbuf_add(b, "\n}");
}

/* " =a =b": the accepted spellings after the first. */
static void gift_spellings(StrBuf *b, const char *const *accept, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        strbuf_add(b, " =");
        gift_escaped(b, accept[i]);
    }
}

static bool gift_choice(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes)
{
    (void)pack;
    (void)notes;
    gift_options(b, q, false);
    return true;
}

static bool gift_multi(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes)
{
    (void)pack;
    (void)notes;
    gift_options(b, q, true);
    return true;
}

static bool gift_truefalse(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes)
{
    (void)pack;
    (void)notes;
    gift_prompt(b, q);
    strbuf_addf(b, " {%s", q->truth ? "TRUE" : "FALSE");
    gift_feedback(b, q);
    strbuf_add(b, "}");
    return true;
}

static bool gift_typed(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes)
{
    (void)pack;
    (void)notes;
    gift_prompt(b, q);
    strbuf_add(b, " {=");
    gift_escaped(b, q->answer);
    gift_spellings(b, q->accept, q->accept_count);
    gift_feedback(b, q);
    strbuf_add(b, "}");
    return true;
}

static bool gift_match(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes)
{
    (void)pack;
    (void)notes;
    gift_prompt(b, q);
    strbuf_add(b, " {");
    for (size_t i = 0; i < q->pair_count; i++) {
        strbuf_add(b, "\n\t=");
        gift_escaped(b, q->pairs[i].left);
        strbuf_add(b, " -> ");
        gift_escaped(b, q->pairs[i].right);
    }
    gift_feedback(b, q);
    strbuf_add(b, "\n}");
    return true;
}

/* GIFT's missing word: one gap, with text after it, no prompt or hint. */
static bool gift_cloze(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes)
{
    const char *after = q->cloze_parts[1];
    size_t after_len = strlen(after);
    import_trim(&after, &after_len);
    if (q->gap_count != 1 || after_len == 0 || q->prompt[0] || q->gaps[0].hint[0]) {
        note(notes, pack, q,
             q->gap_count != 1 ? "GIFT's missing word has one gap"
             : after_len == 0  ? "GIFT's missing word needs text after its gap"
                               : "GIFT's missing word has no prompt or hint");
        return false;
    }
    strbuf_add(b, "[plain]");
    gift_escaped(b, q->cloze_parts[0]);
    strbuf_add(b, "{=");
    gift_escaped(b, q->gaps[0].answer);
    gift_spellings(b, q->gaps[0].accept, q->gaps[0].accept_count);
    gift_feedback(b, q);
    strbuf_add(b, "}");
    gift_escaped(b, q->cloze_parts[1]);
    return true;
}

typedef struct GiftRow {
    /* Appends the question after its "::id::" title; false after a note
     * saying why GIFT cannot hold it. NULL when GIFT has no such question. */
    bool (*write)(const Pack *pack, const Question *q, StrBuf *b, DiagList *notes);
    const char *missing; /* the note when write is NULL */
} GiftRow;

static const GiftRow gift_rows[] = {
    [QUESTION_CHOICE] = {gift_choice, NULL},
    [QUESTION_MULTI] = {gift_multi, NULL},
    [QUESTION_TRUEFALSE] = {gift_truefalse, NULL},
    [QUESTION_TYPED] = {gift_typed, NULL},
    [QUESTION_ORDER] = {NULL, "GIFT has no ordering question"},
    [QUESTION_MATCH] = {gift_match, NULL},
    [QUESTION_CLOZE] = {gift_cloze, NULL},
    [QUESTION_FLASHCARD] = {NULL, "GIFT has no flashcard (export to CSV keeps it)"},
};
_Static_assert(sizeof gift_rows / sizeof gift_rows[0] == QUESTION_TYPE_COUNT,
               "every question type has its row in gift_rows");

static bool gift_question(const Pack *pack, const Question *q, StrBuf *out, DiagList *notes)
{
    const GiftRow *row = &gift_rows[q->type]; /* a Pack's types are in range */
    if (!row->write) {
        note(notes, pack, q, row->missing);
        return false;
    }
    StrBuf b = {0};
    strbuf_addf(&b, "::%s::", q->id);
    bool ok = row->write(pack, q, &b, notes);
    if (ok) {
        strbuf_add(out, strbuf_text(&b));
        strbuf_add(out, "\n\n");
    }
    strbuf_free(&b);
    return ok;
}

static size_t export_gift(const Pack *pack, StrBuf *out, DiagList *notes)
{
    strbuf_addf(out, "// %s: exported from the quizdeck pack '%s'\n\n", pack->title, pack->id);
    const char *topic = "";
    size_t written = 0;
    for (size_t i = 0; i < pack->question_count; i++) {
        const Question *q = &pack->questions[i];
        if (strcmp(q->topic, topic) != 0) {
            const char *title = pack_topic_title(pack, q->topic);
            strbuf_add(out, "$CATEGORY: ");
            if (q->topic[0])
                gift_escaped(out, title[0] ? title : q->topic);
            strbuf_add(out, "\n\n");
            topic = q->topic;
        }
        written += gift_question(pack, q, out, notes);
    }
    return written;
}

/* ---- CSV --------------------------------------------------------------------------- */

enum { CSV_OPTION_COLUMNS = PACK_MAX_OPTIONS };

/* A cell, quoted when it must be: a comma, a quote, a line break, or
 * spaces at either end. */
static void csv_cell(StrBuf *out, const char *text, bool first)
{
    if (!first)
        strbuf_add(out, ",");
    size_t n = strlen(text);
    bool quote = n && (text[0] == ' ' || text[n - 1] == ' ' || strpbrk(text, ",\"\r\n"));
    if (!quote) {
        strbuf_add(out, text);
        return;
    }
    strbuf_add(out, "\"");
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            strbuf_add(out, "\"\"");
        else
            strbuf_add_n(out, p, 1);
    }
    strbuf_add(out, "\"");
}

static void joined(StrBuf *b, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_add(b, " | ");
        strbuf_add(b, items[i]);
    }
}

/* The cells a type fills: answer, option 1..8 and text. */
typedef struct CsvCells {
    StrBuf answer, text;
    StrBuf options[CSV_OPTION_COLUMNS];
    size_t n;     /* options filled */
    bool dropped; /* spellings past the last option column */
} CsvCells;

/* The next option cell, NULL when they are all filled (then the rest of a
 * list is dropped). */
static StrBuf *csv_option(CsvCells *c)
{
    return c->n < CSV_OPTION_COLUMNS ? &c->options[c->n++] : NULL;
}

/* Options of a list that must fit (2..8 entries); spellings that may not. */
static void csv_fill_options(CsvCells *c, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count && c->n < CSV_OPTION_COLUMNS; i++)
        strbuf_add(csv_option(c), list[i]);
}

static void csv_write_choice(const Question *q, CsvCells *c)
{
    csv_fill_options(c, q->choices, q->choice_count);
    strbuf_add(&c->answer, q->choices[q->answer_index]);
}

static void csv_write_multi(const Question *q, CsvCells *c)
{
    csv_fill_options(c, q->choices, q->choice_count);
    bool first = true;
    for (size_t i = 0; i < q->choice_count; i++) {
        if (!((q->answer_mask >> i) & 1u))
            continue;
        strbuf_addf(&c->answer, "%s%s", first ? "" : " | ", q->choices[i]);
        first = false;
    }
}

static void csv_write_truefalse(const Question *q, CsvCells *c)
{
    strbuf_add(&c->answer, q->truth ? "true" : "false");
}

static void csv_write_typed(const Question *q, CsvCells *c)
{
    strbuf_add(&c->answer, q->answer);
    for (size_t i = 0; i < q->accept_count; i++) {
        StrBuf *cell = csv_option(c);
        if (cell)
            strbuf_add(cell, q->accept[i]);
        else
            c->dropped = true;
    }
}

static void csv_write_order(const Question *q, CsvCells *c)
{
    csv_fill_options(c, q->items, q->item_count);
}

static void csv_write_match(const Question *q, CsvCells *c)
{
    for (size_t i = 0; i < q->pair_count && c->n < CSV_OPTION_COLUMNS; i++)
        strbuf_addf(csv_option(c), "%s = %s", q->pairs[i].left, q->pairs[i].right);
}

static void csv_write_cloze(const Question *q, CsvCells *c)
{
    strbuf_add(&c->text, q->text);
    for (size_t g = 0; g < q->gap_count; g++) {
        for (size_t i = 0; i < q->gaps[g].accept_count; i++) {
            StrBuf *cell = csv_option(c);
            if (cell)
                strbuf_addf(cell, "%zu = %s", g + 1, q->gaps[g].accept[i]);
            else
                c->dropped = true;
        }
    }
}

static void csv_write_flashcard(const Question *q, CsvCells *c)
{
    strbuf_add(&c->text, q->front);
    strbuf_add(&c->answer, q->back);
}

/* How each type fills its cells: the mirror of import_csv.c's csv_readers. */
static void (*const csv_writers[])(const Question *q, CsvCells *c) = {
    [QUESTION_CHOICE] = csv_write_choice,       [QUESTION_MULTI] = csv_write_multi,
    [QUESTION_TRUEFALSE] = csv_write_truefalse, [QUESTION_TYPED] = csv_write_typed,
    [QUESTION_ORDER] = csv_write_order,         [QUESTION_MATCH] = csv_write_match,
    [QUESTION_CLOZE] = csv_write_cloze,         [QUESTION_FLASHCARD] = csv_write_flashcard,
};
_Static_assert(sizeof csv_writers / sizeof csv_writers[0] == QUESTION_TYPE_COUNT,
               "every question type has its row in csv_writers");

static bool csv_question(const Pack *pack, const Question *q, StrBuf *out, DiagList *notes)
{
    CsvCells c = {0};
    csv_writers[q->type](q, &c); /* a Pack's types are in range */
    if (c.dropped)
        diag_add(notes, DIAG_WARNING, pack->path, q->line, 1,
                 "question '%s': more than %d accepted spellings; the sheet has %d option "
                 "columns, so the rest are left out",
                 q->id, CSV_OPTION_COLUMNS, CSV_OPTION_COLUMNS);
    csv_cell(out, q->id, true);
    csv_cell(out, question_type_name(q->type), false);
    const char *topic = q->topic[0] ? pack_topic_title(pack, q->topic) : "";
    csv_cell(out, topic[0] ? topic : q->topic, false);
    csv_cell(out, q->prompt, false);
    csv_cell(out, strbuf_text(&c.answer), false);
    for (size_t i = 0; i < CSV_OPTION_COLUMNS; i++)
        csv_cell(out, strbuf_text(&c.options[i]), false);
    csv_cell(out, strbuf_text(&c.text), false);
    csv_cell(out, q->explain, false);
    char num[16] = "";
    if (q->time_limit != PACK_DEFAULT_TIME_LIMIT) /* what an import assumes */
        snprintf(num, sizeof num, "%d", q->time_limit);
    csv_cell(out, num, false);
    num[0] = '\0';
    if (q->points != PACK_DEFAULT_POINTS)
        snprintf(num, sizeof num, "%d", q->points);
    csv_cell(out, num, false);
    StrBuf tags = {0};
    joined(&tags, q->tags, q->tag_count);
    csv_cell(out, strbuf_text(&tags), false);
    strbuf_add(out, "\r\n");
    strbuf_free(&tags);
    strbuf_free(&c.answer);
    strbuf_free(&c.text);
    for (size_t i = 0; i < CSV_OPTION_COLUMNS; i++)
        strbuf_free(&c.options[i]);
    return true;
}

static size_t export_csv(const Pack *pack, StrBuf *out, DiagList *notes)
{
    /* a BOM, so that Excel reads the file as UTF-8 */
    strbuf_add(out, "\xEF\xBB\xBFid,type,topic,prompt,answer");
    for (int i = 1; i <= CSV_OPTION_COLUMNS; i++)
        strbuf_addf(out, ",option %d", i);
    strbuf_add(out, ",text,explain,time_limit,points,tags\r\n");
    size_t written = 0;
    for (size_t i = 0; i < pack->question_count; i++)
        written += csv_question(pack, &pack->questions[i], out, notes);
    return written;
}

size_t export_pack(const Pack *pack, ExportFormat format, StrBuf *out, DiagList *notes)
{
    return format == EXPORT_GIFT ? export_gift(pack, out, notes) : export_csv(pack, out, notes);
}
