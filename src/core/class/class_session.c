/* class_session.c - the first part of class_play.h: opening a session for
 * a student's computer, what its intro shows, the roster filter, and who
 * is playing (their extra time, their attempts on this computer).
 *
 * Read class_play.h first; class_play.c plays the attempt.
 */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "class_play.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_match.h"
#include "class_play_internal.h"
#include "error_value.h"
#include "class_yaml.h"

/* ---- errors ------------------------------------------------------------------ */

const char *class_status_message(ClassStatus status)
{
    switch (status) {
    case CLASS_OK:
        return "ok";
    case CLASS_BROKEN:
        return "the session has errors";
    case CLASS_NOT_OPEN:
        return "the session is not open now";
    case CLASS_NO_ATTEMPTS:
        return "every attempt has been used on this computer";
    case CLASS_UNFINISHED:
        return "an earlier attempt was not finished";
    case CLASS_BAD_STUDENT:
        return "that name cannot be used";
    case CLASS_OVER:
        return "the attempt has ended";
    case CLASS_TIME_UP:
        return "the time is up";
    case CLASS_CHANGED:
        return "the session was changed since the attempt began";
    case CLASS_NOT_FOUND:
        return "there is no such unfinished attempt";
    case CLASS_NOT_SAVED:
        return "this computer's database refused a write";
    case CLASS_NOT_DELIVERED:
        return "the result is not in the session's results folder yet";
    case CLASS_NO_MEMORY:
        return "out of memory";
    }
    return "unknown status";
}

ClassStatus class_fail(ClassError *err, ClassStatus status, const char *fmt, ...)
{
    ERROR_VALUE_SET(err, status, fmt);
    return status;
}

void class_say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

void class_ok(ClassError *err)
{
    if (err) {
        err->status = CLASS_OK;
        err->message[0] = '\0';
    }
}

/* ---- opening ------------------------------------------------------------------ */

ClassStatus class_session_open(ClassSession *cs, const char *path, const char *const *installed,
                               size_t installed_count, ClassError *err)
{
    class_ok(err);
    *cs = (ClassSession){0};
    cs->session = session_load(path, &cs->diags);
    if (!cs->session)
        return class_fail(err, CLASS_BROKEN, "%s cannot be played: it has errors", path);
    if (!session_resolve_packs(cs->session, installed, installed_count, &cs->packs, &cs->diags))
        return class_fail(err, CLASS_BROKEN, "%s cannot be played: its packs have errors", path);
    /* Absolute, so an attempt a kill interrupted names the folder whatever
     * the next start's working folder is. */
    char *real = realpath(cs->session->folder, NULL);
    class_say(cs->folder, sizeof cs->folder, "%s", real ? real : cs->session->folder);
    free(real);
    RoundQuestionRef *drawn = NULL;
    if (!session_draw(cs->session, &cs->packs, &drawn, &cs->question_count))
        return class_fail(err, CLASS_NO_MEMORY, "out of memory");
    free(drawn);
    cs->ready = cs->question_count > 0;
    return cs->ready ? CLASS_OK : class_fail(err, CLASS_BROKEN, "%s asks no question", path);
}

void class_session_close(ClassSession *cs)
{
    session_packs_free(&cs->packs);
    session_free(cs->session);
    diag_clear(&cs->diags);
    *cs = (ClassSession){0};
}

/* ---- the intro ---------------------------------------------------------------- */

ClassWindow class_window(const Session *s, int64_t now_ms)
{
    int64_t now = now_ms / 1000;
    if (s->has_opens && now < s->opens.unix_seconds)
        return CLASS_WINDOW_NOT_YET;
    return session_is_open(s, now) ? CLASS_WINDOW_OPEN : CLASS_WINDOW_CLOSED;
}

