#!/usr/bin/env python3
"""The public header compiles cleanly as strict C and as C++.

usage: check_header.py c|c++ INCLUDE_DIR SOURCE COMPILER [ARGS...]

Compiles SOURCE (which includes <sgkpi.h>) to an object file with every
flag set listed below for the language; any warning is an error.  Exit
status 0 when all compile, 1 otherwise, 77 (meson's "skipped") when no
compiler was given, e.g. no C++ compiler is installed.
"""
import os
import shlex
import subprocess
import sys
import tempfile

STRICT = ["-pedantic", "-Werror", "-Wall", "-Wextra"]

FLAG_SETS = {
    "c": [
        ["-x", "c", "-std=c99"] + STRICT + ["-Wstrict-prototypes",
                                            "-Wmissing-prototypes",
                                            "-Wshadow"],
        ["-x", "c", "-std=c11"] + STRICT,
    ],
    "c++": [
        ["-x", "c++", "-std=c++11"] + STRICT,
        ["-x", "c++", "-std=c++17"] + STRICT + ["-Wold-style-cast"],
    ],
}


def main(argv):
    if len(argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    lang, include, source = argv[1], argv[2], argv[3]
    compiler = argv[4:]
    if not compiler or not compiler[0]:
        print(f"SKIP: no {lang} compiler")
        return 77
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, flags in enumerate(FLAG_SETS[lang]):
            cmd = compiler + flags + ["-I", include, "-c", source,
                                      "-o", os.path.join(tmp, f"t{i}.o")]
            proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
            ok = proc.returncode == 0
            print(("ok    " if ok else "FAIL  ") + shlex.join(cmd))
            if not ok:
                print(proc.stdout)
                failed += 1
    total = len(FLAG_SETS[lang])
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
