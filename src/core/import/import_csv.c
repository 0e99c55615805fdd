/* import_csv.c - spreadsheets saved as CSV or TSV: quizdeck's own columns,
 * Kahoot's quiz template and Blooket's import template; and the row reader
 * (libcsv) that Anki's text import shares.
 *
 * Which layout a sheet uses is read from its header row, found among the
 * first rows (Kahoot's template has instructions above it); the separator
 * is whichever of , ; and tab makes a header (Excel writes ; where the
 * decimal comma is usual). Header cells are compared without case, and
 * without what follows a '(' or " - " ("Answer 3 (Optional)",
 * "Time limit (sec) - 5, 10, 20...").
 *
 * quizdeck's columns (the guide, "Spreadsheets", has the full table):
 *   id, type, topic, prompt, answer, option 1 .. option 8, text, explain,
 *   time_limit, points, tags
 * Only `type` is required. Per type: choice and multi list the options and
 * name the right ones in `answer` (their text, number or letter; several
 * separated by " | "); truefalse has true or false; typed has the answer
 * and other spellings as options; order has its items as options, in
 * order; match has "left = right" options; cloze has `text` with {{gaps}}
 * and options "N = spelling" for other answers of gap N; flashcard has the
 * front in `text` (or `prompt`) and the back in `answer`.
 *
 * Kahoot: Question, Answer 1..4, Time limit, Correct answer(s) (numbers).
 * Blooket: Question #, Question Text, Answer 1..4, Time Limit, Correct
 * Answer(s). Several correct answers make a multi (a warning: Kahoot and
 * Blooket take any one of them); two answers True and False a truefalse.
 *
 * Read import_internal.h first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "import_internal.h"

/* ---- the row reader ---------------------------------------------------------- */

#define NO_OFFSET SIZE_MAX

typedef struct RowReader {
    ImportSource *src;
    ImportRowFn fn;
    void *ctx;
    char *buf; /* the row's cell texts, each NUL-terminated */
    size_t len, cap;
    size_t cell_start[IMPORT_MAX_COLUMNS];
    size_t cell_len[IMPORT_MAX_COLUMNS];
    size_t cell_offset[IMPORT_MAX_COLUMNS];
    size_t count;
    size_t pending; /* where the cell being read started, or NO_OFFSET */
    size_t cursor;  /* the byte being fed */
    bool stop, failed;
} RowReader;

static void row_cell(void *text, size_t len, void *data)
{
    RowReader *r = data;
    size_t start = r->pending != NO_OFFSET ? r->pending : r->cursor;
    r->pending = NO_OFFSET;
    if (r->stop || r->count >= IMPORT_MAX_COLUMNS)
        return;
    if (len > IMPORT_MAX_FIELD)
        len = IMPORT_MAX_FIELD; /* import_clean caps at a character boundary */
    if (r->len + len + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 1024;
        while (cap < r->len + len + 1)
            cap *= 2;
        char *grown = realloc(r->buf, cap);
        if (!grown) {
            r->failed = r->stop = true;
            return;
        }
        r->buf = grown;
        r->cap = cap;
    }
    if (len)
        memcpy(r->buf + r->len, text, len);
    r->buf[r->len + len] = '\0';
    r->cell_start[r->count] = r->len;
    r->cell_len[r->count] = len;
    r->cell_offset[r->count] = start;
    r->count++;
    r->len += len + 1;
}

static void row_end(int c, void *data)
{
    (void)c;
    RowReader *r = data;
    if (!r->stop && r->count) {
        ImportCell cells[IMPORT_MAX_COLUMNS];
        bool any = false;
        for (size_t i = 0; i < r->count; i++) {
            cells[i] = (ImportCell){r->buf + r->cell_start[i], r->cell_len[i], r->cell_offset[i]};
            const char *t = cells[i].text;
            size_t n = cells[i].len;
            import_trim(&t, &n);
            any = any || n > 0;
        }
        if (any) {
            ImportRow row = {cells, r->count, cells[0].offset};
            if (!r->fn(r->ctx, &row))
                r->stop = true;
        }
    }
    r->count = 0;
    r->len = 0;
}

