/* text_field.c - editing the text of a field (see text_field.h). */
#include "text_field.h"

#include <string.h>

void text_field_clear(TextField *field)
{
    field->text[0] = '\0';
    field->len = 0;
}

bool text_field_append(TextField *field, const char *utf8)
{
    bool changed = false;
    const unsigned char *s = (const unsigned char *)utf8;
    while (*s != '\0') {
        size_t n = 1;
        if (*s >= 0xF0)
            n = 4;
        else if (*s >= 0xE0)
            n = 3;
        else if (*s >= 0xC0)
            n = 2;
        size_t avail = 0;
        while (avail < n && s[avail] != '\0')
            avail++;
        if (avail < n)
            break; /* a cut-off sequence at the end: drop it */
        if (field->len + n >= TEXT_FIELD_MAX)
            break;
        if (n == 1 && (*s == '\n' || *s == '\r' || *s == '\t')) {
            if (field->len > 0 && field->text[field->len - 1] != ' ')
                field->text[field->len++] = ' ';
        } else if (n > 1 || *s >= 0x20) {
            memcpy(field->text + field->len, s, n);
            field->len += n;
        }
        field->text[field->len] = '\0';
        changed = true;
        s += n;
    }
    return changed;
}

bool text_field_backspace(TextField *field)
{
    if (field->len == 0)
        return false;
    size_t n = field->len - 1;
    while (n > 0 && ((unsigned char)field->text[n] & 0xC0) == 0x80)
        n--;
    field->len = n;
    field->text[n] = '\0';
    return true;
}

bool text_field_event(TextField *field, const UiEvent *event)
{
    const SDL_Event *e = event->sdl;
    if (e->type == SDL_TEXTINPUT)
        return text_field_append(field, e->text.text);
    if (e->type == SDL_KEYDOWN && e->key.keysym.sym == SDLK_BACKSPACE)
        return text_field_backspace(field);
    return false;
}
