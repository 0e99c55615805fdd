/* pack_check.c - the loader's checks of values and of every question.
 *
 * A value is read first (pack_input.c) and checked here against what its
 * key needs: text, a whole number in range, a boolean, an id, a language
 * tag, a list of texts. Unknown keys get a did-you-mean from the names the
 * place allows. A question is read key by key into L->raw, because keys
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

/* A text value: a scalar that is not null or a boolean (a plain number is
 * taken as written, so `answer: 1991` works). Reports and returns false
 * otherwise. `required_text` also refuses text that shows nothing: empty,
 * spaces, or only invisible characters (U+00A0, U+200B, U+3000, ...), which
 * would look blank in the game. */
bool pl_check_text(Loader *L, RawScalar *v, const char *what, bool required_text)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != NODE_SCALAR) {
        /* Text with ": " in it, unquoted, is read as a mapping. */
        pl_error_at(L, v->at, "'%s' must be text, not %s%s", what, pl_node_name(v->node),
                    v->node == NODE_MAPPING ? " (put text with ': ' in it in quotes)" : "");
        v->bad = true;
        return false;
    }
    if (v->kind == SCALAR_NULL) {
        if (required_text) {
            pl_error_at(L, v->at, "'%s' is empty", what);
            v->bad = true;
            return false;
        }
        v->text = "";
        return true;
    }
    if (v->kind == SCALAR_BOOL) {
        pl_error_at(L, v->at,
                    "'%s' must be text, not the boolean %s (put it in quotes if you mean the word)",
                    what, v->text);
        v->bad = true;
        return false;
    }
    uint32_t invisible;
    if (required_text && text_is_blank(v->text, &invisible)) {
        if (invisible)
            pl_error_at(L, v->at,
                        "'%s' shows nothing: it has only spaces and invisible characters "
                        "(the first is U+%04X)",
                        what, (unsigned)invisible);
        else
            pl_error_at(L, v->at, "'%s' is empty", what);
        v->bad = true;
        return false;
    }
    return true;
}

/* The value of a scalar that pl_resolve_plain() called an integer: decimal
 * (leading zeros are still decimal in YAML 1.2), 0x hex or 0o octal.
 * False when it does not fit in a long long. */
bool pl_parse_int(const char *text, long long *out)
{
    const char *digits = text;
    int base = 10;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'o')) {
        base = text[1] == 'x' ? 16 : 8;
        digits = text + 2;
    }
    errno = 0;
    char *end;
    *out = strtoll(digits, &end, base);
    return errno != ERANGE && *end == '\0';
}

/* True when pl_check_text(v, ..., true) would accept v without a word: a
 * scalar with non-blank text that is not null or a boolean. */
bool pl_is_plain_text(const RawScalar *v)
{
    return v->present && !v->bad && v->node == NODE_SCALAR && v->kind != SCALAR_NULL &&
           v->kind != SCALAR_BOOL && !text_is_blank(v->text, NULL);
}

/* An integer in [lo, hi]. */
bool pl_check_int(Loader *L, RawScalar *v, const char *what, long lo, long hi, int *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != NODE_SCALAR || v->kind != SCALAR_INT) {
        if (v->node == NODE_SCALAR)
            pl_error_at(L, v->at, "'%s' must be a whole number from %ld to %ld, not '%s'%s", what,
                        lo, hi, v->text,
                        v->kind == SCALAR_STRING && pl_resolve_plain(v->text, v->len) == SCALAR_INT
                            ? " (remove the quotes)"
                            : "");
        else
            pl_error_at(L, v->at, "'%s' must be a whole number from %ld to %ld, not %s", what, lo,
                        hi, pl_node_name(v->node));
        v->bad = true;
        return false;
    }
    long long x;
    if (!pl_parse_int(v->text, &x) || x < lo || x > hi) {
        pl_error_at(L, v->at, "'%s' is %s; it must be from %ld to %ld", what, v->text, lo, hi);
        v->bad = true;
        return false;
    }
    *out = (int)x;
    return true;
}

