/* import_source.c - a source file as the importers read it: bytes made
 * UTF-8, a line table for LINE:COLUMN, and messages at byte offsets.
 *
 * Read import_internal.h first. Everything here is linear in the input.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "strutil.h"

/* ---- positions ------------------------------------------------------------ */

void import_position(const ImportSource *src, size_t offset, int *line, int *column)
{
    if (offset > src->size)
        offset = src->size;
    /* the last line start at or before offset (binary search) */
    size_t lo = 0, hi = src->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    size_t start = src->line_count ? src->line_starts[lo] : 0;
    int col = 1;
    for (size_t i = start; i < offset; i++)
        if (((unsigned char)src->data[i] & 0xC0) != 0x80)
            col++;
    *line = (int)lo + 1;
    *column = col;
}

static void import_vreport(ImportSource *src, DiagSeverity severity, int line, int column,
                           const char *format, va_list ap)
{
    char message[1200];
    vsnprintf(message, sizeof message, format, ap);
    diag_add(&src->pack->diags, severity, src->name, line, column, "%s", message);
    if (severity == DIAG_ERROR)
        src->errors++;
}

/* A report at `offset` of the text. */
static void import_vreport_offset(ImportSource *src, DiagSeverity severity, size_t offset,
                                  const char *format, va_list ap)
{
    int line, column;
    import_position(src, offset, &line, &column);
    import_vreport(src, severity, line, column, format, ap);
}

void import_error(ImportSource *src, size_t offset, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    import_vreport_offset(src, DIAG_ERROR, offset, format, ap);
    va_end(ap);
}

void import_warning(ImportSource *src, size_t offset, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    import_vreport_offset(src, DIAG_WARNING, offset, format, ap);
    va_end(ap);
}

void import_error_at(ImportSource *src, int line, int column, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    import_vreport(src, DIAG_ERROR, line, column, format, ap);
    va_end(ap);
}

void import_count_skip(ImportSource *src, const char *reason)
{
    import_pack_count_skip(src->pack, reason);
}

void import_pack_count_skip(ImportPack *p, const char *reason)
{
    p->skipped++;
    for (size_t i = 0; i < p->skip_reason_count; i++) {
        if (strcmp(p->skips[i].reason, reason) == 0) {
            p->skips[i].count++;
            return;
        }
    }
    if (p->skip_reason_count < IMPORT_MAX_SKIP_REASONS) {
        p->skips[p->skip_reason_count].reason = reason;
        p->skips[p->skip_reason_count].count = 1;
        p->skip_reason_count++;
    }
}

/* ---- making the bytes UTF-8 ----------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (p < end), 0 when invalid. */
static size_t utf8_sequence(const unsigned char *p, const unsigned char *end)
{
    unsigned char b = p[0];
    size_t need;
    uint32_t cp, min;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1, cp = b & 0x1Fu, min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2, cp = b & 0x0Fu, min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3, cp = b & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)(end - p) <= need)
        return 0;
    for (size_t i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need + 1;
}

/* Offset of the first byte that is not valid UTF-8, or size when all are. */
static size_t utf8_first_invalid(const unsigned char *p, size_t size)
{
    size_t i = 0;
    while (i < size) {
        size_t n = utf8_sequence(p + i, p + size);
        if (n == 0)
            return i;
        i += n;
    }
    return size;
}

/* Windows-1252's 0x80..0x9F (0 = undefined there); 0xA0..0xFF are Latin-1. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Windows-1252 to UTF-8 (at most 3 bytes per byte); undefined bytes become
 * U+FFFD. Returns the new buffer (malloc'd) and its length. */
static char *cp1252_to_utf8(const unsigned char *in, size_t size, size_t *out_size)
{
    char *out = malloc(size * 3 + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < size; i++) {
        unsigned char b = in[i];
        uint32_t cp = b;
        if (b >= 0x80 && b < 0xA0)
            cp = cp1252_high[b - 0x80] ? cp1252_high[b - 0x80] : 0xFFFD;
        n += text_utf8_encode(cp, out + n);
    }
    out[n] = '\0';
    *out_size = n;
    return out;
}

bool import_source_open(ImportSource *src, ImportPack *pack, const char *name, const char *data,
                        size_t size, const ImportOptions *options)
{
    static const ImportOptions no_options = {0};
    *src = (ImportSource){.pack = pack, .name = name, .options = options ? options : &no_options};
    const unsigned char *bytes = (const unsigned char *)data;
    if (size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        bytes += 3; /* the BOM Excel and Notepad write */
        size -= 3;
    }
    if (size >= 2 &&
        ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
        diag_add(&pack->diags, DIAG_ERROR, name, 1, 1,
                 "the file is UTF-16 (\"Unicode text\"); save it as UTF-8 and import it again");
        src->errors++;
        return false;
    }
    size_t bad = utf8_first_invalid(bytes, size);
    char *text;
    if (bad < size) {
        /* Position of the first bad byte, counted on the raw bytes. */
        int line = 1, column = 1;
        for (size_t i = 0; i < bad; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bad || bytes[i + 1] != '\n'))) {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80 && bytes[i] != '\r') {
                column++;
            }
        }
        diag_add(&pack->diags, DIAG_WARNING, name, line, column,
                 "the file is not UTF-8 (byte 0x%02X); it was read as Windows-1252, the "
                 "encoding of Excel's plain \"CSV\" (save as \"CSV UTF-8\" to avoid this)",
                 bytes[bad]);
        text = cp1252_to_utf8(bytes, size, &size);
    } else {
        text = malloc(size + 1);
        if (text) {
            memcpy(text, bytes, size);
            text[size] = '\0';
        }
    }
    if (!text) {
        diag_add(&pack->diags, DIAG_ERROR, name, 1, 1, "out of memory reading the file");
        src->errors++;
        return false;
    }
    size_t lines = 1;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= size || text[i + 1] != '\n')))
            lines++;
        else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F)
            text[i] = ' '; /* NUL and other controls are never text */
    }
    size_t *starts = malloc(lines * sizeof *starts);
    if (!starts) {
        free(text);
        diag_add(&pack->diags, DIAG_ERROR, name, 1, 1, "out of memory reading the file");
        src->errors++;
        return false;
    }
    size_t k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < size; i++) {
        char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= size || text[i + 1] != '\n')))
            starts[k++] = i + 1;
    }
    src->data = text;
    src->size = size;
    src->line_starts = starts;
    src->line_count = k;
    return true;
}

void import_source_free(ImportSource *src)
{
    free((char *)src->data);
    free(src->line_starts);
    src->data = NULL;
    src->line_starts = NULL;
}
