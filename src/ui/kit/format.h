/* format.h - numbers as the player reads them ("12,345", or "١٢٬٣٤٥" with
 * Arabic-Indic digits), and names set inside sentences so that mixed
 * directions keep their order.
 *
 * Every count and score the game shows goes through ui_format_int, so all
 * of them group their digits the same way and follow the player's digits
 * setting (Western 0-9 by default, Arabic-Indic as an option; Settings).
 * The text comes back in a small struct, by value: it lives until the end
 * of the full expression that called the function (C11 6.2.4), which is
 * what a printf argument needs,
 *
 *     snprintf(buf, size, "%s points", ui_format_int(total).text);
 *
 * and a variable keeps it longer (UiInt pts = ui_format_int(total);).
 * Percentages, clock times and the hour of the day keep their own printf
 * shapes ("92 %", "3:07", "04:00") and pass the finished text through
 * ui_localize_digits.
 */
#ifndef QUIZDECK_FORMAT_H
#define QUIZDECK_FORMAT_H

#include <stddef.h>
#include <stdint.h>

typedef struct UiInt {
    char text[64]; /* "-9,223,372,036,854,775,808" in two-byte digits fits */
} UiInt;

typedef enum UiDigits {
    UI_DIGITS_WESTERN = 0, /* 0123456789, groups with "," */
    UI_DIGITS_ARABIC_INDIC /* U+0660..U+0669, groups with U+066C */
} UiDigits;

/* value with a separator between groups of three digits: 0, 999, 1,000,
 * -12,345 (or ٠، ٩٩٩، ١٬٠٠٠ with Arabic-Indic digits). */
UiInt ui_format_int(int64_t value);

/* The digits every number is shown in (process-wide, like the interface
 * language; app_apply_settings sets it from the learner's setting). */
void ui_set_digits(UiDigits digits);
UiDigits ui_digits(void);

/* Rewrites the ASCII digits of the string in buf in the chosen digits, in
 * place; a result longer than size - 1 bytes is cut at a character. Does
 * nothing with Western digits. */
void ui_localize_digits(char *buf, size_t size);

/* A name or a title to be put inside a sentence, wrapped in Unicode's
 * first-strong isolate (FSI ... PDI): its own direction can then never
 * reorder the words around it ("Learning as سارة أحمد · 4 packs loaded"),
 * and the text layer draws the marks as nothing. Like UiInt, by value:
 *
 *     snprintf(buf, size, _("Learning as %s"), ui_isolate(name).text);
 */
typedef struct UiIsolated {
    char text[512];
} UiIsolated;

UiIsolated ui_isolate(const char *text);

#endif
