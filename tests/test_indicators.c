/*
 * test_indicators.c - hand-worked indicator fixtures, checked through the
 * public API of the shared library.
 *
 * Every folder under SGK_TEST_DATA that holds a `case.txt` (except
 * "invalid", which belongs to the ingestion tests) is one test.  case.txt is
 * line oriented: blank lines and lines whose first token starts with '#' are
 * comments, and a token starting with '#' ends the line.  Tokens are
 * separated by blanks; a token may be double-quoted to hold blanks.
 *
 * Set-up directives (applied in file order, all before the compute):
 *   period FROM TO                 sgk_engine_set_period
 *   input FILE | input KIND=FILE   sgk_engine_add_file, kind detected/forced
 *   option NAME VALUE              by_team, by_month, ia_timescale,
 *                                  ca_timescale, sa_timescale,
 *                                  unallocated_days, population,
 *                                  referral_window, per_10k_type,
 *                                  exceptions
 *   closure DATE | closure FILE.csv  extra non-working day(s)
 *   profile NAME                   sgk_engine_use_profile
 *   thresholds FILE                sgk_engine_load_thresholds
 * Expectations (checked after the compute):
 *   expect IND NUM DEN | expect IND COUNT | expect IND nodata
 *                                  (NUM DEN: value = 100, 10000 or 1
 *                                  times NUM/DEN, by the unit)
 *   expect_team IND TEAM ...       same forms, for one team's row
 *   expect_month IND YYYY-MM ...   same forms, for one month's row
 *   expect IND nodata NUM DEN      no value, but these tallies
 *   expect_status IND met|amber|not_met|no_data|none
 *   expect_note IND TEXT|none      sgk_result_note contains TEXT, or NULL
 *   expect_rows FILE READ USED REJECTED
 *   expect_rejection FILE LINE COLUMN [INDICATORS]
 *                                       (COLUMN "-" = whole-row rejection;
 *                                       INDICATORS, when given, the list it
 *                                       names, "-" for none) 
 *   expect_rejections N
 *   expect_dq FILE FIELD ROWS BLANK INVALID [STATUS]
 *                                  the data-quality row of FILE's canonical
 *                                  column FIELD (STATUS as expect_status)
 *   expect_no_dq FILE FIELD        FIELD has no data-quality row for FILE
 *   expect_dq_count N              data-quality rows in all
 *   expect_duplicates FILE N       sgk_input_duplicates
 *   expect_exceptions IND [CHILD DATE DAYS]...
 *                                  IND's whole exception list, in order
 *                                  (DATE "-" for none, DAYS "-" for -1);
 *                                  no triples: the list is empty
 *
 * Every mismatch in a case is collected (and printed to stderr) and the
 * case fails once, after its engine has been freed, with a message naming
 * the case, the line of case.txt, the expected and the actual value.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgkpi.h"

/* The build defines SGK_TEST_DATA as the absolute path of tests/data; the
 * fallback lets the file compile on its own and run from the source root. */
#ifndef SGK_TEST_DATA
#define SGK_TEST_DATA "tests/data"
#endif

#define TI_MAX_LINE 4096
#define TI_MAX_TOKENS 64
#define TI_MAX_INPUTS 32
#define TI_MAX_PATH 2048
#define TI_ERR_CAP 6000
#define TI_TOLERANCE 1e-9

/* The case folders found at start-up.  Written once in main() before the
 * runner starts and only read by the tests: the loop index of a test is
 * its position here. */
static struct {
    char **names;
    size_t count;
} case_list;

struct ti_input {
    char file[TI_MAX_PATH]; /* the FILE token as written in case.txt */
    int index;              /* engine input index, -1 if not added */
};

struct ti_ctx {
    const char *name;              /* case folder name */
    char dir[TI_MAX_PATH];         /* absolute folder path */
    sgk_engine *e;
    struct ti_input inputs[TI_MAX_INPUTS];
    int ninputs;
    int have_period;
    int computed;
    int nerr;
    size_t errlen;
    int truncated;
    char err[TI_ERR_CAP];
};

