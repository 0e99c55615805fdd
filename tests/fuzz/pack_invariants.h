/* pack_invariants.h - what must hold for any Pack and any DiagList a load
 * returns, checked by the fuzz targets of the loader (fuzz_pack_load.c) and
 * of the cache reader (fuzz_pack_cache.c), so that the fuzzer finds wrong
 * answers as well as crashes:
 *   - every Diag names the file, has line and column >= 1 and a message,
 *     and formats (for the terminal and for the screen) as exactly one line
 *     of printable UTF-8: no newline, ESC or other control character of
 *     the pack's reaches the output;
 *   - a Pack keeps the promises of pack.h: strings never NULL, valid
 *     UTF-8, at most PACK_MAX_STRING bytes; counts and numbers within the
 *     limits of the format page; answers that point at real choices; a
 *     cloze gap's accepted answers non-empty and distinct.
 * A broken promise prints what broke and aborts, which libFuzzer reports as
 * a crash with the input saved. Header-only (static inline functions), one copy
 * per fuzz target. Read pack.h first.
 */
#ifndef QUIZDECK_PACK_INVARIANTS_H
#define QUIZDECK_PACK_INVARIANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pack.h"

/* Reports a broken invariant and stops: abort() is the fuzzer's signal. */
static inline void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: invariant broken: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    abort();
}

static inline void fuzz_check(bool ok, const char *what, const char *detail)
{
    if (!ok) {
        fuzz_fail(what, detail);
    }
}

/* Strict UTF-8: no overlongs, no surrogates, nothing past U+10FFFF. */
static inline bool fuzz_valid_utf8(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        unsigned char c = *s;
        size_t extra;
        uint32_t min;
        uint32_t cp;
        if (c < 0x80) {
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            cp = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            cp = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            cp = c & 0x07u;
        } else {
            return false;
        }
        for (size_t i = 1; i <= extra; i++) {
            if ((s[i] & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (s[i] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        s += extra + 1;
    }
    return true;
}

/* One line as the terminal or the screen gets it: valid UTF-8 with no
 * control character (C0, DEL, C1), so no line break and no escape
 * sequence. */
static inline void fuzz_printable_line(const char *line, const char *what)
{
    fuzz_check(fuzz_valid_utf8(line), "formatted diag is not valid UTF-8", what);
    for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
        fuzz_check(*p >= 0x20 && *p != 0x7F, "formatted diag holds a control character", what);
        fuzz_check(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F),
                   "formatted diag holds a C1 control", what);
    }
}

/* A string of the model: never NULL, UTF-8, bounded; `required` ones are
 * not empty either. */
static inline void fuzz_string(const char *text, bool required, const char *what)
{
    fuzz_check(text != NULL, "string is NULL", what);
    fuzz_check(strlen(text) <= PACK_MAX_STRING, "string over PACK_MAX_STRING", what);
    fuzz_check(fuzz_valid_utf8(text), "string is not valid UTF-8", what);
    fuzz_check(!required || text[0] != '\0', "required string is empty", what);
}

static inline void fuzz_string_list(const char **list, size_t count, bool required,
                                    const char *what)
{
    fuzz_check(count == 0 || list != NULL, "list is NULL", what);
    for (size_t i = 0; i < count; i++) {
        fuzz_string(list[i], required, what);
    }
}

/* Lists whose entries the format says are distinct. */
static inline void fuzz_distinct(const char **list, size_t count, const char *what)
{
    for (size_t i = 0; i < count; i++) {
        for (size_t j = i + 1; j < count; j++) {
            fuzz_check(strcmp(list[i], list[j]) != 0, "duplicate entries", what);
        }
    }
}

/* Topic and section ids (and references to them) may be any text, of at
 * most PACK_MAX_ID characters. */
static inline void fuzz_free_id(const char *id, bool required, const char *what)
{
    fuzz_string(id, required, what);
    size_t chars = 0;
    for (const char *p = id; *p; p++) {
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    }
    fuzz_check(chars <= PACK_MAX_ID, "id over PACK_MAX_ID characters", what);
}

/* Pack and question ids: [a-z0-9][a-z0-9-]*, at most PACK_MAX_ID. */
static inline void fuzz_id(const char *id, const char *what)
{
    fuzz_string(id, true, what);
    size_t len = strlen(id);
    fuzz_check(len <= PACK_MAX_ID, "id too long", what);
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
        fuzz_check(ok, "id has a character outside [a-z0-9-]", what);
    }
}

