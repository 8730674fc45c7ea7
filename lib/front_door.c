/* The front door: what happens to referrals.
 *
 * Definitions (docs/indicators.md):
 * - referral_to_assessment: referrals in the period; percentage followed
 *   by an assessment of the same child (any type) starting on the referral
 *   date or up to SGK_OPT_REFERRAL_WINDOW (30) calendar days after it.
 *   Without an assessments extract, referrals not marked NFA stand in
 *   (from referral_nfa), and the result carries a note.  Kent Improvement
 *   Notice IN 7.
 * - ia_per_10k: initial (or, per SGK_OPT_PER_10K_TYPE, core or single)
 *   assessments completed in the period per 10,000 children aged under 18
 *   (SGK_OPT_POPULATION, from ONS estimates).  IN 7.
 * - referral_decision_1wd: referrals in the period with a decision date;
 *   percentage decided within one working day.  Kent action 2.2.5.
 * - re_referral_rate: referrals in the period; percentage for which the
 *   same child had an earlier referral (an earlier date) no more than 12
 *   months before.  DfE children in need census.
 *
 * Children are matched across extracts by their interned id: the engine
 * keeps one pool of child ids for every kind.  Joins group the other
 * side's dates by child in two linear passes (by_child), so every measure
 * is linear in the rows and children.
 *
 * Referral fact layout (lib/referrals.c): d[0] referral_date, d[1]
 * decision_date, code the NFA flag (0 blank, 1 yes, 2 no), num the Annex A
 * "Number of Referrals in Last 12 Months" (-1 when blank). */
#include <stdlib.h>
#include "family.h"

enum { NFA_YES = 1 };

/* Each child's dates from one date slot of a kind's facts (duplicates
 * left out, blanks skipped), grouped by child with a counting pass: child
 * x's are dates[at[x] .. at[x + 1]).  Every question asked of them (is
 * there one in a window, or after a day) needs no order, and a child has
 * few, so looking through them all costs less than searching a sorted
 * array of every child's, and the grouping less than that sort; only a
 * child with more than LONG_RUN has them sorted, and searched. */
typedef struct by_child {
    uint32_t *at;     /* [children + 2] */
    sgk__day *dates;
} by_child;

/* A child with more dates than this (a placeholder id such as "UNKNOWN"
 * on thousands of rows, say) has them sorted and searched, so that no
 * data can make the look-through quadratic. */
#define LONG_RUN 64

static int day_order(const void *a, const void *b)
{
    sgk__day x = *(const sgk__day *)a, y = *(const sgk__day *)b;
    return (x > y) - (x < y);
}

static void sort_long_runs(by_child *g, size_t nchildren)
{
    size_t x;
    for (x = 0; x < nchildren; x++)
        if (g->at[x + 1] - g->at[x] > LONG_RUN)
            qsort(g->dates + g->at[x], g->at[x + 1] - g->at[x],
                  sizeof *g->dates, day_order);
}

/* In a long (sorted) run of child x's: the first place whose date is not
 * before d. */
static uint32_t first_not_before(const by_child *g, uint32_t x, sgk__day d)
{
    return (uint32_t)sgk__days_lower_bound(g->dates, g->at[x], g->at[x + 1],
                                           d);
}

static int is_long(const by_child *g, uint32_t x)
{
    return g->at[x + 1] - g->at[x] > LONG_RUN;
}

static void by_child_free(sgk__calc *c, by_child *g)
{
    sgk__free(&c->e->mem, g->at);
    sgk__free(&c->e->mem, g->dates);
}

