/* The three ways in (path, buffer, stream) and the side files (closure
 * days, thresholds, benchmarks). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "family.h"

static int check_kind(sgk_engine *e, int kind)
{
    if (kind < 0 || kind >= SGK_KIND_COUNT)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, NULL, 0, NULL,
                              "%d is not an extract kind", kind);
    if (e->stream.open)
        return sgk__error_set(&e->err, SGK_E_STATE, NULL, 0, NULL,
                              "finish the open input stream first");
    return 0;
}

static void on_progress(int64_t done, int64_t total, void *user)
{
    sgk_engine *e = user;
    if (e->progress)
        e->progress(done, total, e->progress_user);
}

/* Maps a regular file for parallel reading.  1 when mapped; 0 when the
 * file should be streamed instead (not regular, empty, or mmap refused).
 * One thread streams even a regular file: mapping it saved under 2% of
 * the time, and a mapped file cut short by another process while it is
 * read kills the reader with SIGBUS, where a stream just ends. */
static int map_file(const char *path, const char **data, size_t *len)
{
    struct stat st;
    void *p;
    int fd;
    /* Not opened unless regular: opening a pipe to look at it would take
     * its writer, and closing it again lose what it wrote. */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        return 0;
    }
    p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return 0;
    *data = p;
    *len = (size_t)st.st_size;
    return 1;
}

int sgk_engine_add_file(sgk_engine *e, const char *path, int kind)
{
    const char *why = NULL, *data;
    size_t len;
    int rc, threads;
    if (!e || !path)
        return SGK_E_INVALID_ARGUMENT;
    sgk__error_clear(&e->err);
    if ((rc = check_kind(e, kind)) != 0)
        return rc;
    if ((rc = sgk__ingest_begin(e, &e->stream, path, kind)) != 0)
        return rc;
    threads = sgk__threads_wanted(e);
    if (threads > 1 && map_file(path, &data, &len)) {
        rc = sgk__ingest_parallel(e, data, len, threads, 1);
        munmap((void *)data, len);
        if (rc == 0) /* a file too small to cut heard of nothing so far */
            on_progress((int64_t)len, (int64_t)len, e);
        return sgk__ingest_end(e, &e->stream, rc);
    }
    rc = sgk__reader_read_file(&e->stream.reader, path, &why, on_progress, e);
    if (rc == SGK_E_IO)
        sgk__error_set(&e->err, rc, path, 0, NULL, "%s: cannot read: %s",
                       path, why ? why : "unknown error");
    return sgk__ingest_end(e, &e->stream, rc);
}

int sgk_engine_add_buffer(sgk_engine *e, const char *name, const char *data,
                          size_t len, int kind)
{
    int rc;
    if (!e || !name || (!data && len))
        return SGK_E_INVALID_ARGUMENT;
    sgk__error_clear(&e->err);
    if ((rc = check_kind(e, kind)) != 0)
        return rc;
    if ((rc = sgk__ingest_begin(e, &e->stream, name, kind)) != 0)
        return rc;
    if (len && sgk__threads_wanted(e) > 1)
        rc = sgk__ingest_parallel(e, data, len, sgk__threads_wanted(e), 0);
    else
        rc = len ? sgk__reader_feed(&e->stream.reader, data, len) : 0;
    on_progress((int64_t)len, (int64_t)len, e);
    return sgk__ingest_end(e, &e->stream, rc);
}

int sgk_engine_begin(sgk_engine *e, const char *name, int kind)
{
    int rc;
    if (!e || !name)
        return SGK_E_INVALID_ARGUMENT;
    sgk__error_clear(&e->err);
    if ((rc = check_kind(e, kind)) != 0)
        return rc;
    return sgk__ingest_begin(e, &e->stream, name, kind);
}

int sgk_engine_feed(sgk_engine *e, const char *data, size_t len)
{
    int rc;
    if (!e || (!data && len))
        return SGK_E_INVALID_ARGUMENT;
    if (!e->stream.open)
        return sgk__error_set(&e->err, SGK_E_STATE, NULL, 0, NULL,
                              "sgk_engine_feed without sgk_engine_begin");
    rc = sgk__reader_feed(&e->stream.reader, data, len);
    if (rc) /* the stream is finished: what it read so far is discarded */
        return sgk__ingest_end(e, &e->stream, rc);
    on_progress(e->stream.reader.bytes, -1, e);
    return 0;
}

int sgk_engine_finish(sgk_engine *e)
{
    if (!e)
        return SGK_E_INVALID_ARGUMENT;
    if (!e->stream.open)
        return sgk__error_set(&e->err, SGK_E_STATE, NULL, 0, NULL,
                              "sgk_engine_finish without sgk_engine_begin");
    return sgk__ingest_end(e, &e->stream, 0);
}

/* ---- side files: whole-file loads through one small record reader ---- */

typedef struct side {
    sgk_engine *e;
    const char *name;
    sgk__vec days;   /* closure days read so far */
    int status;
} side;

