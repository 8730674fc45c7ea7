/* Unit tests for the data-quality table, duplicates and ethnicity beyond
 * the hand-worked fixtures (tests/data/data_quality, ethnicity,
 * duplicates): the getters' edges, recomputing, merging, and the
 * ethnicity column in every kind with children. */
#include "check_run.h"
#include <math.h>
#include <string.h>
#include "sgkpi.h"

static const char cases_csv[] =
    "child_id,case_start_date,worker,team,ethnicity\n"
    "K1,2021-01-01,,Team A,WBRI\n"
    "K1,2021-01-01,,Team A,WBRI\n"  /* duplicate of line 2 */
    "K2,2021-01-01,W1,,\n"          /* team and ethnicity blank */
    "K3,2021-02-30,W1,Team A,NOBT\n"; /* rejected whole */

static sgk_engine *engine_with(const char *name, const char *csv)
{
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    if (csv)
        ck_assert_int_eq(sgk_engine_add_buffer(e, name, csv, strlen(csv),
                                               SGK_KIND_AUTO), 0);
    return e;
}

static int row_of(sgk_engine *e, int input, const char *field)
{
    int k;
    for (k = 0; k < sgk_dq_count(e); k++)
        if (sgk_dq_input(e, k) == input &&
            strcmp(sgk_dq_field(e, k), field) == 0)
            return k;
    return -1;
}

START_TEST(getters_before_compute_and_out_of_range)
{
    sgk_engine *e = engine_with("cases.csv", cases_csv);
    ck_assert_int_eq(sgk_dq_count(e), 0);
    ck_assert_int_eq(sgk_dq_input(e, 0), -1);
    ck_assert_ptr_null(sgk_dq_field(e, 0));
    ck_assert_ptr_null(sgk_dq_header(e, 0));
    ck_assert_int_eq(sgk_dq_rows(e, 0), -1);
    ck_assert(isnan(sgk_dq_value(e, 0)));
    ck_assert_int_eq(sgk_dq_status(e, 0), SGK_STATUS_NONE);
    /* Before a compute, duplicates are not known: they count as used. */
    ck_assert_int_eq(sgk_input_duplicates(e, 0), 0);
    ck_assert_int_eq(sgk_input_rows_used(e, 0), 3);
    ck_assert_int_eq(sgk_input_duplicates(e, 1), -1);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_dq_count(e), 5);
    ck_assert_int_eq(sgk_dq_rows(e, 5), -1);
    ck_assert_int_eq(sgk_dq_blank(e, -1), -1);
    ck_assert_int_eq(sgk_dq_invalid(e, 99), -1);
    ck_assert_int_eq(sgk_dq_count(NULL), 0);
    ck_assert_ptr_null(sgk_dq_field(NULL, 0));
    ck_assert_int_eq(sgk_input_duplicates(NULL, 0), -1);
    sgk_engine_free(e);
}
END_TEST

START_TEST(table_and_duplicates)
{
    sgk_engine *e = engine_with("cases.csv", cases_csv);
    int k;
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_input_duplicates(e, 0), 1);
    ck_assert_int_eq(sgk_input_rows_read(e, 0), 4);
    ck_assert_int_eq(sgk_input_rows_used(e, 0), 2);
    ck_assert_int_eq(sgk_input_rows_rejected(e, 0), 2);
    /* In header order: child_id, case_start_date, worker, team, ethnicity. */
    ck_assert_str_eq(sgk_dq_field(e, 0), "child_id");
    ck_assert_str_eq(sgk_dq_field(e, 4), "ethnicity");
    k = row_of(e, 0, "case_start_date");
    ck_assert_int_eq(sgk_dq_invalid(e, k), 1);
    k = row_of(e, 0, "team");
    ck_assert_int_eq(sgk_dq_blank(e, k), 1);
    ck_assert_str_eq(sgk_dq_header(e, k), "team");
    k = row_of(e, 0, "ethnicity");
    ck_assert_int_eq(sgk_dq_rows(e, k), 4);
    ck_assert_int_eq(sgk_dq_blank(e, k), 1);
    ck_assert_double_eq_tol(sgk_dq_value(e, k), 25.0, 1e-12);
    /* K1 WBRI (once), K2 blank; K3 was rejected whole. */
    k = sgk_indicator_find("ethnicity_recorded");
    ck_assert_double_eq(sgk_result_numerator(e, k, SGK_GROUP_TOTAL, 0), 1);
    ck_assert_double_eq(sgk_result_denominator(e, k, SGK_GROUP_TOTAL, 0), 2);
    sgk_engine_free(e);
}
END_TEST

