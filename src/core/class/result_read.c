/* result_read.c - reads a result file back into a ClassAttempt and checks
 * every field (result.h).
 *
 * Result files come from students' computers over a share anybody in the
 * room can write to, so nothing in them is trusted: the file is bounded
 * (32 MiB, regular file, never through a link), its UTF-8 checked, every
 * key known, every value of its type and in range, every count bounded
 * (answers, packs, display entries, record numbers and texts). What the
 * values mean (does the score match the answers?) is the report's check.
 * Keys and values go through the core's YAML cursor and its checks
 * (yaml_cursor.h, the pack loader's too), opened by cy_open (class_yaml.h).
 *
 * Read result.h first, then this file from result_read_buffer() upwards.
 */
#include "result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "class_yaml.h"

typedef enum TopKey {
    RK_FORMAT,
    RK_KIND,
    RK_SESSION,
    RK_SESSION_SHA,
    RK_PACKS,
    RK_STUDENT,
    RK_ROSTER_ID,
    RK_HOST,
    RK_VERSION,
    RK_STARTED,
    RK_FINISHED,
    RK_STATUS,
    RK_QUESTIONS,
    RK_TOTALS,
    RK_COUNT
} TopKey;

static const char *const top_keys[RK_COUNT] = {
    "format", "kind",     "session", "session_sha256", "packs",  "student",   "roster_id",
    "host",   "quizdeck", "started", "finished",       "status", "questions", "totals",
};

typedef enum AnswerKey {
    AK_PACK,
    AK_QUESTION,
    AK_DISPLAY,
    AK_ANSWER,
    AK_GIVEN,
    AK_RIGHT,
    AK_SCORE,
    AK_POINTS,
    AK_MS,
    AK_LIMIT,
    AK_TIMED_OUT,
    AK_COUNT
} AnswerKey;

static const char *const answer_keys[AK_COUNT] = {
    "pack",  "question", "display", "answer",   "given",     "right",
    "score", "points",   "ms",      "limit_ms", "timed_out",
};

static const char *const total_keys[] = {"questions", "answered", "timed_out",
                                         "right",     "score",    "points"};
static const char *const record_keys[] = {"ints", "texts"};
static const char *const pack_keys[] = {"id", "sha256"};
static const char *const status_names[] = {"finished", "time-up", "stopped"};

/* Bounds a result's numbers: a day in milliseconds is 8.64e7; points of a
 * question are at most 100,000 plus a streak bonus. */
#define MAX_MS     864000000LL /* ten days */
#define MAX_POINTS 1000000LL

typedef struct Reader {
    YcCursor r;
    ClassAttempt *a;
    unsigned seen;
    YcMark key_marks[RK_COUNT];
    YcMark top;
} Reader;

/* ---------------------------------------------------------------- values */

static bool is_hex64(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 64;
}

static void read_sha(Reader *R, YcMark key, const char *what, char out[CLASS_SHA256_HEX])
{
    YcValue v;
    yc_read_value(&R->r, key, &v);
    if (!yc_text(&R->r, &v, what, true))
        return;
    if (!is_hex64(v.text)) {
        yc_error(&R->r, v.at, "'%s' must be 64 lowercase hexadecimal digits (a SHA-256)", what);
        return;
    }
    memcpy(out, v.text, CLASS_SHA256_HEX);
}

static const char *read_text(Reader *R, YcMark key, const char *what, bool required, size_t max)
{
    YcValue v;
    yc_read_value(&R->r, key, &v);
    if (!yc_text(&R->r, &v, what, required))
        return NULL;
    if (v.len > max) {
        yc_error(&R->r, v.at, "'%s' is %zu bytes long; the limit is %zu", what, v.len, max);
        return NULL;
    }
    return v.text;
}

static const char *read_id(Reader *R, YcMark key, const char *what)
{
    YcValue v;
    yc_read_value(&R->r, key, &v);
    return yc_id(&R->r, &v, what) ? v.text : NULL;
}

