/* Computing every indicator for the period, each team and each month.
 * Each indicator is called once and works every period (the whole, then
 * each month), tallying into per-team accumulators; totals are the sum
 * over teams, so team breakdowns add up to the whole, unless the compute
 * function asks for a maximum instead (sgk__calc.num_combine,
 * den_combine).
 *
 * With SGK_OPT_THREADS other than 1 the indicators are shared out among
 * threads, each with accumulators of its own.  They are handed out in
 * runs of consecutive indicators of one kind, the unit within which
 * values are shared (sgk__calc.shared), so no shared value is made by two
 * threads.  What an indicator rejects is kept apart and added to the
 * engine's list in indicator order afterwards, so the outcome is the same
 * for any number of threads. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "family.h"

/* What every thread reads: the periods, and what is made once. */
typedef struct plan {
    int nperiods;
    sgk__day *from, *to;   /* [period]: 0 is the whole, then months */
    sgk__day *year_before; /* [period] */
    uint16_t *month_at;    /* [day - from[0]]: sgk__month_of, with months */
    sgk__shared shared;
    sgk__vec *rejected;    /* [indicator] what its compute rejected */
} plan;

/* One thread's accumulators. */
typedef struct work {
    plan *pl;
    int nperiods;
    const sgk__day *from, *to;
    uint32_t nteams, nchildren;
    double *num, *den;    /* [period * nteams + team] */
    uint32_t *scratch;    /* per interned child */
    sgk__day *scratch_day;
    int status;
} work;

static void work_free(struct sgk_engine *e, work *w)
{
    sgk__free(&e->mem, w->num);
    sgk__free(&e->mem, w->den);
    sgk__free(&e->mem, w->scratch);
    sgk__free(&e->mem, w->scratch_day);
    memset(w, 0, sizeof *w);
}

static void plan_free(struct sgk_engine *e, plan *pl)
{
    int i;
    sgk__free(&e->mem, pl->from);
    sgk__free(&e->mem, pl->to);
    sgk__free(&e->mem, pl->year_before);
    sgk__free(&e->mem, pl->month_at);
    sgk__free(&e->mem, pl->shared.episode_order);
    sgk__free(&e->mem, pl->shared.case_order);
    sgk__free(&e->mem, pl->shared.case_loads);
    sgk__free(&e->mem, pl->shared.case_load_teams);
    sgk__free(&e->mem, pl->shared.ethnicity_row);
    sgk__free(&e->mem, pl->shared.ethnicity_code);
    sgk__free(&e->mem, pl->shared.ethnicity_team);
    sgk__vec_free(&e->mem, &pl->shared.ethnicity_conflicts);
    sgk__free(&e->mem, pl->shared.cla_states);
    sgk__free(&e->mem, pl->shared.cla_began);
    for (i = 0; pl->rejected && i < sgk__indicator_total(); i++)
        sgk__rejections_drop(e, &pl->rejected[i]);
    sgk__free(&e->mem, pl->rejected);
    memset(pl, 0, sizeof *pl);
}

/* Period 0 is the reporting period; then each calendar month inside it,
 * clipped to it, when monthly results were asked for. */
static void fill_periods(struct sgk_engine *e, plan *pl)
{
    sgk__day start = e->from;
    int m, y, mo, d;
    pl->from[0] = e->from;
    pl->to[0] = e->to;
    for (m = 1; m < pl->nperiods; m++) {
        sgk__day end;
        sgk__day_to_ymd(start, &y, &mo, &d);
        end = sgk__day_from_ymd(y, mo, sgk__days_in_month(y, mo));
        pl->from[m] = start;
        pl->to[m] = end < e->to ? end : e->to;
        start = pl->to[m] + 1;
    }
    for (m = 0; m < pl->nperiods; m++)
        pl->year_before[m] = sgk__day_add_years(pl->to[m], -1);
    for (m = 1; m < pl->nperiods; m++)
        for (d = pl->from[m]; d <= pl->to[m]; d++)
            pl->month_at[d - pl->from[0]] = (uint16_t)m;
}

