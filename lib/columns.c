/* Canonical columns, the headers accepted for them, and extract-kind
 * detection.  Header spellings come from Ofsted's Annex A template (August
 * 2019) and the DfE SSDA903 episode file, plus the snake_case names. */
#include <stdio.h>
#include <string.h>
#include "sgkpi.h"
#include "columns.h"

static const char *const col_names[SGK__COL_COUNT] = {
    "child_id", "referral_date", "team", "worker", "referral_nfa",
    "decision_date", "assessment_type", "start_date", "completion_date",
    "plan_start_date", "plan_end_date", "previous_plans", "end_date",
    "reason_ended", "legal_status", "case_start_date", "case_end_date",
    "unallocated_since", "category", "fte", "status", "qualified",
    "referrals_last_12_months",
    "date_of_birth", "health_assessment_date", "dental_check_date",
    "placements_12m", "days_missed_school", "reason_new_episode",
    "in_touch", "activity", "accommodation", "accommodation_suitability",
    "ethnicity", "placement",
};

#define R SGK__ROLE_REQUIRED
#define O SGK__ROLE_OPTIONAL
/* role[kind][col], in enum sgk__col order. */
static const unsigned char roles[SGK_KIND_COUNT][SGK__COL_COUNT] = {
    [SGK_KIND_REFERRALS] = {[SGK__COL_CHILD_ID] = R, [SGK__COL_REFERRAL_DATE] = R,
        [SGK__COL_TEAM] = O, [SGK__COL_WORKER] = O, [SGK__COL_REFERRAL_NFA] = O,
        [SGK__COL_DECISION_DATE] = O, [SGK__COL_REFERRALS_12M] = O,
        [SGK__COL_ETHNICITY] = O},
    [SGK_KIND_ASSESSMENTS] = {[SGK__COL_CHILD_ID] = R,
        [SGK__COL_ASSESSMENT_TYPE] = O, [SGK__COL_REFERRAL_DATE] = O,
        [SGK__COL_START_DATE] = R, [SGK__COL_COMPLETION_DATE] = O,
        [SGK__COL_TEAM] = O, [SGK__COL_WORKER] = O, [SGK__COL_ETHNICITY] = O},
    [SGK_KIND_CP_PLANS] = {[SGK__COL_CHILD_ID] = R,
        [SGK__COL_PLAN_START_DATE] = R, [SGK__COL_PLAN_END_DATE] = O,
        [SGK__COL_PREVIOUS_PLANS] = O, [SGK__COL_TEAM] = O,
        [SGK__COL_WORKER] = O, [SGK__COL_ETHNICITY] = O},
    [SGK_KIND_CLA_EPISODES] = {[SGK__COL_CHILD_ID] = R,
        [SGK__COL_START_DATE] = R, [SGK__COL_END_DATE] = O,
        [SGK__COL_REASON_ENDED] = O, [SGK__COL_LEGAL_STATUS] = O,
        [SGK__COL_TEAM] = O, [SGK__COL_REASON_NEW_EPISODE] = O,
        /* Not read: it only keeps an episode file that carries a date of
         * birth from being taken for a cla_children one. */
        [SGK__COL_DATE_OF_BIRTH] = O, [SGK__COL_ETHNICITY] = O,
        [SGK__COL_PLACEMENT] = O},
    [SGK_KIND_CASES] = {[SGK__COL_CHILD_ID] = R,
        [SGK__COL_CASE_START_DATE] = R, [SGK__COL_CASE_END_DATE] = O,
        [SGK__COL_WORKER] = O, [SGK__COL_UNALLOCATED_SINCE] = O,
        [SGK__COL_CATEGORY] = O, [SGK__COL_TEAM] = O,
        [SGK__COL_ETHNICITY] = O},
    [SGK_KIND_WORKFORCE] = {[SGK__COL_TEAM] = O, [SGK__COL_FTE] = R,
        [SGK__COL_STATUS] = R, [SGK__COL_QUALIFIED] = O},
    [SGK_KIND_CLA_CHILDREN] = {[SGK__COL_CHILD_ID] = R,
        [SGK__COL_DATE_OF_BIRTH] = R, [SGK__COL_START_DATE] = O,
        [SGK__COL_END_DATE] = O, [SGK__COL_LEGAL_STATUS] = O,
        [SGK__COL_HEALTH_ASSESSMENT_DATE] = O,
        [SGK__COL_DENTAL_CHECK_DATE] = O, [SGK__COL_PLACEMENTS_12M] = O,
        [SGK__COL_DAYS_MISSED_SCHOOL] = O, [SGK__COL_TEAM] = O,
        [SGK__COL_WORKER] = O, [SGK__COL_ETHNICITY] = O,
        /* Not read (Annex A's is the latest placement's type): only so
         * that a List 8 file with it is not taken for an episode one. */
        [SGK__COL_PLACEMENT] = O},
    [SGK_KIND_CARE_LEAVERS] = {[SGK__COL_CHILD_ID] = R,
        [SGK__COL_IN_TOUCH] = R, [SGK__COL_ACTIVITY] = O, [SGK__COL_ACCOMMODATION] = O,
        [SGK__COL_ACCOMMODATION_SUITABILITY] = O, [SGK__COL_TEAM] = O,
        [SGK__COL_WORKER] = O, [SGK__COL_ETHNICITY] = O},
};
#undef R
#undef O

