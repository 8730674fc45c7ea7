/* A child's episode history, shared by the children-in-care indicators
 * (children_in_care.c): the episodes put in order of child and start, and
 * one child's run walked for the 12 months up to each as-at date, which
 * gives whether they were looked after at it, in the 12-month cohort, and
 * how many placements they had (docs/indicators.md, "Children in care").
 *
 * Fact layout: lib/care.h. */
#include <string.h>
#include "care.h"
#include "sort.h"

/* A child's episodes beyond this many are put in order by a radix sort:
 * an insertion sort would take time growing with the square of them. */
#define SHORT_HISTORY 64

/* Puts order[0..n) in start order, ties keeping their order: most often
 * by an insertion sort, as a child has few episodes, usually already in
 * order.  0, or SGK_E_NOMEM (order then unchanged). */
static int by_start(const sgk__mem *mem, const sgk__fact *ep,
                    uint32_t *order, size_t n)
{
    uint64_t *keys;
    size_t i, j;
    int rc;
    if (n <= SHORT_HISTORY) {
        for (i = 1; i < n; i++) {
            uint32_t x = order[i];
            sgk__day d = ep[x].d[0];
            for (j = i; j > 0 && ep[order[j - 1]].d[0] > d; j--)
                order[j] = order[j - 1];
            order[j] = x;
        }
        return 0;
    }
    if (!(keys = sgk__malloc(mem, n * sizeof *keys)))
        return SGK_E_NOMEM;
    for (i = 0; i < n; i++)
        keys[i] = (uint32_t)ep[order[i]].d[0] ^ 0x80000000u;
    rc = sgk__sort_keys(mem, keys, order, n); /* stable */
    sgk__free(mem, keys);
    return rc;
}

/* Grouped by child with a counting pass, in row order, then each child's
 * run put in start order: so episodes starting the same day keep their
 * row order. */
const uint32_t *sgk__care_order(sgk__calc *c, const sgk__fact *ep, size_t n)
{
    size_t nchildren = c->e->children.count, i, x, begin;
    uint32_t *at, *order;
    int rc = 0;
    if (n == 0 || c->shared->episode_order)
        return c->shared->episode_order;
    at = sgk__calloc(&c->e->mem, nchildren + 1, sizeof *at);
    order = sgk__malloc(&c->e->mem, n * sizeof *order);
    if (!at || !order) {
        sgk__free(&c->e->mem, at);
        sgk__free(&c->e->mem, order);
        c->status = SGK_E_NOMEM;
        return NULL;
    }
    /* Counted one on, so that after the sums at[x] is where child x's
     * run starts, and after the fill where it ends. */
    for (i = 0; i < n; i++)
        at[ep[i].child + 1]++;
    for (x = 1; x < nchildren; x++)
        at[x] += at[x - 1];
    for (i = 0; i < n; i++)
        order[at[ep[i].child]++] = (uint32_t)i;
    for (x = 0, begin = 0; x < nchildren && rc == 0; begin = at[x++])
        if (at[x] - begin > 1)
            rc = by_start(&c->e->mem, ep, order + begin, at[x] - begin);
    sgk__free(&c->e->mem, at);
    if (rc) {
        sgk__free(&c->e->mem, order);
        c->status = SGK_E_NOMEM;
        return NULL;
    }
    c->shared->episode_order = order;
    return order;
}

/* One episode's part in the window k->w .. k->t; `began` is the start of
 * the period of care it belongs to. */
static void walk_episode(sgk__calc *c, sgk__care_walk *k, const sgk__fact *f,
                         sgk__day began, int rep)
{
    if (f->d[0] > k->t || f->d[1] <= k->w)
        return; /* outside the window */
    k->short_break |= f->code2;
    if (f->d[0] <= k->w) {
        k->covers_w = 1;
        if (began < k->began)
            k->began = began;
    }
    else if (f->d[0] > k->cover_end)
        k->broken = 1; /* a new period of care starts inside the window */
    if (f->d[1] > k->cover_end)
        k->cover_end = f->d[1];
    if (f->d[1] <= k->t && f->code != SGK__REASON_X1) {
        k->broken = 1; /* ceased inside the window */
        if (rep && f->code == SGK__REASON_NONE)
            sgk__calc_reject_for(c, f, sgk__input_field(c->e, f,
                                 SGK__COL_REASON_ENDED),
                                 SGK__CLA_COHORT_INDICATORS,
                                 "reason_ended is blank for an episode "
                                 "that ended in the 12 months before the "
                                 "as-at date; read as a ceasing");
    }
    if (f->d[1] > k->t && !f->code2)
        k->looked_after = 1;
    /* A short break is not a placement in care (DfE leaves V3/V4 out of
     * its looked-after counts), so the first placement is the first
     * other episode in the window. */
    if (!f->code2) {
        if (!k->placed || !(f->flags & SGK__EP_NO_MOVE))
            k->placements++;
        k->placed = 1;
    }
}

sgk__day sgk__care_walk_state(const sgk__care_walk *k)
{
    sgk__day st = SGK__ST_EPISODES;
    int places = k->placements < SGK__PLACEMENTS_MAX ? k->placements
                                                     : SGK__PLACEMENTS_MAX;
    if (k->looked_after)
        st |= SGK__ST_LOOKED_AFTER;
    if (k->looked_after && k->covers_w && !k->broken && !k->short_break)
        st |= SGK__ST_COHORT;
    return st | (sgk__day)(places << SGK__ST_SHIFT);
}

/* Doing several periods in one walk fetches the episodes, scattered in
 * memory, once. */
int sgk__care_walk_child(sgk__calc *c, const sgk__fact *ep,
                         const uint32_t *order, size_t n, size_t *i,
                         sgk__care_walk *k, int p0, int np, int rep)
{
    uint32_t child = ep[order[*i]].child;
    /* The period of care under way: where it began, how far its episodes
     * reach, and whether the latest-ending one ended by a real ceasing. */
    sgk__day began = SGK__NO_DATE, reach = INT32_MIN;
    int any = 0, ceased = 1, q;
    for (q = 0; q < np; q++) {
        memset(&k[q], 0, sizeof k[q]);
        k[q].t = c->to[p0 + q];
        k[q].w = c->year_before[p0 + q];
        k[q].cover_end = INT32_MIN;
        k[q].began = SGK__NO_DATE;
    }
    for (; *i < n && ep[order[*i]].child == child; (*i)++) {
        const sgk__fact *f = &ep[order[*i]];
        /* The order is by child, the facts by line: each step is a jump
         * in memory, so the memory is asked for ahead. */
        if (*i + SGK__GATHER_AHEAD < n)
            sgk__prefetch(&ep[order[*i + SGK__GATHER_AHEAD]]);
        if (SGK__IS_BAD(f, SGK__BAD_D1))
            continue; /* reported when read */
        any = 1;
        if (ceased || f->d[0] > reach)
            began = f->d[0];
        if (f->d[1] >= reach) {
            reach = f->d[1];
            ceased = f->d[1] != SGK__NO_DATE && f->code != SGK__REASON_X1;
        }
        for (q = 0; q < np; q++)
            walk_episode(c, &k[q], f, began, rep);
    }
    return any;
}
