/* scene_progress.c - how the player is doing, from the store:
 *
 *   score history  a bar chart of the last 30 finished rounds
 *   mastery        per pack and per topic: questions seen of the total, and
 *                  accuracy of the recent answers, as bars; best score
 *   most missed    the five questions missed most, and a button that starts
 *                  a round of just those
 *
 * The queries run once in enter() and are freed in leave(). The page
 * scrolls; the focus walks the pack blocks and the button. Without a store
 * it says why there is nothing to show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "qtype.h"
#include "format.h"
#include "widgets.h"

enum { HISTORY_ROUNDS = 30, RECENT_ANSWERS = 20, MISSED_SHOWN = 5 };

typedef struct ProgressState {
    StoreProgressList by_pack;
    StoreProgressList by_topic;
    StoreRoundList history;
    StoreMissedList missed;
    int64_t *best; /* [packs.pack_count]: best points, -1 none */
    size_t best_count;
    bool loaded;

    Nav nav;
    Scroll scroll;
    SDL_Rect view;
    /* Layout, in page coordinates (pixels from the top of the page). */
    int chart_y, chart_h;
    int packs_y;
    int *pack_y, *pack_h; /* [best_count] */
    int missed_y, missed_h;
    int button_y;
} ProgressState;

static void unload(ProgressState *s)
{
    store_progress_list_free(&s->by_pack);
    store_progress_list_free(&s->by_topic);
    store_round_list_free(&s->history);
    store_missed_list_free(&s->missed);
    free(s->best);
    free(s->pack_y);
    free(s->pack_h);
    s->best = NULL;
    s->pack_y = s->pack_h = NULL;
    s->best_count = 0;
    s->loaded = false;
}

static void load(App *app, ProgressState *s)
{
    unload(s);
    size_t n = app->packs.pack_count;
    s->best = calloc(n ? n : 1, sizeof *s->best);
    s->pack_y = calloc(n ? n : 1, sizeof *s->pack_y);
    s->pack_h = calloc(n ? n : 1, sizeof *s->pack_h);
    if (!s->best || !s->pack_y || !s->pack_h) {
        unload(s);
        return;
    }
    s->best_count = n;
    for (size_t i = 0; i < n; i++)
        s->best[i] = -1;
    if (!app->store)
        return;
    Store *st = app->store;
    int64_t who = app->profile_id;
    store_progress_by_pack(st, who, RECENT_ANSWERS, &s->by_pack, NULL);
    store_progress_by_topic(st, who, NULL, RECENT_ANSWERS, &s->by_topic, NULL);
    store_round_history(st, who, HISTORY_ROUNDS, &s->history, NULL);
    store_most_missed(st, who, MISSED_SHOWN, &s->missed, NULL);
    for (size_t i = 0; i < n; i++) {
        StoreRoundList best = {0};
        if (store_pack_best(st, who, app->packs.packs[i]->id, &best, NULL) == STORE_OK &&
            best.count > 0)
            s->best[i] = best.items[0].points;
        store_round_list_free(&best);
    }
    s->loaded = true;
}

static const StoreProgress *find_progress(const StoreProgressList *list, const char *pack,
                                          const char *topic)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i].pack_id, pack) == 0 &&
            (!topic || strcmp(list->items[i].topic_id, topic) == 0))
            return &list->items[i];
    return NULL;
}

/* What a missed question says, for the list (qtype_stand_for: a cloze
 * shows blanks, never the author's {{...}}), into buf. */
static const char *question_text(const App *app, const StoreMissed *m, const Pack **pack, char *buf,
                                 size_t size)
{
    *pack = pack_set_find(&app->packs, m->pack_id);
    const Question *q = *pack ? pack_find_question(*pack, m->question_id) : NULL;
    if (!q)
        return m->question_id;
    qtype_stand_for(q, buf, size);
    return buf;
}

static size_t practisable(const App *app, const ProgressState *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->missed.count; i++)
        n += pack_set_find(&app->packs, s->missed.items[i].pack_id) != NULL;
    return n;
}

