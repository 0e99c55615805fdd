/* pack_load.c - reads one pack file and checks every rule of the format page.
 *
 * How it works: libyaml's parser is pulled one event at a time (never a
 * document tree, so memory stays close to what the Pack keeps). A recursive
 * descent over the fixed schema reads the top-level mapping, then each
 * question into a scratch RawQuestion holding every key with its position;
 * when the question's mapping ends it is checked as a whole, because keys
 * come in any order (`type` may follow `answer`). Checks that need the whole
 * file (topics, sections and defaults may come after the questions) run at
 * the end. Every problem is appended to the caller's DiagList with the line
 * and column of the offending key or value; nothing stops at the first error
 * except YAML syntax errors, after which libyaml cannot go on.
 *
 * This file is the loader's outline: the public entry points (at the
 * bottom), the stream and its one document, the top-level keys, the
 * questions list and the end-of-file checks. The bytes and events are in
 * pack_input.c, value and question checks in pack_check.c, each question
 * type's rules in pack_types.c; pack_load_internal.h lists what they share.
 * Read pack_load_internal.h, then this file from load() upwards.
 */
#include "pack_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pack_load_internal.h"

/* ------------------------------------------------------------ key tables */

typedef enum TopKey {
    TK_FORMAT,
    TK_ID,
    TK_TITLE,
    TK_DESCRIPTION,
    TK_LANGUAGE,
    TK_AUTHOR,
    TK_SOURCE,
    TK_TOPICS,
    TK_DEFAULTS,
    TK_QUESTIONS,
    TK_COUNT
} TopKey;

static const char *const top_keys[TK_COUNT] = {
    "format", "id",     "title",  "description", "language",
    "author", "source", "topics", "defaults",    "questions",
};

static const char *const source_keys[] = {"title", "sections"};
static const char *const topic_keys[] = {"id", "title"};
static const char *const defaults_keys[] = {"time_limit", "points"};

static bool has_errors(const Loader *L)
{
    return L->diags->error_count > L->errors_before;
}

/* 'questions': a non-empty list of question mappings. */
static void parse_questions(Loader *L, Mark key)
{
    Mark at = pl_here(L);
    if (pl_node_kind(L) != NODE_SEQUENCE) {
        NodeKind kind = pl_node_kind(L);
        pl_skip_node(L);
        if (!L->stop) /* see pl_read_value: a syntax error says it better */
            pl_error_at(L, at, "'questions' must be a list of questions, not %s",
                        pl_node_name(kind));
        return;
    }
    (void)key;
    pl_advance(L);
    size_t seen = 0;
    while (pl_peek(L) != YAML_SEQUENCE_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        if (seen == PACK_MAX_QUESTIONS) {
            pl_error_at(L, pl_here(L), "more than %d questions; split the pack into several files",
                        PACK_MAX_QUESTIONS);
            L->too_many_questions = true;
            L->stop = true; /* no point reading (and holding) the rest */
            return;
        }
        seen++;
        if (pl_node_kind(L) != NODE_MAPPING) {
            pl_error_at(L, pl_here(L),
                        "question %zu must be a mapping of keys (id, type, prompt, ...), "
                        "not %s",
                        seen, pl_node_name(pl_node_kind(L)));
            pl_skip_node(L);
            continue;
        }
        if (!pl_read_question(L))
            return; /* a syntax error cut the question short: no guessing */
        pl_check_question(L);
    }
    pl_advance(L);
    if (seen == 0)
        pl_error_at(L, at, "'questions' is empty; a pack needs at least one question");
}

/* ----------------------------------------------------------- top level */

typedef struct TopLevel {
    Mark at;
    unsigned seen;
    Mark key_marks[TK_COUNT];
    RawScalar format, id, title, description, language, author;
    bool has_questions, has_topics, has_sections;
    IdIndex topic_ids, section_ids;
} TopLevel;

