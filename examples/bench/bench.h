/* sgkpi-bench: shared declarations. */
#ifndef SGK_BENCH_H
#define SGK_BENCH_H

#include <stddef.h>

/* Parses data, a read-only mapping of a file whose pages may be handed
 * back, with empty callbacks; returns the records seen.  Adds the time
 * spent finding where to cut for threads to *cutting. */
long bench_bare_parse(const char *data, size_t len, int threads,
                      double *cutting);

/* The same file on one thread through the least reader (floor.c):
 * child ids hashed, ISO dates decoded, a small record kept per row. */
long bench_least_parse(const char *data, size_t len);

/* sgkpi-gen's default period. */
#define BENCH_FROM "2011-04-01"
#define BENCH_TO "2012-03-31"

/* Prints instruction counts of the bare parse (this program, run with
 * --bare-only) and of `report` writing JSON, under valgrind's callgrind.
 * With a baseline file (a line "ratio R"), also compares the ratio with
 * it; returns 1 when it grew by more than 2%, which counts as a
 * regression, 2 when nothing could be measured, else 0. */
int bench_callgrind(const char *self, const char *report, const char *from,
                    const char *to, char **files, int nfiles,
                    const char *baseline);

#endif
