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

uint32_t sgk__strpool_hash(const char *s, size_t len)
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
    uint32_t c;
    while (p->blocks) {
        sgk__strblock *next = p->blocks->next;
        sgk__free(mem, p->blocks);
        p->blocks = next;
    }
    for (c = 0; c < p->nchunks; c++)
        sgk__free(mem, p->chunks[c]);
    sgk__free(mem, p->chunks);
    sgk__free(mem, p->slots);
    sgk__strpool_init(p);
}

static uint32_t *probe(const sgk__strpool *p, const char *s, size_t len,
                       uint32_t h)
{
    uint32_t mask = p->nslots - 1, i = h & mask, tag = h & ~mask;
    for (;;) {
        uint32_t *slot = &p->slots[i];
        if (*slot == 0)
            return slot;
        if ((*slot & ~mask) == tag &&
            sgk__strpool_is(p, sgk__strpool_slot_id(p, *slot), s, len))
            return slot;
        i = (i + 1) & mask;
    }
}

static void file_under(sgk__strpool *p, uint32_t *slot, uint32_t h,
                       uint32_t id)
{
    *slot = (h & ~(p->nslots - 1)) | (id + 1);
}

#define REHASH_AHEAD 16
static int rehash(const sgk__mem *mem, sgk__strpool *p)
{
    uint32_t n = p->nslots ? p->nslots * 2 : 64, id, ahead[REHASH_AHEAD];
    uint32_t *old = p->slots;
    if (n < p->nslots)
        return SGK_E_NOMEM;
    p->slots = sgk__calloc(mem, n, sizeof *p->slots);
    if (!p->slots) {
        p->slots = old;
        return SGK_E_NOMEM;
    }
    p->nslots = n;
    /* Each string lands in a random slot of a table that, for millions of
     * children, is far bigger than the cache; so each one's slot is asked
     * for REHASH_AHEAD strings before it is filed, and the misses
     * overlap. */
    for (id = 0; id < p->count + REHASH_AHEAD; id++) {
        uint32_t at = id % REHASH_AHEAD;
        if (id >= REHASH_AHEAD) {
            const sgk__strentry *e = sgk__strpool_entry(p, id - REHASH_AHEAD);
            const char *t = sgk__strentry_text(e);
            file_under(p, probe(p, t, e->len, ahead[at]), ahead[at],
                       id - REHASH_AHEAD);
        }
        if (id < p->count) {
            const sgk__strentry *e = sgk__strpool_entry(p, id);
            ahead[at] = sgk__strpool_hash(sgk__strentry_text(e), e->len);
            sgk__prefetch(&p->slots[ahead[at] & (n - 1)]);
        }
    }
    sgk__free(mem, old);
    return 0;
}

/* Room for entry `count`: a new chunk when the last is full. */
static int grow_entries(const sgk__mem *mem, sgk__strpool *p)
{
    if (p->count >> SGK__STR_CHUNK_BITS < p->nchunks)
        return 0;
    if (p->nchunks == p->capchunks) {
        uint32_t cap = p->capchunks ? p->capchunks * 2 : 4;
        sgk__strentry **c;
        if (cap < p->capchunks)
            return SGK_E_NOMEM;
        c = sgk__realloc(mem, p->chunks, (size_t)cap * sizeof *c);
        if (!c)
            return SGK_E_NOMEM;
        p->chunks = c;
        p->capchunks = cap;
    }
    p->chunks[p->nchunks] =
        sgk__malloc(mem, SGK__STR_CHUNK * sizeof(sgk__strentry));
    if (!p->chunks[p->nchunks])
        return SGK_E_NOMEM;
    p->nchunks++;
    return 0;
}

/* A NUL-terminated copy of s[0..len) in the newest block; a new block
 * (twice the last, from 4 KiB up to 1 MiB, or the string's size) when it
 * is full. */
static char *block_copy(const sgk__mem *mem, sgk__strpool *p, const char *s,
                        size_t len)
{
    sgk__strblock *b = p->blocks;
    size_t need = len + 1;
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
    copy = b->text + b->used;
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->used += need;
    return copy;
}

/* Fills entry `count` with a copy of s[0..len). */
static int add_entry(const sgk__mem *mem, sgk__strpool *p, const char *s,
                     size_t len)
{
    sgk__strentry *e;
    if (grow_entries(mem, p) != 0)
        return SGK_E_NOMEM;
    e = &p->chunks[p->count >> SGK__STR_CHUNK_BITS]
                  [p->count & (SGK__STR_CHUNK - 1)];
    memset(e, 0, sizeof *e);
    if (len <= SGK__STR_INLINE) {
        memcpy(e->text, s, len);
    } else {
        const char *copy = block_copy(mem, p, s, len);
        if (!copy)
            return SGK_E_NOMEM;
        memcpy(e->text + 4, &copy, sizeof copy);
    }
    e->len = (uint32_t)len;
    return 0;
}

int sgk__strpool_intern_hashed(const sgk__mem *mem, sgk__strpool *p,
                               const char *s, size_t len, uint32_t h,
                               uint32_t *id)
{
    uint32_t *slot;

    if (len > UINT32_MAX)
        return SGK_E_INVALID_ARGUMENT;
    if ((p->count + 1) * 2 > p->nslots && rehash(mem, p) != 0)
        return SGK_E_NOMEM;
    slot = probe(p, s, len, h);
    if (*slot) {
        *id = sgk__strpool_slot_id(p, *slot);
        return 0;
    }
    if (add_entry(mem, p, s, len) != 0)
        return SGK_E_NOMEM;
    file_under(p, slot, h, p->count);
    *id = p->count++;
    return 0;
}

int sgk__strpool_intern(const sgk__mem *mem, sgk__strpool *p, const char *s,
                        size_t len, uint32_t *id)
{
    return sgk__strpool_intern_hashed(mem, p, s, len,
                                      sgk__strpool_hash(s, len), id);
}

uint32_t sgk__strpool_find(const sgk__strpool *p, const char *s, size_t len)
{
    uint32_t *slot;
    if (!p->nslots)
        return UINT32_MAX;
    slot = probe(p, s, len, sgk__strpool_hash(s, len));
    return *slot ? sgk__strpool_slot_id(p, *slot) : UINT32_MAX;
}

const char *sgk__strpool_get(const sgk__strpool *p, uint32_t id)
{
    return id < p->count ? sgk__strentry_text(sgk__strpool_entry(p, id))
                         : NULL;
}
