/* --exceptions DIR: the case-level records behind the measures, one CSV per
 * measure, for the managers who must act on them.  These files name
 * children, so they are written only when asked, only into DIR, readable
 * only by the user who ran the report (mode 0600, DIR created 0700), and
 * nothing else the program writes contains a child identifier.
 *
 * Columns: child_id, indicator, date, days, team, worker, input, line.
 * date and days mean, by measure (see docs/reports.md):
 *   *_overdue, *_completed_late   clock start, working days elapsed/taken
 *   unallocated_*                 unallocated since, days unallocated
 *   cp_open_2_years_plus          plan start, days open
 *   referral_decision_1wd         referral, working days to the decision
 *   re_referral_rate              referral, days since the one before
 *   cla_health_check, _dental     last check or blank, days without one
 *   cla_school_absence_25d        blank, days of school missed
 *   care_leavers_*                blank, blank
 * Rows come in the library's order: most urgent (most days) first. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "report.h"

static const char *const columns[] = {
    "child_id", "indicator", "date", "days", "team", "worker", "input",
    "line", NULL,
};

static char *join(const char *dir, const char *id)
{
    size_t n = strlen(dir) + strlen(id) + 8;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s.csv", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", id);
    return p;
}

static int write_list(sgk_engine *e, int ind, FILE *out)
{
    int64_t k, n = sgk_exception_count(e, ind);
    int i;
    report_csv_bom(out);
    for (i = 0; columns[i]; i++)
        report_csv_cell(out, columns[i], i == 0);
    report_csv_end_row(out);
    for (k = 0; k < n; k++) {
        char days[32], line[32];
        int64_t d = sgk_exception_days(e, ind, k);
        /* A record without days (sgk_exception_days) leaves it blank. */
        if (d < 0)
            days[0] = '\0';
        else
            snprintf(days, sizeof days, "%lld", (long long)d);
        snprintf(line, sizeof line, "%lld",
                 (long long)sgk_exception_line(e, ind, k));
        report_csv_cell(out, sgk_exception_child(e, ind, k), 1);
        report_csv_cell(out, sgk_indicator_id(ind), 0);
        report_csv_cell(out, sgk_exception_date(e, ind, k), 0);
        report_csv_cell(out, days, 0);
        report_csv_cell(out, sgk_exception_team(e, ind, k), 0);
        report_csv_cell(out, sgk_exception_worker(e, ind, k), 0);
        report_csv_cell(out, sgk_exception_input(e, ind, k), 0);
        report_csv_cell(out, line, 0);
        report_csv_end_row(out);
    }
    return ferror(out) ? -1 : 0;
}

/* 1 when path is a list this program wrote: it starts with our header. */
static int is_our_list(const char *path)
{
    static const char head[] =
        "\xEF\xBB\xBF" "child_id,indicator,date,days,team,worker,input,line\r\n";
    char buf[sizeof head];
    size_t n;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    n = fread(buf, 1, sizeof head - 1, fp);
    fclose(fp);
    return n == sizeof head - 1 && memcmp(buf, head, n) == 0;
}

static int make_dir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0700) == 0)
        return 0;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    fprintf(stderr, "sgkpi-report: cannot create the exceptions directory "
                    "%s: %s\n", dir,
            errno == EEXIST ? "it exists and is not a directory"
                            : strerror(errno));
    return -1;
}

int report_write_exceptions(sgk_engine *e, const char *dir, int64_t *rows)
{
    int ind;
    if (make_dir(dir) != 0)
        return -1;
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        report_outfile of;
        char *path = join(dir, sgk_indicator_id(ind));
        int rc = 0;
        rows[ind] = -1;
        if (!path) {
            fprintf(stderr, "sgkpi-report: out of memory\n");
            return -1;
        }
        if (sgk_exception_count(e, ind) == 0) {
            /* A list from an earlier run would now mislead: remove it
             * (only a file with our header; anything else is left). */
            if (is_our_list(path) && unlink(path) != 0)
                fprintf(stderr, "sgkpi-report: cannot remove the old list "
                                "%s: %s\n", path, strerror(errno));
            free(path);
            continue;
        }
        rc = report_outfile_open(&of, path, 1);
        if (rc == 0 && write_list(e, ind, of.fp) != 0) {
            fprintf(stderr, "sgkpi-report: cannot write %s\n", path);
            report_outfile_abort(&of);
            rc = -1;
        } else if (rc == 0) {
            rc = report_outfile_commit(&of);
        }
        free(path);
        if (rc != 0)
            return -1;
        rows[ind] = sgk_exception_count(e, ind);
    }
    return 0;
}
