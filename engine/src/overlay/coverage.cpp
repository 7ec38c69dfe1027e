#include "panhuo/overlay/coverage.hpp"

#include <geos_c.h>

#include <algorithm>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/difference.hpp>
#include <boost/geometry/algorithms/intersection.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/algorithms/perimeter.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>
#include <boost/geometry/algorithms/union.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "panhuo/overlay/geos_bridge.hpp"
#include "panhuo/overlay/point_in_polygon.hpp"
#include "panhuo/overlay/separation.hpp"

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

// Groups pieces that may share area, transitively (small union-find): two pieces are linked when
// their envelopes overlap with positive area and they are not certainly apart
// (overlay/separation.hpp). Pieces of different groups have disjoint interiors, so the area of
// the union of all pieces is the sum of the areas of the groups' unions; a group of one needs
// no union at all.
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
      if (b.box.min_corner().x() >= a.box.max_corner().x()) break;
      // pieces can share area only when their boxes overlap with positive area; pieces that
      // merely touch (adjacent footprints) add up without a union
      if (b.box.min_corner().y() < a.box.max_corner().y() && a.box.min_corner().y() < b.box.max_corner().y() &&
          find(order[i]) != find(order[j]) && !CertainlyApart(a.geom, a.box, b.geom, b.box))
        parent[find(order[i])] = find(order[j]);
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

// Point-in-polygon checks, independent of the overlay machinery: they catch the cases where
// Boost's overlay and relate operations agree with each other and are all wrong.
template <typename Pred>
bool AnyVertex(const MultiPolygon& of, Pred pred) {
  for (const auto& poly : of)
    for (const auto& p : poly.outer())
      if (pred(p)) return true;
  return false;
}
bool AnyVertexStrictlyInside(const MultiPolygon& of, const MultiPolygon& in) {
  return AnyVertex(of, [&](const Point& p) { return PointWithin(p, in); });
}
bool AnyVertexStrictlyOutside(const MultiPolygon& of, const MultiPolygon& in) {
  return AnyVertex(of, [&](const Point& p) { return !PointCoveredBy(p, in); });
}

