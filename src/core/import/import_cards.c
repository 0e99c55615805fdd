/* import_cards.c - flashcard text exports: Quizlet and Anki, and Aiken's
 * one-question-per-block multiple choice.
 *
 * Quizlet ("Export" of a set): term, separator, definition; cards separated
 * by line breaks (or the separators chosen when exporting, given here as
 * --term-sep and --card-sep). Each card becomes a flashcard.
 *
 * Anki ("Notes in Plain Text"): header lines #separator:, #html:, #tags:,
 * #columns:, #notetype column:, #deck column:, #tags column:, #guid
 * column:, then one note per row with quoted fields (which may hold line
 * breaks). A note's first field is the front and its second the back; a
 * first field with {{c1::...}} deletions is a cloze (its second field, Back
 * Extra, the explanation). The deck column gives the topic.
 *
 * Aiken (Moodle): a question line, options "A." or "A)" one per line, and
 * "ANSWER: B". Each becomes a choice.
 *
 * Read import_internal.h first.
 */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

/* ---- Quizlet ------------------------------------------------------------------- */

static size_t find_sep(const char *d, size_t from, size_t to, const char *sep, size_t sep_len)
{
    for (size_t i = from; i + sep_len <= to; i++)
        if (d[i] == sep[0] && memcmp(d + i, sep, sep_len) == 0)
            return i;
    return to;
}

bool import_quizlet(ImportSource *src)
{
    const char *term_sep = src->options->term_separator ? src->options->term_separator : "\t";
    const char *card_sep = src->options->card_separator ? src->options->card_separator : "\n";
    size_t term_len = strlen(term_sep), card_len = strlen(card_sep);
    bool newline_cards = strcmp(card_sep, "\n") == 0;
    const char *d = src->data;
    size_t n = src->size;
    size_t cards = 0;
    for (size_t start = 0; start < n;) {
        size_t end;
        size_t next;
        if (newline_cards) {
            end = start;
            while (end < n && d[end] != '\n' && d[end] != '\r')
                end++;
            next = end;
            if (next < n && d[next] == '\r')
                next++;
            if (next < n && d[next] == '\n')
                next++;
        } else {
            end = find_sep(d, start, n, card_sep, card_len);
            next = end < n ? end + card_len : n;
        }
        const char *card = d + start;
        size_t len = end - start;
        import_trim(&card, &len);
        if (len) {
            size_t card_at = (size_t)(card - d);
            size_t sep = find_sep(d, card_at, card_at + len, term_sep, term_len);
            if (sep == card_at + len) {
                import_error(src, card_at,
                             "Quizlet: no separator between term and definition (%s); choose "
                             "the one used when exporting with --term-sep",
                             strcmp(term_sep, "\t") == 0 ? "a tab" : "the one given");
                import_count_skip(src, "with errors");
            } else {
                ImportQuestion *q = import_add(src, QUESTION_FLASHCARD, card_at);
                if (!q)
                    return false;
                q->front = import_clean(src, card, sep - card_at, IMPORT_TEXT_KEEP_LINES, NULL);
                q->back = import_clean(src, d + sep + term_len, card_at + len - sep - term_len,
                                       IMPORT_TEXT_KEEP_LINES, NULL);
                q->id_seed = q->front;
                cards++;
            }
        }
        start = next;
    }
    if (cards == 0 && src->errors == 0)
        import_error(src, 0, "Quizlet: no cards in the file");
    return cards > 0;
}

/* ---- Anki ------------------------------------------------------------------------ */

typedef struct AnkiNotes {
    ImportSource *src;
    bool html;
    const char *tags[IMPORT_MAX_LIST]; /* from #tags: */
    size_t tag_count;
    int notetype_col, deck_col, tags_col, guid_col; /* 0-based, -1 none */
} AnkiNotes;

