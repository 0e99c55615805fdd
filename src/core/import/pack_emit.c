/* pack_emit.c - an ImportPack written as format-1 YAML through libyaml's
 * emitter (pack_emit.h).
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

#include <yaml.h>

#include "id_index.h"
#include "pack_emit.h"

typedef struct Emit {
    yaml_emitter_t emitter;
    bool ok;
} Emit;

static int emit_write(void *data, unsigned char *buffer, size_t size)
{
    StrBuf *out = data;
    strbuf_add_n(out, (const char *)buffer, size);
    return out->failed ? 0 : 1;
}

static void emit_event(Emit *e, yaml_event_t *event, int initialized)
{
    if (!e->ok)
        return;
    if (!initialized || !yaml_emitter_emit(&e->emitter, event))
        e->ok = false;
}

static void emit_scalar_style(Emit *e, const char *text, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    bool plain = style == YAML_PLAIN_SCALAR_STYLE;
    int init = yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)text,
                                            (int)strlen(text), plain ? 1 : 0, plain ? 0 : 1, style);
    emit_event(e, &ev, init);
}

static void emit_plain(Emit *e, const char *text)
{
    emit_scalar_style(e, text, YAML_PLAIN_SCALAR_STYLE);
}

static void emit_text(Emit *e, const char *text)
{
    emit_scalar_style(
        e, text, strchr(text, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void emit_int(Emit *e, long value)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%ld", value);
    emit_plain(e, buf);
}

static void emit_mapping_start(Emit *e, bool flow)
{
    yaml_event_t ev;
    int init = yaml_mapping_start_event_initialize(
        &ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    emit_event(e, &ev, init);
}

static void emit_mapping_end(Emit *e)
{
    yaml_event_t ev;
    emit_event(e, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void emit_sequence_start(Emit *e, bool flow)
{
    yaml_event_t ev;
    int init = yaml_sequence_start_event_initialize(
        &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    emit_event(e, &ev, init);
}

static void emit_sequence_end(Emit *e)
{
    yaml_event_t ev;
    emit_event(e, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void emit_key_text(Emit *e, const char *key, const char *text)
{
    emit_plain(e, key);
    emit_text(e, text);
}

/* A list on one line when it is short and has no line breaks, else one
 * entry per line. */