void class_intro(const ClassSession *cs, double time_factor, int64_t now_ms, ClassIntro *out)
{
    const Session *s = cs->session;
    *out = (ClassIntro){0};
    if (!s)
        return;
    out->id = s->id;
    out->title = s->title;
    out->question_count = cs->question_count;
    out->order = s->order;
    out->scoring = s->scoring;
    out->feedback = s->feedback;
    out->time_factor = time_factor;
    out->time_from_pack = s->time_from_pack;
    out->total_ms = session_total_time_ms(s, time_factor);
    out->window = class_window(s, now_ms);
    out->has_opens = s->has_opens;
    out->has_closes = s->has_closes;
    out->opens = s->opens;
    out->closes = s->closes;
    out->attempts = s->attempts;
    out->roster = s->roster;
    out->students = s->student_count;
    RoundQuestionRef *drawn = NULL;
    size_t n = 0;
    if (!cs->ready || !session_draw(s, &cs->packs, &drawn, &n))
        return;
    for (size_t i = 0; i < n; i++) {
        const SessionPack *sp = session_packs_find(&cs->packs, drawn[i].pack_id);
        const Question *q = sp ? pack_find_question(sp->pack, drawn[i].question_id) : NULL;
        int64_t ms = q ? session_time_limit_ms(s, q, time_factor) : 0;
        if (ms > 0 && (out->limit_min_ms == 0 || ms < out->limit_min_ms))
            out->limit_min_ms = ms;
        if (ms > out->limit_max_ms)
            out->limit_max_ms = ms;
    }
    free(drawn);
}

/* ---- the roster --------------------------------------------------------------- */

/* The normalised form of text (answer_normalize), with a hyphen read as a
 * space first, so "al sabah" finds "Al-Sabah" (the normaliser alone would
 * join it into one word). */
static void fold_name(const char *text, char *out, size_t size)
{
    char spaced[4 * CLASS_NAME_SIZE];
    class_say(spaced, sizeof spaced, "%s", text);
    for (char *c = spaced; *c; c++)
        if (*c == '-')
            *c = ' ';
    answer_normalize(spaced, out, size);
}

