/* scene_feedback.c - right or wrong, after each answer.
 *
 * A drawn check mark or cross (never colour alone) with a word ("Right",
 * "Partly right", "Not quite", "Time's up"), the points, what the player
 * gave, the correct answer, the author's `explain`, and the source section
 * it comes from. Enter, Space or a click on Continue goes on: to the
 * next question, or to the results after the last; Esc asks whether to
 * quit the round, as on the question screen. The answer was stored before
 * this scene appeared (play_submit).
 *
 * Read play.h and scene_question.c first.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "i18n.h"
#include "play.h"
#include "qtype.h"

#define FEEDBACK_HINT _("Enter  continue    Esc  quit round")

typedef struct FeedbackState {
    Nav nav;
    SDL_Rect next;
    SDL_Rect col;
} FeedbackState;

static void layout(App *app, FeedbackState *st)
{
    const Theme *th = &app->theme;
    st->col = theme_column(th, 760, 24);
    int bw = theme_px(th, 240), bh = widget_button_height(app);
    int footer = play_footer_top(app, FEEDBACK_HINT) + theme_px(th, 6);
    st->next = (SDL_Rect){st->col.x + st->col.w - bw, footer - theme_px(th, 8) - bh, bw, bh};
    nav_begin(&st->nav);
    nav_add(&st->nav, st->next, true);
    nav_end(&st->nav);
}

static void feedback_enter(App *app, void *state, SceneId from, const SceneArg *arg)
{
    (void)arg;
    (void)from;
    FeedbackState *st = state;
    if (play_last_answered(app) == NULL) {
        app_home(app);
        return;
    }
    nav_set_focus(&st->nav, 0);
    st->nav.keyboard = true;
    app_guard_input(app, APP_INPUT_GUARD_MS); /* seen before it is passed */
    static const AudioCue sound[] = {
        [PLAY_VERDICT_RIGHT] = AUDIO_RIGHT,
        [PLAY_VERDICT_PARTLY] = AUDIO_PARTLY,
        [PLAY_VERDICT_WRONG] = AUDIO_WRONG,
        [PLAY_VERDICT_TIMED_OUT] = AUDIO_WRONG,
    };
    app_play_sound(app, sound[play_verdict(&play_last_answered(app)->result)]);
    SDL_StopTextInput();
    app_redraw(app);
}

static void go_on(App *app)
{
    app_replace(app, play_quiz(app)->active && play_is_over(app) ? SCENE_RESULTS : SCENE_QUESTION);
}

static bool feedback_event(App *app, void *state, const UiEvent *event)
{
    FeedbackState *st = state;
    layout(app, st);
    if (event->action == ACTION_BACK) {
        /* As on the question screen; after the last answer there is no
         * round left to quit, and Esc goes on to the results. */
        if (play_quiz(app)->active && !play_is_over(app))
            play_ask_quit(app);
        else
            go_on(app);
        return true;
    }
    if (event->action == ACTION_ACCEPT) {
        go_on(app);
        return true;
    }
    bool changed = false;
    if (nav_event(&st->nav, event, &changed) == 0) {
        go_on(app);
        return true;
    }
    return changed;
}

/* Draws "Label" over a wrapped value; returns the y below it. */
static int draw_field(App *app, int x, int y, int w, const char *label, const char *value,
                      const char *lang, SDL_Color color, int max_h)
{
    const Theme *th = &app->theme;
    TextSpec ls = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
    text_draw(app->text, &ls, x, y, label);
    y += text_line_height(app->text, &ls) + theme_px(th, 2);
    TextSpec vs = {.style = TEXT_BODY, .wrap = w, .color = color, .lang = lang};
    SDL_Point sz = text_measure(app->text, &vs, value);
    int h = sz.y < max_h ? sz.y : max_h;
    if (h < text_line_height(app->text, &vs))
        h = text_line_height(app->text, &vs);
    SDL_Rect box = {x, y, w, h};
    SDL_Rect drawn = text_draw_fit(app->text, &vs, box, value);
    app_record_widget(app, drawn, value, WIDGET_TEXT);
    return y + h + theme_px(th, 12);
}

/* A cloze's gaps, one a line: what was given and, when wrong, the answer.
 * The given texts come from the result's "a; b" (one per gap, as the core
 * describes a cloze answer); a gap with a "; " of its own would not split
 * into gap_count pieces, and then the whole text stands for each. */
