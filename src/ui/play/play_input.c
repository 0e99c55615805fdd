/* play_input.c - the answer area of the question screen: the table of
 * PlayKinds by question type, and the PlayInput calls that go through it
 * (see play.h). Nothing here knows a type; the kinds' files do.
 */
#include "play.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* One row per QuestionType (pack.h). */
static const PlayKind *const kinds[QUESTION_TYPE_COUNT] = {
    [QUESTION_CHOICE] = &play_kind_choice,       [QUESTION_MULTI] = &play_kind_multi,
    [QUESTION_TRUEFALSE] = &play_kind_truefalse, [QUESTION_TYPED] = &play_kind_typed,
    [QUESTION_ORDER] = &play_kind_order,         [QUESTION_MATCH] = &play_kind_match,
    [QUESTION_CLOZE] = &play_kind_cloze,         [QUESTION_FLASHCARD] = &play_kind_flashcard,
};

const PlayKind *play_kind_of(QuestionType type)
{
    return (int)type >= 0 && type < QUESTION_TYPE_COUNT ? kinds[type] : NULL;
}

bool play_input_init(PlayInput *in, const RoundQuestion *rq)
{
    memset(in, 0, sizeof *in);
    const PlayKind *kind = play_kind_of(rq->question->type);
    void *state = kind != NULL ? calloc(1, kind->state_size ? kind->state_size : 1) : NULL;
    if (state == NULL)
        return false;
    in->kind = kind;
    in->state = state;
    in->rq = rq;
    in->q = rq->question;
    in->lang = rq->pack->language;
    /* A right-to-left interface mirrors the whole frame (app.c), so a
     * right-to-left pack is laid out left to right inside it. */
    in->rtl = pack_is_rtl(rq->pack) != i18n_is_rtl();

    round_given_init(&in->given, rq);
    in->nav.pressed = -1;
    in->skip_nav = -1;
    if (kind->init != NULL)
        kind->init(in);
    return true;
}

void play_input_free(PlayInput *in)
{
    if (in->kind != NULL && in->kind->free != NULL)
        in->kind->free(in);
    free(in->state);
    memset(in, 0, sizeof *in);
}

bool play_input_wants_text(const PlayInput *in)
{
    return in->kind != NULL && in->kind->wants_text;
}

const char *play_input_hint(const PlayInput *in)
{
    return in->kind != NULL ? in->kind->hint(in) : "";
}

const char *play_input_prompt(const PlayInput *in)
{
    if (in->kind == NULL)
        return "";
    return in->kind->prompt != NULL ? in->kind->prompt(in->q) : in->q->prompt;
}

PlayPrompt play_input_prompt_layout(const PlayInput *in)
{
    return in->kind != NULL ? in->kind->prompt_layout : PLAY_PROMPT_GROWS;
}

int play_input_min_height(App *app, const PlayInput *in)
{
    return in->kind != NULL && in->kind->min_height != NULL ? in->kind->min_height(app, in) : 0;
}

void play_input_layout(App *app, PlayInput *in, SDL_Rect area)
{
    in->area = area;
    if (in->kind != NULL)
        in->kind->layout(app, in);
}

/* "I don't know": the answer as nothing was given, committed on purpose. */
static void skip(PlayInput *in)
{
    round_given_init(&in->given, in->rq);
    in->given.text = "";
    in->missing[0] = '\0';
    in->ready = true;
}

/* The skip button and its key, before the kind sees the event: Ctrl+D, a
 * click on it, or Enter while it has the focus (not for a text field,
 * where Enter is the field's and the focus only follows the mouse). */
static bool skip_event(PlayInput *in, const UiEvent *event)
{
    if (in->skip_nav < 0)
        return false;
    const SDL_Event *e = event->sdl;
    if (e->type == SDL_KEYDOWN && !e->key.repeat && (e->key.keysym.mod & KMOD_CTRL) &&
        e->key.keysym.scancode == SDL_SCANCODE_D) {
        skip(in);
        return true;
    }
    SDL_Point p = {event->x, event->y};
    if (event->pointer == POINTER_DOWN && SDL_PointInRect(&p, &in->skip_rect)) {
        in->skip_pressed = true;
        nav_set_focus(&in->nav, in->skip_nav);
        return true;
    }
    if (event->pointer == POINTER_UP && in->skip_pressed) {
        in->skip_pressed = false;
        if (SDL_PointInRect(&p, &in->skip_rect))
            skip(in);
        return true;
    }
    if (event->action == ACTION_ACCEPT && in->nav.focus == in->skip_nav && !in->kind->wants_text) {
        skip(in);
        return true;
    }
    return false;
}

bool play_input_event(App *app, PlayInput *in, const UiEvent *event)
{
    if (in->kind == NULL || in->ready)
        return false;
    const SDL_Event *e = event->sdl;
    /* What was missing is said until the player does something else. */
    if (e->type == SDL_KEYDOWN || e->type == SDL_TEXTINPUT || event->pointer == POINTER_DOWN)
        in->missing[0] = '\0';
    if (skip_event(in, event))
        return true;
    return in->kind->event(app, in, event);
}

void play_input_draw(App *app, PlayInput *in)
{
    if (in->kind != NULL)
        in->kind->draw(app, in);
}
