/* Unit tests for lib/thresholds.c: the kent-2011 profile, which threshold
 * applies to a period, RAG status, and the thresholds and benchmarks CSV
 * loaders with every error they report.  All inputs are inline strings. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "alloc.h"
#include "dates.h"
#include "error.h"
#include "thresholds.h"

static sgk__mem mem;
static sgk__targets tg;
static sgk__error err;

static void setup(void)
{
    sgk__mem_default(&mem);
    sgk__targets_init(&tg);
    sgk__error_clear(&err);
}

static void teardown(void)
{
    sgk__targets_free(&mem, &tg);
}

static sgk__day day(const char *iso)
{
    sgk__day d = 0;
    ck_assert_int_eq(sgk__date_parse_iso(iso, &d), 0);
    return d;
}

static int ind(const char *id)
{
    int i = sgk_indicator_find(id);
    ck_assert_msg(i >= 0, "indicator %s missing from the table", id);
    return i;
}

static const sgk__threshold *th_at(size_t i)
{
    ck_assert_uint_lt(i, tg.thresholds.len);
    return sgk__vec_at(&tg.thresholds, i);
}

static int load_th(const char *csv)
{
    return sgk__targets_load_thresholds(&mem, &tg, "t.csv", csv, strlen(csv),
                                        &err);
}

static int load_bm(const char *csv)
{
    return sgk__targets_load_benchmarks(&mem, &tg, "b.csv", csv, strlen(csv),
                                        &err);
}

/* ---- kent-2011 --------------------------------------------------------- */

typedef struct expect_row {
    const char *id;
    int op;
    double target;
    const char *from, *to, *source;
} expect_row;

static const expect_row kent[] = {
    {"unallocated_over_28_days", SGK__OP_LE, 200, NULL, NULL, "IN 3"},
    {"ia_overdue", SGK__OP_LE, 200, NULL, NULL, "IN 3"},
    {"ca_overdue", SGK__OP_LE, 100, NULL, NULL, "IN 3"},
    {"ia_timeliness", SGK__OP_GE, 69, NULL, NULL, "IN 6 / action 2.2.6"},
    {"ca_timeliness", SGK__OP_GE, 80.4, NULL, NULL, "IN 6 / action 2.2.6"},
    {"cp_plans_2_years_plus", SGK__OP_LE, 6, "2012-04-01", "2013-03-31",
     "IN 8"},
    {"cp_repeat_plans", SGK__OP_LE, 13.6, NULL, NULL, "IN 8 / action 2.3.7"},
    {"sw_vacancy_rate", SGK__OP_LE, 10, NULL, NULL, "IN 9"},
    {"adoption_rate", SGK__OP_GE, 11, NULL, "2012-03-31", "IN 14"},
    {"adoption_rate", SGK__OP_GE, 13, "2012-04-01", "2013-03-31", "IN 14"},
    {"unallocated_cp_cla", SGK__OP_LE, 0, NULL, NULL, "action 2.1.3"},
    {"referral_to_assessment", SGK__OP_GE, 65, "2012-01-01", "2012-03-31",
     "IN 7"},
    {"referral_to_assessment", SGK__OP_GE, 65, "2012-04-01", "2013-03-31",
     "IN 7"},
    {"cla_school_absence_25d", SGK__OP_LE, 11, NULL, NULL, "IN 15"},
    {"cla_health_check", SGK__OP_GE, 85, NULL, "2012-03-31", "IN 16"},
    {"cla_health_check", SGK__OP_GE, 85, "2012-04-01", "2013-03-31", "IN 16"},
    {"cla_dental_check", SGK__OP_GE, 85, NULL, "2012-03-31", "IN 16"},
    {"cla_dental_check", SGK__OP_GE, 85, "2012-04-01", "2013-03-31", "IN 16"},
    {"dq_blank_or_invalid", SGK__OP_LE, 5, NULL, NULL, "action 3.2.7"},
    {"ethnicity_recorded", SGK__OP_GE, 100, NULL, NULL, "action 6.3.6"},
};
#define NKENT (sizeof kent / sizeof kent[0])

