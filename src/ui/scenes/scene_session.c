/* scene_session.c - a class session on a student's computer: the intro
 * (title, questions, time rules, open or not), the student's name, Start.
 *
 * The session is opened from `quizdeck --session FOLDER` (ui.h), or a
 * folder or session.yaml dropped on the window (scene_session_drop). The
 * student types their name; with a roster the names matching what they
 * typed are listed under the field (class_roster_filter), and a click or
 * Enter picks one. Start plays the attempt through the ordinary question,
 * feedback and results scenes: this scene owns the ClassSession and the
 * ClassPlay and sets app->class_play while it runs, and play_round.c sends
 * the answers to class_play.h. An attempt a kill left unfinished is
 * offered to its student: take it up, or hand it in as it stands.
 *
 * Opened from the menu without a folder, it lists the last sessions opened
 * on this computer (SESSION_RECENT_KEY): Enter or a click opens one, and
 * one whose folder has gone is shown as missing, and picking it removes it.
 * The list scrolls (keys, wheel) when the window or the text size leaves
 * it less room than it needs.
 *
 * What the session fixes is locked: there is no settings screen, no retry
 * and no free play from here. Read class_play.h first, then play_round.c.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "class_play.h"
#include "format.h"
#include "i18n.h"
#include "text_field.h"
#include "widgets.h"

#define SESSION_HINT _("Type your name    Up/Down  choose    Enter  start")

enum { SESSION_MATCHES_SHOWN = 6, SESSION_MATCHES_MAX = 64, SESSION_RECENT_MAX = 5 };

/* The recent sessions are a global setting, not a learner's: a class
 * computer is shared by students who each sign in under their own name (or
 * none), and the folder the teacher handed out belongs to the computer.
 * The value is one "title<TAB>folder" line per session, newest first. */
#define SESSION_RECENT_KEY "class.recent_sessions"
enum {
    SESSION_TITLE_SIZE = 256,
    SESSION_RECENT_TEXT = SESSION_RECENT_MAX * (CLASS_PATH_SIZE + SESSION_TITLE_SIZE)
};

typedef struct SessionRecent {
    char title[SESSION_TITLE_SIZE];
    char folder[CLASS_PATH_SIZE];
    bool missing; /* its session.yaml is no longer there */
} SessionRecent;

typedef struct SessionState {
    ClassSession cs;
    bool open;     /* cs was opened (close it) */
    bool launched; /* from --session: Esc does not lead to free play */
    ClassPlay play;
    TextField field;
    char editing[SDL_TEXTEDITINGEVENT_TEXT_SIZE];
    size_t match[SESSION_MATCHES_MAX];
    size_t match_count;
    char message[CLASS_MESSAGE_SIZE]; /* the last refusal or delivery, for the student */
    bool message_bad;
    char pending_name[CLASS_NAME_SIZE], pending_id[CLASS_NAME_SIZE];
    int64_t pending_round;
    Nav nav; /* 0 the field, 1..n the names shown, then Start */
    SDL_Rect field_rect, start_rect, results_rect, name_rect[SESSION_MATCHES_SHOWN];
    int shown, info_y;
    char dropped[CLASS_PATH_SIZE];            /* a dropped session's path, until enter reads it */
    SessionRecent recent[SESSION_RECENT_MAX]; /* shown while no session is open */
    int recent_count;
    SDL_Rect recent_rect[SESSION_RECENT_MAX];
    SDL_Rect recent_view; /* where the list is drawn, clipped */
    Scroll recent_scroll;
    char recent_text[SESSION_RECENT_TEXT]; /* the setting's value, read or written */
} SessionState;

static bool is_session(const char *path);

/* ---- the session ------------------------------------------------------- */

static int utc_offset_minutes(time_t now)
{
    struct tm local, utc;
    localtime_r(&now, &local);
    gmtime_r(&now, &utc);
    local.tm_isdst = 0;
    utc.tm_isdst = 0;
    double diff = difftime(mktime(&local), mktime(&utc));
    int minutes = (int)(diff / 60.0);
    return minutes < -1080 ? -1080 : minutes > 1080 ? 1080 : minutes;
}

