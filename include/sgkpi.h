/*
 * sgkpi.h - children's safeguarding performance indicators from CSV extracts.
 *
 * This header is the reference documentation for the library.  It is plain
 * C99, needs no other header than <stddef.h> and <stdint.h>, and declares
 * nothing but opaque handles, enums and functions whose arguments are
 * scalars, strings and pointers, so that FFI layers (Python ctypes, LuaJIT
 * ffi, C#) can bind it from the declarations alone.
 *
 * The life of an engine:
 *
 *   sgk_engine *e;
 *   sgk_engine_new(&e);                              create
 *   sgk_engine_set_period(e, "2011-04-01", "2012-03-31");
 *   sgk_engine_add_file(e, "cp.csv", SGK_KIND_AUTO); add extracts
 *   sgk_engine_use_profile(e, "kent-2011");          optional targets
 *   sgk_engine_compute(e);                           compute
 *   sgk_result_value(e, i, SGK_GROUP_TOTAL, 0);      read results
 *   sgk_engine_free(e);                              release
 *
 * Conventions that hold for every function below:
 *
 * - Functions that can fail return int: SGK_OK (0) on success or a negative
 *   value from enum sgk_status.  The engine keeps a message, file, line and
 *   column describing the last failure (sgk_engine_errmsg() and friends).
 * - Strings returned by the library are borrowed: they stay valid until the
 *   engine that returned them is freed or, for results, until the next
 *   sgk_engine_compute().  The caller never frees them.
 * - Strings passed in are copied when the library needs them later.
 * - Every *_free(NULL) is a no-op.
 * - Dates passed in are "YYYY-MM-DD" strings.
 * - There is no global mutable state: separate engines may be used from
 *   separate threads at the same time.  One engine must not be used from two
 *   threads at once.
 */
#ifndef SGKPI_H
#define SGKPI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Compile-time version.  Must agree with sgk_version(), sgk_version_string()
 * and the meson project version; a test checks all three. */
#define SGK_VERSION_MAJOR 0
#define SGK_VERSION_MINOR 1
#define SGK_VERSION_PATCH 0
#define SGK_VERSION_STRING "0.1.0"

#if defined(_WIN32) && defined(SGK_BUILDING_DLL)
#define SGK_API __declspec(dllexport)
#elif defined(__GNUC__)
#define SGK_API __attribute__((visibility("default")))
#else
#define SGK_API
#endif

/* ------------------------------------------------------------------------
 * Status codes.  Values are stable and never reused.
 */
enum sgk_status {
    SGK_OK = 0,
    SGK_E_NOMEM = -1,            /* an allocation failed */
    SGK_E_INVALID_ARGUMENT = -2, /* NULL handle, bad enum value, bad date text */
    SGK_E_IO = -3,               /* a file could not be opened or read */
    SGK_E_PARSE = -4,            /* a file's contents could not be read as CSV */
    SGK_E_MISSING_COLUMN = -5,   /* a required column is absent from a header */
    SGK_E_UNKNOWN_KIND = -6,     /* a header matches no extract kind */
    SGK_E_DUPLICATE_COLUMN = -7, /* two headers name the same canonical column */
    SGK_E_STATE = -8,            /* call made out of order (e.g. feed before begin) */
    SGK_E_NOT_FOUND = -9,        /* unknown indicator id, profile or column name */
    SGK_E_EMPTY = -10,           /* an input had no header row */
    SGK_E_THRESHOLD = -11,       /* a thresholds or benchmarks file is invalid */
    SGK_E_NO_PERIOD = -12        /* sgk_engine_compute() before a period was set */
};

/* A static English description of a status code; never NULL. */
SGK_API const char *sgk_strerror(int status);

/* ------------------------------------------------------------------------
 * Versions.
 */

/* MAJOR * 10000 + MINOR * 100 + PATCH of the library actually loaded. */
SGK_API int sgk_version(void);
/* "MAJOR.MINOR.PATCH" of the library actually loaded; static string. */
SGK_API const char *sgk_version_string(void);

/* ------------------------------------------------------------------------
 * Extract kinds.  A file's kind is detected from its header unless the
 * caller forces one.  The canonical columns of each kind, and the headers
 * accepted for them, are listed in docs/columns.md.
 */