START_TEST(kent_profile_contents)
{
    size_t i;
    ck_assert_int_eq(sgk__targets_use_profile(&mem, &tg, "kent-2011", &err),
                     SGK_OK);
    ck_assert_uint_eq(tg.thresholds.len, NKENT);
    ck_assert_uint_eq(tg.benchmarks.len, 0);
    for (i = 0; i < NKENT; i++) {
        const sgk__threshold *th = th_at(i);
        ck_assert_int_eq(th->indicator, ind(kent[i].id));
        ck_assert_int_eq(th->op, kent[i].op);
        ck_assert_double_eq(th->target, kent[i].target);
        ck_assert(isnan(th->amber));
        ck_assert_ptr_null(th->target_benchmark);
        ck_assert_int_eq(th->from, kent[i].from ? day(kent[i].from)
                                                : INT32_MIN);
        ck_assert_int_eq(th->to, kent[i].to ? day(kent[i].to)
                                            : SGK__NO_DATE);
        ck_assert_str_eq(th->source, kent[i].source);
        ck_assert_uint_gt(strlen(th->label), 10);
    }
    ck_assert_str_eq(th_at(0)->label, "Cases unallocated for over 28 days: "
                                      "200 or fewer from August 2011");
}
END_TEST

START_TEST(kent_applicability)
{
    const sgk__threshold *th;
    int cp = ind("cp_plans_2_years_plus"), ad = ind("adoption_rate");
    ck_assert_int_eq(sgk__targets_use_profile(&mem, &tg, "kent-2011", &err),
                     SGK_OK);
    th = sgk__targets_find(&tg, cp, day("2012-06-30"));
    ck_assert_ptr_nonnull(th);
    ck_assert_double_eq(th->target, 6);
    ck_assert_ptr_null(sgk__targets_find(&tg, cp, day("2011-12-31")));
    ck_assert_ptr_null(sgk__targets_find(&tg, cp, day("2013-04-01")));
    /* Both ends of the range are inclusive. */
    ck_assert_ptr_nonnull(sgk__targets_find(&tg, cp, day("2012-04-01")));
    ck_assert_ptr_nonnull(sgk__targets_find(&tg, cp, day("2013-03-31")));

    ck_assert_double_eq(sgk__targets_find(&tg, ad, day("2012-03-31"))->target,
                        11);
    ck_assert_double_eq(sgk__targets_find(&tg, ad, day("2012-04-01"))->target,
                        13);
    ck_assert_double_eq(sgk__targets_find(&tg, ad, day("2000-01-01"))->target,
                        11);
    ck_assert_ptr_null(sgk__targets_find(&tg, ad, day("2013-04-01")));
    /* No period limits: applies to any period at all. */
    th = sgk__targets_find(&tg, ind("ia_timeliness"), day("2030-01-01"));
    ck_assert_ptr_nonnull(th);
    ck_assert_double_eq(th->target, 69);
    ck_assert_ptr_null(sgk__targets_find(&tg, ind("sa_timeliness"),
                                         day("2012-06-30")));
}
END_TEST

START_TEST(unknown_profile)
{
    ck_assert_int_eq(sgk__targets_use_profile(&mem, &tg, "kent-2012", &err),
                     SGK_E_NOT_FOUND);
    ck_assert_ptr_nonnull(strstr(err.msg, "kent-2012"));
    ck_assert_ptr_nonnull(strstr(err.msg, "kent-2011"));
    ck_assert_uint_eq(tg.thresholds.len, 0);
}
END_TEST

/* ---- RAG --------------------------------------------------------------- */

static sgk__threshold rule(int op, double target, double amber)
{
    sgk__threshold th;
    memset(&th, 0, sizeof th);
    th.op = op;
    th.target = target;
    th.amber = amber;
    return th;
}

START_TEST(rag_le)
{
    sgk__threshold th = rule(SGK__OP_LE, 200, NAN);
    ck_assert_int_eq(sgk__rag(&th, 200, 1, 200), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(&th, 200, 1, 199.999), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(&th, 200, 1, 200.001), SGK_STATUS_NOT_MET);
    ck_assert_int_eq(sgk__rag(&th, 200, 1, 0), SGK_STATUS_MET);
    th = rule(SGK__OP_LE, 13.6, NAN);
    /* 13.61 would print as 13.6 but is above the target. */
    ck_assert_int_eq(sgk__rag(&th, 13.6, 1, 13.61), SGK_STATUS_NOT_MET);
}
END_TEST

