/* scene_title.c - the main menu: the game's name, who is learning, what
 * is loaded, and the ways on.
 *
 * The first entry is the short way back to a question, one key from
 * launch: "Resume your round" when the game was closed or killed mid-round
 * (app->resume), else "Continue" ("Play again" after a round this session)
 * with the packs and settings of last time, remembered per learner. Then
 * "Play a round" (choose packs), "Study flashcards" with the cards due
 * today, Progress, Packs and Class session side by side (one row, so the
 * menu is no taller than before and still fits 640x480 at 200 % text),
 * and a row of three small ones (learners, settings, quit). The focus
 * starts on the first entry. Class session opens the session screen on
 * its list of recent sessions (scene_session.c), which scrolls.
 *
 * Only entries that work are listed. Esc here moves the focus to Quit
 * rather than quitting, so a stray key never closes the game.
 */
#include <stdio.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "study_ui.h"
#include "widgets.h"

typedef enum TitleItem {
    ITEM_FIRST, /* Resume / Continue / Play again; absent when neither applies */
    ITEM_PLAY,
    ITEM_STUDY,
    ITEM_PROGRESS,
    ITEM_PACKS,
    ITEM_CLASS, /* the session screen without a folder: its recent sessions */
    ITEM_LEARNERS,
    ITEM_SETTINGS,
    ITEM_QUIT,
    ITEM_COUNT
} TitleItem;

static const char *const item_label[ITEM_COUNT] = {
    [ITEM_PLAY] = N_("Play a round"),   [ITEM_STUDY] = N_("Study flashcards"),
    [ITEM_PROGRESS] = N_("Progress"),   [ITEM_PACKS] = N_("Packs"),
    [ITEM_CLASS] = N_("Class session"), [ITEM_LEARNERS] = N_("Learners"),
    [ITEM_SETTINGS] = N_("Settings"),   [ITEM_QUIT] = N_("Quit"),
};

typedef enum FirstKind { FIRST_NONE, FIRST_RESUME, FIRST_CONTINUE } FirstKind;

typedef struct TitleState {
    Nav nav;
    int top;    /* y of the first button, pixels (from the last layout) */
    int name_y; /* y of the game's name */
    FirstKind first;
    bool details;    /* the big entries show their second line (room allows) */
    int due;         /* study cards for today; -1 unknown (no store) */
    char study[200]; /* "12 cards due today · 20 new" */
} TitleState;

/* ---- what the entries say -------------------------------------------------- */

/* The lines under the name: who, what is loaded, and any trouble. The name
 * is isolated (FSI ... PDI), so an Arabic name keeps the line in order:
 * "Learning as سارة أحمد · 4 packs loaded". */
static void status_lines(App *app, char *loaded, size_t n1, char *trouble, size_t n2)
{
    size_t q = 0;
    for (size_t i = 0; i < app->packs.pack_count; i++)
        q += app->packs.packs[i]->question_count;
    char who[STORE_NAME_MAX + 40] = "";
    char name[STORE_NAME_MAX + 1];
    if (study_ui_profile_name(app, name, sizeof name))
        snprintf(who, sizeof who, _("Learning as %s"), ui_isolate(name).text);
    const char *sep = who[0] ? " \xC2\xB7 " : "";
    if (app->packs.pack_count == 0) {
        snprintf(loaded, n1, "%s%s%s", who, sep,
                 _("No packs loaded yet. Drop a .yaml pack on this window to add one."));
    } else {
        char packs[80], questions[80];
        snprintf(packs, sizeof packs,
                 i18n_plural("%s pack loaded", "%s packs loaded", (int64_t)app->packs.pack_count),
                 ui_format_int((int64_t)app->packs.pack_count).text);
        snprintf(questions, sizeof questions,
                 i18n_plural("%s question", "%s questions", (int64_t)q),
                 ui_format_int((int64_t)q).text);
        snprintf(loaded, n1, "%s%s%s \xC2\xB7 %s", who, sep, packs, questions);
    }
    trouble[0] = '\0';
    if (app->packs.failure_count > 0)
        snprintf(trouble, n2,
                 i18n_plural("%s pack file could not be loaded \xE2\x80\x94 see Packs.",
                             "%s pack files could not be loaded \xE2\x80\x94 see Packs.",
                             (int64_t)app->packs.failure_count),
                 ui_format_int((int64_t)app->packs.failure_count).text);
}