static bool read_int(Reader *R, YcMark key, const char *what, long long lo, long long hi,
                     long long *out)
{
    YcValue v;
    yc_read_value(&R->r, key, &v);
    return yc_int(&R->r, &v, what, lo, hi, out);
}

static bool read_moment(Reader *R, YcMark key, const char *what, ClassTime *out)
{
    YcValue v;
    yc_read_value(&R->r, key, &v);
    if (!yc_text(&R->r, &v, what, true))
        return false;
    if (!class_time_parse(v.text, out)) {
        char buf[YC_EXCERPT];
        yc_error(&R->r, v.at, "'%s' is '%s', not a date and time with its offset", what,
                 yc_excerpt(v.text, buf, sizeof buf));
        return false;
    }
    return true;
}

/* --------------------------------------------------------------- packs */

static void read_packs(Reader *R)
{
    YcCursor *r = &R->r;
    ClassAttempt *a = R->a;
    if (!yc_enter(r, YC_NODE_SEQUENCE, "packs", "a list of {id, sha256}"))
        return;
    a->packs = arena_alloc_array(&a->arena, RESULT_MAX_PACKS, sizeof *a->packs);
    while (yc_more(r)) {
        YcMark at = yc_here(r);
        if (a->pack_count == RESULT_MAX_PACKS || !a->packs) {
            yc_error(r, at, "more than %d packs", RESULT_MAX_PACKS);
            yc_skip(r);
            continue;
        }
        if (!yc_enter(r, YC_NODE_MAPPING, "packs entry", "a mapping {id, sha256}"))
            continue;
        AttemptPack p = {.id = NULL};
        unsigned seen = 0;
        char key[YC_MAX_KEY];
        YcMark kat;
        while (yc_next_key(r, key, &kat)) {
            int k = yc_key_index(key, pack_keys, 2);
            if (k < 0 || (seen & (1u << k))) {
                if (k < 0)
                    yc_unknown_key(r, kat, key, "a packs entry", pack_keys, 2);
                else
                    yc_duplicate_key(r, kat, key, kat);
                yc_skip(r);
                continue;
            }
            seen |= 1u << k;
            if (k == 0)
                p.id = read_id(R, kat, "pack id");
            else
                read_sha(R, kat, "sha256", p.sha256);
        }
        if (seen != 3) {
            yc_error(r, at, "a packs entry needs 'id' and 'sha256'");
            continue;
        }
        if (!p.id || !p.sha256[0])
            continue;
        for (size_t i = 0; i < a->pack_count; i++)
            if (strcmp(a->packs[i].id, p.id) == 0) {
                yc_error(r, at, "pack '%s' is listed twice", p.id);
                p.id = NULL;
                break;
            }
        if (p.id)
            a->packs[a->pack_count++] = p;
    }
}

/* ------------------------------------------------------------- answers */

/* display: a list of distinct author indices 0..n-1, at most 8. */
static void read_display(Reader *R, AttemptAnswer *x)
{
    YcCursor *r = &R->r;
    YcMark at = yc_here(r);
    if (!yc_enter(r, YC_NODE_SEQUENCE, "display", "a list of numbers like [2, 0, 1, 3]"))
        return;
    size_t n = 0;
    bool bad = false;
    while (yc_more(r)) {
        long long v;
        if (!read_int(R, at, "display entry", 0, PACK_MAX_OPTIONS - 1, &v)) {
            bad = true;
            continue;
        }
        if (n == PACK_MAX_OPTIONS) {
            yc_error(r, at, "'display' has more than %d entries", PACK_MAX_OPTIONS);
            bad = true;
            continue;
        }
        x->display[n++] = (size_t)v;
    }
    if (bad)
        return;
    for (size_t i = 0; i < n; i++) {
        if (x->display[i] >= n) {
            yc_error(r, at, "'display' must be an order of 0..%zu, each once", n ? n - 1 : 0);
            return;
        }
        for (size_t j = 0; j < i; j++)
            if (x->display[i] == x->display[j]) {
                yc_error(r, at, "'display' must be an order of 0..%zu, each once", n - 1);
                return;
            }
    }
    x->display_count = n;
}

