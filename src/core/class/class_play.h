/* class_play.h - a class session played on a student's computer: what the
 * session screens call, from the intro to the result file (design rule 4:
 * the core plays, the UI shows).
 *
 * A lesson, in the order of this file:
 *  1. Opening. class_session_open() loads session.yaml, the roster and the
 *     packs (session.h) and keeps every message for the screen;
 *     class_intro() is what the intro shows (title, questions, time rules,
 *     open or not); class_roster_filter() narrows the roster as a student
 *     types; class_student_check() says who is playing and what they may do
 *     (their extra time, attempts used on this computer, the earlier
 *     result, an attempt left unfinished by a kill).
 *  2. Playing. class_play_start() starts one attempt through the play
 *     engine (quiz.h, QUIZ_MODE_CLASS) with the session's settings for that
 *     student and their time factor, and binds the round to the attempt in
 *     the store (class_attempts) in the same transaction. Each
 *     class_play_answer() / class_play_timeout() is quiz_answer() /
 *     quiz_timeout() (one store transaction: the answer and its flashcard
 *     reviews, so what the class missed comes back in each student's study
 *     queue) and adds the answer to the attempt's result file. The attempt
 *     ends by itself after the last answer (finished) or at an answer past
 *     the total time (time-up), or by class_play_end() (time-up when the
 *     screen's clock reaches the deadline, stopped when the student quits).
 *  3. Delivering. An ended attempt's result file (result.h) is put in the
 *     store's outbox together with the end of its binding, in one
 *     transaction, and then published into FOLDER/results/new/; the row
 *     leaves the outbox only once the file is there. When the folder
 *     cannot be written, ClassDelivery says plainly where the file is kept,
 *     and class_deliver() delivers it later: at the next answer on this
 *     computer (class_play_answer does it), at the next launch, or from
 *     `quizdeck --deliver`.
 *  4. After a kill. class_pending() lists attempts that never ended;
 *     class_play_resume() takes one up (the same questions and shuffles,
 *     the answers given kept, the same deadline), or class_pending_end()
 *     delivers it as it stands (stopped; time-up once its deadline passed;
 *     finished when every question was answered).
 *
 * What a session fixes, this API does not offer: no settings, no retry
 * (never call quiz_retry_missed on a class round), no flashcards (the
 * session's draw leaves them out).
 *
 * Time: the core never reads a clock (design rule 1). Every call takes
 * now_ms (unix milliseconds); ClassPlaySetup gives the local offset from
 * UTC and the nonce of the file name (the core draws no randomness). The
 * host name comes from gethostname() unless the setup names one.
 *
 * Ownership: a ClassSession owns its Session, packs and messages
 * (class_session_close); a ClassPlay borrows its ClassSession and Store,
 * which must outlive it, and owns its Quiz and ClassAttempt
 * (class_play_free). Texts in the structs below are owned by them.
 *
 * Read session.h and result.h first, quiz.h for the engine.
 */
#ifndef QUIZDECK_CLASS_PLAY_H
#define QUIZDECK_CLASS_PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "quiz.h"
#include "result.h"
#include "session.h"
#include "store.h"

enum {
    CLASS_MESSAGE_SIZE = 1024,
    CLASS_PATH_SIZE = 4096,
    CLASS_NAME_SIZE = SESSION_MAX_NAME + 1,
};

typedef enum ClassStatus {
    CLASS_OK = 0,
    CLASS_BROKEN,        /* the session or its packs have errors (ClassSession.diags) */
    CLASS_NOT_OPEN,      /* outside the session's opens..closes window */
    CLASS_NO_ATTEMPTS,   /* the student used every attempt on this computer */
    CLASS_UNFINISHED,    /* the student has an attempt to resume or end first */
    CLASS_BAD_STUDENT,   /* not on the roster, or a name that cannot be used */
    CLASS_OVER,          /* no question is being asked: the attempt has ended */
    CLASS_TIME_UP,       /* the total time ran out: the attempt ended */
    CLASS_CHANGED,       /* session.yaml changed since the attempt began: end it instead */
    CLASS_NOT_FOUND,     /* no such unfinished attempt */
    CLASS_NOT_SAVED,     /* played on, but this computer's database refused a write */
    CLASS_NOT_DELIVERED, /* the result file is not in results/new yet (see ClassDelivery) */
    CLASS_NO_MEMORY,
} ClassStatus;

/* What went wrong, for a person. */
typedef struct ClassError {
    ClassStatus status;
    char message[CLASS_MESSAGE_SIZE];
} ClassError;

/* A short English message for a status. */
const char *class_status_message(ClassStatus status);

