/* class_fixture.h - made-up students playing a class session, for the tests
 * and the benchmark of src/core/class (results and the report).
 *
 * An attempt is played for real: the session's round for that student
 * (session_start_round), each question answered through the round engine
 * with an answer of the question's own type, right or wrong as the
 * student's made-up skill decides, and recorded with class_attempt_add, as
 * the play side does. So a fixture's result file is what a real game
 * writes, and the report must recompute exactly its scores.
 */
#ifndef QUIZDECK_CLASS_FIXTURE_H
#define QUIZDECK_CLASS_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "result.h"
#include "session.h"

typedef struct FixtureStudent {
    const char *name;
    const char *roster_id; /* "" for none */
    const char *host;
    int64_t started;    /* seconds since 1970 UTC */
    unsigned skill;     /* 0..100: the chance in percent of a right answer */
    unsigned time_outs; /* 0..100: the chance of letting the time run out */
    size_t stop_after;  /* 0: answer every question; else stop after N (stopped) */
} FixtureStudent;

/* Plays `who` through the session into *out (free with class_attempt_free).
 * Deterministic: the same student gives the same attempt. */
bool fixture_play(const Session *session, const SessionPacks *packs, const FixtureStudent *who,
                  ClassAttempt *out);

/* An Answer of q's type that is right, or plainly wrong. Texts are
 * static. */
void fixture_answer(const Question *q, bool right, Answer *out);

#endif
