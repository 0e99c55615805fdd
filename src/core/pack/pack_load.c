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
 * questions list and the end-of-file checks, and the pack's YcFormat: the
 * limits and words the core's YAML cursor (yaml_cursor.h, shared with the
 * class files) reads a pack with. The bytes, events and value checks are
 * there; lists and question checks in pack_check.c, each question type's
 * rules in pack_types.c; pack_load_internal.h lists what they share.
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

/* What a pack asks of the YAML cursor; the words are the format page's. */
static const YcFormat pack_format = {
    .max_bytes = PACK_MAX_FILE_BYTES,
    .too_big = "file is larger than 64 MiB, the limit for a pack",
    .max_depth = 16, /* the schema needs 5; deeper is hostile or a mistake */
    .depth_note = "; a pack needs far fewer",
    .noun = "a pack",
    .utf8_advice = "packs must be saved as UTF-8",
    .quote_hint = true,
    .syntax_hints = true,
    .suggestion_budget = PACK_SUGGESTION_BUDGET,
};

/* 'questions': a non-empty list of question mappings. */
static void parse_questions(Loader *L, YcMark key)
{
    YcMark at = yc_here(&L->yc);
    if (yc_node(&L->yc) != YC_NODE_SEQUENCE) {
        YcNode kind = yc_node(&L->yc);
        yc_skip(&L->yc);
        if (!L->yc.stop) /* see yc_read_value_into: a syntax error says it better */
            yc_error(&L->yc, at, "'questions' must be a list of questions, not %s",
                     yc_node_name(kind));
        return;
    }
    (void)key;
    yc_advance(&L->yc);
    size_t seen = 0;
    while (yc_peek(&L->yc) != YAML_SEQUENCE_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        if (seen == PACK_MAX_QUESTIONS) {
            yc_error(&L->yc, yc_here(&L->yc),
                     "more than %d questions; split the pack into several files",
                     PACK_MAX_QUESTIONS);
            L->too_many_questions = true;
            L->yc.stop = true; /* no point reading (and holding) the rest */
            return;
        }
        seen++;
        if (yc_node(&L->yc) != YC_NODE_MAPPING) {
            yc_error(&L->yc, yc_here(&L->yc),
                     "question %zu must be a mapping of keys (id, type, prompt, ...), "
                     "not %s",
                     seen, yc_node_name(yc_node(&L->yc)));
            yc_skip(&L->yc);
            continue;
        }
        if (!pl_read_question(L))
            return; /* a syntax error cut the question short: no guessing */
        pl_check_question(L);
    }
    yc_advance(&L->yc);
    if (seen == 0)
        yc_error(&L->yc, at, "'questions' is empty; a pack needs at least one question");
}

/* ----------------------------------------------------------- top level */

typedef struct TopLevel {
    YcMark at;
    unsigned seen;
    YcMark key_marks[TK_COUNT];
    YcValue format, id, title, description, language, author;
    bool has_questions, has_topics, has_sections;
    IdIndex topic_ids, section_ids;
} TopLevel;

static void parse_source(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (yc_node(&L->yc) != YC_NODE_MAPPING) {
        yc_error(&L->yc, yc_here(&L->yc),
                 "'source' must be a mapping with 'title' and 'sections', not %s",
                 yc_node_name(yc_node(&L->yc)));
        yc_skip(&L->yc);
        return;
    }
    yc_advance(&L->yc);
    unsigned seen = 0;
    YcMark marks[2] = {{0, 0}, {0, 0}};
    while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        char key[64];
        YcMark at;
        if (!yc_read_key(&L->yc, key, sizeof key, &at))
            continue;
        int k = yc_known_key(&L->yc, key, at, "'source'", source_keys, 2, &seen, marks);
        if (k < 0)
            continue;
        if (k == 0) {
            YcValue v;
            yc_read_value(&L->yc, at, &v);
            if (yc_text(&L->yc, &v, "source title", false))
                p->source_title = v.text;
            continue;
        }
        /* sections: a mapping of section id to title */
        if (yc_node(&L->yc) != YC_NODE_MAPPING) {
            yc_error(&L->yc, yc_here(&L->yc),
                     "'sections' must be a mapping of section id to title, not %s",
                     yc_node_name(yc_node(&L->yc)));
            yc_skip(&L->yc);
            continue;
        }
        t->has_sections = true;
        yc_advance(&L->yc);
        size_t cap = 0;
        while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
            YcValue id, title;
            yc_read_value(&L->yc, yc_here(&L->yc), &id);
            yc_read_value(&L->yc, id.at, &title);
            if (!yc_text(&L->yc, &id, "section id", true) ||
                !yc_id_length(&L->yc, &id, "section id"))
                continue;
            if (!yc_text(&L->yc, &title, "section title", true))
                continue;
            if (p->section_count == MAX_SECTIONS) {
                yc_error(&L->yc, id.at, "more than %d sections", MAX_SECTIONS);
                continue;
            }
            uint32_t first;
            if (id_index_insert(&t->section_ids, id.text, (uint32_t)id.at.line, &first) ==
                ID_INDEX_DUPLICATE) {
                yc_duplicate_key(&L->yc, id.at, id.text, (YcMark){(int)first, 1});
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
        yc_advance(&L->yc);
    }
    yc_advance(&L->yc);
}

