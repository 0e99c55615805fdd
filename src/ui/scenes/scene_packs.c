/* scene_packs.c - the packs screen, in three modes (SceneArg.packs):
 *
 *   PACKS_CHOOSE  "Play a round": tick one or more packs; a ticked pack
 *                 with topics shows them below it to narrow the round;
 *                 Continue goes to the round setup.
 *   PACKS_BROWSE  "Packs": every pack with its description, size, language
 *                 and topics, and how to add one (drop a .yaml file). Files
 *                 that failed to load are listed with their first errors
 *                 (file:line:column) instead of vanishing.
 *   PACKS_STUDY   the packs whose flashcards the learner studies; none
 *                 ticked means all of them.
 *
 * Ticks are remembered per learner (app_selection_save) as they change.
 * "Select all" ticks every pack ("Clear" unticks them). A student's Choose
 * screen does not list broken files as rows: one line says some could not
 * be loaded, and Packs has the details. The list scrolls; the focused row
 * is always scrolled into view. Tab leaves the list for the buttons (Select
 * all, then Continue) and comes back to the row it left, so Continue is
 * two keys away however many topics are open; the footer says so. Read
 * scene_title.c first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "strbuf.h"
#include "strutil.h"
#include "widgets.h"

typedef enum RowKind { ROW_PACK, ROW_TOPIC, ROW_FAILURE } RowKind;

typedef struct Row {
    RowKind kind;
    size_t index; /* pack or failure index */
    size_t topic;
    size_t questions; /* ROW_TOPIC: the topic's, counted when the rows are made */
    int y, h;         /* in list coordinates (pixels from the list's top) */
} Row;

typedef struct PacksState {
    PacksOpen mode;
    Nav nav;
    Scroll scroll;
    /* Every row (no cap: a row per pack and per open topic). The Nav holds
     * at most NAV_MAX widgets, so it holds a window of them: rows[first]
     * to rows[first + nav_rows - 1] are nav indices 0 to nav_rows - 1
     * (centred on the focused row, or on what is on screen), then the two
     * buttons. */
    Row *rows;
    int row_count, row_cap;
    int first, nav_rows;
    int focus_row;                        /* the row with the focus, or the last one that had it */
    int list_focus;                       /* the row Tab left the list from */
    char remove_path[APP_PATH_MAX + 320]; /* the file "Remove?" asks about */
    unsigned long long signature;         /* of what the rows were built from */
    size_t questions, ticked;             /* the ticks' totals, as built */
    int content_h;                        /* the list's height, as built */
    SDL_Rect view;                        /* the scrolling list on screen */
    SDL_Rect all_rect, continue_rect;
    bool has_buttons; /* Select all and Continue / Done (not when browsing) */
    int footer_y;
} PacksState;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Adds src to b with every control character shown as a symbol (strutil.h),
 * whole: a pack's title, author or description is never cut here (the tile
 * wraps it and ends a text too long for its lines with "…"). */
static void add_visible(StrBuf *b, const char *src)
{
    size_t n = text_escape_controls(NULL, 0, src, TEXT_ESCAPE_VISIBLE);
    char small[512];
    char *out = n < sizeof small ? small : malloc(n + 1);
    if (!out)
        return;
    text_escape_controls(out, n + 1, src, TEXT_ESCAPE_VISIBLE);
    strbuf_add(b, out);
    if (out != small)
        free(out);
}

/* A pack's topics for its row, whole topics only: as many as fit in
 * ROW_TOPICS_BYTES, then "… and N more", so a row of a pack with hundreds
 * of topics stays a few lines and still says how many it did not name. */
enum { ROW_TOPICS_BYTES = 480 };

static void add_topics(StrBuf *b, const Pack *p)
{
    const char *sep = C_("list separator", ", ");
    size_t start = b->len, t = 0;
    for (; t < p->topic_count; t++) {
        const char *name = p->topics[t].title[0] ? p->topics[t].title : p->topics[t].id;
        if (t > 0 && b->len - start + strlen(name) + strlen(sep) > ROW_TOPICS_BYTES)
            break;
        if (t > 0)
            strbuf_add(b, sep);
        add_visible(b, name);
    }
    if (t < p->topic_count) {
        strbuf_add(b, " ");
        strbuf_addf(b,
                    i18n_plural("\xE2\x80\xA6 and %s more", "\xE2\x80\xA6 and %s more",
                                (int64_t)(p->topic_count - t)),
                    ui_format_int((int64_t)(p->topic_count - t)).text);
    }
}

