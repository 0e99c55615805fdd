/* report_internal.h - what the report's files share. Private to
 * src/core/class/report*.c; everybody else includes report.h.
 */
#ifndef QUIZDECK_REPORT_INTERNAL_H
#define QUIZDECK_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "id_index.h"
#include "report.h"

/* What checking one file found. */
typedef struct Check {
    char reason[300]; /* the first problem; "" when none */
    bool pack_changed;
    Round round; /* the replay, valid when reason is "" */
    bool have_round;
} Check;

/* Checks one attempt against the session (`drawn` holds "pack/question"
 * of every question it asks); c->reason is "" when it holds, and then
 * c->round is the replay. Free with report_check_free() either way. */
void report_check_attempt(const Report *rep, const IdIndex *drawn, const ClassAttempt *a, Check *c);
void report_check_free(Check *c);

/* "pack/question" into buf: the key of the drawn set and of the stats. */
const char *report_qkey(const char *pack_id, const char *question_id, char *buf, size_t size);

/* What became of a file, in a word ("counted", "flagged", ...), translated:
 * the text and the HTML report both print it. */
const char *report_file_state_word(ReportFileState s);

#endif
