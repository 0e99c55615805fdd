/* i18n.c - the interface language over glibc's gettext (see i18n.h).
 *
 * gettext picks its catalogue from LANGUAGE (a list, first match wins) and
 * then LC_MESSAGES, but only when LC_MESSAGES is not the C locale. So the
 * language is switched by setting LANGUAGE, with LC_MESSAGES made a UTF-8
 * locale that every glibc has (C.UTF-8) when the desktop's is C; then the
 * text domain is set again, which drops gettext's cached lookups.
 */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

typedef struct I18nLanguage {
    const char *code; /* as stored in settings and given to LANGUAGE */
    bool rtl;
} I18nLanguage;

static const I18nLanguage languages[] = {{"en", false}, {"ar", true}};
enum { LANGUAGE_COUNT = sizeof languages / sizeof languages[0] };

static bool started;
static const I18nLanguage *current = &languages[0];
static const char *desktop = "en";

static const I18nLanguage *find_language(const char *code)
{
    for (size_t i = 0; i < LANGUAGE_COUNT; i++)
        if (code && strcmp(code, languages[i].code) == 0)
            return &languages[i];
    return NULL;
}

/* "ar", "ar_KW.UTF-8", "ar:en" -> true: the first entry names Arabic. */
static bool names_arabic(const char *value)
{
    return value[0] == 'a' && value[1] == 'r' &&
           (value[2] == '\0' || value[2] == '_' || value[2] == '.' || value[2] == ':' ||
            value[2] == '@' || value[2] == '-');
}

static const char *read_desktop_language(void)
{
    /* The order gettext itself uses; LANGUAGE is ignored by gettext when
     * the locale is C, but a desktop that sets it means it. */
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *value = getenv(vars[i]);
        if (value && value[0])
            return names_arabic(value) ? "ar" : "en";
    }
    return "en";
}

static bool is_c_locale(const char *name)
{
    return name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

void i18n_init(const char *localedir)
{
    if (!started) {
        started = true;
        desktop = read_desktop_language();
        setlocale(LC_ALL, "");
        setlocale(LC_NUMERIC, "C");
        if (is_c_locale(setlocale(LC_MESSAGES, NULL)) && !setlocale(LC_MESSAGES, "C.UTF-8"))
            setlocale(LC_MESSAGES, "C.utf8");
        current = find_language(desktop);
        /* The desktop's language through LANGUAGE too, so that it holds
         * when its locale (ar_KW.UTF-8, say) is not installed and the C.UTF-8
         * above stands in for it. */
        setenv("LANGUAGE", current->code, 1);
    }
    const char *env_dir = getenv("QUIZDECK_LOCALE_DIR");
    if (localedir == NULL && env_dir != NULL && env_dir[0] != '\0')
        localedir = env_dir;
    if (localedir)
        bindtextdomain(I18N_DOMAIN, localedir);

    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN);
}

bool i18n_set_language(const char *code)
{
    const I18nLanguage *lang = find_language(code && code[0] ? code : desktop);
    if (lang == NULL)
        return false;
    if (!started)
        i18n_init(NULL);
    /* LANGUAGE outranks LC_MESSAGES, so "en" is English even on an Arabic
     * desktop; English is the msgids themselves (no en catalogue). */
    setenv("LANGUAGE", lang->code, 1);
    textdomain(I18N_DOMAIN);
    current = lang;
    return true;
}

const char *i18n_language(void)
{
    return current->code;
}

const char *i18n_desktop_language(void)
{
    return started ? desktop : read_desktop_language();
}

bool i18n_is_rtl(void)
{
    return current->rtl;
}

bool i18n_is_supported(const char *code)
{
    return find_language(code) != NULL;
}

const char *i18n_plural(const char *one, const char *many, int64_t n)
{
    uint64_t magnitude = n < 0 ? 0u - (uint64_t)n : (uint64_t)n;
    /* Beyond unsigned long, only the last digits matter to any plural rule
     * the game ships (Arabic looks at n % 100). */
    unsigned long folded =
        (unsigned long)(magnitude > 1000000000u ? 1000000000u + magnitude % 1000000000u
                                                : magnitude);
    return ngettext(one, many, folded);
}

const char *i18n_message(const char *message)
{
    return message && message[0] ? gettext(message) : "";
}

const char *i18n_pgettext(const char *joined, const char *msgid)
{
    const char *found = gettext(joined);
    return found == joined ? msgid : found;
}
