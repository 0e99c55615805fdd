/* bench_cache.c - what the pack cache saves, and what it costs.
 *
 * Generates a valid pack (50,000 questions by default, all eight types, as
 * bench_load's generator writes them) and prints, as medians over the runs:
 *   - the content hash: hash64 (hash64.h) against Nettle's SHA-256 over
 *     the file's bytes in memory, and the whole key check of a hit (the
 *     file read with pread in 256 KiB pieces and hashed);
 *   - a load without the cache (pack_load_file: libyaml and the checks),
 *     a cold load through the cache (the same, plus hashing, writing the
 *     entry and reading it back) and a warm one (a hit);
 *   - the peak resident memory (VmHWM) of a fresh process for each, minus
 *     that of one that loads nothing, and for a hit whose every string is
 *     then read, which is what copying the strings into the pack's arena
 *     (instead of pointing into the mapped entry) would keep resident.
 * Wall clock (CLOCK_MONOTONIC) with the CPU time beside it. The figures
 * never make it fail (design rule 11): only a load that does not give the
 * generated pack, or differs from the YAML's, does.
 *
 * Usage: bench_cache [--questions N] [--runs N] [--seed N]
 * Linux only for the memory figures. Read pack_cache.h first.
 */
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hash64.h"
#include "pack.h"
#include "pack_cache.h"
#include "pack_gen.h"
#include "pack_load.h"
#include "test_support.h"

enum { BENCH_MAX_RUNS = 101 };

static double now_ms(void)
{
    return test_clock_ms(CLOCK_MONOTONIC);
}

static double cpu_ms(void)
{
    return test_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static long long self_hwm(void)
{
    FILE *status = fopen("/proc/self/status", "r");
    if (!status)
        return -1;
    char line[256];
    long long kib = -1;
    while (fgets(line, sizeof line, status))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = strtoll(line + 6, NULL, 10);
    fclose(status);
    return kib < 0 ? -1 : kib * 1024;
}

/* Reads every string of the pack, as screens showing all of it would. */
static size_t touch_every_string(const Pack *p)
{
    size_t n = strlen(p->title) + strlen(p->description);
    for (size_t i = 0; i < p->question_count; i++) {
        const Question *q = &p->questions[i];
        n += strlen(q->id) + strlen(q->prompt) + strlen(q->explain) + strlen(q->answer) +
             strlen(q->text) + strlen(q->front) + strlen(q->back) + strlen(q->topic);
        for (size_t k = 0; k < q->choice_count; k++)
            n += strlen(q->choices[k]);
        for (size_t k = 0; k < q->item_count; k++)
            n += strlen(q->items[k]);
        for (size_t k = 0; k < q->accept_count; k++)
            n += strlen(q->accept[k]);
        for (size_t k = 0; k < q->tag_count; k++)
            n += strlen(q->tags[k]);
        for (size_t k = 0; k < q->pair_count; k++)
            n += strlen(q->pairs[k].left) + strlen(q->pairs[k].right);
        for (size_t k = 0; k < q->gap_count; k++) {
            n += strlen(q->gaps[k].answer) + strlen(q->gaps[k].hint);
            for (size_t j = 0; j < q->gaps[k].accept_count; j++)
                n += strlen(q->gaps[k].accept[j]);
        }
        if (q->cloze_parts)
            for (size_t k = 0; k <= q->gap_count; k++)
                n += strlen(q->cloze_parts[k]);
    }
    return n;
}

/* One load, as a mode names it. False when it did not give the pack. */
static bool load_once(const char *mode, const char *path, const char *cache, size_t questions,
                      PackCacheOutcome *outcome)
{
    DiagList diags = {0};
    PackCacheInfo info = {0};
    Pack *p;
    if (strcmp(mode, "yaml") == 0)
        p = pack_load_file(path, &diags);
    else
        p = pack_cache_load_file(cache, path, &diags, &info);
    bool ok = p && p->question_count == questions && diags.error_count == 0;
    if (ok && strcmp(mode, "touch") == 0)
        ok = touch_every_string(p) > 0;
    if (outcome)
        *outcome = info.outcome;
    pack_free(p);
    diag_clear(&diags);
    return ok;
}

/* The child of a memory figure: loads once in `mode` ("none", "yaml",
 * "cold", "warm", "touch") and prints its VmHWM. */
static int child(const char *mode, const char *path, const char *cache, size_t questions)
{
    bool ok = true;
    if (strcmp(mode, "cold") == 0) {
        char entry_dir[4200];
        snprintf(entry_dir, sizeof entry_dir, "%s", cache);
        test_remove_tree(entry_dir);
    }
    if (strcmp(mode, "none") != 0)
        ok = load_once(mode, path, cache, questions, NULL);
    printf("%lld\n", self_hwm());
    return ok ? 0 : 1;
}

static long long child_hwm(const char *argv0, const char *mode, const char *path, const char *cache,
                           size_t questions)
{
    char count[32];
    snprintf(count, sizeof count, "%zu", questions);
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {(char *)argv0, "--child", (char *)mode, (char *)path,
                        (char *)cache, count,     NULL};
        close(fds[0]);
        if (dup2(fds[1], STDOUT_FILENO) < 0)
            _exit(127);
        execv("/proc/self/exe", args);
        _exit(127);
    }
    close(fds[1]);
    char text[64] = {0};
    ssize_t n = pid > 0 ? read(fds[0], text, sizeof text - 1) : -1;
    close(fds[0]);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || n <= 0)
        return -1;
    return strtoll(text, NULL, 10);
}

