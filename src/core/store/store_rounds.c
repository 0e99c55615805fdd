/* store_rounds.c - quiz rounds (store.h, "rounds and answers"; the
 * answers are store_answers.c). A round is written when it starts (its
 * settings, its packs in order, its "only" list) and its end computed from
 * the stored answers. So a round can be listed, its best scores found and
 * it can be replayed from the database alone.
 * Read store_schema.c (the tables) and store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define ROUND_COLS                                                                                 \
    "id, profile_id, started_at, finished_at, abandoned, seed, mode, requested_count, "            \
    "question_count, time_rule, fixed_seconds, scoring, streak_bonus, topic, pack_count, "         \
    "(SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id), "                              \
    "correct_count, points, best_streak, keep_only_order"

static const char SQL_ROUND_BEGIN[] =
    "INSERT INTO rounds(profile_id, started_at, seed, mode, requested_count, question_count,"
    " time_rule, fixed_seconds, scoring, streak_bonus, topic, keep_only_order, pack_count)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_ROUND_PACK_ADD[] =
    "INSERT INTO round_packs(round_id, position, pack_id) VALUES(?1, ?2, ?3)";
static const char SQL_ROUND_QUESTION_ADD[] =
    "INSERT INTO round_questions(round_id, position, pack_id, question_id)"
    " VALUES(?1, ?2, ?3, ?4)";
/* The totals come from the answers, whatever the caller remembers. */
static const char SQL_ROUND_FINISH[] =
    "UPDATE rounds SET finished_at = ?2, best_streak = ?3, abandoned = 0,"
    " correct_count = (SELECT COUNT(*) FROM answers WHERE round_id = ?1 AND correct <> 0),"
    " points = (SELECT ifnull(SUM(points), 0) FROM answers WHERE round_id = ?1)"
    " WHERE id = ?1";
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
/* A single-pack round (pack_count = 1) counts for its pack's best score;
 * the pack is its round_packs row at position 0. */
#define SINGLE_PACK_ROUNDS                                                                         \
    "(SELECT rounds.*, p.pack_id AS only_pack FROM rounds JOIN round_packs p"                      \
    " ON p.round_id = rounds.id AND p.position = 0 WHERE rounds.profile_id = ?1"                   \
    " AND rounds.finished_at IS NOT NULL AND rounds.pack_count = 1)"
static const char SQL_PACK_BEST[] =
    "SELECT " ROUND_COLS " FROM " SINGLE_PACK_ROUNDS " AS rounds WHERE only_pack = ?2"
    " ORDER BY points DESC, correct_count DESC, finished_at, id LIMIT 1";
static const char SQL_PACK_BESTS[] =
    "SELECT " ROUND_COLS " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY only_pack"
    " ORDER BY points DESC, correct_count DESC, finished_at, id) AS rn"
    " FROM " SINGLE_PACK_ROUNDS ") AS rounds WHERE rn = 1 ORDER BY only_pack";
static const char SQL_ROUND_PACKS[] =
    "SELECT pack_id FROM round_packs WHERE round_id = ?1 ORDER BY position";
static const char SQL_ROUND_QUESTIONS[] =
    "SELECT pack_id, question_id FROM round_questions WHERE round_id = ?1 ORDER BY position";

/* ---- the words for modes, time rules and scoring ------------------------- */

static const char *const MODE_NAMES[] = {"practice", "timed", "retry", "missed", "class"};
static const char *const TIME_RULE_NAMES[] = {"off", "pack", "fixed"};
static const char *const SCORING_NAMES[] = {"speed", "accuracy"};
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_of(const char *const *names, size_t count, int value)
{
    return value >= 0 && (size_t)value < count ? names[value] : "unknown";
}

/* The index of the column's word in names; 0 for one the schema's CHECK
 * would not have let in. */
static int word_at(sqlite3_stmt *st, int col, const char *const *names, size_t count)
{
    const unsigned char *text = sqlite3_column_text(st, col);
    for (size_t i = 0; text && i < count; i++)
        if (strcmp((const char *)text, names[i]) == 0)
            return (int)i;
    return 0;
}

