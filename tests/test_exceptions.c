/* Case-level exception lists: kept only on request, most urgent first. */
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"

static const char cases[] =
    "child_id,case_start_date,case_end_date,worker,unallocated_since,"
    "category,team\n"
    "K1,2011-01-01,,,2011-06-02,CP,North\n"   /* 28 days */
    "K2,2011-01-01,,,2011-06-01,CIN,South\n"  /* 29 days */
    "K3,2011-01-01,,Sam,,CLA,North\n"         /* allocated */
    "K5,2011-05-01,,,,CLA,South\n";           /* 60 days */
static const char assessments[] =
    "child_id,assessment_type,start_date,completion_date,team,worker\n"
    "A1,core,2011-04-01,2011-05-31,North,Ann\n" /* 37 working days */
    "A2,core,2011-05-03,,South,\n"              /* open, 41 at 30 Jun */
    "A3,core,2011-04-04,,South,Bo\n";           /* open: Apr 16 + May 20 + Jun 22 */

static sgk_engine *run(int want_exceptions)
{
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2011-04-01", "2011-06-30"), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS,
                                           want_exceptions), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "cases.csv", cases,
                                           strlen(cases), 0), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "a.csv", assessments,
                                           strlen(assessments), 0), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    return e;
}

START_TEST(not_kept_unless_asked)
{
    sgk_engine *e = run(0);
    int i;
    for (i = 0; i < sgk_indicator_count(); i++)
        ck_assert_int_eq(sgk_exception_count(e, i), 0);
    ck_assert_ptr_null(sgk_exception_child(e, 0, 0));
    sgk_engine_free(e);
}
END_TEST

START_TEST(unallocated_lists)
{
    sgk_engine *e = run(1);
    int over = sgk_indicator_find("unallocated_over_28_days");
    int cpcla = sgk_indicator_find("unallocated_cp_cla");
    ck_assert_int_eq(sgk_exception_count(e, over), 2);
    ck_assert_str_eq(sgk_exception_child(e, over, 0), "K5");
    ck_assert_int_eq(sgk_exception_days(e, over, 0), 60);
    ck_assert_str_eq(sgk_exception_date(e, over, 0), "2011-05-01");
    ck_assert_str_eq(sgk_exception_child(e, over, 1), "K2");
    ck_assert_int_eq(sgk_exception_days(e, over, 1), 29);
    ck_assert_str_eq(sgk_exception_team(e, over, 1), "South");
    ck_assert_str_eq(sgk_exception_input(e, over, 1), "cases.csv");
    ck_assert_int_eq(sgk_exception_line(e, over, 1), 3);
    ck_assert_int_eq(sgk_exception_count(e, cpcla), 2);
    ck_assert_str_eq(sgk_exception_child(e, cpcla, 0), "K5");
    ck_assert_str_eq(sgk_exception_child(e, cpcla, 1), "K1");
    ck_assert_int_eq(sgk_exception_days(e, cpcla, 1), 28);
    ck_assert_ptr_null(sgk_exception_child(e, cpcla, 2));
    sgk_engine_free(e);
}
END_TEST

START_TEST(assessment_lists)
{
    sgk_engine *e = run(1);
    int overdue = sgk_indicator_find("ca_overdue");
    int late = sgk_indicator_find("ca_completed_late");
    ck_assert_int_eq(sgk_exception_count(e, overdue), 2);
    ck_assert_str_eq(sgk_exception_child(e, overdue, 0), "A3");
    ck_assert_int_eq(sgk_exception_days(e, overdue, 0), 58);
    ck_assert_str_eq(sgk_exception_worker(e, overdue, 0), "Bo");
    ck_assert_str_eq(sgk_exception_child(e, overdue, 1), "A2");
    ck_assert_int_eq(sgk_exception_days(e, overdue, 1), 41);
    ck_assert_str_eq(sgk_exception_worker(e, overdue, 1), "");
    ck_assert_int_eq(sgk_exception_count(e, late), 1);
    ck_assert_int_eq(sgk_exception_days(e, late, 0), 37);
    ck_assert_str_eq(sgk_exception_date(e, late, 0), "2011-04-01");
    sgk_engine_free(e);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("exceptions");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, not_kept_unless_asked);
    tcase_add_test(tc, unallocated_lists);
    tcase_add_test(tc, assessment_lists);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
