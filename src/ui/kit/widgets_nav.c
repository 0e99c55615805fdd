/* widgets_nav.c - keyboard focus across widgets (Nav) and scrolling
 * (Scroll), the parts of widgets.h that draw nothing; the drawing is in
 * widgets.c. */
#include "widgets.h"

#include <stdlib.h>

/* ---- focus ------------------------------------------------------------- */

void nav_begin(Nav *nav)
{
    nav->count = 0;
}

int nav_add(Nav *nav, SDL_Rect rect, bool enabled)
{
    if (nav->count >= NAV_MAX)
        return -1;
    nav->rect[nav->count] = rect;
    nav->enabled[nav->count] = enabled;
    return nav->count++;
}

static int first_enabled(const Nav *nav, int from, int step)
{
    for (int i = 0; i < nav->count; i++) {
        int k = ((from + step * i) % nav->count + nav->count) % nav->count;
        if (nav->enabled[k])
            return k;
    }
    return -1;
}

void nav_end(Nav *nav)
{
    if (nav->count == 0) {
        nav->focus = 0;
        return;
    }
    if (nav->focus >= nav->count)
        nav->focus = nav->count - 1;
    if (nav->focus < 0)
        nav->focus = 0;
    if (!nav->enabled[nav->focus]) {
        int k = first_enabled(nav, nav->focus, 1);
        nav->focus = k >= 0 ? k : 0;
    }
}

/* The widget under a point. Searched from the last added: widgets are
 * drawn in the order they are added, so the last one is on top (a fixed
 * button over a list's rows scrolled out of view under it). */
static int hit(const Nav *nav, int x, int y)
{
    SDL_Point p = {x, y};
    for (int i = nav->count - 1; i >= 0; i--)
        if (nav->enabled[i] && SDL_PointInRect(&p, &nav->rect[i]))
            return i;
    return -1;
}

/* How far apart [a0, a1) and [b0, b1) are: 0 when they overlap. */
static long interval_gap(long a0, long a1, long b0, long b1)
{
    return b0 >= a1 ? b0 - a1 : a0 >= b1 ? a0 - b1 : 0;
}

/* A rectangle's extent on one axis (vertical: its rows). */
typedef struct Extent {
    long start, size;
} Extent;

static Extent extent_of(SDL_Rect r, bool vertical)
{
    return vertical ? (Extent){r.y, r.h} : (Extent){r.x, r.w};
}

static long extent_mid(Extent e)
{
    return e.start + e.size / 2;
}

/* The nearest enabled widget in a direction: the gap along the direction
 * counts once, the gap across it twice (none when the two overlap across:
 * a row of two buttons right under a wide one is the next step down), so
 * a list moves row by row and a grid keeps its column; among equals the
 * one whose centre is nearest across wins. The four directions are one
 * rule on the axis they move along. */
static int spatial(const Nav *nav, InputAction dir)
{
    if (nav->focus < 0 || nav->focus >= nav->count)
        return first_enabled(nav, 0, 1);
    if (dir != ACTION_UP && dir != ACTION_DOWN && dir != ACTION_LEFT && dir != ACTION_RIGHT)
        return -1;
    bool vertical = dir == ACTION_UP || dir == ACTION_DOWN;
    bool forward = dir == ACTION_DOWN || dir == ACTION_RIGHT;
    SDL_Rect c = nav->rect[nav->focus];
    Extent c_along = extent_of(c, vertical), c_across = extent_of(c, !vertical);
    int best = -1;
    long best_score = 0;
    for (int i = 0; i < nav->count; i++) {
        if (i == nav->focus || !nav->enabled[i])
            continue;
        Extent along_r = extent_of(nav->rect[i], vertical);
        Extent across_r = extent_of(nav->rect[i], !vertical);
        /* Only what lies beyond the focus that way, by their centres. */
        if (forward ? extent_mid(along_r) <= extent_mid(c_along)
                    : extent_mid(along_r) >= extent_mid(c_along))
            continue;
        long along = forward ? along_r.start - (c_along.start + c_along.size)
                             : c_along.start - (along_r.start + along_r.size);
        long across = interval_gap(c_across.start, c_across.start + c_across.size, across_r.start,
                                   across_r.start + across_r.size);
        long centre = labs(extent_mid(across_r) - extent_mid(c_across));
        if (along < 0)
            along = 0;
        long score = (along + 2 * across) * 65536L + centre;
        if (best < 0 || score < best_score) {
            best = i;
            best_score = score;
        }
    }
    return best;
}

