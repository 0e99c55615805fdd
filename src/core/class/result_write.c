/* result_write.c - building a ClassAttempt while it is played, and writing
 * it as a result file that is never overwritten (result.h).
 *
 * Writing is two steps so that the play side can keep the bytes when the
 * share is down and deliver them later: result_encode() makes the bytes
 * with libyaml's emitter, result_publish() puts them in results/new/ by way
 * of results/tmp/. A name in new/ is claimed with link(), which fails
 * instead of replacing an existing file; on file systems without hard links
 * (FAT sticks, some SMB shares) renameat2(RENAME_NOREPLACE) does the same,
 * and where even that is missing a plain rename after checking that the
 * name is free is used: the names carry the student, the computer, the
 * second and 32 random bits, so two writers never race for one name.
 * Session ids are checked with yc_is_id (yaml_cursor.h), the readers' own
 * test.
 *
 * Read result.h first.
 */
/* renameat2 and RENAME_NOREPLACE are GNU (Linux 3.15, glibc 2.28). */
#define _GNU_SOURCE

#include "result.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "class_yaml.h"
#include "strbuf.h"
#include "yaml_emit.h"

const char *attempt_status_name(AttemptStatus status)
{
    switch (status) {
    case ATTEMPT_FINISHED:
        return "finished";
    case ATTEMPT_TIME_UP:
        return "time-up";
    case ATTEMPT_STOPPED:
        return "stopped";
    }
    return "?";
}

/* ------------------------------------------------------------- building */

static const char *copy(Arena *arena, const char *s)
{
    return arena_strdup(arena, s ? s : "");
}

bool class_attempt_begin(ClassAttempt *a, const Session *session, const SessionPacks *packs,
                         const char *student, const char *roster_id, const char *host,
                         const char *version, ClassTime started, size_t question_count)
{
    *a = (ClassAttempt){0};
    a->session_id = copy(&a->arena, session->id);
    memcpy(a->session_sha256, session->sha256, sizeof a->session_sha256);
    a->student = copy(&a->arena, student);
    a->roster_id = copy(&a->arena, roster_id);
    a->host = copy(&a->arena, host);
    a->version = copy(&a->arena, version);
    a->started = a->finished = started;
    a->status = ATTEMPT_STOPPED; /* until it ends otherwise */
    a->totals.questions = question_count;
    a->packs =
        arena_alloc_array(&a->arena, packs->pack_count ? packs->pack_count : 1, sizeof *a->packs);
    if (!a->session_id || !a->student || !a->roster_id || !a->host || !a->version || !a->packs)
        return false;
    for (size_t i = 0; i < packs->pack_count; i++) {
        a->packs[i].id = copy(&a->arena, packs->packs[i].pack->id);
        if (!a->packs[i].id)
            return false;
        memcpy(a->packs[i].sha256, packs->packs[i].sha256, CLASS_SHA256_HEX);
    }
    a->pack_count = packs->pack_count;
    return true;
}

bool class_attempt_add(ClassAttempt *a, const RoundQuestion *rq, const Answer *answer)
{
    if (!rq || !answer || rq->result.timed_out)
        return class_attempt_add_record(a, rq, NULL);
    AnswerRecord rec;
    question_kind(rq->question->type)->encode(rq->question, answer, &rec);
    return class_attempt_add_record(a, rq, &rec);
}

