/* test_pack_set.c - reading folders of packs, as a shared class computer
 * gives them: next to good packs, entries other people put there.
 *
 * Each test builds its hostile folder itself (a FIFO with mkfifo, links to
 * /etc/passwd, /dev/null and a file in a sibling folder, links that stay
 * inside, a folder named x.yaml, a socket, a device when the test may make
 * one, a dot-file) in a fresh temporary folder, and removes it after. A
 * FIFO that were opened for reading would block for ever, so those tests
 * run under alarm(): a hang ends the test program, which fails it.
 */
#define _XOPEN_SOURCE 700 /* mknod */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "pack_load.h"
#include "pack_set.h"
#include "test_support.h"

enum { HANG_SECONDS = 20 };

/* What must never show up: the content of a file outside the folder. */
static const char secret_marker[] = "SECRETMARKERXYZ";

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void link_to(const char *dir, const char *name, const char *target)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink(target, path), 0);
}

static char *pack_text(const char *id)
{
    static char text[256];
    snprintf(text, sizeof text,
             "format: 1\nid: %s\ntitle: T\nquestions:\n"
             "  - {id: a, type: truefalse, prompt: P, answer: true, explain: E}\n",
             id);
    return text;
}

typedef struct Hostile {
    char root[64]; /* holds packs/ and other/ */
    char packs[96];
    bool made_device;
} Hostile;

/* The folder every test here reads, with what it should make of it. */
static void make_hostile(Hostile *h)
{
    snprintf(h->root, sizeof h->root, "/tmp/quizdeck-set-XXXXXX");
    assert_non_null(mkdtemp(h->root));
    snprintf(h->packs, sizeof h->packs, "%s/packs", h->root);
    char other[96], path[256];
    snprintf(other, sizeof other, "%s/other", h->root);
    assert_int_equal(mkdir(h->packs, 0755), 0);
    assert_int_equal(mkdir(other, 0755), 0);
    /* Another user's file, one folder over: broken so that reading it would
     * quote its content back. */
    write_file(other, "secret.yaml", "SECRETMARKERXYZ: 1\n");

    write_file(h->packs, "good.yaml", pack_text("good"));
    write_file(h->packs, "data.txt", pack_text("via-link"));
    write_file(h->packs, ".hidden.yaml", pack_text("hidden"));
    snprintf(path, sizeof path, "%s/sub", h->packs);
    assert_int_equal(mkdir(path, 0755), 0);
    write_file(path, "nested.txt", pack_text("nested"));
    link_to(h->packs, "link-inside.yaml", "data.txt");
    link_to(h->packs, "nested-link.yaml", "sub/nested.txt");
    link_to(h->packs, "again.yaml", "good.yaml"); /* read once, as good.yaml */
    link_to(h->packs, "passwd.yaml", "/etc/passwd");
    link_to(h->packs, "null.yaml", "/dev/null");
    link_to(h->packs, "sibling.yaml", "../other/secret.yaml");
    link_to(h->packs, "outlink", "../other");
    link_to(h->packs, "via-sublink.yaml", "outlink/secret.yaml");
    link_to(h->packs, "broken.yaml", "missing.yaml");
    link_to(h->packs, "loop.yaml", "loop.yaml");
    link_to(h->packs, "self.yaml", ".");
    snprintf(path, sizeof path, "%s/dir.yaml", h->packs);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/fifo.yaml", h->packs);
    assert_int_equal(mkfifo(path, 0644), 0);
    snprintf(path, sizeof path, "%s/dev.yaml", h->packs);
    h->made_device = mknod(path, S_IFCHR | 0600, 0) == 0; /* needs root */
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s/sock.yaml", h->packs);
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(sock >= 0);
    assert_int_equal(bind(sock, (struct sockaddr *)&addr, sizeof addr), 0);
    close(sock);
}

typedef struct Refused {
    const char *name;
    const char *message;
} Refused;

