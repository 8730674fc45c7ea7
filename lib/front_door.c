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
 * keeps one pool of child ids for every kind.  Joins sort keys of
 * (child, date) once, so every measure is n log n in the rows.
 *
 * Referral fact layout (lib/referrals.c): d[0] referral_date, d[1]
 * decision_date, code the NFA flag (0 blank, 1 yes, 2 no), num the Annex A
 * "Number of Referrals in Last 12 Months" (-1 when blank). */
#include "family.h"
#include "sort.h"

enum { NFA_YES = 1 };

/* (child, day) packed so that plain integer order is child then day. */
static uint64_t key(uint32_t child, sgk__day d)
{
    return (uint64_t)child << 32 | ((uint32_t)d ^ 0x80000000u);
}

/* Sorted keys of every fact of a kind whose date slot `slot` is set.
 * NULL with c->status set when memory runs out; *n is the count. */
static uint64_t *sorted_keys(sgk__calc *c, int kind, int slot, size_t *n)
{
    const sgk__fact *f = c->e->facts[kind].items;
    size_t len = sgk__facts_unique(c->e, kind); /* duplicates left out */
    uint64_t *k = sgk__malloc(&c->e->mem, (len ? len : 1) * sizeof *k);
    size_t i;
    *n = 0;
    if (!k) {
        c->status = SGK_E_NOMEM;
        return NULL;
    }
    for (i = 0; i < len; i++)
        if (f[i].d[slot] != SGK__NO_DATE)
            k[(*n)++] = key(f[i].child, f[i].d[slot]);
    if (sgk__sort_keys(&c->e->mem, k, NULL, *n) != 0) {
        sgk__free(&c->e->mem, k);
        c->status = SGK_E_NOMEM;
        return NULL;
    }
    return k;
}

/* The first position whose key is >= want (n if none). */
static size_t lower_bound(const uint64_t *k, size_t n, uint64_t want)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k[mid] < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
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
    uint64_t *k;
    size_t n, i;
    if (!c->e->kind_seen[SGK_KIND_ASSESSMENTS]) {
        to_assessment_by_nfa(c);
        return;
    }
    /* d[1] is the assessment's own start date, whatever its type. */
    if (!(k = sorted_keys(c, SGK_KIND_ASSESSMENTS, 1, &n)))
        return;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        size_t at;
        int followed;
        if (!in_period(c, f))
            continue;
        at = lower_bound(k, n, key(f->child, f->d[0]));
        followed = at < n && k[at] >> 32 == f->child &&
                   k[at] <= key(f->child, (sgk__day)(f->d[0] + window));
        sgk__tally_event(c, f->d[0], f->team, followed, 1);
    }
    sgk__free(&c->e->mem, k);
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
        if (!in_period(c, f) || f->d[1] == SGK__NO_DATE ||
            SGK__IS_BAD(f, SGK__BAD_D1))
            continue;
        sgk__tally_event(c, f->d[0], f->team,
                         sgk__working_days(&c->e->calendar, f->d[0],
                                           f->d[1]) <= 1, 1);
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
static int counted_by_annex_a(const sgk__calc *c, const sgk__fact *f,
                              const uint64_t *k, size_t n)
{
    size_t after = lower_bound(k, n, key(f->child, f->d[0] + 1));
    int latest = after == n || k[after] >> 32 != f->child;
    return latest && f->num >= 1;
}

void sgk__re_referral_rate(sgk__calc *c)
{
    int annex = count_mode(c);
    uint64_t *k;
    size_t n, i;
    if (!(k = sorted_keys(c, SGK_KIND_REFERRALS, 0, &n)))
        return;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        size_t at;
        int again;
        if (!in_period(c, f) || SGK__IS_BAD(f, SGK__BAD_NUM))
            continue;
        /* The child's latest referral on an earlier day. */
        at = lower_bound(k, n, key(f->child, f->d[0]));
        again = at > 0 && k[at - 1] >> 32 == f->child &&
                k[at - 1] >= key(f->child, sgk__day_add_years(f->d[0], -1));
        if (!again && annex)
            again = counted_by_annex_a(c, f, k, n);
        sgk__tally_event(c, f->d[0], f->team, again, 1);
    }
    sgk__free(&c->e->mem, k);
    if (annex)
        c->note = "the extract holds no referrals before the period, so the "
                  "Annex A column 'Number of Referrals in Last 12 Months' (1 "
                  "or more on a child's latest referral) is used as well as "
                  "the extract's own history";
}