static void emit_list(Emit *e, const char *const *items, size_t count)
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
    emit_sequence_start(e, flow);
    for (size_t i = 0; i < count; i++)
        emit_scalar_style(e, items[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    emit_sequence_end(e);
}

static void emit_key_list(Emit *e, const char *key, ImportList list)
{
    emit_plain(e, key);
    emit_list(e, list.items, list.count);
}

/* ---- one row per type: the keys of its own, as the loader reads them ---- */

/* choice and multi: `shuffle: false` follows their keys when the author
 * turned it off. */
static void emit_no_shuffle(Emit *e, const ImportQuestion *q)
{
    if (q->no_shuffle) {
        emit_plain(e, "shuffle");
        emit_plain(e, "false");
    }
}

static void emit_choice(Emit *e, const ImportQuestion *q)
{
    emit_key_list(e, "choices", q->choices);
    emit_key_text(e, "answer",
                  q->answer_index < q->choices.count ? q->choices.items[q->answer_index] : "");
    emit_no_shuffle(e, q);
}

static void emit_multi(Emit *e, const ImportQuestion *q)
{
    emit_key_list(e, "choices", q->choices);
    const char *right[32];
    size_t n = 0;
    for (size_t i = 0; i < q->choices.count && i < 32; i++)
        if (q->answer_mask & (1u << i))
            right[n++] = q->choices.items[i];
    emit_plain(e, "answers");
    emit_list(e, right, n);
    emit_no_shuffle(e, q);
}

static void emit_truefalse(Emit *e, const ImportQuestion *q)
{
    emit_plain(e, "answer");
    emit_plain(e, q->truth ? "true" : "false");
}

static void emit_typed(Emit *e, const ImportQuestion *q)
{
    emit_key_text(e, "answer", q->answer);
    if (q->accept.count)
        emit_key_list(e, "accept", q->accept);
}

static void emit_order(Emit *e, const ImportQuestion *q)
{
    emit_key_list(e, "items", q->items);
}

static void emit_match(Emit *e, const ImportQuestion *q)
{
    emit_plain(e, "pairs");
    emit_sequence_start(e, false);
    for (size_t i = 0; i < q->lefts.count && i < q->rights.count; i++) {
        emit_mapping_start(e, false);
        emit_scalar_style(e, q->lefts.items[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
        emit_scalar_style(e, q->rights.items[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
        emit_mapping_end(e);
    }
    emit_sequence_end(e);
}

static void emit_cloze(Emit *e, const ImportQuestion *q)
{
    emit_key_text(e, "text", q->text);
    bool any = false;
    for (size_t g = 0; g < q->gap_count; g++)
        any = any || q->gap_accept[g].count > 0;
    if (!any)
        return;
    emit_plain(e, "accept");
    emit_mapping_start(e, false);
    for (size_t g = 0; g < q->gap_count; g++) {
        if (!q->gap_accept[g].count)
            continue;
        emit_int(e, (long)g + 1);
        emit_list(e, q->gap_accept[g].items, q->gap_accept[g].count);
    }
    emit_mapping_end(e);
}

static void emit_flashcard(Emit *e, const ImportQuestion *q)
{
    emit_key_text(e, "front", q->front);
    emit_key_text(e, "back", q->back);
}

typedef struct EmitRow {
    /* Writes the type's own keys, after the prompt. */
    void (*keys)(Emit *e, const ImportQuestion *q);
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

static void emit_question(Emit *e, const ImportQuestion *q)
{
    /* An importer only makes questions of the eight types. */
    const EmitRow *row = (unsigned)q->type < QUESTION_TYPE_COUNT ? &emit_rows[q->type] : NULL;
    emit_mapping_start(e, false);
    emit_plain(e, "id");
    emit_plain(e, q->id);
    emit_plain(e, "type");
    emit_plain(e, question_type_name(q->type));
    if (q->topic[0]) {
        emit_plain(e, "topic");
        emit_plain(e, q->topic);
    }
    if (q->prompt[0] || !row || !row->prompt_optional)
        emit_key_text(e, "prompt", q->prompt);
    if (row)
        row->keys(e, q);
    if (q->time_limit >= 0) {
        emit_plain(e, "time_limit");
        emit_int(e, q->time_limit);
    }
    if (q->points >= 0) {
        emit_plain(e, "points");
        emit_int(e, q->points);
    }
    if (q->tags.count)
        emit_key_list(e, "tags", q->tags);
    if (q->explain[0])
        emit_key_text(e, "explain", q->explain);
    emit_mapping_end(e);
}

bool pack_emit(const ImportPack *pack, const PackEmitHeader *header, StrBuf *out)
{
    if (header->comment && header->comment[0])
        strbuf_add(out, header->comment);
    Emit e = {.ok = true};
    if (!yaml_emitter_initialize(&e.emitter))
        return false;
    yaml_emitter_set_output(&e.emitter, emit_write, out);
    yaml_emitter_set_unicode(&e.emitter, 1);
    yaml_emitter_set_indent(&e.emitter, 2);
    yaml_emitter_set_width(&e.emitter, 100);
    yaml_event_t ev;
    emit_event(&e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit_event(&e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    emit_mapping_start(&e, false);
    emit_plain(&e, "format");
    emit_int(&e, PACK_FORMAT_VERSION);
    emit_plain(&e, "id");
    emit_plain(&e, header->id);
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
            emit_plain(&e, "topics");
            emit_sequence_start(&e, false);
            any_topic = true;
        }
        emit_mapping_start(&e, true);
        emit_plain(&e, "id");
        emit_plain(&e, pack->topics[t].id);
        emit_key_text(&e, "title", pack->topics[t].title);
        emit_mapping_end(&e);
    }
    free(used);
    if (any_topic)
        emit_sequence_end(&e);
    emit_plain(&e, "questions");
    emit_sequence_start(&e, false);
    for (size_t i = 0; i < pack->question_count; i++)
        if (!pack->questions[i].skipped)
            emit_question(&e, &pack->questions[i]);
    emit_sequence_end(&e);
    emit_mapping_end(&e);
    emit_event(&e, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit_event(&e, &ev, yaml_stream_end_event_initialize(&ev));
    if (e.ok && !yaml_emitter_flush(&e.emitter))
        e.ok = false;
    yaml_emitter_delete(&e.emitter);
    return e.ok && !out->failed;
}
