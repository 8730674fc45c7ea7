"""sgkpi: children's safeguarding performance indicators, from Python.

A ctypes binding over the C ABI of libsgkpi (include/sgkpi.h).  Standard
library only; Python 3.8 or later (tested on 3.11).

    import sgkpi

    with sgkpi.Engine() as engine:
        engine.set_period("2021-04-01", "2022-03-31")
        engine.use_profile("kent-2011")
        for path in ["assessments.csv", "cp_plans.csv"]:
            engine.add_file(path)
        results = engine.compute()
    for ind in results.breached():
        print(ind.id, ind.value, ind.threshold["target"])

or, in one call:

    results = sgkpi.compute(["assessments.csv"], "2021-04-01", "2022-03-31",
                            thresholds="kent-2011")

The shared library is found, in this order: the `library` argument (a path
or an already loaded ctypes.CDLL), the SGKPI_LIBRARY environment variable,
ctypes.util.find_library("sgkpi"), then the plain soname "libsgkpi.so.0".

Ownership: every C string the library returns is copied into a Python str
before the call that returned it comes back, so results stay valid after the
engine is closed.  An Engine owns one sgk_engine handle; close() (or leaving
a `with` block) frees it at once, and a weakref finalizer frees it when the
object is collected if close() was never called.  One Engine must not be
used from two threads at once; separate Engines may run in parallel (ctypes
releases the GIL during each call).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import datetime
import enum
import math
import os
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Union

__all__ = [
    "SgkError", "Status", "Kind", "Option", "Group", "Unit", "Rag",
    "Engine", "Results", "Indicator", "Breakdown", "Benchmark", "Input",
    "CaseException",
    "Rejection", "IndicatorInfo", "load_library", "compute", "indicators",
    "version", "version_string", "strerror", "ABI_MAJOR",
]

#: The major version this module was written for.  Before 1.0 the soname is
#: libsgkpi.so.0 and symbols are only ever added, so any 0.x library works.
ABI_MAJOR = 0


# --------------------------------------------------------------------------
# Enums: the values of include/sgkpi.h, which are stable.

class Status(enum.IntEnum):
    OK = 0
    E_NOMEM = -1
    E_INVALID_ARGUMENT = -2
    E_IO = -3
    E_PARSE = -4
    E_MISSING_COLUMN = -5
    E_UNKNOWN_KIND = -6
    E_DUPLICATE_COLUMN = -7
    E_STATE = -8
    E_NOT_FOUND = -9
    E_EMPTY = -10
    E_THRESHOLD = -11
    E_NO_PERIOD = -12


class Kind(enum.IntEnum):
    AUTO = 0
    REFERRALS = 1
    ASSESSMENTS = 2
    CP_PLANS = 3
    CLA_EPISODES = 4
    CASES = 5
    WORKFORCE = 6
    CLA_CHILDREN = 7
    CARE_LEAVERS = 8


class Option(enum.IntEnum):
    IA_TIMESCALE = 1
    CA_TIMESCALE = 2
    SA_TIMESCALE = 3
    UNALLOCATED_DAYS = 4
    DELIMITER = 5
    BY_TEAM = 6
    BY_MONTH = 7
    MAX_REJECTIONS = 8
    THREADS = 9
    EXCEPTIONS = 10
    MIN_CHUNK = 11
    POPULATION = 12
    REFERRAL_WINDOW = 13
    PER_10K_TYPE = 14


class AssessmentType(enum.IntEnum):
    INITIAL = 1
    CORE = 2
    SINGLE = 3


class Group(enum.IntEnum):
    TOTAL = 0
    TEAM = 1
    MONTH = 2


class Unit(enum.IntEnum):
    PERCENT = 1
    COUNT = 2
    RATE_PER_10K = 3
    AVERAGE = 4


_UNIT_NAMES = {Unit.PERCENT: "percent", Unit.COUNT: "count",
               Unit.RATE_PER_10K: "rate_per_10k", Unit.AVERAGE: "average"}


def _unit_name(unit: int) -> str:
    """The unit's name as the JSON report writes it."""
    return _UNIT_NAMES.get(unit, "count")


class Rag(enum.IntEnum):
    NONE = 0
    MET = 1
    AMBER = 2
    NOT_MET = 3
    NO_DATA = 4


# --------------------------------------------------------------------------
# The C declarations.

