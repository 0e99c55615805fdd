/* play.h - the play screens' shared state: one round in progress, and the
 * per-type answer areas of the question screen.
 *
 * A round is played by three scenes (scene_question.c, scene_feedback.c,
 * scene_results.c) over app->quiz, the core's play engine (quiz.h) that
 * app_start_round() started. The scenes only show the round and pass each
 * answer on through play_round.c, which gives the engine the clock and
 * shows what it says as notices; the engine judges and saves (design
 * rule 4: the core plays, the UI shows).
 *
 * The question screen delegates the answer area to a PlayInput, one per
 * question, which dispatches to its type's PlayKind (below). Each kind lays
 * out in pixels from the theme, handles UiEvents and draws; when the player
 * has committed an answer, `ready` is set and `given` holds it.
 *
 * Read round.h first, then scene_question.c, then one kind (play_order.c).
 */
#ifndef QUIZDECK_PLAY_H
#define QUIZDECK_PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "quiz.h"
#include "widgets.h"

/* ---- the round (play_round.c): the scenes' side of app->quiz ------------ */

/* The round being played: a class attempt's (app->class_play, whose
 * answers go through class_play.h so its result file is written) or the
 * free round app->quiz. The scenes read the round only through this, and
 * answer only through play_submit, so one set of scenes plays both. */
Quiz *play_quiz(App *app);

/* True while a class attempt is on screen (what the session fixes is
 * locked: no retry, no play again). */
bool play_is_class(const App *app);

/* Is the round over? A class attempt also ends when its total time runs
 * out (play_tick) before every question was answered. */
bool play_is_over(App *app);

/* Where the question screen goes after an answer: the feedback screen, or
 * (a class session with feedback end or none) straight to the next
 * question, or the results once the round is over. */
SceneId play_next_scene(App *app);

/* Called each update of the question screen: ends a class attempt whose
 * total time ran out (true: go to the results). False otherwise. */
bool play_tick(App *app);

/* Passes the answer for the current question (a time-out when given is
 * NULL), taken in elapsed_ms, to the play engine, which judges and saves
 * it; a save that failed is shown as a notice (the engine keeps the answer
 * and saves it later). Returns the result (owned by the round) or NULL when
 * no round is running or it is over. */
const RoundResult *play_submit(App *app, const GivenAnswer *given, int64_t elapsed_ms);

/* The question answered last (the one feedback shows); NULL when none. */
const RoundQuestion *play_last_answered(const App *app);

/* Leaves a round part-way: the engine marks it abandoned in the store (its
 * answers stay) and frees it. A finished round is only freed. */
void play_abandon(App *app);

/* Asks "Quit this round?" (app_ask): Keep playing is the default; Yes
 * abandons the round (play_abandon) and goes back to where it started.
 * The question and feedback screens ask it on Esc. */
void play_ask_quit(App *app);

/* Starts a round of the questions of the round just played that were not
 * answered right, with the same settings and a new seed, and goes to the
 * question scene. Returns false when nothing was missed or it failed. */
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

/* How an answer went, as the feedback and results screens draw it: a
 * disc in the verdict's colour with a check mark (right), a half-filled
 * ring (partly right: never the cross of a wrong answer), or a cross
 * (wrong, timed out). */
typedef enum PlayVerdict {
    PLAY_VERDICT_RIGHT,
    PLAY_VERDICT_PARTLY,
    PLAY_VERDICT_WRONG,
    PLAY_VERDICT_TIMED_OUT,
} PlayVerdict;

/* The verdict of a result. */
PlayVerdict play_verdict(const RoundResult *result);

/* Its colour (COLOR_GOOD, COLOR_WARN, COLOR_BAD, COLOR_WARN). */
ThemeColor play_verdict_color(PlayVerdict verdict);

/* Draws the verdict's disc and mark in the square `box`. */
void play_draw_verdict(SDL_Renderer *renderer, SDL_Rect box, PlayVerdict verdict);

