/* Threshold sets and benchmarks: the built-in kent-2011 profile, the two CSV
 * loaders, choosing the threshold that applies to a period, and RAG status.
 *
 * Loading is all-or-nothing: rows are parsed into a scratch vector that is
 * moved onto the engine's targets only once the whole file has proved good,
 * so a caller never ends up with half a file. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "columns.h"
#include "csv_reader.h"
#include "thresholds.h"

/* The open lower bound of a range.  SGK__NO_DATE (INT32_MAX) is the open
 * upper bound, so "from <= to <= until" needs no special cases. */
#define OPEN_FROM INT32_MIN
#define MAX_COLS 8
/* Longest number or indicator id accepted.  Anything longer is certainly
 * wrong, and the limit lets us make NUL-terminated copies on the stack. */
#define TEXT_MAX 64
/* Field text quoted in a message is cut short so one long cell cannot
 * crowd out the rest of the message. */
#define CLIP(len) (int)((len) < TEXT_MAX ? (len) : TEXT_MAX)

/* ---- Lifetime ----------------------------------------------------------- */
void sgk__targets_init(sgk__targets *t)
{
    sgk__vec_init(&t->thresholds, sizeof(sgk__threshold));
    sgk__vec_init(&t->benchmarks, sizeof(sgk__benchmark));
}

static void threshold_release(const sgk__mem *mem, void *item)
{
    sgk__threshold *th = item;
    sgk__free(mem, th->target_benchmark);
    sgk__free(mem, th->source);
    sgk__free(mem, th->label);
}

static void benchmark_release(const sgk__mem *mem, void *item)
{
    sgk__benchmark *b = item;
    sgk__free(mem, b->label);
}

static void vec_release(const sgk__mem *mem, sgk__vec *v,
                        void (*release)(const sgk__mem *, void *))
{
    size_t i;
    for (i = 0; i < v->len; i++)
        release(mem, sgk__vec_at(v, i));
    sgk__vec_free(mem, v);
}

void sgk__targets_free(const sgk__mem *mem, sgk__targets *t)
{
    vec_release(mem, &t->thresholds, threshold_release);
    vec_release(mem, &t->benchmarks, benchmark_release);
}

static int out_of_memory(sgk__error *err, const char *file)
{
    return sgk__error_set(err, SGK_E_NOMEM, file, 0, NULL, "out of memory");
}

/* Appends to a NUL-terminated buffer, truncating quietly: it only builds
 * messages, where a clipped list is better than none. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void text_add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, cap - used, fmt, ap);
    va_end(ap);
}

/* ---- CSV loading, shared by thresholds and benchmarks ------------------ */
typedef struct colspec {
    const char *name;        /* canonical name, used in messages */
    int required;
    const char *aliases[4];  /* normalised headings accepted */
} colspec;

enum { T_INDICATOR, T_OP, T_TARGET, T_FROM, T_TO, T_SOURCE, T_LABEL,
       T_AMBER, T_NCOLS };
enum { B_INDICATOR, B_VALUE, B_LABEL, B_NCOLS };

static const colspec threshold_cols[T_NCOLS] = {
    {"indicator", 1, {"indicator", "indicator id", "id"}},
    {"op", 1, {"op", "operator"}},
    {"target", 1, {"target"}},
    {"from", 0, {"from", "from date", "valid from"}},
    {"to", 0, {"to", "to date", "valid to"}},
    {"source", 0, {"source"}},
    {"label", 0, {"label", "description"}},
    {"amber", 0, {"amber"}},
};
static const colspec benchmark_cols[B_NCOLS] = {
    {"indicator", 1, {"indicator", "indicator id", "id"}},
    {"value", 1, {"value"}},
    {"label", 0, {"label", "description"}},
};

typedef struct loader {
    const sgk__mem *mem;
    const char *name;        /* the input's name, for messages */
    sgk__error *err;
    const colspec *cols;
    size_t ncols;
    int field[MAX_COLS];     /* field index holding each column, or -1 */
    char *heading[MAX_COLS]; /* each column's header as written */
    int have_header;
    /* The row being read: each column's trimmed text ("" when absent). */
    const char *cell[MAX_COLS];
    size_t len[MAX_COLS];
    int64_t line;
    sgk__vec out;            /* rows parsed so far, not yet handed over */
    int (*parse_row)(struct loader *ld);
} loader;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int row_error(loader *ld, int col, const char *fmt, ...)
{
    char why[768];
    const char *column = ld->heading[col] ? ld->heading[col]
                                          : ld->cols[col].name;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return sgk__error_set(ld->err, SGK_E_THRESHOLD, ld->name, ld->line,
                          column, "%s line %lld, column '%s': %s", ld->name,
                          (long long)ld->line, column, why);
}

