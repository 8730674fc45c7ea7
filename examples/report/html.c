/* The HTML report: one self-contained file (inline CSS and SVG, no script,
 * no external fonts, images or links) for an Improvement Board pack.
 * Headline and RAG table first, then a section per indicator with its
 * charts when --monthly or --by team ask, then data quality and the
 * definitions.  Every text and number goes through report_html_text(). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

/* Length of a valid UTF-8 sequence at p (not a C1 control), or 0. */
static int utf8_len(const unsigned char *p)
{
    int n, i;
    uint32_t cp;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2, cp = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 3, cp = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 4, cp = p[0] & 0x07;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
        return 0;
    return n;
}

void report_html_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        int n;
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\t': case '\n': fputc(*p, out); break;
        default:
            if (*p < 0x20 || *p == 0x7F) {
                fputs("\xEF\xBF\xBD", out);
            } else if (*p < 0x80) {
                fputc(*p, out);
            } else if ((n = utf8_len(p)) > 0) {
                fwrite(p, 1, (size_t)n, out);
                p += n;
                continue;
            } else {
                fputs("\xEF\xBF\xBD", out);
            }
        }
        p++;
    }
}

/* 1234567 -> "1,234,567"; fractions as report_number writes them. */
static void grouped(char *buf, size_t cap, double v)
{
    char raw[64];
    size_t len, i, o = 0, lead;
    report_number(raw, sizeof raw, v);
    len = strlen(raw);
    if (v != floor(v) || len <= 3 || raw[0] == '-' || strchr(raw, 'e')) {
        snprintf(buf, cap, "%s", raw);
        return;
    }
    lead = len % 3 ? len % 3 : 3;
    for (i = 0; i < len && o + 2 < cap; i++) {
        if (i >= lead && (i - lead) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
}

static void value_text(char *buf, size_t cap, const report_cell *c)
{
    if (c->suppressed)
        snprintf(buf, cap, "c");
    else if (!c->has_value)
        snprintf(buf, cap, "no data");
    else if (c->percent)
        snprintf(buf, cap, "%.1f%%", c->value);
    else if (c->fraction)
        snprintf(buf, cap, "%.1f", c->value);
    else
        grouped(buf, cap, c->value);
}

/* "3 of 4" for a percentage; "41 / 250,000" for a rate or an average. */
static void of_text(char *buf, size_t cap, const report_cell *c)
{
    char n[48], d[48];
    buf[0] = '\0';
    if (!c->fraction || isnan(c->num) || isnan(c->den))
        return;
    if (c->suppressed) {
        snprintf(buf, cap, "c");
        return;
    }
    grouped(n, sizeof n, c->num);
    grouped(d, sizeof d, c->den);
    snprintf(buf, cap, c->percent ? "%s of %s" : "%s / %s", n, d);
}

static void target_text(char *buf, size_t cap, const sgk_engine *e, int ind)
{
    const char *op = sgk_result_threshold_op(e, ind);
    double t = sgk_result_threshold_target(e, ind);
    char num[48];
    buf[0] = '\0';
    if (!op)
        return;
    if (isnan(t))
        snprintf(num, sizeof num, "?");
    else
        grouped(num, sizeof num, t);
    snprintf(buf, cap, "%s %s%s", strcmp(op, "<=") == 0 ? "at most"
                                                        : "at least",
             num, sgk_indicator_unit(ind) == SGK_UNIT_PERCENT ? "%" : "");
}

static const char *status_class(int status)
{
    const char *name = sgk_status_name(status);
    return name ? name : "none";
}

static const char *status_label(int status)
{
    switch (status) {
    case SGK_STATUS_MET: return "Met";
    case SGK_STATUS_AMBER: return "Amber";
    case SGK_STATUS_NOT_MET: return "Not met";
    case SGK_STATUS_NO_DATA: return "No data";
    default: return "No target";
    }
}

static void badge(FILE *out, int status)
{
    fprintf(out, "<span class=\"badge %s\">%s</span>", status_class(status),
            status_label(status));
}

/* "1 April 2011" for "2011-04-01"; the text itself otherwise. */
static void long_date(FILE *out, const char *iso)
{
    static const char *const names[] = {"January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October",
        "November", "December"};
    int y, m, d;
    char tail;
    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1
        && m <= 12 && d >= 1 && d <= 31)
        fprintf(out, "%d %s %d", d, names[m - 1], y);
    else
        report_html_text(out, iso);
}

static void head(FILE *out, const report_options *o)
{
    int i;
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
          "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n"
          "<title>Children&#39;s safeguarding indicators, ", out);
    long_date(out, o->from);
    fputs(" to ", out);
    long_date(out, o->to);
    fputs("</title>\n<style>\n", out);
    for (i = 0; report_css[i]; i++)
        fputs(report_css[i], out);
    fputs("</style>\n</head>\n<body>\n<div class=\"page\">\n", out);
}

