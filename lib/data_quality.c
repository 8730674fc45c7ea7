/* Data quality: for each input and each field the indicators read, how
 * many rows had it blank or invalid (Kent plan action 3.2.7: errors and
 * blanks at most 5% of the entries in each field).
 *
 * Nothing here touches ingestion.  Invalid values are the rejections that
 * reading recorded against the field (row and field rejections name their
 * input and field); a required field found blank is a row rejection whose
 * reason is "<column> is blank".  Blanks in rows that were kept are read
 * back from their facts: no team, an unset code, SGK__NO_DATE, or the
 * family's SGK__FLAG_BLANK note.  A blank counts only where the
 * indicators need a value: a blank end date means "still open" and a
 * blank worker "unallocated", which are answers, so only invalid values
 * count for those fields.  Every row read is a row of each field of its
 * input, rows rejected whole included; such a row counts only against the
 * field that rejected it.  Duplicates count like any other row: they were
 * entries in the field.  Rejections dropped by SGK_OPT_MAX_REJECTIONS
 * cannot be counted. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "family.h"

typedef int (*blank_fn)(const sgk__fact *f);

static int blank_never(const sgk__fact *f) { (void)f; return 0; }
static int blank_team(const sgk__fact *f) { return f->team == 0; }
static int blank_code(const sgk__fact *f) { return f->code == 0; }
static int blank_flag(const sgk__fact *f)
{
    return (f->flags & SGK__FLAG_BLANK) != 0;
}
static int blank_ethnicity(const sgk__fact *f)
{
    return (f->flags & SGK__FLAG_ETHNICITY) == SGK__ETH_BLANK;
}
/* Assessments: the referral date is read for initial assessments only
 * (code 1, d[3]); for other types it is not looked at. */
static int blank_ia_referral(const sgk__fact *f)
{
    return f->code == 1 && f->d[3] == SGK__NO_DATE;
}
/* Child protection: previous plans in num, -1 when blank. */
static int blank_num(const sgk__fact *f) { return f->num < 0; }
/* Looked after: a reason is needed once the episode has ended (d[1]). */
static int blank_reason(const sgk__fact *f)
{
    return f->code == 0 && f->d[1] != SGK__NO_DATE;
}

/* Cases: unallocated_since is needed only for a case with no worker. */
static int blank_unallocated_since(const sgk__fact *f)
{
    return (f->flags & SGK__FLAG_BLANK) && f->worker == 0 &&
           !SGK__IS_BAD(f, SGK__BAD_WORKER);
}

/* Children in care: the Annex A placement count is code + 1, 0 when
 * blank.  (A blank check date or days missed is an answer: none on
 * record, or a child below school age.) */
static int blank_placements(const sgk__fact *f) { return f->code == 0; }
/* Care leavers: in touch in code (1 yes), activity in code2 (0 is also
 * the OC3 "no information" code), and the suitability worked out from the
 * accommodation code and the suitability column in num.  Activity and
 * accommodation are known only for those in touch, so only theirs can be
 * missing. */
static int blank_activity(const sgk__fact *f)
{
    return f->code == 1 && f->code2 == 0;
}
static int blank_accommodation(const sgk__fact *f)
{
    return f->code == 1 && f->num == 0;
}

/* How each column's blank shows on a fact; columns not listed are
 * blank_never (required: a blank rejects the row; or blank is an answer). */
static const struct {
    int kind, col;
    blank_fn blank;
} rules[] = {
    {0, SGK__COL_TEAM, blank_team},
    {0, SGK__COL_ETHNICITY, blank_ethnicity},
    {SGK_KIND_REFERRALS, SGK__COL_REFERRAL_NFA, blank_code},
    {SGK_KIND_ASSESSMENTS, SGK__COL_ASSESSMENT_TYPE, blank_flag},
    {SGK_KIND_ASSESSMENTS, SGK__COL_REFERRAL_DATE, blank_ia_referral},
    {SGK_KIND_CP_PLANS, SGK__COL_PREVIOUS_PLANS, blank_num},
    {SGK_KIND_CLA_EPISODES, SGK__COL_REASON_ENDED, blank_reason},
    {SGK_KIND_CLA_EPISODES, SGK__COL_LEGAL_STATUS, blank_flag},
    {SGK_KIND_CASES, SGK__COL_UNALLOCATED_SINCE, blank_unallocated_since},
    {SGK_KIND_CASES, SGK__COL_CATEGORY, blank_code},
    {SGK_KIND_WORKFORCE, SGK__COL_QUALIFIED, blank_flag},
    {SGK_KIND_CLA_CHILDREN, SGK__COL_PLACEMENTS_12M, blank_placements},
    {SGK_KIND_CARE_LEAVERS, SGK__COL_IN_TOUCH, blank_code},
    {SGK_KIND_CARE_LEAVERS, SGK__COL_ACTIVITY, blank_activity},
    {SGK_KIND_CARE_LEAVERS, SGK__COL_ACCOMMODATION, blank_accommodation},
};

