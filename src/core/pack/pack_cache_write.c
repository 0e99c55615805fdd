/* pack_cache_write.c - the cache image of one load (pack_cache.h).
 *
 * Two passes over the Pack and its records: the first checks that an
 * image can hold them exactly, measures every region and gathers the
 * shared strings (each topic and source value once); the second writes the
 * regions in the layout's order through a Sink, a descriptor written
 * through a buffer or a block of memory, hashing every byte on its way, so
 * a 50,000-question pack is written without a copy of it in memory. The
 * checksum goes in last. Read pack_cache_internal.h (the layout) first.
 */
#include "pack_cache_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hash64.h"
#include "id_index.h"
#include "pack_load.h"

/* Where the image goes: a descriptor, written through a buffer, or a
 * memory block of the size pass one measured. Everything written is
 * hashed on its way. */
typedef struct Sink {
    int fd; /* -1: memory */
    unsigned char *mem;
    uint64_t written;
    Hash64 hash;
    bool failed;
    size_t used;
    unsigned char buf[1 << 16];
} Sink;

static bool sink_flush(Sink *s)
{
    size_t done = 0;
    while (!s->failed && done < s->used) {
        ssize_t n = write(s->fd, s->buf + done, s->used - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            s->failed = true;
        else
            done += (size_t)n;
    }
    s->used = 0;
    return !s->failed;
}

static void sink_put(Sink *s, const void *data, size_t n)
{
    hash64_update(&s->hash, data, n);
    if (s->fd < 0) {
        memcpy(s->mem + s->written, data, n);
    } else {
        const unsigned char *p = data;
        while (n && !s->failed) {
            size_t take = sizeof s->buf - s->used < n ? sizeof s->buf - s->used : n;
            memcpy(s->buf + s->used, p, take);
            s->used += take;
            p += take;
            n -= take;
            s->written += take;
            if (s->used == sizeof s->buf)
                sink_flush(s);
        }
        return;
    }
    s->written += n;
}

static void sink_string(Sink *s, const char *text)
{
    sink_put(s, text, strlen(text) + 1);
}

static void sink_align(Sink *s)
{
    static const unsigned char zeros[8];
    sink_put(s, zeros, (size_t)(pc_align8(s->written) - s->written));
}

/* What pass one learns: sizes, totals, and the shared strings. */
typedef struct Plan {
    ImageHeader h;
    const char **shared; /* shared_count strings; [0] is "" */
    IdIndex shared_ids;  /* string -> index in shared */
    size_t shared_cap;
    uint64_t sizes[REGION_COUNT];
} Plan;

/* The index of `text` among the shared strings, adding it; UINT32_MAX when
 * out of memory. */
static uint32_t share(Plan *plan, const char *text)
{
    if (!text[0])
        return 0;
    uint32_t index = plan->h.shared_count, first = 0;
    switch (id_index_insert(&plan->shared_ids, text, index, &first)) {
    case ID_INDEX_DUPLICATE:
        return first;
    case ID_INDEX_NO_MEMORY:
        return UINT32_MAX;
    case ID_INDEX_ADDED:
        break;
    }
    if (plan->h.shared_count == plan->shared_cap) {
        size_t cap = plan->shared_cap * 2;
        const char **grown = realloc(plan->shared, cap * sizeof *grown);
        if (!grown)
            return UINT32_MAX;
        plan->shared = grown;
        plan->shared_cap = cap;
    }
    plan->shared[plan->h.shared_count++] = text;
    plan->sizes[REGION_META] += strlen(text) + 1;
    return index;
}

/* Adds strings to TEXT's size; false when they cannot be held exactly (a
 * NULL list that is not empty, a NULL string, too many). */
static bool plan_strings(Plan *plan, const char *const *list, size_t count)
{
    if (count > IMAGE_MAX_LIST + 1 || (count && !list))
        return false;
    for (size_t i = 0; i < count; i++) {
        if (!list[i])
            return false;
        plan->sizes[REGION_TEXT] += strlen(list[i]) + 1;
    }
    return true;
}

/* The same for a list, which takes its place in the slots table. */
static bool plan_list(Plan *plan, const char *const *list, size_t count)
{
    if (count > IMAGE_MAX_LIST)
        return false;
    plan->h.slot_count += (uint32_t)count;
    return plan_strings(plan, list, count);
}

static bool plan_question(Plan *plan, const Question *q)
{
    const char *scalars[6] = {q->prompt, q->explain, q->answer, q->text, q->front, q->back};
    if (!q->id || !q->topic || !q->source)
        return false;
    for (int i = 0; i < 6; i++) {
        if (!scalars[i])
            return false;
        plan->sizes[REGION_TEXT] += strlen(scalars[i]) + 1;
    }
    plan->sizes[REGION_IDS] += strlen(q->id) + 1;
    if (share(plan, q->topic) == UINT32_MAX || share(plan, q->source) == UINT32_MAX)
        return false;
    if (q->answer_index > UINT32_MAX || (unsigned)q->type >= QUESTION_TYPE_COUNT ||
        !plan_list(plan, q->tags, q->tag_count) || !plan_list(plan, q->choices, q->choice_count) ||
        !plan_list(plan, q->accept, q->accept_count) || !plan_list(plan, q->items, q->item_count))
        return false;
    if (q->pair_count > IMAGE_MAX_LIST || (q->pair_count && !q->pairs))
        return false;
    for (size_t i = 0; i < q->pair_count; i++) {
        const char *sides[2] = {q->pairs[i].left, q->pairs[i].right};
        if (!plan_strings(plan, sides, 2)) /* pairs have a table of their own */
            return false;
    }
    plan->h.pair_count += (uint32_t)q->pair_count;
    if (q->gap_count > IMAGE_MAX_LIST || (q->gap_count && !q->gaps))
        return false;
    for (size_t i = 0; i < q->gap_count; i++) {
        const ClozeGap *g = &q->gaps[i];
        const char *both[2] = {g->answer, g->hint};
        if (!plan_strings(plan, both, 2) || !plan_list(plan, g->accept, g->accept_count))
            return false;
    }
    plan->h.gap_count += (uint32_t)q->gap_count;
    if (q->cloze_parts) { /* gap_count + 1 entries: may be one over a list's limit */
        plan->h.slot_count += (uint32_t)(q->gap_count + 1);
        if (!plan_strings(plan, q->cloze_parts, q->gap_count + 1))
            return false;
    }
    return true;
}

/* Pass one: checks the load can be held, measures every region and fills
 * the header. */
static bool plan_image(Plan *plan, const Pack *pack, const DiagList *diags, const PackCacheKey *key)
{
    ImageHeader *h = &plan->h;
    size_t path_len = strlen(key->path);
    if (path_len >= PC_PATH_MAX || diags->count > UINT32_MAX)
        return false;
    memcpy(h->magic, IMAGE_MAGIC, sizeof h->magic);
    h->byte_order = IMAGE_BYTE_ORDER;
    h->format_version = PACK_CACHE_FORMAT_VERSION;
    h->loader_version = PACK_LOADER_VERSION;
    h->header_size = (uint32_t)pc_align8(sizeof *h + path_len + 1);
    h->source_size = key->size;
    h->source_mtime_sec = key->mtime_sec;
    h->source_mtime_nsec = key->mtime_nsec;
    h->source_inode = key->inode;
    h->source_device = key->device;
    h->source_hash = key->content_hash;
    h->path_len = (uint32_t)path_len;
    h->diag_errors = diags->error_count;
    h->diag_warnings = diags->warning_count;
    h->diag_count = (uint32_t)diags->count;
    h->diag_truncated = diags->truncated;
    for (size_t i = 0; i < diags->count; i++)
        plan->sizes[REGION_META] += strlen(diags->items[i].message) + 1;
    plan->shared_cap = 64;
    plan->shared = malloc(plan->shared_cap * sizeof *plan->shared);
    if (!plan->shared)
        return false;
    plan->shared[0] = "";
    h->shared_count = 1;
    plan->sizes[REGION_META] += 1;
    if (pack) {
        const char *strings[] = {pack->id,       pack->title,  pack->description,
                                 pack->language, pack->author, pack->source_title};
        for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
            if (!strings[i])
                return false;
            plan->sizes[REGION_META] += strlen(strings[i]) + 1;
        }
        if (pack->question_count > UINT32_MAX || pack->topic_count > UINT32_MAX ||
            pack->section_count > UINT32_MAX || (pack->topic_count && !pack->topics) ||
            (pack->section_count && !pack->sections) || (pack->question_count && !pack->questions))
            return false;
        for (size_t i = 0; i < pack->section_count; i++) {
            if (!pack->sections[i].id || !pack->sections[i].title)
                return false;
            plan->sizes[REGION_META] +=
                strlen(pack->sections[i].id) + strlen(pack->sections[i].title) + 2;
        }
        for (size_t i = 0; i < pack->topic_count; i++) {
            if (!pack->topics[i].id || !pack->topics[i].title)
                return false;
            plan->sizes[REGION_META] +=
                strlen(pack->topics[i].id) + strlen(pack->topics[i].title) + 2;
        }
        for (size_t i = 0; i < pack->question_count; i++)
            if (!plan_question(plan, &pack->questions[i]))
                return false;
        h->flags = IMAGE_HAS_PACK;
        h->id_line = pack->id_line;
        h->id_column = pack->id_column;
        h->default_time_limit = pack->default_time_limit;
        h->default_points = pack->default_points;
        h->question_count = (uint32_t)pack->question_count;
        h->section_count = (uint32_t)pack->section_count;
        h->topic_count = (uint32_t)pack->topic_count;
    }
    plan->sizes[REGION_QUESTIONS] = (uint64_t)h->question_count * sizeof(ImageQuestion);
    plan->sizes[REGION_GAPS] = (uint64_t)h->gap_count * sizeof(ImageGap);
    plan->sizes[REGION_DIAGS] = (uint64_t)h->diag_count * sizeof(ImageDiag);
    uint64_t at = h->header_size;
    for (int r = 0; r < REGION_COUNT; r++) {
        h->regions[r] = (ImageRegion){at, plan->sizes[r]};
        at = pc_align8(at + plan->sizes[r]);
    }
    h->image_size = at;
    return at <= UINT32_MAX; /* a 64 MiB pack stays far below */
}

