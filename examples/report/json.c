/* The JSON report: a contract other council tools parse, so every
 * indicator appears every time, in the library's stable order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

static void json_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', out);
    for (; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void json_number(FILE *out, double v)
{
    char buf[64];
    if (isnan(v) || isinf(v)) {
        fputs("null", out);
        return;
    }
    report_number(buf, sizeof buf, v);
    fputs(buf, out);
}

static void write_inputs(FILE *out, const sgk_engine *e)
{
    int i, n = sgk_engine_input_count(e);
    fputs("  \"inputs\": [", out);
    for (i = 0; i < n; i++) {
        fputs(i ? ",\n    {" : "\n    {", out);
        fputs("\"path\": ", out);
        json_string(out, sgk_input_name(e, i));
        fputs(", \"kind\": ", out);
        json_string(out, sgk_kind_name(sgk_input_kind(e, i)));
        fprintf(out, ", \"rows_read\": %lld, \"rows_used\": %lld, "
                     "\"rows_rejected\": %lld, \"duplicates\": %lld}",
                (long long)sgk_input_rows_read(e, i),
                (long long)sgk_input_rows_used(e, i),
                (long long)sgk_input_rows_rejected(e, i),
                (long long)sgk_input_duplicates(e, i));
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
}

/* value, numerator, denominator and status of one result cell.  With
 * --suppress, a suppressed cell's numbers are the string "c" (a count's
 * denominator stays null). */
static void write_cell(FILE *out, const sgk_engine *e,
                       const report_options *o, int ind, int group, int k)
{
    const char *status = sgk_status_name(sgk_result_status(e, ind, group, k));
    report_cell c;
    report_cell_get(&c, e, o, ind, group, k);
    fputs("\"value\": ", out);
    if (c.suppressed)
        fputs("\"c\"", out);
    else
        json_number(out, c.value);
    fputs(", \"numerator\": ", out);
    if (c.suppressed)
        fputs("\"c\"", out);
    else
        json_number(out, c.num);
    fputs(", \"denominator\": ", out);
    if (c.suppressed && !isnan(c.den))
        fputs("\"c\"", out);
    else
        json_number(out, c.den);
    if (status) {
        fputs(", \"status\": ", out);
        json_string(out, status);
    }
}

static void write_threshold_object(FILE *out, const sgk_engine *e, int ind,
                                   int group, int k)
{
    double amber = sgk_result_group_threshold_amber(e, ind, group, k);
    fputs("{\"op\": ", out);
    json_string(out, sgk_result_group_threshold_op(e, ind, group, k));
    fputs(", \"target\": ", out);
    json_number(out, sgk_result_group_threshold_target(e, ind, group, k));
    if (!isnan(amber)) {
        fputs(", \"amber\": ", out);
        json_number(out, amber);
    }
    fputs(", \"source\": ", out);
    json_string(out, sgk_result_group_threshold_source(e, ind, group, k));
    fputs(", \"label\": ", out);
    json_string(out, sgk_result_group_threshold_label(e, ind, group, k));
    fputc('}', out);
}

