/* Writing rows: layouts, CSV quoting, notes and deliberately bad rows. */
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "gen.h"

void gen_row_clear(gen_row *row)
{
    int i;
    for (i = 0; i < GEN_F_COUNT; i++) {
        row->s[i] = NULL;
        row->d[i] = GEN_NO_DAY;
    }
}

/* ------------------------------------------------------------------------
 * Layouts.  The snake_case ones use the library's canonical names plus a
 * few descriptive columns a case system would also export; the Annex A and
 * SSDA903 ones use the published headings and DD/MM/YYYY dates. */
#define COLS(a) a, (int)(sizeof a / sizeof a[0])

static const gen_col referral_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"referral_date", GEN_F_REF_DATE, GEN_T_DATE},
    {"referral_source", GEN_F_REF_SOURCE, GEN_T_TEXT},
    {"referral_nfa", GEN_F_NFA, GEN_T_CODE},
    {"decision_date", GEN_F_DECISION, GEN_T_DATE},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
    /* Annex A list 3's count; TEXT, so bad rows spoil the same columns as
     * before it was added. */
    {"referrals_last_12_months", GEN_F_REFS_12M, GEN_T_TEXT},
};

static const gen_col assessment_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"assessment_type", GEN_F_ATYPE, GEN_T_CODE},
    {"referral_date", GEN_F_REF_DATE, GEN_T_DATE},
    {"start_date", GEN_F_START, GEN_T_DATE},
    {"completion_date", GEN_F_END, GEN_T_DATE},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

static const gen_col plan_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"plan_start_date", GEN_F_START, GEN_T_DATE},
    {"plan_end_date", GEN_F_END, GEN_T_DATE},
    {"previous_plans", GEN_F_PREV, GEN_T_NUM},
    {"initial_category", GEN_F_ABUSE, GEN_T_TEXT},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

/* Ofsted Annex A list 7 (child protection), the columns sgkpi needs and a
 * few of the others, in the template's order. */
static const gen_col plan_cols_annex_a[] = {
    {"Child Unique ID", GEN_F_CHILD, GEN_T_ID},
    {"Gender", GEN_F_GENDER_AA, GEN_T_TEXT},
    {"Date of Birth", GEN_F_DOB, GEN_T_DATE},
    {"Child Protection Plan Start Date", GEN_F_START, GEN_T_DATE},
    {"Initial Category of Abuse", GEN_F_ABUSE_AA, GEN_T_TEXT},
    {"Latest Category of Abuse", GEN_F_ABUSE_AA, GEN_T_TEXT},
    {"Date of latest review conference", GEN_F_REVIEW, GEN_T_DATE},
    {"Child Protection Plan End Date", GEN_F_END, GEN_T_DATE},
    {"Number of Previous Child Protection Plans", GEN_F_PREV, GEN_T_NUM},
    {"Allocated Team", GEN_F_TEAM, GEN_T_TEXT},
    {"Allocated Worker", GEN_F_WORKER, GEN_T_TEXT},
    {"Ethnicity", GEN_F_ETHNIC_AA, GEN_T_TEXT},
    {"Notes", GEN_F_NOTES, GEN_T_NOTES},
};

static const gen_col episode_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"start_date", GEN_F_START, GEN_T_DATE},
    {"end_date", GEN_F_END, GEN_T_DATE},
    {"reason_ended", GEN_F_REASON, GEN_T_TEXT},
    {"legal_status", GEN_F_LS, GEN_T_TEXT},
    {"placement", GEN_F_PLACE, GEN_T_TEXT},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

