/* The version in the header, the library and the meson project agree. */
#include "check_run.h"
#include <stdio.h>
#include <stdlib.h>
#include "sgkpi.h"

START_TEST(versions_agree)
{
    char macro[32];
    snprintf(macro, sizeof macro, "%d.%d.%d", SGK_VERSION_MAJOR,
             SGK_VERSION_MINOR, SGK_VERSION_PATCH);
    ck_assert_str_eq(macro, SGK_VERSION_STRING);
    ck_assert_str_eq(sgk_version_string(), SGK_VERSION_STRING);
    ck_assert_str_eq(SGK_VERSION_STRING, SGK_MESON_VERSION);
    ck_assert_int_eq(sgk_version(), SGK_VERSION_MAJOR * 10000 +
                                        SGK_VERSION_MINOR * 100 +
                                        SGK_VERSION_PATCH);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, versions_agree);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return sgk_check_run(suite());
}
