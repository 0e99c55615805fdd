/* session_internal.h - what the session files share. Private to
 * src/core/class/session_*.c and class_play*.c; everybody else includes
 * session.h.
 */
#ifndef QUIZDECK_SESSION_INTERNAL_H
#define QUIZDECK_SESSION_INTERNAL_H

#include "session.h"

/* Grows an arena array of `size`-byte elements (count used, *cap room) to
 * hold one more; returns the array (moved when it grew), NULL when out of
 * memory. */
void *session_grow(Arena *arena, void *items, size_t count, size_t *cap, size_t size);

/* The packs as the array the round engine and the play engine take, in
 * the session's order: malloc'd (the caller frees it), the packs borrowed;
 * NULL when out of memory. */
Pack **session_pack_array(const SessionPacks *packs);

/* Reads students.txt of the session's folder, when there is one, into
 * s->students (s->roster_path set); problems go to `diags` under its name. */
void session_load_roster(Session *s, DiagList *diags);

#endif
