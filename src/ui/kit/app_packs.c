/* app_packs.c - the App's packs: the selection the packs screen ticks
 * (grown as packs are added) and what it offers, the player's packs folder,
 * and loading the set (the first time in a worker thread, with progress
 * for the title; again after a change), and removing a pack by moving its
 * file aside. A file dropped on the window is app_drop.c's.
 * Read pack_set.h first.
 */
#include "app.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_private.h"
#include "format.h"
#include "pack_cache.h"
#include "strutil.h"

/* Grows one selection to the pack set (new packs unticked). */
static void sync_one(const App *app, Selection *sel)
{
    size_t n = app->packs.pack_count;
    if (n <= sel->count)
        return;
    bool *pack = realloc(sel->pack, n * sizeof *pack);
    if (!pack)
        return;
    sel->pack = pack;
    bool **topic = realloc(sel->topic, n * sizeof *topic);
    if (!topic)
        return;
    sel->topic = topic;
    for (size_t i = sel->count; i < n; i++) {
        size_t tc = app->packs.packs[i]->topic_count;
        sel->pack[i] = false;
        sel->topic[i] = calloc(tc ? tc : 1, sizeof **sel->topic);
    }
    sel->count = n;
}

void app_selection_sync(App *app)
{
    sync_one(app, &app->selection);
    sync_one(app, &app->study_selection);
}

void app_selection_free(Selection *sel)
{
    for (size_t i = 0; i < sel->count; i++)
        free(sel->topic[i]);
    free(sel->topic);
    free(sel->pack);
    memset(sel, 0, sizeof *sel);
}

/* ---- remembered per learner ------------------------------------------------
 *
 * The ticks are kept in the store under the learner, like the round
 * settings, by pack id (the pack set's order may change between launches):
 * one line per ticked pack, "pack-id" or "pack-id:topic,topic" when some of
 * its topics are ticked. Ids are [a-z0-9-] (pack format), so ':', ',' and
 * newlines never occur in them. */

enum { SELECTION_TEXT_MAX = 16 * 1024 };

static const char *const selection_key[2] = {"play.packs", "study.packs"};

static Selection *selection_of(App *app, AppSelectionKind kind)
{
    return kind == APP_SELECTION_STUDY ? &app->study_selection : &app->selection;
}

void app_selection_save(App *app, AppSelectionKind kind)
{
    /* While the first load runs no pack is known: saving would forget the
     * remembered ticks. */
    if (app->store == NULL || app_packs_loading(app))
        return;
    const Selection *sel = selection_of(app, kind);
    char *text = calloc(1, SELECTION_TEXT_MAX);
    if (text == NULL)
        return;
    size_t used = 0;
    for (size_t i = 0; i < sel->count && i < app->packs.pack_count; i++) {
        if (!sel->pack[i])
            continue;
        const Pack *p = app->packs.packs[i];
        int w = snprintf(text + used, SELECTION_TEXT_MAX - used, "%s%s", used ? "\n" : "", p->id);
        for (size_t t = 0, k = 0; w > 0 && t < p->topic_count; t++) {
            if (!sel->topic[i][t])
                continue;
            size_t at = used + (size_t)w;
            if (at >= SELECTION_TEXT_MAX)
                break;
            int tw = snprintf(text + at, SELECTION_TEXT_MAX - at, "%s%s", k++ ? "," : ":",
                              p->topics[t].id);
            w = tw > 0 ? w + tw : w;
        }
        if (w < 0 || used + (size_t)w >= SELECTION_TEXT_MAX)
            break; /* too many to remember: keep what fits */
        used += (size_t)w;
    }
    StoreError err = {0};
    if (store_setting_set_text(app->store, app->profile_id, selection_key[kind], text, &err) !=
        STORE_OK)
        app_notice(app, COLOR_WARN, _("Your packs were not remembered: %s"),
                   i18n_message(err.message));
    free(text);
}

/* The index of the loaded pack with this id (len bytes), or -1. */
static int pack_index(const App *app, const char *id, size_t len)
{
    for (size_t i = 0; i < app->packs.pack_count; i++) {
        const char *pid = app->packs.packs[i]->id;
        if (strlen(pid) == len && strncmp(pid, id, len) == 0)
            return (int)i;
    }
    return -1;
}

