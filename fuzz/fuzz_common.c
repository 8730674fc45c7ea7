/* Reading everything an engine exposes, with the invariants sgkpi.h
 * promises checked on the way.  See fuzz_common.h. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

void fz_text_free(fz_text *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

void fz_text_add(fz_text *t, const char *fmt, ...)
{
    va_list ap;
    int n;
    for (;;) {
        size_t room = t->cap - t->len;
        va_start(ap, fmt);
        n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0)
            abort();
        if (t->s && (size_t)n < room) {
            t->len += (size_t)n;
            return;
        }
        t->cap = (t->cap ? t->cap * 2 : 4096) + (size_t)n + 1;
        t->s = realloc(t->s, t->cap);
        if (!t->s)
            abort();
        if (t->len == 0)
            t->s[0] = '\0';
    }
}

const char *fz_current_input;

void fz_fail(const char *what, const fz_text *a, const fz_text *b)
{
    fprintf(stderr, "\nsgkpi fuzz invariant broken: %s\n", what);
    if (fz_current_input)
        fprintf(stderr, "input: %s\n", fz_current_input);
    if (a && a->s)
        fprintf(stderr, "---- first ----\n%s\n", a->s);
    if (b && b->s)
        fprintf(stderr, "---- second ----\n%s\n", b->s);
    fflush(stderr);
    abort();
}

void fz_same(const char *what, const fz_text *a, const fz_text *b)
{
    const char *sa = a->s ? a->s : "", *sb = b->s ? b->s : "";
    if (strcmp(sa, sb) != 0)
        fz_fail(what, a, b);
}

sgk_engine *fz_engine(void)
{
    sgk_engine *e = NULL;
    if (sgk_engine_new(&e) != SGK_OK || !e)
        abort();
    return e;
}

void fz_set_period(sgk_engine *e, unsigned sel, int short_period)
{
    /* Years the seed corpus uses first (the Kent notice, today), then a
     * spread so that open records and two-year rules meet other ends. */
    static const int years[8] = {2021, 2011, 2012, 2013, 2019, 2020, 2000,
                                 2039};
    char from[32], to[32];
    int y = years[sel % 8];
    snprintf(from, sizeof from, "%04d-04-01", y);
    if (short_period)
        snprintf(to, sizeof to, "%04d-04-30", y);
    else
        snprintf(to, sizeof to, "%04d-03-31", y + 1);
    if (sgk_engine_set_period(e, from, to) != SGK_OK)
        fz_fail("a valid period was refused", NULL, NULL);
}

void fz_check_error(const sgk_engine *e, int rc)
{
    const char *msg;
    FZ_CHECK(rc <= 0 && rc >= SGK_E_NO_PERIOD, "status out of range");
    FZ_CHECK(sgk_strerror(rc) != NULL, "sgk_strerror returned NULL");
    if (rc == SGK_OK)
        return;
    msg = sgk_engine_errmsg(e);
    FZ_CHECK(msg != NULL && msg[0] != '\0', "a failure left no message");
    FZ_CHECK(sgk_engine_errline(e) >= 0, "negative error line");
    (void)sgk_engine_errfile(e);
    (void)sgk_engine_errcolumn(e);
}

static void add_str(fz_text *t, const char *label, const char *s)
{
    fz_text_add(t, " %s=%s", label, s ? s : "(null)");
}

static void add_num(fz_text *t, const char *label, double v)
{
    if (isnan(v))
        fz_text_add(t, " %s=nan", label);
    else
        fz_text_add(t, " %s=%a", label, v);
}

/* Index of the first input called `name`; -1 if none. */
static int input_index(const sgk_engine *e, const char *name)
{
    int i, n = sgk_engine_input_count(e);
    for (i = 0; name && i < n; i++)
        if (strcmp(sgk_input_name(e, i), name) == 0)
            return i;
    return -1;
}

static int line_seen(const int64_t *lines, size_t n, int64_t line)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (lines[i] == line)
            return 1;
    return 0;
}