/* ---- 1. opening --------------------------------------------------------------- */

typedef struct ClassSession {
    Session *session; /* NULL when session.yaml could not be read */
    SessionPacks packs;
    DiagList diags;               /* every problem of the session and its packs, to show */
    bool ready;                   /* no error: it can be played */
    char folder[CLASS_PATH_SIZE]; /* the session folder, absolute when it resolves */
    size_t question_count;        /* questions each attempt asks */
} ClassSession;

/* Opens the session at `path` (its folder or its session.yaml): loads it,
 * its roster and its packs (packs/ first, then installed[0..count), e.g.
 * the shipped packs). CLASS_OK when it can be played, CLASS_BROKEN when it
 * has errors (cs->diags lists them, each FILE:LINE:COLUMN), CLASS_NO_MEMORY.
 * Close it with class_session_close() whatever the status. */
ClassStatus class_session_open(ClassSession *cs, const char *path, const char *const *installed,
                               size_t installed_count, ClassError *err);
void class_session_close(ClassSession *cs);

typedef enum ClassWindow {
    CLASS_WINDOW_OPEN,    /* it can be started now */
    CLASS_WINDOW_NOT_YET, /* before `opens` */
    CLASS_WINDOW_CLOSED,  /* at or after `closes` */
} ClassWindow;

/* What the intro screen shows, for a student with `time_factor` (1.0
 * before a name is picked; ClassStudent.time_factor after). */
typedef struct ClassIntro {
    const char *id, *title; /* borrowed from the session */
    size_t question_count;
    SessionOrder order;
    SessionScoring scoring;
    SessionFeedback feedback;
    double time_factor;
    bool time_from_pack;  /* each question's own limit (time_limit: pack) */
    int64_t limit_min_ms; /* the shortest and longest question limits of */
    int64_t limit_max_ms; /* the attempt for this student; 0 = untimed */
    int64_t total_ms;     /* the whole attempt; 0 = no total limit */
    ClassWindow window;
    bool has_opens, has_closes;
    ClassTime opens, closes;
    int attempts;    /* allowed per student on one computer */
    bool roster;     /* pick a name from the list (else type it) */
    size_t students; /* names on the list */
} ClassIntro;

/* Fills *out for a ready session at now_ms. */
void class_intro(const ClassSession *cs, double time_factor, int64_t now_ms, ClassIntro *out);

/* The roster lines matching what a student has typed so far, in roster
 * order, as indices into cs->session->students: a line matches when its
 * name contains the typed text, both compared as typed answers are (case,
 * accents, punctuation, repeated spaces and Arabic spelling variants
 * ignored: answer_match.h; a hyphen counts as a space), or its ID starts
 * with it (ignoring ASCII case). Empty
 * text matches every line. Writes at most `cap` indices; returns how many
 * match. */
size_t class_roster_filter(const ClassSession *cs, const char *typed, size_t *out, size_t cap);

/* The summary of an attempt that ended, from this computer's database. */
typedef struct ClassResultSummary {
    AttemptStatus status;
    int64_t ended_ms;
    size_t questions, answered, right;
    double score; /* sum of fractions right */
    int64_t points;
    char name[RESULT_NAME_MAX]; /* its result file */
} ClassResultSummary;

/* Who is playing and what they may do. */
typedef struct ClassStudent {
    char name[CLASS_NAME_SIZE];      /* as the roster writes it, or typed (trimmed) */
    char roster_id[CLASS_NAME_SIZE]; /* "" without a roster ID */
    double time_factor;              /* from the session's accommodations */
    int attempts_used;               /* ended attempts at this session, this computer */
    int attempts_left;
    int64_t unfinished_round_id; /* an attempt a kill left unended; 0 = none */
    bool has_last;
    ClassResultSummary last; /* the latest ended attempt: "a further start shows it" */
} ClassStudent;

/* Resolves a student: with a roster, `roster_id` (when given) or `name`
 * must name one line (a name two lines share needs the ID); without one,
 * `name` is what the student typed (1..200 bytes of UTF-8 once trimmed,
 * with a letter or digit, no control characters) and roster_id is
 * ignored. Then reads their attempts from `store` (may be NULL: none).
 * CLASS_BAD_STUDENT with a message for the student when the name cannot
 * be used; CLASS_NOT_SAVED when the store could not be read (out is still
 * filled, with no attempts). */
ClassStatus class_student_check(const ClassSession *cs, Store *store, const char *name,
                                const char *roster_id, ClassStudent *out, ClassError *err);

/* ---- 2. playing --------------------------------------------------------------- */