/* ---- layout -------------------------------------------------------------- */

static int line_h(App *app, TextStyle style)
{
    TextSpec spec = {.style = style};
    return text_line_height(app->text, &spec);
}

/* A missed question's prompt takes up to two lines at body size (longer
 * ones are drawn smaller to fit those two lines). */
static int missed_prompt_h(App *app, const ProgressState *s, size_t i, int width)
{
    const Pack *p = NULL;
    char asked[PACK_MAX_STRING];
    const char *text = question_text(app, &s->missed.items[i], &p, asked, sizeof asked);
    TextSpec qs = {.style = TEXT_BODY, .wrap = width, .lang = p ? p->language : NULL};
    int h = text_measure(app->text, &qs, text).y;
    int max = 2 * line_h(app, TEXT_BODY);
    return h < line_h(app, TEXT_BODY) ? line_h(app, TEXT_BODY) : h > max ? max : h;
}

static void layout(App *app, ProgressState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 0, 0);
    int top = widget_header_bottom(app, _("Progress"), NULL);
    int ring = theme_px(t, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
    s->view = (SDL_Rect){col.x - ring, top - ring, col.w + 2 * ring,
                         t->out_h - theme_px(t, THEME_MARGIN) - top + ring};
    int pad = theme_px(t, THEME_PAD);
    int gap = theme_px(t, THEME_GAP);
    int section = widget_section_gap(app);
    int y = ring;

    s->chart_y = y + section;
    s->chart_h = theme_px(t, 150) + line_h(app, TEXT_SMALL) + 2 * pad;
    y = s->chart_y + s->chart_h + 2 * gap;

    s->packs_y = y;
    y += section;
    int bar_block = line_h(app, TEXT_SMALL) + theme_px(t, 14);
    for (size_t i = 0; i < s->best_count && i < app->packs.pack_count; i++) {
        const Pack *p = app->packs.packs[i];
        int h = 2 * pad + line_h(app, TEXT_LABEL) + theme_px(t, 8) + bar_block;
        if (p->topic_count)
            h +=
                theme_px(t, 10) + (int)p->topic_count * (line_h(app, TEXT_SMALL) + theme_px(t, 10));
        s->pack_y[i] = y;
        s->pack_h[i] = h;
        y += h + gap;
    }
    y += gap;
    s->missed_y = y + section;
    s->missed_h = 2 * pad + (s->missed.count ? 0 : line_h(app, TEXT_BODY));
    for (size_t i = 0; i < s->missed.count; i++)
        s->missed_h +=
            missed_prompt_h(app, s, i, col.w - 2 * pad) + line_h(app, TEXT_SMALL) + theme_px(t, 14);
    y = s->missed_y + s->missed_h + gap;
    s->button_y = y;
    y += widget_button_height(app) + ring;
    scroll_set(&s->scroll, y, s->view.h);

    nav_begin(&s->nav);
    int base = s->view.y - s->scroll.offset;
    for (size_t i = 0; i < s->best_count && i < app->packs.pack_count; i++)
        nav_add(&s->nav, (SDL_Rect){col.x, base + s->pack_y[i], col.w, s->pack_h[i]}, true);
    int bw = theme_px(t, 300);
    if (bw > (col.w - gap) / 2)
        bw = (col.w - gap) / 2;
    nav_add(&s->nav, (SDL_Rect){col.x, base + s->button_y, bw, widget_button_height(app)},
            practisable(app, s) > 0);
    /* Flashcard statistics live on their own page (scene_study_stats.c). */
    int sw = theme_px(t, 260);
    if (bw + gap + sw > col.w)
        sw = col.w - bw - gap;
    nav_add(&s->nav,
            (SDL_Rect){col.x + col.w - sw, base + s->button_y, sw, widget_button_height(app)},
            app->store != NULL);
    nav_end(&s->nav);
}

