/* report_html.c - the class report as one self-contained HTML page
 * (report.h): inline CSS and SVG, no script, nothing fetched, so it opens
 * from a USB stick on any browser, reads on a projector and prints on A4.
 *
 * Sections, in the order a teacher goes through them after a lesson: the
 * class at a glance (students, mean, median), the score distribution, every
 * question hardest first (percent right as a bar, the most common wrong
 * answers, the right answer and the document section it comes from), per
 * topic, per student, and the files that were not counted and why. Text
 * from packs and students is escaped and marked dir="auto", so Arabic
 * names and right-to-left packs read the right way. The page is in the
 * interface language (i18n.h): in Arabic it is lang="ar" dir="rtl", the
 * tables and percent bars mirror, and the score chart keeps its axis from
 * 0% on the left, as numbers and charts are written in Arabic schools too.
 *
 * Read report.h first.
 */
#include "report.h"
#include "report_internal.h"

#include "i18n.h"

#include <string.h>

/* ---------------------------------------------------------------- helpers */

static void esc(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

static double pct(double credit, size_t n)
{
    return n ? 100.0 * credit / (double)n : 0.0;
}

/* The colour class of a percent: low, middle, high. */
static const char *band(double p)
{
    return p < 50.0 ? "low" : p < 75.0 ? "mid" : "high";
}

/* A horizontal bar 0..100% as inline SVG. */
static void bar(FILE *out, double p, int width)
{
    double w = p < 0 ? 0 : p > 100 ? 100 : p;
    fprintf(out,
            "<svg class=\"bar\" width=\"%d\" height=\"14\" viewBox=\"0 0 100 14\" "
            "preserveAspectRatio=\"none\" role=\"img\" aria-label=\"%.0f%%\">"
            "<rect width=\"100\" height=\"14\" rx=\"2\" class=\"track\"/>"
            "<rect width=\"%.1f\" height=\"14\" rx=\"2\" class=\"%s\"/></svg>",
            width, p, w, band(p));
}

static void duration(FILE *out, int64_t seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds >= 3600)
        fprintf(out, _("%lld h %02lld min"), (long long)(seconds / 3600),
                (long long)(seconds % 3600 / 60));
    else
        fprintf(out, _("%lld min %02lld s"), (long long)(seconds / 60), (long long)(seconds % 60));
}