static int only_space(unsigned char c)
{
    return c == ' ';
}

bool import_read_rows(ImportSource *src, size_t from, char delimiter, ImportRowFn fn, void *ctx)
{
    struct csv_parser parser;
    if (csv_init(&parser, 0) != 0) {
        import_error(src, from, "out of memory");
        return false;
    }
    csv_set_delim(&parser, (unsigned char)delimiter);
    csv_set_space_func(&parser, only_space); /* a tab may be the delimiter */
    RowReader r = {.src = src, .fn = fn, .ctx = ctx, .pending = NO_OFFSET};
    const char *d = src->data;
    size_t n = src->size;
    size_t quote_at = NO_OFFSET;
    bool in_quotes = false;
    size_t i = from;
    while (i < n && !r.stop) {
        size_t j = i;
        while (j < n && d[j] != delimiter && d[j] != '"' && d[j] != '\r' && d[j] != '\n')
            j++;
        if (j > i) {
            if (r.pending == NO_OFFSET)
                r.pending = i;
            r.cursor = i;
            csv_parse(&parser, d + i, j - i, row_cell, row_end, &r);
        }
        if (j < n && !r.stop) {
            char c = d[j];
            bool starts_cell = r.pending == NO_OFFSET;
            if (starts_cell && c != '\r' && c != '\n')
                r.pending = j;
            size_t feed = 1;
            if (c == '"') {
                if (!in_quotes && starts_cell) {
                    in_quotes = true; /* a quoted cell begins */
                    quote_at = j;
                } else if (in_quotes && j + 1 < n && d[j + 1] == '"') {
                    feed = 2; /* "" inside quotes is one quote */
                } else if (in_quotes) {
                    in_quotes = false;
                }
            }
            r.cursor = j;
            csv_parse(&parser, d + j, feed, row_cell, row_end, &r);
            j += feed - 1;
        }
        i = j + 1;
    }
    bool ok = true;
    if (!r.stop && in_quotes) {
        import_error(src, quote_at,
                     "CSV: this quoted cell is never closed (a '\"' is missing), so the rest of "
                     "the file was read as one cell");
        ok = false;
    } else if (!r.stop && csv_fini(&parser, row_cell, row_end, &r) != 0) {
        import_error(src, quote_at != NO_OFFSET ? quote_at : from,
                     "CSV: this quoted cell is never closed (a '\"' is missing), so the rest of "
                     "the file was read as one cell");
        ok = false;
    }
    if (r.failed) {
        import_error(src, from, "out of memory");
        ok = false;
    }
    csv_free(&parser);
    free(r.buf);
    return ok;
}

/* ---- layouts ------------------------------------------------------------------- */

typedef enum CsvLayout { LAYOUT_NONE, LAYOUT_QUIZDECK, LAYOUT_KAHOOT, LAYOUT_BLOOKET } CsvLayout;

enum { CSV_OPTIONS = PACK_MAX_OPTIONS, CSV_HEADER_ROWS = 30 };

typedef struct CsvColumns {
    int id, type, topic, prompt, answer, text, explain, time_limit, points, tags, correct;
    int option[CSV_OPTIONS];
} CsvColumns;

/* "Time limit (sec) - 5, 10" -> "time limit". */
static void header_key(const char *cell, size_t len, char *out, size_t size)
{
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len && o + 1 < size; i++) {
        char c = cell[i];
        if (c == '(' || c == ':')
            break;
        if ((c == '-' || (unsigned char)c == 0xE2) && o > 0 && space)
            break; /* " - " or " – " (an en dash starts with 0xE2) */
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '_') {
            space = o > 0;
            continue;
        }
        if (space) {
            out[o++] = ' ';
            space = false;
            if (o + 1 >= size)
                break;
        }
        out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[o] = '\0';
}

static void columns_init(CsvColumns *c)
{
    c->id = c->type = c->topic = c->prompt = c->answer = c->text = c->explain = -1;
    c->time_limit = c->points = c->tags = c->correct = -1;
    for (int i = 0; i < CSV_OPTIONS; i++)
        c->option[i] = -1;
}

