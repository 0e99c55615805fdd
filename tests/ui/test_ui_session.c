/* test_ui_session.c - a class session played in the game as a student
 * would: the intro, the roster filter, a closed session, and a whole
 * attempt with feedback: end through the real loop, down to the result
 * file in the session's results/new/.
 *
 * Each test writes its own session folder into the fixture's data folder
 * (so results/new starts empty) over the deterministic pack of
 * tests/data/play/ (choices unshuffled, untimed).
 *
 * Read scene_session.c and tests/support/ui_driver.h first.
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

#include <cmocka.h>

#include "app.h"
#include "format.h"
#include "report.h"
#include "ui_driver.h"

static const char roster[] = "S01\tAhmad Al-Sabah\n"
                             "S02\tNoura Al-Rashid\n"
                             "S03\tSara Ali\n";

/* Writes DIR/session/{session.yaml,students.txt}; `extra` is appended to
 * session.yaml. The folder's path goes to out. */
static void write_session(const UiDriver *d, const char *feedback, const char *extra, char *out,
                          size_t size)
{
    snprintf(out, size, "%s/session", d->dir);
    assert_int_equal(mkdir(out, 0777), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/session.yaml", out);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "format: 1\n"
            "kind: session\n"
            "id: ui-session\n"
            "title: \"Capitals quiz\"\n"
            "packs: [play-every-type]\n"
            "questions: [play-every-type/q-choice, play-every-type/q-truefalse]\n"
            "order: fixed\n"
            "time_limit: pack\n"
            "scoring: accuracy\n"
            "feedback: %s\n"
            "%s",
            feedback, extra);
    fclose(f);
    snprintf(path, sizeof path, "%s/students.txt", out);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(roster, f);
    fclose(f);
}

static void open_session(UiDriver *d, const char *folder)
{
    ui_open_play(d, 1280, 720);
    ui_go(d, SCENE_SESSION, &(SceneArg){.session = folder});
    ui_refresh(d);
}

/* A new session folder (write_session) opened on its intro screen. */
static void open_new_session(UiDriver *d, const char *feedback, const char *extra, char *folder,
                             size_t size)
{
    write_session(d, feedback, extra, folder, size);
    open_session(d, folder);
}

/* The one file in FOLDER/results/new, read whole into buf ("" when none). */
static size_t read_result(const char *folder, char *buf, size_t size)
{
    char dir[256];
    snprintf(dir, sizeof dir, "%s/results/new", folder);
    buf[0] = '\0';
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    size_t files = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        files++;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t n = fread(buf, 1, size - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    closedir(dp);
    return files;
}

static size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* A name typed on the intro and Enter: the session does not start, and
 * says why. */
static void assert_name_refused(UiDriver *d, const char *name)
{
    ui_type(d, name);
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(d->app), SCENE_SESSION);
    assert_non_null(ui_widget(d, "session-message"));
}

/* ---- tests ------------------------------------------------------------- */

static void test_intro_and_roster_filter(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    open_new_session(d, "each", "", folder, sizeof folder);
    assert_true(ui_shows(d, "Capitals quiz"));
    assert_non_null(ui_widget(d, "Open now"));
    /* Every name before anything is typed; then only those that match. */
    assert_non_null(ui_widget(d, "Ahmad Al-Sabah"));
    assert_non_null(ui_widget(d, "Sara Ali"));
    ui_shot(d, "session-intro");
    ui_type(d, "al-ra");
    assert_non_null(ui_widget(d, "Noura Al-Rashid"));
    assert_null(ui_find(d, "Ahmad Al-Sabah"));
    assert_null(ui_find(d, "Sara Ali"));
    /* A name not on the roster cannot start. */
    assert_name_refused(d, "zzz");
    ui_resize(d, 800, 600);
    ui_refresh(d);
    ui_shot(d, "session-intro");
}

static void test_closed_session_cannot_start(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    open_new_session(d, "each", "closes: 2020-01-01T09:00:00+03:00\n", folder, sizeof folder);
    assert_non_null(ui_widget(d, "Closed"));
    assert_name_refused(d, "Sara");
    char buf[64];
    assert_int_equal(read_result(folder, buf, sizeof buf), 0);
}

