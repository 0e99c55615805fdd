/* scene_profiles.c - who is learning: several learners share one class
 * computer, and rounds, reviews and settings belong to each of them.
 *
 *   list     every learner (the current one ticked); Enter or a click
 *            switches to that learner and goes back to the title; buttons
 *            add a learner, rename or delete the highlighted one
 *   name     a text field for a new name or a rename, in any script
 *            (SDL text input, IME composition shown while typing)
 *   confirm  deleting a learner removes all their progress: asked first,
 *            with "Keep" focused
 *
 * Opened with PROFILES_FIRST_LAUNCH (SceneArg.profiles, scenes.h) it opens on
 * the name field and cannot be left without a name: the first learner is
 * added, or the store's automatic first profile is renamed.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "study_ui.h"
#include "widgets.h"

typedef enum ProfilesMode { MODE_LIST, MODE_NAME, MODE_CONFIRM } ProfilesMode;

typedef struct ProfilesState {
    StoreProfileList list;
    ProfilesMode mode;
    bool first_launch;
    int64_t renaming; /* profile being renamed in MODE_NAME; 0 = adding */
    int selected;     /* list row the Rename / Delete buttons act on */
    TextField field;
    char editing[SDL_TEXTEDITINGEVENT_TEXT_SIZE]; /* IME text not yet committed */
    char error[STORE_MESSAGE_SIZE + 128];
    Nav nav;
    Scroll scroll;
    SDL_Rect view; /* the list's visible area (MODE_LIST) */
    int rows_h;    /* the list's content height */
} ProfilesState;

enum { LIST_ADD, LIST_RENAME, LIST_DELETE, LIST_BUTTONS }; /* after the rows */

/* ---- data ------------------------------------------------------------------- */

static void reload(App *app, ProfilesState *s)
{
    store_profile_list_free(&s->list);
    if (app->store != NULL)
        store_profile_list(app->store, &s->list, NULL);
    if (s->selected >= (int)s->list.count)
        s->selected = s->list.count ? (int)s->list.count - 1 : 0;
}

static int index_of(const ProfilesState *s, int64_t id)
{
    for (size_t i = 0; i < s->list.count; i++)
        if (s->list.items[i].id == id)
            return (int)i;
    return -1;
}

static const char *selected_name(const ProfilesState *s)
{
    return s->selected < (int)s->list.count ? s->list.items[s->selected].name : "";
}

static void set_mode(ProfilesState *s, ProfilesMode mode)
{
    s->mode = mode;
    s->nav.focus = 0;
    s->nav.pressed = -1;
    s->error[0] = '\0';
    if (mode == MODE_NAME)
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
}

static void start_name(ProfilesState *s, int64_t renaming)
{
    s->renaming = renaming;
    text_field_clear(&s->field);
    s->editing[0] = '\0';
    if (renaming != 0) {
        int i = index_of(s, renaming);
        if (i >= 0) {
            text_field_set(&s->field, s->list.items[i].name);
        }
    }
    set_mode(s, MODE_NAME);
}

static void switch_to(App *app, int64_t id, const char *name)
{
    app_set_profile(app, id);
    app_notice(app, COLOR_ACCENT, _("Now learning: %s"), ui_isolate(name).text);
    app_home(app);
}

/* ---- actions ---------------------------------------------------------------- */

static void save_name(App *app, ProfilesState *s)
{
    if (app->store == NULL) {
        snprintf(s->error, sizeof s->error, "%s",
                 app->store_message[0] ? app->store_message
                                       : _("There is no save file, so learners cannot be kept."));
        return;
    }
    StoreError err;
    StoreStatus st;
    int64_t id = s->renaming;
    if (id != 0)
        st = store_profile_rename(app->store, id, s->field.text, &err);
    else
        st = store_profile_add(app->store, s->field.text, app_unix_ms(), &id, &err);
    if (st == STORE_EXISTS) {
        snprintf(s->error, sizeof s->error, "%s",
                 _("Someone is called that already. Add a letter or a "
                   "surname."));
        return;
    }
    if (st == STORE_INVALID) {
        snprintf(s->error, sizeof s->error, _("Type a name: 1 to %s letters, not only spaces."),
                 ui_format_int(STORE_NAME_MAX).text);
        return;
    }
    if (st != STORE_OK) {
        snprintf(s->error, sizeof s->error, "%s", i18n_message(err.message));
        return;
    }
    reload(app, s);
    int i = index_of(s, id);
    const char *name = i >= 0 ? s->list.items[i].name : s->field.text;
    /* A new learner is the one at the keyboard; a rename of the current
     * learner keeps them; renaming someone else stays on the list. */
    if (s->renaming == 0 || s->first_launch) {
        s->first_launch = false;
        switch_to(app, id, name);
        return;
    }
    if (i >= 0)
        s->selected = i;
    set_mode(s, MODE_LIST);
    s->nav.focus = s->selected;
}

