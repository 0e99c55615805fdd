/* test_content.c - the shipped Kuwait packs against their document and their
 * evidence tables.
 *
 * questions/evidence/ holds a copy of the document the packs were written
 * from, one table per pack (each question's answer, the document's words
 * behind it, what a student may fairly type and what must be turned down),
 * and a table of the document's factual statements with the questions that
 * ask each one. Teachers read those tables; this test reads the same files
 * and holds them against the packs as the game loads them (the real loader)
 * and against typed answers as the game judges them (the real matcher,
 * answer_matches_any). Read questions/evidence/README.md first: it explains
 * every column.
 *
 * Each test lists every problem it finds (with the table's file and line)
 * before failing, so one run shows an author all there is to fix.
 *
 * Every pack of questions/ is held to these checks, the Arabic translations
 * (kuwait-*-ar) with their own tables too; test_content_ar.c adds what is
 * particular to a translation. The table readers, the problem counter and
 * the judging of typed answers are shared with it (tests/support/
 * evidence.h); the document and word readers serve only these checks.
 * Readers come first, then one test per promise.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evidence.h"
#include "pack_set.h"
#include "test_support.h"

#define EVIDENCE_DIR    QUIZDECK_SOURCE_QUESTIONS "/evidence"
#define DOCUMENT_PATH   EVIDENCE_DIR "/kuwait-regional-security.txt"
#define STATEMENTS_PATH EVIDENCE_DIR "/statements.tsv"
#define COUNT_OF(a)     (sizeof(a) / sizeof((a)[0]))

enum {
    MAX_PACKS = 16,
    MAX_SECTIONS = 8,
    MAX_TIMES_ASKED = 3, /* no statement is asked more often than this */
    COPIED_WORDS = 10,   /* this many words in a row from the document is copying */
    KEY_MAX = 8192,
};

/* Columns of the statements table, as its header line spells them (a
 * pack's table has evidence.h's EV_ columns). */
enum { ST_ID, ST_SECTION, ST_FACT, ST_QUOTE, ST_QUESTIONS };
static const char *const statement_columns[] = {"statement", "section", "fact", "quote",
                                                "questions"};

/* ------------------------------------------------------------ tables */

/* The evidence readers (tests/support/evidence.h), failing the test on a
 * table of the wrong shape. */
static void table_load(EvidenceTable *t, const char *path, const char *const *columns,
                       size_t ncolumns)
{
    char message[EVIDENCE_MESSAGE];
    if (!evidence_table_load(t, path, columns, ncolumns, message))
        fail_msg("%s", message);
}

static void list_split(EvidenceList *l, const char *cell, const char *sep)
{
    if (!evidence_list_split(l, cell, sep))
        fail_msg("a list of more than %d items: %s", EVIDENCE_MAX_LIST, cell);
}

/* ------------------------------------------------------------ the document */

/* Section 0 is the title and opening paragraph; section N starts at the
 * line "N. ..." (the document's own numbering). White space is squeezed to
 * single spaces so quotes match whatever the line breaks. */
typedef struct Document {
    char *text;
    char *sections[MAX_SECTIONS];
    size_t section_count;
} Document;

static void squeeze_spaces(char *s)
{
    char *out = s;
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = out != s;
            continue;
        }
        if (space)
            *out++ = ' ';
        space = false;
        *out++ = *p;
    }
    *out = '\0';
}

static void document_load(Document *d)
{
    memset(d, 0, sizeof *d);
    d->text = test_read_file(DOCUMENT_PATH, NULL);
    if (!d->text)
        fail_msg("cannot read %s", DOCUMENT_PATH);
    d->sections[d->section_count++] = d->text;
    for (char *p = d->text; (p = strchr(p, '\n')) != NULL;) {
        *p++ = '\0';
        char want = (char)('0' + d->section_count);
        if (p[0] == want && p[1] == '.' && p[2] == ' ') {
            assert_true(d->section_count < MAX_SECTIONS);
            d->sections[d->section_count++] = p;
        } else {
            p[-1] = '\n'; /* not a heading: keep the paragraph whole */
        }
    }
    for (size_t i = 0; i < d->section_count; i++)
        squeeze_spaces(d->sections[i]);
}

