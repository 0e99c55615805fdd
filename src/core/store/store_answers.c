/* store_answers.c - the answers of quiz rounds (store.h, "rounds and
 * answers"; the rounds themselves are store_rounds.c). Each answer is
 * written when it is given, with its given answer as ordered values
 * (answer_values), adding to its round's running totals in the same
 * transaction; a round's answers are read back in the order they were
 * given, so a round can be re-judged and replayed from the database alone.
 * Read store_schema.c (the tables) and store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define ANSWER_COLS                                                                                \
    "id, round_id, profile_id, position, pack_id, question_id, topic_id, given, "                  \
    "fraction_right, correct, points, ms_taken, answered_at, timed_out, has_given"

/* The profile comes from the round, so an answer cannot land on the wrong
 * profile. */
static const char SQL_ANSWER_INSERT[] =
    "INSERT INTO answers(round_id, profile_id, position, pack_id, question_id, topic_id,"
    " given, fraction_right, correct, points, ms_taken, answered_at, timed_out, has_given)"
    " SELECT id, profile_id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13"
    " FROM rounds WHERE id = ?1";
static const char SQL_ANSWER_VALUE_ADD[] =
    "INSERT INTO answer_values(answer_id, slot, int_value, text_value) VALUES(?1, ?2, ?3, ?4)";
static const char SQL_ROUND_ADD_TOTALS[] = "UPDATE rounds SET correct_count = correct_count + ?2,"
                                           " points = points + ?3 WHERE id = ?1";
static const char SQL_ROUND_ANSWERS[] = "SELECT " ANSWER_COLS " FROM answers WHERE round_id = ?1"
                                        " ORDER BY position, answered_at, id";
/* In the same order as SQL_ROUND_ANSWERS, so the two merge in one pass. */
static const char SQL_ROUND_ANSWER_VALUES[] =
    "SELECT v.answer_id, v.int_value, v.text_value FROM answer_values v"
    " JOIN answers a ON a.id = v.answer_id WHERE a.round_id = ?1"
    " ORDER BY a.position, a.answered_at, a.id, v.slot";

static StoreStatus check_answer(const StoreAnswer *a, StoreError *err)
{
    if (!a)
        return store_fail(err, STORE_INVALID, 0, "No answer to record.");
    StoreStatus s = store_check_id(err, a->pack_id, "pack");
    if (s == STORE_OK)
        s = store_check_id(err, a->question_id, "question");
    if (s != STORE_OK)
        return s;
    if (strnlen(a->topic_id, STORE_ID_SIZE) >= STORE_ID_SIZE)
        return store_fail(err, STORE_INVALID, 0, "The topic id is too long.");
    if (a->given && strlen(a->given) > STORE_TEXT_MAX)
        return store_fail(err, STORE_INVALID, 0, "The given answer is too long to save.");
    if (a->position < 0)
        return store_fail(err, STORE_INVALID, 0, "The answer's position %d is not 0 or more.",
                          a->position);
    if (!a->has_given && (a->given_int_count > 0 || a->given_text_count > 0))
        return store_fail(err, STORE_INVALID, 0,
                          "The answer has given values but has_given is not set.");
    if (a->given_int_count > STORE_GIVEN_MAX_INTS || a->given_text_count > STORE_GIVEN_MAX_TEXTS ||
        (a->given_text_count > 0 && !a->given_texts))
        return store_fail(err, STORE_INVALID, 0,
                          "The given answer has more than %d numbers or %d texts.",
                          STORE_GIVEN_MAX_INTS, STORE_GIVEN_MAX_TEXTS);
    for (size_t i = 0; i < a->given_text_count; i++)
        if (a->given_texts[i] && strlen(a->given_texts[i]) > STORE_TEXT_MAX)
            return store_fail(err, STORE_INVALID, 0, "A text of the given answer is too long.");
    return STORE_OK;
}

/* The given ints (slots 0..n-1) and texts (slots n..) of answer_id. */
static StoreStatus add_values(Store *store, int64_t answer_id, const StoreAnswer *a,
                              const char *what, StoreError *err)
{
    StoreStatus s = STORE_OK;
    size_t slots = a->given_int_count + a->given_text_count;
    for (size_t slot = 0; slot < slots && s == STORE_OK; slot++) {
        sqlite3_stmt *st;
        if ((s = store_stmt(store, SQL_ANSWER_VALUE_ADD, &st, err)) != STORE_OK)
            break;
        store_bind_int(st, 1, answer_id);
        store_bind_int(st, 2, (int64_t)slot);
        if (slot < a->given_int_count) {
            store_bind_int(st, 3, a->given_ints[slot]);
        } else {
            const char *text = a->given_texts[slot - a->given_int_count];
            store_bind_text(st, 4, text);
        }
        s = store_run(store, st, what, err);
    }
    return s;
}

