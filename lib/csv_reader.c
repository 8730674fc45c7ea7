/* libcsv glue.  libcsv reports fields and records but not where they are,
 * and its callbacks cannot stop it.  So the reader hands libcsv one
 * physical line at a time (a segment ending in '\n'), which lets it count
 * lines itself, and notes the line whenever the parser sits between
 * records: that line is where the next record starts. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "sgkpi.h"
#include "csv_reader.h"

/* libcsv's pstate value for "between records" (ROW_NOT_BEGUN in libcsv.c;
 * the field is public in csv.h but the constant is not). */
#define READER_BETWEEN_RECORDS 0
#define READER_BLOCK (1u << 20)

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

static int grow(const sgk__mem *mem, void **p, size_t *cap, size_t want,
                size_t item)
{
    size_t ncap = *cap ? *cap : 64;
    void *np;
    if (want <= *cap)
        return 0;
    while (ncap < want) {
        if (ncap > SIZE_MAX / 2)
            return SGK_E_NOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / item)
        return SGK_E_NOMEM;
    np = sgk__realloc(mem, *p, ncap * item);
    if (!np)
        return SGK_E_NOMEM;
    *p = np;
    *cap = ncap;
    return 0;
}

/* Room for one more field of len bytes, and a byte more, so that even a
 * record of blank fields has a buffer for its views to point into.  When
 * the buffer moves, the views already filled move with it. */
static int make_room(sgk__reader *r, size_t len)
{
    size_t i, at = 0, oldcap = r->bufcap;
    if (r->nfields >= r->capfields &&
        grow(r->mem, (void **)&r->view, &r->capfields, r->nfields + 1,
             sizeof *r->view) != 0)
        return SGK_E_NOMEM;
    if (r->buflen + len >= r->bufcap &&
        grow(r->mem, (void **)&r->buf, &r->bufcap,
             r->buflen + len + 1, 1) != 0)
        return SGK_E_NOMEM;
    /* The fields lie end to end, so their places follow from their
     * lengths; the old pointers may not even be compared once freed. */
    if (r->bufcap != oldcap)
        for (i = 0; i < r->nfields; i++) {
            r->view[i].data = r->buf + at;
            at += r->view[i].len;
        }
    return 0;
}

/* Files field i, its first `keep` bytes copied.  The copy comes last, so
 * that a long field's memcpy is a tail call and the usual path saves no
 * registers. */
static inline void store_field(sgk__reader *r, size_t i, const char *data,
                               size_t keep)
{
    char *dst = r->buf + r->buflen;
    r->view[i].data = dst;
    r->view[i].len = keep;
    r->buflen += keep;
    r->nfields = i + 1;
    sgk__copy_short(dst, data, keep);
}

/* A field that needs more room first, or comes after a stop.  Kept out of
 * line, and reached by a tail call, so the usual path makes no call. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void field_unusual(sgk__reader *r, const char *data, size_t keep)
{
    if (r->status)
        return;
    if (make_room(r, keep) != 0) {
        r->status = SGK_E_NOMEM;
        return;
    }
    store_field(r, r->nfields, data, keep);
}

static void on_field(void *data, size_t len, void *ctx)
{
    sgk__reader *r = ctx;
    size_t i = r->nfields, keep = len;
    /* Columns no indicator reads (free-text notes, say) are not copied;
     * nonblank only needs their length. */
    if (i < r->nwanted && !r->wanted[i]) {
        r->nonblank |= len;
        keep = 0;
    }
    if (i >= r->capfields || r->buflen + keep >= r->bufcap) {
        field_unusual(r, data, keep);
        return;
    }
    store_field(r, i, data, keep);
}

static void clear_record(sgk__reader *r)
{
    r->nfields = 0;
    r->buflen = 0;
    r->nonblank = 0;
}

/* Copied fields are blank when nothing was copied; the rest left their
 * lengths in nonblank. */
static int record_is_blank(const sgk__reader *r)
{
    return r->buflen == 0 && r->nonblank == 0;
}

