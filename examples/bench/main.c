/* sgkpi-bench: how close sgkpi comes to the cost of merely parsing its
 * input with libcsv.  Every figure is measured in the same run on the same
 * files and reported as a ratio of the matching ceiling, so the numbers
 * mean the same on any machine.  Each measurement runs in a child process
 * so that its peak memory is its own.  Between the two sits the least
 * reader (floor.c): the parse plus the little that any reader tying rows
 * to children must do, a floor under every ratio that sgkpi can reach.
 *
 *   sgkpi-bench [--threads N] [--from D --to D] [--repeat R]
 *               [--callgrind REPORT [--baseline FILE]] FILE...
 *
 * The period defaults to sgkpi-gen's (April 2011 to March 2012), so that
 * the indicators do their full work on generated data.
 */
#define _DEFAULT_SOURCE 1 /* wait4, for each child's own peak memory */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "sgkpi.h"
#include "bench.h"

typedef struct opts {
    int threads, repeat;
    const char *from, *to, *callgrind_report, *baseline;
    char **files;
    int nfiles;
} opts;

typedef struct figure {
    double seconds;
    long rss_kb;
    long rows;
} figure;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t total_bytes(const opts *o)
{
    size_t sum = 0;
    int i;
    for (i = 0; i < o->nfiles; i++) {
        struct stat st;
        if (stat(o->files[i], &st) == 0)
            sum += (size_t)st.st_size;
    }
    return sum;
}

/* A parse of one mapped file; *untimed gets the seconds to leave out
 * (finding the cuts).  Returns the rows seen, or -1. */
typedef long (*parse_fn)(const char *data, size_t len, int threads,
                         double *untimed);

/* Maps each file in turn and parses it with fn. */
static long each_mapped(const opts *o, parse_fn fn, int threads,
                        double *untimed)
{
    long rows = 0, n;
    int i;
    for (i = 0; i < o->nfiles; i++) {
        struct stat st;
        int fd = open(o->files[i], O_RDONLY);
        void *p;
        if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) {
            if (fd >= 0)
                close(fd);
            continue;
        }
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (p == MAP_FAILED)
            continue;
        n = fn(p, (size_t)st.st_size, threads, untimed);
        munmap(p, (size_t)st.st_size);
        if (n < 0)
            return -1;
        rows += n;
    }
    return rows;
}

static long least_one(const char *data, size_t len, int threads,
                      double *untimed)
{
    (void)threads;
    (void)untimed;
    return bench_least_parse(data, len);
}

/* Every indicator with team and month breakdowns. */
static long full(const opts *o, int threads)
{
    sgk_engine *e;
    long rows = 0;
    int i;
    if (sgk_engine_new(&e) != 0 || sgk_engine_set_period(e, o->from, o->to))
        return -1;
    sgk_engine_set_option(e, SGK_OPT_BY_TEAM, 1);
    sgk_engine_set_option(e, SGK_OPT_BY_MONTH, 1);
    sgk_engine_set_option(e, SGK_OPT_THREADS, threads);
    sgk_engine_use_profile(e, "kent-2011");
    for (i = 0; i < o->nfiles; i++)
        if (sgk_engine_add_file(e, o->files[i], SGK_KIND_AUTO) != 0)
            fprintf(stderr, "sgkpi-bench: %s\n", sgk_engine_errmsg(e));
    if (sgk_engine_compute(e) != 0)
        rows = -1;
    for (i = 0; rows >= 0 && i < sgk_engine_input_count(e); i++)
        rows += (long)sgk_input_rows_read(e, i);
    sgk_engine_free(e);
    return rows;
}

enum { BARE, LEAST, FULL };

static long run_one(const opts *o, int what, int threads, double *untimed)
{
    switch (what) {
    case BARE: return each_mapped(o, bench_bare_parse, threads, untimed);
    case LEAST: return each_mapped(o, least_one, 1, untimed);
    default: return full(o, threads);
    }
}

/* Runs one measurement in a child; the best of `repeat` runs. */
static figure measure(const opts *o, int what, int threads)
{
    figure best = {1e30, 0, 0};
    int r;
    for (r = 0; r < o->repeat; r++) {
        int fds[2], status;
        double t0, secs = 0;
        long rows = 0;
        struct rusage ru;
        pid_t pid;
        if (pipe(fds) != 0)
            exit(2);
        pid = fork();
        if (pid == 0) {
            double start = now(), untimed = 0;
            long n = run_one(o, what, threads, &untimed);
            double took = now() - start - untimed;
            close(fds[0]);
            if (write(fds[1], &took, sizeof took) < 0 ||
                write(fds[1], &n, sizeof n) < 0)
                _exit(1);
            _exit(0);
        }
        close(fds[1]);
        t0 = now();
        if (read(fds[0], &secs, sizeof secs) != sizeof secs ||
            read(fds[0], &rows, sizeof rows) != sizeof rows)
            secs = now() - t0;
        close(fds[0]);
        wait4(pid, &status, 0, &ru);
        if (secs < best.seconds) {
            best.seconds = secs;
            best.rows = rows;
        }
        if (ru.ru_maxrss > best.rss_kb)
            best.rss_kb = ru.ru_maxrss;
    }
    return best;
}

