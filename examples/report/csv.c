/* The CSV report: one row per indicator, then one per team and per month
 * when asked, for people who will open it in a spreadsheet.
 *
 * RFC 4180: fields quoted when they hold a comma, a quote, CR or LF (quotes
 * doubled), rows ending CRLF.  A UTF-8 byte-order mark first, so that Excel
 * reads team names as UTF-8.  Any cell that starts with = + - @ tab or CR
 * gets a leading single quote, so a spreadsheet shows it as text instead of
 * running it as a formula: team names come from case systems and can hold
 * anything, "=HYPERLINK(...)" included. */
#include <math.h>
#include <string.h>
#include "report.h"

void report_csv_bom(FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
}

void report_csv_cell(FILE *out, const char *s, int first)
{
    const char *p;
    int quote = 0;
    if (!s)
        s = "";
    if (!first)
        fputc(',', out);
    for (p = s; *p; p++)
        if (*p == '"' || *p == ',' || *p == '\r' || *p == '\n')
            quote = 1;
    if (quote)
        fputc('"', out);
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t'
        || *s == '\r')
        fputc('\'', out);
    for (p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    if (quote)
        fputc('"', out);
}

void report_csv_end_row(FILE *out)
{
    fputs("\r\n", out);
}

static const char *const header[] = {
    "group", "key", "indicator", "label", "unit", "value", "numerator",
    "denominator", "status", "op", "target", "amber", "target_source",
    "benchmark", "benchmark_label", "note", "blank", "invalid", NULL,
};

static void number_cell(FILE *out, double v, int suppressed)
{
    char buf[64] = "";
    if (suppressed)
        snprintf(buf, sizeof buf, "c");
    else if (!isnan(v))
        report_number(buf, sizeof buf, v);
    report_csv_cell(out, buf, 0);
}

/* The threshold columns: what the row's status was judged against (a
 * month's may differ from the period's). */
static void threshold_cells(FILE *out, const sgk_engine *e, int ind,
                            int group, int k)
{
    const char *op = sgk_result_group_threshold_op(e, ind, group, k);
    report_csv_cell(out, op, 0);
    number_cell(out, sgk_result_group_threshold_target(e, ind, group, k), 0);
    number_cell(out, sgk_result_group_threshold_amber(e, ind, group, k), 0);
    report_csv_cell(out, op ? sgk_result_group_threshold_source(e, ind, group,
                                                                k)
                            : "",
                    0);
}

static void write_row(FILE *out, const sgk_engine *e, const report_options *o,
                      int ind, int group, int k)
{
    static const char *const groups[] = {"total", "team", "month"};
    const char *key = group == SGK_GROUP_TEAM ? sgk_engine_team_name(e, k)
                      : group == SGK_GROUP_MONTH ? sgk_engine_month_label(e, k)
                                                 : "";
    report_cell c;
    report_cell_get(&c, e, o, ind, group, k);
    report_csv_cell(out, groups[group], 1);
    report_csv_cell(out, key, 0);
    report_csv_cell(out, sgk_indicator_id(ind), 0);
    report_csv_cell(out, sgk_indicator_label(ind), 0);
    report_csv_cell(out, report_unit_name(c.unit), 0);
    number_cell(out, c.has_value ? c.value : NAN, c.suppressed);
    number_cell(out, c.num, c.suppressed);
    number_cell(out, c.den, c.suppressed && !isnan(c.den));
    report_csv_cell(out, report_status_word(c.status), 0);
    threshold_cells(out, e, ind, group, k);
    if (group == SGK_GROUP_TOTAL && sgk_result_benchmark_count(e, ind) > 0) {
        number_cell(out, sgk_result_benchmark_value(e, ind, 0), 0);
        report_csv_cell(out, sgk_result_benchmark_label(e, ind, 0), 0);
    } else {
        report_csv_cell(out, "", 0);
        report_csv_cell(out, "", 0);
    }
    /* One note per indicator, on its total row. */
    report_csv_cell(out, group == SGK_GROUP_TOTAL ? sgk_result_note(e, ind)
                                                  : "", 0);
    report_csv_cell(out, "", 0);
    report_csv_cell(out, "", 0);
    report_csv_end_row(out);
}

/* A breakdown the indicator has data for but no figures in (data quality
 * by team, ethnicity by month) is left out. */
static int want_group(const sgk_engine *e, int ind, int group)
{
    return isnan(sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0)) ||
           report_has_breakdown(e, ind, group);
}

/* Group "field": one row per (extract, field) of the data-quality table,
 * keyed "extract: header", under dq_blank_or_invalid; numerator is blank
 * plus invalid, denominator the rows. */
static void write_dq_rows(FILE *out, const sgk_engine *e)
{
    int k, ind = sgk_indicator_find("dq_blank_or_invalid");
    for (k = 0; ind >= 0 && k < sgk_dq_count(e); k++) {
        char name[300], buf[32];
        report_dq_name(name, sizeof name, e, k);
        report_csv_cell(out, "field", 1);
        report_csv_cell(out, name, 0);
        report_csv_cell(out, sgk_indicator_id(ind), 0);
        report_csv_cell(out, sgk_indicator_label(ind), 0);
        report_csv_cell(out, "percent", 0);
        number_cell(out, sgk_dq_value(e, k), 0);
        number_cell(out, (double)(sgk_dq_blank(e, k) + sgk_dq_invalid(e, k)),
                    0);
        number_cell(out, (double)sgk_dq_rows(e, k), 0);
        report_csv_cell(out, report_status_word(sgk_dq_status(e, k)), 0);
        threshold_cells(out, e, ind, SGK_GROUP_TOTAL, 0);
        report_csv_cell(out, "", 0); /* benchmark, its label, note */
        report_csv_cell(out, "", 0);
        report_csv_cell(out, "", 0);
        snprintf(buf, sizeof buf, "%lld", (long long)sgk_dq_blank(e, k));
        report_csv_cell(out, buf, 0);
        snprintf(buf, sizeof buf, "%lld", (long long)sgk_dq_invalid(e, k));
        report_csv_cell(out, buf, 0);
        report_csv_end_row(out);
    }
}

int report_write_csv(FILE *out, const sgk_engine *e, const report_options *o)
{
    int i, k, n = sgk_indicator_count();
    report_csv_bom(out);
    for (i = 0; header[i]; i++)
        report_csv_cell(out, header[i], i == 0);
    report_csv_end_row(out);
    for (i = 0; i < n; i++)
        write_row(out, e, o, i, SGK_GROUP_TOTAL, 0);
    for (i = 0; i < n; i++)
        for (k = 0; want_group(e, i, SGK_GROUP_TEAM) &&
                    k < sgk_engine_team_count(e); k++)
            write_row(out, e, o, i, SGK_GROUP_TEAM, k);
    for (i = 0; i < n; i++)
        for (k = 0; want_group(e, i, SGK_GROUP_MONTH) &&
                    k < sgk_engine_month_count(e); k++)
            write_row(out, e, o, i, SGK_GROUP_MONTH, k);
    write_dq_rows(out, e);
    return ferror(out) ? -1 : 0;
}
