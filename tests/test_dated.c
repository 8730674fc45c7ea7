/* The lists of facts dated in each period (sgk__dated), which the
 * indicators counting children walk instead of every fact: each month's
 * list holds exactly its facts, in fact order, and bad or outside dates
 * are in none. */
#include "check_run.h"
#include <string.h>
#include "sgkpi.h"
#include "family.h"

static void list_is(const sgk__dated *d, int p, const uint32_t *want,
                    size_t n)
{
    size_t got, i;
    const uint32_t *in = sgk__dated_in(d, p, &got);
    ck_assert_uint_eq(got, n);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(in[i], want[i]);
}

START_TEST(each_month_gets_its_own_facts_in_order)
{
    sgk_engine *e = NULL;
    sgk__calc c;
    sgk__fact f[9];
    sgk__dated d;
    /* The whole of April to June 2021, then each month. */
    sgk__day from[4], to[4];
    /* Dates in slot 1, in fact order; fact 5 has its slot marked bad. */
    const char *dates[9] = {"2021-03-31", "2021-06-30", "2021-04-01",
                            "2021-05-15", "2021-04-30", "2021-05-01",
                            "2021-07-01", "2021-06-01", "2021-04-10"};
    const uint32_t all[] = {1, 2, 3, 4, 7, 8}, april[] = {2, 4, 8},
                   may[] = {3}, june[] = {1, 7};
    int i;
    ck_assert_int_eq(sgk_engine_new(&e), SGK_OK);
    ck_assert_int_eq(sgk__date_parse_iso("2021-04-01", &from[0]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-06-30", &to[0]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-04-01", &from[1]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-04-30", &to[1]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-05-01", &from[2]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-05-31", &to[2]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-06-01", &from[3]), 0);
    ck_assert_int_eq(sgk__date_parse_iso("2021-06-30", &to[3]), 0);
    memset(f, 0, sizeof f);
    for (i = 0; i < 9; i++)
        ck_assert_int_eq(sgk__date_parse_iso(dates[i], &f[i].d[1]), 0);
    f[5].bad = SGK__BAD_D1;
    memset(&c, 0, sizeof c);
    c.e = e;
    c.facts = f;
    c.nfacts = 9;
    c.from = from;
    c.to = to;
    c.nperiods = 4;
    ck_assert_int_eq(sgk__dated_make(&c, 1, SGK__BAD_D1, &d), 0);
    list_is(&d, 0, all, 6);
    list_is(&d, 1, april, 3);
    list_is(&d, 2, may, 1);
    list_is(&d, 3, june, 2);
    sgk__dated_free(&c, &d);

    /* Without months there is only the whole period; an empty slot mask
     * keeps fact 5. */
    c.nperiods = 1;
    ck_assert_int_eq(sgk__dated_make(&c, 1, 0, &d), 0);
    {
        const uint32_t whole[] = {1, 2, 3, 4, 5, 7, 8};
        list_is(&d, 0, whole, 7);
    }
    sgk__dated_free(&c, &d);

    /* No facts at all. */
    c.nfacts = 0;
    c.nperiods = 4;
    ck_assert_int_eq(sgk__dated_make(&c, 1, 0, &d), 0);
    list_is(&d, 0, NULL, 0);
    list_is(&d, 3, NULL, 0);
    sgk__dated_free(&c, &d);
    sgk_engine_free(e);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("dated");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, each_month_gets_its_own_facts_in_order);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