static void ti_fail(struct ti_ctx *c, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void ti_fail(struct ti_ctx *c, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    int n;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->nerr++;
    fprintf(stderr, "%s/case.txt:%d: %s\n", c->name, line, msg);
    if (c->truncated)
        return;
    n = snprintf(c->err + c->errlen, sizeof c->err - c->errlen,
                 "%s%s/case.txt:%d: %s", c->errlen ? "\n" : "", c->name,
                 line, msg);
    if (n < 0 || (size_t)n >= sizeof c->err - c->errlen) {
        c->truncated = 1;
        c->err[c->errlen] = '\0';
        return;
    }
    c->errlen += (size_t)n;
}

/* Splits a line into tokens in place.  Returns the number of tokens, or
 * -1 for an unterminated quote. */
static int ti_tokenize(char *s, char **tok, int max)
{
    int n = 0;

    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        if (*s == '\0' || *s == '#')
            break;
        if (n == max)
            return -1;
        if (*s == '"') {
            char *end = strchr(s + 1, '"');
            if (end == NULL)
                return -1;
            tok[n++] = s + 1;
            *end = '\0';
            s = end + 1;
            continue;
        }
        tok[n++] = s;
        while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r' &&
               *s != '\n')
            s++;
        if (*s == '\0')
            break;
        *s++ = '\0';
    }
    return n;
}

static int ti_join(char *out, size_t cap, const char *dir, const char *file)
{
    int n = snprintf(out, cap, "%s/%s", dir, file);
    return n >= 0 && (size_t)n < cap;
}

static const char *ti_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Parses a whole-token number.  *exact is set when it is an integer. */
static int ti_number(const char *s, double *out, int *exact)
{
    char *end;

    errno = 0;
    *out = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0)
        return 0;
    *exact = strpbrk(s, ".eE") == NULL;
    return 1;
}

static int ti_same(double expected, double actual, int exact)
{
    if (isnan(actual))
        return 0;
    if (exact)
        return actual == expected;
    return fabs(actual - expected) <= TI_TOLERANCE;
}

static int ti_option(const char *name)
{
    static const struct {
        const char *name;
        int option;
    } map[] = {
        {"by_team", SGK_OPT_BY_TEAM},
        {"by_month", SGK_OPT_BY_MONTH},
        {"ia_timescale", SGK_OPT_IA_TIMESCALE},
        {"ca_timescale", SGK_OPT_CA_TIMESCALE},
        {"sa_timescale", SGK_OPT_SA_TIMESCALE},
        {"unallocated_days", SGK_OPT_UNALLOCATED_DAYS},
        {"population", SGK_OPT_POPULATION},
        {"referral_window", SGK_OPT_REFERRAL_WINDOW},
        {"per_10k_type", SGK_OPT_PER_10K_TYPE},
        {"exceptions", SGK_OPT_EXCEPTIONS},
    };
    size_t i;

    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].name, name) == 0)
            return map[i].option;
    return -1;
}

static int ti_status_from_name(const char *name)
{
    if (strcmp(name, "none") == 0)
        return SGK_STATUS_NONE;
    if (strcmp(name, "met") == 0)
        return SGK_STATUS_MET;
    if (strcmp(name, "amber") == 0)
        return SGK_STATUS_AMBER;
    if (strcmp(name, "not_met") == 0)
        return SGK_STATUS_NOT_MET;
    if (strcmp(name, "no_data") == 0)
        return SGK_STATUS_NO_DATA;
    return -1;
}

static const char *ti_status_text(int status)
{
    const char *s = sgk_status_name(status);
    return s ? s : "none";
}

static void ti_engine_error(struct ti_ctx *c, int line, const char *what,
                            int rc)
{
    const char *msg = sgk_engine_errmsg(c->e);
    ti_fail(c, line, "%s failed: %s (%d): %s", what, sgk_strerror(rc), rc,
            msg ? msg : "(no message)");
}

/* ---- set-up directives ------------------------------------------------ */