START_TEST(rag_ge)
{
    sgk__threshold th = rule(SGK__OP_GE, 69, NAN);
    ck_assert_int_eq(sgk__rag(&th, 69, 1, 69), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(&th, 69, 1, 69.001), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(&th, 69, 1, 68.999), SGK_STATUS_NOT_MET);
    ck_assert_int_eq(sgk__rag(&th, 69, 1, 100), SGK_STATUS_MET);
}
END_TEST

START_TEST(rag_amber)
{
    sgk__threshold le = rule(SGK__OP_LE, 10, 15);
    sgk__threshold ge = rule(SGK__OP_GE, 69, 60);
    ck_assert_int_eq(sgk__rag(&le, 10, 1, 10), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(&le, 10, 1, 10.5), SGK_STATUS_AMBER);
    ck_assert_int_eq(sgk__rag(&le, 10, 1, 15), SGK_STATUS_AMBER);
    ck_assert_int_eq(sgk__rag(&le, 10, 1, 15.01), SGK_STATUS_NOT_MET);
    ck_assert_int_eq(sgk__rag(&ge, 69, 1, 69), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(&ge, 69, 1, 68.5), SGK_STATUS_AMBER);
    ck_assert_int_eq(sgk__rag(&ge, 69, 1, 60), SGK_STATUS_AMBER);
    ck_assert_int_eq(sgk__rag(&ge, 69, 1, 59.99), SGK_STATUS_NOT_MET);
}
END_TEST

START_TEST(rag_no_data)
{
    sgk__threshold th = rule(SGK__OP_GE, 69, 60);
    ck_assert_int_eq(sgk__rag(NULL, 69, 1, 70), SGK_STATUS_NONE);
    ck_assert_int_eq(sgk__rag(NULL, 69, 0, 0), SGK_STATUS_NONE);
    ck_assert_int_eq(sgk__rag(&th, 69, 0, 70), SGK_STATUS_NO_DATA);
    ck_assert_int_eq(sgk__rag(&th, 69, 1, NAN), SGK_STATUS_NO_DATA);
    /* A benchmark target whose benchmark was never loaded. */
    ck_assert_int_eq(sgk__rag(&th, NAN, 1, 70), SGK_STATUS_NO_DATA);
}
END_TEST

/* ---- Loading thresholds ------------------------------------------------ */

START_TEST(load_reordered_annex_headers)
{
    /* Capitalised headers in another order, an extra column, a quoted label
     * with a comma, UTF-8 signs, D/M/Y dates and CRLF line ends. */
    static const char csv[] =
        "Label,Target,Source,To,Indicator,Notes,Amber,From,Op\r\n"
        "\"Vacancies, qualified\",10,IN 9,31/03/2013,SW_Vacancy_Rate,x,12,"
        "01/04/2012,\xE2\x89\xA4\r\n"
        "IA on time, 70.5 ,,, ia_timeliness ,,65,2011-04-01,\xE2\x89\xA5\r\n";
    const sgk__threshold *th;
    ck_assert_int_eq(load_th(csv), SGK_OK);
    ck_assert_uint_eq(tg.thresholds.len, 2);
    th = th_at(0);
    ck_assert_int_eq(th->indicator, ind("sw_vacancy_rate"));
    ck_assert_int_eq(th->op, SGK__OP_LE);
    ck_assert_double_eq(th->target, 10);
    ck_assert_double_eq(th->amber, 12);
    ck_assert_int_eq(th->from, day("2012-04-01"));
    ck_assert_int_eq(th->to, day("2013-03-31"));
    ck_assert_str_eq(th->source, "IN 9");
    ck_assert_str_eq(th->label, "Vacancies, qualified");
    th = th_at(1);
    ck_assert_int_eq(th->indicator, ind("ia_timeliness"));
    ck_assert_int_eq(th->op, SGK__OP_GE);
    ck_assert_double_eq(th->target, 70.5);
    ck_assert_double_eq(th->amber, 65);
    ck_assert_int_eq(th->from, day("2011-04-01"));
    ck_assert_int_eq(th->to, SGK__NO_DATE);
    ck_assert_str_eq(th->source, "");
    ck_assert_str_eq(th->label, "IA on time");
}
END_TEST

