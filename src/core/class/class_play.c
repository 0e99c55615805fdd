/* class_play.c - the second and fourth parts of class_play.h: one
 * student's attempt played through the play engine, ended, and taken up
 * again after a kill.
 *
 * The round is the play engine's (quiz.h, QUIZ_MODE_CLASS): the session's
 * settings for the student (session_round_settings) and their time factor
 * (QuizSetup.time_factor), so each answer is one store transaction with
 * its flashcard reviews. Beside it the ClassAttempt collects what the
 * result file says, from the same judged answers (quiz_last_record), and
 * the class_attempts row written with the round binds the two, so that a
 * killed game can rebuild the attempt from the store: the round by
 * quiz_resume / quiz_rejudge, its answers by store_round_answers.
 *
 * Read class_play.h first; class_deliver.c hands an ended attempt over.
 */
#include "class_play.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "class_play_internal.h"
#include "session_internal.h"

/* ---- helpers ------------------------------------------------------------------- */

static ClassTime class_time_at(int64_t ms, int offset_minutes)
{
    int64_t s = ms / 1000;
    if (ms < 0 && ms % 1000)
        s--;
    return (ClassTime){s, offset_minutes};
}

static void host_name(const char *given, char buf[256])
{
    if (given && given[0]) {
        snprintf(buf, 256, "%s", given);
        return;
    }
    if (gethostname(buf, 255) != 0 || !buf[0])
        snprintf(buf, 256, "unknown");
    buf[255] = '\0';
}

static ClassStatus from_quiz(QuizStatus st)
{
    switch (st) {
    case QUIZ_OK:
        return CLASS_OK;
    case QUIZ_NO_QUESTIONS:
        return CLASS_BROKEN;
    case QUIZ_BAD_SETTINGS:
        return CLASS_CHANGED;
    case QUIZ_NO_MEMORY:
        return CLASS_NO_MEMORY;
    case QUIZ_OVER:
        return CLASS_OVER;
    case QUIZ_NOT_SAVED:
        return CLASS_NOT_SAVED;
    }
    return CLASS_BROKEN;
}

/* ---- starting -------------------------------------------------------------------- */

/* Whether the student may start now; fills who. */
static ClassStatus may_start(const ClassSession *cs, Store *store, const ClassPlaySetup *setup,
                             ClassStudent *who, ClassError *err)
{
    const Session *s = cs->session;
    if (!s || !cs->ready)
        return class_fail(err, CLASS_BROKEN, "The session has errors and cannot be started.");
    ClassStatus st = class_student_check(cs, store, setup->name, setup->roster_id, who, err);
    if (st == CLASS_BAD_STUDENT || st == CLASS_BROKEN)
        return st;
    class_ok(err); /* an unreadable history does not keep a student out */
    char when[CLASS_TIME_TEXT];
    switch (class_window(s, setup->now_ms)) {
    case CLASS_WINDOW_OPEN:
        break;
    case CLASS_WINDOW_NOT_YET:
        class_time_format(s->opens, when);
        return class_fail(err, CLASS_NOT_OPEN, "This session opens at %s.", when);
    case CLASS_WINDOW_CLOSED:
        class_time_format(s->closes, when);
        return class_fail(err, CLASS_NOT_OPEN, "This session closed at %s.", when);
    }
    if (who->unfinished_round_id)
        return class_fail(err, CLASS_UNFINISHED,
                          "%s has an attempt that was not finished on this computer: take it up "
                          "or end it first.",
                          who->name);
    if (who->attempts_left == 0)
        return class_fail(err, CLASS_NO_ATTEMPTS, "%s has used %s on this computer (%d of %d).",
                          who->name, s->attempts == 1 ? "the attempt" : "every attempt",
                          who->attempts_used, s->attempts);
    return CLASS_OK;
}

