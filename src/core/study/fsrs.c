/* fsrs.c - FSRS-6 as ts-fsrs 5.4.2 computes it (see fsrs.h first).
 *
 * The reference rounds many intermediate values to 8 decimals (JavaScript's
 * toFixed(8)); round8() does the same so that interval rounding lands on
 * the same side of .5 as the reference. The order of operations follows the
 * README: stability from the old difficulty, then the new difficulty; in
 * Review the four outcomes are computed together and kept ordered.
 */
#include "fsrs.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

static const double FSRS_DEFAULT_W[FSRS_PARAM_COUNT] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

enum {
    FSRS_MINUTES_PER_DAY = 1440,
    FSRS_MAX_STEP_MINUTES = 1440 * 365,
    FSRS_MAX_INTERVAL_LIMIT = 36500 * 10,
};

#define FSRS_S_MIN 0.001
#define FSRS_S_MAX 36500.0

/* ---- days ---------------------------------------------------------------- */

FsrsDayRule fsrs_day_rule_utc(void)
{
    FsrsDayRule rule = {0};
    return rule;
}

FsrsDayRule fsrs_day_rule_fixed(int utc_offset_minutes, int day_start_minutes)
{
    FsrsDayRule rule = {0};
    rule.utc_offset_minutes = utc_offset_minutes;
    rule.day_start_minutes = day_start_minutes;
    return rule;
}

int64_t fsrs_day_number(int64_t unix_ms, const FsrsDayRule *rule)
{
    return day_of(unix_ms, rule);
}

int64_t fsrs_day_start_ms(int64_t day, const FsrsDayRule *rule)
{
    return day_start_ms(day, rule);
}

/* ---- parameters ---------------------------------------------------------- */

FsrsParams fsrs_params_default(void)
{
    FsrsParams p;
    memset(&p, 0, sizeof p);
    memcpy(p.w, FSRS_DEFAULT_W, sizeof p.w);
    p.desired_retention = 0.9;
    p.maximum_interval = 36500;
    p.learning_steps[0] = 1;
    p.learning_steps[1] = 10;
    p.learning_step_count = 2;
    p.relearning_steps[0] = 10;
    p.relearning_step_count = 1;
    return p;
}

static bool check_steps(const int *steps, int count, const char *what, char *msg, size_t size)
{
    if (count < 0 || count > FSRS_MAX_STEPS) {
        if (size > 0)
            snprintf(msg, size, "%s: %d steps, expected 0..%d", what, count, (int)FSRS_MAX_STEPS);
        return false;
    }
    for (int i = 0; i < count; i++) {
        if (steps[i] < 1 || steps[i] > FSRS_MAX_STEP_MINUTES) {
            if (size > 0)
                snprintf(msg, size, "%s: step %d is %d minutes, expected 1..%d", what, i + 1,
                         steps[i], (int)FSRS_MAX_STEP_MINUTES);
            return false;
        }
    }
    return true;
}

bool fsrs_params_check(const FsrsParams *params, char *msg, size_t size)
{
    if (size > 0)
        msg[0] = '\0';
    if (params == NULL) {
        if (size > 0)
            snprintf(msg, size, "no parameters");
        return false;
    }
    for (int i = 0; i < FSRS_PARAM_COUNT; i++) {
        if (!isfinite(params->w[i])) {
            if (size > 0)
                snprintf(msg, size, "weight w%d is not a number", i);
            return false;
        }
    }
    /* w20 is the decay; zero or negative would make the curve meaningless. */
    if (params->w[20] <= 0.0) {
        if (size > 0)
            snprintf(msg, size, "weight w20 (decay) must be positive");
        return false;
    }
    if (!(params->desired_retention >= 0.70 && params->desired_retention <= 0.97)) {
        if (size > 0)
            snprintf(msg, size, "desired retention %g is outside 0.70..0.97",
                     params->desired_retention);
        return false;
    }
    if (params->maximum_interval < 1 || params->maximum_interval > FSRS_MAX_INTERVAL_LIMIT) {
        if (size > 0)
            snprintf(msg, size, "maximum interval %d days is outside 1..%d",
                     params->maximum_interval, (int)FSRS_MAX_INTERVAL_LIMIT);
        return false;
    }
    return check_steps(params->learning_steps, params->learning_step_count, "learning steps", msg,
                       size) &&
           check_steps(params->relearning_steps, params->relearning_step_count, "relearning steps",
                       msg, size);
}

