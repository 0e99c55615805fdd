/* store_cards.c - flashcards and their review logs (store.h, "flashcards").
 * A card is keyed by (profile, pack, question, deletion); a review writes
 * the card's new state and appends to its log in one transaction. Read
 * store_internal.h first.
 */
#include "i18n.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define CARD_COLS                                                                                  \
    "profile_id, pack_id, question_id, deletion, state, stability, difficulty, "                   \
    "due, last_review, step, reps, lapses, scheduled_days, first_seen"

#define REVIEW_COLS                                                                                \
    "id, profile_id, pack_id, question_id, deletion, reviewed_at, rating, "                        \
    "state_before, state_after, elapsed_days, scheduled_days, stability, "                         \
    "difficulty, ms_taken, source"

/* An upsert, never INSERT OR REPLACE: REPLACE deletes the row first and the
 * cascade would take the card's review log with it. */
static const char SQL_CARD_UPSERT[] =
    "INSERT INTO cards(" CARD_COLS ")"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    " ON CONFLICT(profile_id, pack_id, question_id, deletion) DO UPDATE SET"
    " state = excluded.state, stability = excluded.stability,"
    " difficulty = excluded.difficulty, due = excluded.due,"
    " last_review = excluded.last_review, step = excluded.step,"
    " reps = excluded.reps, lapses = excluded.lapses,"
    " scheduled_days = excluded.scheduled_days,"
    " first_seen = CASE WHEN cards.first_seen > 0 THEN cards.first_seen"
    " ELSE excluded.first_seen END";
static const char SQL_CARD_GET[] = "SELECT " CARD_COLS " FROM cards WHERE profile_id = ?1"
                                   " AND pack_id = ?2 AND question_id = ?3 AND deletion = ?4";
static const char SQL_CARDS_LOAD[] = "SELECT " CARD_COLS " FROM cards WHERE profile_id = ?1"
                                     " ORDER BY pack_id, question_id, deletion";
static const char SQL_CARDS_COUNT[] = "SELECT COUNT(*) FROM cards WHERE profile_id = ?1";
static const char SQL_REVIEW_INSERT[] =
    "INSERT INTO reviews(profile_id, pack_id, question_id, deletion,"
    " reviewed_at, rating, state_before, state_after, elapsed_days,"
    " scheduled_days, stability, difficulty, ms_taken, source)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char SQL_CARD_REVIEWS[] = "SELECT " REVIEW_COLS " FROM reviews WHERE profile_id = ?1"
                                       " AND pack_id = ?2 AND question_id = ?3 AND deletion = ?4"
                                       " ORDER BY reviewed_at, id";

static StoreStatus check_card_key(StoreError *err, const char *pack_id, const char *question_id)
{
    StoreStatus s = store_check_id(err, pack_id, "pack");
    return s == STORE_OK ? store_check_id(err, question_id, "question") : s;
}

/* The statement sql with a card's key (profile, pack, question, deletion)
 * bound to ?1..?4, after checking the store and the key. */
static StoreStatus keyed(Store *store, const char *sql, int64_t profile_id, const char *pack_id,
                         const char *question_id, int deletion, sqlite3_stmt **st, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s == STORE_OK)
        s = check_card_key(err, pack_id, question_id);
    if (s == STORE_OK)
        s = store_stmt(store, sql, st, err);
    if (s == STORE_OK) {
        store_bind_int(*st, 1, profile_id);
        store_bind_text(*st, 2, pack_id);
        store_bind_text(*st, 3, question_id);
        store_bind_int(*st, 4, deletion);
    }
    return s;
}

/* A card's key from columns col..col+3, in keyed()'s order. */
static void read_key(sqlite3_stmt *st, int col, int64_t *profile_id, char pack_id[STORE_ID_SIZE],
                     char question_id[STORE_ID_SIZE], int *deletion)
{
    *profile_id = sqlite3_column_int64(st, col);
    store_copy_id(pack_id, sqlite3_column_text(st, col + 1));
    store_copy_id(question_id, sqlite3_column_text(st, col + 2));
    *deletion = store_col_int(st, col + 3);
}

