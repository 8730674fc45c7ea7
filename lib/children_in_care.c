/* Children in care: health and dental checks, school absence and placement
 * stability, from a cla_children extract (one row per child looked after,
 * Ofsted Annex A List 8) and, when given, the cla_episodes history.
 *
 * Definitions (docs/indicators.md, "Children in care"), after Kent's
 * Improvement Notice IN 15 and IN 16 and DfE's SSDA903 OC2 cohort.  With
 * T the as-at date of a period and W = T less one year
 * (sgk__day_add_years), "the 12 months up to T" are the days W..T:
 *
 * - the 12-month cohort: children looked after on W and on every day up to
 *   and including T, in one period of care.  From episodes (when the child
 *   has any): an episode covers W, no episode ends in (W, T] other than by
 *   X1 into another starting that day, no new period starts in (W, T], and
 *   no episode in the window has legal status V3 or V4.  Without episodes:
 *   the row's start_date is on or before W, its end_date blank or after T,
 *   and its legal status not V3/V4.
 * - health / dental: the cohort; met when the last check is dated W..T.
 * - absence: the cohort, of school age (5 to 15 on the 31 August that
 *   starts the school year containing T) with a days_missed_school value;
 *   met at 25 days or more.
 * - placements: children looked after at T (not on a short break); met at 3
 *   or more placements in W..T, counted from episodes (the first episode
 *   in the window that is not a short break, then every later one of them
 *   that changes placement: care.h, SGK__EP_NO_MOVE) or read from the
 *   Annex A column.
 *
 * cla_children fact layout:
 *   d[0] start_date, d[1] end_date, d[2] health_assessment_date,
 *   d[3] dental_check_date (SGK__NO_DATE when blank)
 *   num   bits 0-15: days_missed_school + 1 (0 blank); bits 16-30: the
 *         year of the 31 August on or after the date of birth (0 unknown),
 *         which is all school age needs
 *   code  placements_12m + 1 (0 blank), at most 255
 *   code2 1 when the legal status is a short break (V3 or V4)
 *   flags the ethnicity code (family.h)
 *   bad   SGK__BAD_D0..D3 for the dates, SGK__BAD_NUM days missed,
 *         SGK__BAD_CODE placements, SGK__BAD_CODE2 date of birth */
#include "care.h"

#define IND_HEALTH "cla_health_check"
#define IND_DENTAL "cla_dental_check"
#define IND_ABSENCE "cla_school_absence_25d"
#define IND_PLACEMENTS "cla_placements_3plus"
#define IND_COHORT SGK__CLA_COHORT_INDICATORS
#define IND_ALL IND_COHORT "," IND_PLACEMENTS


/* ---- Ingestion --------------------------------------------------------- */

static void read_date(sgk__row *row, sgk__fact *f, int col, int slot,
                      const char *indicators)
{
    if (sgk__row_date(row, col, 0, indicators, &f->d[slot]) != 0)
        f->bad |= (uint16_t)(SGK__BAD_D0 << slot);
}

/* Reads a count column; returns it + 1, 0 when blank, -1 when bad. */
/* A count stored as value + 1, so that 0 can mean blank; -1 when bad. */
static int32_t read_count(sgk__row *row, int col, const char *indicators,
                          int32_t max)
{
    int32_t v = 0;
    int rc = sgk__row_count(row, col, max, indicators, &v);
    return rc < 0 ? -1 : rc == 0 ? 0 : v + 1;
}

static void read_birth(sgk__row *row, sgk__fact *f, int32_t *cohort_year)
{
    sgk__day dob;
    int y, m, d;
    *cohort_year = 0;
    if (sgk__row_date(row, SGK__COL_DATE_OF_BIRTH, 0, IND_ABSENCE, &dob) != 0) {
        f->bad |= SGK__BAD_CODE2;
        return;
    }
    if (dob == SGK__NO_DATE)
        return;
    sgk__day_to_ymd(dob, &y, &m, &d);
    *cohort_year = m >= 9 ? y + 1 : y;
}

static int read_short_break(sgk__row *row)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_LEGAL_STATUS, &s, &n))
        return 0;
    return sgk__code_is(s, n, "V3") || sgk__code_is(s, n, "V4");
}

