/* test_pack_cache.c - the binary pack cache gives what the YAML gives, and
 * is never trusted.
 *
 * What a player would notice if it broke: a pack that changed on disk but
 * still shows its old questions (staleness: an edit of the same size in the
 * same second included), a damaged or foreign cache file that crashes the
 * game or shows another pack, a cache folder that cannot be written making
 * packs fail to load, two games started at once breaking each other's
 * cache, and a cached pack whose questions, messages or warnings differ
 * from the YAML's in any field. The identity is checked for every pack
 * file of the tree (tests/data, questions/, tests/fuzz/corpus: the seeds
 * run-fuzz.sh uses) with a deep compare (tests/fuzz/pack_compare.h).
 *
 * Pack sets and the loader that reads them off the main thread are in
 * test_pack_set_loader.c. Each test works in a fresh temporary cache
 * folder. Read pack_cache.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "hash64.h"
#include "pack_cache.h"
#include "pack_cache_internal.h"
#include "pack_load.h"
#include "pack_set.h"
#include "test_support.h"

#include "pack_cache_test.h"

/* ------------------------------------------------------------ helpers */

/* The one entry of a cache folder that holds one (its full path). */
static void only_entry(const char *cache, char *out, size_t size)
{
    DIR *dir = opendir(cache);
    assert_non_null(dir);
    struct dirent *e;
    size_t entries = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(out, size, "%.200s/%.255s", cache, e->d_name);
        entries++;
    }
    closedir(dir);
    assert_int_equal(entries, 1);
}

/* ------------------------------------------------------------ the hash */

static void test_hash_is_the_same_however_the_bytes_are_cut(void **state)
{
    (void)state;
    unsigned char data[1000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 131 + 7);
    uint64_t whole = hash64(data, sizeof data, 5);
    static const size_t cuts[] = {1, 3, 7, 31, 32, 33, 64, 100};
    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
        Hash64 h;
        hash64_init(&h, 5);
        for (size_t at = 0; at < sizeof data; at += cuts[c]) {
            size_t n = sizeof data - at < cuts[c] ? sizeof data - at : cuts[c];
            hash64_update(&h, data + at, n);
        }
        assert_true(hash64_final(&h) == whole);
    }
    /* One bit anywhere, one byte more or less, another seed: another value. */
    for (size_t i = 0; i < sizeof data; i += 97) {
        data[i] ^= 1;
        assert_true(hash64(data, sizeof data, 5) != whole);
        data[i] ^= 1;
    }
    assert_true(hash64(data, sizeof data - 1, 5) != whole);
    assert_true(hash64(data, sizeof data, 6) != whole);
    assert_true(hash64("", 0, 0) != hash64("\0", 1, 0));
}

/* ------------------------------------------------------------ identity */

/* Every pack file under `dir` (recursively, as run-fuzz.sh finds its
 * seeds), each handed to `check`. Returns how many. */
static size_t each_pack_file(const char *dir, void (*check)(const char *path, void *ctx), void *ctx)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            n += each_pack_file(path, check, ctx);
        else if (S_ISREG(st.st_mode) && pack_set_is_pack_name(e->d_name))
            check(path, ctx), n++;
    }
    closedir(d);
    return n;
}

/* The YAML load, the cache's first load (which writes the entry and reads
 * it back), its second (a hit), and the image through memory: all four
 * the same. */
