#!/usr/bin/env bash
# CI performance guard: panhuo scan against the GDAL read floor of the same small county, in the
# same run, so that the decision depends on no machine's absolute speed.
#
#   tools/perf_guard.sh                      check against bench/perf_baseline.json
#   tools/perf_guard.sh --update-baseline    measure and rewrite the baseline (commit it)
#   options: --scale 0.1 --seed 7 --runs 5 --factor 2.0 --baseline FILE
#
# Generates the county (scale 0.1, seed 7) into a temp dir, then alternates `panhuo scan` and
# build/panhuo_read_floor (every feature and geometry through GDAL's Arrow stream) --runs times
# and takes the median of each. Times are the programs' own (scan: "seconds.total" of its JSON
# report, read + index + overlay + write; floor: open + read), so process start-up does not
# blur the ratio. ratio = median scan / median floor. Fails (exit 1) when the ratio exceeds
# --factor (default: the baseline's tolerance_factor, 2.0) times the baseline ratio; exit 2 on
# bad arguments or a missing baseline. Takes well under 2 minutes on two cores.
# Memory guard: the peak RSS of each scan (wait4, i.e. getrusage of the child) over the input
# file's size; median over the runs; fails when it exceeds the baseline's memory_tolerance_factor
# (1.25: memory is far less noisy than time) times the baseline's peak_per_input.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale=0.1 seed=7 runs=5 factor="" update=0 as_of=2021-12-31
baseline="$here/bench/perf_baseline.json"
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case "$1" in
    --update-baseline) update=1; shift ;;
    --scale) scale="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --factor) factor="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "perf_guard: unknown argument '$1'" >&2; usage ;;
  esac
done
py=python3
command -v "$py" >/dev/null || py=/usr/bin/python3
panhuo="$here/build/panhuo" floor_bin="$here/build/panhuo_read_floor"
if [ ! -x "$panhuo" ] || [ ! -x "$floor_bin" ]; then
  echo "perf_guard: building panhuo and panhuo_read_floor" >&2
  cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$here/build" -j "${PANHUO_JOBS:-$(nproc)}" --target panhuo panhuo_read_floor >/dev/null
fi
if ((!update)) && [ ! -f "$baseline" ]; then
  echo "perf_guard: error: no baseline at $baseline; record one with tools/perf_guard.sh --update-baseline" >&2
  exit 2
fi
work="$(mktemp -d /tmp/panhuo-perf-guard.XXXXXX)"
trap 'rm -rf "$work"' EXIT
county="$work/county.gpkg"
"$panhuo" generate --scale "$scale" --seed "$seed" -o "$county" -q ||
  { echo "perf_guard: error: cannot generate the county" >&2; exit 1; }
# one unmeasured round: warm page cache and shared libraries for both
"$floor_bin" "$county" >/dev/null
"$panhuo" scan "$county" --as-of "$as_of" -o "$work/out.gpkg" --overwrite --summary json >/dev/null
# peak RUN PEAKFILE CMD...: runs CMD (stdout to RUN), its peak RSS in bytes into PEAKFILE
peak() {
  "$py" -c 'import os, subprocess, sys
p = subprocess.Popen(sys.argv[3:], stdout=open(sys.argv[1], "w"))
_, status, ru = os.wait4(p.pid, 0)
open(sys.argv[2], "w").write(str(ru.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))' "$@"
}
for i in $(seq 1 "$runs"); do
  "$floor_bin" "$county" >"$work/floor.$i.json" ||
    { echo "perf_guard: error: the read floor failed" >&2; exit 1; }
  peak "$work/scan.$i.json" "$work/peak.$i" \
    "$panhuo" scan "$county" --as-of "$as_of" -o "$work/out.gpkg" --overwrite --summary json ||
    { echo "perf_guard: error: panhuo scan failed" >&2; exit 1; }
done
"$py" - "$work" "$runs" "$baseline" "$update" "$factor" "$scale" "$seed" "$(stat -L -c %s "$county")" \
  "$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores" <<'PY'