/* Starts the round; *bound when its class_attempts row went in with it. */
static ClassStatus start_round(ClassPlay *p, const ClassSession *cs, Store *store,
                               const ClassPlaySetup *setup, const ClassStudent *who,
                               const char *host, bool *bound, ClassError *err)
{
    const Session *s = cs->session;
    RoundSettings rs;
    RoundQuestionRef *only = NULL;
    Pack **packs = session_pack_array(&cs->packs);
    if (!packs || !session_round_settings(
                      s, &cs->packs, session_student_key(who->name, who->roster_id), &rs, &only)) {
        free(packs);
        free(only);
        return class_fail(err, CLASS_NO_MEMORY, "out of memory");
    }
    QuizSetup qs = {
        .profile_id = setup->profile_id,
        .packs = packs,
        .pack_count = cs->packs.pack_count,
        .round = rs,
        .mode = QUIZ_MODE_CLASS,
        .time_factor = who->time_factor,
    };
    StoreError serr = {0};
    bool tx = store && store_transaction_begin(store, &serr) == STORE_OK;
    QuizError qe = {0};
    QuizStatus qst = quiz_start(&p->quiz, store, &qs, setup->now_ms, &qe);
    *bound = false;
    if (qst == QUIZ_OK && p->quiz.round_id) {
        StoreClassAttempt b = {
            .round_id = p->quiz.round_id,
            .folder = cs->folder,
            .session_id = s->id,
            .session_sha256 = s->sha256,
            .student = who->name,
            .roster_id = who->roster_id,
            .host = host,
            .time_factor = who->time_factor,
            .started_at = setup->now_ms,
            .utc_offset = setup->utc_offset_minutes,
            .nonce = setup->nonce,
        };
        *bound = store_class_attempt_add(store, &b, &serr) == STORE_OK;
    }
    if (tx) {
        if (*bound && store_transaction_commit(store, &serr) != STORE_OK)
            *bound = false;
        if (!*bound) {
            StoreError ignored = {0};
            store_transaction_rollback(store, &ignored);
        }
    }
    if (tx && !*bound && qst == QUIZ_OK && p->quiz.round_id) {
        /* The round's row went with the rollback: play the same round
         * (same seed) unsaved rather than answer into a missing row. */
        quiz_free(&p->quiz);
        qst = quiz_start(&p->quiz, NULL, &qs, setup->now_ms, &qe);
    }
    free(packs);
    free(only);
    if (qst != QUIZ_OK && qst != QUIZ_NOT_SAVED)
        return class_fail(err, from_quiz(qst), "%s", qe.message);
    if (!*bound)
        return class_fail(err, CLASS_NOT_SAVED,
                          "This attempt is played, and its result file is written at the end, "
                          "but it is not saved on this computer as it goes (%s), so it cannot "
                          "be taken up again if quizdeck is closed.",
                          !store            ? "progress is not being saved"
                          : qe.message[0]   ? qe.message
                          : serr.message[0] ? serr.message
                                            : "the database refused it");
    return CLASS_OK;
}

ClassStatus class_play_start(ClassPlay *p, const ClassSession *cs, Store *store,
                             const ClassPlaySetup *setup, ClassError *err)
{
    class_play_free(p);
    class_ok(err);
    ClassStudent who;
    ClassStatus st = may_start(cs, store, setup, &who, err);
    if (st != CLASS_OK)
        return st;
    char host[256];
    host_name(setup->host, host);
    bool bound = false;
    ClassError start_err = {0};
    st = start_round(p, cs, store, setup, &who, host, &bound, &start_err);
    if (st != CLASS_OK && st != CLASS_NOT_SAVED) {
        quiz_free(&p->quiz);
        return class_fail(err, st, "%s", start_err.message);
    }
    const Session *s = cs->session;
    if (!class_attempt_begin(&p->attempt, s, &cs->packs, who.name, who.roster_id, host,
                             setup->version ? setup->version : "",
                             class_time_at(setup->now_ms, setup->utc_offset_minutes),
                             p->quiz.round.question_count)) {
        class_play_free(p);
        return class_fail(err, CLASS_NO_MEMORY, "out of memory");
    }
    p->cs = cs;
    p->store = store;
    p->time_factor = who.time_factor;
    p->started_ms = setup->now_ms;
    int64_t total = session_total_time_ms(s, who.time_factor);
    p->deadline_ms = total > 0 ? setup->now_ms + total : 0;
    p->utc_offset = setup->utc_offset_minutes;
    p->nonce = setup->nonce;
    p->active = true;
    p->bound = bound;
    int64_t waiting = 0;
    p->others_waiting = store && store_outbox_count(store, &waiting, NULL) == STORE_OK && waiting;
    if (st == CLASS_NOT_SAVED)
        return class_fail(err, st, "%s", start_err.message);
    return CLASS_OK;
}

