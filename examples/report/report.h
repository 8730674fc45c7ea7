/* sgkpi-report: shared declarations of the report program's files.
 *
 * main.c      the run: engine set-up, inputs, compute, outputs
 * options.c   command line and --help
 * cell.c      one result cell as every format prints it (suppression)
 * json.c      the JSON contract
 * text.c      the text table and breakdowns
 * csv.c       the CSV report and the formula-safe CSV cell writer
 * html.c      the self-contained HTML report
 * html_quality.c  its data-quality and definitions sections
 * svg.c       its inline SVG charts
 * style.c     its stylesheet
 * quality.c   input accounting and the rejection reasons summary
 * exceptions.c  case-level exception lists (--exceptions DIR)
 * outfile.c   output written to a temporary name and renamed into place
 * progress.c  the progress bar on a terminal's stderr
 */
#ifndef SGK_REPORT_H
#define SGK_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include "sgkpi.h"

enum report_format {
    FORMAT_TEXT = 1,
    FORMAT_JSON = 2,
    FORMAT_CSV = 3,
    FORMAT_HTML = 4
};

typedef struct report_options {
    const char *from, *to;
    const char *thresholds;   /* path or profile name, or NULL */
    const char *benchmarks;
    const char *holidays;
    int by_team, monthly, fail_on_breach, quiet;
    int format;               /* 0 until chosen */
    int delimiter;
    int max_rejections;       /* rejections printed in text, 0 = default */
    int threads;              /* SGK_OPT_THREADS: 0 = online CPUs */
    int suppress;             /* --suppress N; 0 = off */
    long population;          /* SGK_OPT_POPULATION; -1 = not given */
    int referral_window;      /* SGK_OPT_REFERRAL_WINDOW; -1 = default */
    int per_10k_type;         /* SGK_OPT_PER_10K_TYPE; 0 = default */
    int colour;               /* text: ANSI colour on (decided in main) */
    const char *output;       /* --output FILE, NULL = stdout */
    const char *exceptions;   /* --exceptions DIR, NULL = not asked */
    /* Set by main after the exception lists are written: rows written per
     * indicator, -1 where no file was written.  NULL when not asked. */
    const int64_t *exception_rows;
    char **files;             /* KIND=PATH or PATH */
    int nfiles;
} report_options;

/* ---- options.c ---- */
/* Fills o from argv.  Returns 0, 2 after a usage error (printed), or 3
 * when --help or --version was printed and the program should exit 0. */
int report_parse_args(int argc, char **argv, report_options *o);
/* The path part of a KIND=PATH argument (the argument itself otherwise);
 * *kind gets the forced kind or SGK_KIND_AUTO. */
const char *report_input_path(const char *arg, int *kind);

/* ---- writers: take a computed engine; 0, or -1 on a write error ---- */
int report_write_json(FILE *out, const sgk_engine *e, const report_options *o);
int report_write_text(FILE *out, const sgk_engine *e, const report_options *o);
int report_write_csv(FILE *out, const sgk_engine *e, const report_options *o);
int report_write_html(FILE *out, const sgk_engine *e, const report_options *o);

/* ---- cell.c ---- */
/* One result cell, as every format shows it.  Values are the library's;
 * nothing is recomputed here. */
typedef struct report_cell {
    int unit;          /* enum sgk_unit */
    int percent;       /* unit is a percentage */
    int fraction;      /* value is built on numerator / denominator */
    int present;       /* the extract was given (numerator is a number) */
    int has_value;     /* value is a number */
    int suppressed;    /* --suppress hides value, numerator, denominator */
    double value, num, den; /* NaN when absent */
    int status;        /* enum sgk_rag */
} report_cell;

void report_cell_get(report_cell *c, const sgk_engine *e,
                     const report_options *o, int ind, int group, int k);
/* "33.3%", "12", "c" or "no data"; rates per 10,000 and averages with
 * one decimal ("412.5", "17.3"). */
void report_cell_value(char *buf, size_t cap, const report_cell *c);
/* "percent", "count", "rate_per_10k" or "average": the unit's name in the
 * JSON and CSV reports. */
const char *report_unit_name(int unit);
/* A short word for a value's unit on a chart's axis: "Per cent",
 * "Number", "Per 10,000", "Average". */
const char *report_unit_axis(int unit);
/* "1/3" for any unit built on a fraction, "c" when suppressed, "" for a
 * count. */
void report_cell_fraction(char *buf, size_t cap, const report_cell *c);
/* "<= 200 (IN 3)", or "" when no threshold applies. */
void report_target_text(char *buf, size_t cap, const sgk_engine *e, int ind,
                        int with_source);
/* "MET", "AMBER", "NOT MET", "NO DATA" or "". */
const char *report_status_word(int status);
/* The shortest text that reads back as the same double. */
void report_number(char *buf, size_t cap, double v);
/* "Apr 2011" for "2011-04"; the input itself when it is not YYYY-MM. */
void report_month_name(char *buf, size_t cap, const char *ym, int short_year);
/* 1 when some cell of the group has a figure: 0 for a breakdown the
 * indicator does not have (data quality by team, ethnicity by month) or
 * whose extract was not given. */