static void ti_setup(struct ti_ctx *c, int line, char **tok, int n)
{
    char path[TI_MAX_PATH];
    int rc;

    if (strcmp(tok[0], "period") == 0) {
        if (n != 3) {
            ti_fail(c, line, "period needs FROM TO");
            return;
        }
        rc = sgk_engine_set_period(c->e, tok[1], tok[2]);
        if (rc != SGK_OK)
            ti_engine_error(c, line, "sgk_engine_set_period", rc);
        else
            c->have_period = 1;
    } else if (strcmp(tok[0], "input") == 0) {
        char *file = tok[1];
        char *eq;
        int kind = SGK_KIND_AUTO;
        int before;
        struct ti_input *in;

        if (n != 2) {
            ti_fail(c, line, "input needs FILE or KIND=FILE");
            return;
        }
        eq = strchr(tok[1], '=');
        if (eq != NULL) {
            *eq = '\0';
            file = eq + 1;
            kind = sgk_kind_from_name(tok[1]);
            if (kind < 0) {
                ti_fail(c, line, "unknown kind \"%s\" (sgk_kind_from_name)",
                        tok[1]);
                return;
            }
        }
        if (c->ninputs == TI_MAX_INPUTS) {
            ti_fail(c, line, "too many inputs");
            return;
        }
        if (!ti_join(path, sizeof path, c->dir, file)) {
            ti_fail(c, line, "path too long");
            return;
        }
        in = &c->inputs[c->ninputs++];
        snprintf(in->file, sizeof in->file, "%s", file);
        before = sgk_engine_input_count(c->e);
        rc = sgk_engine_add_file(c->e, path, kind);
        in->index = sgk_engine_input_count(c->e) == before + 1 ? before : -1;
        if (rc != SGK_OK)
            ti_engine_error(c, line, "sgk_engine_add_file", rc);
    } else if (strcmp(tok[0], "option") == 0) {
        int option;
        char *end;
        long long v;

        if (n != 3) {
            ti_fail(c, line, "option needs NAME VALUE");
            return;
        }
        option = ti_option(tok[1]);
        errno = 0;
        v = strtoll(tok[2], &end, 10);
        if (option < 0 || end == tok[2] || *end != '\0' || errno != 0) {
            ti_fail(c, line, "bad option \"%s %s\"", tok[1], tok[2]);
            return;
        }
        rc = sgk_engine_set_option(c->e, option, (int64_t)v);
        if (rc != SGK_OK)
            ti_engine_error(c, line, "sgk_engine_set_option", rc);
    } else if (strcmp(tok[0], "closure") == 0) {
        size_t len;

        if (n != 2) {
            ti_fail(c, line, "closure needs DATE or FILE.csv");
            return;
        }
        len = strlen(tok[1]);
        if (len > 4 && strcmp(tok[1] + len - 4, ".csv") == 0) {
            if (!ti_join(path, sizeof path, c->dir, tok[1])) {
                ti_fail(c, line, "path too long");
                return;
            }
            rc = sgk_engine_add_closure_file(c->e, path);
            if (rc != SGK_OK)
                ti_engine_error(c, line, "sgk_engine_add_closure_file", rc);
        } else {
            rc = sgk_engine_add_closure_day(c->e, tok[1]);
            if (rc != SGK_OK)
                ti_engine_error(c, line, "sgk_engine_add_closure_day", rc);
        }
    } else if (strcmp(tok[0], "profile") == 0) {
        if (n != 2) {
            ti_fail(c, line, "profile needs NAME");
            return;
        }
        rc = sgk_engine_use_profile(c->e, tok[1]);
        if (rc != SGK_OK)
            ti_engine_error(c, line, "sgk_engine_use_profile", rc);
    } else if (strcmp(tok[0], "thresholds") == 0) {
        if (n != 2) {
            ti_fail(c, line, "thresholds needs FILE");
            return;
        }
        if (!ti_join(path, sizeof path, c->dir, tok[1])) {
            ti_fail(c, line, "path too long");
            return;
        }
        rc = sgk_engine_load_thresholds(c->e, path);
        if (rc != SGK_OK)
            ti_engine_error(c, line, "sgk_engine_load_thresholds", rc);
    } else if (strncmp(tok[0], "expect", 6) != 0) {
        ti_fail(c, line, "unknown directive \"%s\"", tok[0]);
    }
}

/* ---- expectations ----------------------------------------------------- */

