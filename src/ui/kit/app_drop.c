/* app_drop.c - a file dropped on the window: checked, copied into the
 * player's packs folder and loaded; a question bank in another format is
 * imported first; a pack whose id (or whose broken file) is already in the
 * packs folder replaces it once the player says so. A dropped folder is a
 * class session's. Read app_packs.c first (the set, reloading, moving a
 * file aside).
 */
#include "app.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_private.h"
#include "format.h"
#include "fsutil.h"
#include "import.h"
#include "pack_load.h"
#include "strutil.h"

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- a file dropped on the window -------------------------------------------
 *
 * The dropped file is opened once, with fs_open_file (a FIFO or a device is
 * refused without waiting), and read from that descriptor into memory; the
 * path is never opened again. A pack is checked from those bytes; any other
 * file is tried as an import (the same code as `quizdeck --import`). The
 * copy is named after the pack's id, "<id>.yaml" or "<id>-N.yaml", so it is
 * always a name the packs folder loads, and it is put in place with link(),
 * which never replaces an existing file. */

enum { DROP_MAX_BYTES = 64 * 1024 * 1024, DROP_MAX_CLASHES = 100000 };

/* The whole of fd into a malloc'd buffer (NULL on a read error). */
static char *read_all(int fd, long long hint, size_t *len)
{
    size_t cap = hint > 0 ? (size_t)hint + 1 : 4096, used = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (used == cap) {
            char *more = realloc(buf, cap * 2);
            if (!more)
                break;
            buf = more;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + used, cap - used);
        if (n == 0) {
            *len = used;
            return buf;
        }
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0)
            used += (size_t)n;
    }
    free(buf);
    return NULL;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Writes data as a new file `first` (or "<stem>-N.yaml" when taken) in
 * dir, never replacing a file; its name goes to name. */
static bool write_new_pack(const char *dir, const char *first, const char *stem, const char *data,
                           size_t len, char *name, size_t name_size)
{
    char tmp[APP_PATH_MAX + 64];
    snprintf(tmp, sizeof tmp, "%s/.quizdeck-drop-XXXXXX", dir);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return false;
    bool ok = write_all(fd, data, len) && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    bool placed = false;
    for (int k = 1; ok && !placed && k < DROP_MAX_CLASHES; k++) {
        char dst[APP_PATH_MAX + 320];
        if (k == 1)
            snprintf(name, name_size, "%s", first);
        else
            snprintf(name, name_size, "%s-%d.yaml", stem, k);
        snprintf(dst, sizeof dst, "%s/%s", dir, name);
        if (link(tmp, dst) == 0)
            placed = true;
        else if (errno != EEXIST)
            ok = false;
    }
    unlink(tmp);
    return placed;
}

/* A name for the screen: every control character a visible symbol. */
static const char *visible(char *buf, size_t size, const char *text)
{
    text_escape_controls(buf, size, text, TEXT_ESCAPE_VISIBLE);
    return buf;
}

/* The first error of diags, as shown on screen, with the file's base name. */
static void first_error(const DiagList *diags, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < diags->count; i++) {
        if (diags->items[i].severity == DIAG_ERROR) {
            Diag d = diags->items[i];
            d.file = (char *)base_name(d.file ? d.file : "");
            diag_format_as(&d, out, size, TEXT_ESCAPE_VISIBLE);
            return;
        }
    }
}

/* Tries a file that is not a pack as an import; the pack text, or NULL
 * with the reasons in diags. *warnings counts what the import skipped. */
static char *import_dropped(const char *name, const char *data, size_t len, size_t *out_len,
                            DiagList *diags, size_t *warnings)
{
    ImportPack *ip = import_pack_new();
    if (!ip)
        return NULL;
    char *yaml = NULL;
    char stem[256], id[PACK_MAX_ID + 1];
    snprintf(stem, sizeof stem, "%s", name);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = '\0';
    if (import_slug(stem, id, sizeof id, PACK_MAX_ID) == 0)
        snprintf(id, sizeof id, "imported");
    ImportResult r = {0};
    if (import_buffer(ip, name, data, len, IMPORT_AUTO, NULL) && ip->question_count > 0 &&
        import_finish(ip, id, stem, &r)) {
        yaml = r.yaml;
        *out_len = r.yaml_len;
        r.yaml = NULL;
        *warnings = ip->diags.count;
    } else {
        diag_append(diags, &ip->diags);
        if (ip->diags.error_count == 0)
            diag_add(diags, DIAG_ERROR, name, 0, 0, "%s", _("no questions could be imported"));
    }
    import_result_free(&r);
    import_pack_free(ip);
    return yaml;
}

