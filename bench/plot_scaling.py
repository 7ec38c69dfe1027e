#!/usr/bin/python3
"""Plots tools/scaling.sh's CSV: wall time (panhuo scan by phase, and the GDAL read floor) and
peak memory against the county's size.  usage: plot_scaling.py scaling.csv scaling.png"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    src, out = sys.argv[1], sys.argv[2]
    rows = list(csv.DictReader(open(src)))
    feats = [int(r["features"]) for r in rows]
    col = lambda k: [float(r[k]) for r in rows]  # noqa: E731
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.8))
    ax1.loglog(feats, col("scan_s"), "o-", label="panhuo scan (total wall)")
    for key, style in (("read_s", "v--"), ("index_s", "x:"), ("overlay_rules_s", "s--"), ("write_s", "d:")):
        ax1.loglog(feats, [max(v, 1e-3) for v in col(key)], style, alpha=0.7, label=f"  phase: {key[:-2]}")
    ax1.loglog(feats, col("floor_s"), "k^-", label="GDAL read floor (Arrow)")
    for f, s, r in zip(feats, col("scan_s"), rows):
        ax1.annotate(f"scale {r['scale']}\n{float(r['scan_per_floor']):.0f}x floor", (f, s),
                     textcoords="offset points", xytext=(-10, 8), fontsize=7)
    ax1.set_xlabel("input features (all layers)")
    ax1.set_ylabel("wall time, s")
    ax1.set_title("time")
    ax1.grid(True, which="both", alpha=0.3)
    ax1.legend(fontsize=7, loc="lower right")
    mb = col("input_mb")
    ax2.loglog(mb, col("scan_peak_mb"), "o-", label="panhuo scan peak RSS")
    ax2.loglog(mb, col("floor_peak_mb"), "k^-", label="GDAL read floor peak RSS")
    ax2.loglog(mb, [1.5 * m for m in mb], "r:", label="1.5 x input size (target at scale 10)")
    ax2.loglog(mb, mb, "g:", label="1 x input size")
    ax2.set_xlabel("input GeoPackage, MB")
    ax2.set_ylabel("peak RSS, MB")
    ax2.set_title("memory")
    ax2.grid(True, which="both", alpha=0.3)
    ax2.legend(fontsize=7)
    r0 = rows[0]
    fig.suptitle(f"panhuo scan scaling (seed {r0['seed']}, commit {r0['commit']}, {r0['machine']})", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
