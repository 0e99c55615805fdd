/* test_pack_set_loader.c - pack sets through the pack cache, and the
 * PackSetLoader that reads them off the main thread.
 *
 * What a player would notice if it broke: the game's packs loading other
 * than before the cache (another pack, a lost failure or warning, the
 * first of two same-id packs no longer winning), a progress bar going
 * back or past its end, a load that cannot be stopped when the game quits,
 * and a set handed over from the worker thread that differs from one read
 * at once. Read pack_set.h (its bottom: the loader) first.
 */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "pack_set.h"
#include "test_support.h"

#include "pack_cache_test.h"

static const char *const set_paths[] = {QUIZDECK_SOURCE_QUESTIONS, DATA "/folder-mixed",
                                        DATA "/valid/example.yaml", "/nonexistent/pack.yaml"};
enum { SET_PATHS = sizeof set_paths / sizeof set_paths[0] };

static void add_all(PackSet *set)
{
    for (size_t i = 0; i < SET_PATHS; i++)
        pack_set_add_path(set, set_paths[i]);
}

/* A folder named with a slash at its end is read the same, entry names
 * whole (the messages name "folder//entry" no more than before). */
static void test_folder_with_a_trailing_slash(void **state)
{
    (void)state;
    PackSet plain = {0}, slashed = {0};
    pack_set_add_path(&plain, DATA "/folder-mixed");
    pack_set_add_path(&slashed, DATA "/folder-mixed/");
    assert_int_equal(plain.pack_count, slashed.pack_count);
    assert_int_equal(plain.report_count, slashed.report_count);
    assert_true(slashed.pack_count >= 2);
    for (size_t i = 0; i < plain.report_count; i++) {
        assert_string_equal(plain.reports[i].path, slashed.reports[i].path);
        assert_int_equal(plain.reports[i].loaded, slashed.reports[i].loaded);
    }
    pack_set_free(&plain);
    pack_set_free(&slashed);
}

/* The game's folders through the cache: cold (every entry written), then
 * warm (every one a hit), the same set as without a cache: packs, failures
 * (the same id twice included), reports and warnings. */
static void test_pack_set_through_the_cache_is_the_same(void **state)
{
    (void)state;
    char cache[TEST_DIR_SIZE];
    assert_true(test_make_dir(cache));
    PackSet plain = {0};
    add_all(&plain);
    for (int round = 0; round < 2; round++) {
        PackSet cached = {0};
        assert_true(pack_set_use_cache(&cached, cache));
        add_all(&cached);
        assert_same_sets(&plain, &cached);
        for (size_t i = 0; i < cached.report_count; i++) {
            PackCacheOutcome expected = cached.reports[i].not_read ? PACK_CACHE_UNUSED
                                        : round == 0               ? PACK_CACHE_WRITTEN
                                                                   : PACK_CACHE_HIT;
            if (cached.reports[i].cache != expected)
                print_message("%s: %s\n", cached.reports[i].path,
                              pack_cache_outcome_name(cached.reports[i].cache));
            assert_int_equal(cached.reports[i].cache, expected);
        }
        pack_set_free(&cached);
    }
    pack_set_free(&plain);
    test_remove_tree(cache);
}

/* A loader stepped to its end gives what pack_set_add_path gives, and its
 * progress only goes forward, to exactly its totals. */
static void test_loader_steps_to_the_same_set(void **state)
{
    (void)state;
    char cache[TEST_DIR_SIZE];
    assert_true(test_make_dir(cache));
    PackSet plain = {0};
    add_all(&plain);
    for (int round = 0; round < 2; round++) {
        PackSetLoader *loader = pack_set_loader_new(set_paths, SET_PATHS, cache);
        assert_non_null(loader);
        PackSetProgress p = pack_set_loader_progress(loader);
        assert_false(p.listed);
        assert_int_equal(p.files_total, 0);
        unsigned long long last = 0;
        size_t steps = 0;
        while (pack_set_loader_step(loader)) {
            p = pack_set_loader_progress(loader);
            assert_true(p.listed);
            assert_true(p.bytes_done >= last && p.bytes_done <= p.bytes_total);
            assert_int_equal(p.files_done, ++steps);
            last = p.bytes_done;
        }
        p = pack_set_loader_progress(loader);
        assert_true(p.done);
        assert_null(p.current);
        assert_int_equal(p.files_done, p.files_total);
        assert_int_equal(p.files_total, plain.report_count);
        assert_true(p.bytes_done == p.bytes_total && p.bytes_total > 0);
        PackSet set;
        pack_set_loader_finish(loader, &set);
        assert_same_sets(&plain, &set);
        assert_string_equal(set.cache_dir, cache); /* for packs added later */
        pack_set_free(&set);
    }
    pack_set_free(&plain);
    test_remove_tree(cache);
}