static void write_list(Sink *s, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        sink_string(s, list[i]);
}

/* Pass two: the bytes, region by region, in the order of the layout. */
static void write_image(Sink *s, Plan *plan, const Pack *pack, const DiagList *diags,
                        const PackCacheKey *key)
{
    const ImageHeader *h = &plan->h;
    sink_put(s, h, sizeof *h);
    sink_string(s, key->path);
    sink_align(s);
    for (uint32_t i = 0; i < h->question_count; i++) {
        const Question *q = &pack->questions[i];
        ImageQuestion r = {
            .topic = share(plan, q->topic), /* found again: pass one added them */
            .source = share(plan, q->source),
            .difficulty = q->difficulty,
            .time_limit = q->time_limit,
            .points = q->points,
            .line = q->line,
            .answer_index = (uint32_t)q->answer_index,
            .answer_mask = q->answer_mask,
            .lists = (uint16_t)((q->tags ? LIST_TAGS : 0) | (q->choices ? LIST_CHOICES : 0) |
                                (q->accept ? LIST_ACCEPT : 0) | (q->items ? LIST_ITEMS : 0) |
                                (q->pairs ? LIST_PAIRS : 0) | (q->gaps ? LIST_GAPS : 0) |
                                (q->cloze_parts ? LIST_CLOZE_PARTS : 0)),
            .type = (uint8_t)q->type,
            .flags = (uint8_t)((q->shuffle ? FLAG_SHUFFLE : 0) | (q->truth ? FLAG_TRUTH : 0)),
            .tag_count = (uint8_t)q->tag_count,
            .choice_count = (uint8_t)q->choice_count,
            .accept_count = (uint8_t)q->accept_count,
            .item_count = (uint8_t)q->item_count,
            .pair_count = (uint8_t)q->pair_count,
            .gap_count = (uint8_t)q->gap_count,
        };
        sink_put(s, &r, sizeof r);
    }
    sink_align(s);
    for (uint32_t i = 0; i < h->question_count; i++) {
        const Question *q = &pack->questions[i];
        for (size_t g = 0; g < q->gap_count; g++) {
            ImageGap r = {(uint8_t)q->gaps[g].accept_count, q->gaps[g].accept != NULL};
            sink_put(s, &r, sizeof r);
        }
    }
    sink_align(s);
    for (size_t i = 0; i < diags->count; i++) {
        const Diag *d = &diags->items[i];
        ImageDiag r = {d->line, d->column, (uint32_t)d->severity};
        sink_put(s, &r, sizeof r);
    }
    sink_align(s);
    if (pack) {
        const char *strings[] = {pack->id,       pack->title,  pack->description,
                                 pack->language, pack->author, pack->source_title};
        write_list(s, strings, sizeof strings / sizeof strings[0]);
        for (size_t i = 0; i < pack->section_count; i++) {
            sink_string(s, pack->sections[i].id);
            sink_string(s, pack->sections[i].title);
        }
        for (size_t i = 0; i < pack->topic_count; i++) {
            sink_string(s, pack->topics[i].id);
            sink_string(s, pack->topics[i].title);
        }
    }
    write_list(s, plan->shared, h->shared_count);
    for (size_t i = 0; i < diags->count; i++)
        sink_string(s, diags->items[i].message);
    sink_align(s);
    for (uint32_t i = 0; i < h->question_count; i++)
        sink_string(s, pack->questions[i].id);
    sink_align(s);
    for (uint32_t i = 0; i < h->question_count; i++) {
        const Question *q = &pack->questions[i];
        const char *scalars[6] = {q->prompt, q->explain, q->answer, q->text, q->front, q->back};
        write_list(s, scalars, 6);
        write_list(s, q->tags, q->tag_count);
        write_list(s, q->choices, q->choice_count);
        write_list(s, q->accept, q->accept_count);
        write_list(s, q->items, q->item_count);
        for (size_t k = 0; k < q->pair_count; k++) {
            sink_string(s, q->pairs[k].left);
            sink_string(s, q->pairs[k].right);
        }
        for (size_t k = 0; k < q->gap_count; k++) {
            sink_string(s, q->gaps[k].answer);
            sink_string(s, q->gaps[k].hint);
            write_list(s, q->gaps[k].accept, q->gaps[k].accept_count);
        }
        if (q->cloze_parts)
            write_list(s, q->cloze_parts, q->gap_count + 1);
    }
    sink_align(s);
}