/* Which first entry applies now. */
static FirstKind first_kind(const App *app)
{
    if (app->resume.round_id != 0)
        return FIRST_RESUME;
    if (app_selection_questions(app, NULL) > 0)
        return FIRST_CONTINUE;
    return FIRST_NONE;
}

/* The first entry's label and its second line. */
static void first_texts(const App *app, const TitleState *s, char *label, size_t ln, char *detail,
                        size_t dn)
{
    detail[0] = '\0';
    if (s->first == FIRST_RESUME) {
        snprintf(label, ln, "%s", _("Resume your round"));
        snprintf(detail, dn,
                 i18n_plural("%s of %s question answered", "%s of %s questions answered",
                             app->resume.question_count),
                 ui_format_int(app->resume.answered).text,
                 ui_format_int(app->resume.question_count).text);
        return;
    }
    snprintf(label, ln, "%s", app->played ? _("Play again") : _("Continue"));
    /* "Kuwait and the GCC + 2 more · 10 questions": what one key starts. */
    size_t ticked = 0;
    size_t offered = app_selection_questions(app, &ticked);
    const char *first = "";
    for (size_t i = 0; i < app->selection.count && i < app->packs.pack_count; i++)
        if (app->selection.pack[i]) {
            first = app->packs.packs[i]->title;
            break;
        }
    char packs[sizeof(UiIsolated) + 64];
    if (ticked > 1) {
        char more[48];
        snprintf(more, sizeof more, i18n_plural("+ %s more", "+ %s more", (int64_t)ticked - 1),
                 ui_format_int((int64_t)ticked - 1).text);
        snprintf(packs, sizeof packs, "%s %s", ui_isolate(first).text, more);
    } else {
        snprintf(packs, sizeof packs, "%s", ui_isolate(first).text);
    }
    size_t count =
        app->settings.question_count > 0 && (size_t)app->settings.question_count < offered
            ? (size_t)app->settings.question_count
            : offered;
    char questions[64];
    snprintf(questions, sizeof questions,
             i18n_plural("%s question", "%s questions", (int64_t)count),
             ui_format_int((int64_t)count).text);
    snprintf(detail, dn, "%s \xC2\xB7 %s", packs, questions);
}

/* The cards left to study today, counted as the study screen counts them
 * (study_ui_today) over the packs the learner studies: "5 due today ·
 * 10 new". From the stored cards only (study_ui_today_count): on every
 * visit of the title, a deck of every unseen card of a large pack would
 * cost its memory and time for two numbers. */
static void count_due(App *app, TitleState *s)
{
    s->due = -1;
    s->study[0] = '\0';
    if (app->store == NULL || app->packs.pack_count == 0)
        return;
    LearnSettings settings = study_ui_settings(app);
    FsrsDayRule rule = study_ui_rule(&settings);
    StudyUiToday today;
    if (!study_ui_today_count(app, &settings, app_unix_ms(), &rule, &today))
        return;
    size_t due = today.learning + today.review;
    s->due = (int)due;
    char fresh[64] = "";
    if (today.fresh > 0)
        snprintf(fresh, sizeof fresh, i18n_plural("%s new", "%s new", (int64_t)today.fresh),
                 ui_format_int((int64_t)today.fresh).text);
    if (due == 0 && today.fresh == 0) {
        snprintf(s->study, sizeof s->study, "%s", _("Nothing due today"));
    } else if (due == 0) {
        snprintf(s->study, sizeof s->study, _("Nothing due \xC2\xB7 %s today"), fresh);
    } else {
        char line[96];
        snprintf(line, sizeof line,
                 i18n_plural("%s card due today", "%s cards due today", (int64_t)due),
                 ui_format_int((int64_t)due).text);
        if (fresh[0])
            snprintf(s->study, sizeof s->study, "%s \xC2\xB7 %s", line, fresh);
        else
            snprintf(s->study, sizeof s->study, "%s", line);
    }
}

