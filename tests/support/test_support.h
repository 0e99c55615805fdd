/* test_support.h - small helpers shared by the test and benchmark programs.
 *
 * Tests work in fresh temporary folders (a data dir per test, so no test
 * sees another's database) and remove them afterwards, even on failure.
 */
#ifndef QUIZDECK_TEST_SUPPORT_H
#define QUIZDECK_TEST_SUPPORT_H

#include <stddef.h>

/* Removes `path` and everything below it, like `rm -rf`; links are removed,
 * not followed. Quietly does what it can. */
void test_remove_tree(const char *path);

/* Milliseconds on `clock` (CLOCK_MONOTONIC for wall time,
 * CLOCK_PROCESS_CPUTIME_ID for this process's CPU time): for benchmarks,
 * which print figures and never judge them. */
double test_clock_ms(int clock);

/* The median of `count` values (count > 0); sorts them in place. */
double test_median(double *values, size_t count);

#endif
