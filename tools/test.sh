#!/usr/bin/env bash
# Set-up (installs what is missing, builds), then every test: the performance guard, and the
# unit, corpus and end-to-end tests through CTest (its summary closes the output).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/tools/setup.sh"
bash "$here/tools/perf_guard.sh"
cd "$here/build"
ctest --output-on-failure -j "${PANHUO_JOBS:-$(nproc)}"
