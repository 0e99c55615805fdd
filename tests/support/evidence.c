/* evidence.c - reading the evidence tables of the shipped packs
 * (evidence.h; the columns are explained in questions/evidence/README.md).
 */
#include "evidence.h"

#include "answer_match.h"
#include "test_support.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const evidence_pack_columns[EVIDENCE_PACK_COLUMNS] = {
    "question", "gap", "kind", "statements", "answer", "support", "accept", "reject"};

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Reads the rows of t->text, which it cuts in place. */
static bool table_parse(EvidenceTable *t, const char *const *columns, size_t ncolumns,
                        char message[EVIDENCE_MESSAGE])
{
    bool header = false;
    int line = 0;
    for (char *s = t->text; s;) {
        char *end = strchr(s, '\n');
        if (end)
            *end = '\0';
        line++;
        size_t n = strlen(s);
        if (n > 0 && s[n - 1] == '\r')
            s[n - 1] = '\0';
        if (s[0] != '\0' && s[0] != '#') {
            char *cells[EVIDENCE_MAX_COLUMNS + 1];
            size_t count = 0;
            for (char *p = s; count <= EVIDENCE_MAX_COLUMNS;) {
                cells[count++] = p;
                char *tab = strchr(p, '\t');
                if (!tab)
                    break;
                *tab = '\0';
                p = tab + 1;
            }
            if (count != ncolumns) {
                snprintf(message, EVIDENCE_MESSAGE, "%s:%d: %zu cells, the header has %zu", t->name,
                         line, count, ncolumns);
                return false;
            }
            if (!header) {
                for (size_t i = 0; i < ncolumns; i++)
                    if (strcmp(cells[i], columns[i]) != 0) {
                        snprintf(message, EVIDENCE_MESSAGE,
                                 "%s:%d: column %zu is '%s', expected '%s'", t->name, line, i + 1,
                                 cells[i], columns[i]);
                        return false;
                    }
                header = true;
            } else {
                if (t->count == EVIDENCE_MAX_ROWS) {
                    snprintf(message, EVIDENCE_MESSAGE, "%s: more than %d rows", t->name,
                             EVIDENCE_MAX_ROWS);
                    return false;
                }
                EvidenceRow *row = &t->rows[t->count++];
                memcpy(row->cells, cells, ncolumns * sizeof cells[0]);
                row->line = line;
            }
        }
        s = end ? end + 1 : NULL;
    }
    if (!header) {
        snprintf(message, EVIDENCE_MESSAGE, "%s: no header line", t->name);
        return false;
    }
    return true;
}

bool evidence_table_load(EvidenceTable *t, const char *path, const char *const *columns,
                         size_t ncolumns, char message[EVIDENCE_MESSAGE])
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", base_name(path));
    message[0] = '\0';
    if (ncolumns > EVIDENCE_MAX_COLUMNS) {
        snprintf(message, EVIDENCE_MESSAGE, "%s: more than %d columns asked for", t->name,
                 EVIDENCE_MAX_COLUMNS);
        return false;
    }
    t->text = test_read_file(path, NULL);
    t->rows = calloc(EVIDENCE_MAX_ROWS, sizeof *t->rows);
    if (!t->text || !t->rows) {
        snprintf(message, EVIDENCE_MESSAGE, "cannot read %s", path);
        evidence_table_free(t);
        return false;
    }
    if (!table_parse(t, columns, ncolumns, message)) {
        evidence_table_free(t);
        return false;
    }
    return true;
}

void evidence_table_free(EvidenceTable *t)
{
    free(t->text);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

bool evidence_list_split(EvidenceList *l, const char *cell, const char *sep)
{
    l->count = 0;
    l->buf = NULL;
    if (strcmp(cell, "-") == 0)
        return true;
    l->buf = strdup(cell);
    if (!l->buf)
        return false;
    for (char *p = l->buf;;) {
        if (l->count == EVIDENCE_MAX_LIST) {
            evidence_list_free(l);
            return false;
        }
        l->items[l->count++] = p;
        char *s = strstr(p, sep);
        if (!s)
            break;
        *s = '\0';
        p = s + strlen(sep);
    }
    return true;
}

bool evidence_list_has(const EvidenceList *l, const char *item)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i], item) == 0)
            return true;
    return false;
}

void evidence_list_free(EvidenceList *l)
{
    free(l->buf);
    l->buf = NULL;
    l->count = 0;
}

size_t evidence_row_gap(const EvidenceRow *row)
{
    const char *g = row->cells[EV_GAP];
    return strcmp(g, "-") == 0 ? 0 : (size_t)strtoul(g, NULL, 10);
}

void evidence_append(char *out, size_t size, const char *format, ...)
{
    size_t used = strlen(out);
    va_list ap;
    va_start(ap, format);
    vsnprintf(out + used, size - used, format, ap);
    va_end(ap);
}

