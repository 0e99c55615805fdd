/* scene_study_stats.c - the current learner's flashcard statistics and study
 * settings, one scrolling page:
 *
 *   figures    due today, due tomorrow, true retention over 30 days (share
 *              of reviews of mature cards not forgotten), cards seen; and
 *              today's learning, review and new cards, counted as the study
 *              screen counts them (study_ui_today) over the same packs
 *   forecast   cards falling due on each of the next 30 days (bar chart)
 *   heatmap    reviews per day over the last 16 weeks, a week a column
 *   mastery    per topic: mean recall probability of the cards seen, next
 *              to the accuracy of recent quiz answers
 *   settings   the packs studied (Enter opens the chooser), desired
 *              retention, new cards a day, day start, two buttons;
 *              up/down scroll to them, left/right change a value, which is
 *              saved at once
 *
 * Everything is computed in enter() (learn_stats_build) and again after a
 * settings change; leave() frees it. Read learn.h first.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "study_ui.h"
#include "widgets.h"

enum {
    OPT_PACKS, /* the packs studied: opens the chooser */
    OPT_RETENTION,
    OPT_NEW,
    OPT_DAY_START,
    OPT_BUTTONS,
    OPT_COUNT,
    HEAT_WEEKS = 16
};

static const int new_steps[] = {0, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200};

typedef struct StatsState {
    LearnDeck deck;
    LearnStats stats;
    LearnSettings settings;
    StudyUiToday today; /* as the study screen counts it */
    bool loaded;
    char name[STORE_NAME_MAX + 1];

    Nav nav;
    Scroll scroll;
    SDL_Rect view;
    /* Page layout, pixels from the top of the page. */
    int figures_y, figures_h;
    int forecast_y, forecast_h;
    int heat_y, heat_h;
    int topics_y, topics_h;
    int settings_y;
} StatsState;

/* ---- data ------------------------------------------------------------------ */

static void unload(StatsState *s)
{
    learn_stats_free(&s->stats);
    learn_deck_free(&s->deck);
    s->loaded = false;
}

static void load(App *app, StatsState *s)
{
    unload(s);
    s->settings = study_ui_settings(app);
    FsrsDayRule rule = study_ui_rule(&s->settings);
    FsrsParams params = study_ui_params(&s->settings);
    int64_t now = app_unix_ms();
    StoreError err;
    study_ui_profile_name(app, s->name, sizeof s->name);
    if (study_ui_deck(app, &s->deck, now, &rule, &err) != STORE_OK ||
        learn_stats_build(&s->stats, app->store, app->profile_id, &s->deck, now, &rule, &params,
                          &err) != STORE_OK) {
        app_notice(app, COLOR_BAD, _("The statistics could not be read: %s"),
                   i18n_message(err.message));
        unload(s);
        return;
    }
    s->today = study_ui_today(&s->deck, &s->settings, now, &rule);
    s->loaded = true;
}

static void change_option(App *app, StatsState *s, int option, int dir)
{
    LearnSettings *st = &s->settings;
    switch (option) {
    case OPT_PACKS:
        if (dir > 0)
            app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_STUDY});
        return;
    case OPT_RETENTION:
        st->retention_pct += dir;
        if (st->retention_pct < 70)
            st->retention_pct = 70;
        if (st->retention_pct > 97)
            st->retention_pct = 97;
        break;
    case OPT_NEW: {
        int n = (int)(sizeof new_steps / sizeof new_steps[0]);
        int at = 0;
        while (at + 1 < n && new_steps[at + 1] <= st->new_per_day)
            at++;
        at += dir;
        at = at < 0 ? 0 : at >= n ? n - 1 : at;
        st->new_per_day = new_steps[at];
        break;
    }
    case OPT_DAY_START:
        st->day_start_hour = (st->day_start_hour + 24 + dir) % 24;
        break;
    case OPT_BUTTONS:
        st->two_button = !st->two_button;
        break;
    default:
        return;
    }
    StoreError err;
    if (app->store == NULL) {
        app_notice(app, COLOR_WARN, "%s",
                   app->store_message[0] ? app->store_message : _("Settings cannot be saved."));
        return;
    }
    if (learn_settings_save(app->store, app->profile_id, st, &err) != STORE_OK) {
        app_notice(app, COLOR_BAD, "%s", i18n_message(err.message));
        return;
    }
    load(app, s); /* retention and day start move the figures */
}