enum sgk_kind {
    SGK_KIND_AUTO = 0,        /* detect from the header */
    SGK_KIND_REFERRALS = 1,   /* one row per referral (Annex A list 3) */
    SGK_KIND_ASSESSMENTS = 2, /* one row per assessment (Annex A list 4) */
    SGK_KIND_CP_PLANS = 3,    /* one row per child protection plan (list 7) */
    SGK_KIND_CLA_EPISODES = 4,/* looked-after episodes (SSDA903, list 8) */
    SGK_KIND_CASES = 5,       /* open cases and their allocation (list 6) */
    SGK_KIND_WORKFORCE = 6,   /* one row per social work post */
    SGK_KIND_CLA_CHILDREN = 7,/* one row per child looked after (list 8) */
    SGK_KIND_CARE_LEAVERS = 8,/* one row per care leaver (list 9, SSDA903
                                 OC3) */
    SGK_KIND_COUNT = 9        /* number of values above, AUTO included */
};

/* "referrals", "assessments", ... for a kind; NULL for an invalid value. */
SGK_API const char *sgk_kind_name(int kind);
/* The kind named by a string from sgk_kind_name(); -1 if none matches. */
SGK_API int sgk_kind_from_name(const char *name);

/* ------------------------------------------------------------------------
 * Engines.
 */
typedef struct sgk_engine sgk_engine;

/* Allocator hooks.  realloc_fn must behave like realloc(3) (ptr NULL means
 * allocate; it is never called with size 0) and free_fn like free(3).
 * Both receive the user pointer given to sgk_engine_new_with_allocator().
 * Every allocation the engine makes, libcsv's buffers included, goes
 * through them. */
typedef void *(*sgk_realloc_fn)(void *ptr, size_t size, void *user);
typedef void (*sgk_free_fn)(void *ptr, void *user);

/* Creates an engine using the C library's allocator.  On success *out owns
 * a new engine that the caller releases with sgk_engine_free(). */
SGK_API int sgk_engine_new(sgk_engine **out);

/* As sgk_engine_new() but with caller-supplied allocator hooks.  Both hooks
 * must be given; user is passed through untouched. */
SGK_API int sgk_engine_new_with_allocator(sgk_realloc_fn realloc_fn,
                                          sgk_free_fn free_fn, void *user,
                                          sgk_engine **out);

/* Releases an engine and everything it returned.  NULL is a no-op. */
SGK_API void sgk_engine_free(sgk_engine *engine);

/* Sets the reporting period; both dates are inclusive and "YYYY-MM-DD".
 * Snapshot indicators are measured as at `to`.  May be called again before
 * another compute. */
SGK_API int sgk_engine_set_period(sgk_engine *engine, const char *from,
                                  const char *to);

/* Tunable settings, with their defaults. */
enum sgk_option {
    SGK_OPT_IA_TIMESCALE = 1,     /* initial assessment, working days: 7 */
    SGK_OPT_CA_TIMESCALE = 2,     /* core assessment, working days: 35 */
    SGK_OPT_SA_TIMESCALE = 3,     /* single assessment, working days: 45 */
    SGK_OPT_UNALLOCATED_DAYS = 4, /* unallocated case threshold, days: 28 */
    SGK_OPT_DELIMITER = 5,        /* field separator byte: ',' (';' and '\t' common) */
    SGK_OPT_BY_TEAM = 6,          /* 1 = compute team breakdowns: 0 */
    SGK_OPT_BY_MONTH = 7,         /* 1 = compute monthly breakdowns: 0 */
    SGK_OPT_MAX_REJECTIONS = 8,   /* rejection details kept, 0 = all: 0 */
    SGK_OPT_THREADS = 9,          /* reading and computing threads, 0 =
                                     online CPUs: 1 */
    SGK_OPT_EXCEPTIONS = 10,      /* 1 = keep case-level exception lists: 0 */
    SGK_OPT_MIN_CHUNK = 11,       /* bytes per thread before a file is split
                                     for parallel ingestion: 1048576 */
    SGK_OPT_POPULATION = 12,      /* children aged under 18 in the area (ONS
                                     mid-year estimate), the denominator of
                                     ia_per_10k, 0..10^9; 0 = not given, so
                                     ia_per_10k has no data: 0 */
    SGK_OPT_REFERRAL_WINDOW = 13, /* referral_to_assessment: calendar days
                                     after the referral within which an
                                     assessment must start, 0..1000: 30 */
    SGK_OPT_PER_10K_TYPE = 14     /* which assessments ia_per_10k counts, an
                                     enum sgk_assessment_type:
                                     SGK_ASSESSMENT_INITIAL */
};