class _EngineStruct(ctypes.Structure):
    """struct sgk_engine: opaque."""


_EngineP = ctypes.POINTER(_EngineStruct)

REALLOC_FN = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p,
                              ctypes.c_size_t, ctypes.c_void_p)
FREE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
PROGRESS_FN = ctypes.CFUNCTYPE(None, ctypes.c_int64, ctypes.c_int64,
                               ctypes.c_void_p)

_int = ctypes.c_int
_i64 = ctypes.c_int64
_dbl = ctypes.c_double
_str = ctypes.c_char_p
_size = ctypes.c_size_t
_E = _EngineP

# name: (restype, argtypes).  Every function of sgkpi.h, in header order;
# tests/python checks this table against lib/sgkpi.sym.
PROTOTYPES: Dict[str, tuple] = {
    "sgk_strerror": (_str, [_int]),
    "sgk_version": (_int, []),
    "sgk_version_string": (_str, []),
    "sgk_kind_name": (_str, [_int]),
    "sgk_kind_from_name": (_int, [_str]),
    "sgk_engine_new": (_int, [ctypes.POINTER(_EngineP)]),
    "sgk_engine_new_with_allocator": (
        _int, [REALLOC_FN, FREE_FN, ctypes.c_void_p,
               ctypes.POINTER(_EngineP)]),
    "sgk_engine_free": (None, [_E]),
    "sgk_engine_set_period": (_int, [_E, _str, _str]),
    "sgk_engine_set_option": (_int, [_E, _int, _i64]),
    "sgk_engine_get_option": (_i64, [_E, _int]),
    "sgk_engine_add_alias": (_int, [_E, _str, _str]),
    "sgk_engine_add_closure_day": (_int, [_E, _str]),
    "sgk_engine_add_closure_file": (_int, [_E, _str]),
    "sgk_engine_add_file": (_int, [_E, _str, _int]),
    "sgk_engine_add_buffer": (_int, [_E, _str, _str, _size, _int]),
    "sgk_engine_begin": (_int, [_E, _str, _int]),
    "sgk_engine_feed": (_int, [_E, _str, _size]),
    "sgk_engine_finish": (_int, [_E]),
    "sgk_engine_set_progress": (_int, [_E, PROGRESS_FN, ctypes.c_void_p]),
    "sgk_engine_merge": (_int, [_E, _E]),
    "sgk_engine_input_count": (_int, [_E]),
    "sgk_input_name": (_str, [_E, _int]),
    "sgk_input_kind": (_int, [_E, _int]),
    "sgk_input_rows_read": (_i64, [_E, _int]),
    "sgk_input_rows_used": (_i64, [_E, _int]),
    "sgk_input_rows_rejected": (_i64, [_E, _int]),
    "sgk_input_duplicates": (_i64, [_E, _int]),
    "sgk_engine_use_profile": (_int, [_E, _str]),
    "sgk_engine_load_thresholds": (_int, [_E, _str]),
    "sgk_engine_load_thresholds_buffer": (_int, [_E, _str, _str, _size]),
    "sgk_engine_load_benchmarks": (_int, [_E, _str]),
    "sgk_engine_load_benchmarks_buffer": (_int, [_E, _str, _str, _size]),
    "sgk_indicator_count": (_int, []),
    "sgk_indicator_find": (_int, [_str]),
    "sgk_indicator_id": (_str, [_int]),
    "sgk_indicator_label": (_str, [_int]),
    "sgk_indicator_definition": (_str, [_int]),
    "sgk_indicator_source": (_str, [_int]),
    "sgk_indicator_unit": (_int, [_int]),
    "sgk_indicator_kind": (_int, [_int]),
    "sgk_engine_compute": (_int, [_E]),
    "sgk_engine_team_count": (_int, [_E]),
    "sgk_engine_team_name": (_str, [_E, _int]),
    "sgk_engine_month_count": (_int, [_E]),
    "sgk_engine_month_label": (_str, [_E, _int]),
    "sgk_result_has_value": (_int, [_E, _int, _int, _int]),
    "sgk_result_value": (_dbl, [_E, _int, _int, _int]),
    "sgk_result_numerator": (_dbl, [_E, _int, _int, _int]),
    "sgk_result_denominator": (_dbl, [_E, _int, _int, _int]),
    "sgk_result_status": (_int, [_E, _int, _int, _int]),
    "sgk_status_name": (_str, [_int]),
    "sgk_result_threshold_op": (_str, [_E, _int]),
    "sgk_result_threshold_target": (_dbl, [_E, _int]),
    "sgk_result_threshold_amber": (_dbl, [_E, _int]),
    "sgk_result_threshold_source": (_str, [_E, _int]),
    "sgk_result_threshold_label": (_str, [_E, _int]),
    "sgk_result_group_threshold_op": (_str, [_E, _int, _int, _int]),
    "sgk_result_group_threshold_target": (_dbl, [_E, _int, _int, _int]),
    "sgk_result_group_threshold_amber": (_dbl, [_E, _int, _int, _int]),
    "sgk_result_group_threshold_source": (_str, [_E, _int, _int, _int]),
    "sgk_result_group_threshold_label": (_str, [_E, _int, _int, _int]),
    "sgk_result_benchmark_count": (_int, [_E, _int]),
    "sgk_result_benchmark_value": (_dbl, [_E, _int, _int]),
    "sgk_result_benchmark_label": (_str, [_E, _int, _int]),
    "sgk_result_note": (_str, [_E, _int]),
    "sgk_exception_count": (_i64, [_E, _int]),
    "sgk_exception_child": (_str, [_E, _int, _i64]),
    "sgk_exception_team": (_str, [_E, _int, _i64]),
    "sgk_exception_worker": (_str, [_E, _int, _i64]),
    "sgk_exception_date": (_str, [_E, _int, _i64]),
    "sgk_exception_days": (_i64, [_E, _int, _i64]),
    "sgk_exception_input": (_str, [_E, _int, _i64]),
    "sgk_exception_line": (_i64, [_E, _int, _i64]),
    "sgk_engine_rejection_count": (_i64, [_E]),
    "sgk_rejection_input": (_str, [_E, _i64]),
    "sgk_rejection_line": (_i64, [_E, _i64]),
    "sgk_rejection_column": (_str, [_E, _i64]),
    "sgk_rejection_column_number": (_int, [_E, _i64]),
    "sgk_rejection_indicator": (_str, [_E, _i64]),
    "sgk_rejection_reason": (_str, [_E, _i64]),
    "sgk_engine_rejections_dropped": (_i64, [_E]),
    "sgk_dq_count": (_int, [_E]),
    "sgk_dq_input": (_int, [_E, _int]),
    "sgk_dq_field": (_str, [_E, _int]),
    "sgk_dq_header": (_str, [_E, _int]),
    "sgk_dq_rows": (_i64, [_E, _int]),
    "sgk_dq_blank": (_i64, [_E, _int]),
    "sgk_dq_invalid": (_i64, [_E, _int]),
    "sgk_dq_value": (_dbl, [_E, _int]),
    "sgk_dq_status": (_int, [_E, _int]),
    "sgk_engine_errmsg": (_str, [_E]),
    "sgk_engine_errfile": (_str, [_E]),
    "sgk_engine_errline": (_i64, [_E]),
    "sgk_engine_errcolumn": (_str, [_E]),
}

