/* pack_emit.h - writing an ImportPack as a format-1 pack (YAML).
 *
 * One writer for every importer, on libyaml's emitter, so quoting and
 * escaping are always right whatever the text holds. Questions marked
 * skipped are left out. The result is meant to be read by people too:
 * block style, one key per line, text double-quoted as the authoring guide
 * recommends, short lists on one line.
 *
 * Read import.h first for the model.
 */
#ifndef QUIZDECK_PACK_EMIT_H
#define QUIZDECK_PACK_EMIT_H

#include <stdbool.h>

#include "import.h"
#include "strbuf.h"

typedef struct PackEmitHeader {
    const char *id;          /* the pack's id (a valid id) */
    const char *title;       /* its title (not empty) */
    const char *description; /* "" for none */
    const char *comment;     /* lines put first as YAML comments ("" for none) */
} PackEmitHeader;

/* Appends the pack to `out`. Every question must have its id. Returns false
 * when libyaml refuses an event or memory runs out (out is then unusable).
 * The questions start after a line "questions:", each at a line that
 * begins "- " (the question's first key is `id`), so a checker's line can
 * be traced back to its question (import.c does). */
bool pack_emit(const ImportPack *pack, const PackEmitHeader *header, StrBuf *out);

#endif