void sgk__cla_children_ingest(sgk__row *row, sgk__fact *f)
{
    int32_t days, places, year;
    read_date(row, f, SGK__COL_START_DATE, 0, IND_COHORT "," IND_PLACEMENTS);
    read_date(row, f, SGK__COL_END_DATE, 1, IND_COHORT "," IND_PLACEMENTS);
    if (!SGK__IS_BAD(f, SGK__BAD_D0 | SGK__BAD_D1) && f->d[0] != SGK__NO_DATE &&
        f->d[1] != SGK__NO_DATE && f->d[1] < f->d[0]) {
        sgk__row_reject(row, SGK__COL_END_DATE, IND_COHORT "," IND_PLACEMENTS,
                        "end_date is before start_date");
        f->bad |= SGK__BAD_D1;
    }
    read_date(row, f, SGK__COL_HEALTH_ASSESSMENT_DATE, 2, IND_HEALTH);
    read_date(row, f, SGK__COL_DENTAL_CHECK_DATE, 3, IND_DENTAL);
    read_birth(row, f, &year);
    days = read_count(row, SGK__COL_DAYS_MISSED_SCHOOL, IND_ABSENCE, 366);
    if (days < 0) {
        f->bad |= SGK__BAD_NUM;
        days = 0;
    }
    places = read_count(row, SGK__COL_PLACEMENTS_12M, IND_PLACEMENTS, 254);
    if (places < 0) {
        f->bad |= SGK__BAD_CODE;
        places = 0;
    }
    f->num = days | (year << 16);
    f->code = (uint8_t)places;
    f->code2 = (uint8_t)read_short_break(row);
    sgk__ethnicity_ingest(row, f);
}

/* ---- Episode histories ------------------------------------------------- */

/* Walks every child's episodes for period p only to report the blank
 * reasons that break the 12-month cohort there; the states themselves
 * come from all_states. */
static void report_cohort_breaks(sgk__calc *c, const sgk__fact *ep,
                                 const uint32_t *order, size_t n, int p)
{
    size_t i = 0;
    sgk__care_walk k;
    while (i < n)
        sgk__care_walk_child(c, ep, order, n, &i, &k, p, 1, 1);
}

/* ---- The shared pass --------------------------------------------------- */

/* What one indicator does with a child in period p.  Returns 1 and sets
 * *met when the child counts; `st` is the child's state. */
typedef int (*judge_fn)(sgk__calc *c, const sgk__fact *f, sgk__day st,
                        int p, int *met);
/* Offers a child judged in period 0 to the indicator's exception list
 * (exceptions.c keeps it only when lists were asked for); NULL for an
 * indicator without one. */
typedef void (*offer_fn)(sgk__calc *c, const sgk__fact *f, size_t row,
                         sgk__day st, int met);

/* State from the row alone, for a child without episodes. */
static sgk__day row_state(sgk__calc *c, const sgk__fact *f, int p, int rep)
{
    sgk__day t = c->to[p], w = c->year_before[p], st = 0;
    if (SGK__IS_BAD(f, SGK__BAD_D0 | SGK__BAD_D1))
        return 0;
    if (f->d[0] == SGK__NO_DATE) {
        /* Only a blank in a column the input has is a data error; an
         * extract without the column (the SSDA903 header file) relies on
         * episodes. */
        int col = sgk__input_field(c->e, f, SGK__COL_START_DATE);
        if (rep && col >= 0)
            sgk__calc_reject_for(c, f, col, IND_ALL, "start_date is blank "
                                 "and the child has no episodes: cannot "
                                 "tell whether or how long they have been "
                                 "looked after");
        return 0;
    }
    if (f->d[0] <= t && f->d[1] > t && !f->code2)
        st |= SGK__ST_LOOKED_AFTER;
    if ((st & SGK__ST_LOOKED_AFTER) && f->d[0] <= w)
        st |= SGK__ST_COHORT;
    return st;
}

/* Every period's state of each child with a cla_children row, into
 * states[p * nfacts + row], row being the child's last row (c->scratch),
 * all periods in one walk.  A child without usable episodes keeps state
 * 0. */
