/* sgkpi-bench: shared declarations. */
#ifndef SGK_BENCH_H
#define SGK_BENCH_H

#include <stddef.h>

/* Parses with empty callbacks; returns the records seen. */
long bench_bare_parse(const char *data, size_t len, int threads);

/* Prints instruction counts of the bare parse (this program, run with
 * --bare-only) and of `report` writing JSON, under valgrind's callgrind. */
void bench_callgrind(const char *self, const char *report, const char *from,
                     const char *to, char **files, int nfiles);

#endif
