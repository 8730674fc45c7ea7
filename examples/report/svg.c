/* Inline SVG charts for the HTML report: an indicator by month (a line
 * chart) and by team (horizontal bars, worst first).  Each chart is one
 * <svg> with role="img", an aria-label, a <title> and a <desc> listing the
 * figures, so a screen reader gets what the picture shows.  Every text
 * that reaches the page goes through report_html_text().
 *
 * Scales start at 0.  The target is a dashed line; when it is more than
 * three times the largest value it would flatten the chart, so it is left
 * off the scale and the caption says so.  Suppressed figures show as "c"
 * with no point or bar; "no data" shows as such. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

#define W 640.0
#define FAR_TARGET 3.0

typedef struct scale {
    double top, step;
    int show_target;
} scale;

static const char *fill_for(int status)
{
    switch (status) {
    case SGK_STATUS_MET: return "#00703c";
    case SGK_STATUS_AMBER: return "#f47738";
    case SGK_STATUS_NOT_MET: return "#d4351c";
    default: return "#1d70b8";
    }
}

/* A round top and tick step for values up to max (whole steps for counts). */
static void nice_scale(scale *s, double max, int unit)
{
    int percent = unit == SGK_UNIT_PERCENT, whole = unit == SGK_UNIT_COUNT;
    static const double m[] = {1, 2, 2.5, 5, 10};
    double raw, mag;
    int i;
    if (!(max > 0))
        max = whole ? 4 : 10;
    raw = max / 4;
    mag = pow(10, floor(log10(raw)));
    s->step = 10 * mag;
    for (i = 0; i < 5; i++) {
        double step = m[i] * mag;
        if (whole && step < 1)
            continue;
        if (whole && step != floor(step))
            continue;
        if (step * 4 >= max) {
            s->step = step;
            break;
        }
    }
    s->top = s->step * ceil(max / s->step - 1e-9);
    if (percent && s->top > 100)
        s->top = 100, s->step = 25;
}

/* 1 when some cell shows a figure or a "c". */
static int any_figure(const report_cell *cells, int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (cells[i].has_value || cells[i].suppressed)
            return 1;
    return 0;
}

/* The message across an empty chart. */
static void empty_note(FILE *out, double x, double y, const char *what)
{
    fprintf(out, "<text class=\"val muted\" x=\"%.1f\" y=\"%.1f\" "
                 "text-anchor=\"middle\">No data for any %s</text>\n", x, y,
            what);
}

/* The scale for an indicator's cells, with or without its target. */
static void choose_scale(scale *s, const report_cell *cells, int n,
                         int unit, double target)
{
    double max = 0;
    int i, seen = 0;
    for (i = 0; i < n; i++)
        if (cells[i].has_value && !cells[i].suppressed) {
            seen = 1;
            if (cells[i].value > max)
                max = cells[i].value;
        }
    s->show_target = !isnan(target)
                     && (!seen || target <= FAR_TARGET * max
                         || (max == 0 && target <= 10));
    if (s->show_target && target > max)
        max = target;
    nice_scale(s, max * 1.05, unit);
}

static void fmt_value(char *buf, size_t cap, double v, int unit)
{
    if (unit == SGK_UNIT_PERCENT)
        snprintf(buf, cap, "%.1f%%", v);
    else if (unit != SGK_UNIT_COUNT)
        snprintf(buf, cap, "%.1f", v);
    else
        snprintf(buf, cap, "%.0f", v);
}

static void fmt_tick(char *buf, size_t cap, double v, int unit)
{
    report_number(buf, cap, floor(v * 1000 + 0.5) / 1000);
    if (unit == SGK_UNIT_PERCENT)
        strncat(buf, "%", cap - strlen(buf) - 1);
}

static void target_words(char *buf, size_t cap, const sgk_engine *e, int ind)
{
    const char *op = sgk_result_threshold_op(e, ind);
    char t[40];
    buf[0] = '\0';
    if (!op || isnan(sgk_result_threshold_target(e, ind)))
        return;
    fmt_tick(t, sizeof t, sgk_result_threshold_target(e, ind),
             sgk_indicator_unit(ind));
    snprintf(buf, cap, "%s %s", strcmp(op, "<=") == 0 ? "at most"
                                                       : "at least", t);
}

static void cell_words(char *buf, size_t cap, const report_cell *c)
{
    if (c->suppressed)
        snprintf(buf, cap, "c (suppressed)");
    else if (!c->has_value)
        snprintf(buf, cap, "no data");
    else
        fmt_value(buf, cap, c->value, c->unit);
}

