/* Unit tests for lib/calendar.c.  The holiday lists below were written out
 * by hand from the published England and Wales bank holiday lists, not
 * generated from the code under test. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calendar.h"

typedef struct year_list {
    int year;
    const char *days[12]; /* NULL-terminated */
} year_list;

static const year_list expected[] = {
    {1995, {"1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08",
            "1995-05-29", "1995-08-28", "1995-12-25", "1995-12-26", NULL}},
    {1999, {"1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03",
            "1999-05-31", "1999-08-30", "1999-12-27", "1999-12-28",
            "1999-12-31", NULL}},
    {2002, {"2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06",
            "2002-06-03", "2002-06-04", "2002-08-26", "2002-12-25",
            "2002-12-26", NULL}},
    {2010, {"2010-01-01", "2010-04-02", "2010-04-05", "2010-05-03",
            "2010-05-31", "2010-08-30", "2010-12-27", "2010-12-28", NULL}},
    {2011, {"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29",
            "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26",
            "2011-12-27", NULL}},
    {2012, {"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07",
            "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25",
            "2012-12-26", NULL}},
    {2013, {"2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06",
            "2013-05-27", "2013-08-26", "2013-12-25", "2013-12-26", NULL}},
    {2014, {"2014-01-01", "2014-04-18", "2014-04-21", "2014-05-05",
            "2014-05-26", "2014-08-25", "2014-12-25", "2014-12-26", NULL}},
    {2015, {"2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04",
            "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28", NULL}},
    {2016, {"2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02",
            "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27", NULL}},
    {2017, {"2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01",
            "2017-05-29", "2017-08-28", "2017-12-25", "2017-12-26", NULL}},
    {2018, {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07",
            "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26", NULL}},
    {2019, {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06",
            "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26", NULL}},
    {2020, {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
            "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28", NULL}},
    {2021, {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
            "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28", NULL}},
    {2022, {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
            "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
            "2022-12-26", "2022-12-27", NULL}},
    {2023, {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
            "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
            "2023-12-26", NULL}},
    {2024, {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
            "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26", NULL}},
    {2025, {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
            "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26", NULL}},
};

#define NEXPECTED ((int)(sizeof expected / sizeof expected[0]))

static sgk__day day_of(const char *iso)
{
    sgk__day d = 0;
    ck_assert_msg(sgk__date_parse_iso(iso, &d) == 0, "bad date %s", iso);
    return d;
}

static int32_t wd(const sgk__calendar *cal, const char *a, const char *b)
{
    return sgk__working_days(cal, day_of(a), day_of(b));
}

/* A calendar with the given closures, built with the C library's
 * allocator. */
static void make_calendar(sgk__mem *mem, sgk__calendar *cal,
                          const char *const *closures)
{
    sgk__mem_default(mem);
    sgk__calendar_init(cal);
    for (; closures && *closures; closures++)
        ck_assert_int_eq(sgk__calendar_add_closure(mem, cal,
                                                   day_of(*closures)), 0);
    ck_assert_int_eq(sgk__calendar_build(mem, cal), 0);
}

/* Loop test: one year of the hand-written table per iteration. */
START_TEST(test_year_lists)
{
    const year_list *want = &expected[_i];
    sgk__day got[16];
    char buf[11];
    int n, count = 0;

    while (want->days[count])
        count++;
    n = sgk__bank_holidays(want->year, got);
    ck_assert_msg(n == count, "%d: %d holidays, want %d", want->year, n,
                  count);
    for (n = 0; n < count; n++) {
        sgk__date_format(got[n], buf);
        ck_assert_msg(strcmp(buf, want->days[n]) == 0,
                      "%d: #%d is %s, want %s", want->year, n + 1, buf,
                      want->days[n]);
    }
}
END_TEST

START_TEST(test_year_counts)
{
    sgk__day got[16];
    ck_assert_int_eq(sgk__bank_holidays(2011, got), 9);
    ck_assert_int_eq(sgk__bank_holidays(2012, got), 9);
    ck_assert_int_eq(sgk__bank_holidays(2020, got), 8);
    ck_assert_int_eq(sgk__bank_holidays(2022, got), 10);
    ck_assert_int_eq(sgk__bank_holidays(2023, got), 9);
    ck_assert_int_eq(sgk__bank_holidays(2019, got), 8);
    /* Outside the years the modern rules cover there is no list. */
    ck_assert_int_eq(sgk__bank_holidays(1977, got), 0);
    ck_assert_int_eq(sgk__bank_holidays(2101, got), 0);
}
END_TEST

/* Every holiday of 1978..2100 is a weekday of its own year, in order;
 * Good Friday is a Friday and Easter Monday the Monday three days on. */
