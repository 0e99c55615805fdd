/* pack_emit.c - an ImportPack written as format-1 YAML through libyaml's
 * emitter (yaml_emit.h; pack_emit.h).
 *
 * The emitter chooses quoting and escapes; this file only chooses styles:
 * plain for ids, numbers and booleans, double quotes for text, literal
 * blocks for text with line breaks (libyaml falls back to double quotes
 * wherever a block is not allowed), flow style for the short lists of
 * choices and accepted answers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id_index.h"
#include "pack_emit.h"
#include "yaml_emit.h"

static void emit_text(YamlEmit *e, const char *text)
{
    yaml_emit_scalar(
        e, text, strchr(text, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void emit_key_text(YamlEmit *e, const char *key, const char *text)
{
    yaml_emit_plain(e, key);
    emit_text(e, text);
}

/* A list on one line when it is short and has no line breaks, else one
 * entry per line. */
static void emit_list(YamlEmit *e, const char *const *items, size_t count)
{
    size_t total = 0;
    bool flow = true;
    for (size_t i = 0; i < count; i++) {
        total += strlen(items[i]) + 4;
        if (strchr(items[i], '\n'))
            flow = false;
    }
    if (total > 72)
        flow = false;
    yaml_emit_start(e, YAML_EMIT_SEQ, flow);
    for (size_t i = 0; i < count; i++)
        yaml_emit_scalar(e, items[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    yaml_emit_end(e, YAML_EMIT_SEQ);
}

static void emit_key_list(YamlEmit *e, const char *key, ImportList list)
{
    yaml_emit_plain(e, key);
    emit_list(e, list.items, list.count);
}

/* ---- one row per type: the keys of its own, as the loader reads them ---- */

/* choice and multi: `shuffle: false` follows their keys when the author
 * turned it off. */
static void emit_no_shuffle(YamlEmit *e, const ImportQuestion *q)
{
    if (q->no_shuffle) {
        yaml_emit_key_plain(e, "shuffle", "false");
    }
}

static void emit_choice(YamlEmit *e, const ImportQuestion *q)
{
    emit_key_list(e, "choices", q->choices);
    emit_key_text(e, "answer",
                  q->answer_index < q->choices.count ? q->choices.items[q->answer_index] : "");
    emit_no_shuffle(e, q);
}

static void emit_multi(YamlEmit *e, const ImportQuestion *q)
{
    emit_key_list(e, "choices", q->choices);
    const char *right[32];
    size_t n = 0;
    for (size_t i = 0; i < q->choices.count && i < 32; i++)
        if (q->answer_mask & (1u << i))
            right[n++] = q->choices.items[i];
    yaml_emit_plain(e, "answers");
    emit_list(e, right, n);
    emit_no_shuffle(e, q);
}

static void emit_truefalse(YamlEmit *e, const ImportQuestion *q)
{
    yaml_emit_key_plain(e, "answer", q->truth ? "true" : "false");
}

static void emit_typed(YamlEmit *e, const ImportQuestion *q)
{
    emit_key_text(e, "answer", q->answer);
    if (q->accept.count)
        emit_key_list(e, "accept", q->accept);
}

static void emit_order(YamlEmit *e, const ImportQuestion *q)
{
    emit_key_list(e, "items", q->items);
}

static void emit_match(YamlEmit *e, const ImportQuestion *q)
{
    yaml_emit_plain(e, "pairs");
    yaml_emit_start(e, YAML_EMIT_SEQ, false);
    for (size_t i = 0; i < q->lefts.count && i < q->rights.count; i++) {
        yaml_emit_start(e, YAML_EMIT_MAP, false);
        yaml_emit_scalar(e, q->lefts.items[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
        yaml_emit_scalar(e, q->rights.items[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
        yaml_emit_end(e, YAML_EMIT_MAP);
    }
    yaml_emit_end(e, YAML_EMIT_SEQ);
}

static void emit_cloze(YamlEmit *e, const ImportQuestion *q)
{
    emit_key_text(e, "text", q->text);
    bool any = false;
    for (size_t g = 0; g < q->gap_count; g++)
        any = any || q->gap_accept[g].count > 0;
    if (!any)
        return;
    yaml_emit_plain(e, "accept");
    yaml_emit_start(e, YAML_EMIT_MAP, false);
    for (size_t g = 0; g < q->gap_count; g++) {
        if (!q->gap_accept[g].count)
            continue;
        yaml_emit_int(e, (long long)g + 1);
        emit_list(e, q->gap_accept[g].items, q->gap_accept[g].count);
    }
    yaml_emit_end(e, YAML_EMIT_MAP);
}

static void emit_flashcard(YamlEmit *e, const ImportQuestion *q)
{
    emit_key_text(e, "front", q->front);
    emit_key_text(e, "back", q->back);
}

typedef struct EmitRow {
    /* Writes the type's own keys, after the prompt. */
    void (*keys)(YamlEmit *e, const ImportQuestion *q);
    /* Shows its text or front instead: the prompt is written only when
     * there is one (the loader's prompt_optional, pack_types.c). */
    bool prompt_optional;
} EmitRow;

static const EmitRow emit_rows[] = {
    [QUESTION_CHOICE] = {emit_choice, false},       [QUESTION_MULTI] = {emit_multi, false},
    [QUESTION_TRUEFALSE] = {emit_truefalse, false}, [QUESTION_TYPED] = {emit_typed, false},
    [QUESTION_ORDER] = {emit_order, false},         [QUESTION_MATCH] = {emit_match, false},
    [QUESTION_CLOZE] = {emit_cloze, true},          [QUESTION_FLASHCARD] = {emit_flashcard, true},
};
_Static_assert(sizeof emit_rows / sizeof emit_rows[0] == QUESTION_TYPE_COUNT,
               "every question type has its row in emit_rows");

static void emit_question(YamlEmit *e, const ImportQuestion *q)
{
    /* An importer only makes questions of the eight types. */
    const EmitRow *row = (unsigned)q->type < QUESTION_TYPE_COUNT ? &emit_rows[q->type] : NULL;
    yaml_emit_start(e, YAML_EMIT_MAP, false);
    yaml_emit_key_plain(e, "id", q->id);
    yaml_emit_key_plain(e, "type", question_type_name(q->type));
    if (q->topic[0]) {
        yaml_emit_key_plain(e, "topic", q->topic);
    }
    if (q->prompt[0] || !row || !row->prompt_optional)
        emit_key_text(e, "prompt", q->prompt);
    if (row)
        row->keys(e, q);
    if (q->time_limit >= 0) {
        yaml_emit_key_int(e, "time_limit", q->time_limit);
    }
    if (q->points >= 0) {
        yaml_emit_key_int(e, "points", q->points);
    }
    if (q->tags.count)
        emit_key_list(e, "tags", q->tags);
    if (q->explain[0])
        emit_key_text(e, "explain", q->explain);
    yaml_emit_end(e, YAML_EMIT_MAP);
}

bool pack_emit(const ImportPack *pack, const PackEmitHeader *header, StrBuf *out)
{
    if (header->comment && header->comment[0])
        strbuf_add(out, header->comment);
    YamlEmit e;
    if (!yaml_emit_open(&e, out, 100))
        return false;
    yaml_emit_start(&e, YAML_EMIT_MAP, false);
    yaml_emit_plain(&e, "format");
    yaml_emit_int(&e, PACK_FORMAT_VERSION);
    yaml_emit_plain(&e, "id");
    yaml_emit_plain(&e, header->id);
    emit_key_text(&e, "title", header->title);
    if (header->description && header->description[0])
        emit_key_text(&e, "description", header->description);
    /* Only the topics a kept question uses: a skipped question's category
     * must not leave an empty topic behind. */
    bool *used = pack->topic_count ? calloc(pack->topic_count, sizeof *used) : NULL;
    IdIndex index = {0};
    if (used) {
        for (size_t t = 0; t < pack->topic_count; t++)
            id_index_insert(&index, pack->topics[t].id, (uint32_t)t, NULL);
        for (size_t i = 0; i < pack->question_count; i++) {
            const ImportQuestion *q = &pack->questions[i];
            uint32_t t;
            if (!q->skipped && q->topic[0] &&
                id_index_insert(&index, q->topic, UINT32_MAX, &t) == ID_INDEX_DUPLICATE &&
                t < pack->topic_count)
                used[t] = true;
        }
    } else if (pack->topic_count) {
        e.ok = false;
    }
    id_index_free(&index);
    bool any_topic = false;
    for (size_t t = 0; t < pack->topic_count && used; t++) {
        if (!used[t])
            continue;
        if (!any_topic) {
            yaml_emit_plain(&e, "topics");
            yaml_emit_start(&e, YAML_EMIT_SEQ, false);
            any_topic = true;
        }
        yaml_emit_start(&e, YAML_EMIT_MAP, true);
        yaml_emit_plain(&e, "id");
        yaml_emit_plain(&e, pack->topics[t].id);
        emit_key_text(&e, "title", pack->topics[t].title);
        yaml_emit_end(&e, YAML_EMIT_MAP);
    }
    free(used);
    if (any_topic)
        yaml_emit_end(&e, YAML_EMIT_SEQ);
    yaml_emit_plain(&e, "questions");
    yaml_emit_start(&e, YAML_EMIT_SEQ, false);
    for (size_t i = 0; i < pack->question_count; i++)
        if (!pack->questions[i].skipped)
            emit_question(&e, &pack->questions[i]);
    yaml_emit_end(&e, YAML_EMIT_SEQ);
    yaml_emit_end(&e, YAML_EMIT_MAP);
    return yaml_emit_close(&e, NULL) && !out->failed;
}