/* The column a header names, or -1 for a column this file kind ignores. */
static int column_of(const loader *ld, const sgk__field *h)
{
    char norm[TEXT_MAX];
    size_t c, a;
    sgk__header_normalise(h->data, h->len, norm, sizeof norm);
    for (c = 0; c < ld->ncols; c++)
        for (a = 0; a < 4 && ld->cols[c].aliases[a]; a++)
            if (strcmp(norm, ld->cols[c].aliases[a]) == 0)
                return (int)c;
    return -1;
}

static int missing_column(loader *ld, int col, const sgk__field *f, size_t n)
{
    char found[600] = "";
    size_t i;
    for (i = 0; i < n; i++)
        text_add(found, sizeof found, "%s'%.*s'", i ? ", " : "",
                 CLIP(f[i].len), f[i].data);
    return sgk__error_set(ld->err, SGK_E_THRESHOLD, ld->name, ld->line,
                          ld->cols[col].name,
                          "%s line %lld: required column '%s' is missing; "
                          "headers found: %s", ld->name, (long long)ld->line,
                          ld->cols[col].name, found);
}

static int map_header(loader *ld, const sgk__field *f, size_t n)
{
    size_t i;
    int c;
    for (i = 0; i < n; i++) {
        c = column_of(ld, &f[i]);
        if (c < 0)
            continue; /* extra columns are allowed and ignored */
        if (ld->field[c] >= 0)
            return row_error(ld, c, "the %s column appears twice",
                             ld->cols[c].name);
        ld->field[c] = (int)i;
        ld->heading[c] = sgk__strndup(ld->mem, f[i].data, f[i].len);
        if (!ld->heading[c])
            return out_of_memory(ld->err, ld->name);
    }
    for (c = 0; c < (int)ld->ncols; c++)
        if (ld->cols[c].required && ld->field[c] < 0)
            return missing_column(ld, c, f, n);
    return 0;
}

static int on_record(void *ctx, const sgk__field *f, size_t n, int64_t line)
{
    loader *ld = ctx;
    size_t c;
    ld->line = line;
    if (!ld->have_header) {
        ld->have_header = 1;
        return map_header(ld, f, n);
    }
    for (c = 0; c < ld->ncols; c++) {
        int i = ld->field[c];
        ld->cell[c] = (i >= 0 && (size_t)i < n) ? f[i].data : "";
        ld->len[c] = (i >= 0 && (size_t)i < n) ? f[i].len : 0;
        sgk__trim(&ld->cell[c], &ld->len[c]);
    }
    return ld->parse_row(ld);
}

/* The reader's own reason says the record "is skipped", which is not true
 * here: a targets file with an unreadable row is refused as a whole. */
static int on_bad_record(void *ctx, int64_t line, size_t field,
                         const char *reason)
{
    loader *ld = ctx;
    (void)reason;
    return sgk__error_set(ld->err, SGK_E_THRESHOLD, ld->name, line, NULL,
                          "%s line %lld, field %lu: not valid CSV (a stray "
                          "double quote, or a quoted field never closed)",
                          ld->name, (long long)line, (unsigned long)field);
}

static char lower_ascii(char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
}

/* Indicator ids are lower-case ASCII; ignoring case forgives spreadsheets
 * that capitalise the first letter of a cell. */
static int read_indicator(loader *ld, int col, int *out)
{
    char id[TEXT_MAX], known[600] = "";
    const char *s = ld->cell[col];
    size_t len = ld->len[col], i;
    int k;
    if (len == 0)
        return row_error(ld, col, "the indicator id is blank");
    *out = -1;
    if (len < sizeof id) {
        for (i = 0; i < len; i++)
            id[i] = lower_ascii(s[i]);
        id[len] = '\0';
        *out = sgk_indicator_find(id);
    }
    if (*out >= 0)
        return 0;
    for (k = 0; k < sgk_indicator_count(); k++)
        text_add(known, sizeof known, "%s%s", k ? ", " : "",
                 sgk_indicator_id(k));
    return row_error(ld, col, "unknown indicator '%.*s'; known: %s",
                     CLIP(len), s, known);
}