/* The way the UI uses it: a worker thread runs the loader; this thread
 * reads its progress meanwhile, then joins and takes the set. */
static void *run_loader(void *loader)
{
    pack_set_loader_run(loader);
    return NULL;
}

static void test_loader_runs_in_a_worker_thread(void **state)
{
    (void)state;
    char dir[TEST_DIR_SIZE], big[PACK_DIR_PATH], cache[PACK_DIR_PATH];
    pack_dir_make(dir, big, cache, "big.yaml", 20000, "Big");
    const char *paths[] = {QUIZDECK_SOURCE_QUESTIONS, big};
    PackSet plain = {0};
    pack_set_add_path(&plain, paths[0]);
    pack_set_add_path(&plain, paths[1]);
    for (int round = 0; round < 2; round++) { /* cold, then warm */
        PackSetLoader *loader = pack_set_loader_new(paths, 2, cache);
        assert_non_null(loader);
        pthread_t worker;
        assert_int_equal(pthread_create(&worker, NULL, run_loader, loader), 0);
        unsigned long long last = 0;
        PackSetProgress p;
        do {
            p = pack_set_loader_progress(loader);
            assert_true(p.bytes_done >= last);
            assert_true(p.bytes_done <= p.bytes_total || !p.listed);
            last = p.bytes_done;
            nanosleep(&(struct timespec){0, 500000}, NULL);
        } while (!p.done);
        assert_int_equal(pthread_join(worker, NULL), 0);
        PackSet set;
        pack_set_loader_finish(loader, &set);
        assert_same_sets(&plain, &set);
        pack_set_free(&set);
    }
    pack_set_free(&plain);
    test_remove_tree(dir);
}

/* Cancelled from another thread while it parses a big pack, a loader
 * stops: that load ends with an error and is not cached, and the files
 * after it are not read. Cancelled before it starts, it reads nothing. */
static void test_cancelled_loader_stops_and_caches_nothing(void **state)
{
    (void)state;
    char dir[TEST_DIR_SIZE], big[PACK_DIR_PATH], cache[PACK_DIR_PATH];
    pack_dir_make(dir, big, cache, "big.yaml", 40000, "Big");
    const char *paths[] = {big, QUIZDECK_SOURCE_QUESTIONS};
    PackSetLoader *loader = pack_set_loader_new(paths, 2, cache);
    assert_non_null(loader);
    pthread_t worker;
    assert_int_equal(pthread_create(&worker, NULL, run_loader, loader), 0);
    PackSetProgress p;
    do { /* until the parse of the big pack is under way */
        nanosleep(&(struct timespec){0, 200000}, NULL);
        p = pack_set_loader_progress(loader);
    } while (!p.done && p.bytes_done == 0);
    pack_set_loader_cancel(loader);
    assert_int_equal(pthread_join(worker, NULL), 0);
    p = pack_set_loader_progress(loader);
    assert_true(p.done);
    assert_int_equal(p.files_done, 1); /* the big pack only */
    assert_true(p.files_total > 1);
    PackSet set;
    pack_set_loader_finish(loader, &set);
    assert_int_equal(set.pack_count, 0);
    assert_int_equal(set.report_count, 1);
    assert_int_equal(set.reports[0].cache, PACK_CACHE_NOT_WRITTEN);
    assert_true(set.reports[0].diags.error_count >= 1);
    pack_set_free(&set);
    DIR *d = opendir(cache);
    if (d) { /* no entry, no temporary file */
        size_t entries = 0;
        for (struct dirent *e; (e = readdir(d)) != NULL;)
            entries += e->d_name[0] != '.';
        closedir(d);
        assert_int_equal(entries, 0);
    }

    loader = pack_set_loader_new(paths, 2, cache);
    assert_non_null(loader);
    pack_set_loader_cancel(loader);
    assert_false(pack_set_loader_step(loader));
    pack_set_loader_finish(loader, &set);
    assert_int_equal(set.report_count, 0);
    pack_set_free(&set);
    test_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_set_through_the_cache_is_the_same),
        cmocka_unit_test(test_folder_with_a_trailing_slash),
        cmocka_unit_test(test_loader_steps_to_the_same_set),
        cmocka_unit_test(test_loader_runs_in_a_worker_thread),
        cmocka_unit_test(test_cancelled_loader_stops_and_caches_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