/* A second compute finds the same duplicates, once. */
START_TEST(recompute_is_the_same)
{
    sgk_engine *e = engine_with("cases.csv", cases_csv);
    int64_t rejections;
    int ind = sgk_indicator_find("dq_blank_or_invalid");
    double v;
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    rejections = sgk_engine_rejection_count(e);
    v = sgk_result_value(e, ind, SGK_GROUP_TOTAL, 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_engine_rejection_count(e), rejections);
    ck_assert_int_eq(sgk_input_duplicates(e, 0), 1);
    ck_assert_int_eq(sgk_input_rows_rejected(e, 0), 2);
    ck_assert_double_eq(sgk_result_value(e, ind, SGK_GROUP_TOTAL, 0), v);
    ck_assert_int_eq(sgk_dq_count(e), 5);
    /* An input added after a compute has no duplicates until the next. */
    ck_assert_int_eq(sgk_engine_add_buffer(e, "more.csv", cases_csv,
                                           strlen(cases_csv), 0), 0);
    ck_assert_int_eq(sgk_input_duplicates(e, 1), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_input_duplicates(e, 1), 1);
    ck_assert_int_eq(sgk_dq_count(e), 10);
    sgk_engine_free(e);
}
END_TEST

/* Merging a computed engine (its facts carry duplicate flags) gives what
 * one engine reading both inputs computes. */
START_TEST(merge_matches_one_engine)
{
    sgk_engine *a = engine_with("cases.csv", cases_csv);
    sgk_engine *b = engine_with("cases.csv", NULL);
    sgk_engine *one = engine_with("cases.csv", cases_csv);
    int k, i;
    ck_assert_int_eq(sgk_engine_add_buffer(one, "b.csv", cases_csv,
                                           strlen(cases_csv), 0), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(b, "b.csv", cases_csv,
                                           strlen(cases_csv), 0), 0);
    ck_assert_int_eq(sgk_engine_compute(b), 0);
    ck_assert_int_eq(sgk_engine_merge(a, b), 0);
    ck_assert_int_eq(sgk_engine_compute(a), 0);
    ck_assert_int_eq(sgk_engine_compute(one), 0);
    ck_assert_int_eq(sgk_dq_count(a), sgk_dq_count(one));
    for (k = 0; k < sgk_dq_count(a); k++) {
        ck_assert_int_eq(sgk_dq_blank(a, k), sgk_dq_blank(one, k));
        ck_assert_int_eq(sgk_dq_invalid(a, k), sgk_dq_invalid(one, k));
    }
    for (i = 0; i < 2; i++)
        ck_assert_int_eq(sgk_input_duplicates(a, i),
                         sgk_input_duplicates(one, i));
    ck_assert_int_eq(sgk_engine_rejection_count(a),
                     sgk_engine_rejection_count(one));
    for (i = 0; i < sgk_indicator_count(); i++)
        ck_assert_int_eq(sgk_result_has_value(a, i, SGK_GROUP_TOTAL, 0),
                         sgk_result_has_value(one, i, SGK_GROUP_TOTAL, 0));
    sgk_engine_free(a);
    sgk_engine_free(b);
    sgk_engine_free(one);
}
END_TEST

/* The ethnicity column is read in every kind with children; workforce
 * has none, so with only a workforce file the ethnicity indicators have
 * no value while data quality has one. */