#define K(k) (1u << (k))
#define ANY 0u

/* Normalised header -> column.  kinds 0 means every kind with the column. */
static const struct {
    const char *header;
    int col;
    unsigned kinds;
} builtin_aliases[] = {
    {"child id", SGK__COL_CHILD_ID, ANY},
    {"child unique id", SGK__COL_CHILD_ID, ANY},
    {"unique child id", SGK__COL_CHILD_ID, ANY},
    {"child", SGK__COL_CHILD_ID, ANY},       /* SSDA903 CHILD */
    {"childid", SGK__COL_CHILD_ID, ANY},
    {"child ref", SGK__COL_CHILD_ID, ANY},
    {"person id", SGK__COL_CHILD_ID, ANY},
    {"la child id", SGK__COL_CHILD_ID, ANY},
    {"referral date", SGK__COL_REFERRAL_DATE, ANY},
    {"date of referral", SGK__COL_REFERRAL_DATE, ANY},
    {"referral start date", SGK__COL_REFERRAL_DATE, ANY},
    {"cin referral date", SGK__COL_REFERRAL_DATE, ANY},
    {"team", SGK__COL_TEAM, ANY},
    {"allocated team", SGK__COL_TEAM, ANY},
    {"team name", SGK__COL_TEAM, ANY},
    {"worker", SGK__COL_WORKER, ANY},
    {"allocated worker", SGK__COL_WORKER, ANY},
    {"social worker", SGK__COL_WORKER, ANY},
    {"allocated social worker", SGK__COL_WORKER, ANY},
    {"worker name", SGK__COL_WORKER, ANY},
    {"referral nfa", SGK__COL_REFERRAL_NFA, ANY},
    {"nfa", SGK__COL_REFERRAL_NFA, ANY},
    {"decision date", SGK__COL_DECISION_DATE, ANY},
    {"referral decision date", SGK__COL_DECISION_DATE, ANY},
    {"assessment type", SGK__COL_ASSESSMENT_TYPE, ANY},
    {"type of assessment", SGK__COL_ASSESSMENT_TYPE, ANY},
    {"start date", SGK__COL_START_DATE, ANY},
    {"assessment start date", SGK__COL_START_DATE, K(SGK_KIND_ASSESSMENTS)},
    {"continuous assessment start date", SGK__COL_START_DATE,
     K(SGK_KIND_ASSESSMENTS)},
    {"completion date", SGK__COL_COMPLETION_DATE, ANY},
    {"assessment completion date", SGK__COL_COMPLETION_DATE, ANY},
    {"continuous assessment date of authorisation", SGK__COL_COMPLETION_DATE,
     ANY},
    {"date of authorisation", SGK__COL_COMPLETION_DATE, ANY},
    {"assessment authorisation date", SGK__COL_COMPLETION_DATE, ANY},
    {"plan start date", SGK__COL_PLAN_START_DATE, ANY},
    {"child protection plan start date", SGK__COL_PLAN_START_DATE, ANY},
    {"cp plan start date", SGK__COL_PLAN_START_DATE, ANY},
    {"plan end date", SGK__COL_PLAN_END_DATE, ANY},
    {"child protection plan end date", SGK__COL_PLAN_END_DATE, ANY},
    {"cp plan end date", SGK__COL_PLAN_END_DATE, ANY},
    {"previous plans", SGK__COL_PREVIOUS_PLANS, ANY},
    {"number of previous child protection plans", SGK__COL_PREVIOUS_PLANS,
     ANY},
    {"decom", SGK__COL_START_DATE, K(SGK_KIND_CLA_EPISODES)},
    {"date started to be looked after", SGK__COL_START_DATE,
     K(SGK_KIND_CLA_EPISODES) | K(SGK_KIND_CLA_CHILDREN)},
    {"episode start date", SGK__COL_START_DATE, K(SGK_KIND_CLA_EPISODES)},
    {"end date", SGK__COL_END_DATE, ANY},
    {"dec", SGK__COL_END_DATE, ANY},
    {"date ceased to be looked after", SGK__COL_END_DATE, ANY},
    {"episode end date", SGK__COL_END_DATE, ANY},
    {"reason ended", SGK__COL_REASON_ENDED, ANY},
    {"rec", SGK__COL_REASON_ENDED, ANY},
    {"reason ceased to be looked after", SGK__COL_REASON_ENDED, ANY},
    {"reason episode ceased", SGK__COL_REASON_ENDED, ANY},
    {"legal status", SGK__COL_LEGAL_STATUS, ANY},
    {"ls", SGK__COL_LEGAL_STATUS, ANY},
    {"child's legal status", SGK__COL_LEGAL_STATUS, ANY},
    {"case start date", SGK__COL_CASE_START_DATE, ANY},
    {"cin start date", SGK__COL_CASE_START_DATE, ANY},
    {"case open date", SGK__COL_CASE_START_DATE, ANY},
    {"case end date", SGK__COL_CASE_END_DATE, ANY},
    {"cin closure date", SGK__COL_CASE_END_DATE, ANY},
    {"case closure date", SGK__COL_CASE_END_DATE, ANY},
    {"unallocated since", SGK__COL_UNALLOCATED_SINCE, ANY},
    {"date unallocated", SGK__COL_UNALLOCATED_SINCE, ANY},
    {"category", SGK__COL_CATEGORY, ANY},
    {"case status", SGK__COL_CATEGORY, ANY},
    {"case category", SGK__COL_CATEGORY, ANY},
    {"fte", SGK__COL_FTE, ANY},
    {"full time equivalent", SGK__COL_FTE, ANY},
    {"status", SGK__COL_STATUS, ANY},
    {"post status", SGK__COL_STATUS, ANY},
    {"qualified", SGK__COL_QUALIFIED, ANY},
    {"qualified social worker", SGK__COL_QUALIFIED, ANY},
    /* Front door (referrals): Annex A list 3. */
    {"referrals last 12 months", SGK__COL_REFERRALS_12M, ANY},
    {"number of referrals in last 12 months", SGK__COL_REFERRALS_12M, ANY},
    {"number of referrals in the last 12 months", SGK__COL_REFERRALS_12M,
     ANY},
    {"referrals in last 12 months", SGK__COL_REFERRALS_12M, ANY},
    /* Children in care (Annex A List 8) and care leavers (Annex A List 9,
     * SSDA903 header and OC3 files). */
    {"date of birth", SGK__COL_DATE_OF_BIRTH, ANY},
    {"dob", SGK__COL_DATE_OF_BIRTH, ANY},
    {"birth date", SGK__COL_DATE_OF_BIRTH, ANY},
    {"health assessment date", SGK__COL_HEALTH_ASSESSMENT_DATE, ANY},
    {"date of last health assessment", SGK__COL_HEALTH_ASSESSMENT_DATE, ANY},
    {"last health assessment", SGK__COL_HEALTH_ASSESSMENT_DATE, ANY},
    {"health check date", SGK__COL_HEALTH_ASSESSMENT_DATE, ANY},
    {"dental check date", SGK__COL_DENTAL_CHECK_DATE, ANY},
    {"date of last dental check", SGK__COL_DENTAL_CHECK_DATE, ANY},
    {"last dental check", SGK__COL_DENTAL_CHECK_DATE, ANY},
    {"placements 12m", SGK__COL_PLACEMENTS_12M, ANY},
    {"number of placements in the last 12 months", SGK__COL_PLACEMENTS_12M,
     ANY},
    {"placements in the last 12 months", SGK__COL_PLACEMENTS_12M, ANY},
    {"number of placements", SGK__COL_PLACEMENTS_12M, ANY},
    {"days missed school", SGK__COL_DAYS_MISSED_SCHOOL, ANY},
    {"school days missed", SGK__COL_DAYS_MISSED_SCHOOL, ANY},
    {"days of school missed", SGK__COL_DAYS_MISSED_SCHOOL, ANY},
    {"reason new episode", SGK__COL_REASON_NEW_EPISODE, ANY},
    {"rne", SGK__COL_REASON_NEW_EPISODE, ANY},        /* SSDA903 RNE */
    {"reason for new episode", SGK__COL_REASON_NEW_EPISODE, ANY},
    {"place", SGK__COL_PLACEMENT, ANY},                /* SSDA903 PLACE */
    {"placement", SGK__COL_PLACEMENT, ANY},
    {"placement type", SGK__COL_PLACEMENT, ANY},       /* Annex A List 8 */
    {"in touch", SGK__COL_IN_TOUCH, ANY},             /* SSDA903 IN_TOUCH */
    {"la in touch", SGK__COL_IN_TOUCH, ANY},
    {"activity", SGK__COL_ACTIVITY, ANY},
    {"activ", SGK__COL_ACTIVITY, ANY},                /* SSDA903 ACTIV */
    {"activity status", SGK__COL_ACTIVITY, ANY},
    {"accommodation", SGK__COL_ACCOMMODATION, ANY},
    {"accom", SGK__COL_ACCOMMODATION, ANY},           /* SSDA903 ACCOM */
    {"type of accommodation", SGK__COL_ACCOMMODATION, ANY},
    {"accommodation suitability", SGK__COL_ACCOMMODATION_SUITABILITY, ANY},
    {"suitability of accommodation", SGK__COL_ACCOMMODATION_SUITABILITY,
     ANY},
    {"accommodation suitable", SGK__COL_ACCOMMODATION_SUITABILITY, ANY},
    /* Annex A "Ethnicity", SSDA903 "ETHNIC": a child's CBDS ethnicity code,
     * optional in every kind that has children. */
    {"ethnicity", SGK__COL_ETHNICITY, ANY},
    {"ethnic", SGK__COL_ETHNICITY, ANY},
    {"ethnic origin", SGK__COL_ETHNICITY, ANY},
    {"ethnic group", SGK__COL_ETHNICITY, ANY},
    {"ethnicity code", SGK__COL_ETHNICITY, ANY},
};

