/* test_ui_play.c - headless tests of the play screens: question, feedback,
 * results.
 *
 * Every test drives the real event loop (app_pump) with real SDL key,
 * mouse and text events, over the small deterministic pack in
 * tests/data/play/ (one question of each type, choices unshuffled), and
 * checks what a player would notice: the answers stored in SQLite (opened
 * here from the test's own data folder), the scene on screen, and pixels
 * read back from the renderer. Rounds are built from an explicit question
 * list in a fixed order, so each test knows what is asked when.
 *
 * Set QUIZDECK_PLAY_SHOTS=DIR to also save a BMP of every question screen.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "play.h"
#include "round.h"
#include "store.h"
#include "widgets.h"
#include "test_support.h"

#define PACK_ID "play-every-type"

typedef struct Fixture {
    App *app;
    char dir[64];
} Fixture;

/* ---- set-up ------------------------------------------------------------ */

static void open_app(Fixture *f, int w, int h)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/quizdeck-play-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    static const char *const paths[] = {QUIZDECK_TEST_DATA "/play"};
    AppConfig cfg = {.pack_paths = paths,
                     .pack_path_count = 1,
                     .data_dir = f->dir,
                     .width = w,
                     .height = h,
                     .hidden = true};
    f->app = app_create(&cfg);
    assert_non_null(f->app);
    assert_non_null(f->app->store);
    app_pump(f->app, 3);
}

static void close_app(Fixture *f)
{
    app_destroy(f->app);
    f->app = NULL;
    test_remove_tree(f->dir);
}

static void pump(App *app)
{
    app_pump(app, 4);
}

/* Starts a round of the named questions of a pack, in this order. */
static void start_pack_round(App *app, const char *pack_id, const char *const *ids, size_t n,
                             RoundTimeMode mode, int seconds)
{
    RoundQuestionRef refs[16];
    assert_true(n <= 16);
    for (size_t i = 0; i < n; i++)
        refs[i] = (RoundQuestionRef){pack_id, ids[i]};
    RoundSettings rs = {0};
    rs.only = refs;
    rs.only_count = n;
    rs.keep_only_order = true;
    rs.time_mode = mode;
    rs.fixed_seconds = seconds;
    rs.seed = 7;
    assert_true(app_start_round(app, &rs, true));
    pump(app);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
}

static void start_round(App *app, const char *const *ids, size_t n, RoundTimeMode mode, int seconds)
{
    start_pack_round(app, PACK_ID, ids, n, mode, seconds);
}

static const RoundQuestion *current(App *app)
{
    const RoundQuestion *rq = round_current(&app->round);
    assert_non_null(rq);
    return rq;
}

static void save_shot(App *app, const char *name)
{
    const char *dir = getenv("QUIZDECK_PLAY_SHOTS");
    if (dir == NULL || dir[0] == '\0')
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s-%dx%d.bmp", dir, name, app->theme.out_w, app->theme.out_h);
    app_save_frame(app, path);
}

static void key(App *app, SDL_Keycode k)
{
    app_test_key(app, k, 0);
    pump(app);
}

static void type(App *app, const char *text)
{
    app_test_text(app, text);
    pump(app);
}

static SDL_Point centre(const AppWidget *w)
{
    SDL_Point p = {w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2};
    return p;
}

static const AppWidget *widget(App *app, const char *label)
{
    const AppWidget *w = app_find_widget(app, label);
    if (w == NULL)
        fail_msg("no widget \"%s\" on screen (scene %d)", label, (int)app_scene(app));
    return w;
}

static void click(App *app, const char *label)
{
    SDL_Point p = centre(widget(app, label));
    app_test_click(app, p.x, p.y);
    pump(app);
}