static void on_record(int term, void *ctx)
{
    sgk__reader *r = ctx;
    (void)term;
    if (r->status == 0 && !record_is_blank(r))
        r->status = r->on_record(r->ctx, r->view, r->nfields, r->record_line);
    clear_record(r);
}

/* What csv_fini does on success, without submitting anything: used to
 * drop a record libcsv rejected and carry on with the next line. */
static void parser_reset(struct csv_parser *p)
{
    p->spaces = 0;
    p->quoted = 0;
    p->entry_pos = 0;
    p->status = 0;
    p->pstate = READER_BETWEEN_RECORDS;
}

int sgk__reader_init(sgk__reader *r, const sgk__mem *mem, unsigned char delim,
                     sgk__record_fn on_rec, sgk__bad_record_fn on_bad,
                     void *ctx)
{
    memset(r, 0, sizeof *r);
    r->mem = mem;
    r->on_record = on_rec;
    r->on_bad = on_bad;
    r->ctx = ctx;
    r->line = 1;
    r->record_line = 1;
    r->bom_pending = 1;
    r->delim = delim;
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return SGK_E_NOMEM;
    csv_set_delim(&r->parser, delim);
    csv_set_realloc_func(&r->parser, sgk__csvbuf_realloc);
    csv_set_free_func(&r->parser, sgk__csvbuf_free);
    /* Seed libcsv with a buffer that carries our allocator (see alloc.c). */
    r->parser.entry_buf = sgk__csvbuf_new(mem, 128);
    if (!r->parser.entry_buf)
        return SGK_E_NOMEM;
    r->parser.entry_size = 128;
    return 0;
}

static int report_bad(sgk__reader *r, const char *why)
{
    int rc = 0;
    if (r->on_bad)
        rc = r->on_bad(r->ctx, r->record_line, r->nfields + 1, why);
    clear_record(r);
    parser_reset(&r->parser);
    return rc;
}

/* Parses one segment: one line with its terminator (eol set), or the tail
 * of a chunk.  Returns 0, or a stop status. */
static int parse_segment(sgk__reader *r, const char *s, size_t n, int eol)
{
    size_t done;
    int err;

    if (r->parser.pstate == READER_BETWEEN_RECORDS)
        r->record_line = r->line;
    done = csv_parse(&r->parser, s, n, on_field, on_record, r);
    if (r->status)
        return r->status;
    if (done == n)
        return 0;
    err = csv_error(&r->parser);
    if (err != CSV_EPARSE)
        return SGK_E_NOMEM;
    if (!eol)
        r->skip_line = 1;
    return report_bad(r, "a double quote inside an unquoted field, or text "
                         "after a closing quote; the record is skipped");
}

/* The length of the next segment of data: up to and including the end of
 * the line, which is a '\n' or a '\r' not followed by one (old Mac files
 * end lines with CR alone).  A '\r' that is the chunk's last byte is
 * settled by the next chunk's first byte (cr_pending).  *next_cr is the
 * first '\r' at or after data (NULL for none), kept by the caller across
 * lines: most files have none, and then no line searches for one. */
static size_t line_segment(sgk__reader *r, const char *data, size_t len,
                           const char **next_cr, int *eol)
{
    const char *nl = memchr(data, '\n', len);
    size_t span = nl ? (size_t)(nl - data) : len;
    const char *cr;
    if (*next_cr && *next_cr < data)
        *next_cr = memchr(data, '\r', len);
    cr = *next_cr && *next_cr < data + span ? *next_cr : NULL;
    *eol = nl != NULL;
    if (cr && cr < data + span - 1) {
        *eol = 1; /* a lone CR inside the line ends it */
        return (size_t)(cr - data) + 1;
    }
    if (cr && !nl) {
        r->cr_pending = 1;
        return len;
    }
    return nl ? span + 1 : len;
}

