/* Caseloads: open cases per allocated worker.
 *
 * Definitions (docs/indicators.md), for Kent action 2.1.7 ("performance
 * reporting indicate caseload levels"): as at a period's end (`to`, and
 * each month's end), a worker's caseload is the number of open cases with
 * that worker allocated.  Only workers holding at least one open case
 * count: the cases extract is the only list of workers, and a worker whose
 * cases are all closed may have left.  Unallocated cases belong to no one
 * (unallocated_over_28_days and unallocated_cp_cla count them).
 *
 * caseload_mean is open allocated cases / workers holding them (both sum
 * over teams); caseload_max is the largest single caseload, and the whole
 * is the largest of the teams'.  Each worker belongs to one team: the team
 * on most of the worker's open cases, ties going to the team of the
 * earliest such row read.  All of a worker's cases count in that team, so
 * the teams' cases and workers add up to the whole's.
 *
 * Case fact layout (lib/allocation.c): d[0] case_start_date, d[1]
 * case_end_date, worker the interned worker (0 blank). */
#include "family.h"
#include "sort.h"

/* An allocated case, with its dates beside it so that the passes over
 * every as-at date read the array in order instead of jumping into the
 * facts. */
typedef struct held {
    uint32_t worker, team, fact;
    sgk__day start, end;
} held;

/* Whether a case could be open at some as-at date of the compute. */
static int may_count(const sgk__calc *c, const sgk__fact *f)
{
    return f->worker != 0 && !SGK__IS_BAD(f, SGK__BAD_D1 | SGK__BAD_WORKER) &&
           f->d[0] <= c->to[0] && f->d[1] > c->from[0];
}

/* The allocated cases that may count, ordered by worker, team and row
 * (the sort is stable) so that each worker's cases are one run; made
 * once per compute for both caseload indicators (the compute frees it).
 * NULL with c->status set when memory ran out. */
static const held *allocated(sgk__calc *c, size_t *n)
{
    uint64_t *keys = NULL;
    uint32_t *rows = NULL;
    held *h = NULL;
    size_t i, m = 0;
    if (c->shared->case_order) {
        *n = c->shared->ncase_order;
        return c->shared->case_order;
    }
    m = c->nfacts ? c->nfacts : 1;
    keys = sgk__malloc(&c->e->mem, m * sizeof *keys);
    rows = sgk__malloc(&c->e->mem, m * sizeof *rows);
    m = 0;
    for (i = 0; keys && rows && i < c->nfacts; i++)
        if (may_count(c, &c->facts[i])) {
            keys[m] = (uint64_t)c->facts[i].worker << 32 | c->facts[i].team;
            rows[m++] = (uint32_t)i;
        }
    if (keys && rows && sgk__sort_keys(&c->e->mem, keys, rows, m) == 0)
        h = sgk__malloc(&c->e->mem, (m ? m : 1) * sizeof *h);
    for (i = 0; h && i < m; i++) {
        const sgk__fact *f = &c->facts[rows[i]];
        if (i + SGK__GATHER_AHEAD < m)
            sgk__prefetch(&c->facts[rows[i + SGK__GATHER_AHEAD]]);
        h[i].worker = f->worker;
        h[i].team = f->team;
        h[i].fact = rows[i];
        h[i].start = f->d[0];
        h[i].end = f->d[1];
    }
    sgk__free(&c->e->mem, keys);
    sgk__free(&c->e->mem, rows);
    if (!h) {
        c->status = SGK_E_NOMEM;
        return NULL;
    }
    c->shared->case_order = h;
    c->shared->ncase_order = *n = m;
    return h;
}

static int open_at(const held *h, sgk__day d)
{
    return h->start <= d && h->end > d;
}

/* One worker's run h[0..n) as at d: open cases in all and the team. */
static uint32_t caseload(const held *h, size_t n, sgk__day d,
                         uint32_t *team)
{
    uint32_t total = 0, best = 0, best_first = UINT32_MAX;
    size_t i = 0;
    while (i < n) {
        uint32_t t = h[i].team, k = 0, first = UINT32_MAX;
        for (; i < n && h[i].team == t; i++)
            if (open_at(&h[i], d)) {
                k++;
                if (first == UINT32_MAX)
                    first = h[i].fact;
            }
        total += k;
        if (k > best || (k == best && k > 0 && first < best_first)) {
            best = k;
            best_first = first;
            *team = t;
        }
    }
    return total;
}

