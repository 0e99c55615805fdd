/* session_load.c - reads session.yaml and students.txt and checks every rule
 * of ../shared/class-format.md that needs no pack (session.h, step 1).
 *
 * Like the pack loader: the file is read whole (1 MiB at most), libyaml's
 * events are pulled one at a time through the core's YAML cursor (the pack
 * loader's own, yaml_cursor.h, opened by class_yaml.h's cy_open), each key's
 * value is checked where it is read, and the checks that need the whole file
 * (required keys, opens before closes, accommodations against the roster)
 * run at the end. `packs` and `topics` are one reader of distinct texts
 * (read_text_list) with a table row each. Every problem is reported with its line and column; only a
 * YAML syntax error stops the reading.
 *
 * Read session.h first, then this file from session_load() upwards.
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "class_yaml.h"
#include "fsutil.h"
#include "session_internal.h"

typedef enum SessionKey {
    SK_FORMAT,
    SK_KIND,
    SK_ID,
    SK_TITLE,
    SK_PACKS,
    SK_QUESTIONS,
    SK_TOPICS,
    SK_SEED,
    SK_ORDER,
    SK_TIME_LIMIT,
    SK_TOTAL_TIME,
    SK_SCORING,
    SK_FEEDBACK,
    SK_ATTEMPTS,
    SK_OPENS,
    SK_CLOSES,
    SK_ROSTER,
    SK_ACCOMMODATIONS,
    SK_COUNT
} SessionKey;

static const char *const session_keys[SK_COUNT] = {
    "format",   "kind",     "id",    "title",      "packs",      "questions",
    "topics",   "seed",     "order", "time_limit", "total_time", "scoring",
    "feedback", "attempts", "opens", "closes",     "roster",     "accommodations",
};

static const char *const order_names[] = {"fixed", "shuffled"};
static const char *const scoring_names[] = {"accuracy", "points", "points-streak"};
static const char *const feedback_names[] = {"each", "end", "none"};
static const char *const accommodation_keys[] = {"time_factor"};

const char *session_order_name(SessionOrder order)
{
    return (unsigned)order < 2 ? order_names[order] : "?";
}

const char *session_scoring_name(SessionScoring scoring)
{
    return (unsigned)scoring < 3 ? scoring_names[scoring] : "?";
}

const char *session_feedback_name(SessionFeedback feedback)
{
    return (unsigned)feedback < 3 ? feedback_names[feedback] : "?";
}

typedef struct SessionLoader {
    YcCursor r;
    Session *s;
    unsigned seen;
    YcMark key_marks[SK_COUNT];
    YcMark top;
    YcValue roster_value;
    size_t question_cap, accommodation_cap;
} SessionLoader;

static SessionMark smark(YcMark m)
{
    return (SessionMark){m.line, m.col};
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* A path that stays in the folder: relative, no ".." part, no empty part. */
static bool path_stays_inside(const char *p)
{
    if (p[0] == '/' || p[0] == '\\' || strchr(p, '\\') || strchr(p, ':'))
        return false;
    const char *part = p;
    for (;;) {
        const char *end = strchr(part, '/');
        size_t n = end ? (size_t)(end - part) : strlen(part);
        if (n == 2 && part[0] == '.' && part[1] == '.')
            return false;
        if (!end)
            return true;
        part = end + 1;
    }
}

/* ---------------------------------------------------- packs and topics */

/* A list of distinct texts in a session: `packs`, `topics`. */
typedef struct TextList {
    const char *key;   /* "packs" */
    const char *shape; /* what it must be: "a list of pack ids" */
    const char *entry; /* "pack": "pack 'x' is listed twice" */
    size_t max;        /* entries kept */
    const char *plays; /* "more than 64 packs; a session plays at most 64" (or NULL) */
    const char *empty; /* what an empty list is told */
    /* The entry's own checks (it is text): false once reported. */
    bool (*check)(YcCursor *r, YcValue *v);
} TextList;