/* ---- layout ------------------------------------------------------------------ */

static int line_h(App *app, TextStyle style)
{
    TextSpec spec = {.style = style};
    return text_line_height(app->text, &spec);
}

static void layout(App *app, StatsState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 0, 0);
    int top = widget_header_bottom(app, _("Study statistics"), "x");
    int bottom = widget_footer_top(app, "x");
    int ring = theme_px(t, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
    s->view = (SDL_Rect){col.x - ring, top, col.w + 2 * ring, bottom - top};
    int gap = theme_px(t, 22);
    int label = widget_section_gap(app);
    int pad = theme_px(t, THEME_PAD);
    int y = ring;
    s->figures_y = y;
    s->figures_h = line_h(app, TEXT_DISPLAY) + line_h(app, TEXT_SMALL) + 2 * pad;
    y += s->figures_h + theme_px(t, 8) + line_h(app, TEXT_SMALL) + gap + label;
    s->forecast_y = y;
    s->forecast_h = theme_px(t, 170);
    y += s->forecast_h + gap + label;
    s->heat_y = y;
    int cell = theme_px(t, 14), cgap = theme_px(t, 3);
    s->heat_h = 7 * cell + 6 * cgap + 2 * pad + line_h(app, TEXT_SMALL) + theme_px(t, 10);
    y += s->heat_h + gap + label;
    s->topics_y = y;
    size_t rows = s->loaded && s->stats.topic_count ? s->stats.topic_count : 1;
    s->topics_h =
        (int)rows * (line_h(app, TEXT_BODY) + line_h(app, TEXT_SMALL) + theme_px(t, 16)) + 2 * pad;
    y += s->topics_h + gap + label;
    s->settings_y = y;
    int bh = widget_button_height(app);
    y += OPT_COUNT * (bh + theme_px(t, 10)) + ring;
    scroll_set(&s->scroll, y, s->view.h);

    nav_begin(&s->nav);
    int base = s->view.y - s->scroll.offset;
    for (int i = 0; i < OPT_COUNT; i++)
        nav_add(&s->nav,
                (SDL_Rect){col.x, base + s->settings_y + i * (bh + theme_px(t, 10)), col.w, bh},
                true);
    nav_end(&s->nav);
}

/* ---- scene ------------------------------------------------------------------- */

static void stats_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    StatsState *s = state;
    (void)from;
    load(app, s);
    s->scroll.offset = 0;
    s->nav.focus = 0;
    s->nav.pressed = -1;
    s->nav.keyboard = false;
}

static void stats_leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static bool stats_event(App *app, void *state, const UiEvent *event)
{
    StatsState *s = state;
    layout(app, s);
    if (scroll_wheel_event(&s->scroll, event, &app->theme))
        return true;
    /* The settings sit at the bottom of the page: up and down first scroll
     * through the figures and charts, and move between the settings only
     * once the focused one is in view. Left and right change only what can
     * be seen. */
    SDL_Rect fr = s->nav.rect[s->nav.focus];
    bool in_view = fr.y >= s->view.y && fr.y + fr.h <= s->view.y + s->view.h;
    if (event->action == ACTION_LEFT || event->action == ACTION_RIGHT) {
        if (in_view)
            change_option(app, s, s->nav.focus, event->action == ACTION_RIGHT ? 1 : -1);
        return true;
    }
    if ((event->action == ACTION_DOWN && !in_view) ||
        (event->action == ACTION_UP && (!in_view || s->nav.focus == 0))) {
        scroll_wheel(&s->scroll, event->action == ACTION_UP ? 1 : -1, theme_px(&app->theme, 80));
        return true;
    }
    bool changed = false;
    int hit = nav_event(&s->nav, event, &changed);
    if (changed && event->pointer == POINTER_NONE) {
        int r = s->nav.rect[s->nav.focus].y - (s->view.y - s->scroll.offset);
        int ring = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
        scroll_show(&s->scroll, r - ring, r + s->nav.rect[s->nav.focus].h + ring);
    }
    if (!changed && event->pointer == POINTER_NONE &&
        (event->action == ACTION_UP || event->action == ACTION_DOWN))
        scroll_wheel(&s->scroll, event->action == ACTION_UP ? 1 : -1, theme_px(&app->theme, 80));
    if (hit >= 0) {
        change_option(app, s, hit, 1);
        return true;
    }
    return event->action != ACTION_NONE && event->action != ACTION_BACK;
}