static ClassPlaySetup play_setup(const App *app, const char *name, const char *id)
{
    int64_t now = app_unix_ms();
    uint64_t nonce = SDL_GetPerformanceCounter() ^ ((uint64_t)now << 20) ^ (uint64_t)(uintptr_t)app;
    return (ClassPlaySetup){
        .profile_id = app->profile_id,
        .name = name,
        .roster_id = id,
        .version = QUIZDECK_VERSION,
        .nonce = nonce,
        .now_ms = now,
        .utc_offset_minutes = utc_offset_minutes((time_t)(now / 1000)),
    };
}

static void set_message(SessionState *st, bool bad, const char *text)
{
    snprintf(st->message, sizeof st->message, "%s", i18n_message(text));
    st->message_bad = bad;
}

static void refilter(SessionState *st)
{
    st->match_count = 0;
    if (st->cs.ready && st->cs.session->roster)
        st->match_count =
            class_roster_filter(&st->cs, st->field.text, st->match, SESSION_MATCHES_MAX);
    if (st->match_count > SESSION_MATCHES_MAX)
        st->match_count = SESSION_MATCHES_MAX;
}

static void close_session(App *app, SessionState *st)
{
    if (app->class_play == &st->play)
        app->class_play = NULL;
    class_play_free(&st->play);
    if (st->open)
        class_session_close(&st->cs);
    st->open = false;
}

/* ---- recent sessions ------------------------------------------------------ */

/* Copies src into dst, cut to size - 1 bytes (never inside a UTF-8
 * sequence, so a long title stays valid text). */
static void copy_cut(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void recent_load(App *app, SessionState *st)
{
    st->recent_count = 0;
    if (app->store == NULL ||
        store_setting_get_text(app->store, STORE_GLOBAL, SESSION_RECENT_KEY, st->recent_text,
                               sizeof st->recent_text, NULL) != STORE_OK)
        return;
    char *line = st->recent_text;
    while (line && *line && st->recent_count < SESSION_RECENT_MAX) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        char *tab = strchr(line, '\t');
        if (tab) {
            *tab = '\0';
            SessionRecent *r = &st->recent[st->recent_count++];
            copy_cut(r->title, sizeof r->title, line);
            copy_cut(r->folder, sizeof r->folder, tab + 1);
            r->missing = !is_session(r->folder);
        }
        line = end ? end + 1 : NULL;
    }
}

static void recent_save(App *app, SessionState *st)
{
    if (app->store == NULL)
        return;
    size_t used = 0;
    st->recent_text[0] = '\0';
    for (int i = 0; i < st->recent_count; i++) {
        int n = snprintf(st->recent_text + used, sizeof st->recent_text - used, "%s\t%s\n",
                         st->recent[i].title, st->recent[i].folder);
        if (n < 0 || (size_t)n >= sizeof st->recent_text - used)
            break;
        used += (size_t)n;
    }
    StoreError err = {0};
    if (store_setting_set_text(app->store, STORE_GLOBAL, SESSION_RECENT_KEY, st->recent_text,
                               &err) != STORE_OK)
        app_notice(app, COLOR_WARN, "%s", i18n_message(err.message));
}

static void recent_remove(SessionState *st, int index)
{
    for (int i = index; i + 1 < st->recent_count; i++)
        st->recent[i] = st->recent[i + 1];
    st->recent_count--;
}

/* The session just opened goes to the top of the list (once; the oldest
 * falls off past SESSION_RECENT_MAX). Titles and paths with a tab or a
 * line break cannot be kept in the setting's lines: those are left out. */
