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


def produce(args):
    proc = common.report(*args, text=False)
    out = proc.stdout.decode("utf-8")
    version = json.loads(common.report("--format", "json").stdout)[
        "sgkpi_version"]
    return out.replace(version, "@VERSION@")


class Golden(unittest.TestCase):
    def check(self, name):
        got = produce(CASES[name])
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


if __name__ == "__main__":
    common.main()
