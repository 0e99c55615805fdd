/* pack_compare.h - a deep comparison of two loads, and a digest of one, for
 * the tests that hold the pack cache to the YAML loader.
 *
 * Two loads are the same when every field of their Packs is (every string
 * by content, every number and flag, every list by count, content and
 * whether it is NULL) and their records are (severity, line, column,
 * message, the counts and whether some were dropped). The file a record
 * names, the Pack's arena and where its memory lives are not compared.
 *
 * Header-only (static inline functions) so that a unit test and a fuzz target can
 * both include it: tests/unit/test_pack_cache.c and
 * tests/fuzz/fuzz_pack_cache.c. Read pack.h first.
 */
#ifndef QUIZDECK_PACK_COMPARE_H
#define QUIZDECK_PACK_COMPARE_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "hash64.h"
#include "pack.h"

/* Where the first difference was found, for the failure message. */
typedef struct PackDiff {
    char where[256];
} PackDiff;

static inline bool pack_diff_at(PackDiff *d, const char *what, size_t index, const char *detail)
{
    snprintf(d->where, sizeof d->where, "%s [%zu]%s%s", what, index, detail ? ": " : "",
             detail ? detail : "");
    return false;
}

static inline bool pack_same_string(PackDiff *d, const char *a, const char *b, const char *what,
                                    size_t index)
{
    if (!a || !b)
        return a == b || pack_diff_at(d, what, index, "NULL on one side");
    return strcmp(a, b) == 0 || pack_diff_at(d, what, index, a);
}

static inline bool pack_same_list(PackDiff *d, const char **a, size_t na, const char **b, size_t nb,
                                  const char *what, size_t index)
{
    if (na != nb)
        return pack_diff_at(d, what, index, "counts differ");
    if ((a == NULL) != (b == NULL))
        return pack_diff_at(d, what, index, "NULL on one side");
    for (size_t i = 0; i < na; i++)
        if (!pack_same_string(d, a[i], b[i], what, index))
            return false;
    return true;
}

static inline bool pack_same_question(PackDiff *d, const Question *a, const Question *b, size_t i)
{
    if (a->type != b->type || a->difficulty != b->difficulty || a->time_limit != b->time_limit ||
        a->points != b->points || a->line != b->line || a->answer_index != b->answer_index ||
        a->answer_mask != b->answer_mask || a->shuffle != b->shuffle || a->truth != b->truth)
        return pack_diff_at(d, "question numbers", i, a->id);
    if (!pack_same_string(d, a->id, b->id, "question id", i) ||
        !pack_same_string(d, a->prompt, b->prompt, "prompt", i) ||
        !pack_same_string(d, a->topic, b->topic, "topic", i) ||
        !pack_same_string(d, a->explain, b->explain, "explain", i) ||
        !pack_same_string(d, a->source, b->source, "source", i) ||
        !pack_same_string(d, a->answer, b->answer, "answer", i) ||
        !pack_same_string(d, a->text, b->text, "text", i) ||
        !pack_same_string(d, a->front, b->front, "front", i) ||
        !pack_same_string(d, a->back, b->back, "back", i) ||
        !pack_same_list(d, a->tags, a->tag_count, b->tags, b->tag_count, "tags", i) ||
        !pack_same_list(d, a->choices, a->choice_count, b->choices, b->choice_count, "choices",
                        i) ||
        !pack_same_list(d, a->accept, a->accept_count, b->accept, b->accept_count, "accept", i) ||
        !pack_same_list(d, a->items, a->item_count, b->items, b->item_count, "items", i))
        return false;
    if (a->pair_count != b->pair_count || (a->pairs == NULL) != (b->pairs == NULL))
        return pack_diff_at(d, "pairs", i, a->id);
    for (size_t k = 0; k < a->pair_count; k++)
        if (!pack_same_string(d, a->pairs[k].left, b->pairs[k].left, "pair left", i) ||
            !pack_same_string(d, a->pairs[k].right, b->pairs[k].right, "pair right", i))
            return false;
    if (a->gap_count != b->gap_count || (a->gaps == NULL) != (b->gaps == NULL))
        return pack_diff_at(d, "gaps", i, a->id);
    for (size_t k = 0; k < a->gap_count; k++) {
        const ClozeGap *ga = &a->gaps[k], *gb = &b->gaps[k];
        if (!pack_same_string(d, ga->answer, gb->answer, "gap answer", i) ||
            !pack_same_string(d, ga->hint, gb->hint, "gap hint", i) ||
            !pack_same_list(d, ga->accept, ga->accept_count, gb->accept, gb->accept_count,
                            "gap accept", i))
            return false;
    }
    if ((a->cloze_parts == NULL) != (b->cloze_parts == NULL))
        return pack_diff_at(d, "cloze parts", i, "NULL on one side");
    if (a->cloze_parts && !pack_same_list(d, a->cloze_parts, a->gap_count + 1, b->cloze_parts,
                                          b->gap_count + 1, "cloze parts", i))
        return false;
    return true;
}

/* True when the two Packs (either may be NULL) are the same; else says
 * where in d. */
