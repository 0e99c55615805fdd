/* widgets.h - drawing the game's widgets, and keyboard focus across them.
 *
 * Widgets are drawn immediately (no widget objects): a scene computes its
 * layout in pixels from app->theme (theme_px, theme_column), then draws
 * each widget with a rectangle and flags. Every labelled widget records
 * itself with app_record_widget() so tests can find it by its label.
 *
 * Focus is a Nav: the scene adds the rectangles of its focusable widgets in
 * layout order (nav_begin, nav_add...), and nav_event() moves the focus
 * with the arrows (to the nearest widget in that direction), Tab/Shift+Tab
 * (in order), the mouse (hover focuses) and returns the widget activated by
 * Enter/A/click. Lay out in one static function that both event() and
 * draw() call, so the rectangles are the same.
 *
 * The focused widget always shows a ring in COLOR_FOCUS, THEME_FOCUS_GAP
 * units outside its rectangle, THEME_FOCUS_W units thick.
 */
#ifndef QUIZDECK_WIDGETS_H
#define QUIZDECK_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "app.h"
#include "text_field.h"

typedef enum WidgetFlags {
    WIDGET_FOCUSED = 1u << 0,  /* draw the focus ring */
    WIDGET_DISABLED = 1u << 1, /* dimmed, not activatable */
    WIDGET_SELECTED = 1u << 2, /* ticked / chosen / toggled on */
    WIDGET_PRIMARY = 1u << 3,  /* the accent-coloured main action */
    WIDGET_DANGER = 1u << 4,   /* an error entry */
    WIDGET_TEXT = 1u << 5,     /* recorded only: a text drawn inside another widget */
} WidgetFlags;

/* ---- focus ------------------------------------------------------------- */

enum { NAV_MAX = 256 };

typedef struct Nav {
    int focus; /* index of the focused widget; kept across frames */
    int count;
    SDL_Rect rect[NAV_MAX]; /* pixels, as drawn */
    bool enabled[NAV_MAX];
    int pressed;   /* the widget the mouse went down on, or -1 */
    bool keyboard; /* focus was last moved by keys (show the ring) */
} Nav;

/* Starts a layout pass: forgets the rectangles, keeps the focus. */
void nav_begin(Nav *nav);

/* Adds a focusable widget; returns its index (or -1 past NAV_MAX). */
int nav_add(Nav *nav, SDL_Rect rect, bool enabled);

/* After the layout pass: keeps the focus on an enabled widget. */
void nav_end(Nav *nav);

/* Handles one event. Returns the index of the widget activated (Enter,
 * Space, A, or a click released on the widget it went down on), or -1.
 * *changed (may be NULL) is set when the focus moved. Up/down/left/right
 * go to the nearest enabled widget that way; nothing moves at an edge. */
int nav_event(Nav *nav, const UiEvent *event, bool *changed);

/* Sets the focus (clamped); true when it changed. */
bool nav_set_focus(Nav *nav, int index);

/* WIDGET_FOCUSED if index is the focus, else 0: `flags | nav_flag(&n, i)`. */
unsigned nav_flag(const Nav *nav, int index);

/* ---- scrolling --------------------------------------------------------- */

/* A vertical scroll offset over content taller than its view (pixels). */
typedef struct Scroll {
    int offset;  /* pixels scrolled down, 0..max */
    int content; /* content height */
    int view;    /* visible height */
} Scroll;

/* Sets sizes and clamps the offset. */
void scroll_set(Scroll *scroll, int content_h, int view_h);

/* Scrolls the least amount that shows [top, bottom) (content pixels). */
void scroll_show(Scroll *scroll, int top, int bottom);

/* Wheel notches: scrolls by `step` pixels each. True when it moved. */
bool scroll_wheel(Scroll *scroll, int notches, int step);

/* A scrolling page's wheel: when the event is a wheel turn it scrolls
 * THEME_WHEEL_STEP units a notch and returns true (the event is used). */
bool scroll_wheel_event(Scroll *scroll, const UiEvent *event, const Theme *theme);

/* Is the event the mouse's, outside rect? A scrolling view leaves those
 * to what is around it (rows scrolled out of the view are not there). */
bool pointer_outside(const UiEvent *event, SDL_Rect rect);

/* ---- drawing ----------------------------------------------------------- */