static void delete_selected(App *app, ProfilesState *s)
{
    if (app->store == NULL || s->selected >= (int)s->list.count)
        return;
    int64_t id = s->list.items[s->selected].id;
    char name[STORE_NAME_MAX + 1];
    snprintf(name, sizeof name, "%s", s->list.items[s->selected].name);
    StoreError err;
    if (store_profile_delete(app->store, id, &err) != STORE_OK) {
        app_notice(app, COLOR_BAD, _("%s could not be deleted: %s"), ui_isolate(name).text,
                   i18n_message(err.message));
        set_mode(s, MODE_LIST);
        return;
    }
    reload(app, s);
    app_notice(app, COLOR_WARN, _("%s and all their progress were deleted."),
               ui_isolate(name).text);
    if (s->list.count == 0) {
        app->profile_id = 0;
        s->first_launch = true;
        start_name(s, 0);
        return;
    }
    if (app->profile_id == id) /* the current learner went: the next one plays */
        app_set_profile(app, s->list.items[0].id);
    set_mode(s, MODE_LIST);
    s->nav.focus = s->selected;
}

/* ---- layout ----------------------------------------------------------------- */

static const char *title_of(const ProfilesState *s)
{
    if (s->mode == MODE_NAME)
        return s->first_launch ? _("Welcome to quizdeck")
               : s->renaming   ? _("Rename")
                               : _("Add a learner");
    if (s->mode == MODE_CONFIRM)
        return _("Delete a learner");
    return _("Learners");
}

static const char *subtitle_of(const ProfilesState *s)
{
    if (s->mode == MODE_LIST)
        return _("Each learner has their own rounds, flashcards and settings.");
    return NULL;
}

static const char *hint_of(const ProfilesState *s)
{
    switch (s->mode) {
    case MODE_LIST:
        return _("\xE2\x86\x91\xE2\x86\x93 choose    Enter  switch    Esc  back");
    case MODE_NAME:
        return s->first_launch ? _("Type your name    Enter  save")
                               : _("Type a name    Enter  save    Esc  cancel");
    case MODE_CONFIRM:
        return _("\xE2\x86\x90\xE2\x86\x92 choose    Enter  confirm    Esc  keep");
    }
    return "";
}

/* One row: a name line and a detail line, as tall as the tile needs. */
static int row_height(App *app, int width)
{
    int h = widget_tile_height(app, width, "Name", _("Last used 3d ago"), true);
    int min = theme_px(&app->theme, THEME_ROW_H);
    return h > min ? h : min;
}