static inline bool pack_same(PackDiff *d, const Pack *a, const Pack *b)
{
    if (!a || !b)
        return a == b ||
               pack_diff_at(d, "pack", 0, a ? "only the first loaded" : "only the second loaded");
    if (a->id_line != b->id_line || a->id_column != b->id_column ||
        a->default_time_limit != b->default_time_limit || a->default_points != b->default_points ||
        a->section_count != b->section_count || a->topic_count != b->topic_count ||
        a->question_count != b->question_count)
        return pack_diff_at(d, "pack numbers", 0, a->id);
    if (!pack_same_string(d, a->path, b->path, "path", 0) ||
        !pack_same_string(d, a->id, b->id, "pack id", 0) ||
        !pack_same_string(d, a->title, b->title, "title", 0) ||
        !pack_same_string(d, a->description, b->description, "description", 0) ||
        !pack_same_string(d, a->language, b->language, "language", 0) ||
        !pack_same_string(d, a->author, b->author, "author", 0) ||
        !pack_same_string(d, a->source_title, b->source_title, "source title", 0))
        return false;
    for (size_t i = 0; i < a->section_count; i++)
        if (!pack_same_string(d, a->sections[i].id, b->sections[i].id, "section id", i) ||
            !pack_same_string(d, a->sections[i].title, b->sections[i].title, "section title", i))
            return false;
    for (size_t i = 0; i < a->topic_count; i++)
        if (!pack_same_string(d, a->topics[i].id, b->topics[i].id, "topic id", i) ||
            !pack_same_string(d, a->topics[i].title, b->topics[i].title, "topic title", i))
            return false;
    for (size_t i = 0; i < a->question_count; i++)
        if (!pack_same_question(d, &a->questions[i], &b->questions[i], i))
            return false;
    return true;
}

/* True when the two lists hold the same records and counts. */
static inline bool pack_same_diags(PackDiff *d, const DiagList *a, const DiagList *b)
{
    if (a->count != b->count || a->error_count != b->error_count ||
        a->warning_count != b->warning_count || a->warnings_kept != b->warnings_kept ||
        a->truncated != b->truncated)
        return pack_diff_at(d, "record counts", a->count, NULL);
    for (size_t i = 0; i < a->count; i++) {
        const Diag *x = &a->items[i], *y = &b->items[i];
        if (x->severity != y->severity || x->line != y->line || x->column != y->column)
            return pack_diff_at(d, "record position", i, x->message);
        if (!pack_same_string(d, x->message, y->message, "record message", i))
            return false;
    }
    return true;
}

/* ---- a digest: the same loads give the same value ------------------------ */

static inline void pack_digest_string(Hash64 *h, const char *s)
{
    hash64_update(h, s ? s : "\xFF(null)", s ? strlen(s) + 1 : 8);
}

static inline void pack_digest_number(Hash64 *h, long long n)
{
    hash64_update(h, &n, sizeof n);
}

static inline void pack_digest_list(Hash64 *h, const char **list, size_t count)
{
    pack_digest_number(h, list ? (long long)count : -1);
    for (size_t i = 0; i < count; i++)
        pack_digest_string(h, list[i]);
}

/* Adds one load (Pack may be NULL) and its records to the digest. */
static inline void pack_digest(Hash64 *h, const Pack *p, const DiagList *diags)
{
    pack_digest_number(h, (long long)diags->count);
    pack_digest_number(h, (long long)diags->error_count);
    pack_digest_number(h, (long long)diags->warning_count);
    pack_digest_number(h, diags->truncated);
    for (size_t i = 0; i < diags->count; i++) {
        pack_digest_number(h, diags->items[i].severity);
        pack_digest_number(h, diags->items[i].line);
        pack_digest_number(h, diags->items[i].column);
        pack_digest_string(h, diags->items[i].message);
    }
    pack_digest_number(h, p != NULL);
    if (!p)
        return;
    const char *strings[] = {p->id,       p->title,  p->description,
                             p->language, p->author, p->source_title};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        pack_digest_string(h, strings[i]);
    long long numbers[] = {p->id_line, p->id_column, p->default_time_limit, p->default_points};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        pack_digest_number(h, numbers[i]);
    pack_digest_number(h, (long long)p->section_count);
    for (size_t i = 0; i < p->section_count; i++) {
        pack_digest_string(h, p->sections[i].id);
        pack_digest_string(h, p->sections[i].title);
    }
    pack_digest_number(h, (long long)p->topic_count);
    for (size_t i = 0; i < p->topic_count; i++) {
        pack_digest_string(h, p->topics[i].id);
        pack_digest_string(h, p->topics[i].title);
    }
    pack_digest_number(h, (long long)p->question_count);
    for (size_t i = 0; i < p->question_count; i++) {
        const Question *q = &p->questions[i];
        const char *texts[] = {q->id,     q->prompt, q->topic, q->explain, q->source,
                               q->answer, q->text,   q->front, q->back};
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
            pack_digest_string(h, texts[k]);
        long long values[] = {q->type,        q->difficulty, q->time_limit,
                              q->points,      q->line,       (long long)q->answer_index,
                              q->answer_mask, q->shuffle,    q->truth};
        for (size_t k = 0; k < sizeof values / sizeof values[0]; k++)
            pack_digest_number(h, values[k]);
        pack_digest_list(h, q->tags, q->tag_count);
        pack_digest_list(h, q->choices, q->choice_count);
        pack_digest_list(h, q->accept, q->accept_count);
        pack_digest_list(h, q->items, q->item_count);
        pack_digest_number(h, q->pairs ? (long long)q->pair_count : -1);
        for (size_t k = 0; k < q->pair_count; k++) {
            pack_digest_string(h, q->pairs[k].left);
            pack_digest_string(h, q->pairs[k].right);
        }
        pack_digest_number(h, q->gaps ? (long long)q->gap_count : -1);
        for (size_t k = 0; k < q->gap_count; k++) {
            pack_digest_string(h, q->gaps[k].answer);
            pack_digest_string(h, q->gaps[k].hint);
            pack_digest_list(h, q->gaps[k].accept, q->gaps[k].accept_count);
        }
        pack_digest_list(h, q->cloze_parts, q->cloze_parts ? q->gap_count + 1 : 0);
    }
}

#endif