static void notice_not_added(App *app, const char *name, const DiagList *diags)
{
    char first[600], shown[400];
    first_error(diags, first, sizeof first);
    visible(shown, sizeof shown, name);
    if (diags->error_count > 1)
        app_notice(app, COLOR_BAD,
                   i18n_plural("%s was not added: %s (and %s more error)",
                               "%s was not added: %s (and %s more errors)",
                               (int64_t)diags->error_count - 1),
                   shown, first, ui_format_int((int64_t)diags->error_count - 1).text);
    else
        app_notice(app, COLOR_BAD, _("%s was not added: %s"), shown, first);
}

/* ---- replacing a pack ------------------------------------------------------- */

/* The drop waiting for the player's answer (app->drop). */
struct AppDrop {
    char *data;
    size_t len;
    char id[PACK_MAX_ID + 1];
    char title[400];
    char target[APP_PATH_MAX + 320]; /* the file it replaces */
};

void app_drop_free(App *app)
{
    if (app->drop)
        free(app->drop->data);
    free(app->drop);
    app->drop = NULL;
}

/* The file in the player's packs folder that a dropped pack would replace:
 * the loaded pack of that id, or a file that failed to load under the
 * dropped name or "<id>.yaml". NULL when none (or the pack of that id is
 * not the player's to replace). */
static const char *replaceable(const App *app, const char *id, const char *name)
{
    const Pack *twin = pack_set_find(&app->packs, id);
    if (twin)
        return app_pack_in_user_folder(app, twin->path) ? twin->path : NULL;
    char own[PACK_MAX_ID + 8];
    snprintf(own, sizeof own, "%s.yaml", id);
    for (size_t i = 0; i < app->packs.failure_count; i++) {
        const char *path = app->packs.failures[i].path;
        if (app_pack_in_user_folder(app, path) &&
            (strcmp(base_name(path), name) == 0 || strcmp(base_name(path), own) == 0))
            return path;
    }
    return NULL;
}

static void replace_now(App *app, void *user)
{
    (void)user;
    struct AppDrop *d = app->drop;
    if (!d)
        return;
    char moved[APP_PATH_MAX + 400], name[400];
    const char *target_name = base_name(d->target);
    char dir[APP_PATH_MAX + 320];
    snprintf(dir, sizeof dir, "%.*s", (int)(target_name - d->target - 1), d->target);
    if (!app_move_aside(app, d->target, moved, sizeof moved)) {
        app_notice(app, COLOR_BAD, "%s",
                   _("The old file could not be moved aside; nothing was replaced."));
    } else if (!write_new_pack(dir, target_name, d->id, d->data, d->len, name, sizeof name)) {
        app_notice(app, COLOR_BAD, "%s", _("The new file could not be written."));
        app_packs_reload(app, NULL);
    } else {
        app_packs_reload(app, NULL);
        app_notice(app, COLOR_GOOD,
                   _("Replaced \"%s\"; the old file is in the removed folder. Progress is kept."),
                   d->title);
    }
    app_drop_free(app);
}

static void ask_replace(App *app, const Pack *pack, const char *old, const char *data, size_t len)
{
    app_drop_free(app);
    struct AppDrop *d = calloc(1, sizeof *d);
    if (d)
        d->data = malloc(len ? len : 1);
    if (!d || !d->data) {
        free(d);
        return;
    }
    memcpy(d->data, data, len);
    d->len = len;
    snprintf(d->id, sizeof d->id, "%s", pack->id);
    visible(d->title, sizeof d->title, pack->title);
    snprintf(d->target, sizeof d->target, "%s", old);
    app->drop = d;
    char title[500], body[480], shown[300];
    snprintf(title, sizeof title, _("Replace \"%s\"?"), d->title);
    snprintf(body, sizeof body,
             _("%s in your packs folder is moved to the removed folder and this file takes its "
               "place. Progress is kept: it goes by the pack's id."),
             visible(shown, sizeof shown, base_name(old)));
    app_ask(app, &(AppAsk){.title = title,
                           .body = body,
                           .yes = _("Replace"),
                           .no = _("Keep the old one"),
                           .on_yes = replace_now});
}

