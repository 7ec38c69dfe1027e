#!/usr/bin/python3
"""Checks a peer's per-feature areas against panhuo's output (tools/compare_peers.sh).

usage: check_areas.py PANHUO_OUT.gpkg PEER_NAME PEER_UNSUPPLIED.csv PEER_BUILT.csv [MIN_HA]

panhuo's `unsupplied` layer lists approvals with unsupplied_ha >= MIN_HA (0.01 ha): on the
approvals both list, the areas must agree; every approval the peer has and panhuo does not list
must have less than MIN_HA in the peer. panhuo's `supply_status` has built_ha for every supply
dated <= T: the peer must have the same supplies with the same areas. Areas agree when they
differ by at most 1e-6 ha or 1e-6 relative. Prints one line of figures; exit 1 (with the worst
cases) on any disagreement.
"""
import csv
import json
import sqlite3
import sys

ABS_HA = 1e-6
REL = 1e-6


def agree(a, b):
    return abs(a - b) <= max(ABS_HA, REL * max(abs(a), abs(b)))


def read_csv(path, key, value):
    with open(path, newline="") as f:
        return {row[key]: float(row[value]) for row in csv.DictReader(f)}


def main():
    out, peer, unsupplied_csv, built_csv = sys.argv[1:5]
    min_ha = float(sys.argv[5]) if len(sys.argv) > 5 else 0.01
    db = sqlite3.connect(f"file:{out}?mode=ro", uri=True)
    ph_unsupplied = dict(db.execute("SELECT approval_id, unsupplied_ha FROM unsupplied"))
    ph_built = dict(db.execute("SELECT supply_id, built_ha FROM supply_status"))
    peer_unsupplied = read_csv(unsupplied_csv, "approval_id", "unsupplied_ha")
    peer_built = read_csv(built_csv, "supply_id", "built_ha")

    problems = []
    worst = 0.0
    compared_a = 0
    for aid, ha in ph_unsupplied.items():
        if aid not in peer_unsupplied:
            problems.append(f"approval {aid}: panhuo lists {ha:.9f} ha unsupplied, {peer} has no such approval")
            continue
        compared_a += 1
        worst = max(worst, abs(ha - peer_unsupplied[aid]))
        if not agree(ha, peer_unsupplied[aid]):
            problems.append(f"approval {aid}: unsupplied_ha panhuo {ha:.9f}, {peer} {peer_unsupplied[aid]:.9f}")
    unlisted = 0
    for aid, ha in peer_unsupplied.items():
        if aid in ph_unsupplied:
            continue
        unlisted += 1
        if ha >= min_ha + ABS_HA:
            problems.append(f"approval {aid}: {peer} has {ha:.9f} ha unsupplied, panhuo lists it not (< {min_ha})")
    compared_s = 0
    for sid, ha in ph_built.items():
        if sid not in peer_built:
            problems.append(f"supply {sid}: panhuo has built_ha {ha:.9f}, {peer} has no such supply")
            continue
        compared_s += 1
        worst = max(worst, abs(ha - peer_built[sid]))
        if not agree(ha, peer_built[sid]):
            problems.append(f"supply {sid}: built_ha panhuo {ha:.9f}, {peer} {peer_built[sid]:.9f}")
    for sid in peer_built.keys() - ph_built.keys():
        problems.append(f"supply {sid}: {peer} has it, panhuo's supply_status does not")

    summary = {"peer": peer, "approvals_compared": compared_a, "approvals_below_min_in_both": unlisted,
               "supplies_compared": compared_s, "max_abs_diff_ha": worst, "disagreements": len(problems)}
    print(json.dumps(summary))
    if problems:
        print(f"AREAS DISAGREE between panhuo and {peer}: {len(problems)} features (tolerance "
              f"{ABS_HA} ha or {REL} relative); first ones:", file=sys.stderr)
        for p in problems[:20]:
            print("  " + p, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