/* Mouse events in renderer pixels, converted like app_test_click does. */
static void mouse(App *app, Uint32 type_, int x, int y)
{
    float px = app->input.pixel_x > 0 ? app->input.pixel_x : 1.0f;
    float py = app->input.pixel_y > 0 ? app->input.pixel_y : 1.0f;
    SDL_Event e = {0};
    e.type = type_;
    if (type_ == SDL_MOUSEMOTION) {
        e.motion.windowID = SDL_GetWindowID(app->window);
        e.motion.x = (int)((float)x / px);
        e.motion.y = (int)((float)y / py);
        e.motion.state = SDL_BUTTON_LMASK;
    } else {
        e.button.windowID = SDL_GetWindowID(app->window);
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type_ == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = (int)((float)x / px);
        e.button.y = (int)((float)y / py);
    }
    SDL_PushEvent(&e);
    pump(app);
}

static void drag(App *app, SDL_Point from, SDL_Point to)
{
    mouse(app, SDL_MOUSEMOTION, from.x, from.y);
    mouse(app, SDL_MOUSEBUTTONDOWN, from.x, from.y);
    mouse(app, SDL_MOUSEMOTION, (from.x + to.x) / 2, (from.y + to.y) / 2);
    mouse(app, SDL_MOUSEMOTION, to.x, to.y);
    mouse(app, SDL_MOUSEBUTTONUP, to.x, to.y);
}

/* Continues from the feedback screen by keyboard. */
static void next_by_key(App *app)
{
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    key(app, SDLK_RETURN);
}

/* ---- the store --------------------------------------------------------- */

typedef struct Stored {
    Store *store;
    StoreAnswerList answers;
    StoreRoundList round;
} Stored;

static void load_stored(const Fixture *f, int64_t round_id, Stored *out)
{
    memset(out, 0, sizeof *out);
    StoreError err = {0};
    assert_int_equal(store_open(&out->store, f->dir, &err), STORE_OK);
    assert_int_equal(store_round_answers(out->store, round_id, &out->answers, &err), STORE_OK);
    assert_int_equal(store_round_get(out->store, round_id, &out->round, &err), STORE_OK);
}

static void free_stored(Stored *s)
{
    store_answer_list_free(&s->answers);
    store_round_list_free(&s->round);
    store_close(s->store);
}

static const char *const every_type[] = {"q-choice", "q-multi", "q-truefalse", "q-typed",
                                         "q-order",  "q-match", "q-cloze",     "q-flashcard"};
enum { EVERY_TYPE_COUNT = 8 };

static void assert_all_right(const Fixture *f, int64_t round_id)
{
    Stored s;
    load_stored(f, round_id, &s);
    assert_int_equal(s.answers.count, EVERY_TYPE_COUNT);
    for (size_t i = 0; i < s.answers.count; i++) {
        const StoreAnswer *a = &s.answers.items[i];
        if (!a->correct)
            fail_msg("%s stored wrong: given \"%s\", fraction %.2f", a->question_id, a->given,
                     a->fraction_right);
        assert_string_equal(a->pack_id, PACK_ID);
        assert_string_equal(a->question_id, every_type[i]);
        assert_true(a->fraction_right > 0.999);
        assert_true(a->points > 0);
        assert_false(a->timed_out);
    }
    assert_true(s.round.items[0].finished);
    assert_false(s.round.items[0].abandoned);
    assert_int_equal(s.round.items[0].correct_count, EVERY_TYPE_COUNT);
    free_stored(&s);
}

/* ---- the per-type table ------------------------------------------------- */

/* Every question type a pack may hold has its answer area: a row in the
 * PlayKind table under its own name, with a hint for the footer. A type
 * without one could not be shown at all. */
static void test_every_type_has_an_answer_area(void **state)
{
    (void)state;
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++) {
        const PlayKind *kind = play_kind_of((QuestionType)t);
        if (kind == NULL)
            fail_msg("no PlayKind for %s", question_type_name((QuestionType)t));
        assert_string_equal(kind->name, question_type_name((QuestionType)t));
        assert_non_null(kind->layout);
        assert_non_null(kind->event);
        assert_non_null(kind->draw);
        assert_non_null(kind->hint);
        assert_true(kind->state_size > 0);
    }
    assert_null(play_kind_of(QUESTION_TYPE_COUNT));
}

