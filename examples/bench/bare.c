/* The ceiling: libcsv parsing with callbacks that do nothing, on one
 * thread or split across several at newlines outside quotes, so every
 * other figure can be a ratio of it.  The cuts are found by counting
 * quotes from the start, which is slow, so that time is left out of the
 * ceiling: it is the parse alone, however cheaply a reader finds its
 * cuts. */
#define _DEFAULT_SOURCE 1 /* madvise's MADV_DONTNEED */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <csv.h>
#include "bench.h"

typedef struct part {
    const char *data;
    size_t len;
    long rows;
} part;

static void on_field(void *s, size_t len, void *ctx)
{
    (void)s;
    (void)len;
    (void)ctx;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    ((part *)ctx)->rows++;
}

static void *parse_part(void *arg)
{
    part *p = arg;
    struct csv_parser parser;
    if (csv_init(&parser, 0) != 0)
        return NULL;
    csv_parse(&parser, p->data, p->len, on_field, on_row, p);
    csv_fini(&parser, on_field, on_row, p);
    csv_free(&parser);
    return NULL;
}

/* Quotes in d[from, to), counted with memchr so that finding the cut
 * costs next to nothing beside the parse, as it does in sgkpi. */
static size_t quotes_in(const char *d, size_t from, size_t to)
{
    size_t q = 0;
    const char *p = d + from, *end = d + to;
    while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        q++;
        p++;
    }
    return q;
}

/* Cuts after the first newline at or past target with an even count of
 * quotes since the last cut. */
static size_t cut_after(const char *d, size_t from, size_t target, size_t len)
{
    size_t q, i;
    if (target < from)
        target = from;
    q = quotes_in(d, from, target);
    i = target;
    for (;;) {
        const char *nl = memchr(d + i, '\n', len - i);
        size_t at;
        if (!nl)
            return len;
        at = (size_t)(nl - d);
        q += quotes_in(d, i, at);
        if (q % 2 == 0)
            return at + 1;
        i = at + 1;
    }
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long bench_bare_parse(const char *data, size_t len, int threads,
                      double *cutting)
{
    double started = seconds();
    part parts[64];
    pthread_t tid[64];
    size_t at = 0;
    long rows = 0;
    int n = 0, k;
    if (threads < 1)
        threads = 1;
    if (threads > 64)
        threads = 64;
    for (k = 0; k < threads && at < len; k++) {
        size_t end = k == threads - 1
                         ? len
                         : cut_after(data, at, len / (size_t)threads *
                                                   (size_t)(k + 1), len);
        parts[n].data = data + at;
        parts[n].len = end - at;
        parts[n].rows = 0;
        n++;
        at = end;
    }
    /* The count read the pages it passed (data is a mapping of the
     * file); handing them back leaves the parse to map them again, as it
     * must on one thread. */
    if (n > 1) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        madvise((void *)data, (size_t)(parts[n - 1].data - data) / page * page,
                MADV_DONTNEED);
    }
    *cutting += seconds() - started;
    for (k = 1; k < n; k++)
        pthread_create(&tid[k], NULL, parse_part, &parts[k]);
    parse_part(&parts[0]);
    for (k = 1; k < n; k++)
        pthread_join(tid[k], NULL);
    for (k = 0; k < n; k++)
        rows += parts[k].rows;
    return rows;
}
