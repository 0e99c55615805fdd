/* test_support.h - small helpers shared by the test and benchmark programs.
 *
 * Tests work in fresh temporary folders (a data dir per test, so no test
 * sees another's database) and remove them afterwards, even on failure.
 * TestStore is the usual start of a test that needs a store: a temporary
 * folder, a store open in it and one profile; test_store_close() undoes
 * all of it. Times are unix milliseconds, as everywhere in the core.
 * The diagnostics helpers hold what a loader reported against what a test
 * expects, as an author would read it (FILE:LINE:COLUMN: MESSAGE).
 *
 * Errors are values here too: a helper that cannot do its work returns
 * false or NULL (and says why on stderr where that helps); the tests turn
 * that into a failure, so this library needs no test framework.
 */
#ifndef QUIZDECK_TEST_SUPPORT_H
#define QUIZDECK_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"

#define TEST_MIN_MS  ((int64_t)60000)
#define TEST_HOUR_MS ((int64_t)3600000)
#define TEST_DAY_MS  ((int64_t)86400000)

/* Removes `path` and everything below it, like `rm -rf`; links are removed,
 * not followed. Quietly does what it can. */
void test_remove_tree(const char *path);

/* Makes a fresh folder /tmp/quizdeck-test-XXXXXX into dir (at least
 * TEST_DIR_SIZE bytes); false when it cannot. */
enum { TEST_DIR_SIZE = 64 };
bool test_make_dir(char *dir);

/* Copies the file at `from` to `to` (created or truncated); false on any
 * error. */
bool test_copy_file(const char *from, const char *to);

/* The whole file at `path`, NUL-terminated, its length in *size when size
 * is not NULL; NULL when it cannot be read. The caller frees it. */
char *test_read_file(const char *path, size_t *size);

/* All of the open stream `f` from its start (flushed first, so a test can
 * read back a tmpfile() a function wrote), as test_read_file. */
char *test_read_stream(FILE *f, size_t *size);

/* Reads exactly size bytes from fd (a pipe from a child process), retrying
 * after signals; false when the other end closed or failed first. */
bool test_read_exactly(int fd, void *buf, size_t size);

/* Writes data[0..size) to `path` (created or truncated); false on any
 * error. test_write_text writes a NUL-terminated text. */
bool test_write_file(const char *path, const void *data, size_t size);
bool test_write_text(const char *path, const char *text);

/* The entries of folder `dir` whose names do not start with '.'; 0 when
 * there is no such folder. */
size_t test_count_files(const char *dir);

/* Calls visit(path, name, ctx) for each entry of folder `dir` whose name
 * does not start with '.', in the order the folder lists them (`path` is
 * dir/name). Returns how many visits returned true (a visitor passes over
 * an entry it has no business with by returning false); 0 when there is
 * no such folder. */
typedef bool (*TestVisit)(const char *path, const char *name, void *ctx);
size_t test_each_entry(const char *dir, TestVisit visit, void *ctx);

/* Milliseconds on `clock` (CLOCK_MONOTONIC for wall time,
 * CLOCK_PROCESS_CPUTIME_ID for this process's CPU time): for benchmarks,
 * which print figures and never judge them. */
double test_clock_ms(int clock);

/* The median of `count` values (count > 0); sorts them in place. */
double test_median(double *values, size_t count);

/* ---- dates ------------------------------------------------------------- */

/* Days from 1970-01-01 to a proleptic Gregorian date (y, m 1..12, d 1..31):
 * the core's day_from_civil (util/day.h), so the calendar exists once. */
int64_t test_days_from_civil(int64_t y, int m, int d);

/* y-mo-d hh:mi UTC as unix ms. */
int64_t test_utc_ms(int y, int mo, int d, int h, int mi);

/* A time zone with a daylight-saving switch, for FSRS/day-rule offset
 * callbacks: +60 minutes before the instant *(const int64_t *)user, +120
 * from it on. */
int test_offset_switch(int64_t unix_ms, void *user);

/* ---- diagnostics ------------------------------------------------------ */

/* True when `d` holds a diagnostic of `severity` at line:column with
 * exactly `message`, in a file whose name ends with `file` (any file when
 * file is NULL). */
bool test_has_diag(const DiagList *d, DiagSeverity severity, const char *file, int line, int column,
                   const char *message);

/* Prints every diagnostic of `d` on stdout, one a line after `lead`, as
 * diag_format writes it: what a failing test shows of what it got. */
void test_print_diags(const char *lead, const DiagList *d);

/* Holds `got` against the expectations at the top of the file at `path`:
 * each of its leading '#' lines of the form
 *   # expect: [FILE:]LINE:COLUMN: MESSAGE           an error
 *   # expect-warning: [FILE:]LINE:COLUMN: MESSAGE   a warning
 * must be in `got` (FILE ends the diagnostic's file name; left out, it is
 * the name of the file at `path`), and `got` must hold no other error, nor
 * any other warning when `exact_warnings` (a corpus that speaks of errors
 * only passes false). True when all holds; otherwise false, having printed
 * what is missing, the counts and all it got. A file with no expectation
 * does not hold either: a corpus file says what it is for. */
bool test_diags_as_expected(const char *path, const DiagList *got, bool exact_warnings);

/* ---- a store to test with ---------------------------------------------- */

typedef struct TestStore {
    char dir[TEST_DIR_SIZE];     /* the temporary data folder */
    char db[TEST_DIR_SIZE + 16]; /* dir/quizdeck.db */
    Store *store;                /* open after test_store_open; NULL after close */
    int64_t profile;             /* the profile test_store_open added, 0 if none */
} TestStore;

/* Only the folder: fills t->dir and t->db, t->store NULL, for tests that
 * open (or copy in) the database themselves. False when it cannot. */
bool test_store_dir(TestStore *t);

/* A folder, the store opened in it with store_open_at(now_ms) and, when
 * profile_name is not NULL, that profile added at now_ms. On failure it
 * says why on stderr, cleans up and returns false. */
bool test_store_open(TestStore *t, int64_t now_ms, const char *profile_name);

/* Closes the store (if open) and removes the folder with all in it. */
void test_store_close(TestStore *t);

/* A disk that fails at the worst moment: from now on every INSERT into
 * `table` of `store` fails (a temporary trigger no_TABLE), until
 * test_store_allow_inserts. False, saying why on stderr, when the store
 * refused. */
bool test_store_fail_inserts(Store *store, const char *table);
bool test_store_allow_inserts(Store *store, const char *table);

#endif
