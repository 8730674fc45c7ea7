"""Shared helpers of the binding tests: where things are, how to run the
CLI and the C API dumper, one normal form to compare results in, and a
unittest runner that ends with the "N passed, N failed" line CI reads.

Paths come from the environment that tests/python/meson.build sets, with
fallbacks for running a test by hand from a build directory:
  SGKPI_LIBRARY     the built libsgkpi.so
  SGKPI_REPORT      the sgkpi-report program
  SGKPI_CAPI_DUMP   tests/python/capi_dump (built by meson)
  SGKPI_SOURCE_ROOT the source tree
"""
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.environ.get("SGKPI_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(HERE)))
DATA = os.path.join(HERE, "data")
CONFIG = os.path.join(DATA, "config")
HEADER = os.path.join(SOURCE_ROOT, "include", "sgkpi.h")
SYMFILE = os.path.join(SOURCE_ROOT, "lib", "sgkpi.sym")
PYTHON_DIR = os.path.join(SOURCE_ROOT, "examples", "python")
LUA_DIR = os.path.join(SOURCE_ROOT, "examples", "lua")

LIBRARY = os.environ.get("SGKPI_LIBRARY", "")
REPORT = os.environ.get("SGKPI_REPORT", "")
CAPI_DUMP = os.environ.get("SGKPI_CAPI_DUMP", "")

sys.path.insert(0, PYTHON_DIR)

PERIOD = ("2021-04-01", "2021-06-30")
EXTRACTS = [os.path.join(DATA, name) for name in (
    "assessments.csv", "cp_plans.csv", "cla_episodes.csv", "cases.csv",
    "workforce.csv", "referrals.csv")]
THRESHOLDS = os.path.join(CONFIG, "thresholds.csv")
BENCHMARKS = os.path.join(CONFIG, "benchmarks.csv")


def lib_env():
    """The environment for child processes that load the built library."""
    env = dict(os.environ)
    if LIBRARY:
        libdir = os.path.dirname(LIBRARY)
        env["LD_LIBRARY_PATH"] = os.pathsep.join(
            p for p in (libdir, env.get("LD_LIBRARY_PATH")) if p)
    return env


# ---------------------------------------------------------------------------
# The normal form: a dict of plain tuples, the same whoever produced it.
#   cells:      [(id, group, key, value, numerator, denominator, status)]
#   thresholds: {id: (op, target, amber, source, label)}
#   month_thresholds: {(id, month): (op, target, amber, source, label)}
#               what each month's status was measured against, where any
#   benchmarks: {id: [(value, label)]}
#   inputs:     [(name, kind, read, used, rejected)]
#   rejections: [(input, line, column, indicator, reason)]
#   dropped:    int

def _empty():
    return {"cells": [], "thresholds": {}, "month_thresholds": {},
            "benchmarks": {}, "inputs": [],
            "rejections": [], "dropped": 0, "meta": {}, "dq": []}


def _threshold_tuple(t):
    return (t["op"], t["target"], t.get("amber"), t["source"], t["label"])


def from_json(doc):
    """From sgkpi-report --format json."""
    out = _empty()
    for ind in doc["indicators"]:
        i = ind["id"]
        out["meta"][i] = (ind["unit"], ind["note"])
        out["cells"].append((i, "total", None, ind["value"], ind["numerator"],
                             ind["denominator"], ind.get("status")))
        for c in ind.get("by_team", []):
            out["cells"].append((i, "team", c["team"], c["value"],
                                 c["numerator"], c["denominator"],
                                 c.get("status")))
        t = ind.get("threshold")
        if t:
            out["thresholds"][i] = _threshold_tuple(t)
        for c in ind.get("by_month", []):
            out["cells"].append((i, "month", c["month"], c["value"],
                                 c["numerator"], c["denominator"],
                                 c.get("status")))
            # A month without its own threshold had the indicator's.
            m = c["threshold"] if "threshold" in c else t
            if m:
                out["month_thresholds"][(i, c["month"])] = \
                    _threshold_tuple(m)
        if ind.get("benchmarks"):
            out["benchmarks"][i] = [(b["value"], b["label"])
                                    for b in ind["benchmarks"]]
    out["inputs"] = [(x["path"], x["kind"], x["rows_read"], x["rows_used"],
                      x["rows_rejected"], x["duplicates"])
                     for x in doc["inputs"]]
    out["dq"] = [(x["path"], x["field"], x["header"], x["rows"], x["blank"],
                  x["invalid"], x["value"], x.get("status"))
                 for x in doc["data_quality"]]
    out["rejections"] = [(r["path"], r["line"], r["column"],
                          r.get("indicator"), r["reason"])
                         for r in doc["rejections"]]
    out["dropped"] = doc["rejections_dropped"]
    return out


def from_lines(text):
    """From capi_dump or lua_dump.lua."""
    def num(s):
        return None if s == "-" else float(s)

    def s(v):
        return None if v == "-" else v

    out = _empty()
    for line in text.splitlines():
        f = line.split("\t")
        if f[0] == "cell":
            out["cells"].append((f[1], f[2], s(f[3]), num(f[4]), num(f[5]),
                                 num(f[6]), s(f[7])))
        elif f[0] == "threshold":
            out["thresholds"][f[1]] = (f[2], num(f[3]), num(f[4]), s(f[5]),
                                       s(f[6]))
        elif f[0] == "month_threshold":
            out["month_thresholds"][(f[1], f[2])] = (
                f[3], num(f[4]), num(f[5]), s(f[6]), s(f[7]))
        elif f[0] == "meta":
            out["meta"][f[1]] = (s(f[2]), s(f[3]))
        elif f[0] == "benchmark":
            out["benchmarks"].setdefault(f[1], []).append((num(f[2]),
                                                           s(f[3])))
        elif f[0] == "input":
            out["inputs"].append((f[1], s(f[2]), int(f[3]), int(f[4]),
                                  int(f[5]), int(f[6])))
        elif f[0] == "dq":
            out["dq"].append((f[1], f[2], s(f[3]), int(f[4]), int(f[5]),
                              int(f[6]), num(f[7]), s(f[8])))
        elif f[0] == "rejection":
            out["rejections"].append((f[1], int(f[2]), s(f[3]), s(f[4]),
                                      s(f[5])))
        elif f[0] == "dropped":
            out["dropped"] = int(f[1])
        elif f[0] == "error":
            raise RuntimeError(line)
    return out


def from_results(r):
    """From the Python binding's Results."""
    out = _empty()
    for ind in r.indicators:
        out["meta"][ind.id] = (ind.unit, ind.note)
        out["cells"].append((ind.id, "total", None, ind.value, ind.numerator,
                             ind.denominator, ind.status))
        for c in ind.by_team:
            out["cells"].append((ind.id, "team", c.key, c.value, c.numerator,
                                 c.denominator, c.status))
        for c in ind.by_month:
            out["cells"].append((ind.id, "month", c.key, c.value,
                                 c.numerator, c.denominator, c.status))
            if c.threshold:
                out["month_thresholds"][(ind.id, c.key)] = \
                    _threshold_tuple(c.threshold)
        if ind.threshold:
            out["thresholds"][ind.id] = _threshold_tuple(ind.threshold)
        if ind.benchmarks:
            out["benchmarks"][ind.id] = [(b.value, b.label)
                                         for b in ind.benchmarks]
    out["inputs"] = [(x.name, x.kind, x.rows_read, x.rows_used,
                      x.rows_rejected, x.duplicates) for x in r.inputs]
    out["dq"] = [(x.input, x.field, x.header, x.rows, x.blank, x.invalid,
                  x.value, x.status) for x in r.data_quality]
    out["rejections"] = [(x.input, x.line, x.column, x.indicator, x.reason)
                         for x in r.rejections]
    out["dropped"] = r.rejections_dropped
    return out


# ---------------------------------------------------------------------------
# Running the other implementations.

def run_cli(paths, thresholds=None, benchmarks=None, by_team=False,
            monthly=False, period=PERIOD):
    if not REPORT:
        raise unittest.SkipTest("SGKPI_REPORT not set")
    cmd = [REPORT, "--from", period[0], "--to", period[1], "--format",
           "json", "--quiet"]
    if thresholds:
        cmd += ["--thresholds", thresholds]
    if benchmarks:
        cmd += ["--benchmarks", benchmarks]
    if by_team:
        cmd += ["--by", "team"]
    if monthly:
        cmd += ["--monthly"]
    proc = subprocess.run(cmd + list(paths), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=lib_env())
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd}: exit {proc.returncode}: {proc.stderr}")
    return json.loads(proc.stdout)