/* ---- the model ------------------------------------------------------------ */

/* JavaScript's +x.toFixed(8), which the reference applies throughout. */
static double round8(double x)
{
    return round(x * 1e8) / 1e8;
}

static double clampd(double x, double lo, double hi)
{
    return fmin(fmax(x, lo), hi);
}

typedef struct Model {
    const FsrsParams *p;
    double decay;             /* -w20 */
    double factor;            /* 0.9^(1/decay) - 1, so that R(S, S) = 0.9 */
    double interval_modifier; /* interval per day of stability at the retention */
} Model;

static void model_init(Model *m, const FsrsParams *p)
{
    m->p = p;
    m->decay = -p->w[20];
    m->factor = round8(exp(log(0.9) / m->decay) - 1.0);
    m->interval_modifier = round8((pow(p->desired_retention, 1.0 / m->decay) - 1.0) / m->factor);
}

static double forgetting_curve(const Model *m, double elapsed_days, double stability)
{
    return round8(pow(1.0 + m->factor * elapsed_days / stability, m->decay));
}

static int next_interval(const Model *m, double stability)
{
    double days = round(stability * m->interval_modifier);
    double capped = fmin(fmax(1.0, days), (double)m->p->maximum_interval);
    return (int)capped;
}

static double init_stability(const Model *m, int g)
{
    return fmax(m->p->w[g - 1], 0.1);
}

/* Unclamped: the mean reversion target D0(4) is negative with the defaults
 * and the reference uses it as is (the vectors confirm this). */
static double init_difficulty(const Model *m, int g)
{
    return round8(m->p->w[4] - exp((double)(g - 1) * m->p->w[5]) + 1.0);
}

static double next_difficulty(const Model *m, double d, int g)
{
    const double *w = m->p->w;
    double delta = -w[6] * (double)(g - 3);
    double damped = d + round8(delta * (10.0 - d) / 9.0);
    double reverted = round8(w[7] * init_difficulty(m, FSRS_RATING_EASY) + (1.0 - w[7]) * damped);
    return clampd(reverted, 1.0, 10.0);
}

static double recall_stability(const Model *m, double d, double s, double r, int g)
{
    const double *w = m->p->w;
    double hard_penalty = g == FSRS_RATING_HARD ? w[15] : 1.0;
    double easy_bonus = g == FSRS_RATING_EASY ? w[16] : 1.0;
    double inc = exp(w[8]) * (11.0 - d) * pow(s, -w[9]) * (exp((1.0 - r) * w[10]) - 1.0) *
                 hard_penalty * easy_bonus;
    return round8(clampd(s * (1.0 + inc), FSRS_S_MIN, FSRS_S_MAX));
}

static double forget_stability(const Model *m, double d, double s, double r)
{
    const double *w = m->p->w;
    double sf = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) * exp((1.0 - r) * w[14]);
    return round8(clampd(sf, FSRS_S_MIN, FSRS_S_MAX));
}

static double short_term_stability(const Model *m, double s, int g)
{
    const double *w = m->p->w;
    double sinc = pow(s, -w[19]) * exp(w[17] * ((double)(g - 3) + w[18]));
    if (g >= FSRS_RATING_HARD)
        sinc = fmax(sinc, 1.0);
    return round8(clampd(s * sinc, FSRS_S_MIN, FSRS_S_MAX));
}

/* Stability and difficulty after rating g, t calendar days after the last
 * review, with recall probability r. */
