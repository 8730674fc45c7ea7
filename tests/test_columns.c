/* Header normalisation, aliases, kind detection and coded values. */
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "columns.h"

static void norm_is(const char *in, const char *want)
{
    char out[128];
    sgk__header_normalise(in, strlen(in), out, sizeof out);
    ck_assert_str_eq(out, want);
}

START_TEST(normalise_headers)
{
    norm_is("Child Unique ID", "child unique id");
    norm_is("  child_id  ", "child id");
    norm_is("Referral  NFA?", "referral nfa");
    norm_is("Referral NFA ?", "referral nfa");
    norm_is("Child\xE2\x80\x99s Legal Status", "child's legal status");
    norm_is("Date\xC2\xA0of\tReferral", "date of referral");
    norm_is("\xE2\x80\x9CTeam\xE2\x80\x9D", "\"team\"");
    norm_is("", "");
}
END_TEST

/* Splits "a,b,c" into fields (no quoting: test headers only). */
static size_t split(const char *csv, sgk__field *f, size_t cap)
{
    size_t n = 0;
    const char *p = csv;
    while (n < cap) {
        const char *comma = strchr(p, ',');
        f[n].data = p;
        f[n].len = comma ? (size_t)(comma - p) : strlen(p);
        n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n;
}

/* The column build() last reported at fault. */
static char last_column[64];

static int build(const char *csv, int kind, sgk__layout *lay, char *msg)
{
    sgk__field f[64];
    sgk__mem mem;
    size_t n = split(csv, f, 64);
    sgk__mem_default(&mem);
    msg[0] = '\0';
    return sgk__layout_build(&mem, lay, kind, f, n, NULL, 0, msg, 512,
                             last_column, sizeof last_column);
}

static void detects(const char *csv, int kind)
{
    sgk__layout lay;
    char msg[512];
    ck_assert_msg(build(csv, SGK_KIND_AUTO, &lay, msg) == 0, "%s: %s", csv,
                  msg);
    ck_assert_msg(lay.kind == kind, "%s: detected %s, wanted %s", csv,
                  sgk_kind_name(lay.kind), sgk_kind_name(kind));
}

START_TEST(detect_each_kind)
{
    detects("child_id,referral_date,team,worker,referral_nfa",
            SGK_KIND_REFERRALS);
    detects("Child Unique ID,Gender,Date of referral,Referral NFA?,"
            "Allocated Team,Allocated Worker", SGK_KIND_REFERRALS);
    detects("child_id,assessment_type,referral_date,start_date,"
            "completion_date,team", SGK_KIND_ASSESSMENTS);
    detects("Child Unique ID,Continuous Assessment Start Date,"
            "Continuous Assessment Date of Authorisation,Allocated Team",
            SGK_KIND_ASSESSMENTS);
    detects("Child Unique ID,Child Protection Plan Start Date,"
            "Child Protection Plan End Date,"
            "Number of Previous Child Protection Plans,Allocated Team",
            SGK_KIND_CP_PLANS);
    detects("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,"
            "REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
            SGK_KIND_CLA_EPISODES);
    detects("Child Unique ID,Date Started to be Looked After,"
            "Child's Legal Status,Date Ceased to be Looked After,"
            "Reason Ceased to be Looked After", SGK_KIND_CLA_EPISODES);
    detects("child_id,start_date,end_date,reason_ended",
            SGK_KIND_CLA_EPISODES);
    detects("Child Unique ID,CIN Start Date,CIN Closure Date,Case status,"
            "Allocated Team,Allocated Worker", SGK_KIND_CASES);
    detects("team,fte,status,qualified", SGK_KIND_WORKFORCE);
}
END_TEST

/* Annex A Lists 8 and 9 and the SSDA903 header and OC3 files. */
START_TEST(detect_care_kinds)
{
    detects("Child Unique ID,Gender,Ethnicity,Date of Birth,"
            "Age of Child (Years),Date Started to be Looked After,"
            "Child's Category of Need,Child's Legal Status,"
            "Date of Last Health Assessment,Date of Last Dental Check,"
            "Number of Placements in the Last 12 months,"
            "Date Ceased to be Looked After,Reason Ceased to be Looked After,"
            "Allocated Team,Allocated Worker", SGK_KIND_CLA_CHILDREN);
    /* An episode file that happens to carry a date of birth stays one: a
     * tie goes to the lower kind. */
    detects("child_id,date_of_birth,start_date,end_date,legal_status",
            SGK_KIND_CLA_EPISODES);
    detects("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", SGK_KIND_CLA_CHILDREN);
    detects("CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", SGK_KIND_CARE_LEAVERS);
    detects("Child Unique ID,Gender,Ethnicity,Date of Birth,"
            "Age of Child (Years),Does the Child have a Disability,"
            "Allocated Team,Allocated Worker,Eligibility Category,"
            "LA In Touch,Type of Accommodation,Suitability of Accommodation,"
            "Activity Status", SGK_KIND_CARE_LEAVERS);
}
END_TEST

START_TEST(care_kinds_required_columns)
{
    sgk__layout lay;
    char msg[512];
    ck_assert_int_eq(build("child_id,start_date,health_assessment_date",
                           SGK_KIND_CLA_CHILDREN, &lay, msg),
                     SGK_E_MISSING_COLUMN);
    ck_assert_str_eq(last_column, "date_of_birth");
    ck_assert_ptr_nonnull(strstr(msg, "cla_children extract"));
    ck_assert_int_eq(build("CHILD,ACTIV,ACCOM", SGK_KIND_AUTO, &lay, msg),
                     SGK_E_MISSING_COLUMN);
    ck_assert_str_eq(last_column, "in_touch");
    ck_assert_ptr_nonnull(strstr(msg, "care_leavers extract"));
    /* RNE is read from episode files only. */
    ck_assert_int_eq(build("CHILD,DECOM,RNE", SGK_KIND_AUTO, &lay, msg), 0);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_REASON_NEW_EPISODE], 2);
}
END_TEST

