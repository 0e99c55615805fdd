/* play_order.c - putting items in order: the order kind (see play.h).
 *
 * The items stand in a column. By keyboard: Enter or Space picks the
 * focused item up, Up/Down move it, Enter/Space (or Esc) puts it down. By
 * mouse: drag an item; it slides into the place under the pointer while it
 * moves. Submit commits the arrangement in given.arrangement.
 */
#include "i18n.h"
#include "play.h"

#include "format.h"

/* The arrangement itself lives in in->given.arrangement. */
typedef struct Order {
    SDL_Rect row[PLAY_MAX_ITEMS];
    size_t count;
    SDL_Rect submit;
    bool grabbed; /* the focused item moves with Up/Down */
    int drag;     /* item being dragged with the mouse, -1 none */
    bool drag_moved;
} Order;

static void order_init(PlayInput *in)
{
    ((Order *)in->state)->drag = -1;
}

static const char *order_hint(const PlayInput *in)
{
    (void)in;
    return _("Enter  pick up / put down    Up/Down  move    or drag with the mouse    Esc  quit "
             "round");
}

static int order_min_height(App *app, const PlayInput *in)
{
    return play_rows_min_height(app, in->rq->display_count);
}

static void order_layout(App *app, PlayInput *in)
{
    Order *o = in->state;
    const Theme *th = &app->theme;
    SDL_Rect a = in->area;
    int gap = theme_px(th, 10);
    size_t n = in->rq->display_count;
    int bh = play_submit_height(app);
    int avail = a.h - bh - theme_px(th, THEME_GAP);
    int row_h = n > 0 ? (avail - (int)(n - 1) * gap) / (int)n : 0;
    int max_h = theme_px(th, 58);
    if (row_h > max_h)
        row_h = max_h;
    int w = a.w < theme_px(th, 640) ? a.w : theme_px(th, 640);
    int x = a.x + (a.w - w) / 2;
    nav_begin(&in->nav);
    for (size_t i = 0; i < n; i++) {
        o->row[i] = (SDL_Rect){x, a.y + (int)i * (row_h + gap), w, row_h};
        nav_add(&in->nav, o->row[i], true);
    }
    o->count = n;
    o->submit = play_layout_submit(
        app, in, (SDL_Rect){x, a.y + (int)n * (row_h + gap) + theme_px(th, 4), w, 0}, false);
    nav_end(&in->nav);
}

/* Moves the item at place `from` to place `to`, shifting the others. */
static void move_item(PlayInput *in, size_t from, size_t to)
{
    size_t *arr = in->given.arrangement;
    size_t v = arr[from];
    if (from < to)
        for (size_t i = from; i < to; i++)
            arr[i] = arr[i + 1];
    else
        for (size_t i = from; i > to; i--)
            arr[i] = arr[i - 1];
    arr[to] = v;
}

static int row_at_y(const Order *o, int y)
{
    int n = (int)o->count;
    for (int i = 0; i < n; i++)
        if (y < o->row[i].y + o->row[i].h)
            return i;
    return n - 1;
}

static bool order_event(App *app, PlayInput *in, const UiEvent *event)
{
    (void)app;
    Order *o = in->state;
    int n = (int)o->count;
    if (event->pointer == POINTER_DOWN) {
        for (int i = 0; i < n; i++) {
            if (play_hit(o->row[i], event->x, event->y)) {
                o->drag = i;
                o->drag_moved = false;
                o->grabbed = false;
                nav_set_focus(&in->nav, i);
                in->nav.keyboard = false;
                return true;
            }
        }
    } else if (event->pointer == POINTER_MOVE && o->drag >= 0) {
        int to = row_at_y(o, event->y);
        if (to != o->drag) {
            move_item(in, (size_t)o->drag, (size_t)to);
            o->drag = to;
            o->drag_moved = true;
            nav_set_focus(&in->nav, to);
        }
        return true;
    } else if (event->pointer == POINTER_UP && o->drag >= 0) {
        if (!o->drag_moved)
            o->grabbed = !o->grabbed; /* a click picks up / puts down */
        o->drag = -1;
        return true;
    }

    int focus = in->nav.focus;
    if (o->grabbed && focus >= 0 && focus < n) {
        if (event->action == ACTION_UP || event->action == ACTION_DOWN) {
            int to = focus + (event->action == ACTION_UP ? -1 : 1);
            if (to >= 0 && to < n) {
                move_item(in, (size_t)focus, (size_t)to);
                nav_set_focus(&in->nav, to);
            }
            return true;
        }
        if (event->action == ACTION_BACK || event->action == ACTION_ACCEPT) {
            o->grabbed = false;
            return true;
        }
        if (event->action == ACTION_LEFT || event->action == ACTION_RIGHT ||
            event->action == ACTION_NEXT || event->action == ACTION_PREV)
            o->grabbed = false; /* leaving the item puts it down */
    }
    bool changed = false;
    int hit = nav_event(&in->nav, event, &changed);
    if (hit == n) {
        in->ready = true;
        return true;
    }
    if (hit >= 0) {
        o->grabbed = true;
        return true;
    }
    return changed;
}