/* ---- playing --------------------------------------------------------------------- */

const RoundQuestion *class_play_current(const ClassPlay *p)
{
    return p->active && !p->delivery.ended ? quiz_current(&p->quiz) : NULL;
}

bool class_play_is_over(const ClassPlay *p)
{
    return !p->active || p->delivery.ended;
}

ClassAfter class_play_after_answer(const ClassPlay *p)
{
    SessionFeedback f = p->cs && p->cs->session ? p->cs->session->feedback : SESSION_FEEDBACK_NONE;
    return f == SESSION_FEEDBACK_EACH  ? CLASS_AFTER_FEEDBACK
           : f == SESSION_FEEDBACK_END ? CLASS_AFTER_NEXT
                                       : CLASS_AFTER_SUBMITTED;
}

bool class_play_shows_review(const ClassPlay *p)
{
    return class_play_after_answer(p) != CLASS_AFTER_SUBMITTED;
}

int64_t class_play_time_left_ms(const ClassPlay *p, int64_t now_ms)
{
    if (!p->deadline_ms)
        return -1;
    return now_ms >= p->deadline_ms ? 0 : p->deadline_ms - now_ms;
}

const ClassDelivery *class_play_delivery(const ClassPlay *p)
{
    return &p->delivery;
}

/* Ends the attempt with `status` at ended_ms and hands its file over. */
/* What the end of p's attempt hands over (class_play_internal.h): its
 * file, and the round to close in the store (abandoned unless it is over). */
static ClassHandover handover_of(ClassPlay *p, bool over, int64_t ended_ms, int64_t now_ms)
{
    return (ClassHandover){
        .store = p->store,
        .folder = p->cs->folder,
        .round_id = p->bound ? p->quiz.round_id : 0,
        .abandon_round = !over && p->quiz.round_id,
        .attempt = &p->attempt,
        .nonce = p->nonce,
        .ended_ms = ended_ms,
        .now_ms = now_ms,
    };
}

static ClassStatus end_attempt(ClassPlay *p, AttemptStatus status, int64_t ended_ms, int64_t now_ms,
                               ClassError *err)
{
    bool over = quiz_is_over(&p->quiz);
    if (over)
        status = ATTEMPT_FINISHED;
    else if (status == ATTEMPT_FINISHED)
        status = ATTEMPT_STOPPED;
    /* Answers the store refused earlier get one more chance to count in
     * Progress; the file is made from memory either way. */
    quiz_flush(&p->quiz, NULL);
    class_attempt_end(&p->attempt, status, class_time_at(ended_ms, p->utc_offset));
    ClassHandover h = handover_of(p, over, ended_ms, now_ms);
    if (!p->bound && !over && p->quiz.store && p->quiz.round_id)
        store_round_abandon(p->store, p->quiz.round_id, NULL);
    return class_hand_over(&h, &p->delivery, err);
}

/* One answer (given NULL: the question's time ran out). */
static const RoundResult *take(ClassPlay *p, const GivenAnswer *given, int64_t elapsed_ms,
                               int64_t now_ms, ClassError *err)
{
    class_ok(err);
    if (class_play_is_over(p)) {
        class_fail(err, CLASS_OVER, "The attempt has ended.");
        return NULL;
    }
    if (p->deadline_ms && now_ms >= p->deadline_ms) {
        end_attempt(p, ATTEMPT_TIME_UP, p->deadline_ms, now_ms, NULL);
        class_fail(err, CLASS_TIME_UP, "The time is up. %s", p->delivery.message);
        return NULL;
    }
    QuizError qe = {0};
    const RoundResult *r = given ? quiz_answer(&p->quiz, given, elapsed_ms, now_ms, &qe)
                                 : quiz_timeout(&p->quiz, now_ms, &qe);
    if (!r) {
        class_fail(err, CLASS_OVER, "%s", qe.message);
        return NULL;
    }
    AnswerRecord rec;
    bool has = quiz_last_record(&p->quiz, &rec);
    if (!class_attempt_add_record(&p->attempt, quiz_last_answered(&p->quiz), has ? &rec : NULL))
        class_fail(err, CLASS_NO_MEMORY, "Out of memory: this answer is not in the result file.");
    else if (qe.status == QUIZ_NOT_SAVED)
        class_fail(err, CLASS_NOT_SAVED, "%s", qe.message);
    if (p->others_waiting)
        p->others_waiting = class_deliver(p->store, p->cs, now_ms, NULL, NULL) != CLASS_OK;
    if (quiz_is_over(&p->quiz))
        end_attempt(p, ATTEMPT_FINISHED, now_ms, now_ms, NULL);
    return r;
}

