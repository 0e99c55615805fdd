/* bench_learn.c - the study queue and statistics for a big deck, loaded from
 * the store (src/core/study/learn.h over store.h), where bench_study.c times the
 * pure part only.
 *
 * Makes a temporary store with one learner and N flashcard questions in
 * packs of 1000 (built in memory), simulates a year of reviews per card with
 * the real scheduler, and writes every card (store_cards_upsert, one
 * transaction) and every review. The game writes a review per transaction
 * (store_review_record); a million of those take minutes, so the bench
 * inserts the log rows itself in one transaction, with the store's own
 * INSERT (store_cards.c, SQL_REVIEW_INSERT) — keep the two in step.
 * Then times, as the median of several runs:
 *   load      store_cards_load alone
 *   deck      learn_deck_build: load all cards of the learner and match them
 *             to the packs' questions
 *   queue     study_build_queue over the deck + learn_deck_next
 *   forecast  study_forecast over the deck
 *   stats     learn_stats_build: forecast, topics, and the store's heatmap,
 *             retention and quiz-accuracy queries
 * Figures are printed, never asserted (design rule 10).
 *   bench_learn [cards] [runs]      defaults: 100000 5
 * With BENCH_KEEP set in the environment the database is kept (its path is
 * printed), to look at query plans with the sqlite3 shell.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "learn.h"
#include "pack_load.h"
#include "rng.h"
#include "test_support.h"

#include <sqlite3.h>

enum { PER_PACK = 1000, MAX_RUNS = 25 };

static const int64_t DAY = FSRS_MS_PER_DAY;

static double now_seconds(void)
{
    return test_clock_ms(CLOCK_MONOTONIC) / 1e3;
}

/* A pack of `count` flashcards with two topics, as YAML, parsed. */
static Pack *make_pack(int index, int count)
{
    size_t cap = (size_t)count * 160 + 512, len = 0;
    char *yaml = malloc(cap);
    if (yaml == NULL)
        return NULL;
    len += (size_t)snprintf(yaml + len, cap - len,
                            "format: 1\nid: bench-%03d\ntitle: \"Bench %d\"\nlanguage: en\n"
                            "topics:\n  - {id: odd, title: Odd}\n  - {id: even, title: Even}\n"
                            "questions:\n",
                            index, index);
    for (int q = 0; q < count; q++)
        len += (size_t)snprintf(yaml + len, cap - len,
                                "  - {id: q-%05d, type: flashcard, topic: %s, front: \"F %d\","
                                " back: \"B %d\", explain: \"E\"}\n",
                                q, q % 2 ? "odd" : "even", q, q);
    DiagList diags = {0};
    char name[32];
    snprintf(name, sizeof name, "bench-%03d.yaml", index);
    Pack *p = pack_load_buffer(name, yaml, len, &diags);
    if (p == NULL && diags.count > 0)
        fprintf(stderr, "bench pack: %s\n", diags.items[0].message);
    diag_clear(&diags);
    free(yaml);
    return p;
}

static FsrsRating pick_rating(Rng *rng)
{
    uint32_t r = rng_range(rng, 100);
    return r < 12   ? FSRS_RATING_AGAIN
           : r < 22 ? FSRS_RATING_HARD
           : r < 92 ? FSRS_RATING_GOOD
                    : FSRS_RATING_EASY;
}