static void test_whole_session_with_feedback_end_writes_the_result(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    open_new_session(d, "end", "", folder, sizeof folder);
    ui_type(d, "noura");
    ui_key(d, SDLK_RETURN); /* the one name left */
    assert_int_equal(app_scene(d->app), SCENE_QUESTION);
    assert_non_null(d->app->class_play);
    ui_refresh(d);
    ui_shot(d, "session-question");

    ui_key(d, SDLK_b); /* Paris: right; feedback end shows nothing yet */
    assert_int_equal(app_scene(d->app), SCENE_QUESTION);
    ui_key(d, SDLK_a); /* True: right, and the last answer */
    assert_int_equal(app_scene(d->app), SCENE_RESULTS);
    assert_true(ui_shows(d, "Handed in"));
    assert_non_null(ui_widget(d, "delivery"));
    ui_shot(d, "session-results");
    /* feedback end: the review after the last answer; no retry, no again. */
    assert_null(ui_find_prefix(d, "Retry"));
    assert_null(ui_find(d, "Play again"));

    char buf[16384];
    assert_int_equal(read_result(folder, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "student: \"Noura Al-Rashid\""));
    assert_non_null(strstr(buf, "roster_id: \"S02\""));
    assert_non_null(strstr(buf, "status: finished"));
    assert_int_equal(count_of(buf, "right: true"), 2);

    ui_key(d, SDLK_RETURN); /* Done: back to the session for the next student */
    assert_int_equal(app_scene(d->app), SCENE_SESSION);
    assert_null(d->app->class_play);
}

/* The session screen with no session yet says to drop one; the folder
 * dropped on the window opens it. */
static void test_a_dropped_folder_opens_the_session(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    write_session(d, "each", "", folder, sizeof folder);
    ui_open_play(d, 1280, 720);
    ui_go(d, SCENE_SESSION, NULL);
    assert_non_null(ui_widget(d, "session-drop"));
    ui_drop(d, folder);
    ui_refresh(d);
    assert_int_equal(app_scene(d->app), SCENE_SESSION);
    assert_true(ui_shows(d, "Capitals quiz"));
    assert_non_null(ui_widget(d, "Open now"));
    ui_key(d, SDLK_ESCAPE); /* not a --session class computer: back to the menu */
    assert_int_equal(app_scene(d->app), SCENE_TITLE);
}

/* A session opened by a drop is listed by "Class session" on the menu
 * afterwards, with its title, and Enter opens it again; once its folder
 * has gone it is shown as missing, and Enter removes it from the list. */
static void test_recent_sessions_from_the_menu(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    write_session(d, "each", "", folder, sizeof folder);
    ui_open_play(d, 1280, 720);
    ui_drop(d, folder);
    assert_non_null(ui_widget(d, "Open now"));
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(d->app), SCENE_TITLE);

    ui_click(d, "Class session");
    assert_int_equal(app_scene(d->app), SCENE_SESSION);
    assert_non_null(ui_widget(d, "session-drop"));
    assert_null(ui_find(d, "Open now")); /* the list, not the last session */
    assert_non_null(ui_find(d, "Capitals quiz"));
    ui_shot(d, "session-recent");
    ui_key(d, SDLK_RETURN);
    assert_non_null(ui_widget(d, "Open now"));
    assert_true(ui_shows(d, "Capitals quiz"));
    ui_key(d, SDLK_ESCAPE);
    assert_int_equal(app_scene(d->app), SCENE_TITLE);

    char moved[160];
    snprintf(moved, sizeof moved, "%s-moved", folder);
    assert_int_equal(rename(folder, moved), 0);
    ui_click(d, "Class session");
    assert_non_null(ui_find_prefix(d, "Missing: "));
    ui_key(d, SDLK_RETURN);
    assert_null(ui_find(d, "Capitals quiz"));
    assert_int_equal(app_scene(d->app), SCENE_SESSION);
}

/* A game closed mid-attempt (as after a kill: the attempt is never
 * ended) offers it to the same student at the next start; Resume takes it
 * up at the next question with the answer given kept. */
static void test_unfinished_attempt_resumes_after_a_restart(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    open_new_session(d, "end", "", folder, sizeof folder);
    ui_type(d, "sara");
    ui_key(d, SDLK_RETURN);
    assert_int_equal(app_scene(d->app), SCENE_QUESTION);
    ui_key(d, SDLK_b); /* Paris */
    assert_int_equal(app_scene(d->app), SCENE_QUESTION);
    ui_close(d);
    char buf[16384];
    assert_int_equal(read_result(folder, buf, sizeof buf), 0);

    open_session(d, folder);
    ui_type(d, "sara");
    ui_key(d, SDLK_RETURN);
    assert_non_null(ui_widget(d, "You have an unfinished attempt"));
    ui_key(d, SDLK_RETURN); /* the default: Resume */
    assert_int_equal(app_scene(d->app), SCENE_QUESTION);
    assert_non_null(ui_widget(d, "Question 2 of 2"));
    ui_key(d, SDLK_a); /* True */
    assert_int_equal(app_scene(d->app), SCENE_RESULTS);
    assert_int_equal(read_result(folder, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, "student: \"Sara Ali\""));
    assert_non_null(strstr(buf, "status: finished"));
    assert_int_equal(count_of(buf, "right: true"), 2);
}