StoreStatus store_answer_record(Store *store, const StoreAnswer *a, int64_t *answer_id,
                                StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = check_answer(a, err);
    const char *what = N_("save the answer");
    if (s != STORE_OK || (s = store_tx_begin(store, what, err)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    int64_t id = 0;
    if ((s = store_stmt(store, SQL_ANSWER_INSERT, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, a->round_id);
        store_bind_int(st, 2, a->position);
        store_bind_text(st, 3, a->pack_id);
        store_bind_text(st, 4, a->question_id);
        store_bind_text(st, 5, a->topic_id);
        store_bind_text(st, 6, a->given);
        store_bind_double(st, 7, a->fraction_right);
        store_bind_int(st, 8, a->correct ? 1 : 0);
        store_bind_int(st, 9, a->points);
        store_bind_int(st, 10, a->ms_taken);
        store_bind_int(st, 11, a->answered_at);
        store_bind_int(st, 12, a->timed_out ? 1 : 0);
        store_bind_int(st, 13, a->has_given ? 1 : 0);
        s = store_insert(store, st, &id, what, err);
        if (s != STORE_OK && store->last_rc == SQLITE_CONSTRAINT_UNIQUE)
            s = store_fail(err, STORE_INVALID, store->last_rc,
                           "Could not %s: round %lld already has an answer at position %d.", what,
                           (long long)a->round_id, a->position);
        else if (s == STORE_OK && sqlite3_changes(store->db) == 0)
            s = store_fail(err, STORE_NOT_FOUND, 0, "Could not %s: there is no round %lld.", what,
                           (long long)a->round_id);
    }
    if (s == STORE_OK)
        s = add_values(store, id, a, what, err);
    if (s == STORE_OK && (s = store_stmt(store, SQL_ROUND_ADD_TOTALS, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, a->round_id);
        store_bind_int(st, 2, a->correct ? 1 : 0);
        store_bind_int(st, 3, a->points);
        s = store_run(store, st, what, err);
    }
    /* Answering a round is playing it (a round taken up again, say). */
    if ((s = store_live_tx_end(store, s, a->round_id, what, err)) == STORE_OK && answer_id)
        *answer_id = id;
    return s;
}

void store_answer_list_free(StoreAnswerList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++) {
        StoreAnswer *a = &list->items[i];
        free((char *)a->given);
        for (size_t k = 0; k < a->given_text_count; k++)
            free((char *)a->given_texts[k]);
        free((void *)a->given_texts);
    }
    store_list_clear((void **)&list->items, &list->count);
}

/* A row of ANSWER_COLS into item (a StoreAnswer, zeroed), its given text
 * malloc'd; its given values are read_values()'. */
static bool read_answer(sqlite3_stmt *st, void *item)
{
    StoreAnswer *a = item;
    a->id = sqlite3_column_int64(st, 0);
    a->round_id = sqlite3_column_int64(st, 1);
    a->profile_id = sqlite3_column_int64(st, 2);
    a->position = store_col_int(st, 3);
    store_copy_id(a->pack_id, sqlite3_column_text(st, 4));
    store_copy_id(a->question_id, sqlite3_column_text(st, 5));
    store_copy_id(a->topic_id, sqlite3_column_text(st, 6));
    a->fraction_right = sqlite3_column_double(st, 8);
    a->correct = sqlite3_column_int(st, 9) != 0;
    a->points = sqlite3_column_int64(st, 10);
    a->ms_taken = sqlite3_column_int64(st, 11);
    a->answered_at = sqlite3_column_int64(st, 12);
    a->timed_out = sqlite3_column_int(st, 13) != 0;
    a->has_given = sqlite3_column_int(st, 14) != 0;
    return (a->given = store_dup_column(st, 7)) != NULL;
}

/* Adds one answer_values row (answer id, int, text) to a. */
static bool add_value(sqlite3_stmt *st, StoreAnswer *a)
{
    if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
        if (a->given_int_count < STORE_GIVEN_MAX_INTS)
            a->given_ints[a->given_int_count++] = sqlite3_column_int64(st, 1);
        return true;
    }
    if (a->given_text_count >= STORE_GIVEN_MAX_TEXTS)
        return true;
    char **texts = (char **)a->given_texts;
    if (!texts && !(texts = calloc(STORE_GIVEN_MAX_TEXTS, sizeof *texts)))
        return false;
    a->given_texts = (const char *const *)texts;
    if (!(texts[a->given_text_count] = store_dup_column(st, 2)))
        return false;
    a->given_text_count++;
    return true;
}

/* Fills the answers' given values; both queries share one order, so the
 * value rows walk through the answers once. */
static StoreStatus read_values(Store *store, int64_t round_id, StoreAnswerList *out,
                               StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_stmt(store, SQL_ROUND_ANSWER_VALUES, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 1, round_id);
    size_t i = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        while (i < out->count && out->items[i].id != id)
            i++;
        if (i == out->count)
            break; /* an answer written after the list was read: not ours */
        if (!add_value(st, &out->items[i])) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    return store_done(store, st, rc, N_("read the given answers"), err);
}

StoreStatus store_round_answers(Store *store, int64_t round_id, StoreAnswerList *out,
                                StoreError *err)
{
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    const char *what = "read the round's answers";
    if (s != STORE_OK || (s = store_tx_begin_read(store, what, err)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    if ((s = store_stmt(store, SQL_ROUND_ANSWERS, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, round_id);
        s = store_read_rows(store, st, (void **)&out->items, &out->count, 0, sizeof *out->items,
                            read_answer, what, err);
    }
    if (s == STORE_OK)
        s = read_values(store, round_id, out, err);
    if ((s = store_tx_end(store, s, what, err)) != STORE_OK)
        store_answer_list_free(out);
    return s;
}