static int plan_init(struct sgk_engine *e, plan *pl)
{
    int i, n = sgk__indicator_total();
    size_t periods;
    pl->nperiods = 1 + e->results.nmonths;
    periods = (size_t)pl->nperiods;
    pl->from = sgk__calloc(&e->mem, periods, sizeof *pl->from);
    pl->to = sgk__calloc(&e->mem, periods, sizeof *pl->to);
    pl->year_before = sgk__calloc(&e->mem, periods, sizeof *pl->year_before);
    pl->rejected = sgk__calloc(&e->mem, (size_t)n, sizeof *pl->rejected);
    /* Every tally of an event asks for its month: a table of the period's
     * days answers at once, where a search of the months took a loop.
     * Months past 65535 cannot happen: the years are bounded. */
    if (pl->nperiods > 1 && pl->nperiods <= UINT16_MAX)
        pl->month_at = sgk__calloc(&e->mem, (size_t)(e->to - e->from) + 1,
                                   sizeof *pl->month_at);
    if (!pl->from || !pl->to || !pl->year_before || !pl->rejected ||
        (pl->nperiods > 1 && pl->nperiods <= UINT16_MAX && !pl->month_at)) {
        plan_free(e, pl);
        return SGK_E_NOMEM;
    }
    for (i = 0; i < n; i++)
        sgk__vec_init(&pl->rejected[i], sizeof(sgk__rejection));
    fill_periods(e, pl);
    return 0;
}

static int work_init(struct sgk_engine *e, plan *pl, work *w)
{
    size_t cells;
    memset(w, 0, sizeof *w);
    w->pl = pl;
    w->nperiods = pl->nperiods;
    w->from = pl->from;
    w->to = pl->to;
    w->nteams = e->teams.count ? e->teams.count : 1;
    w->nchildren = e->children.count ? e->children.count : 1;
    cells = (size_t)w->nperiods * w->nteams;
    w->num = sgk__calloc(&e->mem, cells, sizeof *w->num);
    w->den = sgk__calloc(&e->mem, cells, sizeof *w->den);
    w->scratch = sgk__calloc(&e->mem, w->nchildren, sizeof *w->scratch);
    w->scratch_day = sgk__calloc(&e->mem, w->nchildren,
                                 sizeof *w->scratch_day);
    if (!w->num || !w->den || !w->scratch || !w->scratch_day) {
        work_free(e, w);
        return SGK_E_NOMEM;
    }
    return 0;
}

/* Runs one indicator over every period into w's accumulators, and keeps
 * what the compute function said about itself: how to combine its
 * tallies, its note, and whether it has a value and breakdowns. */
static int run(struct sgk_engine *e, work *w, int ind, sgk__calc *out)
{
    const sgk__indicator *def = sgk__indicator_at(ind);
    sgk__calc c;
    memset(w->num, 0, (size_t)w->nperiods * w->nteams * sizeof *w->num);
    memset(w->den, 0, (size_t)w->nperiods * w->nteams * sizeof *w->den);
    memset(&c, 0, sizeof c);
    c.e = e;
    c.indicator = ind;
    c.nperiods = w->nperiods;
    c.from = w->from;
    c.to = w->to;
    c.facts = e->facts[def->kind].items;
    c.nfacts = sgk__facts_unique(e, def->kind); /* duplicates left out */
    c.nteams = w->nteams;
    c.num = w->num;
    c.den = w->den;
    c.scratch = w->scratch;
    c.scratch_day = w->scratch_day;
    c.year_before = w->pl->year_before;
    c.month_at = w->pl->month_at;
    c.shared = &w->pl->shared;
    c.rejected = &w->pl->rejected[ind];
    c.record = 1;
    def->fn(&c);
    *out = c;
    return c.status;
}

/* Stores a cell, turning scaled whole-number tallies back into units once,
 * at the end, so that no rounding error builds up in the sums. */
static void fill_cell(sgk__cell *cell, const sgk__indicator *def,
                      int present, double num, double den)
{
    double scale = def->scale > 0 ? def->scale : 1;
    cell->unit = def->unit;
    cell->present = present;
    cell->num = num / scale;
    cell->den = def->unit == SGK_UNIT_COUNT ? -1 : den / scale;
}

static double combine(int how, double acc, double v)
{
    return how == SGK__COMBINE_MAX ? (v > acc ? v : acc) : acc + v;
}

/* The whole (or a month) from its team tallies: tallies are never
 * negative, so 0 starts a maximum as well as a sum. */
