/* sgkpi-gen: writes a synthetic, deterministic set of children's social
 * care extracts (referrals, assessments, child protection plans, looked
 * after episodes, cases and workforce) for trying out and benchmarking
 * sgkpi.  Every child is invented; the same arguments always give the
 * same bytes. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdir() */
#endif
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "gen.h"

static void usage(FILE *fp)
{
    fputs(
        "usage: sgkpi-gen --out DIR [--seed N] [--children N]\n"
        "                 [--from YYYY-MM-DD --to YYYY-MM-DD] [--teams N]\n"
        "                 [--bad-rate PERMILLE] [--annex-a] [--text]\n"
        "                 [--quiet]\n"
        "\n"
        "Writes referrals.csv, assessments.csv, cp_plans.csv,\n"
        "cla_episodes.csv, cases.csv, workforce.csv, cla_children.csv and\n"
        "care_leavers.csv into DIR (created if missing).  Every child is\n"
        "made up; the same arguments give byte-identical files.\n"
        "\n"
        "  --out DIR            output directory (required)\n"
        "  --seed N             random seed (default 1)\n"
        "  --children N         children to invent (default 1000)\n"
        "  --from, --to DATE    the reporting period the data is shaped\n"
        "                       around (default 2011-04-01 to 2012-03-31)\n"
        "  --teams N            number of teams (default 6)\n"
        "  --bad-rate PERMILLE  rows per thousand with a deliberate error,\n"
        "                       such as 31/02/2011, 'tbc', a blank child id\n"
        "                       or a negative FTE (default 2)\n"
        "  --annex-a            Ofsted Annex A headings on cp_plans.csv,\n"
        "                       cla_children.csv and care_leavers.csv, and\n"
        "                       the SSDA903 layout for cla_episodes.csv\n"
        "  --text               add a free-text notes column (commas, quotes\n"
        "                       and line breaks, quoted as CSV requires)\n"
        "  --quiet              no summary on stderr\n"
        "\n"
        "example:\n"
        "  sgkpi-gen --out /tmp/extracts --seed 7 --children 50000 --text\n",
        fp);
}

static int parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    unsigned long long v;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int bad_arg(const char *opt, const char *val, const char *want)
{
    fprintf(stderr, "sgkpi-gen: %s '%s': expected %s\n", opt,
            val ? val : "(missing)", want);
    return -1;
}

/* Returns 0, -1 on a bad argument, 1 after --help. */
static int parse_args(int argc, char **argv, gen_config *cfg, int *quiet)
{
    int i;
    uint64_t v;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 1;
        } else if (strcmp(a, "--annex-a") == 0) {
            cfg->annex_a = 1;
        } else if (strcmp(a, "--text") == 0) {
            cfg->text = 1;
        } else if (strcmp(a, "--quiet") == 0) {
            *quiet = 1;
        } else if (strcmp(a, "--out") == 0 && val) {
            cfg->out_dir = val;
            i++;
        } else if (strcmp(a, "--seed") == 0) {
            if (parse_u64(val, 0, UINT64_MAX, &cfg->seed))
                return bad_arg(a, val, "a non-negative integer");
            i++;
        } else if (strcmp(a, "--children") == 0) {
            if (parse_u64(val, 1, UINT64_C(1000000000000), &cfg->children))
                return bad_arg(a, val, "a number of children >= 1");
            i++;
        } else if (strcmp(a, "--teams") == 0) {
            if (parse_u64(val, 1, 100000, &v))
                return bad_arg(a, val, "1 to 100000");
            cfg->teams = (int)v;
            i++;
        } else if (strcmp(a, "--bad-rate") == 0) {
            if (parse_u64(val, 0, 1000, &v))
                return bad_arg(a, val, "0 to 1000 (per thousand rows)");
            cfg->bad_permille = (unsigned)v;
            i++;
        } else if (strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0) {
            gen_day *d = a[2] == 'f' ? &cfg->from : &cfg->to;
            if (!val || gen_parse_iso(val, d))
                return bad_arg(a, val, "a date YYYY-MM-DD");
            i++;
        } else {
            fprintf(stderr, "sgkpi-gen: unknown or incomplete option '%s'\n",
                    a);
            return -1;
        }
    }
    if (!cfg->out_dir) {
        fprintf(stderr, "sgkpi-gen: --out DIR is required\n");
        return -1;
    }
    if (cfg->from > cfg->to) {
        fprintf(stderr, "sgkpi-gen: --from is after --to\n");
        return -1;
    }
    return 0;
}

static int open_all(gen_out *out, const gen_config *cfg)
{
    int k;
    if (mkdir(cfg->out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "sgkpi-gen: cannot create %s: %s\n", cfg->out_dir,
                strerror(errno));
        return -1;
    }
    for (k = 0; k < GEN_KIND_COUNT; k++) {
        char path[4096];
        const gen_layout *lay = gen_layout_for(k, cfg->annex_a);
        snprintf(path, sizeof path, "%s/%s", cfg->out_dir, lay->file);
        if (gen_sink_open(&out->sink[k], cfg, k, path) != 0) {
            fprintf(stderr, "sgkpi-gen: cannot write %s: %s\n", path,
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

static int close_all(gen_out *out, const gen_config *cfg, int quiet)
{
    int k, rc = 0;
    for (k = 0; k < GEN_KIND_COUNT; k++) {
        const gen_sink *s = &out->sink[k];
        const char *file = gen_layout_for(k, cfg->annex_a)->file;
        if (!quiet)
            fprintf(stderr, "%-18s %10" PRIu64 " rows, %" PRIu64 " bad\n",
                    file, s->rows, s->bad_rows);
        if (gen_sink_close(&out->sink[k]) != 0) {
            fprintf(stderr, "sgkpi-gen: error writing %s/%s\n", cfg->out_dir,
                    file);
            rc = -1;
        }
    }
    return rc;
}

int main(int argc, char **argv)
{
    gen_config cfg;
    gen_out out;
    uint64_t i;
    int quiet = 0, rc;

    memset(&cfg, 0, sizeof cfg);
    memset(&out, 0, sizeof out);
    cfg.seed = 1;
    cfg.children = 1000;
    cfg.teams = 6;
    cfg.bad_permille = 2;
    cfg.from = gen_day_from_ymd(2011, 4, 1);
    cfg.to = gen_day_from_ymd(2012, 3, 31);

    rc = parse_args(argc, argv, &cfg, &quiet);
    if (rc != 0) {
        if (rc < 0)
            fputs("try 'sgkpi-gen --help'\n", stderr);
        return rc < 0 ? 2 : 0;
    }
    if (open_all(&out, &cfg) != 0) {
        close_all(&out, &cfg, 1);
        return 1;
    }
    gen_write_workforce(&cfg, &out.sink[GEN_WORKFORCE]);
    for (i = 0; i < cfg.children; i++)
        gen_child_write(&cfg, &out, i);
    return close_all(&out, &cfg, quiet) == 0 ? 0 : 1;
}