/* ---- drawing ------------------------------------------------------------------ */

static void draw_figures(App *app, StatsState *s, SDL_Rect col, int base)
{
    const Theme *t = &app->theme;
    int gap = theme_px(t, THEME_GAP);
    int w = (col.w - 3 * gap) / 4;
    char v[4][140];
    const char *labels[4] = {_("Due today"), _("Due tomorrow"), _("Retention, 30 days"),
                             _("Cards seen")};
    /* Due today counts what the study screen calls learning and review. */
    snprintf(v[0], sizeof v[0], "%s",
             ui_format_int((int64_t)(s->today.learning + s->today.review)).text);
    snprintf(v[1], sizeof v[1], "%s", ui_format_int((int64_t)s->stats.forecast.due_tomorrow).text);
    if (s->stats.retention_total > 0)
        snprintf(v[2], sizeof v[2], "%.0f %%",
                 100.0 * (double)s->stats.retention_passed / (double)s->stats.retention_total);
    else
        snprintf(v[2], sizeof v[2], "\xE2\x80\x94"); /* — */
    snprintf(v[3], sizeof v[3], "%s/%s", ui_format_int((int64_t)s->stats.cards_seen).text,
             ui_format_int((int64_t)s->stats.cards_total).text);
    ui_localize_digits(v[2], sizeof v[2]);
    for (int i = 0; i < 4; i++) {
        SDL_Rect r = {col.x + i * (w + gap), base + s->figures_y, w, s->figures_h};
        widget_panel(app, r);
        TextSpec ds = {.style = TEXT_DISPLAY,
                       .align = TEXT_ALIGN_CENTER,
                       .wrap = r.w,
                       .color = theme_color(i == 0 ? COLOR_ACCENT : COLOR_TEXT)};
        int pad = theme_px(t, THEME_PAD) * 2 / 3;
        text_draw_fit(app->text, &ds,
                      (SDL_Rect){r.x + pad, r.y + pad, r.w - 2 * pad, line_h(app, TEXT_DISPLAY)},
                      v[i]);
        TextSpec ls = {.style = TEXT_SMALL,
                       .align = TEXT_ALIGN_CENTER,
                       .wrap = r.w,
                       .color = theme_color(COLOR_TEXT_DIM)};
        int lh = line_h(app, TEXT_SMALL);
        SDL_Rect lbox = {r.x + pad, r.y + r.h - pad - lh, r.w - 2 * pad, lh};
        text_draw_fit(app->text, &ls, lbox, labels[i]);
        app_record_widget(app, r, labels[i], 0);
    }
    /* The same three counts as the study screen's header, in its words. */
    char today[200];
    snprintf(today, sizeof today, _("Today: %s learning \xC2\xB7 %s review \xC2\xB7 %s new"),
             ui_format_int((int64_t)s->today.learning).text,
             ui_format_int((int64_t)s->today.review).text,
             ui_format_int((int64_t)s->today.fresh).text);
    TextSpec cs = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    SDL_Rect drawn = text_draw(app->text, &cs, col.x,
                               base + s->figures_y + s->figures_h + theme_px(t, 8), today);
    app_record_widget(app, drawn, today, WIDGET_TEXT);
}

