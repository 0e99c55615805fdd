/* bench_load.c - how fast the pack loader is, and how much memory it takes.
 *
 * Generates a valid pack of 100,000 questions (all eight types, mixed, with
 * text lengths an author would write) from a fixed seed, then prints:
 *   - the median time libyaml alone needs to parse the file to its events,
 *   - the median time pack_load_file() needs to load and check it,
 *     (wall clock, CLOCK_MONOTONIC; the CPU time is printed beside it),
 *   - the loader's peak memory (resident high-water, VmHWM, of a fresh process
 *     that loads the file, minus that of one that does everything but the
 *     load) against the file size, and what the loaded pack's arena keeps.
 * The targets (load <= 1.5x raw parse, peak <= 3x file size) are printed next
 * to the figures; timings never make it fail (design rule 10). It fails only
 * when the loader does not return the expected pack: that is a bug, not a
 * timing.
 *
 * With --hostile it instead times the loader on two packs made of errors
 * (100,000 undeclared topics; 60 MiB of multi answers that are not among the
 * choices), each of which asks for a "did you mean": the loader must reject
 * them in well under a second per MiB.
 *
 * Usage: bench_load [--questions N] [--runs N] [--seed N] [--keep FILE]
 *        bench_load --hostile [--runs N] [--seed N]
 * Read pack_load.h first; the generator of the valid pack is pack_gen.c.
 * Linux only for the memory figure (/proc/self/exe, /proc/self/status).
 */
#define _DEFAULT_SOURCE /* mkstemps */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <yaml.h>

#include "diag.h"
#include "pack.h"
#include "pack_gen.h"
#include "pack_load.h"
#include "test_support.h"

enum {
    BENCH_DEFAULT_QUESTIONS = 100000,
    BENCH_DEFAULT_RUNS = 5,
    BENCH_MAX_RUNS = 101,
};

static const double BENCH_TARGET_TIME_RATIO = 1.5;
static const double BENCH_TARGET_MEMORY_RATIO = 3.0;

/* --------------------------------------------------------- measurements */

/* Wall-clock time: what a user waits. */
static double bench_now_ms(void)
{
    return test_clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of this process: steadier than wall time on a busy machine,
 * printed beside it so a reader can tell load noise from a real change. */
static double bench_cpu_ms(void)
{
    return test_clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

/* libyaml alone: every event of the file, each deleted. Returns the number
 * of events, 0 on a parse or open error. */
static size_t bench_raw_parse(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        return 0;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        fclose(file);
        return 0;
    }
    yaml_parser_set_input_file(&parser, file);
    size_t events = 0;
    bool done = false;
    while (!done) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            events = 0;
            break;
        }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return events;
}

/* Loads the file and checks that it is the pack we generated. Prints what is
 * wrong and returns NULL when it is not. The caller frees the pack. */
static Pack *bench_load_checked(const char *path, size_t questions)
{
    DiagList diags = {0};
    Pack *pack = pack_load_file(path, &diags);
    bool ok = pack && diags.error_count == 0 && pack->question_count == questions;
    if (!ok) {
        fflush(stdout);
        fprintf(stderr,
                "bench_load: the loader did not return the %zu-question pack "
                "(pack %s, %zu questions, %zu errors, %zu warnings)\n",
                questions, pack ? "returned" : "NULL", pack ? pack->question_count : 0,
                diags.error_count, diags.warning_count);
        char line[1024];
        for (size_t i = 0; i < diags.count && i < 10; i++) {
            diag_format(&diags.items[i], line, sizeof line);
            fprintf(stderr, "  %s\n", line);
        }
        pack_free(pack);
        pack = NULL;
    }
    diag_clear(&diags);
    return pack;
}

/* A tiny valid pack, loaded by both measuring children so that the code of
 * the loader and libyaml is paged in by both and cancels out of the delta. */
static const char bench_tiny_pack[] =
    "format: 1\nid: tiny\ntitle: Tiny\nquestions:\n"
    "  - {id: a, type: truefalse, prompt: Tiny?, answer: true, explain: Yes.}\n";

/* The resident high-water of this process image, in bytes, or -1. VmHWM is
 * read rather than ru_maxrss because ru_maxrss survives exec: a child would
 * report the RSS its parent had when it forked. */