static void layout(App *app, ProfilesState *s)
{
    const Theme *t = &app->theme;
    int top = widget_header_bottom(app, title_of(s), subtitle_of(s));
    int bottom = widget_footer_top(app, hint_of(s));
    SDL_Rect col = theme_column(t, 640, 0);
    int gap = theme_px(t, THEME_GAP);
    int bh = widget_button_height(app);
    nav_begin(&s->nav);
    if (s->mode == MODE_LIST) {
        int row = row_height(app, col.w);
        int ring = theme_px(t, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
        s->rows_h = (int)s->list.count * (row + theme_px(t, 10)) + 2 * ring;
        /* The buttons follow the list, or sit at the bottom when it scrolls. */
        int buttons_y = top + s->rows_h + gap;
        if (buttons_y > bottom - bh - ring)
            buttons_y = bottom - bh - ring;
        s->view = (SDL_Rect){col.x - ring, top, col.w + 2 * ring, buttons_y - gap - top};
        scroll_set(&s->scroll, s->rows_h, s->view.h);
        int y = top + ring - s->scroll.offset;
        for (size_t i = 0; i < s->list.count; i++, y += row + theme_px(t, 10))
            nav_add(&s->nav, (SDL_Rect){col.x, y, col.w, row}, true);
        int bw = (col.w - 2 * gap) / 3;
        bool any = s->list.count > 0 && app->store != NULL;
        nav_add(&s->nav, (SDL_Rect){col.x, buttons_y, bw, bh}, app->store != NULL);
        nav_add(&s->nav, (SDL_Rect){col.x + bw + gap, buttons_y, bw, bh}, any);
        nav_add(&s->nav, (SDL_Rect){col.x + 2 * (bw + gap), buttons_y, bw, bh}, any);
    } else if (s->mode == MODE_NAME) {
        int y = top + theme_px(t, 70);
        nav_add(&s->nav, (SDL_Rect){col.x, y, col.w, bh}, true);
        y += bh + theme_px(t, 56);
        int bw = theme_px(t, 200);
        if (s->first_launch) {
            nav_add(&s->nav, (SDL_Rect){col.x + (col.w - bw) / 2, y, bw, bh}, true);
        } else {
            nav_add(&s->nav, (SDL_Rect){col.x + col.w / 2 - bw - gap / 2, y, bw, bh}, true);
            nav_add(&s->nav, (SDL_Rect){col.x + col.w / 2 + gap / 2, y, bw, bh}, true);
        }
    } else {
        int y = top + theme_px(t, 150);
        int bw = theme_px(t, 200);
        nav_add(&s->nav, (SDL_Rect){col.x + col.w / 2 - bw - gap / 2, y, bw, bh}, true);
        nav_add(&s->nav, (SDL_Rect){col.x + col.w / 2 + gap / 2, y, bw, bh}, true);
    }
    nav_end(&s->nav);
}

/* ---- scene ------------------------------------------------------------------ */

static void profiles_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    ProfilesState *s = state;
    (void)from;
    s->first_launch = arg->profiles == PROFILES_FIRST_LAUNCH;
    s->scroll.offset = 0;
    reload(app, s);
    int current = index_of(s, app->profile_id);
    s->selected = current >= 0 ? current : 0;
    if (s->first_launch || (s->list.count == 0 && app->store != NULL)) {
        s->first_launch = true;
        /* The store may have made a first profile already: name that one. */
        start_name(s, current >= 0 ? app->profile_id : 0);
        text_field_clear(&s->field);
        return;
    }
    set_mode(s, MODE_LIST);
    s->nav.focus = s->selected;
}

static void profiles_leave(App *app, void *state)
{
    ProfilesState *s = state;
    (void)app;
    SDL_StopTextInput();
    store_profile_list_free(&s->list);
}

static bool list_event(App *app, ProfilesState *s, const UiEvent *event)
{
    if (scroll_wheel_event(&s->scroll, event, &app->theme))
        return true;
    int rows = (int)s->list.count;
    bool changed = false;
    int hit = nav_event(&s->nav, event, &changed);
    if (changed && s->nav.focus < rows) {
        s->selected = s->nav.focus;
        int ring = theme_px(&app->theme, THEME_FOCUS_GAP + THEME_FOCUS_W) + 1;
        int row = row_height(app, s->view.w - 2 * ring) + theme_px(&app->theme, 10);
        scroll_show(&s->scroll, s->selected * row, s->selected * row + row + 2 * ring);
    }
    if (hit < 0)
        return event->action != ACTION_NONE && event->action != ACTION_BACK;
    if (hit < rows) {
        switch_to(app, s->list.items[hit].id, s->list.items[hit].name);
    } else if (hit - rows == LIST_ADD) {
        start_name(s, 0);
    } else if (hit - rows == LIST_RENAME) {
        start_name(s, s->list.items[s->selected].id);
    } else if (hit - rows == LIST_DELETE) {
        set_mode(s, MODE_CONFIRM);
        s->nav.focus = 0; /* Keep */
    }
    return true;
}