/* Checks one result cell against "nodata", "COUNT" or "NUM DEN". */
static void ti_check_cell(struct ti_ctx *c, int line, int ind, int group,
                          int k, const char *where, char **vals, int nvals)
{
    const char *id = sgk_indicator_id(ind);
    int unit = sgk_indicator_unit(ind);
    int has = sgk_result_has_value(c->e, ind, group, k);
    double value = sgk_result_value(c->e, ind, group, k);
    double num = sgk_result_numerator(c->e, ind, group, k);
    double den = sgk_result_denominator(c->e, ind, group, k);
    double en, ed;
    int xn, xd;

    if (nvals == 1 && strcmp(vals[0], "nodata") == 0) {
        if (has != 0 || !isnan(value))
            ti_fail(c, line,
                    "%s%s: expected no data, got has_value %d, value %.12g "
                    "(numerator %.12g, denominator %.12g)",
                    id, where, has, value, num, den);
        return;
    }
    if (nvals == 1) {
        if (!ti_number(vals[0], &en, &xn)) {
            ti_fail(c, line, "bad count \"%s\"", vals[0]);
            return;
        }
        if (unit != SGK_UNIT_COUNT) {
            ti_fail(c, line, "%s is not a count indicator: give NUM DEN", id);
            return;
        }
        if (has != 1 || !ti_same(en, value, xn) || !ti_same(en, num, xn))
            ti_fail(c, line,
                    "%s%s: expected count %s, got has_value %d, value %.12g, "
                    "numerator %.12g",
                    id, where, vals[0], has, value, num);
        return;
    }
    if (nvals == 2) {
        double ev;

        if (!ti_number(vals[0], &en, &xn) || !ti_number(vals[1], &ed, &xd) ||
            ed == 0.0) {
            ti_fail(c, line, "bad numerator/denominator \"%s %s\"", vals[0],
                    vals[1]);
            return;
        }
        if (unit == SGK_UNIT_COUNT) {
            ti_fail(c, line, "%s is a count: give one COUNT", id);
            return;
        }
        ev = (unit == SGK_UNIT_PERCENT ? 100.0
              : unit == SGK_UNIT_RATE_PER_10K ? 10000.0 : 1.0) * en / ed;
        if (has != 1 || !ti_same(en, num, xn) || !ti_same(ed, den, xd) ||
            !ti_same(ev, value, 0))
            ti_fail(c, line,
                    "%s%s: expected %s/%s -> %.12g, got has_value %d, "
                    "%.12g/%.12g -> %.12g",
                    id, where, vals[0], vals[1], ev, has, num, den, value);
        return;
    }
    if (nvals == 3 && strcmp(vals[0], "nodata") == 0) {
        /* No value, but the tallies are still there to check. */
        if (!ti_number(vals[1], &en, &xn) || !ti_number(vals[2], &ed, &xd)) {
            ti_fail(c, line, "bad \"nodata NUM DEN\"");
            return;
        }
        if (has != 0 || !isnan(value) || !ti_same(en, num, xn) ||
            !ti_same(ed, den, xd))
            ti_fail(c, line,
                    "%s%s: expected no data with %s/%s, got has_value %d, "
                    "%.12g/%.12g -> %.12g",
                    id, where, vals[1], vals[2], has, num, den, value);
        return;
    }
    ti_fail(c, line, "expected nodata, COUNT or NUM DEN");
}

static int ti_find_indicator(struct ti_ctx *c, int line, const char *id)
{
    int ind = sgk_indicator_find(id);
    if (ind < 0)
        ti_fail(c, line, "unknown indicator \"%s\"", id);
    return ind;
}

static const struct ti_input *ti_find_input(struct ti_ctx *c, int line,
                                            const char *file)
{
    int i;

    for (i = 0; i < c->ninputs; i++)
        if (strcmp(c->inputs[i].file, file) == 0)
            return &c->inputs[i];
    ti_fail(c, line, "\"%s\" is not an input of this case", file);
    return NULL;
}

static int ti_int(const char *s, long long *out)
{
    char *end;

    errno = 0;
    *out = strtoll(s, &end, 10);
    return end != s && *end == '\0' && errno == 0;
}

/* The data-quality row of an input's field, or -1. */
static int ti_dq_row(struct ti_ctx *c, int input, const char *field)
{
    int k;
    for (k = 0; k < sgk_dq_count(c->e); k++)
        if (sgk_dq_input(c->e, k) == input &&
            strcmp(sgk_dq_field(c->e, k), field) == 0)
            return k;
    return -1;
}

