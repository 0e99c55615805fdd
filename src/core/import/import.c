/* import.c - the importers' front door: which format a file is, reading it,
 * and finishing the pack: ids, the YAML, and the real checker's verdict.
 *
 * import_finish() is where "never write an output that fails --check" is
 * kept: the pack is written (pack_emit.c) and loaded with pack_load_buffer;
 * each checker error is traced to the question whose lines it points into,
 * that question is skipped and reported at its position in the source, and
 * the pack is written again until the checker accepts it.
 *
 * Read import.h first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "id_index.h"
#include "import_internal.h"
#include "pack_emit.h"
#include "pack_load.h"

/* ---- formats ---------------------------------------------------------------- */

static const char *const format_names[IMPORT_FORMAT_COUNT] = {
    [IMPORT_AUTO] = "auto",   [IMPORT_GIFT] = "gift", [IMPORT_MOODLE_XML] = "moodle-xml",
    [IMPORT_AIKEN] = "aiken", [IMPORT_CSV] = "csv",   [IMPORT_QUIZLET] = "quizlet",
    [IMPORT_ANKI] = "anki",
};

static const char *const format_titles[IMPORT_FORMAT_COUNT] = {
    [IMPORT_AUTO] = "?",         [IMPORT_GIFT] = "GIFT", [IMPORT_MOODLE_XML] = "Moodle XML",
    [IMPORT_AIKEN] = "Aiken",    [IMPORT_CSV] = "CSV",   [IMPORT_QUIZLET] = "Quizlet",
    [IMPORT_ANKI] = "Anki text",
};

const char *import_format_name(ImportFormat format)
{
    return (unsigned)format < IMPORT_FORMAT_COUNT ? format_names[format] : "?";
}

bool import_format_parse(const char *name, ImportFormat *out)
{
    static const struct {
        const char *name;
        ImportFormat format;
    } aliases[] = {
        {"xml", IMPORT_MOODLE_XML}, {"moodle", IMPORT_MOODLE_XML}, {"moodlexml", IMPORT_MOODLE_XML},
        {"tsv", IMPORT_CSV},        {"kahoot", IMPORT_CSV},        {"blooket", IMPORT_CSV},
        {"anki-text", IMPORT_ANKI},
    };
    for (int f = IMPORT_GIFT; f < IMPORT_FORMAT_COUNT; f++) {
        if (import_ieq(name, format_names[f])) {
            *out = (ImportFormat)f;
            return true;
        }
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (import_ieq(name, aliases[i].name)) {
            *out = aliases[i].format;
            return true;
        }
    }
    return false;
}

/* ---- detecting -------------------------------------------------------------- */

static const char *extension_of(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot ? dot + 1 : "";
}

/* The next line of [p, end): sets *line_end past its text (before \r\n). */
static const char *next_line(const char *p, const char *end, const char **line_end)
{
    const char *q = p;
    while (q < end && *q != '\n' && *q != '\r')
        q++;
    *line_end = q;
    if (q < end && *q == '\r')
        q++;
    if (q < end && *q == '\n')
        q++;
    return q;
}

static bool line_starts(const char *p, const char *end, const char *prefix)
{
    size_t n = strlen(prefix);
    return (size_t)(end - p) >= n && strncmp(p, prefix, n) == 0;
}

ImportFormat import_detect(const char *name, const char *data, size_t size)
{
    const char *ext = extension_of(name);
    if (import_ieq(ext, "gift"))
        return IMPORT_GIFT;
    if (import_ieq(ext, "xml"))
        return IMPORT_MOODLE_XML;
    if (import_ieq(ext, "aiken"))
        return IMPORT_AIKEN;
    if (import_ieq(ext, "csv") || import_ieq(ext, "tsv"))
        return IMPORT_CSV;

    /* By content: the first 64 KiB say enough. */
    size_t n = size < 65536 ? size : 65536;
    const char *p = data, *end = data + n;
    if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    const char *s = p;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++;
    if (line_starts(s, end, "<?xml") || line_starts(s, end, "<quiz"))
        return IMPORT_MOODLE_XML;
    size_t lines = 0, tabbed = 0, aiken_answer = 0, aiken_option = 0, gift = 0;
    bool anki_header = false;
    while (p < end) {
        const char *le;
        const char *next = next_line(p, end, &le);
        if (le > p) {
            lines++;
            if (line_starts(p, le, "#separator:") || line_starts(p, le, "#html:") ||
                line_starts(p, le, "#columns:") || line_starts(p, le, "#notetype") ||
                line_starts(p, le, "#deck") || line_starts(p, le, "#tags") ||
                line_starts(p, le, "#guid"))
                anki_header = true;
            if (line_starts(p, le, "ANSWER:"))
                aiken_answer++;
            if (le - p >= 3 && p[0] >= 'A' && p[0] <= 'Z' && (p[1] == '.' || p[1] == ')') &&
                p[2] == ' ')
                aiken_option++;
            if (line_starts(p, le, "$CATEGORY:") || line_starts(p, le, "::"))
                gift++;
            for (const char *c = p; c < le; c++) {
                if (*c == '\t') {
                    tabbed++;
                    break;
                }
            }
            for (const char *c = p; c < le; c++) {
                if (*c == '{' && (c == p || c[-1] != '\\')) {
                    const char *d = c + 1;
                    while (d < le && (*d == ' ' || *d == '\t'))
                        d++;
                    if (d == le || *d == '=' || *d == '~' || *d == '#' || *d == 'T' || *d == 'F' ||
                        *d == '}')
                        gift++;
                    break;
                }
            }
        }
        p = next;
    }
    if (anki_header)
        return IMPORT_ANKI;
    if (aiken_answer && aiken_option >= 2 * aiken_answer)
        return IMPORT_AIKEN;
    if (gift)
        return IMPORT_GIFT;
    if (lines && tabbed * 2 > lines)
        return IMPORT_QUIZLET;
    return IMPORT_AUTO;
}

