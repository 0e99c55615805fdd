/* round.c - the round engine of round.h: selection, shuffles, judging.
 *
 * round_start draws every random number a round needs, in a fixed order:
 * first the selection (a partial Fisher-Yates over the candidates), then
 * each question's display permutation in round order. Nothing is drawn
 * later, so answering cannot change what a student sees. Judging maps the
 * player's display positions back to the author's indices and hands the
 * counts to scoring.c; typed text goes to answer_match.c.
 *
 * Read round.h first.
 */
#include "round.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

enum {
    ROUND_IDENTITY_RETRIES = 16, /* redraws before forcing a non-identity */
};

static const char round_empty_text[] = "";

/* ---- per-type behaviour, through the question's kind (qtype.h) ---------- */

const char *round_status_message(RoundStatus status)
{
    switch (status) {
    case ROUND_OK:
        return N_("ok");
    case ROUND_NO_QUESTIONS:
        return N_("no question matches the chosen packs and filters");
    case ROUND_BAD_SETTINGS:
        return N_("the round settings are out of range");
    case ROUND_NO_MEMORY:
        return N_("out of memory");
    }
    return N_("unknown status");
}

static bool round_is_identity(const size_t *perm, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (perm[i] != i) {
            return false;
        }
    }
    return true;
}

/* A permutation that is not the identity (for order items and match
 * columns, which would otherwise be shown already solved). Redraws keep it
 * uniform over the non-identity permutations; after many unlucky draws a
 * rotation is taken so the number of draws stays bounded. */
static void round_shuffle_unsolved(Rng *rng, size_t *perm, size_t count)
{
    rng_permutation(rng, perm, count);
    if (count < 2) {
        return;
    }
    for (int tries = 0; tries < ROUND_IDENTITY_RETRIES; tries++) {
        if (!round_is_identity(perm, count)) {
            return;
        }
        rng_permutation(rng, perm, count);
    }
    if (round_is_identity(perm, count)) {
        for (size_t i = 0; i < count; i++) {
            perm[i] = (i + 1) % count;
        }
    }
}

QuestionShown round_shown(const RoundQuestion *q)
{
    return (QuestionShown){q->question, q->display, q->display_count};
}

const char *round_display_text(const RoundQuestion *q, size_t position)
{
    if (q == NULL || position >= q->display_count) {
        return "";
    }
    return question_kind(q->question->type)->entry_text(q->question, q->display[position]);
}

size_t round_describe_given(const RoundQuestion *q, const GivenAnswer *given, char *buf,
                            size_t size)
{
    StrBuf b = {0};
    if (q != NULL && given != NULL) {
        const QuestionKind *kind = question_kind(q->question->type);
        QuestionShown shown = round_shown(q);
        Answer answer;
        kind->from_display(&shown, given, &answer);
        kind->describe_answer(&shown, &answer, &b);
    }
    size_t n = strbuf_copy_out(&b, buf, size);
    strbuf_free(&b);
    return n;
}

/* A malloc'd copy of the built text; round_empty_text when memory ran out
 * (never NULL). */
static const char *round_take_text(StrBuf *b)
{
    char *s = strbuf_take(b);
    return s != NULL ? s : round_empty_text;
}

static const char *round_key_text(const RoundQuestion *q)
{
    StrBuf b = {0};
    QuestionShown shown = round_shown(q);
    question_kind(q->question->type)->describe_key(&shown, &b);
    return round_take_text(&b);
}

static const char *round_copy_text(const char *text)
{
    StrBuf b = {0};
    strbuf_add(&b, text);
    return round_take_text(&b);
}

static void round_free_text(const char *text)
{
    if (text != NULL && text != round_empty_text) {
        free((void *)text);
    }
}

/* ---- start -------------------------------------------------------------- */

typedef struct RoundPick {
    const Pack *pack;
    const Question *question;
} RoundPick;

