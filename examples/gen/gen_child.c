/* One child's history, from the front door to the case list.
 *
 * Each child is generated from its own PRNG stream (seed, child number)
 * and written as soon as it is made, so memory stays flat for any number
 * of children and a child's rows do not depend on the children before it.
 *
 * A child follows one of a few stories: a referral that goes no further;
 * an assessment and a child-in-need plan; one or more child protection
 * plans (some ending in care); a period of care; or short-break care for a
 * disabled child. */
#include <inttypes.h>
#include <string.h>
#include "gen.h"

enum story { ST_NFA, ST_CIN, ST_CP, ST_CLA, ST_BREAKS, ST_COUNT };
static const unsigned story_weights[ST_COUNT] = {24, 29, 26, 17, 4};

/* Extracts reach back a year before the period for front-door records;
 * plan and care histories are kept in full, as repeat-plan and care
 * measures need them. */
static gen_day window_start(const gen_child *c)
{
    return c->cfg->from - 365;
}

/* A day in lo..hi, mostly a weekday: referrals come in on working days,
 * and a weekend day survives only now and then (out-of-hours and police
 * referrals). */
static gen_day pick_day(gen_rng *r, gen_day lo, gen_day hi)
{
    gen_day d = lo + (gen_day)gen_below(r, (uint32_t)(hi - lo) + 1u);
    int tries;
    for (tries = 0; tries < 4 && gen_is_weekend(d); tries++)
        if (gen_chance(r, 850))
            d = lo + (gen_day)gen_below(r, (uint32_t)(hi - lo) + 1u);
    return d;
}

/* ------------------------------------------------------------------------
 * Identity, teams and workers. */

/* Ids are index * k + offset modulo a power of ten: k is coprime to ten,
 * so the map is a bijection and ids never collide, yet they look
 * scattered rather than sequential. */
static void make_id(const gen_config *cfg, uint64_t index, char *buf,
                    size_t cap)
{
    uint64_t m = 1000000;
    int width = 6;
    while (m / 10 < cfg->children && width < 18) {
        m *= 10;
        width++;
    }
    snprintf(buf, cap, "%0*" PRIu64, width,
             (index % m * UINT64_C(7368787) + gen_mix(cfg->seed) % m) % m);
}

void gen_child_id(const gen_config *cfg, uint64_t index, char *buf,
                  size_t cap)
{
    make_id(cfg, index, buf, cap);
}

const char *gen_child_team(gen_child *c, int function)
{
    if (!c->team_ready[function]) {
        int team = gen_team_for(c->cfg, function, c->slot);
        int n = gen_team_workers(c->cfg, team);
        /* The worker is fixed per child and function: the same social
         * worker follows the child through, as caseloads do. */
        uint64_t h = gen_mix((uint64_t)c->slot * 4u + (uint64_t)function +
                             c->cfg->seed);
        gen_team_name(team, c->team_buf[function], sizeof c->team_buf[0]);
        gen_worker_name(c->cfg, team, (int)(h % (uint64_t)n),
                        c->worker_buf[function], sizeof c->worker_buf[0]);
        c->team_ready[function] = 1;
    }
    return c->team_buf[function];
}

const char *gen_child_worker(gen_child *c, int function)
{
    gen_child_team(c, function);
    return c->worker_buf[function];
}

void gen_child_row(const gen_child *c, gen_row *row)
{
    gen_row_clear(row);
    row->s[GEN_F_CHILD] = c->id;
    row->s[GEN_F_GENDER] = c->male ? "Male" : "Female";
    row->s[GEN_F_GENDER_AA] = c->male ? "a) Male" : "b) Female";
    row->d[GEN_F_DOB] = c->dob;
    row->s[GEN_F_ETHNIC] = c->ethnic;
    row->s[GEN_F_ETHNIC_AA] = c->ethnic_aa;
}

/* A child's ethnicity, in rough proportion to England's children in need,
 * with a few refused (REFU), not obtained (NOBT) and never recorded.  Its
 * own stream, so adding it moved no other value. */
