/* Fuzz target: the whole engine.
 *
 * Input layout: 2 control bytes, then pieces separated by the byte 0x1E
 * (ASCII record separator):
 *   byte 0  option bits: 1 by_team, 2 by_month, 4 exceptions,
 *           8 max_rejections = 5, 16 two ingestion threads
 *   byte 1  period year (see fz_set_period); bit 7 a one-month period
 *   piece   first byte '0'..'6': an extract of that kind ('0' = detect),
 *                       read from the rest with sgk_engine_add_buffer
 *           'T' / 'B':  a thresholds / benchmarks file (buffer loaders)
 *           'C':        closure days, one sgk_engine_add_closure_day per line
 *           'A':        caller aliases, one "header=canonical" per line
 *           otherwise:  the whole piece is an extract of detected kind
 * At most 16 pieces are used.  The kent-2011 profile is added after the
 * pieces, then everything is computed and read back.
 *
 * Two oracles besides the invariants in fuzz_common.c: computing twice
 * gives the same results, and reading the extracts into a second engine
 * and merging that into a third (which holds only the settings, targets
 * and closure days) computes exactly what the first engine computed, as
 * sgk_engine_merge() promises. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

#define SEPARATOR 0x1E
#define MAX_PIECES 16

enum { OPT_TEAM = 1, OPT_MONTH = 2, OPT_EXC = 4, OPT_MAXREJ = 8,
       OPT_THREADS = 16 };

typedef struct piece {
    const char *data;
    size_t len;
    int type;  /* 'E' extract, 'T', 'B', 'C', 'A' */
    int kind;
} piece;

static size_t split(const uint8_t *data, size_t size, piece *out)
{
    size_t n = 0, pos = 0;
    while (pos <= size && n < MAX_PIECES) {
        const uint8_t *sep = pos < size ? memchr(data + pos, SEPARATOR,
                                                 size - pos) : NULL;
        size_t end = sep ? (size_t)(sep - data) : size;
        piece *p = &out[n++];
        unsigned char c = pos < end ? data[pos] : 0;
        p->data = (const char *)data + pos;
        p->len = end - pos;
        p->kind = SGK_KIND_AUTO;
        p->type = 'E';
        if (c >= '0' && c <= '6') {
            p->kind = c - '0';
        } else if (c == 'T' || c == 'B' || c == 'C' || c == 'A') {
            p->type = c;
        }
        if (p->type != 'E' || (c >= '0' && c <= '6')) {
            p->data++;
            p->len--;
        }
        if (!sep)
            break;
        pos = end + 1;
    }
    return n;
}

static void configure(sgk_engine *e, unsigned opts, unsigned year)
{
    sgk_engine_set_option(e, SGK_OPT_BY_TEAM, (opts & OPT_TEAM) != 0);
    sgk_engine_set_option(e, SGK_OPT_BY_MONTH, (opts & OPT_MONTH) != 0);
    sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS, (opts & OPT_EXC) != 0);
    if (opts & OPT_MAXREJ)
        sgk_engine_set_option(e, SGK_OPT_MAX_REJECTIONS, 5);
    if (opts & OPT_THREADS) {
        sgk_engine_set_option(e, SGK_OPT_THREADS, 2);
        sgk_engine_set_option(e, SGK_OPT_MIN_CHUNK, 32);
    }
    fz_set_period(e, year & 0x7F, (year & 0x80) != 0);
}

/* Calls fn on each line of a piece as a NUL-terminated string. */
static void each_line(sgk_engine *e, const piece *p,
                      void (*fn)(sgk_engine *, char *))
{
    size_t pos = 0;
    while (pos < p->len) {
        const char *nl = memchr(p->data + pos, '\n', p->len - pos);
        size_t n = nl ? (size_t)(nl - (p->data + pos)) : p->len - pos;
        char *line = malloc(n + 1);
        if (!line)
            abort();
        memcpy(line, p->data + pos, n);
        line[n] = '\0';
        fn(e, line);
        free(line);
        pos += n + 1;
    }
}

static void closure_line(sgk_engine *e, char *line)
{
    int rc = sgk_engine_add_closure_day(e, line);
    fz_check_error(e, rc);
}

static void alias_line(sgk_engine *e, char *line)
{
    char *eq = strchr(line, '=');
    int rc;
    if (!eq)
        return;
    *eq = '\0';
    rc = sgk_engine_add_alias(e, line, eq + 1);
    fz_check_error(e, rc);
}

/* Applies the pieces selected by `what` ("E" extracts, "A" aliases, "TBC"
 * targets and closures), in order. */
static void apply(sgk_engine *e, const piece *ps, size_t n, const char *what)
{
    size_t i;
    char name[32];
    for (i = 0; i < n; i++) {
        const piece *p = &ps[i];
        int rc = SGK_OK;
        if (!strchr(what, p->type))
            continue;
        switch (p->type) {
        case 'E':
            snprintf(name, sizeof name, "x%zu.csv", i);
            rc = sgk_engine_add_buffer(e, name, p->len ? p->data : "",
                                       p->len, p->kind);
            break;
        case 'T':
            rc = sgk_engine_load_thresholds_buffer(e, "t.csv",
                                                   p->len ? p->data : "",
                                                   p->len);
            break;
        case 'B':
            rc = sgk_engine_load_benchmarks_buffer(e, "b.csv",
                                                   p->len ? p->data : "",
                                                   p->len);
            break;
        case 'C':
            each_line(e, p, closure_line);
            break;
        case 'A':
            each_line(e, p, alias_line);
            break;
        }
        fz_check_error(e, rc);
    }
}

static int compute_dump(sgk_engine *e, fz_text *out)
{
    int rc = sgk_engine_compute(e);
    fz_check_error(e, rc);
    fz_text_add(out, "compute %d\n", rc);
    if (rc == SGK_OK)
        fz_dump_all(e, out);
    else
        fz_check_no_results(e);
    return rc;
}

int sgk_fuzz_engine(const uint8_t *data, size_t size)
{
    piece ps[MAX_PIECES];
    size_t n;
    sgk_engine *e, *src, *dst;
    fz_text t1 = {0}, t2 = {0}, t3 = {0};
    int rc;

    if (size < 2)
        return 0;
    n = split(data + 2, size - 2, ps);

    e = fz_engine();
    configure(e, data[0], data[1]);
    apply(e, ps, n, "EATBC");
    if (sgk_engine_use_profile(e, "kent-2011") != SGK_OK)
        fz_fail("the kent-2011 profile was refused", NULL, NULL);
    compute_dump(e, &t1);
    compute_dump(e, &t2);
    fz_same("a second compute differs from the first", &t1, &t2);

    /* The same extracts read elsewhere and merged in. */
    src = fz_engine();
    configure(src, data[0], data[1]);
    apply(src, ps, n, "EA");
    dst = fz_engine();
    configure(dst, data[0], data[1]);
    apply(dst, ps, n, "TBC");
    sgk_engine_use_profile(dst, "kent-2011");
    rc = sgk_engine_merge(dst, src);
    fz_check_error(dst, rc);
    if (rc == SGK_OK) {
        compute_dump(dst, &t3);
        fz_same("merging gives different results from reading", &t1, &t3);
    }

    fz_text_free(&t1);
    fz_text_free(&t2);
    fz_text_free(&t3);
    sgk_engine_free(e);
    sgk_engine_free(src);
    sgk_engine_free(dst);
    return 0;
}

#ifndef SGK_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sgk_fuzz_engine(data, size);
}
#endif
