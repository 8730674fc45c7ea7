/* Periods of care, written as SSDA903-style episodes.
 *
 * A period of care follows a path (home again, an order to a relative,
 * adoption, leaving care at 18, long-term care).  Each path is a run of
 * legal-status phases; placement moves split a phase into episodes.  Every
 * episode but the last ends with reason X1 and the next starts on the same
 * day, which is the chain the adoption measure must see through. */
#include <string.h>
#include "gen.h"

enum path { P_HOME, P_HOME_ORDER, P_SGO, P_ADOPT, P_LEAVE, P_LONG, P_COUNT };

typedef struct {
    const char *ls;
    int min_days, max_days; /* max 0: until the 18th birthday */
    int adoptive;           /* placed for adoption during this phase */
} phase;

static const phase phases_home[] = {{"V2", 10, 240, 0}};
static const phase phases_home_order[] = {{"C1", 60, 300, 0},
                                          {"C2", 60, 500, 0}};
static const phase phases_sgo[] = {{"C1", 90, 300, 0}, {"C2", 120, 600, 0}};
static const phase phases_adopt[] = {{"C1", 90, 300, 0}, {"E1", 60, 300, 0},
                                     {"E1", 90, 400, 1}};
static const phase phases_leave[] = {{"V2", 0, 0, 0}};
static const phase phases_long[] = {{"C1", 90, 300, 0}, {"C2", 0, 0, 0}};

static const struct {
    const phase *phases;
    int nphases;
    const char *reasons[5];
    unsigned weights[5];
} paths[P_COUNT] = {
    {phases_home, 1, {"E4A", "E4B", "E13", "E3", "E8"}, {60, 20, 10, 6, 4}},
    {phases_home_order, 2, {"E4A", "E41"}, {60, 40}},
    {phases_sgo, 2, {"E45", "E46", "E47", "E48"}, {20, 10, 45, 25}},
    {phases_adopt, 3, {"E11", "E12"}, {75, 25}},
    {phases_leave, 1, {"E5", "E6", "E8", "E9", "E15"}, {35, 15, 40, 5, 5}},
    {phases_long, 2, {"E5", "E8", "E6"}, {50, 35, 15}},
};

/* Which paths fit a child's age on coming into care. */
static int choose_path(gen_child *c, gen_day start, int from_plan)
{
    static const unsigned young[P_COUNT] = {18, 12, 10, 45, 0, 15};
    static const unsigned middle[P_COUNT] = {35, 20, 15, 0, 0, 30};
    static const unsigned teen[P_COUNT] = {40, 0, 0, 0, 35, 25};
    int age = (int)((start - c->dob) / 365);
    const unsigned *w = age <= 4 ? young : age <= 12 ? middle : teen;
    int p = gen_weighted(&c->rng, w, P_COUNT);
    /* Children coming off a plan are rarely accommodated voluntarily. */
    if (from_plan && p == P_HOME && gen_chance(&c->rng, 500))
        p = P_HOME_ORDER;
    return p;
}

/* ------------------------------------------------------------------------
 * Placements. */
typedef struct {
    const char *place, *provider;
} placement;

static placement pick_placement(gen_rng *r, int age, int adoptive)
{
    static const char *const foster[] = {"U1", "U3", "U4", "U5", "U6"};
    static const unsigned foster_w[] = {8, 10, 40, 30, 12};
    placement p;
    if (adoptive) {
        /* A move to adopters; a placement with the current foster carers
         * (A5) is made by the phase change (gen_care). */
        p.place = "A6";
        p.provider = gen_chance(r, 700) ? "PR1" : "PR5";
        return p;
    }
    if (age >= 12 && gen_chance(r, 350)) {
        int semi = age >= 16 && gen_chance(r, 500);
        p.place = semi ? "H5" : "K2";
        p.provider = gen_chance(r, 650) ? "PR4" : "PR1";
        return p;
    }
    if (gen_chance(r, 40)) {
        p.place = "P1";
        p.provider = "PR0";
        return p;
    }
    p.place = foster[gen_weighted(r, foster_w, 5)];
    p.provider = p.place[1] <= '3' || gen_chance(r, 700) ? "PR1" : "PR4";
    return p;
}

/* Postcode sectors such as "ME15 7": invented, and never a full address. */
static void make_postcode(gen_rng *r, char *buf, size_t cap)
{
    static const char *const areas[] = {"ME", "CT", "TN", "DA"};
    /* One draw per statement: the order in which a call's arguments are
     * evaluated is unspecified, and the output must not depend on the
     * compiler. */
    const char *area = areas[gen_below(r, 4)];
    int district = gen_range(r, 1, 20);
    int sector = gen_range(r, 1, 9);
    snprintf(buf, cap, "%s%d %d", area, district, sector);
}