const char *sgk__col_name(int col)
{
    return col >= 0 && col < SGK__COL_COUNT ? col_names[col] : NULL;
}

int sgk__col_from_name(const char *name)
{
    int c;
    for (c = 0; c < SGK__COL_COUNT; c++)
        if (strcmp(col_names[c], name) == 0)
            return c;
    return -1;
}

int sgk__col_role(int kind, int col)
{
    if (kind <= 0 || kind >= SGK_KIND_COUNT || col < 0 ||
        col >= SGK__COL_COUNT)
        return SGK__ROLE_NONE;
    return roles[kind][col];
}

/* Bytes of a UTF-8 character that the normaliser reads as `out`, or 0. */
static size_t plain_equivalent(const unsigned char *s, size_t len, char *out)
{
    if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
        *out = ' ';
        return 2;
    }
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
        if (s[2] == 0x98 || s[2] == 0x99) {
            *out = '\'';
            return 3;
        }
        if (s[2] == 0x9C || s[2] == 0x9D) {
            *out = '"';
            return 3;
        }
    }
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '_';
}

size_t sgk__header_normalise(const char *s, size_t len, char *out, size_t cap)
{
    size_t i = 0, n = 0;
    int pending_space = 0;
    if (cap == 0)
        return 0;
    while (i < len && n + 1 < cap) {
        char c = s[i];
        size_t w = plain_equivalent((const unsigned char *)s + i, len - i, &c);
        i += w ? w : 1;
        if (is_blank(c)) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space && n + 2 < cap)
            out[n++] = ' ';
        pending_space = 0;
        out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    while (n > 0 && (out[n - 1] == '?' || out[n - 1] == ' '))
        n--;
    out[n] = '\0';
    return n;
}

