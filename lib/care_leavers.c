/* Care leavers: suitable accommodation (old NI 147) and education,
 * employment or training (old NI 148), from a care_leavers extract (one
 * row per care leaver, Ofsted Annex A List 9, or the SSDA903 OC3 file).
 *
 * Definitions (docs/indicators.md, "Care leavers"): the denominator is the
 * care leavers the local authority is in touch with (IN_TOUCH YES); the
 * numerator those whose accommodation is recorded as suitable, or whose
 * activity is education, employment or training.  The extract describes
 * its own date, taken to be the period's end, so values count in the whole
 * period and in its last month.
 *
 * Code lists (Annex A 2019 List 9; SSDA903 OC3, as checked by the DfE 903
 * validator):
 *   in_touch  YES (also Y) in touch; NO, DIED, REFU (refuses contact), NREQ
 *             (no longer requires services), RHOM (returned home) not in
 *             touch; blank not known, left out
 *   activity  F1 P1 F2 P2 F3 P3 F4 P4 F5 P5 EET; G4 G5 G6 NEET; 0 or blank
 *             no information (in the denominator, not EET)
 *   accommodation  SSDA903 combines the type letter with 1 suitable or 2
 *             unsuitable: B C D E G H K R T U V W Y Z take 1 or 2, S and X
 *             only 2; Annex A gives the letter alone and suitability in its
 *             own column.  0 or blank no information.
 *   accommodation_suitability  Suitable / Unsuitable; when present it
 *             decides, else the ACCOM digit does.
 * Any other value is a field rejection keeping the row out of the
 * indicators that need it.
 *
 * Fact layout: code in_touch (below), code2 activity, num accommodation,
 * flags the ethnicity code (family.h); bad SGK__BAD_CODE in_touch,
 * SGK__BAD_CODE2 activity, SGK__BAD_NUM accommodation or its
 * suitability. */
#include <string.h>
#include "family.h"

#define IND_ACCOM "care_leavers_suitable_accommodation"
#define IND_EET "care_leavers_eet"

enum { TOUCH_UNKNOWN = 0, TOUCH_YES = 1, TOUCH_NO = 2 };
enum { ACT_NONE = 0, ACT_EET = 1, ACT_NEET = 2 };
enum { ACC_NONE = 0, ACC_SUITABLE = 1, ACC_UNSUITABLE = 2 };

static const char *const touch_no[] = {"NO", "N", "DIED", "REFU", "NREQ",
                                       "RHOM", NULL};
static const char *const act_eet[] = {"F1", "P1", "F2", "P2", "F3", "P3",
                                      "F4", "P4", "F5", "P5", NULL};
static const char *const act_neet[] = {"G4", "G5", "G6", NULL};

static int read_touch(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_IN_TOUCH, &s, &n))
        return TOUCH_UNKNOWN;
    if (sgk__code_is(s, n, "YES") || sgk__code_is(s, n, "Y"))
        return TOUCH_YES;
    if (sgk__code_in(s, n, touch_no))
        return TOUCH_NO;
    sgk__row_reject(row, SGK__COL_IN_TOUCH, IND_ACCOM "," IND_EET,
                    "in_touch '%.*s' is not a known code (YES, NO, DIED, "
                    "REFU, NREQ, RHOM)", (int)(n > 40 ? 40 : n), s);
    f->bad |= SGK__BAD_CODE;
    return TOUCH_UNKNOWN;
}

static int read_activity(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    if (!sgk__row_code(row, SGK__COL_ACTIVITY, &s, &n) ||
        sgk__code_is(s, n, "0"))
        return ACT_NONE;
    if (sgk__code_in(s, n, act_eet))
        return ACT_EET;
    if (sgk__code_in(s, n, act_neet))
        return ACT_NEET;
    sgk__row_reject(row, SGK__COL_ACTIVITY, IND_EET, "activity '%.*s' is not "
                    "an SSDA903 activity code (F1-F5, P1-P5, G4-G6, 0)",
                    (int)(n > 40 ? 40 : n), s);
    f->bad |= SGK__BAD_CODE2;
    return ACT_NONE;
}

/* The suitability an ACCOM code carries: "K1" suitable, "K2" unsuitable,
 * "K" none (Annex A's type alone); -1 for no such code. */
static int accom_code(const char *s, size_t n)
{
    char c = n > 0 ? s[0] : 0, d = n > 1 ? s[1] : 0;
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (n == 1 && c == '0')
        return ACC_NONE;
    if (n < 1 || n > 2 || !c || !strchr("BCDEGHKRSTUVWXYZ", c))
        return -1;
    if (n == 1)
        return ACC_NONE;
    if (d == '2')
        return ACC_UNSUITABLE;
    return d == '1' && c != 'S' && c != 'X' ? ACC_SUITABLE : -1;
}

static int read_accommodation(sgk__row *row, sgk__fact *f)
{
    const char *s;
    size_t n;
    int from_code = ACC_NONE;
    if (sgk__row_code(row, SGK__COL_ACCOMMODATION, &s, &n) &&
        (from_code = accom_code(s, n)) < 0) {
        sgk__row_reject(row, SGK__COL_ACCOMMODATION, IND_ACCOM,
                        "accommodation '%.*s' is not an SSDA903 "
                        "accommodation code (B1 ... Z2, 0)",
                        (int)(n > 40 ? 40 : n), s);
        f->bad |= SGK__BAD_NUM;
        return ACC_NONE;
    }
    if (!sgk__row_code(row, SGK__COL_ACCOMMODATION_SUITABILITY, &s, &n))
        return from_code;
    if (sgk__code_is(s, n, "Suitable"))
        return ACC_SUITABLE;
    if (sgk__code_is(s, n, "Unsuitable"))
        return ACC_UNSUITABLE;
    sgk__row_reject(row, SGK__COL_ACCOMMODATION_SUITABILITY, IND_ACCOM,
                    "accommodation_suitability '%.*s' is neither Suitable "
                    "nor Unsuitable", (int)(n > 40 ? 40 : n), s);
    f->bad |= SGK__BAD_NUM;
    return ACC_NONE;
}

void sgk__care_leavers_ingest(sgk__row *row, sgk__fact *f)
{
    f->code = (uint8_t)read_touch(row, f);
    f->code2 = (uint8_t)read_activity(row, f);
    f->num = read_accommodation(row, f);
    sgk__ethnicity_ingest(row, f);
}

/* Tallies each in-touch care leaver into the snapshot periods.  Those
 * not met (unsuitable, not in education, employment or training, or with
 * no information) make the exception list: the extract gives no date or
 * days for them, so the list keeps the order of the extract. */
static void run(sgk__calc *c, uint16_t bad, int which)
{
    size_t i;
    int p;
    for (i = 0; i < c->nfacts; i++) {
        const sgk__fact *f = &c->facts[i];
        int met;
        if (f->code != TOUCH_YES || SGK__IS_BAD(f, bad))
            continue;
        met = which == 0 ? f->num == ACC_SUITABLE : f->code2 == ACT_EET;
        for (p = 0; p < c->nperiods; p++)
            if (c->to[p] == c->to[0])
                sgk__tally(c, p, f->team, met, 1);
        if (!met)
            sgk__calc_exception(c, f, SGK__NO_DATE, -1);
    }
}

void sgk__care_leavers_suitable_accommodation(sgk__calc *c)
{
    run(c, SGK__BAD_CODE | SGK__BAD_NUM, 0);
}

void sgk__care_leavers_eet(sgk__calc *c)
{
    run(c, SGK__BAD_CODE | SGK__BAD_CODE2, 1);
}
