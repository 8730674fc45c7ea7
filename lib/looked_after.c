/* Looked-after children: the adoption rate.
 *
 * Definition (docs/indicators.md), after DfE's SSDA903 statistics: children
 * who ceased to be looked after in the period, leaving out episodes that
 * end only because another starts the same day (reason X1) and short-break
 * care (legal status V3 or V4); the percentage of them adopted (reason E11
 * or E12).  Children are counted once each.
 *
 * Fact layout: lib/care.h (the episode history is also walked by
 * care_history.c). */
#include "care.h"

#define REASON_NONE SGK__REASON_NONE
#define REASON_ADOPTED SGK__REASON_ADOPTED
#define REASON_X1 SGK__REASON_X1
#define REASON_OTHER SGK__REASON_OTHER

/* An unreadable end date matters to every indicator reading episodes. */
static const char ind_adoption[] = SGK__EPISODE_INDICATORS;

static int read_reason(sgk__row *row)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_REASON_ENDED, &s, &n))
        return REASON_NONE;
    if (sgk__code_is(s, n, "E11") || sgk__code_is(s, n, "E12"))
        return REASON_ADOPTED;
    if (sgk__code_is(s, n, "X1"))
        return REASON_X1;
    return REASON_OTHER;
}

static int read_short_break(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_LEGAL_STATUS, &s, &n)) {
        f->flags |= SGK__FLAG_BLANK;
        return 0;
    }
    return sgk__code_is(s, n, "V3") || sgk__code_is(s, n, "V4");
}

/* Whether the episode is no change of placement for placement stability.
 * SSDA903 RNE L is a new legal status in the same placement.  DfE's
 * measure also does not count a child placed for adoption with their
 * existing foster carers as moving: PLACE A3 (with consent) or A5 (with a
 * placement order), "with current foster carer(s)".  Other same-carer
 * changes (RNE T, U: a foster carer moving house, say) are placements in
 * DfE's own counts, so they count here. */
static int read_no_move(sgk__row *row)
{
    const char *s;
    size_t n;
    if (sgk__row_code(row, SGK__COL_REASON_NEW_EPISODE, &s, &n) &&
        sgk__code_is(s, n, "L"))
        return SGK__EP_NO_MOVE;
    if (sgk__row_code(row, SGK__COL_PLACEMENT, &s, &n) &&
        (sgk__code_is(s, n, "A3") || sgk__code_is(s, n, "A5")))
        return SGK__EP_NO_MOVE;
    return 0;
}

void sgk__cla_ingest(sgk__row *row, sgk__fact *f)
{
    if (sgk__row_date(row, SGK__COL_START_DATE, 1, NULL, &f->d[0]) != 0)
        return;
    if (sgk__row_date(row, SGK__COL_END_DATE, 0, ind_adoption, &f->d[1]) != 0) {
        f->bad |= SGK__BAD_D1;
    } else if (f->d[1] < f->d[0]) {
        sgk__row_reject(row, SGK__COL_END_DATE, ind_adoption,
                        "end_date is before start_date");
        f->bad |= SGK__BAD_D1;
    }
    f->code = (uint8_t)read_reason(row);
    f->code2 = (uint8_t)read_short_break(row, f);
    f->flags |= (uint8_t)read_no_move(row);
    sgk__ethnicity_ingest(row, f);
}

/* Whether an episode ending in the period is a real ceasing to be looked
 * after; a missing reason is reported, as the child cannot be placed. */
static int qualifies(sgk__calc *c, const sgk__fact *f)
{
    if (f->code == REASON_NONE) {
        sgk__calc_reject(c, f, sgk__input_field(c->e, f, SGK__COL_REASON_ENDED),
                         "reason_ended is blank for an episode that ended in "
                         "the period");
        return 0;
    }
    return f->code != REASON_X1 && !f->code2;
}

/* Per child: the last qualifying ceasing in period p (scratch, index + 1;
 * its team is the child's) and whether any was an adoption (scratch_day).
 * `ending` lists, in order, the episodes ending in p. */
static void adoption_period(sgk__calc *c, int p, const uint32_t *ending,
                            size_t n)
{
    uint32_t *last = c->scratch;
    sgk__day *adopted = c->scratch_day;
    size_t k;
    for (k = 0; k < n; k++) {
        last[c->facts[ending[k]].child] = 0;
        adopted[c->facts[ending[k]].child] = 0;
    }
    for (k = 0; k < n; k++) {
        uint32_t i = ending[k], b;
        const sgk__fact *f = &c->facts[i];
        if (!qualifies(c, f))
            continue;
        b = last[f->child];
        if (b == 0 || f->d[1] >= c->facts[b - 1].d[1])
            last[f->child] = i + 1;
        if (f->code == REASON_ADOPTED)
            adopted[f->child] = 1;
    }
    /* A child's last slot names one of its episodes ending in p. */
    for (k = 0; k < n; k++) {
        uint32_t i = ending[k];
        const sgk__fact *f = &c->facts[i];
        if (last[f->child] == i + 1)
            sgk__tally(c, p, f->team, adopted[f->child] != 0, 1);
    }
}

/* Counts children, so each period is worked alone, over the episodes
 * ending in it (sgk__dated); only period 0 records rejections. */
void sgk__adoption_rate(sgk__calc *c)
{
    sgk__dated ending;
    int p, record = c->record;
    if (sgk__dated_make(c, 1, SGK__BAD_D1, &ending) != 0)
        return;
    for (p = 0; p < c->nperiods; p++) {
        size_t n;
        const uint32_t *in = sgk__dated_in(&ending, p, &n);
        c->record = record && p == 0;
        adoption_period(c, p, in, n);
    }
    c->record = record;
    sgk__dated_free(c, &ending);
}
