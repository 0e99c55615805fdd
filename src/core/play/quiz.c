/* quiz.c - the play engine of quiz.h.
 *
 * Read in order: errors, the round's record (quiz_start), saving one answer
 * (save_answer: the one transaction), the calls the screens make, and
 * judging a stored round again (quiz_rejudge).
 *
 * Every answer given is first copied into a QuizUnsaved (owned texts, the
 * answer in the author's indices), then written; a copy the store refused
 * stays in the queue and is written before the next answer. So nothing the
 * player was shown as answered is lost while the game runs, and the round is
 * finished in the store only in the transaction that writes its last
 * missing answer.
 */
#include "quiz.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_value.h"
#include "i18n.h"
#include "strutil.h"

struct QuizUnsaved {
    size_t index;        /* the question's position in the round */
    int64_t answered_at; /* ms */
    AnswerRecord record; /* texts point into `texts` */
    char *texts[ANSWER_RECORD_MAX_TEXTS];
};

/* ---- errors ---------------------------------------------------------------- */

const char *quiz_status_message(QuizStatus status)
{
    switch (status) {
    case QUIZ_OK:
        return N_("ok");
    case QUIZ_NO_QUESTIONS:
        return N_("no question matches the chosen packs and filters");
    case QUIZ_BAD_SETTINGS:
        return N_("the round settings are out of range");
    case QUIZ_NO_MEMORY:
        return N_("out of memory");
    case QUIZ_OVER:
        return N_("the round is over");
    case QUIZ_NOT_SAVED:
        return N_("the answer could not be saved");
    }
    return N_("unknown status");
}

static QuizStatus quiz_fail(QuizError *err, QuizStatus status, const char *fmt, ...)
{
    ERROR_VALUE_SET(err, status, fmt);
    return status;
}

static void quiz_ok(QuizError *err)
{
    if (err != NULL) {
        err->status = QUIZ_OK;
        err->message[0] = '\0';
    }
}

static QuizStatus from_round_status(RoundStatus status)
{
    switch (status) {
    case ROUND_OK:
        return QUIZ_OK;
    case ROUND_NO_QUESTIONS:
        return QUIZ_NO_QUESTIONS;
    case ROUND_BAD_SETTINGS:
        return QUIZ_BAD_SETTINGS;
    case ROUND_NO_MEMORY:
        return QUIZ_NO_MEMORY;
    }
    return QUIZ_BAD_SETTINGS;
}

/* ---- the round's record ---------------------------------------------------- */

static StoreRoundMode store_mode(QuizMode mode)
{
    switch (mode) {
    case QUIZ_MODE_PRACTICE:
        return STORE_MODE_PRACTICE;
    case QUIZ_MODE_TIMED:
        return STORE_MODE_TIMED;
    case QUIZ_MODE_RETRY:
        return STORE_MODE_RETRY;
    case QUIZ_MODE_MISSED:
        return STORE_MODE_MISSED;
    case QUIZ_MODE_CLASS:
        return STORE_MODE_CLASS;
    }
    return STORE_MODE_PRACTICE;
}

static StoreTimeRule store_time_rule(RoundTimeMode mode)
{
    switch (mode) {
    case ROUND_TIME_OFF:
        return STORE_TIME_OFF;
    case ROUND_TIME_PACK:
        return STORE_TIME_PACK;
    case ROUND_TIME_FIXED:
        return STORE_TIME_FIXED;
    }
    return STORE_TIME_OFF;
}

static bool copy_id(char dst[STORE_ID_SIZE], const char *src)
{
    return copy_whole(dst, STORE_ID_SIZE, src);
}