import datetime, json, os, statistics, sys
work, runs, baseline, update, factor, scale, seed, input_bytes, commit, machine = sys.argv[1:11]
runs, update = int(runs), update == "1"
peak = statistics.median(int(open(os.path.join(work, f"peak.{i}")).read()) for i in range(1, runs + 1))
peak_ratio = peak / int(input_bytes)
floor = [json.load(open(os.path.join(work, f"floor.{i}.json")))["seconds"] for i in range(1, runs + 1)]
scans = [json.load(open(os.path.join(work, f"scan.{i}.json")))["seconds"] for i in range(1, runs + 1)]
f = statistics.median(floor)
s = statistics.median(x["total"] for x in scans)
phases = {k: statistics.median(x[k] for x in scans) for k in ("read", "index", "scan", "write")}
ratio = s / f
print(f"perf_guard: county scale {scale} seed {seed}; median of {runs}: scan {s:.3f} s "
      f"(read {phases['read']:.3f}, index {phases['index']:.3f}, overlay+rules {phases['scan']:.3f}, "
      f"write {phases['write']:.3f}), GDAL read floor {f:.3f} s; ratio scan/floor {ratio:.2f}; "
      f"peak RSS {peak / 1e6:.0f} MB, {peak_ratio:.2f} x the input's {int(input_bytes) / 1e6:.1f} MB")
if update:
    old = json.load(open(baseline)) if os.path.exists(baseline) else {}
    doc = {
        "what": "median panhuo scan wall time / median GDAL read floor wall time, same run, same county",
        "ratio": round(ratio, 3),
        "tolerance_factor": float(factor) if factor else old.get("tolerance_factor", 2.0),
        "scale": float(scale), "seed": int(seed), "runs": runs,
        "scan_s": round(s, 4), "floor_s": round(f, 4),
        "peak_per_input": round(peak_ratio, 3),
        "memory_tolerance_factor": old.get("memory_tolerance_factor", 1.25),
        "peak_mb": round(peak / 1e6, 1), "input_mb": round(int(input_bytes) / 1e6, 2),
        "recorded": datetime.date.today().isoformat(), "commit": commit, "machine": machine,
        "note": "absolute times are for information only; the guard compares ratios",
    }
    with open(baseline, "w") as out:
        json.dump(doc, out, indent=2)
        out.write("\n")
    print(f"perf_guard: wrote baseline {baseline} (ratio {ratio:.2f})")
    sys.exit(0)
base = json.load(open(baseline))
tol = float(factor) if factor else float(base.get("tolerance_factor", 2.0))
limit = tol * float(base["ratio"])
if (float(base["scale"]), int(base["seed"])) != (float(scale), int(seed)):
    print(f"perf_guard: warning: baseline was recorded at scale {base['scale']} seed {base['seed']}",
          file=sys.stderr)
if ratio > limit:
    print(f"perf_guard: FAILED: scan/floor ratio {ratio:.2f} exceeds {tol:g} x the baseline ratio "
          f"{float(base['ratio']):.2f} (limit {limit:.2f}; baseline of {base.get('recorded')}, commit "
          f"{base.get('commit')}). The scan got slower relative to reading its input: profile it "
          f"(bench/README.md), or, if the change is deliberate, run tools/perf_guard.sh "
          f"--update-baseline and commit bench/perf_baseline.json.", file=sys.stderr)
    sys.exit(1)
print(f"perf_guard: ok: ratio {ratio:.2f} <= {limit:.2f} ({tol:g} x baseline {float(base['ratio']):.2f})")
if "peak_per_input" not in base:
    print("perf_guard: warning: the baseline has no peak_per_input; memory not checked", file=sys.stderr)
    sys.exit(0)
mtol = float(base.get("memory_tolerance_factor", 1.25))
mlimit = mtol * float(base["peak_per_input"])
if peak_ratio > mlimit:
    print(f"perf_guard: FAILED: peak RSS / input size {peak_ratio:.2f} exceeds {mtol:g} x the baseline's "
          f"{float(base['peak_per_input']):.2f} (limit {mlimit:.2f}). The scan holds more memory per byte of "
          f"input than before: find what grew, or, if deliberate, run tools/perf_guard.sh --update-baseline "
          f"and commit bench/perf_baseline.json.", file=sys.stderr)
    sys.exit(1)
print(f"perf_guard: ok: peak/input {peak_ratio:.2f} <= {mlimit:.2f} ({mtol:g} x baseline {float(base['peak_per_input']):.2f})")
PY