/* ------------------------------------------------------------------------
 * The episode being built. */
typedef struct {
    gen_child *c;
    gen_day start;
    const char *rne;
    const char *ls;
    const char *cin;
    placement pl;
    char home_post[12], pl_post[12], urn[12];
    int episodes;
    int open; /* the episode runs past the end of the period */
    /* Placements in the 12 months up to `to`, counted as the library's
     * Annex A column would be: the placement in use when the window
     * opens, then every move (no_move below). */
    gen_day window;
    int placements, in_window;
} care_run;

static void new_placement(care_run *run, int adoptive)
{
    gen_rng *r = &run->c->rng;
    int age = (int)((run->start - run->c->dob) / 365);
    run->pl = pick_placement(r, age, adoptive);
    make_postcode(r, run->pl_post, sizeof run->pl_post);
    /* Ofsted URNs identify children's homes; other placements have none. */
    if (strcmp(run->pl.place, "K2") == 0)
        snprintf(run->urn, sizeof run->urn, "SC%06d",
                 gen_range(r, 100000, 999999));
    else
        snprintf(run->urn, sizeof run->urn, "XXXXXXX");
}

/* Whether the current episode is no move for placement stability, as the
 * library counts it: a new legal status alone, or a placement for
 * adoption with the current foster carers. */
static int no_move(const care_run *run)
{
    return run->rne[0] == 'L' || strcmp(run->pl.place, "A3") == 0 ||
           strcmp(run->pl.place, "A5") == 0;
}

/* Writes the current episode up to `end` (blank if past the period) and
 * makes the next one start on that day. */
static void emit(care_run *run, gen_day end, const char *reason,
                 const char *place_change)
{
    gen_child *c = run->c;
    gen_row row;
    if (run->open || run->start > c->cfg->to)
        return;
    if (end > run->window && (!run->in_window || !no_move(run))) {
        run->placements++;
        run->in_window = 1;
    }
    gen_child_row(c, &row);
    row.d[GEN_F_START] = run->start;
    row.s[GEN_F_RNE] = run->rne;
    row.s[GEN_F_LS] = run->ls;
    row.s[GEN_F_CIN] = run->cin;
    row.s[GEN_F_PLACE] = run->pl.place;
    row.s[GEN_F_PROVIDER] = run->pl.provider;
    row.s[GEN_F_HOME_POST] = run->home_post;
    row.s[GEN_F_PL_POST] = run->pl_post;
    row.s[GEN_F_URN] = run->urn;
    row.s[GEN_F_TEAM] = gen_child_team(c, GEN_LAC);
    if (end <= c->cfg->to) {
        row.d[GEN_F_END] = end;
        row.s[GEN_F_REASON] = reason;
        row.s[GEN_F_RPC] = place_change;
    } else {
        run->open = 1;
    }
    gen_sink_row(&c->out->sink[GEN_CLA_EPISODES], &row);
    run->start = end;
    run->episodes++;
}

static const char *place_change_reason(gen_rng *r)
{
    static const char *const codes[] = {"CARPL", "CLOSE", "ALLEG", "STAND",
                                        "APPRR", "CREQB", "CREQO", "LAREQ",
                                        "PLACE", "OTHER"};
    static const unsigned w[] = {25, 8, 3, 10, 4, 8, 6, 18, 10, 8};
    return codes[gen_weighted(r, w, 10)];
}

/* One legal-status phase, ending at `end`: placement moves inside it are
 * X1 endings whose next episode has RNE "P".  moves_after: the next phase
 * starts in a new placement, so the last episode gives a reason too. */
static void run_phase(care_run *run, const phase *ph, gen_day end,
                      const char *final_reason, int moves_after)
{
    gen_rng *r = &run->c->rng;
    run->ls = ph->ls;
    while (!run->open && run->episodes < 40) {
        gen_day move = run->start + gen_range(r, 60, 900);
        if (move >= end)
            break;
        emit(run, move, "X1", place_change_reason(r));
        run->rne = "P";
        new_placement(run, ph->adoptive);
    }
    emit(run, end, final_reason, moves_after ? place_change_reason(r) : NULL);
}

/* How the next phase's first episode begins (SSDA903 RNE).  With the
 * status unchanged, as when a child with a placement order is matched, a
 * move to new carers (P), or to the same carers (T) for a child placed for
 * adoption with their foster carers.  Otherwise a new legal status alone
 * (L), or with a move to new carers (B) or to the same ones (U). */
static const char *transition(gen_rng *r, const phase *from, const phase *to)
{
    int same = to->adoptive && gen_chance(r, 250);
    if (strcmp(from->ls, to->ls) == 0)
        return same ? "T" : "P";
    if (to->adoptive)
        return same ? "U" : "B";
    return gen_chance(r, 300) ? "B" : "L";
}

