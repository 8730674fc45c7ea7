/* The version of the library actually loaded, which may differ from the
 * header a program was compiled with. */
#include "sgkpi.h"

int sgk_version(void)
{
    return SGK_VERSION_MAJOR * 10000 + SGK_VERSION_MINOR * 100 +
           SGK_VERSION_PATCH;
}

const char *sgk_version_string(void)
{
    return SGK_VERSION_STRING;
}
