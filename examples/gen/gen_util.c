/* Random numbers and calendar arithmetic for the generator. */
#include "gen.h"

/* splitmix64's finaliser: a good 64-bit mixer on its own, used both to
 * step the generator and to derive seeds for independent streams. */
uint64_t gen_mix(uint64_t x)
{
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

void gen_rng_seed(gen_rng *r, uint64_t seed, uint64_t stream)
{
    r->s = gen_mix(seed + UINT64_C(0x632be59bd9b4e019)) ^
           gen_mix(stream * UINT64_C(0x9e3779b97f4a7c15) + 1);
}

uint64_t gen_rng_next(gen_rng *r)
{
    r->s += UINT64_C(0x9e3779b97f4a7c15);
    return gen_mix(r->s);
}

/* Multiply-shift rather than modulo: no division, and the bias for the
 * small ranges used here is far below anything a test could notice. */
uint32_t gen_below(gen_rng *r, uint32_t n)
{
    return (uint32_t)(((gen_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int32_t gen_range(gen_rng *r, int32_t lo, int32_t hi)
{
    return lo + (int32_t)gen_below(r, (uint32_t)(hi - lo) + 1u);
}

int gen_chance(gen_rng *r, unsigned permille)
{
    return gen_below(r, 1000) < permille;
}

int gen_weighted(gen_rng *r, const unsigned *weights, int n)
{
    unsigned total = 0, pick;
    int i;
    for (i = 0; i < n; i++)
        total += weights[i];
    pick = gen_below(r, total);
    for (i = 0; i < n - 1; i++) {
        if (pick < weights[i])
            return i;
        pick -= weights[i];
    }
    return n - 1;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar without tables or loops. */
gen_day gen_day_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (gen_day)(era * 146097 + doe - 719468);
}

void gen_ymd(gen_day day, int *y, int *m, int *d)
{
    int32_t z = day + 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int gen_weekday(gen_day day)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int32_t w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int gen_is_weekend(gen_day day)
{
    return gen_weekday(day) >= 5;
}

gen_day gen_add_working_days(gen_day day, int n)
{
    if (n <= 0)
        return day;
    /* The working days after a Saturday or Sunday are those after the
     * Friday before, and from a weekday whole weeks can be added at once. */
    while (gen_is_weekend(day))
        day--;
    day += ((n - 1) / 5) * 7;
    n = (n - 1) % 5 + 1;
    while (n > 0) {
        day++;
        if (!gen_is_weekend(day))
            n--;
    }
    return day;
}

gen_day gen_next_weekday(gen_day day)
{
    while (gen_is_weekend(day))
        day++;
    return day;
}

gen_day gen_anniversary(gen_day day, int years)
{
    int y, m, d;
    gen_ymd(day, &y, &m, &d);
    if (m == 2 && d == 29)
        return gen_day_from_ymd(y + years, 3, 1);
    return gen_day_from_ymd(y + years, m, d);
}

static int two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

int gen_parse_iso(const char *s, gen_day *out)
{
    int y = 0, m, d, i, cy, cm, cd;
    for (i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        y = y * 10 + (s[i] - '0');
    }
    if (s[4] != '-' || s[7] != '-' || s[10] != '\0')
        return -1;
    m = two_digits(s + 5);
    d = two_digits(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *out = gen_day_from_ymd(y, m, d);
    /* A round trip catches 31 April and 29 February in common years. */
    gen_ymd(*out, &cy, &cm, &cd);
    return cy == y && cm == m && cd == d ? 0 : -1;
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

/* Hand-rolled rather than snprintf: this runs for every date of a
 * multi-million-row extract. */
void gen_format_day(gen_day day, int dmy, char *buf)
{
    int y, m, d;
    gen_ymd(day, &y, &m, &d);
    if (dmy) {
        put2(buf, d);
        buf[2] = '/';
        put2(buf + 3, m);
        buf[5] = '/';
        put2(buf + 6, y / 100);
        put2(buf + 8, y % 100);
    } else {
        put2(buf, y / 100);
        put2(buf + 2, y % 100);
        buf[4] = '-';
        put2(buf + 5, m);
        buf[7] = '-';
        put2(buf + 8, d);
    }
    buf[10] = '\0';
}