static void next_memory(const Model *m, double d, double s, int t, double r, int g, double *new_d,
                        double *new_s)
{
    const double *w = m->p->w;
    double ns;
    if (t == 0) {
        ns = short_term_stability(m, s, g);
    } else if (g == FSRS_RATING_AGAIN) {
        /* A lapse never raises stability, nor drops it below what a same-day
         * Again would leave. */
        double floor_s = round8(s / exp(w[17] * w[18]));
        ns = fmin(fmax(floor_s, FSRS_S_MIN), forget_stability(m, d, s, r));
    } else {
        ns = recall_stability(m, d, s, r, g);
    }
    *new_s = ns;
    *new_d = next_difficulty(m, d, g);
}

/* ---- learning steps --------------------------------------------------------- */

/* What the steps say for a rating: minutes > 0 keeps the card in steps (or,
 * at a day or more, sends it to Review on that fixed delay); 0 graduates it
 * with an FSRS interval. */
typedef struct StepOutcome {
    int minutes;
    int next_step;
} StepOutcome;

static StepOutcome step_outcome(const FsrsParams *p, FsrsState state, int cur_step, int g)
{
    StepOutcome out = {0, 0};
    bool relearn = state == FSRS_STATE_REVIEW || state == FSRS_STATE_RELEARNING;
    const int *steps = relearn ? p->relearning_steps : p->learning_steps;
    int count = relearn ? p->relearning_step_count : p->learning_step_count;
    if (cur_step < 0)
        cur_step = 0;
    if (count == 0 || cur_step >= count)
        return out;
    if (state == FSRS_STATE_REVIEW) {
        if (g == FSRS_RATING_AGAIN)
            out.minutes = steps[cur_step];
        return out;
    }
    switch (g) {
    case FSRS_RATING_AGAIN:
        out.minutes = steps[0];
        break;
    case FSRS_RATING_HARD:
        /* Hard repeats the current step, a little longer than Again. */
        out.minutes =
            count == 1 ? (int)round(steps[0] * 1.5) : (int)round((steps[0] + steps[1]) / 2.0);
        out.next_step = cur_step;
        break;
    case FSRS_RATING_GOOD:
        if (cur_step + 1 < count) {
            out.minutes = steps[cur_step + 1];
            out.next_step = cur_step + 1;
        }
        break;
    default:
        break;
    }
    return out;
}

/* Sets state, step, scheduled_days and due of `next` from the steps, or from
 * FSRS when the card graduates. */
static void apply_steps(const Model *m, const FsrsCard *before, int g, FsrsState stay_state,
                        int64_t now_ms, FsrsCard *next)
{
    StepOutcome so = step_outcome(m->p, before->state, before->step, g);
    if (so.minutes > 0 && so.minutes < FSRS_MINUTES_PER_DAY) {
        next->state = stay_state;
        next->step = so.next_step;
        next->scheduled_days = 0;
        next->due_ms = now_ms + (int64_t)so.minutes * FSRS_MS_PER_MINUTE;
    } else if (so.minutes >= FSRS_MINUTES_PER_DAY) {
        next->state = FSRS_STATE_REVIEW;
        next->step = so.next_step;
        next->scheduled_days = so.minutes / FSRS_MINUTES_PER_DAY;
        next->due_ms = now_ms + (int64_t)so.minutes * FSRS_MS_PER_MINUTE;
    } else {
        int days = next_interval(m, next->stability);
        next->state = FSRS_STATE_REVIEW;
        next->step = 0;
        next->scheduled_days = days;
        next->due_ms = now_ms + (int64_t)days * FSRS_MS_PER_DAY;
    }
}

/* ---- reviews ---------------------------------------------------------------- */

FsrsCard fsrs_card_new(int64_t now_ms)
{
    FsrsCard card;
    memset(&card, 0, sizeof card);
    card.state = FSRS_STATE_NEW;
    card.due_ms = now_ms;
    return card;
}

