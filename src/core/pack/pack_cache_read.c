/* pack_cache_read.c - reading a cache image without trusting a byte of it
 * (pack_cache.h).
 *
 * In order: the header (what image, whose: pc_check_header), the layout
 * (every region where the header says, of the size its counts make, and no
 * table larger than the strings that fill it), the checksum, then every
 * string region read string after string, each found (the first NUL within
 * its region and limit) and checked to be UTF-8, and every record checked
 * against the promises of pack.h and the bounds of the format page, down
 * to answers that point at real choices (each type's own promises are its
 * QuestionKind's well_formed, qtype.h) and question ids used once. So a
 * damaged or crafted image cannot hand the game a Pack the loader could
 * not have made; it is refused, and the caller reads the YAML instead.
 *
 * The Pack's strings point into the image; its records (Question, lists)
 * are built in its arena. Reading a mapped image gives its pages back
 * behind it (madvise), so even a large one never holds all its text in
 * memory at once: pages come back from the file when a string is shown.
 * Read pack_cache_internal.h (the layout) first.
 */
/* madvise(MADV_DONTNEED) is Linux's (and the BSDs'), beyond POSIX, whose
 * posix_madvise(POSIX_MADV_DONTNEED) glibc ignores. */
#define _DEFAULT_SOURCE

#include "pack_cache_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hash64.h"
#include "id_index.h"
#include "pack_load.h"
#include "qtype.h"
#include "strutil.h"

/* Pages are given back after every this many bytes read. */
enum { RELEASE_CHUNK = 256 * 1024 };

/* Gives back the pages of a file mapping from the one holding `from` up
 * to the one holding `to` (which is kept: its end is still to be read).
 * A page given back too soon (of another region, read later) is only read
 * again from the file. */
static void release_pages(const unsigned char *from, const unsigned char *to)
{
    long p = sysconf(_SC_PAGESIZE);
    uintptr_t page = p > 0 ? (uintptr_t)p : 4096;
    uintptr_t start = (uintptr_t)from & ~(page - 1);
    uintptr_t end = (uintptr_t)to & ~(page - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_DONTNEED);
}

uint64_t pc_image_checksum(const unsigned char *image, size_t size, bool release)
{
    ImageHeader h;
    memcpy(&h, image, sizeof h);
    h.checksum = 0;
    Hash64 hash;
    hash64_init(&hash, 0);
    hash64_update(&hash, &h, sizeof h);
    for (size_t at = sizeof h; at < size;) {
        size_t n = size - at < RELEASE_CHUNK ? size - at : RELEASE_CHUNK;
        hash64_update(&hash, image + at, n);
        if (release)
            release_pages(image + at, image + at + n);
        at += n;
    }
    return hash64_final(&hash);
}

/* A string region being read: each string is found, never trusted. */
typedef struct Stream {
    const unsigned char *at, *end, *released;
    size_t limit; /* longest string allowed */
    bool release;
    bool bad;
} Stream;

static Stream stream_of(const unsigned char *image, const ImageRegion *r, size_t limit,
                        bool release)
{
    const unsigned char *start = image + r->offset;
    return (Stream){start, start + r->size, start, limit, release, false};
}

/* The next string, or "" (with bad set) when there is none that is whole,
 * within the limit and UTF-8. */
static const char *stream_next(Stream *s)
{
    if (s->bad)
        return "";
    size_t room = (size_t)(s->end - s->at);
    size_t len = text_utf8_string((const char *)s->at, room < s->limit + 1 ? room : s->limit + 1);
    if (len == SIZE_MAX) {
        s->bad = true;
        return "";
    }
    const char *text = (const char *)s->at;
    s->at += len + 1;
    if (s->release && s->at - s->released >= RELEASE_CHUNK) {
        release_pages(s->released, s->at);
        s->released = s->at;
    }
    return text;
}

