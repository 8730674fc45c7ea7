#!/usr/bin/env bash
# `meson test --benchmark`: the noise-free instruction-count comparison on
# the fixed 100k-row generated set, against the recorded baseline ratio.
# Not part of the test suite: it needs valgrind and takes a minute.
set -euo pipefail
gen=$1 bench=$2 report=$3 baseline=$4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gen" --out "$dir" --children 28000 --text --quiet
"$bench" --repeat 1 --callgrind "$report" --baseline "$baseline" "$dir"/*.csv