static inline void fuzz_options_count(size_t count, const char *what)
{
    fuzz_check(count >= PACK_MIN_OPTIONS && count <= PACK_MAX_OPTIONS, "option count outside 2..8",
               what);
}

static inline void fuzz_question(const Pack *pack, const Question *q)
{
    fuzz_id(q->id, "question id");
    fuzz_check((unsigned)q->type < QUESTION_TYPE_COUNT, "type out of range", q->id);
    bool needs_prompt = q->type != QUESTION_CLOZE && q->type != QUESTION_FLASHCARD;
    fuzz_string(q->prompt, needs_prompt, "prompt");
    fuzz_free_id(q->topic, false, "topic");
    fuzz_string(q->explain, false, "explain");
    fuzz_free_id(q->source, false, "source");
    fuzz_string(q->answer, false, "answer");
    fuzz_string(q->text, false, "text");
    fuzz_string(q->front, false, "front");
    fuzz_string(q->back, false, "back");
    fuzz_check(q->difficulty >= 1 && q->difficulty <= 3, "difficulty outside 1..3", q->id);
    fuzz_check(q->time_limit >= 0 && q->time_limit <= PACK_MAX_TIME_LIMIT,
               "time_limit out of range", q->id);
    fuzz_check(q->points >= 1 && q->points <= PACK_MAX_POINTS, "points out of range", q->id);
    fuzz_check(q->line >= 1, "question line < 1", q->id);
    fuzz_string_list(q->tags, q->tag_count, false, "tags");
    if (q->topic[0] && pack->topic_count > 0) {
        bool found = false;
        for (size_t i = 0; i < pack->topic_count && !found; i++) {
            found = strcmp(pack->topics[i].id, q->topic) == 0;
        }
        fuzz_check(found, "topic not among the declared topics", q->id);
    }
    if (q->source[0]) {
        bool found = false;
        for (size_t i = 0; i < pack->section_count && !found; i++) {
            found = strcmp(pack->sections[i].id, q->source) == 0;
        }
        fuzz_check(found, "source not among the declared sections", q->id);
    }

    switch (q->type) {
    case QUESTION_CHOICE:
        fuzz_options_count(q->choice_count, q->id);
        fuzz_string_list(q->choices, q->choice_count, false, "choices");
        fuzz_distinct(q->choices, q->choice_count, "choices");
        fuzz_check(q->answer_index < q->choice_count, "answer_index out of range", q->id);
        break;
    case QUESTION_MULTI:
        fuzz_options_count(q->choice_count, q->id);
        fuzz_string_list(q->choices, q->choice_count, false, "choices");
        fuzz_distinct(q->choices, q->choice_count, "choices");
        fuzz_check(q->answer_mask != 0, "multi with no right answer", q->id);
        fuzz_check((q->answer_mask >> q->choice_count) == 0,
                   "answer_mask names a choice that does not exist", q->id);
        break;
    case QUESTION_TRUEFALSE:
        break;
    case QUESTION_TYPED:
        fuzz_check(q->answer[0] != '\0', "typed with an empty answer", q->id);
        fuzz_string_list(q->accept, q->accept_count, false, "accept");
        break;
    case QUESTION_ORDER:
        fuzz_options_count(q->item_count, q->id);
        fuzz_string_list(q->items, q->item_count, false, "items");
        fuzz_distinct(q->items, q->item_count, "items");
        break;
    case QUESTION_MATCH:
        fuzz_options_count(q->pair_count, q->id);
        fuzz_check(q->pairs != NULL, "pairs is NULL", q->id);
        for (size_t i = 0; i < q->pair_count; i++) {
            fuzz_string(q->pairs[i].left, false, "pair left");
            fuzz_string(q->pairs[i].right, false, "pair right");
            for (size_t j = 0; j < i; j++) {
                fuzz_check(strcmp(q->pairs[i].left, q->pairs[j].left) != 0, "duplicate pair lefts",
                           q->id);
                fuzz_check(strcmp(q->pairs[i].right, q->pairs[j].right) != 0,
                           "duplicate pair rights", q->id);
            }
        }
        break;
    case QUESTION_CLOZE:
        fuzz_check(q->text[0] != '\0', "cloze with an empty text", q->id);
        fuzz_check(q->gap_count >= 1, "cloze with no gap", q->id);
        fuzz_check(q->gaps != NULL && q->cloze_parts != NULL, "cloze arrays NULL", q->id);
        for (size_t i = 0; i < q->gap_count; i++) {
            fuzz_string(q->gaps[i].answer, true, "gap answer");
            fuzz_string(q->gaps[i].hint, false, "gap hint");
            fuzz_string_list(q->gaps[i].accept, q->gaps[i].accept_count, true, "gap accept");
            fuzz_distinct(q->gaps[i].accept, q->gaps[i].accept_count, "gap accept");
        }
        fuzz_string_list(q->cloze_parts, q->gap_count + 1, false, "cloze parts");
        break;
    case QUESTION_FLASHCARD:
        fuzz_check(q->front[0] != '\0' && q->back[0] != '\0', "flashcard with an empty side",
                   q->id);
        break;
    case QUESTION_TYPE_COUNT:
        break;
    }
}