static void parse_source(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (pl_node_kind(L) != NODE_MAPPING) {
        pl_error_at(L, pl_here(L), "'source' must be a mapping with 'title' and 'sections', not %s",
                    pl_node_name(pl_node_kind(L)));
        pl_skip_node(L);
        return;
    }
    pl_advance(L);
    unsigned seen = 0;
    Mark marks[2] = {{0, 0}, {0, 0}};
    while (pl_peek(L) != YAML_MAPPING_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!pl_read_key(L, key, sizeof key, &at))
            continue;
        int k = pl_key_index(key, source_keys, 2);
        if (k < 0) {
            pl_unknown_key(L, at, key, "'source'", source_keys, 2);
            pl_skip_node(L);
            continue;
        }
        if (seen & (1u << k)) {
            pl_duplicate_key(L, at, key, marks[k]);
            pl_skip_node(L);
            continue;
        }
        seen |= 1u << k;
        marks[k] = at;
        if (k == 0) {
            RawScalar v;
            pl_read_value(L, at, &v);
            if (pl_check_text(L, &v, "source title", false))
                p->source_title = v.text;
            continue;
        }
        /* sections: a mapping of section id to title */
        if (pl_node_kind(L) != NODE_MAPPING) {
            pl_error_at(L, pl_here(L),
                        "'sections' must be a mapping of section id to title, not %s",
                        pl_node_name(pl_node_kind(L)));
            pl_skip_node(L);
            continue;
        }
        t->has_sections = true;
        pl_advance(L);
        size_t cap = 0;
        while (pl_peek(L) != YAML_MAPPING_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
            RawScalar id, title;
            pl_read_value(L, pl_here(L), &id);
            pl_read_value(L, id.at, &title);
            if (!pl_check_text(L, &id, "section id", true) ||
                !pl_check_id_length(L, &id, "section id"))
                continue;
            if (!pl_check_text(L, &title, "section title", true))
                continue;
            if (p->section_count == MAX_SECTIONS) {
                pl_error_at(L, id.at, "more than %d sections", MAX_SECTIONS);
                continue;
            }
            uint32_t first;
            if (id_index_insert(&t->section_ids, id.text, (uint32_t)id.at.line, &first) ==
                ID_INDEX_DUPLICATE) {
                pl_duplicate_key(L, id.at, id.text, (Mark){(int)first, 1});
                continue;
            }
            if (p->section_count == cap) {
                size_t ncap = cap ? cap * 2 : 8;
                PackSection *ns = arena_alloc_array(&L->arena, ncap, sizeof *ns);
                if (!ns)
                    continue;
                if (cap)
                    memcpy(ns, p->sections, cap * sizeof *ns);
                p->sections = ns;
                cap = ncap;
            }
            p->sections[p->section_count++] = (PackSection){id.text, title.text};
        }
        pl_advance(L);
    }
    pl_advance(L);
}

static void parse_topics(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (pl_node_kind(L) != NODE_SEQUENCE) {
        pl_error_at(L, pl_here(L), "'topics' must be a list of {id, title} entries, not %s",
                    pl_node_name(pl_node_kind(L)));
        pl_skip_node(L);
        return;
    }
    t->has_topics = true;
    pl_advance(L);
    size_t cap = 0, index = 0;
    while (pl_peek(L) != YAML_SEQUENCE_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        Mark at = pl_here(L);
        index++;
        if (pl_node_kind(L) != NODE_MAPPING) {
            pl_error_at(L, at, "topic %zu must be a mapping with 'id' and 'title', not %s", index,
                        pl_node_name(pl_node_kind(L)));
            pl_skip_node(L);
            continue;
        }
        pl_advance(L);
        RawScalar fields[2] = {{0}, {0}};
        while (pl_peek(L) != YAML_MAPPING_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
            char key[64];
            Mark kat;
            if (!pl_read_key(L, key, sizeof key, &kat))
                continue;
            int k = pl_key_index(key, topic_keys, 2);
            if (k < 0) {
                pl_unknown_key(L, kat, key, "a topic", topic_keys, 2);
                pl_skip_node(L);
            } else if (fields[k].present) {
                pl_duplicate_key(L, kat, key, fields[k].key);
                pl_skip_node(L);
            } else {
                pl_read_value(L, kat, &fields[k]);
            }
        }
        pl_advance(L);
        bool ok = true;
        for (int k = 0; k < 2; k++) {
            if (!fields[k].present) {
                pl_error_at(L, at, "topic %zu is missing '%s'", index, topic_keys[k]);
                ok = false;
            } else if (!pl_check_text(L, &fields[k], k == 0 ? "topic id" : "topic title", true)) {
                ok = false;
            } else if (k == 0 && !pl_check_id_length(L, &fields[k], "topic id")) {
                ok = false;
            }
        }
        if (!ok)
            continue;
        if (p->topic_count == MAX_TOPICS) {
            pl_error_at(L, at, "more than %d topics", MAX_TOPICS);
            continue;
        }
        uint32_t first;
        if (id_index_insert(&t->topic_ids, fields[0].text, (uint32_t)fields[0].at.line, &first) ==
            ID_INDEX_DUPLICATE) {
            pl_error_at(L, fields[0].at, "duplicate topic id '%s' (first used on line %u)",
                        fields[0].text, (unsigned)first);
            continue;
        }
        if (p->topic_count == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            PackTopic *nt = arena_alloc_array(&L->arena, ncap, sizeof *nt);
            if (!nt)
                continue;
            if (cap)
                memcpy(nt, p->topics, cap * sizeof *nt);
            p->topics = nt;
            cap = ncap;
        }
        p->topics[p->topic_count++] = (PackTopic){fields[0].text, fields[1].text};
    }
    pl_advance(L);
}

