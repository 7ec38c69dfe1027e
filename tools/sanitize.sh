#!/usr/bin/env bash
# The tests under AddressSanitizer and UndefinedBehaviorSanitizer: clang, jemalloc off, in a
# build folder of its own (build-san/, shared with tools/fuzz.sh: its code is also built with
# libFuzzer's coverage hooks). Any report fails the run.
#   tools/sanitize.sh              build, then run every test (about a minute; the build, from
#                                  nothing, about 15 minutes on two cores)
#   tools/sanitize.sh FILTER       build, then run the gtest filter FILTER
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build-san"
jobs="${PANHUO_JOBS:-2}"
filter="${1:-*}"
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$flags -fsanitize=fuzzer-no-link" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DPANHUO_USE_JEMALLOC=OFF -DPANHUO_BUILD_BENCH=OFF -DPANHUO_BUILD_FUZZ=ON >/dev/null
cmake --build "$build" -j "$jobs" --target panhuo panhuo_tests
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export PANHUO_CLI="$build/panhuo"
start=$(date +%s)
"$build/tests/panhuo_tests" --gtest_filter="$filter"
echo "sanitize: tests passed under ASan + UBSan in $(( $(date +%s) - start )) s (filter '$filter')"
