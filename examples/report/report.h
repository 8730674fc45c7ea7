/* sgkpi-report: shared declarations of the report program's files. */
#ifndef SGK_REPORT_H
#define SGK_REPORT_H

#include <stdio.h>
#include "sgkpi.h"

enum report_format { FORMAT_TEXT = 1, FORMAT_JSON = 2 };

typedef struct report_options {
    const char *from, *to;
    const char *thresholds;   /* path or profile name, or NULL */
    const char *benchmarks;
    const char *holidays;
    int by_team, monthly, fail_on_breach, quiet;
    int format;
    int delimiter;
    int max_rejections;       /* rejections printed in text, 0 = default */
    char **files;             /* KIND=PATH or PATH */
    int nfiles;
} report_options;

/* Writers take a computed engine; 0 or -1 on a write error. */
int report_write_json(FILE *out, const sgk_engine *e, const report_options *o);
int report_write_text(FILE *out, const sgk_engine *e, const report_options *o);

/* Number formatting shared by the writers: the shortest text that reads
 * back as the same double. */
void report_number(char *buf, size_t cap, double v);

#endif