static void plan_free(Plan *plan)
{
    free(plan->shared);
    id_index_free(&plan->shared_ids);
}

bool pc_write_image(int fd, const Pack *pack, const DiagList *diags, const PackCacheKey *key)
{
    Plan plan = {0};
    if (!plan_image(&plan, pack, diags, key)) {
        plan_free(&plan);
        errno = 0;
        return false;
    }
    Sink *s = malloc(sizeof *s);
    if (!s) {
        plan_free(&plan);
        return false;
    }
    s->fd = fd;
    s->mem = NULL;
    s->written = 0;
    s->failed = false;
    s->used = 0;
    hash64_init(&s->hash, 0);
    write_image(s, &plan, pack, diags, key);
    sink_flush(s);
    uint64_t checksum = hash64_final(&s->hash);
    bool ok = !s->failed && s->written == plan.h.image_size &&
              pwrite(fd, &checksum, sizeof checksum, offsetof(ImageHeader, checksum)) ==
                  (ssize_t)sizeof checksum;
    if (ok)
        errno = 0;
    else if (!errno)
        errno = EIO;
    free(s);
    plan_free(&plan);
    return ok;
}

bool pack_cache_encode(const Pack *pack, const DiagList *diags, const PackCacheKey *key,
                       void **image, size_t *size)
{
    *image = NULL;
    *size = 0;
    Plan plan = {0};
    Sink *s = NULL;
    bool ok = plan_image(&plan, pack, diags, key) && (s = malloc(sizeof *s)) != NULL;
    unsigned char *mem = ok ? malloc(plan.h.image_size) : NULL;
    if (mem) {
        *s = (Sink){.fd = -1, .mem = mem};
        hash64_init(&s->hash, 0);
        write_image(s, &plan, pack, diags, key);
        uint64_t checksum = hash64_final(&s->hash);
        memcpy(mem + offsetof(ImageHeader, checksum), &checksum, sizeof checksum);
        *image = mem;
        *size = plan.h.image_size;
    }
    free(s);
    plan_free(&plan);
    return mem != NULL;
}

void pack_cache_seal(void *image, size_t size)
{
    if (size < sizeof(ImageHeader))
        return;
    uint64_t checksum = pc_image_checksum(image, size, false);
    memcpy((unsigned char *)image + offsetof(ImageHeader, checksum), &checksum, sizeof checksum);
}