/* The pack is checked; copies its text into the packs folder and loads it. */
static bool add_checked(App *app, const Pack *pack, const char *name, const char *data, size_t len,
                        size_t warnings)
{
    char shown[400], title[400];
    visible(shown, sizeof shown, name);
    visible(title, sizeof title, pack->title);
    const char *old = replaceable(app, pack->id, name);
    if (old) {
        ask_replace(app, pack, old, data, len);
        return false;
    }
    Pack *twin = pack_set_find(&app->packs, pack->id);
    if (twin) {
        char twin_name[400];
        app_notice(app, COLOR_WARN, _("A pack with id \"%s\" is already loaded (%s)."), pack->id,
                   visible(twin_name, sizeof twin_name, base_name(twin->path)));
        return false;
    }
    if (!app_make_dir(app->user_packs_dir)) {
        app_notice(app, COLOR_BAD, _("Cannot create the packs folder %s"), app->user_packs_dir);
        return false;
    }
    char copy[PACK_MAX_ID + 32], first[PACK_MAX_ID + 8], dst[APP_PATH_MAX + 320];
    snprintf(first, sizeof first, "%s.yaml", pack->id);
    if (!write_new_pack(app->user_packs_dir, first, pack->id, data, len, copy, sizeof copy)) {
        app_notice(app, COLOR_BAD, _("Could not copy %s into %s"), shown, app->user_packs_dir);
        return false;
    }
    snprintf(dst, sizeof dst, "%s/%s", app->user_packs_dir, copy);
    size_t before = app->packs.pack_count;
    pack_set_add_path(&app->packs, dst);
    app_selection_sync(app);
    if (app->packs.pack_count <= before) {
        app_notice(app, COLOR_BAD, _("%s was copied as %s but could not be loaded."), shown, copy);
        return false;
    }
    char count[80];
    snprintf(count, sizeof count,
             i18n_plural("%s question", "%s questions", (int64_t)pack->question_count),
             ui_format_int((int64_t)pack->question_count).text);
    if (warnings > 0)
        app_notice(app, COLOR_WARN,
                   i18n_plural("Added \"%s\" (%s) from %s as %s, with %s warning.",
                               "Added \"%s\" (%s) from %s as %s, with %s warnings.",
                               (int64_t)warnings),
                   title, count, shown, copy, ui_format_int((int64_t)warnings).text);
    else
        app_notice(app, COLOR_GOOD, _("Added \"%s\" (%s) from %s as %s."), title, count, shown,
                   copy);
    return true;
}

bool app_add_pack_file(App *app, const char *path)
{
    app->dirty = true;
    const char *name = base_name(path);
    char shown[400];
    visible(shown, sizeof shown, name);
    if (app_is_dir(path)) {
        /* A folder is a class session's, not a pack. */
        app_notice(app, COLOR_WARN, "%s", _("Class sessions: use quizdeck --session"));
        return false;
    }
    FsFile file;
    FsRefusal refusal = fs_open_file(path, DROP_MAX_BYTES, &file);
    if (refusal != FS_OPENED) {
        const char *noun = fs_refusal_noun(refusal);
        if (noun[0])
            app_notice(app, COLOR_BAD, _("%s was not added: it is %s."), shown, i18n_message(noun));
        else if (refusal == FS_TOO_BIG)
            app_notice(app, COLOR_BAD, _("%s was not added: it is too big."), shown);
        else
            app_notice(app, COLOR_BAD, _("%s was not added: it could not be opened."), shown);
        return false;
    }
    size_t len = 0;
    char *data = read_all(file.fd, file.size, &len);
    close(file.fd);
    if (!data) {
        app_notice(app, COLOR_BAD, _("%s was not added: it could not be read."), shown);
        return false;
    }
    DiagList diags = {0};
    size_t warnings = 0;
    Pack *pack = pack_load_buffer(name, data, len, &diags);
    if (!pack && !pack_set_is_pack_name(name) && import_detect(name, data, len) != IMPORT_AUTO) {
        /* Not a pack but a question bank in a format the importer knows:
         * its reasons replace the pack checker's. */
        diag_clear(&diags);
        size_t ylen = 0;
        char *yaml = import_dropped(name, data, len, &ylen, &diags, &warnings);
        if (yaml) {
            diag_clear(&diags);
            free(data);
            data = yaml;
            len = ylen;
            pack = pack_load_buffer(name, data, len, &diags);
        }
    }
    bool added = false;
    if (!pack) {
        notice_not_added(app, name, &diags);
    } else {
        warnings += diags.count - diags.error_count;
        added = add_checked(app, pack, name, data, len, warnings);
        pack_free(pack);
    }
    diag_clear(&diags);
    free(data);
    return added;
}