/* The text of a row: its title and its detail, appended to the caller's
 * buffers (which free them). */
static void row_text(const App *app, const PacksState *s, const Row *row, StrBuf *title,
                     StrBuf *detail)
{
    if (row->kind == ROW_PACK) {
        const Pack *p = app->packs.packs[row->index];
        add_visible(title, p->title);
        strbuf_addf(detail, i18n_plural("%s question", "%s questions", (int64_t)p->question_count),
                    ui_format_int((int64_t)p->question_count).text);
        if (s->mode == PACKS_BROWSE) {
            strbuf_add(detail, " \xC2\xB7 ");
            strbuf_addf(detail, _("language: %s"), p->language);
            if (p->author[0]) {
                StrBuf by = {0};
                add_visible(&by, p->author);
                strbuf_add(detail, " \xC2\xB7 ");
                strbuf_addf(detail, _("by %s"), strbuf_text(&by));
                strbuf_free(&by);
            }
            if (p->description[0]) {
                strbuf_add(detail, "\n");
                add_visible(detail, p->description);
            }
            if (p->topic_count > 0) {
                StrBuf topics = {0};
                add_topics(&topics, p);
                strbuf_add(detail, "\n");
                strbuf_addf(detail, _("Topics: %s"), strbuf_text(&topics));
                strbuf_free(&topics);
            }
        } else if (p->topic_count > 0) {
            strbuf_add(detail, " \xC2\xB7 ");
            add_topics(detail, p);
        }
    } else if (row->kind == ROW_TOPIC) {
        const Pack *p = app->packs.packs[row->index];
        const PackTopic *t = &p->topics[row->topic];
        add_visible(title, t->title[0] ? t->title : t->id);
        size_t n = row->questions;
        strbuf_addf(detail, i18n_plural("%s question", "%s questions", (int64_t)n),
                    ui_format_int((int64_t)n).text);
    } else if (row->kind == ROW_FAILURE) {
        const PackFailure *f = &app->packs.failures[row->index];
        StrBuf name = {0};
        add_visible(&name, base_name(f->path));
        strbuf_addf(title, _("%s \xE2\x80\x94 not loaded"), strbuf_text(&name));
        strbuf_free(&name);
        size_t shown = 0, limit = s->mode == PACKS_BROWSE ? 5 : 1;
        for (size_t i = 0; i < f->diags.count && shown < limit; i++) {
            if (f->diags.items[i].severity != DIAG_ERROR)
                continue;
            Diag d = f->diags.items[i];
            d.file = (char *)base_name(d.file ? d.file : "");
            char line[700];
            diag_format_as(&d, line, sizeof line, TEXT_ESCAPE_VISIBLE);
            strbuf_addf(detail, "%s%s", shown ? "\n" : "", line);
            shown++;
        }
        if (f->diags.error_count > shown)
            strbuf_addf(detail,
                        i18n_plural("\n(and %s more error; run quizdeck --check)",
                                    "\n(and %s more errors; run quizdeck --check)",
                                    (int64_t)(f->diags.error_count - shown)),
                        ui_format_int((int64_t)(f->diags.error_count - shown)).text);
    }
}

/* What each way of opening the screen says: its title, the line under
 * it and the keys in the footer (translated where they are shown). */
typedef struct ModeText {
    const char *title, *subtitle, *footer;
} ModeText;