static bool name_event(App *app, ProfilesState *s, const UiEvent *event)
{
    const SDL_Event *e = event->sdl;
    if (e->type == SDL_TEXTEDITING) {
        snprintf(s->editing, sizeof s->editing, "%s", e->edit.text);
        return true;
    }
    if (text_field_event(&s->field, event, text_is_rtl(s->field.text, NULL))) {
        s->editing[0] = '\0';
        s->error[0] = '\0';
        return true;
    }
    if (event->action == ACTION_BACK) {
        if (!s->first_launch) {
            set_mode(s, MODE_LIST);
            s->nav.focus = s->selected;
        }
        return true;
    }
    int hit = nav_event(&s->nav, event, NULL);
    if (hit == 0 || hit == 1)
        save_name(app, s);
    else if (hit == 2) {
        set_mode(s, MODE_LIST);
        s->nav.focus = s->selected;
    }
    /* The first learner must be named: no way out, not even the Back pill. */
    return hit >= 0 || event->action != ACTION_NONE || s->first_launch;
}

static bool confirm_event(App *app, ProfilesState *s, const UiEvent *event)
{
    if (event->action == ACTION_BACK) {
        set_mode(s, MODE_LIST);
        s->nav.focus = s->selected;
        return true;
    }
    int hit = nav_event(&s->nav, event, NULL);
    if (hit == 0) {
        set_mode(s, MODE_LIST);
        s->nav.focus = s->selected;
    } else if (hit == 1) {
        delete_selected(app, s);
    }
    return hit >= 0 || event->action != ACTION_NONE;
}

static bool profiles_event(App *app, void *state, const UiEvent *event)
{
    ProfilesState *s = state;
    layout(app, s);
    switch (s->mode) {
    case MODE_LIST:
        return list_event(app, s, event);
    case MODE_NAME:
        return name_event(app, s, event);
    case MODE_CONFIRM:
        return confirm_event(app, s, event);
    }
    return false;
}

/* ---- drawing ---------------------------------------------------------------- */

static void last_used_text(const StoreProfile *p, bool current, char *buf, size_t size)
{
    if (current) {
        snprintf(buf, size, "%s", _("Learning now"));
        return;
    }
    if (p->last_used_at <= 0) {
        snprintf(buf, size, "%s", _("Not used yet"));
        return;
    }
    char ago[16];
    fsrs_format_interval(app_unix_ms() - p->last_used_at, ago, sizeof ago);
    ui_localize_digits(ago, sizeof ago);
    snprintf(buf, size, _("Last used %s ago"), ago);
}

static void draw_list(App *app, ProfilesState *s)
{
    const Theme *t = &app->theme;
    int rows = (int)s->list.count;
    if (rows == 0) {
        TextSpec e = {.style = TEXT_BODY,
                      .color = theme_color(COLOR_TEXT_DIM),
                      .align = TEXT_ALIGN_CENTER,
                      .wrap = s->view.w};
        text_draw(app->text, &e, s->view.x, s->view.y + theme_px(t, 40),
                  app->store ? _("No learners yet. Add one below.")
                             : (app->store_message[0] ? app->store_message
                                                      : _("Progress is not being saved.")));
    }
    SDL_RenderSetClipRect(app->renderer, &s->view);
    for (int i = 0; i < rows; i++) {
        SDL_Rect r = s->nav.rect[i];
        if (r.y + r.h < s->view.y || r.y > s->view.y + s->view.h)
            continue;
        const StoreProfile *p = &s->list.items[i];
        bool current = p->id == app->profile_id;
        char detail[64];
        last_used_text(p, current, detail, sizeof detail);
        unsigned flags = nav_flag(&s->nav, i) | (current ? WIDGET_SELECTED : 0u);
        widget_tile(app, r, p->name, detail, true, flags);
    }
    SDL_RenderSetClipRect(app->renderer, NULL);
    widget_scrollbar(app, s->view, &s->scroll);

    char rename[STORE_NAME_MAX + 16], del[STORE_NAME_MAX + 16];
    snprintf(rename, sizeof rename, _("Rename %s"), rows ? ui_isolate(selected_name(s)).text : "");
    snprintf(del, sizeof del, _("Delete %s"), rows ? ui_isolate(selected_name(s)).text : "");
    const char *labels[LIST_BUTTONS] = {_("Add learner"), rename, del};
    for (int b = 0; b < LIST_BUTTONS; b++) {
        int i = rows + b;
        unsigned flags = nav_flag(&s->nav, i) | (s->nav.enabled[i] ? 0u : WIDGET_DISABLED);
        if (b == LIST_ADD)
            flags |= WIDGET_PRIMARY;
        widget_button(app, s->nav.rect[i], labels[b], flags);
    }
}

