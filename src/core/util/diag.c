/* diag.c - the list of errors and warnings a core call reports (diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "strutil.h"

static void push(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
                 const char *message)
{
    if (severity == DIAG_ERROR)
        list->error_count++;
    else
        list->warning_count++;
    if (list->count >= DIAG_MAX_ITEMS) {
        list->truncated = true;
        return;
    }
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 8;
        Diag *items = realloc(list->items, cap * sizeof *items);
        if (!items) {
            list->truncated = true;
            return;
        }
        list->items = items;
        list->capacity = cap;
    }
    Diag d = {
        .severity = severity,
        .file = dup_string(file ? file : ""),
        .line = line < 1 ? 1 : line,
        .column = column < 1 ? 1 : column,
        .message = dup_string(message),
    };
    if (!d.file || !d.message) {
        free(d.file);
        free(d.message);
        list->truncated = true;
        return;
    }
    list->items[list->count++] = d;
}

void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
              const char *format, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    push(list, severity, file, line, column, message);
}

void diag_append(DiagList *to, const DiagList *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const Diag *d = &from->items[i];
        push(to, d->severity, d->file, d->line, d->column, d->message);
    }
    /* Records `from` had already dropped still count. */
    size_t dropped_errors = from->error_count, dropped_warnings = from->warning_count;
    for (size_t i = 0; i < from->count; i++) {
        if (from->items[i].severity == DIAG_ERROR)
            dropped_errors--;
        else
            dropped_warnings--;
    }
    to->error_count += dropped_errors;
    to->warning_count += dropped_warnings;
    if (from->truncated)
        to->truncated = true;
}

int diag_format(const Diag *diag, char *buf, size_t size)
{
    return snprintf(buf, size, "%s:%d:%d: %s: %s", diag->file, diag->line, diag->column,
                    diag->severity == DIAG_ERROR ? "error" : "warning", diag->message);
}

void diag_clear(DiagList *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].message);
    }
    free(list->items);
    *list = (DiagList){0};
}