static bool card_valid(const FsrsCard *c)
{
    switch (c->state) {
    case FSRS_STATE_NEW:
        return true;
    case FSRS_STATE_LEARNING:
    case FSRS_STATE_REVIEW:
    case FSRS_STATE_RELEARNING:
        return isfinite(c->stability) && isfinite(c->difficulty) && c->stability >= FSRS_S_MIN &&
               c->difficulty >= 1.0 && c->difficulty <= 10.0;
    }
    return false;
}

static int elapsed_days_of(const FsrsCard *c, int64_t now_ms, const FsrsDayRule *rule)
{
    if (c->state == FSRS_STATE_NEW || c->last_review_ms == 0)
        return 0;
    int64_t days = fsrs_day_number(now_ms, rule) - fsrs_day_number(c->last_review_ms, rule);
    if (days < 0)
        return 0; /* the clock went backwards: treat as the same day */
    if (days > INT32_MAX)
        return INT32_MAX;
    return (int)days;
}

FsrsStatus fsrs_preview(const FsrsParams *params, const FsrsCard *card, int64_t now_ms,
                        const FsrsDayRule *rule, FsrsCard after[4], FsrsReviewLog logs[4])
{
    FsrsParams defaults;
    if (params == NULL) {
        defaults = fsrs_params_default();
        params = &defaults;
    }
    if (!fsrs_params_check(params, NULL, 0))
        return FSRS_BAD_PARAMS;
    if (card == NULL || !card_valid(card))
        return FSRS_BAD_CARD;

    Model m;
    model_init(&m, params);
    const FsrsCard before = *card; /* after may alias card */
    int t = elapsed_days_of(&before, now_ms, rule);
    double r = before.state == FSRS_STATE_NEW ? 0.0 : forgetting_curve(&m, t, before.stability);
    FsrsCard out[4];

    for (int g = FSRS_RATING_AGAIN; g <= FSRS_RATING_EASY; g++) {
        FsrsCard *next = &out[g - 1];
        *next = before;
        next->reps = before.reps + 1;
        next->last_review_ms = now_ms;
        if (before.state == FSRS_STATE_NEW) {
            next->difficulty = clampd(init_difficulty(&m, g), 1.0, 10.0);
            next->stability = init_stability(&m, g);
            apply_steps(&m, &before, g, FSRS_STATE_LEARNING, now_ms, next);
        } else {
            next_memory(&m, before.difficulty, before.stability, t, r, g, &next->difficulty,
                        &next->stability);
            if (before.state != FSRS_STATE_REVIEW)
                apply_steps(&m, &before, g, before.state, now_ms, next);
        }
    }

    if (before.state == FSRS_STATE_REVIEW) {
        /* Keep the buttons ordered: a better rating never gives a shorter
         * interval. As in the reference, the +1 may pass the maximum. */
        int hard = next_interval(&m, out[1].stability);
        int good = next_interval(&m, out[2].stability);
        int easy = next_interval(&m, out[3].stability);
        hard = hard < good ? hard : good;
        good = good > hard + 1 ? good : hard + 1;
        easy = easy > good + 1 ? easy : good + 1;
        const int days[3] = {hard, good, easy};
        for (int i = 0; i < 3; i++) {
            FsrsCard *next = &out[i + 1];
            next->state = FSRS_STATE_REVIEW;
            next->step = 0;
            next->scheduled_days = days[i];
            next->due_ms = now_ms + (int64_t)days[i] * FSRS_MS_PER_DAY;
        }
        apply_steps(&m, &before, FSRS_RATING_AGAIN, FSRS_STATE_RELEARNING, now_ms, &out[0]);
        out[0].lapses = before.lapses + 1;
    }

    for (int i = 0; i < 4; i++) {
        if (logs != NULL) {
            FsrsReviewLog *log = &logs[i];
            memset(log, 0, sizeof *log);
            log->rating = (FsrsRating)(i + 1);
            log->review_ms = now_ms;
            log->elapsed_days = t;
            log->scheduled_days = out[i].scheduled_days;
            log->retrievability = r;
            log->stability = out[i].stability;
            log->difficulty = out[i].difficulty;
            log->state_before = before.state;
            log->state_after = out[i].state;
            log->before = before;
            log->after = out[i];
        }
        after[i] = out[i];
    }
    return FSRS_OK;
}