/* ---- playing each type by keyboard ------------------------------------- */

static void order_by_keys(App *app)
{
    const RoundQuestion *rq = current(app);
    size_t n = rq->display_count;
    size_t place[PACK_MAX_OPTIONS]; /* author index of the item at each place */
    for (size_t p = 0; p < n; p++)
        place[p] = rq->display[p];
    int focus = 0;
    for (size_t p = 0; p < n; p++) {
        size_t j = p;
        while (place[j] != p)
            j++;
        if (j == p)
            continue;
        for (; focus < (int)j; focus++)
            key(app, SDLK_DOWN);
        for (; focus > (int)j; focus--)
            key(app, SDLK_UP);
        key(app, SDLK_SPACE); /* pick up */
        for (size_t k = j; k > p; k--) {
            key(app, SDLK_UP);
            size_t t = place[k];
            place[k] = place[k - 1];
            place[k - 1] = t;
        }
        focus = (int)p;
        key(app, SDLK_RETURN); /* put down */
    }
    for (; focus < (int)n; focus++)
        key(app, SDLK_TAB);
    key(app, SDLK_RETURN); /* Submit */
}

static void match_by_keys(App *app)
{
    const RoundQuestion *rq = current(app);
    size_t n = rq->display_count;
    bool used[PACK_MAX_OPTIONS] = {false};
    for (size_t l = 0; l < n; l++) {
        key(app, SDLK_RETURN); /* pick left l; focus jumps to the first free right */
        size_t focus = 0;
        while (used[focus])
            focus++;
        size_t k = 0;
        while (rq->display[k] != l)
            k++;
        for (; focus < k; focus++)
            key(app, SDLK_DOWN);
        for (; focus > k; focus--)
            key(app, SDLK_UP);
        key(app, SDLK_RETURN); /* pair; focus goes to the next free left */
        used[k] = true;
    }
    key(app, SDLK_RETURN); /* all paired: focus is on Submit */
}

static void test_every_type_by_keyboard(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    start_round(app, every_type, EVERY_TYPE_COUNT, ROUND_TIME_OFF, 0);
    int64_t round_id = app->round_id;
    assert_true(round_id > 0);

    save_shot(app, "choice");
    key(app, SDLK_b); /* Paris, by letter */
    save_shot(app, "feedback");
    next_by_key(app);

    save_shot(app, "multi");
    key(app, SDLK_1); /* Two */
    key(app, SDLK_3); /* Four */
    key(app, SDLK_TAB);
    key(app, SDLK_TAB);
    key(app, SDLK_RETURN); /* Submit */
    next_by_key(app);

    save_shot(app, "truefalse");
    key(app, SDLK_t);
    next_by_key(app);

    /* Typed: a two-byte character typed by mistake goes with one Backspace. */
    type(app, "Rom");
    type(app, "e\xC3\xA9");
    save_shot(app, "typed");
    key(app, SDLK_BACKSPACE);
    key(app, SDLK_RETURN);
    next_by_key(app);

    save_shot(app, "order");
    order_by_keys(app);
    next_by_key(app);

    save_shot(app, "match");
    match_by_keys(app);
    next_by_key(app);

    type(app, "Spain");
    key(app, SDLK_RETURN); /* next gap */
    type(app, "Madrid");
    save_shot(app, "cloze");
    key(app, SDLK_RETURN); /* submit */
    save_shot(app, "feedback-cloze");
    next_by_key(app);

    save_shot(app, "flashcard");
    key(app, SDLK_RETURN); /* reveal */
    save_shot(app, "flashcard-back");
    key(app, SDLK_y);
    next_by_key(app);

    assert_int_equal(app_scene(app), SCENE_RESULTS);
    save_shot(app, "results");
    assert_non_null(widget(app, "Correct answers: 8 / 8"));
    /* The review lists every question; the last ones are scrolled to. */
    assert_non_null(widget(app, "1. What is the capital of France?"));
    assert_null(app_find_widget(app, "8. Capital of Portugal?"));
    for (int i = 0; i < 8; i++)
        key(app, SDLK_DOWN);
    assert_non_null(widget(app, "8. Capital of Portugal?"));
    assert_null(app_find_widget(app, "1. What is the capital of France?"));
    assert_all_right(&f, round_id);
    close_app(&f);
}