/* A row of CARD_COLS into item (a StoreCard), every field of it. */
static bool read_card(sqlite3_stmt *st, void *item)
{
    StoreCard *c = item;
    memset(c, 0, sizeof *c);
    read_key(st, 0, &c->profile_id, c->pack_id, c->question_id, &c->deletion);
    c->state = (StoreCardState)store_col_int(st, 4);
    c->stability = sqlite3_column_double(st, 5);
    c->difficulty = sqlite3_column_double(st, 6);
    c->due = sqlite3_column_int64(st, 7);
    c->last_review = sqlite3_column_int64(st, 8);
    c->step = store_col_int(st, 9);
    c->reps = store_col_int(st, 10);
    c->lapses = store_col_int(st, 11);
    c->scheduled_days = store_col_int(st, 12);
    c->first_seen = sqlite3_column_int64(st, 13);
    return true;
}

/* A row of REVIEW_COLS into item (a StoreReview, zeroed). */
static bool read_review(sqlite3_stmt *st, void *item)
{
    StoreReview *r = item;
    r->id = sqlite3_column_int64(st, 0);
    read_key(st, 1, &r->profile_id, r->pack_id, r->question_id, &r->deletion);
    r->reviewed_at = sqlite3_column_int64(st, 5);
    r->rating = store_col_int(st, 6);
    r->state_before = (StoreCardState)store_col_int(st, 7);
    r->state_after = (StoreCardState)store_col_int(st, 8);
    r->elapsed_days = store_col_int(st, 9);
    r->scheduled_days = store_col_int(st, 10);
    r->stability = sqlite3_column_double(st, 11);
    r->difficulty = sqlite3_column_double(st, 12);
    r->ms_taken = sqlite3_column_int64(st, 13);
    const unsigned char *src = sqlite3_column_text(st, 14);
    r->source =
        src && strcmp((const char *)src, "quiz") == 0 ? STORE_SOURCE_QUIZ : STORE_SOURCE_STUDY;
    return true;
}

/* The upsert alone, inside or outside a transaction. */
static StoreStatus card_write(Store *store, const StoreCard *c, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = keyed(store, SQL_CARD_UPSERT, c->profile_id, c->pack_id, c->question_id,
                          c->deletion, &st, err);
    if (s != STORE_OK)
        return s;
    store_bind_int(st, 5, (int)c->state);
    store_bind_double(st, 6, c->stability);
    store_bind_double(st, 7, c->difficulty);
    store_bind_int(st, 8, c->due);
    store_bind_int(st, 9, c->last_review);
    store_bind_int(st, 10, c->step);
    store_bind_int(st, 11, c->reps);
    store_bind_int(st, 12, c->lapses);
    store_bind_int(st, 13, c->scheduled_days);
    store_bind_int(st, 14, c->first_seen);
    s = store_run(store, st, N_("save the card"), err);
    sqlite3_clear_bindings(st);
    return s;
}

StoreStatus store_card_upsert(Store *store, const StoreCard *card, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!card)
        return store_fail(err, STORE_INVALID, 0, "No card to save.");
    return card_write(store, card, err);
}

StoreStatus store_cards_upsert(Store *store, const StoreCard *cards, size_t count, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!cards && count > 0)
        return store_fail(err, STORE_INVALID, 0, "No cards to save.");
    for (size_t i = 0; i < count; i++)
        if ((s = check_card_key(err, cards[i].pack_id, cards[i].question_id)) != STORE_OK)
            return s;
    const char *what = N_("save the cards");
    if ((s = store_tx_begin(store, what, err)) != STORE_OK)
        return s;
    for (size_t i = 0; i < count && s == STORE_OK; i++)
        s = card_write(store, &cards[i], err);
    return store_tx_end(store, s, what, err);
}

StoreStatus store_card_get(Store *store, int64_t profile_id, const char *pack_id,
                           const char *question_id, int deletion, StoreCard *out, StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_need_out(out, err);
    if (s == STORE_OK)
        s = keyed(store, SQL_CARD_GET, profile_id, pack_id, question_id, deletion, &st, err);
    bool found = false;
    if (s == STORE_OK)
        s = store_read_row(store, st, read_card, out, &found, N_("read the card"), err);
    if (s == STORE_OK && !found)
        return store_fail(err, STORE_NOT_FOUND, 0, "No card for %s/%s yet.", pack_id, question_id);
    return s;
}

void store_card_list_free(StoreCardList *list)
{
    if (list)
        store_list_clear((void **)&list->items, &list->count);
}