/* Every rejected row has a row-level reason (a rejection without an
 * indicator list) and every such reason belongs to a rejected row: no row
 * is ever dropped silently.  Rows are told apart by the line they start
 * on, which is unique per record (LF, CRLF and lone CR all end lines, as
 * they all end records in libcsv), so the rows rejected are the distinct
 * lines with a row-level reason.  Holds only while no detail was dropped
 * by SGK_OPT_MAX_REJECTIONS. */
static void check_row_reasons(const sgk_engine *e)
{
    int i, n = sgk_engine_input_count(e);
    int64_t r, nr = sgk_engine_rejection_count(e);
    int64_t *lines;
    if (sgk_engine_rejections_dropped(e) != 0)
        return;
    lines = malloc(sizeof *lines * (size_t)(nr ? nr : 1));
    if (!lines)
        abort();
    for (i = 0; i < n; i++) {
        size_t distinct = 0;
        int64_t reasons = 0, rejected = sgk_input_rows_rejected(e, i);
        const char *name = sgk_input_name(e, i);
        if (input_index(e, name) != i)
            continue; /* a repeated name: cannot tell the inputs apart */
        for (r = 0; r < nr; r++) {
            int64_t line = sgk_rejection_line(e, r);
            if (sgk_rejection_indicator(e, r) != NULL ||
                strcmp(sgk_rejection_input(e, r), name) != 0)
                continue;
            reasons++;
            if (!line_seen(lines, distinct, line))
                lines[distinct++] = line;
        }
        if ((int64_t)distinct != rejected || rejected > reasons) {
            char what[200];
            snprintf(what, sizeof what,
                     "input %d: %lld rows rejected but %lld row-level "
                     "reasons on %zu lines", i, (long long)rejected,
                     (long long)reasons, distinct);
            free(lines);
            fz_fail(what, NULL, NULL);
        }
    }
    free(lines);
}

void fz_dump_inputs(const sgk_engine *e, fz_text *out)
{
    int i, n = sgk_engine_input_count(e);
    int64_t r, nr = sgk_engine_rejection_count(e);

    FZ_CHECK(n >= 0, "negative input count");
    fz_text_add(out, "inputs %d\n", n);
    for (i = 0; i < n; i++) {
        int64_t rd = sgk_input_rows_read(e, i), us = sgk_input_rows_used(e, i),
                rj = sgk_input_rows_rejected(e, i);
        int kind = sgk_input_kind(e, i);
        FZ_CHECK(sgk_input_name(e, i) != NULL, "input without a name");
        FZ_CHECK(rd >= 0 && us >= 0 && rj >= 0, "negative row count");
        FZ_CHECK(rd == us + rj, "rows read != rows used + rows rejected");
        FZ_CHECK(kind >= 0 && kind < SGK_KIND_COUNT, "input kind out of range");
        FZ_CHECK(sgk_input_duplicates(e, i) >= 0 &&
                     sgk_input_duplicates(e, i) <= rj,
                 "duplicates are not among the rows rejected");
        fz_text_add(out, "input %d %s kind=%d read=%lld used=%lld "
                         "rejected=%lld dup=%lld\n", i, sgk_input_name(e, i),
                    kind, (long long)rd, (long long)us, (long long)rj,
                    (long long)sgk_input_duplicates(e, i));
    }
    for (i = 0; i < sgk_dq_count(e); i++) {
        int in = sgk_dq_input(e, i);
        int64_t rows = sgk_dq_rows(e, i), bl = sgk_dq_blank(e, i),
                inv = sgk_dq_invalid(e, i);
        FZ_CHECK(in >= 0 && in < n, "data-quality row of an unknown input");
        FZ_CHECK(rows == sgk_input_rows_read(e, in),
                 "data-quality rows are not the input's rows read");
        FZ_CHECK(bl >= 0 && inv >= 0 && bl + inv <= rows,
                 "blank + invalid over the rows");
        FZ_CHECK(sgk_dq_field(e, i) != NULL, "data-quality row without field");
        fz_text_add(out, "dq %d %s %lld %lld %lld\n", in, sgk_dq_field(e, i),
                    (long long)rows, (long long)bl, (long long)inv);
    }
    FZ_CHECK(sgk_dq_input(e, sgk_dq_count(e)) == -1 &&
                 sgk_dq_field(e, -1) == NULL,
             "data-quality getters out of range");
    FZ_CHECK(sgk_input_name(e, -1) == NULL && sgk_input_name(e, n) == NULL,
             "input name out of range");
    FZ_CHECK(sgk_input_kind(e, n) == -1 && sgk_input_rows_read(e, n) == -1 &&
                 sgk_input_rows_used(e, -1) == -1 &&
                 sgk_input_rows_rejected(e, n) == -1,
             "input getters out of range");

    FZ_CHECK(nr >= 0 && sgk_engine_rejections_dropped(e) >= 0,
             "negative rejection count");
    fz_text_add(out, "rejections %lld dropped %lld\n", (long long)nr,
                (long long)sgk_engine_rejections_dropped(e));
    for (r = 0; r < nr; r++) {
        const char *input = sgk_rejection_input(e, r);
        const char *col = sgk_rejection_column(e, r);
        const char *ind = sgk_rejection_indicator(e, r);
        const char *why = sgk_rejection_reason(e, r);
        int colno = sgk_rejection_column_number(e, r);
        int64_t line = sgk_rejection_line(e, r);
        FZ_CHECK(input != NULL, "rejection without an input");
        FZ_CHECK(input_index(e, input) >= 0, "rejection of an unknown input");
        FZ_CHECK(line >= 1, "rejection line below 1");
        FZ_CHECK(colno >= 0, "negative rejection column number");
        FZ_CHECK(col == NULL || colno >= 1,
                 "rejection names a column but has no column number");
        FZ_CHECK(why != NULL && why[0] != '\0', "rejection without a reason");
        FZ_CHECK(ind == NULL || ind[0] != '\0', "empty indicator list");
        fz_text_add(out, "rej %s:%lld col#%d", input, (long long)line, colno);
        add_str(out, "col", col);
        add_str(out, "ind", ind);
        fz_text_add(out, " why=%s\n", why);
    }
    FZ_CHECK(sgk_rejection_input(e, -1) == NULL &&
                 sgk_rejection_input(e, nr) == NULL &&
                 sgk_rejection_reason(e, nr) == NULL &&
                 sgk_rejection_column(e, nr) == NULL &&
                 sgk_rejection_indicator(e, -1) == NULL &&
                 sgk_rejection_line(e, nr) == 0 &&
                 sgk_rejection_column_number(e, nr) == 0,
             "rejection getters out of range");
    check_row_reasons(e);
}

