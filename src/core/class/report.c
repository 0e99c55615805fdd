/* report.c - building the class report: reading results/new/, checking and
 * recomputing every file, choosing what counts, summing up (report.h).
 *
 * The recomputation replays a file through the round engine: a Round is
 * started over the file's questions in the file's order (keep_only_order),
 * each question's display order is set to the recorded one and its time
 * limit to the session's for that student, and each recorded answer is
 * decoded (qtype's decode) and given to round_answer_given(), or
 * round_timeout() for a time-out. The engine then judges, scores and sums
 * exactly as it did on the student's computer, streaks included, and the
 * two are compared. There is one way to score a question, the engine's.
 *
 * Read report.h first; the check of one file is report_check.c, the
 * outputs are in report_text.c and report_html.c.
 */
#include "report.h"
#include "report_internal.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "answer_match.h"
#include "class_yaml.h"
#include "fsutil.h"
#include "i18n.h"
#include "id_index.h"
#include "strbuf.h"
#include "strutil.h"

/* ------------------------------------------------------------- the files */

static int compare_strings(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool is_result_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* The sorted names of results/new. NULL with *count 0 when empty. */
static char **list_results(const char *dir_path, size_t *count, bool *ok)
{
    *count = 0;
    *ok = false;
    DIR *dir = opendir(dir_path);
    if (!dir)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL && n < REPORT_MAX_FILES) {
        if (!is_result_name(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, cap * sizeof *grown);
            if (!grown)
                break;
            names = grown;
        }
        if ((names[n] = dup_string(e->d_name)) != NULL)
            n++;
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, compare_strings);
    *count = n;
    *ok = true;
    return names;
}

static const char *arena_text(Report *rep, const char *s)
{
    const char *copy = arena_strdup(&rep->arena, s ? s : "");
    return copy ? copy : "";
}

/* The first message of a DiagList as "LINE:COLUMN: MESSAGE". */
static const char *first_problem(Report *rep, const DiagList *d)
{
    if (d->count == 0)
        return _("not a result file");
    char buf[1200];
    snprintf(buf, sizeof buf, _("line %d, column %d: %s"), d->items[0].line, d->items[0].column,
             d->items[0].message);
    return arena_text(rep, buf);
}

/* Pass 1 for one file: read, check, summarise. */
static void scan_file(Report *rep, const IdIndex *drawn, const char *dir, const char *name,
                      ReportFile *f)
{
    *f = (ReportFile){
        .name = arena_text(rep, name), .reason = "", .student = "", .roster_id = "", .host = ""};
    char *path = cy_join(dir, name);
    if (!path) {
        f->state = REPORT_FILE_UNREADABLE;
        f->reason = _("out of memory");
        return;
    }
    ClassAttempt a;
    DiagList d = {0};
    bool ok = result_read_file(path, &a, &d);
    free(path);
    if (!ok) {
        f->state = REPORT_FILE_UNREADABLE;
        f->reason = first_problem(rep, &d);
        diag_clear(&d);
        class_attempt_free(&a);
        return;
    }
    diag_clear(&d);
    f->student = arena_text(rep, a.student);
    f->roster_id = arena_text(rep, a.roster_id);
    f->host = arena_text(rep, a.host);
    f->started = a.started;
    f->seconds = a.finished.unix_seconds - a.started.unix_seconds;
    f->status = a.status;
    f->questions = rep->drawn;
    f->reached = a.answer_count;
    Check c;
    report_check_attempt(rep, drawn, &a, &c);
    if (c.reason[0]) {
        f->state = REPORT_FILE_FLAGGED;
        f->reason = arena_text(rep, c.reason);
    } else {
        RoundTotals t = round_totals(&c.round);
        f->state = REPORT_FILE_COUNTED;
        f->right = t.correct;
        f->score = t.credit;
        f->points = t.points;
        f->pack_changed = c.pack_changed;
    }
    report_check_free(&c);
    class_attempt_free(&a);
}

/* The same attempt: session, student, roster ID, computer and start. */
static bool same_attempt(const ReportFile *x, const ReportFile *y)
{
    return strcmp(x->student, y->student) == 0 && strcmp(x->roster_id, y->roster_id) == 0 &&
           strcmp(x->host, y->host) == 0 && x->started.unix_seconds == y->started.unix_seconds;
}

static const char *student_key(const ReportFile *f)
{
    return f->roster_id[0] ? f->roster_id : f->student;
}

static int compare_time(const ReportFile *x, const ReportFile *y)
{
    return (x->started.unix_seconds > y->started.unix_seconds) -
           (x->started.unix_seconds < y->started.unix_seconds);
}

