/* Working days for England and Wales.
 *
 * Sources:
 * - Banking and Financial Dealings Act 1971, schedule 1: the statutory
 *   bank holidays in England and Wales (Easter Monday, the last Mondays of
 *   May and August, 26 December or the next weekday when it falls at a
 *   weekend, with 27 December when Christmas is a Sunday).  Good Friday and
 *   Christmas Day are common-law holidays.  New Year's Day (from 1974) and
 *   the early May holiday (from 1978) are appointed each year by royal
 *   proclamation under section 1(3); so are the weekend substitutes.
 * - One-off royal proclamations: the royal wedding (29 July 1981), the VE
 *   Day anniversary move (8 May 1995), the millennium (31 December 1999),
 *   the Golden Jubilee (3-4 June 2002), the royal wedding (29 April 2011),
 *   the Diamond Jubilee (4-5 June 2012), the VE Day anniversary move
 *   (8 May 2020), the Platinum Jubilee (2-3 June 2022), the state funeral
 *   of Queen Elizabeth II (19 September 2022) and the coronation of King
 *   Charles III (8 May 2023).
 * - Department for Education, Children in Need census guidance: an
 *   assessment's duration in working days counts the days after the start
 *   up to and including the completion day, skipping weekends and bank
 *   holidays; sgk__working_days follows that convention.
 *
 * The list is computed, not read from a file, from 1978 (the first year
 * with all of today's regular holidays) to 2100; other years have none,
 * since the rules before 1978 were different and no extract reaches them.
 */
#include <stddef.h>
#include <stdint.h>
#include "calendar.h"

#define FIRST_RULE_YEAR 1978
#define LAST_RULE_YEAR SGK__YEAR_MAX
#define MAX_HOLIDAYS 16

/* A one-off change: move a regular holiday (from_m/from_d set), or add an
 * extra one (from_m 0). */
typedef struct holiday_change {
    short year;
    signed char from_m, from_d, to_m, to_d;
} holiday_change;

static const holiday_change changes[] = {
    {1981, 0, 0, 7, 29},  /* wedding of the Prince of Wales */
    {1995, 5, 1, 5, 8},   /* early May moved to the VE Day anniversary */
    {1999, 0, 0, 12, 31}, /* millennium */
    {2002, 5, 27, 6, 4},  /* spring holiday moved for the Golden Jubilee */
    {2002, 0, 0, 6, 3},   /* Golden Jubilee */
    {2011, 0, 0, 4, 29},  /* wedding of Prince William */
    {2012, 5, 28, 6, 4},  /* spring holiday moved for the Diamond Jubilee */
    {2012, 0, 0, 6, 5},   /* Diamond Jubilee */
    {2020, 5, 4, 5, 8},   /* early May moved to the VE Day anniversary */
    {2022, 5, 30, 6, 2},  /* spring holiday moved for the Platinum Jubilee */
    {2022, 0, 0, 6, 3},   /* Platinum Jubilee */
    {2022, 0, 0, 9, 19},  /* state funeral of Queen Elizabeth II */
    {2023, 0, 0, 5, 8},   /* coronation of King Charles III */
};

/* ---- the holiday rules ---------------------------------------------- */

/* Easter Sunday by the Gregorian computus: find the ecclesiastical full
 * moon on or after 21 March from the moon's age (the epact) for the year's
 * place in the 19-year lunar cycle, then take the following Sunday. */
static sgk__day easter_sunday(int y)
{
    int golden = y % 19 + 1;   /* place in the 19-year lunar cycle */
    int century = y / 100 + 1;
    /* Century years the Gregorian reform made common years. */
    int skipped = 3 * century / 4 - 12;
    /* The lunar cycle's slow drift against the real moon. */
    int moon_fix = (8 * century + 5) / 25 - 5;
    /* Day n of March is a Sunday when sunday_key + n is a multiple of 7. */
    int sunday_key = 5 * y / 4 - skipped - 10;
    int epact = (11 * golden + 20 + moon_fix - skipped) % 30;
    int full_moon;

    if (epact < 0)
        epact += 30;
    /* The church tables never put the full moon on 19 April, nor on
     * 18 April twice in one lunar cycle. */
    if ((epact == 25 && golden > 11) || epact == 24)
        epact++;
    full_moon = 44 - epact; /* a day of March; past 31 runs into April */
    if (full_moon < 21)
        full_moon += 30;
    full_moon += 7 - (sunday_key + full_moon) % 7; /* the Sunday after */
    return sgk__day_from_ymd(y, 3, 1) + full_moon - 1;
}

static sgk__day first_monday(int y, int m)
{
    sgk__day first = sgk__day_from_ymd(y, m, 1);
    return first + (7 - sgk__day_weekday(first)) % 7;
}

static sgk__day last_monday(int y, int m)
{
    sgk__day last = sgk__day_from_ymd(y, m, sgk__days_in_month(y, m));
    return last - sgk__day_weekday(last);
}

