/* Duplicate records: two rows of one input about the same child with the
 * same main date, or for care leavers the same child.  The first is kept;
 * each later one is flagged (SGK__FLAG_DUPLICATE) and moved to the end of
 * its kind's facts, which the indicators are not handed, so none counts
 * it; it is reported as a computed row rejection naming the line of the
 * first.  Moving them (the others keep their order) costs memory for the
 * duplicates only, where a filtered copy would cost a second array of
 * every fact.  Their slots are found again by each compute, so the
 * data-quality table and a later compute still see every row.  Such a row
 * counts as rejected in rows read = used + rejected (inputs.c).  Rows in
 * different inputs are never duplicates of each other: the same plan in
 * two extracts is for the caller to sort out (docs/indicators.md). */
#include <pthread.h>
#include <string.h>
#include "family.h"

/* The main date slot of each kind's facts (see each family file): the
 * referral date, the assessment's start date, the plan start, DECOM, the
 * case start and a child in care's start date.  A care leavers extract
 * has one row per care leaver and no date, so the child alone is the key
 * (CHILD_ONLY).  Workforce rows have no child: NOT_CHECKED. */
enum { NOT_CHECKED = -1, CHILD_ONLY = -2 };
static const int main_date[SGK_KIND_COUNT] = {
    [SGK_KIND_AUTO] = NOT_CHECKED,
    [SGK_KIND_REFERRALS] = 0,
    [SGK_KIND_ASSESSMENTS] = 1,
    [SGK_KIND_CP_PLANS] = 0,
    [SGK_KIND_CLA_EPISODES] = 0,
    [SGK_KIND_CASES] = 0,
    [SGK_KIND_WORKFORCE] = NOT_CHECKED,
    [SGK_KIND_CLA_CHILDREN] = 0,
    [SGK_KIND_CARE_LEAVERS] = CHILD_ONLY,
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
/* The date a fact is keyed on (0 for CHILD_ONLY). */
static sgk__day key_date(const sgk__fact *f, int slot)
{
    return slot >= 0 ? f->d[slot] : 0;
}

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
           key_date(a, slot) == key_date(b, slot);
}

/* Facts are visited in order but land anywhere in the table, so each
 * one's slot is asked for DUP_AHEAD facts before it is needed. */
#define DUP_AHEAD 16

/* Marks one kind's duplicates, reporting them into `rejected`; *dups
 * counts them.  The table (mask + 1 slots, a power of two) is the
 * caller's. */
static int mark_kind(struct sgk_engine *e, int kind, uint32_t *table,
                     size_t mask, sgk__vec *rejected, size_t *dups)
{
    sgk__fact *f = e->facts[kind].items;
    size_t i, n = e->facts[kind].len;
    uint32_t hash[DUP_AHEAD], tags = (uint32_t)~mask;
    int slot = main_date[kind];
    *dups = 0;
    memset(table, 0, (mask + 1) * sizeof *table);
    for (i = 0; i < n && i < DUP_AHEAD; i++)
        hash[i] = key_hash(&f[i], key_date(&f[i], slot));
    for (i = 0; i < n; i++) {
        uint32_t h = hash[i % DUP_AHEAD];
        size_t at = h & mask;
        if (i + DUP_AHEAD < n) {
            const sgk__fact *g = &f[i + DUP_AHEAD];
            hash[i % DUP_AHEAD] = key_hash(g, key_date(g, slot));
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
        if (sgk__reject_computed_into(
                e, rejected, f[i].input, f[i].line, -1, NULL,
                "duplicate of line %lu: the same child%s%s",
                (unsigned long)f[(table[at] & mask) - 1].line,
                slot >= 0 ? " and " : "",
                slot >= 0 ? sgk__col_name(main_col[kind]) : "") != 0)
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

/* The kinds are independent (each input has one kind, and so each
 * per-input count one writer), so with threads they are shared out, the
 * largest first; what each finds is kept in a list of its kind's and
 * added to the engine's in kind order. */
typedef struct dup_crew {
    struct sgk_engine *e;
    pthread_mutex_t lock;
    int kinds[SGK_KIND_COUNT];
    int nkinds, next;
    sgk__vec rejected[SGK_KIND_COUNT];
    int status[SGK_KIND_COUNT];
} dup_crew;

static int next_kind(dup_crew *c)
{
    int k = -1;
    pthread_mutex_lock(&c->lock);
    if (c->next < c->nkinds)
        k = c->kinds[c->next++];
    pthread_mutex_unlock(&c->lock);
    return k;
}

/* Table slots for n keys: a power of two, the table at most half full. */
static size_t slots_for(size_t n)
{
    size_t cap = 2;
    while (cap < 2 * n)
        cap *= 2;
    return cap;
}

/* Kinds are taken largest first, so each thread's table is sized by the
 * first it takes. */
static void *mark_kinds(void *arg)
{
    dup_crew *c = arg;
    uint32_t *table = NULL;
    int kind;
    while ((kind = next_kind(c)) >= 0) {
        size_t dups = 0, cap = slots_for(c->e->facts[kind].len);
        int rc = 0;
        if (!table &&
            !(table = sgk__calloc(&c->e->mem, cap, sizeof *table)))
            rc = SGK_E_NOMEM;
        if (rc == 0)
            rc = mark_kind(c->e, kind, table, cap - 1, &c->rejected[kind],
                           &dups);
        c->status[kind] = rc ? rc : move_to_end(c->e, kind, dups);
    }
    sgk__free(&c->e->mem, table);
    return NULL;
}

/* Kinds with a main date, largest first. */
static void plan_kinds(struct sgk_engine *e, dup_crew *c)
{
    int kind, i;
    for (kind = 1; kind < SGK_KIND_COUNT; kind++) {
        size_t n = e->facts[kind].len;
        sgk__vec_init(&c->rejected[kind], sizeof(sgk__rejection));
        if (main_date[kind] == NOT_CHECKED || n == 0)
            continue;
        for (i = c->nkinds++; i > 0 && e->facts[c->kinds[i - 1]].len < n; i--)
            c->kinds[i] = c->kinds[i - 1];
        c->kinds[i] = kind;
    }
}

int sgk__duplicates_mark(struct sgk_engine *e)
{
    dup_crew c;
    pthread_t thread[8];
    int started[8] = {0}, threads = sgk__threads_wanted(e), k, rc = 0;
    e->results.duplicates = sgk__calloc(&e->mem,
                                        e->inputs.len ? e->inputs.len : 1,
                                        sizeof *e->results.duplicates);
    if (!e->results.duplicates)
        return SGK_E_NOMEM;
    e->results.nduplicates = e->inputs.len;
    memset(&c, 0, sizeof c);
    c.e = e;
    plan_kinds(e, &c);
    if (pthread_mutex_init(&c.lock, NULL) != 0)
        return SGK_E_NOMEM;
    if (threads > c.nkinds)
        threads = c.nkinds;
    if (threads > 8)
        threads = 8;
    for (k = 1; k < threads; k++)
        started[k] = pthread_create(&thread[k], NULL, mark_kinds, &c) == 0;
    mark_kinds(&c);
    for (k = 1; k < threads; k++)
        if (started[k])
            pthread_join(thread[k], NULL);
    pthread_mutex_destroy(&c.lock);
    for (k = 1; k < SGK_KIND_COUNT; k++) {
        if (rc == 0)
            rc = c.status[k];
        if (rc == 0)
            rc = sgk__rejections_adopt(e, &c.rejected[k]);
        sgk__rejections_drop(e, &c.rejected[k]);
    }
    return rc;
}
