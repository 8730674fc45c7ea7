/* The invalid-input suite: one check test per folder of
 * tests/data/invalid/, each holding an input and expect.txt.
 *
 * expect.txt, one "key: value" per line ('#' starts a comment):
 *   load: extract | thresholds | benchmarks | closure     (default extract)
 *   input: FILE        in the case folder (default input.csv); "." is the
 *                      folder itself; a file that is not there is a path
 *                      that does not exist
 *   generate: NAME     instead of input: a file written at run time
 *                      (field-10mb, columns-100000, fields-100000)
 *   kind: NAME         extract kind to force (default auto)
 *   status: NAME [or NAME...]   expected status (SGK_OK, SGK_E_...)
 *   line: N            expected sgk_engine_errline() for a failure
 *   column: TEXT | -   expected sgk_engine_errcolumn() (- for NULL)
 *   message: TEXT      a fragment the error message must contain (repeat)
 *   rows: READ USED REJECTED
 *   detected: KIND     the kind the input was read as
 *   reject: LINE | COLUMN | NUMBER | row|field | FRAGMENT [| FRAGMENT...]
 *                      an expected rejection: the column's header (- for
 *                      none), its 1-based number (* for any), whether the
 *                      whole row was rejected or only a field, and
 *                      fragments of the reason
 *   rejections: N      exact number of rejections (default: the number of
 *                      reject lines)
 *   known-bug: TEXT    the expectation (taken from the spec) is not met by
 *                      the library yet: deviations are printed, not failed,
 *                      unless SGK_INVALID_STRICT=1 is set; once the case
 *                      passes a note asks for the line to be removed
 *   asan-skip: TEXT    skipped under AddressSanitizer or valgrind (or with
 *                      SGK_TEST_SLOW_ALLOCATOR set), for the reason given
 *
 * Whatever the expectation, every case must hold the invariants: no crash
 * or hang, rows read = rows used + rows rejected, every rejected row has a
 * row-level reason, and an extract read through a path, a buffer and a
 * stream of small chunks gives the same outcome.  Messages and reasons
 * must name the file and be readable text: valid UTF-8 without control
 * characters. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz_common.h"

#ifndef SGK_TEST_DATA
#error "SGK_TEST_DATA must name tests/data"
#endif

#define MAX_ITEMS 16
#define TEXT 512

typedef struct reject_spec {
    int64_t line;
    char column[TEXT]; /* "" for NULL */
    int number;        /* -1 for any */
    int whole_row;
    char frag[6][TEXT];
    int nfrag;
} reject_spec;

typedef struct expect {
    char load[32];
    char input[TEXT];
    char generate[64];
    int kind;
    int status[4], nstatus;
    int64_t line;
    int has_line;
    char column[TEXT];
    int has_column, column_null;
    char message[MAX_ITEMS][TEXT];
    int nmessage;
    int64_t rows[3];
    int has_rows;
    int detected;
    reject_spec reject[MAX_ITEMS];
    int nreject;
    int rejections;
    char known_bug[TEXT];
    char asan_skip[TEXT];
} expect;

static const char *data_dir(void)
{
    const char *env = getenv("SGK_TEST_DATA");
    return env && env[0] ? env : SGK_TEST_DATA;
}

/* ---- reading expect.txt ------------------------------------------------ */

static char *trim(char *s)
{
    char *end;
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
                       end[-1] == '\r'))
        *--end = '\0';
    return s;
}

static void copy(char *dst, const char *src)
{
    snprintf(dst, TEXT, "%s", src);
}

static int status_code(const char *name)
{
    static const struct {
        const char *name;
        int code;
    } codes[] = {
        {"SGK_OK", SGK_OK},
        {"SGK_E_NOMEM", SGK_E_NOMEM},
        {"SGK_E_INVALID_ARGUMENT", SGK_E_INVALID_ARGUMENT},
        {"SGK_E_IO", SGK_E_IO},
        {"SGK_E_PARSE", SGK_E_PARSE},
        {"SGK_E_MISSING_COLUMN", SGK_E_MISSING_COLUMN},
        {"SGK_E_UNKNOWN_KIND", SGK_E_UNKNOWN_KIND},
        {"SGK_E_DUPLICATE_COLUMN", SGK_E_DUPLICATE_COLUMN},
        {"SGK_E_STATE", SGK_E_STATE},
        {"SGK_E_NOT_FOUND", SGK_E_NOT_FOUND},
        {"SGK_E_EMPTY", SGK_E_EMPTY},
        {"SGK_E_THRESHOLD", SGK_E_THRESHOLD},
        {"SGK_E_NO_PERIOD", SGK_E_NO_PERIOD},
    };
    size_t i;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(codes[i].name, name) == 0)
            return codes[i].code;
    ck_abort_msg("unknown status name '%s' in expect.txt", name);
    return 1;
}

