/* class_deliver.c - the third part of class_play.h: an ended attempt's
 * result file reaches the session's results/new/, and nothing is lost on
 * the way.
 *
 * The order makes every kill safe: the file's bytes go into this
 * computer's database first (the outbox, in the transaction that records
 * the attempt's end), then into results/new/ (result_publish: by way of
 * results/tmp/, never overwriting), and only then leave the database. A
 * kill before the first step leaves an unfinished attempt (class_pending);
 * after it, a waiting file that the next delivery puts in place. A retried
 * delivery of a file that did arrive finds the same bytes under its name
 * (result_publish's already_there) and just forgets the row.
 *
 * Read class_play.h first.
 */
#include "class_play.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "class_play_internal.h"

/* ---- keeping it on this computer ------------------------------------------------ */

/* The outbox row already holding folder/name (a retried end); 0 when none. */
static int64_t waiting_row(Store *store, const char *folder, const char *name)
{
    StoreOutboxList list = {0};
    int64_t id = 0;
    if (store_outbox_list(store, &list, NULL) == STORE_OK)
        for (size_t i = 0; i < list.count && !id; i++)
            if (strcmp(list.items[i].folder, folder) == 0 && strcmp(list.items[i].name, name) == 0)
                id = list.items[i].id;
    store_outbox_list_free(&list);
    return id;
}

/* The end of the binding and the file into the outbox, in one transaction;
 * *row gets the outbox row. False with the store's message in serr. */
static bool keep(const ClassHandover *h, const char *name, const char *data, size_t size,
                 int64_t *row, StoreError *serr)
{
    const ClassAttempt *a = h->attempt;
    if (store_transaction_begin(h->store, serr) != STORE_OK)
        return false;
    StoreStatus st = STORE_OK;
    if (h->round_id && h->abandon_round) {
        st = store_round_abandon(h->store, h->round_id, serr);
        if (st == STORE_NOT_FOUND) /* finished already: nothing to mark */
            st = STORE_OK;
    }
    if (st == STORE_OK && h->round_id) {
        StoreClassAttempt end = {
            .round_id = h->round_id,
            .ended_at = h->ended_ms,
            .status = attempt_status_name(a->status),
            .result_name = name,
            .question_count = (int)a->totals.questions,
            .answered = (int)a->totals.answered,
            .right = (int)a->totals.right,
            .score = a->totals.score,
            .points = a->totals.points,
        };
        st = store_class_attempt_end(h->store, &end, serr);
    }
    if (st == STORE_OK) {
        StoreOutboxItem item = {
            .folder = h->folder,
            .name = name,
            .data = data,
            .size = size,
            .created_at = h->now_ms,
            .round_id = h->round_id,
            .session_id = a->session_id,
            .student = a->student,
        };
        st = store_outbox_add(h->store, &item, row, serr);
        if (st == STORE_EXISTS && (*row = waiting_row(h->store, h->folder, name)) != 0)
            st = STORE_OK;
    }
    if (st == STORE_OK)
        st = store_transaction_commit(h->store, serr);
    if (st != STORE_OK) {
        StoreError ignored = {0};
        store_transaction_rollback(h->store, &ignored);
        return false;
    }
    return true;
}

/* ---- handing over an ended attempt ---------------------------------------------- */

