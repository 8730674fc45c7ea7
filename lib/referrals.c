/* Referrals: reading a referral row for the front-door measures
 * (front_door.c).
 *
 * Fact layout: d[0] referral_date, d[1] decision_date, code the NFA flag
 * (0 blank, 1 yes, 2 no), flags the ethnicity code (family.h), num the
 * Annex A "Number of Referrals in Last 12 Months" (-1 when blank).  Bad
 * slots: D1 a bad decision date or one before the referral; CODE a flag
 * that is not Yes or No; NUM a count that is not a whole number. */
#include "family.h"

static const char ind_decision[] = "referral_decision_1wd";
static const char ind_nfa[] = "referral_to_assessment";
static const char ind_again[] = "re_referral_rate";

static void read_decision(sgk__row *row, sgk__fact *f)
{
    if (sgk__row_date(row, SGK__COL_DECISION_DATE, 0, ind_decision,
                      &f->d[1]) != 0) {
        f->bad |= SGK__BAD_D1;
    } else if (f->d[1] != SGK__NO_DATE && f->d[1] < f->d[0]) {
        sgk__row_reject(row, SGK__COL_DECISION_DATE, ind_decision,
                        "decision_date is before referral_date");
        f->bad |= SGK__BAD_D1;
    }
}

static void read_nfa(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_REFERRAL_NFA, &s, &n))
        return;
    if (sgk__code_is(s, n, "yes") || sgk__code_is(s, n, "y")) {
        f->code = 1;
    } else if (sgk__code_is(s, n, "no") || sgk__code_is(s, n, "n")) {
        f->code = 2;
    } else {
        sgk__row_reject(row, SGK__COL_REFERRAL_NFA, ind_nfa,
                        "referral_nfa '%.*s' is not Yes or No",
                        (int)(n > 40 ? 40 : n), s);
        f->bad |= SGK__BAD_CODE;
    }
}

void sgk__referrals_ingest(sgk__row *row, sgk__fact *f)
{
    if (sgk__row_date(row, SGK__COL_REFERRAL_DATE, 1, NULL, &f->d[0]) != 0)
        return;
    read_decision(row, f);
    read_nfa(row, f);
    sgk__row_count_num(row, SGK__COL_REFERRALS_12M, ind_again, f);
    sgk__ethnicity_ingest(row, f);
}
