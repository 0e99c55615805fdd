/* scene_settings.c - the player's settings: text size (75-200 %), sound
 * (off by default: a classroom of 30 computers; off opens no audio device),
 * reduced motion, fullscreen, the interface language (English, العربية)
 * and the digits numbers are shown in. Each change is applied at once and
 * saved in the store for this learner (app_apply_settings), with a sample
 * line showing the text size; a change of the volume plays a sample cue.
 * New rows go at the end: keyboard users (and tests) know the order.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "format.h"
#include "i18n.h"
#include "widgets.h"

typedef enum SettingsItem {
    ITEM_FONT,
    ITEM_MOTION,
    ITEM_SOUND,
    ITEM_FULLSCREEN,
    ITEM_LANGUAGE,
    ITEM_DIGITS,
    ITEM_COUNT
} SettingsItem;

static const int volume_steps[] = {0, 25, 50, 75, 100};

/* The next volume step from v in direction dir (Enter cycles round). */
static int volume_step(int v, int dir, bool wrap)
{
    int n = (int)SDL_arraysize(volume_steps), at = 0;
    while (at + 1 < n && volume_steps[at + 1] <= v)
        at++;
    at += dir;
    if (wrap)
        at = (at % n + n) % n;
    at = at < 0 ? 0 : at >= n ? n - 1 : at;
    return volume_steps[at];
}

typedef struct SettingsState {
    Nav nav;
    SDL_Rect sample;
} SettingsState;

static const char *const sample_text =
    N_("Sample: the quick brown fox jumps over the lazy dog \xE2\x80\x94 "
       "\xD8\xA7\xD9\x84\xD9\x83\xD9\x88\xD9\x8A\xD8\xAA 1991");

static void layout(App *app, SettingsState *s)
{
    const Theme *t = &app->theme;
    int top =
        widget_header_bottom(app, _("Settings"), _("Changes apply at once and are remembered."));
    SDL_Rect col = theme_column(t, 0, 0);
    int rh = widget_button_height(app);
    int gap = theme_px(t, 12);
    int bottom = t->out_h - theme_px(t, THEME_MARGIN);
    /* Every row stays in the window: with large text in a small window the
     * gaps shrink first, then the rows (their labels shrink to fit). */
    int room = bottom - top;
    if (ITEM_COUNT * rh + (ITEM_COUNT - 1) * gap > room) {
        gap = theme_px(t, 4);
        int fit = (room - (ITEM_COUNT - 1) * gap) / ITEM_COUNT;
        if (fit < rh)
            rh = fit > 1 ? fit : 1;
    }
    nav_begin(&s->nav);
    for (int i = 0; i < ITEM_COUNT; i++)
        nav_add(&s->nav, (SDL_Rect){col.x, top + i * (rh + gap), col.w, rh}, true);
    nav_end(&s->nav);
    int y = top + ITEM_COUNT * (rh + gap) + theme_px(t, 8);

    s->sample = (SDL_Rect){col.x, y, col.w, bottom - y};
}

static void change(App *app, int item, int dir)
{
    UiSettings *u = &app->settings;
    switch (item) {
    case ITEM_FONT: {
        int v = u->font_scale + 25 * dir;
        if (v > THEME_FONT_SCALE_MAX)
            v = THEME_FONT_SCALE_MIN; /* Enter cycles round */
        if (v < THEME_FONT_SCALE_MIN)
            v = dir < 0 ? THEME_FONT_SCALE_MIN : v;
        u->font_scale = v;
        break;
    }
    case ITEM_SOUND:
        u->volume = volume_step(u->volume, dir, true);
        break;
    case ITEM_MOTION:
        u->reduced_motion = !u->reduced_motion;
        break;
    case ITEM_FULLSCREEN:
        u->fullscreen = !u->fullscreen;
        break;
    case ITEM_LANGUAGE: /* two languages: any change is the other one */
        u->language = strcmp(i18n_language(), "ar") == 0 ? UI_LANGUAGE_ENGLISH : UI_LANGUAGE_ARABIC;
        break;
    case ITEM_DIGITS:
        u->arabic_digits = !u->arabic_digits;
        break;
    default:
        return;
    }
    app_apply_settings(app, true);
}

static void settings_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    SettingsState *s = state;
    (void)from;
    s->nav.focus = 0;
    layout(app, s);
}

