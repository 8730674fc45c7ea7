/* The engine's contract: argument checks, ordering, ownership, the
 * allocator hooks (including failure at every allocation), and engines in
 * separate threads. */
#include "check_run.h"
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sgkpi.h"

START_TEST(null_handles_are_safe)
{
    sgk_engine_free(NULL);
    ck_assert_int_eq(sgk_engine_new(NULL), SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_period(NULL, "2021-01-01", "2021-02-01"),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_compute(NULL), SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_add_file(NULL, "x", 0),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_input_count(NULL), 0);
    ck_assert_int_eq(sgk_engine_rejection_count(NULL), 0);
    ck_assert_int_eq(sgk_result_has_value(NULL, 0, 0, 0), 0);
    ck_assert(isnan(sgk_result_value(NULL, 0, 0, 0)));
    ck_assert_ptr_null(sgk_engine_team_name(NULL, 0));
    ck_assert_ptr_nonnull(sgk_strerror(-9999));
    ck_assert_str_eq(sgk_strerror(SGK_OK), "success");
    ck_assert_ptr_null(sgk_indicator_id(-1));
    ck_assert_ptr_null(sgk_indicator_id(sgk_indicator_count()));
    ck_assert_int_eq(sgk_indicator_find("nope"), -1);
    ck_assert_ptr_null(sgk_status_name(SGK_STATUS_NONE));
}
END_TEST

START_TEST(indicator_table_is_stable)
{
    static const char *const ids[] = {
        "ia_timeliness", "ca_timeliness", "sa_timeliness", "ia_overdue",
        "ca_overdue", "sa_overdue", "ia_completed_late", "ca_completed_late",
        "sa_completed_late", "unallocated_over_28_days", "unallocated_cp_cla",
        "cp_plans_2_years_plus", "cp_open_2_years_plus", "cp_repeat_plans",
        "adoption_rate", "sw_vacancy_rate", "sw_agency_rate"};
    int i, n = (int)(sizeof ids / sizeof ids[0]);
    ck_assert_int_ge(sgk_indicator_count(), n);
    for (i = 0; i < n; i++) {
        ck_assert_str_eq(sgk_indicator_id(i), ids[i]);
        ck_assert_int_eq(sgk_indicator_find(ids[i]), i);
        ck_assert_ptr_nonnull(sgk_indicator_label(i));
        ck_assert_ptr_nonnull(sgk_indicator_definition(i));
        ck_assert_ptr_nonnull(sgk_indicator_source(i));
        ck_assert_int_gt(sgk_indicator_kind(i), 0);
    }
    ck_assert_int_eq(sgk_indicator_unit(0), SGK_UNIT_PERCENT);
    ck_assert_int_eq(sgk_indicator_unit(3), SGK_UNIT_COUNT);
    ck_assert_int_eq(sgk_indicator_unit(sgk_indicator_find("ia_per_10k")),
                     SGK_UNIT_RATE_PER_10K);
    ck_assert_int_eq(sgk_indicator_unit(sgk_indicator_find("caseload_mean")),
                     SGK_UNIT_AVERAGE);
}
END_TEST

START_TEST(settings_are_checked)
{
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_IA_TIMESCALE), 7);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_CA_TIMESCALE), 35);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_SA_TIMESCALE), 45);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_UNALLOCATED_DAYS), 28);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_POPULATION), 0);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_REFERRAL_WINDOW), 30);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_PER_10K_TYPE),
                     SGK_ASSESSMENT_INITIAL);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_POPULATION, -1),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_REFERRAL_WINDOW, 1001),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_REFERRAL_WINDOW, 0), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_PER_10K_TYPE, 4),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_PER_10K_TYPE,
                                           SGK_ASSESSMENT_SINGLE), 0);
    ck_assert_int_eq(sgk_engine_get_option(e, 999), -1);
    ck_assert_int_eq(sgk_engine_set_option(e, 999, 1), SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_IA_TIMESCALE, 0),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_DELIMITER, '"'),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_IA_TIMESCALE, 10), 0);
    ck_assert_int_eq(sgk_engine_get_option(e, SGK_OPT_IA_TIMESCALE), 10);
    ck_assert_int_eq(sgk_engine_compute(e), SGK_E_NO_PERIOD);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-02-30", "2021-03-01"),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(sgk_engine_errmsg(e), "2021-02-30"));
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-03-01", "2021-02-01"),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_set_period(e, "01/03/2021", "2021-04-01"),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_add_closure_day(e, "tomorrow"),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "x", "a", 1, 42),
                     SGK_E_INVALID_ARGUMENT);
    ck_assert_int_eq(sgk_engine_use_profile(e, "nowhere-1999"),
                     SGK_E_NOT_FOUND);
    sgk_engine_free(e);
}
END_TEST