_libraries: Dict[str, ctypes.CDLL] = {}
_libraries_lock = threading.Lock()


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    """Sets restype and argtypes of every function.  A function this module
    knows but an older 0.x library lacks (symbols are only ever added) is
    listed in lib.sgk_missing; calling it raises AttributeError."""
    missing = []
    for name, (restype, argtypes) in PROTOTYPES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    lib.sgk_missing = tuple(missing)
    return lib


def load_library(path: Union[str, os.PathLike, ctypes.CDLL, None] = None
                 ) -> ctypes.CDLL:
    """Loads libsgkpi and declares every function's prototype.

    path: an explicit file name (or a CDLL already loaded); otherwise the
    SGKPI_LIBRARY environment variable, then the system loader.  Raises
    OSError when no library is found or its major version is not ABI_MAJOR.
    Libraries are cached, so calling this again is cheap.
    """
    if isinstance(path, ctypes.CDLL):
        return _declare(path)
    if path is not None:
        name = os.fspath(path)
    elif os.environ.get("SGKPI_LIBRARY"):
        name = os.environ["SGKPI_LIBRARY"]
    else:
        name = ctypes.util.find_library("sgkpi") or "libsgkpi.so.0"
    with _libraries_lock:
        lib = _libraries.get(name)
        if lib is None:
            lib = _declare(ctypes.CDLL(name))
            major = lib.sgk_version() // 10000
            if major != ABI_MAJOR:
                raise OSError(f"{name}: libsgkpi major version {major}, "
                              f"this module needs {ABI_MAJOR}")
            _libraries[name] = lib
    return lib