/* Zero-initialise and fill in. */
typedef struct ClassPlaySetup {
    int64_t profile_id;     /* whose flashcards the answers review */
    const char *name;       /* picked from the roster or typed (class_student_check) */
    const char *roster_id;  /* the roster line's ID; NULL or "" for none */
    const char *host;       /* NULL: gethostname() */
    const char *version;    /* quizdeck's version, written into the file */
    uint64_t nonce;         /* random bits that make the file name new */
    int64_t now_ms;         /* the start */
    int utc_offset_minutes; /* the local offset east of UTC now (-1080..1080) */
} ClassPlaySetup;

/* What the feedback mode lets the screen show after an answer. */
typedef enum ClassAfter {
    CLASS_AFTER_FEEDBACK,  /* each: right or wrong, the right answer, the explanation */
    CLASS_AFTER_NEXT,      /* end: nothing; straight on to the next question */
    CLASS_AFTER_SUBMITTED, /* none: only "submitted" */
} ClassAfter;

/* What became of an ended attempt's result file. */
typedef struct ClassDelivery {
    bool ended;   /* the attempt ended; the rest is valid */
    bool written; /* the file is in results/new/ (path) */
    bool kept;    /* not yet: it waits in this computer's database (path) */
    bool held;    /* neither: only in memory; class_play_deliver_again() */
    char name[RESULT_NAME_MAX];
    char path[CLASS_PATH_SIZE];
    char message[CLASS_MESSAGE_SIZE]; /* for the student, plainly */
} ClassDelivery;

typedef struct ClassPlay {
    const ClassSession *cs; /* borrowed */
    Store *store;           /* borrowed; NULL plays unsaved */
    Quiz quiz;              /* the round; read quiz.round for the review */
    ClassAttempt attempt;   /* the result file, built as it is played */
    double time_factor;
    int64_t started_ms;
    int64_t deadline_ms; /* when the total time runs out; 0 = no total limit */
    int utc_offset;
    uint64_t nonce;
    bool active; /* an attempt was started or resumed */
    bool bound;  /* its class_attempts row is in the store */
    ClassDelivery delivery;
    bool others_waiting; /* result files of this session wait in the outbox */
} ClassPlay;

/* Starts an attempt for the student of setup (class_student_check's rules)
 * at setup->now_ms: CLASS_NOT_OPEN outside the window, CLASS_NO_ATTEMPTS
 * when none is left, CLASS_UNFINISHED when the student has one to resume
 * or end first, CLASS_BAD_STUDENT, CLASS_BROKEN for a session that is not
 * ready; then no attempt exists. CLASS_NOT_SAVED when the store refused
 * the start: the attempt is played and its file written at the end, but
 * it cannot be resumed after a kill (err says so). Any attempt p held is
 * freed first (not ended: see class_play_free). */
ClassStatus class_play_start(ClassPlay *p, const ClassSession *cs, Store *store,
                             const ClassPlaySetup *setup, ClassError *err);

/* The question being asked, NULL when the attempt has ended. */
const RoundQuestion *class_play_current(const ClassPlay *p);

/* Judges the answer (display positions, as quiz_answer) and records it.
 * Returns the result, or NULL when nothing was judged: CLASS_OVER after
 * the end, CLASS_TIME_UP when now_ms is at or past the deadline (the
 * attempt then ends as time-up, without this answer). After the last
 * question the attempt ends as finished and its file is delivered:
 * check class_play_delivery(). err gets CLASS_NOT_SAVED when this
 * computer's database refused the answer (it still counts). */
const RoundResult *class_play_answer(ClassPlay *p, const GivenAnswer *given, int64_t elapsed_ms,
                                     int64_t now_ms, ClassError *err);

/* The question's time ran out; otherwise as class_play_answer. */
const RoundResult *class_play_timeout(ClassPlay *p, int64_t now_ms, ClassError *err);

/* What to show after each answer (the session's feedback mode). */
ClassAfter class_play_after_answer(const ClassPlay *p);

/* Whether the end screen may show the score and the review of every
 * question (feedback each or end), or only "submitted" (none). */
bool class_play_shows_review(const ClassPlay *p);

/* Milliseconds of the total time left at now_ms (0 when it ran out); -1
 * when the session has no total time. The total-time bar is this over
 * deadline_ms - started_ms. */
int64_t class_play_time_left_ms(const ClassPlay *p, int64_t now_ms);

/* True once the attempt has ended (or none was started). */
bool class_play_is_over(const ClassPlay *p);