static void read_record(Reader *R, AttemptAnswer *x)
{
    YcCursor *r = &R->r;
    YcMark at = yc_here(r);
    if (!yc_enter(r, YC_NODE_MAPPING, "answer", "a mapping {ints: [...], texts: [...]}"))
        return;
    unsigned seen = 0;
    char key[YC_MAX_KEY];
    YcMark kat;
    while (yc_next_key(r, key, &kat)) {
        int k = yc_key_index(key, record_keys, 2);
        if (k < 0 || (seen & (1u << k))) {
            if (k < 0)
                yc_unknown_key(r, kat, key, "an answer", record_keys, 2);
            else
                yc_duplicate_key(r, kat, key, kat);
            yc_skip(r);
            continue;
        }
        seen |= 1u << k;
        if (!yc_enter(r, YC_NODE_SEQUENCE, key, "a list"))
            continue;
        size_t n = 0;
        while (yc_more(r)) {
            size_t limit = k == 0 ? ANSWER_RECORD_MAX_INTS : ANSWER_RECORD_MAX_TEXTS;
            if (n == limit) {
                yc_error(r, yc_here(r), "'%s' has more than %zu entries", key, limit);
                yc_skip(r);
                n++;
                continue;
            }
            if (n > limit) {
                yc_skip(r);
                continue;
            }
            if (k == 0) {
                long long v;
                if (read_int(R, kat, "ints entry", -1, UINT32_MAX, &v))
                    x->answer.ints[x->answer.int_count++] = v;
            } else {
                const char *t = read_text(R, kat, "texts entry", false, YC_MAX_STRING);
                if (t)
                    x->answer.texts[x->answer.text_count++] = t;
            }
            n++;
        }
    }
    if (seen != 3)
        yc_error(r, at, "'answer' needs 'ints' and 'texts'");
}

static void read_answer(Reader *R, AttemptAnswer *x)
{
    YcCursor *r = &R->r;
    YcMark at = yc_here(r);
    if (!yc_enter(r, YC_NODE_MAPPING, "questions entry", "a mapping (pack, question, ...)"))
        return;
    unsigned seen = 0;
    YcMark marks[AK_COUNT];
    char key[YC_MAX_KEY];
    YcMark kat;
    long long v;
    while (yc_next_key(r, key, &kat)) {
        int k = yc_key_index(key, answer_keys, AK_COUNT);
        if (k < 0) {
            yc_unknown_key(r, kat, key, "a question", answer_keys, AK_COUNT);
            yc_skip(r);
            continue;
        }
        if (seen & (1u << k)) {
            yc_duplicate_key(r, kat, key, marks[k]);
            yc_skip(r);
            continue;
        }
        seen |= 1u << k;
        marks[k] = kat;
        YcValue val;
        switch ((AnswerKey)k) {
        case AK_PACK:
            x->pack_id = read_id(R, kat, "pack");
            break;
        case AK_QUESTION:
            x->question_id = read_id(R, kat, "question");
            break;
        case AK_DISPLAY:
            read_display(R, x);
            break;
        case AK_ANSWER:
            read_record(R, x);
            break;
        case AK_GIVEN:
            x->given = read_text(R, kat, "given", false, YC_MAX_STRING);
            break;
        case AK_RIGHT:
            yc_read_value(r, kat, &val);
            yc_bool(r, &val, "right", &x->right);
            break;
        case AK_SCORE:
            yc_read_value(r, kat, &val);
            yc_number(r, &val, "score", 0.0, 1.0, &x->score);
            break;
        case AK_POINTS:
            if (read_int(R, kat, "points", 0, MAX_POINTS, &v))
                x->points = v;
            break;
        case AK_MS:
            if (read_int(R, kat, "ms", 0, MAX_MS, &v))
                x->ms = v;
            break;
        case AK_LIMIT:
            if (read_int(R, kat, "limit_ms", 0, MAX_MS, &v))
                x->limit_ms = v;
            break;
        case AK_TIMED_OUT:
            yc_read_value(r, kat, &val);
            yc_bool(r, &val, "timed_out", &x->timed_out);
            break;
        case AK_COUNT:
            yc_skip(r);
            break;
        }
    }
    for (int k = 0; k < AK_COUNT; k++)
        if (!(seen & (1u << k)))
            yc_error(r, at, "a question is missing '%s'", answer_keys[k]);
    if (!x->given)
        x->given = "";
}

