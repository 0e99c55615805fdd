/* session_packs.c - finding a session's packs and checking what needs them
 * (session.h, step 2), and turning a session into a round (step 3).
 *
 * Packs are looked up first in the session folder's packs/ (every pack file
 * there is loaded and checked, so --check on a folder checks them all), then
 * in the installed folders the caller passes. A file in packs/ that is a
 * link out of the folder, a FIFO or a device is not read, and says so.
 *
 * The draw: every student of a session answers the same questions. They are
 * the `questions` list in its order, or every question of the packs (packs
 * in `packs` order, questions in file order), cut down to `questions: N` by
 * the round engine's own seeded draw with the session seed. Flashcards are
 * left out, and `topics` filters. A student's round is then the drawn list:
 * in the drawn order for `order: fixed` (choices shuffled by the session
 * seed, so the same for everyone), shuffled by seed + FNV-1a(student) for
 * `order: shuffled`.
 * Messages about the session file go through say(), at the session mark
 * the reader kept.
 *
 * Read session.h first.
 */
/* realpath() is X/Open, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include "session.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "class_yaml.h"
#include "fsutil.h"
#include "strutil.h"
#include "session_internal.h"

/* ------------------------------------------------------------- messages */

/* A message at a place of the session file. */
static void say(DiagList *d, DiagSeverity sev, const Session *s, SessionMark at, const char *fmt,
                ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void say(DiagList *d, DiagSeverity sev, const Session *s, SessionMark at, const char *fmt,
                ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, sev, s->path, at.line, at.col, fmt, ap);
    va_end(ap);
}

/* " (did you mean 'x'?)" or "" into buf. */
static const char *hint_text(const char *hint, char *buf, size_t size)
{
    if (!hint)
        return "";
    snprintf(buf, size, " (did you mean '%s'?)", hint);
    return buf;
}

/* ---------------------------------------------------------------- packs/ */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every pack file of FOLDER/packs into out->local, refusing links out
 * of the folder and anything that is not a regular file. */
static void load_local_packs(const Session *s, SessionPacks *out, DiagList *diags)
{
    char *dir_path = cy_join(s->folder, "packs");
    if (!dir_path)
        return;
    if (!is_dir(dir_path)) {
        free(dir_path);
        return;
    }
    if (cy_place(s->folder, dir_path) != CY_INSIDE) {
        diag_add(diags, DIAG_ERROR, dir_path, 1, 1,
                 "packs/ is a link to a folder outside the session folder; it is not read");
        free(dir_path);
        return;
    }
    DIR *dir = opendir(dir_path);
    if (!dir) {
        diag_add(diags, DIAG_ERROR, dir_path, 1, 1, "cannot read the folder");
        free(dir_path);
        return;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || !pack_set_is_pack_name(e->d_name))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *grown);
            if (!grown)
                break;
            names = grown;
        }
        if ((names[count] = dup_string(e->d_name)) != NULL)
            count++;
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        char *path = cy_join(dir_path, names[i]);
        struct stat lst, st;
        if (path && lstat(path, &lst) == 0) {
            bool link = S_ISLNK(lst.st_mode);
            bool regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
            if (link && cy_place(s->folder, path) != CY_INSIDE)
                diag_add(diags, DIAG_ERROR, path, 1, 1,
                         "a link to a file outside the session folder; it is not read (copy the "
                         "pack into packs/ instead)");
            else if (!regular)
                diag_add(diags, DIAG_ERROR, path, 1, 1,
                         "not a regular file (a folder, a FIFO or a device); it is not read");
            else
                pack_set_add_path(&out->local, path);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    free(dir_path);
}

/* The real path of a file, for telling whether two names are one file. */
static bool same_file(const char *a, const char *b)
{
    char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
    bool same = ra && rb && strcmp(ra, rb) == 0;
    free(ra);
    free(rb);
    return same;
}

static const Pack *pack_loaded_from(const PackSet *set, const char *path)
{
    for (size_t i = 0; i < set->pack_count; i++)
        if (strcmp(set->packs[i]->path, path) == 0 || same_file(set->packs[i]->path, path))
            return set->packs[i];
    return NULL;
}