/* "option 3", "choice 3", "answer 3" -> 3 (1-based); 0 when not one of
 * the sheet's option columns (1 to 8). */
static int numbered(const char *key, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(key, word, n) != 0 || key[n] != ' ')
        return 0;
    const char *d = key + n + 1;
    if (d[0] >= '1' && d[0] <= '0' + CSV_OPTIONS && d[1] == '\0')
        return d[0] - '0';
    return 0;
}

static CsvLayout detect_layout(const ImportRow *row, CsvColumns *c)
{
    columns_init(c);
    bool question = false, question_text = false;
    int answers_numbered = 0;
    for (size_t i = 0; i < row->count && i < INT32_MAX; i++) {
        char key[64];
        header_key(row->cells[i].text, row->cells[i].len, key, sizeof key);
        int col = (int)i;
        int k;
        if (strcmp(key, "id") == 0)
            c->id = col;
        else if (strcmp(key, "type") == 0)
            c->type = col;
        else if (strcmp(key, "topic") == 0 || strcmp(key, "category") == 0)
            c->topic = col;
        else if (strcmp(key, "prompt") == 0)
            c->prompt = col;
        else if (strcmp(key, "question") == 0)
            question = true, c->prompt = c->prompt < 0 ? col : c->prompt;
        else if (strcmp(key, "question text") == 0)
            question_text = true, c->prompt = col;
        else if (strcmp(key, "answer") == 0 || strcmp(key, "back") == 0)
            c->answer = col;
        else if (strcmp(key, "text") == 0 || strcmp(key, "front") == 0)
            c->text = col;
        else if (strcmp(key, "explain") == 0 || strcmp(key, "explanation") == 0 ||
                 strcmp(key, "feedback") == 0)
            c->explain = col;
        else if (strcmp(key, "time limit") == 0)
            c->time_limit = col;
        else if (strcmp(key, "points") == 0)
            c->points = col;
        else if (strcmp(key, "tags") == 0)
            c->tags = col;
        else if (strcmp(key, "correct answer") == 0 || strcmp(key, "correct answers") == 0)
            c->correct = col;
        else if ((k = numbered(key, "option")) || (k = numbered(key, "choice")))
            c->option[k - 1] = col;
        else if ((k = numbered(key, "answer"))) {
            c->option[k - 1] = col;
            answers_numbered++;
        }
    }
    if (c->type >= 0 && (c->prompt >= 0 || c->text >= 0))
        return LAYOUT_QUIZDECK;
    if (c->correct >= 0 && answers_numbered >= 2 && c->prompt >= 0)
        return question_text ? LAYOUT_BLOOKET : question ? LAYOUT_KAHOOT : LAYOUT_NONE;
    return LAYOUT_NONE;
}

/* ---- reading a sheet ---------------------------------------------------------- */

typedef struct CsvSheet {
    ImportSource *src;
    CsvLayout layout;
    CsvColumns cols;
    size_t header_offset; /* rows up to it are the header and what is above */
    size_t rows_seen;
    bool header_done;
} CsvSheet;

static bool probe_row(void *ctx, const ImportRow *row)
{
    CsvSheet *s = ctx;
    s->layout = detect_layout(row, &s->cols);
    if (s->layout != LAYOUT_NONE) {
        s->header_offset = row->offset;
        return false;
    }
    return ++s->rows_seen < CSV_HEADER_ROWS;
}

/* A cell's text, trimmed ("" when the column is absent or the row short). */
static void cell(const ImportRow *row, int col, const char **text, size_t *len, size_t *offset)
{
    if (col < 0 || (size_t)col >= row->count) {
        *text = "";
        *len = 0;
        *offset = row->offset;
        return;
    }
    *text = row->cells[col].text;
    *len = row->cells[col].len;
    *offset = row->cells[col].offset;
    import_trim(text, len);
}

static const char *cell_text(CsvSheet *s, const ImportRow *row, int col)
{
    const char *t;
    size_t n, off;
    cell(row, col, &t, &n, &off);
    return import_clean(s->src, t, n, IMPORT_TEXT_KEEP_LINES, NULL);
}