/* Reads the list at the cursor into kept[0..list->max), each entry checked
 * and refused when it repeats one before. Returns how many were kept; false
 * in *ok when the list is not one or is empty (reported). */
static size_t read_text_list(YcCursor *r, YcMark key, const TextList *list, YcValue *kept, bool *ok)
{
    size_t n = 0;
    YcMark at = yc_here(r), over = {0, 0};
    char label[48], buf[YC_EXCERPT];
    *ok = false;
    snprintf(label, sizeof label, "%s entry", list->key);
    if (!yc_enter(r, YC_NODE_SEQUENCE, list->key, list->shape))
        return 0;
    size_t seen = 0;
    while (yc_more(r)) {
        YcValue v;
        yc_read_value(r, key, &v);
        seen++;
        if (!yc_text(r, &v, label, true) || !list->check(r, &v))
            continue;
        bool dup = false;
        for (size_t i = 0; i < n && !dup; i++)
            if (strcmp(kept[i].text, v.text) == 0) {
                yc_error(r, v.at, "%s '%s' is listed twice (first on line %d)", list->entry,
                         yc_excerpt(v.text, buf, sizeof buf), kept[i].at.line);
                dup = true;
            }
        if (dup)
            continue;
        if (n == list->max) {
            if (!over.line)
                over = v.at;
            continue;
        }
        kept[n++] = v;
    }
    if (over.line && list->plays)
        yc_error(r, over, "more than %zu %ss; a session %s at most %zu", list->max, list->entry,
                 list->plays, list->max);
    else if (over.line)
        yc_error(r, over, "more than %zu %ss", list->max, list->entry);
    if (seen == 0)
        yc_error(r, at, "%s", list->empty);
    *ok = seen > 0;
    return n;
}

/* A pack is named by its id, or by a path in the session folder. */
static bool is_pack_path(const char *text)
{
    return strchr(text, '/') || strchr(text, '\\') || has_suffix(text, ".yaml") ||
           has_suffix(text, ".yml");
}

static bool check_pack(YcCursor *r, YcValue *v)
{
    if (!is_pack_path(v->text))
        return yc_id(r, v, "pack id");
    if (path_stays_inside(v->text))
        return true;
    char buf[YC_EXCERPT];
    yc_error(r, v->at,
             "pack path '%s' leads out of the session folder; a session's packs must be "
             "inside its folder (in packs/) or installed",
             yc_excerpt(v->text, buf, sizeof buf));
    return false;
}

static bool check_topic(YcCursor *r, YcValue *v)
{
    return yc_id_length(r, v, "topic id");
}

enum { LIST_PACKS, LIST_TOPICS };

static const TextList text_lists[2] = {
    [LIST_PACKS] = {"packs", "a list of pack ids", "pack", SESSION_MAX_PACKS, "plays",
                    "'packs' is empty; a session plays at least one pack", check_pack},
    [LIST_TOPICS] = {"topics", "a list of topic ids", "topic", SESSION_MAX_TOPICS, NULL,
                     "'topics' is an empty list; leave it out to play every topic", check_topic},
};

/* `packs` into s->packs, `topics` into s->topics. */
static void parse_text_list(SessionLoader *L, YcMark key, int which)
{
    Session *s = L->s;
    YcValue kept[SESSION_MAX_PACKS > SESSION_MAX_TOPICS ? SESSION_MAX_PACKS : SESSION_MAX_TOPICS];
    bool ok;
    size_t n = read_text_list(&L->r, key, &text_lists[which], kept, &ok);
    size_t size = which == LIST_PACKS ? sizeof *s->packs : sizeof *s->topics;
    void *items = ok ? arena_alloc_array(&s->arena, n ? n : 1, size) : NULL;
    if (!items)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *text = kept[i].text;
        if (which == LIST_PACKS)
            ((SessionPackRef *)items)[i] =
                (SessionPackRef){text, is_pack_path(text), smark(kept[i].at)};
        else
            ((SessionTopic *)items)[i] = (SessionTopic){text, smark(kept[i].at)};
    }
    if (which == LIST_PACKS) {
        s->packs = items;
        s->pack_count = n;
    } else {
        s->topics = items;
        s->topic_count = n;
    }
}