/* Filled rounded rectangle (SDL_RenderGeometry triangles). */
void ui_fill_round(SDL_Renderer *renderer, SDL_Rect rect, int radius, SDL_Color color);

/* A rounded outline `width` pixels thick, drawn inside rect. */
void ui_stroke_round(SDL_Renderer *renderer, SDL_Rect rect, int radius, int width, SDL_Color color);

/* The ring drawn around a focused widget's rect, and drawing it. */
SDL_Rect widget_focus_ring_rect(const App *app, SDL_Rect rect);
void widget_focus_ring(App *app, SDL_Rect rect);

/* The standard scene header: a heading at the top-left of the content
 * column, an optional line under it, and "Esc  Back" at the right. Returns
 * the y (pixels) where content may start. */
int widget_header(App *app, const char *title, const char *subtitle);

/* Where widget_header() would end (its return value), without drawing. */
int widget_header_bottom(App *app, const char *title, const char *subtitle);

/* A hint line at the bottom of the window ("↑↓ choose  Enter select ...").
 * Returns its top y in pixels (content should end above it). */
int widget_footer(App *app, const char *hint);

/* Where widget_footer() would start (its return value), without drawing. */
int widget_footer_top(App *app, const char *hint);

/* A button with a centred label. */
void widget_button(App *app, SDL_Rect rect, const char *label, unsigned flags);

/* A button with a label and, under it, a smaller dim line of detail
 * ("Continue" / "Kuwait and the GCC · 10 questions"). Records the label,
 * and the detail as a widget of its own. */
void widget_button_detail(App *app, SDL_Rect rect, const char *label, const char *detail,
                          unsigned flags);

/* The height widget_button_detail needs for one line of each, pixels. */
int widget_button_detail_height(App *app);

/* The height of a button or an option row, pixels: THEME_BUTTON_H units,
 * or more when the player's text size needs it (controls grow with the
 * text, so a 200 % label is never squeezed). */
int widget_button_height(App *app);

/* A tile: a bold title line, an optional detail text below (wrapped), and a
 * tick box at the right when WIDGET_SELECTED can apply (show_check). */
void widget_tile(App *app, SDL_Rect rect, const char *title, const char *detail, bool show_check,
                 unsigned flags);

/* The height widget_tile() needs to show all of title and detail at
 * `width` pixels (at least THEME_ROW_H units when detail is given). */
int widget_tile_height(App *app, int width, const char *title, const char *detail, bool show_check);

/* A row "Label ............ ‹ value ›" whose value changes with left/right. */
void widget_option(App *app, SDL_Rect rect, const char *label, const char *value, unsigned flags);

/* A row "Label ............ [on/off switch]". */
void widget_toggle(App *app, SDL_Rect rect, const char *label, bool on, unsigned flags);

/* A plain panel (surface-coloured rounded rectangle). */
void widget_panel(App *app, SDL_Rect rect);

/* A section's title: a dim label ending just above y, where the
 * section's content starts (widget_section_gap() higher). */
void widget_section_title(App *app, int x, int y, const char *title);

/* The room a section title takes above its content, pixels. */
int widget_section_gap(App *app);

/* A titled section: its title above `panel`, then the panel. Returns
 * panel, for the caller to fill. */
SDL_Rect widget_section(App *app, SDL_Rect panel, const char *title);

/* A horizontal bar filled to fraction (0..1) in colour `fill`. */
void widget_progress(App *app, SDL_Rect rect, float fraction, SDL_Color fill);

/* A bar chart: values[0..count) scaled to max_value (0 = the largest),
 * oldest left; thin baseline; `highlight` index drawn in the focus colour
 * (-1 none). */
void widget_bar_chart(App *app, SDL_Rect rect, const float *values, size_t count, float max_value,
                      int highlight);

/* A scroll bar at the right edge of `view` when content is taller. */
void widget_scrollbar(App *app, SDL_Rect view, const Scroll *scroll);

/* A one-line text field: its text (text_field_draw: the cursor, the
 * selection, the IME's composition, scrolled to the caret) or a dim
 * placeholder when empty; the caret when focused. */
void widget_text_field(App *app, SDL_Rect rect, const TextField *field, const char *composition,
                       const char *placeholder, unsigned flags);

#endif