static void ti_expect_dq(struct ti_ctx *c, int line, char **tok, int n)
{
    const struct ti_input *in = NULL;
    long long rows, blank, invalid;
    int k;

    if (strcmp(tok[0], "expect_dq_count") == 0) {
        if (n != 2 || !ti_int(tok[1], &rows)) {
            ti_fail(c, line, "expect_dq_count needs N");
            return;
        }
        if (sgk_dq_count(c->e) != rows)
            ti_fail(c, line, "expected %lld data-quality rows, got %d", rows,
                    sgk_dq_count(c->e));
        return;
    }
    if (n < 3 || (in = ti_find_input(c, line, tok[1])) == NULL)
        return;
    if (in->index < 0) {
        ti_fail(c, line, "%s was not added to the engine", tok[1]);
        return;
    }
    if (strcmp(tok[0], "expect_duplicates") == 0) {
        if (!ti_int(tok[2], &rows))
            ti_fail(c, line, "expect_duplicates needs FILE N");
        else if (sgk_input_duplicates(c->e, in->index) != rows)
            ti_fail(c, line, "%s: expected %lld duplicates, got %lld",
                    tok[1], rows,
                    (long long)sgk_input_duplicates(c->e, in->index));
        return;
    }
    k = ti_dq_row(c, in->index, tok[2]);
    if (strcmp(tok[0], "expect_no_dq") == 0) {
        if (k >= 0)
            ti_fail(c, line, "%s: field %s has a data-quality row", tok[1],
                    tok[2]);
        return;
    }
    if ((n != 6 && n != 7) || !ti_int(tok[3], &rows) ||
        !ti_int(tok[4], &blank) || !ti_int(tok[5], &invalid)) {
        ti_fail(c, line, "expect_dq needs FILE FIELD ROWS BLANK INVALID "
                         "[STATUS]");
        return;
    }
    if (k < 0) {
        ti_fail(c, line, "%s: no data-quality row for %s", tok[1], tok[2]);
        return;
    }
    if (sgk_dq_rows(c->e, k) != rows || sgk_dq_blank(c->e, k) != blank ||
        sgk_dq_invalid(c->e, k) != invalid)
        ti_fail(c, line, "%s %s rows/blank/invalid: expected %lld/%lld/%lld, "
                "got %lld/%lld/%lld", tok[1], tok[2], rows, blank, invalid,
                (long long)sgk_dq_rows(c->e, k),
                (long long)sgk_dq_blank(c->e, k),
                (long long)sgk_dq_invalid(c->e, k));
    if (rows > 0 && fabs(sgk_dq_value(c->e, k) -
                         100.0 * (double)(blank + invalid) / (double)rows) >
                        TI_TOLERANCE)
        ti_fail(c, line, "%s %s: value %g is not the percentage", tok[1],
                tok[2], sgk_dq_value(c->e, k));
    if (n == 7) {
        int want = ti_status_from_name(tok[6]);
        if (want < 0)
            ti_fail(c, line, "unknown status \"%s\"", tok[6]);
        else if (sgk_dq_status(c->e, k) != want)
            ti_fail(c, line, "%s %s: expected status %s, got %s", tok[1],
                    tok[2], tok[6], ti_status_text(sgk_dq_status(c->e, k)));
    }
}

/* expect_exceptions IND [CHILD DATE DAYS]... */
static void ti_expect_exceptions(struct ti_ctx *c, int line, char **tok,
                                 int n)
{
    int ind, k;
    int64_t count;

    if (n < 2 || (n - 2) % 3 != 0) {
        ti_fail(c, line, "expect_exceptions needs IND and CHILD DATE DAYS "
                         "triples");
        return;
    }
    if ((ind = ti_find_indicator(c, line, tok[1])) < 0)
        return;
    count = sgk_exception_count(c->e, ind);
    if (count != (n - 2) / 3)
        ti_fail(c, line, "%s: expected %d exceptions, got %lld", tok[1],
                (n - 2) / 3, (long long)count);
    for (k = 0; k < (n - 2) / 3 && k < count; k++) {
        const char *child = sgk_exception_child(c->e, ind, k);
        const char *date = sgk_exception_date(c->e, ind, k);
        const char *want_date = tok[3 + 3 * k];
        long long want_days = -1;
        int64_t days = sgk_exception_days(c->e, ind, k);

        if (strcmp(want_date, "-") == 0)
            want_date = "";
        if (strcmp(tok[4 + 3 * k], "-") != 0 &&
            !ti_int(tok[4 + 3 * k], &want_days)) {
            ti_fail(c, line, "DAYS must be a number or -");
            return;
        }
        if (!child || strcmp(child, tok[2 + 3 * k]) != 0 || !date ||
            strcmp(date, want_date) != 0 || days != want_days)
            ti_fail(c, line, "%s exception %d: expected %s %s %s, got %s "
                    "%s %lld", tok[1], k, tok[2 + 3 * k], tok[3 + 3 * k],
                    tok[4 + 3 * k], child ? child : "(none)",
                    date && *date ? date : "-", (long long)days);
    }
}