static const Refused refused[] = {
    {"broken.yaml",
     "not read: it is a symbolic link to nothing (its target is missing, or links loop)"},
    {"dev.yaml", "not read: it is a device, not a file"},
    {"dir.yaml", "not read: it is a folder, not a pack file"},
    {"fifo.yaml", "not read: it is a named pipe (FIFO), not a file"},
    {"loop.yaml",
     "not read: it is a symbolic link to nothing (its target is missing, or links loop)"},
    {"null.yaml", "not read: it is a symbolic link that leads out of its folder; only files "
                  "inside the folder are read"},
    {"passwd.yaml", "not read: it is a symbolic link that leads out of its folder; only files "
                    "inside the folder are read"},
    {"self.yaml", "not read: it is a symbolic link to a folder, not a pack file"},
    {"sibling.yaml", "not read: it is a symbolic link that leads out of its folder; only files "
                     "inside the folder are read"},
    {"sock.yaml", "not read: it is a socket, not a file"},
    {"via-sublink.yaml", "not read: it is a symbolic link that leads out of its folder; only "
                         "files inside the folder are read"},
};

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* No message of the set quotes a file it must not have read. */
static void assert_nothing_leaked(const PackSet *set)
{
    for (size_t r = 0; r < set->report_count; r++)
        for (size_t i = 0; i < set->reports[r].diags.count; i++) {
            const char *m = set->reports[r].diags.items[i].message;
            assert_null(strstr(m, secret_marker));
            assert_null(strstr(m, "root:"));
        }
}

static void test_only_regular_files_inside_the_folder_are_read(void **state)
{
    (void)state;
    Hostile h;
    make_hostile(&h);
    alarm(HANG_SECONDS);
    PackSet set = {0};
    assert_int_equal(pack_set_add_path(&set, h.packs), PACK_SET_OK);
    alarm(0);

    /* Read: the regular file, and the links that stay inside (in the
     * folder or below it); again.yaml is good.yaml a second time. */
    assert_int_equal(set.pack_count, 3);
    assert_string_equal(set.packs[0]->id, "good");
    assert_string_equal(set.packs[1]->id, "via-link");
    assert_true(ends_with(set.packs[1]->path, "/link-inside.yaml"));
    assert_string_equal(set.packs[2]->id, "nested");
    assert_null(pack_set_find(&set, "hidden")); /* dot-files are ignored */

    /* Everything else is listed, in name order, with why it was not read. */
    size_t expected = 0;
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (strcmp(refused[i].name, "dev.yaml") == 0 && !h.made_device)
            continue;
        assert_true(expected < set.failure_count);
        const PackFailure *f = &set.failures[expected++];
        if (!ends_with(f->path, refused[i].name) || f->diags.count != 1 ||
            strcmp(f->diags.items[0].message, refused[i].message) != 0) {
            print_message("expected %s: %s\ngot %s: %s\n", refused[i].name, refused[i].message,
                          f->path, f->diags.count ? f->diags.items[0].message : "(nothing)");
            fail();
        }
        assert_true(f->not_read);
        assert_int_equal(f->diags.error_count, 1);
        assert_int_equal(f->diags.items[0].line, 1);
        assert_int_equal(f->diags.items[0].column, 1);
    }
    assert_int_equal(set.failure_count, expected);
    assert_int_equal(pack_set_error_count(&set), expected);
    /* --check prints the reports: the refused ones are among them. */
    assert_int_equal(set.report_count, 3 + expected);
    assert_nothing_leaked(&set);
    pack_set_free(&set);
    test_remove_tree(h.root);
}

/* The same rules for a file named directly (--check FILE, a dropped file):
 * its folder is the one it is in. */