void gen_child_ethnicity(const gen_config *cfg, uint64_t index, gen_child *c)
{
    static const char *const codes[] = {
        "a) WBRI", "b) WIRI", "c) WIRT", "d) WOTH", "e) WROM", "f) MWBC",
        "g) MWBA", "h) MWAS", "i) MOTH", "j) AIND", "k) APKN", "l) ABAN",
        "m) AOTH", "n) BCRB", "o) BAFR", "p) BOTH", "q) CHNE", "r) OOTH",
        "s) REFU", "s) NOBT", NULL};
    static const unsigned w[] = {700, 5, 5, 40, 5, 30, 10, 10, 25, 15, 20,
                                 8, 15, 10, 30, 10, 3, 20, 9, 15, 15};
    gen_rng r;
    int k;
    gen_rng_seed(&r, cfg->seed, UINT64_C(0xE7A0000000000000) + index);
    k = gen_weighted(&r, w, (int)(sizeof w / sizeof w[0]));
    c->ethnic_aa = codes[k];
    c->ethnic = codes[k] ? codes[k] + 3 : NULL;
}

void gen_child_note_case(gen_child *c, gen_day start, gen_day end,
                         int function)
{
    if (c->case_start == GEN_NO_DAY)
        c->case_start = start;
    c->case_end = end != GEN_NO_DAY && end <= c->cfg->to ? end : GEN_NO_DAY;
    c->last_function = function;
}

/* ------------------------------------------------------------------------
 * The front door: referral, then initial (and maybe core) or single
 * assessment.  Durations are in working days and skewed so that most
 * assessments are in time, a fair share are late and a few stall. */
static int ia_days(gen_rng *r)
{
    static const unsigned w[] = {600, 280, 90, 30};
    static const int lo[] = {1, 8, 16, 36}, hi[] = {7, 15, 35, 80};
    int k = gen_weighted(r, w, 4);
    return gen_range(r, lo[k], hi[k]);
}

static int ca_days(gen_rng *r)
{
    static const unsigned w[] = {870, 100, 30};
    static const int lo[] = {10, 36, 51}, hi[] = {35, 50, 100};
    int k = gen_weighted(r, w, 3);
    return gen_range(r, lo[k], hi[k]);
}

static int sa_days(gen_rng *r)
{
    static const unsigned w[] = {800, 140, 60};
    static const int lo[] = {8, 46, 66}, hi[] = {45, 65, 120};
    int k = gen_weighted(r, w, 3);
    return gen_range(r, lo[k], hi[k]);
}

/* Single assessments replaced initial and core ones during 2013-14. */
static int single_era(gen_child *c, gen_day ref)
{
    gen_day switch_from = gen_day_from_ymd(2013, 4, 1);
    if (ref < switch_from)
        return 0;
    if (ref >= switch_from + 365)
        return 1;
    return gen_chance(&c->rng, (unsigned)((ref - switch_from) * 1000 / 365));
}

static void write_referral(gen_child *c, gen_day ref, int nfa)
{
    static const char *const sources[] = {"1A", "1B", "2A", "3A", "3E",
                                          "5A", "5B", "6", "8", "9"};
    static const unsigned weights[] = {8, 6, 18, 14, 6, 10, 20, 4, 10, 4};
    gen_row row;
    gen_day decided = gen_add_working_days(ref, gen_range(&c->rng, 0, 3));
    const char *src = sources[gen_weighted(&c->rng, weights, 10)];
    if (ref <= c->cfg->to && c->nreferral_days < GEN_MAX_REFERRALS)
        c->referral_days[c->nreferral_days++] = ref;
    if (ref < window_start(c) || ref > c->cfg->to ||
        c->nreferrals >= GEN_MAX_REFERRALS)
        return;
    gen_child_row(c, &row);
    row.d[GEN_F_REF_DATE] = ref;
    row.s[GEN_F_REF_SOURCE] = src;
    row.s[GEN_F_NFA] = nfa ? "Yes" : "No";
    if (decided <= c->cfg->to && !gen_chance(&c->rng, 40))
        row.d[GEN_F_DECISION] = decided;
    row.s[GEN_F_TEAM] = gen_child_team(c, GEN_DUTY);
    row.s[GEN_F_WORKER] = gen_child_worker(c, GEN_DUTY);
    c->referrals[c->nreferrals++] = row;
}

/* Annex A list 3: the referrals in the 12 months before the child's latest
 * referral (0 when none), the same on each of the child's rows. */
