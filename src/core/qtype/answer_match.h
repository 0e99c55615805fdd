/* answer_match.h - judging a typed answer against the expected one.
 *
 * The pack format (../shared/pack-format.md, "typed") promises authors that
 * matching ignores case, surrounding and repeated spaces, punctuation, a
 * leading "the" and Latin diacritics, and forgives one slip per 8 characters
 * of the expected answer, except in digits. This module is that promise, and
 * cloze gaps are judged by it too.
 *
 * Normalisation, in order, on UTF-8 text (invalid bytes become U+FFFD):
 *  1. case folding: ASCII, Latin-1, Latin Extended-A (and the common
 *     Extended-B letters), Greek and Cyrillic, by tables in answer_match.c;
 *  2. Latin diacritics removed (é→e, ñ→n, ü→u, ø→o, ł→l, ß→ss, æ→ae, œ→oe,
 *     þ→th), Greek tonos/dialytika removed (ά→α), Cyrillic ё→е, combining
 *     marks (U+0300..U+036F) dropped; Arabic tatweel, harakat (U+064B..
 *     U+065F, hamza and madda marks included) and superscript alef (U+0670)
 *     dropped, alef with hamza/madda and alef wasla (أ إ آ ٱ) written as bare
 *     alef (ا), waw and yaa with hamza (ؤ ئ) as waw and yaa (و ي), taa
 *     marbuta (ة) as haa (ه), alef maqsura (ى) as yaa (ي), Persian keheh and
 *     yeh (ک ی) as Arabic kaf and yaa (ك ي); the standalone hamza (ء) stays;
 *  3. Arabic-Indic and Eastern Arabic-Indic digits (٠..٩, ۰..۹) become 0..9;
 *  4. punctuation (Unicode category P: ASCII ! " # % & ' ( ) * , - . / : ; ?
 *     @ [ \ ] _ { } and `, plus ’ “ ” ‘ – — … « » ¿ ¡ · ، ؛ ؟ ۔ and the like)
 *     is deleted; symbols such as + $ < = > ^ | ~ are kept, so "C++" is not "C";
 *  5. every kind of white space becomes one space; leading and trailing
 *     spaces go; zero-width and bidi control characters are deleted;
 *  6. a leading word "the" is dropped when something follows it;
 *  7. at the start of every word, and after a conjunction و that stays
 *     (والتعاون → وتعاون), the Arabic definite article "ال" is dropped when
 *     two or more Arabic letters follow it, and again while another "ال"
 *     does (الالتزام and التزام both become تزام). After ب, ل, ف or ك it
 *     stays: those letters begin too many words without being prefixes.
 *
 * Matching: after normalising both sides, the answer is right when
 *  - the two are equal once all spaces are removed ("ice cream" = "icecream"),
 *  - or their optimal-string-alignment distance (insert, delete, substitute,
 *    swap of two adjacent characters) is at most floor(n / 8), n being the
 *    length in code points of the normalised expected answer, and no edit
 *    touches a digit (so "1991" vs "1992" is wrong at any length).
 * Answers under 8 characters must therefore match exactly after normalising.
 *
 * Bounds: at most ANSWER_MAX_BYTES bytes of each input are read (the rest is
 * ignored). No call allocates more than one bounded work buffer or recurses.
 * Read round.h next for where typed and cloze answers are judged.
 */
#ifndef QUIZDECK_ANSWER_MATCH_H
#define QUIZDECK_ANSWER_MATCH_H

#include <stdbool.h>
#include <stddef.h>

enum {
    ANSWER_MAX_BYTES = 4096,   /* input bytes read per string */
    ANSWER_CHARS_PER_EDIT = 8, /* one tolerated edit per this many chars */
    ANSWER_DISTANCE_MAX = 64,  /* answer_distance measures no further */
};

/* Writes the normalised form of `text` (rules 1-7 above) as UTF-8 into
 * out[0..size), always NUL-terminated when size > 0 and never cut inside a
 * UTF-8 sequence. Returns the number of bytes the full normalised form needs
 * (excluding the NUL), like snprintf: a result >= size means it was cut.
 * NULL text is treated as "". The caller owns `out`. */
size_t answer_normalize(const char *text, char *out, size_t size);

/* How many edits an expected answer tolerates: floor(n / 8) for n code points
 * of its normalised form. For the UI ("close enough" hints) and tests. */
size_t answer_allowed_edits(const char *expected);

/* True when `given` is an acceptable spelling of `expected` (see above).
 * NULL is treated as "". An expected answer that normalises to "" accepts
 * only a given answer that normalises to "" too. Never allocates more than
 * one bounded buffer; returns false if even that fails. */
bool answer_matches(const char *given, const char *expected);

/* True when `given` matches `answer` or any of accept[0..accept_count).
 * `accept` may be NULL when accept_count is 0. */
bool answer_matches_any(const char *given, const char *answer, const char *const *accept,
                        size_t accept_count);

/* Which spelling `given` matches: 0 for `answer`, i + 1 for accept[i],
 * -1 for none. The same judgement as answer_matches_any, for messages
 * ("matched the accepted spelling 'six'"). */
int answer_match_which(const char *given, const char *answer, const char *const *accept,
                       size_t accept_count);

/* How far `given` is from `expected`: the edits (insert, delete,
 * substitute, swap) between their normalised forms, counting an edit of a
 * digit like any other, 0 when they are equal ignoring spaces. Measured up
 * to ANSWER_DISTANCE_MAX; past that, the longer length. For telling an
 * author how near a wrong answer was; it judges nothing. */
size_t answer_distance(const char *given, const char *expected);

#endif