/* The DfE SSDA903 episodes file. */
static const gen_col episode_cols_903[] = {
    {"CHILD", GEN_F_CHILD, GEN_T_ID},
    {"DECOM", GEN_F_START, GEN_T_DATE},
    {"RNE", GEN_F_RNE, GEN_T_TEXT},
    {"LS", GEN_F_LS, GEN_T_TEXT},
    {"CIN", GEN_F_CIN, GEN_T_TEXT},
    {"PLACE", GEN_F_PLACE, GEN_T_TEXT},
    {"PLACE_PROVIDER", GEN_F_PROVIDER, GEN_T_TEXT},
    {"DEC", GEN_F_END, GEN_T_DATE},
    {"REC", GEN_F_REASON, GEN_T_TEXT},
    {"REASON_PLACE_CHANGE", GEN_F_RPC, GEN_T_TEXT},
    {"HOME_POST", GEN_F_HOME_POST, GEN_T_TEXT},
    {"PL_POST", GEN_F_PL_POST, GEN_T_TEXT},
    {"URN", GEN_F_URN, GEN_T_TEXT},
    {"ETHNIC", GEN_F_ETHNIC, GEN_T_TEXT},
    {"NOTES", GEN_F_NOTES, GEN_T_NOTES},
};

static const gen_col case_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"case_start_date", GEN_F_START, GEN_T_DATE},
    {"case_end_date", GEN_F_END, GEN_T_DATE},
    {"category", GEN_F_CATEGORY, GEN_T_CODE},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"unallocated_since", GEN_F_UNALLOC, GEN_T_DATE},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

static const gen_col workforce_cols[] = {
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"post", GEN_F_POST, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"fte", GEN_F_FTE, GEN_T_FTE},
    {"status", GEN_F_STATUS, GEN_T_CODE},
    {"qualified", GEN_F_QUALIFIED, GEN_T_CODE},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

static const gen_col cla_child_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"date_of_birth", GEN_F_DOB, GEN_T_DATE},
    {"gender", GEN_F_GENDER, GEN_T_TEXT},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"start_date", GEN_F_START, GEN_T_DATE},
    {"legal_status", GEN_F_LS, GEN_T_TEXT},
    {"health_assessment_date", GEN_F_HEALTH, GEN_T_DATE},
    {"dental_check_date", GEN_F_DENTAL, GEN_T_DATE},
    {"placements_12m", GEN_F_PLACEMENTS, GEN_T_NUM},
    {"days_missed_school", GEN_F_DAYS_MISSED, GEN_T_NUM},
    {"end_date", GEN_F_END, GEN_T_DATE},
    {"reason_ended", GEN_F_REASON, GEN_T_TEXT},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

/* Ofsted Annex A list 8 (children in care), the columns sgkpi reads and a
 * few others in the template's order, plus days of school missed, which
 * the template lacks. */
static const gen_col cla_child_cols_annex_a[] = {
    {"Child Unique ID", GEN_F_CHILD, GEN_T_ID},
    {"Gender", GEN_F_GENDER_AA, GEN_T_TEXT},
    {"Ethnicity", GEN_F_ETHNIC_AA, GEN_T_TEXT},
    {"Date of Birth", GEN_F_DOB, GEN_T_DATE},
    {"Date Started to be Looked After", GEN_F_START, GEN_T_DATE},
    {"Child's Legal Status", GEN_F_LS, GEN_T_TEXT},
    {"Date of Last Health Assessment", GEN_F_HEALTH, GEN_T_DATE},
    {"Date of Last Dental Check", GEN_F_DENTAL, GEN_T_DATE},
    {"Number of Placements in the Last 12 months", GEN_F_PLACEMENTS,
     GEN_T_NUM},
    {"Date Ceased to be Looked After", GEN_F_END, GEN_T_DATE},
    {"Reason Ceased to be Looked After", GEN_F_REASON, GEN_T_TEXT},
    {"Days Missed School", GEN_F_DAYS_MISSED, GEN_T_NUM},
    {"Allocated Team", GEN_F_TEAM, GEN_T_TEXT},
    {"Allocated Worker", GEN_F_WORKER, GEN_T_TEXT},
    {"Notes", GEN_F_NOTES, GEN_T_NOTES},
};

/* Care leavers in the SSDA903 OC3 codes (ACCOM joins type and
 * suitability), with snake_case headings. */
