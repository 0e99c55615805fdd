/* result.h - one student's attempt at a class session, and its result file.
 *
 * The contract is the "Result files" part of ../shared/class-format.md. A
 * ClassAttempt is built by the play side while the student plays (begin,
 * one add per question answered or timed out, end), written once with
 * result_write(), and read back by the report with result_read_file().
 *
 * Writing never overwrites and never leaves a partial file where readers
 * look: the bytes are emitted by libyaml into memory, written to
 * FOLDER/results/tmp/NAME, flushed to the disk (fsync), then linked into
 * FOLDER/results/new/NAME (a link or a rename that refuses an existing
 * name), and the folder is flushed too. Many computers can write into one
 * folder at once without locks because every name is new:
 *   SESSIONID--STUDENT--HOST--STARTED--RANDOM.yaml
 * STUDENT and HOST keep ASCII letters, digits and '_' and any non-ASCII
 * character (Arabic names stay readable); every other run of characters
 * becomes one '_' (so '--' only ever separates); each is cut to 40 bytes
 * at a character boundary. STARTED is class_time_compact(); RANDOM is 8 hex
 * digits of the caller's nonce (the core draws no randomness itself).
 *
 * The file, in this order (see docs/teachers.md for an example):
 *   format: 1, kind: result, session (id), session_sha256, packs (a list of
 *   {id, sha256}), student, roster_id ("" when none), host, quizdeck (the
 *   version), started, finished, status (finished|time-up|stopped),
 *   questions (in the order shown, each: pack, question, display, answer
 *   {ints, texts}, given, right, score, points, ms, limit_ms, timed_out),
 *   totals {questions, answered, timed_out, right, score, points}.
 * `answer` is the AnswerRecord of qtype.h: the answer in the pack's own
 * indices (choice index, multi bit mask, order and match indices, typed and
 * gap texts); `display` is the order the entries were shown in, so the
 * letters the student saw can be rebuilt. `score` is the fraction right
 * (0..1), `points` includes the streak bonus, `given` is the answer in
 * words as the student saw it.
 *
 * Result files are untrusted input (design rule 9): the reader bounds the
 * file (32 MiB), every count and every string, and checks every field.
 *
 * Ownership: a ClassAttempt owns one Arena; every string and array in it
 * lives there and dies with class_attempt_free(). A zeroed ClassAttempt is
 * empty and may be freed.
 */
#ifndef QUIZDECK_RESULT_H
#define QUIZDECK_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "class_hash.h"
#include "class_time.h"
#include "diag.h"
#include "qtype.h"
#include "round.h"
#include "session.h"

enum {
    RESULT_FORMAT_VERSION = 1,
    RESULT_MAX_FILE_BYTES = 32 * 1024 * 1024,
    RESULT_MAX_ANSWERS = SESSION_MAX_QUESTIONS,
    RESULT_MAX_PACKS = SESSION_MAX_PACKS,
    RESULT_NAME_MAX = 256, /* bytes of a file name, with the NUL */
    RESULT_NAME_PART = 40, /* bytes of STUDENT and HOST in a name */
};

typedef enum AttemptStatus {
    ATTEMPT_FINISHED, /* every question answered */
    ATTEMPT_TIME_UP,  /* total_time ran out; what was answered counts */
    ATTEMPT_STOPPED,  /* ended early (the game was closed or killed) */
} AttemptStatus;

typedef struct AttemptPack {
    const char *id;
    char sha256[CLASS_SHA256_HEX];
} AttemptPack;

/* One question as it was shown and answered (or timed out). */
typedef struct AttemptAnswer {
    const char *pack_id;
    const char *question_id;
    size_t display[PACK_MAX_OPTIONS]; /* author index at each position */
    size_t display_count;
    AnswerRecord answer; /* empty for a time-out; texts owned by the attempt */
    const char *given;   /* the answer in words, as the student saw it */
    bool right;          /* the fraction was 1 */
    double score;        /* fraction right, 0..1 */
    int64_t points;      /* points and streak bonus (0 in accuracy scoring) */
    int64_t ms;          /* time taken (the limit for a time-out) */
    int64_t limit_ms;    /* the question's limit for this student; 0 = untimed */
    bool timed_out;
} AttemptAnswer;

typedef struct AttemptTotals {
    size_t questions; /* drawn for the attempt, reached or not */
    size_t answered;  /* answers given (time-outs excluded) */
    size_t timed_out;
    size_t right;
    double score;   /* sum of the fractions */
    int64_t points; /* sum of the points */
} AttemptTotals;