/* The order students are shown in: by name, then ID, start, file. */
static int compare_students(const ReportFile *x, const ReportFile *y)
{
    int d = strcmp(x->student, y->student);
    if (d == 0)
        d = strcmp(x->roster_id, y->roster_id);
    if (d == 0)
        d = compare_time(x, y);
    return d ? d : strcmp(x->name, y->name);
}

/* Copies of one attempt next to each other. */
static int compare_attempts(const ReportFile *x, const ReportFile *y)
{
    int d = strcmp(x->student, y->student);
    if (d == 0)
        d = strcmp(x->roster_id, y->roster_id);
    if (d == 0)
        d = strcmp(x->host, y->host);
    if (d == 0)
        d = compare_time(x, y);
    return d ? d : strcmp(x->name, y->name);
}

/* One student's attempts next to each other, earliest first. */
static int compare_keys(const ReportFile *x, const ReportFile *y)
{
    int d = strcmp(student_key(x), student_key(y));
    if (d == 0)
        d = compare_time(x, y);
    return d ? d : strcmp(x->name, y->name);
}

/* qsort has no context argument: the files and the order being sorted by. */
static const ReportFile *sort_files;
static int (*sort_by)(const ReportFile *, const ReportFile *);

static int compare_index(const void *a, const void *b)
{
    return sort_by(&sort_files[*(const size_t *)a], &sort_files[*(const size_t *)b]);
}

/* Keeps the counted indices of order[0..n) in the order of `by`. */
static size_t counted_sorted(const Report *rep, size_t *order, size_t n,
                             int (*by)(const ReportFile *, const ReportFile *))
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (rep->files[order[i]].state == REPORT_FILE_COUNTED)
            order[m++] = order[i];
    sort_files = rep->files;
    sort_by = by;
    qsort(order, m, sizeof *order, compare_index);
    return m;
}

/* Duplicates count once; of a student's attempts the best counts. */
static void choose(Report *rep)
{
    size_t n = rep->file_count;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    size_t m = counted_sorted(rep, order, n, compare_attempts);
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && same_attempt(&rep->files[order[i]], &rep->files[order[j]]))
            j++;
        size_t keep = order[i];
        for (size_t k = i + 1; k < j; k++)
            if (rep->files[order[k]].reached > rep->files[keep].reached)
                keep = order[k];
        for (size_t k = i; k < j; k++)
            if (order[k] != keep) {
                ReportFile *f = &rep->files[order[k]];
                f->state = REPORT_FILE_DUPLICATE;
                char buf[RESULT_NAME_MAX + 40];
                snprintf(buf, sizeof buf, _("the same attempt as %s"), rep->files[keep].name);
                f->reason = arena_text(rep, buf);
            }
        i = j;
    }
    m = counted_sorted(rep, order, m, compare_keys);
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m &&
               strcmp(student_key(&rep->files[order[i]]), student_key(&rep->files[order[j]])) == 0)
            j++;
        size_t best = order[i];
        for (size_t k = i + 1; k < j; k++)
            if (rep->files[order[k]].score > rep->files[best].score + 1e-9)
                best = order[k];
        for (size_t k = i; k < j; k++)
            if (order[k] != best) {
                ReportFile *f = &rep->files[order[k]];
                f->state = REPORT_FILE_OTHER_ATTEMPT;
                f->reason = _("another attempt of this student scored higher and counts");
            }
        rep->files[best].attempts = j - i;
        i = j;
    }
    rep->students = order;
    rep->student_count = counted_sorted(rep, order, m, compare_students);
}

/* --------------------------------------------------------------- summing */

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* The display an answer is described with when answers are counted across
 * the class: the recorded one when the order is fixed (everyone saw the
 * same letters), the pack's own order when it is shuffled. */
static QuestionShown class_shown(const Report *rep, const RoundQuestion *rq, size_t *identity)
{
    if (rep->session->order == SESSION_ORDER_FIXED)
        return round_shown(rq);
    for (size_t k = 0; k < PACK_MAX_OPTIONS; k++)
        identity[k] = k;
    return (QuestionShown){rq->question, identity, rq->display_count};
}

static void count_wrong(Report *rep, ReportQuestion *q, const char *text)
{
    char key[512];
    answer_normalize(text, key, sizeof key);
    q->wrong_total++;
    for (size_t i = 0; i < q->wrong_count; i++)
        if (strcmp(q->wrong[i].key, key) == 0) {
            q->wrong[i].count++;
            return;
        }
    if (q->wrong_count == REPORT_WRONG_TRACKED)
        return;
    q->wrong[q->wrong_count++] = (ReportWrong){arena_text(rep, text), arena_text(rep, key), 1};
}

