/* audio.c - synthesised cues mixed in SDL's audio callback (see audio.h).
 *
 * A cue is a list of notes; playing it adds one voice per note, each
 * starting at its offset. A voice is a sine or a triangle with a 6 ms
 * attack and an exponential fade to silence by its end, so nothing clicks.
 * The mixer sums the voices, scales by the volume and softly limits the
 * sum. The device callback and audio_play share the voices under SDL's
 * audio lock.
 */
#include "audio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

enum { MAX_VOICES = 16, MAX_NOTES = 5 };

typedef enum Wave { WAVE_SINE, WAVE_TRIANGLE } Wave;

typedef struct Note {
    float hz;
    int start_ms, length_ms;
    float level; /* 0..1 before the volume */
    Wave wave;
} Note;

typedef struct CueShape {
    Note notes[MAX_NOTES];
    int count;
} CueShape;

/* The cues: short, soft, and in one key (C major) so they sit together. */
static const CueShape cues[AUDIO_CUE_COUNT] = {
    [AUDIO_RIGHT] = {{{1046.5f, 0, 90, 0.45f, WAVE_SINE}, {1318.5f, 80, 180, 0.45f, WAVE_SINE}}, 2},
    [AUDIO_PARTLY] = {{{784.0f, 0, 200, 0.40f, WAVE_SINE}}, 1},
    [AUDIO_WRONG] = {{{261.6f, 0, 150, 0.40f, WAVE_TRIANGLE},
                      {196.0f, 130, 260, 0.40f, WAVE_TRIANGLE}},
                     2},
    [AUDIO_TICK] = {{{1568.0f, 0, 45, 0.30f, WAVE_SINE}}, 1},
    [AUDIO_ROUND_END] = {{{523.3f, 0, 140, 0.35f, WAVE_SINE},
                          {659.3f, 110, 140, 0.35f, WAVE_SINE},
                          {784.0f, 220, 140, 0.35f, WAVE_SINE},
                          {1046.5f, 330, 380, 0.40f, WAVE_SINE}},
                         4},
};

typedef struct Voice {
    bool on;
    float phase, step; /* cycles, cycles per sample */
    size_t delay;      /* samples before it starts */
    size_t at, length; /* samples played, in all */
    float level;
    Wave wave;
} Voice;

struct Audio {
    SDL_AudioDeviceID device; /* 0 without one */
    float volume;             /* 0..1 */
    Voice voices[MAX_VOICES];
    size_t played[AUDIO_CUE_COUNT];
};

static float volume_of(int pct)
{
    if (pct < 0)
        pct = 0;
    if (pct > 100)
        pct = 100;
    /* A curve between linear and square: equal steps of the setting
     * sound like about equal steps of loudness. */
    float v = (float)pct / 100.0f;
    return v * sqrtf(v);
}

Audio *audio_create(int volume_pct)
{
    Audio *a = calloc(1, sizeof *a);
    if (a != NULL)
        a->volume = volume_of(volume_pct);
    return a;
}

static void callback(void *user, Uint8 *stream, int len)
{
    Audio *a = user;
    audio_render(a, (float *)(void *)stream, (size_t)len / sizeof(float));
}

Audio *audio_open(int volume_pct)
{
    if (volume_pct <= 0)
        return NULL;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return NULL;
    Audio *a = audio_create(volume_pct);
    if (a == NULL) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = AUDIO_RATE;
    want.format = AUDIO_F32SYS;
    want.channels = 1;
    want.samples = 1024;
    want.callback = callback;
    want.userdata = a;
    a->device = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (a->device == 0) {
        free(a);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    SDL_PauseAudioDevice(a->device, 0);
    return a;
}

void audio_free(Audio *audio)
{
    if (audio == NULL)
        return;
    if (audio->device != 0) {
        SDL_CloseAudioDevice(audio->device);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(audio);
}

static void lock(Audio *a)
{
    if (a->device != 0)
        SDL_LockAudioDevice(a->device);
}

static void unlock(Audio *a)
{
    if (a->device != 0)
        SDL_UnlockAudioDevice(a->device);
}

void audio_set_volume(Audio *audio, int volume_pct)
{
    if (audio == NULL)
        return;
    lock(audio);
    audio->volume = volume_of(volume_pct);
    unlock(audio);
}

void audio_play(Audio *audio, AudioCue cue)
{
    if (audio == NULL || (int)cue < 0 || cue >= AUDIO_CUE_COUNT)
        return;
    const CueShape *shape = &cues[cue];
    lock(audio);
    audio->played[cue]++;
    for (int n = 0; n < shape->count; n++) {
        const Note *note = &shape->notes[n];
        Voice *v = NULL;
        for (int i = 0; i < MAX_VOICES && v == NULL; i++)
            if (!audio->voices[i].on)
                v = &audio->voices[i];
        if (v == NULL)
            break; /* everything is sounding: this note is left out */
        *v = (Voice){
            .on = true,
            .step = note->hz / (float)AUDIO_RATE,
            .delay = (size_t)note->start_ms * AUDIO_RATE / 1000,
            .length = (size_t)note->length_ms * AUDIO_RATE / 1000,
            .level = note->level,
            .wave = note->wave,
        };
    }
    unlock(audio);
}

static float wave_at(Wave wave, float phase)
{
    if (wave == WAVE_TRIANGLE)
        return 4.0f * fabsf(phase - 0.5f) - 1.0f;
    return sinf(6.28318531f * phase);
}

/* The envelope at sample `at` of `length`: a short rise, then a fade that
 * reaches silence at the end. */
static float envelope(size_t at, size_t length)
{
    const size_t attack = AUDIO_RATE * 6 / 1000;
    if (at < attack)
        return (float)at / (float)attack;
    float t = (float)(at - attack) / (float)(length > attack ? length - attack : 1);
    return expf(-4.0f * t) * (1.0f - t);
}

void audio_render(Audio *audio, float *out, size_t frames)
{
    memset(out, 0, frames * sizeof *out);
    for (int i = 0; i < MAX_VOICES; i++) {
        Voice *v = &audio->voices[i];
        if (!v->on)
            continue;
        for (size_t f = 0; f < frames; f++) {
            if (v->delay > 0) {
                v->delay--;
                continue;
            }
            if (v->at >= v->length) {
                v->on = false;
                break;
            }
            out[f] += v->level * envelope(v->at, v->length) * wave_at(v->wave, v->phase);
            v->phase += v->step;
            if (v->phase >= 1.0f)
                v->phase -= 1.0f;
            v->at++;
        }
    }
    /* The volume, then a soft limit so overlapping cues never clip. */
    for (size_t f = 0; f < frames; f++) {
        float x = out[f] * audio->volume;
        out[f] = x / (1.0f + fabsf(x));
    }
}

size_t audio_played(const Audio *audio, AudioCue cue)
{
    return audio != NULL && (int)cue >= 0 && cue < AUDIO_CUE_COUNT ? audio->played[cue] : 0;
}
