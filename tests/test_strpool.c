/* The string pool: one id per distinct string whatever its length, ids
 * dense and stable, copies that stay put and match byte for byte. */
#include "check_run.h"
#include <stdio.h>
#include <string.h>
#include "sgkpi.h"
#include "strpool.h"

/* Strings of every length from 0 to 40 that differ from each other in one
 * byte at each position, so the short-string comparison is tried at every
 * offset of every word it loads. */
START_TEST(one_id_per_distinct_string)
{
    sgk__mem mem;
    sgk__strpool p;
    char base[41], s[41];
    uint32_t id, again, first[41];
    size_t len, at;
    sgk__mem_default(&mem);
    sgk__strpool_init(&p);
    memset(base, 'a', sizeof base);
    for (len = 0; len <= 40; len++) {
        ck_assert_int_eq(sgk__strpool_intern(&mem, &p, base, len, &first[len]),
                         0);
        for (at = 0; at < len; at++) {
            memcpy(s, base, len);
            s[at] = 'b';
            ck_assert_int_eq(sgk__strpool_intern(&mem, &p, s, len, &id), 0);
            ck_assert_uint_ne(id, first[len]);
            ck_assert(sgk__strpool_is(&p, id, s, len));
            ck_assert(!sgk__strpool_is(&p, first[len], s, len));
            ck_assert_int_eq(sgk__strpool_intern(&mem, &p, s, len, &again), 0);
            ck_assert_uint_eq(again, id);
        }
    }
    for (len = 0; len <= 40; len++) {
        ck_assert_uint_eq(sgk__strpool_find(&p, base, len), first[len]);
        ck_assert_uint_eq(sgk__strpool_len(&p, first[len]), len);
        ck_assert(memcmp(sgk__strpool_get(&p, first[len]), base, len) == 0);
        ck_assert_int_eq(sgk__strpool_get(&p, first[len])[len], '\0');
    }
    /* 41 base strings and one per (length, position): ids are dense. */
    ck_assert_uint_eq(p.count, 41 + 40 * 41 / 2);
    sgk__strpool_free(&mem, &p);
}
END_TEST

/* Copies never move while the pool grows, so borrowed names stay valid. */
START_TEST(copies_stay_put)
{
    sgk__mem mem;
    sgk__strpool p;
    const char *kept;
    char name[32];
    uint32_t id, i;
    sgk__mem_default(&mem);
    sgk__strpool_init(&p);
    ck_assert_int_eq(sgk__strpool_intern(&mem, &p, "Dover Duty", 10, &id), 0);
    kept = sgk__strpool_get(&p, id);
    for (i = 0; i < 100000; i++) {
        uint32_t other;
        int n = snprintf(name, sizeof name, "child-%u", (unsigned)i);
        ck_assert_int_eq(sgk__strpool_intern(&mem, &p, name, (size_t)n,
                                             &other), 0);
        ck_assert_uint_eq(other, i + 1);
    }
    ck_assert_ptr_eq(sgk__strpool_get(&p, id), kept);
    ck_assert_str_eq(kept, "Dover Duty");
    ck_assert_uint_eq(sgk__strpool_find(&p, "child-99999", 11), 100000);
    ck_assert_uint_eq(sgk__strpool_find(&p, "child-100000", 12), UINT32_MAX);
    sgk__strpool_free(&mem, &p);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("strpool");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, one_id_per_distinct_string);
    tcase_add_test(tc, copies_stay_put);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
