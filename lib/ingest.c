/* From records to facts: the header picks the layout, each later record
 * becomes one fact or one rejected row, and the counts always add up. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "family.h"

static const sgk__ingest_fn ingest_fns[SGK_KIND_COUNT] = {
    NULL,
    sgk__referrals_ingest,
    sgk__assessments_ingest,
    sgk__cp_ingest,
    sgk__cla_ingest,
    sgk__cases_ingest,
    sgk__workforce_ingest,
    sgk__cla_children_ingest,
    sgk__care_leavers_ingest,
};

static sgk__input *input_of(struct sgk_engine *e, uint16_t i)
{
    return sgk__vec_at(&e->inputs, i);
}

static int keep_headers(struct sgk_engine *e, sgk__input *in,
                        const sgk__field *f, size_t n)
{
    size_t i;
    in->headers = sgk__calloc(&e->mem, n ? n : 1, sizeof *in->headers);
    if (!in->headers)
        return SGK_E_NOMEM;
    for (i = 0; i < n; i++) {
        in->headers[i] = sgk__strndup(&e->mem, f[i].data, f[i].len);
        if (!in->headers[i])
            break;
    }
    in->nheaders = i; /* only what was copied, so no NULL is ever read */
    return i == n ? 0 : SGK_E_NOMEM;
}

/* Tells the reader which fields the layout reads, so it copies no others,
 * and notes what every row of the layout's kind needs. */
int sgk__ingest_want(struct sgk_engine *e, sgk__ingest *in)
{
    int c;
    in->child_required = sgk__col_role(in->layout.kind, SGK__COL_CHILD_ID) ==
                         SGK__ROLE_REQUIRED;
    unsigned char *wanted = sgk__calloc(&e->mem, in->layout.nfields + 1, 1);
    if (!wanted)
        return SGK_E_NOMEM;
    for (c = 0; c < SGK__COL_COUNT; c++)
        if (in->layout.field_of_col[c] >= 0)
            wanted[in->layout.field_of_col[c]] = 1;
    sgk__free(&e->mem, in->wanted);
    in->wanted = wanted;
    in->reader.wanted = wanted;
    in->reader.nwanted = in->layout.nfields;
    return 0;
}

static int on_header(sgk__ingest *in, const sgk__field *f, size_t n,
                     int64_t line)
{
    struct sgk_engine *e = in->engine;
    sgk__input *input = input_of(e, in->input);
    char msg[900], column[256];
    int rc = keep_headers(e, input, f, n);
    if (rc)
        return rc;
    rc = sgk__layout_build(&e->mem, &in->layout, in->forced_kind, f, n,
                           e->aliases.items, e->aliases.len, msg, sizeof msg,
                           column, sizeof column);
    if (rc == SGK_E_NOMEM)
        return rc;
    if (rc)
        return sgk__error_set(&e->err, rc, input->name, line,
                              column[0] ? column : NULL, "%s:%lld: %s",
                              input->name, (long long)line, msg);
    input->kind = in->layout.kind;
    memcpy(input->field_of_col, in->layout.field_of_col,
           sizeof input->field_of_col);
    in->have_header = 1;
    return sgk__ingest_want(e, in);
}

/* A record longer than the header with text past the end means a
 * delimiter inside an unquoted value: the fields no longer line up. */
static size_t overflow_field(const sgk__layout *lay, const sgk__field *f,
                             size_t n)
{
    size_t i;
    for (i = lay->nfields; i < n; i++)
        if (f[i].len > 0)
            return i;
    return 0;
}

/* A word of plain ASCII with no NUL byte. */
static int ascii_word(uint64_t w)
{
    return !((w & 0x8080808080808080ull) ||
             ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull));
}

/* Plain ASCII without NULs, the usual case, checked a word at a time, the
 * last word overlapping the one before rather than a loop over the tail
 * (ids and names are mostly 4 to 16 bytes).  0 when some byte needs the
 * full check. */
static int plain_ascii(const char *s, size_t len)
{
    uint64_t w;
    uint32_t a, b;
    size_t i;
    if (len >= 8) {
        for (i = 0; i + 8 < len; i += 8) {
            memcpy(&w, s + i, 8);
            if (!ascii_word(w))
                return 0;
        }
        memcpy(&w, s + len - 8, 8);
        return ascii_word(w);
    }
    if (len >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        return ascii_word((uint64_t)a << 32 | b);
    }
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] - 1u >= 0x7Fu)
            return 0;
    return 1;
}