static int lookup(int kind, const char *norm, const sgk__alias *aliases,
                  size_t naliases)
{
    size_t i;
    for (i = 0; i < naliases; i++)
        if (strcmp(aliases[i].norm, norm) == 0 &&
            sgk__col_role(kind, aliases[i].col) != SGK__ROLE_NONE)
            return aliases[i].col;
    for (i = 0; i < sizeof builtin_aliases / sizeof builtin_aliases[0]; i++) {
        unsigned kinds = builtin_aliases[i].kinds;
        int col = builtin_aliases[i].col;
        if ((kinds == ANY || (kinds & K(kind))) &&
            sgk__col_role(kind, col) != SGK__ROLE_NONE &&
            strcmp(builtin_aliases[i].header, norm) == 0)
            return col;
    }
    return -1;
}

/* Maps the header for one kind; returns the number of columns matched and
 * the first duplicate (two fields on one column) in *dup_a / *dup_b. */
static int map_kind(sgk__layout *lay, int kind, char **norms, size_t n,
                    const sgk__alias *aliases, size_t naliases, size_t *dup_a,
                    size_t *dup_b)
{
    size_t i;
    int matched = 0;
    lay->kind = kind;
    lay->nfields = n;
    *dup_a = *dup_b = (size_t)-1;
    for (i = 0; i < SGK__COL_COUNT; i++)
        lay->field_of_col[i] = -1;
    for (i = 0; i < n; i++) {
        int col = norms[i][0] ? lookup(kind, norms[i], aliases, naliases) : -1;
        if (col < 0)
            continue;
        if (lay->field_of_col[col] >= 0) {
            if (*dup_a == (size_t)-1) {
                *dup_a = (size_t)lay->field_of_col[col];
                *dup_b = i;
            }
            continue;
        }
        lay->field_of_col[col] = (int)i;
        matched++;
    }
    return matched;
}

