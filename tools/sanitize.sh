#!/usr/bin/env bash
# The tests under AddressSanitizer and UndefinedBehaviorSanitizer: clang, jemalloc off, in a
# build folder of its own (build-san/, shared with tools/fuzz.sh: its code is also built with
# libFuzzer's coverage hooks). Any report fails the run.
#   tools/sanitize.sh              build, then run every test (about a minute; the build, from
#                                  nothing, about 15 minutes on two cores)
#   tools/sanitize.sh FILTER       build, then run the gtest filter FILTER
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/sanitizer_build.sh"
filter="${1:-*}"
san_build panhuo panhuo_tests
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export PANHUO_CLI="$build/panhuo"
start=$(date +%s)
if [ "$filter" = "*" ]; then
  "$build/tests/panhuo_tests" --gtest_filter="-Batch.*"
  # Open MPI's components allocate at MPI_Init and are unloaded before exit, so LeakSanitizer
  # reports their memory from an unknown module in every process mpirun starts: the batch tests
  # run with ASan and UBSan but without leak detection.
  ASAN_OPTIONS="${ASAN_OPTIONS/detect_leaks=1/detect_leaks=0}" "$build/tests/panhuo_tests" --gtest_filter="Batch.*"
else
  "$build/tests/panhuo_tests" --gtest_filter="$filter"
fi
echo "sanitize: tests passed under ASan + UBSan in $(( $(date +%s) - start )) s (filter '$filter')"
