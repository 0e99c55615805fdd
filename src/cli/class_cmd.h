/* class_cmd.h - the command line's side of class sessions: `--check` on a
 * session folder or file, `--report FOLDER [--csv FILE] [--html FILE]`,
 * what `--session FOLDER` does before the game opens, and `--deliver`.
 *
 * main.c hands over: class_cmd_is_session() tells a session from a pack for
 * --check, class_cmd_check() checks one, class_cmd_wanted() /
 * class_cmd_main() run --report, class_cmd_session() prepares --session,
 * and class_cmd_deliver_wanted() / class_cmd_deliver() run --deliver.
 * Everything printed here goes to standard
 * output (the report, the checker's messages) or standard error (usage
 * errors), like the rest of main.c. The core does the work (session.h,
 * report.h); this file only opens files and prints.
 */
#ifndef QUIZDECK_CLASS_CMD_H
#define QUIZDECK_CLASS_CMD_H

#include <stdbool.h>
#include <stddef.h>

/* What --check counts over everything it checked, for its summary line. */
typedef struct ClassCheckTally {
    size_t files;     /* session.yaml and each pack file of its packs/ */
    size_t valid;     /* files without errors */
    size_t invalid;   /* files with errors */
    size_t questions; /* questions in the valid pack files */
    size_t errors;
    size_t warnings;
} ClassCheckTally;

/* True when `path` is a session folder (holds session.yaml) or a session
 * file (named session.yaml, or `kind: session` at its top). */
bool class_cmd_is_session(const char *path);

/* Checks a session and the packs it names together, printing every
 * message as FILE:LINE:COLUMN: error|warning: MESSAGE and one line saying
 * what a valid session plays. Packs are looked up in its packs/, then in
 * installed[0..count) (the shipped packs, other folders given). */
void class_cmd_check(const char *path, const char *const *installed, size_t installed_count,
                     ClassCheckTally *tally);

/* True when the arguments ask for --report. */
bool class_cmd_wanted(int argc, char **argv);

/* Runs `quizdeck --report FOLDER [--csv FILE] [--html FILE] [--packs DIR]...`;
 * `shipped` is the folder of the shipped packs. Exit status: 0 the report
 * was made (flagged files are listed in it), 1 the session or its packs
 * have errors, 2 a usage error. */
int class_cmd_main(int argc, char **argv, const char *shipped);

/* The folder rule of the game (main.c): --data, QUIZDECK_DATA_DIR, else
 * SDL's per-user folder. Returns a malloc'd path or NULL. */
typedef char *(*ClassCmdDataDir)(const char *option);

/* `quizdeck --session FOLDER`, before the game opens: opens the session
 * (its problems printed as --check prints them), delivers the result files
 * waiting on this computer (the store in data_dir, as at every launch),
 * names any attempt of this session a kill left unfinished, and prints
 * what the intro shows (title, questions, time rules, open or not).
 * `packs` are the game's pack folders (shipped, the user's, --packs).
 * Exit status: 0 the session is ready to play, 1 it has errors or is not
 * open now. */
int class_cmd_session(const char *path, const char *const *packs, size_t pack_count,
                      const char *data_dir);

/* True when the arguments ask for --deliver. */
bool class_cmd_deliver_wanted(int argc, char **argv);

/* Runs `quizdeck --deliver [--data DIR]`: delivers every result file
 * waiting in this computer's database into its session's results/new/,
 * oldest first, and says what it delivered, what still waits and where,
 * and which attempts a kill left unfinished. Exit status: 0 nothing is
 * left waiting, 1 some file still waits, 2 a usage error. */
int class_cmd_deliver(int argc, char **argv, ClassCmdDataDir data_dir);

#endif
