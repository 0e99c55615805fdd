/* class_fixture.c - made-up students playing a session (class_fixture.h). */
#include "class_fixture.h"

#include <string.h>

#include "class_hash.h"
#include "rng.h"

void fixture_answer(const Question *q, bool right, Answer *out)
{
    static const char *const wrong_gaps[QTYPE_MAX_GAPS] = {"nothing"};
    qtype_answer_blank(out);
    switch (q->type) {
    case QUESTION_CHOICE:
        out->choice = right ? q->answer_index : (q->answer_index + 1) % q->choice_count;
        break;
    case QUESTION_MULTI:
        out->picked = right ? q->answer_mask : ~q->answer_mask & ((1u << q->choice_count) - 1);
        break;
    case QUESTION_TRUEFALSE:
        out->truth = right ? q->truth : !q->truth;
        break;
    case QUESTION_TYPED:
        out->text = right ? q->answer : "I do not know";
        break;
    case QUESTION_ORDER:
        if (!right && q->item_count >= 2) {
            out->order[0] = 1;
            out->order[1] = 0;
        }
        break;
    case QUESTION_MATCH:
        for (size_t i = 0; i < q->pair_count; i++)
            out->match[i] = right ? i : (i + 1) % q->pair_count;
        break;
    case QUESTION_CLOZE: {
        static const char *right_gaps[QTYPE_MAX_GAPS];
        for (size_t i = 0; i < q->gap_count && i < QTYPE_MAX_GAPS; i++)
            right_gaps[i] = q->gaps[i].answer;
        out->gaps = right ? right_gaps : wrong_gaps;
        out->gap_count = right ? q->gap_count : 1;
        break;
    }
    case QUESTION_FLASHCARD:
    case QUESTION_TYPE_COUNT:
        out->knew = right;
        break;
    }
}

bool fixture_play(const Session *session, const SessionPacks *packs, const FixtureStudent *who,
                  ClassAttempt *out)
{
    Round round;
    if (session_start_round(session, packs, who->name, who->roster_id, &round) != ROUND_OK) {
        *out = (ClassAttempt){0};
        return false;
    }
    ClassTime started = {who->started, 180};
    bool ok = class_attempt_begin(out, session, packs, who->name, who->roster_id, who->host,
                                  "0.1.0", started, round.question_count);
    Rng rng;
    rng_seed(&rng, class_fnv1a64(who->name));
    int64_t total_ms = 0;
    size_t n = who->stop_after && who->stop_after < round.question_count ? who->stop_after
                                                                         : round.question_count;
    for (size_t i = 0; i < n && ok; i++) {
        const RoundQuestion *rq = round_current(&round);
        bool time_out = rng_range(&rng, 100) < who->time_outs && rq->time_limit_ms > 0;
        bool right = rng_range(&rng, 100) < who->skill;
        int64_t ms = 1500 + (int64_t)rng_range(&rng, 12000);
        if (time_out) {
            round_timeout(&round);
            ok = class_attempt_add(out, round_question(&round, i), NULL);
            total_ms += rq->time_limit_ms;
        } else {
            Answer answer;
            fixture_answer(rq->question, right, &answer);
            round_answer_given(&round, &answer, ms);
            ok = class_attempt_add(out, round_question(&round, i), &answer);
            total_ms += ms;
        }
    }
    ClassTime finished = {who->started + total_ms / 1000, 180};
    class_attempt_end(out, n < round.question_count ? ATTEMPT_STOPPED : ATTEMPT_FINISHED, finished);
    round_free(&round);
    return ok;
}
