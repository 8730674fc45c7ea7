/* What a looked-after episode fact holds, shared by looked_after.c (which
 * reads episodes), care_history.c (which walks a child's episode history)
 * and children_in_care.c (which judges the 12-month cohort and the
 * placements from what the walk finds). */
#ifndef SGK_CARE_H
#define SGK_CARE_H

#include "family.h"

/* cla_episodes fact layout:
 *   d[0]  start_date (SSDA903 DECOM)
 *   d[1]  end_date (DEC), SGK__NO_DATE while open; SGK__BAD_D1 when it was
 *         unreadable or before the start
 *   code  reason_ended class, below
 *   code2 1 when the legal status is a short break (V3 or V4)
 *   flags SGK__EP_NO_MOVE when the episode is not a change of placement
 *         for placement stability: reason_new_episode L (legal status
 *         only), or placement A3 or A5 (placed for adoption with the
 *         current foster carers); the ethnicity code and SGK__FLAG_BLANK
 *         share the byte (family.h) */
enum {
    SGK__REASON_NONE = 0,    /* blank */
    SGK__REASON_ADOPTED = 1, /* E11, E12 */
    SGK__REASON_X1 = 2,      /* episode ends and another starts that day */
    SGK__REASON_OTHER = 3    /* any other ceasing */
};

/* The one bit of sgk__fact.flags that family.h leaves free. */
enum { SGK__EP_NO_MOVE = 1 << 5 };

/* The indicators an unreadable episode end date keeps a row out of. */
#define SGK__EPISODE_INDICATORS                                              \
    "adoption_rate,cla_health_check,cla_dental_check,"                      \
    "cla_school_absence_25d,cla_placements_3plus"

/* The indicators that read the 12-month cohort. */
#define SGK__CLA_COHORT_INDICATORS                                          \
    "cla_health_check,cla_dental_check,cla_school_absence_25d"

/* A child's state in one period, as kept in sgk__shared.cla_states: flags,
 * and above SGK__ST_SHIFT the placements counted from episodes (at most
 * SGK__PLACEMENTS_MAX). */
enum {
    SGK__ST_EPISODES = 1 << 0,     /* the child has usable episodes */
    SGK__ST_LOOKED_AFTER = 1 << 1, /* looked after at T, not on a short
                                      break */
    SGK__ST_COHORT = 1 << 2,       /* looked after for the whole 12 months */
    SGK__ST_SHIFT = 3
};
#define SGK__PLACEMENTS_MAX (1 << 20)

/* What a walk of one child's episodes finds for one window W..T
 * (care_history.c). */
typedef struct sgk__care_walk {
    sgk__day w, t;
    sgk__day cover_end;   /* latest end of the episodes seen in the window */
    int covers_w, looked_after, broken, short_break, placements;
    int placed;           /* a placement (not a short break) was counted */
    sgk__day began;       /* start of the period of care covering W (its
                             first episode, linked by X1 endings), or
                             SGK__NO_DATE */
} sgk__care_walk;

/* Episode indices (of ep[0..n), the unique episodes) in order of child,
 * then start, so each child's history is one run; episodes starting the
 * same day keep their row order.  Made once per compute and kept in
 * c->shared (the compute frees it).  NULL with c->status set when memory
 * ran out, or for no episodes. */
const uint32_t *sgk__care_order(sgk__calc *c, const sgk__fact *ep, size_t n);
/* Walks the run of one child's episodes starting at order[*i], for the
 * periods p0 .. p0 + np - 1 at once into k[0 .. np - 1], and leaves *i at
 * the next child's first.  1 when some episode was usable.  rep: report
 * blank reasons that break the 12-month cohort. */
int sgk__care_walk_child(sgk__calc *c, const sgk__fact *ep,
                         const uint32_t *order, size_t n, size_t *i,
                         sgk__care_walk *k, int p0, int np, int rep);
/* The state (SGK__ST_*) a walk found. */
sgk__day sgk__care_walk_state(const sgk__care_walk *k);

#endif