# --------------------------------------------------------------------------
# Conversions.

def _text(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8", "replace")


def _days(d: int) -> Optional[int]:
    # The C API says -1 for a record without days.
    return None if d < 0 else d


def _cstr(s: Union[str, bytes, os.PathLike]) -> bytes:
    if isinstance(s, bytes):
        return s
    if isinstance(s, str):
        return s.encode("utf-8")
    return os.fsencode(s)


def _date(d: Union[str, datetime.date]) -> bytes:
    if isinstance(d, datetime.date):
        return d.isoformat().encode("ascii")
    return _cstr(d)


def _bytes(data: Union[bytes, bytearray, memoryview, str]) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)


def _num(x: float) -> Optional[float]:
    return None if math.isnan(x) else x


# --------------------------------------------------------------------------
# Errors.

class SgkError(Exception):
    """A failed library call.

    status: the negative status code (a Status); message: the library's
    description; file, line, column: where in an input the problem is, when
    that applies (None, 0 and None otherwise).
    """

    def __init__(self, status: int, message: str, file: Optional[str] = None,
                 line: int = 0, column: Optional[str] = None):
        super().__init__(message)
        try:
            self.status: Union[Status, int] = Status(status)
        except ValueError:
            self.status = status
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return (f"SgkError({int(self.status)}, {self.message!r}, "
                f"file={self.file!r}, line={self.line}, "
                f"column={self.column!r})")


# --------------------------------------------------------------------------
# Results.

@dataclass
class Breakdown:
    """One team's or one month's result for an indicator."""
    key: str                        # team name or "YYYY-MM"
    value: Optional[float]
    numerator: Optional[float]
    denominator: Optional[float]
    status: Optional[str]
    # What status was measured against: a team's is the period's; a
    # month's is the one in force at its end, which may differ.  None when
    # none applies (a breakdown the indicator does not have, say).
    threshold: Optional[Dict[str, Any]] = None


@dataclass
class Benchmark:
    value: Optional[float]
    label: Optional[str]


@dataclass
class CaseException:
    """One case-level record behind an indicator (Option.EXCEPTIONS)."""
    child: str
    team: str
    worker: str                     # "" when the record has no worker
    date: Optional[str]             # YYYY-MM-DD (what it is depends on
                                    # the list), None when there is none
    days: Optional[int]             # None for a record without days
    input: str
    line: int


@dataclass
class Indicator:
    """One indicator's result for the whole period."""
    id: str
    label: str
    unit: str                       # "percent", "count", "rate_per_10k"
                                    # or "average"
    value: Optional[float]          # None: no data
    numerator: Optional[float]
    denominator: Optional[float]    # None for counts
    status: Optional[str]           # None, "met", "amber", "not_met", "no_data"
    threshold: Optional[Dict[str, Any]]  # op, target, amber, source, label
    benchmarks: List[Benchmark] = field(default_factory=list)
    by_team: List[Breakdown] = field(default_factory=list)
    by_month: List[Breakdown] = field(default_factory=list)
    source: Optional[str] = None
    exceptions: List[CaseException] = field(default_factory=list)
    note: Optional[str] = None      # how a fallback was used, or None

    @property
    def target(self) -> Optional[float]:
        return self.threshold["target"] if self.threshold else None

    @property
    def breached(self) -> bool:
        return self.status == "not_met"


@dataclass
class Input:
    name: str
    kind: Optional[str]
    rows_read: int
    rows_used: int
    rows_rejected: int
    duplicates: int = 0             # of rows_rejected, later duplicates


@dataclass
class FieldQuality:
    """Blank or invalid entries in one field of one input (the
    dq_blank_or_invalid table)."""
    input: str
    field: str                      # canonical column name
    header: Optional[str]           # as written in the input
    rows: int
    blank: int
    invalid: int
    value: Optional[float]          # percent; None when the input is empty
    status: Optional[str]           # against dq_blank_or_invalid's target


@dataclass
class Rejection:
    input: str
    line: int
    column: Optional[str]           # header as written; None: whole row
    column_number: int              # 1-based; 0: whole row
    indicator: Optional[str]        # comma-separated ids; None: row rejected
    reason: str


