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
    sgk__day from, to;   /* applies when a period's `to` is in [from, to],
                            both inclusive; an open-ended `from` is
                            INT32_MIN and an open-ended `to` is SGK__NO_DATE
                            (INT32_MAX), so no bound needs special-casing */
    char *source;        /* e.g. "IN 3"; never NULL ("" when absent) */
    char *label;         /* never NULL; a file row without one gets the
                            rule as written, e.g. "ia_timeliness >= 69" */
} sgk__threshold;

enum { SGK__OP_LE = 1, SGK__OP_GE = 2 };

typedef struct sgk__benchmark {
    int indicator;
    double value;
    char *label;         /* never NULL; "benchmark" when the file has none */
} sgk__benchmark;

typedef struct sgk__targets {
    sgk__vec thresholds; /* sgk__threshold, in load order */
    sgk__vec benchmarks; /* sgk__benchmark, in load order */
} sgk__targets;

void sgk__targets_init(sgk__targets *t);
void sgk__targets_free(const sgk__mem *mem, sgk__targets *t);

/* Appends the built-in profile (only "kent-2011" so far; exact, case-
 * sensitive name).  SGK_E_NOT_FOUND for an unknown name, with the known
 * names in err. */
int sgk__targets_use_profile(const sgk__mem *mem, sgk__targets *t,
                             const char *name, sgk__error *err);
/* Parses a thresholds CSV (format in docs/thresholds.md).  All-or-nothing:
 * on error nothing is appended.  Errors: SGK_E_THRESHOLD with err naming
 * `name`, the physical line (0 for an empty file) and the column as headed
 * in the file (for a missing column, its canonical name); SGK_E_NOMEM.
 * `name` only labels messages; NULL becomes "(buffer)". */
int sgk__targets_load_thresholds(const sgk__mem *mem, sgk__targets *t,
                                 const char *name, const char *data,
                                 size_t len, sgk__error *err);
/* Benchmarks CSV: indicator, value, optional label.  Same rules. */
int sgk__targets_load_benchmarks(const sgk__mem *mem, sgk__targets *t,
                                 const char *name, const char *data,
                                 size_t len, sgk__error *err);

/* The first threshold in load order for `indicator` that applies to a
 * period ending on `to`, or NULL. */
const sgk__threshold *sgk__targets_find(const sgk__targets *t, int indicator,
                                        sgk__day to);
/* Value of the first benchmark for `indicator` with this label (compared
 * case-sensitively); 0 if found, -1 if not (and *out untouched). */
int sgk__targets_benchmark_value(const sgk__targets *t, int indicator,
                                 const char *label, double *out);
/* enum sgk_rag for a value against a threshold.  The caller resolves the
 * target: th->target, or for a "benchmark:" target the benchmark's value
 * (NaN when not loaded).  th NULL gives SGK_STATUS_NONE; has_value 0, a
 * NaN value or a NaN target give SGK_STATUS_NO_DATA.  Comparisons are
 * exact, with no rounding. */
int sgk__rag(const sgk__threshold *th, double target, int has_value,
             double value);

#endif
