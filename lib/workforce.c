/* Workforce: social worker vacancy and agency rates.
 *
 * Definitions (docs/indicators.md), from Kent's Improvement Notice IN 9
 * ("vacancy rate of qualified social workers") read as DfE's children's
 * social work workforce statistics do: vacancies are posts not filled by
 * an employed worker, so posts covered by agency workers count as vacant.
 * Only qualified social worker posts count.  The extract is a snapshot.
 *
 * Fact layout: num FTE x 10000 (exact sums), code the status, code2 1 when
 * qualified, SGK__FLAG_BLANK in flags when qualified was blank. */
#include "family.h"

enum { ST_IN_POST = 1, ST_VACANT = 2, ST_AGENCY = 3 };
#define FTE_SCALE 10000

static const char ind_both[] = "sw_vacancy_rate,sw_agency_rate";

/* A decimal FTE such as "0.5" or "1"; four decimal places are kept
 * exactly and a fifth rounds half up.  -1 when not a number >= 0. */
static int parse_fte(const char *s, size_t n, int32_t *out)
{
    int64_t whole = 0, frac = 0;
    int kept = 0, round = 0, digits = 0;
    size_t i = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        if ((whole = whole * 10 + (s[i] - '0')) > 100000)
            return -1;
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
            if (kept < 4) {
                frac = frac * 10 + (s[i] - '0');
                kept++;
            } else if (kept == 4) {
                round = s[i] >= '5';
                kept++;
            }
        }
    }
    if (i != n || digits == 0)
        return -1;
    for (; kept < 4; kept++)
        frac *= 10;
    *out = (int32_t)(whole * FTE_SCALE + frac + round);
    return 0;
}

static int read_status(sgk__row *row)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_STATUS, &s, &n)) {
        sgk__row_reject(row, SGK__COL_STATUS, NULL, "status is blank");
        return 0;
    }
    if (sgk__code_is(s, n, "in_post") || sgk__code_is(s, n, "in post") ||
        sgk__code_is(s, n, "filled"))
        return ST_IN_POST;
    if (sgk__code_is(s, n, "vacant") || sgk__code_is(s, n, "vacancy"))
        return ST_VACANT;
    if (sgk__code_is(s, n, "agency") || sgk__code_is(s, n, "locum"))
        return ST_AGENCY;
    sgk__row_reject(row, SGK__COL_STATUS, NULL, "status '%.*s' is not "
                    "in_post, vacant or agency", (int)(n > 40 ? 40 : n), s);
    return 0;
}

static void read_qualified(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    f->code2 = 1;
    if (!sgk__row_code(row, SGK__COL_QUALIFIED, &s, &n)) {
        f->flags |= SGK__FLAG_BLANK; /* read as qualified */
        return;
    }
    if (sgk__code_is(s, n, "y") || sgk__code_is(s, n, "yes") ||
        sgk__code_is(s, n, "true") || sgk__code_is(s, n, "1"))
        return;
    if (sgk__code_is(s, n, "n") || sgk__code_is(s, n, "no") ||
        sgk__code_is(s, n, "false") || sgk__code_is(s, n, "0")) {
        f->code2 = 0;
        return;
    }
    sgk__row_reject(row, SGK__COL_QUALIFIED, ind_both,
                    "qualified '%.*s' is not Y or N", (int)(n > 40 ? 40 : n),
                    s);
    f->bad |= SGK__BAD_CODE2;
}

void sgk__workforce_ingest(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (!sgk__row_text(row, SGK__COL_FTE, &s, &n)) {
        sgk__row_reject(row, SGK__COL_FTE, NULL, "fte is blank");
        return;
    }
    if (parse_fte(s, n, &f->num) != 0) {
        sgk__row_reject(row, SGK__COL_FTE, NULL, "fte '%.*s' is not a number "
                        "of 0 or more", (int)(n > 40 ? 40 : n), s);
        return;
    }
    f->code = (uint8_t)read_status(row);
    if (f->code)
        read_qualified(row, f);
}

void sgk__sw_vacancy_rate(sgk__calc *c)
{
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        double fte = (double)f->num; /* in 1/FTE_SCALE units: exact sums */
        if (!f->code2 || SGK__IS_BAD(f, SGK__BAD_CODE2))
            continue;
        for (p = 0; p < c->nperiods; p++) /* a snapshot: every as-at */
            sgk__tally(c, p, f->team, f->code != ST_IN_POST ? fte : 0, fte);
    }
}

void sgk__sw_agency_rate(sgk__calc *c)
{
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        double fte = (double)f->num;
        if (!f->code2 || SGK__IS_BAD(f, SGK__BAD_CODE2) || f->code == ST_VACANT)
            continue;
        for (p = 0; p < c->nperiods; p++)
            sgk__tally(c, p, f->team, f->code == ST_AGENCY ? fte : 0, fte);
    }
}
