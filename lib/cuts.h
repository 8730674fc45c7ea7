/* Where a CSV text held in memory may be cut so that each piece starts a
 * record, for reading the pieces on several threads (parallel.c). */
#ifndef SGK_CUTS_H
#define SGK_CUTS_H

#include <stddef.h>

/* Returned when the bytes do not tell. */
#define SGK__CUT_UNSURE ((size_t)-1)

/* The position just after the first newline at or after `from` that, to
 * judge by the bytes that follow it, ends a record; len when there is no
 * such newline.  SGK__CUT_UNSURE when the SGK__CUT_WINDOW bytes after
 * that newline hold a quote yet still fit both readings of it (inside a
 * quoted field, or ending a record), or when they fit neither, as
 * malformed text may; without a quote in the window the newline is taken
 * to end a record.  It reads only a little text after `from`, and it is a
 * guess: a caller relying on it must check that the reader of the text
 * before the cut finished between records there. */
#define SGK__CUT_WINDOW ((size_t)64 << 10)
size_t sgk__cut_guess(const char *data, size_t from, size_t len,
                      unsigned char delim);

/* The same decided by counting quotes from `start`, taken to begin a
 * record (the previous cut, itself checked later): every quote inside a
 * quoted field is paired, so a newline after an even count ends a record
 * in well-formed text.  It reads all of data[start, from) and is for when
 * sgk__cut_guess is unsure. */
size_t sgk__cut_counted(const char *data, size_t start, size_t from,
                        size_t len);

#endif
