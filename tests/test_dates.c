/* Unit tests for lib/dates.c.  Expected values were worked out by hand:
 * day 0 is 1970-01-01, 2021-01-01 is day 18628 (51 years of 365 days plus
 * 13 leap days), 1900-01-01 is day -25567 (70 * 365 + 17 leap days). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dates.h"

#define DAY_1900_01_01 (-25567)
#define DAY_2021_01_01 18628
#define DAY_2024_01_01 19723
#define DAY_2100_12_31 47846

static int parse(const char *text, sgk__day *out, const char **reason)
{
    return sgk__date_parse(text, strlen(text), out, reason);
}

static void expect_ok(const char *text, sgk__day want)
{
    sgk__day got = 12345;
    const char *reason = "unset";
    int rc = parse(text, &got, &reason);
    ck_assert_msg(rc == SGK__DATE_OK, "'%s' gave %d (%s)", text, rc,
                  reason ? reason : "no reason");
    ck_assert_msg(got == want, "'%s' gave day %ld, want %ld", text,
                  (long)got, (long)want);
    ck_assert_msg(reason == NULL, "'%s' left a reason", text);
}

static void expect_blank(const char *text)
{
    sgk__day got = 12345;
    const char *reason = "unset";
    int rc = parse(text, &got, &reason);
    ck_assert_msg(rc == SGK__DATE_BLANK, "'%s' gave %d, want blank", text, rc);
    ck_assert_msg(got == SGK__NO_DATE, "'%s' did not give no-date", text);
    ck_assert_msg(reason == NULL, "'%s' left a reason", text);
}

static void expect_bad(const char *text, const char *want_reason)
{
    sgk__day got = 12345;
    const char *reason = NULL;
    int rc = parse(text, &got, &reason);
    ck_assert_msg(rc == SGK__DATE_BAD, "'%s' gave %d, want bad", text, rc);
    ck_assert_msg(reason != NULL && reason[0] != '\0', "'%s': no reason",
                  text);
    ck_assert_msg(strcmp(reason, want_reason) == 0,
                  "'%s': reason '%s', want '%s'", text, reason, want_reason);
    ck_assert_msg(got == SGK__NO_DATE, "'%s' set a day on failure", text);
}

START_TEST(test_iso)
{
    expect_ok("1970-01-01", 0);
    expect_ok("1969-12-31", -1);
    expect_ok("2021-01-01", DAY_2021_01_01);
    expect_ok("2021-03-04", DAY_2021_01_01 + 31 + 28 + 3);
    expect_ok("2000-03-01", 10957 + 31 + 29);
    expect_ok("1900-01-02", DAY_1900_01_01 + 1);
    expect_ok("2100-12-31", DAY_2100_12_31);
    expect_ok("2020-02-29", DAY_2021_01_01 - 366 + 31 + 28);
}
END_TEST

START_TEST(test_day_month_year)
{
    expect_ok("04/03/2021", DAY_2021_01_01 + 31 + 28 + 3);
    expect_ok("4/3/2021", DAY_2021_01_01 + 31 + 28 + 3);
    expect_ok("1/2/2021", DAY_2021_01_01 + 31);
    expect_ok("01/2/2021", DAY_2021_01_01 + 31);
    expect_ok("1/02/2021", DAY_2021_01_01 + 31);
    expect_ok("31/12/2020", DAY_2021_01_01 - 1);
    expect_ok("29/02/2000", 10957 + 31 + 28);
}
END_TEST

START_TEST(test_time_ignored)
{
    sgk__day d = DAY_2021_01_01 + 31 + 28 + 3; /* 2021-03-04 */
    expect_ok("2021-03-04 10:15:00", d);
    expect_ok("2021-03-04T10:15", d);
    expect_ok("2021-03-04T10:15:00", d);
    expect_ok("2021-03-04 00:00:00.000", d);
    expect_ok("2021-03-04T10:15:00Z", d);
    expect_ok("2021-03-04T10:15:00+01:00", d);
    expect_ok("04/03/2021 10:15", d);
    expect_ok("4/3/2021 9:05", d);
    expect_ok("04/03/2021 09:05:59", d);
    expect_ok("04/03/2021 9:05 PM", d);
    expect_ok("04/03/2021  23:59", d);
}
END_TEST