/* <svg ...><title>..</title><desc>..</desc>: opens a chart. */
static void open_svg(FILE *out, const char *kind, const sgk_engine *e,
                     int ind, double h, const char *target)
{
    fprintf(out, "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" "
                 "role=\"img\" aria-label=\"", W, h);
    report_html_text(out, sgk_indicator_label(ind));
    fprintf(out, ", %s", kind);
    if (*target) {
        fputs("; target ", out);
        report_html_text(out, target);
    }
    fputs("\"><title>", out);
    report_html_text(out, sgk_indicator_label(ind));
    fprintf(out, ", %s</title>\n<desc>", kind);
}

static void y_axis(FILE *out, const scale *s, double x0, double x1, double y0,
                   double y1, int unit)
{
    double v;
    char t[40];
    for (v = 0; v <= s->top + 1e-9; v += s->step) {
        double y = y1 - (y1 - y0) * v / s->top;
        fmt_tick(t, sizeof t, v, unit);
        fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
                     "x2=\"%.1f\" y2=\"%.1f\"/>", x0, y, x1, y);
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
                     "text-anchor=\"end\">", x0 - 6, y + 4);
        report_html_text(out, t);
        fputs("</text>\n", out);
    }
    fprintf(out, "<text class=\"axis-title\" transform=\"translate(14 %.1f) "
                 "rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
            (y0 + y1) / 2, report_unit_axis(unit));
}

/* The target's name in the right margin of a line chart, level with its
 * line, or at the top when it is above the scale (then not drawn). */
static void margin_target(FILE *out, double x, double y, const char *words,
                          int off_scale)
{
    fprintf(out, "<text class=\"target-label\" x=\"%.1f\" y=\"%.1f\">"
                 "<tspan x=\"%.1f\">Target</tspan><tspan x=\"%.1f\" "
                 "dy=\"14\">", x, y, x, x);
    report_html_text(out, words);
    fputs("</tspan>", out);
    if (off_scale)
        fprintf(out, "<tspan x=\"%.1f\" dy=\"14\">(off the scale)"
                     "</tspan>", x);
    fputs("</text>\n", out);
}

static void hline_target(FILE *out, double x0, double x1, double y,
                         const char *words)
{
    fprintf(out, "<line class=\"target\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                 "y2=\"%.1f\"/>\n", x0, y, x1 + 4, y);
    margin_target(out, x1 + 8, y - 3, words, 0);
}