/* A plain decimal number: an optional sign, digits, an optional point and
 * digits.  Parsed by hand rather than with strtod, which follows the
 * host's locale (a program that set a decimal-comma locale would refuse
 * "80.4") and also takes hex, "nan" and "inf".  Up to 15 significant
 * digits: the whole digits and the power of ten are then exact doubles,
 * so one division gives the correctly rounded value, as strtod would. */
static int parse_number(const char *s, size_t len, double *out)
{
    double mantissa = 0, scale = 1;
    size_t i = 0;
    int digits = 0, neg = 0, point = 0;
    if (len > 0 && (s[0] == '-' || s[0] == '+'))
        neg = s[i++] == '-';
    for (; i < len; i++) {
        if (s[i] == '.' && !point) {
            point = 1;
        } else if (s[i] >= '0' && s[i] <= '9') {
            if (++digits > 15)
                return -1;
            mantissa = mantissa * 10 + (s[i] - '0');
            if (point)
                scale *= 10;
        } else {
            return -1;
        }
    }
    if (digits == 0)
        return -1;
    *out = (neg ? -mantissa : mantissa) / scale;
    return 0;
}

static int read_number(loader *ld, int col, double *out)
{
    if (ld->len[col] == 0)
        return row_error(ld, col, "the %s is blank", ld->cols[col].name);
    if (parse_number(ld->cell[col], ld->len[col], out) != 0)
        return row_error(ld, col, "'%.*s' is not a number",
                         CLIP(ld->len[col]), ld->cell[col]);
    return 0;
}

/* ---- Threshold rows ---------------------------------------------------- */
static int read_op(loader *ld, sgk__threshold *th)
{
    /* ASCII first, then U+2264 / U+2265 in UTF-8 for people who type them. */
    static const struct { const char *text; int op; } ops[] = {
        {"<=", SGK__OP_LE}, {">=", SGK__OP_GE},
        {"\xE2\x89\xA4", SGK__OP_LE}, {"\xE2\x89\xA5", SGK__OP_GE},
    };
    const char *s = ld->cell[T_OP];
    size_t len = ld->len[T_OP], i;
    for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (len == strlen(ops[i].text) && memcmp(s, ops[i].text, len) == 0) {
            th->op = ops[i].op;
            return 0;
        }
    return row_error(ld, T_OP, "op must be <= or >=, not '%.*s'", CLIP(len),
                     s);
}

static int read_target(loader *ld, sgk__threshold *th)
{
    static const char prefix[] = "benchmark:";
    const size_t plen = sizeof prefix - 1;
    const char *s = ld->cell[T_TARGET];
    size_t len = ld->len[T_TARGET], i;
    for (i = 0; i < plen && i < len; i++)
        if (lower_ascii(s[i]) != prefix[i])
            break;
    if (i < plen)
        return read_number(ld, T_TARGET, &th->target);
    s += plen;
    len -= plen;
    sgk__trim(&s, &len);
    if (len == 0)
        return row_error(ld, T_TARGET,
                         "'benchmark:' must be followed by a benchmark label");
    th->target = NAN;
    th->target_benchmark = sgk__strndup(ld->mem, s, len);
    return th->target_benchmark ? 0 : out_of_memory(ld->err, ld->name);
}

static int read_day(loader *ld, int col, sgk__day open, sgk__day *out)
{
    const char *why = "not a date";
    int rc = sgk__date_parse(ld->cell[col], ld->len[col], out, &why);
    if (rc == SGK__DATE_BLANK)
        *out = open;
    else if (rc != SGK__DATE_OK)
        return row_error(ld, col, "'%.*s' is not a date (%s)",
                         CLIP(ld->len[col]), ld->cell[col], why);
    return 0;
}

static int read_period(loader *ld, sgk__threshold *th)
{
    int rc = read_day(ld, T_FROM, OPEN_FROM, &th->from);
    if (rc == 0)
        rc = read_day(ld, T_TO, SGK__NO_DATE, &th->to);
    if (rc != 0 || th->from <= th->to)
        return rc;
    return row_error(ld, T_TO, "the range ends (%.*s) before it starts "
                     "(%.*s)", CLIP(ld->len[T_TO]), ld->cell[T_TO],
                     CLIP(ld->len[T_FROM]), ld->cell[T_FROM]);
}

