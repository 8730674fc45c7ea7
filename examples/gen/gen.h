/* sgkpi-gen: synthetic children's social care extracts.
 *
 * Internal interfaces shared by the generator's source files.  Everything
 * is driven from a gen_config and per-child or per-file PRNG states that
 * live in structs owned by the caller, so the program has no global mutable
 * state and its output depends only on its arguments. */
#ifndef SGKPI_GEN_H
#define SGKPI_GEN_H

#include <stdint.h>
#include <stdio.h>

/* ------------------------------------------------------------------------
 * Random numbers: splitmix64.  Small, fast, and good enough for test data;
 * each child and each output file get their own stream so that a change
 * to one (say, turning on --text) does not shift the values of another. */
typedef struct {
    uint64_t s;
} gen_rng;

uint64_t gen_mix(uint64_t x);
void gen_rng_seed(gen_rng *r, uint64_t seed, uint64_t stream);
uint64_t gen_rng_next(gen_rng *r);
/* Uniform in 0..n-1 (n > 0). */
uint32_t gen_below(gen_rng *r, uint32_t n);
/* Uniform in lo..hi inclusive (lo <= hi). */
int32_t gen_range(gen_rng *r, int32_t lo, int32_t hi);
/* 1 with probability permille / 1000. */
int gen_chance(gen_rng *r, unsigned permille);
/* Index into a table of weights, chosen in proportion to them. */
int gen_weighted(gen_rng *r, const unsigned *weights, int n);

/* ------------------------------------------------------------------------
 * Dates as day numbers (days since 1970-01-01), so arithmetic is plain
 * integer arithmetic.  GEN_NO_DAY marks a blank date. */
typedef int32_t gen_day;
#define GEN_NO_DAY INT32_MIN

gen_day gen_day_from_ymd(int y, int m, int d);
void gen_ymd(gen_day day, int *y, int *m, int *d);
/* 0 = Monday .. 6 = Sunday. */
int gen_weekday(gen_day day);
int gen_is_weekend(gen_day day);
/* The day n working days (Monday to Friday) after `day`. */
gen_day gen_add_working_days(gen_day day, int n);
/* `day` itself when a weekday, else the following Monday. */
gen_day gen_next_weekday(gen_day day);
/* The n-th anniversary; a 29 February start has it on 1 March. */
gen_day gen_anniversary(gen_day day, int years);
/* Parses "YYYY-MM-DD"; -1 when it is not a real date. */
int gen_parse_iso(const char *s, gen_day *out);
/* Writes "YYYY-MM-DD" or "DD/MM/YYYY" (dmy) and a NUL; buf has 11 bytes. */
void gen_format_day(gen_day day, int dmy, char *buf);

/* ------------------------------------------------------------------------
 * What to generate. */
typedef struct {
    const char *out_dir;
    uint64_t seed;
    uint64_t children;
    gen_day from, to;
    int teams;
    unsigned bad_permille;
    int annex_a;
    int text;
} gen_config;

/* ------------------------------------------------------------------------
 * Rows.  Story code fills logical fields; each file's layout decides which
 * of them become columns, under which headings and in which date style. */
enum gen_field {
    GEN_F_CHILD, GEN_F_GENDER, GEN_F_GENDER_AA, GEN_F_DOB, GEN_F_REF_DATE,
    GEN_F_REF_SOURCE, GEN_F_NFA, GEN_F_DECISION, GEN_F_ATYPE, GEN_F_START,
    GEN_F_END, GEN_F_TEAM, GEN_F_WORKER, GEN_F_PREV, GEN_F_ABUSE,
    GEN_F_ABUSE_AA, GEN_F_REVIEW, GEN_F_REASON, GEN_F_LS, GEN_F_RNE,
    GEN_F_CIN, GEN_F_PLACE, GEN_F_PROVIDER, GEN_F_RPC, GEN_F_HOME_POST,
    GEN_F_PL_POST, GEN_F_URN, GEN_F_CATEGORY, GEN_F_UNALLOC, GEN_F_POST,
    GEN_F_FTE, GEN_F_STATUS, GEN_F_QUALIFIED, GEN_F_NOTES, GEN_F_REFS_12M,
    /* Children in care and care leavers. */
    GEN_F_HEALTH, GEN_F_DENTAL, GEN_F_PLACEMENTS,
    GEN_F_DAYS_MISSED, GEN_F_ELIGIBILITY, GEN_F_IN_TOUCH, GEN_F_ACTIV,
    GEN_F_ACCOM, GEN_F_SUITABLE, GEN_F_ETHNIC, GEN_F_ETHNIC_AA,
    GEN_F_COUNT
};

/* How a column is written, and how a bad row may spoil it. */
enum gen_ctype {
    GEN_T_TEXT,  /* free value, never spoiled */
    GEN_T_ID,    /* child id: spoiled by blanking */
    GEN_T_DATE,  /* from the day slot: spoiled by a bad date or "tbc" */
    GEN_T_CODE,  /* a code the library checks: spoiled by "tbc" */
    GEN_T_NUM,   /* a count: spoiled by "tbc" or a negative number */
    GEN_T_FTE,   /* a decimal FTE: spoiled by a negative number or "tbc" */
    GEN_T_NOTES  /* free text, written only with --text */
};

typedef struct {
    const char *header;
    unsigned char field; /* enum gen_field */
    unsigned char type;  /* enum gen_ctype */
} gen_col;