void report_svg_months(FILE *out, const sgk_engine *e,
                       const report_options *o, int ind)
{
    int n = sgk_engine_month_count(e), i, every, open = 0, started = 0, split;
    int unit = sgk_indicator_unit(ind);
    double target = sgk_result_threshold_target(e, ind);
    double ml = 60, mr = 122, mt = 26, mb = 58, h = 290;
    double x0 = ml, x1 = W - mr, y0 = mt, y1 = h - mb;
    report_cell *cells = calloc((size_t)(n > 0 ? n : 1), sizeof *cells);
    char words[64], t[64];
    scale s;
    if (!cells)
        return;
    if (!sgk_result_threshold_op(e, ind))
        target = NAN;
    for (i = 0; i < n; i++)
        report_cell_get(&cells[i], e, o, ind, SGK_GROUP_MONTH, i);
    choose_scale(&s, cells, n, unit, target);
    target_words(words, sizeof words, e, ind);
    open_svg(out, "by month", e, ind, h, words);
    for (i = 0; i < n; i++) {
        report_month_name(t, sizeof t, sgk_engine_month_label(e, i), 0);
        report_html_text(out, t);
        fputs(": ", out);
        cell_words(t, sizeof t, &cells[i]);
        report_html_text(out, t);
        fputs(i + 1 < n ? "; " : ".", out);
    }
    fputs("</desc>\n", out);
    y_axis(out, &s, x0, x1, y0, y1, unit);
    fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                 "y2=\"%.1f\"/>\n", x0, y1, x1, y1);
    every = n > 12 ? (n + 11) / 12 : 1;
    for (i = 0; i < n; i++) {
        const char *ym = sgk_engine_month_label(e, i);
        double x = x0 + (x1 - x0) * (i + 0.5) / n;
        if (i % every)
            continue;
        report_month_name(t, sizeof t, ym, 0); /* "Apr 2011" */
        split = strlen(t) == 8 && t[3] == ' ';
        if (split)
            t[3] = '\0';
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
                     "text-anchor=\"middle\">", x, y1 + 16);
        report_html_text(out, t);
        fputs("</text>", out);
        /* The year under the first month and under each January. */
        if (split && (i == 0 || strcmp(ym + 5, "01") == 0)) {
            fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"middle\">", x, y1 + 30);
            report_html_text(out, t + 4);
            fputs("</text>", out);
        }
        fputc('\n', out);
    }
    fprintf(out, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" "
                 "text-anchor=\"middle\">Month</text>\n", (x0 + x1) / 2, h - 8);
    if (s.show_target)
        hline_target(out, x0, x1, y1 - (y1 - y0) * target / s.top, words);
    else if (!isnan(target))
        margin_target(out, x1 + 8, y0 + 4, words, 1);
    if (!any_figure(cells, n))
        empty_note(out, (x0 + x1) / 2, (y0 + y1) / 2, "month");
    for (i = 0; i < n; i++) {
        const report_cell *c = &cells[i];
        if (!c->has_value || c->suppressed) {
            open = 0;
            continue;
        }
        fprintf(out, "%s%.1f %.1f", open ? " L" : started ? " M"
                                                : "<path class=\"series\" d=\"M",
                x0 + (x1 - x0) * (i + 0.5) / n,
                y1 - (y1 - y0) * c->value / s.top);
        open = started = 1;
    }
    if (started)
        fputs("\"/>\n", out);
    for (i = 0; i < n; i++) {
        const report_cell *c = &cells[i];
        double x = x0 + (x1 - x0) * (i + 0.5) / n, y;
        if (c->suppressed) {
            fprintf(out, "<text class=\"val muted\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"middle\">c</text>\n", x, y1 - 6);
            continue;
        }
        if (!c->has_value)
            continue;
        y = y1 - (y1 - y0) * c->value / s.top;
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
                     "fill=\"%s\"/>", x, y, fill_for(c->status));
        if (n <= 12) { /* more than 6 months: whole numbers, smaller */
            if (n > 6 && unit == SGK_UNIT_PERCENT)
                snprintf(t, sizeof t, "%.0f%%", c->value);
            else
                fmt_value(t, sizeof t, c->value, unit);
            fprintf(out, "<text class=\"val%s\" x=\"%.1f\" y=\"%.1f\" "
                         "text-anchor=\"middle\">", n > 6 ? " small" : "",
                    x, y - 9);
            report_html_text(out, t);
            fputs("</text>", out);
        }
        fputc('\n', out);
    }
    fputs("</svg>\n", out);
    free(cells);
}

/* ---- teams ---------------------------------------------------------- */

typedef struct team_row {
    int k;
    int rank;          /* 0 figure, 1 suppressed, 2 no data */
    double badness;    /* larger is worse */
    report_cell c;
} team_row;

static int worst_first(const void *pa, const void *pb)
{
    const team_row *a = pa, *b = pb;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->rank == 0 && a->badness != b->badness)
        return a->badness > b->badness ? -1 : 1;
    return a->k - b->k;
}

/* Worst first: furthest on the wrong side of the target (for "<=",
 * value - target; for ">=", target - value); without a target, highest
 * value first.  Suppressed teams, then teams with no data, come last in
 * name order, so the order gives nothing away. */
static team_row *sorted_teams(const sgk_engine *e, const report_options *o,
                              int ind, int n)
{
    const char *op = sgk_result_threshold_op(e, ind);
    double target = sgk_result_threshold_target(e, ind);
    team_row *rows = calloc((size_t)(n > 0 ? n : 1), sizeof *rows);
    int k;
    if (!rows)
        return NULL;
    for (k = 0; k < n; k++) {
        team_row *r = &rows[k];
        r->k = k;
        report_cell_get(&r->c, e, o, ind, SGK_GROUP_TEAM, k);
        r->rank = r->c.suppressed ? 1 : !r->c.has_value ? 2 : 0;
        if (op && !isnan(target))
            r->badness = strcmp(op, "<=") == 0 ? r->c.value - target
                                               : target - r->c.value;
        else
            r->badness = r->c.value;
    }
    qsort(rows, (size_t)n, sizeof *rows, worst_first);
    return rows;
}

/* A team name cut to fit the label column; the full name is in <title>. */
static void short_name(char *buf, size_t cap, const char *s, int max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0;
    int chars = 0;
    for (; *p && used + 5 < cap; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > max) {
            memcpy(buf + used, "\xE2\x80\xA6", 3); /* ... */
            used += 3;
            break;
        }
        buf[used++] = (char)*p;
    }
    while (*p && (*p & 0xC0) == 0x80 && used + 1 < cap) /* finish a char */
        buf[used++] = (char)*p++;
    buf[used] = '\0';
}

