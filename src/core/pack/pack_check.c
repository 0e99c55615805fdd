/* pack_check.c - the loader's checks of lists and of every question.
 *
 * A value is read first (yaml_cursor.h) and checked against what its key
 * needs: text, a whole number in range, a boolean, an id (yaml_values.c,
 * shared with the class files), a language tag, a list of texts (here).
 * Unknown keys get a did-you-mean from the names the place allows. A question is read key by key into L->raw, because keys
 * come in any order (`type` may follow `answer`), and checked as a whole
 * when its mapping ends: the keys every question has here, the keys of its
 * type in pack_types.c.
 *
 * Read pack_load_internal.h first.
 */
#include "pack_load_internal.h"

#include "strutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ key tables */

static const char *const question_keys[QK_COUNT] = {
    "id",         "type",   "prompt", "topic",   "explain", "source",  "difficulty",
    "time_limit", "points", "tags",   "choices", "answer",  "answers", "shuffle",
    "accept",     "items",  "pairs",  "text",    "front",   "back",
};

static const unsigned common_keys = QBIT(QK_ID) | QBIT(QK_TYPE) | QBIT(QK_PROMPT) | QBIT(QK_TOPIC) |
                                    QBIT(QK_EXPLAIN) | QBIT(QK_SOURCE) | QBIT(QK_DIFFICULTY) |
                                    QBIT(QK_TIME_LIMIT) | QBIT(QK_POINTS) | QBIT(QK_TAGS);
/* The keys each type adds are in its row of pl_question_types (pack_types.c). */

/* --------------------------------------------------------- value checks */

/* pl_check_int() for the int fields of a Question: yc_int() with the
 * range the format page gives. */
bool pl_check_int(Loader *L, YcValue *v, const char *what, long lo, long hi, int *out)
{
    long long x;
    if (!yc_int(&L->yc, v, what, lo, hi, &x))
        return false;
    *out = (int)x;
    return true;
}

/* BCP 47, in the shape that matters here: a 2-3 (or 4-8) letter language
 * subtag and optional subtags of 1-8 letters or digits. */
bool pl_is_language_tag(const char *s)
{
    size_t n = 0;
    while (isalpha((unsigned char)s[n]))
        n++;
    if (n < 2 || n > 8)
        return false;
    s += n;
    while (*s == '-') {
        s++;
        n = 0;
        while (isalnum((unsigned char)s[n]))
            n++;
        if (n < 1 || n > 8)
            return false;
        s += n;
    }
    return *s == '\0';
}

/* ----------------------------------------------------------- lists */

/* What is said when a list was expected and `kind` was written instead. */
void pl_not_a_list(Loader *L, YcMark at, const char *what, YcNode kind, bool empty)
{
    if (empty)
        yc_error(&L->yc, at, "'%s' is empty; it must be a list", what);
    else
        yc_error(&L->yc, at, "'%s' must be a list (lines starting with '- ', or [a, b]), not %s",
                 what, yc_node_name(kind));
}

/* Reads a list of text values. Entries past MAX_LIST_KEPT are checked and
 * counted but not stored (not even copied); the callers' limits are all
 * below it. */
void pl_read_text_list(Loader *L, YcMark key, const char *what, RawList *out)
{
    memset(out, 0, offsetof(RawList, items));
    out->present = true;
    out->key = key;
    out->at = yc_here(&L->yc);
    if (yc_node(&L->yc) != YC_NODE_SEQUENCE) {
        pl_not_a_list(L, out->at, what, yc_node(&L->yc), yc_is_empty_plain(&L->yc));
        out->bad = true;
        yc_skip(&L->yc);
        return;
    }
    yc_advance(&L->yc);
    while (yc_peek(&L->yc) != YAML_SEQUENCE_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        YcValue v;
        yc_read_value_into(&L->yc, key, &v, out->kept < MAX_LIST_KEPT ? NULL : L->scratch[0]);
        out->count++;
        if (!yc_is_plain_text(&v)) { /* the label is only needed for a message */
            char label[96];
            snprintf(label, sizeof label, "%s entry %zu", what, out->count);
            yc_text(&L->yc, &v, label, true);
            out->bad = true;
            continue;
        }
        if (out->kept < MAX_LIST_KEPT) {
            out->items[out->kept] = v.text;
            out->marks[out->kept] = v.at;
            out->kept++;
        }
    }
    yc_advance(&L->yc);
}