/* ---- playing each type by mouse ---------------------------------------- */

static void order_by_mouse(App *app)
{
    const RoundQuestion *rq = current(app);
    const Question *q = rq->question;
    size_t n = rq->display_count;
    for (size_t p = 0; p < n; p++) {
        /* Where place p is now: the row whose item is shown there. */
        const AppWidget *rows[PACK_MAX_OPTIONS];
        for (size_t i = 0; i < n; i++)
            rows[i] = widget(app, q->items[i]);
        SDL_Point from = centre(rows[p]);
        int top = INT32_MAX;
        for (size_t i = 0; i < n; i++) {
            int y = rows[i]->rect.y;
            int rank = 0;
            for (size_t k = 0; k < n; k++)
                rank += rows[k]->rect.y < y;
            if (rank == (int)p)
                top = y + rows[i]->rect.h / 2;
        }
        drag(app, from, (SDL_Point){from.x, top});
    }
    click(app, "Submit");
}

static void test_every_type_by_mouse(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    start_round(app, every_type, EVERY_TYPE_COUNT, ROUND_TIME_OFF, 0);
    int64_t round_id = app->round_id;

    click(app, "Paris");
    click(app, "Next question");

    click(app, "Two");
    click(app, "Four");
    save_shot(app, "multi-ticked");
    click(app, "Submit");
    click(app, "Next question");

    click(app, "True");
    click(app, "Next question");

    /* Typed: pasted text, its line break turned into a space. */
    SDL_SetClipboardText("Roma\n");
    app_test_key(app, SDLK_v, KMOD_LCTRL);
    pump(app);
    click(app, "Submit");
    click(app, "Next question");

    order_by_mouse(app);
    click(app, "Next question");

    /* Match: drag left to right, pick-pick, and drag right to left. */
    drag(app, centre(widget(app, "France")), centre(widget(app, "Paris")));
    click(app, "Spain");
    click(app, "Madrid");
    drag(app, centre(widget(app, "Berlin")), centre(widget(app, "Germany")));
    save_shot(app, "match-paired");
    click(app, "Submit");
    click(app, "Next question");

    click(app, "gap 1");
    type(app, "Spain");
    click(app, "gap 2");
    type(app, "Madrid");
    click(app, "Submit");
    click(app, "Next question");

    click(app, "Show the answer");
    click(app, "I knew it");
    click(app, "See results");

    assert_int_equal(app_scene(app), SCENE_RESULTS);
    assert_all_right(&f, round_id);
    close_app(&f);
}

/* ---- wrong answers, feedback and retry --------------------------------- */