/* ------------------------------------------------------------ questions */

static void add_question_ref(SessionLoader *L, YcValue *v)
{
    YcCursor *r = &L->r;
    Session *s = L->s;
    char buf[YC_EXCERPT];
    const char *slash = strchr(v->text, '/');
    if (!slash || strchr(slash + 1, '/')) {
        yc_error(r, v->at, "question '%s' must be written PACK/QUESTION, e.g. kuwait-gcc/gcc-size",
                 yc_excerpt(v->text, buf, sizeof buf));
        return;
    }
    char *pack_id = arena_strndup(&s->arena, v->text, (size_t)(slash - v->text));
    const char *question_id = slash + 1;
    if (!pack_id)
        return;
    if (!yc_is_id(pack_id) || !yc_is_id(question_id)) {
        yc_error(r, v->at,
                 "question '%s' must be written PACK/QUESTION with the pack's and the question's "
                 "ids (lowercase letters a-z, digits and '-')",
                 yc_excerpt(v->text, buf, sizeof buf));
        return;
    }
    for (size_t i = 0; i < s->question_ref_count; i++) {
        const SessionQuestionRef *q = &s->questions[i];
        if (strcmp(q->pack_id, pack_id) == 0 && strcmp(q->question_id, question_id) == 0) {
            yc_error(r, v->at, "question '%s' is listed twice (first on line %d)",
                     yc_excerpt(v->text, buf, sizeof buf), q->at.line);
            return;
        }
    }
    if (s->question_ref_count == SESSION_MAX_QUESTIONS) {
        yc_error(r, v->at, "more than %d questions; a session asks at most %d",
                 SESSION_MAX_QUESTIONS, SESSION_MAX_QUESTIONS);
        return;
    }
    SessionQuestionRef *grown = session_grow(&s->arena, s->questions, s->question_ref_count,
                                             &L->question_cap, sizeof *grown);
    if (!grown)
        return;
    s->questions = grown;
    s->questions[s->question_ref_count++] =
        (SessionQuestionRef){pack_id, question_id, smark(v->at)};
}

static void parse_questions(SessionLoader *L, YcMark key)
{
    YcCursor *r = &L->r;
    Session *s = L->s;
    s->questions_at = smark(yc_here(r));
    if (yc_node(r) == YC_NODE_SEQUENCE) {
        YcMark at = yc_here(r);
        yc_advance(r);
        size_t seen = 0;
        while (yc_more(r)) {
            YcValue v;
            yc_read_value(r, key, &v);
            seen++;
            char label[48];
            snprintf(label, sizeof label, "questions entry %zu", seen);
            if (yc_text(r, &v, label, true))
                add_question_ref(L, &v);
        }
        if (seen == 0)
            yc_error(r, at, "'questions' is an empty list; leave it out to play every question");
        return;
    }
    YcValue v;
    yc_read_value(r, key, &v);
    if (v.bad)
        return;
    if (v.node == YC_NODE_SCALAR && v.kind == YC_INT) {
        long long n;
        if (yc_int(r, &v, "questions", 1, SESSION_MAX_QUESTIONS, &n))
            s->question_count = (size_t)n;
        return;
    }
    yc_error(r, v.at,
             "'questions' must be how many to draw (a whole number from 1 to %d) or a list of "
             "PACK/QUESTION ids, not %s",
             SESSION_MAX_QUESTIONS, v.node == YC_NODE_SCALAR ? "text" : yc_node_name(v.node));
}

/* -------------------------------------------------------- accommodations */