/* ---- reading ---------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool import_buffer(ImportPack *pack, const char *name, const char *data, size_t size,
                   ImportFormat format, const ImportOptions *options)
{
    pack->files++;
    if (size > PACK_MAX_FILE_BYTES) {
        diag_add(&pack->diags, DIAG_ERROR, name, 1, 1, "the file is %zu bytes; the limit is %d MiB",
                 size, PACK_MAX_FILE_BYTES >> 20);
        pack->failed++;
        return false;
    }
    const unsigned char *b = (const unsigned char *)data;
    if (size >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        diag_add(&pack->diags, DIAG_ERROR, name, 1, 1,
                 "the file is UTF-16 (\"Unicode text\"); save it as UTF-8 and import it again");
        pack->failed++;
        return false;
    }
    if (format == IMPORT_AUTO)
        format = import_detect(name, data, size);
    if (format == IMPORT_AUTO) {
        diag_add(&pack->diags, DIAG_ERROR, name, 1, 1,
                 "cannot tell which format this is; name it with --from "
                 "(gift, moodle-xml, aiken, csv, quizlet, anki)");
        pack->failed++;
        return false;
    }
    ImportSource src;
    /* The diags keep their own copy of the name; the questions point at it,
     * so it lives in the arena. */
    const char *kept_name = arena_strdup(&pack->arena, name);
    if (!kept_name ||
        !import_source_open(&src, pack, kept_name ? kept_name : name, data, size, options)) {
        pack->failed++;
        return false;
    }
    if (pack->origin.len)
        strbuf_add(&pack->origin, ", ");
    strbuf_addf(&pack->origin, "%s (%s)", base_name(name), format_titles[format]);
    bool ok;
    switch (format) {
    case IMPORT_GIFT:
        ok = import_gift(&src);
        break;
    case IMPORT_MOODLE_XML:
        ok = import_moodle_xml(&src);
        break;
    case IMPORT_AIKEN:
        ok = import_aiken(&src);
        break;
    case IMPORT_CSV:
        ok = import_csv(&src);
        break;
    case IMPORT_QUIZLET:
        ok = import_quizlet(&src);
        break;
    case IMPORT_ANKI:
        ok = import_anki(&src);
        break;
    default:
        ok = false;
        break;
    }
    import_source_free(&src);
    if (!ok)
        pack->failed++;
    return ok;
}

bool import_file(ImportPack *pack, const char *path, ImportFormat format,
                 const ImportOptions *options)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        pack->files++;
        pack->failed++;
        diag_add(&pack->diags, DIAG_ERROR, path, 1, 1, "%s",
                 stat(path, &st) != 0 ? strerror(errno) : "not a regular file");
        return false;
    }
    if (st.st_size > PACK_MAX_FILE_BYTES) {
        return import_buffer(pack, path, "", (size_t)st.st_size, format, options);
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        pack->files++;
        pack->failed++;
        diag_add(&pack->diags, DIAG_ERROR, path, 1, 1, "%s", strerror(errno));
        return false;
    }
    size_t cap = (size_t)st.st_size + 1;
    char *data = malloc(cap);
    size_t n = 0;
    if (data) {
        size_t got;
        /* read to the end, bounded: the file may have grown since stat */
        while ((got = fread(data + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                if (cap > PACK_MAX_FILE_BYTES)
                    break;
                char *grown = realloc(data, cap * 2);
                if (!grown)
                    break;
                data = grown;
                cap *= 2;
            }
        }
    }
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (!data || read_error) {
        free(data);
        pack->files++;
        pack->failed++;
        diag_add(&pack->diags, DIAG_ERROR, path, 1, 1, "cannot read the file");
        return false;
    }
    bool ok = import_buffer(pack, path, data, n, format, options);
    free(data);
    return ok;
}