typedef struct GapLine {
    bool right;
    char text[PACK_MAX_STRING / 4];
} GapLine;

static size_t cloze_gap_lines(const RoundQuestion *rq, GapLine *out, size_t max)
{
    const Question *q = rq->question;
    const RoundResult *r = &rq->result;
    size_t n = q->gap_count < max ? q->gap_count : max;
    const char *given[PLAY_MAX_GAPS];
    size_t given_len[PLAY_MAX_GAPS];
    size_t pieces = 0;
    const char *g = r->given_text != NULL ? r->given_text : "";
    while (pieces < PLAY_MAX_GAPS) {
        const char *end = strstr(g, "; ");
        given[pieces] = g;
        given_len[pieces] = end != NULL ? (size_t)(end - g) : strlen(g);
        pieces++;
        if (end == NULL)
            break;
        g = end + 2;
    }
    bool split = pieces == q->gap_count && !r->timed_out;
    for (size_t i = 0; i < n; i++) {
        out[i].right = i < 32 && (r->gaps_right >> i) & 1u;
        char mine[PACK_MAX_STRING / 8];
        if (r->timed_out)
            snprintf(mine, sizeof mine, "%s", _("(time out)"));
        else if (split)
            snprintf(mine, sizeof mine, "%.*s", (int)given_len[i], given[i]);
        else
            snprintf(mine, sizeof mine, "%s", r->given_text ? r->given_text : "");
        if (out[i].right)
            snprintf(out[i].text, sizeof out[i].text, "%s. %s", ui_format_int((int64_t)i + 1).text,
                     mine);
        else
            snprintf(out[i].text, sizeof out[i].text, _("%s. %s  \xE2\x86\x92  %s"),
                     ui_format_int((int64_t)i + 1).text, mine, q->gaps[i].answer);
    }
    return n;
}