static const ModeText mode_texts[] = {
    [PACKS_CHOOSE] = {N_("Choose packs"),
                      N_("Tick the packs to play from. A ticked pack lists its topics: tick "
                         "some to narrow the round, or none for all."),
                      N_("\xE2\x86\x91\xE2\x86\x93  move    Space  tick    Tab  Select all, "
                         "Continue    Esc  back")},
    [PACKS_BROWSE] = {N_("Packs"),
                      N_("Every pack the game found. Drop a .yaml file on this window to add "
                         "it to your packs."),
                      N_("\xE2\x86\x91\xE2\x86\x93  move    Delete  remove    Tab  Open folder, "
                         "Reload    Esc  back")},
    [PACKS_STUDY] = {N_("Packs to study"),
                     N_("Tick the packs whose flashcards you want to study; with none ticked, "
                        "you study them all. Remembered for next time."),
                     N_("\xE2\x86\x91\xE2\x86\x93  move    Space  tick    Tab  Select all, "
                        "Done    Esc  back")},
};

static const ModeText *mode_text(const PacksState *s)
{
    size_t m = (size_t)s->mode;
    return &mode_texts[m < SDL_arraysize(mode_texts) ? m : PACKS_CHOOSE];
}

static const char *title(const PacksState *s)
{
    return _(mode_text(s)->title);
}

static const char *subtitle(const PacksState *s)
{
    return _(mode_text(s)->subtitle);
}

static const char *footer_hint(const PacksState *s)
{
    return _(mode_text(s)->footer);
}

static AppSelectionKind kind_of(const PacksState *s)
{
    return s->mode == PACKS_STUDY ? APP_SELECTION_STUDY : APP_SELECTION_PLAY;
}

static Selection *selection_of(App *app, const PacksState *s)
{
    return s->mode == PACKS_STUDY ? &app->study_selection : &app->selection;
}

static bool any_ticked(App *app, const PacksState *s)
{
    const Selection *sel = selection_of(app, s);
    for (size_t i = 0; i < sel->count; i++)
        if (sel->pack[i])
            return true;
    return false;
}

static void add_row(const App *app, PacksState *s, RowKind kind, size_t index, size_t topic)
{
    if (s->row_count == s->row_cap) {
        int cap = s->row_cap ? s->row_cap * 2 : 64;
        Row *rows = realloc(s->rows, (size_t)cap * sizeof *rows);
        if (!rows)
            return; /* out of memory: the list is shorter */
        s->rows = rows;
        s->row_cap = cap;
    }
    size_t questions = 0;
    if (kind == ROW_TOPIC) {
        const Pack *p = app->packs.packs[index];
        questions = app_topic_size(p, p->topics[topic].id);
    }
    s->rows[s->row_count++] = (Row){kind, index, topic, questions, 0, 0};
}

/* The nav indices of the two buttons (after the window of rows). */
static int all_index(const PacksState *s)
{
    return s->nav_rows;
}

static int continue_index(const PacksState *s)
{
    return s->nav_rows + 1;
}

/* Is the nav focus on a row (not a button)? */
static bool on_row(const PacksState *s)
{
    return s->nav.focus < s->nav_rows;
}

/* Chooses which rows the Nav holds: around the focused row when it is on
 * screen (the keys move it one row at a time), else around what is. */
static void place_window(PacksState *s)
{
    int w = s->row_count < NAV_MAX - 2 ? s->row_count : NAV_MAX - 2;
    int top = s->scroll.offset, bottom = s->scroll.offset + s->view.h;
    int v0 = -1, v1 = -1;
    for (int r = 0; r < s->row_count; r++)
        if (s->rows[r].y + s->rows[r].h >= top && s->rows[r].y <= bottom) {
            if (v0 < 0)
                v0 = r;
            v1 = r;
        }
    if (s->focus_row >= s->row_count)
        s->focus_row = s->row_count > 0 ? s->row_count - 1 : 0;
    bool focus_seen = v0 < 0 || (s->focus_row >= v0 && s->focus_row <= v1);
    int centre = focus_seen ? s->focus_row : (v0 + v1) / 2;
    int first = centre - w / 2;
    if (first > s->row_count - w)
        first = s->row_count - w;
    if (first < 0)
        first = 0;
    /* The nav index of the focus follows its row as the window moves; a
     * focused button stays focused. (Before the first layout, nav_rows is
     * 0 and the focus is on the first row.) */
    int button = s->nav_rows > 0 || s->row_count == 0 ? s->nav.focus - s->nav_rows : -1;
    if (button >= 0) {
        s->nav.focus = w + button;
    } else if (w > 0) {
        int focus = s->focus_row - first;
        s->nav.focus = focus >= 0 && focus < w ? focus : (v0 >= first ? v0 - first : 0);
        s->focus_row = first + s->nav.focus;
    }
    s->first = first;
    s->nav_rows = w;
}