START_TEST(load_minimal_and_order)
{
    /* Only the required columns; the label falls back to the rule itself.
     * A file loaded after a profile comes after it in load order, so the
     * profile's row wins where both apply. */
    static const char csv[] = "indicator,op,target\n"
                              "ia_timeliness,>=,75\n"
                              "sa_timeliness,>=,100.0\n";
    const sgk__threshold *th;
    ck_assert_int_eq(sgk__targets_use_profile(&mem, &tg, "kent-2011", &err),
                     SGK_OK);
    ck_assert_int_eq(load_th(csv), SGK_OK);
    ck_assert_uint_eq(tg.thresholds.len, NKENT + 2);
    th = th_at(NKENT);
    ck_assert_str_eq(th->label, "ia_timeliness >= 75");
    ck_assert_str_eq(th->source, "");
    ck_assert(isnan(th->amber));
    ck_assert_int_eq(th->from, INT32_MIN);
    ck_assert_int_eq(th->to, SGK__NO_DATE);
    ck_assert_double_eq(th_at(NKENT + 1)->target, 100);
    th = sgk__targets_find(&tg, ind("ia_timeliness"), day("2012-01-01"));
    ck_assert_double_eq(th->target, 69);
    th = sgk__targets_find(&tg, ind("sa_timeliness"), day("2012-01-01"));
    ck_assert_double_eq(th->target, 100);
}
END_TEST

START_TEST(load_header_only)
{
    ck_assert_int_eq(load_th("\n\nIndicator,Op,Target\n\n"), SGK_OK);
    ck_assert_uint_eq(tg.thresholds.len, 0);
}
END_TEST

/* Each bad file has a good row first, so "appends nothing" is tested, and
 * the targets already hold the kent profile, which must survive intact. */
typedef struct bad_case {
    const char *csv;
    int64_t line;
    const char *column; /* NULL: no column in err */
    const char *needle; /* a phrase the message must contain */
} bad_case;

static const bad_case bad_thresholds[] = {
    /* 0 unknown indicator */
    {"indicator,op,target\nia_timeliness,>=,69\nia_timelines,>=,69\n", 3,
     "indicator", "unknown indicator 'ia_timelines'"},
    /* 1 bad op */
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,=>,69\n", 3,
     "op", "op must be <= or >="},
    /* 2 .. 7 non-numeric targets */
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,69%\n", 3,
     "target", "not a number"},
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,nan\n", 3,
     "target", "not a number"},
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,inf\n", 3,
     "target", "not a number"},
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,1e999\n", 3,
     "target", "not a number"},
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,0x45\n", 3,
     "target", "not a number"},
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,\n", 3,
     "target", "blank"},
    /* 8 bad date */
    {"indicator,op,target,from\nia_timeliness,>=,69,\n"
     "ia_timeliness,>=,69,31/02/2012\n", 3, "from", "not a date"},
    /* 9 from after to */
    {"indicator,op,target,from,to\nia_timeliness,>=,69,,\n"
     "ia_timeliness,>=,69,2012-04-01,2012-03-31\n", 3, "to", "2012-03-31"},
    /* 10 missing column, with the headers that were found */
    {"Indicator,Op,Amber\nia_timeliness,>=,69\n", 1, "target",
     "headers found: 'Indicator', 'Op', 'Amber'"},
    /* 11, 12 empty input */
    {"", 0, NULL, "empty"},
    {"\n\r\n\n", 0, NULL, "empty"},
    /* 13, 14 amber on the wrong side */
    {"indicator,op,target,amber\nsw_vacancy_rate,<=,10,12\n"
     "sw_vacancy_rate,<=,10,9.5\n", 3, "amber", "must not be below"},
    {"indicator,op,target,Amber\nia_timeliness,>=,69,60\n"
     "ia_timeliness,>=,69,70\n", 3, "Amber", "must not be above"},
    /* 15 a quoted label spanning lines 2-3 pushes the bad row to line 4 */
    {"indicator,op,target,label\nia_timeliness,>=,69,\"two\nlines\"\n"
     "ca_timeliness,<,80\n", 4, "op", "op must be"},
    /* 16 header with Annex-style capitals: the column is named as written */
    {"INDICATOR,OP,TARGET\nia_timeliness,>=,69\nia_timeliness,>=,x\n", 3,
     "TARGET", "'x' is not a number"},
    /* 17 a stray quote libcsv cannot read */
    {"indicator,op,target\nia_timeliness,>=,69\nia_\"timeliness,>=,69\n", 3,
     NULL, "line 3"},
    /* 18 duplicate column */
    {"indicator,op,target,Target\nia_timeliness,>=,69,70\n", 1, "target",
     "appears twice"},
    /* 19 benchmark: with no label */
    {"indicator,op,target\nia_timeliness,>=,69\nia_timeliness,>=,benchmark:"
     "\n", 3, "target", "benchmark label"},
    /* 20 blank indicator */
    {"indicator,op,target\nia_timeliness,>=,69\n,>=,69\n", 3, "indicator",
     "blank"},
};