static bool round_topic_ok(const Question *q, const char *topic)
{
    return topic == NULL || topic[0] == '\0' || strcmp(q->topic, topic) == 0;
}

static void round_reset(Round *round)
{
    memset(round, 0, sizeof *round);
}

/* Packs sorted by id (insertion sort: a handful of packs), NULLs dropped,
 * so the caller's array order never changes a round. */
static const Pack **round_sorted_packs(Pack *const *packs, size_t count, size_t *out_count)
{
    const Pack **sorted = malloc((count > 0 ? count : 1) * sizeof *sorted);
    if (sorted == NULL) {
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        const Pack *p = packs[i];
        if (p == NULL) {
            continue;
        }
        size_t j = n;
        while (j > 0 && strcmp(sorted[j - 1]->id, p->id) > 0) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = p;
        n++;
    }
    *out_count = n;
    return sorted;
}

static const Question *round_find(const Pack *pack, const char *id)
{
    for (size_t i = 0; i < pack->question_count; i++) {
        if (strcmp(pack->questions[i].id, id) == 0) {
            return &pack->questions[i];
        }
    }
    return NULL;
}

/* Gathers the candidates into a fresh array; NULL on out of memory. */
static RoundPick *round_candidates(const Pack **packs, size_t pack_count, const RoundSettings *s,
                                   size_t *out_count)
{
    size_t cap = 0;
    if (s->only_count > 0) {
        cap = s->only_count;
    } else {
        for (size_t i = 0; i < pack_count; i++) {
            cap += packs[i]->question_count;
        }
    }
    RoundPick *picks = malloc((cap > 0 ? cap : 1) * sizeof *picks);
    if (picks == NULL) {
        return NULL;
    }
    size_t n = 0;
    if (s->only_count == 0) {
        for (size_t i = 0; i < pack_count; i++) {
            for (size_t k = 0; k < packs[i]->question_count; k++) {
                const Question *q = &packs[i]->questions[k];
                if (round_topic_ok(q, s->topic)) {
                    picks[n++] = (RoundPick){packs[i], q};
                }
            }
        }
        *out_count = n;
        return picks;
    }
    for (size_t r = 0; r < s->only_count; r++) {
        const RoundQuestionRef *ref = &s->only[r];
        if (ref->pack_id == NULL || ref->question_id == NULL) {
            continue;
        }
        const Question *q = NULL;
        const Pack *pack = NULL;
        for (size_t i = 0; i < pack_count && q == NULL; i++) {
            if (strcmp(packs[i]->id, ref->pack_id) == 0) {
                pack = packs[i];
                q = round_find(pack, ref->question_id);
            }
        }
        if (q == NULL || !round_topic_ok(q, s->topic)) {
            continue;
        }
        bool seen = false; /* lists are short (missed questions): O(n^2) ok */
        for (size_t k = 0; k < n && !seen; k++) {
            seen = picks[k].question == q;
        }
        if (!seen) {
            picks[n++] = (RoundPick){pack, q};
        }
    }
    *out_count = n;
    return picks;
}

static bool round_settings_ok(const RoundSettings *s)
{
    if (s->time_mode != ROUND_TIME_OFF && s->time_mode != ROUND_TIME_PACK &&
        s->time_mode != ROUND_TIME_FIXED) {
        return false;
    }
    if (s->time_mode == ROUND_TIME_FIXED &&
        (s->fixed_seconds < 1 || s->fixed_seconds > ROUND_MAX_FIXED_SECONDS)) {
        return false;
    }
    if (s->scoring != SCORING_SPEED && s->scoring != SCORING_ACCURACY) {
        return false;
    }
    return s->only_count == 0 || s->only != NULL;
}

