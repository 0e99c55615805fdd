/* play.h - the play screens' shared state: one round in progress, and the
 * per-type interactions of the question screen.
 *
 * A round is played by three scenes (scene_question.c, scene_feedback.c,
 * scene_results.c) over app->round, the core's Round (round.h) that
 * app_start_round() made. play_round.c records each answer in the store the
 * moment it is given and finishes or abandons the round there (design
 * rule 7).
 *
 * The question screen delegates the answer area to a PlayInput, one per
 * question: play_choice.c (choice, multi, truefalse, flashcard),
 * play_order.c, play_match.c, play_typed.c (typed, cloze). Each lays out in
 * pixels from the theme, handles UiEvents and draws; when the player has
 * committed an answer, `ready` is set and `given` holds it.
 *
 * Read round.h first, then scene_question.c.
 */
#ifndef QUIZDECK_PLAY_H
#define QUIZDECK_PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "round.h"
#include "widgets.h"

/* ---- the round (play_round.c) ----------------------------------------
 * The Round itself is app->round (made by app_start_round, valid while
 * app->round_active); these helpers keep the store in step with it. */

/* Judges the current question with `given` (a time-out when given is NULL)
 * taken in elapsed_ms, records the answer in the store at once and, when it
 * was the last, finishes the round there. Returns the result (owned by the
 * round) or NULL when no round is running or it is over. */
const RoundResult *play_submit(App *app, const GivenAnswer *given, int64_t elapsed_ms);

/* The question answered last (the one feedback shows); NULL when none. */
const RoundQuestion *play_last_answered(const App *app);

/* Leaves a round part-way: marks it abandoned in the store (its answers
 * stay) and frees it. A finished round is only freed. */
void play_abandon(App *app);

/* Starts a round of the questions of app->round that were not answered
 * right, with the same settings and a new seed (app_start_round pushes the
 * question scene). Returns false when nothing was missed or it failed. */
bool play_retry_missed(App *app);

/* ---- drawing helpers (play_draw.c) ------------------------------------- */

/* The 8 option colours; never the only cue: each goes with a shape and a
 * letter. */
SDL_Color play_option_color(size_t index);

/* A filled shape for option `index` (triangle, diamond, circle, square,
 * pentagon, hexagon, star, octagon) centred in rect. */
void play_draw_shape(SDL_Renderer *renderer, size_t index, SDL_Rect rect, SDL_Color color);

/* A thick line from (x0,y0) to (x1,y1), `width` pixels. */
void play_draw_line(SDL_Renderer *renderer, float x0, float y0, float x1, float y1, float width,
                    SDL_Color color);

/* A check mark or a cross drawn with thick strokes in rect. */
void play_draw_check(SDL_Renderer *renderer, SDL_Rect rect, SDL_Color color);
void play_draw_cross(SDL_Renderer *renderer, SDL_Rect rect, SDL_Color color);

/* A filled circle. */
void play_fill_circle(SDL_Renderer *renderer, float cx, float cy, float r, SDL_Color color);

/* True when the point is inside the rect. */
bool play_hit(SDL_Rect rect, int x, int y);

/* Copies text into dst (size bytes), cut at a character boundary with "…"
 * when longer than max_bytes. */
void play_ellipsize(char *dst, size_t size, const char *text, size_t max_bytes);

/* Where widget_footer(app, hint) will start (pixels): content ends above. */
int play_footer_top(App *app, const char *hint);

/* Writes an integer with thousands separators ("12,345") into buf. */
void play_format_int(char *buf, size_t size, int64_t value);

/* ---- the answer area (play_*.c) ---------------------------------------- */

enum { PLAY_MAX_ITEMS = PACK_MAX_OPTIONS, PLAY_MAX_GAPS = 32 };

typedef struct PlayInput {
    const RoundQuestion *rq; /* borrowed from the round */
    const Question *q;
    const char *lang;  /* the pack's language */
    bool rtl;          /* right-to-left pack: layouts are mirrored */
    GivenAnswer given; /* filled as the player answers */
    bool ready;        /* the answer is committed: judge it */
    Nav nav;           /* focusable widgets of the area */
    SDL_Rect area;     /* pixels, set by play_input_layout */

    /* choice / multi / truefalse / flashcard */
    SDL_Rect tile[PLAY_MAX_ITEMS];
    size_t tile_count;
    SDL_Rect submit; /* multi, order, match; flashcard reveal */
    bool revealed;   /* flashcard */

    /* order: arrangement lives in given.arrangement */
    bool grabbed; /* the focused item moves with Up/Down */
    int drag;     /* item being dragged with the mouse, -1 none */
    bool drag_moved;

    /* match: given.match; lefts in author order, rights in display order */
    SDL_Rect left[PLAY_MAX_ITEMS], right[PLAY_MAX_ITEMS];
    int pick_left, pick_right; /* a half-made pair, -1 none */
    int match_drag;            /* nav index where a drag began, -1 none */
    int pointer_x, pointer_y;

    /* typed and cloze: one field per gap (typed uses field[0]) */
    TextField *field; /* owned: gap_count (>= 1) entries */
    size_t field_count;
    size_t gap;            /* the gap being typed */
    char composition[128]; /* IME text not yet committed */
    const char *gap_texts[PLAY_MAX_GAPS];
    SDL_Rect field_rect;
    SDL_Rect gap_rect[PLAY_MAX_GAPS];
} PlayInput;

/* Prepares the input for question rq (allocates the text fields). */
void play_input_init(PlayInput *in, const RoundQuestion *rq);

/* Frees what play_input_init allocated; the input is zeroed. */
void play_input_free(PlayInput *in);

/* Lays the area out in `area` (pixels); call before event and draw. */
void play_input_layout(App *app, PlayInput *in, SDL_Rect area);

/* One event; true when handled (sets in->ready on a committed answer). */
bool play_input_event(App *app, PlayInput *in, const UiEvent *event);

/* Draws the area. */
void play_input_draw(App *app, PlayInput *in);

/* Does the question take typed text (start SDL text input)? */
bool play_input_wants_text(const PlayInput *in);

/* The hint line for the footer. */
const char *play_input_hint(const PlayInput *in);

/* Per-type parts, dispatched by play_input_*. */
void play_choice_layout(App *app, PlayInput *in);
bool play_choice_event(App *app, PlayInput *in, const UiEvent *event);
void play_choice_draw(App *app, PlayInput *in);
void play_order_layout(App *app, PlayInput *in);
bool play_order_event(App *app, PlayInput *in, const UiEvent *event);
void play_order_draw(App *app, PlayInput *in);
void play_match_layout(App *app, PlayInput *in);
bool play_match_event(App *app, PlayInput *in, const UiEvent *event);
void play_match_draw(App *app, PlayInput *in);
void play_typed_layout(App *app, PlayInput *in);
bool play_typed_event(App *app, PlayInput *in, const UiEvent *event);
void play_typed_draw(App *app, PlayInput *in);

/* Appends UTF-8 text to a field (pasted text: line breaks become spaces),
 * never splitting a character at the size limit. True when it changed. */
bool play_field_append(TextField *field, const char *utf8);

#endif