/* Everything the reader builds and checks as it goes. */
typedef struct Reader {
    const unsigned char *image;
    size_t size;
    ImageHeader h;
    bool release, bad;
    Arena arena;
    Pack *pack;
    Stream meta, ids, text;
    const char **shared;
    bool *shared_is_topic, *shared_is_section;
    const char **slots; /* every string list, each a slice of this */
    MatchPair *pairs;
    ClozeGap *gaps;
    size_t slots_used, pairs_used, gaps_used;
    uint64_t *id_hashes; /* of each question's id: are they all different? */
} Reader;

static bool fail(Reader *r)
{
    r->bad = true;
    return false;
}

/* The next `count` strings of `s` as a list from the slots; NULL with
 * `present` false (then count must be 0). */
static const char **take_list(Reader *r, Stream *s, size_t count, bool present)
{
    if (!present) {
        if (count)
            fail(r);
        return NULL;
    }
    if (count > r->h.slot_count - r->slots_used) {
        fail(r);
        return NULL;
    }
    static const char *empty[1] = {""}; /* an empty list that is not NULL */
    const char **list = count || r->slots ? r->slots + r->slots_used : empty;
    for (size_t i = 0; i < count; i++)
        list[i] = stream_next(s);
    r->slots_used += count;
    return list;
}

/* The next `count` records of a table of `total` (`*used` taken so far:
 * the pairs, the gaps) for a list that is present; NULL after fail() when
 * the table has fewer left. An empty list is not NULL: it points at
 * `empty`, the image keeps the difference. */
static void *take_records(Reader *r, void *table, size_t size, size_t *used, uint32_t total,
                          size_t count, void *empty)
{
    if (count > total - *used) {
        fail(r);
        return NULL;
    }
    void *records = table ? (unsigned char *)table + *used * size : empty;
    *used += count;
    return records;
}

/* Header checks: what the image is, whose, and that its regions fit. */
static PackCacheMiss check_layout(Reader *r)
{
    const ImageHeader *h = &r->h;
    uint64_t at = h->header_size;
    for (int i = 0; i < REGION_COUNT; i++) {
        const ImageRegion *g = &h->regions[i];
        if (g->offset != at || g->size > r->size || g->offset > r->size - g->size)
            return PACK_CACHE_MISS_CORRUPT;
        at = pc_align8(g->offset + g->size);
    }
    if (at != r->size || h->image_size != r->size)
        return PACK_CACHE_MISS_CORRUPT;
    bool has_pack = h->flags == IMAGE_HAS_PACK;
    /* Bounds of the format page and of the loader (pack.h, pack_load_internal.h). */
    if ((h->flags & ~(uint32_t)IMAGE_HAS_PACK) || h->question_count > PACK_MAX_QUESTIONS ||
        h->section_count > MAX_SECTIONS || h->topic_count > MAX_TOPICS ||
        h->diag_count > DIAG_MAX_ITEMS || h->shared_count < 1 ||
        h->shared_count > 2 * (uint64_t)h->question_count + 1 ||
        h->gap_count > (uint64_t)h->question_count * IMAGE_MAX_LIST ||
        h->pair_count > (uint64_t)h->question_count * IMAGE_MAX_LIST ||
        h->slot_count > (uint64_t)h->question_count * 8 * IMAGE_MAX_LIST ||
        h->regions[REGION_QUESTIONS].size != (uint64_t)h->question_count * sizeof(ImageQuestion) ||
        h->regions[REGION_GAPS].size != (uint64_t)h->gap_count * sizeof(ImageGap) ||
        h->regions[REGION_DIAGS].size != (uint64_t)h->diag_count * sizeof(ImageDiag) ||
        h->diag_truncated > 1 || h->diag_errors > SIZE_MAX || h->diag_warnings > SIZE_MAX)
        return PACK_CACHE_MISS_CORRUPT;
    /* Every string takes at least its NUL: no table the reader allocates
     * can be larger than the strings that fill it, so a lying count cannot
     * make it allocate more than the image's size allows. */
    uint64_t text = h->regions[REGION_TEXT].size, meta = h->regions[REGION_META].size;
    if (h->slot_count > text || 2 * (uint64_t)h->pair_count > text ||
        2 * (uint64_t)h->gap_count > text ||
        2 * (uint64_t)h->question_count > h->regions[REGION_IDS].size ||
        (uint64_t)h->shared_count + h->diag_count +
                2 * ((uint64_t)h->topic_count + h->section_count) >
            meta)
        return PACK_CACHE_MISS_CORRUPT;
    /* A load gives a Pack exactly when it has no error. */
    if (has_pack
            ? (h->diag_errors != 0 || h->question_count < 1)
            : (h->diag_errors == 0 || h->question_count || h->section_count || h->topic_count ||
               h->shared_count != 1 || h->gap_count || h->pair_count || h->slot_count))
        return PACK_CACHE_MISS_CORRUPT;
    if (has_pack && (h->default_time_limit < 0 || h->default_time_limit > PACK_MAX_TIME_LIMIT ||
                     h->default_points < 1 || h->default_points > PACK_MAX_POINTS ||
                     h->id_line < 1 || h->id_column < 1))
        return PACK_CACHE_MISS_CORRUPT;
    return PACK_CACHE_MISS_NONE;
}