static void round_setup_question(RoundQuestion *rq, const RoundSettings *s, Rng *rng)
{
    const Question *q = rq->question;
    const QuestionKind *kind = question_kind(q->type);
    size_t n = kind->entry_count(q);
    /* The loader enforces 2..8; a hand-made pack must not overrun display. */
    n = n > PACK_MAX_OPTIONS ? PACK_MAX_OPTIONS : n;
    rq->display_count = n;
    for (size_t i = 0; i < n; i++) {
        rq->display[i] = i;
    }
    switch (kind->shuffle) {
    case QTYPE_SHUFFLE_UNLESS_OFF:
        if (q->shuffle) {
            rng_permutation(rng, rq->display, n);
        }
        break;
    case QTYPE_SHUFFLE_UNSOLVED:
        round_shuffle_unsolved(rng, rq->display, n);
        break;
    case QTYPE_SHUFFLE_NONE:
        break;
    }
    switch (s->time_mode) {
    case ROUND_TIME_OFF:
        rq->time_limit_ms = 0;
        break;
    case ROUND_TIME_PACK:
        rq->time_limit_ms = q->time_limit > 0 ? (int64_t)q->time_limit * 1000 : 0;
        break;
    case ROUND_TIME_FIXED:
        rq->time_limit_ms = (int64_t)s->fixed_seconds * 1000;
        break;
    }
}

RoundStatus round_start(Round *round, Pack *const *packs, size_t pack_count,
                        const RoundSettings *settings)
{
    round_reset(round);
    RoundSettings s = {0};
    if (settings != NULL) {
        s = *settings;
    }
    if (!round_settings_ok(&s)) {
        return ROUND_BAD_SETTINGS;
    }
    if (packs == NULL) {
        pack_count = 0;
    }
    size_t sorted_count = 0;
    const Pack **sorted = round_sorted_packs(packs, pack_count, &sorted_count);
    if (sorted == NULL) {
        return ROUND_NO_MEMORY;
    }
    size_t count = 0;
    RoundPick *picks = round_candidates(sorted, sorted_count, &s, &count);
    free(sorted);
    if (picks == NULL) {
        return ROUND_NO_MEMORY;
    }
    if (count == 0) {
        free(picks);
        return ROUND_NO_QUESTIONS;
    }
    if (count > UINT32_MAX) {
        free(picks); /* rng_range draws 32 bits; far past any real library */
        return ROUND_BAD_SETTINGS;
    }
    size_t n = s.question_count == 0 || s.question_count > count ? count : s.question_count;
    RoundQuestion *questions = calloc(n, sizeof *questions);
    if (questions == NULL) {
        free(picks);
        return ROUND_NO_MEMORY;
    }

    rng_seed(&round->rng, s.seed);
    if (!(s.only_count > 0 && s.keep_only_order)) {
        /* Partial Fisher-Yates: position i takes a uniform pick among the
         * candidates not yet placed; only n draws. */
        for (size_t i = 0; i < n; i++) {
            size_t j = i + rng_range(&round->rng, (uint32_t)(count - i));
            RoundPick t = picks[i];
            picks[i] = picks[j];
            picks[j] = t;
        }
    }
    for (size_t i = 0; i < n; i++) {
        questions[i].pack = picks[i].pack;
        questions[i].question = picks[i].question;
        round_setup_question(&questions[i], &s, &round->rng);
    }
    free(picks);

    s.topic = NULL; /* borrowed only during the call */
    s.only = NULL;
    s.only_count = 0;
    round->settings = s;
    round->questions = questions;
    round->question_count = n;
    round->totals.question_count = n;
    return ROUND_OK;
}

/* ---- play --------------------------------------------------------------- */

const RoundQuestion *round_current(const Round *round)
{
    if (round == NULL || round->current >= round->question_count) {
        return NULL;
    }
    return &round->questions[round->current];
}

const RoundQuestion *round_question(const Round *round, size_t index)
{
    if (round == NULL || index >= round->question_count) {
        return NULL;
    }
    return &round->questions[index];
}

bool round_is_over(const Round *round)
{
    return round == NULL || round->current >= round->question_count;
}

