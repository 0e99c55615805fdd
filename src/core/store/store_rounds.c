/* store_rounds.c - quiz rounds and their answers (store.h, "rounds and
 * answers"). A round row is written when the round starts, each answer when
 * it is given (adding to the round's running totals in the same
 * transaction), and the final figures when it ends. Read store_internal.h
 * first.
 */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define ROUND_COLS                                                                                 \
    "id, profile_id, started_at, finished_at, abandoned, seed, mode, settings, "                   \
    "packs, pack_count, question_count, "                                                          \
    "(SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id), "                              \
    "correct_count, points, best_streak"

#define ANSWER_COLS                                                                                \
    "id, round_id, profile_id, pack_id, question_id, topic_id, given, "                            \
    "fraction_right, correct, points, ms_taken, answered_at, timed_out"

static const char SQL_ROUND_BEGIN[] =
    "INSERT INTO rounds(profile_id, started_at, seed, mode, settings, packs,"
    " pack_count, question_count) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_ROUND_FINISH[] =
    "UPDATE rounds SET finished_at = ?2, correct_count = ?3, points = ?4,"
    " best_streak = ?5, abandoned = 0 WHERE id = ?1";
static const char SQL_ROUND_ABANDON[] =
    "UPDATE rounds SET abandoned = 1 WHERE id = ?1 AND finished_at IS NULL";
static const char SQL_ROUND_GET[] = "SELECT " ROUND_COLS " FROM rounds WHERE id = ?1";
static const char SQL_ROUNDS_UNFINISHED[] =
    "SELECT " ROUND_COLS " FROM rounds WHERE profile_id = ?1"
    " AND finished_at IS NULL AND abandoned = 0"
    " ORDER BY started_at DESC, id DESC";
static const char SQL_ROUND_HISTORY[] = "SELECT * FROM (SELECT " ROUND_COLS " FROM rounds"
                                        " WHERE profile_id = ?1 AND finished_at IS NOT NULL"
                                        " ORDER BY finished_at DESC, id DESC LIMIT ?2)"
                                        " ORDER BY finished_at, id";
/* pack_count = 1 marks the single-pack rounds that count for a pack's best. */
static const char SQL_PACK_BEST[] =
    "SELECT " ROUND_COLS " FROM rounds WHERE profile_id = ?1"
    " AND finished_at IS NOT NULL AND pack_count = 1 AND packs = ?2"
    " ORDER BY points DESC, correct_count DESC, finished_at, id LIMIT 1";
static const char SQL_PACK_BESTS[] = "SELECT " ROUND_COLS " FROM (SELECT *, ROW_NUMBER() OVER ("
                                     "PARTITION BY packs ORDER BY points DESC, correct_count DESC,"
                                     " finished_at, id) AS rn FROM rounds WHERE profile_id = ?1"
                                     " AND finished_at IS NOT NULL AND pack_count = 1) AS rounds"
                                     " WHERE rn = 1 ORDER BY packs";
/* The profile comes from the round, so an answer cannot land on the wrong
 * profile. */
static const char SQL_ANSWER_INSERT[] =
    "INSERT INTO answers(round_id, profile_id, pack_id, question_id,"
    " topic_id, given, fraction_right, correct, points, ms_taken,"
    " answered_at, timed_out)"
    " SELECT id, profile_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
    " FROM rounds WHERE id = ?1";
static const char SQL_ROUND_ADD_TOTALS[] = "UPDATE rounds SET correct_count = correct_count + ?2,"
                                           " points = points + ?3 WHERE id = ?1";
static const char SQL_ROUND_ANSWERS[] = "SELECT " ANSWER_COLS " FROM answers WHERE round_id = ?1"
                                        " ORDER BY answered_at, id";

/* ---- rounds --------------------------------------------------------------- */

void store_round_list_free(StoreRoundList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free((char *)list->items[i].mode);
        free((char *)list->items[i].settings);
        free((char *)list->items[i].packs);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

/* Steps st (bound, ROUND_COLS) to the end into out. */
static StoreStatus read_rounds(Store *store, sqlite3_stmt *st, StoreRoundList *out,
                               const char *what, StoreError *err)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!store_grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreRound *r = &out->items[out->count];
        memset(r, 0, sizeof *r);
        out->count++;
        r->mode = store_dup_column(st, 6);
        r->settings = store_dup_column(st, 7);
        r->packs = store_dup_column(st, 8);
        if (!r->mode || !r->settings || !r->packs) {
            rc = SQLITE_NOMEM;
            break;
        }
        r->id = sqlite3_column_int64(st, 0);
        r->profile_id = sqlite3_column_int64(st, 1);
        r->started_at = sqlite3_column_int64(st, 2);
        r->finished = sqlite3_column_type(st, 3) != SQLITE_NULL;
        r->finished_at = r->finished ? sqlite3_column_int64(st, 3) : 0;
        r->abandoned = sqlite3_column_int(st, 4) != 0;
        r->seed = (uint64_t)sqlite3_column_int64(st, 5);
        r->pack_count = store_col_int(st, 9);
        r->question_count = store_col_int(st, 10);
        r->answered_count = store_col_int(st, 11);
        r->correct_count = store_col_int(st, 12);
        r->points = sqlite3_column_int64(st, 13);
        r->best_streak = store_col_int(st, 14);
        int total = r->question_count > 0 ? r->question_count : r->answered_count;
        r->accuracy = total > 0 ? (double)r->correct_count / (double)total : 0.0;
    }
    StoreStatus s = store_done(store, st, rc, what, err);
    if (s != STORE_OK)
        store_round_list_free(out);
    return s;
}