static void test_wrong_answer_feedback_and_retry(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    const char *const ids[] = {"q-choice", "q-truefalse", "q-typed"};
    start_round(app, ids, 3, ROUND_TIME_OFF, 0);
    int64_t first = app->round_id;

    key(app, SDLK_a); /* Berlin: wrong */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(widget(app, "Not quite"));
    save_shot(app, "feedback-wrong");
    assert_non_null(widget(app, "icon-wrong"));
    assert_non_null(widget(app, "explain"));
    assert_non_null(widget(app, "source"));
    /* The icon is a cross drawn on a disc in the "wrong" colour. */
    const AppWidget *icon = widget(app, "icon-wrong");
    SDL_Color c;
    assert_true(app_read_pixel(app, icon->rect.x + icon->rect.w / 2, icon->rect.y + 3, &c));
    SDL_Color bad = theme_color(COLOR_BAD);
    assert_int_equal(c.r, bad.r);
    assert_int_equal(c.g, bad.g);
    next_by_key(app);

    key(app, SDLK_t); /* right */
    assert_non_null(widget(app, "Right!"));
    assert_non_null(widget(app, "icon-right"));
    next_by_key(app);

    type(app, "Paris"); /* wrong */
    key(app, SDLK_RETURN);
    next_by_key(app);
    assert_int_equal(app_scene(app), SCENE_RESULTS);
    assert_non_null(widget(app, "Correct answers: 1 / 3"));
    assert_non_null(widget(app, "Retry the 2 I missed"));

    Stored s;
    load_stored(&f, first, &s);
    assert_int_equal(s.answers.count, 3);
    assert_false(s.answers.items[0].correct);
    assert_string_equal(s.answers.items[0].question_id, "q-choice");
    assert_non_null(strstr(s.answers.items[0].given, "Berlin"));
    assert_true(s.answers.items[1].correct);
    assert_false(s.answers.items[2].correct);
    assert_true(s.round.items[0].finished);
    /* Each answer was also a review of its flashcard, graded by the game:
     * the missed ones come back soon (Again), the right one later (Good). */
    static const struct {
        const char *id;
        int rating;
    } graded[] = {{"q-choice", STORE_RATING_AGAIN},
                  {"q-truefalse", STORE_RATING_GOOD},
                  {"q-typed", STORE_RATING_AGAIN}};
    for (size_t i = 0; i < 3; i++) {
        StoreReviewList reviews = {0};
        assert_int_equal(
            store_card_reviews(s.store, app->profile_id, PACK_ID, graded[i].id, 0, &reviews, NULL),
            STORE_OK);
        assert_int_equal(reviews.count, 1);
        assert_int_equal(reviews.items[0].rating, graded[i].rating);
        assert_int_equal(reviews.items[0].source, STORE_SOURCE_QUIZ);
        store_review_list_free(&reviews);
    }
    free_stored(&s);

    click(app, "Retry the 2 I missed");
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app->round_id != first);
    assert_int_equal(app->round.question_count, 2);
    for (size_t i = 0; i < app->round.question_count; i++) {
        const char *id = app->round.questions[i].question->id;
        assert_true(strcmp(id, "q-choice") == 0 || strcmp(id, "q-typed") == 0);
    }
    close_app(&f);
}

/* ---- a timed round that runs out --------------------------------------- */

static void test_timed_question_times_out(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    app_test_set_clock(app, 100000);
    pump(app);
    const char *const ids[] = {"q-choice", "q-truefalse"};
    start_round(app, ids, 2, ROUND_TIME_FIXED, 10);
    int64_t round_id = app->round_id;

    const AppWidget *bar = widget(app, "time-bar");
    SDL_Rect r = bar->rect;
    /* Full at first: the far end of the bar is filled with the accent. */
    SDL_Color c;
    assert_true(app_read_pixel(app, r.x + r.w - 4, r.y + r.h / 2, &c));
    SDL_Color accent = theme_color(COLOR_ACCENT);
    assert_int_equal(c.g, accent.g);
    save_shot(app, "timed");

    app_test_set_clock(app, 107500); /* three quarters gone: drained past the end */
    pump(app);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app_read_pixel(app, r.x + r.w - 4, r.y + r.h / 2, &c));
    assert_false(c.r == accent.r && c.g == accent.g && c.b == accent.b);

    app_test_set_clock(app, 110001);
    pump(app);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(widget(app, "Time's up"));

    /* The next question answered in 2 s of the test clock. */
    next_by_key(app);
    app_test_set_clock(app, 112001);
    pump(app);
    key(app, SDLK_t);

    Stored s;
    load_stored(&f, round_id, &s);
    assert_int_equal(s.answers.count, 2);
    assert_true(s.answers.items[0].timed_out);
    assert_false(s.answers.items[0].correct);
    assert_true(s.answers.items[0].fraction_right < 0.001);
    assert_int_equal(s.answers.items[0].points, 0);
    assert_true(s.answers.items[1].correct);
    assert_int_equal(s.answers.items[1].ms_taken, 2000);
    free_stored(&s);
    close_app(&f);
}