typedef struct Timing {
    double wall, cpu;
} Timing;

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static Timing median_of(double *wall, double *cpu, size_t runs)
{
    qsort(wall, runs, sizeof *wall, compare_double);
    qsort(cpu, runs, sizeof *cpu, compare_double);
    return (Timing){wall[runs / 2], cpu[runs / 2]};
}

static bool read_file(const char *path, unsigned char **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    struct stat st;
    bool ok = fstat(fileno(f), &st) == 0;
    *size = ok ? (size_t)st.st_size : 0;
    *data = ok ? malloc(*size ? *size : 1) : NULL;
    ok = *data && fread(*data, 1, *size, f) == *size;
    fclose(f);
    return ok;
}

/* What a hit does before it may use its entry: read the whole pack file
 * (from the page cache) and hash it. */
static uint64_t pread_and_hash(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    static unsigned char buf[256 * 1024];
    Hash64 h;
    hash64_init(&h, PACK_CACHE_SEED);
    off_t at = 0;
    ssize_t got;
    while ((got = pread(fd, buf, sizeof buf, at)) > 0) {
        hash64_update(&h, buf, (size_t)got);
        at += got;
    }
    close(fd);
    return hash64_final(&h);
}

static void usage(void)
{
    fputs("usage: bench_cache [--questions N] [--runs N] [--seed N]\n"
          "  Generates a pack (default 50000 questions) and prints the time and peak\n"
          "  memory of loading it without the cache, cold and warm through it, and\n"
          "  of the content hash (hash64 against SHA-256).\n",
          stderr);
}