/* A mapping of two scalar fields (a topic, the defaults) into fields[],
 * up to and with its end. */
static void read_fields(Loader *L, const char *where, const char *const names[2], YcValue fields[2])
{
    unsigned seen = 0;
    YcMark marks[2];
    while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        char key[YC_MAX_KEY];
        YcMark at;
        if (!yc_read_key(&L->yc, key, sizeof key, &at))
            continue;
        int k = yc_known_key(&L->yc, key, at, where, names, 2, &seen, marks);
        if (k >= 0)
            yc_read_value(&L->yc, at, &fields[k]);
    }
    yc_advance(&L->yc);
}

static void parse_topics(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (yc_node(&L->yc) != YC_NODE_SEQUENCE) {
        yc_error(&L->yc, yc_here(&L->yc), "'topics' must be a list of {id, title} entries, not %s",
                 yc_node_name(yc_node(&L->yc)));
        yc_skip(&L->yc);
        return;
    }
    t->has_topics = true;
    yc_advance(&L->yc);
    size_t cap = 0, index = 0;
    while (yc_peek(&L->yc) != YAML_SEQUENCE_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        YcMark at = yc_here(&L->yc);
        index++;
        if (yc_node(&L->yc) != YC_NODE_MAPPING) {
            yc_error(&L->yc, at, "topic %zu must be a mapping with 'id' and 'title', not %s", index,
                     yc_node_name(yc_node(&L->yc)));
            yc_skip(&L->yc);
            continue;
        }
        yc_advance(&L->yc);
        YcValue fields[2] = {{0}, {0}};
        read_fields(L, "a topic", topic_keys, fields);
        bool ok = true;
        for (int k = 0; k < 2; k++) {
            if (!fields[k].present) {
                yc_error(&L->yc, at, "topic %zu is missing '%s'", index, topic_keys[k]);
                ok = false;
            } else if (!yc_text(&L->yc, &fields[k], k == 0 ? "topic id" : "topic title", true)) {
                ok = false;
            } else if (k == 0 && !yc_id_length(&L->yc, &fields[k], "topic id")) {
                ok = false;
            }
        }
        if (!ok)
            continue;
        if (p->topic_count == MAX_TOPICS) {
            yc_error(&L->yc, at, "more than %d topics", MAX_TOPICS);
            continue;
        }
        uint32_t first;
        if (id_index_insert(&t->topic_ids, fields[0].text, (uint32_t)fields[0].at.line, &first) ==
            ID_INDEX_DUPLICATE) {
            yc_error(&L->yc, fields[0].at, "duplicate topic id '%s' (first used on line %u)",
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
    yc_advance(&L->yc);
}

static void parse_defaults(Loader *L)
{
    Pack *p = L->pack;
    if (yc_node(&L->yc) != YC_NODE_MAPPING) {
        yc_error(&L->yc, yc_here(&L->yc),
                 "'defaults' must be a mapping (time_limit, points), not %s",
                 yc_node_name(yc_node(&L->yc)));
        yc_skip(&L->yc);
        return;
    }
    yc_advance(&L->yc);
    YcValue fields[2] = {{0}, {0}};
    read_fields(L, "'defaults'", defaults_keys, fields);
    if (fields[0].present)
        pl_check_int(L, &fields[0], "time_limit", 0, PACK_MAX_TIME_LIMIT, &p->default_time_limit);
    if (fields[1].present)
        pl_check_int(L, &fields[1], "points", 1, PACK_MAX_POINTS, &p->default_points);
}

/* At most this many declared ids are searched for a "did you mean". */
enum { SUGGEST_FROM = 64 };

/* "topic 'x' is not declared in 'topics' (did you mean 'y'?)", suggesting
 * from the `count` declared `ids`. */
static void report_undeclared(Loader *L, YcMark at, const char *what, const char *value,
                              const char *where, const char *const *ids, size_t count)
{
    const char *hint = yc_closest(&L->yc, value, ids, count);
    char buf[80];
    yc_error(&L->yc, at, "%s '%s' is not declared %s%s%s%s", what,
             yc_excerpt(value, buf, sizeof buf), where, hint ? " (did you mean '" : "",
             hint ? hint : "", hint ? "'?)" : "");
}

/* The checks that need the whole file: required top-level keys, declared
 * topics and sections, and the defaults applied to every question. */
static void finish_pack(Loader *L, TopLevel *t)
{
    Pack *p = L->pack;
    if (!(t->seen & (1u << TK_FORMAT)))
        yc_error(&L->yc, t->at, "missing 'format' (write 'format: 1' at the top)");
    if (!(t->seen & (1u << TK_ID)))
        yc_error(&L->yc, t->at, "missing 'id' (the pack's id, e.g. 'id: my-pack')");
    if (!(t->seen & (1u << TK_TITLE)))
        yc_error(&L->yc, t->at, "missing 'title' (the name shown in the pack list)");
    if (!(t->seen & (1u << TK_QUESTIONS)))
        yc_error(&L->yc, t->at, "missing 'questions' (the list of questions)");

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
                yc_error(&L->yc, f->source,
                         "source '%s' is not declared: add it under "
                         "'source: sections:' at the top of the pack",
                         yc_excerpt(q->source, (char[80]){0}, 80));
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
    t->at = yc_here(&L->yc);
    yc_advance(&L->yc); /* MAPPING_START */
    while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        char key[64];
        YcMark at;
        if (!yc_read_key(&L->yc, key, sizeof key, &at))
            continue;
        int k =
            yc_known_key(&L->yc, key, at, "the pack", top_keys, TK_COUNT, &t->seen, t->key_marks);
        if (k < 0)
            continue;
        switch ((TopKey)k) {
        case TK_FORMAT: {
            yc_read_value(&L->yc, at, &t->format);
            YcValue *v = &t->format;
            if (v->bad)
                break;
            if (v->node == YC_NODE_SCALAR && v->kind == YC_INT) {
                long long version;
                if (!yc_parse_int(v->text, &version) || version != PACK_FORMAT_VERSION)
                    yc_error(&L->yc, v->at,
                             "unsupported format %s: this version of quizdeck reads "
                             "format %d",
                             v->text, PACK_FORMAT_VERSION);
            } else {
                yc_error(&L->yc, v->at, "'format' must be the number %d (unquoted), not %s%s%s",
                         PACK_FORMAT_VERSION, v->node == YC_NODE_SCALAR ? "'" : "",
                         v->node == YC_NODE_SCALAR ? v->text : yc_node_name(v->node),
                         v->node == YC_NODE_SCALAR ? "'" : "");
            }
            break;
        }
        case TK_ID:
            yc_read_value(&L->yc, at, &t->id);
            if (yc_id(&L->yc, &t->id, "pack id")) {
                p->id = t->id.text;
                p->id_line = t->id.at.line;
                p->id_column = t->id.at.col;
            }
            break;
        case TK_TITLE:
            yc_read_value(&L->yc, at, &t->title);
            if (yc_text(&L->yc, &t->title, "title", true))
                p->title = t->title.text;
            break;
        case TK_DESCRIPTION:
            yc_read_value(&L->yc, at, &t->description);
            if (yc_text(&L->yc, &t->description, "description", false))
                p->description = t->description.text;
            break;
        case TK_AUTHOR:
            yc_read_value(&L->yc, at, &t->author);
            if (yc_text(&L->yc, &t->author, "author", false))
                p->author = t->author.text;
            break;
        case TK_LANGUAGE:
            yc_read_value(&L->yc, at, &t->language);
            if (yc_text(&L->yc, &t->language, "language", true)) {
                if (!pl_is_language_tag(t->language.text))
                    yc_error(&L->yc, t->language.at,
                             "language '%s' is not a language tag like "
                             "'en', 'ar' or 'pt-BR'",
                             yc_excerpt(t->language.text, (char[80]){0}, 80));
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
            yc_skip(&L->yc);
            break;
        }
    }
    yc_advance(&L->yc); /* MAPPING_END */
    if (!L->yc.stop)
        finish_pack(L, t);
}

/* The stream: exactly one document whose root is a mapping. */
static void parse_stream(Loader *L)
{
    TopLevel t = {0};
    if (yc_start_document(&L->yc, "a pack", "format, id, title and questions",
                          "format, id, title, questions, ..."))
        parse_top_level(L, &t);
    id_index_free(&t.topic_ids);
    id_index_free(&t.section_ids);
    yc_end_document(&L->yc, "a pack");
}

bool pl_progress_at(PlProgress *progress, uint64_t bytes)
{
    if (!progress)
        return false;
    /* One thread writes: a plain load and store keep it from going back. */
    if (atomic_load_explicit(&progress->bytes, memory_order_relaxed) < bytes)
        atomic_store_explicit(&progress->bytes, bytes, memory_order_relaxed);
    return atomic_load_explicit(&progress->cancel, memory_order_relaxed);
}

/* Who watches the bytes of a descriptor as they are read: the pack cache
 * hashes exactly the bytes that were parsed, a loader thread reports how
 * far it is (and may cancel). */
typedef struct Observers {
    Hash64 *hash;
    PlProgress *progress;
} Observers;

static bool observe(void *context, const unsigned char *bytes, size_t n, uint64_t total)
{
    Observers *o = context;
    if (o->hash)
        hash64_update(o->hash, bytes, n);
    return pl_progress_at(o->progress, total);
}

/* The Pack with the format's defaults, read from the file; NULL when out
 * of memory (reported). */
static Pack *start_pack(Loader *L)
{
    L->pack = arena_alloc(&L->arena, sizeof *L->pack);
    if (!L->pack) {
        yc_out_of_memory(&L->yc, (YcMark){1, 1});
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
    p->path = arena_strdup(&L->arena, L->yc.name);
    parse_stream(L);
    return p;
}

/* Runs the loader over the cursor yc_open_*() started (`opened`: the
 * parser could start); returns the Pack or NULL. */
static Pack *load(Loader *L, bool opened, PackLoadStats *stats)
{
    const char *name = L->yc.name;
    DiagList *diags = L->yc.diags;
    Pack *p = opened ? start_pack(L) : NULL;
    yc_close(&L->yc);
    id_index_free(&L->question_ids);
    free(L->fixups);
    yc_sort_diags(diags, L->yc.first_diag);
    if (stats)
        *stats = (PackLoadStats){.suggestions = L->yc.suggestions,
                                 .suggestion_cells = L->yc.suggestion_cells};
    /* Something asked for and not given (a string, a list, a record): the
     * result is not what the file alone makes. */
    if (L->arena.failed || diags->out_of_memory)
        L->yc.transient = true;

    if (!p || yc_has_errors(&L->yc) || !p->path) {
        free(L->questions);
        arena_free(&L->arena);
        return NULL;
    }
    /* The question array was grown with realloc; hand it to the arena so the
     * Pack still owns exactly one arena. */
    p->question_count = L->question_count;
    p->questions = arena_adopt(&L->arena, L->questions, L->question_count * sizeof *L->questions);
    if (!p->questions) {
        L->yc.transient = true;
        diag_add(diags, DIAG_ERROR, name, 1, 1, "out of memory");
        arena_free(&L->arena);
        return NULL;
    }
    p->arena = L->arena;
    return p;
}

Pack *pack_load_buffer_stats(const char *name, const char *data, size_t size, DiagList *diags,
                             PackLoadStats *stats)
{
    if (stats)
        *stats = (PackLoadStats){0};
    if (size > PACK_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, name, 1, 1, "%s", pack_format.too_big);
        return NULL;
    }
    Loader L = {0};
    bool opened = yc_open_buffer(&L.yc, &pack_format, name, data, size, &L.arena, diags);
    return load(&L, opened, stats);
}

Pack *pack_load_buffer(const char *name, const char *data, size_t size, DiagList *diags)
{
    return pack_load_buffer_stats(name, data, size, diags, NULL);
}

Pack *pack_load_fd(const char *name, int fd, DiagList *diags)
{
    Loader L = {0};
    bool opened = yc_open_fd(&L.yc, &pack_format, name, fd, &L.arena, diags);
    return load(&L, opened, NULL);
}

Pack *pl_load_fd_observed(const char *name, int fd, DiagList *diags, Hash64 *hash,
                          PlProgress *progress, bool *transient)
{
    Loader L = {0};
    Observers observers = {hash, progress};
    bool opened = yc_open_fd(&L.yc, &pack_format, name, fd, &L.arena, diags);
    L.yc.input.observer = observe;
    L.yc.input.observer_context = &observers;
    Pack *p = load(&L, opened, NULL);
    *transient = L.yc.transient;
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