/* The label the Class results screen gives a figure, as the report has it. */
static void figure(char *out, size_t size, const char *label, double value, bool pct)
{
    char v[80];
    if (pct) {
        snprintf(v, sizeof v, "%d %%", (int)(value + 0.5));
        ui_localize_digits(v, sizeof v);
    } else {
        snprintf(v, sizeof v, "%s", ui_format_int((int64_t)value).text);
    }
    snprintf(out, size, "%s: %s", label, v);
}

static void test_class_results_show_the_report_and_refresh(void **state)
{
    UiDriver *d = *state;
    char folder[128], cmd[512];
    snprintf(folder, sizeof folder, "%s/gcc-10b", d->dir);
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/class/gcc-10b' '%s' && mkdir '%s/later' && mv '%s'/results/new/*Sabah* "
             "'%s/later/'",
             QUIZDECK_TEST_DATA, d->dir, d->dir, folder, d->dir);
    assert_int_equal(system(cmd), 0);
    Report rep;
    DiagList diags = {0};
    assert_int_equal(report_build(&rep, folder, NULL, 0, NULL, &diags), REPORT_OK);
    size_t before = rep.student_count;

    assert_non_null(ui_start(d, NULL, 0, 1280, 720));
    ui_go(d, SCENE_CLASS_RESULTS, &(SceneArg){.session = folder});
    ui_refresh(d);
    char label[256];
    figure(label, sizeof label, "Students", (double)rep.student_count, false);
    assert_non_null(ui_widget(d, label));
    figure(label, sizeof label, "Mean score", rep.mean_percent, true);
    assert_non_null(ui_widget(d, label));
    figure(label, sizeof label, "Median score", rep.median_percent, true);
    assert_non_null(ui_widget(d, label));
    ui_shot(d, "class-results");
    const ReportQuestion *hardest = &rep.questions[0];
    snprintf(label, sizeof label, "%s/%s: ", hardest->pack_id, hardest->question_id);
    assert_non_null(ui_find_prefix(d, label));
    report_free(&rep);
    diag_clear(&diags);

    /* A student's files arrive: within two seconds the figures follow. */
    snprintf(cmd, sizeof cmd, "mv '%s'/later/* '%s/results/new/'", d->dir, folder);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(report_build(&rep, folder, NULL, 0, NULL, &diags), REPORT_OK);
    assert_true(rep.student_count > before);
    ui_wait(d, 2100);
    ui_refresh(d);
    figure(label, sizeof label, "Students", (double)rep.student_count, false);
    assert_non_null(ui_widget(d, label));
    ui_resize(d, 800, 600);
    ui_refresh(d);
    ui_shot(d, "class-results");
    report_free(&rep);
    diag_clear(&diags);
}

/* The session and Class results screens in Arabic, at both sizes: the
 * translated texts are what is drawn (the README's Arabic shots). */
static void test_session_screens_in_arabic(void **state)
{
    UiDriver *d = *state;
    char folder[128], results[128], cmd[512];
    write_session(d, "end", "", folder, sizeof folder);
    snprintf(results, sizeof results, "%s/gcc-10b", d->dir);
    snprintf(cmd, sizeof cmd, "cp -r '%s/class/gcc-10b' '%s'", QUIZDECK_TEST_DATA, d->dir);
    assert_int_equal(system(cmd), 0);
    static const int sizes[][2] = {{1280, 720}, {800, 600}};
    for (size_t i = 0; i < 2; i++) {
        App *app = ui_open_play(d, sizes[i][0], sizes[i][1]);
        app->settings.language = UI_LANGUAGE_ARABIC;
        app_apply_settings(app, false);
        ui_go(d, SCENE_SESSION, &(SceneArg){.session = folder});
        assert_non_null(ui_widget(d, "مفتوحة الآن" /* Open now */));
        ui_shot(d, "ar-session-intro");
        ui_go(d, SCENE_CLASS_RESULTS, &(SceneArg){.session = results});
        assert_non_null(ui_find_prefix(d, "الطلاب: " /* Students: */));
        ui_shot(d, "ar-class-results");
        ui_close(d);
    }
}

/* A session with a total time shows it as a bar as thick as a question's
 * clock, with the minutes and seconds left written at its end (on the
 * left when the screen is mirrored), at both window sizes. */