PackCacheMiss pc_check_header(const void *header, size_t len, uint64_t image_size,
                              const PackCacheKey *key, bool with_hash)
{
    ImageHeader h;
    if (len < sizeof h || image_size < sizeof h)
        return PACK_CACHE_MISS_FOREIGN;
    memcpy(&h, header, sizeof h);
    if (memcmp(h.magic, IMAGE_MAGIC, sizeof h.magic) != 0 || h.byte_order != IMAGE_BYTE_ORDER ||
        h.format_version != PACK_CACHE_FORMAT_VERSION || h.loader_version != PACK_LOADER_VERSION)
        return PACK_CACHE_MISS_FOREIGN;
    if (h.path_len >= PC_PATH_MAX || h.header_size != pc_align8(sizeof h + h.path_len + 1) ||
        h.header_size > image_size || h.image_size != image_size)
        return PACK_CACHE_MISS_CORRUPT;
    if (!key)
        return PACK_CACHE_MISS_NONE;
    const char *path = (const char *)header + sizeof h;
    if (len < sizeof h + h.path_len + 1 || path[h.path_len] != '\0' ||
        strlen(key->path) != h.path_len || memcmp(path, key->path, h.path_len) != 0)
        return PACK_CACHE_MISS_FOREIGN; /* another file's entry (or a cut header) */
    if (h.source_size != key->size || h.source_mtime_sec != key->mtime_sec ||
        h.source_mtime_nsec != key->mtime_nsec || h.source_inode != key->inode ||
        h.source_device != key->device || (with_hash && h.source_hash != key->content_hash))
        return PACK_CACHE_MISS_STALE;
    return PACK_CACHE_MISS_NONE;
}

/* A pack or question id: [a-z0-9][a-z0-9-]*, at most PACK_MAX_ID bytes. */
static bool is_pack_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && n > 0)))
            return false;
    }
    return n >= 1 && n <= PACK_MAX_ID;
}

/* Topic and section ids may be any text of at most PACK_MAX_ID characters. */
static bool is_free_id(const char *s)
{
    size_t chars = 0;
    for (; *s; s++)
        chars += ((unsigned char)*s & 0xC0) != 0x80;
    return chars <= PACK_MAX_ID;
}

static bool filled(const char *s)
{
    return s[0] != '\0';
}

