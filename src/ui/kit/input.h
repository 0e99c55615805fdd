/* input.h - keyboard, mouse and gamepad turned into a few actions.
 *
 * Scenes never look at key codes for navigation: the app maps every SDL
 * event into a UiEvent that carries an action (up/down/left/right, accept,
 * back, next/previous focus) and, for the mouse, the pointer position in
 * renderer pixels (HiDPI-correct). The raw event stays reachable for text
 * input, digits, wheel and the like.
 *
 *   keyboard  arrows; Tab / Shift+Tab; Enter, keypad Enter, Space (Space
 *             only while no text field is active); Esc (and AC Back).
 *             A held key repeats the arrows and Tab only: Enter, Space
 *             and Esc act once per press
 *   gamepad   d-pad and left stick; A = accept, B = back; Start = accept
 *   mouse     move = hover (moves the focus), left click = activate,
 *             wheel = scroll; right click or X1 button = back
 */
#ifndef QUIZDECK_INPUT_H
#define QUIZDECK_INPUT_H

#include <stdbool.h>

#include <SDL.h>

typedef enum InputAction {
    ACTION_NONE = 0,
    ACTION_UP,
    ACTION_DOWN,
    ACTION_LEFT,
    ACTION_RIGHT,
    ACTION_ACCEPT,
    ACTION_BACK,
    ACTION_NEXT, /* Tab: the next focusable widget */
    ACTION_PREV, /* Shift+Tab */
} InputAction;

typedef enum PointerKind {
    POINTER_NONE = 0,
    POINTER_MOVE,
    POINTER_DOWN, /* left button pressed */
    POINTER_UP,   /* left button released: a click */
} PointerKind;

typedef struct UiEvent {
    const SDL_Event *sdl; /* the raw event; never NULL */
    InputAction action;   /* what it means for navigation, or ACTION_NONE */
    PointerKind pointer;  /* mouse events */
    int x, y;             /* pointer position in renderer pixels */
    int wheel;            /* wheel notches: > 0 up / away, < 0 down */
} UiEvent;

/* Gamepad state: the opened controllers and the stick's last direction
 * (so a held stick gives one action, not a stream). Zeroed = none. */
typedef struct Input {
    SDL_GameController *pads[4];
    InputAction stick_x, stick_y;
    float pixel_x, pixel_y; /* renderer pixels per window point (HiDPI) */
} Input;

/* Opens the controllers already plugged in. */
void input_init(Input *input);

/* Closes them. */
void input_shutdown(Input *input);

/* Keeps the window-point-to-pixel ratio, so mouse positions can be given
 * in renderer pixels. Call after every resize. */
void input_set_pixel_ratio(Input *input, SDL_Window *window, SDL_Renderer *renderer);

/* Maps one SDL event (opening/closing controllers as they come and go).
 * The result points at `event`, which must outlive it. */
UiEvent input_map(Input *input, const SDL_Event *event);

/* Is the event a plain press (no Ctrl, Alt or GUI key, not a repeat) of
 * the key at this place on the keyboard? By scancode, so a letter shortcut
 * works the same with an Arabic keyboard layout. */
bool input_key_is(const SDL_Event *event, SDL_Scancode key);

/* A short name for an action ("accept"), for logs and tests. */
const char *input_action_name(InputAction action);

#endif
