/* test_arena.c - the bump allocator every pack lives in
 * (src/core/util/arena.h).
 *
 * A player with two hundred small packs holds two hundred arenas at once;
 * each used to start with a 16 KiB block whatever the pack's size, about
 * 3 MiB of mostly empty blocks. A pack read from its cache entry knows its
 * size and reserves exactly that. These tests hold the arena's own count of
 * reserved bytes, never the process's memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "arena.h"

/* What is reserved is one block of the asked size, and it serves every
 * allocation that fits, zeroed and distinct. */
static void test_reserve_makes_one_block_of_that_size(void **state)
{
    (void)state;
    Arena a = {0};
    assert_true(arena_reserve(&a, 1000));
    size_t reserved = a.reserved;
    assert_true(reserved >= 1000 && reserved < 1100);
    char *x = arena_alloc(&a, 400), *y = arena_alloc(&a, 400);
    assert_non_null(x);
    assert_non_null(y);
    assert_true(y >= x + 400);
    for (size_t i = 0; i < 400; i++)
        assert_int_equal(x[i] | y[i], 0);
    assert_int_equal(a.reserved, reserved); /* no second block */
    arena_free(&a);
}

/* A reserve that was too small is only a hint: what goes past it grows the
 * arena, and every byte handed out stays valid. */
static void test_past_the_reserve_the_arena_grows(void **state)
{
    (void)state;
    Arena a = {0};
    assert_true(arena_reserve(&a, 64));
    char *first = arena_strdup(&a, "first");
    char *big = arena_alloc(&a, 100000);
    assert_non_null(first);
    assert_non_null(big);
    memset(big, 'x', 100000);
    assert_string_equal(first, "first");
    assert_true(a.reserved >= 64 + 100000);
    arena_free(&a);
}

/* Once the arena has a block the hint changes nothing; an arena that was
 * never reserved starts as before (small packs from YAML). */
static void test_reserve_after_use_changes_nothing(void **state)
{
    (void)state;
    Arena a = {0};
    assert_non_null(arena_alloc(&a, 10));
    size_t reserved = a.reserved;
    assert_true(arena_reserve(&a, 1u << 20));
    assert_int_equal(a.reserved, reserved);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reserve_makes_one_block_of_that_size),
        cmocka_unit_test(test_past_the_reserve_the_arena_grows),
        cmocka_unit_test(test_reserve_after_use_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
