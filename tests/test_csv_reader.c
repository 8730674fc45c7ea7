/* The libcsv glue: records, line numbers, and every quirk of real exports. */
#include "check_run.h"
#include <stdlib.h>
#include <string.h>
#include "sgkpi.h"
#include "csv_reader.h"

/* Records are rendered as "line:field|field\n"; bad ones as "line!field\n". */
typedef struct sink {
    char out[4096];
} sink;

static void append(sink *s, const char *text, size_t len)
{
    size_t used = strlen(s->out);
    ck_assert_uint_lt(used + len, sizeof s->out);
    memcpy(s->out + used, text, len);
    s->out[used + len] = '\0';
}

static int on_record(void *ctx, const sgk__field *f, size_t n, int64_t line)
{
    sink *s = ctx;
    char head[32];
    size_t i;
    snprintf(head, sizeof head, "%lld:", (long long)line);
    append(s, head, strlen(head));
    for (i = 0; i < n; i++) {
        if (i)
            append(s, "|", 1);
        append(s, f[i].data, f[i].len);
    }
    append(s, "\n", 1);
    return 0;
}

static int on_bad(void *ctx, int64_t line, size_t field, const char *why)
{
    sink *s = ctx;
    char head[64];
    ck_assert_ptr_nonnull(why);
    snprintf(head, sizeof head, "%lld!%zu\n", (long long)line, field);
    append(s, head, strlen(head));
    return 0;
}

/* Parses data fed in chunks of `chunk` bytes (0 = all at once). */
static void parse(const char *data, size_t len, size_t chunk, char delim,
                  sink *s)
{
    sgk__mem mem;
    sgk__reader r;
    size_t at = 0;
    sgk__mem_default(&mem);
    memset(s, 0, sizeof *s);
    ck_assert_int_eq(sgk__reader_init(&r, &mem, (unsigned char)delim,
                                      on_record, on_bad, s), 0);
    if (chunk == 0)
        chunk = len ? len : 1;
    while (at < len) {
        size_t n = len - at < chunk ? len - at : chunk;
        ck_assert_int_eq(sgk__reader_feed(&r, data + at, n), 0);
        at += n;
    }
    ck_assert_int_eq(sgk__reader_finish(&r), 0);
    sgk__reader_free(&r);
}

/* Every chunk size from 1 to 9 must give what one buffer gives. */
static void expect(const char *data, const char *want)
{
    sink s;
    size_t chunk;
    for (chunk = 0; chunk < 10; chunk++) {
        parse(data, strlen(data), chunk, ',', &s);
        ck_assert_msg(strcmp(s.out, want) == 0, "chunk %zu:\n%s\nwanted:\n%s",
                      chunk, s.out, want);
    }
}

START_TEST(plain_lf_and_crlf)
{
    expect("a,b\n1,2\n", "1:a|b\n2:1|2\n");
    expect("a,b\r\n1,2\r\n", "1:a|b\n2:1|2\n");
    expect("a,b\n1,2", "1:a|b\n2:1|2\n"); /* no final newline */
}
END_TEST

START_TEST(bom_is_dropped_even_when_split)
{
    expect("\xEF\xBB\xBF" "a,b\n1,2\n", "1:a|b\n2:1|2\n");
    /* Bytes that only start like a BOM are data. */
    expect("\xEF\xBB" "x,b\n", "1:\xEF\xBBx|b\n");
    expect("\xEF", "1:\xEF\n");
}
END_TEST

START_TEST(quoted_fields)
{
    expect("a,\"b,c\",\"say \"\"hi\"\"\"\n", "1:a|b,c|say \"hi\"\n");
    expect("h\n\"multi\nline\ntext\",x\nnext\n",
           "1:h\n2:multi\nline\ntext|x\n5:next\n");
    expect("h\r\n\"multi\r\nline\"\r\nz\r\n", "1:h\n2:multi\r\nline\n4:z\n");
}
END_TEST

START_TEST(blank_lines_are_not_records)
{
    expect("a\n\n\nb\n\n\n", "1:a\n4:b\n");
    expect("a,b\n,\n1,2\n", "1:a|b\n3:1|2\n"); /* only delimiters */
    expect("\n\na\n", "3:a\n");
}
END_TEST

START_TEST(stray_quote_skips_record_and_goes_on)
{
    expect("a,b\n1,x\"y\n3,4\n", "1:a|b\n2!2\n3:3|4\n");
    expect("a,b\n\"1\"z,2\n3,4\n", "1:a|b\n2!1\n3:3|4\n");
    /* A record spanning lines reports the line it started on. */
    expect("h\n\"a\nb\"x,1\nok\n", "1:h\n2!1\n4:ok\n");
}
END_TEST