START_TEST(load_thresholds_errors)
{
    const bad_case *c = &bad_thresholds[_i];
    ck_assert_int_eq(sgk__targets_use_profile(&mem, &tg, "kent-2011", &err),
                     SGK_OK);
    ck_assert_int_eq(load_th(c->csv), SGK_E_THRESHOLD);
    ck_assert_int_eq(err.line, c->line);
    ck_assert_str_eq(err.file, "t.csv");
    if (c->column) {
        ck_assert_int_eq(err.has_column, 1);
        ck_assert_str_eq(err.column, c->column);
    } else {
        ck_assert_int_eq(err.has_column, 0);
    }
    ck_assert_msg(strstr(err.msg, c->needle) != NULL,
                  "case %d: '%s' not in '%s'", _i, c->needle, err.msg);
    ck_assert_msg(strncmp(err.msg, "t.csv", 5) == 0, "no file in '%s'",
                  err.msg);
    ck_assert_uint_eq(tg.thresholds.len, NKENT);
    ck_assert_str_eq(th_at(NKENT - 1)->source, kent[NKENT - 1].source);
}
END_TEST

/* ---- Benchmarks -------------------------------------------------------- */

START_TEST(load_benchmarks)
{
    double v = -1;
    int ia = ind("ia_timeliness"), cp = ind("cp_repeat_plans");
    ck_assert_int_eq(load_bm("Value,Indicator,Label\n"
                             "72.5,ia_timeliness,England\n"
                             "70,ia_timeliness,Statistical neighbours\n"
                             "13.6,cp_repeat_plans,\n"
                             "99,ia_timeliness,England\n"),
                     SGK_OK);
    ck_assert_uint_eq(tg.benchmarks.len, 4);
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, ia, "England", &v), 0);
    ck_assert_double_eq(v, 72.5); /* the first one in load order */
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, ia,
                                                  "Statistical neighbours",
                                                  &v), 0);
    ck_assert_double_eq(v, 70);
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, cp, "benchmark", &v),
                     0);
    ck_assert_double_eq(v, 13.6);
    v = -1;
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, ia, "england", &v), -1);
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, cp, "England", &v),
                     -1);
    ck_assert_double_eq(v, -1);
}
END_TEST

static const bad_case bad_benchmarks[] = {
    {"indicator,value,label\nia_timeliness,70,E\nia_timeliness,7o,E\n", 3,
     "value", "'7o' is not a number"},
    {"indicator,value\nia_timeliness,70\nnot_an_indicator,1\n", 3,
     "indicator", "unknown indicator"},
    {"indicator,label\nia_timeliness,E\n", 1, "value", "headers found"},
    {"", 0, NULL, "empty"},
};

START_TEST(load_benchmarks_errors)
{
    const bad_case *c = &bad_benchmarks[_i];
    ck_assert_int_eq(load_bm("indicator,value\nca_timeliness,80\n"), SGK_OK);
    ck_assert_int_eq(load_bm(c->csv), SGK_E_THRESHOLD);
    ck_assert_int_eq(err.line, c->line);
    ck_assert_str_eq(err.file, "b.csv");
    if (c->column)
        ck_assert_str_eq(err.column, c->column);
    ck_assert_msg(strstr(err.msg, c->needle) != NULL, "'%s' not in '%s'",
                  c->needle, err.msg);
    ck_assert_uint_eq(tg.benchmarks.len, 1);
}
END_TEST