/* Assessment types, as read from an assessments extract's assessment_type
 * column (blank reads as single). */
enum sgk_assessment_type {
    SGK_ASSESSMENT_INITIAL = 1,
    SGK_ASSESSMENT_CORE = 2,
    SGK_ASSESSMENT_SINGLE = 3
};

/* Threads.  With SGK_OPT_THREADS other than 1, sgk_engine_add_file and
 * sgk_engine_add_buffer split a large input at record boundaries (never
 * inside a quoted field) and parse the pieces in worker threads, and
 * sgk_engine_compute shares the indicators out among as many threads (at
 * most 8); results, rejections and line numbers are identical to a
 * single-threaded run.  The allocator hooks are then called from several
 * threads at once and must be thread-safe (the default ones are).
 * Streams are always read on the calling thread.  With threads a regular
 * file is mapped into memory to be read: it must not be cut short by
 * another process while sgk_engine_add_file runs, which would end the
 * process with SIGBUS (on one thread it is read as a stream). */

/* Sets an option.  SGK_E_INVALID_ARGUMENT for an unknown option or a value
 * out of range (timescales 1..1000 days, delimiter any byte but '"', CR, LF,
 * the ranges given above for the others). */
SGK_API int sgk_engine_set_option(sgk_engine *engine, int option,
                                  int64_t value);
/* Current value of an option, or -1 for an unknown option. */
SGK_API int64_t sgk_engine_get_option(const sgk_engine *engine, int option);

/* Adds a header alias: a column headed `header` (compared after the same
 * normalisation as the built-in aliases) will be read as the canonical
 * column `canonical` (e.g. "child_id", "referral_date") in every kind that
 * has that column.  Caller aliases take precedence over built-in ones.
 * SGK_E_NOT_FOUND if `canonical` is not a canonical column name. */
SGK_API int sgk_engine_add_alias(sgk_engine *engine, const char *header,
                                 const char *canonical);

/* Adds one extra non-working day ("YYYY-MM-DD"), such as a council closure
 * between Christmas and New Year.  Weekends and England and Wales bank
 * holidays are built in. */
SGK_API int sgk_engine_add_closure_day(sgk_engine *engine, const char *date);

/* Adds extra non-working days from a CSV file with one date per row (the
 * first column is used; a header row is allowed).  Any accepted date format
 * works.  A bad date fails the call naming the line. */
SGK_API int sgk_engine_add_closure_file(sgk_engine *engine, const char *path);

/* ------------------------------------------------------------------------
 * Input.  Three ways in: a path, a buffer, or a stream of chunks.  Each
 * input is one CSV extract whose first non-blank row is the header.  Rows
 * that cannot be used are recorded as rejections and the rest are kept;
 * the call only fails when the file as a whole cannot be used (unreadable,
 * no header, unknown kind, a required column missing).
 */

/* Reads the CSV file at `path`.  kind is an enum sgk_kind; SGK_KIND_AUTO
 * detects it from the header. */
SGK_API int sgk_engine_add_file(sgk_engine *engine, const char *path,
                                int kind);

/* Reads `len` bytes of CSV at `data`; `name` labels the input in results
 * and messages.  The bytes are not retained after the call. */
SGK_API int sgk_engine_add_buffer(sgk_engine *engine, const char *name,
                                  const char *data, size_t len, int kind);

/* Streaming input: begin, then feed chunks of any size (a record may span
 * chunks), then finish.  Only one stream may be open per engine. */
SGK_API int sgk_engine_begin(sgk_engine *engine, const char *name, int kind);
SGK_API int sgk_engine_feed(sgk_engine *engine, const char *data, size_t len);
SGK_API int sgk_engine_finish(sgk_engine *engine);

/* Progress reporting: fn is called with the bytes consumed so far and the
 * total (-1 when unknown, as for streams) while an input is read, at most
 * once per 1 MiB.  fn NULL turns it off. */
typedef void (*sgk_progress_fn)(int64_t done, int64_t total, void *user);
SGK_API int sgk_engine_set_progress(sgk_engine *engine, sgk_progress_fn fn,
                                    void *user);

