/* The version in the header, the library and the meson project agree. */
#include <check.h>
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

int main(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("core");
    SRunner *sr;
    int failed;
    tcase_add_test(tc, versions_agree);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