static int feed_lines(sgk__reader *r, const char *data, size_t len)
{
    const char *next_cr = len ? memchr(data, '\r', len) : NULL;
    while (len > 0) {
        int rc = 0, eol;
        size_t seg;
        if (r->cr_pending) {
            r->cr_pending = 0;
            if (data[0] != '\n') { /* the CR ended a line by itself */
                r->line++;
                r->skip_line = 0;
            }
        }
        seg = line_segment(r, data, len, &next_cr, &eol);
        if (r->skip_line) {
            if (eol)
                r->skip_line = 0;
        } else {
            rc = parse_segment(r, data, seg, eol);
        }
        if (eol)
            r->line++;
        r->bytes += (int64_t)seg;
        if (rc)
            return rc;
        data += seg;
        len -= seg;
    }
    return 0;
}

/* A byte-order mark may arrive split across chunks, so its bytes are held
 * back until it is complete or proves not to be one. */
static int strip_bom(sgk__reader *r, const char **data, size_t *len)
{
    while (r->bom_pending && *len > 0) {
        if ((unsigned char)**data == utf8_bom[r->bom_seen]) {
            r->bom_seen++;
            (*data)++;
            (*len)--;
            r->bytes++;
            if (r->bom_seen == 3)
                r->bom_pending = 0;
        } else {
            size_t held = r->bom_seen;
            r->bom_pending = 0;
            r->bom_seen = 0;
            r->bytes -= (int64_t)held;
            if (held)
                return feed_lines(r, (const char *)utf8_bom, held);
        }
    }
    return 0;
}

int sgk__reader_feed(sgk__reader *r, const char *data, size_t len)
{
    int rc;
    if (r->finished)
        return SGK_E_STATE;
    if (r->status)
        return r->status;
    rc = strip_bom(r, &data, &len);
    if (rc == 0)
        rc = feed_lines(r, data, len);
    if (rc && !r->status)
        r->status = rc;
    return rc;
}

int sgk__reader_finish(sgk__reader *r)
{
    int rc;
    if (r->finished)
        return r->status;
    if (r->status == 0 && r->bom_pending && r->bom_seen) {
        size_t held = r->bom_seen;
        r->bom_pending = 0;
        r->bom_seen = 0;
        r->bytes -= (int64_t)held;
        r->status = feed_lines(r, (const char *)utf8_bom, held);
    }
    r->finished = 1;
    if (r->status)
        return r->status;
    if (r->skip_line) {
        parser_reset(&r->parser);
        return 0;
    }
    if (csv_fini(&r->parser, on_field, on_record, r) != 0 && !r->status) {
        rc = report_bad(r, "a quoted field is never closed before the end "
                           "of the file; the record is skipped");
        if (rc)
            r->status = rc;
    }
    return r->status;
}

void sgk__reader_free(sgk__reader *r)
{
    if (!r->mem)
        return;
    csv_free(&r->parser);
    sgk__free(r->mem, r->buf);
    sgk__free(r->mem, r->view);
    r->buf = NULL;
    r->view = NULL;
    r->mem = NULL;
}

int sgk__reader_read_file(sgk__reader *r, const char *path, const char **why,
                          void (*progress)(int64_t, int64_t, void *),
                          void *user)
{
    FILE *fp;
    struct stat st;
    char *block;
    int rc = 0;
    int64_t total = -1;

    *why = NULL;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        *why = "is a directory, not a file";
        return SGK_E_IO;
    }
    fp = fopen(path, "rb");
    if (!fp) {
        /* strerror_r, not strerror: engines may fail on two threads. */
        if (strerror_r(errno, r->why, sizeof r->why) != 0)
            snprintf(r->why, sizeof r->why, "error %d", errno);
        *why = r->why;
        return SGK_E_IO;
    }
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
        total = (int64_t)st.st_size;
    block = sgk__malloc(r->mem, READER_BLOCK);
    if (!block) {
        fclose(fp);
        return SGK_E_NOMEM;
    }
    for (;;) {
        size_t n = fread(block, 1, READER_BLOCK, fp);
        if (n > 0 && (rc = sgk__reader_feed(r, block, n)) != 0)
            break;
        if (progress)
            progress(r->bytes, total, user);
        if (n < READER_BLOCK) {
            if (ferror(fp)) {
                *why = "read error";
                rc = SGK_E_IO;
            }
            break;
        }
    }
    sgk__free(r->mem, block);
    fclose(fp);
    if (rc == 0)
        rc = sgk__reader_finish(r);
    return rc;
}