static void draw_forecast(App *app, StatsState *s, SDL_Rect col, int base)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect panel =
        widget_section(app, (SDL_Rect){col.x, base + s->forecast_y, col.w, s->forecast_h},
                       _("Due in the next 30 days"));
    float v[STUDY_FORECAST_DAYS];
    size_t total = 0, peak = 0;
    for (int d = 0; d < STUDY_FORECAST_DAYS; d++) {
        v[d] = (float)s->stats.forecast.per_day[d];
        total += s->stats.forecast.per_day[d];
        if (s->stats.forecast.per_day[d] > peak)
            peak = s->stats.forecast.per_day[d];
    }
    char cap[400], reviews[80], busiest[80], later[80], fresh[80];
    snprintf(reviews, sizeof reviews,
             i18n_plural("%s review in 30 days", "%s reviews in 30 days", (int64_t)total),
             ui_format_int((int64_t)total).text);
    snprintf(busiest, sizeof busiest, _("busiest day %s"), ui_format_int((int64_t)peak).text);
    snprintf(later, sizeof later, _("%s later"),
             ui_format_int((int64_t)s->stats.forecast.later).text);
    snprintf(fresh, sizeof fresh,
             i18n_plural("%s card not started", "%s cards not started",
                         (int64_t)s->stats.forecast.new_cards),
             ui_format_int((int64_t)s->stats.forecast.new_cards).text);
    snprintf(cap, sizeof cap, "%s \xC2\xB7 %s \xC2\xB7 %s \xC2\xB7 %s", reviews, busiest, later,
             fresh);
    TextSpec cs = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    text_draw_fit(
        app->text, &cs,
        (SDL_Rect){panel.x + pad, panel.y + pad / 2, panel.w - 2 * pad, line_h(app, TEXT_SMALL)},
        cap);
    int axis = line_h(app, TEXT_SMALL);
    SDL_Rect chart = {panel.x + pad, panel.y + pad / 2 + axis + theme_px(t, 8), panel.w - 2 * pad,
                      panel.h - pad - 2 * axis - theme_px(t, 14)};
    widget_bar_chart(app, chart, v, STUDY_FORECAST_DAYS, 0.0f, 0);
    /* Axis labels under the first, middle and last slot. */
    TextSpec as = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    int ay = chart.y + chart.h + theme_px(t, 4);
    float slot = (float)chart.w / STUDY_FORECAST_DAYS;
    as.align = TEXT_ALIGN_CENTER;
    text_draw(app->text, &as, chart.x + (int)(slot / 2), ay, _("Today"));
    text_draw(app->text, &as, chart.x + (int)(slot * 14.5f), ay, _("+2 weeks"));
    text_draw(app->text, &as, chart.x + (int)(slot * 29.5f), ay, _("+29d"));
    app_record_widget(app, chart, "Forecast", 0);
}

static void draw_heatmap(App *app, StatsState *s, SDL_Rect col, int base)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect panel = widget_section(app, (SDL_Rect){col.x, base + s->heat_y, col.w, s->heat_h},
                                    _("Study days, last 16 weeks"));
    int cell = theme_px(t, 14), cgap = theme_px(t, 3);
    int64_t max = 0, total = 0;
    int days = 0;
    for (int i = 0; i < LEARN_HEAT_DAYS; i++) {
        if (s->stats.heat[i] > max)
            max = s->stats.heat[i];
        total += s->stats.heat[i];
        days += s->stats.heat[i] > 0;
    }
    TextSpec ws = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    const char *const wd[7] = {C_("weekday", "Mon"), "", C_("weekday", "Wed"), "",
                               C_("weekday", "Fri"), "", C_("weekday", "Sun")};
    int label_w = 0;
    for (int r = 0; r < 7; r++) {
        int lw = wd[r][0] ? text_measure(app->text, &ws, wd[r]).x : 0;
        label_w = lw > label_w ? lw : label_w;
    }
    label_w += theme_px(t, 8);
    int gx = panel.x + pad + label_w, gy = panel.y + pad;
    for (int r = 0; r < 7; r++)
        if (wd[r][0])
            text_draw(app->text, &ws, panel.x + pad,
                      gy + r * (cell + cgap) + (cell - line_h(app, TEXT_SMALL)) / 2, wd[r]);
    SDL_Color empty = theme_mix(theme_color(COLOR_SURFACE), theme_color(COLOR_BORDER), 0.7f);
    SDL_Color hot = theme_color(COLOR_ACCENT);
    int today_row = s->stats.heat_weekday_today;
    for (int c = 0; c < HEAT_WEEKS; c++) {
        for (int r = 0; r < 7; r++) {
            int ago = (HEAT_WEEKS - 1 - c) * 7 + (today_row - r);
            if (ago < 0 || ago >= LEARN_HEAT_DAYS)
                continue;
            int64_t n = s->stats.heat[LEARN_HEAT_DAYS - 1 - ago];
            SDL_Color color = empty;
            if (n > 0 && max > 0) {
                /* Four steps, so a light day still shows against none. */
                int level = (int)((n * 4 + max - 1) / max);
                color = theme_mix(theme_color(COLOR_SURFACE), hot, 0.25f * (float)level);
            }
            SDL_Rect cr = {gx + c * (cell + cgap), gy + r * (cell + cgap), cell, cell};
            ui_fill_round(app->renderer, cr, theme_px(t, 3), color);
            if (ago == 0)
                ui_stroke_round(app->renderer, cr, theme_px(t, 3), theme_px(t, 2),
                                theme_color(COLOR_FOCUS));
        }
    }
    app_record_widget(app, (SDL_Rect){gx, gy, HEAT_WEEKS * (cell + cgap), 7 * (cell + cgap)},
                      "Heatmap", 0);
    /* Beside the grid: totals; under it: the legend. */
    int tx = gx + HEAT_WEEKS * (cell + cgap) + theme_px(t, 24);
    char line1[64], line2[64];
    snprintf(line1, sizeof line1, i18n_plural("%s review", "%s reviews", total),
             ui_format_int(total).text);
    snprintf(line2, sizeof line2, i18n_plural("on %s day", "on %s days", days),
             ui_format_int(days).text);
    if (tx + theme_px(t, 120) < panel.x + panel.w) {
        TextSpec big = {.style = TEXT_HEADING};
        text_draw(app->text, &big, tx, gy, line1);
        text_draw(app->text, &ws, tx, gy + line_h(app, TEXT_HEADING), line2);
        text_draw(app->text, &ws, tx, gy + line_h(app, TEXT_HEADING) + line_h(app, TEXT_SMALL),
                  _("Today has the amber ring."));
    }
    int ly = gy + 7 * (cell + cgap) + theme_px(t, 6);
    SDL_Rect drawn = text_draw(app->text, &ws, gx, ly, _("Less"));
    int lx = drawn.x + drawn.w + theme_px(t, 8);
    for (int level = 0; level <= 4; level++) {
        SDL_Color c =
            level == 0 ? empty : theme_mix(theme_color(COLOR_SURFACE), hot, 0.25f * (float)level);
        ui_fill_round(app->renderer,
                      (SDL_Rect){lx, ly + (line_h(app, TEXT_SMALL) - cell) / 2, cell, cell},
                      theme_px(t, 3), c);
        lx += cell + cgap;
    }
    text_draw(app->text, &ws, lx + theme_px(t, 5), ly, _("More"));
}

