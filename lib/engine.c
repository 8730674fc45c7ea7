/* Engine lifecycle, settings and the three ways in. */
#include <string.h>
#include "family.h"

static void set_defaults(sgk_engine *e)
{
    e->options[SGK_OPT_IA_TIMESCALE] = 7;
    e->options[SGK_OPT_CA_TIMESCALE] = 35;
    e->options[SGK_OPT_SA_TIMESCALE] = 45;
    e->options[SGK_OPT_UNALLOCATED_DAYS] = 28;
    e->options[SGK_OPT_DELIMITER] = ',';
    e->options[SGK_OPT_BY_TEAM] = 0;
    e->options[SGK_OPT_BY_MONTH] = 0;
    e->options[SGK_OPT_MAX_REJECTIONS] = 0;
    e->options[SGK_OPT_THREADS] = 1;
    e->options[SGK_OPT_MIN_CHUNK] = 1 << 20;
    e->options[SGK_OPT_POPULATION] = 0;
    e->options[SGK_OPT_REFERRAL_WINDOW] = 30;
    e->options[SGK_OPT_PER_10K_TYPE] = SGK_ASSESSMENT_INITIAL;
}

static int init_pools(sgk_engine *e)
{
    uint32_t id;
    /* Id 0 of teams and workers stands for "none given". */
    if (sgk__strpool_intern(&e->mem, &e->teams, "(no team)", 9, &id) != 0 ||
        sgk__strpool_intern(&e->mem, &e->workers, "", 0, &id) != 0)
        return SGK_E_NOMEM;
    return 0;
}

int sgk_engine_new_with_allocator(sgk_realloc_fn realloc_fn,
                                  sgk_free_fn free_fn, void *user,
                                  sgk_engine **out)
{
    sgk__mem mem;
    sgk_engine *e;
    int k;
    if (!out || !realloc_fn || !free_fn)
        return SGK_E_INVALID_ARGUMENT;
    *out = NULL;
    mem.realloc_fn = realloc_fn;
    mem.free_fn = free_fn;
    mem.user = user;
    e = sgk__calloc(&mem, 1, sizeof *e);
    if (!e)
        return SGK_E_NOMEM;
    e->mem = mem;
    set_defaults(e);
    sgk__vec_init(&e->inputs, sizeof(sgk__input));
    sgk__vec_init(&e->rejections, sizeof(sgk__rejection));
    sgk__vec_init(&e->aliases, sizeof(sgk__alias));
    for (k = 0; k < SGK_KIND_COUNT; k++)
        sgk__vec_init(&e->facts[k], sizeof(sgk__fact));
    sgk__calendar_init(&e->calendar);
    sgk__targets_init(&e->targets);
    if (init_pools(e) != 0) {
        sgk_engine_free(e);
        return SGK_E_NOMEM;
    }
    *out = e;
    return 0;
}

int sgk_engine_new(sgk_engine **out)
{
    sgk__mem mem;
    sgk__mem_default(&mem);
    return sgk_engine_new_with_allocator(mem.realloc_fn, mem.free_fn, NULL,
                                         out);
}

static void free_inputs(sgk_engine *e)
{
    size_t i, h;
    for (i = 0; i < e->inputs.len; i++) {
        sgk__input *in = sgk__vec_at(&e->inputs, i);
        for (h = 0; h < in->nheaders && in->headers; h++)
            sgk__free(&e->mem, in->headers[h]);
        sgk__free(&e->mem, in->headers);
        sgk__free(&e->mem, in->name);
    }
    sgk__vec_free(&e->mem, &e->inputs);
}

void sgk_engine_free(sgk_engine *e)
{
    size_t i;
    int k;
    if (!e)
        return;
    if (e->stream.open) {
        sgk__reader_free(&e->stream.reader);
        sgk__free(&e->mem, e->stream.wanted);
    }
    sgk__results_free(e);
    sgk__rejections_free(e);
    free_inputs(e);
    for (k = 0; k < SGK_KIND_COUNT; k++)
        sgk__vec_free(&e->mem, &e->facts[k]);
    for (i = 0; i < e->aliases.len; i++)
        sgk__free(&e->mem, ((sgk__alias *)sgk__vec_at(&e->aliases, i))->norm);
    sgk__vec_free(&e->mem, &e->aliases);
    sgk__strpool_free(&e->mem, &e->children);
    sgk__strpool_free(&e->mem, &e->teams);
    sgk__strpool_free(&e->mem, &e->workers);
    sgk__calendar_free(&e->mem, &e->calendar);
    sgk__targets_free(&e->mem, &e->targets);
    sgk__free(&e->mem, e);
}

