/* The engine's private layout, shared by the files in lib/. */
#ifndef SGK_ENGINE_H
#define SGK_ENGINE_H

#include <stdint.h>
#include "sgkpi.h"
#include "alloc.h"
#include "calendar.h"
#include "child_queue.h"
#include "columns.h"
#include "csv_reader.h"
#include "dates.h"
#include "error.h"
#include "strpool.h"
#include "thresholds.h"

/* One usable record of any kind, in a fixed small form so that a county's
 * or a nation's rows fit in memory.  What d[], code, flags and num mean is
 * up to each kind's family file. */
typedef struct sgk__fact {
    sgk__day d[4];    /* dates; SGK__NO_DATE when blank */
    uint32_t child;   /* interned child id */
    uint32_t team;    /* interned team; 0 is "(no team)" */
    uint32_t worker;  /* interned worker; 0 is blank */
    uint32_t line;    /* physical line the record starts on */
    int32_t num;      /* a kind's number (previous plans, FTE x 10000) */
    uint16_t input;   /* index into the engine's inputs */
    uint16_t bad;     /* bit per canonical-column slot whose value was bad */
    uint8_t code;     /* a kind's coded value */
    uint8_t code2;    /* a second coded value */
    uint8_t flags;
    uint8_t pad;
} sgk__fact;

typedef struct sgk__input {
    char *name;
    int kind;
    int64_t rows_read, rows_used, rows_rejected;
    char **headers;   /* as written, for naming columns in rejections */
    size_t nheaders;
    int field_of_col[SGK__COL_COUNT]; /* from its layout, for rejections */
    int failed;       /* the input as a whole could not be used */
} sgk__input;

typedef struct sgk__rejection {
    uint32_t input;
    uint32_t line;
    int32_t column;        /* 0-based field, or -1 for the whole row */
    const char *indicators;/* static list, or NULL for a row rejection */
    char *reason;          /* owned */
    int computed;          /* found by a compute, so redone by the next */
} sgk__rejection;

/* One result cell: numerator and denominator (den < 0: count indicator). */
typedef struct sgk__cell {
    double num;
    double den;
    int present;  /* the indicator's extract was given */
    int status;   /* enum sgk_rag */
    int unit;     /* enum sgk_unit, for the value */
    /* What status was judged against: an index into targets.thresholds
     * (an index, as loading more thresholds may move the array), or -1;
     * and its target, resolved (a benchmark's value, say). */
    int threshold;
    double target;
} sgk__cell;

/* One case-level record behind an indicator (an exception). */
typedef struct sgk__exception {
    uint32_t fact;    /* index into the indicator kind's facts */
    int32_t days;
    sgk__day date;
} sgk__exception;

/* One (input, field) row of the data-quality table (data_quality.c). */
typedef struct sgk__dq_row {
    uint32_t input;
    int col;          /* canonical column */
    int field;        /* 0-based field in the input's header */
    int64_t rows, blank, invalid;
    int status;       /* enum sgk_rag against dq_blank_or_invalid */
} sgk__dq_row;

typedef struct sgk__results {
    int computed;
    sgk__vec *exceptions;          /* [indicator] of sgk__exception */
    char date_buf[16];             /* for sgk_exception_date */
    int nteams;        /* teams in the breakdown */
    uint32_t *team_order; /* breakdown index -> interned team id */
    int nmonths;
    char (*month_labels)[12];
    sgk__cell *total;  /* [indicator] */
    sgk__cell *team;   /* [indicator * nteams + t] */
    sgk__cell *month;  /* [indicator * nmonths + m] */
    const char **note; /* [indicator] static note from the compute, or NULL */
    sgk__dq_row *dq;   /* [ndq], by input then header position */
    size_t ndq;
    int64_t *duplicates; /* [input] later duplicates found, or NULL */
    size_t nduplicates;  /* inputs when they were counted */
} sgk__results;

/* Ingestion state of the input being read. */
typedef struct sgk__ingest {
    struct sgk_engine *engine;
    uint16_t input;
    int have_header;
    int forced_kind;
    sgk__layout layout;
    int status;        /* first fatal error */
    sgk__reader reader;
    size_t facts_mark[SGK_KIND_COUNT]; /* facts before this input */
    unsigned char *wanted;    /* fields the layout reads (reader.wanted) */
    int child_required;       /* the layout's kind needs child_id */
    sgk__recent recent_team, recent_worker;
    sgk__child_queue children_due; /* facts whose child is still to look up */
    int open;
} sgk__ingest;