static void write_threshold(FILE *out, const sgk_engine *e, int ind)
{
    if (!sgk_result_threshold_op(e, ind))
        return;
    fputs(",\n      \"threshold\": ", out);
    write_threshold_object(out, e, ind, SGK_GROUP_TOTAL, 0);
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_number(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

/* Whether month k was judged against other than the period's threshold:
 * a threshold file can give a target from a date inside the period. */
static int month_threshold_differs(const sgk_engine *e, int ind, int k)
{
    int g = SGK_GROUP_MONTH;
    return !same_text(sgk_result_group_threshold_op(e, ind, g, k),
                      sgk_result_threshold_op(e, ind)) ||
           !same_number(sgk_result_group_threshold_target(e, ind, g, k),
                        sgk_result_threshold_target(e, ind)) ||
           !same_number(sgk_result_group_threshold_amber(e, ind, g, k),
                        sgk_result_threshold_amber(e, ind)) ||
           !same_text(sgk_result_group_threshold_source(e, ind, g, k),
                      sgk_result_threshold_source(e, ind)) ||
           !same_text(sgk_result_group_threshold_label(e, ind, g, k),
                      sgk_result_threshold_label(e, ind));
}

/* A month's own threshold, only where it is not the period's: null when
 * none applies to the month. */
static void write_month_threshold(FILE *out, const sgk_engine *e, int ind,
                                  int k)
{
    if (!month_threshold_differs(e, ind, k))
        return;
    fputs(", \"threshold\": ", out);
    if (sgk_result_group_threshold_op(e, ind, SGK_GROUP_MONTH, k))
        write_threshold_object(out, e, ind, SGK_GROUP_MONTH, k);
    else
        fputs("null", out);
}

static void write_benchmarks(FILE *out, const sgk_engine *e, int ind)
{
    int k, n = sgk_result_benchmark_count(e, ind);
    if (n == 0)
        return;
    fputs(",\n      \"benchmark\": {\"value\": ", out);
    json_number(out, sgk_result_benchmark_value(e, ind, 0));
    fputs(", \"label\": ", out);
    json_string(out, sgk_result_benchmark_label(e, ind, 0));
    fputs("},\n      \"benchmarks\": [", out);
    for (k = 0; k < n; k++) {
        fputs(k ? ", {\"value\": " : "{\"value\": ", out);
        json_number(out, sgk_result_benchmark_value(e, ind, k));
        fputs(", \"label\": ", out);
        json_string(out, sgk_result_benchmark_label(e, ind, k));
        fputc('}', out);
    }
    fputc(']', out);
}

static void write_breakdowns(FILE *out, const sgk_engine *e,
                             const report_options *o, int ind)
{
    int k, n = sgk_engine_team_count(e);
    if (n > 0) {
        fputs(",\n      \"by_team\": [", out);
        for (k = 0; k < n; k++) {
            fputs(k ? ",\n        {\"team\": " : "\n        {\"team\": ", out);
            json_string(out, sgk_engine_team_name(e, k));
            fputs(", ", out);
            write_cell(out, e, o, ind, SGK_GROUP_TEAM, k);
            fputc('}', out);
        }
        fputs("\n      ]", out);
    }
    n = sgk_engine_month_count(e);
    if (n > 0) {
        fputs(",\n      \"by_month\": [", out);
        for (k = 0; k < n; k++) {
            fputs(k ? ",\n        {\"month\": " : "\n        {\"month\": ",
                  out);
            json_string(out, sgk_engine_month_label(e, k));
            fputs(", ", out);
            write_cell(out, e, o, ind, SGK_GROUP_MONTH, k);
            write_month_threshold(out, e, ind, k);
            fputc('}', out);
        }
        fputs("\n      ]", out);
    }
}

static void write_indicator(FILE *out, const sgk_engine *e,
                            const report_options *o, int ind)
{
    fputs("    {\"id\": ", out);
    json_string(out, sgk_indicator_id(ind));
    fputs(", \"label\": ", out);
    json_string(out, sgk_indicator_label(ind));
    fputs(", \"unit\": ", out);
    json_string(out, report_unit_name(sgk_indicator_unit(ind)));
    fputs(",\n      ", out);
    write_cell(out, e, o, ind, SGK_GROUP_TOTAL, 0);
    write_threshold(out, e, ind);
    write_benchmarks(out, e, ind);
    write_breakdowns(out, e, o, ind);
    fputs(",\n      \"note\": ", out);
    if (sgk_result_note(e, ind))
        json_string(out, sgk_result_note(e, ind));
    else
        fputs("null", out);
    fputs(",\n      \"source\": ", out);
    json_string(out, sgk_indicator_source(ind));
    fputs("}", out);
}

/* Every (input, field) the indicators read: counts only, no values. */
static void write_data_quality(FILE *out, const sgk_engine *e)
{
    int k, n = sgk_dq_count(e);
    fputs("  \"data_quality\": [", out);
    for (k = 0; k < n; k++) {
        const char *status = sgk_status_name(sgk_dq_status(e, k));
        fputs(k ? ",\n    {\"path\": " : "\n    {\"path\": ", out);
        json_string(out, sgk_input_name(e, sgk_dq_input(e, k)));
        fputs(", \"field\": ", out);
        json_string(out, sgk_dq_field(e, k));
        fputs(", \"header\": ", out);
        json_string(out, sgk_dq_header(e, k));
        fprintf(out, ", \"rows\": %lld, \"blank\": %lld, \"invalid\": %lld, "
                     "\"value\": ", (long long)sgk_dq_rows(e, k),
                (long long)sgk_dq_blank(e, k),
                (long long)sgk_dq_invalid(e, k));
        json_number(out, sgk_dq_value(e, k));
        if (status) {
            fputs(", \"status\": ", out);
            json_string(out, status);
        }
        fputc('}', out);
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
}

/* Where the exception lists went: file names and row counts only. */
static void write_exception_lists(FILE *out, const report_options *o)
{
    int i, first = 1;
    fputs("  \"exception_lists\": {\"directory\": ", out);
    json_string(out, o->exceptions);
    fputs(", \"contains_child_identifiers\": true, \"files\": [", out);
    for (i = 0; o->exception_rows && i < sgk_indicator_count(); i++) {
        if (o->exception_rows[i] < 0)
            continue;
        fputs(first ? "\n    {\"indicator\": " : ",\n    {\"indicator\": ", out);
        json_string(out, sgk_indicator_id(i));
        fprintf(out, ", \"file\": \"%s.csv\", \"rows\": ",
                sgk_indicator_id(i));
        /* Suppressed as a figure is (report_exception_rows). */
        if (report_suppresses(o, (double)o->exception_rows[i]))
            fputs("\"c\"}", out);
        else
            fprintf(out, "%lld}", (long long)o->exception_rows[i]);
        first = 0;
    }
    fputs(first ? "]},\n" : "\n  ]},\n", out);
}

static void write_rejections(FILE *out, const sgk_engine *e)
{
    int64_t r, n = sgk_engine_rejection_count(e);
    fputs("  \"rejections\": [", out);
    for (r = 0; r < n; r++) {
        const char *col = sgk_rejection_column(e, r);
        const char *ind = sgk_rejection_indicator(e, r);
        fputs(r ? ",\n    {\"path\": " : "\n    {\"path\": ", out);
        json_string(out, sgk_rejection_input(e, r));
        fprintf(out, ", \"line\": %lld, \"column\": ",
                (long long)sgk_rejection_line(e, r));
        if (col)
            json_string(out, col);
        else
            fputs("null", out);
        if (ind) {
            fputs(", \"indicator\": ", out);
            json_string(out, ind);
        }
        fputs(", \"reason\": ", out);
        json_string(out, sgk_rejection_reason(e, r));
        fputc('}', out);
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
    fprintf(out, "  \"rejections_dropped\": %lld\n",
            (long long)sgk_engine_rejections_dropped(e));
}

int report_write_json(FILE *out, const sgk_engine *e, const report_options *o)
{
    int ind, n = sgk_indicator_count();
    fputs("{\n  \"sgkpi_version\": ", out);
    json_string(out, sgk_version_string());
    fputs(",\n  \"period\": {\"from\": ", out);
    json_string(out, o->from);
    fputs(", \"to\": ", out);
    json_string(out, o->to);
    fputs("},\n", out);
    if (o->suppress > 0)
        fprintf(out, "  \"suppression\": {\"up_to\": %d, \"marker\": \"c\"},\n",
                o->suppress);
    write_inputs(out, e);
    fputs("  \"indicators\": [\n", out);
    for (ind = 0; ind < n; ind++) {
        write_indicator(out, e, o, ind);
        fputs(ind + 1 < n ? ",\n" : "\n", out);
    }
    fputs("  ],\n", out);
    write_data_quality(out, e);
    if (o->exceptions)
        write_exception_lists(out, o);
    write_rejections(out, e);
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}