/* True when `quote` is in section `section`, or anywhere when it is -1. */
static bool document_has(const Document *d, int section, const char *quote)
{
    char *q = strdup(quote);
    assert_non_null(q);
    squeeze_spaces(q);
    bool found = false;
    for (size_t i = 0; i < d->section_count && !found; i++)
        if (section < 0 || (size_t)section == i)
            found = q[0] != '\0' && strstr(d->sections[i], q) != NULL;
    free(q);
    return found;
}

/* Lower-case words of letters and digits; everything else separates. */
typedef struct Words {
    char **words;
    size_t count;
    char *buf;
} Words;

static void words_of(Words *w, const char *text)
{
    size_t n = strlen(text);
    w->buf = malloc(n + 1);
    w->words = malloc((n / 2 + 1) * sizeof *w->words);
    assert_true(w->buf && w->words);
    w->count = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)text[i];
        w->buf[i] = isalnum(c) ? (char)tolower(c) : '\0';
        if (w->buf[i] && (i == 0 || !w->buf[i - 1]))
            w->words[w->count++] = &w->buf[i];
    }
}

static void words_free(Words *w)
{
    free(w->buf);
    free(w->words);
    memset(w, 0, sizeof *w);
}

/* ------------------------------------------------------------ fixture */

/* Everything is loaded once, by the first test that asks, and freed by
 * the group teardown. evidence[i] is the table of packs.packs[i]. */
typedef struct Fixture {
    bool loaded;
    PackSet packs;
    Document doc;
    Words doc_words;
    EvidenceTable statements;
    EvidenceTable evidence[MAX_PACKS];
} Fixture;

static Fixture fx;

static Fixture *fixture(void)
{
    if (fx.loaded)
        return &fx;
    assert_int_equal(pack_set_add_path(&fx.packs, QUIZDECK_SOURCE_QUESTIONS), PACK_SET_OK);
    assert_true(fx.packs.pack_count > 0 && fx.packs.pack_count <= MAX_PACKS);
    document_load(&fx.doc);
    char *raw = test_read_file(DOCUMENT_PATH, NULL);
    assert_non_null(raw);
    words_of(&fx.doc_words, raw);
    free(raw);
    table_load(&fx.statements, STATEMENTS_PATH, statement_columns, COUNT_OF(statement_columns));
    for (size_t i = 0; i < fx.packs.pack_count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.tsv", EVIDENCE_DIR, fx.packs.packs[i]->id);
        table_load(&fx.evidence[i], path, evidence_pack_columns, EVIDENCE_PACK_COLUMNS);
    }
    fx.loaded = true;
    return &fx;
}

static int teardown_fixture(void **state)
{
    (void)state;
    pack_set_free(&fx.packs);
    free(fx.doc.text);
    words_free(&fx.doc_words);
    evidence_table_free(&fx.statements);
    for (size_t i = 0; i < MAX_PACKS; i++)
        evidence_table_free(&fx.evidence[i]);
    memset(&fx, 0, sizeof fx);
    return 0;
}

static const EvidenceRow *statement_row(const Fixture *f, const char *id)
{
    for (size_t i = 0; i < f->statements.count; i++)
        if (strcmp(f->statements.rows[i].cells[ST_ID], id) == 0)
            return &f->statements.rows[i];
    return NULL;
}

/* True when some evidence row of question `qid` names statement `sid`. */
static bool evidence_names(const Fixture *f, const char *qid, const char *sid)
{
    bool found = false;
    for (size_t p = 0; p < f->packs.pack_count && !found; p++)
        for (size_t r = 0; r < f->evidence[p].count && !found; r++) {
            const EvidenceRow *row = &f->evidence[p].rows[r];
            if (strcmp(row->cells[EV_QUESTION], qid) != 0)
                continue;
            EvidenceList st;
            list_split(&st, row->cells[EV_STATEMENTS], " ");
            found = evidence_list_has(&st, sid);
            evidence_list_free(&st);
        }
    return found;
}

