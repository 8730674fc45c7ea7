/* Parallel ingestion of one input held in memory.
 *
 * The header is read first on the calling thread, which fixes the layout.
 * The rest is cut into chunks that end just after a newline outside any
 * quoted field: a '"' count from the end of the header tells, since
 * quotes inside quoted fields come in pairs.  The calling thread reads the
 * first chunk into the engine itself; every other chunk is parsed by a
 * worker engine of its own, with line numbers counted from the chunk's
 * start, and merged in order with its line numbers shifted, so facts and
 * rejections come out exactly as a sequential read makes them.  Each
 * reader also tells whether it finished between records.  Where one did
 * not (stray quotes can fool the count), the chunks after it are dropped
 * and the input is read on from there sequentially. */
#define _DEFAULT_SOURCE 1 /* madvise's MADV_DONTNEED */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "family.h"

#define READER_BETWEEN_RECORDS 0

typedef struct chunk {
    sgk_engine *owner;
    sgk_engine *e;            /* the worker's own engine */
    const char *data;
    size_t len;
    int mapped;               /* data is the engine's own file mapping */
    int64_t lines;            /* newlines in the chunk */
    int clean_end;            /* parser stopped between records */
    int status;
    pthread_t thread;
    int started;
} chunk;

int sgk__threads_wanted(const sgk_engine *e)
{
    int64_t n = e->options[SGK_OPT_THREADS];
    if (n == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n = cpus > 0 ? cpus : 1;
    }
    return n > 64 ? 64 : (int)n;
}

/* Feeds the main reader line by line until the header has been read;
 * returns how many bytes that took, or a negative status. */
static int64_t read_header(sgk_engine *e, const char *data, size_t len)
{
    sgk__ingest *in = &e->stream;
    size_t pos = 0;
    while (pos < len && !in->have_header) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t seg = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
        int rc = sgk__reader_feed(&in->reader, data + pos, seg);
        if (rc)
            return rc;
        pos += seg;
    }
    return (int64_t)pos;
}

/* Quotes in data[from, to): memchr skips the long quote-free stretches
 * at memory speed, where a byte loop would hold up every worker. */
static size_t count_quotes(const char *data, size_t from, size_t to)
{
    size_t q = 0;
    const char *p = data + from, *end = data + to;
    while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        q++;
        p++;
    }
    return q;
}

/* The first position at or after `from` that follows a newline outside
 * quotes, given the quote parity at `start`; len if none. */
static size_t next_split(const char *data, size_t start, size_t from,
                         size_t len, size_t *quotes_seen)
{
    size_t i, q = *quotes_seen + count_quotes(data, start, from);
    for (i = from; i < len; i++) {
        if (data[i] == '"')
            q++;
        else if (data[i] == '\n' && q % 2 == 0) {
            *quotes_seen = q;
            return i + 1;
        }
    }
    *quotes_seen = q;
    return len;
}

/* Feeds a chunk.  From a mapped file it goes in steps of `step` bytes:
 * once a step is parsed its bytes are never looked at again, so its pages
 * are handed back as the reader passes them.  Without that, a file read
 * with threads would stay resident in full on top of everything the
 * engine keeps. */
static int feed_chunk(sgk__reader *r, const char *data, size_t len,
                      int mapped, size_t step)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), done = 0;
    uintptr_t base = (uintptr_t)data, released = base;
    if (!mapped || page == 0 || step == 0)
        return sgk__reader_feed(r, data, len);
    while (done < len) {
        size_t n = len - done < step ? len - done : step;
        int rc = sgk__reader_feed(r, data + done, n);
        uintptr_t from, upto;
        if (rc)
            return rc;
        done += n;
        from = (released + page - 1) & ~(uintptr_t)(page - 1);
        upto = (base + done) & ~(uintptr_t)(page - 1);
#ifdef MADV_DONTNEED
        if (upto > from) {
            madvise((void *)from, upto - from, MADV_DONTNEED);
            released = upto;
        }
#else
        (void)from;
        (void)upto;
#endif
    }
    return 0;
}

/* Steps of at most 8 MiB, and no more than a chunk's minimum size, so
 * that small test inputs take the same path as large files. */
static size_t feed_step(const sgk_engine *e)
{
    int64_t step = e->options[SGK_OPT_MIN_CHUNK];
    return step > ((int64_t)8 << 20) ? (size_t)8 << 20 : (size_t)step;
}

static void *parse_chunk(void *arg)
{
    chunk *c = arg;
    sgk_engine *owner = c->owner;
    sgk__ingest *in;
    sgk__input *input;
    int rc = sgk_engine_new_with_allocator(owner->mem.realloc_fn,
                                           owner->mem.free_fn,
                                           owner->mem.user, &c->e);
    if (rc == 0) {
        memcpy(c->e->options, owner->options, sizeof owner->options);
        c->e->options[SGK_OPT_MAX_REJECTIONS] = 0;
        rc = sgk__ingest_begin(c->e, &c->e->stream, "chunk",
                               owner->stream.layout.kind);
    }
    if (rc) {
        c->status = rc;
        return NULL;
    }
    in = &c->e->stream;
    in->have_header = 1;
    in->layout = owner->stream.layout;
    in->reader.bom_pending = 0; /* only the file's first bytes can be one */
    input = sgk__vec_at(&c->e->inputs, 0);
    input->kind = in->layout.kind;
    rc = sgk__ingest_want(c->e, in);
    if (rc == 0)
        rc = feed_chunk(&in->reader, c->data, c->len, c->mapped,
                        feed_step(owner));
    c->clean_end = rc == 0 && !in->reader.skip_line &&
                   in->reader.parser.pstate == READER_BETWEEN_RECORDS;
    c->lines = in->reader.line - 1;
    c->status = sgk__ingest_end(c->e, in, rc);
    return NULL;
}

