/* sgkpi-report: computes the indicators for a period from CSV extracts and
 * prints them as a text table or JSON.
 *
 * Exit status: 0 success, 1 a threshold not met with --fail-on-breach,
 * 2 usage or input errors. */
#include <stdlib.h>
#include <string.h>
#include "report.h"

static void usage(FILE *out)
{
    fputs(
"usage: sgkpi-report --from YYYY-MM-DD --to YYYY-MM-DD [options] FILE...\n"
"\n"
"Computes children's safeguarding indicators from CSV extracts. Each FILE's\n"
"kind is detected from its header, or forced as KIND=PATH (kinds: referrals,\n"
"assessments, cp_plans, cla_episodes, cases, workforce).\n"
"\n"
"options:\n"
"  --from DATE, --to DATE   reporting period, both inclusive (required)\n"
"  --thresholds FILE|NAME   thresholds CSV, or a built-in profile (kent-2011)\n"
"  --benchmarks FILE        benchmarks CSV (indicator,value,label)\n"
"  --by team                add a breakdown by team\n"
"  --monthly                add a breakdown by calendar month\n"
"  --holidays FILE          extra non-working days, one date per row\n"
"  --format text|json       output format (default text)\n"
"  --delimiter C            field separator: ',' (default), ';' or 'tab'\n"
"  --fail-on-breach         exit 1 when any threshold is not met\n"
"  --max-rejections N       rejections listed in text output (default 20)\n"
"  --quiet                  no progress or notes on stderr\n"
"  --help                   this text\n"
"\n"
"example:\n"
"  sgkpi-report --from 2011-04-01 --to 2012-03-31 --thresholds kent-2011 \\\n"
"      --by team --monthly examples/data/*.csv\n", out);
}

static int parse_delimiter(const char *s)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
        return '\t';
    if (strlen(s) == 1)
        return (unsigned char)s[0];
    return -1;
}

/* Returns 0, or 2 after printing a usage error. */
static int parse_args(int argc, char **argv, report_options *o)
{
    int i;
    memset(o, 0, sizeof *o);
    o->format = FORMAT_TEXT;
    o->delimiter = ',';
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->files)
        return 2;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = 1;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--by") == 0 && v && strcmp(v, "team") == 0) {
            o->by_team = 1;
        } else if (strcmp(a, "--from") == 0 && v) {
            o->from = v;
        } else if (strcmp(a, "--to") == 0 && v) {
            o->to = v;
        } else if (strcmp(a, "--thresholds") == 0 && v) {
            o->thresholds = v;
        } else if (strcmp(a, "--benchmarks") == 0 && v) {
            o->benchmarks = v;
        } else if (strcmp(a, "--holidays") == 0 && v) {
            o->holidays = v;
        } else if (strcmp(a, "--format") == 0 && v) {
            if (strcmp(v, "json") == 0)
                o->format = FORMAT_JSON;
            else if (strcmp(v, "text") == 0)
                o->format = FORMAT_TEXT;
            else {
                fprintf(stderr, "sgkpi-report: unknown format '%s'\n", v);
                return 2;
            }
        } else if (strcmp(a, "--delimiter") == 0 && v) {
            if ((o->delimiter = parse_delimiter(v)) < 0) {
                fprintf(stderr, "sgkpi-report: bad delimiter '%s'\n", v);
                return 2;
            }
        } else if (strcmp(a, "--max-rejections") == 0 && v) {
            o->max_rejections = atoi(v);
        } else {
            takes = 0;
            if (strcmp(a, "--monthly") == 0)
                o->monthly = 1;
            else if (strcmp(a, "--fail-on-breach") == 0)
                o->fail_on_breach = 1;
            else if (strcmp(a, "--quiet") == 0)
                o->quiet = 1;
            else if (a[0] == '-' && a[1] == '-') {
                fprintf(stderr, "sgkpi-report: unknown or incomplete option "
                                "'%s' (see --help)\n", a);
                return 2;
            } else
                o->files[o->nfiles++] = argv[i];
        }
        i += takes;
    }
    if (!o->from || !o->to || o->nfiles == 0) {
        fprintf(stderr, "sgkpi-report: --from, --to and at least one FILE "
                        "are required (see --help)\n");
        return 2;
    }
    return 0;
}

static int fail(const sgk_engine *e, int rc)
{
    fprintf(stderr, "sgkpi-report: %s\n",
            e && sgk_engine_errmsg(e)[0] ? sgk_engine_errmsg(e)
                                         : sgk_strerror(rc));
    return 2;
}

/* KIND=PATH forces a kind; a plain path is detected. */
static int add_input(sgk_engine *e, const char *arg)
{
    const char *eq = strchr(arg, '=');
    char kind[32];
    int k;
    if (eq && (size_t)(eq - arg) < sizeof kind) {
        memcpy(kind, arg, (size_t)(eq - arg));
        kind[eq - arg] = '\0';
        if ((k = sgk_kind_from_name(kind)) > 0)
            return sgk_engine_add_file(e, eq + 1, k);
    }
    return sgk_engine_add_file(e, arg, SGK_KIND_AUTO);
}

static int configure(sgk_engine *e, const report_options *o)
{
    int rc = sgk_engine_set_period(e, o->from, o->to);
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_DELIMITER, o->delimiter);
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_BY_TEAM, o->by_team);
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_BY_MONTH, o->monthly);
    if (rc == 0 && o->holidays)
        rc = sgk_engine_add_closure_file(e, o->holidays);
    if (rc == 0 && o->benchmarks)
        rc = sgk_engine_load_benchmarks(e, o->benchmarks);
    if (rc == 0 && o->thresholds) {
        if (strchr(o->thresholds, '.') || strchr(o->thresholds, '/'))
            rc = sgk_engine_load_thresholds(e, o->thresholds);
        else
            rc = sgk_engine_use_profile(e, o->thresholds);
    }
    return rc;
}

static int any_breach(const sgk_engine *e)
{
    int i;
    for (i = 0; i < sgk_indicator_count(); i++)
        if (sgk_result_status(e, i, SGK_GROUP_TOTAL, 0) == SGK_STATUS_NOT_MET)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    report_options o;
    sgk_engine *e = NULL;
    int rc, i, status = 0;

    if ((rc = parse_args(argc, argv, &o)) != 0) {
        free(o.files);
        return rc;
    }
    if ((rc = sgk_engine_new(&e)) != 0 || (rc = configure(e, &o)) != 0)
        status = fail(e, rc);
    for (i = 0; status == 0 && i < o.nfiles; i++)
        if ((rc = add_input(e, o.files[i])) != 0)
            status = fail(e, rc);
    if (status == 0 && (rc = sgk_engine_compute(e)) != 0)
        status = fail(e, rc);
    if (status == 0) {
        rc = o.format == FORMAT_JSON ? report_write_json(stdout, e, &o)
                                     : report_write_text(stdout, e, &o);
        if (rc != 0 || fflush(stdout) != 0) {
            fprintf(stderr, "sgkpi-report: cannot write the report\n");
            status = 2;
        } else if (o.fail_on_breach && any_breach(e)) {
            status = 1;
        }
    }
    sgk_engine_free(e);
    free(o.files);
    return status;
}
