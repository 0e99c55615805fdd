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

#include "answer_match.h"

enum {
    ROUND_IDENTITY_RETRIES = 16, /* redraws before forcing a non-identity */
};

static const char round_empty_text[] = "";

/* ---- bounded text output ------------------------------------------------ */

/* Appends into buf[0..size) like snprintf: `need` counts every byte asked
 * for; what fits is written and finally cut back to a whole UTF-8 sequence. */
typedef struct RoundOut {
    char *buf;
    size_t size;
    size_t need;
    size_t written;
} RoundOut;

static void round_out_bytes(RoundOut *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (o->size > 0 && o->written == o->need && o->written + 1 < o->size) {
            o->buf[o->written++] = s[i];
        }
        o->need++;
    }
}

static void round_out_str(RoundOut *o, const char *s)
{
    round_out_bytes(o, s, strlen(s));
}

static void round_out_fmt_counts(RoundOut *o, int a, int b, const char *tail)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%d/%d%s", a, b, tail);
    if (n > 0) {
        round_out_bytes(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
    }
}

static size_t round_out_finish(RoundOut *o)
{
    if (o->size == 0) {
        return o->need;
    }
    if (o->written < o->need) {
        /* Cut: drop a sequence whose continuation bytes did not fit. */
        size_t k = o->written;
        while (k > 0 && ((unsigned char)o->buf[k - 1] & 0xC0) == 0x80) {
            k--;
        }
        if (k > 0) {
            unsigned char lead = (unsigned char)o->buf[k - 1];
            size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (k - 1 + len > o->written) {
                o->written = k - 1;
            }
        }
    }
    o->buf[o->written] = '\0';
    return o->need;
}

/* ---- helpers ------------------------------------------------------------ */

const char *round_status_message(RoundStatus status)
{
    switch (status) {
    case ROUND_OK:
        return "ok";
    case ROUND_NO_QUESTIONS:
        return "no question matches the chosen packs and filters";
    case ROUND_BAD_SETTINGS:
        return "the round settings are out of range";
    case ROUND_NO_MEMORY:
        return "out of memory";
    }
    return "unknown status";
}

