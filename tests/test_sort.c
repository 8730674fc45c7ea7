/* The radix sort that compute uses for its keys: the same order as a
 * comparison sort, equal keys in their original order, and every pass
 * skipped or taken as the keys' bytes require. */
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "sort.h"

typedef struct pair {
    uint64_t key;
    uint32_t val;
} pair;

/* By key, then by original position: what a stable sort must give. */
static int by_key_then_val(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->val < y->val ? -1 : x->val > y->val;
}

/* xorshift: a fixed sequence, so a failure can be replayed. */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* n keys drawn by `draw`, sorted both ways and compared. */
static void check_against_qsort(size_t n, uint64_t (*draw)(uint64_t *))
{
    sgk__mem mem;
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    uint64_t seed = 88172645463325252ull;
    uint32_t *vals = malloc((n ? n : 1) * sizeof *vals);
    pair *want = malloc((n ? n : 1) * sizeof *want);
    size_t i;
    ck_assert(keys && vals && want);
    sgk__mem_default(&mem);
    for (i = 0; i < n; i++) {
        keys[i] = draw(&seed);
        vals[i] = (uint32_t)i;
        want[i].key = keys[i];
        want[i].val = (uint32_t)i;
    }
    qsort(want, n, sizeof *want, by_key_then_val);
    ck_assert_int_eq(sgk__sort_keys(&mem, keys, vals, n), 0);
    for (i = 0; i < n; i++) {
        ck_assert_uint_eq(keys[i], want[i].key);
        ck_assert_uint_eq(vals[i], want[i].val);
    }
    free(keys);
    free(vals);
    free(want);
}

static uint64_t any_key(uint64_t *s) { return next(s); }
/* Child and day, as compute packs them: few distinct high bytes. */
static uint64_t child_day(uint64_t *s)
{
    uint64_t r = next(s);
    uint32_t day = (uint32_t)(15000 + (r >> 40) % 700);
    return (r % 5000) << 32 | (day ^ 0x80000000u);
}
/* Many equal keys, so stability shows. */
static uint64_t few_keys(uint64_t *s) { return next(s) % 7; }
static uint64_t same_key(uint64_t *s) { (void)s; return 42; }

START_TEST(matches_a_stable_comparison_sort)
{
    static const size_t sizes[] = {0, 1, 2, 3, 255, 256, 257, 10000};
    size_t k;
    for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        check_against_qsort(sizes[k], any_key);
        check_against_qsort(sizes[k], child_day);
        check_against_qsort(sizes[k], few_keys);
        check_against_qsort(sizes[k], same_key);
    }
}
END_TEST

START_TEST(keys_without_values)
{
    sgk__mem mem;
    uint64_t keys[] = {9, UINT64_MAX, 0, 1ull << 63, 5, 5, 1ull << 40};
    static const uint64_t want[] = {0, 5, 5, 9, 1ull << 40, 1ull << 63,
                                    UINT64_MAX};
    size_t i;
    sgk__mem_default(&mem);
    ck_assert_int_eq(sgk__sort_keys(&mem, keys, NULL, 7), 0);
    for (i = 0; i < 7; i++)
        ck_assert_uint_eq(keys[i], want[i]);
}
END_TEST

/* An allocator that always fails: the arrays are left as they were. */
static void *no_memory(void *p, size_t n, void *u)
{
    (void)p;
    (void)n;
    (void)u;
    return NULL;
}

static void release(void *p, void *u)
{
    (void)u;
    free(p);
}

START_TEST(no_memory_leaves_the_input)
{
    sgk__mem mem = {no_memory, release, NULL};
    uint64_t keys[] = {3, 1, 2};
    uint32_t vals[] = {0, 1, 2};
    ck_assert_int_eq(sgk__sort_keys(&mem, keys, vals, 3), SGK_E_NOMEM);
    ck_assert_uint_eq(keys[0], 3);
    ck_assert_uint_eq(vals[0], 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sort");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, matches_a_stable_comparison_sort);
    tcase_add_test(tc, keys_without_values);
    tcase_add_test(tc, no_memory_leaves_the_input);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