START_TEST(layout_maps_fields)
{
    sgk__layout lay;
    char msg[512];
    ck_assert_int_eq(build("x,CHILD,DECOM,DEC,REC,LS", SGK_KIND_AUTO, &lay,
                           msg), 0);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_CHILD_ID], 1);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_START_DATE], 2);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_END_DATE], 3);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_REASON_ENDED], 4);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_LEGAL_STATUS], 5);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_TEAM], -1);
    ck_assert_uint_eq(lay.nfields, 6);
}
END_TEST

START_TEST(missing_required_column)
{
    sgk__layout lay;
    char msg[512];
    ck_assert_int_eq(build("child_id,plan_end_date,team", SGK_KIND_CP_PLANS,
                           &lay, msg), SGK_E_MISSING_COLUMN);
    ck_assert_ptr_nonnull(strstr(msg, "'plan_start_date'"));
    ck_assert_str_eq(last_column, "plan_start_date");
    ck_assert_ptr_nonnull(strstr(msg, "'child_id', 'plan_end_date', 'team'"));
    ck_assert_int_eq(build("child_id,team,worker", SGK_KIND_AUTO, &lay, msg),
                     SGK_E_MISSING_COLUMN);
    ck_assert_ptr_nonnull(strstr(msg, "required column"));
}
END_TEST

START_TEST(unknown_kind)
{
    sgk__layout lay;
    char msg[512];
    ck_assert_int_eq(build("\x89PNG,IHDR", SGK_KIND_AUTO, &lay, msg),
                     SGK_E_UNKNOWN_KIND);
    ck_assert_ptr_nonnull(strstr(msg, "headers found"));
}
END_TEST

START_TEST(duplicate_canonical_columns)
{
    sgk__layout lay;
    char msg[512];
    ck_assert_int_eq(build("Child Unique ID,referral_date,child_id",
                           SGK_KIND_AUTO, &lay, msg), SGK_E_DUPLICATE_COLUMN);
    ck_assert_ptr_nonnull(strstr(msg, "columns 1 ('Child Unique ID') and 3 "
                                      "('child_id')"));
    ck_assert_str_eq(last_column, "child_id");
}
END_TEST

START_TEST(caller_alias)
{
    sgk__layout lay;
    sgk__field f[4];
    sgk__alias a;
    sgk__mem mem;
    char msg[512], norm[] = "ref dt";
    size_t n = split("ID,Ref Dt", f, 4);
    sgk__alias b;
    char norm2[] = "id";
    sgk__alias both[2];
    sgk__mem_default(&mem);
    a.norm = norm;
    a.col = SGK__COL_REFERRAL_DATE;
    b.norm = norm2;
    b.col = SGK__COL_CHILD_ID;
    both[0] = a;
    both[1] = b;
    ck_assert_int_eq(sgk__layout_build(&mem, &lay, SGK_KIND_AUTO, f, n, both,
                                       2, msg, sizeof msg, NULL, 0), 0);
    ck_assert_int_eq(lay.kind, SGK_KIND_REFERRALS);
    ck_assert_int_eq(lay.field_of_col[SGK__COL_REFERRAL_DATE], 1);
}
END_TEST

static void code_is(const char *in, const char *want)
{
    const char *s = in;
    size_t len = strlen(in);
    sgk__code_strip(&s, &len);
    ck_assert_msg(len == strlen(want) && memcmp(s, want, len) == 0,
                  "'%s' -> '%.*s', wanted '%s'", in, (int)len, s, want);
}

START_TEST(coded_values)
{
    code_is("a) E11: Adopted - application unopposed", "E11");
    code_is("b) Female", "Female");
    code_is(" V3 ", "V3");
    code_is("u) X1:CodeError", "X1");
    code_is("RC1 - Adopted", "RC1");
    code_is("C2: FCO", "C2");
    code_is("a) Looked after child", "Looked after child");
    code_is("E4A", "E4A");
    code_is("", "");
    ck_assert_int_eq(sgk__code_is("E11", 3, "e11"), 1);
    ck_assert_int_eq(sgk__code_is("E1", 2, "e11"), 0);
    ck_assert_int_eq(sgk__code_is("E111", 4, "e11"), 0);
}
END_TEST

START_TEST(canonical_names_round_trip)
{
    int c;
    for (c = 0; c < SGK__COL_COUNT; c++)
        ck_assert_int_eq(sgk__col_from_name(sgk__col_name(c)), c);
    ck_assert_int_eq(sgk__col_from_name("nope"), -1);
    ck_assert_ptr_null(sgk__col_name(SGK__COL_COUNT));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("columns");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, normalise_headers);
    tcase_add_test(tc, detect_each_kind);
    tcase_add_test(tc, detect_care_kinds);
    tcase_add_test(tc, care_kinds_required_columns);
    tcase_add_test(tc, layout_maps_fields);
    tcase_add_test(tc, missing_required_column);
    tcase_add_test(tc, unknown_kind);
    tcase_add_test(tc, duplicate_canonical_columns);
    tcase_add_test(tc, caller_alias);
    tcase_add_test(tc, coded_values);
    tcase_add_test(tc, canonical_names_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
