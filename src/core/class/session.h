/* session.h - a teacher's class session: the model of session.yaml, its
 * loader and checks, and what the play engine needs to run it.
 *
 * The contract is ../shared/class-format.md; docs/teachers.md is the guide
 * written from it (with every choice made where the contract is silent).
 * A session folder holds session.yaml, optionally packs/ and students.txt,
 * and the results/ the game writes.
 *
 * Three steps, each reporting into a caller's DiagList:
 *   1. session_load() reads session.yaml (and students.txt) and checks every
 *      rule that needs no pack: keys, types, ranges, ids, the roster, the
 *      opening window. A file with any error yields no Session.
 *   2. session_resolve_packs() finds the packs it names (packs/ first, then
 *      the installed folders the caller passes) and checks what needs them:
 *      a missing pack, a question or topic that does not exist, a flashcard
 *      named in `questions` (a warning: flashcards are left out), a pack
 *      file that is a link out of the folder.
 *   3. session_round_settings() / session_start_round() turn a session and
 *      a student into the round the play engine runs (round.h).
 *
 * Ownership: a Session owns one Arena (like a Pack) and is freed with
 * session_free(); strings are never NULL ("" when absent). SessionPacks
 * owns the packs it loaded; free it with session_packs_free() before or
 * after the Session, but the Session must outlive its use.
 *
 * Read class_yaml.h for the reader, result.h for result files, report.h
 * for the report.
 */
#ifndef QUIZDECK_SESSION_H
#define QUIZDECK_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "class_hash.h"
#include "class_time.h"
#include "diag.h"
#include "pack.h"
#include "pack_set.h"
#include "round.h"

enum {
    SESSION_FORMAT_VERSION = 1,
    SESSION_MAX_FILE_BYTES = 1024 * 1024, /* a session is a page of settings */
    SESSION_MAX_ROSTER_BYTES = 1024 * 1024,
    SESSION_MAX_STUDENTS = 5000,
    SESSION_MAX_NAME = 200,        /* bytes of a student's name or roster ID */
    SESSION_MAX_PACKS = 64,        /* packs one session names */
    SESSION_MAX_QUESTIONS = 10000, /* questions one attempt draws */
    SESSION_MAX_TOPICS = 256,
    SESSION_MAX_TOTAL_TIME = 86400, /* seconds: a day */
    SESSION_MAX_ATTEMPTS = 100,
};

typedef enum SessionOrder { SESSION_ORDER_FIXED, SESSION_ORDER_SHUFFLED } SessionOrder;

typedef enum SessionScoring {
    SESSION_SCORING_ACCURACY,      /* one point per right answer, partial credit as fractions */
    SESSION_SCORING_POINTS,        /* the speed formula (scoring.h) */
    SESSION_SCORING_POINTS_STREAK, /* plus the streak bonus */
} SessionScoring;

typedef enum SessionFeedback {
    SESSION_FEEDBACK_EACH, /* right/wrong and explanation after each question */
    SESSION_FEEDBACK_END,  /* nothing until the end, then the review */
    SESSION_FEEDBACK_NONE, /* only "submitted" */
} SessionFeedback;

/* Where something was written in session.yaml, for later messages. */
typedef struct SessionMark {
    int line, col;
} SessionMark;

/* A `packs` entry: a pack id, or a path (relative, inside the folder) to a
 * pack file. */
typedef struct SessionPackRef {
    const char *name; /* as written */
    bool is_path;     /* contains '/' or ends in .yaml/.yml */
    SessionMark at;
} SessionPackRef;

/* A `questions` entry: PACK/QUESTION. */
typedef struct SessionQuestionRef {
    const char *pack_id;
    const char *question_id;
    SessionMark at;
} SessionQuestionRef;

typedef struct SessionTopic {
    const char *id;
    SessionMark at;
} SessionTopic;

/* One line of students.txt: "Name" or "ID<TAB>Name". */
typedef struct SessionStudent {
    const char *id; /* "" when the line has no ID */
    const char *name;
    int line;
} SessionStudent;

typedef struct SessionAccommodation {
    const char *student; /* a roster name or ID, as written */
    double time_factor;  /* 1.0..4.0 */
    SessionMark at;
} SessionAccommodation;

typedef struct Session {
    Arena arena;
    const char *path;   /* session.yaml as opened */
    const char *folder; /* its folder ("." when the path has none) */
    char sha256[CLASS_SHA256_HEX];

    const char *id;
    const char *title;
    SessionPackRef *packs;
    size_t pack_count;
    /* questions: an integer (question_count, 0 = all) or a list. */
    size_t question_count;
    SessionQuestionRef *questions;
    size_t question_ref_count;
    SessionMark questions_at;
    SessionTopic *topics;
    size_t topic_count;
    uint64_t seed; /* given, or class_fnv1a64(id) */
    bool seed_given;
    SessionOrder order;
    bool time_from_pack; /* time_limit: pack (the default) */
    int time_limit;      /* seconds when !time_from_pack; 0 = untimed */
    int total_time;      /* seconds for the whole attempt; 0 = no limit */
    SessionScoring scoring;
    SessionFeedback feedback;
    int attempts;
    bool has_opens, has_closes;
    ClassTime opens, closes;
    bool roster; /* students pick their name from the roster */
    SessionStudent *students;
    size_t student_count;
    const char *roster_path; /* students.txt, "" when there is none */
    SessionAccommodation *accommodations;
    size_t accommodation_count;
} Session;