struct sgk_engine {
    sgk__mem mem;
    sgk__error err;
    sgk__day from, to;
    int have_period;
    int64_t options[16];
    sgk__strpool children, teams, workers;
    sgk__vec inputs;       /* sgk__input */
    sgk__vec facts[SGK_KIND_COUNT]; /* sgk__fact per kind */
    int kind_seen[SGK_KIND_COUNT];  /* an input of this kind was read */
    sgk__vec rejections;   /* sgk__rejection */
    int64_t rejections_kept;    /* of them, found while reading (capped) */
    int64_t rejections_dropped; /* found while reading, over the cap */
    sgk__vec aliases;      /* sgk__alias */
    sgk__calendar calendar;
    sgk__targets targets;
    sgk__ingest stream;    /* the open feed, if any */
    sgk_progress_fn progress;
    void *progress_user;
    sgk__results results;
};

/* Rejection helpers for ingestion and compute (rejections.c).  column is a
 * 0-based field index or -1; indicators NULL means the row is rejected.
 * Return 0 or SGK_E_NOMEM. */
int sgk__reject(struct sgk_engine *e, uint32_t input, int64_t line,
                int column, const char *indicators, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* The same for what a compute finds: never capped, and replaced by the
 * next compute. */
int sgk__reject_computed(struct sgk_engine *e, uint32_t input, int64_t line,
                         int column, const char *indicators, const char *fmt,
                         ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* The same into a list of the caller's (a compute's, kept apart until
 * sgk__rejections_adopt). */
int sgk__reject_computed_into(struct sgk_engine *e, sgk__vec *to,
                              uint32_t input, int64_t line, int column,
                              const char *indicators, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* Moves every rejection of `from` to the end of the engine's list; on
 * failure the list is as before and `from` keeps them.  0 or
 * SGK_E_NOMEM. */
int sgk__rejections_adopt(struct sgk_engine *e, sgk__vec *from);
/* Frees a list of rejections made by sgk__reject_computed_into. */
void sgk__rejections_drop(struct sgk_engine *e, sgk__vec *list);
/* Sorts rejections by input, line, column (stable). */
void sgk__rejections_sort(struct sgk_engine *e);
void sgk__rejections_free(struct sgk_engine *e);

/* Ingestion (ingest.c). */
int sgk__ingest_begin(struct sgk_engine *e, sgk__ingest *in, const char *name,
                      int kind);
int sgk__ingest_end(struct sgk_engine *e, sgk__ingest *in, int status);
/* Looks up the children of the facts read so far, which until then are
 * only queued: before the engine's children or facts are used while the
 * input is still open (parallel.c merges into it). */
int sgk__ingest_settle(struct sgk_engine *e, sgk__ingest *in);
/* After the layout is set: lets the reader skip unread fields and notes
 * what each row of the kind needs. */
int sgk__ingest_want(struct sgk_engine *e, sgk__ingest *in);

void sgk__results_free(struct sgk_engine *e);
/* A cell has a value when its extract was given and, for any unit but a
 * count, its denominator is not 0; the value is what enum sgk_unit says. */
int sgk__cell_has_value(const sgk__cell *c);
double sgk__cell_value(const sgk__cell *c);
/* The threshold a cell's status was judged against, or NULL. */
const sgk__threshold *sgk__cell_threshold(const struct sgk_engine *e,
                                          const sgk__cell *c);

/* Appends src to dst (merge.c).  into >= 0 adds src's rows to that dst
 * input instead of appending src's inputs; line_offset shifts every line
 * number (for chunks of one file).  All or nothing. */
int sgk__merge(struct sgk_engine *dst, const struct sgk_engine *src, int into,
               int64_t line_offset);

/* Parallel ingestion (parallel.c): the open stream e->stream reads `data`
 * with up to `threads` workers.  mapped: data is a private read-only
 * mapping of a file, whose pages may be dropped once read.  Returns 0 or a
 * stop status; the caller ends the ingestion. */
int sgk__threads_wanted(const struct sgk_engine *e);
int sgk__ingest_parallel(struct sgk_engine *e, const char *data, size_t len,
                         int threads, int mapped);

/* Exception lists (exceptions.c). */
int sgk__exceptions_init(struct sgk_engine *e);
void sgk__exceptions_sort(struct sgk_engine *e);
void sgk__exceptions_free(struct sgk_engine *e);

#endif
