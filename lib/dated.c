/* What family files share for working in periods: which month a day is
 * in, tallying an event into the whole and its month, and the facts dated
 * inside the period grouped month by month (family.h says what each
 * does). */
#include <string.h>
#include "family.h"

int sgk__month_search(const sgk__calc *c, sgk__day d)
{
    int p = sgk__month_from(c, d);
    return p < c->nperiods && c->from[p] <= d ? p : 0;
}

int sgk__month_from(const sgk__calc *c, sgk__day d)
{
    /* The months' as-at dates, to[1..nperiods), rise. */
    return (int)sgk__days_lower_bound(c->to, 1, (size_t)c->nperiods, d);
}

void sgk__tally_event(sgk__calc *c, sgk__day d, uint32_t team, double num,
                      double den)
{
    int m;
    if (d < c->from[0] || d > c->to[0])
        return;
    sgk__tally(c, 0, team, num, den);
    if (c->nperiods > 1 && (m = sgk__month_of(c, d)) > 0)
        sgk__tally(c, m, team, num, den);
}

int sgk__dated_make(sgk__calc *c, int slot, uint16_t bad, sgk__dated *d)
{
    size_t i, cap = c->nfacts ? c->nfacts : 1;
    int p;
    memset(d, 0, sizeof *d);
    d->all = sgk__malloc(&c->e->mem, cap * sizeof *d->all);
    d->by_month = sgk__malloc(&c->e->mem, cap * sizeof *d->by_month);
    d->start = sgk__calloc(&c->e->mem, (size_t)c->nperiods + 1,
                           sizeof *d->start);
    if (!d->all || !d->by_month || !d->start) {
        sgk__dated_free(c, d);
        c->status = SGK_E_NOMEM;
        return SGK_E_NOMEM;
    }
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (!SGK__IS_BAD(f, bad) && f->d[slot] >= c->from[0] &&
            f->d[slot] <= c->to[0])
            d->all[d->n++] = (uint32_t)i;
    }
    /* A stable counting sort by month (0: in none, which only happens
     * without months).  After the scatter each start[m] has moved on to
     * where month m + 1 begins, so they are shifted back one. */
    for (i = 0; i < d->n; i++)
        d->start[sgk__month_of(c, c->facts[d->all[i]].d[slot]) + 1]++;
    for (p = 0; p < c->nperiods; p++)
        d->start[p + 1] += d->start[p];
    for (i = 0; i < d->n; i++) {
        int m = sgk__month_of(c, c->facts[d->all[i]].d[slot]);
        d->by_month[d->start[m]++] = d->all[i];
    }
    for (p = c->nperiods; p > 0; p--)
        d->start[p] = d->start[p - 1];
    d->start[0] = 0;
    return 0;
}

const uint32_t *sgk__dated_in(const sgk__dated *d, int p, size_t *n)
{
    if (p == 0) {
        *n = d->n;
        return d->all;
    }
    *n = d->start[p + 1] - d->start[p];
    return d->by_month + d->start[p];
}

void sgk__dated_free(sgk__calc *c, sgk__dated *d)
{
    sgk__free(&c->e->mem, d->all);
    sgk__free(&c->e->mem, d->by_month);
    sgk__free(&c->e->mem, d->start);
    memset(d, 0, sizeof *d);
}