START_TEST(test_blanks_trimmed)
{
    expect_ok("  2021-01-01", DAY_2021_01_01);
    expect_ok("2021-01-01   ", DAY_2021_01_01);
    expect_ok("\t 1/1/2021 \t", DAY_2021_01_01);
    expect_ok(" 44197 ", DAY_2021_01_01);
    expect_ok("2021-01-01 10:00 ", DAY_2021_01_01);
}
END_TEST

START_TEST(test_length_respected)
{
    sgk__day got = 0;
    const char *reason = NULL;
    /* Only the first ten bytes belong to the field. */
    ck_assert_int_eq(sgk__date_parse("2021-01-01XYZ", 10, &got, &reason),
                     SGK__DATE_OK);
    ck_assert_int_eq(got, DAY_2021_01_01);
    ck_assert_int_eq(sgk__date_parse("2021-01-01XYZ", 11, &got, &reason),
                     SGK__DATE_BAD);
}
END_TEST

START_TEST(test_excel_serials)
{
    expect_ok("44197", DAY_2021_01_01);
    expect_ok("44197.75", DAY_2021_01_01);
    expect_ok("44197.0", DAY_2021_01_01);
    expect_ok("45292", DAY_2024_01_01);
    expect_ok("2", DAY_1900_01_01 + 1);
    /* 59 is 28 February 1900; Excel's fictitious 29th is 60; 61 is
     * 1 March 1900, which is day 59 of 1900 counting from 0. */
    expect_ok("59", DAY_1900_01_01 + 58);
    expect_bad("60", "Excel serial day number 60 is 29 February 1900, "
                     "which does not exist");
    expect_bad("60.5", "Excel serial day number 60 is 29 February 1900, "
                       "which does not exist");
    expect_ok("61", DAY_1900_01_01 + 59);
    expect_ok("25569", 0);
    expect_ok("73415", DAY_2100_12_31);
    expect_ok("044197", DAY_2021_01_01);
}
END_TEST

START_TEST(test_no_date_spellings)
{
    expect_blank("");
    expect_blank(" ");
    expect_blank("     ");
    expect_blank("\t");
    expect_blank("1900-01-01");
    expect_blank("01/01/1900");
    expect_blank("1/1/1900");
    expect_blank("1900-01-01 00:00:00");
    expect_blank("01/01/1900 00:00");
    expect_blank("9999-12-31");
    expect_blank("31/12/9999");
    expect_blank("9999-12-31T00:00:00");
    expect_blank("31/12/9999 23:59");
    expect_blank("1");
    expect_blank("1.5");
    expect_blank("2958465");
    expect_blank(" 9999-12-31 ");
}
END_TEST

START_TEST(test_null_input_is_blank)
{
    sgk__day got = 0;
    const char *reason = "unset";
    ck_assert_int_eq(sgk__date_parse(NULL, 0, &got, &reason),
                     SGK__DATE_BLANK);
    ck_assert_int_eq(got, SGK__NO_DATE);
    ck_assert_ptr_null(reason);
}
END_TEST

START_TEST(test_impossible_dates)
{
    expect_bad("31/02/2021", "31 February does not exist");
    expect_bad("30/02/2020", "30 February does not exist");
    expect_bad("2021-02-29",
               "29 February does not exist in that year (not a leap year)");
    expect_bad("29/02/1900",
               "29 February does not exist in that year (not a leap year)");
    expect_bad("31/04/2021", "31 April does not exist");
    expect_bad("2021-06-31", "31 June does not exist");
    expect_bad("31/09/2021", "31 September does not exist");
    expect_bad("31/11/2021", "31 November does not exist");
    expect_bad("00/01/2021", "day 0 is not valid");
    expect_bad("2021-01-00", "day 0 is not valid");
    expect_bad("32/01/2021", "day is greater than 31");
    expect_bad("2021-13-01", "month is greater than 12");
    expect_bad("01/00/2021", "month 0 is not valid");
}
END_TEST

