/* make_v1.c - how tests/data/store/v1.db was made: a record, not built.
 *
 * It uses the schema-1 store API (store.h at commit f3dd37c: a free-form
 * `settings` text, `mode` as a string, store_round_finish taking the
 * caller's totals), which later commits replaced, so it compiles only
 * against that tree:
 *   cc -std=c17 -D_POSIX_C_SOURCE=200809L -Isrc/core/store \
 *      tests/data/store/make_v1.c build/libquizdeck_core.a -lsqlite3 -lyaml -lm
 *   ./a.out DIR   (DIR empty; writes DIR/quizdeck.db, checkpointed)
 * It also prints the figures the store's queries gave on that file, which
 * tests/unit/test_store_migrate.c asserts after migrating it. The .db is
 * the fixture; this file only says where it came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"

#define DAY_MS  ((int64_t)86400000)
#define HOUR_MS ((int64_t)3600000)
#define MIN_MS  ((int64_t)60000)
/* 2026-03-01 00:00 UTC */
#define T0 ((int64_t)1772323200000)
/* The figures are taken at 2026-03-10 12:00 UTC, Kuwait time (UTC+3), the
 * study day starting at 04:00. */
#define NOW ((int64_t)(T0 + 9 * DAY_MS + 12 * HOUR_MS))

static Store *store;

static void check(StoreStatus s, const StoreError *err, const char *what)
{
    if (s != STORE_OK) {
        fprintf(stderr, "%s: %s\n", what, err->message);
        exit(1);
    }
}

typedef struct Given {
    const char *pack, *question, *topic, *given;
    double fraction;
    bool correct;
    int64_t points, ms;
    bool timed_out;
} Given;

typedef enum Ending { LEFT_OPEN, FINISHED, ABANDONED } Ending;

/* One round of the fixture: begun at `at`, its answers recorded 20 s
 * apart from there, then ended as `ending` says (finished at finished_at
 * with the sums of its answers). */
typedef struct Played {
    int learner; /* 0 Lina, 1 Maha */
    const char *mode, *settings;
    const char *const *packs;
    size_t pack_count;
    int questions;
    int64_t at;
    uint64_t seed;
    const Given *given;
    size_t given_count;
    Ending ending;
    int64_t finished_at;
    int best_streak;
} Played;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const GCC[] = {"kuwait-gcc"};
static const char *const TWO[] = {"kuwait-gcc", "kuwait-diplomacy"};
static const char *const ALLIANCES[] = {"kuwait-alliances"};
static const char *const DEPLOY[] = {"kuwait-deployments"};

static const Given G1[] = {
    {"kuwait-gcc", "gcc-founding", "membership", "B: 1981", 1.0, true, 1000, 4200, false},
    {"kuwait-gcc", "gcc-platform-cloze", "cooperation", "Riyadh / joint forces", 0.5, false, 500,
     9100, false},
    {"kuwait-gcc", "gcc-size", "membership", "ستة", 1.0, true, 1100, 5300, false},
};
static const Given G2[] = {
    {"kuwait-gcc", "gcc-founding", "membership", "B: 1981", 1.0, true, 900, 6000, false},
    {"kuwait-diplomacy", "dip-summit-host", "", "(time out)", 0.0, false, 0, 20000, true},
    {"kuwait-gcc", "gcc-platform-cloze", "cooperation", "Riyadh / Peninsula Shield", 1.0, true,
     1050, 8000, false},
    {"kuwait-diplomacy", "dip-mediation", "", "A: Qatar", 1.0, true, 1200, 3000, false},
};
static const Given G3[] = {
    {"kuwait-alliances", "ally-1991", "", "الولايات المتحدة", 1.0, true, 1, 7000, false},
    {"kuwait-alliances", "ally-nato", "", "False", 0.0, false, 0, 4000, false},
};
static const Given G4[] = {
    {"kuwait-deployments", "dep-1994", "", "Vigilant Warrior", 1.0, true, 1000, 5000, false},
};
static const Given G5[] = {
    {"kuwait-gcc", "gcc-size", "membership", "5", 0.0, false, 0, 3000, false},
    {"kuwait-gcc", "gcc-kind", "membership", "A: a regional organisation", 1.0, true, 800, 6000,
     false},
};

