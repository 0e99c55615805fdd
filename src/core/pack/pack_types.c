/* pack_types.c - what each question type takes, and its checks.
 *
 * Everything the loader knows of one type is its row of pl_question_types
 * at the bottom: the keys it takes beyond the common ones, the keys it
 * cannot do without, whether it needs a prompt, and the function that
 * checks its keys and fills its fields. pl_check_question (pack_check.c)
 * reads the row; nothing else switches over the type. Above the table: the
 * readers of the keys that are not plain values or lists (match pairs, a
 * cloze's accept mapping), cloze gaps, and the eight check functions.
 *
 * Values are read and checked through yaml_cursor.h (yc_read_value,
 * yc_text, ...). Read pack_load_internal.h first, and pack_check.c for the
 * common keys.
 */
#include "pack_load_internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ----------------------------------------------------------- match pairs */

/* match pairs: a list of single-entry mappings `- left: right`. */
void pl_read_pairs(Loader *L, YcMark key, RawPairs *out)
{
    memset(out, 0, offsetof(RawPairs, items));
    out->present = true;
    out->key = key;
    out->at = yc_here(&L->yc);
    if (yc_node(&L->yc) != YC_NODE_SEQUENCE) {
        yc_error(&L->yc, out->at, "'pairs' must be a list of '- left: right' entries, not %s",
                 yc_node_name(yc_node(&L->yc)));
        out->bad = true;
        yc_skip(&L->yc);
        return;
    }
    yc_advance(&L->yc);
    while (yc_peek(&L->yc) != YAML_SEQUENCE_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        YcMark at = yc_here(&L->yc);
        size_t index = ++out->count;
        if (yc_node(&L->yc) != YC_NODE_MAPPING) {
            yc_error(&L->yc, at, "pair %zu must be one 'left: right' entry, not %s", index,
                     yc_node_name(yc_node(&L->yc)));
            out->bad = true;
            yc_skip(&L->yc);
            continue;
        }
        yc_advance(&L->yc);
        size_t entries = 0;
        YcValue left = {0}, right = {0};
        while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
            entries++;
            YcValue k, v;
            bool keep = entries == 1 && out->kept < MAX_LIST_KEPT; /* else only checked */
            yc_read_value_into(&L->yc, yc_here(&L->yc), &k, keep ? NULL : L->scratch[0]);
            yc_read_value_into(&L->yc, k.at, &v, keep ? NULL : L->scratch[1]);
            if (entries == 1) {
                left = k;
                right = v;
            }
        }
        yc_advance(&L->yc);
        if (entries != 1) {
            yc_error(&L->yc, at, "pair %zu must be exactly one 'left: right' entry; it has %zu",
                     index, entries);
            out->bad = true;
            continue;
        }
        if (!yc_is_plain_text(&left) || !yc_is_plain_text(&right)) {
            char label[40];
            snprintf(label, sizeof label, "pair %zu left side", index);
            yc_text(&L->yc, &left, label, true);
            snprintf(label, sizeof label, "pair %zu right side", index);
            yc_text(&L->yc, &right, label, true);
            out->bad = true;
            continue;
        }
        if (out->kept < MAX_LIST_KEPT) {
            out->items[out->kept] = (MatchPair){left.text, right.text};
            out->left_marks[out->kept] = left.at;
            out->right_marks[out->kept] = right.at;
            out->kept++;
        }
    }
    yc_advance(&L->yc);
}

/* A cloze's `accept: {N: [...], ...}`. Each list is read and checked here,
 * whatever the type turns out to be (as pl_read_text_list does for any list);
 * the gap numbers need the text's gap count, so check_gap_accepts() judges
 * them once the question is complete. */