bool class_attempt_add_record(ClassAttempt *a, const RoundQuestion *rq, const AnswerRecord *rec)
{
    if (a->answer_count >= RESULT_MAX_ANSWERS || !rq || !rq->answered)
        return false;
    if (a->answer_count == a->answer_cap) {
        size_t cap = a->answer_cap ? a->answer_cap * 2 : 16;
        AttemptAnswer *grown = arena_alloc_array(&a->arena, cap, sizeof *grown);
        if (!grown)
            return false;
        if (a->answer_count)
            memcpy(grown, a->answers, a->answer_count * sizeof *grown);
        a->answers = grown;
        a->answer_cap = cap;
    }
    const RoundResult *r = &rq->result;
    AttemptAnswer *out = &a->answers[a->answer_count];
    *out = (AttemptAnswer){
        .pack_id = copy(&a->arena, rq->pack->id),
        .question_id = copy(&a->arena, rq->question->id),
        .display_count = rq->display_count,
        .given = copy(&a->arena, r->given_text),
        .right = r->correct,
        .score = r->fraction_right,
        .points = (int64_t)r->points + r->streak_bonus,
        .ms = r->elapsed_ms,
        .limit_ms = rq->time_limit_ms,
        .timed_out = r->timed_out,
    };
    memcpy(out->display, rq->display, sizeof out->display);
    if (rec && !r->timed_out) {
        if (rec->int_count > ANSWER_RECORD_MAX_INTS || rec->text_count > ANSWER_RECORD_MAX_TEXTS)
            return false;
        out->answer.int_count = rec->int_count;
        memcpy(out->answer.ints, rec->ints, sizeof rec->ints);
        for (size_t i = 0; i < rec->text_count; i++) {
            out->answer.texts[i] = copy(&a->arena, rec->texts[i]);
            if (!out->answer.texts[i])
                return false;
        }
        out->answer.text_count = rec->text_count;
    }
    if (!out->pack_id || !out->question_id || !out->given)
        return false;
    a->answer_count++;
    return true;
}

void class_attempt_end(ClassAttempt *a, AttemptStatus status, ClassTime finished)
{
    a->status = status;
    a->finished = finished;
    AttemptTotals t = {.questions = a->totals.questions};
    for (size_t i = 0; i < a->answer_count; i++) {
        const AttemptAnswer *x = &a->answers[i];
        t.answered += x->timed_out ? 0u : 1u;
        t.timed_out += x->timed_out ? 1u : 0u;
        t.right += x->right ? 1u : 0u;
        t.score += x->score;
        t.points += x->points;
    }
    if (t.questions < a->answer_count)
        t.questions = a->answer_count;
    a->totals = t;
}

void class_attempt_free(ClassAttempt *a)
{
    arena_free(&a->arena);
    *a = (ClassAttempt){0};
}

/* ------------------------------------------------------------------ name */

/* Appends a name part: ASCII letters, digits and '_' and non-ASCII bytes
 * kept, every other run of characters one '_', cut to RESULT_NAME_PART
 * bytes at a character boundary, "x" when nothing is left. */
static void name_part(StrBuf *b, const char *text)
{
    size_t start = b->len, kept = 0;
    bool gap = false;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        size_t len = 1; /* the bytes of this character */
        if (*p >= 0xC0)
            while (p[len] && (p[len] & 0xC0) == 0x80 && len < 4)
                len++;
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '_' || *p >= 0x80;
        if (!ok) {
            gap = kept > 0;
        } else {
            size_t need = (gap ? 1 : 0) + len;
            if (kept + need > RESULT_NAME_PART)
                break;
            if (gap)
                strbuf_add_n(b, "_", 1);
            strbuf_add_n(b, (const char *)p, len);
            kept += need;
            gap = false;
        }
        p += len;
    }
    if (b->len == start)
        strbuf_add(b, "x");
}

void result_file_name(const ClassAttempt *a, uint64_t nonce, char name[RESULT_NAME_MAX])
{
    StrBuf b = {0};
    strbuf_add(&b, a->session_id && yc_is_id(a->session_id) ? a->session_id : "session");
    strbuf_add(&b, "--");
    name_part(&b, a->student ? a->student : "");
    strbuf_add(&b, "--");
    name_part(&b, a->host ? a->host : "");
    char when[CLASS_TIME_COMPACT];
    class_time_compact(a->started, when);
    strbuf_addf(&b, "--%s--%08x.yaml", when, (unsigned)(nonce & 0xFFFFFFFFu));
    strbuf_copy_out(&b, name, RESULT_NAME_MAX);
    strbuf_free(&b);
}

/* -------------------------------------------------------------- encoding */

static void boolean(YamlEmit *m, bool v)
{
    yaml_emit_plain(m, v ? "true" : "false");
}

/* A fraction as few digits as it needs: 1, 0.75, 0.3333 (4 places). */
static void fraction(YamlEmit *m, double v)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.4f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    yaml_emit_plain(m, buf);
}

static void time_value(YamlEmit *m, ClassTime t)
{
    char buf[CLASS_TIME_TEXT];
    class_time_format(t, buf);
    yaml_emit_plain(m, buf);
}

