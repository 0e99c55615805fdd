/* format.c - numbers as the player reads them (see format.h). */
#include "format.h"

#include <stddef.h>

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