static void row(const char *what, int threads, figure f, double mb,
                const figure *ceiling)
{
    printf("%-28s %3d %9.1f %11.0f %9.1f", what, threads, mb / f.seconds,
           (double)f.rows / f.seconds, (double)f.rss_kb / 1024.0);
    if (ceiling)
        printf(" %7.2f", ceiling->seconds / f.seconds);
    printf("\n");
}

static int parse_args(int argc, char **argv, opts *o)
{
    int i;
    memset(o, 0, sizeof *o);
    o->threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    o->repeat = 3;
    o->from = BENCH_FROM;
    o->to = BENCH_TO;
    o->files = argv + argc;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--threads") == 0 && v)
            o->threads = atoi(argv[++i]);
        else if (strcmp(a, "--repeat") == 0 && v)
            o->repeat = atoi(argv[++i]);
        else if (strcmp(a, "--from") == 0 && v)
            o->from = argv[++i];
        else if (strcmp(a, "--to") == 0 && v)
            o->to = argv[++i];
        else if (strcmp(a, "--callgrind") == 0 && v)
            o->callgrind_report = argv[++i];
        else if (strcmp(a, "--baseline") == 0 && v)
            o->baseline = argv[++i];
        else if (a[0] == '-' && strcmp(a, "--bare-only") != 0)
            return -1;
        else if (a[0] != '-') {
            o->files = argv + i;
            o->nfiles = argc - i;
            break;
        }
    }
    if (o->threads < 1)
        o->threads = 1;
    if (o->repeat < 1)
        o->repeat = 1;
    return o->nfiles > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    opts o;
    figure c1, cn, lo, f1, fn;
    double mb;
    if (argc > 1 && (strcmp(argv[1], "--bare-only") == 0 ||
                     strcmp(argv[1], "--least-only") == 0 ||
                     strcmp(argv[1], "--full-only") == 0)) {
        /* One measurement in this process, for profilers. */
        memset(&o, 0, sizeof o);
        o.from = BENCH_FROM;
        o.to = BENCH_TO;
        o.files = argv + 2;
        o.nfiles = argc - 2;
        double untimed = 0;
        int what = argv[1][2] == 'b' ? BARE : argv[1][2] == 'l' ? LEAST
                                                                : FULL;
        return run_one(&o, what, 1, &untimed) >= 0 ? 0 : 1;
    }
    if (parse_args(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: sgkpi-bench [--threads N] [--repeat R] "
                        "[--from D --to D] [--callgrind SGKPI-REPORT "
                        "[--baseline FILE]] FILE...\n");
        return 2;
    }
    mb = (double)total_bytes(&o) / 1e6;
    printf("sgkpi-bench %s: %d file(s), %.1f MB, best of %d\n\n",
           sgk_version_string(), o.nfiles, mb, o.repeat);
    printf("%-28s %3s %9s %11s %9s %7s\n", "measurement", "thr", "MB/s",
           "rows/s", "peak MB", "ratio");
    c1 = measure(&o, BARE, 1);
    row("libcsv bare parse", 1, c1, mb, NULL);
    cn = measure(&o, BARE, o.threads);
    row("libcsv bare parse", o.threads, cn, mb, NULL);
    lo = measure(&o, LEAST, 1);
    row("least reader (floor.c)", 1, lo, mb, &c1);
    f1 = measure(&o, FULL, 1);
    row("sgkpi all indicators", 1, f1, mb, &c1);
    fn = measure(&o, FULL, o.threads);
    row("sgkpi all indicators", o.threads, fn, mb, &cn);
    printf("\nsgkpi speed-up with %d threads: %.2fx (target >= 1.75 on 2)\n",
           o.threads, f1.seconds / fn.seconds);
    printf("ratio targets: >= 0.80 on 1 thread, >= 0.75 on all threads\n");
    if (o.callgrind_report)
        return bench_callgrind(argv[0], o.callgrind_report, o.from, o.to,
                               o.files, o.nfiles, o.baseline);
    return 0;
}
