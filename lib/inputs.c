/* Getters for inputs, rejections, kinds and the last error. */
#include <string.h>
#include "family.h"

static const char *const kind_names[SGK_KIND_COUNT] = {
    "auto", "referrals", "assessments", "cp_plans", "cla_episodes", "cases",
    "workforce", "cla_children", "care_leavers",
};

const char *sgk_kind_name(int kind)
{
    return kind >= 0 && kind < SGK_KIND_COUNT ? kind_names[kind] : NULL;
}

int sgk_kind_from_name(const char *name)
{
    int k;
    if (!name)
        return -1;
    for (k = 0; k < SGK_KIND_COUNT; k++)
        if (strcmp(kind_names[k], name) == 0)
            return k;
    return -1;
}

static const sgk__input *input_at(const sgk_engine *e, int i)
{
    if (!e || i < 0 || (size_t)i >= e->inputs.len)
        return NULL;
    return sgk__vec_at(&e->inputs, (size_t)i);
}

int sgk_engine_input_count(const sgk_engine *e)
{
    return e ? (int)e->inputs.len : 0;
}

const char *sgk_input_name(const sgk_engine *e, int i)
{
    const sgk__input *in = input_at(e, i);
    return in ? in->name : NULL;
}

int sgk_input_kind(const sgk_engine *e, int i)
{
    const sgk__input *in = input_at(e, i);
    return in ? in->kind : -1;
}

int64_t sgk_input_rows_read(const sgk_engine *e, int i)
{
    const sgk__input *in = input_at(e, i);
    return in ? in->rows_read : -1;
}

/* Later duplicates the last compute found; they move from used to
 * rejected, so read = used + rejected still holds. */
static int64_t duplicates(const sgk_engine *e, int i)
{
    return (size_t)i < e->results.nduplicates ? e->results.duplicates[i] : 0;
}

int64_t sgk_input_rows_used(const sgk_engine *e, int i)
{
    const sgk__input *in = input_at(e, i);
    return in ? in->rows_used - duplicates(e, i) : -1;
}

int64_t sgk_input_rows_rejected(const sgk_engine *e, int i)
{
    const sgk__input *in = input_at(e, i);
    return in ? in->rows_rejected + duplicates(e, i) : -1;
}

int64_t sgk_input_duplicates(const sgk_engine *e, int i)
{
    const sgk__input *in = input_at(e, i);
    return in ? duplicates(e, i) : -1;
}

static const sgk__rejection *rejection_at(const sgk_engine *e, int64_t r)
{
    if (!e || r < 0 || (uint64_t)r >= e->rejections.len)
        return NULL;
    return sgk__vec_at(&e->rejections, (size_t)r);
}

int64_t sgk_engine_rejection_count(const sgk_engine *e)
{
    return e ? (int64_t)e->rejections.len : 0;
}

int64_t sgk_engine_rejections_dropped(const sgk_engine *e)
{
    return e ? e->rejections_dropped : 0;
}

const char *sgk_rejection_input(const sgk_engine *e, int64_t r)
{
    const sgk__rejection *rj = rejection_at(e, r);
    return rj ? sgk_input_name(e, (int)rj->input) : NULL;
}

int64_t sgk_rejection_line(const sgk_engine *e, int64_t r)
{
    const sgk__rejection *rj = rejection_at(e, r);
    return rj ? (int64_t)rj->line : 0;
}

const char *sgk_rejection_column(const sgk_engine *e, int64_t r)
{
    const sgk__rejection *rj = rejection_at(e, r);
    const sgk__input *in;
    if (!rj || rj->column < 0)
        return NULL;
    in = input_at(e, (int)rj->input);
    if (!in || (size_t)rj->column >= in->nheaders)
        return NULL;
    return in->headers[rj->column];
}

int sgk_rejection_column_number(const sgk_engine *e, int64_t r)
{
    const sgk__rejection *rj = rejection_at(e, r);
    return rj && rj->column >= 0 ? rj->column + 1 : 0;
}

const char *sgk_rejection_indicator(const sgk_engine *e, int64_t r)
{
    const sgk__rejection *rj = rejection_at(e, r);
    return rj ? rj->indicators : NULL;
}

const char *sgk_rejection_reason(const sgk_engine *e, int64_t r)
{
    const sgk__rejection *rj = rejection_at(e, r);
    return rj ? rj->reason : NULL;
}

const char *sgk_engine_errmsg(const sgk_engine *e)
{
    return e ? e->err.msg : "no engine";
}

const char *sgk_engine_errfile(const sgk_engine *e)
{
    return e && e->err.file[0] ? e->err.file : NULL;
}

int64_t sgk_engine_errline(const sgk_engine *e)
{
    return e ? e->err.line : 0;
}

const char *sgk_engine_errcolumn(const sgk_engine *e)
{
    return e && e->err.has_column ? e->err.column : NULL;
}