ClassStatus class_hand_over(const ClassHandover *h, ClassDelivery *out, ClassError *err)
{
    class_ok(err);
    *out = (ClassDelivery){.ended = true};
    char *data = NULL;
    size_t size = 0;
    ResultStatus rs = result_encode(h->attempt, &data, &size);
    if (rs != RESULT_OK) {
        out->held = true;
        class_say(out->message, sizeof out->message,
                  "Your answers could not be made into a result file (%s). Leave quizdeck open "
                  "and tell your teacher.",
                  rs == RESULT_NO_MEMORY ? "out of memory" : "the attempt is incomplete");
        return class_fail(err, rs == RESULT_NO_MEMORY ? CLASS_NO_MEMORY : CLASS_NOT_DELIVERED, "%s",
                          out->message);
    }
    result_file_name(h->attempt, h->nonce, out->name);
    int64_t row = 0;
    StoreError serr = {0};
    out->kept = h->store && keep(h, out->name, data, size, &row, &serr);
    if (!h->store)
        class_say(serr.message, sizeof serr.message, "progress is not being saved");

    ResultWritten w;
    rs = result_publish(h->folder, out->name, data, size, &w);
    free(data);
    if (rs == RESULT_OK) {
        out->written = true;
        if (out->kept && store_outbox_remove(h->store, row, NULL) != STORE_OK) {
            /* Still in the outbox: the next delivery finds it in place and
             * forgets it. The file is where it belongs either way. */
        }
        out->kept = false;
        class_say(out->path, sizeof out->path, "%s", w.path);
        class_say(out->name, sizeof out->name, "%s", w.name);
        class_say(out->message, sizeof out->message,
                  "Your answers are saved in the session's results folder, as %s.", w.name);
        return CLASS_OK;
    }
    if (out->kept) {
        store_outbox_failed(h->store, row, h->now_ms, w.message, NULL);
        class_say(out->path, sizeof out->path, "%s", store_path(h->store));
        class_say(out->message, sizeof out->message,
                  "The session's results folder cannot be written just now (%s). Your answers "
                  "are safe: they are saved on this computer, in %s, and quizdeck delivers them "
                  "to %s/results/new/ by itself at the next answer on this computer, the next "
                  "time quizdeck starts, or when your teacher runs quizdeck --deliver.",
                  w.message, out->path, h->folder);
    } else {
        out->held = true;
        class_say(out->message, sizeof out->message,
                  "Your answers could not be saved yet: the session's results folder cannot be "
                  "written (%s), and this computer's database cannot keep them (%s). Do not "
                  "close quizdeck: tell your teacher, and choose Try again once the folder is "
                  "back.",
                  w.message, serr.message);
    }
    return class_fail(err, CLASS_NOT_DELIVERED, "%s", out->message);
}

/* ---- delivering what waits --------------------------------------------------------- */

void class_deliver_report_free(ClassDeliverReport *report)
{
    if (!report)
        return;
    free(report->items);
    *report = (ClassDeliverReport){0};
}

ClassStatus class_deliver(Store *store, const ClassSession *cs, int64_t now_ms,
                          ClassDeliverReport *out, ClassError *err)
{
    class_ok(err);
    ClassDeliverReport report = {0};
    if (out)
        *out = report;
    if (!store)
        return CLASS_OK;
    class_say(report.database, sizeof report.database, "%s", store_path(store));
    StoreOutboxList list = {0};
    StoreError serr = {0};
    if (store_outbox_list(store, &list, &serr) != STORE_OK)
        return class_fail(err, CLASS_NOT_SAVED, "The result files waiting cannot be read: %s",
                          serr.message);
    const char *only = cs && cs->session ? cs->session->id : NULL;
    if (out && list.count) {
        report.items = calloc(list.count, sizeof *report.items);
        if (!report.items) {
            store_outbox_list_free(&list);
            return class_fail(err, CLASS_NO_MEMORY, "out of memory");
        }
    }
    for (size_t i = 0; i < list.count; i++) {
        const StoreOutboxItem *x = &list.items[i];
        if (only && strcmp(x->session_id, only) != 0)
            continue;
        const char *folder = only ? cs->folder : x->folder;
        ResultWritten w;
        bool done = result_publish(folder, x->name, x->data, x->size, &w) == RESULT_OK;
        if (done)
            store_outbox_remove(store, x->id, NULL); /* else: found in place next time */
        else
            store_outbox_failed(store, x->id, now_ms, w.message, NULL);
        if (done)
            report.delivered++;
        else
            report.waiting++;
        if (report.items) {
            ClassDelivered *d = &report.items[report.count++];
            class_say(d->name, sizeof d->name, "%s", x->name);
            class_say(d->folder, sizeof d->folder, "%s", folder);
            class_say(d->student, sizeof d->student, "%s", x->student);
            d->delivered = done;
            d->tries = x->tries + (done ? 0 : 1);
            class_say(done ? d->path : d->message, done ? sizeof d->path : sizeof d->message, "%s",
                      done ? w.path : w.message);
        }
    }
    store_outbox_list_free(&list);
    size_t waiting = report.waiting;
    if (out)
        *out = report;
    else
        class_deliver_report_free(&report);
    if (waiting)
        return class_fail(err, CLASS_NOT_DELIVERED,
                          "%zu result %s still waiting in %s: the session's results folder "
                          "cannot be written",
                          waiting, waiting == 1 ? "file is" : "files are", store_path(store));
    return CLASS_OK;
}