static bool read_question(Reader *r, const unsigned char *record, Question *q, size_t index)
{
    ImageQuestion iq;
    memcpy(&iq, record, sizeof iq);
    if (iq.type >= QUESTION_TYPE_COUNT || iq.topic >= r->h.shared_count ||
        iq.source >= r->h.shared_count || (iq.lists & ~0x7Fu) || (iq.flags & ~3u) || iq.pad[0] ||
        iq.pad[1])
        return fail(r);
    const char *scalars[6];
    for (int i = 0; i < 6; i++)
        scalars[i] = stream_next(&r->text);
    *q = (Question){
        .id = stream_next(&r->ids),
        .type = (QuestionType)iq.type,
        .prompt = scalars[0],
        .topic = r->shared[iq.topic],
        .explain = scalars[1],
        .source = r->shared[iq.source],
        .difficulty = iq.difficulty,
        .time_limit = iq.time_limit,
        .points = iq.points,
        .line = iq.line,
        .answer_index = iq.answer_index,
        .answer_mask = iq.answer_mask,
        .shuffle = iq.flags & FLAG_SHUFFLE,
        .truth = (iq.flags & FLAG_TRUTH) != 0,
        .answer = scalars[2],
        .text = scalars[3],
        .front = scalars[4],
        .back = scalars[5],
        .tag_count = iq.tag_count,
        .choice_count = iq.choice_count,
        .accept_count = iq.accept_count,
        .item_count = iq.item_count,
        .pair_count = iq.pair_count,
        .gap_count = iq.gap_count,
    };
    q->tags = take_list(r, &r->text, iq.tag_count, iq.lists & LIST_TAGS);
    q->choices = take_list(r, &r->text, iq.choice_count, iq.lists & LIST_CHOICES);
    q->accept = take_list(r, &r->text, iq.accept_count, iq.lists & LIST_ACCEPT);
    q->items = take_list(r, &r->text, iq.item_count, iq.lists & LIST_ITEMS);
    if (iq.lists & LIST_PAIRS) {
        static MatchPair no_pairs[1];
        q->pairs = take_records(r, r->pairs, sizeof *r->pairs, &r->pairs_used, r->h.pair_count,
                                iq.pair_count, no_pairs);
        if (!q->pairs)
            return false;
        for (size_t k = 0; k < iq.pair_count; k++) {
            q->pairs[k].left = stream_next(&r->text);
            q->pairs[k].right = stream_next(&r->text);
        }
    } else if (iq.pair_count) {
        return fail(r);
    }
    if (iq.lists & LIST_GAPS) {
        static ClozeGap no_gaps[1];
        const unsigned char *gap_records =
            r->image + r->h.regions[REGION_GAPS].offset + r->gaps_used * sizeof(ImageGap);
        q->gaps = take_records(r, r->gaps, sizeof *r->gaps, &r->gaps_used, r->h.gap_count,
                               iq.gap_count, no_gaps);
        if (!q->gaps)
            return false;
        for (size_t k = 0; k < iq.gap_count; k++) {
            ImageGap ig;
            memcpy(&ig, gap_records + k * sizeof ig, sizeof ig);
            if (ig.has_accept > 1)
                return fail(r);
            ClozeGap *g = &q->gaps[k];
            g->answer = stream_next(&r->text);
            g->hint = stream_next(&r->text);
            g->accept_count = ig.accept_count;
            g->accept = take_list(r, &r->text, ig.accept_count, ig.has_accept);
        }
    } else if (iq.gap_count) {
        return fail(r);
    }
    if (iq.lists & LIST_CLOZE_PARTS)
        q->cloze_parts = take_list(r, &r->text, (size_t)iq.gap_count + 1, true);
    if (r->bad || r->text.bad || r->ids.bad)
        return fail(r);

    /* The promises of pack.h and the format page; the type's own are its
     * kind's (qtype.h). */
    if (!is_pack_id(q->id) || q->difficulty < 1 || q->difficulty > 3 || q->time_limit < 0 ||
        q->time_limit > PACK_MAX_TIME_LIMIT || q->points < 1 || q->points > PACK_MAX_POINTS ||
        q->line < 1 || q->tag_count > MAX_TAGS ||
        (filled(q->topic) && r->h.topic_count > 0 && !r->shared_is_topic[iq.topic]) ||
        (filled(q->source) && !r->shared_is_section[iq.source]) ||
        !question_kind(q->type)->well_formed(q))
        return fail(r);
    r->id_hashes[index] = hash64(q->id, strlen(q->id), 0);
    return true;
}