static void show_focus(App *app, ProgressState *s)
{
    int ring = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
    int f = s->nav.focus;
    int top, bottom;
    if (f < (int)s->best_count) {
        top = s->pack_y[f];
        bottom = top + s->pack_h[f];
    } else { /* either button: show the list with them */
        top = s->missed_y - theme_px(&app->theme, 40);
        bottom = s->button_y + widget_button_height(app);
    }
    scroll_show(&s->scroll, top - ring, bottom + ring);
}

/* ---- scene --------------------------------------------------------------- */

static void progress_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    ProgressState *s = state;
    (void)from;
    load(app, s);
    s->scroll.offset = 0;
    s->nav.focus = 0;
    s->nav.pressed = -1;
    layout(app, s);
}

static void progress_leave(App *app, void *state)
{
    (void)app;
    unload(state);
}

static void practise(App *app, ProgressState *s)
{
    RoundQuestionRef refs[MISSED_SHOWN];
    size_t n = 0;
    for (size_t i = 0; i < s->missed.count && n < MISSED_SHOWN; i++)
        if (pack_set_find(&app->packs, s->missed.items[i].pack_id))
            refs[n++] =
                (RoundQuestionRef){s->missed.items[i].pack_id, s->missed.items[i].question_id};
    RoundSettings rs = app_round_settings(app);
    rs.question_count = 0; /* all of them */
    rs.only = refs;
    rs.only_count = n;
    app_start_round(app, &rs, QUIZ_MODE_MISSED, true);
}

static bool progress_event(App *app, void *state, const UiEvent *event)
{
    ProgressState *s = state;
    layout(app, s);
    if (scroll_wheel_event(&s->scroll, event, &app->theme))
        return true;
    if (pointer_outside(event, s->view))
        return false;
    bool changed = false;
    int hit = nav_event(&s->nav, event, &changed);
    if (changed && event->pointer == POINTER_NONE)
        show_focus(app, s);
    if (!changed && event->pointer == POINTER_NONE &&
        (event->action == ACTION_UP || event->action == ACTION_DOWN)) {
        /* At the top or bottom item: scroll the rest of the page. */
        scroll_wheel(&s->scroll, event->action == ACTION_UP ? 1 : -1, theme_px(&app->theme, 80));
    }
    if (hit == (int)s->best_count && hit >= 0) {
        practise(app, s);
        return true;
    }
    if (hit == (int)s->best_count + 1) {
        app_go(app, SCENE_STUDY_STATS);
        return true;
    }
    return event->action != ACTION_NONE && event->action != ACTION_BACK;
}

