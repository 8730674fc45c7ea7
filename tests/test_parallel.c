/* Parallel ingestion and merging give exactly what one sequential read
 * gives: every result, breakdown, rejection and line number. */
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"

/* Assessments with quoted notes whose newlines and commas sit wherever the
 * cuts may fall, a stray quote that upsets the quote count, bad dates and
 * an unterminated quote at the very end. */
static char *make_assessments(int rows, int broken_end)
{
    size_t cap = (size_t)rows * 160 + 256, used = 0;
    char *s = malloc(cap);
    int i;
    ck_assert_ptr_nonnull(s);
    used += (size_t)snprintf(s, cap, "child_id,assessment_type,start_date,"
                                     "completion_date,team,notes\n");
    for (i = 0; i < rows; i++) {
        static const char *const types[] = {"initial", "core", "single"};
        static const char *const notes[] = {
            "", "\"line one\nline two\"", "\"a, b\"\"c\"\"\n\n,d\"",
            "plain", "\"\n\"", "x\"y"};
        /* Every 37th row repeats the last one's child and start: a
         * duplicate, which must be found across chunks too. */
        int j = i % 37 == 36 ? i - 1 : i;
        int day = 1 + (j * 7) % 28, month = 4 + j % 9;
        used += (size_t)snprintf(
            s + used, cap - used, "C%d,%s,2021-%02d-%02d,%s,T%d,%s\n", j % 97,
            types[j % 3], month, day,
            i % 5 == 0 ? "" : i % 17 == 0 ? "31/02/2021" : "2022-01-14",
            i % 4, notes[i % 6]);
    }
    if (broken_end)
        used += (size_t)snprintf(s + used, cap - used, "Z,core,2021-04-01,,"
                                                       "T1,\"never closed\n");
    ck_assert_uint_lt(used, cap);
    return s;
}

static void append(char **out, size_t *used, size_t *cap, const char *text)
{
    size_t n = strlen(text);
    if (*used + n + 1 > *cap) {
        *cap = (*used + n + 1) * 2;
        *out = realloc(*out, *cap);
        ck_assert_ptr_nonnull(*out);
    }
    memcpy(*out + *used, text, n + 1);
    *used += n;
}

static void cells(sgk_engine *e, int group, int k, char **out, size_t *used,
                  size_t *cap)
{
    char buf[128];
    int i;
    for (i = 0; i < sgk_indicator_count(); i++) {
        snprintf(buf, sizeof buf, "%g/%g;", sgk_result_numerator(e, i, group, k),
                 sgk_result_denominator(e, i, group, k));
        append(out, used, cap, buf);
    }
}

/* Everything an engine can tell after compute, as one string. */
static char *summary(sgk_engine *e)
{
    char *out = NULL, buf[600];
    size_t used = 0, cap = 0;
    int k, i;
    int64_t r;
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    append(&out, &used, &cap, "");
    cells(e, SGK_GROUP_TOTAL, 0, &out, &used, &cap);
    for (k = 0; k < sgk_engine_team_count(e); k++) {
        append(&out, &used, &cap, sgk_engine_team_name(e, k));
        cells(e, SGK_GROUP_TEAM, k, &out, &used, &cap);
    }
    for (k = 0; k < sgk_engine_month_count(e); k++)
        cells(e, SGK_GROUP_MONTH, k, &out, &used, &cap);
    for (r = 0; r < sgk_engine_rejection_count(e); r++) {
        snprintf(buf, sizeof buf, "\n%s:%lld:%d:%s", sgk_rejection_input(e, r),
                 (long long)sgk_rejection_line(e, r),
                 sgk_rejection_column_number(e, r), sgk_rejection_reason(e, r));
        append(&out, &used, &cap, buf);
    }
    for (i = 0; i < sgk_engine_input_count(e); i++) {
        snprintf(buf, sizeof buf, "\n%s %lld/%lld/%lld d%lld",
                 sgk_input_name(e, i), (long long)sgk_input_rows_read(e, i),
                 (long long)sgk_input_rows_used(e, i),
                 (long long)sgk_input_rows_rejected(e, i),
                 (long long)sgk_input_duplicates(e, i));
        append(&out, &used, &cap, buf);
    }
    for (k = 0; k < sgk_dq_count(e); k++) {
        snprintf(buf, sizeof buf, "\ndq %d %s %lld %lld %lld",
                 sgk_dq_input(e, k), sgk_dq_field(e, k),
                 (long long)sgk_dq_rows(e, k), (long long)sgk_dq_blank(e, k),
                 (long long)sgk_dq_invalid(e, k));
        append(&out, &used, &cap, buf);
    }
    for (i = 0; i < sgk_indicator_count(); i++)
        for (r = 0; r < sgk_exception_count(e, i); r++) {
            snprintf(buf, sizeof buf, "\nx%d %s %lld", i,
                     sgk_exception_child(e, i, r),
                     (long long)sgk_exception_line(e, i, r));
            append(&out, &used, &cap, buf);
        }
    return out;
}

static sgk_engine *engine(int threads, int64_t min_chunk)
{
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_BY_MONTH, 1), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS, 1), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_THREADS, threads), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_MIN_CHUNK, min_chunk),
                     0);
    return e;
}

static char *read_with(const char *csv, int threads, int64_t min_chunk)
{
    sgk_engine *e = engine(threads, min_chunk);
    char *s;
    ck_assert_int_eq(sgk_engine_add_buffer(e, "a.csv", csv, strlen(csv), 0),
                     0);
    s = summary(e);
    sgk_engine_free(e);
    return s;
}