bool nav_set_focus(Nav *nav, int index)
{
    if (index < 0)
        index = 0;
    if (nav->count > 0 && index >= nav->count)
        index = nav->count - 1;
    bool changed = nav->focus != index;
    nav->focus = index;
    return changed;
}

int nav_event(Nav *nav, const UiEvent *event, bool *changed)
{
    bool moved = false;
    int activated = -1;
    switch (event->action) {
    case ACTION_UP:
    case ACTION_DOWN:
    case ACTION_LEFT:
    case ACTION_RIGHT: {
        int k = spatial(nav, event->action);
        if (k >= 0)
            moved = nav_set_focus(nav, k);
        nav->keyboard = true;
        break;
    }
    case ACTION_NEXT:
    case ACTION_PREV:
        if (nav->count > 0) {
            int step = event->action == ACTION_NEXT ? 1 : -1;
            int k = first_enabled(nav, nav->focus + step, step);
            if (k >= 0)
                moved = nav_set_focus(nav, k);
        }
        nav->keyboard = true;
        break;
    case ACTION_ACCEPT:
        if (nav->focus >= 0 && nav->focus < nav->count && nav->enabled[nav->focus])
            activated = nav->focus;
        nav->keyboard = true;
        break;
    default:
        break;
    }
    switch (event->pointer) {
    case POINTER_MOVE: {
        int k = hit(nav, event->x, event->y);
        if (k >= 0)
            moved = nav_set_focus(nav, k);
        break;
    }
    case POINTER_DOWN:
        nav->pressed = hit(nav, event->x, event->y);
        if (nav->pressed >= 0)
            moved = nav_set_focus(nav, nav->pressed);
        break;
    case POINTER_UP: {
        int k = hit(nav, event->x, event->y);
        if (k >= 0 && k == nav->pressed)
            activated = k;
        nav->pressed = -1;
        break;
    }
    default:
        break;
    }
    if (changed)
        *changed = moved;
    return activated;
}

unsigned nav_flag(const Nav *nav, int index)
{
    return index >= 0 && index == nav->focus && index < nav->count ? WIDGET_FOCUSED : 0u;
}

/* ---- scrolling --------------------------------------------------------- */

static void scroll_clamp(Scroll *s)
{
    int max = s->content - s->view;
    if (max < 0)
        max = 0;
    if (s->offset > max)
        s->offset = max;
    if (s->offset < 0)
        s->offset = 0;
}

void scroll_set(Scroll *scroll, int content_h, int view_h)
{
    scroll->content = content_h;
    scroll->view = view_h;
    scroll_clamp(scroll);
}

void scroll_show(Scroll *scroll, int top, int bottom)
{
    if (top < scroll->offset)
        scroll->offset = top;
    else if (bottom > scroll->offset + scroll->view)
        scroll->offset = bottom - scroll->view;
    scroll_clamp(scroll);
}

bool scroll_wheel(Scroll *scroll, int notches, int step)
{
    int before = scroll->offset;
    scroll->offset -= notches * step;
    scroll_clamp(scroll);
    return scroll->offset != before;
}

bool scroll_wheel_event(Scroll *scroll, const UiEvent *event, const Theme *theme)
{
    if (event->wheel == 0)
        return false;
    scroll_wheel(scroll, event->wheel, theme_px(theme, THEME_WHEEL_STEP));
    return true;
}

bool pointer_outside(const UiEvent *event, SDL_Rect rect)
{
    SDL_Point p = {event->x, event->y};
    return event->pointer != POINTER_NONE && !SDL_PointInRect(&p, &rect);
}