/* ---- layout ---------------------------------------------------------------- */

static void layout(App *app, TitleState *s)
{
    const Theme *t = &app->theme;
    s->first = first_kind(app);
    /* As wide as the labels of the two rows of three need at the
     * player's text size, within the window. */
    int bw = theme_px(t, 560); /* "Class session" in a row of three, in both languages */
    TextSpec ls = {.style = TEXT_LABEL};
    int gap0 = theme_px(t, 10);
    for (int i = ITEM_PROGRESS; i < ITEM_COUNT; i++) {
        int need =
            3 * (text_measure(app->text, &ls, _(item_label[i])).x + theme_px(t, 30)) + 2 * gap0;
        if (need > bw)
            bw = need;
    }
    if (bw > t->out_w - 2 * theme_px(t, THEME_MARGIN))
        bw = t->out_w - 2 * theme_px(t, THEME_MARGIN);
    int bh = widget_button_height(app);
    int dh = widget_button_detail_height(app);
    int gap = theme_px(t, 10);
    int rows_detail = (s->first != FIRST_NONE) + 1; /* the first entry and Study */
    int rows_plain = 4;                             /* Play, Progress|Packs|Class, the small row */
    if (s->first == FIRST_NONE)
        rows_plain = 3;
    /* The menu sits below the name, centred in what is left; when the
     * window (or a large text size) leaves too little room, the name's
     * block gives way first, then the second lines. */
    TextSpec name = {.style = TEXT_TITLE, .ignore_font_scale = true};
    TextSpec info = {.style = TEXT_BODY};
    int lines = 1 + (app->packs.failure_count > 0) + (app->store_message[0] != '\0');
    int status_h = lines * text_line_height(app->text, &info);
    int name_h = text_line_height(app->text, &name) + theme_px(t, 8);
    s->name_y = theme_px(t, 48);
    int min_top = s->name_y + name_h + theme_px(t, 14) + status_h + theme_px(t, 14);
    int floor_top = theme_px(t, 12) + name_h + theme_px(t, 8) + status_h / lines + theme_px(t, 8);
    int bottom = t->out_h - theme_px(t, 16);
    s->details = true;
    int total = rows_detail * dh + rows_plain * bh + (rows_detail + rows_plain - 1) * gap;
    if (floor_top + total > bottom) {
        s->details = false;
        dh = bh;
        total = (rows_detail + rows_plain) * bh + (rows_detail + rows_plain - 1) * gap;
    }
    int top = min_top + (bottom - theme_px(t, 8) - min_top - total) / 2;
    if (top < min_top)
        top = bottom - total < min_top ? bottom - total : min_top;
    if (top < floor_top)
        top = floor_top;
    s->top = top;
    /* The name moves up as far as it must to leave its lines their room. */
    int name_top = top - theme_px(t, 14) - status_h - theme_px(t, 14) - name_h;
    if (name_top < s->name_y)
        s->name_y = name_top > theme_px(t, 12) ? name_top : theme_px(t, 12);
    int x = (t->out_w - bw) / 2;
    int y = top;
    bool packs = app->packs.pack_count > 0;
    nav_begin(&s->nav);
    /* Every item has its slot; the first is empty when it does not apply. */
    if (s->first != FIRST_NONE) {
        nav_add(&s->nav, (SDL_Rect){x, y, bw, dh}, true);
        y += dh + gap;
    } else {
        nav_add(&s->nav, (SDL_Rect){x, y, 0, 0}, false);
    }
    nav_add(&s->nav, (SDL_Rect){x, y, bw, bh}, packs);
    y += bh + gap;
    nav_add(&s->nav, (SDL_Rect){x, y, bw, dh}, packs && app->store != NULL);
    y += dh + gap;
    /* Progress, Packs, Class session, then the small row: three equal
     * buttons each across the same width. */
    int small = (bw - 2 * gap) / 3;
    for (int i = ITEM_PROGRESS; i <= ITEM_CLASS; i++) {
        int k = i - ITEM_PROGRESS;
        int w = k == 2 ? bw - 2 * (small + gap) : small;
        nav_add(&s->nav, (SDL_Rect){x + k * (small + gap), y, w, bh}, true);
    }
    y += bh + gap;
    for (int i = ITEM_LEARNERS; i < ITEM_COUNT; i++) {
        int k = i - ITEM_LEARNERS;
        int w = k == 2 ? bw - 2 * (small + gap) : small;
        bool enabled = i != ITEM_LEARNERS || app->store != NULL;
        nav_add(&s->nav, (SDL_Rect){x + k * (small + gap), y, w, bh}, enabled);
    }
    nav_end(&s->nav);
}