static void draw_chart(App *app, ProgressState *s, int base, SDL_Rect col)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect panel = widget_section(app, (SDL_Rect){col.x, base + s->chart_y, col.w, s->chart_h},
                                    _("Score history"));
    TextSpec small = {
        .style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM), .wrap = panel.w - 2 * pad};
    size_t n = s->history.count;
    if (n == 0) {
        text_draw_fit(app->text, &small,
                      (SDL_Rect){panel.x + pad, panel.y, panel.w - 2 * pad, panel.h},
                      app->store ? _("No finished rounds yet. Play one and its score shows here.")
                                 : app->store_message);
        return;
    }
    float values[HISTORY_ROUNDS];
    bool any_points = false;
    for (size_t i = 0; i < n && i < HISTORY_ROUNDS; i++)
        any_points |= s->history.items[i].points > 0;
    int64_t best = 0;
    int best_i = -1;
    for (size_t i = 0; i < n && i < HISTORY_ROUNDS; i++) {
        const StoreRound *r = &s->history.items[i];
        int64_t v = any_points
                        ? r->points
                        : (r->question_count > 0 ? 100 * r->correct_count / r->question_count : 0);
        values[i] = (float)v;
        if (best_i < 0 || v > best) {
            best = v;
            best_i = (int)i;
        }
    }
    char caption[200], last[80], best_text[80];
    snprintf(last, sizeof last, i18n_plural("Last %s round", "Last %s rounds", (int64_t)n),
             ui_format_int((int64_t)n).text);
    if (any_points)
        snprintf(best_text, sizeof best_text, i18n_plural("best %s point", "best %s points", best),
                 ui_format_int(best).text);
    else
        snprintf(best_text, sizeof best_text, _("best %s %% right"), ui_format_int(best).text);
    /* Time runs toward the reading direction's end (the chart mirrors). */
    snprintf(caption, sizeof caption, "%s \xC2\xB7 %s \xC2\xB7 %s", last, best_text,
             i18n_is_rtl() ? _("latest on the left") : _("latest on the right"));
    int ch = line_h(app, TEXT_SMALL);
    text_draw(app->text, &small, panel.x + pad, panel.y + pad, caption);
    SDL_Rect chart = {panel.x + pad, panel.y + pad + ch + theme_px(t, 8), panel.w - 2 * pad,
                      panel.h - 2 * pad - ch - theme_px(t, 8)};
    /* Fixed 30 slots so bars keep their width as rounds come in. */
    float slots[HISTORY_ROUNDS] = {0};
    size_t first = HISTORY_ROUNDS - (n < HISTORY_ROUNDS ? n : HISTORY_ROUNDS);
    for (size_t i = 0; i < n && i < HISTORY_ROUNDS; i++)
        slots[first + i] = values[i];
    widget_bar_chart(app, chart, slots, HISTORY_ROUNDS, 0.0f, (int)first + best_i);
}

static void labelled_bar(App *app, SDL_Rect area, const char *label, float fraction, SDL_Color fill)
{
    const Theme *t = &app->theme;
    TextSpec small = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM), .wrap = area.w};
    SDL_Rect lr = text_draw_fit(app->text, &small,
                                (SDL_Rect){area.x, area.y, area.w, line_h(app, TEXT_SMALL)}, label);
    (void)lr;
    SDL_Rect bar = {area.x, area.y + line_h(app, TEXT_SMALL) + theme_px(t, 4), area.w,
                    theme_px(t, 8)};
    widget_progress(app, bar, fraction, fill);
}