static void recent_add(App *app, SessionState *st, const char *title, const char *folder)
{
    if (strpbrk(folder, "\t\n") || folder[0] == '\0')
        return;
    recent_load(app, st);
    for (int i = 0; i < st->recent_count; i++)
        if (strcmp(st->recent[i].folder, folder) == 0) {
            recent_remove(st, i);
            break;
        }
    if (st->recent_count == SESSION_RECENT_MAX)
        st->recent_count--;
    memmove(&st->recent[1], &st->recent[0], (size_t)st->recent_count * sizeof st->recent[0]);
    SessionRecent *r = &st->recent[0];
    copy_cut(r->title, sizeof r->title, title);
    for (char *c = r->title; *c; c++)
        if (*c == '\t' || *c == '\n')
            *c = ' ';
    copy_cut(r->folder, sizeof r->folder, folder);
    r->missing = false;
    st->recent_count++;
    recent_save(app, st);
}

static void open_session(App *app, SessionState *st, const char *path)
{
    close_session(app, st);
    ClassError err = {0};
    class_session_open(&st->cs, path, app->launch_paths, app->launch_path_count, &err);
    st->open = true;
    st->message[0] = '\0';
    if (!st->cs.ready) {
        set_message(st, true, err.message);
    } else {
        ClassIntro in;
        class_intro(&st->cs, 1.0, app_unix_ms(), &in);
        recent_add(app, st, in.title, st->cs.folder);
        if (app->store) /* files this computer kept for this session go now */
            class_deliver(app->store, &st->cs, app_unix_ms(), NULL, NULL);
    }
    text_field_clear(&st->field);
    refilter(st);
}

/* ---- starting, resuming ---------------------------------------------------- */

static void play_now(App *app, SessionState *st)
{
    app->class_play = &st->play;
    app_go(app, SCENE_QUESTION);
}

static void start_attempt(App *app, SessionState *st, const char *name, const char *id)
{
    ClassPlaySetup setup = play_setup(app, name, id);
    ClassError err = {0};
    ClassStatus status = class_play_start(&st->play, &st->cs, app->store, &setup, &err);
    if (status != CLASS_OK && status != CLASS_NOT_SAVED) {
        set_message(st, true, err.message);
        return;
    }
    if (status == CLASS_NOT_SAVED)
        app_notice(app, COLOR_WARN, "%s", i18n_message(err.message));
    play_now(app, st);
}

/* "Hand it in as stopped": the unfinished attempt is ended as it stands. */
static void hand_in(App *app, void *user)
{
    SessionState *st = user;
    ClassPlaySetup setup = play_setup(app, st->pending_name, st->pending_id);
    ClassDelivery d = {0};
    ClassError err = {0};
    ClassStatus status =
        class_pending_end(&st->cs, app->store, st->pending_round, &setup, &d, &err);
    if (status == CLASS_OK || status == CLASS_NOT_DELIVERED)
        set_message(st, !d.written, d.message);
    else
        set_message(st, true, err.message);
    st->pending_round = 0; /* handed in: nothing to resume */
    app_redraw(app);
}

static void resume(App *app, SessionState *st)
{
    ClassPlaySetup setup = play_setup(app, st->pending_name, st->pending_id);
    ClassError err = {0};
    ClassStatus status =
        class_play_resume(&st->play, &st->cs, app->store, st->pending_round, &setup, &err);
    if (status == CLASS_OK) {
        play_now(app, st);
    } else if (status == CLASS_TIME_UP || status == CLASS_OVER || status == CLASS_CHANGED) {
        class_play_free(&st->play); /* nothing left to play: it is handed in */
        hand_in(app, st);
    } else {
        set_message(st, true, err.message);
    }
}

/* The dialog's harmless answer (Enter, Esc) is to take the attempt up. */
static void ask_resume(App *app, SessionState *st)
{
    app_ask(app, &(AppAsk){
                     .title = _("You have an unfinished attempt"),
                     .body = _("Take it up where you left it (the answers given are kept), "
                               "or hand it in as it stands."),
                     .yes = _("Hand it in as stopped"),
                     .no = _("Resume"),
                     .yes_is_danger = true,
                     .on_yes = hand_in,
                     .user = st,
                 });
}

