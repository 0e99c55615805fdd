/* strutil.h - C string helpers every layer shares (core, UI, command line).
 *
 * One copy of what libc leaves out or spells differently across systems, so
 * that no file writes its own strlen + malloc + memcpy. Load-time copies
 * that live as long as a pack belong in its arena instead (arena_strdup).
 */
#ifndef QUIZDECK_STRUTIL_H
#define QUIZDECK_STRUTIL_H

/* Copies `text` (NUL-terminated) into new memory from malloc, which the
 * caller owns and frees with free(). Returns NULL when out of memory.
 *   char *path = dup_string(argv[1]); ... free(path); */
char *dup_string(const char *text);

#endif