static void parse_accommodation(SessionLoader *L, YcValue *name)
{
    YcCursor *r = &L->r;
    Session *s = L->s;
    char what[120], buf[YC_EXCERPT];
    /* cy_enter quotes `what`: "'Ali' in 'accommodations' must be ..." */
    snprintf(what, sizeof what, "%s' in 'accommodations", yc_excerpt(name->text, buf, sizeof buf));
    if (!yc_enter(r, YC_NODE_MAPPING, what, "a mapping like {time_factor: 1.5}"))
        return;
    YcValue factor = {0};
    char key[YC_MAX_KEY];
    YcMark at;
    while (yc_next_key(r, key, &at)) {
        int k = yc_key_index(key, accommodation_keys, 1);
        if (k < 0) {
            yc_unknown_key(r, at, key, "an accommodation", accommodation_keys, 1);
            yc_skip(r);
        } else if (factor.present) {
            yc_duplicate_key(r, at, key, factor.key);
            yc_skip(r);
        } else {
            yc_read_value(r, at, &factor);
        }
    }
    if (!factor.present) {
        yc_error(r, name->at, "'%s' is missing 'time_factor' (1.0 to 4.0)", what);
        return;
    }
    double f;
    if (!yc_number(r, &factor, "time_factor", 1.0, 4.0, &f) || name->bad)
        return;
    for (size_t i = 0; i < s->accommodation_count; i++)
        if (strcmp(s->accommodations[i].student, name->text) == 0) {
            yc_error(r, name->at, "'%s' has accommodations twice (first on line %d)",
                     yc_excerpt(name->text, buf, sizeof buf), s->accommodations[i].at.line);
            return;
        }
    if (s->accommodation_count == SESSION_MAX_STUDENTS)
        return;
    SessionAccommodation *grown = session_grow(&s->arena, s->accommodations, s->accommodation_count,
                                               &L->accommodation_cap, sizeof *grown);
    if (!grown)
        return;
    s->accommodations = grown;
    s->accommodations[s->accommodation_count++] =
        (SessionAccommodation){name->text, f, smark(name->at)};
}

static void parse_accommodations(SessionLoader *L)
{
    YcCursor *r = &L->r;
    if (!yc_enter(r, YC_NODE_MAPPING, "accommodations",
                  "a mapping of student to {time_factor: ...}"))
        return;
    while (yc_more(r)) {
        YcValue name;
        yc_read_value(r, yc_here(r), &name);
        if (!name.bad && (name.node != YC_NODE_SCALAR || name.kind == YC_NULL || !name.text[0])) {
            yc_error(r, name.at, "a student in 'accommodations' must be a roster name or ID");
            name.bad = true;
        } else if (!name.bad && strlen(name.text) > SESSION_MAX_NAME) {
            yc_error(r, name.at, "a student's name is at most %d bytes", SESSION_MAX_NAME);
            name.bad = true;
        }
        parse_accommodation(L, &name);
    }
}

/* ---------------------------------------------------------------- values */

static void parse_time_limit(SessionLoader *L, YcMark key)
{
    YcCursor *r = &L->r;
    YcValue v;
    yc_read_value(r, key, &v);
    if (v.bad)
        return;
    if (v.node == YC_NODE_SCALAR && v.kind == YC_STRING && strcmp(v.text, "pack") == 0) {
        L->s->time_from_pack = true;
        return;
    }
    if (v.node == YC_NODE_SCALAR && v.kind == YC_INT) {
        long long n;
        if (yc_int(r, &v, "time_limit", 0, PACK_MAX_TIME_LIMIT, &n)) {
            L->s->time_from_pack = false;
            L->s->time_limit = (int)n;
        }
        return;
    }
    char buf[YC_EXCERPT];
    yc_error(r, v.at,
             "'time_limit' must be seconds per question (0 to %d, 0 = untimed) or 'pack', not "
             "%s%s%s",
             PACK_MAX_TIME_LIMIT, v.node == YC_NODE_SCALAR ? "'" : "",
             v.node == YC_NODE_SCALAR ? yc_excerpt(v.text, buf, sizeof buf) : yc_node_name(v.node),
             v.node == YC_NODE_SCALAR ? "'" : "");
}

