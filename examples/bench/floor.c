/* The least reader: what any libcsv reader that ties rows to children must
 * do, and nothing more.  It hashes each record's first field (the child id
 * in every sgkpi extract but workforce) into a table of ids, with the
 * lookups batched and prefetched as sgkpi does; turns each 10-byte
 * YYYY-MM-DD field into a number; and keeps a 16-byte record per row.  It
 * checks nothing, rejects nothing and computes nothing, so its time is a
 * floor under any reader that computes the indicators from rows. */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define BATCH 64

typedef struct least {
    uint64_t (*ids)[2];    /* open addressing: hash (0 empty), dense id */
    size_t mask, nids;
    uint32_t (*rows)[4];   /* two dates, the child's id, the row */
    size_t nrows, caprows;
    uint64_t due[BATCH];   /* hashes of the rows below, not yet filed */
    size_t due_row[BATCH];
    int ndue;
    size_t field;
    uint32_t dates[2];
    int ndates;
    int failed;
} least;

static uint64_t hash(const unsigned char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    while (len--)
        h = (h ^ *s++) * 0x100000001B3ull;
    return h | 1;
}

/* The slot of hash h, empty if it is new. */
static size_t slot_of(const least *l, uint64_t h)
{
    size_t i = h & l->mask;
    while (l->ids[i][0] && l->ids[i][0] != h)
        i = (i + 1) & l->mask;
    return i;
}

/* The dense id of hash h, a new one if it is new. */
static uint32_t file_id(least *l, uint64_t h)
{
    size_t i = slot_of(l, h);
    if (!l->ids[i][0]) {
        l->ids[i][0] = h;
        l->ids[i][1] = l->nids++;
    }
    return (uint32_t)l->ids[i][1];
}

/* Doubles the table when it is half full. */
static int grow_ids(least *l)
{
    size_t n = (l->mask + 1) * 2, i, old = l->mask + 1;
    uint64_t (*was)[2] = l->ids;
    l->ids = calloc(n, sizeof *l->ids);
    if (!l->ids)
        return -1;
    l->mask = n - 1;
    for (i = 0; i < old; i++)
        if (was[i][0]) {
            size_t at = slot_of(l, was[i][0]);
            l->ids[at][0] = was[i][0];
            l->ids[at][1] = was[i][1];
        }
    free(was);
    return 0;
}

static void file_due(least *l)
{
    int k;
    for (k = 0; k < l->ndue; k++)
        __builtin_prefetch(&l->ids[l->due[k] & l->mask]);
    for (k = 0; k < l->ndue; k++) {
        if (l->nids * 2 >= l->mask && grow_ids(l) != 0) {
            l->failed = 1;
            break;
        }
        l->rows[l->due_row[k]][2] = file_id(l, l->due[k]);
    }
    l->ndue = 0;
}

static void on_field(void *data, size_t len, void *ctx)
{
    least *l = ctx;
    const char *s = data;
    if (l->field++ == 0) {
        l->due[l->ndue] = hash(data, len);
    } else if (len == 10 && s[4] == '-' && s[7] == '-' && l->ndates < 2) {
        l->dates[l->ndates++] =
            (uint32_t)((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
                       (s[2] - '0') * 10 + (s[3] - '0')) * 372 +
            (uint32_t)((s[5] - '0') * 10 + (s[6] - '0')) * 31 +
            (uint32_t)((s[8] - '0') * 10 + (s[9] - '0'));
    }
}

static void on_row(int c, void *ctx)
{
    least *l = ctx;
    (void)c;
    if (l->nrows == l->caprows) {
        size_t cap = l->caprows ? l->caprows * 2 : 4096;
        void *p = realloc(l->rows, cap * sizeof *l->rows);
        if (!p) {
            l->failed = 1;
            return;
        }
        l->rows = p;
        l->caprows = cap;
    }
    l->rows[l->nrows][0] = l->dates[0];
    l->rows[l->nrows][1] = l->dates[1];
    l->rows[l->nrows][3] = (uint32_t)l->nrows;
    l->due_row[l->ndue++] = l->nrows++;
    if (l->ndue == BATCH)
        file_due(l);
    l->field = 0;
    l->ndates = 0;
    l->dates[0] = l->dates[1] = 0;
}

long bench_least_parse(const char *data, size_t len)
{
    least l;
    struct csv_parser p;
    long rows;
    memset(&l, 0, sizeof l);
    l.mask = 1023;
    l.ids = calloc(l.mask + 1, sizeof *l.ids);
    if (!l.ids || csv_init(&p, 0) != 0) {
        free(l.ids);
        return -1;
    }
    csv_parse(&p, data, len, on_field, on_row, &l);
    csv_fini(&p, on_field, on_row, &l);
    csv_free(&p);
    file_due(&l);
    rows = l.failed ? -1 : (long)l.nrows;
    free(l.ids);
    free(l.rows);
    return rows;
}
