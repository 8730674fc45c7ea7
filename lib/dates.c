/* Day numbers and the date spellings found in council extracts.
 *
 * Day numbers count from 1970-01-01 in the proleptic Gregorian calendar.
 * The conversions below work on whole years (365 days plus the leap days
 * before them) rather than on tables, so they hold for any year an int32_t
 * day number can reach, not just the 1900-2100 window the parser accepts.
 *
 * Case-management systems write the same date many ways: ISO dates from
 * SQL exports, UK day/month/year from spreadsheets, and raw Excel serial
 * numbers when a date column loses its formatting.  They also use dummy
 * dates (1900-01-01, 9999-12-31) for "not recorded", which must read as no
 * date rather than as a real, very old or very distant, event. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "dates.h"

/* ---- calendar arithmetic ------------------------------------------- */

/* C division truncates toward zero; year and week counting needs floor so
 * that days before 1970 land in the right year and week. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Leap days in the years before year y (any y, counting past year 0). */
static int64_t leap_days_before(int64_t y)
{
    int64_t p = y - 1;
    return floor_div(p, 4) - floor_div(p, 100) + floor_div(p, 400);
}

static int64_t first_day_of_year(int64_t y)
{
    return 365 * (y - 1970) + leap_days_before(y) - leap_days_before(1970);
}

int sgk__is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_before_month(int y, int m)
{
    static const short before[12] = {0,   31,  59,  90,  120, 151,
                                     181, 212, 243, 273, 304, 334};
    return before[m - 1] + (m > 2 && sgk__is_leap(y));
}

int sgk__days_in_month(int y, int m)
{
    static const signed char length[12] = {31, 28, 31, 30, 31, 30,
                                           31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return length[m - 1] + (m == 2 && sgk__is_leap(y));
}

sgk__day sgk__day_from_ymd(int y, int m, int d)
{
    /* A month outside 1..12 carries into the year, so callers doing month
     * arithmetic never index past the table. */
    int64_t carry = floor_div((int64_t)m - 1, 12);
    int64_t yy = y + carry;
    int mm = (int)((int64_t)m - 12 * carry);
    int64_t day = first_day_of_year(yy) + days_before_month((int)yy, mm) +
                  (int64_t)d - 1;
    return (sgk__day)day;
}

void sgk__day_to_ymd(sgk__day day, int *y, int *m, int *d)
{
    /* The inverse of civil_day below: shift to eras of 400 years that
     * start on 1 March, where month lengths follow a fixed pattern. */
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = month;
    *y = (int)((int64_t)yoe + era * 400 + (month <= 2));
}

int sgk__day_weekday(sgk__day day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((int64_t)day % 7 + 7 + 3) % 7);
}

sgk__day sgk__day_add_years(sgk__day day, int years)
{
    int y, m, d;
    if (day == SGK__NO_DATE)
        return SGK__NO_DATE; /* an open end stays open */
    sgk__day_to_ymd(day, &y, &m, &d);
    y += years;
    if (m == 2 && d == 29 && !sgk__is_leap(y)) {
        m = 3; /* the anniversary of a leap day is taken as 1 March */
        d = 1;
    }
    return sgk__day_from_ymd(y, m, d);
}

/* ---- formatting ----------------------------------------------------- */

static void put_digits(char *buf, int value, int width)
{
    while (width-- > 0) {
        buf[width] = (char)('0' + value % 10);
        value /= 10;
    }
}

void sgk__date_format(sgk__day day, char *buf)
{
    int y, m, d;
    /* The buffer holds four year digits, so clamp rather than overflow;
     * "no date" therefore prints as 9999-12-31, which parses back to it. */
    if (day >= sgk__day_from_ymd(9999, 12, 31))
        day = sgk__day_from_ymd(9999, 12, 31);
    else if (day < sgk__day_from_ymd(0, 1, 1))
        day = sgk__day_from_ymd(0, 1, 1);
    sgk__day_to_ymd(day, &y, &m, &d);
    put_digits(buf, y, 4);
    buf[4] = '-';
    put_digits(buf + 5, m, 2);
    buf[7] = '-';
    put_digits(buf + 8, d, 2);
    buf[10] = '\0';
}

/* ---- parsing -------------------------------------------------------- */

static const char R_NOT_DATE[] =
    "not a date (expected YYYY-MM-DD or DD/MM/YYYY)";
static const char R_TRAILING[] =
    "unexpected text after the date (only a time such as 10:15 may follow)";
static const char R_SERIAL_RANGE[] = "Excel serial day number out of range";

/* The text still to read. */
typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

/* Blanks around a field; line ends are included because a CRLF file read
 * as LF leaves a '\r' on the last field. */
static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int at_end(const cursor *c)
{
    return c->p == c->end;
}