static void begin(App *app, SessionState *st, const char *name, const char *id)
{
    if (!st->cs.ready)
        return;
    ClassStudent who;
    ClassError err = {0};
    ClassStatus status = class_student_check(&st->cs, app->store, name, id, &who, &err);
    if (status == CLASS_BAD_STUDENT) {
        set_message(st, true, err.message);
        return;
    }
    if (who.unfinished_round_id != 0) {
        snprintf(st->pending_name, sizeof st->pending_name, "%s", who.name);
        snprintf(st->pending_id, sizeof st->pending_id, "%s", who.roster_id);
        st->pending_round = who.unfinished_round_id;
        ask_resume(app, st);
        return;
    }
    start_attempt(app, st, who.name, who.roster_id);
}

/* After the dialog: "no" (Resume, also Enter and Esc) closed it without
 * handing in, so pending_round is still set. */
static void after_ask(App *app, SessionState *st)
{
    if (st->pending_round != 0 && !app_asking(app)) {
        resume(app, st);
        st->pending_round = 0;
    }
}

/* ---- enter --------------------------------------------------------------- */

static void ssn_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    SessionState *st = state;
    if (app->class_play == &st->play) { /* back from the results: the next student */
        app->class_play = NULL;
        class_play_free(&st->play);
        text_field_clear(&st->field);
        refilter(st);
    }
    if (arg->session) {
        st->launched = arg->session_locked;
        open_session(app, st, arg->session);
    } else if (from == SCENE_TITLE) { /* "Class session" on the menu: the recent list */
        close_session(app, st);
        recent_load(app, st);
        nav_set_focus(&st->nav, 0);
        st->recent_scroll.offset = 0;
    }
    st->editing[0] = '\0';
    SDL_StartTextInput();
    app_redraw(app);
}

/* ---- layout, event ------------------------------------------------------- */

static void layout(App *app, SessionState *st, int top)
{
    const Theme *th = &app->theme;
    SDL_Rect c = theme_column(th, 760, 20);
    int bh = widget_button_height(app);
    int gap = theme_px(th, 8);
    int bottom = widget_footer_top(app, SESSION_HINT) - gap;
    int y = top;
    st->field_rect = (SDL_Rect){c.x, y, c.w, bh};
    y += bh + gap;
    st->shown = 0;
    int room = (bottom - bh - 3 * gap - y) / (bh + gap);
    int want =
        (int)(st->match_count < SESSION_MATCHES_SHOWN ? st->match_count : SESSION_MATCHES_SHOWN);
    st->shown = want < room ? want : room > 0 ? room : 0;
    for (int i = 0; i < st->shown; i++) {
        st->name_rect[i] = (SDL_Rect){c.x, y, c.w, bh};
        y += bh + gap;
    }
    st->start_rect = (SDL_Rect){c.x + c.w - theme_px(th, 240), y, theme_px(th, 240), bh};
    /* The teacher's way to the report, where the game was opened from the
     * menu (never on a class computer started with --session). */
    st->results_rect = (SDL_Rect){c.x, y, theme_px(th, 240), st->launched ? 0 : bh};
    st->info_y = y + bh + gap;
    nav_begin(&st->nav);
    nav_add(&st->nav, st->field_rect, true);
    for (int i = 0; i < st->shown; i++)
        nav_add(&st->nav, st->name_rect[i], true);
    nav_add(&st->nav, st->start_rect, st->cs.ready);
    if (!st->launched)
        nav_add(&st->nav, st->results_rect, st->cs.ready);
    nav_end(&st->nav);
}

static void pick(App *app, SessionState *st, int shown_index)
{
    const SessionStudent *s = &st->cs.session->students[st->match[shown_index]];
    text_field_set(&st->field, s->name);
    begin(app, st, s->name, s->id);
}

static void start_typed(App *app, SessionState *st)
{
    if (st->match_count == 1) /* one name left on the roster: that one */
        pick(app, st, 0);
    else
        begin(app, st, st->field.text, NULL);
}

/* The recent list's rows under the drop hint, from top down to the
 * footer: a view that scrolls when they do not all fit (with room for the
 * focus ring around each). */
