/* yaml_hint.h - plain-language hints for libyaml's syntax errors.
 *
 * libyaml says what its grammar met ("mapping values are not allowed in
 * this context"); an author wants to know what to change. Given libyaml's
 * problem, context and marks, and the lines of the file around them, this
 * names the usual mistakes:
 *   - a tab in the indentation: "tabs cannot indent YAML; use spaces";
 *   - text holding ": " that is not in quotes: "put the text in quotes",
 *     with the line rewritten that way;
 *   - a line indented differently from the ones above it;
 *   - a quote, '[' or '{' that is never closed, pointing at where it
 *     opened (libyaml only notices where the file ends, or far below).
 * libyaml's own words stay in the message, after the hint, so the promise
 * of the format page ("libyaml's problem and mark") holds:
 *   YAML syntax: HINT (libyaml: PROBLEM[ at line L, column C][, CONTEXT that starts on line N])
 * and, with no hint, the message libyaml's words have always made:
 *   YAML syntax: PROBLEM[ (CONTEXT that starts on line N)]
 * (yaml_plain_message() makes that one alone, for a format that wants it).
 *
 * Libyaml-free (the caller copies the fields out of yaml_parser_t) and
 * allocation-free apart from the collected lines, so any reader of YAML in
 * the core (packs, sessions) can use it. Lines are counted as libyaml
 * counts them: LF, CR, CR LF, U+0085, U+2028 and U+2029 each end one;
 * columns are characters, 1-based.
 */
#ifndef QUIZDECK_YAML_HINT_H
#define QUIZDECK_YAML_HINT_H

#include <stdbool.h>
#include <stddef.h>

/* What libyaml reported, 1-based. context is NULL when it gave none. */
typedef struct YamlSyntaxError {
    const char *problem;
    const char *context;
    int line, column;                 /* the problem mark */
    int context_line, context_column; /* the context mark (with a context) */
} YamlSyntaxError;

/* One line of the file, without its line break: storage[offset..] holds
 * at most YAML_LINE_KEPT bytes of it. */
typedef struct YamlLine {
    size_t offset, len;
    int number;
} YamlLine;

enum {
    YAML_LINE_KEPT = 2048,  /* bytes kept per line: hints look at line starts */
    YAML_LINES_BEFORE = 60, /* lines above the problem that hints look at */
};

/* The lines a hint may look at, collected from the file's bytes as they
 * are fed in, in any pieces: the problem line, the YAML_LINES_BEFORE lines
 * above it, and the context line however far above. */
typedef struct YamlLines {
    YamlLine *lines; /* in file order */
    size_t count, capacity;
    char *storage;
    size_t storage_len, storage_capacity;
    /* collecting: */
    int from, to, extra; /* wanted: lines from..to, and line `extra` */
    int line;            /* the line the next byte belongs to */
    size_t raw;          /* bytes of that line so far, kept or not */
    unsigned char prev[2];
    bool after_cr, wanted, done;
} YamlLines;

/* Starts collecting the lines `error` needs. */
void yaml_lines_init(YamlLines *lines, const YamlSyntaxError *error);

/* Feeds the next `len` bytes of the file (from its first byte on), and
 * (NULL, 0) at its end. Returns false once every wanted line is complete:
 * the caller may stop reading. Out of memory, lines are dropped (hints get
 * fewer). */
bool yaml_lines_feed(YamlLines *lines, const void *data, size_t len);

/* Frees what was collected. */
void yaml_lines_free(YamlLines *lines);

/* The message for `error`, with a hint when `lines` (may be NULL) show a
 * known mistake, in the form above, into buf (always NUL-terminated).
 * *line and *column receive where the message should point: libyaml's
 * mark, or where the unclosed quote or bracket opened, or the start of the
 * line that is indented wrongly. Returns true when a hint was given. */
bool yaml_hint_message(const YamlSyntaxError *error, const YamlLines *lines, char *buf, size_t size,
                       int *line, int *column);

/* The message with libyaml's words alone (the second form above), for a
 * format whose pages pin them; it points at libyaml's mark. */
void yaml_plain_message(const YamlSyntaxError *error, char *buf, size_t size);

#endif
