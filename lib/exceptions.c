/* Case-level exception lists.  They name children, so they exist only when
 * the caller set SGK_OPT_EXCEPTIONS; the family files offer every
 * candidate and this file decides whether to keep it. */
#include <stdlib.h>
#include "family.h"

void sgk__calc_exception(sgk__calc *c, const sgk__fact *f, sgk__day date,
                         int32_t days)
{
    sgk__results *r = &c->e->results;
    sgk__exception *x;
    if (!c->record || !r->exceptions)
        return;
    x = sgk__vec_push(&c->e->mem, &r->exceptions[c->indicator]);
    if (!x) {
        c->status = SGK_E_NOMEM;
        return;
    }
    x->fact = (uint32_t)(f - c->facts);
    x->days = days;
    x->date = date;
}

static int most_urgent_first(const void *pa, const void *pb)
{
    const sgk__exception *a = pa, *b = pb;
    if (a->days != b->days)
        return a->days > b->days ? -1 : 1;
    /* Facts are in input and line order, so this is input, then line. */
    return a->fact < b->fact ? -1 : a->fact > b->fact;
}

int sgk__exceptions_init(struct sgk_engine *e)
{
    int i, n = sgk__indicator_total();
    if (!e->options[SGK_OPT_EXCEPTIONS])
        return 0;
    e->results.exceptions = sgk__calloc(&e->mem, (size_t)n,
                                        sizeof *e->results.exceptions);
    if (!e->results.exceptions)
        return SGK_E_NOMEM;
    for (i = 0; i < n; i++)
        sgk__vec_init(&e->results.exceptions[i], sizeof(sgk__exception));
    return 0;
}

void sgk__exceptions_sort(struct sgk_engine *e)
{
    int i;
    if (!e->results.exceptions)
        return;
    for (i = 0; i < sgk__indicator_total(); i++) {
        sgk__vec *v = &e->results.exceptions[i];
        if (v->len > 1)
            qsort(v->items, v->len, sizeof(sgk__exception), most_urgent_first);
    }
}

void sgk__exceptions_free(struct sgk_engine *e)
{
    int i;
    if (!e->results.exceptions)
        return;
    for (i = 0; i < sgk__indicator_total(); i++)
        sgk__vec_free(&e->mem, &e->results.exceptions[i]);
    sgk__free(&e->mem, e->results.exceptions);
    e->results.exceptions = NULL;
}

static const sgk__exception *at(const sgk_engine *e, int ind, int64_t k,
                                const sgk__fact **fact)
{
    const sgk__vec *v;
    const sgk__exception *x;
    const sgk__indicator *def = sgk__indicator_at(ind);
    if (!e || !e->results.computed || !e->results.exceptions || !def)
        return NULL;
    v = &e->results.exceptions[ind];
    if (k < 0 || (uint64_t)k >= v->len)
        return NULL;
    x = sgk__vec_at(v, (size_t)k);
    *fact = sgk__vec_at(&e->facts[def->kind], x->fact);
    return x;
}

int64_t sgk_exception_count(const sgk_engine *e, int ind)
{
    if (!e || !e->results.computed || !e->results.exceptions ||
        !sgk__indicator_at(ind))
        return 0;
    return (int64_t)e->results.exceptions[ind].len;
}

const char *sgk_exception_child(const sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    return at(e, ind, k, &f) ? sgk__strpool_get(&e->children, f->child)
                             : NULL;
}

const char *sgk_exception_team(const sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    return at(e, ind, k, &f) ? sgk__strpool_get(&e->teams, f->team) : NULL;
}

const char *sgk_exception_worker(const sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    return at(e, ind, k, &f) ? sgk__strpool_get(&e->workers, f->worker)
                             : NULL;
}

const char *sgk_exception_date(sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    const sgk__exception *x = at(e, ind, k, &f);
    if (!x)
        return NULL;
    if (x->date == SGK__NO_DATE)
        return ""; /* a list without dates, or a record without one */
    sgk__date_format(x->date, e->results.date_buf);
    return e->results.date_buf;
}

int64_t sgk_exception_days(const sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    const sgk__exception *x = at(e, ind, k, &f);
    return x ? x->days : -1;
}

const char *sgk_exception_input(const sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    return at(e, ind, k, &f) ? sgk_input_name(e, f->input) : NULL;
}

int64_t sgk_exception_line(const sgk_engine *e, int ind, int64_t k)
{
    const sgk__fact *f;
    return at(e, ind, k, &f) ? (int64_t)f->line : 0;
}