void app_selection_load(App *app, AppSelectionKind kind)
{
    Selection *sel = selection_of(app, kind);
    for (size_t i = 0; i < sel->count; i++) {
        sel->pack[i] = false;
        if (i < app->packs.pack_count)
            memset(sel->topic[i], 0, app->packs.packs[i]->topic_count * sizeof **sel->topic);
    }
    if (app->store == NULL)
        return;
    char *text = calloc(1, SELECTION_TEXT_MAX);
    if (text == NULL)
        return;
    if (store_setting_get_text(app->store, app->profile_id, selection_key[kind], text,
                               SELECTION_TEXT_MAX, NULL) == STORE_OK) {
        for (const char *line = text; *line;) {
            size_t len = strcspn(line, "\n");
            size_t id_len = strcspn(line, ":\n");
            int i = pack_index(app, line, id_len < len ? id_len : len);
            if (i >= 0 && (size_t)i < sel->count) {
                const Pack *p = app->packs.packs[i];
                sel->pack[i] = true;
                /* Topics after the colon, by id; unknown ones are skipped. */
                for (size_t at = id_len + 1; id_len < len && at < len;) {
                    size_t tl = strcspn(line + at, ",\n");
                    for (size_t t = 0; t < p->topic_count; t++)
                        if (strlen(p->topics[t].id) == tl &&
                            strncmp(p->topics[t].id, line + at, tl) == 0)
                            sel->topic[i][t] = true;
                    at += tl + 1;
                }
            }
            line += len;
            if (*line == '\n')
                line++;
        }
    }
    free(text);
}

void app_selection_all(App *app, AppSelectionKind kind, bool on)
{
    Selection *sel = selection_of(app, kind);
    for (size_t i = 0; i < sel->count && i < app->packs.pack_count; i++) {
        sel->pack[i] = on;
        memset(sel->topic[i], 0, app->packs.packs[i]->topic_count * sizeof **sel->topic);
    }
}

size_t app_study_packs(const App *app, Pack **out)
{
    const Selection *sel = &app->study_selection;
    size_t n = 0, ticked = 0;
    for (size_t i = 0; i < sel->count && i < app->packs.pack_count; i++)
        ticked += sel->pack[i];
    for (size_t i = 0; i < app->packs.pack_count; i++)
        if (ticked == 0 || (i < sel->count && sel->pack[i]))
            out[n++] = app->packs.packs[i];
    return n;
}

bool app_selection_offers(const App *app, size_t pack, const Question *q)
{
    const Selection *sel = &app->selection;
    if (pack >= sel->count || pack >= app->packs.pack_count || !sel->pack[pack])
        return false;
    const Pack *p = app->packs.packs[pack];
    bool narrowed = false, in_topic = false;
    for (size_t t = 0; t < p->topic_count; t++) {
        if (!sel->topic[pack][t])
            continue;
        narrowed = true;
        in_topic |= strcmp(q->topic, p->topics[t].id) == 0;
    }
    return !narrowed || in_topic;
}

size_t app_selection_questions(const App *app, size_t *packs)
{
    size_t ticked = 0, questions = 0;
    for (size_t i = 0; i < app->selection.count && i < app->packs.pack_count; i++) {
        if (!app->selection.pack[i])
            continue;
        ticked++;
        const Pack *p = app->packs.packs[i];
        for (size_t k = 0; k < p->question_count; k++)
            questions += app_selection_offers(app, i, &p->questions[k]);
    }
    if (packs != NULL)
        *packs = ticked;
    return questions;
}

size_t app_topic_size(const Pack *pack, const char *topic_id)
{
    size_t n = 0;
    for (size_t k = 0; k < pack->question_count; k++)
        n += strcmp(pack->questions[k].topic, topic_id) == 0;
    return n;
}

bool app_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p for one or two levels; true when the folder exists after. */
bool app_make_dir(const char *path)
{
    if (app_is_dir(path))
        return true;
    char buf[APP_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (!app_is_dir(buf))
                mkdir(buf, 0755);
            *p = '/';
        }
    }
    return mkdir(buf, 0755) == 0 || app_is_dir(buf);
}

/* ---- loading, reloading, removing -------------------------------------------
 *
 * The App keeps the launch's pack paths so that it can load the same set
 * again (Reload, a file replaced or removed, files changed while the window
 * was away). Every load runs in a worker thread through a PackSetLoader:
 * the first one into an empty set (app_packs_loading() meanwhile), each
 * reload beside the set in use, which stays the App's until the new one is
 * ready and then gives way to it. A set that is replaced is kept, not
 * freed, until the App ends: a round (or a screen) may still point into
 * its packs. Ticks follow packs by id. */