static const gen_col leaver_cols[] = {
    {"child_id", GEN_F_CHILD, GEN_T_ID},
    {"date_of_birth", GEN_F_DOB, GEN_T_DATE},
    {"ethnicity", GEN_F_ETHNIC, GEN_T_TEXT},
    {"in_touch", GEN_F_IN_TOUCH, GEN_T_CODE},
    {"activity", GEN_F_ACTIV, GEN_T_CODE},
    {"accommodation", GEN_F_ACCOM, GEN_T_CODE},
    {"team", GEN_F_TEAM, GEN_T_TEXT},
    {"worker", GEN_F_WORKER, GEN_T_TEXT},
    {"notes", GEN_F_NOTES, GEN_T_NOTES},
};

/* Ofsted Annex A list 9 (care leavers). */
static const gen_col leaver_cols_annex_a[] = {
    {"Child Unique ID", GEN_F_CHILD, GEN_T_ID},
    {"Gender", GEN_F_GENDER_AA, GEN_T_TEXT},
    {"Ethnicity", GEN_F_ETHNIC_AA, GEN_T_TEXT},
    {"Date of Birth", GEN_F_DOB, GEN_T_DATE},
    {"Allocated Team", GEN_F_TEAM, GEN_T_TEXT},
    {"Allocated Worker", GEN_F_WORKER, GEN_T_TEXT},
    {"Eligibility Category", GEN_F_ELIGIBILITY, GEN_T_TEXT},
    {"LA In Touch", GEN_F_IN_TOUCH, GEN_T_CODE},
    {"Type of Accommodation", GEN_F_ACCOM, GEN_T_CODE},
    {"Suitability of Accommodation", GEN_F_SUITABLE, GEN_T_CODE},
    {"Activity Status", GEN_F_ACTIV, GEN_T_CODE},
    {"Notes", GEN_F_NOTES, GEN_T_NOTES},
};

static const gen_layout layouts[GEN_KIND_COUNT][2] = {
    {{"referrals.csv", COLS(referral_cols), 0, 0},
     {"referrals.csv", COLS(referral_cols), 0, 0}},
    {{"assessments.csv", COLS(assessment_cols), 0, 0},
     {"assessments.csv", COLS(assessment_cols), 0, 0}},
    {{"cp_plans.csv", COLS(plan_cols), 0, 0},
     {"cp_plans.csv", COLS(plan_cols_annex_a), 1, 1}},
    {{"cla_episodes.csv", COLS(episode_cols), 0, 0},
     {"cla_episodes.csv", COLS(episode_cols_903), 1, 1}},
    {{"cases.csv", COLS(case_cols), 0, 0},
     {"cases.csv", COLS(case_cols), 0, 0}},
    {{"workforce.csv", COLS(workforce_cols), 0, 0},
     {"workforce.csv", COLS(workforce_cols), 0, 0}},
    {{"cla_children.csv", COLS(cla_child_cols), 0, 0},
     {"cla_children.csv", COLS(cla_child_cols_annex_a), 1, 1}},
    {{"care_leavers.csv", COLS(leaver_cols), 0, 0},
     {"care_leavers.csv", COLS(leaver_cols_annex_a), 1, 1}},
};

const gen_layout *gen_layout_for(int kind, int annex_a)
{
    return &layouts[kind][annex_a ? 1 : 0];
}

/* ------------------------------------------------------------------------
 * Fields.  Only values that need it are quoted, and the quoting itself is
 * left to libcsv so that doubled quotes and embedded line breaks follow
 * RFC 4180 exactly. */
static int needs_quotes(const char *s)
{
    return strpbrk(s, ",\"\r\n") != NULL;
}

static void put_field(FILE *fp, const char *s)
{
    if (needs_quotes(s))
        csv_fwrite(fp, s, strlen(s));
    else
        fputs(s, fp);
}

static void put_date(FILE *fp, gen_day day, int dmy)
{
    char buf[11];
    if (day == GEN_NO_DAY)
        return;
    gen_format_day(day, dmy, buf);
    fputs(buf, fp);
}