/* Sorted by input, line, then column (a whole-row reason, 0, first). */
static void check_rejection_order(const sgk_engine *e)
{
    int64_t r, nr = sgk_engine_rejection_count(e);
    for (r = 1; r < nr; r++) {
        int ia = input_index(e, sgk_rejection_input(e, r - 1));
        int ib = input_index(e, sgk_rejection_input(e, r));
        int64_t la = sgk_rejection_line(e, r - 1), lb = sgk_rejection_line(e, r);
        int ca = sgk_rejection_column_number(e, r - 1);
        int cb = sgk_rejection_column_number(e, r);
        if (strcmp(sgk_rejection_input(e, r - 1), sgk_rejection_input(e, r)))
            FZ_CHECK(ia < ib, "rejections not sorted by input");
        else if (la != lb)
            FZ_CHECK(la < lb, "rejections not sorted by line");
        else
            FZ_CHECK(ca <= cb, "rejections not sorted by column");
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int looks_like_date(const char *s)
{
    int i;
    if (!s || strlen(s) != 10)
        return 0;
    for (i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !is_digit(s[i]))
            return 0;
    return 1;
}

/* What an indicator's exception list holds (sgkpi.h): FZ_LIST, and when
 * a record may have no date ("") or no days (-1), FZ_NO_DATE / FZ_NO_DAYS;
 * FZ_UNDATED lists never have either.  FZ_MISSED: the list is the records
 * the whole period's figure did not count as met (denominator less
 * numerator); otherwise those it counted (the numerator). */
enum {
    FZ_LIST = 1, FZ_NO_DATE = 2, FZ_NO_DAYS = 4, FZ_UNDATED = 8,
    FZ_MISSED = 16
};

static int exception_list(const char *id)
{
    static const struct {
        const char *id;
        int list;
    } lists[] = {
        {"ia_overdue", FZ_LIST}, {"ca_overdue", FZ_LIST},
        {"sa_overdue", FZ_LIST}, {"ia_completed_late", FZ_LIST},
        {"ca_completed_late", FZ_LIST}, {"sa_completed_late", FZ_LIST},
        {"unallocated_over_28_days", FZ_LIST},
        {"unallocated_cp_cla", FZ_LIST}, {"cp_open_2_years_plus", FZ_LIST},
        {"referral_decision_1wd", FZ_LIST | FZ_MISSED},
        {"re_referral_rate", FZ_LIST | FZ_NO_DAYS},
        {"cla_health_check", FZ_LIST | FZ_MISSED | FZ_NO_DATE},
        {"cla_dental_check", FZ_LIST | FZ_MISSED | FZ_NO_DATE},
        {"cla_school_absence_25d", FZ_LIST | FZ_NO_DATE},
        {"care_leavers_suitable_accommodation",
         FZ_LIST | FZ_MISSED | FZ_UNDATED},
        {"care_leavers_eet", FZ_LIST | FZ_MISSED | FZ_UNDATED}, {NULL, 0}};
    int i;
    for (i = 0; lists[i].id; i++)
        if (strcmp(lists[i].id, id) == 0)
            return lists[i].list;
    return 0;
}

static void dump_cell(sgk_engine *e, fz_text *out, int ind, int group, int k,
                      const char *op)
{
    int hv = sgk_result_has_value(e, ind, group, k);
    double v = sgk_result_value(e, ind, group, k);
    double num = sgk_result_numerator(e, ind, group, k);
    double den = sgk_result_denominator(e, ind, group, k);
    int st = sgk_result_status(e, ind, group, k);
    int unit = sgk_indicator_unit(ind);

    FZ_CHECK(hv == 0 || hv == 1, "has_value is not 0 or 1");
    FZ_CHECK(hv == !isnan(v), "has_value disagrees with the value");
    FZ_CHECK(st >= SGK_STATUS_NONE && st <= SGK_STATUS_NO_DATA,
             "status out of range");
    FZ_CHECK((sgk_status_name(st) == NULL) == (st == SGK_STATUS_NONE),
             "status name");
    FZ_CHECK(isnan(num) || num >= 0, "negative numerator");
    if (unit == SGK_UNIT_COUNT) {
        FZ_CHECK(isnan(den), "a count has a denominator");
        FZ_CHECK(!hv || v == num, "a count's value is not its numerator");
    } else {
        FZ_CHECK(isnan(den) || den >= 0, "negative denominator");
        if (hv && unit == SGK_UNIT_PERCENT) {
            FZ_CHECK(den > 0, "a percentage with a value has no denominator");
            FZ_CHECK(v == 100.0 * num / den, "value != 100 * num / den");
            FZ_CHECK(v >= 0 && v <= 100.0 + 1e-9,
                     "a percentage outside 0..100");
        } else if (hv) {
            double scale = unit == SGK_UNIT_RATE_PER_10K ? 10000.0 : 1.0;
            FZ_CHECK(unit == SGK_UNIT_RATE_PER_10K ||
                         unit == SGK_UNIT_AVERAGE, "unknown unit");
            FZ_CHECK(den > 0, "a rate with a value has no denominator");
            FZ_CHECK(v == scale * num / den, "value != scale * num / den");
        }
    }
    if (group == SGK_GROUP_TOTAL) {
        if (op == NULL)
            FZ_CHECK(st == SGK_STATUS_NONE, "a status without a threshold");
        else if (!hv || isnan(sgk_result_threshold_target(e, ind)))
            /* A "benchmark:" target whose benchmark was never loaded is
             * NaN too: the status cannot be decided either way. */
            FZ_CHECK(st == SGK_STATUS_NO_DATA,
                     "a threshold with no value is not no_data");
        else
            FZ_CHECK(st == SGK_STATUS_MET || st == SGK_STATUS_AMBER ||
                         st == SGK_STATUS_NOT_MET,
                     "a threshold with a value has no RAG status");
    }
    fz_text_add(out, "cell %d/%d/%d hv=%d st=%d", ind, group, k, hv, st);
    add_num(out, "v", v);
    add_num(out, "num", num);
    add_num(out, "den", den);
    fz_text_add(out, "\n");
}

/* How an indicator's team figures make its total (docs/indicators.md):
 * a sum for most; the largest team's for caseload_max; every team shares
 * the area's population as ia_per_10k's denominator. */
enum { FZ_SUM, FZ_MAX, FZ_SHARED };

static int num_rule(const char *id)
{
    return strcmp(id, "caseload_max") == 0 ? FZ_MAX : FZ_SUM;
}

static int den_rule(const char *id)
{
    return strcmp(id, "ia_per_10k") == 0 ? FZ_SHARED : FZ_SUM;
}

static int close_to(double a, double b)
{
    return fabs(a - b) <= 1e-6 * (1 + fabs(b));
}

static void check_team_sums(sgk_engine *e, int ind, int nteams)
{
    const char *id = sgk_indicator_id(ind);
    double num = 0, den = 0, tn, td;
    int t, any = 0, nr = num_rule(id), dr = den_rule(id);
    tn = sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0);
    td = sgk_result_denominator(e, ind, SGK_GROUP_TOTAL, 0);
    for (t = 0; t < nteams; t++) {
        double a = sgk_result_numerator(e, ind, SGK_GROUP_TEAM, t);
        double b = sgk_result_denominator(e, ind, SGK_GROUP_TEAM, t);
        if (!isnan(a)) {
            num = nr == FZ_MAX ? (a > num ? a : num) : num + a;
            any = 1;
        }
        if (!isnan(b)) {
            den += b;
            if (dr == FZ_SHARED)
                FZ_CHECK(close_to(b, td), "a team's shared denominator "
                                          "differs from the total's");
        }
    }
    if (!any)
        return;
    if (nr == FZ_MAX)
        FZ_CHECK(close_to(num, tn), "the total is not the largest team's");
    else
        FZ_CHECK(close_to(num, tn),
                 "team numerators do not add up to the total");
    if (!isnan(td) && dr == FZ_SUM)
        FZ_CHECK(close_to(den, td),
                 "team denominators do not add up to the total");
}

static void dump_exceptions(sgk_engine *e, fz_text *out, int ind, int kept)
{
    int64_t k, n = sgk_exception_count(e, ind);
    int64_t prev_days = 0, prev_line = 0;
    int prev_input = -1, list = exception_list(sgk_indicator_id(ind));
    FZ_CHECK(n >= 0, "negative exception count");
    if (!kept || !list)
        FZ_CHECK(n == 0, "exceptions kept although not asked for");
    for (k = 0; k < n; k++) {
        const char *child = sgk_exception_child(e, ind, k);
        const char *team = sgk_exception_team(e, ind, k);
        const char *worker = sgk_exception_worker(e, ind, k);
        const char *date = sgk_exception_date(e, ind, k);
        const char *input = sgk_exception_input(e, ind, k);
        int64_t days = sgk_exception_days(e, ind, k);
        int64_t line = sgk_exception_line(e, ind, k);
        int in = input_index(e, input);
        FZ_CHECK(child && team && worker && input, "exception field is NULL");
        if (list & FZ_UNDATED)
            FZ_CHECK(date && !*date && days == -1,
                     "an undated exception has a date or days");
        else
            FZ_CHECK((looks_like_date(date) ||
                      ((list & FZ_NO_DATE) && date && !*date)) &&
                         (days >= 0 || ((list & FZ_NO_DAYS) && days == -1)),
                     "exception date is not YYYY-MM-DD or days < 0");
        FZ_CHECK(in >= 0 && line >= 1, "exception input or line");
        if (k > 0) {
            FZ_CHECK(days <= prev_days, "exceptions not most days first");
            if (days == prev_days)
                FZ_CHECK(in > prev_input ||
                             (in == prev_input && line >= prev_line),
                         "exceptions with equal days not by input and line");
        }
        prev_days = days;
        prev_line = line;
        prev_input = in;
        fz_text_add(out, "exc %d/%lld child=%s team=%s worker=%s date=%s "
                         "days=%lld at=%s:%lld\n", ind, (long long)k, child,
                    team, worker, date, (long long)days, input,
                    (long long)line);
    }
    if (list && kept) {
        double num = sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0);
        double den = sgk_result_denominator(e, ind, SGK_GROUP_TOTAL, 0);
        double want = (list & FZ_MISSED) ? den - num : num;
        FZ_CHECK(isnan(num) ? n == 0 : (double)n == want,
                 "an exception list's length is not its figure's count");
    }
    FZ_CHECK(sgk_exception_child(e, ind, n) == NULL &&
                 sgk_exception_team(e, ind, -1) == NULL &&
                 sgk_exception_worker(e, ind, n) == NULL &&
                 sgk_exception_date(e, ind, n) == NULL &&
                 sgk_exception_input(e, ind, -1) == NULL &&
                 sgk_exception_days(e, ind, n) == -1 &&
                 sgk_exception_line(e, ind, n) == 0,
             "exception getters out of range");
}

