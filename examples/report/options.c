/* sgkpi-report: the command line and --help. */
#include <stdlib.h>
#include <string.h>
#include "report.h"

static void usage(FILE *out)
{
    fputs(
"usage: sgkpi-report --from YYYY-MM-DD --to YYYY-MM-DD [options] FILE...\n"
"\n"
"Computes children's safeguarding indicators from CSV extracts and writes a\n"
"report. Each FILE's kind is detected from its header, or forced as\n"
"KIND=PATH (kinds: referrals, assessments, cp_plans, cla_episodes, cases,\n"
"workforce, cla_children, care_leavers). Options may also be written\n"
"--option=VALUE.\n"
"\n"
"period and targets:\n"
"  --from DATE, --to DATE   reporting period, both inclusive (required)\n"
"                             --from 2011-04-01 --to 2012-03-31\n"
"  --thresholds FILE|NAME   thresholds CSV, or a built-in profile\n"
"                             --thresholds kent-2011\n"
"  --benchmarks FILE        benchmarks CSV (indicator,value,label)\n"
"                             --benchmarks neighbours.csv\n"
"  --holidays FILE          extra non-working days, one date per row\n"
"                             --holidays closures.csv\n"
"  --delimiter C            field separator: ',' (default), ';' or 'tab'\n"
"                             --delimiter ';'\n"
"\n"
"front door:\n"
"  --population N           children aged under 18 in the area (ONS mid-year\n"
"                           estimate), for ia_per_10k; without it that\n"
"                           rate has no data  --population 332000\n"
"  --referral-window DAYS   days after a referral within which an\n"
"                           assessment counts for referral_to_assessment\n"
"                           (default 30)      --referral-window 30\n"
"  --per-10k-assessments T  which assessments ia_per_10k counts: initial\n"
"                           (default), core or single\n"
"                             --per-10k-assessments single\n"
"\n"
"breakdowns:\n"
"  --by team                add a breakdown by team (bar charts in html)\n"
"                             --by team\n"
"  --monthly                add a breakdown by calendar month (line charts\n"
"                           in html)          --monthly\n"
"\n"
"output:\n"
"  --format FORMAT          text, csv, html or json. Default: from the\n"
"                           --output name (.txt .csv .html .htm .json),\n"
"                           otherwise text, whether or not stdout is a\n"
"                           terminal          --format html\n"
"  -o, --output FILE        write the report to FILE (through a temporary\n"
"                           file renamed into place); '-' or none: stdout\n"
"                             --output report.html\n"
"  --suppress N             publication mode: counts from 1 to N, and\n"
"                           percentages whose numerator or denominator is\n"
"                           from 1 to N, are shown as c   --suppress 5\n"
"  --exceptions DIR         write case-level exception lists, one CSV per\n"
"                           measure, into DIR (created if needed). They\n"
"                           contain child identifiers; nothing else does.\n"
"                             --exceptions exceptions/\n"
"  --max-rejections N       rejections listed in text output (default 20)\n"
"                             --max-rejections 100\n"
"  --threads N              threads for reading large files and for\n"
"                           computing (default 0: one per online CPU);\n"
"                           results are the same whatever N is\n"
"                             --threads 1\n"
"  --fail-on-breach         exit 1 when any threshold is not met\n"
"  -q, --quiet              no progress bar or notes on stderr\n"
"  --version                print the library version\n"
"  -h, --help               this text\n"
"\n"
"Colour: text output to a terminal is coloured unless NO_COLOR is set.\n"
"Progress: a bar on stderr when stderr is a terminal and the inputs are\n"
"1 MiB or more, unless --quiet.\n"
"Exit status: 0 done, 1 a threshold not met (--fail-on-breach), 2 error.\n"
"\n"
"examples:\n"
"  sgkpi-report --from 2011-04-01 --to 2012-03-31 --thresholds kent-2011 \\\n"
"      --by team --monthly --output report.html examples/data/*.csv\n"
"  sgkpi-report --from 2011-04-01 --to 2012-03-31 --format csv \\\n"
"      --suppress 5 cases=open_cases.csv assessments.csv > kpi.csv\n"
"  sgkpi-report --from 2011-04-01 --to 2012-03-31 --exceptions lists \\\n"
"      assessments.csv cases.csv cp_plans.csv\n", out);
}

static int parse_delimiter(const char *s)
{
    if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
        return '\t';
    if (strlen(s) == 1)
        return (unsigned char)s[0];
    return -1;
}

static int parse_format(const char *s)
{
    static const char *const names[] = {"", "text", "json", "csv", "html"};
    int f;
    for (f = FORMAT_TEXT; f <= FORMAT_HTML; f++)
        if (strcmp(s, names[f]) == 0)
            return f;
    return 0;
}

static int parse_assessment_type(const char *s)
{
    if (strcmp(s, "initial") == 0)
        return SGK_ASSESSMENT_INITIAL;
    if (strcmp(s, "core") == 0)
        return SGK_ASSESSMENT_CORE;
    if (strcmp(s, "single") == 0)
        return SGK_ASSESSMENT_SINGLE;
    return 0;
}