static void parse_defaults(Loader *L)
{
    Pack *p = L->pack;
    if (pl_node_kind(L) != NODE_MAPPING) {
        pl_error_at(L, pl_here(L), "'defaults' must be a mapping (time_limit, points), not %s",
                    pl_node_name(pl_node_kind(L)));
        pl_skip_node(L);
        return;
    }
    pl_advance(L);
    RawScalar fields[2] = {{0}, {0}};
    while (pl_peek(L) != YAML_MAPPING_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!pl_read_key(L, key, sizeof key, &at))
            continue;
        int k = pl_key_index(key, defaults_keys, 2);
        if (k < 0) {
            pl_unknown_key(L, at, key, "'defaults'", defaults_keys, 2);
            pl_skip_node(L);
        } else if (fields[k].present) {
            pl_duplicate_key(L, at, key, fields[k].key);
            pl_skip_node(L);
        } else {
            pl_read_value(L, at, &fields[k]);
        }
    }
    pl_advance(L);
    if (fields[0].present)
        pl_check_int(L, &fields[0], "time_limit", 0, PACK_MAX_TIME_LIMIT, &p->default_time_limit);
    if (fields[1].present)
        pl_check_int(L, &fields[1], "points", 1, PACK_MAX_POINTS, &p->default_points);
}

/* At most this many declared ids are searched for a "did you mean". */
enum { SUGGEST_FROM = 64 };

/* "topic 'x' is not declared in 'topics' (did you mean 'y'?)", suggesting
 * from the `count` declared `ids`. */