static void ti_expect(struct ti_ctx *c, int line, char **tok, int n)
{
    char where[256];
    int ind, k, count;

    if (strcmp(tok[0], "expect") == 0) {
        if (n < 3) {
            ti_fail(c, line, "expect needs IND and values");
            return;
        }
        if ((ind = ti_find_indicator(c, line, tok[1])) < 0)
            return;
        ti_check_cell(c, line, ind, SGK_GROUP_TOTAL, 0, "", tok + 2, n - 2);
    } else if (strcmp(tok[0], "expect_team") == 0) {
        if (n < 4) {
            ti_fail(c, line, "expect_team needs IND TEAM and values");
            return;
        }
        if ((ind = ti_find_indicator(c, line, tok[1])) < 0)
            return;
        count = sgk_engine_team_count(c->e);
        for (k = 0; k < count; k++) {
            const char *name = sgk_engine_team_name(c->e, k);
            if (name != NULL && strcmp(name, tok[2]) == 0)
                break;
        }
        if (k == count) {
            ti_fail(c, line, "team \"%s\" not in the breakdown (%d teams)",
                    tok[2], count);
            return;
        }
        snprintf(where, sizeof where, " [team \"%s\"]", tok[2]);
        ti_check_cell(c, line, ind, SGK_GROUP_TEAM, k, where, tok + 3, n - 3);
    } else if (strcmp(tok[0], "expect_month") == 0) {
        if (n < 4) {
            ti_fail(c, line, "expect_month needs IND YYYY-MM and values");
            return;
        }
        if ((ind = ti_find_indicator(c, line, tok[1])) < 0)
            return;
        count = sgk_engine_month_count(c->e);
        for (k = 0; k < count; k++) {
            const char *label = sgk_engine_month_label(c->e, k);
            if (label != NULL && strcmp(label, tok[2]) == 0)
                break;
        }
        if (k == count) {
            ti_fail(c, line, "month %s not in the breakdown (%d months)",
                    tok[2], count);
            return;
        }
        snprintf(where, sizeof where, " [month %s]", tok[2]);
        ti_check_cell(c, line, ind, SGK_GROUP_MONTH, k, where, tok + 3,
                      n - 3);
    } else if (strcmp(tok[0], "expect_status") == 0) {
        int want, got;

        if (n != 3) {
            ti_fail(c, line, "expect_status needs IND STATUS");
            return;
        }
        if ((ind = ti_find_indicator(c, line, tok[1])) < 0)
            return;
        if ((want = ti_status_from_name(tok[2])) < 0) {
            ti_fail(c, line, "unknown status \"%s\"", tok[2]);
            return;
        }
        got = sgk_result_status(c->e, ind, SGK_GROUP_TOTAL, 0);
        if (got != want)
            ti_fail(c, line, "%s: expected status %s, got %s (%d)", tok[1],
                    tok[2], ti_status_text(got), got);
    } else if (strcmp(tok[0], "expect_note") == 0) {
        const char *got;

        if (n != 3) {
            ti_fail(c, line, "expect_note needs IND TEXT|none");
            return;
        }
        if ((ind = ti_find_indicator(c, line, tok[1])) < 0)
            return;
        got = sgk_result_note(c->e, ind);
        if (strcmp(tok[2], "none") == 0 ? got != NULL
                                        : (!got || !strstr(got, tok[2])))
            ti_fail(c, line, "%s: expected note %s, got %s", tok[1], tok[2],
                    got ? got : "none");
    } else if (strcmp(tok[0], "expect_rows") == 0) {
        const struct ti_input *in;
        long long r, u, j;
        int64_t gr, gu, gj;

        if (n != 5 || !ti_int(tok[2], &r) || !ti_int(tok[3], &u) ||
            !ti_int(tok[4], &j)) {
            ti_fail(c, line, "expect_rows needs FILE READ USED REJECTED");
            return;
        }
        if ((in = ti_find_input(c, line, tok[1])) == NULL)
            return;
        if (in->index < 0) {
            ti_fail(c, line, "%s was not added to the engine", tok[1]);
            return;
        }
        gr = sgk_input_rows_read(c->e, in->index);
        gu = sgk_input_rows_used(c->e, in->index);
        gj = sgk_input_rows_rejected(c->e, in->index);
        if (gr != r || gu != u || gj != j)
            ti_fail(c, line,
                    "%s rows read/used/rejected: expected %lld/%lld/%lld, "
                    "got %lld/%lld/%lld",
                    tok[1], r, u, j, (long long)gr, (long long)gu,
                    (long long)gj);
    } else if (strcmp(tok[0], "expect_rejection") == 0) {
        long long want_line;
        int64_t r, total;
        int whole;

        if ((n != 4 && n != 5) || !ti_int(tok[2], &want_line)) {
            ti_fail(c, line, "expect_rejection needs FILE LINE COLUMN "
                             "[INDICATORS]");
            return;
        }
        if (ti_find_input(c, line, tok[1]) == NULL)
            return;
        whole = strcmp(tok[3], "-") == 0;
        total = sgk_engine_rejection_count(c->e);
        for (r = 0; r < total; r++) {
            const char *input = sgk_rejection_input(c->e, r);
            const char *col = sgk_rejection_column(c->e, r);
            const char *names = sgk_rejection_indicator(c->e, r);

            if (input == NULL || strcmp(ti_basename(input), tok[1]) != 0)
                continue;
            if (sgk_rejection_line(c->e, r) != (int64_t)want_line)
                continue;
            if (n == 5 && strcmp(names ? names : "-", tok[4]) != 0)
                continue;
            if (whole ? col == NULL : (col != NULL && strcmp(col, tok[3]) == 0))
                break;
        }
        if (r == total) {
            char seen[512];
            size_t len = 0;

            seen[0] = '\0';
            for (r = 0; r < total && len + 1 < sizeof seen; r++) {
                const char *input = sgk_rejection_input(c->e, r);
                const char *col = sgk_rejection_column(c->e, r);
                int m = snprintf(seen + len, sizeof seen - len, " %s:%lld:%s",
                                 input ? ti_basename(input) : "?",
                                 (long long)sgk_rejection_line(c->e, r),
                                 col ? col : "-");
                if (m < 0 || (size_t)m >= sizeof seen - len)
                    break;
                len += (size_t)m;
            }
            ti_fail(c, line,
                    "expected a rejection at %s line %s column %s; "
                    "rejections found:%s",
                    tok[1], tok[2], tok[3], total ? seen : " none");
        }
    } else if (strcmp(tok[0], "expect_rejections") == 0) {
        long long want;
        int64_t got;

        if (n != 2 || !ti_int(tok[1], &want)) {
            ti_fail(c, line, "expect_rejections needs N");
            return;
        }
        got = sgk_engine_rejection_count(c->e);
        if (got != (int64_t)want)
            ti_fail(c, line, "expected %lld rejections in all, got %lld",
                    want, (long long)got);
    } else if (strncmp(tok[0], "expect_dq", 9) == 0 ||
               strcmp(tok[0], "expect_no_dq") == 0 ||
               strcmp(tok[0], "expect_duplicates") == 0) {
        ti_expect_dq(c, line, tok, n);
    } else if (strcmp(tok[0], "expect_exceptions") == 0) {
        ti_expect_exceptions(c, line, tok, n);
    } else {
        ti_fail(c, line, "unknown directive \"%s\"", tok[0]);
    }
}