static void draw_name(App *app, ProfilesState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect field = s->nav.rect[0];
    TextSpec q = {.style = TEXT_HEADING, .wrap = field.w};
    const char *ask = s->first_launch ? _("What is your name?")
                      : s->renaming   ? _("The new name:")
                                      : _("The learner's name:");
    text_draw(app->text, &q, field.x, field.y - theme_px(t, 52), ask);
    widget_text_field(app, field, &s->field, s->editing,
                      _("Any language: Sara, \xD8\xB3\xD8\xA7\xD8\xB1\xD8\xA9, ..."),
                      nav_flag(&s->nav, 0) | WIDGET_FOCUSED);
    TextSpec m = {.style = TEXT_SMALL,
                  .wrap = field.w,
                  .color = theme_color(s->error[0] ? COLOR_BAD : COLOR_TEXT_DIM)};
    text_draw(app->text, &m, field.x, field.y + field.h + theme_px(t, 10),
              s->error[0] ? s->error
                          : _("Your rounds, flashcards and settings are kept under this name."));
    widget_button(app, s->nav.rect[1], _("Save"), nav_flag(&s->nav, 1) | WIDGET_PRIMARY);
    if (!s->first_launch)
        widget_button(app, s->nav.rect[2], _("Cancel"), nav_flag(&s->nav, 2));
}

static void draw_confirm(App *app, ProfilesState *s)
{
    const Theme *t = &app->theme;
    SDL_Rect col = theme_column(t, 640, 0);
    int y = s->nav.rect[0].y - theme_px(t, 150);
    char q[STORE_NAME_MAX + 32];
    snprintf(q, sizeof q, _("Delete %s?"), ui_isolate(selected_name(s)).text);
    TextSpec qs = {.style = TEXT_HEADING, .wrap = col.w, .align = TEXT_ALIGN_CENTER};
    SDL_Rect d = text_draw(app->text, &qs, col.x, y, q);
    TextSpec ds = {.style = TEXT_BODY,
                   .wrap = col.w,
                   .align = TEXT_ALIGN_CENTER,
                   .color = theme_color(COLOR_TEXT_DIM)};
    text_draw(app->text, &ds, col.x, d.y + d.h + theme_px(t, 14),
              _("All their rounds, answers, flashcards and settings will be removed from this "
                "computer. This cannot be undone."));
    widget_button(app, s->nav.rect[0], _("Keep"), nav_flag(&s->nav, 0) | WIDGET_PRIMARY);
    widget_button(app, s->nav.rect[1], _("Delete"), nav_flag(&s->nav, 1) | WIDGET_DANGER);
}

static void profiles_draw(App *app, void *state)
{
    ProfilesState *s = state;
    layout(app, s);
    if (s->first_launch) {
        /* No "Esc Back" pill: the first learner has to be named. */
        SDL_Rect col = theme_column(&app->theme, 0, THEME_MARGIN);
        TextSpec hs = {.style = TEXT_HEADING, .wrap = col.w};
        text_draw(app->text, &hs, col.x, col.y, title_of(s));
        app_set_back_button(app, (SDL_Rect){0, 0, 0, 0});
    } else {
        widget_header(app, title_of(s), subtitle_of(s));
    }
    widget_footer(app, hint_of(s));
    switch (s->mode) {
    case MODE_LIST:
        draw_list(app, s);
        break;
    case MODE_NAME:
        draw_name(app, s);
        break;
    case MODE_CONFIRM:
        draw_confirm(app, s);
        break;
    }
}

const Scene scene_profiles = {
    .name = "profiles",
    .state_size = sizeof(ProfilesState),
    .enter = profiles_enter,
    .leave = profiles_leave,
    .event = profiles_event,
    .draw = profiles_draw,
};