/* ------------------------------------------------------------------------
 * Notes: the sort of thing a duty worker types into a case system, with
 * commas, quoted speech and line breaks that a naive CSV reader trips on. */
static const char *const note_bits[] = {
    "Referred by school, concerns about attendance",
    "Mum said \"she can't cope\" at the home visit",
    "Police attended a DV incident; children present",
    "Strategy discussion held",
    "S47 enquiry agreed, joint visit with police",
    "Health visitor reports weight loss, GP informed",
    "Dad's new partner \"not known to services\"",
    "Child seen alone",
    "Child not seen, family not at home",
    "Anonymous caller, \"lots of shouting\" late at night",
    "Case transferred from the duty team",
    "Consent refused by parent",
    "Awaiting checks from other LA, see chronology",
    "Placement stable, child settled at new school",
    "Core group meeting rearranged (interpreter, Polish)",
    "Worker on leave; cover by team manager",
};

static const char *const note_joins[] = {", ", ". ", "\n", "\n- ", "; ",
                                         "\r\n"};

static void make_note(gen_rng *r, char *buf, size_t cap)
{
    int parts = gen_range(r, 1, 3), i;
    size_t n = 0;
    buf[0] = '\0';
    for (i = 0; i < parts; i++) {
        const char *bit = note_bits[gen_below(r, sizeof note_bits /
                                                     sizeof note_bits[0])];
        const char *join = i ? note_joins[gen_weighted(r,
                               (const unsigned[]){30, 25, 25, 10, 9, 1}, 6)]
                             : "";
        size_t need = strlen(join) + strlen(bit);
        if (n + need + 1 > cap)
            break;
        memcpy(buf + n, join, strlen(join));
        n += strlen(join);
        memcpy(buf + n, bit, strlen(bit) + 1);
        n += strlen(bit);
    }
}

/* ------------------------------------------------------------------------
 * Bad rows: the errors real extracts carry, aimed at columns the library
 * reads so that each one shows up as a rejection. */
static int spoilable(int type)
{
    return type != GEN_T_TEXT && type != GEN_T_NOTES;
}

static int pick_spoiled_column(const gen_layout *lay, gen_rng *r)
{
    int i, n = 0, k;
    for (i = 0; i < lay->ncols; i++)
        n += spoilable(lay->cols[i].type);
    if (n == 0)
        return -1;
    k = (int)gen_below(r, (uint32_t)n);
    for (i = 0; i < lay->ncols; i++)
        if (spoilable(lay->cols[i].type) && k-- == 0)
            return i;
    return -1;
}

static void spoil_date(gen_rng *r, gen_day near, int dmy, char *buf,
                       size_t cap)
{
    static const int bad_md[][2] = {{2, 31}, {2, 30}, {4, 31}, {6, 31},
                                    {9, 31}, {11, 31}};
    int y = 2011, m, d, k;
    if (gen_chance(r, 300)) {
        snprintf(buf, cap, "%s", gen_chance(r, 500) ? "tbc" : "TBC");
        return;
    }
    if (near != GEN_NO_DAY)
        gen_ymd(near, &y, &m, &d);
    k = (int)gen_below(r, sizeof bad_md / sizeof bad_md[0]);
    if (dmy)
        snprintf(buf, cap, "%02d/%02d/%04d", bad_md[k][1], bad_md[k][0], y);
    else
        snprintf(buf, cap, "%04d-%02d-%02d", y, bad_md[k][0], bad_md[k][1]);
}

static const char *spoil(gen_sink *sink, const gen_col *col,
                         const gen_row *row, char *buf, size_t cap)
{
    gen_rng *r = &sink->rng;
    switch (col->type) {
    case GEN_T_ID:
        return "";
    case GEN_T_DATE:
        spoil_date(r, row->d[col->field], sink->layout->dmy, buf, cap);
        return buf;
    case GEN_T_NUM:
        return gen_chance(r, 500) ? "tbc" : "-1";
    case GEN_T_FTE:
        return gen_weighted(r, (const unsigned[]){45, 35, 20}, 3) == 0
                   ? "-1.0"
                   : (gen_chance(r, 600) ? "-0.5" : "tbc");
    default:
        return gen_chance(r, 700) ? "tbc" : "?";
    }
}

