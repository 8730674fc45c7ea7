/* Case allocation: unallocated cases.
 *
 * Definitions (docs/indicators.md), from the Kent Improvement Notice (IN 3)
 * and action 2.1.3: a case open as at the period's end with no allocated
 * worker.  The 28-day measure counts those unallocated for more than 28
 * calendar days (since unallocated_since, or the case start when absent);
 * the CP/CLA measure counts every unallocated child protection or looked
 * after case, whatever its duration.
 *
 * Fact layout: d[0] case_start_date, d[1] case_end_date, d[2]
 * unallocated_since (the case start when blank), code the category, worker
 * 0 when blank, flags the ethnicity code (family.h) and SGK__FLAG_BLANK
 * when unallocated_since was blank. */
#include "family.h"

enum { CAT_UNKNOWN = 0, CAT_CIN = 1, CAT_CP = 2, CAT_CLA = 3, CAT_OTHER = 4 };

static const char ind_both[] = "unallocated_over_28_days,unallocated_cp_cla,"
                               "caseload_mean,caseload_max";
static const char ind_28[] = "unallocated_over_28_days";
static const char ind_cpcla[] = "unallocated_cp_cla";

/* Annex A list 6 "case status" labels map onto CIN, CP and CLA; an open
 * assessment is a child in need being assessed. */
static int read_category(sgk__row *row)
{
    static const char *const cla[] = {"cla", "lac", "looked after child",
                                      "looked after", "child looked after",
                                      NULL};
    static const char *const cp[] = {"cp", "cpp", "child protection plan",
                                     "child protection", NULL};
    static const char *const cin[] = {"cin", "child in need plan",
                                      "child in need", "open assessment",
                                      NULL};
    static const char *const other[] = {"closed episode", "closed", NULL};
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_CATEGORY, &s, &n))
        return CAT_UNKNOWN;
    if (sgk__code_in(s, n, cla))
        return CAT_CLA;
    if (sgk__code_in(s, n, cp))
        return CAT_CP;
    if (sgk__code_in(s, n, cin))
        return CAT_CIN;
    if (sgk__code_in(s, n, other))
        return CAT_OTHER;
    sgk__row_reject(row, SGK__COL_CATEGORY, ind_cpcla,
                    "category '%.*s' is not CIN, CP or CLA",
                    (int)(n > 40 ? 40 : n), s);
    return -1;
}

void sgk__cases_ingest(sgk__row *row, sgk__fact *f)
{
    int cat;
    if (sgk__row_date(row, SGK__COL_CASE_START_DATE, 1, NULL, &f->d[0]) != 0)
        return;
    if (sgk__row_date(row, SGK__COL_CASE_END_DATE, 0, ind_both, &f->d[1])) {
        f->bad |= SGK__BAD_D1;
    } else if (f->d[1] < f->d[0]) {
        sgk__row_reject(row, SGK__COL_CASE_END_DATE, ind_both,
                        "case_end_date is before case_start_date");
        f->bad |= SGK__BAD_D1;
    }
    if (sgk__row_date(row, SGK__COL_UNALLOCATED_SINCE, 0, ind_28, &f->d[2]))
        f->bad |= SGK__BAD_D2;
    else if (f->d[2] == SGK__NO_DATE) {
        f->d[2] = f->d[0];
        f->flags |= SGK__FLAG_BLANK;
    }
    cat = read_category(row);
    if (cat < 0)
        f->bad |= SGK__BAD_CODE;
    else
        f->code = (uint8_t)cat;
    sgk__ethnicity_ingest(row, f);
}

static int unallocated(const sgk__fact *f)
{
    return !SGK__IS_BAD(f, SGK__BAD_D1 | SGK__BAD_WORKER) && f->worker == 0;
}

static void over_28_at(sgk__calc *c, const sgk__fact *f, int p)
{
    int64_t limit = c->e->options[SGK_OPT_UNALLOCATED_DAYS];
    int64_t days = (int64_t)c->to[p] - f->d[2];
    if (days <= limit)
        return;
    sgk__tally(c, p, f->team, 1, 0);
    if (p == 0)
        sgk__calc_exception(c, f, f->d[2], (int32_t)days);
}

/* Each period whose as-at date finds the case open. */
void sgk__unallocated_over_28_days(sgk__calc *c)
{
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (!unallocated(f) || SGK__IS_BAD(f, SGK__BAD_D2))
            continue;
        if (f->d[0] <= c->to[0] && f->d[1] > c->to[0])
            over_28_at(c, f, 0);
        for (p = sgk__month_from(c, f->d[0]);
             p < c->nperiods && c->to[p] < f->d[1]; p++)
            over_28_at(c, f, p);
    }
}

static void cp_cla_at(sgk__calc *c, const sgk__fact *f, int p)
{
    /* A bad unallocated_since still leaves the case unallocated; the list
     * then shows how long the case has been open.  One after the as-at
     * date (an extract taken later) says the case was not unallocated
     * yet, as unallocated_over_28_days finds too. */
    sgk__day since = SGK__IS_BAD(f, SGK__BAD_D2) ? f->d[0] : f->d[2];
    if (since > c->to[p])
        return;
    sgk__tally(c, p, f->team, 1, 0);
    if (p == 0)
        sgk__calc_exception(c, f, since, c->to[0] - since);
}

void sgk__unallocated_cp_cla(sgk__calc *c)
{
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (!unallocated(f) || SGK__IS_BAD(f, SGK__BAD_CODE) ||
            (f->code != CAT_CP && f->code != CAT_CLA))
            continue;
        if (f->d[0] <= c->to[0] && f->d[1] > c->to[0])
            cp_cla_at(c, f, 0);
        for (p = sgk__month_from(c, f->d[0]);
             p < c->nperiods && c->to[p] < f->d[1]; p++)
            cp_cla_at(c, f, p);
    }
}
