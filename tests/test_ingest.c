/* Ingestion through the public API: row accounting, rejections with file,
 * line and column, whole-file errors, and the three ways in agreeing. */
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "strpool.h"

static sgk_engine *engine(void)
{
    sgk_engine *e = NULL;
    ck_assert_int_eq(sgk_engine_new(&e), SGK_OK);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    return e;
}

static int add(sgk_engine *e, const char *csv, int kind)
{
    return sgk_engine_add_buffer(e, "x.csv", csv, strlen(csv), kind);
}

static void rows_are(const sgk_engine *e, int input, int64_t read,
                     int64_t used, int64_t rejected)
{
    ck_assert_int_eq(sgk_input_rows_read(e, input), read);
    ck_assert_int_eq(sgk_input_rows_used(e, input), used);
    ck_assert_int_eq(sgk_input_rows_rejected(e, input), rejected);
}

/* Finds the rejection at a line, checking its column header. */
static int64_t rejection_at(const sgk_engine *e, int64_t line,
                            const char *column)
{
    int64_t r;
    for (r = 0; r < sgk_engine_rejection_count(e); r++) {
        const char *c = sgk_rejection_column(e, r);
        if (sgk_rejection_line(e, r) != line)
            continue;
        if ((column == NULL && c == NULL) ||
            (column && c && strcmp(column, c) == 0))
            return r;
    }
    ck_abort_msg("no rejection at line %lld column %s", (long long)line,
                 column ? column : "(row)");
    return -1;
}

static const char assessments[] =
    "Child Unique ID,assessment_type,start_date,completion_date,team\n"
    "C1,initial,2021-04-06,2021-04-12,North\n"
    "C2,core,31/02/2021,,North\n"              /* bad required date */
    ",single,2021-05-01,,South\n"              /* blank child id */
    "C4,single,2021-05-01,tbc,South\n"         /* bad optional date */
    "C5,weekly,2021-05-01,,South\n"            /* unknown type */
    "C6,single,2021-05-01,2021-04-01,South\n"  /* completion before start */
    "\n"
    "C8,\"single\",\"2021-06-01\",\"\",\"West, upper\"\n";

START_TEST(row_accounting_and_rejections)
{
    sgk_engine *e = engine();
    int64_t r;
    ck_assert_int_eq(add(e, assessments, SGK_KIND_AUTO), 0);
    ck_assert_int_eq(sgk_input_kind(e, 0), SGK_KIND_ASSESSMENTS);
    rows_are(e, 0, 7, 4, 3);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    r = rejection_at(e, 3, "start_date");
    ck_assert_ptr_null(sgk_rejection_indicator(e, r));
    ck_assert_int_eq(sgk_rejection_column_number(e, r), 3);
    ck_assert_ptr_nonnull(strstr(sgk_rejection_reason(e, r),
                                 "31 February does not exist"));
    r = rejection_at(e, 4, "Child Unique ID");
    ck_assert_str_eq(sgk_rejection_reason(e, r), "child_id is blank");
    r = rejection_at(e, 5, "completion_date");
    ck_assert_str_eq(sgk_rejection_indicator(e, r),
                     "sa_timeliness,sa_overdue,sa_completed_late");
    ck_assert_str_eq(sgk_rejection_input(e, r), "x.csv");
    r = rejection_at(e, 6, "assessment_type");
    ck_assert_ptr_null(sgk_rejection_indicator(e, r));
    r = rejection_at(e, 7, "completion_date");
    ck_assert_ptr_nonnull(strstr(sgk_rejection_reason(e, r), "before"));
    ck_assert_int_eq(sgk_engine_rejection_count(e), 5);
    sgk_engine_free(e);
}
END_TEST

START_TEST(extra_fields_reject_the_row)
{
    sgk_engine *e = engine();
    ck_assert_int_eq(add(e, "child_id,referral_date\n"
                            "A,2021-05-01\n"
                            "B,2021-05-01,Team, with comma\n"
                            "C,2021-05-01,,\n", SGK_KIND_AUTO), 0);
    rows_are(e, 0, 3, 2, 1);
    ck_assert_int_eq(sgk_rejection_line(e, 0), 3);
    ck_assert_int_eq(sgk_rejection_column_number(e, 0), 3);
    sgk_engine_free(e);
}
END_TEST