static void draw_topics(App *app, StatsState *s, SDL_Rect col, int base)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect panel = widget_section(app, (SDL_Rect){col.x, base + s->topics_y, col.w, s->topics_h},
                                    _("Mastery by topic: memory and quiz"));
    TextSpec dim = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    int y = panel.y + pad;
    if (s->stats.topic_count == 0) {
        text_draw(app->text, &dim, panel.x + pad, y, _("No topics in the loaded packs."));
        return;
    }
    int inner = panel.w - 2 * pad;
    int name_w = inner * 40 / 100;
    int bar_w = (inner - name_w - 2 * pad) / 2;
    for (size_t i = 0; i < s->stats.topic_count; i++) {
        const LearnTopicStat *ts = &s->stats.topics[i];
        TextSpec ns = {.style = TEXT_BODY, .lang = ts->pack->language};
        text_draw_fit(app->text, &ns, (SDL_Rect){panel.x + pad, y, name_w, line_h(app, TEXT_BODY)},
                      ts->title[0] ? ts->title : ts->topic_id);
        TextSpec ps = dim;
        ps.lang = ts->pack->language;
        text_draw_fit(
            app->text, &ps,
            (SDL_Rect){panel.x + pad, y + line_h(app, TEXT_BODY), name_w, line_h(app, TEXT_SMALL)},
            ts->pack->title);
        /* Each number says what it counts. */
        char m[160], q[160];
        if (ts->seen > 0)
            snprintf(m, sizeof m,
                     i18n_plural("Memory %s %% \xC2\xB7 %s of %s card seen",
                                 "Memory %s %% \xC2\xB7 %s of %s cards seen", (int64_t)ts->cards),
                     ui_format_int((int64_t)(100.0 * ts->mastery + 0.5)).text,
                     ui_format_int((int64_t)ts->seen).text, ui_format_int((int64_t)ts->cards).text);
        else
            snprintf(m, sizeof m,
                     i18n_plural("Memory \xE2\x80\x94 \xC2\xB7 %s of %s card seen",
                                 "Memory \xE2\x80\x94 \xC2\xB7 %s of %s cards seen",
                                 (int64_t)ts->cards),
                     ui_format_int(0).text, ui_format_int((int64_t)ts->cards).text);
        if (ts->quiz_count > 0)
            snprintf(q, sizeof q,
                     i18n_plural("Quiz %s %% right \xC2\xB7 last %s answer",
                                 "Quiz %s %% right \xC2\xB7 last %s answers", ts->quiz_count),
                     ui_format_int((int64_t)(100.0 * ts->quiz_accuracy + 0.5)).text,
                     ui_format_int(ts->quiz_count).text);
        else
            snprintf(q, sizeof q, "%s", _("Quiz \xE2\x80\x94 no answers yet"));
        int bx = panel.x + pad + name_w + pad;
        int bar_y = y + line_h(app, TEXT_SMALL) + theme_px(t, 6);
        TextSpec one = dim;
        one.max_lines = 1;
        int lh_small = line_h(app, TEXT_SMALL);
        text_draw_fit(app->text, &one, (SDL_Rect){bx, y, bar_w, lh_small}, m);
        widget_progress(app, (SDL_Rect){bx, bar_y, bar_w, theme_px(t, 8)}, (float)ts->mastery,
                        theme_color(COLOR_ACCENT));
        text_draw_fit(app->text, &one, (SDL_Rect){bx + bar_w + pad, y, bar_w, lh_small}, q);
        widget_progress(app, (SDL_Rect){bx + bar_w + pad, bar_y, bar_w, theme_px(t, 8)},
                        (float)ts->quiz_accuracy, theme_color(COLOR_GOOD));
        y += line_h(app, TEXT_BODY) + line_h(app, TEXT_SMALL) + theme_px(t, 16);
    }
}

