#!/usr/bin/env bash
# What a provincial run costs per county: K generated counties at one scale (cached in --data),
# each scanned alone with `panhuo scan`, then all of them with `panhuo batch` in one process and
# under `mpirun -np P`. Prints per county the scan's wall time and the seconds batch recorded,
# then the batch wall times and the overhead per county (batch wall / K − mean county seconds).
#
#   tools/batch_bench.sh [--scale 0.1] [--counties 4] [--np 3] [--data /tmp/panhuo-batch-bench]
#
# Exit 1 when a step fails, 2 on bad arguments.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale=0.1 counties=4 np=3 data=/tmp/panhuo-batch-bench
while (($#)); do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --counties) counties="$2"; shift 2 ;;
    --np) np="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
panhuo="$here/build/panhuo"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
dir="$data/scale-$scale"
mkdir -p "$dir"
now() { date +%s.%N; }
list="$dir/list.csv"
echo "county_code,county_name,input" >"$list"
for ((k = 1; k <= counties; ++k)); do
  code=$(printf "3202%02d" "$k")
  [ -f "$dir/$code.gpkg" ] || "$panhuo" generate --scale "$scale" --seed "$k" --county-code "$code" -q -o "$dir/$code.gpkg"
  echo "$code,county $k,$code.gpkg" >>"$list"
done
echo "scale $scale, $counties counties, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
total_scan=0
for ((k = 1; k <= counties; ++k)); do
  code=$(printf "3202%02d" "$k")
  cat "$dir/$code.gpkg" >/dev/null  # warm page cache, as for batch
  t0=$(now); "$panhuo" scan "$dir/$code.gpkg" --as-of 2021-12-31 -q --overwrite -o "$dir/single-$code.gpkg"; t1=$(now)
  s=$(echo "$t1 - $t0" | bc -l); total_scan=$(echo "$total_scan + $s" | bc -l)
  printf "  scan %s: %.2f s, %s MB\n" "$code" "$s" "$(($(stat -c %s "$dir/$code.gpkg") / 1000000))"
done
county_seconds() {  # mean of the seconds the batch recorded per county
  python3 -c 'import json,sys; v=[json.load(open(f))["outcome"]["seconds"] for f in sys.argv[1:]]; print(sum(v)/len(v))' "$1"/*.run.json
}
rm -rf "$dir/out-plain" "$dir/out-mpi"
t0=$(now); "$panhuo" batch "$list" -o "$dir/out-plain" --as-of 2021-12-31 -q; t1=$(now)
plain=$(echo "$t1 - $t0" | bc -l); mean=$(county_seconds "$dir/out-plain")
t0=$(now); mpirun -np "$np" --oversubscribe "$panhuo" batch "$list" -o "$dir/out-mpi" --as-of 2021-12-31 -q --threads 1; t1=$(now)
mpi=$(echo "$t1 - $t0" | bc -l); mean_mpi=$(county_seconds "$dir/out-mpi")
t0=$(now); mpirun -np "$np" --oversubscribe true; t1=$(now)
start=$(echo "$t1 - $t0" | bc -l)
printf "mean scan %.3f s; batch, one process: %.2f s wall, %.3f s a county recorded, overhead %.3f s a county\n" \
  "$(echo "$total_scan / $counties" | bc -l)" "$plain" "$mean" "$(echo "$plain / $counties - $mean" | bc -l)"
printf "batch, mpirun -np %s --threads 1: %.2f s wall, %.3f s a county recorded; mpirun start alone %.2f s\n" \
  "$np" "$mpi" "$mean_mpi" "$start"