static void report_undeclared(Loader *L, Mark at, const char *what, const char *value,
                              const char *where, const char *const *ids, size_t count)
{
    const char *hint = pl_closest(L, value, ids, count);
    char buf[80];
    pl_error_at(L, at, "%s '%s' is not declared %s%s%s%s", what, pl_excerpt(value, buf, sizeof buf),
                where, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
}

/* The checks that need the whole file: required top-level keys, declared
 * topics and sections, and the defaults applied to every question. */
static void finish_pack(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (!(t->seen & (1u << TK_FORMAT)))
        pl_error_at(L, t->at, "missing 'format' (write 'format: 1' at the top)");
    if (!(t->seen & (1u << TK_ID)))
        pl_error_at(L, t->at, "missing 'id' (the pack's id, e.g. 'id: my-pack')");
    if (!(t->seen & (1u << TK_TITLE)))
        pl_error_at(L, t->at, "missing 'title' (the name shown in the pack list)");
    if (!(t->seen & (1u << TK_QUESTIONS)))
        pl_error_at(L, t->at, "missing 'questions' (the list of questions)");

    const char *topic_ids[SUGGEST_FROM], *section_ids[SUGGEST_FROM];
    size_t topic_count = p->topic_count < SUGGEST_FROM ? p->topic_count : SUGGEST_FROM;
    size_t section_count = p->section_count < SUGGEST_FROM ? p->section_count : SUGGEST_FROM;
    for (size_t i = 0; i < topic_count; i++)
        topic_ids[i] = p->topics[i].id;
    for (size_t i = 0; i < section_count; i++)
        section_ids[i] = p->sections[i].id;
    for (size_t i = 0; i < L->question_count; i++) {
        Question *q = &L->questions[i];
        const QuestionFixups *f = &L->fixups[i];
        if (q->topic[0] && t->has_topics && !id_index_contains(&t->topic_ids, q->topic))
            report_undeclared(L, f->topic, "topic", q->topic, "in 'topics'", topic_ids,
                              topic_count);
        if (q->source[0] && !id_index_contains(&t->section_ids, q->source)) {
            if (!t->has_sections)
                pl_error_at(L, f->source,
                            "source '%s' is not declared: add it under "
                            "'source: sections:' at the top of the pack",
                            pl_excerpt(q->source, (char[80]){0}, 80));
            else
                report_undeclared(L, f->source, "source", q->source, "in 'source.sections'",
                                  section_ids, section_count);
        }
        if (!f->has_time_limit)
            q->time_limit = p->default_time_limit;
        if (!f->has_points)
            q->points = p->default_points;
    }
}

static void parse_top_level(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    t->at = pl_here(L);
    pl_advance(L); /* MAPPING_START */
    while (pl_peek(L) != YAML_MAPPING_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!pl_read_key(L, key, sizeof key, &at))
            continue;
        int k = pl_key_index(key, top_keys, TK_COUNT);
        if (k < 0) {
            pl_unknown_key(L, at, key, "the pack", top_keys, TK_COUNT);
            pl_skip_node(L);
            continue;
        }
        if (t->seen & (1u << k)) {
            pl_duplicate_key(L, at, key, t->key_marks[k]);
            pl_skip_node(L);
            continue;
        }
        t->seen |= 1u << k;
        t->key_marks[k] = at;
        switch ((TopKey)k) {
        case TK_FORMAT: {
            pl_read_value(L, at, &t->format);
            RawScalar *v = &t->format;
            if (v->bad)
                break;
            if (v->node == NODE_SCALAR && v->kind == SCALAR_INT) {
                long long version;
                if (!pl_parse_int(v->text, &version) || version != PACK_FORMAT_VERSION)
                    pl_error_at(L, v->at,
                                "unsupported format %s: this version of quizdeck reads "
                                "format %d",
                                v->text, PACK_FORMAT_VERSION);
            } else {
                pl_error_at(L, v->at, "'format' must be the number %d (unquoted), not %s%s%s",
                            PACK_FORMAT_VERSION, v->node == NODE_SCALAR ? "'" : "",
                            v->node == NODE_SCALAR ? v->text : pl_node_name(v->node),
                            v->node == NODE_SCALAR ? "'" : "");
            }
            break;
        }
        case TK_ID:
            pl_read_value(L, at, &t->id);
            if (pl_check_id(L, &t->id, "pack id")) {
                p->id = t->id.text;
                p->id_line = t->id.at.line;
                p->id_column = t->id.at.col;
            }
            break;
        case TK_TITLE:
            pl_read_value(L, at, &t->title);
            if (pl_check_text(L, &t->title, "title", true))
                p->title = t->title.text;
            break;
        case TK_DESCRIPTION:
            pl_read_value(L, at, &t->description);
            if (pl_check_text(L, &t->description, "description", false))
                p->description = t->description.text;
            break;
        case TK_AUTHOR:
            pl_read_value(L, at, &t->author);
            if (pl_check_text(L, &t->author, "author", false))
                p->author = t->author.text;
            break;
        case TK_LANGUAGE:
            pl_read_value(L, at, &t->language);
            if (pl_check_text(L, &t->language, "language", true)) {
                if (!pl_is_language_tag(t->language.text))
                    pl_error_at(L, t->language.at,
                                "language '%s' is not a language tag like "
                                "'en', 'ar' or 'pt-BR'",
                                pl_excerpt(t->language.text, (char[80]){0}, 80));
                else
                    p->language = t->language.text;
            }
            break;
        case TK_SOURCE:
            parse_source(L, t);
            break;
        case TK_TOPICS:
            parse_topics(L, t);
            break;
        case TK_DEFAULTS:
            parse_defaults(L);
            break;
        case TK_QUESTIONS:
            parse_questions(L, at);
            break;
        default:
            pl_skip_node(L);
            break;
        }
    }
    pl_advance(L); /* MAPPING_END */
    if (!L->stop)
        finish_pack(L, t);
}