/* A `packs` entry that is a path inside the folder. */
static const Pack *resolve_path(const Session *s, const SessionPackRef *ref, SessionPacks *out,
                                DiagList *diags)
{
    char buf[YC_EXCERPT];
    char *path = cy_join(s->folder, ref->name);
    if (!path)
        return NULL;
    const Pack *pack = NULL;
    struct stat st;
    CyPlace place = cy_place(s->folder, path);
    if (place == CY_NOWHERE || stat(path, &st) != 0) {
        say(diags, DIAG_ERROR, s, ref->at, "pack file '%s' does not exist in the session folder",
            yc_excerpt(ref->name, buf, sizeof buf));
    } else if (place == CY_OUTSIDE) {
        say(diags, DIAG_ERROR, s, ref->at,
            "pack file '%s' is a link out of the session folder; it is not read",
            yc_excerpt(ref->name, buf, sizeof buf));
    } else if (!S_ISREG(st.st_mode)) {
        say(diags, DIAG_ERROR, s, ref->at, "pack file '%s' is not a regular file",
            yc_excerpt(ref->name, buf, sizeof buf));
    } else {
        pack = pack_loaded_from(&out->local, path);
        if (!pack) {
            size_t before = out->local.pack_count;
            pack_set_add_path(&out->local, path);
            if (out->local.pack_count > before)
                pack = out->local.packs[out->local.pack_count - 1];
        }
        if (!pack)
            say(diags, DIAG_ERROR, s, ref->at, "pack file '%s' has errors (listed with it)",
                yc_excerpt(ref->name, buf, sizeof buf));
    }
    free(path);
    return pack;
}

/* A `packs` entry that is an id: packs/ first, then the installed ones. */
static const Pack *resolve_id(const Session *s, const SessionPackRef *ref, const SessionPacks *out,
                              DiagList *diags)
{
    const Pack *p = pack_set_find(&out->local, ref->name);
    if (!p)
        p = pack_set_find(&out->installed, ref->name);
    if (p)
        return p;
    const char *ids[128];
    size_t n = 0;
    for (size_t i = 0; i < out->local.pack_count && n < 128; i++)
        ids[n++] = out->local.packs[i]->id;
    for (size_t i = 0; i < out->installed.pack_count && n < 128; i++)
        ids[n++] = out->installed.packs[i]->id;
    char buf[YC_EXCERPT], hint[120];
    say(diags, DIAG_ERROR, s, ref->at,
        "pack '%s' was not found, neither in the session's packs/ folder nor among the "
        "installed packs%s",
        yc_excerpt(ref->name, buf, sizeof buf),
        hint_text(yc_closest_name(ref->name, ids, n, NULL), hint, sizeof hint));
    return NULL;
}

/* ------------------------------------------------------------ questions */

static bool topic_wanted(const Session *s, const Question *q)
{
    if (s->topic_count == 0)
        return true;
    for (size_t i = 0; i < s->topic_count; i++)
        if (strcmp(s->topics[i].id, q->topic) == 0)
            return true;
    return false;
}

static bool pack_has_topic(const Pack *p, const char *topic)
{
    for (size_t i = 0; i < p->topic_count; i++)
        if (strcmp(p->topics[i].id, topic) == 0)
            return true;
    for (size_t i = 0; i < p->question_count; i++)
        if (strcmp(p->questions[i].topic, topic) == 0)
            return true;
    return false;
}

static void check_topics(const Session *s, const SessionPacks *out, DiagList *diags)
{
    for (size_t t = 0; t < s->topic_count; t++) {
        bool found = false;
        const char *ids[128];
        size_t n = 0;
        for (size_t i = 0; i < out->pack_count && !found; i++) {
            const Pack *p = out->packs[i].pack;
            found = pack_has_topic(p, s->topics[t].id);
            for (size_t k = 0; k < p->topic_count && n < 128; k++)
                ids[n++] = p->topics[k].id;
        }
        if (found)
            continue;
        char buf[YC_EXCERPT], hint[120];
        say(diags, DIAG_ERROR, s, s->topics[t].at, "no pack of the session has a topic '%s'%s",
            yc_excerpt(s->topics[t].id, buf, sizeof buf),
            hint_text(yc_closest_name(s->topics[t].id, ids, n, NULL), hint, sizeof hint));
    }
}