/* ------------------------------------------------------------ tests */

/* `quizdeck --check questions/` must print neither errors nor warnings. */
static void test_shipped_packs_load_without_errors_or_warnings(void **state)
{
    (void)state;
    Fixture *f = fixture();
    assert_int_equal(f->packs.failure_count, 0);
    for (size_t i = 0; i < f->packs.warnings.count; i++)
        print_error("%s:%d: %s\n", f->packs.warnings.items[i].file, f->packs.warnings.items[i].line,
                    f->packs.warnings.items[i].message);
    assert_int_equal(f->packs.warnings.count, 0);
}

/* Every question has its evidence row (a cloze one per gap), and each row
 * says what the pack says: the same key, a known kind, known statements. */
static void test_evidence_rows_match_the_packs(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    char key[KEY_MAX];
    for (size_t p = 0; p < f->packs.pack_count; p++) {
        const Pack *pack = f->packs.packs[p];
        const EvidenceTable *t = &f->evidence[p];
        size_t *rows_seen = calloc(pack->question_count + 1, sizeof *rows_seen);
        assert_non_null(rows_seen);
        for (size_t r = 0; r < t->count; r++) {
            const EvidenceRow *row = &t->rows[r];
            const char *id = row->cells[EV_QUESTION];
            const Question *q = pack_find_question(pack, id);
            if (!q) {
                evidence_problem("%s:%d: no question '%s' in %s", t->name, row->line, id, pack->id);
                continue;
            }
            size_t gap = evidence_row_gap(row);
            bool gap_ok = q->type == QUESTION_CLOZE ? gap >= 1 && gap <= q->gap_count : gap == 0;
            if (!gap_ok) {
                evidence_problem("%s:%d: '%s' has no gap '%s'", t->name, row->line, id,
                                 row->cells[EV_GAP]);
                continue;
            }
            for (size_t e = 0; e < r; e++)
                if (strcmp(t->rows[e].cells[EV_QUESTION], id) == 0 &&
                    evidence_row_gap(&t->rows[e]) == gap)
                    evidence_problem("%s:%d: '%s' gap %s has a second row", t->name, row->line, id,
                                     row->cells[EV_GAP]);
            rows_seen[q - pack->questions]++;
            evidence_render_key(q, gap, key, sizeof key);
            if (strcmp(key, row->cells[EV_ANSWER]) != 0)
                evidence_problem(
                    "%s:%d: '%s': the pack's answer is\n    %s\n  the table says\n    %s", t->name,
                    row->line, id, key, row->cells[EV_ANSWER]);
            const char *kind = row->cells[EV_KIND];
            bool structure = strcmp(kind, "structure") == 0;
            if (!structure && strcmp(kind, "recall") != 0 && strcmp(kind, "inference") != 0)
                evidence_problem("%s:%d: unknown kind '%s'", t->name, row->line, kind);
            EvidenceList st;
            list_split(&st, row->cells[EV_STATEMENTS], " ");
            if (st.count == 0 && !structure)
                evidence_problem("%s:%d: '%s' asks no statement of the document", t->name,
                                 row->line, id);
            for (size_t s = 0; s < st.count; s++)
                if (!statement_row(f, st.items[s]))
                    evidence_problem("%s:%d: no statement '%s' in statements.tsv", t->name,
                                     row->line, st.items[s]);
            evidence_list_free(&st);
            if (strcmp(row->cells[EV_SUPPORT], "-") == 0)
                evidence_problem("%s:%d: '%s' quotes no support", t->name, row->line, id);
            if (!evidence_is_typed(q) && (strcmp(row->cells[EV_ACCEPT], "-") != 0 ||
                                          strcmp(row->cells[EV_REJECT], "-") != 0))
                evidence_problem(
                    "%s:%d: '%s' is not typed; its accept and reject cells must be '-'", t->name,
                    row->line, id);
        }
        for (size_t i = 0; i < pack->question_count; i++) {
            const Question *q = &pack->questions[i];
            size_t want = q->type == QUESTION_CLOZE ? q->gap_count : 1;
            if (rows_seen[i] != want)
                evidence_problem("%s: '%s' has %zu rows, expected %zu", t->name, q->id,
                                 rows_seen[i], want);
        }
        free(rows_seen);
    }
    assert_int_equal(evidence_problem_count(), 0);
}