void evidence_render_key(const Question *q, size_t gap, char *out, size_t size)
{
    out[0] = '\0';
    switch (q->type) {
    case QUESTION_CHOICE:
        evidence_append(out, size, "%s", q->choices[q->answer_index]);
        break;
    case QUESTION_MULTI:
        for (size_t i = 0; i < q->choice_count; i++)
            if (q->answer_mask & (UINT32_C(1) << i))
                evidence_append(out, size, "%s%s", out[0] ? " | " : "", q->choices[i]);
        break;
    case QUESTION_TRUEFALSE:
        evidence_append(out, size, "%s", q->truth ? "true" : "false");
        break;
    case QUESTION_TYPED:
        evidence_append(out, size, "%s", q->answer);
        break;
    case QUESTION_ORDER:
        for (size_t i = 0; i < q->item_count; i++)
            evidence_append(out, size, "%s%s", i ? " > " : "", q->items[i]);
        break;
    case QUESTION_MATCH:
        for (size_t i = 0; i < q->pair_count; i++)
            evidence_append(out, size, "%s%s = %s", i ? " | " : "", q->pairs[i].left,
                            q->pairs[i].right);
        break;
    case QUESTION_CLOZE:
        if (gap >= 1 && gap <= q->gap_count)
            evidence_append(out, size, "%s", q->gaps[gap - 1].answer);
        break;
    case QUESTION_FLASHCARD:
        evidence_append(out, size, "%s", q->back);
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }
}

EvidenceKey evidence_typed_key(const Question *q, size_t gap)
{
    if (q->type == QUESTION_CLOZE)
        return (EvidenceKey){q->gaps[gap - 1].answer, q->gaps[gap - 1].accept,
                             q->gaps[gap - 1].accept_count};
    return (EvidenceKey){q->answer, q->accept, q->accept_count};
}

bool evidence_key_takes(const EvidenceKey *key, const char *given)
{
    return answer_matches_any(given, key->answer, key->accept, key->accept_count);
}

/* ---- problems ------------------------------------------------------------ */

static size_t problems;

void evidence_problem(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fputc('\n', stderr);
    problems++;
}

void evidence_problems_reset(void)
{
    problems = 0;
}

size_t evidence_problem_count(void)
{
    return problems;
}

/* ---- typed answers ------------------------------------------------------- */

bool evidence_is_typed(const Question *q)
{
    return q->type == QUESTION_TYPED || q->type == QUESTION_CLOZE;
}

const Question *evidence_find_english(const PackSet *set, const char *id)
{
    for (size_t i = 0; i < set->pack_count; i++) {
        if (strcmp(set->packs[i]->language, "en") != 0)
            continue;
        const Question *q = pack_find_question(set->packs[i], id);
        if (q)
            return q;
    }
    return NULL;
}

void evidence_each_typed_row(const EvidenceTable *t, const Pack *pack, EvidenceVisit visit,
                             void *ctx)
{
    for (size_t r = 0; r < t->count; r++) {
        const EvidenceRow *row = &t->rows[r];
        const Question *q = pack_find_question(pack, row->cells[EV_QUESTION]);
        size_t gap = evidence_row_gap(row);
        if (q && evidence_is_typed(q) &&
            (q->type != QUESTION_CLOZE || (gap >= 1 && gap <= q->gap_count)))
            visit(t, row, q, gap, ctx);
    }
}

/* Splits a " | " list of a row; a list too long to hold is a problem (the
 * list then empty). */
static void split_row_list(EvidenceList *l, const EvidenceTable *t, const EvidenceRow *row,
                           const char *cell)
{
    if (!evidence_list_split(l, cell, " | "))
        evidence_problem("%s:%d: a list of more than %d items: %s", t->name, row->line,
                         EVIDENCE_MAX_LIST, cell);
}

void evidence_judge_listed(const EvidenceTable *t, const EvidenceRow *row, const Question *q,
                           size_t gap, void *ctx)
{
    EvidenceTally *tally = ctx;
    EvidenceKey key = evidence_typed_key(q, gap);
    EvidenceList good, bad;
    split_row_list(&good, t, row, row->cells[EV_ACCEPT]);
    split_row_list(&bad, t, row, row->cells[EV_REJECT]);
    tally->rows++;
    if (good.count < EVIDENCE_MIN_ACCEPT || bad.count < EVIDENCE_MIN_REJECT)
        evidence_problem("%s:%d: '%s' lists %zu variants and %zu near-misses; at least %d and %d",
                         t->name, row->line, q->id, good.count, bad.count, EVIDENCE_MIN_ACCEPT,
                         EVIDENCE_MIN_REJECT);
    for (size_t i = 0; i < good.count; i++, tally->accepted++)
        if (!evidence_key_takes(&key, good.items[i]))
            evidence_problem("%s:%d: '%s' rejects the fair answer \"%s\"", t->name, row->line,
                             q->id, good.items[i]);
    for (size_t i = 0; i < bad.count; i++, tally->rejected++)
        if (evidence_key_takes(&key, bad.items[i]))
            evidence_problem("%s:%d: '%s' accepts the wrong answer \"%s\"", t->name, row->line,
                             q->id, bad.items[i]);
    evidence_list_free(&good);
    evidence_list_free(&bad);
}

void evidence_judge_cases(const PackSet *set, const EvidenceJudgeCase *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const EvidenceJudgeCase *c = &cases[i];
        const Pack *pack = c->pack ? pack_set_find(set, c->pack) : NULL;
        const Question *q = !c->pack ? evidence_find_english(set, c->question)
                            : pack   ? pack_find_question(pack, c->question)
                                     : NULL;
        const char *in = c->pack ? c->pack : "the English packs";
        if (!q || !evidence_is_typed(q) || (q->type == QUESTION_CLOZE) != (c->gap > 0) ||
            (c->gap > 0 && c->gap > q->gap_count)) {
            evidence_problem("%s: '%s' gap %zu is not a typed answer", in, c->question, c->gap);
            continue;
        }
        EvidenceKey key = evidence_typed_key(q, c->gap);
        if (evidence_key_takes(&key, c->given) != c->right)
            evidence_problem("%s: '%s': \"%s\" should be judged %s", in, c->question, c->given,
                             c->right ? "right" : "wrong");
    }
}