static int accept(cursor *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* Accepts ch in either case (ch given in upper case). */
static int accept_letter(cursor *c, char ch)
{
    return accept(c, ch) || accept(c, (char)(ch - 'A' + 'a'));
}

/* Reads a run of digits and returns its length.  The value stops growing
 * once it is far beyond any valid field, so a long run cannot overflow;
 * callers reject such runs by their length or value. */
static int read_digits(cursor *c, long *value)
{
    int n = 0;
    long v = 0;
    while (c->p < c->end && is_digit(*c->p)) {
        if (v < 100000000L)
            v = v * 10 + (*c->p - '0');
        c->p++;
        n++;
    }
    *value = v;
    return n;
}

/* What the date part of a field said, before any range checks. */
typedef struct fields {
    long y, m, d;
    long serial;
    int is_serial;
} fields;

/* After "YYYY-": the month and day. */
static const char *read_iso_rest(cursor *c, int ylen, fields *f)
{
    if (ylen != 4)
        return "year must have four digits";
    if (read_digits(c, &f->m) != 2 || !accept(c, '-') ||
        read_digits(c, &f->d) != 2)
        return "month and day must have two digits in YYYY-MM-DD";
    return NULL;
}

/* After "D/": the month and year. */
static const char *read_dmy_rest(cursor *c, int dlen, fields *f)
{
    int mlen, ylen;
    if (dlen == 4)
        return "YYYY/MM/DD is not accepted (expected YYYY-MM-DD or "
               "DD/MM/YYYY)";
    mlen = read_digits(c, &f->m);
    if (dlen > 2 || mlen < 1 || mlen > 2)
        return "day and month must have one or two digits in DD/MM/YYYY";
    if (!accept(c, '/'))
        return R_NOT_DATE;
    ylen = read_digits(c, &f->y);
    if (ylen != 4)
        return "year must have four digits";
    return NULL;
}

/* A serial's fractional part is the time of day, which we ignore. */
static const char *read_serial_rest(cursor *c, fields *f)
{
    long frac;
    f->is_serial = 1;
    if (accept(c, '.') && read_digits(c, &frac) == 0)
        return R_NOT_DATE;
    return at_end(c) ? NULL : R_TRAILING;
}

/* Splits the date part of the field into numbers; the separator after the
 * first run of digits tells the three formats apart. */
static const char *read_date(cursor *c, fields *f)
{
    long first;
    int n;

    if (c->p < c->end && *c->p == '-' && c->p + 1 < c->end &&
        is_digit(c->p[1]))
        return "negative numbers are not dates";
    n = read_digits(c, &first);
    if (n == 0)
        return R_NOT_DATE;
    if (accept(c, '-')) {
        f->y = first;
        return read_iso_rest(c, n, f);
    }
    if (accept(c, '/')) {
        f->d = first;
        return read_dmy_rest(c, n, f);
    }
    if (at_end(c) || *c->p == '.') {
        f->serial = first;
        return read_serial_rest(c, f);
    }
    return R_NOT_DATE;
}

/* Optional "Z", "+01:00", "-0500" or " AM"/" PM" after a time. */
static const char *read_time_suffix(cursor *c)
{
    long hh, mm;
    if (accept(c, 'Z'))
        return at_end(c) ? NULL : R_TRAILING;
    if (accept(c, '+') || accept(c, '-')) {
        if (read_digits(c, &hh) != 2)
            return R_TRAILING;
        accept(c, ':');
        if (read_digits(c, &mm) != 2)
            return R_TRAILING;
        return at_end(c) ? NULL : R_TRAILING;
    }
    while (accept(c, ' '))
        ;
    if (accept_letter(c, 'A') || accept_letter(c, 'P')) {
        if (!accept_letter(c, 'M'))
            return R_TRAILING;
    }
    return at_end(c) ? NULL : R_TRAILING;
}

/* The time is ignored, but it must look like one: otherwise "2021-03-04
 * see notes" would pass as a clean date. */
static const char *read_time(cursor *c)
{
    long h, mi, s = 0, frac;
    int nh = read_digits(c, &h);

    if (nh < 1 || nh > 2 || !accept(c, ':') || read_digits(c, &mi) != 2)
        return R_TRAILING;
    if (accept(c, ':')) {
        if (read_digits(c, &s) != 2)
            return R_TRAILING;
        if ((accept(c, '.') || accept(c, ',')) && read_digits(c, &frac) == 0)
            return R_TRAILING;
    }
    if (h > 23 || mi > 59 || s > 60)
        return "the time after the date is not a valid time of day";
    return read_time_suffix(c);
}

/* Whatever follows a YYYY-MM-DD or D/M/YYYY date. */
static const char *read_tail(cursor *c)
{
    if (at_end(c))
        return NULL;
    if (accept(c, 'T'))
        return read_time(c);
    if (!accept(c, ' '))
        return R_TRAILING;
    while (accept(c, ' '))
        ;
    return read_time(c);
}

/* Day 29 to 31 past the end of a real month: say which. */
static const char *day_past_month_end(int y, int m, int d)
{
    static const char *const no31[13] = {
        NULL, NULL, NULL, NULL, "31 April does not exist", NULL,
        "31 June does not exist", NULL, NULL, "31 September does not exist",
        NULL, "31 November does not exist", NULL};
    if (m != 2)
        return no31[m];
    if (d == 29)
        return sgk__is_leap(y) ? NULL
                               : "29 February does not exist in that year "
                                 "(not a leap year)";
    if (d == 30)
        return "30 February does not exist";
    return "31 February does not exist";
}

/* Range checks on a calendar date.  The dummy dates come first: 9999-12-31
 * is outside the year range but still means "no date". */
static const char *check_ymd(const fields *f, int *blank)
{
    *blank = (f->y == 9999 && f->m == 12 && f->d == 31) ||
             (f->y == 1900 && f->m == 1 && f->d == 1);
    if (*blank)
        return NULL;
    if (f->y == 0)
        return "year 0 is outside 1900-2100";
    if (f->y < SGK__YEAR_MIN)
        return "year is before 1900 (years must be 1900-2100)";
    if (f->y > SGK__YEAR_MAX)
        return "year is after 2100 (years must be 1900-2100)";
    if (f->m == 0)
        return "month 0 is not valid";
    if (f->m > 12)
        return "month is greater than 12";
    if (f->d == 0)
        return "day 0 is not valid";
    if (f->d > 31)
        return "day is greater than 31";
    if (f->d > sgk__days_in_month((int)f->y, (int)f->m))
        return day_past_month_end((int)f->y, (int)f->m, (int)f->d);
    return NULL;
}

/* Excel counts 1900-01-01 as day 1 and, copying Lotus 1-2-3, believes in a
 * 29 February 1900 (serial 60).  Serials after it are therefore one ahead
 * of a plain count from 1899-12-31. */
static const char *serial_to_day(long serial, sgk__day *day, int *blank)
{
    sgk__day last_ok = sgk__day_from_ymd(SGK__YEAR_MAX, 12, 31);
    sgk__day dummy_end = sgk__day_from_ymd(9999, 12, 31);

    *blank = 0;
    if (serial == 60)
        return "Excel serial day number 60 is 29 February 1900, which does "
               "not exist";
    if (serial < 1 || serial > 3000000L)
        return R_SERIAL_RANGE;
    if (serial < 60)
        *day = sgk__day_from_ymd(1899, 12, 31) + (sgk__day)serial;
    else
        *day = sgk__day_from_ymd(1899, 12, 30) + (sgk__day)serial;
    *blank = serial == 1 || *day == dummy_end;
    if (!*blank && *day > last_ok)
        return R_SERIAL_RANGE;
    return NULL;
}

static const char *fields_to_day(const fields *f, sgk__day *day, int *blank)
{
    const char *why;
    if (f->is_serial)
        return serial_to_day(f->serial, day, blank);
    why = check_ymd(f, blank);
    if (!why && !*blank)
        *day = sgk__day_from_ymd((int)f->y, (int)f->m, (int)f->d);
    return why;
}

/* Outcome of a parse: *out is always set, *reason only on failure. */
static int finish(int result, sgk__day day, const char *why, sgk__day *out,
                  const char **reason)
{
    if (out)
        *out = result == SGK__DATE_OK ? day : SGK__NO_DATE;
    if (reason)
        *reason = result == SGK__DATE_BAD ? why : NULL;
    return result;
}

/* Days since 1970-01-01 of a valid civil date, without loops or tables
 * (the era-based method, eras being 400-year cycles). */
static sgk__day civil_day(int y, int m, int d)
{
    int yy = y - (m <= 2);
    int era = (yy >= 0 ? yy : yy - 399) / 400;
    unsigned yoe = (unsigned)(yy - era * 400);
    unsigned doy = (unsigned)((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (sgk__day)(era * 146097 + (int)doe - 719468);
}

/* Digits and separators checked a word at a time.  A byte b is a digit
 * when its high nibble is 3 and b + 6 still has high nibble 3; `digits`
 * marks with 0xFF the bytes that must be digits, and the other bytes of
 * the word must equal those of `seps`.  Bytes above 0xF9 carry into the
 * next byte when 6 is added, but they already fail the first test. */
static int swar_shape(uint64_t w, uint64_t digits, uint64_t seps)
{
    const uint64_t nib = 0xF0F0F0F0F0F0F0F0ull, three = 0x3030303030303030ull;
    return (w & digits & nib) == (three & digits) &&
           ((w + 0x0606060606060606ull) & digits & nib) ==
               (three & digits) &&
           (w & ~digits) == seps;
}

/* Eight bytes as a word whose byte i is s[i], on either byte order. */
static uint64_t load_le64(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* The value of the two digit bytes of v starting at byte `at`, v having
 * had '0' taken from each digit byte. */
static int swar_two(uint64_t v, int at)
{
    return (int)((v >> (8 * at)) & 0xFF) * 10 +
           (int)((v >> (8 * at + 8)) & 0xFF);
}

/* The exact shapes nearly every extract uses, "YYYY-MM-DD" and
 * "DD/MM/YYYY", decided in a few dozen instructions by reading the ten
 * bytes as one word and two; 0 when the field needs the full parser
 * (anything unusual, bad or blank-meaning). */
static int parse_common(const char *s, size_t len, sgk__day *out)
{
    const uint64_t iso_digits = 0x00FFFF00FFFFFFFFull,
                   iso_seps = 0x2D00002D00000000ull, /* '-' at 4 and 7 */
                   uk_digits = 0xFFFF00FFFF00FFFFull,
                   uk_seps = 0x00002F00002F0000ull;  /* '/' at 2 and 5 */
    uint64_t w, v;
    int y, m, d, t0, t1;
    if (len != 10)
        return 0;
    w = load_le64(s);
    t0 = (unsigned char)s[8] - '0';
    t1 = (unsigned char)s[9] - '0';
    if ((unsigned)t0 > 9 || (unsigned)t1 > 9)
        return 0;
    if (swar_shape(w, iso_digits, iso_seps)) {
        v = (w & iso_digits) - (0x3030303030303030ull & iso_digits);
        y = swar_two(v, 0) * 100 + swar_two(v, 2);
        m = swar_two(v, 5);
        d = t0 * 10 + t1;
    } else if (swar_shape(w, uk_digits, uk_seps)) {
        v = (w & uk_digits) - (0x3030303030303030ull & uk_digits);
        d = swar_two(v, 0);
        m = swar_two(v, 3);
        y = swar_two(v, 6) * 100 + t0 * 10 + t1;
    } else {
        return 0;
    }
    if (y <= SGK__YEAR_MIN || y > SGK__YEAR_MAX || m < 1 || m > 12 ||
        d < 1 || d > sgk__days_in_month(y, m))
        return 0; /* including 1900, whose 1 January means "no date" */
    *out = civil_day(y, m, d);
    return 1;
}

/* Everything but the common shapes: blanks, times, serials, other
 * separators, and the reasons a date is bad.  Out of line, so the common
 * case does not pay for its stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int parse_general(const char *s, size_t len, sgk__day *out,
                         const char **reason)
{
    cursor c;
    fields f = {0, 0, 0, 0, 0};
    sgk__day day = SGK__NO_DATE;
    const char *why;
    int blank = 0;

    if (s == NULL || len == 0)
        return finish(SGK__DATE_BLANK, day, NULL, out, reason);
    c.p = s;
    c.end = s + len;
    while (c.p < c.end && is_blank(*c.p))
        c.p++;
    while (c.end > c.p && is_blank(c.end[-1]))
        c.end--;
    if (at_end(&c))
        return finish(SGK__DATE_BLANK, day, NULL, out, reason);
    why = read_date(&c, &f);
    if (!why && !f.is_serial)
        why = read_tail(&c);
    if (!why)
        why = fields_to_day(&f, &day, &blank);
    if (why)
        return finish(SGK__DATE_BAD, day, why, out, reason);
    return finish(blank ? SGK__DATE_BLANK : SGK__DATE_OK, day, NULL, out,
                  reason);
}

int sgk__date_parse(const char *s, size_t len, sgk__day *out,
                    const char **reason)
{
    sgk__day day;
    if (s != NULL && parse_common(s, len, &day))
        return finish(SGK__DATE_OK, day, NULL, out, reason);
    return parse_general(s, len, out, reason);
}

int sgk__date_parse_iso(const char *s, sgk__day *out)
{
    fields f = {0, 0, 0, 0, 0};
    int blank, i;

    if (s == NULL)
        return -1;
    for (i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (s[i] == '\0' || (want_dash ? s[i] != '-' : !is_digit(s[i])))
            return -1;
    }
    if (s[10] != '\0')
        return -1;
    f.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
          (s[3] - '0');
    f.m = (s[5] - '0') * 10 + (s[6] - '0');
    f.d = (s[8] - '0') * 10 + (s[9] - '0');
    /* Here 1900-01-01 is a real day (a closure date, a period start), and
     * 9999-12-31 is simply out of range. */
    if (check_ymd(&f, &blank) != NULL || f.y < SGK__YEAR_MIN ||
        f.y > SGK__YEAR_MAX)
        return -1;
    if (out)
        *out = sgk__day_from_ymd((int)f.y, (int)f.m, (int)f.d);
    return 0;
}