void report_svg_teams(FILE *out, const sgk_engine *e,
                      const report_options *o, int ind)
{
    int n = sgk_engine_team_count(e), i;
    int unit = sgk_indicator_unit(ind);
    double target = sgk_result_threshold_target(e, ind);
    double ml = 178, mr = 64, mt = 30, row = 28, bar = 18;
    double x0 = ml, x1 = W - mr, y0 = mt, y1 = mt + row * (n > 0 ? n : 1);
    double h = y1 + 46, v;
    team_row *rows = sorted_teams(e, o, ind, n);
    report_cell *cells = calloc((size_t)(n > 0 ? n : 1), sizeof *cells);
    char words[64], t[160];
    scale s;
    if (!rows || !cells) {
        free(rows);
        free(cells);
        return;
    }
    if (!sgk_result_threshold_op(e, ind))
        target = NAN;
    for (i = 0; i < n; i++)
        cells[i] = rows[i].c;
    choose_scale(&s, cells, n, unit, target);
    target_words(words, sizeof words, e, ind);
    open_svg(out, "by team, worst first", e, ind, h, words);
    for (i = 0; i < n; i++) {
        report_html_text(out, sgk_engine_team_name(e, rows[i].k));
        fputs(": ", out);
        cell_words(t, sizeof t, &rows[i].c);
        report_html_text(out, t);
        fputs(i + 1 < n ? "; " : ".", out);
    }
    fputs("</desc>\n", out);
    for (v = 0; v <= s.top + 1e-9; v += s.step) {
        double x = x0 + (x1 - x0) * v / s.top;
        fmt_tick(t, sizeof t, v, unit);
        fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
                     "x2=\"%.1f\" y2=\"%.1f\"/><text class=\"tick\" "
                     "x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                x, y0, x, y1, x, y1 + 16);
        report_html_text(out, t);
        fputs("</text>\n", out);
    }
    fprintf(out, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" "
                 "text-anchor=\"middle\">%s</text>\n", (x0 + x1) / 2, h - 8,
            report_unit_axis(unit));
    for (i = 0; i < n; i++) {
        const team_row *r = &rows[i];
        double y = y0 + row * i + (row - bar) / 2, w;
        fprintf(out, "<g><title>");
        report_html_text(out, sgk_engine_team_name(e, r->k));
        fputs(": ", out);
        cell_words(t, sizeof t, &r->c);
        report_html_text(out, t);
        fprintf(out, "</title><text class=\"team\" x=\"%.1f\" y=\"%.1f\" "
                     "text-anchor=\"end\">", x0 - 8, y + bar - 4);
        short_name(t, sizeof t, sgk_engine_team_name(e, r->k), 20);
        report_html_text(out, t);
        fputs("</text>", out);
        cell_words(t, sizeof t, &r->c);
        if (r->rank == 0) {
            w = (x1 - x0) * (r->c.value > s.top ? s.top : r->c.value) / s.top;
            fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                         "height=\"%.0f\" fill=\"%s\"/>", x0, y,
                    w, bar, fill_for(r->c.status));
            fmt_value(t, sizeof t, r->c.value, unit);
        } else {
            w = 0;
            snprintf(t, sizeof t, "%s", r->rank == 1 ? "c" : "no data");
        }
        fprintf(out, "<text class=\"val%s\" x=\"%.1f\" y=\"%.1f\">",
                r->rank ? " muted" : "", x0 + w + 5, y + bar - 4);
        report_html_text(out, t);
        fputs("</text></g>\n", out);
    }
    fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                 "y2=\"%.1f\"/>\n", x0, y0, x0, y1);
    if (s.show_target) {
        double x = x0 + (x1 - x0) * target / s.top;
        fprintf(out, "<line class=\"target\" x1=\"%.1f\" y1=\"%.1f\" "
                     "x2=\"%.1f\" y2=\"%.1f\"/><text class=\"target-label\" "
                     "x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">Target ",
                x, y0 - 4, x, y1, x, y0 - 10,
                x > x1 - 70 ? "end" : x < x0 + 70 ? "start" : "middle");
        report_html_text(out, words);
        fputs("</text>\n", out);
    } else if (!isnan(target)) {
        fprintf(out, "<text class=\"target-label\" x=\"%.1f\" y=\"%.1f\" "
                     "text-anchor=\"end\">Target ", x1, y0 - 10);
        report_html_text(out, words);
        fputs(" (off the scale)</text>\n", out);
    }
    fputs("</svg>\n", out);
    free(rows);
    free(cells);
}
