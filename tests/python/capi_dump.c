/* capi_dump: the C API's own view of a computation, for the binding tests.
 *
 * usage: capi_dump FROM TO [-t THRESHOLDS] [-b BENCHMARKS] [-team] [-month]
 *                  FILE...
 *
 * Prints tab-separated lines (the same format as lua_dump.lua), numbers as
 * %.17g so that they read back as the same doubles, "-" for NaN or NULL:
 *   cell ID total|team|month KEY VALUE NUMERATOR DENOMINATOR STATUS
 *   threshold ID OP TARGET AMBER SOURCE LABEL
 *   benchmark ID VALUE LABEL
 *   meta ID UNIT NOTE          (unit as the JSON report names it)
 *   input NAME KIND READ USED REJECTED DUPLICATES
 *   dq INPUT FIELD HEADER ROWS BLANK INVALID VALUE STATUS
 *   rejection INPUT LINE COLUMN INDICATOR REASON
 *   dropped N
 * On failure: "error STATUS LINE MESSAGE" and exit status 2. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "sgkpi.h"

static const char *unit_name(int unit)
{
    switch (unit) {
    case SGK_UNIT_PERCENT: return "percent";
    case SGK_UNIT_COUNT: return "count";
    case SGK_UNIT_RATE_PER_10K: return "rate_per_10k";
    case SGK_UNIT_AVERAGE: return "average";
    default: return NULL;
    }
}

static int fail(sgk_engine *e, int rc)
{
    printf("error\t%d\t%lld\t%s\n", rc, (long long)sgk_engine_errline(e),
           sgk_engine_errmsg(e));
    sgk_engine_free(e);
    return 2;
}

static void num(double v)
{
    if (isnan(v))
        fputs("\t-", stdout);
    else
        printf("\t%.17g", v);
}

static void str(const char *s)
{
    printf("\t%s", s ? s : "-");
}

static void cell(const sgk_engine *e, int i, int g, int k, const char *key)
{
    static const char *groups[] = {"total", "team", "month"};
    printf("cell\t%s\t%s\t%s", sgk_indicator_id(i), groups[g], key);
    num(sgk_result_has_value(e, i, g, k) ? sgk_result_value(e, i, g, k)
                                         : NAN);
    num(sgk_result_numerator(e, i, g, k));
    num(sgk_result_denominator(e, i, g, k));
    str(sgk_status_name(sgk_result_status(e, i, g, k)));
    putchar('\n');
}

static void month_threshold(const sgk_engine *e, int i, int k)
{
    int g = SGK_GROUP_MONTH;
    if (!sgk_result_group_threshold_op(e, i, g, k))
        return;
    printf("month_threshold\t%s\t%s", sgk_indicator_id(i),
           sgk_engine_month_label(e, k));
    str(sgk_result_group_threshold_op(e, i, g, k));
    num(sgk_result_group_threshold_target(e, i, g, k));
    num(sgk_result_group_threshold_amber(e, i, g, k));
    str(sgk_result_group_threshold_source(e, i, g, k));
    str(sgk_result_group_threshold_label(e, i, g, k));
    putchar('\n');
}

static void dump(const sgk_engine *e)
{
    int i, k;
    int64_t r;

    for (i = 0; i < sgk_indicator_count(); i++) {
        cell(e, i, SGK_GROUP_TOTAL, 0, "-");
        for (k = 0; k < sgk_engine_team_count(e); k++)
            cell(e, i, SGK_GROUP_TEAM, k, sgk_engine_team_name(e, k));
        for (k = 0; k < sgk_engine_month_count(e); k++)
            cell(e, i, SGK_GROUP_MONTH, k, sgk_engine_month_label(e, k));
        for (k = 0; k < sgk_engine_month_count(e); k++)
            month_threshold(e, i, k);
        if (sgk_result_threshold_op(e, i)) {
            printf("threshold\t%s", sgk_indicator_id(i));
            str(sgk_result_threshold_op(e, i));
            num(sgk_result_threshold_target(e, i));
            num(sgk_result_threshold_amber(e, i));
            str(sgk_result_threshold_source(e, i));
            str(sgk_result_threshold_label(e, i));
            putchar('\n');
        }
        printf("meta\t%s", sgk_indicator_id(i));
        str(unit_name(sgk_indicator_unit(i)));
        str(sgk_result_note(e, i));
        putchar('\n');
        for (k = 0; k < sgk_result_benchmark_count(e, i); k++) {
            printf("benchmark\t%s", sgk_indicator_id(i));
            num(sgk_result_benchmark_value(e, i, k));
            str(sgk_result_benchmark_label(e, i, k));
            putchar('\n');
        }
    }
    for (i = 0; i < sgk_engine_input_count(e); i++)
        printf("input\t%s\t%s\t%lld\t%lld\t%lld\t%lld\n",
               sgk_input_name(e, i), sgk_kind_name(sgk_input_kind(e, i)),
               (long long)sgk_input_rows_read(e, i),
               (long long)sgk_input_rows_used(e, i),
               (long long)sgk_input_rows_rejected(e, i),
               (long long)sgk_input_duplicates(e, i));
    for (i = 0; i < sgk_dq_count(e); i++) {
        printf("dq\t%s", sgk_input_name(e, sgk_dq_input(e, i)));
        str(sgk_dq_field(e, i));
        str(sgk_dq_header(e, i));
        printf("\t%lld\t%lld\t%lld", (long long)sgk_dq_rows(e, i),
               (long long)sgk_dq_blank(e, i), (long long)sgk_dq_invalid(e, i));
        num(sgk_dq_value(e, i));
        str(sgk_status_name(sgk_dq_status(e, i)));
        putchar('\n');
    }
    for (r = 0; r < sgk_engine_rejection_count(e); r++) {
        printf("rejection\t%s\t%lld", sgk_rejection_input(e, r),
               (long long)sgk_rejection_line(e, r));
        str(sgk_rejection_column(e, r));
        str(sgk_rejection_indicator(e, r));
        str(sgk_rejection_reason(e, r));
        putchar('\n');
    }
    printf("dropped\t%lld\n", (long long)sgk_engine_rejections_dropped(e));
}

int main(int argc, char **argv)
{
    sgk_engine *e = NULL;
    int i, rc;

    if (argc < 4) {
        fputs("usage: capi_dump FROM TO [options] FILE...\n", stderr);
        return 2;
    }
    if ((rc = sgk_engine_new(&e)) != 0)
        return fail(e, rc);
    if ((rc = sgk_engine_set_period(e, argv[1], argv[2])) != 0)
        return fail(e, rc);
    for (i = 3; i < argc; i++) {
        if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
            rc = sgk_engine_load_thresholds(e, argv[++i]);
        else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
            rc = sgk_engine_load_benchmarks(e, argv[++i]);
        else if (strcmp(argv[i], "-team") == 0)
            rc = sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1);
        else if (strcmp(argv[i], "-month") == 0)
            rc = sgk_engine_set_option(e, SGK_OPT_BY_MONTH, 1);
        else
            rc = sgk_engine_add_file(e, argv[i], SGK_KIND_AUTO);
        if (rc != 0)
            return fail(e, rc);
    }
    if ((rc = sgk_engine_compute(e)) != 0)
        return fail(e, rc);
    dump(e);
    sgk_engine_free(e);
    return 0;
}
