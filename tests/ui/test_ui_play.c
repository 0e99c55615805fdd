/* test_ui_play.c - headless tests of the play screens: question, feedback,
 * results.
 *
 * Every test drives the real event loop with real SDL key, mouse and text
 * events (tests/support/ui_driver.h), over the small deterministic pack in
 * tests/data/play/ (one question of each type, choices unshuffled), and
 * checks what a player would notice: the answers stored in SQLite (opened
 * here from the test's own data folder), the scene on screen, and pixels
 * read back from the renderer. Rounds are built from an explicit question
 * list in a fixed order, so each test knows what is asked when.
 *
 * Set QUIZDECK_PLAY_SHOTS=DIR to also save a BMP of every question screen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "play.h"
#include "round.h"
#include "store.h"
#include "ui_driver.h"
#include "widgets.h"

/* ---- set-up ------------------------------------------------------------ */

static const RoundQuestion *current(App *app)
{
    const RoundQuestion *rq = round_current(&app->quiz.round);
    assert_non_null(rq);
    return rq;
}

/* ---- the store --------------------------------------------------------- */

static const char *const every_type[] = {"q-choice", "q-multi", "q-truefalse", "q-typed",
                                         "q-order",  "q-match", "q-cloze",     "q-flashcard"};
enum { EVERY_TYPE_COUNT = 8 };

static void assert_all_right(const UiDriver *d, int64_t round_id)
{
    TestRound s;
    ui_read_round(d, round_id, &s);
    assert_int_equal(s.answers.count, EVERY_TYPE_COUNT);
    for (size_t i = 0; i < s.answers.count; i++) {
        const StoreAnswer *a = &s.answers.items[i];
        if (!a->correct)
            fail_msg("%s stored wrong: given \"%s\", fraction %.2f", a->question_id, a->given,
                     a->fraction_right);
        assert_string_equal(a->pack_id, UI_PLAY_PACK_ID);
        assert_string_equal(a->question_id, every_type[i]);
        assert_true(a->fraction_right > 0.999);
        /* A flashcard is self-graded: no points in a scored round. */
        if (strcmp(a->question_id, "q-flashcard") == 0)
            assert_int_equal(a->points, 0);
        else
            assert_true(a->points > 0);
        assert_false(a->timed_out);
    }
    assert_true(s.round.items[0].finished);
    assert_false(s.round.items[0].abandoned);
    assert_int_equal(s.round.items[0].correct_count, EVERY_TYPE_COUNT);
    test_round_free(&s);
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

static void order_by_keys(UiDriver *d)
{
    App *app = d->app;
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
            ui_key(d, SDLK_DOWN);
        for (; focus > (int)j; focus--)
            ui_key(d, SDLK_UP);
        ui_key(d, SDLK_SPACE); /* pick up */
        for (size_t k = j; k > p; k--) {
            ui_key(d, SDLK_UP);
            size_t t = place[k];
            place[k] = place[k - 1];
            place[k - 1] = t;
        }
        focus = (int)p;
        ui_key(d, SDLK_RETURN); /* put down */
    }
    for (; focus < (int)n; focus++)
        ui_key(d, SDLK_TAB);
    ui_key(d, SDLK_RETURN); /* Submit */
}

static void match_by_keys(UiDriver *d)
{
    App *app = d->app;
    const RoundQuestion *rq = current(app);
    size_t n = rq->display_count;
    bool used[PACK_MAX_OPTIONS] = {false};
    for (size_t l = 0; l < n; l++) {
        ui_key(d, SDLK_RETURN); /* pick left l; focus jumps to the first free right */
        size_t focus = 0;
        while (used[focus])
            focus++;
        size_t k = 0;
        while (rq->display[k] != l)
            k++;
        for (; focus < k; focus++)
            ui_key(d, SDLK_DOWN);
        for (; focus > k; focus--)
            ui_key(d, SDLK_UP);
        ui_key(d, SDLK_RETURN); /* pair; focus goes to the next free left */
        used[k] = true;
    }
    ui_key(d, SDLK_RETURN); /* all paired: focus is on Submit */
}