static void header(FILE *out, const sgk_engine *e, const report_options *o)
{
    int64_t read, used, rejected;
    report_row_totals(e, &read, &used, &rejected);
    fputs("<header class=\"top\">\n<h1>Children&#39;s safeguarding "
          "indicators</h1>\n<p class=\"period\">", out);
    long_date(out, o->from);
    fputs(" to ", out);
    long_date(out, o->to);
    fputs("</p>\n<p class=\"meta\">", out);
    if (o->thresholds) {
        fputs("Targets: ", out);
        report_html_text(out, o->thresholds);
        fputs(". ", out);
    }
    fprintf(out, "From %d extract%s, %lld rows used of %lld read.",
            sgk_engine_input_count(e),
            sgk_engine_input_count(e) == 1 ? "" : "s", (long long)used,
            (long long)read);
    fputs("</p>\n</header>\n<main>\n", out);
}

static void summary(FILE *out, const sgk_engine *e)
{
    static const char *const cls[] = {"", "met-bg", "amber-bg", "red-bg",
                                      "grey-bg"};
    static const char *const words[] = {"", "met", "amber", "not met",
                                        "no data"};
    int n[5], with, s;
    report_status_counts(e, n);
    with = n[1] + n[2] + n[3] + n[4];
    fputs("<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">"
          "Summary</h2>\n", out);
    if (with == 0) {
        fputs("<p>No targets apply to this period (give --thresholds to "
              "compare the figures with targets).</p>\n</section>\n", out);
        return;
    }
    fprintf(out, "<p class=\"headline\"><span class=\"big\">%d of %d</span>"
                 " <span class=\"words\">targets met</span></p>\n",
            n[SGK_STATUS_MET], with);
    fprintf(out, "<div class=\"stack\" role=\"img\" aria-label=\"%d met, "
                 "%d amber, %d not met, %d no data\">", n[1], n[2], n[3],
            n[4]);
    for (s = 1; s <= 4; s++)
        if (n[s])
            fprintf(out, "<span class=\"%s\" style=\"flex:%d\"></span>",
                    cls[s], n[s]);
    fputs("</div>\n<ul class=\"tally\">", out);
    for (s = 1; s <= 4; s++)
        fprintf(out, "<li><span class=\"key %s\"></span>%d %s</li>", cls[s],
                n[s], words[s]);
    fputs("</ul>\n</section>\n", out);
}

static int any_benchmark(const sgk_engine *e)
{
    int i;
    for (i = 0; i < sgk_indicator_count(); i++)
        if (sgk_result_benchmark_count(e, i) > 0)
            return 1;
    return 0;
}

static int has_section(const sgk_engine *e, const report_options *o, int ind)
{
    return (o->monthly || o->by_team)
           && !isnan(sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0));
}

void report_html_td(FILE *out, const char *label, const char *cls,
                    const char *s)
{
    fputs("<td", out);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputs(" data-label=\"", out);
    report_html_text(out, label);
    fputs("\">", out);
    report_html_text(out, s);
}

static void rag_row(FILE *out, const sgk_engine *e, const report_options *o,
                    int ind, int bench)
{
    char v[64], f[128], t[96];
    const char *src = sgk_result_threshold_source(e, ind);
    report_cell c;
    report_cell_get(&c, e, o, ind, SGK_GROUP_TOTAL, 0);
    value_text(v, sizeof v, &c);
    of_text(f, sizeof f, &c);
    target_text(t, sizeof t, e, ind);
    fputs("<tr><th scope=\"row\">", out);
    if (has_section(e, o, ind)) {
        fputs("<a href=\"#ind-", out);
        report_html_text(out, sgk_indicator_id(ind));
        fputs("\">", out);
    }
    report_html_text(out, sgk_indicator_label(ind));
    fputs(has_section(e, o, ind) ? "</a></th>" : "</th>", out);
    report_html_td(out, "Value", "num", v);
    fputs("</td>", out);
    report_html_td(out, "Of", "num", f);
    fputs("</td>", out);
    report_html_td(out, "Target", NULL, t);
    if (*t && src && *src) {
        fputs(" <span class=\"src\">(", out);
        report_html_text(out, src);
        fputs(")</span>", out);
    }
    fputs("</td>", out);
    if (bench) {
        if (sgk_result_benchmark_count(e, ind) > 0) {
            grouped(v, sizeof v, sgk_result_benchmark_value(e, ind, 0));
            if (c.percent)
                strncat(v, "%", sizeof v - strlen(v) - 1);
        } else
            v[0] = '\0';
        report_html_td(out, "Benchmark", "num", v);
        if (sgk_result_benchmark_count(e, ind) > 0) {
            fputs(" <span class=\"src\">(", out);
            report_html_text(out, sgk_result_benchmark_label(e, ind, 0));
            fputs(")</span>", out);
        }
        fputs("</td>", out);
    }
    report_html_td(out, "Status", NULL, "");
    badge(out, c.status);
    fputs("</td></tr>\n", out);
}