static void check_identity(const char *path, void *ctx)
{
    const char *cache = ctx;
    Load yaml = load_yaml(path);
    Load first = load_cached(cache, path);
    Load second = load_cached(cache, path);
    if (first.info.outcome != PACK_CACHE_WRITTEN || second.info.outcome != PACK_CACHE_HIT)
        print_message("%s: %s then %s\n", path, pack_cache_outcome_name(first.info.outcome),
                      pack_cache_outcome_name(second.info.outcome));
    assert_int_equal(first.info.outcome, PACK_CACHE_WRITTEN);
    assert_int_equal(first.info.miss, PACK_CACHE_MISS_ABSENT);
    assert_int_equal(second.info.outcome, PACK_CACHE_HIT);
    assert_same(&yaml, &first, path);
    assert_same(&yaml, &second, path);

    PackCacheKey key = {.path = "/any/where.yaml"};
    void *image;
    size_t size;
    assert_true(pack_cache_encode(yaml.pack, &yaml.diags, &key, &image, &size));
    Load memory = {0};
    PackCacheMiss why;
    memory.pack = pack_cache_decode(image, size, &key, path, &memory.diags, &why);
    assert_int_equal(why, PACK_CACHE_MISS_NONE);
    assert_same(&yaml, &memory, path);
    free(image);
    load_free(&memory);
    load_free(&yaml);
    load_free(&first);
    load_free(&second);
}

static void test_cache_gives_the_yaml_load_of_every_pack_file(void **state)
{
    (void)state;
    char cache[TEST_DIR_SIZE];
    assert_true(test_make_dir(cache));
    size_t files = each_pack_file(DATA, check_identity, cache);
    files += each_pack_file(QUIZDECK_SOURCE_QUESTIONS, check_identity, cache);
    files += each_pack_file(DATA "/../fuzz/corpus", check_identity, cache);
    assert_true(files >= 150); /* the broken corpus alone has more than 90 */
    test_remove_tree(cache);
}

/* A bigger pack, of every list shape the generator makes, the same way. */
static void test_large_pack_is_the_same_from_the_cache(void **state)
{
    (void)state;
    char dir[TEST_DIR_SIZE], path[PACK_DIR_PATH], cache[PACK_DIR_PATH];
    pack_dir_make(dir, path, cache, "big.yaml", 4000, "Big");
    check_identity(path, cache);
    test_remove_tree(dir);
}

/* The loader's output over the corpus, against what it was when
 * PACK_LOADER_VERSION was last set: a changed output with the same version
 * would let caches made by the old loader be used by the new one. */
static void digest_file(const char *path, void *ctx)
{
    Load l = load_yaml(path);
    const char *base = strrchr(path, '/');
    Hash64 *h = ctx;
    pack_digest_string(h, base ? base + 1 : path);
    pack_digest(h, l.pack, &l.diags);
    load_free(&l);
}

enum { LOADER_VERSION_SEEN = 1 };
static const uint64_t LOADER_DIGEST_SEEN = 0x991fb380df0a3cc6u;

static void test_loader_version_follows_its_output(void **state)
{
    (void)state;
    /* File order must not depend on the file system: digest each file,
     * then combine the digests order-free (a sum). */
    static const char *const dirs[] = {DATA "/valid", DATA "/broken"};
    uint64_t sum = 0;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d = opendir(dirs[i]);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!pack_set_is_pack_name(e->d_name))
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", dirs[i], e->d_name);
            Hash64 h;
            hash64_init(&h, 0);
            digest_file(path, &h);
            sum += hash64_final(&h);
        }
        closedir(d);
    }
    if ((int)PACK_LOADER_VERSION != (int)LOADER_VERSION_SEEN || sum != LOADER_DIGEST_SEEN)
        print_message("The loader's output over tests/data/valid and tests/data/broken is now "
                      "0x%016llx (version %d). If the loader changed what it gives for some "
                      "file, bump PACK_LOADER_VERSION in pack_load.h; then (or if only the "
                      "corpus changed) set LOADER_VERSION_SEEN and LOADER_DIGEST_SEEN here to "
                      "%d and 0x%016llx.\n",
                      (unsigned long long)sum, PACK_LOADER_VERSION, PACK_LOADER_VERSION,
                      (unsigned long long)sum);
    assert_int_equal(PACK_LOADER_VERSION, LOADER_VERSION_SEEN);
    assert_true(sum == LOADER_DIGEST_SEEN);
}

