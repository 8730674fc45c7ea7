/* The end every check suite shares: run it, let check print its summary
 * line (CI reads it), and exit non-zero on any failure. */
#ifndef SGK_CHECK_RUN_H
#define SGK_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static int sgk_check_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
