/* Referrals: read now so that the front-door measures can use them.
 *
 * Fact layout: d[0] referral_date, d[1] decision_date, code the NFA flag
 * (0 blank, 1 yes, 2 no), flags the ethnicity code (family.h). */
#include "family.h"

void sgk__referrals_ingest(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (sgk__row_date(row, SGK__COL_REFERRAL_DATE, 1, NULL, &f->d[0]) != 0)
        return;
    if (sgk__row_date(row, SGK__COL_DECISION_DATE, 0, "referral decisions",
                      &f->d[1]) != 0)
        f->bad |= SGK__BAD_D1;
    if (sgk__row_code(row, SGK__COL_REFERRAL_NFA, &s, &n)) {
        if (sgk__code_is(s, n, "yes") || sgk__code_is(s, n, "y"))
            f->code = 1;
        else if (sgk__code_is(s, n, "no") || sgk__code_is(s, n, "n"))
            f->code = 2;
        else
            sgk__row_reject(row, SGK__COL_REFERRAL_NFA, "referral decisions",
                            "referral_nfa '%.*s' is not Yes or No",
                            (int)(n > 40 ? 40 : n), s);
    }
    sgk__ethnicity_ingest(row, f);
}
