/* fuzz_pack_set.c - libFuzzer target for the folder reader: the input
 * becomes a folder of entries (files, links, FIFOs, folders), which
 * pack_set_add_path() reads.
 *
 * Next to the folder lies another one with a "secret" pack (another user's
 * file). For any folder:
 *   - the call returns (a FIFO read would block: libFuzzer's -timeout);
 *   - nothing outside the folder is read: no pack has the secret's id, no
 *     message quotes its marker, every loaded pack's path is in the folder;
 *   - every pack-named entry not starting with a dot is read or listed,
 *     and a refused one (not_read) carries exactly one error;
 *   - every message formats as one printable line (no control character).
 * Input: entries separated by NUL bytes; each is a kind byte, a name up to
 * the first newline, then its content (a file's text, or a link's target).
 * Build and run: tests/fuzz/run-fuzz.sh SECONDS BUILD fuzz_pack_set.
 * Read pack_set.h and fsutil.h first.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack_set.h"
#include "test_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_MAX_ENTRIES = 16, FUZZ_MAX_NAME = 48, FUZZ_MAX_TARGET = 128 };

static const char secret_marker[] = "SECRETMARKERXYZ";

static void fuzz_check(bool ok, const char *what, const char *detail)
{
    if (!ok) {
        fprintf(stderr, "fuzz_pack_set: invariant broken: %s%s%s\n", what, detail ? ": " : "",
                detail ? detail : "");
        abort();
    }
}

static void write_bytes(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

/* The kinds of entry an input can make. */
typedef enum FuzzKind {
    KIND_FILE,     /* a regular file with the content */
    KIND_LINK,     /* a link to the content, as written */
    KIND_LINK_OUT, /* a link to the secret next door */
    KIND_FIFO,
    KIND_FOLDER,
    KIND_NESTED, /* a file in sub/, and a link to it */
    KIND_COUNT
} FuzzKind;

/* A file name from input bytes: no '/', no NUL, not "." or "..", with a
 * pack extension when the kind byte's high bit says so. */
static void make_name(char *name, const char *bytes, size_t n, bool pack)
{
    size_t used = 0;
    for (size_t i = 0; i < n && used < FUZZ_MAX_NAME; i++)
        if (bytes[i] != '/' && bytes[i] != '\0')
            name[used++] = bytes[i];
    name[used] = '\0';
    if (used == 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        strcpy(name, "x");
    if (pack)
        strcat(name, ".yaml");
}

static void make_entry(const char *dir, FuzzKind kind, const char *name, const char *content,
                       size_t n)
{
    char path[512], target[FUZZ_MAX_TARGET + 1];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    switch (kind) {
    case KIND_FILE:
        write_bytes(path, content, n);
        break;
    case KIND_LINK:
        snprintf(target, sizeof target, "%.*s", (int)(n < FUZZ_MAX_TARGET ? n : FUZZ_MAX_TARGET),
                 content);
        if (target[0])
            (void)!symlink(target, path);
        break;
    case KIND_LINK_OUT:
        (void)!symlink("../other/secret.yaml", path);
        break;
    case KIND_FIFO:
        mkfifo(path, 0644);
        break;
    case KIND_FOLDER:
        mkdir(path, 0755);
        break;
    case KIND_NESTED: {
        char nested[600];
        snprintf(nested, sizeof nested, "%s/sub/%s", dir, name);
        write_bytes(nested, content, n);
        snprintf(target, sizeof target, "sub/%s", name);
        (void)!symlink(target, path);
        break;
    }
    case KIND_COUNT:
        break;
    }
}

/* True when the input itself holds `word`: then the folder's own files may
 * say it, and it proves nothing. */
static bool input_has(const uint8_t *data, size_t size, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= size; i++)
        if (memcmp(data + i, word, n) == 0)
            return true;
    return false;
}