/* UTF-8 without NUL bytes: what the reports can carry safely.  Overlong
 * three- and four-byte forms are not policed; they print harmlessly. */
static int valid_text(const char *s, size_t len)
{
    size_t i = 0, k, need;
    if (plain_ascii(s, len))
        return 1;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3;
        else
            return 0;
        if (len - i - 1 < need)
            return 0;
        for (k = 1; k <= need; k++)
            if (((unsigned char)s[i + k] & 0xC0) != 0x80)
                return 0;
        i += need + 1;
    }
    return 1;
}

/* A text column's text, or 0 (with a rejection naming `indicators`)
 * when it is blank or not text the reports can carry. */
static int read_text(sgk__row *row, int col, const char *indicators,
                     const char **s, size_t *len)
{
    if (!sgk__row_text(row, col, s, len))
        return 0;
    if (valid_text(*s, *len))
        return 1;
    sgk__row_reject(row, col, indicators, "%s is not valid UTF-8 text "
                    "(or contains a NUL byte)", sgk__col_name(col));
    return 0;
}

/* Interns a team or worker; blank gives id 0.  Its id is first looked
 * for in `recent`.  Returns 1 when the text was present and valid. */
static int intern_name(sgk__row *row, int col, sgk__strpool *pool,
                       sgk__recent *recent, uint32_t *id,
                       const char *indicators)
{
    const char *s;
    size_t len;
    uint32_t *seen;
    *id = 0;
    if (!sgk__row_text(row, col, &s, &len))
        return 0;
    seen = sgk__recent_slot(recent, s, len);
    if (*seen && sgk__strpool_is(pool, *seen - 1, s, len)) {
        *id = *seen - 1;
        return 1;
    }
    if (!read_text(row, col, indicators, &s, &len))
        return 0;
    if (sgk__strpool_intern(&row->e->mem, pool, s, len, id) != 0) {
        row->status = SGK_E_NOMEM;
        return 0;
    }
    *seen = *id + 1;
    return 1;
}

/* The child id is checked here but looked up later, in a batch (see
 * child_queue.h): *child is left pointing at its text, or NULL. */
static void read_common(sgk__ingest *in, sgk__row *row, sgk__fact *f,
                        const char **child, size_t *child_len)
{
    struct sgk_engine *e = row->e;
    *child = NULL;
    if (in->child_required &&
        !read_text(row, SGK__COL_CHILD_ID, NULL, child, child_len)) {
        *child = NULL;
        if (!row->rejected)
            sgk__row_reject(row, SGK__COL_CHILD_ID, NULL, "child_id is blank");
    }
    intern_name(row, SGK__COL_TEAM, &e->teams, &in->recent_team, &f->team,
                "by_team");
    if (!intern_name(row, SGK__COL_WORKER, &e->workers, &in->recent_worker,
                     &f->worker,
                     "unallocated_over_28_days,unallocated_cp_cla")) {
        const char *s;
        size_t len;
        /* Present but unreadable is not the same as unallocated. */
        if (sgk__row_text(row, SGK__COL_WORKER, &s, &len))
            f->bad |= SGK__BAD_WORKER;
    }
}

static int on_row(sgk__ingest *in, const sgk__field *f, size_t n,
                  int64_t line)
{
    struct sgk_engine *e = in->engine;
    sgk__input *input = input_of(e, in->input);
    sgk__row row;
    sgk__fact fact, *slot;
    const char *child;
    size_t extra, child_len = 0;
    int kind = in->layout.kind;

    memset(&row, 0, sizeof row);
    row.e = e;
    row.layout = &in->layout;
    row.fields = f;
    row.nfields = n < in->layout.nfields ? n : in->layout.nfields;
    row.line = line;
    row.input = in->input;
    input->rows_read++;
    extra = overflow_field(&in->layout, f, n);
    if (extra) {
        input->rows_rejected++;
        return sgk__reject(e, in->input, line, (int)extra, NULL,
                           "row has %zu fields but the header has %zu; a "
                           "value probably contains an unquoted delimiter",
                           n, in->layout.nfields);
    }
    memset(&fact, 0, sizeof fact);
    fact.d[0] = fact.d[1] = fact.d[2] = fact.d[3] = SGK__NO_DATE;
    fact.line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    fact.input = in->input;
    read_common(in, &row, &fact, &child, &child_len);
    if (!row.rejected && !row.status)
        ingest_fns[kind](&row, &fact);
    if (row.status)
        return row.status;
    if (row.rejected) {
        input->rows_rejected++;
        return 0;
    }
    /* Reserve, not push: the fact is copied in whole, so the slot needs
     * no clearing first; and only when full, which is seldom. */
    if (e->facts[kind].len == e->facts[kind].cap &&
        sgk__vec_reserve(&e->mem, &e->facts[kind], 1) != 0)
        return SGK_E_NOMEM;
    slot = (sgk__fact *)e->facts[kind].items + e->facts[kind].len++;
    *slot = fact;
    input->rows_used++;
    if (child)
        return sgk__child_queue_add(&e->mem, &in->children_due, &e->children,
                                    &e->facts[kind], e->facts[kind].len - 1,
                                    child, child_len);
    return 0;
}

