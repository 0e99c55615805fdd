/* format.h - numbers as the player reads them ("12,345"), and names set
 * inside sentences so that mixed directions keep their order.
 *
 * Every count and score the game shows goes through ui_format_int, so all
 * of them group their digits the same way. The text comes back in a small
 * struct, by value: it lives until the end of the full expression that
 * called the function (C11 6.2.4), which is what a printf argument needs,
 *
 *     snprintf(buf, size, "%s points", ui_format_int(total).text);
 *
 * and a variable keeps it longer (UiInt pts = ui_format_int(total);).
 * Percentages, clock times and the hour of the day keep their own printf
 * shapes ("92 %", "3:07", "04:00"); they never reach four digits.
 */
#ifndef QUIZDECK_FORMAT_H
#define QUIZDECK_FORMAT_H

#include <stdint.h>

typedef struct UiInt {
    char text[32]; /* "-9,223,372,036,854,775,808" fits */
} UiInt;

/* value with a comma between groups of three digits: 0, 999, 1,000,
 * -12,345. */
UiInt ui_format_int(int64_t value);

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