static void test_every_type_by_keyboard(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, every_type, EVERY_TYPE_COUNT);
    assert_true(round_id > 0);

    ui_shot(d, "choice");
    ui_key(d, SDLK_b); /* Paris, by letter */
    ui_shot(d, "feedback");
    ui_next(d);

    ui_shot(d, "multi");
    ui_key(d, SDLK_1); /* Two */
    ui_key(d, SDLK_3); /* Four */
    ui_key(d, SDLK_TAB);
    ui_key(d, SDLK_TAB);
    ui_key(d, SDLK_RETURN); /* Submit */
    ui_next(d);

    ui_shot(d, "truefalse");
    ui_key(d, SDLK_t);
    ui_next(d);

    /* Typed: a two-byte character typed by mistake goes with one Backspace. */
    ui_type(d, "Rom");
    ui_type(d, "e\xC3\xA9");
    ui_shot(d, "typed");
    ui_key(d, SDLK_BACKSPACE);
    ui_key(d, SDLK_RETURN);
    ui_next(d);

    ui_shot(d, "order");
    order_by_keys(d);
    ui_next(d);

    ui_shot(d, "match");
    match_by_keys(d);
    ui_next(d);

    ui_type(d, "Spain");
    ui_key(d, SDLK_RETURN); /* next gap */
    ui_type(d, "Madrid");
    ui_shot(d, "cloze");
    ui_key(d, SDLK_RETURN); /* submit */
    ui_shot(d, "feedback-cloze");
    ui_next(d);

    ui_shot(d, "flashcard");
    ui_key(d, SDLK_RETURN); /* reveal */
    ui_shot(d, "flashcard-back");
    ui_key(d, SDLK_y);
    ui_next(d);

    assert_int_equal(app_scene(app), SCENE_RESULTS);
    ui_shot(d, "results");
    assert_non_null(ui_widget(d, "Correct answers: 8 / 8"));
    /* The review lists every question; the last ones are scrolled to. */
    assert_non_null(ui_widget(d, "1. What is the capital of France?"));
    assert_null(ui_find(d, "8. Capital of Portugal?"));
    for (int i = 0; i < 8; i++)
        ui_key(d, SDLK_DOWN);
    assert_non_null(ui_widget(d, "8. Capital of Portugal?"));
    assert_null(ui_find(d, "1. What is the capital of France?"));
    assert_all_right(d, round_id);
}

/* ---- playing each type by mouse ---------------------------------------- */

static void order_by_mouse(UiDriver *d)
{
    App *app = d->app;
    const RoundQuestion *rq = current(app);
    const Question *q = rq->question;
    size_t n = rq->display_count;
    for (size_t p = 0; p < n; p++) {
        /* Where place p is now: the row whose item is shown there. */
        const AppWidget *rows[PACK_MAX_OPTIONS];
        for (size_t i = 0; i < n; i++)
            rows[i] = ui_widget(d, q->items[i]);
        SDL_Point from = ui_centre(rows[p]);
        int top = INT32_MAX;
        for (size_t i = 0; i < n; i++) {
            int y = rows[i]->rect.y;
            int rank = 0;
            for (size_t k = 0; k < n; k++)
                rank += rows[k]->rect.y < y;
            if (rank == (int)p)
                top = y + rows[i]->rect.h / 2;
        }
        ui_drag(d, from, (SDL_Point){from.x, top});
    }
    ui_click(d, "Submit");
}

static void test_every_type_by_mouse(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, every_type, EVERY_TYPE_COUNT);

    ui_click(d, "Paris");
    ui_click(d, "Next question");

    ui_click(d, "Two");
    ui_click(d, "Four");
    ui_shot(d, "multi-ticked");
    ui_click(d, "Submit");
    ui_click(d, "Next question");

    ui_click(d, "True");
    ui_click(d, "Next question");

    /* Typed: pasted text, its line break turned into a space. */
    SDL_SetClipboardText("Roma\n");
    ui_key_mod(d, SDLK_v, KMOD_LCTRL);
    ui_click(d, "Submit");
    ui_click(d, "Next question");

    order_by_mouse(d);
    ui_click(d, "Next question");

    /* Match: drag left to right, pick-pick, and drag right to left. */
    ui_drag(d, ui_centre(ui_widget(d, "France")), ui_centre(ui_widget(d, "Paris")));
    ui_click(d, "Spain");
    ui_click(d, "Madrid");
    ui_drag(d, ui_centre(ui_widget(d, "Berlin")), ui_centre(ui_widget(d, "Germany")));
    ui_shot(d, "match-paired");
    ui_click(d, "Submit");
    ui_click(d, "Next question");

    ui_click(d, "gap 1");
    ui_type(d, "Spain");
    ui_click(d, "gap 2");
    ui_type(d, "Madrid");
    ui_click(d, "Submit");
    ui_click(d, "Next question");

    ui_click(d, "Show the answer");
    ui_click(d, "I knew it");
    ui_click(d, "See results");

    assert_int_equal(app_scene(app), SCENE_RESULTS);
    assert_all_right(d, round_id);
}

/* ---- wrong answers, feedback and retry --------------------------------- */

