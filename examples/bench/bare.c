/* The ceiling: libcsv parsing with callbacks that do nothing, on one
 * thread or split across several at newlines outside quotes (the same
 * rule sgkpi uses), so every other figure can be a ratio of it. */
#include <pthread.h>
#include <string.h>
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

/* Cuts after a newline with an even count of quotes since the last cut. */
static size_t cut_after(const char *d, size_t from, size_t target, size_t len)
{
    size_t i, q = 0;
    for (i = from; i < len; i++) {
        if (d[i] == '"')
            q++;
        else if (d[i] == '\n' && i >= target && q % 2 == 0)
            return i + 1;
    }
    return len;
}

long bench_bare_parse(const char *data, size_t len, int threads)
{
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
    for (k = 1; k < n; k++)
        pthread_create(&tid[k], NULL, parse_part, &parts[k]);
    parse_part(&parts[0]);
    for (k = 1; k < n; k++)
        pthread_join(tid[k], NULL);
    for (k = 0; k < n; k++)
        rows += parts[k].rows;
    return rows;
}
