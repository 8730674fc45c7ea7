/* Assessment timeliness, lateness and backlog.
 *
 * Definitions (docs/indicators.md): an assessment's clock starts at the
 * referral date for an initial assessment when one is given, otherwise at
 * the assessment's start date.  Durations are working days after the clock
 * start up to and including the end (DfE's convention), against timescales
 * of 7 (initial), 35 (core) and 45 (single) working days from Working
 * Together 2010 and 2018, each overridable.
 *
 * Fact layout: d[0] clock start, d[1] start_date, d[2] completion_date,
 * d[3] referral_date, code = assessment type, flags the ethnicity code
 * (family.h) and SGK__FLAG_BLANK when assessment_type was blank (read as
 * single). */
#include <string.h>
#include "family.h"

/* The fact's type code is the public enum sgk_assessment_type, which
 * SGK_OPT_PER_10K_TYPE names (front_door.c compares the two). */
enum {
    TYPE_INITIAL = SGK_ASSESSMENT_INITIAL,
    TYPE_CORE = SGK_ASSESSMENT_CORE,
    TYPE_SINGLE = SGK_ASSESSMENT_SINGLE
};

static const char *const type_indicators[4] = {
    NULL,
    "ia_timeliness,ia_overdue,ia_completed_late",
    "ca_timeliness,ca_overdue,ca_completed_late",
    "sa_timeliness,sa_overdue,sa_completed_late",
};

static int read_type(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_ASSESSMENT_TYPE, &s, &n)) {
        f->flags |= SGK__FLAG_BLANK;
        return TYPE_SINGLE;
    }
    /* The plain lower-case names first: what nearly every extract has. */
    if (n == 7 && memcmp(s, "initial", 7) == 0)
        return TYPE_INITIAL;
    if (n == 4 && memcmp(s, "core", 4) == 0)
        return TYPE_CORE;
    if (n == 6 && memcmp(s, "single", 6) == 0)
        return TYPE_SINGLE;
    if (sgk__code_is(s, n, "initial") || sgk__code_is(s, n, "ia") ||
        sgk__code_is(s, n, "initial assessment"))
        return TYPE_INITIAL;
    if (sgk__code_is(s, n, "core") || sgk__code_is(s, n, "ca") ||
        sgk__code_is(s, n, "core assessment"))
        return TYPE_CORE;
    if (sgk__code_is(s, n, "single") || sgk__code_is(s, n, "sa") ||
        sgk__code_is(s, n, "single assessment") ||
        sgk__code_is(s, n, "continuous") ||
        sgk__code_is(s, n, "continuous assessment"))
        return TYPE_SINGLE;
    sgk__row_reject(row, SGK__COL_ASSESSMENT_TYPE, NULL,
                    "assessment_type '%.*s' is not initial, core or single",
                    (int)(n > 40 ? 40 : n), s);
    return 0;
}

void sgk__assessments_ingest(sgk__row *row, sgk__fact *f)
{
    int type = read_type(row, f);
    const char *ind;
    if (!type)
        return;
    ind = type_indicators[type];
    f->code = (uint8_t)type;
    if (sgk__row_date(row, SGK__COL_START_DATE, 1, NULL, &f->d[1]) != 0)
        return;
    if (type == TYPE_INITIAL &&
        sgk__row_date(row, SGK__COL_REFERRAL_DATE, 0, ind, &f->d[3]) != 0)
        f->bad |= SGK__BAD_D0;
    f->d[0] = (type == TYPE_INITIAL && f->d[3] != SGK__NO_DATE) ? f->d[3]
                                                               : f->d[1];
    if (sgk__row_date(row, SGK__COL_COMPLETION_DATE, 0, ind, &f->d[2]) != 0) {
        f->bad |= SGK__BAD_D2;
    } else if (f->d[2] != SGK__NO_DATE && f->d[2] < f->d[0]) {
        sgk__row_reject(row, SGK__COL_COMPLETION_DATE, ind,
                        "completion_date is before the assessment's %s",
                        f->d[0] == f->d[3] ? "referral_date" : "start_date");
        f->bad |= SGK__BAD_D2;
    }
    sgk__ethnicity_ingest(row, f);
}

static int32_t timescale(const sgk__calc *c, int type)
{
    static const int opt[4] = {0, SGK_OPT_IA_TIMESCALE, SGK_OPT_CA_TIMESCALE,
                               SGK_OPT_SA_TIMESCALE};
    return (int32_t)c->e->options[opt[type]];
}

static int completed_in_period(const sgk__calc *c, const sgk__fact *f,
                               int type)
{
    return f->code == type && !SGK__IS_BAD(f, SGK__BAD_D0 | SGK__BAD_D2) &&
           f->d[2] >= c->from[0] && f->d[2] <= c->to[0];
}

/* Completed in the period: den counts all, num those within timescale. */
static void timeliness(sgk__calc *c, int type)
{
    int32_t ts = timescale(c, type);
    size_t i;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (!completed_in_period(c, f, type))
            continue;
        sgk__tally_event(c, f->d[2], f->team,
                         sgk__working_days(&c->e->calendar, f->d[0],
                                           f->d[2]) <= ts, 1);
    }
}

/* Completed in the period outside timescale. */
static void completed_late(sgk__calc *c, int type)
{
    int32_t ts = timescale(c, type), wd;
    size_t i;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (!completed_in_period(c, f, type))
            continue;
        wd = sgk__working_days(&c->e->calendar, f->d[0], f->d[2]);
        if (wd > ts) {
            sgk__tally_event(c, f->d[2], f->team, 1, 0);
            sgk__calc_exception(c, f, f->d[0], wd);
        }
    }
}

/* Open as at a period's end and already past timescale. */
static void overdue_at(sgk__calc *c, const sgk__fact *f, int p, int32_t ts)
{
    int32_t wd = sgk__working_days(&c->e->calendar, f->d[0], c->to[p]);
    if (wd <= ts)
        return;
    sgk__tally(c, p, f->team, 1, 0);
    if (p == 0)
        sgk__calc_exception(c, f, f->d[0], wd);
}

static void overdue(sgk__calc *c, int type)
{
    int32_t ts = timescale(c, type);
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        if (f->code != type || SGK__IS_BAD(f, SGK__BAD_D0 | SGK__BAD_D2) ||
            f->d[1] > c->to[0] || f->d[2] <= c->from[0])
            continue;
        if (f->d[2] > c->to[0])
            overdue_at(c, f, 0, ts);
        for (p = sgk__month_from(c, f->d[1]);
             p < c->nperiods && c->to[p] < f->d[2]; p++)
            overdue_at(c, f, p, ts);
    }
}

void sgk__ia_timeliness(sgk__calc *c) { timeliness(c, TYPE_INITIAL); }
void sgk__ca_timeliness(sgk__calc *c) { timeliness(c, TYPE_CORE); }
void sgk__sa_timeliness(sgk__calc *c) { timeliness(c, TYPE_SINGLE); }
void sgk__ia_overdue(sgk__calc *c) { overdue(c, TYPE_INITIAL); }
void sgk__ca_overdue(sgk__calc *c) { overdue(c, TYPE_CORE); }
void sgk__sa_overdue(sgk__calc *c) { overdue(c, TYPE_SINGLE); }
void sgk__ia_completed_late(sgk__calc *c) { completed_late(c, TYPE_INITIAL); }
void sgk__ca_completed_late(sgk__calc *c) { completed_late(c, TYPE_CORE); }
void sgk__sa_completed_late(sgk__calc *c) { completed_late(c, TYPE_SINGLE); }
