/* test_ui_text.c - long text reaches the screen quickly and visibly cut:
 * a question whose eight choices are 4 KiB each appears without the
 * layout work growing faster than the text (line fitting used to be
 * quadratic: 4.7 s before such a question appeared), a redrawn frame lays
 * nothing out again (idle costs nothing), and text that cannot all be
 * shown ends with an ellipsis instead of being dropped silently; a string
 * drawn the first time is laid out once, and drawn the same whichever
 * strings were measured in between.
 *
 * Work is counted, never timed: text_test_layout_work (text.h) is the
 * number of bytes the layout has measured. Read tests/support/ui_driver.h
 * first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "app.h"
#include "renderer.h"
#include "round.h"
#include "text.h"
#include "ui_driver.h"

enum { CHOICES = 8, BIG = 4096, SMALL = 1024 };

/* A choice of exactly `len` bytes of words, starting with its letter so
 * that the eight differ. */
static void make_choice(char *out, size_t len, int which)
{
    static const char *const words[] = {"alpha", "beta",  "gamma", "delta",
                                        "omega", "kappa", "sigma", "theta"};
    size_t n = (size_t)snprintf(out, len + 1, "%c:", 'A' + which);
    for (size_t w = 0; n < len; w++) {
        const char *word = words[(w * 3 + (size_t)which) % 8];
        for (size_t k = 0; word[k] && n < len; k++)
            out[n++] = word[k];
        if (n < len)
            out[n++] = ' ';
    }
    out[len] = '\0';
    if (out[len - 1] == ' ')
        out[len - 1] = 'x';
}

static void write_question(FILE *f, const char *id, size_t len)
{
    static char choice[BIG + 1];
    fprintf(f, "  - id: %s\n    type: choice\n    prompt: \"Which one?\"\n", id);
    fprintf(f, "    shuffle: false\n    choices:\n");
    for (int c = 0; c < CHOICES; c++) {
        make_choice(choice, len, c);
        fprintf(f, "      - \"%s\"\n", choice);
    }
    make_choice(choice, len, 0);
    fprintf(f, "    answer: \"%s\"\n", choice);
}

/* A pack in the test's folder with a question of eight SMALL-byte choices
 * and one of eight BIG-byte choices; its folder goes to dir. */