/* The rounds, in the order they are written (their ids are 1..5). */
static const Played ROUNDS[] = {
    /* Lina, 1: a finished single-pack practice round. */
    {0, "practice", "{\"count\":3,\"time\":0,\"fixed\":0,\"scoring\":0,\"streak\":1}", GCC, 1, 3,
     T0 + 2 * DAY_MS, 1111, G1, COUNT(G1), FINISHED, T0 + 2 * DAY_MS + 2 * MIN_MS, 1},
    /* Lina, 2: a finished timed round over two packs, one time-out. */
    {0, "timed", "{\"count\":4,\"time\":1,\"fixed\":0,\"scoring\":0,\"streak\":1}", TWO, 2, 4,
     T0 + 4 * DAY_MS, 2222, G2, COUNT(G2), FINISHED, T0 + 4 * DAY_MS + 3 * MIN_MS, 2},
    /* Lina, 3: abandoned after two answers (fixed time, accuracy scoring). */
    {0, "timed", "{\"count\":0,\"time\":2,\"fixed\":30,\"scoring\":1,\"streak\":0}", ALLIANCES, 1,
     12, T0 + 6 * DAY_MS, 3333, G3, COUNT(G3), ABANDONED, 0, 0},
    /* Lina, 4: killed mid-round, settings never written (older build). */
    {0, "practice", "", DEPLOY, 1, 5, T0 + 8 * DAY_MS, 4444, G4, COUNT(G4), LEFT_OPEN, 0, 0},
    /* Maha: one finished round whose settings text is not JSON. */
    {1, "practice", "{count:2", GCC, 1, 2, T0 + 3 * DAY_MS + HOUR_MS, 5555, G5, COUNT(G5), FINISHED,
     T0 + 3 * DAY_MS + HOUR_MS + MIN_MS, 1},
};

/* Writes the round p of the learner with id `profile`. */
static void play(int64_t profile, const Played *p)
{
    StoreRoundStart start = {.profile_id = profile,
                             .started_at = p->at,
                             .seed = p->seed,
                             .mode = p->mode,
                             .settings = p->settings,
                             .pack_ids = p->packs,
                             .pack_count = p->pack_count,
                             .question_count = p->questions};
    StoreError err;
    int64_t round = 0;
    check(store_round_begin(store, &start, &round, &err), &err, "round");
    int correct = 0;
    int64_t points = 0;
    for (size_t i = 0; i < p->given_count; i++) {
        const Given *g = &p->given[i];
        StoreAnswer a;
        memset(&a, 0, sizeof a);
        a.round_id = round;
        snprintf(a.pack_id, sizeof a.pack_id, "%s", g->pack);
        snprintf(a.question_id, sizeof a.question_id, "%s", g->question);
        snprintf(a.topic_id, sizeof a.topic_id, "%s", g->topic);
        a.given = g->given;
        a.fraction_right = g->fraction;
        a.correct = g->correct;
        a.points = g->points;
        a.ms_taken = g->ms;
        a.answered_at = p->at + (int64_t)(i + 1) * 20000;
        a.timed_out = g->timed_out;
        check(store_answer_record(store, &a, NULL, &err), &err, "answer");
        correct += g->correct;
        points += g->points;
    }
    if (p->ending == FINISHED)
        check(
            store_round_finish(store, round, p->finished_at, correct, points, p->best_streak, &err),
            &err, "finish");
    else if (p->ending == ABANDONED)
        check(store_round_abandon(store, round, &err), &err, "abandon");
}

static void review(int64_t profile, const char *pack, const char *question, int deletion,
                   int64_t at, int rating, StoreCardState before, StoreCardState after,
                   double stability, StoreReviewSource source)
{
    StoreCard c;
    memset(&c, 0, sizeof c);
    c.profile_id = profile;
    snprintf(c.pack_id, sizeof c.pack_id, "%s", pack);
    snprintf(c.question_id, sizeof c.question_id, "%s", question);
    c.deletion = deletion;
    c.state = after;
    c.stability = stability;
    c.difficulty = 5.25;
    c.due = at + (after == STORE_CARD_REVIEW ? 3 * DAY_MS : 10 * MIN_MS);
    c.last_review = at;
    c.reps = 1;
    c.lapses = rating == STORE_RATING_AGAIN && before == STORE_CARD_REVIEW;
    c.scheduled_days = after == STORE_CARD_REVIEW ? 3 : 0;
    c.first_seen = T0;
    StoreReview r;
    memset(&r, 0, sizeof r);
    r.profile_id = profile;
    snprintf(r.pack_id, sizeof r.pack_id, "%s", pack);
    snprintf(r.question_id, sizeof r.question_id, "%s", question);
    r.deletion = deletion;
    r.reviewed_at = at;
    r.rating = rating;
    r.state_before = before;
    r.state_after = after;
    r.elapsed_days = before == STORE_CARD_NEW ? 0 : 2;
    r.scheduled_days = c.scheduled_days;
    r.stability = stability;
    r.difficulty = c.difficulty;
    r.ms_taken = 6000;
    r.source = source;
    StoreError err;
    check(store_review_record(store, &c, &r, NULL, &err), &err, "review");
}