/* Appends everything `src` has read (its inputs, rows and rejections) to
 * `dst`, as if `dst` had read the same inputs after its own.  Results are
 * then what one engine reading all the inputs would compute, so partial
 * engines (one per council, or one per worker in a distributed job) can
 * be pooled.  dst's own settings (period, options, closures, thresholds)
 * apply; src's are ignored.  Child ids are compared as text: when pooling
 * councils whose ids may collide, make them unique before loading (for
 * example, prefix each with the council's code).  src is not changed.  All or nothing: on failure dst is as before.  Any
 * earlier results of dst are cleared. */
SGK_API int sgk_engine_merge(sgk_engine *dst, const sgk_engine *src);

/* Inputs, in the order they were added, including failed ones. */
SGK_API int sgk_engine_input_count(const sgk_engine *engine);
SGK_API const char *sgk_input_name(const sgk_engine *engine, int input);
SGK_API int sgk_input_kind(const sgk_engine *engine, int input);
/* Rows read = rows used + rows rejected, always.  Blank rows are not rows. */
SGK_API int64_t sgk_input_rows_read(const sgk_engine *engine, int input);
SGK_API int64_t sgk_input_rows_used(const sgk_engine *engine, int input);
SGK_API int64_t sgk_input_rows_rejected(const sgk_engine *engine, int input);

/* Rows of the input that repeat an earlier row's child and main date
 * (referral date, assessment start, plan start, DECOM or case start),
 * found by the last sgk_engine_compute(); 0 before one, -1 for an input
 * out of range.  Each is left out of every indicator, reported as a row
 * rejection naming the line of the first, and counted among the rows
 * rejected (so rows read = used + rejected still holds).  Rows in
 * different inputs are never duplicates of each other. */
SGK_API int64_t sgk_input_duplicates(const sgk_engine *engine, int input);

/* ------------------------------------------------------------------------
 * Thresholds and benchmarks.
 */

/* Uses a built-in threshold profile.  "kent-2011" is Kent County Council's
 * 2011 Improvement Notice targets (docs/thresholds.md).  SGK_E_NOT_FOUND for
 * an unknown name. */
SGK_API int sgk_engine_use_profile(sgk_engine *engine, const char *name);

/* Loads thresholds from a CSV with columns indicator, op, target and
 * optionally from, to, source, label, amber.  op is "<=" or ">="; target is
 * a number or "benchmark:<label>".  SGK_E_THRESHOLD names the line and
 * column of the first bad row; nothing from a bad file is kept. */
SGK_API int sgk_engine_load_thresholds(sgk_engine *engine, const char *path);
SGK_API int sgk_engine_load_thresholds_buffer(sgk_engine *engine,
                                              const char *name,
                                              const char *data, size_t len);

/* Loads benchmarks (indicator, value, label) to show beside results. */
SGK_API int sgk_engine_load_benchmarks(sgk_engine *engine, const char *path);
SGK_API int sgk_engine_load_benchmarks_buffer(sgk_engine *engine,
                                              const char *name,
                                              const char *data, size_t len);

/* ------------------------------------------------------------------------
 * Indicators: a fixed table, the same for every engine.
 */
/* What an indicator's value is, from its numerator and denominator:
 *   PERCENT      100 * numerator / denominator
 *   COUNT        the numerator; the denominator is NaN
 *   RATE_PER_10K 10000 * numerator / denominator, the denominator being a
 *                population (ia_per_10k: SGK_OPT_POPULATION)
 *   AVERAGE      numerator / denominator (caseload_mean: open allocated
 *                cases / workers holding them)
 * Every unit but COUNT has no value when its denominator is 0. */
enum sgk_unit {
    SGK_UNIT_PERCENT = 1,
    SGK_UNIT_COUNT = 2,
    SGK_UNIT_RATE_PER_10K = 3,
    SGK_UNIT_AVERAGE = 4
};

/* Number of indicators; indexes run from 0 to count - 1 in a stable order. */
SGK_API int sgk_indicator_count(void);
/* Index of the indicator with this id, or -1. */
SGK_API int sgk_indicator_find(const char *id);
/* Static strings; NULL for an index out of range. */
SGK_API const char *sgk_indicator_id(int indicator);
SGK_API const char *sgk_indicator_label(int indicator);
SGK_API const char *sgk_indicator_definition(int indicator);
SGK_API const char *sgk_indicator_source(int indicator);
/* enum sgk_unit, or 0 for an index out of range. */
SGK_API int sgk_indicator_unit(int indicator);
/* The extract kind the indicator reads; SGK_KIND_AUTO (0) for one that
 * reads every kind (dq_blank_or_invalid and the ethnicity indicators), and
 * 0 for an index out of range.  Some indicators also read a second kind
 * when it is given (the children-in-care ones read cla_episodes beside
 * cla_children), and cla_placements_3plus can be computed from
 * cla_episodes alone; its results are present when either extract was
 * given. */