static void parse_status(expect *x, char *v)
{
    char *tok = strtok(v, " ");
    while (tok) {
        if (strcmp(tok, "or") != 0) {
            ck_assert_int_lt(x->nstatus, 4);
            x->status[x->nstatus++] = status_code(tok);
        }
        tok = strtok(NULL, " ");
    }
}

/* LINE | COLUMN | NUMBER | row|field | FRAGMENT... */
static void parse_reject(expect *x, char *v)
{
    reject_spec *r;
    char *parts[10];
    int n = 0, i;
    char *p = v;
    ck_assert_int_lt(x->nreject, MAX_ITEMS);
    r = &x->reject[x->nreject++];
    memset(r, 0, sizeof *r);
    while (n < 10) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        parts[n++] = trim(p);
        if (!bar)
            break;
        p = bar + 1;
    }
    ck_assert_msg(n >= 4, "reject needs LINE | COLUMN | NUMBER | row|field");
    r->line = strtoll(parts[0], NULL, 10);
    copy(r->column, strcmp(parts[1], "-") == 0 ? "" : parts[1]);
    r->number = strcmp(parts[2], "*") == 0 ? -1 : atoi(parts[2]);
    ck_assert_msg(strcmp(parts[3], "row") == 0 || strcmp(parts[3], "field") == 0,
                  "reject: expected 'row' or 'field', not '%s'", parts[3]);
    r->whole_row = strcmp(parts[3], "row") == 0;
    for (i = 4; i < n && r->nfrag < 6; i++)
        copy(r->frag[r->nfrag++], parts[i]);
}

static void read_expect(const char *dir, expect *x)
{
    char path[8192], buf[2048];
    FILE *f;
    memset(x, 0, sizeof *x);
    copy(x->load, "extract");
    copy(x->input, "input.csv");
    x->detected = -1;
    x->rejections = -1;
    snprintf(path, sizeof path, "%s/expect.txt", dir);
    f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    while (fgets(buf, sizeof buf, f)) {
        char *line = trim(buf), *colon, *key, *v;
        if (line[0] == '\0' || line[0] == '#')
            continue;
        colon = strchr(line, ':');
        ck_assert_msg(colon != NULL, "%s: no ':' in '%s'", path, line);
        *colon = '\0';
        key = trim(line);
        v = trim(colon + 1);
        if (strcmp(key, "load") == 0)
            snprintf(x->load, sizeof x->load, "%s", v);
        else if (strcmp(key, "input") == 0)
            copy(x->input, v);
        else if (strcmp(key, "generate") == 0)
            snprintf(x->generate, sizeof x->generate, "%s", v);
        else if (strcmp(key, "kind") == 0) {
            x->kind = sgk_kind_from_name(v);
            ck_assert_msg(x->kind >= 0, "%s: unknown kind '%s'", path, v);
        } else if (strcmp(key, "status") == 0)
            parse_status(x, v);
        else if (strcmp(key, "line") == 0) {
            x->line = strtoll(v, NULL, 10);
            x->has_line = 1;
        } else if (strcmp(key, "column") == 0) {
            x->has_column = 1;
            x->column_null = strcmp(v, "-") == 0;
            copy(x->column, v);
        } else if (strcmp(key, "message") == 0) {
            ck_assert_int_lt(x->nmessage, MAX_ITEMS);
            copy(x->message[x->nmessage++], v);
        } else if (strcmp(key, "rows") == 0) {
            long long a, b, c;
            ck_assert_msg(sscanf(v, "%lld %lld %lld", &a, &b, &c) == 3,
                          "%s: rows needs three numbers", path);
            x->rows[0] = a;
            x->rows[1] = b;
            x->rows[2] = c;
            x->has_rows = 1;
        } else if (strcmp(key, "detected") == 0) {
            x->detected = sgk_kind_from_name(v);
            ck_assert_msg(x->detected > 0, "%s: unknown kind '%s'", path, v);
        } else if (strcmp(key, "reject") == 0)
            parse_reject(x, v);
        else if (strcmp(key, "rejections") == 0)
            x->rejections = atoi(v);
        else if (strcmp(key, "known-bug") == 0)
            copy(x->known_bug, v);
        else if (strcmp(key, "asan-skip") == 0)
            copy(x->asan_skip, v);
        else
            ck_abort_msg("%s: unknown key '%s'", path, key);
    }
    fclose(f);
    ck_assert_msg(x->nstatus > 0, "%s: no status", path);
    if (x->rejections < 0)
        x->rejections = x->nreject;
}

