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

static const char *state_word(ReportFileState s)
{
    switch (s) {
    case REPORT_FILE_FLAGGED:
        return "flagged";
    case REPORT_FILE_UNREADABLE:
        return "not read";
    case REPORT_FILE_DUPLICATE:
        return "duplicate";
    case REPORT_FILE_OTHER_ATTEMPT:
        return "other attempt";
    case REPORT_FILE_COUNTED:
        return "counted";
    }
    return "?";
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
    fprintf(out, "%s (%s)\n", s->title, s->id);
    fprintf(out, "  %zu %s per student from", rep->drawn,
            rep->drawn == 1 ? "question" : "questions");
    for (size_t i = 0; i < rep->packs.pack_count; i++)
        fprintf(out, "%s %s", i ? "," : "", rep->packs.packs[i].pack->id);
    fprintf(out, "; order %s, scoring %s\n\n", session_order_name(s->order),
            session_scoring_name(s->scoring));

    size_t left_out = rep->flagged + rep->unreadable;
    fprintf(out, "Students   %zu counted", rep->student_count);
    if (left_out || rep->duplicates || rep->other_attempts) {
        fprintf(out, " (");
        const char *sep = "";
        if (rep->flagged) {
            fprintf(out, "%zu flagged", rep->flagged);
            sep = ", ";
        }
        if (rep->unreadable) {
            fprintf(out, "%s%zu not readable", sep, rep->unreadable);
            sep = ", ";
        }
        if (rep->duplicates) {
            fprintf(out, "%s%zu %s counted once", sep, rep->duplicates,
                    rep->duplicates == 1 ? "duplicate" : "duplicates");
            sep = ", ";
        }
        if (rep->other_attempts)
            fprintf(out, "%s%zu further %s", sep, rep->other_attempts,
                    rep->other_attempts == 1 ? "attempt" : "attempts");
        fprintf(out, ")");
    }
    fprintf(out, "\n");
    if (rep->student_count == 0) {
        fprintf(out, "Score      no result to count yet (results/new/ of %s)\n", rep->folder);
    } else {
        fprintf(out, "Score      mean %.0f%% (%.1f of %zu right), median %.0f%% (%.1f of %zu)\n",
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
        fprintf(out, "\nHardest questions%*s  right  answered\n", width - 13, "");
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
                "\nNote: %zu %s played with a pack that has been edited since; %s scores are "
                "recomputed with the pack as it is now.\n",
                rep->pack_changed, rep->pack_changed == 1 ? "attempt was" : "attempts were",
                rep->pack_changed == 1 ? "its" : "their");
    if (left_out || rep->duplicates || rep->other_attempts) {
        fprintf(out, "\nNot counted:\n");
        for (size_t i = 0; i < rep->file_count; i++) {
            const ReportFile *f = &rep->files[i];
            if (f->state == REPORT_FILE_COUNTED)
                continue;
            fprintf(out, "  %s: %s: %s\n", f->name, state_word(f->state), f->reason);
        }
    }
}
