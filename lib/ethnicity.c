/* Ethnicity: whether each child's ethnicity is recorded.
 *
 * Definitions (docs/indicators.md), from Kent's plan action 6.3.6 ("ensure
 * that ethnicity data is entered in each child and young person's ...
 * file") and Ofsted's Annex A guidance (2019), which asks for the DfE
 * common basic data set (CBDS) codes: eighteen ethnic groups WBRI ... OOTH,
 * or REFU (refused) and NOBT (information not yet obtained).
 *
 * The column is optional in every kind with children and is read into the
 * low five bits of sgk__fact.flags (family.h), the one place free in every
 * kind.  Each child is counted once however many rows and extracts name
 * them; only rows of inputs that have an ethnicity column are looked at.
 * A child's status is decided by their best row: an ethnic group beats
 * REFU or NOBT, which beat a value that is not a code, which beats a
 * blank; between two rows of the same rank the first (input, then line)
 * wins.  Two different ethnic groups for one child are a computed
 * rejection of the later row, naming the line the first came from. */
#include <stdlib.h>
#include <string.h>
#include "family.h"

static const char ind_all[] =
    "ethnicity_recorded,ethnicity_refused,ethnicity_not_obtained";

/* CBDS codes in Annex A order; the index + 1 is the stored code. */
static const char *const codes[] = {
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
    "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
    "REFU", "NOBT",
};

/* The same codes packed as packed() makes them, in the same order. */
#define PACK(a, b, c, d)                                                     \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |         \
     (uint32_t)(d))

/* Four letters as one upper-case word, or 0 when s is not four ASCII
 * letters: every code is four letters, so a row's code is found with
 * twenty integer comparisons rather than twenty string ones. */
static uint32_t packed(const char *s, size_t n)
{
    uint32_t w = 0;
    size_t i;
    if (n != 4)
        return 0;
    for (i = 0; i < 4; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (unsigned char)(ch - 'a' + 'A');
        if (ch < 'A' || ch > 'Z')
            return 0;
        w = w << 8 | ch;
    }
    return w;
}

void sgk__ethnicity_ingest(sgk__row *row, sgk__fact *f)
{
    static const uint32_t packed_codes[] = {
        PACK('W', 'B', 'R', 'I'), PACK('W', 'I', 'R', 'I'),
        PACK('W', 'I', 'R', 'T'), PACK('W', 'O', 'T', 'H'),
        PACK('W', 'R', 'O', 'M'), PACK('M', 'W', 'B', 'C'),
        PACK('M', 'W', 'B', 'A'), PACK('M', 'W', 'A', 'S'),
        PACK('M', 'O', 'T', 'H'), PACK('A', 'I', 'N', 'D'),
        PACK('A', 'P', 'K', 'N'), PACK('A', 'B', 'A', 'N'),
        PACK('A', 'O', 'T', 'H'), PACK('B', 'C', 'R', 'B'),
        PACK('B', 'A', 'F', 'R'), PACK('B', 'O', 'T', 'H'),
        PACK('C', 'H', 'N', 'E'), PACK('O', 'O', 'T', 'H'),
        PACK('R', 'E', 'F', 'U'), PACK('N', 'O', 'B', 'T'),
    };
    const char *s;
    size_t n, i;
    uint32_t key;
    /* Four letters, the usual case, are already a bare code: stripping
     * (sgk__code_strip) would leave them as they are. */
    if (!sgk__row_text(row, SGK__COL_ETHNICITY, &s, &n))
        return; /* blank, or no such column: code 0 */
    if ((key = packed(s, n)) == 0) {
        sgk__code_strip(&s, &n);
        if (n == 0)
            return;
        key = packed(s, n);
    }
    if (key != 0)
        for (i = 0; i < sizeof packed_codes / sizeof packed_codes[0]; i++)
            if (key == packed_codes[i]) {
                f->flags |= (uint8_t)(i + 1);
                return;
            }
    f->flags |= SGK__ETH_INVALID;
    sgk__row_reject(row, SGK__COL_ETHNICITY, ind_all,
                    "ethnicity '%.*s' is not a CBDS ethnicity code (WBRI ... "
                    "OOTH, REFU or NOBT)", (int)(n > 40 ? 40 : n), s);
}

