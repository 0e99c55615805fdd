/* pack_cache_internal.h - what the cache's files share. Private to
 * src/core/pack: everybody else includes pack_cache.h.
 *
 *   pack_cache.c        entries: the key, the folder, reading and writing
 *                       atomically, and the loads through the cache
 *   pack_cache_write.c  an image of a load (the layout is below)
 *   pack_cache_read.c   reading one without trusting a byte of it
 *
 * The layout of an image (native byte order, which the header names;
 * integers fixed-width):
 *   header     ImageHeader, then the canonical path, NUL-terminated
 *   QUESTIONS  one ImageQuestion per question: numbers, counts, flags
 *   GAPS       one ImageGap per cloze gap of every question
 *   DIAGS      one ImageDiag per record of the load (severity, position)
 *   META       strings: the pack's, its sections and topics, the shared
 *              strings (topic and source values, "" first), the messages
 *   IDS        strings: every question id
 *   TEXT       strings: every other text of every question, in the order
 *              given below
 * Each region starts on 8 bytes; the header says where and how long. A
 * string region is NUL-terminated strings back to back, read one after the
 * other: no offset of a string is stored, so none has to be trusted. The
 * checksum is hash64 of the whole image with the checksum field zero.
 * Question ids and the shared strings sit apart from the other text, so
 * the screens that scan every question's id or topic touch only those
 * pages of a mapped image.
 */
#ifndef QUIZDECK_PACK_CACHE_INTERNAL_H
#define QUIZDECK_PACK_CACHE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "pack.h"
#include "pack_cache.h"
#include "pack_load_internal.h"

/* pack_cache_load_fd() observed by `progress` (may be NULL; PlProgress in
 * pack_load_internal.h): its bytes follow the hashing and the parse, and
 * its cancel stops either. In pack_cache.c, for pack_set.c. */
Pack *pc_load_fd(const char *cache_dir, const char *name, int fd, DiagList *diags,
                 PlProgress *progress, PackCacheInfo *info);

/* ---------------------------------------------------------------- layout */

/* The first bytes of an image, and 0x01020304 as the writer's machine
 * stores it: another byte order reads as a foreign image. */
#define IMAGE_MAGIC      "QZDPACK\n"
#define IMAGE_BYTE_ORDER 0x01020304u

enum {
    IMAGE_HAS_PACK = 1u,  /* flags: the load gave a Pack */
    IMAGE_MAX_LIST = 255, /* entries of one list of one question */
};

typedef enum Region {
    REGION_QUESTIONS,
    REGION_GAPS,
    REGION_DIAGS,
    REGION_META,
    REGION_IDS,
    REGION_TEXT,
    REGION_COUNT
} Region;

typedef struct ImageRegion {
    uint64_t offset, size;
} ImageRegion;

typedef struct ImageHeader {
    char magic[8];
    uint32_t byte_order;
    uint32_t format_version;
    uint32_t loader_version;
    uint32_t header_size; /* this struct, the path and its NUL, rounded up to 8 */
    uint64_t image_size;
    uint64_t checksum;
    /* the key */
    uint64_t source_size, source_mtime_sec, source_mtime_nsec, source_inode, source_device;
    uint64_t source_hash;
    uint32_t path_len;
    uint32_t flags;
    /* the load's records: every one reported, and whether some were dropped */
    uint64_t diag_errors, diag_warnings;
    uint32_t diag_count, diag_truncated;
    /* the pack */
    int32_t id_line, id_column, default_time_limit, default_points;
    uint32_t question_count, section_count, topic_count, shared_count;
    uint32_t gap_count, slot_count, pair_count, reserved;
    ImageRegion regions[REGION_COUNT];
} ImageHeader;

/* Its size, which a reader reads first (with the path after it). */
enum { PC_HEADER_FIXED = sizeof(ImageHeader) };

/* Which lists of a question are not NULL (a list may be empty and not
 * NULL: the image keeps the difference, so the Pack is the same). */
enum {
    LIST_TAGS = 1u << 0,
    LIST_CHOICES = 1u << 1,
    LIST_ACCEPT = 1u << 2,
    LIST_ITEMS = 1u << 3,
    LIST_PAIRS = 1u << 4,
    LIST_GAPS = 1u << 5,
    LIST_CLOZE_PARTS = 1u << 6,
};
enum { FLAG_SHUFFLE = 1u << 0, FLAG_TRUTH = 1u << 1 };

typedef struct ImageQuestion {
    uint32_t topic, source; /* indices into the shared strings */
    int32_t difficulty, time_limit, points, line;
    uint32_t answer_index, answer_mask;
    uint16_t lists;
    uint8_t type, flags;
    uint8_t tag_count, choice_count, accept_count, item_count, pair_count, gap_count;
    uint8_t pad[2];
} ImageQuestion;

typedef struct ImageGap {
    uint8_t accept_count;
    uint8_t has_accept;
} ImageGap;

typedef struct ImageDiag {
    int32_t line, column;
    uint32_t severity;
} ImageDiag;

_Static_assert(sizeof(ImageQuestion) == 44, "ImageQuestion has no hidden padding");
_Static_assert(sizeof(ImageDiag) == 12, "ImageDiag has no hidden padding");

static inline uint64_t pc_align8(uint64_t n)
{
    return (n + 7) & ~(uint64_t)7;
}

/* A question's strings in TEXT, in this order (its id is in IDS, its topic
 * and source among the shared strings):
 *   prompt, explain, answer, text, front, back,
 *   tags[tag_count], choices[choice_count], accept[accept_count],
 *   items[item_count], (left, right)[pair_count],
 *   (answer, hint, accept[accept_count])[gap_count],
 *   cloze_parts[gap_count + 1] (with LIST_CLOZE_PARTS).
 * The writer (pack_cache_write.c) and the reader (pack_cache_read.c)
 * follow it step by step. */

/* The longest canonical path an image holds. */
enum { PC_PATH_MAX = 4096 };

/* Checks the first `len` bytes of an image of `image_size` bytes (at least
 * PC_HEADER_FIXED, and the path when they hold it) against `key`, without
 * its content hash when `with_hash` is false: whether the entry could be
 * of this state of this file at all, before the file is hashed. */
PackCacheMiss pc_check_header(const void *header, size_t len, uint64_t image_size,
                              const PackCacheKey *key, bool with_hash);

/* ---------------------------------------------------- writing and reading */

/* Writes the image of (pack, diags) for `key` to `fd` from its current
 * offset, which must be 0 (the checksum is written last, in place).
 * False (errno set) when writing failed, or with errno 0 when the load is
 * not one an image can hold. */
bool pc_write_image(int fd, const Pack *pack, const DiagList *diags, const PackCacheKey *key);

/* The checksum an image of `size` bytes should hold. With `release`, the
 * pages of a mapped image are given back as they are hashed. */
uint64_t pc_image_checksum(const unsigned char *image, size_t size, bool release);

/* Reads the image at `image` (`size` bytes), which must stay where it is
 * as long as the Pack lives: the Pack's strings point into it, and the
 * caller hands it to the Pack's arena (arena_adopt_mapping or
 * arena_adopt). On a valid image *why = NONE, its records are appended to
 * `diags` and its Pack returned (NULL for a file that had errors). With
 * `release`, the image is a file mapping whose pages are given back
 * (madvise) as soon as they are read, so that reading a large image never
 * holds all of it in memory. */
Pack *pc_read_image(const unsigned char *image, size_t size, const PackCacheKey *key,
                    const char *name, DiagList *diags, PackCacheMiss *why, bool release);

#endif
