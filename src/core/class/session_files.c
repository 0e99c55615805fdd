/* session_files.c - the files beside session.yaml: the roster
 * (students.txt), and telling a session file from a pack (session.h). The
 * roster's UTF-8 is checked, with the line and column of a bad byte, by
 * yaml_cursor.h's yc_utf8_check.
 *
 * Read session.h first; session_load.c calls session_load_roster().
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "class_yaml.h"
#include "fsutil.h"
#include "session_internal.h"

/* Grows an arena array of `size`-byte elements to hold one more. */
void *session_grow(Arena *arena, void *items, size_t count, size_t *cap, size_t size)
{
    if (count < *cap)
        return items;
    size_t ncap = *cap ? *cap * 2 : 8;
    void *n = arena_alloc_array(arena, ncap, size);
    if (!n)
        return NULL;
    if (count)
        memcpy(n, items, count * size);
    *cap = ncap;
    return n;
}

/* ---------------------------------------------------------------- roster */

/* Cuts spaces (and tabs when `tabs`) and a CR from both ends. */
static char *trim(char *s, bool tabs)
{
    while (*s == ' ' || (tabs && *s == '\t'))
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || (tabs && s[n - 1] == '\t') || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return true;
    return false;
}

/* students.txt: one student a line, "Name" or "ID<TAB>Name"; blank lines
 * and lines starting with '#' are skipped; a UTF-8 byte order mark (as
 * Windows editors write) is allowed. */
static void parse_roster(Session *s, const char *path, char *text, size_t size, DiagList *diags)
{
    YcMark bad_at;
    unsigned char byte;
    if (!yc_utf8_check(text, size, &bad_at, &byte)) {
        diag_add(diags, DIAG_ERROR, path, bad_at.line, bad_at.col,
                 "invalid UTF-8 (byte 0x%02X): the file must be saved as UTF-8", byte);
        return;
    }
    size_t cap = 0;
    int line = 0;
    char buf[YC_EXCERPT];
    char *p = text;
    if (size >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p && *p) {
        char *end = strchr(p, '\n');
        if (end)
            *end = '\0';
        line++;
        char *entry = trim(p, false); /* a tab may separate an ID from no name */
        p = end ? end + 1 : NULL;
        if (!entry[0] || entry[0] == '#')
            continue;
        char *id = "", *name = entry, *tab = strchr(entry, '\t');
        if (tab) {
            *tab = '\0';
            id = trim(entry, true);
            name = trim(tab + 1, true);
        }
        if (!name[0]) {
            diag_add(diags, DIAG_ERROR, path, line, 1, "line %d has an ID but no name", line);
            continue;
        }
        if (strchr(name, '\t') || has_control(name) || has_control(id)) {
            diag_add(diags, DIAG_ERROR, path, line, 1,
                     "write each student as 'Name' or 'ID<TAB>Name', with one tab");
            continue;
        }
        if (strlen(name) > SESSION_MAX_NAME || strlen(id) > SESSION_MAX_NAME) {
            diag_add(diags, DIAG_ERROR, path, line, 1, "a name or ID is at most %d bytes",
                     SESSION_MAX_NAME);
            continue;
        }
        if (s->student_count == SESSION_MAX_STUDENTS) {
            diag_add(diags, DIAG_ERROR, path, line, 1, "more than %d students",
                     SESSION_MAX_STUDENTS);
            break;
        }
        bool bad = false;
        for (size_t i = 0; i < s->student_count && !bad; i++) {
            const SessionStudent *o = &s->students[i];
            if (id[0] && strcmp(o->id, id) == 0) {
                diag_add(diags, DIAG_ERROR, path, line, 1,
                         "ID '%s' is given twice (first on line %d)",
                         yc_excerpt(id, buf, sizeof buf), o->line);
                bad = true;
            } else if (strcmp(o->name, name) == 0 && (!id[0] || !o->id[0])) {
                diag_add(diags, DIAG_ERROR, path, line, 1,
                         "'%s' is listed twice (first on line %d); give both an ID "
                         "('ID<TAB>Name') so they can be told apart",
                         yc_excerpt(name, buf, sizeof buf), o->line);
                bad = true;
            }
        }
        if (bad)
            continue;
        SessionStudent *grown =
            session_grow(&s->arena, s->students, s->student_count, &cap, sizeof *grown);
        char *id_copy = arena_strdup(&s->arena, id), *name_copy = arena_strdup(&s->arena, name);
        if (!grown || !id_copy || !name_copy)
            break;
        s->students = grown;
        s->students[s->student_count++] = (SessionStudent){id_copy, name_copy, line};
    }
    if (s->student_count == 0)
        diag_add(diags, DIAG_ERROR, path, 1, 1,
                 "students.txt lists no student; write one name a line, or delete the file");
}