START_TEST(ethnicity_in_every_child_kind)
{
    static const char *const files[] = {
        "child_id,referral_date,ethnicity\nA,2021-05-01,WBRI\n"
        "B,2021-05-01,tbc\n",
        "child_id,assessment_type,start_date,ethnicity\n"
        "A,core,2021-05-01,WBRI\nB,core,2021-05-01,tbc\n",
        "child_id,plan_start_date,ethnicity\nA,2021-05-01,WBRI\n"
        "B,2021-05-01,tbc\n",
        "CHILD,DECOM,ETHNIC\nA,01/05/2021,WBRI\nB,01/05/2021,tbc\n",
        "child_id,case_start_date,ethnicity\nA,2021-05-01,WBRI\n"
        "B,2021-05-01,tbc\n",
        "child_id,date_of_birth,ethnicity\nA,2010-05-01,WBRI\n"
        "B,2010-05-01,tbc\n",
        "child_id,in_touch,ethnicity\nA,YES,WBRI\nB,NO,tbc\n",
    };
    static const int kinds[] = {
        SGK_KIND_REFERRALS, SGK_KIND_ASSESSMENTS, SGK_KIND_CP_PLANS,
        SGK_KIND_CLA_EPISODES, SGK_KIND_CASES, SGK_KIND_CLA_CHILDREN,
        SGK_KIND_CARE_LEAVERS};
    int ind = sgk_indicator_find("ethnicity_recorded");
    int dq = sgk_indicator_find("dq_blank_or_invalid");
    size_t f;
    sgk_engine *e;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        e = engine_with("x.csv", files[f]);
        ck_assert_int_eq(sgk_engine_compute(e), 0);
        ck_assert_int_eq(sgk_input_kind(e, 0), kinds[f]);
        ck_assert_double_eq(sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0),
                            1);
        ck_assert_double_eq(
            sgk_result_denominator(e, ind, SGK_GROUP_TOTAL, 0), 2);
        ck_assert_int_eq(sgk_engine_rejection_count(e), 1);
        ck_assert_int_eq(sgk_dq_invalid(e, row_of(e, 0, "ethnicity")), 1);
        sgk_engine_free(e);
    }
    e = engine_with("w.csv", "team,fte,status,ethnicity\nT,1,vacant,WBRI\n");
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_result_has_value(e, ind, SGK_GROUP_TOTAL, 0), 0);
    ck_assert(isnan(sgk_result_numerator(e, ind, SGK_GROUP_TOTAL, 0)));
    ck_assert_int_eq(sgk_result_has_value(e, dq, SGK_GROUP_TOTAL, 0), 1);
    ck_assert_int_eq(row_of(e, 0, "ethnicity"), -1);
    ck_assert_int_eq(sgk_indicator_kind(dq), SGK_KIND_AUTO);
    sgk_engine_free(e);
}
END_TEST

/* Duplicates are moved out of the indicators' way: exception lists still
 * name the right rows, and a second compute finds the same. */
START_TEST(exceptions_skip_duplicates)
{
    static const char csv[] =
        "child_id,case_start_date,worker\n"
        "K1,2021-01-01,\n"
        "K1,2021-01-01,\n"   /* duplicate of line 2 */
        "K2,2021-01-02,\n"
        "K5,2021-01-03,\n";
    sgk_engine *e = engine_with("cases.csv", csv);
    int ind = sgk_indicator_find("unallocated_over_28_days"), pass;
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS, 1), 0);
    for (pass = 0; pass < 2; pass++) {
        ck_assert_int_eq(sgk_engine_compute(e), 0);
        ck_assert_double_eq(sgk_result_value(e, ind, SGK_GROUP_TOTAL, 0), 3);
        ck_assert_int_eq(sgk_exception_count(e, ind), 3);
        /* Most days first: K1 (line 2), K2 (line 4), K5 (line 5). */
        ck_assert_str_eq(sgk_exception_child(e, ind, 0), "K1");
        ck_assert_int_eq(sgk_exception_line(e, ind, 0), 2);
        ck_assert_str_eq(sgk_exception_child(e, ind, 1), "K2");
        ck_assert_int_eq(sgk_exception_line(e, ind, 1), 4);
        ck_assert_str_eq(sgk_exception_child(e, ind, 2), "K5");
        ck_assert_int_eq(sgk_exception_line(e, ind, 2), 5);
        ck_assert_int_eq(sgk_input_duplicates(e, 0), 1);
        ck_assert_int_eq(sgk_engine_rejection_count(e), 1);
        ck_assert_int_eq(sgk_rejection_line(e, 0), 3);
        ck_assert_ptr_null(sgk_rejection_column(e, 0));
        ck_assert_str_eq(sgk_rejection_reason(e, 0), "duplicate of line 2: "
                         "the same child and case_start_date");
        ck_assert_int_eq(sgk_dq_rows(e, 0), 4);
    }
    sgk_engine_free(e);
}
END_TEST

/* No input at all: every one of these indicators has no value. */
START_TEST(nothing_read)
{
    sgk_engine *e = engine_with("none", NULL);
    int dq = sgk_indicator_find("dq_blank_or_invalid");
    ck_assert_int_eq(sgk_engine_use_profile(e, "kent-2011"), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_dq_count(e), 0);
    ck_assert_int_eq(sgk_result_has_value(e, dq, SGK_GROUP_TOTAL, 0), 0);
    ck_assert_int_eq(sgk_result_status(e, dq, SGK_GROUP_TOTAL, 0),
                     SGK_STATUS_NO_DATA);
    sgk_engine_free(e);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("data_quality");
    TCase *tc = tcase_create("data_quality");
    tcase_add_test(tc, getters_before_compute_and_out_of_range);
    tcase_add_test(tc, table_and_duplicates);
    tcase_add_test(tc, recompute_is_the_same);
    tcase_add_test(tc, merge_matches_one_engine);
    tcase_add_test(tc, ethnicity_in_every_child_kind);
    tcase_add_test(tc, nothing_read);
    tcase_add_test(tc, exceptions_skip_duplicates);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