/* Where the run of h[i]'s worker ends. */
static size_t run_end(const held *h, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && h[j].worker == h[i].worker)
        j++;
    return j;
}

static void tally_load(sgk__calc *c, int p, uint32_t team, uint32_t k,
                       int max)
{
    if (k == 0)
        return;
    if (max) {
        double *cell = &c->num[(size_t)p * c->nteams + team];
        if (k > *cell)
            *cell = k;
    } else {
        sgk__tally(c, p, team, k, 1);
    }
}

/* Workers' runs in h[0..n), for each as-at date: the caseload and team of
 * each, for both indicators, made by the first (the compute frees them).
 * Only when the table is no longer than the cases themselves, which it is
 * unless nearly every case has a worker of its own; else NULL, and each
 * indicator works the loads out itself.  *runs is set either way. */
static const uint32_t *shared_loads(sgk__calc *c, const held *h, size_t n,
                                    size_t *runs, const uint32_t **teams)
{
    size_t i, r, j;
    int p;
    if (!c->shared->ncase_runs)
        for (i = 0; i < n; c->shared->ncase_runs++)
            i = run_end(h, n, i);
    *runs = c->shared->ncase_runs;
    *teams = c->shared->case_load_teams;
    if (c->shared->case_loads || *runs * (size_t)c->nperiods > n)
        return c->shared->case_loads;
    c->shared->case_loads = sgk__malloc(&c->e->mem, (*runs ? *runs : 1) *
                                        (size_t)c->nperiods * sizeof(uint32_t));
    c->shared->case_load_teams = sgk__malloc(
        &c->e->mem, (*runs ? *runs : 1) * (size_t)c->nperiods *
                        sizeof(uint32_t));
    if (!c->shared->case_loads || !c->shared->case_load_teams) {
        sgk__free(&c->e->mem, c->shared->case_loads);
        sgk__free(&c->e->mem, c->shared->case_load_teams);
        c->shared->case_loads = c->shared->case_load_teams = NULL;
        return NULL; /* each indicator works them out instead */
    }
    /* Run by run, each found once for every as-at date. */
    for (r = 0, i = 0; i < n; r++, i = j) {
        j = run_end(h, n, i);
        for (p = 0; p < c->nperiods; p++) {
            size_t at = (size_t)p * *runs + r;
            uint32_t team = 0;
            c->shared->case_loads[at] = caseload(h + i, j - i, c->to[p],
                                                 &team);
            c->shared->case_load_teams[at] = team;
        }
    }
    *teams = c->shared->case_load_teams;
    return c->shared->case_loads;
}

static void tally_period(sgk__calc *c, const held *h, size_t n, int p,
                         int max)
{
    size_t i = 0, j;
    while (i < n) {
        uint32_t team = 0, k;
        j = run_end(h, n, i);
        k = caseload(h + i, j - i, c->to[p], &team);
        i = j;
        tally_load(c, p, team, k, max);
    }
}

static void caseloads(sgk__calc *c, int max)
{
    size_t n, runs, r;
    const held *h = allocated(c, &n);
    const uint32_t *loads, *teams;
    int p;
    if (!h)
        return;
    loads = shared_loads(c, h, n, &runs, &teams);
    for (p = 0; p < c->nperiods; p++) {
        if (!loads) {
            tally_period(c, h, n, p, max);
            continue;
        }
        for (r = 0; r < runs; r++)
            tally_load(c, p, teams[(size_t)p * runs + r],
                       loads[(size_t)p * runs + r], max);
    }
    if (max)
        c->num_combine = SGK__COMBINE_MAX;
}

void sgk__caseload_mean(sgk__calc *c) { caseloads(c, 0); }
void sgk__caseload_max(sgk__calc *c) { caseloads(c, 1); }