static long long bench_self_hwm(void)
{
    FILE *status = fopen("/proc/self/status", "r");
    if (!status) {
        return -1;
    }
    char line[256];
    long long kib = -1;
    while (fgets(line, sizeof line, status)) {
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kib = strtoll(line + 6, NULL, 10);
            break;
        }
    }
    fclose(status);
    return kib < 0 ? -1 : kib * 1024;
}

/* Child side of the memory measurement: `mode` is "baseline", "yaml" or
 * "load". Prints its resident high-water in bytes on stdout for the parent. */
static int bench_child(const char *mode, const char *path, size_t questions)
{
    DiagList diags = {0};
    pack_free(pack_load_buffer("tiny.yaml", bench_tiny_pack, sizeof bench_tiny_pack - 1, &diags));
    diag_clear(&diags);
    bool ok = true;
    if (strcmp(mode, "yaml") == 0) {
        ok = bench_raw_parse(path) > 0;
    } else if (strcmp(mode, "load") == 0) {
        Pack *pack = bench_load_checked(path, questions);
        ok = pack != NULL;
        pack_free(pack);
    }
    long long hwm = bench_self_hwm();
    printf("%lld\n", hwm);
    return ok && hwm > 0 ? 0 : 1;
}

/* Runs this program again as a fresh process in `mode`; returns its peak
 * resident size in bytes, or -1 when it could not be run or failed. */
static long long bench_child_hwm(const char *mode, const char *path, size_t questions,
                                 const char *argv0)
{
    char count[32];
    snprintf(count, sizeof count, "%zu", questions);
    int fds[2];
    if (pipe(fds) != 0) {
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        char *args[] = {(char *)argv0, "--child", (char *)mode, (char *)path, count, NULL};
        close(fds[0]);
        if (dup2(fds[1], STDOUT_FILENO) < 0) {
            _exit(127);
        }
        close(fds[1]);
        execv("/proc/self/exe", args);
        execvp(argv0, args);
        _exit(127);
    }
    close(fds[1]);
    char text[64] = {0};
    size_t got = 0;
    ssize_t n;
    while (got < sizeof text - 1 && (n = read(fds[0], text + got, sizeof text - 1 - got)) > 0) {
        got += (size_t)n;
    }
    close(fds[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return -1;
    }
    return strtoll(text, NULL, 10);
}

/* --------------------------------------------------------- hostile packs */

/* Packs made to make the loader work hard on their errors: every error asks
 * for a "did you mean" among long, equally long names, so unbounded
 * suggestions cost a full edit-distance table each. The loader must reject
 * each in well under a second per MiB. */
enum {
    BENCH_HOSTILE_TOPICS = 64, /* declared topics: what a suggestion searches */
    BENCH_HOSTILE_ID = 40,     /* letters per topic id, choice and answer */
    BENCH_HOSTILE_QUESTIONS = 100000,
    BENCH_HOSTILE_ANSWERS = 64, /* answers per multi question, none a choice */
};
static const long BENCH_HOSTILE_MULTI_BYTES = 60L * 1024 * 1024;

/* `len` random lowercase letters. */
static void bench_letters(PackGenRng *rng, char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        buf[i] = (char)('a' + pack_gen_rng_next(rng) % 26);
    }
    buf[len] = '\0';
}

/* 100,000 questions, each naming a topic that is not among the 64 declared
 * (about 11 MiB). */
static bool bench_write_undeclared_topics(FILE *out, uint64_t seed)
{
    PackGenRng rng = {seed};
    char id[BENCH_HOSTILE_ID + 1];
    fputs("format: 1\nid: hostile-topics\ntitle: Undeclared topics\ntopics:\n", out);
    for (size_t t = 0; t < BENCH_HOSTILE_TOPICS; t++) {
        bench_letters(&rng, id, BENCH_HOSTILE_ID);
        fprintf(out, "  - {id: %s, title: Topic}\n", id);
    }
    fputs("questions:\n", out);
    for (size_t i = 0; i < BENCH_HOSTILE_QUESTIONS; i++) {
        bench_letters(&rng, id, BENCH_HOSTILE_ID);
        fprintf(out,
                "  - {id: q%zu, type: truefalse, prompt: P, answer: true, explain: E, "
                "topic: %s}\n",
                i, id);
    }
    return fflush(out) == 0 && !ferror(out);
}

