/* Instruction counts under callgrind: noise-free, so a 2% change is real.
 * Compares the bare parse (this program, --bare-only) with sgkpi-report
 * writing JSON with every breakdown, on the same files; the least reader
 * (--least-only) is shown between them for scale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

static long long instructions(char *const argv[])
{
    char out[] = "/tmp/sgkpi-bench-cg-XXXXXX", line[256];
    char flag[64];
    long long ir = -1;
    int fd = mkstemp(out), status;
    pid_t pid;
    FILE *fp;
    if (fd < 0)
        return -1;
    close(fd);
    snprintf(flag, sizeof flag, "--callgrind-out-file=%s", out);
    pid = fork();
    if (pid == 0) {
        char *args[64];
        int n = 0, i;
        args[n++] = "valgrind";
        args[n++] = "--tool=callgrind";
        args[n++] = flag;
        for (i = 0; argv[i] && n < 62; i++)
            args[n++] = argv[i];
        args[n] = NULL;
        if (!freopen("/dev/null", "w", stdout) ||
            !freopen("/dev/null", "w", stderr))
            _exit(127);
        execvp("valgrind", args);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    if ((fp = fopen(out, "r")) != NULL) {
        while (fgets(line, sizeof line, fp))
            if (strncmp(line, "summary:", 8) == 0 ||
                strncmp(line, "totals:", 7) == 0)
                ir = atoll(line + (line[0] == 's' ? 8 : 7));
        fclose(fp);
    }
    remove(out);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ir : -1;
}

/* The "ratio R" line of a baseline file, or -1. */
static double baseline_ratio(const char *path)
{
    char line[256];
    double r = -1;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp))
        if (strncmp(line, "ratio ", 6) == 0)
            r = atof(line + 6);
    fclose(fp);
    return r;
}

/* Instruction counts are exact and repeatable, so any growth beyond 2%
 * is a real change in the code, not noise. */
static int compare(double ratio, const char *path)
{
    double base = baseline_ratio(path), change;
    if (base <= 0) {
        printf("  baseline: %s has no \"ratio R\" line\n", path);
        return 2;
    }
    change = (ratio / base - 1) * 100;
    printf("  against the baseline %.3f (%s): %+.1f%%%s\n", base, path,
           change, change > 2 ? ", a REGRESSION (more than 2%)" : "");
    return change > 2 ? 1 : 0;
}

int bench_callgrind(const char *self, const char *report, const char *from,
                    const char *to, char **files, int nfiles,
                    const char *baseline)
{
    char *bare[72], *least[72], *full[80];
    int n = 0, m = 0, i;
    long long a, b, c;
    bare[n++] = (char *)self;
    bare[n++] = "--bare-only";
    full[m++] = (char *)report;
    full[m++] = "--from";
    full[m++] = (char *)from;
    full[m++] = "--to";
    full[m++] = (char *)to;
    full[m++] = "--by";
    full[m++] = "team";
    full[m++] = "--monthly";
    full[m++] = "--format";
    full[m++] = "json";
    full[m++] = "--quiet";
    full[m++] = "--threads";
    full[m++] = "1";
    for (i = 0; i < nfiles && i < 60; i++)
        bare[n++] = full[m++] = files[i];
    bare[n] = full[m] = NULL;
    memcpy(least, bare, sizeof least);
    least[1] = "--least-only";
    a = instructions(bare);
    c = instructions(least);
    b = instructions(full);
    if (a <= 0 || b <= 0) {
        printf("callgrind: not measured (is valgrind installed?)\n");
        return 2;
    }
    printf("\ninstructions (callgrind), one thread:\n");
    printf("  bare libcsv parse          %15lld\n", a);
    if (c > 0)
        printf("  least reader (floor.c)     %15lld   %.3f x\n", c,
               (double)c / (double)a);
    printf("  sgkpi-report --format json %15lld   %.3f x the bare parse "
           "(target <= 1.25)\n", b, (double)b / (double)a);
    return baseline ? compare((double)b / (double)a, baseline) : 0;
}
