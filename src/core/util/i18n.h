/* i18n.h - the interface's language: gettext's _() and friends, and the
 * switch between English and Arabic at run time.
 *
 * Every string a person reads goes through one of these (po/README.md has
 * the rules and the xgettext keyword list):
 *
 *     _("Packs")                       translated now
 *     N_("Right!")                     marked for xgettext, translated later
 *                                      by whoever shows it (static tables,
 *                                      messages the core hands to the UI)
 *     C_("button", "Back")             with a context, for short words that
 *                                      mean different things in places
 *     i18n_plural("%s card", "%s cards", n)
 *                                      gettext's plural rules (Arabic has six)
 *
 * The translations come from glibc's gettext (libintl is part of libc), so
 * the core may use this header too without linking anything new. The
 * language is process-wide state, like the C locale it rides on: set it
 * from the thread that draws, before drawing.
 *
 * Read i18n_init() first, then i18n_set_language().
 */
#ifndef QUIZDECK_I18N_H
#define QUIZDECK_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stdint.h>

#define I18N_DOMAIN "quizdeck"

#define _(msgid)  gettext(msgid)
#define N_(msgid) msgid
/* The context and the text joined by EOT, as msgfmt stores them. */
#define C_(context, msgid) i18n_pgettext(context "\004" msgid, msgid)

/* Starts the locale and the text domain: setlocale(LC_ALL, "") with
 * LC_NUMERIC kept "C" (numbers in packs and the database are read the C
 * way), a UTF-8 LC_MESSAGES even on a machine whose only locale is C (a C
 * locale would switch translations off), and the catalogues looked up in
 * localedir (NULL = $QUIZDECK_LOCALE_DIR, else gettext's default). Safe to
 * call again: a later call with a folder binds that folder. Reads the
 * desktop's language (i18n_desktop_language) before anything changes
 * LANGUAGE. */
void i18n_init(const char *localedir);

/* Switches the interface language at run time: "en", "ar", or NULL / ""
 * for the desktop's choice. Takes effect for the next gettext call (the
 * catalogue cache is dropped). Returns false, and changes nothing, for a
 * language the game has no translation for. */
bool i18n_set_language(const char *code);

/* The language the interface is in now: "en" or "ar" (never NULL; a static
 * string). */
const char *i18n_language(void);

/* The language the desktop asks for, as i18n_set_language() takes it: "ar"
 * when the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set names
 * Arabic first, else "en". As the environment was at i18n_init(). */
const char *i18n_desktop_language(void);

/* True when the interface language is written right to left. */
bool i18n_is_rtl(void);

/* True for a language code the game is translated into ("en", "ar"). */
bool i18n_is_supported(const char *code);

/* ngettext for a signed count (a negative count takes the "many" form of
 * its magnitude). Returns a string owned by gettext or one of the
 * arguments. xgettext keyword: i18n_plural:1,2. */
const char *i18n_plural(const char *one, const char *many, int64_t n)
    __attribute__((format_arg(1), format_arg(2)));

/* A message the core returned (an error record's text, a status line):
 * its translation when the core marked it with N_(), else itself (the core
 * translates formatted messages where it writes them). "" and NULL give ""
 * (gettext("") would be the catalogue's header). */
const char *i18n_message(const char *message);

/* gettext of "context\004msgid"; the bare msgid when there is no
 * translation. Use through C_(). */
const char *i18n_pgettext(const char *joined, const char *msgid) __attribute__((format_arg(2)));

#endif