def dump_args(paths, thresholds=None, benchmarks=None, by_team=False,
              monthly=False, period=PERIOD):
    args = list(period)
    if thresholds:
        args += ["-t", thresholds]
    if benchmarks:
        args += ["-b", benchmarks]
    if by_team:
        args.append("-team")
    if monthly:
        args.append("-month")
    return args + list(paths)


def run_capi(paths, **kw):
    if not CAPI_DUMP:
        raise unittest.SkipTest("SGKPI_CAPI_DUMP not set")
    proc = subprocess.run([CAPI_DUMP] + dump_args(paths, **kw),
                          stdout=subprocess.PIPE, text=True, env=lib_env())
    if proc.returncode != 0:
        raise RuntimeError(f"capi_dump: exit {proc.returncode}: "
                           f"{proc.stdout}")
    return from_lines(proc.stdout)


# ---------------------------------------------------------------------------
# Running a test module.

def main(module_name="__main__"):
    """Runs the module's tests verbosely; the last line printed is
    "N passed, N failed" (skips are reported before it).  Exit status 1 on
    any failure, 77 (skipped) when every test was skipped."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[module_name])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(
        suite)
    failed = (len(result.failures) + len(result.errors) +
              len(result.unexpectedSuccesses))
    skipped = len(result.skipped)
    passed = result.testsRun - failed - skipped
    if skipped:
        print(f"{skipped} skipped")
    print(f"{passed} passed, {failed} failed")
    sys.stdout.flush()
    if failed:
        return 1
    if result.testsRun and skipped == result.testsRun:
        return 77
    return 0
