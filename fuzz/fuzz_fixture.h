/* A small set of valid extracts (2021-22 dates) that the side-file and
 * engine targets load so that thresholds, benchmarks and closure days
 * have results to act on. */
#ifndef SGK_FUZZ_FIXTURE_H
#define SGK_FUZZ_FIXTURE_H

static const char fz_fixture_assessments[] =
    "child_id,assessment_type,referral_date,start_date,completion_date,"
    "team,worker\n"
    "A1,initial,,2021-06-01,2021-06-04,North,W1\n"
    "A2,initial,2021-05-20,2021-06-01,2021-06-30,South,W2\n"
    "A3,core,,2021-06-01,2021-09-30,North,W1\n"
    "A4,single,,2021-06-01,,South,\n"
    "A5,single,,2021-07-01,2021-08-02,North,W3\n"
    "A6,initial,,2021-12-20,2022-01-05,South,W2\n";

static const char fz_fixture_cases[] =
    "child_id,case_start_date,case_end_date,worker,unallocated_since,"
    "category,team\n"
    "K1,2021-01-01,,,2021-02-01,CP,North\n"
    "K2,2021-01-01,,W1,,CIN,South\n"
    "K3,2021-12-01,,,,CLA,South\n";

static const char fz_fixture_cp[] =
    "child_id,plan_start_date,plan_end_date,previous_plans,team\n"
    "P1,2019-01-01,2021-06-01,0,North\n"
    "P2,2021-05-01,,1,South\n"
    "P3,2018-01-01,,0,North\n";

static const char fz_fixture_cla[] =
    "child_id,start_date,end_date,reason_ended,legal_status,team\n"
    "L1,2019-01-01,2021-07-01,E11,E1,North\n"
    "L2,2020-01-01,2021-08-01,E4A,C2,South\n";

static const char fz_fixture_workforce[] =
    "team,fte,status,qualified\n"
    "North,1,in_post,Y\n"
    "North,0.5,vacant,Y\n"
    "South,1,agency,Y\n";

#endif