/* Ends the attempt now: ATTEMPT_TIME_UP when the screen's clock reached
 * the deadline (it is written as ending at the deadline), ATTEMPT_STOPPED
 * when the student leaves; ATTEMPT_FINISHED only once every question was
 * answered. The round is left in the store (its answers count in
 * Progress) and the file delivered: CLASS_OK when it is in results/new,
 * CLASS_NOT_DELIVERED when it is kept or held (class_play_delivery says
 * where), CLASS_OVER when it had ended already. */
ClassStatus class_play_end(ClassPlay *p, AttemptStatus status, int64_t now_ms, ClassError *err);

/* What became of the ended attempt's file (ended false before the end). */
const ClassDelivery *class_play_delivery(const ClassPlay *p);

/* Tries again to deliver the ended attempt's file (a "Try again" button):
 * a held file is kept in the store first (the attempt in memory makes the
 * same bytes again), then published. CLASS_OK when it is in results/new. */
ClassStatus class_play_deliver_again(ClassPlay *p, int64_t now_ms, ClassError *err);

/* Frees everything p owns and zeroes it. An attempt not ended stays in the
 * store as unfinished, as after a kill (end it first to deliver it). */
void class_play_free(ClassPlay *p);

/* ---- 3. delivering ------------------------------------------------------------ */

/* One waiting file and what became of it. */
typedef struct ClassDelivered {
    char name[RESULT_NAME_MAX];   /* as it waited ("-2" may be added in results/new: path) */
    char folder[CLASS_PATH_SIZE]; /* the session folder it was delivered or meant for */
    char student[CLASS_NAME_SIZE];
    bool delivered;
    char path[CLASS_PATH_SIZE];       /* results/new/NAME when delivered */
    char message[CLASS_MESSAGE_SIZE]; /* why not, when not */
    int tries;                        /* failed tries so far */
} ClassDelivered;

typedef struct ClassDeliverReport {
    ClassDelivered *items; /* oldest first */
    size_t count;
    size_t delivered, waiting;
    char database[CLASS_PATH_SIZE]; /* where the waiting ones are kept */
} ClassDeliverReport;

/* Delivers the result files waiting in the store, oldest first, removing
 * each from the store only once it is in results/new/. With cs NULL each
 * goes to the folder it was meant for (a launch, `quizdeck --deliver`);
 * with a session, only that session's files (by id), into cs->folder (the
 * session on screen, wherever its folder is mounted now). *out (may be
 * NULL) says what happened; free it with class_deliver_report_free().
 * CLASS_OK when nothing is left waiting, CLASS_NOT_DELIVERED when some
 * are, CLASS_NOT_SAVED when the store could not be read. */
ClassStatus class_deliver(Store *store, const ClassSession *cs, int64_t now_ms,
                          ClassDeliverReport *out, ClassError *err);
void class_deliver_report_free(ClassDeliverReport *report);

/* ---- 4. after a kill ------------------------------------------------------------ */

/* Attempts that started and never ended, oldest first (a binding each:
 * folder, session, student, time factor, started); with cs, only that
 * session's. Free with store_class_attempt_list_free(). */
ClassStatus class_pending(Store *store, const ClassSession *cs, StoreClassAttemptList *out,
                          ClassError *err);

/* Takes up the unfinished attempt of round `round_id` in cs (the same
 * session id and session.yaml): quiz_resume, the answers given read back
 * into the attempt, the same deadline as at its start. Reads now_ms and
 * version of setup (the rest is the attempt's own). CLASS_NOT_FOUND when
 * it is not unfinished, CLASS_CHANGED when session.yaml is not the one it
 * began with, CLASS_TIME_UP when its deadline passed, CLASS_OVER when
 * every question was answered; then end it with class_pending_end(). */
ClassStatus class_play_resume(ClassPlay *p, const ClassSession *cs, Store *store, int64_t round_id,
                              const ClassPlaySetup *setup, ClassError *err);

/* Ends the unfinished attempt of round `round_id` as it stands and
 * delivers it into cs->folder (cs must play the same session id; packs
 * it used must be there): finished when every question was answered,
 * time-up when its deadline passed, else stopped; it ends at its last
 * answer (or the deadline). Reads now_ms and version of setup. *out says
 * what became of the file (CLASS_OK: in results/new; CLASS_NOT_DELIVERED:
 * kept or held, as in ClassDelivery; a held file is not lost: the attempt
 * then stays unfinished in the store and can be ended again). */
ClassStatus class_pending_end(const ClassSession *cs, Store *store, int64_t round_id,
                              const ClassPlaySetup *setup, ClassDelivery *out, ClassError *err);

#endif