static int code_of(const sgk__fact *f)
{
    return f->flags & SGK__FLAG_ETHNICITY;
}

static int rank(int code)
{
    if (code >= 1 && code <= SGK__ETH_GROUPS)
        return 3;
    if (code == SGK__ETH_REFUSED || code == SGK__ETH_NOT_OBTAINED)
        return 2;
    return code == SGK__ETH_INVALID ? 1 : 0;
}

static const char *code_text(int code)
{
    return code >= 1 && code <= (int)(sizeof codes / sizeof codes[0])
               ? codes[code - 1] : "?";
}

/* Facts of every kind with children, numbered kind by kind. */
typedef struct walk {
    const struct sgk_engine *e;
    size_t base[SGK_KIND_COUNT + 1];
} walk;

static void walk_init(walk *w, const struct sgk_engine *e)
{
    int k;
    w->e = e;
    w->base[0] = w->base[1] = 0;
    for (k = 1; k < SGK_KIND_COUNT; k++)
        w->base[k + 1] = w->base[k] +
                         (k == SGK_KIND_WORKFORCE ? 0 : e->facts[k].len);
}

/* The fact with walk number i. */
static const sgk__fact *walk_at(const walk *w, size_t i)
{
    int k = 1;
    while (i >= w->base[k + 1])
        k++;
    return (const sgk__fact *)w->e->facts[k].items + (i - w->base[k]);
}

/* Records f (walk number i) as the child's deciding row. */
static void decide_on(sgk__shared *sh, const sgk__fact *f, size_t i)
{
    sh->ethnicity_row[f->child] = (uint32_t)i + 1;
    sh->ethnicity_code[f->child] = (uint8_t)code_of(f);
    sh->ethnicity_team[f->child] = f->team;
}

/* Picks each child's deciding row; 0 when no input read has an ethnicity
 * column, -1 when memory ran out.  Rows are visited in (input, line)
 * order, input by input: each input's facts are one run, in line order, in
 * its kind's array, because facts are appended as they are read and a
 * merge appends the later inputs' after the earlier ones' (duplicates,
 * moved to the end, are skipped).  The first row of the best rank then
 * wins by coming first, and each row is compared with the child's code so
 * far, kept in a small array, rather than with the deciding row itself,
 * which could be anywhere in memory.  The first ethnic group decides and
 * nothing outranks it, so a row with another group is a conflict as soon
 * as it is seen: its walk number goes on sh->ethnicity_conflicts, and
 * reporting needs no second look at every row. */
static int decide(const sgk__calc *c, const walk *w, sgk__shared *sh)
{
    const struct sgk_engine *e = c->e;
    size_t at[SGK_KIND_COUNT] = {0}, in;
    int any = 0;
    for (in = 0; in < e->inputs.len; in++) {
        const sgk__input *input = sgk__vec_at(&e->inputs, in);
        int k = input->kind;
        const sgk__fact *facts;
        if (k <= 0 || k >= SGK_KIND_COUNT || k == SGK_KIND_WORKFORCE)
            continue;
        facts = e->facts[k].items;
        for (; at[k] < e->facts[k].len && facts[at[k]].input == in; at[k]++) {
            const sgk__fact *f = &facts[at[k]];
            uint32_t *conflict;
            if ((f->flags & SGK__FLAG_DUPLICATE) ||
                input->field_of_col[SGK__COL_ETHNICITY] < 0)
                continue;
            any = 1;
            if (sh->ethnicity_row[f->child] == 0 ||
                rank(code_of(f)) > rank(sh->ethnicity_code[f->child])) {
                decide_on(sh, f, w->base[k] + at[k]);
                continue;
            }
            if (rank(code_of(f)) != 3 ||
                sh->ethnicity_code[f->child] == code_of(f))
                continue;
            if (!(conflict = sgk__vec_push(&e->mem,
                                           &sh->ethnicity_conflicts)))
                return -1;
            *conflict = (uint32_t)(w->base[k] + at[k]);
        }
    }
    return any;
}

