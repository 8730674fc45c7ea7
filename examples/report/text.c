/* The plain-text report: one aligned row per indicator, compact team and
 * month breakdowns when asked, then the input accounting, the first
 * rejections and where any exception lists went.  Text that came from the
 * inputs (team names, reasons quoting a value) is printed with control
 * characters replaced, so a hostile extract cannot drive the terminal. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

#define MONTHS_PER_TABLE 6

/* Characters on screen: UTF-8 lead bytes, controls shown as '?'. */
static int text_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Writes at most max characters of s (max < 0: all), '?' for controls, and
 * returns the characters written. */
static int put_clean(FILE *out, const char *s, int max)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        int lead = (*p & 0xC0) != 0x80;
        if (lead && max >= 0 && w >= max)
            break;
        if (*p < 0x20 || *p == 0x7F)
            fputc('?', out);
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) { /* C1 */
            fputc('?', out);
            p++;
        } else
            fputc(*p, out);
        w += lead;
    }
    return w;
}

/* s in a column of width characters, cut with "..." when longer. */
static void put_col(FILE *out, const char *s, int width, int right)
{
    int w = text_width(s), pad;
    if (w > width && width > 3) {
        put_clean(out, s, width - 3);
        fputs("...", out);
        return;
    }
    pad = width - w;
    if (right)
        fprintf(out, "%*s", pad > 0 ? pad : 0, "");
    put_clean(out, s, -1);
    if (!right)
        fprintf(out, "%*s", pad > 0 ? pad : 0, "");
}

static void put_status(FILE *out, int status, const report_options *o)
{
    const char *word = report_status_word(status), *on = NULL;
    switch (status) {
    case SGK_STATUS_MET: on = "\033[32m"; break;
    case SGK_STATUS_AMBER: on = "\033[33m"; break;
    case SGK_STATUS_NOT_MET: on = "\033[1;31m"; break;
    case SGK_STATUS_NO_DATA: on = "\033[2m"; break;
    default: break;
    }
    if (o->colour && on && *word)
        fprintf(out, "%s%s\033[0m", on, word);
    else
        fputs(word, out);
}

static int label_width(void)
{
    int i, w = 9;
    for (i = 0; i < sgk_indicator_count(); i++)
        if (text_width(sgk_indicator_label(i)) > w)
            w = text_width(sgk_indicator_label(i));
    return w;
}

/* How an indicator was worked out when it fell back on something else. */
static void write_notes(FILE *out, const sgk_engine *e)
{
    int ind, first = 1;
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        if (!sgk_result_note(e, ind))
            continue;
        fprintf(out, "%s  %s: %s\n", first ? "\nNotes:\n" : "",
                sgk_indicator_label(ind), sgk_result_note(e, ind));
        first = 0;
    }
}

static void write_table(FILE *out, const sgk_engine *e,
                        const report_options *o)
{
    int ind, lw = label_width(), tw = 6;
    char t[160];
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        report_target_text(t, sizeof t, e, ind, 1);
        if (text_width(t) > tw)
            tw = text_width(t);
    }
    put_col(out, "Indicator", lw, 0);
    fprintf(out, " %9s %11s  ", "Value", "Num/Den");
    put_col(out, "Target", tw, 0);
    fputs("  Status\n", out);
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        char v[32], f[80];
        report_cell c;
        report_cell_get(&c, e, o, ind, SGK_GROUP_TOTAL, 0);
        report_cell_value(v, sizeof v, &c);
        report_cell_fraction(f, sizeof f, &c);
        report_target_text(t, sizeof t, e, ind, 1);
        put_col(out, sgk_indicator_label(ind), lw, 0);
        fprintf(out, " %9s %11s  ", v, f);
        put_col(out, t, tw, 0);
        fputs("  ", out);
        put_status(out, c.status, o);
        fputc('\n', out);
    }
    write_notes(out, e);
}

static void write_summary(FILE *out, const sgk_engine *e,
                          const report_options *o)
{
    int n[5], with = 0;
    report_status_counts(e, n);
    with = n[1] + n[2] + n[3] + n[4];
    if (with > 0)
        fprintf(out, "\nTargets met: %d of %d (%d amber, %d not met, "
                     "%d no data)\n", n[SGK_STATUS_MET], with,
                n[SGK_STATUS_AMBER], n[SGK_STATUS_NOT_MET],
                n[SGK_STATUS_NO_DATA]);
    if (o->suppress == 1)
        fprintf(out, "%sFigures of 1 (and percentages built on them) are "
                     "suppressed and shown as c.\n", with > 0 ? "" : "\n");
    else if (o->suppress > 1)
        fprintf(out, "%sFigures from 1 to %d (and percentages built on "
                     "them) are suppressed and shown as c.\n",
                with > 0 ? "" : "\n", o->suppress);
}