static const char *const css =
    ":root{--ink:#1b2330;--muted:#5c6676;--line:#d8dde5;--soft:#f3f5f8;"
    "--low:#c43d35;--mid:#d8961a;--high:#2e8b57;--accent:#2b5ca6}\n"
    "*{box-sizing:border-box}\n"
    "body{font:17px/1.45 'DejaVu Sans','Noto Sans','Segoe UI',Arial,sans-serif;color:var(--ink);"
    "margin:0 auto;max-width:1180px;padding:28px 36px 48px;background:#fff}\n"
    "h1{font-size:30px;margin:0 0 4px}\n"
    "h2{font-size:22px;margin:34px 0 10px;padding-bottom:5px;border-bottom:3px solid var(--ink)}\n"
    ".sub{color:var(--muted);margin:0}\n"
    ".cards{display:flex;gap:14px;margin:22px 0 6px;flex-wrap:wrap}\n"
    ".card{flex:1 1 150px;border:1px solid var(--line);border-radius:10px;padding:12px 16px;"
    "background:var(--soft)}\n"
    ".card .big{font-size:34px;font-weight:bold;line-height:1.15}\n"
    ".card .what{color:var(--muted);font-size:14px}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{text-align:start;padding:7px 8px;border-bottom:1px solid var(--line);"
    "vertical-align:top}\n"
    "th{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);"
    "border-bottom:2px solid var(--line)}\n"
    ".num{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    ".rank{font-weight:bold;color:var(--muted);width:2.2em}\n"
    ".qtext{font-weight:600}\n"
    ".meta{color:var(--muted);font-size:14px;margin-top:3px}\n"
    ".key{font-size:14px;margin-top:3px}\n"
    ".key b{color:var(--high)}\n"
    ".wrong{font-size:15px;margin:0;padding-inline-start:1.1em}\n"
    ".wrong li{margin:1px 0}\n"
    ".count{color:var(--muted);white-space:nowrap}\n"
    ".pcell{white-space:nowrap;width:11em}\n"
    ".pcell .p{display:inline-block;width:3.2em;text-align:end;font-weight:bold;"
    "font-variant-numeric:tabular-nums;margin-inline-end:6px}\n"
    ".p.low{color:var(--low)}.p.mid{color:#a86f00}.p.high{color:var(--high)}\n"
    "svg.bar{vertical-align:-2px}\n"
    /* A bar fills from where the line starts; Arabic letters must not be
     * spaced apart (it breaks their joining). */
    "[dir=rtl] svg.bar{transform:scaleX(-1)}\n"
    "[dir=rtl] th{letter-spacing:0}\n"
    "svg .track{fill:#e6e9ee}svg .low{fill:var(--low)}svg .mid{fill:var(--mid)}"
    "svg .high{fill:var(--high)}\n"
    "svg.chart text{font:12px 'DejaVu Sans',Arial,sans-serif;fill:var(--muted)}\n"
    "svg.chart .n{fill:var(--ink);font-weight:bold}\n"
    "svg.chart .col{fill:var(--accent)}\n"
    ".note{background:#fff6e0;border-inline-start:4px solid var(--mid);padding:8px "
    "12px;margin:14px 0}\n"
    ".flag{color:var(--low);font-weight:bold}\n"
    "footer{margin-top:36px;color:var(--muted);font-size:13px}\n"
    "@media print{@page{size:A4;margin:13mm 12mm}\n"
    "body{font-size:10pt;max-width:none;padding:0}\n"
    "h1{font-size:18pt}h2{font-size:13pt;margin-top:18pt;break-after:avoid}\n"
    ".card .big{font-size:18pt}.card{padding:6pt 9pt}\n"
    "tr,.card,figure,svg.chart{break-inside:avoid}thead{display:table-header-group}\n"
    "th,td{padding:4pt 5pt}.wrong,.meta,.key{font-size:9pt}\n"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* ------------------------------------------------------------- sections */

static void head(const Report *rep, FILE *out)
{
    const Session *s = rep->session;
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
            i18n_language(), i18n_is_rtl() ? "rtl" : "ltr");
    /* TRANSLATORS: the page title, before the session's title. */
    fputs(_("Class report: "), out);
    esc(out, s->title);
    fputs("</title>\n<style>\n", out);
    fputs(css, out);
    fputs("</style>\n</head>\n<body>\n<header>\n<h1 dir=\"auto\">", out);
    esc(out, s->title);
    fputs("</h1>\n<p class=\"sub\">", out);
    /* TRANSLATORS: followed by the session's id, in bold. */
    fputs(_("Class report of session"), out);
    fputs(" <b>", out);
    esc(out, s->id);
    fputs("</b>", out);
    /* TRANSLATORS: followed by the titles of the session's packs. */
    fprintf(out,
            i18n_plural(": %zu question per student from ", ": %zu questions per student from ",
                        (int64_t)rep->drawn),
            rep->drawn);
    for (size_t i = 0; i < rep->packs.pack_count; i++) {
        fputs(i ? C_("list separator", ", ") : "", out);
        fputs("<span dir=\"auto\">", out);
        esc(out, rep->packs.packs[i].pack->title);
        fputs("</span>", out);
    }
    /* TRANSLATORS: the session's question order and scoring, as the session
     * file names them (fixed, shuffled; all-or-nothing, partial). */
    fprintf(out, _("; order %s, scoring %s."), session_order_name(s->order),
            session_scoring_name(s->scoring));
    if (rep->student_count) {
        char a[CLASS_TIME_TEXT], b[CLASS_TIME_TEXT];
        class_time_format(rep->first_start, a);
        class_time_format(rep->last_finish, b);
        /* TRANSLATORS: the first start and the last finish: a date
         * (YYYY-MM-DD) and a time (HH:MM) each. */
        fprintf(out, _(" Played from %.10s %.5s to %.10s %.5s."), a, a + 11, b, b + 11);
    }
    fputs("</p>\n</header>\n", out);
}

