/* test_support.h - small helpers shared by the test and benchmark programs.
 *
 * Tests work in fresh temporary folders (a data dir per test, so no test
 * sees another's database) and remove them afterwards, even on failure.
 */
#ifndef QUIZDECK_TEST_SUPPORT_H
#define QUIZDECK_TEST_SUPPORT_H

/* Removes `path` and everything below it, like `rm -rf`; links are removed,
 * not followed. Quietly does what it can. */
void test_remove_tree(const char *path);

#endif