START_TEST(test_rules_hold_every_year)
{
    sgk__day got[16];
    int y, i, n, ny, m, d;

    for (y = 1978; y <= 2100; y++) {
        n = sgk__bank_holidays(y, got);
        ck_assert_msg(n >= 8 && n <= 10, "%d: %d holidays", y, n);
        for (i = 0; i < n; i++) {
            sgk__day_to_ymd(got[i], &ny, &m, &d);
            ck_assert_int_eq(ny, y);
            ck_assert_msg(sgk__day_weekday(got[i]) < 5, "%d: weekend", y);
            ck_assert(i == 0 || got[i - 1] < got[i]);
            ck_assert(sgk__is_bank_holiday(got[i]));
        }
        ck_assert_int_eq(sgk__day_weekday(got[1]), 4);
        ck_assert_int_eq(got[2], got[1] + 3);
    }
}
END_TEST

START_TEST(test_is_bank_holiday)
{
    ck_assert(sgk__is_bank_holiday(day_of("2020-12-25")));
    ck_assert(sgk__is_bank_holiday(day_of("2020-12-28")));
    ck_assert(!sgk__is_bank_holiday(day_of("2020-12-26"))); /* Saturday */
    ck_assert(sgk__is_bank_holiday(day_of("2020-05-08")));
    ck_assert(!sgk__is_bank_holiday(day_of("2020-05-04"))); /* moved */
    ck_assert(!sgk__is_bank_holiday(day_of("2022-05-30"))); /* moved */
    ck_assert(sgk__is_bank_holiday(day_of("2022-09-19")));
    ck_assert(!sgk__is_bank_holiday(day_of("2022-09-20")));
    ck_assert(!sgk__is_bank_holiday(SGK__NO_DATE));
}
END_TEST

START_TEST(test_working_days_basic)
{
    sgk__mem mem;
    sgk__calendar cal;

    make_calendar(&mem, &cal, NULL);
    ck_assert_int_eq(wd(&cal, "2021-01-08", "2021-01-08"), 0);
    ck_assert_int_eq(wd(&cal, "2021-01-09", "2021-01-09"), 0); /* Sat */
    ck_assert_int_eq(wd(&cal, "2021-01-08", "2021-01-11"), 1); /* Fri-Mon */
    ck_assert_int_eq(wd(&cal, "2021-01-08", "2021-01-10"), 0); /* weekend */
    ck_assert_int_eq(wd(&cal, "2021-01-04", "2021-01-08"), 4);
    ck_assert_int_eq(wd(&cal, "2021-01-09", "2021-01-11"), 1);
    sgk__calendar_free(&mem, &cal);
}
END_TEST

/* 25, 26, 27, 28 December 2020 (28th: substitute Boxing Day), 1, 2 and
 * 3 January 2021 are off; 29, 30, 31 December and 4 January count. */
START_TEST(test_working_days_christmas_2020)
{
    static const char *const closure[] = {"2020-12-29", NULL};
    sgk__mem mem;
    sgk__calendar cal;

    make_calendar(&mem, &cal, NULL);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 4);
    ck_assert_int_eq(wd(&cal, "2021-01-04", "2020-12-24"), -4);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2020-12-28"), 0);
    sgk__calendar_free(&mem, &cal);

    make_calendar(&mem, &cal, closure);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 3);
    ck_assert_int_eq(wd(&cal, "2021-01-04", "2020-12-24"), -3);
    ck_assert(!sgk__calendar_is_working(&cal, day_of("2020-12-29")));
    ck_assert(sgk__calendar_is_working(&cal, day_of("2020-12-30")));
    sgk__calendar_free(&mem, &cal);
}
END_TEST

/* From Friday 8 January 2021 the working days are 11-15 and 18-20 January,
 * so the 7th is Tuesday 19th and the 8th Wednesday 20th.  From Friday
 * 28 May 2021, Monday 31 May is a bank holiday: the 7th working day is
 * Wednesday 9 June and the 8th Thursday 10 June. */
START_TEST(test_seventh_and_eighth)
{
    sgk__mem mem;
    sgk__calendar cal;

    make_calendar(&mem, &cal, NULL);
    ck_assert_int_eq(wd(&cal, "2021-01-08", "2021-01-19"), 7);
    ck_assert_int_eq(wd(&cal, "2021-01-08", "2021-01-20"), 8);
    ck_assert_int_eq(wd(&cal, "2021-05-28", "2021-06-09"), 7);
    ck_assert_int_eq(wd(&cal, "2021-05-28", "2021-06-10"), 8);
    sgk__calendar_free(&mem, &cal);
}
END_TEST

/* Closures on weekends or bank holidays, repeated closures and closures
 * outside 1900..2100 change nothing. */