static void all_states(sgk__calc *c, const sgk__fact *ep,
                       const uint32_t *order, size_t n, sgk__care_walk *k,
                       sgk__day *states, sgk__day *began)
{
    size_t i = 0;
    int p;
    while (i < n) {
        uint32_t child = ep[order[i]].child;
        uint32_t row = c->scratch[child] - 1;
        int any = sgk__care_walk_child(c, ep, order, n, &i, k, 0,
                                       c->nperiods, 0);
        /* scratch may hold another indicator's value for a child with no
         * row here, so the row must be checked to be the child's. */
        if (any && row < c->nfacts && c->facts[row].child == child) {
            for (p = 0; p < c->nperiods; p++)
                states[(size_t)p * c->nfacts + row] =
                    sgk__care_walk_state(&k[p]);
            began[row] = k[0].began;
        }
    }
}

/* The states of every period, made by the first indicator and kept for
 * the others (they are the same for all four).  A cohort indicator also
 * walks the histories for its period 0 to report what it finds there. */
static void period_states(sgk__calc *c, const uint32_t *order, int p,
                          int report)
{
    const sgk__fact *ep = c->e->facts[SGK_KIND_CLA_EPISODES].items;
    /* Duplicate episodes sit after the others and are left out. */
    size_t nep = sgk__facts_unique(c->e, SGK_KIND_CLA_EPISODES);
    if (p == 0 && !c->shared->cla_states_ready) {
        sgk__care_walk *k = sgk__malloc(&c->e->mem,
                                        (size_t)c->nperiods * sizeof *k);
        if (!k) {
            c->status = SGK_E_NOMEM;
            return;
        }
        all_states(c, ep, order, nep, k, c->shared->cla_states,
                   c->shared->cla_began);
        sgk__free(&c->e->mem, k);
    }
    if (report)
        report_cohort_breaks(c, ep, order, nep, p);
}

/* Judges row f (row i) in every period against the child's states.  A
 * child not looked after at T counts in none of the indicators here (the
 * cohort is looked after too), so is not judged. */
static void judge_row(sgk__calc *c, judge_fn judge, offer_fn offer,
                      const sgk__fact *f, size_t i, int rep)
{
    const sgk__day *states = c->shared->cla_states;
    int p;
    for (p = 0; p < c->nperiods; p++) {
        sgk__day st = states[(size_t)p * c->nfacts + i];
        int met = 0;
        if (!(st & SGK__ST_EPISODES))
            st = row_state(c, f, p, rep && p == 0);
        if ((st & SGK__ST_LOOKED_AFTER) && judge(c, f, st, p, &met)) {
            sgk__tally(c, p, f->team, met, 1);
            if (p == 0 && offer)
                offer(c, f, i, st, met);
        }
    }
}

/* One indicator over every period: each child's row (the last one when a
 * child has several) is judged against the child's state.  Row by row,
 * every period of a row at once: only period 0 reports, so what is
 * reported comes out in the same order as period by period. */
static void run_children(sgk__calc *c, judge_fn judge, offer_fn offer,
                         int cohort)
{
    const sgk__fact *ep = c->e->facts[SGK_KIND_CLA_EPISODES].items;
    const uint32_t *order;
    size_t i;
    /* What every indicator here finds alike only the first reports. */
    int rep = c->record && !c->shared->cla_rows_reported;
    if (c->nfacts == 0)
        return; /* no children: nothing to say about their episodes */
    if (!c->e->kind_seen[SGK_KIND_CLA_EPISODES])
        c->note = cohort ? "no cla_episodes extract: the 12 months in care "
                           "are judged from each child's start date and "
                           "legal status alone"
                         : "no cla_episodes extract: placements are the "
                           "cla_children extract's own count";
    order = sgk__care_order(c, ep, sgk__facts_unique(c->e,
                                                   SGK_KIND_CLA_EPISODES));
    if (c->status)
        return;
    /* cla_began first: then cla_states, which says the walk is to be
     * done, never exists without it, even after a failure. */
    if (!c->shared->cla_began &&
        !(c->shared->cla_began = sgk__malloc(
              &c->e->mem, c->nfacts * sizeof *c->shared->cla_began))) {
        c->status = SGK_E_NOMEM;
        return;
    }
    if (!c->shared->cla_states &&
        !(c->shared->cla_states = sgk__calloc(
              &c->e->mem, (size_t)c->nperiods * c->nfacts,
              sizeof *c->shared->cla_states))) {
        c->status = SGK_E_NOMEM;
        return;
    }
    for (i = 0; i < c->nfacts; i++)
        c->scratch[c->facts[i].child] = (uint32_t)i + 1;
    period_states(c, order, 0, c->record && cohort &&
                               !c->shared->cla_breaks_reported);
    for (i = 0; i < c->nfacts && c->status == 0; i++) {
        const sgk__fact *f = &c->facts[i];
        if (c->scratch[f->child] == i + 1)
            judge_row(c, judge, offer, f, i, rep);
        else if (rep)
            sgk__calc_reject_for(c, f, -1, IND_ALL, "the child has a later "
                                 "row in the extract, which is used");
    }
    if (c->status == 0) {
        c->shared->cla_states_ready = 1;
        c->shared->cla_rows_reported |= c->record;
        c->shared->cla_breaks_reported |= c->record && cohort;
    }
}

