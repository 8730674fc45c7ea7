/* Dates as day numbers, and the date formats found in council extracts. */
#ifndef SGK_DATES_H
#define SGK_DATES_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t sgk__day;

/* "No date": a blank field, 1900-01-01 or 9999-12-31. Sorts after every
 * real date so an open record's end compares as "not yet". */
#define SGK__NO_DATE INT32_MAX

/* Years accepted in input; anything outside is a field error. */
#define SGK__YEAR_MIN 1900
#define SGK__YEAR_MAX 2100

sgk__day sgk__day_from_ymd(int y, int m, int d);
void sgk__day_to_ymd(sgk__day day, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int sgk__day_weekday(sgk__day day);
int sgk__is_leap(int y);
int sgk__days_in_month(int y, int m);
/* The same day `years` later; 29 February maps to 1 March when the target
 * year is not a leap year. */
sgk__day sgk__day_add_years(sgk__day day, int years);
/* In days a[lo..hi), sorted, the first index whose day is not before d
 * (hi when none). */
static inline size_t sgk__days_lower_bound(const sgk__day *a, size_t lo,
                                           size_t hi, sgk__day d)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Results of sgk__date_parse. */
enum sgk__date_result {
    SGK__DATE_OK = 0,
    SGK__DATE_BLANK = 1, /* no date: *out is SGK__NO_DATE */
    SGK__DATE_BAD = -1   /* *reason says why in plain English */
};

/* Parses a date field.  Accepts YYYY-MM-DD and D/M/YYYY (one or two digit
 * day and month), each optionally followed by a space or 'T' and a time
 * that is ignored, and Excel serial day numbers (1 = 1900-01-01, with a
 * fractional part ignored).  Leading and trailing blanks are ignored.
 * Blank, 1900-01-01 and 9999-12-31 in any format mean no date.  Returns
 * enum sgk__date_result; on SGK__DATE_BAD, *reason points to a static
 * message such as "day 31 does not exist in February 2021". */
int sgk__date_parse(const char *s, size_t len, sgk__day *out,
                    const char **reason);

/* Strict "YYYY-MM-DD" only, as used in the API and config; 0 or -1. */
int sgk__date_parse_iso(const char *s, sgk__day *out);

/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void sgk__date_format(sgk__day day, char *buf);

#endif