/* ---- ids ---------------------------------------------------------------------- */

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

enum { IMPORT_ID_WORDS_MAX = 40 };

/* The id a question is derived from: a slug of its title or first words,
 * cut at a word; "q-" and a hash of the text when no letter survives. */
static void base_id(const ImportQuestion *q, char *buf, size_t size)
{
    const char *seed = q->id_seed[0]  ? q->id_seed
                       : q->prompt[0] ? q->prompt
                       : q->text[0]   ? q->text
                                      : q->front;
    size_t n = import_slug(seed, buf, size, IMPORT_ID_WORDS_MAX + 1);
    if (n > IMPORT_ID_WORDS_MAX) {
        /* cut at the last word boundary */
        size_t cut = IMPORT_ID_WORDS_MAX;
        while (cut > 10 && buf[cut] != '-')
            cut--;
        if (buf[cut] != '-')
            cut = IMPORT_ID_WORDS_MAX;
        buf[cut] = '\0';
        while (cut > 0 && buf[cut - 1] == '-')
            buf[--cut] = '\0';
        n = cut;
    }
    if (n == 0)
        snprintf(buf, size, "q-%08x", (unsigned)fnv1a(seed));
}

/* Gives every question an id: a valid id the source gave stays (the first
 * of two equal ones), the rest are derived in source order with -2, -3 ...
 * for collisions, so the same file always gives the same ids. */
static bool assign_ids(ImportPack *pack)
{
    IdIndex used = {0};
    bool ok = true;
    for (size_t i = 0; i < pack->question_count && ok; i++) {
        ImportQuestion *q = &pack->questions[i];
        if (q->id[0] && import_id_valid(q->id)) {
            IdIndexResult r = id_index_insert(&used, q->id, (uint32_t)i, NULL);
            if (r == ID_INDEX_DUPLICATE) {
                diag_add(&pack->diags, DIAG_WARNING, q->file, q->line, q->column,
                         "the id '%s' is used twice; this question gets another", q->id);
                q->id_seed = q->id;
                q->id = "";
            }
            ok = r != ID_INDEX_NO_MEMORY;
        } else if (q->id[0]) {
            q->id_seed = q->id; /* not an id as it stands: its slug is */
            q->id = "";
        }
    }
    for (size_t i = 0; i < pack->question_count && ok; i++) {
        ImportQuestion *q = &pack->questions[i];
        if (q->id[0])
            continue;
        char base[PACK_MAX_ID + 1];
        base_id(q, base, sizeof base);
        /* base is at most 41 characters, so "-N" keeps it within 64 */
        char id[PACK_MAX_ID + 16];
        snprintf(id, sizeof id, "%s", base);
        for (unsigned k = 2; id_index_contains(&used, id) && k < UINT32_MAX; k++)
            if (snprintf(id, sizeof id, "%s-%u", base, k) >= (int)sizeof id)
                break;
        char *kept = arena_strdup(&pack->arena, id);
        ok = kept && id_index_insert(&used, kept, (uint32_t)i, NULL) == ID_INDEX_ADDED;
        if (kept)
            q->id = kept;
    }
    id_index_free(&used);
    return ok;
}

/* ---- checking ----------------------------------------------------------------- */

enum { IMPORT_MAX_CHECK_ROUNDS = 200 };

/* Line (1-based) of the YAML where each kept question starts: lines that
 * begin "- " after the "questions:" line. starts[k] for the k-th kept one. */
static size_t *question_lines(const char *yaml, size_t len, size_t kept, size_t *questions_line)
{
    size_t *starts = malloc((kept ? kept : 1) * sizeof *starts);
    if (!starts)
        return NULL;
    size_t line = 1, k = 0;
    bool in_questions = false;
    *questions_line = 0;
    for (size_t i = 0; i < len;) {
        const char *p = yaml + i;
        if (!in_questions && strncmp(p, "questions:", 10) == 0) {
            in_questions = true;
            *questions_line = line;
        } else if (in_questions && p[0] == '-' && p[1] == ' ' && k < kept) {
            starts[k++] = line;
        }
        const char *nl = memchr(p, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - yaml) + 1;
        line++;
    }
    for (; k < kept; k++)
        starts[k] = SIZE_MAX;
    return starts;
}