static void test_total_time_bar_is_readable(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    write_session(d, "each", "total_time: 600\n", folder, sizeof folder);
    static const struct {
        int w, h;
        bool arabic;
        const char *label; /* the bar's widget label */
    } runs[] = {
        {1280, 720, false, "Total time left "},
        {800, 600, true, "\xD8\xA7\xD9\x84\xD9\x88\xD9\x82\xD8\xAA " /* الوقت */},
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        App *app = ui_open_play(d, runs[i].w, runs[i].h);
        if (runs[i].arabic) {
            app->settings.language = UI_LANGUAGE_ARABIC;
            app_apply_settings(app, false);
        }
        ui_go(d, SCENE_SESSION, &(SceneArg){.session = folder});
        ui_refresh(d);
        ui_type(d, i ? "sara" : "noura");
        ui_key(d, SDLK_RETURN);
        assert_int_equal(app_scene(app), SCENE_QUESTION);
        const AppWidget *bar = ui_find_prefix(d, runs[i].label);
        assert_non_null(bar);
        SDL_Rect r = bar->rect;
        assert_int_equal(r.h, theme_px(&app->theme, 10));
        /* Full at the start: its far end (its start, mirrored) is filled. */
        SDL_Color dim = theme_color(COLOR_TEXT_DIM);
        int end_x = runs[i].arabic ? r.x + 3 : r.x + r.w - 4;
        assert_true(ui_near(ui_pixel(d, end_x, r.y + r.h / 2), dim, 8));
        /* "10:00" beside it: ink where the label stands, none elsewhere
         * in that strip of the column. */
        int gap = theme_px(&app->theme, 6);
        SDL_Rect text = runs[i].arabic ? (SDL_Rect){r.x - gap - theme_px(&app->theme, 40), r.y - 4,
                                                    theme_px(&app->theme, 40), r.h + 8}
                                       : (SDL_Rect){r.x + r.w + gap, r.y - 4,
                                                    theme_px(&app->theme, 40), r.h + 8};
        assert_true(ui_ink(d, text, theme_color(COLOR_BG), 120) > 20);
        ui_assert_fits(d, runs[i].arabic ? "ar total time" : "total time", 0, false);
        ui_shot(d, runs[i].arabic ? "ar-session-total-time" : "session-total-time");
        ui_close(d);
    }
}

/* Five recent sessions at 800x600 with the text at 200 %: more than the
 * screen holds. The list scrolls, so the last is reached with the keys
 * (or the wheel) and opens; it is drawn whole inside the window. */
static void test_recent_sessions_scroll_when_they_do_not_fit(void **state)
{
    UiDriver *d = *state;
    char folder[128];
    write_session(d, "each", "", folder, sizeof folder);
    App *app = ui_open_play(d, 800, 600);
    app->settings.font_scale = 200;
    app_apply_settings(app, false);
    char recent[1024] = "";
    for (int i = 1; i <= 4; i++) {
        char line[200];
        snprintf(line, sizeof line, "Gone %d\t%s/gone-%d\n", i, d->dir, i);
        strcat(recent, line);
    }
    strcat(recent, "Capitals quiz\t");
    strcat(recent, folder);
    strcat(recent, "\n");
    assert_int_equal(
        store_setting_set_text(app->store, STORE_GLOBAL, "class.recent_sessions", recent, NULL),
        STORE_OK);
    ui_click(d, "Class session");
    assert_int_equal(app_scene(app), SCENE_SESSION);
    const AppWidget *last = ui_find(d, "Capitals quiz");
    int h = 0;
    SDL_GetRendererOutputSize(app->renderer, NULL, &h);
    assert_true(last == NULL || last->rect.y + last->rect.h > h); /* below the window at first */
    ui_key_burst(d, SDLK_DOWN, 4);
    ui_refresh(d);
    last = ui_find(d, "Capitals quiz");
    assert_non_null(last);
    assert_true(last->rect.y >= 0 && last->rect.y + last->rect.h <= h);
    ui_shot(d, "session-recent-scrolled");
    ui_key(d, SDLK_RETURN);
    assert_non_null(ui_widget(d, "Open now"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        UI_TEST(test_intro_and_roster_filter),
        UI_TEST(test_closed_session_cannot_start),
        UI_TEST(test_whole_session_with_feedback_end_writes_the_result),
        UI_TEST(test_a_dropped_folder_opens_the_session),
        UI_TEST(test_recent_sessions_from_the_menu),
        UI_TEST(test_unfinished_attempt_resumes_after_a_restart),
        UI_TEST(test_class_results_show_the_report_and_refresh),
        UI_TEST(test_session_screens_in_arabic),
        UI_TEST(test_total_time_bar_is_readable),
        UI_TEST(test_recent_sessions_scroll_when_they_do_not_fit),
    };
    return ui_run_tests(tests);
}