/* Reports the second of any two equal entries. */
bool pl_check_distinct(Loader *L, const RawList *list, const char *what)
{
    bool ok = true;
    char buf[80];
    for (size_t i = 1; i < list->kept; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(list->items[i], list->items[j]) == 0) {
                yc_error(&L->yc, list->marks[i], "duplicate %s '%s' (already entry %zu)", what,
                         yc_excerpt(list->items[i], buf, sizeof buf), j + 1);
                ok = false;
                break;
            }
    return ok;
}

bool pl_check_count(Loader *L, const RawList *list, const char *what, size_t lo, size_t hi)
{
    if (list->count < lo || list->count > hi) {
        yc_error(&L->yc, list->at, "'%s' has %zu %s; it must have %zu to %zu", what, list->count,
                 list->count == 1 ? "entry" : "entries", lo, hi);
        return false;
    }
    return true;
}

const char **pl_list_copy(Loader *L, const RawList *list)
{
    const char **a = arena_alloc_array(&L->arena, list->kept ? list->kept : 1, sizeof *a);
    if (a)
        memcpy(a, list->items, list->kept * sizeof *a);
    return a;
}

/* --------------------------------------------------------- questions */

static YcValue *question_scalar(RawQuestion *r, QuestionKey k)
{
    switch (k) {
    case QK_ID:
        return &r->id;
    case QK_TYPE:
        return &r->type;
    case QK_PROMPT:
        return &r->prompt;
    case QK_TOPIC:
        return &r->topic;
    case QK_EXPLAIN:
        return &r->explain;
    case QK_SOURCE:
        return &r->source;
    case QK_DIFFICULTY:
        return &r->difficulty;
    case QK_TIME_LIMIT:
        return &r->time_limit;
    case QK_POINTS:
        return &r->points;
    case QK_ANSWER:
        return &r->answer;
    case QK_SHUFFLE:
        return &r->shuffle;
    case QK_TEXT:
        return &r->text;
    case QK_FRONT:
        return &r->front;
    case QK_BACK:
        return &r->back;
    default:
        return NULL;
    }
}

static RawList *question_list(RawQuestion *r, QuestionKey k)
{
    switch (k) {
    case QK_TAGS:
        return &r->tags;
    case QK_CHOICES:
        return &r->choices;
    case QK_ANSWERS:
        return &r->answers;
    case QK_ITEMS:
        return &r->items;
    default:
        return NULL;
    }
}

/* Reads one question's mapping into L->raw, key by key. Returns false when
 * a syntax error cut the mapping short. */
bool pl_read_question(Loader *L)
{
    RawQuestion *r = &L->raw;
    r->seen = 0;
    r->at = yc_here(&L->yc);
    /* Reset only the headers: the entry arrays are large and refilled. */
    for (int k = 0; k < QK_COUNT; k++) {
        YcValue *s = question_scalar(r, (QuestionKey)k);
        if (s)
            *s = (YcValue){0};
        RawList *l = question_list(r, (QuestionKey)k);
        if (l)
            memset(l, 0, offsetof(RawList, items));
    }
    memset(&r->pairs, 0, offsetof(RawPairs, items));
    memset(&r->accept, 0, offsetof(RawAccept, list));
    yc_advance(&L->yc); /* MAPPING_START */
    while (yc_peek(&L->yc) != YAML_MAPPING_END_EVENT && yc_peek(&L->yc) != YAML_NO_EVENT) {
        char key[64];
        YcMark at;
        if (!yc_read_key(&L->yc, key, sizeof key, &at))
            continue;
        int k = yc_known_key(&L->yc, key, at, "a question", question_keys, QK_COUNT, &r->seen,
                             r->key_marks);
        if (k < 0)
            continue;
        YcValue *s = question_scalar(r, (QuestionKey)k);
        RawList *l = question_list(r, (QuestionKey)k);
        if (s)
            yc_read_value(&L->yc, at, s);
        else if (l)
            pl_read_text_list(L, at, key, l);
        else if (k == QK_ACCEPT)
            pl_read_accept(L, at, &r->accept);
        else
            pl_read_pairs(L, at, &r->pairs);
    }
    bool complete = yc_peek(&L->yc) == YAML_MAPPING_END_EVENT;
    yc_advance(&L->yc); /* MAPPING_END */
    return complete;
}