/* A filled circle. */
void play_fill_circle(SDL_Renderer *renderer, float cx, float cy, float r, SDL_Color color);

/* True when the point is inside the rect. */
bool play_hit(SDL_Rect rect, int x, int y);

/* Copies text into dst (size bytes), cut at a character boundary with "…"
 * when longer than max_bytes. */
void play_ellipsize(char *dst, size_t size, const char *text, size_t max_bytes);

/* Where widget_footer(app, hint) will start (pixels): content ends above. */
int play_footer_top(App *app, const char *hint);

/* ---- the answer area: one PlayKind per question type ------------------
 *
 * The question screen does not know the question types: everything that
 * differs between them is a row of one table, the PlayKind, indexed by
 * QuestionType (play_input.c), and each row's functions live in the type's
 * own file. Families share a file: play_choice.c (choice, multi,
 * truefalse), play_typed.c (typed, cloze); play_flashcard.c,
 * play_order.c and play_match.c have one type each.
 *
 * To add a type: its file here defining `const PlayKind play_kind_xxx`, its
 * extern below, its row in play_input.c's table.
 */

enum { PLAY_MAX_ITEMS = PACK_MAX_OPTIONS, PLAY_MAX_GAPS = 32 };

typedef struct PlayInput PlayInput;

/* How the question screen lays out the prompt above the answer area. */
typedef enum PlayPrompt {
    PLAY_PROMPT_GROWS = 0, /* a heading; a long prompt takes up to 45 % of the height */
    PLAY_PROMPT_CARD,      /* centred, 30 % of the height: a card's front */
    PLAY_PROMPT_LINE,      /* centred, one short line: the area holds the text */
} PlayPrompt;

/* One question type's answer area. Every function gets the PlayInput; its
 * `state` is the kind's own block of state_size bytes, zeroed. Functions
 * marked "may be NULL" default as said. */
typedef struct PlayKind {
    const char *name;  /* the type's name in packs: "choice" (logs, tests) */
    size_t state_size; /* bytes of the kind's state (play_input_init allocates) */
    /* Fills the fresh state for in->rq (after it was zeroed). May be NULL. */
    void (*init)(PlayInput *in);
    /* Frees what init allocated beyond the state block. May be NULL. */
    void (*free)(PlayInput *in);
    /* Lays the area out in in->area (pixels) and fills in->nav. */
    void (*layout)(App *app, PlayInput *in);
    /* One event; true when handled. Sets in->ready once an answer is given. */
    bool (*event)(App *app, PlayInput *in, const UiEvent *event);
    /* Draws the area (after layout). */
    void (*draw)(App *app, PlayInput *in);
    /* The footer's key hint. */
    const char *(*hint)(const PlayInput *in);
    /* The prompt shown above the area. May be NULL: q->prompt. */
    const char *(*prompt)(const Question *q);
    PlayPrompt prompt_layout;
    /* The least height (pixels) the area needs to stay usable; the prompt
     * never grows into it. May be NULL: 0. */
    int (*min_height)(App *app, const PlayInput *in);
    bool wants_text; /* takes typed text: SDL text input is on, in->text_rect set */
} PlayKind;

extern const PlayKind play_kind_choice;    /* play_choice.c */
extern const PlayKind play_kind_multi;     /* play_choice.c */
extern const PlayKind play_kind_truefalse; /* play_choice.c */
extern const PlayKind play_kind_typed;     /* play_typed.c */
extern const PlayKind play_kind_order;     /* play_order.c */
extern const PlayKind play_kind_match;     /* play_match.c */
extern const PlayKind play_kind_cloze;     /* play_typed.c */
extern const PlayKind play_kind_flashcard; /* play_flashcard.c */

/* The row of a question type; NULL for a type without one. */
const PlayKind *play_kind_of(QuestionType type);