/* The stream: exactly one document whose root is a mapping. */
static void parse_stream(Loader *L)
{
    pl_advance(L); /* STREAM_START */
    pl_advance(L);
    if (pl_peek(L) == YAML_STREAM_END_EVENT) {
        pl_error_at(L, (Mark){1, 1},
                    "the file is empty: a pack needs format, id, title and "
                    "questions");
        return;
    }
    if (pl_peek(L) != YAML_DOCUMENT_START_EVENT)
        return; /* a syntax error, already reported */
    pl_advance(L);
    TopLevel t = {0};
    if (pl_node_kind(L) == NODE_MAPPING) {
        parse_top_level(L, &t);
    } else if (!L->stop) {
        pl_error_at(L, pl_here(L),
                    "a pack must be a mapping of keys (format, id, title, questions, "
                    "...), not %s",
                    pl_node_name(pl_node_kind(L)));
        pl_skip_node(L);
    }
    id_index_free(&t.topic_ids);
    id_index_free(&t.section_ids);
    if (pl_peek(L) == YAML_DOCUMENT_END_EVENT)
        pl_advance(L);
    if (pl_peek(L) == YAML_DOCUMENT_START_EVENT)
        pl_error_at(L, pl_here(L),
                    "a second YAML document ('---') starts here; a pack file holds "
                    "exactly one");
}

/* Stable insertion sort of this file's records by position, so a reader
 * meets them in file order. Bounded by DIAG_MAX_ITEMS. */
static void sort_diags(Loader *L)
{
    size_t n = L->diags->count - L->first_diag;
    if (n < 2)
        return; /* also: items may still be NULL, and NULL + 0 is undefined */
    Diag *d = L->diags->items + L->first_diag;
    for (size_t i = 1; i < n; i++) {
        Diag x = d[i];
        size_t j = i;
        while (j > 0 && (d[j - 1].line > x.line ||
                         (d[j - 1].line == x.line && d[j - 1].column > x.column))) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = x;
    }
}

/* Runs the loader over its input; returns the Pack or NULL. */
static Pack *load(Loader *L)
{
    L->first_diag = L->diags->count;
    L->errors_before = L->diags->error_count;
    L->input.line = 1;
    L->input.col = 1;
    L->pack = arena_alloc(&L->arena, sizeof *L->pack);
    if (!L->pack || !yaml_parser_initialize(&L->parser)) {
        L->transient = true;
        diag_add(L->diags, DIAG_ERROR, L->name, 1, 1, "out of memory");
        arena_free(&L->arena);
        return NULL;
    }
    Pack *p = L->pack;
    *p = (Pack){.id = "",
                .title = "",
                .description = "",
                .language = "en",
                .author = "",
                .source_title = "",
                .default_time_limit = PACK_DEFAULT_TIME_LIMIT,
                .default_points = PACK_DEFAULT_POINTS};
    p->path = arena_strdup(&L->arena, L->name);
    yaml_parser_set_input(&L->parser, pl_input_read, &L->input);

    parse_stream(L);

    if (L->have_ev)
        yaml_event_delete(&L->ev);
    yaml_parser_delete(&L->parser);
    id_index_free(&L->question_ids);
    free(L->fixups);
    sort_diags(L);
    /* Something asked for and not given (a string, a list, a record): the
     * result is not what the file alone makes. */
    if (L->arena.failed || L->diags->out_of_memory)
        L->transient = true;

    if (has_errors(L) || !p->path) {
        free(L->questions);
        arena_free(&L->arena);
        return NULL;
    }
    /* The question array was grown with realloc; hand it to the arena so the
     * Pack still owns exactly one arena. */
    p->question_count = L->question_count;
    p->questions = arena_adopt(&L->arena, L->questions, L->question_count * sizeof *L->questions);
    if (!p->questions) {
        L->transient = true;
        diag_add(L->diags, DIAG_ERROR, L->name, 1, 1, "out of memory");
        arena_free(&L->arena);
        return NULL;
    }
    p->arena = L->arena;
    return p;
}

