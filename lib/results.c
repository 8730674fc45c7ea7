/* Result storage and the getters that read it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "family.h"

int sgk__results_layout(struct sgk_engine *e);

void sgk__results_free(struct sgk_engine *e)
{
    sgk__results *r = &e->results;
    sgk__exceptions_free(e);
    sgk__dq_free(e);
    sgk__free(&e->mem, r->team_order);
    sgk__free(&e->mem, r->month_labels);
    sgk__free(&e->mem, r->total);
    sgk__free(&e->mem, r->team);
    sgk__free(&e->mem, r->month);
    sgk__free(&e->mem, (void *)r->note);
    memset(r, 0, sizeof *r);
}

/* Teams that appear on any fact, sorted by name (byte order). */
static int team_layout(struct sgk_engine *e)
{
    sgk__results *r = &e->results;
    uint32_t nteams = e->teams.count, t, n = 0;
    unsigned char *used = sgk__calloc(&e->mem, nteams ? nteams : 1, 1);
    int k;
    size_t i;
    if (!used)
        return SGK_E_NOMEM;
    for (k = 1; k < SGK_KIND_COUNT; k++)
        for (i = 0; i < e->facts[k].len; i++)
            used[((sgk__fact *)sgk__vec_at(&e->facts[k], i))->team] = 1;
    r->team_order = sgk__calloc(&e->mem, nteams ? nteams : 1,
                                sizeof *r->team_order);
    if (!r->team_order) {
        sgk__free(&e->mem, used);
        return SGK_E_NOMEM;
    }
    for (t = 0; t < nteams; t++)
        if (used[t])
            r->team_order[n++] = t;
    sgk__free(&e->mem, used);
    r->nteams = (int)n;
    /* Insertion sort keeps this free of a comparison context global. */
    for (t = 1; t < n; t++) {
        uint32_t id = r->team_order[t], j = t;
        const char *name = sgk__strpool_get(&e->teams, id);
        while (j > 0 && strcmp(sgk__strpool_get(&e->teams,
                                                r->team_order[j - 1]),
                               name) > 0) {
            r->team_order[j] = r->team_order[j - 1];
            j--;
        }
        r->team_order[j] = id;
    }
    return 0;
}

static int month_layout(struct sgk_engine *e)
{
    sgk__results *r = &e->results;
    int y0, m0, y1, m1, d, n, i;
    sgk__day_to_ymd(e->from, &y0, &m0, &d);
    sgk__day_to_ymd(e->to, &y1, &m1, &d);
    n = (y1 - y0) * 12 + (m1 - m0) + 1;
    r->month_labels = sgk__calloc(&e->mem, (size_t)n, sizeof *r->month_labels);
    if (!r->month_labels)
        return SGK_E_NOMEM;
    for (i = 0; i < n; i++) {
        int y = y0 + (m0 - 1 + i) / 12, m = (m0 - 1 + i) % 12 + 1;
        snprintf(r->month_labels[i], sizeof r->month_labels[i], "%04d-%02d",
                 y, m);
    }
    r->nmonths = n;
    return 0;
}

int sgk__results_layout(struct sgk_engine *e)
{
    sgk__results *r = &e->results;
    size_t nind = (size_t)sgk__indicator_total();
    int rc = 0;
    if (e->options[SGK_OPT_BY_TEAM])
        rc = team_layout(e);
    if (rc == 0 && e->options[SGK_OPT_BY_MONTH])
        rc = month_layout(e);
    if (rc)
        return rc;
    r->total = sgk__calloc(&e->mem, nind, sizeof *r->total);
    r->team = sgk__calloc(&e->mem, nind * (size_t)(r->nteams ? r->nteams : 1),
                          sizeof *r->team);
    r->month = sgk__calloc(&e->mem,
                           nind * (size_t)(r->nmonths ? r->nmonths : 1),
                           sizeof *r->month);
    r->note = sgk__calloc(&e->mem, nind, sizeof *r->note);
    if (!r->total || !r->team || !r->month || !r->note)
        return SGK_E_NOMEM;
    return sgk__exceptions_init(e);
}

static const sgk__cell *cell_at(const sgk_engine *e, int ind, int group,
                                int k)
{
    const sgk__results *r;
    if (!e || !e->results.computed || ind < 0 ||
        ind >= sgk__indicator_total())
        return NULL;
    r = &e->results;
    switch (group) {
    case SGK_GROUP_TOTAL:
        return &r->total[ind];
    case SGK_GROUP_TEAM:
        return k >= 0 && k < r->nteams ? &r->team[(size_t)ind * r->nteams + k]
                                       : NULL;
    case SGK_GROUP_MONTH:
        return k >= 0 && k < r->nmonths
                   ? &r->month[(size_t)ind * r->nmonths + k] : NULL;
    default:
        return NULL;
    }
}

int sgk__cell_has_value(const sgk__cell *c)
{
    return c->present && (c->den < 0 || c->den > 0);
}

double sgk__cell_value(const sgk__cell *c)
{
    if (!sgk__cell_has_value(c))
        return NAN;
    if (c->den < 0)
        return c->num;
    switch (c->unit) {
    case SGK_UNIT_RATE_PER_10K:
        return 10000.0 * c->num / c->den;
    case SGK_UNIT_AVERAGE:
        return c->num / c->den;
    default:
        return 100.0 * c->num / c->den;
    }
}

int sgk_result_has_value(const sgk_engine *e, int ind, int group, int k)
{
    const sgk__cell *c = cell_at(e, ind, group, k);
    return c && sgk__cell_has_value(c);
}