/* How an indicator was worked out when it fell back on something else. */
static void notes(FILE *out, const sgk_engine *e)
{
    int i;
    for (i = 0; i < sgk_indicator_count(); i++) {
        if (!sgk_result_note(e, i))
            continue;
        fputs("<p class=\"note\"><strong>", out);
        report_html_text(out, sgk_indicator_label(i));
        fputs("</strong>: ", out);
        report_html_text(out, sgk_result_note(e, i));
        fputs(".</p>\n", out);
    }
}

static void rag_table(FILE *out, const sgk_engine *e, const report_options *o)
{
    int i, bench = any_benchmark(e);
    fputs("<section aria-labelledby=\"indicators\">\n<h2 id=\"indicators\">"
          "Indicators</h2>\n<div class=\"scroll\"><table class=\"cards\">\n"
          "<caption>Each indicator for the whole period, against its target"
          "</caption>\n<thead><tr><th scope=\"col\">Indicator</th>"
          "<th scope=\"col\" class=\"num\">Value</th>"
          "<th scope=\"col\" class=\"num\">Of</th>"
          "<th scope=\"col\">Target</th>", out);
    if (bench)
        fputs("<th scope=\"col\" class=\"num\">Benchmark</th>", out);
    fputs("<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n", out);
    for (i = 0; i < sgk_indicator_count(); i++)
        rag_row(out, e, o, i, bench);
    fputs("</tbody></table></div>\n", out);
    notes(out, e);
    fputs("<p class=\"note\">Percentages, rates per 10,000 children and "
          "averages are rounded to one decimal place; "
          "the status compares the unrounded figure with the target. "
          "<strong>No data</strong> means the extract was not given or "
          "there was nothing to count.", out);
    if (o->suppress == 1)
        fputs(" <strong>c</strong>: figures of 1, and percentages built on "
              "them, are suppressed.", out);
    else if (o->suppress > 1)
        fprintf(out, " <strong>c</strong>: figures from 1 to %d, and "
                     "percentages built on them, are suppressed.",
                o->suppress);
    fputs("</p>\n</section>\n", out);
}

static void exceptions_notice(FILE *out, const report_options *o)
{
    int i;
    int64_t rows;
    int files = report_exception_files(o, &rows);
    if (!o->exceptions)
        return;
    fputs("<div class=\"callout private\">\n<p><strong>Case-level exception "
          "lists</strong> were written to <code>", out);
    report_html_text(out, o->exceptions);
    fputs("</code>. They name children: keep them within the service and "
          "handle them under your data protection rules.</p>\n", out);
    if (files == 0) {
        fputs("<p>There were no case-level exceptions in this period.</p>\n"
              "</div>\n", out);
        return;
    }
    fputs("<ul>\n", out);
    for (i = 0; o->exception_rows && i < sgk_indicator_count(); i++) {
        char n[32];
        if (o->exception_rows[i] < 0)
            continue;
        report_exception_rows(n, sizeof n, o, o->exception_rows[i]);
        fputs("<li><code>", out);
        report_html_text(out, sgk_indicator_id(i));
        fputs(".csv</code>: ", out);
        report_html_text(out, sgk_indicator_label(i));
        fprintf(out, ", %s</li>\n", n);
    }
    fputs("</ul>\n</div>\n", out);
}

/* Says so when a breakdown that was asked for means nothing for the
 * indicator (data quality has none; ethnicity none by month). */
