/* libcsv glue: turns bytes into records and knows which physical line
 * each record starts on, which libcsv itself does not track. */
#ifndef SGK_CSV_READER_H
#define SGK_CSV_READER_H

#include <stddef.h>
#include <stdint.h>
#include <csv.h>
#include "alloc.h"

typedef struct sgk__field {
    const char *data; /* not NUL-terminated */
    size_t len;
} sgk__field;

/* One record.  Return 0 to go on, or a negative status to stop reading
 * (sgk__reader_feed/finish then return it). */
typedef int (*sgk__record_fn)(void *ctx, const sgk__field *fields, size_t n,
                              int64_t line);
/* A record libcsv could not read (a stray quote, an unterminated quoted
 * field); `field` is its 1-based position.  The record is skipped. */
typedef int (*sgk__bad_record_fn)(void *ctx, int64_t line, size_t field,
                                  const char *reason);

typedef struct sgk__reader {
    struct csv_parser parser;
    const sgk__mem *mem;
    sgk__record_fn on_record;
    sgk__bad_record_fn on_bad;
    void *ctx;
    char *buf;            /* bytes of the current record's fields */
    size_t buflen, bufcap;
    sgk__field *view;     /* the current record's fields, in buf */
    size_t nfields, capfields;
    int64_t line;         /* physical line of the next byte fed */
    int64_t record_line;  /* line the current record started on */
    int64_t bytes;        /* bytes fed so far */
    int bom_pending;      /* still looking at the first bytes */
    size_t bom_seen;
    int skip_line;        /* dropping the rest of a bad record's line */
    int cr_pending;       /* the last chunk ended in '\r' */
    char why[128];        /* why a file could not be opened */
    int status;           /* first stop status from a callback */
    int finished;
    unsigned char delim;
    size_t nonblank;      /* not 0: a field not copied had some text */
    const unsigned char *wanted; /* fields worth copying (1), by index; */
    size_t nwanted;       /* fields past nwanted are always copied */
} sgk__reader;

int sgk__reader_init(sgk__reader *r, const sgk__mem *mem, unsigned char delim,
                     sgk__record_fn on_record, sgk__bad_record_fn on_bad,
                     void *ctx);
int sgk__reader_feed(sgk__reader *r, const char *data, size_t len);
/* Flushes the last record.  0 or the stop status. */
int sgk__reader_finish(sgk__reader *r);
void sgk__reader_free(sgk__reader *r);

/* Reads a whole file through a reader: 0, SGK_E_IO (with errno's text in
 * *why) or a stop status.  progress may be NULL. */
int sgk__reader_read_file(sgk__reader *r, const char *path, const char **why,
                          void (*progress)(int64_t, int64_t, void *),
                          void *user);

#endif