/* Cuts data[start, len) into at most n chunks; returns how many. */
static int cut(const char *data, size_t start, size_t len, int n, chunk *c)
{
    size_t at = start, quotes = 0, span = len - start;
    int k, made = 0;
    for (k = 0; k < n && at < len; k++) {
        size_t target = start + span / (size_t)n * (size_t)(k + 1);
        size_t end = k == n - 1 ? len
                                : next_split(data, at, target > at ? target : at,
                                             len, &quotes);
        memset(&c[made], 0, sizeof c[made]);
        c[made].data = data + at;
        c[made].len = end - at;
        made++;
        at = end;
        quotes = 0; /* parity is even again at every cut */
    }
    return made;
}

/* Chunk 0 starts where a sequential read would be, so the calling thread
 * reads it straight into the engine while the workers read the rest:
 * nothing of it needs merging, and it is never read twice. */
static void read_first_chunk(sgk_engine *e, chunk *c)
{
    sgk__reader *r = &e->stream.reader;
    c->status = feed_chunk(r, c->data, c->len, c->mapped, feed_step(e));
    c->clean_end = c->status == 0 && !r->skip_line &&
                   r->parser.pstate == READER_BETWEEN_RECORDS;
}

static void run_chunks(sgk_engine *e, chunk *c, int n)
{
    int k;
    for (k = 1; k < n; k++) {
        c[k].owner = e;
        if (pthread_create(&c[k].thread, NULL, parse_chunk, &c[k]) == 0)
            c[k].started = 1;
    }
    read_first_chunk(e, &c[0]);
    for (k = 1; k < n; k++)
        if (!c[k].started)
            parse_chunk(&c[k]); /* a thread that would not start */
    for (k = 1; k < n; k++)
        if (c[k].started)
            pthread_join(c[k].thread, NULL);
}

/* Merges the workers' chunks in order after chunk 0.  A chunk starts
 * right when the one before it ended between records.  A worker's chunk
 * that did not end so (other than the last, which ends the input) closed
 * its final record early and is dropped; from the first such doubt the
 * rest of the input is read on this thread instead, carrying on from
 * exactly where the engine's own reader stands. */
static int join_chunks(sgk_engine *e, const char *data, size_t len, chunk *c,
                       int n)
{
    sgk__reader *r = &e->stream.reader;
    int k;
    if (c[0].status)
        return c[0].status;
    for (k = 1; k < n; k++) {
        int rc;
        if (!c[k - 1].clean_end || (k < n - 1 && c[k].status == 0 &&
                                    !c[k].clean_end))
            return sgk__reader_feed(r, c[k].data,
                                    len - (size_t)(c[k].data - data));
        if (c[k].status)
            return c[k].status;
        rc = sgk__merge(e, c[k].e, e->stream.input, r->line - 1);
        if (rc)
            return rc;
        /* Its copy is no longer needed: peak memory is one copy of the
         * input's facts plus one chunk's, not two copies. */
        sgk_engine_free(c[k].e);
        c[k].e = NULL;
        /* Any later rejection (a final unterminated record) must be
         * numbered after the merged lines. */
        r->line += c[k].lines;
        if (e->progress)
            e->progress((int64_t)(c[k].data - c[0].data + c[k].len), -1,
                        e->progress_user);
    }
    return 0;
}

int sgk__ingest_parallel(sgk_engine *e, const char *data, size_t len,
                         int threads, int mapped)
{
    chunk c[64];
    int64_t head = read_header(e, data, len);
    size_t start;
    int n, k, status;
    if (head < 0)
        return (int)head;
    start = (size_t)head;
    if (start >= len || !e->stream.have_header ||
        e->stream.reader.parser.pstate != READER_BETWEEN_RECORDS)
        return start < len ? sgk__reader_feed(&e->stream.reader, data + start,
                                              len - start) : 0;
    if ((int64_t)(len - start) < 2 * e->options[SGK_OPT_MIN_CHUNK])
        threads = 1;
    if ((size_t)threads > (len - start) / (size_t)e->options[SGK_OPT_MIN_CHUNK])
        threads = (int)((len - start) / (size_t)e->options[SGK_OPT_MIN_CHUNK]);
    if (threads <= 1)
        return sgk__reader_feed(&e->stream.reader, data + start, len - start);
    n = cut(data, start, len, threads, c);
    for (k = 0; k < n; k++)
        c[k].mapped = mapped;
    run_chunks(e, c, n);
    status = join_chunks(e, data, len, c, n);
    for (k = 1; k < n; k++)
        sgk_engine_free(c[k].e);
    return status;
}