START_TEST(streams_must_be_in_order)
{
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    ck_assert_int_eq(sgk_engine_feed(e, "x", 1), SGK_E_STATE);
    ck_assert_int_eq(sgk_engine_finish(e), SGK_E_STATE);
    ck_assert_int_eq(sgk_engine_begin(e, "s", SGK_KIND_AUTO), 0);
    ck_assert_int_eq(sgk_engine_begin(e, "t", SGK_KIND_AUTO), SGK_E_STATE);
    ck_assert_int_eq(sgk_engine_compute(e), SGK_E_STATE);
    ck_assert_int_eq(sgk_engine_feed(e, "child_id,referral_date\nA,", 25), 0);
    /* Freeing with a stream open must not leak (valgrind checks). */
    sgk_engine_free(e);
}
END_TEST

START_TEST(results_before_compute_are_empty)
{
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_result_has_value(e, 0, SGK_GROUP_TOTAL, 0), 0);
    ck_assert_int_eq(sgk_engine_team_count(e), 0);
    ck_assert_int_eq(sgk_engine_month_count(e), 0);
    ck_assert_ptr_null(sgk_result_threshold_op(e, 0));
    ck_assert_ptr_null(sgk_result_note(e, 0));
    ck_assert_ptr_null(sgk_result_note(NULL, 0));
    sgk_engine_free(e);
}
END_TEST

/* ---- allocator hooks ---- */

typedef struct counter {
    long live;       /* allocations not yet freed */
    long calls;      /* allocations and growths so far */
    long fail_at;    /* fail this call (1-based); 0 = never */
} counter;

static void *count_realloc(void *ptr, size_t size, void *user)
{
    counter *c = user;
    void *p;
    c->calls++;
    if (c->fail_at && c->calls == c->fail_at)
        return NULL;
    p = realloc(ptr, size);
    if (p && !ptr)
        c->live++;
    return p;
}

static void count_free(void *ptr, void *user)
{
    counter *c = user;
    if (ptr)
        c->live--;
    free(ptr);
}

static const char fixture_cp[] =
    "child_id,plan_start_date,plan_end_date,previous_plans,team\n"
    "A,2019-04-01,2021-06-01,0,North\n"
    "A,2021-07-01,,0,North\n"
    "B,2021-05-05,,1,South\n"
    "C,2021-05-05,bad,,\n";
/* With a duplicate (line 4) and an ethnicity column, so that the
 * allocations of duplicates, data quality and ethnicity fail too. */
static const char fixture_cases[] =
    "child_id,case_start_date,worker,category,team,ethnicity\n"
    "A,2021-01-01,,CP,North,WBRI\n"
    "B,2021-01-01,Sam,CLA,South,\n"
    "A,2021-01-01,,CP,North,WBRI\n";
/* Front door: the joins and look-backs sort keys of their own. */
static const char fixture_referrals[] =
    "child_id,referral_date,decision_date,team\n"
    "A,2021-05-01,2021-05-04,North\n"
    "A,2021-06-01,,North\n"
    "D,2021-07-01,2021-06-01,South\n";
static const char fixture_assessments[] =
    "child_id,assessment_type,start_date,completion_date\n"
    "A,initial,2021-05-10,2021-05-12\n";