/* ------------------------------------------------------- never trusted */

typedef struct Fixture {
    char dir[TEST_DIR_SIZE];
    char pack[TEST_DIR_SIZE + 32];
    char cache[TEST_DIR_SIZE + 32];
    char entry[512];
} Fixture;

/* A folder with the corpus's all-types pack and a cache folder in which
 * its entry is written. */
static void fixture_open(Fixture *f, const char *source)
{
    assert_true(test_make_dir(f->dir));
    snprintf(f->pack, sizeof f->pack, "%s/pack.yaml", f->dir);
    snprintf(f->cache, sizeof f->cache, "%s/cache", f->dir);
    assert_true(test_copy_file(source, f->pack));
    Load l = load_cached(f->cache, f->pack);
    assert_int_equal(l.info.outcome, PACK_CACHE_WRITTEN);
    load_free(&l);
    only_entry(f->cache, f->entry, sizeof f->entry);
}

/* Loads through the cache: the pack must be the YAML's, the entry not used
 * for `why`, and written again (so the next load is a hit). */
static void expect_rebuilt(const Fixture *f, PackCacheMiss why, const char *what)
{
    Load yaml = load_yaml(f->pack);
    Load l = load_cached(f->cache, f->pack);
    if (l.info.outcome != PACK_CACHE_WRITTEN || l.info.miss != why)
        print_message("%s: %s (%s), expected written (%s)\n", what,
                      pack_cache_outcome_name(l.info.outcome), pack_cache_miss_name(l.info.miss),
                      pack_cache_miss_name(why));
    assert_int_equal(l.info.outcome, PACK_CACHE_WRITTEN);
    assert_int_equal(l.info.miss, why);
    assert_same(&yaml, &l, what);
    load_free(&l);
    l = load_cached(f->cache, f->pack);
    assert_int_equal(l.info.outcome, PACK_CACHE_HIT);
    assert_same(&yaml, &l, what);
    load_free(&l);
    load_free(&yaml);
}

/* Damage to the entry file, of every kind: flipped bits in the header and
 * in each part of the body, a file cut short or made longer, zeros,
 * garbage, an empty file, a folder where the entry should be. */
