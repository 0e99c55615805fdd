/* class_play_internal.h - what class_session.c, class_play.c and
 * class_deliver.c share. Private to them; everybody else includes
 * class_play.h.
 */
#ifndef QUIZDECK_CLASS_PLAY_INTERNAL_H
#define QUIZDECK_CLASS_PLAY_INTERNAL_H

#include "class_play.h"

/* Fills err (may be NULL) and returns status. */
ClassStatus class_fail(ClassError *err, ClassStatus status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void class_ok(ClassError *err);

/* snprintf into buf for messages and paths that may be cut (a long folder
 * name): always NUL-terminated, never a warning about the cut. */
void class_say(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Where now_ms falls in the session's opens..closes window. */
ClassWindow class_window(const Session *s, int64_t now_ms);

/* An ended class_attempts row as the summary a student is shown. */
void class_summary_of(const StoreClassAttempt *a, ClassResultSummary *out);

/* An ended attempt to hand over (class_deliver.c). */
typedef struct ClassHandover {
    Store *store;                /* NULL: nothing can be kept on this computer */
    const char *folder;          /* the session folder its results/ is in */
    int64_t round_id;            /* its bound round; 0 when it has no class_attempts row */
    bool abandon_round;          /* mark the round abandoned (it ended before its last question) */
    const ClassAttempt *attempt; /* ended (class_attempt_end) */
    uint64_t nonce;
    int64_t ended_ms;
    int64_t now_ms;
} ClassHandover;

/* Keeps the attempt's result file in the store's outbox together with the
 * end of its binding (one transaction), publishes it into results/new/,
 * and removes it from the outbox once it is there. *out says what became
 * of it; CLASS_OK when it is in results/new, CLASS_NOT_DELIVERED when it
 * is kept or held. */
ClassStatus class_hand_over(const ClassHandover *h, ClassDelivery *out, ClassError *err);

#endif
