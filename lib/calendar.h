/* Working days: weekends, England and Wales bank holidays and any extra
 * closure days the caller adds. */
#ifndef SGK_CALENDAR_H
#define SGK_CALENDAR_H

#include <stdint.h>
#include "alloc.h"
#include "dates.h"

/* Range the prefix table covers: 1900-01-01 .. 2100-12-31. */
typedef struct sgk__calendar {
    sgk__day *closures;  /* caller's extra non-working days, unsorted */
    size_t nclosures;
    size_t capclosures;
    int32_t *prefix;     /* prefix[i] = working days in [base, base + i) */
    sgk__day base;       /* first day of the table */
    int32_t span;        /* number of days the table covers */
} sgk__calendar;

void sgk__calendar_init(sgk__calendar *cal);
void sgk__calendar_free(const sgk__mem *mem, sgk__calendar *cal);
/* 0 or SGK_E_NOMEM.  Invalidates the prefix table. */
int sgk__calendar_add_closure(const sgk__mem *mem, sgk__calendar *cal,
                              sgk__day day);
/* Builds the prefix table (after closures are added). 0 or SGK_E_NOMEM. */
int sgk__calendar_build(const sgk__mem *mem, sgk__calendar *cal);

/* 1 if the day is an England and Wales bank holiday (no closures). */
int sgk__is_bank_holiday(sgk__day day);
/* Writes the bank holidays of `year` in date order into out (room for 16);
 * returns how many. */
int sgk__bank_holidays(int year, sgk__day *out);
/* 1 if the day is a working day under this calendar (built or not). */
int sgk__calendar_is_working(const sgk__calendar *cal, sgk__day day);
/* Working days after a up to and including b (same day = 0); negative
 * when b < a.  Needs sgk__calendar_build() first. Both days must lie in
 * the table's range. */
int32_t sgk__working_days(const sgk__calendar *cal, sgk__day a, sgk__day b);

#endif
