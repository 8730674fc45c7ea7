/* The HTML report's closing sections: data quality (rows read, used and
 * rejected per extract; rejection reasons grouped, most common first) and
 * what each indicator means.  Text from the inputs is escaped. */
#include <stdlib.h>
#include "report.h"

#define TOP_REASONS 10

static void inputs_table(FILE *out, const sgk_engine *e)
{
    int i;
    int64_t read, used, rejected;
    fputs("<div class=\"scroll\"><table class=\"cards\">\n<caption>Rows read "
          "from each extract (rows read = used + rejected)</caption>\n"
          "<thead><tr><th scope=\"col\">Extract</th><th scope=\"col\">Kind"
          "</th><th scope=\"col\" class=\"num\">Read</th><th scope=\"col\" "
          "class=\"num\">Used</th><th scope=\"col\" class=\"num\">Rejected"
          "</th></tr></thead>\n<tbody>\n", out);
    for (i = 0; i < sgk_engine_input_count(e); i++) {
        const char *kind = sgk_kind_name(sgk_input_kind(e, i));
        fputs("<tr><th scope=\"row\">", out);
        report_html_text(out, sgk_input_name(e, i));
        fputs("</th>", out);
        report_html_td(out, "Kind", NULL, kind ? kind : "");
        fprintf(out, "</td><td class=\"num\" data-label=\"Read\">%lld</td>"
                     "<td class=\"num\" data-label=\"Used\">%lld</td>"
                     "<td class=\"num\" data-label=\"Rejected\">%lld</td>"
                     "</tr>\n", (long long)sgk_input_rows_read(e, i),
                (long long)sgk_input_rows_used(e, i),
                (long long)sgk_input_rows_rejected(e, i));
    }
    report_row_totals(e, &read, &used, &rejected);
    fprintf(out, "<tr class=\"total\"><th scope=\"row\">All extracts</th>"
                 "<td data-label=\"Kind\"></td>"
                 "<td class=\"num\" data-label=\"Read\">%lld</td>"
                 "<td class=\"num\" data-label=\"Used\">%lld</td>"
                 "<td class=\"num\" data-label=\"Rejected\">%lld</td></tr>\n"
                 "</tbody></table></div>\n", (long long)read,
            (long long)used, (long long)rejected);
}

static void reasons_table(FILE *out, const sgk_engine *e)
{
    report_reason *r;
    int n, i;
    int64_t total = sgk_engine_rejection_count(e), rest = 0;
    int64_t dropped = sgk_engine_rejections_dropped(e);
    if (total == 0 && dropped == 0) {
        fputs("<p>No rows or values were rejected.</p>\n", out);
        return;
    }
    if (report_reasons(e, &r, &n) != 0) {
        fputs("<p>The rejection reasons could not be summarised (out of "
              "memory).</p>\n", out);
        return;
    }
    fputs("<div class=\"scroll\"><table class=\"cards\">\n<caption>Why rows "
          "or values were rejected, most common first</caption>\n<thead><tr>"
          "<th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Count"
          "</th><th scope=\"col\">First seen at</th></tr></thead>\n<tbody>\n",
          out);
    for (i = 0; i < n; i++) {
        char where[64];
        if (i >= TOP_REASONS) {
            rest += r[i].count;
            continue;
        }
        fputs("<tr><th scope=\"row\">", out);
        report_html_text(out, r[i].text);
        fprintf(out, "</th><td class=\"num\" data-label=\"Count\">%lld</td>",
                (long long)r[i].count);
        snprintf(where, sizeof where, ":%lld",
                 (long long)sgk_rejection_line(e, r[i].first));
        fputs("<td data-label=\"First seen at\">", out);
        report_html_text(out, sgk_rejection_input(e, r[i].first));
        report_html_text(out, where);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
    if (rest > 0)
        fprintf(out, "<p class=\"note\">%d other reasons account for %lld "
                     "more rejections.</p>\n", n - TOP_REASONS,
                (long long)rest);
    if (dropped > 0)
        fprintf(out, "<p class=\"note\">%lld more rejections were counted but "
                     "not kept.</p>\n", (long long)dropped);
    fprintf(out, "<p class=\"note\">%lld rejections in all. A value in quotes "
                 "is shown as &#39;...&#39;; the text or JSON report lists "
                 "every rejection with its file and line.</p>\n",
            (long long)(total + dropped));
    report_reasons_free(r, n);
}

/* Blank or invalid entries in each field the indicators read (Kent plan
 * action 3.2.7); fields over the target are flagged in words, not only
 * by colour. */
static void fields_table(FILE *out, const sgk_engine *e)
{
    int k, n = sgk_dq_count(e);
    if (n == 0)
        return;
    fputs("<div class=\"scroll\"><table class=\"cards\">\n<caption>Blank or "
          "invalid entries in each field the indicators read</caption>\n"
          "<thead><tr><th scope=\"col\">Extract: field</th><th scope=\"col\" "
          "class=\"num\">Rows</th><th scope=\"col\" class=\"num\">Blank</th>"
          "<th scope=\"col\" class=\"num\">Invalid</th><th scope=\"col\" "
          "class=\"num\">Blank or invalid</th><th scope=\"col\">Status</th>"
          "</tr></thead>\n<tbody>\n", out);
    for (k = 0; k < n; k++) {
        char name[300], pct[32];
        const char *word = report_status_word(sgk_dq_status(e, k));
        report_dq_name(name, sizeof name, e, k);
        report_dq_percent(pct, sizeof pct, e, k);
        fputs("<tr><th scope=\"row\">", out);
        report_html_text(out, name);
        fprintf(out, "</th><td class=\"num\" data-label=\"Rows\">%lld</td>"
                     "<td class=\"num\" data-label=\"Blank\">%lld</td>"
                     "<td class=\"num\" data-label=\"Invalid\">%lld</td>",
                (long long)sgk_dq_rows(e, k), (long long)sgk_dq_blank(e, k),
                (long long)sgk_dq_invalid(e, k));
        report_html_td(out, "Blank or invalid", "num", pct);
        fputs("</td>", out);
        report_html_td(out, "Status", NULL, word);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
}

void report_html_quality(FILE *out, const sgk_engine *e)
{
    fputs("<section aria-labelledby=\"quality\">\n<h2 id=\"quality\">Data "
          "quality</h2>\n", out);
    inputs_table(out, e);
    fields_table(out, e);
    reasons_table(out, e);
    fputs("</section>\n", out);
}

void report_html_definitions(FILE *out)
{
    int i;
    fputs("<section aria-labelledby=\"definitions\">\n<h2 id=\"definitions\">"
          "What the indicators mean</h2>\n<dl class=\"defs\">\n", out);
    for (i = 0; i < sgk_indicator_count(); i++) {
        fputs("<dt>", out);
        report_html_text(out, sgk_indicator_label(i));
        fputs("</dt>\n<dd>", out);
        report_html_text(out, sgk_indicator_definition(i));
        fputs(" <span class=\"src\">Source: ", out);
        report_html_text(out, sgk_indicator_source(i));
        fputs(".</span></dd>\n", out);
    }
    fputs("</dl>\n</section>\n", out);
}