static size_t cell_offset(const ImportRow *row, int col)
{
    const char *t;
    size_t n, off;
    cell(row, col, &t, &n, &off);
    return off;
}

/* A whole number of at most 7 digits; -1 when blank; -2 when not a number. */
static long cell_number(const ImportRow *row, int col)
{
    const char *t;
    size_t n, off;
    cell(row, col, &t, &n, &off);
    if (n == 0)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] < '0' || t[i] > '9' || i >= 7) {
            /* "20.0" as spreadsheets like to save a number */
            if (t[i] == '.' && i > 0) {
                bool zeros = true;
                for (size_t k = i + 1; k < n; k++)
                    zeros = zeros && t[k] == '0';
                if (zeros)
                    return v;
            }
            return -2;
        }
        v = v * 10 + (t[i] - '0');
    }
    return v;
}

/* The non-empty " | "-separated pieces of text, copied into the arena. */
static size_t split_bar(CsvSheet *s, const char *text, const char **out, size_t max)
{
    ImportSpan spans[IMPORT_MAX_LIST];
    bool more;
    size_t count =
        import_split_bar(text, spans, max < IMPORT_MAX_LIST ? max : IMPORT_MAX_LIST, &more);
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (spans[i].len)
            out[n++] = import_copy(s->src, spans[i].text, spans[i].len);
    return n;
}

/* Which option `want` names: its text (exactly, else without case), its
 * number (1 = first) or letter (A = first). SIZE_MAX when none. */
static size_t option_named(const char *want, const char *const *options, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(options[i], want) == 0)
            return i;
    for (size_t i = 0; i < count; i++)
        if (import_ieq(options[i], want))
            return i;
    size_t len = strlen(want);
    if (len == 1 && want[0] >= '1' && want[0] <= '8' && (size_t)(want[0] - '0') <= count)
        return (size_t)(want[0] - '1');
    char up = (char)(want[0] & ~0x20);
    if (len == 1 && up >= 'A' && up <= 'H' && (size_t)(up - 'A') < count)
        return (size_t)(up - 'A');
    return SIZE_MAX;
}

static bool parse_truth(const char *t, bool *out)
{
    static const char *const yes[] = {"true", "t", "yes", "y", "1", "vrai", "wahr"};
    static const char *const no[] = {"false", "f", "no", "n", "0", "faux", "falsch"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (import_ieq(t, yes[i]))
            return *out = true, true;
        if (import_ieq(t, no[i]))
            return *out = false, true;
    }
    return false;
}

static void row_common(CsvSheet *s, const ImportRow *row, ImportQuestion *q)
{
    const char *id = cell_text(s, row, s->cols.id);
    q->id = id;
    q->topic = import_topic(s->src, cell_text(s, row, s->cols.topic));
    q->explain = cell_text(s, row, s->cols.explain);
    long t = cell_number(row, s->cols.time_limit);
    if (t == -2)
        import_error(s->src, cell_offset(row, s->cols.time_limit),
                     "CSV: the time limit is not a whole number of seconds; the pack's default "
                     "is used");
    else
        q->time_limit = (int)t;
    long p = cell_number(row, s->cols.points);
    if (p == -2)
        import_error(s->src, cell_offset(row, s->cols.points),
                     "CSV: the points are not a whole number; the pack's default is used");
    else
        q->points = (int)p;
    const char *tags = cell_text(s, row, s->cols.tags);
    if (tags[0]) {
        const char *list[IMPORT_MAX_LIST];
        size_t n = split_bar(s, tags, list, IMPORT_MAX_LIST);
        if (n == 1 && strchr(list[0], ',')) {
            /* "a, b" is a list too */
            n = 0;
            for (const char *p2 = tags; *p2 && n < IMPORT_MAX_LIST;) {
                const char *comma = strchr(p2, ',');
                size_t len = comma ? (size_t)(comma - p2) : strlen(p2);
                const char *t2 = p2;
                import_trim(&t2, &len);
                if (len)
                    list[n++] = import_copy(s->src, t2, len);
                p2 = comma ? comma + 1 : p2 + strlen(p2);
            }
        }
        q->tags = import_list(s->src, list, n);
    }
}