/* A full run: every status must be OK or SGK_E_NOMEM. */
static int full_run(counter *c)
{
    sgk_engine *e = NULL;
    int rc = sgk_engine_new_with_allocator(count_realloc, count_free, c, &e);
    if (rc == 0)
        rc = sgk_engine_set_period(e, "2021-04-01", "2022-03-31");
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1);
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_BY_MONTH, 1);
    if (rc == 0)
        rc = sgk_engine_use_profile(e, "kent-2011");
    if (rc == 0)
        rc = sgk_engine_add_closure_day(e, "2021-12-29");
    if (rc == 0)
        rc = sgk_engine_add_buffer(e, "cp.csv", fixture_cp,
                                   strlen(fixture_cp), SGK_KIND_AUTO);
    if (rc == 0)
        rc = sgk_engine_add_buffer(e, "cases.csv", fixture_cases,
                                   strlen(fixture_cases), SGK_KIND_AUTO);
    if (rc == 0)
        rc = sgk_engine_add_buffer(e, "referrals.csv", fixture_referrals,
                                   strlen(fixture_referrals), SGK_KIND_AUTO);
    if (rc == 0)
        rc = sgk_engine_add_buffer(e, "assessments.csv", fixture_assessments,
                                   strlen(fixture_assessments),
                                   SGK_KIND_AUTO);
    if (rc == 0)
        rc = sgk_engine_set_option(e, SGK_OPT_POPULATION, 1000);
    if (rc == 0)
        rc = sgk_engine_compute(e);
    if (rc == 0) {
        ck_assert_int_eq(sgk_result_has_value(
            e, sgk_indicator_find("cp_repeat_plans"), SGK_GROUP_TOTAL, 0), 1);
        /* A's first referral is followed by the IA 9 days later, its
         * second (after the IA) is not, and D has no assessment: 1/3. */
        ck_assert_double_eq(sgk_result_value(
            e, sgk_indicator_find("referral_to_assessment"), SGK_GROUP_TOTAL,
            0), 100.0 / 3);
        ck_assert_double_eq(sgk_result_value(
            e, sgk_indicator_find("caseload_mean"), SGK_GROUP_TOTAL, 0), 1);
    }
    sgk_engine_free(e);
    return rc;
}

START_TEST(all_memory_goes_through_the_hooks)
{
    counter c = {0, 0, 0};
    ck_assert_int_eq(full_run(&c), 0);
    ck_assert_int_gt(c.calls, 10);
    ck_assert_int_eq(c.live, 0);
}
END_TEST

START_TEST(every_allocation_failure_is_clean)
{
    counter probe = {0, 0, 0};
    long n;
    ck_assert_int_eq(full_run(&probe), 0);
    for (n = 1; n <= probe.calls; n++) {
        counter c = {0, 0, 0};
        int rc;
        c.fail_at = n;
        rc = full_run(&c);
        ck_assert_msg(rc == 0 || rc == SGK_E_NOMEM,
                      "failing allocation %ld gave %d", n, rc);
        ck_assert_msg(c.live == 0, "failing allocation %ld leaked %ld", n,
                      c.live);
    }
}
END_TEST

/* ---- threads ---- */

static void *thread_run(void *arg)
{
    double *out = arg;
    sgk_engine *e;
    int i;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "cp.csv", fixture_cp,
                                           strlen(fixture_cp), 0), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    for (i = 0; i < sgk_indicator_count(); i++)
        out[i] = sgk_result_numerator(e, i, SGK_GROUP_TOTAL, 0);
    sgk_engine_free(e);
    return NULL;
}

