/* Cutting a CSV text between records without reading it from the start.
 *
 * A newline either ends a record or lies inside a quoted field, and the
 * bytes after it usually show which: read as the start of a record, a
 * free-text note's second line soon puts a quote where strict CSV allows
 * none, and read as the inside of a quoted field, the next record's first
 * quoted field closes with text straight after its quote.  So both
 * readings are followed side by side until one breaks.  In free text
 * that is within a line or two, where counting quotes from the start
 * would read the whole text before the first thread could begin.  Text
 * whose only quotes are empty fields ("") fits both readings throughout,
 * and is counted after all. */
#include <string.h>
#include "cuts.h"

/* Where a strict CSV reader (libcsv with CSV_STRICT) stands after a byte;
 * WRONG: no strict text leads there. */
enum { AT_FIELD, UNQUOTED, QUOTED, QUOTE_SEEN, AFTER_QUOTE, WRONG };

static int ends_field(unsigned char c, unsigned char delim)
{
    return c == delim || c == '\n' || c == '\r';
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int next_state(int s, unsigned char c, unsigned char delim)
{
    switch (s) {
    case AT_FIELD:
        if (c == '"')
            return QUOTED;
        /* libcsv passes over blanks before a field, quoted or not. */
        return ends_field(c, delim) || is_blank(c) ? AT_FIELD : UNQUOTED;
    case UNQUOTED:
        if (ends_field(c, delim))
            return AT_FIELD;
        return c == '"' ? WRONG : UNQUOTED;
    case QUOTED:
        return c == '"' ? QUOTE_SEEN : QUOTED;
    case QUOTE_SEEN:
        if (c == '"')
            return QUOTED; /* "" stands for one quote */
        /* Else the field has closed. */
        /* fall through */
    case AFTER_QUOTE:
        if (ends_field(c, delim))
            return AT_FIELD;
        return is_blank(c) ? AFTER_QUOTE : WRONG;
    default:
        return WRONG;
    }
}

/* A newline that leaves the reader at a field's start ended a record
 * (inside a quoted field it leaves the reader there). */
static int ends_record(unsigned char c, int after)
{
    return c == '\n' && after == AT_FIELD;
}

/* Follows one reading from data[i] in state s: just after the first
 * newline ending a record, or SGK__CUT_UNSURE. */
static size_t follow(const char *data, size_t i, size_t end, int s,
                     unsigned char delim)
{
    for (; i < end; i++) {
        unsigned char c = (unsigned char)data[i];
        s = next_state(s, c, delim);
        if (s == WRONG)
            return SGK__CUT_UNSURE;
        if (ends_record(c, s))
            return i + 1;
    }
    return SGK__CUT_UNSURE;
}

size_t sgk__cut_guess(const char *data, size_t from, size_t len,
                      unsigned char delim)
{
    const char *nl = from < len ? memchr(data + from, '\n', len - from)
                                : NULL;
    size_t start, end, i, quoted_cut = SGK__CUT_UNSURE;
    /* The two readings.  A reading is inside a quoted field exactly when
     * it has seen an odd number of quotes, and the second has seen one
     * more than the first; so one is always inside, where nothing breaks
     * a reading, and they never break on the same byte. */
    int record = AT_FIELD, quoted = QUOTED;
    if (!nl || (size_t)(nl - data) + 1 >= len)
        return len;
    start = (size_t)(nl - data) + 1;
    end = len - start > SGK__CUT_WINDOW ? start + SGK__CUT_WINDOW : len;
    /* With no quote in sight the newline could only be inside a quoted
     * field longer than the window. */
    if (!memchr(data + start, '"', end - start))
        return start;
    for (i = start; i < end && record != WRONG && quoted != WRONG; i++) {
        unsigned char c = (unsigned char)data[i];
        record = next_state(record, c, delim);
        quoted = next_state(quoted, c, delim);
        if (quoted_cut == SGK__CUT_UNSURE && ends_record(c, quoted))
            quoted_cut = i + 1;
    }
    if (quoted == WRONG)
        return start;
    if (record == WRONG)
        return quoted_cut != SGK__CUT_UNSURE
                   ? quoted_cut
                   : follow(data, i, end, quoted, delim);
    return SGK__CUT_UNSURE; /* both readings fit the whole window */
}

/* memchr skips the long stretches without quotes at memory speed. */
static size_t count_quotes(const char *data, size_t from, size_t to)
{
    size_t q = 0;
    const char *p = data + from, *end = data + to;
    while (p < end && (p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        q++;
        p++;
    }
    return q;
}

size_t sgk__cut_counted(const char *data, size_t start, size_t from,
                        size_t len)
{
    size_t q = count_quotes(data, start, from), i;
    for (i = from; i < len; i++) {
        if (data[i] == '"')
            q++;
        else if (data[i] == '\n' && q % 2 == 0)
            return i + 1;
    }
    return len;
}
