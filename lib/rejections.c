/* The rejection list: every row or value that could not be used. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine.h"

/* Appends a rejection.  The SGK_OPT_MAX_REJECTIONS cap applies to what
 * reading found, which does not change between computes; what a compute
 * finds is always kept and is replaced by the next compute, so neither
 * the list nor the dropped count depends on how often or when compute ran. */
static int push(struct sgk_engine *e, sgk__vec *to, uint32_t input,
                int64_t line, int column, const char *indicators,
                int computed, const char *text)
{
    sgk__rejection *r;
    int64_t cap = e->options[SGK_OPT_MAX_REJECTIONS];
    if (!computed && cap > 0 && e->rejections_kept >= cap) {
        e->rejections_dropped++;
        return 0;
    }
    r = sgk__vec_push(&e->mem, to);
    if (!r)
        return SGK_E_NOMEM;
    r->reason = sgk__strdup(&e->mem, text);
    if (!r->reason) {
        to->len--;
        return SGK_E_NOMEM;
    }
    r->input = input;
    r->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    r->column = column;
    r->indicators = indicators;
    r->computed = computed;
    if (!computed)
        e->rejections_kept++;
    return 0;
}

static int push_formatted(struct sgk_engine *e, sgk__vec *to,
                          uint32_t input, int64_t line, int column,
                          const char *indicators, int computed,
                          const char *fmt, va_list ap)
{
    char text[512];
    vsnprintf(text, sizeof text, fmt, ap);
    sgk__text_sanitise(text);
    return push(e, to, input, line, column, indicators, computed, text);
}

int sgk__reject(struct sgk_engine *e, uint32_t input, int64_t line,
                int column, const char *indicators, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = push_formatted(e, &e->rejections, input, line, column, indicators,
                        0, fmt, ap);
    va_end(ap);
    return rc;
}

int sgk__reject_computed(struct sgk_engine *e, uint32_t input, int64_t line,
                         int column, const char *indicators, const char *fmt,
                         ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = push_formatted(e, &e->rejections, input, line, column, indicators,
                        1, fmt, ap);
    va_end(ap);
    return rc;
}

int sgk__reject_computed_into(struct sgk_engine *e, sgk__vec *to,
                              uint32_t input, int64_t line, int column,
                              const char *indicators, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = push_formatted(e, to, input, line, column, indicators, 1, fmt, ap);
    va_end(ap);
    return rc;
}

int sgk__rejections_adopt(struct sgk_engine *e, sgk__vec *from)
{
    if (from->len == 0)
        return 0;
    if (sgk__vec_reserve(&e->mem, &e->rejections, from->len) != 0)
        return SGK_E_NOMEM;
    memcpy((sgk__rejection *)e->rejections.items + e->rejections.len,
           from->items, from->len * sizeof(sgk__rejection));
    e->rejections.len += from->len;
    from->len = 0; /* the reasons now belong to the engine's list */
    return 0;
}

void sgk__rejections_drop(struct sgk_engine *e, sgk__vec *list)
{
    size_t i;
    for (i = 0; i < list->len; i++)
        sgk__free(&e->mem, ((sgk__rejection *)list->items)[i].reason);
    sgk__vec_free(&e->mem, list);
}

static int compare(const void *pa, const void *pb)
{
    const sgk__rejection *a = pa, *b = pb;
    if (a->input != b->input)
        return a->input < b->input ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    /* Row rejections before field ones, then by text: a total order, so the
     * list is the same however the rows were read. */
    if ((a->indicators == NULL) != (b->indicators == NULL))
        return a->indicators == NULL ? -1 : 1;
    if (a->indicators && b->indicators) {
        int c = strcmp(a->indicators, b->indicators);
        if (c)
            return c;
    }
    return strcmp(a->reason, b->reason);
}

void sgk__rejections_sort(struct sgk_engine *e)
{
    if (e->rejections.len > 1)
        qsort(e->rejections.items, e->rejections.len,
              sizeof(sgk__rejection), compare);
}

void sgk__rejections_free(struct sgk_engine *e)
{
    size_t i;
    for (i = 0; i < e->rejections.len; i++)
        sgk__free(&e->mem,
                  ((sgk__rejection *)sgk__vec_at(&e->rejections, i))->reason);
    sgk__vec_free(&e->mem, &e->rejections);
}