/* Loads `path`: a session folder (its session.yaml is read) or a session
 * file. Problems go to `diags` under the file's name. Returns a Session the
 * caller frees with session_free(), or NULL when the file has errors. */
Session *session_load(const char *path, DiagList *diags);

/* Same from memory, for tests and the fuzzer: `name` is the file name in
 * messages and `folder` the folder it stands for (where students.txt and
 * packs/ would be; NULL for none). */
Session *session_load_buffer(const char *name, const char *folder, const char *data, size_t size,
                             DiagList *diags);

/* True when `path` is a session: a folder holding session.yaml, or a file
 * whose top level has `kind: session`. Reads at most the file's first keys;
 * false for anything unreadable. */
bool session_is_session_path(const char *path);

void session_free(Session *session);

/* ---- packs ------------------------------------------------------------------ */

/* The packs a session plays, in the order of its `packs` list. */
typedef struct SessionPack {
    const Pack *pack; /* borrowed from one of the sets below */
    const char *path; /* the file it was loaded from */
    char sha256[CLASS_SHA256_HEX];
} SessionPack;

typedef struct SessionPacks {
    PackSet local;     /* packs/ of the session folder, and named paths */
    PackSet installed; /* the caller's folders */
    SessionPack *packs;
    size_t pack_count;
} SessionPacks;

/* Finds every pack the session names and checks what needs them; the
 * messages about session.yaml (and about files in packs/ that are not
 * read) go to `diags`. Each pack file loaded from packs/ keeps its own
 * messages in out->local.reports, as a PackSet does; a pack there that no
 * `packs` entry names gets a warning in `diags`. `installed` are folders or files to look in after packs/
 * (e.g. the shipped packs); NULL when count is 0. Returns true when every
 * pack was found and no error was added; `out` is filled either way and
 * must be freed with session_packs_free(). */
bool session_resolve_packs(const Session *session, const char *const *installed,
                           size_t installed_count, SessionPacks *out, DiagList *diags);

/* The resolved pack with this id; NULL when the session does not play it. */
const SessionPack *session_packs_find(const SessionPacks *packs, const char *pack_id);

void session_packs_free(SessionPacks *packs);

/* ---- playing ---------------------------------------------------------------- */

/* The roster line whose ID or name is `key`; NULL when none. */
const SessionStudent *session_find_student(const Session *session, const char *key);

/* The extra-time factor of a student (1.0 unless an accommodation names
 * their roster ID or their name). */
double session_time_factor(const Session *session, const char *name, const char *roster_id);

/* The time limit of question q for a student with `time_factor`, in ms (0 =
 * untimed): time_limit pack -> the question's own limit, else the session's;
 * times the factor, rounded to the millisecond. */
int64_t session_time_limit_ms(const Session *session, const Question *q, double time_factor);

/* The whole attempt's time in ms for the factor; 0 = no limit. */
int64_t session_total_time_ms(const Session *session, double time_factor);

/* The key a shuffled session seeds a student's order with: the roster ID
 * when there is one, else the name. */
const char *session_student_key(const char *name, const char *roster_id);

/* The questions the session draws, the same for every student: the `questions`
 * list in its order, or every question of its packs (in `packs` order, file
 * order) drawn down to `questions: N` by the session seed; topics filter
 * both, flashcards are left out. *out is a malloc'd array the caller frees
 * (strings borrowed from the packs); NULL when *count is 0. */
bool session_draw(const Session *session, const SessionPacks *packs, RoundQuestionRef **out,
                  size_t *count);

/* The round a student plays: the drawn questions as `only`; fixed order:
 * in the drawn order, seeded by the session seed; shuffled: shuffled with
 * seed + class_fnv1a64(student key). Time rule and scoring from the session
 * (accuracy: SCORING_ACCURACY; points: SCORING_SPEED; points-streak: plus
 * the streak bonus). *only must be freed by the caller after round_start. */
bool session_round_settings(const Session *session, const SessionPacks *packs,
                            const char *student_key, RoundSettings *out, RoundQuestionRef **only);

/* Only the rules of session_round_settings: time mode and scoring (the
 * report replays recorded answers under them). */
void session_round_rules(const Session *session, RoundSettings *out);

/* session_round_settings + round_start, then each question's time limit
 * set by session_time_limit_ms for the student's factor (the round engine
 * has one time rule for all; accommodations are per student). */
RoundStatus session_start_round(const Session *session, const SessionPacks *packs, const char *name,
                                const char *roster_id, Round *round);

/* Whether the session can be started at `now` (seconds since 1970 UTC):
 * inside [opens, closes) when those are given. */
bool session_is_open(const Session *session, int64_t now);

const char *session_order_name(SessionOrder order);
const char *session_scoring_name(SessionScoring scoring);
const char *session_feedback_name(SessionFeedback feedback);

#endif
