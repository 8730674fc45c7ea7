/* Merging engines: what one engine read is appended to another as if the
 * second had read it too.  This is how parallel ingestion joins its
 * chunks, and how a caller pools partial results (several councils, or
 * the map step of a distributed job).  Interned ids differ between
 * engines, so strings are re-interned once each and facts remapped
 * through a table. */
#include <string.h>
#include "family.h"

typedef struct marks {
    size_t inputs, rejections, facts[SGK_KIND_COUNT];
    int64_t kept, dropped;
} marks;

static void mark(const sgk_engine *e, marks *m)
{
    int k;
    m->inputs = e->inputs.len;
    m->rejections = e->rejections.len;
    m->kept = e->rejections_kept;
    m->dropped = e->rejections_dropped;
    for (k = 0; k < SGK_KIND_COUNT; k++)
        m->facts[k] = e->facts[k].len;
}

/* Undoes a failed merge.  Interned strings stay; unused ids are harmless. */
static void roll_back(sgk_engine *e, const marks *m)
{
    size_t i, h;
    int k;
    for (i = m->inputs; i < e->inputs.len; i++) {
        sgk__input *in = sgk__vec_at(&e->inputs, i);
        for (h = 0; in->headers && h < in->nheaders; h++)
            sgk__free(&e->mem, in->headers[h]);
        sgk__free(&e->mem, in->headers);
        sgk__free(&e->mem, in->name);
    }
    e->inputs.len = m->inputs;
    for (i = m->rejections; i < e->rejections.len; i++)
        sgk__free(&e->mem,
                  ((sgk__rejection *)sgk__vec_at(&e->rejections, i))->reason);
    e->rejections.len = m->rejections;
    e->rejections_kept = m->kept;
    e->rejections_dropped = m->dropped;
    for (k = 0; k < SGK_KIND_COUNT; k++)
        e->facts[k].len = m->facts[k];
}

/* map[id] = dst's id for each string of src's pool.  A worker's pool
 * can hold millions of children, each a lookup at a random place in
 * dst's table, so each string's slot is asked for MAP_AHEAD strings
 * before it is looked up and its entry half way there; the table may
 * grow in between, which only wastes a prefetch. */
#define MAP_AHEAD 16
static int map_pool(sgk_engine *dst, sgk__strpool *to,
                    const sgk__strpool *from, uint32_t **map)
{
    uint32_t id, hash[MAP_AHEAD];
    *map = sgk__calloc(&dst->mem, from->count ? from->count : 1,
                       sizeof **map);
    if (!*map)
        return SGK_E_NOMEM;
    for (id = 0; id < from->count + MAP_AHEAD; id++) {
        uint32_t at = id % MAP_AHEAD, mid = (id + MAP_AHEAD / 2) % MAP_AHEAD;
        if (id >= MAP_AHEAD) {
            uint32_t k = id - MAP_AHEAD;
            if (sgk__strpool_intern_hashed(&dst->mem, to,
                                           sgk__strpool_get(from, k),
                                           sgk__strpool_len(from, k),
                                           hash[at], &(*map)[k]) != 0)
                return SGK_E_NOMEM;
        }
        if (id >= MAP_AHEAD / 2 && id - MAP_AHEAD / 2 < from->count)
            sgk__strpool_prefetch_entry(to, hash[mid]);
        if (id < from->count) {
            hash[at] = sgk__strpool_hash(sgk__strpool_get(from, id),
                                         sgk__strpool_len(from, id));
            sgk__strpool_prefetch_slot(to, hash[at]);
        }
    }
    return 0;
}

static int copy_input(sgk_engine *dst, const sgk__input *src)
{
    sgk__input *in = sgk__vec_push(&dst->mem, &dst->inputs);
    size_t h;
    if (!in)
        return SGK_E_NOMEM;
    *in = *src;
    in->headers = NULL;
    in->nheaders = 0;
    in->name = sgk__strdup(&dst->mem, src->name);
    if (!in->name)
        return SGK_E_NOMEM;
    if (!src->headers)
        return 0;
    in->headers = sgk__calloc(&dst->mem, src->nheaders ? src->nheaders : 1,
                              sizeof *in->headers);
    if (!in->headers)
        return SGK_E_NOMEM;
    in->nheaders = src->nheaders;
    for (h = 0; h < src->nheaders; h++)
        if (!(in->headers[h] = sgk__strdup(&dst->mem, src->headers[h])))
            return SGK_E_NOMEM;
    return 0;
}

