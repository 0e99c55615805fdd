/* text_field.h - the text a player types into a field: names, answers,
 * gaps. UTF-8 throughout; a character is never split. Drawing a field is
 * widget_text_field (widgets.h); the IME's composition is kept by the
 * scene until it is committed as SDL_TEXTINPUT.
 */
#ifndef QUIZDECK_TEXT_FIELD_H
#define QUIZDECK_TEXT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "input.h"

enum { TEXT_FIELD_MAX = 512 };

typedef struct TextField {
    char text[TEXT_FIELD_MAX]; /* UTF-8, NUL-terminated */
    size_t len;
} TextField;

/* Clears the field. */
void text_field_clear(TextField *field);

/* Appends UTF-8 text (typed or pasted: line breaks and tabs become one
 * space, other control characters are dropped), never splitting a
 * character at the size limit. True when the text changed. */
bool text_field_append(TextField *field, const char *utf8);

/* Removes the last whole UTF-8 character. True when there was one. */
bool text_field_backspace(TextField *field);

/* Handles SDL_TEXTINPUT (text_field_append) and Backspace
 * (text_field_backspace). Returns true when the text changed. Call
 * SDL_StartTextInput() in enter() and SDL_StopTextInput() in leave(). */
bool text_field_event(TextField *field, const UiEvent *event);

#endif
