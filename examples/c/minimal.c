/* minimal.c: the indicators for a period from CSV extracts, through the
 * installed library only.
 *
 *   cc minimal.c $(pkg-config --cflags --libs sgkpi) -o minimal
 *   ./minimal 2021-04-01 2022-03-31 assessments.csv cp_plans.csv
 *
 * Prints "id value" per indicator, "id -" where there is no data. */
#include <stdio.h>
#include <sgkpi.h>

int main(int argc, char **argv)
{
    sgk_engine *e = NULL;
    int i, rc;

    if (argc < 4) {
        fputs("usage: minimal FROM TO FILE...\n", stderr);
        return 2;
    }
    rc = sgk_engine_new(&e);
    if (rc == SGK_OK)
        rc = sgk_engine_set_period(e, argv[1], argv[2]);
    for (i = 3; rc == SGK_OK && i < argc; i++)
        rc = sgk_engine_add_file(e, argv[i], SGK_KIND_AUTO);
    if (rc == SGK_OK)
        rc = sgk_engine_compute(e);
    if (rc != SGK_OK) {
        fprintf(stderr, "minimal: %s\n",
                e ? sgk_engine_errmsg(e) : sgk_strerror(rc));
        sgk_engine_free(e);
        return 1;
    }
    for (i = 0; i < sgk_indicator_count(); i++) {
        if (sgk_result_has_value(e, i, SGK_GROUP_TOTAL, 0))
            printf("%s %.17g\n", sgk_indicator_id(i),
                   sgk_result_value(e, i, SGK_GROUP_TOTAL, 0));
        else
            printf("%s -\n", sgk_indicator_id(i));
    }
    sgk_engine_free(e);
    return 0;
}
