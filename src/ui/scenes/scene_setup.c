/* scene_setup.c - round setup: how many questions, time per question,
 * scoring, streak bonus; then Start.
 *
 * Each option row changes with left/right (or Enter / a click, which step
 * forward). Choices are saved in the store as they change, so the next
 * launch starts with them. Start plays them over the ticked packs and
 * topics (app_start_selected_round, as the title's Continue does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "widgets.h"

typedef enum SetupItem {
    ITEM_COUNT_Q,
    ITEM_TIME,
    ITEM_SCORING,
    ITEM_STREAK,
    ITEM_START,
    ITEM_COUNT
} SetupItem;

static const int count_values[] = {5, 10, 20, 0};
static const int time_values[] = {SETUP_TIME_OFF, SETUP_TIME_PACK, 10, 20, 30, 60};

typedef struct SetupState {
    Nav nav;
} SetupState;

static int index_of(const int *values, size_t n, int v)
{
    for (size_t i = 0; i < n; i++)
        if (values[i] == v)
            return (int)i;
    return 0;
}

static int step(const int *values, size_t n, int v, int dir)
{
    int i = index_of(values, n, v) + dir;
    int len = (int)n;
    return values[((i % len) + len) % len];
}

static void value_text(const App *app, int item, char *buf, size_t n)
{
    const UiSettings *s = &app->settings;
    switch (item) {
    case ITEM_COUNT_Q:
        if (s->question_count == 0)
            snprintf(buf, n, _("All (%s)"),
                     ui_format_int((int64_t)app_selection_questions(app, NULL)).text);
        else
            snprintf(buf, n, "%s", ui_format_int(s->question_count).text);
        break;
    case ITEM_TIME:
        if (s->time_limit == SETUP_TIME_OFF)
            snprintf(buf, n, "%s", _("Off (practice)"));
        else if (s->time_limit == SETUP_TIME_PACK)
            snprintf(buf, n, "%s", _("Pack's limits"));
        else
            snprintf(buf, n, _("%s s"), ui_format_int(s->time_limit).text);
        break;
    case ITEM_SCORING:
        snprintf(buf, n, "%s",
                 s->scoring == SETUP_SCORING_ACCURACY ? _("Accuracy only")
                                                      : _("Points + speed bonus"));
        break;
    default:
        buf[0] = '\0';
    }
}

static const char *const item_label[ITEM_COUNT] = {
    [ITEM_COUNT_Q] = N_("Questions"), [ITEM_TIME] = N_("Time per question"),
    [ITEM_SCORING] = N_("Scoring"),   [ITEM_STREAK] = N_("Streak bonus"),
    [ITEM_START] = N_("Start"),
};

static void summary(const App *app, char *buf, size_t n)
{
    char titles[600] = "";
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < app->selection.count && i < app->packs.pack_count; i++) {
        if (!app->selection.pack[i])
            continue;
        /* TRANSLATORS: between the items of a list ("A, B, C"). */
        int w = snprintf(titles + used, sizeof titles - used, "%s%s",
                         used ? C_("list separator", ", ") : "",
                         ui_isolate(app->packs.packs[i]->title).text);
        if (w < 0 || (size_t)w >= sizeof titles - used)
            break;
        used += (size_t)w;
    }
    if (used > 0)
        snprintf(buf, n, _("From %s"), titles);
}