static void csv_fail(CsvSheet *s, size_t offset, const char *message, const char *detail)
{
    import_error(s->src, offset, "CSV: %s%s; row skipped", message, detail);
    import_count_skip(s->src, "with errors");
}

/* ---- quizdeck's own columns: one row per type reads its cells ---------------- */

/* What a type's row reads besides its question: the non-empty option
 * cells, the answer cell and where it is. */
typedef struct CsvCells {
    const ImportRow *row;
    const char *options[CSV_OPTIONS];
    size_t n;
    const char *answer;
    size_t answer_at;
} CsvCells;

/* A row that cannot be a question: skipped, after saying why. */
static bool csv_refuse(CsvSheet *s, ImportQuestion *q, size_t offset, const char *message,
                       const char *detail)
{
    q->skipped = true;
    csv_fail(s, offset, message, detail);
    return false;
}

static bool csv_read_choice(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    q->choices = import_list(s->src, c->options, c->n);
    size_t k = option_named(c->answer, c->options, c->n);
    if (k == SIZE_MAX)
        return csv_refuse(s, q, c->answer_at, "the answer is not one of the options: ", c->answer);
    q->answer_index = k;
    return true;
}

static bool csv_read_multi(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    q->choices = import_list(s->src, c->options, c->n);
    const char *names[IMPORT_MAX_LIST];
    size_t m = split_bar(s, c->answer, names, IMPORT_MAX_LIST);
    for (size_t i = 0; i < m; i++) {
        size_t k = option_named(names[i], c->options, c->n);
        if (k == SIZE_MAX)
            return csv_refuse(s, q, c->answer_at,
                              "an answer is not one of the options: ", names[i]);
        q->answer_mask |= 1u << k;
    }
    return true;
}

static bool csv_read_truefalse(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    if (!parse_truth(c->answer, &q->truth))
        return csv_refuse(s, q, c->answer_at,
                          "a true/false answer must be true or false, not: ", c->answer);
    return true;
}

static bool csv_read_typed(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    q->answer = c->answer;
    q->accept = import_list(s->src, c->options, c->n);
    return true;
}

static bool csv_read_order(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    q->items = import_list(s->src, c->options, c->n);
    return true;
}

static bool csv_read_match(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    const char *lefts[CSV_OPTIONS], *rights[CSV_OPTIONS];
    for (size_t i = 0; i < c->n; i++) {
        const char *option = c->options[i];
        const char *eq = strstr(option, " = ");
        size_t skip = 3;
        if (!eq)
            eq = strchr(option, '='), skip = 1;
        if (!eq)
            return csv_refuse(s, q, c->row->offset,
                              "a match option must be 'left = right', not: ", option);
        lefts[i] = import_clean(s->src, option, (size_t)(eq - option), 0, NULL);
        rights[i] = import_clean(s->src, eq + skip, strlen(eq + skip), 0, NULL);
    }
    q->lefts = import_list(s->src, lefts, c->n);
    q->rights = import_list(s->src, rights, c->n);
    return true;
}

static bool csv_read_cloze(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    q->text = cell_text(s, c->row, s->cols.text);
    if (!q->text[0] && strstr(q->prompt, "{{")) { /* the text in the prompt column */
        q->text = q->prompt;
        q->prompt = "";
    }
    size_t gaps = 0;
    for (const char *p = q->text; (p = strstr(p, "{{")) != NULL; p += 2)
        gaps++;
    if (gaps > 64)
        gaps = 64;
    if (!c->n || !gaps)
        return true;
    ImportList *lists = arena_alloc_array(&s->src->pack->arena, gaps, sizeof *lists);
    const char *per[CSV_OPTIONS];
    for (size_t g = 0; lists && g < gaps; g++) {
        size_t m = 0;
        for (size_t i = 0; i < c->n; i++) {
            char *end;
            unsigned long num = strtoul(c->options[i], &end, 10);
            while (*end == ' ')
                end++;
            if (num == g + 1 && *end == '=')
                per[m++] = import_clean(s->src, end + 1, strlen(end + 1), 0, NULL);
        }
        lists[g] = import_list(s->src, per, m);
    }
    q->gap_accept = lists;
    q->gap_count = lists ? gaps : 0;
    return true;
}

