#!/usr/bin/env bash
# libFuzzer on the reader: tests/fuzz/wkb_fuzz.cpp (any bytes as a feature's WKB) and
# tests/fuzz/gpkg_fuzz.cpp (a generated GeoPackage with bytes written over it), built with
# clang, ASan and UBSan into build-san/ (see tools/sanitize.sh).
#   tools/fuzz.sh TARGET SECONDS     e.g. tools/fuzz.sh wkb_fuzz 600
# The corpus grows in build-san/fuzz/corpus-TARGET; a crash, leak or hang (-timeout) is written
# to build-san/fuzz/ and ends the run with a non-zero status.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/sanitizer_build.sh"
target="${1:?usage: tools/fuzz.sh wkb_fuzz|gpkg_fuzz SECONDS}"
seconds="${2:-600}"
san_build "$target"
corpus="$build/fuzz/corpus-$target"
mkdir -p "$corpus"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build/fuzz"
# one job: the machine is shared; -rss_limit_mb catches a count that allocates without bound
seeds="$here/tests/fuzz/seeds/$target"
[ -d "$seeds" ] || seeds=""
nice -n 10 "./$target" "$corpus" $seeds -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
  -max_len=4096 -print_final_stats=1