static void read_questions(Reader *R)
{
    YcCursor *r = &R->r;
    ClassAttempt *a = R->a;
    if (!yc_enter(r, YC_NODE_SEQUENCE, "questions", "a list of the questions answered"))
        return;
    while (yc_more(r)) {
        if (a->answer_count == RESULT_MAX_ANSWERS) {
            yc_error(r, yc_here(r), "more than %d questions", RESULT_MAX_ANSWERS);
            r->stop = true; /* no point reading (and holding) the rest */
            return;
        }
        if (a->answer_count == a->answer_cap) {
            size_t cap = a->answer_cap ? a->answer_cap * 2 : 16;
            AttemptAnswer *grown = arena_alloc_array(&a->arena, cap, sizeof *grown);
            if (!grown) {
                yc_error(r, yc_here(r), "out of memory");
                r->stop = true;
                return;
            }
            if (a->answer_count)
                memcpy(grown, a->answers, a->answer_count * sizeof *grown);
            a->answers = grown;
            a->answer_cap = cap;
        }
        AttemptAnswer *x = &a->answers[a->answer_count++];
        *x = (AttemptAnswer){0};
        read_answer(R, x);
    }
}

static void read_totals(Reader *R)
{
    YcCursor *r = &R->r;
    AttemptTotals *t = &R->a->totals;
    YcMark at = yc_here(r);
    if (!yc_enter(r, YC_NODE_MAPPING, "totals", "a mapping (questions, answered, ...)"))
        return;
    unsigned seen = 0;
    char key[YC_MAX_KEY];
    YcMark kat;
    while (yc_next_key(r, key, &kat)) {
        int k = yc_key_index(key, total_keys, 6);
        if (k < 0 || (seen & (1u << k))) {
            if (k < 0)
                yc_unknown_key(r, kat, key, "'totals'", total_keys, 6);
            else
                yc_duplicate_key(r, kat, key, kat);
            yc_skip(r);
            continue;
        }
        seen |= 1u << k;
        long long v = 0;
        if (k == 4) {
            YcValue val;
            yc_read_value(r, kat, &val);
            yc_number(r, &val, "score", 0.0, RESULT_MAX_ANSWERS, &t->score);
            continue;
        }
        long long hi = k == 5 ? MAX_POINTS * RESULT_MAX_ANSWERS : RESULT_MAX_ANSWERS;
        if (!read_int(R, kat, total_keys[k], 0, hi, &v))
            continue;
        switch (k) {
        case 0:
            t->questions = (size_t)v;
            break;
        case 1:
            t->answered = (size_t)v;
            break;
        case 2:
            t->timed_out = (size_t)v;
            break;
        case 3:
            t->right = (size_t)v;
            break;
        default:
            t->points = v;
            break;
        }
    }
    for (int k = 0; k < 6; k++)
        if (!(seen & (1u << k)))
            yc_error(r, at, "'totals' is missing '%s'", total_keys[k]);
}

/* ---------------------------------------------------------------- top */