static bool csv_read_flashcard(CsvSheet *s, const CsvCells *c, ImportQuestion *q)
{
    q->front = cell_text(s, c->row, s->cols.text);
    if (!q->front[0]) {
        q->front = q->prompt;
        q->prompt = "";
    }
    q->back = c->answer;
    return true;
}

/* Fills the type's fields of q from the cells; false (q skipped, the
 * reason reported) when they do not make a question of the type. The
 * mirror of export.c's csv_writers. */
static bool (*const csv_readers[])(CsvSheet *s, const CsvCells *c, ImportQuestion *q) = {
    [QUESTION_CHOICE] = csv_read_choice,       [QUESTION_MULTI] = csv_read_multi,
    [QUESTION_TRUEFALSE] = csv_read_truefalse, [QUESTION_TYPED] = csv_read_typed,
    [QUESTION_ORDER] = csv_read_order,         [QUESTION_MATCH] = csv_read_match,
    [QUESTION_CLOZE] = csv_read_cloze,         [QUESTION_FLASHCARD] = csv_read_flashcard,
};
_Static_assert(sizeof csv_readers / sizeof csv_readers[0] == QUESTION_TYPE_COUNT,
               "every question type has its row in csv_readers");

/* quizdeck's own columns: see the header. */
static void quizdeck_row(CsvSheet *s, const ImportRow *row)
{
    const char *type_name = cell_text(s, row, s->cols.type);
    QuestionType type;
    char lower[32];
    size_t tl = strlen(type_name);
    for (size_t i = 0; i <= tl && i < sizeof lower; i++)
        lower[i] =
            (char)((type_name[i] >= 'A' && type_name[i] <= 'Z') ? type_name[i] + 32 : type_name[i]);
    lower[sizeof lower - 1] = '\0';
    if (!type_name[0] || !question_type_parse(lower, &type)) {
        csv_fail(s, cell_offset(row, s->cols.type),
                 type_name[0] ? "unknown type (choice, multi, truefalse, typed, order, match, "
                                "cloze or flashcard): "
                              : "no type (choice, multi, truefalse, typed, order, match, cloze "
                                "or flashcard)",
                 type_name);
        return;
    }
    CsvCells c = {.row = row};
    for (int k = 0; k < CSV_OPTIONS; k++) {
        const char *o = cell_text(s, row, s->cols.option[k]);
        if (o[0])
            c.options[c.n++] = o;
    }
    c.answer = cell_text(s, row, s->cols.answer);
    c.answer_at = cell_offset(row, s->cols.answer);
    ImportQuestion *q = import_add(s->src, type, row->offset);
    if (!q)
        return;
    row_common(s, row, q);
    q->prompt = cell_text(s, row, s->cols.prompt);
    csv_readers[type](s, &c, q);
}

/* Kahoot's and Blooket's templates: a question, up to four answers, the
 * right one(s) by number. */
