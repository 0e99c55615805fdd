/* test_support.c - helpers shared by the tests (test_support.h). */
#include "test_support.h"

#include "day.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void test_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                test_remove_tree(child);
            else
                unlink(child);
        }
        closedir(d);
    }
    rmdir(path);
}

bool test_make_dir(char *dir)
{
    snprintf(dir, TEST_DIR_SIZE, "/tmp/quizdeck-test-XXXXXX");
    return mkdtemp(dir) != NULL;
}

bool test_copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wb") : NULL;
    bool ok = in && out;
    char buf[8192];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in) {
        ok = ok && !ferror(in);
        fclose(in);
    }
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

bool test_read_exactly(int fd, void *buf, size_t size)
{
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, (char *)buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        got += (size_t)n;
    }
    return true;
}

char *test_read_stream(FILE *f, size_t *size)
{
    if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0)
        return NULL;
    long n = ftell(f);
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0)
        return NULL;
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return NULL;
    size_t got = fread(buf, 1, (size_t)n, f);
    if (got != (size_t)n) {
        free(buf);
        return NULL;
    }
    buf[got] = '\0';
    if (size)
        *size = got;
    return buf;
}

char *test_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = test_read_stream(f, size);
    fclose(f);
    return text;
}

bool test_write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

bool test_write_text(const char *path, const char *text)
{
    return test_write_file(path, text, strlen(text));
}

size_t test_each_entry(const char *dir, TestVisit visit, void *ctx)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        n += visit(path, e->d_name, ctx);
    }
    closedir(d);
    return n;
}

static bool count_one(const char *path, const char *name, void *ctx)
{
    (void)path;
    (void)name;
    (void)ctx;
    return true;
}

size_t test_count_files(const char *dir)
{
    return test_each_entry(dir, count_one, NULL);
}

