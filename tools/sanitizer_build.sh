# Sourced by tools/sanitize.sh and tools/fuzz.sh: configures build-san/ (clang, ASan + UBSan,
# libFuzzer's coverage hooks, jemalloc off) the same way for both, since they share the folder
# (a difference would make each reconfigure and rebuild everything). Sets $here and $build and
# defines san_build TARGET... .
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build-san"
san_build() {
  local flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$flags -fsanitize=fuzzer-no-link" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DPANHUO_USE_JEMALLOC=OFF -DPANHUO_BUILD_BENCH=OFF -DPANHUO_BUILD_FUZZ=ON >/dev/null
  cmake --build "$build" -j "${PANHUO_JOBS:-2}" --target "$@"
}