static void parse_moment(SessionLoader *L, YcMark key, const char *what, bool *has, ClassTime *t)
{
    YcCursor *r = &L->r;
    YcValue v;
    yc_read_value(r, key, &v);
    if (!yc_text(r, &v, what, true))
        return;
    if (!class_time_parse(v.text, t)) {
        char buf[YC_EXCERPT];
        yc_error(r, v.at,
                 "'%s' is '%s'; it must be a date and time with its offset from UTC, like "
                 "2026-03-01T08:00:00+03:00",
                 what, yc_excerpt(v.text, buf, sizeof buf));
        return;
    }
    *has = true;
}

static void parse_word(SessionLoader *L, YcMark key, const char *what, const char *const *names,
                       size_t count, int *out)
{
    YcValue v;
    yc_read_value(&L->r, key, &v);
    yc_word(&L->r, &v, what, names, count, out);
}

static void parse_format(SessionLoader *L, YcMark key)
{
    YcCursor *r = &L->r;
    YcValue v;
    yc_read_value(r, key, &v);
    if (v.bad)
        return;
    if (v.node == YC_NODE_SCALAR && v.kind == YC_INT) {
        if (strcmp(v.text, "1") != 0)
            yc_error(r, v.at,
                     "unsupported format %s: this version of quizdeck reads session format %d",
                     v.text, SESSION_FORMAT_VERSION);
        return;
    }
    char buf[YC_EXCERPT];
    yc_error(r, v.at, "'format' must be the number %d (unquoted), not %s%s%s",
             SESSION_FORMAT_VERSION, v.node == YC_NODE_SCALAR ? "'" : "",
             v.node == YC_NODE_SCALAR ? yc_excerpt(v.text, buf, sizeof buf) : yc_node_name(v.node),
             v.node == YC_NODE_SCALAR ? "'" : "");
}

static void parse_kind(SessionLoader *L, YcMark key)
{
    YcCursor *r = &L->r;
    YcValue v;
    yc_read_value(r, key, &v);
    if (!yc_text(r, &v, "kind", true))
        return;
    if (strcmp(v.text, "session") == 0)
        return;
    char buf[YC_EXCERPT];
    if (strcmp(v.text, "result") == 0)
        yc_error(r, v.at, "this is a result file ('kind: result'), not a session");
    else
        yc_error(r, v.at, "'kind' is '%s'; a session file says 'kind: session'",
                 yc_excerpt(v.text, buf, sizeof buf));
}

static void parse_key(SessionLoader *L, SessionKey k, YcMark at)
{
    YcCursor *r = &L->r;
    Session *s = L->s;
    YcValue v;
    long long n;
    int word;
    switch (k) {
    case SK_FORMAT:
        parse_format(L, at);
        break;
    case SK_KIND:
        parse_kind(L, at);
        break;
    case SK_ID:
        yc_read_value(r, at, &v);
        if (yc_id(r, &v, "session id"))
            s->id = v.text;
        break;
    case SK_TITLE:
        yc_read_value(r, at, &v);
        if (yc_text(r, &v, "title", true))
            s->title = v.text;
        break;
    case SK_PACKS:
        parse_text_list(L, at, LIST_PACKS);
        break;
    case SK_QUESTIONS:
        parse_questions(L, at);
        break;
    case SK_TOPICS:
        parse_text_list(L, at, LIST_TOPICS);
        break;
    case SK_SEED:
        yc_read_value(r, at, &v);
        if (yc_int(r, &v, "seed", 0, INT64_MAX, &n)) {
            s->seed = (uint64_t)n;
            s->seed_given = true;
        }
        break;
    case SK_ORDER:
        word = 0;
        parse_word(L, at, "order", order_names, 2, &word);
        s->order = (SessionOrder)word;
        break;
    case SK_TIME_LIMIT:
        parse_time_limit(L, at);
        break;
    case SK_TOTAL_TIME:
        yc_read_value(r, at, &v);
        if (yc_int(r, &v, "total_time", 0, SESSION_MAX_TOTAL_TIME, &n))
            s->total_time = (int)n;
        break;
    case SK_SCORING:
        word = 0;
        parse_word(L, at, "scoring", scoring_names, 3, &word);
        s->scoring = (SessionScoring)word;
        break;
    case SK_FEEDBACK:
        word = SESSION_FEEDBACK_END;
        parse_word(L, at, "feedback", feedback_names, 3, &word);
        s->feedback = (SessionFeedback)word;
        break;
    case SK_ATTEMPTS:
        yc_read_value(r, at, &v);
        if (yc_int(r, &v, "attempts", 1, SESSION_MAX_ATTEMPTS, &n))
            s->attempts = (int)n;
        break;
    case SK_OPENS:
        parse_moment(L, at, "opens", &s->has_opens, &s->opens);
        break;
    case SK_CLOSES:
        parse_moment(L, at, "closes", &s->has_closes, &s->closes);
        break;
    case SK_ROSTER:
        yc_read_value(r, at, &L->roster_value);
        yc_bool(r, &L->roster_value, "roster", &s->roster);
        break;
    case SK_ACCOMMODATIONS:
        parse_accommodations(L);
        break;
    case SK_COUNT:
        yc_skip(r);
        break;
    }
}

