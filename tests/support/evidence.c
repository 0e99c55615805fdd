/* evidence.c - reading the evidence tables of the shipped packs
 * (evidence.h; the columns are explained in questions/evidence/README.md).
 */
#include "evidence.h"

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

void evidence_typed_key(const Question *q, size_t gap, const char **answer,
                        const char *const **accept, size_t *accept_count)
{
    if (q->type == QUESTION_CLOZE) {
        *answer = q->gaps[gap - 1].answer;
        *accept = q->gaps[gap - 1].accept;
        *accept_count = q->gaps[gap - 1].accept_count;
    } else {
        *answer = q->answer;
        *accept = q->accept;
        *accept_count = q->accept_count;
    }
}
