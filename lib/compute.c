/* Computing every indicator for the period, each team and each month.
 * Each indicator runs once per period (the whole, then each month),
 * tallying into per-team accumulators; totals are the sum over teams, so
 * team breakdowns always add up to the whole. */
#include <math.h>
#include <string.h>
#include "family.h"

typedef struct work {
    double *num, *den;   /* per interned team */
    uint32_t *scratch;   /* per interned child */
    sgk__day *scratch_day;
    uint32_t nteams, nchildren;
} work;

static void work_free(struct sgk_engine *e, work *w)
{
    sgk__free(&e->mem, w->num);
    sgk__free(&e->mem, w->den);
    sgk__free(&e->mem, w->scratch);
    sgk__free(&e->mem, w->scratch_day);
    memset(w, 0, sizeof *w);
}

static int work_init(struct sgk_engine *e, work *w)
{
    w->nteams = e->teams.count ? e->teams.count : 1;
    w->nchildren = e->children.count ? e->children.count : 1;
    w->num = sgk__calloc(&e->mem, w->nteams, sizeof *w->num);
    w->den = sgk__calloc(&e->mem, w->nteams, sizeof *w->den);
    w->scratch = sgk__calloc(&e->mem, w->nchildren, sizeof *w->scratch);
    w->scratch_day = sgk__calloc(&e->mem, w->nchildren,
                                 sizeof *w->scratch_day);
    if (!w->num || !w->den || !w->scratch || !w->scratch_day) {
        work_free(e, w);
        return SGK_E_NOMEM;
    }
    return 0;
}

/* Runs one indicator over one period into w's team accumulators. */
static int run(struct sgk_engine *e, work *w, int ind, sgk__day from,
               sgk__day to, int record)
{
    const sgk__indicator *def = sgk__indicator_at(ind);
    sgk__calc c;
    memset(w->num, 0, w->nteams * sizeof *w->num);
    memset(w->den, 0, w->nteams * sizeof *w->den);
    memset(&c, 0, sizeof c);
    c.e = e;
    c.indicator = ind;
    c.from = from;
    c.to = to;
    c.facts = e->facts[def->kind].items;
    c.nfacts = e->facts[def->kind].len;
    c.record = record;
    c.num = w->num;
    c.den = w->den;
    c.scratch = w->scratch;
    c.scratch_day = w->scratch_day;
    def->fn(&c);
    return c.status;
}

static void fill_cell(sgk__cell *cell, int unit, int present, double num,
                      double den)
{
    cell->present = present;
    cell->num = num;
    cell->den = unit == SGK_UNIT_COUNT ? -1 : den;
}

static void sum_into(const work *w, sgk__cell *cell, int unit, int present)
{
    double num = 0, den = 0;
    uint32_t t;
    for (t = 0; t < w->nteams; t++) {
        num += w->num[t];
        den += w->den[t];
    }
    fill_cell(cell, unit, present, num, den);
}

static int cell_has_value(const sgk__cell *c)
{
    return c->present && (c->den < 0 || c->den > 0);
}

static double cell_value(const sgk__cell *c)
{
    if (!cell_has_value(c))
        return NAN;
    return c->den < 0 ? c->num : 100.0 * c->num / c->den;
}

/* The threshold for a period ending on `to`, its target resolved. */
static const sgk__threshold *threshold_for(struct sgk_engine *e, int ind,
                                           sgk__day to, double *target)
{
    const sgk__threshold *th = sgk__targets_find(&e->targets, ind, to);
    *target = NAN;
    if (th && th->target_benchmark) {
        if (sgk__targets_benchmark_value(&e->targets, ind,
                                         th->target_benchmark, target) != 0)
            *target = NAN;
    } else if (th) {
        *target = th->target;
    }
    return th;
}

static void rate(sgk__cell *cell, const sgk__threshold *th, double target)
{
    cell->status = sgk__rag(th, target, cell_has_value(cell),
                            cell_value(cell));
}

