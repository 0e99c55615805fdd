/* store_settings.c - key/value settings, per profile or for the whole game
 * (store.h, "settings"). Values are text; the int helpers store decimal
 * text. Read store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `IS ?1` matches the NULL profile of a global setting too. */
static const char SQL_SETTING_DELETE[] = "DELETE FROM settings WHERE profile_id IS ?1 AND key = ?2";
static const char SQL_SETTING_INSERT[] =
    "INSERT INTO settings(profile_id, key, value) VALUES(?1, ?2, ?3)";
static const char SQL_SETTING_GET[] =
    "SELECT value FROM settings WHERE profile_id IS ?1 AND key = ?2";

static StoreStatus check_key(const Store *store, StoreError *err, const char *key)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK || (key && key[0] && strlen(key) <= STORE_KEY_MAX))
        return s;
    return store_fail(err, STORE_INVALID, 0, "The setting key is missing or longer than %d bytes.",
                      STORE_KEY_MAX);
}

/* The statement sql with (profile, key) bound. */
static StoreStatus keyed(Store *store, const char *sql, int64_t profile_id, const char *key,
                         sqlite3_stmt **st, StoreError *err)
{
    StoreStatus s = store_stmt(store, sql, st, err);
    if (s == STORE_OK) {
        store_bind_profile(*st, 1, profile_id);
        store_bind_text(*st, 2, key);
    }
    return s;
}

StoreStatus store_setting_set_text(Store *store, int64_t profile_id, const char *key,
                                   const char *value, StoreError *err)
{
    StoreStatus s = check_key(store, err, key);
    if (s != STORE_OK)
        return s;
    if (!value || strlen(value) > STORE_TEXT_MAX)
        return store_fail(err, STORE_INVALID, 0, "The value of setting %s is missing or too long.",
                          key);
    const char *what = N_("save the setting");
    if ((s = store_tx_begin(store, what, err)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    if ((s = keyed(store, SQL_SETTING_DELETE, profile_id, key, &st, err)) == STORE_OK)
        s = store_run(store, st, what, err);
    if (s == STORE_OK &&
        (s = keyed(store, SQL_SETTING_INSERT, profile_id, key, &st, err)) == STORE_OK) {
        store_bind_text(st, 3, value);
        s = store_run(store, st, what, err);
    }
    return store_tx_end(store, s, what, err);
}

StoreStatus store_setting_set_int(Store *store, int64_t profile_id, const char *key, int64_t value,
                                  StoreError *err)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)value);
    return store_setting_set_text(store, profile_id, key, text, err);
}

StoreStatus store_setting_get_text(Store *store, int64_t profile_id, const char *key, char *buf,
                                   size_t size, StoreError *err)
{
    StoreStatus s = check_key(store, err, key);
    if (s != STORE_OK)
        return s;
    if (!buf || size == 0)
        return store_fail(err, STORE_INVALID, 0, "No buffer for the setting.");
    buf[0] = '\0';
    sqlite3_stmt *st;
    if ((s = keyed(store, SQL_SETTING_GET, profile_id, key, &st, err)) != STORE_OK)
        return s;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        if (n < size && t)
            memcpy(buf, t, n);
        buf[n < size ? n : 0] = '\0';
        sqlite3_reset(st);
        if (n >= size)
            return store_fail(err, STORE_INVALID, 0,
                              "The value of setting %s is too long (%zu bytes).", key, n);
        return store_ok(err);
    }
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return store_fail(err, STORE_NOT_FOUND, 0, "Setting %s is not set.", key);
    }
    return store_done(store, st, rc, N_("read a setting"), err);
}

StoreStatus store_setting_get_int(Store *store, int64_t profile_id, const char *key, int64_t *value,
                                  StoreError *err)
{
    char text[64];
    StoreStatus s = store_setting_get_text(store, profile_id, key, text, sizeof text, err);
    if (s == STORE_INVALID && err && err->sqlite_code == 0 && text[0] == '\0' && key)
        return store_fail(err, STORE_INVALID, 0, "Setting %s is not an integer.", key);
    if (s != STORE_OK)
        return s;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0')
        return store_fail(err, STORE_INVALID, 0, "Setting %s is not an integer: \"%s\".", key,
                          text);
    if (value)
        *value = (int64_t)v;
    return store_ok(err);
}

int64_t store_setting_int_or(Store *store, int64_t profile_id, const char *key, int64_t fallback)
{
    int64_t v = 0;
    return store_setting_get_int(store, profile_id, key, &v, NULL) == STORE_OK ? v : fallback;
}

StoreStatus store_setting_delete(Store *store, int64_t profile_id, const char *key, StoreError *err)
{
    StoreStatus s = check_key(store, err, key);
    sqlite3_stmt *st;
    if (s != STORE_OK ||
        (s = keyed(store, SQL_SETTING_DELETE, profile_id, key, &st, err)) != STORE_OK)
        return s;
    return store_run(store, st, N_("remove the setting"), err);
}
