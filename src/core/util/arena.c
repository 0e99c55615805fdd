/* arena.c - bump allocator behind every loaded pack (see arena.h). */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t size; /* bytes in data[] */
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct ArenaAdopted {
    ArenaAdopted *next;
    void *buffer;
    size_t mapped; /* 0: from malloc; else the length of a mapping */
};

/* Blocks start small (most packs are a few KiB) and double, capped so a huge
 * pack wastes at most one cap's worth of tail. */
enum { ARENA_FIRST_BLOCK = 16 * 1024, ARENA_MAX_BLOCK = 4 * 1024 * 1024 };

static size_t align_up(size_t n)
{
    const size_t a = alignof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

/* A new block of `size` bytes, the arena's head from now on. */
static ArenaBlock *push_block(Arena *arena, size_t size)
{
    ArenaBlock *nb = malloc(sizeof *nb + size);
    if (!nb) {
        arena->failed = true;
        return NULL;
    }
    nb->next = arena->head;
    nb->size = size;
    nb->used = 0;
    arena->head = nb;
    arena->reserved += size;
    return nb;
}

/* Bump-allocates without clearing: for callers that fill every byte. */
static void *arena_alloc_uninit(Arena *arena, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX / 2)
        return NULL;
    size_t need = align_up(size);
    ArenaBlock *b = arena->head;
    if (!b || b->size - b->used < need) {
        size_t grow = b ? b->size * 2 : ARENA_FIRST_BLOCK;
        if (grow > ARENA_MAX_BLOCK)
            grow = ARENA_MAX_BLOCK;
        if (grow < need)
            grow = need;
        b = push_block(arena, grow);
        if (!b)
            return NULL;
    }
    void *p = b->data + b->used;
    b->used += need;
    arena->used += need;
    return p;
}

bool arena_reserve(Arena *arena, size_t size)
{
    if (arena->head || size == 0 || size > SIZE_MAX / 2)
        return true;
    size_t grow = align_up(size);
    return push_block(arena, grow) != NULL;
}

void *arena_alloc(Arena *arena, size_t size)
{
    void *p = arena_alloc_uninit(arena, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *arena_alloc_array(Arena *arena, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / 2 / size)
        return NULL;
    return arena_alloc(arena, count * size);
}

char *arena_strndup(Arena *arena, const char *text, size_t len)
{
    char *p = arena_alloc_uninit(arena, len + 1); /* every byte is written below */
    if (p) {
        if (len)
            memcpy(p, text, len);
        p[len] = '\0';
    }
    return p;
}

char *arena_strdup(Arena *arena, const char *text)
{
    return arena_strndup(arena, text, strlen(text));
}

void *arena_adopt(Arena *arena, void *buffer, size_t size)
{
    if (!buffer)
        return NULL;
    ArenaAdopted *node = arena_alloc(arena, sizeof *node);
    if (!node) {
        free(buffer);
        return NULL;
    }
    node->buffer = buffer;
    node->next = arena->adopted;
    arena->adopted = node;
    arena->used += size;
    arena->reserved += size;
    return buffer;
}

void *arena_adopt_mapping(Arena *arena, void *address, size_t length)
{
    ArenaAdopted *node = arena_alloc(arena, sizeof *node);
    if (!node) {
        munmap(address, length);
        return NULL;
    }
    node->buffer = address;
    node->mapped = length;
    node->next = arena->adopted;
    arena->adopted = node;
    return address;
}

void arena_free(Arena *arena)
{
    /* Adopted nodes live in the blocks: free their buffers first. */
    for (ArenaAdopted *a = arena->adopted; a; a = a->next) {
        if (a->mapped)
            munmap(a->buffer, a->mapped);
        else
            free(a->buffer);
    }
    arena->adopted = NULL;
    ArenaBlock *b = arena->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
    arena->used = 0;
    arena->reserved = 0;
    arena->failed = false;
}
