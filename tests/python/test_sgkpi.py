#!/usr/bin/env python3
"""Tests of examples/python/sgkpi.py, the ctypes binding.

The binding must compute exactly the numbers the C API and the CLI's JSON
give on the fixtures in tests/python/data, raise SgkError with the right
file and line, free what it creates, and be usable from several threads.
Run by meson (tests/python/meson.build); ends with "N passed, N failed".
"""
import ctypes
import gc
import io
import os
import re
import subprocess
import sys
import threading
import unittest

import common
from common import (BENCHMARKS, CONFIG, DATA, EXTRACTS, PERIOD, THRESHOLDS,
                    from_json, from_results)

import sgkpi  # noqa: E402  (found through common's sys.path entry)

LIB = common.LIBRARY or None


def engine():
    return sgkpi.Engine(LIB)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def full_engine(e, by_team=True, monthly=True):
    e.set_period(*PERIOD)
    e.set_option(sgkpi.Option.BY_TEAM, by_team)
    e.set_option(sgkpi.Option.BY_MONTH, monthly)
    e.load_benchmarks(BENCHMARKS)
    e.load_thresholds(THRESHOLDS)
    return e


def compute_files(by_team=True, monthly=True):
    with full_engine(engine(), by_team, monthly) as e:
        for p in EXTRACTS:
            e.add_file(p)
        return e.compute()


# ---------------------------------------------------------------------------
# The header, parsed, to check the binding's declarations against it.