const RoundResult *class_play_answer(ClassPlay *p, const GivenAnswer *given, int64_t elapsed_ms,
                                     int64_t now_ms, ClassError *err)
{
    if (!given) {
        class_fail(err, CLASS_OVER, "No answer was given.");
        return NULL;
    }
    return take(p, given, elapsed_ms, now_ms, err);
}

const RoundResult *class_play_timeout(ClassPlay *p, int64_t now_ms, ClassError *err)
{
    return take(p, NULL, 0, now_ms, err);
}

ClassStatus class_play_end(ClassPlay *p, AttemptStatus status, int64_t now_ms, ClassError *err)
{
    class_ok(err);
    if (class_play_is_over(p))
        return class_fail(err, CLASS_OVER, "The attempt has ended already.");
    int64_t ended = now_ms;
    if (status == ATTEMPT_TIME_UP && p->deadline_ms && now_ms > p->deadline_ms)
        ended = p->deadline_ms;
    return end_attempt(p, status, ended, now_ms, err);
}

ClassStatus class_play_deliver_again(ClassPlay *p, int64_t now_ms, ClassError *err)
{
    class_ok(err);
    if (!p->delivery.ended)
        return class_fail(err, CLASS_OVER, "The attempt has not ended.");
    if (p->delivery.written)
        return CLASS_OK;
    if (p->delivery.held) {
        /* Nothing of the end reached the store: hand it over again whole. */
        bool over = quiz_is_over(&p->quiz);
        ClassHandover h =
            handover_of(p, over, (int64_t)p->attempt.finished.unix_seconds * 1000, now_ms);
        return class_hand_over(&h, &p->delivery, err);
    }
    ClassDeliverReport report;
    ClassStatus st = class_deliver(p->store, p->cs, now_ms, &report, err);
    for (size_t i = 0; i < report.count; i++) {
        const ClassDelivered *d = &report.items[i];
        if (d->delivered && strcmp(d->name, p->delivery.name) == 0) {
            p->delivery.written = true;
            p->delivery.kept = false;
            class_say(p->delivery.path, sizeof p->delivery.path, "%s", d->path);
            class_say(p->delivery.message, sizeof p->delivery.message,
                      "Your answers are saved in the session's results folder: %s.", d->path);
        }
    }
    class_deliver_report_free(&report);
    p->others_waiting = st != CLASS_OK;
    return p->delivery.written ? CLASS_OK : st;
}

void class_play_free(ClassPlay *p)
{
    quiz_free(&p->quiz);
    class_attempt_free(&p->attempt);
    *p = (ClassPlay){0};
}

/* ---- after a kill ------------------------------------------------------------------ */

ClassStatus class_pending(Store *store, const ClassSession *cs, StoreClassAttemptList *out,
                          ClassError *err)
{
    class_ok(err);
    *out = (StoreClassAttemptList){0};
    if (!store)
        return CLASS_OK;
    StoreError serr = {0};
    const char *only = cs && cs->session ? cs->session->id : NULL;
    if (store_class_attempts_open(store, only, out, &serr) != STORE_OK)
        return class_fail(err, CLASS_NOT_SAVED, "Unfinished attempts cannot be read: %s",
                          serr.message);
    return CLASS_OK;
}

