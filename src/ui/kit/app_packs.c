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

/* Grows the selection to the pack set (new packs unticked). */
void app_selection_sync(App *app)
{
    Selection *sel = &app->selection;
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

void app_selection_free(Selection *sel)
{
    for (size_t i = 0; i < sel->count; i++)
        free(sel->topic[i]);
    free(sel->topic);
    free(sel->pack);
    memset(sel, 0, sizeof *sel);
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
