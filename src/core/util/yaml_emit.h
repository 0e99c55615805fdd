/* yaml_emit.h - writing one YAML document into a StrBuf through libyaml's
 * emitter, which chooses quoting and escapes so that any text comes out
 * right. The writer only picks styles: the pack writer (pack_emit.c) and
 * the result files (result_write.c) both write through this.
 *
 * A YamlEmit remembers the first failure and ignores every call after it,
 * so a writer emits its whole document and asks once, at the end:
 *   YamlEmit e; if (!yaml_emit_open(&e, &out, 100)) fail;
 *   yaml_emit_start(&e, YAML_EMIT_MAP, false); yaml_emit_plain(&e, "id"); ...
 *   yaml_emit_end(&e, YAML_EMIT_MAP);
 *   if (!yaml_emit_close(&e, NULL)) fail;
 *
 * Read strbuf.h first.
 */
#ifndef QUIZDECK_YAML_EMIT_H
#define QUIZDECK_YAML_EMIT_H

#include <stdbool.h>

#include <yaml.h>

#include "strbuf.h"

typedef struct YamlEmit {
    yaml_emitter_t emitter;
    bool ok; /* false from the first refused event or memory failure on */
} YamlEmit;

typedef enum YamlEmitCollection { YAML_EMIT_MAP, YAML_EMIT_SEQ } YamlEmitCollection;

/* Starts a document appended to `out` (borrowed until yaml_emit_close):
 * UTF-8 written as it is (Arabic stays readable), an indent of 2, lines
 * folded at `width` columns (-1: never). False when libyaml has no memory
 * (nothing to close then). */
bool yaml_emit_open(YamlEmit *e, StrBuf *out, int width);

/* Ends the document, flushes it into `out` and frees the emitter. True
 * when every event was taken and `out` holds the whole document; else
 * *invalid (when not NULL) says whether libyaml refused an event (a
 * writer's mistake) rather than ran out of memory. */
bool yaml_emit_close(YamlEmit *e, bool *invalid);

/* A scalar in `style`; libyaml falls back to another where it must (a
 * literal block where no block is allowed). */
void yaml_emit_scalar(YamlEmit *e, const char *text, yaml_scalar_style_t style);
/* Plain (keys, ids, numbers, booleans) and double-quoted (text that must
 * stay text: "true" or "12" as written). */
void yaml_emit_plain(YamlEmit *e, const char *text);
void yaml_emit_quoted(YamlEmit *e, const char *text);
void yaml_emit_int(YamlEmit *e, long long value);

/* A key (plain) and its value: the pairs of a block mapping. */
void yaml_emit_key_plain(YamlEmit *e, const char *key, const char *text);
void yaml_emit_key_quoted(YamlEmit *e, const char *key, const char *text);
void yaml_emit_key_int(YamlEmit *e, const char *key, long long value);

/* A mapping or sequence, in flow style ({a: 1}, [a, b]) or block style. */
void yaml_emit_start(YamlEmit *e, YamlEmitCollection kind, bool flow);
void yaml_emit_end(YamlEmit *e, YamlEmitCollection kind);

#endif