static bool settings_event(App *app, void *state, const UiEvent *event)
{
    SettingsState *s = state;
    layout(app, s);
    int f = s->nav.focus;
    if (event->action == ACTION_LEFT || event->action == ACTION_RIGHT) {
        int dir = event->action == ACTION_LEFT ? -1 : 1;
        if (f == ITEM_FONT) {
            int v = app->settings.font_scale + 25 * dir;
            if (v >= THEME_FONT_SCALE_MIN && v <= THEME_FONT_SCALE_MAX) {
                app->settings.font_scale = v;
                app_apply_settings(app, true);
            }
        } else if (f == ITEM_SOUND) {
            app->settings.volume = volume_step(app->settings.volume, dir, false);
            app_apply_settings(app, true);
        } else {
            change(app, f, dir);
        }
        if (f == ITEM_SOUND)
            app_play_sound(app, AUDIO_RIGHT); /* a sample of the new volume */
        return true;
    }
    int hit = nav_event(&s->nav, event, NULL);
    if (hit >= 0) {
        change(app, hit, 1);
        if (hit == ITEM_SOUND)
            app_play_sound(app, AUDIO_RIGHT);
        return true;
    }
    return event->action != ACTION_NONE && event->action != ACTION_BACK;
}

static void settings_draw(App *app, void *state)
{
    SettingsState *s = state;
    const Theme *t = &app->theme;
    layout(app, s);
    widget_header(app, _("Settings"), _("Changes apply at once and are remembered."));
    char pct[16];
    snprintf(pct, sizeof pct, "%d %%", app->settings.font_scale);
    ui_localize_digits(pct, sizeof pct);
    widget_option(app, s->nav.rect[ITEM_FONT], _("Text size"), pct, nav_flag(&s->nav, ITEM_FONT));
    widget_toggle(app, s->nav.rect[ITEM_MOTION], _("Reduced motion"), app->settings.reduced_motion,
                  nav_flag(&s->nav, ITEM_MOTION));
    char vol[48];
    if (app->settings.volume <= 0)
        snprintf(vol, sizeof vol, "%s", C_("sound", "Off"));
    else
        snprintf(vol, sizeof vol, "%d %%", app->settings.volume);
    widget_option(app, s->nav.rect[ITEM_SOUND], _("Sound"), vol, nav_flag(&s->nav, ITEM_SOUND));
    widget_toggle(app, s->nav.rect[ITEM_FULLSCREEN], _("Fullscreen (F11)"),
                  app->settings.fullscreen, nav_flag(&s->nav, ITEM_FULLSCREEN));
    /* The language row names itself in both languages, for whoever landed
     * in the one they do not read; each language by its own name. */
    bool arabic = strcmp(i18n_language(), "ar") == 0;
    char language[96];
    snprintf(language, sizeof language, "%s \xC2\xB7 %s", _("Language"),
             arabic ? "Language" : "\xD8\xA7\xD9\x84\xD9\x84\xD8\xBA\xD8\xA9");
    widget_option(app, s->nav.rect[ITEM_LANGUAGE], language,
                  arabic ? "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9" : "English",
                  nav_flag(&s->nav, ITEM_LANGUAGE));
    widget_option(app, s->nav.rect[ITEM_DIGITS], _("Digits"),
                  app->settings.arabic_digits ? _("Arabic-Indic \xD9\xA0\xD9\xA1\xD9\xA2\xD9\xA3")
                                              : _("Western 0123"),
                  nav_flag(&s->nav, ITEM_DIGITS));

    /* The sample at the chosen size, then where things are kept. */
    if (s->sample.h > theme_px(t, 40)) {
        int pad = theme_px(t, THEME_PAD);
        char where[APP_PATH_MAX + 160];
        if (app->store)
            snprintf(where, sizeof where, _("Progress is saved in %s"), app->data_dir);

        else
            snprintf(where, sizeof where, "%s", app->store_message);
        TextSpec ws = {.style = TEXT_SMALL,
                       .color = theme_color(app->store ? COLOR_TEXT_DIM : COLOR_WARN),
                       .wrap = s->sample.w,
                       .ignore_font_scale = true};
        int wh = text_measure(app->text, &ws, where).y;
        TextSpec ss = {.style = TEXT_BODY, .wrap = s->sample.w - 2 * pad};
        int want = text_measure(app->text, &ss, _(sample_text)).y + 2 * pad;
        int room = s->sample.h - wh - theme_px(t, 16);
        SDL_Rect panel = {s->sample.x, s->sample.y, s->sample.w, want < room ? want : room};
        if (panel.h > theme_px(t, 30)) {
            widget_panel(app, panel);
            SDL_Rect box = {panel.x + pad, panel.y + pad / 2, panel.w - 2 * pad, panel.h - pad};
            text_draw_fit(app->text, &ss, box, _(sample_text));
        }
        text_draw(app->text, &ws, s->sample.x, panel.y + panel.h + theme_px(t, 12), where);
    }
}

const Scene scene_settings = {
    .name = "settings",
    .state_size = sizeof(SettingsState),
    .enter = settings_enter,
    .event = settings_event,
    .draw = settings_draw,
};