void round_given_init(GivenAnswer *given, const RoundQuestion *q)
{
    (void)q; /* every type's "nothing given" is the same today */
    qtype_given_init(given);
}

/* Books a result into the totals and moves on. */
static const RoundResult *round_record(Round *round, RoundQuestion *q, RoundResult r)
{
    q->result = r;
    q->answered = true;
    RoundTotals *t = &round->totals;
    t->asked++;
    t->correct += r.correct ? 1u : 0u;
    t->timed_out += r.timed_out ? 1u : 0u;
    t->points += r.points + r.streak_bonus;
    t->streak_points += r.streak_bonus;
    t->credit += r.fraction_right;
    t->accuracy = (double)t->correct / (double)t->asked;
    if (round->streak > t->best_streak) {
        t->best_streak = round->streak;
    }
    t->total_ms += r.elapsed_ms;
    round->current++;
    return &q->result;
}

const RoundResult *round_timeout(Round *round)
{
    if (round_is_over(round)) {
        return NULL;
    }
    RoundQuestion *q = &round->questions[round->current];
    RoundResult r = {0};
    r.fraction = (ScoreFraction){0, question_kind(q->question->type)->out_of(q->question)};
    r.timed_out = true;
    r.elapsed_ms = q->time_limit_ms;
    r.given_text = round_copy_text(_("(time out)"));
    r.correct_text = round_key_text(q);
    round->streak = 0;
    return round_record(round, q, r);
}

const RoundResult *round_answer(Round *round, const GivenAnswer *given, int64_t elapsed_ms)
{
    if (round_is_over(round) || given == NULL) {
        return NULL;
    }
    const RoundQuestion *q = &round->questions[round->current];
    QuestionShown shown = round_shown(q);
    Answer answer;
    question_kind(q->question->type)->from_display(&shown, given, &answer);
    return round_answer_given(round, &answer, elapsed_ms);
}

const RoundResult *round_answer_given(Round *round, const Answer *answer, int64_t elapsed_ms)
{
    if (round_is_over(round) || answer == NULL) {
        return NULL;
    }
    RoundQuestion *q = &round->questions[round->current];
    if (q->time_limit_ms > 0 && elapsed_ms > q->time_limit_ms) {
        return round_timeout(round);
    }
    if (elapsed_ms < 0) {
        elapsed_ms = 0;
    }
    const QuestionKind *kind = question_kind(q->question->type);
    RoundResult r = {0};
    r.fraction = kind->judge(q->question, answer, &r.gaps_right);
    if (r.fraction.out_of <= 0) {
        r.fraction = (ScoreFraction){0, 1}; /* a malformed question is never right */
    }
    r.fraction_right = scoring_fraction_value(r.fraction);
    r.correct = scoring_is_correct(r.fraction);
    r.elapsed_ms = elapsed_ms;
    if (!kind->self_graded)
        round->streak = r.correct ? round->streak + 1 : 0;
    r.streak = round->streak;
    if (round->settings.scoring == SCORING_SPEED && !kind->self_graded) {
        r.points = scoring_points(q->question->points, r.fraction, elapsed_ms, q->time_limit_ms);
        if (round->settings.streak_bonus && r.correct) {
            r.streak_bonus = scoring_streak_bonus(round->streak);
        }
    }
    StrBuf given_text = {0};
    QuestionShown shown = round_shown(q);
    kind->describe_answer(&shown, answer, &given_text);
    r.given_text = round_take_text(&given_text);
    r.correct_text = round_key_text(q);
    return round_record(round, q, r);
}

RoundTotals round_totals(const Round *round)
{
    RoundTotals t = {0};
    if (round != NULL) {
        t = round->totals;
    }
    return t;
}

void round_free(Round *round)
{
    if (round == NULL) {
        return;
    }
    for (size_t i = 0; i < round->question_count; i++) {
        round_free_text(round->questions[i].result.given_text);
        round_free_text(round->questions[i].result.correct_text);
    }
    free(round->questions);
    round_reset(round);
}