/* A round query with the profile (or round) id in ?1; st gets it. */
static StoreStatus round_query(Store *store, const char *sql, int64_t id, StoreRoundList *out,
                               sqlite3_stmt **st, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = store_need_out(out, err);
    if (s == STORE_OK)
        s = store_stmt(store, sql, st, err);
    if (s == STORE_OK)
        store_bind_int(*st, 1, id);
    return s;
}

StoreStatus store_round_begin(Store *store, const StoreRoundStart *start, int64_t *round_id,
                              StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!start || !start->pack_ids || start->pack_count == 0)
        return store_fail(err, STORE_INVALID, 0, "A round needs at least one pack.");
    if (start->pack_count > 10000 || start->question_count < 0)
        return store_fail(err, STORE_INVALID, 0,
                          "The round's pack list or question count is invalid.");
    const char *texts[2] = {start->mode, start->settings};
    for (int i = 0; i < 2; i++)
        if (texts[i] && strlen(texts[i]) > STORE_TEXT_MAX)
            return store_fail(err, STORE_INVALID, 0,
                              "The round's mode or settings text is too long.");
    size_t total = 1;
    for (size_t i = 0; i < start->pack_count; i++) {
        if ((s = store_check_id(err, start->pack_ids[i], "pack")) != STORE_OK)
            return s;
        total += strlen(start->pack_ids[i]) + 1;
    }
    char *packs = malloc(total);
    if (!packs)
        return store_fail(err, STORE_NO_MEMORY, 0, "Out of memory starting a round.");
    size_t at = 0;
    for (size_t i = 0; i < start->pack_count; i++) {
        size_t n = strlen(start->pack_ids[i]);
        if (i)
            packs[at++] = ',';
        memcpy(packs + at, start->pack_ids[i], n);
        at += n;
    }
    packs[at] = '\0';

    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_ROUND_BEGIN, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, start->profile_id);
        store_bind_int(st, 2, start->started_at);
        store_bind_int(st, 3, (int64_t)start->seed);
        store_bind_text(st, 4, start->mode);
        store_bind_text(st, 5, start->settings);
        store_bind_text(st, 6, packs);
        store_bind_int(st, 7, (int64_t)start->pack_count);
        store_bind_int(st, 8, start->question_count);
        s = store_run(store, st, "start the round", err);
        sqlite3_clear_bindings(st);
    }
    free(packs);
    if (s == STORE_OK && round_id)
        *round_id = sqlite3_last_insert_rowid(store->db);
    return s;
}

StoreStatus store_round_finish(Store *store, int64_t round_id, int64_t finished_at,
                               int correct_count, int64_t points, int best_streak, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_ROUND_FINISH, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    store_bind_int(st, 2, finished_at);
    store_bind_int(st, 3, correct_count);
    store_bind_int(st, 4, points);
    store_bind_int(st, 5, best_streak);
    return store_run_changed(store, st, round_id, "save the finished round", err);
}

StoreStatus store_round_abandon(Store *store, int64_t round_id, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_ROUND_ABANDON, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    return store_run_changed(store, st, round_id, "mark the round abandoned", err);
}

StoreStatus store_round_get(Store *store, int64_t round_id, StoreRoundList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_ROUND_GET, round_id, out, &st, err);
    if (s == STORE_OK)
        s = read_rounds(store, st, out, "read the round", err);
    if (s == STORE_OK && out->count == 0)
        return store_fail(err, STORE_NOT_FOUND, 0, "There is no round %lld.", (long long)round_id);
    return s;
}

StoreStatus store_rounds_unfinished(Store *store, int64_t profile_id, StoreRoundList *out,
                                    StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_ROUNDS_UNFINISHED, profile_id, out, &st, err);
    return s == STORE_OK ? read_rounds(store, st, out, "list unfinished rounds", err) : s;
}

StoreStatus store_round_history(Store *store, int64_t profile_id, int limit, StoreRoundList *out,
                                StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_ROUND_HISTORY, profile_id, out, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 2, limit < 0 ? 0 : limit);
    return read_rounds(store, st, out, "read the score history", err);
}