static void check_question_refs(const Session *s, const SessionPacks *out, DiagList *diags)
{
    char buf[YC_EXCERPT], hint[120];
    for (size_t i = 0; i < s->question_ref_count; i++) {
        const SessionQuestionRef *ref = &s->questions[i];
        const SessionPack *sp = session_packs_find(out, ref->pack_id);
        if (!sp) {
            const char *ids[SESSION_MAX_PACKS];
            for (size_t k = 0; k < out->pack_count; k++)
                ids[k] = out->packs[k].pack->id;
            say(diags, DIAG_ERROR, s, ref->at,
                "question '%s/%s' names pack '%s', which is not in 'packs'%s", ref->pack_id,
                ref->question_id, ref->pack_id,
                hint_text(yc_closest_name(ref->pack_id, ids, out->pack_count, NULL), hint,
                          sizeof hint));
            continue;
        }
        const Question *q = pack_find_question(sp->pack, ref->question_id);
        if (!q) {
            const char *ids[1000];
            size_t n = 0;
            for (size_t k = 0; k < sp->pack->question_count && n < 1000; k++)
                ids[n++] = sp->pack->questions[k].id;
            say(diags, DIAG_ERROR, s, ref->at, "pack '%s' has no question '%s'%s", ref->pack_id,
                yc_excerpt(ref->question_id, buf, sizeof buf),
                hint_text(yc_closest_name(ref->question_id, ids, n, NULL), hint, sizeof hint));
            continue;
        }
        if (q->type == QUESTION_FLASHCARD)
            say(diags, DIAG_WARNING, s, ref->at,
                "'%s/%s' is a flashcard: flashcards are self-graded, so a session leaves "
                "them out",
                ref->pack_id, ref->question_id);
        else if (!topic_wanted(s, q))
            say(diags, DIAG_WARNING, s, ref->at,
                "'%s/%s' is left out: its topic '%s' is not in 'topics'", ref->pack_id,
                ref->question_id, q->topic[0] ? q->topic : "(none)");
    }
}

/* Every qualifying question, in draw order before the seed's cut. */
static RoundQuestionRef *candidates(const Session *s, const SessionPacks *packs, size_t *count)
{
    size_t cap = 0;
    if (s->question_ref_count)
        cap = s->question_ref_count;
    else
        for (size_t i = 0; i < packs->pack_count; i++)
            cap += packs->packs[i].pack->question_count;
    RoundQuestionRef *refs = malloc((cap ? cap : 1) * sizeof *refs);
    size_t n = 0;
    if (!refs)
        return NULL;
    if (s->question_ref_count) {
        for (size_t i = 0; i < s->question_ref_count; i++) {
            const SessionPack *sp = session_packs_find(packs, s->questions[i].pack_id);
            const Question *q =
                sp ? pack_find_question(sp->pack, s->questions[i].question_id) : NULL;
            if (q && q->type != QUESTION_FLASHCARD && topic_wanted(s, q))
                refs[n++] = (RoundQuestionRef){sp->pack->id, q->id};
        }
    } else {
        for (size_t i = 0; i < packs->pack_count; i++) {
            const Pack *p = packs->packs[i].pack;
            for (size_t k = 0; k < p->question_count; k++) {
                const Question *q = &p->questions[k];
                if (q->type != QUESTION_FLASHCARD && topic_wanted(s, q))
                    refs[n++] = (RoundQuestionRef){p->id, q->id};
            }
        }
    }
    *count = n;
    return refs;
}