static void draw_grip(SDL_Renderer *ren, SDL_Rect r, SDL_Color c)
{
    int t = r.h / 7 > 0 ? r.h / 7 : 1;
    for (int k = 0; k < 3; k++) {
        SDL_Rect bar = {r.x, r.y + k * (r.h - t) / 2, r.w, t};
        SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a);
        SDL_RenderFillRect(ren, &bar);
    }
}

static void order_draw(App *app, PlayInput *in)
{
    const Order *o = in->state;
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    int radius = theme_px(th, 10);
    for (size_t i = 0; i < o->count; i++) {
        SDL_Rect r = o->row[i];
        bool focused = in->nav.focus == (int)i;
        bool lifted = focused && (o->grabbed || o->drag == (int)i);
        SDL_Color bg = theme_color(focused ? COLOR_SURFACE_HI : COLOR_SURFACE);
        if (lifted) {
            bg = theme_mix(bg, theme_color(COLOR_ACCENT), 0.25f);
            SDL_Rect shadow = {r.x + theme_px(th, 3), r.y + theme_px(th, 4), r.w, r.h};
            ui_fill_round(ren, shadow, radius, (SDL_Color){0, 0, 0, 120});
        }
        ui_fill_round(ren, r, radius, bg);
        if (lifted)
            ui_stroke_round(ren, r, radius, theme_px(th, 2), theme_color(COLOR_ACCENT));

        int pad = theme_px(th, 14);
        /* Place number in a small circle. */
        int d = r.h - 2 * theme_px(th, 10);
        if (d > theme_px(th, 34))
            d = theme_px(th, 34);
        /* Right to left the number leads on the right, the grip trails left. */
        float cx = in->rtl ? (float)(r.x + r.w - pad) - (float)d / 2.0f
                           : (float)(r.x + pad) + (float)d / 2.0f;
        float cy = (float)r.y + (float)r.h / 2.0f;
        play_fill_circle(ren, cx, cy, (float)d / 2.0f, theme_color(COLOR_BORDER));
        TextSpec ns = {.style = TEXT_SMALL, .align = TEXT_ALIGN_CENTER};
        int nh = text_line_height(app->text, &ns);
        text_draw(app->text, &ns, (int)cx, (int)cy - nh / 2, ui_format_int((int64_t)i + 1).text);

        const char *text = round_display_text(in->rq, in->given.arrangement[i]);
        int grip_w = theme_px(th, 22);
        int text_w = r.w - 4 * pad - d - grip_w;
        int tx = in->rtl ? r.x + pad + grip_w + pad : r.x + pad + d + pad;
        SDL_Rect box = {tx, r.y + 2, text_w, r.h - 4};
        TextSpec ts = {.style = TEXT_BODY, .lang = in->lang};
        text_draw_fit(app->text, &ts, box, text);
        SDL_Rect grip = {in->rtl ? r.x + pad : r.x + r.w - pad - grip_w,
                         r.y + r.h / 2 - theme_px(th, 8), grip_w, theme_px(th, 16)};
        draw_grip(ren, grip, theme_color(lifted ? COLOR_ACCENT : COLOR_TEXT_DIM));
        if (focused)
            widget_focus_ring(app, r);
        app_record_widget(app, r, text,
                          (focused ? WIDGET_FOCUSED : 0u) | (lifted ? WIDGET_SELECTED : 0u));
    }
    const char *hint =
        o->grabbed ? _("Moving: Up/Down, then Enter to put it down") : _("First at the top");

    play_draw_submit(app, in, o->submit, NULL, (int)o->count, hint);
}

const PlayKind play_kind_order = {
    .name = "order",
    .state_size = sizeof(Order),
    .init = order_init,
    .layout = order_layout,
    .event = order_event,
    .draw = order_draw,
    .hint = order_hint,
    .min_height = order_min_height,
};
