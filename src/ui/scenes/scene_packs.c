/* scene_packs.c - the packs screen, in two modes (SceneArg.packs):
 *
 *   PACKS_CHOOSE  "Play a round": tick one or more packs; a ticked pack
 *                 with topics shows them below it to narrow the round;
 *                 Continue goes to the round setup.
 *   PACKS_BROWSE  "Packs": every pack with its description, size, language
 *                 and topics, and how to add one (drop a .yaml file).
 *
 * In both, files that failed to load are listed with their first error
 * (file:line:column) instead of vanishing. The list scrolls; the focused
 * row is always scrolled into view. Read scene_title.c first.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "widgets.h"

typedef enum RowKind { ROW_PACK, ROW_TOPIC, ROW_FAILURE, ROW_CONTINUE } RowKind;

typedef struct Row {
    RowKind kind;
    size_t index; /* pack or failure index */
    size_t topic;
    int y, h; /* in list coordinates (pixels from the list's top) */
} Row;

typedef struct PacksState {
    PacksOpen mode;
    Nav nav;
    Scroll scroll;
    Row rows[NAV_MAX];
    int row_count;
    SDL_Rect view; /* the scrolling list on screen */
    SDL_Rect continue_rect;
    bool has_continue;
} PacksState;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The text of a row: title and detail, into the caller's buffers. */
static void row_text(const App *app, const PacksState *s, const Row *row, char *title, size_t tn,
                     char *detail, size_t dn)
{
    title[0] = detail[0] = '\0';
    if (row->kind == ROW_PACK) {
        const Pack *p = app->packs.packs[row->index];
        snprintf(title, tn, "%s", p->title);
        char topics[600] = "";
        size_t used = 0;
        for (size_t t = 0; t < p->topic_count && used + 4 < sizeof topics; t++) {
            int w = snprintf(topics + used, sizeof topics - used, "%s%s", t ? ", " : "",
                             p->topics[t].title[0] ? p->topics[t].title : p->topics[t].id);
            if (w < 0)
                break;
            used += (size_t)w;
            if (used >= sizeof topics)
                used = sizeof topics - 1;
        }
        char count[64];
        snprintf(count, sizeof count,
                 i18n_plural("%s question", "%s questions", (int64_t)p->question_count),
                 ui_format_int((int64_t)p->question_count).text);
        if (s->mode == PACKS_BROWSE) {
            char by[200] = "", lang[80], topic_line[700] = "";
            if (p->author[0])
                snprintf(by, sizeof by, _("by %s"), p->author);
            snprintf(lang, sizeof lang, _("language: %s"), p->language);
            if (topics[0])
                snprintf(topic_line, sizeof topic_line, _("Topics: %s"), topics);
            snprintf(detail, dn, "%s \xC2\xB7 %s%s%s%s%s%s%s", count, lang,
                     by[0] ? " \xC2\xB7 " : "", by, p->description[0] ? "\n" : "", p->description,
                     topics[0] ? "\n" : "", topic_line);
        } else {
            snprintf(detail, dn, "%s%s%s", count, topics[0] ? " \xC2\xB7 " : "", topics);
        }
    } else if (row->kind == ROW_TOPIC) {
        const Pack *p = app->packs.packs[row->index];
        const PackTopic *t = &p->topics[row->topic];
        snprintf(title, tn, "%s", t->title[0] ? t->title : t->id);
        size_t n = app_topic_size(p, t->id);
        snprintf(detail, dn, i18n_plural("%s question", "%s questions", (int64_t)n),
                 ui_format_int((int64_t)n).text);
    } else if (row->kind == ROW_FAILURE) {
        const PackFailure *f = &app->packs.failures[row->index];
        snprintf(title, tn, _("%s \xE2\x80\x94 not loaded"), base_name(f->path));
        size_t used = 0;
        size_t shown = 0, limit = s->mode == PACKS_BROWSE ? 5 : 1;
        for (size_t i = 0; i < f->diags.count && shown < limit && used + 2 < dn; i++) {
            if (f->diags.items[i].severity != DIAG_ERROR)
                continue;
            Diag d = f->diags.items[i];
            d.file = (char *)base_name(d.file ? d.file : "");
            char line[700];
            diag_format(&d, line, sizeof line);
            int w = snprintf(detail + used, dn - used, "%s%s", shown ? "\n" : "", line);
            if (w < 0)
                break;
            used += (size_t)w;
            if (used >= dn)
                used = dn - 1;
            shown++;
        }
        if (f->diags.error_count > shown && used + 2 < dn)
            snprintf(detail + used, dn - used,
                     i18n_plural("\n(and %s more error; run quizdeck --check)",
                                 "\n(and %s more errors; run quizdeck --check)",
                                 (int64_t)(f->diags.error_count - shown)),
                     ui_format_int((int64_t)(f->diags.error_count - shown)).text);
    }
}

