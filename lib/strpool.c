/* String interning with open addressing.  Ids are dense and stable, so
 * arrays indexed by id (per-child scratch, per-team tallies) stay small. */
#include <string.h>
#include "sgkpi.h"
#include "strpool.h"

/* Eight bytes at a time, mixed by multiplication: ids and names are
 * short, so this is a handful of instructions per string. */
static uint32_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len, w;
    while (len >= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        s += 8;
        len -= 8;
    }
    for (w = 0; len > 0; len--)
        w = (w << 8) | (unsigned char)s[len - 1];
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    return (uint32_t)(h ^ (h >> 32));
}

void sgk__strpool_init(sgk__strpool *p)
{
    memset(p, 0, sizeof *p);
}

void sgk__strpool_free(const sgk__mem *mem, sgk__strpool *p)
{
    uint32_t i;
    for (i = 0; i < p->count; i++)
        sgk__free(mem, p->strings[i]);
    sgk__free(mem, p->strings);
    sgk__free(mem, p->lens);
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
        if (p->lens[id] == len && memcmp(p->strings[id], s, len) == 0)
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
        *probe(p, p->strings[id], p->lens[id],
               hash_bytes(p->strings[id], p->lens[id])) = id + 1;
    (void)oldn;
    sgk__free(mem, old);
    return 0;
}

static int grow_ids(const sgk__mem *mem, sgk__strpool *p)
{
    uint32_t cap = p->cap ? p->cap * 2 : 64;
    char **s;
    uint32_t *l;
    if (cap < p->cap || cap > UINT32_MAX / 2)
        return SGK_E_NOMEM;
    s = sgk__realloc(mem, p->strings, (size_t)cap * sizeof *s);
    if (!s)
        return SGK_E_NOMEM;
    p->strings = s;
    l = sgk__realloc(mem, p->lens, (size_t)cap * sizeof *l);
    if (!l)
        return SGK_E_NOMEM;
    p->lens = l;
    p->cap = cap;
    return 0;
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
    copy = sgk__strndup(mem, s, len);
    if (!copy)
        return SGK_E_NOMEM;
    p->strings[p->count] = copy;
    p->lens[p->count] = (uint32_t)len;
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