START_TEST(test_harmless_closures)
{
    static const char *const closures[] = {
        "2020-12-26", "2020-12-28", "2020-12-29", "2020-12-29", NULL};
    sgk__mem mem;
    sgk__calendar cal;

    make_calendar(&mem, &cal, closures);
    ck_assert_int_eq(sgk__calendar_add_closure(&mem, &cal,
                         sgk__day_from_ymd(2150, 1, 1)), 0);
    ck_assert_int_eq(sgk__calendar_add_closure(&mem, &cal,
                         sgk__day_from_ymd(1899, 6, 1)), 0);
    ck_assert_int_eq(sgk__calendar_build(&mem, &cal), 0);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 3);
    ck_assert_int_eq(cal.nclosures, 5); /* the repeat is kept once */
    sgk__calendar_free(&mem, &cal);
}
END_TEST

/* Adding a closure after building drops the table; counts stay right
 * before and after the rebuild. */
START_TEST(test_closure_after_build)
{
    sgk__mem mem;
    sgk__calendar cal;

    make_calendar(&mem, &cal, NULL);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 4);
    ck_assert_int_eq(sgk__calendar_add_closure(&mem, &cal,
                                               day_of("2020-12-30")), 0);
    ck_assert_ptr_null(cal.prefix);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 3);
    ck_assert_int_eq(sgk__calendar_build(&mem, &cal), 0);
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 3);
    sgk__calendar_free(&mem, &cal);
}
END_TEST

/* The table and the rules must agree on every day and every span. */
START_TEST(test_table_matches_rules)
{
    static const char *const closures[] = {"2019-08-23", "2021-12-29", NULL};
    sgk__mem mem;
    sgk__calendar built, bare;
    sgk__day first = day_of("1900-01-01"), last = day_of("2100-12-31");
    sgk__day day;
    int32_t running = 0;

    make_calendar(&mem, &built, closures);
    sgk__calendar_init(&bare);
    for (; closures[running]; running++)
        ck_assert_int_eq(sgk__calendar_add_closure(&mem, &bare,
                             day_of(closures[running])), 0);
    running = 0;
    for (day = first + 1; day <= last; day++) {
        int w = sgk__calendar_is_working(&built, day);
        ck_assert_int_eq(w, sgk__calendar_is_working(&bare, day));
        running += w;
        ck_assert_int_eq(sgk__working_days(&built, first, day), running);
    }
    ck_assert_int_eq(sgk__working_days(&bare, first, last), running);
    ck_assert_int_eq(sgk__working_days(&bare, day_of("2019-08-01"),
                                       day_of("2022-01-31")),
                     sgk__working_days(&built, day_of("2019-08-01"),
                                       day_of("2022-01-31")));
    sgk__calendar_free(&mem, &built);
    sgk__calendar_free(&mem, &bare);
}
END_TEST

static void *failing_realloc(void *ptr, size_t size, void *user)
{
    (void)ptr;
    (void)size;
    (void)user;
    return NULL;
}

static void no_free(void *ptr, void *user)
{
    (void)ptr;
    (void)user;
}

START_TEST(test_out_of_memory)
{
    sgk__mem mem = {failing_realloc, no_free, NULL};
    sgk__calendar cal;

    sgk__calendar_init(&cal);
    ck_assert_int_eq(sgk__calendar_add_closure(&mem, &cal, 0), SGK_E_NOMEM);
    ck_assert_int_eq(sgk__calendar_build(&mem, &cal), SGK_E_NOMEM);
    ck_assert_ptr_null(cal.prefix);
    /* Still usable through the rules. */
    ck_assert_int_eq(wd(&cal, "2020-12-24", "2021-01-04"), 4);
    sgk__calendar_free(&mem, &cal);
}
END_TEST

static Suite *calendar_suite(void)
{
    Suite *s = suite_create("calendar");
    TCase *hol = tcase_create("holidays");
    TCase *work = tcase_create("working_days");

    tcase_add_loop_test(hol, test_year_lists, 0, NEXPECTED);
    tcase_add_test(hol, test_year_counts);
    tcase_add_test(hol, test_rules_hold_every_year);
    tcase_add_test(hol, test_is_bank_holiday);
    tcase_add_test(work, test_working_days_basic);
    tcase_add_test(work, test_working_days_christmas_2020);
    tcase_add_test(work, test_seventh_and_eighth);
    tcase_add_test(work, test_harmless_closures);
    tcase_add_test(work, test_closure_after_build);
    tcase_add_test(work, test_table_matches_rules);
    tcase_add_test(work, test_out_of_memory);
    /* The full-range cross-check is slow under valgrind. */
    tcase_set_timeout(work, 120);
    suite_add_tcase(s, hol);
    suite_add_tcase(s, work);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(calendar_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
