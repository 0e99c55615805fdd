/* app_settings.c - the player's settings: loaded for the current learner,
 * saved in the store, applied to the theme and the window (see app.h,
 * UiSettings). Settings belong to each learner.
 */
#include "app.h"
#include "format.h"
#include "i18n.h"

#include "app_private.h"
#include "audio.h"

static const UiSettings default_settings = {
    .font_scale = 100,
    .question_count = 10,
    .time_limit = SETUP_TIME_PACK,
    .scoring = SETUP_SCORING_SPEED,
    .streak_bonus = true,
};

static int clamp_int(int64_t v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : (int)v;
}

/* Settings belong to the current learner, like their rounds and reviews
 * (a class computer is shared); a new learner starts from the defaults. */
void app_load_settings(App *app)
{
    UiSettings s = default_settings;
    if (app->store) {
        Store *st = app->store;
        s.font_scale =
            clamp_int(store_setting_int_or(st, app->profile_id, "ui.font_scale", s.font_scale),
                      THEME_FONT_SCALE_MIN, THEME_FONT_SCALE_MAX);
        s.reduced_motion = store_setting_int_or(st, app->profile_id, "ui.reduced_motion", 0) != 0;
        s.fullscreen = store_setting_int_or(st, app->profile_id, "ui.fullscreen", 0) != 0;
        s.question_count = clamp_int(
            store_setting_int_or(st, app->profile_id, "setup.question_count", s.question_count), 0,
            1000);
        s.time_limit = clamp_int(
            store_setting_int_or(st, app->profile_id, "setup.time_limit", s.time_limit), 0, 3600);
        s.scoring =
            clamp_int(store_setting_int_or(st, app->profile_id, "setup.scoring", s.scoring), 0, 1);
        s.streak_bonus = store_setting_int_or(st, app->profile_id, "setup.streak_bonus", 1) != 0;
        s.language = clamp_int(store_setting_int_or(st, app->profile_id, "ui.language", 0), 0,
                               UI_LANGUAGE_COUNT - 1);
        s.arabic_digits = store_setting_int_or(st, app->profile_id, "ui.digits", 0) != 0;
        s.volume = clamp_int(store_setting_int_or(st, app->profile_id, "ui.volume", 0), 0, 100);
    }
    app->settings = s;
}

static void save_settings(App *app)
{
    if (!app->store)
        return;
    const UiSettings *s = &app->settings;
    const struct {
        const char *key;
        int64_t value;
    } rows[] = {
        {"ui.font_scale", s->font_scale},        {"ui.reduced_motion", s->reduced_motion},
        {"ui.fullscreen", s->fullscreen},        {"setup.question_count", s->question_count},
        {"setup.time_limit", s->time_limit},     {"setup.scoring", s->scoring},
        {"setup.streak_bonus", s->streak_bonus}, {"ui.language", s->language},
        {"ui.digits", s->arabic_digits},         {"ui.volume", s->volume},
    };
    for (size_t i = 0; i < SDL_arraysize(rows); i++) {
        StoreError err = {0};
        if (store_setting_set_int(app->store, app->profile_id, rows[i].key, rows[i].value, &err) !=
            STORE_OK) {
            app_notice(app, COLOR_WARN, _("Settings not saved: %s"), i18n_message(err.message));

            return;
        }
    }
}

void app_set_profile(App *app, int64_t profile_id)
{
    app->profile_id = profile_id;
    if (app->store != NULL && profile_id != 0)
        store_profile_touch(app->store, profile_id, app_unix_ms(), NULL);
    app_load_settings(app);
    app_apply_settings(app, false);
    app_selection_load(app, APP_SELECTION_PLAY);
    app_selection_load(app, APP_SELECTION_STUDY);
    app_find_resume(app);
}

const char *app_language_code(int language)
{
    return language == UI_LANGUAGE_ENGLISH ? "en" : language == UI_LANGUAGE_ARABIC ? "ar" : NULL;
}

void app_apply_settings(App *app, bool save)
{
    /* The language first: what follows may lay out words. Text is cached
     * by its string, so the new language's strings are new entries. */
    i18n_set_language(app_language_code(app->settings.language));
    app->theme.rtl = i18n_is_rtl();
    ui_set_digits(app->settings.arabic_digits ? UI_DIGITS_ARABIC_INDIC : UI_DIGITS_WESTERN);

    float before = app->theme.font_scale;
    theme_set_font_scale(&app->theme, app->settings.font_scale);
    app->theme.reduced_motion = app->settings.reduced_motion;
    if (before != app->theme.font_scale)
        text_clear(app->text); /* every cached string has a new size */
    Uint32 want = app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
    Uint32 have = SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (want != have)
        SDL_SetWindowFullscreen(app->window, want);
    /* Sound: a device only while the volume is above 0. */
    if (app->settings.volume > 0 && app->audio == NULL)
        app->audio = audio_open(app->settings.volume);
    else if (app->settings.volume <= 0 && app->audio != NULL) {
        audio_free(app->audio);
        app->audio = NULL;
    }
    audio_set_volume(app->audio, app->settings.volume);
    if (save)
        save_settings(app);
    app->dirty = true;
}

RoundSettings app_round_settings(const App *app)
{
    const UiSettings *u = &app->settings;
    RoundSettings rs = {0};
    rs.question_count = u->question_count > 0 ? (size_t)u->question_count : 0;
    if (u->time_limit == SETUP_TIME_OFF) {
        rs.time_mode = ROUND_TIME_OFF;
    } else if (u->time_limit == SETUP_TIME_PACK) {
        rs.time_mode = ROUND_TIME_PACK;
    } else {
        rs.time_mode = ROUND_TIME_FIXED;
        rs.fixed_seconds = u->time_limit;
    }
    rs.scoring = u->scoring == SETUP_SCORING_ACCURACY ? SCORING_ACCURACY : SCORING_SPEED;
    rs.streak_bonus = u->streak_bonus && rs.scoring == SCORING_SPEED;
    rs.seed = app_new_seed();
    return rs;
}

void app_play_sound(App *app, AudioCue cue)
{
    audio_play(app->audio, cue);
}