/* What the rows, their sizes and the totals depend on: the set, the mode,
 * the ticks, the column and the text size. They are made again only when
 * it changes, not on every event (a 50,000-question pack stays cheap). */
static unsigned long long list_signature(const App *app, const PacksState *s, int width)
{
    unsigned long long h = 14695981039346656037ULL;
    const unsigned long long prime = 1099511628211ULL;
#define MIX(v) (h = (h ^ (unsigned long long)(v)) * prime)
    MIX(s->mode);
    MIX(width);
    MIX(theme_px(&app->theme, 1000));
    MIX((uintptr_t)app->packs.packs);
    MIX(app->packs.pack_count);
    MIX(app->packs.failure_count);
    const Selection *sel = s->mode == PACKS_STUDY ? &app->study_selection : &app->selection;
    for (size_t i = 0; i < sel->count && i < app->packs.pack_count; i++) {
        MIX(sel->pack[i]);
        for (size_t k = 0; sel->pack[i] && k < app->packs.packs[i]->topic_count; k++)
            MIX(sel->topic[i][k]);
    }
#undef MIX
    return h;
}

/* Every row, measured, and the totals of the ticks. */
static void build_rows(App *app, PacksState *s, const Selection *sel, SDL_Rect col, int gap,
                       int ring)
{
    s->row_count = 0;
    for (size_t i = 0; i < app->packs.pack_count; i++) {
        add_row(app, s, ROW_PACK, i, 0);
        if (s->mode == PACKS_CHOOSE && i < sel->count && sel->pack[i])
            for (size_t k = 0; k < app->packs.packs[i]->topic_count; k++)
                add_row(app, s, ROW_TOPIC, i, k);
    }
    /* Broken files are the author's business: listed in Packs only. */
    if (s->mode == PACKS_BROWSE)
        for (size_t i = 0; i < app->packs.failure_count; i++)
            add_row(app, s, ROW_FAILURE, i, 0);

    const Theme *t = &app->theme;
    int y = ring;
    int indent = theme_px(t, 36);
    for (int r = 0; r < s->row_count; r++) {
        StrBuf tt = {0}, dd = {0};
        row_text(app, s, &s->rows[r], &tt, &dd);
        int w = col.w - (s->rows[r].kind == ROW_TOPIC ? indent : 0);
        bool check = s->mode != PACKS_BROWSE && s->rows[r].kind != ROW_FAILURE;
        s->rows[r].y = y;
        s->rows[r].h = widget_tile_height(app, w, strbuf_text(&tt), strbuf_text(&dd), check);
        strbuf_free(&tt);
        strbuf_free(&dd);
        y += s->rows[r].h + gap;
    }
    s->content_h = y - gap + ring;
    s->questions = s->mode == PACKS_STUDY ? 0 : app_selection_questions(app, &s->ticked);
}

