#!/usr/bin/env bash
# Checks that `panhuo timeline` equals separate `panhuo scan` runs at every month end, and
# reports the time of both.
#   tools/verify_timeline.sh COUNTY.gpkg 2021-01 2021-12
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
panhuo="$here/build/panhuo"
input="$1"; from="$2"; to="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
"$panhuo" timeline "$input" --from "$from" --to "$to" -q --csv "$work/timeline.csv" > /dev/null
mid=$(date +%s.%N)
y=${from%-*}; m=$((10#${from#*-})); ty=${to%-*}; tm=$((10#${to#*-})); months=0
while [ "$y" -lt "$ty" ] || { [ "$y" -eq "$ty" ] && [ "$m" -le "$tm" ]; }; do
  end=$(date -d "$y-$(printf %02d $m)-01 +1 month -1 day" +%F)
  "$panhuo" scan "$input" --as-of "$end" -q -o "$work/scan_$end.gpkg" --csv "$work/scan_$end"
  # as_of,town_code,unsupplied_ha,idle_ha,revitalized_ha,completion,warn_* from the scan's towns table
  python3 - "$work/scan_$end/towns.csv" "$end" >> "$work/scans.csv" <<'PY'
import csv, sys
NAMES = ["unsupplied_ha", "idle_ha", "revitalized_ha", "completion", "warn_lapse_n", "warn_lapse_ha",
         "warn_idle_n", "warn_idle_ha", "warn_recover_n", "warn_recover_ha"]
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    print(",".join([sys.argv[2], r["town_code"]] + [r[k] for k in NAMES]))
PY
  months=$((months + 1)); m=$((m + 1)); if [ $m -eq 13 ]; then m=1; y=$((y + 1)); fi
done
stop=$(date +%s.%N)
python3 - "$work/timeline.csv" "$work/scans.csv" <<'PY'
import csv, sys
tl = {(r["as_of"], r["town_code"]): r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}
bad = 0
rows = 0
for line in open(sys.argv[2], encoding="utf-8-sig"):
    as_of, town, *values = line.rstrip("\n").split(",")
    t = tl[(as_of, town)]
    rows += 1
    names = ["unsupplied_ha", "idle_ha", "revitalized_ha", "completion", "warn_lapse_n", "warn_lapse_ha",
             "warn_idle_n", "warn_idle_ha", "warn_recover_n", "warn_recover_ha"]
    for name, v in zip(names, values):
        a, b = t[name], v
        if (a == "" or b == "") and a != b or a != "" and b != "" and float(a) != float(b):
            bad += 1
            if bad <= 20:
                print(f"differs: {as_of} {town} {name}: timeline {a}, scan {b}")
print(f"{rows} month-town rows compared, {bad} differences")
sys.exit(1 if bad or rows == 0 else 0)
PY
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'timeline {t:.2f} s; {int(sys.argv[4])} separate scans {s:.2f} s; ratio {s/t:.1f}x')" "$start" "$mid" "$stop" "$months"
