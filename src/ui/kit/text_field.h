/* text_field.h - the text a player types into a field: names, answers,
 * gaps. UTF-8 throughout; a character is never split.
 *
 * A field edits as people expect: a cursor that the arrows, Home and End
 * move (with Ctrl a word at a time, with Shift selecting), Backspace and
 * Delete (with Ctrl a word), Ctrl+A, Ctrl+C, Ctrl+X and Ctrl+V. In a
 * right-to-left field the arrows follow the screen: Left moves towards
 * the end of the text. The IME's composition is kept by the caller until
 * it is committed as SDL_TEXTINPUT; text_field_draw shows it at the cursor.
 */
#ifndef QUIZDECK_TEXT_FIELD_H
#define QUIZDECK_TEXT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "input.h"
#include "text.h"

enum { TEXT_FIELD_MAX = 512 };

typedef struct TextField {
    char text[TEXT_FIELD_MAX]; /* UTF-8, NUL-terminated */
    size_t len;
    size_t cursor; /* byte offset, on a character boundary, 0..len */
    size_t anchor; /* the other end of the selection; == cursor: none */
} TextField;

/* Clears the field. */
void text_field_clear(TextField *field);

/* Sets the whole text (cut at the limit on a character boundary), the
 * cursor at its end. */
void text_field_set(TextField *field, const char *utf8);

/* Inserts UTF-8 text at the cursor, in place of the selection (typed or
 * pasted: line breaks and tabs become one space, other control characters
 * are dropped), never splitting a character at the size limit. True when
 * the text changed. */
bool text_field_append(TextField *field, const char *utf8);

/* Removes the selection, or the whole UTF-8 character before the cursor.
 * True when something was removed. */
bool text_field_backspace(TextField *field);

/* Is any text selected? */
bool text_field_has_selection(const TextField *field);

/* Handles SDL_TEXTINPUT and the editing keys above. `rtl`: the field's
 * text reads right to left (the arrows follow the screen). Returns true
 * when the event was the field's (the text or the cursor changed). Call
 * SDL_StartTextInput() in enter() and SDL_StopTextInput() in leave(). */
bool text_field_event(TextField *field, const UiEvent *event, bool rtl);

/* Draws the text of the field in `box` with `spec` (its style, colour and
 * language): one line, scrolled to keep the cursor in view, the selection
 * behind it, the IME's `composition` (may be NULL or "") underlined at the
 * cursor, and the caret when `focused`. Aligned to the text's direction.
 * Returns the caret's rectangle (pixels). */
SDL_Rect text_field_draw(SDL_Renderer *renderer, TextCache *text, const Theme *theme,
                         const TextField *field, SDL_Rect box, const TextSpec *spec,
                         const char *composition, bool focused);

#endif
