/* export.h - a loaded pack written as GIFT (for Moodle) or as CSV in
 * quizdeck's own columns (for a spreadsheet).
 *
 * Importing an export gives the same questions back: ids, types, texts,
 * answers, accepted spellings, explanations and topics. GIFT cannot hold
 * every type: order, flashcard and clozes with more than one gap have no
 * GIFT form, so they are left out and each is noted. CSV holds all eight.
 *
 * GIFT written: "::id::" titles (so re-importing keeps the ids), the topic
 * as "$CATEGORY:", explain as the general feedback "####...", a multi's
 * right answers as equal positive weights and its wrong ones as the same
 * weight negative (what quizdeck's score does), a one-gap cloze as a
 * missing word.
 *
 * Read import.h first; the CSV columns are documented in import_csv.c and
 * questions/README.md.
 */
#ifndef QUIZDECK_EXPORT_H
#define QUIZDECK_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "pack.h"
#include "strbuf.h"

typedef enum ExportFormat { EXPORT_GIFT, EXPORT_CSV } ExportFormat;

/* "gift" or "csv"; false for anything else. */
bool export_format_parse(const char *name, ExportFormat *out);

/* Appends `pack` to `out` in `format`. Each question the format cannot hold
 * is left out with a warning in `notes` (at the question's line in the pack
 * file). Returns how many questions were written. Out of memory shows as
 * out->failed. */
size_t export_pack(const Pack *pack, ExportFormat format, StrBuf *out, DiagList *notes);

#endif