static void layout(App *app, SetupState *s)
{
    const Theme *t = &app->theme;
    char sub[600];
    summary(app, sub, sizeof sub);
    int top = widget_header_bottom(app, _("Round setup"), sub);
    SDL_Rect col = theme_column(t, 0, 0);
    int rh = widget_button_height(app);
    int gap = theme_px(t, 12);
    /* Rows and Start must fit: shrink the gaps before anything else. */
    int bottom = t->out_h - theme_px(t, THEME_MARGIN);
    int need = 4 * rh + 3 * gap + theme_px(t, 28) + rh;
    if (top + need > bottom) {
        gap = theme_px(t, 6);
        need = 4 * rh + 3 * gap + theme_px(t, 14) + rh;
        if (top + need > bottom)
            top = bottom - need;
    }
    nav_begin(&s->nav);
    int y = top;
    for (int i = 0; i < ITEM_START; i++) {
        bool enabled = !(i == ITEM_STREAK && app->settings.scoring == SETUP_SCORING_ACCURACY);
        nav_add(&s->nav, (SDL_Rect){col.x, y, col.w, rh}, enabled);
        y += rh + gap;
    }
    y += bottom - y - rh > theme_px(t, 28) ? theme_px(t, 16) : theme_px(t, 2);
    int bw = theme_px(t, 260);
    nav_add(&s->nav, (SDL_Rect){col.x + col.w - bw, y, bw, rh},
            app_selection_questions(app, NULL) > 0);
    nav_end(&s->nav);
}

static void change(App *app, int item, int dir)
{
    UiSettings *s = &app->settings;
    switch (item) {
    case ITEM_COUNT_Q:
        s->question_count = step(count_values, SDL_arraysize(count_values), s->question_count, dir);
        break;
    case ITEM_TIME:
        s->time_limit = step(time_values, SDL_arraysize(time_values), s->time_limit, dir);
        break;
    case ITEM_SCORING:
        s->scoring =
            s->scoring == SETUP_SCORING_SPEED ? SETUP_SCORING_ACCURACY : SETUP_SCORING_SPEED;
        break;
    case ITEM_STREAK:
        s->streak_bonus = !s->streak_bonus;
        break;
    default:
        return;
    }
    app_apply_settings(app, true);
}

static void setup_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    SetupState *s = state;
    if (from == SCENE_PACKS)
        s->nav.focus = ITEM_START;
    layout(app, s);
}

static bool setup_event(App *app, void *state, const UiEvent *event)
{
    SetupState *s = state;
    layout(app, s);
    int f = s->nav.focus;
    if ((event->action == ACTION_LEFT || event->action == ACTION_RIGHT) && f < ITEM_START &&
        s->nav.enabled[f]) {
        change(app, f, event->action == ACTION_LEFT ? -1 : 1);
        return true;
    }
    int hit = nav_event(&s->nav, event, NULL);
    if (hit == ITEM_START) {
        app_start_selected_round(app);
        return true;
    }
    if (hit >= 0) {
        change(app, hit, 1);
        return true;
    }
    return event->action != ACTION_NONE && event->action != ACTION_BACK;
}

static void setup_draw(App *app, void *state)
{
    SetupState *s = state;
    layout(app, s);
    char sub[600];
    summary(app, sub, sizeof sub);
    widget_header(app, _("Round setup"), sub);
    for (int i = 0; i < ITEM_COUNT; i++) {
        unsigned flags = nav_flag(&s->nav, i) | (s->nav.enabled[i] ? 0u : WIDGET_DISABLED);
        char value[64];
        value_text(app, i, value, sizeof value);
        if (i == ITEM_STREAK)
            widget_toggle(app, s->nav.rect[i], _(item_label[i]),
                          app->settings.streak_bonus && s->nav.enabled[i], flags);
        else if (i == ITEM_START)
            widget_button(app, s->nav.rect[i], _(item_label[i]), flags | WIDGET_PRIMARY);
        else
            widget_option(app, s->nav.rect[i], _(item_label[i]), value, flags);
    }
    const Theme *t = &app->theme;
    SDL_Rect start_rect = s->nav.rect[ITEM_START];
    SDL_Rect col = theme_column(t, 0, 0);
    TextSpec hint = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    SDL_Rect box = {col.x, start_rect.y, start_rect.x - col.x - theme_px(t, 16), start_rect.h};
    text_draw_fit(app->text, &hint, box,
                  app_selection_questions(app, NULL)
                      ? _("\xE2\x86\x90 \xE2\x86\x92 change a setting \xC2\xB7 "
                          "remembered for next time")
                      : _("No questions match: go back and tick a pack."));
}

const Scene scene_setup = {
    .name = "setup",
    .state_size = sizeof(SetupState),
    .enter = setup_enter,
    .event = setup_event,
    .draw = setup_draw,
};