static void emit_answer(YamlEmit *m, const AttemptAnswer *x)
{
    yaml_emit_start(m, YAML_EMIT_MAP, false);
    yaml_emit_key_plain(m, "pack", x->pack_id);
    yaml_emit_key_plain(m, "question", x->question_id);
    yaml_emit_plain(m, "display");
    yaml_emit_start(m, YAML_EMIT_SEQ, true);
    for (size_t k = 0; k < x->display_count && k < PACK_MAX_OPTIONS; k++)
        yaml_emit_int(m, (long long)x->display[k]);
    yaml_emit_end(m, YAML_EMIT_SEQ);
    yaml_emit_plain(m, "answer");
    yaml_emit_start(m, YAML_EMIT_MAP, true);
    yaml_emit_plain(m, "ints");
    yaml_emit_start(m, YAML_EMIT_SEQ, true);
    for (size_t k = 0; k < x->answer.int_count && k < ANSWER_RECORD_MAX_INTS; k++)
        yaml_emit_int(m, (long long)x->answer.ints[k]);
    yaml_emit_end(m, YAML_EMIT_SEQ);
    yaml_emit_plain(m, "texts");
    yaml_emit_start(m, YAML_EMIT_SEQ, true);
    for (size_t k = 0; k < x->answer.text_count && k < ANSWER_RECORD_MAX_TEXTS; k++)
        yaml_emit_quoted(m, x->answer.texts[k] ? x->answer.texts[k] : "");
    yaml_emit_end(m, YAML_EMIT_SEQ);
    yaml_emit_end(m, YAML_EMIT_MAP);
    yaml_emit_key_quoted(m, "given", x->given ? x->given : "");
    yaml_emit_plain(m, "right");
    boolean(m, x->right);
    yaml_emit_plain(m, "score");
    fraction(m, x->score);
    yaml_emit_key_int(m, "points", (long long)x->points);
    yaml_emit_key_int(m, "ms", (long long)x->ms);
    yaml_emit_key_int(m, "limit_ms", (long long)x->limit_ms);
    yaml_emit_plain(m, "timed_out");
    boolean(m, x->timed_out);
    yaml_emit_end(m, YAML_EMIT_MAP);
}

static void emit_attempt(YamlEmit *m, const ClassAttempt *a)
{
    yaml_emit_start(m, YAML_EMIT_MAP, false);
    yaml_emit_key_int(m, "format", RESULT_FORMAT_VERSION);
    yaml_emit_key_plain(m, "kind", "result");
    yaml_emit_key_plain(m, "session", a->session_id);
    yaml_emit_key_plain(m, "session_sha256", a->session_sha256);
    yaml_emit_plain(m, "packs");
    yaml_emit_start(m, YAML_EMIT_SEQ, false);
    for (size_t i = 0; i < a->pack_count; i++) {
        yaml_emit_start(m, YAML_EMIT_MAP, true);
        yaml_emit_key_plain(m, "id", a->packs[i].id);
        yaml_emit_key_plain(m, "sha256", a->packs[i].sha256);
        yaml_emit_end(m, YAML_EMIT_MAP);
    }
    yaml_emit_end(m, YAML_EMIT_SEQ);
    yaml_emit_key_quoted(m, "student", a->student);
    yaml_emit_key_quoted(m, "roster_id", a->roster_id ? a->roster_id : "");
    yaml_emit_key_quoted(m, "host", a->host);
    yaml_emit_key_quoted(m, "quizdeck", a->version);
    yaml_emit_plain(m, "started");
    time_value(m, a->started);
    yaml_emit_plain(m, "finished");
    time_value(m, a->finished);
    yaml_emit_key_plain(m, "status", attempt_status_name(a->status));
    yaml_emit_plain(m, "questions");
    yaml_emit_start(m, YAML_EMIT_SEQ, a->answer_count == 0);
    for (size_t i = 0; i < a->answer_count; i++)
        emit_answer(m, &a->answers[i]);
    yaml_emit_end(m, YAML_EMIT_SEQ);
    yaml_emit_plain(m, "totals");
    yaml_emit_start(m, YAML_EMIT_MAP, false);
    yaml_emit_key_int(m, "questions", (long long)a->totals.questions);
    yaml_emit_key_int(m, "answered", (long long)a->totals.answered);
    yaml_emit_key_int(m, "timed_out", (long long)a->totals.timed_out);
    yaml_emit_key_int(m, "right", (long long)a->totals.right);
    yaml_emit_plain(m, "score");
    fraction(m, a->totals.score);
    yaml_emit_key_int(m, "points", (long long)a->totals.points);
    yaml_emit_end(m, YAML_EMIT_MAP);
    yaml_emit_end(m, YAML_EMIT_MAP);
}