START_TEST(benchmark_target)
{
    const sgk__threshold *th;
    double target = NAN;
    int ia = ind("ia_timeliness");
    ck_assert_int_eq(load_th("indicator,op,target,amber\n"
                             "ia_timeliness,>=, Benchmark: England ,60\n"
                             "ca_timeliness,>=,benchmark:Wales\n"),
                     SGK_OK);
    th = th_at(0);
    ck_assert(isnan(th->target));
    ck_assert_str_eq(th->target_benchmark, "England");
    ck_assert_double_eq(th->amber, 60);
    /* Not loaded yet: the caller cannot resolve it, so no data. */
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, ia, "England",
                                                  &target), -1);
    ck_assert_int_eq(sgk__rag(th, NAN, 1, 99), SGK_STATUS_NO_DATA);
    ck_assert_int_eq(load_bm("indicator,value,label\n"
                             "ia_timeliness,72.5,England\n"), SGK_OK);
    ck_assert_int_eq(sgk__targets_benchmark_value(&tg, ia,
                                                  th->target_benchmark,
                                                  &target), 0);
    ck_assert_double_eq(target, 72.5);
    ck_assert_int_eq(sgk__rag(th, target, 1, 72.5), SGK_STATUS_MET);
    ck_assert_int_eq(sgk__rag(th, target, 1, 72.4), SGK_STATUS_AMBER);
    ck_assert_int_eq(sgk__rag(th, target, 1, 59), SGK_STATUS_NOT_MET);
    ck_assert_str_eq(th_at(1)->target_benchmark, "Wales");
}
END_TEST

/* ---- Allocation failures ----------------------------------------------- */

typedef struct budget {
    long left; /* allocations still allowed; -1 = unlimited */
    long live; /* blocks allocated and not yet freed */
} budget;

static void *tight_realloc(void *ptr, size_t size, void *user)
{
    budget *b = user;
    void *p;
    if (b->left == 0)
        return NULL;
    if (b->left > 0)
        b->left--;
    p = realloc(ptr, size);
    if (p && !ptr)
        b->live++;
    return p;
}

static void tight_free(void *ptr, void *user)
{
    budget *b = user;
    b->live--;
    free(ptr);
}

/* Fails the n-th allocation for every n until a load succeeds: every
 * failure must be SGK_E_NOMEM, leave the targets as they were and leak
 * nothing. */
START_TEST(allocation_failures)
{
    static const char csv[] = "indicator,op,target,source,label\n"
                              "ia_timeliness,>=,69,IN 6,a\n"
                              "ia_timeliness,>=,benchmark:England,,\n";
    budget b = {-1, 0};
    sgk__mem tight = {tight_realloc, tight_free, &b};
    long n;
    int rc = SGK_E_NOMEM;
    for (n = 0; rc != SGK_OK; n++) {
        sgk__targets t;
        sgk__targets_init(&t);
        b.left = -1;
        ck_assert_int_eq(sgk__targets_use_profile(&tight, &t, "kent-2011",
                                                  &err), SGK_OK);
        b.left = n;
        rc = sgk__targets_load_thresholds(&tight, &t, "t.csv", csv,
                                          sizeof csv - 1, &err);
        if (rc == SGK_OK) {
            ck_assert_uint_eq(t.thresholds.len, NKENT + 2);
        } else {
            ck_assert_int_eq(rc, SGK_E_NOMEM);
            ck_assert_uint_eq(t.thresholds.len, NKENT);
        }
        b.left = -1;
        sgk__targets_free(&tight, &t);
        ck_assert_int_eq(b.live, 0);
        ck_assert_int_lt(n, 1000);
    }
    ck_assert_int_gt(n, 3);
}
END_TEST

static Suite *thresholds_suite(void)
{
    Suite *s = suite_create("thresholds");
    TCase *tc = tcase_create("profile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, kent_profile_contents);
    tcase_add_test(tc, kent_applicability);
    tcase_add_test(tc, unknown_profile);
    suite_add_tcase(s, tc);

    tc = tcase_create("rag");
    tcase_add_test(tc, rag_le);
    tcase_add_test(tc, rag_ge);
    tcase_add_test(tc, rag_amber);
    tcase_add_test(tc, rag_no_data);
    suite_add_tcase(s, tc);

    tc = tcase_create("load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, load_reordered_annex_headers);
    tcase_add_test(tc, load_minimal_and_order);
    tcase_add_test(tc, load_header_only);
    tcase_add_loop_test(tc, load_thresholds_errors, 0,
                        (int)(sizeof bad_thresholds / sizeof bad_thresholds[0]));
    tcase_add_test(tc, load_benchmarks);
    tcase_add_loop_test(tc, load_benchmarks_errors, 0,
                        (int)(sizeof bad_benchmarks / sizeof bad_benchmarks[0]));
    tcase_add_test(tc, benchmark_target);
    tcase_add_test(tc, allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(thresholds_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