int main(int argc, char **argv)
{
    if (argc == 6 && strcmp(argv[1], "--child") == 0)
        return child(argv[2], argv[3], argv[4], (size_t)strtoull(argv[5], NULL, 10));
    size_t questions = 50000, runs = 7;
    unsigned long long seed = 20261127;
    for (int i = 1; i < argc; i += 2) {
        char *end = NULL;
        unsigned long long v = i + 1 < argc ? strtoull(argv[i + 1], &end, 10) : 0;
        bool ok = end && *end == '\0';
        if (ok && strcmp(argv[i], "--questions") == 0 && v >= 1 && v <= PACK_MAX_QUESTIONS)
            questions = (size_t)v;
        else if (ok && strcmp(argv[i], "--runs") == 0 && v >= 1 && v <= BENCH_MAX_RUNS)
            runs = (size_t)v;
        else if (ok && strcmp(argv[i], "--seed") == 0)
            seed = v;
        else {
            usage();
            return 2;
        }
    }
    char dir[TEST_DIR_SIZE], path[TEST_DIR_SIZE + 32], cache[TEST_DIR_SIZE + 32];
    if (!test_make_dir(dir))
        return 1;
    snprintf(path, sizeof path, "%s/pack.yaml", dir);
    snprintf(cache, sizeof cache, "%s/cache", dir);
    FILE *out = fopen(path, "wb");
    PackGenSpec spec = {.questions = questions, .seed = seed};
    bool written = out && pack_gen_write(out, &spec);
    written = out && fclose(out) == 0 && written;
    unsigned char *bytes = NULL;
    size_t size = 0;
    if (!written || !read_file(path, &bytes, &size)) {
        fprintf(stderr, "bench_cache: cannot write %s\n", path);
        test_remove_tree(dir);
        return 1;
    }
    const double mib = 1024.0 * 1024.0;
    printf("bench_cache: %zu questions, seed %llu, %zu runs (median)\n", questions, seed, runs);
    printf("  file              %.2f MiB\n", (double)size / mib);

    /* The hashes, over the bytes in memory. */
    double wall[BENCH_MAX_RUNS], cpu[BENCH_MAX_RUNS];
    volatile uint64_t sink = 0;
    for (size_t r = 0; r < runs; r++) {
        double t = now_ms();
        sink ^= hash64(bytes, size, PACK_CACHE_SEED);
        wall[r] = now_ms() - t;
        cpu[r] = wall[r];
    }
    Timing h64 = median_of(wall, cpu, runs);
    for (size_t r = 0; r < runs; r++) {
        struct sha256_ctx ctx;
        uint8_t digest[SHA256_DIGEST_SIZE];
        double t = now_ms();
        sha256_init(&ctx);
        sha256_update(&ctx, size, bytes);
        sha256_digest(&ctx, sizeof digest, digest);
        wall[r] = now_ms() - t;
        cpu[r] = wall[r];
        sink ^= digest[0];
    }
    Timing sha = median_of(wall, cpu, runs);
    for (size_t r = 0; r < runs; r++) {
        double t = now_ms(), c = cpu_ms();
        sink ^= pread_and_hash(path);
        wall[r] = now_ms() - t;
        cpu[r] = cpu_ms() - c;
    }
    Timing key = median_of(wall, cpu, runs);
    (void)sink;
    printf("  hash64            %7.1f ms  (%.1f GiB/s)\n", h64.wall,
           (double)size / mib / 1024.0 / (h64.wall / 1e3));
    printf("  SHA-256 (Nettle)  %7.1f ms  (%.1f GiB/s)\n", sha.wall,
           (double)size / mib / 1024.0 / (sha.wall / 1e3));
    printf("  key check of a hit: pread + hash64  %.1f ms (CPU %.1f ms)\n", key.wall, key.cpu);
    free(bytes);

    /* The loads. The first of each is checked against the YAML's pack. */
    static const char *const modes[] = {"yaml", "cold", "warm"};
    static const char *const labels[] = {"YAML, no cache", "cold (parse + write + map)",
                                         "warm (a hit)"};
    Timing t[3];
    int status = 0;
    for (int m = 0; m < 3; m++) {
        for (size_t r = 0; r < runs; r++) {
            if (strcmp(modes[m], "cold") == 0)
                test_remove_tree(cache);
            PackCacheOutcome outcome = PACK_CACHE_UNUSED;
            double w = now_ms(), c = cpu_ms();
            bool ok = load_once(modes[m], path, cache, questions, &outcome);
            wall[r] = now_ms() - w;
            cpu[r] = cpu_ms() - c;
            PackCacheOutcome expected = m == 0   ? PACK_CACHE_UNUSED
                                        : m == 1 ? PACK_CACHE_WRITTEN
                                                 : PACK_CACHE_HIT;
            if (!ok || outcome != expected) {
                fprintf(stderr, "bench_cache: %s did not give the pack (%s)\n", modes[m],
                        pack_cache_outcome_name(outcome));
                status = 1;
            }
        }
        t[m] = median_of(wall, cpu, runs);
    }
    struct stat entry_dir;
    printf("  loads\n");
    for (int m = 0; m < 3; m++)
        printf("    %-28s %7.1f ms  (CPU %.1f ms)\n", labels[m], t[m].wall, t[m].cpu);
    printf("    warm / YAML                  %7.3fx\n", t[2].wall / t[0].wall);

    /* Memory, each in a fresh process. */
    long long none = child_hwm(argv[0], "none", path, cache, questions);
    long long yaml = child_hwm(argv[0], "yaml", path, cache, questions);
    long long cold = child_hwm(argv[0], "cold", path, cache, questions);
    long long warm = child_hwm(argv[0], "warm", path, cache, questions);
    long long touch = child_hwm(argv[0], "touch", path, cache, questions);
    if (none < 0 || yaml < 0 || cold < 0 || warm < 0 || touch < 0 || stat(cache, &entry_dir)) {
        fprintf(stderr, "bench_cache: a measuring child failed\n");
        status = 1;
    } else {
        printf("  peak RSS over a process that loads nothing (%.1f MiB)\n", (double)none / mib);
        printf("    YAML, no cache               %+7.1f MiB\n", (double)(yaml - none) / mib);
        printf("    cold                         %+7.1f MiB\n", (double)(cold - none) / mib);
        printf("    warm                         %+7.1f MiB\n", (double)(warm - none) / mib);
        printf("    warm, every string read      %+7.1f MiB  (what a copy of the strings "
               "would keep)\n",
               (double)(touch - none) / mib);
    }
    test_remove_tree(dir);
    return status;
}