static void recent_layout(App *app, SessionState *st, int top)
{
    const Theme *th = &app->theme;
    SDL_Rect c = theme_column(th, 760, 20);
    int bh = widget_button_detail_height(app);
    int gap = theme_px(th, 8);
    int ring = theme_px(th, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
    int bottom = widget_footer_top(app, "") - gap;
    st->recent_view = (SDL_Rect){c.x - ring, top - ring, c.w + 2 * ring, bottom - top + ring};
    scroll_set(&st->recent_scroll, st->recent_count * (bh + gap) - gap + 2 * ring,
               st->recent_view.h);
    int y = top - st->recent_scroll.offset;
    nav_begin(&st->nav);
    for (int i = 0; i < st->recent_count; i++, y += bh + gap) {
        st->recent_rect[i] = (SDL_Rect){c.x, y, c.w, bh};
        nav_add(&st->nav, st->recent_rect[i], true);
    }
    nav_end(&st->nav);
}

#define SESSION_DROP_HINT                                                                          \
    _("Drop the session folder your teacher gave you, or its session.yaml, on this window.")

/* Below the header and the drop hint (as wrapped at the column's width). */
static int recent_top(App *app)
{
    const Theme *th = &app->theme;
    SDL_Rect c = theme_column(th, 760, 20);
    TextSpec hs = {.style = TEXT_BODY, .wrap = c.w};
    return widget_header_bottom(app, _("Class session"), NULL) +
           text_measure(app->text, &hs, SESSION_DROP_HINT).y + theme_px(th, 16);
}

/* Enter or a click on a recent session opens it; on a missing one it is
 * removed from the list. Esc goes back (not handled here). */
static bool recent_event(App *app, SessionState *st, const UiEvent *event)
{
    recent_layout(app, st, recent_top(app));
    if (scroll_wheel_event(&st->recent_scroll, event, &app->theme)) {
        app_redraw(app);
        return true;
    }
    if (pointer_outside(event, st->recent_view))
        return false; /* rows scrolled out of the view are not there */
    bool moved = false;
    int hit = nav_event(&st->nav, event, &moved);
    if (moved && st->nav.focus < st->recent_count) {
        int ring = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
        int gap = theme_px(&app->theme, 8);
        int row = widget_button_detail_height(app) + gap;
        int at = st->nav.focus * row;
        scroll_show(&st->recent_scroll, at, at + row - gap + 2 * ring);
        app_redraw(app);
    }
    if (hit < 0 || hit >= st->recent_count)
        return event->action != ACTION_NONE && event->action != ACTION_BACK;
    if (st->recent[hit].missing) {
        recent_remove(st, hit);
        recent_save(app, st);
        app_redraw(app);
        return true;
    }
    snprintf(st->dropped, sizeof st->dropped, "%s", st->recent[hit].folder);
    st->launched = false;
    open_session(app, st, st->dropped);
    app_redraw(app);
    return true;
}

static bool ssn_event(App *app, void *state, const UiEvent *event)
{
    SessionState *st = state;
    const SDL_Event *e = event->sdl;
    if (!st->open)
        return recent_event(app, st, event);
    if (e->type == SDL_TEXTEDITING) {
        snprintf(st->editing, sizeof st->editing, "%s", e->edit.text);
        return true;
    }
    if (text_field_event(&st->field, event, text_is_rtl(st->field.text, NULL))) {
        st->editing[0] = '\0';
        st->message[0] = '\0';
        refilter(st);
        nav_set_focus(&st->nav, 0);
        return true;
    }
    if (event->action == ACTION_BACK)
        return st->launched; /* a class computer stays in the session */
    int hit = nav_event(&st->nav, event, NULL);
    if (hit < 0)
        return event->action != ACTION_NONE;
    if (hit >= 1 && hit <= st->shown)
        pick(app, st, hit - 1);
    else if (hit == st->shown + 2)
        app_go_with(app, SCENE_CLASS_RESULTS, &(SceneArg){.session = st->cs.folder});
    else
        start_typed(app, st);
    return true;
}

static void ssn_update(App *app, void *state, uint64_t now_ms)
{
    (void)now_ms;
    after_ask(app, state);
}

/* ---- draw ---------------------------------------------------------------- */

static void time_rules(const ClassIntro *in, char *out, size_t size)
{
    char per[128], total[128] = "";
    if (in->limit_max_ms <= 0) {
        snprintf(per, sizeof per, "%s", _("no time limit per question"));
    } else if (in->limit_min_ms == in->limit_max_ms) {
        snprintf(per, sizeof per, _("%s s per question"),
                 ui_format_int((in->limit_max_ms + 999) / 1000).text);
    } else {
        snprintf(per, sizeof per, _("%s to %s s per question"),
                 ui_format_int((in->limit_min_ms + 999) / 1000).text,
                 ui_format_int((in->limit_max_ms + 999) / 1000).text);
    }
    if (in->total_ms > 0)
        snprintf(total, sizeof total, _(", %s min in all"),
                 ui_format_int((in->total_ms + 59999) / 60000).text);
    snprintf(out, size, "%s%s", per, total);
}

static void ssn_draw(App *app, void *state)
{
    SessionState *st = state;
    const Theme *th = &app->theme;
    if (!st->open) { /* from the menu, before any session was opened */
        int y = widget_header(app, _("Class session"), NULL);
        SDL_Rect c = theme_column(th, 760, 20);
        TextSpec hs = {.style = TEXT_BODY, .wrap = c.w};
        const char *hint = SESSION_DROP_HINT;
        text_draw(app->text, &hs, c.x, y, hint);
        app_record_widget(app, (SDL_Rect){c.x, y, c.w, text_line_height(app->text, &hs)},
                          "session-drop", 0);
        recent_layout(app, st, recent_top(app));
        SDL_Rect view = st->recent_view;
        SDL_RenderSetClipRect(app->renderer, &view);
        for (int i = 0; i < st->recent_count; i++) {
            SDL_Rect r = st->recent_rect[i];
            if (r.y + r.h < view.y || r.y > view.y + view.h)
                continue;
            const SessionRecent *recent = &st->recent[i];
            char detail[CLASS_PATH_SIZE + 64];
            /* The path isolated, so that in Arabic its slashes stay put. */
            if (recent->missing)
                snprintf(detail, sizeof detail, _("Missing: %s (Enter removes it)"),
                         ui_isolate(recent->folder).text);
            else
                snprintf(detail, sizeof detail, "%s", recent->folder);
            widget_button_detail(app, r, recent->title, detail,
                                 nav_flag(&st->nav, i) | (recent->missing ? WIDGET_DISABLED : 0));
        }
        SDL_RenderSetClipRect(app->renderer, NULL);
        widget_scrollbar(app, view, &st->recent_scroll);
        widget_footer(app, "");
        return;
    }
    if (!st->cs.ready) {
        int y = widget_header(app, _("Class session"), _("This session cannot be played."));
        SDL_Rect c = theme_column(th, 760, 20);
        TextSpec es = {.style = TEXT_BODY, .wrap = c.w, .color = theme_color(COLOR_BAD)};
        int lh = text_line_height(app->text, &es);
        text_draw(app->text, &es, c.x, y, st->message);
        y += 2 * lh;
        TextSpec ds = {.style = TEXT_SMALL, .wrap = c.w, .color = theme_color(COLOR_TEXT_DIM)};
        for (size_t i = 0; i < st->cs.diags.count && i < 8; i++) {
            const Diag *d = &st->cs.diags.items[i];
            char line[DIAG_MAX_MESSAGE + 64];
            snprintf(line, sizeof line, "%s:%d: %s", d->file ? d->file : "", d->line,
                     d->message ? d->message : "");
            text_draw(app->text, &ds, c.x, y, line);
            y += text_line_height(app->text, &ds);
        }
        app_record_widget(app, c, "session-broken", 0);
        widget_footer(app, "");
        return;
    }
    ClassIntro in;
    class_intro(&st->cs, 1.0, app_unix_ms(), &in);
    char sub[400], rules[256], count[96];
    snprintf(count, sizeof count,
             i18n_plural("%s question", "%s questions", (int64_t)in.question_count),
             ui_format_int((int64_t)in.question_count).text);
    time_rules(&in, rules, sizeof rules);
    snprintf(sub, sizeof sub, "%s \xC2\xB7 %s", count, rules);
    int y = widget_header(app, in.title, sub);
    SDL_Rect c = theme_column(th, 760, 20);
    const char *window = in.window == CLASS_WINDOW_OPEN      ? _("Open now")
                         : in.window == CLASS_WINDOW_NOT_YET ? _("Not open yet")
                                                             : _("Closed");
    TextSpec ws = {.style = TEXT_LABEL,
                   .color = theme_color(in.window == CLASS_WINDOW_OPEN ? COLOR_GOOD : COLOR_BAD)};
    text_draw(app->text, &ws, c.x, y, window);
    app_record_widget(app, (SDL_Rect){c.x, y, c.w / 2, text_line_height(app->text, &ws)}, window,
                      0);
    y += text_line_height(app->text, &ws) + theme_px(th, 10);
    TextSpec qs = {.style = TEXT_LABEL};
    text_draw(app->text, &qs, c.x, y,
              in.roster ? _("Type your name, then pick it from the list:") : _("Your name:"));
    y += text_line_height(app->text, &qs) + theme_px(th, 6);
    layout(app, st, y);
    widget_text_field(app, st->field_rect, &st->field, st->editing, _("Your name"),
                      nav_flag(&st->nav, 0) | WIDGET_FOCUSED);
    for (int i = 0; i < st->shown; i++) {
        const SessionStudent *s = &st->cs.session->students[st->match[i]];
        widget_button(app, st->name_rect[i], s->name, nav_flag(&st->nav, i + 1));
    }
    widget_button(app, st->start_rect, _("Start"),
                  WIDGET_PRIMARY | nav_flag(&st->nav, st->shown + 1));
    if (!st->launched)
        widget_button(app, st->results_rect, _("Class results"), nav_flag(&st->nav, st->shown + 2));
    if (st->message[0]) {
        TextSpec ms = {.style = TEXT_SMALL,
                       .wrap = c.w,
                       .color = theme_color(st->message_bad ? COLOR_BAD : COLOR_GOOD)};
        text_draw(app->text, &ms, c.x, st->info_y, st->message);
        app_record_widget(app, (SDL_Rect){c.x, st->info_y, c.w, text_line_height(app->text, &ms)},
                          "session-message", 0);
    }
    widget_footer(app, SESSION_HINT);
}

/* ---- leave --------------------------------------------------------------- */

static void ssn_leave(App *app, void *state)
{
    (void)app;
    (void)state;
    SDL_StopTextInput();
}

void scene_session_close(App *app)
{
    SessionState *st = app->scene_state[SCENE_SESSION];
    if (st)
        close_session(app, st);
}

static bool is_session(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return false;
    if (S_ISDIR(sb.st_mode)) {
        char yaml[CLASS_PATH_SIZE];
        int n = snprintf(yaml, sizeof yaml, "%s/session.yaml", path);
        return n > 0 && (size_t)n < sizeof yaml && stat(yaml, &sb) == 0 && S_ISREG(sb.st_mode);
    }
    const char *base = strrchr(path, '/');
    return S_ISREG(sb.st_mode) && strcmp(base ? base + 1 : path, "session.yaml") == 0;
}

bool scene_session_drop(App *app, const char *path)
{
    SessionState *st = app->scene_state[SCENE_SESSION];
    if (!st || !is_session(path))
        return false;
    if (app->class_play && !class_play_is_over(app->class_play)) {
        app_notice(app, COLOR_WARN, "%s", _("Finish this attempt before opening another session."));
        return true;
    }
    snprintf(st->dropped, sizeof st->dropped, "%s", path);
    app_home(app);
    app_go_with(app, SCENE_SESSION,
                &(SceneArg){.session = st->dropped, .session_locked = st->launched});
    return true;
}

const Scene scene_session = {
    .name = "session",
    .state_size = sizeof(SessionState),
    .enter = ssn_enter,
    .leave = ssn_leave,
    .event = ssn_event,
    .update = ssn_update,
    .draw = ssn_draw,
};