/* What a table says the document says, the document says, word for word. */
static void test_support_is_quoted_from_the_document(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    for (size_t p = 0; p < f->packs.pack_count; p++) {
        const EvidenceTable *t = &f->evidence[p];
        for (size_t r = 0; r < t->count; r++) {
            EvidenceList quotes;
            list_split(&quotes, t->rows[r].cells[EV_SUPPORT], " | ");
            for (size_t i = 0; i < quotes.count; i++)
                if (!document_has(&f->doc, -1, quotes.items[i]))
                    evidence_problem("%s:%d: not in the document: \"%s\"", t->name, t->rows[r].line,
                                     quotes.items[i]);
            evidence_list_free(&quotes);
        }
    }
    assert_int_equal(evidence_problem_count(), 0);
}

/* Every statement of the document is asked, none more than three times,
 * and statements.tsv agrees with the per-pack tables in both directions. */
static void test_every_statement_is_asked_once_to_three_times(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    const EvidenceTable *t = &f->statements;
    size_t most = 0;
    for (size_t r = 0; r < t->count; r++) {
        const EvidenceRow *row = &t->rows[r];
        const char *sid = row->cells[ST_ID];
        char want[32];
        snprintf(want, sizeof want, "S%02zu", r + 1);
        if (strcmp(sid, want) != 0)
            evidence_problem("%s:%d: statement '%s' should be numbered %s", t->name, row->line, sid,
                             want);
        if (strcmp(row->cells[ST_FACT], "-") == 0)
            evidence_problem("%s:%d: %s says in no words what it states", t->name, row->line, sid);
        char *end;
        long section = strtol(row->cells[ST_SECTION], &end, 10);
        if (*end || section < 0 || (size_t)section >= f->doc.section_count)
            evidence_problem("%s:%d: no section '%s'", t->name, row->line, row->cells[ST_SECTION]);
        else if (!document_has(&f->doc, (int)section, row->cells[ST_QUOTE]))
            evidence_problem("%s:%d: not in section %ld: \"%s\"", t->name, row->line, section,
                             row->cells[ST_QUOTE]);
        EvidenceList asked;
        list_split(&asked, row->cells[ST_QUESTIONS], " ");
        if (asked.count == 0)
            evidence_problem("%s:%d: %s is asked by no question", t->name, row->line, sid);
        if (asked.count > MAX_TIMES_ASKED)
            evidence_problem("%s:%d: %s is asked %zu times, more than %d", t->name, row->line, sid,
                             asked.count, MAX_TIMES_ASKED);
        most = asked.count > most ? asked.count : most;
        for (size_t i = 0; i < asked.count; i++) {
            if (!evidence_find_english(&f->packs, asked.items[i]))
                evidence_problem("%s:%d: no question '%s' in any pack", t->name, row->line,
                                 asked.items[i]);
            else if (!evidence_names(f, asked.items[i], sid))
                evidence_problem("%s:%d: the evidence row of '%s' does not name %s", t->name,
                                 row->line, asked.items[i], sid);
        }
        evidence_list_free(&asked);
    }
    for (size_t p = 0; p < f->packs.pack_count; p++) {
        const EvidenceTable *e = &f->evidence[p];
        for (size_t r = 0; r < e->count; r++) {
            EvidenceList st;
            list_split(&st, e->rows[r].cells[EV_STATEMENTS], " ");
            for (size_t s = 0; s < st.count; s++) {
                const EvidenceRow *srow = statement_row(f, st.items[s]);
                EvidenceList asked;
                list_split(&asked, srow ? srow->cells[ST_QUESTIONS] : "-", " ");
                if (srow && !evidence_list_has(&asked, e->rows[r].cells[EV_QUESTION]))
                    evidence_problem("%s:%d: statements.tsv does not list '%s' under %s", e->name,
                                     e->rows[r].line, e->rows[r].cells[EV_QUESTION], st.items[s]);
                evidence_list_free(&asked);
            }
            evidence_list_free(&st);
        }
    }
    print_message("%zu statements; the most asked is asked %zu times\n", t->count, most);
    assert_int_equal(evidence_problem_count(), 0);
}