/* The whole cloze sentence with its answers written in. */
static void cloze_filled(const Question *q, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i <= q->gap_count && len + 1 < size; i++) {
        int w = snprintf(out + len, size - len, "%s%s", q->cloze_parts[i],
                         i < q->gap_count ? q->gaps[i].answer : "");
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/* The height draw_field takes for a value. */
static int field_height(App *app, int w, const char *value, const char *lang, int max_h)
{
    const Theme *th = &app->theme;
    TextSpec ls = {.style = TEXT_SMALL};
    TextSpec vs = {.style = TEXT_BODY, .wrap = w, .lang = lang};
    int h = text_measure(app->text, &vs, value).y;
    if (h > max_h)
        h = max_h;
    if (h < text_line_height(app->text, &vs))
        h = text_line_height(app->text, &vs);
    return text_line_height(app->text, &ls) + theme_px(th, 2) + h + theme_px(th, 12);
}

static void feedback_draw(App *app, void *state)
{
    FeedbackState *st = state;
    const RoundQuestion *rq = play_last_answered(app);
    if (rq == NULL)
        return;
    layout(app, st);
    SDL_Renderer *ren = app->renderer;
    const Theme *th = &app->theme;
    const RoundResult *r = &rq->result;
    const Round *round = &play_quiz(app)->round;
    const Question *q = rq->question;
    SDL_Rect c = st->col;

    PlayVerdict verdict = play_verdict(r);
    bool self_graded = question_kind(q->type)->self_graded;
    const char *word = r->correct              ? _("Right!")
                       : r->timed_out          ? _("Time's up")
                       : r->fraction.right > 0 ? _("Partly right")
                                               : _("Not quite");
    if (self_graded && !r->timed_out)
        word = r->correct ? _("You knew it") : _("Not yet");
    SDL_Color tc = theme_color(play_verdict_color(verdict));
    bool cloze = q->type == QUESTION_CLOZE;
    GapLine gaps[PLAY_MAX_GAPS];
    size_t gap_count = cloze ? cloze_gap_lines(rq, gaps, PLAY_MAX_GAPS) : 0;

    char head[96];
    snprintf(head, sizeof head, _("Question %s of %s"), ui_format_int((int64_t)round->current).text,
             ui_format_int((int64_t)round->question_count).text);
    TextSpec small = {.style = TEXT_LABEL, .color = theme_color(COLOR_TEXT_DIM)};
    text_draw(app->text, &small, c.x, c.y, head);

    /* Measure the panel first so the whole block can sit a little above
     * the middle of the free space instead of clinging to the top. */
    int d = theme_px(th, 84);
    int top = c.y + text_line_height(app->text, &small) + theme_px(th, 10);
    int pad = theme_px(th, THEME_PAD);
    int space = st->next.y - theme_px(th, 16) - top;
    int avail = space - d - theme_px(th, 22);
    int x = c.x + pad, w = c.w - 2 * pad;
    const char *lang = rq->pack->language;
    int third = (avail - 2 * pad) / 5;
    const char *section = pack_section_title(rq->pack, q->source);
    int src_h = section[0] != '\0' ? theme_px(th, 26) : 0;
    char asked_text[PACK_MAX_STRING];
    if (cloze)
        cloze_filled(q, asked_text, sizeof asked_text); /* the whole sentence */
    else
        qtype_stand_for(q, asked_text, sizeof asked_text);
    const char *asked = asked_text;
    TextSpec gs = {.style = TEXT_BODY, .lang = lang};
    int gap_row = text_line_height(app->text, &gs) + theme_px(th, 6);
    TextSpec label_spec = {.style = TEXT_SMALL};
    int gaps_h = gap_count > 0 ? text_line_height(app->text, &label_spec) + theme_px(th, 2) +
                                     (int)gap_count * gap_row + theme_px(th, 6)
                               : 0;
    /* The panel is as tall as what it holds, up to the space there is. */
    int need = 2 * pad + src_h + field_height(app, w, asked, lang, third);
    if (cloze)
        need += gaps_h;
    else
        need += field_height(app, w, r->correct ? r->given_text : r->correct_text, lang, third) +
                (r->correct ? 0 : field_height(app, w, r->given_text, lang, third));
    if (q->explain[0] != '\0') {
        TextSpec es = {.style = TEXT_BODY, .wrap = w, .lang = lang};
        need += text_measure(app->text, &es, q->explain).y + theme_px(th, 10);
    }
    int panel_h = need < avail ? need : avail;
    int slack = space - (d + theme_px(th, 22) + panel_h);
    int y = top + (slack > 0 ? slack / 3 : 0);

    /* The icon: a disc in the verdict's colour with its mark (never the
     * colour alone), then the word and the points beside it. */
    play_draw_verdict(ren, (SDL_Rect){c.x, y, d, d}, verdict);
    static const char *const icon_names[] = {
        [PLAY_VERDICT_RIGHT] = "icon-right",
        [PLAY_VERDICT_PARTLY] = "icon-partly",
        [PLAY_VERDICT_WRONG] = "icon-wrong",
        [PLAY_VERDICT_TIMED_OUT] = "icon-wrong",
    };
    app_record_widget(app, (SDL_Rect){c.x, y, d, d}, icon_names[verdict], 0);

    TextSpec ws = {.style = TEXT_DISPLAY, .color = tc};
    TextSpec ps = {.style = TEXT_BODY, .color = theme_color(COLOR_TEXT_DIM)};
    int tx = c.x + d + theme_px(th, 20);
    int wh = text_line_height(app->text, &ws);
    int plh = text_line_height(app->text, &ps);
    int wy = y + (d - wh - plh) / 2;
    text_draw(app->text, &ws, tx, wy, word);
    app_record_widget(app, (SDL_Rect){tx, y, c.x + c.w - tx, d}, word, 0);
    char pts[200];
    UiInt num = ui_format_int(r->points);
    UiInt right = ui_format_int(r->fraction.right), out_of = ui_format_int(r->fraction.out_of);
    if (self_graded && !r->timed_out)
        snprintf(pts, sizeof pts, "%s", _("Self-graded, so no points"));
    else if (round->settings.scoring == SCORING_ACCURACY)
        snprintf(pts, sizeof pts, _("%s of %s right"), right.text, out_of.text);
    else if (r->streak_bonus > 0)
        snprintf(pts, sizeof pts,
                 i18n_plural("+%s point, +%s streak bonus (streak %s)",
                             "+%s points, +%s streak bonus (streak %s)", r->points),
                 num.text, ui_format_int(r->streak_bonus).text, ui_format_int(r->streak).text);
    else if (r->fraction.out_of > 1 && !r->timed_out)
        snprintf(pts, sizeof pts,
                 i18n_plural("+%s point  \xC2\xB7  %s of %s right",
                             "+%s points  \xC2\xB7  %s of %s right", r->points),
                 num.text, right.text, out_of.text);
    else if (r->points == 0)
        snprintf(pts, sizeof pts, "%s", _("No points this time"));
    else
        snprintf(pts, sizeof pts, i18n_plural("+%s point", "+%s points", r->points), num.text);
    SDL_Rect pts_drawn = text_draw(app->text, &ps, tx, wy + wh, pts);
    app_record_widget(app, pts_drawn, pts, WIDGET_TEXT);

    /* The panel: the question, the answers, the explanation, the source. */
    y += d + theme_px(th, 22);
    SDL_Rect panel = {c.x, y, c.w, panel_h};
    widget_panel(app, panel);
    int py = panel.y + pad;
    int bottom = panel.y + panel.h - pad;
    py = draw_field(app, x, py, w, cloze ? _("The sentence") : _("The question"), asked, lang,
                    theme_color(COLOR_TEXT_DIM), third);
    if (cloze) {
        /* Each gap on its line, with its own mark: right, or wrong and the
         * answer beside it. */
        TextSpec ls = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM)};
        text_draw(app->text, &ls, x, py, _("Your gaps"));
        py += text_line_height(app->text, &ls) + theme_px(th, 2);
        int ic = text_line_height(app->text, &gs) - theme_px(th, 6);
        for (size_t i = 0; i < gap_count && py + gap_row <= bottom - src_h; i++) {
            PlayVerdict gv = gaps[i].right ? PLAY_VERDICT_RIGHT : PLAY_VERDICT_WRONG;
            play_draw_verdict(ren, (SDL_Rect){x, py + theme_px(th, 3), ic, ic}, gv);
            TextSpec ts = gs;
            ts.color = theme_color(gaps[i].right ? COLOR_GOOD : COLOR_TEXT);
            ts.max_lines = 1;
            SDL_Rect box = {x + ic + theme_px(th, 10), py, w - ic - theme_px(th, 10),
                            gap_row - theme_px(th, 6)};
            SDL_Rect drawn = text_draw_fit(app->text, &ts, box, gaps[i].text);
            char name[48];
            snprintf(name, sizeof name, "gap %zu %s", i + 1, gaps[i].right ? "right" : "wrong");
            app_record_widget(app, (SDL_Rect){x, py, ic, ic}, name, 0);
            app_record_widget(app, drawn, gaps[i].text, WIDGET_TEXT);
            py += gap_row;
        }
        py += theme_px(th, 6);
    } else {
        if (!r->correct)
            py = draw_field(app, x, py, w, _("Your answer"), r->given_text, lang,
                            theme_color(COLOR_TEXT), third);
        py = draw_field(app, x, py, w, r->correct ? _("Your answer") : _("The correct answer"),
                        r->correct ? r->given_text : r->correct_text, lang, theme_color(COLOR_GOOD),
                        third);
    }
    if (q->explain[0] != '\0' && bottom - src_h - py > theme_px(th, 20)) {
        TextSpec es = {.style = TEXT_BODY, .wrap = w, .lang = lang};
        SDL_Rect box = {x, py, w, bottom - src_h - py};
        SDL_Point sz = text_measure(app->text, &es, q->explain);
        if (sz.y < box.h)
            box.h = sz.y;
        text_draw_fit(app->text, &es, box, q->explain);
        app_record_widget(app, box, "explain", 0);
    }
    if (section[0] != '\0') {
        char src[PACK_MAX_STRING + 16];
        snprintf(src, sizeof src, _("From: %s"), section);
        TextSpec ss = {.style = TEXT_SMALL, .color = theme_color(COLOR_TEXT_DIM), .wrap = w};
        SDL_Rect box = {x, bottom - src_h, w, src_h};
        text_draw_fit(app->text, &ss, box, src);
        app_record_widget(app, box, "source", 0);
    }

    const char *label = play_is_over(app) ? _("See results") : _("Next question");

    widget_button(app, st->next, label, WIDGET_PRIMARY | nav_flag(&st->nav, 0));
    widget_footer(app, FEEDBACK_HINT);
}

const Scene scene_feedback = {
    .name = "feedback",
    .state_size = sizeof(FeedbackState),
    .enter = feedback_enter,
    .leave = NULL,
    .event = feedback_event,
    .update = NULL,
    .draw = feedback_draw,
};
