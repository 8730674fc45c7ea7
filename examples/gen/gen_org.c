/* Teams, workers and the workforce extract.
 *
 * Team k is named after an area and a function; both cycle so that the
 * first few teams cover the front door, children in need, child
 * protection and children in care.  Workers are derived from hashes of
 * (seed, team, number) rather than stored, which keeps memory flat however
 * many teams are asked for and lets the case files and the workforce file
 * agree on names without sharing a table. */
#include <string.h>
#include "gen.h"

static const char *const areas[] = {
    "Dover", "Ashford", "Canterbury", "Maidstone", "Thanet", "Swale",
    "Tonbridge", "Sevenoaks", "Dartford", "Gravesham", "Shepway",
    "Tunbridge Wells",
};
#define NAREAS ((int)(sizeof areas / sizeof areas[0]))

static const char *const functions[] = {"Duty", "CIN", "CP", "LAC"};

static const char *const first_names[] = {
    "Amy", "Ben", "Chloe", "Daniel", "Emma", "Farah", "Gareth", "Hannah",
    "Imran", "Jade", "Kwame", "Laura", "Marek", "Nadia", "Owen", "Priya",
    "Rachel", "Sam", "Tariq", "Una", "Vicky", "Will", "Yasmin", "Zoe",
    "Agnieszka", "Bola", "Ciaran", "Deepa", "Eilidh", "Femi",
};
static const char *const surnames[] = {
    "Adebayo", "Brennan", "Clarke", "Dowling", "Evans", "Fairweather",
    "Gill", "Hughes", "Iqbal", "Jarvis", "Kowalski", "Lomax", "Mensah",
    "Nowak", "Okafor", "Pearce", "Quinn", "Rahman", "Sutton", "Thorne",
    "Underwood", "Varga", "Whitlock", "Yeo", "Ashworth", "Bhatt", "Crouch",
    "Dimitrov", "Ellery", "Fenwick", "Grainger", "Hollis", "Ibe", "Jaggard",
};
#define COUNT(a) ((uint32_t)(sizeof a / sizeof a[0]))

void gen_team_name(int team, char *buf, size_t cap)
{
    const char *area = areas[team % NAREAS];
    const char *fn = functions[team % 4];
    int round = team / NAREAS;
    if (round == 0)
        snprintf(buf, cap, "%s %s", area, fn);
    else
        snprintf(buf, cap, "%s %s %d", area, fn, round + 1);
}

/* Teams k with k % 4 == function are that function's; a child's slot picks
 * one of them.  With fewer than four teams some functions have none and the
 * work falls to whichever team the slot lands on. */
int gen_team_for(const gen_config *cfg, int function, uint32_t slot)
{
    int n = cfg->teams;
    if (n <= function)
        return (int)(slot % (uint32_t)n);
    return function + 4 * (int)(slot % (uint32_t)((n - 1 - function) / 4 + 1));
}

static uint64_t team_hash(const gen_config *cfg, int team, uint64_t what)
{
    return gen_mix(cfg->seed ^ gen_mix(((uint64_t)team << 20) ^ what));
}

/* About 18 open cases per worker: a team grows with the children it
 * serves, with a little variation between teams. */
int gen_team_workers(const gen_config *cfg, int team)
{
    uint64_t base = cfg->children / ((uint64_t)cfg->teams * 18u);
    if (base < 6)
        base = 6;
    if (base > 1000000)
        base = 1000000;
    return (int)base + (int)(team_hash(cfg, team, 1) % 4);
}

void gen_worker_name(const gen_config *cfg, int team, int worker, char *buf,
                     size_t cap)
{
    uint64_t h = team_hash(cfg, team, UINT64_C(0x1000000) + (uint64_t)worker);
    snprintf(buf, cap, "%s %s", first_names[h % COUNT(first_names)],
             surnames[(h >> 32) % COUNT(surnames)]);
}

/* ------------------------------------------------------------------------
 * Workforce: one row per post.  Case-holding posts are filled by an
 * employee or an agency worker; some posts are vacant; each team also has
 * a manager and unqualified assistants (who do not count towards the
 * qualified social worker rates). */
static const char *const ftes[] = {"1.0", "1.0", "1.0", "1.0", "1.0", "0.8",
                                   "0.9", "0.6", "0.5", "0.81", "0.4"};

static void post_row(gen_sink *sink, gen_row *row, const char *post,
                     const char *worker, const char *status, int qualified)
{
    row->s[GEN_F_POST] = post;
    row->s[GEN_F_WORKER] = worker;
    row->s[GEN_F_STATUS] = status;
    row->s[GEN_F_QUALIFIED] = qualified ? "Y" : "N";
    gen_sink_row(sink, row);
}

/* How many of n posts get a status, at a team's own rate (permille), with
 * the fraction rounded up or down at random so that small teams still
 * average out to the rate. */
static int share(gen_rng *r, int n, unsigned lo, unsigned hi)
{
    uint32_t rate = (uint32_t)gen_range(r, (int32_t)lo, (int32_t)hi);
    uint64_t scaled = (uint64_t)n * rate + gen_below(r, 1000);
    return (int)(scaled / 1000);
}

static void team_posts(const gen_config *cfg, gen_sink *sink, int team)
{
    char tname[64], wname[64];
    gen_row row;
    gen_rng r;
    int n = gen_team_workers(cfg, team), j, agency, vacant, assistants;
    int first_agency;

    gen_rng_seed(&r, cfg->seed, UINT64_C(0x7EA0000000000000) + (uint64_t)team);
    gen_team_name(team, tname, sizeof tname);
    gen_row_clear(&row);
    row.s[GEN_F_TEAM] = tname;
    /* Vacancies and agency cover run at 3-14% and 2-9% of posts, so a
     * county usually lands around Kent's 2011 vacancy rate of 10-15%. */
    vacant = share(&r, n, 30, 140);
    agency = share(&r, n, 20, 90);
    first_agency = (int)gen_below(&r, (uint32_t)n);

    gen_worker_name(cfg, team, n, wname, sizeof wname);
    row.s[GEN_F_FTE] = "1.0";
    post_row(sink, &row, "Team Manager", wname, "in_post", 1);
    for (j = 0; j < n; j++) {
        int is_agency = (j - first_agency + n) % n < agency;
        gen_worker_name(cfg, team, j, wname, sizeof wname);
        row.s[GEN_F_FTE] = ftes[gen_below(&r, COUNT(ftes))];
        post_row(sink, &row, j % 3 == 0 ? "Senior Practitioner"
                                        : "Social Worker",
                 wname, is_agency ? "agency" : "in_post", 1);
    }
    for (j = 0; j < vacant; j++) {
        row.s[GEN_F_FTE] = gen_chance(&r, 800) ? "1.0" : "0.5";
        post_row(sink, &row, "Social Worker", NULL, "vacant", 1);
    }
    assistants = gen_range(&r, 1, 2);
    for (j = 0; j < assistants; j++) {
        int filled = gen_chance(&r, 850);
        gen_worker_name(cfg, team, n + 1 + j, wname, sizeof wname);
        row.s[GEN_F_FTE] = ftes[gen_below(&r, COUNT(ftes))];
        post_row(sink, &row, "Social Work Assistant", filled ? wname : NULL,
                 filled ? "in_post" : "vacant", 0);
    }
}

void gen_write_workforce(const gen_config *cfg, gen_sink *sink)
{
    int team;
    for (team = 0; team < cfg->teams; team++)
        team_posts(cfg, sink, team);
}
