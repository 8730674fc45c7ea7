/* The contract between the engine and each indicator family file: how a
 * CSV record becomes a fact, and how an indicator is computed from facts.
 * Adding an indicator means one function in a family file and one row in
 * the table in indicators.c. */
#ifndef SGK_FAMILY_H
#define SGK_FAMILY_H

#include "engine.h"

/* Bits of sgk__fact.bad: which slot held a bad value. */
enum {
    SGK__BAD_D0 = 1 << 0,
    SGK__BAD_D1 = 1 << 1,
    SGK__BAD_D2 = 1 << 2,
    SGK__BAD_D3 = 1 << 3,
    SGK__BAD_CODE = 1 << 4,
    SGK__BAD_CODE2 = 1 << 5,
    SGK__BAD_NUM = 1 << 6,
    SGK__BAD_WORKER = 1 << 7 /* worker present but unreadable */
};

/* Bits of sgk__fact.flags.  The low five bits hold the row's ethnicity
 * code (enum sgk__ethnicity, ethnicity.c) in every kind with children.
 * SGK__FLAG_BLANK is a family's own note that an optional column it reads
 * was blank where the fact cannot show it (each family file says which
 * column); data_quality.c counts it.  SGK__FLAG_DUPLICATE is set by each
 * compute on the later of two rows with the same child and main date in
 * one input (duplicates.c), which then moves such facts to the end of
 * their kind's array, keeping the order of the others; the indicators are
 * handed only the facts before them.  Bit 5 is free. */
enum {
    SGK__FLAG_ETHNICITY = 0x1F,
    SGK__FLAG_BLANK = 1 << 6,
    SGK__FLAG_DUPLICATE = 1 << 7
};

/* Ethnicity codes kept in the flags: 0 blank, then the CBDS groups. */
enum sgk__ethnicity {
    SGK__ETH_BLANK = 0,
    SGK__ETH_GROUPS = 18,   /* 1..18: WBRI ... OOTH, an ethnic group */
    SGK__ETH_REFUSED = 19,  /* REFU */
    SGK__ETH_NOT_OBTAINED = 20, /* NOBT */
    SGK__ETH_INVALID = 31   /* present but not a code; rejected for the
                               ethnicity indicators */
};

/* Loops that visit facts in a sorted order rather than in memory order
 * prefetch (sgk__prefetch) the fact this many steps on. */
#define SGK__GATHER_AHEAD 16

/* A record on its way in. */
typedef struct sgk__row {
    struct sgk_engine *e;
    const sgk__layout *layout;
    const sgk__field *fields;
    size_t nfields;
    int64_t line;
    uint16_t input;
    int rejected; /* set when a required field failed */
    int status;   /* SGK_E_NOMEM if recording a rejection failed */
} sgk__row;

/* The trimmed text of a canonical column; 1 if present and not blank.
 * Inline: families call it for every column of every row, and most
 * fields need no trimming, so the call would cost more than the work. */
static inline int sgk__row_text(const sgk__row *row, int col, const char **s,
                                size_t *len)
{
    int i = row->layout->field_of_col[col];
    if (i < 0 || (size_t)i >= row->nfields) {
        *s = "";
        *len = 0;
        return 0;
    }
    *s = row->fields[i].data;
    *len = row->fields[i].len;
    if (*len > 0 && ((unsigned char)(*s)[0] <= ' ' ||
                     (unsigned char)(*s)[*len - 1] <= ' '))
        sgk__trim(s, len);
    return *len > 0;
}
/* The column's text reduced to its code (sgk__code_strip); 1 if any. */
int sgk__row_code(const sgk__row *row, int col, const char **s, size_t *len);
/* Reads a date column.  Blank gives SGK__NO_DATE and 0.  A bad date gives
 * SGK__NO_DATE, records a rejection and returns -1: a row rejection when
 * `indicators` is NULL (the column is required), else a field rejection
 * keeping the record out of those indicators.  A required column that is
 * blank is a row rejection too. */
int sgk__row_date(sgk__row *row, int col, int required,
                  const char *indicators, sgk__day *out);
