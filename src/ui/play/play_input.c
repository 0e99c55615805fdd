/* play_input.c - the answer area of the question screen: one PlayInput per
 * question, dispatched to the file of its type (see play.h).
 */
#include "play.h"

#include <stdlib.h>
#include <string.h>

void play_input_init(PlayInput *in, const RoundQuestion *rq)
{
    memset(in, 0, sizeof *in);
    in->rq = rq;
    in->q = rq->question;
    in->lang = rq->pack->language;
    in->rtl = pack_is_rtl(rq->pack);
    round_given_init(&in->given, rq);
    in->drag = -1;
    in->pick_left = -1;
    in->pick_right = -1;
    in->match_drag = -1;
    in->nav.pressed = -1;
    if (in->q->type == QUESTION_TYPED || in->q->type == QUESTION_CLOZE) {
        size_t n = in->q->type == QUESTION_CLOZE ? in->q->gap_count : 1;
        if (n > PLAY_MAX_GAPS)
            n = PLAY_MAX_GAPS;
        if (n == 0)
            n = 1;
        in->field = calloc(n, sizeof *in->field);
        in->field_count = in->field != NULL ? n : 0;
    }
}

void play_input_free(PlayInput *in)
{
    free(in->field);
    memset(in, 0, sizeof *in);
}

bool play_input_wants_text(const PlayInput *in)
{
    return in->q != NULL && (in->q->type == QUESTION_TYPED || in->q->type == QUESTION_CLOZE);
}

const char *play_input_hint(const PlayInput *in)
{
    if (in->q == NULL)
        return "";
    switch (in->q->type) {
    case QUESTION_CHOICE:
        return "1-8 or A-H  pick    Arrows  move    Enter  choose    Esc  quit round";
    case QUESTION_MULTI:
        return "1-8 or A-H  tick    Enter  tick / Submit    Esc  quit round";
    case QUESTION_TRUEFALSE:
        return "T or 1  true    F or 2  false    Enter  choose    Esc  quit round";
    case QUESTION_TYPED:
        return "Type the answer    Enter  submit    Ctrl+V  paste    Esc  quit round";
    case QUESTION_ORDER:
        return "Enter  pick up / put down    Up/Down  move    or drag with the mouse    Esc  quit "
               "round";
    case QUESTION_MATCH:
        return "Pick a left entry, then its partner (or drag)    Esc  quit round";
    case QUESTION_CLOZE:
        return "Type each gap    Enter / Tab  next gap    Shift+Tab  back    Esc  quit round";
    case QUESTION_FLASHCARD:
        return in->revealed ? "1 or Y  I knew it    2 or N  I didn't    Esc  quit round"
                            : "Enter  show the answer    Esc  quit round";
    default:
        return "";
    }
}

void play_input_layout(App *app, PlayInput *in, SDL_Rect area)
{
    in->area = area;
    if (in->q == NULL)
        return;
    switch (in->q->type) {
    case QUESTION_ORDER:
        play_order_layout(app, in);
        break;
    case QUESTION_MATCH:
        play_match_layout(app, in);
        break;
    case QUESTION_TYPED:
    case QUESTION_CLOZE:
        play_typed_layout(app, in);
        break;
    default:
        play_choice_layout(app, in);
        break;
    }
}

bool play_input_event(App *app, PlayInput *in, const UiEvent *event)
{
    if (in->q == NULL || in->ready)
        return false;
    switch (in->q->type) {
    case QUESTION_ORDER:
        return play_order_event(app, in, event);
    case QUESTION_MATCH:
        return play_match_event(app, in, event);
    case QUESTION_TYPED:
    case QUESTION_CLOZE:
        return play_typed_event(app, in, event);
    default:
        return play_choice_event(app, in, event);
    }
}

void play_input_draw(App *app, PlayInput *in)
{
    if (in->q == NULL)
        return;
    switch (in->q->type) {
    case QUESTION_ORDER:
        play_order_draw(app, in);
        break;
    case QUESTION_MATCH:
        play_match_draw(app, in);
        break;
    case QUESTION_TYPED:
    case QUESTION_CLOZE:
        play_typed_draw(app, in);
        break;
    default:
        play_choice_draw(app, in);
        break;
    }
}