int report_has_breakdown(const sgk_engine *e, int ind, int group);
/* Counts of total statuses: met, amber, not met, no data. */
void report_status_counts(const sgk_engine *e, int counts[5]);

/* ---- csv.c ---- */
/* Writes one CSV cell (RFC 4180 quoting), a comma before it unless first,
 * neutralising a leading = + - @ tab or CR with a single quote. */
void report_csv_cell(FILE *out, const char *s, int first);
void report_csv_end_row(FILE *out);
/* The UTF-8 byte-order mark Excel needs to read UTF-8. */
void report_csv_bom(FILE *out);

/* ---- html.c ---- */
/* Writes s escaped for HTML text and attribute values; control characters
 * and invalid UTF-8 become U+FFFD. */
void report_html_text(FILE *out, const char *s);
/* <td class=cls data-label=label>s (left open for more content). */
void report_html_td(FILE *out, const char *label, const char *cls,
                    const char *s);

/* ---- html_quality.c ---- */
void report_html_quality(FILE *out, const sgk_engine *e);
void report_html_definitions(FILE *out);

/* ---- style.c ---- */
extern const char *const report_css[]; /* NULL-terminated pieces */

/* ---- svg.c ---- */
/* An SVG line chart of an indicator by month; an SVG bar chart of an
 * indicator by team, worst first.  Each writes exactly one <svg>. */
void report_svg_months(FILE *out, const sgk_engine *e,
                       const report_options *o, int ind);
void report_svg_teams(FILE *out, const sgk_engine *e,
                      const report_options *o, int ind);

/* ---- quality.c ---- */
typedef struct report_reason {
    char *text;          /* reason with quoted values replaced by '...' */
    int64_t count;
    int64_t first;       /* index of the first rejection with it */
} report_reason;
/* Groups rejection reasons, most frequent first.  *out is malloc'ed (free
 * each text and the array with report_reasons_free); -1 when out of memory. */
int report_reasons(const sgk_engine *e, report_reason **out, int *n);
void report_reasons_free(report_reason *r, int n);
/* Rows read, used and rejected over every input. */
void report_row_totals(const sgk_engine *e, int64_t *read, int64_t *used,
                       int64_t *rejected);
/* "extract: header" naming data-quality row k, in buf. */
void report_dq_name(char *buf, size_t cap, const sgk_engine *e, int k);
/* "4.2%" for data-quality row k, or "no rows". */
void report_dq_percent(char *buf, size_t cap, const sgk_engine *e, int k);
/* Indicators with an exception list written, and their rows total. */
int report_exception_files(const report_options *o, int64_t *rows);
/* Whether --suppress hides figure x (1 to N). */
int report_suppresses(const report_options *o, double x);
/* "12 records", "1 record", or "c records" when --suppress hides the
 * count: a list's length is a figure (a numerator, or a denominator less
 * it), so it is suppressed as the figure is. */
void report_exception_rows(char *buf, size_t cap, const report_options *o,
                           int64_t rows);

/* ---- exceptions.c ---- */
/* Writes DIR/<indicator id>.csv for each indicator with exceptions (and
 * removes such files left by an earlier run for indicators that now have
 * none).  rows[i] gets the rows written or -1.  0, or -1 after printing an
 * error. */
int report_write_exceptions(sgk_engine *e, const char *dir, int64_t *rows);

/* ---- outfile.c ---- */
typedef struct report_outfile {
    FILE *fp;
    char *tmp;         /* temporary name, NULL for stdout */
    char *path;
    int slot;
} report_outfile;
/* Opens path for writing through a temporary file in the same directory
 * (path NULL or "-" is stdout).  private_mode: 0600 instead of the umask.
 * 0, or -1 after printing an error. */
int report_outfile_open(report_outfile *of, const char *path,
                        int private_mode);
/* Flushes, syncs and renames into place: 0, or -1 after printing an error
 * (the temporary file is removed). */
int report_outfile_commit(report_outfile *of);
void report_outfile_abort(report_outfile *of);
/* Removes pending temporary files when the program is interrupted. */
void report_outfile_signals(void);

/* ---- progress.c ---- */
typedef struct report_progress {
    int on;
    int64_t total, base, size;
    double start, last;
    const char *name;
    int drawn;
} report_progress;
/* on when stderr is a terminal, not quiet, and the inputs are large. */
void report_progress_init(report_progress *p, const report_options *o);
void report_progress_file(report_progress *p, const char *path);
void report_progress_file_done(report_progress *p);
void report_progress_callback(int64_t done, int64_t total, void *user);
void report_progress_note(report_progress *p, const char *what);
void report_progress_end(report_progress *p);

#endif