Pack **session_pack_array(const SessionPacks *packs)
{
    Pack **a = malloc((packs->pack_count ? packs->pack_count : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < packs->pack_count; i++)
            a[i] = (Pack *)packs->packs[i].pack; /* round_start only reads them */
    return a;
}

bool session_draw(const Session *session, const SessionPacks *packs, RoundQuestionRef **out,
                  size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t n = 0;
    RoundQuestionRef *refs = candidates(session, packs, &n);
    if (!refs)
        return false;
    if (n == 0) {
        free(refs);
        return true;
    }
    if (session->question_count == 0 || session->question_count >= n ||
        session->question_ref_count) {
        if (session->question_count && session->question_count < n)
            n = session->question_count; /* a list cut to a count: its first N */
        *out = refs;
        *count = n;
        return true;
    }
    /* The round engine's seeded draw, so there is one way to draw. */
    Pack **arr = session_pack_array(packs);
    Round round;
    RoundSettings st = {.question_count = session->question_count,
                        .seed = session->seed,
                        .only = refs,
                        .only_count = n};
    bool ok = arr && round_start(&round, arr, packs->pack_count, &st) == ROUND_OK;
    free(arr);
    if (ok) {
        for (size_t i = 0; i < round.question_count; i++)
            refs[i] =
                (RoundQuestionRef){round.questions[i].pack->id, round.questions[i].question->id};
        *count = round.question_count;
        *out = refs;
        round_free(&round);
        return true;
    }
    free(refs);
    return false;
}

/* ------------------------------------------------------------- resolving */

bool session_resolve_packs(const Session *session, const char *const *installed,
                           size_t installed_count, SessionPacks *out, DiagList *diags)
{
    const Session *s = session;
    *out = (SessionPacks){0};
    size_t errors_before = diags->error_count;
    load_local_packs(s, out, diags);
    for (size_t i = 0; i < installed_count; i++)
        if (installed[i] && installed[i][0])
            pack_set_add_path(&out->installed, installed[i]);
    out->packs = calloc(s->pack_count ? s->pack_count : 1, sizeof *out->packs);
    if (!out->packs) {
        diag_add(diags, DIAG_ERROR, s->path, 1, 1, "out of memory");
        return false;
    }
    for (size_t i = 0; i < s->pack_count; i++) {
        const SessionPackRef *ref = &s->packs[i];
        const Pack *p =
            ref->is_path ? resolve_path(s, ref, out, diags) : resolve_id(s, ref, out, diags);
        if (!p)
            continue;
        const SessionPack *twice = session_packs_find(out, p->id);
        if (twice) {
            say(diags, DIAG_ERROR, s, ref->at, "pack '%s' is named twice (its file is %s)", p->id,
                twice->path);
            continue;
        }
        SessionPack *sp = &out->packs[out->pack_count++];
        sp->pack = p;
        sp->path = p->path;
        char *bytes = NULL;
        size_t size = 0;
        if (cy_read_file(p->path, PACK_MAX_FILE_BYTES, false, &bytes, &size) == CY_FILE_OK)
            class_sha256_hex(bytes, size, sp->sha256);
        else
            diag_add(diags, DIAG_ERROR, p->path, 1, 1, "cannot read the pack file again");
        free(bytes);
    }
    /* A pack in packs/ that the session does not play is probably a slip. */
    for (size_t i = 0; i < out->local.pack_count; i++) {
        const Pack *p = out->local.packs[i];
        if (!session_packs_find(out, p->id))
            diag_add(diags, DIAG_WARNING, p->path, p->id_line, p->id_column,
                     "pack '%s' is in the session's packs/ folder but not in its 'packs' list, "
                     "so it is not played",
                     p->id);
    }
    bool all_found = out->pack_count == s->pack_count;
    check_question_refs(s, out, diags);
    check_topics(s, out, diags);
    if (all_found && diags->error_count == errors_before) {
        RoundQuestionRef *drawn = NULL;
        size_t n = 0, all = 0;
        RoundQuestionRef *every = candidates(s, out, &all);
        free(every);
        SessionMark top = {1, 1};
        if (!session_draw(s, out, &drawn, &n)) {
            say(diags, DIAG_ERROR, s, top, "out of memory");
        } else if (n == 0) {
            say(diags, DIAG_ERROR, s, s->questions_at.line ? s->questions_at : top,
                "no question qualifies: the packs have only flashcards, or none of the "
                "chosen topics");
        } else if (n > SESSION_MAX_QUESTIONS) {
            say(diags, DIAG_ERROR, s, top,
                "the packs have %zu questions; a session asks at most %d (set "
                "'questions: N' to draw fewer)",
                n, SESSION_MAX_QUESTIONS);
        } else if (s->question_count > all) {
            say(diags, DIAG_WARNING, s, s->questions_at,
                "'questions' asks for %zu, but only %zu questions qualify; all %zu are "
                "played",
                s->question_count, all, all);
        }
        free(drawn);
    }
    return all_found && diags->error_count == errors_before;
}

const SessionPack *session_packs_find(const SessionPacks *packs, const char *pack_id)
{
    for (size_t i = 0; i < packs->pack_count; i++)
        if (strcmp(packs->packs[i].pack->id, pack_id) == 0)
            return &packs->packs[i];
    return NULL;
}

void session_packs_free(SessionPacks *packs)
{
    pack_set_free(&packs->local);
    pack_set_free(&packs->installed);
    free(packs->packs);
    *packs = (SessionPacks){0};
}

/* ---------------------------------------------------------------- playing */

double session_time_factor(const Session *session, const char *name, const char *roster_id)
{
    for (size_t i = 0; i < session->accommodation_count; i++) {
        const SessionAccommodation *a = &session->accommodations[i];
        if ((roster_id && roster_id[0] && strcmp(a->student, roster_id) == 0) ||
            (name && strcmp(a->student, name) == 0))
            return a->time_factor;
    }
    return 1.0;
}

int64_t session_time_limit_ms(const Session *session, const Question *q, double time_factor)
{
    int seconds = session->time_from_pack ? q->time_limit : session->time_limit;
    if (seconds <= 0)
        return 0;
    return (int64_t)llround((double)seconds * 1000.0 * time_factor);
}

int64_t session_total_time_ms(const Session *session, double time_factor)
{
    if (session->total_time <= 0)
        return 0;
    return (int64_t)llround((double)session->total_time * 1000.0 * time_factor);
}

const char *session_student_key(const char *name, const char *roster_id)
{
    return roster_id && roster_id[0] ? roster_id : (name ? name : "");
}

bool session_round_settings(const Session *session, const SessionPacks *packs,
                            const char *student_key, RoundSettings *out, RoundQuestionRef **only)
{
    *out = (RoundSettings){0};
    size_t n = 0;
    if (!session_draw(session, packs, only, &n))
        return false;
    out->only = *only;
    out->only_count = n;
    out->question_count = 0;
    if (session->order == SESSION_ORDER_FIXED) {
        out->keep_only_order = true;
        out->seed = session->seed;
    } else {
        out->keep_only_order = false;
        out->seed = session->seed + class_fnv1a64(student_key ? student_key : "");
    }
    session_round_rules(session, out);
    return true;
}

void session_round_rules(const Session *session, RoundSettings *out)
{
    if (session->time_from_pack) {
        out->time_mode = ROUND_TIME_PACK;
    } else if (session->time_limit == 0) {
        out->time_mode = ROUND_TIME_OFF;
    } else {
        out->time_mode = ROUND_TIME_FIXED;
        out->fixed_seconds = session->time_limit;
    }
    out->scoring = session->scoring == SESSION_SCORING_ACCURACY ? SCORING_ACCURACY : SCORING_SPEED;
    out->streak_bonus = session->scoring == SESSION_SCORING_POINTS_STREAK;
}

RoundStatus session_start_round(const Session *session, const SessionPacks *packs, const char *name,
                                const char *roster_id, Round *round)
{
    memset(round, 0, sizeof *round);
    RoundSettings st;
    RoundQuestionRef *only = NULL;
    if (!session_round_settings(session, packs, session_student_key(name, roster_id), &st, &only))
        return ROUND_NO_MEMORY;
    if (st.only_count == 0) {
        free(only);
        return ROUND_NO_QUESTIONS;
    }
    Pack **arr = session_pack_array(packs);
    RoundStatus status = arr ? round_start(round, arr, packs->pack_count, &st) : ROUND_NO_MEMORY;
    free(arr);
    free(only);
    if (status != ROUND_OK)
        return status;
    double factor = session_time_factor(session, name, roster_id);
    for (size_t i = 0; i < round->question_count; i++)
        round->questions[i].time_limit_ms =
            session_time_limit_ms(session, round->questions[i].question, factor);
    return ROUND_OK;
}

bool session_is_open(const Session *session, int64_t now)
{
    if (session->has_opens && now < session->opens.unix_seconds)
        return false;
    if (session->has_closes && now >= session->closes.unix_seconds)
        return false;
    return true;
}
