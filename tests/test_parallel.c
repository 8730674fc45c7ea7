/* Parallel ingestion and merging give exactly what one sequential read
 * gives: every result, breakdown, rejection and line number. */
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "cuts.h"

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
    int threads;
    for (threads = 2; threads <= 3; threads++)
        for (chunk = 1; chunk < (int64_t)sizeof csv; chunk++) {
            char *got = read_with(csv, threads, chunk);
            ck_assert_msg(strcmp(got, want) == 0,
                          "%d threads, chunk %lld differs", threads,
                          (long long)chunk);
            free(got);
        }
    free(want);
}
END_TEST

static size_t guess(const char *csv, size_t from)
{
    return sgk__cut_guess(csv, from, strlen(csv), ',');
}

START_TEST(cut_guesses_read_the_bytes_after_a_newline)
{
    /* The note's newline is at 4, and its record ends at 9. */
    static const char note[] = "1,\"x\ny\",z\n2,\"p\",q\n";
    static const char blanks[] = "1, \"x\n\" ,z\n2,\"w\"\n";
    static const char opens[] = "a\n\"b\"\n";
    ck_assert_uint_eq(guess("\"a\",b\nc,\"d\"\n", 0), 6);
    ck_assert_uint_eq(guess("a,b\nc,d", 5), 7); /* no newline: the end */
    ck_assert_uint_eq(guess("a,b\n", 0), 4);
    /* No quote in sight: the newline ends a record. */
    ck_assert_uint_eq(guess("a,b\nc,d\n", 0), 4);
    ck_assert_uint_eq(guess("a,b\nc,d\n", 4), 8);
    /* Read as a record start, "y" is followed by a quote strict CSV
     * forbids there, so the newline is inside the note. */
    ck_assert_uint_eq(guess(note, 0), 10);
    ck_assert_uint_eq(guess(note, 5), 10);
    ck_assert_uint_eq(guess(blanks, 0), 11);
    /* Read as inside a quoted field, "b" follows a closing quote. */
    ck_assert_uint_eq(guess(opens, 0), 2);
    /* The reading as a record start breaks before the note ends. */
    ck_assert_uint_eq(guess("1,\"x\ny\"\",z\"\nq\n", 0), 12);
    ck_assert_uint_eq(sgk__cut_guess("a;\"x\ny\";z\nq;r\n", 0, 14, ';'),
                      10);
}
END_TEST

START_TEST(cut_guesses_give_way_to_counting)
{
    /* A quote that fits both readings, then text that does too, past the
     * window. */
    size_t n = SGK__CUT_WINDOW + 100, i;
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    for (i = 0; i < n; i++)
        s[i] = i % 10 == 9 ? '\n' : 'a';
    s[n] = '\0';
    memcpy(s + 10, ",\",", 3); /* a field opening, or a quoted field closing */
    ck_assert_uint_eq(sgk__cut_guess(s, 0, n, ','), SGK__CUT_UNSURE);
    memcpy(s + 10, "aaa", 3);
    ck_assert_uint_eq(sgk__cut_guess(s, 0, n, ','), 10);
    ck_assert_uint_eq(sgk__cut_counted(s, 0, 0, n), 10);
    /* The reading inside a quoted field breaks after the other has. */
    ck_assert_uint_eq(guess("a\n\"\"x\"y\n", 0), SGK__CUT_UNSURE);
    /* Counting from a record's start: the first newline is quoted. */
    memcpy(s, "\"a\naaa\"a\n", 9);
    ck_assert_uint_eq(sgk__cut_counted(s, 0, 1, n), 9);
    ck_assert_uint_eq(sgk__cut_counted(s, 0, 9, n), 10);
    free(s);
}
END_TEST

/* A note longer than a guess looks ahead, across every cut. */
START_TEST(threads_match_with_a_long_note)
{
    size_t note = SGK__CUT_WINDOW * 2, used, i;
    char *rows = make_assessments(200, 0), *csv;
    size_t nrows = strlen(rows);
    csv = malloc(nrows * 2 + note + 64);
    ck_assert_ptr_nonnull(csv);
    memcpy(csv, rows, nrows);
    used = nrows;
    used += (size_t)sprintf(csv + used, "C1,core,2021-05-01,,T1,\"");
    for (i = 0; i < note; i++)
        csv[used++] = i % 40 == 39 ? '\n' : 'n';
    csv[used++] = '"';
    csv[used++] = '\n';
    /* The same rows again after it, less their header. */
    memcpy(csv + used, strchr(rows, '\n') + 1,
           nrows - (size_t)(strchr(rows, '\n') + 1 - rows) + 1);
    same_for_all_thread_counts(csv);
    free(rows);
    free(csv);
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

/* Duplicates are marked kind by kind on as many threads; the fixture has
 * them in three kinds and four inputs. */
static char *duplicates_with(int threads)
{
    static const char *const files[] = {"cp_plans.csv", "cp_plans_b.csv",
                                        "cases.csv", "care_leavers.csv"};
    sgk_engine *e = engine(threads, 1 << 20);
    char path[512], *s;
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/duplicates/%s", SGK_TEST_DATA,
                 files[i]);
        ck_assert_int_eq(sgk_engine_add_file(e, path, 0), 0);
    }
    s = summary(e);
    ck_assert_int_eq(sgk_input_duplicates(e, 0), 2);
    ck_assert_int_eq(sgk_input_duplicates(e, 1), 0);
    ck_assert_int_eq(sgk_input_duplicates(e, 2), 1);
    ck_assert_int_eq(sgk_input_duplicates(e, 3), 1);
    sgk_engine_free(e);
    return s;
}

START_TEST(duplicates_on_threads)
{
    static const int threads[] = {2, 3, 8};
    char *want = duplicates_with(1);
    size_t t;
    ck_assert_ptr_nonnull(strstr(want, "duplicate of line 4"));
    for (t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        char *got = duplicates_with(threads[t]);
        ck_assert_str_eq(got, want);
        free(got);
    }
    free(want);
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
    tcase_add_test(tc, cut_guesses_read_the_bytes_after_a_newline);
    tcase_add_test(tc, cut_guesses_give_way_to_counting);
    tcase_add_test(tc, threads_match_with_a_long_note);
    tcase_add_test(tc, file_path_in_parallel);
    tcase_add_test(tc, merged_engines_match_one);
    tcase_add_test(tc, duplicates_on_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
