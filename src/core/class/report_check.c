/* report_check.c - the check of one result file against the session and
 * its packs (report.h, pass 1 and 2): the header, the questions asked, and
 * the replay of every answer through the round engine.
 *
 * Read report.c's header first for how the replay works.
 */
#include "report.h"
#include "report_internal.h"

#include "i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the check */

static void problem(Check *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void problem(Check *c, const char *fmt, ...)
{
    if (c->reason[0])
        return; /* the first problem is the one worth reading */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->reason, sizeof c->reason, fmt, ap);
    va_end(ap);
}

void report_check_free(Check *c)
{
    if (c->have_round)
        round_free(&c->round);
    *c = (Check){0};
}

static const AttemptPack *attempt_pack(const ClassAttempt *a, const char *id)
{
    for (size_t i = 0; i < a->pack_count; i++)
        if (strcmp(a->packs[i].id, id) == 0)
            return &a->packs[i];
    return NULL;
}

/* "pack/question" in buf, the key of the drawn set and of question stats. */
const char *report_file_state_word(ReportFileState s)
{
    switch (s) {
    case REPORT_FILE_FLAGGED:
        return _("flagged");
    case REPORT_FILE_UNREADABLE:
        return _("not readable");
    case REPORT_FILE_DUPLICATE:
        return _("duplicate");
    case REPORT_FILE_OTHER_ATTEMPT:
        return _("other attempt");
    case REPORT_FILE_COUNTED:
        return _("counted");
    }
    return "?";
}

const char *report_qkey(const char *pack_id, const char *question_id, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", pack_id, question_id);
    return buf;
}

static bool same_number(double a, double b)
{
    return fabs(a - b) < 0.00051; /* files keep 4 decimals */
}

/* The session, its packs and the attempt's header. */
static void check_header(const Report *rep, const ClassAttempt *a, Check *c)
{
    const Session *s = rep->session;
    if (strcmp(a->session_id, s->id) != 0)
        problem(c, _("from another session ('%s', not '%s')"), a->session_id, s->id);
    if (strcmp(a->session_sha256, s->sha256) != 0)
        problem(c, _("played with another version of session.yaml (its checksum differs)"));
    for (size_t i = 0; i < rep->packs.pack_count; i++) {
        const SessionPack *sp = &rep->packs.packs[i];
        const AttemptPack *ap = attempt_pack(a, sp->pack->id);
        if (!ap)
            problem(c, _("does not name pack '%s' of the session"), sp->pack->id);
        else if (strcmp(ap->sha256, sp->sha256) != 0)
            c->pack_changed = true;
    }
    for (size_t i = 0; i < a->pack_count; i++)
        if (!session_packs_find(&rep->packs, a->packs[i].id))
            problem(c, _("names pack '%s', which the session does not play"), a->packs[i].id);
}

/* Every recorded question is one the session asks, once. */
static void check_questions(const Report *rep, const IdIndex *drawn, const ClassAttempt *a,
                            Check *c)
{
    if (a->answer_count > rep->drawn) {
        problem(c,
                i18n_plural("has %zu question; the session asks %zu",
                            "has %zu questions; the session asks %zu", (int64_t)a->answer_count),
                a->answer_count, rep->drawn);
        return;
    }
    IdIndex seen = {0};
    Arena keys = {0};
    char key[160];
    for (size_t i = 0; i < a->answer_count && !c->reason[0]; i++) {
        const AttemptAnswer *x = &a->answers[i];
        report_qkey(x->pack_id, x->question_id, key, sizeof key);
        if (!id_index_contains(drawn, key)) {
            problem(c, _("question %zu (%s) is not one of the session's questions"), i + 1, key);
            break;
        }
        const char *kept = arena_strdup(&keys, key);
        IdIndexResult r =
            kept ? id_index_insert(&seen, kept, (uint32_t)i, NULL) : ID_INDEX_NO_MEMORY;
        if (r == ID_INDEX_DUPLICATE)
            problem(c, _("question %s is answered twice"), key);
        else if (r == ID_INDEX_NO_MEMORY)
            problem(c, _("out of memory"));
    }
    id_index_free(&seen);
    arena_free(&keys);
}