static void test_corrupt_entries_are_ignored_and_rebuilt(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, DATA "/valid/all-types.yaml");
    size_t size = 0;
    char *good = test_read_file(f.entry, &size);
    assert_non_null(good);
    assert_true(size > 1024);
    /* A byte of each field of the header, and bytes all over the body. */
    for (size_t at = 0; at < size; at += at < 320 ? 8 : 37) {
        char *bad = malloc(size);
        assert_non_null(bad);
        memcpy(bad, good, size);
        bad[at] = (char)(bad[at] ^ 0x41);
        assert_true(test_write_file(f.entry, bad, size));
        free(bad);
        char what[64];
        snprintf(what, sizeof what, "byte %zu flipped", at);
        Load l = load_cached(f.cache, f.pack);
        Load yaml = load_yaml(f.pack);
        assert_int_equal(l.info.outcome, PACK_CACHE_WRITTEN);
        assert_true(l.info.miss != PACK_CACHE_MISS_NONE && l.info.miss != PACK_CACHE_MISS_ABSENT);
        assert_same(&yaml, &l, what);
        load_free(&l);
        load_free(&yaml);
    }
    assert_true(test_write_file(f.entry, good, size / 2));
    expect_rebuilt(&f, PACK_CACHE_MISS_CORRUPT, "cut in half");
    assert_true(test_write_file(f.entry, good, 100));
    expect_rebuilt(&f, PACK_CACHE_MISS_CORRUPT, "cut inside its header");
    char *longer = calloc(1, size + 64);
    assert_non_null(longer);
    memcpy(longer, good, size);
    assert_true(test_write_file(f.entry, longer, size + 64));
    expect_rebuilt(&f, PACK_CACHE_MISS_CORRUPT, "longer");
    memset(longer, 0, size);
    assert_true(test_write_file(f.entry, longer, size));
    expect_rebuilt(&f, PACK_CACHE_MISS_FOREIGN, "zeros");
    for (size_t i = 0; i < size; i++)
        longer[i] = (char)(i * 7 + 3);
    assert_true(test_write_file(f.entry, longer, size));
    expect_rebuilt(&f, PACK_CACHE_MISS_FOREIGN, "garbage");
    free(longer);
    assert_true(test_write_file(f.entry, "", 0));
    expect_rebuilt(&f, PACK_CACHE_MISS_CORRUPT, "empty");
    /* Another loader version, another format: the header says foreign. */
    char *other = malloc(size);
    assert_non_null(other);
    memcpy(other, good, size);
    uint32_t version = PACK_LOADER_VERSION + 1;
    memcpy(other + offsetof(ImageHeader, loader_version), &version, sizeof version);
    assert_true(test_write_file(f.entry, other, size));
    expect_rebuilt(&f, PACK_CACHE_MISS_FOREIGN, "another loader version");
    memcpy(other, good, size);
    other[offsetof(ImageHeader, byte_order)] ^= 0x05; /* 0x01020304 read the other way */
    assert_true(test_write_file(f.entry, other, size));
    expect_rebuilt(&f, PACK_CACHE_MISS_FOREIGN, "another byte order");
    free(other);
    /* A folder in the entry's place: the load goes on, nothing is written. */
    assert_int_equal(unlink(f.entry), 0);
    assert_int_equal(mkdir(f.entry, 0700), 0);
    Load l = load_cached(f.cache, f.pack);
    Load yaml = load_yaml(f.pack);
    assert_int_equal(l.info.outcome, PACK_CACHE_NOT_WRITTEN);
    assert_same(&yaml, &l, "a folder for an entry");
    load_free(&l);
    load_free(&yaml);
    free(good);
    test_remove_tree(f.dir);
}

/* Damage a checksum cannot see (the image is sealed again after it): the
 * reader's own checks refuse each, so a crafted entry cannot give the game
 * a Pack the loader could not have made. */