START_TEST(engines_in_two_threads)
{
    double a[64], b[64], solo[64];
    pthread_t ta, tb;
    int i;
    thread_run(solo);
    ck_assert_int_eq(pthread_create(&ta, NULL, thread_run, a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, thread_run, b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    for (i = 0; i < sgk_indicator_count(); i++) {
        if (isnan(solo[i])) {
            ck_assert(isnan(a[i]) && isnan(b[i]));
            continue;
        }
        ck_assert_double_eq(a[i], solo[i]);
        ck_assert_double_eq(b[i], solo[i]);
    }
}
END_TEST

START_TEST(recompute_gives_the_same)
{
    sgk_engine *e;
    int64_t n;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "cp.csv", fixture_cp,
                                           strlen(fixture_cp), 0), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    n = sgk_engine_rejection_count(e);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_int_eq(sgk_engine_rejection_count(e), n);
    sgk_engine_free(e);
}
END_TEST

/* ---- files ---- */

/* A cp_plans extract of `rows` rows, for reading from a file. */
static char *plans(int rows)
{
    size_t cap = 64 + (size_t)rows * 40, used;
    char *s = malloc(cap);
    int i;
    ck_assert_ptr_nonnull(s);
    used = (size_t)snprintf(s, cap, "child_id,plan_start_date,plan_end_date,"
                                    "previous_plans,team\n");
    for (i = 0; i < rows; i++)
        used += (size_t)snprintf(s + used, cap - used,
                                 "C%d,2021-05-%02d,,0,T%d\n", i, 1 + i % 28,
                                 i % 3);
    return s;
}

typedef struct heard {
    int calls, backwards;
    int64_t done, total;
} heard;

static void hear(int64_t done, int64_t total, void *user)
{
    heard *h = user;
    if (done < h->done)
        h->backwards++;
    h->calls++;
    h->done = done;
    h->total = total;
}

/* Reads a file and checks that progress only went forward and ended at
 * its size, after at least `calls` reports. */
static void progress_of(const char *path, size_t len, int threads,
                        int64_t min_chunk, int calls, int64_t rows)
{
    sgk_engine *e;
    heard h = {0, 0, 0, 0};
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_THREADS, threads), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_MIN_CHUNK, min_chunk),
                     0);
    ck_assert_int_eq(sgk_engine_set_progress(e, hear, &h), 0);
    ck_assert_int_eq(sgk_engine_add_file(e, path, 0), 0);
    ck_assert_int_eq(sgk_input_rows_read(e, 0), rows);
    ck_assert_int_ge(h.calls, calls);
    ck_assert_int_eq(h.backwards, 0);
    ck_assert_int_eq(h.done, (int64_t)len);
    ck_assert_int_eq(h.total, (int64_t)len);
    sgk_engine_free(e);
}

static void write_file(char *path, const char *text)
{
    size_t len = strlen(text);
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
}

START_TEST(files_report_their_progress)
{
    char path[] = "/tmp/sgk_progress_XXXXXX", *csv = plans(300), *q;
    size_t len = strlen(csv);
    write_file(path, csv);
    /* One thread reads the file as a stream, in large blocks; two in
     * small pieces, each heard of; a file too small to cut, once. */
    progress_of(path, len, 1, 512, 1, 300);
    progress_of(path, len, 2, 512, 4, 300);
    progress_of(path, len, 2, 1 << 20, 1, 300);
    remove(path);
    /* A quote opening a field half way makes the rest of the file one
     * unterminated field, so every later cut is wrong and the rest is
     * read on the calling thread: progress must still run on to the
     * end.  Rows C0 to C29999 and the broken record are read. */
    free(csv);
    csv = plans(40000); /* big enough for the other thread to take part */
    len = strlen(csv);
    q = strstr(csv, "\nC30000,");
    ck_assert_ptr_nonnull(q);
    q[1] = '"';
    strcpy(path, "/tmp/sgk_progress_XXXXXX");
    write_file(path, csv);
    progress_of(path, len, 2, 16384, 4, 30001);
    remove(path);
    free(csv);
}
END_TEST

typedef struct pipe_job {
    const char *path, *text;
} pipe_job;

static void *fill_pipe(void *arg)
{
    const pipe_job *j = arg;
    FILE *fp = fopen(j->path, "wb");
    if (fp) {
        fputs(j->text, fp);
        fclose(fp);
    }
    return NULL;
}