ResultStatus result_encode(const ClassAttempt *a, char **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    if (!a->session_id || !yc_is_id(a->session_id) || !a->student || !a->host || !a->version ||
        (a->answer_count && !a->answers))
        return RESULT_INVALID;
    for (size_t i = 0; i < a->pack_count; i++)
        if (!a->packs[i].id)
            return RESULT_INVALID;
    StrBuf out = {0};
    YamlEmit m;
    if (!yaml_emit_open(&m, &out, -1)) /* -1: no folding of long answers */
        return RESULT_NO_MEMORY;
    emit_attempt(&m, a);
    bool emitter_error = false;
    bool ok = yaml_emit_close(&m, &emitter_error);
    size_t n = out.len;
    char *bytes = strbuf_take(&out);
    if (!ok || !bytes) {
        free(bytes);
        return emitter_error ? RESULT_INVALID : RESULT_NO_MEMORY;
    }
    *data = bytes;
    *size = n;
    return RESULT_OK;
}

/* ------------------------------------------------------------ publishing */

static ResultStatus fail(ResultWritten *out, int error, const char *what, const char *path)
{
    out->error = error;
    StrBuf b = {0};
    strbuf_addf(&b, "%s %s: %s", what, path ? path : "", strerror(error));
    strbuf_copy_out(&b, out->message, sizeof out->message);
    strbuf_free(&b);
    return error == ENOMEM ? RESULT_NO_MEMORY : RESULT_UNWRITABLE;
}

/* mkdir that accepts an existing folder. Folders are made writable for all
 * (the umask decides): on a shared folder every student's account writes. */
static bool make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return true;
        errno = ENOTDIR;
    }
    return false;
}

/* Writes all of data to a new file; fsync before close. */
static bool write_new_file(const char *path, const char *data, size_t size, int *error)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) {
        *error = errno;
        return false;
    }
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n < 0 ? errno : EIO;
            close(fd);
            unlink(path);
            return false;
        }
        done += (size_t)n;
    }
    if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        *error = errno;
        close(fd);
        unlink(path);
        return false;
    }
    if (close(fd) != 0) {
        *error = errno;
        unlink(path);
        return false;
    }
    return true;
}

/* Claims `to` for the file at `from` without ever replacing a file:
 * 0 on success, else an errno (EEXIST when the name is taken). */
static int claim(const char *from, const char *to)
{
    if (link(from, to) == 0) {
        unlink(from);
        return 0;
    }
    int e = errno;
    if (e == EEXIST)
        return EEXIST;
    /* No hard links here (FAT, some shares): a rename that refuses to
     * replace, else a rename into a name just seen to be free. */
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    e = errno;
    if (e == EEXIST)
        return EEXIST;
    if (e != EINVAL && e != ENOSYS && e != ENOTSUP && e != EPERM)
        return e;
    struct stat st;
    if (lstat(to, &st) == 0)
        return EEXIST;
    if (rename(from, to) != 0)
        return errno;
    return 0;
}

/* True when the file at path holds exactly data. */
static bool same_bytes(const char *path, const char *data, size_t size)
{
    char *have = NULL;
    size_t n = 0;
    bool same = cy_read_file(path, RESULT_MAX_FILE_BYTES, true, &have, &n) == CY_FILE_OK &&
                n == size && memcmp(have, data, size) == 0;
    free(have);
    return same;
}

static void sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* not every file system can; the file itself is synced */
        close(fd);
    }
}

/* NAME.yaml -> NAME-k.yaml into buf. */
static void numbered(const char *name, int k, char *buf, size_t size)
{
    size_t n = strlen(name);
    size_t stem = n > 5 && strcmp(name + n - 5, ".yaml") == 0 ? n - 5 : n;
    snprintf(buf, size, "%.*s-%d.yaml", (int)stem, name, k);
}