START_TEST(bad_quoting_keeps_going)
{
    sgk_engine *e = engine();
    ck_assert_int_eq(add(e, "child_id,referral_date\n"
                            "A,2021-05-01\n"
                            "B\"x,2021-05-01\n"
                            "C,2021-05-02\n", SGK_KIND_AUTO), 0);
    rows_are(e, 0, 3, 2, 1);
    ck_assert_int_eq(sgk_rejection_line(e, 0), 3);
    ck_assert_int_eq(sgk_rejection_column_number(e, 0), 1);
    sgk_engine_free(e);
}
END_TEST

START_TEST(invalid_text)
{
    sgk_engine *e = engine();
    static const char csv[] = "child_id,referral_date,team\n"
                              "A,2021-05-01,\xFF\xFE\n"
                              "B\0C,2021-05-01,North\n";
    ck_assert_int_eq(sgk_engine_add_buffer(e, "t.csv", csv, sizeof csv - 1,
                                           SGK_KIND_AUTO), 0);
    rows_are(e, 0, 2, 1, 1);
    ck_assert_str_eq(sgk_rejection_indicator(e, 0), "by_team");
    ck_assert_ptr_null(sgk_rejection_indicator(e, 1));
    ck_assert_ptr_nonnull(strstr(sgk_rejection_reason(e, 1), "UTF-8"));
    sgk_engine_free(e);
}
END_TEST

/* A NUL or a byte that cannot start UTF-8, at every position of ids of
 * every length from 1 to 20: the ASCII check reads whole words, with the
 * last overlapping the one before, so each offset of each word is tried. */
START_TEST(invalid_text_every_position)
{
    static const char bad[] = {'\0', '\x80', '\xFF'};
    char csv[256];
    size_t len, at, b;
    for (len = 1; len <= 20; len++)
        for (at = 0; at < len; at++)
            for (b = 0; b < sizeof bad; b++) {
                sgk_engine *e = engine();
                size_t n = 0, i;
                n += (size_t)snprintf(csv, sizeof csv,
                                      "child_id,referral_date\n");
                for (i = 0; i < len; i++)
                    csv[n++] = i == at ? bad[b] : (char)('a' + i);
                n += (size_t)snprintf(csv + n, sizeof csv - n,
                                      ",2021-05-01\nok,2021-05-01\n");
                ck_assert_int_eq(sgk_engine_add_buffer(e, "t.csv", csv, n,
                                                       SGK_KIND_AUTO), 0);
                rows_are(e, 0, 2, 1, 1);
                ck_assert_int_eq(sgk_rejection_line(e, 0), 2);
                ck_assert_ptr_nonnull(
                    strstr(sgk_rejection_reason(e, 0), "UTF-8"));
                sgk_engine_free(e);
            }
}
END_TEST

START_TEST(whole_file_errors)
{
    sgk_engine *e = engine();
    ck_assert_int_eq(add(e, "", SGK_KIND_AUTO), SGK_E_EMPTY);
    ck_assert_int_eq(add(e, "\n\n", SGK_KIND_AUTO), SGK_E_EMPTY);
    ck_assert_int_eq(add(e, "child_id,team\nA,B\n", SGK_KIND_CP_PLANS),
                     SGK_E_MISSING_COLUMN);
    ck_assert_ptr_nonnull(strstr(sgk_engine_errmsg(e), "plan_start_date"));
    ck_assert_str_eq(sgk_engine_errfile(e), "x.csv");
    ck_assert_int_eq(sgk_engine_errline(e), 1);
    ck_assert_int_eq(add(e, "foo,bar\n1,2\n", SGK_KIND_AUTO),
                     SGK_E_UNKNOWN_KIND);
    ck_assert_int_eq(add(e, "\"child_id,referral_date\n", SGK_KIND_AUTO),
                     SGK_E_PARSE);
    ck_assert_int_eq(sgk_engine_add_file(e, "/nonexistent/a.csv", 0),
                     SGK_E_IO);
    ck_assert_ptr_nonnull(strstr(sgk_engine_errmsg(e), "/nonexistent/a.csv"));
    ck_assert_int_eq(sgk_engine_add_file(e, "/", 0), SGK_E_IO);
    ck_assert_ptr_nonnull(strstr(sgk_engine_errmsg(e), "directory"));
    /* Failed inputs are listed but contribute nothing. */
    ck_assert_int_eq(sgk_engine_input_count(e), 7);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_result_has_value(e, sgk_indicator_find("cp_repeat_"
                                                                "plans"),
                                          SGK_GROUP_TOTAL, 0), 0);
    sgk_engine_free(e);
}
END_TEST