static void test_sealed_damage_is_refused(void **state)
{
    (void)state;
    Load yaml = load_yaml(DATA "/valid/all-types.yaml");
    assert_non_null(yaml.pack);
    PackCacheKey key = {.path = "/p.yaml"};
    void *image;
    size_t size;
    assert_true(pack_cache_encode(yaml.pack, &yaml.diags, &key, &image, &size));
    ImageHeader h;
    memcpy(&h, image, sizeof h);
    const size_t q0 = h.regions[REGION_QUESTIONS].offset; /* the choice question */
    const size_t ids = h.regions[REGION_IDS].offset, text = h.regions[REGION_TEXT].offset;
    const size_t text_end = text + h.regions[REGION_TEXT].size;
    static const struct {
        const char *what;
        size_t field; /* offset in ImageQuestion, or SIZE_MAX for the others */
        int region;
        long at; /* from the region's start (negative: from its end) */
        unsigned char value;
    } cases[] = {
        {"answer index past the choices", offsetof(ImageQuestion, answer_index), 0, 0, 7},
        {"a type that does not exist", offsetof(ImageQuestion, type), 0, 0, QUESTION_TYPE_COUNT},
        {"one choice", offsetof(ImageQuestion, choice_count), 0, 0, 1},
        {"more choices than strings", offsetof(ImageQuestion, choice_count), 0, 0, 200},
        {"a topic index past the shared strings", offsetof(ImageQuestion, topic), 0, 0, 200},
        {"difficulty 0", offsetof(ImageQuestion, difficulty), 0, 0, 0},
        {"an unknown list flag", offsetof(ImageQuestion, lists), 0, 0, 0x80},
        {"an id with a capital", SIZE_MAX, REGION_IDS, 0, 'A'},
        {"an id that is not text", SIZE_MAX, REGION_IDS, 0, 0xFF},
        {"the text's last NUL gone", SIZE_MAX, REGION_TEXT, -1, 'x'},
        {"a string cut in its middle", SIZE_MAX, REGION_TEXT, 2, '\0'},
        {"invalid UTF-8", SIZE_MAX, REGION_TEXT, 0, 0xC0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        unsigned char *bad = malloc(size);
        assert_non_null(bad);
        memcpy(bad, image, size);
        size_t at;
        if (cases[c].field != SIZE_MAX)
            at = q0 + cases[c].field;
        else if (cases[c].region == REGION_IDS)
            at = ids;
        else
            at = cases[c].at < 0 ? text_end - 1 : text + (size_t)cases[c].at;
        bad[at] = cases[c].value;
        pack_cache_seal(bad, size);
        DiagList diags = {0};
        PackCacheMiss why;
        Pack *p = pack_cache_decode(bad, size, &key, "p.yaml", &diags, &why);
        if (p || why != PACK_CACHE_MISS_CORRUPT)
            print_message("accepted: %s\n", cases[c].what);
        assert_null(p);
        assert_int_equal(why, PACK_CACHE_MISS_CORRUPT);
        assert_int_equal(diags.count, 0); /* a refused image says nothing */
        free(bad);
    }
    /* Counts that claim more than the image holds are refused before
     * anything is allocated for them. */
    unsigned char *bad = malloc(size);
    assert_non_null(bad);
    static const size_t counts[] = {
        offsetof(ImageHeader, slot_count), offsetof(ImageHeader, pair_count),
        offsetof(ImageHeader, gap_count), offsetof(ImageHeader, shared_count)};
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        memcpy(bad, image, size);
        uint32_t huge = 0x7FFFFFFF;
        memcpy(bad + counts[c], &huge, sizeof huge);
        pack_cache_seal(bad, size);
        DiagList diags = {0};
        PackCacheMiss why;
        assert_null(pack_cache_decode(bad, size, &key, "p.yaml", &diags, &why));
        assert_int_equal(why, PACK_CACHE_MISS_CORRUPT);
    }
    free(bad);
    /* Two questions with one id: their hashes meet, then their strings. */
    static const char two[] =
        "format: 1\nid: two\ntitle: Two\nquestions:\n"
        "  - {id: a1, type: truefalse, prompt: P, answer: true, explain: E}\n"
        "  - {id: a2, type: truefalse, prompt: P, answer: true, explain: E}\n";
    DiagList two_diags = {0};
    Pack *two_pack = pack_load_buffer("two.yaml", two, sizeof two - 1, &two_diags);
    assert_non_null(two_pack);
    void *twin;
    size_t twin_size;
    assert_true(pack_cache_encode(two_pack, &two_diags, &key, &twin, &twin_size));
    ImageHeader th;
    memcpy(&th, twin, sizeof th);
    unsigned char *twin_ids = (unsigned char *)twin + th.regions[REGION_IDS].offset;
    assert_memory_equal(twin_ids, "a1\0a2\0", 6);
    twin_ids[4] = '1';
    pack_cache_seal(twin, twin_size);
    DiagList none = {0};
    PackCacheMiss twin_why;
    assert_null(pack_cache_decode(twin, twin_size, &key, "two.yaml", &none, &twin_why));
    assert_int_equal(twin_why, PACK_CACHE_MISS_CORRUPT);
    free(twin);
    pack_free(two_pack);
    diag_clear(&two_diags);

    /* And the key: another file's image, another state of this one. */
    DiagList diags = {0};
    PackCacheMiss why;
    PackCacheKey other = key;
    other.path = "/q.yaml";
    assert_null(pack_cache_decode(image, size, &other, "p.yaml", &diags, &why));
    assert_int_equal(why, PACK_CACHE_MISS_FOREIGN);
    other = key;
    other.content_hash = 1;
    assert_null(pack_cache_decode(image, size, &other, "p.yaml", &diags, &why));
    assert_int_equal(why, PACK_CACHE_MISS_STALE);
    assert_int_equal(diags.count, 0);
    free(image);
    load_free(&yaml);
}

