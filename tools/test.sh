#!/usr/bin/env bash
# Set-up (installs what is missing, builds), then every test: the unit and corpus tests through
# CTest, the end-to-end CLI checks, and the performance guard.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/tools/setup.sh"
cd "$here/build"
ctest --output-on-failure -j "${PANHUO_JOBS:-$(nproc)}"
if [ -x "$here/tools/perf_guard.sh" ]; then
  bash "$here/tools/perf_guard.sh"
fi
