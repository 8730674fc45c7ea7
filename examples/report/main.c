/* sgkpi-report: computes the indicators for a period from CSV extracts and
 * writes them as a text table, CSV, a self-contained HTML report or JSON,
 * optionally with case-level exception lists.
 *
 * Exit status: 0 success, 1 a threshold not met with --fail-on-breach,
 * 2 usage, input or output errors. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report.h"

static int fail(const sgk_engine *e, int rc)
{
    fprintf(stderr, "sgkpi-report: %s\n",
            e && sgk_engine_errmsg(e)[0] ? sgk_engine_errmsg(e)
                                         : sgk_strerror(rc));
    return 2;
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
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS, o->exceptions != 0);
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_THREADS, o->threads);
    if (rc == 0 && o->population >= 0)
        rc = sgk_engine_set_option(e, SGK_OPT_POPULATION, o->population);
    if (rc == 0 && o->referral_window >= 0)
        rc = sgk_engine_set_option(e, SGK_OPT_REFERRAL_WINDOW,
                                   o->referral_window);
    if (rc == 0 && o->per_10k_type > 0)
        rc = sgk_engine_set_option(e, SGK_OPT_PER_10K_TYPE, o->per_10k_type);
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

static int read_inputs(sgk_engine *e, const report_options *o)
{
    report_progress p;
    int i, rc = 0;
    report_progress_init(&p, o);
    if (p.on)
        sgk_engine_set_progress(e, report_progress_callback, &p);
    for (i = 0; rc == 0 && i < o->nfiles; i++) {
        int kind;
        const char *path = report_input_path(o->files[i], &kind);
        report_progress_file(&p, path);
        rc = sgk_engine_add_file(e, path, kind);
        report_progress_file_done(&p);
    }
    if (rc == 0) {
        report_progress_note(&p, "computing the indicators");
        rc = sgk_engine_compute(e);
    }
    report_progress_end(&p);
    sgk_engine_set_progress(e, NULL, NULL);
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

static int write_report(const sgk_engine *e, report_options *o)
{
    report_outfile of;
    int rc;
    if (report_outfile_open(&of, o->output, 0) != 0)
        return -1;
    if (!o->output && o->format == FORMAT_TEXT) {
        const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
        o->colour = isatty(STDOUT_FILENO) && !(nc && *nc)
                    && !(term && strcmp(term, "dumb") == 0);
    }
    switch (o->format) {
    case FORMAT_JSON: rc = report_write_json(of.fp, e, o); break;
    case FORMAT_CSV: rc = report_write_csv(of.fp, e, o); break;
    case FORMAT_HTML: rc = report_write_html(of.fp, e, o); break;
    default: rc = report_write_text(of.fp, e, o); break;
    }
    if (rc != 0) {
        fprintf(stderr, "sgkpi-report: cannot write the report%s%s\n",
                o->output ? " to " : "", o->output ? o->output : "");
        report_outfile_abort(&of);
        return -1;
    }
    return report_outfile_commit(&of);
}

/* Tells the user on stderr where the child-level lists went. */
static void note_exceptions(const report_options *o)
{
    int64_t rows;
    int files = report_exception_files(o, &rows);
    if (o->quiet || !o->exceptions)
        return;
    if (files == 0)
        fprintf(stderr, "sgkpi-report: no case-level exceptions; nothing "
                        "written to %s\n", o->exceptions);
    else
        fprintf(stderr, "sgkpi-report: %d exception list%s (%lld "
                        "record%s, with child identifiers) written to %s\n",
                files, files == 1 ? "" : "s", (long long)rows,
                rows == 1 ? "" : "s", o->exceptions);
}

int main(int argc, char **argv)
{
    report_options o;
    sgk_engine *e = NULL;
    int64_t *rows = NULL;
    int rc, status = 0;

    if ((rc = report_parse_args(argc, argv, &o)) != 0) {
        free(o.files);
        return rc == 3 ? 0 : rc;
    }
    report_outfile_signals();
    if ((rc = sgk_engine_new(&e)) != 0 || (rc = configure(e, &o)) != 0
        || (rc = read_inputs(e, &o)) != 0)
        status = fail(e, rc);
    if (status == 0 && o.exceptions) {
        rows = calloc((size_t)sgk_indicator_count(), sizeof *rows);
        if (!rows)
            fprintf(stderr, "sgkpi-report: out of memory\n");
        if (!rows || report_write_exceptions(e, o.exceptions, rows) != 0)
            status = 2;
        o.exception_rows = rows;
    }
    if (status == 0 && write_report(e, &o) != 0)
        status = 2;
    if (status == 0) {
        note_exceptions(&o);
        if (o.fail_on_breach && any_breach(e))
            status = 1;
    }
    sgk_engine_free(e);
    free(rows);
    free(o.files);
    return status;
}