/* ---- generated inputs -------------------------------------------------- */

static void put(FILE *f, const char *s, size_t times)
{
    size_t len = strlen(s);
    while (times-- > 0)
        ck_assert_int_eq(fwrite(s, 1, len, f), len);
}

static void generate(const char *name, const char *path)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    ck_assert_msg(f != NULL, "cannot write %s", path);
    if (strcmp(name, "field-10mb") == 0) {
        /* 10 x (1 MiB - 1 of 'x' and a line break) quoted on line 2; then
         * a 10 MiB plan_start_date on line 13; then a good row. */
        char *block = malloc(1 << 20);
        ck_assert_ptr_nonnull(block);
        memset(block, 'x', (1 << 20) - 1);
        block[(1 << 20) - 1] = '\n';
        put(f, "child_id,plan_start_date,plan_end_date,previous_plans,"
               "notes\nC1,2021-05-01,,0,\"", 1);
        for (i = 0; i < 10; i++)
            ck_assert_int_eq(fwrite(block, 1, 1 << 20, f), 1 << 20);
        put(f, "\"\nC2,", 1);
        memset(block, '1', 1 << 20);
        for (i = 0; i < 10; i++)
            ck_assert_int_eq(fwrite(block, 1, 1 << 20, f), 1 << 20);
        put(f, ",,0,\nC3,2021-05-01,,0,\n", 1);
        free(block);
    } else if (strcmp(name, "columns-100000") == 0) {
        put(f, "child_id,plan_start_date", 1);
        for (i = 3; i <= 100000; i++)
            fprintf(f, ",c%zu", i);
        put(f, "\nC1,2021-05-01", 1);
        put(f, ",", 100000 - 2);
        put(f, "\nC2,2021-05-01\n", 1);
    } else if (strcmp(name, "fields-100000") == 0) {
        put(f, "child_id,plan_start_date,plan_end_date,previous_plans\n"
               "C1,2021-05-01,,0", 1);
        put(f, ",x", 100000 - 4);
        put(f, "\nC2,2021-05-01,,0\n", 1);
    } else {
        ck_abort_msg("unknown generated input '%s'", name);
    }
    ck_assert_int_eq(fclose(f), 0);
}

/* ---- helpers ----------------------------------------------------------- */

/* Valid UTF-8 without control characters: text a report can show. */
static int readable(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int need, k;
        if (*p < 0x20 || *p == 0x7F)
            return 0;
        if (*p < 0x80) {
            p++;
            continue;
        }
        if (*p >= 0xC2 && *p <= 0xDF)
            need = 1;
        else if (*p >= 0xE0 && *p <= 0xEF)
            need = 2;
        else if (*p >= 0xF0 && *p <= 0xF4)
            need = 3;
        else
            return 0;
        for (k = 1; k <= need; k++)
            if ((p[k] & 0xC0) != 0x80)
                return 0;
        p += need + 1;
    }
    return 1;
}

