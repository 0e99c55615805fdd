/* test_store_i18n.c - the save file's messages in the interface language:
 * a learner whose game is in Arabic reads in Arabic that the data folder
 * cannot be used, or that an unreadable save was set aside and a fresh one
 * started (the core writes these with _() where it fills the error).
 *
 * ctest runs it with QUIZDECK_LOCALE_DIR=build/locale and LANGUAGE=en; the
 * test switches to Arabic itself. Read src/core/store/store.h first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "store.h"
#include "test_support.h"

/* A fresh folder in t with the file `name` in it: `bytes` bytes that are
 * no SQLite header; its path in path. */
static void folder_with_file(TestStore *t, const char *name, int bytes, char *path, size_t size)
{
    assert_true(test_store_dir(t));
    snprintf(path, size, "%s/%s", t->dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < bytes; i++)
        fputc((i * 7919) & 0xff, f);
    fclose(f);
}

static void test_a_folder_that_is_a_file_is_said_in_arabic(void **state)
{
    (void)state;
    TestStore t = {0};
    char file[sizeof t.db];
    folder_with_file(&t, "plain", 0, file, sizeof file);

    assert_true(i18n_set_language("ar"));
    Store *store = NULL;
    StoreError err = {0};
    assert_int_not_equal(store_open(&store, file, &err), STORE_OK);
    assert_null(store);
    assert_non_null(strstr(err.message, "لا يمكن الحفظ في"));
    assert_non_null(strstr(err.message, "ليس مجلدًا"));

    /* and in English after a switch back */
    assert_true(i18n_set_language("en"));
    err = (StoreError){0};
    assert_int_not_equal(store_open(&store, file, &err), STORE_OK);
    assert_non_null(strstr(err.message, "it is not a folder"));
    test_store_close(&t);
}

static void test_an_unreadable_save_is_set_aside_in_arabic(void **state)
{
    (void)state;
    TestStore t = {0};
    char db[sizeof t.db];
    folder_with_file(&t, "quizdeck.db", 4096, db, sizeof db);

    assert_true(i18n_set_language("ar"));
    StoreError err = {0};
    assert_int_equal(store_open(&t.store, t.dir, &err), STORE_OK);
    assert_true(err.recovered);
    assert_non_null(strstr(err.message, "تعذّرت قراءة تقدمك المحفوظ، فبدأ quizdeck ملف حفظ جديدًا"));
    assert_true(i18n_set_language("en"));
    test_store_close(&t);
}

int main(void)
{
    i18n_init(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_folder_that_is_a_file_is_said_in_arabic),
        cmocka_unit_test(test_an_unreadable_save_is_set_aside_in_arabic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