static char anki_separator(const char *value, size_t len)
{
    static const struct {
        const char *name;
        char sep;
    } names[] = {{"tab", '\t'},  {"comma", ','}, {"semicolon", ';'},
                 {"space", ' '}, {"pipe", '|'},  {"colon", ':'}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == len && strncmp(value, names[i].name, len) == 0)
            return names[i].sep;
    char lower[16];
    if (len < sizeof lower) {
        for (size_t i = 0; i < len; i++)
            lower[i] = (char)((value[i] >= 'A' && value[i] <= 'Z') ? value[i] + 32 : value[i]);
        lower[len] = '\0';
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(names[i].name, lower) == 0)
                return names[i].sep;
    }
    return len == 1 ? value[0] : 0;
}

/* Anki's {{c1::answer::hint}} as quizdeck's {{answer|hint}}; false when a
 * deletion cannot be one (a '|' or an unclosed {{). */
static bool anki_cloze(ImportSource *src, const char *text, StrBuf *out, size_t *gaps)
{
    *gaps = 0;
    const char *p = text;
    while (*p) {
        const char *open = strstr(p, "{{c");
        if (!open) {
            strbuf_add(out, p);
            break;
        }
        const char *q = open + 3;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q == open + 3 || q[0] != ':' || q[1] != ':') {
            strbuf_add_n(out, p, (size_t)(open - p) + 3);
            p = open + 3;
            continue;
        }
        q += 2;
        const char *close = strstr(q, "}}");
        if (!close)
            return false;
        const char *hint = NULL;
        for (const char *h = q; h + 1 < close; h++)
            if (h[0] == ':' && h[1] == ':') {
                hint = h;
                break;
            }
        size_t answer_len = (size_t)((hint ? hint : close) - q);
        if (memchr(q, '|', (size_t)(close - q)) || answer_len == 0)
            return false;
        strbuf_add_n(out, p, (size_t)(open - p));
        strbuf_add(out, "{{");
        strbuf_add_n(out, q, answer_len);
        if (hint && close > hint + 2) {
            strbuf_add(out, "|");
            strbuf_add_n(out, hint + 2, (size_t)(close - hint - 2));
        }
        strbuf_add(out, "}}");
        (*gaps)++;
        p = close + 2;
    }
    (void)src;
    return true;
}

static bool anki_note(void *ctx, const ImportRow *row)
{
    AnkiNotes *a = ctx;
    ImportSource *src = a->src;
    const ImportCell *fields[IMPORT_MAX_COLUMNS];
    size_t n = 0;
    const char *deck = "";
    const char *row_tags = "";
    for (size_t i = 0; i < row->count; i++) {
        int col = (int)i;
        if (col == a->deck_col)
            deck = row->cells[i].text;
        else if (col == a->tags_col)
            row_tags = row->cells[i].text;
        else if (col != a->notetype_col && col != a->guid_col)
            fields[n++] = &row->cells[i];
    }
    unsigned flags = a->html ? IMPORT_TEXT_HTML : IMPORT_TEXT_KEEP_LINES;
    if (n < 2) {
        import_error(src, row->offset,
                     "Anki: a note needs a front and a back field (check the #separator: "
                     "line); skipped");
        import_count_skip(src, "with errors");
        return true;
    }
    const char *front = import_clean(src, fields[0]->text, fields[0]->len, flags, NULL);
    const char *back = import_clean(src, fields[1]->text, fields[1]->len, flags, NULL);
    ImportQuestion *q;
    if (strstr(front, "{{c")) {
        StrBuf text = {0};
        size_t gaps;
        if (!anki_cloze(src, front, &text, &gaps) || gaps == 0) {
            strbuf_free(&text);
            import_error(src, fields[0]->offset,
                         "Anki: a cloze deletion quizdeck cannot read (an unclosed '{{c1::', "
                         "an empty one, or a '|' inside); skipped");
            import_count_skip(src, "with errors");
            return true;
        }
        q = import_add(src, QUESTION_CLOZE, row->offset);
        if (!q) {
            strbuf_free(&text);
            return false;
        }
        q->text = import_copy(src, strbuf_text(&text), text.len);
        q->explain = back;
        strbuf_free(&text);
    } else {
        q = import_add(src, QUESTION_FLASHCARD, row->offset);
        if (!q)
            return false;
        q->front = front;
        q->back = back;
        q->id_seed = front;
    }
    if (deck[0]) {
        /* "Parent::Child" is Anki's deck path */
        StrBuf title = {0};
        for (const char *p = deck; *p; p++) {
            if (p[0] == ':' && p[1] == ':') {
                strbuf_add(&title, " / ");
                p++;
            } else {
                strbuf_add_n(&title, p, 1);
            }
        }
        q->topic = import_topic(src, import_clean(src, strbuf_text(&title), title.len, 0, NULL));
        strbuf_free(&title);
    }
    const char *tags[IMPORT_MAX_LIST];
    size_t t = 0;
    for (size_t i = 0; i < a->tag_count; i++)
        tags[t++] = a->tags[i];
    for (const char *p = row_tags; *p && t < IMPORT_MAX_LIST;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e > p)
            tags[t++] = import_copy(src, p, (size_t)(e - p));
        p = e;
    }
    q->tags = import_list(src, tags, t);
    return true;
}

