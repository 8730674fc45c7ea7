/* Duplicate records: two rows of one input about the same child with the
 * same main date.  The first is kept; each later one is flagged
 * (SGK__FLAG_DUPLICATE) so that no indicator counts it, and reported as a
 * computed row rejection naming the line of the first.  Such a row counts
 * as rejected in rows read = used + rejected (inputs.c).  Rows in
 * different inputs are never duplicates of each other: the same plan in
 * two extracts is for the caller to sort out (docs/indicators.md). */
#include <stdlib.h>
#include "family.h"

/* The main date slot of each kind's facts (see each family file): the
 * referral date, the assessment's start date, the plan start, DECOM and
 * the case start.  Workforce rows have no child: -1. */
static const int main_date[SGK_KIND_COUNT] = {
    [SGK_KIND_AUTO] = -1,
    [SGK_KIND_REFERRALS] = 0,
    [SGK_KIND_ASSESSMENTS] = 1,
    [SGK_KIND_CP_PLANS] = 0,
    [SGK_KIND_CLA_EPISODES] = 0,
    [SGK_KIND_CASES] = 0,
    [SGK_KIND_WORKFORCE] = -1,
};

static const int main_col[SGK_KIND_COUNT] = {
    [SGK_KIND_REFERRALS] = SGK__COL_REFERRAL_DATE,
    [SGK_KIND_ASSESSMENTS] = SGK__COL_START_DATE,
    [SGK_KIND_CP_PLANS] = SGK__COL_PLAN_START_DATE,
    [SGK_KIND_CLA_EPISODES] = SGK__COL_START_DATE,
    [SGK_KIND_CASES] = SGK__COL_CASE_START_DATE,
};

/* The slot is passed through the sort in each element, not a global. */
typedef struct keyed {
    const sgk__fact *f;
    sgk__day date;
} keyed;

/* Input, child, date; then position, so the first row comes first. */
static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->f->input != b->f->input)
        return a->f->input < b->f->input ? -1 : 1;
    if (a->f->child != b->f->child)
        return a->f->child < b->f->child ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->f < b->f ? -1 : a->f > b->f;
}

static int same_key(const keyed *a, const keyed *b)
{
    return a->f->input == b->f->input && a->f->child == b->f->child &&
           a->date == b->date;
}

static int mark_kind(struct sgk_engine *e, int kind, keyed *k)
{
    sgk__fact *f = e->facts[kind].items;
    size_t i, n = e->facts[kind].len, first = 0;
    for (i = 0; i < n; i++) {
        f[i].flags &= (uint8_t)~SGK__FLAG_DUPLICATE;
        k[i].f = &f[i];
        k[i].date = f[i].d[main_date[kind]];
    }
    qsort(k, n, sizeof *k, by_key);
    for (i = 1; i < n; i++) {
        sgk__fact *dup;
        if (!same_key(&k[first], &k[i])) {
            first = i;
            continue;
        }
        dup = &f[k[i].f - f];
        dup->flags |= SGK__FLAG_DUPLICATE;
        e->results.duplicates[dup->input]++;
        if (sgk__reject_computed(e, dup->input, dup->line, -1, NULL,
                                 "duplicate of line %lu: the same child "
                                 "and %s", (unsigned long)k[first].f->line,
                                 sgk__col_name(main_col[kind])) != 0)
            return SGK_E_NOMEM;
    }
    return 0;
}

int sgk__duplicates_mark(struct sgk_engine *e)
{
    size_t most = 1;
    keyed *k;
    int kind, rc = 0;
    e->results.duplicates = sgk__calloc(&e->mem,
                                        e->inputs.len ? e->inputs.len : 1,
                                        sizeof *e->results.duplicates);
    if (!e->results.duplicates)
        return SGK_E_NOMEM;
    e->results.nduplicates = e->inputs.len;
    for (kind = 1; kind < SGK_KIND_COUNT; kind++)
        if (e->facts[kind].len > most)
            most = e->facts[kind].len;
    k = sgk__calloc(&e->mem, most, sizeof *k);
    if (!k)
        return SGK_E_NOMEM;
    for (kind = 1; kind < SGK_KIND_COUNT && rc == 0; kind++)
        if (main_date[kind] >= 0)
            rc = mark_kind(e, kind, k);
    sgk__free(&e->mem, k);
    return rc;
}
