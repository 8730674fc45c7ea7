/* Fuzz target: ingestion of one extract.
 *
 * Input layout (5 control bytes, then the CSV):
 *   byte 0  kind: (b & 0x0F) % SGK_KIND_COUNT (9), so '0' is SGK_KIND_AUTO
 *           and '1'..'8' force referrals, assessments, cp_plans,
 *           cla_episodes, cases, workforce, cla_children, care_leavers
 *   byte 1  delimiter: the byte itself when the engine accepts it, else ','
 *   byte 2  option bits: 1 by_team, 2 by_month, 4 exceptions,
 *           8 max_rejections = 3, 16 caller aliases ("kid" -> child_id,
 *           "opened" -> start_date), 32 a one-month period, 64 the
 *           whole-buffer read uses 2 threads (parallel ingestion)
 *   byte 3  chunk size for the stream, 1..255; 0 feeds everything at once
 *   byte 4  period year (see fz_set_period)
 *
 * The CSV is read twice: streamed through sgk_engine_begin/feed/finish in
 * chunks, and in one sgk_engine_add_buffer call (in parallel when bit 64
 * is set).  Both must give the same status, message, rows, rejections and
 * results: issue 2 promises that a file fed one byte at a time reads like
 * one buffer, and sgkpi.h that parallel ingestion is identical to a
 * sequential read.  Everything is then read back through every getter. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

enum {
    OPT_TEAM = 1, OPT_MONTH = 2, OPT_EXC = 4, OPT_MAXREJ = 8, OPT_ALIAS = 16,
    OPT_SHORT = 32, OPT_THREADS = 64
};

static void set_int(sgk_engine *e, int option, int64_t value)
{
    if (sgk_engine_set_option(e, option, value) != SGK_OK)
        fz_fail("a valid option was refused", NULL, NULL);
}

static sgk_engine *configured(unsigned opts, unsigned char delim,
                              unsigned year)
{
    sgk_engine *e = fz_engine();
    int ok_delim = delim != 0 && delim != '"' && delim != '\r' &&
                   delim != '\n';
    int rc = sgk_engine_set_option(e, SGK_OPT_DELIMITER,
                                   ok_delim ? delim : ',');
    /* The engine's own rule must agree with the header's documentation. */
    if (rc != SGK_OK)
        fz_fail("a delimiter sgkpi.h allows was refused", NULL, NULL);
    if (!ok_delim && delim != 0 &&
        sgk_engine_set_option(e, SGK_OPT_DELIMITER, delim) == SGK_OK)
        fz_fail("a delimiter sgkpi.h forbids was accepted", NULL, NULL);
    set_int(e, SGK_OPT_BY_TEAM, (opts & OPT_TEAM) != 0);
    set_int(e, SGK_OPT_BY_MONTH, (opts & OPT_MONTH) != 0);
    set_int(e, SGK_OPT_EXCEPTIONS, (opts & OPT_EXC) != 0);
    if (opts & OPT_MAXREJ)
        set_int(e, SGK_OPT_MAX_REJECTIONS, 3);
    if (opts & OPT_ALIAS) {
        if (sgk_engine_add_alias(e, "kid", "child_id") != SGK_OK ||
            sgk_engine_add_alias(e, "Opened", "start_date") != SGK_OK)
            fz_fail("a valid alias was refused", NULL, NULL);
    }
    fz_set_period(e, year, (opts & OPT_SHORT) != 0);
    return e;
}

/* What a failed call left behind, for comparing two engines. */
static void dump_error(const sgk_engine *e, int rc, fz_text *out)
{
    const char *col = sgk_engine_errcolumn(e);
    fz_check_error(e, rc);
    fz_text_add(out, "status %d", rc);
    if (rc != SGK_OK)
        fz_text_add(out, " line=%lld column=%s msg=%s",
                    (long long)sgk_engine_errline(e), col ? col : "(null)",
                    sgk_engine_errmsg(e));
    fz_text_add(out, "\n");
}

static int stream_in(sgk_engine *e, const char *data, size_t len, int kind,
                     size_t chunk)
{
    size_t pos = 0;
    int rc = sgk_engine_begin(e, "fuzz.csv", kind);
    if (rc != SGK_OK)
        return rc;
    while (pos < len) {
        size_t n = len - pos < chunk ? len - pos : chunk;
        rc = sgk_engine_feed(e, data + pos, n);
        if (rc != SGK_OK)
            return rc; /* a failed feed ends the stream */
        pos += n;
    }
    return sgk_engine_finish(e);
}

/* After finish, or after a failed feed, the stream is closed. */
static void check_stream_closed(sgk_engine *e)
{
    if (sgk_engine_feed(e, "x", 1) != SGK_E_STATE ||
        sgk_engine_finish(e) != SGK_E_STATE)
        fz_fail("a finished stream still accepts feed or finish", NULL, NULL);
}

static void compute_and_dump(sgk_engine *e, fz_text *out)
{
    int rc = sgk_engine_compute(e);
    dump_error(e, rc, out);
    if (rc == SGK_OK)
        fz_dump_all(e, out);
    else
        fz_check_no_results(e);
}

int sgk_fuzz_ingest(const uint8_t *data, size_t size)
{
    const char *csv;
    size_t len, chunk;
    unsigned opts;
    int kind, rc_stream, rc_buffer;
    sgk_engine *a, *b;
    fz_text ta = {0}, tb = {0};

    if (size < 5)
        return 0;
    kind = (data[0] & 0x0F) % SGK_KIND_COUNT;
    opts = data[2];
    chunk = data[3] ? data[3] : (size > 5 ? size - 5 : 1);
    csv = (const char *)data + 5;
    len = size - 5;

    a = configured(opts, data[1], data[4]);
    b = configured(opts, data[1], data[4]);
    if (opts & OPT_THREADS) {
        set_int(b, SGK_OPT_THREADS, 2);
        set_int(b, SGK_OPT_MIN_CHUNK, 16);
    }

    rc_stream = stream_in(a, csv, len, kind, chunk);
    rc_buffer = sgk_engine_add_buffer(b, "fuzz.csv", len ? csv : "", len,
                                      kind);
    dump_error(a, rc_stream, &ta);
    dump_error(b, rc_buffer, &tb);
    fz_dump_inputs(a, &ta);
    fz_dump_inputs(b, &tb);
    fz_same("a stream and a buffer read differently", &ta, &tb);
    check_stream_closed(a);

    fz_text_free(&ta);
    fz_text_free(&tb);
    compute_and_dump(a, &ta);
    compute_and_dump(b, &tb);
    fz_same("a stream and a buffer compute differently", &ta, &tb);

    fz_text_free(&ta);
    fz_text_free(&tb);
    sgk_engine_free(a);
    sgk_engine_free(b);
    return 0;
}

#ifndef SGK_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sgk_fuzz_ingest(data, size);
}
#endif