static int compute_teams(struct sgk_engine *e, work *w, int ind)
{
    sgk__results *r = &e->results;
    const sgk__indicator *def = sgk__indicator_at(ind);
    int t;
    for (t = 0; t < r->nteams; t++) {
        sgk__cell *cell = &r->team[(size_t)ind * r->nteams + t];
        uint32_t id = r->team_order[t];
        fill_cell(cell, def->unit, e->kind_seen[def->kind], w->num[id],
                  w->den[id]);
        rate(cell, r->applied[ind], r->applied_target[ind]);
    }
    return 0;
}

static int compute_months(struct sgk_engine *e, work *w, int ind)
{
    sgk__results *r = &e->results;
    const sgk__indicator *def = sgk__indicator_at(ind);
    int m, y, mo, d;
    sgk__day start = e->from;
    for (m = 0; m < r->nmonths; m++) {
        sgk__cell *cell = &r->month[(size_t)ind * r->nmonths + m];
        sgk__day end;
        double target;
        int rc;
        sgk__day_to_ymd(start, &y, &mo, &d);
        end = sgk__day_from_ymd(y, mo, sgk__days_in_month(y, mo));
        if (end > e->to)
            end = e->to;
        if ((rc = run(e, w, ind, start, end, 0)) != 0)
            return rc;
        sum_into(w, cell, def->unit, e->kind_seen[def->kind]);
        rate(cell, threshold_for(e, ind, end, &target), target);
        start = end + 1;
    }
    return 0;
}

static int compute_one(struct sgk_engine *e, work *w, int ind)
{
    sgk__results *r = &e->results;
    const sgk__indicator *def = sgk__indicator_at(ind);
    int rc = run(e, w, ind, e->from, e->to, 1);
    if (rc)
        return rc;
    sum_into(w, &r->total[ind], def->unit, e->kind_seen[def->kind]);
    r->applied[ind] = threshold_for(e, ind, e->to, &r->applied_target[ind]);
    rate(&r->total[ind], r->applied[ind], r->applied_target[ind]);
    if (r->nteams && (rc = compute_teams(e, w, ind)) != 0)
        return rc;
    if (r->nmonths)
        rc = compute_months(e, w, ind);
    return rc;
}

/* Drops what the last compute found, so a recompute does not repeat it. */
static void drop_computed_rejections(struct sgk_engine *e)
{
    size_t i, kept = 0;
    for (i = 0; i < e->rejections.len; i++) {
        sgk__rejection *r = sgk__vec_at(&e->rejections, i);
        if (r->computed) {
            sgk__free(&e->mem, r->reason);
            continue;
        }
        *(sgk__rejection *)sgk__vec_at(&e->rejections, kept++) = *r;
    }
    e->rejections.len = kept;
}

int sgk__results_layout(struct sgk_engine *e);

int sgk_engine_compute(sgk_engine *e)
{
    work w;
    int ind, rc;
    if (!e)
        return SGK_E_INVALID_ARGUMENT;
    sgk__error_clear(&e->err);
    if (!e->have_period)
        return sgk__error_set(&e->err, SGK_E_NO_PERIOD, NULL, 0, NULL,
                              "set a reporting period before computing");
    if (e->stream.open)
        return sgk__error_set(&e->err, SGK_E_STATE, NULL, 0, NULL,
                              "finish the open input stream before "
                              "computing");
    sgk__results_free(e);
    drop_computed_rejections(e);
    memset(&w, 0, sizeof w);
    rc = sgk__calendar_build(&e->mem, &e->calendar);
    if (rc == 0)
        rc = sgk__results_layout(e);
    if (rc == 0)
        rc = work_init(e, &w);
    for (ind = 0; rc == 0 && ind < sgk__indicator_total(); ind++)
        rc = compute_one(e, &w, ind);
    work_free(e, &w);
    if (rc) {
        sgk__results_free(e);
        drop_computed_rejections(e);
        return sgk__error_set(&e->err, rc, NULL, 0, NULL, "compute failed: %s",
                              sgk_strerror(rc));
    }
    sgk__rejections_sort(e);
    sgk__exceptions_sort(e);
    e->results.computed = 1;
    return 0;
}