static int on_record(void *ctx, const sgk__field *f, size_t n, int64_t line)
{
    sgk__ingest *in = ctx;
    if (!in->have_header)
        return on_header(in, f, n, line);
    return on_row(in, f, n, line);
}

static int on_bad_record(void *ctx, int64_t line, size_t field,
                         const char *reason)
{
    sgk__ingest *in = ctx;
    struct sgk_engine *e = in->engine;
    sgk__input *input = input_of(e, in->input);
    if (!in->have_header)
        return sgk__error_set(&e->err, SGK_E_PARSE, input->name, line, NULL,
                              "%s:%lld: the header row cannot be read: %s",
                              input->name, (long long)line, reason);
    input->rows_read++;
    input->rows_rejected++;
    return sgk__reject(e, in->input, line, (int)field - 1, NULL, "%s", reason);
}

int sgk__ingest_begin(struct sgk_engine *e, sgk__ingest *in, const char *name,
                      int kind)
{
    sgk__input *input;
    int k;
    if (e->inputs.len >= UINT16_MAX)
        return sgk__error_set(&e->err, SGK_E_INVALID_ARGUMENT, name, 0, NULL,
                              "too many inputs (at most %u)", UINT16_MAX - 1);
    input = sgk__vec_push(&e->mem, &e->inputs);
    if (!input)
        return SGK_E_NOMEM;
    input->name = sgk__strdup(&e->mem, name);
    if (!input->name) {
        e->inputs.len--;
        return SGK_E_NOMEM;
    }
    input->kind = kind;
    memset(in, 0, sizeof *in);
    in->engine = e;
    in->input = (uint16_t)(e->inputs.len - 1);
    in->forced_kind = kind;
    for (k = 0; k < SGK_KIND_COUNT; k++)
        in->facts_mark[k] = e->facts[k].len;
    if (sgk__reader_init(&in->reader, &e->mem,
                         (unsigned char)e->options[SGK_OPT_DELIMITER],
                         on_record, on_bad_record, in) != 0) {
        sgk__reader_free(&in->reader);
        input->failed = 1;
        return SGK_E_NOMEM;
    }
    in->open = 1;
    return 0;
}

int sgk__ingest_settle(struct sgk_engine *e, sgk__ingest *in)
{
    return sgk__child_queue_flush(&e->mem, &in->children_due, &e->children,
                                  &e->facts[in->layout.kind]);
}

/* Closes an ingestion.  `status` is what reading returned; an input with
 * no header at all is an error too. */
int sgk__ingest_end(struct sgk_engine *e, sgk__ingest *in, int status)
{
    sgk__input *input = input_of(e, in->input);
    if (status == 0)
        status = sgk__reader_finish(&in->reader);
    if (status == 0)
        status = sgk__ingest_settle(e, in);
    sgk__child_queue_drop(&in->children_due);
    sgk__reader_free(&in->reader);
    sgk__free(&e->mem, in->wanted);
    in->wanted = NULL;
    in->open = 0;
    if (status == 0 && !in->have_header)
        status = sgk__error_set(&e->err, SGK_E_EMPTY, input->name, 0, NULL,
                                "%s: the input is empty: no header row",
                                input->name);
    if (status == SGK_E_NOMEM)
        sgk__error_set(&e->err, status, input->name, 0, NULL,
                       "%s: out of memory", input->name);
    if (status) {
        /* A failed input contributes nothing, so no result is half-fed. */
        int k;
        for (k = 0; k < SGK_KIND_COUNT; k++)
            e->facts[k].len = in->facts_mark[k];
        input->failed = 1;
    } else {
        e->kind_seen[input->kind] = 1;
    }
    return status;
}