const char *store_mode_name(StoreRoundMode mode)
{
    return name_of(MODE_NAMES, COUNT_OF(MODE_NAMES), (int)mode);
}

const char *store_time_rule_name(StoreTimeRule rule)
{
    return name_of(TIME_RULE_NAMES, COUNT_OF(TIME_RULE_NAMES), (int)rule);
}

const char *store_scoring_name(StoreScoring scoring)
{
    return name_of(SCORING_NAMES, COUNT_OF(SCORING_NAMES), (int)scoring);
}

/* ---- reading rounds ------------------------------------------------------- */

void store_round_list_free(StoreRoundList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        free((char *)list->items[i].topic);
        free((char *)list->items[i].packs);
    }
    store_list_clear((void **)&list->items, &list->count);
}

/* A row of ROUND_COLS into item (a StoreRound), its topic malloc'd; its
 * packs are join_packs()'s. */
static bool read_round(sqlite3_stmt *st, void *item)
{
    StoreRound *r = item;
    r->id = sqlite3_column_int64(st, 0);
    r->profile_id = sqlite3_column_int64(st, 1);
    r->started_at = sqlite3_column_int64(st, 2);
    r->finished = sqlite3_column_type(st, 3) != SQLITE_NULL;
    r->finished_at = r->finished ? sqlite3_column_int64(st, 3) : 0;
    r->abandoned = sqlite3_column_int(st, 4) != 0;
    r->seed = (uint64_t)sqlite3_column_int64(st, 5);
    r->mode = (StoreRoundMode)word_at(st, 6, MODE_NAMES, COUNT_OF(MODE_NAMES));
    r->requested_count = store_col_int(st, 7);
    r->question_count = store_col_int(st, 8);
    r->time_rule = (StoreTimeRule)word_at(st, 9, TIME_RULE_NAMES, COUNT_OF(TIME_RULE_NAMES));
    r->fixed_seconds = store_col_int(st, 10);
    r->scoring = (StoreScoring)word_at(st, 11, SCORING_NAMES, COUNT_OF(SCORING_NAMES));
    r->streak_bonus = sqlite3_column_int(st, 12) != 0;
    r->pack_count = store_col_int(st, 14);
    r->answered_count = store_col_int(st, 15);
    r->correct_count = store_col_int(st, 16);
    r->points = sqlite3_column_int64(st, 17);
    r->best_streak = store_col_int(st, 18);
    int total = r->question_count > 0 ? r->question_count : r->answered_count;
    r->accuracy = total > 0 ? (double)r->correct_count / (double)total : 0.0;
    return (r->topic = store_dup_column(st, 13)) != NULL;
}

static bool read_pack_id(sqlite3_stmt *st, void *item)
{
    store_copy_id(item, sqlite3_column_text(st, 0));
    return true;
}