static bool id_starts_with(const char *id, const char *typed)
{
    for (; *typed; id++, typed++) {
        unsigned char a = (unsigned char)*id, b = (unsigned char)*typed;
        if (!a)
            return false;
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

size_t class_roster_filter(const ClassSession *cs, const char *typed, size_t *out, size_t cap)
{
    const Session *s = cs->session;
    if (!s)
        return 0;
    char want[4 * CLASS_NAME_SIZE], name[4 * CLASS_NAME_SIZE];
    fold_name(typed ? typed : "", want, sizeof want);
    const char *raw = typed ? typed : "";
    while (*raw == ' ')
        raw++;
    size_t n = 0;
    for (size_t i = 0; i < s->student_count; i++) {
        const SessionStudent *st = &s->students[i];
        bool match = !want[0] && !raw[0];
        if (!match && raw[0] && st->id[0])
            match = id_starts_with(st->id, raw);
        if (!match && want[0]) {
            fold_name(st->name, name, sizeof name);
            match = strstr(name, want) != NULL;
        }
        if (match) {
            if (n < cap)
                out[n] = i;
            n++;
        }
    }
    return n;
}

/* ---- who is playing ----------------------------------------------------------- */

/* A typed name, trimmed of ASCII spaces into out; false with a message
 * when it cannot be a student's name in a result file. */
static bool typed_name(const char *name, char out[CLASS_NAME_SIZE], ClassError *err)
{
    const char *start = name ? name : "";
    while (*start == ' ')
        start++;
    size_t n = strlen(start);
    while (n > 0 && start[n - 1] == ' ')
        n--;
    if (n == 0) {
        class_fail(err, CLASS_BAD_STUDENT, "Type your name first.");
        return false;
    }
    if (n > SESSION_MAX_NAME) {
        class_fail(err, CLASS_BAD_STUDENT, "That name is too long: at most %d bytes.",
                   SESSION_MAX_NAME);
        return false;
    }
    bool control = false;
    for (size_t i = 0; i < n; i++)
        control = control || (unsigned char)start[i] < 0x20 || start[i] == 0x7f;
    char folded[4 * CLASS_NAME_SIZE];
    memcpy(out, start, n);
    out[n] = '\0';
    fold_name(out, folded, sizeof folded);
    if (control || !cy_utf8_ok(start, n) || !folded[0]) {
        class_fail(err, CLASS_BAD_STUDENT, "Type your name with letters.");
        out[0] = '\0';
        return false;
    }
    return true;
}

/* The roster line a pick names: by ID when given, else by a name only one
 * line has. */
static const SessionStudent *roster_line(const Session *s, const char *name, const char *id,
                                         ClassError *err)
{
    const SessionStudent *found = NULL;
    size_t same = 0;
    for (size_t i = 0; i < s->student_count; i++) {
        const SessionStudent *st = &s->students[i];
        if (id && id[0] ? strcmp(st->id, id) == 0 : name && strcmp(st->name, name) == 0) {
            found = found ? found : st;
            same++;
        }
    }
    if (!found)
        class_fail(err, CLASS_BAD_STUDENT,
                   "%s is not on this session's class list. Pick your "
                   "name from the list, or ask your teacher.",
                   id && id[0] ? id
                   : name      ? name
                               : "");
    else if (same > 1)
        class_fail(err, CLASS_BAD_STUDENT,
                   "Two students on the class list are called %s: pick your own line.", name);
    return same == 1 ? found : NULL;
}

void class_summary_of(const StoreClassAttempt *a, ClassResultSummary *out)
{
    *out = (ClassResultSummary){0};
    out->status = strcmp(a->status, "finished") == 0  ? ATTEMPT_FINISHED
                  : strcmp(a->status, "time-up") == 0 ? ATTEMPT_TIME_UP
                                                      : ATTEMPT_STOPPED;
    out->ended_ms = a->ended_at;
    out->questions = a->question_count > 0 ? (size_t)a->question_count : 0;
    out->answered = a->answered > 0 ? (size_t)a->answered : 0;
    out->right = a->right > 0 ? (size_t)a->right : 0;
    out->score = a->score;
    out->points = a->points;
    class_say(out->name, sizeof out->name, "%s", a->result_name);
}

ClassStatus class_student_check(const ClassSession *cs, Store *store, const char *name,
                                const char *roster_id, ClassStudent *out, ClassError *err)
{
    class_ok(err);
    *out = (ClassStudent){0};
    const Session *s = cs->session;
    if (!s || !cs->ready)
        return class_fail(err, CLASS_BROKEN, "The session has errors.");
    if (s->roster) {
        const SessionStudent *st = roster_line(s, name, roster_id, err);
        if (!st)
            return CLASS_BAD_STUDENT;
        class_say(out->name, sizeof out->name, "%s", st->name);
        class_say(out->roster_id, sizeof out->roster_id, "%s", st->id);
    } else if (!typed_name(name, out->name, err)) {
        return CLASS_BAD_STUDENT;
    }
    out->time_factor = session_time_factor(s, out->name, out->roster_id);
    out->attempts_left = s->attempts;
    if (!store)
        return CLASS_OK;
    StoreClassAttemptList list = {0};
    StoreError serr = {0};
    if (store_class_attempts_of(store, s->id, out->name, out->roster_id, &list, &serr) != STORE_OK)
        return class_fail(err, CLASS_NOT_SAVED, "Your earlier attempts cannot be read: %s",
                          serr.message);
    for (size_t i = 0; i < list.count; i++) {
        const StoreClassAttempt *a = &list.items[i];
        if (!a->ended) {
            out->unfinished_round_id = a->round_id;
            continue;
        }
        out->attempts_used++;
        out->has_last = true;
        class_summary_of(a, &out->last);
    }
    out->attempts_left = out->attempts_used >= s->attempts ? 0 : s->attempts - out->attempts_used;
    store_class_attempt_list_free(&list);
    return CLASS_OK;
}
