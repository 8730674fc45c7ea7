"""Golden files for the text, CSV and JSON reports on the fixture set in
data/ (hand-worked in data/README.md).  The version string is replaced by
@VERSION@ before comparing.  To regenerate after an intended change:
SGK_UPDATE_GOLDEN=1 python3 test_golden.py SGKPI_REPORT, then read the diff.

Thresholds are not combined with --monthly here: see data/README.md."""
import difflib
import json
import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CASES = {
    "text_team.txt": ["--format", "text", *common.TARGETS, "--by", "team"],
    "text_month.txt": ["--format", "text", "--monthly"],
    "text_suppress.txt": ["--format", "text", *common.TARGETS, "--by",
                          "team", "--suppress", "2"],
    "csv_team.csv": ["--format", "csv", *common.TARGETS, "--by", "team"],
    "csv_month.csv": ["--format", "csv", "--monthly"],
    "json_team.json": ["--format", "json", *common.TARGETS, "--by", "team"],
    "json_suppress.json": ["--format", "json", *common.TARGETS, "--by",
                           "team", "--suppress", "2"],
}
# The front-door set: the new units, notes and maxima in every format.
FD = common.FRONT_DOOR_ARGS
FRONT_DOOR_CASES = {
    "frontdoor_team.txt": ["--format", "text", *FD, "--by", "team"],
    "frontdoor_month.txt": ["--format", "text", "--population", "5000",
                            "--monthly"],
    "frontdoor_team.csv": ["--format", "csv", *FD, "--by", "team"],
    "frontdoor_month.csv": ["--format", "csv", "--population", "5000",
                            "--monthly"],
    "frontdoor_team.json": ["--format", "json", *FD, "--by", "team"],
}


def produce(args, front_door=False):
    run = common.front_door_report if front_door else common.report
    proc = run(*args, text=False)
    out = proc.stdout.decode("utf-8")
    version = json.loads(common.report("--format", "json").stdout)[
        "sgkpi_version"]
    return out.replace(version, "@VERSION@")


class Golden(unittest.TestCase):
    def check(self, name):
        fd = name in FRONT_DOOR_CASES
        got = produce((FRONT_DOOR_CASES if fd else CASES)[name], fd)
        path = os.path.join(common.GOLDEN, name)
        if os.environ.get("SGK_UPDATE_GOLDEN"):
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(got)
        with open(path, encoding="utf-8", newline="") as f:
            want = f.read()
        if got != want:
            diff = "".join(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), name, "output"))
            self.fail(f"{name} differs from the golden file:\n{diff}")

    def test_text_team(self):
        self.check("text_team.txt")

    def test_text_month(self):
        self.check("text_month.txt")

    def test_text_suppress(self):
        self.check("text_suppress.txt")

    def test_csv_team(self):
        self.check("csv_team.csv")

    def test_csv_month(self):
        self.check("csv_month.csv")

    def test_json_team(self):
        self.check("json_team.json")

    def test_json_suppress(self):
        self.check("json_suppress.json")

    def test_frontdoor_team_txt(self):
        self.check("frontdoor_team.txt")

    def test_frontdoor_month_txt(self):
        self.check("frontdoor_month.txt")

    def test_frontdoor_team_csv(self):
        self.check("frontdoor_team.csv")

    def test_frontdoor_month_csv(self):
        self.check("frontdoor_month.csv")

    def test_frontdoor_team_json(self):
        self.check("frontdoor_team.json")

    def test_output_file_same_as_stdout(self):
        """--output FILE writes exactly what stdout would get."""
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.json")
            common.report("--format", "json", *common.TARGETS, "--by",
                          "team", "--output", out)
            with open(out, encoding="utf-8") as f:
                self.assertEqual(f.read(), common.report(
                    "--format", "json", *common.TARGETS, "--by",
                    "team").stdout)


class FrontDoorHandWorked(unittest.TestCase):
    """The figures of frontdoor/README.md, from the JSON report."""

    def test_values(self):
        doc = json.loads(common.front_door_report(
            "--format", "json", *FD, "--by", "team").stdout)
        ind = {i["id"]: i for i in doc["indicators"]}

        def cell(i, team=None):
            c = ind[i] if team is None else next(
                t for t in ind[i]["by_team"] if t["team"] == team)
            return c["numerator"], c["denominator"], c.get("status")

        self.assertEqual(cell("referral_to_assessment"), (3, 6, "not_met"))
        self.assertEqual(cell("referral_to_assessment", "North")[:2], (1, 3))
        self.assertEqual(cell("referral_decision_1wd"), (4, 5, "met"))
        self.assertEqual(cell("re_referral_rate")[:2], (3, 6))
        self.assertIn("Number of Referrals in Last 12 Months",
                      ind["re_referral_rate"]["note"])
        self.assertIsNone(ind["referral_to_assessment"]["note"])
        self.assertEqual(cell("ia_per_10k"), (3, 5000, "met"))
        self.assertEqual(ind["ia_per_10k"]["value"], 6)
        self.assertEqual(ind["ia_per_10k"]["unit"], "rate_per_10k")
        self.assertEqual(cell("ia_per_10k", "South"), (1, 5000, "not_met"))
        self.assertEqual(cell("caseload_mean"), (5, 2, "not_met"))
        self.assertEqual(ind["caseload_mean"]["value"], 2.5)
        self.assertEqual(ind["caseload_mean"]["unit"], "average")
        self.assertEqual(cell("caseload_mean", "South")[:2], (3, 1))
        self.assertEqual(cell("caseload_max"), (3, None, "met"))
        self.assertEqual(cell("caseload_max", "North")[:2], (2, None))

    def test_months(self):
        doc = json.loads(common.front_door_report(
            "--format", "json", "--monthly").stdout)
        ind = {i["id"]: i for i in doc["indicators"]}
        mean = [(m["numerator"], m["denominator"])
                for m in ind["caseload_mean"]["by_month"]]
        self.assertEqual(mean, [(4, 3), (4, 2), (5, 2)])
        self.assertEqual([m["value"] for m in ind["caseload_max"]["by_month"]],
                         [2, 2, 3])


if __name__ == "__main__":
    common.main()
