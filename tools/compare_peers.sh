#!/usr/bin/env bash
# Times panhuo against its peers on one generated county, in one run, and checks that they agree.
#
#   tools/compare_peers.sh [--scale 0.2] [--seed 1] [--as-of 2021-12-31] [--data DIR]
#                          [--no-postgis] [--no-geopandas] [--no-targets] [--report FILE.csv] [--keep]
#
# (d) the I/O floor: build/panhuo_read_floor, every feature and geometry of the GeoPackage read
#     through GDAL's Arrow stream, nothing else (bench/read_floor.hpp);
# (a) panhuo scan (every determination, written to a GeoPackage);
# (b) PostGIS (Debian's postgresql-15 + postgresql-15-postgis-3): a throwaway cluster on a Unix
#     socket in a temp dir, run as user nobody; load with ogr2ogr + GiST indexes + ANALYZE
#     (timed as "load"), then bench/peers/postgis_scan.sql (timed as "query");
# (c) GeoPandas (Debian's python3-geopandas): bench/peers/geopandas_scan.py, read + compute.
# Peers compute only the two area determinations, area(a − ∪S(T)) per approval and
# area(s ∩ ∪B(T)) per supply; panhuo's run does all of its work, so ratios favour the peers.
# Wall time and peak RSS of each come from /usr/bin/time; the file is read once before
# (warm page cache for all). Then bench/peers/check_areas.py checks every peer's per-feature
# areas against panhuo's `unsupplied` and `supply_status` layers (1e-6 ha or 1e-6 relative):
# exit 1, loudly, when they disagree or a step fails; exit 2 on bad arguments.
# Then (unless --no-targets) the speed targets on the same county, side by side, median of 3
# (tools/target_ratios.py): scan/floor, peak/input, overlay phases 1 -> 2 threads,
# timeline/scan, one more scenario variant in ms.
# Packages missing for an enabled peer are installed with apt-get (as tools/setup.sh does).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale=0.2 seed=1 as_of=2021-12-31 data=/tmp/panhuo-peers report="" keep=0
with_postgis=1 with_geopandas=1 with_targets=1
usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --as-of) as_of="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    --no-postgis) with_postgis=0; shift ;;
    --no-geopandas) with_geopandas=0; shift ;;
    --no-targets) with_targets=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    *) echo "compare_peers: unknown argument '$1'" >&2; usage ;;
  esac
done
die() { echo "compare_peers: error: $*" >&2; exit 1; }
py=/usr/bin/python3  # Debian's, where python3-geopandas lives (not a pyenv or venv python)

# --- what is needed ------------------------------------------------------------------------
need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in time gdal-bin python3; do have "$p" || need+=("$p"); done
if ((with_postgis)); then
  for p in postgresql-15 postgresql-15-postgis-3; do have "$p" || need+=("$p"); done
fi
if ((with_geopandas)); then
  for p in python3-geopandas python3-rtree; do have "$p" || need+=("$p"); done