static int slow_allocator(void)
{
    const char *preload = getenv("LD_PRELOAD");
#if defined(__SANITIZE_ADDRESS__)
    return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 1;
#endif
#endif
    if (preload && strstr(preload, "vgpreload"))
        return 1;
    return getenv("SGK_TEST_SLOW_ALLOCATOR") != NULL;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static sgk_engine *engine(void)
{
    sgk_engine *e = fz_engine();
    ck_assert_int_eq(sgk_engine_set_period(e, "2021-04-01", "2022-03-31"),
                     SGK_OK);
    return e;
}

/* Status and error details, for comparing the ways in. */
static void dump_error(const sgk_engine *e, int rc, fz_text *t)
{
    const char *col = sgk_engine_errcolumn(e), *file = sgk_engine_errfile(e);
    fz_text_add(t, "status %d", rc);
    if (rc != SGK_OK)
        fz_text_add(t, " file=%s line=%lld column=%s msg=%s",
                    file ? file : "(null)", (long long)sgk_engine_errline(e),
                    col ? col : "(null)", sgk_engine_errmsg(e));
    fz_text_add(t, "\n");
}

static int load(sgk_engine *e, const expect *x, const char *path,
                const unsigned char *data, size_t len, int how)
{
    const char *s = data && len ? (const char *)data : "";
    if (strcmp(x->load, "thresholds") == 0)
        return how ? sgk_engine_load_thresholds_buffer(e, path, s, len)
                   : sgk_engine_load_thresholds(e, path);
    if (strcmp(x->load, "benchmarks") == 0)
        return how ? sgk_engine_load_benchmarks_buffer(e, path, s, len)
                   : sgk_engine_load_benchmarks(e, path);
    if (strcmp(x->load, "closure") == 0)
        return sgk_engine_add_closure_file(e, path);
    ck_assert_msg(strcmp(x->load, "extract") == 0, "unknown load '%s'",
                  x->load);
    if (how == 0)
        return sgk_engine_add_file(e, path, x->kind);
    if (how == 1 || how == 3)
        return sgk_engine_add_buffer(e, path, s, len, x->kind);
    if (how == 4)
        return sgk_engine_add_file(e, path, x->kind);
    {
        size_t pos = 0, chunk = len < 65536 ? 7 : 65536;
        int rc = sgk_engine_begin(e, path, x->kind);
        while (rc == SGK_OK && pos < len) {
            size_t n = len - pos < chunk ? len - pos : chunk;
            rc = sgk_engine_feed(e, s + pos, n);
            pos += n;
        }
        return rc == SGK_OK ? sgk_engine_finish(e) : rc;
    }
}

#define S(x) ((x) ? (x) : "(null)")

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void problem(fz_text *p, const char *fmt, ...)
{
    char text[2048];
    const unsigned char *c;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fz_text_add(p, "  - ");
    /* Bytes that would garble a log are shown as \xNN. */
    for (c = (const unsigned char *)text; *c; c++)
        if (*c < 0x20 || *c >= 0x7F)
            fz_text_add(p, "\\x%02X", *c);
        else
            fz_text_add(p, "%c", *c);
    fz_text_add(p, "\n");
}

/* The same input through the other ways in must read the same: for an
 * extract a buffer (1), a stream of small chunks (2), and a buffer (3) and
 * a path (4) split between two ingestion threads; for thresholds and
 * benchmarks the buffer loader (1). */
static const char *const way[5] = {"a path", "a buffer", "a stream",
                                   "a buffer with 2 threads",
                                   "a path with 2 threads"};

static void one_way(const expect *x, const char *path,
                    const unsigned char *data, size_t len, int how,
                    const fz_text *first, fz_text *p)
{
    sgk_engine *e = engine();
    fz_text t = {0};
    int rc;
    if (how >= 3) {
        ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_THREADS, 2), 0);
        ck_assert_int_eq(sgk_engine_set_option(e, SGK_OPT_MIN_CHUNK, 16), 0);
    }
    rc = load(e, x, path, data, len, how);
    dump_error(e, rc, &t);
    fz_dump_inputs(e, &t);
    if (strcmp(first->s, t.s) != 0) {
        problem(p, "read through %s differs from a path", way[how]);
        fz_text_add(p, "--- path\n%s--- %s\n%s", first->s, way[how], t.s);
    }
    fz_text_free(&t);
    sgk_engine_free(e);
}

static void same_other_ways(const expect *x, const char *path,
                            const fz_text *first, fz_text *p)
{
    size_t len = 0;
    unsigned char *data;
    int how, ways = strcmp(x->load, "extract") == 0 ? 5 : 2;
    struct stat st;
    if (strcmp(x->load, "closure") == 0)
        return;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        /* A missing path or a directory only goes in as a path. */
        if (ways == 5)
            one_way(x, path, NULL, 0, 4, first, p);
        return;
    }
    data = slurp(path, &len);
    ck_assert_ptr_nonnull(data);
    for (how = 1; how < ways; how++)
        one_way(x, path, data, len, how, first, p);
    free(data);
}

static int status_expected(const expect *x, int rc)
{
    int i;
    for (i = 0; i < x->nstatus; i++)
        if (x->status[i] == rc)
            return 1;
    return 0;
}