/* Skips the questions the checker's errors point into; false when an error
 * is not inside any question (then the pack itself is wrong). */
static bool skip_rejected(ImportPack *pack, const char *yaml, size_t len, const DiagList *diags)
{
    size_t kept = 0;
    for (size_t i = 0; i < pack->question_count; i++)
        kept += !pack->questions[i].skipped;
    size_t *kept_index = malloc((kept ? kept : 1) * sizeof *kept_index);
    size_t questions_line;
    size_t *starts = question_lines(yaml, len, kept, &questions_line);
    if (!kept_index || !starts) {
        free(kept_index);
        free(starts);
        return false;
    }
    for (size_t i = 0, k = 0; i < pack->question_count; i++)
        if (!pack->questions[i].skipped)
            kept_index[k++] = i;
    bool all_placed = true;
    for (size_t d = 0; d < diags->count; d++) {
        const Diag *g = &diags->items[d];
        if (g->severity != DIAG_ERROR)
            continue;
        size_t line = (size_t)g->line;
        /* the last question starting at or before the line */
        size_t lo = 0, hi = kept;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (starts[mid] <= line)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0 || line <= questions_line) {
            diag_add(&pack->diags, DIAG_ERROR, "(the converted pack)", g->line, g->column, "%s",
                     g->message);
            all_placed = false;
            continue;
        }
        ImportQuestion *q = &pack->questions[kept_index[lo - 1]];
        char message[1400];
        snprintf(message, sizeof message, "question skipped: as a quizdeck %s question, %s",
                 question_type_name(q->type), g->message);
        const Diag *last = pack->diags.count ? &pack->diags.items[pack->diags.count - 1] : NULL;
        /* one value can break one rule twice (a long choice that is also
         * the answer): say it once */
        if (!(last && last->line == q->line && last->column == q->column &&
              strcmp(last->file, q->file) == 0 && strcmp(last->message, message) == 0))
            diag_add(&pack->diags, DIAG_ERROR, q->file, q->line, q->column, "%s", message);
        if (!q->skipped) {
            q->skipped = true;
            import_pack_count_skip(pack, "rejected by the checker");
        }
    }
    free(kept_index);
    free(starts);
    return all_placed;
}

bool import_finish(ImportPack *pack, const char *id, const char *title, ImportResult *out)
{
    *out = (ImportResult){0};
    if (!assign_ids(pack)) {
        diag_add(&pack->diags, DIAG_ERROR, "(the converted pack)", 1, 1, "out of memory");
        return false;
    }
    StrBuf comment = {0};
    strbuf_addf(&comment, "# Imported by quizdeck --import from %s.\n",
                pack->origin.len ? strbuf_text(&pack->origin) : "nothing");
    strbuf_add(&comment, "# Check it after editing: quizdeck --check FILE\n");
    PackEmitHeader header = {
        .id = id, .title = title, .description = "", .comment = strbuf_text(&comment)};
    bool ok = false;
    for (int round = 0; round < IMPORT_MAX_CHECK_ROUNDS; round++) {
        size_t kept = 0;
        for (size_t i = 0; i < pack->question_count; i++)
            kept += !pack->questions[i].skipped;
        if (kept == 0)
            break;
        StrBuf yaml = {0};
        if (!pack_emit(pack, &header, &yaml)) {
            strbuf_free(&yaml);
            diag_add(&pack->diags, DIAG_ERROR, "(the converted pack)", 1, 1,
                     "the pack could not be written (out of memory)");
            break;
        }
        DiagList diags = {0};
        Pack *p = pack_load_buffer("(the converted pack)", yaml.data, yaml.len, &diags);
        if (p) {
            pack_free(p);
            diag_clear(&diags);
            out->yaml_len = yaml.len;
            out->yaml = strbuf_take(&yaml);
            ok = out->yaml != NULL;
            break;
        }
        bool placed = skip_rejected(pack, strbuf_text(&yaml), yaml.len, &diags);
        diag_clear(&diags);
        strbuf_free(&yaml);
        if (!placed)
            break;
    }
    strbuf_free(&comment);
    if (!ok)
        return false;
    pack->without_explain = 0;
    for (size_t i = 0; i < pack->question_count; i++) {
        const ImportQuestion *q = &pack->questions[i];
        if (q->skipped)
            continue;
        out->imported++;
        out->per_type[q->type]++;
        pack->without_explain += !q->explain[0];
    }
    return true;
}

void import_result_free(ImportResult *result)
{
    free(result->yaml);
    *result = (ImportResult){0};
}
