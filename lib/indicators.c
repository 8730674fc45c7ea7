/* The indicator table: one row per indicator.  Kind 0 marks an indicator
 * that reads every extract kind (data quality, ethnicity).  The order is
 * the stable order of every output.  Definitions are written out in full
 * in docs/indicators.md; the text here is the short form for reports. */
#include <string.h>
#include "family.h"

#define PCT SGK_UNIT_PERCENT
#define CNT SGK_UNIT_COUNT
#define P10K SGK_UNIT_RATE_PER_10K
#define AVG SGK_UNIT_AVERAGE
#define KENT "Kent County Council, Putting Children First (March 2011), "

static const sgk__indicator table[] = {
    {"ia_timeliness", "Initial assessments completed within timescale", PCT,
     SGK_KIND_ASSESSMENTS, sgk__ia_timeliness,
     "Initial assessments completed in the period; percentage completed "
     "within 7 working days of the referral (or start) date.",
     KENT "Improvement Notice IN 6, action 2.2.6 (at least 69%)", 0},
    {"ca_timeliness", "Core assessments completed within timescale", PCT,
     SGK_KIND_ASSESSMENTS, sgk__ca_timeliness,
     "Core assessments completed in the period; percentage completed within "
     "35 working days of the start date.",
     KENT "Improvement Notice IN 6, action 2.2.6 (at least 80.4%)", 0},
    {"sa_timeliness", "Single assessments completed within timescale", PCT,
     SGK_KIND_ASSESSMENTS, sgk__sa_timeliness,
     "Single (continuous) assessments completed in the period; percentage "
     "completed within 45 working days of the start date.",
     "Working Together to Safeguard Children 2018; DfE children in need "
     "census", 0},
    {"ia_overdue", "Open initial assessments out of timescale", CNT,
     SGK_KIND_ASSESSMENTS, sgk__ia_overdue,
     "Initial assessments open at the end of the period that are already "
     "more than 7 working days old.",
     KENT "Improvement Notice IN 3 (200 or fewer)", 0},
    {"ca_overdue", "Open core assessments out of timescale", CNT,
     SGK_KIND_ASSESSMENTS, sgk__ca_overdue,
     "Core assessments open at the end of the period that are already more "
     "than 35 working days old.",
     KENT "Improvement Notice IN 3 (100 or fewer)", 0},
    {"sa_overdue", "Open single assessments out of timescale", CNT,
     SGK_KIND_ASSESSMENTS, sgk__sa_overdue,
     "Single assessments open at the end of the period that are already "
     "more than 45 working days old.",
     "Working Together to Safeguard Children 2018", 0},
    {"ia_completed_late", "Initial assessments completed late", CNT,
     SGK_KIND_ASSESSMENTS, sgk__ia_completed_late,
     "Initial assessments completed in the period after more than 7 "
     "working days.", KENT "Improvement Notice IN 3 and IN 6", 0},
    {"ca_completed_late", "Core assessments completed late", CNT,
     SGK_KIND_ASSESSMENTS, sgk__ca_completed_late,
     "Core assessments completed in the period after more than 35 working "
     "days.", KENT "Improvement Notice IN 3 and IN 6", 0},
    {"sa_completed_late", "Single assessments completed late", CNT,
     SGK_KIND_ASSESSMENTS, sgk__sa_completed_late,
     "Single assessments completed in the period after more than 45 "
     "working days.", "Working Together to Safeguard Children 2018", 0},
    {"unallocated_over_28_days", "Cases unallocated for more than 28 days",
     CNT, SGK_KIND_CASES, sgk__unallocated_over_28_days,
     "Cases open at the end of the period with no allocated worker for more "
     "than 28 calendar days.",
     KENT "Improvement Notice IN 3 (200 or fewer)", 0},
    {"unallocated_cp_cla", "Unallocated child protection and looked-after "
     "cases", CNT, SGK_KIND_CASES, sgk__unallocated_cp_cla,
     "Child protection and looked-after cases open at the end of the period "
     "with no allocated worker, however long.",
     KENT "action 2.1.3 (none)", 0},
    {"cp_plans_2_years_plus", "Child protection plans lasting 2 years or "
     "more", PCT, SGK_KIND_CP_PLANS, sgk__cp_plans_2_years_plus,
     "Plans that ended in the period; percentage that had lasted two years "
     "or more.", KENT "Improvement Notice IN 8 (6% over 2012-13)", 0},
    {"cp_open_2_years_plus", "Open child protection plans at 2 years or "
     "more", PCT, SGK_KIND_CP_PLANS, sgk__cp_open_2_years_plus,
     "Plans open at the end of the period; percentage that had reached their "
     "second anniversary.", KENT "action 2.3.6 (monitoring the cohort)", 0},
    {"cp_repeat_plans", "Children on a plan for a second or subsequent time",
     PCT, SGK_KIND_CP_PLANS, sgk__cp_repeat_plans,
     "Children who became the subject of a plan in the period; percentage "
     "for whom it was a second or later plan, ever.",
     KENT "Improvement Notice IN 8, action 2.3.7 (below 13.6%)", 0},
    {"adoption_rate", "Children adopted on leaving care", PCT,
     SGK_KIND_CLA_EPISODES, sgk__adoption_rate,
     "Children who ceased to be looked after in the period (not X1, not "
     "short breaks); percentage adopted (E11 or E12).",
     KENT "Improvement Notice IN 14 (11% by March 2012, 13% in 2012-13)", 0},
    {"sw_vacancy_rate", "Qualified social worker vacancy rate", PCT,
     SGK_KIND_WORKFORCE, sgk__sw_vacancy_rate,
     "Vacant and agency-covered qualified social worker FTE as a percentage "
     "of all qualified social worker posts.",
     KENT "Improvement Notice IN 9, action 5.1.6 (10% or below)", 10000},
    {"sw_agency_rate", "Qualified social worker agency rate", PCT,
     SGK_KIND_WORKFORCE, sgk__sw_agency_rate,
     "Agency qualified social worker FTE as a percentage of filled posts "
     "(agency plus employed).",
     "DfE children's social work workforce statistics", 10000},
    {"referral_to_assessment", "Referrals going on to assessment", PCT,
     SGK_KIND_REFERRALS, sgk__referral_to_assessment,
     "Referrals in the period; percentage followed by an assessment of the "
     "same child starting within 30 days (without an assessments extract: "
     "percentage not marked NFA).",
     KENT "Improvement Notice IN 7 (from 46% to at least 65%)", 0},
    {"ia_per_10k", "Initial assessments per 10,000 children", P10K,
     SGK_KIND_ASSESSMENTS, sgk__ia_per_10k,
     "Initial assessments completed in the period per 10,000 children aged "
     "under 18 (population given by the caller, from ONS estimates).",
     KENT "Improvement Notice IN 7 (in line with statistical neighbours)", 0},
    {"referral_decision_1wd", "Referrals decided within 1 working day", PCT,
     SGK_KIND_REFERRALS, sgk__referral_decision_1wd,
     "Referrals in the period with a decision date; percentage decided "
     "within 1 working day of the referral.",
     KENT "action 2.2.5 (referrals acted upon within 24 hours)", 0},
    {"re_referral_rate", "Re-referrals within 12 months", PCT,
     SGK_KIND_REFERRALS, sgk__re_referral_rate,
     "Referrals in the period; percentage for which the same child had an "
     "earlier referral in the 12 months before.",
     "DfE children in need census; Ofsted Annex A list 3", 0},
    {"caseload_mean", "Average caseload per allocated worker", AVG,
     SGK_KIND_CASES, sgk__caseload_mean,
     "Open cases at the end of the period with an allocated worker, divided "
     "by the number of workers holding them.",
     KENT "action 2.1.7 (appropriate caseload levels)", 0},
    {"caseload_max", "Largest caseload of one worker", CNT, SGK_KIND_CASES,
     sgk__caseload_max,
     "The most open cases allocated to any one worker at the end of the "
     "period.", KENT "action 2.1.7 (appropriate caseload levels)", 0},
    {"cla_health_check", "Children in care: health assessment in 12 "
     "months", PCT, SGK_KIND_CLA_CHILDREN, sgk__cla_health_check,
     "Children looked after continuously for at least 12 months; "
     "percentage whose last health assessment is dated within the 12 "
     "months up to the end of the period.",
     KENT "Improvement Notice IN 16, action 2.4.7 (85% by March 2012)", 0},
    {"cla_dental_check", "Children in care: dental check in 12 months",
     PCT, SGK_KIND_CLA_CHILDREN, sgk__cla_dental_check,
     "Children looked after continuously for at least 12 months; "
     "percentage whose last dental check is dated within the 12 months up "
     "to the end of the period.",
     KENT "Improvement Notice IN 16, action 2.4.7 (85% by March 2012)", 0},
    {"cla_school_absence_25d", "Children in care missing 25+ days of "
     "school", PCT, SGK_KIND_CLA_CHILDREN, sgk__cla_school_absence_25d,
     "School-age children looked after continuously for at least 12 "
     "months with days missed recorded; percentage who missed 25 days or "
     "more.",
     KENT "Improvement Notice IN 15, action 2.4.10 (11% or fewer)", 0},
    {"cla_placements_3plus", "Children in care with 3+ placements in 12 "
     "months", PCT, SGK_KIND_CLA_CHILDREN, sgk__cla_placements_3plus,
     "Children looked after at the end of the period, not on a short "
     "break; percentage with three or more placements in the 12 months up "
     "to it (a new legal status alone, or a placement for adoption with "
     "the current foster carers, is not a move).",
     "DfE SSDA903 placement stability (former NI 62); Ofsted Annex A List "
     "8", 0},
    {"care_leavers_suitable_accommodation", "Care leavers in suitable "
     "accommodation", PCT, SGK_KIND_CARE_LEAVERS,
     sgk__care_leavers_suitable_accommodation,
     "Care leavers the local authority is in touch with; percentage whose "
     "accommodation is recorded as suitable.",
     "Former NI 147; Cambridgeshire inspection action plan 2009 (98% "
     "sustained); Ofsted Annex A List 9", 0},
    {"care_leavers_eet", "Care leavers in education, employment or "
     "training", PCT, SGK_KIND_CARE_LEAVERS, sgk__care_leavers_eet,
     "Care leavers the local authority is in touch with; percentage whose "
     "activity is education, employment or training (SSDA903 OC3 F and P "
     "codes).",
     "Former NI 148; Cambridgeshire inspection action plan 2009; Ofsted "
     "Annex A List 9", 0},
    {"dq_blank_or_invalid", "Data quality: worst field blank or invalid",
     PCT, 0, sgk__dq_blank_or_invalid,
     "For each extract and each field the indicators read, the percentage "
     "of rows where it is blank or invalid; the value is the worst field's. "
     "Every field is listed in the data-quality table.",
     KENT "action 3.2.7 (errors or blanks at most 5% of the entries in each "
     "field)", 0},
    {"ethnicity_recorded", "Children with their ethnicity recorded", PCT, 0,
     sgk__ethnicity_recorded,
     "Children named in any extract with an ethnicity column; percentage "
     "with a valid CBDS ethnicity code (REFU and NOBT count as recorded).",
     KENT "action 6.3.6 (ethnicity entered for all cases); Ofsted Annex A "
     "guidance (2019) code list", 0},
    {"ethnicity_refused", "Children whose ethnicity was refused (REFU)", CNT,
     0, sgk__ethnicity_refused,
     "Children among those of ethnicity_recorded whose code is REFU: the "
     "child or family declined to say.",
     "Ofsted Annex A guidance (2019), ethnicity code REFU", 0},
    {"ethnicity_not_obtained", "Children whose ethnicity was not obtained "
     "(NOBT)", CNT, 0, sgk__ethnicity_not_obtained,
     "Children among those of ethnicity_recorded whose code is NOBT: the "
     "information has not yet been obtained.",
     "Ofsted Annex A guidance (2019), ethnicity code NOBT", 0},
};