void session_load_roster(Session *s, DiagList *diags)
{
    s->roster_path = "";
    if (!s->folder[0])
        return;
    char *path = cy_join(s->folder, "students.txt");
    if (!path)
        return;
    char *text = NULL;
    size_t size = 0;
    CyFileStatus st = cy_read_file(path, SESSION_MAX_ROSTER_BYTES, false, &text, &size);
    if (st == CY_FILE_MISSING) {
        free(path);
        return;
    }
    s->roster_path = arena_strdup(&s->arena, path);
    if (st == CY_FILE_OK && cy_place(s->folder, path) == CY_OUTSIDE) {
        diag_add(diags, DIAG_ERROR, path, 1, 1,
                 "students.txt is a link to a file outside the session folder; copy the file "
                 "into the folder instead");
    } else if (st == CY_FILE_TOO_BIG) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "students.txt is larger than 1 MiB");
    } else if (st != CY_FILE_OK) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "cannot read students.txt: %s",
                 cy_file_problem(st));
    } else {
        parse_roster(s, path, text, size, diags);
    }
    free(text);
    free(path);
}

const SessionStudent *session_find_student(const Session *s, const char *key)
{
    for (size_t i = 0; i < s->student_count; i++)
        if ((s->students[i].id[0] && strcmp(s->students[i].id, key) == 0) ||
            strcmp(s->students[i].name, key) == 0)
            return &s->students[i];
    return NULL;
}

/* A quick look at the top-level keys for `kind: session`. */
bool session_is_session_path(const char *path)
{
    if (is_dir(path)) {
        char *file = cy_join(path, "session.yaml");
        bool yes = false;
        if (file) {
            char *data = NULL;
            size_t size = 0;
            yes = cy_read_file(file, SESSION_MAX_FILE_BYTES, false, &data, &size) == CY_FILE_OK;
            free(data);
        }
        free(file);
        return yes;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "session.yaml") == 0)
        return true;
    char *data = NULL;
    size_t size = 0;
    if (cy_read_file(path, SESSION_MAX_FILE_BYTES, false, &data, &size) != CY_FILE_OK)
        return false;
    bool yes = false;
    yaml_parser_t p;
    if (yaml_parser_initialize(&p)) {
        yaml_parser_set_input_string(&p, (const unsigned char *)data, size);
        int depth = 0;
        bool want_key = false, kind_next = false;
        for (int events = 0; events < 100000; events++) {
            yaml_event_t e;
            if (!yaml_parser_parse(&p, &e))
                break;
            yaml_event_type_t t = e.type;
            if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
                kind_next = kind_next && depth != 1; /* `kind:` with a list: not a session */
                want_key = ++depth == 1;
            } else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
                want_key = --depth == 1; /* a value that was a node has ended */
            } else if (t == YAML_SCALAR_EVENT && depth == 1) {
                const char *v = (const char *)e.data.scalar.value;
                if (want_key)
                    kind_next = strcmp(v, "kind") == 0;
                else if (kind_next && strcmp(v, "session") == 0)
                    yes = true;
                want_key = !want_key;
            }
            bool end = t == YAML_STREAM_END_EVENT || (t == YAML_MAPPING_END_EVENT && depth == 0);
            yaml_event_delete(&e);
            if (yes || end)
                break;
        }
        yaml_parser_delete(&p);
    }
    free(data);
    return yes;
}
