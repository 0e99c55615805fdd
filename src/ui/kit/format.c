/* format.c - numbers as the player reads them (see format.h). */
#include "format.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static UiDigits current_digits = UI_DIGITS_WESTERN;

void ui_set_digits(UiDigits digits)
{
    current_digits = digits == UI_DIGITS_ARABIC_INDIC ? digits : UI_DIGITS_WESTERN;
}

UiDigits ui_digits(void)
{
    return current_digits;
}

void ui_localize_digits(char *buf, size_t size)
{
    if (current_digits == UI_DIGITS_WESTERN || buf == NULL || size == 0)
        return;
    size_t len = strnlen(buf, size - 1), digits = 0;
    for (size_t i = 0; i < len; i++)
        digits += buf[i] >= '0' && buf[i] <= '9';
    if (digits == 0)
        return;
    /* Each digit grows from one byte to two (U+0660 is D9 A0): move the
     * text right from the end, dropping what no longer fits. */
    size_t grown = len + digits, cut = grown < size ? grown : size - 1;
    buf[cut] = '\0';
    size_t out = grown;
    for (size_t i = len; i-- > 0;) {
        unsigned char c = (unsigned char)buf[i];
        if (c >= '0' && c <= '9') {
            out -= 2;
            if (out + 1 < cut)
                buf[out + 1] = (char)(0xA0 + (c - '0'));
            if (out < cut)
                buf[out] = (char)0xD9;
        } else {
            out -= 1;
            if (out < cut)
                buf[out] = (char)c;
        }
    }
    if (cut < grown) {
        /* The cut may have split a character: drop its leading bytes. */
        size_t start = cut;
        while (start > 0 && ((unsigned char)buf[start - 1] & 0xC0u) == 0x80u)
            start--;
        if (start > 0) {
            unsigned char lead = (unsigned char)buf[start - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (cut - (start - 1) < need)
                buf[start - 1] = '\0';
        }
    }
}

UiInt ui_format_int(int64_t value)
{
    /* The digits backwards, from the magnitude as unsigned so that the
     * most negative value has one too; Arabic-Indic digits and their
     * group mark are written out as the text is turned round. */

    bool arabic = current_digits == UI_DIGITS_ARABIC_INDIC;
    uint64_t magnitude = value < 0 ? 0u - (uint64_t)value : (uint64_t)value;
    char rev[32];
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
    size_t o = 0;
    for (size_t i = n; i-- > 0;) {
        char c = rev[i];
        if (arabic && c == ',') {
            out.text[o++] = (char)0xD9; /* U+066C ARABIC THOUSANDS SEPARATOR */
            out.text[o++] = (char)0xAC;
        } else if (arabic && c >= '0' && c <= '9') {
            out.text[o++] = (char)0xD9;
            out.text[o++] = (char)(0xA0 + (c - '0'));
        } else {
            out.text[o++] = c;
        }
    }
    out.text[o] = '\0';
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