static blank_fn rule_for(int kind, int col)
{
    size_t i;
    for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if ((rules[i].kind == 0 || rules[i].kind == kind) &&
            rules[i].col == col)
            return rules[i].blank;
    return blank_never;
}

void sgk__dq_free(struct sgk_engine *e)
{
    sgk__free(&e->mem, e->results.dq);
    sgk__free(&e->mem, e->results.duplicates);
    e->results.dq = NULL;
    e->results.ndq = 0;
    e->results.duplicates = NULL;
    e->results.nduplicates = 0;
}

/* The canonical column read from a field of an input, or -1. */
static int col_of_field(const sgk__input *in, int field)
{
    int c;
    for (c = 0; c < SGK__COL_COUNT; c++)
        if (in->field_of_col[c] == field)
            return c;
    return -1;
}

/* One row per field the kind reads that the header has, in header order. */
static int build_rows(struct sgk_engine *e)
{
    size_t i, n = 0;
    int c, pass;
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < e->inputs.len; i++) {
            const sgk__input *in = sgk__vec_at(&e->inputs, i);
            size_t h;
            if (in->failed || in->kind <= 0)
                continue;
            for (h = 0; h < in->nheaders; h++) {
                sgk__dq_row *r;
                if ((c = col_of_field(in, (int)h)) < 0 ||
                    sgk__col_role(in->kind, c) == SGK__ROLE_NONE)
                    continue;
                if (pass == 0) {
                    n++;
                    continue;
                }
                r = &e->results.dq[e->results.ndq++];
                memset(r, 0, sizeof *r);
                r->input = (uint32_t)i;
                r->col = c;
                r->field = (int)h;
                r->rows = in->rows_read;
            }
        }
        if (pass == 0 &&
            !(e->results.dq = sgk__calloc(&e->mem, n ? n : 1,
                                          sizeof *e->results.dq)))
            return SGK_E_NOMEM;
    }
    return 0;
}

static sgk__dq_row *row_for(struct sgk_engine *e, uint32_t input, int field)
{
    size_t lo = 0, hi = e->results.ndq;
    while (lo < hi) { /* rows are sorted by input, then field */
        size_t mid = lo + (hi - lo) / 2;
        const sgk__dq_row *r = &e->results.dq[mid];
        if (r->input < input || (r->input == input && r->field < field))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < e->results.ndq && e->results.dq[lo].input == input &&
        e->results.dq[lo].field == field)
        return &e->results.dq[lo];
    return NULL;
}

/* "<column> is blank": how a required field found blank is reported. */
static int says_blank(const sgk__rejection *r, int col)
{
    const char *name = sgk__col_name(col);
    size_t n = strlen(name);
    return strncmp(r->reason, name, n) == 0 &&
           strcmp(r->reason + n, " is blank") == 0;
}

/* Rejections are sorted; a field rejected twice on one line counts once. */
static void count_rejections(struct sgk_engine *e)
{
    size_t i;
    const sgk__rejection *last = NULL;
    for (i = 0; i < e->rejections.len; i++) {
        const sgk__rejection *r = sgk__vec_at(&e->rejections, i);
        sgk__dq_row *row;
        if (r->computed || r->column < 0)
            continue;
        if (last && last->input == r->input && last->line == r->line &&
            last->column == r->column)
            continue;
        last = r;
        if (!(row = row_for(e, r->input, r->column)))
            continue;
        if (says_blank(r, row->col))
            row->blank++;
        else
            row->invalid++;
    }
}

/* Whether reading rejected this field of this record (rejections sorted). */
static int rejected_field(const struct sgk_engine *e, const sgk__fact *f,
                          int field)
{
    size_t lo = 0, hi = e->rejections.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sgk__rejection *r = sgk__vec_at(&e->rejections, mid);
        if (r->input < f->input ||
            (r->input == f->input && (r->line < f->line ||
                                      (r->line == f->line &&
                                       r->column < field))))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < e->rejections.len; lo++) {
        const sgk__rejection *r = sgk__vec_at(&e->rejections, lo);
        if (r->input != f->input || r->line != f->line || r->column != field)
            return 0;
        if (!r->computed)
            return 1;
    }
    return 0;
}

/* One pass over the facts: each checks the fields of its own input that
 * have a blank rule.  active[] lists those fields' rows (most columns have
 * none), input by input, input `in`'s from first[in] up to first[in + 1]. */
