#!/usr/bin/env python3
"""Writes the hand-made seed corpus in fuzz/corpus/<target>/.

The CSV bodies below are written by hand: small valid extracts of each
kind (snake_case, Ofsted Annex A headings, the SSDA903 layout) and broken
ones (stray and unterminated quotes, a BOM, CRLF, NUL bytes, invalid
UTF-8, a very wide row, files that are not CSV at all).  Each target reads
a few control bytes before the file; see the comment at the top of each
fuzz_<target>.c.  Run from anywhere: python3 fuzz/make-seeds.py
The files are committed; rerun after editing this script.
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

# ---------------------------------------------------------------- extracts
REFERRALS = (
    "child_id,referral_date,team,worker,referral_nfa,decision_date\n"
    "R1,2021-04-06,North,W1,No,2021-04-07\n"
    "R2,06/05/2021,South,,Yes,7/5/2021\n"
    "R3,2021-06-01 10:15,North,W2,,\n"
)

REFERRALS_ANNEX_A = (
    "Child Unique ID,Referral Date,Referral NFA?,"
    "Number of Referrals in Last 12 Months,Allocated Team\n"
    "R1,01/05/2021,a) Yes,0,Team A\n"
    "R1,01/06/2021,b) No,1,Team A\n"
    "R4,10/06/2021,,x,Team B\n"
    "R5,29/02/2020,Maybe,2,\n"
)

ASSESSMENTS = (
    "child_id,assessment_type,referral_date,start_date,completion_date,team,worker\n"
    "A1,initial,2021-04-01,2021-04-06,2021-04-12,North,W1\n"
    "A2,core,,2021-04-06,2021-06-30,North,W1\n"
    "A3,single,,2021-05-01,,South,\n"
    "A4,Single Assessment,,2021-05-01,2021-07-20T09:00:00Z,South,W3\n"
    "A5,ia,,44317,44330,West,W4\n"
    "A6,sa,,2021-12-20,9999-12-31,West,\n"
)

CP_ANNEX_A = (
    "Child Unique ID,Gender,Allocated Team,Allocated Worker,"
    "Child Protection Plan Start Date,Initial Category of Abuse,"
    "Child Protection Plan End Date,Number of Previous Child Protection Plans\n"
    "R1,a) Male,Team B,Worker 2,01/10/2021,Neglect,,1\n"
    "R1,a) Male,Team A,Worker 1,01/05/2019,Neglect,01/08/2021,0\n"
    "R2,b) Female,Team B,Worker 2,1/7/2021,Emotional abuse,,\n"
)

CLA_903 = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
    "L1,01/05/2019,S,C2,N1,U1,PR1,01/06/2021,X1,,ME14 1,ME15 6,\n"
    "L1,01/06/2021,L,C2,N1,U1,PR1,01/09/2021,E11,,ME14 1,ME15 6,\n"
    "L2,01/01/2020,S,V3,N2,U1,PR1,01/05/2021,E4A,,CT1 2,CT2 7,\n"
    "L3,01/01/2020,S,C2,N2,U1,PR1,,,,CT1 2,CT2 7,\n"
)

CLA_ANNEX_A = (
    "Child Unique ID,Date Started to be Looked After,"
    "Date Ceased to be Looked After,Reason Ceased to be Looked After,"
    "Child's Legal Status\n"
    "L9,2020-02-01,2021-09-30,a) E11: Adopted - application unopposed,C2\n"
    "L8,2020-02-01,2021-10-30,b) E4A: Returned home,C2\n"
)

CASES = (
    "child_id,case_start_date,case_end_date,worker,unallocated_since,category,team\n"
    "K1,2021-01-01,,,2021-02-01,CP,North\n"
    "K2,2021-01-01,,W1,,CIN,South\n"
    "K3,2021-12-01,,,,CLA,South\n"
    "K4,2020-06-01,2021-05-01,,,Closed,North\n"
)

WORKFORCE = (
    "team,fte,status,qualified\n"
    "North,1,in_post,Y\n"
    "North,0.5,vacant,Y\n"
    "South,1.00005,agency,yes\n"
    "South,0.8,in post,N\n"
)

QUOTED = (
    'child_id,plan_start_date,plan_end_date,previous_plans,team\n'
    'Q1,"2021-05-01","",0,"West, upper"\n'
    'Q2,2021-05-01,,1,"a ""quoted"" team"\n'
    'Q3,2021-05-01,,0,"two\nline team"\n'
    '\n'
    '\n'
    'Q4,2021-06-01,,0,North\n'
)

BROKEN_QUOTES = (
    "child_id,plan_start_date,plan_end_date,previous_plans\n"
    "B1,2021-05-01,,0\n"
    'B2,20"21-05-01,,0\n'
    'B3,"2021-05-01"x,,0\n'
    "B4,2021-05-01,,0\n"
    'B5,2021-05-01,"2021-06-01,1\n'
    "B6,2021-05-01,,0\n"
)

DATES = (
    "child_id,plan_start_date,plan_end_date,previous_plans\n"
    "D1,31/02/2021,,0\n"
    "D2,00/01/2021,,0\n"
    "D3,2021-13-01,,0\n"
    "D4,0000-01-01,,0\n"
    "D5,tbc,,0\n"
    "D6,3000001,,0\n"
    "D7,2150-01-01,,0\n"
    "D8,2021-05-01,2021-04-01,-1\n"
    "D9,2021-05-01,1900-01-01,two\n"
    "D10,60,,0\n"
    "D11,2021/05/01,,0\n"
    "D12,2021-05-01 25:00,,0\n"
    "D13,-5,,0\n"
    "D14,29/02/2020 10:00 PM,,\n"
)

WORKFORCE_BAD = (
    "team,fte,status,qualified\n"
    "North,-1,in_post,Y\n"
    "North,abc,vacant,Y\n"
    "North,,vacant,Y\n"
    "South,1,retired,Y\n"
    "South,1,in_post,maybe\n"
    "South,999999999,in_post,Y\n"
)

CLA_CHILDREN = (
    "Child Unique ID,Date of Birth,Date Started to be Looked After,"
    "Child's Legal Status,Date of Last Health Assessment,"
    "Date of Last Dental Check,Number of Placements in the Last 12 months,"
    "Days Missed School,Allocated Team\n"
    "H1,31/08/2010,01/01/2019,C2,01/06/2021,31/02/2021,3,25,North\n"
    "H2,01/09/2010,,V3,,,x,abc,South\n"
    "H1,01/01/2012,01/01/2020,E1,01/01/2022,,1,0,North\n"
)

CARE_LEAVERS = (
    "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n"
    "O1,01/01/2001,YES,F1,D1\n"
    "O2,01/01/2001,YES,G6,S1\n"
    "O3,01/01/2001,Maybe,0,0\n"
    "O4,01/01/2001,,,\n"
)


# Quoted notes whose lines look like records, and empty quoted fields,
# around the cuts of a threaded read (lib/cuts.c guesses each cut from the
# bytes after it).
NOTES = (
    "child_id,assessment_type,start_date,completion_date,team,notes\n"
    + "".join(
        "N%d,core,2021-05-%02d,,T%d,%s\n" % (
            i, 1 + i % 28, i % 3,
            ['"seen at home\nN99,core,2021-05-01,,T1,x\n""ok"", she said"',
             '""', 'plain', '"a, b\r\nc"', 'x"y', '"\n\n"'][i % 6])
        for i in range(40)))


def crlf(s):
    return s.replace("\n", "\r\n")


def enc(s):
    return s.encode("utf-8")


BOM = b"\xef\xbb\xbf"

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10"
       b"\x08\x06\x00\x00\x00\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xf8\xff"
       b"\xff?\x03%\x80\x89\x81B0j\xc0\xa8\x01\x03\x0b\x00\x00\x8a\x1f\xff"
       b"\x01\"\x9e\xc9\xd2\x00\x00\x00\x00IEND\xaeB`\x82")

XLSX = (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00"
        b"\x00\x90\x04\x00\x00\x13\x00\x08\x02[Content_Types].xml \xa2\x04\x02"
        b"(\xa0\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
        b"\xac\x94\xcbN\xc30\x10E\xf7H\xfcC\xe4-J\xdc\xb2@\x085\xed\x82\xc7"
        b"\x12*Q>\xc0\xc4\x93\xc6\xaac[\x9e\xe9\xeb\xdf3\xce\"\n\x89")


def wide(n):
    head = "child_id,plan_start_date," + ",".join("c%d" % i for i in range(n))
    row = "W1,2021-05-01," + ",".join("v" for _ in range(n))
    return head + "\n" + row + "\n" + "W2,2021-05-01" + ",x" * (n + 5) + "\n"


# (name, kind byte, delimiter, options, chunk, year, body bytes)
INGEST = [
    ("referrals", "0", ",", 0x07, 0, 0, enc(REFERRALS)),
    ("referrals-forced", "1", ",", 0x00, 3, 0, enc(REFERRALS)),
    ("referrals-annex-a", "0", ",", 0x07, 0, 0, enc(REFERRALS_ANNEX_A)),
    ("assessments", "0", ",", 0x07, 0, 0, enc(ASSESSMENTS)),
    ("assessments-bytewise", "2", ",", 0x05, 1, 0, enc(ASSESSMENTS)),
    ("assessments-parallel", "0", ",", 0x47, 16, 0, enc(ASSESSMENTS * 1)),
    ("cp-annex-a", "0", ",", 0x03, 0, 0, enc(CP_ANNEX_A)),
    ("cla-903", "0", ",", 0x07, 5, 0, enc(CLA_903)),
    ("cla-annex-a", "4", ",", 0x01, 0, 0, enc(CLA_ANNEX_A)),
    ("cla-children", "0", ",", 0x07, 3, 0, enc(CLA_CHILDREN)),
    ("cla-children-forced", "7", ",", 0x00, 0, 0, enc(CLA_CHILDREN)),
    ("care-leavers", "0", ",", 0x03, 0, 0, enc(CARE_LEAVERS)),
    ("care-leavers-forced", "8", ",", 0x04, 2, 0, enc(CARE_LEAVERS)),
    ("cases", "0", ",", 0x07, 0, 0, enc(CASES)),
    ("workforce", "0", ",", 0x03, 0, 0, enc(WORKFORCE)),
    ("bom-crlf", "0", ",", 0x07, 2, 0, BOM + enc(crlf(ASSESSMENTS))),
    ("bom-split", "0", ",", 0x00, 1, 0, BOM + enc(CASES)),
    ("semicolon", "0", ";", 0x01, 0, 0, enc(CASES.replace(",", ";"))),
    ("tab", "0", "\t", 0x02, 0, 0, enc(WORKFORCE.replace(",", "\t"))),
    ("quoted", "0", ",", 0x43, 7, 0, enc(QUOTED)),
    ("quoted-crlf", "3", ",", 0x00, 0, 0, enc(crlf(QUOTED))),
    ("broken-quotes", "0", ",", 0x07, 0, 0, enc(BROKEN_QUOTES)),
    ("broken-quotes-parallel", "0", ",", 0x40, 4, 0, enc(BROKEN_QUOTES)),
    ("notes-parallel", "2", ",", 0x47, 0, 0, enc(NOTES)),
    ("unterminated-eof", "0", ",", 0x00, 0, 0,
     enc('child_id,plan_start_date\nU1,2021-05-01\nU2,"2021-05-01\nU3,x\n')),
    ("dates", "0", ",", 0x07, 0, 0, enc(DATES)),
    ("dates-maxrej", "0", ",", 0x08, 0, 0, enc(DATES)),
    ("workforce-bad", "0", ",", 0x01, 0, 0, enc(WORKFORCE_BAD)),
    ("nul-bytes", "0", ",", 0x01, 0, 0,
     b"child_id,plan_start_date,team\nN\x001,2021-05-01,North\n"
     b"N2,2021-05-01,No\x00rth\nN3,2021-05-\x0001,North\n"),
    ("invalid-utf8", "0", ",", 0x07, 0, 0,
     b"child_id,plan_start_date,team,worker\nU\xff1,2021-05-01,North,W\n"
     b"U2,2021-05-01,Nor\xc3th,W\nU3,2021-05-01,\xe2\x82,W\xf5\n"
     b"U4,2021-05-01,Caf\xc3\xa9,W\xc2\xa0x\n"),
    ("wide-row", "0", ",", 0x00, 0, 0, enc(wide(1500))),
    ("long-field", "0", ",", 0x00, 0, 0,
     enc("child_id,plan_start_date,notes\nL1,2021-05-01,\"" + "x" * 5000 +
         "\"\nL2," + "9" * 3000 + ",\n")),
    ("empty", "0", ",", 0x00, 0, 0, b""),
    ("header-only", "0", ",", 0x07, 0, 0, enc("child_id,plan_start_date\n")),
    ("blank-lines", "0", ",", 0x00, 0, 0,
     enc("\n\n   \n,,\nchild_id,plan_start_date\n\n,\nP1,2021-05-01\n\n\n")),
    ("missing-column", "0", ",", 0x00, 0, 0,
     enc("child_id,plan_end_date,previous_plans\nM1,2021-05-01,0\n")),
    ("missing-forced", "5", ",", 0x00, 0, 0, enc(REFERRALS)),
    ("duplicate-columns", "0", ",", 0x00, 0, 0,
     enc("Child Unique ID,child_id,plan_start_date\nX,X,2021-05-01\n")),
    ("unknown-kind", "0", ",", 0x00, 0, 0, enc("foo,bar\n1,2\n")),
    ("png", "0", ",", 0x00, 0, 0, PNG),
    ("xlsx", "0", ",", 0x00, 9, 0, XLSX),
    ("cr-only", "0", ",", 0x00, 0, 0, enc(CASES.replace("\n", "\r"))),
    ("aliases", "0", ",", 0x10, 0, 0,
     enc("Kid,Opened,end_date,REC\nK1,2020-01-01,2021-07-01,E11\n")),
    ("kent-2011", "0", ",", 0x07, 0, 1,
     enc("child_id,assessment_type,referral_date,start_date,completion_date,"
         "team,worker\nI1,initial,,2011-06-06,2011-06-08,Team A,Worker 1\n"
         "I2,core,,2011-06-06,2011-09-14,Team A,Worker 1\n"
         "I3,initial,,2012-03-01,,Team B,\n")),
]

# ------------------------------------------------------------- side files
THRESHOLDS = (
    "indicator,op,target,from,to,source,label,amber\n"
    "ia_timeliness,>=,80,,,Plan 1,Initial assessments in 7 days,70\n"
    "ca_overdue,<=,0,2021-04-01,2022-03-31,Plan 5,,\n"
    "sa_timeliness,>=,benchmark:England,,,Plan 3,,\n"
    "cp_repeat_plans,\u2264,13.6,,,IN 8,Repeat plans,\n"
    "adoption_rate,\u2265,11,,2012-03-31,IN 14,,\n"
)

BENCHMARKS = (
    "indicator,value,label\n"
    "ia_timeliness,70.5,England\n"
    "sa_timeliness,80,England\n"
    "cp_repeat_plans,15.2,Statistical neighbours\n"
    "sw_vacancy_rate,12,\n"
)

CLOSURE = "date\n2021-12-29\n30/12/2021\n31/12/2021 00:00\n44561\n\n"

# (name, mode byte, year, body)
SIDEFILES = [
    ("thresholds", 0x00, 0, enc(THRESHOLDS)),
    ("thresholds-profile", 0x30, 1, enc(THRESHOLDS)),
    ("thresholds-bom-crlf", 0x00, 0, BOM + enc(crlf(THRESHOLDS))),
    ("thresholds-unknown-id", 0x00, 0,
     enc("indicator,op,target\nia_timelyness,>=,80\n")),
    ("thresholds-bad-op", 0x10, 0, enc("indicator,op,target\nia_timeliness,=>,80\n")),
    ("thresholds-lt", 0x00, 0, enc("indicator,op,target\nia_timeliness,<,80\n")),
    ("thresholds-bad-target", 0x00, 0,
     enc("indicator,op,target\nia_timeliness,>=,0x50\nia_timeliness,>=,nan\n")),
    ("thresholds-amber-wrong-side", 0x00, 0,
     enc("indicator,op,target,amber\nia_timeliness,>=,80,90\n")),
    ("thresholds-range-backwards", 0x00, 0,
     enc("indicator,op,target,from,to\nia_timeliness,>=,80,2022-01-01,2021-01-01\n")),
    ("thresholds-missing-column", 0x00, 0, enc("indicator,target\nia_timeliness,80\n")),
    ("thresholds-duplicate-column", 0x00, 0,
     enc("indicator,op,operator,target\nia_timeliness,>=,>=,80\n")),
    ("thresholds-stray-quote", 0x00, 0,
     enc('indicator,op,target\nia_timeliness,>=,8"0\n')),
    ("thresholds-empty-benchmark", 0x00, 0,
     enc("indicator,op,target\nia_timeliness,>=,benchmark:\n")),
    ("thresholds-empty", 0x00, 0, b""),
    ("benchmarks", 0x01, 0, enc(BENCHMARKS)),
    ("benchmarks-bad-value", 0x01, 0, enc("indicator,value,label\nia_timeliness,high,England\n")),
    ("benchmarks-unknown", 0x21, 0, enc("indicator,value\nnot_an_indicator,1\n")),
    ("both", 0x03, 0, enc("indicator,op,target,value,label\nia_timeliness,>=,80,75,England\n")),
    ("closure", 0x02, 0, enc(CLOSURE)),
    ("closure-breakdowns", 0x22, 0, enc(CLOSURE)),
    ("closure-bad-date", 0x02, 0, enc("2021-12-29\n31/02/2021\n")),
    ("closure-quote", 0x02, 0, enc('2021-12-29\n"2021-12-30\n')),
    ("closure-nul", 0x02, 0, b"2021-12-29\n2021-12-\x0030\n"),
    ("closure-empty", 0x02, 0, b""),
]

# ----------------------------------------------------------- whole engine
SEP = b"\x1e"
ALL = [b"0" + enc(ASSESSMENTS), b"0" + enc(CASES), b"0" + enc(CP_ANNEX_A),
       b"0" + enc(CLA_903), b"0" + enc(WORKFORCE), b"1" + enc(REFERRALS)]
ENGINE = [
    ("all-kinds", 0x07, 0, SEP.join(ALL)),
    ("all-kinds-parallel", 0x17, 0, SEP.join(ALL)),
    ("targets", 0x05, 0, SEP.join(ALL + [b"T" + enc(THRESHOLDS),
                                         b"B" + enc(BENCHMARKS)])),
    ("closure-aliases", 0x07, 0, SEP.join(
        [b"Akid=child_id\nOpened=start_date\nnope=not_a_column\n",
         b"0kid,Opened,end_date,REC\nK1,2020-01-01,2021-07-01,E11\n",
         b"C2021-12-29\n2021-13-01\n\n9999-12-31\n"] + ALL)),
    ("broken", 0x0F, 0x80, SEP.join(
        [b"0" + enc(BROKEN_QUOTES), b"0" + enc(DATES), b"0" + enc(WORKFORCE_BAD),
         b"0", b"", PNG, b"3" + enc(REFERRALS), b"T" + b"indicator,op\n"])),
    ("kent-2011", 0x03, 1, SEP.join(
        [b"0child_id,assessment_type,referral_date,start_date,completion_date,"
         b"team,worker\nI1,initial,,2011-06-06,2011-06-08,Team A,Worker 1\n"
         b"I2,core,,2011-06-06,2011-09-14,Team A,Worker 1\n",
         b"0child_id,plan_start_date,plan_end_date,previous_plans\n"
         b"D1,2009-05-10,2011-06-01,1\n"])),
    ("front-door", 0x07, 0, SEP.join(
        [b"0" + enc(REFERRALS_ANNEX_A), b"0" + enc(REFERRALS),
         b"0child_id,assessment_type,start_date,completion_date\n"
         b"R1,initial,2021-05-01,2021-05-03\nR4,core,2021-07-10,\n",
         b"0child_id,case_start_date,case_end_date,worker,team\n"
         b"R1,2021-01-01,,W1,Team A\nR4,2021-01-01,,W1,Team B\n"
         b"R5,2021-01-01,2021-05-31,W2,Team B\n"])),
    ("children-in-care", 0x07, 0, SEP.join(
        [b"0" + enc(CLA_CHILDREN), b"0" + enc(CLA_903),
         b"0" + enc(CARE_LEAVERS)])),
    ("same-child-everywhere", 0x07, 0, SEP.join(
        [b"0child_id,plan_start_date,plan_end_date,previous_plans,team\n"
         b"C1,2021-05-01,,0,T\nC1,2019-05-01,2021-04-30,0,T\n",
         b"0child_id,plan_start_date,plan_end_date,previous_plans,team\n"
         b"C1,2018-05-01,2019-04-30,,U\n"])),
]


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    for name, kind, delim, opts, chunk, year, body in INGEST:
        head = bytes([ord(kind), ord(delim), opts, chunk, year])
        write("ingest", name, head + body)
    for name, mode, year, body in SIDEFILES:
        write("sidefiles", name, bytes([mode, year]) + body)
    for name, opts, year, body in ENGINE:
        write("engine", name, bytes([opts, year]) + body)


if __name__ == "__main__":
    main()