/* The round's packs in order into *ids (malloc'd; NULL when none). */
static StoreStatus load_packs(Store *store, int64_t round_id, char (**ids)[STORE_ID_SIZE],
                              size_t *count, StoreError *err)
{
    *ids = NULL;
    *count = 0;
    sqlite3_stmt *st;
    StoreStatus s = store_stmt(store, SQL_ROUND_PACKS, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    if ((s = store_read_rows(store, st, (void **)ids, count, 0, sizeof **ids, read_pack_id,
                             "read the round's packs", err)) != STORE_OK) {
        free(*ids);
        *ids = NULL;
        *count = 0;
    }
    return s;
}

/* r->packs: the round's pack ids joined with ','. */
static StoreStatus join_packs(Store *store, StoreRound *r, StoreError *err)
{
    char(*ids)[STORE_ID_SIZE];
    size_t count;
    StoreStatus s = load_packs(store, r->id, &ids, &count, err);
    if (s != STORE_OK)
        return s;
    char *joined = malloc(count * STORE_ID_SIZE + 1);
    if (joined) {
        size_t at = 0;
        for (size_t i = 0; i < count; i++) {
            size_t n = strlen(ids[i]);
            if (i)
                joined[at++] = ',';
            memcpy(joined + at, ids[i], n);
            at += n;
        }
        joined[at] = '\0';
    }
    free(ids);
    r->packs = joined;
    return joined ? STORE_OK : store_fail(err, STORE_NO_MEMORY, 0, "Out of memory reading rounds.");
}

/* Steps st (bound, ROUND_COLS) to the end into out (empty), then adds
 * each round's pack list. */
static StoreStatus read_rounds(Store *store, sqlite3_stmt *st, StoreRoundList *out,
                               const char *what, StoreError *err)
{
    StoreStatus s = store_read_rows(store, st, (void **)&out->items, &out->count, 0,
                                    sizeof *out->items, read_round, what, err);
    for (size_t i = 0; i < out->count && s == STORE_OK; i++)
        s = join_packs(store, &out->items[i], err);
    if (s != STORE_OK)
        store_round_list_free(out);
    return s;
}

/* A round query with the profile (or round) id in ?1; st gets it, out is
 * emptied. */
static StoreStatus round_query(Store *store, const char *sql, int64_t id, StoreRoundList *out,
                               sqlite3_stmt **st, StoreError *err)
{
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    if (s == STORE_OK)
        s = store_stmt(store, sql, st, err);
    if (s == STORE_OK)
        store_bind_int(*st, 1, id);
    return s;
}

/* ---- starting and ending rounds ------------------------------------------ */

static StoreStatus check_start(const StoreRoundStart *r, StoreError *err)
{
    if (!r || !r->pack_ids || r->pack_count == 0)
        return store_fail(err, STORE_INVALID, 0, "A round needs at least one pack.");
    if (r->pack_count > STORE_ROUND_MAX_PACKS || r->question_count < 0 || r->requested_count < 0)
        return store_fail(err, STORE_INVALID, 0,
                          "The round's pack list or question count is invalid.");
    if ((unsigned)r->mode >= COUNT_OF(MODE_NAMES) ||
        (unsigned)r->time_rule >= COUNT_OF(TIME_RULE_NAMES) ||
        (unsigned)r->scoring >= COUNT_OF(SCORING_NAMES))
        return store_fail(err, STORE_INVALID, 0,
                          "The round's mode, time rule or scoring is unknown.");
    bool fixed = r->time_rule == STORE_TIME_FIXED;
    if (fixed ? r->fixed_seconds < 1 || r->fixed_seconds > 3600 : r->fixed_seconds != 0)
        return store_fail(err, STORE_INVALID, 0,
                          "A fixed time is 1..3600 seconds, and set only with the fixed time "
                          "rule (got %d seconds, rule \"%s\").",
                          r->fixed_seconds, store_time_rule_name(r->time_rule));
    if (r->topic && r->topic[0] && strlen(r->topic) >= STORE_ID_SIZE)
        return store_fail(err, STORE_INVALID, 0, "The round's topic id is too long.");
    if (r->only_count > STORE_ROUND_MAX_QUESTIONS || (r->only_count > 0 && !r->only))
        return store_fail(err, STORE_INVALID, 0, "The round's question list is invalid.");
    StoreStatus s = STORE_OK;
    for (size_t i = 0; i < r->pack_count && s == STORE_OK; i++)
        s = store_check_id(err, r->pack_ids[i], "pack");
    for (size_t i = 0; i < r->only_count && s == STORE_OK; i++) {
        const StoreQuestionRef *q = &r->only[i];
        if (!memchr(q->pack_id, '\0', STORE_ID_SIZE) ||
            !memchr(q->question_id, '\0', STORE_ID_SIZE))
            return store_fail(err, STORE_INVALID, 0,
                              "An id in the round's question list is too long.");
        s = store_check_id(err, q->pack_id, "pack");
        if (s == STORE_OK)
            s = store_check_id(err, q->question_id, "question");
    }
    return s;
}

/* The round's packs and "only" list as child rows of round_id. */
static StoreStatus add_children(Store *store, int64_t round_id, const StoreRoundStart *r,
                                const char *what, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = STORE_OK;
    for (size_t i = 0; i < r->pack_count && s == STORE_OK; i++) {
        if ((s = store_stmt(store, SQL_ROUND_PACK_ADD, &st, err)) != STORE_OK)
            break;
        store_bind_int(st, 1, round_id);
        store_bind_int(st, 2, (int64_t)i);
        store_bind_text(st, 3, r->pack_ids[i]);
        s = store_run(store, st, what, err);
    }
    for (size_t i = 0; i < r->only_count && s == STORE_OK; i++) {
        if ((s = store_stmt(store, SQL_ROUND_QUESTION_ADD, &st, err)) != STORE_OK)
            break;
        store_bind_int(st, 1, round_id);
        store_bind_int(st, 2, (int64_t)i);
        store_bind_text(st, 3, r->only[i].pack_id);
        store_bind_text(st, 4, r->only[i].question_id);
        s = store_run(store, st, what, err);
    }
    return s;
}

StoreStatus store_round_begin(Store *store, const StoreRoundStart *start, int64_t *round_id,
                              StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = check_start(start, err);
    const char *what = N_("start the round");
    if (s != STORE_OK || (s = store_tx_begin(store, what, err)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    int64_t id = 0;
    if ((s = store_stmt(store, SQL_ROUND_BEGIN, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, start->profile_id);
        store_bind_int(st, 2, start->started_at);
        store_bind_int(st, 3, (int64_t)start->seed);
        store_bind_text(st, 4, store_mode_name(start->mode));
        store_bind_int(st, 5, start->requested_count);
        store_bind_int(st, 6, start->question_count);
        store_bind_text(st, 7, store_time_rule_name(start->time_rule));
        store_bind_int(st, 8, start->fixed_seconds);
        store_bind_text(st, 9, store_scoring_name(start->scoring));
        store_bind_int(st, 10, start->streak_bonus ? 1 : 0);
        store_bind_text(st, 11, start->topic);
        store_bind_int(st, 12, start->keep_only_order ? 1 : 0);
        store_bind_int(st, 13, (int64_t)start->pack_count);
        s = store_insert(store, st, &id, what, err);
    }
    if (s == STORE_OK)
        s = add_children(store, id, start, what, err);
    /* A new id: nobody else can hold it. */
    if ((s = store_live_tx_end(store, s, id, what, err)) == STORE_OK && round_id)
        *round_id = id;
    return s;
}

StoreStatus store_round_finish(Store *store, int64_t round_id, int64_t finished_at, int best_streak,
                               StoreError *err)
{
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_ROUND_FINISH, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    store_bind_int(st, 2, finished_at);
    store_bind_int(st, 3, best_streak);
    if ((s = store_run_changed(store, st, round_id, N_("save the finished round"), err)) ==
        STORE_OK)
        store_live_release(store, round_id);
    return s;
}

StoreStatus store_round_abandon(Store *store, int64_t round_id, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    sqlite3_stmt *st;
    if (s != STORE_OK || (s = store_stmt(store, SQL_ROUND_ABANDON, &st, err)) != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    if ((s = store_run_changed(store, st, round_id, N_("mark the round abandoned"), err)) ==
        STORE_OK)
        store_live_release(store, round_id);
    return s;
}

/* ---- listing rounds ------------------------------------------------------- */

StoreStatus store_round_get(Store *store, int64_t round_id, StoreRoundList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_ROUND_GET, round_id, out, &st, err);
    if (s == STORE_OK)
        s = read_rounds(store, st, out, N_("read the round"), err);
    if (s == STORE_OK && out->count == 0)
        return store_fail(err, STORE_NOT_FOUND, 0, "There is no round %lld.", (long long)round_id);
    return s;
}

/* Leaves out of the list the rounds another live handle plays
 * (store_live.c). */
static void leave_out_live(Store *store, StoreRoundList *list)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        StoreRound *r = &list->items[i];
        if (store_live_elsewhere(store, r->id)) {
            free((char *)r->topic);
            free((char *)r->packs);
        } else {
            list->items[kept++] = *r;
        }
    }
    list->count = kept;
}

StoreStatus store_rounds_unfinished(Store *store, int64_t profile_id, StoreRoundList *out,
                                    StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_ROUNDS_UNFINISHED, profile_id, out, &st, err);
    if (s == STORE_OK &&
        (s = read_rounds(store, st, out, N_("list unfinished rounds"), err)) == STORE_OK)
        leave_out_live(store, out);
    return s;
}

StoreStatus store_round_history(Store *store, int64_t profile_id, int limit, StoreRoundList *out,
                                StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_ROUND_HISTORY, profile_id, out, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 2, limit < 0 ? 0 : limit);
    return read_rounds(store, st, out, N_("read the score history"), err);
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
    if ((s = read_rounds(store, st, out, N_("read the best score"), err)) != STORE_OK)
        return s;
    if (out->count == 0)
        return store_fail(err, STORE_NOT_FOUND, 0, "No finished round of pack %s yet.", pack_id);
    return STORE_OK;
}

