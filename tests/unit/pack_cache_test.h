/* pack_cache_test.h - what the pack cache's tests share: a load and its
 * records (YAML or through the cache), comparing two loads or two pack
 * sets in depth (tests/fuzz/pack_compare.h), and writing packs to load.
 * Header-only (static inline functions) for test_pack_cache.c and
 * test_pack_set_loader.c; include it after cmocka.h.
 */
#ifndef QUIZDECK_PACK_CACHE_TEST_H
#define QUIZDECK_PACK_CACHE_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../fuzz/pack_compare.h"
#include "pack_cache.h"
#include "pack_load.h"
#include "pack_set.h"
#include "test_support.h"

#define DATA QUIZDECK_TEST_DATA

typedef struct Load {
    Pack *pack;
    DiagList diags;
    PackCacheInfo info;
} Load;

static inline Load load_yaml(const char *path)
{
    Load l = {0};
    l.pack = pack_load_file(path, &l.diags);
    return l;
}

static inline Load load_cached(const char *cache, const char *path)
{
    Load l = {0};
    l.pack = pack_cache_load_file(cache, path, &l.diags, &l.info);
    return l;
}

static inline void load_free(Load *l)
{
    pack_free(l->pack);
    diag_clear(&l->diags);
    *l = (Load){0};
}

/* The two loads are the same, or the test fails saying where. */
static inline void assert_same(const Load *a, const Load *b, const char *path)
{
    PackDiff d = {{0}};
    bool same = pack_same(&d, a->pack, b->pack) && pack_same_diags(&d, &a->diags, &b->diags);
    if (!same)
        print_message("%s: the loads differ at %s\n", path, d.where);
    assert_true(same);
}

static inline void write_file(const char *path, const char *text)
{
    assert_true(test_write_text(path, text));
}

/* A valid pack of `n` questions of four types, for tests that need a
 * bigger file than the corpus has. */
static inline void write_generated_pack(const char *path, size_t n, const char *title)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fprintf(f,
            "format: 1\nid: generated\ntitle: %s\ntopics:\n  - {id: t1, title: One}\n"
            "  - {id: t2, title: Two}\nquestions:\n",
            title);
    for (size_t i = 0; i < n; i++) {
        switch (i % 4) {
        case 0:
            fprintf(f,
                    "  - {id: q%zu, type: choice, topic: t1, prompt: \"Question %zu?\", "
                    "choices: [A%zu, B%zu, C%zu], answer: B%zu, explain: Because.}\n",
                    i, i, i, i, i, i);
            break;
        case 1:
            fprintf(f,
                    "  - {id: q%zu, type: truefalse, topic: t2, prompt: \"Is %zu even?\", "
                    "answer: false, explain: It is odd.}\n",
                    i, i);
            break;
        case 2:
            fprintf(f,
                    "  - {id: q%zu, type: cloze, text: \"Kuwait joined in {{1981|year}}, "
                    "%zu.\", accept: {1: [\"81\"]}, explain: E}\n",
                    i, i);
            break;
        default:
            fprintf(f,
                    "  - {id: q%zu, type: match, prompt: Match %zu, pairs: [{a%zu: b}, {c: d}], "
                    "tags: [x, y], explain: E}\n",
                    i, i, i);
            break;
        }
    }
    assert_int_equal(fclose(f), 0);
}

/* A fresh temporary folder `dir` holding a generated pack of `n`
 * questions at dir/NAME (`pack`), and the path of a cache folder dir/cache
 * (`cache`, left for the cache to make). Remove it all with
 * test_remove_tree(dir). */
enum { PACK_DIR_PATH = TEST_DIR_SIZE + 32 };
static inline void pack_dir_make(char dir[TEST_DIR_SIZE], char pack[PACK_DIR_PATH],
                                 char cache[PACK_DIR_PATH], const char *name, size_t n,
                                 const char *title)
{
    assert_true(test_make_dir(dir));
    snprintf(pack, PACK_DIR_PATH, "%s/%s", dir, name);
    snprintf(cache, PACK_DIR_PATH, "%s/cache", dir);
    write_generated_pack(pack, n, title);
}

static inline void assert_same_sets(const PackSet *a, const PackSet *b)
{
    PackDiff d = {{0}};
    assert_int_equal(a->pack_count, b->pack_count);
    for (size_t i = 0; i < a->pack_count; i++)
        if (!pack_same(&d, a->packs[i], b->packs[i])) {
            print_message("pack %zu differs at %s\n", i, d.where);
            fail();
        }
    assert_int_equal(a->failure_count, b->failure_count);
    for (size_t i = 0; i < a->failure_count; i++) {
        assert_string_equal(a->failures[i].path, b->failures[i].path);
        assert_int_equal(a->failures[i].not_read, b->failures[i].not_read);
        assert_true(pack_same_diags(&d, &a->failures[i].diags, &b->failures[i].diags));
    }
    assert_int_equal(a->report_count, b->report_count);
    for (size_t i = 0; i < a->report_count; i++) {
        assert_string_equal(a->reports[i].path, b->reports[i].path);
        assert_int_equal(a->reports[i].loaded, b->reports[i].loaded);
        assert_int_equal(a->reports[i].not_read, b->reports[i].not_read);
        if (!pack_same_diags(&d, &a->reports[i].diags, &b->reports[i].diags)) {
            print_message("%s: %s\n", a->reports[i].path, d.where);
            fail();
        }
    }
    assert_true(pack_same_diags(&d, &a->warnings, &b->warnings));
}

#endif