SGK_API int sgk_indicator_kind(int indicator);

/* ------------------------------------------------------------------------
 * Computing and reading results.
 */

/* Computes every indicator for the period, with the breakdowns that the
 * options ask for.  Replaces earlier results.  Either every result is
 * filled or the call fails and no results are readable. */
SGK_API int sgk_engine_compute(sgk_engine *engine);

/* Results come in groups: the whole period, each team, each month. */
enum sgk_group {
    SGK_GROUP_TOTAL = 0, /* the index k is ignored */
    SGK_GROUP_TEAM = 1,  /* k indexes sgk_engine_team_name() */
    SGK_GROUP_MONTH = 2  /* k indexes sgk_engine_month_label() */
};

/* Teams seen in the inputs, sorted by name; "(no team)" collects rows
 * without one.  0 before a compute with SGK_OPT_BY_TEAM. */
SGK_API int sgk_engine_team_count(const sgk_engine *engine);
SGK_API const char *sgk_engine_team_name(const sgk_engine *engine, int team);
/* Calendar months inside the period, as "YYYY-MM".  0 before a compute with
 * SGK_OPT_BY_MONTH.  Each month is computed as its own period, clipped to
 * the reporting period. */
SGK_API int sgk_engine_month_count(const sgk_engine *engine);
SGK_API const char *sgk_engine_month_label(const sgk_engine *engine,
                                           int month);

/* 1 if the result has a value; 0 for "no data" (extract not given, or a
 * denominator of 0 for any unit but COUNT) or an index out of range. */
SGK_API int sgk_result_has_value(const sgk_engine *engine, int indicator,
                                 int group, int k);
/* The value, unrounded, as enum sgk_unit says: a percentage, a count, a
 * rate per 10,000 or an average.  NaN when there is no value. */
SGK_API double sgk_result_value(const sgk_engine *engine, int indicator,
                                int group, int k);
/* Numerator (the count itself for count indicators) and denominator (NaN
 * for count indicators).  NaN when the extract was not given. */
SGK_API double sgk_result_numerator(const sgk_engine *engine, int indicator,
                                    int group, int k);
SGK_API double sgk_result_denominator(const sgk_engine *engine, int indicator,
                                      int group, int k);

/* Status against the applicable threshold. */
enum sgk_rag {
    SGK_STATUS_NONE = 0,    /* no threshold applies */
    SGK_STATUS_MET = 1,     /* green */
    SGK_STATUS_AMBER = 2,   /* between the amber boundary and the target */
    SGK_STATUS_NOT_MET = 3, /* red */
    SGK_STATUS_NO_DATA = 4  /* a threshold applies but there is no value */
};
SGK_API int sgk_result_status(const sgk_engine *engine, int indicator,
                              int group, int k);
/* "met", "amber", "not_met", "no_data", or NULL for SGK_STATUS_NONE. */
SGK_API const char *sgk_status_name(int status);

/* The threshold applied to an indicator for the whole period (a month uses
 * the threshold that applies to it, which may differ: see
 * sgk_result_group_threshold_op below).  op is "<=" or ">=",
 * NULL when none applies.  target and amber are NaN when absent; for a
 * "benchmark:" target, target is the benchmark's value. */
SGK_API const char *sgk_result_threshold_op(const sgk_engine *engine,
                                            int indicator);
SGK_API double sgk_result_threshold_target(const sgk_engine *engine,
                                           int indicator);
SGK_API double sgk_result_threshold_amber(const sgk_engine *engine,
                                          int indicator);
SGK_API const char *sgk_result_threshold_source(const sgk_engine *engine,
                                                int indicator);
SGK_API const char *sgk_result_threshold_label(const sgk_engine *engine,
                                               int indicator);
/* The threshold a group's status was judged against, as the five above:
 * for SGK_GROUP_TOTAL and every team, the whole period's; for month k, the
 * one in force on that month's last day (a threshold file can set
 * different targets for different dates), or none.  A breakdown the
 * indicator does not have (data quality by team or month, ethnicity by
 * month) was judged against none.  NULL or NaN when none applies, or
 * group or k is out of range. */
