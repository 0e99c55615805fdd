/* import_gift.c - Moodle's GIFT text format to quizdeck questions.
 *
 * GIFT, as Moodle reads it (and as its own exports are written):
 *   // comment lines          $CATEGORY: path/of/category
 *   ::Title:: [html]Question text {answers ####general feedback}
 * A question is a block of lines; blank lines separate questions. In the
 * answer block: '=' right, '~' wrong, '~%50%' a weighted answer, '#'
 * feedback, '->' a matching pair, T/TRUE/F/FALSE, '#...' numerical, and
 * nothing at all an essay. \: \# \= \{ \} \~ \\ are the escapes and \n a
 * line break. Text after the answer block makes it a missing word.
 *
 * How it works: each block is copied into a work buffer with its escapes
 * replaced by placeholder bytes (which import_source_open guarantees never
 * occur in the input) and each byte's source offset kept beside it, so the
 * structure is found with plain searches and every message points at the
 * exact LINE:COLUMN in the teacher's file. The pieces are then handed to
 * Moodle's question model (import_moodle.c), which the XML reader shares.
 *
 * Read import_internal.h first.
 */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

enum {
    P_COLON = 0x01,
    P_HASH = 0x02,
    P_EQUALS = 0x03,
    P_LBRACE = 0x04,
    P_RBRACE = 0x05,
    P_TILDE = 0x06,
    P_BACKSLASH = 0x08,
};

typedef enum GiftFormat { GIFT_MOODLE, GIFT_HTML, GIFT_PLAIN, GIFT_MARKDOWN } GiftFormat;

typedef struct GiftBlock {
    ImportSource *src;
    char *w;     /* the block, escapes as placeholders, line ends as \n */
    size_t *pos; /* source offset of each byte of w */
    size_t len;
    GiftFormat format; /* of the question text, the default for its parts */
} GiftBlock;

typedef struct GiftState {
    const char *topic;
} GiftState;

static bool is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Offset in the source of w[i] (the end of the block for i == len). */
static size_t gift_offset(const GiftBlock *b, size_t i)
{
    if (i < b->len)
        return b->pos[i];
    return b->len ? b->pos[b->len - 1] + 1 : 0;
}

static size_t find_char(const GiftBlock *b, size_t from, size_t to, char c)
{
    for (size_t i = from; i < to; i++)
        if (b->w[i] == c)
            return i;
    return to;
}

static size_t find_str(const GiftBlock *b, size_t from, size_t to, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = from; i + n <= to; i++)
        if (memcmp(b->w + i, s, n) == 0)
            return i;
    return to;
}

static void trim_range(const GiftBlock *b, size_t *from, size_t *to)
{
    while (*from < *to && is_blank_char(b->w[*from]))
        (*from)++;
    while (*to > *from && is_blank_char(b->w[*to - 1]))
        (*to)--;
}

/* A leading [html], [moodle], [plain] or [markdown]; moves *from past it. */
static bool take_format(const GiftBlock *b, size_t *from, size_t to, GiftFormat *out)
{
    static const struct {
        const char *tag;
        GiftFormat format;
    } tags[] = {{"[html]", GIFT_HTML},
                {"[moodle]", GIFT_MOODLE},
                {"[plain]", GIFT_PLAIN},
                {"[markdown]", GIFT_MARKDOWN}};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t n = strlen(tags[i].tag);
        if (to - *from >= n && memcmp(b->w + *from, tags[i].tag, n) == 0) {
            *from += n;
            *out = tags[i].format;
            return true;
        }
    }
    return false;
}

/* The text of w[from, to): escapes put back, its format applied, tidied. */
static const char *gift_text(const GiftBlock *b, size_t from, size_t to)
{
    trim_range(b, &from, &to);
    GiftFormat format = b->format;
    take_format(b, &from, to, &format);
    size_t n = to - from;
    char *tmp = malloc(n + 1);
    if (!tmp)
        return "";
    for (size_t i = 0; i < n; i++) {
        char c = b->w[from + i];
        switch (c) {
        case P_COLON:
            c = ':';
            break;
        case P_HASH:
            c = '#';
            break;
        case P_EQUALS:
            c = '=';
            break;
        case P_LBRACE:
            c = '{';
            break;
        case P_RBRACE:
            c = '}';
            break;
        case P_TILDE:
            c = '~';
            break;
        case P_BACKSLASH:
            c = '\\';
            break;
        default:
            break;
        }
        tmp[i] = c;
    }
    bool html = format == GIFT_HTML || (format == GIFT_MOODLE && import_looks_html(tmp, n));
    bool image = false;
    const char *text =
        import_clean(b->src, tmp, n, html ? IMPORT_TEXT_HTML : IMPORT_TEXT_PLAIN, &image);
    if (image)
        import_warning(b->src, gift_offset(b, from),
                       "GIFT: the text shows an image, which quizdeck cannot show; only its "
                       "words are kept");
    free(tmp);
    return text;
}