static void template_row(CsvSheet *s, const ImportRow *row)
{
    const char *name = s->layout == LAYOUT_KAHOOT ? "Kahoot" : "Blooket";
    const char *prompt = cell_text(s, row, s->cols.prompt);
    if (!prompt[0]) {
        import_error(s->src, row->offset, "%s: a row with answers but no question; skipped", name);
        import_count_skip(s->src, "with errors");
        return;
    }
    const char *answers[CSV_OPTIONS];
    int answer_column[CSV_OPTIONS]; /* which "Answer N" each kept answer is */
    size_t n = 0;
    for (int k = 0; k < CSV_OPTIONS; k++) {
        const char *a = cell_text(s, row, s->cols.option[k]);
        if (a[0]) {
            answers[n] = a;
            answer_column[n] = k + 1;
            n++;
        }
    }
    const char *correct = cell_text(s, row, s->cols.correct);
    size_t correct_at = cell_offset(row, s->cols.correct);
    uint32_t mask = 0;
    size_t right = 0, first = 0;
    for (const char *p = correct; *p;) {
        if (*p < '0' || *p > '9') {
            if (*p != ',' && *p != ' ' && *p != ';' && *p != '&' && *p != '/') {
                import_error(s->src, correct_at,
                             "%s: the correct answer(s) must be answer numbers such as 1 or "
                             "1,3, not '%s'; skipped",
                             name, correct);
                import_count_skip(s->src, "with errors");
                return;
            }
            p++;
            continue;
        }
        int num = 0;
        while (*p >= '0' && *p <= '9' && num < 1000)
            num = num * 10 + (*p++ - '0');
        size_t k = 0;
        while (k < n && answer_column[k] != num)
            k++;
        if (k == n) {
            import_error(s->src, correct_at,
                         "%s: correct answer %d names an empty or missing answer column; skipped",
                         name, num);
            import_count_skip(s->src, "with errors");
            return;
        }
        if (!(mask & (1u << k)) && right++ == 0)
            first = k;
        mask |= 1u << k;
    }
    if (!right) {
        import_error(s->src, correct_at, "%s: no correct answer given; skipped", name);
        import_count_skip(s->src, "no right answer");
        return;
    }
    bool tf = n == 2 && right == 1 &&
              ((import_ieq(answers[0], "true") && import_ieq(answers[1], "false")) ||
               (import_ieq(answers[0], "false") && import_ieq(answers[1], "true")));
    QuestionType type = tf ? QUESTION_TRUEFALSE : right > 1 ? QUESTION_MULTI : QUESTION_CHOICE;
    ImportQuestion *q = import_add(s->src, type, row->offset);
    if (!q)
        return;
    q->prompt = prompt;
    long t = cell_number(row, s->cols.time_limit);
    if (t >= 0)
        q->time_limit = (int)t;
    if (tf) {
        q->truth = import_ieq(answers[first], "true");
        return;
    }
    q->choices = import_list(s->src, answers, n);
    q->answer_index = first;
    q->answer_mask = mask;
    q->no_shuffle = false;
    if (right > 1)
        import_warning(s->src, correct_at,
                       "%s: several correct answers; %s counts any one of them as right, "
                       "quizdeck asks for all of them (a multi question)",
                       name, name);
}

static bool sheet_row(void *ctx, const ImportRow *row)
{
    CsvSheet *s = ctx;
    if (!s->header_done) {
        if (row->offset >= s->header_offset)
            s->header_done = true; /* this is the header row itself */
        return true;
    }
    if (s->layout == LAYOUT_QUIZDECK)
        quizdeck_row(s, row);
    else
        template_row(s, row);
    return true;
}

static const char *extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : "";
}

bool import_csv(ImportSource *src)
{
    CsvSheet sheet = {.src = src};
    static const char candidates[] = {',', ';', '\t'};
    const char *ext = extension(src->name);
    char delimiter = 0;
    for (size_t i = 0; i < sizeof candidates && !delimiter; i++) {
        if (import_ieq(ext, "tsv") && candidates[i] != '\t')
            continue;
        /* Probe quietly: only the real read reports problems. */
        ImportPack scratch = {0};
        ImportSource probe = *src;
        probe.pack = &scratch;
        CsvSheet s = {.src = &probe};
        import_read_rows(&probe, 0, candidates[i], probe_row, &s);
        diag_clear(&scratch.diags);
        arena_free(&scratch.arena);
        free(scratch.questions);
        free(scratch.topics);
        if (s.layout != LAYOUT_NONE) {
            delimiter = candidates[i];
            sheet.layout = s.layout;
            sheet.cols = s.cols;
            sheet.header_offset = s.header_offset;
        }
    }
    if (!delimiter) {
        import_error(src, 0,
                     "CSV: no header row found in the first %d rows: quizdeck's columns need "
                     "'type' and 'prompt' (see questions/README.md), Kahoot's template "
                     "'Question', 'Answer 1'.. and 'Correct answer(s)', Blooket's 'Question "
                     "Text', 'Answer 1'.. and 'Correct Answer(s)' (for term/definition lists use "
                     "--from quizlet)",
                     CSV_HEADER_ROWS);
        return false;
    }
    return import_read_rows(src, 0, delimiter, sheet_row, &sheet);
}