/* A holiday on a Saturday or Sunday moves to the following Monday. */
static sgk__day next_weekday(sgk__day day)
{
    int wd = sgk__day_weekday(day);
    return wd == 5 ? day + 2 : wd == 6 ? day + 1 : day;
}

/* Christmas and Boxing Day and their substitutes: whichever falls at a
 * weekend moves to the first weekday the other does not already occupy. */
static int add_christmas(int y, sgk__day *out, int n)
{
    sgk__day xmas = sgk__day_from_ymd(y, 12, 25);
    int wd = sgk__day_weekday(xmas);

    if (wd == 5) {          /* Saturday: Monday 27 and Tuesday 28 */
        out[n++] = xmas + 2;
        out[n++] = xmas + 3;
    } else if (wd == 6) {   /* Sunday: Monday 26 and Tuesday 27 */
        out[n++] = xmas + 1;
        out[n++] = xmas + 2;
    } else {                /* Boxing Day on Saturday moves to Monday 28 */
        out[n++] = xmas;
        out[n++] = next_weekday(xmas + 1);
    }
    return n;
}

/* The holidays every year has, already in date order. */
static int regular_holidays(int y, sgk__day *out)
{
    sgk__day easter = easter_sunday(y);
    int n = 0;

    out[n++] = next_weekday(sgk__day_from_ymd(y, 1, 1));
    out[n++] = easter - 2; /* Good Friday */
    out[n++] = easter + 1; /* Easter Monday */
    out[n++] = first_monday(y, 5);
    out[n++] = last_monday(y, 5);
    out[n++] = last_monday(y, 8);
    return add_christmas(y, out, n);
}

static int apply_change(const holiday_change *ch, sgk__day *out, int n)
{
    sgk__day to = sgk__day_from_ymd(ch->year, ch->to_m, ch->to_d);
    sgk__day from;
    int i;

    if (ch->from_m == 0) {
        out[n++] = to;
        return n;
    }
    from = sgk__day_from_ymd(ch->year, ch->from_m, ch->from_d);
    for (i = 0; i < n; i++)
        if (out[i] == from)
            out[i] = to;
    return n;
}

static void sort_days(sgk__day *days, int n)
{
    int i, j;
    for (i = 1; i < n; i++) {
        sgk__day key = days[i];
        for (j = i; j > 0 && days[j - 1] > key; j--)
            days[j] = days[j - 1];
        days[j] = key;
    }
}

int sgk__bank_holidays(int year, sgk__day *out)
{
    size_t i;
    int n;

    if (year < FIRST_RULE_YEAR || year > LAST_RULE_YEAR)
        return 0;
    n = regular_holidays(year, out);
    for (i = 0; i < sizeof changes / sizeof changes[0]; i++)
        if (changes[i].year == year)
            n = apply_change(&changes[i], out, n);
    sort_days(out, n);
    return n;
}

int sgk__is_bank_holiday(sgk__day day)
{
    sgk__day list[MAX_HOLIDAYS];
    int y, m, d, n, i;

    sgk__day_to_ymd(day, &y, &m, &d);
    n = sgk__bank_holidays(y, list);
    for (i = 0; i < n; i++)
        if (list[i] == day)
            return 1;
    return 0;
}

/* ---- the calendar --------------------------------------------------- */

void sgk__calendar_init(sgk__calendar *cal)
{
    cal->closures = NULL;
    cal->nclosures = 0;
    cal->capclosures = 0;
    cal->prefix = NULL;
    cal->base = 0;
    cal->span = 0;
}

void sgk__calendar_free(const sgk__mem *mem, sgk__calendar *cal)
{
    sgk__free(mem, cal->closures);
    sgk__free(mem, cal->prefix);
    sgk__calendar_init(cal);
}

static int has_closure(const sgk__calendar *cal, sgk__day day)
{
    size_t i;
    for (i = 0; i < cal->nclosures; i++)
        if (cal->closures[i] == day)
            return 1;
    return 0;
}

int sgk__calendar_add_closure(const sgk__mem *mem, sgk__calendar *cal,
                              sgk__day day)
{
    /* The table no longer matches the closures, and there is no flag to
     * say so, so drop it; the slow paths stay correct meanwhile. */
    sgk__free(mem, cal->prefix);
    cal->prefix = NULL;
    /* Keeping each day once lets the slow count subtract closures without
     * counting a repeated day twice. */
    if (has_closure(cal, day))
        return 0;
    if (cal->nclosures == cal->capclosures) {
        size_t cap = cal->capclosures ? cal->capclosures * 2 : 16;
        sgk__day *grown;
        if (cap > SIZE_MAX / sizeof *grown)
            return SGK_E_NOMEM;
        grown = sgk__realloc(mem, cal->closures, cap * sizeof *grown);
        if (!grown)
            return SGK_E_NOMEM;
        cal->closures = grown;
        cal->capclosures = cap;
    }
    cal->closures[cal->nclosures++] = day;
    return 0;
}

