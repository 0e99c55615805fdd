/* bench_report.c - the class report over many result files: time, and
 * memory against the size of all the files together.
 *
 *   build-rel/tests/bench/bench_report [FILES [QUESTIONS]] [--keep DIR]
 *
 * Makes a session folder (the shipped Kuwait packs, QUESTIONS drawn, 20 by
 * default) with FILES result files (1,000 by default) written by the real
 * writer from attempts played through the round engine by made-up
 * students, then times report_build with the CSV and the HTML page, five
 * times, and reports the median. Memory is measured in a child process that
 * only builds the report: its peak resident size, less what the same child
 * holds before reading any result (the packs, the session), against the
 * bytes of all result files. The target is well under a second, and memory
 * that follows one file, not all of them: the run for FILES/10 files is
 * printed beside it for comparison. With --keep the folder is kept (for a
 * look at the HTML) instead of removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include "class_fixture.h"
#include "report.h"
#include "test_support.h"

static const char *const shipped[] = {QUIZDECK_SOURCE_QUESTIONS};

static const char *const first_names[] = {
    "Ahmad", "Noura", "Yousef", "Mariam", "Khalid", "Sara", "Fahad",  "Fatima", "Omar", "Layla",
    "Hamad", "Dana",  "Bader",  "Hessa",  "Salem",  "Reem", "Nasser", "Lulwa",  "Ali",  "Shaikha",
};
static const char *const family_names[] = {
    "Al-Sabah",   "Al-Rashid", "Al-Kandari", "Al-Enezi", "Al-Ajmi",   "Al-Harbi",  "Al-Shammari",
    "Al-Mutairi", "Haddad",    "Bukhamseen", "Al-Azmi",  "Al-Otaibi", "Al-Fadhli", "Al-Hajri",
};

static void make_session(const char *dir, size_t questions)
{
    char path[512];
    snprintf(path, sizeof path, "%s/session.yaml", dir);
    FILE *f = fopen(path, "w");
    fprintf(f,
            "format: 1\nkind: session\nid: bench-class\ntitle: \"Kuwait and the GCC: year "
            "quiz\"\npacks: [kuwait-gcc, kuwait-alliances, kuwait-deployments, "
            "kuwait-diplomacy]\nquestions: %zu\norder: shuffled\nscoring: accuracy\n",
            questions);
    fclose(f);
}

static size_t folder_bytes(const char *dir)
{
    DIR *d = opendir(dir);
    size_t total = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[1024];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.' && stat(path, &st) == 0)
            total += (size_t)st.st_size;
    }
    if (d)
        closedir(d);
    return total;
}

static void write_class(const char *dir, size_t files)
{
    DiagList d = {0};
    Session *s = session_load(dir, &d);
    SessionPacks packs;
    if (!s || !session_resolve_packs(s, shipped, 1, &packs, &d)) {
        fprintf(stderr, "bench_report: the session does not load\n");
        exit(1);
    }
    for (size_t i = 0; i < files; i++) {
        char name[96], id[32], host[32];
        snprintf(name, sizeof name, "%s %s %zu", first_names[i % 20], family_names[i % 14],
                 i / 280);
        snprintf(id, sizeof id, "S%04zu", i);
        snprintf(host, sizeof host, "lab-%02zu", i % 30);
        FixtureStudent who = {name,
                              id,
                              host,
                              1772342100 + (int64_t)i,
                              (unsigned)(25 + (i * 37) % 70),
                              8,
                              i % 17 == 5 ? 12 : 0};
        ClassAttempt a;
        ResultWritten w;
        if (!fixture_play(s, &packs, &who, &a) || result_write(dir, &a, i, &w) != RESULT_OK) {
            fprintf(stderr, "bench_report: cannot write attempt %zu\n", i);
            exit(1);
        }
        class_attempt_free(&a);
    }
    session_packs_free(&packs);
    session_free(s);
    diag_clear(&d);
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* --measure DIR, in a fresh process (exec'd, so nothing else is in its
 * heap): prints the report's peak memory above the session and packs
 * alone, in KiB. */