/* Table-driven over the evidence: for every typed question and every
 * cloze gap, each fair variant a student may type is accepted and each
 * near-miss is turned down, by the real matcher, against the key and
 * accept list of the question as the real loader read it. */
static void test_typed_answers_accept_fair_variants_only(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    EvidenceTally tally = {0};
    for (size_t p = 0; p < f->packs.pack_count; p++)
        evidence_each_typed_row(&f->evidence[p], f->packs.packs[p], evidence_judge_listed, &tally);
    assert_true(tally.accepted + tally.rejected > 0);
    assert_int_equal(evidence_problem_count(), 0);
}

/* The answers the audit of these packs found wrongly judged, checked
 * against the packs directly so they stay fixed whatever the tables say. */
static void test_answers_the_audit_found_are_judged_fairly(void **state)
{
    (void)state;
    Fixture *f = fixture();
    /* NULL: in the English pack that asks the question */
    static const EvidenceJudgeCase cases[] = {
        {NULL, "dip-ceasefire-year", 0, "in 1991", true},
        {NULL, "dip-ceasefire-year", 0, "March 1991", true},
        {NULL, "dip-ceasefire-year", 0, "1990", false},
        {NULL, "gcc-size", 0, "six states", true},
        {NULL, "gcc-size", 0, "6 states", true},
        {NULL, "gcc-size", 0, "six members", true},
        {NULL, "gcc-size", 0, "seven states", false},
        {NULL, "gcc-western-ally", 0, "Western allies", true},
        {NULL, "gcc-western-ally", 0, "the Western world", true},
        {NULL, "dip-dialogue-negotiation", 0, "through dialogue and negotiation", true},
        {NULL, "dip-dialogue-negotiation", 0, "dialog, negotiations", true},
        {NULL, "dip-dialogue-negotiation", 0, "dialogue", false},
        {NULL, "dep-reconstruction", 0, "rebuilding efforts", true},
        {NULL, "dep-reconstruction", 0, "reconstruction work", true},
        {NULL, "dep-reconstruction", 0, "post-conflict reconstruction", true},
        {NULL, "dip-iraq-reconstruction", 0, "Irak", true},
        {NULL, "dip-iraq-reconstruction", 0, "Iran", false},
        /* Second answers the document itself supports. */
        {NULL, "all-goals-cloze", 1, "infrastructure", true},
        {NULL, "dip-tensions-cloze", 2, "trust", true},
        {NULL, "dep-community-cloze", 1, "coalition", true},
        {NULL, "dep-community-cloze", 1, "international", true},
        {NULL, "gcc-commitment-cloze", 1, "cooperative security", true},
    };
    evidence_problems_reset();
    evidence_judge_cases(&f->packs, cases, COUNT_OF(cases));
    assert_int_equal(evidence_problem_count(), 0);
}

/* At least a third of the questions need an inference or a link between
 * sections; at most one asks about the document's layout, and it points
 * at no section (it is about all of them). */