/* ---- Esc asks before abandoning ---------------------------------------- */

static void test_escape_confirms_abandon(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    start_round(app, every_type, 3, ROUND_TIME_OFF, 0);
    int64_t round_id = app->round_id;
    key(app, SDLK_b);
    next_by_key(app);

    key(app, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_non_null(widget(app, "Yes, quit"));
    save_shot(app, "confirm");
    key(app, SDLK_ESCAPE); /* No: stay */
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_null(app_find_widget(app, "Yes, quit"));
    assert_true(app->round_active);

    key(app, SDLK_ESCAPE);
    key(app, SDLK_RETURN); /* Yes: abandon */
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_false(app->round_active);

    Stored s;
    load_stored(&f, round_id, &s);
    assert_true(s.round.items[0].abandoned);
    assert_false(s.round.items[0].finished);
    assert_int_equal(s.answers.count, 1); /* the answer given is kept */
    assert_true(s.answers.items[0].correct);
    free_stored(&s);
    close_app(&f);
}

/* ---- layout: every type at every size, and a resize mid-question ------- */

static bool overlap(SDL_Rect a, SDL_Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void assert_layout_sane(App *app, const char *what)
{
    int w = app->theme.out_w, h = app->theme.out_h;
    size_t n = app_widget_count(app);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        const AppWidget *a = app_widget(app, i);
        SDL_Rect r = a->rect;
        if (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h || r.w <= 0 || r.h <= 0)
            fail_msg("%s %dx%d: \"%s\" at %d,%d %dx%d is outside the window", what, w, h, a->label,
                     r.x, r.y, r.w, r.h);
        for (size_t k = i + 1; k < n; k++) {
            const AppWidget *b = app_widget(app, k);
            if (overlap(r, b->rect))
                fail_msg("%s %dx%d: \"%s\" overlaps \"%s\"", what, w, h, a->label, b->label);
        }
    }
}

/* True when some pixels inside r differ clearly from the background:
 * text or shapes were drawn there. */
static int ink_in(App *app, SDL_Rect r)
{
    SDL_Color bg = theme_color(COLOR_BG), first;
    assert_true(app_read_pixel(app, r.x, r.y, &first)); /* draws the frame */
    Uint32 *px = calloc((size_t)r.w * (size_t)r.h, sizeof *px);
    assert_non_null(px);
    assert_int_equal(SDL_RenderReadPixels(app->renderer, &r, SDL_PIXELFORMAT_ARGB8888, px, r.w * 4),
                     0);
    int ink = 0;
    for (int i = 0; i < r.w * r.h; i++) {
        int cr = (int)((px[i] >> 16) & 0xFF), cg = (int)((px[i] >> 8) & 0xFF),
            cb = (int)(px[i] & 0xFF);
        if (abs(cr - bg.r) + abs(cg - bg.g) + abs(cb - bg.b) > 120)
            ink++;
    }
    free(px);
    return ink;
}

static void test_every_type_fits_every_size(void **state)
{
    (void)state;
    /* The last pass is 800x600 with the largest text size a player can pick. */
    static const SDL_Point sizes[] = {{640, 480},   {800, 600},   {1280, 720},
                                      {1920, 1080}, {3840, 2160}, {800, 600}};
    for (size_t s = 0; s < SDL_arraysize(sizes); s++) {
        Fixture f;
        open_app(&f, sizes[s].x, sizes[s].y);
        App *app = f.app;
        bool big_text = s == SDL_arraysize(sizes) - 1;
        if (big_text) {
            app->settings.font_scale = THEME_FONT_SCALE_MAX;
            app_apply_settings(app, false);
        }
        static const char *const layouts[] = {"q-choice", "q-multi",     "q-truefalse",
                                              "q-typed",  "q-order",     "q-match",
                                              "q-cloze",  "q-flashcard", "q-eight-long"};
        for (size_t t = 0; t < SDL_arraysize(layouts); t++) {
            start_round(app, &layouts[t], 1, ROUND_TIME_FIXED, 30);
            if (app->theme.out_w != sizes[s].x)
                fail_msg("window is %d wide, asked %d", app->theme.out_w, sizes[s].x);
            assert_layout_sane(app, layouts[t]);
            char name[64];
            snprintf(name, sizeof name, "fit-%s%s", layouts[t], big_text ? "-big" : "");
            save_shot(app, name);
            play_abandon(app);
            app_home(app);
            pump(app);
        }
        close_app(&f);
    }
}

static void test_resize_mid_question(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    const char *const ids[] = {"q-match"};
    start_round(app, ids, 1, ROUND_TIME_OFF, 0);
    int64_t round_id = app->round_id;
    click(app, "France"); /* a half-made pair survives the resize */

    app_test_resize(app, 640, 480);
    pump(app);
    assert_int_equal(app->theme.out_w, 640);
    assert_layout_sane(app, "match after resize");
    save_shot(app, "resized");
    /* The prompt is still drawn in its (smaller) box. */
    assert_true(ink_in(app, widget(app, "prompt")->rect) > 20);

    const RoundQuestion *rq = current(app);
    size_t k = 0;
    while (rq->display[k] != 0)
        k++;
    click(app, round_display_text(rq, k)); /* completes France -> Paris */
    click(app, "Spain");
    click(app, "Madrid");
    app_test_resize(app, 1600, 900);
    pump(app);
    assert_layout_sane(app, "match after growing");
    click(app, "Germany");
    click(app, "Berlin");
    click(app, "Submit");
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    Stored s;
    load_stored(&f, round_id, &s);
    assert_int_equal(s.answers.count, 1);
    assert_true(s.answers.items[0].correct);
    free_stored(&s);
    close_app(&f);
}

/* ---- pixels: focus and the prompt -------------------------------------- */

static void test_focus_ring_and_prompt_pixels(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    const char *const ids[] = {"q-choice"};
    start_round(app, ids, 1, ROUND_TIME_OFF, 0);

    assert_true(ink_in(app, widget(app, "prompt")->rect) > 50);

    key(app, SDLK_RIGHT); /* from Berlin to Paris */
    const AppWidget *paris = widget(app, "Paris");
    const AppWidget *berlin = widget(app, "Berlin");
    assert_true(paris->flags & WIDGET_FOCUSED);
    assert_false(berlin->flags & WIDGET_FOCUSED);
    SDL_Rect ring = widget_focus_ring_rect(app, paris->rect);
    SDL_Color c;
    SDL_Color focus = theme_color(COLOR_FOCUS);
    assert_true(app_read_pixel(app, ring.x + ring.w / 2, ring.y + 1, &c));
    assert_int_equal(c.r, focus.r);
    assert_int_equal(c.g, focus.g);
    assert_int_equal(c.b, focus.b);
    /* The focused tile is lighter than an unfocused one. */
    SDL_Color in_paris, in_berlin;
    SDL_Rect pr = paris->rect, br = berlin->rect;
    assert_true(app_read_pixel(app, pr.x + pr.w - 8, pr.y + pr.h / 2, &in_paris));
    assert_true(app_read_pixel(app, br.x + br.w - 8, br.y + br.h / 2, &in_berlin));
    SDL_Color hi = theme_color(COLOR_SURFACE_HI), lo = theme_color(COLOR_SURFACE);
    assert_int_equal(in_paris.b, hi.b);
    assert_int_equal(in_berlin.b, lo.b);
    /* And no ring around Berlin. */
    SDL_Rect bring = widget_focus_ring_rect(app, br);
    assert_true(app_read_pixel(app, bring.x + bring.w / 2, bring.y + 1, &c));
    assert_false(c.r == focus.r && c.g == focus.g && c.b == focus.b);

    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(widget(app, "Right!"));
    close_app(&f);
}

/* ---- right-to-left text ------------------------------------------------ */

static void test_arabic_typed_and_choice(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    const char *const ids[] = {"ar-typed", "ar-choice"};
    start_pack_round(app, "play-arabic", ids, 2, ROUND_TIME_OFF, 0);
    int64_t round_id = app->round_id;
    assert_true(ink_in(app, widget(app, "prompt")->rect) > 50);

    /* One letter too many (two bytes in UTF-8) goes with one Backspace. */
    type(app, "\xD8\xA7\xD9\x84\xD9\x83\xD9\x88"); /* الكو */
    type(app, "\xD9\x8A\xD8\xAA\xD8\xAA");         /* يتت */
    save_shot(app, "arabic-typed");
    assert_true(ink_in(app, widget(app, "answer-field")->rect) > 50);
    key(app, SDLK_BACKSPACE);
    key(app, SDLK_RETURN);
    assert_non_null(widget(app, "Right!"));
    next_by_key(app);

    save_shot(app, "arabic-choice");
    key(app, SDLK_1);
    assert_non_null(widget(app, "Right!"));

    Stored s;
    load_stored(&f, round_id, &s);
    assert_int_equal(s.answers.count, 2);
    assert_string_equal(s.answers.items[0].given,
                        "\xD8\xA7\xD9\x84\xD9\x83\xD9\x88\xD9\x8A\xD8\xAA");
    assert_true(s.answers.items[0].correct);
    assert_true(s.answers.items[1].correct);
    free_stored(&s);
    close_app(&f);
}

/* ---- IME composition --------------------------------------------------- */

static void test_ime_composition_is_shown_and_committed(void **state)
{
    (void)state;
    Fixture f;
    open_app(&f, 1280, 720);
    App *app = f.app;
    const char *const ids[] = {"q-typed"};
    start_round(app, ids, 1, ROUND_TIME_OFF, 0);
    int empty_ink = ink_in(app, widget(app, "answer-field")->rect);

    /* The IME is composing: the text shows in the field, Enter is the
     * IME's (it does not submit half a word). */
    SDL_Event e = {0};
    e.type = SDL_TEXTEDITING;
    e.edit.windowID = SDL_GetWindowID(app->window);
    snprintf(e.edit.text, sizeof e.edit.text, "%s", "Romaaaa");
    e.edit.start = 7;
    SDL_PushEvent(&e);
    pump(app);
    assert_true(ink_in(app, widget(app, "answer-field")->rect) > empty_ink + 50);
    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);

    type(app, "Rome"); /* committed: replaces the composition */
    key(app, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(widget(app, "Right!"));
    close_app(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_has_an_answer_area),
        cmocka_unit_test(test_every_type_by_keyboard),
        cmocka_unit_test(test_every_type_by_mouse),
        cmocka_unit_test(test_wrong_answer_feedback_and_retry),
        cmocka_unit_test(test_timed_question_times_out),
        cmocka_unit_test(test_escape_confirms_abandon),
        cmocka_unit_test(test_every_type_fits_every_size),
        cmocka_unit_test(test_resize_mid_question),
        cmocka_unit_test(test_focus_ring_and_prompt_pixels),
        cmocka_unit_test(test_arabic_typed_and_choice),
        cmocka_unit_test(test_ime_composition_is_shown_and_committed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
