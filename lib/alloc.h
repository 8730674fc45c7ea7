/* Per-engine memory: every allocation goes through the caller's hooks. */
#ifndef SGK_ALLOC_H
#define SGK_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sgkpi.h"

typedef struct sgk__mem {
    sgk_realloc_fn realloc_fn;
    sgk_free_fn free_fn;
    void *user;
} sgk__mem;

/* The C library's allocator, as hooks. */
void sgk__mem_default(sgk__mem *mem);

/* NULL on failure (or for size 0, which is treated as 1). */
void *sgk__malloc(const sgk__mem *mem, size_t size);
void *sgk__calloc(const sgk__mem *mem, size_t n, size_t size);
void *sgk__realloc(const sgk__mem *mem, void *ptr, size_t size);
void sgk__free(const sgk__mem *mem, void *ptr);
char *sgk__strdup(const sgk__mem *mem, const char *s);
char *sgk__strndup(const sgk__mem *mem, const char *s, size_t len);

/* A growable array of fixed-size items. */
typedef struct sgk__vec {
    void *items;
    size_t len;
    size_t cap;
    size_t item_size;
} sgk__vec;

void sgk__vec_init(sgk__vec *v, size_t item_size);
/* Makes room for `extra` more items; 0 or SGK_E_NOMEM. */
int sgk__vec_reserve(const sgk__mem *mem, sgk__vec *v, size_t extra);
/* Appends a zeroed item and returns it, or NULL on allocation failure. */
void *sgk__vec_push(const sgk__mem *mem, sgk__vec *v);
/* Item i; inline, as it is looked up for every row and many facts. */
static inline void *sgk__vec_at(const sgk__vec *v, size_t i)
{
    return (char *)v->items + i * v->item_size;
}
void sgk__vec_free(const sgk__mem *mem, sgk__vec *v);

/* libcsv's hooks carry no context, so each buffer handed to libcsv is
 * prefixed with the sgk__mem that owns it.  These seed, grow and free such
 * buffers (see csv_reader.c). */
void *sgk__csvbuf_new(const sgk__mem *mem, size_t size);
void *sgk__csvbuf_realloc(void *ptr, size_t size);
void sgk__csvbuf_free(void *ptr);

/* Copies len bytes that do not overlap.  Ids, names and codes are a few
 * bytes, for which a call to memcpy costs more than the copy, so up to 16
 * are moved with two overlapping loads and stores. */
static inline void sgk__copy_short(char *dst, const char *src, size_t len)
{
    uint64_t a, b;
    uint32_t c, d;
    if (len >= 8 && len <= 16) {
        memcpy(&a, src, 8);
        memcpy(&b, src + len - 8, 8);
        memcpy(dst, &a, 8);
        memcpy(dst + len - 8, &b, 8);
    } else if (len >= 4 && len < 8) {
        memcpy(&c, src, 4);
        memcpy(&d, src + len - 4, 4);
        memcpy(dst, &c, 4);
        memcpy(dst + len - 4, &d, 4);
    } else if (len > 16) {
        memcpy(dst, src, len);
    } else {
        size_t i;
        for (i = 0; i < len; i++)
            dst[i] = src[i];
    }
}

/* Asks for the memory at p ahead of its use; only a hint, for loops
 * whose next reads land far apart in memory. */
static inline void sgk__prefetch(const void *p)
{
#if defined(__GNUC__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

#endif
