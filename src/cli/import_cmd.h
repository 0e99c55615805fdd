/* import_cmd.h - the command line's authoring tools: --import, --export,
 * --try and --new-pack (main.c hands the whole argument list over).
 *
 *   quizdeck --import FILE... [-o OUT.yaml] [--from FORMAT] [--id ID]
 *            [--title TITLE] [--term-sep SEP] [--card-sep SEP] [--data DIR]
 *   quizdeck --export PACK --to gift|csv [-o FILE]
 *   quizdeck --try PACK QUESTION_ID "ANSWER"
 *   quizdeck --new-pack FILE
 *
 * Exit status: 0 done (--try: the answer is right), 1 problems in the input
 * (--try: wrong or only partly right), 2 a usage error.
 */
#ifndef QUIZDECK_IMPORT_CMD_H
#define QUIZDECK_IMPORT_CMD_H

#include <stdbool.h>

/* The folder rule of the game (main.c): --data, QUIZDECK_DATA_DIR, else
 * SDL's per-user folder. Returns a malloc'd path or NULL. */
typedef char *(*ImportCmdDataDir)(const char *option);

/* True when argv asks for one of the commands above. */
bool import_cmd_wanted(int argc, char **argv);

/* Runs it; returns the exit status. */
int import_cmd_run(int argc, char **argv, ImportCmdDataDir data_dir);

/* The usage lines, for main.c's --help. */
const char *import_cmd_usage(void);

#endif