#define COUNT ((int)(sizeof table / sizeof table[0]))

/* Indicators that can also be computed from another kind alone; a side
 * table so that the main one keeps its shape. */
static const struct {
    const char *id;
    int kind;
} alt_kinds[] = {
    {"cla_placements_3plus", SGK_KIND_CLA_EPISODES},
};

int sgk__indicator_present(const struct sgk_engine *e,
                           const sgk__indicator *def)
{
    size_t i;
    int k, any = 0;
    if (def->kind == 0) { /* reads every kind: any input will do */
        for (k = 1; k < SGK_KIND_COUNT; k++)
            any |= e->kind_seen[k];
        return any;
    }
    if (e->kind_seen[def->kind])
        return 1;
    for (i = 0; i < sizeof alt_kinds / sizeof alt_kinds[0]; i++)
        if (strcmp(alt_kinds[i].id, def->id) == 0)
            return e->kind_seen[alt_kinds[i].kind];
    return 0;
}

const sgk__indicator *sgk__indicator_at(int i)
{
    return i >= 0 && i < COUNT ? &table[i] : NULL;
}

int sgk__indicator_total(void)
{
    return COUNT;
}

int sgk_indicator_count(void)
{
    return COUNT;
}

int sgk_indicator_find(const char *id)
{
    int i;
    if (!id)
        return -1;
    for (i = 0; i < COUNT; i++)
        if (strcmp(table[i].id, id) == 0)
            return i;
    return -1;
}

const char *sgk_indicator_id(int i)
{
    return i >= 0 && i < COUNT ? table[i].id : NULL;
}

const char *sgk_indicator_label(int i)
{
    return i >= 0 && i < COUNT ? table[i].label : NULL;
}

const char *sgk_indicator_definition(int i)
{
    return i >= 0 && i < COUNT ? table[i].definition : NULL;
}

const char *sgk_indicator_source(int i)
{
    return i >= 0 && i < COUNT ? table[i].source : NULL;
}

int sgk_indicator_unit(int i)
{
    return i >= 0 && i < COUNT ? table[i].unit : 0;
}

int sgk_indicator_kind(int i)
{
    return i >= 0 && i < COUNT ? table[i].kind : 0;
}