START_TEST(unterminated_quote_at_end)
{
    expect("a,b\n1,\"never closed\n2,3\n", "1:a|b\n2!2\n");
}
END_TEST

START_TEST(lone_cr_ends_lines)
{
    expect("a,b\r1,2\r\r3,\"x\ny\"\r4,5", "1:a|b\n2:1|2\n4:3|x\ny\n6:4|5\n");
    /* A CR at a chunk's end is settled by the next chunk (checked by
     * expect() at every chunk size); CRLF still counts once. */
    expect("a\r\nb\rc\r\n", "1:a\n2:b\n3:c\n");
    /* A CR long after the last one, and one after plain LF lines: the
     * reader looks for the next CR only once it has passed the last. */
    expect("a\nb\nc\rd\ne\r\nf\ng\rh", "1:a\n2:b\n3:c\n4:d\n5:e\n6:f\n7:g\n"
                                          "8:h\n");
}
END_TEST

START_TEST(other_delimiters)
{
    sink s;
    parse("a;b\n1;\"x;y\"\n", 12, 0, ';', &s);
    ck_assert_str_eq(s.out, "1:a|b\n2:1|x;y\n");
    parse("a\tb\n1\t2\n", 8, 3, '\t', &s);
    ck_assert_str_eq(s.out, "1:a|b\n2:1|2\n");
}
END_TEST

START_TEST(nul_bytes_pass_through)
{
    sink s;
    static const char data[] = "a,b\n1,x\0y\n";
    parse(data, sizeof data - 1, 0, ',', &s);
    ck_assert_int_eq(memcmp(s.out, "1:a|b\n2:1|x", 11), 0);
}
END_TEST

static int count_record(void *ctx, const sgk__field *f, size_t n, int64_t line)
{
    size_t *longest = ctx;
    (void)line;
    if (n && f[0].len > *longest)
        *longest = f[0].len;
    return 0;
}

START_TEST(ten_megabyte_field)
{
    size_t n = 10u << 20, longest = 0;
    char *data = malloc(n + 3);
    sgk__mem mem;
    sgk__reader r;
    ck_assert_ptr_nonnull(data);
    data[0] = 'h';
    data[1] = '\n';
    memset(data + 2, 'x', n);
    data[n + 2] = '\n';
    sgk__mem_default(&mem);
    ck_assert_int_eq(sgk__reader_init(&r, &mem, ',', count_record, NULL,
                                      &longest), 0);
    ck_assert_int_eq(sgk__reader_feed(&r, data, n + 3), 0);
    ck_assert_int_eq(sgk__reader_finish(&r), 0);
    sgk__reader_free(&r);
    ck_assert_uint_eq(longest, n);
    free(data);
}
END_TEST

static int stop_at_second(void *ctx, const sgk__field *f, size_t n,
                          int64_t line)
{
    int *seen = ctx;
    (void)f;
    (void)n;
    (void)line;
    return ++*seen == 2 ? SGK_E_NOMEM : 0;
}

START_TEST(callback_can_stop_the_reader)
{
    sgk__mem mem;
    sgk__reader r;
    int seen = 0;
    sgk__mem_default(&mem);
    ck_assert_int_eq(sgk__reader_init(&r, &mem, ',', stop_at_second, NULL,
                                      &seen), 0);
    ck_assert_int_eq(sgk__reader_feed(&r, "a\nb\nc\nd\n", 8), SGK_E_NOMEM);
    ck_assert_int_eq(sgk__reader_finish(&r), SGK_E_NOMEM);
    sgk__reader_free(&r);
    ck_assert_int_eq(seen, 2);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("csv_reader");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, plain_lf_and_crlf);
    tcase_add_test(tc, bom_is_dropped_even_when_split);
    tcase_add_test(tc, quoted_fields);
    tcase_add_test(tc, blank_lines_are_not_records);
    tcase_add_test(tc, stray_quote_skips_record_and_goes_on);
    tcase_add_test(tc, unterminated_quote_at_end);
    tcase_add_test(tc, lone_cr_ends_lines);
    tcase_add_test(tc, other_delimiters);
    tcase_add_test(tc, nul_bytes_pass_through);
    tcase_add_test(tc, ten_megabyte_field);
    tcase_add_test(tc, callback_can_stop_the_reader);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