/* ---- The indicators ---------------------------------------------------- */

static int has_column(sgk__calc *c, const sgk__fact *f, int col)
{
    return sgk__input_field(c->e, f, col) >= 0;
}

/* A check dated W..T; a last check after T hides whether one fell in the
 * window, so the child is left out of that period. */
static int judge_check(sgk__calc *c, const sgk__fact *f, sgk__day st, int p,
                       int slot, int col, int *met)
{
    sgk__day t = c->to[p], d = f->d[slot];
    if (!(st & SGK__ST_COHORT) || !has_column(c, f, col) ||
        SGK__IS_BAD(f, SGK__BAD_D0 << slot))
        return 0;
    if (d != SGK__NO_DATE && d > t)
        return 0;
    *met = d != SGK__NO_DATE && d >= c->year_before[p];
    return 1;
}

static int judge_health(sgk__calc *c, const sgk__fact *f, sgk__day st, int p,
                        int *met)
{
    return judge_check(c, f, st, p, 2, SGK__COL_HEALTH_ASSESSMENT_DATE, met);
}

static int judge_dental(sgk__calc *c, const sgk__fact *f, sgk__day st, int p,
                        int *met)
{
    return judge_check(c, f, st, p, 3, SGK__COL_DENTAL_CHECK_DATE, met);
}

/* A child in the cohort without a check in the 12 months: dated by the
 * last check on record (blank if none), with the days since it as at the
 * period end.  With none on record the days run from when the child's
 * care began: from the episodes when they decided the cohort, else from
 * the row's start_date (on or before W for a child in the cohort). */
static void offer_missing_check(sgk__calc *c, const sgk__fact *f, size_t row,
                                sgk__day st, int slot)
{
    sgk__day w = c->year_before[0], last = f->d[slot], since;
    if (last != SGK__NO_DATE)
        since = last;
    else if (st & SGK__ST_EPISODES)
        since = c->shared->cla_began[row];
    else
        since = f->d[0];
    if (since > w && last == SGK__NO_DATE)
        since = w; /* cannot happen in the cohort; at least the 12 months */
    sgk__calc_exception(c, f, last, c->to[0] - since);
}

static void offer_health(sgk__calc *c, const sgk__fact *f, size_t row,
                         sgk__day st, int met)
{
    if (!met)
        offer_missing_check(c, f, row, st, 2);
}

static void offer_dental(sgk__calc *c, const sgk__fact *f, size_t row,
                         sgk__day st, int met)
{
    if (!met)
        offer_missing_check(c, f, row, st, 3);
}

void sgk__cla_health_check(sgk__calc *c)
{
    run_children(c, judge_health, offer_health, 1);
}

void sgk__cla_dental_check(sgk__calc *c)
{
    run_children(c, judge_dental, offer_dental, 1);
}

/* Years from the 31 August that starts the school year containing t. */
static int school_year(sgk__day t)
{
    int y, m, d;
    sgk__day_to_ymd(t, &y, &m, &d);
    return m >= 9 ? y : y - 1;
}

/* Snapshot values (days missed, the Annex A placement count) describe the
 * extract's date, taken to be the period's end: they count in the whole
 * period and in the last month, whose as-at dates are both `to`. */
