/* Child protection plans: duration and repeat plans.
 *
 * Definitions (docs/indicators.md) follow DfE's Characteristics of
 * children in need statistics: plans lasting two years or more are counted
 * among plans that ended in the period (plans, not children); a plan
 * reaches two years on its start's second anniversary, a 29 February start
 * on 1 March.  A repeat plan is a child's first plan starting in the period
 * when the child had any earlier plan ("ever", not "within two years").
 *
 * Fact layout: d[0] plan_start_date, d[1] plan_end_date, num previous
 * plans (-1 when blank), flags the ethnicity code (family.h). */
#include "family.h"

static const char ind_end[] = "cp_plans_2_years_plus,cp_open_2_years_plus";
static const char ind_repeat[] = "cp_repeat_plans";

void sgk__cp_ingest(sgk__row *row, sgk__fact *f)
{
    if (sgk__row_date(row, SGK__COL_PLAN_START_DATE, 1, NULL, &f->d[0]) != 0)
        return;
    if (sgk__row_date(row, SGK__COL_PLAN_END_DATE, 0, ind_end, &f->d[1]) != 0) {
        f->bad |= SGK__BAD_D1;
    } else if (f->d[1] < f->d[0]) {
        sgk__row_reject(row, SGK__COL_PLAN_END_DATE, ind_end,
                        "plan_end_date is before plan_start_date");
        f->bad |= SGK__BAD_D1;
    }
    sgk__row_count_num(row, SGK__COL_PREVIOUS_PLANS, ind_repeat, f);
    sgk__ethnicity_ingest(row, f);
}

static int reached_two_years(const sgk__fact *f, sgk__day on)
{
    return on >= sgk__day_add_years(f->d[0], 2);
}

void sgk__cp_plans_2_years_plus(sgk__calc *c)
{
    size_t i;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (SGK__IS_BAD(f, SGK__BAD_D1) || f->d[1] < c->from[0] ||
            f->d[1] > c->to[0])
            continue;
        sgk__tally_event(c, f->d[1], f->team, reached_two_years(f, f->d[1]),
                         1);
    }
}

/* The latest start that has reached two years by `on`: every start on or
 * before it has, every later one has not, because adding two years never
 * puts a later day before an earlier one.  Found once per period, where
 * testing each plan's anniversary took a calendar conversion per plan and
 * period. */
static sgk__day latest_two_years(sgk__day on)
{
    sgk__day s = sgk__day_add_years(on, -2);
    while (sgk__day_add_years(s + 1, 2) <= on)
        s++;
    while (sgk__day_add_years(s, 2) > on)
        s--;
    return s;
}

static void open_at(sgk__calc *c, const sgk__fact *f, int p,
                    const sgk__day *latest)
{
    int reached = f->d[0] <= latest[p];
    sgk__tally(c, p, f->team, reached, 1);
    if (reached && p == 0)
        sgk__calc_exception(c, f, f->d[0], c->to[0] - f->d[0]);
}

void sgk__cp_open_2_years_plus(sgk__calc *c)
{
    sgk__day *latest = sgk__malloc(&c->e->mem, (size_t)c->nperiods *
                                                   sizeof *latest);
    size_t i;
    int p;
    if (!latest) {
        c->status = SGK_E_NOMEM;
        return;
    }
    for (p = 0; p < c->nperiods; p++)
        latest[p] = latest_two_years(c->to[p]);
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (SGK__IS_BAD(f, SGK__BAD_D1))
            continue;
        if (f->d[0] <= c->to[0] && f->d[1] > c->to[0])
            open_at(c, f, 0, latest);
        for (p = sgk__month_from(c, f->d[0]);
             p < c->nperiods && c->to[p] < f->d[1]; p++)
            open_at(c, f, p, latest);
    }
    sgk__free(&c->e->mem, latest);
}

/* Per child: the earliest start of any plan (scratch_day), the same in
 * every period, and the fact of the earliest plan starting in period p
 * (scratch, index + 1), from `starting`, p's plans in fact order, so on a
 * tie the first listed wins. */
static void repeat_period(sgk__calc *c, int p, const uint32_t *starting,
                          size_t n)
{
    uint32_t *best = c->scratch;
    const sgk__day *first = c->scratch_day;
    size_t k;
    for (k = 0; k < n; k++)
        best[c->facts[starting[k]].child] = 0;
    for (k = 0; k < n; k++) {
        uint32_t i = starting[k], b;
        const sgk__fact *f = &c->facts[i];
        b = best[f->child];
        if (b == 0 || f->d[0] < c->facts[b - 1].d[0])
            best[f->child] = i + 1;
    }
    for (k = 0; k < n; k++) {
        uint32_t i = starting[k];
        const sgk__fact *f = &c->facts[i];
        int earlier;
        if (best[f->child] != i + 1)
            continue;
        earlier = first[f->child] < f->d[0];
        if (!earlier && SGK__IS_BAD(f, SGK__BAD_NUM))
            continue; /* cannot tell; rejected at ingest */
        sgk__tally(c, p, f->team, earlier || f->num > 0, 1);
    }
}

/* Counts children, so each period is worked alone, over the plans
 * starting in it (sgk__dated); each child's earliest plan is found once. */
void sgk__cp_repeat_plans(sgk__calc *c)
{
    sgk__day *first = c->scratch_day;
    sgk__dated starting;
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++)
        first[c->facts[i].child] = SGK__NO_DATE;
    for (i = 0; i < c->nfacts; i++)
        if (c->facts[i].d[0] < first[c->facts[i].child])
            first[c->facts[i].child] = c->facts[i].d[0];
    if (sgk__dated_make(c, 0, 0, &starting) != 0)
        return;
    for (p = 0; p < c->nperiods; p++) {
        size_t n;
        const uint32_t *in = sgk__dated_in(&starting, p, &n);
        repeat_period(c, p, in, n);
    }
    sgk__dated_free(c, &starting);
}