static void layout(App *app, PacksState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 0, 0);
    int top = widget_header_bottom(app, title(s), subtitle(s));
    int gap = theme_px(t, 10);
    s->footer_y = widget_footer_top(app, footer_hint(s));
    int bottom = s->footer_y;
    s->has_buttons = true;
    if (s->has_buttons) {
        int bh = widget_button_height(app);
        int bw = theme_px(t, 220);
        int aw = theme_px(t, 170);
        if (bw + aw + gap > col.w)
            bw = aw = (col.w - gap) / 2;
        s->continue_rect = (SDL_Rect){col.x + col.w - bw, bottom - bh, bw, bh};
        s->all_rect = (SDL_Rect){s->continue_rect.x - gap - aw, bottom - bh, aw, bh};
        bottom -= bh + theme_px(t, 16);
    }
    /* Room for the focus ring at the list's edges. */
    int ring = theme_px(t, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
    s->view = (SDL_Rect){col.x - ring, top - ring, col.w + 2 * ring, bottom - top + ring};
    if (s->view.h < 0)
        s->view.h = 0;

    const Selection *sel = selection_of(app, s);
    unsigned long long sig = list_signature(app, s, col.w);
    if (sig != s->signature || s->rows == NULL)
        build_rows(app, s, sel, col, gap, ring);
    s->signature = sig;
    scroll_set(&s->scroll, s->content_h, s->view.h);
    place_window(s);
    int indent = theme_px(t, 36);

    nav_begin(&s->nav);
    for (int r = s->first; r < s->first + s->nav_rows; r++) {
        const Row *row = &s->rows[r];
        int x = col.x + (row->kind == ROW_TOPIC ? indent : 0);
        SDL_Rect rect = {x, s->view.y + row->y - s->scroll.offset,
                         col.w - (row->kind == ROW_TOPIC ? indent : 0), row->h};
        nav_add(&s->nav, rect, true);
    }
    if (s->mode == PACKS_BROWSE) {
        nav_add(&s->nav, s->all_rect, true);      /* Open folder */
        nav_add(&s->nav, s->continue_rect, true); /* Reload */
    } else if (s->has_buttons) {
        nav_add(&s->nav, s->all_rect, app->packs.pack_count > 0);
        bool go = s->mode == PACKS_STUDY || s->questions > 0;
        nav_add(&s->nav, s->continue_rect, go);
    }
    nav_end(&s->nav);
}

static void show_focus(App *app, PacksState *s)
{
    if (on_row(s) && s->focus_row < s->row_count) {
        const Row *row = &s->rows[s->focus_row];
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
        s->focus_row = 0;
        s->first = 0;
        s->nav_rows = 0;
        s->list_focus = 0;
        s->nav.pressed = -1;
    }
    s->signature = 0; /* the packs or the language may have changed */
    layout(app, s);
}

static void packs_leave(App *app, void *state)
{
    (void)app;
    PacksState *s = state;
    free(s->rows); /* made again by the next layout */
    s->rows = NULL;
    s->row_count = s->row_cap = 0;
}

static void toggle(App *app, PacksState *s, int r)
{
    const Row *row = &s->rows[r];
    Selection *sel = selection_of(app, s);
    if (row->index >= sel->count)
        return;
    if (row->kind == ROW_PACK) {
        sel->pack[row->index] = !sel->pack[row->index];
    } else if (row->kind == ROW_TOPIC) {
        bool *t = &sel->topic[row->index][row->topic];
        *t = !*t;
    } else {
        return;
    }
    app_selection_save(app, kind_of(s));
}

static void select_all(App *app, PacksState *s)
{
    app_selection_all(app, kind_of(s), !any_ticked(app, s));
    app_selection_save(app, kind_of(s));
}

static void go_on(App *app, PacksState *s)
{
    if (s->mode == PACKS_STUDY)
        app_back(app);
    else
        app_go(app, SCENE_SETUP);
}

/* ---- Packs: the folder, Reload, Remove ---- */

/* Once the reload (in the background) is in. */
static void say_reloaded(App *app)
{
    app_notice(app, COLOR_ACCENT,
               i18n_plural("Packs reloaded: %s pack.", "Packs reloaded: %s packs.",
                           (int64_t)app->packs.pack_count),
               ui_format_int((int64_t)app->packs.pack_count).text);
}

static void reload(App *app)
{
    app_packs_reload(app, say_reloaded);
}

static void remove_now(App *app, void *user)
{
    PacksState *s = user;
    app_remove_pack_file(app, s->remove_path);
}

static void ask_remove(App *app, PacksState *s, const Row *row)
{
    const char *path = row->kind == ROW_FAILURE ? app->packs.failures[row->index].path
                                                : app->packs.packs[row->index]->path;
    if (row->kind == ROW_TOPIC)
        return;
    if (!app_pack_in_user_folder(app, path)) {
        app_notice(app, COLOR_WARN, "%s",
                   _("Only the packs in your packs folder can be removed here."));
        return;
    }
    snprintf(s->remove_path, sizeof s->remove_path, "%s", path);
    char name[300], title_text[400];
    text_escape_controls(name, sizeof name, base_name(path), TEXT_ESCAPE_VISIBLE);
    snprintf(title_text, sizeof title_text, _("Remove %s?"), name);
    app_ask(app, &(AppAsk){.title = title_text,
                           .body = _("It is moved into the removed folder of your packs folder, "
                                     "not deleted: put it back to get it again."),
                           .yes = _("Remove"),
                           .no = _("Keep it"),
                           .yes_is_danger = true,
                           .on_yes = remove_now,
                           .user = s});
}