static void write_referrals(gen_child *c)
{
    gen_day latest = GEN_NO_DAY, year_before;
    int i, n = 0;
    for (i = 0; i < c->nreferral_days; i++)
        if (latest == GEN_NO_DAY || c->referral_days[i] > latest)
            latest = c->referral_days[i];
    year_before = gen_anniversary(latest, -1);
    for (i = 0; i < c->nreferral_days; i++)
        n += c->referral_days[i] < latest &&
             c->referral_days[i] >= year_before;
    snprintf(c->refs_12m, sizeof c->refs_12m, "%d", n);
    for (i = 0; i < c->nreferrals; i++) {
        c->referrals[i].s[GEN_F_REFS_12M] = c->refs_12m;
        gen_sink_row(&c->out->sink[GEN_REFERRALS], &c->referrals[i]);
    }
}

/* Writes one assessment; returns its completion day, or GEN_NO_DAY when
 * it is still open at the end of the period (or never started). */
static gen_day assess(gen_child *c, const char *type, gen_day ref,
                      gen_day start, gen_day clock, int days, int function)
{
    gen_row row;
    gen_day done = gen_add_working_days(clock, days);
    if (done < start)
        done = start;
    /* A few assessments stall and sit open: the overdue backlog. */
    if (gen_chance(&c->rng, 25))
        done = GEN_NO_DAY;
    if (start > c->cfg->to)
        return GEN_NO_DAY;
    if (done != GEN_NO_DAY && done > c->cfg->to)
        done = GEN_NO_DAY;
    if (done != GEN_NO_DAY && done < window_start(c))
        return done;
    gen_child_row(c, &row);
    row.s[GEN_F_ATYPE] = type;
    row.d[GEN_F_REF_DATE] = ref;
    row.d[GEN_F_START] = start;
    row.d[GEN_F_END] = done;
    row.s[GEN_F_TEAM] = gen_child_team(c, function);
    row.s[GEN_F_WORKER] = gen_child_worker(c, function);
    gen_sink_row(&c->out->sink[GEN_ASSESSMENTS], &row);
    return done;
}

/* Referral plus assessment; returns the day the assessment concluded, or
 * GEN_NO_DAY while it is still open.  core_permille: how often an initial
 * assessment leads on to a core one. */
static gen_day front_door(gen_child *c, gen_day ref, unsigned core_permille)
{
    gen_day start, done;
    write_referral(c, ref, 0);
    if (single_era(c, ref)) {
        start = gen_add_working_days(ref, gen_range(&c->rng, 0, 2));
        return assess(c, "single", ref, start, start, sa_days(&c->rng),
                      GEN_DUTY);
    }
    start = gen_add_working_days(ref, gen_range(&c->rng, 0, 1));
    done = assess(c, "initial", ref, start, ref, ia_days(&c->rng), GEN_DUTY);
    if (done == GEN_NO_DAY || !gen_chance(&c->rng, core_permille))
        return done;
    start = gen_add_working_days(done, gen_range(&c->rng, 0, 3));
    return assess(c, "core", ref, start, start, ca_days(&c->rng), GEN_CIN);
}

/* ------------------------------------------------------------------------
 * Child protection plans. */
static gen_day plan_end(gen_child *c, gen_day start)
{
    static const unsigned w[] = {30, 33, 18, 14, 5};
    gen_rng *r = &c->rng;
    gen_day end;
    switch (gen_weighted(r, w, 5)) {
    case 0: end = start + gen_range(r, 60, 270); break;
    case 1: end = start + gen_range(r, 271, 540); break;
    case 2: end = start + gen_range(r, 541, 700); break;
    /* Plans often end at the review nearest the second anniversary, some
     * just before it and some just after. */
    case 3: end = gen_anniversary(start, 2) + gen_range(r, -45, 60); break;
    default: end = start + gen_range(r, 800, 1300); break;
    }
    return gen_next_weekday(end);
}

/* Review conferences three months after the start and six-monthly after. */
static gen_day last_review(gen_day start, gen_day until)
{
    gen_day review = start + 91;
    if (review > until)
        return GEN_NO_DAY;
    while (review + 182 <= until)
        review += 182;
    return gen_next_weekday(review) <= until ? gen_next_weekday(review)
                                             : review;
}

