/* arena.h - a bump allocator for load-time memory.
 *
 * A loaded pack keeps all its strings and arrays in one Arena and is freed in
 * one call (design rule 3). Blocks are chained; nothing is ever moved, so a
 * pointer into the arena stays valid until arena_free(). Not thread-safe.
 */
#ifndef QUIZDECK_ARENA_H
#define QUIZDECK_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct ArenaAdopted ArenaAdopted;

typedef struct Arena {
    ArenaBlock *head;      /* newest block, which new allocations come from */
    size_t used;           /* bytes handed out, for statistics and benchmarks */
    size_t reserved;       /* bytes obtained from malloc */
    ArenaAdopted *adopted; /* malloc'd buffers the arena frees with itself */
    bool failed;           /* some allocation failed (out of memory) */
} Arena;

/* A zeroed Arena is ready to use: `Arena a = {0};`. */

/* A hint for an empty arena whose whole size is known in advance (a pack
 * read from its cache entry): its first block is made `size` bytes, not
 * the usual 16 KiB, so two hundred small packs do not each hold a mostly
 * empty block. What goes past `size` grows the arena as usual. Does
 * nothing once the arena has a block; false when out of memory. */
bool arena_reserve(Arena *arena, size_t size);

/* Returns `size` bytes aligned for any type, zeroed; NULL when out of memory.
 * The memory belongs to the arena. */
void *arena_alloc(Arena *arena, size_t size);

/* Like arena_alloc for `count` elements of `size` bytes; NULL on overflow. */
void *arena_alloc_array(Arena *arena, size_t count, size_t size);

/* Copies `len` bytes of `text` and adds a NUL; NULL when out of memory. */
char *arena_strndup(Arena *arena, const char *text, size_t len);

/* Copies a NUL-terminated string. */
char *arena_strdup(Arena *arena, const char *text);

/* Makes the arena the owner of `buffer` (from malloc/realloc, `size` bytes),
 * so an array grown with realloc while its length was unknown joins the
 * arena without a copy. Returns `buffer`; on failure frees it and returns
 * NULL. */
void *arena_adopt(Arena *arena, void *buffer, size_t size);

/* Makes the arena the owner of a memory mapping (from mmap, `length`
 * bytes), unmapped with munmap() when the arena is freed: a pack read from
 * the cache (pack_cache.h) points into the file it was read from, which is
 * mapped once and dies with the pack. Returns `address`; on failure unmaps
 * it and returns NULL. The mapping's size is not counted in `used`: its
 * pages are read from the file only when touched. */
void *arena_adopt_mapping(Arena *arena, void *address, size_t length);

/* Frees every block; the arena is empty (and reusable) afterwards. */
void arena_free(Arena *arena);

#endif