/* Reads "%50%" or "%-33.333%" at w[*i]; false (and *i unchanged) when the
 * text there is not a weight. */
static bool take_weight(const GiftBlock *b, size_t *i, size_t to, double *out)
{
    size_t p = *i;
    if (p >= to || b->w[p] != '%')
        return false;
    p++;
    bool negative = false;
    if (p < to && b->w[p] == '-')
        negative = true, p++;
    double value = 0, scale = 0;
    bool digits = false;
    for (; p < to; p++) {
        char c = b->w[p];
        if (c >= '0' && c <= '9') {
            digits = true;
            if (scale > 0) {
                value += (c - '0') * scale;
                scale /= 10;
            } else {
                value = value * 10 + (c - '0');
            }
        } else if (c == '.' && scale == 0) {
            scale = 0.1;
        } else {
            break;
        }
    }
    if (!digits || p >= to || b->w[p] != '%' || value > 1000)
        return false;
    *i = p + 1;
    *out = negative ? -value : value;
    return true;
}

/* Splits w[from, to) at the markers in `marks` (each piece starts at its
 * marker, which is in [0]); a non-blank piece before the first marker is
 * a piece with marker 0. Returns the number of pieces (at most max). */
typedef struct GiftPiece {
    char mark;
    size_t from, to;
} GiftPiece;

static size_t split_pieces(const GiftBlock *b, size_t from, size_t to, const char *marks,
                           GiftPiece *pieces, size_t max, bool *too_many)
{
    size_t n = 0;
    size_t start = from;
    char mark = 0;
    *too_many = false;
    for (size_t i = from; i <= to; i++) {
        bool at_mark = i < to && strchr(marks, b->w[i]) && b->w[i] != '\0';
        /* "->" in a matching pair is not an '=' ... and '-' is no marker */
        if (i == to || at_mark) {
            size_t f = start, t = i;
            trim_range(b, &f, &t);
            if (mark || t > f) {
                if (n == max) {
                    *too_many = true;
                    return n;
                }
                pieces[n++] = (GiftPiece){mark, start, i};
            }
            if (i < to) {
                mark = b->w[i];
                start = i + 1;
            }
        }
    }
    return n;
}

/* One answer "text#feedback" (after its marker and weight). */
static void gift_answer(const GiftBlock *b, size_t from, size_t to, MoodleAnswer *a)
{
    *a = (MoodleAnswer){0};
    size_t hash = find_char(b, from, to, '#');
    a->text = gift_text(b, from, hash);
    a->feedback = hash < to ? gift_text(b, hash + 1, to) : "";
    size_t f = from, t = to;
    trim_range(b, &f, &t);
    a->offset = gift_offset(b, f);
}

static void gift_skip(const GiftBlock *b, size_t at, const char *reason, const char *message)
{
    import_warning(b->src, gift_offset(b, at), "GIFT: %s; skipped", message);
    import_count_skip(b->src, reason);
}

static void gift_fail(const GiftBlock *b, size_t at, const char *message)
{
    import_error(b->src, gift_offset(b, at), "GIFT: %s", message);
    import_count_skip(b->src, "with errors");
}

/* The answers of w[from, to) split at `marks`, each "%weight%text#feedback"
 * with its weight: 100 after '=', `unmarked` after another marker or none,
 * unless it gives its own. Returns their number, or SIZE_MAX after failing
 * the question (at `open`) for having too many. */
static size_t weighted_answers(const GiftBlock *b, size_t open, size_t from, size_t to,
                               const char *marks, double unmarked, GiftPiece *pieces,
                               MoodleAnswer *answers)
{
    bool too_many;
    size_t n = split_pieces(b, from, to, marks, pieces, IMPORT_MAX_LIST, &too_many);
    if (too_many) {
        gift_fail(b, open, "more than 64 answers in one question");
        return SIZE_MAX;
    }
    for (size_t k = 0; k < n; k++) {
        size_t f = pieces[k].from;
        double weight = pieces[k].mark == '=' ? 100 : unmarked;
        while (f < pieces[k].to && is_blank_char(b->w[f]))
            f++;
        take_weight(b, &f, pieces[k].to, &weight);
        gift_answer(b, f, pieces[k].to, &answers[k]);
        answers[k].fraction = weight;
    }
    return n;
}

