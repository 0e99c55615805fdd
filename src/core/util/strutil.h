/* strutil.h - C string helpers every layer shares (core, UI, command line).
 *
 * One copy of what libc leaves out or spells differently across systems, so
 * that no file writes its own strlen + malloc + memcpy, its own UTF-8 cut or
 * its own escaping. Load-time copies that live as long as a pack belong in
 * its arena instead (arena_strdup).
 *
 * Text from packs and file names from folders come from other people: before
 * either reaches a terminal or the screen, text_escape_controls() turns every
 * character that could move the cursor, start a new line or an escape
 * sequence into something visible, so nobody can print a line quizdeck did
 * not write.
 */
#ifndef QUIZDECK_STRUTIL_H
#define QUIZDECK_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Copies `text` (NUL-terminated) into new memory from malloc, which the
 * caller owns and frees with free(). Returns NULL when out of memory.
 *   char *path = dup_string(argv[1]); ... free(path); */
char *dup_string(const char *text);

/* Copies the whole of `text` into dst[0..size) and returns true; returns
 * false, leaving dst as it was, when it does not fit (for fixed fields such
 * as the store's ids, where a cut value would name something else). */
bool copy_whole(char *dst, size_t size, const char *text);

/* How text_escape_controls() shows a character that must not be printed. */
typedef enum TextEscapeStyle {
    /* For terminals and logs: C-like escapes in plain ASCII. `\t`, `\n`,
     * `\r`; `\x1b` for the other C0 controls and DEL; `\u0085` for C1
     * controls, the line and paragraph separators (U+2028, U+2029) and the
     * bidirectional controls (which would reorder the rest of the line);
     * `\xff` for each byte that is not UTF-8. A backslash stays itself. */
    TEXT_ESCAPE_C,
    /* For the screen: one visible symbol each. C0 controls and DEL become
     * their Control Pictures (U+2400 to U+2421: a newline is shown as the
     * symbol for line feed), the line and paragraph separators U+2424, C1
     * controls and bytes that are not UTF-8 the replacement character
     * U+FFFD. Bidirectional controls are kept: right-to-left text needs them
     * and they cannot start a line. */
    TEXT_ESCAPE_VISIBLE,
} TextEscapeStyle;

/* Writes `src` (NUL-terminated, any bytes) into `dst` with every control
 * character (see TextEscapeStyle) replaced. At most size - 1 bytes are
 * written, always whole characters and whole escapes, and dst is always
 * NUL-terminated when size > 0. Returns the length the whole result has,
 * like snprintf: pass (NULL, 0) to measure, then allocate that + 1.
 *   char line[256]; text_escape_controls(line, sizeof line, title, TEXT_ESCAPE_VISIBLE); */
size_t text_escape_controls(char *dst, size_t size, const char *src, TextEscapeStyle style);

/* Like text_escape_controls, but keeps the end of `src` rather than its
 * start: writes the longest tail of src whose escaped form fits in size - 1
 * bytes (whole characters and escapes; nothing when size is 0) and returns
 * its length. For file names, whose end says the most. */
size_t text_escape_tail(char *dst, size_t size, const char *src, TextEscapeStyle style);

/* True when `text` (valid UTF-8) shows nothing: it is empty, or every
 * character is white space (ASCII or Unicode: U+00A0, U+3000, ...),
 * invisible (U+200B zero width space, U+2060, U+FEFF, U+00AD, bidirectional
 * marks, Hangul fillers, ...) or a control character. *first_invisible (when
 * not NULL) receives the first such character that is not ASCII white
 * space, or 0 when there is none, so a message can name what is there. */
bool text_is_blank(const char *text, uint32_t *first_invisible);

/* A string in a buffer that is not trusted: the length of the string that
 * starts at `text` when a NUL ends it within its first `room` bytes and
 * every byte before the NUL is strict UTF-8 (no overlong form, no
 * surrogate, nothing past U+10FFFF); SIZE_MAX otherwise. Never reads past
 * `room` bytes. One pass, eight ASCII bytes at a time.
 *   size_t n = text_utf8_string(at, (size_t)(end - at)); if (n == SIZE_MAX) refuse; */
size_t text_utf8_string(const char *text, size_t room);

/* Writes the UTF-8 form of code point `cp` (at most U+10FFFF, no
 * surrogate: the caller's to check) into out, which has room for 4 bytes;
 * returns its length. */
size_t text_utf8_encode(uint32_t cp, char *out);

/* The largest cut <= `cut` that does not split a UTF-8 character of `text`
 * (which must have at least `cut` bytes): where to end a shortened copy. */
size_t text_char_boundary(const char *text, size_t cut);

#endif