/* The unfinished binding of round_id in *b (a list of one). */
static ClassStatus pending_binding(Store *store, const ClassSession *cs, int64_t round_id,
                                   StoreClassAttemptList *b, ClassError *err)
{
    StoreError serr = {0};
    StoreStatus st = store ? store_class_attempt_get(store, round_id, b, &serr) : STORE_NOT_FOUND;
    if (st == STORE_NOT_FOUND || (st == STORE_OK && b->items[0].ended))
        return class_fail(err, CLASS_NOT_FOUND, "Round %lld is not an unfinished class attempt.",
                          (long long)round_id);
    if (st != STORE_OK)
        return class_fail(err, CLASS_NOT_SAVED, "%s", serr.message);
    if (!cs->session || !cs->ready)
        return class_fail(err, CLASS_BROKEN, "The session has errors.");
    if (strcmp(b->items[0].session_id, cs->session->id) != 0)
        return class_fail(err, CLASS_CHANGED, "That attempt belongs to session '%s', not '%s'.",
                          b->items[0].session_id, cs->session->id);
    return CLASS_OK;
}

/* Rebuilds the attempt of binding b from its replayed round and the
 * answers in the store; *last_ms gets the last answer's moment. */
static ClassStatus attempt_from_store(ClassAttempt *a, const ClassSession *cs,
                                      const StoreClassAttempt *b, const Round *round, Store *store,
                                      const char *version, int64_t *last_ms, ClassError *err)
{
    *last_ms = b->started_at;
    if (!class_attempt_begin(a, cs->session, &cs->packs, b->student, b->roster_id, b->host,
                             version ? version : "", class_time_at(b->started_at, b->utc_offset),
                             round->question_count))
        return class_fail(err, CLASS_NO_MEMORY, "out of memory");
    /* The session as the attempt began it, whatever the folder holds now. */
    a->session_id = arena_strdup(&a->arena, b->session_id);
    class_say(a->session_sha256, sizeof a->session_sha256, "%s", b->session_sha256);
    StoreAnswerList answers = {0};
    StoreError serr = {0};
    if (!a->session_id || store_round_answers(store, b->round_id, &answers, &serr) != STORE_OK)
        return class_fail(err, CLASS_NOT_SAVED, "The answers cannot be read back: %s",
                          serr.message);
    ClassStatus st = CLASS_OK;
    for (size_t i = 0; i < answers.count && st == CLASS_OK; i++) {
        const StoreAnswer *x = &answers.items[i];
        const RoundQuestion *rq = round_question(round, (size_t)x->position);
        AnswerRecord rec = {0};
        bool given = x->has_given && !x->timed_out &&
                     x->given_int_count <= ANSWER_RECORD_MAX_INTS &&
                     x->given_text_count <= ANSWER_RECORD_MAX_TEXTS;
        if (given) {
            memcpy(rec.ints, x->given_ints, x->given_int_count * sizeof rec.ints[0]);
            rec.int_count = x->given_int_count;
            for (size_t k = 0; k < x->given_text_count; k++)
                rec.texts[k] = x->given_texts[k];
            rec.text_count = x->given_text_count;
        }
        if (!rq || !class_attempt_add_record(a, rq, given ? &rec : NULL))
            st = class_fail(err, CLASS_CHANGED, "Answer %zu does not fit the round any more.",
                            i + 1);
        if (x->answered_at > *last_ms)
            *last_ms = x->answered_at;
    }
    store_answer_list_free(&answers);
    return st;
}

