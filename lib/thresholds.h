/* Threshold sets (targets with RAG status) and benchmarks. */
#ifndef SGK_THRESHOLDS_H
#define SGK_THRESHOLDS_H

#include "alloc.h"
#include "dates.h"
#include "error.h"

typedef struct sgk__threshold {
    int indicator;       /* index into the indicator table */
    int op;              /* SGK__OP_LE or SGK__OP_GE */
    double target;       /* NaN when target_benchmark is set */
    double amber;        /* NaN when absent */
    char *target_benchmark; /* label after "benchmark:", or NULL */
    sgk__day from, to;   /* applies when a period's `to` is in [from, to];
                            SGK__NO_DATE / INT32_MIN when open-ended */
    char *source;        /* e.g. "IN 3"; never NULL ("" when absent) */
    char *label;         /* never NULL */
} sgk__threshold;

enum { SGK__OP_LE = 1, SGK__OP_GE = 2 };

typedef struct sgk__benchmark {
    int indicator;
    double value;
    char *label;
} sgk__benchmark;

typedef struct sgk__targets {
    sgk__vec thresholds; /* sgk__threshold, in load order */
    sgk__vec benchmarks; /* sgk__benchmark, in load order */
} sgk__targets;

void sgk__targets_init(sgk__targets *t);
void sgk__targets_free(const sgk__mem *mem, sgk__targets *t);

/* Appends the built-in profile; SGK_E_NOT_FOUND for an unknown name. */
int sgk__targets_use_profile(const sgk__mem *mem, sgk__targets *t,
                             const char *name, sgk__error *err);
/* Parses a thresholds CSV (see sgkpi.h).  All-or-nothing: on error nothing
 * is appended and err names the line and column. */
int sgk__targets_load_thresholds(const sgk__mem *mem, sgk__targets *t,
                                 const char *name, const char *data,
                                 size_t len, sgk__error *err);
int sgk__targets_load_benchmarks(const sgk__mem *mem, sgk__targets *t,
                                 const char *name, const char *data,
                                 size_t len, sgk__error *err);

/* The first threshold in load order for `indicator` that applies to a
 * period ending on `to`, or NULL. */
const sgk__threshold *sgk__targets_find(const sgk__targets *t, int indicator,
                                        sgk__day to);
/* Value of the first benchmark for `indicator` with this label; 0 if found,
 * -1 if not. */
int sgk__targets_benchmark_value(const sgk__targets *t, int indicator,
                                 const char *label, double *out);
/* enum sgk_rag for a value against a threshold (target resolved by the
 * caller).  has_value 0 gives SGK_STATUS_NO_DATA; th NULL gives
 * SGK_STATUS_NONE. */
int sgk__rag(const sgk__threshold *th, double target, int has_value,
             double value);

#endif