/* Tab and Shift+Tab: the list is one stop (the arrows move in it), then
 * Select all, then Continue. */
static bool tab(PacksState *s, bool forward)
{
    if (!s->has_buttons)
        return false;
    int f = s->nav.focus;
    int back = s->list_focus - s->first;
    if (back < 0 || back >= s->nav_rows)
        back = 0;
    int stops[3] = {s->nav_rows > 0 ? back : -1, all_index(s), continue_index(s)};
    int at = f < s->nav_rows ? 0 : f == all_index(s) ? 1 : 2;
    for (int k = 1; k <= 3; k++) {
        int next = stops[((at + (forward ? k : -k)) % 3 + 3) % 3];
        if (next >= 0 && next < s->nav.count && s->nav.enabled[next]) {
            if (f < s->nav_rows)
                s->list_focus = s->first + f;
            if (next < s->nav_rows)
                s->focus_row = s->first + next;
            nav_set_focus(&s->nav, next);
            s->nav.keyboard = true;
            return true;
        }
    }
    return true;
}

static bool packs_event(App *app, void *state, const UiEvent *event)
{
    PacksState *s = state;
    layout(app, s);
    if (s->mode == PACKS_BROWSE && event->sdl->type == SDL_KEYDOWN &&
        event->sdl->key.keysym.sym == SDLK_DELETE && on_row(s) && s->focus_row < s->row_count) {
        ask_remove(app, s, &s->rows[s->focus_row]);
        return true;
    }
    if (scroll_wheel_event(&s->scroll, event, &app->theme))
        return true;
    if (event->action == ACTION_NEXT || event->action == ACTION_PREV) {
        if (tab(s, event->action == ACTION_NEXT)) {
            if (on_row(s))
                show_focus(app, s);
            return true;
        }
    }
    /* The mouse only reaches rows inside the list's view, and the buttons. */
    bool on_button = s->has_buttons && (!pointer_outside(event, s->continue_rect) ||
                                        !pointer_outside(event, s->all_rect));
    if (pointer_outside(event, s->view) && !on_button)
        return false;
    bool changed = false;
    int hit = nav_event(&s->nav, event, &changed);
    if (on_row(s)) {
        s->focus_row = s->first + s->nav.focus;
        s->list_focus = s->focus_row;
    }
    if (changed && event->pointer == POINTER_NONE)
        show_focus(app, s);
    if (hit >= 0) {
        if (hit < s->nav_rows) {
            if (s->mode != PACKS_BROWSE)
                toggle(app, s, s->first + hit);
        } else if (s->mode == PACKS_BROWSE) {
            if (hit == all_index(s))
                app_open_packs_folder(app);
            else if (hit == continue_index(s))
                reload(app);
        } else if (hit == all_index(s)) {
            select_all(app, s);
        } else if (hit == continue_index(s)) {
            go_on(app, s);
        }
        return true;
    }
    return event->action != ACTION_NONE && event->action != ACTION_BACK;
}