// Orientation of c relative to the line a→b: >0 left, <0 right, 0 on it.
double Orient(const Point& a, const Point& b, const Point& c) {
  return (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
}

// Whether segments pq and rs meet (crossing or touching).
bool SegmentsMeet(const Point& p, const Point& q, const Point& r, const Point& s) {
  if (std::max(p.x(), q.x()) < std::min(r.x(), s.x()) || std::max(r.x(), s.x()) < std::min(p.x(), q.x()) ||
      std::max(p.y(), q.y()) < std::min(r.y(), s.y()) || std::max(r.y(), s.y()) < std::min(p.y(), q.y()))
    return false;
  const double d1 = Orient(r, s, p), d2 = Orient(r, s, q), d3 = Orient(p, q, r), d4 = Orient(p, q, s);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0;  // touching or collinear: not strictly apart
}

// A cheap, conservative containment test, independent of Boost's overlay: true only when every
// shell vertex of `inner` lies strictly inside `outer`, no edge of inner meets an edge of outer,
// and no ring of outer reaches into inner. False also in doubtful (touching) cases; the caller
// then takes the general path.
bool StrictlyInside(const MultiPolygon& inner, const Box& inner_box, const MultiPolygon& outer) {
  for (const auto& poly : inner)
    for (const auto& v : poly.outer())
      if (!PointWithin(v, outer)) return false;
  auto ring_clear = [&](const Ring& ring) {
    for (size_t j = 0; j + 1 < ring.size(); ++j) {
      const Point &r = ring[j], &t = ring[j + 1];
      if (std::max(r.x(), t.x()) < inner_box.min_corner().x() || std::min(r.x(), t.x()) > inner_box.max_corner().x() ||
          std::max(r.y(), t.y()) < inner_box.min_corner().y() || std::min(r.y(), t.y()) > inner_box.max_corner().y())
        continue;
      for (const auto& poly : inner) {
        const Ring& in = poly.outer();
        for (size_t i = 0; i + 1 < in.size(); ++i)
          if (SegmentsMeet(in[i], in[i + 1], r, t)) return false;
      }
      if (BoxesIntersect(Box(r, r), inner_box) && PointWithin(r, inner)) return false;  // a ring reaching in
    }
    return true;
  };
  for (const auto& poly : outer) {
    if (!ring_clear(poly.outer())) return false;
    for (const auto& h : poly.inners())
      if (!ring_clear(h)) return false;
  }
  return true;
}

// A point inside each polygon of `parts` (of non-negligible area), for witness checks.
template <typename Fn>
bool AllWitnesses(const MultiPolygon& parts, double min_area, Fn ok) {
  for (const auto& poly : parts) {
    MultiPolygon one{poly};
    if (Area(one) <= min_area) continue;
    Point w;
    try {
      bg::point_on_surface(poly, w);
    } catch (const std::exception&) {
      continue;
    }
    if (!ok(w)) return false;
  }
  return true;
}

// The covered geometry from its clusters: disjoint parts side by side, or their union when
// parts touch (side by side they would make an invalid multipolygon). Whatever is handed back is
// valid by GEOS, the reference: a Boost union or intersection can carry a spike or a repeated
// vertex whose area is right and whose ring is not, and a later overlay would fail on it.
bool CoveredGeometry(std::vector<MultiPolygon>& parts, CoverageResult& r) {
  MultiPolygon all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  if (!all.empty() && !geos::IsValid(all)) {
    if (parts.size() < 2) return false;
    all = UnionTree(parts, 0, parts.size());
    if (!geos::IsValid(all)) return false;
  }
  r.covered = std::move(all);
  return true;
}

// Check tolerance of the area identity: errors scale with the overlapping geometry, so a small
// candidate inside a huge target is checked at its own scale.
double Tolerance(const Shape& target, std::span<const Shape> cands, const CoverageOptions& o) {
  double touching_area = 0.0;
  for (const Shape& c : cands)
    if (BoxesIntersect(target.box, c.box)) touching_area += c.area;
  return o.rel_tolerance * std::min(target.area, touching_area) + o.abs_tolerance;
}

// The Boost path; returns false when a check fails (the caller then takes the robust path).
// covered comes from the union of the intersection pieces; when the remainder is wanted it comes
// from differences with the original candidates, two independent computations whose area
// identity catches the wrong results Boost 1.74 gives on near-degenerate input. When only areas
// are wanted, each crossing piece is checked against its candidate instead (c ∩ t and c − t),
// which avoids building a target riddled with holes.
bool BoostCoverage(const Shape& target, std::span<const Shape> cands, const CoverageOptions& o,
                   CoverageResult& r) {
  const double tol = Tolerance(target, cands, o);
  if (!std::isfinite(tol)) return false;  // a non-finite area: no check could pass honestly
  std::vector<Piece> pieces;
  std::vector<size_t> touching;  // candidates whose envelope meets the target's
  int whole = -1;                // a candidate that covers the target whole
  bool whole_strict = false;     // ... established by StrictlyInside
  for (size_t k = 0; k < cands.size(); ++k) {
    const Shape& c = cands[k];
    if (!BoxesIntersect(target.box, c.box)) continue;
    touching.push_back(k);
    if (whole < 0 && BoxWithin(target.box, c.box) && StrictlyInside(*target.geom, target.box, *c.geom)) {
      whole = static_cast<int>(k);
      whole_strict = true;
      if (o.want_piece_areas) r.piece_area[k] = target.area;
      continue;
    }
    if (whole < 0 && BoxWithin(target.box, c.box) && bg::covered_by(*target.geom, *c.geom)) {
      if (AnyVertexStrictlyOutside(*target.geom, *c.geom)) return false;
      whole = static_cast<int>(k);
      if (o.want_piece_areas) r.piece_area[k] = target.area;
      continue;
    }
    Piece p;
    if (BoxWithin(c.box, target.box) && StrictlyInside(*c.geom, c.box, *target.geom)) {
      // wholly inside: the piece is the candidate itself, exactly
      p.geom = *c.geom;
      p.area = c.area;
      if (o.want_piece_areas) r.piece_area[k] = p.area;
      p.box = c.box;
      pieces.push_back(std::move(p));
      continue;
    }
    if (BoxWithin(c.box, target.box) && bg::covered_by(*c.geom, *target.geom)) {
      if (AnyVertexStrictlyOutside(*c.geom, *target.geom)) return false;
      p.geom = *c.geom;
      p.area = c.area;
    } else if (CertainlyApart(*target.geom, target.box, *c.geom, c.box)) {
      // interiors certainly apart (an exact test of its own, overlay/separation.hpp): no piece,
      // nothing to take from the remainder, no vertex of the target in it
      touching.pop_back();
      continue;
    } else {
      bg::intersection(*target.geom, *c.geom, p.geom);
      p.area = Area(p.geom);
      if (p.area < -tol || p.area > std::min(target.area, c.area) + tol) return false;
      // an empty result while a vertex of one lies strictly inside the other is wrong
      if (p.area <= tol && (AnyVertexStrictlyInside(*target.geom, *c.geom) ||
                            AnyVertexStrictlyInside(*c.geom, *target.geom)))
        return false;
      if (!o.want_remainder && p.area > tol) {
        // areas only: check the piece on the candidate's side, area(c ∩ t) + area(c − t) = area(c)
        MultiPolygon outside;
        bg::difference(*c.geom, *target.geom, outside);
        const double tol_c = o.rel_tolerance * std::min(c.area, target.area) + o.abs_tolerance;
        if (!Close(p.area + Area(outside), c.area, tol_c)) return false;
      }
    }
    if (o.want_piece_areas) r.piece_area[k] = p.area;
    if (p.geom.empty()) continue;
    // every piece lies in the target and in the candidate
    if (!AllWitnesses(p.geom, tol, [&](const Point& w) {
          return PointCoveredBy(w, *target.geom) && PointCoveredBy(w, *c.geom);
        }))
      return false;
    p.box = Envelope(p.geom);
    pieces.push_back(std::move(p));
  }
  if (whole >= 0) {
    if (!whole_strict) {
      // confirm Boost's containment with an independent difference
      MultiPolygon rest;
      bg::difference(*target.geom, *cands[static_cast<size_t>(whole)].geom, rest);
      if (std::fabs(Area(rest)) > tol) return false;
    }
    r.covered_area = target.area;
    r.remainder_area = 0.0;
    if (o.want_covered) r.covered = *target.geom;
    return true;
  }
  double covered = 0.0;
  std::vector<MultiPolygon> covered_parts;
  for (const auto& group : Clusters(pieces)) {
    if (group.size() == 1) {
      covered += pieces[group[0]].area;
      if (o.want_covered) covered_parts.push_back(std::move(pieces[group[0]].geom));
      continue;
    }
    std::vector<MultiPolygon> parts;
    double sum = 0.0, largest = 0.0;
    for (size_t i : group) {
      sum += pieces[i].area;
      largest = std::max(largest, pieces[i].area);
      parts.push_back(pieces[i].geom);
    }
    MultiPolygon u = UnionTree(parts, 0, parts.size());
    const double area = Area(u);
    // the union holds every piece and is no larger than their sum
    if (area < largest - tol || area > sum + tol) return false;
    for (size_t i : group)
      if (!AllWitnesses(pieces[i].geom, tol, [&](const Point& w) { return PointCoveredBy(w, u); })) return false;
    covered += area;
    if (o.want_covered) covered_parts.push_back(std::move(u));
  }
  if (!o.want_remainder) {
    // Areas only: every piece was checked on its own (contained candidates exactly, crossing ones
    // by the candidate-side identity), so the remainder is the target less what is covered.
    r.covered_area = covered;
    r.remainder_area = target.area - covered;
    if (r.remainder_area < -tol) return false;
    if (r.remainder_area < 0.0) r.remainder_area = 0.0;
    if (o.want_covered) return CoveredGeometry(covered_parts, r);
    return true;
  }
  MultiPolygon remainder = *target.geom;
  for (size_t k : touching) {
    if (remainder.empty()) break;
    MultiPolygon next;
    bg::difference(remainder, *cands[k].geom, next);
    remainder = std::move(next);
  }
  r.covered_area = covered;
  r.remainder_area = Area(remainder);
  if (!Close(r.covered_area + r.remainder_area, target.area, tol)) return false;
  if (r.covered_area < -tol || r.remainder_area < -tol) return false;
  // Witnesses: what remains lies in no candidate; nothing remaining means no target vertex lies
  // strictly outside every candidate.
  if (!AllWitnesses(remainder, tol, [&](const Point& w) {
        for (size_t k : touching)
          if (PointWithin(w, *cands[k].geom)) return false;
        return true;
      }))
    return false;
  if (r.remainder_area <= tol &&
      AnyVertex(*target.geom, [&](const Point& v) {
        for (size_t k : touching)
          if (PointCoveredBy(v, *cands[k].geom)) return false;
        return true;
      }))
    return false;
  if (o.want_remainder) {
    // validity by GEOS, the reference: Boost accepts some rings GEOS calls self-intersecting
    if (!remainder.empty() && !geos::IsValid(remainder)) return false;
    r.remainder = std::move(remainder);
  }
  if (o.want_covered) return CoveredGeometry(covered_parts, r);
  return true;
}

// GEOS geometry of a shape; with `repair`, an invalid one goes through MakeValid first (an
// intermediate result handed in as a target may be invalid where input polygons never are).
geos::Geom ToGeos(const MultiPolygon& mp, bool repair) {
  GEOSContextHandle_t h = geos::ThisThread();
  geos::Geom g = geos::FromBoost(mp);
  if (repair && GEOSisValid_r(h, g.get()) != 1) {
    geos::Geom v(GEOSMakeValid_r(h, g.get()));
    if (v) return v;
  }
  return g;
}

// The robust paths: GEOS OverlayNG in floating point (grid = 0, with its own snapping
// fallbacks), or snap-rounded to a fixed grid of `grid` metres, which does not fail on valid
// input. The result is checked like Boost's: the area identity (widened by what snapping may
// move, grid × perimeter) and the validity of any geometry handed back.
bool GeosCoverage(const Shape& target, std::span<const Shape> cands, const CoverageOptions& o, double grid,
                  CoverageResult& r) {
  GEOSContextHandle_t h = geos::ThisThread();
  const bool snap = grid > 0.0;
  auto intersection = [&](const GEOSGeometry* a, const GEOSGeometry* b) {
    return snap ? GEOSIntersectionPrec_r(h, a, b, grid) : GEOSIntersection_r(h, a, b);
  };
  geos::Geom t = ToGeos(*target.geom, snap);
  std::vector<geos::Geom> pieces;
  for (size_t k = 0; k < cands.size(); ++k) {
    if (!BoxesIntersect(target.box, cands[k].box)) continue;
    geos::Geom c = ToGeos(*cands[k].geom, snap);
    geos::Geom p(intersection(t.get(), c.get()));
    if (!p) return false;
    if (o.want_piece_areas) r.piece_area[k] = geos::Area(p.get());
    pieces.push_back(std::move(p));
  }
  std::vector<GEOSGeometry*> raw;
  for (auto& p : pieces) raw.push_back(p.release());
  geos::Geom coll(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.empty() ? nullptr : raw.data(),
                                              static_cast<unsigned>(raw.size())));
  geos::Geom u(snap ? GEOSUnaryUnionPrec_r(h, coll.get(), grid) : GEOSUnaryUnion_r(h, coll.get()));
  if (!u) return false;
  geos::Geom rem(snap ? GEOSDifferencePrec_r(h, t.get(), u.get(), grid) : GEOSDifference_r(h, t.get(), u.get()));
  if (!rem) return false;
  r.covered_area = geos::Area(u.get());
  r.remainder_area = geos::Area(rem.get());
  if (!std::isfinite(r.covered_area) || !std::isfinite(r.remainder_area)) return false;
  const double tol = Tolerance(target, cands, o) + (snap ? 2.0 * grid * bg::perimeter(*target.geom) : 0.0);
  if (!Close(r.covered_area + r.remainder_area, target.area, tol)) return false;
  if (o.want_remainder) {
    if (GEOSisValid_r(h, rem.get()) != 1) return false;
    r.remainder = geos::ToBoost(rem.get());
  }
  if (o.want_covered) {
    if (GEOSisValid_r(h, u.get()) != 1) return false;
    r.covered = geos::ToBoost(u.get());
  }
  return true;
}