/* Reads case.txt once and applies either the set-up or the expectations. */
static void ti_pass(struct ti_ctx *c, FILE *f, int expectations)
{
    char buf[TI_MAX_LINE];
    char *tok[TI_MAX_TOKENS];
    int line = 0;

    rewind(f);
    while (fgets(buf, sizeof buf, f) != NULL) {
        int n;
        int is_expect;

        line++;
        if (strchr(buf, '\n') == NULL && !feof(f)) {
            int ch;
            ti_fail(c, line, "line too long");
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            continue;
        }
        n = ti_tokenize(buf, tok, TI_MAX_TOKENS);
        if (n < 0) {
            if (!expectations)
                ti_fail(c, line, "unterminated quote or too many tokens");
            continue;
        }
        if (n == 0)
            continue;
        is_expect = strncmp(tok[0], "expect", 6) == 0;
        if (expectations && is_expect)
            ti_expect(c, line, tok, n);
        else if (!expectations && !is_expect)
            ti_setup(c, line, tok, n);
    }
}

static void ti_run_case(struct ti_ctx *c)
{
    char path[TI_MAX_PATH];
    FILE *f;
    int rc;

    if (!ti_join(c->dir, sizeof c->dir, SGK_TEST_DATA, c->name) ||
        !ti_join(path, sizeof path, c->dir, "case.txt")) {
        ti_fail(c, 0, "path too long");
        return;
    }
    f = fopen(path, "r");
    if (f == NULL) {
        ti_fail(c, 0, "cannot open %s", path);
        return;
    }
    rc = sgk_engine_new(&c->e);
    if (rc != SGK_OK) {
        ti_fail(c, 0, "sgk_engine_new failed: %s", sgk_strerror(rc));
        fclose(f);
        return;
    }
    ti_pass(c, f, 0);
    if (!c->have_period)
        ti_fail(c, 0, "no period line");
    rc = sgk_engine_compute(c->e);
    if (rc != SGK_OK)
        ti_engine_error(c, 0, "sgk_engine_compute", rc);
    else
        ti_pass(c, f, 1);
    fclose(f);
    sgk_engine_free(c->e);
    c->e = NULL;
}

