#!/usr/bin/env bash
# How panhuo scan grows with the county: scales 0.1, 1, 3 and 10 (generated when missing, cached
# in --data), each timed against the GDAL read floor of the same file (build/panhuo_read_floor,
# every feature and geometry through the Arrow stream). Wall time and peak RSS from /usr/bin/time.
#
#   tools/scaling.sh [--data /tmp/panhuo-scaling] [--scales "0.1 1 3 10"] [--seed 1]
#                    [--as-of 2021-12-31] [--repeat 1] [--csv bench/scaling.csv] [--png bench/scaling.png]
#                    [--targets bench/targets.csv] [--no-targets]
#
# With --repeat N each scale is timed N times (floor and scan alternating) and the median run of
# each is kept (the scan's phases are those of its median run). Writes the CSV (one row a scale: features, input size, floor and scan wall time and peak RSS,
# the scan's phases, the ratios) and a PNG plot of it (python3-matplotlib). Each file is read
# once before it is timed (warm page cache). Then, per scale, the speed targets side by side
# (tools/target_ratios.py, median of --repeat: scan/floor, peak/input, overlay phases 1 -> 2
# threads, timeline/scan, one more scenario variant in ms), printed and written to --targets.
# Exit 1 when a step fails, 2 on bad arguments.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data=/tmp/panhuo-scaling scales="0.1 1 3 10" seed=1 as_of=2021-12-31 repeat=1
csv="$here/bench/scaling.csv" png="$here/bench/scaling.png"
targets="$here/bench/targets.csv" with_targets=1
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --scales) scales="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --as-of) as_of="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --csv) csv="$2"; shift 2 ;;
    --png) png="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --no-targets) with_targets=0; shift ;;
    -h|--help) usage ;;
    *) echo "scaling: unknown argument '$1'" >&2; usage ;;
  esac
done
die() { echo "scaling: error: $*" >&2; exit 1; }
py=/usr/bin/python3  # Debian's, where python3-matplotlib lives
need=()
for p in time python3-matplotlib; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  { $sudo_cmd apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } ||
    die "cannot install ${need[*]}"
fi
panhuo="$here/build/panhuo" floor_bin="$here/build/panhuo_read_floor"
if [ ! -x "$panhuo" ] || [ ! -x "$floor_bin" ]; then
  cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$here/build" -j "${PANHUO_JOBS:-$(nproc)}" --target panhuo panhuo_read_floor >/dev/null
fi
mkdir -p "$data"
work="$(mktemp -d /tmp/panhuo-scaling-run.XXXXXX)"
trap 'rm -rf "$work"' EXIT

timed() {  # timed NAME CMD...: /usr/bin/time into $work/NAME.time, stdout into $work/NAME.out
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" ||
    { cat "$work/$name.err" >&2; die "'$*' failed"; }
}

commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
header="scale,seed,runs,features,construction,input_mb,floor_s,floor_peak_mb,scan_s,scan_peak_mb,read_s,index_s,overlay_rules_s,write_s,scan_per_floor,peak_per_input,overlay_fallbacks,commit,machine"
rows=()
for s in $scales; do
  county="$data/county_s${s}_seed${seed}.gpkg"
  if [ ! -f "$county" ]; then
    echo "scaling: generating $county" >&2
    "$panhuo" generate --scale "$s" --seed "$seed" -o "$county" -q || die "cannot generate $county"
  fi
  cat "$county" >/dev/null
  for i in $(seq 1 "$repeat"); do
    timed "floor.$i" "$floor_bin" "$county"
    timed "scan.$i" "$panhuo" scan "$county" --as-of "$as_of" -o "$work/out.gpkg" --overwrite --summary json
  done
  row=$("$py" - "$work" "$county" "$s" "$seed" "$commit" "$cpu, $(nproc) cores" "$repeat" <<'PY'
import json, os, sys
work, county, scale, seed, commit, machine, repeat = sys.argv[1:8]
def timing(name):
    wall, kb = open(os.path.join(work, name + ".time")).read().split()[-2:]
    return float(wall), int(kb) / 1024.0
def median_run(kind):  # (wall, peak MB, parsed stdout) of the run with the median wall time
    runs = sorted((timing(f"{kind}.{i}"), i) for i in range(1, int(repeat) + 1))
    (wall, mb), i = runs[(len(runs) - 1) // 2]
    return wall, mb, json.load(open(os.path.join(work, f"{kind}.{i}.out")))
fs, fm, floor = median_run("floor")
ss, sm, scan = median_run("scan")
mb = os.path.getsize(county) / 1e6
cons = next(l["features"] for l in floor["layers"] if l["name"] == "construction")
ph = scan["seconds"]
print(",".join([scale, seed, repeat, str(floor["features"]), str(cons), f"{mb:.1f}", f"{fs:.2f}", f"{fm:.1f}",
                f"{ss:.2f}", f"{sm:.1f}", f"{ph['read']:.3f}", f"{ph['index']:.3f}", f"{ph['scan']:.3f}",
                f"{ph['write']:.3f}", f"{ss / fs:.1f}", f"{sm * 1048576 / 1e6 / mb:.2f}",
                str(scan["overlay_fallbacks"]), commit, '"' + machine + '"']))
PY
)
  echo "scaling: $row" >&2
  rows+=("$row")
done
{ echo "$header"; printf '%s\n' "${rows[@]}"; } >"$csv"
if ((with_targets)); then
  rm -f "$targets"
  for s in $scales; do
    echo "scaling: targets at scale $s" >&2
    "$py" "$here/tools/target_ratios.py" "$data/county_s${s}_seed${seed}.gpkg" --as-of "$as_of" \
      --runs "$repeat" --csv "$targets" 2>/dev/null | sed "s/^targets:/targets at scale $s:/" ||
      die "tools/target_ratios.py failed at scale $s"
  done
  echo "wrote $targets"
fi
"$py" "$here/bench/plot_scaling.py" "$csv" "$png"
echo "wrote $csv and $png"
column -s, -t <"$csv" | cut -c1-200