static Question *push_question(Loader *L)
{
    if (L->question_count == L->question_cap) {
        size_t cap = L->question_cap ? L->question_cap + L->question_cap / 2 : 64;
        Question *q = realloc(L->questions, cap * sizeof *q);
        QuestionFixups *f = realloc(L->fixups, cap * sizeof *f);
        if (q)
            L->questions = q;
        if (f)
            L->fixups = f;
        if (!q || !f)
            return NULL;
        L->question_cap = cap;
    }
    QuestionFixups *f = &L->fixups[L->question_count];
    *f = (QuestionFixups){0};
    Question *q = &L->questions[L->question_count++];
    *q = (Question){.prompt = "",
                    .topic = "",
                    .explain = "",
                    .source = "",
                    .answer = "",
                    .text = "",
                    .front = "",
                    .back = "",
                    .difficulty = PACK_DEFAULT_DIFFICULTY,
                    .shuffle = true};
    return q;
}

/* What a type needs that was not given: messages name the key to add. */
static void check_required(Loader *L, const RawQuestion *r, QuestionType type, const char *qid)
{
    const QuestionTypeRules *rules = &pl_question_types[type];
    for (size_t i = 0; i < TYPE_MAX_REQUIRED && rules->required[i].hint; i++) {
        const TypeRequirement *need = &rules->required[i];
        if (!(r->seen & QBIT(need->key)))
            yc_error(&L->yc, r->at, "%s question '%s' is missing '%s' (%s)",
                     question_type_name(type), qid, question_keys[need->key], need->hint);
    }
    if (!rules->prompt_optional && !(r->seen & QBIT(QK_PROMPT)))
        yc_error(&L->yc, r->at, "question '%s' is missing 'prompt' (the question text)", qid);
}

/* A key of another type: `answer` and `answers` are easily swapped, so
 * they get a message of their own. */
static void check_foreign_keys(Loader *L, const RawQuestion *r, QuestionType type)
{
    unsigned takes = pl_question_types[type].keys;
    unsigned allowed = common_keys | takes;
    for (int k = 0; k < QK_COUNT; k++) {
        if (!(r->seen & QBIT(k)) || (allowed & QBIT(k)))
            continue;
        if (k == QK_ANSWER && (takes & QBIT(QK_ANSWERS)))
            yc_error(&L->yc, r->key_marks[k],
                     "%s questions take 'answers' (a list of the right choices), not 'answer'",
                     question_type_name(type));
        else if (k == QK_ANSWERS && (takes & QBIT(QK_ANSWER)))
            yc_error(&L->yc, r->key_marks[k], "%s questions take one 'answer', not 'answers'",
                     question_type_name(type));
        else
            yc_error(&L->yc, r->key_marks[k], "'%s' does not belong in a %s question",
                     question_keys[k], question_type_name(type));
    }
}

/* "choice, multi, ...": the type names for a message. */
static const char *type_list(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int t = 0; t < QUESTION_TYPE_COUNT && used < size; t++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", t ? ", " : "",
                                 question_type_name((QuestionType)t));
    return buf;
}

