/* Canonical columns, header aliases, extract-kind detection and coded
 * values. */
#ifndef SGK_COLUMNS_H
#define SGK_COLUMNS_H

#include <stddef.h>
#include <stdint.h>
#include "alloc.h"
#include "csv_reader.h"

enum sgk__col {
    SGK__COL_CHILD_ID,
    SGK__COL_REFERRAL_DATE,
    SGK__COL_TEAM,
    SGK__COL_WORKER,
    SGK__COL_REFERRAL_NFA,
    SGK__COL_DECISION_DATE,
    SGK__COL_ASSESSMENT_TYPE,
    SGK__COL_START_DATE,
    SGK__COL_COMPLETION_DATE,
    SGK__COL_PLAN_START_DATE,
    SGK__COL_PLAN_END_DATE,
    SGK__COL_PREVIOUS_PLANS,
    SGK__COL_END_DATE,
    SGK__COL_REASON_ENDED,
    SGK__COL_LEGAL_STATUS,
    SGK__COL_CASE_START_DATE,
    SGK__COL_CASE_END_DATE,
    SGK__COL_UNALLOCATED_SINCE,
    SGK__COL_CATEGORY,
    SGK__COL_FTE,
    SGK__COL_STATUS,
    SGK__COL_QUALIFIED,
    SGK__COL_REFERRALS_12M, /* Annex A list 3 prior referrals in 12 months */
    /* Children in care and care leavers (lib/children_in_care.c,
     * lib/care_leavers.c). */
    SGK__COL_DATE_OF_BIRTH,
    SGK__COL_HEALTH_ASSESSMENT_DATE,
    SGK__COL_DENTAL_CHECK_DATE,
    SGK__COL_PLACEMENTS_12M,
    SGK__COL_DAYS_MISSED_SCHOOL,
    SGK__COL_REASON_NEW_EPISODE,
    SGK__COL_IN_TOUCH,
    SGK__COL_ACTIVITY,
    SGK__COL_ACCOMMODATION,
    SGK__COL_ACCOMMODATION_SUITABILITY,
    SGK__COL_ETHNICITY,
    SGK__COL_PLACEMENT, /* SSDA903 PLACE, the placement type */
    SGK__COL_COUNT
};

/* snake_case canonical name ("child_id"), or NULL. */
const char *sgk__col_name(int col);
/* Canonical column for a snake_case name, or -1. */
int sgk__col_from_name(const char *name);

/* Column roles within a kind. */
enum { SGK__ROLE_NONE = 0, SGK__ROLE_OPTIONAL = 1, SGK__ROLE_REQUIRED = 2 };
int sgk__col_role(int kind, int col);

/* Writes the normalised form of a header into out (NUL-terminated, at most
 * cap - 1 bytes): trimmed, inner white space collapsed to one space,
 * underscores read as spaces, curly quotes and no-break spaces made plain,
 * a trailing '?' dropped, ASCII lower-cased.  Returns its length. */
size_t sgk__header_normalise(const char *s, size_t len, char *out, size_t cap);

/* A caller's alias: normalised header -> canonical column. */
typedef struct sgk__alias {
    char *norm;
    int col;
} sgk__alias;

/* How one input's header maps onto canonical columns. */
typedef struct sgk__layout {
    int kind;
    int field_of_col[SGK__COL_COUNT]; /* 0-based field index, or -1 */
    size_t nfields;                   /* fields in the header */
} sgk__layout;

/* Builds the layout for a header.  kind SGK_KIND_AUTO detects it.  On
 * failure returns SGK_E_UNKNOWN_KIND, SGK_E_MISSING_COLUMN or
 * SGK_E_DUPLICATE_COLUMN and writes a message (naming the columns and, for
 * a missing one, listing the headers found) into msg, and the column at
 * fault into column: the canonical name of a missing one, or the header of
 * the second of two duplicates ("" when no one column is at fault). */
int sgk__layout_build(const sgk__mem *mem, sgk__layout *layout, int kind,
                      const sgk__field *hdr, size_t n,
                      const sgk__alias *aliases, size_t naliases, char *msg,
                      size_t msgcap, char *column, size_t colcap);

/* Reduces an Annex A coded value to its code: "a) E11: Adopted - ..." ->
 * "E11", "b) Female" -> "Female", " V3 " -> "V3".  Adjusts *s and *len. */
void sgk__code_strip(const char **s, size_t *len);

/* Trims ASCII white space at both ends. */
void sgk__trim(const char **s, size_t *len);

/* Case-insensitive comparison of s[0..len) with a NUL-terminated word. */
int sgk__code_is(const char *s, size_t len, const char *word);
/* Whether s[0..len) is any of the NULL-terminated `words`, as
 * sgk__code_is compares. */
int sgk__code_in(const char *s, size_t len, const char *const *words);

#endif