/* multi questions of 8 choices whose 64 answers are none of them, up to
 * 60 MiB. */
static bool bench_write_multi_not_choices(FILE *out, uint64_t seed)
{
    PackGenRng rng = {seed};
    char text[BENCH_HOSTILE_ID + 1];
    fputs("format: 1\nid: hostile-multi\ntitle: Answers not among the choices\nquestions:\n", out);
    for (size_t i = 0; ftell(out) < BENCH_HOSTILE_MULTI_BYTES; i++) {
        fprintf(out,
                "  - id: q%zu\n    type: multi\n    prompt: P\n    explain: E\n    choices:", i);
        for (size_t c = 0; c < PACK_MAX_OPTIONS; c++) {
            bench_letters(&rng, text, BENCH_HOSTILE_ID);
            fprintf(out, "%s%s", c ? ", " : " [", text);
        }
        fputs("]\n    answers:\n", out);
        for (size_t a = 0; a < BENCH_HOSTILE_ANSWERS; a++) {
            bench_letters(&rng, text, BENCH_HOSTILE_ID);
            fprintf(out, "      - %s\n", text);
        }
    }
    return fflush(out) == 0 && !ferror(out);
}

typedef struct BenchHostile {
    const char *name;
    bool (*write)(FILE *out, uint64_t seed);
} BenchHostile;

static const BenchHostile bench_hostile_packs[] = {
    {"100,000 undeclared topics", bench_write_undeclared_topics},
    {"multi answers not among the choices", bench_write_multi_not_choices},
};

/* Generates each hostile pack, loads it `runs` times and prints the median
 * time against the file size. Fails only when a pack loads (each must be
 * rejected) or cannot be written. */
static int bench_hostile(size_t runs, uint64_t seed)
{
    int status = 0;
    printf("bench_load --hostile: %zu runs (median)\n", runs);
    for (size_t h = 0; h < sizeof bench_hostile_packs / sizeof bench_hostile_packs[0]; h++) {
        const BenchHostile *b = &bench_hostile_packs[h];
        char path[4096];
        const char *tmpdir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/quizdeck-hostile-XXXXXX.yaml",
                 tmpdir && tmpdir[0] ? tmpdir : "/tmp");
        int fd = mkstemps(path, 5);
        FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
        bool written = out && b->write(out, seed);
        written = out && fclose(out) == 0 && written;
        struct stat st;
        if (!written || stat(path, &st) != 0) {
            fprintf(stderr, "bench_load: cannot write %s\n", path);
            remove(path);
            return 1;
        }
        double mib = (double)st.st_size / (1024.0 * 1024.0);
        double ms[BENCH_MAX_RUNS];
        size_t errors = 0, kept = 0;
        for (size_t r = 0; r < runs; r++) {
            DiagList diags = {0};
            double t0 = bench_now_ms();
            Pack *pack = pack_load_file(path, &diags);
            ms[r] = bench_now_ms() - t0;
            errors = diags.error_count;
            kept = diags.count;
            if (pack) {
                fprintf(stderr, "bench_load: the hostile pack '%s' loaded\n", b->name);
                status = 1;
            }
            pack_free(pack);
            diag_clear(&diags);
        }
        double median = test_median(ms, runs);
        printf("  %s\n", b->name);
        printf("    file          %.2f MiB\n", mib);
        printf("    errors        %zu (%zu kept)\n", errors, kept);
        printf("    pack_load     %.3f s  (%.3f s per MiB; target < 1 s per MiB: %s)\n",
               median / 1e3, median / 1e3 / mib, median / 1e3 < mib ? "met" : "MISSED");
        remove(path);
    }
    return status;
}

/* ------------------------------------------------------------------ main */