static void draw_pack(App *app, ProgressState *s, size_t i, SDL_Rect rect, unsigned flags)
{
    const Theme *t = &app->theme;
    const Pack *p = app->packs.packs[i];
    int pad = theme_px(t, THEME_PAD);
    ui_fill_round(app->renderer, rect, theme_px(t, THEME_RADIUS),
                  theme_color((flags & WIDGET_FOCUSED) ? COLOR_SURFACE_HI : COLOR_SURFACE));
    const StoreProgress *pr = find_progress(&s->by_pack, p->id, NULL);
    int inner_w = rect.w - 2 * pad;
    int x = rect.x + pad, y = rect.y + pad;

    /* The best score counts finished single-pack rounds only; answers from
     * mixed or interrupted rounds still show in the bars below. */
    char best[80];
    snprintf(best, sizeof best, "%s",
             pr != NULL && pr->answers_total > 0 ? _("No finished round yet")
                                                 : _("Not played yet"));
    if (s->best[i] >= 0)
        snprintf(best, sizeof best,
                 i18n_plural("Best round %s point", "Best round %s points", s->best[i]),
                 ui_format_int(s->best[i]).text);
    TextSpec bs = {.style = TEXT_SMALL,
                   .color = theme_color(s->best[i] >= 0 ? COLOR_ACCENT : COLOR_TEXT_DIM)};
    int bw = text_measure(app->text, &bs, best).x;
    TextSpec ts = {.style = TEXT_LABEL};
    SDL_Rect tbox = {x, y, inner_w - bw - pad, line_h(app, TEXT_LABEL)};
    text_draw_fit(app->text, &ts, tbox, p->title);
    text_draw(app->text, &bs, x + inner_w - bw,
              y + (line_h(app, TEXT_LABEL) - line_h(app, TEXT_SMALL)) / 2, best);
    y += line_h(app, TEXT_LABEL) + theme_px(t, 8);

    int64_t seen = pr ? pr->questions_seen : 0;
    size_t total = p->question_count;
    char l1[96], l2[96];
    snprintf(l1, sizeof l1,
             i18n_plural("Seen %s of %s question", "Seen %s of %s questions", (int64_t)total),
             ui_format_int(seen).text, ui_format_int((int64_t)total).text);
    if (pr && pr->recent_count > 0)
        snprintf(l2, sizeof l2,
                 i18n_plural("%s %% right (last %s answer)", "%s %% right (last %s answers)",
                             pr->recent_count),
                 ui_format_int((int64_t)(100.0 * pr->recent_accuracy + 0.5)).text,
                 ui_format_int(pr->recent_count).text);
    else
        snprintf(l2, sizeof l2, "%s", _("No answers yet"));
    int half = (inner_w - 2 * pad) / 2;
    labelled_bar(app, (SDL_Rect){x, y, half, 0}, l1, total ? (float)seen / (float)total : 0.0f,
                 theme_mix(theme_color(COLOR_ACCENT), theme_color(COLOR_TEXT_DIM), 0.5f));
    labelled_bar(app, (SDL_Rect){x + half + 2 * pad, y, half, 0}, l2,
                 pr ? (float)pr->recent_accuracy : 0.0f, theme_color(COLOR_ACCENT));
    y += line_h(app, TEXT_SMALL) + theme_px(t, 14) + theme_px(t, 10);

    /* Topics: title, then a bar of recent accuracy and "seen a/b". */
    for (size_t k = 0; k < p->topic_count; k++) {
        const PackTopic *tp = &p->topics[k];
        const StoreProgress *tr = find_progress(&s->by_topic, p->id, tp->id);
        int row_h = line_h(app, TEXT_SMALL);
        TextSpec tt = {.style = TEXT_SMALL};
        int name_w = inner_w * 38 / 100;
        tt.max_lines = 1;
        text_draw_fit(app->text, &tt, (SDL_Rect){x, y, name_w, row_h},
                      tp->title[0] ? tp->title : tp->id);
        /* What the numbers count, in words: "3 of 5 seen · 60 % right". */
        char info[160];
        int64_t size = (int64_t)app_topic_size(p, tp->id);
        UiInt of = ui_format_int(size);
        if (tr && tr->recent_count > 0)
            snprintf(info, sizeof info,
                     i18n_plural("%s of %s seen \xC2\xB7 %s %% right",
                                 "%s of %s seen \xC2\xB7 %s %% right", size),
                     ui_format_int(tr->questions_seen).text, of.text,
                     ui_format_int((int64_t)(100.0 * tr->recent_accuracy + 0.5)).text);
        else
            snprintf(info, sizeof info, i18n_plural("0 of %s seen", "0 of %s seen", size), of.text);
        ui_localize_digits(info, sizeof info);
        TextSpec is = {.style = TEXT_SMALL,
                       .color = theme_color(COLOR_TEXT_DIM),
                       .align = TEXT_ALIGN_RIGHT,
                       .max_lines = 1};
        int info_w = inner_w * 36 / 100;
        text_draw_fit(app->text, &is, (SDL_Rect){x + inner_w - info_w, y, info_w, row_h}, info);
        int bx = x + name_w + pad;
        SDL_Rect bar = {bx, y + row_h / 2 - theme_px(t, 3), x + inner_w - info_w - pad - bx,
                        theme_px(t, 6)};
        widget_progress(app, bar, tr ? (float)tr->recent_accuracy : 0.0f,
                        theme_color(COLOR_ACCENT));
        y += row_h + theme_px(t, 10);
    }
    if (flags & WIDGET_FOCUSED)
        widget_focus_ring(app, rect);
    app_record_widget(app, rect, p->title, flags);
}