double sgk_result_value(const sgk_engine *e, int ind, int group, int k)
{
    const sgk__cell *c = cell_at(e, ind, group, k);
    return c ? sgk__cell_value(c) : NAN;
}

double sgk_result_numerator(const sgk_engine *e, int ind, int group, int k)
{
    const sgk__cell *c = cell_at(e, ind, group, k);
    return c && c->present ? c->num : NAN;
}

double sgk_result_denominator(const sgk_engine *e, int ind, int group, int k)
{
    const sgk__cell *c = cell_at(e, ind, group, k);
    return c && c->present && c->den >= 0 ? c->den : NAN;
}

int sgk_result_status(const sgk_engine *e, int ind, int group, int k)
{
    const sgk__cell *c = cell_at(e, ind, group, k);
    return c ? c->status : SGK_STATUS_NONE;
}

const char *sgk_result_note(const sgk_engine *e, int ind)
{
    if (!cell_at(e, ind, SGK_GROUP_TOTAL, 0))
        return NULL;
    return e->results.note[ind];
}

const char *sgk_status_name(int status)
{
    switch (status) {
    case SGK_STATUS_MET: return "met";
    case SGK_STATUS_AMBER: return "amber";
    case SGK_STATUS_NOT_MET: return "not_met";
    case SGK_STATUS_NO_DATA: return "no_data";
    default: return NULL;
    }
}

const sgk__threshold *sgk__cell_threshold(const struct sgk_engine *e,
                                          const sgk__cell *c)
{
    return c && c->threshold >= 0
               ? sgk__vec_at(&e->targets.thresholds, (size_t)c->threshold)
               : NULL;
}

static const sgk__threshold *judged_by(const sgk_engine *e, int ind,
                                       int group, int k)
{
    return sgk__cell_threshold(e, cell_at(e, ind, group, k));
}

const char *sgk_result_group_threshold_op(const sgk_engine *e, int ind,
                                          int group, int k)
{
    const sgk__threshold *th = judged_by(e, ind, group, k);
    if (!th)
        return NULL;
    return th->op == SGK__OP_LE ? "<=" : ">=";
}

double sgk_result_group_threshold_target(const sgk_engine *e, int ind,
                                         int group, int k)
{
    const sgk__cell *c = cell_at(e, ind, group, k);
    return c ? c->target : NAN; /* NaN when it was judged against none */
}

double sgk_result_group_threshold_amber(const sgk_engine *e, int ind,
                                        int group, int k)
{
    const sgk__threshold *th = judged_by(e, ind, group, k);
    return th ? th->amber : NAN;
}

const char *sgk_result_group_threshold_source(const sgk_engine *e, int ind,
                                              int group, int k)
{
    const sgk__threshold *th = judged_by(e, ind, group, k);
    return th ? th->source : NULL;
}

const char *sgk_result_group_threshold_label(const sgk_engine *e, int ind,
                                             int group, int k)
{
    const sgk__threshold *th = judged_by(e, ind, group, k);
    return th ? th->label : NULL;
}

const char *sgk_result_threshold_op(const sgk_engine *e, int ind)
{
    return sgk_result_group_threshold_op(e, ind, SGK_GROUP_TOTAL, 0);
}

double sgk_result_threshold_target(const sgk_engine *e, int ind)
{
    return sgk_result_group_threshold_target(e, ind, SGK_GROUP_TOTAL, 0);
}

double sgk_result_threshold_amber(const sgk_engine *e, int ind)
{
    return sgk_result_group_threshold_amber(e, ind, SGK_GROUP_TOTAL, 0);
}

const char *sgk_result_threshold_source(const sgk_engine *e, int ind)
{
    return sgk_result_group_threshold_source(e, ind, SGK_GROUP_TOTAL, 0);
}

const char *sgk_result_threshold_label(const sgk_engine *e, int ind)
{
    return sgk_result_group_threshold_label(e, ind, SGK_GROUP_TOTAL, 0);
}

static const sgk__benchmark *benchmark_at(const sgk_engine *e, int ind,
                                          int k)
{
    size_t i;
    int seen = 0;
    if (!e)
        return NULL;
    for (i = 0; i < e->targets.benchmarks.len; i++) {
        const sgk__benchmark *b = sgk__vec_at(&e->targets.benchmarks, i);
        if (b->indicator == ind && seen++ == k)
            return b;
    }
    return NULL;
}

int sgk_result_benchmark_count(const sgk_engine *e, int ind)
{
    int n = 0;
    while (benchmark_at(e, ind, n))
        n++;
    return n;
}

double sgk_result_benchmark_value(const sgk_engine *e, int ind, int k)
{
    const sgk__benchmark *b = benchmark_at(e, ind, k);
    return b ? b->value : NAN;
}

const char *sgk_result_benchmark_label(const sgk_engine *e, int ind, int k)
{
    const sgk__benchmark *b = benchmark_at(e, ind, k);
    return b ? b->label : NULL;
}

int sgk_engine_team_count(const sgk_engine *e)
{
    return e && e->results.computed ? e->results.nteams : 0;
}

const char *sgk_engine_team_name(const sgk_engine *e, int t)
{
    if (!e || !e->results.computed || t < 0 || t >= e->results.nteams)
        return NULL;
    return sgk__strpool_get(&e->teams, e->results.team_order[t]);
}

int sgk_engine_month_count(const sgk_engine *e)
{
    return e && e->results.computed ? e->results.nmonths : 0;
}

const char *sgk_engine_month_label(const sgk_engine *e, int m)
{
    if (!e || !e->results.computed || m < 0 || m >= e->results.nmonths)
        return NULL;
    return e->results.month_labels[m];
}