/* The folders and paths of one publish, all malloc'd. */
typedef struct Paths {
    char *results, *tmp_dir, *new_dir, *tmp, *dest;
} Paths;

static void paths_free(Paths *p)
{
    free(p->results);
    free(p->tmp_dir);
    free(p->new_dir);
    free(p->tmp);
    free(p->dest);
    *p = (Paths){0};
}

static ResultStatus publish(Paths *p, const char *folder, const char *name, const char *data,
                            size_t size, ResultWritten *out)
{
    p->results = cy_join(folder && folder[0] ? folder : ".", "results");
    p->tmp_dir = p->results ? cy_join(p->results, "tmp") : NULL;
    p->new_dir = p->results ? cy_join(p->results, "new") : NULL;
    p->tmp = p->tmp_dir ? cy_join(p->tmp_dir, name) : NULL;
    if (!p->tmp || !p->new_dir)
        return fail(out, ENOMEM, "out of memory for", name);
    if (!make_dir(p->results))
        return fail(out, errno, "cannot make the results folder", p->results);
    if (!make_dir(p->tmp_dir))
        return fail(out, errno, "cannot make", p->tmp_dir);
    if (!make_dir(p->new_dir))
        return fail(out, errno, "cannot make", p->new_dir);
    int error = 0;
    if (!write_new_file(p->tmp, data, size, &error)) {
        if (error != EEXIST)
            return fail(out, error, "cannot write", p->tmp);
        /* A temporary file of this very name: this attempt's own leftover
         * from a writer that died (the name is the attempt's). */
        unlink(p->tmp);
        if (!write_new_file(p->tmp, data, size, &error))
            return fail(out, error, "cannot write", p->tmp);
    }
    char chosen[RESULT_NAME_MAX];
    snprintf(chosen, sizeof chosen, "%s", name);
    for (int k = 1; k <= 100; k++) {
        if (k > 1)
            numbered(name, k, chosen, sizeof chosen);
        free(p->dest);
        p->dest = cy_join(p->new_dir, chosen);
        if (!p->dest) {
            unlink(p->tmp);
            return fail(out, ENOMEM, "out of memory for", name);
        }
        error = claim(p->tmp, p->dest);
        if (error == 0)
            break;
        if (error != EEXIST) {
            unlink(p->tmp);
            return fail(out, error, "cannot move the result into", p->new_dir);
        }
        if (same_bytes(p->dest, data, size)) {
            unlink(p->tmp);
            out->already_there = true;
            error = 0;
            break;
        }
    }
    if (error) {
        unlink(p->tmp);
        return fail(out, EEXIST, "no free name for the result in", p->new_dir);
    }
    sync_dir(p->new_dir);
    snprintf(out->name, sizeof out->name, "%s", chosen);
    StrBuf b = {0};
    strbuf_add(&b, p->dest);
    strbuf_copy_out(&b, out->path, sizeof out->path);
    strbuf_free(&b);
    return RESULT_OK;
}

ResultStatus result_publish(const char *folder, const char *name, const char *data, size_t size,
                            ResultWritten *out)
{
    *out = (ResultWritten){0};
    if (!name[0] || strchr(name, '/') || name[0] == '.' || strlen(name) >= RESULT_NAME_MAX - 8)
        return RESULT_INVALID;
    Paths p = {0};
    ResultStatus st = publish(&p, folder, name, data, size, out);
    paths_free(&p);
    return st;
}

ResultStatus result_write(const char *folder, const ClassAttempt *a, uint64_t nonce,
                          ResultWritten *out)
{
    *out = (ResultWritten){0};
    char *data = NULL;
    size_t size = 0;
    ResultStatus st = result_encode(a, &data, &size);
    if (st != RESULT_OK) {
        snprintf(out->message, sizeof out->message, "%s",
                 st == RESULT_INVALID ? "the attempt is incomplete" : "out of memory");
        return st;
    }
    char name[RESULT_NAME_MAX];
    result_file_name(a, nonce, name);
    st = result_publish(folder, name, data, size, out);
    free(data);
    return st;
}