static void check_error(const expect *x, const sgk_engine *e, int rc,
                        const char *path, fz_text *p)
{
    const char *msg = sgk_engine_errmsg(e), *col = sgk_engine_errcolumn(e);
    const char *file = sgk_engine_errfile(e);
    int i;
    if (!status_expected(x, rc)) {
        problem(p, "status %d (%s) is not the one expected", rc,
                sgk_strerror(rc));
    }
    if (rc == SGK_OK)
        return;
    if (!strstr(msg, path))
        problem(p, "message '%s' does not name the file %s", S(msg), path);
    if (!file || strcmp(file, path) != 0)
        problem(p, "sgk_engine_errfile() is '%s', not %s", S(file), path);
    if (!readable(msg))
        problem(p, "message '%s' is not readable text (UTF-8 without "
                   "control characters)", msg);
    if (x->has_line && sgk_engine_errline(e) != x->line)
        problem(p, "error line %lld, expected %lld",
                (long long)sgk_engine_errline(e), (long long)x->line);
    if (x->has_column) {
        if (x->column_null ? col != NULL : (!col || strcmp(col, x->column)))
            problem(p, "error column '%s', expected '%s'", S(col),
                    x->column_null ? "(null)" : x->column);
    }
    for (i = 0; i < x->nmessage; i++)
        if (!strstr(msg, x->message[i]))
            problem(p, "message '%s' lacks '%s'", S(msg), x->message[i]);
}

static int reject_matches(const reject_spec *r, const sgk_engine *e, int64_t k)
{
    const char *col = sgk_rejection_column(e, k);
    const char *why = sgk_rejection_reason(e, k);
    int i;
    if (sgk_rejection_line(e, k) != r->line)
        return 0;
    if (r->column[0] ? (!col || strcmp(col, r->column) != 0) : col != NULL)
        return 0;
    if (r->number >= 0 && sgk_rejection_column_number(e, k) != r->number)
        return 0;
    if ((sgk_rejection_indicator(e, k) == NULL) != r->whole_row)
        return 0;
    for (i = 0; i < r->nfrag; i++)
        if (!strstr(why, r->frag[i]))
            return 0;
    return 1;
}

static void check_rows_and_rejections(const expect *x, sgk_engine *e,
                                      const char *path, fz_text *p)
{
    int64_t k, n;
    int i;
    char a[128], b[128];
    if (x->has_rows && sgk_engine_input_count(e) == 1) {
        snprintf(a, sizeof a, "%lld %lld %lld",
                 (long long)sgk_input_rows_read(e, 0),
                 (long long)sgk_input_rows_used(e, 0),
                 (long long)sgk_input_rows_rejected(e, 0));
        snprintf(b, sizeof b, "%lld %lld %lld", (long long)x->rows[0],
                 (long long)x->rows[1], (long long)x->rows[2]);
        if (strcmp(a, b) != 0)
            problem(p, "rows read/used/rejected %s, expected %s", a, b);
    }
    if (x->detected > 0 && sgk_input_kind(e, 0) != x->detected)
        problem(p, "read as %s, expected %s",
                S(sgk_kind_name(sgk_input_kind(e, 0))),
                S(sgk_kind_name(x->detected)));
    ck_assert_int_eq(sgk_engine_compute(e), SGK_OK);
    n = sgk_engine_rejection_count(e);
    if (n != x->rejections)
        problem(p, "%lld rejections, expected %d", (long long)n,
                x->rejections);
    for (k = 0; k < n; k++) {
        const char *why = sgk_rejection_reason(e, k);
        const char *col = sgk_rejection_column(e, k);
        if (strcmp(sgk_rejection_input(e, k), path) != 0)
            problem(p, "rejection names input '%s', not %s",
                    S(sgk_rejection_input(e, k)), path);
        if (!readable(why))
            problem(p, "reason '%s' (column %s) is not readable text", why,
                    S(col));
        if (strlen(why) > 600)
            problem(p, "reason is longer than 600 bytes: %.80s...", why);
    }
    for (i = 0; i < x->nreject; i++) {
        const reject_spec *r = &x->reject[i];
        for (k = 0; k < n; k++)
            if (reject_matches(r, e, k))
                break;
        if (k == n) {
            problem(p, "no %s rejection at line %lld",
                    r->whole_row ? "row" : "field", (long long)r->line);
            fz_text_add(p, "    wanted column '%s' #%d, reason with '%s'%s\n",
                        r->column[0] ? r->column : "-", r->number,
                        r->nfrag ? r->frag[0] : "",
                        r->nfrag > 1 ? " ..." : "");
        }
    }
    if (p->len) {
        fz_text_add(p, "  rejections found:\n");
        for (k = 0; k < n; k++) {
            const char *col = sgk_rejection_column(e, k);
            const char *ind = sgk_rejection_indicator(e, k);
            fz_text_add(p, "    line %lld column %s #%d %s: %s\n",
                        (long long)sgk_rejection_line(e, k), col ? col : "-",
                        sgk_rejection_column_number(e, k),
                        ind ? "field" : "row", sgk_rejection_reason(e, k));
        }
    }
}

