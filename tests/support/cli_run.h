/* cli_run.h - running the real quizdeck binary from a test, as a teacher
 * runs it in a shell, and holding what it prints against a table of cases.
 *
 * The command-line tests (test_cli.c, test_report_cli.c,
 * test_class_play_cli.c, test_try.c) each run the binary with a prefix of
 * their own (an environment such as their data and cache folders, a
 * `cd`, a `timeout`) and read its exit status and everything it printed,
 * stdout and stderr together, in the order printed. The binary is the
 * build's (QUIZDECK_EXE, given to this file by tests/CMakeLists.txt).
 *
 * Errors are values: a run the shell could not make, or a binary that did
 * not exit (a signal), gives false and says why on stderr; the test turns
 * that into a failure.
 */
#ifndef QUIZDECK_TEST_CLI_RUN_H
#define QUIZDECK_TEST_CLI_RUN_H

#include <stdbool.h>
#include <stddef.h>

/* One run: its exit status and its output, cut at CLI_RUN_OUT - 1 bytes. */
enum { CLI_RUN_OUT = 65536 };
typedef struct CliRun {
    int status;
    char out[CLI_RUN_OUT]; /* stdout and stderr together, NUL-terminated */
} CliRun;

/* Runs `PREFIX 'QUIZDECK_EXE' ARGS` through /bin/sh: `prefix` comes first
 * as written (VAR=value ..., `cd DIR &&`, `timeout 3`; "" for none) and
 * `args` after the binary as written, so both may quote. False when the
 * run could not be made or did not exit. */
bool cli_run(CliRun *r, const char *prefix, const char *args);

/* A case of a table: the arguments, the exit status they must give and a
 * text that must appear in the output. */
typedef struct CliCase {
    const char *args;
    int status;
    const char *expect;
} CliCase;

/* Runs every case in order, each with `prefix` (as cli_run), and returns
 * how many did not hold: a run that could not be made, another status, or
 * output without the expected text. Each of those is printed on stderr
 * with the command and the whole output, so one run of the test shows
 * them all. */
size_t cli_run_cases(const char *prefix, const CliCase *cases, size_t count);

#endif
