/* What a looked-after episode fact holds, shared by looked_after.c (which
 * reads episodes) and children_in_care.c (which reads a child's episode
 * history to find the 12-month cohort and count placements). */
#ifndef SGK_CARE_H
#define SGK_CARE_H

#include "family.h"

/* cla_episodes fact layout:
 *   d[0]  start_date (SSDA903 DECOM)
 *   d[1]  end_date (DEC), SGK__NO_DATE while open; SGK__BAD_D1 when it was
 *         unreadable or before the start
 *   code  reason_ended class, below
 *   code2 1 when the legal status is a short break (V3 or V4)
 *   flags SGK__EP_SAME_CARERS when reason_new_episode is L, T or U: the
 *         episode began without a change of carers, so it is not a new
 *         placement for placement stability; the ethnicity code and
 *         SGK__FLAG_BLANK share the byte (family.h) */
enum {
    SGK__REASON_NONE = 0,    /* blank */
    SGK__REASON_ADOPTED = 1, /* E11, E12 */
    SGK__REASON_X1 = 2,      /* episode ends and another starts that day */
    SGK__REASON_OTHER = 3    /* any other ceasing */
};

/* The one bit of sgk__fact.flags that family.h leaves free. */
enum { SGK__EP_SAME_CARERS = 1 << 5 };

/* The indicators an unreadable episode end date keeps a row out of. */
#define SGK__EPISODE_INDICATORS                                              \
    "adoption_rate,cla_health_check,cla_dental_check,"                      \
    "cla_school_absence_25d,cla_placements_3plus"

#endif