static void read_gap_accepts(Loader *L, RawAccept *out)
{
    yc_advance(&L->yc); /* MAPPING_START */
    while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        YcValue gap;
        yc_read_value(&L->yc, yc_here(&L->yc), &gap);
        size_t index = ++out->gap_entries;
        char label[48], number[16];
        if (gap.node == YC_NODE_SCALAR && !gap.bad)
            snprintf(label, sizeof label, "accept gap %s",
                     yc_excerpt(gap.text, number, sizeof number));
        else
            snprintf(label, sizeof label, "accept entry %zu", index);
        RawList *list = &out->scratch;
        pl_read_text_list(L, gap.at, label, list);
        if (index > MAX_CLOZE_GAPS)
            continue; /* reported as a whole by check_gap_accepts */
        RawGapAccept *g = &out->gaps[out->gaps_kept++];
        *g = (RawGapAccept){.gap = gap};
        if (list->bad)
            continue;
        bool ok = true;
        if (list->count > MAX_ACCEPT) {
            yc_error(&L->yc, list->at, "'%s' has %zu entries; the limit is %d", label, list->count,
                     MAX_ACCEPT);
            ok = false;
        }
        ok = pl_check_distinct(L, list, "accepted answer") && ok;
        if (!ok)
            continue;
        g->count = list->kept;
        g->items = g->count ? pl_list_copy(L, list) : NULL;
        g->ok = !g->count || g->items;
    }
    yc_advance(&L->yc); /* MAPPING_END */
}

/* `accept` in either shape (see RawAccept). */
void pl_read_accept(Loader *L, YcMark key, RawAccept *out)
{
    memset(out, 0, offsetof(RawAccept, list));
    memset(&out->list, 0, offsetof(RawList, items));
    out->present = true;
    out->key = key;
    out->at = yc_here(&L->yc);
    out->node = yc_node(&L->yc);
    if (out->node == YC_NODE_SEQUENCE) {
        pl_read_text_list(L, key, "accept", &out->list);
    } else if (out->node == YC_NODE_MAPPING) {
        read_gap_accepts(L, out);
    } else {
        out->empty = yc_is_empty_plain(&L->yc);
        out->bad = yc_peek(&L->yc) == YAML_ALIAS_EVENT;
        yc_skip(&L->yc);
    }
    if (L->yc.stop)
        out->bad = true; /* see yc_read_value_into: the syntax error is the message */
}

/* ------------------------------------------------------------- cloze */

/* Cuts a cloze text at its {{answer|hint}} gaps into the question. Reports
 * (at the text's position) an unclosed or empty gap, or no gap at all. */
static bool parse_cloze(Loader *L, const YcValue *v, Question *q)
{
    ClozeGap gaps[MAX_CLOZE_GAPS];
    const char *parts[MAX_CLOZE_GAPS + 1];
    size_t n = 0;
    const char *s = v->text, *start = s;
    while ((s = strstr(s, "{{")) != NULL) {
        const char *close = strstr(s + 2, "}}");
        if (!close) {
            yc_error(&L->yc, v->at, "cloze text has '{{' without a closing '}}'");
            return false;
        }
        const char *inner = s + 2;
        const char *open_again = strstr(inner, "{{");
        if (open_again && open_again < close) {
            yc_error(&L->yc, v->at, "cloze gaps cannot be nested: '{{' inside another gap");
            return false;
        }
        if (n == MAX_CLOZE_GAPS) {
            yc_error(&L->yc, v->at, "cloze text has more than %d gaps", MAX_CLOZE_GAPS);
            return false;
        }
        const char *bar = memchr(inner, '|', (size_t)(close - inner));
        const char *answer_end = bar ? bar : close;
        const char *a = inner, *ae = answer_end;
        while (a < ae && isspace((unsigned char)*a))
            a++;
        while (ae > a && isspace((unsigned char)ae[-1]))
            ae--;
        if (a == ae) {
            yc_error(&L->yc, v->at,
                     "cloze gap %zu has no answer: write {{answer}} or {{answer|hint}}", n + 1);
            return false;
        }
        const char *h = bar ? bar + 1 : close, *he = close;
        while (h < he && isspace((unsigned char)*h))
            h++;
        while (he > h && isspace((unsigned char)he[-1]))
            he--;
        parts[n] = arena_strndup(&L->arena, start, (size_t)(s - start));
        gaps[n] = (ClozeGap){.answer = arena_strndup(&L->arena, a, (size_t)(ae - a)),
                             .hint = arena_strndup(&L->arena, h, (size_t)(he - h))};
        if (!parts[n] || !gaps[n].answer || !gaps[n].hint)
            return false;
        n++;
        s = start = close + 2;
    }
    if (n == 0) {
        yc_error(&L->yc, v->at, "cloze text has no gap: mark each answer as {{answer}}");
        return false;
    }
    parts[n] = arena_strdup(&L->arena, start);
    q->gaps = arena_alloc_array(&L->arena, n, sizeof *q->gaps);
    q->cloze_parts = arena_alloc_array(&L->arena, n + 1, sizeof *q->cloze_parts);
    if (!parts[n] || !q->gaps || !q->cloze_parts)
        return false;
    memcpy(q->gaps, gaps, n * sizeof *gaps);
    memcpy(q->cloze_parts, parts, (n + 1) * sizeof *parts);
    q->gap_count = n;
    return true;
}