/* The amber boundary must lie on the failing side of the target, or the
 * amber band would be inverted.  A benchmark target is only known later,
 * so that check is left to sgk__rag, whose comparisons stay safe. */
static int read_amber(loader *ld, sgk__threshold *th)
{
    int rc, le = th->op == SGK__OP_LE;
    th->amber = NAN;
    if (ld->len[T_AMBER] == 0)
        return 0;
    rc = read_number(ld, T_AMBER, &th->amber);
    if (rc != 0 || th->target_benchmark)
        return rc;
    if (le ? th->amber < th->target : th->amber > th->target)
        return row_error(ld, T_AMBER, "for %s the amber boundary (%g) must "
                         "not be %s the target (%g)", le ? "<=" : ">=",
                         th->amber, le ? "below" : "above", th->target);
    return 0;
}

/* source defaults to ""; label defaults to the rule as written
 * ("ia_timeliness >= 69") so that reports always have something to show. */
static int read_texts(loader *ld, sgk__threshold *th)
{
    size_t idlen = ld->len[T_INDICATOR], tlen = ld->len[T_TARGET];
    size_t size = idlen + tlen + 5;
    th->source = sgk__strndup(ld->mem, ld->cell[T_SOURCE], ld->len[T_SOURCE]);
    if (ld->len[T_LABEL] > 0) {
        th->label = sgk__strndup(ld->mem, ld->cell[T_LABEL], ld->len[T_LABEL]);
    } else {
        th->label = sgk__malloc(ld->mem, size);
        if (th->label)
            snprintf(th->label, size, "%.*s %s %.*s", (int)idlen,
                     ld->cell[T_INDICATOR], th->op == SGK__OP_LE ? "<=" : ">=",
                     (int)tlen, ld->cell[T_TARGET]);
    }
    return th->source && th->label ? 0 : out_of_memory(ld->err, ld->name);
}

/* Copies a fully parsed row into the scratch vector, which then owns its
 * strings. */
static int push_row(loader *ld, const void *item)
{
    void *slot = sgk__vec_push(ld->mem, &ld->out);
    if (!slot)
        return out_of_memory(ld->err, ld->name);
    memcpy(slot, item, ld->out.item_size);
    return 0;
}

static int threshold_row(loader *ld)
{
    sgk__threshold th;
    int rc;
    memset(&th, 0, sizeof th);
    if ((rc = read_indicator(ld, T_INDICATOR, &th.indicator)) == 0 &&
        (rc = read_op(ld, &th)) == 0 && (rc = read_target(ld, &th)) == 0 &&
        (rc = read_period(ld, &th)) == 0 && (rc = read_amber(ld, &th)) == 0 &&
        (rc = read_texts(ld, &th)) == 0)
        rc = push_row(ld, &th);
    if (rc != 0)
        threshold_release(ld->mem, &th);
    return rc;
}

static int benchmark_row(loader *ld)
{
    sgk__benchmark b;
    int rc;
    memset(&b, 0, sizeof b);
    if ((rc = read_indicator(ld, B_INDICATOR, &b.indicator)) != 0 ||
        (rc = read_number(ld, B_VALUE, &b.value)) != 0)
        return rc;
    b.label = ld->len[B_LABEL]
                  ? sgk__strndup(ld->mem, ld->cell[B_LABEL], ld->len[B_LABEL])
                  : sgk__strdup(ld->mem, "benchmark");
    rc = b.label ? push_row(ld, &b) : out_of_memory(ld->err, ld->name);
    if (rc != 0)
        benchmark_release(ld->mem, &b);
    return rc;
}

/* ---- Running a loader over a buffer ------------------------------------ */
static int loader_parse(loader *ld, const char *data, size_t len)
{
    sgk__reader r;
    int rc = sgk__reader_init(&r, ld->mem, ',', on_record, on_bad_record, ld);
    if (rc == 0 && data && len > 0) /* NULL data reads as an empty file */
        rc = sgk__reader_feed(&r, data, len);
    if (rc == 0)
        rc = sgk__reader_finish(&r);
    sgk__reader_free(&r);
    if (rc == SGK_E_NOMEM)
        return out_of_memory(ld->err, ld->name);
    if (rc == 0 && !ld->have_header)
        rc = sgk__error_set(ld->err, SGK_E_THRESHOLD, ld->name, 0, NULL,
                            "%s: the file is empty (no header row)",
                            ld->name);
    return rc;
}

