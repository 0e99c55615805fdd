/* class_hash.h - the two hashes class sessions need.
 *
 *  - SHA-256 (from GNU Nettle): a result file carries the checksum of
 *    session.yaml and of every pack file played, so the report can tell a
 *    file from another version of the session. A checksum, not a
 *    signature: it shows that something changed, not who changed it.
 *  - FNV-1a, 64 bits: the session's default seed (from its id) and the
 *    per-student part of a shuffled session's seed. Chosen because it is
 *    a few lines, the same on every machine, and documented in
 *    docs/teachers.md so that another tool can redo a draw.
 */
#ifndef QUIZDECK_CLASS_HASH_H
#define QUIZDECK_CLASS_HASH_H

#include <stddef.h>
#include <stdint.h>

enum { CLASS_SHA256_HEX = 65 }; /* 64 lowercase hex digits and a NUL */

/* SHA-256 of data[0..size) as lowercase hex into hex[65]. */
void class_sha256_hex(const void *data, size_t size, char hex[CLASS_SHA256_HEX]);

/* FNV-1a 64 of a NUL-terminated string: offset basis 14695981039346656037,
 * prime 1099511628211, over its bytes. */
uint64_t class_fnv1a64(const char *text);

#endif