@dataclass
class Results:
    indicators: List[Indicator]
    inputs: List[Input]
    rejections: List[Rejection]
    rejections_dropped: int = 0
    teams: List[str] = field(default_factory=list)
    months: List[str] = field(default_factory=list)
    data_quality: List[FieldQuality] = field(default_factory=list)

    def __getitem__(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def __iter__(self):
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def breached(self) -> List[Indicator]:
        """Indicators whose whole-period status is "not_met"."""
        return [i for i in self.indicators if i.status == "not_met"]

    def as_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class IndicatorInfo:
    id: str
    label: str
    definition: str
    source: str
    unit: str
    kind: str                       # the extract kind read; "any" for one
                                    # that reads every kind (data quality)


# --------------------------------------------------------------------------
# The engine.

_OPTION_NAMES = {o.name.lower(): o for o in Option}
_KindArg = Union[None, int, str, Kind]


def _free_engine(lib: ctypes.CDLL, handle: _EngineP) -> None:
    lib.sgk_engine_free(handle)


class Engine:
    """One sgk_engine: configure, add inputs, compute, read results.

    Use it as a context manager, or call close(); both free the C engine
    deterministically.  Every failing call raises SgkError.
    """

    def __init__(self, library: Union[str, os.PathLike, ctypes.CDLL,
                                      None] = None):
        self._lib = load_library(library)
        handle = _EngineP()
        rc = self._lib.sgk_engine_new(ctypes.byref(handle))
        if rc != 0:
            raise SgkError(rc, _text(self._lib.sgk_strerror(rc)) or "")
        self._h: Optional[_EngineP] = handle
        self._progress = None       # keeps the ctypes callback alive
        self._period = None
        self._finalizer = weakref.finalize(self, _free_engine, self._lib,
                                           handle)

    # life cycle
    def close(self) -> None:
        """Frees the C engine now.  Calling it again is harmless."""
        self._finalizer()
        self._h = None
        self._progress = None

    @property
    def closed(self) -> bool:
        return self._h is None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _handle(self) -> _EngineP:
        if self._h is None:
            raise ValueError("operation on a closed sgkpi.Engine")
        return self._h

    def _check(self, rc: int) -> None:
        if rc == 0:
            return
        lib, h = self._lib, self._h
        msg = _text(lib.sgk_engine_errmsg(h)) or _text(lib.sgk_strerror(rc))
        raise SgkError(rc, msg or "", _text(lib.sgk_engine_errfile(h)),
                       lib.sgk_engine_errline(h),
                       _text(lib.sgk_engine_errcolumn(h)))

    def _kind(self, kind: _KindArg) -> int:
        if kind is None:
            return Kind.AUTO
        if isinstance(kind, str):
            k = self._lib.sgk_kind_from_name(kind.encode("utf-8"))
            if k < 0:
                raise ValueError(f"unknown extract kind {kind!r}")
            return k
        return int(kind)

    # configuration
    def set_period(self, from_: Union[str, datetime.date],
                   to: Union[str, datetime.date]) -> None:
        """Sets the reporting period; both dates inclusive, YYYY-MM-DD."""
        self._check(self._lib.sgk_engine_set_period(
            self._handle(), _date(from_), _date(to)))
        self._period = (from_, to)

    def set_option(self, option: Union[Option, int, str],
                   value: Union[int, bool, str]) -> None:
        """Sets an Option (or its lower-case name, e.g. "by_team").  A
        one-character str is accepted for the delimiter."""
        if isinstance(option, str):
            try:
                option = _OPTION_NAMES[option.lower()]
            except KeyError:
                raise ValueError(f"unknown option {option!r}") from None
        if isinstance(value, str):
            if value == "tab":
                value = "\t"
            if len(value) != 1:
                raise ValueError("a str option value must be one character")
            value = ord(value)
        self._check(self._lib.sgk_engine_set_option(
            self._handle(), int(option), int(value)))

    def get_option(self, option: Union[Option, int, str]) -> int:
        if isinstance(option, str):
            option = _OPTION_NAMES[option.lower()]
        return self._lib.sgk_engine_get_option(self._handle(), int(option))

    def add_alias(self, header: str, canonical: str) -> None:
        self._check(self._lib.sgk_engine_add_alias(
            self._handle(), _cstr(header), _cstr(canonical)))

    def add_closure_day(self, date: Union[str, datetime.date]) -> None:
        self._check(self._lib.sgk_engine_add_closure_day(
            self._handle(), _date(date)))

    def add_closure_file(self, path: Union[str, os.PathLike]) -> None:
        self._check(self._lib.sgk_engine_add_closure_file(
            self._handle(), _cstr(path)))

    def set_progress(self, fn: Optional[Callable[[int, int], None]]) -> None:
        """fn(done, total) is called while inputs are read (total is -1 for
        streams); None turns it off.  Exceptions in fn are printed by ctypes
        and otherwise ignored."""
        h = self._handle()
        if fn is None:
            cb = ctypes.cast(None, PROGRESS_FN)
            self._check(self._lib.sgk_engine_set_progress(h, cb, None))
            self._progress = None
            return
        cb = PROGRESS_FN(lambda done, total, _user: fn(done, total))
        self._check(self._lib.sgk_engine_set_progress(h, cb, None))
        self._progress = cb

    # inputs
    def add_file(self, path: Union[str, os.PathLike],
                 kind: _KindArg = None) -> None:
        """Reads a CSV extract; its kind is detected unless given (a Kind,
        or a name such as "assessments")."""
        self._check(self._lib.sgk_engine_add_file(
            self._handle(), _cstr(path), self._kind(kind)))

    def add_buffer(self, name: str, data: Union[bytes, bytearray, memoryview,
                                                str],
                   kind: _KindArg = None) -> None:
        """Reads CSV held in memory; name labels it in results and errors."""
        buf = _bytes(data)
        self._check(self._lib.sgk_engine_add_buffer(
            self._handle(), _cstr(name), buf, len(buf), self._kind(kind)))

    def begin(self, name: str, kind: _KindArg = None) -> None:
        """Opens a stream; feed() chunks of any size, then finish()."""
        self._check(self._lib.sgk_engine_begin(
            self._handle(), _cstr(name), self._kind(kind)))

    def feed(self, data: Union[bytes, bytearray, memoryview, str]) -> None:
        buf = _bytes(data)
        self._check(self._lib.sgk_engine_feed(self._handle(), buf, len(buf)))

    def finish(self) -> None:
        self._check(self._lib.sgk_engine_finish(self._handle()))

    def add_stream(self, name: str, fileobj, kind: _KindArg = None,
                   chunk_size: int = 1 << 16) -> None:
        """Reads a binary file object (anything with read(n)) as one input
        through begin/feed/finish."""
        self.begin(name, kind)
        try:
            while True:
                chunk = fileobj.read(chunk_size)
                if not chunk:
                    break
                self.feed(chunk)
        except BaseException:
            # close the stream so the engine stays usable, keep the first error
            self._lib.sgk_engine_finish(self._h)
            raise
        self.finish()

    def merge(self, other: "Engine") -> None:
        """Appends everything `other` has read to this engine, as if this
        engine had read the same inputs after its own; this engine's
        settings apply.  `other` is not changed."""
        if not isinstance(other, Engine):
            raise TypeError("merge() needs an sgkpi.Engine")
        self._check(self._lib.sgk_engine_merge(self._handle(),
                                               other._handle()))

    # thresholds and benchmarks
    def use_profile(self, name: str) -> None:
        self._check(self._lib.sgk_engine_use_profile(self._handle(),
                                                     _cstr(name)))

    def load_thresholds(self, path: Union[str, os.PathLike]) -> None:
        self._check(self._lib.sgk_engine_load_thresholds(self._handle(),
                                                         _cstr(path)))

    def load_thresholds_buffer(self, name: str, data: Union[bytes, str]
                               ) -> None:
        buf = _bytes(data)
        self._check(self._lib.sgk_engine_load_thresholds_buffer(
            self._handle(), _cstr(name), buf, len(buf)))

    def load_benchmarks(self, path: Union[str, os.PathLike]) -> None:
        self._check(self._lib.sgk_engine_load_benchmarks(self._handle(),
                                                         _cstr(path)))

    def load_benchmarks_buffer(self, name: str, data: Union[bytes, str]
                               ) -> None:
        buf = _bytes(data)
        self._check(self._lib.sgk_engine_load_benchmarks_buffer(
            self._handle(), _cstr(name), buf, len(buf)))

    # results
    def compute(self) -> Results:
        """Computes every indicator and returns the results as plain Python
        objects that do not refer to the engine."""
        h = self._handle()
        self._check(self._lib.sgk_engine_compute(h))
        return self._read_results(h)

    def _threshold(self, ind: int, group: int,
                   k: int) -> Optional[Dict[str, Any]]:
        lib, h = self._lib, self._h
        if "sgk_result_group_threshold_op" in lib.sgk_missing:
            # An older library says only the period's, which its teams
            # were measured against when they were measured at all.
            if group == Group.MONTH or (group == Group.TEAM and
                                        lib.sgk_result_status(h, ind, group,
                                                              k) == 0):
                return None
            def get(part: str) -> Any:
                return getattr(lib, "sgk_result_threshold_" + part)(h, ind)
        else:
            def get(part: str) -> Any:
                fn = getattr(lib, "sgk_result_group_threshold_" + part)
                return fn(h, ind, group, k)
        op = _text(get("op"))
        if op is None:
            return None
        return {"op": op, "target": _num(get("target")),
                "amber": _num(get("amber")), "source": _text(get("source")),
                "label": _text(get("label"))}

    def _cell(self, ind: int, group: int, k: int, key: str) -> Breakdown:
        lib, h = self._lib, self._h
        has = lib.sgk_result_has_value(h, ind, group, k)
        return Breakdown(
            key=key,
            value=lib.sgk_result_value(h, ind, group, k) if has else None,
            numerator=_num(lib.sgk_result_numerator(h, ind, group, k)),
            denominator=_num(lib.sgk_result_denominator(h, ind, group, k)),
            status=_text(lib.sgk_status_name(
                lib.sgk_result_status(h, ind, group, k))),
            threshold=self._threshold(ind, group, k))

    def _read_results(self, h: _EngineP) -> Results:
        lib = self._lib
        teams = [_text(lib.sgk_engine_team_name(h, k))
                 for k in range(lib.sgk_engine_team_count(h))]
        months = [_text(lib.sgk_engine_month_label(h, k))
                  for k in range(lib.sgk_engine_month_count(h))]
        out: List[Indicator] = []
        for i in range(lib.sgk_indicator_count()):
            total = self._cell(i, Group.TOTAL, 0, "")
            out.append(Indicator(
                id=_text(lib.sgk_indicator_id(i)),
                label=_text(lib.sgk_indicator_label(i)),
                unit=_unit_name(lib.sgk_indicator_unit(i)),
                value=total.value, numerator=total.numerator,
                denominator=total.denominator, status=total.status,
                threshold=total.threshold,
                benchmarks=[
                    Benchmark(_num(lib.sgk_result_benchmark_value(h, i, k)),
                              _text(lib.sgk_result_benchmark_label(h, i, k)))
                    for k in range(lib.sgk_result_benchmark_count(h, i))],
                by_team=[self._cell(i, Group.TEAM, k, t)
                         for k, t in enumerate(teams)],
                by_month=[self._cell(i, Group.MONTH, k, m)
                          for k, m in enumerate(months)],
                source=_text(lib.sgk_indicator_source(i)),
                exceptions=self._exceptions(i),
                note=(None if "sgk_result_note" in lib.sgk_missing
                      else _text(lib.sgk_result_note(h, i)))))
        return Results(indicators=out, inputs=self.inputs(),
                       rejections=self.rejections(),
                       rejections_dropped=lib.sgk_engine_rejections_dropped(h),
                       teams=teams, months=months,
                       data_quality=self.data_quality())

    def _exceptions(self, ind: int) -> List[CaseException]:
        lib, h = self._lib, self._h
        if "sgk_exception_count" in lib.sgk_missing:
            return []
        return [CaseException(
            child=_text(lib.sgk_exception_child(h, ind, k)),
            team=_text(lib.sgk_exception_team(h, ind, k)),
            worker=_text(lib.sgk_exception_worker(h, ind, k)),
            date=_text(lib.sgk_exception_date(h, ind, k)) or None,
            days=_days(lib.sgk_exception_days(h, ind, k)),
            input=_text(lib.sgk_exception_input(h, ind, k)),
            line=lib.sgk_exception_line(h, ind, k))
            for k in range(lib.sgk_exception_count(h, ind))]

    def inputs(self) -> List[Input]:
        """Inputs in the order they were added, failed ones included."""
        lib, h = self._lib, self._handle()
        return [Input(name=_text(lib.sgk_input_name(h, k)),
                      kind=_text(lib.sgk_kind_name(lib.sgk_input_kind(h, k))),
                      rows_read=lib.sgk_input_rows_read(h, k),
                      rows_used=lib.sgk_input_rows_used(h, k),
                      rows_rejected=lib.sgk_input_rows_rejected(h, k),
                      duplicates=(0 if "sgk_input_duplicates" in lib.sgk_missing
                                  else lib.sgk_input_duplicates(h, k)))
                for k in range(lib.sgk_engine_input_count(h))]

    def data_quality(self) -> List[FieldQuality]:
        """Blank and invalid entries per input and field, from the last
        compute (empty before one)."""
        lib, h = self._lib, self._handle()
        if "sgk_dq_count" in lib.sgk_missing:
            return []
        return [FieldQuality(
            input=_text(lib.sgk_input_name(h, lib.sgk_dq_input(h, k))),
            field=_text(lib.sgk_dq_field(h, k)),
            header=_text(lib.sgk_dq_header(h, k)),
            rows=lib.sgk_dq_rows(h, k), blank=lib.sgk_dq_blank(h, k),
            invalid=lib.sgk_dq_invalid(h, k),
            value=_num(lib.sgk_dq_value(h, k)),
            status=_text(lib.sgk_status_name(lib.sgk_dq_status(h, k))))
            for k in range(lib.sgk_dq_count(h))]

    def rejections(self) -> List[Rejection]:
        lib, h = self._lib, self._handle()
        return [Rejection(input=_text(lib.sgk_rejection_input(h, r)),
                          line=lib.sgk_rejection_line(h, r),
                          column=_text(lib.sgk_rejection_column(h, r)),
                          column_number=lib.sgk_rejection_column_number(h, r),
                          indicator=_text(lib.sgk_rejection_indicator(h, r)),
                          reason=_text(lib.sgk_rejection_reason(h, r)))
                for r in range(lib.sgk_engine_rejection_count(h))]


# --------------------------------------------------------------------------
# Module-level helpers.

def version(library=None) -> int:
    """MAJOR * 10000 + MINOR * 100 + PATCH of the library loaded."""
    return load_library(library).sgk_version()


def version_string(library=None) -> str:
    return _text(load_library(library).sgk_version_string())


def strerror(status: int, library=None) -> str:
    return _text(load_library(library).sgk_strerror(int(status)))


def indicators(library=None) -> List[IndicatorInfo]:
    """The fixed indicator table, in the library's stable order."""
    lib = load_library(library)
    return [IndicatorInfo(
        id=_text(lib.sgk_indicator_id(i)),
        label=_text(lib.sgk_indicator_label(i)),
        definition=_text(lib.sgk_indicator_definition(i)),
        source=_text(lib.sgk_indicator_source(i)),
        unit=_unit_name(lib.sgk_indicator_unit(i)),
        kind=(_text(lib.sgk_kind_name(lib.sgk_indicator_kind(i)))
              if lib.sgk_indicator_kind(i) != Kind.AUTO else "any"))
        for i in range(lib.sgk_indicator_count())]


def compute(paths: Iterable[Union[str, os.PathLike]],
            from_: Union[str, datetime.date], to: Union[str, datetime.date],
            thresholds: Union[str, os.PathLike, None] = None,
            by_team: bool = False, monthly: bool = False,
            benchmarks: Union[str, os.PathLike, None] = None,
            library=None, population: Optional[int] = None) -> Results:
    """Computes the indicators for a period from CSV files, like the
    sgkpi-report program.  thresholds is a CSV path or a built-in profile
    name such as "kent-2011" (a name with no "." or "/" is a profile).
    population is the area's children under 18, for ia_per_10k."""
    with Engine(library) as engine:
        engine.set_period(from_, to)
        engine.set_option(Option.BY_TEAM, by_team)
        engine.set_option(Option.BY_MONTH, monthly)
        if population is not None:
            engine.set_option(Option.POPULATION, population)
        if benchmarks is not None:
            engine.load_benchmarks(benchmarks)
        if thresholds is not None:
            t = os.fspath(thresholds)
            if "." in t or "/" in t or os.sep in t:
                engine.load_thresholds(t)
            else:
                engine.use_profile(t)
        for path in paths:
            engine.add_file(path)
        return engine.compute()