/* Parses the whole buffer into a scratch vector, then moves every row onto
 * dst, or none. */
static int load(const sgk__mem *mem, sgk__vec *dst, const char *name,
                const char *data, size_t len, sgk__error *err,
                const colspec *cols, size_t ncols, int (*parse_row)(loader *),
                void (*release)(const sgk__mem *, void *))
{
    loader ld;
    size_t c;
    int rc;
    memset(&ld, 0, sizeof ld);
    ld.mem = mem;
    ld.name = name ? name : "(buffer)";
    ld.err = err;
    ld.cols = cols;
    ld.ncols = ncols;
    ld.parse_row = parse_row;
    for (c = 0; c < MAX_COLS; c++)
        ld.field[c] = -1;
    sgk__vec_init(&ld.out, dst->item_size);
    rc = loader_parse(&ld, data, len);
    if (rc == 0 && sgk__vec_reserve(mem, dst, ld.out.len) != 0)
        rc = out_of_memory(err, ld.name);
    if (rc == 0 && ld.out.len > 0)
        memcpy((char *)dst->items + dst->len * dst->item_size, ld.out.items,
               ld.out.len * ld.out.item_size);
    if (rc == 0)
        dst->len += ld.out.len;
    else
        vec_release(mem, &ld.out, release); /* frees the strings too */
    sgk__vec_free(mem, &ld.out);
    for (c = 0; c < MAX_COLS; c++)
        sgk__free(mem, ld.heading[c]);
    return rc;
}

int sgk__targets_load_thresholds(const sgk__mem *mem, sgk__targets *t,
                                 const char *name, const char *data,
                                 size_t len, sgk__error *err)
{
    return load(mem, &t->thresholds, name, data, len, err, threshold_cols,
                T_NCOLS, threshold_row, threshold_release);
}

int sgk__targets_load_benchmarks(const sgk__mem *mem, sgk__targets *t,
                                 const char *name, const char *data,
                                 size_t len, sgk__error *err)
{
    return load(mem, &t->benchmarks, name, data, len, err, benchmark_cols,
                B_NCOLS, benchmark_row, benchmark_release);
}

/* ---- The built-in profile ----------------------------------------------
 * A profile is just a thresholds file that ships inside the library, so it
 * goes through the same loader and checks as a user's file.  Kent County
 * Council, "Putting Children First", March 2011: Appendix 2 (Improvement
 * Notice targets IN 1-16) and the plan's actions; docs/thresholds.md says
 * where each row comes from.  IN 15 (fourth bullet) and IN 16 are quoted
 * from Appendix 2: "Reduce the percentage of children in care who miss 25
 * days or more days of schooling during the academic year to no more than
 * 11%" (no date; action 2.4.10 aims at the end of 2011/12), and "the
 * percentage of children in care having health and dental checks
 * increases to at least the England average of 85% by March 2012 and to at
 * least maintain that over the period 2012-13" (no baseline given). */