static void gift_question(GiftBlock *b, GiftState *state)
{
    size_t i = 0, end = b->len;
    trim_range(b, &i, &end);
    if (i == end)
        return;
    size_t question_at = i;

    if (end - i >= 10 && memcmp(b->w + i, "$CATEGORY:", 10) == 0) {
        const char *path = gift_text(b, i + 10, end);
        state->topic = import_topic(b->src, moodle_category_title(b->src, path));
        return;
    }

    const char *title = "";
    if (end - i >= 2 && b->w[i] == ':' && b->w[i + 1] == ':') {
        size_t close = find_str(b, i + 2, end, "::");
        if (close == end) {
            gift_fail(b, i, "'::' opens a question title that is never closed with '::'");
            return;
        }
        title = gift_text(b, i + 2, close);
        i = close + 2;
    }

    size_t open = find_char(b, i, end, '{');
    size_t close = find_char(b, i, end, '}');
    if (open == end && close == end) {
        gift_skip(b, question_at, "description",
                  "text with no answer block '{...}' is a description, not a question");
        return;
    }
    if (close < open) {
        gift_fail(b, close, "'}' closes no '{' (write \\} for a brace in text)");
        return;
    }
    if (close == end) {
        gift_fail(b, open,
                  "'{' is never closed with '}' (a blank line ends a question; write \\{ for a "
                  "brace in text)");
        return;
    }
    size_t inner = find_char(b, open + 1, close, '{');
    if (inner < close) {
        gift_fail(b, inner, "'{' inside an answer block (write \\{ for a brace in an answer)");
        return;
    }
    size_t again = find_char(b, close + 1, end, '{');
    size_t stray = find_char(b, close + 1, end, '}');
    if (stray < again) {
        gift_fail(b, stray, "'}' closes no '{' (write \\} for a brace in text)");
        return;
    }
    if (again < end) {
        gift_fail(b, again, "a second answer block; a GIFT question has one");
        return;
    }

    /* The question text's format applies to its answers and feedback too. */
    size_t text_from = i, text_to = open;
    trim_range(b, &text_from, &text_to);
    b->format = GIFT_MOODLE;
    take_format(b, &text_from, text_to, &b->format);

    MoodleQuestion m = {.format = "GIFT",
                        .title = title,
                        .topic = state->topic,
                        .offset = gift_offset(b, question_at),
                        .single = 1};
    size_t after_from = close + 1, after_to = end;
    trim_range(b, &after_from, &after_to);
    if (after_to > after_from) { /* missing word */
        m.before = gift_text(b, text_from, open);
        m.after = gift_text(b, after_from, after_to);
        m.text = m.before;
    } else {
        m.text = gift_text(b, text_from, open);
    }

    size_t a_from = open + 1, a_to = close;
    trim_range(b, &a_from, &a_to);
    /* general feedback: after the last "####" */
    m.general_feedback = "";
    for (size_t k = a_to; k >= a_from + 4 && k > 3; k--) {
        if (memcmp(b->w + k - 4, "####", 4) == 0) {
            m.general_feedback = gift_text(b, k, a_to);
            a_to = k - 4;
            trim_range(b, &a_from, &a_to);
            break;
        }
    }

    if (a_from == a_to) {
        gift_skip(b, open, "essay", "an essay question ({}) has no answer to check");
        return;
    }
    if (b->w[a_from] == '#') {
        gift_skip(b, open, "numerical",
                  "numerical questions ({#...}) are not supported (make it a short answer, "
                  "{=42}, to keep it)");
        return;
    }
    bool has_tilde = find_char(b, a_from, a_to, '~') < a_to;
    bool has_equals = find_char(b, a_from, a_to, '=') < a_to;
    bool has_arrow = find_str(b, a_from, a_to, "->") < a_to;

    MoodleAnswer answers[IMPORT_MAX_LIST];
    GiftPiece pieces[IMPORT_MAX_LIST];
    bool too_many;
    m.answers = answers;

    if (has_tilde) {
        m.kind = MOODLE_MULTICHOICE;
        m.single = has_equals ? 1 : 0;
        m.answer_count = weighted_answers(b, open, a_from, a_to, "~=", 0, pieces, answers);
        if (m.answer_count == SIZE_MAX)
            return;
    } else if (has_equals && has_arrow) {
        m.kind = MOODLE_MATCHING;
        size_t n = split_pieces(b, a_from, a_to, "=", pieces, IMPORT_MAX_LIST, &too_many);
        if (too_many) {
            gift_fail(b, open, "more than 64 pairs in one question");
            return;
        }
        for (size_t k = 0; k < n; k++) {
            size_t arrow = find_str(b, pieces[k].from, pieces[k].to, "->");
            if (arrow == pieces[k].to) {
                gift_fail(b, pieces[k].from, "a matching pair needs '->' between its two sides");
                return;
            }
            answers[k] = (MoodleAnswer){.text = gift_text(b, pieces[k].from, arrow),
                                        .right = gift_text(b, arrow + 2, pieces[k].to),
                                        .feedback = "",
                                        .offset = gift_offset(b, pieces[k].from)};
        }
        m.answer_count = n;
    } else {
        size_t hash = find_char(b, a_from, a_to, '#');
        size_t t_from = a_from, t_to = hash;
        trim_range(b, &t_from, &t_to);
        size_t word = t_to - t_from;
        const char *w = b->w + t_from;
        bool is_true = (word == 1 && w[0] == 'T') || (word == 4 && memcmp(w, "TRUE", 4) == 0);
        bool is_false = (word == 1 && w[0] == 'F') || (word == 5 && memcmp(w, "FALSE", 5) == 0);
        if (is_true || is_false) {
            m.kind = MOODLE_TRUEFALSE;
            m.truth = is_true;
            const char *wrong = "", *right = "";
            if (hash < a_to) {
                size_t second = find_char(b, hash + 1, a_to, '#');
                wrong = gift_text(b, hash + 1, second);
                if (second < a_to)
                    right = gift_text(b, second + 1, a_to);
            }
            m.true_feedback = is_true ? right : wrong;
            m.false_feedback = is_true ? wrong : right;
        } else {
            m.kind = MOODLE_SHORTANSWER;
            m.answer_count = weighted_answers(b, open, a_from, a_to, "=", 100, pieces, answers);
            if (m.answer_count == SIZE_MAX)
                return;
        }
    }
    moodle_add(b->src, &m);
}

