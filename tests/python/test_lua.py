#!/usr/bin/env python3
"""Tests of examples/lua/sgkpi.lua, the LuaJIT ffi binding.

lua_dump.lua prints what the binding computes in capi_dump's line format;
it must equal the CLI's JSON and the C API on the fixtures.  The ffi.cdef
in sgkpi.lua must still match include/sgkpi.h.  Skipped (exit 77) when
luajit is not installed.  Ends with "N passed, N failed".
"""
import os
import re
import shutil
import subprocess
import sys
import unittest

import common
from common import (BENCHMARKS, CONFIG, EXTRACTS, LUA_DIR, PERIOD,
                    THRESHOLDS, from_json, from_lines)

LUAJIT = os.environ.get("SGKPI_LUAJIT") or shutil.which("luajit")
HERE = os.path.dirname(os.path.abspath(__file__))
LUA_DUMP = os.path.join(HERE, "lua_dump.lua")


def lua_env():
    env = common.lib_env()
    if common.LIBRARY:
        env["SGKPI_LIBRARY"] = common.LIBRARY
    return env


def run_lua(args, script=LUA_DUMP, lua_dir=True):
    cmd = [LUAJIT, script] + ([LUA_DIR] if lua_dir else []) + args
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env=lua_env())


def normalise_decl(text):
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*([(),*;{}=])\s*", r"\1", text)
    return text


def declarations(text):
    """Function prototypes and enum bodies of C text, normalised."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
    text = text.replace("SGK_API", "")
    funcs = {}
    for m in re.finditer(r"([A-Za-z_][\w\s*]*?\b(sgk_\w+)\s*\([^)]*\))\s*;",
                         text):
        funcs[m.group(2)] = normalise_decl(m.group(1))
    enums = {}
    for m in re.finditer(r"enum\s+(sgk_\w+)\s*\{([^}]*)\}", text):
        enums[m.group(1)] = normalise_decl(m.group(2))
    return funcs, enums


@unittest.skipUnless(LUAJIT, "luajit is not installed")
class LuaJIT(unittest.TestCase):
    maxDiff = None

    def dump(self, *args, **kw):
        p = run_lua(common.dump_args(*args, **kw))
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return from_lines(p.stdout)

    def test_same_as_cli_json(self):
        cli = from_json(common.run_cli(EXTRACTS, THRESHOLDS, BENCHMARKS,
                                       True, True))
        self.assertEqual(self.dump(EXTRACTS, thresholds=THRESHOLDS,
                                   benchmarks=BENCHMARKS, by_team=True,
                                   monthly=True), cli)

    def test_plain_run_same_as_cli_json(self):
        cli = from_json(common.run_cli(EXTRACTS))
        self.assertEqual(self.dump(EXTRACTS), cli)

    def test_buffers_same_as_cli_json(self):
        cli = from_json(common.run_cli(EXTRACTS, THRESHOLDS, None, True))
        self.assertEqual(self.dump(["-buffer"] + EXTRACTS,
                                   thresholds=THRESHOLDS, by_team=True), cli)

    def test_same_as_c_api(self):
        kw = dict(thresholds=THRESHOLDS, benchmarks=BENCHMARKS,
                  by_team=True, monthly=True)
        self.assertEqual(self.dump(EXTRACTS, **kw),
                         common.run_capi(EXTRACTS, **kw))

    def test_older_library_without_group_thresholds(self):
        # Months then have no threshold of their own; the rest is as with
        # a library that has the getters.
        kw = dict(thresholds=THRESHOLDS, by_team=True, monthly=True)
        new = self.dump(EXTRACTS, **kw)
        old = self.dump(["-old"] + EXTRACTS, **kw)
        self.assertTrue(new["month_thresholds"])
        self.assertEqual(old["month_thresholds"], {})
        new["month_thresholds"] = {}
        self.assertEqual(old, new)

    def test_errors_carry_status_and_line(self):
        bad = os.path.join(CONFIG, "bad_thresholds.csv")
        p = run_lua(common.dump_args(EXTRACTS, thresholds=bad))
        self.assertEqual(p.returncode, 2)
        status, line, message = p.stdout.strip().split("\t")[1:]
        self.assertEqual((int(status), int(line)), (-11, 3))
        self.assertIn(bad, message)
        missing = os.path.join(CONFIG, "no_such_file.csv")
        p = run_lua(common.dump_args([missing]))
        self.assertEqual(p.stdout.split("\t")[1], "-3")

    def test_example_runs(self):
        example = os.path.join(LUA_DIR, "example.lua")
        p = run_lua([PERIOD[0], PERIOD[1], THRESHOLDS] + EXTRACTS,
                    script=example, lua_dir=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("breached: Children on a plan for a second or "
                      "subsequent time (target <= 15)", p.stdout)
        self.assertRegex(p.stdout, r"cp_open_2_years_plus\s+33\.3")


class CdefMatchesHeader(unittest.TestCase):
    def test_each_declaration_is_the_headers(self):
        with open(common.HEADER, encoding="utf-8") as f:
            h_funcs, h_enums = declarations(f.read())
        with open(os.path.join(LUA_DIR, "sgkpi.lua"), encoding="utf-8") as f:
            lua = f.read()
        cdef = re.search(r"ffi\.cdef\s*\[\[(.*?)\]\]", lua, re.S).group(1)
        l_funcs, l_enums = declarations(cdef)
        self.assertGreater(len(l_funcs), 60)
        for name, decl in l_funcs.items():
            with self.subTest(function=name):
                self.assertEqual(decl, h_funcs.get(name))
        self.assertEqual(l_enums, h_enums)  # every enum, as enums
        # every function the module calls is declared
        called = set(re.findall(r"lib\.(sgk_\w+)\s*\(", lua))
        self.assertEqual(called - set(l_funcs), set())


if __name__ == "__main__":
    sys.exit(common.main())