static void read_key(Reader *R, TopKey k, YcMark at)
{
    YcCursor *r = &R->r;
    ClassAttempt *a = R->a;
    YcValue v;
    long long n;
    int word;
    switch (k) {
    case RK_FORMAT:
        read_int(R, at, "format", RESULT_FORMAT_VERSION, RESULT_FORMAT_VERSION, &n);
        break;
    case RK_KIND:
        yc_read_value(r, at, &v);
        if (yc_text(r, &v, "kind", true) && strcmp(v.text, "result") != 0)
            yc_error(r, v.at, "'kind' must be 'result' in a result file");
        break;
    case RK_SESSION:
        a->session_id = read_id(R, at, "session");
        break;
    case RK_SESSION_SHA:
        read_sha(R, at, "session_sha256", a->session_sha256);
        break;
    case RK_PACKS:
        read_packs(R);
        break;
    case RK_STUDENT:
        a->student = read_text(R, at, "student", true, SESSION_MAX_NAME);
        break;
    case RK_ROSTER_ID:
        a->roster_id = read_text(R, at, "roster_id", false, SESSION_MAX_NAME);
        break;
    case RK_HOST:
        a->host = read_text(R, at, "host", false, 255);
        break;
    case RK_VERSION:
        a->version = read_text(R, at, "quizdeck", true, 64);
        break;
    case RK_STARTED:
        read_moment(R, at, "started", &a->started);
        break;
    case RK_FINISHED:
        read_moment(R, at, "finished", &a->finished);
        break;
    case RK_STATUS:
        yc_read_value(r, at, &v);
        word = 0;
        if (yc_word(r, &v, "status", status_names, 3, &word))
            a->status = (AttemptStatus)word;
        break;
    case RK_QUESTIONS:
        read_questions(R);
        break;
    case RK_TOTALS:
        read_totals(R);
        break;
    case RK_COUNT:
        yc_skip(r);
        break;
    }
}

static void read_top(Reader *R)
{
    YcCursor *r = &R->r;
    R->top = yc_here(r);
    yc_advance(r);
    char key[YC_MAX_KEY];
    YcMark at;
    while (yc_next_key(r, key, &at)) {
        int k = yc_key_index(key, top_keys, RK_COUNT);
        if (k < 0) {
            yc_unknown_key(r, at, key, "a result file", top_keys, RK_COUNT);
            yc_skip(r);
            continue;
        }
        if (R->seen & (1u << k)) {
            yc_duplicate_key(r, at, key, R->key_marks[k]);
            yc_skip(r);
            continue;
        }
        R->seen |= 1u << k;
        R->key_marks[k] = at;
        read_key(R, (TopKey)k, at);
    }
    if (r->stop)
        return;
    for (int k = 0; k < RK_COUNT; k++)
        if (!(R->seen & (1u << k)))
            yc_error(r, R->top, "missing '%s'", top_keys[k]);
    if (R->a->finished.unix_seconds < R->a->started.unix_seconds)
        yc_error(r, R->key_marks[RK_FINISHED], "'finished' is before 'started'");
}

bool result_read_buffer(const char *name, const char *data, size_t size, ClassAttempt *out,
                        DiagList *diags)
{
    *out = (ClassAttempt){0};
    if (size > RESULT_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_ERROR, name, 1, 1, "the file is larger than 32 MiB");
        return false;
    }
    size_t first = diags->count;
    Reader R = {.a = out};
    if (cy_open(&R.r, name, data, size, &out->arena, diags) &&
        yc_start_document(&R.r, "a result file", "format, kind, session, ...",
                          "format, kind, session, ...")) {
        read_top(&R);
        yc_end_document(&R.r, "a result");
    }
    bool ok = !yc_has_errors(&R.r) && !R.r.stop;
    yc_close(&R.r);
    yc_sort_diags(diags, first);
    if (!out->roster_id)
        out->roster_id = "";
    if (!out->host)
        out->host = "";
    return ok && out->session_id && out->student && out->version;
}

bool result_read_file(const char *path, ClassAttempt *out, DiagList *diags)
{
    *out = (ClassAttempt){0};
    char *data = NULL;
    size_t size = 0;
    CyFileStatus st = cy_read_file(path, RESULT_MAX_FILE_BYTES, true, &data, &size);
    if (st != CY_FILE_OK) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "%s", cy_file_problem(st));
        return false;
    }
    bool ok = result_read_buffer(path, data, size, out, diags);
    free(data);
    return ok;
}