START_TEST(header_only_is_fine)
{
    sgk_engine *e = engine();
    ck_assert_int_eq(add(e, "child_id,referral_date\r\n", SGK_KIND_AUTO), 0);
    rows_are(e, 0, 0, 0, 0);
    sgk_engine_free(e);
}
END_TEST

/* Renders everything an engine knows after compute, for comparisons. */
static void summary(sgk_engine *e, char *out, size_t cap)
{
    int i;
    int64_t r;
    size_t used = 0;
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    for (i = 0; i < sgk_indicator_count(); i++)
        used += (size_t)snprintf(out + used, cap - used, "%s=%g/%g;",
                                 sgk_indicator_id(i),
                                 sgk_result_numerator(e, i, 0, 0),
                                 sgk_result_denominator(e, i, 0, 0));
    for (r = 0; r < sgk_engine_rejection_count(e); r++)
        used += (size_t)snprintf(out + used, cap - used, "%lld:%d:%s;",
                                 (long long)sgk_rejection_line(e, r),
                                 sgk_rejection_column_number(e, r),
                                 sgk_rejection_reason(e, r));
    used += (size_t)snprintf(out + used, cap - used, "%lld/%lld/%lld",
                             (long long)sgk_input_rows_read(e, 0),
                             (long long)sgk_input_rows_used(e, 0),
                             (long long)sgk_input_rows_rejected(e, 0));
    ck_assert_uint_lt(used, cap);
}

START_TEST(byte_at_a_time_equals_one_buffer)
{
    static const char csv[] = "\xEF\xBB\xBF" "child_id,assessment_type,"
        "start_date,completion_date,notes\r\n"
        "C1,initial,2021-04-06,2021-04-12,\"a, \"\"quoted\"\"\r\nnote\"\r\n"
        "C2,core,2021-04-06,31/02/2021,x\r\n"
        "C3,single,2021-04-06,,\"y\"z\r\n"
        "C4,single,6/4/2021 09:30,2021-06-30T10:00:00,\r\n";
    char one[4096], bytes[4096];
    sgk_engine *e = engine();
    size_t i;
    ck_assert_int_eq(add(e, csv, SGK_KIND_AUTO), 0);
    summary(e, one, sizeof one);
    sgk_engine_free(e);
    e = engine();
    ck_assert_int_eq(sgk_engine_begin(e, "x.csv", SGK_KIND_AUTO), 0);
    for (i = 0; i < sizeof csv - 1; i++)
        ck_assert_int_eq(sgk_engine_feed(e, csv + i, 1), 0);
    ck_assert_int_eq(sgk_engine_finish(e), 0);
    summary(e, bytes, sizeof bytes);
    ck_assert_str_eq(one, bytes);
    ck_assert_ptr_nonnull(strstr(one, "4/3/1"));
    ck_assert_ptr_nonnull(strstr(one, "ia_timeliness=1/1;"));
    ck_assert_ptr_nonnull(strstr(one, "sa_timeliness=0/1;"));
    sgk_engine_free(e);
}
END_TEST