static void draw_missed(App *app, ProgressState *s, int base, SDL_Rect col)
{
    const Theme *t = &app->theme;
    int pad = theme_px(t, THEME_PAD);
    SDL_Rect panel = widget_section(app, (SDL_Rect){col.x, base + s->missed_y, col.w, s->missed_h},
                                    _("Most missed"));
    int y = panel.y + pad;
    if (s->missed.count == 0) {
        TextSpec e = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
        text_draw_fit(app->text, &e,
                      (SDL_Rect){panel.x + pad, y, panel.w - 2 * pad, line_h(app, TEXT_BODY)},
                      _("Nothing missed yet."));
        return;
    }
    for (size_t i = 0; i < s->missed.count; i++) {
        const StoreMissed *m = &s->missed.items[i];
        const Pack *p = NULL;
        char asked[PACK_MAX_STRING];
        const char *text = question_text(app, m, &p, asked, sizeof asked);
        TextSpec qs = {.style = TEXT_BODY, .lang = p ? p->language : NULL};
        int bh = missed_prompt_h(app, s, i, panel.w - 2 * pad);
        text_draw_fit(app->text, &qs, (SDL_Rect){panel.x + pad, y, panel.w - 2 * pad, bh}, text);
        char detail[200];
        char missed[64];
        snprintf(missed, sizeof missed, i18n_plural("missed %s time", "missed %s times", m->misses),
                 ui_format_int(m->misses).text);
        snprintf(detail, sizeof detail, "%s \xC2\xB7 %s", p ? p->title : m->pack_id, missed);
        TextSpec ds = {.style = TEXT_SMALL, .color = theme_color(COLOR_BAD)};
        text_draw(app->text, &ds, panel.x + pad, y + bh, detail);
        y += bh + line_h(app, TEXT_SMALL) + theme_px(t, 14);
    }
}

static void progress_draw(App *app, void *state)
{
    ProgressState *s = state;
    const Theme *t = &app->theme;
    layout(app, s);
    widget_header(app, _("Progress"), NULL);
    SDL_Rect col = theme_column(t, 0, 0);
    int base = s->view.y - s->scroll.offset;
    SDL_RenderSetClipRect(app->renderer, &s->view);

    draw_chart(app, s, base, col);
    int packs_top = base + s->packs_y + widget_section_gap(app);
    widget_section_title(app, col.x, packs_top, _("Mastery by pack and topic"));
    if (app->packs.pack_count == 0) {
        TextSpec e = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
        text_draw(app->text, &e, col.x, packs_top, _("No packs loaded."));
    }
    for (size_t i = 0; i < s->best_count && i < app->packs.pack_count; i++) {
        SDL_Rect r = s->nav.rect[i];
        if (r.y + r.h < s->view.y || r.y > s->view.y + s->view.h)
            continue;
        draw_pack(app, s, i, r, nav_flag(&s->nav, (int)i));
    }
    draw_missed(app, s, base, col);
    int bi = (int)s->best_count;
    char label[64];
    size_t n = practisable(app, s);
    if (n > 0)
        snprintf(label, sizeof label, _("Practise these %s"), ui_format_int((int64_t)n).text);
    else
        snprintf(label, sizeof label, "%s", _("Practise missed questions"));
    widget_button(app, s->nav.rect[bi], label,
                  nav_flag(&s->nav, bi) | WIDGET_PRIMARY | (n ? 0u : WIDGET_DISABLED));
    widget_button(app, s->nav.rect[bi + 1], _("Flashcard statistics"),

                  nav_flag(&s->nav, bi + 1) | (app->store ? 0u : WIDGET_DISABLED));
    SDL_RenderSetClipRect(app->renderer, NULL);
    widget_scrollbar(app, (SDL_Rect){s->view.x, s->view.y, s->view.w + theme_px(t, 10), s->view.h},
                     &s->scroll);
}

const Scene scene_progress = {
    .name = "progress",
    .state_size = sizeof(ProgressState),
    .enter = progress_enter,
    .leave = progress_leave,
    .event = progress_event,
    .draw = progress_draw,
};