static void test_wrong_answer_feedback_and_retry(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t first = ui_play_round(d, UI_IDS("q-choice", "q-truefalse", "q-typed"));

    ui_key(d, SDLK_a); /* Berlin: wrong */
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(ui_widget(d, "Not quite"));
    ui_shot(d, "feedback-wrong");
    assert_non_null(ui_widget(d, "icon-wrong"));
    assert_non_null(ui_widget(d, "explain"));
    assert_non_null(ui_widget(d, "source"));
    /* The icon is a cross drawn on a disc in the "wrong" colour. */
    const AppWidget *icon = ui_widget(d, "icon-wrong");
    SDL_Color c;
    c = ui_pixel(d, icon->rect.x + icon->rect.w / 2, icon->rect.y + 3);
    SDL_Color bad = theme_color(COLOR_BAD);
    assert_int_equal(c.r, bad.r);
    assert_int_equal(c.g, bad.g);
    ui_next(d);

    ui_key(d, SDLK_t); /* right */
    assert_non_null(ui_widget(d, "Right!"));
    assert_non_null(ui_widget(d, "icon-right"));
    ui_next(d);

    ui_type(d, "Paris"); /* wrong */
    ui_key(d, SDLK_RETURN);
    ui_next(d);
    assert_int_equal(app_scene(app), SCENE_RESULTS);
    assert_non_null(ui_widget(d, "Correct answers: 1 / 3"));
    assert_non_null(ui_widget(d, "Retry the 2 I missed"));

    TestRound s;
    ui_read_round(d, first, &s);
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
        assert_int_equal(store_card_reviews(s.store, app->profile_id, UI_PLAY_PACK_ID, graded[i].id,
                                            0, &reviews, NULL),
                         STORE_OK);
        assert_int_equal(reviews.count, 1);
        assert_int_equal(reviews.items[0].rating, graded[i].rating);
        assert_int_equal(reviews.items[0].source, STORE_SOURCE_QUIZ);
        store_review_list_free(&reviews);
    }
    test_round_free(&s);

    ui_click(d, "Retry the 2 I missed");
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_true(app->quiz.round_id != first);
    assert_int_equal(app->quiz.round.question_count, 2);
    for (size_t i = 0; i < app->quiz.round.question_count; i++) {
        const char *id = app->quiz.round.questions[i].question->id;
        assert_true(strcmp(id, "q-choice") == 0 || strcmp(id, "q-typed") == 0);
    }
}

/* ---- a timed round that runs out --------------------------------------- */

static void test_timed_question_times_out(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    app_test_set_clock(app, 100000);
    ui_pump(d);
    int64_t round_id =
        ui_start_round(d, UI_PLAY_PACK_ID, UI_IDS("q-choice", "q-truefalse"), ROUND_TIME_FIXED, 10);

    const AppWidget *bar = ui_widget(d, "time-bar");
    SDL_Rect r = bar->rect;
    /* Full at first: the far end of the bar is filled with the accent. */
    SDL_Color c;
    c = ui_pixel(d, r.x + r.w - 4, r.y + r.h / 2);
    SDL_Color accent = theme_color(COLOR_ACCENT);
    assert_int_equal(c.g, accent.g);
    ui_shot(d, "timed");

    app_test_set_clock(app, 107500); /* three quarters gone: drained past the end */
    ui_pump(d);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    c = ui_pixel(d, r.x + r.w - 4, r.y + r.h / 2);
    assert_false(c.r == accent.r && c.g == accent.g && c.b == accent.b);

    app_test_set_clock(app, 110001);
    ui_pump(d);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(ui_widget(d, "Time's up"));

    /* The next question answered in 2 s of the test clock. */
    ui_next(d);
    app_test_set_clock(app, 112001);
    ui_pump(d);
    ui_key(d, SDLK_t);

    TestRound s;
    ui_read_round(d, round_id, &s);
    assert_int_equal(s.answers.count, 2);
    assert_true(s.answers.items[0].timed_out);
    assert_false(s.answers.items[0].correct);
    assert_true(s.answers.items[0].fraction_right < 0.001);
    assert_int_equal(s.answers.items[0].points, 0);
    assert_true(s.answers.items[1].correct);
    assert_int_equal(s.answers.items[1].ms_taken, 2000);
    test_round_free(&s);
}

/* ---- Esc asks before abandoning ---------------------------------------- */