static int team_width(const sgk_engine *e)
{
    int k, w = 4;
    for (k = 0; k < sgk_engine_team_count(e); k++)
        if (text_width(sgk_engine_team_name(e, k)) > w)
            w = text_width(sgk_engine_team_name(e, k));
    return w > 30 ? 30 : w;
}

/* A team table with nothing but "no data" in it is left out. */
static int any_team_value(const sgk_engine *e, const report_options *o,
                          int ind)
{
    int k;
    for (k = 0; k < sgk_engine_team_count(e); k++) {
        report_cell c;
        report_cell_get(&c, e, o, ind, SGK_GROUP_TEAM, k);
        if (c.has_value || c.suppressed)
            return 1;
    }
    return 0;
}

static void write_teams(FILE *out, const sgk_engine *e,
                        const report_options *o)
{
    int ind, k, n = sgk_engine_team_count(e), w = team_width(e);
    if (n == 0)
        return;
    fprintf(out, "\nBy team (indicators with no team figures left out)\n");
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        char t[160];
        report_cell total;
        report_cell_get(&total, e, o, ind, SGK_GROUP_TOTAL, 0);
        if (!total.present || !any_team_value(e, o, ind))
            continue;
        report_target_text(t, sizeof t, e, ind, 0);
        fprintf(out, "\n  %s%s%s%s\n", sgk_indicator_label(ind),
                *t ? " (target " : "", t, *t ? ")" : "");
        for (k = 0; k < n; k++) {
            char v[32], f[80];
            report_cell c;
            report_cell_get(&c, e, o, ind, SGK_GROUP_TEAM, k);
            report_cell_value(v, sizeof v, &c);
            report_cell_fraction(f, sizeof f, &c);
            fputs("    ", out);
            put_col(out, sgk_engine_team_name(e, k), w, 0);
            fprintf(out, " %9s %11s  ", v, f);
            put_status(out, c.status, o);
            fputc('\n', out);
        }
    }
}

static const char *mark(int status)
{
    return status == SGK_STATUS_NOT_MET ? "*"
           : status == SGK_STATUS_AMBER ? "~" : " ";
}

static void write_month_block(FILE *out, const sgk_engine *e,
                              const report_options *o, int m0, int m1)
{
    int ind, m;
    fprintf(out, "\n  %-24s", "Indicator");
    for (m = m0; m < m1; m++)
        fprintf(out, " %9s", sgk_engine_month_label(e, m));
    fputc('\n', out);
    for (ind = 0; ind < sgk_indicator_count(); ind++) {
        report_cell total;
        report_cell_get(&total, e, o, ind, SGK_GROUP_TOTAL, 0);
        if (!total.present || !report_has_breakdown(e, ind, SGK_GROUP_MONTH))
            continue;
        fprintf(out, "  %-24s", sgk_indicator_id(ind));
        for (m = m0; m < m1; m++) {
            char v[32];
            report_cell c;
            report_cell_get(&c, e, o, ind, SGK_GROUP_MONTH, m);
            report_cell_value(v, sizeof v, &c);
            if (!c.suppressed && !c.has_value)
                snprintf(v, sizeof v, "-");
            fprintf(out, " %8s", v);
            if (*mark(c.status) == ' ') {
                if (m + 1 < m1) /* no trailing blank at the line's end */
                    fputc(' ', out);
            } else if (o->colour) {
                fprintf(out, "\033[1;31m%s\033[0m", mark(c.status));
            } else {
                fputs(mark(c.status), out);
            }
        }
        fputc('\n', out);
    }
}

static void write_months(FILE *out, const sgk_engine *e,
                         const report_options *o)
{
    int m, n = sgk_engine_month_count(e);
    if (n == 0)
        return;
    fprintf(out, "\nBy month (* not met, ~ amber, - no data)\n");
    for (m = 0; m < n; m += MONTHS_PER_TABLE)
        write_month_block(out, e, o, m,
                          m + MONTHS_PER_TABLE < n ? m + MONTHS_PER_TABLE : n);
}

static void write_inputs(FILE *out, const sgk_engine *e)
{
    int i;
    fprintf(out, "\nInputs\n");
    for (i = 0; i < sgk_engine_input_count(e); i++) {
        const char *kind = sgk_kind_name(sgk_input_kind(e, i));
        fputs("  ", out);
        put_col(out, sgk_input_name(e, i), 40, 0);
        fprintf(out, " %-13s read %lld, used %lld, rejected %lld",
                kind ? kind : "?", (long long)sgk_input_rows_read(e, i),
                (long long)sgk_input_rows_used(e, i),
                (long long)sgk_input_rows_rejected(e, i));
        if (sgk_input_duplicates(e, i) > 0)
            fprintf(out, " (duplicates: %lld)",
                    (long long)sgk_input_duplicates(e, i));
        fputc('\n', out);
    }
}