bool pl_check_bool(Loader *L, RawScalar *v, const char *what, bool *out)
{
    if (!v->present || v->bad)
        return false;
    if (v->node != NODE_SCALAR || v->kind != SCALAR_BOOL) {
        pl_error_at(L, v->at, "'%s' must be true or false (unquoted), not %s%s%s", what,
                    v->node == NODE_SCALAR ? "'" : "",
                    v->node == NODE_SCALAR ? v->text : pl_node_name(v->node),
                    v->node == NODE_SCALAR ? "'" : "");
        v->bad = true;
        return false;
    }
    *out = v->text[0] == 't' || v->text[0] == 'T';
    return true;
}

static bool is_valid_id(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

/* Characters, not bytes: topic and section ids may be any text. The
 * input is valid UTF-8, so counting the bytes that start a character is
 * enough. */
static size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Every kind of id (pack, question, topic, section) and every reference to
 * one is at most PACK_MAX_ID characters: ids are keys of the learner's
 * history and are shown in lists, so they stay short. */
bool pl_check_id_length(Loader *L, RawScalar *v, const char *what)
{
    size_t n = utf8_length(v->text);
    if (n <= PACK_MAX_ID)
        return true;
    pl_error_at(L, v->at, "%s is %zu characters long; the limit is %d", what, n, PACK_MAX_ID);
    v->bad = true;
    return false;
}

/* A pack or question id: [a-z0-9][a-z0-9-]*, at most PACK_MAX_ID long. */
bool pl_check_id(Loader *L, RawScalar *v, const char *what)
{
    if (!pl_check_text(L, v, what, true))
        return false;
    char buf[80];
    if (!is_valid_id(v->text)) {
        pl_error_at(L, v->at,
                    "%s '%s' may use only lowercase letters a-z, digits and '-', "
                    "and must start with a letter or digit",
                    what, pl_excerpt(v->text, buf, sizeof buf));
        v->bad = true;
        return false;
    }
    return pl_check_id_length(L, v, what);
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
void pl_not_a_list(Loader *L, Mark at, const char *what, NodeKind kind, bool empty)
{
    if (empty)
        pl_error_at(L, at, "'%s' is empty; it must be a list", what);
    else
        pl_error_at(L, at, "'%s' must be a list (lines starting with '- ', or [a, b]), not %s",
                    what, pl_node_name(kind));
}

/* Reads a list of text values. Entries past MAX_LIST_KEPT are checked and
 * counted but not stored (not even copied); the callers' limits are all
 * below it. */
void pl_read_text_list(Loader *L, Mark key, const char *what, RawList *out)
{
    memset(out, 0, offsetof(RawList, items));
    out->present = true;
    out->key = key;
    out->at = pl_here(L);
    if (pl_node_kind(L) != NODE_SEQUENCE) {
        pl_not_a_list(L, out->at, what, pl_node_kind(L), pl_is_empty_plain(L));
        out->bad = true;
        pl_skip_node(L);
        return;
    }
    pl_advance(L);
    while (pl_peek(L) != YAML_SEQUENCE_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        RawScalar v;
        pl_read_value_into(L, key, &v, out->kept < MAX_LIST_KEPT ? NULL : L->scratch[0]);
        out->count++;
        if (!pl_is_plain_text(&v)) { /* the label is only needed for a message */
            char label[96];
            snprintf(label, sizeof label, "%s entry %zu", what, out->count);
            pl_check_text(L, &v, label, true);
            out->bad = true;
            continue;
        }
        if (out->kept < MAX_LIST_KEPT) {
            out->items[out->kept] = v.text;
            out->marks[out->kept] = v.at;
            out->kept++;
        }
    }
    pl_advance(L);
}

/* Reports the second of any two equal entries. */
bool pl_check_distinct(Loader *L, const RawList *list, const char *what)
{
    bool ok = true;
    char buf[80];
    for (size_t i = 1; i < list->kept; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(list->items[i], list->items[j]) == 0) {
                pl_error_at(L, list->marks[i], "duplicate %s '%s' (already entry %zu)", what,
                            pl_excerpt(list->items[i], buf, sizeof buf), j + 1);
                ok = false;
                break;
            }
    return ok;
}

bool pl_check_count(Loader *L, const RawList *list, const char *what, size_t lo, size_t hi)
{
    if (list->count < lo || list->count > hi) {
        pl_error_at(L, list->at, "'%s' has %zu %s; it must have %zu to %zu", what, list->count,
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

/* ------------------------------------------------------- key names */

/* Edit distance with adjacent swaps (optimal string alignment), ignoring
 * case: "titel" is one edit from "title". Both words are at most
 * EDIT_MAX_LENGTH bytes (the caller checks): it fills a table of
 * strlen(a) * strlen(b) cells, which pl_closest() charges to the file. */
enum { EDIT_MAX_LENGTH = 40 };

static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[EDIT_MAX_LENGTH + 1][EDIT_MAX_LENGTH + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* The closest of `names` to `word`, or NULL when none is close enough to be
 * a likely slip: at most a third of the word's length in edits (at least
 * one, at most three, and never the whole word), or one of the two being
 * the start of the other ("multiple" for "multi").
 * The work is bounded: none when the message would not be kept, and a
 * search starts only while the file is within PACK_SUGGESTION_BUDGET. Words
 * whose lengths differ by more than the limit are never compared (their
 * distance is at least that difference), nor words over EDIT_MAX_LENGTH. */
const char *pl_closest(Loader *L, const char *word, const char *const *names, size_t count)
{
    if (!pl_error_kept(L) || L->suggestion_cells >= PACK_SUGGESTION_BUDGET)
        return NULL;
    L->suggestions++;
    const char *best = NULL;
    size_t best_d = 99, len = strlen(word);
    size_t limit = len / 3 < 1 ? 1 : len / 3;
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(names[i]);
        size_t shorter = n < len ? n : len, gap = n < len ? len - n : n - len, d = 99;
        if (gap <= limit && len <= EDIT_MAX_LENGTH && n <= EDIT_MAX_LENGTH) {
            L->suggestion_cells += len * n;
            d = edit_distance(word, len, names[i], n);
        }
        if (d > limit && shorter >= 4 && strncmp(word, names[i], shorter) == 0)
            d = limit; /* a prefix: likely the same word, written longer */
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best_d <= limit && best_d < len ? best : NULL;
}

void pl_unknown_key(Loader *L, Mark at, const char *key, const char *where,
                    const char *const *names, size_t count)
{
    char buf[80];
    if (!pl_error_kept(L)) { /* counted only: spare the search and the list */
        pl_error_at(L, at, "unknown key");
        return;
    }
    const char *hint = pl_closest(L, key, names, count);
    if (hint) {
        pl_error_at(L, at, "unknown key '%s' in %s (did you mean '%s'?)",
                    pl_excerpt(key, buf, sizeof buf), where, hint);
        return;
    }
    char list[400] = "";
    size_t used = 0;
    for (size_t i = 0; i < count && used < sizeof list - 40; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
    pl_error_at(L, at, "unknown key '%s' in %s; expected one of: %s",
                pl_excerpt(key, buf, sizeof buf), where, list);
}

int pl_key_index(const char *key, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (key[0] == names[i][0] && strcmp(key, names[i]) == 0)
            return (int)i;
    return -1;
}

void pl_duplicate_key(Loader *L, Mark at, const char *key, Mark first)
{
    pl_error_at(L, at, "duplicate key '%s' (first given on line %d)", key, first.line);
}

/* --------------------------------------------------------- questions */

static RawScalar *question_scalar(RawQuestion *r, QuestionKey k)
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
    r->at = pl_here(L);
    /* Reset only the headers: the entry arrays are large and refilled. */
    for (int k = 0; k < QK_COUNT; k++) {
        RawScalar *s = question_scalar(r, (QuestionKey)k);
        if (s)
            *s = (RawScalar){0};
        RawList *l = question_list(r, (QuestionKey)k);
        if (l)
            memset(l, 0, offsetof(RawList, items));
    }
    memset(&r->pairs, 0, offsetof(RawPairs, items));
    memset(&r->accept, 0, offsetof(RawAccept, list));
    pl_advance(L); /* MAPPING_START */
    while (pl_peek(L) != YAML_MAPPING_END_EVENT && pl_peek(L) != YAML_NO_EVENT) {
        char key[64];
        Mark at;
        if (!pl_read_key(L, key, sizeof key, &at))
            continue;
        int k = pl_key_index(key, question_keys, QK_COUNT);
        if (k < 0) {
            pl_unknown_key(L, at, key, "a question", question_keys, QK_COUNT);
            pl_skip_node(L);
            continue;
        }
        if (r->seen & QBIT(k)) {
            pl_duplicate_key(L, at, key, r->key_marks[k]);
            pl_skip_node(L);
            continue;
        }
        r->seen |= QBIT(k);
        r->key_marks[k] = at;
        RawScalar *s = question_scalar(r, (QuestionKey)k);
        RawList *l = question_list(r, (QuestionKey)k);
        if (s)
            pl_read_value(L, at, s);
        else if (l)
            pl_read_text_list(L, at, key, l);
        else if (k == QK_ACCEPT)
            pl_read_accept(L, at, &r->accept);
        else
            pl_read_pairs(L, at, &r->pairs);
    }
    bool complete = pl_peek(L) == YAML_MAPPING_END_EVENT;
    pl_advance(L); /* MAPPING_END */
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
            pl_error_at(L, r->at, "%s question '%s' is missing '%s' (%s)", question_type_name(type),
                        qid, question_keys[need->key], need->hint);
    }
    if (!rules->prompt_optional && !(r->seen & QBIT(QK_PROMPT)))
        pl_error_at(L, r->at, "question '%s' is missing 'prompt' (the question text)", qid);
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
            pl_error_at(L, r->key_marks[k],
                        "%s questions take 'answers' (a list of the right choices), not 'answer'",
                        question_type_name(type));
        else if (k == QK_ANSWERS && (takes & QBIT(QK_ANSWER)))
            pl_error_at(L, r->key_marks[k], "%s questions take one 'answer', not 'answers'",
                        question_type_name(type));
        else
            pl_error_at(L, r->key_marks[k], "'%s' does not belong in a %s question",
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
        pl_error_at(L, r->at, "question '%s' is missing 'type' (one of %s)", qid,
                    type_list(list, sizeof list));
        return false;
    }
    if (!pl_check_text(L, &r->type, "type", true))
        return false;
    if (question_type_parse(r->type.text, out))
        return true;
    const char *names[QUESTION_TYPE_COUNT];
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++)
        names[t] = question_type_name((QuestionType)t);
    const char *hint = pl_closest(L, r->type.text, names, QUESTION_TYPE_COUNT);
    char buf[80];
    if (hint)
        pl_error_at(L, r->type.at, "unknown question type '%s' (did you mean '%s'?)",
                    pl_excerpt(r->type.text, buf, sizeof buf), hint);
    else
        pl_error_at(L, r->type.at, "unknown question type '%s'; use one of %s",
                    pl_excerpt(r->type.text, buf, sizeof buf), type_list(list, sizeof list));
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
        pl_out_of_memory(L, r->at);
        L->stop = true;
        return;
    }
    QuestionFixups *fix = &L->fixups[L->question_count - 1];
    q->line = r->at.line;

    char qid[80] = "?";
    if (!r->id.present)
        pl_error_at(L, r->at, "question %zu is missing 'id'", L->question_count);
    else if (pl_check_id(L, &r->id, "question id")) {
        q->id = r->id.text;
        pl_excerpt(q->id, qid, sizeof qid);
        uint32_t first_line;
        switch (id_index_insert(&L->question_ids, q->id, (uint32_t)q->line, &first_line)) {
        case ID_INDEX_DUPLICATE:
            pl_error_at(L, r->id.at, "duplicate question id '%s' (first used on line %u)", qid,
                        (unsigned)first_line);
            break;
        case ID_INDEX_NO_MEMORY:
            pl_out_of_memory(L, r->id.at);
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
    if (r->prompt.present && pl_check_text(L, &r->prompt, "prompt", prompt_required))
        q->prompt = r->prompt.text;
    if (r->explain.present && pl_check_text(L, &r->explain, "explain", false))
        q->explain = r->explain.text;
    if (r->topic.present && pl_check_text(L, &r->topic, "topic", true) &&
        pl_check_id_length(L, &r->topic, "topic")) {
        q->topic = r->topic.text;
        fix->topic = r->topic.at;
    }
    if (r->source.present && pl_check_text(L, &r->source, "source", true) &&
        pl_check_id_length(L, &r->source, "source")) {
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
            pl_error_at(L, r->tags.at, "'tags' has %zu entries; the limit is %d", r->tags.count,
                        MAX_TAGS);
        q->tags = pl_list_copy(L, &r->tags);
        q->tag_count = r->tags.kept;
    }
    if (!r->explain.present || !q->explain[0])
        pl_warning_at(L, r->at, "question '%s' has no 'explain': students will see only the answer",
                      qid);
}
