/* Shared by the libFuzzer targets in fuzz/ and by the replay test in
 * tests/invalid/: reading everything an engine exposes, the invariants the
 * public header promises, and a canonical text dump used to compare two
 * engines that must agree (streamed vs whole buffer, sequential vs
 * parallel, one engine vs a merge, a compute vs a recompute).
 *
 * Only the public API (sgkpi.h) is used, so a target exercises exactly
 * what a caller can reach. */
#ifndef SGK_FUZZ_COMMON_H
#define SGK_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include "sgkpi.h"

/* A growable text buffer. */
typedef struct fz_text {
    char *s;
    size_t len, cap;
} fz_text;

void fz_text_free(fz_text *t);
void fz_text_add(fz_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The file being replayed, named by fz_fail (NULL under libFuzzer, which
 * names the input itself). */
extern const char *fz_current_input;

/* Prints the message and the two dumps (when given) and aborts, so that
 * libFuzzer keeps the input as a crash and the replay test fails. */
void fz_fail(const char *what, const fz_text *a, const fz_text *b)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

/* Checks an invariant; fz_fail on failure. */
#define FZ_CHECK(cond, what)                                                  \
    do {                                                                      \
        if (!(cond))                                                          \
            fz_fail(what " (" #cond ")", NULL, NULL);                         \
    } while (0)

/* The status of a failed call must come with a message. */
void fz_check_error(const sgk_engine *e, int rc);

/* Dumps inputs and rejections (what ingestion produced), checking the row
 * accounting and the rejection order on the way. */
void fz_dump_inputs(const sgk_engine *e, fz_text *out);

/* Dumps every result, team, month, threshold, benchmark and exception of
 * a computed engine, checking the documented relations between getters.
 * Every getter is called, including with out-of-range indexes. */
void fz_dump_results(sgk_engine *e, fz_text *out);

/* After a failed compute: nothing may be readable. */
void fz_check_no_results(sgk_engine *e);

/* fz_dump_inputs then fz_dump_results. */
void fz_dump_all(sgk_engine *e, fz_text *out);

/* Fails with both dumps when they differ. */
void fz_same(const char *what, const fz_text *a, const fz_text *b);

/* Sets a reporting period of twelve months starting 1 April of the year
 * chosen by `sel`, or one month when `short_period` is set. */
void fz_set_period(sgk_engine *e, unsigned sel, int short_period);

/* A new engine, aborting on failure (only out of memory can fail). */
sgk_engine *fz_engine(void);

/* The targets.  Each returns 0; a broken invariant aborts. */
int sgk_fuzz_ingest(const uint8_t *data, size_t size);
int sgk_fuzz_sidefiles(const uint8_t *data, size_t size);
int sgk_fuzz_engine(const uint8_t *data, size_t size);

#endif