/* Loads from whatever L->input reads; fills `stats` when asked. */
static Pack *load_counted(Loader *L, PackLoadStats *stats)
{
    Pack *p = load(L);
    if (stats)
        *stats =
            (PackLoadStats){.suggestions = L->suggestions, .suggestion_cells = L->suggestion_cells};
    return p;
}

Pack *pack_load_buffer_stats(const char *name, const char *data, size_t size, DiagList *diags,
                             PackLoadStats *stats)
{
    if (stats)
        *stats = (PackLoadStats){0};
    if (size > PACK_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, name, 1, 1, "file is larger than 64 MiB, the limit for a pack");
        return NULL;
    }
    Loader L = {.name = name, .diags = diags};
    L.input.fd = -1;
    L.input.data = (const unsigned char *)data;
    L.input.size = size;
    return load_counted(&L, stats);
}

Pack *pack_load_buffer(const char *name, const char *data, size_t size, DiagList *diags)
{
    return pack_load_buffer_stats(name, data, size, diags, NULL);
}

Pack *pack_load_fd(const char *name, int fd, DiagList *diags)
{
    Loader L = {.name = name, .diags = diags};
    L.input.fd = fd;
    return load_counted(&L, NULL);
}

Pack *pl_load_fd_observed(const char *name, int fd, DiagList *diags, Hash64 *hash,
                          PlProgress *progress, bool *transient)
{
    Loader L = {.name = name, .diags = diags};
    L.input.fd = fd;
    L.input.hash = hash;
    L.input.progress = progress;
    Pack *p = load(&L);
    *transient = L.transient;
    return p;
}

void pl_report_refusal(DiagList *diags, const char *path, FsRefusal refusal, const FsFile *file)
{
    const char *link = file->via_link ? "a symbolic link to " : "";
    switch (refusal) {
    case FS_OPENED:
        return;
    case FS_MISSING:
        if (file->via_link)
            break; /* a link to nothing: said below */
        diag_add(diags, DIAG_ERROR, path, 1, 1, "cannot open the file: %s", strerror(ENOENT));
        return;
    case FS_OPEN_FAILED:
        diag_add(diags, DIAG_ERROR, path, 1, 1, "cannot open the file: %s", strerror(file->error));
        return;
    case FS_TOO_BIG:
        diag_add(diags, DIAG_ERROR, path, 1, 1,
                 "file is %lld bytes, larger than 64 MiB, the limit for a pack", file->size);
        return;
    case FS_LINK_OUTSIDE:
        diag_add(diags, DIAG_ERROR, path, 1, 1,
                 "not read: it is a symbolic link that leads out of its folder; only files "
                 "inside the folder are read");
        return;
    case FS_LINK_BROKEN:
        break;
    case FS_FOLDER:
        diag_add(diags, DIAG_ERROR, path, 1, 1, "not read: it is %sa folder, not a pack file",
                 link);
        return;
    case FS_FIFO:
    case FS_DEVICE:
    case FS_SOCKET:
        diag_add(diags, DIAG_ERROR, path, 1, 1, "not read: it is %s%s, not a file", link,
                 fs_refusal_noun(refusal));
        return;
    }
    diag_add(diags, DIAG_ERROR, path, 1, 1,
             "not read: it is a symbolic link to nothing (its target is missing, or links loop)");
}

Pack *pack_load_file(const char *path, DiagList *diags)
{
    FsFile file;
    FsRefusal refusal = fs_open_file(path, PACK_MAX_FILE_BYTES, &file);
    if (refusal != FS_OPENED) {
        pl_report_refusal(diags, path, refusal, &file);
        return NULL;
    }
    Pack *p = pack_load_fd(path, file.fd, diags);
    close(file.fd);
    return p;
}
