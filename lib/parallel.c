/* Parallel ingestion of one input held in memory.
 *
 * The header is read first on the calling thread, which fixes the layout.
 * The rest is cut into pieces, several per thread, each ending just
 * after a newline that ends a record (cuts.c guesses where from the bytes
 * around the cut).  The calling thread reads the first piece straight
 * into the engine; the other threads take the next free piece, read it
 * into an engine of their own with line numbers counted from the piece's
 * start, and take another.  The calling thread joins the pieces to the
 * engine in order, merging each with its line numbers shifted, so facts
 * and rejections come out exactly as a sequential read makes them; while
 * the next piece is still being read elsewhere it reads a later one
 * itself rather than wait, and a piece nobody has taken by its turn it
 * reads straight in.  A cut is only trusted once the reader of the piece
 * before it has finished between records there.  Where one did not (a
 * wrong guess, or stray quotes), the pieces after it are dropped and the
 * input is read on from there on this thread. */
#define _DEFAULT_SOURCE 1 /* madvise's MADV_DONTNEED */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "cuts.h"
#include "family.h"

#define READER_BETWEEN_RECORDS 0

/* Pieces per thread: enough that the calling thread, which also merges,
 * can take fewer pieces than the others and all finish together. */
#define PIECES_PER_THREAD 8

typedef struct piece {
    const char *data;
    size_t len;
    sgk_engine *e;            /* the engine it was read into apart */
    int64_t lines;            /* newlines in the piece */
    int clean_end;            /* its reader stopped between records */
    int status;
    int done;                 /* read apart and finished, under the
                                 crew's lock (taken: index < next) */
} piece;

/* What the threads reading one input share.  While they work the owner
 * engine is only read, for its allocator and options. */
typedef struct crew {
    pthread_mutex_t lock;
    pthread_cond_t done;      /* a piece read apart is done */
    const sgk_engine *owner;
    sgk__layout layout;
    piece *pieces;
    int n;
    int next;                 /* the first piece nobody has taken */
    int stop;                 /* take no more */
    int mapped;
    size_t step;
} crew;

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

/* Feeds a piece.  From a mapped file it goes in steps of `step` bytes:
 * once a step is parsed its bytes are never looked at again, so its pages
 * are handed back as the reader passes them.  Without that, a mapped file
 * would stay resident in full on top of everything the engine keeps.
 * `tell`, when not NULL, is the engine whose progress callback hears of
 * each step: the bytes of the input up to there, the piece starting
 * `offset` bytes in, out of `total`, as a file read in blocks reports. */
static int feed_piece(sgk__reader *r, const char *data, size_t len,
                      int mapped, size_t step, const sgk_engine *tell,
                      size_t offset, int64_t total)
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
        if (tell && tell->progress)
            tell->progress((int64_t)(offset + done), total,
                           tell->progress_user);
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

/* Reads a piece into an engine of its own, numbering lines from 1. */
static void read_apart(const crew *c, piece *p)
{
    const sgk_engine *owner = c->owner;
    sgk__ingest *in;
    sgk__input *input;
    int rc = sgk_engine_new_with_allocator(owner->mem.realloc_fn,
                                           owner->mem.free_fn,
                                           owner->mem.user, &p->e);
    if (rc == 0) {
        memcpy(p->e->options, owner->options, sizeof owner->options);
        p->e->options[SGK_OPT_MAX_REJECTIONS] = 0;
        rc = sgk__ingest_begin(p->e, &p->e->stream, "piece",
                               c->layout.kind);
    }
    if (rc) {
        p->status = rc;
        return;
    }
    in = &p->e->stream;
    in->have_header = 1;
    in->layout = c->layout;
    in->reader.bom_pending = 0; /* only the file's first bytes can be one */
    input = sgk__vec_at(&p->e->inputs, 0);
    input->kind = in->layout.kind;
    rc = sgk__ingest_want(p->e, in);
    if (rc == 0)
        rc = feed_piece(&in->reader, p->data, p->len, c->mapped, c->step,
                        NULL, 0, -1);
    p->clean_end = rc == 0 && !in->reader.skip_line &&
                   in->reader.parser.pstate == READER_BETWEEN_RECORDS;
    p->lines = in->reader.line - 1;
    p->status = sgk__ingest_end(p->e, in, rc);
}