static void sum_into(const work *w, const sgk__calc *c, int p,
                     sgk__cell *cell, const sgk__indicator *def, int present)
{
    const double *num = w->num + (size_t)p * w->nteams;
    const double *den = w->den + (size_t)p * w->nteams;
    double n = 0, d = 0;
    uint32_t t;
    for (t = 0; t < w->nteams; t++) {
        n = combine(c->num_combine, n, num[t]);
        d = combine(c->den_combine, d, den[t]);
    }
    fill_cell(cell, def, present, n, d);
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

static void rate(const struct sgk_engine *e, sgk__cell *cell,
                 const sgk__threshold *th, double target)
{
    cell->status = sgk__rag(th, target, sgk__cell_has_value(cell),
                            sgk__cell_value(cell));
    cell->threshold = th ? (int)(th - (const sgk__threshold *)
                                      e->targets.thresholds.items) : -1;
    cell->target = th ? target : NAN;
}

/* A breakdown the indicator has none of: cells without a value or a
 * status, rather than "no data" against a threshold. */
static void fill_none(sgk__cell *all, int ind, int n,
                      const sgk__indicator *def)
{
    sgk__cell *cells;
    int k;
    if (n <= 0)
        return; /* the array may be NULL: no offset from it */
    cells = all + (size_t)ind * (size_t)n;
    for (k = 0; k < n; k++) {
        fill_cell(&cells[k], def, 0, 0, 0);
        cells[k].status = SGK_STATUS_NONE;
        cells[k].threshold = -1;
        cells[k].target = NAN;
    }
}

static void fill_teams(struct sgk_engine *e, const work *w, int ind,
                       int present)
{
    sgk__results *r = &e->results;
    const sgk__indicator *def = sgk__indicator_at(ind);
    int t;
    for (t = 0; t < r->nteams; t++) {
        sgk__cell *cell = &r->team[(size_t)ind * r->nteams + t];
        uint32_t id = r->team_order[t];
        fill_cell(cell, def, present, w->num[id], w->den[id]);
        rate(e, cell, sgk__cell_threshold(e, &r->total[ind]),
             r->total[ind].target);
    }
}

static void fill_months(struct sgk_engine *e, const work *w,
                        const sgk__calc *c, int ind, int present)
{
    sgk__results *r = &e->results;
    const sgk__indicator *def = sgk__indicator_at(ind);
    int m;
    for (m = 0; m < r->nmonths; m++) {
        sgk__cell *cell = &r->month[(size_t)ind * r->nmonths + m];
        double target;
        const sgk__threshold *th = threshold_for(e, ind, w->to[m + 1],
                                                 &target);
        /* Two statements: `target` is only set once threshold_for ran. */
        sum_into(w, c, m + 1, cell, def, present);
        rate(e, cell, th, target);
    }
}

static int compute_one(struct sgk_engine *e, work *w, int ind)
{
    sgk__results *r = &e->results;
    const sgk__indicator *def = sgk__indicator_at(ind);
    const sgk__threshold *th;
    double target;
    sgk__calc c;
    int present, rc = run(e, w, ind, &c);
    if (rc)
        return rc;
    r->note[ind] = c.note;
    present = sgk__indicator_present(e, def) && !c.absent;
    sum_into(w, &c, 0, &r->total[ind], def, present);
    th = threshold_for(e, ind, e->to, &target);
    rate(e, &r->total[ind], th, target);
    if (c.no_breakdown & SGK__NO_TEAMS)
        fill_none(r->team, ind, r->nteams, def);
    else
        fill_teams(e, w, ind, present);
    if (c.no_breakdown & SGK__NO_MONTHS)
        fill_none(r->month, ind, r->nmonths, def);
    else
        fill_months(e, w, &c, ind, present);
    return 0;
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

/* Runs of consecutive indicators of one kind: the units handed out. */
static int unit_end(int from)
{
    int n = sgk__indicator_total(), k = sgk__indicator_at(from)->kind;
    while (from < n && sgk__indicator_at(from)->kind == k)
        from++;
    return from;
}

/* Facts a unit's indicators read, a stand-in for its cost: the data quality
 * and ethnicity indicators read every kind, and the children in care ones
 * the episode history as well as their own rows. */
static size_t unit_weight(const struct sgk_engine *e, int from, int end)
{
    size_t w = 0, all = 0;
    int k, ind;
    for (k = 1; k < SGK_KIND_COUNT; k++)
        all += e->facts[k].len;
    for (ind = from; ind < end; ind++) {
        k = sgk__indicator_at(ind)->kind;
        w += k == 0 ? all : e->facts[k].len;
        if (k == SGK_KIND_CLA_CHILDREN)
            w += e->facts[SGK_KIND_CLA_EPISODES].len;
    }
    return w;
}

typedef struct unit {
    int from, end;
    size_t weight;
} unit;

/* Heaviest first, then in table order: a heavy unit left to the end would
 * keep one lane busy while the others sit idle. */
static int heavier_first(const void *a, const void *b)
{
    const unit *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->from - y->from;
}

typedef struct crew {
    struct sgk_engine *e;
    pthread_mutex_t lock;
    unit *units;
    int nunits;
    int next;              /* first unit not yet handed out */
} crew;

typedef struct lane {
    crew *cr;
    work w;
    pthread_t thread;
    int started;
} lane;

/* The next unit [*from, return) for a lane, or -1 when none is left. */
static int take_unit(crew *cr, int *from)
{
    int end = -1;
    pthread_mutex_lock(&cr->lock);
    if (cr->next < cr->nunits) {
        *from = cr->units[cr->next].from;
        end = cr->units[cr->next++].end;
    }
    pthread_mutex_unlock(&cr->lock);
    return end;
}

/* Every unit, heaviest first when there are several lanes.  Results and
 * rejections are kept per indicator, so the order work is done in changes
 * nothing but the time and the peak memory.  On one lane, where the order
 * cannot save time, the table's is kept: it peaked lower on the 1 GB
 * benchmark set (656 MB against 711 heaviest first). */
static int plan_units(struct sgk_engine *e, crew *cr, int lanes)
{
    int k;
    cr->nunits = 0;
    cr->units = sgk__calloc(&e->mem, (size_t)sgk__indicator_total(),
                            sizeof *cr->units);
    if (!cr->units)
        return SGK_E_NOMEM;
    for (k = 0; k < sgk__indicator_total(); k = unit_end(k)) {
        unit *u = &cr->units[cr->nunits++];
        u->from = k;
        u->end = unit_end(k);
        u->weight = unit_weight(e, u->from, u->end);
    }
    if (lanes > 1)
        qsort(cr->units, (size_t)cr->nunits, sizeof *cr->units,
              heavier_first);
    return 0;
}

static void *run_lane(void *arg)
{
    lane *ln = arg;
    int from, end, ind;
    while (ln->w.status == 0 && (end = take_unit(ln->cr, &from)) >= 0)
        for (ind = from; ind < end && ln->w.status == 0; ind++)
            ln->w.status = compute_one(ln->cr->e, &ln->w, ind);
    return NULL;
}

/* Every indicator on up to SGK_OPT_THREADS lanes; the first lane is this
 * thread's.  A lane whose thread would not start has its share done by the
 * others. */
static int run_lanes(struct sgk_engine *e, plan *pl)
{
    lane lanes[8];
    crew cr;
    int n = sgk__threads_wanted(e), k, rc = 0, made = 0;
    if (plan_units(e, &cr, n) != 0)
        return SGK_E_NOMEM;
    /* Each lane holds accumulators per child: none beyond the work. */
    if (n > cr.nunits)
        n = cr.nunits;
    if (n > (int)(sizeof lanes / sizeof lanes[0]))
        n = (int)(sizeof lanes / sizeof lanes[0]);
    memset(lanes, 0, sizeof lanes);
    cr.e = e;
    cr.next = 0;
    if (pthread_mutex_init(&cr.lock, NULL) != 0) {
        sgk__free(&e->mem, cr.units);
        return SGK_E_NOMEM;
    }
    for (k = 0; k < n && rc == 0; k++, made++) {
        lanes[k].cr = &cr;
        rc = work_init(e, pl, &lanes[k].w);
    }
    if (rc)
        made--;
    for (k = 1; rc == 0 && k < made; k++)
        lanes[k].started = pthread_create(&lanes[k].thread, NULL, run_lane,
                                          &lanes[k]) == 0;
    if (rc == 0)
        run_lane(&lanes[0]);
    for (k = 0; k < made; k++) {
        if (lanes[k].started)
            pthread_join(lanes[k].thread, NULL);
        if (rc == 0)
            rc = lanes[k].w.status;
        work_free(e, &lanes[k].w);
    }
    pthread_mutex_destroy(&cr.lock);
    sgk__free(&e->mem, cr.units);
    return rc;
}

int sgk_engine_compute(sgk_engine *e)
{
    plan pl;
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
    memset(&pl, 0, sizeof pl);
    rc = sgk__calendar_build(&e->mem, &e->calendar);
    if (rc == 0)
        rc = sgk__results_layout(e);
    if (rc == 0)
        rc = plan_init(e, &pl);
    if (rc == 0)
        rc = sgk__duplicates_mark(e);
    if (rc == 0)
        rc = run_lanes(e, &pl);
    for (ind = 0; rc == 0 && ind < sgk__indicator_total(); ind++)
        rc = sgk__rejections_adopt(e, &pl.rejected[ind]);
    plan_free(e, &pl);
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
