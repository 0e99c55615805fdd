/* scene_title.c - the main menu: the game's name, who is learning, what
 * is loaded, and the ways on: four big entries (play, study, progress,
 * packs) and a row of three small ones (learners, settings, quit).
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
    ITEM_PLAY,
    ITEM_STUDY,
    ITEM_PROGRESS,
    ITEM_PACKS,
    ITEM_LEARNERS,
    ITEM_SETTINGS,
    ITEM_QUIT,
    ITEM_COUNT
} TitleItem;

enum { BIG_ITEMS = ITEM_LEARNERS }; /* the first four are full width */

static const char *const item_label[ITEM_COUNT] = {
    [ITEM_PLAY] = N_("Play a round"), [ITEM_STUDY] = N_("Study flashcards"),
    [ITEM_PROGRESS] = N_("Progress"), [ITEM_PACKS] = N_("Packs"),
    [ITEM_LEARNERS] = N_("Learners"), [ITEM_SETTINGS] = N_("Settings"),
    [ITEM_QUIT] = N_("Quit"),
};

typedef struct TitleState {
    Nav nav;
    int top; /* y of the first button, pixels (from the last layout) */
} TitleState;

/* The lines under the name: who, what is loaded, and any trouble. */
static void status_lines(App *app, char *loaded, size_t n1, char *trouble, size_t n2)
{
    size_t q = 0;
    for (size_t i = 0; i < app->packs.pack_count; i++)
        q += app->packs.packs[i]->question_count;
    char who[STORE_NAME_MAX + 40] = "";
    char name[STORE_NAME_MAX + 1];
    if (study_ui_profile_name(app, name, sizeof name))
        snprintf(who, sizeof who, _("Learning as %s"), name);
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

static void layout(App *app, TitleState *s)
{
    const Theme *t = &app->theme;
    int bw = theme_px(t, 384);
    int bh = theme_px(t, 50);
    int gap = theme_px(t, 10);
    int total = (BIG_ITEMS + 1) * bh + BIG_ITEMS * gap + theme_px(t, 8);
    /* The menu sits below the name, centred in what is left. */
    int min_top = theme_px(t, 236);
    int top = min_top + (t->out_h - theme_px(t, 24) - min_top - total) / 2;
    if (top < min_top)
        top = min_top;
    s->top = top;
    int x = (t->out_w - bw) / 2;
    nav_begin(&s->nav);
    for (int i = 0; i < BIG_ITEMS; i++) {
        bool enabled = !((i == ITEM_PLAY || i == ITEM_STUDY) && app->packs.pack_count == 0) &&
                       !(i == ITEM_STUDY && !app->store);
        nav_add(&s->nav, (SDL_Rect){x, top + i * (bh + gap), bw, bh}, enabled);
    }
    /* The small row: three equal buttons across the same width. */
    int y = top + BIG_ITEMS * (bh + gap) + theme_px(t, 8);
    int small = (bw - 2 * gap) / 3;
    for (int i = BIG_ITEMS; i < ITEM_COUNT; i++) {
        int k = i - BIG_ITEMS;
        int w = k == 2 ? bw - 2 * (small + gap) : small;
        bool enabled = i != ITEM_LEARNERS || app->store != NULL;
        nav_add(&s->nav, (SDL_Rect){x + k * (small + gap), y, w, bh}, enabled);
    }
    nav_end(&s->nav);
}

static void title_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    TitleState *s = state;
    (void)from;
    layout(app, s);
    if (from == SCENE_TITLE) /* first start */
        nav_set_focus(&s->nav, app->packs.pack_count > 0 ? ITEM_PLAY : ITEM_PACKS);
}

static void activate(App *app, int item)
{
    switch (item) {
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
    int ny = theme_px(t, 56);
    int nx = (t->out_w - w1 - w2) / 2;
    SDL_Rect r1 = text_draw(app->text, &name, nx, ny, "quiz");
    text_draw(app->text, &accent, nx + w1, ny, "deck");
    /* A short accent rule under the name. */
    SDL_Rect rule = {(t->out_w - theme_px(t, 56)) / 2, r1.y + r1.h + theme_px(t, 4),
                     theme_px(t, 56), theme_px(t, 4)};
    ui_fill_round(app->renderer, rule, rule.h / 2, theme_color(COLOR_ACCENT));

    char loaded[400], trouble[160];
    status_lines(app, loaded, sizeof loaded, trouble, sizeof trouble);
    int wrap = t->out_w - 2 * theme_px(t, THEME_MARGIN);
    TextSpec info = {.style = TEXT_BODY,
                     .color = theme_color(COLOR_TEXT_DIM),
                     .align = TEXT_ALIGN_CENTER,
                     .wrap = wrap};
    int y = rule.y + rule.h + theme_px(t, 16);
    SDL_Rect box = {theme_px(t, THEME_MARGIN), y, wrap, s->top - y - theme_px(t, 8)};
    /* Status lines share the space between the name and the menu. */
    char lines[600];
    snprintf(lines, sizeof lines, "%s", loaded);
    SDL_Rect drawn =
        text_draw_fit(app->text, &info, (SDL_Rect){box.x, box.y, box.w, box.h / 3}, lines);
    int ly = drawn.y + drawn.h + theme_px(t, 6);
    if (trouble[0]) {
        TextSpec warn = info;
        warn.color = theme_color(COLOR_WARN);
        SDL_Rect d =
            text_draw_fit(app->text, &warn, (SDL_Rect){box.x, ly, box.w, box.h / 3}, trouble);
        ly = d.y + d.h + theme_px(t, 4);
    }
    if (app->store_message[0]) {
        TextSpec warn = info;
        warn.style = TEXT_SMALL;
        warn.color = theme_color(COLOR_WARN);
        text_draw_fit(app->text, &warn, (SDL_Rect){box.x, ly, box.w, box.y + box.h - ly},
                      app->store_message);
    }

    for (int i = 0; i < ITEM_COUNT; i++) {
        unsigned flags = nav_flag(&s->nav, i);
        if (i == ITEM_PLAY)
            flags |= WIDGET_PRIMARY;
        if (!s->nav.enabled[i])
            flags |= WIDGET_DISABLED;
        widget_button(app, s->nav.rect[i], _(item_label[i]), flags);
    }
}

const Scene scene_title = {
    .name = "title",
    .state_size = sizeof(TitleState),
    .enter = title_enter,
    .event = title_event,
    .draw = title_draw,
};