START_TEST(test_year_range)
{
    expect_bad("0000-01-01", "year 0 is outside 1900-2100");
    expect_bad("01/01/0000", "year 0 is outside 1900-2100");
    expect_bad("1899-12-31", "year is before 1900 (years must be 1900-2100)");
    expect_bad("2150-01-01", "year is after 2100 (years must be 1900-2100)");
    expect_bad("2101-01-01", "year is after 2100 (years must be 1900-2100)");
    expect_bad("9999-12-30", "year is after 2100 (years must be 1900-2100)");
    expect_bad("01/01/21", "year must have four digits");
    expect_bad("1/1/202", "year must have four digits");
    expect_bad("21-01-01", "year must have four digits");
    expect_bad("12021-01-01", "year must have four digits");
}
END_TEST

START_TEST(test_not_dates)
{
    const char *not_date = "not a date (expected YYYY-MM-DD or DD/MM/YYYY)";
    const char *trailing = "unexpected text after the date (only a time "
                           "such as 10:15 may follow)";
    expect_bad("tbc", not_date);
    expect_bad("TBC 2021", not_date);
    expect_bad("n/a", not_date);
    expect_bad("2021-03-04xyz", trailing);
    expect_bad("2021-03-04 see notes", trailing);
    expect_bad("04/03/2021 10", trailing);
    expect_bad("2021-03-04T", trailing);
    expect_bad("04/03/2021 10:15 extra", trailing);
    expect_bad("44197abc", not_date);
    expect_bad("12 March 2021", not_date);
    expect_bad("04.03.2021", trailing);
    expect_bad("2021-03-04 25:00", "the time after the date is not a "
                                   "valid time of day");
    expect_bad("2021-3-4", "month and day must have two digits in "
                           "YYYY-MM-DD");
    expect_bad("004/03/2021", "day and month must have one or two digits "
                              "in DD/MM/YYYY");
    expect_bad("2021/03/04", "YYYY/MM/DD is not accepted (expected "
                             "YYYY-MM-DD or DD/MM/YYYY)");
    expect_bad("44197.", not_date);
}
END_TEST

START_TEST(test_bad_serials)
{
    const char *range = "Excel serial day number out of range";
    expect_bad("0", range);
    expect_bad("73416", range); /* 2101-01-01 */
    expect_bad("2958464", range); /* 9999-12-30 */
    expect_bad("2958466", range);
    expect_bad("99999999999999999999", range);
    expect_bad("-1", "negative numbers are not dates");
    expect_bad("-44197", "negative numbers are not dates");
    expect_bad("-44197.5", "negative numbers are not dates");
}
END_TEST