/* Reads an optional count column: 1 with *out set for a whole number from
 * 0 to max (at most 1000000), 0 when it is blank or absent, and -1 after a
 * field rejection keeping the record out of `indicators`. */
int sgk__row_count(sgk__row *row, int col, int32_t max,
                   const char *indicators, int32_t *out);
/* The same into f->num: the count, or -1 when blank or bad (a bad one
 * also sets SGK__BAD_NUM). */
void sgk__row_count_num(sgk__row *row, int col, const char *indicators,
                        sgk__fact *f);
/* Reads a whole number >= 0 (a count); 0 on success, -1 if not one. */
int sgk__parse_count(const char *s, size_t len, int32_t *out);

/* Records a rejection about column col (-1 for the whole row).  indicators
 * NULL rejects the row. */
void sgk__row_reject(sgk__row *row, int col, const char *indicators,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Fills f from a row; sets row->rejected when the row cannot be used. */
typedef void (*sgk__ingest_fn)(sgk__row *row, sgk__fact *f);

void sgk__referrals_ingest(sgk__row *row, sgk__fact *f);
void sgk__assessments_ingest(sgk__row *row, sgk__fact *f);
void sgk__cp_ingest(sgk__row *row, sgk__fact *f);
void sgk__cla_ingest(sgk__row *row, sgk__fact *f);
void sgk__cases_ingest(sgk__row *row, sgk__fact *f);
void sgk__workforce_ingest(sgk__row *row, sgk__fact *f);
void sgk__cla_children_ingest(sgk__row *row, sgk__fact *f);
void sgk__care_leavers_ingest(sgk__row *row, sgk__fact *f);
/* Reads the optional ethnicity column into f->flags (ethnicity.c); a value
 * that is not a code is a field rejection. */
void sgk__ethnicity_ingest(sgk__row *row, sgk__fact *f);

/* Derived once per compute and shared by the indicators that need it
 * (freed by compute.c), each NULL until first asked for: the cla_episodes
 * indices sorted by child and start (children_in_care.c), the allocated
 * cases sorted by worker and each worker's caseload at each as-at date
 * (caseload.c), the row deciding each child's
 * ethnicity (ethnicity.c), and each child in care's state from their
 * episodes in each period, with when their care began
 * (children_in_care.c). */
typedef struct sgk__shared {
    void *episode_order;
    void *case_order;
    size_t ncase_order;
    uint32_t *case_loads;      /* [period * workers + worker run] caseload */
    uint32_t *case_load_teams; /* and the team it counts in (caseload.c) */
    size_t ncase_runs;         /* workers in case_order, once counted */
    uint32_t *ethnicity_row;   /* [child] walk number + 1, 0 for none */
    uint8_t *ethnicity_code;   /* [child] that row's code and team, */
    uint32_t *ethnicity_team;  /* valid where ethnicity_row is not 0 */
    int ethnicity_any;
    sgk__vec ethnicity_conflicts; /* walk numbers of rows naming another
                                     ethnic group than the deciding row */
    sgk__day *cla_states;  /* [period * children in care + row] */
    sgk__day *cla_began;   /* [row] start of the period of care covering
                              the whole period's W, from episodes */
    int cla_states_ready;
    /* What the children in care indicators find alike in the rows and
     * histories is reported once, by the first to run, naming them all. */
    int cla_rows_reported, cla_breaks_reported;
} sgk__shared;

/* One computation of one indicator over every period at once.  Period 0
 * is the whole reporting period; periods 1..nperiods-1 are its months,
 * when asked for, in order.  Each period has its own as-at date to[p].
 * Indicators that count children work each period alone (sgk__dated
 * helps) and record rejections for period 0 only. */
typedef struct sgk__calc {
    struct sgk_engine *e;
    int indicator;
    int nperiods;
    const sgk__day *from, *to;  /* [period] */
    const sgk__fact *facts;     /* facts of the indicator's kind */
    size_t nfacts;
    int record;                 /* 1: record rejections and exceptions
                                   (for period 0) */
    uint32_t nteams;
    double *num, *den;          /* [period * nteams + interned team] */
    uint32_t *scratch;          /* one slot per interned child */
    sgk__day *scratch_day;      /* another slot per interned child */
    const sgk__day *year_before; /* [period] to[p] less one year, the
                                   start of "the 12 months up to" it */
    const uint16_t *month_at;   /* [d - from[0]] the month period of day d
                                   (sgk__month_of), NULL without months */
    sgk__shared *shared;        /* lives for one compute: what several
                                   indicators derive alike, made once */
    sgk__vec *rejected;         /* this indicator's own rejections, added
                                   to the engine's in indicator order */
    int status;                 /* SGK_E_NOMEM from a rejection */
    /* Set by the compute function when the defaults do not fit: */
    int num_combine, den_combine; /* how team tallies make a total or a
                                     month: SGK__COMBINE_SUM (the default)
                                     or SGK__COMBINE_MAX */
    const char *note;           /* static text for sgk_result_note */
    int absent;                 /* set by an indicator that found none of
                                   the inputs it reads: no value */
    int no_breakdown;           /* SGK__NO_TEAMS / SGK__NO_MONTHS, set by an
                                   indicator for which that breakdown means
                                   nothing: its cells there have no value */
} sgk__calc;

/* How per-team tallies combine into the whole (totals and months).  A sum
 * keeps team breakdowns adding up to the whole; a maximum serves values
 * such as the largest caseload, or a denominator every team shares (a
 * population). */
enum { SGK__COMBINE_SUM = 0, SGK__COMBINE_MAX = 1 };


/* Bits of sgk__calc.no_breakdown. */
enum { SGK__NO_TEAMS = 1, SGK__NO_MONTHS = 2 };

typedef void (*sgk__compute_fn)(sgk__calc *c);

/* A record whose slot is bad is kept out: true when any of `mask` is bad. */
#define SGK__IS_BAD(f, mask) (((f)->bad & (mask)) != 0)

/* Adds to the numerator and denominator of a period's team. */
static inline void sgk__tally(sgk__calc *c, int p, uint32_t team, double num,
                              double den)
{
    size_t i = (size_t)p * c->nteams + team;
    c->num[i] += num;
    c->den[i] += den;
}

/* The month period containing day d, or 0 when d is in no month period:
 * from the table of the period's days when the compute made one, else by
 * a search of the months. */
int sgk__month_search(const sgk__calc *c, sgk__day d);
static inline int sgk__month_of(const sgk__calc *c, sgk__day d)
{
    if (c->month_at)
        return d >= c->from[0] && d <= c->to[0] ? c->month_at[d - c->from[0]]
                                                : 0;
    return sgk__month_search(c, d);
}
/* The first month period whose as-at date is on or after d (nperiods if
 * none).  As-at dates rise with the index, so a record open from `start`
 * until `end` is open as at months p = sgk__month_from(c, start) onwards
 * while c->to[p] < end. */
int sgk__month_from(const sgk__calc *c, sgk__day d);
/* Tallies an event dated d into the whole period and into its month. */
void sgk__tally_event(sgk__calc *c, sgk__day d, uint32_t team, double num,
                      double den);

/* The facts dated (in slot `slot`, and not marked bad in `bad`) inside
 * the reporting period, in fact order, and the same again by month, for
 * indicators that count children and so work each period alone: each
 * period then reads only its own facts rather than scanning them all. */
typedef struct sgk__dated {
    uint32_t *all;      /* [n] fact indices, the whole period's */
    size_t n;
    uint32_t *by_month; /* [n] the same, month by month, each in order */
    size_t *start;      /* [nperiods + 1]: month p is by_month[start[p],
                           start[p + 1]) */
} sgk__dated;
/* 0, or SGK_E_NOMEM with c->status set.  Free with sgk__dated_free. */
int sgk__dated_make(sgk__calc *c, int slot, uint16_t bad, sgk__dated *d);
/* Period p's facts: all of them for 0, else month p's. */
const uint32_t *sgk__dated_in(const sgk__dated *d, int p, size_t *n);
void sgk__dated_free(sgk__calc *c, sgk__dated *d);

/* Keeps a case-level exception when c->record is set and the caller asked
 * for exception lists. */
void sgk__calc_exception(sgk__calc *c, const sgk__fact *f, sgk__day date,
                         int32_t days);

/* Records a compute-time rejection when c->record is set. */
void sgk__calc_reject(sgk__calc *c, const sgk__fact *f, int column,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* The same naming `indicators` (a static list, comma-separated) rather
 * than c's own: for what several indicators find alike, reported once. */
void sgk__calc_reject_for(sgk__calc *c, const sgk__fact *f, int column,
                          const char *indicators, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The field index a canonical column had in a fact's input, or -1. */
int sgk__input_field(const struct sgk_engine *e, const sgk__fact *f, int col);

typedef struct sgk__indicator {
    const char *id;
    const char *label;
    int unit;              /* enum sgk_unit */
    int kind;              /* enum sgk_kind it reads */
    sgk__compute_fn fn;
    const char *definition;
    const char *source;
    int scale;             /* tallies are in 1/scale units (0 means 1), so
                              sums of decimals such as FTE stay exact */
} sgk__indicator;

/* Whether an indicator's extract was given, or another kind it can be
 * computed from alone (cla_placements_3plus from cla_episodes). */
int sgk__indicator_present(const struct sgk_engine *e,
                           const sgk__indicator *def);

const sgk__indicator *sgk__indicator_at(int i);
int sgk__indicator_total(void);

/* Family compute functions, one per indicator. */
void sgk__ia_timeliness(sgk__calc *c);
void sgk__ca_timeliness(sgk__calc *c);
void sgk__sa_timeliness(sgk__calc *c);
void sgk__ia_overdue(sgk__calc *c);
void sgk__ca_overdue(sgk__calc *c);
void sgk__sa_overdue(sgk__calc *c);
void sgk__ia_completed_late(sgk__calc *c);
void sgk__ca_completed_late(sgk__calc *c);
void sgk__sa_completed_late(sgk__calc *c);
void sgk__unallocated_over_28_days(sgk__calc *c);
void sgk__unallocated_cp_cla(sgk__calc *c);
void sgk__cp_plans_2_years_plus(sgk__calc *c);
void sgk__cp_open_2_years_plus(sgk__calc *c);
void sgk__cp_repeat_plans(sgk__calc *c);
void sgk__adoption_rate(sgk__calc *c);
void sgk__sw_vacancy_rate(sgk__calc *c);
void sgk__sw_agency_rate(sgk__calc *c);
void sgk__referral_to_assessment(sgk__calc *c);
void sgk__ia_per_10k(sgk__calc *c);
void sgk__referral_decision_1wd(sgk__calc *c);
void sgk__re_referral_rate(sgk__calc *c);
void sgk__caseload_mean(sgk__calc *c);
void sgk__caseload_max(sgk__calc *c);
void sgk__cla_health_check(sgk__calc *c);
void sgk__cla_dental_check(sgk__calc *c);
void sgk__cla_school_absence_25d(sgk__calc *c);
void sgk__cla_placements_3plus(sgk__calc *c);
void sgk__care_leavers_suitable_accommodation(sgk__calc *c);
void sgk__care_leavers_eet(sgk__calc *c);
void sgk__dq_blank_or_invalid(sgk__calc *c);
void sgk__ethnicity_recorded(sgk__calc *c);
void sgk__ethnicity_refused(sgk__calc *c);
void sgk__ethnicity_not_obtained(sgk__calc *c);

/* Marks later duplicates, records their rejections, fills
 * e->results.duplicates and moves the duplicates to the end of each kind's
 * facts (duplicates.c).  Run by each compute before the indicators. */
int sgk__duplicates_mark(struct sgk_engine *e);
/* Facts of a kind before its duplicates: what the indicators read. */
size_t sgk__facts_unique(const struct sgk_engine *e, int kind);
/* The data-quality rows of the last compute (data_quality.c). */
void sgk__dq_free(struct sgk_engine *e);

#endif
