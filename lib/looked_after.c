/* Looked-after children: the adoption rate.
 *
 * Definition (docs/indicators.md), after DfE's SSDA903 statistics: children
 * who ceased to be looked after in the period, leaving out episodes that
 * end only because another starts the same day (reason X1) and short-break
 * care (legal status V3 or V4); the percentage of them adopted (reason E11
 * or E12).  Children are counted once each.
 *
 * Fact layout: lib/care.h (the episode history is also read by
 * children_in_care.c). */
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

/* SSDA903 RNE: S started to be looked after, P placement change, T and U
 * temporary placement changes, B placement and legal status together, L
 * legal status only.  Only L keeps the same placement. */
static int read_new_episode(sgk__row *row)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_REASON_NEW_EPISODE, &s, &n))
        return 0;
    return sgk__code_is(s, n, "L") ? SGK__EP_LEGAL_ONLY : 0;
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
    f->flags |= (uint8_t)read_new_episode(row);
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

/* Per child: the last qualifying ceasing in the period (scratch, index + 1;
 * its team is the child's) and whether any was an adoption (scratch_day). */
void sgk__adoption_rate(sgk__calc *c)
{
    uint32_t *last = c->scratch;
    sgk__day *adopted = c->scratch_day;
    sgk__day from = c->from[c->only], to = c->to[c->only];
    size_t i;
    for (i = 0; i < c->nfacts; i++) {
        last[c->facts[i].child] = 0;
        adopted[c->facts[i].child] = 0;
    }
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        uint32_t b = last[f->child];
        if (SGK__IS_BAD(f, SGK__BAD_D1) || f->d[1] < from || f->d[1] > to ||
            !qualifies(c, f))
            continue;
        if (b == 0 || f->d[1] >= c->facts[b - 1].d[1])
            last[f->child] = (uint32_t)i + 1;
        if (f->code == REASON_ADOPTED)
            adopted[f->child] = 1;
    }
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (last[f->child] == i + 1)
            sgk__tally(c, c->only, f->team, adopted[f->child] != 0, 1);
    }
}
