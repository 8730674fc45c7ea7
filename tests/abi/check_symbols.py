#!/usr/bin/env python3
"""lib/sgkpi.sym is the exact list of functions libsgkpi.so exports.

usage: check_symbols.py NM LIBRARY SYMFILE HEADER

Fails (exit 1) when:
  - SYMFILE is not one name per line, sorted (byte order), without
    duplicates or blank lines;
  - the library exports a symbol that is not in SYMFILE (in particular any
    symbol not starting with "sgk_", or a private "sgk__" helper);
  - SYMFILE lists a name the library does not export;
  - HEADER declares an SGK_API function that SYMFILE does not list, or the
    other way round.
The version node the linker script defines (an absolute symbol such as
SGKPI_0) is not a function and is ignored.  Exit 77 when NM is missing.
"""
import os
import re
import shutil
import subprocess
import sys


def exported(nm, library):
    out = subprocess.run([nm, "-D", "--defined-only", library], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    names = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        kind, name = parts[-2], parts[-1]
        if kind == "A":          # version definition, e.g. SGKPI_0
            continue
        names[re.sub(r"@.*$", "", name)] = kind
    return names


def declared(header):
    text = open(header, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
    return set(re.findall(r"\bSGK_API\b[^;(]*?\b(sgk_\w+)\s*\(", text))


def main(argv):
    if len(argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    nm, library, symfile, header = argv[1:]
    if not (os.path.isfile(nm) or shutil.which(nm)):
        print(f"SKIP: {nm} not found")
        return 77
    problems = []

    lines = open(symfile, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    listed = []
    for n, line in enumerate(lines, 1):
        if not re.fullmatch(r"sgk_[A-Za-z0-9_]+", line) or \
                line.startswith("sgk__"):
            problems.append(f"{symfile}:{n}: not a public sgk_ name: "
                            f"{line!r}")
        listed.append(line)
    if listed != sorted(listed):
        problems.append(f"{symfile}: not sorted (LC_ALL=C sort)")
    if len(set(listed)) != len(listed):
        problems.append(f"{symfile}: duplicate names")
    listed_set = set(listed)

    exports = exported(nm, library)
    for name in sorted(set(exports) - listed_set):
        why = "" if name.startswith("sgk_") and not name.startswith("sgk__") \
            else " (only the public sgk_ API may be exported)"
        problems.append(f"exported but not in sgkpi.sym: {name}{why}")
    for name in sorted(listed_set - set(exports)):
        problems.append(f"in sgkpi.sym but not exported: {name}")
    for name, kind in sorted(exports.items()):
        if name in listed_set and kind not in ("T", "W", "i"):
            problems.append(f"{name}: exported as type {kind}, not a function")

    decls = declared(header)
    for name in sorted(decls - listed_set):
        problems.append(f"declared in {os.path.basename(header)} but not in "
                        f"sgkpi.sym: {name}")
    for name in sorted(listed_set - decls):
        problems.append(f"in sgkpi.sym but not declared in "
                        f"{os.path.basename(header)}: {name}")

    for p in problems:
        print("FAIL  " + p)
    print(f"{len(listed)} symbols listed, {len(exports)} exported, "
          f"{len(decls)} declared")
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
