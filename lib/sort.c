/* Least-significant-digit radix sort on 64-bit keys, one byte a pass.
 * Bytes that are the same in every key (the high bytes of child ids, the
 * constant bytes of day numbers) are neither counted nor sorted on, so a
 * typical key takes four or five passes over the data. */
#include <string.h>
#include "sgkpi.h"
#include "sort.h"

#define DIGITS 8
#define BUCKETS 256

/* The bytes that are not the same in every key, as a mask of bits set
 * where some key differs from the first.  Only these need counting and
 * sorting on, and most keys have half their bytes constant. */
static uint64_t varying(const uint64_t *keys, size_t n)
{
    uint64_t diff = 0;
    size_t i;
    for (i = 1; i < n; i++)
        diff |= keys[i] ^ keys[0];
    return diff;
}

/* counts[j][b]: keys whose byte digit[j] is b, for every such byte in one
 * read of the keys. */
static void histogram(const uint64_t *keys, size_t n, const int *digit,
                      int ndigits, size_t counts[DIGITS][BUCKETS])
{
    size_t i;
    int j;
    memset(counts, 0, sizeof(size_t) * BUCKETS * (size_t)ndigits);
    for (i = 0; i < n; i++)
        for (j = 0; j < ndigits; j++)
            counts[j][(keys[i] >> (8 * digit[j])) & 0xFF]++;
}

/* One stable scatter by byte d from (k, v) into (k2, v2); v NULL carries
 * no values. */
static void scatter(const uint64_t *k, const uint32_t *v, uint64_t *k2,
                    uint32_t *v2, size_t n, int d, const size_t *count)
{
    size_t start[BUCKETS], sum = 0, i;
    int b;
    for (b = 0; b < BUCKETS; b++) {
        start[b] = sum;
        sum += count[b];
    }
    if (!v) { /* two loops, so neither tests v for every key */
        for (i = 0; i < n; i++)
            k2[start[(k[i] >> (8 * d)) & 0xFF]++] = k[i];
        return;
    }
    for (i = 0; i < n; i++) {
        size_t at = start[(k[i] >> (8 * d)) & 0xFF]++;
        k2[at] = k[i];
        v2[at] = v[i];
    }
}

int sgk__sort_keys(const sgk__mem *mem, uint64_t *keys, uint32_t *vals,
                   size_t n)
{
    size_t counts[DIGITS][BUCKETS];
    uint64_t *k = keys, *k2;
    uint32_t *v = vals, *v2 = NULL;
    uint64_t diff;
    int digit[DIGITS], ndigits = 0, d, j, swapped = 0;
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
    diff = varying(keys, n);
    for (d = 0; d < DIGITS; d++)
        if ((diff >> (8 * d)) & 0xFF)
            digit[ndigits++] = d;
    histogram(keys, n, digit, ndigits, counts);
    for (j = 0; j < ndigits; j++) {
        uint64_t *tk;
        uint32_t *tv;
        scatter(k, v, k2, v2, n, digit[j], counts[j]);
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
