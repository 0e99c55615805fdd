/* fuzz_result_read.c - libFuzzer target for the result file reader.
 *
 * Result files arrive from every student's computer over a share anybody
 * can write to, so the reader must hold for any bytes at all. Feeds them to
 * result_read_buffer() and checks, besides crashes (ASan), undefined
 * behaviour (UBSan), leaks (LSan) and hangs (-timeout):
 *   - false comes with at least one error; true with none;
 *   - every Diag names the file, with line and column >= 1;
 *   - an attempt read keeps the promises of result.h: ids are ids, texts
 *     valid UTF-8 and bounded, counts within their limits, every display
 *     order a permutation, checksums 64 hex digits;
 *   - what was read, written again by result_encode(), reads back to the
 *     same answers (the writer and the reader agree on every file).
 * A broken promise prints what broke and aborts. Build and run:
 *   FUZZ_TARGET=fuzz_result_read tests/fuzz/run-fuzz.sh SECONDS BUILD_DIR
 * Read result.h first.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "result.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char FUZZ_NAME[] = "fuzz-result.yaml";

static void fuzz_check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_result_read: invariant broken: %s\n", what);
        abort();
    }
}

/* Strict UTF-8 and at most `max` bytes. */
static void fuzz_text(const char *text, size_t max, const char *what)
{
    fuzz_check(text != NULL, what);
    fuzz_check(strlen(text) <= max, what);
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        unsigned char c = *s;
        size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;
        fuzz_check(c < 0x80 || (c >= 0xC2 && c <= 0xF4), what);
        for (size_t i = 1; i <= extra; i++)
            fuzz_check((s[i] & 0xC0) == 0x80, what);
        s += extra + 1;
    }
}

static void fuzz_id(const char *id, const char *what)
{
    fuzz_text(id, 64, what);
    fuzz_check(id[0] != '\0' && id[0] != '-', what);
    for (const char *p = id; *p; p++)
        fuzz_check((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-', what);
}

static void fuzz_sha(const char *hex, const char *what)
{
    fuzz_check(strlen(hex) == 64, what);
    for (const char *p = hex; *p; p++)
        fuzz_check((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'), what);
}

static void fuzz_attempt(const ClassAttempt *a)
{
    fuzz_id(a->session_id, "session id");
    fuzz_sha(a->session_sha256, "session checksum");
    fuzz_check(a->pack_count <= RESULT_MAX_PACKS, "too many packs");
    for (size_t i = 0; i < a->pack_count; i++) {
        fuzz_id(a->packs[i].id, "pack id");
        fuzz_sha(a->packs[i].sha256, "pack checksum");
    }
    fuzz_text(a->student, SESSION_MAX_NAME, "student");
    fuzz_check(a->student[0] != '\0', "empty student");
    fuzz_text(a->roster_id, SESSION_MAX_NAME, "roster id");
    fuzz_text(a->host, 255, "host");
    fuzz_text(a->version, 64, "version");
    fuzz_check(a->finished.unix_seconds >= a->started.unix_seconds, "finished before started");
    fuzz_check((unsigned)a->status <= ATTEMPT_STOPPED, "status out of range");
    fuzz_check(a->answer_count <= RESULT_MAX_ANSWERS, "too many answers");
    for (size_t i = 0; i < a->answer_count; i++) {
        const AttemptAnswer *x = &a->answers[i];
        fuzz_id(x->pack_id, "answer pack");
        fuzz_id(x->question_id, "answer question");
        fuzz_text(x->given, 4096, "given");
        fuzz_check(x->display_count <= PACK_MAX_OPTIONS, "display too long");
        for (size_t k = 0; k < x->display_count; k++) {
            fuzz_check(x->display[k] < x->display_count, "display entry out of range");
            for (size_t j = 0; j < k; j++)
                fuzz_check(x->display[j] != x->display[k], "display repeats an entry");
        }
        fuzz_check(x->answer.int_count <= ANSWER_RECORD_MAX_INTS, "too many ints");
        fuzz_check(x->answer.text_count <= ANSWER_RECORD_MAX_TEXTS, "too many texts");
        for (size_t k = 0; k < x->answer.text_count; k++)
            fuzz_text(x->answer.texts[k], 4096, "answer text");
        fuzz_check(x->score >= 0.0 && x->score <= 1.0, "score outside 0..1");
        fuzz_check(x->ms >= 0 && x->limit_ms >= 0 && x->points >= 0, "negative number");
    }
}

static void fuzz_diags(const DiagList *d)
{
    for (size_t i = 0; i < d->count; i++) {
        fuzz_check(d->items[i].file && strcmp(d->items[i].file, FUZZ_NAME) == 0,
                   "diag does not name the file");
        fuzz_check(d->items[i].line >= 1 && d->items[i].column >= 1, "diag position < 1");
        fuzz_check(d->items[i].message && d->items[i].message[0], "diag message empty");
    }
}

/* Written again, the attempt reads back the same. */
static void fuzz_round_trip(const ClassAttempt *a)
{
    char *bytes = NULL;
    size_t n = 0;
    fuzz_check(result_encode(a, &bytes, &n) == RESULT_OK, "a read attempt does not encode");
    ClassAttempt b;
    DiagList d = {0};
    bool ok = result_read_buffer(FUZZ_NAME, bytes, n, &b, &d);
    if (!ok)
        fprintf(stderr, "%.*s\n", (int)n, bytes);
    fuzz_check(ok, "a written attempt does not read back");
    fuzz_check(b.answer_count == a->answer_count, "answers lost in the round trip");
    for (size_t i = 0; i < a->answer_count; i++) {
        const AttemptAnswer *x = &a->answers[i], *y = &b.answers[i];
        fuzz_check(strcmp(x->question_id, y->question_id) == 0, "question changed");
        fuzz_check(x->answer.int_count == y->answer.int_count, "ints changed");
        fuzz_check(x->answer.text_count == y->answer.text_count, "texts changed");
        for (size_t k = 0; k < x->answer.text_count; k++)
            fuzz_check(strcmp(x->answer.texts[k], y->answer.texts[k]) == 0, "a text changed");
        fuzz_check(x->right == y->right && x->timed_out == y->timed_out, "a flag changed");
    }
    fuzz_check(strcmp(a->student, b.student) == 0, "student changed");
    class_attempt_free(&b);
    diag_clear(&d);
    free(bytes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ClassAttempt a;
    DiagList d = {0};
    bool ok = result_read_buffer(FUZZ_NAME, (const char *)data, size, &a, &d);
    fuzz_diags(&d);
    if (ok) {
        fuzz_check(d.error_count == 0, "read with errors");
        fuzz_attempt(&a);
        fuzz_round_trip(&a);
    } else {
        fuzz_check(d.error_count >= 1, "refused without an error");
    }
    class_attempt_free(&a);
    diag_clear(&d);
    return 0;
}