/* The first free piece, now taken, or -1. */
static int take_locked(crew *c)
{
    if (c->stop || c->next >= c->n)
        return -1;
    return c->next++;
}

static void read_apart_and_tell(crew *c, int k)
{
    read_apart(c, &c->pieces[k]);
    pthread_mutex_lock(&c->lock);
    c->pieces[k].done = 1;
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->lock);
}

static void *work(void *arg)
{
    crew *c = arg;
    for (;;) {
        int k;
        pthread_mutex_lock(&c->lock);
        k = take_locked(c);
        pthread_mutex_unlock(&c->lock);
        if (k < 0)
            return NULL;
        read_apart_and_tell(c, k);
    }
}

/* The calling thread's turn at piece k, the next to join the engine:
 * returns 1 when nobody has taken it, so it is read straight into the
 * engine, or 0 once another thread has read it.  Meanwhile this thread
 * reads later pieces apart rather than wait. */
static int wait_for(crew *c, int k)
{
    pthread_mutex_lock(&c->lock);
    for (;;) {
        int j;
        if (c->pieces[k].done)
            break;
        if (c->next == k) {
            take_locked(c);
            pthread_mutex_unlock(&c->lock);
            return 1;
        }
        if ((j = take_locked(c)) >= 0) {
            pthread_mutex_unlock(&c->lock);
            read_apart_and_tell(c, j);
            pthread_mutex_lock(&c->lock);
            continue;
        }
        pthread_cond_wait(&c->done, &c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return 0;
}

static void stop(crew *c)
{
    pthread_mutex_lock(&c->lock);
    c->stop = 1;
    pthread_mutex_unlock(&c->lock);
}

/* Cuts data[start, len) into at most n pieces; returns how many.  A cut
 * the bytes do not settle is made by counting quotes from the last cut,
 * which is then a piece's length of reading, not the file's. */
static int cut(const char *data, size_t start, size_t len, int n,
               unsigned char delim, piece *p)
{
    size_t at = start, span = len - start;
    int k, made = 0;
    for (k = 0; k < n && at < len; k++) {
        size_t target = start + span / (size_t)n * (size_t)(k + 1), end;
        if (target < at)
            target = at;
        end = k == n - 1 ? len : sgk__cut_guess(data, target, len, delim);
        if (end == SGK__CUT_UNSURE)
            end = sgk__cut_counted(data, at, target, len);
        memset(&p[made], 0, sizeof p[made]);
        p[made].data = data + at;
        p[made].len = end - at;
        made++;
        at = end;
    }
    return made;
}

/* Reads a piece straight into the engine, after everything before it. */
static int read_here(sgk_engine *e, const crew *c, piece *p)
{
    sgk__reader *r = &e->stream.reader;
    p->status = feed_piece(r, p->data, p->len, c->mapped, c->step, NULL, 0,
                           -1);
    p->clean_end = p->status == 0 && !r->skip_line &&
                   r->parser.pstate == READER_BETWEEN_RECORDS;
    return p->status;
}

/* The rest of the input from piece p on, read on this thread: what a
 * sequential read does, carrying on from where the engine's reader
 * stands. */
static int read_rest(sgk_engine *e, crew *c, const piece *p,
                     const char *data, size_t len)
{
    stop(c);
    return feed_piece(&e->stream.reader, p->data,
                      len - (size_t)(p->data - data), c->mapped, c->step, e,
                      (size_t)(p->data - data), (int64_t)len);
}

/* Appends a piece read apart to the engine and frees its copy, so that
 * peak memory holds the input's facts once plus a few pieces'. */
static int join(sgk_engine *e, piece *p)
{
    sgk__reader *r = &e->stream.reader;
    int rc = sgk__ingest_settle(e, &e->stream);
    if (rc == 0)
        rc = sgk__merge(e, p->e, e->stream.input, r->line - 1);
    sgk_engine_free(p->e);
    p->e = NULL;
    /* A later rejection (a final unterminated record) is numbered after
     * the merged lines. */
    r->line += p->lines;
    return rc;
}

/* Piece 0 starts where a sequential read would, and each later piece
 * joins the engine in order: straight from the bytes when nobody has
 * read it yet, else merged.  A piece starts right only when the one
 * before it ended between records.  A piece read apart that did not end
 * so (other than the last, which ends the input) closed its final record
 * early and is dropped; from the first such doubt the rest is read on
 * this thread. */
static int read_in_order(sgk_engine *e, crew *c, const char *data,
                         size_t len)
{
    int k, rc = read_here(e, c, &c->pieces[0]);
    for (k = 1; k < c->n && rc == 0; k++) {
        piece *p = &c->pieces[k];
        if (!c->pieces[k - 1].clean_end)
            return read_rest(e, c, p, data, len);
        if (wait_for(c, k)) {
            rc = read_here(e, c, p);
        } else if (k < c->n - 1 && p->status == 0 && !p->clean_end) {
            return read_rest(e, c, p, data, len);
        } else {
            rc = p->status ? p->status : join(e, p);
        }
        if (rc == 0 && e->progress)
            e->progress((int64_t)(p->data + p->len - data), (int64_t)len,
                        e->progress_user);
    }
    return rc;
}

/* How many pieces: PIECES_PER_THREAD a thread, each at least min_chunk
 * bytes. */
static int pieces_for(const sgk_engine *e, size_t bytes, int threads)
{
    size_t most = bytes / (size_t)e->options[SGK_OPT_MIN_CHUNK];
    size_t n = (size_t)threads * PIECES_PER_THREAD;
    return (int)(n < most ? n : most);
}

static int read_with_crew(sgk_engine *e, crew *c, const char *data,
                          size_t len, int threads)
{
    pthread_t thread[64];
    int started[64], k, status;
    for (k = 1; k < threads; k++)
        started[k] = pthread_create(&thread[k], NULL, work, c) == 0;
    /* Without workers (none would start) this thread takes every piece
     * in turn, which is a sequential read. */
    status = read_in_order(e, c, data, len);
    stop(c);
    for (k = 1; k < threads; k++)
        if (started[k])
            pthread_join(thread[k], NULL);
    for (k = 0; k < c->n; k++)
        sgk_engine_free(c->pieces[k].e);
    return status;
}

int sgk__ingest_parallel(sgk_engine *e, const char *data, size_t len,
                         int threads, int mapped)
{
    crew c;
    int64_t head = read_header(e, data, len);
    size_t start;
    int status;
    if (head < 0)
        return (int)head;
    start = (size_t)head;
    if (start >= len || !e->stream.have_header ||
        e->stream.reader.parser.pstate != READER_BETWEEN_RECORDS)
        return start < len ? sgk__reader_feed(&e->stream.reader, data + start,
                                              len - start) : 0;
    if ((int64_t)((len - start) / 2) < e->options[SGK_OPT_MIN_CHUNK])
        threads = 1;
    if ((size_t)threads > (len - start) / (size_t)e->options[SGK_OPT_MIN_CHUNK])
        threads = (int)((len - start) / (size_t)e->options[SGK_OPT_MIN_CHUNK]);
    if (threads <= 1)
        return sgk__reader_feed(&e->stream.reader, data + start, len - start);
    memset(&c, 0, sizeof c);
    c.owner = e;
    c.layout = e->stream.layout;
    c.mapped = mapped;
    c.step = feed_step(e);
    c.pieces = sgk__calloc(&e->mem, (size_t)threads * PIECES_PER_THREAD,
                           sizeof *c.pieces);
    if (!c.pieces)
        return SGK_E_NOMEM;
    c.n = cut(data, start, len, pieces_for(e, len - start, threads),
              e->stream.reader.delim, c.pieces);
    c.next = 1; /* piece 0 is this thread's */
    if (pthread_mutex_init(&c.lock, NULL) != 0) {
        sgk__free(&e->mem, c.pieces);
        return sgk__reader_feed(&e->stream.reader, data + start, len - start);
    }
    if (pthread_cond_init(&c.done, NULL) != 0) {
        pthread_mutex_destroy(&c.lock);
        sgk__free(&e->mem, c.pieces);
        return sgk__reader_feed(&e->stream.reader, data + start, len - start);
    }
    status = read_with_crew(e, &c, data, len, threads);
    pthread_cond_destroy(&c.done);
    pthread_mutex_destroy(&c.lock);
    sgk__free(&e->mem, c.pieces);
    return status;
}