static void test_escape_confirms_abandon(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, every_type, 3);
    ui_key(d, SDLK_b);
    ui_next(d);

    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_non_null(ui_widget(d, "Yes, quit"));
    ui_shot(d, "confirm");
    ui_key(d, SDLK_ESCAPE); /* No: stay */
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_null(ui_find(d, "Yes, quit"));
    assert_true(app->quiz.active);

    /* Enter gives the default answer, which keeps the round. */
    ui_key(d, SDLK_ESCAPE);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    assert_null(ui_find(d, "Yes, quit"));
    assert_true(app->quiz.active);

    ui_key(d, SDLK_ESCAPE);
    ui_key(d, SDLK_y); /* Yes: abandon */
    assert_int_equal(app_scene(app), SCENE_TITLE);
    assert_false(app->quiz.active);

    TestRound s;
    ui_read_round(d, round_id, &s);
    assert_true(s.round.items[0].abandoned);
    assert_false(s.round.items[0].finished);
    assert_int_equal(s.answers.count, 1); /* the answer given is kept */
    assert_true(s.answers.items[0].correct);
    test_round_free(&s);
}

/* ---- layout: every type at every size, and a resize mid-question ------- */

/* Text or shapes drawn in r: pixels clearly unlike the background. */
static int ink_in(UiDriver *d, SDL_Rect r)
{
    return ui_ink(d, r, theme_color(COLOR_BG), 120);
}

/* Every widget inside the window and none over another. */
static void assert_layout_sane(UiDriver *d, const char *what)
{
    assert_true(app_widget_count(d->app) >= 3);
    ui_assert_fits(d, what, 0, false);
}

static void test_every_type_fits_every_size(void **state)
{
    UiDriver *d = *state;
    /* The last pass is 800x600 with the largest text size a player can pick. */
    static const SDL_Point sizes[] = {{640, 480},   {800, 600},   {1280, 720},
                                      {1920, 1080}, {3840, 2160}, {800, 600}};
    for (size_t s = 0; s < SDL_arraysize(sizes); s++) {
        /* Each size on a fresh folder, as a first launch at that size. */
        ui_fixture_close(d);
        assert_true(ui_fixture_open(d));
        App *app = ui_open_play(d, sizes[s].x, sizes[s].y);
        bool big_text = s == SDL_arraysize(sizes) - 1;
        if (big_text) {
            app->settings.font_scale = THEME_FONT_SCALE_MAX;
            app_apply_settings(app, false);
        }
        static const char *const layouts[] = {"q-choice", "q-multi",     "q-truefalse",
                                              "q-typed",  "q-order",     "q-match",
                                              "q-cloze",  "q-flashcard", "q-eight-long"};
        for (size_t t = 0; t < SDL_arraysize(layouts); t++) {
            ui_start_round(d, UI_PLAY_PACK_ID, &layouts[t], 1, ROUND_TIME_FIXED, 30);
            if (app->theme.out_w != sizes[s].x)
                fail_msg("window is %d wide, asked %d", app->theme.out_w, sizes[s].x);
            assert_layout_sane(d, layouts[t]);
            char name[64];
            snprintf(name, sizeof name, "fit-%s%s", layouts[t], big_text ? "-big" : "");
            ui_shot(d, name);
            play_abandon(app);
            app_home(app);
            ui_pump(d);
        }
    }
}

static void test_resize_mid_question(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    int64_t round_id = ui_play_round(d, UI_IDS("q-match"));
    ui_click(d, "France"); /* a half-made pair survives the resize */

    ui_resize(d, 640, 480);
    assert_int_equal(app->theme.out_w, 640);
    assert_layout_sane(d, "match after resize");
    ui_shot(d, "resized");
    /* The prompt is still drawn in its (smaller) box. */
    assert_true(ink_in(d, ui_widget(d, "prompt")->rect) > 20);

    const RoundQuestion *rq = current(app);
    size_t k = 0;
    while (rq->display[k] != 0)
        k++;
    ui_click(d, round_display_text(rq, k)); /* completes France -> Paris */
    ui_click(d, "Spain");
    ui_click(d, "Madrid");
    ui_resize(d, 1600, 900);
    assert_layout_sane(d, "match after growing");
    ui_click(d, "Germany");
    ui_click(d, "Berlin");
    ui_click(d, "Submit");
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);

    TestRound s;
    ui_read_round(d, round_id, &s);
    assert_int_equal(s.answers.count, 1);
    assert_true(s.answers.items[0].correct);
    test_round_free(&s);
}

/* ---- pixels: focus and the prompt -------------------------------------- */

