/* Batched child id lookups; why they are batched is in child_queue.h. */
#include "engine.h"
#include "child_queue.h"

/* The same id as the row before is common (an extract lists a child's
 * rows together) and costs no lookup: that entry is already in cache. */
static int intern_one(const sgk__mem *mem, sgk__child_queue *q,
                      sgk__strpool *children, const char *s, size_t len,
                      uint32_t h, uint32_t *id)
{
    if (q->last && sgk__strpool_is(children, q->last - 1, s, len)) {
        *id = q->last - 1;
        return 0;
    }
    if (sgk__strpool_intern_hashed(mem, children, s, len, h, id) != 0)
        return SGK_E_NOMEM;
    q->last = *id + 1;
    return 0;
}

int sgk__child_queue_flush(const sgk__mem *mem, sgk__child_queue *q,
                           sgk__strpool *children, sgk__vec *facts)
{
    sgk__fact *f = facts->items;
    uint32_t i, id, at = 0;
    int rc = 0;
    /* Two passes of prefetches: the second reads the slots the first
     * asked for, to ask for the entries they name. */
    for (i = 0; i < q->n; i++)
        sgk__strpool_prefetch_slot(children, q->hash[i]);
    for (i = 0; i < q->n; i++)
        sgk__strpool_prefetch_entry(children, q->hash[i]);
    for (i = 0; i < q->n && rc == 0; i++) {
        rc = intern_one(mem, q, children, q->text + at, q->len[i],
                        q->hash[i], &id);
        if (rc == 0)
            f[q->fact[i]].child = id;
        at += q->len[i];
    }
    sgk__child_queue_drop(q);
    return rc;
}

int sgk__child_queue_add(const sgk__mem *mem, sgk__child_queue *q,
                         sgk__strpool *children, sgk__vec *facts, size_t fact,
                         const char *s, size_t len)
{
    uint32_t h = sgk__strpool_hash(s, len);
    if ((q->n == SGK__CHILD_QUEUE || len > SGK__CHILD_QUEUE_TEXT - q->used) &&
        sgk__child_queue_flush(mem, q, children, facts) != 0)
        return SGK_E_NOMEM;
    if (len > SGK__CHILD_QUEUE_TEXT) { /* too long to queue: look it up now */
        uint32_t id;
        if (intern_one(mem, q, children, s, len, h, &id) != 0)
            return SGK_E_NOMEM;
        ((sgk__fact *)facts->items)[fact].child = id;
        return 0;
    }
    sgk__copy_short(q->text + q->used, s, len);
    q->fact[q->n] = fact;
    q->hash[q->n] = h;
    q->len[q->n] = (uint32_t)len;
    q->used += (uint32_t)len;
    q->n++;
    return 0;
}

void sgk__child_queue_drop(sgk__child_queue *q)
{
    q->n = 0;
    q->used = 0;
}
