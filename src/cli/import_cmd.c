/* import_cmd.c - --import, --export, --try and --new-pack on the command
 * line (import_cmd.h). The core does the work (src/core/import); this file
 * reads the options, prints what the core reports, and writes files the
 * safe way: a temporary file in the same folder, then a rename, and never
 * over an existing pack unless -o names it.
 *
 * Messages: every problem as FILE:LINE:COLUMN: error|warning: MESSAGE on
 * standard output (like --check), then a summary; usage errors on standard
 * error.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answer_try.h"
#include "cli_args.h"
#include "export.h"
#include "i18n.h"
#include "import.h"
#include "import_cmd.h"
#include "pack_load.h"

enum { CMD_OK = 0, CMD_PROBLEMS = 1, CMD_USAGE = 2, CMD_MAX_FILES = 256 };

const char *import_cmd_usage(void)
{
    return _("  quizdeck --import FILE... [-o OUT.yaml] [--from FORMAT] [--id ID]\n"
             "           [--title TITLE] [--term-sep SEP] [--card-sep SEP]\n"
             "                                           make a pack from GIFT, Moodle XML,\n"
             "                                           Aiken, CSV (quizdeck, Kahoot, Blooket),\n"
             "                                           Quizlet or Anki text\n"
             "  quizdeck --export PACK --to gift|csv [-o FILE]\n"
             "  quizdeck --try PACK QUESTION_ID \"ANSWER\"  how the game judges an answer\n"
             "  quizdeck --new-pack FILE                 a commented pack to start from\n");
}

bool import_cmd_wanted(int argc, char **argv)
{
    return cli_args_has(argc, argv,
                        (const char *const[]){"--import", "--export", "--try", "--new-pack", NULL});
}

/* ---- files ------------------------------------------------------------------ */

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Writes through PATH.XXXXXX and a rename. With `replace` false the file
 * must not exist yet: the final step is a link, which fails with EEXIST
 * rather than overwrite (where links are not supported, as on FAT memory
 * sticks, a check and a rename). Returns 0 or an errno value. */
/* write_atomic's answer when `path` is there but is not a regular file (a
 * device such as /dev/null, a FIFO, a folder): it is never replaced. */
enum { WRITE_NOT_A_FILE = -1 };

static const char *write_error(int err)
{
    return err == WRITE_NOT_A_FILE ? _("it is not a regular file, and only files are replaced")
                                   : strerror(err);
}

static int write_atomic(const char *path, const char *data, size_t len, bool replace)
{
    struct stat target;
    if (lstat(path, &target) == 0 && !S_ISREG(target.st_mode))
        return WRITE_NOT_A_FILE;
    char temp[PATH_MAX];
    if (snprintf(temp, sizeof temp, "%s.XXXXXX", path) >= (int)sizeof temp)
        return ENAMETOOLONG;
    int fd = mkstemp(temp);
    if (fd < 0)
        return errno;
    bool ok = write_all(fd, data, len) && fsync(fd) == 0;
    int err = ok ? 0 : errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok) {
        if (replace) {
            if (rename(temp, path) != 0)
                ok = false, err = errno;
        } else if (link(temp, path) != 0) {
            err = errno;
            ok = false;
            struct stat st;
            if (err != EEXIST && stat(path, &st) != 0 && errno == ENOENT) {
                ok = rename(temp, path) == 0;
                err = ok ? 0 : errno;
            }
        }
    }
    unlink(temp); /* after a rename it is already gone */
    return ok ? 0 : (err ? err : EIO);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- printing ----------------------------------------------------------------- */

/* An import's "has no 'explain'" warnings: its summary counts them in
 * one line instead. */
static bool no_explain(const Diag *diag)
{
    return diag->severity == DIAG_WARNING && strstr(diag->message, "has no 'explain'");
}

static void print_diags(const DiagList *list, bool skip_no_explain)
{
    cli_print_diags(stdout, list, skip_no_explain ? no_explain : NULL);
}