START_TEST(test_fixture_case)
{
    /* Large enough to hold the context; heap so the check child's stack
     * stays small.  Freed before the verdict so a failure leaks nothing. */
    struct ti_ctx *c = calloc(1, sizeof *c);
    char msg[TI_ERR_CAP + 128];
    int nerr;

    ck_assert_ptr_nonnull(c);
    c->name = case_list.names[_i];
    ti_run_case(c);
    nerr = c->nerr;
    snprintf(msg, sizeof msg, "%s: %d mismatch(es)%s\n%s", c->name, nerr,
             c->truncated ? " (list truncated; all are on stderr)" : "",
             c->err);
    free(c);
    ck_assert_msg(nerr == 0, "%s", msg);
}
END_TEST

START_TEST(test_no_cases)
{
    ck_abort_msg("no case folders with case.txt under %s", SGK_TEST_DATA);
}
END_TEST

static int ti_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ti_is_case(const char *name)
{
    char dir[TI_MAX_PATH];
    char path[TI_MAX_PATH];
    FILE *f;

    if (name[0] == '.' || strcmp(name, "invalid") == 0)
        return 0;
    if (!ti_join(dir, sizeof dir, SGK_TEST_DATA, name) ||
        !ti_join(path, sizeof path, dir, "case.txt"))
        return 0;
    f = fopen(path, "r");
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

/* Fills case_list from SGK_TEST_DATA, sorted.  0 on allocation failure;
 * an unreadable folder leaves the list empty (test_no_cases then fails). */
static int ti_collect_cases(void)
{
    DIR *d = opendir(SGK_TEST_DATA);
    struct dirent *ent;
    size_t cap = 0;

    if (d == NULL) {
        fprintf(stderr, "cannot open %s: %s\n", SGK_TEST_DATA,
                strerror(errno));
        return 1;
    }
    while ((ent = readdir(d)) != NULL) {
        char *copy;

        if (!ti_is_case(ent->d_name))
            continue;
        if (case_list.count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **grown = realloc(case_list.names, ncap * sizeof *grown);
            if (grown == NULL) {
                closedir(d);
                return 0;
            }
            case_list.names = grown;
            cap = ncap;
        }
        copy = malloc(strlen(ent->d_name) + 1);
        if (copy == NULL) {
            closedir(d);
            return 0;
        }
        strcpy(copy, ent->d_name);
        case_list.names[case_list.count++] = copy;
    }
    closedir(d);
    if (case_list.count > 1)
        qsort(case_list.names, case_list.count, sizeof *case_list.names,
              ti_cmp_names);
    return 1;
}

static void ti_free_cases(void)
{
    size_t i;

    for (i = 0; i < case_list.count; i++)
        free(case_list.names[i]);
    free(case_list.names);
    case_list.names = NULL;
    case_list.count = 0;
}

int main(void)
{
    Suite *s;
    SRunner *sr;
    size_t i;
    int failed;

    if (!ti_collect_cases()) {
        fprintf(stderr, "out of memory\n");
        ti_free_cases();
        return EXIT_FAILURE;
    }
    s = suite_create("indicators");
    for (i = 0; i < case_list.count; i++) {
        /* One TCase per folder, named after it, so check's output names
         * the case.  check keeps the name pointer: case_list outlives sr. */
        TCase *tc = tcase_create(case_list.names[i]);
        tcase_set_timeout(tc, 120);
        tcase_add_loop_test(tc, test_fixture_case, (int)i, (int)i + 1);
        suite_add_tcase(s, tc);
    }
    if (case_list.count == 0) {
        TCase *tc = tcase_create("no_cases");
        tcase_add_test(tc, test_no_cases);
        suite_add_tcase(s, tc);
    }
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    ti_free_cases();
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
