/* Interned strings: each distinct string gets a small dense integer id so
 * that per-row records stay fixed-size and children can be counted once. */
#ifndef SGK_STRPOOL_H
#define SGK_STRPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "alloc.h"

/* Copies of long strings live in blocks that never move, so a string
 * handed out stays put while more are added; one allocation serves
 * thousands of ids instead of one each. */
typedef struct sgk__strblock {
    struct sgk__strblock *next;
    size_t used, cap;
    char text[];
} sgk__strblock;

/* One id's string.  Child ids are short, so up to SGK__STR_INLINE bytes
 * (and the NUL) sit in the entry itself: id -> text is then one place in
 * memory, with no pointer to chase, which on a pool of millions is one
 * cache miss per lookup fewer.  A longer string's entry holds a pointer
 * to its copy in a block, in text[4..12). */
#define SGK__STR_INLINE 11
typedef struct sgk__strentry {
    uint32_t len;
    char text[12];
} sgk__strentry;

/* Entries are kept in fixed chunks that never move (so neither does an
 * inline string), found by id >> SGK__STR_CHUNK_BITS. */
#define SGK__STR_CHUNK_BITS 12
#define SGK__STR_CHUNK (1u << SGK__STR_CHUNK_BITS)

typedef struct sgk__strpool {
    sgk__strentry **chunks;
    uint32_t nchunks, capchunks;
    uint32_t count;
    /* Open addressing over nslots (a power of two) slots.  A slot holds
     * id + 1 in its low log2(nslots) bits, which always suffice because
     * the table is at most half full, and the hash's remaining high bits
     * above them, so a probe passing another string's slot rejects it
     * without reading that string; 0 is empty. */
    uint32_t *slots;
    uint32_t nslots;
    sgk__strblock *blocks; /* newest first */
} sgk__strpool;

void sgk__strpool_init(sgk__strpool *p);
void sgk__strpool_free(const sgk__mem *mem, sgk__strpool *p);
/* The hash the pool files s[0..len) under. */
uint32_t sgk__strpool_hash(const char *s, size_t len);
/* Id of s[0..len), adding it if new.  0 or SGK_E_NOMEM. */
int sgk__strpool_intern(const sgk__mem *mem, sgk__strpool *p, const char *s,
                        size_t len, uint32_t *id);
/* The same with h = sgk__strpool_hash(s, len) already known. */
int sgk__strpool_intern_hashed(const sgk__mem *mem, sgk__strpool *p,
                               const char *s, size_t len, uint32_t h,
                               uint32_t *id);
/* Id of s, or UINT32_MAX if absent. */
uint32_t sgk__strpool_find(const sgk__strpool *p, const char *s, size_t len);
/* The NUL-terminated string `id`, or NULL for an id never handed out.  It
 * stays where it is until the pool is freed. */
const char *sgk__strpool_get(const sgk__strpool *p, uint32_t id);

static inline const sgk__strentry *sgk__strpool_entry(const sgk__strpool *p,
                                                      uint32_t id)
{
    return &p->chunks[id >> SGK__STR_CHUNK_BITS][id & (SGK__STR_CHUNK - 1)];
}

static inline const char *sgk__strentry_text(const sgk__strentry *e)
{
    const char *t;
    if (e->len <= SGK__STR_INLINE)
        return e->text;
    memcpy(&t, e->text + 4, sizeof t);
    return t;
}

/* Length of a string in the pool (id < count). */
static inline uint32_t sgk__strpool_len(const sgk__strpool *p, uint32_t id)
{
    return sgk__strpool_entry(p, id)->len;
}

/* The id a filled slot holds: its low log2(nslots) bits, less one. */
static inline uint32_t sgk__strpool_slot_id(const sgk__strpool *p,
                                            uint32_t slot)
{
    return (slot & (p->nslots - 1)) - 1;
}

/* Asks the memory system for the slot a string with hash h starts its
 * probe at, so that a lookup made a little later finds it in cache.
 * Only a hint: the table may still grow in between. */
static inline void sgk__strpool_prefetch_slot(const sgk__strpool *p,
                                              uint32_t h)
{
    if (p->nslots)
        sgk__prefetch(&p->slots[h & (p->nslots - 1)]);
}

/* Once that slot has arrived: asks for the entry it names, if its hash
 * bits match, which is the lookup's other miss. */
static inline void sgk__strpool_prefetch_entry(const sgk__strpool *p,
                                               uint32_t h)
{
    uint32_t mask = p->nslots - 1, slot, id;
    if (!p->nslots)
        return;
    slot = p->slots[h & mask];
    id = sgk__strpool_slot_id(p, slot);
    if (slot && (slot & ~mask) == (h & ~mask) && id < p->count)
        sgk__prefetch(sgk__strpool_entry(p, id));
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

/* Whether the pool's string `id` is s[0..len).  Ids and names are short,
 * so 4 to 16 bytes are compared with two overlapping word loads a side
 * rather than a call to memcmp. */
static inline int sgk__strpool_is(const sgk__strpool *p, uint32_t id,
                                  const char *s, size_t len)
{
    const sgk__strentry *e = sgk__strpool_entry(p, id);
    const char *t;
    if (e->len != len)
        return 0;
    t = sgk__strentry_text(e);
    if (len >= 8 && len <= 16)
        return sgk__same_ends(t, s, len, 8);
    if (len >= 4 && len < 8)
        return sgk__same_ends(t, s, len, 4);
    return memcmp(t, s, len) == 0;
}

/* A column's memory of the names it met lately, direct-mapped by a cheap
 * mix of the length and the first and last four bytes.  Teams and
 * workers are a few hundred names met millions of times, in no order, so
 * most rows find theirs here and skip the pool's hash and probe.  A slot
 * holds id + 1 (0 is empty); two names sharing a slot just take turns. */
#define SGK__RECENT_BITS 10
typedef struct sgk__recent {
    uint32_t id[1u << SGK__RECENT_BITS];
} sgk__recent;

static inline uint32_t *sgk__recent_slot(sgk__recent *r, const char *s,
                                         size_t len)
{
    uint32_t a = 0, b = 0;
    if (len >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
    } else if (len > 0) {
        a = (unsigned char)s[0];
        b = (uint32_t)(unsigned char)s[len - 1] << 8 |
            (unsigned char)s[len / 2];
    }
    a = (a ^ (b * 0x9E3779B1u) ^ (uint32_t)len) * 0x85EBCA6Bu;
    return &r->id[a >> (32 - SGK__RECENT_BITS)];
}

#endif
