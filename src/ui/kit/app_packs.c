/* app_packs.c - the App's packs beyond loading them: the selection the
 * packs screen ticks (grown as packs are added) and what it offers, the
 * player's packs
 * folder, and a pack file dropped on the window, which is checked, copied
 * into that folder and added.
 */
#include "app.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app_private.h"
#include "format.h"
#include "pack_load.h"

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
    if (app->store == NULL)
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

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Copies src to dst through a temporary file and a rename (design rule 8). */
static bool copy_file(const char *src, const char *dst)
{
    char tmp[APP_PATH_MAX + 320];
    snprintf(tmp, sizeof tmp, "%s.tmp", dst);
    FILE *in = fopen(src, "rb");
    if (!in)
        return false;
    FILE *out = fopen(tmp, "wb");
    if (!out) {
        fclose(in);
        return false;
    }
    char buf[16384];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            ok = false;
    if (ferror(in))
        ok = false;
    fclose(in);
    if (fclose(out) != 0)
        ok = false;
    if (ok && rename(tmp, dst) != 0)
        ok = false;
    if (!ok)
        remove(tmp);
    return ok;
}

bool app_add_pack_file(App *app, const char *path)
{
    DiagList diags = {0};
    Pack *pack = pack_load_file(path, &diags);
    if (!pack) {
        char first[600] = "";
        for (size_t i = 0; i < diags.count; i++) {
            if (diags.items[i].severity == DIAG_ERROR) {
                Diag d = diags.items[i];
                d.file = (char *)base_name(d.file);
                diag_format(&d, first, sizeof first);
                break;
            }
        }
        if (diags.error_count > 1)
            app_notice(app, COLOR_BAD,
                       i18n_plural("%s was not added: %s (and %s more error)",
                                   "%s was not added: %s (and %s more errors)",
                                   (int64_t)diags.error_count - 1),
                       base_name(path), first, ui_format_int((int64_t)diags.error_count - 1).text);
        else
            app_notice(app, COLOR_BAD, _("%s was not added: %s"), base_name(path), first);
        diag_clear(&diags);
        /* List it with its errors on the packs screen too. */
        pack_set_add_path(&app->packs, path);
        return false;
    }
    diag_clear(&diags);
    bool added = false;
    Pack *twin = pack_set_find(&app->packs, pack->id);
    if (twin) {
        app_notice(app, COLOR_WARN, _("A pack with id \"%s\" is already loaded (%s)."), pack->id,
                   base_name(twin->path));
    } else if (!app_make_dir(app->user_packs_dir)) {
        app_notice(app, COLOR_BAD, _("Cannot create the packs folder %s"), app->user_packs_dir);
    } else {
        char dst[APP_PATH_MAX + 300];
        const char *name = base_name(path);
        snprintf(dst, sizeof dst, "%s/%s", app->user_packs_dir, name);
        /* Never overwrite a different pack of the same file name. */
        for (int k = 2; k < 100; k++) {
            struct stat st;
            if (stat(dst, &st) != 0)
                break;
            size_t stem = strcspn(name, ".");
            snprintf(dst, sizeof dst, "%s/%.*s-%d.yaml", app->user_packs_dir, (int)stem, name, k);
        }
        if (!copy_file(path, dst)) {
            app_notice(app, COLOR_BAD, _("Could not copy %s into %s"), name, app->user_packs_dir);
        } else {
            size_t before = app->packs.pack_count;
            pack_set_add_path(&app->packs, dst);
            app_selection_sync(app);
            added = app->packs.pack_count > before;
            if (added)
                app_notice(app, COLOR_GOOD,
                           i18n_plural("Added \"%s\" (%s question) to your packs.",
                                       "Added \"%s\" (%s questions) to your packs.",
                                       (int64_t)pack->question_count),
                           pack->title, ui_format_int((int64_t)pack->question_count).text);
        }
    }
    pack_free(pack);
    app->dirty = true;
    return added;
}