/* A cache file of another pack under this pack's name (copied by hand,
 * or a clash of the names' hash) is not this pack's. */
static void test_foreign_entry_is_not_used(void **state)
{
    (void)state;
    Fixture a, b;
    fixture_open(&a, DATA "/valid/all-types.yaml");
    fixture_open(&b, DATA "/valid/example.yaml");
    assert_true(test_copy_file(a.entry, b.entry));
    expect_rebuilt(&b, PACK_CACHE_MISS_FOREIGN, "another pack's entry");
    test_remove_tree(a.dir);
    test_remove_tree(b.dir);
}

/* -------------------------------------------------------------- staleness */

static void test_edited_pack_is_read_again(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, DATA "/valid/all-types.yaml");
    struct stat before;
    assert_int_equal(stat(f.pack, &before), 0);

    /* Edited in place: same size, same inode, and the time put back to the
     * nanosecond, as an editor on a coarse clock, a copy that keeps times,
     * or a checkout may leave it. Only the bytes tell. */
    size_t size = 0;
    char *text = test_read_file(f.pack, &size);
    assert_non_null(text);
    char *title = strstr(text, "title: \"Every question type\"");
    assert_non_null(title);
    memcpy(title + 8, "EVERY", 5);
    int fd = open(f.pack, O_WRONLY);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, text, size, 0), (ssize_t)size);
    close(fd);
    struct timespec times[2] = {before.st_atim, before.st_mtim};
    assert_int_equal(utimensat(AT_FDCWD, f.pack, times, 0), 0);
    struct stat after;
    assert_int_equal(stat(f.pack, &after), 0);
    assert_true(after.st_size == before.st_size && after.st_ino == before.st_ino &&
                after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
                after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
    expect_rebuilt(&f, PACK_CACHE_MISS_STALE, "same size, same time");
    Load l = load_cached(f.cache, f.pack);
    assert_string_equal(l.pack->title, "EVERY question type");
    load_free(&l);

    /* Only its time changed (touched): read again, the same pack. */
    times[1].tv_sec += 10;
    assert_int_equal(utimensat(AT_FDCWD, f.pack, times, 0), 0);
    expect_rebuilt(&f, PACK_CACHE_MISS_STALE, "touched");

    /* Broken by an edit: the cached pack is not given, the error is. */
    write_file(f.pack, "format: 1\nid: x\n");
    l = load_cached(f.cache, f.pack);
    assert_null(l.pack);
    assert_int_equal(l.info.outcome, PACK_CACHE_WRITTEN);
    assert_true(l.diags.error_count >= 1);
    load_free(&l);
    free(text);
    test_remove_tree(f.dir);
}

/* ------------------------------------------------------ an unwritable folder */