static int first_missing(const sgk__layout *lay)
{
    int c;
    for (c = 0; c < SGK__COL_COUNT; c++)
        if (sgk__col_role(lay->kind, c) == SGK__ROLE_REQUIRED &&
            lay->field_of_col[c] < 0)
            return c;
    return -1;
}

static void list_headers(char *msg, size_t cap, const sgk__field *hdr,
                         size_t n)
{
    size_t used = strlen(msg), i;
    for (i = 0; i < n && used + 8 < cap; i++) {
        int w = snprintf(msg + used, cap - used, "%s'%.*s'", i ? ", " : "",
                         (int)(hdr[i].len > 60 ? 60 : hdr[i].len),
                         hdr[i].data);
        if (w < 0 || (size_t)w >= cap - used)
            break;
        used += (size_t)w;
    }
    if (i < n && used + 5 < cap)
        snprintf(msg + used, cap - used, ", ...");
}

/* Picks the kind whose required columns are all present and which matches
 * most columns; ties go to the lower kind number.  Without a complete
 * kind, the best partial one is returned with *complete 0. */
static int detect(char **norms, size_t n, const sgk__alias *aliases,
                  size_t naliases, int *complete)
{
    int kind, best = -1, best_score = -1, partial = -1, partial_score = 1;
    for (kind = 1; kind < SGK_KIND_COUNT; kind++) {
        sgk__layout lay;
        size_t a, b;
        int score = map_kind(&lay, kind, norms, n, aliases, naliases, &a, &b);
        if (first_missing(&lay) < 0 && score > best_score) {
            best = kind;
            best_score = score;
        } else if (score > partial_score) {
            partial = kind;
            partial_score = score;
        }
    }
    *complete = best >= 0;
    return best >= 0 ? best : partial;
}