static gen_day phase_end(care_run *run, const phase *ph, gen_day age18)
{
    gen_day end = ph->max_days
                      ? run->start + gen_range(&run->c->rng, ph->min_days,
                                               ph->max_days)
                      : age18;
    if (end > age18)
        end = age18;
    return end < run->start ? run->start : end;
}

static void start_run(care_run *run, gen_child *c, gen_day start)
{
    static const char *const needs[] = {"N1", "N2", "N3", "N4", "N5", "N6",
                                        "N7", "N8"};
    static const unsigned needs_w[] = {60, 3, 4, 10, 12, 2, 2, 7};
    memset(run, 0, sizeof *run);
    run->c = c;
    run->start = start;
    run->rne = "S";
    run->window = gen_anniversary(c->cfg->to, -1);
    run->cin = needs[gen_weighted(&c->rng, needs_w, 8)];
    make_postcode(&c->rng, run->home_post, sizeof run->home_post);
    new_placement(run, 0);
}

void gen_care(gen_child *c, gen_day start, int from_plan)
{
    care_run run;
    int path = choose_path(c, start, from_plan), i;
    gen_day age18 = gen_anniversary(c->dob, 18), end = start;
    const char *last, *next_rne = NULL;

    if (start + 3 >= age18) {
        gen_child_note_case(c, start, start, GEN_CIN);
        return;
    }
    start_run(&run, c, start);
    /* Some periods begin under police protection for a day or two. */
    if (gen_chance(&c->rng, 100)) {
        run.ls = gen_chance(&c->rng, 700) ? "L1" : "L2";
        emit(&run, start + gen_range(&c->rng, 1, 3), "X1", NULL);
        run.rne = "L";
    }
    last = paths[path].reasons[gen_weighted(&c->rng, paths[path].weights, 5)];
    for (i = 0; i < paths[path].nphases && !run.open; i++) {
        const phase *ph = &paths[path].phases[i];
        const phase *nx = i + 1 < paths[path].nphases ? ph + 1 : NULL;
        int final;
        end = phase_end(&run, ph, age18);
        if (i > 0) {
            run.rne = next_rne;
            if (run.rne[0] != 'L')
                new_placement(&run, ph->adoptive);
            /* Placed for adoption with the same carers (T, U) is with the
             * current foster carers; with new ones, not. */
            if (ph->adoptive && run.rne[0] != 'L')
                run.pl.place = run.rne[0] == 'T' || run.rne[0] == 'U'
                                   ? "A5"
                                   : "A6";
        }
        final = !nx || end >= age18;
        next_rne = final ? NULL : transition(&c->rng, ph, nx);
        run_phase(&run, ph, end, final ? last : "X1",
                  next_rne && next_rne[0] != 'L');
        if (final)
            break;
    }
    c->in_care_at_to = run.open;
    {
        gen_care_summary sum;
        sum.start = start;
        sum.end = run.open ? GEN_NO_DAY : end;
        sum.ls = run.ls;
        sum.reason = run.open ? NULL : last;
        sum.placements_12m = run.placements;
        gen_looked_after_write(c, &sum);
    }
    /* Adoption closes the case at once; other endings after a little
     * follow-up work. */
    gen_child_note_case(c, start, run.open ? GEN_NO_DAY
                        : end + (path == P_ADOPT ? 0
                                 : gen_range(&c->rng, 0, 45)), GEN_LAC);
}

/* Disabled children's short breaks: a series of stays of a few days, each
 * its own episode under legal status V4 (or V3 for a one-off). */
void gen_short_breaks(gen_child *c, gen_day first)
{
    care_run run;
    gen_day day = first;
    const char *ls = gen_chance(&c->rng, 800) ? "V4" : "V3";
    int breaks = ls[1] == '3' ? 1 : 10;
    start_run(&run, c, day);
    run.cin = "N2";
    run.ls = ls;
    if (gen_chance(&c->rng, 400)) {
        /* A short-break unit is a children's home with its own URN. */
        run.pl.place = "K2";
        snprintf(run.urn, sizeof run.urn, "SC%06d",
                 gen_range(&c->rng, 100000, 999999));
    } else {
        run.pl.place = "U4";
        snprintf(run.urn, sizeof run.urn, "XXXXXXX");
    }
    run.pl.provider = "PR1";
    while (breaks-- > 0 && day <= c->cfg->to && !run.open) {
        run.start = day;
        run.rne = "S";
        day += gen_range(&c->rng, 1, 4);
        emit(&run, day, gen_chance(&c->rng, 850) ? "E13" : "E4A", NULL);
        day += gen_range(&c->rng, 14, 45);
    }
}
