/* Fuzz target: the side-file loaders (thresholds, benchmarks, closure
 * days).
 *
 * Input layout (2 control bytes, then the file):
 *   byte 0  low two bits pick the loader: 0 thresholds, 1 benchmarks,
 *           2 closure days, 3 thresholds then benchmarks from the same
 *           bytes; bit 4 (16) loads the kent-2011 profile first, bit 5
 *           (32) turns on team and month breakdowns
 *   byte 1  period year (see fz_set_period)
 *
 * Thresholds and benchmarks are loaded twice, from a buffer and from a
 * file holding the same bytes (the buffer is given the file's name), and
 * the two engines must agree in everything.  A load that fails must leave
 * the engine exactly as a reference engine that never saw the file:
 * sgkpi.h says nothing from a bad thresholds file is kept.  The closure
 * loader takes only a path, so the bytes are written to a temporary
 * file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz_common.h"
#include "fuzz_fixture.h"

enum { MODE_THRESHOLDS, MODE_BENCHMARKS, MODE_CLOSURE, MODE_BOTH };
enum { OPT_PROFILE = 16, OPT_BREAKDOWNS = 32 };

static char tmp_path[64];

static void remove_tmp(void)
{
    if (tmp_path[0])
        unlink(tmp_path);
}

/* Writes the bytes to this process's temporary file and returns its
 * path. */
static const char *write_tmp(const uint8_t *data, size_t len)
{
    int fd;
    if (!tmp_path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(tmp_path, sizeof tmp_path, "%s/sgkfuzz-XXXXXX",
                 dir && strlen(dir) < 40 ? dir : "/tmp");
        fd = mkstemp(tmp_path);
        if (fd < 0)
            abort();
        close(fd);
        atexit(remove_tmp);
    }
    fd = open(tmp_path, O_WRONLY | O_TRUNC);
    if (fd < 0)
        abort();
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n <= 0)
            abort();
        data += n;
        len -= (size_t)n;
    }
    close(fd);
    return tmp_path;
}

static void add(sgk_engine *e, const char *name, const char *csv)
{
    if (sgk_engine_add_buffer(e, name, csv, strlen(csv), SGK_KIND_AUTO) != 0)
        fz_fail("a fixture extract was refused", NULL, NULL);
}

/* The engine before the fuzzed file: fixtures, breakdowns, and the
 * targets the other loader needs so that "benchmark:" resolves. */
static sgk_engine *base(unsigned mode, unsigned opts, unsigned year)
{
    static const char thresholds[] =
        "indicator,op,target,from,to,source,label,amber\n"
        "ia_timeliness,>=,benchmark:England,,,fuzz,,\n"
        "sa_timeliness,>=,benchmark:neighbours,,,fuzz,,\n"
        "cp_repeat_plans,<=,benchmark:England,,,fuzz,,\n";
    static const char benchmarks[] =
        "indicator,value,label\n"
        "ia_timeliness,70.5,England\n"
        "sa_timeliness,80,neighbours\n"
        "cp_repeat_plans,15,England\n"
        "sw_vacancy_rate,12,England\n";
    sgk_engine *e = fz_engine();
    fz_set_period(e, year, 0);
    if (opts & OPT_BREAKDOWNS) {
        sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1);
        sgk_engine_set_option(e, SGK_OPT_BY_MONTH, 1);
    }
    sgk_engine_set_option(e, SGK_OPT_EXCEPTIONS, 1);
    add(e, "assessments.csv", fz_fixture_assessments);
    add(e, "cases.csv", fz_fixture_cases);
    add(e, "cp_plans.csv", fz_fixture_cp);
    add(e, "cla_episodes.csv", fz_fixture_cla);
    add(e, "workforce.csv", fz_fixture_workforce);
    if ((opts & OPT_PROFILE) && sgk_engine_use_profile(e, "kent-2011") != 0)
        fz_fail("the kent-2011 profile was refused", NULL, NULL);
    if (mode != MODE_BENCHMARKS &&
        sgk_engine_load_benchmarks_buffer(e, "bench.csv", benchmarks,
                                          sizeof benchmarks - 1) != 0)
        fz_fail("fixture benchmarks were refused", NULL, NULL);
    if (mode == MODE_BENCHMARKS &&
        sgk_engine_load_thresholds_buffer(e, "thresholds.csv", thresholds,
                                          sizeof thresholds - 1) != 0)
        fz_fail("fixture thresholds were refused", NULL, NULL);
    return e;
}