/* 0, or SGK_E_NOMEM with c->status set (and nothing to free). */
static int group_dates(sgk__calc *c, int kind, int slot, by_child *g)
{
    const sgk__fact *f = c->e->facts[kind].items;
    size_t len = sgk__facts_unique(c->e, kind), i; /* duplicates left out */
    size_t nchildren = c->e->children.count, x;
    g->at = sgk__calloc(&c->e->mem, nchildren + 2, sizeof *g->at);
    g->dates = sgk__malloc(&c->e->mem, (len ? len : 1) * sizeof *g->dates);
    if (!g->at || !g->dates) {
        by_child_free(c, g);
        c->status = SGK_E_NOMEM;
        return SGK_E_NOMEM;
    }
    /* Counted two on, so that after the sums at[x + 1] is where x's
     * dates start, and after the fill where they end. */
    for (i = 0; i < len; i++)
        if (f[i].d[slot] != SGK__NO_DATE)
            g->at[f[i].child + 2]++;
    for (x = 2; x < nchildren + 2; x++)
        g->at[x] += g->at[x - 1];
    for (i = 0; i < len; i++)
        if (f[i].d[slot] != SGK__NO_DATE)
            g->dates[g->at[f[i].child + 1]++] = f[i].d[slot];
    sort_long_runs(g, nchildren);
    return 0;
}

/* Whether child x has a date from `lo` to `hi`, both included. */
static int any_within(const by_child *g, uint32_t x, sgk__day lo, sgk__day hi)
{
    uint32_t j;
    if (is_long(g, x)) {
        j = first_not_before(g, x, lo);
        return j < g->at[x + 1] && g->dates[j] <= hi;
    }
    for (j = g->at[x]; j < g->at[x + 1]; j++)
        if (g->dates[j] >= lo && g->dates[j] <= hi)
            return 1;
    return 0;
}

static int in_period(const sgk__calc *c, const sgk__fact *f)
{
    return f->d[0] >= c->from[0] && f->d[0] <= c->to[0];
}

/* ---- referral_to_assessment -------------------------------------------- */

/* No assessments extract: referrals not marked NFA, from inputs that have
 * the referral_nfa column.  A bad flag was rejected at ingestion. */
static void to_assessment_by_nfa(sgk__calc *c)
{
    size_t i;
    int any = 0;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (sgk__input_field(c->e, f, SGK__COL_REFERRAL_NFA) < 0)
            continue;
        any = 1;
        if (!in_period(c, f) || SGK__IS_BAD(f, SGK__BAD_CODE))
            continue;
        sgk__tally_event(c, f->d[0], f->team, f->code != NFA_YES, 1);
    }
    c->note = any ? "no assessments extract: referrals not marked NFA "
                    "(referral_nfa) are counted as going on to assessment"
                  : "no assessments extract and no referral_nfa column";
}

void sgk__referral_to_assessment(sgk__calc *c)
{
    int64_t window = c->e->options[SGK_OPT_REFERRAL_WINDOW];
    by_child starts;
    size_t i;
    if (!c->e->kind_seen[SGK_KIND_ASSESSMENTS]) {
        to_assessment_by_nfa(c);
        return;
    }
    /* d[1] is the assessment's own start date, whatever its type. */
    if (group_dates(c, SGK_KIND_ASSESSMENTS, 1, &starts) != 0)
        return;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (!in_period(c, f))
            continue;
        sgk__tally_event(c, f->d[0], f->team,
                         any_within(&starts, f->child, f->d[0],
                                    (sgk__day)(f->d[0] + window)),
                         1);
    }
    by_child_free(c, &starts);
}

/* ---- ia_per_10k --------------------------------------------------------- */

/* Assessment fact layout (lib/assessments.c): d[2] completion_date, code
 * the type.  Every team and month shares the area's population as its
 * denominator, so team rates add up to the whole area's rate. */
