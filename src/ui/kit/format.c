/* format.c - numbers as the player reads them (see format.h). */
#include "format.h"

#include <stddef.h>
#include <string.h>

UiInt ui_format_int(int64_t value)
{
    /* The digits backwards, from the magnitude as unsigned so that the
     * most negative value has one too. */
    uint64_t magnitude = value < 0 ? 0u - (uint64_t)value : (uint64_t)value;
    char rev[sizeof(UiInt)];
    size_t n = 0, digits = 0;
    do {
        if (digits > 0 && digits % 3 == 0)
            rev[n++] = ',';
        rev[n++] = (char)('0' + (int)(magnitude % 10u));
        magnitude /= 10u;
        digits++;
    } while (magnitude > 0);
    if (value < 0)
        rev[n++] = '-';
    UiInt out;
    for (size_t i = 0; i < n; i++)
        out.text[i] = rev[n - 1 - i];
    out.text[n] = '\0';
    return out;
}

UiIsolated ui_isolate(const char *text)
{
    UiIsolated out;
    /* U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE; a
     * text too long is cut at a character boundary before the PDI. */
    static const char fsi[] = "\xE2\x81\xA8", pdi[] = "\xE2\x81\xA9";
    size_t room = sizeof out.text - (sizeof fsi - 1) - sizeof pdi;
    size_t len = text != NULL ? strlen(text) : 0;
    if (len > room) {
        len = room;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out.text, fsi, sizeof fsi - 1);
    if (len > 0)
        memcpy(out.text + sizeof fsi - 1, text, len);
    memcpy(out.text + sizeof fsi - 1 + len, pdi, sizeof pdi);
    return out;
}