/* Index of `text` in the kept entries of `list`, or -1. */
static int find_entry(const RawList *list, const char *text)
{
    for (size_t i = 0; i < list->kept; i++)
        if (strcmp(list->items[i], text) == 0)
            return (int)i;
    return -1;
}

static void answer_not_a_choice(Loader *L, YcMark at, const char *what, const char *text,
                                const RawList *choices)
{
    char buf[80];
    const char *hint = yc_closest(&L->yc, text, choices->items, choices->kept);
    if (hint)
        yc_error(&L->yc, at, "%s '%s' is not one of the choices (did you mean '%s'?)", what,
                 yc_excerpt(text, buf, sizeof buf), hint);
    else
        yc_error(&L->yc, at, "%s '%s' is not one of the choices", what,
                 yc_excerpt(text, buf, sizeof buf));
}

static void check_choices(Loader *L, RawQuestion *r, Question *q)
{
    RawList *c = &r->choices;
    if (!c->present || c->bad)
        return;
    bool ok = pl_check_count(L, c, "choices", PACK_MIN_OPTIONS, PACK_MAX_OPTIONS);
    ok = pl_check_distinct(L, c, "choice") && ok;
    if (!ok) {
        c->bad = true;
        return;
    }
    q->choices = pl_list_copy(L, c);
    q->choice_count = c->kept;
}

/* The gap numbers of a cloze's `accept` (its lists were checked as they were
 * read), then each list joins its gap. `q->gap_count` is 0 when the text
 * was in error: then only what does not need the count is checked. */
static void check_gap_accepts(Loader *L, const RawAccept *a, Question *q)
{
    if (!a->present || a->bad)
        return;
    if (a->node != YC_NODE_MAPPING) {
        yc_error(&L->yc, a->at,
                 "for a cloze, 'accept' maps a gap number to a list, e.g. accept: {1: [...]}");
        return;
    }
    if (a->gap_entries > MAX_CLOZE_GAPS)
        yc_error(&L->yc, a->at, "'accept' has %zu entries; a cloze has at most %d gaps",
                 a->gap_entries, MAX_CLOZE_GAPS);
    YcMark first[MAX_CLOZE_GAPS];
    bool seen[MAX_CLOZE_GAPS] = {false};
    char buf[80];
    for (size_t i = 0; i < a->gaps_kept; i++) {
        const RawGapAccept *g = &a->gaps[i];
        const YcValue *v = &g->gap;
        if (v->bad)
            continue;
        if (v->node != YC_NODE_SCALAR || v->kind != YC_INT) {
            bool quoted = v->node == YC_NODE_SCALAR && v->kind == YC_STRING &&
                          yc_resolve_plain(v->text, v->len) == YC_INT;
            if (v->node == YC_NODE_SCALAR)
                yc_error(&L->yc, v->at,
                         "cloze 'accept' keys are gap numbers (1 = the first gap), not '%s'%s",
                         yc_excerpt(v->text, buf, sizeof buf),
                         quoted ? " (remove the quotes)" : "");
            else
                yc_error(&L->yc, v->at,
                         "cloze 'accept' keys are gap numbers (1 = the first gap), not %s",
                         yc_node_name(v->node));
            continue;
        }
        long long n;
        if (!yc_parse_int(v->text, &n))
            n = LLONG_MAX; /* too big for any text */
        if (n < 1) {
            yc_error(&L->yc, v->at, "cloze 'accept' names gap %s; gaps are numbered from 1",
                     yc_excerpt(v->text, buf, sizeof buf));
            continue;
        }
        if (q->gap_count && (unsigned long long)n > q->gap_count) {
            yc_error(&L->yc, v->at, "cloze 'accept' names gap %s, but the text has %zu %s",
                     yc_excerpt(v->text, buf, sizeof buf), q->gap_count,
                     q->gap_count == 1 ? "gap" : "gaps");
            continue;
        }
        if (n > MAX_CLOZE_GAPS)
            continue; /* the text is in error: its gap count is unknown */
        size_t gap = (size_t)n - 1;
        if (seen[gap]) {
            yc_error(&L->yc, v->at, "duplicate gap %lld in 'accept' (first given on line %d)", n,
                     first[gap].line);
            continue;
        }
        seen[gap] = true;
        first[gap] = v->at;
        if (g->ok && q->gap_count) {
            q->gaps[gap].accept = g->items;
            q->gaps[gap].accept_count = g->count;
        }
    }
}