static int measure(const char *dir)
{
    DiagList d = {0};
    Session *s = session_load(dir, &d);
    SessionPacks packs;
    session_resolve_packs(s, shipped, 1, &packs, &d);
    long base = peak_kib();
    session_packs_free(&packs);
    session_free(s);
    Report rep;
    FILE *sink = fopen("/dev/null", "w");
    report_build(&rep, dir, shipped, 1, sink, &d);
    report_write_html(&rep, sink);
    long peak = peak_kib();
    report_free(&rep);
    fclose(sink);
    diag_clear(&d);
    printf("%ld\n", peak - base);
    return 0;
}

static const char *self_path;

static long report_memory_kib(const char *dir)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' --measure '%s'", self_path, dir);
    FILE *p = popen(cmd, "r");
    long kib = -1;
    if (p && fscanf(p, "%ld", &kib) != 1)
        kib = -1;
    if (p)
        pclose(p);
    return kib;
}

static double report_ms(const char *dir)
{
    double t0 = test_clock_ms(CLOCK_MONOTONIC);
    DiagList d = {0};
    Report rep;
    FILE *sink = fopen("/dev/null", "w");
    ReportStatus st = report_build(&rep, dir, shipped, 1, sink, &d);
    report_write_html(&rep, sink);
    double t1 = test_clock_ms(CLOCK_MONOTONIC);
    if (st != REPORT_OK || rep.flagged) {
        fprintf(stderr, "bench_report: the report failed (%d) or flagged %zu files\n", (int)st,
                rep.flagged);
        exit(1);
    }
    report_free(&rep);
    diag_clear(&d);
    fclose(sink);
    return t1 - t0;
}

static void run(size_t files, size_t questions, const char *keep)
{
    char dir[256];
    if (keep) {
        snprintf(dir, sizeof dir, "%s", keep);
        mkdir(dir, 0777);
    } else {
        snprintf(dir, sizeof dir, "/tmp/quizdeck-bench-report-XXXXXX");
        if (!mkdtemp(dir))
            exit(1);
    }
    make_session(dir, questions);
    write_class(dir, files);
    char new_dir[300];
    snprintf(new_dir, sizeof new_dir, "%s/results/new", dir);
    size_t bytes = folder_bytes(new_dir);
    double times[5];
    for (int i = 0; i < 5; i++)
        times[i] = report_ms(dir);
    double median = test_median(times, 5);
    long kib = report_memory_kib(dir);
    printf("%5zu files x %zu questions (%.1f MiB, %.1f KiB a file): report %.0f ms median of 5 "
           "(%.0f-%.0f); memory +%.1f MiB (%.2fx all files, %.0fx one file)\n",
           files, questions, (double)bytes / 1048576.0, (double)bytes / 1024.0 / (double)files,
           median, times[0], times[4], (double)kib / 1024.0, (double)kib * 1024.0 / (double)bytes,
           (double)kib * 1024.0 / ((double)bytes / (double)files));
    if (keep)
        printf("kept: %s\n", dir);
    else
        test_remove_tree(dir);
}

int main(int argc, char **argv)
{
    size_t files = 1000, questions = 20;
    const char *keep = NULL;
    int positional = 0;
    self_path = argv[0];
    if (argc == 3 && strcmp(argv[1], "--measure") == 0)
        return measure(argv[2]);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc)
            keep = argv[++i];
        else if (positional++ == 0)
            files = (size_t)strtoul(argv[i], NULL, 10);
        else
            questions = (size_t)strtoul(argv[i], NULL, 10);
    }
    if (files == 0 || questions == 0) {
        fprintf(stderr, "usage: bench_report [FILES [QUESTIONS]] [--keep DIR]\n");
        return 2;
    }
    if (!keep && files >= 100)
        run(files / 10, questions, NULL);
    run(files, questions, keep);
    return 0;
}