static void check_not_computed(sgk_engine *e)
{
    int i, n = sgk_indicator_count();
    FZ_CHECK(sgk_engine_team_count(e) == 0 && sgk_engine_month_count(e) == 0,
             "breakdowns readable without a successful compute");
    for (i = 0; i < n; i++) {
        FZ_CHECK(!sgk_result_has_value(e, i, SGK_GROUP_TOTAL, 0),
                 "a result readable without a successful compute");
        FZ_CHECK(sgk_exception_count(e, i) == 0,
                 "exceptions readable without a successful compute");
    }
}

static void dump_indicator(sgk_engine *e, fz_text *out, int ind, int nteams,
                           int nmonths, int kept)
{
    const char *op = sgk_result_threshold_op(e, ind);
    int t, m, nb = sgk_result_benchmark_count(e, ind);

    FZ_CHECK(sgk_indicator_id(ind) && sgk_indicator_label(ind) &&
                 sgk_indicator_definition(ind) && sgk_indicator_source(ind),
             "indicator text is NULL");
    FZ_CHECK(sgk_indicator_find(sgk_indicator_id(ind)) == ind,
             "indicator id does not find itself");
    FZ_CHECK(sgk_indicator_kind(ind) >= 0 && /* 0: reads every kind */
                 sgk_indicator_kind(ind) < SGK_KIND_COUNT,
             "indicator kind");
    FZ_CHECK(op == NULL || strcmp(op, "<=") == 0 || strcmp(op, ">=") == 0,
             "threshold op is not <= or >=");
    if (op)
        FZ_CHECK(sgk_result_threshold_source(e, ind) &&
                     sgk_result_threshold_label(e, ind),
                 "an applied threshold lacks its source or label");
    fz_text_add(out, "ind %d %s", ind, sgk_indicator_id(ind));
    add_str(out, "op", op);
    add_num(out, "target", sgk_result_threshold_target(e, ind));
    add_num(out, "amber", sgk_result_threshold_amber(e, ind));
    add_str(out, "source", sgk_result_threshold_source(e, ind));
    add_str(out, "label", sgk_result_threshold_label(e, ind));
    fz_text_add(out, " benchmarks=%d\n", nb);
    FZ_CHECK(nb >= 0, "negative benchmark count");
    for (t = 0; t < nb; t++) {
        const char *label = sgk_result_benchmark_label(e, ind, t);
        FZ_CHECK(label != NULL, "benchmark without a label");
        fz_text_add(out, "bench %d/%d %s", ind, t, label);
        add_num(out, "v", sgk_result_benchmark_value(e, ind, t));
        fz_text_add(out, "\n");
    }
    FZ_CHECK(sgk_result_benchmark_label(e, ind, nb) == NULL &&
                 sgk_result_benchmark_label(e, ind, -1) == NULL &&
                 isnan(sgk_result_benchmark_value(e, ind, nb)),
             "benchmark getters out of range");

    dump_cell(e, out, ind, SGK_GROUP_TOTAL, 0, op);
    for (t = 0; t < nteams; t++)
        dump_cell(e, out, ind, SGK_GROUP_TEAM, t, op);
    for (m = 0; m < nmonths; m++)
        dump_cell(e, out, ind, SGK_GROUP_MONTH, m, op);
    if (nteams > 0)
        check_team_sums(e, ind, nteams);
    FZ_CHECK(!sgk_result_has_value(e, ind, SGK_GROUP_TEAM, nteams) &&
                 !sgk_result_has_value(e, ind, SGK_GROUP_TEAM, -1) &&
                 !sgk_result_has_value(e, ind, SGK_GROUP_MONTH, nmonths) &&
                 !sgk_result_has_value(e, ind, 3, 0) &&
                 isnan(sgk_result_value(e, ind, SGK_GROUP_MONTH, -1)) &&
                 sgk_result_status(e, ind, SGK_GROUP_TEAM, nteams) ==
                     SGK_STATUS_NONE,
             "result getters out of range");
    dump_exceptions(e, out, ind, kept);
}