static void print_summary(const ImportPack *pack, const ImportResult *r)
{
    printf(i18n_plural("imported %zu question", "imported %zu questions", (int64_t)r->imported),
           r->imported);
    bool first = true;
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++) {
        if (!r->per_type[t])
            continue;
        /* the type's name is the pack format's keyword (choice, order, ...) */
        printf("%s%zu %s", first ? " (" : C_("list separator", ", "), r->per_type[t],
               question_type_name((QuestionType)t));
        first = false;
    }
    if (!first)
        printf(")");
    /* TRANSLATORS: after "imported N questions": the files they came from. */
    printf(_(" from %s"), pack->origin.len ? strbuf_text(&pack->origin) : _("nothing"));
    if (pack->skipped) {
        /* TRANSLATORS: followed by each reason and its count, then ")". */
        printf(i18n_plural("; skipped %zu (", "; skipped %zu (", (int64_t)pack->skipped),
               pack->skipped);
        for (size_t i = 0; i < pack->skip_reason_count; i++)
            printf("%s%s: %zu", i ? C_("list separator", ", ") : "", pack->skips[i].reason,
                   pack->skips[i].count);
        printf(")");
    } else {
        printf("%s", _("; skipped none"));
    }
    if (pack->failed)
        printf(i18n_plural("; %zu file could not be read", "; %zu files could not be read",
                           (int64_t)pack->failed),
               pack->failed);
    if (r->imported && pack->without_explain)
        printf(i18n_plural("; %zu without an explanation (add 'explain' so students learn why)",
                           "; %zu without an explanation (add 'explain' so students learn why)",
                           (int64_t)pack->without_explain),
               pack->without_explain);
    printf("\n");
}

/* ---- --import ---------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The file's name without folder and extension, into buf. */
static void stem(const char *path, char *buf, size_t size)
{
    snprintf(buf, size, "%s", base_name(path));
    char *dot = strrchr(buf, '.');
    if (dot && dot != buf)
        *dot = '\0';
}

/* A usage error on standard error as "quizdeck: MESSAGE"; returns
 * CMD_USAGE. */