static void write_long_pack(UiDriver *d, char *dir, size_t size)
{
    snprintf(dir, size, "%s/long", d->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    char path[UI_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/long.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "format: 1\nid: long-choices\ntitle: \"Long choices\"\nlanguage: en\n"
               "defaults: {time_limit: 0}\nquestions:\n");
    write_question(f, "small", SMALL);
    write_question(f, "big", BIG);
    assert_int_equal(fclose(f), 0);
}

/* Layout work from asking question `id` until its screen is drawn. */
static size_t work_to_show(UiDriver *d, const char *id)
{
    App *app = d->app;
    size_t before = text_test_layout_work(app->text);
    RoundQuestionRef ref = {"long-choices", id};
    RoundSettings rs = {0};
    rs.only = &ref;
    rs.only_count = 1;
    rs.keep_only_order = true;
    rs.time_mode = ROUND_TIME_OFF;
    rs.seed = 7;
    assert_true(app_start_round(app, &rs, QUIZ_MODE_PRACTICE, true));
    ui_pump(d);
    assert_int_equal(app_scene(app), SCENE_QUESTION);
    ui_refresh(d);
    return text_test_layout_work(app->text) - before;
}

static void test_long_choices_layout_is_linear(void **state)
{
    UiDriver *d = *state;
    char dir[UI_PATH_MAX + 8];
    write_long_pack(d, dir, sizeof dir);
    const char *paths[] = {dir};
    ui_start(d, paths, 1, 1280, 720);

    size_t small = work_to_show(d, "small");
    ui_close(d); /* a fresh game: nothing of the first question cached */
    ui_start(d, paths, 1, 1280, 720);
    size_t big = work_to_show(d, "big");
    /* Four times the text is about four times the work (quadratic fitting
     * made it sixteen); and each byte is measured a bounded number of
     * times, whatever the length. */
    assert_true(small > 0);
    assert_true(big <= 6 * small);
    assert_true(big <= 32u * CHOICES * BIG);

    /* Redrawing the same screen lays nothing out again: idle is free. */
    size_t settled = text_test_layout_work(d->app->text);
    for (int i = 0; i < 5; i++)
        ui_refresh(d);
    ui_wait(d, 1000);
    assert_int_equal(text_test_layout_work(d->app->text), settled);
}

/* Ends with "…" (U+2026). */
static bool ends_with_ellipsis(const char *s)
{
    size_t n = strlen(s);
    return n >= 3 && strcmp(s + n - 3, "\xE2\x80\xA6") == 0;
}

static void test_cut_text_ends_with_ellipsis(void **state)
{
    UiDriver *d = *state;
    ui_start(d, NULL, 0, 1280, 720);
    TextCache *text = d->app->text;

    /* A 4 KiB choice in three lines of a 400-pixel box. */
    static char choice[BIG + 1];
    make_choice(choice, BIG, 0);
    TextSpec spec = {.wrap = 400, .max_lines = 3};
    char line[BIG + 8];
    assert_int_equal(text_test_line(text, &spec, choice, 2, line, sizeof line), 3);
    assert_true(ends_with_ellipsis(line));
    assert_true(text_measure(text, &spec, choice).x <= 400);

    /* More lines than a texture holds: the last one shown is cut visibly,
     * never dropped. 600 short lines, at most 512 shown. */
    static char many[600 * 2 + 1];
    for (size_t i = 0; i < 600; i++)
        memcpy(many + 2 * i, "x\n", 2);
    many[sizeof many - 2] = '\0';
    TextSpec one = {0};
    size_t shown = text_test_line(text, &one, many, 511, line, sizeof line);
    assert_true(shown >= 100 && shown < 600);
    assert_true(text_test_line(text, &one, many, shown - 1, line, sizeof line) == shown);
    assert_string_equal(line, "x\xE2\x80\xA6");
    assert_int_equal(text_measure(text, &one, many).y, (int)shown * text_line_height(text, &one));

    /* One line wider than any texture: cut with the ellipsis too. */
    static char wide[BIG * 4 + 1];
    for (size_t i = 0; i < sizeof wide - 1; i++)
        wide[i] = (char)('a' + i % 26);
    wide[sizeof wide - 1] = '\0';
    assert_int_equal(text_test_line(text, &one, wide, 0, line, sizeof line), 1);
    assert_true(ends_with_ellipsis(line));
    assert_true(strlen(line) < sizeof wide - 1);
}

/* Draws `text` alone in a cleared frame and reads the frame back. */
static void draw_alone(App *app, const TextSpec *spec, const char *text, Uint32 *out, int w)
{
    renderer_clear(app->renderer, (SDL_Color){17, 20, 28, 255});
    text_draw(app->text, spec, 20, 20, text);
    assert_int_equal(
        SDL_RenderReadPixels(app->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, out, w * 4), 0);
}

static void test_first_draw_lays_out_once(void **state)
{
    UiDriver *d = *state;
    App *app = ui_start(d, NULL, 0, 800, 600);
    int w = app->theme.out_w, h = app->theme.out_h;
    size_t px = (size_t)w * (size_t)h;
    Uint32 *fresh = calloc(px, 4), *later = calloc(px, 4);
    assert_non_null(fresh);
    assert_non_null(later);
    static const char *const texts[] = {
        "Kuwait became independent in 1961 and joined the Arab League that year.",
        "\xD8\xA7\xD9\x84\xD9\x83\xD9\x88\xD9\x8A\xD8\xAA 1961", /* الكويت 1961 */
    };
    static const char *const langs[] = {"en", "ar"};
    for (size_t i = 0; i < 2; i++) {
        TextSpec spec = {.style = TEXT_HEADING, .wrap = 300, .lang = langs[i]};
        /* Drawn the first time: measured, then drawn from that layout. */
        text_clear(app->text);
        size_t before = text_test_layout_work(app->text);
        text_measure(app->text, &spec, texts[i]);
        size_t measured = text_test_layout_work(app->text) - before;
        text_clear(app->text);
        before = text_test_layout_work(app->text);
        draw_alone(app, &spec, texts[i], fresh, w);
        assert_true(measured > 0);
        assert_int_equal(text_test_layout_work(app->text) - before, measured);
        /* Measured, then other strings laid out, then drawn: the same. */
        text_clear(app->text);
        text_measure(app->text, &spec, texts[i]);
        text_measure(app->text, &spec, "Another string, laid out in between");
        TextSpec other_lang = spec;
        other_lang.lang = i == 0 ? "de" : "fa";
        text_measure(app->text, &other_lang, texts[i]);
        draw_alone(app, &spec, texts[i], later, w);
        size_t ink = 0;
        for (size_t p = 0; p < px; p++) {
            assert_int_equal(later[p], fresh[p]);
            ink += (fresh[p] & 0xffffff) != 0x11141c;
        }
        assert_true(ink > 100);
    }
    free(fresh);
    free(later);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_long_choices_layout_is_linear),
        UI_TEST(test_cut_text_ends_with_ellipsis),
        UI_TEST(test_first_draw_lays_out_once),
    };
    return ui_run_tests(tests);
}