SGK_API const char *sgk_result_group_threshold_op(const sgk_engine *engine,
                                                  int indicator, int group,
                                                  int k);
SGK_API double sgk_result_group_threshold_target(const sgk_engine *engine,
                                                 int indicator, int group,
                                                 int k);
SGK_API double sgk_result_group_threshold_amber(const sgk_engine *engine,
                                                int indicator, int group,
                                                int k);
SGK_API const char *sgk_result_group_threshold_source(
    const sgk_engine *engine, int indicator, int group, int k);
SGK_API const char *sgk_result_group_threshold_label(
    const sgk_engine *engine, int indicator, int group, int k);

/* Benchmarks loaded for an indicator, in file order. */
SGK_API int sgk_result_benchmark_count(const sgk_engine *engine,
                                       int indicator);
SGK_API double sgk_result_benchmark_value(const sgk_engine *engine,
                                          int indicator, int k);
SGK_API const char *sgk_result_benchmark_label(const sgk_engine *engine,
                                               int indicator, int k);

/* A note on how the last compute worked an indicator out, when it had to
 * fall back on something other than its main definition (for example
 * re_referral_rate read from the Annex A "Number of Referrals in Last 12
 * Months" column, or referral_to_assessment from referral_nfa because no
 * assessments extract was given), or why it has no value (ia_per_10k
 * without SGK_OPT_POPULATION).  One note per indicator, for the whole
 * period and every breakdown.  A static English string, or NULL when
 * there is nothing to say or no results; reports should show it beside
 * the value. */
SGK_API const char *sgk_result_note(const sgk_engine *engine, int indicator);

/* ------------------------------------------------------------------------
 * Exception lists: the case-level records behind an indicator, for the
 * managers who must act on them.  They carry child identifiers, so they are
 * kept only when SGK_OPT_EXCEPTIONS is 1 at compute time; otherwise every
 * count is 0.  Lists exist for ia/ca/sa_overdue and ia/ca/sa_completed_late
 * (date = clock start, days = working days elapsed or taken),
 * unallocated_over_28_days and unallocated_cp_cla (date = unallocated
 * since, days = calendar days unallocated as at the period end) and
 * cp_open_2_years_plus (plans open at the period end that have reached two
 * years; date = plan start, days = calendar days open).  At the front
 * door: referral_decision_1wd lists the referrals decided in more than one
 * working day (date = referral, days = working days to the decision) and
 * re_referral_rate the re-referrals (date = referral, days = calendar days
 * since the child's referral before, or -1 when only the Annex A count
 * says there was one).  For children in
 * care: cla_health_check and cla_dental_check list the children in the
 * 12-month cohort without a check in the 12 months (date = the last check,
 * "" when none is recorded; days = calendar days since it as at the period
 * end, or with none recorded since the child's care began: from the
 * episodes, the first of the chain of episodes covering the 12 months,
 * else the row's start date), and cla_school_absence_25d those who missed
 * 25 days or more
 * (date ""; days = days of school missed).  For care leavers in touch:
 * care_leavers_suitable_accommodation lists those not recorded as in
 * suitable accommodation and care_leavers_eet those not recorded as in
 * education, employment or training (date "", days -1: the extract has
 * neither).  Each list is sorted most urgent first: most days, then input
 * and line.
 */
SGK_API int64_t sgk_exception_count(const sgk_engine *engine, int indicator);
SGK_API const char *sgk_exception_child(const sgk_engine *engine,
                                        int indicator, int64_t k);
SGK_API const char *sgk_exception_team(const sgk_engine *engine,
                                       int indicator, int64_t k);
/* "" when the record has no worker. */
SGK_API const char *sgk_exception_worker(const sgk_engine *engine,
                                         int indicator, int64_t k);
/* "YYYY-MM-DD", or "" when the record has no date; the string is valid
 * until the next call of this function on the same engine, so copy it if
 * it must be kept. */
SGK_API const char *sgk_exception_date(sgk_engine *engine, int indicator,
                                       int64_t k);
/* -1 when the record has no days (the care leaver lists; a re-referral
 * known only from the Annex A count), as for a k out of range. */
SGK_API int64_t sgk_exception_days(const sgk_engine *engine, int indicator,
                                   int64_t k);
