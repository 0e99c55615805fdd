/* store_live.c - which unfinished rounds another store handle (another
 * game window, another process) is playing right now, so that
 * store_rounds_unfinished() does not report them as interrupted: only a
 * round whose game was killed, or whose window closed mid-round, is.
 *
 * Each handle opens a small lock file next to the database (quizdeck.db-live;
 * it holds no data and is never moved or read) and, for every round it
 * plays, holds a write lock on one byte of it at the offset of the round's
 * id. The kernel releases fcntl locks when their file is closed, so also
 * when the process dies, however it dies: a killed game's round is free, a
 * live window's round is locked. Linux's open-file-description locks
 * (F_OFD_SETLK) belong to the handle that took them, so two handles in one
 * process see each other's rounds too; where they do not exist, classic
 * POSIX locks are used, which belong to the process: then only other
 * processes' rounds are seen, and closing one handle would release the
 * locks of another one in the same process on the same file. A handle
 * does not see its own locks: its own unfinished rounds stay listed.
 *
 * A claim follows the transaction it was made in: a round begun in a
 * transaction that is rolled back was never there, so its lock goes; a
 * round finished or abandoned in a transaction keeps its lock until that
 * commits (a rollback leaves it being played). store_db.c calls
 * store_live_tx_ended() when the outermost level ends.
 *
 * Read store_internal.h first; the callers are store_rounds.c (begin,
 * finish, abandon, the unfinished list), store_answers.c (an answer
 * claims its round) and store_db.c.
 */
#define _GNU_SOURCE /* F_OFD_SETLK, F_OFD_GETLK (Linux, glibc) */
#include "i18n.h"
#include "store_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(F_OFD_SETLK) && defined(F_OFD_GETLK)
#define LIVE_SETLK F_OFD_SETLK
#define LIVE_GETLK F_OFD_GETLK
#else
#define LIVE_SETLK F_SETLK
#define LIVE_GETLK F_GETLK
#endif

struct StoreLive {
    int64_t round_id;
    bool new_in_tx; /* claimed in the open transaction: undone by a rollback */
    bool ending;    /* finished or abandoned in the open transaction */
};

void store_live_open(Store *store)
{
    store->live_fd = -1;
    char path[STORE_PATH_SIZE + 8];
    int n = snprintf(path, sizeof path, "%s-live", store->path);
    if (n < 0 || (size_t)n >= sizeof path)
        return;
    /* Without the file the store still works; it then reports every
     * unfinished round, as if no other window were open. */
    store->live_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
}

void store_live_close(Store *store)
{
    if (store->live_fd >= 0)
        close(store->live_fd); /* releases every lock of the handle */
    store->live_fd = -1;
    free(store->live);
    store->live = NULL;
    store->live_count = store->live_cap = 0;
}

/* A lock request on the byte of round_id; false when the id does not fit
 * an offset here. */
static bool live_byte(struct flock *fl, short type, int64_t round_id)
{
    memset(fl, 0, sizeof *fl); /* l_pid must be 0 for open-file-description locks */
    fl->l_type = type;
    fl->l_whence = SEEK_SET;
    fl->l_start = (off_t)round_id;
    fl->l_len = 1;
    return round_id > 0 && (int64_t)fl->l_start == round_id;
}

static StoreLive *find(Store *store, int64_t round_id)
{
    for (size_t i = 0; i < store->live_count; i++)
        if (store->live[i].round_id == round_id)
            return &store->live[i];
    return NULL;
}

static void unlock(Store *store, int64_t round_id)
{
    struct flock fl;
    if (store->live_fd >= 0 && live_byte(&fl, F_UNLCK, round_id))
        fcntl(store->live_fd, LIVE_SETLK, &fl);
}

static void drop(Store *store, StoreLive *entry)
{
    unlock(store, entry->round_id);
    *entry = store->live[--store->live_count];
}

bool store_live_claim(Store *store, int64_t round_id)
{
    if (find(store, round_id))
        return true;
    struct flock fl;
    if (store->live_fd < 0 || !live_byte(&fl, F_WRLCK, round_id))
        return true; /* no way to say; nothing stands in the way either */
    if (fcntl(store->live_fd, LIVE_SETLK, &fl) != 0)
        return false; /* another handle plays it */
    if (!store_grow((void **)&store->live, &store->live_cap, store->live_count,
                    sizeof *store->live)) {
        unlock(store, round_id);
        return true;
    }
    store->live[store->live_count++] =
        (StoreLive){.round_id = round_id, .new_in_tx = store->tx_depth > 0, .ending = false};
    return true;
}

StoreStatus store_live_tx_end(Store *store, StoreStatus status, int64_t round_id, const char *what,
                              StoreError *err)
{
    StoreStatus s = store_tx_end(store, status, what, err);
    if (s == STORE_OK)
        store_live_claim(store, round_id);
    return s;
}

void store_live_release(Store *store, int64_t round_id)
{
    StoreLive *entry = find(store, round_id);
    if (!entry)
        return;
    if (store->tx_depth > 0)
        entry->ending = true;
    else
        drop(store, entry);
}

bool store_live_elsewhere(Store *store, int64_t round_id)
{
    struct flock fl;
    if (store->live_fd < 0 || !live_byte(&fl, F_WRLCK, round_id))
        return false;
    /* F_GETLK says what would stand in the way of this lock: nothing
     * (F_UNLCK), or another handle's lock on the round's byte; never this
     * handle's own. */
    return fcntl(store->live_fd, LIVE_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

void store_live_tx_ended(Store *store, bool committed)
{
    size_t i = 0;
    while (i < store->live_count) {
        StoreLive *entry = &store->live[i];
        if (committed ? entry->ending : entry->new_in_tx) {
            drop(store, entry); /* the last entry moved into slot i */
            continue;
        }
        entry->new_in_tx = false;
        entry->ending = false;
        i++;
    }
}

StoreStatus store_round_claim(Store *store, int64_t round_id, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!store_live_claim(store, round_id))
        return store_fail(err, STORE_BUSY, 0,
                          _("Round %lld is being played in another quizdeck window right now."),
                          (long long)round_id);
    return store_ok(err);
}