static void test_a_third_of_the_questions_need_inference(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    size_t total = 0, inference = 0, structure = 0;
    for (size_t p = 0; p < f->packs.pack_count; p++) {
        const EvidenceTable *t = &f->evidence[p];
        for (size_t r = 0; r < t->count; r++) {
            const EvidenceRow *row = &t->rows[r];
            const char *kind = row->cells[EV_KIND];
            bool first = true;
            for (size_t e = 0; e < r && first; e++)
                if (strcmp(t->rows[e].cells[EV_QUESTION], row->cells[EV_QUESTION]) == 0) {
                    first = false;
                    if (strcmp(t->rows[e].cells[EV_KIND], kind) != 0)
                        evidence_problem("%s:%d: the gaps of '%s' disagree on its kind", t->name,
                                         row->line, row->cells[EV_QUESTION]);
                }
            if (!first)
                continue;
            total++;
            inference += strcmp(kind, "inference") == 0;
            if (strcmp(kind, "structure") == 0) {
                structure++;
                const Question *q = evidence_find_english(&f->packs, row->cells[EV_QUESTION]);
                if (q && q->source[0])
                    evidence_problem(
                        "%s:%d: '%s' is about the whole document; it names section '%s'", t->name,
                        row->line, q->id, q->source);
            }
        }
    }
    print_message("%zu of %zu questions need inference\n", inference, total);
    assert_true(total > 0);
    assert_true(inference * 3 >= total);
    assert_true(structure <= 1);
    assert_int_equal(evidence_problem_count(), 0);
}

/* True when `w` is a whole word of `text`, ignoring case. */
static bool has_word(const char *text, const char *w)
{
    Words words;
    words_of(&words, text);
    bool found = false;
    for (size_t i = 0; i < words.count && !found; i++)
        found = strcmp(words.words[i], w) == 0;
    words_free(&words);
    return found;
}

/* Two sides of a pair share a word when two of their words of four or more
 * letters begin with the same five ("defend" and "defense" do). */
static bool share_a_word(const char *a, const char *b)
{
    Words wa, wb;
    words_of(&wa, a);
    words_of(&wb, b);
    bool shared = false;
    for (size_t i = 0; i < wa.count && !shared; i++)
        for (size_t j = 0; j < wb.count && !shared; j++)
            shared = strlen(wa.words[i]) >= 4 && strlen(wb.words[j]) >= 4 &&
                     strncmp(wa.words[i], wb.words[j], 5) == 0;
    words_free(&wa);
    words_free(&wb);
    return shared;
}

/* A student who has not read the document cannot find the key from its
 * shape: a choice's key is never the longest option, no pair is matched by
 * a word both sides repeat, true/false statements are about as often true
 * as false, and a false one does not give itself away with "only",
 * "never" and the like. */
static void test_keys_cannot_be_guessed_from_their_shape(void **state)
{
    (void)state;
    Fixture *f = fixture();
    static const char *const absolutes[] = {"only",   "never",  "alone",
                                            "always", "solely", "exclusively"};
    evidence_problems_reset();
    size_t trues = 0, falses = 0;
    for (size_t p = 0; p < f->packs.pack_count; p++) {
        const Pack *pack = f->packs.packs[p];
        for (size_t i = 0; i < pack->question_count; i++) {
            const Question *q = &pack->questions[i];
            if (q->type == QUESTION_CHOICE) {
                size_t key = strlen(q->choices[q->answer_index]), longest_other = 0;
                for (size_t c = 0; c < q->choice_count; c++)
                    if (c != q->answer_index && strlen(q->choices[c]) > longest_other)
                        longest_other = strlen(q->choices[c]);
                if (key > longest_other)
                    evidence_problem("%s: the key of '%s' is its longest choice", pack->id, q->id);
            } else if (q->type == QUESTION_MATCH) {
                for (size_t k = 0; k < q->pair_count; k++)
                    if (share_a_word(q->pairs[k].left, q->pairs[k].right))
                        evidence_problem("%s: '%s' pairs \"%s\" with \"%s\" by a shared word",
                                         pack->id, q->id, q->pairs[k].left, q->pairs[k].right);
            } else if (q->type == QUESTION_TRUEFALSE) {
                trues += q->truth;
                falses += !q->truth;
                for (size_t a = 0; a < COUNT_OF(absolutes); a++)
                    if (has_word(q->prompt, absolutes[a]))
                        evidence_problem("%s: '%s' hinges on \"%s\"", pack->id, q->id,
                                         absolutes[a]);
            }
        }
    }
    print_message("true/false: %zu true, %zu false\n", trues, falses);
    assert_true(trues + falses > 0);
    /* Balanced: neither side above 60%. */
    assert_true(trues * 5 <= (trues + falses) * 3);
    assert_true(falses * 5 <= (trues + falses) * 3);
    assert_int_equal(evidence_problem_count(), 0);
}