/* Every (extract, field) the indicators read, with its blanks and invalid
 * values; aggregates only. */
static void write_dq(FILE *out, const sgk_engine *e, const report_options *o)
{
    int k, n = sgk_dq_count(e);
    if (n == 0)
        return;
    fprintf(out, "\nData quality: blank or invalid entries per field "
                 "(* over the target, ~ amber)\n");
    fprintf(out, "  %-40s %-24s %8s %7s %7s %8s\n", "Extract", "Field",
            "rows", "blank", "invalid", "%");
    for (k = 0; k < n; k++) {
        const char *header = sgk_dq_header(e, k);
        char pct[32];
        report_dq_percent(pct, sizeof pct, e, k);
        fputs("  ", out);
        put_col(out, sgk_input_name(e, sgk_dq_input(e, k)), 40, 0);
        fputc(' ', out);
        put_col(out, header && *header ? header : sgk_dq_field(e, k), 24, 0);
        fprintf(out, " %8lld %7lld %7lld %8s", (long long)sgk_dq_rows(e, k),
                (long long)sgk_dq_blank(e, k),
                (long long)sgk_dq_invalid(e, k), pct);
        if (*mark(sgk_dq_status(e, k)) == ' ')
            ;
        else if (o->colour)
            fprintf(out, "\033[1;31m%s\033[0m", mark(sgk_dq_status(e, k)));
        else
            fputs(mark(sgk_dq_status(e, k)), out);
        fputc('\n', out);
    }
}

static void write_rejections(FILE *out, const sgk_engine *e, int limit)
{
    int64_t r, n = sgk_engine_rejection_count(e);
    int64_t dropped = sgk_engine_rejections_dropped(e);
    if (n == 0 && dropped == 0)
        return;
    fprintf(out, "\nRejections (%lld", (long long)(n + dropped));
    if (n > limit)
        fprintf(out, ", first %d shown; --format json lists all", limit);
    fprintf(out, ")\n");
    for (r = 0; r < n && r < limit; r++) {
        const char *col = sgk_rejection_column(e, r);
        fputs("  ", out);
        put_clean(out, sgk_rejection_input(e, r), -1);
        fprintf(out, ":%lld", (long long)sgk_rejection_line(e, r));
        if (col) {
            fputs(" [", out);
            put_clean(out, col, -1);
            fputc(']', out);
        }
        fputs(": ", out);
        put_clean(out, sgk_rejection_reason(e, r), -1);
        fputc('\n', out);
    }
}

static void write_exceptions(FILE *out, const report_options *o)
{
    int i, any = 0;
    if (!o->exceptions)
        return;
    fprintf(out, "\nException lists (case level; they contain child "
                 "identifiers) in ");
    put_clean(out, o->exceptions, -1);
    fputc('\n', out);
    for (i = 0; o->exception_rows && i < sgk_indicator_count(); i++) {
        char rows[32];
        if (o->exception_rows[i] < 0)
            continue;
        report_exception_rows(rows, sizeof rows, o, o->exception_rows[i]);
        fprintf(out, "  %-32s %s\n", sgk_indicator_id(i), rows);
        any = 1;
    }
    if (!any)
        fprintf(out, "  none: no case-level exceptions in this period\n");
}

/* Copies text to out without blanks at the ends of lines. */
static int put_trimmed(FILE *out, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len, cut = end;
        while (cut > i && text[cut - 1] == ' ')
            cut--;
        fwrite(text + i, 1, cut - i, out);
        if (nl)
            fputc('\n', out);
        i = end + 1;
    }
    return ferror(out) ? -1 : 0;
}

static void write_all(FILE *out, const sgk_engine *e, const report_options *o);

int report_write_text(FILE *out, const sgk_engine *e, const report_options *o)
{
    char *text = NULL;
    size_t len = 0;
    int rc;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return -1;
    write_all(mem, e, o);
    rc = ferror(mem) ? -1 : 0;
    if (fclose(mem) != 0)
        rc = -1;
    if (rc == 0)
        rc = put_trimmed(out, text, len);
    free(text);
    return rc;
}

static void write_all(FILE *out, const sgk_engine *e, const report_options *o)
{
    fprintf(out, "sgkpi %s: %s to %s\n\n", sgk_version_string(), o->from,
            o->to);
    write_table(out, e, o);
    write_summary(out, e, o);
    write_teams(out, e, o);
    write_months(out, e, o);
    write_inputs(out, e);
    write_dq(out, e, o);
    write_rejections(out, e, o->max_rejections > 0 ? o->max_rejections : 20);
    write_exceptions(out, o);
}