static void cards(const Report *rep, FILE *out)
{
    fputs("<div class=\"cards\">\n", out);
    fprintf(out,
            "<div class=\"card\"><div class=\"big\">%zu</div><div class=\"what\">%s</div></div>\n",
            rep->student_count,
            i18n_plural("student counted", "students counted", (int64_t)rep->student_count));
    if (rep->student_count) {
        fprintf(out, "<div class=\"card\"><div class=\"big\">%.0f%%</div><div class=\"what\">",
                rep->mean_percent);
        fprintf(out, _("mean score (%.1f of %zu)"), rep->mean_score, rep->drawn);
        fputs("</div></div>\n", out);
        fprintf(out, "<div class=\"card\"><div class=\"big\">%.0f%%</div><div class=\"what\">",
                rep->median_percent);
        fprintf(out, _("median score (%.1f of %zu)"), rep->median_score, rep->drawn);
        fputs("</div></div>\n", out);
    }
    size_t left = rep->flagged + rep->unreadable;
    fprintf(
        out,
        "<div class=\"card\"><div class=\"big%s\">%zu</div><div class=\"what\">%s</div></div>\n",
        left ? " flag" : "", left,
        i18n_plural("file not counted (flagged or unreadable)",
                    "files not counted (flagged or unreadable)", (int64_t)left));
    fputs("</div>\n", out);
    if (rep->pack_changed) {
        fputs("<p class=\"note\">", out);
        fprintf(out,
                i18n_plural("%zu attempt was played with a pack that has been edited since; the "
                            "scores shown are recomputed with the pack as it is now.",
                            "%zu attempts were played with a pack that has been edited since; the "
                            "scores shown are recomputed with the pack as it is now.",
                            (int64_t)rep->pack_changed),
                rep->pack_changed);
        fputs("</p>\n", out);
    }
}

static void distribution(const Report *rep, FILE *out)
{
    fprintf(out, "<section>\n<h2>%s</h2>\n", _("Score distribution"));
    size_t top = 1;
    for (size_t i = 0; i < REPORT_BINS; i++)
        if (rep->bins[i] > top)
            top = rep->bins[i];
    const int w = 1000, h = 230, left = 40, bottom = 36, plot_h = h - bottom - 24;
    const int slot = (w - left) / REPORT_BINS;
    fprintf(out,
            "<figure style=\"margin:0\"><svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
            "direction=\"ltr\" role=\"img\" aria-label=\"%s\">\n",
            w, h, _("Number of students per score band"));
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#9aa3af\"/>\n", left,
            h - bottom, w, h - bottom);
    for (size_t i = 0; i < REPORT_BINS; i++) {
        int x = left + (int)i * slot;
        int bh = (int)((double)plot_h * (double)rep->bins[i] / (double)top);
        double mid = 100.0 * ((double)i + 0.5) / REPORT_BINS;
        fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" class=\"%s\"/>\n",
                x + 8, h - bottom - bh, slot - 16, bh, band(mid));
        if (rep->bins[i])
            fprintf(out, "<text class=\"n\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu</text>\n",
                    x + slot / 2, h - bottom - bh - 6, rep->bins[i]);
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu&#8211;%zu%%</text>\n",
                x + slot / 2, h - bottom + 20, i * (100 / REPORT_BINS),
                i + 1 == REPORT_BINS ? 100 : (i + 1) * (100 / REPORT_BINS) - 1);
    }
    fprintf(out, "</svg>\n<figcaption class=\"meta\">%s</figcaption></figure>\n</section>\n",
            _("Students per score band (score = right answers, partial answers counting their "
              "share, out of every question of the session)."));
}