/* Writes the round's row, its packs and its question list. */
static StoreStatus record_round(Quiz *quiz, const QuizSetup *setup, int64_t now_ms,
                                StoreError *serr)
{
    const RoundSettings *rs = &setup->round;
    const char **ids = calloc(quiz->pack_count ? quiz->pack_count : 1, sizeof *ids);
    StoreQuestionRef *only = calloc(rs->only_count ? rs->only_count : 1, sizeof *only);
    StoreStatus status = STORE_NO_MEMORY;
    if (ids != NULL && only != NULL) {
        for (size_t i = 0; i < quiz->pack_count; i++)
            ids[i] = quiz->packs[i]->id;
        size_t n = 0;
        for (size_t i = 0; i < rs->only_count; i++) {
            const RoundQuestionRef *ref = &rs->only[i];
            if (ref->pack_id != NULL && ref->question_id != NULL &&
                copy_id(only[n].pack_id, ref->pack_id) &&
                copy_id(only[n].question_id, ref->question_id))
                n++;
        }
        StoreRoundStart start = {
            .profile_id = quiz->profile_id,
            .started_at = now_ms,
            .seed = rs->seed,
            .mode = store_mode(quiz->mode),
            .requested_count = (int)rs->question_count,
            .question_count = (int)quiz->round.question_count,
            .time_rule = store_time_rule(rs->time_mode),
            .fixed_seconds = rs->time_mode == ROUND_TIME_FIXED ? rs->fixed_seconds : 0,
            .scoring =
                rs->scoring == SCORING_ACCURACY ? STORE_SCORING_ACCURACY : STORE_SCORING_SPEED,
            .streak_bonus = rs->streak_bonus,
            .topic = rs->topic,
            .pack_ids = ids,
            .pack_count = quiz->pack_count,
            .only = n > 0 ? only : NULL,
            .only_count = n,
            .keep_only_order = rs->keep_only_order,
        };
        status = store_round_begin(quiz->store, &start, &quiz->round_id, serr);
    }
    free(ids);
    free(only);
    return status;
}

/* ---- the queue of answers to write --------------------------------------- */

static void unsaved_free(QuizUnsaved *u)
{
    for (size_t k = 0; k < ANSWER_RECORD_MAX_TEXTS; k++)
        free(u->texts[k]);
    memset(u, 0, sizeof *u);
}

/* Fills u (zeroed) with the answer of question `index`, its texts copied.
 * False when memory ran out (u is left empty). */
static bool copy_answer(QuizUnsaved *u, const Quiz *quiz, size_t index, const Answer *answer,
                        int64_t now_ms)
{
    memset(u, 0, sizeof *u);
    u->index = index;
    u->answered_at = now_ms;
    const RoundQuestion *rq = &quiz->round.questions[index];
    if (answer != NULL && !rq->result.timed_out) {
        const Question *q = rq->question;
        question_kind(q->type)->encode(q, answer, &u->record);
        for (size_t k = 0; k < u->record.text_count; k++) {
            const char *t = u->record.texts[k] != NULL ? u->record.texts[k] : "";
            u->texts[k] = dup_string(t);
            if (u->texts[k] == NULL) {
                unsaved_free(u);
                return false;
            }
            u->record.texts[k] = u->texts[k];
        }
    }
    return true;
}

/* Copies the answer of question `index` into the queue. False when memory
 * ran out (then the answer is played but cannot be saved). */