typedef struct ClassAttempt {
    Arena arena;
    const char *session_id;
    char session_sha256[CLASS_SHA256_HEX];
    AttemptPack *packs;
    size_t pack_count;
    const char *student;   /* the name as the student chose or typed it */
    const char *roster_id; /* "" when there is none */
    const char *host;
    const char *version;         /* quizdeck's version */
    ClassTime started, finished; /* finished == started until the end */
    AttemptStatus status;
    AttemptAnswer *answers; /* in the order shown */
    size_t answer_count;
    size_t answer_cap;
    AttemptTotals totals;
} ClassAttempt;

const char *attempt_status_name(AttemptStatus status); /* "finished", "time-up", "stopped" */

/* ---- building an attempt while it is played ------------------------------- */

/* Starts an attempt: the session's id and checksum, every pack's id and
 * checksum, the student, the computer and the version (all copied), the
 * moment it started, and how many questions were drawn. False when out of
 * memory (then free it). */
bool class_attempt_begin(ClassAttempt *a, const Session *session, const SessionPacks *packs,
                         const char *student, const char *roster_id, const char *host,
                         const char *version, ClassTime started, size_t question_count);

/* Appends a question the round has just judged: rq as round_answer(),
 * round_answer_given() or round_timeout() left it (rq->answered), with the
 * Answer that was judged (in the author's indices; NULL for a time-out).
 * The display order, the structured answer, the result and the time are
 * copied. False when out of memory or past RESULT_MAX_ANSWERS. */
bool class_attempt_add(ClassAttempt *a, const RoundQuestion *rq, const Answer *answer);

/* The same with the answer as the store keeps it (quiz_last_record, or a
 * stored answer read back after a kill); NULL for a time-out. */
bool class_attempt_add_record(ClassAttempt *a, const RoundQuestion *rq, const AnswerRecord *record);

/* Ends the attempt: its status, the moment, and the totals summed from the
 * answers (totals.questions is kept). */
void class_attempt_end(ClassAttempt *a, AttemptStatus status, ClassTime finished);

void class_attempt_free(ClassAttempt *a);

/* ---- writing ---------------------------------------------------------------- */

typedef enum ResultStatus {
    RESULT_OK,
    RESULT_UNWRITABLE, /* the results folder cannot be made or written (errno kept) */
    RESULT_INVALID,    /* the attempt is not complete (no session id, ...) */
    RESULT_NO_MEMORY,
} ResultStatus;

/* What a write did: the file's name and path, and for a failure the errno
 * and a sentence for the student ("the results folder is read-only"). */
typedef struct ResultWritten {
    char name[RESULT_NAME_MAX];
    char path[4096];
    bool already_there; /* the same bytes were already in new/ under this name */
    int error;          /* errno of the failing step, 0 when none */
    char message[512];
} ResultWritten;

/* The file name for an attempt (see the top of this file). */
void result_file_name(const ClassAttempt *a, uint64_t nonce, char name[RESULT_NAME_MAX]);

/* The attempt as the bytes of its result file (libyaml's emitter): a
 * malloc'd buffer the caller frees. */
ResultStatus result_encode(const ClassAttempt *a, char **data, size_t *size);

/* Writes bytes as FOLDER/results/new/NAME by way of results/tmp/NAME,
 * creating the folders, never overwriting: when the name is taken by other
 * bytes, "-2", "-3", ... is added before ".yaml". When the identical bytes
 * are already there (a delivery retried) nothing is written and
 * already_there is set. On failure nothing is left in new/ and the
 * temporary file is removed. */
ResultStatus result_publish(const char *folder, const char *name, const char *data, size_t size,
                            ResultWritten *out);

/* result_encode + result_file_name + result_publish. `folder` is the
 * session folder. */
ResultStatus result_write(const char *folder, const ClassAttempt *a, uint64_t nonce,
                          ResultWritten *out);

/* ---- reading ---------------------------------------------------------------- */

/* Reads and checks a result file into *out (which the caller frees with
 * class_attempt_free, whatever the outcome). Regular files only, never
 * through a link. Problems go to `diags`; false when there is any error. */
bool result_read_file(const char *path, ClassAttempt *out, DiagList *diags);

/* Same from memory; `name` is used in messages. */
bool result_read_buffer(const char *name, const char *data, size_t size, ClassAttempt *out,
                        DiagList *diags);

#endif
