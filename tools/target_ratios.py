#!/usr/bin/env python3
"""The speed targets of one county, measured side by side in one run (median of --runs).

  tools/target_ratios.py COUNTY [--runs 3] [--as-of 2021-12-31] [--build build] [--csv FILE]
                         [--no-timeline] [--no-scenario]

  scan/floor      panhuo scan end to end (its own seconds.total) over build/panhuo_read_floor
                  (every feature and geometry through GDAL's Arrow stream), alternating;
  peak/input      peak RSS of the scan (wait4) over the input file's size;
  threads 1->2    the overlay-and-rules phases (seconds.scan) with --threads 1 over --threads 2;
  timeline/scan   panhuo timeline of the 12 months of the as-of year (wall) over one scan (wall);
  variant_ms      one more scenario variant (datasets/scenarios/conservative.toml, zones built,
                  its cleared parcels new): 1000 / variants_per_second_fresh of --repeat 5.
Prints the figures of every run and the medians; --csv appends one row (header when new).
Exit 1 when a command fails, 2 on bad arguments.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    """(wall seconds, peak RSS in bytes, stdout) of one command; exits 1 when it fails."""
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        err = p.stderr.read().decode(errors="replace")
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"target_ratios: error: {' '.join(cmd)} exited {code}: {err.strip()[-400:]}")
        out.seek(0)
        return wall, ru.ru_maxrss * 1024, out.read().decode()


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("county")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--as-of", default="2021-12-31")
    ap.add_argument("--build", default=os.path.join(here, "build"))
    ap.add_argument("--csv")
    ap.add_argument("--no-timeline", action="store_true")
    ap.add_argument("--no-scenario", action="store_true")
    a = ap.parse_args()
    panhuo, floor_bin = os.path.join(a.build, "panhuo"), os.path.join(a.build, "panhuo_read_floor")
    year = a.as_of[:4]
    work = tempfile.mkdtemp(prefix="panhuo-targets.")
    out = os.path.join(work, "out.gpkg")
    scan = [panhuo, "scan", a.county, "--as-of", a.as_of, "-o", out, "--overwrite", "--summary", "json"]
    rows = []
    run([floor_bin, a.county])  # warm page cache and libraries
    for i in range(a.runs):
        r = {}
        _, _, f = run([floor_bin, a.county])
        r["floor_s"] = json.loads(f)["seconds"]
        wall, peak, s = run(scan)
        sec = json.loads(s)["seconds"]
        r.update(scan_s=sec["total"], scan_wall_s=wall, peak_mb=peak / 1e6, overlay_s=sec["scan"])
        r["overlay_1t_s"] = json.loads(run(scan + ["--threads", "1"])[2])["seconds"]["scan"]
        r["overlay_2t_s"] = json.loads(run(scan + ["--threads", "2"])[2])["seconds"]["scan"]
        if not a.no_timeline:
            r["timeline_s"] = run([panhuo, "timeline", a.county, "--from", f"{year}-01", "--to", f"{year}-12",
                                   "-o", os.path.join(work, "tl.gpkg"), "--overwrite", "-q"])[0]
        if not a.no_scenario:
            _, _, js = run([panhuo, "scenario", a.county, "--as-of", a.as_of, "--scenario",
                            os.path.join(here, "datasets/scenarios/conservative.toml"), "--repeat", "5",
                            "-o", os.path.join(work, "sc.gpkg"), "--overwrite", "--summary", "json"])
            d = json.loads(js)
            t = d.get("seconds", d.get("timing", {}))
            r["variant_ms"] = 1000.0 / t["variants_per_second_fresh"]
        rows.append(r)
        print("target_ratios: run", i + 1, {k: round(v, 4) for k, v in r.items()}, file=sys.stderr)
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    input_mb = os.path.getsize(a.county) / 1e6
    res = {"county": a.county, "input_mb": round(input_mb, 1), "runs": a.runs,
           "scan_per_floor": med["scan_s"] / med["floor_s"], "peak_per_input": med["peak_mb"] / input_mb,
           "threads_1_to_2": med["overlay_1t_s"] / med["overlay_2t_s"]}
    if "timeline_s" in med: res["timeline_per_scan"] = med["timeline_s"] / med["scan_wall_s"]
    if "variant_ms" in med: res["variant_ms"] = med["variant_ms"]
    res.update({k: round(v, 4) for k, v in med.items()})
    line = (f"targets: scan/floor {res['scan_per_floor']:.2f} (<= 2.5 at scale 1, 3 at scale 10), "
            f"peak/input {res['peak_per_input']:.2f} (<= 1.5 at scale 10), "
            f"overlay 1->2 threads {res['threads_1_to_2']:.2f}x (>= 1.8)")
    if "timeline_per_scan" in res: line += f", timeline/scan {res['timeline_per_scan']:.2f} (<= 2)"
    if "variant_ms" in res: line += f", scenario variant {res['variant_ms']:.1f} ms (<= 50 at scale 1)"
    print(line)
    print(f"  medians of {a.runs}: scan {med['scan_s']:.3f} s, floor {med['floor_s']:.3f} s, peak {med['peak_mb']:.0f} MB "
          f"of a {input_mb:.0f} MB input; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if a.csv:
        new = not os.path.exists(a.csv)
        with open(a.csv, "a") as f:
            keys = sorted(res)
            if new: f.write(",".join(keys) + "\n")
            f.write(",".join(str(round(res[k], 4) if isinstance(res[k], float) else res[k]) for k in keys) + "\n")
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
