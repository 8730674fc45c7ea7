/* Output files are written to a temporary name in the same directory,
 * flushed to disk, then renamed over the final name: a reader sees the old
 * file or the whole new one, never a truncated report that looks complete.
 * An interrupted run (SIGINT, SIGTERM, SIGHUP) removes its temporary files. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "report.h"

#define SLOTS 4

/* Temporary names being written; the signal handler only reads them. */
static char *volatile pending[SLOTS];

static void on_signal(int sig)
{
    int i;
    for (i = 0; i < SLOTS; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void report_outfile_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    size_t i;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* Leave alone a signal the caller chose to ignore (nohup). */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

static int claim(char *tmp)
{
    int i;
    for (i = 0; i < SLOTS; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            return i;
        }
    return -1;
}

static void release(report_outfile *of)
{
    if (of->slot >= 0)
        pending[of->slot] = NULL;
    of->slot = -1;
}

/* "dir/.name.XXXXXX" beside path. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    char *t = malloc(n);
    if (!t)
        return NULL;
    snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path,
             slash ? slash + 1 : path);
    return t;
}

int report_outfile_open(report_outfile *of, const char *path,
                        int private_mode)
{
    int fd;
    memset(of, 0, sizeof *of);
    of->slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        of->fp = stdout;
        return 0;
    }
    of->path = malloc(strlen(path) + 1);
    of->tmp = temp_name(path);
    if (!of->path || !of->tmp) {
        fprintf(stderr, "sgkpi-report: out of memory\n");
        report_outfile_abort(of);
        return -1;
    }
    strcpy(of->path, path);
    if ((of->slot = claim(of->tmp)) < 0 || (fd = mkstemp(of->tmp)) < 0) {
        fprintf(stderr, "sgkpi-report: cannot create %s: %s\n", path,
                of->slot < 0 ? "too many open outputs" : strerror(errno));
        release(of);
        free(of->tmp);
        of->tmp = NULL;
        report_outfile_abort(of);
        return -1;
    }
    if (!private_mode) { /* mkstemp makes 0600; a report follows the umask */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    if (!(of->fp = fdopen(fd, "wb"))) {
        fprintf(stderr, "sgkpi-report: cannot write %s: %s\n", path,
                strerror(errno));
        close(fd);
        report_outfile_abort(of);
        return -1;
    }
    return 0;
}

void report_outfile_abort(report_outfile *of)
{
    if (of->fp && of->fp != stdout)
        fclose(of->fp);
    if (of->tmp)
        unlink(of->tmp);
    release(of);
    free(of->tmp);
    free(of->path);
    memset(of, 0, sizeof *of);
    of->slot = -1;
}

int report_outfile_commit(report_outfile *of)
{
    int err = 0;
    if (of->fp == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "sgkpi-report: cannot write the report to "
                            "standard output\n");
            return -1;
        }
        return 0;
    }
    errno = 0;
    if (fflush(of->fp) != 0 || ferror(of->fp) || fsync(fileno(of->fp)) != 0)
        err = errno ? errno : EIO;
    if (fclose(of->fp) != 0 && !err)
        err = errno ? errno : EIO;
    of->fp = NULL;
    if (!err && rename(of->tmp, of->path) != 0)
        err = errno;
    if (err) {
        fprintf(stderr, "sgkpi-report: cannot write %s: %s\n", of->path,
                strerror(err));
        report_outfile_abort(of);
        return -1;
    }
    release(of);
    free(of->tmp);
    free(of->path);
    memset(of, 0, sizeof *of);
    of->slot = -1;
    return 0;
}