static void parse_top(SessionLoader *L)
{
    YcCursor *r = &L->r;
    L->top = yc_here(r);
    yc_advance(r); /* MAPPING_START */
    char key[YC_MAX_KEY];
    YcMark at;
    while (yc_next_key(r, key, &at)) {
        int k = yc_key_index(key, session_keys, SK_COUNT);
        if (k < 0) {
            yc_unknown_key(r, at, key, "the session", session_keys, SK_COUNT);
            yc_skip(r);
            continue;
        }
        if (L->seen & (1u << k)) {
            yc_duplicate_key(r, at, key, L->key_marks[k]);
            yc_skip(r);
            continue;
        }
        L->seen |= 1u << k;
        L->key_marks[k] = at;
        parse_key(L, (SessionKey)k, at);
    }
}

/* ----------------------------------------------------------- whole file */

/* The checks that need the whole file and the roster. */
static void finish(SessionLoader *L, DiagList *diags)
{
    YcCursor *r = &L->r;
    Session *s = L->s;
    static const struct {
        SessionKey key;
        const char *message;
    } required[] = {
        {SK_FORMAT, "missing 'format' (write 'format: 1' at the top)"},
        {SK_KIND, "missing 'kind' (write 'kind: session', so it is not taken for a pack)"},
        {SK_ID, "missing 'id' (the session's id, e.g. 'id: gcc-quiz-10b'; results carry it)"},
        {SK_TITLE, "missing 'title' (what students see)"},
        {SK_PACKS, "missing 'packs' (the list of pack ids to play)"},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!(L->seen & (1u << required[i].key)))
            yc_error(r, L->top, "%s", required[i].message);
    if (s->has_opens && s->has_closes && s->closes.unix_seconds <= s->opens.unix_seconds)
        yc_error(r, L->key_marks[SK_CLOSES], "'closes' must come after 'opens'");
    if (!s->seed_given && s->id[0])
        s->seed = class_fnv1a64(s->id);

    session_load_roster(s, diags);
    bool have_roster = s->student_count > 0;
    if (L->roster_value.present && !L->roster_value.bad) {
        if (s->roster && !s->roster_path[0])
            yc_error(r, L->roster_value.at,
                     "'roster' is true but the folder has no students.txt (one name a line)");
    } else {
        s->roster = have_roster || s->roster_path[0];
    }
    char buf[YC_EXCERPT];
    for (size_t i = 0; i < s->accommodation_count; i++) {
        const SessionAccommodation *a = &s->accommodations[i];
        YcMark at = {a->at.line, a->at.col};
        if (!s->roster_path[0]) {
            yc_warning(r, at,
                       "no students.txt, so '%s' cannot be checked: it must be written exactly as "
                       "the student types their name",
                       yc_excerpt(a->student, buf, sizeof buf));
            continue;
        }
        if (!have_roster || session_find_student(s, a->student))
            continue;
        const char *names[64];
        size_t n = 0;
        for (size_t k = 0; k < s->student_count && n < 64; k++)
            names[n++] = s->students[k].name;
        const char *hint = yc_closest_name(a->student, names, n, NULL);
        yc_error(r, at, "'%s' is not in students.txt%s%s%s",
                 yc_excerpt(a->student, buf, sizeof buf), hint ? " (did you mean '" : "",
                 hint ? hint : "", hint ? "'?)" : "");
    }
}