START_TEST(test_parse_iso_strict)
{
    sgk__day d = 0;
    ck_assert_int_eq(sgk__date_parse_iso("2021-01-01", &d), 0);
    ck_assert_int_eq(d, DAY_2021_01_01);
    ck_assert_int_eq(sgk__date_parse_iso("1900-01-01", &d), 0);
    ck_assert_int_eq(d, DAY_1900_01_01);
    ck_assert_int_eq(sgk__date_parse_iso("2100-12-31", &d), 0);
    ck_assert_int_eq(d, DAY_2100_12_31);
    d = 7;
    ck_assert_int_eq(sgk__date_parse_iso("01/01/2021", &d), -1);
    ck_assert_int_eq(d, 7);
    ck_assert_int_eq(sgk__date_parse_iso("2021-01-01 10:00", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2021-01-01T10:00", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso(" 2021-01-01", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2021-1-01", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("44197", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2021-02-29", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2021-13-01", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2021-00-01", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("1899-12-31", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2101-01-01", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("9999-12-31", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso("2021-01-0", &d), -1);
    ck_assert_int_eq(sgk__date_parse_iso(NULL, &d), -1);
    ck_assert_int_eq(d, 7);
}
END_TEST

START_TEST(test_format)
{
    char buf[11];
    sgk__date_format(DAY_2021_01_01, buf);
    ck_assert_str_eq(buf, "2021-01-01");
    sgk__date_format(0, buf);
    ck_assert_str_eq(buf, "1970-01-01");
    sgk__date_format(-1, buf);
    ck_assert_str_eq(buf, "1969-12-31");
    sgk__date_format(DAY_1900_01_01, buf);
    ck_assert_str_eq(buf, "1900-01-01");
    sgk__date_format(DAY_2100_12_31, buf);
    ck_assert_str_eq(buf, "2100-12-31");
    sgk__date_format(DAY_2021_01_01 + 31 + 28 + 3, buf);
    ck_assert_str_eq(buf, "2021-03-04");
    /* No date prints as the dummy spelling, which parses back to it. */
    sgk__date_format(SGK__NO_DATE, buf);
    ck_assert_str_eq(buf, "9999-12-31");
}
END_TEST

/* Walks every day of 1900..2100 with its own month lengths and leap rule
 * and checks both conversions against the running count. */
START_TEST(test_round_trip_1900_2100)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    sgk__day count = DAY_1900_01_01;
    int y, m, d;

    for (y = 1900; y <= 2100; y++) {
        int leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
        for (m = 1; m <= 12; m++) {
            int days = len[m - 1] + (m == 2 && leap);
            ck_assert_int_eq(sgk__days_in_month(y, m), days);
            for (d = 1; d <= days; d++, count++) {
                int yy, mm, dd;
                ck_assert_int_eq(sgk__day_from_ymd(y, m, d), count);
                sgk__day_to_ymd(count, &yy, &mm, &dd);
                ck_assert(yy == y && mm == m && dd == d);
            }
        }
    }
    ck_assert_int_eq(count, DAY_2100_12_31 + 1);
}
END_TEST

START_TEST(test_weekday)
{
    ck_assert_int_eq(sgk__day_weekday(DAY_2021_01_01), 4); /* Friday */
    ck_assert_int_eq(sgk__day_weekday(0), 3);              /* Thursday */
    ck_assert_int_eq(sgk__day_weekday(-1), 2);             /* Wednesday */
    ck_assert_int_eq(sgk__day_weekday(DAY_1900_01_01), 0); /* Monday */
    ck_assert_int_eq(sgk__day_weekday(10957), 5); /* 2000-01-01 Saturday */
    ck_assert_int_eq(sgk__day_weekday(DAY_2024_01_01), 0); /* Monday */
    ck_assert_int_eq(sgk__day_weekday(DAY_2100_12_31), 4); /* Friday */
    ck_assert_int_eq(sgk__day_weekday(sgk__day_from_ymd(2020, 12, 25)), 4);
    ck_assert_int_eq(sgk__day_weekday(sgk__day_from_ymd(2022, 12, 25)), 6);
}
END_TEST

START_TEST(test_leap_years)
{
    ck_assert_int_eq(sgk__is_leap(1900), 0);
    ck_assert_int_eq(sgk__is_leap(2000), 1);
    ck_assert_int_eq(sgk__is_leap(2020), 1);
    ck_assert_int_eq(sgk__is_leap(2021), 0);
    ck_assert_int_eq(sgk__is_leap(2100), 0);
    ck_assert_int_eq(sgk__is_leap(2400), 1);
    ck_assert_int_eq(sgk__days_in_month(2020, 2), 29);
    ck_assert_int_eq(sgk__days_in_month(2021, 2), 28);
    ck_assert_int_eq(sgk__days_in_month(1900, 2), 28);
    ck_assert_int_eq(sgk__days_in_month(2021, 4), 30);
    ck_assert_int_eq(sgk__days_in_month(2021, 12), 31);
    ck_assert_int_eq(sgk__days_in_month(2021, 0), 0);
    ck_assert_int_eq(sgk__days_in_month(2021, 13), 0);
}
END_TEST

START_TEST(test_add_years)
{
    sgk__day leap_day = sgk__day_from_ymd(2020, 2, 29);
    ck_assert_int_eq(sgk__day_add_years(leap_day, 2),
                     sgk__day_from_ymd(2022, 3, 1));
    ck_assert_int_eq(sgk__day_add_years(leap_day, 4),
                     sgk__day_from_ymd(2024, 2, 29));
    ck_assert_int_eq(sgk__day_add_years(leap_day, 1),
                     sgk__day_from_ymd(2021, 3, 1));
    ck_assert_int_eq(sgk__day_add_years(leap_day, -4),
                     sgk__day_from_ymd(2016, 2, 29));
    ck_assert_int_eq(sgk__day_add_years(leap_day, 0), leap_day);
    ck_assert_int_eq(sgk__day_add_years(DAY_2021_01_01, 3), DAY_2024_01_01);
    ck_assert_int_eq(sgk__day_add_years(DAY_2024_01_01, -3), DAY_2021_01_01);
    ck_assert_int_eq(sgk__day_add_years(sgk__day_from_ymd(2021, 12, 31), 1),
                     sgk__day_from_ymd(2022, 12, 31));
    ck_assert_int_eq(sgk__day_add_years(SGK__NO_DATE, 18), SGK__NO_DATE);
}
END_TEST

/* The fast path for the two common shapes must agree with the calendar
 * arithmetic for every day it accepts. */
START_TEST(common_shapes_every_day)
{
    sgk__day first = sgk__day_from_ymd(1900, 1, 2);
    sgk__day last = sgk__day_from_ymd(2100, 12, 31), day, got;
    char iso[16], dmy[16];
    const char *why;
    for (day = first; day <= last; day++) {
        int y, m, d;
        sgk__day_to_ymd(day, &y, &m, &d);
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        snprintf(dmy, sizeof dmy, "%02d/%02d/%04d", d, m, y);
        ck_assert_int_eq(sgk__date_parse(iso, 10, &got, &why), SGK__DATE_OK);
        ck_assert_int_eq(got, day);
        ck_assert_int_eq(sgk__date_parse(dmy, 10, &got, &why), SGK__DATE_OK);
        ck_assert_int_eq(got, day);
    }
}
END_TEST

static Suite *dates_suite(void)
{
    Suite *s = suite_create("dates");
    TCase *parse_tc = tcase_create("parse");
    TCase *calc_tc = tcase_create("arithmetic");

    tcase_add_test(parse_tc, test_iso);

    tcase_add_test(parse_tc, common_shapes_every_day);
    tcase_add_test(parse_tc, test_day_month_year);
    tcase_add_test(parse_tc, test_time_ignored);
    tcase_add_test(parse_tc, test_blanks_trimmed);
    tcase_add_test(parse_tc, test_length_respected);
    tcase_add_test(parse_tc, test_excel_serials);
    tcase_add_test(parse_tc, test_no_date_spellings);
    tcase_add_test(parse_tc, test_null_input_is_blank);
    tcase_add_test(parse_tc, test_impossible_dates);
    tcase_add_test(parse_tc, test_year_range);
    tcase_add_test(parse_tc, test_not_dates);
    tcase_add_test(parse_tc, test_bad_serials);
    tcase_add_test(parse_tc, test_parse_iso_strict);
    tcase_add_test(parse_tc, test_format);
    tcase_add_test(calc_tc, test_round_trip_1900_2100);
    tcase_add_test(calc_tc, test_weekday);
    tcase_add_test(calc_tc, test_leap_years);
    tcase_add_test(calc_tc, test_add_years);
    suite_add_tcase(s, parse_tc);
    suite_add_tcase(s, calc_tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dates_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