StoreStatus store_pack_bests(Store *store, int64_t profile_id, StoreRoundList *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = round_query(store, SQL_PACK_BESTS, profile_id, out, &st, err);
    return s == STORE_OK ? read_rounds(store, st, out, N_("read the best scores"), err) : s;
}

/* ---- replaying a round ---------------------------------------------------- */

void store_round_spec_free(StoreRoundSpec *spec)
{
    if (!spec)
        return;
    free((char *)spec->round.topic);
    free((char *)spec->round.packs);
    free(spec->pack_ids);
    free(spec->only);
    memset(spec, 0, sizeof *spec);
}

static bool read_question_ref(sqlite3_stmt *st, void *item)
{
    StoreQuestionRef *q = item;
    store_copy_id(q->pack_id, sqlite3_column_text(st, 0));
    store_copy_id(q->question_id, sqlite3_column_text(st, 1));
    return true;
}

static StoreStatus load_only(Store *store, StoreRoundSpec *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_stmt(store, SQL_ROUND_QUESTIONS, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 1, out->round.id);
    return store_read_rows(store, st, (void **)&out->only, &out->only_count, 0, sizeof *out->only,
                           read_question_ref, "read the round's questions", err);
}

/* A row of ROUND_COLS into item (a StoreRoundSpec): its round and the
 * order of its "only" list. */