int sgk_engine_set_period(sgk_engine *e, const char *from, const char *to)
{
    sgk__day f, t;
    if (!e || !from || !to)
        return SGK_E_INVALID_ARGUMENT;
    if (sgk__date_parse_iso(from, &f) != 0)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "period start '%.40s' is not a YYYY-MM-DD date",
                              from);
    if (sgk__date_parse_iso(to, &t) != 0)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "period end '%.40s' is not a YYYY-MM-DD date",
                              to);
    if (t < f)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "the period ends (%s) before it starts (%s)",
                              to, from);
    e->from = f;
    e->to = t;
    e->have_period = 1;
    return 0;
}

static int option_valid(int option, int64_t v)
{
    switch (option) {
    case SGK_OPT_IA_TIMESCALE:
    case SGK_OPT_CA_TIMESCALE:
    case SGK_OPT_SA_TIMESCALE:
    case SGK_OPT_UNALLOCATED_DAYS:
        return v >= 1 && v <= 1000;
    case SGK_OPT_DELIMITER:
        return v > 0 && v < 256 && v != '"' && v != '\r' && v != '\n';
    case SGK_OPT_BY_TEAM:
    case SGK_OPT_BY_MONTH:
    case SGK_OPT_EXCEPTIONS:
        return v == 0 || v == 1;
    case SGK_OPT_MAX_REJECTIONS:
        return v >= 0;
    case SGK_OPT_THREADS:
        return v >= 0 && v <= 256;
    case SGK_OPT_MIN_CHUNK:
        return v >= 1;
    case SGK_OPT_POPULATION: /* England's under-18s are about 12 million */
        return v >= 0 && v <= 1000000000;
    case SGK_OPT_REFERRAL_WINDOW:
        return v >= 0 && v <= 1000;
    case SGK_OPT_PER_10K_TYPE:
        return v >= SGK_ASSESSMENT_INITIAL && v <= SGK_ASSESSMENT_SINGLE;
    default:
        return -1;
    }
}

int sgk_engine_set_option(sgk_engine *e, int option, int64_t value)
{
    int ok;
    if (!e)
        return SGK_E_INVALID_ARGUMENT;
    ok = option_valid(option, value);
    if (ok < 0)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "unknown option %d", option);
    if (!ok)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "value %lld is out of range for option %d",
                              (long long)value, option);
    e->options[option] = value;
    return 0;
}

int64_t sgk_engine_get_option(const sgk_engine *e, int option)
{
    if (!e || option_valid(option, 0) < 0)
        return -1;
    return e->options[option];
}

int sgk_engine_add_alias(sgk_engine *e, const char *header,
                         const char *canonical)
{
    char norm[256];
    sgk__alias *a;
    int col;
    if (!e || !header || !canonical)
        return SGK_E_INVALID_ARGUMENT;
    col = sgk__col_from_name(canonical);
    if (col < 0)
        return sgk__error_set(&e->err, SGK_E_NOT_FOUND, NULL, 0, NULL,
                              "'%.60s' is not a canonical column name",
                              canonical);
    sgk__header_normalise(header, strlen(header), norm, sizeof norm);
    a = sgk__vec_push(&e->mem, &e->aliases);
    if (!a)
        return SGK_E_NOMEM;
    a->col = col;
    a->norm = sgk__strdup(&e->mem, norm);
    if (!a->norm) {
        e->aliases.len--;
        return SGK_E_NOMEM;
    }
    return 0;
}

int sgk_engine_add_closure_day(sgk_engine *e, const char *date)
{
    sgk__day d;
    if (!e || !date)
        return SGK_E_INVALID_ARGUMENT;
    if (sgk__date_parse_iso(date, &d) != 0)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "closure day '%.40s' is not a YYYY-MM-DD date",
                              date);
    return sgk__calendar_add_closure(&e->mem, &e->calendar, d);
}

int sgk_engine_set_progress(sgk_engine *e, sgk_progress_fn fn, void *user)
{
    if (!e)
        return SGK_E_INVALID_ARGUMENT;
    e->progress = fn;
    e->progress_user = user;
    return 0;
}