START_TEST(file_matches_buffer)
{
    char path[] = "/tmp/sgk_ingest_XXXXXX", one[4096], two[4096];
    int fd = mkstemp(path);
    FILE *fp;
    sgk_engine *e;
    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "wb");
    fputs(assessments, fp);
    fclose(fp);
    e = engine();
    ck_assert_int_eq(add(e, assessments, SGK_KIND_AUTO), 0);
    summary(e, one, sizeof one);
    sgk_engine_free(e);
    e = engine();
    ck_assert_int_eq(sgk_engine_add_file(e, path, SGK_KIND_AUTO), 0);
    summary(e, two, sizeof two);
    ck_assert_str_eq(one, two);
    sgk_engine_free(e);
    remove(path);
}
END_TEST

START_TEST(semicolon_delimiter_and_alias)
{
    sgk_engine *e = engine();
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_DELIMITER, ';'), 0);
    ck_assert_int_eq(sgk_engine_add_alias(e, "Kind Of Check", "assessment_type"),
                     0);
    ck_assert_int_eq(sgk_engine_add_alias(e, "x", "no_such_column"),
                     SGK_E_NOT_FOUND);
    ck_assert_int_eq(add(e, "child_id;Kind of check;start_date;"
                            "completion_date\n"
                            "A;a) Initial;2021-04-06;2021-04-12\n",
                         SGK_KIND_AUTO), 0);
    rows_are(e, 0, 1, 1, 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_double_eq(sgk_result_denominator(e, 0, SGK_GROUP_TOTAL, 0), 1);
    sgk_engine_free(e);
}
END_TEST

START_TEST(excel_serials_and_no_date_markers)
{
    sgk_engine *e = engine();
    int ind = sgk_indicator_find("ca_overdue");
    /* 44292 = 2021-04-06.  An end of 9999-12-31 or 1900-01-01 is open. */
    ck_assert_int_eq(add(e, "child_id,assessment_type,start_date,"
                            "completion_date\n"
                            "A,core,44292,9999-12-31\n"
                            "B,core,06/04/2021,01/01/1900\n"
                            "C,core,2021-04-06,\n", SGK_KIND_AUTO), 0);
    rows_are(e, 0, 3, 3, 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_double_eq(sgk_result_value(e, ind, SGK_GROUP_TOTAL, 0), 3);
    sgk_engine_free(e);
}
END_TEST

/* A name whose slot in a column's memory of recent names another name
 * holds is looked up in the pool, never taken for that other name.  The
 * names are searched for so that the test keeps biting if the slot mix
 * changes. */
static void same_slot_names(char *a, char *b, size_t size)
{
    static sgk__recent r;
    uint32_t *first;
    int n;
    snprintf(a, size, "Team 0");
    first = sgk__recent_slot(&r, a, strlen(a));
    for (n = 1; n < 100000; n++) {
        snprintf(b, size, "Team %d", n);
        if (sgk__recent_slot(&r, b, strlen(b)) == first)
            return;
    }
    ck_abort_msg("no two names share a slot");
}

START_TEST(names_sharing_a_recent_slot)
{
    sgk_engine *e = engine();
    char a[32], b[32], csv[1024];
    int ind = sgk_indicator_find("referral_decision_1wd"), k, seen = 0;
    same_slot_names(a, b, sizeof a);
    /* a, b, b, a, b: each name evicts the other from their shared slot. */
    snprintf(csv, sizeof csv,
             "child_id,referral_date,decision_date,team,worker\n"
             "C1,2021-05-04,2021-05-04,%s,%s\n"
             "C2,2021-05-04,2021-05-10,%s,%s\n"
             "C3,2021-05-04,2021-05-05,%s,%s\n"
             "C4,2021-05-04,2021-05-10,%s,%s\n"
             "C5,2021-05-04,2021-05-05,%s,%s\n",
             a, b, b, a, b, a, a, b, b, a);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1), 0);
    ck_assert_int_eq(add(e, csv, SGK_KIND_REFERRALS), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    rows_are(e, 0, 5, 5, 0);
    ck_assert_int_eq(sgk_engine_team_count(e), 2);
    for (k = 0; k < 2; k++) {
        const char *name = sgk_engine_team_name(e, k);
        double num = sgk_result_numerator(e, ind, SGK_GROUP_TEAM, k);
        double den = sgk_result_denominator(e, ind, SGK_GROUP_TEAM, k);
        if (strcmp(name, a) == 0) { /* C1 on time, C4 late */
            ck_assert(num == 1 && den == 2);
            seen |= 1;
        } else if (strcmp(name, b) == 0) { /* C2 late, C3 and C5 on time */
            ck_assert(num == 2 && den == 3);
            seen |= 2;
        }
    }
    ck_assert_int_eq(seen, 3);
    sgk_engine_free(e);
}
END_TEST