static void questions(const Report *rep, FILE *out)
{
    fprintf(out,
            "<section>\n<h2>%s</h2>\n<table>\n<thead><tr><th>#</th><th>%s</th><th>%s</th>"
            "<th>%s</th></tr></thead>\n<tbody>\n",
            _("Questions, hardest first"), C_("report column", "Question"),
            C_("report column", "Right"), C_("report column", "Most common wrong answers"));
    for (size_t i = 0; i < rep->question_count; i++) {
        const ReportQuestion *q = &rep->questions[i];
        double p = pct(q->credit, q->asked);
        const char *dir = q->rtl ? "rtl" : "auto";
        fprintf(out, "<tr><td class=\"rank\">%zu</td><td><div class=\"qtext\" dir=\"%s\">", i + 1,
                dir);
        esc(out, q->text);
        fprintf(out, "</div><div class=\"key\" dir=\"%s\"><b>&#10003;</b> ", dir);
        esc(out, q->key);
        /* Each piece isolated, so that ids and titles in one direction do
         * not run into the labels of the page's. */
        fputs("</div><div class=\"meta\"><bdi>", out);
        esc(out, q->pack_id);
        fputs("/", out);
        esc(out, q->question_id);
        fputs("</bdi>", out);
        if (q->topic[0]) {
            fputs(" &middot; <bdi>", out);
            esc(out, q->topic);
            fputs("</bdi>", out);
        }
        if (q->section[0]) {
            fputs(" &middot; ", out);
            /* TRANSLATORS: before the document section a question cites. */
            fputs(_("section:"), out);
            fputs(" <span dir=\"auto\">", out);
            esc(out, q->section);
            fputs("</span>", out);
        }
        fputs("</div></td><td class=\"pcell\">", out);
        if (q->asked) {
            fprintf(out, "<span class=\"p %s\">%.0f%%</span>", band(p), p);
            bar(out, p, 80);
            fputs("<div class=\"meta\">", out);
            fprintf(
                out,
                i18n_plural("%zu of %zu fully right", "%zu of %zu fully right", (int64_t)q->asked),
                q->right, q->asked);
            if (q->timed_out)
                fprintf(out,
                        i18n_plural("; %zu timed out", "; %zu timed out", (int64_t)q->timed_out),
                        q->timed_out);
            fputs("</div>", out);
        } else {
            fprintf(out, "<span class=\"meta\">%s</span>", _("not reached"));
        }
        fputs("</td><td>", out);
        if (q->wrong_count) {
            fputs("<ul class=\"wrong\">", out);
            for (size_t k = 0; k < q->wrong_count && k < REPORT_WRONG_SHOWN; k++) {
                fprintf(out, "<li><span dir=\"%s\">", dir);
                esc(out, q->wrong[k].text);
                fprintf(out, "</span> <span class=\"count\">&times;%zu</span></li>",
                        q->wrong[k].count);
            }
            fputs("</ul>", out);
        } else if (q->asked) {
            fprintf(out, "<span class=\"meta\">%s</span>", C_("wrong answers", "none"));
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    if (rep->session->order == SESSION_ORDER_SHUFFLED)
        fprintf(out, "<p class=\"meta\">%s</p>\n",
                _("The choices were shuffled for each student; the letters here are the pack's "
                  "own order."));
    fputs("</section>\n", out);
}

static void topics(const Report *rep, FILE *out)
{
    fprintf(out,
            "<section>\n<h2>%s</h2>\n<table>\n<thead><tr><th>%s</th><th>%s</th>"
            "<th class=\"num\">%s</th><th>%s</th></tr></thead>\n<tbody>\n",
            _("Per topic"), C_("report column", "Topic"), C_("report column", "Pack"),
            C_("report column", "Questions"), C_("report column", "Right"));
    for (size_t i = 0; i < rep->topic_count; i++) {
        const ReportTopic *t = &rep->topics[i];
        double p = pct(t->credit, t->asked);
        fputs("<tr><td dir=\"auto\">", out);
        esc(out, t->title);
        fputs("</td><td>", out);
        esc(out, t->pack_id);
        fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"pcell\">", t->questions);
        if (t->asked) {
            fprintf(out, "<span class=\"p %s\">%.0f%%</span>", band(p), p);
            bar(out, p, 120);
        } else {
            fprintf(out, "<span class=\"meta\">%s</span>", _("not reached"));
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* How an attempt ended, for people (attempt_status_name() is the result
 * file's keyword). */
static const char *status_text(AttemptStatus status)
{
    switch (status) {
    case ATTEMPT_FINISHED:
        return C_("attempt", "finished");
    case ATTEMPT_TIME_UP:
        return C_("attempt", "time up");
    case ATTEMPT_STOPPED:
        return C_("attempt", "stopped");
    }
    return "?";
}

static void students(const Report *rep, FILE *out)
{
    fprintf(out,
            "<section>\n<h2>%s</h2>\n<table>\n<thead><tr><th>%s</th><th>%s</th>"
            "<th class=\"num\">%s</th><th>%s</th><th class=\"num\">%s</th>"
            "<th class=\"num\">%s</th><th>%s</th></tr></thead>\n<tbody>\n",
            _("Per student"), C_("report column", "Student"), C_("report column", "ID"),
            C_("report column", "Score"), C_("report column", "Percent"),
            C_("report column", "Fully right"), C_("report column", "Time"),
            C_("report column", "Status"));
    for (size_t i = 0; i < rep->student_count; i++) {
        const ReportFile *f = &rep->files[rep->students[i]];
        double p = rep->drawn ? 100.0 * f->score / (double)rep->drawn : 0;
        fputs("<tr><td dir=\"auto\">", out);
        esc(out, f->student);
        fputs("</td><td dir=\"auto\">", out);
        esc(out, f->roster_id);
        fprintf(out, "</td><td class=\"num\">%.1f / %zu</td><td class=\"pcell\">", f->score,
                rep->drawn);
        fprintf(out, "<span class=\"p %s\">%.0f%%</span>", band(p), p);
        bar(out, p, 80);
        fprintf(out, "</td><td class=\"num\">%zu</td><td class=\"num\">", f->right);
        duration(out, f->seconds);
        fprintf(out, "</td><td>%s", status_text(f->status));
        if (f->reached < f->questions) {
            fputs(" <span class=\"meta\">", out);
            fprintf(out, _("(reached %zu)"), f->reached);
            fputs("</span>", out);
        }
        if (f->attempts > 1) {
            fputs(" <span class=\"meta\">", out);
            fprintf(out,
                    i18n_plural("(best of %zu attempt)", "(best of %zu attempts)",
                                (int64_t)f->attempts),
                    f->attempts);
            fputs("</span>", out);
        }
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void left_out(const Report *rep, FILE *out)
{
    if (rep->student_count == rep->file_count)
        return;
    fprintf(out,
            "<section>\n<h2>%s</h2>\n<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th>"
            "</tr></thead>\n<tbody>\n",
            _("Files not counted"), C_("report column", "File"), C_("report column", "Student"),
            C_("report column", "Why"));
    for (size_t i = 0; i < rep->file_count; i++) {
        const ReportFile *f = &rep->files[i];
        if (f->state == REPORT_FILE_COUNTED)
            continue;
        fputs("<tr><td style=\"word-break:break-all\">", out);
        esc(out, f->name);
        fputs("</td><td dir=\"auto\">", out);
        esc(out, f->student);
        fprintf(out, "</td><td><span class=\"%s\">%s</span>: ",
                f->state == REPORT_FILE_FLAGGED || f->state == REPORT_FILE_UNREADABLE ? "flag" : "",
                report_file_state_word(f->state));
        esc(out, f->reason);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

void report_write_html(const Report *rep, FILE *out)
{
    head(rep, out);
    cards(rep, out);
    distribution(rep, out);
    questions(rep, out);
    topics(rep, out);
    students(rep, out);
    left_out(rep, out);
    fprintf(out, "<footer>%s</footer>\n</body>\n</html>\n",
            _("Made by quizdeck --report from the result files in results/new/. Scores are "
              "recomputed from the answers; files that do not match the session or their answers "
              "are listed above and not counted."));
}
