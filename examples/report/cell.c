/* One result cell as every format prints it.  The figures are the
 * library's; this file only decides how they read, and hides small numbers
 * when --suppress asks (the DfE convention: a "c" in place of the figure). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

void report_number(char *buf, size_t cap, double v)
{
    int prec;
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, cap, "%.0f", v);
        return;
    }
    for (prec = 15; prec <= 17; prec++) {
        snprintf(buf, cap, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* A figure from 1 to N (or, for FTE, above 0 and at most N). */
int report_suppresses(const report_options *o, double x)
{
    return o && o->suppress > 0 && !isnan(x) && x > 0 && x <= o->suppress;
}

void report_exception_rows(char *buf, size_t cap, const report_options *o,
                           int64_t rows)
{
    if (report_suppresses(o, (double)rows))
        snprintf(buf, cap, "c records");
    else
        snprintf(buf, cap, "%lld record%s", (long long)rows,
                 rows == 1 ? "" : "s");
}

void report_cell_get(report_cell *c, const sgk_engine *e,
                     const report_options *o, int ind, int group, int k)
{
    memset(c, 0, sizeof *c);
    c->unit = sgk_indicator_unit(ind);
    c->percent = c->unit == SGK_UNIT_PERCENT;
    c->fraction = c->unit != SGK_UNIT_COUNT;
    c->value = sgk_result_value(e, ind, group, k);
    c->num = sgk_result_numerator(e, ind, group, k);
    c->den = sgk_result_denominator(e, ind, group, k);
    c->present = !isnan(c->num);
    c->has_value = sgk_result_has_value(e, ind, group, k) && !isnan(c->value);
    c->status = sgk_result_status(e, ind, group, k);
    c->suppressed = report_suppresses(o, c->num) ||
                    (c->percent && report_suppresses(o, c->den));
}

void report_cell_value(char *buf, size_t cap, const report_cell *c)
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
        snprintf(buf, cap, "%.0f", c->value);
}

const char *report_unit_name(int unit)
{
    switch (unit) {
    case SGK_UNIT_PERCENT: return "percent";
    case SGK_UNIT_RATE_PER_10K: return "rate_per_10k";
    case SGK_UNIT_AVERAGE: return "average";
    default: return "count";
    }
}

const char *report_unit_axis(int unit)
{
    switch (unit) {
    case SGK_UNIT_PERCENT: return "Per cent";
    case SGK_UNIT_RATE_PER_10K: return "Per 10,000";
    case SGK_UNIT_AVERAGE: return "Average";
    default: return "Number";
    }
}

void report_cell_fraction(char *buf, size_t cap, const report_cell *c)
{
    char n[32], d[32];
    buf[0] = '\0';
    if (!c->fraction || isnan(c->den) || isnan(c->num))
        return;
    if (c->suppressed) {
        snprintf(buf, cap, "c");
        return;
    }
    report_number(n, sizeof n, c->num);
    report_number(d, sizeof d, c->den);
    snprintf(buf, cap, "%s/%s", n, d);
}

void report_target_text(char *buf, size_t cap, const sgk_engine *e, int ind,
                        int with_source)
{
    char t[32];
    const char *op = sgk_result_threshold_op(e, ind);
    const char *src = sgk_result_threshold_source(e, ind);
    double target = sgk_result_threshold_target(e, ind);
    buf[0] = '\0';
    if (!op)
        return;
    if (isnan(target))
        snprintf(t, sizeof t, "?");
    else
        report_number(t, sizeof t, target);
    if (with_source && src && *src)
        snprintf(buf, cap, "%s %s (%s)", op, t, src);
    else
        snprintf(buf, cap, "%s %s", op, t);
}

const char *report_status_word(int status)
{
    switch (status) {
    case SGK_STATUS_MET: return "MET";
    case SGK_STATUS_AMBER: return "AMBER";
    case SGK_STATUS_NOT_MET: return "NOT MET";
    case SGK_STATUS_NO_DATA: return "NO DATA";
    default: return "";
    }
}

void report_month_name(char *buf, size_t cap, const char *ym, int short_year)
{
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May",
                                        "Jun", "Jul", "Aug", "Sep", "Oct",
                                        "Nov", "Dec"};
    int m;
    if (!ym || strlen(ym) != 7 || ym[4] != '-' || ym[5] < '0' || ym[5] > '1'
        || ym[6] < '0' || ym[6] > '9') {
        snprintf(buf, cap, "%s", ym ? ym : "");
        return;
    }
    m = (ym[5] - '0') * 10 + (ym[6] - '0');
    if (m < 1 || m > 12) {
        snprintf(buf, cap, "%s", ym);
        return;
    }
    if (short_year)
        snprintf(buf, cap, "%s %.2s", names[m - 1], ym + 2);
    else
        snprintf(buf, cap, "%s %.4s", names[m - 1], ym);
}

void report_status_counts(const sgk_engine *e, int counts[5])
{
    int i;
    memset(counts, 0, 5 * sizeof *counts);
    for (i = 0; i < sgk_indicator_count(); i++) {
        int s = sgk_result_status(e, i, SGK_GROUP_TOTAL, 0);
        if (s >= 0 && s <= 4)
            counts[s]++;
    }
}

int report_has_breakdown(const sgk_engine *e, int ind, int group)
{
    int k, n = group == SGK_GROUP_TEAM ? sgk_engine_team_count(e)
                                       : sgk_engine_month_count(e);
    for (k = 0; k < n; k++)
        if (!isnan(sgk_result_numerator(e, ind, group, k)))
            return 1;
    return 0;
}
