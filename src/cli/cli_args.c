/* cli_args.c - argument scanning and record printing shared by the
 * command line's commands (cli_args.h).
 */
#include "cli_args.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

bool cli_args_has(int argc, char **argv, const char *const *flags)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        for (const char *const *f = flags; *f; f++)
            if (strcmp(argv[i], *f) == 0)
                return true;
    }
    return false;
}

int cli_option_value(const CliOption *options, size_t count, int argc, char **argv, int *at)
{
    for (size_t k = 0; k < count; k++) {
        if (strcmp(argv[*at], options[k].name) != 0)
            continue;
        if (*at + 1 >= argc)
            return CLI_NO_VALUE;
        *options[k].value = argv[++*at];
        return (int)k;
    }
    return CLI_NOT_OPTION;
}

void cli_print_diag(FILE *out, const char *indent, const Diag *diag)
{
    char small[1024];
    size_t n = (size_t)diag_format(diag, small, sizeof small);
    char *big = n < sizeof small ? NULL : malloc(n + 1);
    if (big)
        diag_format(diag, big, n + 1);
    fprintf(out, "%s%s\n", indent, big ? big : small);
    free(big);
}

void cli_print_diags(FILE *out, const DiagList *list, CliDiagSkip skip)
{
    for (size_t i = 0; i < list->count; i++)
        if (!skip || !skip(&list->items[i]))
            cli_print_diag(out, "", &list->items[i]);
    if (list->truncated) {
        size_t more = list->error_count + list->warning_count - list->count;
        fprintf(out,
                i18n_plural("(%zu more problem not shown)\n", "(%zu more problems not shown)\n",
                            (int64_t)more),
                more);
    }
}