static int closure_record(void *ctx, const sgk__field *f, size_t n,
                          int64_t line)
{
    side *s = ctx;
    sgk__day d, *slot;
    const char *why = NULL;
    int rc = sgk__date_parse(f[0].data, f[0].len, &d, &why);
    (void)n;
    if (rc == SGK__DATE_BLANK)
        return 0;
    if (rc != SGK__DATE_OK) {
        if (line == 1 && s->days.len == 0)
            return 0; /* a header row */
        return sgk__error_set(&s->e->err, SGK_E_INVALID_ARGUMENT, s->name,
                              line, NULL, "%s:%lld: '%.*s' is not a date: %s",
                              s->name, (long long)line,
                              (int)(f[0].len > 40 ? 40 : f[0].len), f[0].data,
                              why ? why : "unreadable");
    }
    slot = sgk__vec_push(&s->e->mem, &s->days);
    if (!slot)
        return SGK_E_NOMEM;
    *slot = d;
    return 0;
}

static int closure_bad(void *ctx, int64_t line, size_t field,
                       const char *reason)
{
    side *s = ctx;
    (void)field;
    return sgk__error_set(&s->e->err, SGK_E_PARSE, s->name, line, NULL,
                          "%s:%lld: %s", s->name, (long long)line, reason);
}

int sgk_engine_add_closure_file(sgk_engine *e, const char *path)
{
    sgk__reader r;
    side s;
    const char *why;
    size_t i;
    int rc;
    if (!e || !path)
        return SGK_E_INVALID_ARGUMENT;
    memset(&s, 0, sizeof s);
    s.e = e;
    s.name = path;
    sgk__vec_init(&s.days, sizeof(sgk__day));
    rc = sgk__reader_init(&r, &e->mem, ',', closure_record, closure_bad, &s);
    if (rc == 0)
        rc = sgk__reader_read_file(&r, path, &why, NULL, NULL);
    sgk__reader_free(&r);
    if (rc == SGK_E_IO)
        sgk__error_set(&e->err, rc, path, 0, NULL, "%s: cannot read: %s",
                       path, why ? why : "unknown error");
    for (i = 0; rc == 0 && i < s.days.len; i++)
        rc = sgk__calendar_add_closure(&e->mem, &e->calendar,
                                       *(sgk__day *)sgk__vec_at(&s.days, i));
    sgk__vec_free(&e->mem, &s.days);
    return rc;
}

/* Reads a whole file into memory for the thresholds and benchmarks
 * loaders, which are all-or-nothing and small. */
static int slurp(sgk_engine *e, const char *path, char **data, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    size_t cap = 4096, n = 0;
    char *buf;
    if (!fp)
        return sgk__error_set(&e->err, SGK_E_IO, path, 0, NULL,
                              "%s: cannot open", path);
    buf = sgk__malloc(&e->mem, cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, fp);
        char *grown;
        n += got;
        if (n < cap)
            break;
        grown = sgk__realloc(&e->mem, buf, cap * 2);
        if (!grown)
            sgk__free(&e->mem, buf);
        buf = grown;
        cap *= 2;
    }
    if (buf && ferror(fp)) {
        sgk__free(&e->mem, buf);
        fclose(fp);
        return sgk__error_set(&e->err, SGK_E_IO, path, 0, NULL,
                              "%s: read error (is it a directory?)", path);
    }
    fclose(fp);
    if (!buf)
        return SGK_E_NOMEM;
    *data = buf;
    *len = n;
    return 0;
}

typedef int (*loader_fn)(const sgk__mem *, sgk__targets *, const char *,
                         const char *, size_t, sgk__error *);

static int load_path(sgk_engine *e, const char *path, loader_fn fn)
{
    char *data = NULL;
    size_t len = 0;
    int rc;
    if (!e || !path)
        return SGK_E_INVALID_ARGUMENT;
    if ((rc = slurp(e, path, &data, &len)) != 0)
        return rc;
    rc = fn(&e->mem, &e->targets, path, data, len, &e->err);
    sgk__free(&e->mem, data);
    return rc;
}

int sgk_engine_load_thresholds(sgk_engine *e, const char *path)
{
    return load_path(e, path, sgk__targets_load_thresholds);
}

int sgk_engine_load_benchmarks(sgk_engine *e, const char *path)
{
    return load_path(e, path, sgk__targets_load_benchmarks);
}

int sgk_engine_load_thresholds_buffer(sgk_engine *e, const char *name,
                                      const char *data, size_t len)
{
    if (!e || !name || (!data && len))
        return SGK_E_INVALID_ARGUMENT;
    return sgk__targets_load_thresholds(&e->mem, &e->targets, name, data, len,
                                        &e->err);
}

int sgk_engine_load_benchmarks_buffer(sgk_engine *e, const char *name,
                                      const char *data, size_t len)
{
    if (!e || !name || (!data && len))
        return SGK_E_INVALID_ARGUMENT;
    return sgk__targets_load_benchmarks(&e->mem, &e->targets, name, data, len,
                                        &e->err);
}

int sgk_engine_use_profile(sgk_engine *e, const char *name)
{
    if (!e || !name)
        return SGK_E_INVALID_ARGUMENT;
    return sgk__targets_use_profile(&e->mem, &e->targets, name, &e->err);
}