struct PlayInput {
    const PlayKind *kind;    /* the question type's row */
    const RoundQuestion *rq; /* borrowed from the round */
    const Question *q;
    const char *lang; /* the pack's language */
    bool rtl;         /* the pack's direction is not the interface's: mirrored */

    GivenAnswer given;  /* filled as the player answers */
    bool ready;         /* the answer is committed: judge it */
    Nav nav;            /* focusable widgets of the area */
    SDL_Rect area;      /* pixels, set by play_input_layout */
    SDL_Rect text_rect; /* where typed text is drawn (kinds with wants_text): the IME's place */
    void *state;        /* the kind's state, owned (kind->state_size bytes) */
    /* The submit row (play_layout_submit): Submit, "I don't know" beside
     * it (skip_nav -1 when the kind has none), and the room left for a
     * note. `missing` says what an empty Submit lacks, until the next
     * input. */
    SDL_Rect skip_rect, note_rect;
    int skip_nav;
    bool skip_pressed;
    char missing[200];
};

/* Prepares the input for question rq: finds its kind and allocates its
 * state. False (the input zeroed) when the type has no kind or memory ran
 * out; play_input_free is still safe. */
bool play_input_init(PlayInput *in, const RoundQuestion *rq);

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

/* The hint line for the footer ("" without a question). */
const char *play_input_hint(const PlayInput *in);

/* The prompt above the area ("" without a question). */
const char *play_input_prompt(const PlayInput *in);

/* How the prompt is laid out (PLAY_PROMPT_GROWS without a question). */
PlayPrompt play_input_prompt_layout(const PlayInput *in);

/* The least height of the area in pixels (see PlayKind.min_height). */
int play_input_min_height(App *app, const PlayInput *in);

/* ---- helpers the kinds share (play_draw.c) ----------------------------- */

/* The key of a key press without Ctrl, Alt or the GUI key (those are
 * shortcuts, never answers); SDLK_UNKNOWN for anything else. */
SDL_Keycode play_plain_key(const SDL_Event *e);

/* The option keys of a plain key press: 1-8 (top row or keypad) and A-H,
 * as 0..7; -1 for any other event. */
int play_digit_key(const SDL_Event *e);
int play_letter_key(const SDL_Event *e);

/* The event shape of tile areas: `direct` is the tile the event picks by
 * its own key (or -1); else the Nav decides (arrows, Tab, Enter, clicks).
 * Returns the tile picked, focused, or -1; *used says whether the event
 * was used anyway (the focus moved, or Enter with nothing to pick). */
int play_pick(PlayInput *in, const UiEvent *event, int direct, bool *used);

/* The least height of a column of `rows` rows and a Submit button below
 * (order, match), pixels. */
int play_rows_min_height(App *app, size_t rows);

/* Lays out the submit row in the band `row` (its x, y and width; the
 * height is a button's): Submit at the end of the reading direction (the
 * right, or the left of a right-to-left pack), "I don't know" beside it
 * when `skip`, and the rest for a note. Adds Submit, then "I don't know",
 * to in->nav and returns Submit's rectangle. Kinds that block an empty
 * Submit give the skip, so a student who does not know can say so. */
SDL_Rect play_layout_submit(App *app, PlayInput *in, SDL_Rect row, bool skip);

/* The height of a submit row, pixels. */
int play_submit_height(App *app);

/* The area's primary button at rect (labelled "Submit" when label is
 * NULL), which is Nav widget nav_index, "I don't know" when laid out,
 * and in the note's room either what is missing (in->missing, in the
 * warning colour) or a small dim note ("2 ticked"; NULL for none). */
void play_draw_submit(App *app, const PlayInput *in, SDL_Rect rect, const char *label,
                      int nav_index, const char *note);

/* Says, in the submit row, what an empty Submit lacks, instead of judging
 * nothing: "Type an answer first, or choose I don't know." */
void play_say_missing(PlayInput *in, const char *what);

/* The hint's part for the skip: "Ctrl+D  I don't know". */
const char *play_skip_hint(void);

#endif
