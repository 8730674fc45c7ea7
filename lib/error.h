/* The last-error record kept on each engine. */
#ifndef SGK_ERROR_H
#define SGK_ERROR_H

#include <stdint.h>
#include "alloc.h"

typedef struct sgk__error {
    char msg[1024];
    char file[512];
    char column[256];
    int64_t line;
    int has_column;
} sgk__error;

void sgk__error_clear(sgk__error *err);
/* Records an error and returns `status`, so callers can `return
 * sgk__error_set(...)`.  file and column may be NULL, line 0. */
int sgk__error_set(sgk__error *err, int status, const char *file,
                   int64_t line, const char *column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Makes a message safe to print anywhere: bytes that are not valid UTF-8
 * become '?', control characters become spaces.  Messages quote values
 * from the input, which may be anything (a PNG's signature, say). */
void sgk__text_sanitise(char *s);

#endif
