/* report.h - the class report: every result file of a session checked,
 * recomputed and summed up (the "The report" part of class-format.md).
 *
 * report_build() reads results/new/ of a session folder in two passes, one
 * file in memory at a time, so memory grows with the number of students
 * and questions, never with the size of all the files together:
 *   1. every file is read and checked against the session and its packs:
 *      each answer is judged again by the round engine from its structured
 *      answer and the recorded display order (qtype decode + judge, the
 *      session's time limits and scoring), and compared with what the file
 *      says. A file whose scores, totals, session id or session checksum do
 *      not match, or that names a question the session does not ask, is
 *      FLAGGED and not counted. A pack whose checksum differs (the teacher
 *      edited it since) is not a flag: that file is counted with the
 *      scores recomputed against the pack as it is now, and the report
 *      says so.
 *   2. the files that count are read again, in student order, and summed:
 *      per question (percent right, the most common wrong answers), per
 *      topic, per student; the CSV rows are written as they go.
 * The same attempt delivered twice (same session, student, roster ID,
 * computer and start) counts once: the copy that reached most questions,
 * else the first by name. A student with several attempts counts with
 * their best score (ties: the earliest); the others are listed.
 *
 * Output is the same on every run: files are taken in name order, students
 * sorted by name, questions hardest first with fixed tie-breaks. The report
 * never writes into the results folder.
 *
 * Ownership: a Report owns its Arena, its Session and its SessionPacks;
 * report_free() releases everything. Outputs go to caller's FILEs (the
 * core opens no file for writing here; the command line does).
 */
#ifndef QUIZDECK_REPORT_H
#define QUIZDECK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "class_time.h"
#include "diag.h"
#include "result.h"
#include "session.h"

enum {
    REPORT_MAX_FILES = 100000, /* result files read from one folder */
    REPORT_WRONG_SHOWN = 3,    /* most common wrong answers per question */
    REPORT_WRONG_TRACKED = 64, /* distinct wrong answers counted per question */
    REPORT_HARDEST_SHOWN = 5,  /* in the terminal summary */
    REPORT_BINS = 10,          /* score distribution: 0-9%, ..., 90-100% */
};

typedef enum ReportFileState {
    REPORT_FILE_COUNTED,
    REPORT_FILE_FLAGGED,       /* does not match the session or its answers */
    REPORT_FILE_UNREADABLE,    /* not a result file, or broken */
    REPORT_FILE_DUPLICATE,     /* the same attempt as a counted file */
    REPORT_FILE_OTHER_ATTEMPT, /* the student's better attempt counts */
} ReportFileState;

typedef struct ReportFile {
    const char *name; /* the file name in results/new */
    ReportFileState state;
    const char *reason; /* why it is flagged, unreadable or left out; "" */
    const char *student;
    const char *roster_id;
    const char *host;
    ClassTime started;
    int64_t seconds; /* finished - started */
    AttemptStatus status;
    size_t questions, reached, right;
    double score;      /* recomputed: sum of fractions */
    int64_t points;    /* recomputed */
    bool pack_changed; /* counted against a pack edited since */
    size_t attempts;   /* counted file: how many attempts the student has */
} ReportFile;

typedef struct ReportWrong {
    const char *text; /* the answer in words (first spelling seen) */
    const char *key;  /* normalised, to count spellings together */
    size_t count;
} ReportWrong;

typedef struct ReportQuestion {
    const char *pack_id;
    const char *question_id;
    const char *text;    /* what stands for the question (qtype_stand_for) */
    const char *topic;   /* topic title, "" when none */
    const char *section; /* the document section it cites (title), "" */
    const char *key;     /* the right answer in words */
    bool rtl;            /* its pack is written right to left */
    size_t asked;        /* counted students who reached it */
    size_t right;        /* ... and got it fully right */
    size_t timed_out;
    double credit;    /* sum of fractions */
    int64_t total_ms; /* over the answers (time-outs at their limit) */
    ReportWrong wrong[REPORT_WRONG_TRACKED];
    size_t wrong_count;
    size_t wrong_total; /* wrong answers, tracked or not */
} ReportQuestion;

typedef struct ReportTopic {
    const char *pack_id;
    const char *title;
    size_t questions;
    size_t asked;
    double credit;
} ReportTopic;

typedef struct Report {
    Arena arena;
    Session *session;
    SessionPacks packs;
    const char *folder;
    size_t drawn;      /* questions each attempt has */
    ReportFile *files; /* in name order */
    size_t file_count;
    size_t *students; /* indices of counted files, in student order */
    size_t student_count;
    ReportQuestion *questions; /* hardest first */
    size_t question_count;
    ReportTopic *topics; /* in pack order, then topic order */
    size_t topic_count;
    size_t flagged, unreadable, duplicates, other_attempts, pack_changed;
    double mean_percent, median_percent; /* of the counted students */
    double mean_score, median_score;     /* right answers (credit) */
    size_t bins[REPORT_BINS];
    ClassTime first_start, last_finish;
} Report;

typedef enum ReportStatus {
    REPORT_OK,
    REPORT_NO_SESSION, /* the folder's session.yaml is missing or has errors */
    REPORT_NO_PACKS,   /* a pack of the session cannot be found or loaded */
    REPORT_NO_RESULTS, /* results/new cannot be read */
    REPORT_NO_MEMORY,
} ReportStatus;

/* Builds the report of the session folder `folder` (or its results/ folder:
 * the session is then found one level up). Packs are looked up in the
 * session's packs/ and then in installed[0..installed_count). When `csv` is
 * not NULL, the CSV (RFC 4180, a header row, then one row per counted
 * student and question) is written to it as the files are read. Problems of
 * the session or its packs go to `diags`. The Report must be freed with
 * report_free() whatever the status. */
ReportStatus report_build(Report *rep, const char *folder, const char *const *installed,
                          size_t installed_count, FILE *csv, DiagList *diags);

/* The summary for a terminal: students, mean and median score, the five
 * hardest questions with percent right, and every flagged file. */
void report_write_text(const Report *rep, FILE *out);

/* One self-contained HTML page (inline CSS and SVG, no script, nothing
 * fetched): score distribution, every question hardest first with its
 * percent right, most common wrong answers and document section, per
 * topic, per student, and the files left out. Prints on A4. */
void report_write_html(const Report *rep, FILE *out);

/* The CSV header row (the columns of report_build's rows). */
extern const char *const report_csv_columns[];
extern const size_t report_csv_column_count;

/* Writes one CSV field, quoted when it holds a comma, a quote, a CR or LF
 * (quotes doubled, RFC 4180). */
void report_csv_field(FILE *out, const char *text);

void report_free(Report *rep);

#endif
