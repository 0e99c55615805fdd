/* strutil.c - shared C string helpers (strutil.h). */
#include "strutil.h"

#include <stdlib.h>
#include <string.h>

char *dup_string(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, text, n);
    return copy;
}
