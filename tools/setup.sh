#!/usr/bin/env bash
# Installs whatever panhuo needs that is missing (Debian 12 packages), then builds into build/.
# Idempotent: when everything is present it only runs the (incremental) build.
#   tools/setup.sh            build the CLI, tests and benchmarks
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(g++ cmake ninja-build ccache pkg-config libboost-dev libtbb-dev libeigen3-dev
          libgdal-dev gdal-bin libgeos-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libxlsxwriter-dev libsqlite3-dev
          libgtest-dev libbenchmark-dev libjemalloc-dev python3 libopenmpi-dev openmpi-bin
          chromium libjs-leaflet libjs-chart.js fonts-noto-cjk qgis python3-qgis qgis-providers)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "panhuo setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
jobs="${PANHUO_JOBS:-$(nproc)}"
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$here/build" -j "$jobs"