/* What cannot be mapped is read as a stream, with the same outcome. */
START_TEST(a_pipe_reads_like_a_file)
{
    char dir[] = "/tmp/sgk_fifo_XXXXXX", path[64], *csv = plans(2000);
    pipe_job job;
    pthread_t writer;
    sgk_engine *e;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/cp_plans.csv", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    job.path = path;
    job.text = csv;
    ck_assert_int_eq(pthread_create(&writer, NULL, fill_pipe, &job), 0);
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    /* Threads map regular files; a pipe must not even be opened for it. */
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_THREADS, 2), 0);
    ck_assert_int_eq(sgk_engine_add_file(e, path, 0), 0);
    pthread_join(writer, NULL);
    ck_assert_int_eq(sgk_input_rows_read(e, 0), 2000);
    ck_assert_int_eq(sgk_input_rows_used(e, 0), 2000);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_double_eq(sgk_result_denominator(e, sgk_indicator_find(
        "cp_plans_2_years_plus"), SGK_GROUP_TOTAL, 0), 0);
    sgk_engine_free(e);
    remove(path);
    rmdir(dir);
    free(csv);
}
END_TEST

START_TEST(threshold_getters_survive_more_loads)
{
    /* Results keep which threshold applied by index, so loading more
     * thresholds after a compute (which may move the array) is safe. */
    static const char cases[] = "child_id,case_start_date,worker,category\n"
                                "A,2011-01-01,,CP\n";
    sgk_engine *e;
    int i, ind = sgk_indicator_find("unallocated_cp_cla");
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2011-04-01", "2012-03-31"), 0);
    ck_assert_int_eq(sgk_engine_use_profile(e, "kent-2011"), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "c", cases, strlen(cases), 0),
                     0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    for (i = 0; i < 50; i++)
        ck_assert_int_eq(sgk_engine_use_profile(e, "kent-2011"), 0);
    ck_assert_str_eq(sgk_result_threshold_op(e, ind), "<=");
    ck_assert_str_eq(sgk_result_threshold_source(e, ind), "action 2.1.3");
    ck_assert_double_eq(sgk_result_threshold_target(e, ind), 0);
    sgk_engine_free(e);
}
END_TEST

START_TEST(group_thresholds)
{
    /* A team is measured against the period's threshold, a month against
     * the one in force at its end, and out-of-range asks get nothing. */
    static const char cases[] = "child_id,case_start_date,worker,category,"
                                "team\nA,2011-01-01,,CP,North\n";
    static const char dated[] = "indicator,op,target,from,to,source\n"
                                "unallocated_cp_cla,<=,3,,2011-04-30,early\n"
                                "unallocated_cp_cla,<=,1,2011-06-01,,late\n";
    sgk_engine *e;
    int ind = sgk_indicator_find("unallocated_cp_cla");
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2011-04-01", "2011-06-30"), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_BY_MONTH, 1), 0);
    ck_assert_int_eq(sgk_engine_load_thresholds_buffer(e, "t", dated,
                                                       strlen(dated)), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "c", cases, strlen(cases), 0),
                     0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_str_eq(sgk_result_group_threshold_source(e, ind,
                                                       SGK_GROUP_TOTAL, 0),
                     "late");
    ck_assert_str_eq(sgk_result_group_threshold_source(e, ind,
                                                       SGK_GROUP_TEAM, 0),
                     "late");
    ck_assert_str_eq(sgk_result_group_threshold_source(e, ind,
                                                       SGK_GROUP_MONTH, 0),
                     "early");
    ck_assert_double_eq(sgk_result_group_threshold_target(e, ind,
                                                          SGK_GROUP_MONTH, 0),
                        3);
    ck_assert_str_eq(sgk_result_group_threshold_op(e, ind, SGK_GROUP_MONTH,
                                                   0), "<=");
    ck_assert_ptr_null(sgk_result_group_threshold_op(e, ind, SGK_GROUP_MONTH,
                                                     1)); /* May: none */
    ck_assert_int_eq(sgk_result_status(e, ind, SGK_GROUP_MONTH, 1),
                     SGK_STATUS_NONE);
    ck_assert(isnan(sgk_result_group_threshold_target(e, ind,
                                                      SGK_GROUP_MONTH, 1)));
    ck_assert_str_eq(sgk_result_group_threshold_label(e, ind,
                                                      SGK_GROUP_MONTH, 2),
                     sgk_result_threshold_label(e, ind));
    ck_assert_ptr_null(sgk_result_group_threshold_op(e, ind, SGK_GROUP_MONTH,
                                                     3));
    ck_assert_ptr_null(sgk_result_group_threshold_op(e, ind, SGK_GROUP_TEAM,
                                                     -1));
    ck_assert_ptr_null(sgk_result_group_threshold_op(e, ind, 7, 0));
    ck_assert(isnan(sgk_result_group_threshold_amber(e, -1,
                                                     SGK_GROUP_TOTAL, 0)));
    ck_assert_ptr_null(sgk_result_group_threshold_source(NULL, ind,
                                                         SGK_GROUP_TOTAL, 0));
    sgk_engine_free(e);
}
END_TEST

