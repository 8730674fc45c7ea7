#!/usr/bin/env bash
# Short fuzz run for CI: each libFuzzer target for SECONDS (default 30),
# starting from the seed corpus and the kept regressions.
#
#   fuzz/run-short.sh [SECONDS] [BUILD_DIR]
#
# BUILD_DIR (default build-fuzz at the top of the tree) is configured with
# clang, -Dfuzz=true and ASan+UBSan if it does not exist yet.  Exits 0 when
# clang (or its libFuzzer runtime) is missing, after saying so; exits 1 if
# any target crashed, leaked, timed out or ran out of memory, leaving the
# inputs in BUILD_DIR/fuzz-findings/ to be kept as regressions.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
secs=${1:-30}
build=${2:-build-fuzz}
targets="ingest sidefiles engine"

if ! command -v clang >/dev/null 2>&1; then
    echo "run-short: clang not found; skipping the fuzz run"
    exit 0
fi

if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzz=true -Dtests=false \
        -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || {
        echo "run-short: meson setup with clang failed" >&2
        exit 1
    }
fi
meson compile -C "$build" >/dev/null || {
    echo "run-short: the fuzz build failed" >&2
    exit 1
}
for t in $targets; do
    if [ ! -x "$build/fuzz/fuzz_$t" ]; then
        echo "run-short: $build/fuzz/fuzz_$t was not built (no libFuzzer" \
             "runtime for this clang?); skipping the fuzz run"
        exit 0
    fi
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
work=$(mktemp -d "${TMPDIR:-/tmp}/sgkfuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
findings="$root/$build/fuzz-findings"
case $build in /*) findings="$build/fuzz-findings" ;; esac

for t in $targets; do
    mkdir -p "$work/$t/corpus" "$work/$t/out"
    cp fuzz/corpus/"$t"/* "$work/$t/corpus/"
    if [ -d "fuzz/regressions/$t" ]; then
        cp fuzz/regressions/"$t"/* "$work/$t/corpus/" 2>/dev/null || true
    fi
    echo "run-short: fuzz_$t for ${secs}s"
    "$build/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 \
        -timeout=10 -dict=fuzz/sgkpi.dict -print_final_stats=1 \
        -artifact_prefix="$work/$t/out/" "$work/$t/corpus" \
        >"$work/$t/log" 2>&1
    rc=$?
    grep -a -E '^stat::(number_of_executed_units|average_exec_per_sec)' \
        "$work/$t/log" | sed 's/^/    /'
    grep -a -E '^#[0-9]+[[:space:]]+DONE' "$work/$t/log" | sed 's/^/    /'
    found=$(ls "$work/$t/out" 2>/dev/null)
    if [ $rc -ne 0 ] || [ -n "$found" ]; then
        status=1
        mkdir -p "$findings/$t"
        cp "$work/$t/out/"* "$findings/$t/" 2>/dev/null
        cp "$work/$t/log" "$findings/$t/log.txt"
        echo "run-short: fuzz_$t FOUND A PROBLEM (exit $rc); inputs and log" \
             "in $findings/$t/:" >&2
        grep -a -E 'ERROR|SUMMARY|invariant broken' "$work/$t/log" | head -5 >&2
    fi
done

if [ $status -eq 0 ]; then
    echo "run-short: nothing found"
fi
exit $status