def header_prototypes():
    text = open(common.HEADER, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
    protos = {}
    for m in re.finditer(r"\bSGK_API\s+([^;]*?)\b(sgk_\w+)\s*\(([^)]*)\)\s*;",
                         text):
        ret, name, params = m.group(1), m.group(2), m.group(3)
        args = []
        for p in params.split(","):
            p = " ".join(p.split())
            if p == "void":
                continue
            args.append(re.sub(r"\s*\w+$", "", p) if re.search(
                r"[\s*]\w+$", p) else p)
        protos[name] = (" ".join(ret.split()), args)
    return protos


def ctype_of(c):
    c = re.sub(r"\s*\*", " *", c).strip()
    c = re.sub(r"^const ", "", c)
    return {
        "void": None, "int": ctypes.c_int, "int64_t": ctypes.c_int64,
        "double": ctypes.c_double, "size_t": ctypes.c_size_t,
        "char *": ctypes.c_char_p, "void *": ctypes.c_void_p,
        "sgk_engine *": sgkpi._EngineP,
        "sgk_engine * *": ctypes.POINTER(sgkpi._EngineP),
        "sgk_realloc_fn": sgkpi.REALLOC_FN, "sgk_free_fn": sgkpi.FREE_FN,
        "sgk_progress_fn": sgkpi.PROGRESS_FN,
    }[c]


class Declarations(unittest.TestCase):
    def test_every_header_function_is_declared_with_its_types(self):
        header = header_prototypes()
        self.assertGreater(len(header), 60)
        self.assertEqual(sorted(header), sorted(sgkpi.PROTOTYPES))
        for name, (ret, args) in header.items():
            restype, argtypes = sgkpi.PROTOTYPES[name]
            with self.subTest(function=name):
                self.assertIs(restype, ctype_of(ret))
                self.assertEqual([ctype_of(a) for a in args], list(argtypes))

    def test_symbol_file_lists_the_declared_functions(self):
        with open(common.SYMFILE, encoding="utf-8") as f:
            listed = f.read().split()
        self.assertEqual(sorted(listed), sorted(sgkpi.PROTOTYPES))

    def test_loaded_library_has_every_function(self):
        lib = sgkpi.load_library(LIB)
        self.assertEqual(lib.sgk_missing, ())

    def test_enums_match_the_header(self):
        text = open(common.HEADER, encoding="utf-8").read()
        values = {m.group(1): int(m.group(2)) for m in re.finditer(
            r"\b(SGK_[A-Z0-9_]+)\s*=\s*(-?\d+)", text)}
        for prefix, enum in (("SGK_", sgkpi.Status), ("SGK_KIND_",
                             sgkpi.Kind), ("SGK_OPT_", sgkpi.Option),
                             ("SGK_GROUP_", sgkpi.Group),
                             ("SGK_UNIT_", sgkpi.Unit),
                             ("SGK_ASSESSMENT_", sgkpi.AssessmentType),
                             ("SGK_STATUS_", sgkpi.Rag)):
            for member in enum:
                with self.subTest(name=prefix + member.name):
                    self.assertEqual(values[prefix + member.name], member)
        options = {k for k in values if k.startswith("SGK_OPT_")}
        self.assertEqual(options, {"SGK_OPT_" + o.name for o in sgkpi.Option})

    def test_version(self):
        v = sgkpi.version(LIB)
        self.assertEqual(v // 10000, sgkpi.ABI_MAJOR)
        self.assertEqual(sgkpi.version_string(LIB),
                         f"{v // 10000}.{v // 100 % 100}.{v % 100}")

    def test_indicator_table(self):
        infos = sgkpi.indicators(LIB)
        self.assertEqual(len(infos), 33)
        self.assertEqual(infos[0].id, "ia_timeliness")
        self.assertEqual(infos[0].kind, "assessments")
        self.assertTrue(all(i.unit in ("percent", "count", "rate_per_10k",
                                       "average") for i in infos))
        units = {i.id: i.unit for i in infos}
        self.assertEqual((units["ia_per_10k"], units["caseload_mean"],
                          units["caseload_max"]),
                         ("rate_per_10k", "average", "count"))
        by_id = {i.id: i for i in infos}
        self.assertEqual(by_id["cla_health_check"].kind, "cla_children")
        self.assertEqual(by_id["care_leavers_eet"].kind, "care_leavers")
        self.assertEqual(by_id["dq_blank_or_invalid"].kind, "any")
        self.assertEqual(by_id["ethnicity_recorded"].kind, "any")
        self.assertTrue(all(i.definition and i.label for i in infos))


class LibraryLookup(unittest.TestCase):
    def run_py(self, code, env):
        return subprocess.run([sys.executable, "-c", code], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, cwd=common.PYTHON_DIR)

    def test_explicit_path(self):
        if not LIB:
            self.skipTest("SGKPI_LIBRARY not set")
        e = sgkpi.Engine(LIB)
        e.close()

    def test_environment_variable(self):
        if not LIB:
            self.skipTest("SGKPI_LIBRARY not set")
        env = dict(os.environ, SGKPI_LIBRARY=LIB)
        p = self.run_py("import sgkpi; print(sgkpi.version_string())", env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), sgkpi.version_string(LIB))

    def test_system_loader(self):
        if not LIB:
            self.skipTest("SGKPI_LIBRARY not set")
        env = common.lib_env()
        env.pop("SGKPI_LIBRARY", None)
        p = self.run_py("import sgkpi; print(sgkpi.version())", env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(int(p.stdout), sgkpi.version(LIB))

    def test_bad_path_raises_oserror(self):
        with self.assertRaises(OSError):
            sgkpi.Engine("/nonexistent/libsgkpi.so.0")


class SameNumbers(unittest.TestCase):
    maxDiff = None

    def test_same_as_cli_json(self):
        cli = common.run_cli(EXTRACTS, THRESHOLDS, BENCHMARKS, True, True)
        got = from_results(compute_files())
        self.assertEqual(got, from_json(cli))
        # and the fixtures exercise what they should
        self.assertTrue(got["rejections"])
        self.assertTrue(got["thresholds"])
        self.assertIn(None, [c[3] for c in got["cells"]])
        # months measured against thresholds of their own (config file)
        mt = got["month_thresholds"]
        self.assertEqual([mt.get(("ca_overdue", m), (None,))[:2]
                          for m in ("2021-04", "2021-05", "2021-06")],
                         [("<=", 0), ("<=", 0), ("<=", 5)])
        self.assertEqual([("sa_timeliness", m) in mt
                          for m in ("2021-04", "2021-05", "2021-06")],
                         [False, False, True])
        self.assertEqual(cli["sgkpi_version"], sgkpi.version_string(LIB))

    def test_same_as_c_api(self):
        capi = common.run_capi(EXTRACTS, thresholds=THRESHOLDS,
                               benchmarks=BENCHMARKS, by_team=True,
                               monthly=True)
        self.assertEqual(from_results(compute_files()), capi)

    def test_module_compute_same_as_cli(self):
        for kw in ({}, {"thresholds": THRESHOLDS, "by_team": True},
                   {"thresholds": "kent-2011", "monthly": True}):
            with self.subTest(**kw):
                r = sgkpi.compute(EXTRACTS, PERIOD[0], PERIOD[1],
                                  library=LIB, **kw)
                cli = common.run_cli(EXTRACTS, kw.get("thresholds"), None,
                                     kw.get("by_team", False),
                                     kw.get("monthly", False))
                self.assertEqual(from_results(r), from_json(cli))

    def test_population_and_note(self):
        r = sgkpi.compute(EXTRACTS, PERIOD[0], PERIOD[1], library=LIB)
        ind = r["ia_per_10k"]
        self.assertEqual(ind.unit, "rate_per_10k")
        self.assertIsNone(ind.value)
        self.assertIn("population", ind.note)
        r = sgkpi.compute(EXTRACTS, PERIOD[0], PERIOD[1], library=LIB,
                          population=20000)
        ind = r["ia_per_10k"]
        self.assertIsNone(ind.note)
        self.assertEqual(ind.denominator, 20000)
        self.assertEqual(ind.value, 10000 * ind.numerator / 20000)

    def test_results_are_plain_objects(self):
        r = compute_files()
        ind = r["ia_timeliness"]
        self.assertIsInstance(ind, sgkpi.Indicator)
        self.assertEqual((ind.value, ind.numerator, ind.denominator),
                         (50.0, 2.0, 4.0))
        self.assertEqual(ind.status, "not_met")
        self.assertEqual(ind.target, 80.0)
        self.assertEqual(ind.threshold["amber"], 60.0)
        self.assertEqual([b.label for b in ind.benchmarks],
                         ["England 2020-21", "Statistical neighbours"])
        self.assertEqual([c.key for c in ind.by_team],
                         ["(no team)", "Team A", "Team B", "Team C"])
        self.assertEqual([c.key for c in ind.by_month],
                         ["2021-04", "2021-05", "2021-06"])
        self.assertIsNone(r["ia_overdue"].denominator)
        self.assertIsNone(r["ca_timeliness"].threshold)
        self.assertEqual({i.id for i in r.breached()},
                         {"ia_timeliness", "unallocated_cp_cla",
                          "cp_repeat_plans"})
        self.assertEqual(r.inputs[0].rows_rejected, 1)
        self.assertEqual(r.rejections[0].line, 10)
        self.assertEqual(r.rejections[0].column, "start_date")
        self.assertEqual(r.rejections[0].column_number, 4)
        self.assertIsInstance(r.as_dict()["indicators"][0]["by_team"], list)
        with self.assertRaises(KeyError):
            r["no_such_indicator"]

    def test_no_data_is_none(self):
        with engine() as e:
            e.set_period(*PERIOD)
            e.add_file(os.path.join(DATA, "cases.csv"))
            r = e.compute()
        self.assertIsNone(r["ia_timeliness"].value)
        self.assertIsNone(r["ia_timeliness"].numerator)
        self.assertIsNone(r["ia_timeliness"].status)
        self.assertEqual(r["unallocated_cp_cla"].value, 3.0)
        self.assertEqual(r.teams, [])
        self.assertEqual(r.months, [])

    def test_options_and_closures(self):
        with engine() as e:
            e.set_period(*PERIOD)
            e.set_option("ia_timescale", 10)
            self.assertEqual(e.get_option(sgkpi.Option.IA_TIMESCALE), 10)
            e.set_option("delimiter", ";")
            self.assertEqual(e.get_option("delimiter"), ord(";"))
            e.set_option("delimiter", ",")
            e.add_closure_file(os.path.join(CONFIG, "closures.csv"))
            e.add_closure_day("2021-05-04")
            e.add_file(os.path.join(DATA, "assessments.csv"))
            late = e.compute()["ia_completed_late"].value
        self.assertEqual(late, 0.0)

    def test_alias(self):
        data = read(os.path.join(DATA, "cases.csv")).replace(
            b"child_id", b"Kid Number", 1)
        with engine() as e:
            e.set_period(*PERIOD)
            with self.assertRaises(sgkpi.SgkError):
                e.add_buffer("cases", data)
            e.add_alias("Kid Number", "child_id")
            e.add_buffer("cases2", data)
            self.assertEqual(e.compute()["unallocated_cp_cla"].value, 3.0)

    def test_merge_same_as_one_engine(self):
        expected = from_results(compute_files())
        with full_engine(engine()) as dst, engine() as src:
            for p in EXTRACTS[:3]:
                dst.add_file(p)
            src.set_period("2020-01-01", "2020-01-31")  # ignored
            for p in EXTRACTS[3:]:
                src.add_file(p)
            dst.merge(src)
            self.assertEqual(from_results(dst.compute()), expected)
            self.assertEqual(len(src.inputs()), 3)

    def test_exceptions_when_asked(self):
        with engine() as e:
            e.set_period(*PERIOD)
            e.add_file(os.path.join(DATA, "cases.csv"))
            self.assertEqual(e.compute()["unallocated_cp_cla"].exceptions, [])
            e.set_option(sgkpi.Option.EXCEPTIONS, 1)
            ex = e.compute()["unallocated_cp_cla"].exceptions
        self.assertEqual([x.child for x in ex], ["K5", "K1", "K2"])
        self.assertEqual((ex[0].date, ex[0].days, ex[0].line, ex[0].worker),
                         ("2021-04-01", 90, 6, ""))

    def test_exceptions_without_date_or_days(self):
        # A care leaver list has neither; a child in care with no check on
        # record has days but no date.
        leavers = (b"child_id,in_touch,accommodation,activity,team\n"
                   b"L1,YES,D1,F1,A\n"
                   b"L2,YES,U2,G5,A\n")
        children = (b"child_id,date_of_birth,start_date,"
                    b"health_assessment_date,dental_check_date,team\n"
                    b"C1,2010-05-01,2019-01-01,2020-06-01,,A\n")
        with engine() as e:
            e.set_period("2020-04-01", "2021-03-31")
            e.set_option(sgkpi.Option.EXCEPTIONS, 1)
            e.add_buffer("leavers.csv", leavers)
            e.add_buffer("children.csv", children, kind="cla_children")
            r = e.compute()
        accom = r["care_leavers_suitable_accommodation"].exceptions
        self.assertEqual([(x.child, x.date, x.days, x.line) for x in accom],
                         [("L2", None, None, 3)])
        self.assertEqual(r["cla_health_check"].exceptions, [])
        dental = r["cla_dental_check"].exceptions
        # In care since 2019-01-01: 820 days to 2021-03-31.
        self.assertEqual([(x.child, x.date, x.days) for x in dental],
                         [("C1", None, 820)])


class Buffers(unittest.TestCase):
    maxDiff = None

    def by_buffer(self, convert):
        with full_engine(engine()) as e:
            for p in EXTRACTS:
                e.add_buffer(p, convert(read(p)))
            return from_results(e.compute())

    def test_buffer_same_as_files(self):
        files = from_results(compute_files())
        self.assertEqual(self.by_buffer(bytes), files)
        self.assertEqual(self.by_buffer(bytearray), files)
        self.assertEqual(self.by_buffer(memoryview), files)
        self.assertEqual(self.by_buffer(lambda b: b.decode("utf-8")), files)

    def test_stream_same_as_files(self):
        files = from_results(compute_files())
        with full_engine(engine()) as e:
            for p in EXTRACTS:
                data = read(p)
                e.begin(p)
                for i in range(0, len(data), 7):
                    e.feed(data[i:i + 7])
                e.finish()
            self.assertEqual(from_results(e.compute()), files)
        with full_engine(engine()) as e:
            for p in EXTRACTS:
                e.add_stream(p, io.BytesIO(read(p)), chunk_size=5)
            self.assertEqual(from_results(e.compute()), files)

    def test_kind_forced_by_name_and_enum(self):
        with engine() as e:
            e.set_period(*PERIOD)
            e.add_buffer("a", read(EXTRACTS[0]), "assessments")
            e.add_buffer("b", read(EXTRACTS[0]), sgkpi.Kind.ASSESSMENTS)
            self.assertEqual([i.kind for i in e.inputs()],
                             ["assessments", "assessments"])
            with self.assertRaises(ValueError):
                e.add_buffer("c", read(EXTRACTS[0]), "no_such_kind")
            with self.assertRaises(sgkpi.SgkError) as cm:
                e.add_buffer("d", read(EXTRACTS[0]), sgkpi.Kind.WORKFORCE)
            self.assertEqual(cm.exception.status,
                             sgkpi.Status.E_MISSING_COLUMN)

    def test_thresholds_and_benchmarks_from_buffers(self):
        files = from_results(compute_files())
        with engine() as e:
            e.set_period(*PERIOD)
            e.set_option("by_team", True)
            e.set_option("by_month", True)
            e.load_benchmarks_buffer(BENCHMARKS, read(BENCHMARKS))
            e.load_thresholds_buffer(THRESHOLDS, read(THRESHOLDS))
            for p in EXTRACTS:
                e.add_file(p)
            self.assertEqual(from_results(e.compute()), files)

    def test_progress_callback(self):
        calls = []
        data = read(EXTRACTS[0])
        with engine() as e:
            e.set_period(*PERIOD)
            e.set_progress(lambda done, total: calls.append((done, total)))
            e.add_buffer("a", data)
            e.set_progress(None)
            e.add_buffer("b", data)
        self.assertEqual(calls, [(len(data), len(data))])


class Errors(unittest.TestCase):
    def assertError(self, fn, status, line, file=None, column=None):
        with self.assertRaises(sgkpi.SgkError) as cm:
            fn()
        err = cm.exception
        self.assertEqual(err.status, status, str(err))
        self.assertEqual(err.line, line, str(err))
        if file is not None:
            self.assertEqual(err.file, file)
            self.assertIn(file, str(err))
        if column is not None:
            self.assertEqual(err.column, column)
        self.assertTrue(err.message)
        return err

    def test_missing_file(self):
        path = os.path.join(DATA, "no_such_file.csv")
        with engine() as e:
            self.assertError(lambda: e.add_file(path), sgkpi.Status.E_IO, 0,
                             path)
            self.assertEqual(len(e.inputs()), 1)

    def test_bad_thresholds_file(self):
        path = os.path.join(CONFIG, "bad_thresholds.csv")
        with engine() as e:
            self.assertError(lambda: e.load_thresholds(path),
                             sgkpi.Status.E_THRESHOLD, 3, path, "op")
            self.assertError(lambda: e.load_thresholds_buffer(
                "inline thresholds", read(path)), sgkpi.Status.E_THRESHOLD,
                3, "inline thresholds", "op")
            # nothing from the bad file was kept
            e.set_period(*PERIOD)
            e.add_file(EXTRACTS[0])
            self.assertIsNone(e.compute()["ia_timeliness"].threshold)

    def test_thresholds_given_as_benchmarks(self):
        with engine() as e:
            self.assertError(lambda: e.load_benchmarks(THRESHOLDS),
                             sgkpi.Status.E_THRESHOLD, 1, THRESHOLDS)

    def test_bad_closure_file(self):
        path = os.path.join(CONFIG, "bad_closures.csv")
        with engine() as e:
            err = self.assertError(lambda: e.add_closure_file(path),
                                   sgkpi.Status.E_INVALID_ARGUMENT, 3, path)
            self.assertIn("2021-13-01", err.message)

    def test_header_errors_name_the_header_line(self):
        with engine() as e:
            self.assertError(lambda: e.add_buffer("blank", b"\n\nfoo,bar\n1,2\n"),
                             sgkpi.Status.E_UNKNOWN_KIND, 3, "blank")
            self.assertError(lambda: e.add_buffer(
                "cp", b"child_id,plan_end_date\nX,2021-01-01\n"),
                sgkpi.Status.E_MISSING_COLUMN, 1, "cp")
            self.assertError(lambda: e.add_buffer("empty", b""),
                             sgkpi.Status.E_EMPTY, 0)

    def test_call_order_and_arguments(self):
        with engine() as e:
            self.assertError(e.compute, sgkpi.Status.E_NO_PERIOD, 0)
            self.assertError(lambda: e.feed(b"x"), sgkpi.Status.E_STATE, 0)
            self.assertError(lambda: e.use_profile("no-such-profile"),
                             sgkpi.Status.E_NOT_FOUND, 0)
            self.assertError(lambda: e.set_option("ia_timescale", 0),
                             sgkpi.Status.E_INVALID_ARGUMENT, 0)
            self.assertError(lambda: e.set_period("2021-02-30", "2021-03-01"),
                             sgkpi.Status.E_INVALID_ARGUMENT, 0)
            self.assertError(lambda: e.add_alias("x", "no_such_column"),
                             sgkpi.Status.E_NOT_FOUND, 0)
            with self.assertRaises(ValueError):
                e.set_option("no_such_option", 1)
            # the engine is still usable after errors
            e.set_period(*PERIOD)
            e.add_file(EXTRACTS[0])
            self.assertEqual(e.compute()["ia_timeliness"].value, 50.0)

    def test_module_compute_raises(self):
        with self.assertRaises(sgkpi.SgkError) as cm:
            sgkpi.compute([EXTRACTS[0]], *PERIOD, library=LIB,
                          thresholds=os.path.join(CONFIG,
                                                  "bad_thresholds.csv"))
        self.assertEqual(cm.exception.line, 3)

    def test_error_is_an_exception_with_repr(self):
        err = sgkpi.SgkError(-3, "msg", "f.csv", 7, "col")
        self.assertIsInstance(err, Exception)
        self.assertEqual(err.status, sgkpi.Status.E_IO)
        self.assertIn("line=7", repr(err))
        self.assertEqual(str(err), "msg")
        self.assertEqual(sgkpi.strerror(sgkpi.Status.E_IO, LIB),
                         "file could not be read")


class Lifetime(unittest.TestCase):
    def test_close_and_context_manager(self):
        e = engine()
        with e:
            self.assertFalse(e.closed)
        self.assertTrue(e.closed)
        self.assertFalse(e._finalizer.alive)
        e.close()  # harmless
        with self.assertRaises(ValueError):
            e.set_period(*PERIOD)
        with self.assertRaises(ValueError):
            e.compute()

    def test_finalizer_frees_an_unclosed_engine(self):
        e = engine()
        fin = e._finalizer
        self.assertTrue(fin.alive)
        del e
        gc.collect()
        self.assertFalse(fin.alive)

    def test_results_outlive_the_engine(self):
        r = compute_files()  # engine closed on return
        gc.collect()
        self.assertEqual(r["ia_timeliness"].label,
                         "Initial assessments completed within timescale")
        self.assertTrue(r.rejections[0].reason.startswith("start_date"))

    def test_no_memory_growth_over_1000_cycles(self):
        datas = [(p, read(p)) for p in EXTRACTS]
        thresholds = read(THRESHOLDS)

        def cycle(i):
            e = engine()
            e.set_period(*PERIOD)
            e.set_option("by_team", 1)
            e.load_thresholds_buffer("t", thresholds)
            for name, data in datas:
                e.add_buffer(name, data)
            r = e.compute()
            assert r.indicators[0].value == 50.0
            if i % 2:
                e.close()
            else:
                with e:
                    pass

        def rss():
            gc.collect()
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

        if not os.path.exists("/proc/self/statm"):
            self.skipTest("no /proc/self/statm")
        for i in range(100):  # warm up allocator and caches
            cycle(i)
        before = rss()
        for i in range(1000):
            cycle(i)
        grown = rss() - before
        # one leaked engine per cycle would be far more than this
        self.assertLess(grown, 256 * 1024,
                        f"RSS grew by {grown} bytes over 1000 cycles")


class Threads(unittest.TestCase):
    maxDiff = None

    def test_two_threads_two_engines_same_as_one(self):
        expected = from_results(compute_files())
        results = {0: [], 1: []}
        errors = []
        barrier = threading.Barrier(2)

        def work(n):
            try:
                barrier.wait()
                for _ in range(25):
                    results[n].append(from_results(compute_files()))
            except Exception as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        for n in (0, 1):
            self.assertEqual(len(results[n]), 25)
            for got in results[n]:
                self.assertEqual(got, expected)

    def test_ingestion_threads_option(self):
        expected = from_results(compute_files())
        with full_engine(engine()) as e:
            e.set_option(sgkpi.Option.THREADS, 2)
            for p in EXTRACTS:
                e.add_file(p)
            self.assertEqual(from_results(e.compute()), expected)


if __name__ == "__main__":
    sys.exit(common.main())