/* ----------------------------------------------------- one check per type */

/* Each checks its type's keys in `r` (the missing ones are already
 * reported) and fills that type's fields of `q`. */

/* choice and multi: their `shuffle` is the same key. */
static void check_shuffle(Loader *L, RawQuestion *r, Question *q)
{
    if (r->shuffle.present)
        yc_bool(&L->yc, &r->shuffle, "shuffle", &q->shuffle);
}

static void check_choice(Loader *L, RawQuestion *r, Question *q)
{
    check_choices(L, r, q);
    if (yc_text(&L->yc, &r->answer, "answer", true) && r->choices.present && !r->choices.bad) {
        int i = find_entry(&r->choices, r->answer.text);
        if (i < 0)
            answer_not_a_choice(L, r->answer.at, "answer", r->answer.text, &r->choices);
        else
            q->answer_index = (size_t)i;
    }
    check_shuffle(L, r, q);
}

static void check_multi(Loader *L, RawQuestion *r, Question *q)
{
    check_choices(L, r, q);
    if (r->answers.present && !r->answers.bad) {
        RawList *a = &r->answers;
        if (a->count == 0)
            yc_error(&L->yc, a->at, "'answers' is empty; list at least one right choice");
        pl_check_distinct(L, a, "answer");
        if (r->choices.present && !r->choices.bad) {
            for (size_t i = 0; i < a->kept; i++) {
                int c = find_entry(&r->choices, a->items[i]);
                if (c < 0)
                    answer_not_a_choice(L, a->marks[i], "answer", a->items[i], &r->choices);
                else
                    q->answer_mask |= 1u << c;
            }
        }
    }
    check_shuffle(L, r, q);
}

static void check_truefalse(Loader *L, RawQuestion *r, Question *q)
{
    yc_bool(&L->yc, &r->answer, "answer", &q->truth);
}

static void check_typed(Loader *L, RawQuestion *r, Question *q)
{
    if (yc_text(&L->yc, &r->answer, "answer", true))
        q->answer = r->answer.text;
    const RawAccept *a = &r->accept;
    if (!a->present || a->bad)
        return;
    if (a->node != YC_NODE_SEQUENCE) {
        pl_not_a_list(L, a->at, "accept", a->node, a->empty);
    } else if (!a->list.bad) {
        if (a->list.count > MAX_ACCEPT)
            yc_error(&L->yc, a->list.at, "'accept' has %zu entries; the limit is %d", a->list.count,
                     MAX_ACCEPT);
        q->accept = pl_list_copy(L, &a->list);
        q->accept_count = a->list.kept;
    }
}

static void check_order(Loader *L, RawQuestion *r, Question *q)
{
    if (!r->items.present || r->items.bad)
        return;
    bool ok = pl_check_count(L, &r->items, "items", PACK_MIN_OPTIONS, PACK_MAX_OPTIONS);
    ok = pl_check_distinct(L, &r->items, "item") && ok;
    if (ok) {
        q->items = pl_list_copy(L, &r->items);
        q->item_count = r->items.kept;
    }
}

