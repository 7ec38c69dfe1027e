#include "panhuo/overlay/coverage.hpp"

#include <geos_c.h>

#include <algorithm>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/difference.hpp>
#include <boost/geometry/algorithms/intersection.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/algorithms/union.hpp>
#include <cmath>
#include <numeric>

#include "panhuo/overlay/geos_bridge.hpp"

namespace panhuo {
namespace bg = boost::geometry;
namespace {

struct Piece {
  MultiPolygon geom;
  Box box;
  double area = 0.0;
};

MultiPolygon UnionTree(std::vector<MultiPolygon>& parts, size_t lo, size_t hi) {
  if (hi - lo == 1) return std::move(parts[lo]);
  const size_t mid = lo + (hi - lo) / 2;
  MultiPolygon a = UnionTree(parts, lo, mid), b = UnionTree(parts, mid, hi);
  MultiPolygon out;
  bg::union_(a, b, out);
  return out;
}

// Groups pieces whose envelopes overlap, transitively (small union-find).
std::vector<std::vector<size_t>> Clusters(const std::vector<Piece>& pieces) {
  const size_t n = pieces.size();
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // sweep on min x so that only pieces overlapping in x are compared
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return pieces[a].box.min_corner().x() < pieces[b].box.min_corner().x() ||
           (pieces[a].box.min_corner().x() == pieces[b].box.min_corner().x() && a < b);
  });
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      const Piece& a = pieces[order[i]];
      const Piece& b = pieces[order[j]];
      if (b.box.min_corner().x() > a.box.max_corner().x()) break;
      if (BoxesIntersect(a.box, b.box)) parent[find(order[i])] = find(order[j]);
    }
  std::vector<std::vector<size_t>> groups;
  std::vector<size_t> slot(n, SIZE_MAX);
  for (size_t i = 0; i < n; ++i) {
    const size_t r = find(i);
    if (slot[r] == SIZE_MAX) {
      slot[r] = groups.size();
      groups.emplace_back();
    }
    groups[slot[r]].push_back(i);
  }
  return groups;
}

bool Close(double a, double b, double tol) { return std::fabs(a - b) <= tol; }

// The Boost path; returns false when a check fails (the caller then takes the robust path).
bool BoostCoverage(const Shape& target, std::span<const Shape> cands, const CoverageOptions& o,
                   CoverageResult& r) {
  const double tol = o.rel_tolerance * target.area + o.abs_tolerance;
  std::vector<Piece> pieces;
  bool whole = false;  // target lies wholly inside one candidate
  for (size_t k = 0; k < cands.size(); ++k) {
    const Shape& c = cands[k];
    if (!BoxesIntersect(target.box, c.box)) continue;
    if (BoxWithin(target.box, c.box) && bg::covered_by(*target.geom, *c.geom)) {
      whole = true;
      if (o.want_piece_areas) r.piece_area[k] = target.area;
      continue;
    }
    Piece p;
    if (BoxWithin(c.box, target.box) && bg::covered_by(*c.geom, *target.geom)) {
      p.geom = *c.geom;
      p.area = c.area;
    } else {
      bg::intersection(*target.geom, *c.geom, p.geom);
      p.area = Area(p.geom);
      if (p.area < -tol || p.area > std::min(target.area, c.area) + tol) return false;
    }
    if (o.want_piece_areas) r.piece_area[k] = p.area;
    if (p.geom.empty()) continue;
    p.box = Envelope(p.geom);
    pieces.push_back(std::move(p));
  }
  if (whole) {
    r.covered_area = target.area;
    r.remainder_area = 0.0;
    if (o.want_covered) r.covered = *target.geom;
    return true;
  }
  MultiPolygon remainder = *target.geom;
  double covered = 0.0;
  std::vector<MultiPolygon> covered_parts;
  for (const auto& group : Clusters(pieces)) {
    MultiPolygon u;
    if (group.size() == 1) {
      u = std::move(pieces[group[0]].geom);
      covered += pieces[group[0]].area;
    } else {
      std::vector<MultiPolygon> parts;
      for (size_t i : group) parts.push_back(std::move(pieces[i].geom));
      u = UnionTree(parts, 0, parts.size());
      covered += Area(u);
    }
    MultiPolygon next;
    bg::difference(remainder, u, next);
    remainder = std::move(next);
    if (o.want_covered) covered_parts.push_back(std::move(u));
  }
  r.covered_area = covered;
  r.remainder_area = Area(remainder);
  if (!Close(r.covered_area + r.remainder_area, target.area, tol)) return false;
  if (r.covered_area < -tol || r.remainder_area < -tol) return false;
  if (o.want_remainder) {
    if (!remainder.empty() && !bg::is_valid(remainder)) return false;
    r.remainder = std::move(remainder);
  }
  if (o.want_covered) {
    MultiPolygon all;
    for (auto& part : covered_parts) all.insert(all.end(), part.begin(), part.end());
    // parts are disjoint clusters; touching ones would make an invalid multipolygon
    if (covered_parts.size() > 1 && !bg::is_valid(all)) {
      std::vector<MultiPolygon> ps(covered_parts.begin(), covered_parts.end());
      all = UnionTree(ps, 0, ps.size());
      if (!bg::is_valid(all)) return false;
    }
    r.covered = std::move(all);
  }
  return true;
}

bool GeosCoverage(const Shape& target, std::span<const Shape> cands, const CoverageOptions& o,
                  CoverageResult& r) {
  GEOSContextHandle_t h = geos::ThisThread();
  geos::Geom t = geos::FromBoost(*target.geom);
  std::vector<GEOSGeometry*> pieces;
  bool ok = true;
  for (size_t k = 0; k < cands.size(); ++k) {
    if (!BoxesIntersect(target.box, cands[k].box)) continue;
    geos::Geom c = geos::FromBoost(*cands[k].geom);
    GEOSGeometry* p = GEOSIntersection_r(h, t.get(), c.get());
    if (!p) {
      ok = false;
      break;
    }
    if (o.want_piece_areas) r.piece_area[k] = geos::Area(p);
    pieces.push_back(p);
  }
  if (!ok) {
    for (auto* p : pieces) GEOSGeom_destroy_r(h, p);
    return false;
  }
  geos::Geom coll(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, pieces.empty() ? nullptr : pieces.data(),
                                              static_cast<unsigned>(pieces.size())));
  geos::Geom u(GEOSUnaryUnion_r(h, coll.get()));
  if (!u) return false;
  geos::Geom rem(GEOSDifference_r(h, t.get(), u.get()));
  if (!rem) return false;
  r.covered_area = geos::Area(u.get());
  r.remainder_area = geos::Area(rem.get());
  if (o.want_remainder) r.remainder = geos::ToBoost(rem.get());
  if (o.want_covered) r.covered = geos::ToBoost(u.get());
  return true;
}

}  // namespace

CoverageResult Coverage(const Shape& target, std::span<const Shape> candidates,
                        const CoverageOptions& options) {
  CoverageResult r;
  if (options.want_piece_areas) r.piece_area.assign(candidates.size(), 0.0);
  if (!options.force_robust) {
    bool ok = false;
    try {
      ok = BoostCoverage(target, candidates, options, r);
    } catch (const std::exception&) {
      ok = false;
    }
    if (ok) return r;
  }
  CoverageResult robust;
  if (options.want_piece_areas) robust.piece_area.assign(candidates.size(), 0.0);
  robust.fallback = !options.force_robust;
  if (GeosCoverage(target, candidates, options, robust)) return robust;
  r.fallback = true;
  r.failed = true;
  return r;
}

}  // namespace panhuo
