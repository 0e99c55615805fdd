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
#include <errno.h>
#include <unistd.h>

#include "app_private.h"
#include "format.h"
#include "fsutil.h"
#include "import.h"
#include "pack_load.h"
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

/* Writes data as a new file "<stem>.yaml" (or "<stem>-N.yaml" when taken)
 * in dir, never replacing a file; its name goes to name. */
static bool write_new_pack(const char *dir, const char *stem, const char *data, size_t len,
                           char *name, size_t name_size)
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
            snprintf(name, name_size, "%s.yaml", stem);
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

/* The pack is checked; copies its text into the packs folder and loads it. */
static bool add_checked(App *app, const Pack *pack, const char *name, const char *data, size_t len,
                        size_t warnings)
{
    char shown[400], title[400];
    visible(shown, sizeof shown, name);
    visible(title, sizeof title, pack->title);
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
    char copy[PACK_MAX_ID + 32], dst[APP_PATH_MAX + 320];
    if (!write_new_pack(app->user_packs_dir, pack->id, data, len, copy, sizeof copy)) {
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