static int compare_hashes(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* True when no two questions share an id. The ids' hashes, sorted, are
 * compared first (8 bytes a question, where an index of the strings takes
 * 40); only when two hashes meet are the strings themselves. */
static bool ids_unique(const Reader *r)
{
    size_t n = r->pack->question_count;
    qsort(r->id_hashes, n, sizeof *r->id_hashes, compare_hashes);
    bool clash = false;
    for (size_t i = 1; i < n && !clash; i++)
        clash = r->id_hashes[i] == r->id_hashes[i - 1];
    if (!clash)
        return true;
    IdIndex ids = {0};
    bool unique = id_index_reserve(&ids, n);
    uint32_t first;
    for (size_t i = 0; i < n && unique; i++)
        unique = id_index_insert(&ids, r->pack->questions[i].id, 0, &first) == ID_INDEX_ADDED;
    id_index_free(&ids);
    return unique;
}

/* The pack's own strings, sections, topics and the shared strings. */
static bool read_meta(Reader *r, const char *name)
{
    Pack *p = r->pack;
    const ImageHeader *h = &r->h;
    p->path = arena_strdup(&r->arena, name);
    p->id = stream_next(&r->meta);
    p->title = stream_next(&r->meta);
    p->description = stream_next(&r->meta);
    p->language = stream_next(&r->meta);
    p->author = stream_next(&r->meta);
    p->source_title = stream_next(&r->meta);
    p->id_line = h->id_line;
    p->id_column = h->id_column;
    p->default_time_limit = h->default_time_limit;
    p->default_points = h->default_points;
    p->section_count = h->section_count;
    p->topic_count = h->topic_count;
    p->sections = h->section_count
                      ? arena_alloc_array(&r->arena, h->section_count, sizeof *p->sections)
                      : NULL;
    p->topics =
        h->topic_count ? arena_alloc_array(&r->arena, h->topic_count, sizeof *p->topics) : NULL;
    if (!p->path || (h->section_count && !p->sections) || (h->topic_count && !p->topics))
        return fail(r);
    IdIndex topics = {0}, sections = {0};
    bool ok = true;
    uint32_t first;
    for (uint32_t i = 0; i < h->section_count; i++) {
        p->sections[i] = (PackSection){stream_next(&r->meta), stream_next(&r->meta)};
        ok = ok && filled(p->sections[i].id) && is_free_id(p->sections[i].id) &&
             id_index_insert(&sections, p->sections[i].id, i, &first) != ID_INDEX_NO_MEMORY;
    }
    for (uint32_t i = 0; i < h->topic_count; i++) {
        p->topics[i] = (PackTopic){stream_next(&r->meta), stream_next(&r->meta)};
        ok = ok && filled(p->topics[i].id) && is_free_id(p->topics[i].id) &&
             id_index_insert(&topics, p->topics[i].id, i, &first) != ID_INDEX_NO_MEMORY;
    }
    IdIndex shared = {0};
    for (uint32_t i = 0; i < h->shared_count && ok; i++) {
        const char *s = stream_next(&r->meta);
        r->shared[i] = s;
        /* Each shared string once, "" first: what the writer makes. */
        ok = i == 0 ? !filled(s)
                    : is_free_id(s) && id_index_insert(&shared, s, i, &first) == ID_INDEX_ADDED;
        r->shared_is_topic[i] = id_index_contains(&topics, s);
        r->shared_is_section[i] = id_index_contains(&sections, s);
    }
    id_index_free(&shared);
    id_index_free(&topics);
    id_index_free(&sections);
    if (!ok || r->meta.bad || !is_pack_id(p->id) || text_is_blank(p->title, NULL) ||
        !filled(p->language))
        return fail(r);
    return true;
}

/* The records of the load, appended to `diags` as the loader made them. */
static bool read_diags(Reader *r, const char *name, DiagList *diags)
{
    DiagList local = {0};
    r->meta.limit = DIAG_MAX_MESSAGE; /* the messages close META */
    const unsigned char *records = r->image + r->h.regions[REGION_DIAGS].offset;
    size_t errors = 0, warnings = 0;
    bool ok = true;
    for (uint32_t i = 0; i < r->h.diag_count && ok; i++) {
        ImageDiag d;
        memcpy(&d, records + i * sizeof d, sizeof d);
        const char *message = stream_next(&r->meta);
        ok = !r->meta.bad && filled(message) && d.line >= 1 && d.column >= 1 &&
             (d.severity == DIAG_ERROR || d.severity == DIAG_WARNING);
        if (ok) {
            diag_add(&local, (DiagSeverity)d.severity, name, d.line, d.column, "%s", message);
            errors += d.severity == DIAG_ERROR;
            warnings += d.severity == DIAG_WARNING;
        }
    }
    /* The counts include what the load had dropped past DIAG_MAX_ITEMS. */
    const ImageHeader *h = &r->h;
    ok = ok && r->meta.at == r->meta.end && local.count == h->diag_count &&
         h->diag_errors >= errors && h->diag_warnings >= warnings &&
         (h->diag_truncated || (h->diag_errors == errors && h->diag_warnings == warnings));
    if (ok) {
        local.error_count = (size_t)h->diag_errors;
        local.warning_count = (size_t)h->diag_warnings;
        local.truncated = h->diag_truncated != 0;
        diag_append(diags, &local);
    }
    diag_clear(&local);
    return ok || fail(r);
}

/* Allocates the pack and the tables its lists are slices of. */
static bool allocate(Reader *r, const char *name)
{
    const ImageHeader *h = &r->h;
    /* Everything read_meta and this function take, with each allocation's
     * alignment slack: one block of that size (arena.h). */
    size_t slack = 16 * 16, need = sizeof *r->pack + h->shared_count * (sizeof *r->shared + 2) +
                                   h->section_count * sizeof *r->pack->sections +
                                   h->topic_count * sizeof *r->pack->topics + strlen(name) + 1 +
                                   slack;
    if (h->flags & IMAGE_HAS_PACK)
        need += h->question_count * sizeof *r->pack->questions + h->slot_count * sizeof *r->slots +
                h->pair_count * sizeof *r->pairs + h->gap_count * sizeof *r->gaps;
    if (!arena_reserve(&r->arena, need))
        return false;
    r->pack = arena_alloc(&r->arena, sizeof *r->pack);
    r->shared = arena_alloc_array(&r->arena, h->shared_count, sizeof *r->shared);
    r->shared_is_topic = arena_alloc(&r->arena, h->shared_count);
    r->shared_is_section = arena_alloc(&r->arena, h->shared_count);
    if (!r->pack || !r->shared || !r->shared_is_topic || !r->shared_is_section)
        return false;
    if (!(h->flags & IMAGE_HAS_PACK))
        return true;
    Pack *p = r->pack;
    p->question_count = h->question_count;
    p->questions = arena_alloc_array(&r->arena, h->question_count, sizeof *p->questions);
    r->slots = h->slot_count ? arena_alloc_array(&r->arena, h->slot_count, sizeof *r->slots) : NULL;
    r->pairs = h->pair_count ? arena_alloc_array(&r->arena, h->pair_count, sizeof *r->pairs) : NULL;
    r->gaps = h->gap_count ? arena_alloc_array(&r->arena, h->gap_count, sizeof *r->gaps) : NULL;
    return p->questions && (r->slots || !h->slot_count) && (r->pairs || !h->pair_count) &&
           (r->gaps || !h->gap_count);
}

static Pack *read_body(Reader *r, const char *name, DiagList *diags)
{
    const ImageHeader *h = &r->h;
    r->meta = stream_of(r->image, &h->regions[REGION_META], PACK_MAX_STRING, r->release);
    r->ids = stream_of(r->image, &h->regions[REGION_IDS], PACK_MAX_ID, r->release);
    r->text = stream_of(r->image, &h->regions[REGION_TEXT], PACK_MAX_STRING, r->release);
    if (!allocate(r, name))
        return NULL;
    bool has_pack = h->flags & IMAGE_HAS_PACK;
    if (has_pack && !read_meta(r, name))
        return NULL;
    if (!has_pack) {
        r->shared[0] = stream_next(&r->meta);
        if (filled(r->shared[0]))
            return NULL;
    }
    r->id_hashes = malloc((h->question_count ? h->question_count : 1) * sizeof *r->id_hashes);
    if (!r->id_hashes)
        return NULL;
    const unsigned char *records = r->image + h->regions[REGION_QUESTIONS].offset;
    const unsigned char *released = records;
    for (uint32_t i = 0; i < h->question_count; i++) {
        if (!read_question(r, records + (size_t)i * sizeof(ImageQuestion), &r->pack->questions[i],
                           i))
            return NULL;
        const unsigned char *done = records + (size_t)(i + 1) * sizeof(ImageQuestion);
        if (r->release && done - released >= RELEASE_CHUNK) {
            release_pages(released, done);
            released = done;
        }
    }
    if (r->ids.at != r->ids.end || r->text.at != r->text.end || r->slots_used != h->slot_count ||
        r->pairs_used != h->pair_count || r->gaps_used != h->gap_count || !ids_unique(r))
        return NULL;
    /* The records last, so that a refused image has appended none. */
    if (!read_diags(r, name, diags))
        return NULL;
    if (r->release)
        release_pages(r->image, r->image + r->size);
    return r->pack;
}

Pack *pc_read_image(const unsigned char *image, size_t size, const PackCacheKey *key,
                    const char *name, DiagList *diags, PackCacheMiss *why, bool release)
{
    if (size < sizeof(ImageHeader)) {
        *why = PACK_CACHE_MISS_FOREIGN;
        return NULL;
    }
    /* Where the image is not 8-byte aligned (a copy in a test), reading
     * records with memcpy keeps that harmless. */
    *why = pc_check_header(image, size, size, key, true);
    if (*why != PACK_CACHE_MISS_NONE)
        return NULL;
    Reader r = {.image = image, .size = size, .release = release};
    memcpy(&r.h, image, sizeof r.h);
    *why = check_layout(&r);
    if (*why == PACK_CACHE_MISS_NONE && pc_image_checksum(image, size, release) != r.h.checksum)
        *why = PACK_CACHE_MISS_CORRUPT;
    if (*why != PACK_CACHE_MISS_NONE)
        return NULL;
    Pack *p = read_body(&r, name, diags);
    free(r.id_hashes);
    if (!p || r.bad) {
        arena_free(&r.arena);
        *why = PACK_CACHE_MISS_CORRUPT;
        return NULL;
    }
    if (!(r.h.flags & IMAGE_HAS_PACK)) {
        arena_free(&r.arena);
        return NULL; /* a valid image of a file with errors: its records say why */
    }
    p->arena = r.arena;
    return p;
}

Pack *pack_cache_decode(const void *image, size_t size, const PackCacheKey *key, const char *name,
                        DiagList *diags, PackCacheMiss *why)
{
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) {
        *why = PACK_CACHE_MISS_CORRUPT;
        return NULL;
    }
    if (size)
        memcpy(copy, image, size);
    Pack *p = pc_read_image(copy, size, key, name, diags, why, false);
    if (!p) {
        free(copy);
        return NULL;
    }
    Arena arena = p->arena;
    if (!arena_adopt(&arena, copy, size)) {
        arena_free(&arena);
        *why = PACK_CACHE_MISS_CORRUPT;
        return NULL;
    }
    p->arena = arena;
    return p;
}