/* Inputs: appended, or (into >= 0) counted into one of dst's inputs. */
static int merge_inputs(sgk_engine *dst, const sgk_engine *src, int into)
{
    size_t i;
    for (i = 0; i < src->inputs.len; i++) {
        const sgk__input *s = sgk__vec_at(&src->inputs, i);
        int rc;
        if (into >= 0) {
            sgk__input *d = sgk__vec_at(&dst->inputs, (size_t)into);
            d->rows_read += s->rows_read;
            d->rows_used += s->rows_used;
            d->rows_rejected += s->rows_rejected;
        } else if ((rc = copy_input(dst, s)) != 0) {
            return rc;
        }
    }
    return 0;
}

typedef struct remap {
    uint32_t *child, *team, *worker;
    size_t input_base;
    int into;
    int64_t line_offset;
} remap;

static uint16_t new_input(const remap *m, uint16_t input)
{
    return (uint16_t)(m->into >= 0 ? (size_t)m->into : m->input_base + input);
}

/* Lines are kept as 32 bits, capped as ingestion caps them. */
static uint32_t shifted_line(uint32_t line, int64_t offset)
{
    int64_t shifted = (int64_t)line + offset;
    return shifted > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)shifted;
}

static int merge_facts(sgk_engine *dst, const sgk_engine *src, const remap *m)
{
    int k;
    size_t i;
    for (k = 1; k < SGK_KIND_COUNT; k++) {
        const sgk__vec *from = &src->facts[k];
        sgk__vec *to = &dst->facts[k];
        if (sgk__vec_reserve(&dst->mem, to, from->len) != 0)
            return SGK_E_NOMEM;
        for (i = 0; i < from->len; i++) {
            sgk__fact *f = (sgk__fact *)to->items + to->len++;
            *f = ((const sgk__fact *)from->items)[i];
            f->child = m->child[f->child];
            f->team = m->team[f->team];
            f->worker = m->worker[f->worker];
            f->input = new_input(m, f->input);
            f->line = shifted_line(f->line, m->line_offset);
        }
    }
    return 0;
}

static int merge_rejections(sgk_engine *dst, const sgk_engine *src,
                            const remap *m)
{
    size_t i;
    for (i = 0; i < src->rejections.len; i++) {
        const sgk__rejection *r = sgk__vec_at(&src->rejections, i);
        if (r->computed)
            continue; /* the merged engine finds these itself */
        if (sgk__reject(dst, new_input(m, (uint16_t)r->input),
                        (int64_t)r->line + m->line_offset, r->column,
                        r->indicators, "%s", r->reason) != 0)
            return SGK_E_NOMEM;
    }
    dst->rejections_dropped += src->rejections_dropped;
    return 0;
}

int sgk__merge(sgk_engine *dst, const sgk_engine *src, int into,
               int64_t line_offset)
{
    remap m;
    marks before;
    int rc, k;
    memset(&m, 0, sizeof m);
    m.into = into;
    m.line_offset = line_offset;
    m.input_base = dst->inputs.len;
    if (into < 0 && dst->inputs.len + src->inputs.len >= UINT16_MAX)
        return sgk__error_set(&dst->err, SGK_E_INVALID_ARGUMENT, NULL, 0,
                              NULL, "too many inputs to merge");
    mark(dst, &before);
    rc = map_pool(dst, &dst->children, &src->children, &m.child);
    if (rc == 0)
        rc = map_pool(dst, &dst->teams, &src->teams, &m.team);
    if (rc == 0)
        rc = map_pool(dst, &dst->workers, &src->workers, &m.worker);
    if (rc == 0)
        rc = merge_inputs(dst, src, into);
    if (rc == 0)
        rc = merge_facts(dst, src, &m);
    if (rc == 0)
        rc = merge_rejections(dst, src, &m);
    sgk__free(&dst->mem, m.child);
    sgk__free(&dst->mem, m.team);
    sgk__free(&dst->mem, m.worker);
    if (rc) {
        roll_back(dst, &before);
        return rc;
    }
    if (into < 0)
        for (k = 0; k < SGK_KIND_COUNT; k++)
            dst->kind_seen[k] |= src->kind_seen[k];
    return 0;
}

int sgk_engine_merge(sgk_engine *dst, const sgk_engine *src)
{
    int rc;
    if (!dst || !src || dst == src)
        return SGK_E_INVALID_ARGUMENT;
    if (dst->stream.open || src->stream.open)
        return sgk__error_set(&dst->err, SGK_E_STATE, NULL, 0, NULL,
                              "finish open input streams before merging");
    rc = sgk__merge(dst, src, -1, 0);
    if (rc == SGK_E_NOMEM)
        sgk__error_set(&dst->err, rc, NULL, 0, NULL, "merge: out of memory");
    if (rc == 0)
        sgk__results_free(dst); /* results no longer describe the data */
    return rc;
}