/* ---- the test ---------------------------------------------------------- */

static char **cases;
static int ncases;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_cases(void)
{
    char dir[4096];
    DIR *d;
    struct dirent *de;
    snprintf(dir, sizeof dir, "%s/invalid", data_dir());
    d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s: %s\n", dir, strerror(errno));
        exit(EXIT_FAILURE);
    }
    while ((de = readdir(d)) != NULL) {
        char path[8192];
        struct stat st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/expect.txt", dir, de->d_name);
        if (stat(path, &st) != 0)
            continue;
        cases = realloc(cases, sizeof *cases * (size_t)(ncases + 1));
        if (!cases || !(cases[ncases] = strdup(de->d_name)))
            abort();
        ncases++;
    }
    closedir(d);
    if (ncases > 1)
        qsort(cases, (size_t)ncases, sizeof *cases, by_name);
}

static void run_case(const char *name)
{
    char dir[4096], path[8192], tmpdir[4096] = "";
    expect x;
    sgk_engine *e;
    fz_text first = {0}, problems = {0};
    int rc, strict = getenv("SGK_INVALID_STRICT") != NULL;

    snprintf(dir, sizeof dir, "%s/invalid/%s", data_dir(), name);
    read_expect(dir, &x);
    if (getenv("SGK_INVALID_ONLY_KNOWN") && !x.known_bug[0])
        return;
    if (x.asan_skip[0] && slow_allocator()) {
        printf("%s: skipped under a copying allocator: %s\n", name,
               x.asan_skip);
        return;
    }
    if (x.generate[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/sgk-invalid-XXXXXX",
                 t && t[0] ? t : "/tmp");
        ck_assert_ptr_nonnull(mkdtemp(tmpdir));
        snprintf(path, sizeof path, "%s/%s.csv", tmpdir, x.generate);
        generate(x.generate, path);
    } else if (strcmp(x.input, ".") == 0) {
        snprintf(path, sizeof path, "%s", dir);
    } else {
        snprintf(path, sizeof path, "%s/%s", dir, x.input);
    }

    e = engine();
    rc = load(e, &x, path, NULL, 0, 0);
    fz_check_error(e, rc);
    dump_error(e, rc, &first);
    fz_dump_inputs(e, &first); /* aborts if the rows do not add up */
    check_error(&x, e, rc, path, &problems);
    if (strcmp(x.load, "extract") == 0)
        check_rows_and_rejections(&x, e, path, &problems);
    same_other_ways(&x, path, &first, &problems);
    sgk_engine_free(e);
    fz_text_free(&first);

    if (tmpdir[0]) {
        unlink(path);
        rmdir(tmpdir);
    }
    if (x.known_bug[0] && problems.len == 0) {
        /* Fixed.  The strict test (invalid_known_bugs, should_fail) turns
         * into an unexpected pass once the last one is. */
        printf("%s: marked known-bug (%s) but now passes: remove the "
               "known-bug line from its expect.txt\n", name, x.known_bug);
        return;
    }
    if (x.known_bug[0] && !strict) {
        printf("%s: known bug still present: %s\n%s", name, x.known_bug,
               problems.s);
        fz_text_free(&problems);
        return;
    }
    if (problems.len) {
        fprintf(stderr, "%s (%s):\n%s", name, path, problems.s);
        ck_abort_msg("%s: the library's behaviour differs from expect.txt "
                     "(details on stderr)", name);
    }
}

START_TEST(invalid_case)
{
    run_case(cases[_i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("invalid");
    SRunner *sr;
    int i, failed;
    list_cases();
    if (ncases == 0) {
        fprintf(stderr, "no cases under %s/invalid\n", data_dir());
        return EXIT_FAILURE;
    }
    for (i = 0; i < ncases; i++) {
        TCase *tc = tcase_create(cases[i]);
        tcase_set_timeout(tc, 600);
        tcase_add_loop_test(tc, invalid_case, i, i + 1);
        suite_add_tcase(s, tc);
    }
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (i = 0; i < ncases; i++)
        free(cases[i]);
    free(cases);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