static void draw_settings(App *app, StatsState *s, SDL_Rect col, int base)
{
    char title[STORE_NAME_MAX + 40];
    if (s->name[0])
        snprintf(title, sizeof title, _("Study settings for %s"), ui_isolate(s->name).text);
    else
        snprintf(title, sizeof title, "%s", _("Study settings"));
    widget_section_title(app, col.x, base + s->settings_y, title);
    char v[OPT_COUNT][80];
    study_ui_packs_text(app, v[OPT_PACKS], sizeof v[0]);
    snprintf(v[OPT_RETENTION], sizeof v[0], "%d %%", s->settings.retention_pct);
    snprintf(v[OPT_NEW], sizeof v[0], "%s", ui_format_int(s->settings.new_per_day).text);
    snprintf(v[OPT_DAY_START], sizeof v[0], "%02d:00", s->settings.day_start_hour);
    ui_localize_digits(v[OPT_RETENTION], sizeof v[0]);
    ui_localize_digits(v[OPT_DAY_START], sizeof v[0]);
    snprintf(v[OPT_BUTTONS], sizeof v[0], "%s",
             s->settings.two_button ? _("Forgot / Knew") : _("Again \xE2\x80\xA6 Easy"));
    const char *const labels[OPT_COUNT] = {_("Packs to study"), _("Desired retention"),
                                           _("New cards a day"), _("Study day starts at"),
                                           _("Rating buttons")};
    for (int i = 0; i < OPT_COUNT; i++)
        widget_option(app, s->nav.rect[i], labels[i], v[i], nav_flag(&s->nav, i));
}

static void stats_draw(App *app, void *state)
{
    StatsState *s = state;
    const Theme *t = &app->theme;
    layout(app, s);
    widget_header(app, _("Study statistics"), s->name[0] ? s->name : " ");
    widget_footer(app, _("\xE2\x86\x91\xE2\x86\x93 scroll / choose    \xE2\x86\x90\xE2\x86\x92 "
                         "change    Esc  back"));
    SDL_Rect col = theme_column(t, 0, 0);
    if (!s->loaded) {
        TextSpec e = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM), .wrap = col.w};
        text_draw(app->text, &e, col.x, s->view.y,
                  app->store ? _("Nothing to show.") : app->store_message);

        return;
    }
    int base = s->view.y - s->scroll.offset;
    SDL_RenderSetClipRect(app->renderer, &s->view);
    draw_figures(app, s, col, base);
    draw_forecast(app, s, col, base);
    draw_heatmap(app, s, col, base);
    draw_topics(app, s, col, base);
    draw_settings(app, s, col, base);
    SDL_RenderSetClipRect(app->renderer, NULL);
    widget_scrollbar(app, s->view, &s->scroll);
}

const Scene scene_study_stats = {
    .name = "study_stats",
    .state_size = sizeof(StatsState),
    .enter = stats_enter,
    .leave = stats_leave,
    .event = stats_event,
    .draw = stats_draw,
};