double test_clock_ms(int clock)
{
    struct timespec ts;
    clock_gettime((clockid_t)clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double test_median(double *values, size_t count)
{
    qsort(values, count, sizeof values[0], compare_double);
    return count % 2 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2.0;
}

/* ---- dates ------------------------------------------------------------- */

int64_t test_days_from_civil(int64_t y, int m, int d)
{
    return day_from_civil(y, m, d);
}

int64_t test_utc_ms(int y, int mo, int d, int h, int mi)
{
    return ((test_days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * TEST_MIN_MS;
}

int test_offset_switch(int64_t unix_ms, void *user)
{
    const int64_t *switch_ms = user;
    return unix_ms < *switch_ms ? 60 : 120;
}

/* ---- diagnostics ------------------------------------------------------ */

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

bool test_has_diag(const DiagList *d, DiagSeverity severity, const char *file, int line, int column,
                   const char *message)
{
    for (size_t i = 0; i < d->count; i++) {
        const Diag *x = &d->items[i];
        if (x->severity == severity && x->line == line && x->column == column &&
            (!file || (x->file && ends_with(x->file, file))) && strcmp(x->message, message) == 0)
            return true;
    }
    return false;
}

void test_print_diags(const char *lead, const DiagList *d)
{
    char line[1400];
    for (size_t i = 0; i < d->count; i++) {
        diag_format(&d->items[i], line, sizeof line);
        printf("%s%s\n", lead, line);
    }
}

static const char EXPECT_ERROR[] = "# expect: ";
static const char EXPECT_WARNING[] = "# expect-warning: ";

/* One expectation line (after its "# expect...: "): [FILE:]LINE:COLUMN:
 * MESSAGE, FILE `own` when left out. False when it has no LINE:COLUMN. */
static bool expect_parse(const char *spec, const char *own, char *file, size_t file_size, int *line,
                         int *column, const char **message)
{
    snprintf(file, file_size, "%s", own);
    const char *colon = strchr(spec, ':');
    if (colon && (colon[1] < '0' || colon[1] > '9' || spec[0] < '0' || spec[0] > '9')) {
        snprintf(file, file_size, "%.*s", (int)(colon - spec), spec);
        spec = colon + 1;
    }
    int used = 0;
    if (sscanf(spec, "%d:%d: %n", line, column, &used) != 2 || used == 0)
        return false;
    *message = spec + used;
    return true;
}

bool test_diags_as_expected(const char *path, const DiagList *got, bool exact_warnings)
{
    char *text = test_read_file(path, NULL);
    if (!text) {
        printf("%s: cannot be read\n", path);
        return false;
    }
    const char *slash = strrchr(path, '/');
    const char *own = slash ? slash + 1 : path;
    size_t errors = 0, warnings = 0;
    bool all_found = true;
    for (char *line = text; line[0] == '#';) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        bool warning = strncmp(line, EXPECT_WARNING, sizeof EXPECT_WARNING - 1) == 0;
        bool error = strncmp(line, EXPECT_ERROR, sizeof EXPECT_ERROR - 1) == 0;
        if (warning || error) {
            const char *spec = line + (warning ? sizeof EXPECT_WARNING : sizeof EXPECT_ERROR) - 1;
            char file[256];
            int l = 0, c = 0;
            const char *message = NULL;
            if (!expect_parse(spec, own, file, sizeof file, &l, &c, &message)) {
                printf("%s: not an expectation: %s\n", path, line);
                all_found = false;
            } else if (!test_has_diag(got, warning ? DIAG_WARNING : DIAG_ERROR, file, l, c,
                                      message)) {
                printf("%s: missing %s %s:%d:%d: %s\n", path, warning ? "warning" : "error", file,
                       l, c, message);
                all_found = false;
            }
            if (warning)
                warnings++;
            else
                errors++;
        }
        if (!end)
            break;
        line = end + 1;
    }
    free(text);
    if (errors + warnings == 0) {
        printf("%s has no '# expect:' lines\n", path);
        return false;
    }
    bool holds = all_found && got->error_count == errors &&
                 (!exact_warnings || got->warning_count == warnings);
    if (!holds) {
        printf("%s: want %zu errors, %zu warnings; got %zu, %zu\n", path, errors, warnings,
               got->error_count, got->warning_count);
        test_print_diags("  got: ", got);
    }
    return holds;
}

/* ---- a store to test with ---------------------------------------------- */

bool test_store_dir(TestStore *t)
{
    memset(t, 0, sizeof *t);
    if (!test_make_dir(t->dir))
        return false;
    snprintf(t->db, sizeof t->db, "%s/quizdeck.db", t->dir);
    return true;
}

bool test_store_open(TestStore *t, int64_t now_ms, const char *profile_name)
{
    if (!test_store_dir(t))
        return false;
    StoreError err;
    StoreStatus s = store_open_at(&t->store, t->dir, now_ms, &err);
    if (s == STORE_OK && profile_name)
        s = store_profile_add(t->store, profile_name, now_ms, &t->profile, &err);
    if (s != STORE_OK) {
        fprintf(stderr, "test store in %s: %s\n", t->dir, err.message);
        test_store_close(t);
        return false;
    }
    return true;
}

void test_store_close(TestStore *t)
{
    store_close(t->store);
    t->store = NULL;
    if (t->dir[0])
        test_remove_tree(t->dir);
    t->dir[0] = '\0';
}

static bool debug_exec(Store *store, const char *sql)
{
    StoreError err = {0};
    if (store_debug_exec(store, sql, &err) == STORE_OK)
        return true;
    fprintf(stderr, "%s: %s\n", sql, err.message);
    return false;
}

bool test_store_fail_inserts(Store *store, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE TEMP TRIGGER no_%s BEFORE INSERT ON %s"
             " BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
             table, table);
    return debug_exec(store, sql);
}

bool test_store_allow_inserts(Store *store, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP TRIGGER no_%s", table);
    return debug_exec(store, sql);
}