StoreStatus store_pack_best(Store *store, int64_t profile_id, const char *pack_id,
                            StoreRoundList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = store_check_id(err, pack_id, "pack");
    if (s == STORE_OK)
        s = round_query(store, SQL_PACK_BEST, profile_id, out, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_text(st, 2, pack_id);
    if ((s = read_rounds(store, st, out, "read the best score", err)) != STORE_OK)
        return s;
    if (out->count == 0)
        return store_fail(err, STORE_NOT_FOUND, 0, "No finished round of pack %s yet.", pack_id);
    return STORE_OK;
}

StoreStatus store_pack_bests(Store *store, int64_t profile_id, StoreRoundList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_PACK_BESTS, profile_id, out, &st, err);
    return s == STORE_OK ? read_rounds(store, st, out, "read the best scores", err) : s;
}

/* ---- answers -------------------------------------------------------------- */

StoreStatus store_answer_record(Store *store, const StoreAnswer *a, int64_t *answer_id,
                                StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!a)
        return store_fail(err, STORE_INVALID, 0, "No answer to record.");
    if ((s = store_check_id(err, a->pack_id, "pack")) != STORE_OK ||
        (s = store_check_id(err, a->question_id, "question")) != STORE_OK)
        return s;
    if (strnlen(a->topic_id, STORE_ID_SIZE) >= STORE_ID_SIZE)
        return store_fail(err, STORE_INVALID, 0, "The topic id is too long.");
    if (a->given && strlen(a->given) > STORE_TEXT_MAX)
        return store_fail(err, STORE_INVALID, 0, "The given answer is too long to save.");

    const char *what = "save the answer";
    if ((s = store_tx_begin(store, what, err)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_ANSWER_INSERT, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, a->round_id);
        store_bind_text(st, 2, a->pack_id);
        store_bind_text(st, 3, a->question_id);
        store_bind_text(st, 4, a->topic_id);
        store_bind_text(st, 5, a->given);
        store_bind_double(st, 6, a->fraction_right);
        store_bind_int(st, 7, a->correct ? 1 : 0);
        store_bind_int(st, 8, a->points);
        store_bind_int(st, 9, a->ms_taken);
        store_bind_int(st, 10, a->answered_at);
        store_bind_int(st, 11, a->timed_out ? 1 : 0);
        s = store_run(store, st, what, err);
        sqlite3_clear_bindings(st);
        if (s == STORE_OK && sqlite3_changes(store->db) == 0)
            s = store_fail(err, STORE_NOT_FOUND, 0, "Could not %s: there is no round %lld.", what,
                           (long long)a->round_id);
    }
    int64_t id = sqlite3_last_insert_rowid(store->db);
    if (s == STORE_OK && (s = store_stmt(store, SQL_ROUND_ADD_TOTALS, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, a->round_id);
        store_bind_int(st, 2, a->correct ? 1 : 0);
        store_bind_int(st, 3, a->points);
        s = store_run(store, st, what, err);
    }
    if ((s = store_tx_end(store, s, what, err)) == STORE_OK && answer_id)
        *answer_id = id;
    return s;
}

void store_answer_list_free(StoreAnswerList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free((char *)list->items[i].given);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

StoreStatus store_round_answers(Store *store, int64_t round_id, StoreAnswerList *out,
                                StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = store_need_out(out, err);
    if (s != STORE_OK)
        return s;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_ROUND_ANSWERS, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!store_grow((void **)&out->items, &cap, out->count, sizeof *out->items)) {
            rc = SQLITE_NOMEM;
            break;
        }
        StoreAnswer *a = &out->items[out->count];
        memset(a, 0, sizeof *a);
        a->given = store_dup_column(st, 6);
        if (!a->given) {
            rc = SQLITE_NOMEM;
            break;
        }
        out->count++;
        a->id = sqlite3_column_int64(st, 0);
        a->round_id = sqlite3_column_int64(st, 1);
        a->profile_id = sqlite3_column_int64(st, 2);
        store_copy_id(a->pack_id, sqlite3_column_text(st, 3));
        store_copy_id(a->question_id, sqlite3_column_text(st, 4));
        store_copy_id(a->topic_id, sqlite3_column_text(st, 5));
        a->fraction_right = sqlite3_column_double(st, 7);
        a->correct = sqlite3_column_int(st, 8) != 0;
        a->points = sqlite3_column_int64(st, 9);
        a->ms_taken = sqlite3_column_int64(st, 10);
        a->answered_at = sqlite3_column_int64(st, 11);
        a->timed_out = sqlite3_column_int(st, 12) != 0;
    }
    if ((s = store_done(store, st, rc, "read the round's answers", err)) != STORE_OK)
        store_answer_list_free(out);
    return s;
}
