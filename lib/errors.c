/* Status strings and the per-engine error record. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "error.h"

const char *sgk_strerror(int status)
{
    switch (status) {
    case SGK_OK: return "success";
    case SGK_E_NOMEM: return "out of memory";
    case SGK_E_INVALID_ARGUMENT: return "invalid argument";
    case SGK_E_IO: return "file could not be read";
    case SGK_E_PARSE: return "input is not readable CSV";
    case SGK_E_MISSING_COLUMN: return "a required column is missing";
    case SGK_E_UNKNOWN_KIND: return "the header matches no extract kind";
    case SGK_E_DUPLICATE_COLUMN: return "two headers name the same column";
    case SGK_E_STATE: return "call made out of order";
    case SGK_E_NOT_FOUND: return "no such indicator, profile or column";
    case SGK_E_EMPTY: return "input has no header row";
    case SGK_E_THRESHOLD: return "invalid thresholds or benchmarks file";
    case SGK_E_NO_PERIOD: return "no reporting period set";
    default: return "unknown status";
    }
}

void sgk__error_clear(sgk__error *err)
{
    err->msg[0] = '\0';
    err->file[0] = '\0';
    err->column[0] = '\0';
    err->line = 0;
    err->has_column = 0;
}

static void copy_bounded(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_length(const unsigned char *s)
{
    size_t need, k;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        need = 1;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        need = 2;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        need = 3;
    else
        return 0;
    for (k = 1; k <= need; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0; /* also stops at the terminating NUL */
    return need + 1;
}

void sgk__text_sanitise(char *s)
{
    unsigned char *p = (unsigned char *)s;
    while (*p) {
        size_t n = utf8_length(p);
        if (n == 0) {
            *p++ = '?';
        } else if (n == 1 && (*p < 0x20 || *p == 0x7F)) {
            *p++ = ' ';
        } else {
            p += n;
        }
    }
}

int sgk__error_set(sgk__error *err, int status, const char *file,
                   int64_t line, const char *column, const char *fmt, ...)
{
    va_list ap;
    sgk__error_clear(err);
    if (file)
        copy_bounded(err->file, sizeof err->file, file);
    if (column) {
        copy_bounded(err->column, sizeof err->column, column);
        err->has_column = 1;
    }
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    sgk__text_sanitise(err->msg);
    sgk__text_sanitise(err->column);
    return status;
}