void fz_dump_results(sgk_engine *e, fz_text *out)
{
    int nind = sgk_indicator_count(), ind, t, m;
    int nteams = sgk_engine_team_count(e), nmonths = sgk_engine_month_count(e);
    int by_team = sgk_engine_get_option(e, SGK_OPT_BY_TEAM) == 1;
    int by_month = sgk_engine_get_option(e, SGK_OPT_BY_MONTH) == 1;
    int kept = sgk_engine_get_option(e, SGK_OPT_EXCEPTIONS) == 1;

    check_rejection_order(e);
    FZ_CHECK(nind > 0, "no indicators");
    FZ_CHECK(sgk_indicator_id(nind) == NULL && sgk_indicator_id(-1) == NULL &&
                 sgk_indicator_unit(nind) == 0 && sgk_indicator_kind(-1) == 0,
             "indicator getters out of range");
    FZ_CHECK(nteams >= 0 && nmonths >= 0, "negative breakdown count");
    if (!by_team)
        FZ_CHECK(nteams == 0, "teams without SGK_OPT_BY_TEAM");
    if (!by_month)
        FZ_CHECK(nmonths == 0, "months without SGK_OPT_BY_MONTH");
    fz_text_add(out, "teams %d months %d\n", nteams, nmonths);
    for (t = 0; t < nteams; t++) {
        const char *name = sgk_engine_team_name(e, t);
        FZ_CHECK(name != NULL, "team without a name");
        if (t > 0)
            FZ_CHECK(strcmp(sgk_engine_team_name(e, t - 1), name) < 0,
                     "teams not sorted or not unique");
        fz_text_add(out, "team %d %s\n", t, name);
    }
    for (m = 0; m < nmonths; m++) {
        const char *label = sgk_engine_month_label(e, m);
        FZ_CHECK(label && strlen(label) == 7 && label[4] == '-',
                 "month label is not YYYY-MM");
        if (m > 0)
            FZ_CHECK(strcmp(sgk_engine_month_label(e, m - 1), label) < 0,
                     "months not in order");
        fz_text_add(out, "month %d %s\n", m, label);
    }
    FZ_CHECK(sgk_engine_team_name(e, nteams) == NULL &&
                 sgk_engine_team_name(e, -1) == NULL &&
                 sgk_engine_month_label(e, nmonths) == NULL &&
                 sgk_engine_month_label(e, -1) == NULL,
             "breakdown getters out of range");
    for (ind = 0; ind < nind; ind++)
        dump_indicator(e, out, ind, nteams, nmonths, kept);
    FZ_CHECK(sgk_exception_count(e, nind) == 0 &&
                 sgk_exception_count(e, -1) == 0 &&
                 sgk_result_threshold_op(e, nind) == NULL &&
                 sgk_result_benchmark_count(e, -1) == 0,
             "indicator-indexed getters out of range");
}

/* fz_dump_all on an engine whose last compute failed checks that nothing
 * is readable; callers use fz_dump_results only after a success. */
void fz_dump_all(sgk_engine *e, fz_text *out)
{
    fz_dump_inputs(e, out);
    fz_dump_results(e, out);
}

void fz_check_no_results(sgk_engine *e)
{
    check_not_computed(e);
}