static void csv_row(FILE *csv, const Report *rep, const ReportFile *f, const RoundQuestion *rq)
{
    const RoundResult *r = &rq->result;
    char buf[64], when[CLASS_TIME_TEXT], text[1024];
    const Question *q = rq->question;
    report_csv_field(csv, f->student);
    fputc(',', csv);
    report_csv_field(csv, q->id);
    fputc(',', csv);
    report_csv_field(csv, rq->pack->id);
    fputc(',', csv);
    report_csv_field(csv, pack_topic_title(rq->pack, q->topic));
    fputc(',', csv);
    report_csv_field(csv, pack_section_title(rq->pack, q->source));
    fputc(',', csv);
    report_csv_field(csv, r->given_text);
    fputc(',', csv);
    report_csv_field(csv, r->correct ? "yes" : "no");
    fputc(',', csv);
    snprintf(buf, sizeof buf, "%.4g", r->fraction_right);
    report_csv_field(csv, buf);
    fputc(',', csv);
    snprintf(buf, sizeof buf, "%d", r->points + r->streak_bonus);
    report_csv_field(csv, buf);
    fputc(',', csv);
    snprintf(buf, sizeof buf, "%lld", (long long)r->elapsed_ms);
    report_csv_field(csv, buf);
    fputc(',', csv);
    report_csv_field(csv, f->roster_id);
    fputc(',', csv);
    qtype_stand_for(q, text, sizeof text);
    report_csv_field(csv, text);
    fputc(',', csv);
    report_csv_field(csv, r->timed_out ? "yes" : "no");
    fputc(',', csv);
    report_csv_field(csv, f->host);
    fputc(',', csv);
    class_time_format(f->started, when);
    report_csv_field(csv, when);
    fputs("\r\n", csv);
    (void)rep;
}

/* Pass 2 for one counted file. */
static void sum_file(Report *rep, IdIndex *drawn, const char *dir, const ReportFile *f, FILE *csv)
{
    char *path = cy_join(dir, f->name);
    if (!path)
        return;
    ClassAttempt a;
    DiagList d = {0};
    bool ok = result_read_file(path, &a, &d);
    free(path);
    diag_clear(&d);
    Check c = {0};
    if (ok)
        report_check_attempt(rep, drawn, &a, &c);
    if (ok && !c.reason[0] && c.have_round) {
        for (size_t i = 0; i < c.round.question_count; i++) {
            const RoundQuestion *rq = &c.round.questions[i];
            char key[160];
            report_qkey(rq->pack->id, rq->question->id, key, sizeof key);
            uint32_t index = 0;
            /* Inserting a key that is there only reads its value. */
            if (id_index_insert(drawn, key, 0, &index) != ID_INDEX_DUPLICATE)
                continue; /* cannot happen: every drawn question has stats */
            ReportQuestion *q = &rep->questions[index];
            const RoundResult *r = &rq->result;
            q->asked++;
            q->right += r->correct ? 1u : 0u;
            q->timed_out += r->timed_out ? 1u : 0u;
            q->credit += r->fraction_right;
            q->total_ms += r->elapsed_ms;
            if (!r->correct) {
                if (r->timed_out) {
                    count_wrong(rep, q, _("(time out)"));
                } else {
                    size_t identity[PACK_MAX_OPTIONS];
                    QuestionShown shown = class_shown(rep, rq, identity);
                    Answer answer;
                    const QuestionKind *kind = question_kind(rq->question->type);
                    if (kind->decode(rq->question, &a.answers[i].answer, &answer)) {
                        StrBuf b = {0};
                        kind->describe_answer(&shown, &answer, &b);
                        count_wrong(rep, q, strbuf_text(&b)[0] ? strbuf_text(&b) : "(blank)");
                        strbuf_free(&b);
                    }
                }
            }
            if (csv)
                csv_row(csv, rep, f, rq);
        }
    }
    report_check_free(&c);
    class_attempt_free(&a);
}

static int compare_questions(const void *x, const void *y)
{
    const ReportQuestion *a = x, *b = y;
    double pa = a->asked ? a->credit / (double)a->asked : 2.0;
    double pb = b->asked ? b->credit / (double)b->asked : 2.0;
    if (fabs(pa - pb) > 1e-9)
        return pa < pb ? -1 : 1;
    if (a->asked != b->asked)
        return a->asked > b->asked ? -1 : 1;
    int d = strcmp(a->pack_id, b->pack_id);
    return d ? d : strcmp(a->question_id, b->question_id);
}