typedef struct AppPackPaths {
    char **paths;
    size_t count;
    PackSet *retired; /* replaced sets, freed in app_packs_free */
    size_t retired_count;
    unsigned long long signature; /* of the files last loaded (files_signature) */
    /* The load running, if any: the loader belongs to the worker until it
     * is joined, except for progress and cancel; the main thread joins it
     * on loaded_event (whose code is the load's serial, so an event of a
     * load joined already by app_packs_wait is told apart). */
    PackSetLoader *loader;
    SDL_Thread *worker;
    Uint32 loaded_event; /* registered SDL user event; (Uint32)-1 if none */
    Sint32 serial;       /* of the load running or last run */
    bool first;          /* the load running is the first: app->packs is empty */
    AppPacksReady ready; /* the running reload's, called once its set is in */
    /* A reload asked while a load ran: started when that one is in. */
    bool again;
    AppPacksReady again_ready;
    /* The running reload's progress line in the notice strip (app_packs_tick). */
    uint64_t started_ms;
    enum { RELOAD_NOTICE_NONE, RELOAD_NOTICE_UP, RELOAD_NOTICE_GONE } notice;
    char notice_line[APP_NOTICE_MAX];
} AppPackPaths;

/* A reload shorter than this shows no progress line: it would only flash. */
enum { RELOAD_QUIET_MS = 300 };

static void mix(unsigned long long *h, unsigned long long v)
{
    *h = (*h ^ v) * 1099511628211ULL;
}

/* A number that changes when a file of the set, or a folder it came from,
 * changes (its size, its time, a file added or removed). */
static unsigned long long files_signature(const App *app)
{
    unsigned long long h = 14695981039346656037ULL;
    struct stat st;
    for (size_t i = 0; i < app->packs.report_count; i++) {
        if (stat(app->packs.reports[i].path, &st) == 0) {
            mix(&h, (unsigned long long)st.st_size);
            mix(&h, (unsigned long long)st.st_mtim.tv_sec);
            mix(&h, (unsigned long long)st.st_mtim.tv_nsec);
        } else {
            mix(&h, i + 1);
        }
    }
    const AppPackPaths *pp = app->pack_paths;
    for (size_t i = 0; pp && i <= pp->count; i++) {
        const char *dir = i < pp->count ? pp->paths[i] : app->user_packs_dir;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
            mix(&h, (unsigned long long)st.st_mtim.tv_sec);
            mix(&h, (unsigned long long)st.st_mtim.tv_nsec);
        }
    }
    return h;
}

/* A loader of the launch's paths and the player's folder, through the
 * pack cache of the environment; NULL when out of memory. */