static int by_number(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A second, different ethnic group for a child is reported on its row,
 * in walk order (kind by kind), where decide found them input by
 * input. */
static void report_conflicts(sgk__calc *c, const walk *w)
{
    sgk__vec *found = &c->shared->ethnicity_conflicts;
    const uint32_t *at = found->items;
    size_t k;
    if (found->len > 1)
        qsort(found->items, found->len, sizeof *at, by_number);
    for (k = 0; c->status == 0 && k < found->len; k++) {
        const sgk__fact *f = walk_at(w, at[k]);
        const sgk__fact *b = walk_at(w, c->shared->ethnicity_row[f->child] -
                                            1);
        sgk__calc_reject(c, f, sgk__input_field(c->e, f, SGK__COL_ETHNICITY),
                         "ethnicity %s differs from %s given for the same "
                         "child on line %lu of %s, which is used",
                         code_text(code_of(f)), code_text(code_of(b)),
                         (unsigned long)b->line,
                         ((const sgk__input *)sgk__vec_at(&c->e->inputs,
                                                          b->input))->name);
    }
}

/* The deciding rows, found once per compute for the three indicators
 * (the compute frees them); 0 when memory ran out. */
static int deciding_rows(sgk__calc *c, const walk *w)
{
    sgk__shared *sh = c->shared;
    uint32_t n = c->e->children.count ? c->e->children.count : 1;
    if (sh->ethnicity_row)
        return 1;
    sh->ethnicity_row = sgk__calloc(&c->e->mem, n, sizeof(uint32_t));
    sh->ethnicity_code = sgk__malloc(&c->e->mem, n);
    sh->ethnicity_team = sgk__malloc(&c->e->mem, n * sizeof(uint32_t));
    sgk__vec_init(&sh->ethnicity_conflicts, sizeof(uint32_t));
    if (!sh->ethnicity_row || !sh->ethnicity_code || !sh->ethnicity_team ||
        (sh->ethnicity_any = decide(c, w, sh)) < 0) {
        c->status = SGK_E_NOMEM;
        return 0;
    }
    return 1;
}

/* One tally per child: what `score` makes of the deciding row's code.
 * den 0 makes a count. */
static void per_child(sgk__calc *c, int (*score)(int code), int den)
{
    walk w;
    uint32_t child;
    c->no_breakdown = SGK__NO_MONTHS; /* a record, not an event in time */
    walk_init(&w, c->e);
    if (!deciding_rows(c, &w))
        return;
    if (!c->shared->ethnicity_any) {
        c->absent = 1;
        return;
    }
    /* Child by child: one look at each deciding row, not one at every
     * row of every extract. */
    for (child = 0; child < c->e->children.count; child++)
        if (c->shared->ethnicity_row[child])
            sgk__tally(c, 0, c->shared->ethnicity_team[child],
                       score(c->shared->ethnicity_code[child]), den);
    if (den)
        report_conflicts(c, &w);
}

/* REFU and NOBT are valid codes, so they count as recorded. */
static int recorded(int code)
{
    return rank(code) >= 2;
}

static int refused(int code)
{
    return code == SGK__ETH_REFUSED;
}

static int not_obtained(int code)
{
    return code == SGK__ETH_NOT_OBTAINED;
}

void sgk__ethnicity_recorded(sgk__calc *c)
{
    per_child(c, recorded, 1);
}

void sgk__ethnicity_refused(sgk__calc *c)
{
    per_child(c, refused, 0);
}

void sgk__ethnicity_not_obtained(sgk__calc *c)
{
    per_child(c, not_obtained, 0);
}
