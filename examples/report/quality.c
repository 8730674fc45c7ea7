/* Data quality for the reports people read: rows read, used and rejected,
 * and the rejection reasons grouped so that the most common come first.
 * Reasons quote the offending value ("start_date '2011-13-01' is not a
 * valid date: ..."); the grouping replaces quoted values with '...', so
 * a thousand bad dates make one line, and no value from a row is shown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

#define MAX_GROUPS 200

static int ends_value(char c)
{
    return c == ' ' || c == '\0' || c == ':' || c == ',' || c == ';'
           || c == ')';
}

/* The reason with each '...'-quoted part replaced by '...'.  A quote opens
 * a value after a space or at the start; the value ends at the next quote
 * followed by a space, punctuation or the end. */
static char *reason_key(const char *s)
{
    size_t n = strlen(s), i = 0;
    char *k = malloc(2 * n + 6), *w = k; /* "'x' " grows to "'...' " */
    if (!k)
        return NULL;
    while (i < n) {
        const char *close = NULL;
        if (s[i] == '\'' && (i == 0 || s[i - 1] == ' ')) {
            close = strchr(s + i + 1, '\'');
            while (close && !ends_value(close[1]))
                close = strchr(close + 1, '\'');
        }
        if (close) {
            memcpy(w, "'...'", 5);
            w += 5;
            i = (size_t)(close - s) + 1;
        } else {
            *w++ = s[i++];
        }
    }
    *w = '\0';
    return k;
}

static int by_count(const void *pa, const void *pb)
{
    const report_reason *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

void report_reasons_free(report_reason *r, int n)
{
    int i;
    for (i = 0; r && i < n; i++)
        free(r[i].text);
    free(r);
}

int report_reasons(const sgk_engine *e, report_reason **out, int *nout)
{
    int64_t r, nrej = sgk_engine_rejection_count(e);
    report_reason *list = NULL;
    int n = 0, cap = 0, i;
    *out = NULL;
    *nout = 0;
    for (r = 0; r < nrej; r++) {
        char *key = reason_key(sgk_rejection_reason(e, r));
        if (!key)
            goto nomem;
        for (i = 0; i < n; i++)
            if (strcmp(list[i].text, key) == 0)
                break;
        if (i == n && n >= MAX_GROUPS) { /* lump the long tail together */
            free(key);
            if (!(key = malloc(sizeof "other reasons")))
                goto nomem;
            strcpy(key, "other reasons");
            for (i = 0; i < n && strcmp(list[i].text, key) != 0; i++)
                ;
        }
        if (i < n) {
            list[i].count++;
            free(key);
            continue;
        }
        if (n == cap) {
            int ncap = cap ? cap * 2 : 16;
            report_reason *grown = realloc(list, (size_t)ncap * sizeof *list);
            if (!grown) {
                free(key);
                goto nomem;
            }
            list = grown;
            cap = ncap;
        }
        list[n].text = key;
        list[n].count = 1;
        list[n].first = r;
        n++;
    }
    if (n > 1)
        qsort(list, (size_t)n, sizeof *list, by_count);
    *out = list;
    *nout = n;
    return 0;
nomem:
    report_reasons_free(list, n);
    return -1;
}

void report_row_totals(const sgk_engine *e, int64_t *read, int64_t *used,
                       int64_t *rejected)
{
    int i;
    *read = *used = *rejected = 0;
    for (i = 0; i < sgk_engine_input_count(e); i++) {
        if (sgk_input_rows_read(e, i) > 0)
            *read += sgk_input_rows_read(e, i);
        if (sgk_input_rows_used(e, i) > 0)
            *used += sgk_input_rows_used(e, i);
        if (sgk_input_rows_rejected(e, i) > 0)
            *rejected += sgk_input_rows_rejected(e, i);
    }
}

int report_exception_files(const report_options *o, int64_t *rows)
{
    int i, files = 0;
    *rows = 0;
    for (i = 0; o->exception_rows && i < sgk_indicator_count(); i++)
        if (o->exception_rows[i] >= 0) {
            files++;
            *rows += o->exception_rows[i];
        }
    return files;
}

void report_dq_name(char *buf, size_t cap, const sgk_engine *e, int k)
{
    const char *header = sgk_dq_header(e, k);
    snprintf(buf, cap, "%s: %s", sgk_input_name(e, sgk_dq_input(e, k)),
             header && *header ? header : sgk_dq_field(e, k));
}

void report_dq_percent(char *buf, size_t cap, const sgk_engine *e, int k)
{
    double v = sgk_dq_value(e, k);
    if (isnan(v))
        snprintf(buf, cap, "no rows");
    else
        snprintf(buf, cap, "%.1f%%", v);
}
