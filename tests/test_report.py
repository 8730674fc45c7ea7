"""sgkpi-report end to end: the JSON contract, hand-worked values, statuses,
breakdowns that add up, and exit codes.  Usage: test_report.py SGKPI_REPORT"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPORT = None
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report")
IDS = [
    "ia_timeliness", "ca_timeliness", "sa_timeliness", "ia_overdue",
    "ca_overdue", "sa_overdue", "ia_completed_late", "ca_completed_late",
    "sa_completed_late", "unallocated_over_28_days", "unallocated_cp_cla",
    "cp_plans_2_years_plus", "cp_open_2_years_plus", "cp_repeat_plans",
    "adoption_rate", "sw_vacancy_rate", "sw_agency_rate",
]


def run(*args):
    return subprocess.run([REPORT, *args], capture_output=True, text=True,
                          check=False)


def report(*extra):
    proc = run("--from", "2011-04-01", "--to", "2011-06-30", "--format",
               "json", *extra, os.path.join(HERE, "assessments.csv"),
               "cases=" + os.path.join(HERE, "cases.csv"))
    if proc.returncode != 0:
        raise AssertionError(proc.stderr)
    doc = json.loads(proc.stdout)
    return doc, {ind["id"]: ind for ind in doc["indicators"]}


class JsonContract(unittest.TestCase):
    def test_every_id_in_stable_order(self):
        doc, _ = report()
        self.assertEqual([i["id"] for i in doc["indicators"]][:len(IDS)], IDS)
        self.assertEqual(doc["period"], {"from": "2011-04-01",
                                         "to": "2011-06-30"})
        self.assertIn("sgkpi_version", doc)
        for ind in doc["indicators"]:
            self.assertIn(ind["unit"], ("percent", "count", "rate_per_10k",
                                        "average"))
            self.assertIn("note", ind)
            self.assertNotIn("status", ind)  # no thresholds given

    def test_inputs_add_up(self):
        doc, _ = report()
        a, c = doc["inputs"]
        self.assertEqual((a["kind"], a["rows_read"], a["rows_used"],
                          a["rows_rejected"]), ("assessments", 7, 6, 1))
        self.assertEqual((c["kind"], c["rows_read"], c["rows_used"],
                          c["rows_rejected"]), ("cases", 5, 5, 0))

    def test_rejection_names_line_and_column(self):
        doc, _ = report()
        rej = doc["rejections"]
        self.assertEqual(len(rej), 1)
        self.assertTrue(rej[0]["path"].endswith("assessments.csv"))
        self.assertEqual((rej[0]["line"], rej[0]["column"]), (8, "start_date"))
        self.assertNotIn("indicator", rej[0])  # the whole row

    def test_hand_worked_values(self):
        _, ind = report()
        want = {
            "ia_timeliness": (50, 1, 2), "ca_timeliness": (0, 0, 1),
            "sa_timeliness": (None, 0, 0), "ia_overdue": (0, 0, None),
            "ca_overdue": (1, 1, None), "ia_completed_late": (1, 1, None),
            "ca_completed_late": (1, 1, None),
            "unallocated_over_28_days": (2, 2, None),
            "unallocated_cp_cla": (2, 2, None),
            "cp_plans_2_years_plus": (None, None, None),
            "sw_vacancy_rate": (None, None, None),
        }
        for key, (value, num, den) in want.items():
            got = ind[key]
            self.assertEqual((got["value"], got["numerator"],
                              got["denominator"]), (value, num, den), key)

    def test_kent_statuses(self):
        _, ind = report("--thresholds", "kent-2011")
        want = {"ia_timeliness": "not_met", "ca_timeliness": "not_met",
                "ia_overdue": "met", "ca_overdue": "met",
                "unallocated_over_28_days": "met",
                "unallocated_cp_cla": "not_met", "adoption_rate": "no_data",
                "sw_vacancy_rate": "no_data", "cp_repeat_plans": "no_data"}
        for key, status in want.items():
            self.assertEqual(ind[key].get("status"), status, key)
        # IN 8's 6% applies only to periods ending in 2012-13.
        self.assertNotIn("status", ind["cp_plans_2_years_plus"])
        self.assertEqual(ind["ia_timeliness"]["threshold"]["op"], ">=")
        self.assertEqual(ind["ia_timeliness"]["threshold"]["target"], 69)
        self.assertEqual(ind["unallocated_cp_cla"]["threshold"]["target"], 0)

    def test_teams_add_up(self):
        _, ind = report("--by", "team")
        for key, item in ind.items():
            teams = item["by_team"]
            self.assertEqual([t["team"] for t in teams], ["North", "South"])
            for part in ("numerator", "denominator"):
                # No figure at all: a breakdown the indicator does not
                # have (data quality has none by team).
                if item[part] is None or all(t[part] is None for t in teams):
                    continue
                self.assertEqual(sum(t[part] for t in teams), item[part], key)
        south = {t["team"]: t for t in ind["unallocated_over_28_days"]
                 ["by_team"]}
        self.assertEqual(south["South"]["value"], 2)
        self.assertEqual(south["North"]["value"], 0)

    def test_months(self):
        _, ind = report("--monthly")
        months = ind["ca_overdue"]["by_month"]
        self.assertEqual([m["month"] for m in months],
                         ["2011-04", "2011-05", "2011-06"])
        self.assertEqual([m["value"] for m in months], [0, 0, 1])
        ia = [(m["numerator"], m["denominator"])
              for m in ind["ia_timeliness"]["by_month"]]
        self.assertEqual(ia, [(1, 2), (0, 0), (0, 0)])

    def test_month_statuses(self):
        # Each month is rated against the threshold for that month.
        _, ind = report("--monthly", "--thresholds", "kent-2011")
        self.assertEqual([m.get("status") for m in
                          ind["ia_timeliness"]["by_month"]],
                         ["not_met", "no_data", "no_data"])
        self.assertEqual([m.get("status") for m in
                          ind["ca_overdue"]["by_month"]],
                         ["met", "met", "met"])


# ca_overdue has one target until May and another from June; ia_timeliness
# has one only from June.  The period ends in June.
DATED_THRESHOLDS = (
    "indicator,op,target,from,to,source\n"
    "ca_overdue,<=,0,,2011-05-31,A\n"
    "ca_overdue,<=,5,2011-06-01,,B\n"
    "ia_timeliness,>=,69,2011-06-01,,C\n")


class MonthThresholds(unittest.TestCase):
    def setUp(self):
        fd, self.path = tempfile.mkstemp(suffix=".csv")
        with os.fdopen(fd, "w") as f:
            f.write(DATED_THRESHOLDS)

    def tearDown(self):
        os.unlink(self.path)

    def test_json_months_carry_a_threshold_of_their_own(self):
        _, ind = report("--monthly", "--thresholds", self.path)
        ca = ind["ca_overdue"]
        self.assertEqual((ca["threshold"]["target"],
                          ca["threshold"]["source"]), (5, "B"))
        own = [m.get("threshold", "period") for m in ca["by_month"]]
        self.assertEqual([t if t == "period" else (t["target"], t["source"])
                          for t in own], [(0, "A"), (0, "A"), "period"])
        self.assertEqual([m.get("status") for m in ca["by_month"]],
                         ["met", "met", "met"])
        ia = ind["ia_timeliness"]["by_month"]
        self.assertEqual([m.get("threshold", "period") for m in ia],
                         [None, None, "period"])
        self.assertEqual([m.get("status") for m in ia],
                         [None, None, "no_data"])

    def test_csv_month_rows_name_their_threshold(self):
        proc = run("--from", "2011-04-01", "--to", "2011-06-30", "--format",
                   "csv", "--monthly", "--thresholds", self.path,
                   os.path.join(HERE, "assessments.csv"),
                   "cases=" + os.path.join(HERE, "cases.csv"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = list(csv.DictReader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
        def months(ind):
            return [(r["key"], r["op"], r["target"], r["target_source"])
                    for r in rows
                    if r["indicator"] == ind and r["group"] == "month"]
        self.assertEqual(months("ca_overdue"),
                         [("2011-04", "<=", "0", "A"),
                          ("2011-05", "<=", "0", "A"),
                          ("2011-06", "<=", "5", "B")])
        self.assertEqual(months("ia_timeliness"),
                         [("2011-04", "", "", ""), ("2011-05", "", "", ""),
                          ("2011-06", ">=", "69", "C")])


class ExitCodes(unittest.TestCase):
    def test_breach_exit_one(self):
        proc = run("--from", "2011-04-01", "--to", "2011-06-30",
                   "--thresholds", "kent-2011", "--fail-on-breach",
                   os.path.join(HERE, "assessments.csv"))
        self.assertEqual(proc.returncode, 1, proc.stderr)

    def test_missing_file_exit_two(self):
        proc = run("--from", "2011-04-01", "--to", "2011-06-30",
                   "/nonexistent/extract.csv")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("/nonexistent/extract.csv", proc.stderr)

    def test_usage_exit_two(self):
        self.assertEqual(run("--from", "2011-04-01").returncode, 2)
        self.assertEqual(run("--bogus").returncode, 2)
        proc = run("--from", "2011-02-30", "--to", "2011-06-30",
                   os.path.join(HERE, "cases.csv"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("2011-02-30", proc.stderr)

    def test_help(self):
        proc = run("--help")
        self.assertEqual(proc.returncode, 0)
        self.assertIn("--thresholds", proc.stdout)

    def test_text_names_rejection(self):
        proc = run("--from", "2011-04-01", "--to", "2011-06-30",
                   os.path.join(HERE, "assessments.csv"))
        self.assertEqual(proc.returncode, 0)
        self.assertIn("assessments.csv:8 [start_date]", proc.stdout)


if __name__ == "__main__":
    REPORT = sys.argv.pop(1)
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