static void test_unwritable_cache_folder_only_costs_the_write(void **state)
{
    (void)state;
    char dir[TEST_DIR_SIZE], blocker[TEST_DIR_SIZE + 32], cache[TEST_DIR_SIZE + 64];
    assert_true(test_make_dir(dir));
    /* A file where a folder of the cache's path should be: even root
     * cannot create the folder. */
    snprintf(blocker, sizeof blocker, "%s/not-a-folder", dir);
    write_file(blocker, "x");
    snprintf(cache, sizeof cache, "%s/quizdeck/packs", blocker);
    static const char *const packs[] = {DATA "/valid/example.yaml",
                                        DATA "/broken/yaml-syntax.yaml"};
    for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++) {
        Load yaml = load_yaml(packs[i]);
        for (int round = 0; round < 2; round++) {
            Load l = load_cached(cache, packs[i]);
            assert_int_equal(l.info.outcome, PACK_CACHE_NOT_WRITTEN);
            assert_int_equal(l.info.error, ENOTDIR);
            assert_same(&yaml, &l, packs[i]); /* no message of its own */
            load_free(&l);
        }
        load_free(&yaml);
    }
    /* A folder the user may not write (meaningless for root). */
    if (geteuid() != 0) {
        char locked[TEST_DIR_SIZE + 32];
        snprintf(locked, sizeof locked, "%s/locked", dir);
        assert_int_equal(mkdir(locked, 0500), 0);
        Load l = load_cached(locked, packs[0]);
        assert_int_equal(l.info.outcome, PACK_CACHE_NOT_WRITTEN);
        assert_int_equal(l.info.error, EACCES);
        assert_non_null(l.pack);
        load_free(&l);
        chmod(locked, 0700);
    }
    /* No cache at all: the YAML, and nothing said. */
    Load yaml = load_yaml(packs[0]);
    Load none = load_cached(NULL, packs[0]);
    assert_int_equal(none.info.outcome, PACK_CACHE_UNUSED);
    assert_same(&yaml, &none, packs[0]);
    load_free(&yaml);
    load_free(&none);
    test_remove_tree(dir);
}

/* ------------------------------------------------ two games at once */

/* Two processes load one pack with a cold cache, released together, over
 * and over: both loads succeed every time with the right pack, the entry
 * left behind is whole (a hit, the same pack) and no temporary file is. */
static void test_two_games_writing_one_entry(void **state)
{
    (void)state;
    char dir[TEST_DIR_SIZE], pack[PACK_DIR_PATH], cache[PACK_DIR_PATH];
    pack_dir_make(dir, pack, cache, "shared.yaml", 3000,
                  "Shared"); /* writes take a while: they overlap */
    Load yaml = load_yaml(pack);
    assert_non_null(yaml.pack);
    enum { ROUNDS = 12, GAMES = 2 };
    for (int round = 0; round < ROUNDS; round++) {
        test_remove_tree(cache);
        int go[2];
        assert_int_equal(pipe(go), 0);
        pid_t pids[GAMES];
        for (int g = 0; g < GAMES; g++) {
            pids[g] = fork();
            assert_true(pids[g] >= 0);
            if (pids[g] == 0) {
                close(go[1]);
                char byte;
                if (read(go[0], &byte, 1) != 1)
                    _exit(3);
                Load l = load_cached(cache, pack);
                PackDiff d;
                bool ok =
                    l.pack && pack_same(&d, yaml.pack, l.pack) &&
                    (l.info.outcome == PACK_CACHE_WRITTEN || l.info.outcome == PACK_CACHE_HIT);
                _exit(ok ? 0 : 1);
            }
        }
        close(go[0]);
        assert_int_equal(write(go[1], "gg", GAMES), GAMES); /* both at once */
        close(go[1]);
        for (int g = 0; g < GAMES; g++) {
            int status;
            assert_int_equal(waitpid(pids[g], &status, 0), pids[g]);
            assert_true(WIFEXITED(status));
            assert_int_equal(WEXITSTATUS(status), 0);
        }
        char entry[512];
        only_entry(cache, entry, sizeof entry); /* and no temporary file */
        Load l = load_cached(cache, pack);
        assert_int_equal(l.info.outcome, PACK_CACHE_HIT);
        assert_same(&yaml, &l, "after two writers");
        load_free(&l);
    }
    load_free(&yaml);
    test_remove_tree(dir);
}

/* --------------------------------------------- a cached pack stays whole */

/* A Pack read from the cache stays whole when its entry is replaced (the
 * pack edited and read again) or removed, and when the cache is emptied. */