static int column_number(const char *value, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len && n < 1000; i++) {
        if (value[i] < '0' || value[i] > '9')
            return -1;
        n = n * 10 + (value[i] - '0');
    }
    return n > 0 ? n - 1 : -1;
}

bool import_anki(ImportSource *src)
{
    AnkiNotes a = {.src = src, .notetype_col = -1, .deck_col = -1, .tags_col = -1, .guid_col = -1};
    char sep = '\t';
    const char *d = src->data;
    size_t body = 0;
    /* header lines: "#key:value" at the top of the file */
    for (size_t l = 0; l < src->line_count; l++) {
        size_t start = src->line_starts[l];
        if (start >= src->size || d[start] != '#')
            break;
        size_t end = start;
        while (end < src->size && d[end] != '\n' && d[end] != '\r')
            end++;
        body = l + 1 < src->line_count ? src->line_starts[l + 1] : src->size;
        const char *colon = memchr(d + start, ':', end - start);
        if (!colon)
            continue;
        const char *key = d + start + 1;
        size_t key_len = (size_t)(colon - key);
        const char *value = colon + 1;
        size_t value_len = (size_t)(d + end - value);
        import_trim(&value, &value_len);
#define KEY_IS(k) (key_len == strlen(k) && strncmp(key, k, key_len) == 0)
        if (KEY_IS("separator")) {
            sep = anki_separator(value, value_len);
            if (!sep || sep == '"' || sep == '\n') {
                import_error(src, (size_t)(value - d),
                             "Anki: unknown #separator: (Tab, Comma, Semicolon, Space, Pipe, "
                             "Colon or one character)");
                return false;
            }
        } else if (KEY_IS("html")) {
            a.html = value_len == 4 && strncmp(value, "true", 4) == 0;
        } else if (KEY_IS("tags")) {
            for (size_t i = 0; i < value_len && a.tag_count < IMPORT_MAX_LIST;) {
                while (i < value_len && value[i] == ' ')
                    i++;
                size_t e = i;
                while (e < value_len && value[e] != ' ')
                    e++;
                if (e > i)
                    a.tags[a.tag_count++] = import_copy(src, value + i, e - i);
                i = e;
            }
        } else if (KEY_IS("notetype column")) {
            a.notetype_col = column_number(value, value_len);
        } else if (KEY_IS("deck column")) {
            a.deck_col = column_number(value, value_len);
        } else if (KEY_IS("tags column")) {
            a.tags_col = column_number(value, value_len);
        } else if (KEY_IS("guid column")) {
            a.guid_col = column_number(value, value_len);
        }
#undef KEY_IS
    }
    size_t before = src->pack->question_count;
    bool ok = import_read_rows(src, body, sep, anki_note, &a);
    if (ok && src->pack->question_count == before && src->errors == 0)
        import_error(src, body, "Anki: no notes in the file");
    return ok;
}

/* ---- Aiken ------------------------------------------------------------------------ */

typedef struct AikenQuestion {
    size_t at;                 /* where its text starts; SIZE_MAX when none yet */
    size_t text_from, text_to; /* the question line(s) */
    const char *options[IMPORT_MAX_LIST];
    char letters[IMPORT_MAX_LIST];
    size_t option_count;
    bool too_many;
} AikenQuestion;

static void aiken_reset(AikenQuestion *a)
{
    a->at = SIZE_MAX;
    a->option_count = 0;
    a->too_many = false;
}

