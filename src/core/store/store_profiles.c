/* store_profiles.c - learners (store.h, "profiles"). Profiles own every
 * other row through ON DELETE CASCADE, so deleting one is one statement.
 * Read store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_PROFILE_ADD[] =
    "INSERT INTO profiles(name, created_at, last_used_at) VALUES(?1, ?2, 0)";
static const char SQL_PROFILE_RENAME[] = "UPDATE profiles SET name = ?2 WHERE id = ?1";
static const char SQL_PROFILE_DELETE[] = "DELETE FROM profiles WHERE id = ?1";
static const char SQL_PROFILE_TOUCH[] = "UPDATE profiles SET last_used_at = ?2 WHERE id = ?1";
static const char SQL_PROFILE_ORDER[] = "UPDATE profiles SET sort_order = ?2 WHERE id = ?1";
static const char SQL_PROFILE_LIST[] =
    "SELECT id, name, created_at, last_used_at, sort_order FROM profiles"
    " ORDER BY sort_order, last_used_at DESC, id";

/* Valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF) and
 * no control characters below U+0020. */
static bool utf8_name_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += len;
    }
    return true;
}

/* Trims ASCII spaces into buf and checks the rules of a profile name. */
static StoreStatus clean_name(const char *name, char buf[STORE_NAME_MAX + 1], StoreError *err)
{
    if (!name)
        return store_fail(err, STORE_INVALID, 0, "The profile name is missing.");
    const char *start = name;
    while (*start == ' ')
        start++;
    size_t n = strlen(start);
    while (n > 0 && start[n - 1] == ' ')
        n--;
    if (n == 0)
        return store_fail(err, STORE_INVALID, 0, "The profile name is empty.");
    if (n > STORE_NAME_MAX)
        return store_fail(err, STORE_INVALID, 0, "The profile name is longer than %d bytes.",
                          STORE_NAME_MAX);
    if (!utf8_name_ok((const unsigned char *)start, n))
        return store_fail(err, STORE_INVALID, 0,
                          "The profile name is not valid UTF-8 or contains control characters.");
    memcpy(buf, start, n);
    buf[n] = '\0';
    return STORE_OK;
}

static StoreStatus name_taken(StoreError *err, const char *name)
{
    return store_fail(err, STORE_EXISTS, SQLITE_CONSTRAINT_UNIQUE,
                      "There is already a profile called \"%s\".", name);
}

StoreStatus store_profile_add(Store *store, const char *name, int64_t now_ms, int64_t *id_out,
                              StoreError *err)
{
    StoreStatus s = store_need(store, err);
    char clean[STORE_NAME_MAX + 1];
    if (s == STORE_OK)
        s = clean_name(name, clean, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_PROFILE_ADD, &st, err)) != STORE_OK)
        return s;
    store_bind_text(st, 1, clean);
    store_bind_int(st, 2, now_ms);
    s = store_insert(store, st, id_out, N_("add the profile"), err);
    if (s != STORE_OK && store->last_rc == SQLITE_CONSTRAINT_UNIQUE)
        return name_taken(err, clean);
    return s;
}

/* UPDATE profiles SET <column> = ?2 WHERE id = ?1 for one of the updates. */
static StoreStatus update(Store *store, const char *sql, int64_t profile_id, const char *text,
                          int64_t value, const char *what, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK || (s = store_stmt(store, sql, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, profile_id);
    if (text)
        store_bind_text(st, 2, text);
    else
        store_bind_int(st, 2, value);
    return store_run_changed(store, st, profile_id, what, err);
}

StoreStatus store_profile_rename(Store *store, int64_t profile_id, const char *name,
                                 StoreError *err)
{
    char clean[STORE_NAME_MAX + 1];
    StoreStatus s = clean_name(name, clean, err);
    if (s != STORE_OK)
        return s;
    s = update(store, SQL_PROFILE_RENAME, profile_id, clean, 0, N_("rename the profile"), err);
    if (s == STORE_INVALID && store && store->last_rc == SQLITE_CONSTRAINT_UNIQUE)
        return name_taken(err, clean);
    return s;
}

StoreStatus store_profile_delete(Store *store, int64_t profile_id, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK || (s = store_stmt(store, SQL_PROFILE_DELETE, &st, err)) != STORE_OK)
        return s;
    /* One statement, so the cascade over every table is atomic. */
    store_bind_int(st, 1, profile_id);
    return store_run_changed(store, st, profile_id, N_("delete the profile"), err);
}

StoreStatus store_profile_touch(Store *store, int64_t profile_id, int64_t now_ms, StoreError *err)
{
    return update(store, SQL_PROFILE_TOUCH, profile_id, NULL, now_ms, N_("update the profile"),
                  err);
}

StoreStatus store_profile_set_order(Store *store, int64_t profile_id, int sort_order,
                                    StoreError *err)
{
    return update(store, SQL_PROFILE_ORDER, profile_id, NULL, sort_order, "reorder the profiles",
                  err);
}

void store_profile_list_free(StoreProfileList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free((char *)list->items[i].name);
    store_list_clear((void **)&list->items, &list->count);
}

/* One row of SQL_PROFILE_LIST into item (a StoreProfile, zeroed). */
static bool read_profile(sqlite3_stmt *st, void *item)
{
    StoreProfile *p = item;
    p->id = sqlite3_column_int64(st, 0);
    p->name = store_dup_column(st, 1);
    p->created_at = sqlite3_column_int64(st, 2);
    p->last_used_at = sqlite3_column_int64(st, 3);
    p->sort_order = store_col_int(st, 4);
    return p->name != NULL;
}

StoreStatus store_profile_list(Store *store, StoreProfileList *out, StoreError *err)
{
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_PROFILE_LIST, &st, err)) != STORE_OK)
        return s;
    if ((s = store_read_rows(store, st, (void **)&out->items, &out->count, 0, sizeof *out->items,
                             read_profile, N_("list the profiles"), err)) != STORE_OK)
        store_profile_list_free(out);
    return s;
}