static int compare_wrong(const void *x, const void *y)
{
    const ReportWrong *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->key, b->key);
}

/* One ReportQuestion per drawn question, indexed by "pack/question". */
static bool make_questions(Report *rep, const RoundQuestionRef *refs, IdIndex *drawn)
{
    rep->questions =
        arena_alloc_array(&rep->arena, rep->drawn ? rep->drawn : 1, sizeof *rep->questions);
    if (!rep->questions)
        return false;
    for (size_t i = 0; i < rep->drawn; i++) {
        const SessionPack *sp = session_packs_find(&rep->packs, refs[i].pack_id);
        const Question *q = sp ? pack_find_question(sp->pack, refs[i].question_id) : NULL;
        if (!q)
            return false;
        char key[160], text[2048];
        const char *k = arena_text(rep, report_qkey(sp->pack->id, q->id, key, sizeof key));
        if (id_index_insert(drawn, k, (uint32_t)i, NULL) == ID_INDEX_NO_MEMORY)
            return false;
        qtype_stand_for(q, text, sizeof text);
        ReportQuestion *rq = &rep->questions[i];
        *rq = (ReportQuestion){.pack_id = sp->pack->id,
                               .question_id = q->id,
                               .text = arena_text(rep, text),
                               .topic = pack_topic_title(sp->pack, q->topic),
                               .section = pack_section_title(sp->pack, q->source),
                               .rtl = pack_is_rtl(sp->pack)};
        /* The right answer in the letters of the class's display. */
        size_t display[PACK_MAX_OPTIONS];
        size_t n = question_kind(q->type)->entry_count(q);
        for (size_t e = 0; e < PACK_MAX_OPTIONS; e++)
            display[e] = e;
        QuestionShown shown = {q, display, n > PACK_MAX_OPTIONS ? PACK_MAX_OPTIONS : n};
        StrBuf b = {0};
        question_kind(q->type)->describe_key(&shown, &b);
        rq->key = arena_text(rep, strbuf_text(&b));
        strbuf_free(&b);
    }
    rep->question_count = rep->drawn;
    return true;
}

static void make_topics(Report *rep)
{
    size_t cap = 0;
    for (size_t i = 0; i < rep->packs.pack_count; i++)
        cap += rep->packs.packs[i].pack->topic_count + 1;
    rep->topics = arena_alloc_array(&rep->arena, cap ? cap : 1, sizeof *rep->topics);
    if (!rep->topics)
        return;
    for (size_t i = 0; i < rep->packs.pack_count; i++) {
        const Pack *p = rep->packs.packs[i].pack;
        for (size_t t = 0; t <= p->topic_count; t++) {
            const char *id = t < p->topic_count ? p->topics[t].id : "";
            ReportTopic topic = {.pack_id = p->id,
                                 .title =
                                     t < p->topic_count ? p->topics[t].title : _("(no topic)")};
            for (size_t k = 0; k < rep->question_count; k++) {
                const ReportQuestion *q = &rep->questions[k];
                const Question *pq =
                    strcmp(q->pack_id, p->id) == 0 ? pack_find_question(p, q->question_id) : NULL;
                if (!pq || strcmp(pq->topic, id) != 0)
                    continue;
                topic.questions++;
                topic.asked += q->asked;
                topic.credit += q->credit;
            }
            if (topic.questions)
                rep->topics[rep->topic_count++] = topic;
        }
    }
}

