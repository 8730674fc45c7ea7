#!/usr/bin/env python3
"""An installed sgkpi links cleanly with nothing but pkg-config.

usage: check_install.py MESON BUILD_DIR SOURCE_HEADER MINIMAL_C FROM TO
                        FILE... -- CC [CC_ARGS...]

Installs the build into a temporary staging directory (meson install
--destdir --no-rebuild), then, with PKG_CONFIG_PATH pointing into it and
PKG_CONFIG_SYSROOT_DIR at it, compiles examples/c/minimal.c twice:

  shared:  CC minimal.c $(pkg-config --cflags --libs sgkpi)
  static:  CC -static minimal.c $(pkg-config --static --cflags --libs sgkpi)

runs both on the fixture FILEs and checks that every indicator's value is
exactly the one the installed sgkpi-report prints in its JSON.  Also checks
that the installed header is the source header, that the shared program
needs the soname libsgkpi.so.0 and loads it from the staging directory,
and that the static one does not need libsgkpi at all.

Exit status 0 on success, 1 on a failure, 77 (skipped) when pkg-config is
not installed.
"""
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

failures = []
passes = []


def log(msg):
    print(msg, flush=True)


def check(ok, what):
    log(("ok    " if ok else "FAIL  ") + what)
    (passes if ok else failures).append(what)
    return ok


def run(cmd, env=None, cwd=None):
    log("$ " + shlex.join(cmd))
    return subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def parse_minimal(text):
    out = {}
    for line in text.splitlines():
        ind, value = line.split()
        out[ind] = None if value == "-" else float(value)
    return out


def needed(binary):
    """DT_NEEDED entries, or None when readelf is missing."""
    readelf = shutil.which("readelf")
    if not readelf:
        return None
    p = subprocess.run([readelf, "-d", binary], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return [line.split("[", 1)[1].rstrip("]")
            for line in p.stdout.splitlines() if "(NEEDED)" in line]


def main(argv):
    if "--" not in argv or argv.index("--") < 8:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    sep = argv.index("--")
    meson, build, header, minimal_c, period_from, period_to = argv[1:7]
    files = argv[7:sep]
    cc = argv[sep + 1:]
    pkg_config = os.environ.get("PKG_CONFIG") or shutil.which("pkg-config")
    if not pkg_config or not shutil.which(pkg_config):
        log("SKIP: pkg-config is not installed")
        return 77

    with tempfile.TemporaryDirectory(prefix="sgkpi-install-") as tmp:
        stage = os.path.join(tmp, "stage")
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        p = run(shlex.split(meson) + ["install", "-C", build, "--destdir",
                                      stage, "--no-rebuild"])
        if not check(p.returncode == 0, "meson install --destdir"):
            log(p.stdout + p.stderr)
            return 1

        pcs = glob.glob(os.path.join(stage, "**", "pkgconfig", "sgkpi.pc"),
                        recursive=True)
        if not check(len(pcs) == 1, f"one sgkpi.pc installed: {pcs}"):
            return 1
        pcdir = os.path.dirname(pcs[0])
        env = dict(os.environ)
        for var in ("LD_LIBRARY_PATH", "SGKPI_LIBRARY", "CPATH",
                    "C_INCLUDE_PATH", "LIBRARY_PATH"):
            env.pop(var, None)
        env.update(PKG_CONFIG_PATH=pcdir, PKG_CONFIG_LIBDIR=pcdir,
                   PKG_CONFIG_SYSROOT_DIR=stage)

        def pkg(*args):
            q = run([pkg_config] + list(args) + ["sgkpi"], env=env)
            check(q.returncode == 0, "pkg-config " + " ".join(args))
            return shlex.split(q.stdout)

        def staged(var):
            # pkgconf applies the sysroot to variables, pkg-config 0.29
            # does not
            path = pkg("--variable=" + var)[0]
            return path if path.startswith(stage) else stage + path

        libdir = staged("libdir")
        includedir = staged("includedir")
        cflags_libs = pkg("--cflags", "--libs")
        static_flags = pkg("--static", "--cflags", "--libs")
        check(any(f.startswith("-L" + stage) for f in cflags_libs),
              f"pkg-config points into the staging directory: {cflags_libs}")
        check("-lcsv" in static_flags,
              f"pkg-config --static adds -lcsv: {static_flags}")

        with open(header, "rb") as a, \
                open(os.path.join(includedir, "sgkpi.h"), "rb") as b:
            check(a.read() == b.read(), "installed sgkpi.h is the source's")

        # The reference: the installed CLI, run on the installed library.
        run_env = dict(env, LD_LIBRARY_PATH=libdir)
        report = os.path.join(staged("prefix"), "bin", "sgkpi-report")
        p = run([report, "--from", period_from, "--to", period_to,
                 "--format", "json", "--quiet"] + files, env=run_env)
        if not check(p.returncode == 0, "installed sgkpi-report runs"):
            log(p.stderr)
            return 1
        expected = {ind["id"]: ind["value"]
                    for ind in json.loads(p.stdout)["indicators"]}

        src = os.path.join(work, "minimal.c")
        shutil.copy(minimal_c, src)
        strict = ["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror"]
        builds = [
            ("shared", cc + strict + [src] + cflags_libs +
             ["-o", os.path.join(work, "minimal-shared")]),
            ("static", cc + strict + ["-static", src] + static_flags +
             ["-o", os.path.join(work, "minimal-static")]),
        ]
        for kind, cmd in builds:
            exe = cmd[-1]
            p = run(cmd, env=env, cwd=work)
            if not check(p.returncode == 0, f"{kind}: minimal.c compiles "
                         "and links with pkg-config's flags only"):
                log(p.stdout + p.stderr)
                continue
            deps = needed(exe)
            if kind == "shared":
                if deps is not None:
                    check("libsgkpi.so.0" in deps,
                          f"shared: needs the soname libsgkpi.so.0: {deps}")
                ldd = shutil.which("ldd")
                if ldd:
                    q = run([ldd, exe], env=run_env)
                    line = [x for x in q.stdout.splitlines()
                            if "libsgkpi" in x]
                    check(bool(line) and stage in line[0],
                          f"shared: loads the staged library: {line}")
                exe_env = run_env
            else:
                if deps is not None:
                    check(not any("sgkpi" in d for d in deps),
                          f"static: does not need libsgkpi: {deps}")
                exe_env = env  # no LD_LIBRARY_PATH: nothing to find
            p = run([exe, period_from, period_to] + files, env=exe_env)
            if not check(p.returncode == 0, f"{kind}: minimal runs"):
                log(p.stdout + p.stderr)
                continue
            got = parse_minimal(p.stdout)
            check(got == expected,
                  f"{kind}: {len(got)} values equal to the CLI's JSON")
            if got != expected:
                for k in sorted(set(got) | set(expected)):
                    if got.get(k, "missing") != expected.get(k, "missing"):
                        log(f"      {k}: minimal {got.get(k, 'missing')}, "
                            f"CLI {expected.get(k, 'missing')}")

    log(f"{len(passes)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