static void check_match(Loader *L, RawQuestion *r, Question *q)
{
    RawPairs *p = &r->pairs;
    if (!p->present || p->bad)
        return;
    if (p->count < PACK_MIN_OPTIONS || p->count > PACK_MAX_OPTIONS) {
        yc_error(&L->yc, p->at, "'pairs' has %zu %s; it must have %d to %d", p->count,
                 p->count == 1 ? "entry" : "entries", PACK_MIN_OPTIONS, PACK_MAX_OPTIONS);
        return;
    }
    char buf[80];
    bool ok = true;
    for (size_t i = 1; i < p->kept; i++)
        for (size_t j = 0; j < i; j++) {
            if (strcmp(p->items[i].left, p->items[j].left) == 0) {
                yc_error(&L->yc, p->left_marks[i], "duplicate left side '%s' (already pair %zu)",
                         yc_excerpt(p->items[i].left, buf, sizeof buf), j + 1);
                ok = false;
            }
            if (strcmp(p->items[i].right, p->items[j].right) == 0) {
                yc_error(&L->yc, p->right_marks[i], "duplicate right side '%s' (already pair %zu)",
                         yc_excerpt(p->items[i].right, buf, sizeof buf), j + 1);
                ok = false;
            }
        }
    if (ok) {
        q->pairs = arena_alloc_array(&L->arena, p->kept, sizeof *q->pairs);
        if (q->pairs)
            memcpy(q->pairs, p->items, p->kept * sizeof *q->pairs);
        q->pair_count = p->kept;
    }
}

static void check_cloze(Loader *L, RawQuestion *r, Question *q)
{
    if (yc_text(&L->yc, &r->text, "text", true) && parse_cloze(L, &r->text, q))
        q->text = r->text.text;
    check_gap_accepts(L, &r->accept, q);
}

static void check_flashcard(Loader *L, RawQuestion *r, Question *q)
{
    if (yc_text(&L->yc, &r->front, "front", true))
        q->front = r->front.text;
    if (yc_text(&L->yc, &r->back, "back", true))
        q->back = r->back.text;
}

/* ------------------------------------------------------------- the table */

/* One row per type, in QuestionType order. A new type is one check function
 * above and one row here (plus its name in pack.c and its fields in pack.h).
 * `required` hints finish "TYPE question 'ID' is missing 'KEY' (HINT)". */
const QuestionTypeRules pl_question_types[QUESTION_TYPE_COUNT] = {
    [QUESTION_CHOICE] =
        {
            .keys = QBIT(QK_CHOICES) | QBIT(QK_ANSWER) | QBIT(QK_SHUFFLE),
            .required = {{QK_CHOICES, "a list of 2 to 8 choices"}, {QK_ANSWER, "the right choice"}},
            .check = check_choice,
        },
    [QUESTION_MULTI] =
        {
            .keys = QBIT(QK_CHOICES) | QBIT(QK_ANSWERS) | QBIT(QK_SHUFFLE),
            .required = {{QK_CHOICES, "a list of 2 to 8 choices"},
                         {QK_ANSWERS, "a list of the right choices"}},
            .check = check_multi,
        },
    [QUESTION_TRUEFALSE] =
        {
            .keys = QBIT(QK_ANSWER),
            .required = {{QK_ANSWER, "true or false"}},
            .check = check_truefalse,
        },
    [QUESTION_TYPED] =
        {
            .keys = QBIT(QK_ANSWER) | QBIT(QK_ACCEPT),
            .required = {{QK_ANSWER, "the expected answer"}},
            .check = check_typed,
        },
    [QUESTION_ORDER] =
        {
            .keys = QBIT(QK_ITEMS),
            .required = {{QK_ITEMS, "the items in the right order"}},
            .check = check_order,
        },
    [QUESTION_MATCH] =
        {
            .keys = QBIT(QK_PAIRS),
            .required = {{QK_PAIRS, "a list of '- left: right' pairs"}},
            .check = check_match,
        },
    [QUESTION_CLOZE] =
        {
            .keys = QBIT(QK_TEXT) | QBIT(QK_ACCEPT),
            .required = {{QK_TEXT, "the text with {{gaps}}"}},
            .prompt_optional = true,
            .check = check_cloze,
        },
    [QUESTION_FLASHCARD] =
        {
            .keys = QBIT(QK_FRONT) | QBIT(QK_BACK),
            .required = {{QK_FRONT, "the card's front"}, {QK_BACK, "the card's back"}},
            .prompt_optional = true,
            .check = check_flashcard,
        },
};