/* The line beside the buttons: what is ticked, and broken files. */
static void draw_summary(App *app, PacksState *s)
{
    const Theme *t = &app->theme;
    char summary[APP_PATH_MAX + 400];
    size_t n = 0;
    if (s->mode == PACKS_BROWSE) {
        char dir[APP_PATH_MAX + 64];
        text_escape_controls(dir, sizeof dir, app->user_packs_dir, TEXT_ESCAPE_VISIBLE);
        snprintf(summary, sizeof summary, _("Your packs folder: %s"), dir);
    } else if (s->mode == PACKS_STUDY) {
        const Selection *sel = &app->study_selection;
        for (size_t i = 0; i < sel->count; i++)
            n += sel->pack[i];
        if (n == 0)
            snprintf(summary, sizeof summary, "%s", _("All packs are studied."));
        else
            snprintf(summary, sizeof summary,
                     i18n_plural("%s pack is studied.", "%s packs are studied.", (int64_t)n),
                     ui_format_int((int64_t)n).text);
    } else {
        size_t q = s->questions;
        n = s->ticked;
        if (n == 0) {
            snprintf(summary, sizeof summary, "%s", _("Tick at least one pack."));
        } else {
            char packs[80], questions[80];
            snprintf(packs, sizeof packs, i18n_plural("%s pack", "%s packs", (int64_t)n),
                     ui_format_int((int64_t)n).text);
            snprintf(questions, sizeof questions,
                     i18n_plural("%s question", "%s questions", (int64_t)q),
                     ui_format_int((int64_t)q).text);
            snprintf(summary, sizeof summary, "%s \xC2\xB7 %s", packs, questions);
        }
    }
    if (app->packs.failure_count > 0 && s->mode != PACKS_BROWSE) {
        char broken[160];
        snprintf(broken, sizeof broken,
                 i18n_plural("%s pack file could not be loaded \xE2\x80\x94 see Packs.",
                             "%s pack files could not be loaded \xE2\x80\x94 see Packs.",
                             (int64_t)app->packs.failure_count),
                 ui_format_int((int64_t)app->packs.failure_count).text);
        size_t len = strlen(summary);
        snprintf(summary + len, sizeof summary - len, "\n%s", broken);
    }
    SDL_Rect col = theme_column(t, 0, 0);
    TextSpec ss = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    SDL_Rect box = {col.x, s->all_rect.y, s->all_rect.x - col.x - theme_px(t, 16), s->all_rect.h};
    SDL_Rect drawn = text_draw_fit(app->text, &ss, box, summary);
    app_record_widget(app, drawn, summary, WIDGET_TEXT);
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
    const Selection *sel = selection_of(app, s);
    for (int r = s->first; r < s->first + s->nav_rows; r++) {
        SDL_Rect rect = s->nav.rect[r - s->first];
        if (rect.y + rect.h < s->view.y || rect.y > s->view.y + s->view.h)
            continue;
        const Row *row = &s->rows[r];
        StrBuf tt = {0}, dd = {0};
        row_text(app, s, row, &tt, &dd);
        unsigned flags = nav_flag(&s->nav, r - s->first);
        bool check = s->mode != PACKS_BROWSE && row->kind != ROW_FAILURE;
        if (row->kind == ROW_FAILURE)
            flags |= WIDGET_DANGER;
        else if (check && row->index < sel->count &&
                 (row->kind == ROW_PACK ? sel->pack[row->index]
                                        : sel->topic[row->index][row->topic]))
            flags |= WIDGET_SELECTED;
        widget_tile(app, rect, strbuf_text(&tt), strbuf_text(&dd), check, flags);
        strbuf_free(&tt);
        strbuf_free(&dd);
    }
    SDL_RenderSetClipRect(app->renderer, NULL);
    widget_scrollbar(app, (SDL_Rect){s->view.x, s->view.y, s->view.w + theme_px(t, 10), s->view.h},
                     &s->scroll);

    if (s->has_buttons) {
        draw_summary(app, s);
        int ai = all_index(s), ci = continue_index(s);
        unsigned af = nav_flag(&s->nav, ai) | (s->nav.enabled[ai] ? 0u : WIDGET_DISABLED);
        unsigned cf = nav_flag(&s->nav, ci) | WIDGET_PRIMARY;
        if (!s->nav.enabled[ci])
            cf |= WIDGET_DISABLED;
        if (s->mode == PACKS_BROWSE) {
            widget_button(app, s->all_rect, _("Open folder"), af);
            widget_button(app, s->continue_rect, _("Reload"), cf);
        } else {
            widget_button(app, s->all_rect, any_ticked(app, s) ? _("Clear") : _("Select all"), af);
            widget_button(app, s->continue_rect, s->mode == PACKS_STUDY ? _("Done") : _("Continue"),
                          cf);
        }
    }
    widget_footer(app, footer_hint(s));
}

const Scene scene_packs = {
    .name = "packs",
    .state_size = sizeof(PacksState),
    .enter = packs_enter,
    .leave = packs_leave,
    .event = packs_event,
    .draw = packs_draw,
};
