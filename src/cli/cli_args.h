/* cli_args.h - what main.c, class_cmd.c and import_cmd.c share: telling
 * which command the arguments ask for, reading an option's value, and
 * printing a list of FILE:LINE:COLUMN: records.
 *
 * Each command keeps its own words (usage lines, which option it refuses
 * and how); these only do the scanning and printing they would otherwise
 * each write again.
 */
#ifndef QUIZDECK_CLI_ARGS_H
#define QUIZDECK_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* True when one of `flags` (a NULL-ended list) stands among argv[1..argc)
 * before any "--":
 *   cli_args_has(argc, argv, (const char *const[]){"--report", NULL}) */
bool cli_args_has(int argc, char **argv, const char *const *flags);

/* An option that takes a value, and where the value goes (borrowed from
 * argv, as it is). */
typedef struct CliOption {
    const char *name; /* "--csv" */
    const char **value;
} CliOption;

enum { CLI_NOT_OPTION = -1, CLI_NO_VALUE = -2 };

/* The entries of an array of options. */
#define CLI_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* When argv[*at] names one of options[0..count), stores argv[*at + 1] in
 * its value, moves *at onto that value and returns the option's index (a
 * repeatable option is read as the caller's loop meets it). Returns
 * CLI_NOT_OPTION when argv[*at] is none of them, CLI_NO_VALUE (leaving *at
 * as it was) when nothing follows it. */
int cli_option_value(const CliOption *options, size_t count, int argc, char **argv, int *at);

/* Which records cli_print_diags() leaves out; NULL prints them all. */
typedef bool (*CliDiagSkip)(const Diag *diag);

/* Prints one record as its whole line, however long its path, after
 * `indent`. */
void cli_print_diag(FILE *out, const char *indent, const Diag *diag);

/* Prints every record of `list` (but those `skip` says), one a line, then
 * "(N more problems not shown)" when the list was cut. */
void cli_print_diags(FILE *out, const DiagList *list, CliDiagSkip skip);

#endif