void sgk__ia_per_10k(sgk__calc *c)
{
    int64_t type = c->e->options[SGK_OPT_PER_10K_TYPE];
    double pop = (double)c->e->options[SGK_OPT_POPULATION];
    size_t i, cells = (size_t)c->nperiods * c->nteams;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (f->code != type || SGK__IS_BAD(f, SGK__BAD_D2) ||
            f->d[2] == SGK__NO_DATE)
            continue;
        sgk__tally_event(c, f->d[2], f->team, 1, 0);
    }
    for (i = 0; i < cells; i++)
        c->den[i] = pop;
    c->den_combine = SGK__COMBINE_MAX;
    if (pop <= 0)
        c->note = "no population of children under 18 was given "
                  "(SGK_OPT_POPULATION), so there is no rate";
}

/* ---- referral_decision_1wd ---------------------------------------------- */

void sgk__referral_decision_1wd(sgk__calc *c)
{
    size_t i;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        int32_t wd;
        if (!in_period(c, f) || f->d[1] == SGK__NO_DATE ||
            SGK__IS_BAD(f, SGK__BAD_D1))
            continue;
        wd = sgk__working_days(&c->e->calendar, f->d[0], f->d[1]);
        sgk__tally_event(c, f->d[0], f->team, wd <= 1, 1);
        /* Late decisions are the list: the referral, and the working days
         * the decision took. */
        if (wd > 1)
            sgk__calc_exception(c, f, f->d[0], wd);
    }
}

/* ---- re_referral_rate --------------------------------------------------- */

/* The Annex A count is read only when the extract has no history: no
 * referral before the period starts, and some input has the column. */
static int count_mode(const sgk__calc *c)
{
    size_t i;
    int col = 0;
    for (i = 0; i < c->nfacts; i++) {
        if (c->facts[i].d[0] < c->from[0])
            return 0;
        if (sgk__input_field(c->e, &c->facts[i], SGK__COL_REFERRALS_12M) >= 0)
            col = 1;
    }
    return col;
}

/* Annex A gives, on every row of a child, the referrals in the 12 months
 * before the child's LATEST referral (0 when none); it says nothing about
 * the child's earlier rows, for which only the extract's history counts. */
static int counted_by_annex_a(const sgk__fact *f, const by_child *g)
{
    int latest = !any_within(g, f->child, f->d[0] + 1, SGK__NO_DATE - 1);
    return latest && f->num >= 1;
}

/* The child's latest referral on a day before f's, or SGK__NO_DATE. */
static sgk__day latest_before(const sgk__fact *f, const by_child *g)
{
    sgk__day best = SGK__NO_DATE;
    uint32_t j;
    if (is_long(g, f->child)) {
        j = first_not_before(g, f->child, f->d[0]);
        return j > g->at[f->child] ? g->dates[j - 1] : SGK__NO_DATE;
    }
    for (j = g->at[f->child]; j < g->at[f->child + 1]; j++)
        if (g->dates[j] < f->d[0] &&
            (best == SGK__NO_DATE || g->dates[j] > best))
            best = g->dates[j];
    return best;
}

void sgk__re_referral_rate(sgk__calc *c)
{
    int annex = count_mode(c);
    by_child days;
    size_t i;
    if (group_dates(c, SGK_KIND_REFERRALS, 0, &days) != 0)
        return;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        sgk__day before;
        int again, by_count = 0;
        if (!in_period(c, f) || SGK__IS_BAD(f, SGK__BAD_NUM))
            continue;
        before = latest_before(f, &days);
        again = before != SGK__NO_DATE &&
                before >= sgk__day_add_years(f->d[0], -1);
        if (!again && annex)
            again = by_count = counted_by_annex_a(f, &days);
        /* The list: each re-referral, with the days since the one before
         * (-1 when only the Annex A count says there was one). */
        if (again)
            sgk__calc_exception(c, f, f->d[0],
                                by_count ? -1 : f->d[0] - before);
        sgk__tally_event(c, f->d[0], f->team, again, 1);
    }
    by_child_free(c, &days);
    if (annex)
        c->note = "the extract holds no referrals before the period, so the "
                  "Annex A column 'Number of Referrals in Last 12 Months' (1 "
                  "or more on a child's latest referral) is used as well as "
                  "the extract's own history";
}
