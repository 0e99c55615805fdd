/* yaml_emit.c - one YAML document through libyaml's emitter into a StrBuf
 * (yaml_emit.h).
 */
#include "yaml_emit.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int emit_write(void *data, unsigned char *buffer, size_t size)
{
    StrBuf *out = data;
    strbuf_add_n(out, (const char *)buffer, size);
    return out->failed ? 0 : 1;
}

/* Emits an event libyaml made (`made`, its initializer's result); after a
 * failure the event is only freed. The emitter owns what it takes. */
static void emit_event(YamlEmit *e, yaml_event_t *event, int made)
{
    if (!made) {
        e->ok = false;
        return;
    }
    if (!e->ok)
        yaml_event_delete(event);
    else if (!yaml_emitter_emit(&e->emitter, event))
        e->ok = false;
}

bool yaml_emit_open(YamlEmit *e, StrBuf *out, int width)
{
    e->ok = yaml_emitter_initialize(&e->emitter) != 0;
    if (!e->ok)
        return false;
    yaml_emitter_set_output(&e->emitter, emit_write, out);
    yaml_emitter_set_unicode(&e->emitter, 1);
    yaml_emitter_set_indent(&e->emitter, 2);
    yaml_emitter_set_width(&e->emitter, width);
    yaml_event_t ev;
    emit_event(e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit_event(e, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    return true;
}

bool yaml_emit_close(YamlEmit *e, bool *invalid)
{
    yaml_event_t ev;
    emit_event(e, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit_event(e, &ev, yaml_stream_end_event_initialize(&ev));
    if (e->ok && !yaml_emitter_flush(&e->emitter))
        e->ok = false;
    if (invalid)
        *invalid = e->emitter.error != YAML_NO_ERROR && e->emitter.error != YAML_MEMORY_ERROR;
    yaml_emitter_delete(&e->emitter);
    return e->ok;
}

void yaml_emit_scalar(YamlEmit *e, const char *text, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    /* Implicit both ways: no tag is ever written, whatever style libyaml
     * falls back to. */
    int made = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)text,
                                            (int)strlen(text), 1, 1, style);
    emit_event(e, &ev, made);
}

void yaml_emit_plain(YamlEmit *e, const char *text)
{
    yaml_emit_scalar(e, text, YAML_PLAIN_SCALAR_STYLE);
}

void yaml_emit_quoted(YamlEmit *e, const char *text)
{
    yaml_emit_scalar(e, text, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void yaml_emit_int(YamlEmit *e, long long value)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", value);
    yaml_emit_plain(e, buf);
}

void yaml_emit_key_plain(YamlEmit *e, const char *key, const char *text)
{
    yaml_emit_plain(e, key);
    yaml_emit_plain(e, text);
}

void yaml_emit_key_quoted(YamlEmit *e, const char *key, const char *text)
{
    yaml_emit_plain(e, key);
    yaml_emit_quoted(e, text);
}

void yaml_emit_key_int(YamlEmit *e, const char *key, long long value)
{
    yaml_emit_plain(e, key);
    yaml_emit_int(e, value);
}

void yaml_emit_start(YamlEmit *e, YamlEmitCollection kind, bool flow)
{
    yaml_event_t ev;
    int made =
        kind == YAML_EMIT_MAP
            ? yaml_mapping_start_event_initialize(
                  &ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
            : yaml_sequence_start_event_initialize(
                  &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    emit_event(e, &ev, made);
}

void yaml_emit_end(YamlEmit *e, YamlEmitCollection kind)
{
    yaml_event_t ev;
    emit_event(e, &ev,
               kind == YAML_EMIT_MAP ? yaml_mapping_end_event_initialize(&ev)
                                     : yaml_sequence_end_event_initialize(&ev));
}
