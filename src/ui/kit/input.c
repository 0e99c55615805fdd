/* input.c - keyboard, mouse and gamepad to UiEvent actions (see input.h). */
#include "input.h"

#include <math.h>
#include <stdlib.h>

enum { STICK_ON = 20000, STICK_OFF = 12000 }; /* hysteresis of the left stick */

static void open_pad(Input *input, int device_index)
{
    if (!SDL_IsGameController(device_index))
        return;
    /* SDL also announces pads that were plugged in at start: open once. */
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(device_index);
    for (size_t i = 0; i < SDL_arraysize(input->pads); i++)
        if (input->pads[i] &&
            SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(input->pads[i])) == id)
            return;
    for (size_t i = 0; i < SDL_arraysize(input->pads); i++) {
        if (!input->pads[i]) {
            input->pads[i] = SDL_GameControllerOpen(device_index);
            return;
        }
    }
}

static void close_pad(Input *input, SDL_JoystickID id)
{
    for (size_t i = 0; i < SDL_arraysize(input->pads); i++) {
        SDL_GameController *pad = input->pads[i];
        if (pad && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad)) == id) {
            SDL_GameControllerClose(pad);
            input->pads[i] = NULL;
        }
    }
}

void input_init(Input *input)
{
    input->pixel_x = input->pixel_y = 1.0f;
    int n = SDL_NumJoysticks();
    for (int i = 0; i < n; i++)
        open_pad(input, i);
}

void input_shutdown(Input *input)
{
    for (size_t i = 0; i < SDL_arraysize(input->pads); i++) {
        if (input->pads[i])
            SDL_GameControllerClose(input->pads[i]);
        input->pads[i] = NULL;
    }
}

void input_set_pixel_ratio(Input *input, SDL_Window *window, SDL_Renderer *renderer)
{
    int ww = 0, wh = 0, pw = 0, ph = 0;
    SDL_GetWindowSize(window, &ww, &wh);
    if (SDL_GetRendererOutputSize(renderer, &pw, &ph) != 0 || ww <= 0 || wh <= 0) {
        input->pixel_x = input->pixel_y = 1.0f;
        return;
    }
    input->pixel_x = (float)pw / (float)ww;
    input->pixel_y = (float)ph / (float)wh;
}

static InputAction key_action(const SDL_KeyboardEvent *key)
{
    switch (key->keysym.sym) {
    case SDLK_UP:
        return ACTION_UP;
    case SDLK_DOWN:
        return ACTION_DOWN;
    case SDLK_LEFT:
        return ACTION_LEFT;
    case SDLK_RIGHT:
        return ACTION_RIGHT;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
        return ACTION_ACCEPT;
    /* Space types a space while a text field is active. */
    case SDLK_SPACE:
        return SDL_IsTextInputActive() ? ACTION_NONE : ACTION_ACCEPT;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        return ACTION_BACK;
    case SDLK_TAB:
        return (key->keysym.mod & KMOD_SHIFT) ? ACTION_PREV : ACTION_NEXT;
    default:
        return ACTION_NONE;
    }
}

static InputAction button_action(Uint8 button)
{
    switch (button) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP:
        return ACTION_UP;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
        return ACTION_DOWN;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
        return ACTION_LEFT;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
        return ACTION_RIGHT;
    case SDL_CONTROLLER_BUTTON_A:
    case SDL_CONTROLLER_BUTTON_START:
        return ACTION_ACCEPT;
    case SDL_CONTROLLER_BUTTON_B:
    case SDL_CONTROLLER_BUTTON_BACK:
        return ACTION_BACK;
    case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
        return ACTION_PREV;
    case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER:
        return ACTION_NEXT;
    default:
        return ACTION_NONE;
    }
}

/* One action when the stick crosses STICK_ON, none until it comes back
 * under STICK_OFF: a held stick is one step, like a key press. */
static InputAction stick_action(InputAction *last, int value, InputAction neg, InputAction pos)
{
    if (*last != ACTION_NONE) {
        if (abs(value) < STICK_OFF)
            *last = ACTION_NONE;
        return ACTION_NONE;
    }
    if (value <= -STICK_ON)
        return *last = neg;
    if (value >= STICK_ON)
        return *last = pos;
    return ACTION_NONE;
}

UiEvent input_map(Input *input, const SDL_Event *event)
{
    UiEvent ui = {.sdl = event};
    switch (event->type) {
    case SDL_KEYDOWN:
        ui.action = key_action(&event->key);
        /* A held Enter, Space or Esc does its thing once: its repeats would
         * rate card after card, or leave screen after screen. The arrows
         * and Tab may repeat (moving along a list). */
        if (event->key.repeat && (ui.action == ACTION_ACCEPT || ui.action == ACTION_BACK))
            ui.action = ACTION_NONE;
        break;
    case SDL_CONTROLLERBUTTONDOWN:
        ui.action = button_action(event->cbutton.button);
        break;
    case SDL_CONTROLLERAXISMOTION:
        if (event->caxis.axis == SDL_CONTROLLER_AXIS_LEFTX)
            ui.action =
                stick_action(&input->stick_x, event->caxis.value, ACTION_LEFT, ACTION_RIGHT);
        else if (event->caxis.axis == SDL_CONTROLLER_AXIS_LEFTY)
            ui.action = stick_action(&input->stick_y, event->caxis.value, ACTION_UP, ACTION_DOWN);
        break;
    case SDL_CONTROLLERDEVICEADDED:
        open_pad(input, event->cdevice.which);
        break;
    case SDL_CONTROLLERDEVICEREMOVED:
        close_pad(input, event->cdevice.which);
        break;
    case SDL_MOUSEMOTION:
        if (event->motion.which == SDL_TOUCH_MOUSEID)
            break;
        ui.pointer = POINTER_MOVE;
        ui.x = (int)lroundf((float)event->motion.x * input->pixel_x);
        ui.y = (int)lroundf((float)event->motion.y * input->pixel_y);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        ui.x = (int)lroundf((float)event->button.x * input->pixel_x);
        ui.y = (int)lroundf((float)event->button.y * input->pixel_y);
        if (event->button.button == SDL_BUTTON_LEFT)
            ui.pointer = event->type == SDL_MOUSEBUTTONDOWN ? POINTER_DOWN : POINTER_UP;
        else if (event->type == SDL_MOUSEBUTTONUP && (event->button.button == SDL_BUTTON_RIGHT ||
                                                      event->button.button == SDL_BUTTON_X1))
            ui.action = ACTION_BACK;
        break;
    case SDL_MOUSEWHEEL: {
        int y = event->wheel.y;
        if (event->wheel.direction == SDL_MOUSEWHEEL_FLIPPED)
            y = -y;
        ui.wheel = y;
        int mx = 0, my = 0;
        SDL_GetMouseState(&mx, &my);
        ui.x = (int)lroundf((float)mx * input->pixel_x);
        ui.y = (int)lroundf((float)my * input->pixel_y);
        break;
    }
    default:
        break;
    }
    return ui;
}

bool input_key_is(const SDL_Event *event, SDL_Scancode key)
{
    return event->type == SDL_KEYDOWN && !event->key.repeat &&
           !(event->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) &&
           event->key.keysym.scancode == key;
}

const char *input_action_name(InputAction action)
{
    static const char *const names[] = {"none",   "up",   "down", "left", "right",
                                        "accept", "back", "next", "prev"};
    if ((int)action < 0 || (size_t)action >= SDL_arraysize(names))
        return "?";
    return names[action];
}