static void dump_status(const sgk_engine *e, int rc, fz_text *out)
{
    const char *col = sgk_engine_errcolumn(e);
    const char *file = sgk_engine_errfile(e);
    fz_check_error(e, rc);
    fz_text_add(out, "status %d", rc);
    if (rc != SGK_OK)
        fz_text_add(out, " file=%s line=%lld column=%s msg=%s",
                    file ? file : "(null)", (long long)sgk_engine_errline(e),
                    col ? col : "(null)", sgk_engine_errmsg(e));
    fz_text_add(out, "\n");
}

static void compute_dump(sgk_engine *e, fz_text *out)
{
    int rc = sgk_engine_compute(e);
    if (rc != SGK_OK)
        fz_fail("compute failed on fixtures", NULL, NULL);
    fz_dump_all(e, out);
}

/* Loads with one loader from a buffer (0) or a path (1). */
static int load(sgk_engine *e, unsigned mode, int from_path,
                const char *path, const uint8_t *data, size_t len)
{
    const char *s = len ? (const char *)data : "";
    switch (mode) {
    case MODE_THRESHOLDS:
        return from_path ? sgk_engine_load_thresholds(e, path)
                         : sgk_engine_load_thresholds_buffer(e, path, s, len);
    case MODE_BENCHMARKS:
        return from_path ? sgk_engine_load_benchmarks(e, path)
                         : sgk_engine_load_benchmarks_buffer(e, path, s, len);
    default:
        return sgk_engine_add_closure_file(e, path);
    }
}

static void run_mode(unsigned mode, unsigned opts, unsigned year,
                     const char *path, const uint8_t *data, size_t len)
{
    sgk_engine *ref = base(mode, opts, year);
    sgk_engine *a = base(mode, opts, year);
    sgk_engine *b = mode == MODE_CLOSURE ? NULL : base(mode, opts, year);
    fz_text tr = {0}, ta = {0}, tb = {0}, sa = {0}, sb = {0};
    int rc_a = load(a, mode, mode == MODE_CLOSURE, path, data, len);

    dump_status(a, rc_a, &sa);
    if (b) {
        int rc_b = load(b, mode, 1, path, data, len);
        dump_status(b, rc_b, &sb);
        fz_same("a side file read from a buffer and from a path differ",
                &sa, &sb);
    }
    compute_dump(a, &ta);
    if (b) {
        compute_dump(b, &tb);
        fz_same("a side file read from a buffer and from a path give "
                "different results", &ta, &tb);
    }
    if (rc_a != SGK_OK) {
        compute_dump(ref, &tr);
        fz_same("a failed load changed the engine", &tr, &ta);
    }
    fz_text_free(&tr);
    fz_text_free(&ta);
    fz_text_free(&tb);
    fz_text_free(&sa);
    fz_text_free(&sb);
    sgk_engine_free(ref);
    sgk_engine_free(a);
    sgk_engine_free(b);
}

int sgk_fuzz_sidefiles(const uint8_t *data, size_t size)
{
    unsigned mode, opts;
    const char *path;
    if (size < 2)
        return 0;
    mode = data[0] & 3;
    opts = data[0];
    path = write_tmp(data + 2, size - 2);
    if (mode == MODE_BOTH) {
        run_mode(MODE_THRESHOLDS, opts, data[1], path, data + 2, size - 2);
        run_mode(MODE_BENCHMARKS, opts, data[1], path, data + 2, size - 2);
    } else {
        run_mode(mode, opts, data[1], path, data + 2, size - 2);
    }
    return 0;
}

#ifndef SGK_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sgk_fuzz_sidefiles(data, size);
}
#endif