static size_t round_option_count(const Question *q)
{
    size_t n = 0;
    switch (q->type) {
    case QUESTION_CHOICE:
    case QUESTION_MULTI:
        n = q->choice_count;
        break;
    case QUESTION_ORDER:
        n = q->item_count;
        break;
    case QUESTION_MATCH:
        n = q->pair_count;
        break;
    default:
        n = 0;
        break;
    }
    /* The loader enforces 2..8; a hand-made pack must not overrun display. */
    return n > PACK_MAX_OPTIONS ? PACK_MAX_OPTIONS : n;
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

static const char *round_letter(size_t position)
{
    static const char *const letters[PACK_MAX_OPTIONS] = {"A", "B", "C", "D", "E", "F", "G", "H"};
    return position < PACK_MAX_OPTIONS ? letters[position] : "?";
}

const char *round_display_text(const RoundQuestion *q, size_t position)
{
    if (q == NULL || position >= q->display_count) {
        return "";
    }
    const Question *qq = q->question;
    size_t i = q->display[position];
    switch (qq->type) {
    case QUESTION_CHOICE:
    case QUESTION_MULTI:
        return i < qq->choice_count ? qq->choices[i] : "";
    case QUESTION_ORDER:
        return i < qq->item_count ? qq->items[i] : "";
    case QUESTION_MATCH:
        return i < qq->pair_count ? qq->pairs[i].right : "";
    default:
        return "";
    }
}

/* The denominator of a question's fraction, for a time-out. */
static int round_out_of(const RoundQuestion *q)
{
    const Question *qq = q->question;
    switch (qq->type) {
    case QUESTION_MULTI: {
        ScoreFraction f = scoring_multi(0, qq->answer_mask);
        return f.out_of > 0 ? f.out_of : 1;
    }
    case QUESTION_ORDER:
    case QUESTION_MATCH:
        return q->display_count > 0 ? (int)q->display_count : 1;
    case QUESTION_CLOZE:
        return qq->gap_count > 0 ? (int)qq->gap_count : 1;
    default:
        return 1;
    }
}

/* Judges a given answer; positions out of range count as wrong. */
static ScoreFraction round_judge(const RoundQuestion *q, const GivenAnswer *g, uint32_t *gaps_right)
{
    uint32_t gap_bits = 0;
    const Question *qq = q->question;
    size_t n = q->display_count;
    ScoreFraction f = {0, 1};
    switch (qq->type) {
    case QUESTION_CHOICE:
        f.right = g->choice < n && q->display[g->choice] == qq->answer_index;
        break;
    case QUESTION_MULTI: {
        uint32_t picked = 0;
        for (size_t k = 0; k < n; k++) {
            if (g->picked & (1u << k)) {
                picked |= 1u << q->display[k];
            }
        }
        f = scoring_multi(picked, qq->answer_mask);
        break;
    }
    case QUESTION_TRUEFALSE:
        f.right = g->truth == qq->truth;
        break;
    case QUESTION_TYPED:
        f.right = answer_matches_any(g->text, qq->answer, qq->accept, qq->accept_count);
        break;
    case QUESTION_ORDER:
    case QUESTION_MATCH: {
        const size_t *chosen = qq->type == QUESTION_ORDER ? g->arrangement : g->match;
        size_t mapped[PACK_MAX_OPTIONS];
        for (size_t p = 0; p < n; p++) {
            mapped[p] = chosen[p] < n ? q->display[chosen[p]] : ROUND_NO_PICK;
        }
        f = qq->type == QUESTION_ORDER ? scoring_order(mapped, n) : scoring_match(mapped, n);
        break;
    }
    case QUESTION_CLOZE:
        f.out_of = (int)qq->gap_count;
        for (size_t i = 0; i < qq->gap_count; i++) {
            const char *text = g->gaps != NULL && i < g->gap_count ? g->gaps[i] : NULL;
            if (answer_matches(text, qq->gaps[i].answer)) {
                f.right++;
                if (i < 32) {
                    gap_bits |= 1u << i;
                }
            }
        }
        break;
    case QUESTION_FLASHCARD:
        f.right = g->knew;
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }
    if (f.out_of <= 0) {
        f = (ScoreFraction){0, 1}; /* a malformed question is never right */
    }
    if (gaps_right != NULL) {
        *gaps_right = gap_bits;
    }
    return f;
}

static void round_describe_given_out(const RoundQuestion *q, const GivenAnswer *g, RoundOut *o)
{
    const Question *qq = q->question;
    switch (qq->type) {
    case QUESTION_CHOICE:
        if (g->choice < q->display_count) {
            round_out_str(o, round_letter(g->choice));
            round_out_str(o, ": ");
            round_out_str(o, round_display_text(q, g->choice));
        } else {
            round_out_str(o, "(no answer)");
        }
        return;
    case QUESTION_MULTI: {
        bool any = false;
        for (size_t k = 0; k < q->display_count; k++) {
            if (g->picked & (1u << k)) {
                round_out_str(o, any ? "; " : "");
                round_out_str(o, round_letter(k));
                round_out_str(o, ": ");
                round_out_str(o, round_display_text(q, k));
                any = true;
            }
        }
        if (!any) {
            round_out_str(o, "(no answer)");
        }
        return;
    }
    case QUESTION_TRUEFALSE:
        round_out_str(o, g->truth ? "True" : "False");
        return;
    case QUESTION_TYPED:
        round_out_str(o, g->text != NULL && g->text[0] != '\0' ? g->text : "(no answer)");
        return;
    case QUESTION_ORDER: {
        ScoreFraction f = round_judge(q, g, NULL);
        round_out_fmt_counts(o, f.right, f.out_of, " in place");
        return;
    }
    case QUESTION_MATCH: {
        ScoreFraction f = round_judge(q, g, NULL);
        round_out_fmt_counts(o, f.right, f.out_of, " paired right");
        return;
    }
    case QUESTION_CLOZE:
        for (size_t i = 0; i < qq->gap_count; i++) {
            const char *text = g->gaps != NULL && i < g->gap_count ? g->gaps[i] : NULL;
            round_out_str(o, i > 0 ? "; " : "");
            round_out_str(o, text != NULL && text[0] != '\0' ? text : "…");
        }
        return;
    case QUESTION_FLASHCARD:
        round_out_str(o, g->knew ? "Knew it" : "Didn't know it");
        return;
    case QUESTION_TYPE_COUNT:
        return;
    }
}

size_t round_describe_given(const RoundQuestion *q, const GivenAnswer *given, char *buf,
                            size_t size)
{
    RoundOut o = {buf, size, 0, 0};
    if (q != NULL && given != NULL) {
        round_describe_given_out(q, given, &o);
    }
    return round_out_finish(&o);
}

static void round_describe_correct(const RoundQuestion *q, RoundOut *o)
{
    const Question *qq = q->question;
    switch (qq->type) {
    case QUESTION_CHOICE:
    case QUESTION_MULTI: {
        bool any = false;
        for (size_t k = 0; k < q->display_count; k++) {
            size_t i = q->display[k];
            bool right = qq->type == QUESTION_CHOICE ? i == qq->answer_index
                                                     : (qq->answer_mask & (1u << i)) != 0;
            if (right) {
                round_out_str(o, any ? "; " : "");
                round_out_str(o, round_letter(k));
                round_out_str(o, ": ");
                round_out_str(o, qq->choices[i]);
                any = true;
            }
        }
        return;
    }
    case QUESTION_TRUEFALSE:
        round_out_str(o, qq->truth ? "True" : "False");
        return;
    case QUESTION_TYPED:
        round_out_str(o, qq->answer);
        return;
    case QUESTION_ORDER:
        for (size_t i = 0; i < q->display_count; i++) {
            round_out_str(o, i > 0 ? " → " : "");
            round_out_str(o, qq->items[i]);
        }
        return;
    case QUESTION_MATCH:
        for (size_t i = 0; i < q->display_count; i++) {
            round_out_str(o, i > 0 ? "; " : "");
            round_out_str(o, qq->pairs[i].left);
            round_out_str(o, " → ");
            round_out_str(o, qq->pairs[i].right);
        }
        return;
    case QUESTION_CLOZE:
        for (size_t i = 0; i < qq->gap_count; i++) {
            round_out_str(o, i > 0 ? "; " : "");
            round_out_str(o, qq->gaps[i].answer);
        }
        return;
    case QUESTION_FLASHCARD:
        round_out_str(o, qq->back);
        return;
    case QUESTION_TYPE_COUNT:
        return;
    }
}

/* Runs a describe function twice: once to size, once into a fresh buffer.
 * Returns round_empty_text when memory runs out (never NULL). */
static const char *round_text(const RoundQuestion *q, const GivenAnswer *g, bool correct_text)
{
    RoundOut o = {NULL, 0, 0, 0};
    if (correct_text) {
        round_describe_correct(q, &o);
    } else {
        round_describe_given_out(q, g, &o);
    }
    char *buf = malloc(o.need + 1);
    if (buf == NULL) {
        return round_empty_text;
    }
    o = (RoundOut){buf, o.need + 1, 0, 0};
    if (correct_text) {
        round_describe_correct(q, &o);
    } else {
        round_describe_given_out(q, g, &o);
    }
    round_out_finish(&o);
    return buf;
}

static const char *round_copy_text(const char *text)
{
    size_t n = strlen(text);
    char *buf = malloc(n + 1);
    if (buf == NULL) {
        return round_empty_text;
    }
    memcpy(buf, text, n + 1);
    return buf;
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
    size_t n = round_option_count(q);
    rq->display_count = n;
    switch (q->type) {
    case QUESTION_CHOICE:
    case QUESTION_MULTI:
        if (q->shuffle) {
            rng_permutation(rng, rq->display, n);
        } else {
            for (size_t i = 0; i < n; i++) {
                rq->display[i] = i;
            }
        }
        break;
    case QUESTION_ORDER:
    case QUESTION_MATCH:
        round_shuffle_unsolved(rng, rq->display, n);
        break;
    default:
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
    memset(given, 0, sizeof *given);
    given->choice = ROUND_NO_PICK;
    for (size_t i = 0; i < PACK_MAX_OPTIONS; i++) {
        given->arrangement[i] = i;
        given->match[i] = ROUND_NO_PICK;
    }
    (void)q; /* every type's "nothing given" is the same today */
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
    r.fraction = (ScoreFraction){0, round_out_of(q)};
    r.timed_out = true;
    r.elapsed_ms = q->time_limit_ms;
    r.given_text = round_copy_text("(time out)");
    r.correct_text = round_text(q, NULL, true);
    round->streak = 0;
    return round_record(round, q, r);
}

const RoundResult *round_answer(Round *round, const GivenAnswer *given, int64_t elapsed_ms)
{
    if (round_is_over(round) || given == NULL) {
        return NULL;
    }
    RoundQuestion *q = &round->questions[round->current];
    if (q->time_limit_ms > 0 && elapsed_ms > q->time_limit_ms) {
        return round_timeout(round);
    }
    if (elapsed_ms < 0) {
        elapsed_ms = 0;
    }
    RoundResult r = {0};
    r.fraction = round_judge(q, given, &r.gaps_right);
    r.fraction_right = scoring_fraction_value(r.fraction);
    r.correct = scoring_is_correct(r.fraction);
    r.elapsed_ms = elapsed_ms;
    round->streak = r.correct ? round->streak + 1 : 0;
    r.streak = round->streak;
    if (round->settings.scoring == SCORING_SPEED) {
        r.points = scoring_points(q->question->points, r.fraction, elapsed_ms, q->time_limit_ms);
        if (round->settings.streak_bonus && r.correct) {
            r.streak_bonus = scoring_streak_bonus(round->streak);
        }
    }
    r.given_text = round_text(q, given, false);
    r.correct_text = round_text(q, NULL, true);
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
