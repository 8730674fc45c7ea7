/* String interning with open addressing.  Ids are dense and stable, so
 * arrays indexed by id (per-child scratch, per-team tallies) stay small. */
#include <string.h>
#include "sgkpi.h"
#include "strpool.h"

/* Eight bytes at a time, mixed by multiplication.  Ids and names are
 * short, so the tail is read with two overlapping loads rather than a
 * byte loop: a handful of instructions per string. */
static uint64_t load_tail(const char *s, size_t len)
{
    uint32_t a, b;
    if (len >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        return (uint64_t)a << 32 | b;
    }
    if (len == 0)
        return 0;
    return (uint64_t)(unsigned char)s[0] << 16 |
           (uint64_t)(unsigned char)s[len / 2] << 8 |
           (unsigned char)s[len - 1];
}

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len, w;
    while (len > 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        s += 8;
        len -= 8;
    }
    h = (h ^ load_tail(s, len)) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    return (uint32_t)(h ^ (h >> 32));
}

void sgk__strpool_init(sgk__strpool *p)
{
    memset(p, 0, sizeof *p);
}

void sgk__strpool_free(const sgk__mem *mem, sgk__strpool *p)
{
    while (p->blocks) {
        sgk__strblock *next = p->blocks->next;
        sgk__free(mem, p->blocks);
        p->blocks = next;
    }
    sgk__free(mem, (void *)p->strings);
    sgk__free(mem, p->slots);
    sgk__strpool_init(p);
}

static uint32_t *probe(const sgk__strpool *p, const char *s, size_t len,
                       uint32_t h)
{
    uint32_t mask = p->nslots - 1, i = h & mask;
    for (;;) {
        uint32_t *slot = &p->slots[i];
        uint32_t id;
        if (*slot == 0)
            return slot;
        id = *slot - 1;
        if (sgk__strpool_is(p, id, s, len))
            return slot;
        i = (i + 1) & mask;
    }
}

static int rehash(const sgk__mem *mem, sgk__strpool *p)
{
    uint32_t n = p->nslots ? p->nslots * 2 : 64, id;
    uint32_t *old = p->slots, oldn = p->nslots;
    if (n < p->nslots)
        return SGK_E_NOMEM;
    p->slots = sgk__calloc(mem, n, sizeof *p->slots);
    if (!p->slots) {
        p->slots = old;
        return SGK_E_NOMEM;
    }
    p->nslots = n;
    for (id = 0; id < p->count; id++)
        *probe(p, p->strings[id], sgk__strpool_len(p, id),
               hash_bytes(p->strings[id], sgk__strpool_len(p, id))) = id + 1;
    (void)oldn;
    sgk__free(mem, old);
    return 0;
}

static int grow_ids(const sgk__mem *mem, sgk__strpool *p)
{
    uint32_t cap = p->cap ? p->cap * 2 : 64;
    const char **s;
    if (cap < p->cap || cap > UINT32_MAX / 2)
        return SGK_E_NOMEM;
    s = sgk__realloc(mem, (void *)p->strings, (size_t)cap * sizeof *s);
    if (!s)
        return SGK_E_NOMEM;
    p->strings = s;
    p->cap = cap;
    return 0;
}

/* A NUL-terminated copy of s[0..len), after its 4-byte length, in the
 * newest block; a new block (twice the last, from 4 KiB up to 1 MiB, or the
 * string's size) when it is full.  Entries start 4-byte aligned. */
static char *block_copy(const sgk__mem *mem, sgk__strpool *p, const char *s,
                        size_t len)
{
    sgk__strblock *b = p->blocks;
    size_t need = (4 + len + 1 + 3) & ~(size_t)3;
    uint32_t n = (uint32_t)len;
    char *copy;
    if (!b || b->cap - b->used < need) {
        size_t cap = b ? b->cap * 2 : 4096;
        if (cap > (1u << 20))
            cap = 1u << 20;
        if (cap < need)
            cap = need;
        b = sgk__malloc(mem, sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = p->blocks;
        b->used = 0;
        b->cap = cap;
        p->blocks = b;
    }
    copy = b->text + b->used + 4;
    memcpy(copy - 4, &n, 4);
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->used += need;
    return copy;
}

int sgk__strpool_intern(const sgk__mem *mem, sgk__strpool *p, const char *s,
                        size_t len, uint32_t *id)
{
    uint32_t h = hash_bytes(s, len), *slot;
    char *copy;

    if (len > UINT32_MAX)
        return SGK_E_INVALID_ARGUMENT;
    if ((p->count + 1) * 2 > p->nslots && rehash(mem, p) != 0)
        return SGK_E_NOMEM;
    slot = probe(p, s, len, h);
    if (*slot) {
        *id = *slot - 1;
        return 0;
    }
    if (p->count == p->cap && grow_ids(mem, p) != 0)
        return SGK_E_NOMEM;
    copy = block_copy(mem, p, s, len);
    if (!copy)
        return SGK_E_NOMEM;
    p->strings[p->count] = copy;
    *slot = p->count + 1;
    *id = p->count++;
    return 0;
}

uint32_t sgk__strpool_find(const sgk__strpool *p, const char *s, size_t len)
{
    uint32_t *slot;
    if (!p->nslots)
        return UINT32_MAX;
    slot = probe(p, s, len, hash_bytes(s, len));
    return *slot ? *slot - 1 : UINT32_MAX;
}

const char *sgk__strpool_get(const sgk__strpool *p, uint32_t id)
{
    return id < p->count ? p->strings[id] : NULL;
}
