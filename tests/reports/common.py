"""Shared helpers for the report format tests.

Each test script is run as `python3 SCRIPT SGKPI_REPORT`; it finds its
fixtures beside itself and prints a final line "N passed, N failed"."""
import html.parser
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
HOSTILE = os.path.join(HERE, "hostile")
# The front-door and caseload set (frontdoor/README.md): Annex A referrals,
# assessments and cases with workers, for the same period.
FRONT_DOOR = os.path.join(HERE, "frontdoor")
FRONT_DOOR_EXTRACTS = ["referrals.csv", "assessments.csv", "cases.csv"]
FRONT_DOOR_ARGS = ["--thresholds", "thresholds.csv", "--population", "5000"]
GOLDEN = os.path.join(HERE, "golden")
REPORT = None

PERIOD = ["--from", "2021-04-01", "--to", "2021-06-30"]
EXTRACTS = ["assessments.csv", "cases.csv", "cp_plans.csv",
            "cla_episodes.csv", "workforce.csv"]
TARGETS = ["--thresholds", "thresholds.csv", "--benchmarks", "benchmarks.csv"]
# Every child id in the fixture set (ZQ4101 ... ZQ7405).
CHILD_ID_PREFIX = "ZQ"


def env(no_color=True):
    """The environment for a run: NO_COLOR=1 unless no_color is False."""
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if no_color:
        e["NO_COLOR"] = "1"
    return e


def run(*args, cwd=DATA, check=True, text=True, **kw):
    """Runs the report program with stdin closed; stdout is a pipe, so not
    a terminal."""
    proc = subprocess.run([REPORT, *args], cwd=cwd, capture_output=True,
                          text=text, stdin=subprocess.DEVNULL,
                          env=kw.pop("env", env()), check=False, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def report(*args, **kw):
    """The fixture set for the fixture period, with extra options."""
    return run(*PERIOD, *args, *EXTRACTS, **kw)


def front_door_report(*args, **kw):
    """The front-door set for the fixture period, with extra options."""
    return run(*PERIOD, *args, *FRONT_DOOR_EXTRACTS, cwd=FRONT_DOOR, **kw)


class StrictHTML(html.parser.HTMLParser):
    """Checks that every element is closed in order (void elements aside),
    and collects what the tests look at: SVGs, their titles and labels,
    the text, and the table rows."""
    VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base",
            "col", "embed", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.svgs = []          # dicts: attrs, title, desc
        self.text = []
        self.rows = []          # table rows: list of cell texts
        self._row = None
        self._cell = None
        self._in = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svgs.append({"attrs": a, "title": None, "desc": "",
                              "first": None})
        elif self.svgs and self.stack and self.stack[-1] == "svg" \
                and self.svgs[-1]["first"] is None:
            self.svgs[-1]["first"] = tag
        if tag == "tr":
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag not in self.VOID:
            self.stack.append(tag)
        self._in[tag] = self._in.get(tag, 0) + 1

    def handle_startendtag(self, tag, attrs):
        if self.svgs and self.stack and self.stack[-1] == "svg" \
                and self.svgs[-1]["first"] is None:
            self.svgs[-1]["first"] = tag

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} at "
                               f"{self.getpos()}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        self._in[tag] -= 1
        if tag in ("td", "th") and self._cell is not None \
                and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self.stack and self.svgs:
            if self.stack[-1] == "title" and "svg" in self.stack \
                    and self.svgs[-1]["title"] is None:
                self.svgs[-1]["title"] = data
            elif self.stack[-1] == "desc":
                self.svgs[-1]["desc"] += data

    def close(self):
        super().close()
        if self.stack:
            self.errors.append(f"unclosed at end: {self.stack}")


def parse_html(doc):
    p = StrictHTML()
    p.feed(doc)
    p.close()
    return p


def main():
    global REPORT
    REPORT = os.path.abspath(sys.argv.pop(1))
    result = unittest.main(exit=False, verbosity=2,
                           module="__main__").result
    failed = len(result.failures) + len(result.errors)
    passed = result.testsRun - failed - len(result.skipped)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
