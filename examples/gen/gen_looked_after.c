/* Rows for the children-in-care (Annex A List 8) and care-leaver (Annex A
 * List 9, SSDA903 OC3) files, written at the end of each period of care.
 *
 * Their values are drawn from a stream seeded by the child's id, not from
 * the child's story stream, so adding these files left every other file
 * byte for byte as it was. */
#include <string.h>
#include "gen.h"

static gen_rng extra_stream(const gen_child *c)
{
    gen_rng r;
    uint64_t h = UINT64_C(1469598103934665603);
    const char *p;
    for (p = c->id; *p; p++)
        h = (h ^ (unsigned char)*p) * UINT64_C(1099511628211);
    gen_rng_seed(&r, c->cfg->seed, UINT64_C(0xCA7E000000000000) ^ h);
    return r;
}

static gen_day check_date(gen_rng *r, gen_day to, gen_day since,
                          unsigned permille)
{
    gen_day d;
    if (gen_chance(r, permille))
        d = to - gen_range(r, 0, 364);
    else if (gen_chance(r, 800))
        d = to - gen_range(r, 366, 700);
    else
        return GEN_NO_DAY;
    return d < since ? GEN_NO_DAY : d;
}

/* Age in whole years on `day`. */
static int age_on(gen_day dob, gen_day day)
{
    int y = 0;
    while (gen_anniversary(dob, y + 1) <= day)
        y++;
    return y;
}

/* Age on the 31 August that starts the school year containing `to`. */
static int school_age(gen_day dob, gen_day to)
{
    int y, m, d;
    gen_ymd(to, &y, &m, &d);
    return age_on(dob, gen_day_from_ymd(m >= 9 ? y : y - 1, 8, 31));
}

static void write_child(gen_child *c, const gen_care_summary *s, gen_rng *r)
{
    const gen_config *cfg = c->cfg;
    gen_row row;
    char places[12], days[12];
    int age = school_age(c->dob, cfg->to);
    gen_child_row(c, &row);
    row.d[GEN_F_START] = s->start;
    row.d[GEN_F_END] = s->end;
    row.s[GEN_F_REASON] = s->reason;
    row.s[GEN_F_LS] = s->ls;
    /* Most children in care have their checks in time; Kent's target was
     * 85%.  Only those in care for the year are meant to, but a check is
     * recorded for anyone who had one. */
    row.d[GEN_F_HEALTH] = check_date(r, cfg->to, s->start, 860);
    row.d[GEN_F_DENTAL] = check_date(r, cfg->to, s->start, 780);
    snprintf(places, sizeof places, "%d",
             s->placements_12m > 0 ? s->placements_12m : 1);
    row.s[GEN_F_PLACEMENTS] = places;
    if (age >= 5 && age <= 15) {
        int n = gen_chance(r, 100) ? gen_range(r, 25, 70)
                                   : gen_range(r, 0, 24);
        snprintf(days, sizeof days, "%d", n);
        row.s[GEN_F_DAYS_MISSED] = days;
    }
    row.s[GEN_F_TEAM] = gen_child_team(c, GEN_LAC);
    row.s[GEN_F_WORKER] = gen_child_worker(c, GEN_LAC);
    gen_sink_row(&c->out->sink[GEN_CLA_CHILDREN], &row);
}

/* Accommodation: the SSDA903 letter, and whether it is suitable. */
static void accommodation(gen_rng *r, gen_row *row, int annex_a,
                          char *code, size_t cap)
{
    static const char letters[] = "BDEKUZTCSWX";
    static const unsigned w[] = {150, 250, 120, 60, 180, 120, 40, 20, 15,
                                 10, 15};
    char l = letters[gen_weighted(r, w, 11)];
    int unsuitable = l == 'S' || l == 'X' || l == 'W' || gen_chance(r, 60);
    if (annex_a) {
        snprintf(code, cap, "%c", l);
        row->s[GEN_F_SUITABLE] = unsuitable ? "b) Unsuitable" : "a) Suitable";
    } else {
        snprintf(code, cap, "%c%d", l, unsuitable ? 2 : 1);
    }
    row->s[GEN_F_ACCOM] = code;
}

static void write_leaver(gen_child *c, gen_rng *r)
{
    static const char *const touch[] = {"YES", "NO", "REFU", "NREQ",
                                        "RHOM", "DIED"};
    static const char *const touch_aa[] = {"a) Yes", "b) No", "d) Refu",
                                           "e) NREQ", "f) Rhom", "c) Died"};
    static const unsigned touch_w[] = {860, 50, 30, 40, 15, 5};
    static const char *const activ[] = {"F1", "P1", "F2", "P2", "F3", "P3",
                                        "G4", "G5", "G6"};
    static const unsigned activ_w[] = {60, 10, 220, 40, 150, 60, 60, 310,
                                       90};
    int annex_a = c->cfg->annex_a;
    gen_row row;
    char code[4];
    int t = gen_weighted(r, touch_w, 6);
    gen_child_row(c, &row);
    row.s[GEN_F_ELIGIBILITY] = "b) Former relevant child";
    row.s[GEN_F_IN_TOUCH] = annex_a ? touch_aa[t] : touch[t];
    if (t == 0) {
        row.s[GEN_F_ACTIV] = activ[gen_weighted(r, activ_w, 9)];
        accommodation(r, &row, annex_a, code, sizeof code);
    }
    row.s[GEN_F_TEAM] = gen_child_team(c, GEN_LAC);
    row.s[GEN_F_WORKER] = gen_child_worker(c, GEN_LAC);
    gen_sink_row(&c->out->sink[GEN_CARE_LEAVERS], &row);
}

void gen_looked_after_write(gen_child *c, const gen_care_summary *s)
{
    const gen_config *cfg = c->cfg;
    gen_rng r = extra_stream(c);
    if (s->start > cfg->to)
        return;
    if (s->end == GEN_NO_DAY || s->end > cfg->to - 183)
        write_child(c, s, &r);
    /* Left care at 16 or over, after three months or more: a former
     * relevant child while under 21. */
    if (s->end != GEN_NO_DAY && age_on(c->dob, s->end) >= 16 &&
        s->end - s->start >= 91 && age_on(c->dob, cfg->to) < 21)
        write_leaver(c, &r);
}

void gen_leaver_write(const gen_config *cfg, gen_out *out, uint64_t index)
{
    gen_child c;
    gen_rng r;
    gen_rng_seed(&r, cfg->seed, UINT64_C(0x1EA7000000000000) + index);
    if (!gen_chance(&r, 50))
        return;
    memset(&c, 0, sizeof c);
    c.cfg = cfg;
    c.out = out;
    gen_child_id(cfg, index + cfg->children, c.id, sizeof c.id);
    c.slot = (uint32_t)(gen_rng_next(&r) >> 40);
    c.male = gen_chance(&r, 520);
    gen_child_ethnicity(cfg, index + cfg->children, &c);
    c.dob = gen_anniversary(cfg->to, -18) - gen_range(&r, 0, 3 * 365 - 1);
    write_leaver(&c, &r);
}
