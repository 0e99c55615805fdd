/* audio.h - the game's few sounds, made in code: right, partly right,
 * wrong, the last seconds of a timed question, the end of a round.
 *
 * Every cue is a short run of notes (a sine or a triangle with a soft
 * attack and an exponential fade), mixed in SDL's audio callback: no
 * sound file, nothing of unknown origin. The volume is a setting of the
 * player's, off by default (a classroom of 30 computers): at 0 no audio
 * device is opened at all, and SDL's audio is not even started.
 *
 * The App owns one Audio (app->audio, NULL while the volume is 0) and
 * plays cues through app_play_sound (app.h). audio_render is the mixer
 * itself, which the callback calls and tests call directly.
 */
#ifndef QUIZDECK_AUDIO_H
#define QUIZDECK_AUDIO_H

#include <stdbool.h>
#include <stddef.h>

typedef enum AudioCue {
    AUDIO_RIGHT,     /* two notes up */
    AUDIO_PARTLY,    /* one note, in between */
    AUDIO_WRONG,     /* two low notes down, soft */
    AUDIO_TICK,      /* a short click: one of the last seconds */
    AUDIO_ROUND_END, /* a rising chord, note by note */
    AUDIO_CUE_COUNT
} AudioCue;

enum { AUDIO_RATE = 48000 };

typedef struct Audio Audio;

/* An Audio at volume_pct (1..100) with no device: audio_render mixes. The
 * caller frees it with audio_free. NULL when out of memory. */
Audio *audio_create(int volume_pct);

/* An Audio playing through SDL's default output (the audio subsystem is
 * started here). NULL, with nothing left open, when there is no device
 * or volume_pct is 0. Free with audio_free, which closes it. */
Audio *audio_open(int volume_pct);

/* Closes the device (if any) and frees. NULL is fine. */
void audio_free(Audio *audio);

/* Changes the volume (1..100) of what plays from now on. */
void audio_set_volume(Audio *audio, int volume_pct);

/* Starts a cue (mixed with any still sounding). */
void audio_play(Audio *audio, AudioCue cue);

/* Mixes the next `frames` mono samples into out (-1..1). */
void audio_render(Audio *audio, float *out, size_t frames);

/* How many times a cue was started (for tests). */
size_t audio_played(const Audio *audio, AudioCue cue);

#endif