static void test_a_named_file_follows_the_same_rules(void **state)
{
    (void)state;
    Hostile h;
    make_hostile(&h);
    static const char *const names[] = {"fifo.yaml", "passwd.yaml", "sibling.yaml",
                                        "sock.yaml", "dir.yaml",    "self.yaml"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", h.packs, names[i]);
        alarm(HANG_SECONDS);
        DiagList diags = {0};
        assert_null(pack_load_file(path, &diags));
        alarm(0);
        assert_int_equal(diags.error_count, 1);
        assert_non_null(strstr(diags.items[0].message, "not read: it is "));
        /* The set reads a folder named as a folder (dir.yaml, self.yaml),
         * and refuses the rest with the same message. */
        if (i < 4) {
            PackSet set = {0};
            alarm(HANG_SECONDS);
            assert_int_equal(pack_set_add_path(&set, path), PACK_SET_OK);
            alarm(0);
            assert_int_equal(set.failure_count, 1);
            assert_true(set.failures[0].not_read);
            assert_string_equal(set.failures[0].diags.items[0].message, diags.items[0].message);
            assert_nothing_leaked(&set);
            pack_set_free(&set);
        }
        diag_clear(&diags);
    }
    /* A link inside is read like its target; a dot-file named is read. */
    char path[256];
    snprintf(path, sizeof path, "%s/nested-link.yaml", h.packs);
    DiagList diags = {0};
    Pack *p = pack_load_file(path, &diags);
    assert_non_null(p);
    assert_string_equal(p->id, "nested");
    pack_free(p);
    snprintf(path, sizeof path, "%s/.hidden.yaml", h.packs);
    p = pack_load_file(path, &diags);
    assert_non_null(p);
    pack_free(p);
    /* The folders of a named path are the user's choice: a file named
     * through a link to a folder is a file of that folder, and read. */
    snprintf(path, sizeof path, "%s/outlink/secret.yaml", h.packs);
    assert_null(pack_load_file(path, &diags));
    assert_non_null(strstr(diags.items[0].message, secret_marker));
    diag_clear(&diags);
    test_remove_tree(h.root);
}

/* A file named twice, through two folders' names, is read once. */
static void test_a_file_is_read_once(void **state)
{
    (void)state;
    Hostile h;
    make_hostile(&h);
    char path[256];
    snprintf(path, sizeof path, "%s/good.yaml", h.packs);
    PackSet set = {0};
    assert_int_equal(pack_set_add_path(&set, path), PACK_SET_OK);
    assert_int_equal(pack_set_add_path(&set, path), PACK_SET_OK);
    snprintf(path, sizeof path, "%s/../packs/again.yaml", h.packs);
    assert_int_equal(pack_set_add_path(&set, path), PACK_SET_OK);
    assert_int_equal(set.pack_count, 1);
    assert_int_equal(set.failure_count, 0);
    assert_int_equal(set.report_count, 1);
    pack_set_free(&set);
    test_remove_tree(h.root);
}

/* ------------------------------------------------------------ folders */

static void test_folder_with_broken_pack_loads_the_others(void **state)
{
    (void)state;
    PackSet set = {0};
    assert_int_equal(pack_set_add_path(&set, QUIZDECK_TEST_DATA "/folder-mixed"), PACK_SET_OK);
    /* a-good.yaml and c-good.yml load; b-broken.yaml fails; d-same-id.yaml
     * reuses a-good's id and fails naming it; notes.txt is not a pack. */
    assert_int_equal(set.pack_count, 2);
    assert_string_equal(set.packs[0]->id, "kuwait-regional-security");
    assert_string_equal(set.packs[1]->id, "second-pack");
    assert_int_equal(set.failure_count, 2);
    assert_non_null(strstr(set.failures[0].path, "b-broken.yaml"));
    assert_non_null(strstr(set.failures[1].path, "d-same-id.yaml"));
    const DiagList *d = &set.failures[1].diags;
    bool names_both = false;
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].message, "already used by") &&
            strstr(d->items[i].message, "a-good.yaml") && strstr(d->items[i].file, "d-same-id"))
            names_both = d->items[i].line == 2 && d->items[i].column == 5;
    assert_true(names_both);
    assert_int_equal(set.report_count, 4);
    pack_set_free(&set);
}

static void test_missing_path_is_reported(void **state)
{
    (void)state;
    PackSet set = {0};
    assert_int_equal(pack_set_add_path(&set, "/nonexistent/quizdeck"), PACK_SET_NO_PATH);
    assert_int_equal(set.failure_count, 1);
    pack_set_free(&set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_regular_files_inside_the_folder_are_read),
        cmocka_unit_test(test_a_named_file_follows_the_same_rules),
        cmocka_unit_test(test_a_file_is_read_once),
        cmocka_unit_test(test_folder_with_broken_pack_loads_the_others),
        cmocka_unit_test(test_missing_path_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
