#!/usr/bin/python3
"""GeoPandas peer of panhuo's two area determinations (tools/compare_peers.sh).

Written as a typical analyst would: read the three layers with geopandas.read_file, keep what
is dated on or before T, find candidates with sjoin (R-tree, 'intersects'), then per target the
unary_union of its candidates and one difference / intersection:
  unsupplied_ha per approval dated <= T:  area(a - U supplies dated <= T)      (批而未供)
  built_ha      per supply   dated <= T:  area(s & U construction dated <= T)  (供而未用)

usage: geopandas_scan.py COUNTY.gpkg AS_OF OUT_DIR
writes OUT_DIR/geopandas_unsupplied.csv, OUT_DIR/geopandas_built.csv, and prints one JSON line
with the read and compute times.
"""
import json
import os
import sys
import time

import geopandas as gpd
import pandas as pd
from shapely.ops import unary_union


def dated_until(df, column, as_of):
    return df[pd.to_datetime(df[column]) <= pd.Timestamp(as_of)]


def covered_by_union(targets, target_id, candidates, op):
    """For every target, op(target geometry, union of its intersecting candidates) -> m²."""
    pairs = gpd.sjoin(targets[[target_id, "geometry"]], candidates[["geometry"]], how="left",
                      predicate="intersects")
    out = {}
    for tid, group in pairs.groupby(target_id, sort=False):
        geom = targets.loc[group.index[0], "geometry"]
        hits = group["index_right"].dropna().astype(int).unique()
        union = unary_union(candidates.geometry.loc[hits].values) if len(hits) else None
        out[tid] = op(geom, union)
    return out


def main():
    path, as_of, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    t0 = time.perf_counter()
    approvals = gpd.read_file(path, layer="approvals")
    supplies = gpd.read_file(path, layer="supplies")
    construction = gpd.read_file(path, layer="construction")
    t1 = time.perf_counter()

    approvals_t = dated_until(approvals, "approval_date", as_of)
    supplies_t = dated_until(supplies, "supply_date", as_of)
    construction_t = dated_until(construction, "observed_date", as_of)

    unsupplied = covered_by_union(
        approvals_t, "approval_id", supplies_t,
        lambda a, u: (a.area if u is None else a.difference(u).area))
    built = covered_by_union(
        supplies_t, "supply_id", construction_t,
        lambda s, u: (0.0 if u is None else s.intersection(u).area))
    t2 = time.perf_counter()

    pd.DataFrame({"approval_id": list(unsupplied.keys()),
                  "unsupplied_ha": [v / 10000.0 for v in unsupplied.values()]}).to_csv(
        os.path.join(out_dir, "geopandas_unsupplied.csv"), index=False, float_format="%.17g")
    pd.DataFrame({"supply_id": list(built.keys()),
                  "built_ha": [v / 10000.0 for v in built.values()]}).to_csv(
        os.path.join(out_dir, "geopandas_built.csv"), index=False, float_format="%.17g")
    print(json.dumps({"read_s": t1 - t0, "compute_s": t2 - t1,
                      "approvals": len(unsupplied), "supplies": len(built)}))


if __name__ == "__main__":
    main()
