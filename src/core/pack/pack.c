/* pack.c - small read-only queries over the pack model (pack.h). */
#include "pack.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[QUESTION_TYPE_COUNT] = {
    [QUESTION_CHOICE] = "choice",       [QUESTION_MULTI] = "multi",
    [QUESTION_TRUEFALSE] = "truefalse", [QUESTION_TYPED] = "typed",
    [QUESTION_ORDER] = "order",         [QUESTION_MATCH] = "match",
    [QUESTION_CLOZE] = "cloze",         [QUESTION_FLASHCARD] = "flashcard",
};

const char *question_type_name(QuestionType type)
{
    return (unsigned)type < QUESTION_TYPE_COUNT ? type_names[type] : "?";
}

bool question_type_parse(const char *name, QuestionType *out)
{
    for (int t = 0; t < QUESTION_TYPE_COUNT; t++) {
        if (strcmp(name, type_names[t]) == 0) {
            *out = (QuestionType)t;
            return true;
        }
    }
    return false;
}

const char *pack_topic_title(const Pack *pack, const char *topic_id)
{
    for (size_t i = 0; i < pack->topic_count; i++)
        if (strcmp(pack->topics[i].id, topic_id) == 0)
            return pack->topics[i].title;
    return "";
}

const char *pack_section_title(const Pack *pack, const char *section_id)
{
    for (size_t i = 0; i < pack->section_count; i++)
        if (strcmp(pack->sections[i].id, section_id) == 0)
            return pack->sections[i].title;
    return "";
}

const Question *pack_find_question(const Pack *pack, const char *question_id)
{
    for (size_t i = 0; i < pack->question_count; i++)
        if (strcmp(pack->questions[i].id, question_id) == 0)
            return &pack->questions[i];
    return NULL;
}

bool pack_is_rtl(const Pack *pack)
{
    static const char *const rtl[] = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug"};
    const char *lang = pack->language;
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
        if (strlen(rtl[i]) == n && strncmp(lang, rtl[i], n) == 0)
            return true;
    return false;
}

void pack_free(Pack *pack)
{
    if (!pack)
        return;
    /* The Pack struct itself lives in its own arena: copy the arena out first. */
    Arena arena = pack->arena;
    arena_free(&arena);
}