/* Reads `type`; false (after saying why) when it is not one of the types. */
static bool check_type(Loader *L, RawQuestion *r, const char *qid, QuestionType *out)
{
    char list[160];
    if (!r->type.present) {
        yc_error(&L->yc, r->at, "question '%s' is missing 'type' (one of %s)", qid,
                 type_list(list, sizeof list));
        return false;
    }
    if (!yc_text(&L->yc, &r->type, "type", true))
        return false;
    if (question_type_parse(r->type.text, out))
        return true;
    const char *names[QUESTION_TYPE_COUNT];
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++)
        names[t] = question_type_name((QuestionType)t);
    const char *hint = yc_closest(&L->yc, r->type.text, names, QUESTION_TYPE_COUNT);
    char buf[80];
    if (hint)
        yc_error(&L->yc, r->type.at, "unknown question type '%s' (did you mean '%s'?)",
                 yc_excerpt(r->type.text, buf, sizeof buf), hint);
    else
        yc_error(&L->yc, r->type.at, "unknown question type '%s'; use one of %s",
                 yc_excerpt(r->type.text, buf, sizeof buf), type_list(list, sizeof list));
    return false;
}

/* Checks the question just read into L->raw and appends it to the pack:
 * its id, its type (then that type's keys, through its row of
 * pl_question_types), and the keys every question may have. */
void pl_check_question(Loader *L)
{
    RawQuestion *r = &L->raw;
    Question *q = push_question(L);
    if (!q) {
        yc_out_of_memory(&L->yc, r->at);
        L->yc.stop = true;
        return;
    }
    QuestionFixups *fix = &L->fixups[L->question_count - 1];
    q->line = r->at.line;

    char qid[80] = "?";
    if (!r->id.present)
        yc_error(&L->yc, r->at, "question %zu is missing 'id'", L->question_count);
    else if (yc_id(&L->yc, &r->id, "question id")) {
        q->id = r->id.text;
        yc_excerpt(q->id, qid, sizeof qid);
        uint32_t first_line;
        switch (id_index_insert(&L->question_ids, q->id, (uint32_t)q->line, &first_line)) {
        case ID_INDEX_DUPLICATE:
            yc_error(&L->yc, r->id.at, "duplicate question id '%s' (first used on line %u)", qid,
                     (unsigned)first_line);
            break;
        case ID_INDEX_NO_MEMORY:
            yc_out_of_memory(&L->yc, r->id.at);
            break;
        default:
            break;
        }
    }
    if (!q->id)
        q->id = "";

    bool type_known = check_type(L, r, qid, &q->type);
    if (type_known) {
        check_foreign_keys(L, r, q->type);
        check_required(L, r, q->type, qid);
        pl_question_types[q->type].check(L, r, q);
    }

    bool prompt_required = !type_known || !pl_question_types[q->type].prompt_optional;
    if (r->prompt.present && yc_text(&L->yc, &r->prompt, "prompt", prompt_required))
        q->prompt = r->prompt.text;
    if (r->explain.present && yc_text(&L->yc, &r->explain, "explain", false))
        q->explain = r->explain.text;
    if (r->topic.present && yc_text(&L->yc, &r->topic, "topic", true) &&
        yc_id_length(&L->yc, &r->topic, "topic")) {
        q->topic = r->topic.text;
        fix->topic = r->topic.at;
    }
    if (r->source.present && yc_text(&L->yc, &r->source, "source", true) &&
        yc_id_length(&L->yc, &r->source, "source")) {
        q->source = r->source.text;
        fix->source = r->source.at;
    }
    if (r->difficulty.present)
        pl_check_int(L, &r->difficulty, "difficulty", 1, 3, &q->difficulty);
    if (r->time_limit.present)
        fix->has_time_limit =
            pl_check_int(L, &r->time_limit, "time_limit", 0, PACK_MAX_TIME_LIMIT, &q->time_limit);
    if (r->points.present)
        fix->has_points = pl_check_int(L, &r->points, "points", 1, PACK_MAX_POINTS, &q->points);
    if (r->tags.present && !r->tags.bad) {
        if (r->tags.count > MAX_TAGS)
            yc_error(&L->yc, r->tags.at, "'tags' has %zu entries; the limit is %d", r->tags.count,
                     MAX_TAGS);
        q->tags = pl_list_copy(L, &r->tags);
        q->tag_count = r->tags.kept;
    }
    if (!r->explain.present || !q->explain[0])
        yc_warning(&L->yc, r->at,
                   "question '%s' has no 'explain': students will see only the answer", qid);
}