START_TEST(rejection_cap_does_not_depend_on_computes)
{
    /* Two rows rejected while reading (one kept under a cap of 1) and two
     * episodes that a compute rejects (never capped, redone each time). */
    static const char cla[] =
        "child_id,start_date,end_date,reason_ended\n"
        "A,2011-01-01,2011-06-01,\n"
        "B,2011-13-01,,\n"
        "C,2011-01-01,2011-07-01,\n"
        "D,,,\n";
    sgk_engine *e;
    int k;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2011-04-01", "2012-03-31"), 0);
    ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_MAX_REJECTIONS, 1), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0); /* before any input */
    ck_assert_int_eq(sgk_engine_add_buffer(e, "cla", cla, strlen(cla), 0), 0);
    for (k = 0; k < 3; k++) {
        ck_assert_int_eq(sgk_engine_compute(e), 0);
        ck_assert_int_eq(sgk_engine_rejection_count(e), 3);
        ck_assert_int_eq(sgk_engine_rejections_dropped(e), 1);
        ck_assert_int_eq(sgk_rejection_line(e, 0), 2);
        ck_assert_int_eq(sgk_rejection_line(e, 1), 3);
        ck_assert_int_eq(sgk_rejection_line(e, 2), 4);
    }
    sgk_engine_free(e);
}
END_TEST

START_TEST(closure_after_compute_counts)
{
    /* Start Mon 20 Dec 2021, done Tue 4 Jan 2022: 21-24 Dec, 29-31 Dec and
     * 4 Jan are working days (27, 28 Dec and 3 Jan are bank holidays), so
     * 8 working days, late.  Closing 29 Dec after a first compute must
     * make it 7, on time: the kept working-day table is rebuilt. */
    static const char csv[] = "child_id,assessment_type,start_date,"
                              "completion_date\n"
                              "A,initial,2021-12-20,2022-01-04\n";
    sgk_engine *e;
    ck_assert_int_eq(sgk_engine_new(&e), 0);
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"), 0);
    ck_assert_int_eq(sgk_engine_add_buffer(e, "a", csv, strlen(csv), 0), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_double_eq(sgk_result_numerator(e, 0, SGK_GROUP_TOTAL, 0), 0);
    ck_assert_int_eq(sgk_engine_add_closure_day(e, "2021-12-29"), 0);
    ck_assert_int_eq(sgk_engine_compute(e), 0);
    ck_assert_double_eq(sgk_result_numerator(e, 0, SGK_GROUP_TOTAL, 0), 1);
    ck_assert_double_eq(sgk_result_denominator(e, 0, SGK_GROUP_TOTAL, 0), 1);
    sgk_engine_free(e);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, null_handles_are_safe);
    tcase_add_test(tc, indicator_table_is_stable);
    tcase_add_test(tc, settings_are_checked);
    tcase_add_test(tc, streams_must_be_in_order);
    tcase_add_test(tc, results_before_compute_are_empty);
    tcase_add_test(tc, all_memory_goes_through_the_hooks);
    tcase_add_test(tc, every_allocation_failure_is_clean);
    tcase_add_test(tc, engines_in_two_threads);
    tcase_add_test(tc, recompute_gives_the_same);
    tcase_add_test(tc, files_report_their_progress);
    tcase_add_test(tc, a_pipe_reads_like_a_file);
    tcase_add_test(tc, threshold_getters_survive_more_loads);
    tcase_add_test(tc, group_thresholds);
    tcase_add_test(tc, rejection_cap_does_not_depend_on_computes);
    tcase_add_test(tc, closure_after_compute_counts);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