static void test_focus_ring_and_prompt_pixels(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    ui_play_round(d, UI_IDS("q-choice"));

    assert_true(ink_in(d, ui_widget(d, "prompt")->rect) > 50);

    ui_key(d, SDLK_RIGHT); /* from Berlin to Paris */
    const AppWidget *paris = ui_widget(d, "Paris");
    const AppWidget *berlin = ui_widget(d, "Berlin");
    assert_true(paris->flags & WIDGET_FOCUSED);
    assert_false(berlin->flags & WIDGET_FOCUSED);
    SDL_Rect ring = widget_focus_ring_rect(app, paris->rect);
    SDL_Color c;
    SDL_Color focus = theme_color(COLOR_FOCUS);
    c = ui_pixel(d, ring.x + ring.w / 2, ring.y + 1);
    assert_int_equal(c.r, focus.r);
    assert_int_equal(c.g, focus.g);
    assert_int_equal(c.b, focus.b);
    /* The focused tile is lighter than an unfocused one. */
    SDL_Color in_paris, in_berlin;
    SDL_Rect pr = paris->rect, br = berlin->rect;
    in_paris = ui_pixel(d, pr.x + pr.w - 8, pr.y + pr.h / 2);
    in_berlin = ui_pixel(d, br.x + br.w - 8, br.y + br.h / 2);
    SDL_Color hi = theme_color(COLOR_SURFACE_HI), lo = theme_color(COLOR_SURFACE);
    assert_int_equal(in_paris.b, hi.b);
    assert_int_equal(in_berlin.b, lo.b);
    /* And no ring around Berlin. */
    SDL_Rect bring = widget_focus_ring_rect(app, br);
    c = ui_pixel(d, bring.x + bring.w / 2, bring.y + 1);
    assert_false(c.r == focus.r && c.g == focus.g && c.b == focus.b);

    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(ui_widget(d, "Right!"));
}

/* ---- right-to-left text ------------------------------------------------ */

static void test_arabic_typed_and_choice(void **state)
{
    UiDriver *d = *state;
    ui_open_play(d, 1280, 720);
    int64_t round_id =
        ui_start_round(d, "play-arabic", UI_IDS("ar-typed", "ar-choice"), ROUND_TIME_OFF, 0);
    assert_true(ink_in(d, ui_widget(d, "prompt")->rect) > 50);

    /* One letter too many (two bytes in UTF-8) goes with one Backspace. */
    ui_type(d, "\xD8\xA7\xD9\x84\xD9\x83\xD9\x88"); /* الكو */
    ui_type(d, "\xD9\x8A\xD8\xAA\xD8\xAA");         /* يتت */
    ui_shot(d, "arabic-typed");
    assert_true(ink_in(d, ui_widget(d, "answer-field")->rect) > 50);
    ui_key(d, SDLK_BACKSPACE);
    ui_key(d, SDLK_RETURN);
    assert_non_null(ui_widget(d, "Right!"));
    ui_next(d);

    ui_shot(d, "arabic-choice");
    ui_key(d, SDLK_1);
    assert_non_null(ui_widget(d, "Right!"));

    TestRound s;
    ui_read_round(d, round_id, &s);
    assert_int_equal(s.answers.count, 2);
    assert_string_equal(s.answers.items[0].given,
                        "\xD8\xA7\xD9\x84\xD9\x83\xD9\x88\xD9\x8A\xD8\xAA");
    assert_true(s.answers.items[0].correct);
    assert_true(s.answers.items[1].correct);
    test_round_free(&s);
}

/* ---- IME composition --------------------------------------------------- */

static void test_ime_composition_is_shown_and_committed(void **state)
{
    UiDriver *d = *state;
    App *app = ui_open_play(d, 1280, 720);
    ui_play_round(d, UI_IDS("q-typed"));
    int empty_ink = ink_in(d, ui_widget(d, "answer-field")->rect);

    /* The IME is composing: the text shows in the field, Enter is the
     * IME's (it does not submit half a word). */
    ui_compose(d, "Romaaaa");
    assert_true(ink_in(d, ui_widget(d, "answer-field")->rect) > empty_ink + 50);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_QUESTION);

    ui_type(d, "Rome"); /* committed: replaces the composition */
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(app), SCENE_FEEDBACK);
    assert_non_null(ui_widget(d, "Right!"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_has_an_answer_area),
        UI_TEST(test_every_type_by_keyboard),
        UI_TEST(test_every_type_by_mouse),
        UI_TEST(test_wrong_answer_feedback_and_retry),
        UI_TEST(test_timed_question_times_out),
        UI_TEST(test_escape_confirms_abandon),
        UI_TEST(test_every_type_fits_every_size),
        UI_TEST(test_resize_mid_question),
        UI_TEST(test_focus_ring_and_prompt_pixels),
        UI_TEST(test_arabic_typed_and_choice),
        UI_TEST(test_ime_composition_is_shown_and_committed),
    };
    return ui_run_tests(tests);
}