static void test_cached_pack_outlives_its_entry(void **state)
{
    (void)state;
    Fixture f;
    fixture_open(&f, DATA "/valid/all-types.yaml");
    Load yaml = load_yaml(f.pack);
    Load held = load_cached(f.cache, f.pack);
    assert_int_equal(held.info.outcome, PACK_CACHE_HIT);
    write_file(f.pack, "format: 1\nid: other\ntitle: Other\nquestions:\n"
                       "  - {id: a, type: truefalse, prompt: P, answer: true, explain: E}\n");
    Load other = load_cached(f.cache, f.pack);
    assert_int_equal(other.info.outcome, PACK_CACHE_WRITTEN);
    assert_string_equal(other.pack->id, "other");
    load_free(&other);
    test_remove_tree(f.cache);
    /* Every string of the held pack is read now, after all that. */
    assert_same(&yaml, &held, "the held pack");
    load_free(&held);
    load_free(&yaml);
    test_remove_tree(f.dir);
}

/* The warnings of a pack that loads come from its entry too. */
static void test_cached_pack_keeps_its_warnings(void **state)
{
    (void)state;
    char cache[TEST_DIR_SIZE];
    assert_true(test_make_dir(cache));
    const char *path = DATA "/valid/example.yaml";
    Load first = load_cached(cache, path);
    Load hit = load_cached(cache, path);
    assert_int_equal(hit.info.outcome, PACK_CACHE_HIT);
    assert_non_null(hit.pack);
    assert_int_equal(hit.diags.warning_count, 1);
    assert_int_equal(hit.diags.items[0].severity, DIAG_WARNING);
    assert_string_equal(hit.diags.items[0].file, path);
    assert_true(strstr(hit.diags.items[0].message, "has no 'explain'") != NULL);
    assert_same(&first, &hit, path);
    load_free(&first);
    load_free(&hit);
    test_remove_tree(cache);
}

static void test_cache_folder_from_the_environment(void **state)
{
    (void)state;
    static const struct {
        const char *own, *xdg, *home, *expected;
    } cases[] = {
        {"/t/own", "/x", "/h", "/t/own"},
        {NULL, "/x/cache", "/h", "/x/cache/quizdeck/packs"},
        {NULL, "/x/cache/", "/h", "/x/cache/quizdeck/packs"},
        {NULL, "relative", "/home/u", "/home/u/.cache/quizdeck/packs"},
        {NULL, NULL, "/home/u", "/home/u/.cache/quizdeck/packs"},
        {NULL, NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *names[] = {"QUIZDECK_CACHE_DIR", "XDG_CACHE_HOME", "HOME"};
        const char *values[] = {cases[i].own, cases[i].xdg, cases[i].home};
        for (int k = 0; k < 3; k++) {
            if (values[k])
                setenv(names[k], values[k], 1);
            else
                unsetenv(names[k]);
        }
        char *dir = pack_cache_dir_from_env();
        if (cases[i].expected)
            assert_string_equal(dir, cases[i].expected);
        else
            assert_null(dir);
        free(dir);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_is_the_same_however_the_bytes_are_cut),
        cmocka_unit_test(test_cache_gives_the_yaml_load_of_every_pack_file),
        cmocka_unit_test(test_large_pack_is_the_same_from_the_cache),
        cmocka_unit_test(test_loader_version_follows_its_output),
        cmocka_unit_test(test_corrupt_entries_are_ignored_and_rebuilt),
        cmocka_unit_test(test_sealed_damage_is_refused),
        cmocka_unit_test(test_foreign_entry_is_not_used),
        cmocka_unit_test(test_edited_pack_is_read_again),
        cmocka_unit_test(test_unwritable_cache_folder_only_costs_the_write),
        cmocka_unit_test(test_two_games_writing_one_entry),
        cmocka_unit_test(test_cached_pack_outlives_its_entry),
        cmocka_unit_test(test_cached_pack_keeps_its_warnings),
        cmocka_unit_test(test_cache_folder_from_the_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