typedef struct {
    const char *file;
    const gen_col *cols;
    int ncols;
    int dmy;  /* dates as DD/MM/YYYY rather than YYYY-MM-DD */
    int crlf; /* CRLF line ends, as spreadsheets save them */
} gen_layout;

typedef struct {
    const char *s[GEN_F_COUNT]; /* text values; NULL is blank */
    gen_day d[GEN_F_COUNT];     /* day values for date columns */
} gen_row;

void gen_row_clear(gen_row *row);

/* ------------------------------------------------------------------------
 * Output files. */
enum gen_kind {
    GEN_REFERRALS, GEN_ASSESSMENTS, GEN_CP_PLANS, GEN_CLA_EPISODES,
    GEN_CASES, GEN_WORKFORCE, GEN_CLA_CHILDREN, GEN_CARE_LEAVERS,
    GEN_KIND_COUNT
};

typedef struct {
    FILE *fp;
    char *buf; /* stdio buffer, owned here so that its size is ours */
    const gen_layout *layout;
    gen_rng rng;          /* bad rows: apart from the story streams */
    gen_rng notes_rng;    /* notes: apart again, so --text adds a column
                             and changes nothing else */
    unsigned bad_permille;
    uint32_t bad_credit;  /* thousandths of a bad row owed; see gen_sink_row */
    int text;
    uint64_t rows;
    uint64_t bad_rows;
} gen_sink;

typedef struct {
    gen_sink sink[GEN_KIND_COUNT];
} gen_out;

const gen_layout *gen_layout_for(int kind, int annex_a);
int gen_sink_open(gen_sink *sink, const gen_config *cfg, int kind,
                  const char *path);
int gen_sink_close(gen_sink *sink);
void gen_sink_row(gen_sink *sink, const gen_row *row);

/* ------------------------------------------------------------------------
 * Teams and workers: pure functions of the seed and team number, so no
 * table has to be kept and the workforce file agrees with the case files. */
enum gen_function { GEN_DUTY = 0, GEN_CIN = 1, GEN_CP = 2, GEN_LAC = 3 };

void gen_team_name(int team, char *buf, size_t cap);
/* The team with this function for a child's area slot. */
int gen_team_for(const gen_config *cfg, int function, uint32_t slot);
/* Social workers who hold cases in the team. */
int gen_team_workers(const gen_config *cfg, int team);
void gen_worker_name(const gen_config *cfg, int team, int worker, char *buf,
                     size_t cap);
void gen_write_workforce(const gen_config *cfg, gen_sink *sink);

/* ------------------------------------------------------------------------
 * Children. */
#define GEN_MAX_REFERRALS 8
typedef struct {
    const gen_config *cfg;
    gen_out *out;
    gen_rng rng;
    uint32_t slot;      /* picks the child's teams in each function */
    char id[24];
    gen_day dob;
    int male;
    const char *ethnic, *ethnic_aa; /* CBDS code, and Annex A's "a) WBRI";
                                       NULL when never recorded */
    char team_buf[4][48]; /* names for each function, filled lazily */
    char worker_buf[4][48];
    int team_ready[4];
    /* The case (episode of need) being built. */
    gen_day case_start, case_end;
    int in_care_at_to, on_plan_at_to;
    int last_function;
    /* Referrals are held back until the child is complete, because each
     * row carries the Annex A count of referrals in the 12 months before
     * the child's latest one. */
    gen_row referrals[GEN_MAX_REFERRALS];
    int nreferrals;
    gen_day referral_days[GEN_MAX_REFERRALS]; /* all, in or out of window */
    int nreferral_days;
    char refs_12m[12];
} gen_child;

void gen_child_write(const gen_config *cfg, gen_out *out, uint64_t index);

/* Story pieces shared by gen_child.c and gen_care.c. */
const char *gen_child_team(gen_child *c, int function);
const char *gen_child_worker(gen_child *c, int function);
void gen_child_row(const gen_child *c, gen_row *row);
/* Picks the ethnicity of the child numbered `index` (its own stream, so
 * the same index always gets the same code). */
void gen_child_ethnicity(const gen_config *cfg, uint64_t index, gen_child *c);
void gen_child_note_case(gen_child *c, gen_day start, gen_day end,
                         int function);
/* Writes a period of care from `start` along one of the care paths. */
void gen_care(gen_child *c, gen_day start, int from_plan);
void gen_short_breaks(gen_child *c, gen_day first);

/* What a period of care leaves for the children-in-care and care-leaver
 * files (gen_looked_after.c). */
typedef struct {
    gen_day start, end;   /* the period of care; end GEN_NO_DAY if open */
    const char *ls;       /* legal status at the end (or at `to`) */
    const char *reason;   /* reason ceased, NULL while open */
    int placements_12m;   /* placements in the 12 months up to `to` */
} gen_care_summary;

/* A row in cla_children.csv for a child in care at `to` or who ceased in
 * the six months before (Annex A List 8), and a row in care_leavers.csv
 * for a young person who left care at 16 or over and is under 21 at `to`.
 * Their values come from a stream of their own, so the other files do not
 * change when these are added. */
void gen_looked_after_write(gen_child *c, const gen_care_summary *s);
/* Now and then a care leaver of 18 to 20 whose care ended before the
 * story window: ids above the children's, a stream of their own. */
void gen_leaver_write(const gen_config *cfg, gen_out *out, uint64_t index);
/* The id of child `index`; distinct for every index below 10 x children. */
void gen_child_id(const gen_config *cfg, uint64_t index, char *buf,
                  size_t cap);

#endif
