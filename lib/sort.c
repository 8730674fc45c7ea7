/* Least-significant-digit radix sort on 64-bit keys, one byte a pass.
 * Passes whose byte is the same in every key (the high bytes of child
 * ids, the constant bytes of day numbers) are skipped, so a typical key
 * takes four or five passes over the data. */
#include <string.h>
#include "sgkpi.h"
#include "sort.h"

#define DIGITS 8
#define BUCKETS 256

/* counts[d][b]: keys whose byte d is b, for every byte in one read. */
static void histogram(const uint64_t *keys, size_t n,
                      size_t counts[DIGITS][BUCKETS])
{
    size_t i;
    int d;
    memset(counts, 0, sizeof(size_t) * DIGITS * BUCKETS);
    for (i = 0; i < n; i++)
        for (d = 0; d < DIGITS; d++)
            counts[d][(keys[i] >> (8 * d)) & 0xFF]++;
}

/* One stable scatter by byte d from (k, v) into (k2, v2). */
static void scatter(const uint64_t *k, const uint32_t *v, uint64_t *k2,
                    uint32_t *v2, size_t n, int d, const size_t *count)
{
    size_t start[BUCKETS], sum = 0, i;
    int b;
    for (b = 0; b < BUCKETS; b++) {
        start[b] = sum;
        sum += count[b];
    }
    for (i = 0; i < n; i++) {
        size_t at = start[(k[i] >> (8 * d)) & 0xFF]++;
        k2[at] = k[i];
        if (v)
            v2[at] = v[i];
    }
}

int sgk__sort_keys(const sgk__mem *mem, uint64_t *keys, uint32_t *vals,
                   size_t n)
{
    size_t counts[DIGITS][BUCKETS];
    uint64_t *k = keys, *k2;
    uint32_t *v = vals, *v2 = NULL;
    int d, swapped = 0;
    if (n < 2)
        return 0;
    k2 = sgk__malloc(mem, n * sizeof *k2);
    if (vals)
        v2 = sgk__malloc(mem, n * sizeof *v2);
    if (!k2 || (vals && !v2)) {
        sgk__free(mem, k2);
        sgk__free(mem, v2);
        return SGK_E_NOMEM;
    }
    histogram(keys, n, counts);
    for (d = 0; d < DIGITS; d++) {
        uint64_t *tk;
        uint32_t *tv;
        if (counts[d][(keys[0] >> (8 * d)) & 0xFF] == n)
            continue; /* every key has this byte: nothing to order */
        scatter(k, v, k2, v2, n, d, counts[d]);
        tk = k, k = k2, k2 = tk;
        tv = v, v = v2, v2 = tv;
        swapped = !swapped;
    }
    if (swapped) { /* the result is in the scratch arrays */
        memcpy(keys, k, n * sizeof *keys);
        if (vals)
            memcpy(vals, v, n * sizeof *vals);
        k2 = k;
        v2 = v;
    }
    sgk__free(mem, k2);
    sgk__free(mem, v2);
    return 0;
}
