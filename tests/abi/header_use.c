/* Compiled by check_header.py as C (-std=c99 -pedantic -Werror ...) and as
 * C++ (-x c++ -std=c++11 -pedantic -Werror ...): the public header must be
 * self-contained, warning-free and usable from both languages.  Nothing is
 * linked; the code only has to compile. */
#include <sgkpi.h>
#include <sgkpi.h> /* the include guard works */

int sgk_abi_header_use(const char *path);

int sgk_abi_header_use(const char *path)
{
    sgk_engine *e = NULL;
    sgk_realloc_fn re = 0;
    sgk_free_fn fr = 0;
    sgk_progress_fn pr = 0;
    enum sgk_status st = SGK_OK;
    enum sgk_kind kind = SGK_KIND_AUTO;
    enum sgk_option opt = SGK_OPT_BY_TEAM;
    enum sgk_group group = SGK_GROUP_TOTAL;
    enum sgk_unit unit = SGK_UNIT_PERCENT;
    enum sgk_rag rag = SGK_STATUS_NONE;
    int rc = sgk_engine_new(&e);
    int64_t n;
    double v;

    (void)re;
    (void)fr;
    (void)pr;
    (void)unit;
    (void)rag;
    if (rc != st)
        return rc;
    if (SGK_VERSION_MAJOR * 10000 + SGK_VERSION_MINOR * 100 +
            SGK_VERSION_PATCH != sgk_version())
        return -1;
    rc = sgk_engine_set_option(e, opt, 1);
    if (rc == SGK_OK)
        rc = sgk_engine_add_file(e, path, kind);
    if (rc == SGK_OK)
        rc = sgk_engine_compute(e);
    n = sgk_engine_rejection_count(e);
    v = sgk_result_value(e, 0, group, 0);
    sgk_engine_free(e);
    return rc != SGK_OK ? rc : (n > 0) + (v > 0.0);
}