static const char kent_2011[] =
    "indicator,op,target,from,to,source,label\n"
    "unallocated_over_28_days,<=,200,,,IN 3,"
    "Cases unallocated for over 28 days: 200 or fewer from August 2011\n"
    "ia_overdue,<=,200,,,IN 3,"
    "Initial assessments out of timescale: 200 or fewer from August 2011\n"
    "ca_overdue,<=,100,,,IN 3,"
    "Core assessments out of timescale: 100 or fewer from August 2011\n"
    "ia_timeliness,>=,69,,,IN 6 / action 2.2.6,"
    "Initial assessments done within 7 working days: at least 69%\n"
    "ca_timeliness,>=,80.4,,,IN 6 / action 2.2.6,"
    "Core assessments done within 35 working days: at least 80.4%\n"
    "cp_plans_2_years_plus,<=,6,2012-04-01,2013-03-31,IN 8,"
    "Plans ending after two years or more: 6% or less in 2012-13\n"
    "cp_repeat_plans,<=,13.6,,,IN 8 / action 2.3.7,"
    "Second or later plans: down to the 13.6% neighbour average\n"
    "sw_vacancy_rate,<=,10,,,IN 9,"
    "Qualified social worker vacancy rate: 10% or less\n"
    "adoption_rate,>=,11,,2012-03-31,IN 14,"
    "Children leaving care who are adopted: 11% by March 2012\n"
    "adoption_rate,>=,13,2012-04-01,2013-03-31,IN 14,"
    "Children leaving care who are adopted: 13% over 2012-13\n"
    "unallocated_cp_cla,<=,0,,,action 2.1.3,"
    "Child protection and looked-after cases with no social worker: none\n"
    "referral_to_assessment,>=,65,2012-01-01,2012-03-31,IN 7,"
    "Referrals going on to initial assessment: from the 2009-10 baseline "
    "of 46% to 65% over January to March 2012\n"
    "referral_to_assessment,>=,65,2012-04-01,2013-03-31,IN 7,"
    "Referrals going on to initial assessment: an average of at least 65% "
    "over 2012-13\n"
    "cla_school_absence_25d,<=,11,,,IN 15,"
    "Children in care missing 25 or more days of school: no more than 11%\n"
    "cla_health_check,>=,85,,2012-03-31,IN 16,"
    "Children in care having health checks: at least 85% by March 2012\n"
    "cla_health_check,>=,85,2012-04-01,2013-03-31,IN 16,"
    "Children in care having health checks: at least 85% kept over 2012-13\n"
    "cla_dental_check,>=,85,,2012-03-31,IN 16,"
    "Children in care having dental checks: at least 85% by March 2012\n"
    "cla_dental_check,>=,85,2012-04-01,2013-03-31,IN 16,"
    "Children in care having dental checks: at least 85% kept over 2012-13\n"
    "dq_blank_or_invalid,<=,5,,,action 3.2.7,"
    "Data quality errors or blanks: at most 5% of the entries per field\n"
    "ethnicity_recorded,>=,100,,,action 6.3.6,"
    "Ethnicity data entered for all cases\n";

int sgk__targets_use_profile(const sgk__mem *mem, sgk__targets *t,
                             const char *name, sgk__error *err)
{
    int rc;
    if (!name || strcmp(name, "kent-2011") != 0)
        return sgk__error_set(err, SGK_E_NOT_FOUND, NULL, 0, NULL,
                              "unknown threshold profile '%s'; known "
                              "profiles: kent-2011", name ? name : "(null)");
    rc = sgk__targets_load_thresholds(mem, t, name, kent_2011,
                                      sizeof kent_2011 - 1, err);
    /* Only possible if indicators.c and this table disagree on an id. */
    return rc == SGK_E_THRESHOLD ? SGK_E_NOT_FOUND : rc;
}

/* ---- Lookup and status ------------------------------------------------- */
const sgk__threshold *sgk__targets_find(const sgk__targets *t, int indicator,
                                        sgk__day to)
{
    size_t i;
    for (i = 0; i < t->thresholds.len; i++) {
        const sgk__threshold *th = sgk__vec_at(&t->thresholds, i);
        if (th->indicator == indicator && th->from <= to && to <= th->to)
            return th;
    }
    return NULL;
}

int sgk__targets_benchmark_value(const sgk__targets *t, int indicator,
                                 const char *label, double *out)
{
    size_t i;
    for (i = 0; label && i < t->benchmarks.len; i++) {
        const sgk__benchmark *b = sgk__vec_at(&t->benchmarks, i);
        if (b->indicator == indicator && strcmp(b->label, label) == 0) {
            *out = b->value;
            return 0;
        }
    }
    return -1;
}

/* Exact comparisons: 69.0 against ">= 69" is met and 68.99 is not, whatever
 * a report later rounds them to. */
int sgk__rag(const sgk__threshold *th, double target, int has_value,
             double value)
{
    int le;
    if (!th)
        return SGK_STATUS_NONE;
    if (!has_value || isnan(value) || isnan(target))
        return SGK_STATUS_NO_DATA;
    le = th->op == SGK__OP_LE;
    if (le ? value <= target : value >= target)
        return SGK_STATUS_MET;
    if (!isnan(th->amber) && (le ? value <= th->amber : value >= th->amber))
        return SGK_STATUS_AMBER;
    return SGK_STATUS_NOT_MET;
}
