/* The plain-text report: one aligned row per indicator, then the input
 * accounting and the first rejections. */
#include <math.h>
#include <string.h>
#include "report.h"

static void value_text(char *buf, size_t cap, const sgk_engine *e, int ind)
{
    double v = sgk_result_value(e, ind, SGK_GROUP_TOTAL, 0);
    if (isnan(v))
        snprintf(buf, cap, "no data");
    else if (sgk_indicator_unit(ind) == SGK_UNIT_PERCENT)
        snprintf(buf, cap, "%.1f%%", v);
    else
        snprintf(buf, cap, "%.0f", v);
}

static void fraction_text(char *buf, size_t cap, const sgk_engine *e, int ind)
{
    char n[32], d[32];
    double num = sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0);
    double den = sgk_result_denominator(e, ind, SGK_GROUP_TOTAL, 0);
    buf[0] = '\0';
    if (sgk_indicator_unit(ind) != SGK_UNIT_PERCENT || isnan(den))
        return;
    report_number(n, sizeof n, num);
    report_number(d, sizeof d, den);
    snprintf(buf, cap, "%s/%s", n, d);
}

static void target_text(char *buf, size_t cap, const sgk_engine *e, int ind)
{
    char t[32];
    const char *op = sgk_result_threshold_op(e, ind);
    const char *src = sgk_result_threshold_source(e, ind);
    buf[0] = '\0';
    if (!op)
        return;
    report_number(t, sizeof t, sgk_result_threshold_target(e, ind));
    if (src && *src)
        snprintf(buf, cap, "%s %s (%s)", op, t, src);
    else
        snprintf(buf, cap, "%s %s", op, t);
}

static const char *status_text(int status)
{
    switch (status) {
    case SGK_STATUS_MET: return "MET";
    case SGK_STATUS_AMBER: return "AMBER";
    case SGK_STATUS_NOT_MET: return "NOT MET";
    case SGK_STATUS_NO_DATA: return "NO DATA";
    default: return "";
    }
}

static void write_table(FILE *out, const sgk_engine *e)
{
    int ind;
    fprintf(out, "%-52s %10s %13s %-28s %s\n", "Indicator", "Value",
            "Num/Den", "Target", "Status");
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        char v[32], f[64], t[96];
        value_text(v, sizeof v, e, ind);
        fraction_text(f, sizeof f, e, ind);
        target_text(t, sizeof t, e, ind);
        fprintf(out, "%-52.52s %10s %13s %-28.28s %s\n",
                sgk_indicator_label(ind), v, f, t,
                status_text(sgk_result_status(e, ind, SGK_GROUP_TOTAL, 0)));
    }
}

static void write_inputs(FILE *out, const sgk_engine *e)
{
    int i;
    fprintf(out, "\nInputs\n");
    for (i = 0; i < sgk_engine_input_count(e); i++)
        fprintf(out, "  %-40s %-13s read %lld, used %lld, rejected %lld\n",
                sgk_input_name(e, i), sgk_kind_name(sgk_input_kind(e, i)),
                (long long)sgk_input_rows_read(e, i),
                (long long)sgk_input_rows_used(e, i),
                (long long)sgk_input_rows_rejected(e, i));
}

static void write_rejections(FILE *out, const sgk_engine *e, int limit)
{
    int64_t r, n = sgk_engine_rejection_count(e);
    if (n == 0)
        return;
    fprintf(out, "\nRejections (%lld", (long long)n);
    if (n > limit)
        fprintf(out, ", first %d shown; --format json lists all", limit);
    fprintf(out, ")\n");
    for (r = 0; r < n && r < limit; r++) {
        const char *col = sgk_rejection_column(e, r);
        fprintf(out, "  %s:%lld%s%s%s: %s\n", sgk_rejection_input(e, r),
                (long long)sgk_rejection_line(e, r), col ? " [" : "",
                col ? col : "", col ? "]" : "", sgk_rejection_reason(e, r));
    }
}

int report_write_text(FILE *out, const sgk_engine *e, const report_options *o)
{
    fprintf(out, "sgkpi %s: %s to %s\n\n", sgk_version_string(), o->from,
            o->to);
    write_table(out, e);
    write_inputs(out, e);
    write_rejections(out, e, o->max_rejections > 0 ? o->max_rejections : 20);
    return ferror(out) ? -1 : 0;
}