ClassStatus class_play_resume(ClassPlay *p, const ClassSession *cs, Store *store, int64_t round_id,
                              const ClassPlaySetup *setup, ClassError *err)
{
    class_play_free(p);
    class_ok(err);
    StoreClassAttemptList list = {0};
    ClassStatus st = pending_binding(store, cs, round_id, &list, err);
    if (st != CLASS_OK) {
        store_class_attempt_list_free(&list);
        return st;
    }
    const StoreClassAttempt *b = &list.items[0];
    const Session *s = cs->session;
    int64_t total = session_total_time_ms(s, b->time_factor);
    int64_t deadline = total > 0 ? b->started_at + total : 0;
    if (strcmp(b->session_sha256, s->sha256) != 0)
        st = class_fail(err, CLASS_CHANGED,
                        "session.yaml was changed since this attempt began, so it cannot go on; "
                        "end it to deliver what was answered.");
    else if (deadline && setup->now_ms >= deadline)
        st = class_fail(err, CLASS_TIME_UP,
                        "The time of this attempt ran out while quizdeck was "
                        "closed; end it to deliver what was answered.");
    Pack **packs = st == CLASS_OK ? session_pack_array(&cs->packs) : NULL;
    if (st == CLASS_OK && !packs)
        st = class_fail(err, CLASS_NO_MEMORY, "out of memory");
    if (st == CLASS_OK) {
        QuizError qe = {0};
        QuizStatus q = quiz_resume(&p->quiz, store, round_id, packs, cs->packs.pack_count, &qe);
        if (q != QUIZ_OK)
            st = class_fail(err, from_quiz(q), "%s",
                            q == QUIZ_OVER ? "Every question of this attempt was answered; end "
                                             "it to deliver it."
                                           : qe.message);
    }
    free(packs);
    int64_t last = 0;
    if (st == CLASS_OK)
        st = attempt_from_store(&p->attempt, cs, b, &p->quiz.round, store, setup->version, &last,
                                err);
    if (st == CLASS_OK) {
        p->cs = cs;
        p->store = store;
        p->time_factor = b->time_factor;
        p->started_ms = b->started_at;
        p->deadline_ms = deadline;
        p->utc_offset = b->utc_offset;
        p->nonce = b->nonce;
        p->active = true;
        p->bound = true;
        int64_t waiting = 0;
        p->others_waiting = store_outbox_count(store, &waiting, NULL) == STORE_OK && waiting;
    } else {
        class_play_free(p);
    }
    store_class_attempt_list_free(&list);
    return st;
}

ClassStatus class_pending_end(const ClassSession *cs, Store *store, int64_t round_id,
                              const ClassPlaySetup *setup, ClassDelivery *out, ClassError *err)
{
    class_ok(err);
    *out = (ClassDelivery){0};
    StoreClassAttemptList list = {0};
    ClassStatus st = pending_binding(store, cs, round_id, &list, err);
    Round round = {0};
    ClassAttempt a = {0};
    Pack **packs = st == CLASS_OK ? session_pack_array(&cs->packs) : NULL;
    if (st == CLASS_OK && !packs)
        st = class_fail(err, CLASS_NO_MEMORY, "out of memory");
    if (st == CLASS_OK) {
        QuizError qe = {0};
        QuizStatus q = quiz_rejudge(store, round_id, packs, cs->packs.pack_count, &round, &qe);
        if (q != QUIZ_OK)
            st = class_fail(err, from_quiz(q), "%s", qe.message);
    }
    free(packs);
    int64_t last = 0;
    const StoreClassAttempt *b = st == CLASS_OK ? &list.items[0] : NULL;
    if (st == CLASS_OK)
        st = attempt_from_store(&a, cs, b, &round, store, setup->version, &last, err);
    if (st == CLASS_OK) {
        int64_t total = session_total_time_ms(cs->session, b->time_factor);
        int64_t deadline = total > 0 ? b->started_at + total : 0;
        bool over = round_is_over(&round);
        AttemptStatus status = over                                    ? ATTEMPT_FINISHED
                               : deadline && setup->now_ms >= deadline ? ATTEMPT_TIME_UP
                                                                       : ATTEMPT_STOPPED;
        int64_t ended = status == ATTEMPT_TIME_UP && last < deadline ? deadline : last;
        class_attempt_end(&a, status, class_time_at(ended, b->utc_offset));
        ClassHandover h = {
            .store = store,
            .folder = cs->folder,
            .round_id = round_id,
            .abandon_round = !over,
            .attempt = &a,
            .nonce = b->nonce,
            .ended_ms = ended,
            .now_ms = setup->now_ms,
        };
        st = class_hand_over(&h, out, err);
    }
    class_attempt_free(&a);
    round_free(&round);
    store_class_attempt_list_free(&list);
    return st;
}