SGK_API const char *sgk_exception_input(const sgk_engine *engine,
                                        int indicator, int64_t k);
SGK_API int64_t sgk_exception_line(const sgk_engine *engine, int indicator,
                                   int64_t k);

/* ------------------------------------------------------------------------
 * Rejections: every row, field or indicator contribution that could not be
 * used, with where and why.  Sorted by input, line, then column.  Row
 * rejections (a required field bad) make a row count as rejected; field
 * rejections leave the row used but keep it out of the indicators listed.
 */
SGK_API int64_t sgk_engine_rejection_count(const sgk_engine *engine);
SGK_API const char *sgk_rejection_input(const sgk_engine *engine, int64_t r);
/* Physical line where the record starts, counting from 1. */
SGK_API int64_t sgk_rejection_line(const sgk_engine *engine, int64_t r);
/* The column's header as written in the file, and its 1-based position.
 * Both are NULL and 0 when the reason concerns the whole row; the header
 * alone is NULL when the field has none (a field past the end of the
 * header row, as in a row with too many fields). */
SGK_API const char *sgk_rejection_column(const sgk_engine *engine, int64_t r);
SGK_API int sgk_rejection_column_number(const sgk_engine *engine, int64_t r);
/* Comma-separated ids of the indicators the record was kept out of, or
 * NULL when the whole row was rejected. */
SGK_API const char *sgk_rejection_indicator(const sgk_engine *engine,
                                            int64_t r);
/* Plain-English reason. */
SGK_API const char *sgk_rejection_reason(const sgk_engine *engine, int64_t r);
/* Rejections counted but not kept because of SGK_OPT_MAX_REJECTIONS. */
SGK_API int64_t sgk_engine_rejections_dropped(const sgk_engine *engine);

/* ------------------------------------------------------------------------
 * Data quality ("dq"): for each input and each field the indicators read,
 * how many rows had it blank or invalid (docs/indicators.md, indicator
 * dq_blank_or_invalid).  Filled by sgk_engine_compute(); a row k indexes
 * the table from 0 to sgk_dq_count() - 1, ordered by input, then by the
 * field's position in the header.  Only fields of the input's kind that
 * its header has are listed; columns no indicator reads are not.  Counts
 * are whole rows: rows read by the input, of which blank and invalid
 * (disjoint).  Invalid values are the rejections reading recorded against
 * the field, so they are only complete when SGK_OPT_MAX_REJECTIONS is 0.
 * Strings are borrowed until the next compute or the engine is freed.
 * Out-of-range k gives -1, NULL or NaN.
 */
/* Number of (input, field) rows; 0 before a compute. */
SGK_API int sgk_dq_count(const sgk_engine *engine);
/* The input index (as for sgk_input_name()) of row k. */
SGK_API int sgk_dq_input(const sgk_engine *engine, int k);
/* The canonical column name ("team", "ethnicity") of row k. */
SGK_API const char *sgk_dq_field(const sgk_engine *engine, int k);
/* The field's header as written in the input. */
SGK_API const char *sgk_dq_header(const sgk_engine *engine, int k);
/* Rows read, rows with the field blank, rows with it invalid. */
SGK_API int64_t sgk_dq_rows(const sgk_engine *engine, int k);
SGK_API int64_t sgk_dq_blank(const sgk_engine *engine, int k);
SGK_API int64_t sgk_dq_invalid(const sgk_engine *engine, int k);
/* 100 * (blank + invalid) / rows; NaN when the input has no rows. */
SGK_API double sgk_dq_value(const sgk_engine *engine, int k);
/* enum sgk_rag: the value against the threshold applied to
 * dq_blank_or_invalid for the period (SGK_STATUS_NONE without one). */
SGK_API int sgk_dq_status(const sgk_engine *engine, int k);

/* ------------------------------------------------------------------------
 * The last error on an engine: a message naming the input, line and column
 * where they apply.  Valid until the next call on the engine that fails.
 * errline is 0 and errcolumn NULL where they do not apply.
 */
SGK_API const char *sgk_engine_errmsg(const sgk_engine *engine);
SGK_API const char *sgk_engine_errfile(const sgk_engine *engine);
SGK_API int64_t sgk_engine_errline(const sgk_engine *engine);
SGK_API const char *sgk_engine_errcolumn(const sgk_engine *engine);

#ifdef __cplusplus
}
#endif

#endif /* SGKPI_H */