static bool read_spec(sqlite3_stmt *st, void *item)
{
    StoreRoundSpec *spec = item;
    spec->keep_only_order = sqlite3_column_int(st, 19) != 0;
    return read_round(st, &spec->round);
}

/* The round row of out->round.id into out, its strings malloc'd. */
static StoreStatus load_round(Store *store, StoreRoundSpec *out, const char *what, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_stmt(store, SQL_ROUND_GET, &st, err);
    if (s != STORE_OK)
        return s;
    int64_t id = out->round.id;
    store_bind_int(st, 1, id);
    bool found = false;
    if ((s = store_read_row(store, st, read_spec, out, &found, what, err)) == STORE_OK && !found)
        return store_fail(err, STORE_NOT_FOUND, 0, "There is no round %lld.", (long long)id);
    return s;
}

StoreStatus store_round_spec(Store *store, int64_t round_id, StoreRoundSpec *out, StoreError *err)
{
    StoreStatus s = store_need_out(out, err);
    if (s != STORE_OK)
        return s;
    memset(out, 0, sizeof *out);
    const char *what = N_("read the round");
    /* One read transaction: the row and its children from one state. */
    if ((s = store_need(store, err)) != STORE_OK ||
        (s = store_tx_begin_read(store, what, err)) != STORE_OK)
        return s;
    out->round.id = round_id;
    s = load_round(store, out, what, err);
    if (s == STORE_OK)
        s = join_packs(store, &out->round, err);
    if (s == STORE_OK)
        s = load_packs(store, round_id, &out->pack_ids, &out->pack_count, err);
    if (s == STORE_OK)
        s = load_only(store, out, err);
    if ((s = store_tx_end(store, s, what, err)) != STORE_OK)
        store_round_spec_free(out);
    return s;
}
