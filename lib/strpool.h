/* Interned strings: each distinct string gets a small dense integer id so
 * that per-row records stay fixed-size and children can be counted once. */
#ifndef SGK_STRPOOL_H
#define SGK_STRPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "alloc.h"

/* Copies live in blocks that never move, so a string handed out stays put
 * while more are added; one allocation serves thousands of ids instead of
 * one each (the per-allocation overhead was a third of a child's cost). */
typedef struct sgk__strblock {
    struct sgk__strblock *next;
    size_t used, cap;
    char text[];
} sgk__strblock;

typedef struct sgk__strpool {
    const char **strings; /* id -> NUL-terminated copy in a block, its
                             length in the 4 bytes before it, so a lookup
                             touches one place in memory, not two */
    uint32_t count;
    uint32_t cap;
    uint32_t *slots;    /* open-addressing table of id + 1, 0 = empty */
    uint32_t nslots;    /* power of two */
    sgk__strblock *blocks; /* newest first */
} sgk__strpool;

void sgk__strpool_init(sgk__strpool *p);
void sgk__strpool_free(const sgk__mem *mem, sgk__strpool *p);
/* Id of s[0..len), adding it if new.  0 or SGK_E_NOMEM. */
int sgk__strpool_intern(const sgk__mem *mem, sgk__strpool *p, const char *s,
                        size_t len, uint32_t *id);
/* Id of s, or UINT32_MAX if absent. */
uint32_t sgk__strpool_find(const sgk__strpool *p, const char *s, size_t len);
const char *sgk__strpool_get(const sgk__strpool *p, uint32_t id);
/* Whether the pool's string `id` is s[0..len).  Ids and names are short,
 * so 4 to 16 bytes are compared with two overlapping word loads a side
 * rather than a call to memcmp. */
static inline int sgk__strpool_is(const sgk__strpool *p, uint32_t id,
                                  const char *s, size_t len);

/* Length of a string in the pool (id < count). */
static inline uint32_t sgk__strpool_len(const sgk__strpool *p, uint32_t id)
{
    uint32_t n;
    memcpy(&n, p->strings[id] - 4, 4);
    return n;
}

/* The first and last w bytes of t and s (len >= w) are the same; with w
 * a constant each memcpy is one load. */
static inline int sgk__same_ends(const char *t, const char *s, size_t len,
                                 size_t w)
{
    uint64_t a = 0, b = 0, c = 0, d = 0;
    memcpy(&a, t, w);
    memcpy(&b, s, w);
    memcpy(&c, t + len - w, w);
    memcpy(&d, s + len - w, w);
    return a == b && c == d;
}

static inline int sgk__strpool_is(const sgk__strpool *p, uint32_t id,
                                  const char *s, size_t len)
{
    const char *t = p->strings[id];
    if (sgk__strpool_len(p, id) != len)
        return 0;
    if (len >= 8 && len <= 16)
        return sgk__same_ends(t, s, len, 8);
    if (len >= 4 && len < 8)
        return sgk__same_ends(t, s, len, 4);
    return memcmp(t, s, len) == 0;
}

#endif