/* The folder part of a path: "dir/session.yaml" -> "dir", "session.yaml"
 * -> ".". */
static char *folder_of(Arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(arena, ".");
    if (slash == path)
        return arena_strdup(arena, "/");
    return arena_strndup(arena, path, (size_t)(slash - path));
}

static Session *load(const char *name, const char *folder, const char *data, size_t size,
                     DiagList *diags)
{
    size_t first = diags->count, errors_before = diags->error_count;
    Session *s = malloc(sizeof *s);
    if (!s) {
        diag_add(diags, DIAG_ERROR, name, 1, 1, "out of memory");
        return NULL;
    }
    *s = (Session){.id = "",
                   .title = "",
                   .order = SESSION_ORDER_FIXED,
                   .time_from_pack = true,
                   .scoring = SESSION_SCORING_ACCURACY,
                   .feedback = SESSION_FEEDBACK_END,
                   .attempts = 1,
                   .roster_path = ""};
    s->path = arena_strdup(&s->arena, name);
    s->folder = folder ? arena_strdup(&s->arena, folder) : "";
    class_sha256_hex(data, size, s->sha256);
    SessionLoader L = {.s = s};
    if (cy_open(&L.r, name, data, size, &s->arena, diags) &&
        yc_start_document(&L.r, "a session", "format, kind, id, title, packs, ...",
                          "format, kind, id, title, packs, ...")) {
        parse_top(&L);
        yc_end_document(&L.r, "a session");
        if (!L.r.stop)
            finish(&L, diags);
    }
    yc_close(&L.r);
    yc_sort_diags(diags, first);
    if (diags->error_count > errors_before || !s->path || !s->folder) {
        session_free(s);
        return NULL;
    }
    return s;
}

Session *session_load_buffer(const char *name, const char *folder, const char *data, size_t size,
                             DiagList *diags)
{
    if (size > SESSION_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, name, 1, 1,
                 "the file is larger than 1 MiB, the limit for a "
                 "session");
        return NULL;
    }
    return load(name, folder, data, size, diags);
}

Session *session_load(const char *path, DiagList *diags)
{
    Arena scratch = {0};
    const char *file = path, *folder;
    if (is_dir(path)) {
        file = cy_join(path, "session.yaml");
        folder = path;
        if (!file) {
            diag_add(diags, DIAG_ERROR, path, 1, 1, "out of memory");
            return NULL;
        }
    } else {
        folder = folder_of(&scratch, path);
    }
    Session *s = NULL;
    char *data = NULL;
    size_t size = 0;
    CyFileStatus st = cy_read_file(file, SESSION_MAX_FILE_BYTES, false, &data, &size);
    if (st == CY_FILE_MISSING && file != path)
        diag_add(diags, DIAG_ERROR, file, 1, 1,
                 "the folder has no session.yaml, so it is not a session folder");
    else if (st == CY_FILE_TOO_BIG)
        diag_add(diags, DIAG_ERROR, file, 1, 1,
                 "the file is larger than 1 MiB, the limit for a session");
    else if (st != CY_FILE_OK)
        diag_add(diags, DIAG_ERROR, file, 1, 1, "cannot read the session: %s", cy_file_problem(st));
    else if (folder && cy_place(folder, file) == CY_OUTSIDE)
        diag_add(diags, DIAG_ERROR, file, 1, 1,
                 "session.yaml is a link to a file outside the session folder; copy the file in "
                 "instead");
    else
        s = load(file, folder, data, size, diags);
    free(data);
    if (file != path)
        free((char *)file);
    arena_free(&scratch);
    return s;
}

void session_free(Session *session)
{
    if (!session)
        return;
    arena_free(&session->arena);
    free(session);
}