fi
if ((${#need[@]})); then
  echo "compare_peers: installing ${need[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  { $sudo_cmd apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; } ||
    die "cannot install ${need[*]} (run with --no-postgis / --no-geopandas on a machine without them)"
fi
panhuo="$here/build/panhuo" floor_bin="$here/build/panhuo_read_floor"
if [ ! -x "$panhuo" ] || [ ! -x "$floor_bin" ]; then
  echo "compare_peers: building panhuo and panhuo_read_floor" >&2
  cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$here/build" -j "${PANHUO_JOBS:-$(nproc)}" --target panhuo panhuo_read_floor >/dev/null
fi

# --- the county, the work dir ----------------------------------------------------------------
mkdir -p "$data"
county="$data/county_s${scale}_seed${seed}.gpkg"
if [ ! -f "$county" ]; then
  echo "compare_peers: generating $county" >&2
  "$panhuo" generate --scale "$scale" --seed "$seed" -o "$county" -q || die "cannot generate $county"
fi
work="$(mktemp -d /tmp/panhuo-peers-run.XXXXXX)"
pg_pid=""
cleanup() {
  if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
    runuser -u nobody -- /usr/lib/postgresql/15/bin/pg_ctl -D "$work/pg/data" stop -m immediate >/dev/null 2>&1 || true
    wait "$pg_pid" 2>/dev/null || true
  fi
  if ((keep)); then echo "compare_peers: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# measure NAME CMD...: runs CMD under /usr/bin/time; its stdout in $work/NAME.out.
measure() {
  local name="$1"; shift
  if ! /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
    cat "$work/$name.err" >&2
    die "step '$name' failed: $*"
  fi
}
wall() { awk '{print $1}' "$work/$1.time" | tail -1; }
rss_kb() { awk '{print $2}' "$work/$1.time" | tail -1; }
# rows of the result table: name wall_s peak_kb
rows=()
row() { rows+=("$1 $2 $3"); }

cat "$county" >/dev/null  # warm page cache, the same for everyone
input_mb=$(awk -v b="$(stat -L -c %s "$county")" 'BEGIN{printf "%.1f", b/1e6}')
echo "compare_peers: $county ($input_mb MB), as of $as_of, work dir $work" >&2

# (d) the I/O floor
measure floor "$floor_bin" "$county"
row "gdal_read_floor" "$(wall floor)" "$(rss_kb floor)"
features=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["features"])' "$work/floor.out")

# (a) panhuo
measure panhuo "$panhuo" scan "$county" --as-of "$as_of" -o "$work/panhuo.gpkg" --overwrite --summary json
row "panhuo_scan" "$(wall panhuo)" "$(rss_kb panhuo)"
phases=$("$py" -c 'import json,sys; s=json.load(open(sys.argv[1]))["seconds"]; print(" ".join(f"{k} {s[k]:.3f}" for k in ("read","index","scan","write","total")))' "$work/panhuo.out")
echo "compare_peers: panhuo phases (s): $phases" >&2

checks=()
# (b) PostGIS
if ((with_postgis)); then
  pgbin=/usr/lib/postgresql/15/bin
  mkdir -p "$work/pg" && chown nobody "$work/pg"
  chmod 755 "$work"
  runuser -u nobody -- "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; die "initdb failed"; }
  port=54329
  # In the foreground under /usr/bin/time, so that its peak RSS (the largest server process,
  # backends included: the postmaster waits for them) is known when it stops.
  runuser -u nobody -- /usr/bin/time -f "%e %M" -o "$work/pg/server.time" "$pgbin/postgres" -D "$work/pg/data" \
    -k "$work/pg" -p "$port" -c listen_addresses='' -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB -c maintenance_work_mem=256MB \
    >"$work/pg/server.log" 2>&1 &
  pg_pid=$!
  for _ in $(seq 1 100); do
    "$pgbin/pg_isready" -q -h "$work/pg" -p "$port" && break
    sleep 0.2
  done
  "$pgbin/pg_isready" -q -h "$work/pg" -p "$port" || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
  conn="host=$work/pg port=$port user=postgres dbname=postgres"
  psql_q() { psql "$conn" -X -q -v ON_ERROR_STOP=1 "$@"; }
  psql_q -c "CREATE EXTENSION postgis" >/dev/null || die "CREATE EXTENSION postgis failed"
  measure postgis_load bash -c '
    ogr2ogr -f PostgreSQL "PG:$1" "$2" approvals supplies construction \
      -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -lco FID=fid -gt 100000 &&
    psql "$1" -X -q -v ON_ERROR_STOP=1 -f "$3"' _ "$conn" "$county" "$here/bench/peers/postgis_prepare.sql"
  measure postgis_query psql "$conn" -X -q -v ON_ERROR_STOP=1 -v asof="$as_of" -f "$here/bench/peers/postgis_scan.sql"
  psql_q -c "\\copy peer_unsupplied TO '$work/postgis_unsupplied.csv' CSV HEADER"
  psql_q -c "\\copy peer_built TO '$work/postgis_built.csv' CSV HEADER"
  runuser -u nobody -- "$pgbin/pg_ctl" -D "$work/pg/data" stop -m fast >/dev/null
  wait "$pg_pid" || true
  pg_pid=""
  server_kb=$(awk '{print $2}' "$work/pg/server.time" | tail -1)
  load_s=$(wall postgis_load) query_s=$(wall postgis_query)
  row "postgis_load" "$load_s" "$(rss_kb postgis_load)"
  row "postgis_query" "$query_s" "$server_kb"
  row "postgis_total" "$(awk -v a="$load_s" -v b="$query_s" 'BEGIN{printf "%.2f", a+b}')" "$server_kb"
  checks+=("postgis $work/postgis_unsupplied.csv $work/postgis_built.csv")
fi

# (c) GeoPandas
if ((with_geopandas)); then
  measure geopandas "$py" "$here/bench/peers/geopandas_scan.py" "$county" "$as_of" "$work"
  row "geopandas" "$(wall geopandas)" "$(rss_kb geopandas)"
  split=$("$py" -c 'import json,sys; d=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); r, c = d["read_s"], d["compute_s"]; print(f"read {r:.2f} s, compute {c:.2f} s")' "$work/geopandas.out")
  echo "compare_peers: geopandas $split" >&2
  checks+=("geopandas $work/geopandas_unsupplied.csv $work/geopandas_built.csv")
fi

# --- the table -------------------------------------------------------------------------------
floor_s=$(wall floor) panhuo_s=$(wall panhuo)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
echo
echo "county scale $scale seed $seed: $features features, $input_mb MB; as of $as_of; $cpu, $(nproc) cores"
printf '%-16s %10s %10s %12s %14s %16s\n' tool wall_s peak_MB x_read_floor x_panhuo_time peak_per_input
csv="tool,wall_s,peak_mb,x_read_floor,x_panhuo_time,peak_per_input"
for r in "${rows[@]}"; do
  read -r name s kb <<<"$r"
  line=$(awk -v n="$name" -v s="$s" -v kb="$kb" -v f="$floor_s" -v p="$panhuo_s" -v in_mb="$input_mb" 'BEGIN{
    fs = (f > 0) ? s / f : 0; ps = (p > 0) ? s / p : 0; mb = kb / 1024;
    printf "%s %.2f %.1f %.1f %.2f %.2f", n, s, mb, fs, ps, mb / in_mb }')
  read -r n s mb fs ps pi <<<"$line"
  printf '%-16s %10s %10s %12s %14s %16s\n' "$n" "$s" "$mb" "$fs" "$ps" "$pi"
  csv+=$'\n'"$n,$s,$mb,$fs,$ps,$pi"
done
echo "(x_read_floor: wall / the GDAL read floor's; x_panhuo_time: wall / panhuo's, i.e. how many times"
echo " slower than panhuo; postgis peak is the largest server process over load and query)"
[ -n "$report" ] && printf '%s\n' "$csv" >"$report" && echo "wrote $report"
if ((with_targets)); then
  echo
  "$py" "$here/tools/target_ratios.py" "$county" --as-of "$as_of" --runs 3 2>/dev/null ||
    die "tools/target_ratios.py failed"
fi

# --- agreement -------------------------------------------------------------------------------
status=0
for c in "${checks[@]}"; do
  read -r name unsupplied built <<<"$c"
  if "$py" "$here/bench/peers/check_areas.py" "$work/panhuo.gpkg" "$name" "$unsupplied" "$built"; then
    echo "compare_peers: $name agrees with panhuo"
  else
    echo "compare_peers: FAILED: $name's areas disagree with panhuo's" >&2
    status=1
  fi
done
exit "$status"
