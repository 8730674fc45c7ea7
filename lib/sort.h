/* Sorting the per-row keys that compute builds (child and date, worker
 * and team).  A comparison sort through qsort's function pointer costs a
 * call per comparison, and on millions of rows the sorts were the largest
 * part of a compute; these keys are plain integers, so a radix sort does
 * it in a few linear passes. */
#ifndef SGK_SORT_H
#define SGK_SORT_H

#include <stddef.h>
#include <stdint.h>
#include "alloc.h"

/* Sorts keys[0..n) ascending, carrying vals[i] (which may be NULL) with
 * keys[i].  Stable: equal keys keep their order, so a caller that wants
 * ties broken by position gets that for free.  0, or SGK_E_NOMEM when the
 * scratch space could not be had (the arrays are then unchanged). */
int sgk__sort_keys(const sgk__mem *mem, uint64_t *keys, uint32_t *vals,
                   size_t n);

#endif