static void bench_usage(void)
{
    fputs("usage: bench_load [--questions N] [--runs N] [--seed N] [--keep FILE]\n"
          "       bench_load --hostile [--runs N] [--seed N]\n"
          "  Generates a pack (default 100000 questions, all eight types), then\n"
          "  prints the median time of libyaml's raw parse and of pack_load_file,\n"
          "  and the loader's peak memory against the file size.\n"
          "  --questions N  questions in the pack (1..100000, default 100000)\n"
          "  --runs N       timed runs of each, the median is shown (default 5)\n"
          "  --seed N       seed of the generator (default 20261127)\n"
          "  --keep FILE    write the pack to FILE and keep it (default: a temp file)\n"
          "  --hostile      instead, time the loader on packs made of errors that\n"
          "                 each ask for a \"did you mean\" (undeclared topics, multi\n"
          "                 answers not among the choices)\n",
          stderr);
}

static bool bench_parse_size(const char *text, size_t lo, size_t hi, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-' || value < lo || value > hi) {
        return false;
    }
    *out = (size_t)value;
    return true;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--child") == 0) {
        size_t questions = 0;
        if (!bench_parse_size(argv[4], 1, SIZE_MAX, &questions)) {
            return 2;
        }
        return bench_child(argv[2], argv[3], questions);
    }

    size_t questions = BENCH_DEFAULT_QUESTIONS;
    size_t runs = BENCH_DEFAULT_RUNS;
    size_t seed = 20261127;
    const char *keep = NULL;
    bool hostile = false;
    /* Every option but --hostile takes a value: they come in pairs. */
    for (int i = 1; i < argc; i += 2) {
        if (strcmp(argv[i], "--hostile") == 0) {
            hostile = true;
            i--;
            continue;
        }
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = value != NULL;
        if (strcmp(argv[i], "--questions") == 0 && ok) {
            ok = bench_parse_size(value, 1, PACK_MAX_QUESTIONS, &questions);
        } else if (strcmp(argv[i], "--runs") == 0 && ok) {
            ok = bench_parse_size(value, 1, BENCH_MAX_RUNS, &runs);
        } else if (strcmp(argv[i], "--seed") == 0 && ok) {
            ok = bench_parse_size(value, 0, SIZE_MAX, &seed);
        } else if (strcmp(argv[i], "--keep") == 0 && ok) {
            keep = value;
        } else {
            ok = false;
        }
        if (!ok) {
            bench_usage();
            return 2;
        }
    }

    if (hostile) {
        return bench_hostile(runs, (uint64_t)seed);
    }

    /* Generate. */
    char temp_path[4096];
    const char *tmpdir = getenv("TMPDIR");
    snprintf(temp_path, sizeof temp_path, "%s/quizdeck-bench-XXXXXX.yaml",
             tmpdir && tmpdir[0] ? tmpdir : "/tmp");
    const char *path = keep;
    FILE *out = NULL;
    if (keep) {
        out = fopen(keep, "wb");
    } else {
        int fd = mkstemps(temp_path, 5);
        if (fd >= 0) {
            out = fdopen(fd, "wb");
        }
        path = temp_path;
    }
    if (!out) {
        fprintf(stderr, "bench_load: cannot create %s: %s\n", path, strerror(errno));
        return 1;
    }
    double t0 = bench_now_ms();
    PackGenSpec spec = {.questions = questions, .seed = (uint64_t)seed};
    bool written = pack_gen_write(out, &spec);
    written = fclose(out) == 0 && written;
    double generate_ms = bench_now_ms() - t0;
    struct stat st;
    if (!written || stat(path, &st) != 0) {
        fprintf(stderr, "bench_load: cannot write %s\n", path);
        if (!keep) {
            remove(path);
        }
        return 1;
    }
    double file_bytes = (double)st.st_size;
    const double mib = 1024.0 * 1024.0;

    int status = 0;
    printf("bench_load: %zu questions, seed %zu, %zu runs (median)\n", questions, (size_t)seed,
           runs);
    printf("  file            %s\n", path);
    printf("  file size       %.0f bytes (%.2f MiB), generated in %.0f ms\n", file_bytes,
           file_bytes / mib, generate_ms);
    if (st.st_size > PACK_MAX_FILE_BYTES) {
        printf("  warning: the file is over the format's %d MiB limit\n",
               PACK_MAX_FILE_BYTES / (1024 * 1024));
    }

    /* A first, unmeasured round of each: warms the page cache and checks the
     * result, and tells how much of its arena the pack keeps. */
    size_t events = bench_raw_parse(path);
    Pack *pack = bench_load_checked(path, questions);
    if (events == 0 || !pack) {
        if (events == 0) {
            fprintf(stderr, "bench_load: libyaml could not parse %s\n", path);
        }
        pack_free(pack);
        if (!keep) {
            remove(path);
        }
        return 1;
    }
    size_t arena_used = pack->arena.used;
    size_t arena_reserved = pack->arena.reserved;
    pack_free(pack);

    /* Peak memory, each in a fresh process: one that does everything but the
     * load (baseline), one that parses with libyaml alone, one that loads. */
    long long base = bench_child_hwm("baseline", path, questions, argv[0]);
    long long yaml = bench_child_hwm("yaml", path, questions, argv[0]);
    long long load = bench_child_hwm("load", path, questions, argv[0]);
    if (base < 0 || yaml < 0 || load < 0) {
        fprintf(stderr, "bench_load: a measuring child failed\n");
        status = 1;
    }

    double yaml_ms[BENCH_MAX_RUNS];
    double load_ms[BENCH_MAX_RUNS];
    double yaml_cpu[BENCH_MAX_RUNS];
    double load_cpu[BENCH_MAX_RUNS];
    for (size_t r = 0; r < runs && status == 0; r++) {
        /* Interleaved, so drift (frequency, cache) hits both alike. */
        double c0 = bench_cpu_ms();
        t0 = bench_now_ms();
        size_t n = bench_raw_parse(path);
        yaml_ms[r] = bench_now_ms() - t0;
        yaml_cpu[r] = bench_cpu_ms() - c0;

        DiagList diags = {0};
        c0 = bench_cpu_ms();
        t0 = bench_now_ms();
        pack = pack_load_file(path, &diags);
        load_ms[r] = bench_now_ms() - t0;
        load_cpu[r] = bench_cpu_ms() - c0;
        if (n != events || !pack || diags.error_count != 0 || pack->question_count != questions) {
            fprintf(stderr, "bench_load: run %zu gave a different result\n", r + 1);
            status = 1;
        }
        pack_free(pack);
        diag_clear(&diags);
    }

    if (status == 0) {
        double yaml_median = test_median(yaml_ms, runs);
        double load_median = test_median(load_ms, runs);
        double time_ratio = load_median / yaml_median;
        double yaml_cpu_median = test_median(yaml_cpu, runs);
        double load_cpu_median = test_median(load_cpu, runs);
        printf("  libyaml events  %zu\n", events);
        printf("  libyaml parse   %.1f ms  (%.1f MiB/s; CPU %.1f ms)\n", yaml_median,
               file_bytes / mib / (yaml_median / 1e3), yaml_cpu_median);
        printf("  pack_load_file  %.1f ms  (%.1f MiB/s; CPU %.1f ms)\n", load_median,
               file_bytes / mib / (load_median / 1e3), load_cpu_median);
        printf("  load / parse    %.2fx  (target <= %.1fx: %s; CPU time %.2fx)\n", time_ratio,
               BENCH_TARGET_TIME_RATIO, time_ratio <= BENCH_TARGET_TIME_RATIO ? "met" : "MISSED",
               load_cpu_median / yaml_cpu_median);
        printf("  pack arena      %.2f MiB used, %.2f MiB reserved (%.2fx file)\n",
               (double)arena_used / mib, (double)arena_reserved / mib,
               (double)arena_reserved / file_bytes);
        double load_peak = (double)(load - base);
        double memory_ratio = load_peak / file_bytes;
        printf("  peak RSS        baseline %.2f MiB; libyaml parse %+.2f MiB; "
               "load %+.2f MiB\n",
               (double)base / mib, (double)(yaml - base) / mib, load_peak / mib);
        printf("  peak / file     %.2fx  (target <= %.1fx: %s)\n", memory_ratio,
               BENCH_TARGET_MEMORY_RATIO,
               memory_ratio <= BENCH_TARGET_MEMORY_RATIO ? "met" : "MISSED");
    }

    if (!keep) {
        remove(path);
    }
    return status;
}