static void write_plan(gen_child *c, gen_day start, gen_day end, int prev,
                       int abuse)
{
    static const char *const digits[] = {"0", "1", "2", "3", "4",
                                         "5", "6", "7", "8", "9"};
    static const char *const abuse_snake[] = {"neglect", "physical", "sexual",
                                              "emotional", "multiple"};
    static const char *const abuse_aa[] = {
        "a) Neglect", "b) Physical abuse", "c) Sexual abuse",
        "d) Emotional abuse", "e) Multiple/not recommended"};
    gen_row row;
    gen_day to = c->cfg->to;
    gen_child_row(c, &row);
    row.d[GEN_F_START] = start;
    row.d[GEN_F_END] = end <= to ? end : GEN_NO_DAY;
    row.d[GEN_F_REVIEW] = last_review(start, end <= to ? end : to);
    row.s[GEN_F_PREV] = digits[prev > 9 ? 9 : prev];
    row.s[GEN_F_ABUSE] = abuse_snake[abuse];
    row.s[GEN_F_ABUSE_AA] = abuse_aa[abuse];
    row.s[GEN_F_TEAM] = gen_child_team(c, GEN_CP);
    row.s[GEN_F_WORKER] = gen_child_worker(c, GEN_CP);
    gen_sink_row(&c->out->sink[GEN_CP_PLANS], &row);
}

/* One or more plans in a row: some children come back onto a plan after
 * a gap, and some had plans before the records began (previous_plans). */
static void story_cp(gen_child *c)
{
    static const unsigned abuse_w[] = {45, 10, 5, 32, 8};
    const gen_config *cfg = c->cfg;
    gen_day ref = pick_day(&c->rng, cfg->from - 900, cfg->to);
    gen_day start, end = GEN_NO_DAY;
    int prev = gen_chance(&c->rng, 80) ? gen_range(&c->rng, 1, 2) : 0, k;

    c->dob = ref - gen_range(&c->rng, 0, 15 * 365);
    for (k = 0; k < 4; k++) {
        gen_day done = front_door(c, ref, 700);
        c->case_start = ref;
        if (done == GEN_NO_DAY || (start = gen_next_weekday(
                done + gen_range(&c->rng, 3, 15))) > cfg->to) {
            gen_child_note_case(c, ref, GEN_NO_DAY, GEN_CIN);
            return;
        }
        end = plan_end(c, start);
        write_plan(c, start, end, prev++, gen_weighted(&c->rng, abuse_w, 5));
        if (end > cfg->to) {
            c->on_plan_at_to = 1;
            gen_child_note_case(c, ref, GEN_NO_DAY, GEN_CP);
            return;
        }
        if (!gen_chance(&c->rng, 130))
            break;
        ref = pick_day(&c->rng, end + 60, end + 700);
        if (ref > cfg->to)
            break;
    }
    /* Some plans end because the child comes into care. */
    if (gen_chance(&c->rng, 170)) {
        gen_care(c, end, 1);
        return;
    }
    gen_child_note_case(c, c->case_start, end + gen_range(&c->rng, 30, 240),
                        GEN_CIN);
}

/* ------------------------------------------------------------------------
 * The other stories. */
static void story_nfa(gen_child *c)
{
    const gen_config *cfg = c->cfg;
    gen_day ref = pick_day(&c->rng, cfg->from, cfg->to);
    c->dob = ref - gen_range(&c->rng, 0, 17 * 365);
    write_referral(c, ref, 1);
    /* A second contact months later that also goes no further. */
    if (gen_chance(&c->rng, 200)) {
        ref = pick_day(&c->rng, ref + 20, ref + 200);
        if (ref <= cfg->to)
            write_referral(c, ref, 1);
    }
}

static void story_cin(gen_child *c)
{
    const gen_config *cfg = c->cfg;
    gen_day ref = pick_day(&c->rng, cfg->from - 120, cfg->to);
    gen_day done, end;
    c->dob = ref - gen_range(&c->rng, 0, 17 * 365);
    if (gen_chance(&c->rng, 150))
        write_referral(c, ref - gen_range(&c->rng, 30, 300), 1);
    done = front_door(c, ref, 350);
    c->case_start = ref;
    if (done == GEN_NO_DAY) {
        gen_child_note_case(c, ref, GEN_NO_DAY, GEN_DUTY);
        return;
    }
    /* Either closed after assessment or supported on a child-in-need plan. */
    end = gen_chance(&c->rng, 250) ? done + gen_range(&c->rng, 0, 10)
                                   : done + gen_range(&c->rng, 60, 420);
    gen_child_note_case(c, ref, end, GEN_CIN);
}