static const char *subtitle(const PacksState *s)
{
    return s->mode == PACKS_BROWSE
               ? _("Every pack the game found. Drop a .yaml file on this window to add "
                   "it to your packs.")
               : _("Tick the packs to play from. A ticked pack lists its topics: tick "
                   "some to narrow the round, or none for all.");
}

static const char *title(const PacksState *s)
{
    return s->mode == PACKS_BROWSE ? _("Packs") : _("Choose packs");
}

static void add_row(PacksState *s, RowKind kind, size_t index, size_t topic)
{
    if (s->row_count >= NAV_MAX - 1)
        return;
    s->rows[s->row_count++] = (Row){kind, index, topic, 0, 0};
}

static void layout(App *app, PacksState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 0, 0);
    int top = widget_header_bottom(app, title(s), subtitle(s));
    int gap = theme_px(t, 10);
    int bottom = t->out_h - theme_px(t, THEME_MARGIN);
    s->has_continue = s->mode == PACKS_CHOOSE;
    if (s->has_continue) {
        int bh = theme_px(t, THEME_BUTTON_H);
        int bw = theme_px(t, 260);
        if (bw > col.w)
            bw = col.w;
        s->continue_rect = (SDL_Rect){col.x + col.w - bw, bottom - bh, bw, bh};
        bottom -= bh + theme_px(t, 16);
    }
    /* Room for the focus ring at the list's edges. */
    int ring = theme_px(t, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
    s->view = (SDL_Rect){col.x - ring, top - ring, col.w + 2 * ring, bottom - top + ring};
    if (s->view.h < 0)
        s->view.h = 0;

    s->row_count = 0;
    for (size_t i = 0; i < app->packs.pack_count; i++) {
        add_row(s, ROW_PACK, i, 0);
        if (s->mode == PACKS_CHOOSE && i < app->selection.count && app->selection.pack[i])
            for (size_t k = 0; k < app->packs.packs[i]->topic_count; k++)
                add_row(s, ROW_TOPIC, i, k);
    }
    for (size_t i = 0; i < app->packs.failure_count; i++)
        add_row(s, ROW_FAILURE, i, 0);

    int y = ring;
    int indent = theme_px(t, 36);
    for (int r = 0; r < s->row_count; r++) {
        char tt[300], dd[4200];
        row_text(app, s, &s->rows[r], tt, sizeof tt, dd, sizeof dd);
        int w = col.w - (s->rows[r].kind == ROW_TOPIC ? indent : 0);
        bool check = s->mode == PACKS_CHOOSE && s->rows[r].kind != ROW_FAILURE;
        s->rows[r].y = y;
        s->rows[r].h = widget_tile_height(app, w, tt, dd, check);
        y += s->rows[r].h + gap;
    }
    scroll_set(&s->scroll, y - gap + ring, s->view.h);

    nav_begin(&s->nav);
    for (int r = 0; r < s->row_count; r++) {
        const Row *row = &s->rows[r];
        int x = col.x + (row->kind == ROW_TOPIC ? indent : 0);
        SDL_Rect rect = {x, s->view.y + row->y - s->scroll.offset,
                         col.w - (row->kind == ROW_TOPIC ? indent : 0), row->h};
        nav_add(&s->nav, rect, true);
    }
    if (s->has_continue) {
        size_t ticked = 0;
        app_selection_questions(app, &ticked);
        nav_add(&s->nav, s->continue_rect, ticked > 0);
    }
    nav_end(&s->nav);
}

static void show_focus(App *app, PacksState *s)
{
    if (s->nav.focus < s->row_count) {
        const Row *row = &s->rows[s->nav.focus];
        int ring = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
        scroll_show(&s->scroll, row->y - ring, row->y + row->h + ring);
    }
}

static void packs_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    PacksState *s = state;
    if (from != SCENE_SETUP) { /* coming back from setup keeps the place */
        s->mode = arg->packs;
        s->scroll.offset = 0;
        s->nav.focus = 0;
        s->nav.pressed = -1;
    }
    layout(app, s);
}