// One robust attempt; on failure, the reason for the caller's error text.
bool TryGeos(const Shape& target, std::span<const Shape> cands, const CoverageOptions& o, double grid,
             CoverageResult& r, std::string& why) {
  if (o.want_piece_areas) r.piece_area.assign(cands.size(), 0.0);
  geos::TakeLastError();
  bool ok = false;
  try {
    ok = GeosCoverage(target, cands, o, grid, r);
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
  if (!ok) {
    why = geos::TakeLastError();
    if (why.empty()) why = "result failed its area or validity check";
  }
  return ok;
}

}  // namespace

CoverageResult Coverage(const Shape& target, std::span<const Shape> candidates,
                        const CoverageOptions& options) {
  CoverageResult r;
  std::string boost_why = "not tried";
  if (!options.force_robust) {
    if (options.want_piece_areas) r.piece_area.assign(candidates.size(), 0.0);
    bool ok = false;
    try {
      ok = BoostCoverage(target, candidates, options, r);
      if (!ok) boost_why = "result failed its checks";
    } catch (const std::exception& e) {
      boost_why = e.what();
    }
    if (ok) return r;
  }
  std::string geos_why, snapped_why;
  CoverageResult robust;
  robust.fallback = !options.force_robust;
  if (TryGeos(target, candidates, options, 0.0, robust, geos_why)) return robust;
  robust = CoverageResult{};
  robust.fallback = true;
  if (TryGeos(target, candidates, options, kSnapGridMetres, robust, snapped_why)) return robust;
  CoverageResult failed;
  failed.fallback = true;
  failed.failed = true;
  if (options.want_piece_areas) failed.piece_area.assign(candidates.size(), 0.0);
  failed.error = "Boost: " + boost_why + "; GEOS: " + geos_why + "; GEOS on a 1e-6 m grid: " + snapped_why;
  return failed;
}

}  // namespace panhuo
