/* Child ids waiting to be interned.  On a national extract the children
 * pool holds millions of ids, so each lookup is two cache misses (the
 * slot, then the entry it names) that one row's work cannot hide.  Rows
 * are stored with their child id pending; every SGK__CHILD_QUEUE rows the
 * queue asks the memory system for all their slots, then all their
 * entries, and only then looks them up, so the misses overlap instead of
 * following one another.  Ids are handed out in the order of the rows
 * kept (a rejected row's child is not interned), whatever the thread
 * count. */
#ifndef SGK_CHILD_QUEUE_H
#define SGK_CHILD_QUEUE_H

#include <stddef.h>
#include <stdint.h>
#include "alloc.h"
#include "strpool.h"

#define SGK__CHILD_QUEUE 64
#define SGK__CHILD_QUEUE_TEXT 1024

typedef struct sgk__child_queue {
    uint32_t n;                          /* rows waiting */
    uint32_t used;                       /* bytes of text taken */
    size_t fact[SGK__CHILD_QUEUE];       /* where the id goes: a fact index */
    uint32_t hash[SGK__CHILD_QUEUE];
    uint32_t len[SGK__CHILD_QUEUE];
    uint32_t last;                       /* the latest id looked up + 1 */
    char text[SGK__CHILD_QUEUE_TEXT];    /* the ids, end to end */
} sgk__child_queue;

/* Queues s[0..len) as the child of facts[fact] (a vector of sgk__fact),
 * looking up the whole queue first when it is full.  0 or SGK_E_NOMEM. */
int sgk__child_queue_add(const sgk__mem *mem, sgk__child_queue *q,
                         sgk__strpool *children, sgk__vec *facts, size_t fact,
                         const char *s, size_t len);
/* Looks up every queued id and writes it into its fact.  Must run before
 * anything reads those facts' children or interns another child into
 * the pool.  0 or SGK_E_NOMEM (the queue is emptied either way). */
int sgk__child_queue_flush(const sgk__mem *mem, sgk__child_queue *q,
                           sgk__strpool *children, sgk__vec *facts);
/* Forgets what is queued, for facts that are being thrown away. */
void sgk__child_queue_drop(sgk__child_queue *q);

#endif