static void toggle(App *app, PacksState *s, int r)
{
    const Row *row = &s->rows[r];
    Selection *sel = &app->selection;
    if (row->index >= sel->count)
        return;
    if (row->kind == ROW_PACK) {
        sel->pack[row->index] = !sel->pack[row->index];
    } else if (row->kind == ROW_TOPIC) {
        bool *t = &sel->topic[row->index][row->topic];
        *t = !*t;
    }
}

static bool packs_event(App *app, void *state, const UiEvent *event)
{
    PacksState *s = state;
    layout(app, s);
    if (scroll_wheel_event(&s->scroll, event, &app->theme))
        return true;
    /* The mouse only reaches rows inside the list's view, and Continue. */
    bool on_button = s->has_continue && !pointer_outside(event, s->continue_rect);
    if (pointer_outside(event, s->view) && !on_button)
        return false;
    bool changed = false;
    int hit = nav_event(&s->nav, event, &changed);
    if (changed && event->pointer == POINTER_NONE)
        show_focus(app, s);
    if (hit >= 0) {
        if (hit < s->row_count) {
            if (s->mode == PACKS_CHOOSE)
                toggle(app, s, hit);
        } else if (s->has_continue) {
            app_go(app, SCENE_SETUP);
        }
        return true;
    }
    return event->action != ACTION_NONE && event->action != ACTION_BACK;
}

static void packs_draw(App *app, void *state)
{
    PacksState *s = state;
    const Theme *t = &app->theme;
    layout(app, s);
    widget_header(app, title(s), subtitle(s));

    SDL_RenderSetClipRect(app->renderer, &s->view);
    if (s->row_count == 0) {
        TextSpec e = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM), .wrap = s->view.w};
        text_draw(app->text, &e, s->view.x, s->view.y + theme_px(t, 10),
                  _("No packs found. Drop a .yaml pack file on this window to add one "
                    "(see questions/README.md for the format)."));
    }
    for (int r = 0; r < s->row_count; r++) {
        SDL_Rect rect = s->nav.rect[r];
        if (rect.y + rect.h < s->view.y || rect.y > s->view.y + s->view.h)
            continue;
        const Row *row = &s->rows[r];
        char tt[300], dd[4200];
        row_text(app, s, row, tt, sizeof tt, dd, sizeof dd);
        unsigned flags = nav_flag(&s->nav, r);
        bool check = s->mode == PACKS_CHOOSE && row->kind != ROW_FAILURE;
        if (row->kind == ROW_FAILURE)
            flags |= WIDGET_DANGER;
        else if (check && row->index < app->selection.count &&
                 (row->kind == ROW_PACK ? app->selection.pack[row->index]
                                        : app->selection.topic[row->index][row->topic]))
            flags |= WIDGET_SELECTED;
        widget_tile(app, rect, tt, dd, check, flags);
    }
    SDL_RenderSetClipRect(app->renderer, NULL);
    widget_scrollbar(app, (SDL_Rect){s->view.x, s->view.y, s->view.w + theme_px(t, 10), s->view.h},
                     &s->scroll);

    if (s->has_continue) {
        size_t n = 0;
        size_t q = app_selection_questions(app, &n);
        char summary[200];
        if (n == 0)
            snprintf(summary, sizeof summary, "%s", _("Tick at least one pack."));
        else {
            char packs[60], questions[60];
            snprintf(packs, sizeof packs, i18n_plural("%s pack", "%s packs", (int64_t)n),
                     ui_format_int((int64_t)n).text);
            snprintf(questions, sizeof questions,
                     i18n_plural("%s question", "%s questions", (int64_t)q),
                     ui_format_int((int64_t)q).text);
            snprintf(summary, sizeof summary, "%s \xC2\xB7 %s", packs, questions);
        }
        SDL_Rect col = theme_column(t, 0, 0);
        TextSpec ss = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM)};
        SDL_Rect box = {col.x, s->continue_rect.y, s->continue_rect.x - col.x - theme_px(t, 16),
                        s->continue_rect.h};
        text_draw_fit(app->text, &ss, box, summary);
        int ci = s->row_count;
        unsigned flags = nav_flag(&s->nav, ci) | WIDGET_PRIMARY;
        if (!s->nav.enabled[ci])
            flags |= WIDGET_DISABLED;
        widget_button(app, s->continue_rect, _("Continue"), flags);
    }
}

const Scene scene_packs = {
    .name = "packs",
    .state_size = sizeof(PacksState),
    .enter = packs_enter,
    .event = packs_event,
    .draw = packs_draw,
};
