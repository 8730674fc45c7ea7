/* Duplicate records: two rows of one input about the same child with the
 * same main date.  The first is kept; each later one is flagged
 * (SGK__FLAG_DUPLICATE) and moved to the end of its kind's facts, which
 * the indicators are not handed, so none counts it; it is reported as a
 * computed row rejection naming the line of the first.  Moving them (the
 * others keep their order) costs memory for the duplicates only, where a
 * filtered copy would cost a second array of every fact.  Their slots
 * are found again by each compute, so the data-quality table and a later
 * compute still see every row.  Such a row counts
 * as rejected in rows read = used + rejected (inputs.c).  Rows in
 * different inputs are never duplicates of each other: the same plan in
 * two extracts is for the caller to sort out (docs/indicators.md). */
#include <string.h>
#include "family.h"

/* The main date slot of each kind's facts (see each family file): the
 * referral date, the assessment's start date, the plan start, DECOM, the
 * case start and a child in care's start date.  Workforce rows have no
 * child, and a care leaver's row no date: -1. */
static const int main_date[SGK_KIND_COUNT] = {
    [SGK_KIND_AUTO] = -1,
    [SGK_KIND_REFERRALS] = 0,
    [SGK_KIND_ASSESSMENTS] = 1,
    [SGK_KIND_CP_PLANS] = 0,
    [SGK_KIND_CLA_EPISODES] = 0,
    [SGK_KIND_CASES] = 0,
    [SGK_KIND_WORKFORCE] = -1,
    [SGK_KIND_CLA_CHILDREN] = 0,
    [SGK_KIND_CARE_LEAVERS] = -1,
};

static const int main_col[SGK_KIND_COUNT] = {
    [SGK_KIND_REFERRALS] = SGK__COL_REFERRAL_DATE,
    [SGK_KIND_ASSESSMENTS] = SGK__COL_START_DATE,
    [SGK_KIND_CP_PLANS] = SGK__COL_PLAN_START_DATE,
    [SGK_KIND_CLA_EPISODES] = SGK__COL_START_DATE,
    [SGK_KIND_CASES] = SGK__COL_CASE_START_DATE,
    [SGK_KIND_CLA_CHILDREN] = SGK__COL_START_DATE,
};

/* Open addressing on (input, child, date): one pass in fact order, so the
 * first row of a key is the one kept.  A slot holds fact index + 1 in its
 * low bits (log2 of the table size, enough as the table is at most half
 * full) and the hash's bits above them, so a probe passing another key's
 * slot rejects it without reading that fact, which could be anywhere. */
static uint32_t key_hash(const sgk__fact *f, sgk__day date)
{
    uint64_t h = ((uint64_t)f->input << 48) ^ ((uint64_t)f->child << 16) ^
                 (uint64_t)(uint32_t)date * UINT64_C(0x9E3779B97F4A7C15);
    h ^= h >> 31;
    h *= UINT64_C(0xBF58476D1CE4E5B9);
    return (uint32_t)(h ^ (h >> 29));
}

static int same_key(const sgk__fact *a, const sgk__fact *b, int slot)
{
    return a->input == b->input && a->child == b->child &&
           a->d[slot] == b->d[slot];
}

/* Facts are visited in order but land anywhere in the table, so each
 * one's slot is asked for DUP_AHEAD facts before it is needed. */
#define DUP_AHEAD 16

static int mark_kind(struct sgk_engine *e, int kind, uint32_t *table,
                     size_t mask, size_t *dups)
{
    sgk__fact *f = e->facts[kind].items;
    size_t i, n = e->facts[kind].len;
    uint32_t hash[DUP_AHEAD], tags = (uint32_t)~mask;
    int slot = main_date[kind];
    *dups = 0;
    memset(table, 0, (mask + 1) * sizeof *table);
    for (i = 0; i < n && i < DUP_AHEAD; i++)
        hash[i] = key_hash(&f[i], f[i].d[slot]);
    for (i = 0; i < n; i++) {
        uint32_t h = hash[i % DUP_AHEAD];
        size_t at = h & mask;
        if (i + DUP_AHEAD < n) {
            const sgk__fact *g = &f[i + DUP_AHEAD];
            hash[i % DUP_AHEAD] = key_hash(g, g->d[slot]);
            sgk__prefetch(&table[hash[i % DUP_AHEAD] & mask]);
        }
        f[i].flags &= (uint8_t)~SGK__FLAG_DUPLICATE;
        while (table[at] &&
               ((table[at] & tags) != (h & tags) ||
                !same_key(&f[(table[at] & mask) - 1], &f[i], slot)))
            at = (at + 1) & mask;
        if (!table[at]) {
            table[at] = (h & tags) | ((uint32_t)i + 1);
            continue;
        }
        f[i].flags |= SGK__FLAG_DUPLICATE;
        e->results.duplicates[f[i].input]++;
        (*dups)++;
        if (sgk__reject_computed(e, f[i].input, f[i].line, -1, NULL,
                                 "duplicate of line %lu: the same child "
                                 "and %s",
                                 (unsigned long)f[(table[at] & mask) - 1].line,
                                 sgk__col_name(main_col[kind])) != 0)
            return SGK_E_NOMEM;
    }
    return 0;
}

/* Stable partition: the kind's other facts first, in their order, then
 * its duplicates, in theirs. */
static int move_to_end(struct sgk_engine *e, int kind, size_t dups)
{
    sgk__fact *f = e->facts[kind].items, *moved;
    size_t i, n = e->facts[kind].len, kept = 0, m = 0;
    if (dups == 0)
        return 0;
    moved = sgk__calloc(&e->mem, dups, sizeof *moved);
    if (!moved)
        return SGK_E_NOMEM;
    for (i = 0; i < n; i++) {
        if (f[i].flags & SGK__FLAG_DUPLICATE)
            moved[m++] = f[i];
        else
            f[kept++] = f[i];
    }
    memcpy(f + kept, moved, dups * sizeof *moved);
    sgk__free(&e->mem, moved);
    return 0;
}

size_t sgk__facts_unique(const struct sgk_engine *e, int kind)
{
    const sgk__fact *f = e->facts[kind].items;
    size_t n = e->facts[kind].len;
    while (n > 0 && (f[n - 1].flags & SGK__FLAG_DUPLICATE))
        n--;
    return n;
}

int sgk__duplicates_mark(struct sgk_engine *e)
{
    size_t most = 1, cap = 2;
    uint32_t *table;
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
    while (cap < 2 * most) /* at most half full */
        cap *= 2;
    table = sgk__calloc(&e->mem, cap, sizeof *table);
    if (!table)
        return SGK_E_NOMEM;
    for (kind = 1; kind < SGK_KIND_COUNT && rc == 0; kind++) {
        size_t dups = 0;
        if (main_date[kind] < 0)
            continue;
        rc = mark_kind(e, kind, table, cap - 1, &dups);
        if (rc == 0)
            rc = move_to_end(e, kind, dups);
    }
    sgk__free(&e->mem, table);
    return rc;
}