/* ---- scene ----------------------------------------------------------------- */

static void title_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    TitleState *s = state;
    count_due(app, s);
    layout(app, s);
    /* At the start, and whenever the short way back changed, it has the
     * focus: one key from launch to a question. */
    if (from == SCENE_TITLE || from == SCENE_RESULTS || from == SCENE_QUESTION ||
        from == SCENE_FEEDBACK || from == SCENE_PROFILES)
        nav_set_focus(&s->nav, s->first != FIRST_NONE      ? ITEM_FIRST
                               : app->packs.pack_count > 0 ? ITEM_PLAY
                                                           : ITEM_PACKS);
    nav_end(&s->nav);
}

static void activate(App *app, int item)
{
    if (app_packs_loading(app) && (item == ITEM_FIRST || item == ITEM_PLAY || item == ITEM_STUDY)) {
        /* These need the packs: the loading line says how far they are. */
        char line[300];
        if (app_packs_loading_line(app, line, sizeof line))
            app_notice(app, COLOR_ACCENT, "%s", line);
        return;
    }
    switch (item) {
    case ITEM_FIRST:
        if (app->resume.round_id != 0)
            app_resume_round(app);
        else
            app_start_selected_round(app);
        break;
    case ITEM_PLAY:
        app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_CHOOSE});
        break;
    case ITEM_STUDY:
        app_go(app, SCENE_STUDY);
        break;
    case ITEM_PROGRESS:
        app_go(app, SCENE_PROGRESS);
        break;
    case ITEM_LEARNERS:
        app_go_with(app, SCENE_PROFILES, &(SceneArg){.profiles = PROFILES_MANAGE});
        break;
    case ITEM_PACKS:
        app_go_with(app, SCENE_PACKS, &(SceneArg){.packs = PACKS_BROWSE});
        break;
    case ITEM_CLASS:
        app_go_with(app, SCENE_SESSION, &(SceneArg){0});
        break;
    case ITEM_SETTINGS:
        app_go(app, SCENE_SETTINGS);
        break;
    case ITEM_QUIT:
        app_quit(app);
        break;
    default:
        break;
    }
}

static bool title_event(App *app, void *state, const UiEvent *event)
{
    TitleState *s = state;
    layout(app, s);
    if (event->action == ACTION_BACK) {
        nav_set_focus(&s->nav, ITEM_QUIT);
        return true;
    }
    /* Down from the wide entries above the row of three goes to its first
     * button (Progress, as before the row had three), not to the middle
     * one that is nearest by centre. */
    int f = s->nav.focus;
    if (event->action == ACTION_DOWN &&
        (f == ITEM_STUDY || (f == ITEM_PLAY && !s->nav.enabled[ITEM_STUDY]))) {
        nav_set_focus(&s->nav, ITEM_PROGRESS);
        app_redraw(app);
        return true;
    }
    int hit = nav_event(&s->nav, event, NULL);
    if (hit >= 0) {
        activate(app, hit);
        return true;
    }
    return event->action != ACTION_NONE;
}

