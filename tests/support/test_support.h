/* test_support.h - small helpers shared by the test and benchmark programs.
 *
 * Tests work in fresh temporary folders (a data dir per test, so no test
 * sees another's database) and remove them afterwards, even on failure.
 * TestStore is the usual start of a test that needs a store: a temporary
 * folder, a store open in it and one profile; test_store_close() undoes
 * all of it. Times are unix milliseconds, as everywhere in the core.
 */
#ifndef QUIZDECK_TEST_SUPPORT_H
#define QUIZDECK_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

#endif