static void no_breakdown_note(FILE *out, const sgk_engine *e,
                              const report_options *o, int ind)
{
    int month = o->monthly && sgk_engine_month_count(e) > 0 &&
                !report_has_breakdown(e, ind, SGK_GROUP_MONTH);
    int team = o->by_team && sgk_engine_team_count(e) > 0 &&
               !report_has_breakdown(e, ind, SGK_GROUP_TEAM);
    if (!month && !team)
        return;
    fprintf(out, "<p class=\"note\">No breakdown by %s for this indicator",
            month && team ? "month or team" : month ? "month" : "team");
    if (strcmp(sgk_indicator_id(ind), "dq_blank_or_invalid") == 0)
        fputs("; every extract and field is listed under <a href=\"#quality\">"
              "Data quality</a>", out);
    fputs(".</p>\n", out);
}

static void indicator_section(FILE *out, const sgk_engine *e,
                              const report_options *o, int ind)
{
    char v[64], f[128], t[96];
    const char *op = sgk_result_threshold_op(e, ind);
    report_cell c;
    report_cell_get(&c, e, o, ind, SGK_GROUP_TOTAL, 0);
    value_text(v, sizeof v, &c);
    of_text(f, sizeof f, &c);
    target_text(t, sizeof t, e, ind);
    fputs("<section class=\"indicator\" id=\"ind-", out);
    report_html_text(out, sgk_indicator_id(ind));
    fputs("\">\n<h3>", out);
    report_html_text(out, sgk_indicator_label(ind));
    fputs("</h3>\n<p class=\"lede\"><strong>", out);
    report_html_text(out, v);
    fputs("</strong>", out);
    if (*f && !c.suppressed) {
        fputs(" (", out);
        report_html_text(out, f);
        fputs(")", out);
    }
    if (*t) {
        fputs(" &middot; target ", out);
        report_html_text(out, t);
    }
    if (c.status != SGK_STATUS_NONE) {
        fputs(" ", out);
        badge(out, c.status);
    }
    fputs("</p>\n", out);
    if (o->monthly && report_has_breakdown(e, ind, SGK_GROUP_MONTH)) {
        fputs("<figure>\n", out);
        report_svg_months(out, e, o, ind);
        fputs("<figcaption>By month. Each month is counted as its own "
              "period; points are coloured by that month&#39;s status", out);
        fputs(op ? "; the dashed line is the target (named, not drawn, "
                   "when it is far off the scale).</figcaption>\n"
                 : ".</figcaption>\n", out);
        fputs("</figure>\n", out);
    }
    if (o->by_team && report_has_breakdown(e, ind, SGK_GROUP_TEAM)) {
        fputs("<figure>\n", out);
        report_svg_teams(out, e, o, ind);
        fputs(op ? "<figcaption>By team, worst first (furthest on the wrong "
                   "side of the target); the dashed line is the target."
                 : "<figcaption>By team, highest first (no target).", out);
        if (op && !c.percent)
            fputs(" Team counts are set against the target for the whole "
                  "authority.", out);
        fputs("</figcaption>\n</figure>\n", out);
    }
    no_breakdown_note(out, e, o, ind);
    fputs("</section>\n", out);
}

static void details(FILE *out, const sgk_engine *e, const report_options *o)
{
    int i, missing = 0;
    if (!o->monthly && !o->by_team)
        return;
    fputs("<section aria-labelledby=\"detail\">\n<h2 id=\"detail\">"
          "Indicators in detail</h2>\n", out);
    for (i = 0; i < sgk_indicator_count(); i++) {
        if (has_section(e, o, i))
            indicator_section(out, e, o, i);
        else
            missing++;
    }
    if (missing) {
        fputs("<p class=\"note\">Not charted, because their extract was not "
              "given: ", out);
        for (i = 0; i < sgk_indicator_count(); i++)
            if (!has_section(e, o, i)) {
                report_html_text(out, sgk_indicator_label(i));
                fputs(--missing ? "; " : ".", out);
            }
        fputs("</p>\n", out);
    }
    fputs("</section>\n", out);
}

int report_write_html(FILE *out, const sgk_engine *e, const report_options *o)
{
    head(out, o);
    header(out, e, o);
    summary(out, e);
    rag_table(out, e, o);
    exceptions_notice(out, o);
    details(out, e, o);
    report_html_quality(out, e);
    report_html_definitions(out);
    fputs("</main>\n<footer>\n<p>Produced by sgkpi-report ", out);
    report_html_text(out, sgk_version_string());
    fputs(". Every figure is computed by the sgkpi library; this page only "
          "presents it. It names no child.</p>\n</footer>\n</div>\n"
          "</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