static void check_set(const PackSet *set, const char *dir, bool marker_is_secret)
{
    size_t dir_len = strlen(dir);
    for (size_t i = 0; i < set->pack_count; i++) {
        const Pack *p = set->packs[i];
        fuzz_check(!marker_is_secret || strcmp(p->id, "secret-pack") != 0,
                   "the secret next door was loaded", p->path);
        fuzz_check(strncmp(p->path, dir, dir_len) == 0 && p->path[dir_len] == '/',
                   "a pack from outside the folder", p->path);
    }
    for (size_t r = 0; r < set->report_count; r++) {
        const PackReport *report = &set->reports[r];
        for (size_t i = 0; i < report->diags.count; i++) {
            const Diag *d = &report->diags.items[i];
            fuzz_check(!marker_is_secret || !strstr(d->message, secret_marker),
                       "a message quotes the secret", d->message);
            char line[1024];
            diag_format(d, line, sizeof line);
            for (const unsigned char *c = (const unsigned char *)line; *c; c++)
                fuzz_check(*c >= 0x20 && *c != 0x7F, "a control character printed", line);
        }
        if (report->not_read)
            fuzz_check(report->diags.count == 1 && report->diags.error_count == 1,
                       "a refused entry without its one reason", report->path);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char root[] = "/tmp/quizdeck-fuzz-set-XXXXXX";
    if (!mkdtemp(root))
        return 0;
    char dir[128], path[256];
    snprintf(dir, sizeof dir, "%s/packs", root);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/sub", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/other", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/other/secret.yaml", root);
    const char secret[] = "format: 1\nid: secret-pack\ntitle: SECRETMARKERXYZ\nquestions:\n"
                          "  - {id: a, type: truefalse, prompt: P, answer: true, explain: E}\n"
                          "SECRETMARKERXYZ: 1\n";
    write_bytes(path, secret, sizeof secret - 1);

    char made[FUZZ_MAX_ENTRIES][FUZZ_MAX_NAME + 8];
    size_t made_count = 0, at = 0;
    for (size_t e = 0; e < FUZZ_MAX_ENTRIES && at < size; e++) {
        const uint8_t *end = memchr(data + at, '\0', size - at);
        size_t len = end ? (size_t)(end - (data + at)) : size - at;
        const char *entry = (const char *)data + at;
        at += len + 1;
        if (len == 0)
            continue;
        unsigned kind_byte = (unsigned char)entry[0];
        const char *rest = entry + 1;
        size_t rest_len = len - 1;
        const char *newline = memchr(rest, '\n', rest_len);
        size_t name_len = newline ? (size_t)(newline - rest) : rest_len;
        char name[FUZZ_MAX_NAME + 8];
        bool pack = (kind_byte & 0x80) == 0; /* mostly pack names */
        make_name(name, rest, name_len, pack);
        const char *content = newline ? newline + 1 : "";
        size_t content_len = newline ? rest_len - name_len - 1 : 0;
        char check[512];
        struct stat st;
        snprintf(check, sizeof check, "%s/%s", dir, name);
        if (lstat(check, &st) == 0)
            continue; /* a name used twice: the first entry stands */
        make_entry(dir, (FuzzKind)((kind_byte & 0x7F) % KIND_COUNT), name, content, content_len);
        if (pack_set_is_pack_name(name) && name[0] != '.' && lstat(check, &st) == 0)
            strcpy(made[made_count++], name);
    }

    PackSet set = {0};
    pack_set_add_path(&set, dir);
    check_set(&set, dir,
              !input_has(data, size, secret_marker) && !input_has(data, size, "secret-pack"));
    /* Every entry that is not a link is read or listed; a link may be the
     * second name of a file read already, which is read once. */
    fuzz_check(set.report_count <= made_count, "an entry read twice or made up", NULL);
    for (size_t i = 0; i < made_count; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, made[i]);
        bool listed = false;
        for (size_t r = 0; r < set.report_count && !listed; r++)
            listed = strcmp(set.reports[r].path, path) == 0;
        struct stat st;
        fuzz_check(listed || (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)),
                   "an entry skipped silently", path);
    }
    fuzz_check(set.pack_count + set.failure_count == set.report_count, "reports and packs disagree",
               NULL);
    pack_set_free(&set);
    test_remove_tree(root);
    return 0;
}
