/* diag.c - the list of errors and warnings a core call reports (diag.h).
 *
 * Two bounds keep reporting cheap whatever the input: at most DIAG_MAX_ITEMS
 * records are kept (the rest only counted, never formatted), and a message
 * is at most DIAG_MAX_MESSAGE bytes, cut on a character boundary.
 */
#include "diag.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool diag_would_keep(const DiagList *list, DiagSeverity severity)
{
    return list->count < DIAG_MAX_ITEMS || (severity == DIAG_ERROR && list->warnings_kept > 0);
}

/* The slot a new record goes into, or NULL (truncated is set) when it is
 * only counted. Past the limit an error takes the latest warning's slot. */
static Diag *slot_for(DiagList *list, DiagSeverity severity)
{
    if (!diag_would_keep(list, severity)) {
        list->truncated = true;
        return NULL;
    }
    if (list->count >= DIAG_MAX_ITEMS) {
        size_t i = list->count;
        while (i > 0 && list->items[i - 1].severity != DIAG_WARNING)
            i--;
        Diag *d = &list->items[i - 1]; /* warnings_kept > 0: there is one */
        free(d->file);
        free(d->message);
        list->warnings_kept--;
        list->truncated = true;
        return d;
    }
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 8;
        Diag *items = realloc(list->items, cap * sizeof *items);
        if (!items) {
            list->truncated = true;
            list->out_of_memory = true;
            return NULL;
        }
        list->items = items;
        list->capacity = cap;
    }
    return &list->items[list->count++];
}

/* Counts the record and stores it, taking ownership of `message`. */
static void push(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
                 char *message)
{
    if (severity == DIAG_ERROR)
        list->error_count++;
    else
        list->warning_count++;
    char *file_copy = message ? dup_string(file ? file : "") : NULL;
    if (!file_copy) {
        list->out_of_memory |= message != NULL; /* else only counted, or already said */
        free(message);
        list->truncated = true;
        return;
    }
    Diag *d = slot_for(list, severity);
    if (!d) {
        free(file_copy);
        free(message);
        return;
    }
    *d = (Diag){
        .severity = severity,
        .file = file_copy,
        .line = line < 1 ? 1 : line,
        .column = column < 1 ? 1 : column,
        .message = message,
    };
    if (severity == DIAG_WARNING)
        list->warnings_kept++;
}

void diag_vadd(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
               const char *format, va_list ap)
{
    if (!diag_would_keep(list, severity)) {
        push(list, severity, file, line, column, NULL); /* counted only */
        return;
    }
    va_list measure;
    va_copy(measure, ap);
    int n = vsnprintf(NULL, 0, format, measure);
    va_end(measure);
    if (n < 0) {
        push(list, severity, file, line, column, dup_string("(message could not be formatted)"));
        return;
    }
    size_t len = (size_t)n > DIAG_MAX_MESSAGE ? DIAG_MAX_MESSAGE : (size_t)n;
    char *message = malloc(len + 1);
    if (!message)
        list->out_of_memory = true;
    if (message) {
        vsnprintf(message, len + 1, format, ap);
        if ((size_t)n > DIAG_MAX_MESSAGE)
            memcpy(message + text_char_boundary(message, DIAG_MAX_MESSAGE - 3), "...", 4);
    }
    push(list, severity, file, line, column, message);
}

void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int column,
              const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    diag_vadd(list, severity, file, line, column, format, ap);
    va_end(ap);
}

void diag_append(DiagList *to, const DiagList *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const Diag *d = &from->items[i];
        char *message = dup_string(d->message);
        if (!message)
            to->out_of_memory = true;
        push(to, d->severity, d->file, d->line, d->column, message);
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
    if (from->out_of_memory)
        to->out_of_memory = true;
}

/* Appends the printable ASCII `text` to buf[*used..] as far as it fits. */
static void put_ascii(char *buf, size_t size, size_t *used, const char *text)
{
    size_t n = strlen(text);
    if (*used + n >= size)
        n = size - 1 - *used;
    memcpy(buf + *used, text, n);
    *used += n;
    buf[*used] = '\0';
}

int diag_format_as(const Diag *diag, char *buf, size_t size, TextEscapeStyle style)
{
    const char *file = diag->file ? diag->file : "";
    const char *message = diag->message ? diag->message : "";
    char head[80];
    snprintf(head, sizeof head, ":%d:%d: %s: ", diag->line, diag->column,
             diag->severity == DIAG_ERROR ? "error" : "warning");
    size_t file_len = text_escape_controls(NULL, 0, file, style);
    size_t head_len = strlen(head);
    size_t message_len = text_escape_controls(NULL, 0, message, style);
    size_t total = file_len + head_len + message_len;
    if (size > 0) {
        size_t used = 0;
        buf[0] = '\0';
        if (total < size) {
            used = text_escape_controls(buf, size, file, style);
        } else {
            /* Too long: the message matters more than the folders the file
             * is in, so the file name gives way first, keeping its end. */
            put_ascii(buf, size, &used, "...");
            if (head_len + message_len + used < size - 1)
                used +=
                    text_escape_tail(buf + used, size - head_len - message_len - used, file, style);
        }
        put_ascii(buf, size, &used, head);
        text_escape_controls(buf + used, size - used, message, style);
    }
    return total > INT_MAX ? INT_MAX : (int)total;
}

int diag_format(const Diag *diag, char *buf, size_t size)
{
    return diag_format_as(diag, buf, size, TEXT_ESCAPE_C);
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