static inline void fuzz_pack(const Pack *pack, const char *name)
{
    fuzz_check(pack->path != NULL && strcmp(pack->path, name) == 0,
               "pack path is not the name it was loaded under", NULL);
    fuzz_id(pack->id, "pack id");
    fuzz_string(pack->title, true, "title");
    fuzz_string(pack->description, false, "description");
    fuzz_string(pack->language, true, "language");
    fuzz_string(pack->author, false, "author");
    fuzz_string(pack->source_title, false, "source title");
    fuzz_check(pack->default_time_limit >= 0 && pack->default_time_limit <= PACK_MAX_TIME_LIMIT,
               "default time_limit out of range", NULL);
    fuzz_check(pack->default_points >= 1 && pack->default_points <= PACK_MAX_POINTS,
               "default points out of range", NULL);
    fuzz_check(pack->question_count >= 1 && pack->question_count <= PACK_MAX_QUESTIONS,
               "question count outside 1..100000", NULL);
    fuzz_check(pack->questions != NULL, "questions is NULL", NULL);
    fuzz_check(pack->topic_count == 0 || pack->topics != NULL, "topics is NULL", NULL);
    fuzz_check(pack->section_count == 0 || pack->sections != NULL, "sections is NULL", NULL);
    for (size_t i = 0; i < pack->topic_count; i++) {
        fuzz_free_id(pack->topics[i].id, true, "topic id");
        fuzz_string(pack->topics[i].title, false, "topic title");
    }
    for (size_t i = 0; i < pack->section_count; i++) {
        fuzz_free_id(pack->sections[i].id, true, "section id");
        fuzz_string(pack->sections[i].title, false, "section title");
    }
    for (size_t i = 0; i < pack->question_count; i++) {
        fuzz_question(pack, &pack->questions[i]);
        /* Ids are unique; quadratic, so only for the small packs fuzzing makes. */
        for (size_t j = 0; j < i && pack->question_count <= 512; j++) {
            fuzz_check(strcmp(pack->questions[i].id, pack->questions[j].id) != 0,
                       "duplicate question ids", pack->questions[i].id);
        }
    }
}

static inline void fuzz_diags(const DiagList *diags, const char *name)
{
    size_t errors = 0;
    fuzz_check(diags->count <= DIAG_MAX_ITEMS, "more than DIAG_MAX_ITEMS records", NULL);
    fuzz_check(diags->count == 0 || diags->items != NULL, "diag items NULL", NULL);
    for (size_t i = 0; i < diags->count; i++) {
        const Diag *d = &diags->items[i];
        fuzz_check(d->severity == DIAG_ERROR || d->severity == DIAG_WARNING,
                   "diag severity out of range", NULL);
        fuzz_check(d->file != NULL && strcmp(d->file, name) == 0, "diag does not name the file",
                   d->message);
        fuzz_check(d->line >= 1, "diag line < 1", d->message);
        fuzz_check(d->column >= 1, "diag column < 1", d->message);
        fuzz_check(d->message != NULL && d->message[0] != '\0', "diag message empty", NULL);
        char line[2048];
        int n = diag_format(d, line, sizeof line);
        fuzz_check(n > 0, "diag_format failed", d->message);
        fuzz_check((size_t)n < sizeof line ? strlen(line) == (size_t)n : strlen(line) < sizeof line,
                   "diag_format's length is wrong", d->message);
        fuzz_printable_line(line, d->message);
        diag_format_as(d, line, sizeof line, TEXT_ESCAPE_VISIBLE);
        fuzz_printable_line(line, d->message);
        diag_format(d, line, 40); /* a cut line is still whole characters */
        fuzz_printable_line(line, d->message);
        errors += d->severity == DIAG_ERROR;
    }
    /* error_count also counts records dropped past DIAG_MAX_ITEMS. */
    fuzz_check(diags->error_count >= errors, "error_count below the errors listed", NULL);
    fuzz_check(diags->truncated || diags->error_count == errors,
               "error_count differs from the errors listed", NULL);
}

#endif