StoreStatus store_cards_load(Store *store, int64_t profile_id, StoreCardList *out, StoreError *err)
{
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    if (s != STORE_OK)
        return s;
    const char *what = N_("load the flashcards");
    /* Count first inside one read transaction, so the array is allocated
     * once (100,000 cards) and the count cannot change under us. */
    if ((s = store_tx_begin_read(store, what, err)) != STORE_OK)
        return s;
    sqlite3_stmt *st;
    int64_t n = 0;
    if ((s = store_stmt(store, SQL_CARDS_COUNT, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, profile_id);
        s = store_query_int(store, st, &n, what, err);
    }
    size_t cap = n > 0 ? (size_t)n : 0;
    if (s == STORE_OK && cap > 0) {
        out->items = malloc(cap * sizeof *out->items);
        if (!out->items)
            s = store_fail(err, STORE_NO_MEMORY, 0, "Out of memory loading flashcards.");
    }
    if (s == STORE_OK && (s = store_stmt(store, SQL_CARDS_LOAD, &st, err)) == STORE_OK) {
        store_bind_int(st, 1, profile_id);
        s = store_read_rows(store, st, (void **)&out->items, &out->count, cap, sizeof *out->items,
                            read_card, what, err);
    }
    if ((s = store_tx_end(store, s, what, err)) != STORE_OK)
        store_card_list_free(out);
    return s;
}

StoreStatus store_review_record(Store *store, const StoreCard *card, const StoreReview *r,
                                int64_t *review_id, StoreError *err)
{
    StoreStatus s = store_need(store, err);
    if (s != STORE_OK)
        return s;
    if (!card || !r)
        return store_fail(err, STORE_INVALID, 0, "No card or review to save.");
    if ((s = check_card_key(err, card->pack_id, card->question_id)) != STORE_OK)
        return s;
    if (card->profile_id != r->profile_id || card->deletion != r->deletion ||
        strcmp(card->pack_id, r->pack_id) != 0 || strcmp(card->question_id, r->question_id) != 0)
        return store_fail(err, STORE_INVALID, 0, "The review is not of the card given with it.");
    if (r->rating < STORE_RATING_AGAIN || r->rating > STORE_RATING_EASY)
        return store_fail(err, STORE_INVALID, 0, "Review rating %d is not 1..4.", r->rating);

    const char *what = N_("save the review");
    if ((s = store_tx_begin(store, what, err)) != STORE_OK)
        return s;
    s = card_write(store, card, err);
    sqlite3_stmt *st;
    int64_t id = 0;
    if (s == STORE_OK && (s = keyed(store, SQL_REVIEW_INSERT, r->profile_id, r->pack_id,
                                    r->question_id, r->deletion, &st, err)) == STORE_OK) {
        store_bind_int(st, 5, r->reviewed_at);
        store_bind_int(st, 6, r->rating);
        store_bind_int(st, 7, (int)r->state_before);
        store_bind_int(st, 8, (int)r->state_after);
        store_bind_int(st, 9, r->elapsed_days);
        store_bind_int(st, 10, r->scheduled_days);
        store_bind_double(st, 11, r->stability);
        store_bind_double(st, 12, r->difficulty);
        store_bind_int(st, 13, r->ms_taken);
        store_bind_text(st, 14, r->source == STORE_SOURCE_QUIZ ? "quiz" : "study");
        s = store_insert(store, st, &id, what, err);
        sqlite3_clear_bindings(st);
    }
    if ((s = store_tx_end(store, s, what, err)) == STORE_OK && review_id)
        *review_id = id;
    return s;
}

void store_review_list_free(StoreReviewList *list)
{
    if (list)
        store_list_clear((void **)&list->items, &list->count);
}

StoreStatus store_card_reviews(Store *store, int64_t profile_id, const char *pack_id,
                               const char *question_id, int deletion, StoreReviewList *out,
                               StoreError *err)
{
    sqlite3_stmt *st;
    StoreStatus s = store_need_list(store, out, sizeof *out, err);
    if (s == STORE_OK)
        s = keyed(store, SQL_CARD_REVIEWS, profile_id, pack_id, question_id, deletion, &st, err);
    if (s != STORE_OK)
        return s;
    if ((s = store_read_rows(store, st, (void **)&out->items, &out->count, 0, sizeof *out->items,
                             read_review, "read the card's reviews", err)) != STORE_OK)
        store_review_list_free(out);
    return s;
}
