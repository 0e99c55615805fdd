/* import_build.c - the ImportPack itself: questions, topics, copied text,
 * and the slugs that ids are made of.
 *
 * Read import.h first (the model), import_internal.h for the helpers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_match.h"
#include "import_internal.h"

ImportPack *import_pack_new(void)
{
    return calloc(1, sizeof(ImportPack));
}

void import_pack_free(ImportPack *pack)
{
    if (!pack)
        return;
    free(pack->questions);
    free(pack->topics);
    diag_clear(&pack->diags);
    strbuf_free(&pack->origin);
    arena_free(&pack->arena);
    free(pack);
}

const char *import_copy(ImportSource *src, const char *text, size_t n)
{
    if (n == 0)
        return "";
    char *s = arena_strndup(&src->pack->arena, text, n);
    if (!s) {
        import_error(src, 0, "out of memory");
        return "";
    }
    return s;
}

ImportList import_list(ImportSource *src, const char *const *items, size_t n)
{
    ImportList list = {0};
    if (n == 0)
        return list;
    const char **copy = arena_alloc_array(&src->pack->arena, n, sizeof *copy);
    if (!copy) {
        import_error(src, 0, "out of memory");
        return list;
    }
    memcpy(copy, items, n * sizeof *copy);
    list.items = copy;
    list.count = n;
    return list;
}

ImportQuestion *import_add_at(ImportSource *src, QuestionType type, int line, int column)
{
    ImportPack *p = src->pack;
    if (p->question_count >= PACK_MAX_QUESTIONS) {
        if (p->question_count == PACK_MAX_QUESTIONS)
            import_error_at(src, line, column,
                            "more than %d questions: a pack holds at most %d; split the file",
                            PACK_MAX_QUESTIONS, PACK_MAX_QUESTIONS);
        import_count_skip(src, "over the pack's limit of questions");
        return NULL;
    }
    if (p->question_count == p->question_capacity) {
        size_t cap = p->question_capacity ? p->question_capacity * 2 : 64;
        ImportQuestion *grown = realloc(p->questions, cap * sizeof *grown);
        if (!grown) {
            import_error_at(src, line, column, "out of memory");
            return NULL;
        }
        p->questions = grown;
        p->question_capacity = cap;
    }
    ImportQuestion *q = &p->questions[p->question_count++];
    *q = (ImportQuestion){
        .id = "",
        .id_seed = "",
        .type = type,
        .prompt = "",
        .topic = "",
        .explain = "",
        .time_limit = -1,
        .points = -1,
        .answer = "",
        .text = "",
        .front = "",
        .back = "",
        .file = src->name,
        .line = line,
        .column = column,
    };
    return q;
}

ImportQuestion *import_add(ImportSource *src, QuestionType type, size_t offset)
{
    int line, column;
    import_position(src, offset, &line, &column);
    return import_add_at(src, type, line, column);
}

/* ---- slugs and ids ---------------------------------------------------------- */

size_t import_slug(const char *text, char *buf, size_t size, size_t max)
{
    if (size == 0)
        return 0;
    if (max > size - 1)
        max = size - 1;
    if (import_id_valid(text) && strlen(text) <= max) {
        memcpy(buf, text, strlen(text) + 1); /* already an id: kept as it is */
        return strlen(text);
    }
    /* Punctuation that joins words ("gcc-founding", "unit_1/week.2")
     * separates them; answer_normalize would glue them together. */
    char spaced[512];
    size_t k = 0;
    for (; text[k] && k + 1 < sizeof spaced; k++) {
        char c = text[k];
        spaced[k] = (c == '-' || c == '_' || c == '/' || c == '.' || c == ':' || c == ',' ||
                     c == ';' || c == '+' || c == '&' || c == '(' || c == ')')
                        ? ' '
                        : c;
    }
    spaced[k] = '\0';
    text = spaced;
    /* answer_normalize folds case and Latin accents and drops punctuation:
     * "Zürich's Café" -> "zurichs cafe". Bounded to a prefix of the text. */
    char folded[512];
    answer_normalize(text, folded, sizeof folded);
    size_t n = 0;
    bool dash = false;
    for (const char *p = folded; *p && n < max; p++) {
        char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            if (dash && n > 0) {
                if (n + 1 >= max)
                    break;
                buf[n++] = '-';
            }
            dash = false;
            buf[n++] = c;
        } else {
            dash = true;
        }
    }
    buf[n] = '\0';
    return n;
}

bool import_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > PACK_MAX_ID || id[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

const char *import_topic(ImportSource *src, const char *title)
{
    if (!title || !title[0])
        return "";
    ImportPack *p = src->pack;
    for (size_t i = p->topic_count; i-- > 0;)
        if (strcmp(p->topics[i].title, title) == 0)
            return p->topics[i].id;
    if (p->topic_count >= IMPORT_MAX_TOPICS)
        return ""; /* more categories than a pack may name: no topic */
    char slug[PACK_MAX_ID + 1];
    size_t n = import_slug(title, slug, sizeof slug, PACK_MAX_ID - 4);
    if (n == 0)
        memcpy(slug, "topic", 6), n = 5;
    char id[PACK_MAX_ID + 16]; /* the slug leaves room for "-NNNN" within 64 */
    memcpy(id, slug, n + 1);
    for (unsigned k = 2; k < 10000; k++) {
        bool used = false;
        for (size_t i = 0; i < p->topic_count && !used; i++)
            used = strcmp(p->topics[i].id, id) == 0;
        if (!used)
            break;
        if (snprintf(id, sizeof id, "%s-%u", slug, k) >= (int)sizeof id)
            return "";
    }
    if (p->topic_count == p->topic_capacity) {
        size_t cap = p->topic_capacity ? p->topic_capacity * 2 : 16;
        ImportTopic *grown = realloc(p->topics, cap * sizeof *grown);
        if (!grown)
            return "";
        p->topics = grown;
        p->topic_capacity = cap;
    }
    const char *id_copy = import_copy(src, id, strlen(id));
    const char *title_copy = import_copy(src, title, strlen(title));
    p->topics[p->topic_count++] = (ImportTopic){id_copy, title_copy};
    return id_copy;
}