static void print_rounds(const char *what, const StoreRoundList *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const StoreRound *r = &l->items[i];
        printf("%s: round %lld packs=%s mode=%s answered=%d correct=%d points=%lld streak=%d "
               "questions=%d finished=%d abandoned=%d accuracy=%.4f\n",
               what, (long long)r->id, r->packs, r->mode, r->answered_count, r->correct_count,
               (long long)r->points, r->best_streak, r->question_count, r->finished, r->abandoned,
               r->accuracy);
    }
}

static void print_figures(int64_t profile)
{
    StoreError err;
    printf("== profile %lld\n", (long long)profile);
    StoreRoundList rounds = {0};
    check(store_round_history(store, profile, 30, &rounds, &err), &err, "history");
    print_rounds("history", &rounds);
    store_round_list_free(&rounds);
    check(store_rounds_unfinished(store, profile, &rounds, &err), &err, "unfinished");
    print_rounds("unfinished", &rounds);
    store_round_list_free(&rounds);
    check(store_pack_bests(store, profile, &rounds, &err), &err, "bests");
    print_rounds("best", &rounds);
    store_round_list_free(&rounds);

    StoreProgressList prog = {0};
    int recents[] = {20, 2};
    for (int k = 0; k < 2; k++) {
        check(store_progress_by_pack(store, profile, recents[k], &prog, &err), &err, "progress");
        for (size_t i = 0; i < prog.count; i++)
            printf("pack(recent %d): %s seen=%lld total=%lld recent=%d/%d last=%lld\n", recents[k],
                   prog.items[i].pack_id, (long long)prog.items[i].questions_seen,
                   (long long)prog.items[i].answers_total, prog.items[i].recent_correct,
                   prog.items[i].recent_count, (long long)prog.items[i].last_answered_at);
        store_progress_list_free(&prog);
    }
    check(store_progress_by_topic(store, profile, NULL, 20, &prog, &err), &err, "topics");
    for (size_t i = 0; i < prog.count; i++)
        printf("topic: %s/%s seen=%lld total=%lld recent=%d/%d last=%lld\n", prog.items[i].pack_id,
               prog.items[i].topic_id, (long long)prog.items[i].questions_seen,
               (long long)prog.items[i].answers_total, prog.items[i].recent_correct,
               prog.items[i].recent_count, (long long)prog.items[i].last_answered_at);
    store_progress_list_free(&prog);

    StoreMissedList missed = {0};
    check(store_most_missed(store, profile, 5, &missed, &err), &err, "missed");
    for (size_t i = 0; i < missed.count; i++)
        printf("missed: %s/%s misses=%lld last=%lld\n", missed.items[i].pack_id,
               missed.items[i].question_id, (long long)missed.items[i].misses,
               (long long)missed.items[i].last_answered_at);
    store_missed_list_free(&missed);

    int64_t counts[112];
    check(store_study_days(store, profile, NOW, 180, 240, 112, counts, &err), &err, "days");
    for (int d = 0; d < 112; d++)
        if (counts[d])
            printf("study day %d: %lld\n", d, (long long)counts[d]);
    int64_t passed = 0, total = 0;
    check(store_retention(store, profile, NOW, 30, &passed, &total, &err), &err, "retention");
    printf("retention: %lld/%lld\n", (long long)passed, (long long)total);
    StoreCardList cards = {0};
    check(store_cards_load(store, profile, &cards, &err), &err, "cards");
    printf("cards: %zu\n", cards.count);
    store_card_list_free(&cards);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s EMPTY-DIR\n", argv[0]);
        return 2;
    }
    StoreError err;
    check(store_open_at(&store, argv[1], T0, &err), &err, "open");
    int64_t lina = 0, maha = 0;
    check(store_profile_add(store, "Lina", T0, &lina, &err), &err, "profile");
    check(store_profile_add(store, "مها", T0 + MIN_MS, &maha, &err), &err, "profile");
    check(store_profile_touch(store, lina, T0 + 8 * DAY_MS, &err), &err, "touch");

    check(store_setting_set_text(store, STORE_GLOBAL, "ui.language", "ar", &err), &err, "set");
    check(store_setting_set_int(store, STORE_GLOBAL, "app.last_profile", lina, &err), &err, "set");
    check(store_setting_set_int(store, lina, "ui.font_scale", 125, &err), &err, "set");
    check(store_setting_set_int(store, lina, "setup.question_count", 10, &err), &err, "set");
    check(store_setting_set_int(store, lina, "study.new_per_day", 15, &err), &err, "set");
    check(store_setting_set_text(store, maha, "profile.note", "طالبة في الصف العاشر", &err), &err,
          "set");
    check(store_setting_set_int(store, maha, "study.day_start_hour", 5, &err), &err, "set");

    const int64_t learners[] = {lina, maha};
    for (size_t i = 0; i < COUNT(ROUNDS); i++)
        play(learners[ROUNDS[i].learner], &ROUNDS[i]);

    /* Flashcards and their review logs; the cloze has two gap cards. */
    review(lina, "kuwait-gcc", "gcc-founding", 0, T0 + 2 * DAY_MS, 3, STORE_CARD_NEW,
           STORE_CARD_LEARNING, 2.3, STORE_SOURCE_QUIZ);
    review(lina, "kuwait-gcc", "gcc-founding", 0, T0 + 4 * DAY_MS, 3, STORE_CARD_LEARNING,
           STORE_CARD_REVIEW, 3.1, STORE_SOURCE_QUIZ);
    review(lina, "kuwait-gcc", "gcc-founding", 0, T0 + 7 * DAY_MS, 2, STORE_CARD_REVIEW,
           STORE_CARD_REVIEW, 4.4, STORE_SOURCE_STUDY);
    review(lina, "kuwait-gcc", "gcc-platform-cloze", 1, T0 + 2 * DAY_MS, 3, STORE_CARD_NEW,
           STORE_CARD_LEARNING, 2.3, STORE_SOURCE_QUIZ);
    review(lina, "kuwait-gcc", "gcc-platform-cloze", 2, T0 + 2 * DAY_MS, 1, STORE_CARD_NEW,
           STORE_CARD_LEARNING, 0.2, STORE_SOURCE_QUIZ);
    review(lina, "kuwait-gcc", "gcc-platform-cloze", 2, T0 + 9 * DAY_MS + HOUR_MS, 1,
           STORE_CARD_REVIEW, STORE_CARD_RELEARNING, 0.9, STORE_SOURCE_STUDY);
    review(lina, "kuwait-diplomacy", "dip-summit-host", 0, T0 + 4 * DAY_MS, 1, STORE_CARD_NEW,
           STORE_CARD_LEARNING, 0.2, STORE_SOURCE_QUIZ);
    review(maha, "kuwait-gcc", "gcc-size", 0, T0 + 3 * DAY_MS + HOUR_MS, 1, STORE_CARD_NEW,
           STORE_CARD_LEARNING, 0.2, STORE_SOURCE_QUIZ);
    review(maha, "kuwait-gcc", "gcc-kind", 0, T0 + 3 * DAY_MS + HOUR_MS, 4, STORE_CARD_NEW,
           STORE_CARD_REVIEW, 8.3, STORE_SOURCE_QUIZ);
    review(maha, "kuwait-gcc", "gcc-kind", 0, T0 + 8 * DAY_MS, 3, STORE_CARD_REVIEW,
           STORE_CARD_REVIEW, 12.0, STORE_SOURCE_STUDY);

    print_figures(lina);
    print_figures(maha);
    store_close(store);

    /* Fold the WAL into the file, so the fixture is one file. */
    char path[1024];
    snprintf(path, sizeof path, "%s/quizdeck.db", argv[1]);
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "checkpoint: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_close(db);
    return 0;
}