static void same_for_all_thread_counts(const char *csv)
{
    static const int threads[] = {2, 3, 8};
    static const int64_t chunks[] = {1, 7, 64, 333, 4096};
    char *want = read_with(csv, 1, 1 << 20);
    size_t t, c;
    for (t = 0; t < sizeof threads / sizeof threads[0]; t++)
        for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            char *got = read_with(csv, threads[t], chunks[c]);
            ck_assert_msg(strcmp(got, want) == 0,
                          "%d threads, chunks of %lld differ", threads[t],
                          (long long)chunks[c]);
            free(got);
        }
    free(want);
}

START_TEST(threads_match_sequential)
{
    char *csv = make_assessments(400, 0);
    same_for_all_thread_counts(csv);
    free(csv);
}
END_TEST

START_TEST(threads_match_with_broken_end)
{
    char *csv = make_assessments(300, 1);
    same_for_all_thread_counts(csv);
    free(csv);
}
END_TEST

START_TEST(every_split_point)
{
    /* Small enough to try a cut after every byte with two threads. */
    static const char csv[] =
        "child_id,case_start_date,worker,category,team,notes\r\n"
        "A,2021-01-01,,CP,\"North\nEast\",\"x\r\ny\"\r\n"
        "B,2021-01-01,Sam,CLA,South,\"\"\"\"\r\n"
        "C,2021-13-01,,CLA,South,\r\n"
        "D,2021-02-01,,CIN,,q\"q\r\n"
        "E,2021-02-01,,CLA,West,\"\n\n\"\r\n";
    char *want = read_with(csv, 1, 1 << 20);
    int64_t chunk;
    for (chunk = 1; chunk < (int64_t)sizeof csv; chunk++) {
        char *got = read_with(csv, 2, chunk);
        ck_assert_msg(strcmp(got, want) == 0, "chunk %lld differs",
                      (long long)chunk);
        free(got);
    }
    free(want);
}
END_TEST

/* A file is mapped, read in steps and its pages handed back as they are
 * passed; where a cut is doubtful the rest is read again from the pages
 * already given back.  Either way the result is the sequential one. */
static void file_same_for_all_thread_counts(const char *csv)
{
    static const int threads[] = {2, 3, 8};
    static const int64_t chunks[] = {1, 100, 5000};
    char path[] = "/tmp/sgk_par_XXXXXX", *want;
    int fd = mkstemp(path);
    size_t t, c;
    FILE *fp;
    sgk_engine *e;
    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(csv, fp);
    fclose(fp);
    e = engine(1, 1 << 20);
    ck_assert_int_eq(sgk_engine_add_file(e, path, 0), 0);
    want = summary(e);
    sgk_engine_free(e);
    for (t = 0; t < sizeof threads / sizeof threads[0]; t++)
        for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
            char *got;
            e = engine(threads[t], chunks[c]);
            ck_assert_int_eq(sgk_engine_add_file(e, path, 0), 0);
            got = summary(e);
            sgk_engine_free(e);
            ck_assert_msg(strcmp(got, want) == 0,
                          "file: %d threads, chunks of %lld differ",
                          threads[t], (long long)chunks[c]);
            free(got);
        }
    free(want);
    remove(path);
}

START_TEST(file_path_in_parallel)
{
    char *csv = make_assessments(500, 0);
    file_same_for_all_thread_counts(csv);
    free(csv);
    csv = make_assessments(500, 1);
    file_same_for_all_thread_counts(csv);
    free(csv);
}
END_TEST

START_TEST(merged_engines_match_one)
{
    static const char cp1[] =
        "child_id,plan_start_date,plan_end_date,previous_plans,team\n"
        "A,2019-04-01,2021-06-01,0,North\n"
        "B,2021-05-05,,0,South\n";
    static const char cp2[] =
        "child_id,plan_start_date,plan_end_date,previous_plans,team\n"
        "A,2021-07-01,,0,West\n"
        "C,2021-05-05,bad,,North\n";
    sgk_engine *one = engine(1, 1 << 20), *a = engine(1, 1 << 20);
    sgk_engine *b = engine(1, 1 << 20);
    char *want, *got;
    ck_assert_int_eq(sgk_engine_add_buffer(one, "cp1", cp1, strlen(cp1), 0),
                     0);
    ck_assert_int_eq(sgk_engine_add_buffer(one, "cp2", cp2, strlen(cp2), 0),
                     0);
    want = summary(one);
    ck_assert_int_eq(sgk_engine_add_buffer(a, "cp1", cp1, strlen(cp1), 0), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(b, "cp2", cp2, strlen(cp2), 0), 0);
    ck_assert_int_eq(sgk_engine_compute(b), 0); /* src results are ignored */
    ck_assert_int_eq(sgk_engine_merge(a, b), 0);
    ck_assert_int_eq(sgk_engine_merge(a, a), SGK_E_INVALID_ARGUMENT);
    got = summary(a);
    ck_assert_str_eq(got, want);
    /* A's repeat plan is only visible after pooling: 1 of 2 children. */
    ck_assert_double_eq(sgk_result_numerator(a, sgk_indicator_find(
        "cp_repeat_plans"), SGK_GROUP_TOTAL, 0), 1);
    free(want);
    free(got);
    sgk_engine_free(one);
    sgk_engine_free(a);
    sgk_engine_free(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("parallel");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, threads_match_sequential);
    tcase_add_test(tc, threads_match_with_broken_end);
    tcase_add_test(tc, every_split_point);
    tcase_add_test(tc, file_path_in_parallel);
    tcase_add_test(tc, merged_engines_match_one);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