/* Copies the block [from, to) of the source into b, escapes as
 * placeholders and comment lines dropped. */
static bool gift_load_block(GiftBlock *b, const ImportSource *src, size_t from, size_t to)
{
    size_t n = to - from;
    b->w = malloc(n + 1);
    b->pos = malloc((n + 1) * sizeof *b->pos);
    if (!b->w || !b->pos)
        return false;
    const char *d = src->data;
    size_t o = 0;
    bool line_start = true;
    for (size_t i = from; i < to; i++) {
        char c = d[i];
        if (line_start) {
            size_t k = i;
            while (k < to && (d[k] == ' ' || d[k] == '\t'))
                k++;
            if (k + 1 < to && d[k] == '/' && d[k + 1] == '/') {
                while (k < to && d[k] != '\n' && d[k] != '\r')
                    k++;
                i = k - 1; /* the line end comes next */
                line_start = false;
                continue;
            }
            line_start = false;
        }
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < to && d[i + 1] == '\n')
                i++;
            b->pos[o] = i;
            b->w[o++] = '\n';
            line_start = true;
            continue;
        }
        if (c == '\\' && i + 1 < to) {
            char e = d[i + 1];
            char p = 0;
            switch (e) {
            case ':':
                p = P_COLON;
                break;
            case '#':
                p = P_HASH;
                break;
            case '=':
                p = P_EQUALS;
                break;
            case '{':
                p = P_LBRACE;
                break;
            case '}':
                p = P_RBRACE;
                break;
            case '~':
                p = P_TILDE;
                break;
            case '\\':
                p = P_BACKSLASH;
                break;
            case 'n':
                p = IMPORT_HARD_BREAK;
                break;
            default:
                break;
            }
            if (p) {
                b->pos[o] = i;
                b->w[o++] = p;
                i++;
                continue;
            }
        }
        b->pos[o] = i;
        b->w[o++] = c;
    }
    b->w[o] = '\0';
    b->len = o;
    return true;
}

static bool line_is_blank(const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != ' ' && *p != '\t')
            return false;
    return true;
}

bool import_gift(ImportSource *src)
{
    GiftState state = {.topic = ""};
    const char *d = src->data;
    size_t block_start = SIZE_MAX;
    for (size_t l = 0; l <= src->line_count; l++) {
        size_t start = l < src->line_count ? src->line_starts[l] : src->size;
        size_t end = start;
        while (end < src->size && d[end] != '\n' && d[end] != '\r')
            end++;
        bool blank = l == src->line_count || line_is_blank(d + start, d + end);
        if (!blank && block_start == SIZE_MAX)
            block_start = start;
        if (blank && block_start != SIZE_MAX) {
            GiftBlock b = {.src = src};
            if (!gift_load_block(&b, src, block_start, start)) {
                free(b.w);
                free(b.pos);
                import_error(src, block_start, "out of memory");
                return false;
            }
            gift_question(&b, &state);
            free(b.w);
            free(b.pos);
            block_start = SIZE_MAX;
        }
    }
    return true;
}