static void title_draw(App *app, void *state)
{
    TitleState *s = state;
    const Theme *t = &app->theme;
    layout(app, s);

    /* The name: "quiz" in the text colour, "deck" in the accent. */
    TextSpec name = {.style = TEXT_TITLE, .ignore_font_scale = true};
    TextSpec accent = name;
    accent.color = theme_color(COLOR_ACCENT);
    int w1 = text_measure(app->text, &name, "quiz").x;
    int w2 = text_measure(app->text, &accent, "deck").x;
    int ny = s->name_y;
    int nx = (t->out_w - w1 - w2) / 2;
    /* The name is a Latin word: it reads "quizdeck" in a mirrored frame too. */
    SDL_Rect r1 = text_draw(app->text, &name, t->rtl ? nx + w2 : nx, ny, "quiz");
    text_draw(app->text, &accent, t->rtl ? nx : nx + w1, ny, "deck");

    /* A short accent rule under the name. */
    SDL_Rect rule = {(t->out_w - theme_px(t, 56)) / 2, r1.y + r1.h + theme_px(t, 4),
                     theme_px(t, 56), theme_px(t, 4)};
    ui_fill_round(app->renderer, rule, rule.h / 2, theme_color(COLOR_ACCENT));

    char loaded[400], trouble[160];
    status_lines(app, loaded, sizeof loaded, trouble, sizeof trouble);
    if (app_packs_loading_line(app, loaded, sizeof loaded))
        trouble[0] = '\0'; /* the packs are not known yet */
    int wrap = t->out_w - 2 * theme_px(t, THEME_MARGIN);
    TextSpec info = {.style = TEXT_BODY,
                     .color = theme_color(COLOR_TEXT_DIM),
                     .align = TEXT_ALIGN_CENTER,
                     .wrap = wrap};
    int y = rule.y + rule.h + theme_px(t, 10);
    SDL_Rect box = {theme_px(t, THEME_MARGIN), y, wrap, s->top - y - theme_px(t, 4)};
    /* Status lines share the space between the name and the menu. */
    int line = text_line_height(app->text, &info);
    SDL_Rect drawn = text_draw_fit(app->text, &info, (SDL_Rect){box.x, box.y, box.w, line}, loaded);
    app_record_widget(app, drawn, loaded, WIDGET_TEXT);
    int ly = drawn.y + drawn.h + theme_px(t, 4);
    if (trouble[0] && ly + line <= box.y + box.h) {
        TextSpec warn = info;
        warn.color = theme_color(COLOR_WARN);
        SDL_Rect d = text_draw_fit(app->text, &warn, (SDL_Rect){box.x, ly, box.w, line}, trouble);
        ly = d.y + d.h + theme_px(t, 4);
    }
    if (app->store_message[0] && ly < box.y + box.h) {
        TextSpec warn = info;
        warn.style = TEXT_SMALL;
        warn.color = theme_color(COLOR_WARN);
        text_draw_fit(app->text, &warn, (SDL_Rect){box.x, ly, box.w, box.y + box.h - ly},
                      app->store_message);
    }

    for (int i = 0; i < ITEM_COUNT; i++) {
        if (s->nav.rect[i].w <= 0)
            continue; /* no first entry */
        unsigned flags = nav_flag(&s->nav, i);
        if (i == ITEM_FIRST || (i == ITEM_PLAY && s->first == FIRST_NONE))
            flags |= WIDGET_PRIMARY;
        if (!s->nav.enabled[i])
            flags |= WIDGET_DISABLED;
        if (i == ITEM_FIRST) {
            char label[96], detail[PACK_MAX_STRING + 160];
            first_texts(app, s, label, sizeof label, detail, sizeof detail);
            widget_button_detail(app, s->nav.rect[i], label, s->details ? detail : NULL, flags);
        } else if (i == ITEM_STUDY && s->study[0] && s->details) {
            widget_button_detail(app, s->nav.rect[i], _(item_label[i]), s->study, flags);
        } else {
            widget_button(app, s->nav.rect[i], _(item_label[i]), flags);
        }
    }
}

const Scene scene_title = {
    .name = "title",
    .state_size = sizeof(TitleState),
    .enter = title_enter,
    .event = title_event,
    .draw = title_draw,
};