static void summarise(Report *rep)
{
    double *percents = malloc((rep->student_count ? rep->student_count : 1) * sizeof *percents);
    double *scores = malloc((rep->student_count ? rep->student_count : 1) * sizeof *scores);
    double sum_p = 0, sum_s = 0;
    for (size_t i = 0; i < rep->student_count; i++) {
        const ReportFile *f = &rep->files[rep->students[i]];
        double p = rep->drawn ? 100.0 * f->score / (double)rep->drawn : 0;
        size_t bin = p >= 100.0 ? REPORT_BINS - 1 : (size_t)(p / (100.0 / REPORT_BINS));
        rep->bins[bin < REPORT_BINS ? bin : REPORT_BINS - 1]++;
        sum_p += p;
        sum_s += f->score;
        if (percents && scores) {
            percents[i] = p;
            scores[i] = f->score;
        }
        ClassTime end = {f->started.unix_seconds + f->seconds, f->started.offset_minutes};
        if (i == 0 || f->started.unix_seconds < rep->first_start.unix_seconds)
            rep->first_start = f->started;
        if (i == 0 || end.unix_seconds > rep->last_finish.unix_seconds)
            rep->last_finish = end;
    }
    if (rep->student_count && percents && scores) {
        rep->mean_percent = sum_p / (double)rep->student_count;
        rep->mean_score = sum_s / (double)rep->student_count;
        rep->median_percent = median(percents, rep->student_count);
        rep->median_score = median(scores, rep->student_count);
    }
    free(percents);
    free(scores);
    for (size_t i = 0; i < rep->question_count; i++) {
        ReportQuestion *q = &rep->questions[i];
        qsort(q->wrong, q->wrong_count, sizeof q->wrong[0], compare_wrong);
    }
    make_topics(rep);
    qsort(rep->questions, rep->question_count, sizeof *rep->questions, compare_questions);
    for (size_t i = 0; i < rep->file_count; i++) {
        switch (rep->files[i].state) {
        case REPORT_FILE_FLAGGED:
            rep->flagged++;
            break;
        case REPORT_FILE_UNREADABLE:
            rep->unreadable++;
            break;
        case REPORT_FILE_DUPLICATE:
            rep->duplicates++;
            break;
        case REPORT_FILE_OTHER_ATTEMPT:
            rep->other_attempts++;
            break;
        case REPORT_FILE_COUNTED:
            rep->pack_changed += rep->files[i].pack_changed ? 1u : 0u;
            break;
        }
    }
}

/* ------------------------------------------------------------ the whole */

/* The session folder of `folder` (itself, or the parent of results/). */
static char *session_folder(const char *folder)
{
    char *file = cy_join(folder, "session.yaml");
    struct stat st;
    bool here = file && stat(file, &st) == 0;
    free(file);
    if (here)
        return dup_string(folder);
    char *copy = dup_string(folder);
    if (!copy)
        return NULL;
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    char *slash = strrchr(copy, '/');
    const char *last = slash ? slash + 1 : copy;
    if (strcmp(last, "results") != 0)
        return copy;
    if (!slash) {
        free(copy);
        return dup_string(".");
    }
    if (slash == copy)
        slash[1] = '\0'; /* "/results": the root */
    else
        *slash = '\0';
    return copy;
}

ReportStatus report_build(Report *rep, const char *folder, const char *const *installed,
                          size_t installed_count, FILE *csv, DiagList *diags)
{
    *rep = (Report){0};
    char *base = session_folder(folder);
    if (!base)
        return REPORT_NO_MEMORY;
    rep->folder = arena_text(rep, base);
    free(base);
    rep->session = session_load(rep->folder, diags);
    if (!rep->session)
        return REPORT_NO_SESSION;
    if (!session_resolve_packs(rep->session, installed, installed_count, &rep->packs, diags))
        return REPORT_NO_PACKS;
    RoundQuestionRef *refs = NULL;
    if (!session_draw(rep->session, &rep->packs, &refs, &rep->drawn))
        return REPORT_NO_MEMORY;
    IdIndex drawn = {0};
    bool made = make_questions(rep, refs, &drawn);
    free(refs);
    if (!made) {
        id_index_free(&drawn);
        return REPORT_NO_MEMORY;
    }
    char *dir = cy_join(rep->folder, "results/new");
    size_t count = 0;
    bool listed = false;
    char **names = dir ? list_results(dir, &count, &listed) : NULL;
    ReportStatus status = REPORT_OK;
    struct stat st;
    if (!listed && dir && stat(dir, &st) == 0)
        status = REPORT_NO_RESULTS; /* there, but unreadable */
    rep->files = arena_alloc_array(&rep->arena, count ? count : 1, sizeof *rep->files);
    if (!rep->files)
        status = REPORT_NO_MEMORY;
    for (size_t i = 0; i < count && rep->files; i++)
        scan_file(rep, &drawn, dir, names[i], &rep->files[rep->file_count++]);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    if (status == REPORT_OK) {
        choose(rep);
        if (csv) {
            for (size_t c = 0; c < report_csv_column_count; c++) {
                if (c)
                    fputc(',', csv);
                report_csv_field(csv, report_csv_columns[c]);
            }
            fputs("\r\n", csv);
        }
        for (size_t i = 0; i < rep->student_count; i++)
            sum_file(rep, &drawn, dir, &rep->files[rep->students[i]], csv);
        summarise(rep);
    }
    free(dir);
    id_index_free(&drawn);
    return status;
}

void report_free(Report *rep)
{
    session_packs_free(&rep->packs);
    session_free(rep->session);
    free(rep->students);
    arena_free(&rep->arena);
    *rep = (Report){0};
}
