/* scene_class_results.c - the teacher's Class results: a session folder's
 * report (report.h, the same numbers as `quizdeck --report`) on the
 * projector, refreshed as result files arrive.
 *
 * report_build() does the work; this screen only shows it: how many
 * students counted, the mean and median score, the spread of scores as a
 * chart, and the questions hardest first with the percent right. While
 * the screen is open it looks at results/new every two seconds (its
 * modification time and number of entries: a cheap stat and readdir) and
 * rebuilds the report only when that changed; elsewhere nothing is
 * checked and the loop sleeps (design rule 5).
 *
 * Read report.h first.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "report.h"
#include "widgets.h"

#define CLASS_RESULTS_HINT _("The figures refresh as results arrive    Esc  back")

enum { CHECK_EVERY_MS = 2000, PATH_SIZE = 4096 };

typedef struct ClassResultsState {
    char folder[PATH_SIZE];
    Report rep;
    bool built; /* rep holds a report (free it) */
    ReportStatus status;
    char message[256];
    int64_t seen_mtime;
    long seen_entries;
    uint64_t next_check;
} ClassResultsState;

/* results/new's modification time and entry count: what changes when a
 * file arrives (or is removed). -1 entries when it cannot be read. */
static void folder_mark(const char *folder, int64_t *mtime, long *entries)
{
    char dir[PATH_SIZE + 16];
    snprintf(dir, sizeof dir, "%s/results/new", folder);
    struct stat sb;
    *mtime = stat(dir, &sb) == 0 ? (int64_t)sb.st_mtime : -1;
    *entries = -1;
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    long n = 0;
    while (readdir(dp) != NULL)
        n++;
    closedir(dp);
    *entries = n;
}

static void rebuild(App *app, ClassResultsState *st)
{
    if (st->built)
        report_free(&st->rep);
    DiagList diags = {0};
    st->status =
        report_build(&st->rep, st->folder, app->launch_paths, app->launch_path_count, NULL, &diags);
    st->built = true;
    st->message[0] = '\0';
    if (st->status != REPORT_OK) {
        const char *first = diags.count && diags.items[0].message ? diags.items[0].message : "";
        snprintf(st->message, sizeof st->message, "%s %s",
                 st->status == REPORT_NO_SESSION
                     ? _("This folder holds no session that can be read.")
                 : st->status == REPORT_NO_PACKS   ? _("A pack of this session cannot be found.")
                 : st->status == REPORT_NO_RESULTS ? _("The results folder cannot be read yet.")
                                                   : _("Out of memory."),
                 first);
    }
    diag_clear(&diags);
    folder_mark(st->folder, &st->seen_mtime, &st->seen_entries);
    app_redraw(app);
}

/* ---- enter, update ------------------------------------------------------ */

static void cr_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)from;
    ClassResultsState *st = state;
    if (arg->session)
        snprintf(st->folder, sizeof st->folder, "%s", arg->session);
    rebuild(app, st);
    st->next_check = app->now_ms + CHECK_EVERY_MS;
    app_wake_at(app, st->next_check);
}

static void cr_update(App *app, void *state, uint64_t now_ms)
{
    ClassResultsState *st = state;
    if (now_ms < st->next_check)
        return;
    int64_t mtime;
    long entries;
    folder_mark(st->folder, &mtime, &entries);
    if (mtime != st->seen_mtime || entries != st->seen_entries)
        rebuild(app, st);
    st->next_check = now_ms + CHECK_EVERY_MS;
    app_wake_at(app, st->next_check);
}

/* ---- draw --------------------------------------------------------------- */

static double percent(double credit, size_t n)
{
    return n ? 100.0 * credit / (double)n : 0.0;
}

static void draw_figure(App *app, SDL_Rect r, const char *value, const char *label)
{
    const Theme *th = &app->theme;
    widget_panel(app, r);
    TextSpec vs = {.style = TEXT_DISPLAY, .align = TEXT_ALIGN_CENTER, .wrap = r.w};
    SDL_Rect vbox = {r.x, r.y + theme_px(th, 6), r.w, r.h * 58 / 100};
    text_draw_fit(app->text, &vs, vbox, value);
    TextSpec ls = {.style = TEXT_SMALL,
                   .align = TEXT_ALIGN_CENTER,
                   .wrap = r.w,
                   .color = theme_color(COLOR_TEXT_DIM)};
    text_draw_fit(app->text, &ls, (SDL_Rect){r.x, r.y + r.h * 64 / 100, r.w, r.h * 32 / 100},
                  label);
    char rec[160];
    snprintf(rec, sizeof rec, "%s: %s", label, value);
    app_record_widget(app, r, rec, 0);
}

static void percent_text(char *out, size_t size, double value)
{
    snprintf(out, size, "%d %%", (int)(value + 0.5));
    ui_localize_digits(out, size);
}