static int snapshot(const sgk__calc *c, int p)
{
    return c->to[p] == c->to[0];
}

static int judge_absence(sgk__calc *c, const sgk__fact *f, sgk__day st, int p,
                         int *met)
{
    int32_t days = f->num & 0xFFFF, born = (f->num >> 16) & 0x7FFF, y;
    if (!(st & SGK__ST_COHORT) || !snapshot(c, p) || days == 0 ||
        SGK__IS_BAD(f, SGK__BAD_NUM | SGK__BAD_CODE2))
        return 0;
    if (born == 0) {
        if (c->record && p == 0)
            sgk__calc_reject(c, f, sgk__input_field(c->e, f,
                             SGK__COL_DATE_OF_BIRTH), "date_of_birth is "
                             "blank: cannot tell whether the child is of "
                             "school age");
        return 0;
    }
    y = school_year(c->to[p]);
    if (born < y - 15 || born > y - 5)
        return 0;
    *met = days - 1 >= 25;
    return 1;
}

/* A child who missed 25 days or more, with the days missed; the extract
 * gives no date for them. */
static void offer_absence(sgk__calc *c, const sgk__fact *f, size_t row,
                          sgk__day st, int met)
{
    (void)row;
    (void)st;
    if (met)
        sgk__calc_exception(c, f, SGK__NO_DATE, (f->num & 0xFFFF) - 1);
}

void sgk__cla_school_absence_25d(sgk__calc *c)
{
    run_children(c, judge_absence, offer_absence, 1);
}

static int judge_placements(sgk__calc *c, const sgk__fact *f, sgk__day st,
                            int p, int *met)
{
    int32_t n;
    if (!(st & SGK__ST_LOOKED_AFTER))
        return 0;
    if (st & SGK__ST_EPISODES) {
        n = st >> SGK__ST_SHIFT;
    } else {
        if (!snapshot(c, p) || SGK__IS_BAD(f, SGK__BAD_CODE) ||
            !has_column(c, f, SGK__COL_PLACEMENTS_12M))
            return 0;
        if (f->code == 0) {
            if (c->record && p == 0)
                sgk__calc_reject(c, f, sgk__input_field(c->e, f,
                                 SGK__COL_PLACEMENTS_12M), "placements_12m "
                                 "is blank and the child has no episodes");
            return 0;
        }
        n = f->code - 1;
    }
    *met = n >= 3;
    return 1;
}

/* Without a cla_children extract: every child in the episodes, with the
 * team of their latest episode, every period from one walk. */
static void placements_from_episodes(sgk__calc *c)
{
    const sgk__fact *ep = c->e->facts[SGK_KIND_CLA_EPISODES].items;
    size_t i = 0, n = sgk__facts_unique(c->e, SGK_KIND_CLA_EPISODES);
    const uint32_t *order = sgk__care_order(c, ep, n);
    sgk__care_walk *k;
    int p;
    if (c->status || n == 0)
        return;
    k = sgk__malloc(&c->e->mem, (size_t)c->nperiods * sizeof *k);
    if (!k) {
        c->status = SGK_E_NOMEM;
        return;
    }
    while (i < n) {
        int any = sgk__care_walk_child(c, ep, order, n, &i, k, 0,
                                       c->nperiods, 0);
        const sgk__fact *latest = &ep[order[i - 1]];
        for (p = 0; any && p < c->nperiods; p++) {
            sgk__day st = sgk__care_walk_state(&k[p]);
            if (st & SGK__ST_LOOKED_AFTER)
                sgk__tally(c, p, latest->team, (st >> SGK__ST_SHIFT) >= 3, 1);
        }
    }
    sgk__free(&c->e->mem, k);
}

void sgk__cla_placements_3plus(sgk__calc *c)
{
    if (!c->e->kind_seen[SGK_KIND_CLA_CHILDREN]) {
        if (c->e->kind_seen[SGK_KIND_CLA_EPISODES])
            c->note = "no cla_children extract: every child in the "
                      "episodes, with the team of their latest episode";
        placements_from_episodes(c);
        return;
    }
    run_children(c, judge_placements, NULL, 0);
}
