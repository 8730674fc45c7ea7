/* A progress bar on stderr while big extracts are read: bytes read of the
 * total over every input, the rate in MB/s and the time left.  Drawn only
 * when stderr is a terminal, the inputs add up to 1 MiB or more and
 * --quiet was not given; redrawn at most four times a second; erased when
 * reading is done.  The library calls report_progress_callback() through
 * sgk_engine_set_progress() with the bytes of the current file. */
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "report.h"

#define MIN_BYTES (1024 * 1024)
#define MIN_INTERVAL 0.25
#define BAR 24

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (int64_t)st.st_size
                                                       : 0;
}

void report_progress_init(report_progress *p, const report_options *o)
{
    int i;
    memset(p, 0, sizeof *p);
    if (o->quiet || !isatty(STDERR_FILENO))
        return;
    for (i = 0; i < o->nfiles; i++) {
        int kind;
        p->total += file_size(report_input_path(o->files[i], &kind));
    }
    p->on = p->total >= MIN_BYTES;
    p->start = now();
}

void report_progress_file(report_progress *p, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!p->on)
        return;
    p->name = slash ? slash + 1 : path;
    p->size = file_size(path);
}

void report_progress_file_done(report_progress *p)
{
    if (p->on)
        p->base += p->size;
}

static void clock_text(char *buf, size_t cap, double secs)
{
    long s = secs < 0 ? 0 : secs > 359999 ? 359999 : (long)(secs + 0.5);
    if (s >= 3600)
        snprintf(buf, cap, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, cap, "%ld:%02ld", s / 60, s % 60);
}

static void draw(report_progress *p, int64_t done, double t)
{
    double frac = p->total > 0 ? (double)done / (double)p->total : 0;
    double elapsed = t - p->start, rate = elapsed > 0 ? done / elapsed : 0;
    char bar[BAR + 1], left[32] = "--:--";
    int i, fill;
    if (frac > 1)
        frac = 1;
    fill = (int)(frac * BAR + 0.5);
    for (i = 0; i < BAR; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR] = '\0';
    if (rate > 0)
        clock_text(left, sizeof left, (double)(p->total - done) / rate);
    fprintf(stderr, "\r\033[K[%s] %3.0f%% %.1f/%.1f MB %.1f MB/s %s left  "
                    "%.20s", bar, frac * 100, done / 1e6, p->total / 1e6,
            rate / 1e6, left, p->name ? p->name : "");
    fflush(stderr);
    p->drawn = 1;
    p->last = t;
}

void report_progress_callback(int64_t done, int64_t total, void *user)
{
    report_progress *p = user;
    double t;
    (void)total;
    if (!p->on)
        return;
    t = now();
    if (p->drawn && t - p->last < MIN_INTERVAL)
        return;
    draw(p, p->base + (done < p->size || p->size == 0 ? done : p->size), t);
}

void report_progress_note(report_progress *p, const char *what)
{
    if (!p->on)
        return;
    fprintf(stderr, "\r\033[K%s...", what);
    fflush(stderr);
    p->drawn = 1;
}

void report_progress_end(report_progress *p)
{
    if (p->on && p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->on = 0;
}