int main(int argc, char **argv)
{
    int cards = argc > 1 ? atoi(argv[1]) : 100000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (cards < 1)
        cards = 1;
    if (runs < 1)
        runs = 1;
    if (runs > MAX_RUNS)
        runs = MAX_RUNS;
    char dir[] = "/tmp/bench-learn-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    Store *store = NULL;
    StoreError err;
    /* 2026-03-09 12:00 UTC; Kuwait days starting at 04:00. */
    const int64_t now = 1773057600000;
    if (store_open_at(&store, dir, now, &err) != STORE_OK) {
        fprintf(stderr, "store: %s\n", err.message);
        return 1;
    }
    int64_t who = 0;
    store_profile_add(store, "Bench", now, &who, NULL);
    FsrsDayRule rule = fsrs_day_rule_fixed(180, 240);
    FsrsParams params = fsrs_params_default();

    int pack_count = (cards + PER_PACK - 1) / PER_PACK;
    Pack **packs = calloc((size_t)pack_count, sizeof *packs);
    for (int p = 0; p < pack_count; p++) {
        int n = p == pack_count - 1 ? cards - p * PER_PACK : PER_PACK;
        packs[p] = make_pack(p, n);
        if (packs[p] == NULL)
            return 1;
    }

    /* A year: each card introduced on a random day and reviewed when due. */
    double t0 = now_seconds();
    Rng rng;
    rng_seed(&rng, 42);
    StoreCard *rows = calloc((size_t)cards, sizeof *rows);
    sqlite3 *db = NULL;
    sqlite3_stmt *ins = NULL;
    if (sqlite3_open(store_path(store), &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO reviews(profile_id, pack_id, question_id, deletion,"
                           " reviewed_at, rating, state_before, state_after, elapsed_days,"
                           " scheduled_days, stability, difficulty, ms_taken, source)"
                           " VALUES(?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 5000,"
                           " 'study')",
                           -1, &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    size_t reviews = 0;
    int64_t start = now - 365 * DAY;
    for (int i = 0; i < cards; i++) {
        const Pack *pk = packs[i / PER_PACK];
        const Question *q = &pk->questions[i % PER_PACK];
        StoreCard *row = &rows[i];
        row->profile_id = who;
        snprintf(row->pack_id, sizeof row->pack_id, "%s", pk->id);
        snprintf(row->question_id, sizeof row->question_id, "%s", q->id);
        int64_t t = start + (int64_t)rng_range(&rng, 365) * DAY + 8 * 3600000;
        row->first_seen = t;
        FsrsCard card = fsrs_card_new(t);
        while (t < now) {
            FsrsReviewLog log;
            fsrs_review(&params, &card, pick_rating(&rng), t, &rule, &card, &log);
            sqlite3_bind_int64(ins, 1, who);
            sqlite3_bind_text(ins, 2, row->pack_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 3, row->question_id, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 4, t);
            sqlite3_bind_int(ins, 5, (int)log.rating);
            sqlite3_bind_int(ins, 6, (int)log.state_before);
            sqlite3_bind_int(ins, 7, (int)log.state_after);
            sqlite3_bind_int(ins, 8, log.elapsed_days);
            sqlite3_bind_int(ins, 9, log.scheduled_days);
            sqlite3_bind_double(ins, 10, log.stability);
            sqlite3_bind_double(ins, 11, log.difficulty);
            if (sqlite3_step(ins) != SQLITE_DONE) {
                fprintf(stderr, "review: %s\n", sqlite3_errmsg(db));
                return 1;
            }
            sqlite3_reset(ins);
            reviews++;
            t = card.due_ms + (int64_t)rng_range(&rng, 3600) * 1000;
        }
        learn_card_to_store(&card, row);
    }
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "commit: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_close(db);
    if (store_cards_upsert(store, rows, (size_t)cards, &err) != STORE_OK) {
        fprintf(stderr, "cards: %s\n", err.message);
        return 1;
    }
    {
        double q0 = now_seconds();
        int64_t heat[LEARN_HEAT_DAYS], pa, to;
        store_study_days(store, who, now, &rule, LEARN_HEAT_DAYS, heat, NULL);
        double q1 = now_seconds();
        store_retention(store, who, now, 30, &pa, &to, NULL);
        double q2 = now_seconds();
        StoreProgressList pl = {0};
        store_progress_by_topic(store, who, NULL, 20, &pl, NULL);
        store_progress_list_free(&pl);
        double q3 = now_seconds();
        printf("store queries, first call (ms): study_days %.1f, retention %.1f,"
               " progress_by_topic %.1f\n",
               (q1 - q0) * 1e3, (q2 - q1) * 1e3, (q3 - q2) * 1e3);
    }
    double made = now_seconds() - t0;
    printf("store: %d cards, %zu reviews written in %.1f s (%s)\n", cards, reviews, made,
           store_path(store));

    double load_t[MAX_RUNS], deck_t[MAX_RUNS], queue_t[MAX_RUNS], fc_t[MAX_RUNS], stats_t[MAX_RUNS];
    LearnSettings settings = learn_settings_default();
    size_t *order = malloc((size_t)cards * sizeof *order);
    StudyQueueInfo info;
    for (int r = 0; r < runs; r++) {
        double a = now_seconds();
        StoreCardList list = {0};
        store_cards_load(store, who, &list, NULL);
        store_card_list_free(&list);
        double b = now_seconds();
        LearnDeck deck;
        if (learn_deck_build(&deck, store, who, packs, (size_t)pack_count, now, &rule, &err) !=
            STORE_OK) {
            fprintf(stderr, "deck: %s\n", err.message);
            return 1;
        }
        double c = now_seconds();
        StudyOptions opts = learn_deck_options(&deck, &settings);
        study_build_queue(deck.cards, deck.count, now, &rule, &opts, order, (size_t)cards, &info);
        size_t idx;
        learn_deck_next(&deck, &settings, now, &rule, &idx, NULL);
        double d = now_seconds();
        StudyForecast fc;
        study_forecast(deck.cards, deck.count, now, &rule, &fc);
        double e = now_seconds();
        LearnStats stats;
        if (learn_stats_build(&stats, store, who, &deck, now, &rule, &params, &err) != STORE_OK) {
            fprintf(stderr, "stats: %s\n", err.message);
            return 1;
        }
        double g = now_seconds();
        load_t[r] = (b - a) * 1000.0;
        deck_t[r] = (c - b) * 1000.0;
        queue_t[r] = (d - c) * 1000.0;
        fc_t[r] = (e - d) * 1000.0;
        stats_t[r] = (g - e) * 1000.0;
        if (r == 0)
            printf("deck: %zu cards, %zu orphans, %d new today; queue %zu (learning %zu, review "
                   "%zu, new %zu); due today %zu, tomorrow %zu; retention %lld/%lld\n",
                   deck.count, deck.orphans, deck.new_done_today, info.count, info.learning_due,
                   info.review_due, info.new_queued, stats.forecast.due_today,
                   stats.forecast.due_tomorrow, (long long)stats.retention_passed,
                   (long long)stats.retention_total);
        learn_stats_free(&stats);
        learn_deck_free(&deck);
    }
    printf("median of %d runs (ms): store_cards_load %.1f | learn_deck_build %.1f | queue %.1f |"
           " forecast %.1f | learn_stats_build %.1f\n",
           runs, test_median(load_t, (size_t)runs), test_median(deck_t, (size_t)runs),
           test_median(queue_t, (size_t)runs), test_median(fc_t, (size_t)runs),
           test_median(stats_t, (size_t)runs));

    free(order);
    free(rows);
    for (int p = 0; p < pack_count; p++)
        pack_free(packs[p]);
    free(packs);
    char path[128];
    snprintf(path, sizeof path, "%s", store_path(store));
    store_close(store);
    if (getenv("BENCH_KEEP") != NULL) {
        printf("kept %s\n", path);
        return 0;
    }
    unlink(path);
    snprintf(path, sizeof path, "%s/quizdeck.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/quizdeck.db-shm", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}