static bool queue_answer(Quiz *quiz, size_t index, const Answer *answer, int64_t now_ms)
{
    QuizUnsaved *grown = realloc(quiz->unsaved, (quiz->unsaved_count + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    quiz->unsaved = grown;
    if (!copy_answer(&quiz->unsaved[quiz->unsaved_count], quiz, index, answer, now_ms))
        return false;
    quiz->unsaved_count++;
    return true;
}

/* Keeps the answer just judged for quiz_last_record (NULL: a time-out). */
static void keep_last(Quiz *quiz, size_t index, const Answer *answer)
{
    if (quiz->last != NULL)
        unsaved_free(quiz->last);
    else if ((quiz->last = malloc(sizeof *quiz->last)) == NULL)
        return;
    if (answer == NULL || !copy_answer(quiz->last, quiz, index, answer, 0)) {
        free(quiz->last);
        quiz->last = NULL;
    }
}

bool quiz_last_record(const Quiz *quiz, AnswerRecord *out)
{
    if (!quiz->active || quiz->last == NULL || quiz->round.current == 0 ||
        quiz->last->index != quiz->round.current - 1 ||
        quiz->round.questions[quiz->last->index].result.timed_out)
        return false;
    *out = quiz->last->record;
    return true;
}

/* ---- the player's extra time ----------------------------------------------- */

static bool time_factor_ok(double factor)
{
    return isfinite(factor) && factor >= 1.0 && factor <= 10.0;
}

/* Every question's limit times the factor, rounded to the millisecond as
 * session_time_limit_ms does, so the class report finds the same limits. */
static void apply_time_factor(Round *round, double factor)
{
    if (factor == 1.0)
        return;
    for (size_t i = 0; i < round->question_count; i++) {
        RoundQuestion *rq = &round->questions[i];
        rq->time_limit_ms = (int64_t)llround((double)rq->time_limit_ms * factor);
    }
}

static void queue_drop_first(Quiz *quiz)
{
    unsaved_free(&quiz->unsaved[0]);
    memmove(quiz->unsaved, quiz->unsaved + 1, (quiz->unsaved_count - 1) * sizeof *quiz->unsaved);
    quiz->unsaved_count--;
}

/* ---- saving one answer: the one transaction -------------------------------- */

static int clamp_ms(int64_t ms)
{
    return ms < 0 ? 0 : ms > 0x7fffffff ? 0x7fffffff : (int)ms;
}

/* The flashcard reviews the answer causes (learn.h), inside the open
 * transaction. */
static StoreStatus record_reviews(Quiz *quiz, const RoundQuestion *rq, int64_t answered_at,
                                  StoreError *serr)
{
    const Question *q = rq->question;
    int ms = clamp_ms(rq->result.elapsed_ms);
    int limit = clamp_ms(rq->time_limit_ms);
    if (q->type == QUESTION_CLOZE && q->gap_count > 0 && q->gap_count <= QTYPE_MAX_GAPS) {
        bool gap_right[QTYPE_MAX_GAPS];
        for (size_t k = 0; k < q->gap_count; k++)
            gap_right[k] = (rq->result.gaps_right >> k) & 1u;
        return learn_record_quiz_cloze(quiz->store, quiz->profile_id, rq->pack->id, q, gap_right,
                                       q->gap_count, rq->result.timed_out, ms, limit, answered_at,
                                       &quiz->day_rule, &quiz->params, serr);
    }
    return learn_record_quiz_answer(quiz->store, quiz->profile_id, rq->pack->id, q,
                                    rq->result.fraction_right, rq->result.timed_out, ms, limit,
                                    answered_at, &quiz->day_rule, &quiz->params, NULL, serr);
}

/* Writes the oldest queued answer: its row, its reviews and, when it is the
 * round's last missing answer and the round is over, the round's end; all
 * in one transaction. */
static StoreStatus save_first(Quiz *quiz, StoreError *serr)
{
    const QuizUnsaved *u = &quiz->unsaved[0];
    const RoundQuestion *rq = &quiz->round.questions[u->index];
    StoreAnswer a = {0};
    a.round_id = quiz->round_id;
    a.profile_id = quiz->profile_id;
    if (!copy_id(a.pack_id, rq->pack->id) || !copy_id(a.question_id, rq->question->id) ||
        !copy_id(a.topic_id, rq->question->topic)) {
        snprintf(serr->message, sizeof serr->message, _("an id is longer than %d characters"),
                 STORE_ID_SIZE - 1);
        serr->status = STORE_INVALID;
        return STORE_INVALID;
    }
    a.position = (int)u->index;
    a.given = rq->result.given_text;
    a.fraction_right = rq->result.fraction_right;
    a.correct = rq->result.correct;
    a.points = (int64_t)rq->result.points + rq->result.streak_bonus;
    a.ms_taken = rq->result.elapsed_ms;
    a.answered_at = u->answered_at;
    a.timed_out = rq->result.timed_out;
    a.has_given = !rq->result.timed_out;
    memcpy(a.given_ints, u->record.ints, u->record.int_count * sizeof u->record.ints[0]);
    a.given_int_count = u->record.int_count;
    a.given_texts = u->record.texts;
    a.given_text_count = u->record.text_count;

    StoreStatus st = store_transaction_begin(quiz->store, serr);
    if (st != STORE_OK)
        return st;
    st = store_answer_record(quiz->store, &a, NULL, serr);
    if (st == STORE_OK)
        st = record_reviews(quiz, rq, u->answered_at, serr);
    bool last = quiz->unsaved_count == 1 && round_is_over(&quiz->round);
    if (st == STORE_OK && last) {
        RoundTotals t = round_totals(&quiz->round);
        st = store_round_finish(quiz->store, quiz->round_id, u->answered_at, t.best_streak, serr);
    }
    if (st == STORE_OK)
        st = store_transaction_commit(quiz->store, serr);
    if (st != STORE_OK) {
        StoreError ignored = {0};
        store_transaction_rollback(quiz->store, &ignored);
        return st;
    }
    if (last)
        quiz->finished_in_store = true;
    queue_drop_first(quiz);
    return STORE_OK;
}

QuizStatus quiz_flush(Quiz *quiz, QuizError *err)
{
    quiz_ok(err);
    if (quiz->store == NULL || quiz->round_id == 0) {
        /* Unsaved play: nothing will ever take these. */
        while (quiz->unsaved_count > 0)
            queue_drop_first(quiz);
        return QUIZ_OK;
    }
    while (quiz->unsaved_count > 0) {
        StoreError serr = {0};
        if (save_first(quiz, &serr) != STORE_OK) {
            size_t n = quiz->unsaved_count;
            if (n == 1)
                return quiz_fail(err, QUIZ_NOT_SAVED,
                                 _("Could not save the answer (%s). It is kept and will be saved "
                                   "as soon as that is possible."),
                                 serr.message);
            return quiz_fail(err, QUIZ_NOT_SAVED,
                             _("Could not save %zu answers (%s). They are kept and will be saved "
                               "as soon as that is possible."),
                             n, serr.message);
        }
    }
    return QUIZ_OK;
}

size_t quiz_unsaved_count(const Quiz *quiz)
{
    return quiz->store != NULL && quiz->round_id != 0 ? quiz->unsaved_count : 0;
}

/* ---- the calls the screens make ------------------------------------------- */

void quiz_free(Quiz *quiz)
{
    if (quiz == NULL)
        return;
    round_free(&quiz->round);
    for (size_t i = 0; i < quiz->unsaved_count; i++)
        unsaved_free(&quiz->unsaved[i]);
    free(quiz->unsaved);
    if (quiz->last != NULL)
        unsaved_free(quiz->last);
    free(quiz->last);
    free(quiz->packs);
    memset(quiz, 0, sizeof *quiz);
}

QuizStatus quiz_abandon(Quiz *quiz, QuizError *err)
{
    quiz_ok(err);
    QuizStatus result = QUIZ_OK;
    if (quiz->active && quiz->store != NULL && quiz->round_id != 0) {
        QuizError flush_err = {0};
        quiz_flush(quiz, &flush_err);
        if (!quiz->finished_in_store) {
            StoreError serr = {0};
            if (store_round_abandon(quiz->store, quiz->round_id, &serr) != STORE_OK)
                result = quiz_fail(err, QUIZ_NOT_SAVED, _("Could not save: %s"), serr.message);
        }
        if (flush_err.status != QUIZ_OK)
            result = quiz_fail(err, QUIZ_NOT_SAVED, "%s", flush_err.message);
    }
    quiz_free(quiz);
    return result;
}

QuizStatus quiz_start(Quiz *quiz, Store *store, const QuizSetup *setup, int64_t now_ms,
                      QuizError *err)
{
    quiz_ok(err);
    if (quiz->active)
        quiz_abandon(quiz, NULL);
    quiz_free(quiz);
    double factor = setup->time_factor == 0.0 ? 1.0 : setup->time_factor;
    if (!time_factor_ok(factor))
        return quiz_fail(err, QUIZ_BAD_SETTINGS,
                         "Cannot start the round: the time factor %g is not 1 to 10", factor);
    quiz->packs = calloc(setup->pack_count ? setup->pack_count : 1, sizeof *quiz->packs);
    if (quiz->packs == NULL)
        return quiz_fail(err, QUIZ_NO_MEMORY, _("Cannot start the round: out of memory"));
    for (size_t i = 0; i < setup->pack_count; i++)
        if (setup->packs[i] != NULL)
            quiz->packs[quiz->pack_count++] = setup->packs[i];
    RoundStatus rs = quiz->pack_count > 0
                         ? round_start(&quiz->round, quiz->packs, quiz->pack_count, &setup->round)
                         : ROUND_NO_QUESTIONS;
    if (rs != ROUND_OK) {
        quiz_free(quiz);
        return quiz_fail(err, from_round_status(rs), _("Cannot start the round: %s"),
                         _(round_status_message(rs)));
    }
    apply_time_factor(&quiz->round, factor);
    quiz->time_factor = factor;
    quiz->active = true;
    quiz->store = store;
    quiz->profile_id = setup->profile_id;
    quiz->mode = setup->mode;
    quiz->study = learn_settings_load(store, setup->profile_id);
    quiz->day_rule = learn_day_rule(&quiz->study, 0,
                                    setup->utc_offset ? setup->utc_offset : learn_local_utc_offset,
                                    setup->utc_offset_user);
    quiz->params = learn_params(&quiz->study);
    if (store == NULL)
        return QUIZ_OK;
    StoreError serr = {0};
    if (record_round(quiz, setup, now_ms, &serr) != STORE_OK) {
        quiz->round_id = 0;
        return quiz_fail(err, QUIZ_NOT_SAVED, _("This round will not be saved: %s"), serr.message);
    }
    return QUIZ_OK;
}

/* Judges (answer NULL: the time ran out) and queues the answer, then writes
 * the queue. */
static const RoundResult *quiz_take(Quiz *quiz, const Answer *answer, int64_t elapsed_ms,
                                    int64_t now_ms, QuizError *err)
{
    quiz_ok(err);
    if (!quiz->active || round_is_over(&quiz->round)) {
        quiz_fail(err, QUIZ_OVER, _("The round is over."));
        return NULL;
    }
    size_t index = quiz->round.current;
    const RoundResult *r = answer != NULL ? round_answer_given(&quiz->round, answer, elapsed_ms)
                                          : round_timeout(&quiz->round);
    if (r == NULL)
        return NULL;
    keep_last(quiz, index, answer);
    if (quiz->store == NULL || quiz->round_id == 0)
        return r;
    if (!queue_answer(quiz, index, answer, now_ms)) {
        quiz_fail(err, QUIZ_NOT_SAVED, _("Could not save the answer: out of memory."));
        return r;
    }
    quiz_flush(quiz, err);
    return r;
}

const RoundResult *quiz_answer(Quiz *quiz, const GivenAnswer *given, int64_t elapsed_ms,
                               int64_t now_ms, QuizError *err)
{
    const RoundQuestion *rq = quiz_current(quiz);
    if (rq == NULL || given == NULL) {
        quiz_fail(err, QUIZ_OVER, _("The round is over."));
        return NULL;
    }
    QuestionShown shown = round_shown(rq);
    Answer answer;
    question_kind(rq->question->type)->from_display(&shown, given, &answer);
    return quiz_take(quiz, &answer, elapsed_ms, now_ms, err);
}

const RoundResult *quiz_timeout(Quiz *quiz, int64_t now_ms, QuizError *err)
{
    return quiz_take(quiz, NULL, 0, now_ms, err);
}

const RoundQuestion *quiz_current(const Quiz *quiz)
{
    return quiz->active ? round_current(&quiz->round) : NULL;
}

const RoundQuestion *quiz_last_answered(const Quiz *quiz)
{
    if (!quiz->active || quiz->round.current == 0)
        return NULL;
    const RoundQuestion *rq = round_question(&quiz->round, quiz->round.current - 1);
    return rq != NULL && rq->answered ? rq : NULL;
}

bool quiz_is_over(const Quiz *quiz)
{
    return !quiz->active || round_is_over(&quiz->round);
}

QuizStatus quiz_retry_missed(Quiz *quiz, int64_t now_ms, QuizError *err)
{
    quiz_ok(err);
    if (!quiz->active)
        return quiz_fail(err, QUIZ_NO_QUESTIONS, _("There is no round to retry."));
    const Round *round = &quiz->round;
    size_t n = round->question_count;
    RoundQuestionRef *refs = calloc(n ? n : 1, sizeof *refs);
    if (refs == NULL)
        return quiz_fail(err, QUIZ_NO_MEMORY, _("Out of memory."));
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const RoundQuestion *rq = &round->questions[i];
        if (rq->answered && !rq->result.correct)
            refs[count++] = (RoundQuestionRef){rq->pack->id, rq->question->id};
    }
    if (count == 0) {
        free(refs);
        return quiz_fail(err, QUIZ_NO_QUESTIONS, _("Nothing was missed."));
    }
    /* The ids and packs outlive the old round (they belong to the pack set),
     * so they stay valid while quiz_start frees it; the pack array is the
     * Quiz's own and is moved out first. */
    QuizSetup setup = {0};
    setup.profile_id = quiz->profile_id;
    Pack **packs = quiz->packs;
    quiz->packs = NULL;
    setup.packs = packs;
    setup.pack_count = quiz->pack_count;
    setup.round = round->settings;
    setup.round.only = refs;
    setup.round.only_count = count;
    setup.round.question_count = 0;
    setup.round.topic = NULL;
    setup.round.keep_only_order = false;
    setup.round.seed = round->settings.seed * 6364136223846793005ull + 1442695040888963407ull;
    setup.mode = QUIZ_MODE_RETRY;
    setup.utc_offset = NULL;
    Store *store = quiz->store;
    /* The old round is over (Results offers this), so nothing is abandoned. */
    QuizStatus st = quiz_start(quiz, store, &setup, now_ms, err);
    free(packs);
    free(refs);
    return st;
}

/* ---- judging a stored round again ----------------------------------------- */

static RoundTimeMode round_time_mode(StoreTimeRule rule)
{
    switch (rule) {
    case STORE_TIME_OFF:
        return ROUND_TIME_OFF;
    case STORE_TIME_PACK:
        return ROUND_TIME_PACK;
    case STORE_TIME_FIXED:
        return ROUND_TIME_FIXED;
    }
    return ROUND_TIME_OFF;
}

static QuizStatus replay_answers(Round *round, const StoreAnswerList *answers, QuizError *err)
{
    for (size_t i = 0; i < answers->count; i++) {
        const StoreAnswer *a = &answers->items[i];
        const RoundQuestion *rq = round_current(round);
        if (rq == NULL || (size_t)a->position != round->current ||
            strcmp(rq->pack->id, a->pack_id) != 0 || strcmp(rq->question->id, a->question_id) != 0)
            return quiz_fail(err, QUIZ_BAD_SETTINGS,
                             _("stored answer %zu is not for question %zu of the rebuilt round"),
                             i + 1, round->current + 1);
        if (a->timed_out) {
            round_timeout(round);
            continue;
        }
        if (!a->has_given)
            return quiz_fail(err, QUIZ_BAD_SETTINGS,
                             _("answer %zu was stored as text only (before schema 2)"), i + 1);
        AnswerRecord rec = {0};
        if (a->given_int_count > ANSWER_RECORD_MAX_INTS ||
            a->given_text_count > ANSWER_RECORD_MAX_TEXTS)
            return quiz_fail(err, QUIZ_BAD_SETTINGS, _("answer %zu is too long"), i + 1);
        memcpy(rec.ints, a->given_ints, a->given_int_count * sizeof rec.ints[0]);
        rec.int_count = a->given_int_count;
        for (size_t k = 0; k < a->given_text_count; k++)
            rec.texts[k] = a->given_texts[k];
        rec.text_count = a->given_text_count;
        Answer answer;
        const Question *q = rq->question;
        if (!question_kind(q->type)->decode(q, &rec, &answer))
            return quiz_fail(err, QUIZ_BAD_SETTINGS,
                             _("answer %zu does not fit question '%s' (has the pack changed?)"),
                             i + 1, q->id);
        round_answer_given(round, &answer, a->ms_taken);
    }
    return QUIZ_OK;
}

/* Rebuilds round `round_id` from the store and replays its stored answers
 * into *out; *used_out (may be NULL) gets the packs it used, in its order,
 * as a malloc'd array the caller frees, and *spec_out (may be NULL) the
 * stored spec, which the caller frees. */
static QuizStatus rebuild(Store *store, int64_t round_id, Pack *const *packs, size_t pack_count,
                          Round *out, Pack ***used_out, StoreRoundSpec *spec_out,
                          double *factor_out, QuizError *err)
{
    quiz_ok(err);
    memset(out, 0, sizeof *out);
    StoreError serr = {0};
    StoreRoundSpec spec = {0};
    if (store_round_spec(store, round_id, &spec, &serr) != STORE_OK)
        return quiz_fail(err, QUIZ_BAD_SETTINGS, _("round %lld: %s"), (long long)round_id,
                         serr.message);
    QuizStatus status = QUIZ_NO_MEMORY;
    Pack **used = calloc(spec.pack_count ? spec.pack_count : 1, sizeof *used);
    RoundQuestionRef *only = calloc(spec.only_count ? spec.only_count : 1, sizeof *only);
    StoreAnswerList answers = {0};
    if (used == NULL || only == NULL)
        goto done;
    size_t n = 0;
    for (size_t i = 0; i < spec.pack_count; i++)
        for (size_t k = 0; k < pack_count; k++)
            if (packs[k] != NULL && strcmp(packs[k]->id, spec.pack_ids[i]) == 0) {
                used[n++] = packs[k];
                break;
            }
    if (n != spec.pack_count) {
        status = quiz_fail(err, QUIZ_NO_QUESTIONS, _("round %lld: a pack it used is not loaded"),
                           (long long)round_id);
        goto done;
    }
    for (size_t i = 0; i < spec.only_count; i++)
        only[i] = (RoundQuestionRef){spec.only[i].pack_id, spec.only[i].question_id};
    const StoreRound *r = &spec.round;
    RoundSettings rs = {
        .question_count = (size_t)(r->requested_count > 0 ? r->requested_count : 0),
        .time_mode = round_time_mode(r->time_rule),
        .fixed_seconds = r->fixed_seconds,
        .scoring = r->scoring == STORE_SCORING_ACCURACY ? SCORING_ACCURACY : SCORING_SPEED,
        .streak_bonus = r->streak_bonus,
        .seed = r->seed,
        .topic = r->topic,
        .only = spec.only_count > 0 ? only : NULL,
        .only_count = spec.only_count,
        .keep_only_order = spec.keep_only_order,
    };
    RoundStatus rst = round_start(out, used, n, &rs);
    if (rst != ROUND_OK) {
        status = quiz_fail(err, from_round_status(rst), _("round %lld: %s"), (long long)round_id,
                           _(round_status_message(rst)));
        goto done;
    }
    /* The limits the answers were given under, before they are judged. */
    double factor = 1.0;
    if (store_round_time_factor(store, round_id, &factor, &serr) != STORE_OK ||
        !time_factor_ok(factor)) {
        status = quiz_fail(err, QUIZ_BAD_SETTINGS, "round %lld: its time factor: %s",
                           (long long)round_id, serr.message[0] ? serr.message : "out of range");
        goto done;
    }
    apply_time_factor(out, factor);
    if (factor_out != NULL)
        *factor_out = factor;
    if (store_round_answers(store, round_id, &answers, &serr) != STORE_OK) {
        status = quiz_fail(err, QUIZ_BAD_SETTINGS, _("round %lld: %s"), (long long)round_id,
                           serr.message);
        goto done;
    }
    status = replay_answers(out, &answers, err);
done:
    if (status != QUIZ_OK)
        round_free(out);
    store_answer_list_free(&answers);
    if (status == QUIZ_OK && spec_out != NULL)
        *spec_out = spec;
    else
        store_round_spec_free(&spec);
    if (status == QUIZ_OK && used_out != NULL)
        *used_out = used;
    else
        free(used);
    free(only);
    return status;
}

QuizStatus quiz_rejudge(Store *store, int64_t round_id, Pack *const *packs, size_t pack_count,
                        Round *out, QuizError *err)
{
    return rebuild(store, round_id, packs, pack_count, out, NULL, NULL, NULL, err);
}

static QuizMode quiz_mode_of(StoreRoundMode mode)
{
    switch (mode) {
    case STORE_MODE_PRACTICE:
        return QUIZ_MODE_PRACTICE;
    case STORE_MODE_TIMED:
        return QUIZ_MODE_TIMED;
    case STORE_MODE_RETRY:
        return QUIZ_MODE_RETRY;
    case STORE_MODE_MISSED:
        return QUIZ_MODE_MISSED;
    case STORE_MODE_CLASS:
        return QUIZ_MODE_CLASS;
    }
    return QUIZ_MODE_PRACTICE;
}

QuizStatus quiz_resume(Quiz *quiz, Store *store, int64_t round_id, Pack *const *packs,
                       size_t pack_count, QuizError *err)
{
    if (quiz->active)
        quiz_abandon(quiz, NULL);
    quiz_free(quiz);
    if (store == NULL)
        return quiz_fail(err, QUIZ_BAD_SETTINGS, _("There is no store to resume from."));
    /* Another window may be playing it right now: then it is not ours. */
    StoreError claim = {0};
    if (store_round_claim(store, round_id, &claim) != STORE_OK)
        return quiz_fail(err, QUIZ_OVER, _("That round is being played in another window (%s)."),
                         claim.message);
    StoreRoundSpec spec = {0};
    Pack **used = NULL;
    double factor = 1.0;
    QuizStatus status =
        rebuild(store, round_id, packs, pack_count, &quiz->round, &used, &spec, &factor, err);
    if (status != QUIZ_OK)
        return status;
    if (spec.round.finished || spec.round.abandoned || round_is_over(&quiz->round)) {
        round_free(&quiz->round);
        free(used);
        store_round_spec_free(&spec);
        return quiz_fail(err, QUIZ_OVER, _("That round is not waiting to be finished."));
    }
    quiz->active = true;
    quiz->time_factor = factor;
    quiz->store = store;
    quiz->profile_id = spec.round.profile_id;
    quiz->round_id = round_id;
    quiz->mode = quiz_mode_of(spec.round.mode);
    quiz->packs = used;
    quiz->pack_count = spec.pack_count;
    quiz->study = learn_settings_load(store, quiz->profile_id);
    quiz->day_rule = learn_day_rule(&quiz->study, 0, learn_local_utc_offset, NULL);
    quiz->params = learn_params(&quiz->study);
    store_round_spec_free(&spec);
    return QUIZ_OK;
}