FsrsStatus fsrs_review(const FsrsParams *params, const FsrsCard *before, FsrsRating rating,
                       int64_t now_ms, const FsrsDayRule *rule, FsrsCard *after, FsrsReviewLog *log)
{
    if ((int)rating < FSRS_RATING_AGAIN || (int)rating > FSRS_RATING_EASY)
        return FSRS_BAD_RATING;
    FsrsCard cards[4];
    FsrsReviewLog logs[4];
    FsrsStatus status = fsrs_preview(params, before, now_ms, rule, cards, logs);
    if (status != FSRS_OK)
        return status;
    *after = cards[rating - 1];
    if (log != NULL)
        *log = logs[rating - 1];
    return FSRS_OK;
}

double fsrs_retrievability(const FsrsParams *params, const FsrsCard *card, int64_t now_ms,
                           const FsrsDayRule *rule)
{
    FsrsParams defaults;
    if (params == NULL) {
        defaults = fsrs_params_default();
        params = &defaults;
    }
    if (card == NULL || card->state == FSRS_STATE_NEW || !card_valid(card) || params->w[20] <= 0.0)
        return 0.0;
    Model m;
    model_init(&m, params);
    return forgetting_curve(&m, elapsed_days_of(card, now_ms, rule), card->stability);
}

/* ---- formatting ------------------------------------------------------------- */

/* value with one decimal, ".0" dropped, in a unit's format ("%sd": the
 * number's place); the number is written the C way, the unit in the
 * interface language. */
static size_t format_tenths(double value, const char *unit, char *buf, size_t size)
{
    long long tenths = llround(value * 10.0);
    char number[32], text[64];
    if (tenths % 10 == 0)
        snprintf(number, sizeof number, "%lld", tenths / 10);
    else
        snprintf(number, sizeof number, "%lld.%lld", tenths / 10, tenths % 10);
    int n = snprintf(text, sizeof text, unit, number);
    if (size > 0)
        snprintf(buf, size, "%s", text);
    return n < 0 ? 0 : (size_t)n;
}

static size_t format_day_count(double days, char *buf, size_t size)
{
    if (llround(days) < 30)
        /* TRANSLATORS: a short interval, as on a flashcard's button: 3d. */
        return format_tenths((double)llround(days), C_("interval", "%sd"), buf, size);
    if (days < 365.0)
        return format_tenths(days / 30.0, C_("interval", "%smo"), buf, size);
    return format_tenths(days / 365.0, C_("interval", "%sy"), buf, size);
}

size_t fsrs_format_interval(int64_t duration_ms, char *buf, size_t size)
{
    if (duration_ms < 0)
        duration_ms = 0;
    long long minutes = llround((double)duration_ms / FSRS_MS_PER_MINUTE);
    if (minutes < 1) {
        if (size > 0)
            return (size_t)snprintf(buf, size, "%s", C_("interval", "<1m"));
        return strlen(C_("interval", "<1m"));
    }
    if (minutes < 60)
        return format_tenths((double)minutes, C_("interval", "%sm"), buf, size);
    double hours = (double)duration_ms / 3600000.0;
    if (llround(hours * 10.0) < 240)
        return format_tenths(hours, C_("interval", "%sh"), buf, size);

    return format_day_count((double)duration_ms / FSRS_MS_PER_DAY, buf, size);
}

size_t fsrs_format_days(int days, char *buf, size_t size)
{
    return format_day_count(days < 0 ? 0.0 : (double)days, buf, size);
}