/* Child `k` of the long-ids test: lengths that are inline in the pool,
 * stored apart, fill the lookup queue's text early, or are too long to
 * queue at all. */
static void child_id(char *out, size_t cap, int k)
{
    static const size_t lens[] = {1, 11, 12, 300, 1500};
    size_t len = lens[k % 5], i;
    int n = snprintf(out, cap, "C%d-", k);
    for (i = (size_t)n; i < len && i + 1 < cap; i++)
        out[i] = (char)('a' + (i + (size_t)k) % 26);
    out[len > (size_t)n ? len : (size_t)n] = '\0';
}

/* Row i (line i + 2) of the long-ids test: 70 children, three plans
 * each, then one child with ten plans in a row (so the same id on
 * consecutive rows), every plan open and over two years old at the end of
 * the period. */
static int child_of_row(int i) { return i < 200 ? i % 70 : 5; }

static char *plans_of(void)
{
    size_t cap = 220 * 1600, at = 0;
    char *csv = malloc(cap), id[1600];
    int i;
    ck_assert_ptr_nonnull(csv);
    at += (size_t)snprintf(csv, cap, "child_id,plan_start_date,team\n");
    for (i = 0; i < 210; i++) {
        child_id(id, sizeof id, child_of_row(i));
        at += (size_t)snprintf(csv + at, cap - at, "%s,2019-%02d-%02d,T\n", id,
                               1 + i / 28, 1 + i % 28);
        ck_assert_uint_lt(at, cap);
    }
    return csv;
}

/* Child ids are looked up in batches after their rows are stored; each
 * case-level record must still name the child written on its line. */
START_TEST(child_ids_of_every_length_keep_their_rows)
{
    int ind = sgk_indicator_find("cp_open_2_years_plus");
    sgk_engine *e = engine();
    char *csv = plans_of(), id[1600];
    int64_t k, n;
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS, 1), 0);
    ck_assert_int_eq(add(e, csv, SGK_KIND_CP_PLANS), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    rows_are(e, 0, 210, 210, 0);
    n = sgk_exception_count(e, ind);
    ck_assert_int_eq(n, 210);
    for (k = 0; k < n; k++) {
        int64_t line = sgk_exception_line(e, ind, k);
        child_id(id, sizeof id, child_of_row((int)line - 2));
        ck_assert_str_eq(sgk_exception_child(e, ind, k), id);
    }
    sgk_engine_free(e);
    free(csv);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ingest");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, row_accounting_and_rejections);
    tcase_add_test(tc, extra_fields_reject_the_row);
    tcase_add_test(tc, bad_quoting_keeps_going);
    tcase_add_test(tc, invalid_text);
    tcase_add_test(tc, invalid_text_every_position);
    tcase_add_test(tc, whole_file_errors);
    tcase_add_test(tc, header_only_is_fine);
    tcase_add_test(tc, byte_at_a_time_equals_one_buffer);
    tcase_add_test(tc, file_matches_buffer);
    tcase_add_test(tc, semicolon_delimiter_and_alias);
    tcase_add_test(tc, excel_serials_and_no_date_markers);
    tcase_add_test(tc, names_sharing_a_recent_slot);
    tcase_add_test(tc, child_ids_of_every_length_keep_their_rows);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