static void check_answers(const Report *rep, const ClassAttempt *a, Check *c)
{
    const Session *s = rep->session;
    size_t n = a->answer_count;
    if (n == 0)
        return;
    RoundQuestionRef *refs = malloc(n * sizeof *refs);
    Pack **packs = malloc((rep->packs.pack_count ? rep->packs.pack_count : 1) * sizeof *packs);
    if (!refs || !packs) {
        free(refs);
        free(packs);
        problem(c, _("out of memory"));
        return;
    }
    for (size_t i = 0; i < n; i++)
        refs[i] = (RoundQuestionRef){a->answers[i].pack_id, a->answers[i].question_id};
    for (size_t i = 0; i < rep->packs.pack_count; i++)
        packs[i] = (Pack *)rep->packs.packs[i].pack; /* round_start only reads them */
    RoundSettings st = {.only = refs, .only_count = n, .keep_only_order = true};
    session_round_rules(s, &st);
    RoundStatus status = round_start(&c->round, packs, rep->packs.pack_count, &st);
    free(refs);
    free(packs);
    if (status != ROUND_OK || c->round.question_count != n) {
        if (status == ROUND_OK)
            round_free(&c->round);
        problem(c, _("its questions cannot be replayed (%s)"), round_status_message(status));
        return;
    }
    c->have_round = true;
    double factor = session_time_factor(s, a->student, a->roster_id);
    for (size_t i = 0; i < n; i++) {
        const AttemptAnswer *x = &a->answers[i];
        RoundQuestion *rq = &c->round.questions[i];
        if (x->display_count != rq->display_count) {
            problem(c, _("question %zu (%s/%s) shows %zu entries in 'display'; it has %zu"), i + 1,
                    x->pack_id, x->question_id, x->display_count, rq->display_count);
            return;
        }
        memcpy(rq->display, x->display, sizeof rq->display);
        rq->time_limit_ms = session_time_limit_ms(s, rq->question, factor);
        if (x->limit_ms != rq->time_limit_ms)
            problem(c, _("question %zu (%s/%s) had %lld ms; the session gives %lld ms"), i + 1,
                    x->pack_id, x->question_id, (long long)x->limit_ms,
                    (long long)rq->time_limit_ms);
    }
    for (size_t i = 0; i < n; i++) {
        const AttemptAnswer *x = &a->answers[i];
        const RoundQuestion *rq = &c->round.questions[i];
        const RoundResult *r;
        if (x->timed_out) {
            r = round_timeout(&c->round);
        } else {
            Answer answer;
            if (!question_kind(rq->question->type)->decode(rq->question, &x->answer, &answer)) {
                problem(c, _("the answer to question %zu (%s/%s) does not fit the question"), i + 1,
                        x->pack_id, x->question_id);
                return;
            }
            r = round_answer_given(&c->round, &answer, x->ms);
        }
        if (!r) {
            problem(c, _("question %zu cannot be replayed"), i + 1);
            return;
        }
        const AttemptPack *ap = attempt_pack(a, x->pack_id);
        const SessionPack *sp = session_packs_find(&rep->packs, x->pack_id);
        if (ap && sp && strcmp(ap->sha256, sp->sha256) != 0)
            continue; /* an edited pack: its recomputed score stands */
        if (r->timed_out != x->timed_out)
            problem(c,
                    x->timed_out
                        ? _("question %zu (%s/%s) is recorded as timed out, but its time says "
                            "otherwise")
                        : _("question %zu (%s/%s) is recorded as answered, but its time says "
                            "otherwise"),
                    i + 1, x->pack_id, x->question_id);
        else if (r->correct != x->right || !same_number(r->fraction_right, x->score))
            problem(c,
                    _("question %zu (%s/%s) is recorded with score %.4g; its answer scores %.4g"),
                    i + 1, x->pack_id, x->question_id, x->score, r->fraction_right);
        else if ((int64_t)r->points + r->streak_bonus != x->points)
            problem(c, _("question %zu (%s/%s) is recorded with %lld points; its answer earns %d"),
                    i + 1, x->pack_id, x->question_id, (long long)x->points,
                    r->points + r->streak_bonus);
    }
}

static void check_totals(const Report *rep, const ClassAttempt *a, Check *c)
{
    if (!c->have_round || c->reason[0])
        return;
    RoundTotals t = round_totals(&c->round);
    const AttemptTotals *f = &a->totals;
    if (c->pack_changed)
        return; /* questions added to a pack change the count; the answers stand */
    if (f->questions != rep->drawn)
        problem(c,
                i18n_plural("says the attempt had %zu question; the session asks %zu",
                            "says the attempt had %zu questions; the session asks %zu",
                            (int64_t)f->questions),
                f->questions, rep->drawn);
    if (a->status == ATTEMPT_FINISHED && a->answer_count != rep->drawn)
        problem(c,
                i18n_plural("is marked finished but reaches %zu of %zu question",
                            "is marked finished but reaches %zu of %zu questions",
                            (int64_t)rep->drawn),
                a->answer_count, rep->drawn);
    if (f->right != t.correct || f->timed_out != t.timed_out ||
        f->answered != t.asked - t.timed_out || !same_number(f->score, t.credit) ||
        f->points != t.points)
        problem(c,
                _("its totals (%zu right, score %.4g, %lld points) do not match its answers "
                  "(%zu right, score %.4g, %lld points)"),
                f->right, f->score, (long long)f->points, t.correct, t.credit, (long long)t.points);
}

/* Checks one attempt; on success c->round holds the replay. */
void report_check_attempt(const Report *rep, const IdIndex *drawn, const ClassAttempt *a, Check *c)
{
    *c = (Check){0};
    check_header(rep, a, c);
    if (!c->reason[0])
        check_questions(rep, drawn, a, c);
    if (!c->reason[0])
        check_answers(rep, a, c);
    check_totals(rep, a, c);
}
