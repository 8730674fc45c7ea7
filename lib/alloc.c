/* Allocation through the engine's hooks, and growable arrays. */
#define _DEFAULT_SOURCE 1 /* madvise's MADV_HUGEPAGE */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "alloc.h"

static void *default_realloc(void *ptr, size_t size, void *user)
{
    (void)user;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

void sgk__mem_default(sgk__mem *mem)
{
    mem->realloc_fn = default_realloc;
    mem->free_fn = default_free;
    mem->user = NULL;
}

/* New large blocks from the C library's allocator are mostly mappings of
 * their own (glibc's threshold for that rises to 32 MiB after frees, so
 * some come from the heap, where the advice outlives the block: harmless,
 * it is only advice), and most are then read at random: the string pools'
 * tables, the per-child and sorted arrays of a compute.  With 4 KiB pages a lookup in
 * tens of megabytes misses the TLB as well as the cache, so huge pages
 * are asked for where the system grants them on request (compute 10%
 * faster on the 1 GB benchmark set).  Not for arrays growing by realloc,
 * the facts: they are read in order, and asking there raised the peak
 * while reading by 65 MB.  Only for the default hooks: a caller's
 * allocator may hand out memory that is not ours to advise on. */
#define HUGE_FROM ((size_t)8 << 20)
#define HUGE_PAGE ((uintptr_t)2 << 20)
static void advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t to = ((uintptr_t)p + size) & ~(HUGE_PAGE - 1);
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

void *sgk__realloc(const sgk__mem *mem, void *ptr, size_t size)
{
    void *p = mem->realloc_fn(ptr, size ? size : 1, mem->user);
    if (p && !ptr && size >= HUGE_FROM && mem->realloc_fn == default_realloc)
        advise_huge(p, size);
    return p;
}

void *sgk__malloc(const sgk__mem *mem, size_t size)
{
    return sgk__realloc(mem, NULL, size);
}

void *sgk__calloc(const sgk__mem *mem, size_t n, size_t size)
{
    void *p;
    if (size && n > SIZE_MAX / size)
        return NULL;
    p = sgk__malloc(mem, n * size);
    if (p)
        memset(p, 0, (n * size) > 0 ? n * size : 1);
    return p;
}

void sgk__free(const sgk__mem *mem, void *ptr)
{
    if (ptr)
        mem->free_fn(ptr, mem->user);
}

char *sgk__strndup(const sgk__mem *mem, const char *s, size_t len)
{
    char *copy = sgk__malloc(mem, len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *sgk__strdup(const sgk__mem *mem, const char *s)
{
    return sgk__strndup(mem, s, strlen(s));
}

void sgk__vec_init(sgk__vec *v, size_t item_size)
{
    v->items = NULL;
    v->len = 0;
    v->cap = 0;
    v->item_size = item_size;
}

int sgk__vec_reserve(const sgk__mem *mem, sgk__vec *v, size_t extra)
{
    size_t want, cap;
    void *items;

    if (extra > SIZE_MAX - v->len)
        return SGK_E_NOMEM;
    want = v->len + extra;
    if (want <= v->cap)
        return 0;
    cap = v->cap ? v->cap : 16;
    while (cap < want)
        cap = cap > SIZE_MAX / 2 ? want : cap * 2;
    if (cap > SIZE_MAX / v->item_size)
        return SGK_E_NOMEM;
    items = sgk__realloc(mem, v->items, cap * v->item_size);
    if (!items)
        return SGK_E_NOMEM;
    v->items = items;
    v->cap = cap;
    return 0;
}

void *sgk__vec_push(const sgk__mem *mem, sgk__vec *v)
{
    char *slot;
    if (sgk__vec_reserve(mem, v, 1) != 0)
        return NULL;
    slot = (char *)v->items + v->len * v->item_size;
    memset(slot, 0, v->item_size);
    v->len++;
    return slot;
}

void sgk__vec_free(const sgk__mem *mem, sgk__vec *v)
{
    sgk__free(mem, v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

/* libcsv's realloc and free hooks take no context pointer.  Rather than keep
 * the engine in a global, each buffer libcsv owns carries its sgk__mem in a
 * header just before the bytes libcsv sees.  csv_reader.c seeds the parser
 * with such a buffer, so libcsv only ever grows or frees these.
 *
 * libcsv grows its field buffer by a fixed block each time, which makes a
 * very long field cost quadratic copying; the header also keeps the real
 * capacity, doubled on each growth, so most of libcsv's requests are met
 * without moving anything. */
typedef union csvbuf_head {
    struct {
        const sgk__mem *mem;
        size_t cap;
    } h;
    long double align_ld; /* C99 has no max_align_t */
    long long align_ll;
    void *align_p;
} csvbuf_head;

void *sgk__csvbuf_new(const sgk__mem *mem, size_t size)
{
    csvbuf_head *h = sgk__malloc(mem, sizeof *h + size);
    if (!h)
        return NULL;
    h->h.mem = mem;
    h->h.cap = size;
    return h + 1;
}

void *sgk__csvbuf_realloc(void *ptr, size_t size)
{
    csvbuf_head *h = (csvbuf_head *)ptr - 1;
    const sgk__mem *mem = h->h.mem;
    size_t cap = h->h.cap;
    if (size <= cap)
        return ptr;
    cap = cap > (SIZE_MAX - sizeof *h) / 2 ? size : cap * 2;
    if (cap < size)
        cap = size;
    if (cap > SIZE_MAX - sizeof *h)
        return NULL;
    h = sgk__realloc(mem, h, sizeof *h + cap);
    if (!h)
        return NULL;
    h->h.cap = cap;
    return h + 1;
}

void sgk__csvbuf_free(void *ptr)
{
    csvbuf_head *h;
    if (!ptr)
        return;
    h = (csvbuf_head *)ptr - 1;
    sgk__free(h->h.mem, h);
}