static void story_cla(gen_child *c)
{
    const gen_config *cfg = c->cfg;
    /* Many periods of care are short, so the children in care at any time
     * are a mix of recent arrivals and a long-staying core. */
    gen_day ref = gen_chance(&c->rng, 450)
        ? pick_day(&c->rng, cfg->from - 120, cfg->to)
        : pick_day(&c->rng, cfg->from - 6 * 365, cfg->from - 121);
    gen_day done, start;
    c->dob = ref - gen_range(&c->rng, 0, 17 * 365);
    done = front_door(c, ref, 400);
    c->case_start = ref;
    /* Many children are accommodated in an emergency, before the
     * assessment is done; the rest once it concludes. */
    start = gen_chance(&c->rng, 450) || done == GEN_NO_DAY
                ? ref + gen_range(&c->rng, 0, 10)
                : done + gen_range(&c->rng, 0, 30);
    if (start > cfg->to) {
        gen_child_note_case(c, ref, GEN_NO_DAY, GEN_CIN);
        return;
    }
    gen_care(c, start, 0);
}

static void story_breaks(gen_child *c)
{
    const gen_config *cfg = c->cfg;
    gen_day ref = pick_day(&c->rng, cfg->from - 400, cfg->to);
    gen_day done;
    c->dob = ref - gen_range(&c->rng, 3 * 365, 16 * 365);
    done = front_door(c, ref, 500);
    c->case_start = ref;
    if (done != GEN_NO_DAY)
        gen_short_breaks(c, done + gen_range(&c->rng, 7, 40));
    gen_child_note_case(c, ref, GEN_NO_DAY, GEN_CIN);
}

/* ------------------------------------------------------------------------
 * The case list: one row per child whose episode of need is open at the
 * end of the period or closed during it. */
static const char *case_category(const gen_child *c, int *function)
{
    if (c->case_end == GEN_NO_DAY && c->in_care_at_to)
        *function = GEN_LAC;
    else if (c->case_end == GEN_NO_DAY && c->on_plan_at_to)
        *function = GEN_CP;
    else
        *function = c->last_function;
    return *function == GEN_LAC ? "CLA" : *function == GEN_CP ? "CP" : "CIN";
}

/* Unallocated cases: more often children in need than CP or CLA, and
 * spread either side of the 28-day mark. */
static void allocation(gen_child *c, gen_row *row, int function)
{
    unsigned blank = function == GEN_CP || function == GEN_LAC ? 30 : 70;
    gen_day to = c->cfg->to, since;
    if (c->case_end != GEN_NO_DAY || !gen_chance(&c->rng, blank))
        return;
    row->s[GEN_F_WORKER] = NULL;
    if (gen_chance(&c->rng, 120))
        return; /* never allocated: the library uses the case start */
    since = to - (gen_chance(&c->rng, 500) ? gen_range(&c->rng, 1, 28)
                                           : gen_range(&c->rng, 29, 150));
    row->d[GEN_F_UNALLOC] = since < c->case_start ? c->case_start : since;
}

static void write_case(gen_child *c)
{
    gen_row row;
    int function;
    const char *category;
    if (c->case_start == GEN_NO_DAY ||
        (c->case_end != GEN_NO_DAY && c->case_end < c->cfg->from))
        return;
    category = case_category(c, &function);
    gen_child_row(c, &row);
    row.d[GEN_F_START] = c->case_start;
    row.d[GEN_F_END] = c->case_end;
    row.s[GEN_F_CATEGORY] = category;
    row.s[GEN_F_TEAM] = gen_child_team(c, function);
    row.s[GEN_F_WORKER] = gen_child_worker(c, function);
    allocation(c, &row, function);
    gen_sink_row(&c->out->sink[GEN_CASES], &row);
}

void gen_child_write(const gen_config *cfg, gen_out *out, uint64_t index)
{
    gen_child c;
    memset(&c, 0, sizeof c);
    c.cfg = cfg;
    c.out = out;
    gen_rng_seed(&c.rng, cfg->seed, index);
    make_id(cfg, index, c.id, sizeof c.id);
    c.slot = (uint32_t)(gen_rng_next(&c.rng) >> 40);
    c.male = gen_chance(&c.rng, 510);
    gen_child_ethnicity(cfg, index, &c);
    c.dob = GEN_NO_DAY;
    c.case_start = c.case_end = GEN_NO_DAY;
    c.last_function = GEN_CIN;
    switch (gen_weighted(&c.rng, story_weights, ST_COUNT)) {
    case ST_NFA: story_nfa(&c); break;
    case ST_CIN: story_cin(&c); break;
    case ST_CP: story_cp(&c); break;
    case ST_CLA: story_cla(&c); break;
    default: story_breaks(&c); break;
    }
    write_referrals(&c);
    write_case(&c);
    gen_leaver_write(cfg, out, index);
}
