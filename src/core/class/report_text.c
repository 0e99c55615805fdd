/* report_text.c - the report for a terminal, and the CSV helpers
 * (report.h).
 *
 * The terminal summary is what a teacher reads right after the lesson:
 * how many students counted, the mean and median score, the five hardest
 * questions with their percent right, and every file that was flagged or
 * left out with the reason, so a tampered or foreign file is never counted
 * silently. Read report.h first.
 */
#include "report.h"
#include "report_internal.h"

#include "i18n.h"

#include <string.h>

const char *const report_csv_columns[] = {
    "student", "question", "pack",      "topic",         "source",    "answer", "right",   "score",
    "points",  "ms",       "roster_id", "question_text", "timed_out", "host",   "started",
};
const size_t report_csv_column_count = sizeof report_csv_columns / sizeof report_csv_columns[0];

void report_csv_field(FILE *out, const char *text)
{
    if (!text)
        text = "";
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

static double percent(double credit, size_t n)
{
    return n ? 100.0 * credit / (double)n : 0.0;
}

/* Characters (not bytes) of UTF-8 text: what a terminal column counts. */
static int columns(const char *text)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* Writes at most `width` bytes of text, cut at a character boundary. */
static void cut(FILE *out, const char *text, size_t width)
{
    size_t n = strlen(text);
    if (n <= width) {
        fputs(text, out);
        return;
    }
    size_t k = width > 3 ? width - 3 : width;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    fwrite(text, 1, k, out);
    fputs("...", out);
}

void report_write_text(const Report *rep, FILE *out)
{
    const Session *s = rep->session;
    const char *comma = C_("list separator", ", ");
    fprintf(out, "%s (%s)\n", s->title, s->id);
    /* TRANSLATORS: followed by the ids of the session's packs, joined by the
     * list separator. */
    fprintf(out,
            i18n_plural("  %zu question per student from", "  %zu questions per student from",
                        (int64_t)rep->drawn),
            rep->drawn);
    for (size_t i = 0; i < rep->packs.pack_count; i++)
        fprintf(out, "%s%s", i ? comma : " ", rep->packs.packs[i].pack->id);
    /* TRANSLATORS: the session's question order and scoring, as the session
     * file names them (fixed, shuffled; all-or-nothing, partial). */
    fprintf(out, _("; order %s, scoring %s\n\n"), session_order_name(s->order),
            session_scoring_name(s->scoring));

    size_t left_out = rep->flagged + rep->unreadable;
    /* TRANSLATORS: the label is padded to line up with "Score      " below. */
    fprintf(out,
            i18n_plural("Students   %zu counted", "Students   %zu counted",
                        (int64_t)rep->student_count),
            rep->student_count);
    if (left_out || rep->duplicates || rep->other_attempts) {
        fprintf(out, " (");
        const char *sep = "";
        if (rep->flagged) {
            fprintf(out, i18n_plural("%zu flagged", "%zu flagged", (int64_t)rep->flagged),
                    rep->flagged);
            sep = comma;
        }
        if (rep->unreadable) {
            fputs(sep, out);
            fprintf(out,
                    i18n_plural("%zu not readable", "%zu not readable", (int64_t)rep->unreadable),
                    rep->unreadable);
            sep = comma;
        }
        if (rep->duplicates) {
            fputs(sep, out);
            fprintf(out,
                    i18n_plural("%zu duplicate counted once", "%zu duplicates counted once",
                                (int64_t)rep->duplicates),
                    rep->duplicates);
            sep = comma;
        }
        if (rep->other_attempts) {
            fputs(sep, out);
            fprintf(out,
                    i18n_plural("%zu further attempt", "%zu further attempts",
                                (int64_t)rep->other_attempts),
                    rep->other_attempts);
        }
        fprintf(out, ")");
    }
    fprintf(out, "\n");
    if (rep->student_count == 0) {
        fprintf(out, _("Score      no result to count yet (results/new/ of %s)\n"), rep->folder);
    } else {
        fprintf(out, _("Score      mean %.0f%% (%.1f of %zu right), median %.0f%% (%.1f of %zu)\n"),
                rep->mean_percent, rep->mean_score, rep->drawn, rep->median_percent,
                rep->median_score, rep->drawn);
        /* The id column is as wide as the widest id shown (ids are ASCII). */
        int width = 8;
        size_t shown = 0;
        for (size_t i = 0; i < rep->question_count && shown < REPORT_HARDEST_SHOWN; i++) {
            const ReportQuestion *q = &rep->questions[i];
            if (q->asked == 0)
                continue;
            int n = (int)(strlen(q->pack_id) + 1 + strlen(q->question_id));
            width = n > width ? (n < 60 ? n : 60) : width;
            shown++;
        }
        /* The heading's "right" ends where the rows' percent does: at
         * column width + 11 ("  1. ", the id, " ", " 50%"). */
        const char *title = _("Hardest questions");
        const char *right = C_("report column", "right");
        const char *answered = C_("report column", "answered");
        int pad = width + 11 - 2 - columns(title) - columns(right);
        fprintf(out, "\n%s%*s  %s  %s\n", title, pad > 0 ? pad : 0, "", right, answered);
        shown = 0;
        for (size_t i = 0; i < rep->question_count && shown < REPORT_HARDEST_SHOWN; i++) {
            const ReportQuestion *q = &rep->questions[i];
            if (q->asked == 0)
                continue;
            char id[160];
            snprintf(id, sizeof id, "%s/%s", q->pack_id, q->question_id);
            fprintf(out, "  %zu. %-*s %4.0f%%  %8zu   ", shown + 1, width, id,
                    percent(q->credit, q->asked), q->asked);
            cut(out, q->text, 60);
            fprintf(out, "\n");
            shown++;
        }
    }
    if (rep->pack_changed)
        fprintf(out,
                i18n_plural("\nNote: %zu attempt was played with a pack that has been edited "
                            "since; its scores are recomputed with the pack as it is now.\n",
                            "\nNote: %zu attempts were played with a pack that has been edited "
                            "since; their scores are recomputed with the pack as it is now.\n",
                            (int64_t)rep->pack_changed),
                rep->pack_changed);
    if (left_out || rep->duplicates || rep->other_attempts) {
        fprintf(out, "\n%s\n", _("Not counted:"));
        for (size_t i = 0; i < rep->file_count; i++) {
            const ReportFile *f = &rep->files[i];
            if (f->state == REPORT_FILE_COUNTED)
                continue;
            fprintf(out, "  %s: %s: %s\n", f->name, report_file_state_word(f->state), f->reason);
        }
    }
}