/* ------------------------------------------------------------------------
 * Sinks. */
#define GEN_SINK_BUFFER (1 << 20)

int gen_sink_open(gen_sink *sink, const gen_config *cfg, int kind,
                  const char *path)
{
    const gen_layout *lay = gen_layout_for(kind, cfg->annex_a);
    int i, first = 1;
    sink->layout = lay;
    sink->bad_permille = cfg->bad_permille;
    sink->text = cfg->text;
    sink->rows = sink->bad_rows = 0;
    gen_rng_seed(&sink->rng, cfg->seed, UINT64_C(0xF11E000000000000) +
                                            (uint64_t)kind);
    gen_rng_seed(&sink->notes_rng, cfg->seed,
                 UINT64_C(0x0DE5000000000000) + (uint64_t)kind);
    sink->bad_credit = gen_below(&sink->rng, 1000);
    sink->fp = fopen(path, "wb");
    if (!sink->fp)
        return -1;
    /* Large buffers: the files are written sequentially, often to GBs, and
     * glibc ignores the size asked for unless the buffer is supplied. */
    sink->buf = malloc(GEN_SINK_BUFFER);
    if (sink->buf)
        setvbuf(sink->fp, sink->buf, _IOFBF, GEN_SINK_BUFFER);
    for (i = 0; i < lay->ncols; i++) {
        if (lay->cols[i].type == GEN_T_NOTES && !cfg->text)
            continue;
        if (!first)
            fputc(',', sink->fp);
        put_field(sink->fp, lay->cols[i].header);
        first = 0;
    }
    fputs(lay->crlf ? "\r\n" : "\n", sink->fp);
    return ferror(sink->fp) ? -1 : 0;
}

int gen_sink_close(gen_sink *sink)
{
    int bad;
    if (!sink->fp)
        return 0;
    bad = ferror(sink->fp);
    bad |= fclose(sink->fp) != 0;
    sink->fp = NULL;
    free(sink->buf);
    sink->buf = NULL;
    return bad ? -1 : 0;
}

static void put_column(gen_sink *sink, const gen_col *col, const gen_row *row,
                       char *note, size_t cap)
{
    const char *s;
    if (col->type == GEN_T_NOTES) {
        /* Roughly half the rows carry a note, as in real case systems. */
        if (gen_chance(&sink->notes_rng, 500)) {
            make_note(&sink->notes_rng, note, cap);
            put_field(sink->fp, note);
        }
        return;
    }
    if (col->type == GEN_T_DATE) {
        put_date(sink->fp, row->d[col->field], sink->layout->dmy);
        return;
    }
    s = row->s[col->field];
    if (s)
        put_field(sink->fp, s);
}

void gen_sink_row(gen_sink *sink, const gen_row *row)
{
    const gen_layout *lay = sink->layout;
    char bad[32], note[256];
    int i, spoilt = -1, first = 1;

    /* Bad rows are owed at the rate asked for, with a random step each row:
     * every file, even a short one, gets close to its share, yet they do
     * not fall at regular intervals. */
    sink->bad_credit += gen_below(&sink->rng, 2 * sink->bad_permille + 1);
    if (sink->bad_credit >= 1000) {
        sink->bad_credit -= 1000;
        spoilt = pick_spoiled_column(lay, &sink->rng);
        sink->bad_rows += spoilt >= 0;
    }
    for (i = 0; i < lay->ncols; i++) {
        const gen_col *col = &lay->cols[i];
        if (col->type == GEN_T_NOTES && !sink->text)
            continue;
        if (!first)
            fputc(',', sink->fp);
        first = 0;
        if (i == spoilt)
            put_field(sink->fp, spoil(sink, col, row, bad, sizeof bad));
        else
            put_column(sink, col, row, note, sizeof note);
    }
    fputs(lay->crlf ? "\r\n" : "\n", sink->fp);
    sink->rows++;
}