static void aiken_unfinished(ImportSource *src, AikenQuestion *a)
{
    if (a->at == SIZE_MAX)
        return;
    import_error(src, a->at,
                 a->option_count ? "Aiken: this question has no 'ANSWER:' line after its options"
                                 : "Aiken: this question has no options (lines 'A. ...') and "
                                   "no 'ANSWER:' line");
    import_count_skip(src, "with errors");
    aiken_reset(a);
}

bool import_aiken(ImportSource *src)
{
    const char *d = src->data;
    AikenQuestion a;
    aiken_reset(&a);
    for (size_t l = 0; l < src->line_count; l++) {
        size_t start = src->line_starts[l];
        size_t end = start;
        while (end < src->size && d[end] != '\n' && d[end] != '\r')
            end++;
        const char *line = d + start;
        size_t len = end - start;
        import_trim(&line, &len);
        size_t at = (size_t)(line - d);
        if (len == 0)
            continue;
        bool option = len >= 2 && line[0] >= 'A' && line[0] <= 'Z' &&
                      (line[1] == '.' || line[1] == ')') &&
                      (len == 2 || line[2] == ' ' || line[2] == '\t');
        bool answer = len >= 7 && import_iprefix(line, "ANSWER:");
        if (answer) {
            if (a.at == SIZE_MAX || a.option_count == 0) {
                import_error(src, at, "Aiken: 'ANSWER:' with no question and options before it");
                import_count_skip(src, "with errors");
                aiken_reset(&a);
                continue;
            }
            const char *v = line + 7;
            size_t vl = len - 7;
            import_trim(&v, &vl);
            size_t k = a.option_count;
            if (vl == 1)
                for (k = 0; k < a.option_count && a.letters[k] != (char)(v[0] & ~0x20); k++)
                    ;
            if (k == a.option_count) {
                import_error(
                    src, at, "Aiken: 'ANSWER: %.*s' names no option (the options are %c to %c)",
                    (int)(vl > 20 ? 20 : vl), v, a.letters[0], a.letters[a.option_count - 1]);
                import_count_skip(src, "with errors");
                aiken_reset(&a);
                continue;
            }
            if (a.too_many)
                import_warning(src, a.at, "Aiken: more than %d options; the rest are dropped",
                               IMPORT_MAX_LIST);
            ImportQuestion *q = import_add(src, QUESTION_CHOICE, a.at);
            if (!q)
                return false;
            q->prompt = import_clean(src, d + a.text_from, a.text_to - a.text_from, 0, NULL);
            q->choices = import_list(src, a.options, a.option_count);
            q->answer_index = k;
            aiken_reset(&a);
            continue;
        }
        if (option) {
            if (a.at == SIZE_MAX) {
                import_error(src, at, "Aiken: option '%c%c' comes before any question text",
                             line[0], line[1]);
                import_count_skip(src, "with errors");
                /* skip the rest of this question's lines */
                while (l + 1 < src->line_count) {
                    size_t s2 = src->line_starts[l + 1];
                    size_t e2 = s2;
                    while (e2 < src->size && d[e2] != '\n' && d[e2] != '\r')
                        e2++;
                    const char *t2 = d + s2;
                    size_t n2 = e2 - s2;
                    import_trim(&t2, &n2);
                    l++;
                    if (n2 >= 7 && import_iprefix(t2, "ANSWER:"))
                        break;
                }
                continue;
            }
            if (a.option_count == IMPORT_MAX_LIST) {
                a.too_many = true;
                continue;
            }
            const char *t = line + 2;
            size_t tl = len - 2;
            import_trim(&t, &tl);
            a.letters[a.option_count] = line[0];
            a.options[a.option_count++] = import_clean(src, t, tl, 0, NULL);
            continue;
        }
        /* question text: a new question, or the next line of this one */
        if (a.at != SIZE_MAX && a.option_count) {
            aiken_unfinished(src, &a);
        }
        if (a.at == SIZE_MAX) {
            a.at = at;
            a.text_from = at;
        }
        a.text_to = at + len;
    }
    aiken_unfinished(src, &a);
    return true;
}