static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage(const char *fmt, ...)
{
    fputs("quizdeck: ", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CMD_USAGE;
}

/* "tab", "comma", "newline", "semicolon", "space", or the text itself with
 * \t and \n understood. */
static char *separator_option(const char *value)
{
    static const struct {
        const char *name, *sep;
    } names[] = {{"tab", "\t"},      {"comma", ","}, {"newline", "\n"},
                 {"semicolon", ";"}, {"space", " "}, {"dash", " - "}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(value, names[i].name) == 0)
            return strdup(names[i].sep);
    char *out = malloc(strlen(value) + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (const char *p = value; *p; p++) {
        if (p[0] == '\\' && (p[1] == 't' || p[1] == 'n')) {
            out[n++] = p[1] == 't' ? '\t' : '\n';
            p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return out;
}

static int run_import(int argc, char **argv, ImportCmdDataDir data_dir)
{
    const char *files[CMD_MAX_FILES];
    size_t file_count = 0;
    const char *out_path = NULL, *id = NULL, *title = NULL, *data_option = NULL;
    ImportFormat format = IMPORT_AUTO;
    char *term_sep = NULL, *card_sep = NULL;
    int status = CMD_OK;
    bool options_done = false;
    const char *from = NULL, *separator = NULL;
    enum { OPT_FROM, OPT_TERM_SEP, OPT_CARD_SEP };
    const CliOption takes_value[] = {[OPT_FROM] = {"--from", &from},
                                     [OPT_TERM_SEP] = {"--term-sep", &separator},
                                     [OPT_CARD_SEP] = {"--card-sep", &separator},
                                     {"-o", &out_path},
                                     {"--id", &id},
                                     {"--title", &title},
                                     {"--data", &data_option}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int option = options_done
                         ? CLI_NOT_OPTION
                         : cli_option_value(takes_value, CLI_COUNT(takes_value), argc, argv, &i);
        if (option == CLI_NO_VALUE) {
            status = usage(_("%s needs a value"), a);
            goto done;
        } else if (option == OPT_FROM) {
            if (!import_format_parse(from, &format)) {
                status = usage(_("--from: unknown format %s"), from);
                fprintf(stderr, "  (gift, moodle-xml, aiken, csv, quizlet, anki)\n");
                goto done;
            }
        } else if (option == OPT_TERM_SEP || option == OPT_CARD_SEP) {
            char **target = option == OPT_TERM_SEP ? &term_sep : &card_sep;
            free(*target);
            *target = separator_option(separator);
            if (!*target || !**target) {
                status = usage(_("%s: the separator cannot be empty"), a);
                goto done;
            }
        } else if (option >= 0) {
            continue;
        } else if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
        } else if (!options_done && strcmp(a, "--import") == 0) {
            continue;
        } else if (!options_done && a[0] == '-' && a[1]) {
            status = usage(_("--import: unknown option %s"), a);
            goto done;
        } else if (file_count < CMD_MAX_FILES) {
            files[file_count++] = a;
        } else {
            status = usage("%s", _("--import: too many files"));
            goto done;
        }
    }
    if (file_count == 0) {
        status = usage("%s", _("--import needs at least one file"));
        goto done;
    }
    for (size_t i = 0; i < file_count; i++) {
        if (!exists(files[i])) {
            status = usage(_("%s: no such file"), files[i]);
            goto done;
        }
    }
    if (id && !import_id_valid(id)) {
        status =
            usage(_("--id must be lower-case a-z, 0-9 and '-', at most 64 characters: %s"), id);
        goto done;
    }

    ImportPack *pack = import_pack_new();
    if (!pack) {
        status = usage("%s", _("out of memory"));
        goto done;
    }
    ImportOptions options = {.term_separator = term_sep, .card_separator = card_sep};
    for (size_t i = 0; i < file_count; i++)
        import_file(pack, files[i], format, &options);

    char stem_buf[256];
    stem(files[0], stem_buf, sizeof stem_buf);
    char id_buf[PACK_MAX_ID + 1];
    if (!id) {
        if (import_slug(stem_buf, id_buf, sizeof id_buf, PACK_MAX_ID) == 0)
            snprintf(id_buf, sizeof id_buf, "imported");
        id = id_buf;
    }
    if (!title)
        title = pack->first_title && pack->first_title[0] ? pack->first_title : stem_buf;

    /* Where it goes: -o, or a free name in the packs folder, whose pack id
     * is the file's name too, so two imports of one bank never clash. */
    char path[PATH_MAX] = "";
    char dir[PATH_MAX] = "";
    char free_id[PACK_MAX_ID + 8];
    snprintf(free_id, sizeof free_id, "%s", id);
    if (!out_path) {
        char *data = data_dir(data_option);
        size_t n = data ? strlen(data) : 0;
        if (!data || snprintf(dir, sizeof dir, "%s%spacks", data,
                              n && data[n - 1] == '/' ? "" : "/") >= (int)sizeof dir) {
            fprintf(stderr, "%s",
                    _("quizdeck: no data folder to put the pack in; name a file with -o\n"));
            free(data);
            import_pack_free(pack);
            status = CMD_USAGE;
            goto done;
        }
        mkdir(data, 0777);
        mkdir(dir, 0777);
        free(data);
    }
    ImportResult result = {0};
    int err = EEXIST;
    bool ok = false;
    for (unsigned k = 1; k < 1000 && err == EEXIST; k++) {
        if (!out_path) {
            char suffix[16] = "";
            if (k > 1)
                snprintf(suffix, sizeof suffix, "-%u", k);
            /* the id stays within 64 characters with its suffix */
            snprintf(free_id, sizeof free_id, "%.*s%s", (int)(PACK_MAX_ID - strlen(suffix)), id,
                     suffix);
            int w = snprintf(path, sizeof path, "%s/%s.yaml", dir, free_id);
            if (w < 0 || (size_t)w >= sizeof path) {
                err = ENAMETOOLONG;
                break;
            }
            if (exists(path))
                continue;
        }
        import_result_free(&result);
        ok = pack->question_count > 0 && import_finish(pack, free_id, title, &result);
        if (!ok)
            break;
        if (out_path) {
            snprintf(path, sizeof path, "%s", out_path);
            err = write_atomic(path, result.yaml, result.yaml_len, true);
        } else {
            err = write_atomic(path, result.yaml, result.yaml_len, false);
        }
    }
    print_diags(&pack->diags, true);
    if (!ok) {
        print_summary(pack, &result);
        printf("%s", _("nothing written: no question could be imported\n"));
        status = CMD_PROBLEMS;
        import_result_free(&result);
        import_pack_free(pack);
        goto done;
    }
    print_summary(pack, &result);
    if (err) {
        fprintf(stderr, _("quizdeck: cannot write %s: %s\n"), out_path ? out_path : path,
                write_error(err));
        status = CMD_PROBLEMS;
    } else {
        printf(_("wrote %s\n"), path);
        if (pack->diags.error_count)
            status = CMD_PROBLEMS;
    }
    import_result_free(&result);
    import_pack_free(pack);
done:
    free(term_sep);
    free(card_sep);
    return status;
}

/* ---- --export ---------------------------------------------------------------- */

static int run_export(int argc, char **argv)
{
    const char *pack_path = NULL, *out_path = NULL, *to = NULL;
    const CliOption options[] = {{"--export", &pack_path}, {"--to", &to}, {"-o", &out_path}};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int option = cli_option_value(options, CLI_COUNT(options), argc, argv, &i);
        if (option == CLI_NOT_OPTION)
            return usage(_("--export: unexpected argument %s"), a);
        if (option == CLI_NO_VALUE)
            return strcmp(a, "--export") == 0 ? usage("%s", _("--export needs a pack file"))
                                              : usage(_("%s needs a value"), a);
    }
    ExportFormat format;
    if (!to)
        return usage("%s", _("--export needs --to gift or --to csv"));
    if (!export_format_parse(to, &format))
        return usage(_("--to: unknown format (gift or csv): %s"), to);
    if (!exists(pack_path))
        return usage(_("%s: no such file"), pack_path);
    DiagList diags = {0};
    Pack *pack = pack_load_file(pack_path, &diags);
    if (!pack) {
        print_diags(&diags, false);
        printf("%s", _("nothing exported: the pack has errors (see quizdeck --check)\n"));
        diag_clear(&diags);
        return CMD_PROBLEMS;
    }
    diag_clear(&diags);
    StrBuf out = {0};
    DiagList notes = {0};
    size_t written = export_pack(pack, format, &out, &notes);
    int status = CMD_OK;
    if (out.failed) {
        fprintf(stderr, "%s", _("quizdeck: out of memory\n"));
        status = CMD_PROBLEMS;
    } else if (out_path) {
        print_diags(&notes, false);
        int err = write_atomic(out_path, strbuf_text(&out), out.len, true);
        if (err) {
            fprintf(stderr, _("quizdeck: cannot write %s: %s\n"), out_path, write_error(err));
            status = CMD_PROBLEMS;
        } else {
            printf(i18n_plural("exported %zu of %zu question to %s\n",
                               "exported %zu of %zu questions to %s\n",
                               (int64_t)pack->question_count),
                   written, pack->question_count, out_path);
        }
    } else {
        fwrite(strbuf_text(&out), 1, out.len, stdout);
        /* the notes go to standard error so the export itself stays clean */
        char line[1400];
        for (size_t i = 0; i < notes.count; i++) {
            diag_format(&notes.items[i], line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        fprintf(stderr,
                i18n_plural("exported %zu of %zu question\n", "exported %zu of %zu questions\n",
                            (int64_t)pack->question_count),
                written, pack->question_count);
    }
    diag_clear(&notes);
    strbuf_free(&out);
    pack_free(pack);
    return status;
}

/* ---- --try ------------------------------------------------------------------------ */

static int run_try(int argc, char **argv)
{
    const char *args[3];
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--try") == 0)
            continue;
        if (n == 3)
            return usage(_("--try takes PACK QUESTION_ID \"ANSWER\"; one too many: %s"), argv[i]);
        args[n++] = argv[i];
    }
    if (n != 3)
        return usage("%s", _("--try takes PACK QUESTION_ID \"ANSWER\""));
    if (!exists(args[0]))
        return usage(_("%s: no such file"), args[0]);
    DiagList diags = {0};
    Pack *pack = pack_load_file(args[0], &diags);
    if (!pack) {
        print_diags(&diags, false);
        diag_clear(&diags);
        fprintf(stderr, _("quizdeck: %s has errors (see quizdeck --check)\n"), args[0]);
        return CMD_USAGE;
    }
    diag_clear(&diags);
    const Question *q = pack_find_question(pack, args[1]);
    if (!q) {
        fprintf(stderr, _("quizdeck: %s has no question '%s'\n"), args[0], args[1]);
        pack_free(pack);
        return CMD_USAGE;
    }
    StrBuf report = {0};
    TryVerdict verdict = answer_try(q, args[2], &report);
    fputs(strbuf_text(&report), verdict == TRY_UNREADABLE ? stderr : stdout);
    strbuf_free(&report);
    pack_free(pack);
    switch (verdict) {
    case TRY_RIGHT:
        return CMD_OK;
    case TRY_PARTLY:
    case TRY_WRONG:
        return CMD_PROBLEMS;
    default:
        return CMD_USAGE;
    }
}

/* ---- --new-pack --------------------------------------------------------------------- */

/* One question of every type, commented; passes --check with no warning. */
static const char new_pack_template[] =
    "# A quizdeck pack: format 1. The authoring guide is questions/README.md\n"
    "# (installed as /usr/share/quizdeck/questions/README.md).\n"
    "# Check this file after every edit:  quizdeck --check FILE\n"
    "# Lines starting with # are comments. Indent with spaces, never tabs.\n"
    "\n"
    "format: 1\n"
    "# The pack's permanent id: a-z, 0-9 and '-'. Progress is kept under it.\n"
    "id: my-pack\n"
    "title: \"My first pack\"\n"
    "description: \"One question of every type, to copy and change.\"\n"
    "language: en\n"
    "# Optional: topics group the questions on the progress screens.\n"
    "topics:\n"
    "  - {id: basics, title: \"The basics\"}\n"
    "# Seconds per question (0 = untimed) and points for a right answer.\n"
    "defaults: {time_limit: 20, points: 1000}\n"
    "\n"
    "questions:\n"
    "  # choice: pick one. 'answer' is one of the 'choices', spelled the same.\n"
    "  - id: largest-planet\n"
    "    type: choice\n"
    "    topic: basics\n"
    "    prompt: \"Which planet is the largest?\"\n"
    "    choices: [\"Jupiter\", \"Saturn\", \"Neptune\", \"Earth\"]\n"
    "    answer: \"Jupiter\"\n"
    "    explain: \"Jupiter is bigger than all the other planets put together.\"\n"
    "\n"
    "  # multi: pick all that apply. 'answers' lists the right choices.\n"
    "  - id: rocky-planets\n"
    "    type: multi\n"
    "    prompt: \"Which of these are rocky planets? Pick all that apply.\"\n"
    "    choices: [\"Mercury\", \"Venus\", \"Mars\", \"Jupiter\"]\n"
    "    answers: [\"Mercury\", \"Venus\", \"Mars\"]\n"
    "    explain: \"The inner planets are rocky; Jupiter is a gas giant.\"\n"
    "\n"
    "  # truefalse: 'answer' is true or false, plain, not in quotes.\n"
    "  - id: moon-light\n"
    "    type: truefalse\n"
    "    prompt: \"The Moon gives off its own light.\"\n"
    "    answer: false\n"
    "    explain: \"Moonlight is sunlight reflected by the Moon.\"\n"
    "\n"
    "  # typed: the player types the answer; 'accept' lists other spellings.\n"
    "  # Case, punctuation and small typos are forgiven; digits never are.\n"
    "  - id: red-planet\n"
    "    type: typed\n"
    "    prompt: \"Which planet is known as the Red Planet?\"\n"
    "    answer: \"Mars\"\n"
    "    accept: [\"planet Mars\"]\n"
    "    explain: \"Iron oxide (rust) in its soil makes Mars look red.\"\n"
    "\n"
    "  # order: 'items' in the right order; the game shuffles them.\n"
    "  - id: inner-order\n"
    "    type: order\n"
    "    prompt: \"Put these in order, nearest the Sun first.\"\n"
    "    items: [\"Mercury\", \"Venus\", \"Earth\", \"Mars\"]\n"
    "    time_limit: 40\n"
    "    explain: \"From the Sun outwards: Mercury, Venus, Earth, Mars.\"\n"
    "\n"
    "  # match: pairs, one '- left: right' per line.\n"
    "  - id: planet-facts\n"
    "    type: match\n"
    "    prompt: \"Match each planet with a fact about it.\"\n"
    "    pairs:\n"
    "      - \"Mercury\": \"Closest to the Sun\"\n"
    "      - \"Venus\": \"Hottest surface\"\n"
    "      - \"Earth\": \"Liquid water on its surface\"\n"
    "    explain: \"Mercury orbits closest; Venus traps heat; Earth has oceans.\"\n"
    "\n"
    "  # cloze: each {{gap}} is typed; {{answer|hint}} shows a hint.\n"
    "  # 'accept' gives a gap (1 = the first) other answers.\n"
    "  - id: moon-orbit\n"
    "    type: cloze\n"
    "    text: \"The Moon orbits the {{Earth}} and shows us the same {{side|front or back?}}.\"\n"
    "    accept: {2: [\"face\"]}\n"
    "    explain: \"The Moon turns once per orbit, so one side always faces us.\"\n"
    "\n"
    "  # flashcard: a card to learn, front and back.\n"
    "  - id: moon-card\n"
    "    type: flashcard\n"
    "    front: \"Why does the Moon have phases?\"\n"
    "    back: \"As it orbits the Earth we see different parts of its sunlit half.\"\n"
    "    explain: \"Half of the Moon is always lit; how much of it faces us changes.\"\n";

static int run_new_pack(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--new-pack") == 0)
            continue;
        if (path)
            return usage(_("--new-pack takes one file; unexpected: %s"), argv[i]);
        path = argv[i];
    }
    if (!path)
        return usage("%s", _("--new-pack needs a file name, e.g. my-pack.yaml"));
    if (exists(path)) {
        fprintf(stderr, _("quizdeck: %s already exists; choose another name\n"), path);
        return CMD_USAGE;
    }
    int err = write_atomic(path, new_pack_template, sizeof new_pack_template - 1, false);
    if (err) {
        fprintf(stderr, _("quizdeck: cannot write %s: %s\n"), path, write_error(err));
        return CMD_PROBLEMS;
    }
    printf(_("wrote %s: one question of every type; edit it, then run quizdeck --check %s\n"), path,
           path);
    return CMD_OK;
}

int import_cmd_run(int argc, char **argv, ImportCmdDataDir data_dir)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--import") == 0)
            return run_import(argc, argv, data_dir);
        if (strcmp(argv[i], "--export") == 0)
            return run_export(argc, argv);
        if (strcmp(argv[i], "--try") == 0)
            return run_try(argc, argv);
        if (strcmp(argv[i], "--new-pack") == 0)
            return run_new_pack(argc, argv);
    }
    return CMD_USAGE;
}