/* A whole number in 0..max, or -1. */
static long parse_count(const char *s, long max)
{
    char *end;
    long v;
    if (!*s || *s == '-' || *s == '+')
        return -1;
    v = strtol(s, &end, 10);
    return *end || v < 0 || v > max ? -1 : v;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    size_t i;
    if (n < m)
        return 0;
    for (i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

static int format_from_name(const char *path)
{
    if (!path)
        return FORMAT_TEXT;
    if (ends_with(path, ".html") || ends_with(path, ".htm"))
        return FORMAT_HTML;
    if (ends_with(path, ".csv"))
        return FORMAT_CSV;
    if (ends_with(path, ".json"))
        return FORMAT_JSON;
    return FORMAT_TEXT;
}

static int bad(const char *what, const char *v)
{
    fprintf(stderr, "sgkpi-report: %s '%s' (see --help)\n", what, v);
    return 2;
}

/* An option that takes a value.  0 done, 2 error. */
static int take_value(report_options *o, const char *a, const char *v)
{
    long n;
    if (strcmp(a, "--by") == 0) {
        if (strcmp(v, "team") == 0)
            o->by_team = 1;
        else if (strcmp(v, "month") == 0)
            o->monthly = 1;
        else
            return bad("--by takes team or month, not", v);
    } else if (strcmp(a, "--from") == 0) {
        o->from = v;
    } else if (strcmp(a, "--to") == 0) {
        o->to = v;
    } else if (strcmp(a, "--thresholds") == 0) {
        o->thresholds = v;
    } else if (strcmp(a, "--benchmarks") == 0) {
        o->benchmarks = v;
    } else if (strcmp(a, "--holidays") == 0) {
        o->holidays = v;
    } else if (strcmp(a, "--format") == 0) {
        if (!(o->format = parse_format(v)))
            return bad("unknown format", v);
    } else if (strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0) {
        o->output = strcmp(v, "-") == 0 ? NULL : v;
    } else if (strcmp(a, "--exceptions") == 0) {
        if (!*v)
            return bad("--exceptions needs a directory, not", v);
        o->exceptions = v;
    } else if (strcmp(a, "--suppress") == 0) {
        if ((n = parse_count(v, 1000000)) < 0)
            return bad("--suppress takes a whole number, not", v);
        o->suppress = (int)n;
    } else if (strcmp(a, "--delimiter") == 0) {
        if ((o->delimiter = parse_delimiter(v)) < 0)
            return bad("bad delimiter", v);
    } else if (strcmp(a, "--max-rejections") == 0) {
        if ((n = parse_count(v, 100000000)) < 0)
            return bad("--max-rejections takes a whole number, not", v);
        o->max_rejections = (int)n;
    } else if (strcmp(a, "--population") == 0) {
        if ((n = parse_count(v, 1000000000)) < 0)
            return bad("--population takes a whole number, not", v);
        o->population = n;
    } else if (strcmp(a, "--referral-window") == 0) {
        if ((n = parse_count(v, 1000)) < 0)
            return bad("--referral-window takes 0 to 1000 days, not", v);
        o->referral_window = (int)n;
    } else if (strcmp(a, "--per-10k-assessments") == 0) {
        if (!(o->per_10k_type = parse_assessment_type(v)))
            return bad("--per-10k-assessments takes initial, core or "
                       "single, not", v);
    } else if (strcmp(a, "--threads") == 0) {
        if ((n = parse_count(v, 256)) < 0)
            return bad("--threads takes a whole number, not", v);
        o->threads = (int)n;
    } else {
        return -1;
    }
    return 0;
}

static const char *const valued[] = {
    "--by", "--from", "--to", "--thresholds", "--benchmarks", "--holidays",
    "--format", "--output", "-o", "--exceptions", "--suppress",
    "--delimiter", "--max-rejections", "--threads", "--population",
    "--referral-window", "--per-10k-assessments", NULL,
};

static int takes_value(const char *a, size_t len)
{
    int i;
    for (i = 0; valued[i]; i++)
        if (strlen(valued[i]) == len && strncmp(a, valued[i], len) == 0)
            return 1;
    return 0;
}

int report_parse_args(int argc, char **argv, report_options *o)
{
    int i, rc, only_files = 0;
    memset(o, 0, sizeof *o);
    o->delimiter = ',';
    o->population = -1;
    o->referral_window = -1;
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->files)
        return 2;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        char name[32];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 3;
        } else if (strcmp(a, "--version") == 0) {
            printf("sgkpi-report %s\n", sgk_version_string());
            return 3;
        } else if (strcmp(a, "--monthly") == 0) {
            o->monthly = 1;
        } else if (strcmp(a, "--fail-on-breach") == 0) {
            o->fail_on_breach = 1;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (eq && (size_t)(eq - a) < sizeof name
                   && takes_value(a, (size_t)(eq - a))) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = '\0';
            if ((rc = take_value(o, name, eq + 1)) != 0)
                return rc;
        } else if (takes_value(a, strlen(a)) && i + 1 < argc) {
            if ((rc = take_value(o, a, argv[++i])) != 0)
                return rc;
        } else {
            fprintf(stderr, "sgkpi-report: unknown or incomplete option "
                            "'%s' (see --help)\n", a);
            return 2;
        }
    }
    if (!o->from || !o->to || o->nfiles == 0) {
        fprintf(stderr, "sgkpi-report: --from, --to and at least one FILE "
                        "are required (see --help)\n");
        return 2;
    }
    if (!o->format)
        o->format = format_from_name(o->output);
    return 0;
}

/* KIND=PATH forces a kind; a plain path is detected. */
const char *report_input_path(const char *arg, int *kind)
{
    const char *eq = strchr(arg, '=');
    char name[32];
    int k;
    *kind = SGK_KIND_AUTO;
    if (eq && (size_t)(eq - arg) < sizeof name) {
        memcpy(name, arg, (size_t)(eq - arg));
        name[eq - arg] = '\0';
        if ((k = sgk_kind_from_name(name)) > 0) {
            *kind = k;
            return eq + 1;
        }
    }
    return arg;
}