static int count_blanks(struct sgk_engine *e)
{
    size_t n = e->inputs.len, k, i, in, m = 0;
    size_t *first = sgk__calloc(&e->mem, n + 1, sizeof *first);
    size_t *active = sgk__calloc(&e->mem, e->results.ndq + 1, sizeof *active);
    blank_fn *rule = sgk__calloc(&e->mem, e->results.ndq + 1, sizeof *rule);
    int kind;
    if (!first || !active || !rule) {
        sgk__free(&e->mem, first);
        sgk__free(&e->mem, active);
        sgk__free(&e->mem, rule);
        return SGK_E_NOMEM;
    }
    /* Rows are sorted by input, so the active ones come out in order. */
    for (k = 0, in = 0; in <= n; in++) {
        first[in] = m;
        for (; k < e->results.ndq && e->results.dq[k].input == in; k++) {
            const sgk__input *input = sgk__vec_at(&e->inputs, in);
            blank_fn r = rule_for(input->kind, e->results.dq[k].col);
            if (r != blank_never) {
                rule[m] = r;
                active[m++] = k;
            }
        }
    }
    for (kind = 1; kind < SGK_KIND_COUNT; kind++) {
        const sgk__fact *f = e->facts[kind].items;
        for (i = 0; i < e->facts[kind].len; i++)
            for (k = first[f[i].input]; k < first[f[i].input + 1]; k++)
                if (rule[k](&f[i]) &&
                    !rejected_field(e, &f[i],
                                    e->results.dq[active[k]].field))
                    e->results.dq[active[k]].blank++;
    }
    sgk__free(&e->mem, first);
    sgk__free(&e->mem, active);
    sgk__free(&e->mem, rule);
    return 0;
}

static double percent(const sgk__dq_row *r)
{
    return r->rows > 0 ? 100.0 * (double)(r->blank + r->invalid) /
                             (double)r->rows
                       : NAN;
}

/* The indicator's value is the worst field's: a "<= 5" target is met only
 * when every field is within 5%.  Fields are rated against the same
 * threshold. */
void sgk__dq_blank_or_invalid(sgk__calc *c)
{
    struct sgk_engine *e = c->e;
    const sgk__threshold *th;
    const sgk__dq_row *worst = NULL;
    double target = NAN;
    size_t k;
    c->no_breakdown = SGK__NO_TEAMS | SGK__NO_MONTHS;
    sgk__free(&e->mem, e->results.dq);
    e->results.dq = NULL;
    e->results.ndq = 0;
    if ((c->status = build_rows(e)) != 0)
        return;
    sgk__rejections_sort(e);
    count_rejections(e);
    if ((c->status = count_blanks(e)) != 0)
        return;
    th = sgk__targets_find(&e->targets, c->indicator, e->to);
    if (th && th->target_benchmark) {
        if (sgk__targets_benchmark_value(&e->targets, c->indicator,
                                         th->target_benchmark, &target) != 0)
            target = NAN;
    } else if (th) {
        target = th->target;
    }
    for (k = 0; k < e->results.ndq; k++) {
        sgk__dq_row *r = &e->results.dq[k];
        double v = percent(r);
        r->status = sgk__rag(th, target, r->rows > 0, v);
        if (r->rows > 0 && (!worst || v > percent(worst)))
            worst = r;
    }
    if (worst)
        sgk__tally(c, 0, 0, (double)(worst->blank + worst->invalid),
                   (double)worst->rows);
}

/* ---- Getters ------------------------------------------------------------ */
static const sgk__dq_row *dq_at(const sgk_engine *e, int k)
{
    if (!e || !e->results.computed || k < 0 || (size_t)k >= e->results.ndq)
        return NULL;
    return &e->results.dq[k];
}

int sgk_dq_count(const sgk_engine *e)
{
    return e && e->results.computed ? (int)e->results.ndq : 0;
}

int sgk_dq_input(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? (int)r->input : -1;
}

const char *sgk_dq_field(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? sgk__col_name(r->col) : NULL;
}

const char *sgk_dq_header(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    const sgk__input *in;
    if (!r)
        return NULL;
    in = sgk__vec_at(&e->inputs, r->input);
    return (size_t)r->field < in->nheaders ? in->headers[r->field] : NULL;
}

int64_t sgk_dq_rows(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? r->rows : -1;
}

int64_t sgk_dq_blank(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? r->blank : -1;
}

int64_t sgk_dq_invalid(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? r->invalid : -1;
}

double sgk_dq_value(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? percent(r) : NAN;
}

int sgk_dq_status(const sgk_engine *e, int k)
{
    const sgk__dq_row *r = dq_at(e, k);
    return r ? r->status : SGK_STATUS_NONE;
}