static void copy_field(char *out, size_t cap, const char *s, size_t len)
{
    if (cap == 0)
        return;
    if (len >= cap)
        len = cap - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static int build_with_norms(sgk__layout *lay, int kind, const sgk__field *hdr,
                            size_t n, char **norms, const sgk__alias *aliases,
                            size_t naliases, char *msg, size_t cap,
                            char *column, size_t colcap)
{
    size_t a, b;
    int complete = 1, missing;

    if (kind == SGK_KIND_AUTO) {
        kind = detect(norms, n, aliases, naliases, &complete);
        if (kind < 0) {
            snprintf(msg, cap, "cannot tell which extract this is: no column "
                               "heading is recognised; headers found: ");
            list_headers(msg, cap, hdr, n);
            return SGK_E_UNKNOWN_KIND;
        }
    }
    map_kind(lay, kind, norms, n, aliases, naliases, &a, &b);
    missing = first_missing(lay);
    if (missing >= 0) {
        copy_field(column, colcap, sgk__col_name(missing),
                   strlen(sgk__col_name(missing)));
        snprintf(msg, cap, "%s extract: required column '%s' is missing; "
                           "headers found: ", sgk_kind_name(kind),
                 sgk__col_name(missing));
        list_headers(msg, cap, hdr, n);
        return SGK_E_MISSING_COLUMN;
    }
    if (a != (size_t)-1) {
        copy_field(column, colcap, hdr[b].data, hdr[b].len);
        snprintf(msg, cap, "columns %zu ('%.*s') and %zu ('%.*s') both read "
                           "as the same column; keep one or rename the other",
                 a + 1, (int)(hdr[a].len > 60 ? 60 : hdr[a].len), hdr[a].data,
                 b + 1, (int)(hdr[b].len > 60 ? 60 : hdr[b].len), hdr[b].data);
        return SGK_E_DUPLICATE_COLUMN;
    }
    return 0;
}

int sgk__layout_build(const sgk__mem *mem, sgk__layout *lay, int kind,
                      const sgk__field *hdr, size_t n,
                      const sgk__alias *aliases, size_t naliases, char *msg,
                      size_t cap, char *column, size_t colcap)
{
    /* Normalised headers live in one block: the text, capped per header. */
    size_t i, text = 0, off;
    char **norms, *buf;
    int rc;

    for (i = 0; i < n; i++)
        text += (hdr[i].len < 256 ? hdr[i].len : 256) + 1;
    norms = sgk__calloc(mem, n ? n : 1, sizeof *norms);
    buf = sgk__malloc(mem, text ? text : 1);
    if (!norms || !buf) {
        sgk__free(mem, norms);
        sgk__free(mem, buf);
        return SGK_E_NOMEM;
    }
    for (i = 0, off = 0; i < n; i++) {
        size_t room = (hdr[i].len < 256 ? hdr[i].len : 256) + 1;
        norms[i] = buf + off;
        sgk__header_normalise(hdr[i].data, hdr[i].len, norms[i], room);
        off += room;
    }
    if (colcap)
        column[0] = '\0';
    rc = build_with_norms(lay, kind, hdr, n, norms, aliases, naliases, msg,
                          cap, column, colcap);
    sgk__free(mem, norms);
    sgk__free(mem, buf);
    return rc;
}

void sgk__trim(const char **s, size_t *len)
{
    if (*len == 0 || ((unsigned char)(*s)[0] > ' ' &&
                      (unsigned char)(*s)[*len - 1] > ' '))
        return; /* nothing to trim: the usual case */
    while (*len > 0 && (**s == ' ' || **s == '\t' || **s == '\r' ||
                        **s == '\n')) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
                        (*s)[*len - 1] == '\r' || (*s)[*len - 1] == '\n'))
        (*len)--;
}

static int is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z');
}

/* "a) " or "ab) " at the start: Annex A's ordering prefix. */
static size_t letter_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 2 && s[i] >= 'a' && s[i] <= 'z')
        i++;
    if (i > 0 && i < len && s[i] == ')')
        return i + 1;
    return 0;
}

void sgk__code_strip(const char **s, size_t *len)
{
    size_t i, p;
    sgk__trim(s, len);
    /* A bare word or code (no ')', ':' or ' ') is already what we want. */
    for (i = 0; i < *len; i++)
        if ((*s)[i] == ')' || (*s)[i] == ':' || (*s)[i] == ' ')
            break;
    if (i == *len)
        return;
    p = letter_prefix(*s, *len);
    *s += p;
    *len -= p;
    sgk__trim(s, len);
    /* "E11: Adopted - ..." and "RC1 - Adopted": keep a short leading code. */
    for (i = 0; i < *len && i <= 6 && is_alnum((*s)[i]); i++)
        ;
    if (i > 0 && i < *len && ((*s)[i] == ':' ||
        (i + 2 < *len && (*s)[i] == ' ' && (*s)[i + 1] == '-' &&
         (*s)[i + 2] == ' ')))
        *len = i;
}

int sgk__code_is(const char *s, size_t len, const char *word)
{
    size_t i;
    for (i = 0; i < len; i++) {
        char a = s[i], b = word[i];
        if (b == '\0')
            return 0;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return word[len] == '\0';
}

int sgk__code_in(const char *s, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (sgk__code_is(s, len, *words))
            return 1;
    return 0;
}
