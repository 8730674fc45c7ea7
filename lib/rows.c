/* Reading canonical columns out of a record, for the family files. */
#include <stdarg.h>
#include <stdio.h>
#include "family.h"

int sgk__row_code(const sgk__row *row, int col, const char **s, size_t *len)
{
    if (!sgk__row_text(row, col, s, len))
        return 0;
    sgk__code_strip(s, len);
    return *len > 0;
}

void sgk__row_reject(sgk__row *row, int col, const char *indicators,
                     const char *fmt, ...)
{
    char text[400];
    va_list ap;
    int field = col >= 0 ? row->layout->field_of_col[col] : -1;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (!indicators)
        row->rejected = 1;
    if (sgk__reject(row->e, row->input, row->line, field, indicators, "%s",
                    text) != 0)
        row->status = SGK_E_NOMEM;
}

int sgk__row_date(sgk__row *row, int col, int required,
                  const char *indicators, sgk__day *out)
{
    const char *s, *why = NULL;
    size_t len;
    int rc;
    *out = SGK__NO_DATE;
    sgk__row_text(row, col, &s, &len);
    rc = sgk__date_parse(s, len, out, &why);
    if (rc == SGK__DATE_OK)
        return 0;
    if (rc == SGK__DATE_BLANK) {
        if (!required)
            return 0;
        sgk__row_reject(row, col, NULL, "%s is blank", sgk__col_name(col));
        return -1;
    }
    *out = SGK__NO_DATE;
    sgk__row_reject(row, col, required ? NULL : indicators,
                    "%s '%.*s' is not a valid date: %s", sgk__col_name(col),
                    (int)(len > 40 ? 40 : len), s, why ? why : "unreadable");
    return -1;
}

int sgk__input_field(const struct sgk_engine *e, const sgk__fact *f, int col)
{
    const sgk__input *in = sgk__vec_at(&e->inputs, f->input);
    return col >= 0 && col < SGK__COL_COUNT ? in->field_of_col[col] : -1;
}

static void calc_reject(sgk__calc *c, const sgk__fact *f, int column,
                        const char *indicators, const char *fmt, va_list ap)
{
    char text[400];
    if (!c->record)
        return;
    vsnprintf(text, sizeof text, fmt, ap);
    if (sgk__reject_computed_into(c->e, c->rejected, f->input, f->line,
                                  column, indicators, "%s", text) != 0)
        c->status = SGK_E_NOMEM;
}

void sgk__calc_reject(sgk__calc *c, const sgk__fact *f, int column,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    calc_reject(c, f, column, sgk__indicator_at(c->indicator)->id, fmt, ap);
    va_end(ap);
}

void sgk__calc_reject_for(sgk__calc *c, const sgk__fact *f, int column,
                          const char *indicators, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    calc_reject(c, f, column, indicators, fmt, ap);
    va_end(ap);
}

int sgk__row_count(sgk__row *row, int col, int32_t max,
                   const char *indicators, int32_t *out)
{
    const char *s;
    size_t n;
    int32_t v;
    if (!sgk__row_text(row, col, &s, &n))
        return 0;
    if (sgk__parse_count(s, n, &v) != 0 || v > max) {
        sgk__row_reject(row, col, indicators, "%s '%.*s' is not a whole "
                        "number from 0 to %d", sgk__col_name(col),
                        (int)(n > 40 ? 40 : n), s, (int)max);
        return -1;
    }
    *out = v;
    return 1;
}

void sgk__row_count_num(sgk__row *row, int col, const char *indicators,
                        sgk__fact *f)
{
    int32_t v;
    int rc = sgk__row_count(row, col, 1000000, indicators, &v);
    f->num = rc == 1 ? v : -1;
    if (rc < 0)
        f->bad |= SGK__BAD_NUM;
}

int sgk__parse_count(const char *s, size_t len, int32_t *out)
{
    int64_t v = 0;
    size_t i;
    if (len == 0)
        return -1;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
        if (v > 1000000)
            return -1;
    }
    *out = (int32_t)v;
    return 0;
}