static int in_table(const sgk__calendar *cal, sgk__day day)
{
    int64_t i = (int64_t)day - cal->base;
    return cal->prefix != NULL && i >= 0 && i < cal->span;
}

/* Sets prefix[i + 1] to 1 for a working day base + i, 0 otherwise. */
static void mark_working_days(sgk__calendar *cal)
{
    sgk__day list[MAX_HOLIDAYS];
    int32_t i;
    int y, n, k;
    size_t c;

    cal->prefix[0] = 0;
    for (i = 0; i < cal->span; i++)
        cal->prefix[i + 1] = sgk__day_weekday(cal->base + i) < 5;
    for (y = SGK__YEAR_MIN; y <= SGK__YEAR_MAX; y++) {
        n = sgk__bank_holidays(y, list);
        for (k = 0; k < n; k++)
            cal->prefix[list[k] - cal->base + 1] = 0;
    }
    for (c = 0; c < cal->nclosures; c++)
        if (in_table(cal, cal->closures[c]))
            cal->prefix[cal->closures[c] - cal->base + 1] = 0;
}

int sgk__calendar_build(const sgk__mem *mem, sgk__calendar *cal)
{
    sgk__day first = sgk__day_from_ymd(SGK__YEAR_MIN, 1, 1);
    sgk__day last = sgk__day_from_ymd(SGK__YEAR_MAX, 12, 31);
    int32_t span = last - first + 1;
    int32_t *prefix;
    int32_t i;

    /* Adding a closure day drops the table, so one still here is current:
     * computing again need not redo 200 years of holidays. */
    if (cal->prefix)
        return 0;
    prefix = sgk__realloc(mem, cal->prefix,
                          ((size_t)span + 1) * sizeof *prefix);
    if (!prefix)
        return SGK_E_NOMEM;
    cal->prefix = prefix;
    cal->base = first;
    cal->span = span;
    mark_working_days(cal);
    for (i = 1; i <= span; i++)
        prefix[i] += prefix[i - 1];
    return 0;
}

/* Without the table: the rules themselves. */
static int is_working_slow(const sgk__calendar *cal, sgk__day day)
{
    if (sgk__day_weekday(day) >= 5 || sgk__is_bank_holiday(day))
        return 0;
    return !has_closure(cal, day);
}

int sgk__calendar_is_working(const sgk__calendar *cal, sgk__day day)
{
    int32_t i;
    if (!in_table(cal, day))
        return is_working_slow(cal, day);
    i = day - cal->base;
    return cal->prefix[i + 1] - cal->prefix[i];
}

/* Monday to Friday days before x, counted from the Monday 1970-01-05; only
 * differences of this are used, so the anchor does not matter. */
static int64_t weekdays_before(int64_t x)
{
    int64_t n = x - 4;
    int64_t weeks = n >= 0 ? n / 7 : -((-n + 6) / 7);
    int64_t rest = n - 7 * weeks;
    return 5 * weeks + (rest < 5 ? rest : 5);
}

/* Working days in (a, b] for a <= b without the table (not built, or a day
 * outside it): weekdays, less holidays and closures that fall on them. */
static int32_t count_slowly(const sgk__calendar *cal, sgk__day a, sgk__day b)
{
    sgk__day list[MAX_HOLIDAYS];
    int64_t count = weekdays_before((int64_t)b + 1) -
                    weekdays_before((int64_t)a + 1);
    int ya, yb, m, d, y, n, k;
    size_t c;

    sgk__day_to_ymd(a, &ya, &m, &d);
    sgk__day_to_ymd(b, &yb, &m, &d);
    ya = ya > FIRST_RULE_YEAR ? ya : FIRST_RULE_YEAR;
    yb = yb < LAST_RULE_YEAR ? yb : LAST_RULE_YEAR;
    for (y = ya; y <= yb; y++) {
        n = sgk__bank_holidays(y, list);
        for (k = 0; k < n; k++)
            if (list[k] > a && list[k] <= b && sgk__day_weekday(list[k]) < 5)
                count--;
    }
    for (c = 0; c < cal->nclosures; c++) {
        sgk__day day = cal->closures[c];
        if (day > a && day <= b && sgk__day_weekday(day) < 5 &&
            !sgk__is_bank_holiday(day))
            count--;
    }
    return (int32_t)count;
}

int32_t sgk__working_days(const sgk__calendar *cal, sgk__day a, sgk__day b)
{
    if (b < a)
        return -sgk__working_days(cal, b, a);
    if (!in_table(cal, a) || !in_table(cal, b))
        return count_slowly(cal, a, b);
    /* prefix[i] counts working days before base + i, so the difference
     * below covers a + 1 .. b: the start day never counts. */
    return cal->prefix[b - cal->base + 1] - cal->prefix[a - cal->base + 1];
}
