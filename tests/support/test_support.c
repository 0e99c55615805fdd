/* test_support.c - helpers shared by the tests (test_support.h). */
#include "test_support.h"

#include "day.h"

#include <dirent.h>
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