/* Reports a run of COPIED_WORDS or more words that `text` shares with the
 * document. */
static void check_own_words(const Fixture *f, const Pack *pack, const Question *q, const char *what,
                            const char *text)
{
    Words w;
    words_of(&w, text);
    const Words *d = &f->doc_words;
    bool copied = false;
    for (size_t i = 0; i + COPIED_WORDS <= w.count && !copied; i++)
        for (size_t j = 0; j + COPIED_WORDS <= d->count && !copied; j++) {
            size_t n = 0;
            while (n < COPIED_WORDS && strcmp(w.words[i + n], d->words[j + n]) == 0)
                n++;
            if (n == COPIED_WORDS) {
                char run[512] = "";
                for (size_t k = 0; k < n; k++)
                    evidence_append(run, sizeof run, "%s%s", k ? " " : "", w.words[i + k]);
                evidence_problem("%s: the %s of '%s' copies the document: \"%s ...\"", pack->id,
                                 what, q->id, run);
                copied = true;
            }
        }
    words_free(&w);
}

/* Questions, answers and explanations are in the authors' own words:
 * nothing copies ten words in a row from the document (an answer that is
 * learnt by heart is not understood). */
static void test_texts_are_in_their_own_words(void **state)
{
    (void)state;
    Fixture *f = fixture();
    evidence_problems_reset();
    char text[KEY_MAX];
    for (size_t p = 0; p < f->packs.pack_count; p++) {
        const Pack *pack = f->packs.packs[p];
        for (size_t i = 0; i < pack->question_count; i++) {
            const Question *q = &pack->questions[i];
            check_own_words(f, pack, q, "prompt", q->prompt);
            check_own_words(f, pack, q, "explanation", q->explain);
            if (q->type == QUESTION_FLASHCARD) {
                check_own_words(f, pack, q, "front", q->front);
                check_own_words(f, pack, q, "back", q->back);
            } else if (q->type == QUESTION_CLOZE) {
                text[0] = '\0';
                for (size_t g = 0; g <= q->gap_count; g++)
                    evidence_append(text, sizeof text, "%s%s", q->cloze_parts[g],
                                    g < q->gap_count ? q->gaps[g].answer : "");
                check_own_words(f, pack, q, "text", text);
            } else {
                evidence_render_key(q, 0, text, sizeof text);
                check_own_words(f, pack, q, "answer", text);
            }
        }
    }
    assert_int_equal(evidence_problem_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_packs_load_without_errors_or_warnings),
        cmocka_unit_test(test_evidence_rows_match_the_packs),
        cmocka_unit_test(test_support_is_quoted_from_the_document),
        cmocka_unit_test(test_every_statement_is_asked_once_to_three_times),
        cmocka_unit_test(test_typed_answers_accept_fair_variants_only),
        cmocka_unit_test(test_answers_the_audit_found_are_judged_fairly),
        cmocka_unit_test(test_a_third_of_the_questions_need_inference),
        cmocka_unit_test(test_keys_cannot_be_guessed_from_their_shape),
        cmocka_unit_test(test_texts_are_in_their_own_words),
    };
    return cmocka_run_group_tests(tests, NULL, teardown_fixture);
}