static PackSetLoader *loader_for(const App *app)
{
    const AppPackPaths *pp = app->pack_paths;
    size_t n = pp ? pp->count : 0;
    const char **paths = calloc(n + 1, sizeof *paths);
    if (paths == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        paths[i] = pp->paths[i];
    if (app_is_dir(app->user_packs_dir))
        paths[n++] = app->user_packs_dir;
    char *cache = pack_cache_dir_from_env();
    PackSetLoader *loader = pack_set_loader_new(paths, n, cache);
    free(cache);
    free(paths);
    return loader;
}

/* app->packs is empty: the loader's set becomes it. */
static void set_ready(App *app, PackSetLoader *loader)
{
    pack_set_loader_finish(loader, &app->packs);
    app_selection_sync(app);
    if (app->pack_paths)
        app->pack_paths->signature = files_signature(app);
}

/* The ticks of one selection by id, to put back after a reload. */
typedef struct Ticks {
    char **ids;   /* ticked pack ids */
    char **topic; /* per ticked pack: "a,b" ticked topic ids, "" for none */
    size_t count;
} Ticks;

static Ticks ticks_take(const App *app, const Selection *sel)
{
    Ticks t = {0};
    t.ids = calloc(sel->count + 1, sizeof *t.ids);
    t.topic = calloc(sel->count + 1, sizeof *t.topic);
    if (!t.ids || !t.topic)
        return t;
    for (size_t i = 0; i < sel->count && i < app->packs.pack_count; i++) {
        if (!sel->pack[i])
            continue;
        const Pack *p = app->packs.packs[i];
        size_t len = 1;
        for (size_t k = 0; k < p->topic_count; k++)
            len += sel->topic[i][k] ? strlen(p->topics[k].id) + 1 : 0;
        char *topics = calloc(1, len);
        for (size_t k = 0; topics && k < p->topic_count; k++)
            if (sel->topic[i][k]) {
                strcat(topics, p->topics[k].id);
                strcat(topics, ",");
            }
        t.ids[t.count] = strdup(p->id);
        t.topic[t.count++] = topics;
    }
    return t;
}

static void ticks_put(const App *app, Selection *sel, Ticks *t)
{
    for (size_t n = 0; n < t->count; n++) {
        int i = t->ids[n] ? pack_index(app, t->ids[n], strlen(t->ids[n])) : -1;
        if (i >= 0 && (size_t)i < sel->count) {
            const Pack *p = app->packs.packs[i];
            sel->pack[i] = true;
            for (size_t k = 0; t->topic[n] && k < p->topic_count; k++) {
                size_t tl = strlen(p->topics[k].id);
                for (const char *at = t->topic[n]; *at; at += strcspn(at, ",") + 1)
                    if (strncmp(at, p->topics[k].id, tl) == 0 && at[tl] == ',')
                        sel->topic[i][k] = true;
            }
        }
        free(t->ids[n]);
        free(t->topic[n]);
    }
    free(t->ids);
    free(t->topic);
    memset(t, 0, sizeof *t);
}

/* A reload's set is done: it takes the place of the one in use, with the
 * ticks as they are now (the player may have ticked while it loaded). */
static void set_replaced(App *app, PackSetLoader *loader)
{
    AppPackPaths *pp = app->pack_paths;
    Ticks play = ticks_take(app, &app->selection);
    Ticks study = ticks_take(app, &app->study_selection);
    PackSet *retired = realloc(pp->retired, (pp->retired_count + 1) * sizeof *retired);
    if (retired) {
        pp->retired = retired;
        retired[pp->retired_count++] = app->packs;
    } else if (!app->quiz.active) {
        pack_set_free(&app->packs); /* nothing can point into it */
    }
    memset(&app->packs, 0, sizeof app->packs);
    app_selection_free(&app->selection);
    app_selection_free(&app->study_selection);
    set_ready(app, loader);
    ticks_put(app, &app->selection, &play);
    ticks_put(app, &app->study_selection, &study);
}

static int load_worker(void *data)
{
    AppPackPaths *pp = data;
    pack_set_loader_run(pp->loader);
    SDL_Event e = {.type = pp->loaded_event};
    e.user.code = pp->serial;
    SDL_PushEvent(&e); /* wakes the main loop even while it waits */
    return 0;
}

static void join_worker(App *app);

/* Starts a load (the first, or a reload of the same paths) in a worker
 * thread; without a thread it runs here and is in at once. */
static void start_load(App *app, bool first, AppPacksReady ready)
{
    AppPackPaths *pp = app->pack_paths;
    pp->loader = loader_for(app);
    if (pp->loader == NULL)
        return; /* out of memory: the set in use stays */
    pp->first = first;
    pp->ready = ready;
    pp->serial++;
    pp->started_ms = app_clock_ms(app);
    pp->notice = RELOAD_NOTICE_NONE;
    if (pp->loaded_event != (Uint32)-1)
        pp->worker = SDL_CreateThread(load_worker, "quizdeck-packs", pp);
    if (pp->worker == NULL) {
        pack_set_loader_run(pp->loader);
        join_worker(app);
    }
}

/* The load is done (its worker returned, or there was none): joins it and
 * makes its set the App's. After the first, puts back the remembered ticks
 * (they name packs by id, so only now can they be found); after a reload,
 * keeps the ticks of the set it replaces. Then a reload asked meanwhile
 * starts. */
static void join_worker(App *app)
{
    AppPackPaths *pp = app->pack_paths;
    if (pp->worker)
        SDL_WaitThread(pp->worker, NULL);
    pp->worker = NULL;
    PackSetLoader *loader = pp->loader;
    pp->loader = NULL;
    AppPacksReady ready = pp->ready;
    pp->ready = NULL;
    if (pp->first) {
        set_ready(app, loader);
        app_selection_load(app, APP_SELECTION_PLAY);
        app_selection_load(app, APP_SELECTION_STUDY);
    } else {
        set_replaced(app, loader);
    }
    if (pp->notice == RELOAD_NOTICE_UP && strcmp(app->notice, pp->notice_line) == 0)
        app->notice_until = app_clock_ms(app); /* the line has done its work */
    pp->notice = RELOAD_NOTICE_NONE;
    /* The title chose its focus, its first entry and its counts with the
     * set before: it chooses again, as if it had just been opened. Other
     * screens lay out again when the set they show changes. */
    if (app_scene(app) == SCENE_TITLE)
        app_replace(app, SCENE_TITLE);
    app->dirty = true;
    if (ready)
        ready(app);
    if (pp->again) {
        pp->again = false;
        start_load(app, false, pp->again_ready);
    }
}

void app_packs_load(App *app, const char *const *paths, size_t count)
{
    AppPackPaths *pp = calloc(1, sizeof *pp);
    if (pp && count > 0)
        pp->paths = calloc(count, sizeof *pp->paths);
    for (size_t i = 0; pp && pp->paths && i < count; i++)
        if (paths[i])
            pp->paths[pp->count++] = strdup(paths[i]);
    app->pack_paths = pp;
    if (pp == NULL) {
        /* Out of memory already: one load here, and no reloads. */
        PackSetLoader *loader = loader_for(app);
        if (loader) {
            pack_set_loader_run(loader);
            set_ready(app, loader);
        }
        return;
    }
    pp->loaded_event = SDL_RegisterEvents(1);
    start_load(app, true, NULL);
}

bool app_packs_event(App *app, const SDL_Event *e)
{
    AppPackPaths *pp = app->pack_paths;
    if (pp == NULL || pp->loaded_event == (Uint32)-1 || e->type != pp->loaded_event)
        return false;
    /* Else app_packs_wait joined that load already. */
    if (pp->worker && e->user.code == pp->serial)
        join_worker(app);
    return true;
}

void app_packs_wait(App *app)
{
    if (app->pack_paths && app->pack_paths->worker)
        join_worker(app);
}

bool app_packs_loading(const App *app)
{
    return app->pack_paths && app->pack_paths->loader != NULL && app->pack_paths->first;
}

bool app_packs_reloading(const App *app)
{
    return app->pack_paths && app->pack_paths->loader != NULL && !app->pack_paths->first;
}

/* "Loading packs… N% (file.yaml)" for the load running. */
static void progress_line(const PackSetLoader *loader, char *out, size_t size)
{
    PackSetProgress p = pack_set_loader_progress(loader);
    int percent = 0;
    if (p.listed && p.bytes_total > 0)
        percent = (int)(p.bytes_done * 100 / p.bytes_total);
    if (percent > 99)
        percent = 99; /* 100% is the set, ready */
    const char *name = p.current ? strrchr(p.current, '/') : NULL;
    name = name ? name + 1 : p.current;
    char shown[200] = "";
    if (name)
        text_escape_controls(shown, sizeof shown, name, TEXT_ESCAPE_VISIBLE);
    if (shown[0])
        snprintf(out, size, _("Loading packs\xE2\x80\xA6 %d%% (%s)"), percent, shown);
    else
        snprintf(out, size, _("Loading packs\xE2\x80\xA6 %d%%"), percent);
}

bool app_packs_loading_line(const App *app, char *out, size_t size)
{
    if (!app_packs_loading(app) || size == 0)
        return false;
    progress_line(app->pack_paths->loader, out, size);
    return true;
}

void app_packs_tick(App *app)
{
    AppPackPaths *pp = app->pack_paths;
    if (!app_packs_reloading(app) || pp->notice == RELOAD_NOTICE_GONE)
        return;
    /* The reload's line in the notice strip, on whatever screen is up,
     * once it has taken long enough to be worth a line. One the player put
     * away stays away; a notice of something else is never covered. */
    bool up = app->notice[0] && app->now_ms < app->notice_until;
    if (pp->notice == RELOAD_NOTICE_UP && (!up || strcmp(app->notice, pp->notice_line) != 0)) {
        pp->notice = RELOAD_NOTICE_GONE;
        return;
    }
    if (pp->notice == RELOAD_NOTICE_NONE && (up || app->now_ms < pp->started_ms + RELOAD_QUIET_MS))
        return;
    progress_line(pp->loader, pp->notice_line, sizeof pp->notice_line);
    if (pp->notice == RELOAD_NOTICE_NONE) {
        app_notice(app, COLOR_ACCENT, "%s", pp->notice_line);
        pp->notice = RELOAD_NOTICE_UP;
        return;
    }
    snprintf(app->notice, sizeof app->notice, "%s", pp->notice_line);
    if (app->notice_until < app->now_ms + RELOAD_QUIET_MS)
        app->notice_until = app->now_ms + RELOAD_QUIET_MS;
    app->dirty = true;
}

void app_packs_reload(App *app, AppPacksReady ready)
{
    AppPackPaths *pp = app->pack_paths;
    if (pp == NULL) {
        if (ready)
            ready(app);
        return;
    }
    if (pp->loader) {
        /* One load at a time: this one starts when that one is in (it
         * would read the files as they were before, perhaps). */
        pp->again = true;
        pp->again_ready = ready;
        return;
    }
    start_load(app, false, ready);
}

bool app_packs_changed(const App *app)
{
    return app->pack_paths && files_signature(app) != app->pack_paths->signature;
}

void app_packs_free(App *app)
{
    AppPackPaths *pp = app->pack_paths;
    if (pp && pp->loader) {
        /* Quit during a load: the file being read stops soon. */
        pack_set_loader_cancel(pp->loader);
        if (pp->worker)
            SDL_WaitThread(pp->worker, NULL);
        pp->worker = NULL;
        PackSet partial = {0};
        pack_set_loader_finish(pp->loader, &partial);
        pack_set_free(&partial);
        pp->loader = NULL;
    }
    pack_set_free(&app->packs);
    if (!pp)
        return;
    for (size_t i = 0; i < pp->count; i++)
        free(pp->paths[i]);
    for (size_t i = 0; i < pp->retired_count; i++)
        pack_set_free(&pp->retired[i]);
    free(pp->retired);
    free(pp->paths);
    free(pp);
    app->pack_paths = NULL;
}

bool app_pack_in_user_folder(const App *app, const char *path)
{
    size_t n = strlen(app->user_packs_dir);
    return path && strncmp(path, app->user_packs_dir, n) == 0 && path[n] == '/' &&
           strchr(path + n + 1, '/') == NULL;
}

bool app_move_aside(const App *app, const char *path, char *moved, size_t moved_size)
{
    char dir[APP_PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%s/removed", app->user_packs_dir);
    if (!app_pack_in_user_folder(app, path) || !app_make_dir(dir))
        return false;
    const char *name = strrchr(path, '/') + 1;
    for (int k = 1; k < 100000; k++) {
        char dst[APP_PATH_MAX + 400];
        if (k == 1)
            snprintf(dst, sizeof dst, "%s/%s", dir, name);
        else
            snprintf(dst, sizeof dst, "%s/%d-%s", dir, k, name);
        /* link() never replaces a file; the original name goes after. */
        if (link(path, dst) == 0) {
            unlink(path);
            snprintf(moved, moved_size, "%s", dst);
            return true;
        }
        if (errno != EEXIST)
            return false;
    }
    return false;
}

bool app_remove_pack_file(App *app, const char *path)
{
    char moved[APP_PATH_MAX + 400];
    if (!app_move_aside(app, path, moved, sizeof moved)) {
        app_notice(app, COLOR_BAD, "%s",
                   _("The file could not be moved aside; nothing was removed."));
        return false;
    }
    app_packs_reload(app, NULL);
    char shown[400];
    text_escape_controls(shown, sizeof shown, strrchr(moved, '/') + 1, TEXT_ESCAPE_VISIBLE);
    app_notice(app, COLOR_GOOD, _("Removed: moved to the removed folder as %s."), shown);
    return true;
}

void app_open_packs_folder(App *app)
{
    if (!app_make_dir(app->user_packs_dir)) {
        app_notice(app, COLOR_BAD, _("Cannot create the packs folder %s"), app->user_packs_dir);
        return;
    }
    char url[APP_PATH_MAX + 16];
    snprintf(url, sizeof url, "file://%s", app->user_packs_dir);
    if (SDL_OpenURL(url) != 0)
        app_notice(app, COLOR_WARN, _("The file manager could not be opened; the folder is %s"),
                   app->user_packs_dir);
}