static void cr_draw(App *app, void *state)
{
    ClassResultsState *st = state;
    const Theme *th = &app->theme;
    const Report *rep = &st->rep;
    const char *title = st->status == REPORT_OK && rep->session ? rep->session->title : "";
    int y = widget_header(app, _("Class results"), title);
    SDL_Rect c = theme_column(th, 1000, 20);
    if (st->status != REPORT_OK) {
        TextSpec es = {.style = TEXT_BODY, .wrap = c.w, .color = theme_color(COLOR_BAD)};
        text_draw(app->text, &es, c.x, y, st->message);
        app_record_widget(app, (SDL_Rect){c.x, y, c.w, text_line_height(app->text, &es)},
                          "class-results-error", 0);
        widget_footer(app, CLASS_RESULTS_HINT);
        return;
    }
    int gap = theme_px(th, 10);
    int fig_h = theme_px(th, 96);
    int w = (c.w - 3 * gap) / 4;
    char mean[32], median[32];
    percent_text(mean, sizeof mean, rep->mean_percent);
    percent_text(median, sizeof median, rep->median_percent);
    draw_figure(app, (SDL_Rect){c.x, y, w, fig_h}, ui_format_int((int64_t)rep->student_count).text,
                _("Students"));
    draw_figure(app, (SDL_Rect){c.x + (w + gap), y, w, fig_h}, mean, _("Mean score"));
    draw_figure(app, (SDL_Rect){c.x + 2 * (w + gap), y, w, fig_h}, median, _("Median score"));
    draw_figure(app, (SDL_Rect){c.x + 3 * (w + gap), y, w, fig_h},
                ui_format_int((int64_t)rep->flagged).text, _("Files flagged"));
    y += fig_h + gap;

    /* The spread of scores, 0-9 % ... 90-100 %, beside the hardest questions. */
    int bottom = widget_footer_top(app, CLASS_RESULTS_HINT) - gap;
    int chart_w = c.w / 3;
    TextSpec ls = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    int lh = text_line_height(app->text, &ls);
    text_draw(app->text, &ls, c.x, y, _("Scores"));
    text_draw(app->text, &ls, c.x + chart_w + 2 * gap, y, _("Hardest questions"));
    y += lh + theme_px(th, 4);
    float bins[REPORT_BINS];
    for (size_t i = 0; i < REPORT_BINS; i++)
        bins[i] = (float)rep->bins[i];
    SDL_Rect chart = {c.x, y, chart_w, bottom - y};
    widget_bar_chart(app, chart, bins, REPORT_BINS, 0.0f, -1);
    app_record_widget(app, chart, "score-chart", 0);

    int lx = c.x + chart_w + 2 * gap, lw = c.x + c.w - lx;
    TextSpec qs = {.style = TEXT_BODY, .no_shrink = true, .max_lines = 1};
    int row_h = text_line_height(app->text, &qs) + theme_px(th, 16);
    for (size_t i = 0, shown = 0; i < rep->question_count; i++) {
        const ReportQuestion *q = &rep->questions[i];
        if (q->asked == 0)
            continue;
        int ry = y + (int)shown * row_h;
        if (ry + row_h > bottom)
            break;
        double pct = percent(q->credit, q->asked);
        char pct_text[32];
        percent_text(pct_text, sizeof pct_text, pct);
        int pw = theme_px(th, 70);
        SDL_Rect bar = {lx, ry + row_h - theme_px(th, 8), lw - pw, theme_px(th, 4)};
        widget_progress(app, bar, (float)(pct / 100.0),
                        theme_color(pct < 50.0   ? COLOR_BAD
                                    : pct < 80.0 ? COLOR_WARN
                                                 : COLOR_GOOD));
        TextSpec ts = qs;
        ts.lang = q->rtl ? "ar" : NULL;
        text_draw_fit(app->text, &ts, (SDL_Rect){lx, ry, lw - pw, row_h - theme_px(th, 10)},
                      q->text);
        TextSpec ps = {.style = TEXT_LABEL, .align = TEXT_ALIGN_RIGHT};
        text_draw(app->text, &ps, lx + lw, ry, pct_text);
        char rec[200];
        snprintf(rec, sizeof rec, "%s/%s: %s", q->pack_id, q->question_id, pct_text);
        app_record_widget(app, (SDL_Rect){lx, ry, lw, row_h}, rec, 0);
        shown++;
    }
    widget_footer(app, CLASS_RESULTS_HINT);
}

/* ---- leave -------------------------------------------------------------- */

static void cr_leave(App *app, void *state)
{
    (void)app;
    ClassResultsState *st = state;
    if (st->built)
        report_free(&st->rep);
    st->built = false;
}

const Scene scene_class_results = {
    .name = "class-results",
    .state_size = sizeof(ClassResultsState),
    .enter = cr_enter,
    .leave = cr_leave,
    .event = NULL,
    .update = cr_update,
    .draw = cr_draw,
};
